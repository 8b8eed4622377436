"""Table understanding: which table is Tabel 3.1 ... 3.8, PK, Renstra, IKU, and what its rows say.

:func:`index_tables` gives a :class:`TableIndex` (cached as ``ctx.tables``):

* a role per table block, from its caption ("Tabel 3.1", "Table 3.5", a caption naming the
  Renstra or the Perjanjian Kinerja) or, failing that, from its header keywords (a PK table is
  "SASARAN STRATEGIS | INDIKATOR KINERJA | TARGET" under a Perjanjian Kinerja heading, a Renstra
  matrix has target columns for several years); a table without caption that continues the
  previous one (a page break, a repeated header, a new sasaran part of Tabel 3.6) gets its role;
* columns mapped to keys from header keywords (``rules/tables.yaml``), with group labels
  carried over ("TARGET" over 2021 | 2022 | 2023 gives ``target:2021`` ...);
* indicator rows (3.1-3.5, 3.7, PK, Renstra, IKU) and budget rows (3.6, 3.8, PK budget) with
  parsed values, levels (program > kegiatan > sub kegiatan > input/output/outcome) and parents.

Keys of ``IndicatorRow.values``: ``target``, ``realisasi``, ``capaian``, ``target:2021``,
``realisasi:2022``, ``renstra_target``, ``nasional``, ``serapan``, ``efisiensi``, ``ket``,
``predikat`` (3.5: the ticked column label) and ``ticks`` (3.5: all ticked labels joined by
"|"; the list is ``IndicatorRow.ticks``). Keys of ``BudgetRow.values``: ``pagu``,
``realisasi``, ``persen`` (3.8, PK budget) and ``target``, ``realisasi``, ``capaian`` (3.6;
"Input : Dana" rows of 3.6 also get ``pagu``/``persen`` aliases).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.check.fuzzy import similarity, strip_markup
from drafter.document.model import Block, Cell, Document, Row
from drafter.measure import Scale, default_scale, grade_codes
from drafter.numbers import Num, parse_number, scan_numbers
from drafter.resources import load_yaml
from drafter.tables.header import SEP as HEADER_SEP
from drafter.tables.header import header_paths
from drafter.tables.hierarchy import (
    is_total_label,
    leading_numbering,
    numbering_depth,
    numbering_rank,
)

if TYPE_CHECKING:
    from drafter.check.context import CheckContext

NON_DATA_ROLES = ("scale", "grade")  # predicate scale, grade conversion: no indicator rows
INDICATOR_ROLES = ("3.1", "3.2", "3.3", "3.4", "3.5", "3.7", "PK", "renstra", "iku")
BUDGET_ROLES = ("3.6", "3.8")
_YEAR_RE = re.compile(r"\b(19\d\d|20\d\d)\b")
_NUMBERING_RE = re.compile(r"^\s*\(?\d{1,2}\)?\s*$")
_ROMAN_RE = re.compile(r"^\s*[IVXL]{1,5}\s*\.?\s*$")
_DASHES_RE = re.compile(r"^[\s\-–—:|=]*$")
_SPACES_RE = re.compile(r"\s+")


# --------------------------------------------------------------------------- data classes
@dataclass
class ValueCell:
    """One numeric (or grade) value read from a cell."""

    cell: Cell
    num: Num | None  # offsets (start/end) are positions in cell.text
    grade: str | None  # "AA".."D" when the cell holds a letter grade
    text: str  # the cell text without markup, stripped

    @property
    def value(self) -> Any:
        """The Decimal value, the grade string, or None."""
        if self.num is not None:
            return self.num.value
        return self.grade

    def span(self) -> tuple[int, int]:
        """(start, end) of the value in ``cell.text`` (the whole cell when unknown)."""
        if self.num is not None:
            return self.num.start, self.num.end
        raw = self.cell.text
        s = len(raw) - len(raw.lstrip())
        return s, len(raw.rstrip())


@dataclass
class IndicatorRow:
    """One row of an indicator-level table."""

    role: str
    table: Block
    row: Row
    sasaran: str | None
    name: str
    name_cell: Cell | None
    values: dict[str, ValueCell]
    is_average: bool = False
    kind: str = "indicator"  # "indicator" | "sasaran" (3.5 sasaran lines) | "average" | "total"
    ticks: list[tuple[str, Cell]] = field(default_factory=list)  # 3.5: (label, cell) ticked
    copy: bool = False  # a row of a table printed again (the PK in BAB II and the lampiran)
    number: int | None = None  # the row's own number ("No" column or "3  Rata-rata ...")
    # a copy row: the row of the print kept as the table (same indicator, maybe reworded)
    original: IndicatorRow | None = field(default=None, repr=False, compare=False)

    def get(self, key: str) -> ValueCell | None:
        return self.values.get(key)


@dataclass
class BudgetRow:
    """One row of Tabel 3.6 / 3.8 / the PK program budget."""

    role: str
    table: Block
    row: Row
    level: str  # program | kegiatan | sub_kegiatan | input | output | outcome | total | other
    name: str
    name_cell: Cell | None
    values: dict[str, ValueCell]
    parent: int | None = None  # index in TableIndex.budget_rows[role] of the enclosing row
    sasaran: str | None = None  # 3.6: the sasaran the table part belongs to
    index: int = 0  # own index in TableIndex.budget_rows[role]

    def get(self, key: str) -> ValueCell | None:
        return self.values.get(key)


@dataclass
class TableInfo:
    """How one table block was understood."""

    block: Block
    role: str | None
    columns: dict[str, int]  # key -> logical column
    labels: dict[int, str]  # logical column -> header label
    header_rows: list[int]  # indices of header rows in block.rows
    ticks: dict[int, str] = field(default_factory=dict)  # 3.5: column -> band label
    caption: str | None = None
    continued_from: int | None = None  # block index of the table this one continues
    sasaran: str | None = None  # "Sasaran Strategis N : ..." paragraph above (3.6 parts)
    copy_of: int | None = None  # block index of the table this one reprints
    number: str | None = None  # the document's own table number ("Tabel 19", "Tabel III.2")


@dataclass
class TableIndex:
    roles: dict[int, str] = field(default_factory=dict)
    by_role: dict[str, list[Block]] = field(default_factory=dict)
    indicator_rows: dict[str, list[IndicatorRow]] = field(default_factory=dict)
    budget_rows: dict[str, list[BudgetRow]] = field(default_factory=dict)
    info: dict[int, TableInfo] = field(default_factory=dict)

    def role_of(self, block: Block) -> str | None:
        return self.roles.get(block.index)

    def name(self, role: str) -> str:
        """How the report itself names the table of ``role``: its caption number when it
        has one ("Tabel 3.2", "Tabel 19", "Tabel III.2"), else the standard name."""
        blocks = self.by_role.get(role, [])
        info = self.info.get(blocks[0].index) if blocks else None
        number = info.number if info is not None else None
        named = {"PK": "Perjanjian Kinerja", "renstra": "Matriks Renstra", "iku": "Tabel IKU"}
        if role in named:
            short = {"PK": "Perjanjian Kinerja", "renstra": "Renstra", "iku": "IKU"}[role]
            return f"{number} {short}" if number else named[role]
        return number or f"Tabel {role}"

    def rows(self, role: str, *, all_rows: bool = False, indicators_only: bool = False,
             copies: bool = False) -> list[IndicatorRow]:
        """Rows of ``role``: indicator rows and average rows (``is_average``).

        3.5 sasaran-only lines (``kind == "sasaran"``) and total rows ("Jumlah") come only
        with ``all_rows``; ``indicators_only`` leaves out the average rows as well. Rows of a
        table printed a second time (``copy``) come only with ``all_rows`` or ``copies``.
        """
        rows = self.indicator_rows.get(role, [])
        if all_rows:
            return list(rows)
        if not copies:
            rows = [r for r in rows if not r.copy]
        if indicators_only:
            return [r for r in rows if r.kind == "indicator"]
        return [r for r in rows if r.kind not in ("sasaran", "total")]

    def budget(self, role: str) -> list[BudgetRow]:
        return list(self.budget_rows.get(role, []))

    def average_row(self, role: str = "3.1") -> IndicatorRow | None:
        return next((r for r in self.indicator_rows.get(role, []) if r.is_average), None)

    def match(self, name: str, role: str | None = None,
              threshold: float = 0.6) -> list[IndicatorRow]:
        """Rows whose indicator name (or, for 3.7 / sasaran rows, sasaran) resembles ``name``.

        Best first; only rows scoring at least ``threshold``.
        """
        roles = [role] if role else list(self.indicator_rows)
        scored: list[tuple[float, int, IndicatorRow]] = []
        n = 0
        for r in roles:
            for row in self.indicator_rows.get(r, []):
                if row.is_average:
                    continue
                s = similarity(name, row.name)
                if row.sasaran and (row.role == "3.7" or row.kind == "sasaran"):
                    s = max(s, similarity(name, row.sasaran))
                if s >= threshold:
                    scored.append((s, n, row))
                n += 1
        scored.sort(key=lambda t: (-t[0], t[1]))
        return [t[2] for t in scored]

    def indicators(self, threshold: float = 0.6) -> list[list[IndicatorRow]]:
        """Rows of all roles grouped per indicator (anchored on 3.1, else PK, 3.3, ...)."""
        order = ("3.1", "PK", "3.3", "3.2", "3.4", "3.5", "iku", "renstra")
        anchors: list[IndicatorRow] = []
        for r in order:
            if self.rows(r, indicators_only=True):
                anchors = self.rows(r, indicators_only=True)
                break
        groups: list[list[IndicatorRow]] = [[a] for a in anchors]
        for role in (*order, "3.7"):
            for row in self.rows(role, indicators_only=True):
                if anchors and row.role == anchors[0].role:
                    continue
                best, best_i = 0.0, -1
                for i, a in enumerate(anchors):
                    s = similarity(row.name, a.name)
                    if row.role == "3.7" and a.sasaran:
                        s = max(s, similarity(row.name, a.sasaran))
                    if s > best:
                        best, best_i = s, i
                if best >= threshold and best_i >= 0:
                    groups[best_i].append(row)
                else:
                    groups.append([row])
        return groups


# --------------------------------------------------------------------------- configuration
@lru_cache(maxsize=1)
def _conf() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("rules", "tables.yaml")
    return data


@lru_cache(maxsize=1)
def _column_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((c["key"], re.compile(c["pattern"], re.IGNORECASE)) for c in _conf()["columns"])


@lru_cache(maxsize=1)
def _level_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((c["level"], re.compile(c["pattern"], re.IGNORECASE)) for c in _conf()["levels"])


@lru_cache(maxsize=1)
def _caption_re() -> re.Pattern[str]:
    return re.compile(_conf()["caption_number"], re.IGNORECASE)


@lru_cache(maxsize=1)
def _caption_words() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {role: tuple(re.compile(p, re.IGNORECASE) for p in pats)
            for role, pats in _conf()["caption_words"].items()}


@lru_cache(maxsize=8)
def _re(name: str) -> re.Pattern[str]:
    return re.compile(_conf()[name], re.IGNORECASE)


@lru_cache(maxsize=1)
def _tick_marks() -> frozenset[str]:
    return frozenset(str(t) for t in _conf()["tick_marks"])


# --------------------------------------------------------------------------- cell helpers
@lru_cache(maxsize=32768)  # pure; the same cell texts are cleaned by many rules
def clean(text: str) -> str:
    """Cell or caption text without markup, whitespace collapsed."""
    return _SPACES_RE.sub(" ", strip_markup(text)).strip()


def is_tick(text: str) -> bool:
    t = clean(text)
    return bool(t) and (t in _tick_marks() or (len(t) <= 3 and all(ch in _tick_marks() for ch in
                                                                     t.replace(" ", ""))))


_GRADE_CELL_RE = re.compile(r"([A-D]{1,2})(?:\(\d+(?:[.,]\d+)?\))?")  # "BB", "B(65,2)" (upper case, no spaces)


def read_value(cell: Cell) -> ValueCell:
    """The value of a table cell: a number (with unit words after it), a grade, or text."""
    text = clean(cell.text)
    up = text.upper().replace(" ", "")
    grade = None
    m = _GRADE_CELL_RE.fullmatch(up)
    if m and m.group(1) in grade_codes():
        grade = m.group(1)
    num = None
    if grade is None:
        nums = [n for n in scan_numbers(cell.text)]
        if nums:
            first = nums[0]
            before = clean(cell.text[:first.start])
            # the number must open the cell (only "Rp", markup or a sign before it)
            if before in ("", "Rp", "Rp.", "+", "-", "−", "±", "≥", ">", ">=", "≤", "<", "<=",
                          "min", "min.", "maks", "maks.", "minimal", "maksimal"):
                num = first
                if before in ("-", "−"):
                    num = replace(first, value=-first.value)
        if num is None:
            # a number glued to its prefix ("Rp3.973.567.698,00") is skipped by scan_numbers
            whole = parse_number(text)
            if whole is not None:
                idx = cell.text.find(whole.text.strip()[:4])
                idx = max(idx, 0)
                num = replace(whole, start=idx, end=min(len(cell.text), idx + len(whole.text)))
    return ValueCell(cell=cell, num=num, grade=grade, text=text)


def cell_is_numeric(text: str) -> bool:
    t = clean(text)
    if not t or t in ("-", "–"):
        return False
    nums = scan_numbers(t)
    return bool(nums) and nums[0].start <= 4 and not nums[0].is_year


def logical_cells(row: Row, ncols: int, *, align_right: bool = False) -> dict[int, Cell]:
    """Cells of ``row`` by grid column (short rows optionally aligned right).

    The readers give one cell per grid column: a merged cell (``colspan`` > 1) is followed by
    empty filler cells, so the position in ``row.cells`` is the column.
    """
    width = len(row.cells)
    shift = ncols - width if align_right and width < ncols else 0
    return {shift + i: c for i, c in enumerate(row.cells)}


# --------------------------------------------------------------------------- headers
_DATA_LABEL_RE = re.compile(
    r"^\W*(?:program|kegiatan|sub\s*kegiatan|sasaran|indikator|input|output|outcome)\s*\d*"
    r"(?:\.\d+)*\s*:", re.IGNORECASE)

# a row that names one program or kegiatan ("Program Penunjang Urusan ...") and not a header
# of names ("Program/Kegiatan", "Program dan Kegiatan", "Kegiatan Pokok (Rp)")
_LEVEL_NAME_RE = re.compile(r"^\W*(?:program|kegiatan|sub\s*kegiatan)\s+(?P<rest>[A-Za-z].{8,})$",
                            re.IGNORECASE)
_LEVEL_NAME_REST_RE = re.compile(r"^(?:dan|&|atau)\b|\b(?:program|kegiatan|anggaran|pagu|realisasi|uraian|"
                                 r"rp|rupiah|target|capaian|indikator)\b|[()]", re.IGNORECASE)


def _is_header_like(row: Row) -> bool:
    texts = [clean(c.text) for c in row.cells]
    nonempty = [t for t in texts if t]
    if not nonempty:
        return False
    if all(_NUMBERING_RE.match(t) for t in nonempty) and len(nonempty) >= 3:
        return True  # "(1) (2) (3)" or "1 2 3 ..." numbering row
    if len(nonempty) == 1 and (m := _LEVEL_NAME_RE.match(nonempty[0])) and \
            not _LEVEL_NAME_REST_RE.search(m.group("rest")):
        return False  # "Program Penunjang Urusan Pemerintahan Daerah": a program's own row
    for k, t in enumerate(nonempty):
        if len(t) > 60 or _DATA_LABEL_RE.match(t):
            return False  # header labels are short; "Program : X" is a data row
        for n in scan_numbers(t):
            core = t[n.start:n.end]
            if n.is_year or re.fullmatch(r"\(\d{1,2}\)", t.strip()) or n.value < 20 and "(" in t:
                continue
            # a row number ("1 | Sasaran | Indikator"), but not a value in a later column
            if k == 0 and re.fullmatch(r"\d{1,2}", core.strip()) and len(nonempty) >= 3 and \
                    all(_NUMBERING_RE.match(x) or not re.search(r"\d", x) for x in nonempty):
                continue
            return False
    joined = " ".join(nonempty).lower()
    keywords = any(p.search(t.lower()) for t in nonempty for _, p in _column_patterns())
    years = all(_YEAR_RE.fullmatch(t) or len(t) <= 12 for t in nonempty) and bool(
        _YEAR_RE.search(joined))
    from drafter.measure import is_label  # any scale's labels ("Sangat Tinggi", "Rendah")

    scale_words = sum(1 for t in nonempty if _band_label(t) is not None or is_label(t)) >= 2
    return keywords or years or scale_words


def _numbering_row(row: Row) -> bool:
    nonempty = [clean(c.text) for c in row.cells if clean(c.text)]
    return len(nonempty) >= 3 and all(_NUMBERING_RE.match(t) for t in nonempty)


def _band_label(text: str, scale: Scale | None = None) -> str | None:
    sc = scale or default_scale()
    t = clean(text).lower()
    band = sc.find(t)
    if band is None:
        squashed = t.replace(" ", "")
        for b in sc.bands:
            names = (b.label.lower(), *b.aliases)
            if any(squashed == n.replace(" ", "") for n in names):
                band = b
                break
    return band.label if band else None


def _header_rows(block: Block) -> list[int]:
    """Indices of the header rows: the reader's first header row, then every row that still
    looks like a header (sub-labels, years, column numbering). Later rows the reader flagged
    are checked too: a sasaran line without numbers is no header."""
    rows = block.rows
    out: list[int] = []
    first = bool(rows) and rows[0].is_header and not any(
        _DATA_LABEL_RE.match(clean(c.text)) for c in rows[0].cells)
    for i, row in enumerate(rows[:8]):
        if i == 0 and first:
            out.append(0)
        elif _numbering_row(row) or _is_header_like(row):
            out.append(i)
        elif not any(clean(c.text) for c in row.cells):
            continue
        else:
            break
    return out


def _stacked_years(block: Block, header: list[int]) -> list[str]:
    """Years a PDF conversion stacked one per row under the header ("2022", "2023", ...)."""
    years = []
    for i in header:
        nonempty = [clean(c.text) for c in block.rows[i].cells if clean(c.text)]
        if len(nonempty) == 1 and _YEAR_RE.fullmatch(nonempty[0]) and \
                not clean(block.rows[i].cells[-1].text) and len(block.rows[i].cells) > 2:
            years.append(nonempty[0])
    return years


def _column_labels(block: Block, header: list[int]) -> tuple[dict[int, str], int]:
    """Header label per logical column (group labels carried over empty cells)."""
    ncols = max((len(r.cells) for r in block.rows), default=0)
    labels: dict[int, list[str]] = {}
    stacked = _stacked_years(block, header)
    hdr = [block.rows[i] for i in header if not _numbering_row(block.rows[i])]
    if stacked:
        hdr = [r for r in hdr if not any(clean(c.text) in stacked for c in r.cells[:1])]
    # merged header cells give their spans; in a text table (no spans) a group label with
    # empty cells after it spans the columns that have a sub-label in the next header row
    # (TARGET over 2021 | 2022 | 2023); the full path of every column comes from header_paths
    spec_rows: list[list[tuple[str, int]]] = []
    for k, row in enumerate(hdr):
        cells = logical_cells(row, ncols)
        nxt = logical_cells(hdr[k + 1], ncols) if k + 1 < len(hdr) else {}
        spec: list[tuple[str, int]] = [("", 1)] * ncols
        col = 0
        while col < ncols:
            c = cells.get(col)
            t = clean(c.text) if c is not None else ""
            span = max(1, min(c.colspan if c is not None else 1, ncols - col))
            if t and span == 1 and nxt:
                end = col + 1
                while end < ncols and end - col < 12:
                    e = cells.get(end)
                    below = nxt.get(end)
                    if (e is not None and (clean(e.text) or e.colspan > 1)) or below is None \
                            or not clean(below.text):
                        break
                    end += 1
                span = end - col
            spec[col] = (t, span)
            col += span
        spec_rows.append(spec)
    for col, path in enumerate(header_paths(spec_rows)):
        if path:
            labels[col] = path.split(HEADER_SEP)
    if stacked and hdr:
        # give the stacked years to the columns under the first group label with as many
        # empty cells after it
        cells = logical_cells(hdr[0], ncols)
        for col in range(ncols):
            c = cells.get(col)
            if c is None or not clean(c.text):
                continue
            span = [col]
            k = col + 1
            while k < ncols and (cells.get(k) is None or not clean(cells[k].text)):
                span.append(k)
                k += 1
            if len(span) == len(stacked):
                for cc, y in zip(span, stacked, strict=True):
                    labels[cc] = [clean(c.text), y]
                break
    return {c: " ".join(v) for c, v in labels.items()}, ncols


def _shared_prefix(label: str, others: list[str]) -> int:
    """Length of the longest group label (two words or more, ending at a word boundary)
    that ``label`` shares with another column's label, 0 when none."""
    best = 0
    for o in others:
        n = 0
        while n < min(len(label), len(o)) and label[n] == o[n]:
            n += 1
        cut = label.rfind(" ", 0, n + 1) if n < len(label) else n
        if cut > 0 and len(label[:cut].split()) >= 2 and (n == len(o) or o[cut:cut + 1] == " " or n >= cut):
            best = max(best, cut)
    return best


