"""`lkip check`: one file or a folder, any output format."""

from __future__ import annotations

import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.check.config import make_config
from drafter.check.context import CheckConfig
from drafter.check.registry import CATEGORIES, SEVERITIES, Issue
from drafter.check.stdin import STDIN_ARG, stdin_display_name
from drafter.errors import LkipError, term_safe

if TYPE_CHECKING:
    from drafter.check.runner import PhaseTimer
    from drafter.report.views import ReportOptions

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")
_STARTED_AT: float | None = None  # process age when `lkip check --timings` began (start-up)


@dataclass
class FileResult:
    path: str
    issues: list[Issue] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    error: str | None = None  # one-line reason when the file could not be checked
    source: str | None = None  # the file to re-read for display when ``path`` is a name (stdin)
    timings: dict[str, float] | None = None  # seconds per phase (``--timings``), else None
    checklist: Any = None  # the completeness checklist (--select CM), else None

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues)


def check_file(path: str | Path, config: CheckConfig, timer: PhaseTimer | None = None) -> FileResult:
    """Read and check one file. Raises LkipError when the file cannot be read.

    With a ``timer`` the time of each phase is added to it and copied to ``FileResult.timings``.
    """
    from drafter.check.rules.completeness import checklist_of
    from drafter.check.runner import check_document
    from drafter.document.readers import read_document

    if timer is None:
        doc = read_document(path)
        issues, notices = check_document(doc, config)
        return FileResult(str(path), issues, notices, checklist=checklist_of(doc))
    with timer.phase("read"):
        doc = read_document(path)
    issues, notices = check_document(doc, config, timer=timer)
    return FileResult(str(path), issues, notices, timings=dict(timer.phases),
                      checklist=checklist_of(doc))


def _check_safe(args: tuple[str, CheckConfig] | tuple[str, CheckConfig, bool]) -> FileResult:
    path, config = args[0], args[1]
    timed = len(args) > 2 and bool(args[2])
    try:
        if timed:
            from drafter.check.runner import PhaseTimer

            return check_file(path, config, PhaseTimer())
        return check_file(path, config)
    except LkipError as err:
        return FileResult(path, error=str(err))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        return FileResult(path, error=f"{path}: tidak dapat diperiksa ({type(exc).__name__}: {exc})")


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def collect_files(folder: Path, *, follow_symlinks: bool = False,
                  skipped: list[Path] | None = None) -> list[Path]:
    """The reports under ``folder`` (sorted, recursive, Office lock files ``~$...`` left out).

    A symbolic link (file or folder) is followed only when its target lies inside ``folder``,
    unless ``follow_symlinks``; links left out are appended to ``skipped``. Folder loops are
    walked once.
    """
    root = folder.resolve()
    found: list[Path] = []
    seen_dirs: set[Path] = set()
    stack = [folder]
    while stack:
        d = stack.pop()
        real = d.resolve()
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            p = Path(e.path)
            try:
                is_link = e.is_symlink()
                if is_link:
                    target = p.resolve()
                    if not follow_symlinks and not _inside(target, root):
                        if skipped is not None and (target.is_dir() or
                                                    p.suffix.lower() in SUPPORTED_SUFFIXES):
                            skipped.append(p)
                        continue
                if e.is_dir():
                    stack.append(p)
                elif e.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES \
                        and not p.name.startswith("~$"):
                    found.append(p)
            except (OSError, RuntimeError):  # broken or looping link
                continue
    return sorted(found)


def summary(results: Sequence[FileResult]) -> dict[str, object]:
    cats: Counter[str] = Counter()
    sev: Counter[str] = Counter()
    for r in results:
        for i in r.issues:
            cats[i.category] += 1
            sev[i.severity] += 1
    return {
        "files": len(results),
        "files_failed": sum(1 for r in results if r.error),
        "issues": sum(len(r.issues) for r in results),
        "by_category": {c: cats[c] for c in CATEGORIES if cats[c]},
        "by_severity": {s: sev[s] for s in SEVERITIES if sev[s]},
    }


