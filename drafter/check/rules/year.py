"""Year rules: years that do not fit the report year in their context.

Data (patterns, comparison words) live in rules/years.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import per_document, sentence, sentence_bounds, units
from drafter.document.model import Cell, Document, Row, TextUnit
from drafter.numbers import parse_number, scan_numbers
from drafter.resources import load_yaml
from drafter.text import words
from drafter.text.prefilter import filtered_finditer

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}


def _data() -> dict[str, Any]:
    return load_yaml("rules", "years.yaml") or {}


@dataclass(frozen=True)
class _YearPattern:
    regex: re.Pattern[str]
    what: str
    prose_only: bool
    closing_only: bool
    requires: re.Pattern[str] | None
    heading_only: bool
    alone: bool = False  # skipped when the sentence also names the report year (a comparison)
    plan: re.Pattern[str] | None = None  # the words of a plan for this phrase (else the general ones)


@lru_cache(maxsize=4)
def _patterns(key: str) -> tuple[_YearPattern, ...]:
    return tuple(
        _YearPattern(re.compile(p["regex"], re.IGNORECASE), p.get("what", ""),
                     bool(p.get("prose_only")), bool(p.get("closing_only")),
                     re.compile(p["requires"], re.IGNORECASE) if p.get("requires") else None,
                     bool(p.get("heading_only")), bool(p.get("alone")),
                     re.compile(p["plan_words"], re.IGNORECASE) if p.get("plan_words") else None)
        for p in _data().get(key) or []
    )


@lru_cache(maxsize=1)
def _comparison_re() -> re.Pattern[str]:
    words = sorted(_data().get("comparison_words") or [], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)",
                      re.IGNORECASE)


_AFTER_RE = re.compile(r"^\W{0,3}(?:sebelumnya|lalu|yang\s+lalu|lebih\s+\w+)\b", re.IGNORECASE)
# compiled once (asked about every unit or block): a digit before a word (a date may be there),
# "Demikian ..." closing a report, a chapter heading
_DIGIT_WORD_RE = re.compile(r"\d\s+[A-Za-z]")
_DEMIKIAN_RE = re.compile(r"^\W*demikian\b", re.IGNORECASE)
_BAB_RE = re.compile(r"^[\s#*_]*BAB\s+[IVX]+\b")


def _looks_back(text: str, start: int, end: int | None = None) -> bool:
    b, _ = sentence_bounds(text, start)
    if _comparison_re().search(text[b:start]):
        return True
    return end is not None and bool(_AFTER_RE.search(text[end:end + 30]))


def _heading_like(text: str, kind: str) -> bool:
    """A heading, a caption, a table-of-contents entry or a Lampiran list line."""
    t = text.strip()
    if kind == "heading" or kind == "caption":
        return True
    if len(t) > 120:
        return False
    letters = [c for c in t if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.7
    return upper or bool(re.match(r"^\W*lampiran\b", t, re.IGNORECASE)) or "...." in t


def _closing_blocks(ctx: CheckContext) -> set[int]:
    """Indexes of blocks in the closing chapter (the highest BAB, or after a PENUTUP heading)."""
    ctx.info  # noqa: B018 - assigns chapters
    doc = ctx.document
    nums = [_ROMAN.get(b.chapter.split()[-1], 0) for b in doc.blocks if b.chapter]
    last = max(nums, default=0)
    heads = [h.lower() for h in _data().get("closing_headings") or []]
    out: set[int] = set()
    for b in doc.blocks:
        if b.chapter and _ROMAN.get(b.chapter.split()[-1], 0) == last and last >= 4:
            out.add(b.index)
    # also blocks after a closing heading inside an unnumbered document
    started = False
    for b in doc.blocks:
        t = b.text.strip().strip("#* ").lower()
        if b.kind != "table" and len(t) < 60 and any(t.endswith(h) or t == h for h in heads):
            started = True
        if started:
            out.add(b.index)
        # "Demikian laporan ini ..." closes an Indonesian report wherever it stands
        if b.kind != "table" and _DEMIKIAN_RE.match(b.text):
            out.add(b.index)
    return out



def _wrapped_lines(ctx: CheckContext) -> dict[int, Any]:
    """Block index -> the joined paragraph, for every line of a hard-wrapped paragraph (text
    extracted from PDF, one block per line): a phrase may run over two lines, and the
    sentence around it is the whole paragraph's."""
    from drafter.check.claims_parse import logical_blocks

    blocks = ctx.document.blocks
    out: dict[int, Any] = {}
    for para in logical_blocks(ctx):
        if para.kind == "table" or para is blocks[para.index] or not para.segments:
            continue
        lines = {line for _, line, _ in para.segments}
        k = para.index
        while k < len(blocks) and blocks[k].segments and blocks[k].segments[0][1] in lines:
            out[k] = para
            k += 1
    return out


@register
class ReportYearMismatch(Rule):
    """Phrases that describe this report's own period with another year: "Tahun Anggaran
    2022", "DPA 2022", "Laporan Kinerja ... tahun 2022", "KERANGKA PENGUKURAN KINERJA TAHUN
    2022" (also in the table of contents) in a report for 2023.

    A report copied from last year's report keeps last year's years in places; they misstate
    the period the report accounts for. Comparisons with an earlier year ("dibandingkan",
    "tahun lalu", "sebelumnya" in the same sentence) are not reported. Also results of a year
    after the report year stated as obtained ("opini WTP atas LKPD Tahun Anggaran 2025" in a
    2024 report: that year is not closed or audited yet), except in plans and targets.
    Patterns: rules/years.yaml (self_patterns, future_patterns).
    """

    code = "YR101"
    name = "report-year-mismatch"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        if year is None:
            return
        pats = _patterns("self_patterns")
        closing = _closing_blocks(ctx)
        wrapped = _wrapped_lines(ctx)
        for unit, block, live in ctx.text.scan([p.regex for p in pats]):  # units a match can be in
            if block.index in wrapped:
                continue  # a line of a hard-wrapped paragraph: read with its other lines below
            yield from self._own(unit, block, [pats[i] for i in live], year, closing)
            yield from self._future(unit, block, year)
        for para in {id(b): b for b in wrapped.values()}.values():
            yield from self._own(para, para, list(pats), year, closing)
            yield from self._future(para, para, year)

    def _own(self, unit: TextUnit, block: Any, pats: list[_YearPattern], year: int,
             closing: set[int]) -> Iterable[Issue]:
        """Phrases of this report's own period in ``unit`` with another year."""
        plan = re.compile(_data().get("future_skip_sentence") or r"(?!)", re.IGNORECASE)
        seen: set[int] = set()
        for p in pats:
            if p.prose_only and block.kind == "table":
                continue
            if p.heading_only and not _heading_like(unit.text, block.kind):
                continue
            for m in filtered_finditer(p.regex, unit.text):
                y = int(m.group("y"))
                if not (year - 3 <= y <= year + 1) or y == year \
                        or _looks_back(unit.text, m.start(), m.end()):
                    continue
                # next year's budget or PK is named only in plans (the closing chapter, a
                # sentence about what will be done); elsewhere it is this year's
                if y > year and (block.index in closing or (p.plan or plan).search(
                        sentence(unit.text, m.start(), m.end()))):
                    continue
                s, e = m.span("y")
                if s in seen:
                    continue
                if p.alone and re.search(rf"\b{year}\b", sentence(unit.text, m.start(), m.end())):
                    continue
                if p.requires is not None and len(unit.text) >= 80:
                    b0, e0 = sentence_bounds(unit.text, m.start(), m.end())
                    if not p.requires.search(unit.text[b0:e0]):
                        continue
                seen.add(s)
                start = m.start()
                if e - start > 45:  # point at the tail: "... pada tahun 2022"
                    tail = re.search(r"\S+\s+$", unit.text[start:s])
                    start = s - len(tail.group(0)) if tail else s
                phrase = " ".join(unit.text[start:e].split())
                yield self.issue(
                    unit, start, e,
                    f"{p.what} tertulis {y}, padahal laporan ini untuk tahun {year}: "
                    f"\"{phrase}\" seharusnya memakai tahun {year}",
                    expected=phrase[:len(phrase) - 4] + str(year),
                )

    def _future(self, unit: TextUnit, block: Any, year: int) -> Iterable[Issue]:
        """Results of a year after the report year stated as already obtained."""
        skip = re.compile(_data().get("future_skip_sentence") or r"(?!)", re.IGNORECASE)
        if block.kind == "table":
            return
        for p, skippable in [*((q, True) for q in _patterns("future_patterns")),
                             *((q, False) for q in _patterns("future_compare_patterns"))]:
            for m in filtered_finditer(p.regex, unit.text):
                y = int(m.group("y"))
                if not year < y <= year + 3:
                    continue
                b0, e0 = sentence_bounds(unit.text, m.start(), m.end())
                if skippable and skip.search(unit.text[b0:e0]):
                    continue
                s, e = m.span("y")
                yield self.issue(
                    unit, s, e,
                    f"{p.what} tertulis {y}, padahal laporan ini untuk tahun {year} dan tahun {y} "
                    f"belum selesai/belum diperiksa; yang mungkin paling akhir adalah tahun {year - 1} "
                    f"atau {year}",
                    expected=str(year - 1),
                )


@register
class PlanYear(Rule):
    """Plans and recommendations that target the report year or earlier instead of the next
    year: "penyusunan rencana kegiatan tahun 2023", "pada tahun 2023 dan tahun-tahun
    berikutnya", "direkomendasikan ... pada tahun 2023" in the closing chapter of a 2023
    report.

    The closing chapter of an LKIP draws lessons for the following year; a plan for the year
    already reported is a copy-paste remnant from last year's report. Patterns:
    rules/years.yaml (plan_patterns).
    """

    code = "YR102"
    name = "plan-year"
    category = "year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        if year is None:
            return
        closing = _closing_blocks(ctx)
        skip = re.compile(_data().get("plan_skip_sentence") or r"(?!)", re.IGNORECASE)
        pats = _patterns("plan_patterns")
        for unit, block, live in ctx.text.scan([p.regex for p in pats]):  # units a match can be in
            if block.kind == "table":
                continue
            seen: set[int] = set()
            for p in (pats[i] for i in live):
                if p.closing_only and block.index not in closing:
                    continue
                for m in p.regex.finditer(unit.text):
                    y = int(m.group("y"))
                    if y > year or y < year - 1 or m.start("y") in seen:
                        continue
                    b0, e0 = sentence_bounds(unit.text, m.start(), m.end())
                    if skip.search(unit.text[b0:e0]):
                        continue
                    seen.add(m.start("y"))
                    s, e = m.span("y")
                    yield self.issue(
                        unit, s, e,
                        f"rencana/rekomendasi diarahkan ke tahun {y}, padahal laporan ini untuk "
                        f"tahun {year}: rencana ke depan seharusnya untuk tahun {year + 1}",
                        expected=str(year + 1),
                    )


_RANGE_RE = re.compile(r"(?<!\d)(?<!\d[.,])((?:19|20)\d\d)\s*(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?)\s*"
                       r"(?:tahun\s+)?((?:19|20)\d\d)(?!\d|[.,]\d)", re.IGNORECASE)


@register
class ReversedRange(Rule):
    """Year ranges written backwards: "2021-2016" instead of "2016-2021".

    A reversed range is a typing error that makes the period ambiguous.
    """

    code = "YR103"
    name = "reversed-year-range"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, _b, _live in ctx.text.scan([_RANGE_RE]):  # only units where it can match
            for m in _RANGE_RE.finditer(unit.text):
                a, b = int(m.group(1)), int(m.group(2))
                if a > b and a - b <= 10:
                    yield self.issue(
                        unit, m.start(), m.end(),
                        f"rentang tahun terbalik: \"{m.group(0)}\"; seharusnya {b}-{a}",
                        expected=f"{b}-{a}",
                    )


_UNTIL_RE = re.compile(r"\bperiode\s+(?:tahun\s+)?(?:s\.?\s?d\.?|sampai\s+dengan|hingga)\s*(?:tahun\s+)?"
                       r"(20\d\d)\b", re.IGNORECASE)


# "Target Akhir Renstra 2025": the final target's year is the last year of the period
_END_TARGET_RE = re.compile(r"\btarget\s+akhir\s+(?:periode\s+)?(?:renstra|rencana\s+strategis)\s+"
                            r"(?:(?:pada|di|yaitu|yakni)\s+)?(?:tahun\s+)?(20\d\d)\b(?!\s*[-–/]\s*20\d\d)", re.IGNORECASE)
# a column "Target Akhir Renstra (2026)", "Renstra (2026)"
_END_COLUMN_RE = re.compile(r"\brenstra\s*\(\s*(20\d\d)\s*\)", re.IGNORECASE)
_PROGRESS_RE = re.compile(r"\b(?:realisasi|capaian|kumulatif|progres|dicapai|tercapai)\b",
                          re.IGNORECASE)


def _renstra_context(text: str, start: int) -> bool:
    words = _data().get("renstra_words") or []
    window = text[max(0, start - 80):start].lower()
    return any(w in window for w in words)


def _names_renstra(text: str, start: int) -> bool:
    """The range right after "Renstra"/"Rencana Strategis" (not an RPJMD, RKPD or a
    period of another plan)."""
    before = text[max(0, start - 80):start]
    m = re.search(r"\b(?:renstra|rencana\s+strategis)\b\)?(?:\s*\(\s*renstra\s*\))?(?P<mid>[^.;:()]{0,60})$",
                  before, re.I)  # ("Rencana Strategis (Renstra) Dinas X Tahun 2021-2026")
    return bool(m) and not re.search(r"\b(?:rpjm\w*|rkpd|rpjp\w*|rpd|dan|serta|atau|sebelumnya|lalu|lama|berikutnya)\b",
                                     m.group("mid"), re.I)


_DEFINES_RENSTRA_RE = re.compile(
    r"\b(?:rencana\s+strategis|renstra)\b[^.;]{0,80}?\b(?:menetapkan|memuat|ditetapkan|disusun|"
    r"merupakan|berisi|menjabarkan)\b", re.IGNORECASE)



_YEAR_CELL_RE = re.compile(r"^\W*(?:tahun\s+|target\s+|th\.?\s*)?(20\d\d)\W*$", re.IGNORECASE)


def _table_years(ctx: CheckContext, unit: TextUnit) -> tuple[int, int] | None:
    """(first, last) of the consecutive year columns of the table that ``unit`` is the caption
    of (the table itself, or a short block just before it), if the header holds such a run."""
    blocks = ctx.document.blocks
    blk = next((b for b in blocks if b is unit), None)
    if blk is None:
        table = next((b for b in blocks if b.kind == "table" and b.caption == unit.text), None)
    elif len(blk.text) < 200 and blk.kind != "table":
        table = next((b for b in blocks[blk.index + 1:blk.index + 3] if b.kind == "table"), None)
    else:
        table = None
    if table is None:
        return None
    for row in table.rows[:3]:
        ys = [int(m.group(1)) for c in row.cells if (m := _YEAR_CELL_RE.match(c.text))]
        if len(ys) >= 3 and ys == list(range(ys[0], ys[0] + len(ys))):
            return ys[0], ys[-1]
    return None


