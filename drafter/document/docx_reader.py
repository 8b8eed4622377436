"""DOCX reader (python-docx).

The body is read in document order: paragraphs and tables, with the paragraphs inside table
cells (nested tables included). Positions: ``line`` is the 1-based number of the paragraph
counted over ALL paragraphs in that order (body and cells), ``column`` the 1-based character in
that paragraph's text. :func:`docx_paragraphs` returns the python-docx ``Paragraph`` objects in
exactly that numbering, so ``docx_paragraphs(d)[loc.line - 1]`` is the paragraph of a location.

Cells get ``extra={"paragraph": n, "table": t, "row": r, "cell": c}`` (1-based; ``t`` counts the
top-level tables, ``c`` is the grid column of the cell's first column, as python-docx's
``table.cell(r - 1, c - 1)`` counts; a table nested in a cell is read as part of that cell's
text). Paragraph text is exactly python-docx's ``Paragraph.text``.
Merged cells are read once: a horizontally merged cell (``gridSpan``) becomes one cell with
``colspan`` followed by empty filler cells; a vertically merged continuation (``vMerge``) is an
empty cell.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.document.model import Block, Cell, Document
from drafter.document.structure import (
    RowDraft,
    caption_has_table,
    caption_match,
    finish_table,
    heading_level,
    is_caps_heading,
    is_titled_section,
    link_captions,
    merge_split_tables,
)
from drafter.document.textclean import UnitBuilder, clean_into
from drafter.errors import DocumentError
from drafter.limits import MAX_DOCX_UNCOMPRESSED, MAX_DOCX_XML_BYTES, too_large

MAX_UNCOMPRESSED = MAX_DOCX_UNCOMPRESSED  # sum of the uncompressed sizes in the zip
MAX_RATIO = 200  # uncompressed/compressed of one large member
MAX_MEMBERS = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDTCONTENT = (f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt",
                                         f"{_W}sdtContent")
_HEADING_STYLE_RE = re.compile(r"^(?:heading|judul|title|titel)\s*(\d*)", re.IGNORECASE)
_BULLET_TEXT_RE = re.compile(r"^\s*(?:[-*+•▪●◦]\s+|\d{1,3}[.)]\s+|[a-zA-Z][.)]\s+|\(\d{1,3}\)\s+)")


def _fail(path: str, message: str) -> DocumentError:
    return DocumentError(message, path=path)


def _text_hint(path: Path) -> str:
    """A hint when a '.docx' is really a plain text file."""
    try:
        with open(path, "rb") as fh:
            sample = fh.read(65536)
    except OSError:
        return ""
    if not sample or b"\x00" in sample:
        return ""
    printable = sum(1 for b in sample if b >= 0x20 or b in (9, 10, 13))
    if printable < len(sample) * 0.97:
        return ""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:
            return "; isinya teks biasa yang bukan UTF-8: simpan sebagai .txt UTF-8 atau .docx"
    return "; isinya teks biasa: ganti akhiran menjadi .txt"


def check_docx_zip(path: Path) -> None:
    """Check the container BEFORE python-docx opens it: a real zip, word/document.xml present,
    no zip bomb."""
    spath = str(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _fail(spath, f"berkas tidak dapat dibaca ({exc.strerror or exc})") from None
    if head.startswith(b"%PDF"):
        raise _fail(spath, "ini berkas PDF yang diberi akhiran .docx; format yang didukung: "
                           ".txt, .md, .docx")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(spath, "berkas Word lama (.doc) atau DOCX terenkripsi; simpan ulang sebagai "
                           ".docx tanpa kata sandi")
    if not head.startswith(b"PK"):
        raise _fail(spath, "bukan berkas DOCX (bukan arsip ZIP)" + _text_hint(path))
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _fail(spath, "berkas DOCX mencurigakan (terlalu banyak isi arsip)")
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise _fail(spath, "bukan dokumen Word: word/document.xml tidak ada di dalam arsip")
            total = 0
            for i in infos:
                total += i.file_size
                if i.filename == "word/document.xml" and i.file_size > MAX_DOCX_XML_BYTES:
                    raise too_large(spath, "isi dokumen (word/document.xml)", i.file_size,
                                    MAX_DOCX_XML_BYTES, error=DocumentError)
                if i.file_size > 1_000_000 and i.compress_size > 0 and \
                        i.file_size / i.compress_size > MAX_RATIO:
                    raise _fail(spath, "berkas DOCX mencurigakan (rasio kompresi tidak wajar, "
                                       "kemungkinan zip bomb)")
            if total > MAX_UNCOMPRESSED:
                raise _fail(spath, f"berkas DOCX mencurigakan (isi terurai {total // 1048576} MB, "
                                   f"batas {MAX_UNCOMPRESSED // 1048576} MB)")
    except zipfile.BadZipFile:
        raise _fail(spath, "berkas DOCX rusak atau terpotong (arsip ZIP tidak sah)") from None
    except zipfile.LargeZipFile:
        raise _fail(spath, "berkas DOCX terlalu besar") from None


# ---------------------------------------------------------------------------------------------
# traversal shared by the reader and docx_paragraphs()

def _body_items(container: Any) -> Iterator[Any]:
    """Direct block children (w:p, w:tbl) of a body/cell element, looking through w:sdt."""
    for child in container.iterchildren():
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from _body_items(content)


def _rows(tbl: Any) -> Iterator[Any]:
    for child in tbl.iterchildren():
        if child.tag == _TR:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from (c for c in content.iterchildren() if c.tag == _TR)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from (c for c in content.iterchildren() if c.tag == _TC)


def _all_paragraph_elements(body: Any) -> Iterator[Any]:
    """Every w:p in reading order (body paragraphs, cell paragraphs, nested tables)."""
    for item in _body_items(body):
        if item.tag == _P:
            yield item
        else:
            for tr in _rows(item):
                for tc in _cells(tr):
                    yield from _all_paragraph_elements(tc)


_R, _HYPERLINK = f"{_W}r", f"{_W}hyperlink"
_RUN_TEXT_TAGS = tuple(f"{_W}{t}" for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def paragraph_text(p_el: Any) -> str:
    """Exactly python-docx's ``Paragraph.text`` (runs and hyperlinks, tabs as ``\t``, breaks as
    ``\n``) without its per-call XPath evaluation, which dominates reading time."""
    parts: list[str] = []
    for child in p_el.iterchildren(_R, _HYPERLINK):
        runs = (child,) if child.tag == _R else child.iterchildren(_R)
        for r in runs:
            for e in r.iterchildren(*_RUN_TEXT_TAGS):
                parts.append(str(e))
    return "".join(parts)


def docx_paragraphs(docx_document: Any) -> list[Any]:
    """python-docx Paragraph objects numbered like ``Location.line`` of a DOCX Document."""
    from docx.text.paragraph import Paragraph

    body = docx_document.element.body
    parent = docx_document._body  # the BlockItemContainer python-docx uses for paragraphs
    return [Paragraph(p, parent) for p in _all_paragraph_elements(body)]


# ---------------------------------------------------------------------------------------------
# reading

def _grid_span(tc: Any) -> int:
    tcpr = tc.find(f"{_W}tcPr")
    if tcpr is None:
        return 1
    gs = tcpr.find(f"{_W}gridSpan")
    if gs is None:
        return 1
    try:
        return max(1, min(64, int(gs.get(f"{_W}val", "1"))))
    except ValueError:
        return 1


def _vmerge_continue(tc: Any) -> bool:
    tcpr = tc.find(f"{_W}tcPr")
    if tcpr is None:
        return False
    vm = tcpr.find(f"{_W}vMerge")
    if vm is None:
        return False
    return vm.get(f"{_W}val", "continue") == "continue"


def _outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    ol = ppr.find(f"{_W}outlineLvl")
    if ol is None:
        return None
    try:
        v = int(ol.get(f"{_W}val", "9"))
    except ValueError:
        return None
    return v if 0 <= v < 9 else None


def _grid_before(tr: Any) -> int:
    trpr = tr.find(f"{_W}trPr")
    gb = trpr.find(f"{_W}gridBefore") if trpr is not None else None
    if gb is None:
        return 0
    try:
        return max(0, min(64, int(gb.get(f"{_W}val", "0"))))
    except ValueError:
        return 0


def _is_header_row(tr: Any) -> bool:
    trpr = tr.find(f"{_W}trPr")
    return trpr is not None and trpr.find(f"{_W}tblHeader") is not None


class _DocxReader:
    def __init__(self, path: str, document: Any) -> None:
        self.path = path
        self.document = document
        self.n = 0  # paragraph counter
        self.t = 0  # table counter
        self.blocks: list[Block] = []
        self._styles: dict[str, str] | None = None

    def _style_name(self, p_el: Any) -> str:
        """Name of the paragraph style (looked up once per style id: python-docx's
        ``paragraph.style`` rescans the styles part on every call)."""
        ppr = p_el.find(f"{_W}pPr")
        pstyle = ppr.find(f"{_W}pStyle") if ppr is not None else None
        sid = pstyle.get(f"{_W}val", "") if pstyle is not None else ""
        if not sid:
            return ""
        if self._styles is None:
            self._styles = {}
            try:
                for st in self.document.styles:
                    if st.style_id:
                        self._styles[st.style_id] = st.name or st.style_id
            except Exception:  # noqa: BLE001 - a broken styles part: fall back to ids
                pass
        return self._styles.get(sid, sid)


    @staticmethod
    def _pos_fn(n: int):  # noqa: ANN205
        return lambda off: (n, off + 1)

    def _paragraph(self, p_el: Any) -> None:
        self.n += 1
        n = self.n
        text = paragraph_text(p_el)
        if not text.strip():
            return
        b = UnitBuilder()
        clean_into(b, text, 0, len(text), self._pos_fn(n), raw=True)
        clean, segs = b.result()
        kind = "paragraph"
        level = 0
        style = self._style_name(p_el)
        hm = _HEADING_STYLE_RE.match(style)
        ppr = p_el.find(f"{_W}pPr")
        has_num = ppr is not None and ppr.find(f"{_W}numPr") is not None
        if caption_match(clean):
            kind = "caption"
        elif style.lower() in ("caption", "keterangan", "table caption"):
            kind = "paragraph"  # a caption style without "Tabel n": a figure caption, a note
        elif hm:
            kind = "heading"
            level = int(hm.group(1)) if hm.group(1) else 1
        elif _outline_level(ppr) is not None:
            kind = "heading"
            level = (_outline_level(ppr) or 0) + 1
        elif has_num or "list" in style.lower() or _BULLET_TEXT_RE.match(clean):
            kind = "list_item"
            level = 1
            if (is_caps_heading(clean) or is_titled_section(clean)) and re.match(r"^[A-H]\.", clean):
                kind, level = "heading", heading_level(clean)
        elif is_caps_heading(clean) or is_titled_section(clean):
            kind, level = "heading", heading_level(clean)
        blk = Block(text=clean, segments=segs or [(0, n, 1)], extra={"paragraph": n},
                    kind=kind, level=level, source_format="docx")  # type: ignore[arg-type]
        self.blocks.append(blk)

    def _cell_unit(self, tc: Any, t: int, r: int, c: int) -> Cell:
        b = UnitBuilder()
        first_n: int | None = None
        for p_el in _all_paragraph_elements(tc):
            self.n += 1
            if first_n is None:
                first_n = self.n
            text = paragraph_text(p_el)
            clean_into(b, text, 0, len(text), self._pos_fn(self.n), raw=True)
            b.brk()
        text, segs = b.result()
        n0 = first_n if first_n is not None else self.n
        return Cell(text=text, segments=segs or [(0, n0, 1)],
                    extra={"paragraph": n0, "table": t, "row": r, "cell": c})

    def _table(self, tbl: Any) -> None:
        self.t += 1
        t = self.t
        drafts: list[RowDraft] = []
        for ri, tr in enumerate(_rows(tbl), start=1):
            cells: list[Cell] = []
            grid = _grid_before(tr)
            for _ in range(grid):  # a row that starts later than the others
                cells.append(Cell(text="", segments=[(0, self.n + 1, 1)],
                                  extra={"paragraph": self.n + 1, "table": t, "row": ri, "cell": 1}))
            for tc in _cells(tr):
                span = _grid_span(tc)
                ci = grid + 1  # 1-based grid column, as python-docx table.cell(r, c) counts
                grid += span
                if _vmerge_continue(tc):
                    # the text lives in the cell above; still count the paragraphs inside
                    cell = self._cell_unit(tc, t, ri, ci)
                    cell = Cell(text="", segments=cell.segments[:1], extra=cell.extra)
                else:
                    cell = self._cell_unit(tc, t, ri, ci)
                cell.colspan = span
                cells.append(cell)
                for _ in range(span - 1):
                    cells.append(Cell(text="", segments=cell.segments[:1], extra=cell.extra))
            if cells:
                drafts.append(RowDraft(cells=cells, header=_is_header_row(tr),
                                       line=cells[0].position(0)[0]))
        rows = finish_table(drafts, align_short_rows=False)
        if not rows:
            return
        first = rows[0].cells[0]
        line, col = first.position(0)
        self.blocks.append(Block(text="", segments=[(0, line, 1)], extra={"table": t},
                                 kind="table", rows=rows, source_format="docx"))

    def run(self) -> list[Block]:
        body = self.document.element.body
        for item in _body_items(body):
            if item.tag == _P:
                self._paragraph(item)
            else:
                self._table(item)
        blocks = self.blocks
        self._join_caption_titles(blocks)
        blocks = merge_split_tables(blocks)
        for k, b in enumerate(blocks):
            if b.kind == "caption" and not caption_has_table(blocks, k):
                m = caption_match(b.text)
                if m and len(m.group("title")) > 120:
                    b.kind = "paragraph"
        link_captions(blocks)
        return blocks

    @staticmethod
    def _join_caption_titles(blocks: list[Block]) -> None:
        """'Tabel 3.1' alone in a paragraph, title in the next one: the caption is both."""
        i = 0
        while i < len(blocks) - 1:
            b = blocks[i]
            m = caption_match(b.text) if b.kind == "caption" else None
            nb = blocks[i + 1]
            if m and not m.group("title").strip() and nb.kind in ("paragraph", "heading") and \
                    0 < len(nb.text) <= 200:
                base = len(b.text) + 1
                b.text = b.text + " " + nb.text
                b.segments = list(b.segments) + [(base + k, ln, col) for k, ln, col in nb.segments]
                del blocks[i + 1]
            i += 1


def read_docx(path: str | Path) -> Document:
    """Read a .docx file (after container checks) into a Document."""
    p = Path(path)
    spath = str(path)
    check_docx_zip(p)
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - dependency missing
        raise _fail(spath, "pustaka python-docx tidak terpasang; pasang dengan "
                           "'pip install python-docx'") from None
    try:
        document = docx.Document(spath)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml/zlib failures
        raise _fail(spath, f"berkas DOCX rusak atau tidak dapat dibuka ({type(exc).__name__})"
                    ) from None
    try:
        blocks = _DocxReader(spath, document).run()
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise _fail(spath, f"isi DOCX tidak dapat dibaca ({type(exc).__name__})") from None
    return Document(path=spath, blocks=blocks, format="docx", source_text=None)
