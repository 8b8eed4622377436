"""Mutation testing of the checker: inject one typed defect (or several) into a clean drafted
report and see whether the checker reports an issue of the right category at that line.

A drafted BAB III is consistent by construction (the drafter computes every number), so each
mutation below gives one labelled defect. The mutators read the Markdown source directly (pipe
tables, prose lines) and never ask the checker where things are, so a table the checker fails
to understand still yields mutations (and then shows up as missed).

Every mutation is an in-line replacement (no line is added or removed), so line numbers of the
clean draft stay valid and several mutations can be combined.

Used by ``tests/mutation/test_mutation.py`` (a fixed sample) and ``benchmarks/mutation.py``
(1,000 seeded random mutations).
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from drafter.numbers import fmt_num, parse_number, scan_numbers  # noqa: E402

# ---------------------------------------------------------------------------------------------
# data model


@dataclass
class Mutation:
    type: str
    category: str  # the category the checker must report
    line: int  # 1-based line of the Markdown source
    start: int  # character offsets in that line
    end: int
    old: str
    new: str
    related_lines: tuple[int, ...] = ()  # other lines where the issue may rightly be reported
    note: str = ""

    def lines(self) -> set[int]:
        out = {self.line - 1, self.line, self.line + 1}
        out.update(self.related_lines)
        return out

    def describe(self) -> str:
        return f"{self.type} @{self.line}: {self.old!r} -> {self.new!r}"


@dataclass
class MdCell:
    text: str  # stripped cell text (markup kept)
    start: int  # offsets of the stripped text within the line
    end: int

    @property
    def plain(self) -> str:
        return re.sub(r"[*_`]", "", self.text).strip()


@dataclass
class MdRow:
    line: int
    cells: list[MdCell]


@dataclass
class MdTable:
    caption: str
    caption_line: int
    header: list[MdRow]
    rows: list[MdRow]

    def column(self, *words: str, exclude: Sequence[str] = ()) -> int | None:
        """Index of the first column whose (joined) header holds one of ``words``."""
        for i in range(max((len(r.cells) for r in self.header), default=0)):
            head = " ".join(r.cells[i].plain.lower() for r in self.header if i < len(r.cells))
            if any(w in head for w in words) and not any(x in head for x in exclude):
                return i
        return None

    def header_texts(self) -> list[str]:
        n = max((len(r.cells) for r in self.header), default=0)
        return [" ".join(r.cells[i].plain for r in self.header if i < len(r.cells)).strip()
                for i in range(n)]

    @property
    def number(self) -> str | None:
        m = re.search(r"tabel\s+(\d+\.\d+)", self.caption, re.I)
        return m.group(1) if m else None


@dataclass
class Draft:
    name: str
    text: str
    year: int
    instansi: str  # e.g. "Gumukmas" (the kecamatan's own name)
    kabupaten: str
    lines: list[str] = field(default_factory=list)
    tables: list[MdTable] = field(default_factory=list)
    table_lines: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")
        self.tables, self.table_lines = parse_tables(self.lines)

    def prose_lines(self) -> list[int]:
        """1-based numbers of running-text lines (no table, heading, caption or list marker)."""
        out = []
        for i, ln in enumerate(self.lines, start=1):
            s = ln.strip()
            if not s or i in self.table_lines or s.startswith(("#", "|", "Tabel", "Table", ":", "<")):
                continue
            if len(s.split()) < 6:
                continue
            out.append(i)
        return out


# ---------------------------------------------------------------------------------------------
# Markdown pipe tables

_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_CAPTION_RE = re.compile(r"^\W*(tabel|table)\s+\d+\.\d+", re.I)


def split_row(line: str) -> list[MdCell]:
    """Cells of a pipe-table line with their offsets (escaped pipes stay in the cell)."""
    bounds = [i for i, ch in enumerate(line) if ch == "|" and (i == 0 or line[i - 1] != "\\")]
    if not bounds:
        return []
    cells = []
    if line[: bounds[0]].strip():  # row without a leading pipe
        bounds.insert(0, -1)
    if line[bounds[-1] + 1:].strip():
        bounds.append(len(line))
    for a, b in zip(bounds, bounds[1:], strict=False):
        raw = line[a + 1:b]
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        cells.append(MdCell(text, a + 1 + lead, a + 1 + lead + len(text)))
    return cells


def parse_tables(lines: list[str]) -> tuple[list[MdTable], set[int]]:
    tables: list[MdTable] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and "|" in lines[i] and _SEP_RE.match(lines[i + 1]):
            start = i
            header = [MdRow(i + 1, split_row(lines[i]))]
            j = i + 2
            rows = []
            while j < len(lines) and lines[j].strip().startswith("|"):
                rows.append(MdRow(j + 1, split_row(lines[j])))
                j += 1
            caption, cap_line = "", 0
            for k in range(start - 1, max(-1, start - 5), -1):
                if _CAPTION_RE.match(lines[k].strip()):
                    caption, cap_line = lines[k].strip(), k + 1
                    break
            for k in range(j, min(len(lines), j + 3)):  # pandoc "Table: ..." after the table
                if lines[k].strip().startswith(("Table:", ":")) and not caption:
                    caption, cap_line = lines[k].strip(), k + 1
            tables.append(MdTable(caption, cap_line, header, rows))
            used.update(range(start + 1, j + 1))
            i = j
        else:
            i += 1
    return tables, used


# ---------------------------------------------------------------------------------------------
# helpers

_PRED_LABELS = ["Sangat Memuaskan", "Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang",
                "Sangat Kurang"]
_TICKS = ("✓", "√", "✔", "v", "V", "X", "x")
_PRED_RE = re.compile(r"\b(" + "|".join(sorted((re.escape(p) for p in _PRED_LABELS), key=len,
                                               reverse=True)) + r")\b", re.I)


def _num_cell(cell: MdCell) -> tuple[Decimal, bool, int] | None:
    """(value, percent, decimals) of a numeric cell, markup ignored."""
    num = parse_number(cell.plain)
    if num is None or num.malformed:
        return None
    return num.value, num.percent, num.decimals


def _format_like(value: Decimal, like: str, decimals: int) -> str:
    """Write ``value`` as ``like`` was written (percent sign, Rp, bold markers)."""
    body = fmt_num(value, max(decimals, 0))
    plain = re.sub(r"[*_`]", "", like).strip()
    if plain.endswith("%"):
        body += " %" if plain.endswith(" %") else "%"
    if plain.lower().startswith("rp"):
        body = "Rp " + body
    bold = "**" if like.startswith("**") else ""
    return f"{bold}{body}{bold}"


def _shift(value: Decimal, rng: random.Random, *, rel: tuple[float, float] = (0.04, 0.2),
           minimum: Decimal = Decimal("1")) -> Decimal:
    """A clearly different value (a few to twenty percent away, at least ``minimum``)."""
    factor = Decimal(str(round(rng.uniform(*rel), 3)))
    delta = max(abs(value) * factor, minimum)
    return value + delta if rng.random() < 0.5 or value - delta <= 0 else value - delta


def _row_label(row: MdRow) -> str:
    return " ".join(c.plain for c in row.cells if not re.fullmatch(r"[\d.\s]*", c.plain))[:80]


def _mut(draft: Draft, type_: str, category: str, line: int, start: int, end: int, new: str,
         related: Iterable[int] = (), note: str = "") -> Mutation:
    old = draft.lines[line - 1][start:end]
    return Mutation(type_, category, line, start, end, old, new, tuple(sorted(set(related))), note)


# ---------------------------------------------------------------------------------------------
# mutators: each returns the candidate mutations of its type (a list; the caller picks)


def capaian_cell(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Change a capaian cell of an indicator table (target, realisasi and capaian columns)."""
    out = []
    for t in draft.tables:
        cap = t.column("capaian")
        tgt = t.column("target")
        real = t.column("realisasi")
        if cap is None or tgt is None or real is None or cap in (tgt, real):
            continue
        for row in t.rows:
            if len(row.cells) <= max(cap, tgt, real):
                continue
            if _num_cell(row.cells[tgt]) is None or _num_cell(row.cells[real]) is None:
                continue
            parsed = _num_cell(row.cells[cap])
            if parsed is None:
                continue
            value, _pct, dec = parsed
            new_value = _shift(value, rng, minimum=Decimal("2"))
            cell = row.cells[cap]
            new = _format_like(new_value, cell.text, dec)
            out.append(_mut(draft, "capaian_cell", "arithmetic", row.line, cell.start, cell.end, new,
                            note=t.caption))
    return out