@register
class RenstraPeriod(Rule):
    """The Renstra period stated inconsistently: "periode s.d tahun 2023" or "Renstra
    2021-2024" where the report's dominant Renstra period (the range it states most often,
    e.g. 2021-2026) ends in another year.

    The Renstra period frames every target in the report; two different periods mean one of
    them was copied from an older document.
    """

    code = "YR104"
    name = "renstra-period"
    category = "year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year  # (also assigns the chapters of the blocks)
        found: list[tuple[TextUnit, re.Match[str], int, int, bool]] = []
        defined: tuple[int, int] | None = None
        for unit, blk, _live in ctx.text.scan([_RANGE_RE]):  # only units where it can match
            for m in _RANGE_RE.finditer(unit.text):
                a, b = int(m.group(1)), int(m.group(2))
                # a transitional plan may span three years ("Renstra 2024-2026"): named as one
                if 3 <= b - a <= 6 or (b - a == 2 and _renstra_context(unit.text, m.start())):
                    in_renstra = _renstra_context(unit.text, m.start())
                    found.append((unit, m, a, b, in_renstra))
                    if defined is None and blk.kind != "table" and blk.chapter == "BAB II" \
                            and _DEFINES_RENSTRA_RE.search(sentence(unit.text, m.start(), m.end())):
                        defined = (a, b)
        votes = Counter((a, b) for _u, _m, a, b, _r in found)
        if not votes:
            return
        if len(votes) > 1 and votes.most_common(2)[0][1] == votes.most_common(2)[1][1]:
            # a tie: "target akhir Renstra 2026" and "Target 2026" columns name the end year
            ends = Counter(int(m.group(1)) for unit, _b, _live in ctx.text.scan([_END_TARGET_RE, _END_COLUMN_RE])
                           for rx_ in (_END_TARGET_RE, _END_COLUMN_RE) for m in rx_.finditer(unit.text))
            for (a, b) in list(votes):
                votes[(a, b)] += ends.get(b, 0)
        (da, db), n = votes.most_common(1)[0]
        if n < 2 or (len(votes) > 1 and votes.most_common(2)[1][1] == n):
            # no majority: the period as BAB II defines it ("Rencana Strategis ... Tahun
            # 2021-2026 menetapkan ..."), when the report year lies in it
            if defined is None or year is None or not defined[0] <= year <= defined[1]:
                return
            da, db = defined
        for unit, m, a, b, in_renstra in found:
            # another period named as "Renstra" counts only when it would cover the report
            # year too (a previous plan, "Renstra 2016-2021", may be cited in a 2023 report)
            other = (_names_renstra(unit.text, m.start()) and year is not None
                     and a <= year <= b)
            if (a, b) != (da, db) and in_renstra and (a == da or other):
                if da <= a and b <= db and _table_years(ctx, unit) == (a, b):
                    continue  # "Target Renstra 2022-2026" over year columns 2022..2026: the
                    # years the table shows (the plan's first year is its baseline)
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"periode Renstra tertulis {a}-{b}, padahal di bagian lain laporan "
                    f"periode Renstra {da}-{db}",
                    expected=f"{da}-{db}",
                )
        for unit, _b, live in ctx.text.scan([_UNTIL_RE, _END_TARGET_RE]):  # units where one can match
            for m in (m for k in live for m in (_UNTIL_RE, _END_TARGET_RE)[k].finditer(unit.text)):
                y = int(m.group(1))
                # "realisasi kumulatif periode s.d tahun 2023" is progress up to the report
                # year, not the end of the period
                if m.re is _UNTIL_RE and _PROGRESS_RE.search(sentence(unit.text, m.start(), m.end())):
                    continue
                if y != db and abs(y - db) <= 6:
                    yield self.issue(
                        unit, m.start(1), m.end(1),
                        (f"akhir periode tertulis tahun {y}, padahal periode Renstra dalam "
                         f"laporan ini {da}-{db}: seharusnya s.d tahun {db}") if m.re is _UNTIL_RE else
                        (f"target akhir Renstra tertulis tahun {y}, padahal periode Renstra dalam "
                         f"laporan ini {da}-{db}: target akhirnya adalah target tahun {db}"),
                        expected=str(db),
                    )


_REG_RE = re.compile(
    r"\b(?P<kind>peraturan|permen\w*|perpres|perda|perbup|perkada|undang[-\s]undang|UU|PP|"
    r"keputusan|instruksi|inpres|surat\s+edaran|SE)\b(?P<issuer>[^.;:()\n]{0,140}?)\s*"
    r"(?:nomor|no\.?)\s*(?P<num>\d+[A-Z]?)\s+tahun\s+(?P<year>(?:19|20)\d\d)\b"
    r"(?P<after>[^.;\n]{0,100})",
    re.IGNORECASE,
)
_STOP = {"dan", "negara", "republik", "indonesia", "tentang", "atas", "yang", "dengan", "nomor",
         "no", "tahun", "serta", "di", "ke", "dari", "pada", "untuk"}


def _toks(s: str) -> set[str]:
    return {w for w in words(s) if len(w) >= 3 and w.isascii() and w not in _STOP}


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.6


@dataclass
class _Citation:
    unit: TextUnit
    match: re.Match[str]
    num: str
    year: int
    issuer: set[str]
    subject: set[str]
    line: int
    head: str  # kind + issuer, lower case


def _citations(ctx: CheckContext) -> list[_Citation]:
    cites: list[_Citation] = []
    for unit, _b, _live in ctx.text.scan([_REG_RE]):  # only units where it can match
        for m in _REG_RE.finditer(unit.text):
            after = m.group("after")
            subj = ""
            if "tentang" in after.lower():
                subj = re.split(r"tentang", after, maxsplit=1, flags=re.IGNORECASE)[1]
            head = " ".join((m.group("kind") + " " + m.group("issuer")).lower().split())
            cites.append(_Citation(unit, m, m.group("num").upper(), int(m.group("year")),
                                   _toks(m.group("kind") + " " + m.group("issuer")),
                                   _toks(subj), unit.position(m.start())[0], head))
    return cites


@lru_cache(maxsize=1)
def _known_regulations() -> tuple[tuple[re.Pattern[str], str, int, frozenset[str], str], ...]:
    data = load_yaml("rules", "regulations.yaml") or {}
    return tuple((re.compile(r"^(?:" + r["kind"] + r")\b", re.IGNORECASE), str(r["number"]),
                  int(r["year"]), frozenset(w.lower() for w in r["subject"]), r["title"])
                 for r in data.get("regulations") or [])


def _known(c: _Citation) -> tuple[int, str] | None:
    """(year, title) of the well-known regulation this citation names, if any."""
    for kind, num, year, subject, title in _known_regulations():
        if num != c.num.lstrip("0") or not kind.search(c.head):
            continue
        if c.subject and len(subject & c.subject) / len(subject) >= 0.6:
            return year, title
    return None


@register
class RegulationYear(Rule):
    """The same regulation cited with different years in one document, e.g. "PermenPAN-RB
    Nomor 53 Tahun 2014" in the introduction and "Nomor 53 Tahun 2015" in an attachment.

    One of the two citations names a regulation that does not exist, which weakens the legal
    basis the report rests on.

    A regulation is identified by its number together with its issuer and its subject
    ("tentang ..."; amendments, "perubahan atas", are left alone); when the citations disagree, the year cited most often is taken as right
    and the others are reported.
    """

    code = "YR105"
    name = "regulation-year"
    category = "year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        cites = [c for c in _citations(ctx) if _known(c) is None]  # known ones: YR107
        for c in cites:
            # same number, same issuer and same subject; amendments ("perubahan atas") are
            # different regulations with the same subject
            same = [o for o in cites if o.num == c.num and o is not c
                    and o.subject and c.subject and _similar(o.subject, c.subject)
                    and _similar(o.issuer, c.issuer)
                    and "perubahan" not in o.subject and "perubahan" not in c.subject]
            if not same:
                continue
            years = Counter([c.year] + [o.year for o in same])
            if len(years) < 2:
                continue
            best, n = years.most_common(1)[0]
            if c.year == best:
                if n == years[c.year] and list(years.values()).count(n) > 1:
                    # a tie: report only the later citation(s)
                    earlier = [o for o in same if o.year != c.year and o.line < c.line]
                    if not earlier:
                        continue
                    best = earlier[0].year
                else:
                    continue
            other = next(o for o in same if o.year == best)
            m = c.match
            yield self.issue(
                c.unit, m.start("num"), m.end("year"),
                f"peraturan Nomor {c.num} dikutip dengan tahun {c.year}, padahal di baris "
                f"{other.line} dikutip Nomor {c.num} Tahun {best}",
                expected=f"Nomor {c.num} Tahun {best}",
            )


@register
class KnownRegulationYear(Rule):
    """A well-known national regulation cited with the wrong year, e.g. "Peraturan Menteri
    PAN-RB Nomor 53 Tahun 2015 tentang Petunjuk Teknis Perjanjian Kinerja ..." (the regulation
    is of 2014).

    The legal basis of an LKIP is a short list of national regulations; a wrong year cites a
    regulation that does not exist. The list (kind, number, year, subject words) is
    rules/regulations.yaml; a citation is matched by kind, number and most of its subject words.
    """

    code = "YR107"
    name = "known-regulation-year"
    category = "year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        cites = _citations(ctx)
        for c in cites:
            k = _known(c)
            if k is None or k[0] == c.year:
                continue
            year, title = k
            right = next((o for o in cites if o.num == c.num and o.year == year
                          and _known(o) == k), None)
            where = f" (ditulis benar di baris {right.line})" if right else ""
            m = c.match
            yield self.issue(
                c.unit, m.start("num"), m.end("year"),
                f"peraturan Nomor {c.num} Tahun {c.year} tentang {title.split(' tentang ')[-1]} "
                f"seharusnya Tahun {year}{where}",
                expected=f"Nomor {c.num} Tahun {year}",
            )


_CMP_RE = re.compile(
    r"\bdibandingkan\s+(?:dengan\s+)?[^.]{0,100}?\btahun\s+(?P<a>20\d\d)\b[^.]{0,120}?"
    r"\byaitu\s+(?:pada\s+)?tahun\s+(?P<b>20\d\d)\b(?P<rest>[^\n]{0,200})",
    re.IGNORECASE,
)


@register
class ComparisonBaseline(Rule):
    """A comparison with an earlier year whose explanation restates the report year: "Jika
    dibandingkan dengan ... tahun 2022 maka mengalami penurunan ... yaitu pada tahun 2023
    dari total anggaran Rp X terealisasi Rp Y", where X and Y are this year's figures already
    given before.

    The reader expects the baseline year's figures after "yaitu"; restating this year's
    figures leaves the comparison without its baseline.
    """

    code = "YR106"
    name = "comparison-baseline"
    category = "year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        if year is None:
            return
        for unit, block, _live in ctx.text.scan([_CMP_RE]):  # only units where it can match
            if block.kind == "table":
                continue
            for m in _CMP_RE.finditer(unit.text):
                a, b = int(m.group("a")), int(m.group("b"))
                if a >= year or b != year:
                    continue
                before = {n.value for n in scan_numbers(unit.text[: m.start()])
                          if not n.is_year and n.value >= 1000}
                after = [n.value for n in scan_numbers(m.group("rest"))
                         if not n.is_year and n.value >= 1000]
                if not after or not all(v in before for v in after):
                    continue
                s, e = m.span("b")
                yield self.issue(
                    unit, m.start("b") - len("tahun "), e,
                    f"perbandingan dengan tahun {a} diuraikan dengan angka tahun {b} yang sudah "
                    f"disebut sebelumnya; setelah \"yaitu\" seharusnya angka tahun {a}",
                    expected=f"tahun {a}",
                )




_VALUE_YEAR_RE = re.compile(
    r"\b(?:realisasi|capaian|target|nilai)\b(?P<what>[^.;]{0,140}?)\btahun\s+(?P<y>20\d\d)\b"
    r"[^.;\d]{0,30}?\b(?:sebesar|mencapai|yaitu|adalah|senilai|dari\s+\d[\d.,]*\s*%?\s+menjadi)\s+"
    r"(?P<num>\d[\d.,]*)",
    re.IGNORECASE,
)
_PHRASE_YEAR_RE = re.compile(r"(?P<p>(?:[A-Z][\w-]*\s+){1,5})[Tt]ahun\s+(?P<y>20\d\d)\b")
_THIS_YEAR_ROLES = ("3.1", "3.3", "3.4", "3.5", "PK")


def _values_by_year(rows: list[Any], year: int,
                    kinds: tuple[str, ...] = ("realisasi", "target", "capaian")) -> dict[int, set[Any]]:
    out: dict[int, set[Any]] = {}
    for row in rows:
        for key, vc in row.values.items():
            v = vc.value
            if v is None:
                continue
            if hasattr(v, "as_tuple"):
                got = [v]
            else:  # a letter grade, with its score ("BB (74,25)"): the score is the year's value
                got = [n.value for n in scan_numbers(vc.text) if not n.is_year and n.value is not None]
                got.append(("grade", str(v)))
            base, _, yy = key.partition(":")
            if base not in kinds:
                continue
            if base == "capaian" and row.role == "3.3" and not yy:
                continue  # the capaian against the Renstra's end target, no capaian of the year
            if yy.isdigit():
                out.setdefault(int(yy), set()).update(got)
            elif row.role in _THIS_YEAR_ROLES:
                out.setdefault(year, set()).update(got)
    return out


_CLAUSE_YEAR_RE = re.compile(r"\btahun\s+(?P<y>20\d\d)\b(?!\s*[-–]\s*20\d\d)", re.IGNORECASE)
# a number tied to a year of its own: "80% pada tahun 2023", "angka 0,51 tahun ini"
# (also after its unit: "19 dokumen pada tahun 2022")
_ATTACHED_RE = re.compile(r"\s*%?\s*(?:[a-z]+\s+)?(?:(?:pada|di|untuk)\s+tahun\s+20\d\d|(?:pada\s+)?tahun\s+ini\b)",
                          re.IGNORECASE)
_BEFORE_RE = re.compile(r"(\d(?:[\d.,]*\d)?\s*%?)\s*(?:pada|di|untuk)\s+$", re.IGNORECASE)
# a count of a measured quantity ("36 kasus", "1.250 pengunjung"): a figure of the year's own
# sentence (not a count of the report's indicators, "3 dari 4 indikator")
_MEASURED_COUNT_RE = re.compile(r"\s+(?!(?:dari|indikator|sasaran|program|kegiatan|sub|pada|di|tahun|dan|atau)\b)"
                                r"[a-z]{3,12}\b", re.IGNORECASE)
