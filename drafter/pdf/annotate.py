"""The annotated copy of a checked PDF: a highlight over each flagged text, the message as its
note (a standard PDF ``/Highlight`` annotation: ordinary PDF readers and Chromium's viewer show
it). The input is never written; the caller writes the returned bytes atomically."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.check.registry import Issue

# highlight colours by severity (RGB hex): errors orange, warnings yellow, info light blue
COLOURS = {"error": "ffa040", "warning": "ffec3d", "info": "9fd3ff"}


def note_text(issue: Issue, lang: str = "id") -> str:
    """The note of one issue: code, message and the expected value."""
    text = f"{issue.rule}: {issue.message}"
    if issue.expected:
        text += f" (expected: {issue.expected})" if lang == "en" else f" (seharusnya: {issue.expected})"
    return text


def _merge_lines(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Boxes on the same text line merged into one (one quad per line)."""
    out: list[list[float]] = []
    for x0, top, x1, bottom in sorted(boxes, key=lambda b: (round(b[1]), b[0])):
        if out and abs(out[-1][1] - top) < 2 and abs(out[-1][3] - bottom) < 2:
            out[-1][0] = min(out[-1][0], x0)
            out[-1][2] = max(out[-1][2], x1)
            continue
        out.append([x0, top, x1, bottom])
    return [(a, b, c, d) for a, b, c, d in out]


def annotate_pdf_bytes(path: str | Path, issues: Sequence[Issue], *, lang: str = "id") -> bytes:
    """The PDF at ``path`` with one highlight annotation per issue (returned, not written)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Highlight
    from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject

    from drafter.pdf.reader import quiet_pypdf, read_pdf

    quiet_pypdf()
    doc = read_pdf(path)  # the same text and positions the issues were found on
    pmap = doc.pdf
    reader = PdfReader(str(path), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter(clone_from=reader)
    for issue in issues:
        if pmap is None:
            break
        for page, boxes in sorted(pmap.boxes(issue.location).items()):
            if not 1 <= page <= len(writer.pages):
                continue
            height = pmap.heights[page - 1]
            quads: list[FloatObject] = []
            lines = _merge_lines(boxes)
            for x0, top, x1, bottom in lines:
                yt, yb = height - top, height - bottom
                quads.extend(FloatObject(round(v, 2)) for v in (x0, yt, x1, yt, x0, yb, x1, yb))
            rect = (round(min(b[0] for b in lines), 2), round(height - max(b[3] for b in lines), 2),
                    round(max(b[2] for b in lines), 2), round(height - min(b[1] for b in lines), 2))
            annot = Highlight(rect=rect, quad_points=ArrayObject(quads),
                              highlight_color=COLOURS.get(issue.severity, "ffec3d"))
            annot[NameObject("/Contents")] = TextStringObject(note_text(issue, lang))
            annot[NameObject("/T")] = TextStringObject("lkip")
            annot[NameObject("/Subj")] = TextStringObject(f"{issue.rule} [{issue.category}]")
            writer.add_annotation(page_number=page - 1, annotation=annot)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