# "realisasi ... sebesar N", "terealisasi N", "realisasi N": only words (and years) in between,
# so the number is the realisasi itself and not a later value of the sentence.
_REALISASI_RE = re.compile(
    r"\b(?:realisasi(?:nya)?\b(?P<mid>(?:[^.;:\d]|(?<!\d)(?:19|20)\d\d(?!\d)){0,160}?)"
    r"\b(?:sebesar|adalah|yaitu|sejumlah)|terealisasi(?:\s+sebesar)?|realisasi(?:nya)?)\s+(?=\d)",
    re.I)


def realisasi_text(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Change this year's realisasi value stated in a sentence (the table keeps the true one)."""
    out = []
    for ln in draft.prose_lines():
        line = draft.lines[ln - 1]
        for m in _REALISASI_RE.finditer(line):
            years = re.findall(r"(?:19|20)\d\d", m.group("mid") or "")
            if any(int(y) != draft.year for y in years):
                continue  # another year's realisasi
            nums = [n for n in scan_numbers(line[m.end():m.end() + 40]) if not n.is_year]
            if not nums or nums[0].start != 0:
                continue
            num = nums[0]
            if num.currency:  # budget realisasi: the budget rules' business, not this type
                continue
            s, e = m.end() + num.start, m.end() + num.end
            new_value = _shift(num.value, rng, minimum=Decimal("1"))
            out.append(_mut(draft, "realisasi_text", "claim-vs-table", ln, s, e,
                            _format_like(new_value, num.text, num.decimals)))
    return out


def predicate_swap(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Replace a predicate word in a sentence or a predicate cell by another band's label."""
    out = []
    scale_tables = {id(t) for t in draft.tables if _is_tick_table(t)}
    for ln, line in enumerate(draft.lines, start=1):
        if ln in draft.table_lines:
            t = _table_of(draft, ln)
            if t is None or id(t) in scale_tables:
                continue
            if t.column("interpretasi", "nilai capaian") is not None:
                continue  # the scale's own definition
            col = t.column("predikat", "kategori")
            row = next((r for r in t.rows if r.line == ln), None)
            if col is None or row is None or len(row.cells) <= col:
                continue
            cell = row.cells[col]
            m = _PRED_RE.search(cell.text)
            if m is None:
                continue
            s, e = cell.start + m.start(), cell.start + m.end()
        else:
            if line.strip().startswith(("#", "Tabel", "Table")):
                continue
            m = next((m for m in _PRED_RE.finditer(line) if _predicate_context(line, m)), None)
            if m is None:
                continue
            s, e = m.start(), m.end()
        old = line[s:e]
        idx = next(i for i, p in enumerate(_PRED_LABELS) if p.lower() == old.lower())
        choices = [p for i, p in enumerate(_PRED_LABELS) if abs(i - idx) >= 2]
        new = rng.choice(choices)
        new = new.upper() if old.isupper() else new
        out.append(_mut(draft, "predicate_swap", "predicate", ln, s, e, new))
    return out


def _predicate_context(line: str, m: re.Match[str]) -> bool:
    """A predicate label used as a predicate (not "kurang efisien", "lebih baik", "cukup")."""
    before = line[max(0, m.start() - 40):m.start()].lower()
    after = line[m.end():m.end() + 8]
    if re.match(r"\s*efisien", after, re.I):
        return False
    return bool(re.search(r"(predikat|kategori)\s*(:\s*)?$", before.rstrip() + " ") or
                re.search(r"(predikat|kategori)\s+\S*\s*$", before)
                or re.match(r"\s*\((AA|A|BB|B|CC|C|D)\)", after))


def _is_tick_table(t: MdTable) -> bool:
    heads = [h.lower() for h in t.header_texts()]
    labels = sum(1 for h in heads if any(p.lower() == h.strip() for p in _PRED_LABELS))
    return labels >= 3


def _table_of(draft: Draft, line: int) -> MdTable | None:
    for t in draft.tables:
        lines = [r.line for r in t.header + t.rows]
        if lines and min(lines) <= line <= max(lines):
            return t
    return None


def second_tick(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Tick a second predicate column in a row of the predicate table (Tabel 3.5)."""
    out = []
    for t in draft.tables:
        if not _is_tick_table(t):
            continue
        heads = [h.lower().strip() for h in t.header_texts()]
        pred_cols = [i for i, h in enumerate(heads) if any(p.lower() == h for p in _PRED_LABELS)]
        for row in t.rows:
            ticked = [i for i in pred_cols if i < len(row.cells) and row.cells[i].plain in _TICKS]
            empty = [i for i in pred_cols if i < len(row.cells) and not row.cells[i].plain]
            if len(ticked) != 1 or not empty:
                continue
            tick = row.cells[ticked[0]].plain
            target = rng.choice(empty)
            cell = row.cells[target]
            # an empty cell: write the tick in the middle of its padding
            line = draft.lines[row.line - 1]
            pos = cell.start
            if line[pos - 1:pos] == " " or pos == cell.end:
                pos = cell.start
            out.append(Mutation("second_tick", "predicate", row.line, pos, pos, "", f"{tick}",
                                (), t.caption))
    return out


def _table_values(draft: Draft) -> set[str]:
    """Texts of the numeric cells of all tables (markup removed)."""
    out = set()
    for t in draft.tables:
        for r in t.rows:
            for c in r.cells:
                if _num_cell(c) is not None:
                    out.add(c.plain)
    return out


def year_change(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Turn the report year into the previous year in a sentence that states a figure the
    tables give for the report year (so the wrong year can be told from the tables)."""
    out = []
    year = str(draft.year)
    values = _table_values(draft)
    for ln in draft.prose_lines():
        line = draft.lines[ln - 1]
        stated = [n for n in scan_numbers(line) if not n.is_year and n.text.strip() in values
                  and (n.percent or n.decimals or n.value >= 10)]
        if not stated:
            continue
        for m in re.finditer(rf"\b{year}\b", line):
            before, after = line[max(0, m.start() - 3):m.start()], line[m.end():m.end() + 3]
            if re.search(r"[-–—/]\s*$", before) or re.match(r"^\s*[-–—/]\s*\d", after):
                continue  # a period such as 2021-2026
            if not re.search(r"tahun\s+(anggaran\s+)?$", line[max(0, m.start() - 20):m.start()], re.I):
                continue  # "tahun 2023", not a bare number
            out.append(_mut(draft, "year_change", "year", ln, m.start(), m.end(), str(draft.year - 1)))
    return out


def _insertion_points(draft: Draft, rng: random.Random) -> list[tuple[int, int]]:
    """Word boundaries inside analysis sentences (not at the very start of a line)."""
    out = []
    for ln in draft.prose_lines():
        line = draft.lines[ln - 1]
        spaces = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", line)]
        if len(spaces) >= 4:
            out.append((ln, spaces[len(spaces) // 2]))
    return out


CHOICE_BRACKETS = ("(penurunan/kenaikan)", "(meningkat/menurun)", "(tercapai/tidak tercapai)")
INSTRUCTIONS = ("(jika ada)", "(diisi jika ada)", "(sebutkan)")


def choice_bracket(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Insert an unfilled choice bracket of the template, e.g. "(penurunan/kenaikan)"."""
    return [Mutation("choice_bracket", "leftover", ln, pos, pos, "", " " + rng.choice(CHOICE_BRACKETS))
            for ln, pos in _insertion_points(draft, rng)]


def template_instruction(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Insert a template instruction left in the text, e.g. "(jika ada)"."""
    return [Mutation("template_instruction", "leftover", ln, pos, pos, "", " " + rng.choice(INSTRUCTIONS))
            for ln, pos in _insertion_points(draft, rng)]


def _kecamatan_names(kabupaten: str) -> list[str]:
    """The kecamatan of ``kabupaten`` from the national gazetteer (rules/gazetteer/)."""
    from drafter.check.gazetteer import gazetteer

    gaz = gazetteer()
    regs = gaz.find(kabupaten, 1)
    regs = [r for r in regs if r.kind == "Kabupaten"] or regs
    return [k.name for k in gaz.children(regs[0].code)] if len(regs) == 1 else []


def _other_kecamatan(draft: Draft, rng: random.Random) -> str | None:
    names = [n for n in _kecamatan_names(draft.kabupaten) if n.lower() != draft.instansi.lower()]
    return rng.choice(sorted(names)) if names else None


def foreign_kecamatan(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Paste another kecamatan's name where the report names its own kecamatan."""
    out: list[Mutation] = []
    if not draft.instansi or _other_kecamatan(draft, rng) is None:
        return out  # a kabupaten without gazetteer: the checker cannot know its kecamatan
    pat = re.compile(rf"\bKecamatan\s+({re.escape(draft.instansi)})\b", re.I)
    for ln in draft.prose_lines():
        line = draft.lines[ln - 1]
        for m in pat.finditer(line):
            other = _other_kecamatan(draft, rng)
            assert other is not None
            out.append(_mut(draft, "foreign_kecamatan", "foreign-name", ln, m.start(1), m.end(1), other))
    return out


_SUM_LABEL_RE = re.compile(r"^\W*(program|kegiatan|jumlah|total)\b", re.I)


def budget_row(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Alter one leaf budget row (pagu or realisasi) so its parents/total no longer add up."""
    out = []
    for t in draft.tables:
        pagu = t.column("pagu", "anggaran", exclude=("%", "persen"))
        if pagu is None:
            continue
        label_col = t.column("program", "kegiatan", "uraian")
        sum_lines = [r.line for r in t.rows
                     if label_col is not None and label_col < len(r.cells)
                     and _SUM_LABEL_RE.match(r.cells[label_col].plain)]
        for row in t.rows:
            if label_col is None or len(row.cells) <= max(pagu, label_col):
                continue
            label = row.cells[label_col].plain
            if not re.match(r"^\W*sub\s*kegiatan", label, re.I):
                continue
            parsed = _num_cell(row.cells[pagu])
            if parsed is None or parsed[0] < 1000:
                continue
            value, _pct, _dec = parsed
            step = Decimal(10) ** max(3, len(str(int(value))) - 3)
            delta = step * rng.randint(2, 9)
            new_value = value + delta
            cell = row.cells[pagu]
            out.append(_mut(draft, "budget_row", "arithmetic", row.line, cell.start, cell.end,
                            _format_like(new_value, cell.text, 0), related=sum_lines, note=t.caption))
    return out


_COUNT_RE = re.compile(r"\b(\d{1,2})\s+(indikator|sasaran|program|sub\s+kegiatan|kegiatan)\b", re.I)
_COUNT_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
                "delapan": 8, "sembilan": 9, "sepuluh": 10}
_COUNT_WORD_RE = re.compile(r"\b(" + "|".join(_COUNT_WORDS) + r")\s+(indikator|sasaran|program|kegiatan)\b",
                            re.I)


def true_counts(draft: Draft) -> dict[str, int]:
    """How many programs, kegiatan, sub kegiatan (budget table labels) and indicators (rows of
    the first capaian table) the drafted tables hold."""
    counts: dict[str, int] = {}
    for t in draft.tables:
        label_col = t.column("program", "kegiatan", "uraian")
        if label_col is None or t.column("pagu", "anggaran") is None:
            continue
        labels = [r.cells[label_col].plain.lower() for r in t.rows if label_col < len(r.cells)]
        found = {
            "program": sum(1 for x in labels if re.match(r"program\b", x)),
            "kegiatan": sum(1 for x in labels if re.match(r"kegiatan\b", x)),
            "sub kegiatan": sum(1 for x in labels if re.match(r"sub\s*kegiatan\b", x)),
        }
        if found["program"]:
            counts.update(found)
            break
    for t in draft.tables:
        if t.number == "3.1":
            ind = t.column("indikator")
            rows = [r for r in t.rows if ind is not None and ind < len(r.cells) and r.cells[ind].plain]
            counts["indikator"] = len(rows)
            sas = t.column("sasaran")
            if sas is not None:
                counts["sasaran"] = len({r.cells[sas].plain for r in rows if sas < len(r.cells)
                                         and r.cells[sas].plain})
            break
    return counts


def count_mismatch(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Write a count that disagrees with the tables ("5 indikator" when there are 3). Only
    counts that state the true number of programs, kegiatan, sub kegiatan, sasaran or
    indicators are changed (not "12 kegiatan" meaning twelve events)."""
    out = []
    counts = true_counts(draft)
    for ln in draft.prose_lines():
        line = draft.lines[ln - 1]
        for m in _COUNT_RE.finditer(line):
            n = int(m.group(1))
            noun = re.sub(r"\s+", " ", m.group(2).lower())
            if counts.get(noun) != n:
                continue
            new = str(n + rng.choice([1, 2, 3]) if n < 3 or rng.random() < 0.5 else n - 1)
            out.append(_mut(draft, "count_mismatch", "count", ln, m.start(1), m.end(1), new))
        for m in _COUNT_WORD_RE.finditer(line):
            n = _COUNT_WORDS[m.group(1).lower()]
            if counts.get(m.group(2).lower()) != n:
                continue
            new_n = n + rng.choice([1, 2])
            word = next(w for w, v in _COUNT_WORDS.items() if v == new_n) if new_n <= 10 else str(new_n)
            out.append(_mut(draft, "count_mismatch", "count", ln, m.start(1), m.end(1), word))
    return out


_TERBILANG_RE = re.compile(r"\(([a-z ]+?\s)?rupiah\)", re.I)
_SWAPS = {"satu": "dua", "dua": "tiga", "tiga": "empat", "empat": "lima", "lima": "enam",
          "enam": "tujuh", "tujuh": "delapan", "delapan": "sembilan", "sembilan": "dua",
          "sepuluh": "sebelas", "sebelas": "sepuluh", "seratus": "dua ratus",
          "seribu": "dua ribu", "sejuta": "dua juta"}


def terbilang_words(draft: Draft, rng: random.Random) -> list[Mutation]:
    """Change one word of an amount written in words, e.g. "(... tiga juta ... rupiah)"."""
    out = []
    for ln in draft.prose_lines():
        line = draft.lines[ln - 1]
        for m in _TERBILANG_RE.finditer(line):
            words = list(re.finditer(r"[a-zA-Z]+", m.group(0)))
            cands = [w for w in words if w.group(0).lower() in _SWAPS]
            if not cands:
                continue
            w = rng.choice(cands)
            s, e = m.start() + w.start(), m.start() + w.end()
            old = w.group(0)
            new = _SWAPS[old.lower()]
            new = new.capitalize() if old[0].isupper() else new
            out.append(_mut(draft, "terbilang_words", "terbilang", ln, s, e, new))
    return out


MUTATORS: dict[str, Callable[[Draft, random.Random], list[Mutation]]] = {
    "capaian_cell": capaian_cell,
    "realisasi_text": realisasi_text,
    "predicate_swap": predicate_swap,
    "second_tick": second_tick,
    "year_change": year_change,
    "choice_bracket": choice_bracket,
    "template_instruction": template_instruction,
    "foreign_kecamatan": foreign_kecamatan,
    "budget_row": budget_row,
    "count_mismatch": count_mismatch,
    "terbilang_words": terbilang_words,
}
CATEGORY = {
    "capaian_cell": "arithmetic", "realisasi_text": "claim-vs-table", "predicate_swap": "predicate",
    "second_tick": "predicate", "year_change": "year", "choice_bracket": "leftover",
    "template_instruction": "leftover", "foreign_kecamatan": "foreign-name",
    "budget_row": "arithmetic", "count_mismatch": "count", "terbilang_words": "terbilang",
}


def candidates(draft: Draft, type_: str, rng: random.Random) -> list[Mutation]:
    return MUTATORS[type_](draft, rng)


def apply(draft: Draft, mutations: Sequence[Mutation]) -> str:
    """The draft's text with ``mutations`` applied (at most one per line)."""
    lines = list(draft.lines)
    by_line: dict[int, list[Mutation]] = {}
    for m in mutations:
        by_line.setdefault(m.line, []).append(m)
    for ln, muts in by_line.items():
        text = lines[ln - 1]
        for m in sorted(muts, key=lambda m: m.start, reverse=True):
            assert text[m.start:m.end] == m.old, (m, text[m.start:m.end])
            text = text[: m.start] + m.new + text[m.end:]
        lines[ln - 1] = text
    return "\n".join(lines)


def pick(draft: Draft, type_: str, rng: random.Random, avoid_lines: set[int] = frozenset()
         ) -> Mutation | None:
    cands = [m for m in candidates(draft, type_, rng) if m.lines().isdisjoint(avoid_lines)]
    return rng.choice(cands) if cands else None


def combination(draft: Draft, rng: random.Random, k: int, types: Sequence[str] | None = None
                ) -> list[Mutation]:
    """``k`` mutations of different types on lines far enough apart to be told apart."""
    types = list(types or MUTATORS)
    rng.shuffle(types)
    chosen: list[Mutation] = []
    used: set[int] = set()
    for t in types:
        if len(chosen) == k:
            break
        m = pick(draft, t, rng, used)
        if m is None:
            continue
        chosen.append(m)
        used |= {m.line - 2, m.line - 1, m.line, m.line + 1, m.line + 2} | set(m.related_lines)
    return chosen


# ---------------------------------------------------------------------------------------------
# running the checker


@dataclass
class Found:
    rule: str
    category: str
    line: int
    message: str


def check_markdown(text: str, name: str = "draf.md") -> list[Found]:
    from drafter.check.runner import check_document
    from drafter.document.readers import parse_text

    doc = parse_text(text, name, markdown=True)
    issues, _ = check_document(doc)
    return [Found(i.rule, i.category, i.location.line, i.message) for i in issues]


def check_file(path: Path) -> list[Found]:
    from drafter.check.runner import check_document
    from drafter.document.readers import read_document

    doc = read_document(path)
    issues, _ = check_document(doc)
    return [Found(i.rule, i.category, i.location.line, i.message) for i in issues]


def detected(m: Mutation, found: Sequence[Found], clean: Sequence[Found] = (),
             lines: set[int] | None = None) -> bool:
    """An issue of the mutation's category at its line (+-1) or a related line, not already
    reported on the clean draft."""
    base = {(f.rule, f.line, f.message) for f in clean}
    want = lines if lines is not None else m.lines()
    return any(f.category == m.category and f.line in want and (f.rule, f.line, f.message) not in base
               for f in found)


# ---------------------------------------------------------------------------------------------
# drafts: `lkip draft examples/X.yaml -o X.md`, and DOCX through pandoc


def draft_examples(out_dir: Path, examples: Sequence[Path] | None = None) -> list[Draft]:
    """Draft every example figures file with the real CLI and load the Markdown."""
    from drafter.figures import load_figures

    examples = sorted(examples if examples is not None else (ROOT / "examples").glob("*.yaml"))
    drafts = []
    for ex in examples:
        out = out_dir / f"{ex.stem}.md"
        proc = subprocess.run([sys.executable, "-m", "drafter.cli", "draft", str(ex), "-o", str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
        if proc.returncode != 0:
            raise RuntimeError(f"lkip draft {ex.name} failed: {proc.stderr.strip()[-500:]}")
        fig = load_figures(ex)
        own = re.sub(r"^\s*kecamatan\s+", "", fig.instansi.nama, flags=re.I).strip()
        drafts.append(Draft(ex.stem, out.read_text("utf-8"), fig.tahun, own, fig.instansi.kabupaten))
    return drafts


def draft_from_markdown(path: Path) -> Draft:
    """A clean Markdown draft read from disk; year, kecamatan and kabupaten taken from its text."""
    text = path.read_text("utf-8")
    year = re.search(r"\btahun\s+(?:anggaran\s+)?(20\d\d)\b", text, re.I)
    kec = re.search(r"\bKecamatan\s+([A-Z][a-z]+)", text)
    kab = re.search(r"\bKabupaten\s+([A-Z][a-z]+)", text)
    return Draft(path.stem, text, int(year.group(1)) if year else 2023, kec.group(1) if kec else "",
                 kab.group(1) if kab else "")


def to_docx(markdown: str, out: Path) -> Path:
    """Markdown -> DOCX with pandoc (pypandoc's bundled binary)."""
    import pypandoc

    pypandoc.convert_text(markdown, "docx", format="markdown", outputfile=str(out))
    return out


def docx_lines(clean_docx: Path, mutated_docx: Path, mutations: Sequence[Mutation],
               draft: Draft) -> dict[int, set[int]]:
    """For each mutation (by index), the DOCX 'lines' (paragraph numbers) where it landed and
    the paragraphs of its related Markdown lines (matched by text)."""
    from drafter.document.readers import read_document

    a = list(read_document(clean_docx).text_units())
    b = list(read_document(mutated_docx).text_units())
    changed = [(ua, ub) for ua, ub in zip(a, b, strict=False) if ua.text != ub.text]
    out: dict[int, set[int]] = {}
    for i, m in enumerate(mutations):
        lines: set[int] = set()
        probe = m.new.strip() or m.old.strip()
        for ua, ub in changed:
            if probe and probe.replace("*", "") in ub.text and ub.text.count(probe.replace("*", "")) > \
                    ua.text.count(probe.replace("*", "")):
                lines.add(ub.locate().line)
        if not lines:
            lines = {ub.locate().line for _ua, ub in changed}
        # related rows: paragraphs/cells whose text equals a cell of the related Markdown rows
        for rl in m.related_lines:
            cells = {c.plain for c in split_row(draft.lines[rl - 1]) if c.plain}
            for u in b:
                if u.text.strip() in cells and len(u.text.strip()) > 3:
                    lines.add(u.locate().line)
        out[i] = {x + d for x in lines for d in (-1, 0, 1)}
    return out


def tmpdir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="lkip-mutation-")