# the year ends its clause: "... pada tahun 2023;" / "... pada tahun 2023."
_CLAUSE_END_YEAR_RE = re.compile(r"\s*[;.:]")
# a clause that compares or recounts: its figures are not the year's own
_COMPARE_HEAD_RE = re.compile(r"\b(?:dibandingkan|dibanding|daripada|dari|sejak|semula|ketimbang|terhadap|"
                              r"sebelumnya|lalu|naik|turun|meningkat|menurun|berturut|renstra|target\s+akhir)\b",
                              re.IGNORECASE)
# (", namun belum mencapai target 70,00": what follows a contrast is no longer about that year)
_CLAUSE_STOP_RE = re.compile(r"\b(?:daripada|dibandingkan|dibanding|semula|menjadi|namun|tetapi)\b",
                             re.IGNORECASE)
# a year named as the baseline of a comparison ("dibandingkan tahun 2023", "sejak tahun 2022")
_BASELINE_BEFORE_RE = re.compile(r"\b(?:dibandingkan|dibanding|daripada|sejak|semula|ketimbang|terhadap)\s+"
                                 r"(?:dengan\s+)?(?:capaian\s+|kondisi\s+|realisasi\s+|target\s+)?(?:pada\s+)?$",
                                 re.IGNORECASE)


def _this_year_extra(ctx: CheckContext) -> set[Any]:
    """Report-year values outside the indicator columns: averages, 3.7 serapan, budgets."""
    out: set[Any] = set()
    t = ctx.tables
    for rows in t.indicator_rows.values():
        for r in rows:
            for key in ("capaian", "realisasi", "serapan", "efisiensi"):
                vc = r.values.get(key)
                if vc is not None and hasattr(vc.value, "as_tuple") and (
                        r.is_average or r.role == "3.7"):
                    out.add(vc.value)
    for role in ("3.6", "3.8"):
        for br in t.budget(role):
            for key in ("pagu", "realisasi", "persen"):
                vc = br.values.get(key)
                if vc is not None and hasattr(vc.value, "as_tuple"):
                    out.add(vc.value)
    return out


def _indicator_groups(ctx: CheckContext) -> list[list[Any]]:
    """The rows of every table grouped per indicator (computed once per document)."""
    cached = ctx.__dict__.get("_year_indicator_groups")
    if cached is None:
        cached = [g for g in ctx.tables.indicators() if g]
        ctx.__dict__["_year_indicator_groups"] = cached
    return cached


def _indicator_values(groups: list[list[Any]], sent: str,
                      year: int) -> tuple[dict[int, set[Any]], list[Any]] | None:
    """Values by year of the one indicator that ``sent`` names (and its rows in every table),
    or None when the sentence names none, several, or one the tables give no yearly values for."""
    from drafter.check.claims_parse import containment
    from drafter.check.fuzzy import similarity

    if len(groups) < 2:
        return None
    pointer = _POINTER_RE.search(sent)
    scored: list[tuple[float, int]] = []
    for i, g in enumerate(groups):
        sc = max(containment(r.name, sent) for r in g)
        if pointer is not None:
            sc = max(sc, max(similarity(pointer.group(1), r.name) for r in g))
        scored.append((sc, i))
    scored.sort(reverse=True)
    if scored[0][0] < 0.8 or scored[1][0] > scored[0][0] - 0.2:
        return None
    vals = _values_by_year(groups[scored[0][1]], year)
    return (vals, groups[scored[0][1]]) if vals.get(year) else None


# "realisasi 100%", "target sebesar 100%": a value of a stated kind (not a capaian of 100%)
# (also a target set for the year: "angka itu ditingkatkan menjadi 100%")
_KIND_BEFORE_RE = re.compile(r"\b(?:realisasi(?:nya)?|target(?:nya)?)\s+(?:sebesar\s+|mencapai\s+)?$|"
                             r"\b(?:ditingkatkan|dinaikkan|diturunkan|ditetapkan)\s+menjadi\s+$",
                             re.IGNORECASE)


# a letter grade written as a value: "memperoleh nilai BB", "menjadi A", "target B" (not a list
# letter or a heading)
_GRADE_MENTION_RE = re.compile(
    r"\b(?:nilai|predikat|kategori|menjadi|target|sebesar|memperoleh|meraih|mendapat(?:kan)?|memasang)"
    r"\s+(?:target\s+|nilai\s+|predikat\s+)?(?P<g>AA|BB|CC|[A-D])(?!\w|\.\w)")


class _Mention(NamedTuple):
    """A value written in words (a letter grade) weighed like a number."""
    text: str


_REALISASI_BEFORE_RE = re.compile(r"\brealisasi(?:nya)?\s+(?:sebesar\s+|mencapai\s+)?$", re.IGNORECASE)


def _paragraph_groups(ctx: CheckContext) -> dict[int, list[Any]]:
    """Block index -> the rows (in every table) of the indicator its analysis paragraph is about."""
    cached = ctx.__dict__.get("_year_paragraph_groups")
    if cached is None:
        from drafter.check.claims_parse import indicator_paragraphs

        groups = _indicator_groups(ctx)
        by_row = {id(r): g for g in groups for r in g}
        cached = {}
        for b, row in indicator_paragraphs(ctx):
            if row is not None and id(row) in by_row:
                cached[b.index] = by_row[id(row)]
        ctx.__dict__["_year_paragraph_groups"] = cached
    return cached


_POINTER_RE = re.compile(r"\bindi[ck]ator\s+(?!ini\b|tersebut\b|itu\b|kinerja\b)([^,.;:()]{3,100})",
                         re.IGNORECASE)


@register
class ValueYear(Rule):
    """A value stated with a year whose tables hold it for another year: "Realisasi indikator
    X tahun 2022 sebesar 80%" where the tables give 80% as the 2023 realisasi of X (and another
    value for 2022); or "IKM Kabupaten Jember Tahun 2022 yang sebesar 86,34" where the table
    row with 86,34 says "IKM Kabupaten Jember Tahun 2023".

    This year's results described with last year's year (or a benchmark cited with another
    year than its table) mislead the reader about which period a figure belongs to. A value
    that the tables give for both years, or that they do not hold, is not reported.
    """

    code = "YR108"
    name = "value-year"
    category = "year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        if year is None:
            return
        tables = ctx.tables
        all_rows = [r for rows in tables.indicator_rows.values() for r in rows if not r.is_average]
        if not all_rows:
            return

        cache: tuple[dict[int, set[Any]], set[Any]] | None = None
        para = _paragraph_groups(ctx)
        for unit, block in units(ctx.document):
            if block.kind == "table":
                continue
            group = para.get(block.index)
            for m in filtered_finditer(_VALUE_YEAR_RE, unit.text):
                y = int(m.group("y"))
                if y == year or not (year - 5 <= y <= year + 1):
                    continue
                v = parse_number(m.group("num").rstrip(".,"))
                if v is None:
                    continue
                matched = tables.match(m.group("what"), threshold=0.6) if m.group("what").strip() else []
                if matched:
                    # the indicator's best row in each table: a name cut short in one table
                    # (text extracted from PDF) must neither hide its rows in the others nor
                    # bring in the rows of another indicator
                    rows = [b for role in tables.indicator_rows
                            for b in tables.match(m.group("what"), role=role, threshold=0.6)[:1]]
                elif group is not None:
                    rows = group  # "target Renstra tahun 2022 sebesar 100%" in X's paragraph
                else:
                    rows = all_rows
                vals = _values_by_year(rows, year)
                if y not in vals or v.value not in vals.get(year, set()) or v.value in vals[y]:
                    continue
                s, e = m.span("y")
                yield self.issue(
                    unit, s, e,
                    f"nilai {m.group('num').rstrip('.,')} disebut untuk tahun {y}, padahal menurut "
                    f"tabel nilai itu milik tahun {year}; seharusnya tahun {year}",
                    expected=str(year),
                )
            yield from self._phrase_years(ctx, unit)
            if cache is None:
                vals_all = _values_by_year(all_rows, year)
                cache = (vals_all, set(vals_all.get(year, set())) | _this_year_extra(ctx))
            yield from self._clause_evidence(ctx, unit, year, *cache, group=group)

    def _clause_evidence(self, ctx: CheckContext, unit: TextUnit, year: int,
                         vals_all: dict[int, set[Any]], this_all: set[Any],
                         group: list[Any] | None = None) -> Iterable[Issue]:
        """Numbers after "tahun X" (up to the next year or a comparison word) that the tables
        give only for the report year, and none that they give only for year X. When the
        sentence names one indicator, only that indicator's values count (another indicator's
        value for year X is no counter-evidence)."""
        text = unit.text
        years = [m for m in _CLAUSE_YEAR_RE.finditer(text)]
        if not years:
            return
        for k, m in enumerate(years):
            y = int(m.group("y"))
            if not (year - 3 <= y < year):
                continue
            if re.search(r"\b(?:nomor|no\.?)\s*[\w./-]+\s+$", text[max(0, m.start() - 40):m.start()],
                         re.IGNORECASE):
                continue  # "PermenPAN-RB Nomor 14 Tahun 2017": a regulation's year
            vals, this = vals_all, this_all
            got = _indicator_values(_indicator_groups(ctx), sentence(text, m.start(), m.end()), year)
            own, own_rows = got if got is not None else (None, None)
            if own is None and group is not None:
                # a sentence of an indicator's analysis paragraph that names no indicator
                own = _values_by_year(group, year)
                own, own_rows = (own, group) if own.get(year) and own.get(y) else (None, None)
            typed: tuple[set[Any], set[Any]] | None = None
            if own_rows:
                rb = _values_by_year(own_rows, year, ("realisasi",))
                if rb.get(year) and rb.get(y):
                    typed = (rb[year], rb[y])
            if own is not None:
                vals, this = own, own.get(year, set())
                s0, s1 = sentence_bounds(text, m.start(), m.end())
                if own_rows and y not in _values_by_year(own_rows, year, ("realisasi", "capaian")) \
                        and not re.search(r"\btarget", text[s0:m.end()], re.IGNORECASE) \
                        and len({int(o.group("y")) for o in _CLAUSE_YEAR_RE.finditer(text, s0, s1)}
                                - {year}) >= 2:
                    # a history of results ("realisasi tahun 2023 sebesar 100% dan tahun 2022
                    # sebesar 85,71%") for years the tables give only targets for (a Renstra
                    # target table): not theirs to contradict
                    continue
            if _BASELINE_BEFORE_RE.search(text[max(0, m.start() - 30):m.start()]) or re.search(
                    r"\bsebelumnya\s*\(\s*$", text[max(0, m.start() - 30):m.start()], re.IGNORECASE):
                continue  # "Dibandingkan tahun 2023, ... meningkat": the year is the baseline
            end = years[k + 1].start() if k + 1 < len(years) else len(text)
            # "dari 93,33 pada tahun 2022": a number right before "pada tahun X" is X's, and
            # what follows the year is then no longer about X (only the rest of its sentence)
            before = _BEFORE_RE.search(text[max(0, m.start() - 30):m.start()])
            stop = _CLAUSE_STOP_RE.search(text, m.end(), end)
            if stop and stop.group(0).lower() == "menjadi" and before is None and not re.search(
                    r"\d|[,;]|\btahun\s+ini\b", text[m.end():stop.start()]) and not re.search(
                    r"\bdari\b|\d[^.;\d]{0,25}$", text[max(0, m.start() - 40):m.start()], re.IGNORECASE):
                # "untuk tahun 2023 target itu ditingkatkan menjadi 100%": the year's own value
                stop = _CLAUSE_STOP_RE.search(text, stop.end(), end)
            if stop:
                end = stop.start()
            other = vals.get(y, set())
            # the year's own sentence decides when its numbers say anything; only a sentence
            # without such numbers ("Pada tahun 2022, 3 dari 4 indikator ... . Rata-rata
            # capaiannya 59,43%") is judged by the clause that follows, up to the next year (a
            # later sentence may recount the history, "Riwayat realisasi ... 93,33 (2022)")
            s_end = min(end, sentence_bounds(text, m.start(), m.end())[1])
            if before is not None:
                # "naik dari 3,21 pada tahun 2023, yaitu bertambah 0,24 poin, walaupun belum
                # menyentuh target 3,50": the year's own figure stands before it; the clauses
                # after it are about the report year
                cut = re.search(r",\s|;|\b(?:yaitu|walaupun|meskipun|namun|tetapi|sedangkan|sehingga)\b",
                                text[m.end():s_end])
                if cut is not None:
                    s_end = m.end() + cut.start()
            evidence, counter = self._weigh(text, m.end(), s_end, before, own, this, other, typed)
            if not evidence and not counter and before is None and _CLAUSE_END_YEAR_RE.match(text, m.end()):
                # "Realisasi 88,05 ... memberi capaian 103,59% pada tahun 2022;": the year closes
                # the clause its figures open (no other year and no comparison before it); that
                # clause, not the next sentence, decides
                s_start = sentence_bounds(text, m.start(), m.end())[0]
                head = text[s_start:m.start()]
                if not _CLAUSE_YEAR_RE.search(head) and not _COMPARE_HEAD_RE.search(head):
                    evidence, counter = self._weigh(text, s_start, m.start(), None, own, this, other, typed)
            own_sent = text[sentence_bounds(text, m.start(), m.end())[0]:s_end]
            if not evidence and not counter and before is None and end > s_end and not any(
                    not n.is_year and (n.decimals or n.percent or _MEASURED_COUNT_RE.match(own_sent, n.end))
                    for n in scan_numbers(own_sent)):
                # (a sentence with figures of its own, "turun menjadi 40,5 dari 46,2 per mil
                # pada tahun 2023.", is not about what the next sentence says; counts, "3 dari
                # 4 indikator", are no such figures)
                evidence, counter = self._weigh(text, m.end(), end, before, own, this, other, typed)
            rows_for = own_rows or group or [r for rows in ctx.tables.indicator_rows.values()
                                             for r in rows if not r.is_average]
            if rows_for and re.search(r"\brealisasi(?:nya)?\s+(?:\w+\s+){0,2}$",
                                      text[max(0, m.start() - 30):m.start()], re.IGNORECASE):
                # "Realisasi tahun 2022 sebesar 75,00%": only this year's realisasi (not its
                # target, which may be that very figure) says the year is wrong
                rb_year = _values_by_year(rows_for, year, ("realisasi",)).get(year, set())
                evidence = [n for n in evidence if n.value in rb_year]
            if own is None and not other:
                # no indicator known and no figure of year X in the tables: a round number that
                # some indicator has this year ("60%", "70 persen") is no evidence
                evidence = [n for n in evidence if getattr(n, "decimals", 0)]
            if not evidence or counter:
                continue
            shown = ", ".join(n.text.strip() for n in evidence[:3])
            yield self.issue(
                unit, m.start("y"), m.end("y"),
                f"kalimat menyebut tahun {y}, tetapi angkanya ({shown}) adalah nilai tahun {year} "
                f"menurut tabel; seharusnya tahun {year}",
                expected=str(year),
            )

    @staticmethod
    def _weigh(text: str, start: int, end: int, before: re.Match[str] | None,
               own: dict[int, set[Any]] | None, this: set[Any],
               other: set[Any], typed: tuple[set[Any], set[Any]] | None = None
               ) -> tuple[list[Any], list[Any]]:
        """Numbers in text[start:end] that the tables give only for the report year (evidence)
        and only for the named year (counter-evidence); a number written as the realisasi
        ("realisasi 100%") is weighed against the realisasi alone (``typed``: this year's and the
        named year's)."""
        nums = [n for n in scan_numbers(text[start:end])
                if not _ATTACHED_RE.match(text, start + n.end)
                # "96 ruang kelas baru": a count of things, not an indicator value (unless the
                # sentence names one indicator, whose own values count in any unit)
                and not (own is None and not n.decimals and not n.percent and re.match(
                    r"\s+(?!persen\b|poin\b|point\b)[a-z]{3,}", text[start + n.end:]))]
        main = {id(n) for n in nums}
        if before:
            nums += [n for n in scan_numbers(before.group(1))]
        evidence, counter = [], []
        for n in nums:
            if n.is_year or n.value is None:
                continue
            v = n.value
            if typed is not None and id(n) in main and _REALISASI_BEFORE_RE.search(
                    text[max(start, start + n.start - 40):start + n.start]):
                if v in typed[0] and v not in typed[1]:
                    evidence.append(n)
                elif v in typed[1] and v not in typed[0]:
                    counter.append(n)
                continue
            if v in this and v not in other:
                if n.decimals or (v > 10 or own is not None and v > 1) and (v != 100 or (
                        own is not None and id(n) in main and _KIND_BEFORE_RE.search(text[max(start, start + n.start - 40):
                                                                        start + n.start]))):
                    evidence.append(n)
            elif v in other and v not in this:
                counter.append(n)
        if own is not None:
            # letter grades of the named indicator: "untuk tahun 2023 angka itu dinaikkan menjadi BB"
            for g in _GRADE_MENTION_RE.finditer(text, start, end):
                key = ("grade", g.group("g"))
                if key in this and key not in other:
                    evidence.append(_Mention(g.group("g")))
                elif key in other and key not in this:
                    counter.append(_Mention(g.group("g")))
        return evidence, counter

    def _phrase_years(self, ctx: CheckContext, unit: TextUnit) -> Iterable[Issue]:
        for m in filtered_finditer(_PHRASE_YEAR_RE, unit.text):
            phrase = " ".join(m.group("p").split())
            if len(phrase.split()) < 2:
                continue
            nums = [n for n in scan_numbers(unit.text[m.end():m.end() + 60]) if not n.is_year]
            if not nums:
                continue
            value = nums[0].value
            y = int(m.group("y"))
            tw = m.group(0)[len(m.group("p")):].split()[0]  # "Tahun" or "tahun", as written
            pat = re.compile(re.escape(phrase).replace(r"\ ", r"\s+") + r"\s+Tahun\s+(20\d\d)\b",
                             re.IGNORECASE)
            for row, cands in _tahun_rows(ctx.document):
                hit = next((pm for c in cands for pm in [pat.search(c.text)] if pm), None)
                if hit is None or int(hit.group(1)) == y:
                    continue
                row_vals = {n.value for c in row.cells for n in scan_numbers(c.text)
                            if not n.is_year}
                if value not in row_vals:
                    continue
                other = int(hit.group(1))
                line = row.cells[0].position(0)[0] if row.cells else 0
                s, e = m.span("y")
                yield self.issue(
                    unit, s, e,
                    f"\"{phrase} {tw} {y}\" sebesar {nums[0].text}, padahal tabel (baris "
                    f"{line}) menyebut nilai itu untuk \"{phrase} {tw} {other}\"",
                    expected=str(other),
                )
                return


