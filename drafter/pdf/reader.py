"""Read a PDF report (with a text layer) into the common document model.

The PDF is turned into the same plain text the other readers take, then parsed by the text
reader, so every rule sees a PDF exactly like a ``.txt`` report:

* words come from PDFium (pypdfium2, fast) with their boxes, font size and weight, grouped into
  the physical lines of each page;
* tables drawn with ruling lines are found by pdfplumber's lattice table algorithm (its exact
  results, computed faster by :mod:`drafter.pdf.lattice`) on the ruling lines PDFium reports,
  and written as tab-separated rows (one row per line, a cell's wrapped lines joined); a table
  continued on the next page with the same number of columns is joined to it, its repeated
  header row dropped;
* tables without ruling lines are written with their columns aligned by spaces, so that the
  flattened-table recovery of :mod:`drafter.tables.flat` reads them;
* running headers and footers (a line in the top or bottom band repeated on many pages, digits
  ignored) and page numbers are removed;
* the wrapped lines of a paragraph are joined into one line (a hyphen at a line break is
  dropped, unless it joins a reduplicated word such as ``masing-masing``);
* a short paragraph in bold or in a larger font is a heading when the text alone is ambiguous.

Positions: ``Location.line``/``column`` are the running line and column in that extracted text
(the HTML report shows it), and every issue gets ``location = {"page": p, "line": l}``: the
1-based page and the physical line on that page (running header included), see
:meth:`PdfDocument.page_location`. :class:`PdfMap` also gives the boxes of a flagged text for
the annotated copy (:mod:`drafter.pdf.annotate`).
"""

from __future__ import annotations

import re
import signal
import sys
import threading
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.document.model import Document, Location
from drafter.errors import DocumentError
from drafter.limits import (
    MAX_PDF_BYTES,
    MAX_PDF_CONTENT_BYTES,
    MAX_PDF_PAGES,
    MAX_PDF_SECONDS,
    check_count,
    too_large,
)
from drafter.pdf.lattice import find_table_edges, intersections_to_cells
from drafter.text.hyphen import hyphen_join as _hyphen_join

if TYPE_CHECKING:
    from drafter.check.registry import Issue

OCR_HINT = ("PDF hasil pindai tanpa lapisan teks; jalankan OCR dulu, mis. "
            "`ocrmypdf -l ind masukan.pdf keluaran.pdf`, lalu periksa berkas keluarannya")

_PAGE_NO_RE = re.compile(
    r"^\s*[-–—(]?\s*(?:(?:hal(?:aman)?|page)\.?\s*:?\s*)?(?:\d{1,4}|[ivxlc]{1,7})"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?\s*[-–—)]?\s*$", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
_LIST_START_RE = re.compile(r"^(?:[-•▪●◦*]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\d{1,3}\)|\([a-z]\))$")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200d\ufeff]")
_LIGATURES_RE = re.compile("[\ufb00-\ufb06]")
BAND = 0.12  # top and bottom share of the page height where headers and footers live


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int  # 1-based
    pline: int = 0  # 1-based physical line on the page
    italic: bool = False


@dataclass(slots=True)
class Piece:
    """Columns ``start``..``end`` (0-based, end exclusive) of an extracted line come from
    ``word.text[offset:offset + end - start]``."""

    start: int
    end: int
    word: Word
    offset: int = 0


class PdfMap:
    """Map from the extracted text (1-based line, column) back to PDF pages, lines and boxes."""

    def __init__(self, pages: int, heights: list[float], widths: list[float]) -> None:
        """``heights``: per page, the PDF y of the top edge (top-down y = height - PDF y)."""
        self.lines: list[list[Piece]] = []
        self.pages = pages
        self.heights = heights
        self.widths = widths

    def piece_at(self, line: int, column: int) -> Piece | None:
        """The piece at or nearest before ``(line, column)`` (searching earlier lines too)."""
        k = line - 1
        col = column - 1
        while 0 <= k < len(self.lines):
            pieces = self.lines[k]
            if pieces:
                j = bisect_right([p.start for p in pieces], col) - 1
                return pieces[max(j, 0)]
            k -= 1
            col = 1 << 30
        return None

    def page_line(self, line: int, column: int) -> tuple[int, int] | None:
        p = self.piece_at(line, column)
        return (p.word.page, p.word.pline) if p else None

    def boxes(self, loc: Location) -> dict[int, list[tuple[float, float, float, float]]]:
        """Boxes (x0, top, x1, bottom; pdfplumber coordinates) of the text at ``loc``, by page."""
        out: dict[int, list[tuple[float, float, float, float]]] = {}
        for ln in range(loc.line, max(loc.end_line, loc.line) + 1):
            if not 0 < ln <= len(self.lines):
                continue
            s = loc.column - 1 if ln == loc.line else 0
            e = loc.end_column - 1 if ln == loc.end_line else 1 << 30
            for p in self.lines[ln - 1]:
                if p.end <= s or p.start >= max(e, s + 1):
                    continue
                w = p.word
                n = max(len(w.text), 1)
                a = p.offset + max(0, s - p.start)
                b = p.offset + min(p.end, max(e, s + 1)) - p.start
                x0 = w.x0 + (w.x1 - w.x0) * a / n
                x1 = w.x0 + (w.x1 - w.x0) * min(b, n) / n
                out.setdefault(w.page, []).append((x0, w.top, max(x1, x0 + 1), w.bottom))
        if not out:
            p = self.piece_at(loc.line, loc.column)
            if p is not None:
                w = p.word
                out[w.page] = [(w.x0, w.top, w.x1, w.bottom)]
        return out


