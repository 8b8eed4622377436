"""The ``lkip`` command line.

Heavy modules (pandoc, spaCy, python-docx, the rules) are imported inside the commands, so
``lkip --help`` stays instant. The CLI library (typer) itself is imported only when it is used:
a plain ``lkip check`` command line (see :func:`_plain_check_args`) and ``lkip --version`` run
without it (its import is ~50 ms of a check's start-up); :data:`app` is built on first access.
"""

from __future__ import annotations

import gc
import signal
import sys
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

from drafter.errors import Interrupted, LkipError, term_safe

if TYPE_CHECKING:
    import typer


def _typer() -> ModuleType:
    """The CLI library, imported on first use and bound to this module's global ``typer`` (the
    commands below and their annotations, which the library evaluates, name it)."""
    global typer
    import typer

    return typer


def _build_app() -> typer.Typer:
    """The typer application: the commands of this module, in the order of ``lkip --help``."""
    typer = _typer()
    built = typer.Typer(
        add_completion=False,
        no_args_is_help=True,
        help="Menyusun dan memeriksa BAB III Laporan Kinerja Instansi Pemerintah (LKIP).",
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    built.callback()(_root)
    for command in (draft, validate, template, convert, extract, check, rules, serve):
        built.command()(command)
    return built


def _app() -> typer.Typer:
    """The typer application, built once."""
    built = globals().get("app")
    if built is None:
        built = globals()["app"] = _build_app()
    return built


def __getattr__(name: str) -> object:
    """``drafter.cli.app``: the typer application, built once on first access."""
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class OutFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"
    csv = "csv"
    sarif = "sarif"
    github = "github"


class MinSeverity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def _version(value: bool) -> None:
    if value:
        from drafter import __version__

        typer.echo(f"lkip {__version__}")
        raise typer.Exit(0)


def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Tampilkan versi lalu keluar")] = False,
) -> None:
    """Menyusun dan memeriksa BAB III Laporan Kinerja Instansi Pemerintah (LKIP)."""


def _fail(err: LkipError) -> None:
    typer = _typer()
    typer.echo(f"lkip: {err}", err=True)
    raise typer.Exit(err.exit_code)


def draft(
    figures: Annotated[Path, typer.Argument(help="Berkas angka (YAML, JSON atau Excel .xlsx)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Berkas keluaran (.md atau .docx)")],
    part: Annotated[str, typer.Option("--part", help="Bagian: ikhtisar, bab3, bab4 atau all")] = "bab3",
) -> None:
    """Menyusun BAB III dari berkas angka (FIGURES) ke Markdown atau DOCX."""
    from drafter.draft import draft_file
    from drafter.draft.parts import PART_TITLES

    if part not in PART_TITLES:
        _fail(LkipError(f"bagian {term_safe(part)!r} tidak dikenal; gunakan ikhtisar, bab3, bab4 atau all"))
    try:
        draft_file(figures, output, part)
    except LkipError as err:
        _fail(err)
    typer.echo(f"{PART_TITLES[part]} ditulis ke {term_safe(str(output))}", err=True)


def validate(
    figures: Annotated[Path, typer.Argument(help="Berkas angka (YAML, JSON atau Excel .xlsx)")],
) -> None:
    """Memeriksa berkas angka tanpa menyusun laporan."""
    from drafter.figures.loader import check_figures_file

    try:  # every error and warning, one line each (file:line: field: message)
        report = check_figures_file(figures)
    except LkipError as err:
        _fail(err)
    for line in report.errors:
        typer.echo(f"lkip: {line}", err=True)
    if report.errors:
        raise typer.Exit(2)
    for w in report.warnings:  # values the drafter does not use: never dropped silently
        typer.echo(w, err=True)
    typer.echo(f"{term_safe(str(figures))}: valid")