def _map_columns(labels: dict[int, str], scale: Scale) -> tuple[dict[str, int], dict[int, str]]:
    cols: dict[str, int] = {}
    ticks: dict[int, str] = {}
    keyed: list[tuple[str, int, str | None]] = []
    for col in sorted(labels):
        label = labels[col]
        low = label.lower()
        band = _band_label(re.sub(r"^\s*predikat\s*", "", low), scale) if "predikat" in low or \
            _band_label(low, scale) else None
        if band is not None:
            ticks[col] = band
            continue
        years = _YEAR_RE.findall(label)
        key = None
        if years:
            # a year column under a group label: TARGET KINERJA ... 2022, REALISASI 2021
            # the word that comes first names the column ("Capaian thd Target 2026")
            found = [(low.find(k[:7]), k) for k in ("target", "realisasi", "capaian")
                     if k[:7] in low]
            key = min(found)[1] if found else None
        if key is None:
            key = next((k for k, p in _column_patterns() if p.search(low)), None)
            # a group label over sub-labels ("Target dan Realisasi" over "Target" | "Realisasi"):
            # the words after the group's, shared with a neighbour column, name the column
            shared = _shared_prefix(low, [labels[c].lower() for c in labels if c != col])
            if shared and low[shared:].strip():
                sub = next((k for k, p in _column_patterns() if p.search(low[shared:])), None)
                key = sub or key
        if key is None:
            continue
        keyed.append((key, col, years[-1] if years else None))
    counts: dict[str, set[str | None]] = {}
    for key, _col, year in keyed:
        counts.setdefault(key, set()).add(year)
    for key, col, year in keyed:
        multi = len(counts[key]) > 1
        if multi and year:
            cols.setdefault(f"{key}:{year}", col)
        else:
            cols.setdefault(key, col)
    return cols, ticks