@dataclass
class PdfDocument(Document):
    """A :class:`Document` read from a PDF, with its map back to pages."""

    pdf: PdfMap | None = None
    pages: int = 0

    def page_location(self, issue: Issue) -> Issue:
        """``issue`` with ``location`` = ``{"page": p, "line": l}`` (and any table position)."""
        if self.pdf is None:
            return issue
        pl = self.pdf.page_line(issue.location.line, issue.location.column)
        if pl is None:
            return issue
        extra = dict(issue.location.extra or {})
        extra.update({"page": pl[0], "line": pl[1]})
        return replace(issue, location=replace(issue.location, extra=extra))


# ------------------------------------------------------------------------------------------------
# page content


@dataclass
class Line:
    """A physical line. Its words never change once grouped: ``text``, ``size`` and
    ``gapped`` are computed once (the writer asks for them many times)."""

    words: list[Word]
    top: float
    bottom: float

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @cached_property
    def gapped(self) -> bool:
        """A gap wider than 1.6 font sizes between two words: columns aligned by spaces."""
        ws = self.words
        return any(b.x0 - a.x1 > 1.6 * max(a.size, 4) for a, b in zip(ws, ws[1:], strict=False))


@dataclass
class Table:
    rows: list[list[list[Line]]]  # rows -> cells -> lines of the cell
    top: float
    bottom: float
    page: int
    ncols: int = 0
    open_top: bool = False  # no ruling line above the first row: a row continued from the page before

    def row_texts(self, k: int) -> list[str]:
        return [" ".join(ln.text for ln in cell) for cell in self.rows[k]]


@dataclass
class Page:
    number: int
    width: float
    height: float
    items: list[Line | Table] = field(default_factory=list)
    right: float = 0.0  # right edge of the text
    flip: float = 0.0  # PDF y of the top edge (top-down y = flip - PDF y)


def _clean(text: str) -> str:
    if _LIGATURES_RE.search(text):
        text = _LIGATURES_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _CONTROL_RE.sub("", text)


_TOP_X0 = attrgetter("top", "x0")
_X0 = attrgetter("x0")


def _group_lines(words: list[Word]) -> list[Line]:
    """Physical lines: words whose vertical middles are within half a font size, left to right.
    (A word joins the line when ``|its middle - the line's middle| <= max(1.5, 0.45 * its
    size)``; the line's top is its first word's, its bottom the lowest bottom so far.)"""
    lines: list[Line] = []
    cur: list[Word] = []
    top = bottom = 0.0
    for w in sorted(words, key=_TOP_X0):
        wt, wb = w.top, w.bottom
        if cur:
            tol = 0.45 * w.size
            if abs((wt + wb) / 2 - (top + bottom) / 2) <= (tol if tol > 1.5 else 1.5):
                cur.append(w)
                if wb > bottom:
                    bottom = wb
                continue
            cur.sort(key=_X0)
            lines.append(Line(cur, top, bottom))
        cur = [w]
        top, bottom = wt, wb
    if cur:
        cur.sort(key=_X0)
        lines.append(Line(cur, top, bottom))
    return lines


def _inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] - 0.5 <= cx <= box[2] + 0.5 and box[1] - 0.5 <= cy <= box[3] + 0.5


def _page_text(pf: Any, tp: int | None, n: int) -> str:
    """The characters of a text page, one per character index."""
    import ctypes

    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pf.text_get_text(tp, 0, n, ctypes.addressof(buf))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters outside the BMP: read them one by one
        text = "".join(chr(pf.text_get_unicode(tp, i) or 32) for i in range(n))
    return text


_WORD_RE = re.compile(r"\S+")
_BOLD_RE = re.compile(r"bold|black|heavy|semibold", re.IGNORECASE)
_ITALIC_RE = re.compile(r"italic|oblique", re.IGNORECASE)
# a page whose text holds none of these needs no cleaning of its words (see _clean)
_DIRTY_RE = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\ufeff\ufb00-\ufb06]")


