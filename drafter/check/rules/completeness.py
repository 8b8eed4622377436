"""Completeness (PermenPAN-RB 53/2014): every sasaran analysed in every required way, and the
realisasi anggaran reported. The rules are opt-in (``lkip check --select CM``): a gap is a
matter for the evaluator's checklist, not an error in the text.

Text is attributed to a sasaran by structure, not by wording: a short line that opens a
sasaran ("Sasaran Strategis 2: ...", "SASARAN 2", "Sasaran ke-2") makes the following text
belong to it until the next heading; a sentence that names one sasaran by number belongs to that
sasaran wherever it stands. Each required analysis is recognised by the words of its sentences
(``rules/completeness.yaml``), with the sasaran names removed so that a name such as
"Meningkatnya Efisiensi ..." never counts as an analysis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import is_toc_line
from drafter.document.model import Block, Document, Location
from drafter.document.structure import is_titled_section
from drafter.resources import load_yaml
from drafter.text.layer import analyze

_CHAPTER = re.compile(r"^\W*BAB\s+([IVX]+)\b", re.IGNORECASE)
_SUMMARY = re.compile(r"^\W*(?:ikhtisar|ringkasan)\s+eksekutif\b", re.IGNORECASE)


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("rules", "completeness.yaml")
    return data


@dataclass
class _Analysis:
    key: str
    label: str
    all: list[re.Pattern[str]]
    any: list[re.Pattern[str]]
    none: list[re.Pattern[str]]

    def found_in(self, sentence: str) -> bool:
        if any(p.search(sentence) for p in self.none):
            return False
        if self.all and not all(p.search(sentence) for p in self.all):
            return False
        return not self.any or any(p.search(sentence) for p in self.any)


def _analyses(year: int | None) -> list[_Analysis]:
    prev = ("(?:" + "|".join(str(y) for y in range(year - 10, year)) + ")" if year
            else r"(?:19|20)\d\d")

    def comp(items: list[str] | None) -> list[re.Pattern[str]]:
        return [re.compile(p.replace("{prev}", prev), re.IGNORECASE) for p in items or []]

    return [_Analysis(a["key"], a["label"], comp(a.get("all")), comp(a.get("any")),
                      comp(a.get("none"))) for a in _data()["analyses"]]


@dataclass
class _Sasaran:
    no: int
    head: Block
    name: str
    sentences: list[str] = field(default_factory=list)
    spots: list[tuple[Block, int]] = field(default_factory=list)  # where each sentence starts


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, clause) of every clause of ``text``: the text layer's sentences, further split
    after a colon (:attr:`drafter.text.layer.UnitText.clauses`)."""
    return [(s, text[s:e]) for s, e in analyze(text).clauses]


def _is_head_like(b: Block, text: str) -> bool:
    return b.kind == "heading" or (len(text) <= 250 and not text.endswith((".", ";", ",")))


def _is_section_break(b: Block, text: str) -> bool:
    return b.kind == "heading" or bool(_CHAPTER.match(text)) or is_titled_section(text)