def max_jobs() -> int:
    return 2 * (os.cpu_count() or 1)


def check_jobs(jobs: int | None) -> int:
    """The number of worker processes: ``jobs`` checked against 1..2 x CPUs (default: CPUs)."""
    top = max_jobs()
    if jobs is None:
        return os.cpu_count() or 1
    if not 1 <= jobs <= top:
        raise LkipError(f"jumlah proses harus antara 1 dan {top} (mesin ini punya "
                        f"{os.cpu_count() or 1} CPU), bukan {jobs}", field="-j/--jobs")
    return jobs


def _set_parent_death_signal() -> None:
    """Linux: the kernel kills this process when its parent dies (even by SIGKILL)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no libc/prctl
        pass


def _worker_init(parent: int) -> None:
    """Worker start-up: die with the parent, leave Ctrl-C and SIGTERM handling to it."""
    _set_parent_death_signal()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the batch
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _kill_workers(pool: object) -> None:
    """Stop the workers now (parent side): used on Ctrl-C, SIGTERM or any error."""
    procs = getattr(pool, "_processes", None) or {}
    for proc in list(procs.values()):
        try:
            proc.kill()
        except (OSError, AttributeError, ValueError):
            pass
    for proc in list(procs.values()):
        try:
            proc.join(1)
        except (OSError, AttributeError, ValueError, AssertionError):
            pass


def _progress(enabled: bool, total: int) -> tuple[AbstractContextManager[object], Callable[[], None]]:
    """A transient progress bar on the standard error (rich), or nothing when disabled: the
    bar is drawn only on a terminal and rich is imported only then."""
    if not enabled:
        return nullcontext(), lambda: None
    from rich.console import Console
    from rich.progress import Progress

    # refreshed on each finished file, not by a thread: the workers are forked while the bar
    # is shown, and a fork must not copy a thread that may hold a lock
    bar = Progress(console=Console(stderr=True), transient=True, auto_refresh=False)
    task = bar.add_task("Memeriksa", total=total)
    bar.refresh()

    def advance() -> None:
        bar.advance(task)
        bar.refresh()

    return bar, advance


def check_many(files: Sequence[Path], config: CheckConfig, jobs: int | None = None,
               progress: bool = True, *, timings: bool = False) -> list[FileResult]:
    """Check several files in parallel with a progress bar; unreadable files are kept as errors.

    Work is shared across documents: the rules, their data, the gazetteer and the dictionary
    are loaded once per process. With several workers the parent first checks a small built-in
    report (:func:`_preload`) and then starts them (fork), so every worker begins with all of
    that already loaded (copy-on-write) instead of loading it again. Every real file is still
    checked in a worker, so a file that kills its process (out of memory) stays one file error.

    Workers die with the parent (Linux ``PR_SET_PDEATHSIG``) and are killed by the parent on
    any interruption, so Ctrl-C stops a long batch at once.
    """
    n = check_jobs(jobs)
    args = [(str(f), config, timings) for f in files]
    results: dict[str, FileResult] = {}
    bar, advance = _progress(progress, len(args))
    with bar:
        if n <= 1 or len(args) <= 1:
            for a in args:
                results[a[0]] = _check_safe(a)
                advance()
        else:
            _preload(config)
            _run_pool(args, min(n, len(args)), results, advance)
    return [results[a[0]] for a in args]


# A small report that exercises every kind of rule data (text, table, scale words, years,
# places, spelling) without naming any real office: checked once in the parent before forking.
_PRELOAD_TEXT = """# LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024

Kecamatan Contoh, Kabupaten Contoh, Provinsi Contoh

## BAB III AKUNTABILITAS KINERJA

### A. Capaian Kinerja Organisasi

Tabel 3.1 Pengukuran Kinerja Tahun 2024

| No | Sasaran | Indikator | Target | Realisasi | Capaian (%) |
| --- | --- | --- | --- | --- | --- |
| 1 | Meningkatnya kualitas pelayanan | Indeks kepuasan masyarakat | 80 | 82 | 102,50 |