def template(
    output: Annotated[Path, typer.Argument(help="Berkas Excel yang ditulis (.xlsx)")],
    force: Annotated[bool, typer.Option("--force", help="Timpa berkas yang sudah ada")] = False,
) -> None:
    """Menulis buku kerja Excel isian berkas angka (templat untuk lkip draft)."""
    from drafter.figures.convert import write_template

    try:
        write_template(output, force=force)
    except LkipError as err:
        _fail(err)
    typer.echo(f"Templat ditulis ke {term_safe(str(output))}", err=True)


def convert(
    figures: Annotated[Path, typer.Argument(help="Berkas angka (YAML, JSON atau Excel .xlsx)")],
    output: Annotated[Path, typer.Option("-o", "--output",
                                         help="Berkas keluaran (.yaml, .json atau .xlsx)")],
) -> None:
    """Mengubah berkas angka antara YAML, JSON dan Excel (.xlsx) tanpa mengubah isinya."""
    from drafter.figures.convert import convert_file

    try:
        convert_file(figures, output)
    except LkipError as err:
        _fail(err)
    typer.echo(f"Berkas angka ditulis ke {term_safe(str(output))}", err=True)


def extract(
    report: Annotated[Path, typer.Argument(help="Laporan yang dibaca (.txt, .md, .docx, .pdf)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Berkas angka yang ditulis (.yaml)")],
) -> None:
    """Membaca angka laporan LKIP yang sudah ada ke berkas angka (nilai meragukan diberi komentar)."""
    from drafter.extract import extract_file

    try:
        flagged = extract_file(report, output)
    except LkipError as err:
        _fail(err)
    typer.echo(f"Berkas angka ditulis ke {term_safe(str(output))} ({flagged} nilai perlu "
               "ditetapkan)", err=True)


def check(
    paths: Annotated[list[Path], typer.Argument(
        help="Berkas laporan (.txt, .md, .docx, .pdf), folder, atau - untuk masukan standar")],
    fmt: Annotated[OutFormat, typer.Option("--format", "-f", help="Format keluaran")] = OutFormat.text,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Tulis ke berkas ini")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="Kode/kategori aturan yang dipakai")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="Kode/kategori aturan yang diabaikan")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Tahun laporan (menimpa deteksi otomatis)")] = None,
    kabupaten: Annotated[str | None, typer.Option("--kabupaten", help="Kabupaten untuk gazetir nama tempat")] = None,
    annotate: Annotated[bool, typer.Option("--annotate", help="Tulis salinan DOCX berisi komentar (PDF: salinan PDF bersorotan)")] = False,
    no_spelling: Annotated[bool, typer.Option("--no-spelling", help="Lewati pemeriksaan ejaan")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j",
                                             help="Jumlah proses untuk folder (1 s.d. 2 x CPU)")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Bahasa pesan: id atau en")] = None,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Ikuti tautan simbolik ke luar folder yang diperiksa")] = False,
    stdin_filename: Annotated[str | None, typer.Option(
        "--stdin-filename", help="Nama masukan standar (-); akhirannya menentukan format")] = None,
    min_severity: Annotated[MinSeverity | None, typer.Option(
        "--min-severity", help="Tampilkan hanya temuan setingkat ini atau lebih berat")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Hanya daftar temuan, tanpa ringkasan dan catatan")] = False,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Tampilkan jumlah temuan per aturan")] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Keluar dengan kode 0 walau ada galat (masukan salah tetap 2)")] = False,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="Tampilkan hanya temuan yang belum tercatat di berkas baseline ini")] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", help="Catat semua temuan ke berkas baseline ini (JSON)")] = None,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Tulis salinan (-o) dengan perbaikan mekanis yang pasti diterapkan")] = False,
    timings: Annotated[bool, typer.Option(
        "--timings", help="Tampilkan waktu tiap tahap dan tiap aturan (stderr)")] = False,
    with_: Annotated[list[str] | None, typer.Option("--with", help=(
        "Dokumen pembanding: SK IKU, Perjanjian Kinerja atau LKIP tahun lalu "
        "(JENIS=BERKAS memaksa jenisnya)"))] = None,
) -> None:
    """Memeriksa laporan: kontradiksi angka, predikat, tahun, sisa templat, nama asing, ejaan."""
    raise _typer().Exit(_check_code(
        paths, fmt=fmt, output=output, select=select, ignore=ignore, year=year,
        kabupaten=kabupaten, annotate=annotate, no_spelling=no_spelling, jobs=jobs, lang=lang,
        follow_symlinks=follow_symlinks, stdin_filename=stdin_filename,
        min_severity=min_severity, quiet=quiet, statistics=statistics, exit_zero=exit_zero,
        baseline=baseline, write_baseline=write_baseline, fix=fix, timings=timings, with_=with_))