def _split_run(loose: Any, tp: int | None, rect: Any, text: str, i: int, j: int, height: float,
               number: int) -> list[Word]:
    """A run of characters without spaces that is not on one line: split where it jumps."""
    import ctypes

    out: list[Word] = []
    cur: list[str] = []
    x0 = x1 = top = bottom = 0.0
    addr = ctypes.addressof(rect)
    for k in range(i, j + 1):
        if not loose(tp, k, addr):
            continue
        cl, cr, ct, cb = rect.left, rect.right, height - rect.top, height - rect.bottom
        if cur and (cl < x0 or abs(ct - top) > 0.5 * (bottom - top) or cl - x1 > 0.25 * (bottom - top)):
            out.append(Word("".join(cur), x0, x1, top, bottom, bottom - top, False, number))
            cur = []
        if not cur:
            x0, top, bottom = cl, ct, cb
        x1 = cr
        cur.append(text[k])
    if cur:
        out.append(Word("".join(cur), x0, x1, top, bottom, bottom - top, False, number))
    return out


def _page_words(page: int, number: int, height: float) -> list[Word]:
    """Words of a page (a PDFium page handle) from its text layer (pdfplumber coordinates:
    top-down)."""
    import ctypes

    from drafter.pdf import _pdfium as pf

    tp = pf.text_load_page(page)
    try:
        n = max(pf.text_count_chars(tp), 0)
        text = _page_text(pf, tp, n)
        words: list[Word] = []
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        rect = pf.RectF()
        loose = pf.text_loose_char_box
        font_info = pf.text_font_info
        addr, baddr, faddr = ctypes.addressof(rect), ctypes.addressof(buf), ctypes.addressof(flags)
        fonts: dict[tuple[bytes, int], tuple[bool, bool]] = {}
        # PDFium writes a space where glyphs are apart and a line break between lines: a word
        # is a run of other characters; only its first and last characters are measured
        for m in _WORD_RE.finditer(text):
            i, j = m.span()
            j -= 1
            if not loose(tp, i, addr):
                continue
            x0, x1 = rect.left, rect.right
            top, bottom = height - rect.top, height - rect.bottom
            if j > i and loose(tp, j, addr):
                right = rect.right
                if right >= x0 and abs((height - rect.top) - top) <= 0.5 * (bottom - top):
                    if right > x1:  # max(x1, right)
                        x1 = right
                else:  # the run wraps or jumps (rotated or reordered text): measure every glyph
                    words.extend(_split_run(loose, tp, rect, text, i, j, height, number))
                    continue
            k = font_info(tp, i, baddr, 128, faddr)
            key = (buf.raw[: k - 1] if k else b"", flags.value)  # k: the name's length + 1
            style = fonts.get(key)
            if style is None:
                name = key[0].decode("latin-1")
                style = fonts[key] = (bool(_BOLD_RE.search(name)) or bool(key[1] & (1 << 18)),
                                      bool(_ITALIC_RE.search(name)) or bool(key[1] & (1 << 6)))
            words.append(Word(m.group(), x0, x1, top, bottom, bottom - top, style[0], number, 0,
                              style[1]))
    finally:
        pf.text_close_page(tp)
    if not _DIRTY_RE.search(text):
        return words
    out = []
    for w in words:
        w.text = _clean(w.text)
        if w.text:
            out.append(w)
    return out


Edges = list[list[float]]  # ruling lines as [x0, top, x1, bottom, width, height] (lattice.py)


def _page_graphics(page: int, height: float) -> tuple[Edges, Edges, bool]:
    """Ruling lines of a page (thin path objects and the sides of rectangles) as vertical and
    horizontal edges, and whether the page holds an image. Form XObjects are entered up to 4
    levels deep.

    Chromium writes almost every glyph as a text object of its own (~3000 per page): the
    handles and types of all objects are fetched with ``map`` (no Python loop per object) and
    only the others are looked at."""
    import ctypes
    from itertools import compress, repeat

    from drafter.pdf import _pdfium as pf

    vs: Edges = []
    hs: Edges = []
    images = False
    left, bot, right, tp = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds = (ctypes.addressof(left), ctypes.addressof(bot), ctypes.addressof(right),
              ctypes.addressof(tp))
    get_type, get_bounds = pf.obj_get_type, pf.obj_get_bounds
    not_text = pf.OBJ_TEXT.__ne__
    path_kind, image_kind, form_kind = pf.OBJ_PATH, pf.OBJ_IMAGE, pf.OBJ_FORM

    stack: list[tuple[int | None, int, bool]] = [(page, 0, True)]
    seen = 0
    while stack:
        holder, depth, is_page = stack.pop()
        count = max(pf.page_count_objects(holder) if is_page else pf.form_count_objects(holder), 0)
        get = pf.page_get_object if is_page else pf.form_get_object
        stop = count > 2_000_000 - seen  # at most 2 000 000 objects in all
        if stop:
            count = 2_000_000 - seen
        objs = list(map(get, repeat(holder, count), range(count)))
        kinds = list(map(get_type, objs))
        for obj, kind in zip(compress(objs, map(not_text, kinds)),
                             compress(kinds, map(not_text, kinds)), strict=True):
            if len(vs) + len(hs) > 20_000:
                return vs, hs, images
            if kind == path_kind:
                if not get_bounds(obj, *bounds):
                    continue
                x0, x1 = left.value, right.value
                top, bottom = height - tp.value, height - bot.value
                w, h = x1 - x0, bottom - top
                if h <= 3 and w > 3:
                    y = (top + bottom) / 2
                    hs.append([x0, y, x1, y, x1 - x0, y - y])
                elif w <= 3 and h > 3:
                    x = (x0 + x1) / 2
                    vs.append([x, top, x, bottom, x - x, bottom - top])
                elif w > 3 and h > 3:
                    hs.append([x0, top, x1, top, x1 - x0, top - top])
                    hs.append([x0, bottom, x1, bottom, x1 - x0, bottom - bottom])
                    vs.append([x0, top, x0, bottom, x0 - x0, bottom - top])
                    vs.append([x1, top, x1, bottom, x1 - x1, bottom - top])
            elif kind == image_kind:
                images = True
            elif kind == form_kind and depth < 4:
                stack.append((obj, depth + 1, False))
        seen += count
        if stop:
            return vs, hs, images
    return vs, hs, images


