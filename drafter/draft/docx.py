"""Markdown -> DOCX through pandoc (pypandoc-binary bundles it), with ``templates/reference.docx``.

After pandoc, table cells get the "Table Text" paragraph style (Arial 10) of the reference
document, the header row is marked to repeat on each page, and the zip is rewritten with fixed
timestamps and sorted entries, so drafting twice gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from importlib.resources import as_file
from pathlib import Path

from drafter.resources import data_dir

FIXED_DATE = (2024, 1, 1, 0, 0, 0)
FIXED_ISO = "2024-01-01T00:00:00Z"
# creation/modification dates of docProps/core.xml (sandboxed pandoc cannot read the clock)
_CORE_DATE_RE = re.compile(r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")
TABLE_TEXT_STYLE = "Table Text"
_CAPTION_RE = re.compile(r"^Tabel \d+\.\d+ ")


def markdown_to_docx(markdown: str) -> bytes:
    """The drafted Markdown as DOCX, through :mod:`drafter.draft.pandoc` (sandboxed pandoc, AST
    cleaned of anything but inert text structure)."""
    from drafter.draft.pandoc import markdown_to_safe_docx

    ref = data_dir("templates") / "reference.docx"
    with as_file(ref) as ref_path:
        raw = markdown_to_safe_docx(markdown, reference_doc=Path(ref_path))
    return normalise_zip(style_tables(raw))


def style_tables(raw: bytes) -> bytes:
    """Table cells in the "Table Text" style; the first row repeats as a header row."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(raw))
    names = {s.name for s in doc.styles}
    # the style id is looked up once: python-docx's `p.style = ...` scans every style per call
    style_id = doc.part.get_style_id(doc.styles[TABLE_TEXT_STYLE], WD_STYLE_TYPE.PARAGRAPH) \
        if TABLE_TEXT_STYLE in names else None
    for table in doc.tables:
        for ri, row in enumerate(table.rows):
            if ri == 0:
                trpr = row._tr.get_or_add_trPr()
                if trpr.find(qn("w:tblHeader")) is None:
                    trpr.append(OxmlElement("w:tblHeader"))
            for cell in row.cells:
                for p in cell.paragraphs:
                    if TABLE_TEXT_STYLE in names:
                        p._p.style = style_id
                    if ri == 0:
                        for r in p.runs:
                            r.bold = True
    for p in doc.paragraphs:  # captions: centred, bold, kept with their table
        if _CAPTION_RE.match(p.text):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            for r in p.runs:
                r.bold = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and sorted entries (reproducible bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            payload = src.read(name)
            if name == "docProps/core.xml":
                payload = _CORE_DATE_RE.sub(lambda m: m.group(1) + FIXED_ISO + m.group(2),
                                            payload.decode("utf-8")).encode("utf-8")
            dst.writestr(info, payload)
    return out.getvalue()