Capaian indikator tersebut sebesar 102,50 persen dengan kategori sangat baik, lebih tinggi
daripada tahun 2023. Anggaran sebesar Rp 1.250.000.000 (satu miliar dua ratus lima puluh juta
rupiah) terealisasi 95,00 persen.
"""


def _preload(config: CheckConfig) -> None:
    """Load the rules and their data in this process by checking :data:`_PRELOAD_TEXT`
    (never fails: a problem here only means the workers load the data themselves)."""
    try:
        from drafter.check.runner import check_document
        from drafter.document.readers import parse_text

        check_document(parse_text(_PRELOAD_TEXT, "<preload>.md", markdown=True), config)
    except Exception:  # noqa: BLE001, S110 - a warm-up only
        pass


def _pool_context() -> object | None:
    """The fork start method where it exists (workers inherit the loaded rules and data)."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None  # pragma: no cover - Windows, macOS defaults


def _run_pool(args: Sequence[tuple[str, CheckConfig, bool]], workers: int,
              results: dict[str, FileResult], advance: Callable[[], None]) -> None:
    import gc
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_init,
                               initargs=(os.getpid(),),
                               mp_context=_pool_context())  # type: ignore[arg-type]
    done = False
    try:
        # the workers are forked at the first submit; objects frozen then are never touched
        # by their garbage collector, so the loaded rules and data stay shared pages
        gc.collect()
        gc.freeze()
        try:
            futs = {pool.submit(_check_safe, a): a[0] for a in args}
        finally:
            gc.unfreeze()
        for fut in as_completed(futs):
            path = futs[fut]
            try:
                results[path] = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker killed (out of memory)
                results[path] = FileResult(path, error=term_safe(
                    f"{path}: tidak dapat diperiksa (proses pemeriksa berhenti: "
                    f"{type(exc).__name__})"))
            advance()
        done = True
    finally:
        if not done:
            _kill_workers(pool)
        pool.shutdown(wait=done, cancel_futures=not done)


def run_check_command(paths: Sequence[Path], *, fmt: str = "text", output: Path | None = None,
                      select: Sequence[str] | None = None, ignore: Sequence[str] | None = None,
                      year: int | None = None, kabupaten: str | None = None,
                      annotate: bool = False, spelling: bool = True, jobs: int | None = None,
                      lang: str | None = None, follow_symlinks: bool = False,
                      view: ReportOptions | None = None, timings: bool = False) -> int:
    """``lkip check``; compiled regular expressions are reused across runs
    (:mod:`drafter.check.recache`)."""
    global _STARTED_AT
    if timings:
        _STARTED_AT = _process_age()
    from drafter.check.recache import regex_cache
    from drafter.text.prefilter import stored_literals

    with regex_cache(), stored_literals():
        return _check_command(paths, fmt=fmt, output=output, select=select, ignore=ignore,
                              year=year, kabupaten=kabupaten, annotate=annotate,
                              spelling=spelling, jobs=jobs, lang=lang,
                              follow_symlinks=follow_symlinks, view=view, timings=timings)


def _check_command(paths: Sequence[Path], *, fmt: str, output: Path | None,
                   select: Sequence[str] | None, ignore: Sequence[str] | None,
                   year: int | None, kabupaten: str | None, annotate: bool, spelling: bool,
                   jobs: int | None, lang: str | None, follow_symlinks: bool,
                   view: ReportOptions | None, timings: bool) -> int:
    from drafter.report.views import ReportOptions

    view = view or ReportOptions()
    if sum(1 for p in paths if str(p) == STDIN_ARG) > 1:
        raise LkipError("masukan standar (-) hanya dapat dibaca sekali")
    if any(str(p) == STDIN_ARG for p in paths):
        from drafter.check.stdin import stdin_as_file

        with stdin_as_file(view.stdin_filename) as tmp:
            return _run_check(paths, fmt=fmt, output=output, select=select, ignore=ignore,
                              year=year, kabupaten=kabupaten, annotate=annotate,
                              spelling=spelling, jobs=jobs, lang=lang,
                              follow_symlinks=follow_symlinks, view=view, stdin_path=tmp,
                              timings=timings)
    return _run_check(paths, fmt=fmt, output=output, select=select, ignore=ignore, year=year,
                      kabupaten=kabupaten, annotate=annotate, spelling=spelling, jobs=jobs,
                      lang=lang, follow_symlinks=follow_symlinks, view=view, timings=timings)