def _close_cut_tables(vs: Edges, hs: Edges) -> float | None:
    """A table cut by a page break has vertical rules but no horizontal rule at the cut: add
    the missing rules (to ``hs``) at the top and bottom of the vertical ones. Returns the added
    top (the first row continues a row of the page before), or None."""
    if len(vs) < 2:
        return None
    top = min(e[1] for e in vs)
    bottom = max(e[3] for e in vs)
    x0 = min(e[0] for e in vs)
    x1 = max(e[2] for e in vs)
    added = None
    for y, is_top in ((top, True), (bottom, False)):
        covered = sum(min(e[2], x1) - max(e[0], x0) for e in hs if abs(e[1] - y) <= 3 and e[2] > x0)
        closed = covered >= 0.9 * (x1 - x0)
        if not closed:
            hs.append([x0, y, x1, y, x1 - x0, 0.0])
            if is_top:
                added = top
    return added


# the name tests/test_speed_pdf_cells.py checks against pdfplumber
_intersections_to_cells = intersections_to_cells


def _assign(words: list[Word], rows: list[list[Any]]) -> list[list[list[Word]]]:
    """The words of each cell of a table (rows of cell boxes, None for a spanned cell)."""
    out: list[list[list[Word]]] = [[[] for _ in r] for r in rows]
    tops: list[float] = []
    for r in rows:
        boxes = [c for c in r if c is not None]
        tops.append(min(c[1] for c in boxes) if boxes else (tops[-1] if tops else 0.0))
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        k = max(bisect_right(tops, cy + 0.5) - 1, 0)
        for j in (k, k - 1, k + 1):
            if not 0 <= j < len(rows):
                continue
            hit = None
            for ci, c in enumerate(rows[j]):  # the first cell holding the word's middle (_inside)
                if c is not None and c[0] - 0.5 <= cx <= c[2] + 0.5 and c[1] - 0.5 <= cy <= c[3] + 0.5:
                    hit = ci
                    break
            if hit is not None:
                out[j][hit].append(w)
                break
    return out


def _mediabox(page: int) -> tuple[float, float, float, float]:
    """The page's MediaBox, (0, 0, 612, 792) when it has none (as pypdfium2's ``get_mediabox``)."""
    import ctypes

    from drafter.pdf import _pdfium as pf

    box = (ctypes.c_float * 4)()
    at = ctypes.addressof(box)
    if not pf.page_mediabox(page, at, at + 4, at + 8, at + 12):
        return (0.0, 0.0, 612.0, 792.0)
    return (box[0], box[1], box[2], box[3])


def _open_pdfium(pf: Any, p: Path, spath: str) -> int:
    """The PDFium document of ``p`` (DocumentError naming PDFium's error, in pypdfium2's words,
    when it cannot be opened or has no page)."""
    encoded = str(p).encode("utf-8", errors="strict" if sys.platform.startswith("win32") else "surrogateescape")
    pdf = pf.load_document(encoded, None)
    if pdf and pf.get_page_count(pdf) >= 1:
        return int(pdf)
    code = pf.get_last_error()
    if pdf:
        pf.close_document(pdf)
    from pypdfium2.internal.consts import ErrorToStr

    reason = f"Failed to load document (PDFium: {ErrorToStr.get(code)})."
    raise DocumentError(f"PDF rusak atau terkunci, tidak dapat dibaca ({reason[:100]})", path=spath)