def collect_sasaran(ctx: CheckContext) -> dict[int, _Sasaran]:
    """Sasaran opened by a heading-like line, with the sentences attributed to each."""
    head_re = re.compile(_data()["sasaran_head"], re.IGNORECASE)
    mention_re = re.compile(_data()["sasaran_mention"], re.IGNORECASE)
    indicator_re = re.compile(_data()["indicator_head"], re.IGNORECASE)
    found: dict[int, _Sasaran] = {}
    pending: list[tuple[int | None, str, Block, int]] = []
    current: int | None = None
    # sasaran are analysed in BAB III (or a document without chapters); the Ikhtisar and the
    # other chapters only list them
    in_bab3 = True
    for b in ctx.document.blocks:
        if b.is_table:
            continue
        text = b.text.strip()
        if not text:
            continue
        if len(text) <= 200 and not is_toc_line(text):
            chapter = _CHAPTER.match(text)
            if chapter:
                in_bab3 = chapter.group(1).upper() == "III"
            elif _SUMMARY.match(text):
                in_bab3 = False
        m = head_re.match(text)
        if m and in_bab3 and _is_head_like(b, text):
            current = int(m.group(1))
            name = text[m.end():].strip(" :.-–*_")
            if current not in found:
                found[current] = _Sasaran(current, b, name)
            continue
        if current is not None and indicator_re.match(text) and _is_head_like(b, text):
            continue  # an indicator of the current sasaran ("Indikator : IKM")
        if _is_section_break(b, text):
            current = None
            continue
        # a sentence naming no sasaran belongs to the one its paragraph named last
        block_owner = current
        lead = len(b.text) - len(b.text.lstrip())
        for offset, sentence in _sentences(text):
            nos = {int(x) for x in mention_re.findall(sentence)}
            owner = nos.pop() if len(nos) == 1 else block_owner if not nos else None
            if nos or owner is not None:
                block_owner = owner
            if owner is not None:
                pending.append((owner, sentence, b, lead + offset))
    names = sorted((s.name for s in found.values() if len(s.name) >= 8), key=len, reverse=True)
    for owner, sentence, block, offset in pending:
        s = found.get(owner) if owner is not None else None
        if s is None:
            continue
        low = sentence
        for name in names:
            if name in low:
                low = low.replace(name, " ")
        s.sentences.append(low)
        s.spots.append((block, offset))
    return found


# ------------------------------------------------------------------ the checklist
ANGGARAN_KEY = "realisasi_anggaran"


@dataclass(frozen=True)
class ChecklistRow:
    """One sasaran of the checklist: for each analysis key, the places that give it (the first
    is shown; empty: the analysis is missing)."""

    no: int
    name: str
    head: Location
    cells: dict[str, tuple[Location, ...]]


@dataclass(frozen=True)
class Checklist:
    """Sasaran x analysis (PermenPAN-RB 53/2014), with the realisasi anggaran of the report as
    the last column. Built once per check by CM101 and carried to the HTML and spreadsheet
    reports (:func:`checklist_of`)."""

    columns: tuple[tuple[str, str, str], ...]  # (key, Indonesian label, English label)
    rows: tuple[ChecklistRow, ...]
    anggaran: Location | None

    def cell(self, row: ChecklistRow, key: str) -> tuple[Location, ...]:
        if key == ANGGARAN_KEY:
            return (self.anggaran,) if self.anggaran is not None else ()
        return row.cells.get(key, ())

    def label(self, key: str, lang: str = "id") -> str:
        for k, ind, eng in self.columns:
            if k == key:
                return eng if lang == "en" else ind
        return key


def place_text(loc: Location, lang: str = "id") -> str:
    """Where a checklist mark points, as the reports name places."""
    en = lang == "en"
    extra = loc.extra or {}
    if "page" in extra:
        where = (f"page {extra['page']}, line {extra.get('line', loc.line)}" if en
                 else f"hal. {extra['page']}, baris {extra.get('line', loc.line)}")
    elif "paragraph" in extra:
        where = f"{'paragraph' if en else 'paragraf'} {extra['paragraph']}"
    else:
        where = f"{'line' if en else 'baris'} {loc.line}"
    return where


def _located(ctx: CheckContext, unit: Block, start: int) -> Location:
    loc = unit.locate(start, start)
    paged = getattr(ctx.document, "page_location", None)  # PDF: page and line on the page
    if paged is not None:
        probe = Issue("CM101", "completeness", "info", "", loc, "")
        loc = paged(probe).location
    return loc


def _anggaran_spot(ctx: CheckContext) -> tuple[Block, int] | None:
    real_re = re.compile(_data()["realisasi_anggaran"], re.IGNORECASE)
    amount_re = re.compile(_data()["anggaran_amount"], re.IGNORECASE)
    for b in ctx.document.blocks:  # a heading or caption first (the section of the report)
        if not b.is_table and b.kind in ("heading", "caption") and real_re.search(b.text):
            return b, 0
    for b in ctx.document.blocks:
        if b.is_table:
            continue
        lead = len(b.text) - len(b.text.lstrip())
        for offset, sentence in _sentences(b.text.strip()):
            if real_re.search(sentence) and amount_re.search(sentence):
                return b, lead + offset
    return None