# --------------------------------------------------------------------------- roles
def _caption_text(doc: Document, block: Block, lookback: int) -> str | None:
    if block.caption:
        return block.caption
    for j in range(block.index - 1, max(-1, block.index - 1 - lookback), -1):
        b = doc.blocks[j]
        if b.kind == "table":
            return None
        if _caption_re().search(b.text.strip()[:40]):
            return b.text.strip()
    return None


_NUMBER_LABEL_RE = re.compile(
    r"^\W{0,6}(?:tabel|table)\s*((?:\d{1,3}|[IVXL]{1,5})(?:\s*[.\-–]\s*\d{1,3})*)(?![\w.])",
    re.IGNORECASE)


def caption_number(caption: str | None) -> str | None:
    """The table number a caption gives, as "Tabel 3.2" / "Tabel 19" / "Tabel III.2"."""
    if not caption:
        return None
    m = _NUMBER_LABEL_RE.match(clean(caption)[:40])
    if not m:
        return None
    return "Tabel " + re.sub(r"\s*([.\-–])\s*", r"\1", m.group(1))


@lru_cache(maxsize=1)
def _title_roles() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((item["role"], re.compile(item["pattern"], re.IGNORECASE))
                 for item in _conf().get("caption_title_roles", []))


def _title_role(caption: str | None) -> str | None:
    """The role the caption's title words name ("Pengukuran Kinerja", "Perbandingan dengan
    Tahun Sebelumnya", "Efisiensi ..."), whatever the table's number."""
    if not caption:
        return None
    m = caption_match_title(caption)
    if not m:
        return None
    for role, pat in _title_roles():
        hit = pat.search(m)
        if hit and role == "3.4" and not _re("comparison_words").search(m[:hit.start()]) and (
                _re("office_name").search(m[:hit.start()])
                or re.match(r"\s*(?:pengukuran|capaian|realisasi)\s+kinerja\b", m, re.IGNORECASE)):
            # "Pengukuran Kinerja Dinas PUPR Provinsi Maluku", "Pengukuran Kinerja DLH Provinsi
            # Kalimantan Utara": the office's own region
            continue
        if hit:
            return role
    return None


def caption_match_title(caption: str) -> str:
    """The title of a caption (the text after "Tabel n")."""
    t = clean(caption)
    m = _NUMBER_LABEL_RE.match(t[:40])
    return t[m.end():].strip(" :.-–") if m else t


def _caption_role(caption: str | None) -> str | None:
    if not caption:
        return None
    m = _caption_re().search(caption[:40])
    if m:
        num = f"{m.group(1)}.{int(m.group(2))}"
        if num in _conf()["caption_roles"]:
            return num
    for role, pats in _caption_words().items():
        if any(p.search(caption) for p in pats):
            return role
    return None


def _context_text(doc: Document, block: Block, lookback: int) -> str:
    parts = []
    for j in range(max(0, block.index - lookback), block.index):
        b = doc.blocks[j]
        if b.kind != "table":
            parts.append(b.text)
    return "\n".join(parts)


def _sasaran_above(doc: Document, block: Block, lookback: int = 8) -> str | None:
    for j in range(block.index - 1, max(-1, block.index - 1 - lookback), -1):
        b = doc.blocks[j]
        if b.kind == "table":
            return None
        m = _re("sasaran_paragraph").match(clean(b.text))
        if m:
            return m.group(1).strip()
    return None


_NEEDS: dict[str, tuple[tuple[str, ...], int]] = {
    # role: (keys of which at least n must be present, n)
    "3.1": (("target", "realisasi", "capaian"), 2),
    "3.2": (("target", "realisasi"), 1),
    "3.3": (("renstra_target", "target", "realisasi", "capaian"), 2),
    "3.4": (("realisasi", "nasional"), 1),
    "3.5": (("capaian", "predikat"), 1),
    "3.6": (("target", "realisasi", "capaian", "persen"), 2),
    "3.7": (("capaian", "serapan", "efisiensi"), 2),
    "3.8": (("pagu", "realisasi", "persen"), 2),
}


def _strong(role: str, cols: dict[str, int], ticks: dict[int, str]) -> bool:
    """Whether the columns show the role beyond doubt (the caption number alone is weak:
    reports number their tables in many ways)."""
    base = {k.split(":")[0] for k in cols}
    years = {k.split(":")[1] for k in cols if ":" in k}
    need = {
        "3.1": {"target", "realisasi", "capaian"} <= base and len(years) < 2,
        "3.2": len(years) >= 2 and bool({"target", "realisasi", "capaian"} & base),
        "3.3": "renstra_target" in base,
        "3.4": "nasional" in base,
        "3.5": bool(ticks) or "predikat" in base,
        "3.6": {"program", "target"} <= base,
        "3.7": bool({"serapan", "efisiensi"} & base),
        "3.8": "pagu" in base and "target" not in base,
    }
    return need.get(role, True)


def _scale_role(block: Block, cols: dict[str, int], caption: str | None) -> str | None:
    """A predicate scale (intervals with predicate words) or a grade conversion table
    (numbers to letter grades), recognised by header, caption and content."""
    base = {k.split(":")[0] for k in cols}
    if {"target", "realisasi", "pagu"} & base:
        return None
    words = " ".join([caption or ""] + list(_header_texts(block)))
    ranges = 0
    body = [r for r in block.rows if not r.is_header]
    for row in body:
        if any(_is_interval_cell(clean(c.text)) for c in row.cells):
            ranges += 1
    if ranges < 3 or ranges * 2 < len(body):
        return None
    if _re("grade_conversion").search(words) and not (
            _re("scale_of_capaian").search(words) and not _re("conversion_word").search(words)):
        return "grade"
    return "scale"


def _is_interval_cell(text: str) -> bool:
    """A cell that is one interval ("76 - 90", "> 90", "75% sampai kurang dari 90%", "90% ke
    atas"), read with the same interval parser as the scale itself."""
    if _re("scale_interval").search(text):
        return True
    from drafter.measure import parse_interval

    iv = parse_interval(text)
    if iv is None:
        return False
    rest = (text[:iv.start] + text[iv.end:]).replace("%", "").replace("persen", "")
    return len(rest.strip(" :.,()")) <= 3


def is_grade_conversion(doc: Document, block: Block) -> bool:
    """A table converting scores to letter grades (SAKIP evaluation "AA 90 - 100 ..."), by
    its caption and header words: it looks like a predicate scale but is not the capaian
    scale of the report."""
    caption = _caption_text(doc, block, int(_conf()["caption_lookback"]))
    words = " ".join([caption or ""] + _header_texts(block))
    return bool(_re("grade_conversion").search(words))


def _header_texts(block: Block) -> list[str]:
    return [clean(c.text) for r in block.rows[:3] for c in r.cells if clean(c.text)]


def _fits(role: str, cols: dict[str, int], ticks: dict[int, str]) -> bool:
    """Whether a table's columns fit the role its caption gives."""
    need = _NEEDS.get(role)
    if need is None or (role == "3.5" and ticks):
        return True
    base = {k.split(":")[0] for k in cols}
    return sum(1 for k in need[0] if k in base) >= need[1]


def _header_role(cols: dict[str, int], ticks: dict[int, str], context: str) -> str | None:
    keys = set(cols)
    base = {k.split(":")[0] for k in keys}
    years = {k.split(":")[1] for k in keys if ":" in k}
    if ticks and "capaian" in base:
        return "3.5"
    if {"pagu", "realisasi"} <= base and ("program" in base or "persen" in base):
        return "3.8"
    if "pagu" in base and "program" in base and not base & {"target", "realisasi", "capaian",
                                                             "indikator", "sasaran"}:
        return "3.8"  # the budget of each program / kegiatan / sub kegiatan, without realisasi
    if "serapan" in base and "capaian" in base:
        return "3.7"
    if "formula" in base and ("indikator" in base or "kinerja_utama" in base):
        return "iku"
    if "target" in base and "realisasi" in base and len(years) >= 2:
        return "3.2"
    if "realisasi" in base and len(years) >= 2 and "indikator" in base and \
            not base & {"target", "renstra_target", "pagu", "nasional", "program"}:
        return "3.2"  # "Indikator | 2021 | ... | 2025" under "Realisasi Lima Tahun"
    if "target" in base and len(years) >= 3:
        return "renstra"
    if "renstra_target" in base and "realisasi" in base:
        return "3.3"
    if "nasional" in base and "realisasi" in base:
        return "3.4"
    if {"target", "realisasi", "capaian"} <= base and ("indikator" in base or "sasaran" in base):
        return "3.1"
    if {"target", "realisasi", "persen"} <= base or ({"target", "capaian", "persen"} <= base
                                                     and "program" in base):
        return "3.6"
    if "target" in base and ("indikator" in base or "sasaran" in base) and \
            "realisasi" not in base and re.search(r"perjanjian\s+kinerja", context, re.I):
        return "PK"
    return None


# --------------------------------------------------------------------------- rows
def _row_level(name: str, no_text: str) -> str:
    name = re.sub(r"^\W*(?:\d{1,2}|[IVX]{1,4})[.)]\s*", "", name)
    name = re.sub(r"^\W*\d{1,4}(?:\.\d{1,4}){1,6}\.?\s+(?=\S)", "", name)  # "7.01.02 Program"
    for level, pat in _level_patterns():
        if pat.search(name):
            return level
    if _ROMAN_RE.match(no_text or ""):
        return "program"
    return "other"


_LEVEL_RANK = {"program": 0, "kegiatan": 1, "sub_kegiatan": 2, "input": 3, "output": 3,
               "outcome": 3}


def _values(cells: dict[int, Cell], cols: dict[str, int], skip: set[str]) -> dict[str, ValueCell]:
    out: dict[str, ValueCell] = {}
    for key, col in cols.items():
        if key.split(":")[0] in skip:
            continue
        c = cells.get(col)
        if c is None:
            continue
        vc = read_value(c)
        if vc.text or vc.num is not None:
            out[key] = vc
    return out


_TEXT_KEYS = {"no", "indikator", "sasaran", "tujuan", "program", "formula", "unit",
              "kinerja_utama", "indikator_tujuan"}


_AVERAGE_VOCAB = frozenset({"rata", "rerata", "average", "strategis", "utama", "keseluruhan",
                            "seluruh", "tahun"})


def _named_measure(name: str, values: dict[str, ValueCell]) -> bool:
    """A row read as an average that is an indicator named with "rata-rata" ("Rata-rata Lama
    Sekolah", "Rata-rata waktu penyelesaian (hari)"): it has a target or a realisasi of its
    own (an average row averages the capaian) and its name says what is measured."""
    if not any(k.split(":")[0] in ("target", "realisasi", "renstra_target") for k in values):
        return False
    rest = _re("average_row").sub(" ", name.lower())
    words = [w for w in re.findall(r"[a-z]{2,}", rest)
             if w not in _total_words() and w not in _AVERAGE_VOCAB]
    return bool(words)