_TAHUN_CELL_RE = re.compile(r"\s+Tahun\s+(20\d\d)\b", re.IGNORECASE)


@per_document
def _tahun_rows(doc: Document) -> Iterable[tuple[Row, list[Cell]]]:
    """The table rows, in order, with the cells (in order) that can hold "<phrase> Tahun 20xx"
    (the tail of every per-phrase pattern of _phrase_years): its pre-filter, computed once."""
    for t in doc.tables():
        for row in t.rows:
            cands = [c for c in row.cells if _TAHUN_CELL_RE.search(c.text)]
            if cands:
                yield row, cands


_CMP_FWD_RE = re.compile(
    r"\btahun\s+(?P<a>20\d\d)\b(?P<mid>[^.;]{0,160}?)\b(?P<w>daripada|dibandingkan|dibanding|sedangkan)\s+"
    r"(?:dengan\s+)?(?:[^.;\d]{0,40}?)\btahun\s+(?P<b>20\d\d)\b",
    re.IGNORECASE,
)
_CMP_BACK_RE = re.compile(
    r"\b(?:dibandingkan|dibanding)\s+(?:dengan\s+)?(?:[^.;\d]{0,40}?)\btahun\s+(?P<b>20\d\d)\b"
    r"(?P<mid>[^.;]{0,200}?)\btahun\s+(?P<a>20\d\d)\b",
    re.IGNORECASE,
)

# "Target tahun 2023 dinaikkan dari 80% pada tahun 2022 menjadi 100%": a change from a year
_CMP_FROM_RE = re.compile(
    r"\btahun\s+(?P<a>20\d\d)\b(?P<mid>[^.;]{0,80}?)\b(?:dinaikkan|diturunkan|naik|turun|berubah|meningkat|"
    r"menurun|bertambah|berkurang|diubah)(?:\s+(?:sebesar\s+|sebanyak\s+)?\d[\d.,]*\s*(?:%|persen|"
    r"poin(?:\s+persen)?)?)?\s+dari\s+[^.;]{0,40}?\btahun\s+(?P<b>20\d\d)\b",
    re.IGNORECASE,
)


_OTHER_SUBJECT_YEAR_RE = re.compile(
    r"\b(?:provinsi|kabupaten|kota|nasional|regional|kementerian|survei|BPS)\b[^.;,()\d]{0,40}?"
    r"\btahun\s+$", re.IGNORECASE)
_CHANGE_RE = re.compile(r"\b(?:kenaikan|penurunan|naik|turun|meningkat|menurun|perubahan|"
                        r"dibandingkan|perbandingan)\b", re.IGNORECASE)
_FROM_YEAR_RE = re.compile(r"\bdari\s+(?:(?:semula|sebelumnya|sebesar|nilai|angka)\s+)?[\d.,]+\s*%?"
                           r"(?:\s+[a-z]{2,12})?\s+(?:pada|di)\s+tahun\s+$", re.IGNORECASE)
_VERSUS_YEAR_RE = re.compile(r"\b(?:dibandingkan|dibanding|daripada)\s+(?:dengan\s+)?(?:\w+\s+){0,2}?tahun\s+$",
                             re.IGNORECASE)
_RESTATE_RE = re.compile(r"\b(?:yaitu|yakni|adalah|ialah)\s+(?:pada\s+|di\s+)?tahun\s+$",
                         re.IGNORECASE)


@register
class SelfComparison(Rule):
    """A comparison of a year with itself: "Realisasi tahun 2022 sebesar 100% lebih tinggi
    daripada realisasi tahun 2022 sebesar 80%", "Dibandingkan tahun 2023, ... serapan tahun
    2023 sebesar 92,5% meningkat", "Target tahun 2022 dinaikkan dari 80% pada tahun 2022".

    One of the two years is wrong (usually the current year was overwritten with last year's
    or the reverse), so the comparison is meaningless. The side describing the current year
    is expected to be the report year, the baseline the year before.
    """

    code = "YR109"
    name = "self-comparison"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        for unit, block in units(ctx.document):
            if block.kind == "table":
                continue
            done: set[int] = set()
            for rx in (_CMP_FWD_RE, _CMP_BACK_RE, _CMP_FROM_RE):
                for m in rx.finditer(unit.text):
                    a, b = int(m.group("a")), int(m.group("b"))
                    if a != b or m.start("a") in done:
                        continue
                    # "sedangkan" contrasts two years only in a sentence about a change
                    if "w" in m.groupdict() and (m.group("w") or "").lower() == "sedangkan" and \
                            not _CHANGE_RE.search(unit.text[max(0, m.start() - 150):m.end()]):
                        continue
                    # "... tahun 2022 ..., yaitu pada tahun 2022 ..." restates the baseline
                    later = max(m.start("a"), m.start("b"))
                    if _RESTATE_RE.search(unit.text[max(0, later - 40):later]):
                        continue
                    # "Dibandingkan tahun 2022, nilai IKM meningkat 1,23 poin dari 83,12 pada
                    # tahun 2022": the later year is the change's starting point, the baseline
                    if rx is _CMP_BACK_RE and _FROM_YEAR_RE.search(unit.text[max(0, later - 50):later]):
                        continue
                    if _OTHER_SUBJECT_YEAR_RE.search(unit.text[max(0, later - 60):later]):
                        continue  # "... dibanding tahun 2023 dan di bawah angka Provinsi Jawa Timur
                        # tahun 2023": the second year dates another region's figure
                    if rx is _CMP_FROM_RE and _VERSUS_YEAR_RE.search(
                            unit.text[max(0, m.start("a") - 40):m.start("a")]):
                        continue  # "Dibandingkan tahun 2023, ... naik dari 88% pada tahun 2023"

                    done.add(m.start("a"))
                    if year is not None and a == year:
                        s, e = m.span("b")
                        want = f"tahun sebelumnya (mis. {year - 1})"
                        exp = str(year - 1)
                    else:
                        s, e = m.span("a")
                        want = f"tahun laporan {year}" if year else "tahun yang berbeda"
                        exp = str(year) if year else None
                    yield self.issue(
                        unit, s, e,
                        f"perbandingan membandingkan tahun {a} dengan tahun {b} yang sama; "
                        f"salah satunya seharusnya {want}",
                        expected=exp,
                    )


_TABLE_INTRO_RE = re.compile(
    r"\b(?:tabel|table)\s+(?:berikut|di\s?bawah(?:\s+ini)?)|\bsebagai\s+berikut\b", re.IGNORECASE
)
_CAPTION_START_RE = re.compile(r"^[\s#*_]*(?:tabel|table)\s+\d+(?:\.\d+)*\b", re.IGNORECASE)
_CAPTION_NUM_RE = re.compile(r"^[\s#*_]*(?:tabel|table)\s+([\dIVXL]+(?:[.\-][\dIVXL]+)*\.?)(?=\s|$)",
                             re.IGNORECASE)
# "sebagaimana Tabel 2.2", "pada Tabel III.4": a sentence pointing at a numbered table
_TABLE_REF_RE = re.compile(r"\b(?:sebagaimana|seperti|pada|dalam|di)\s+(?:(?:tercantum|tersaji|disajikan|"
                           r"terlihat|tampak|dimuat|termuat)\s+(?:pada|dalam|di)\s+)?(?-i:Tabel)\s+"
                           r"([\dIVXL]+(?:[.\-][\dIVXL]+)*)", re.IGNORECASE)
_FUTURE_WORDS_RE = re.compile(r"\b(?:akan|direncanakan|rencana|mendatang|berikutnya|ke\s+depan|"
                              r"menuju|usulan|diusulkan)\b", re.IGNORECASE)
_YEAR_TOKEN_RE = re.compile(r"(?<![\d.,-])\b(20\d\d)\b(?!\s*[-–]\s*20\d\d)")


@register
class TableIntroYear(Rule):
    """A sentence that introduces the next table with another year than the table's caption:
    "Capaian sasaran strategis tahun 2022 disajikan pada tabel berikut." followed by "Tabel
    3.1 Pengukuran Realisasi Kinerja Tahun 2023".

    The sentence and the caption describe the same table; two different years leave the
    reader unsure which period the figures cover. Years in ranges (2021-2026) are ignored, and
    so is a sentence that names the report year: then the caption is the odd one (YR101, YR112).
    """

    code = "YR110"
    name = "table-intro-year"
    category = "year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        blocks = ctx.document.blocks
        for i, b in enumerate(blocks):
            if b.kind == "table":
                continue
            intro = _TABLE_INTRO_RE.search(b.text)
            if not intro:
                continue
            cap = next((nb for nb in blocks[i + 1:i + 4]
                        if nb.kind != "table" and _CAPTION_START_RE.match(nb.text)), None)
            if cap is None:
                continue
            cap_years = {int(y) for y in _YEAR_TOKEN_RE.findall(cap.text)}
            if not cap_years:
                continue
            s0, e0 = sentence_bounds(b.text, intro.start(), intro.end())
            sent = b.text[s0:e0]
            if _comparison_re().search(sent) and not re.search(r"\bdibandingkan\s+dengan\s+"
                                                               r"(?:\w+\s+)?tahun(?:-tahun)?\s+"
                                                               r"sebelumnya", sent, re.I):
                continue
            found = [(int(mm.group(1)), mm.start(1) + s0) for mm in _YEAR_TOKEN_RE.finditer(sent)]
            if len({y for y, _ in found}) != 1:
                continue
            y, pos = found[0]
            if y in cap_years or (year is not None and not (year - 3 <= y <= year + 1)):
                continue
            if y == year:
                # the sentence names the report year and the caption another: the caption is
                # the odd one (YR101 / YR112 judge it), the sentence is not to be changed
                continue
            want = year if year in cap_years else max(cap_years)
            yield self.issue(
                b, pos, pos + 4,
                f"kalimat pengantar tabel menyebut tahun {y}, padahal judul tabel berikutnya "
                f"(baris {cap.position(0)[0]}) menyebut tahun {want}",
                expected=str(want),
            )
        if year is not None:
            yield from self._referenced(ctx, year)

    def _referenced(self, ctx: CheckContext, year: int) -> Iterable[Issue]:
        """A sentence that names the year after the report year and points at a numbered table
        whose title names the report year ("Sesuai Perjanjian Kinerja Tahun 2023 ..., Dinas
        berkomitmen mencapai target sebagaimana Tabel 2.2" above "Tabel 2.2 Perjanjian Kinerja
        ... Tahun 2022" in a 2022 report): the sentence's year is wrong."""
        blocks = ctx.document.blocks
        captions: dict[str, Any] = {}
        for nb in blocks:
            if nb.kind != "table":
                cm = _CAPTION_NUM_RE.match(nb.text)
                if cm:
                    captions.setdefault(cm.group(1).rstrip(".").upper(), nb)
        if not captions:
            return
        nxt = str(year + 1)
        for b in blocks:
            if b.kind == "table" or nxt not in b.text:
                continue
            for rm in _TABLE_REF_RE.finditer(b.text):
                cap = captions.get(rm.group(1).rstrip(".").upper())
                if cap is None or cap is b:
                    continue
                cap_years = {int(y) for y in _YEAR_TOKEN_RE.findall(cap.text)}
                if cap_years != {year}:
                    continue
                s0, e0 = sentence_bounds(b.text, rm.start(), rm.end())
                sent = b.text[s0:e0]
                found = [(int(mm.group(1)), mm.start(1) + s0) for mm in _YEAR_TOKEN_RE.finditer(sent)]
                if {y for y, _ in found} != {year + 1} or _FUTURE_WORDS_RE.search(sent):
                    continue
                pos = found[0][1]
                yield self.issue(
                    b, pos, pos + 4,
                    f"kalimat ini menyebut tahun {year + 1} dan merujuk Tabel {rm.group(1)}, padahal "
                    f"judul tabel itu (baris {cap.position(0)[0]}) dan laporan ini untuk tahun {year}",
                    expected=str(year),
                )