def _read_page(page: int, number: int) -> tuple[Page, bool]:
    """One page (``page``: a PDFium page handle)."""
    left, bottom, right, top = _mediabox(page)
    out = Page(number, right - left, top - bottom, flip=top)
    height = top  # y of the page's top edge: top-down coordinates are ``top - y``
    words = _page_words(page, number, height)
    # physical line numbers over the whole page (headers included): what a reader counts
    page_lines = _group_lines(words)
    for k, ln in enumerate(page_lines, start=1):
        for w in ln.words:
            w.pline = k
    free = words
    tables: list[Table] = []
    vs, hs, images = _page_graphics(page, height)
    open_top = _close_cut_tables(vs, hs)
    for box, rows in find_table_edges(vs, hs) if len(vs) + len(hs) >= 4 and words else []:
        ncols = max((len(r) for r in rows), default=0)
        # one row is enough at the top of a page: the rest of a table cut by the page break
        cut = (open_top is not None and abs(box[1] - open_top) < 3) or box[1] <= height * BAND
        if len(rows) < (1 if cut else 2) or ncols < 2:
            continue
        inside: list[Word] = []
        rest: list[Word] = []
        for w in free:
            (inside if _inside(w, box) else rest).append(w)
        if not inside:
            continue
        free = rest
        grid: list[list[list[Line]]] = []
        for r in _assign(inside, rows):
            cells: list[list[Line]] = [_group_lines(ws) if ws else [] for ws in r]
            cells += [[] for _ in range(ncols - len(cells))]
            if any(cells):
                grid.append(cells)
        if grid:
            t = Table(grid, float(box[1]), float(box[3]), number, ncols)
            t.open_top = open_top is not None and abs(t.top - open_top) < 3
            tables.append(t)
    # no table took words: the lines of the page (the same grouping of the same words)
    items: list[Line | Table] = [*(page_lines if free is words else _group_lines(free)), *tables]
    items.sort(key=lambda it: it.top)
    out.items = items
    return out, images


# ------------------------------------------------------------------------------------------------
# running headers and footers


def _furniture_key(line: Line) -> str:
    return _DIGITS_RE.sub("#", line.text.lower()).strip()


def _in_band(line: Line, page: Page) -> bool:
    return line.bottom <= page.height * BAND or line.top >= page.height * (1 - BAND)


def _remove_furniture(pages: list[Page]) -> None:
    """Drop running headers/footers and page numbers (lines in the top/bottom band only)."""
    counts: Counter[str] = Counter()
    for pg in pages:
        keys = {_furniture_key(it) for it in pg.items if isinstance(it, Line) and _in_band(it, pg)}
        counts.update(keys)
    need = max(2, int(0.4 * len(pages) + 0.999))
    for pg in pages:
        kept: list[Line | Table] = []
        lines = [it for it in pg.items if isinstance(it, Line)]
        edge_ids = {id(lines[0]), id(lines[-1])} if lines else set()
        for it in pg.items:
            if isinstance(it, Line) and _in_band(it, pg):
                if len(pages) >= 2 and counts[_furniture_key(it)] >= need:
                    continue
                if id(it) in edge_ids and _is_page_number(it.text, len(pages)):
                    continue
            kept.append(it)
        pg.items = kept
        pg.right = max((it.x1 for it in kept if isinstance(it, Line)), default=pg.width)


def _is_page_number(text: str, pages: int) -> bool:
    if not _PAGE_NO_RE.match(text):
        return False
    nums = [int(n) for n in _DIGITS_RE.findall(text)]
    return all(n <= pages + 50 for n in nums[:1])


# ------------------------------------------------------------------------------------------------
# extracted text