def _numbered_row(cells: dict[int, Cell], cols: dict[str, int]) -> bool:
    """The row's "No" cell holds a row number ("6", "2.", "IV"): an indicator of the list."""
    c = cells.get(cols["no"]) if "no" in cols else None
    return c is not None and bool(re.fullmatch(r"\d{1,3}\.?|[IVX]{1,4}\.?", clean(c.text)))


def _row_number(cells: dict[int, Cell], cols: dict[str, int]) -> int | None:
    """The arabic number in the row's "No" cell ("4", "4.", "(4)"), if any."""
    c = cells.get(cols["no"]) if "no" in cols else None
    m = re.fullmatch(r"\(?(\d{1,3})[.)]?", clean(c.text)) if c is not None else None
    return int(m.group(1)) if m else None


def _data_rows(block: Block, info: TableInfo) -> list[Row]:
    header_texts = [tuple(clean(t) for t in block.rows[i].texts()) for i in info.header_rows]
    out = []
    for i, row in enumerate(block.rows):
        if i in info.header_rows:
            continue
        texts = tuple(clean(t) for t in row.texts())
        if not any(texts) or all(_DASHES_RE.match(t) for t in texts):
            continue
        if texts in header_texts or _numbering_row(row):
            continue  # a header repeated after a page break
        nonempty = [t for t in texts if t]
        if len(nonempty) >= 2 and all(_YEAR_RE.fullmatch(t) for t in nonempty):
            continue  # the year row of a repeated header
        out.append(row)
    return out


def _indicator_rows(info: TableInfo, ncols: int, known_sasaran: tuple[list[str], list[str]],
                    carry: str | None) -> tuple[list[IndicatorRow], str | None]:
    block, role, cols = info.block, info.role or "", info.columns
    name_key = "indikator" if "indikator" in cols else "sasaran" if "sasaran" in cols else \
        "program" if "program" in cols else None
    name_col = cols.get(name_key) if name_key else None
    if name_col is None:
        first_val = min((c for k, c in cols.items() if k not in _TEXT_KEYS), default=ncols)
        name_col = next((c for c in range(first_val) if c != cols.get("no")), None)
    sas_col = cols.get("sasaran") if name_key != "sasaran" else None
    out: list[IndicatorRow] = []
    sasaran = carry
    for row in _data_rows(block, info):
        first = clean(row.cells[0].text) if row.cells else ""
        # a short row that lost its empty "No" cell (text conversions drop a leading tab)
        align_right = len(row.cells) < ncols and bool(first) and cols.get("no") == 0 and \
            not re.match(r"^(\d{1,2}|[IVX]{1,4})\.?$", first)
        cells = logical_cells(row, ncols, align_right=align_right)
        name_cell = cells.get(name_col) if name_col is not None else None
        name = clean(name_cell.text) if name_cell is not None else ""
        if not name and "indikator_tujuan" in cols:
            tc = cells.get(cols["indikator_tujuan"])
            if tc is not None and clean(tc.text):
                name_cell, name = tc, clean(tc.text)
        if sas_col is not None:
            sc = cells.get(sas_col)
            st = clean(sc.text) if sc is not None else ""
            if st:
                sasaran = st
        # the average label sits in the name cell or, the name cell empty, leads the row; beside
        # a name, a sasaran cell ("Meningkatnya rata-rata lama sekolah") labels no average
        texts = " ".join(clean(c.text) for c in row.cells)
        sas_cell = cells.get(sas_col) if sas_col is not None else None
        others = " ".join(clean(c.text) for c in row.cells if c is not sas_cell and c is not name_cell)
        is_avg = bool(_re("average_row").search(name if name else texts[:60])) or (
            bool(name) and len(name) < 40 and bool(_re("average_row").search(others[:60])))
        lead_no = re.match(r"\s*(\d{1,2})[.)]?\s+(?=\S)", name) if "no" not in cols else None
        if is_avg and (_numbered_row(cells, cols) or lead_no is not None or (
                name_col != 0 and re.fullmatch(r"\d{1,2}[.)]?", first))):
            is_avg = False  # "6 | Rata-rata lama sekolah": a numbered indicator, not the average
        number = int(lead_no.group(1)) if lead_no is not None else _row_number(cells, cols)
        is_total = not is_avg and _total_row(name, row, name_cell)
        if (is_avg or is_total) and not name:
            name = next((clean(c.text) for c in row.cells if clean(c.text)), "")
        values = _values(cells, cols, _TEXT_KEYS)
        if is_avg and _named_measure(name, values):
            is_avg = False  # "Rata-rata lama sekolah | 8,5 | 8,7": an indicator with its own figures
            is_total = _total_row(name, row, name_cell)
        kind = "average" if is_avg else "total" if is_total else "indicator"
        ticks: list[tuple[str, Cell]] = []
        for col, label in info.ticks.items():
            c = cells.get(col)
            if c is None:
                continue
            if is_tick(c.text):
                ticks.append((label, c))
            elif clean(c.text):
                # the label written in the column instead of a tick mark
                written = _band_label(c.text)
                if written is not None:
                    ticks.append((written, c))
        if info.ticks:
            if ticks:
                values["predikat"] = ValueCell(ticks[0][1], None, None, ticks[0][0])
                values["ticks"] = ValueCell(ticks[0][1], None, None, "|".join(t for t, _ in ticks))
            if not is_avg:
                kind = _kind_35(name, values, known_sasaran)
                if kind == "sasaran":
                    sasaran = re.sub(r"^\W*sasaran\s*\d*\.?\s*:?\s*", "", name, flags=re.I) or name
        if not name and not values:
            continue
        if name and "no" not in cols and name_col is not None and \
                re.match(r"\s*no\b", info.labels.get(name_col, ""), re.IGNORECASE):
            # "No  Indikator Kinerja" read as one column (flattened text): "1 Indeks ..." is
            # indicator 1, named "Indeks ..."
            name = re.sub(r"^(?:\d{1,3}|[IVX]{1,4})[.)]?\s+(?=\S)", "", name)
        if role in ("3.1", "3.2", "3.3", "3.4") and not is_avg and not is_total and values and \
                not any(k.split(":")[0] in _RESULT_KEYS for k in values):
            continue  # a page footer or a note caught between the rows: no figure of a result
        if not values and role not in ("3.5", "PK", "renstra", "iku") and not is_avg:
            # a row with a name only: a sasaran line or a wrapped name
            if role in ("3.1", "3.3", "3.4", "3.2", "3.7"):
                continue
        out.append(IndicatorRow(role=role, table=block, row=row, sasaran=sasaran, name=name,
                                name_cell=name_cell, values=values, is_average=is_avg,
                                kind=kind, ticks=ticks, number=number))
    return out, sasaran


_RESULT_KEYS = frozenset({"target", "realisasi", "capaian", "capaian_capped", "renstra_target",
                          "nasional", "efisiensi", "serapan", "pagu"})


def _total_row(name: str, row: Row, name_cell: Cell | None) -> bool:
    """A "Jumlah" / "Total" row: a short total label and no row number before it (an
    indicator may well be called "Jumlah pengaduan ...", but it has a number)."""
    label = name or next((clean(c.text) for c in row.cells if clean(c.text)), "")
    if not is_total_label(label) or len(label.split()) > 4:
        return False
    # "Jumlah pelanggaran perda (kasus)": an indicator counting something, not a total line
    # ("Jumlah", "Total Capaian", "Jumlah Keseluruhan", "Rata-rata Capaian Kinerja")
    rest = re.sub(r"^\W*(?:sub\s*-?\s*)?(?:jumlah|total|grand\s+total|rata\s*[-–]?\s*rata|"
                  r"rerata)\b", "", label, flags=re.IGNORECASE)
    words = [w for w in re.findall(r"[a-z]+", rest.lower()) if w not in _total_words()]
    if words:
        return False
    for c in row.cells:
        if c is name_cell:
            break
        if numbering_depth(clean(c.text)) is not None:
            return False
    return True


@lru_cache(maxsize=1)
def _total_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in _conf().get("total_row_words", []))


def _kind_35(name: str, values: dict[str, ValueCell],
             known: tuple[list[str], list[str]]) -> str:
    if _re("indicator_row").search(name):
        return "indicator"
    if _re("sasaran_row").search(name):
        return "sasaran"
    sasaran, indicators = known
    if sasaran:
        # compare with the sasaran and indicator names of the other tables
        best_s = max((similarity(name, s) for s in sasaran), default=0.0)
        best_i = max((similarity(name, s) for s in indicators), default=0.0)
        if best_s >= 0.6 and best_s > best_i:
            return "sasaran"
    return "indicator"


def _budget_rows(info: TableInfo, ncols: int, start: int) -> list[BudgetRow]:
    block, role = info.block, info.role or ""
    cols = dict(info.columns)
    if role == "3.6":
        # "Target | Capaian | %": the Capaian column holds the realisasi, % the capaian
        if "persen" in cols and "capaian" in cols and "realisasi" not in cols:
            cols["realisasi"] = cols.pop("capaian")
        if "persen" in cols:
            cols["capaian"] = cols.pop("persen")
    name_col = cols.get("program")
    if name_col is None:
        name_col = next((c for c in range(ncols) if c != cols.get("no") and c not in
                         cols.values()), 1 if ncols > 1 else 0)
    no_col = cols.get("no")
    out: list[BudgetRow] = []
    depths: list[tuple[int | None, int]] = []
    for row in _data_rows(block, info):
        first = clean(row.cells[0].text) if row.cells else ""
        align_right = len(row.cells) < ncols and bool(first) and cols.get("no") == 0 and \
            not re.match(r"^(\d{1,2}|[IVX]{1,4})\.?$", first)
        cells = logical_cells(row, ncols, align_right=align_right)
        cells = _shift_total_row(cells, name_col, ncols)
        name_cell = cells.get(name_col)
        name = clean(name_cell.text) if name_cell is not None else ""
        no_text = clean(cells[no_col].text) if no_col is not None and no_col in cells else ""
        if not name:
            name = next((clean(c.text) for c in row.cells if clean(c.text) and not
                         cell_is_numeric(c.text)), "")
        level = _row_level(name, no_text)
        values = _values(cells, cols, _TEXT_KEYS)
        if role == "3.6" and level == "input":
            for a, b in (("target", "pagu"), ("capaian", "persen")):
                if a in values:
                    values[b] = values[a]
        if not values and level == "other":
            continue
        out.append(BudgetRow(role=role, table=block, row=row, level=level, name=name,
                             name_cell=name_cell, values=values, sasaran=info.sasaran,
                             index=start + len(out)))
        depths.append(_row_depth(name, no_text, name_cell, block.layout == "spaces"))
    _levels_from_depth(out, depths)
    _kegiatan_under_programs(out, info)
    _subs_under_kegiatan(out, info)
    _group_subtotals(out)
    return out


