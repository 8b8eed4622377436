"""Markdown -> DOCX through pandoc (pypandoc-binary bundles it), with ``templates/reference.docx``.

After pandoc, table cells get the "Table Text" paragraph style (Arial 10) of the reference
document, the header row is marked to repeat on each page, and the zip is rewritten with fixed
timestamps and sorted entries, so drafting twice gives the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from importlib.resources import as_file
from pathlib import Path

from drafter.errors import LkipError
from drafter.resources import data_dir

FIXED_DATE = (2024, 1, 1, 0, 0, 0)
# pandoc reads SOURCE_DATE_EPOCH for the document's creation date (docProps/core.xml)
SOURCE_DATE_EPOCH = "1704067200"
PANDOC_FORMAT = "markdown-auto_identifiers-smart"
TABLE_TEXT_STYLE = "Table Text"
_CAPTION_RE = re.compile(r"^Tabel \d+\.\d+ ")


def markdown_to_docx(markdown: str) -> bytes:
    try:
        import pypandoc
    except ImportError:  # pragma: no cover - a declared dependency
        raise LkipError("pypandoc tidak terpasang; keluaran DOCX tidak dapat dibuat") from None
    ref = data_dir("templates") / "reference.docx"
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        with as_file(ref) as ref_path, tempfile.TemporaryDirectory(prefix="lkip-") as tmp:
            out = Path(tmp) / "draft.docx"
            pypandoc.convert_text(markdown, "docx", format=PANDOC_FORMAT, outputfile=str(out),
                                  extra_args=[f"--reference-doc={ref_path}"])
            raw = out.read_bytes()
    except (OSError, RuntimeError) as exc:
        raise LkipError(f"pandoc gagal membuat DOCX: {str(exc).strip()[:200]}") from None
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
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
            dst.writestr(info, src.read(name))
    return out.getvalue()