class _Writer:
    """Builds the extracted text line by line, remembering where each character came from."""

    def __init__(self, pmap: PdfMap) -> None:
        self.out: list[str] = []
        self.map = pmap
        self.cur: list[str] = []
        self.col = 0
        self.pieces: list[Piece] = []
        self.styled: set[int] = set()  # 1-based lines of heading-styled paragraphs

    def add(self, text: str, word: Word, offset: int = 0) -> None:
        if not text:
            return
        self.cur.append(text)
        self.pieces.append(Piece(self.col, self.col + len(text), word, offset))
        self.col += len(text)

    def raw(self, text: str) -> None:
        self.cur.append(text)
        self.col += len(text)

    def pad_to(self, col: int) -> None:
        if col > self.col:
            self.raw(" " * (col - self.col))

    def newline(self) -> None:
        self.out.append("".join(self.cur))
        self.map.lines.append(self.pieces)
        self.cur, self.pieces, self.col = [], [], 0

    def blank(self) -> None:
        if self.cur:
            self.newline()
        if self.out and self.out[-1] != "":
            self.newline()

    def words(self, lines: list[Line]) -> None:
        """The words of wrapped lines as one run of text (hyphenated breaks joined). Italic
        words are wrapped in ``*...*`` like in the text reports (spelling leaves them alone).
        (:meth:`add` and :meth:`raw` written out: this runs once per word of the report.)"""
        prev: Word | None = None
        in_italic = False
        cur, pieces, col = self.cur, self.pieces, self.col
        for ln in lines:
            first = ln.words[0]
            for w in ln.words:
                if prev is not None:
                    joined = _hyphen_join(prev.text, w.text) if w is first else None
                    if joined == "drop":
                        # remove the hyphen written with the previous word
                        cur[-1] = cur[-1][:-1]
                        col -= 1
                        pieces[-1].end -= 1
                    if in_italic and not w.italic:
                        cur.append("*")
                        col += 1
                        in_italic = False
                    if joined is None:
                        cur.append(" ")
                        col += 1
                text = w.text
                if w.italic and not in_italic and any(c.isalpha() for c in text):
                    cur.append("*")
                    col += 1
                    in_italic = True
                if text:
                    cur.append(text)
                    end = col + len(text)
                    pieces.append(Piece(col, end, w, 0))
                    col = end
                prev = w
        if in_italic:
            cur.append("*")
            col += 1
        self.col = col

    @property
    def lineno(self) -> int:
        return len(self.out) + 1


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for pg in pages:
        for it in pg.items:
            if isinstance(it, Line):
                for w in it.words:
                    sizes[round(w.size, 1)] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _styled(line: Line, body: float) -> bool:
    return all(w.bold for w in line.words) or line.size > body * 1.12


def _gapped(line: Line) -> bool:
    return line.gapped


def _ends_paragraph(a: Line, b: Line, right: float) -> bool:
    """The next line's first word would have fit on line ``a``: ``a`` ended its paragraph."""
    first = b.words[0]
    return right - a.x1 > (first.x1 - first.x0) + 0.6 * a.size


def _is_list_start(line: Line) -> bool:
    return bool(_LIST_START_RE.match(line.words[0].text)) or bool(
        re.match(r"^\d{1,3}[.)][^\W\d]", line.words[0].text))


_BLOCK_START_RE = re.compile(r"^(?:tabel|table|gambar|grafik|diagram|bab|lampiran)\s+[\dIVXL]", re.IGNORECASE)


def _starts_block(a: Line, b: Line) -> bool:
    """``b`` opens a caption or a chapter and ``a`` ended a sentence (also over a page break)."""
    return a.text.rstrip().endswith((".", ":", ";")) and bool(_BLOCK_START_RE.match(b.text))


def _write_layout(wr: _Writer, lines: list[Line], left: float, cw: float) -> None:
    """Lines whose columns are aligned by spaces (a table without ruling lines)."""
    for ln in lines:
        prev: Word | None = None
        for w in ln.words:
            col = max(0, round((w.x0 - left) / cw))
            if prev is not None:
                gap = w.x0 - prev.x1
                if gap > 0.6 * max(prev.size, 4):  # wider than a space: the next column
                    col = max(col, wr.col + 2)
                else:
                    col = wr.col + 1
            wr.pad_to(col)
            wr.add(w.text, w)
            prev = w
        wr.newline()


def _write_table(wr: _Writer, table: Table) -> None:
    for row in table.rows:
        for k, cell in enumerate(row):
            if k:
                wr.raw("\t")
            wr.words(cell)
        wr.newline()


def _join_tables(pages: list[Page]) -> list[tuple[Page, Line | Table]]:
    """All items in reading order; a table continued on the next page is joined to it."""
    seq: list[tuple[Page, Line | Table]] = []
    for pg in pages:
        for k, it in enumerate(pg.items):
            if isinstance(it, Table) and k == 0 and seq and isinstance(seq[-1][1], Table):
                prev = seq[-1][1]
                assert isinstance(prev, Table)
                if prev.ncols == it.ncols and prev.page == pg.number - 1:
                    rows = it.rows
                    skip = 0
                    while skip < min(3, len(rows) - 1, len(prev.rows)) and \
                            it.row_texts(skip) == prev.row_texts(skip):
                        skip += 1
                    if it.open_top and skip == 0 and rows:
                        # the last row of the page before goes on: its cells continue
                        for cell, more in zip(prev.rows[-1], rows[0], strict=False):
                            cell.extend(more)
                        skip = 1
                    prev.rows.extend(rows[skip:])
                    prev.page = pg.number
                    continue
            seq.append((pg, it))
    return seq