def _check_code(
    paths: list[Path], fmt: OutFormat = OutFormat.text, output: Path | None = None,
    select: list[str] | None = None, ignore: list[str] | None = None, year: int | None = None,
    kabupaten: str | None = None, annotate: bool = False, no_spelling: bool = False,
    jobs: int | None = None, lang: str | None = None, follow_symlinks: bool = False,
    stdin_filename: str | None = None, min_severity: MinSeverity | None = None,
    quiet: bool = False, statistics: bool = False, exit_zero: bool = False,
    baseline: Path | None = None, write_baseline: Path | None = None, fix: bool = False,
    timings: bool = False, with_: list[str] | None = None,
) -> int:
    """The work of :func:`check` (the values of its options; the defaults are theirs): the exit
    code. An :class:`LkipError` is reported by :func:`_fail`."""
    from drafter.check.batch import run_check_command
    from drafter.crossdoc import set_siblings
    from drafter.report.views import ReportOptions

    view = ReportOptions(min_severity=min_severity.value if min_severity else None, quiet=quiet,
                         statistics=statistics, exit_zero=exit_zero, stdin_filename=stdin_filename,
                         baseline=baseline, write_baseline=write_baseline, fix=fix)
    try:
        set_siblings(with_)  # --with: the SK IKU, PK, last year's LKIP (drafter/crossdoc)
        code = run_check_command(
            paths, fmt=fmt.value, output=output, select=select, ignore=ignore, year=year,
            kabupaten=kabupaten, annotate=annotate, spelling=not no_spelling, jobs=jobs, lang=lang,
            follow_symlinks=follow_symlinks, view=view, timings=timings,
        )
    except LkipError as err:
        _fail(err)
    return code


def rules(
    code: Annotated[str | None, typer.Argument(help="Kode aturan, mis. AR101")] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Tampilkan penjelasan aturan dalam bahasa ini: id atau en")] = None,
    check_data: Annotated[bool, typer.Option(
        "--check-data", help="Periksa berkas data rules/ dan phrasebank/ terhadap skemanya")] = False,
) -> None:
    """Menampilkan daftar aturan, atau penjelasan satu aturan."""
    from drafter.check.docs import default_lang, describe_rule, list_rules

    if lang is not None and lang not in ("id", "en"):
        _fail(LkipError(f"bahasa {lang!r} tidak dikenal; pilih id atau en", field="--lang"))
    lang = lang or default_lang()
    if check_data:
        from drafter.datacheck import check_all, data_files

        errors = check_all(lang)
        for line in errors:
            typer.echo(f"lkip: {term_safe(line)}", err=True)
        if errors:
            raise typer.Exit(2)
        done = "files valid" if lang == "en" else "berkas data sesuai skema"
        typer.echo(f"{len(data_files())} {done}")
        return
    if code is None:
        typer.echo(list_rules(lang))
        return
    text = describe_rule(code, lang)
    if text is None:
        typer.echo(f"lkip: aturan {term_safe(repr(code))} tidak dikenal (lihat `lkip rules`)", err=True)
        raise typer.Exit(2)
    typer.echo(text)