def _renstra_periods(ctx: CheckContext) -> list[tuple[int, int]]:
    """Year ranges of 4-6 years stated near Renstra words, most frequent first."""
    votes: Counter[tuple[int, int]] = Counter()
    for unit, block, _live in ctx.text.scan([_RANGE_RE]):  # only units where it can match
        before = ""
        for m in _RANGE_RE.finditer(unit.text):
            a, b = int(m.group(1)), int(m.group(2))
            if not 2 <= b - a <= 6:
                continue
            if m.start() < 80 and not before and block.kind != "table":
                # a sentence wrapped over line blocks (PDF text): "... Renstra\nTahun 2024-2026"
                before = _continued(ctx, block)[0].replace("\n", " ") + " "
            if re.search(r"\b(?:realisasi|capaian|data|perbandingan|tren|perkembangan)\s+(?:tahun\s+)?$",
                         unit.text[max(0, m.start() - 30):m.start()], re.IGNORECASE):
                continue  # "Realisasi 2022-2024 dan Target Akhir Renstra": years of data
            # a three-year transition Renstra ("Renstra 2024-2026") counts too
            if _renstra_context(before + unit.text, len(before) + m.start()):
                # a range written right after "Renstra" outweighs any number of ranges that
                # only stand near plan words ("anggota DPRD periode 2019-2024")
                votes[(a, b)] += 100 if _names_renstra(before + unit.text, len(before) + m.start()) else 1
    return [p for p, _n in votes.most_common()]


_ROMAN_NUM = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}
_ORDINAL_NAMES = {1: "pertama", 2: "kedua", 3: "ketiga", 4: "keempat", 5: "kelima", 6: "keenam",
                  7: "ketujuh"}


@lru_cache(maxsize=1)
def _ordinal_data() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str],
                             re.Pattern[str], dict[str, int]]:
    d = _data().get("renstra_ordinal") or {}
    return (re.compile(d.get("plan_words") or r"(?!)", re.IGNORECASE),
            re.compile(d.get("copula") or r"(?!)", re.IGNORECASE),
            re.compile(d.get("current") or r"(?!)", re.IGNORECASE),
            re.compile(d.get("ordinal") or r"(?!)", re.IGNORECASE),
            re.compile(d.get("skip_sentence") or r"(?!)", re.IGNORECASE),
            {str(k): int(v) for k, v in (d.get("ordinal_words") or {}).items()})


def _states_report_figure(ctx: CheckContext, sent: str) -> bool:
    """The sentence gives a figure of the report year's measurement table (a capaian, a
    realisasi or the average, with decimals): it speaks of the report year."""
    vals: set[Any] = set()
    ti = ctx.tables
    for r in [r for rows in ti.indicator_rows.values() for r in rows] or ti.rows("3.1"):
        for key in ("capaian", "realisasi"):
            vc = r.values.get(key)
            if vc is not None and vc.num is not None and vc.num.decimals:
                vals.add(vc.num.value)
    return any(n.decimals and n.value in vals for n in scan_numbers(sent) if not n.is_year)


_ALSO_LAST_RE = re.compile(r"\b(?:sekaligus|dan|juga|yaitu|yakni)\s+(?:merupakan\s+|sebagai\s+)?tahun\s+"
                           r"(?:terakhir|akhir)\b", re.IGNORECASE)


def _plan_year_candidates(year: int, a: int, b: int, baseline: bool = False) -> list[int]:
    """Which year of the plan ``a``-``b`` the year ``year`` is, counted from the first year
    named ("Renstra 2021-2026": 2021 is the first year). A plan of six calendar years whose
    first year the report gives as the baseline ("kondisi awal 2021", ``baseline``) is
    counted from the next year."""
    first = a + 1 if baseline and b - a >= 5 else a
    n = year - first + 1
    return [n] if 1 <= n <= b - first + 1 else []


_BASELINE_WORD_RE = re.compile(r"\b(?:kondisi\s+awal|baseline|base\s+line|tahun\s+dasar|data\s+dasar|"
                               r"capaian\s+awal|nilai\s+awal|awal\s+periode)\b", re.IGNORECASE)


def _baseline_year(ctx: CheckContext, a: int) -> bool:
    """The report gives the first year ``a`` of a plan as its baseline: a table header cell
    "Kondisi Awal (2021)" / "Baseline 2021", or a sentence "kondisi awal tahun 2021"."""
    cache = ctx.__dict__.setdefault("_yr_baseline", {})
    if a in cache:
        return bool(cache[a])
    ya = str(a)
    found = False
    for b in ctx.document.blocks:
        if b.kind == "table":
            head = [c for r in b.rows[:3] for c in r.cells]
            cols = {c.col for c in head if _BASELINE_WORD_RE.search(c.text)}
            if any(c.col in cols and ya in c.text for c in head):
                found = True
                break
            continue
        if any(ya in b.text[m.end():m.end() + 30] for m in filtered_finditer(_BASELINE_WORD_RE, b.text)):
            found = True
            break
    cache[a] = found
    return found


def _continued(ctx: CheckContext, block: Any) -> tuple[str, str]:
    """The previous and next paragraphs when ``block`` continues a sentence over line
    blocks (text extracted from PDF with one block per line); else empty strings."""
    blocks = ctx.document.blocks
    i = block.index
    ends = re.compile(r"[.!?:;]['\")*_]*\s*$")
    before = after = ""
    if i > 0 and blocks[i - 1].kind == "paragraph" and not ends.search(blocks[i - 1].text):
        before = blocks[i - 1].text
    if i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph" and not ends.search(block.text):
        after = blocks[i + 1].text
    return before, after


# "tahun terakhir (pelaksanaan penuh) sebelum masa transisi": the last year before something
# else, not the last year of the period
_LAST_BEFORE_RE = re.compile(r"\s+(?:[a-z]+\s+){0,3}?sebelum(?:nya)?\b", re.IGNORECASE)


@register
class RenstraYearOrdinal(Rule):
    """The year of the Renstra named wrongly: "Tahun 2022 merupakan tahun ketiga pelaksanaan
    Renstra 2018-2023" (2022 is the fifth year counted from 2018, or the fourth counted from
    2019), "tahun terakhir Renstra 2021-2026" in a 2023 report.

    The position in the plan period tells the reader how much of the period is left and what
    the cumulative targets should be; a stale ordinal is usually copied from an older report.
    The period is the range in the same sentence, or else the Renstra period the report states
    most often. A period is counted from the first year named ("Renstra 2021-2026": 2021 is
    the first year); a period of six calendar years whose first year the report gives as the
    baseline ("Kondisi Awal 2021", "baseline 2021") is counted from the next year. In a
    sentence on whether the plan target is reached ("target akhir Renstra belum tercapai pada
    tahun ke-3 periode Renstra", "pada tahun ke-3 capaian terhadap target jangka menengah
    ...") the ordinal is that of the report year. Sentences about plans ("akan tercapai",
    "ditargetkan") or naming another year are left alone.
    """

    code = "YR111"
    name = "renstra-year-ordinal"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        plan_re, copula, current, ord_re, skip_re, words = _ordinal_data()
        periods: list[tuple[int, int]] | None = None
        # ordinals of "tercapai pada tahun ke-N" sentences: said of the report year; collected
        # first so that the report's own way of counting a six-year period can be told
        reached: list[tuple[Any, int, int, int, int, int, str]] = []
        for unit, block in units(ctx.document):
            if block.kind == "table":
                continue
            # a line break inside a paragraph (PDF text) does not end the sentence here, nor
            # does the end of a line-block that stops without punctuation
            before, after = _continued(ctx, block)
            flat = (before + " " + unit.text + " " + after).replace("\n", " ")
            off = len(before) + 1
            for m in ord_re.finditer(flat, off, off + len(unit.text)):
                b0, e0 = sentence_bounds(flat, m.start(), m.end())
                sent = flat[b0:e0]
                if not plan_re.search(sent):
                    continue
                if skip_re.search(sent) or _REACHED_RE.search(sent):
                    if periods is None:
                        periods = _renstra_periods(ctx)
                    got = _reached_ordinal(sent, m, words, periods, ctx.info.year)
                    if got is not None:
                        reached.append((unit, m.start() - off, m.end() - off, *got, m.group(0)))
                    continue
                ranges = [(int(r.group(1)), int(r.group(2))) for r in _RANGE_RE.finditer(sent)
                          if 3 <= int(r.group(2)) - int(r.group(1)) <= 6
                          or (int(r.group(2)) - int(r.group(1)) == 2
                              and _renstra_context(sent, r.start()))]
                if len(set(ranges)) > 1:
                    continue
                if not ranges and re.search(r"\b(?:renstra|rencana\s+strategis)\s+(?:tersebut|ini|itu)\b", sent, re.I):
                    # "... Renstra Dinas X Tahun 2021-2026. Tahun 2022 merupakan tahun kedua
                    # pelaksanaan Renstra tersebut": the period of the sentence before
                    prev_sent = flat[max(0, flat.rfind(".", 0, max(0, b0 - 1)) + 1):b0]
                    ranges = [(int(r.group(1)), int(r.group(2))) for r in _RANGE_RE.finditer(prev_sent)
                              if 2 <= int(r.group(2)) - int(r.group(1)) <= 6
                              and _renstra_context(prev_sent, r.start())][-1:]
                if ranges:
                    a, b = ranges[0]
                else:
                    if periods is None:
                        periods = _renstra_periods(ctx)
                    if not periods or not re.search(r"renstra|rencana\s+strategis", sent, re.I):
                        continue
                    a, b = periods[0]
                singles = {int(y) for y in _YEAR_TOKEN_RE.findall(_RANGE_RE.sub(" ", sent))}
                if len(singles) > 1:
                    # "Tahun 2023 sebagai tahun kedua Renstra ... target akhir pada tahun 2026":
                    # the year the copula joins to the ordinal is the one it is said of
                    said = re.search(r"\b(20\d\d)\s*,?\s*(?:ini\s+)?(?:merupakan|adalah|sebagai|"
                                     r"yaitu|yakni|ialah|menjadi|memasuki)\s+$",
                                     flat[max(b0, m.start() - 40):m.start()], re.IGNORECASE)
                    if said is None:
                        continue
                    singles = {int(said.group(1))}
                year = next(iter(singles)) if singles else ctx.info.year
                if year is not None and not ranges and not (a <= year <= b):
                    # a report naming two plans (an ended RPJMD, a transition Renstra): the
                    # one whose period holds the year
                    a, b = next(((pa, pb) for pa, pb in periods or () if pa <= year <= pb),
                                (a, b))
                if year is None or not (a <= year <= b):
                    continue
                said_of_year = (copula.search(flat[b0:m.start()])
                                or _YEAR_TOKEN_RE.search(flat[max(b0, m.start() - 40):
                                                                   min(e0, m.end() + 40)])
                                or current.search(sent)
                                or (not singles and _states_report_figure(ctx, sent)))
                if not said_of_year:
                    continue  # "pada tahun pertama Renstra, target ..." is about that year
                if m.group("last"):
                    if year == b or not copula.search(flat[b0:m.start()]) \
                            or _LAST_BEFORE_RE.match(flat, m.end()):
                        continue
                    yield self.issue(
                        unit, m.start() - off, m.end() - off,
                        f"tahun {year} disebut tahun terakhir periode {a}-{b}, padahal tahun "
                        f"terakhir periode itu adalah {b}",
                        expected=f"tahun {b}",
                    )
                    continue
                if m.group("n"):
                    raw = m.group("n").upper()
                    n = int(raw) if raw.isdigit() else _ROMAN_NUM.get(raw, 0)
                else:
                    n = words.get((m.group("w") or m.group("kw") or "").lower(), 0)
                cands = _plan_year_candidates(year, a, b, _baseline_year(ctx, a))
                if year == b and b - a >= 5 and _ALSO_LAST_RE.search(sent) is not None:
                    # "tahun kelima sekaligus tahun terakhir" of a six-year "2019-2024": the
                    # sentence may count the plan's years from the year after the first named
                    cands = sorted({*cands, *_plan_year_candidates(year, a, b, True)})
                if not n or not cands or n in cands:
                    continue
                if len(cands) == 1:
                    want = f"tahun ke-{cands[0]} ({_ORDINAL_NAMES.get(cands[0], '')})"
                    why = f"tahun pertama periode {a}-{b} adalah {a}"
                else:
                    want = (f"tahun ke-{cands[-1]} ({_ORDINAL_NAMES.get(cands[-1], '')}) bila "
                            f"tahun pertamanya {a}, atau tahun ke-{cands[0]} bila tahun "
                            f"pertamanya {a + 1}")
                    why = "kedua cara menghitung tahun pertama periode sudah diperiksa"
                yield self.issue(
                    unit, m.start() - off, m.end() - off,
                    f"\"{m.group(0)}\" tidak cocok untuk tahun {year} dalam periode {a}-{b} "
                    f"({why}); seharusnya {want}",
                    expected=f"tahun ke-{cands[-1]}",
                )
        yield from self._reached_issues(ctx, reached)

    def _reached_issues(self, ctx: CheckContext,
                        reached: list[tuple[Any, int, int, int, int, int, str]]) -> Iterable[Issue]:
        """"Target ... (belum) tercapai pada tahun ke-N": N is the report year's place in the
        period. When both ways of counting a six-year period fit, the one the report itself
        uses most often in such sentences decides; a report using both equally often is held
        to counting from the first year named."""
        year = ctx.info.year
        if year is None:
            return
        votes: Counter[int] = Counter()
        for _u, _s, _e, n, a, b, _t in reached:
            if n in _plan_year_candidates(year, a, b, _baseline_year(ctx, a)):
                votes[n] += 1
        common = votes.most_common(2)
        usual = common[0][0] if common and (len(common) == 1 or common[0][1] > common[1][1]) else None
        for unit, s, e, n, a, b, said in reached:
            cands = _plan_year_candidates(year, a, b, _baseline_year(ctx, a))
            if not cands:
                continue
            if len(cands) > 1 and usual in cands:
                cands = [usual]
            elif len(cands) > 1 and len(votes) > 1:
                # the report counts both ways as often: one of them is wrong; the first year
                # named is the usual first year of the plan
                cands = [cands[-1]]
            if n in cands:
                continue
            want = cands[-1]
            yield self.issue(
                unit, s, e,
                f"\"{said}\" tidak cocok: tahun laporan {year} adalah tahun ke-{want} "
                f"({_ORDINAL_NAMES.get(want, '')}) periode {a}-{b}",
                expected=f"tahun ke-{want}",
            )