def _subs_under_kegiatan(rows: list[BudgetRow], info: TableInfo) -> None:
    """A "Program / Kegiatan / Sub Kegiatan" table whose kegiatan rows say "Kegiatan ..." and
    hold no amounts, and whose sub kegiatan rows carry only their names ("- Penyediaan Gaji
    dan Tunjangan ASN"): the unnamed rows with amounts after a kegiatan are its sub kegiatan."""
    if not any(r.level == "kegiatan" for r in rows) or any(r.level == "sub_kegiatan" for r in rows):
        return
    head = " ".join(info.labels.values())
    if not re.search(r"\bsub\s*-?\s*kegiatan\b", head, re.IGNORECASE):
        return
    under: BudgetRow | None = None
    picked: list[BudgetRow] = []
    for r in rows:
        if r.level in ("program", "total", "subtotal"):
            under = None
        elif r.level == "kegiatan":
            under = r if all(v.num is None for v in r.values.values()) else None
        elif r.level == "other" and under is not None and r.values:
            picked.append(r)
    for r in picked:
        r.level = "sub_kegiatan"


_SUBTOTAL_RE = re.compile(r"^\W*(?:(?:jumlah|total|sub\s*-?\s*total|sub\s*-?\s*jumlah)\s+(?P<lv>program|kegiatan)\b|"
                          r"sub\s*-?\s*(?:total|jumlah)\b)", re.IGNORECASE)


def _group_subtotals(rows: list[BudgetRow]) -> None:
    """"Jumlah Program X" / "Sub Total" rows after a program's kegiatan: the amounts of that
    program (or kegiatan) when its own row states none. The amounts move to the group's row
    (their cells stay where they are) and the subtotal row is no total of the table, so the
    JUMLAH row adds up the programs, and each program its kegiatan."""
    for i, r in enumerate(rows):
        if r.level != "total":
            continue
        m = _SUBTOTAL_RE.match(r.name)
        if m is None:
            continue
        want = (m.group("lv") or "program").lower()
        owner = None
        for k in range(i - 1, -1, -1):
            if rows[k].level in ("total", "subtotal"):
                break
            if rows[k].level == want:
                owner = rows[k]
                break
        if owner is None:
            continue
        if all(v.num is None for v in owner.values.values()):
            owner.values, r.values = r.values, {}
        r.level = "subtotal"


def _kegiatan_under_programs(rows: list[BudgetRow], info: TableInfo) -> None:
    """A "Program / Kegiatan" table whose programs say "Program ..." and whose kegiatan rows
    carry only their own names ("Administrasi Keuangan Perangkat Daerah"): the unnamed rows
    after a program are its kegiatan (beside any that say "Kegiatan ..."). Only when no row
    names a sub kegiatan, the table opens with a program and the header names the kegiatan."""
    if not rows or rows[0].level != "program":
        return
    if any(r.level == "sub_kegiatan" for r in rows):
        return  # (a named kegiatan beside unnamed ones is the same level: "Kegiatan X" rows)
    if not any(r.level == "other" for r in rows):
        return
    head = " ".join(info.labels.values()) + " " + " ".join(
        c.text for i in info.header_rows if i < len(info.block.rows)
        for c in info.block.rows[i].cells)
    if not re.search(r"\bkegiatan\b", head, re.IGNORECASE):
        return
    groups: list[tuple[BudgetRow, list[BudgetRow]]] = []
    for r in rows:
        if r.level == "program":
            groups.append((r, []))
        elif r.level in ("other", "kegiatan") and r.values and groups:
            groups[-1][1].append(r)
        elif r.level == "total":
            break
    # the unnamed rows are one level (kegiatan, not kegiatan and sub kegiatan mixed) when
    # they add up to their program in all programs but one
    full = [(p, ks) for p, ks in groups if ks]
    adds = 0
    for p, ks in full:
        pv = p.values.get("pagu")
        vals = [k.values.get("pagu") for k in ks]
        if pv is None or pv.num is None or any(v is None or v.num is None for v in vals):
            return
        adds += pv.num.explains(sum((v.num.value for v in vals if v is not None and v.num is not None),
                                    Decimal(0)))
    if not full or adds < max(1, len(full) - 1):
        return
    for _p, ks in full:
        for k in ks:
            k.level = "kegiatan"


_DEPTH_LEVELS = ("program", "kegiatan", "sub_kegiatan")


def _shift_total_row(cells: dict[int, Cell], name_col: int, ncols: int) -> dict[int, Cell]:
    """A total row whose cells slid left in a conversion: "Jumlah" in the number column, its
    amounts starting in the name column and as many empty cells at the end. The amounts move
    back under their headers."""
    k = name_col
    if k <= 0 or ncols - k < 2:
        return cells
    first = cells.get(0)
    if first is None or not is_total_label(clean(first.text)):
        return cells
    at_name = cells.get(name_col)
    if at_name is None or not cell_is_numeric(at_name.text):
        return cells
    if any(clean(cells[c].text) for c in range(ncols - k, ncols) if c in cells):
        return cells
    out = {c + k: cell for c, cell in cells.items() if c + k < ncols}
    out[name_col] = first
    return out


def _row_depth(name: str, no_text: str, name_cell: Cell | None, spaces: bool
               ) -> tuple[int | None, int]:
    """(numbering depth, indentation column) of a budget row: "1.2" or "7.01.02" in the
    number column or opening the name; the column where the name starts (flattened text)."""
    depth = numbering_rank(no_text) if no_text else None
    if depth is None:
        lead = leading_numbering(name)
        depth = lead[0] if lead else None
    indent = name_cell.segments[0][2] if spaces and name_cell is not None and \
        name_cell.segments else 0
    return depth, indent


def _levels_from_depth(rows: list[BudgetRow], depths: list[tuple[int | None, int]]) -> None:
    """Program > kegiatan > sub kegiatan from numbering depth (1 > 1.1 > 1.1.1, Kepmendagri
    codes) or indentation, for tables whose rows do not name their level."""
    if any(r.level in _DEPTH_LEVELS and _row_level(r.name, "") in _DEPTH_LEVELS for r in rows):
        # the rows name their level ("Program : ..."); unnamed rows numbered one or two levels
        # deeper than the named programs ("2 | Program X", "2.1 | <a kegiatan>") are below them
        base = [d[0] for r, d in zip(rows, depths, strict=True)
                if r.level == "program" and d[0] is not None]
        if base and len(set(base)) == 1:
            # the deeper numbering styles in their order: 1 > 1.1 > 1.1.1, and Kepmendagri codes
            # 3.27.01 > 3.27.01.2.02 > 3.27.01.2.02.01 (two parts more for a kegiatan)
            # (named kegiatan rows keep their depth in the order: "1.1 Keg. X" above "1.1.1 Sub. Y")
            deeper = sorted({d[0] for r, d in zip(rows, depths, strict=True)
                             if r.level in ("other", "kegiatan", "sub_kegiatan") and d[0] is not None
                             and d[0] > base[0]})
            if len(deeper) <= 2:
                for r, d in zip(rows, depths, strict=True):
                    if r.level == "other" and d[0] in deeper:
                        r.level = _DEPTH_LEVELS[deeper.index(d[0]) + 1]
        return
    others = [(r, d) for r, d in zip(rows, depths, strict=True)
              if r.level == "other" or r.level in _DEPTH_LEVELS]
    numbered = {d[0] for _, d in others if d[0] is not None}
    key = 0 if len(numbered) >= 2 else 1
    if key == 1:
        indents = {d[1] for _, d in others}
        if not 2 <= len(indents) <= 3 or len(others) < 3:
            return
    ranks = sorted({d[key] for _, d in others if d[key] is not None})
    if len(ranks) < 2:
        return
    for r, d in others:
        v = d[key]
        if v is not None and ranks.index(v) < len(_DEPTH_LEVELS):
            r.level = _DEPTH_LEVELS[ranks.index(v)]


def _link_parents(rows: list[BudgetRow]) -> None:
    stack: dict[int, int] = {}  # rank -> index in rows
    for i, r in enumerate(rows):
        rank = _LEVEL_RANK.get(r.level)
        if r.level == "total":
            stack.clear()
            continue
        if rank is None:
            continue
        parent = None
        for k in range(rank - 1, -1, -1):
            if k in stack:
                parent = stack[k]
                break
        r.parent = rows[parent].index if parent is not None else None
        if rank < 3:
            stack[rank] = i
            for k in list(stack):
                if k > rank:
                    del stack[k]


# --------------------------------------------------------------------------- sideways tables
@lru_cache(maxsize=1)
def _sideways_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((k, re.compile(p, re.IGNORECASE)) for k, p in _conf()["sideways_rows"].items())


def _sideways_key(text: str) -> str | None:
    t = clean(text)
    if len(t) > 40:
        return None
    return next((k for k, p in _sideways_patterns() if p.match(t)), None)


def caption_indicator(caption: str | None) -> str | None:
    """The indicator a one-indicator table's caption names ("Realisasi Indeks Risiko Bencana
    Daerah Tahun 2021-2025" -> "Indeks Risiko Bencana Daerah"), None when nothing is left."""
    if not caption:
        return None
    title = caption_match_title(caption)
    title = _re("sideways_caption_lead").sub("", title)
    title = _re("sideways_caption_tail").sub("", title).strip(" :.,-–")
    return title if len(title) >= 4 and re.search(r"[A-Za-z]{3}", title) else None


def _sideways_rows(info: TableInfo) -> list[IndicatorRow] | None:
    """A SIDEWAYS table: the years are the columns and the rows say what they hold ("Target |
    Realisasi | Capaian"); the indicator is named by a cell before the row label, by a name-only
    row above the group, or by the caption. Read as one row per indicator with keys
    ``target:2023``, ``realisasi:2023``, ``capaian:2023``. None when the table is not so laid
    out (at least two distinct row kinds with figures under two years or more)."""
    block = info.block
    years: dict[int, str] = {}
    for c, lab in info.labels.items():
        ys = _YEAR_RE.findall(lab)
        if ys:
            years[c] = ys[-1]
    if len(set(years.values())) < 2 or not years:
        return None
    first_year = min(years)
    if first_year == 0 or first_year > 3:
        return None
    if info.caption and re.search(r"\b(?:anggaran|pagu|belanja|dana|keuangan)\b", info.caption,
                                  re.IGNORECASE):
        return None  # the budget over the years, not an indicator
    caption_name = caption_indicator(info.caption)
    groups: list[tuple[str | None, Row, dict[str, ValueCell], Cell | None]] = []
    name: str | None = None
    name_cell: Cell | None = None
    keyed_rows = 0
    for row in _data_rows(block, info):
        cells = logical_cells(row, max(len(row.cells), first_year + 1))
        label_cell = cells.get(first_year - 1)
        lead = [cells[c] for c in range(first_year - 1) if c in cells and clean(cells[c].text)
                and not _NUMBERING_RE.match(clean(cells[c].text))]
        key = _sideways_key(label_cell.text) if label_cell is not None else None
        if lead and key is not None:
            name, name_cell = clean(lead[-1].text), lead[-1]
        figures = {c: read_value(cells[c]) for c in years if c in cells}
        figures = {c: v for c, v in figures.items() if v.num is not None}
        if key is None:
            text = clean(label_cell.text) if label_cell is not None else ""
            if not figures and text and len(text) >= 4 and not _YEAR_RE.fullmatch(text):
                name, name_cell = text, label_cell  # a name-only row over its group
            continue
        if len(figures) < 2:
            continue
        keyed_rows += 1
        values = {f"{key}:{years[c]}": v for c, v in figures.items()}
        this = name or caption_name
        if groups and groups[-1][0] == this and not any(k in groups[-1][2] for k in values):
            groups[-1][2].update(values)
        else:
            groups.append((this, row, values, name_cell if name else None))
    kinds = {k.split(":")[0] for g in groups for k in g[2]}
    if keyed_rows < 2 or len(kinds) < 2:
        return None
    out = []
    for gname, row, values, ncell in groups:
        if not gname:
            return None  # rows of an indicator the table does not name
        out.append(IndicatorRow(role="3.2", table=block, row=row, sasaran=None, name=gname,
                                name_cell=ncell, values=values))
    return out


