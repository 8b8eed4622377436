"""``lkip draft``: BAB III from a figures file, as Markdown or DOCX."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import LkipError

SUFFIXES = (".md", ".docx")


def draft_markdown(figures_path: str | Path, part: str = "bab3") -> str:
    """The drafted BAB III (or another ``part``, see :mod:`drafter.draft.parts`) as Markdown."""
    from drafter.figures import load_figures

    if part == "bab3":
        from drafter.draft.render import render_markdown

        return render_markdown(load_figures(figures_path))
    from drafter.draft.parts import render_part

    return render_part(load_figures(figures_path), part)


def draft_file(figures_path: str | Path, output_path: str | Path, part: str = "bab3") -> None:
    """Draft ``figures_path`` to ``output_path`` (.md or .docx), written atomically."""
    from drafter.io import atomic_write, ensure_output_ok, is_stdout

    out = Path(output_path)
    ensure_output_ok(out, [Path(figures_path)])
    suffix = ".md" if is_stdout(output_path) else out.suffix.lower()  # "-": Markdown to stdout
    if suffix not in SUFFIXES:
        raise LkipError(f"format keluaran {out.suffix or '(tanpa ekstensi)'} tidak didukung; "
                        "gunakan .md atau .docx", path=str(out))
    from drafter.draft.pandoc import deferred_termination, terminate_cleanly
    from drafter.limits import check_draft

    # SIGTERM ends the command through SystemExit: pandoc is killed, temporary files go, and a
    # file being written is finished first (never half-written)
    with terminate_cleanly():
        markdown = draft_markdown(figures_path, part)
        check_draft(markdown, str(figures_path))
        if suffix == ".md":
            data: str | bytes = markdown
        else:
            from drafter.draft.docx import markdown_to_docx

            try:
                data = markdown_to_docx(markdown)
            except LkipError as err:
                if err.path:
                    raise
                raise LkipError(err.message, path=str(figures_path)) from None
        with deferred_termination():
            atomic_write(out, data)


__all__ = ["draft_file", "draft_markdown", "SUFFIXES"]