_FUTURE_RE = re.compile(r"\b(?:direncanakan|akan|diharapkan|ditargetkan|diproyeksikan)\b",
                        re.IGNORECASE)
_REACHED_RE = re.compile(r"\b(?:tercapai|dicapai|terpenuhi)\b|\bcapaian\w*\s+terhadap\s+target\b",
                         re.IGNORECASE)


def _reached_ordinal(sent: str, m: re.Match[str], words: dict[str, int],
                     periods: list[tuple[int, int]], year: int | None
                     ) -> tuple[int, int, int] | None:
    """(N, first year, last year) when ``m`` is "tahun ke-N" in a sentence on whether the plan
    target is reached in the report year ("target akhir Renstra belum tercapai pada tahun ke-3
    periode Renstra"); None for plans, other years or unknown periods."""
    if year is None or _FUTURE_RE.search(sent) or not _REACHED_RE.search(sent) or m.group("last"):
        return None
    if not re.search(r"\btarget\b", sent, re.IGNORECASE):
        return None
    ranges = {(int(r.group(1)), int(r.group(2))) for r in _RANGE_RE.finditer(sent)
              if 3 <= int(r.group(2)) - int(r.group(1)) <= 6}
    if len(ranges) > 1:
        return None
    a, b = next(iter(ranges)) if ranges else (periods[0] if periods else (0, 0))
    if not a or not a <= year <= b:
        return None
    # another year named (not the report year, not the end year of the target) may be the
    # year meant: "sudah tercapai pada tahun ke-2 (2022)"
    singles = {int(y) for y in _YEAR_TOKEN_RE.findall(_RANGE_RE.sub(" ", sent))} - {year, b}
    if singles:
        return None
    if m.group("n"):
        raw = m.group("n").upper()
        n = int(raw) if raw.isdigit() else _ROMAN_NUM.get(raw, 0)
    else:
        n = words.get((m.group("w") or m.group("kw") or "").lower(), 0)
    return (n, a, b) if n else None


def _header_years(table: Any) -> set[int]:
    rows = table.header_rows() or table.rows[:2]
    out: set[int] = set()
    for r in rows:
        for c in r.cells:
            out |= {int(y) for y in _YEAR_TOKEN_RE.findall(_RANGE_RE.sub(" ", c.text))}
    return out


_PLAN_TARGET_CELL_RE = re.compile(r"\b(?:target|sasaran)\b[^|]{0,30}?\b(?:akhir|renstra|rpjmd|rpjmn|rpjm|"
                                  r"periode|jangka\s+menengah)\b|\b(?:renstra|rpjmd|rpjmn|proyeksi)\b",
                                  re.IGNORECASE)


def _header_cell_years(table: Any, rx: re.Pattern[str]) -> set[int]:
    """Years named in the header cells that ``rx`` finds."""
    rows = table.header_rows() or table.rows[:2]
    return {int(y) for r in rows for c in r.cells if rx.search(c.text)
            for y in _YEAR_TOKEN_RE.findall(_RANGE_RE.sub(" ", c.text))}


def _plan_target_years(table: Any) -> set[int]:
    """Years named in header cells of a plan's end target ("Target Akhir Renstra 2024",
    "Target RPJMD 2026", "Kondisi Akhir Renstra (2026)")."""
    return _header_cell_years(table, _PLAN_TARGET_CELL_RE)


_TARGET_CELL_RE = re.compile(r"\b(?:target|sasaran|proyeksi)\b", re.IGNORECASE)


def _target_years(table: Any) -> set[int]:
    """Years named in header cells of a target ("Target 2026", "Proyeksi 2025")."""
    return _header_cell_years(table, _TARGET_CELL_RE)


# captions whose year may belong to a benchmark or an earlier period, not to the columns
_OTHER_YEAR_CAPTION_RE = re.compile(r"\b(?:perbandingan|dibandingkan|dibanding|nasional|"
                                    r"standar|lalu|sebelumnya|sejak|s\.?d\.?|sampai|kumulatif)\b",
                                    re.IGNORECASE)
_TITLE_YEAR_RE = re.compile(r"\btahun\s+(?:anggaran\s+)?(20\d\d)\b(?!\s*[-–]\s*20\d\d)"
                            r"|\bT\.?A\.?\s+(20\d\d)\b", re.IGNORECASE)


def _page_furniture(blocks: list[Any]) -> set[str]:
    """Running headers/footers of text extracted from PDF (lines repeated at page breaks)."""
    from drafter.tables.flat import running_headers

    lines: list[str] = []
    for b in blocks:
        if b.kind != "table":
            lines.extend(b.text.split("\n"))
            lines.append("")
    return running_headers(lines)


def _is_furniture(text: str, running: set[str]) -> bool:
    from drafter.tables.flat import _PAGE_RE, without_page_number

    s = text.strip()
    return bool(_PAGE_RE.match(s)) or s in running or without_page_number(s) in running


