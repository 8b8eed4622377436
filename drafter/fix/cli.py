"""The ``lkip check`` modes ``--fix``, ``--write-baseline`` and ``--baseline`` (called from
:mod:`drafter.check.batch`; kept here so that the shared command code changes little)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import LkipError, term_safe

if TYPE_CHECKING:
    from drafter.check.batch import FileResult
    from drafter.report.views import ReportOptions


def check_modes(view: ReportOptions, paths: Sequence[Path], output: Path | None, *,
                annotate: bool, statistics: bool) -> None:
    """Refuse combinations that have no meaning, before anything is read or written."""
    if view.fix and view.write_baseline is not None:
        raise LkipError("--fix dan --write-baseline tidak dapat dipakai bersama", field="--fix")
    if view.fix:
        if output is None:
            raise LkipError("--fix memerlukan -o BERKAS untuk salinan yang diperbaiki (berkas "
                            "masukan tidak pernah ditimpa)", field="--fix")
        if annotate or statistics:
            raise LkipError("--fix tidak dapat digabung dengan --annotate atau --statistics",
                            field="--fix")
        if len(paths) != 1 or paths[0].is_dir():
            raise LkipError("--fix hanya untuk satu berkas", field="--fix")
    if view.write_baseline is not None and (annotate or statistics):
        raise LkipError("--write-baseline tidak dapat digabung dengan --annotate atau "
                        "--statistics", field="--write-baseline")


def write_baseline_command(results: list[FileResult], path: Path, files: Sequence[Path], *,
                           quiet: bool) -> int:
    from drafter.check.baseline import write_baseline
    from drafter.io import ensure_output_ok

    ensure_output_ok(path, files)
    if results and all(r.error for r in results):
        for r in results:
            print(f"lkip: {term_safe(r.error or '')}", file=sys.stderr)
        return 2
    n = write_baseline(results, path)
    if not quiet:
        print(f"{n} temuan dicatat di baseline {term_safe(str(path))}", file=sys.stderr)
    for r in results:
        if r.error:
            print(f"lkip: {term_safe(r.error)}", file=sys.stderr)
    return 0


def baseline_filter(results: list[FileResult], path: Path, *, quiet: bool) -> list[FileResult]:
    from drafter.check.baseline import apply_baseline

    if not Path(path).exists():
        raise LkipError("berkas baseline tidak ditemukan; buat dulu dengan --write-baseline",
                        path=str(path))
    out, hidden = apply_baseline(results, Path(path))
    if hidden and not quiet:
        print(f"{hidden} temuan yang tercatat di baseline disembunyikan", file=sys.stderr)
    return out


def fix_command(input_path: Path, result: FileResult, output: Path, *, quiet: bool,
                lang: str = "id") -> int:
    """Apply the fixes of ``result`` to a copy of ``input_path``; list them on stdout."""
    from drafter.fix.apply import fix_file

    if result.error:
        raise LkipError(result.error)
    from drafter.io import is_stdout

    done = fix_file(input_path, result.issues, output)
    if not quiet and not is_stdout(output):  # the fixed copy itself goes to stdout
        for issue in done.applied:
            fx = issue.fix
            assert fx is not None
            where = f"{fx.location.line}:{fx.location.column}"
            print(term_safe(f"{result.path}:{where}: {issue.rule} '{fx.old}' -> '{fx.new}'"))
    if lang == "en":
        line = f"{len(done.applied)} fixes applied, written to {output}"
        if done.skipped:
            line += f" ({len(done.skipped)} not applied: the text differs or overlaps)"
    else:
        line = f"{len(done.applied)} perbaikan diterapkan, ditulis ke {output}"
        if done.skipped:
            line += f" ({len(done.skipped)} tidak diterapkan: teks berbeda atau bertumpuk)"
    print(term_safe(line), file=sys.stderr)
    return 0
