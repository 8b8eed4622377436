"""``lkip draft``: BAB III from a figures file, as Markdown or DOCX."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import LkipError

SUFFIXES = (".md", ".docx")


def draft_markdown(figures_path: str | Path) -> str:
    """The drafted BAB III (Markdown) of a figures file."""
    from drafter.draft.render import render_markdown
    from drafter.figures import load_figures

    return render_markdown(load_figures(figures_path))


def draft_file(figures_path: str | Path, output_path: str | Path) -> None:
    """Draft ``figures_path`` to ``output_path`` (.md or .docx), written atomically."""
    from drafter.io import atomic_write, ensure_output_ok

    out = Path(output_path)
    ensure_output_ok(out, [Path(figures_path)])
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise LkipError(f"format keluaran {out.suffix or '(tanpa ekstensi)'} tidak didukung; "
                        "gunakan .md atau .docx", path=str(out))
    markdown = draft_markdown(figures_path)
    from drafter.limits import check_draft

    check_draft(markdown, str(figures_path))
    if suffix == ".md":
        atomic_write(out, markdown)
    else:
        from drafter.draft.docx import markdown_to_docx

        atomic_write(out, markdown_to_docx(markdown))


__all__ = ["draft_file", "draft_markdown", "SUFFIXES"]
