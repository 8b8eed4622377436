"""Tables flattened into text (PDF or web extraction): columns aligned by runs of spaces.

:func:`find_flat_tables` scans the lines of a text and returns every region that is a table:

* a *chunk* is a stretch of words separated by single spaces; a line with two or more chunks
  (separated by runs of two or more spaces) is a *gapped* line;
* column boundaries come from the alignment of all the region's lines at once: the body lines
  (gapped lines holding a numeric value) mark the character positions they occupy, and the
  columns are the maximal occupied intervals; a header chunk over several columns spans them;
* a line with text in one column only (or the wrapped text columns of a row without values)
  continues the cell above; a row number alone with the values on the next line is one row;
* page furniture ("Halaman 12", "- 12 -", a bare page number between blank lines, a running
  header repeated through the text) is skipped, and header lines repeated after a page break
  are dropped;
* every cell keeps the exact 1-based (line, column) of each of its pieces.

Prose is never taken for a table: a region needs at least three gapped lines, at least two
of them with a numeric value, and columns beyond a lone numbering column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from drafter.resources import load_yaml
from drafter.tables.hierarchy import is_group_label, numbering_depth
from drafter.text.hyphen import hyphen_join

_CHUNK_RE = re.compile(r"\S+(?: \S+)*")
_VALUE_RE = re.compile(
    r"^(?:Rp\.?\s?)?[-+±(]?\d[\d.,]*\)?\s?(?:%|persen)?$|^[-+]?\d[\d.,]*\s?%$"
    # an amount with its magnitude: "Rp145,00 M", "Rp 1,2 triliun"
    r"|^Rp\.?\s?\d[\d.,]*\s?(?:M|T|Jt|juta|miliar|milyar|triliun|ribu|rb)\.?$", re.IGNORECASE)
_RANGE_VALUE_RE = re.compile(
    r"^(?:[<>≤≥]=?\s*\d[\d.,]*|\d[\d.,]*\s*%?\s*(?:-|–|s\.?\s?d\.?|sampai)\s*[<>≤≥]?=?\s*\d[\d.,]*)"
    r"\s*%?$", re.IGNORECASE)
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_CURRENCY_RE = re.compile(r"^Rp\.?$", re.IGNORECASE)
_COLNUM_RE = re.compile(r"^\(\d{1,2}\)$")
_PAGE_RE = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:halaman|hal\.?|page)\s*:?\s*\d{1,4}"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})\s*$"
    # a running footer with its page number set apart at the end ("Kecamatan X - Kota Y
    # <spaces> Halaman 5")
    r"|^[^.\n]{0,100}?\s{2,}(?:halaman|hal\.?|page)\s*:?\s*\d{1,4}\s*$", re.IGNORECASE)
_RULE_LINE_RE = re.compile(r"^\s*[-=_–—]{3,}\s*$")  # a ruled line under a running header
_BARE_NUM_RE = re.compile(r"^\s*\d{1,4}\s*$")
_FOREIGN_RE = re.compile(
    r"[\t|]|^\s*(?:</?(?:table|thead|tbody|tfoot|tr|td|th|div|ul|ol|li|h\d)\b|<!--|#|\$\$|```)",
    re.IGNORECASE)
_MARKUP_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,10}\b[^<>]{0,40}>|\*\*")
# "Tabel 3.1 (lanjutan)", "(sambungan)": a continued table's caption, skipped inside a table
_CONTINUED_RE = re.compile(
    r"^\s*(?:(?:tabel|table)\s+[\w.\-–]+\s*)?[(\[]?\s*(?:lanjutan|sambungan|continued)\b[^\n]{0,60}$"
    # "Tabel 3.4 Realisasi Anggaran per Program (lanjutan)": the title repeated before it
    r"|^\s*(?:tabel|table)\s+[\w.\-–]+\s+[^\n()\[\]]{1,120}?[(\[]\s*(?:lanjutan|sambungan|continued)\b"
    r"[^\n]{0,40}$",
    re.IGNORECASE)
# a caption or a chapter heading ends a table region
_STOP_RE = re.compile(r"^\s*(?:(?:tabel|table|gambar|grafik|diagram)\s+[\dIVXL]|bab\s+[IVXL]+\b)"
                      # a numbered section heading in Title Case ("2.3  Skala Penilaian")
                      r"|^\s*\d{1,2}\.\d{1,2}\.?\s+(?-i:[A-Z][a-z]+(?:\s+(?:[A-Z][A-Za-z]*|dan|di|ke|dari|"
                      r"dengan|terhadap|atas|per|pada|untuk|yang|dalam|serta|atau|"
                      r"\d{4}(?:\s*[-–]\s*\d{4})?|\d{1,2}|[IVX]{1,4}))"
                      r"{0,8})\s*$",
                      re.IGNORECASE)
_CAPTION_LINE_RE = re.compile(r"^\s*(?:tabel|table|gambar|grafik)\s+[\dIVXL][\w.\-–]*\s+\S", re.IGNORECASE)
# a cell that is a range of values: ">= 91", "76 s.d. < 91", "< 66", "85 - 100", "≥ 90%"
_RANGE_CELL_RE = re.compile(r"^(?=.*\d)(?=.*(?:[<>=≥≤–]|\d\s*%?\s*-|s\.?\s?d|sampai|hingga))"
                            r"[\s\d.,%<>=≥≤–\-]*(?:(?:s\.?\s?d\.?|sampai|hingga)[\s\d.,%<>=≥≤–\-]*)?$",
                            re.IGNORECASE)
# a band's interval in a scale cell ("capaian >= 100%", "70% <= capaian < 80%")
_INTERVAL_CELL_RE = re.compile(r"(?:[<>]=?|[≤≥])\s*\d{1,3}(?:[.,]\d+)?\s*%?(?:\s|$)")
MAX_COLUMNS = 30
MAX_WRAP_LINES = 4
# how far a value cut off a name may sit from its column's right (or left) edge
_ALIGN_SLACK = 2


def _value_tail(line: str, a: int, b: int) -> list[tuple[int, int]]:
    """The chunk ``line[a:b]`` as (text, value) when it is words followed by one value after a
    single space ("Rp miliar 1.512,40", "% 100"); else the chunk itself."""
    chunk = line[a:b]
    k = chunk.rfind(" ")
    if k <= 0 or chunk[k - 1] == " " or _is_value(chunk) or not _is_value(chunk[k + 1:]):
        return [(a, b)]
    last = chunk[:k].split()[-1]
    if _is_value(last) or _CURRENCY_RE.match(last):  # "Rp 500.000" is one value
        return [(a, b)]
    return [(a, a + len(chunk[:k].rstrip())), (a + k + 1, b)]


@dataclass
class FlatCell:
    """A cell: its text (pieces joined by one space) and the model's segments
    ``(text_index, line, column)`` (1-based line and column)."""

    text: str = ""
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    colspan: int = 1
    pieces: list[tuple[int, int, int]] = field(default_factory=list)  # (line, start, end), 0-based

    def add(self, piece: str, line: int, column: int) -> None:
        join = hyphen_join(self.text.rsplit(" ", 1)[-1], piece) if self.text else None
        if join == "drop":  # "admi-" / "nistrasi": one word, the hyphen is no character of it
            self.text = self.text[:-1]
            base = len(self.text)
            self.text += piece
        elif join == "keep":  # "masing-" / "masing"
            base = len(self.text)
            self.text += piece
        else:
            base = len(self.text) + 1 if self.text else 0
            self.text = f"{self.text} {piece}" if self.text else piece
        self.segments.append((base, line, column))
        self.pieces.append((line - 1, column - 1, column - 1 + len(piece)))


@dataclass
class FlatRow:
    cells: list[FlatCell]
    line: int  # 1-based line of the row's first line
    header: bool = False

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class FlatTable:
    first_line: int  # 1-based, inclusive
    last_line: int  # 1-based, inclusive
    columns: list[tuple[int, int]]  # 0-based character intervals [start, end) of the columns
    rows: list[FlatRow]
    skipped: list[int] = field(default_factory=list)  # 1-based lines of page furniture


def _chunks(line: str) -> list[tuple[int, int]]:
    """Chunks of a line; "Rp" spaced away from its amount and "%" from its number stay with
    them ("Rp      1.500.000", "94,44   %"): one cell."""
    out: list[tuple[int, int]] = []
    for m in _CHUNK_RE.finditer(line):
        a, b = m.start(), m.end()
        if out:
            pa, pb = out[-1]
            prev = line[pa:pb]
            cur = line[a:b]
            if (_CURRENCY_RE.match(prev) and cur[:1].isdigit()) or (
                    cur == "%" and prev[-1:].isdigit()):
                out[-1] = (pa, b)
                continue
        out.append((a, b))
    return out


def _pieces(line: str, a: int, b: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _CHUNK_RE.finditer(line, a, b)]


def _plain(text: str) -> str:
    """Text without inline markup (``<b>``, ``**``) for classification."""
    if "<" in text or "*" in text:
        text = " ".join(_MARKUP_RE.sub(" ", text).split())
    return text


def _is_value(text: str) -> bool:
    text = _plain(text)
    if _RANGE_VALUE_RE.match(text):
        return True  # an interval of a scale ("91 - 100", "< 50")
    return bool(_VALUE_RE.match(text)) and not _YEAR_RE.match(text) and not _COLNUM_RE.match(text)


@lru_cache(maxsize=1)
def _tick_marks() -> frozenset[str]:
    return frozenset(str(t) for t in load_yaml("rules", "tables.yaml").get("tick_marks", []))


@lru_cache(maxsize=1)
def _repeats() -> int:
    return int(load_yaml("rules", "tables.yaml").get("running_header_repeats", 3))


_WITH_PAGE_RE = re.compile(r"^(?P<t>\S.*?\S)\s{3,}(?:\d{1,4}|[ivx]{1,5})$|^(?:\d{1,4}|[ivx]{1,5})\s{3,}(?P<u>\S.*\S)$")


def without_page_number(s: str) -> str:
    """A running header/footer line without the page number set apart at its end or start
    ("LKIP Kecamatan X Tahun 2025        4" -> "LKIP Kecamatan X Tahun 2025")."""
    t = s.strip()
    # a page number ends or starts every match: most lines are answered without the regex
    # (its lazy ".*?" tries every split of the line)
    if not t or not (_page_edge(t[-1]) or _page_edge(t[0])):
        return t
    m = _WITH_PAGE_RE.match(t)
    if m is None:
        return t
    return m.group("t") or m.group("u")


def _page_edge(ch: str) -> bool:
    """``ch`` may end or start the page number of :data:`_WITH_PAGE_RE` (a ``\\d``, which is
    exactly a decimal character, or a lower-case roman numeral letter)."""
    return ch.isdecimal() or ch in "ivx"


# the last answer of running_headers: the reader (flat tables) and the table index ask about
# the same lines of a document, one after the other
_LAST_RUNNING: list[tuple[tuple[str, ...], frozenset[str]]] = []


def running_headers(lines: Sequence[str]) -> set[str]:
    """:func:`_running_headers` of ``lines`` (the last answer kept: a new set each call)."""
    key = tuple(lines)
    last = _LAST_RUNNING[0] if _LAST_RUNNING else None
    if last is not None and last[0] == key:
        return set(last[1])
    out = _running_headers(key)
    _LAST_RUNNING[:] = [(key, frozenset(out))]
    return out


def _running_headers(lines: Sequence[str]) -> set[str]:
    """Short lines of two or more words repeated through the text next to a blank line or a
    page number (running headers/footers), also with the page number on the same line; a
    wrapped cell repeated inside a table is not (an indented line right under a
    space-aligned table line continues that table's cell)."""
    def edge(i: int) -> bool:
        for j in (i - 1, i + 1):
            if j < 0 or j >= len(lines) or not lines[j].strip() or _PAGE_RE.match(lines[j]):
                return True
        return False

    def wrapped_cell(i: int) -> bool:
        return i > 0 and lines[i][:1] == " " and "  " in lines[i - 1].strip()

    def two_part(s: str) -> bool:
        # "LKjIP Kecamatan X Tahun 2023        Kabupaten Y": the report's name on the left, the
        # region or office on the right, no value (a table's header or body line is not)
        parts = re.split(r"\s{2,}", s.strip())
        return len(parts) == 2 and len(s) >= 30 and len(parts[0].split()) >= 3 and \
            all(len(p.split()) >= 2 and not _is_value(p) for p in parts)

    counts: Counter[str] = Counter()
    edges: Counter[str] = Counter()
    for i, s in enumerate(without_page_number(ln) for ln in lines):
        if 8 <= len(s) <= 120 and " " in s and ("  " not in s or two_part(s)) and "\t" not in s and \
                not wrapped_cell(i):
            counts[s] += 1
            if edge(i):
                edges[s] += 1
    return {s for s, n in counts.items() if n >= _repeats() and edges[s] >= 2}


class _Finder:
    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self.n = len(lines)
        self.running = running_headers(lines)
        self.chunks: list[list[tuple[int, int]] | None] = [None] * self.n

    def ch(self, i: int) -> list[tuple[int, int]]:
        c = self.chunks[i]
        if c is None:
            c = _chunks(self.lines[i])
            self.chunks[i] = c
        return c

    def usable(self, i: int) -> bool:
        return not _FOREIGN_RE.search(self.lines[i])

    def gapped(self, i: int) -> bool:
        if "  " not in self.lines[i].strip():
            return False  # one chunk at most (the common case: prose)
        return self.usable(i) and len(self.ch(i)) >= 2

    def blank(self, i: int) -> bool:
        return not self.lines[i].strip()

    def furniture(self, i: int) -> bool:
        s = self.lines[i].strip()
        if not s:
            return False
        if _PAGE_RE.match(s) or s in self.running or _CONTINUED_RE.match(s) or \
                without_page_number(s) in self.running:
            return True
        if _RULE_LINE_RE.match(s):
            # the rule under a running header or over a running footer
            return (i > 0 and not _RULE_LINE_RE.match(self.lines[i - 1]) and self.furniture(i - 1)) or \
                (i + 1 < self.n and not _RULE_LINE_RE.match(self.lines[i + 1]) and self.furniture(i + 1))
        if _BARE_NUM_RE.match(s):
            before = i == 0 or self.blank(i - 1)
            after = i + 1 >= self.n or self.blank(i + 1)
            return before or after
        return False

    def texts(self, i: int) -> tuple[str, ...]:
        line = self.lines[i]
        return tuple(_plain(" ".join(line[a:b].split())) for a, b in self.ch(i))

    # -- regions --------------------------------------------------------------------------
    def region(self, start: int) -> tuple[int, int]:
        """[start, end] (0-based, inclusive) of the candidate region opened by a gapped line."""
        last = start
        j = start + 1
        blanks = 0
        wraps = 0
        after_blank = False
        anchors = {a for a, _ in self.ch(start)[1:]}
        while j < self.n:
            if self.blank(j):
                blanks += 1
                after_blank = True
                if blanks > 2:
                    break
            elif self.furniture(j):
                blanks = 0
            elif not self.usable(j) or _STOP_RE.match(self.lines[j]):
                break
            elif self.gapped(j):
                last = j
                blanks = wraps = 0
                after_blank = False
                anchors = {a for a, _ in self.ch(j)[1:]}
            else:
                # a wrapped cell follows its row directly; text after a blank line is prose.
                # A long cell wraps onto more lines, each indented to its column's start
                line = self.lines[j]
                indent = len(line) - len(line.lstrip())
                wraps += 1
                limit = MAX_WRAP_LINES * 3 if indent in anchors else MAX_WRAP_LINES
                if wraps > limit or after_blank:
                    break
            j += 1
        return start, last

    def columns(self, body: list[int]) -> list[tuple[int, int]]:
        cols = self._split_fused(body, self._columns_of({i: self.ch(i) for i in body}))
        if len(body) < 3:
            return cols
        # a long name one space from its first value ("... jam (%) 100") in a single row
        # fuses two columns the other rows keep apart: that row is cut at the gutter
        pieces = {i: self.ch(i) for i in body}
        for i in body:
            others = self._columns_of({k: v for k, v in pieces.items() if k != i})
            if len(others) <= len(cols):
                continue
            cut = self._cut_words(self.lines[i], pieces[i], others)
            if cut is None:
                continue
            pieces[i] = cut
            joined = self._columns_of(pieces)
            # the cut row's name may end right where the other rows' amounts begin (one space
            # before a right-aligned amount one place off): the other rows' columns stand
            cols = joined if len(joined) >= len(others) else others
        return cols

    def _split_fused(self, body: list[int], cols: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Columns whose union fuses a left-aligned name column with a right-aligned value
        column because the longest names end where the widest amounts begin (no blank gutter
        in any line), split where every row's name ends and its value begins."""
        out: list[tuple[int, int]] = []
        for s, e in cols:
            text_ends: list[int] = []
            value_starts: list[int] = []
            both = 0
            ok = True
            for i in body:
                line = self.lines[i]
                inside = [(a, b) for a, b in self.ch(i) if a >= s and b <= e]
                # a unit and its value one space apart ("Rp miliar 1.512,40" under "Satuan
                # Target"): the trailing value word is a value chunk of its own
                inside = [piece for a, b in inside for piece in _value_tail(line, a, b)]
                texts = [(a, b) for a, b in inside if not _is_value(line[a:b])]
                values = [(a, b) for a, b in inside if _is_value(line[a:b])]
                if texts and values:
                    if max(b for _a, b in texts) > min(a for a, _b in values):
                        ok = False
                        break
                    both += 1
                text_ends += [b for _a, b in texts]
                value_starts += [a for a, _b in values]
            if ok and both >= 2 and text_ends and value_starts and max(text_ends) <= min(value_starts):
                out += [(s, max(text_ends)), (min(value_starts), e)]
            else:
                out.append((s, e))
        return out

    @staticmethod
    def _cut_words(line: str, chunks: list[tuple[int, int]], cols: list[tuple[int, int]]
                   ) -> list[tuple[int, int]] | None:
        """``chunks`` with the chunks over several of ``cols`` cut between their words at the
        columns' edges; None unless every piece cut off is a value ("100", "87,50")."""
        out: list[tuple[int, int]] = []
        changed = False
        for a, b in chunks:
            groups: list[list[int]] = []  # [col, start, end]
            for m in re.finditer(r"\S+", line[a:b]):
                wa, wb = a + m.start(), a + m.end()
                over = [k for k, (s, e) in enumerate(cols) if wa < e and wb > s]
                if len(over) > 1:
                    return None
                col = over[0] if over else (groups[-1][0] if groups else -1)
                if groups and groups[-1][0] == col:
                    groups[-1][2] = wb
                else:
                    groups.append([col, wa, wb])
            if len(groups) > 1:
                if not all(_is_value(_plain(line[g[1]:g[2]])) for g in groups[1:]):
                    return None
                changed = True
            out.extend((g[1], g[2]) for g in groups)
        return out if changed else None

    def _columns_of(self, chunks: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]]:
        width = max(c[-1][1] for c in chunks.values())
        occ = bytearray(width + 1)
        for ch in chunks.values():
            for a, b in ch:
                occ[a:b] = b"\x01" * (b - a)
        cols: list[tuple[int, int]] = []
        x = 0
        while x < width:
            if occ[x]:
                s = x
                while x < width and occ[x]:
                    x += 1
                cols.append((s, x))
            else:
                x += 1
        return cols

    def place(self, a: int, b: int, cols: list[tuple[int, int]]) -> tuple[int, int]:
        """(first column, last column) a chunk [a, b) falls in."""
        over = [k for k, (s, e) in enumerate(cols) if a < e and b > s]
        if over:
            return over[0], over[-1]
        # in a gutter: the column whose interval is nearest
        best = min(range(len(cols)), key=lambda k: min(abs(a - cols[k][1]), abs(cols[k][0] - b)))
        return best, best

    def split(self, line: str, a: int, b: int, cols: list[tuple[int, int]]
              ) -> list[tuple[int, int]]:
        """A chunk over several columns split at single spaces that fall in the gutters
        between them (side-by-side headers "Realisasi Realisasi" written one space apart)."""
        over = [k for k, (s, e) in enumerate(cols) if a < e and b > s]
        if len(over) < 2:
            return [(a, b)]
        cuts = [x for x in range(a + 1, b - 1) if line[x] == " " and
                not any(s <= x < e for s, e in cols)]
        if not cuts:
            return [(a, b)]
        out = []
        start = a
        for x in cuts:
            out.append((start, x))
            start = x + 1
        out.append((start, b))
        out = [(s, e) for s, e in out if e > s]
        if not all(any(s < ce and e > cs for cs, ce in cols) for s, e in out):
            return [(a, b)]  # a wide label, not labels side by side
        return out

    def _split_chunk(self, line: str, a: int, b: int, cols: list[tuple[int, int]]
                     ) -> list[tuple[int, int]]:
        """A chunk split at the columns' gutters (:meth:`split`), else a name with a trailing
        run of values one space after it ("Pemberdayaan Masyarakat 1.020.000.000") cut off
        when each value sits aligned in its column as the other rows place them."""
        out = self.split(line, a, b, cols)
        if len(out) > 1 or self.place(a, b, cols)[0] == self.place(a, b, cols)[1]:
            return out
        cut = self._cut_words(line, [(a, b)], cols)
        if cut is None:
            return out
        for s, e in cut[1:]:
            k = self.place(s, e, cols)[0]
            cs, ce = cols[k]
            if k == 0 or (abs(e - ce) > _ALIGN_SLACK and abs(s - cs) > _ALIGN_SLACK):
                return out  # a word of a long name reaching into a column, not its value
        return cut

    def split_alignment(self, start: int, end: int) -> int:
        """The last line of the region's first part whose columns keep their alignment: a
        part after a page break laid out at other positions is a table of its own."""
        blocks: list[list[int]] = []
        cur: list[int] = []
        for i in range(start, end + 1):
            if self.blank(i) or self.furniture(i):
                if cur:
                    blocks.append(cur)
                    cur = []
            else:
                cur.append(i)
        if cur:
            blocks.append(cur)
        ref: list[tuple[int, int]] | None = None
        for k, block in enumerate(blocks):
            body = [i for i in block if self.gapped(i) and
                    any(_is_value(t) for t in self.texts(i)[1:])]
            if len(body) < 2:
                # one value row: its header lines mark the columns too
                body = [i for i in block if self.gapped(i)] if body else []
                if len(body) < 2:
                    continue
            cols = self.columns(body)
            if ref is None:
                ref = cols
                continue
            hits = [[r for r, (s, e) in enumerate(ref) if a < e and b > s] for a, b in cols]
            used = [h[0] for h in hits if len(h) == 1]
            if len(used) != len(cols) or len(set(used)) != len(used):
                return blocks[k - 1][-1]
        return end

    def table(self, start: int, end: int) -> FlatTable | None:
        content = [i for i in range(start, end + 1)
                   if not self.blank(i) and not self.furniture(i)]
        gapped = [i for i in content if self.gapped(i)]
        if len(gapped) < 3:
            return None
        body = [i for i in gapped if any(_is_value(t) for t in self.texts(i)[1:])]
        if not body:
            # a scale: the ranges first, the labels after (">= 91    Sangat Tinggi")
            body = [i for i in gapped if _RANGE_CELL_RE.match(self.texts(i)[0])
                    or len(self.texts(i)) >= 2 and all(len(t) <= 40 for t in self.texts(i))
                    and any(_INTERVAL_CELL_RE.search(t) for t in self.texts(i))]
            if len(body) < 3:
                body = []
        head = self.texts(gapped[0])
        if len(body) < 2 and not (body and len(head) >= 3 and
                                  not any(_is_value(t) for t in head)):
            return None  # one value row only under a header of three labels or more
        cols = self.columns(body if len(body) >= 3 else gapped)
        if len(cols) < 2 or len(cols) > MAX_COLUMNS:
            return None
        first_only = all(numbering_depth(self.texts(i)[0]) is not None for i in body) and \
            len(cols) == 2
        if first_only:
            return None  # a numbered list, not a table
        if len(cols) == 2 and self._page_numbers([self.texts(i)[-1] for i in gapped]):
            return None  # a table of contents with space leaders
        # justified prose (PDF text spaces its words) right above or below the table
        for i in content:
            if i >= body[0]:
                break
            if self._prose_like(i, cols):
                start = i + 1
        for i in reversed(content):
            if i <= body[-1]:
                break
            if self._prose_like(i, cols):
                end = i - 1
        content = [i for i in content if start <= i <= end]
        while end > start and (self.blank(end) or self.furniture(end)):
            end -= 1
        # wrapped cells right under the last row (indented into a column after the first)
        while end + 1 < self.n and len(cols) > 1 and not self.blank(end + 1) and \
                self.usable(end + 1) and not self.gapped(end + 1) and \
                not _STOP_RE.match(self.lines[end + 1]) and not self.furniture(end + 1) and \
                self.ch(end + 1)[0][0] >= cols[1][0] - 1 and \
                not self._prose_like(end + 1, cols) and end + 1 - body[-1] <= MAX_WRAP_LINES:
            end += 1
            content.append(end)
        # header words on the line(s) right above the first gapped line ("Capaian" over "(%)")
        for _ in range(2):
            i = start - 1
            if i < 0 or self.blank(i) or not self.usable(i) or _STOP_RE.match(self.lines[i]) \
                    or self.furniture(i) or start != content[0]:
                break
            over = [[k for k, (s, e) in enumerate(cols) if a < e and b > s] for a, b in self.ch(i)]
            if not over or any(len(o) != 1 for o in over) or over[0][0] == 0 or \
                    any(_is_value(t) for t in self.texts(i)):
                break
            start = i
            content.insert(0, i)
        cols = self._tick_columns(content, body, cols)
        rows, skipped = self.rows(content, cols, start, end)
        if len(rows) < 3:
            return None
        for k in range(len(cols)):
            filled = {r.cells[k].text for r in rows if r.cells[k].text}
            if filled and filled <= {":", "=", ":-", "-:"}:
                return None  # "Nama    :  ..." key-value lines, not a table
        return FlatTable(first_line=start + 1, last_line=end + 1, columns=cols, rows=rows,
                         skipped=skipped)

    def _tick_columns(self, content: list[int], body: list[int], cols: list[tuple[int, int]]
                      ) -> list[tuple[int, int]]:
        """Columns of a tick table (a mark under one of several labels) that no body row
        fills: a header label lying wholly in a gutter of the body's columns becomes a column
        of its own, so a mark under it is read in its column and not in the nearest one."""
        marks = _tick_marks()
        ticked = False
        for i in body:
            line = self.lines[i]
            for a, b in self.ch(i)[1:]:
                if line[a:b].strip() in marks:
                    ticked = True
                    break
        if not ticked:
            return cols
        extra: list[tuple[int, int]] = []
        for i in content:
            if i >= body[0]:
                break
            if self.blank(i) or self.furniture(i):
                continue
            for a, b in self.ch(i):
                if a < cols[0][1] or any(a < e and b > s for s, e in cols):
                    continue
                merged = [(s, e) for s, e in extra if a < e and b > s]
                for m in merged:
                    extra.remove(m)
                extra.append((min([a] + [s for s, _ in merged]), max([b] + [e for _, e in merged])))
        if not extra or len(cols) + len(extra) > MAX_COLUMNS:
            return cols
        return sorted(cols + extra)

    def _prose_like(self, i: int, cols: list[tuple[int, int]]) -> bool:
        """A line of running text (justified PDF text spaces its words): ten words or more,
        most in lower case, over most of the table's width, and no value."""
        line = self.lines[i]
        if set(line.strip()) <= set("-=:+_ ") or any(_is_value(t) for t in self.texts(i)):
            return False
        chunks = self.ch(i)
        width = cols[-1][1] - cols[0][0]
        words = [w for w in line.split() if w[:1].isalpha()]
        lower = sum(1 for w in words if w[:1].islower())
        return len(words) >= 10 and lower * 2 >= len(words) and \
            sum(b - a for a, b in chunks) >= 0.6 * width

    @staticmethod
    def _page_numbers(last: list[str]) -> bool:
        """Page numbers: small integers or roman numerals that never decrease."""
        nums = []
        for t in last:
            if re.fullmatch(r"[ivxlc]{1,6}", t, re.IGNORECASE):
                continue
            if not re.fullmatch(r"\d{1,3}", t):
                return False
            nums.append(int(t))
        return all(a <= b for a, b in zip(nums, nums[1:], strict=False))

    def rows(self, content: list[int], cols: list[tuple[int, int]], start: int, end: int
             ) -> tuple[list[FlatRow], list[int]]:
        ncols = len(cols)
        rows: list[FlatRow] = []
        parts: list[list[tuple[int, dict[int, list[tuple[int, int]]]]]] = []
        spans_of: list[dict[int, int]] = []
        header_sigs: list[tuple[str, ...]] = []
        in_header = True
        skipped = [i + 1 for i in range(start, end + 1) if self.furniture(i)]
        prev_blank = False
        for i in range(start, end + 1):
            if self.blank(i) or self.furniture(i):
                prev_blank = prev_blank or self.blank(i)
                continue
            line = self.lines[i]
            placed: dict[int, list[tuple[int, int]]] = {}
            spans: dict[int, int] = {}
            pieces_of_line = [p for a, b in self.ch(i) for p in self._split_chunk(line, a, b, cols)]
            for a, b in pieces_of_line:
                c0, c1 = self.place(a, b, cols)
                placed.setdefault(c0, []).append((a, b))
                spans[c0] = max(spans.get(c0, 1), c1 - c0 + 1)
            for c0 in spans:
                # a label over its right-aligned numbers reaches into the next column: it
                # cannot span a column that has a label of its own on the same line
                nxt = min((k for k in placed if k > c0), default=None)
                if nxt is not None:
                    spans[c0] = max(1, min(spans[c0], nxt - c0))
            texts = tuple(_plain(" ".join(line[a:b].split())) for a, b in pieces_of_line)
            value_cols = {self.place(a, b, cols)[0] for (a, b), t in zip(pieces_of_line, texts, strict=True)
                          if _is_value(t)}
            numeric = any(_is_value(t) for t in texts[1:]) or (
                len(texts) == 1 and _is_value(texts[0]) and 0 not in placed) or (
                len(texts) >= 2 and bool(_RANGE_CELL_RE.match(texts[0]))) or (  # a scale's row
                len(texts) >= 2 and any(_INTERVAL_CELL_RE.search(t) and len(t) <= 40 for t in texts))
            sig = tuple(" ".join(t.lower().split()) for t in texts)
            if in_header and numeric:
                in_header = False
            if in_header and sig not in header_sigs:
                header_sigs.append(sig)
            elif sig in header_sigs:
                prev_blank = False
                continue  # a header line repeated after a page break
            prev = rows[-1] if rows else None
            if prev is not None and (self._joins(prev, placed, spans, texts, numeric, in_header,
                                                 value_cols)
                                     or self._cut_word(prev, placed, texts, numeric, cols)):
                for c, pieces in sorted(placed.items()):
                    for a, b in pieces:
                        for pa, pb in _pieces(line, a, b):
                            prev.cells[c].add(line[pa:pb], i + 1, pa + 1)
                parts[-1].append((i, placed))
                prev_blank = False
                continue
            cells = [FlatCell() for _ in range(ncols)]
            for c, pieces in sorted(placed.items()):
                for a, b in pieces:
                    for pa, pb in _pieces(line, a, b):
                        cells[c].add(line[pa:pb], i + 1, pa + 1)
                cells[c].colspan = spans[c]
            for c in range(ncols):
                if not cells[c].segments:
                    cells[c].segments = [(0, i + 1, cols[c][0] + 1)]
            rows.append(FlatRow(cells=cells, line=i + 1, header=in_header))
            parts.append([(i, placed)])
            spans_of.append(spans)
            prev_blank = False
        if self._recentre(rows, parts):
            rows = [self._build(r.header, p, sp, cols) for r, p, sp in
                    zip(rows, parts, spans_of, strict=True)]
        return rows, skipped

    def _first_text(self, i: int, placed: dict[int, list[tuple[int, int]]], col: int) -> str:
        pieces = placed.get(col, [])
        return self.lines[i][pieces[0][0]:pieces[0][1]] if pieces else ""

    def _recentre(self, rows: list[FlatRow],
                  parts: list[list[tuple[int, dict[int, list[tuple[int, int]]]]]]) -> bool:
        """Vertically centred cells: a row's name starts on the line(s) above its number and
        values. The wrapped lines joined to the row above from the last one starting with a
        capital letter move down when the row's own name text starts in lower case. Moves
        out of the header only when body rows show the layout."""
        moved = False

        def move(r: int) -> bool:
            anchor_i, anchor = parts[r][0]
            col = next((c for c in sorted(anchor) if c > 0 and
                        self._first_text(anchor_i, anchor, c)[:1].isalpha()), None)
            own = self._first_text(anchor_i, anchor, col) if col is not None else ""
            if col is None or not own[:1].islower() or re.match(r"[a-z][.)]\s", own + " "):
                return False  # ("a. Perencanaan ...": an item letter, not a lower-case continuation)
            prev = parts[r - 1]
            ks = [k for k in range(1, len(prev)) if
                  self._first_text(prev[k][0], prev[k][1], col)[:1].isupper()]
            if not ks:
                return False
            k = ks[-1]
            parts[r] = prev[k:] + parts[r]
            del prev[k:]
            return True

        for r in range(1, len(parts)):
            if not rows[r - 1].header and not rows[r].header and move(r):
                moved = True
        if moved:
            first_body = next((r for r, row in enumerate(rows) if not row.header), None)
            if first_body:
                move(first_body)
        return moved

    def _build(self, header: bool, lines: list[tuple[int, dict[int, list[tuple[int, int]]]]],
               spans: dict[int, int], cols: list[tuple[int, int]]) -> FlatRow:
        cells = [FlatCell() for _ in cols]
        for i, placed in lines:
            line = self.lines[i]
            for c, pieces in sorted(placed.items()):
                for a, b in pieces:
                    for pa, pb in _pieces(line, a, b):
                        cells[c].add(line[pa:pb], i + 1, pa + 1)
        for c, n in spans.items():
            cells[c].colspan = n
        first = lines[0][0]
        for c, cell in enumerate(cells):
            if not cell.segments:
                cell.segments = [(0, first + 1, cols[c][0] + 1)]
        return FlatRow(cells=cells, line=first + 1, header=header)

    @staticmethod
    def _cut_word(prev: FlatRow, placed: dict[int, list[tuple[int, int]]],
                  texts: tuple[str, ...], numeric: bool, cols: list[tuple[int, int]]) -> bool:
        """A line that starts with a row-opening word ("Kegiatan ...") but continues the cell
        above: the row has its values, the line fills only text cells the row already has, and
        its first word would not have fitted on the cell's last line (the word was wrapped, not
        a new row)."""
        if numeric or not placed or not texts or not texts[0] or any(_is_value(t) for t in texts):
            return False
        c = min(placed)
        if any(not prev.cells[k].text for k in placed):
            return False
        # text under a value the row already has ("15 titik" below "100%") is another row's
        # value, not a wrapped word: a value cell does not wrap into a second quantity
        if any(_is_value(prev.cells[k].text) for k in placed if k > c):
            return False
        cell = prev.cells[c]
        if not cell.pieces or c + 1 >= len(cols) or numbering_depth(texts[0]) is not None:
            return False
        if not any(_is_value(x.text) for x in prev.cells[c + 1:]):
            return False
        _line, _a, b = cell.pieces[-1]
        start = cols[c][0]
        return b + 1 + len(texts[0].split()[0]) > cols[c + 1][0] - 2 and \
            placed[c][0][0] <= start + 1 and b - start > 0

    @staticmethod
    def _joins(prev: FlatRow, placed: dict[int, list[tuple[int, int]]], spans: dict[int, int],
               texts: tuple[str, ...], numeric: bool, in_header: bool,
               value_cols: set[int] | None = None) -> bool:
        """Whether a line continues the row above instead of starting a row."""
        filled = sorted(placed)
        prev_filled = {k for k, c in enumerate(prev.cells) if c.text}
        first = prev.cells[0].text
        if 0 in placed:
            t0 = texts[0]
            if numbering_depth(t0) is not None or is_group_label(t0):
                return False
        if texts and is_group_label(texts[0]):
            return False  # (a later column's text such as "kegiatan yang ..." opens no row)
        if any(n > 1 for n in spans.values()):
            return False  # a spanning line (a group label over the table)
        prev_values = any(_is_value(c.text) for c in prev.cells[1:])
        if numeric:
            # values on the line after the row number and name (vertically centred cells);
            # not when the row already has its value there ("40 kasus" above "50%"): that line
            # is the next row of the same group
            return (not prev_values and not prev.header and 0 not in placed and
                    numbering_depth(first) is not None and
                    not any(prev.cells[k].text for k in value_cols or ()))
        if prev.header != in_header:
            return False
        if len(filled) == 1:
            return filled[0] in prev_filled or not prev.header
        if len(filled) > 2 or prev.header:
            return False
        return all(k in prev_filled for k in filled)

    def _repeats_header(self, prev: FlatTable, start: int, end: int, *, most: int | None = 12
                        ) -> bool:
        """Lines start..end open with the first line of ``prev`` (its header, repeated after a
        page break) and hold at most ``most`` lines more (any number when None), with only page
        furniture and blank lines between ``prev`` and them."""
        first = next((k for k in range(start, end + 1) if not self.blank(k) and not self.furniture(k)
                      and not _RULE_LINE_RE.match(self.lines[k])), None)
        if first is None or (most is not None and end - first > most) or \
                _sig(self.lines[first]) != _sig(self.lines[prev.first_line - 1]):
            return False
        if any(_STOP_RE.match(self.lines[k]) and not _CONTINUED_RE.match(self.lines[k])
               for k in range(prev.last_line, first)):
            return False  # a caption between them: a table of its own with the same header
        # between them only page furniture: blank lines, page numbers, a running header or
        # footer (short lines that are no sentence), at most three of those
        between = [k for k in range(prev.last_line, first)
                   if not self.blank(k) and not self.furniture(k)
                   and not _RULE_LINE_RE.match(self.lines[k])]
        return len(between) <= 3 and all(
            len(self.lines[k].strip()) < 80 and not self.lines[k].rstrip().endswith((".", ":", ";"))
            for k in between)

    def find(self) -> list[FlatTable]:
        out: list[FlatTable] = []
        i = 0
        while i < self.n:
            if not self.gapped(i) or _CAPTION_LINE_RE.match(self.lines[i]):
                i += 1  # a caption ("Tabel III.2  Perbandingan ...") opens no table
                continue
            start, end = self.region(i)
            end = self.split_alignment(start, end)
            t = self.table(start, end) if end - start >= 2 else None
            if t is None and out and self._repeats_header(out[-1], start, end):
                # the last rows of a table after a page break, under its repeated header (too
                # few for a table of their own): read with the table they continue
                joined = self.table(out[-1].first_line - 1, end)
                if joined is not None and len(joined.rows) > len(out[-1].rows):
                    out[-1] = joined
            elif t is not None and out and self._repeats_header(out[-1], start, end, most=None):
                # a table continued over a page break under its repeated header: one table
                joined = self.table(out[-1].first_line - 1, end)
                if joined is not None and len(joined.rows) >= len(out[-1].rows) + len(t.rows) - 1:
                    out[-1] = joined
                else:
                    out.append(t)
            elif t is not None:
                out.append(t)
            i = end + 1  # a rejected region is not rescanned from each of its lines
        return out


def _sig(text: str) -> str:
    return " ".join(text.lower().split())


def find_flat_tables(lines: Sequence[str]) -> list[FlatTable]:
    """Every space-aligned table in ``lines`` (a text split at ``\\n``), in order."""
    return _Finder(lines).find()