# the word after the subject of a comparison title ("Perbandingan X Tahun N dengan ...")
_COMPARED_WITH_RE = re.compile(r"\b(?:dengan|dibandingkan|dibanding|terhadap)\b", re.IGNORECASE)
_TITLE_RANGE_RE = re.compile(r"\btahun\s+((?:19|20)\d\d)\s*(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?|dan)"
                             r"\s*(?:tahun\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
# "Perbandingan Realisasi 2019-2021": a bare range after the title's words (not the period of a
# plan: "Target Renstra 2019-2024")
_TITLE_BARE_RANGE_RE = re.compile(r"(?<!\w)(?<![\-–—/])((?:19|20)\d\d)\s*(?:-|–|—|s\.?\s?d\.?)\s*((?:19|20)\d\d)\b(?!\s*[\-–—/])",
                                  re.IGNORECASE)
_PLAN_BEFORE_RE = re.compile(r"\b(?:renstra|rpjmd|rpjmn|rpjm|periode|rencana\s+strategis|jangka\s+menengah|"
                             r"renja|rkpd|perubahan)\W*(?:\w+\W+){0,3}$", re.IGNORECASE)


_LOOK_BACK_RE = re.compile(r"\b(?:sebelumnya|lalu|kemarin)\b", re.IGNORECASE)
_TA_BEFORE_RE = re.compile(r"(?:\btahun\s+anggaran|\bT\.?\s?A\.?)\s*$", re.IGNORECASE)


@register
class CaptionColumnYear(Rule):
    """A table whose title names another year than its columns: "Tabel 3.1 Pengukuran Kinerja
    Tahun 2022" above the columns "Target 2023 | Realisasi 2023 | Capaian" in a 2023 report.

    The title and the columns describe the same figures; a title left from last year's report
    makes the reader doubt which year the table covers. A title range ("Tahun 2019-2021")
    above the columns 2020 | 2021 | 2022 is reported too; a plan's end-target column ("Target
    Akhir Renstra 2024") beside them is no year of the data. Otherwise only titles with one year ("Tahun
    2022") are checked, and only when the column headers name the report year and not the
    title's year (comparison tables name both). A measurement table without years in its
    columns ("Tabel 9. Capaian Kinerja Tahun 2023" above Target | Realisasi | Capaian in a 2024
    report) is reported when a comparison table gives its realisasi as the report year's
    values (and none as the title year's).
    """

    code = "YR112"
    name = "caption-column-year"
    category = "year"
    severity = "error"

    def _range(self, table: Any, parts: list[Any], year: int | None) -> Issue | None:
        """A title with a year range ("Perbandingan Capaian Tahun 2020-2021") above columns
        that run up to the report year beyond it (2021, 2022 in a 2022 report)."""
        if year is None:
            return None
        hits = [(p, m) for p in parts for m in _TITLE_RANGE_RE.finditer(p.text)]
        if not hits:
            hits = [(p, m) for p in parts for m in _TITLE_BARE_RANGE_RE.finditer(p.text)
                    if not _PLAN_BEFORE_RE.search(p.text[:m.start()])]
        if len(hits) != 1:
            return None
        cap, m = hits[0]
        a, b = int(m.group(1)), int(m.group(2))
        if 0 < b - a <= 10 and b == year:
            # "Perbandingan Realisasi Kinerja Tahun 2020-2023" above 2021 | 2022 | 2023: the
            # first year of the title has no column
            upto = {c for c in _header_years(table) if c <= year}
            if len(upto) >= 2 and max(upto) == year and min(upto) > a \
                    and upto == set(range(min(upto), year + 1)):
                want = f"{min(upto)}-{year}"
                return self.issue(
                    cap, m.start(1), m.end(2),
                    f"judul tabel menyebut tahun {a}-{b}, padahal kolom tabelnya hanya memuat tahun "
                    f"{', '.join(str(y) for y in sorted(upto))}; seharusnya tahun {want}",
                    expected=want,
                )
            return None
        if not 0 < b - a <= 10 or year <= b:
            return None
        cols = _header_years(table)
        later = {c for c in cols if c > year}
        if later:
            # "Target Akhir Renstra 2024", "Target RPJMD 2026": a plan target beside the
            # realisasi columns is no year of the data; any other later year leaves it unsure
            if not later <= _plan_target_years(table) | _target_years(table):
                return None
            cols -= later
        if len(cols) < 2 or year not in cols or max(cols) != year or cols <= set(range(a, b + 1)):
            return None
        want = f"{min(cols)}-{max(cols)}"
        return self.issue(
            cap, m.start(1), m.end(2),
            f"judul tabel menyebut tahun {a}-{b}, padahal kolom tabelnya memuat data tahun "
            f"{', '.join(str(y) for y in sorted(cols))}; seharusnya tahun {want}",
            expected=want,
        )

    def _comparison(self, table: Any, parts: list[Any], year: int | None) -> Issue | None:
        """A comparison title whose own year is not the report year ("Perbandingan Realisasi
        Tahun 2022 dengan Target Akhir Renstra", "... Tahun 2022 dengan Tahun Sebelumnya")
        above columns of the report year, when the title never names the report year."""
        if year is None:
            return None
        cols = _header_years(table)
        if year not in cols:
            return None
        text = " ".join(p.text for p in parts)
        if str(year) in _YEAR_TOKEN_RE.findall(text) or _TITLE_RANGE_RE.search(text):
            return None
        for p in parts:
            w = _COMPARED_WITH_RE.search(p.text)
            if w is None:
                continue
            subject = [m for m in _TITLE_YEAR_RE.finditer(p.text, 0, w.start())]
            if len(subject) != 1:
                return None
            m = subject[0]
            cy = int(m.group(1) or m.group(2))
            if cy >= year or re.search(r"\b(?:lalu|sebelumnya|sejak|awal)\b", p.text[:m.start()],
                                       re.IGNORECASE):
                return None
            s, e = m.span(1) if m.group(1) else m.span(2)
            return self.issue(
                p, s, e,
                f"judul tabel membandingkan data tahun {cy}, padahal kolom tabelnya memuat data "
                f"tahun {year} (tahun laporan); seharusnya tahun {year}",
                expected=str(year),
            )
        return None

    @staticmethod
    def _holds_year(ctx: CheckContext, table: Any, year: int, cy: int) -> bool:
        """The measurement table ``table`` (no year in its columns) holds the report year's
        realisasi: for at least two indicators a comparison table gives its realisasi as the
        value of ``year`` and another value for ``cy``, and for none as the value of ``cy``."""
        if ctx.tables.role_of(table) != "3.1":
            return False
        agree = 0
        for g in _indicator_groups(ctx):
            own = [r for r in g if r.table is table and r.get("realisasi") is not None]
            if len(own) != 1:
                continue
            v = own[0].get("realisasi").value  # type: ignore[union-attr]
            if v is None:
                continue
            for r in g:
                if r.table is table:
                    continue
                a, b = r.get(f"realisasi:{year}"), r.get(f"realisasi:{cy}")
                if a is None or b is None or a.value is None or b.value is None:
                    continue
                if b.value == v:
                    return False
                if a.value == v:
                    agree += 1
                    break
        return agree >= 2

    @staticmethod
    def _budget_of_year(ctx: CheckContext, table: Any, year: int, cy: int) -> bool:
        """The budget table ``table`` (no year in its columns) is the report year's: an amount of
        its total row is stated in a sentence that names ``year`` ("Total pagu anggaran Dinas
        tahun 2023 sebesar Rp 5.793.650.000"), and no sentence gives it for ``cy``."""
        totals: set[Any] = set()
        for role in ("3.6", "3.8"):
            for r in ctx.tables.budget(role):
                if r.table is not table or r.level != "total":
                    continue
                totals.update(vc.num.value for vc in r.values.values()
                              if vc.num is not None and vc.num.value >= 1_000_000)
        if not totals:
            return False
        ys, ycs = str(year), str(cy)
        said = False
        for b in ctx.document.blocks:
            if b.kind == "table":
                continue
            nums = [n for n in scan_numbers(b.text)
                    if not n.is_year and n.value is not None and n.value in totals]
            if not nums:
                continue
            # a paragraph of PDF text comes one line a block: its sentence goes on around it
            before, after = _continued(ctx, b)
            flat = (before + " " + b.text + " " + after).replace("\n", " ")
            off = len(before) + 1
            for n in nums:
                sb, se = sentence_bounds(flat, off + n.start, off + n.end)
                years = set(_YEAR_TOKEN_RE.findall(flat[sb:se]))
                if ycs in years:
                    return False
                # (a sentence without a year in a paragraph about the report year only: "...
                # Realisasi anggaran sebesar Rp3.976.455.000 dari pagu Rp4.225.000.000")
                said = said or years == {ys} or (
                    not years and set(_YEAR_TOKEN_RE.findall(_RANGE_RE.sub(" ", flat))) <= {ys}
                    and not _LOOK_BACK_RE.search(flat[sb:se]))
        return said

    @staticmethod
    def _pk_of_year(ctx: CheckContext, table: Any) -> bool:
        """The Perjanjian Kinerja table ``table`` (no year in its columns) holds the targets of
        the measurement table (which is the report year's): at least two of its indicators,
        and most of those compared, have the same target there."""
        from drafter.check.fuzzy import similarity

        if ctx.tables.role_of(table) != "PK":
            return False
        mains = [r for r in ctx.tables.rows("3.1") if not r.is_average and r.get("target") is not None]
        if not mains:
            return False
        agree = compared = 0
        for r in ctx.tables.rows("PK"):
            tv = r.get("target")
            if r.table is not table or tv is None or tv.num is None or not r.name.strip():
                continue
            scored = sorted(((similarity(r.name, m.name), i) for i, m in enumerate(mains)), reverse=True)
            if scored[0][0] < 0.8 or (len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.05):
                continue
            mv = mains[scored[0][1]].get("target")
            if mv is None or mv.num is None:
                continue
            compared += 1
            agree += mv.num.value == tv.num.value
        return agree >= 2 and agree * 2 > compared

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        blocks = ctx.document.blocks
        furniture: set[str] | None = None
        for t in ctx.document.tables():
            cap: TextUnit | None = None
            if t.caption_block is not None and 0 <= t.caption_block < len(blocks):
                cap = blocks[t.caption_block]
            else:
                for nb in reversed(blocks[max(0, t.index - 3):t.index]):
                    if nb.kind == "table":
                        break
                    if _CAPTION_START_RE.match(nb.text) or nb.kind == "caption":
                        cap = nb
                        break
            if cap is None:
                continue
            # "Tabel 3.1" with its title on the next line(s); a page break between the title
            # and the table (page number, running header of PDF text) is no part of the title
            between = blocks[getattr(cap, "index", t.index) + 1:t.index]
            if furniture is None and between:
                furniture = _page_furniture(blocks)
            parts = [cap] + [nb for nb in between
                             if nb.kind != "table" and len(nb.text) < 250
                             and not _is_furniture(nb.text, furniture or set())][:2]
            text = " ".join(p.text for p in parts)
            if len(text) > 300:
                continue
            issue = self._range(t, parts, year)
            if issue is not None:
                yield issue
                continue
            if _OTHER_YEAR_CAPTION_RE.search(text):
                issue = self._comparison(t, parts, year)
                if issue is not None:
                    yield issue
                continue
            if year is not None and not _YEAR_TOKEN_RE.search(text):
                issue = self._untitled_header(ctx, t, year)
                if issue is not None:
                    yield issue
                continue
            if len({m.group(1) or m.group(2) for m in _TITLE_YEAR_RE.finditer(text)}) != 1:
                continue
            if len(set(_YEAR_TOKEN_RE.findall(_RANGE_RE.sub(" ", text)))) != 1:
                continue
            hit = next(((p, fm) for p in parts
                        for fm in [list(_TITLE_YEAR_RE.finditer(p.text))] if fm), None)
            if hit is None:
                continue
            cap, found = hit
            cy = int(found[0].group(1) or found[0].group(2))
            cols = _header_years(t)
            by_values = by_targets = by_budget = False
            if not cols and year is not None and year - 3 <= cy < year \
                    and self._holds_year(ctx, t, year, cy):
                cols, by_values = {year}, True  # no year in the columns; values of the report year
            elif not cols and year is not None and year - 3 <= cy < year \
                    and self._budget_of_year(ctx, t, year, cy):
                cols, by_budget = {year}, True  # a budget table whose total the text gives for the year
            elif not cols and year is not None and year < cy <= year + 2 \
                    and self._pk_of_year(ctx, t):
                # the PK of the report year titled with the next year (an earlier year: YR101)
                cols, by_targets = {year}, True
            if not cols or cy in cols:
                continue
            role = ctx.tables.role_of(t)
            if year is not None and cy == year and len(cols) == 1 and (
                    (year - 3 <= min(cols) < year
                     and (role == "3.1" or (role == "PK" and self._target_header(t, min(cols)))))
                    # "Tabel 3 Perjanjian Kinerja ... Tahun 2022" above "Target 2023" in a 2022
                    # report: the title and the report agree, the target column does not
                    or (min(cols) == year + 1 and role in ("3.1", "PK")
                        and self._target_header(t, min(cols))
                        and not cols <= _plan_target_years(t))):
                # "Tabel 5 Pengukuran Kinerja ... Tahun 2023" above a header "Tahun 2022 | Target |
                # Realisasi | Capaian": the header is last year's
                issue = self._header_issue(t, next(iter(cols)), year,
                                           "judul tabel dan laporan ini untuk tahun")
                if issue is not None:
                    yield issue
                continue
            if year is not None:
                if year not in cols or cy == year:
                    continue
                want = year
            elif len(cols) == 1:
                want = next(iter(cols))
            else:
                continue
            s, e = found[0].span(1) if found[0].group(1) else found[0].span(2)
            if by_budget and _TA_BEFORE_RE.search(cap.text[:s]):
                continue  # "Tahun Anggaran 2022" in the title: YR101 reports it
            what = (f"realisasi di tabel ini sama dengan realisasi tahun {want} pada tabel "
                    f"perbandingan" if by_values else
                    f"jumlah di tabel ini sama dengan anggaran tahun {want} yang disebut di teks"
                    if by_budget else
                    f"target di tabel ini sama dengan target tahun {want} pada "
                    f"{ctx.tables.name('3.1')}" if by_targets else
                    f"kolom tabelnya memuat data tahun {want}")
            yield self.issue(
                cap, s, e,
                f"judul tabel menyebut tahun {cy}, padahal {what}; seharusnya tahun {want}",
                expected=str(want),
            )


    def _header_issue(self, t: Any, old_y: int, year: int, why: str) -> Issue | None:
        cell = next((c for r in (t.header_rows() or t.rows[:2]) for c in r.cells
                     if str(old_y) in c.text), None)
        if cell is None:
            return None
        k = cell.text.find(str(old_y))
        return self.issue(
            cell, k, k + 4,
            f"kepala kolom tabel menyebut tahun {old_y}, padahal {why} {year}; "
            f"seharusnya tahun {year}",
            expected=str(year),
        )

    def _untitled_header(self, ctx: CheckContext, t: Any, year: int) -> Issue | None:
        """The measurement table under a title without a year ("Tabel 3.3 Pengukuran Kinerja
        Dinas X") whose one header year ("Tahun 2023 | Target | Realisasi | Capaian") is an
        earlier year than the report's, while its targets are those of the report year's
        Perjanjian Kinerja and no other measurement table names the report year."""
        from drafter.check.fuzzy import similarity

        if ctx.tables.role_of(t) != "3.1":
            return None
        cols = _header_years(t) - _plan_target_years(t)
        if len(cols) != 1 or not year - 3 <= min(cols) < year or _header_years(t) != cols:
            return None
        if any(ctx.tables.role_of(o) == "3.1" and year in _header_years(o)
               for o in ctx.document.tables() if o is not t):
            return None
        pk_tables = {id(o) for o in ctx.document.tables() if ctx.tables.role_of(o) == "PK"
                     and _header_years(o) == {year}}
        pk = [r for r in ctx.tables.rows("PK") if id(r.table) in pk_tables
              and r.get("target") is not None and r.get("target").num is not None]  # type: ignore[union-attr]
        if not pk:
            return None
        agree = compared = 0
        for r in ctx.tables.rows("3.1"):
            tv = r.get("target")
            if r.table is not t or r.is_average or tv is None or tv.num is None or not r.name.strip():
                continue
            scored = sorted(((similarity(r.name, m.name), i) for i, m in enumerate(pk)), reverse=True)
            if scored[0][0] < 0.8 or (len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.05):
                continue
            compared += 1
            agree += pk[scored[0][1]].get("target").num.value == tv.num.value  # type: ignore[union-attr]
        if agree < 2 or agree * 4 < compared * 3:
            return None
        return self._header_issue(t, min(cols), year,
                                  f"targetnya sama dengan Perjanjian Kinerja tahun {year} dan laporan "
                                  f"ini untuk tahun")

    @staticmethod
    def _target_header(table: Any, y: int) -> bool:
        """A header cell names ``y`` as the year of the targets ("Target 2022")."""
        return any(str(y) in c.text and re.search(r"\btarget\b", c.text, re.IGNORECASE)
                   for r in (table.header_rows() or table.rows[:2]) for c in r.cells)


_PK_TITLE_RE = re.compile(r"^[\s#*_]*(?:[A-H]\.\s*)?(?:lampiran(?:\s+[IVX\d]{1,4})?\s*[.:\-]?\s*)?"
                          r"perjanjian\s+kinerja\b(?P<rest>[^\n]{0,60})$",
                          re.IGNORECASE)
_DATE_LINE_RE = re.compile(r"^[\s*_]*[A-Z][A-Za-z .'\-]{1,40},\s*(?:tanggal\s+)?(?:(?P<d>\d{1,2})\s+)?"
                           r"(?P<m>[A-Za-z]{3,10})\s+(?P<y>(?:19|20)\d\d)\b[\s*_]*$")
_PK_BODY_RE = re.compile(r"\bpihak\s+(?:pertama|kedua)\b|\bbertanda\s*tangan\b", re.IGNORECASE)
# "Perjanjian Kinerja Tahun 2023 ditandatangani ... pada tanggal 3 Februari 2024" ("T.A. 2022")
_PK_PROSE_RE = re.compile(
    r"(?:\bperjanjian\s+kinerja\b|\b(?-i:PK)\b)(?P<pk>(?!\s+perubahan)(?:[^.;]|(?<=\b[A-Z])\.){0,90}?)\s+(?:telah\s+|sudah\s+)?"
    r"(?:di\s*tanda\s*tangani|ditandatangani|disepakati|ditetapkan|disahkan)\b(?P<gap>[^.;]{0,160}?)"
    r"(?:(?:tanggal|tgl\.?|pada)\s+|(?P<comma>,)\s*(?:tanggal\s+|tgl\.?\s*)?)(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3,10})\s+(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE)

# "<place>, <date>" after the signing verb is the PK's own date only when no other clause or
# verb comes between ("di Jember, 3 Januari 2024", not "..., sedangkan laporan disusun di Maros, ...")
_GAP_CLAUSE_RE = re.compile(r"\b(?:sedangkan|sementara|namun|tetapi|kemudian|lalu|adapun|serta|"
                            r"laporan)\b|\b(?-i:(?:di|me|ber|ter)[a-z]{4,})",
                            re.IGNORECASE)


def _pk_units(blocks: list[Any]) -> Iterable[TextUnit]:
    """Prose blocks, and the cells of tables (a PK signature block laid out as a table)."""
    for b in blocks:
        if b.kind == "table":
            yield from b.cells()
        else:
            yield b


def _pk_date_ok(pk_year: int, year: int, month: int) -> bool:
    """A PK of ``pk_year`` may be signed in the second half of the year before (after the
    budget is set) or during its own year (a PK Perubahan)."""
    return year == pk_year or (year == pk_year - 1 and month >= 7)


@register
class PerjanjianKinerjaDate(Rule):
    """A Perjanjian Kinerja dated outside its period: the PK for 2023 signed "Jember, 2
    Januari 2024", or "..., 5 Januari 2021" for the PK of 2023.

    The PK of year N is signed at the end of year N-1 or early in year N (a PK Perubahan
    during year N); a date after year N means the target was set after the results were
    known, and a date before the second half of N-1 (before the budget of year N exists)
    means the page was copied from an older PK. The PK year is
    the year in its title ("PERJANJIAN KINERJA TAHUN 2023"), else the report year; the date is
    the first "<place>, <day> <month> <year>" line after "pihak pertama/kedua" in the PK.
    """

    code = "YR113"
    name = "pk-date"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.rules.structure import daftar_blocks

        months = _months()
        blocks = ctx.document.blocks
        toc = daftar_blocks(ctx)
        done: set[int] = set()
        for i, b in enumerate(blocks):
            if b.kind == "table" or len(b.text) > 90 or i in toc:
                continue
            m = _PK_TITLE_RE.match(b.text)
            if not m or "...." in b.text:
                continue
            ym = re.search(r"\b(20\d\d)\b", m.group("rest"))
            pk_year = int(ym.group(1)) if ym else ctx.info.year
            if pk_year is None:
                continue
            body = False
            for nb in _pk_units(blocks[i + 1:i + 80]):
                if (_PK_TITLE_RE.match(nb.text) and len(nb.text) <= 90 and not body) or \
                        _BAB_RE.match(nb.text):
                    break
                if _PK_BODY_RE.search(nb.text):
                    body = True
                    continue
                dm = _DATE_LINE_RE.match(nb.text.strip()) if body else None
                if dm is None or months.get(dm.group("m").lower()) is None:
                    continue
                if id(nb) in done:
                    break
                done.add(id(nb))
                dy = int(dm.group("y"))
                if _pk_date_ok(pk_year, dy, months.get(dm.group("m").lower()) or 12):
                    break
                when = "sesudah" if dy > pk_year else "jauh sebelum"
                start = dm.start("d") if dm.group("d") else dm.start("m")
                day = f"{dm.group('d')} " if dm.group("d") else ""
                yield self.issue(
                    nb, start, dm.end("y"),
                    f"Perjanjian Kinerja tahun {pk_year} bertanggal {day}"
                    f"{dm.group('m')} {dy}, {when} tahun kinerjanya; PK tahun {pk_year} "
                    f"ditandatangani akhir tahun {pk_year - 1} atau awal tahun {pk_year}",
                    expected=f"tanggal pada akhir {pk_year - 1} atau awal {pk_year}",
                )
                break
        yield from self._prose(ctx, months)

    def _prose(self, ctx: CheckContext, months: dict[str, int]) -> Iterable[Issue]:
        """The signing date told in a sentence ("Perjanjian Kinerja Tahun 2023 ditandatangani
        ... pada tanggal 3 Februari 2024"); the lines of a hard-wrapped paragraph are read as one."""
        from drafter.check.claims_parse import logical_blocks

        for b in (x for x in logical_blocks(ctx) if x.kind != "table"):
            if "erjanjian" not in b.text and "PK" not in b.text:
                continue
            for m in _PK_PROSE_RE.finditer(b.text):
                if months.get(m.group("m").lower()) is None:
                    continue
                if m.group("comma") and _GAP_CLAUSE_RE.search(m.group("gap")):
                    continue  # "..., sedangkan laporan ini disusun di Maros, 15 Februari 2024"
                ym = re.search(r"\b(20\d\d)\b", m.group("pk"))
                pk_year = int(ym.group(1)) if ym else ctx.info.year
                if pk_year is None:
                    continue
                dy = int(m.group("y"))
                if _pk_date_ok(pk_year, dy, months.get(m.group("m").lower()) or 12):
                    continue
                when = "sesudah" if dy > pk_year else "jauh sebelum"
                yield self.issue(
                    b, m.start("d"), m.end("y"),
                    f"Perjanjian Kinerja tahun {pk_year} ditandatangani {m.group('d')} "
                    f"{m.group('m')} {dy}, {when} tahun kinerjanya; PK tahun {pk_year} "
                    f"ditandatangani akhir tahun {pk_year - 1} atau awal tahun {pk_year}",
                    expected=f"tanggal pada akhir {pk_year - 1} atau awal {pk_year}",
                )


# the signatory line under a report's signature date ("Kepala Dinas ...", "Camat ...", "Plt.
# Inspektur ...", "a.n. Bupati ...")
_SIGNER_RE = re.compile(
    r"^[\s*_]*(?:a\.?\s?n\.?\s+)?(?:(?:Plt|Plh|Pj|Pjs)\.?\s+)?(?:kepala|camat|inspektur|direktur|"
    r"sekretaris|lurah|kabag|kepala\s+bagian|bupati|wali\s*kota|gubernur|menteri|sekda|"
    r"sekretaris\s+daerah|ketua|deputi|rektor|dirjen|sekjen|irjen|inspektur\s+jenderal|"
    r"direktur\s+jenderal|sekretaris\s+jenderal|plt\b|plh\b|pj\b)\b", re.IGNORECASE)
_LAMPIRAN_RE = re.compile(r"^[\s#*_]*lampiran\b", re.IGNORECASE)
# the title of a document attached to the report (its own signature and date)
_ATTACHED_DOC_RE = re.compile(r"^[\s#*_]*(?:[\w.]+\s+){0,3}(?:perjanjian\s+kinerja|rencana\s+aksi|"
                              r"rencana\s+kinerja\s+tahunan|surat\s+keputusan|keputusan|pernyataan|"
                              r"indikator\s+kinerja\s+utama)\b", re.IGNORECASE)
_BODY_CHAPTER_RE = re.compile(r"^[\s#*_]*(?:BAB\s+[IVX]+\b|kata\s+pengantar\b|penutup\b)",
                              re.IGNORECASE)


@register
class ReportSigningDate(Rule):
    """The report itself signed within the year it reports on: an LKIP for 2021 closed with
    "Bantul, 31 Januari 2021" (the Kata Pengantar says 31 Januari 2022).

    A performance report accounts for a whole year, so it is signed after that year ends,
    usually between January and March of the next year. A signature date in the report year
    (before December) or earlier was left from last year's file. Only the signature blocks of
    the report itself are read: a "<place>, <day> <month> <year>" line followed by the
    signatory's jabatan, in the Kata Pengantar or in the closing chapter; Perjanjian Kinerja
    pages, decrees and the lampiran are left to their own rules.
    """

    code = "YR114"
    name = "report-signing-date"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        if year is None:
            return
        from drafter.check.rules.structure import daftar_blocks

        months = _months()
        blocks = ctx.document.blocks
        closing = _closing_blocks(ctx)
        toc = daftar_blocks(ctx)
        in_body = True  # before a LAMPIRAN heading or a PK page
        for i, b in enumerate(blocks):
            if i in toc:
                continue
            text = b.text.strip()
            if b.kind != "table":
                if len(text) <= 90 and (_LAMPIRAN_RE.match(text) or _PK_TITLE_RE.match(text) or (
                        _ATTACHED_DOC_RE.match(text) and (b.kind == "heading" or text.isupper()))):
                    in_body = False
                elif len(text) <= 90 and _BODY_CHAPTER_RE.match(text):
                    in_body = True
            if not in_body or (b.chapter and i not in closing):
                continue  # a date inside the chapters is not the report's own signature
            if b.kind == "table":
                cells = list(b.cells())
                if _PK_BODY_RE.search(" ".join(c.text for c in cells)):
                    continue  # a PK signature table (YR113)
                found = [(c, self._signed(c.text, [], months)) for c in cells]
            else:
                near = [nb.text for nb in blocks[i + 1:i + 4] if nb.kind != "table"]
                around = " ".join(nb.text for nb in blocks[max(0, i - 4):i + 4] if nb.kind != "table")
                if _PK_BODY_RE.search(around) or re.search(r"\bditetapkan\s+di\b", around, re.IGNORECASE):
                    continue
                found = [(b, self._signed(b.text, near, months))]
            for unit, hit in found:
                if hit is None:
                    continue
                s0, e0, dy, month = hit
                day = re.match(r"\D*(\d{1,2})\s", unit.text[s0:e0])
                if dy > year or (dy == year and month == 12 and (day is None or int(day.group(1)) >= 28)):
                    continue  # after the year, or in its last days (the year's figures are in)
                yield self.issue(
                    unit, s0, e0,
                    f"Laporan Kinerja tahun {year} bertanggal {unit.text[s0:e0]}, "
                    f"sebelum tahun {year} berakhir; laporan kinerja tahun {year} ditandatangani "
                    f"sesudah tahun itu selesai (awal tahun {year + 1})",
                    expected=f"tanggal pada tahun {year + 1}",
                )

    @staticmethod
    def _signed(text: str, near: list[str], months: dict[str, int]) -> tuple[int, int, int, int] | None:
        """(start, end, year, month) of a signature date in ``text``: a date line followed by
        the signatory's jabatan on the next line(s) of the same text or in ``near``."""
        if len(text) > 400:
            return None
        for lm in re.finditer(r"[^\n]+", text):
            line = lm.group()
            dm = _DATE_HEAD_RE.match(line)
            if dm is None or months.get(dm.group("m").lower()) is None:
                continue
            rest = line[dm.end():].strip()
            if rest and len(text) > 200:
                continue  # a long line starting with a date is prose, not a signature block
            following = [rest] if rest else []
            following += [t for t in text[lm.end():].split("\n") if t.strip()][:3] + near
            if not any(_SIGNER_RE.match(t) for t in following[:3]):
                continue
            start = dm.start("d") if dm.group("d") else dm.start("m")
            return (lm.start() + start, lm.start() + dm.end("y"), int(dm.group("y")),
                    months[dm.group("m").lower()])
        return None


# a signature date at the start of a line; the jabatan may follow on the same line (a joined
# Markdown paragraph or table cell)
_DATE_HEAD_RE = re.compile(r"^[\s*_]*[A-Z][A-Za-z .'\-]{1,40},\s*(?:tanggal\s+)?(?:(?P<d>\d{1,2})\s+)?"
                           r"(?P<m>[A-Za-z]{3,10})\s+(?P<y>(?:19|20)\d\d)\b[\s*_,]*")

_LABEL_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@register
class RepeatedColumnYear(Rule):
    """A column year repeated in a series of years: "Realisasi 2020 | Realisasi 2021 |
    Realisasi 2021" above the realisations of 2020, 2021 and 2022 in a 2022 report.

    A comparison table gives one column per year; the same year twice in a series that
    otherwise steps one year at a time is a header left from last year's table, and the
    reader cannot tell which column is the report year. Only columns with the same label
    apart from the year are compared, and only when exactly one year is doubled and the
    series has at least three columns; the year that belongs there (the missing step) is
    given. Also a series of realisations that jumps over the report year to the year after it
    ("2023 | 2024 | 2026" in a 2025 report, no target or Renstra in the caption or headers).
    """

    code = "YR115"
    name = "repeated-column-year"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for info in ctx.tables.info.values():
            groups: dict[str, list[tuple[int, int]]] = {}
            for col, label in sorted(info.labels.items()):
                found = _LABEL_YEAR_RE.findall(label)
                if len(found) != 1 or _RANGE_RE.search(label):
                    continue
                # the word next to the year names the series ("Realisasi 2021", "Tahun 2021")
                ym = _LABEL_YEAR_RE.search(label)
                before = re.findall(r"[A-Za-z]+", label[:ym.start()]) if ym else []
                after = re.findall(r"[A-Za-z]+", label[ym.end():]) if ym else []
                base = (before[-1] if before else after[0] if after else "").lower()
                groups.setdefault(base, []).append((col, int(found[0])))
            for series in groups.values():
                hit = self._doubled(series) or self._skipped(ctx, info, series)
                if hit is None:
                    continue
                col, y, want = hit
                cell = self._cell(info, col, y)
                # both columns must print the year in their own header cell (a merged header
                # spread over two sub-columns is one year, not two)
                if cell is None or any(self._cell(info, c, y) is None for c, v in series if v == y):
                    continue
                unit, s, e = cell
                years = ", ".join(str(v) for _c, v in series)
                if [v for _c, v in series].count(y) > 1:
                    msg = f"tahun {y} dipakai dua kali pada judul kolom tabel perbandingan ({years})"
                else:
                    msg = (f"kolom realisasi tahun {y} melompati tahun laporan {want} ({years}); "
                           f"tahun {y} belum berjalan/berakhir")
                yield self.issue(unit, s, e, f"{msg}; kolom ini seharusnya tahun {want}",
                                 expected=str(want))

    @staticmethod
    def _skipped(ctx: CheckContext, info: Any, series: list[tuple[int, int]]) -> tuple[int, int, int] | None:
        """(column, year, report year) of a realisation series that steps one year at a time up
        to the year before the report year and then jumps over it ("2023 | 2024 | 2026" in a
        2025 report): the last column is the report year mistyped. Not for targets or plans."""
        year = ctx.info.year
        years = [y for _c, y in series]
        if year is None or len(years) < 3 or years[-1] != year + 1 or year in years:
            return None
        if any(years[j] - years[j - 1] != 1 for j in range(1, len(years) - 1)) or years[-2] != year - 1:
            return None
        caption = info.block.caption or ""
        head = " ".join([caption, *info.labels.values()])
        if re.search(r"\b(?:target|renstra|rencana|proyeksi|sasaran|rpjmd|akhir)\b", head, re.IGNORECASE):
            return None
        return series[-1][0], years[-1], year

    @staticmethod
    def _doubled(series: list[tuple[int, int]]) -> tuple[int, int, int] | None:
        """(column, year, wanted year) of the one doubled year of a one-step series."""
        years = [y for _c, y in series]
        if len(years) < 3 or len(set(years)) != len(years) - 1:
            return None
        step = 1 if years[-1] >= years[0] else -1
        for k in range(1, len(years)):
            if years[k] != years[k - 1]:
                continue
            # the doubled year breaks the series at k (or at k-1 when k-1 is the odd one out)
            for bad in (k, k - 1):
                fixed = list(years)
                fixed[bad] = (fixed[bad - 1] + step) if bad > 0 else fixed[1] - step
                if all(fixed[j] - fixed[j - 1] == step for j in range(1, len(fixed))):
                    return series[bad][0], years[bad], fixed[bad]
            return None
        return None

    @staticmethod
    def _cell(info: Any, col: int, y: int) -> tuple[TextUnit, int, int] | None:
        rows = info.block.rows
        for ri in reversed(info.header_rows):
            if ri >= len(rows):
                continue
            cells = rows[ri].cells
            if col < len(cells):
                m = _LABEL_YEAR_RE.search(cells[col].text)
                if m and int(m.group(1)) == y:
                    return cells[col], m.start(1), m.end(1)
        return None


def _months() -> dict[str, int]:
    """Indonesian month names (old spellings too) -> month number, from rules/years.yaml."""
    return {str(k).lower(): int(v) for k, v in (_data().get("months") or {}).items()}


_DATE_ANY_RE = re.compile(r"(?<![\w.])(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3,10})\s+(?P<y>(?:19|20)\d\d)\b")


@register
class ImpossibleDate(Rule):
    """A date that does not exist: "Palu, 31 Februari 2025", "31 April 2023", "29 Februari
    2023".

    A signature or decree date that cannot exist was typed by hand over an older one; the
    reader cannot tell which day was meant. Month names are those of rules/years.yaml
    (Indonesian, with old spellings such as "Nopember")."""

    code = "YR116"
    name = "impossible-date"
    category = "other"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        import calendar

        months = _months()
        for unit, _block in units(ctx.document):
            if not _DIGIT_WORD_RE.search(unit.text):
                continue
            for m in _DATE_ANY_RE.finditer(unit.text):
                month = months.get(m.group("m").lower())
                if month is None:
                    continue
                d, y = int(m.group("d")), int(m.group("y"))
                last = calendar.monthrange(y, month)[1]
                if 1 <= d <= last:
                    continue
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"tanggal {m.group(0)} tidak ada: bulan {m.group('m')} {y} hanya sampai tanggal "
                    f"{last}; periksa tanggalnya",
                    expected=f"tanggal 1-{last} {m.group('m')} {y}",
                )


_PAIR_PLAN_RE = re.compile(r"\b(?:target|pagu|anggaran|alokasi|rencana)\b", re.IGNORECASE)
_PAIR_REAL_RE = re.compile(r"\brealisasi\b", re.IGNORECASE)
_PAIR_PLAN_PERIOD_RE = re.compile(r"\b(?:renstra|rpjmd|rpjmn|rpjm|jangka\s+menengah|akhir\s+periode|"
                                  r"target\s+akhir|rencana\s+strategis)\b", re.IGNORECASE)
_PAIR_RESULT_RE = re.compile(r"\b(?:capaian|serapan|penyerapan|sisa|persentase|efisiensi)\b|%", re.IGNORECASE)


@register
class PairedColumnYears(Rule):
    """A target (or pagu) column and its realisasi column headed with different years in one
    table that computes a capaian (or serapan, sisa) from them: "Target 2023 | Realisasi 2024 |
    Capaian (%)" in a 2024 report, "Pagu 2022 (Rp) | Realisasi 2021 (Rp) | Serapan (%)" in a 2022
    report.

    A capaian or serapan compares a year's realisasi with the same year's target or pagu; two
    years in the pair is a header left from another report. Only tables with exactly one
    target/pagu column and one realisasi column, each naming one year, and a result column are
    read (comparison tables name several years on purpose); the year that is not the report
    year is reported.
    """

    code = "YR117"
    name = "paired-column-years"
    category = "year"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        if year is None:
            return
        for t in ctx.document.tables():
            head = t.header_rows() or t.rows[:1]
            plans: list[tuple[Cell, int]] = []
            reals: list[tuple[Cell, int]] = []
            result = False
            for r in head:
                for c in r.cells:
                    text = c.text
                    ys = {int(y) for y in _YEAR_TOKEN_RE.findall(_RANGE_RE.sub(" ", text))}
                    if _PAIR_REAL_RE.search(text):
                        if _PAIR_PLAN_RE.search(text) or len(ys) > 1:
                            reals.append((c, 0))  # "Target/Realisasi 2023": no pair to compare
                        else:
                            reals.append((c, next(iter(ys)) if ys else 0))
                    elif _PAIR_PLAN_RE.search(text) and not _PLAN_TARGET_CELL_RE.search(text):
                        plans.append((c, next(iter(ys)) if len(ys) == 1 else 0))
                    elif _PAIR_RESULT_RE.search(text):
                        result = True
            if not result or len(plans) != 1 or len(reals) != 1:
                continue
            if any(_PAIR_PLAN_PERIOD_RE.search(c.text) for r in head for c in r.cells) or \
                    _PAIR_PLAN_PERIOD_RE.search(t.caption or ""):
                continue  # "Target 2026 | Realisasi 2023 | Capaian thd Renstra": the plan's end
            (pc, py), (rc, ry) = plans[0], reals[0]
            if not py or not ry or py == ry or year not in (py, ry) or abs(py - ry) > 3:
                continue
            cell, wrong = (rc, ry) if py == year else (pc, py)
            m = re.search(rf"\b{wrong}\b", cell.text)
            if m is None:
                continue
            other = "realisasi" if cell is pc else "target/pagu"
            yield self.issue(
                cell, m.start(), m.end(),
                f"kolom ini bertahun {wrong}, padahal kolom {other} pasangannya bertahun {year} "
                f"(tahun laporan) dan capaian/serapan tabel ini membandingkan keduanya; "
                f"seharusnya {year}",
                expected=str(year),
            )