_SERIES_LEAD_RE = re.compile(r"^(?:(?:perkembangan|perbandingan|data|grafik|tren|trend)\b\s*)+",
                             re.IGNORECASE)
_YEAR_LABEL_RE = re.compile(r"^(?:tahun\s+)?((?:19|20)\d\d)$", re.IGNORECASE)


def _year_rows(info: TableInfo) -> list[IndicatorRow] | None:
    """A YEAR-ROW table of one indicator: a row per year ("2021 | 6.420 | 6.511 | 101,43")
    under "Tahun | Target | Realisasi | Capaian", the indicator named by the caption
    ("Perkembangan Realisasi PAD 2021-2023"). Read as one row with keys ``target:2021``,
    ``realisasi:2021`` ...; None when the table is not so laid out."""
    kinds = [k for k in ("target", "realisasi", "capaian") if k in info.columns]
    if len(kinds) < 2 or not info.caption or any(":" in k for k in info.columns) or \
            {"indikator", "program", "sasaran", "pagu"} & set(info.columns):
        return None
    if re.search(r"\b(?:anggaran|pagu|belanja|dana|keuangan)\b", info.caption, re.IGNORECASE):
        return None  # the budget over the years, not an indicator
    name = caption_indicator(info.caption)
    if name is None:
        title = _re("sideways_caption_tail").sub("", caption_match_title(info.caption))
        name = _SERIES_LEAD_RE.sub("", title).strip(" :.,-–")
        if len(name) < 4 or not re.search(r"[A-Za-z]{3}", name):
            return None
    first = min(info.columns[k] for k in kinds)
    values: dict[str, ValueCell] = {}
    rows = _data_rows(info.block, info)
    year_row: Row | None = None
    for row in rows:
        cells = logical_cells(row, max(len(row.cells), first + 1))
        lead = [clean(cells[c].text) for c in range(first) if c in cells and clean(cells[c].text)]
        m = _YEAR_LABEL_RE.match(lead[-1]) if len(lead) == 1 else None
        if m is None:
            return None  # a row that is not one year's
        for k in kinds:
            c = cells.get(info.columns[k])
            v = read_value(c) if c is not None else None
            if v is not None and v.num is not None:
                values[f"{k}:{m.group(1)}"] = v
        year_row = row
    if len(rows) < 2 or year_row is None or len({k.split(":")[1] for k in values}) < 2:
        return None
    return [IndicatorRow(role="3.2", table=info.block, row=year_row, sasaran=None, name=name,
                         name_cell=None, values=values)]


# --------------------------------------------------------------------------- the index
def _caption_year_columns(cols: dict[str, int], labels: dict[int, str], caption: str | None) -> None:
    """Bare year columns ("2019 | 2020 | 2021") of a table whose caption names what they hold
    ("Perbandingan Realisasi Kinerja Tahun 2019-2021"): ``realisasi:2019`` ... (only when the
    caption names one of realisasi / target / capaian and no column has a key of its own)."""
    if not caption:
        return
    own = {k.split(":")[0] for k in cols} & {"target", "realisasi", "capaian", "pagu"}
    bare = {c: lab.strip() for c, lab in labels.items() if _YEAR_RE.fullmatch(lab.strip())}
    if len(bare) < 2:
        return
    low = clean(caption).lower()
    if re.search(r"anggaran|pagu|belanja", low):
        return
    if own:
        # "2019 | 2020 | 2021 | Target 2022" under "Realisasi Tahun 2019-2021 dan Target 2022":
        # the bare years are the realisasi the caption names
        if own != {"target"} or "realisasi" not in low:
            return
        named = ["realisasi"]
    else:
        named = [k for k in ("realisasi", "target", "capaian") if k in low]
        if len(named) != 1:
            return
    for c, y in bare.items():
        cols.setdefault(f"{named[0]}:{y}", c)


def _nested(block: Block, cols: dict[str, int]) -> bool:
    """Whether the rows of a budget table hold at least two levels of the program >
    kegiatan > sub kegiatan hierarchy (by their names or by their kode / numbering)."""
    name_col = cols.get("program")
    levels: set[str] = set()
    depths: set[int] = set()
    for row in block.rows:
        if row.is_header or name_col is None or name_col >= len(row.cells):
            continue
        first = clean(row.cells[0].text)
        levels.add(_row_level(clean(row.cells[name_col].text), first))
        d = numbering_depth(first) if first else None
        if d is not None:
            depths.add(d)
    return len(levels & {"program", "kegiatan", "sub_kegiatan"}) >= 2 or len(depths) >= 2


_GRADE_HEADER_RE = re.compile(r"^\s*(?:nilai|ket\.?|keterangan|hasil(?:\s+penilaian)?|status|kinerja)\s*$",
                              re.IGNORECASE)


def _grade_column(block: Block, header: list[int], labels: dict[int, str], ncols: int,
                  taken: set[int], scale: Scale) -> int | None:
    """A column headed "Nilai" or "Keterangan" beside the capaian whose every body cell is a
    band of the report's scale ("A (Sangat Tinggi)", "Baik", "B"): the predicate column."""
    codes = {bd.code.lower() for bd in scale.bands if bd.code}
    for col in sorted(labels):
        if col in taken or not _GRADE_HEADER_RE.match(labels[col]):
            continue
        seen = 0
        for i, row in enumerate(block.rows):
            if i in header or row.is_header:
                continue
            cell = logical_cells(row, ncols).get(col)
            text = clean(cell.text) if cell is not None else ""
            if not text:
                continue
            inner = re.match(r"^\s*([^()]+?)\s*\(\s*([^()]+?)\s*\)\s*$", text)
            parts = [inner.group(1), inner.group(2)] if inner else [text]
            if not any(p.strip().lower() in codes or _band_label(p, scale) for p in parts):
                seen = -1
                break
            seen += 1
        if seen >= 2:
            return col
    return None


def understand_table(doc: Document, block: Block, scale: Scale,
                     previous: TableInfo | None = None) -> TableInfo:
    """Caption, header, columns and role of one table block."""
    conf = _conf()
    caption = _caption_text(doc, block, int(conf["caption_lookback"]))
    header = _header_rows(block)
    labels, _ncols = _column_labels(block, header)
    cols, ticks = _map_columns(labels, scale)
    if "predikat" not in cols and "capaian" in cols:
        grade = _grade_column(block, header, labels, _ncols, set(cols.values()) | set(ticks), scale)
        if grade is not None:
            cols["predikat"] = grade
    _caption_year_columns(cols, labels, caption)
    info = TableInfo(block=block, role=None, columns=cols, labels=labels, header_rows=header,
                     ticks=ticks, caption=caption, sasaran=_sasaran_above(doc, block),
                     number=caption_number(caption))
    role = _caption_role(caption)
    if role is not None and cols and not _fits(role, cols, ticks):
        role = None  # a caption number used for another table ("Tabel 3.1 Interval Penilaian")
    if role == "iku" and cols and _header_role(cols, ticks, "") == "3.1":
        role = "3.1"  # "Realisasi Indikator Kinerja Utama" with target/realisasi/capaian columns
    standard = _conf()["caption_roles"]
    title = _title_role(caption)
    if title is not None and title in standard and cols and _fits(title, cols, ticks) and (
            role not in standard or not _strong(role, cols, ticks)):
        role = title  # the caption's words name the table, whatever its number
    elif role in standard and not _strong(role, cols, ticks):
        hdr = _header_role(cols, ticks, "")
        if hdr in standard and hdr != role and _strong(hdr, cols, ticks):
            role = hdr  # "Tabel 3.2" holding target / realisasi / capaian of one year
    base = {k.split(":")[0] for k in cols}
    if role in standard and caption and "target" in base and base & {"indikator", "sasaran"} and \
            not base & {"realisasi", "capaian", "persen", "pagu", "renstra_target"} and \
            any(p.search(caption_match_title(caption)) for p in _caption_words()["PK"]):
        # "Tabel 3.2 Target Kinerja sesuai Perjanjian Kinerja Tahun 2024" (No | Sasaran |
        # Indikator | Target 2024): the PK's targets, whatever the table's number
        role = "PK"
    # rows of intervals (most body rows one interval) are a scale or a grade conversion whatever
    # the caption's number or words ("Tabel 3.1 Skala Predikat" is no predicate table of the
    # indicators); tables with target/realisasi/pagu columns never are
    role = _scale_role(block, cols, caption) or role
    adjacent = previous is not None and previous.block.index == block.index - 1
    if role is None and previous is not None and previous.role is not None:
        between_caption = False
        for j in range(previous.block.index + 1, block.index):
            b = doc.blocks[j]
            if b.kind != "table" and _caption_re().search(b.text.strip()[:40]):
                between_caption = True
                break
        if not between_caption:
            width = max((len(r.cells) for r in block.rows), default=0)
            prev_width = max((len(r.cells) for r in previous.block.rows), default=0)
            if adjacent and (not header or (not cols and not ticks and width == prev_width)):
                # a headerless continuation right after a table (page break, blank line); a
                # first row with no header keyword is a wrapped cell, not a header
                info.columns, info.ticks, info.labels = previous.columns, previous.ticks, \
                    previous.labels
                info.continued_from = previous.block.index
                info.sasaran = info.sasaran or previous.sasaran
                role = previous.role
            elif header and set(cols) == set(previous.columns) and ticks.keys() == \
                    previous.ticks.keys():
                info.continued_from = previous.block.index
                role = previous.role
    if role is None and cols:
        context = _context_text(doc, block, int(conf["context_lookback"]))
        role = _header_role(cols, ticks, context)
        if role is None and caption is None:
            for r, pats in _caption_words().items():
                if r == "PK" and any(p.search(context[-400:]) for p in pats) and \
                        "target" in {k.split(":")[0] for k in cols} and \
                        "realisasi" not in cols:
                    role = "PK"
    if role in (None, "3.8") and caption is None and {"program", "pagu"} <= set(cols) and \
            "realisasi" not in cols and ((previous is not None and previous.role == "PK" and
                                          block.index - previous.block.index <= 4)
                                         or re.search(r"perjanjian\s+kinerja",
                                                      _context_text(doc, block, 6)[-300:], re.I)):
        role = "PK"  # the program budget part of the Perjanjian Kinerja (or of its lampiran)
    if role == "3.8" and not {"realisasi", "persen"} & set(info.columns) and \
            not _nested(block, info.columns):
        role = None  # a list of program budgets (the PK's, the Renja's) has no sums to check
    info.role = role
    if role in ("3.1", "3.3") and "persen" in info.columns and "capaian" in info.columns and \
            "realisasi" not in info.columns:
        # "Target | Capaian | %": the Capaian column holds the realisasi, % the capaian
        cols2 = dict(info.columns)
        cols2["realisasi"] = cols2.pop("capaian")
        cols2["capaian"] = cols2.pop("persen")
        info.columns = cols2
    return info