def _write_text(pages: list[Page], pmap: PdfMap) -> _Writer:
    wr = _Writer(pmap)
    body = _body_size(pages)
    cw = body * 0.35  # a narrow character width: proportional text never runs into the next column
    lefts = [it.x0 for pg in pages for it in pg.items if isinstance(it, Line)]
    left = min(lefts) if lefts else 0.0
    seq = _join_tables(pages)
    para: list[Line] = []
    para_right = 0.0

    def flush() -> None:
        nonlocal para
        if para:
            wr.blank()
            if all(_styled(ln, body) for ln in para):
                wr.styled.add(wr.lineno)
            wr.words(para)
            wr.newline()
            para = []

    i = 0
    while i < len(seq):
        pg, it = seq[i]
        if isinstance(it, Table):
            flush()
            wr.blank()
            _write_table(wr, it)
            wr.blank()
            i += 1
            continue
        # a run of gapped lines (two or more): a table aligned by spaces; up to four lines
        # without a gap (wrapped cells) inside it when a gapped line follows closely
        if _gapped(it):
            j = i
            run: list[Line] = []
            while j < len(seq) and isinstance(seq[j][1], Line):
                ln = seq[j][1]
                assert isinstance(ln, Line)
                if run and (ln.words[0].page != run[-1].words[0].page
                            or ln.top - run[-1].bottom > 0.8 * max(ln.size, 4)):
                    # a new page or a paragraph gap: the run goes on only if the next line
                    # is gapped too (a table cut by the page break)
                    if not _gapped(ln):
                        break
                if not _gapped(ln):
                    k = j
                    while k < len(seq) and k < j + 4 and isinstance(seq[k][1], Line) \
                            and not _gapped(seq[k][1]):  # type: ignore[arg-type]
                        k += 1
                    nxt = seq[k][1] if k < len(seq) else None
                    if not (run and isinstance(nxt, Line) and _gapped(nxt)
                            and nxt.top - seq[k - 1][1].bottom <= 0.8 * max(nxt.size, 4)):
                        break
                run.append(ln)
                j += 1
            if len(run) >= 2:
                flush()
                wr.blank()
                _write_layout(wr, run, left, cw)
                wr.blank()
                i = j
                continue
        if para:
            a = para[-1]
            same_page = a.words[0].page == it.words[0].page
            gap = it.top - a.bottom if same_page else 0.0
            new = (
                (same_page and gap > 0.8 * max(a.size, 4))
                or _styled(a, body) != _styled(it, body)
                or abs(a.size - it.size) > 0.6
                or _is_list_start(it)
                or _starts_block(a, it)
                or _ends_paragraph(a, it, para_right)
            )
            if new:
                flush()
        if not para:
            para_right = pg.right
        para.append(it)
        para_right = max(para_right, pg.right)
        i += 1
    flush()
    return wr


# ------------------------------------------------------------------------------------------------
# safety: size, page count, decompressed content, time


@contextmanager
def _time_limit(path: str, seconds: float) -> Iterator[None]:
    """Stop the extraction after ``seconds`` (main thread only; SIGALRM)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def _alarm(_sig: int, _frame: object) -> None:
        raise DocumentError(f"PDF terlalu rumit untuk dibaca (lebih dari {seconds:.0f} detik); "
                            "cetak ulang ke PDF atau simpan sebagai .docx", path=path)

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _stream_size(stream: Any, budget: int) -> int:
    """Decoded size of a PDF stream, never decoding more than ``budget`` bytes."""
    import zlib

    filters = stream.get("/Filter")
    names = [str(f) for f in (filters if isinstance(filters, list) else [filters])] if filters else []
    data = getattr(stream, "_data", b"") or b""
    if not names:
        return len(data)
    if names == ["/FlateDecode"] or names == ["/Fl"]:
        d = zlib.decompressobj()
        total = 0
        chunk = data
        try:
            while chunk and total <= budget:
                out = d.decompress(chunk, 1 << 20)
                total += len(out)
                chunk = d.unconsumed_tail
        except zlib.error:
            return total
        return total
    return len(data) * 20  # other filters: a generous estimate from the encoded size


def quiet_pypdf() -> None:
    """pypdf logs repairs of damaged files ("EOF marker not found") on stderr: our one-line
    error (or a normal read) says what matters."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)