def _program_part(ctx: CheckContext, no: int, name: str) -> Location | None:
    """Where a program table lists the programs of sasaran ``no`` (its part headed by the
    sasaran's name), or None."""
    from drafter.check.fuzzy import similarity

    for br in ctx.tables.budget("3.6"):
        if not br.sasaran or br.level not in ("program", "kegiatan", "sub_kegiatan"):
            continue
        label = re.sub(r"^\W*sasaran(?:\s+strategis)?\s*(\d+)?\s*[:.)-]?\s*", "", br.sasaran,
                       flags=re.IGNORECASE)
        numbered = re.match(r"^\W*sasaran(?:\s+strategis)?\s*(\d+)", br.sasaran, re.IGNORECASE)
        if (numbered and int(numbered.group(1)) == no) or (
                len(label) >= 8 and len(name) >= 8 and similarity(label.lower(), name.lower()) >= 0.8):
            unit = br.name_cell if br.name_cell is not None else br.table
            return _located(ctx, unit, 0)  # type: ignore[arg-type]
    return None


_LAST: list[tuple[Document, Checklist | None]] = []  # the checklist of the last document


def build_checklist(ctx: CheckContext) -> Checklist | None:
    """The checklist of the document of ``ctx`` (None when no sasaran is opened by its own
    line); computed once per document."""
    if _LAST and _LAST[0][0] is ctx.document:
        return _LAST[0][1]
    found = collect_sasaran(ctx)
    result: Checklist | None = None
    if found:
        analyses = _analyses(ctx.info.year)
        columns = tuple((a["key"], a["short"]["id"], a["short"]["en"])
                        for a in _data()["analyses"])
        ang = _data()["realisasi_anggaran_short"]
        columns += ((ANGGARAN_KEY, ang["id"], ang["en"]),)
        rows = []
        for no in sorted(found):
            s = found[no]
            cells: dict[str, tuple[Location, ...]] = {}
            for a in analyses:
                cells[a.key] = tuple(_located(ctx, b, off) for sentence, (b, off)
                                     in zip(s.sentences, s.spots, strict=True)
                                     if a.found_in(sentence))
            rows.append(ChecklistRow(no, s.name, _located(ctx, s.head, 0), cells))
        if not any(r.cells.get("program") for r in rows):
            # a report that gives the supporting programs only as table parts under each
            # sasaran (Tabel 3.6 "Sasaran Strategis 1 : ..." with its programs and kegiatan);
            # where the report analyses programs in prose, a sasaran without it has a gap
            for r in rows:
                part = _program_part(ctx, r.no, r.name)
                if part is not None:
                    r.cells["program"] = (part,)
        spot = _anggaran_spot(ctx)
        result = Checklist(columns, tuple(rows),
                           _located(ctx, spot[0], spot[1]) if spot is not None else None)
    _LAST[:] = [(ctx.document, result)]
    return result


def checklist_of(doc: Document) -> Checklist | None:
    """The checklist built while ``doc`` was checked with the completeness rules selected
    (``--select CM``); None otherwise."""
    if _LAST and _LAST[0][0] is doc:
        return _LAST[0][1]
    return None


def render_checklist_text(checklist: Checklist, lang: str = "id") -> str:
    """The checklist as a plain-text table (one line per sasaran)."""
    keys = [k for k, _i, _e in checklist.columns]
    head = ["Sasaran"] + [checklist.label(k, lang) for k in keys]
    lines = [" | ".join(head)]
    for row in checklist.rows:
        cells = [f"{row.no}. {row.name}"[:60]]
        for k in keys:
            locs = checklist.cell(row, k)
            cells.append(f"\u2713 {place_text(locs[0], lang)}" if locs else "\u2717")
        lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


