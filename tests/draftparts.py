"""Shared helpers of the drafting tests: the bundled examples, one indicator's drafted text and
the B.1 section of a drafted BAB III."""

from __future__ import annotations

from pathlib import Path

from drafter.draft.context import build_context
from drafter.draft.parts import render_part
from drafter.figures import load_figures

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def indicator_text(path: str, name: str) -> str:
    """The drafted paragraphs of indicator ``name`` in examples/``path``."""
    for s in build_context(load_figures(ROOT / "examples" / path))["sasaran"]:
        for i in s.indikator:
            if i.nama == name:
                return "\n\n".join(i.text_paragraphs)
    raise AssertionError(name)


def section_b1(path: Path) -> str:
    """Section B.1 of the BAB III drafted from ``path``."""
    md = render_part(load_figures(path), "bab3")
    return md[md.index("### B.1"):md.index("### B.2")]