def _precheck(path: Path, spath: str) -> int:
    """Open with pypdf: encryption, page count and total decoded content size, bounded."""
    quiet_pypdf()
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path), strict=False)
    except PdfReadError as exc:
        raise DocumentError(f"PDF rusak, tidak dapat dibaca ({_short(exc)})", path=spath) from None
    if reader.is_encrypted:
        ok = 0
        try:
            ok = reader.decrypt("")
        except Exception:  # noqa: BLE001 - unsupported encryption counts as locked
            ok = 0
        if not ok:
            raise DocumentError("PDF terkunci kata sandi; buka kuncinya dulu (mis. `qpdf --decrypt "
                                "--password=... masukan.pdf keluaran.pdf`)", path=spath)
    try:
        count = int(reader.trailer["/Root"]["/Pages"].get("/Count", 0))
    except Exception:  # noqa: BLE001
        count = 0
    check_count(spath, "PDF", max(count, 0), MAX_PDF_PAGES, "halaman", error=DocumentError)
    n = len(reader.pages)
    check_count(spath, "PDF", n, MAX_PDF_PAGES, "halaman", error=DocumentError)
    if n == 0:
        raise DocumentError("PDF tidak berisi halaman", path=spath)
    total = 0
    seen: set[int] = set()
    for page in reader.pages:
        stack: list[tuple[Any, int]] = [(page, 0)]
        while stack:
            obj, depth = stack.pop()
            if depth > 12:
                raise DocumentError("PDF bersarang terlalu dalam (XObject di dalam XObject)", path=spath)
            contents = obj.get("/Contents") if depth == 0 else obj
            streams = contents if isinstance(contents, list) else [contents] if contents is not None else []
            if depth == 0 and hasattr(contents, "get_object"):
                c = contents.get_object()
                streams = list(c) if isinstance(c, list) else [c]
            for s in streams:
                s = s.get_object() if hasattr(s, "get_object") else s
                if id(s) in seen or not hasattr(s, "get"):
                    continue
                seen.add(id(s))
                total += _stream_size(s, MAX_PDF_CONTENT_BYTES - total + 1)
                if total > MAX_PDF_CONTENT_BYTES:
                    raise too_large(spath, "isi halaman PDF (setelah dekompresi)", total,
                                    MAX_PDF_CONTENT_BYTES, error=DocumentError)
            res = obj.get("/Resources")
            res = res.get_object() if hasattr(res, "get_object") else res
            xobjs = res.get("/XObject") if hasattr(res, "get") else None
            xobjs = xobjs.get_object() if hasattr(xobjs, "get_object") else xobjs
            if hasattr(xobjs, "values"):
                for x in xobjs.values():
                    x = x.get_object()
                    if hasattr(x, "get") and x.get("/Subtype") == "/Form" and id(x) not in seen:
                        stack.append((x, depth + 1))
    return n


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:100]


# ------------------------------------------------------------------------------------------------
# entry point


def read_pdf(path: str | Path) -> PdfDocument:
    """Read a PDF report with a text layer (DocumentError on scanned, locked, broken, bomb)."""
    from drafter.document.readers import normalize_digits, parse_text

    p = Path(path)
    spath = str(path)
    size = p.stat().st_size
    if size > MAX_PDF_BYTES:
        raise too_large(spath, "berkas", size, MAX_PDF_BYTES, error=DocumentError)
    with open(p, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise DocumentError("bukan berkas PDF (tanda %PDF- tidak ada di awal berkas)", path=spath)
    with _time_limit(spath, MAX_PDF_SECONDS):
        npages = _precheck(p, spath)
        from drafter.pdf import _pdfium as pf

        pages: list[Page] = []
        has_images = False
        pdf = _open_pdfium(pf, p, spath)
        try:
            for k in range(1, min(pf.get_page_count(pdf), MAX_PDF_PAGES) + 1):
                page = pf.load_page(pdf, k - 1)
                if not page:
                    from pypdfium2 import PdfiumError

                    raise PdfiumError("Failed to load page.")
                try:
                    pg, images = _read_page(page, k)
                    pages.append(pg)
                    has_images = has_images or images
                finally:
                    pf.close_page(page)
        finally:
            pf.close_document(pdf)
    chars = sum(len(w.text) for pg in pages for it in pg.items
                for w in (it.words if isinstance(it, Line) else []))
    chars += sum(len(w.text) for pg in pages for it in pg.items if isinstance(it, Table)
                 for row in it.rows for cell in row for ln in cell for w in ln.words)
    if chars < 20 * max(1, min(npages, 5)) // 5 + 10:
        if has_images:
            raise DocumentError(OCR_HINT, path=spath)
        raise DocumentError("PDF tidak berisi teks yang dapat dibaca (halaman kosong atau hanya "
                            "gambar); jalankan OCR dulu, mis. `ocrmypdf -l ind`", path=spath)
    _remove_furniture(pages)
    pmap = PdfMap(len(pages), [pg.flip or pg.height for pg in pages], [pg.width for pg in pages])
    wr = _write_text(pages, pmap)
    if wr.cur:
        wr.newline()
    text = normalize_digits("\n".join(wr.out))
    doc = parse_text(text, spath, markdown=False)
    _mark_headings(doc, wr.styled)
    return PdfDocument(path=spath, blocks=doc.blocks, format="text", source_text=doc.source_text,
                       suppressions=doc.suppressions, pdf=pmap, pages=len(pages))


def _mark_headings(doc: Document, styled: set[int]) -> None:
    """A short bold or large paragraph that the text reader left as prose is a heading."""
    from drafter.document.structure import heading_level

    for b in doc.blocks:
        if b.kind != "paragraph" or not b.segments or b.segments[0][1] not in styled:
            continue
        t = b.text.strip()
        if 0 < len(t) <= 120 and not t.endswith((".", ":", ";", ",")):
            b.kind = "heading"
            b.level = heading_level(t)