def _run_check(paths: Sequence[Path], *, fmt: str, output: Path | None,
               select: Sequence[str] | None, ignore: Sequence[str] | None, year: int | None,
               kabupaten: str | None, annotate: bool, spelling: bool, jobs: int | None,
               lang: str | None, follow_symlinks: bool, view: ReportOptions,
               stdin_path: Path | None = None, timings: bool = False) -> int:
    from drafter.io import ensure_output_ok
    from drafter.report.views import filter_severity

    if not paths:
        raise LkipError("tidak ada berkas yang diperiksa")
    display = stdin_display_name(view.stdin_filename)
    if stdin_path is not None:
        paths = [stdin_path if str(p) == STDIN_ARG else p for p in paths]
    if annotate and stdin_path is not None and output is None:
        raise LkipError("--annotate dengan masukan standar (-) memerlukan -o BERKAS.docx")
    if view.fix or view.write_baseline is not None:
        from drafter.fix.cli import check_modes

        check_modes(view, paths, output, annotate=annotate, statistics=view.statistics)
    if view.statistics and fmt not in ("text", "json"):
        raise LkipError("--statistics hanya untuk format text atau json", field="--statistics")
    if jobs is not None:
        check_jobs(jobs)
    for p in paths:
        if not p.exists():
            raise LkipError("berkas tidak ditemukan", path=str(p))
    start = paths[0]
    if stdin_path is not None and paths[0] == stdin_path:  # configuration of the named file
        start = Path(view.stdin_filename).parent if view.stdin_filename else Path.cwd()
    config = make_config(start, select=select, ignore=ignore, year=year, kabupaten=kabupaten,
                         spelling=None if spelling else False, lang=lang,
                         min_severity=view.min_severity)
    baseline = view.baseline or config.extra.get("baseline")
    lang = config.lang
    batch = len(paths) > 1 or paths[0].is_dir()
    files: list[Path] = []
    skipped: list[Path] = []
    for p in paths:
        files.extend(collect_files(p, follow_symlinks=follow_symlinks, skipped=skipped)
                     if p.is_dir() else [p])
    for link in skipped:
        print(f"lkip: {term_safe(str(link))}: tautan simbolik ke luar folder dilewati (pakai "
              "--follow-symlinks untuk mengikutinya)", file=sys.stderr)
    if output is not None:
        ensure_output_ok(output, files + [p for p in (baseline, view.write_baseline) if p])
    if batch:
        if not files:
            raise LkipError("folder tidak berisi berkas .txt/.md/.docx/.pdf", path=str(paths[0]))
        results = check_many(files, config, jobs, progress=sys.stderr.isatty() and not view.quiet,
                             timings=timings)
    else:
        try:
            results = [check_file(files[0], config, _new_timer() if timings else None)]
        except LkipError as err:
            if stdin_path is None or err.path != str(stdin_path):
                raise
            raise LkipError(err.message, path=display, line=err.line, field=err.field) from None
    if stdin_path is not None:
        results = [_renamed(r, str(stdin_path), display) for r in results]
    if view.write_baseline is not None:
        from drafter.fix.cli import write_baseline_command

        return write_baseline_command(results, view.write_baseline, files, quiet=view.quiet)
    if baseline is not None:
        from drafter.fix.cli import baseline_filter

        results = baseline_filter(results, baseline, quiet=view.quiet)
    results = filter_severity(results, config.extra.get("min_severity"))

    if view.fix:
        from drafter.fix.cli import fix_command

        assert output is not None
        return fix_command(files[0], results[0], output, quiet=view.quiet, lang=lang)
    out_timer = _new_timer() if timings else None
    with out_timer.phase("output") if out_timer is not None else nullcontext():
        if annotate:
            from drafter.report.annotate import annotate_file

            if batch:
                raise LkipError("--annotate hanya untuk satu berkas")
            suffix = ".pdf" if files[0].suffix.lower() == ".pdf" else ".docx"
            out = output or files[0].with_name(files[0].stem + "-reviu" + suffix)
            ensure_output_ok(out, files)
            annotate_file(files[0], results[0].issues, out, lang=lang)
            if not view.quiet:
                print(f"{len(results[0].issues)} komentar ditulis ke {term_safe(str(out))}",
                      file=sys.stderr)
        elif view.statistics:
            from drafter.report.views import render_statistics

            _write(render_statistics(results, fmt=fmt, lang=lang), output)
        else:
            _emit(results, fmt, output, batch=batch, lang=lang, quiet=view.quiet)

    for r in results:
        for n in r.notices if not view.quiet else ():
            print(term_safe(f"{r.path}: catatan: {n}"), file=sys.stderr)
        if r.error:
            print(f"lkip: {term_safe(r.error)}", file=sys.stderr)
    if out_timer is not None:
        _print_timings(results, out_timer, lang)
    # exit codes: 1 when any error-severity issue was found; a batch where only some files were
    # unreadable still exits 0/1 (those files are reported in the output and on stderr); 2 only
    # when no file at all could be checked.
    if batch and results and all(r.error for r in results):
        return 2
    if view.exit_zero:
        return 0
    return 1 if any(r.has_errors for r in results) else 0