_SINGLE_YEAR_ROLES = ("3.1", "3.3", "3.4", "3.5", "3.7", "3.6", "3.8", "PK")


def _alias_year_columns(info: TableInfo, year: int | None) -> None:
    """In a one-year table with "REALISASI 2022 | REALISASI 2023", the report year's column
    (else the latest) is the plain ``realisasi``."""
    by_base: dict[str, dict[str, int]] = {}
    for key, col in info.columns.items():
        if ":" in key:
            base, y = key.split(":", 1)
            by_base.setdefault(base, {})[y] = col
    for base, years in by_base.items():
        if base in info.columns:
            continue
        pick = str(year) if year is not None and str(year) in years else max(years)
        info.columns = {**info.columns, base: years[pick]}


def _merge_sub_rows(rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """Rows of a year table that only say what they hold ("Target", "Capaian (%)", "Capaian
    indikator 1 (%)") under an indicator's row: their year values are that indicator's
    (``target:2021``, ``capaian:2021``); the row named by number, else the row above."""
    out: list[IndicatorRow] = []
    for r in rows:
        key = _sideways_key(r.name) if r.kind == "indicator" and r.name else None
        years = {k.partition(":")[2]: v for k, v in r.values.items() if ":" in k}
        if key is None or not years:
            out.append(r)
            continue
        hosts = [h for h in out if h.table is r.table and h.kind == "indicator"]
        m = re.search(r"indikator\s*(?:ke\s*-?\s*)?(\d{1,2})", r.name, re.IGNORECASE)
        host = None
        if m:
            n = int(m.group(1))
            host = next((h for h in hosts if h.number == n), None)
            if host is None and all(h.number is None for h in hosts) and 1 <= n <= len(hosts):
                host = hosts[n - 1]
        elif hosts:
            host = hosts[-1]
        if host is None or any(f"{key}:{y}" in host.values for y in years):
            out.append(r)
            continue
        for y, v in years.items():
            host.values[f"{key}:{y}"] = v
    return out


_NOTE_YEAR = r"(?:pada\s+)?(?:tahun\s+|th\.?\s*)?(?P<y>(?:19|20)\d\d)"
_NOTE_VERB = r"\s*(?:adalah|ialah|yaitu|sebesar|sebanyak|=|:)?\s*"
_NOTE_NUMBERED_RE = re.compile(
    r"\btarget\s+(?:untuk\s+)?indikator\s*(?:ke\s*-?\s*|no\.?\s*)?(?P<n>\d{1,2})\s+" + _NOTE_YEAR
    + _NOTE_VERB + r"(?=[\d.,]*\d)", re.IGNORECASE)
_NOTE_LIST_RE = re.compile(
    r"\btarget\s+" + _NOTE_YEAR + r"\s+(?:(?:untuk\s+)?(?:masing[-\s]masing|setiap|tiap[-\s]tiap|tiap)"
    r"\s+indikator" + _NOTE_VERB + r"(?:berturut[-\s]turut\s*:?\s*)?|(?:indikator\s+)?"
    r"(?:berturut[-\s]turut|secara\s+berurutan)" + _NOTE_VERB + ")", re.IGNORECASE)
_NOTE_NAMED_RE = re.compile(r"\btarget\s+" + _NOTE_YEAR + r"\s+(?:untuk\s+)?(?:indikator\s+)?(?=[^\W\d])",
                            re.IGNORECASE)
_NOTE_LIST_ITEM_RE = re.compile(r"\s*(?:[;,]|\bdan\b|&)?\s*(\d[\d.,]*\d|\d)\s*(?:%|persen)?",
                                re.IGNORECASE)


def _note_targets(doc: Document, info: TableInfo, rows: list[IndicatorRow]) -> None:
    """Year targets a note under a year table gives ("Catatan: target indikator 1 tahun 2021
    adalah 440 kasus", "Target 2020 masing-masing indikator adalah 70; 60; 80 dan 80",
    "Keterangan: target 2024 nagari tangguh bencana 20 nagari dan rumah rusak 55%"): they
    become the rows' ``target:<year>`` when the row has none."""
    hosts = [r for r in rows if r.kind == "indicator" and r.table is info.block]
    if not hosts:
        return
    for j in range(info.block.index + 1, min(len(doc.blocks), info.block.index + 4)):
        b = doc.blocks[j]
        if b.kind in ("table", "heading"):
            break
        if "target" not in b.text.lower():
            continue
        cell = Cell(text=b.text, segments=b.segments, extra=b.extra)
        found: list[tuple[IndicatorRow, str, Num]] = []
        for m in _NOTE_NUMBERED_RE.finditer(b.text):
            n = int(m.group("n"))
            host = next((h for h in hosts if h.number == n), None)
            if host is None and all(h.number is None for h in hosts) and 1 <= n <= len(hosts):
                host = hosts[n - 1]
            num = _first_number(b.text, m.end())
            if host is not None and num is not None:
                found.append((host, m.group("y"), num))
        for m in _NOTE_LIST_RE.finditer(b.text):
            y = m.group("y")
            items: list[Num] = []
            pos = m.end()
            while True:
                it = _NOTE_LIST_ITEM_RE.match(b.text, pos)
                if it is None:
                    break
                num = _first_number(b.text, it.start(1))
                if num is None or num.start != it.start(1):
                    break
                items.append(num)
                pos = it.end()
            if len(items) == len(hosts) >= 2:
                found.extend((h, y, v) for h, v in zip(hosts, items, strict=True))
        if not found:
            for m in _NOTE_NAMED_RE.finditer(b.text):
                found.extend(_named_targets(b.text, m.end(), m.group("y"), hosts))
        for host, y, num in found:
            if num.is_year:
                continue
            host.values.setdefault(f"target:{y}", ValueCell(cell=cell, num=num, grade=None,
                                                            text=b.text[num.start:num.end]))


def _renstra_targets(index: TableIndex, year: int | None) -> None:
    """A year table (3.2) with realisasi and capaian per year but no targets takes each year's
    target from the Renstra matrix ("Target 2020 | 2021 | 2022 | 2023"), for the row the matrix
    answers to beyond doubt, and only when the matrix's target of the report year is the one
    the measurement table uses (the Renstra was not revised since)."""
    renstra = index.rows("renstra", indicators_only=True)
    rows31 = index.rows("3.1", indicators_only=True)
    if not renstra or not rows31 or year is None:
        return
    for row in index.rows("3.2", indicators_only=True):
        years = [k.split(":")[1] for k in row.values if k.startswith("capaian:")]
        if not years or any(k.startswith("target") for k in row.values):
            continue
        best = _unique_match(row.name, renstra)
        now = _unique_match(row.name, rows31)
        if best is None or now is None:
            continue
        t_now, t_ren = now.values.get("target"), best.values.get(f"target:{year}")
        if t_now is None or t_ren is None or t_now.num is None or t_ren.num is None or \
                t_now.num.value != t_ren.num.value:
            continue
        for y in years:
            t = best.values.get(f"target:{y}")
            if t is not None and t.num is not None and f"realisasi:{y}" in row.values:
                row.values[f"target:{y}"] = t


def _unique_match(name: str, rows: list[IndicatorRow]) -> IndicatorRow | None:
    scored = sorted(((similarity(name, r.name), i) for i, r in enumerate(rows)), reverse=True)
    if not scored or scored[0][0] < 0.8 or (len(scored) > 1 and scored[0][0] - scored[1][0] < 0.15):
        return None
    return rows[scored[0][1]]


def _first_number(text: str, pos: int) -> Num | None:
    return next((n for n in scan_numbers(text) if n.start >= pos), None)


def _named_targets(text: str, start: int, year: str, hosts: list[IndicatorRow]
                   ) -> list[tuple[IndicatorRow, str, Num]]:
    """"target 2024 nagari tangguh bencana 20 nagari dan rumah rusak direhabilitasi 55%":
    (row, year, number) per name the table's rows answer to beyond doubt."""
    out: list[tuple[IndicatorRow, str, Num]] = []
    end = re.search(r"[.;](?:\s|$)|\b(?:sehingga|karena|maka)\b", text[start:])
    stop = start + end.start() if end else len(text)
    pos = start
    for num in scan_numbers(text[:stop]):
        if num.start < pos:
            continue
        name = re.sub(r"^\W*(?:dan|serta|untuk|indikator)\b", "", text[pos:num.start], flags=re.I)
        name = re.sub(r"\b(?:adalah|ialah|yaitu|sebesar|sebanyak)\s*$", "", name.strip(" ,:=-"),
                      flags=re.IGNORECASE).strip(" ,:=-")
        after = re.match(r"\s*(?:%|persen\b|[^\W\d]+)?", text[num.end:stop])
        pos = num.end + (after.end() if after else 0)
        if len(name) < 4 or num.is_year:
            continue
        scored = sorted(((similarity(name, h.name), i) for i, h in enumerate(hosts)), reverse=True)
        if scored[0][0] >= 0.6 and (len(scored) < 2 or scored[0][0] - scored[1][0] >= 0.1):
            out.append((hosts[scored[0][1]], year, num))
    return out


_YEAR_KEYED = ("target", "realisasi", "capaian", "predikat")


def _key_single_year_columns(info: TableInfo, year: int | None) -> None:
    """In a year table (3.2) a column labelled with a year of its own ("Capaian 2020 (%)",
    "Predikat 2020" beside "Realisasi 2020 | 2021 | 2022") is that year's: ``capaian:2020``.
    The plain key stays only when the year is the report year (the latest of the table when the
    report year is unknown)."""
    years_of: dict[str, str] = {}
    all_years: set[str] = set()
    for key, col in info.columns.items():
        base, _, y = key.partition(":")
        if y:
            all_years.add(y)
            continue
        if base in _YEAR_KEYED:
            ys = _YEAR_RE.findall(info.labels.get(col, ""))
            if len(set(ys)) == 1:
                years_of[key] = ys[0]
    all_years |= set(years_of.values())
    if len(all_years) < 2 or not years_of:
        return
    latest = max(all_years)
    cols = dict(info.columns)
    for key, y in years_of.items():
        cols.setdefault(f"{key}:{y}", cols[key])
        if y != (str(year) if year is not None else latest):
            del cols[key]
    info.columns = cols


def _grade_text(text: str) -> str:
    return " ".join(text.replace("*", " ").split())


def _grade_columns(rows: list[IndicatorRow], scale: Scale) -> None:
    """A predicate column under a header not taken for one ("Nilai", "Hasil"): a column after
    the capaian in which every indicator row of the table (at least two) holds just a code
    or label of the report's own scale becomes the rows' ``predikat``."""
    whole = {b.code for b in scale.bands} | {b.label.lower() for b in scale.bands}
    by_table: dict[int, list[IndicatorRow]] = {}
    for r in rows:
        if r.kind == "indicator" and "predikat" not in r.values and "capaian" in r.values:
            by_table.setdefault(r.table.index, []).append(r)
    for group in by_table.values():
        if len(group) < 2:
            continue
        cols: set[int] | None = None
        for r in group:
            cells = r.row.cells
            at = next((i for i, c in enumerate(cells) if c is r.values["capaian"].cell), None)
            if at is None:
                cols = set()
                break
            mine = {i for i in range(at + 1, len(cells))
                    if _grade_text(cells[i].text) in whole or _grade_text(cells[i].text).lower() in whole}
            cols = mine if cols is None else cols & mine
            if not cols:
                break
        if not cols or len(cols) != 1:
            continue
        j = cols.pop()
        for r in group:
            cell = r.row.cells[j]
            r.values["predikat"] = ValueCell(cell, None, None, _grade_text(cell.text))


_DIGITS_RE = re.compile(r"\d+")
_PAGE_NO_RE = re.compile(r"^(?:\d{1,4}|[ivx]{1,5})\s+|\s+(?:\d{1,4}|[ivx]{1,5})$", re.IGNORECASE)


def _running_shapes(doc: Document) -> frozenset[str]:
    """The running headers/footers of a text flattened from PDF (lines repeated at the page
    breaks), their digits masked: "LKIP Kecamatan X Tahun 2022" among the "... Tahun 2023"
    pages is the running header still."""
    from drafter.tables.flat import running_headers

    if doc.source_text is None or doc.format != "text":
        return frozenset()  # running headers are a trait of text flattened from PDF
    lines = doc.source_text.split("\n")
    return frozenset(_DIGITS_RE.sub("0", h.lower()) for h in running_headers(lines))


def _running_row(row: Row, shapes: frozenset[str]) -> bool:
    """A table row that is a running header/footer caught between or after the table's
    rows (with its page number set apart or not)."""
    text = " ".join(t for t in (clean(c.text) for c in row.cells) if t)
    if not text:
        return False
    text = _PAGE_NO_RE.sub("", text)
    return _DIGITS_RE.sub("0", text.lower()) in shapes


def index_tables(ctx: CheckContext | Document) -> TableIndex:
    """Build the :class:`TableIndex` of a document (or of ``ctx.document``)."""
    year: int | None = None
    if isinstance(ctx, Document):
        doc, scale = ctx, default_scale()
    else:
        doc, scale, year = ctx.document, ctx.info.scale, ctx.info.year
    index = TableIndex()
    infos: list[TableInfo] = []
    previous: TableInfo | None = None
    sideways: dict[int, list[IndicatorRow]] = {}
    for block in doc.blocks:
        if block.kind != "table" or not block.rows:
            continue
        info = understand_table(doc, block, scale, previous)
        if info.role not in NON_DATA_ROLES and info.role not in BUDGET_ROLES and \
                info.continued_from is None:
            side = _sideways_rows(info) or _year_rows(info)
            if side:
                info.role = "3.2"
                sideways[block.index] = side
        if info.role in _SINGLE_YEAR_ROLES:
            _alias_year_columns(info, year)
        elif info.role == "3.2":
            _key_single_year_columns(info, year)
        infos.append(info)
        index.info[block.index] = info
        if info.role is not None:
            index.roles[block.index] = info.role
            index.by_role.setdefault(info.role, []).append(block)
        previous = info
    _measurement_summaries(index, infos)
    furniture = _running_shapes(doc)
    # sasaran names known from the indicator tables (to tell 3.5 sasaran lines apart)
    known: tuple[list[str], list[str]] = ([], [])
    carry: dict[str, str | None] = {}
    for info in infos:
        if info.role is None or info.role in NON_DATA_ROLES:
            continue
        ncols = max([len(r.cells) for r in info.block.rows]
                    + [c + 1 for c in info.columns.values()] + [c + 1 for c in info.ticks])
        if info.role in BUDGET_ROLES or (info.role == "PK" and "pagu" in info.columns and
                                         not ({"indikator", "sasaran"} & set(info.columns))):
            lst = index.budget_rows.setdefault(info.role, [])
            lst.extend(_budget_rows(info, ncols, len(lst)))
            continue
        if info.block.index in sideways:
            index.indicator_rows.setdefault(info.role, []).extend(sideways[info.block.index])
            continue
        rows, carry[info.role] = _indicator_rows(
            info, ncols, known if info.role == "3.5" else ([], []),
            carry.get(info.role) if info.continued_from is not None else None)
        if furniture:
            rows = [r for r in rows if not _running_row(r.row, furniture)]
        if info.role == "3.2":
            rows = _merge_sub_rows(rows)
            _note_targets(doc, info, rows)
        index.indicator_rows.setdefault(info.role, []).extend(rows)
        if info.role in ("3.1", "3.2", "3.3", "3.4", "PK"):
            for r in rows:
                if r.sasaran and r.sasaran not in known[0]:
                    known[0].append(r.sasaran)
                if r.name and not r.is_average and r.name not in known[1]:
                    known[1].append(r.name)
    for rows in index.budget_rows.values():
        _link_parents(rows)
    for role in INDICATOR_ROLES:
        _grade_columns(index.indicator_rows.get(role, []), scale)
    _mark_copies(index)
    _renstra_targets(index, year)
    _TABLE_NAMES.set({role: index.name(role) for role in index.by_role})
    return index


def _is_measurement(info: TableInfo) -> bool:
    """Columns of a measurement table: target, realisasi and capaian of one year."""
    base = {k.split(":")[0] for k in info.columns}
    years = {k.split(":")[1] for k in info.columns if ":" in k}
    return {"target", "realisasi", "capaian"} <= base and len(years) < 2


def _measurement_summaries(index: TableIndex, infos: list[TableInfo]) -> None:
    """A predicate summary (role 3.5 by its caption or header) that carries the target,
    realisasi and capaian of each indicator, in a report without any other measurement table,
    is the report's measurement table ("Tabel 3.5 Pengukuran Kinerja | Target | Realisasi |
    Capaian | Kriteria"): it is read as Tabel 3.1 (capaian recomputed, averages) whatever its
    number. A summary of capaian and predicate alone, or one with tick columns, stays 3.5.
    A table that holds "Tabel 3.1" only by its caption number and has no column of an
    indicator table ("Tabel 3.1 Kunjungan Wisatawan per Triwulan": Triwulan | Jumlah) does not
    stand in the way: it keeps no role."""
    if "3.5" not in index.by_role:
        return
    if "3.1" in index.by_role:
        numbered = [i for i in infos if i.role == "3.1"]
        if any(i.columns or i.ticks for i in numbered):
            return
        for info in numbered:
            info.role = None
            index.roles.pop(info.block.index, None)
        del index.by_role["3.1"]
    moved: set[int] = set()
    for info in infos:
        if info.role != "3.5":
            continue
        if info.continued_from in moved or (info.continued_from is None and not info.ticks
                                            and _is_measurement(info)):
            moved.add(info.block.index)
            info.role = "3.1"
            index.roles[info.block.index] = "3.1"
    if not moved:
        return
    index.by_role["3.1"] = [b for b in index.by_role["3.5"] if b.index in moved]
    index.by_role["3.5"] = [b for b in index.by_role["3.5"] if b.index not in moved]
    if not index.by_role["3.5"]:
        del index.by_role["3.5"]


# How the document being checked names the table of each role (set by index_tables; the
# checks of one document run after its index is built).
_TABLE_NAMES: ContextVar[dict[str, str]] = ContextVar("table_names", default={})  # noqa: B039


def table_display_name(role: str) -> str:
    """The current document's own name for the table of ``role`` (see
    :meth:`TableIndex.name`)."""
    name = _TABLE_NAMES.get().get(role)
    if name:
        return name
    return {"PK": "Perjanjian Kinerja", "renstra": "Matriks Renstra", "iku": "Tabel IKU"}.get(
        role, f"Tabel {role}")


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", name.lower()).split())


def _mark_copies(index: TableIndex) -> None:
    """A table printed twice (the PK in BAB II and again in the lampiran, a summary table in
    the ikhtisar and Tabel 3.1) is one logical table: the rows of one print are marked
    ``copy`` (left out of counts), each pointing at its ``original``. Names alike word for
    word make the later print the copy; reworded names ("Tindak lanjut rekomendasi" beside
    "Persentase tindak lanjut rekomendasi") need as many rows, each like a distinct row of
    the other print, and mostly the same targets; the captioned print is then kept (else
    the later one, the measurement chapter's)."""
    for rows in index.indicator_rows.values():
        by_block: dict[int, list[IndicatorRow]] = {}
        for r in rows:
            by_block.setdefault(r.table.index, []).append(r)
        seen: dict[str, int] = {}
        first_row: dict[str, IndicatorRow] = {}
        for bi in sorted(by_block):
            info = index.info.get(bi)
            named = [r for r in by_block[bi] if r.kind == "indicator" and r.name]
            names = [_name_key(r.name) for r in named]
            earlier = {seen[n] for n in names if n in seen}
            if len(names) >= 2 and all(n in seen for n in names) and len(earlier) == 1:
                for r in by_block[bi]:
                    r.copy = True
                for r, n in zip(named, names, strict=True):
                    r.original = first_row[n]
                if info is not None:
                    info.copy_of = earlier.pop()
                continue
            for r, n in zip(named, names, strict=True):
                seen.setdefault(n, bi)
                first_row.setdefault(n, r)
        _mark_reworded_copies(index, by_block)


def _reprint_pairs(a: list[IndicatorRow], b: list[IndicatorRow]
                   ) -> list[tuple[IndicatorRow, IndicatorRow]] | None:
    """Rows of ``a`` paired with rows of ``b`` when ``b`` prints ``a``'s indicators again:
    as many rows, each like a distinct row of the other, at least half with the same target."""
    if len(a) != len(b) or len(a) < 2 or len(a) > 40:
        return None
    free = list(b)
    pairs: list[tuple[IndicatorRow, IndicatorRow]] = []
    same_target = with_targets = 0
    least = 1.0
    for r in a:
        best = max(free, key=lambda x: similarity(r.name, x.name))
        sim = similarity(r.name, best.name)
        if sim < 0.5:
            return None
        least = min(least, sim)
        free.remove(best)
        pairs.append((r, best))
        ta, tb = r.values.get("target"), best.values.get("target")
        if ta is not None and tb is not None and ta.num is not None and tb.num is not None:
            with_targets += 1
            same_target += ta.num.value == tb.num.value
    if not with_targets:
        # no targets to compare (an IKU list printed twice): the names alone, closely alike
        return pairs if least >= 0.7 else None
    return pairs if same_target * 2 >= len(a) else None


def _mark_reworded_copies(index: TableIndex, by_block: dict[int, list[IndicatorRow]]) -> None:
    """Two prints of one table whose names are reworded (see :func:`_mark_copies`); only a
    role printed in exactly two tables (more are parts of one long table, or other sets)."""
    blocks = {bi: [r for r in rows if r.kind == "indicator"] for bi, rows in by_block.items()
              if not any(r.copy for r in rows)}
    if len(blocks) != 2:
        return
    (ia, a), (ib, b) = sorted(blocks.items())
    info_a, info_b = index.info.get(ia), index.info.get(ib)
    if info_b is not None and info_b.continued_from == ia:
        return  # one table continued on the next page
    pairs = _reprint_pairs(a, b)
    if pairs is None:
        return
    keep_a = info_a is not None and bool(info_a.number) and not (info_b is not None and info_b.number)
    copy_bi, kept_bi = (ib, ia) if keep_a else (ia, ib)
    for r in by_block[copy_bi]:
        r.copy = True
    for ra, rb in pairs:
        if keep_a:
            rb.original = ra
        else:
            ra.original = rb
    info = index.info.get(copy_bi)
    if info is not None:
        info.copy_of = kept_bi