@register
class MissingSasaranAnalysis(Rule):
    """A sasaran without one of the analyses PermenPAN-RB 53/2014 requires: target against
    realisasi, against earlier years, against the medium-term (Renstra) target, against
    national/regional figures or standards (or a note that none exist), causes of success or
    failure with alternative solutions, efficiency of the resources used, and the programs and
    activities that supported it.

    The LKIP is evaluated per sasaran; an analysis missing for one sasaran is a gap the
    evaluator marks down. The text of a sasaran is found by structure (the line that opens it,
    the sentences that name it by number), and each analysis by its words, so any layout and
    wording is recognised. Only documents that open sasaran with their own lines are checked.
    """

    code = "CM101"
    name = "missing-sasaran-analysis"
    category = "completeness"
    severity = "warning"
    default_enabled = False  # opt-in: lkip check --select CM (or "completeness")

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        found = collect_sasaran(ctx)
        checklist = build_checklist(ctx)
        if not found or checklist is None:
            return
        analyses = _analyses(ctx.info.year)
        for row in checklist.rows:
            s = found[row.no]
            no = row.no
            for a in analyses:
                if checklist.cell(row, a.key):
                    continue
                named = f" ({s.name})" if s.name else ""
                yield self.issue(
                    s.head, 0, len(s.head.text),
                    f"Sasaran Strategis {no}{named}: {a.label} tidak ditemukan; tambahkan "
                    "uraiannya untuk sasaran ini",
                    expected=a.label)


@register
class MissingRealisasiAnggaran(Rule):
    """A report that analyses its sasaran but never states its realisasi anggaran (the budget
    and how much of it was spent).

    PermenPAN-RB 53/2014 asks every LKIP to report the realisasi anggaran used to reach the
    performance stated; without it the efficiency of the sasaran cannot be judged. Recognised
    by a heading or table caption naming the realisasi or serapan anggaran, or a sentence that
    names it together with an amount.
    """

    code = "CM102"
    name = "missing-realisasi-anggaran"
    category = "completeness"
    severity = "warning"
    default_enabled = False  # opt-in: lkip check --select CM (or "completeness")

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        found = collect_sasaran(ctx)
        if not found or _anggaran_spot(ctx) is not None:
            return
        first = found[min(found)].head
        yield self.issue(first, 0, len(first.text),
                         "realisasi anggaran tidak ditemukan; sajikan pagu, realisasi dan "
                         "serapan anggaran tahun ini",
                         expected="uraian realisasi anggaran")


@register
class MissingReportPart(Rule):
    """A whole report (one that has its BAB I) without one of the parts PermenPAN-RB 53/2014
    lists: the Ikhtisar Eksekutif, BAB II, BAB III, BAB IV and the Perjanjian Kinerja attached.

    The evaluator reads the report as a whole; a missing Ikhtisar or a missing PK attachment is
    marked down whatever the quality of BAB III. A part is recognised by a line that names it
    (not a table-of-contents entry); a document without BAB I, such as a BAB III drafted alone,
    is not checked.
    """

    code = "CM103"
    name = "missing-report-part"
    category = "completeness"
    severity = "warning"
    default_enabled = False  # opt-in: lkip check --select CM (or "completeness")

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        whole = re.compile(_data()["whole_report"], re.IGNORECASE)
        parts = [(p["label"], re.compile(p["pattern"], re.IGNORECASE), bool(p.get("attachment")))
                 for p in _data()["parts"]]
        lines: list[Block] = []
        for b in ctx.document.blocks:
            text = b.text.strip()
            if b.is_table or not text or len(text) > 200 or is_toc_line(text):
                continue
            lines.append(b)
        bab1 = next((b for b in lines if whole.match(b.text.strip())), None)
        if bab1 is None:
            return
        last_chapter = max((i for i, b in enumerate(lines) if _CHAPTER.match(b.text.strip())),
                           default=0)
        for label, pattern, attachment in parts:
            scope = lines[last_chapter:] if attachment else lines
            if any(pattern.search(b.text.strip()) for b in scope):
                continue
            yield self.issue(bab1, 0, len(bab1.text),
                             f"bagian laporan tidak ditemukan: {label}; lengkapi laporan dengan "
                             "bagian tersebut",
                             expected=label)
