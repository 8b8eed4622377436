"""Build templates/reference.docx, the pandoc reference document used for `lkip draft -o X.docx`.

Starts from pandoc's own default reference document and sets what these reports use: A4 paper
(left margin 4 cm, the others 3 cm), Bookman Old Style 12 pt for text,
Arial for headings, tables with single borders, a bold header row, and a paragraph style "Table Text" (Arial 10 pt) that
drafter/draft/docx.py gives to every table cell.

Run: .venv/bin/python scripts/make_reference_docx.py
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pypandoc
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "templates" / "reference.docx"
BODY_FONT = "Bookman Old Style"
HEADING_FONT = "Arial"
FIXED_DATE = (2024, 1, 1, 0, 0, 0)


def default_reference() -> bytes:
    return subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file",
                           "reference.docx"], check=True, capture_output=True).stdout


def set_font(style, name: str, size: float | None = None, bold: bool | None = None) -> None:
    style.font.name = name
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def table_borders(style) -> None:
    el = style.element
    tblpr = el.find(qn("w:tblPr"))
    if tblpr is None:
        tblpr = OxmlElement("w:tblPr")
        el.append(tblpr)
    for old in tblpr.findall(qn("w:tblBorders")):
        tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        b.set(qn("w:val"), "single")
        b.set(qn("w:sz"), "4")
        b.set(qn("w:space"), "0")
        b.set(qn("w:color"), "000000")
        borders.append(b)
    tblpr.append(borders)
    # header row: bold
    for old in el.findall(qn("w:tblStylePr")):
        if old.get(qn("w:type")) == "firstRow":
            el.remove(old)
    first = OxmlElement("w:tblStylePr")
    first.set(qn("w:type"), "firstRow")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    first.append(rpr)
    el.append(first)


def build() -> bytes:
    doc = Document(io.BytesIO(default_reference()))
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = Cm(4)
        section.right_margin = section.top_margin = section.bottom_margin = Cm(3)
    styles = doc.styles
    for name in ("Normal", "Body Text", "First Paragraph", "Compact"):
        if name in [s.name for s in styles]:
            set_font(styles[name], BODY_FONT, 12)
    for level, size in ((1, 14), (2, 12), (3, 12), (4, 12)):
        name = f"Heading {level}"
        if name in [s.name for s in styles]:
            set_font(styles[name], HEADING_FONT, size, bold=True)
            styles[name].font.color.rgb = None
    if "Title" in [s.name for s in styles]:
        set_font(styles["Title"], HEADING_FONT, 14, bold=True)
    if "Table Text" not in [s.name for s in styles]:
        tt = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        tt.base_style = styles["Normal"]
        tt.paragraph_format.space_before = Pt(0)
        tt.paragraph_format.space_after = Pt(0)
    set_font(styles["Table Text"], "Arial", 10)
    for s in styles:
        if s.name == "Table":
            table_borders(s)
            set_font(s, "Arial", 10)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise(buf.getvalue())


def _normalise(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps and sorted entries (a reproducible file)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


if __name__ == "__main__":
    OUT.write_bytes(build())
    print(f"{OUT}: {OUT.stat().st_size} bytes")
