"""``lkip extract REPORT -o figures.yaml``: the figures of an existing LKIP as a figures file.

The report is read like ``lkip check`` reads it (text, Markdown, DOCX, PDF); see
:mod:`drafter.extract.core` for what is read from where, and :mod:`drafter.extract.emit` for the
commented YAML. Values not found, or stated differently in different places, carry a comment
(``# tidak ditemukan``, ``# berbeda: ...``): those are what a planner settles by hand, and usually
the defects of the report.
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import LkipError

__all__ = ["extract_file", "extract_text"]


def extract_text(report: str | Path) -> tuple[str, int]:
    """(YAML text, number of values flagged) for the report at ``report``."""
    from drafter.document.readers import read_document
    from drafter.extract.core import CHECK, extract_document
    from drafter.extract.emit import to_yaml

    doc = read_document(report)
    x = extract_document(doc)
    from drafter.extract.review import review

    review(x)
    flagged = sum(1 for c in x.comments.values() if any(not k.startswith(CHECK)
                                                        for k in c.split(" // ")))
    header = [
        f"Berkas angka hasil `lkip extract` dari {Path(report).name}.",
        "Komentar '# tidak ditemukan' dan '# berbeda: ...' menandai nilai yang harus "
        "ditetapkan sendiri",
        "(biasanya letak kesalahan laporan); '# periksa: ...' hanya catatan. "
        f"Nilai yang ditandai: {flagged}.",
        *x.notes,
    ]
    return to_yaml(x, header), flagged


def extract_file(report: str | Path, output: str | Path) -> int:
    """Write the figures of ``report`` to ``output`` (atomically); returns the flagged count."""
    from drafter.io import atomic_write, ensure_output_ok

    out = Path(output)
    if out.suffix.lower() not in (".yaml", ".yml") and str(output) != "-":
        raise LkipError("berkas keluaran harus berakhiran .yaml atau .yml", path=str(output))
    ensure_output_ok(out, [Path(report)])
    text, flagged = extract_text(report)
    atomic_write(out, text)
    return flagged