def _new_timer() -> PhaseTimer:
    from drafter.check.runner import PhaseTimer

    return PhaseTimer()


def _process_age() -> float | None:
    """Seconds since this process started (Linux /proc, 10 ms resolution), else None."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            stat = fh.read()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError, AttributeError):  # pragma: no cover - not Linux
        return None


def _print_timings(results: Sequence[FileResult], out_timer: PhaseTimer, lang: str) -> None:
    """The ``--timings`` table on the standard error: the time of each phase summed over the
    files, plus the start-up of this process (imports) when it can be known."""
    from drafter.check.runner import render_timings

    total = _new_timer()
    if _STARTED_AT is not None:
        total.phases["startup"] = _STARTED_AT
    for r in results:
        total.add(r.timings or {})
    total.add(out_timer.phases)
    sys.stderr.write(render_timings(total.phases, lang, files=len(results)))


def _renamed(r: FileResult, tmp: str, name: str) -> FileResult:
    """A result of the temporary copy of the standard input, under the name the user gave."""
    if r.path != tmp:
        return r
    from dataclasses import replace

    return replace(r, path=name, source=tmp, error=r.error.replace(tmp, name) if r.error else None,
                   notices=[n.replace(tmp, name) for n in r.notices])


def _write(data: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(data)
    else:
        from drafter.io import atomic_write

        atomic_write(output, data)


def _emit(results: list[FileResult], fmt: str, output: Path | None, *, batch: bool,
          lang: str, quiet: bool = False) -> None:
    if fmt in ("text", "json", "sarif", "github"):
        from drafter.report import textfmt

        if fmt == "text":
            data = textfmt.render_text(results, lang=lang, quiet=quiet)
        elif fmt == "json":
            data = textfmt.render_json(results)
        elif fmt == "sarif":
            from drafter.report.sarif import render_sarif

            data = render_sarif(results, lang=lang)
        else:
            from drafter.report.github import render_github

            data = render_github(results, lang=lang)
        _write(data, output)
        return
    if output is None:
        raise LkipError(f"format {fmt} memerlukan -o BERKAS")
    if fmt == "html":
        from drafter.report import html

        html.write_html(results, output, batch=batch, lang=lang)
    elif fmt in ("xlsx", "csv"):
        from drafter.report import table

        table.write_table(results, output, fmt=fmt, batch=batch, lang=lang)
    else:  # pragma: no cover - guarded by the CLI enum
        raise LkipError(f"format tidak dikenal: {fmt}")