def serve(
    host: Annotated[str, typer.Option("--host", help="Alamat yang didengar (selain loopback perlu --password)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Nomor port (0 = pilih otomatis)")] = 8750,
    token: Annotated[str | None, typer.Option("--token", help="Token akses (bawaan: acak, dicetak bersama alamatnya)")] = None,
    password: Annotated[str | None, typer.Option("--password", envvar="LKIP_PASSWORD",
                                                 help="Kata sandi masuk (wajib untuk --host selain loopback)")] = None,
    max_upload: Annotated[int, typer.Option("--max-upload", help="Batas ukuran unggahan dalam MB")] = 50,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Jangan membuka peramban")] = False,
) -> None:
    """Menjalankan aplikasi web lokal (Periksa, Susun, Aturan) dan membuka peramban."""
    from drafter.serve import serve as run_server

    try:
        run_server(host=host, port=port, token=token, password=password, max_upload_mb=max_upload,
                   open_browser=not no_browser)
    except LkipError as err:
        _fail(err)


def _on_signal(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def _install_signal_handlers() -> None:
    """SIGINT (Ctrl-C) and SIGTERM unwind the command (every ``finally`` runs: temporary files
    removed, worker processes killed) instead of dying mid-write."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            signal.signal(sig, _on_signal)
        except (ValueError, OSError):  # pragma: no cover - not the main thread
            pass


def _stopped(signum: int) -> None:
    from drafter.io import cleanup_temp_files

    cleanup_temp_files()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not print a traceback
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    what = "dibatalkan (Ctrl-C)" if signum == signal.SIGINT else "dihentikan (SIGTERM)"
    try:
        sys.stderr.write(f"lkip: {what}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # pragma: no cover - stderr closed
        pass
    sys.exit(128 + signum)


def _show_usage_error(exc: Exception, code: int, lang: str = "id") -> None:
    """A command-line usage error, as the CLI library shows it, with user text escaped."""
    import io

    from drafter.cli_i18n import localize_error

    buf = io.StringIO()
    exc.show(file=buf)  # type: ignore[attr-defined]
    text = localize_error(buf.getvalue().rstrip("\n"), lang)
    sys.stderr.write("\n".join(term_safe(line) for line in text.split("\n")) + "\n")
    sys.exit(code)


# `lkip check` start-up: the CLI library builds a validator (pydantic) for every option of a
# command before running it, a tenth of a second or more in each process. A plain `check` command
# line (the options below, each value a separate word not starting with "-", one or more paths)
# is read here instead, to exactly the values the library gives; anything else (help, an error
# to report, "--opt=value", a combined short option, a repeated option) goes to the library.
_CHECK_FLAGS = {"--annotate": "annotate", "--no-spelling": "no_spelling",
                "--follow-symlinks": "follow_symlinks", "--quiet": "quiet", "-q": "quiet",
                "--statistics": "statistics", "--exit-zero": "exit_zero", "--fix": "fix",
                "--timings": "timings"}
_CHECK_VALUES = {"--format": "fmt", "-f": "fmt", "--output": "output", "-o": "output",
                 "--select": "select", "--ignore": "ignore", "--year": "year",
                 "--kabupaten": "kabupaten", "--jobs": "jobs", "-j": "jobs", "--lang": "lang",
                 "--stdin-filename": "stdin_filename", "--min-severity": "min_severity",
                 "--baseline": "baseline", "--write-baseline": "write_baseline", "--with": "with_"}
_CHECK_LISTS = ("select", "ignore", "with_")


def _plain_check_args(argv: list[str]) -> dict[str, object] | None:
    """The arguments of :func:`check` for a plain ``check`` command line, or None."""
    if not argv or argv[0] != "check":
        return None
    kw: dict[str, object] = {}
    paths: list[Path] = []
    k = 1
    while k < len(argv):
        arg = argv[k]
        k += 1
        if arg == "-" or (arg and not arg.startswith("-")):
            paths.append(Path(arg))
            continue
        if arg in _CHECK_FLAGS:
            kw[_CHECK_FLAGS[arg]] = True
            continue
        name = _CHECK_VALUES.get(arg)
        if name is None or k >= len(argv) or not argv[k] or argv[k].startswith("-"):
            return None
        value: object = argv[k]
        k += 1
        if name in _CHECK_LISTS:
            kw.setdefault(name, []).append(value)  # type: ignore[attr-defined]
            continue
        if name in kw:
            return None
        if name == "fmt":
            if value not in OutFormat.__members__:
                return None
            value = OutFormat(value)
        elif name == "min_severity":
            if value not in MinSeverity.__members__:
                return None
            value = MinSeverity(value)
        elif name in ("year", "jobs"):
            if not (str(value).isascii() and str(value).isdigit() and len(str(value)) <= 9):
                return None
            value = int(str(value))
        elif name in ("output", "baseline", "write_baseline"):
            value = Path(str(value))
        kw[name] = value
    if not paths:
        return None
    return {"paths": paths, **kw}


def _run_plain_check(kwargs: dict[str, object]) -> int:
    """Run :func:`check` as the CLI library would (``standalone_mode=False``): its exit code.
    The library is imported only on the rare paths that need it (an error to report)."""
    import errno

    from drafter.check.recache import regex_cache

    try:
        # the cache of compiled patterns (which the command uses anyway) covers the import of
        # the checker's modules too: their patterns are not compiled from scratch either
        with regex_cache():
            return _check_code(**kwargs)  # type: ignore[arg-type]
    except EOFError as e:
        typer = _typer()
        typer.echo(err=True)
        raise typer.Abort() from e
    except KeyboardInterrupt as e:
        raise _typer().Exit(130) from e
    except OSError as e:
        if e.errno == errno.EPIPE:
            from typer._click.utils import PacifyFlushWrapper

            sys.stdout = PacifyFlushWrapper(sys.stdout)  # type: ignore[assignment]
            sys.stderr = PacifyFlushWrapper(sys.stderr)  # type: ignore[assignment]
            sys.exit(1)
        raise
    except Exception as e:
        lib = sys.modules.get("typer")  # _fail's exit (the library is loaded by then)
        if lib is not None and isinstance(e, lib.Exit):
            return e.exit_code
        raise


def main() -> None:
    from drafter.cli_i18n import help_lang, localize

    # A check allocates hundreds of thousands of short-lived objects (tokens, matches, cells)
    # and few reference cycles: with CPython's default gen-0 threshold (700) a 107 KB report
    # triggers ~240 collections and two full ones, about a tenth of the run. A larger
    # threshold keeps the cycle collector (still bounded memory) out of the way of a one-shot
    # command.
    gc.set_threshold(10_000, 50, 100)
    _install_signal_handlers()
    if sys.argv[1:] in (["--version"], ["-V"]):  # what the library's eager callback prints
        from drafter import __version__

        sys.stdout.write(f"lkip {__version__}\n")
        sys.exit(0)
    lang = help_lang(sys.argv[1:])
    plain = _plain_check_args(sys.argv[1:])
    try:
        if plain is not None:
            rv: object = _run_plain_check(plain)
        else:
            rv = localize(_typer().main.get_command(_app()), lang)(standalone_mode=False,
                                                                   prog_name="lkip")
    except Interrupted as stop:
        _stopped(stop.signum)
    except KeyboardInterrupt:  # pragma: no cover - handler not installed
        _stopped(signal.SIGINT)
    except BrokenPipeError:  # the reader of our output went away (`lkip rules | head`)
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        code = getattr(exc, "exit_code", None)
        if callable(getattr(exc, "show", None)) and isinstance(code, int):
            _show_usage_error(exc, code, lang)
        if type(exc).__name__ == "Abort":
            sys.stderr.write("lkip: dibatalkan\n")
            sys.exit(1)
        raise
    code = rv if isinstance(rv, int) else 0
    if plain is not None:
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> None:
    """``sys.exit(code)`` at the end of a `lkip check` process, without the interpreter's
    teardown (freeing every rule table, word list and cache one object at a time: a good part
    of a tenth of a second). The exit handlers still run and the output is flushed first; when
    this is not the `lkip` program itself (``main`` called by other code), when another thread
    runs, or when flushing fails, the usual exit is taken."""
    import atexit
    import os
    import threading

    if sys.modules["__main__"].__dict__.get("main") is not main or threading.active_count() != 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code & 0xFF)


if __name__ == "__main__":  # pragma: no cover
    main()
