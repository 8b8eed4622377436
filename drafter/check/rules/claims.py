"""Claim-vs-table rules (CL1xx): sentences about an indicator checked against the tables."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from drafter.check.claims_parse import (
    Value,
    comparator_value,
    containment,
    count_value,
    dec,
    indicator_paragraphs,
    main_rows,
    pattern,
    pct_of_items,
    prose_blocks,
    renstra_start,
    same_value,
    scale_pattern,
    sentences,
    show,
    similarity,
    strip_own_region,
    text_value,
    tokens,
    understated,
    value_of,
    words,
)
from drafter.check.polarity import row_declared_negative, row_declared_positive
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules.arithmetic import _doc_cap_value, _doc_caps, is_negative
from drafter.check.tables import caption_number, table_display_name
from drafter.document.model import Block
from drafter.measure import grade_index
from drafter.numbers import Num, fmt_num, parse_number
from drafter.tables import is_total_label
from drafter.text import analyze
from drafter.text import operand_numbers as scan_numbers
from drafter.text.prefilter import filtered_finditer, filtered_search

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.check.tables import IndicatorRow
    from drafter.text import Mention




def tname(role: str) -> str:
    """How the report names the table of ``role`` ("Tabel 3.4", "Tabel 19"), whatever its number."""
    return table_display_name(role)


def fmt(x: Decimal) -> str:
    return fmt_num(x, 2)


def in_choice(text: str, start: int, end: int) -> bool:
    """True when text[start:end] sits in an unfilled choice bracket such as "(penurunan/kenaikan)"."""
    lo = text.rfind("(", max(0, start - 40), start + 1)
    if lo < 0:
        return False
    hi = text.find(")", start, end + 40)
    if hi < 0:
        return False
    inner = text[lo:hi]
    return "/" in inner or " atau " in inner


def counterpart(ctx: CheckContext, row: IndicatorRow, role: str) -> IndicatorRow | None:
    """The row of ``role`` about the same indicator as ``row``."""
    if row.role == role:
        return row
    cache: dict[tuple[int, str], IndicatorRow | None] = ctx.__dict__.setdefault("_claims_counterpart", {})
    key = (id(row), role)
    if key not in cache:
        cache[key] = _counterpart(ctx, row, role)
    return cache[key]


def _counterpart(ctx: CheckContext, row: IndicatorRow, role: str) -> IndicatorRow | None:
    groups = ctx.__dict__.get("_claims_groups")
    if groups is None:
        try:
            groups = ctx.tables.indicators()
        except Exception:  # noqa: BLE001 - grouping is best effort
            groups = []
        ctx.__dict__["_claims_groups"] = groups
    try:
        for group in groups:
            if any(r is row for r in group):
                for r in group:
                    if r.role == role and not r.is_average:
                        return r
                break
    except Exception:  # noqa: BLE001 - grouping is best effort
        pass
    cands = [r for r in ctx.tables.rows(role) if not r.is_average and tokens(r.name)]
    if not cands:
        return None
    scored = sorted(((max(similarity(row.name, r.name),
                          0.9 * similarity(row.name + " " + (row.sasaran or ""),
                                           r.name + " " + (r.sasaran or ""))), i, r)
                     for i, r in enumerate(cands)), key=lambda t: (-t[0], t[1]))
    best_s, _, best = scored[0]
    mains = main_rows(ctx)
    if best_s >= 0.6 and (len(scored) == 1 or scored[1][0] < best_s - 0.05):
        # one to one: a row that matches another main indicator better belongs to that one
        # ("Produksi perikanan tangkap" is no counterpart of "Produksi perikanan budidaya")
        if any(m is not row and similarity(m.name, best.name) > best_s + 0.05 for m in mains):
            return None
        return best
    if len(mains) == len(cands) and any(r is row for r in mains):
        idx = next(i for i, r in enumerate(mains) if r is row)
        cand = cands[idx]
        if best_s < 0.6 or cand is best:
            return cand
    return None


def negative_polarity(target: Value, real: Value, capaian: Value | None) -> bool:
    """True when the table's capaian is explained by the negative-polarity formula only
    (lower realisasi is better: capaian = (target - (realisasi - target)) / target x 100)."""
    if capaian is None or capaian.num is None or target.num is None or real.num is None:
        return False
    t, r = target.num.value, real.num.value
    if t == 0 or t == r:
        return False
    pos = r / t * 100
    neg = (t - (r - t)) / t * 100
    c = capaian.num.value
    if c == 0 and neg < 0 < pos:
        return True  # the negative formula's result below 0, counted as 0 (the scale's floor)
    # the formula that explains the stated capaian better wins (near the target both formulas
    # give almost the same value, so "explained by one only" is not enough); the negative
    # formula is (2 x target - realisasi)/target or target/realisasi
    negs = [neg] + ([t / r * 100] if r != 0 else [])
    if c >= 100 > pos and c == c.to_integral_value() and any(n > c for n in negs):
        return True  # lower realisasi, capaian at a cap (100%, "paling tinggi 120%")
    return any(capaian.num.explains(n, slack=Decimal("0.5")) and abs(n - c) < abs(pos - c)
               for n in negs)


def _previous_tail(ctx: CheckContext, b: Block) -> str:
    """The end of the prose block before ``b`` (for a paragraph that continues a sentence)."""
    for prev in reversed(ctx.document.blocks[max(0, b.index - 3): b.index]):
        if prev.kind != "table" and prev.text.strip():
            return prev.text[-160:]
    return ""


def lead_in(ctx: CheckContext, b: Block, most: int = 4) -> str:
    """The start of the sentence ``b`` goes on with when it opens mid-sentence (text from a
    flattened PDF: one paragraph per line): the lines before it since their last sentence
    end, or ""."""
    if b.kind != "paragraph" or not re.match(r"\s*[a-z0-9(]", b.text):
        return ""
    parts: list[str] = []
    for prev in reversed(ctx.document.blocks[max(0, b.index - most): b.index]):
        if prev.kind != "paragraph" or not prev.text.strip():
            break
        t = prev.text.rstrip()
        if re.search(r"[.:!?;]['\")]*$", t):
            break
        parts.insert(0, t)
        if not re.match(r"\s*[a-z0-9(]", t):
            break
    text = " ".join(parts)
    spans = list(sentences(text)) if text else []
    return text[spans[-1][0]:] if spans else text


def named_row(ctx: CheckContext, text: str) -> IndicatorRow | None:
    """The main indicator whose name ``text`` (a part of a sentence) clearly contains."""

    best, best_s, second = None, 0.0, 0.0
    for r in main_rows(ctx):
        sc = containment(r.name, text)
        if sc > best_s:
            best, best_s, second = r, sc, best_s
        elif sc > second:
            second = sc
    if best is not None and best_s >= 0.8 and best_s - second >= 0.2:
        return best
    return None


def status_of(target: Value | None, real: Value | None, capaian: Value | None) -> str | None:
    """'melampaui' / 'tercapai' / 'tidak_tercapai' from the table values; the polarity is read
    from the capaian when the table gives one (positive otherwise)."""
    if target is not None and real is not None:
        if target.grade and real.grade and not (target.num and real.num):
            try:
                d = grade_index(real.grade) - grade_index(target.grade)
            except ValueError:
                return None
        elif target.num is not None and real.num is not None:
            d_dec = real.num.value - target.num.value
            if negative_polarity(target, real, capaian):
                d_dec = -d_dec
            d = 1 if d_dec > 0 else -1 if d_dec < 0 else 0
        else:
            d = None  # type: ignore[assignment]
        if d is not None:
            return "melampaui" if d > 0 else "tercapai" if d == 0 else "tidak_tercapai"
    if capaian is not None and capaian.num is not None:
        c = capaian.num.value
        return "melampaui" if c > 100 else "tercapai" if c == 100 else "tidak_tercapai"
    return None


def row_capaian(row: IndicatorRow) -> Value | None:
    """The capaian that tells the indicator's result: a second column limited for the average
    ("Capaian untuk rata-rata") below 100 is the formula's own result (the first column may
    hold realisasi/target of a lower-is-better indicator); else the capaian column."""
    cap = value_of(row.values.get("capaian"))
    capped = value_of(row.values.get("capaian_capped"))
    if capped is not None and capped.num is not None and capped.num.value < 100 and (
            cap is None or cap.num is None or cap.num.value > capped.num.value):
        return capped
    return cap


def row_status(row: IndicatorRow, ctx: CheckContext | None = None) -> str | None:
    tv, rv = value_of(row.values.get("target")), value_of(row.values.get("realisasi"))
    if (ctx is not None and tv is not None and rv is not None and tv.num is not None
            and rv.num is not None and not (tv.grade or rv.grade)
            and row_declared_negative(ctx, row)):
        # the report declares the indicator lower-is-better: realisasi against target
        # decides, whatever formula its capaian column used
        d = tv.num.value - rv.num.value
        return "melampaui" if d > 0 else "tercapai" if d == 0 else "tidak_tercapai"
    st = status_of(tv, rv, row_capaian(row))
    if st in ("melampaui", "tidak_tercapai") and row_capaian(row) is None:
        if _name_negative(row, ctx):  # lower is better and no capaian tells the formula
            st = "tidak_tercapai" if st == "melampaui" else "melampaui"
    return st


def _name_negative(row: IndicatorRow, ctx: CheckContext | None) -> bool:
    """The indicator's name says lower is better, and no polarity column of the report marks
    it "positif" ("Persentase penyelesaian gangguan trantibum" is higher-is-better)."""
    return is_negative(row.name) and not (ctx is not None and row_declared_positive(ctx, row))


class _ClaimRule(Rule):
    category = "claim-vs-table"
    severity = "error"

    def paragraphs(self, ctx: CheckContext) -> Iterator[tuple[Block, IndicatorRow]]:
        """The analysis paragraphs with their indicator; a sentence that names another main
        indicator (its acronym or initials, or its name) and not the paragraph's own is read
        with that indicator: "Sementara itu, NDR tercatat 20‰ ..." inside the BOR paragraph."""
        yield from claim_paragraphs(ctx)

    def where(self, row: IndicatorRow, key: str) -> str:
        vc = row.values.get(key)
        table = caption_number(row.table.caption) or tname(row.role)
        if vc is not None:
            loc = vc.cell.locate()
            return f"{table} (baris {loc.line})"
        return table


# history sentences: clause breaks, the year a clause names, a realisasi figure in it
_HISTORY_CLAUSE_SEP = re.compile(r";|,\s*(?:sedangkan|sementara|tetapi|namun)\b|\s+dan\s+(?=[^.;]*?\btahun\s+20\d\d)",
                                 re.IGNORECASE)
_HISTORY_YEAR_RE = re.compile(r"\btahun\s+(20\d\d)\b(?!\s*[-–]\s*20\d\d)", re.IGNORECASE)
_ATTACHED_YEAR_RE = re.compile(r"\s*(?:%\s*)?(?:[a-z]+\s+)?(?:pada|di)\s+tahun\s+(20\d\d)\b", re.IGNORECASE)
_HISTORY_REAL_RE = re.compile(
    r"\brealisasi(?:nya)?(?:\s+(?:indikator|kinerja|ini|tersebut|itu)){0,3}\s+"
    r"(?:(?:sebesar|adalah|yaitu|mencapai|tercatat|hanya)\s+)?"
    r"(?P<num>\d{1,3}(?:[.,]\d+)?\s?%?)(?![\d.,]\d)", re.IGNORECASE)


@register
class RealisasiClaim(_ClaimRule):
    """A realisasi stated in the analysis ("realisasi tahun 2023 yaitu 100%", "sebesar 85
    menunjukkan capaian ...", "hasil ... tahun 2023 adalah 85 atau BB") differs from the realisasi
    of the same indicator in Tabel 3.1.

    The analysis paragraphs repeat the table's figures; a different figure means one of them
    was copied from another indicator or from last year's report."""

    code = "CL101"
    name = "realisasi-claim"

    _extra = re.compile(
        r"(?:\b(?:hasil|nilai)\b[^.]{0,80}?|(?<![\w-])(?-i:angka)(?:\s+(?:ini|itu|tersebut))?\s+)"
        r"\btahun\s+(?P<year>20\d\d)\s+(?:adalah|yaitu|sebesar)\s+"
        r"(?P<num>\d+(?:[.,]\d+)?(?:\s?%)?(?:\s+atau\s+(?:AA|BB|CC|A|B|C|D)\b)?)", re.IGNORECASE)

    _EARLIER = re.compile(
        r"(?:\(\s*tahun\s+(?P<y1>20\d\d)\s*\)\s*,?\s*realisasi(?:nya)?|"
        r"realisasi(?:nya)?\s+(?:pada\s+)?tahun\s+(?P<y2>20\d\d))\s+"
        r"(?:(?:sebesar|adalah|yaitu|mencapai|tercatat)\s+)?(?P<num>\d{1,3}(?:[.,]\d+)?\s?%?)(?![\d.,]\d)",
        re.IGNORECASE)

    def _earlier(self, ctx: CheckContext, b: Block, row: IndicatorRow, year: int) -> Iterable[Issue]:
        """"Setahun sebelumnya (tahun 2022) realisasinya 88%": an earlier year's realisasi
        against the comparison table's figure of that year."""
        r32 = next((r for role in ("3.2", "3.3", "3.4") for r in [counterpart(ctx, row, role)]
                    if r is not None and any(k.startswith("realisasi:") for k in r.values)), None)
        if r32 is None:
            return  # no table with the realisasi of earlier years
        text = b.text
        found = [(int(m.group("y1") or m.group("y2")), m) for m in self._EARLIER.finditer(text)]
        seen = {m.start("num") for _y, m in found}
        # a clause that names one earlier year and gives its realisasi: "Tahun 2022 mencatat
        # realisasi 95", "Capaian tahun 2022 sebesar 93,75%, dengan realisasi 75%", "..., sedangkan
        # tahun 2022 109,8% dengan realisasi 93,33", "capaian 100% pada tahun 2021 (realisasi 18 dokumen)"
        for s0, e0 in sentences(text):
            cuts = [s0, *(c.end() for c in _HISTORY_CLAUSE_SEP.finditer(text, s0, e0)), e0]
            for a, z in zip(cuts, cuts[1:], strict=False):
                clause = text[a:z]
                for m in _HISTORY_REAL_RE.finditer(text, a, z):
                    att = _ATTACHED_YEAR_RE.match(text, m.end("num"))
                    if att is not None and m.start("num") not in seen:
                        # "mencatat realisasi 63,4 pada tahun 2022": the year right after the value
                        seen.add(m.start("num"))
                        found.append((int(att.group(1)), m))
                ym = list(_HISTORY_YEAR_RE.finditer(text, a, z))
                years = {int(y.group(1)) for y in ym}
                if len(years) != 1 or re.search(r"\b(?:renstra|target\s+akhir)\b", clause, re.IGNORECASE):
                    continue
                if any(re.search(r"\b(?:dibandingkan|dibanding|daripada|dari|sejak|terhadap|semula)\s+(?:\S+\s+){0,2}$",
                                 text[max(a, y.start() - 30):y.start()], re.IGNORECASE) for y in ym):
                    continue  # the year is a baseline: "naik 2,1 poin dari 87,2% pada tahun 2021"
                for m in _HISTORY_REAL_RE.finditer(text, a, z):
                    if m.start() < ym[0].start():
                        continue  # the year names the clause's topic before its figures
                    if m.start("num") not in seen:
                        seen.add(m.start("num"))
                        found.append((next(iter(years)), m))
        # "meningkat dibandingkan tahun 2022 sebesar 52,9% dan tahun 2021 sebesar 49,7%",
        # "dibandingkan tahun 2022 (85,0)": a figure labelled with its year
        for m in _YEAR_LABELLED_RE.finditer(text):
            if m.start("num") in seen or _NOT_REALISASI_BEFORE_RE.search(text[max(0, m.start() - 45):m.start()]):
                continue
            if re.match(r"\s*(?:poin|kali|persen\s+poin)\b", text[m.end("num"):]):
                continue
            seen.add(m.start("num"))
            found.append((int(m.group("y")), m))
        for y, m in found:
            if y >= year:
                continue
            table = value_of(r32.values.get(f"realisasi:{y}"))
            stated = text_value(m.group("num"))
            if table is None or stated is None or same_value(stated, table) is not False:
                continue
            if stated.num is not None and table.num is not None and table.num.value and not (
                    table.num.value / 2 <= stated.num.value <= table.num.value * 2):
                continue  # another quantity of that year
            yield self.issue(b, m.start("num"), m.end("num"),
                             f"realisasi tahun {y} tertulis {m.group('num').strip()}, sedangkan "
                             f"{self.where(r32, f'realisasi:{y}')} mencatat {table.text} untuk "
                             f"indikator '{row.name[:70]}'", expected=table.text)

    def _target_pairs(self, ctx: CheckContext, done: set[int]) -> Iterable[Issue]:
        """"<indicator> terealisasi 74,60% dari target 72,50%" outside the indicator's own
        paragraphs (an ikhtisar, a summary list): the target names the row (the one main
        indicator with that target whose name the clause holds), and the figure before it must
        be that row's realisasi."""
        mains = main_rows(ctx)
        if not mains:
            return
        for b, m, head in _outside_claims(ctx, done, _TARGET_PAIR_RE, "sedangkan|sementara|namun|dan"):
            target = text_value(m.group("t"))
            stated = text_value(m.group("num"))
            if target is None or stated is None or stated.num is None:
                continue
            cands = [r for r in mains if same_value(target, value_of(r.values.get("target"))) is True
                     and (containment(r.name, head) >= 0.6 or _acronym_in(r, head))]
            if len(cands) != 1:
                continue
            row = cands[0]
            real = value_of(row.values.get("realisasi"))
            cap = value_of(row.values.get("capaian"))
            if real is None or same_value(stated, real) is not False or same_value(stated, cap):
                continue
            yield self.issue(
                b, m.start("num"), m.end("num"),
                f"realisasi tertulis {stated.text}, sedangkan {self.where(row, 'realisasi')} "
                f"mencatat realisasi {real.text} untuk indikator '{row.name[:70]}'",
                expected=real.text)

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        done: set[int] = set()
        for b, row in self.paragraphs(ctx):
            done.add(b.index)
            text = b.text
            if year:
                yield from self._earlier(ctx, b, row, year)
            real = value_of(row.values.get("realisasi"))
            cap = value_of(row.values.get("capaian"))
            if real is None:
                # the analysis follows the PK (targets only): the realisasi of the predicate
                # table (Tabel 3.5) is the one measured
                r35 = counterpart(ctx, row, "3.5")
                if r35 is None or value_of(r35.values.get("realisasi")) is None:
                    continue
                row = r35
                real = value_of(row.values.get("realisasi"))
                cap = value_of(row.values.get("capaian"))
            if real is None:
                continue
            found: list[tuple[re.Match[str], bool]] = []
            for m in pattern("realisasi").finditer(text):
                y = m.group("year")
                if y and year and int(y) != year:
                    continue
                found.append((m, False))
            for m in pattern("sebesar_capaian").finditer(text):
                found.append((m, True))
            for m in self._extra.finditer(text):
                if year and int(m.group("year")) != year:
                    continue
                found.append((m, False))
            for m in pattern("realisasi_bare").finditer(text):
                a0 = next((a for a, z in sentences(text) if a <= m.start() < z), 0)
                sent = next((text[a:z] for a, z in sentences(text) if a <= m.start() < z), "")
                # a Renstra or budget word before the figure makes it another quantity; after
                # it ("Realisasi 8% sudah memenuhi target Renstra tahun 2025") it is the year's
                if re.search(r"\brenstra\b|jangka\s+menengah|tahun\s+lalu|\bsebelumnya\b|\banggaran\b|\bbelanja\b|"
                             r"nasional\s+sebesar|\bkumulatif\b", text[a0:m.end()], re.IGNORECASE) or re.search(
                        r"\btahun\s+lalu\b|\bsebelumnya\b|\banggaran\b|\bbelanja\b|\bkumulatif\b|nasional\s+sebesar",
                        sent, re.IGNORECASE):
                    continue
                head = sent[: max(0, m.start() - text.find(sent))] if sent else ""
                if text[:1].islower() or text[:1].isdigit():
                    head = _previous_tail(ctx, b) + " " + head  # a paragraph broken mid-sentence
                if year and any(int(y) != year for y in re.findall(r"\b(20\d\d)\b", head)):
                    continue
                found.append((m, False))
            seen = {m.start("num") for m, _ in found}
            for m in pattern("realisasi_named").finditer(text):
                if m.start("num") in seen:
                    continue
                gap = strip_own_region(ctx, m.group("gap") or "")
                if re.search(r",\s*(?:sehingga\s+|maka\s+|dengan\s+)?capaian(?:nya)?\b[^,]{0,40}$", gap,
                             re.IGNORECASE):
                    continue  # "... dibagi realisasi, capaian mencapai 119,05%", "..., sehingga capaian
                    # menurut rumus sebesar 125,00%": the capaian's figure
                if re.search(r"\d+[.,]\d+\s?%|\d+\s?%", gap):
                    continue  # "Realisasi 0,28% lebih rendah dari target 0,35%, ... sebesar 125%": the
                    # realisasi was the figure already given
                if re.search(r"\banggaran\b|\bbelanja\b|\bkeuangan\b|\bdana\b|\brenstra\b|jangka\s+menengah|"
                             r"\bnasional\b|\bkabupaten\b|\bprovinsi\b|tahun\s+lalu|\bsebelumnya\b", gap, re.IGNORECASE):
                    continue
                if any(year and int(y) != year for y in re.findall(r"\b(20\d\d)\b", gap)):
                    continue
                s_start = next((a for a, z in sentences(text) if a <= m.start() < z), 0)
                lead = re.split(r";|,\s*(?:sedangkan|sementara|tetapi|namun)\b", text[s_start:m.start()])[-1]
                if any(year and int(y) < year for y in re.findall(r"\btahun\s+(20\d\d)\b", lead, re.IGNORECASE)):
                    continue  # "Pada Tahun 2022 realisasi indikator ini sebesar 61,20%": that year's
                sent = next((text[a:z] for a, z in sentences(text) if a <= m.start() < z), "")
                if pattern("helpers", "target_skip").search(sent):
                    continue  # "dibandingkan target akhir Renstra, realisasi ... mencapai 97%"
                other = named_row(ctx, gap)
                if other is not None and other is not row:
                    continue  # the sentence names another indicator
                found.append((m, False))
            for m, either in found:
                span = m.group("num")
                stated = text_value(span)
                if stated is None or pct_of_items(text, m.start("num"), m.end("num")):
                    continue
                sa = next((a for a, z in sentences(text) if a <= m.start() < z), 0)
                lead = re.split(r"[;,]", text[sa:m.start()])[-1]
                if year and any(int(y) < year for y in _AT_YEAR_RE.findall(lead)):
                    continue  # "Pada tahun 2022 realisasi sebesar 21,40%": that year's figure
                if about_other(ctx, row, text[sa:next((z for a, z in sentences(text) if a == sa), len(text))]):
                    continue  # the sentence is about another indicator
                head_t = text[sa:m.start("num")]
                last_t = max((x.start() for x in re.finditer(r"\btarget", head_t, re.IGNORECASE)), default=-1)
                last_r = max((x.start() for x in re.finditer(r"\brealisa", head_t, re.IGNORECASE)), default=-1)
                if same_value(stated, value_of(row.values.get("target"))) and last_t > last_r:
                    continue  # "Target indikator Nilai X tahun 2023 sebesar 0,5 belum terpenuhi": the
                    # target (not "dibatasi target 10%, sedangkan realisasinya 10%")
                if comparator_value(text[sa:m.start("num")]) or clause_names_other(row, text[sa:m.start("num")]):
                    continue  # the value of the region, figure or indicator compared with
                if formula_operand(text, m.start("num"), m.end("num")):
                    continue  # "3,0/2,4 × 100% = 125%": an operand of the written formula
                if stated.num is not None and stated.num.is_year:
                    continue
                if (span.lstrip().lower().startswith("rp") or
                        re.search(r"\bRp\.?\s*$", text[max(0, m.start("num") - 5):m.start("num")])) and \
                        "rp" not in real.text.lower() and real.num is not None and stated.num is not None \
                        and 0 < real.num.value * 1000 <= stated.num.value:
                    continue  # "terealisasi Rp1.290.117.000.000": the amount behind a percentage
                unit = re.match(r"\s*([A-Za-z]+)", text[m.end("num"):])
                same_unit = unit is not None and real.text.lower().endswith(" " + unit.group(1).lower())
                if pattern("helpers", "unit_after").match(text[m.end("num"):]) and not same_unit:
                    continue  # "realisasi sebesar 182 laporan": a count, not the indicator value
                if re.match(r"\s*(?:dari|terhadap)\s+(?:the\s+)?target\b", text[m.end("num"):], re.IGNORECASE) \
                        and same_value(stated, cap):
                    continue  # "realisasi ... mencapai 95% dari target": the capaian
                if same_value(stated, real) is not False:
                    continue
                if either and same_value(stated, cap):
                    continue
                if same_value(stated, cap) and re.search(r"\bcapaian", text[m.start():m.start("num")],
                                                         re.IGNORECASE):
                    continue  # "realisasi di bawah target menghasilkan capaian ... 116%"
                if stated.num is not None and real.num is None and not stated.grade:
                    # a score where the table only gives a grade: not comparable
                    continue
                s, e = m.start("num"), m.end("num")
                yield self.issue(
                    b, s, e,
                    f"realisasi tertulis {stated.text}, sedangkan {self.where(row, 'realisasi')} "
                    f"mencatat realisasi {real.text} untuk indikator '{row.name[:70]}'",
                    expected=real.text)
        yield from self._target_pairs(ctx, done)


_AT_YEAR_RE = re.compile(r"(?:^\W*|\b(?:pada|di|selama|untuk)\s+)tahun\s+(20\d\d)\b", re.IGNORECASE)
# "74,60% dari target 72,50%", "310 orang dari target 250 orang": a figure against its target
_TARGET_PAIR_RE = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:\.\d{3})*(?:,\d+)?\s?%?)(?:\s+[a-z]{2,12})?\s+dari\s+target(?:nya)?"
    r"(?:\s+(?:tahun\s+20\d\d|sebesar))*\s+(?:Rp\.?\s*)?(?P<t>\d{1,3}(?:\.\d{3})*(?:,\d+)?\s?%?)(?![\d.,]\d)",
    re.IGNORECASE)


# "lebih ringan daripada tahun 2022,": an earlier year as the baseline of a comparative in a
# clause of its own
_YEAR_BASELINE_CLAUSE_RE = re.compile(
    r"\blebih\s+\w+\s+(?:daripada|dari|dibandingkan(?:\s+dengan)?|dibanding|ketimbang)\s+(?:target\s+|realisasi\s+|capaian\s+)?"
    r"(?:pada\s+)?tahun\s+20\d\d\s*(?=[,;])", re.IGNORECASE)


def _without_year_baseline(sent: str, figure: str) -> str:
    """``sent`` without the comparison clauses that only name an earlier year as a baseline and
    end before ``figure`` ("Karena target tahun ini lebih ringan daripada tahun 2022, capaian
    100% perlu dilihat ...": the capaian is the report year's)."""
    at = sent.find(figure)
    if at < 0:
        return sent
    return _YEAR_BASELINE_CLAUSE_RE.sub(lambda m: " " if m.end() <= at else m.group(0), sent)


def _rounded_target(mn: Mention, v: Value, row: IndicatorRow, after: str) -> bool:
    """``mn`` equals the row's target ``v`` only when rounded ("4,5" against a target of 5) and
    the sentence states the target after it ("..., lebih cepat dari target 5 hari"): the figure
    is not the target, so the rounding does not make it a known figure."""
    target = value_of(row.values.get("target"))
    if mn.num is None or v.num is None or mn.num.value == v.num.value or target is None or \
            target.num is None or target.num.value != v.num.value:
        return False
    return re.search(r"\btarget\b", after, re.IGNORECASE) is not None


def _outside_claims(ctx: CheckContext, done: set[int], rx: re.Pattern[str], joints: str
                    ) -> Iterator[tuple[Block, re.Match[str], str]]:
    """(block, match, clause before it) for each match of ``rx`` in the prose blocks outside the
    indicator paragraphs (``done``), in the report year: the clause is the part of the sentence
    after its last break (";", ":", ", <Capital>", or ", <joint word>")."""
    year = ctx.info.year
    split = re.compile(r"[;:]|,\s+(?=[A-Z])|,\s*(?:" + joints + r")\b")
    for b in prose_blocks(ctx):
        if b.index in done or not filtered_search(rx, b.text):
            continue
        layer = analyze(b.text)
        for m in rx.finditer(b.text):
            s0, _e0 = layer.bounds(m.start())
            head = split.split(b.text[s0:m.start()])[-1]
            if year and any(int(y) != year for y in re.findall(r"\b(20\d\d)\b", head)):
                continue  # another year's figures
            yield b, m, head


# "mencapai 103,24% dari target" with no target figure after it (that is CL101's pair)
_PCT_OF_TARGET_RE = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d+)?)\s?%\s+dari\s+target(?:nya)?\b"
    r"(?!\s+(?:akhir|renstra|jangka|rpjmd|nasional|provinsi|tahun\s+20\d\d\s+sebesar|sebesar|yaitu|"
    r"(?:rp|usd)\b|\d))", re.IGNORECASE)


_ABOVE_RE = re.compile(r"\b(?:melebihi|melampaui|di\s*atas|lebih\s+dari|lebih\s+tinggi\s+dari(?:pada)?)\s*$|>\s*$",
                       re.IGNORECASE)
_BELOW_RE = re.compile(r"\b(?:di\s*bawah|kurang\s+dari|lebih\s+rendah\s+dari(?:pada)?)\s*$|<\s*$", re.IGNORECASE)


def _bound_holds(head: str, stated: Value, ref: Value | None) -> bool:
    """The figure is a bound ("melebihi 100%", "di bawah 90%") that the table's value keeps."""
    if ref is None or ref.num is None or stated.num is None:
        return False
    if _ABOVE_RE.search(head):
        return ref.num.value > stated.num.value
    if _BELOW_RE.search(head):
        return ref.num.value < stated.num.value
    return False


@register
class CapaianClaim(_ClaimRule):
    """A capaian stated in the analysis ("capaian 97%", "menunjukkan capaian 100%") differs from
    the capaian of the same indicator in Tabel 3.1 (or Tabel 3.5).

    Readers take the capaian from the sentence; it must be the one the tables computed."""

    code = "CL102"
    name = "capaian-claim"

    def _pct_of_target(self, ctx: CheckContext, done: set[int]) -> Iterable[Issue]:
        """"realisasi PAD mencapai 103,24% dari target" outside the indicator's own
        paragraphs (an ikhtisar, a conclusion): the clause names main indicators (most words
        of a name, or its acronym) and the share of target must be the capaian (or the
        realisasi of a percentage) of one of them."""
        mains = [r for r in main_rows(ctx) if r.name]
        if not mains:
            return
        for b, m, head in _outside_claims(ctx, done, _PCT_OF_TARGET_RE,
                                          "sedangkan|sementara|namun|dan|serta|atau"):
            text = b.text
            stated = text_value(m.group("num"))
            if stated is None or stated.num is None:
                continue
            if re.search(r"\brata\s*-?\s*rata\b|\brerata\b|\banggaran\b|\bpagu\b|\bbelanja\b|"
                         r"\bserapan\b|\bprogram\b|\bkegiatan\b", head, re.IGNORECASE) \
                    or _SEVERAL_INDICATORS_RE.search(head) or re.search(
                        r"\b(?:Rp|USD)\s*\d|\d\s*(?:ton|ha|orang|unit|dokumen|kali)\b", head):
                continue  # an average, a budget, several indicators, or an amount beside
            cands = [r for r in mains if containment(r.name, head) >= 0.6 or _acronym_in(r, head)
                     or any(re.search(r"(?<![A-Za-z])" + a + r"(?![A-Za-z])", head)
                            for a in re.findall(r"\b[A-Z]{3,6}\b", r.name))]
            if not cands or len(cands) > 2:
                continue
            vals: list[Value] = []
            for r in cands:
                for k in ("capaian", "capaian_capped", "realisasi"):
                    v = value_of(r.values.get(k))
                    if v is not None:
                        vals.append(v)
                r35 = counterpart(ctx, r, "3.5")
                if r35 is not None and (v := value_of(r35.values.get("capaian"))) is not None:
                    vals.append(v)
            if not vals or any(same_value(stated, v) is not False for v in vals):
                continue
            if _bound_holds(text[max(0, m.start("num") - 30):m.start("num")], stated, vals[0]):
                continue
            refs = [(r, c) for r in cands if (c := value_of(r.values.get("capaian"))) is not None
                    and c.num is not None]
            if not refs:
                continue
            row, ref = min(refs, key=lambda rc: abs(rc[1].num.value - stated.num.value))  # type: ignore[union-attr]
            yield self.issue(
                b, m.start("num"), m.end("num"),
                f"tertulis {stated.text}% dari target, sedangkan {self.where(row, 'capaian')} "
                f"mencatat capaian {show(ref)} untuk indikator '{row.name[:70]}'",
                expected=show(ref))

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        done: set[int] = set()
        yield from self._paragraph_claims(ctx, done)
        yield from self._pct_of_target(ctx, done)

    def _paragraph_claims(self, ctx: CheckContext, done: set[int]) -> Iterable[Issue]:
        for b, row in self.paragraphs(ctx):
            done.add(b.index)
            cap = value_of(row.values.get("capaian"))
            alt = None
            r35 = counterpart(ctx, row, "3.5")
            if r35 is not None:
                alt = value_of(r35.values.get("capaian"))
            if cap is None and alt is None:
                continue
            r33 = counterpart(ctx, row, "3.3")
            alt33 = value_of(r33.values.get("capaian")) if r33 is not None else None
            text = b.text
            real = value_of(row.values.get("realisasi"))
            subject = [m for m in pattern("capaian_subject").finditer(text)
                       if not re.search(r"\b(?:realisasi|target)\w*\s*$", text[max(0, m.start() - 30):m.start()],
                                        re.IGNORECASE)]
            subject += [m for m in pattern("capaian_named").finditer(text)
                        if containment(m.group("gap"), row.name) >= 0.6
                        and not named_other(ctx, row, m.group("gap"))]
            found = {m.start("num") for m in pattern("capaian").finditer(text)}
            for m in [*pattern("capaian").finditer(text),
                      *(m for m in subject if m.start("num") not in found)]:
                stated = text_value(m.group("num"))
                if stated is None or stated.num is None:
                    continue
                if same_value(stated, cap) or same_value(stated, alt) or \
                        same_value(stated, value_of(row.values.get("capaian_capped"))):
                    continue
                if re.search(r"\brata\s*-?\s*rata\s+$", text[max(0, m.start() - 12):m.start()], re.IGNORECASE):
                    continue  # "rata-rata capaian kinerja 94,97%": the average of all indicators
                if _bound_holds(text[max(0, m.start("num") - 30):m.start("num")], stated, cap or alt):
                    continue  # "capaian ... melebihi 100%" for a table's 109,09: a bound that holds
                sent = next((text[s:e] for s, e in sentences(text) if s <= m.start() < e), "")
                if same_value(stated, alt33) and self._medium_term(ctx, sent):
                    continue  # the capaian against the Renstra end target (Tabel 3.3)
                if (stated.num.value == 100 and cap is not None and cap.num is not None
                        and cap.num.value > 100 and _doc_caps(ctx)
                        and (_CAPPED_WORDS.search(sent) or re.search(r"\bsasaran\b", sent, re.IGNORECASE))):
                    # a capaian above 100% counted as 100% under the report's cap rule, as the
                    # sentence says ("dihitung 100%"), or the capaian of a sasaran (the capped
                    # average of its indicators); a bare "capaian indikator ini 100%" for a
                    # table's 120% misstates the result
                    continue
                if self._before_cap(ctx, row, stated, cap, sent) or (
                        cap is None and r35 is not None and self._before_cap(ctx, r35, stated, alt, sent)):
                    continue  # "capaian 125% dibatasi menjadi 110%": the formula's result
                if m.start("num") not in found \
                        and same_value(stated, real):
                    continue  # "indikator X mencapai 85%": the realisasi of a percentage indicator
                if pct_of_items(text, m.start("num"), m.end("num")):
                    continue  # "capaian 60% indikator": a share of indicators, not a capaian
                if (m.group("gap") and named_other(ctx, row, m.group("gap"))) or about_other(ctx, row, sent):
                    continue  # "capaian indikator <another one> sebesar ..."
                sa = next((a for a, z in sentences(text) if a <= m.start() < z), 0)
                if clause_names_other(row, text[sa:m.start("num")]) or \
                        formula_operand(text, m.start("num"), m.end("num")) or \
                        comparator_value(text[sa:m.start("num")]):
                    continue  # "... indikator rehabilitasi disabilitas yang hanya mencapai 85%",
                    # "Rata-rata Kota X untuk indikator yang sama sebesar 52,30%"
                other_year = r"tahun\s+(?!" + str(ctx.info.year or 0) + r")20\d\d"
                if re.search(r"renstra|jangka\s+menengah|tahun\s+lalu|sebelumnya|" + other_year,
                             _without_year_baseline(sent, stated.text), re.IGNORECASE):
                    continue
                ref = cap or alt
                yield self.issue(
                    b, m.start("num"), m.end("num"),
                    f"capaian tertulis {stated.text}, sedangkan {self.where(row, 'capaian')} "
                    f"mencatat capaian {show(ref)}"
                    + (f" (realisasi {real.text})" if real is not None and _percent_like(row, real) else "")
                    + f" untuk indikator '{row.name[:70]}'",
                    expected=show(ref))

    @staticmethod
    def _before_cap(ctx: CheckContext, row: IndicatorRow, stated: Value, cap: Value | None,
                    sent: str) -> bool:
        """The table records the report's cap (a stated "paling tinggi 120%", or 100% under
        the cap rule) and the sentence gives the formula's result before it, saying so."""
        from drafter.check.rules.arithmetic import capaian_formulas

        if cap is None or cap.num is None or stated.num is None or not _CAPPED_WORDS.search(
                sent) and not re.search(r"\bdicatat\b|\bmenjadi\b", sent, re.IGNORECASE):
            return False
        limit = _doc_cap_value(ctx)
        if not (cap.num.value == 100 and _doc_caps(ctx)) and not (
                limit is not None and cap.num.explains(limit)) and not _recorded_as(sent, cap):
            return False
        t, r = row.values.get("target"), row.values.get("realisasi")
        forms = capaian_formulas(t, r) if t is not None and r is not None else None
        return bool(forms) and stated.num.value > cap.num.value and any(
            stated.num.explains(v) for v, _f in forms.values())  # type: ignore[union-attr]

    @staticmethod
    def _medium_term(ctx: CheckContext, sent: str) -> bool:
        """True when ``sent`` may speak of the capaian against the Renstra end target: it
        names the period's end, the Renstra, a later year, or the table that holds it."""
        if re.search(r"\b(?:akhir|renstra|rpjmd?|jangka\s+menengah|periode|tahun\s+ke)", sent, re.IGNORECASE):
            return True
        year = ctx.info.year
        if year is not None and any(int(y) > year for y in re.findall(r"\b20\d\d\b", sent)):
            return True
        number = caption_number(ctx.tables.name("3.3"))
        return bool(number and re.search(r"\b" + re.escape(number) + r"\b", sent))


_RECORDED_RE = re.compile(r"\b(?:dicatat|diakui|dibatasi|ditetapkan|dihitung|dianggap)\s+(?:(?:sebesar|menjadi|pada|"
                          r"sama\s+dengan)\s+)?(?:angka\s+)?(?P<num>\d{1,3}(?:[.,]\d+)?)\s?%", re.IGNORECASE)


def _recorded_as(sent: str, cap: Value) -> bool:
    """The sentence itself says the table's capaian is the recorded (capped) figure: "secara
    perhitungan 104%, namun dicatat 100% sesuai batas atas"."""
    for m in _RECORDED_RE.finditer(sent):
        v = text_value(m.group("num"))
        if v is not None and v.num is not None and cap.num is not None and v.num.value == cap.num.value:
            return True
    return False


# a capaian "secara matematis/hitungan/perhitungan" before the cap the sentence then applies
_PRE_CAP_RE = re.compile(r"\bsecara\s+(?:matematis|hitungan|perhitungan|rumus)\b[^.;]{0,40}$", re.IGNORECASE)
_PRE_CAP_AFTER_RE = re.compile(r"[^.;]{0,40}\b(?:namun|tetapi|kemudian)\b[^.;]{0,60}\b(?:dicatat|dibatasi|diakui|"
                               r"ditetapkan|dihitung)\b", re.IGNORECASE)


_CAPPED_WORDS = re.compile(r"\b(?:dihitung|dianggap|dibatasi|ditetapkan|diakui|maks(?:imal|imum)?|paling\s+tinggi|"
                           r"batas(?:\s+atas)?|pembatasan|setelah\s+dibatasi)\b", re.IGNORECASE)


_STATUS_ID = {"melampaui": "melampaui target", "tercapai": "tepat mencapai target",
              "tidak_tercapai": "di bawah target"}


# "tiga indikator", "dari 6 indikator", "indikator lainnya", "seluruh indikator": a sentence
# about several indicators, not about the one its paragraph analyses
_SEVERAL_INDICATORS_RE = re.compile(
    r"\b(?:\d{1,2}|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|\w+\s+belas|"
    r"beberapa|sebagian|seluruh|semua|kedua)\s+(?:\(\s*\w+\s*\)\s+)?indi[ck]ator\b|"
    r"\bindi[ck]ator\s+(?:lainnya|yang\s+lain)\b", re.IGNORECASE)


@register
class DirectionClaim(_ClaimRule):
    """A sentence says the indicator "telah tercapai", "melampaui target", "sesuai target", "di
    bawah target" or "belum tercapai", but its realisasi versus target in Tabel 3.1 says otherwise.

    Saying a target was met when the realisasi is below it misstates the result of the year."""

    code = "CL103"
    name = "target-direction-claim"

    _numeric = re.compile(r"\b(?:di\s*atas|diatas|melebihi|di\s*bawah|dibawah|kurang\s+dari)\b", re.IGNORECASE)
    _result_cue = re.compile(r"\b(?:masih|belum|tidak|kurang|capaian(?:nya)?|kinerja(?:nya)?)\b[^,.;]*$",
                             re.IGNORECASE)
    _place_cue = re.compile(r"\b(?:ditekan|berhasil|dapat|mampu|turun|menurun|berada|tetap)\b[^,.;]*$",
                            re.IGNORECASE)
    _above = re.compile(r"\bmelampaui\)?\s*target|tercapai\s*\(\s*melampaui\s*\)|"
                        r"\b(?:di\s*atas|diatas|melebihi)\s+target", re.IGNORECASE)

    _clause_break = re.compile(r"[;:]|,?\s*\b(?:tetapi|namun|sedangkan|sementara(?:\s+itu)?|"
                               r"adapun|serta)\b|,\s*(?:dan\s+)?(?=[A-Z])")

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rows = [r for r in main_rows(ctx) if r.name]
        # (the acronyms inside names too: "Realisasi PBB-P2 telah melampaui target")
        wide = _unique_aliases(rows, wide=True)
        for b, para_row in indicator_paragraphs(ctx):
            text = b.text
            if para_row is None and (len(rows) < 2 or not re.search(r"\btarget\b", text, re.I)):
                continue
            for s, e in sentences(text):
                sent = text[s:e]
                if pattern("helpers", "renstra_sentence").search(sent) or re.search(r"\bIKM\s+kabupaten|nasional", sent, re.I):
                    continue
                yield from self._sentence(ctx, b, s, sent, para_row, rows, wide)
        # the Ikhtisar and the Penutup: a sentence that names the indicator itself ("Cakupan
        # kepemilikan KTP-el telah melampaui target ...")
        if len(rows) < 2:
            return
        seen = {b.index for b, _r in indicator_paragraphs(ctx)}
        for b in prose_blocks(ctx):
            if b.index in seen or b.chapter not in (None, "BAB IV") or \
                    not re.search(r"\btarget\b", b.text, re.I):
                continue
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                if pattern("helpers", "renstra_sentence").search(sent) or \
                        re.search(r"\bIKM\s+kabupaten|nasional", sent, re.I) or _other_period(ctx, sent):
                    continue
                yield from self._sentence(ctx, b, s, sent, None, rows, wide)

    def _clause_row(self, sent: str, at: int, rows: list[IndicatorRow],
                    unique: dict[str, IndicatorRow]) -> IndicatorRow | None:
        """The indicator named in the clause that ends at ``at`` ("..., tetapi Indeks X
        (58,4 berbanding target 60) masih di bawah target": Indeks X), when exactly one is."""
        if len(rows) < 2:
            return None
        head = sent[:at]
        cut = 0
        for m in self._clause_break.finditer(head):
            if head[m.end():].strip():
                cut = m.end()
        return NamedIndicatorValue._row_named(rows, unique, head[cut:], least=0.8)

    def _sentence(self, ctx: CheckContext, b: Block, s: int, sent: str,
                  para_row: IndicatorRow | None, rows: list[IndicatorRow],
                  unique: dict[str, IndicatorRow]) -> Iterator[Issue]:
        all_claims: list[tuple[str, re.Match[str]]] = []
        for m in pattern("direction", "below").finditer(sent):
            all_claims.append(("below", m))
        for m in self._above.finditer(sent):
            all_claims.append(("above", m))
        all_claims.sort(key=lambda km: km[1].start())
        if not all_claims and re.search(r"realisasi|target|capaian|\d", sent, re.IGNORECASE):
            all_claims = [("met", m) for m in pattern("direction", "met").finditer(sent)]
        first = True
        for kind0, m0 in all_claims:
            row = self._clause_row(sent, m0.start(), rows, unique)
            if row is None:
                if not first or para_row is None:
                    continue  # a later claim of the sentence, about no indicator of its own
                if _SEVERAL_INDICATORS_RE.search(sent[:m0.start()]):
                    continue  # "Tiga indikator lainnya belum mencapai target": not this one
                row = para_row
            first = False
            if about_other(ctx, row, sent):
                continue
            # the target the claim's own clause names ("Namun, target 85,00% belum terpenuhi")
            cut = max([0] + [x.end() for x in re.finditer(r";|,(?!\d)|\b(?:sedangkan|namun|tetapi)\b",
                                                          sent[:m0.start()])])  # not "85,00"
            tms = list(re.finditer(r"\btarget\s+(?:sebesar\s+)?(\d+(?:[.,]\d+)?\s?%?)",
                                   sent[cut:m0.start()]))
            tm = tms[-1] if tms else None
            tv0 = value_of(row.values.get("target"))
            if tm is not None and tv0 is not None and (
                    same_value(text_value(tm.group(1)), tv0) is False or (tv0.grade and "%" in tm.group(1))):
                continue  # "Namun, target 85,00% belum terpenuhi": the target of another indicator
            yield from self._claim(b, s, sent, row, [(kind0, m0)], ctx)

    def _claim(self, b: Block, s: int, sent: str, row: IndicatorRow,
               claims: list[tuple[str, re.Match[str]]],
               ctx: CheckContext | None = None) -> Iterator[Issue]:
        st = row_status(row)
        tv, rv = value_of(row.values.get("target")), value_of(row.values.get("realisasi"))
        named_neg = _name_negative(row, ctx) or (ctx is not None and row_declared_negative(ctx, row))
        if named_neg and tv is not None and rv is not None and tv.num is not None and \
                rv.num is not None and not (tv.grade or rv.grade):
            # the name says lower is better ("waktu penyelesaian", "angka kemiskinan"): the
            # claim is judged on realisasi against target, whatever the capaian column says
            d = tv.num.value - rv.num.value
            st = "melampaui" if d > 0 else "tercapai" if d == 0 else "tidak_tercapai"
        if st is None:
            return
        neg = named_neg or (tv is not None and rv is not None and
                            negative_polarity(tv, rv, row_capaian(row)))
        placed = unmet = False
        if neg and any(self._numeric.search(m.group(0)) for _k, m in claims[:1]):
            # lower is better: "13,2, di atas target 12" only places the number, which
            # must then be on that side of the target ("ditekan di bawah target"); "masih di
            # bawah target" speaks of the result (not met), and without either cue the
            # sentence may mean both, so it is left alone
            before = sent[max(0, claims[0][1].start() - 30):claims[0][1].start()]
            if self._result_cue.search(before):
                # "masih di atas target" of a lower-is-better indicator: the value is still
                # above it, i.e. not met, as "masih di bawah target" read as the result
                unmet = bool(re.search(r"\b(?:masih|belum|tidak|kurang)\b[^,.;]*$", before, re.I))
            elif self._place_cue.search(before) or re.search(r"\d\W*$", before):
                placed = True
            else:
                return
        for kind, m in claims[:1]:
            if in_choice(sent, m.start(), m.end()):
                continue
            wrong = (kind == "below" and st != "tidak_tercapai") or \
                    (kind == "above" and st != "melampaui") or \
                    (kind == "met" and st == "tidak_tercapai")
            if unmet and kind == "above":
                wrong = st != "tidak_tercapai"
            if placed:
                if tv is None or rv is None or tv.num is None or rv.num is None:
                    continue
                d = rv.num.value - tv.num.value
                wrong = (kind == "below" and d >= 0) or (kind == "above" and d <= 0)
            if not wrong:
                continue
            t = show(value_of(row.values.get("target")))
            r = show(value_of(row.values.get("realisasi")))
            c = show(row_capaian(row))
            if placed:
                side = "di atas" if kind == "below" else "di bawah"
                yield self.issue(
                    b, s + m.start(), s + m.end(),
                    f"kalimat menyatakan '{m.group(0)}', padahal menurut "
                    f"{self.where(row, 'realisasi')} realisasi {r} {side} target {t} "
                    f"(indikator yang makin kecil makin baik; capaian {c})",
                    expected=f"{side} target")
                continue
            yield self.issue(
                b, s + m.start(), s + m.end(),
                f"kalimat menyatakan '{m.group(0)}', padahal menurut "
                f"{self.where(row, 'realisasi')} realisasi {r} terhadap target {t} "
                f"(capaian {c}) {_STATUS_ID[st]}",
                expected=_STATUS_ID[st])


_BUDGET_NAME_RE = re.compile(r"\b(?:apbd|apbdes|rkpd|anggaran|pagu|belanja)\b", re.IGNORECASE)
_BUDGET_WORD_RE = re.compile(r"\b(?:pagu(?:\s+indikatif)?|anggaran|belanja)\b", re.IGNORECASE)


def _other_quantity(stated: Value | None, table: Value | None) -> bool:
    """A figure of another quantity than the table's: a count beside a percentage, or more
    than three times apart (either way)."""
    if stated is None or table is None or stated.num is None or table.num is None:
        return False
    s, t = stated.num.value, table.num.value
    if table.num.percent and not stated.num.percent and s == int(s) and s > 100:
        return True
    return t > 0 and s > 0 and (s > 3 * t or t > 3 * s)


def _overlapping(rx: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Every match of ``rx`` starting at each place it can ("turun 2 hari ..., dan IKM naik
    0,5 poin dari A menjadi B": the match from "naik" too, inside the one from "turun")."""
    out: list[re.Match[str]] = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        out.append(m)
        pos = m.start() + 1
    return out


_CHANGE_WORD_RE = re.compile(r"\b(?:kenaikan|penurunan|peningkatan|meningkat|menurun|naik|turun)\b",
                             re.IGNORECASE)
_OPPOSITE = {"kenaikan": "penurunan", "peningkatan": "penurunan", "meningkat": "menurun",
             "naik": "turun", "penurunan": "kenaikan", "menurun": "meningkat", "turun": "naik"}


@register
class ChangeClaim(_ClaimRule):
    """"Kenaikan / penurunan dari A menjadi B": A and B differ from last year's and this year's
    realisasi in Tabel 3.2, or the direction word contradicts B - A (anywhere in the report, also
    with the years between the figures: "meningkat dari 26,3% pada tahun 2022 menjadi 23,8%",
    or "tahun 2021 sebesar A, sementara tahun 2022 sebesar B" with a direction word; a rise in
    rank with a smaller number is no contradiction).

    The comparison with last year is a required part of the analysis; wrong figures or a wrong
    direction reverse its conclusion."""

    code = "CL104"
    name = "change-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        up, down = set(words("change_up")), set(words("change_down"))
        # a sentence may name its indicator itself; the direction word is checked against the
        # two figures anywhere in the report (ikhtisar, Bab III, Bab IV), without any table
        para_row = {id(b): row for b, row in indicator_paragraphs(ctx)}
        for b in prose_blocks(ctx):
            yield from self._two_years(b, up, down)
            row = para_row.get(id(b))
            if row is not None and year:
                yield from self._from_only(ctx, b, row, year)
            if year and id(b) in para_row:
                yield from self._history(ctx, b, row, year)
        for b in prose_blocks(ctx):
            text = b.text
            row = para_row.get(id(b))
            in_analysis = id(b) in para_row
            last = 0
            changes = sorted([*_overlapping(pattern("change"), text), *_overlapping(pattern("change_rev"), text)],
                             key=lambda x: x.start())
            for m in changes:
                # "IKM naik dari A menjadi B, sedangkan AKI turun dari C menjadi D": each change
                # is about the indicator named right before it, else the paragraph's one
                sent_start = max((s for s, _ in sentences(text) if s <= m.start()), default=0)
                named = named_row(ctx, text[max(last, sent_start):m.start()]) if in_analysis else None
                if named is None and in_analysis and row is None:
                    named = _subject_row(main_rows(ctx), text[max(last, sent_start):m.start()].strip(" ,"))
                last = m.end()
                own = named if named is not None else row
                a, bb = text_value(m.group("a")), text_value(m.group("b"))
                if a is None or bb is None:
                    continue
                if _CHANGE_WORD_RE.search(text, m.end("word"), min(m.start("a"), m.start("b"))):
                    continue  # "turun 2 hari ..., dan IKM naik 0,5 poin dari A menjadi B": the
                    # figures are the nearer change word's (read from that one)
                ua = pattern("helpers", "unit_after").match(text[m.end("a"):])
                ub = pattern("helpers", "unit_after").match(text[m.end("b"):])
                if m.group("a").lstrip().lower().startswith("rp"):
                    own = None  # an amount of money: the direction word only
                if ua or ub:
                    if not (ua and ub and ua.group(0).strip().lower() == ub.group(0).strip().lower()):
                        continue
                    # "dari 1.200 KPM menjadi 1.150 KPM": counts of things, read for the
                    # direction word only
                    own = None
                prev = cur = None
                # the years written with the figures ("dari 12,84% pada tahun 2021 menjadi
                # 13,79% pada tahun 2022"); else last year and this year
                ya = int(m.group("ya") or m.group("ya2") or 0) or (year - 1 if year else 0)
                yb = int(m.group("yb") or m.group("yb2") or 0) or year or 0
                if own is not None:
                    r32 = counterpart(ctx, own, "3.2")
                    if r32 is not None and year:
                        prev = value_of(r32.values.get(f"realisasi:{ya}"))
                        cur = value_of(r32.values.get(f"realisasi:{yb}"))
                    if cur is None and yb == year:
                        cur = value_of(own.values.get("realisasi"))
                    if _other_quantity(bb, cur) or _other_quantity(a, prev):
                        # "Jumlah permohonan PATEN naik dari 412 menjadi 468" in the paragraph of
                        # a percentage (98,80%): another quantity than the indicator's
                        own, prev, cur = None, None, None
                problems = []
                if prev is not None and same_value(a, prev) is False:
                    when = "tahun lalu" if ya == (year or 0) - 1 else f"tahun {ya}"
                    problems.append(f"nilai awal {a.text} ({when} menurut {tname('3.2')}: {prev.text})")
                if cur is not None and same_value(bb, cur) is False and own is not None and yb == year:
                    own_real = value_of(own.values.get("realisasi"))
                    if own_real is not None and same_value(bb, own_real) is True:
                        cur = None  # the text follows the measurement table (Tabel 3.1): the two
                        # tables disagree, which the cross-table rules report, not this claim
                if cur is not None and same_value(bb, cur) is False:
                    when = "tahun ini" if yb == year else f"tahun {yb}"
                    problems.append(f"nilai akhir {bb.text} ({when} menurut tabel: {cur.text})")
                word = m.group("word").lower()
                rank = pattern("change_rank").search(text[max(sent_start, m.start() - 60):m.end()])
                if not in_choice(text, m.start("word"), m.end("word")) and dec(a) is not None \
                        and dec(bb) is not None and rank is None:
                    diff = dec(bb) - dec(a)  # type: ignore[operator]
                    if (word in up and diff < 0) or (word in down and diff > 0):
                        problems.append(f"kata '{word}' tidak sesuai: dari {a.text} menjadi {bb.text} "
                                        f"adalah {'penurunan' if diff < 0 else 'kenaikan'}")
                if not problems:
                    continue
                exp = f"dari {prev.text if prev else a.text} menjadi {cur.text if cur else bb.text}"
                if own is None:
                    exp = _OPPOSITE.get(word, word)
                yield self.issue(b, min(m.start("a"), m.start("b")), max(m.end("a"), m.end("b")),
                                 "perbandingan dengan tahun lalu tidak sesuai tabel: " + "; ".join(problems)
                                 if own is not None else
                                 "arah perubahan tidak sesuai angkanya: " + "; ".join(problems),
                                 expected=exp)


    _YEAR_VALUE = re.compile(r"(?<![\d.,])(?P<v>\d{1,3}(?:\.\d{3})*(?:,\d+)?)(?P<p>\s*%)?"
                             r"(?:(?:\s+(?!pada\b|di\b)[a-z]+){0,2}\s+(?:pada|di)\s+tahun\s+(?P<y>20\d\d)\b"
                             r"|(?:\s+(?!pada\b|di\b|dan\b|atau\b)[a-z]+){0,2}\s*\(\s*(?:tahun\s+)?(?P<y2>20\d\d)\s*\))",
                             re.IGNORECASE)  # "18 dokumen (2021)": a unit may stand before the year

    def _history(self, ctx: CheckContext, b: Block, row: IndicatorRow | None, year: int
                 ) -> Iterator[Issue]:
        """"meningkat dari 6 desa pada tahun 2019 dan 8 desa pada tahun 2020 menjadi 10 desa
        pada tahun 2021": each figure given with its year against the comparison table's
        realisasi of that year (a sentence about one indicator that names two years or more)."""
        text = b.text
        if len(re.findall(r"(?<!\d)20\d\d(?!\d)", text)) < 2:
            return  # a history names two years or more
        for s0, e0 in sentences(text):
            sent = text[s0:e0]
            hits = list(self._YEAR_VALUE.finditer(sent))
            if len({h.group("y") or h.group("y2") for h in hits}) < 2 and not (
                    hits and re.search(r"\brealisasi(?:nya)?\s+(?:sebesar\s+)?$", sent[:hits[0].start()],
                                       re.IGNORECASE)):
                continue  # a history names two years or more ("realisasinya 66,85 (tahun 2023)": one)
            if re.search(r"\b(?:target|renstra|nasional|provinsi|kabupaten|kota|rata-?rata|anggaran|pagu)\b",
                         sent, re.IGNORECASE):
                continue  # targets and comparators have figures of their own years
            subject = sent[:hits[0].start()]
            if re.search(r"\bRp\.?\s*$", subject):
                continue  # amounts of money: budgets and revenue, not an indicator's history
            own = _subject_row(main_rows(ctx), subject.strip(" ,")) or named_row(ctx, subject)
            if own is None and row is not None and (
                    len(tokens(subject) & tokens(row.name)) >= 2
                    or re.search(r"\bindikator\s+(?:ini|tersebut)\b|\b(?:realisasi|nilai|angka)nya\b",
                                 subject, re.IGNORECASE)):
                own = row  # the paragraph's indicator, named in part, as "indikator ini" or "-nya"
            if own is None:
                continue
            r32 = counterpart(ctx, own, "3.2")
            if r32 is None:
                continue
            for h in hits:
                y = int(h.group("y") or h.group("y2"))
                if y > year:
                    continue
                table = value_of(r32.values.get(f"realisasi:{y}"))
                stated = text_value(h.group("v") + (h.group("p") or ""))
                if table is None or stated is None or same_value(stated, table) is not False:
                    continue
                yield self.issue(b, s0 + h.start("v"), s0 + h.end("v"),
                                 f"nilai tahun {y} tertulis {h.group('v')}, padahal menurut "
                                 f"{tname('3.2')} realisasi '{r32.name[:60]}' tahun {y} adalah {table.text}",
                                 expected=table.text)

    def _from_only(self, ctx: CheckContext, b: Block, row: IndicatorRow, year: int) -> Iterator[Issue]:
        """"nilai 84,10, naik dari 81,85 pada tahun 2022": the earlier figure against the
        comparison table's realisasi of that year (last year when none is written)."""
        r32 = counterpart(ctx, row, "3.2")
        if r32 is None:
            return
        text = b.text
        for m in pattern("change_from").finditer(text):
            a = text_value(m.group("a"))
            if a is None or pattern("helpers", "unit_after").match(text[m.end("a"):]):
                continue
            sent_start = max((s for s, _ in sentences(text) if s <= m.start()), default=0)
            rest = text[m.end():]
            rest = rest[:min([len(rest)] + [k for k in (rest.find(". "), rest.find(";")) if k >= 0])]
            if re.search(r"\b(?:menjadi|hingga|sampai|menuju|ke)\b", rest[:80], re.IGNORECASE):
                continue  # "dari A per 100.000 KH pada tahun 2022 menjadi B": CL104's main form
            if re.search(r"\b(?:agar|supaya|diharapkan|ditargetkan|direncanakan|rencana|akan|dapat)\b",
                         text[sent_start:m.start()], re.IGNORECASE):
                continue  # a change hoped for, not one that happened
            cur = value_of(row.values.get("realisasi"))
            if cur is not None and same_value(a, cur):
                continue  # "naik dari <this year's figure> ...": from now on
            yw = m.group("ya") or m.group("ya2")
            if yw is None:
                # a unit between the figure and its year ("dari 12,4 per 1.000 KH pada tahun 2023")
                my = re.match(r"[^\d]{0,30}?\b(?:pada|di)\s+tahun\s+(20\d\d)\b", rest)
                yw = my.group(1) if my else None
            ya = int(yw or year - 1)
            named = named_row(ctx, text[sent_start:m.start()])
            if named is not None and named is not row:
                continue  # the change of another indicator
            if re.search(r"\b(?:target|renstra|nasional|provinsi|kabupaten|kota|rata-?rata)\b",
                         text[sent_start:m.start()][-60:], re.IGNORECASE):
                continue  # "turun dari target ...", a comparator's change
            prev = value_of(r32.values.get(f"realisasi:{ya}"))
            if prev is None or same_value(a, prev) is not False:
                continue
            if _COUNTED_NOUN_RE.match(text, m.end("a")) and not (a.text.endswith("%") or "," in a.text):
                continue  # "naik dari 18 perangkat daerah (54,55%)": a count of things
            when = "tahun lalu" if ya == year - 1 else f"tahun {ya}"
            yield self.issue(b, m.start("a"), m.end("a"),
                             f"perbandingan dengan tahun sebelumnya tidak sesuai tabel: nilai awal "
                             f"{a.text}, padahal {when} menurut {tname('3.2')}: {prev.text}",
                             expected=prev.text)

    def _two_years(self, b: Block, up: set[str], down: set[str]) -> Iterator[Issue]:
        """"mengalami penurunan: tahun 2022 sebesar A, sementara tahun 2023 sebesar B" (or the
        direction word after the figures): the word against B - A."""
        text = b.text
        for s, e in sentences(text):
            sent = text[s:e]
            for m in filtered_finditer(pattern("change_years"), sent):
                if int(m.group("y2")) <= int(m.group("y1")):
                    continue
                a, bb = text_value(m.group("a")), text_value(m.group("b"))
                if dec(a) is None or dec(bb) is None or pattern("change").search(sent) or \
                        pattern("change_rev").search(sent):
                    continue
                words = [w for w in pattern("change_word").finditer(sent)]
                if len({w.group(0).lower() in up for w in words}) != 1:
                    continue  # no direction word, or both directions in the sentence
                w = min(words, key=lambda x: min(abs(x.start() - m.start()), abs(x.start() - m.end())))
                between = sent[w.end():m.start()] if w.start() < m.start() else sent[m.end():w.start()]
                if len(between) > 80 or re.search(r"[;]|\b(?:meskipun|walaupun|namun|tetapi|sedangkan)\b",
                                                  between, re.IGNORECASE) or (
                        "," in between and re.search(r"\b(?:meskipun|walaupun|walau|biarpun|sekalipun)\b",
                                                     sent[:w.start()], re.IGNORECASE)):
                    continue  # the word is about something else in the sentence
                if in_choice(sent, w.start(), w.end()) or pattern("change_rank").search(sent):
                    continue
                diff = dec(bb) - dec(a)  # type: ignore[operator]
                word = w.group(0).lower()
                if (word in up and diff < 0) or (word in down and diff > 0):
                    yield self.issue(
                        b, s + w.start(), s + w.end(),
                        f"arah perubahan tidak sesuai angkanya: kata '{word}', padahal dari "
                        f"{a.text} ({m.group('y1')}) menjadi {bb.text} ({m.group('y2')}) adalah "
                        f"{'penurunan' if diff < 0 else 'kenaikan'}",  # type: ignore[union-attr]
                        expected=_OPPOSITE.get(word, word))


@register
class RenstraReachedClaim(_ClaimRule):
    """"Target pada akhir periode Renstra tercapai pada tahun ke-N": the realisasi in Tabel 3.3
    is below the Renstra end target, or N is not the report year's place in the Renstra period.

    A claim that the five-year target is already met must be backed by Tabel 3.3."""

    code = "CL105"
    name = "renstra-reached-claim"

    _TARGET = re.compile(r"\btarget\s+(?:akhir|jangka\s+menengah)\b[^.;]{0,60}?\bsebesar\s+(?P<num>"
                         r"\d+(?:[.,]\d+)*(?:\s?%)?|(?:AA|BB|CC|A|B|C|D)\b)", re.IGNORECASE)
    _CAPAIAN = re.compile(r"\b(?:mencapai|capaian(?:nya)?(?:\s+terhadap\s+target(?:\s+tersebut)?)?)\s+"
                          r"(?:(?:sebesar|baru|hanya|sudah|telah|mencapai)\s+)*(?P<num>\d+(?:[.,]\d+)?\s?%)"
                          # "realisasi tahun ini baru 89,47% dari target akhir Renstra"
                          r"|\b(?:baru|hanya|sudah|telah)\s+(?P<num2>\d+(?:[.,]\d+)?\s?%)\s+dari\s+target\s+"
                          r"(?:akhir|jangka\s+menengah)", re.IGNORECASE)

    def _figures(self, ctx: CheckContext, b: Block, row: IndicatorRow) -> Iterable[Issue]:
        """The end target and the capaian against it stated in a Renstra sentence vs Tabel 3.3."""
        r33 = counterpart(ctx, row, "3.3")
        if r33 is None:
            return
        tvc = r33.values.get("renstra_target") or r33.values.get("target")
        cvc = r33.values.get("capaian")
        text = b.text
        for s, e in sentences(text):
            sent = text[s:e]
            if not pattern("helpers", "renstra_words").search(sent):
                continue
            m = self._TARGET.search(sent)
            if m and re.search(r"capaian\w*\s+(?:terhadap\s+)?$|mencapai\s+$", sent[max(0, m.start() - 25): m.start()],
                               re.IGNORECASE):
                m = None  # "capaian terhadap target jangka menengah sebesar 92,68%": a capaian
            if m and tvc is not None:
                stated = text_value(m.group("num"))
                if same_value(stated, value_of(tvc)) is False and not same_value(stated, value_of(cvc)):
                    yield self.issue(b, s + m.start("num"), s + m.end("num"),
                                     f"target akhir Renstra tertulis {m.group('num')}, sedangkan "
                                     f"{self.where(r33, 'renstra_target' if 'renstra_target' in r33.values else 'target')}"
                                     f" mencatat {tvc.text}", expected=tvc.text)
            for mc in self._CAPAIAN.finditer(sent):
                if cvc is None:
                    break
                g = "num" if mc.group("num") else "num2"
                stated = text_value(mc.group(g))
                if same_value(stated, value_of(cvc)) is False:
                    yield self.issue(b, s + mc.start(g), s + mc.end(g),
                                     f"capaian terhadap target akhir Renstra tertulis {mc.group(g)}, "
                                     f"sedangkan {self.where(r33, 'capaian')} mencatat {cvc.text}",
                                     expected=cvc.text)

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        start = renstra_start(ctx)
        for b, row in self.paragraphs(ctx):
            text = b.text
            yield from self._figures(ctx, b, row)
            for m in pattern("renstra_reached").finditer(text):
                r33 = counterpart(ctx, row, "3.3")
                if r33 is not None:
                    t = value_of(r33.values.get("renstra_target") or r33.values.get("target"))
                    r = value_of(r33.values.get("realisasi"))
                    c = value_of(r33.values.get("capaian"))
                    st = status_of(t, r, c)
                    if m.group("neg"):
                        if st in ("tercapai", "melampaui"):
                            yield self.issue(
                                b, m.start(), m.end(),
                                f"target akhir Renstra dinyatakan belum tercapai, padahal menurut "
                                f"{self.where(r33, 'realisasi')} realisasi {show(r)} sudah mencapai target "
                                f"Renstra {show(t)} (capaian {show(c)})",
                                expected="sudah tercapai")
                    elif st == "tidak_tercapai":
                        yield self.issue(
                            b, m.start(), m.end(),
                            f"target akhir Renstra dinyatakan tercapai, padahal menurut "
                            f"{self.where(r33, 'realisasi')} realisasi {show(r)} masih di bawah target "
                            f"Renstra {show(t)} (capaian {show(c)})",
                            expected="belum tercapai")
                n = int(m.group("n"))
                if year and start and 1 <= year - start + 1 <= 7 and n != year - start + 1:
                    yield self.issue(
                        b, m.start("n"), m.end("n"),
                        f"tahun {year} adalah tahun ke-{year - start + 1} periode Renstra "
                        f"{start}-{start + 5}, bukan tahun ke-{n}",
                        expected=f"tahun ke-{year - start + 1}")


_CLAUSE_BREAK_RE = re.compile(r";|,\s*(?:namun|tetapi|akan\s+tetapi|sedangkan|meskipun|walaupun)\b", re.IGNORECASE)


def _regional_match(sent: str) -> tuple[re.Match[str] | None, str]:
    """The comparator phrase of a comparison sentence and its form ("loose": the phrase with
    "sebesar"; "wide": an acronym only, read for the direction; "tight": a number right after
    the phrase, not found by the loose form): the phrase right after a direction word ("di
    atas rata-rata nasional 71,35") first, then the loose form unless it is the subject of the
    sentence before its direction word, then the wide form."""
    def whole(ms: Iterable[re.Match[str]]) -> list[re.Match[str]]:
        # not across a clause break: "... di atas rata-rata nasional, namun masih di bawah target
        # akhir Renstra sebesar 75" (75 is the target's, not the national figure)
        return [m for m in ms if not _CLAUSE_BREAK_RE.search(sent, m.start(), m.start("num"))]

    loose = whole(filtered_finditer(pattern("regional"), sent))
    loose_nums = {m.start("num") for m in loose}
    tight = whole(filtered_finditer(pattern("regional_tight"), sent))
    wide = whole(pattern("regional_wide").finditer(sent))
    above_below = [d for key in ("regional_above", "regional_below") for d in filtered_finditer(pattern(key), sent)]

    def after_direction(m: re.Match[str]) -> bool:
        return any(0 <= m.start() - d.end() <= 15 for d in above_below)

    def kind(m: re.Match[str], default: str) -> str:
        return "loose" if m.start("num") in loose_nums else default

    for group, name in ((tight, "tight"), (loose, "loose"), (wide, "wide")):
        for m in group:
            if after_direction(m):
                return m, kind(m, name)
    if tight and loose and tight[0].start("num") not in loose_nums and \
            any(d.end() <= tight[0].start() and d.start() >= loose[0].end("num") for d in above_below):
        return tight[0], "tight"  # "X Provinsi ... sebesar A berada di atas rata-rata nasional B"
    if loose:
        return loose[0], "loose"
    return (wide[0], "wide") if wide else (None, "")


@register
class RegionalComparisonClaim(_ClaimRule):
    """A comparison with the kabupaten/national value ("melampaui IKM Kabupaten ... sebesar X ...
    sebanyak Y poin") disagrees with Tabel 3.4: X is not the table's value, the direction is wrong
    or Y is not the difference.

    The comparison with the regional or national value is how the report positions itself.
    Outside the analysis of one indicator (ikhtisar, conclusions) a sentence that gives both
    figures ("IKM Kecamatan ... sebesar 82,5 masih di bawah IKM Kabupaten sebesar 80,1") is
    read on its own figures."""

    code = "CL106"
    name = "regional-comparison-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        yield from self._self_contained(ctx)
        yield from self._against_tables(ctx)

    def _self_contained(self, ctx: CheckContext) -> Iterable[Issue]:
        with_row = {id(b) for b, row in indicator_paragraphs(ctx) if row is not None}
        rows = [r for r in main_rows(ctx) if r.name]
        unique = _unique_aliases(rows)
        above_re, below_re = pattern("regional_above"), pattern("regional_below")
        for b in prose_blocks(ctx):
            if id(b) in with_row:
                continue
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                m, _ = _regional_match(sent)
                if not m:
                    continue
                ref = text_value(m.group("num"))
                head = sent[:m.start()]
                d = None
                for pat in (above_re, below_re):
                    for dm in pat.finditer(head):
                        if len(head) - dm.end() <= 15:
                            d = (pat is above_re, dm)
                if d is None or ref is None or ref.num is None:
                    continue
                up, dm = d
                negm = re.search(r"\b(?:belum|tidak|tak)\s+(?:\w+\s+)?$", head[:dm.start()], re.IGNORECASE)
                if negm:
                    up = not up
                # the own figure: "sebesar A" / "(A)" / "mencapai A" before the direction word
                own_m = None
                for om in re.finditer(r"(?:\b(?:sebesar|mencapai|yaitu|adalah|senilai)\s+|\(\s*)"
                                      r"(?P<num>\d+(?:[.,]\d+)?\s?%?)", head[:dm.start()]):
                    own_m = om
                if own_m is not None:
                    own = text_value(own_m.group("num"))
                else:
                    # "Nilai IKM tersebut lebih tinggi dari IKM RSUD X sebesar ...": the
                    # indicator named before the direction word, with its table value
                    named = NamedIndicatorValue._row_named(rows, unique, head[:dm.start()], least=0.8)
                    own = value_of(named.values.get("realisasi")) if named is not None else None
                    if own is None or _other_period(ctx, head[:dm.start()]):
                        continue
                if own is None or own.num is None or own.num.is_year or \
                        own.text.strip().endswith("%") != ref.text.strip().endswith("%"):
                    continue
                diff = own.num.value - ref.num.value
                if diff == 0 or (diff > 0) == up:
                    continue
                said = head[negm.start():dm.end()] if negm else dm.group(0)
                side = "di atas" if diff > 0 else "di bawah"
                yield self.issue(
                    b, s + (negm.start() if negm else dm.start()), s + dm.end(),
                    f"dinyatakan '{said}', padahal {own.text} {side} nilai pembanding {ref.text} "
                    f"(selisih {fmt(diff)} poin)",
                    expected=f"{side} ({fmt(diff)} poin)")

    def _against_tables(self, ctx: CheckContext) -> Iterable[Issue]:
        for b, para_row in self.paragraphs(ctx):
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                m, form = _regional_match(sent)
                if not m:
                    continue
                wide = form == "wide"
                # "Level Kapabilitas APIP ... lebih rendah dari rata-rata ...": the sentence's own
                # indicator, else the paragraph's
                named = named_row(ctx, sent[:m.start()])
                if form == "tight" and named is None:
                    continue  # a comparator the loose form misses: only for a named indicator
                row = named or para_row
                r34 = counterpart(ctx, row, "3.4")
                table_ref = value_of(r34.values.get("nasional")) if r34 is not None else None
                own = value_of((r34 or row).values.get("realisasi")) or value_of(row.values.get("realisasi"))
                stated = text_value(m.group("num"))
                if stated is None or stated.num is None:
                    continue
                kind = re.search(r"kabupaten|kota|provinsi|nasional|regional", m.group(0), re.IGNORECASE)
                if kind and kind.group(0).lower() in row.name.lower() and containment(row.name, m.group(0)) >= 0.6:
                    continue  # "Nilai SAKIP Kabupaten ... sebesar": the indicator itself, no comparison
                kind_word = kind.group(0).lower() if kind else "nasional"
                same_kind = table_ref is not None and (
                    kind_word in table_ref.text.lower()
                    or (kind_word == "nasional" and not re.search(r"kabupaten|provinsi|regional",
                                                                  table_ref.text, re.IGNORECASE)))
                if not same_kind:
                    table_ref_k = None
                else:
                    table_ref_k = table_ref
                if wide:
                    table_ref_k = None  # the comparator is named by an acronym only
                if table_ref_k is not None and table_ref_k.num is not None and \
                        same_value(stated, table_ref_k) is False:
                    yield self.issue(
                        b, s + m.start("num"), s + m.end("num"),
                        f"nilai pembanding tertulis {stated.text}, sedangkan {tname('3.4')}"
                        f" (baris {r34.values['nasional'].cell.locate().line}) mencatat {table_ref.text}",  # type: ignore[union-attr]
                        expected=table_ref.text)
                ref = table_ref_k if table_ref_k is not None and table_ref_k.num is not None else stated
                if own is None or own.num is None or ref.num is None or \
                        re.search(r"[A-Za-z]", own.text):
                    continue  # a letter grade ("BB (71,05)") is not compared with a figure
                diff = own.num.value - ref.num.value
                # "Realisasi 84,5 berada di atas IKM Kabupaten ... sebesar 83,2": a direction
                # word right before the comparator is its direction; else one after it in the
                # same clause ("..., namun masih di bawah target" is about the target)
                head = sent[: m.start()]
                rest, m_end = head, 0
                above = below = None
                said: str | None = None
                for pat_name in ("regional_above", "regional_below"):
                    for d in pattern(pat_name).finditer(head):
                        if len(head) - d.end() <= 15:
                            up = pat_name == "regional_above"
                            negm = re.search(r"\b(?:belum|tidak|tak)\s+(?:\w+\s+)?$", head[:d.start()], re.IGNORECASE)
                            if negm:
                                up = not up  # "belum mampu melampaui IKM Provinsi ...": below it
                                said = head[negm.start():d.end()]
                            above, below = (d, None) if up else (None, d)
                if above is None and below is None:
                    rest, m_end = sent[m.end():], m.end()
                    cut = re.search(r"[;]|,?\s+\b(?:namun|tetapi|akan\s+tetapi|sedangkan|meskipun|walaupun)\b", rest)
                    if cut:
                        rest = rest[:cut.start()]
                    above = next((d for d in pattern("regional_above").finditer(rest)
                                  if not re.match(r"\s+target", rest[d.end():], re.IGNORECASE)), None)
                    below = next((d for d in pattern("regional_below").finditer(rest)
                                  if not re.match(r"\s+target", rest[d.end():], re.IGNORECASE)), None)
                if above and not in_choice(rest, above.start(), above.end()) and diff <= 0:
                    yield self.issue(
                        b, s + m_end + above.start(), s + m_end + above.end(),
                        f"dinyatakan '{said or above.group(0)}', padahal realisasi {own.text} "
                        f"{'sama dengan' if diff == 0 else 'di bawah'} nilai pembanding {ref.text} "
                        f"(selisih {fmt(diff)} poin)",
                        expected=f"di bawah ({fmt(diff)} poin)" if diff < 0 else "sama")
                elif below and not in_choice(rest, below.start(), below.end()) and diff >= 0:
                    yield self.issue(
                        b, s + m_end + below.start(), s + m_end + below.end(),
                        f"dinyatakan '{said or below.group(0)}', padahal realisasi {own.text} "
                        f"di atas nilai pembanding {ref.text} (selisih {fmt(diff)} poin)",
                        expected=f"di atas ({fmt(diff)} poin)")
                rest = sent[m.end():]
                pm = pattern("regional_points").search(rest)
                if pm:
                    pts = text_value(pm.group("num"))
                    if pts is not None and pts.num is not None and not pts.num.explains(abs(diff)):
                        yield self.issue(
                            b, s + m.end() + pm.start("num"), s + m.end() + pm.end("num"),
                            f"selisih tertulis {pts.text} poin, hasil hitung {own.text} - {ref.text} "
                            f"= {fmt(diff)} poin",
                            expected=fmt(abs(diff)))


def _capaian_contradicts(row: IndicatorRow, ctx: CheckContext, cap: Decimal) -> bool:
    """The capaian cell lies on the other side of 100 than realisasi against target read with
    the negative polarity the report declares (46 cases against a limit of 40 with a capaian of
    115): the cell is wrong and its band uncertain."""
    tv, rv = value_of(row.values.get("target")), value_of(row.values.get("realisasi"))
    if tv is None or rv is None or tv.num is None or rv.num is None or tv.grade or rv.grade:
        return False
    if not row_declared_negative(ctx, row):
        return False  # a polarity guessed from the name alone is no certainty
    d = tv.num.value - rv.num.value
    return (d < 0 < cap - 100) or (d > 0 > cap - 100)


def _band_counts(ctx: CheckContext) -> tuple[Counter[str], str] | None:
    """Number of indicators per predicate band: from Tabel 3.1 capaian, else Tabel 3.5 ticks."""
    rows = [r for r in ctx.tables.rows("3.1") if not r.is_average]
    counts: Counter[str] = Counter()
    if rows:
        for r in rows:
            c = value_of(r.values.get("capaian"))
            if c is None or c.num is None or _capaian_contradicts(r, ctx, c.num.value):
                return None  # no capaian, or one that is not certain: no band to count
            counts[ctx.scale.band_for(c.num.value).code] += 1
        return counts, tname("3.1")
    rows = [r for r in ctx.tables.rows("3.5") if not r.is_average]
    for r in rows:
        p = r.values.get("predikat")
        band = ctx.scale.find(p.text) if p is not None else None
        if band is None:
            return None
        counts[band.code] += 1
    return (counts, tname("3.5")) if counts else None


def _recomputed_band_counts(ctx: CheckContext) -> list[Counter[str]]:
    """Indicators per band with each capaian cell that no usual formula explains replaced by
    the capaian its target and realisasi give (realisasi/target, or the negative formula for a
    lower-is-better indicator); empty when every cell is explained."""
    from drafter.check.rules.arithmetic import capaian_fits_any, capaian_formulas, is_negative

    rows = [r for r in ctx.tables.rows("3.1") if not r.is_average]
    counts: Counter[str] = Counter()
    changed = False
    for r in rows:
        c = value_of(r.values.get("capaian"))
        if c is None or c.num is None:
            return []
        value = c.num.value
        t, rl = r.values.get("target"), r.values.get("realisasi")
        tv, rv = value_of(t), value_of(rl)
        if t is not None and rl is not None and tv is not None and rv is not None and \
                tv.num is not None and rv.num is not None and not tv.grade and not rv.grade and \
                tv.num.value > 0 and not capaian_fits_any(c.num, tv.num.value, rv.num.value):
            forms = capaian_formulas(t, rl)
            negative = row_declared_negative(ctx, r) or is_negative(r.name)
            key = "selisih" if negative and forms and "selisih" in forms else "positif"
            if forms and key in forms:
                value, changed = forms[key][0], True
        counts[ctx.scale.band_for(value).code] += 1
    return [counts] if changed else []


def _describe(ctx: CheckContext, counts: Counter[str]) -> str:
    parts = [f"{n} indikator {b.label}" for b in ctx.scale.bands if (n := counts.get(b.code))]
    return ", ".join(parts) or "tidak ada indikator"


@register
class StatusCountClaim(_ClaimRule):
    """Counts of indicators by status in a summary ("sebanyak 4 indikator capaian kinerja diatas
    target", "3 indikator pencapaiannya dalam kategori sangat baik, 1 indikator dalam kategori
    baik") differ from what Tabel 3.1 (or 3.5) shows.

    The Ikhtisar and the conclusion are often the only parts a reader reads."""

    code = "CL107"
    name = "status-count-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rows = [r for r in ctx.tables.rows("3.1") if not r.is_average]
        statuses = [_firm_status(r, ctx) for r in rows]
        above = sum(1 for s in statuses if s == "melampaui") if rows and None not in statuses else None
        bands = _band_counts(ctx)
        for b in prose_blocks(ctx):
            text = b.text
            if above is not None:
                for m in filtered_finditer(pattern("status_count_above"), text):
                    n = int(m.group("n"))
                    if n != above:
                        yield self.issue(
                            b, m.start(), m.end(),
                            f"tertulis {n} indikator di atas target, padahal {tname('3.1')} hanya "
                            f"mencatat {above} dari {len(rows)} indikator dengan realisasi melampaui target",
                            expected=f"{above} indikator")
            if rows and None not in statuses:
                met = sum(1 for st in statuses if st != "tidak_tercapai")
                # each claim below needs its pattern's literals in the paragraph: without them
                # the paragraph is skipped (same result, no search per sentence)
                at = analyze(text)
                if at.may_match(pattern("status_all_met")):
                    yield from self._all_met(ctx, b, rows, statuses)
                below = sum(1 for st in statuses if st == "tidak_tercapai")
                may_below = at.may_match(pattern("status_count_below"))
                may_plain = at.may_match(pattern("status_count_met_plain"))
                for s0, e0 in sentences(text) if may_below or may_plain else ():
                    sent = text[s0:e0]
                    if _other_period(ctx, sent):
                        continue  # another year
                    # "dua indikator belum mencapai target" (a part with "yaitu" lists them)
                    if may_below:
                        yield from self._plain_count(b, s0, sent, rows, "status_count_below", below,
                                                     "belum mencapai target", "di bawah target",
                                                     scope_ok=re.search(r"\b(?:yaitu|yakni)\b", sent) is not None)
                    if may_plain and not pattern("status_count_met").search(sent):  # "N dari M": read below
                        # "empat indikator telah mencapai target" ("Dengan hasil tersebut, ...")
                        yield from self._plain_count(b, s0, sent, rows, "status_count_met_plain", met,
                                                     "mencapai target", "mencapai atau melampaui target",
                                                     scope_free=True)
                for m in filtered_finditer(pattern("status_count_met"), text):
                    n, total = count_value(m.group("n")), count_value(m.group("total"))
                    if total == len(rows) and n != met:
                        yield self.issue(
                            b, m.start("n"), m.end("n"),
                            f"tertulis {m.group('n')} dari {m.group('total')} indikator memenuhi target, padahal {tname('3.1')} "
                            f"mencatat {met} indikator dengan realisasi mencapai atau melampaui target",
                            expected=f"{met} dari {total} indikator")
            if bands is None:
                continue
            counts, source = bands
            yield from _all_in_category(self, ctx, b, counts, source)
            for s, e in sentences(text):
                sent = text[s:e]
                ms = [m for m in filtered_finditer(pattern("status_count_category"), sent)
                      if not (above is not None and pattern("status_count_above").search(m.group(0)))]
                if not ms:
                    ms = _label_count_items(ctx, sent)
                if not ms:
                    continue
                wrong = []
                for m in ms:
                    band = ctx.scale.find(" ".join(m.group("cat").split()))
                    if band is None:
                        continue
                    n = count_value(m.group("n"))
                    part = _PART_OF_RE.search(sent[:m.start("n")])
                    if part is not None:
                        n = count_value(part.group(1))  # "6 dari 8 indikator ... predikat X"
                    # "5 indikator memperoleh predikat Memuaskan atau Sangat Memuaskan": a union
                    alt = _ALSO_LABEL_RE.match(sent, m.end())
                    band2 = ctx.scale.find(" ".join(alt.group(1).split())) if alt else None
                    want = counts.get(band.code, 0) + (counts.get(band2.code, 0) if band2 and band2.code != band.code else 0)
                    if _OR_ABOVE_RE.match(sent, m.end()) and band.min is not None:
                        # "3 indikator mencapai kategori Sangat Baik atau lebih": that band and
                        # every band above it
                        want = sum(counts.get(bd.code, 0) for bd in ctx.scale.bands
                                   if bd.min is not None and bd.min >= band.min)
                    if n != want:
                        wrong.append(m)
                if wrong and any(all(count_value(m.group("n")) == alt.get(b2.code, 0)
                                     for m in ms if (b2 := ctx.scale.find(" ".join(m.group("cat").split())))
                                     is not None)
                                 for alt in _recomputed_band_counts(ctx)):
                    continue  # right for the capaian the rows' own figures give: the table's
                    # capaian cell is the error (AR101), not the sentence
                if wrong:
                    m0 = wrong[0]
                    yield self.issue(
                        b, s + m0.start(), s + ms[-1].end(),
                        f"jumlah indikator per kategori tidak sesuai {source}: tertulis "
                        f"'{m0.group(0)}', sedangkan {source} menunjukkan {_describe(ctx, counts)}",
                        expected=_describe(ctx, counts))


_PART_OF_RE = re.compile(r"\b(\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)"
                         r"(?:\s*\([a-z ]+\))?\s+dari\s+(?:total\s+|seluruh\s+)?$", re.IGNORECASE)
_OR_ABOVE_RE = re.compile(r"\s+(?:atau|ke)\s+(?:lebih(?:\s+(?:tinggi|baik))?|di\s+atasnya|atas(?:nya)?)\b",
                          re.IGNORECASE)
_ALSO_LABEL_RE = re.compile(r"\s+(?:atau|maupun)\s+((?:sangat\s+|cukup\s+)?[A-Za-z]+(?:\s+[A-Za-z]+)?)\b")


_ALL_CATEGORY_RE = re.compile(
    r"\b(?:seluruh|semua)\s+(?:\w+\s+){0,6}?indikator\b(?P<mid>[^.;]{0,80}?)\b(?:kategori|predikat|berkategori|"
    r"berpredikat)\s+(?P<cat>(?:sangat\s+|cukup\s+|kurang\s+)?[A-Za-z]+(?:\s+target)?)", re.IGNORECASE)


_ALL_CATEGORY_VERB_RE = re.compile(
    r"\s*(?:(?:kinerja|utama|[A-Z][\w.-]*|daerah|tahun|20\d\d)\s+){0,8}(?:telah\s+|sudah\s+)?(?:memperoleh|mencapai|"
    r"meraih|berada\s+(?:pada|dalam)|termasuk|masuk)\s+(?:dalam\s+)?(?:(?:minimal|paling\s+rendah|"
    r"sekurang-kurangnya)\s+)?")


def _all_in_category(rule: StatusCountClaim, ctx: CheckContext, b: Block, counts: Counter[str],
                     source: str) -> Iterator[Issue]:
    """"seluruh indikator ... mencapai kategori Baik" while the table has an indicator in a
    lower band (a band at least as good is what the sentence claims for every indicator)."""
    order = [band.code for band in ctx.scale.bands]  # best first
    for m in filtered_finditer(_ALL_CATEGORY_RE, b.text):
        from drafter.check.rules._textutil import sentence_bounds

        s0, e0 = sentence_bounds(b.text, m.start(), m.end())
        sent = b.text[s0:e0]
        if _other_period(ctx, sent) or not _ALL_CATEGORY_VERB_RE.fullmatch(m.group("mid")) or \
                re.match(r"\s+(?:atau|hingga|sampai|dan)\b", b.text[m.end():]):
            continue  # (an average "sebesar 95,51% dengan predikat A", a range of labels)
        cat = " ".join(m.group("cat").split())
        band = ctx.scale.find(cat) or ctx.scale.find(cat.split()[0])
        if band is None or band.code not in order:
            continue
        k = order.index(band.code)

        def below_of(c: Counter[str], k: int = k) -> int:
            return sum(n for code, n in c.items() if code in order and order.index(code) > k)

        below = below_of(counts)
        if not below or any(not below_of(alt) for alt in _recomputed_band_counts(ctx)):
            continue
        yield rule.issue(
            b, m.start(), m.end(),
            f"kalimat menyatakan seluruh indikator berkategori {band.label}, padahal {source} "
            f"mencatat {below} indikator di bawah kategori itu ({_describe(ctx, counts)})",
            expected=_describe(ctx, counts))


def _label_count_items(ctx: CheckContext, sent: str) -> list[re.Match[str]]:
    """The items of an enumeration of indicators per predicate label of the report's own
    scale ("satu indikator berkategori Istimewa, satu Sangat Baik, tiga indikator berkategori
    Baik dan satu Cukup"): the first names "indikator", the next follow it joined by a comma
    or "dan". Empty for a sentence about another period or one sasaran, or when the report
    states no scale of its own."""
    if ctx.info.scale_source != "document" or _other_period(ctx, sent) or \
            pattern("status_all_scope").search(sent):
        return []
    codes, low_codes, label_rx = _label_scale(ctx)
    items: list[re.Match[str]] = []
    for m in filtered_finditer(label_rx, sent):
        if count_value(m.group("n")) is None:
            continue
        cat = m.group("cat")
        if cat.lower() in low_codes and (
                cat not in codes or not _CATEGORY_WORD_RE.search(m.group(0)[:m.start("cat") - m.start()])):
            if items:
                break
            continue  # "2 indikator a", "dua indikator B": a letter without a category word
        gap = sent[items[-1].end():m.start()] if items else ""
        above = _OR_ABOVE_RE.match(gap)
        if above is not None:
            gap = gap[above.end():]  # "Sangat Baik atau lebih tinggi, satu ..."
        if items and re.fullmatch(r"\s*(?:,|;)?\s*(?:(?:dan|serta|sedangkan|sementara)\s+)?", gap):
            items.append(m)
        elif not items and m.group("ind"):
            items.append(m)
        elif items:
            break  # a second enumeration: read the first only
    if len(items) == 1 and _REST_RE.match(sent, items[0].end()):
        return items  # "empat indikator berkategori A dan sisanya ...": all indicators counted
    return items if len(items) >= 2 else []


def _label_scale(ctx: CheckContext) -> tuple[set[str], set[str], re.Pattern[str]]:
    """The letter codes of the report's scale, the same in lower case, and the pattern of an
    item of :func:`_label_count_items` (computed once per check: asked for every sentence)."""
    got: tuple[set[str], set[str], re.Pattern[str]] | None = ctx.__dict__.get("_label_scale")
    if got is None:
        names = tuple(n for bd in ctx.scale.bands for n in (bd.label.lower(), *bd.aliases) if len(n) > 2)
        # letter codes of the scale ("empat indikator berkategori A"): as written, after a category word
        codes = {bd.code for bd in ctx.scale.bands if bd.code != bd.label}
        names += tuple(c.lower() for c in codes)
        got = ctx.__dict__["_label_scale"] = (codes, {c.lower() for c in codes},
                                              scale_pattern("status_count_label", names)[0])
    return got


_CATEGORY_WORD_RE = re.compile(r"\b(?:kategori|predikat|kriteria|berkategori|berpredikat|tergolong)\b",
                               re.IGNORECASE)
# "... (sangat berhasil) dan sisanya berkategori B", ", sedangkan indikator lainnya ...": the rest
_REST_RE = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:[,;]\s*)?(?:(?:dan|serta|sedangkan|sementara)\s+)?"
                      r"(?:sisanya|selebihnya|(?:sisa\s+|(?:dua|tiga|empat|lima|\d+)\s+)?indi[ck]ator\s+"
                      r"(?:lainnya|yang\s+lain))\b", re.IGNORECASE)


# "hasil tersebut", "data berikut": words that point back at the text, not at a part of the table
_SCOPE_FREE = re.compile(r"\b(?:hasil|data|capaian|kondisi|uraian|tabel|pengukuran)\s+(?:tersebut|berikut|itu)\b",
                         re.IGNORECASE)


def _plain_count(self: StatusCountClaim, b: Block, s0: int, sent: str, rows: list[IndicatorRow],
                 key: str, table_n: int, said: str, meaning: str, *, scope_ok: bool = False,
                 scope_free: bool = False) -> Iterator[Issue]:
    """A count of indicators by status in ``sent`` (pattern ``key``) against ``table_n`` of the
    table, unless the sentence counts a part of the table (one sasaran) and not all of it."""
    for m in pattern(key).finditer(sent):
        head = sent[:m.end()]
        if scope_free:
            head = _SCOPE_FREE.sub(" ", head)
        if not _of_all(head, len(rows)) and pattern("status_all_scope").search(head) and not scope_ok:
            continue  # a part of the table (one sasaran)
        n = count_value(m.group("n"))
        if n != table_n and n <= len(rows):
            yield self.issue(
                b, s0 + m.start(), s0 + m.end(),
                f"tertulis {m.group('n')} indikator {said}, padahal {tname('3.1')} mencatat "
                f"{table_n} dari {len(rows)} indikator dengan realisasi {meaning}",
                expected=f"{table_n} indikator")


StatusCountClaim._plain_count = _plain_count  # type: ignore[attr-defined]


def _firm_status(row: IndicatorRow, ctx: CheckContext) -> str | None:
    """:func:`row_status`, or None when the row's capaian contradicts its target and realisasi
    read with the polarity its name gives (a wrong capaian cell: which status is meant is not
    certain, so no count of statuses is checked against it)."""
    st = row_status(row, ctx)
    if st is None or row_declared_negative(ctx, row):
        return st
    tv, rv = value_of(row.values.get("target")), value_of(row.values.get("realisasi"))
    if tv is None or rv is None or tv.num is None or rv.num is None or tv.grade or rv.grade:
        return st
    d = rv.num.value - tv.num.value
    if _name_negative(row, ctx):
        d = -d
    if (d < 0) == (st == "tidak_tercapai"):
        return st
    if _name_negative(row, ctx):
        from drafter.check.polarity import declared

        if declared(ctx).neg_formula:
            # the report states how a lower-is-better indicator is computed and the name says
            # this one is: realisasi against target decides (a capaian cell computed the other
            # way is AR101's)
            return "melampaui" if d > 0 else "tercapai" if d == 0 else "tidak_tercapai"
    # the capaian says otherwise than the name: fine when a usual formula gives it (a
    # lower-is-better indicator the name does not reveal), else the cell is wrong
    cap = row_capaian(row)
    t, r = tv.num.value, rv.num.value
    if cap is None or cap.num is None or t <= 0 or r <= 0:
        return None
    c = cap.num.value
    tol = max(Decimal(5) / Decimal(10) ** (cap.num.decimals + 1), Decimal("0.02"))
    from drafter.check.polarity import declared

    stated = declared(ctx).neg_formula  # the report's own lower-is-better formula, if stated
    forms = [r / t * 100] + ([t / r * 100] if stated in (None, "rasio") else []) + \
        ([(2 * t - r) / t * 100] if stated in (None, "selisih") else [])
    for v in forms:
        if abs(v - c) <= tol or (c >= 100 and v > c and c % 5 == 0):
            return st  # the formula, or a stated cap (100, 110, 120, 125 ...)
    return None


_OF_ALL = re.compile(r"\bdari\s+(?:(?:total|jumlah|sebanyak)\s+)?(?P<n>\d{1,2}|[a-z]+(?:\s+belas)?)\s+"
                     r"(?:\(\s*\d+\s*\)\s*)?indi[ck]ator\b", re.IGNORECASE)


def _of_all(head: str, total: int) -> bool:
    """``head`` counts out of as many indicators as the table has ("Dari enam indikator, ...")."""
    for m in _OF_ALL.finditer(head):
        try:
            if count_value(m.group("n")) == total:
                return True
        except (KeyError, ValueError):
            continue  # "dari beberapa indikator": not a count
    return False


def _all_met(self: StatusCountClaim, ctx: CheckContext, b: Block, rows: list[IndicatorRow],
             statuses: list[str | None]) -> Iterator[Issue]:
    """"Semua indikator telah mencapai target" while Tabel 3.1 has indicators below target (or
    "... melampaui target" while some only met it)."""
    text = b.text
    blocker = pattern("status_all_blocker")
    for s, e in sentences(text):
        if _other_period(ctx, text[s:e]):
            continue  # the Renstra, last year, another year
        for m in pattern("status_all_met").finditer(text, s, e):
            if blocker.search(text, s, m.start()) or in_choice(text, m.start(), m.end()):
                continue
            if pattern("status_all_scope").search(m.group(0)):
                continue  # "seluruh indikator sasaran ini ...": a part of the table only
            verb = (m.group("verb") or m.group("verb2") or m.group("verb3") or
                    ("melampaui" if m.group("verb4") else "") or "").lower()
            above = bool(m.group("verb4")) or verb in ("melampaui", "melebihi", "terlampaui") and \
                not re.search(r"\b(?:mencapai|memenuhi)\b", m.group(0), re.IGNORECASE)
            bad = [r for r, st in zip(rows, statuses, strict=True)
                   if st == "tidak_tercapai" or (above and st != "melampaui")]
            if not bad:
                continue
            names = "; ".join(f"'{r.name[:50]}'" for r in bad[:3]) + (" ..." if len(bad) > 3 else "")
            word = "melampaui" if above else "mencapai"
            yield self.issue(
                b, m.start(), m.end(),
                f"tertulis semua indikator {word} target, padahal {tname('3.1')} mencatat {len(bad)} dari "
                f"{len(rows)} indikator yang tidak {word} target: {names}",
                expected=f"{len(rows) - len(bad)} dari {len(rows)} indikator {word} target")


StatusCountClaim._all_met = _all_met  # type: ignore[attr-defined]


def overall_capaian(ctx: CheckContext) -> tuple[Decimal, str] | None:
    avg_rows = [r for r in ctx.tables.rows("3.1") if r.is_average]
    for r in avg_rows:
        v = value_of(r.values.get("capaian"))
        if v is not None and v.num is not None:
            return v.num.value, f"rata-rata capaian {tname('3.1')} ({v.text})"
    rows = [r for r in ctx.tables.rows("3.1") if not r.is_average]
    vals = [value_of(r.values.get("capaian")) for r in rows]
    if rows and all(v is not None and v.num is not None for v in vals):
        avg = sum((v.num.value for v in vals), Decimal(0)) / len(vals)  # type: ignore[union-attr]
        return avg, f"rata-rata capaian {tname('3.1')} ({fmt(avg)}%)"
    return None


@register
class OverallCategoryClaim(_ClaimRule):
    """"Secara umum ... dalam kategori X" (or "secara keseluruhan ... hasil yang X"): X is not
    the predicate of the overall result (the average capaian of Tabel 3.1 on the report's own
    scale, whatever its number of levels; labels are matched in any letter case).

    The overall predicate is the headline of the chapter; it must follow from the tables."""

    code = "CL108"
    name = "overall-category-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ov = overall_capaian(ctx)
        if ov is None:
            return
        value, source = ov
        band = ctx.scale.band_for(value)
        names = tuple(n for bd in ctx.scale.bands for n in (bd.label.lower(), *bd.aliases) if len(n) > 2)
        own: str | None = None  # without the report's scale: the Rata-rata row's own predicate
        avg_labels = {_label_text(r.values["predikat"].text).lower() for r in ctx.tables.rows("3.1")
                      if r.is_average and r.values.get("predikat") is not None}
        if ctx.info.scale_source != "document":
            vocab = IndicatorCategoryClaim._vocabulary(ctx)
            avg = next((r.values["predikat"] for r in ctx.tables.rows("3.1")
                        if r.is_average and r.values.get("predikat") is not None), None)
            if avg is not None and _label_text(avg.text).lower() in vocab:
                own = vocab[_label_text(avg.text).lower()]
                names = names + tuple(vocab)
            elif vocab:
                return  # the table uses its own labels, of a scale not read from the report
        intent = pattern("category_intent")
        for b in prose_blocks(ctx):
            found = list(pattern("overall").finditer(b.text))
            seen = {m.start("cat") for m in found}
            for s, e in sentences(b.text):
                if not pattern("overall_sentence").search(b.text, s, e):
                    continue
                for pat in scale_pattern("category_phrase", names):
                    for m in pat.finditer(b.text, s, e):
                        if m.start("cat") not in seen and not intent.search(b.text, s, m.start()) \
                                and not in_choice(b.text, m.start("cat"), m.end("cat")):
                            seen.add(m.start("cat"))
                            found.append(m)
            subset = pattern("category_subset")
            for m in found:
                text = " ".join(m.group("cat").split())
                if subset.search(b.text[max(0, m.start("cat") - 90):m.start("cat")]):
                    continue  # "satu indikator berpredikat Baik": a part of the indicators
                if re.match(r"\s*(?:atau|maupun|hingga|sampai)\s", b.text[m.end("cat"):]) or re.search(
                        r"\s(?:atau|maupun|hingga|sampai)\s*$", b.text[max(0, m.start("cat") - 12):m.start("cat")]):
                    continue  # "kategori Tinggi atau Sangat Tinggi": a range of labels
                s0 = next((a for a, z in sentences(b.text) if a <= m.start("cat") < z), 0)
                yrs = re.findall(r"\b(20\d\d)\b", b.text[s0:m.start("cat")])
                if ctx.info.year and yrs and int(yrs[-1]) != ctx.info.year:
                    continue  # "Rata-rata capaian tahun 2022 ... predikat Baik": another year's
                if own is not None:
                    if text.lower() != own.lower():
                        yield self.issue(
                            b, m.start("cat"), m.end("cat"),
                            f"kategori umum tertulis '{text}', padahal {source} tercatat dengan predikat {own}",
                            expected=own)
                    continue
                stated = ctx.scale.find(text)
                if stated is None or stated.code == band.code or text.lower() in avg_labels \
                        or understated(m.group("cat"), band.label, b.text[max(0, m.start("cat") - 40):m.start("cat")]):
                    continue  # (the text repeating the Rata-rata row's predicate: PR103 judges the row)
                yield self.issue(
                    b, m.start("cat"), m.end("cat"),
                    f"kategori umum tertulis '{text}', padahal {source} masuk kategori "
                    f"{band.label}",
                    expected=band.label)


@register
class EfficiencyClaim(_ClaimRule):
    """"(Ada / tidak ada) efisiensi" contradicts the efficiency ratings of Tabel 3.7.

    Whether the budget was used efficiently is a required conclusion of the report."""

    code = "CL109"
    name = "efficiency-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rows = ctx.tables.rows("3.7")
        flags: list[bool] = []
        for r in rows:
            vc = r.values.get("efisiensi")
            if vc is None:
                continue
            t = vc.text.strip().lower()
            if re.search(r"tidak\s+efisien|inefisien", t):
                flags.append(False)
            elif "efisien" in t:
                flags.append(True)
            elif vc.num is not None:
                flags.append(vc.num.value >= 0)
        if not flags:
            return
        all_eff, none_eff = all(flags), not any(flags)
        for b in prose_blocks(ctx):
            text = b.text
            for m in filtered_finditer(pattern("efficiency"), text):
                if in_choice(text, m.start(), m.end()) or "*" in m.group(0):
                    continue
                neg = m.group("neg").lower().replace("-", " ")
                says_none = neg.startswith("tidak")
                if says_none and all_eff:
                    yield self.issue(b, m.start(), m.end(),
                                     f"tertulis tidak ada efisiensi, padahal {tname('3.7')} menilai semua "
                                     f"{len(flags)} sasaran efisien", expected="ada efisiensi")
                elif not says_none and none_eff:
                    yield self.issue(b, m.start(), m.end(),
                                     f"tertulis ada efisiensi, padahal {tname('3.7')} tidak menilai satu pun "
                                     "sasaran efisien", expected="tidak ada efisiensi")


@register
class IndicatorCategoryClaim(_ClaimRule):
    """The category stated for an indicator ("menunjukkan capaian kategori MEMUASKAN", "telah
    tercapai dengan kategori SANGAT MEMUASKAN") differs from its predicate in Tabel 3.5 (or
    from its Tabel 3.1 capaian on the report's scale).

    The predicate of each indicator is fixed by the table; the text must not upgrade or
    downgrade it."""

    code = "CL110"
    name = "indicator-category-claim"

    def _claims(self, ctx: CheckContext, text: str, row: IndicatorRow,
                extra: tuple[str, ...] = ()) -> list[re.Match[str]]:
        """Category statements: "capaian kategori X", "dengan predikat X", "hasil yang X" (X a
        label of the report's own scale, in any letter case), at most one per position."""
        from drafter.check.rules.predicate import rx as predicate_rx

        other = predicate_rx("other_grading")
        out = list(pattern("indicator_category").finditer(text))
        names = tuple(n for b in ctx.scale.bands for n in (b.label.lower(), *b.aliases) if len(n) > 2) + extra
        seen = {m.start("cat") for m in out}
        intent = pattern("category_intent")
        for s, e in sentences(text):
            # "koordinasi menunjukkan hasil yang baik" is praise of something else: the wordier
            # phrases count only in a sentence about the result or naming the indicator
            about = bool(re.search(r"capaian|realisasi|kinerja|indikator|target", text[s:e], re.IGNORECASE)
                         or (tokens(text[s:e]) - {"hasil", "baik", "dicapai", "diraih"}) & tokens(row.name))
            for k, pat in enumerate(scale_pattern("category_phrase", names)):
                if k > 0 and not about:
                    continue
                for m in pat.finditer(text, s, e):
                    if m.start("cat") in seen or intent.search(text, s, m.start()) or \
                            in_choice(text, m.start("cat"), m.end("cat")):
                        continue
                    seen.add(m.start("cat"))
                    out.append(m)
        # a grade of another assessment (SPBE index, SAKIP evaluation) on its own scale
        spans = sentences(text)
        out = [m for m in out if not other.search(next(
            (text[a:z] for a, z in spans if a <= m.start("cat") < z), ""))]
        # "Empat dari lima kelurahan (80%) memperoleh kategori baik": the grade of counted items
        items = pattern("category_of_items")
        out = [m for m in out if not items.search(text, next(
            (a for a, z in spans if a <= m.start("cat") < z), 0), m.start("cat"))]
        return sorted(out, key=lambda m: m.start())

    @staticmethod
    def _vocabulary(ctx: CheckContext) -> dict[str, str]:
        """The predicate labels the measurement table itself writes (normalised -> as written)."""
        out: dict[str, str] = {}
        for r in main_rows(ctx):
            p = r.values.get("predikat")
            if p is not None:
                label = _label_text(p.text)
                if len(label) >= 4 and not re.search(r"\d", label):
                    out[label.lower()] = label
        return out

    def _against_table(self, ctx: CheckContext, b: Block, row: IndicatorRow,
                       vocab: dict[str, str]) -> Iterator[Issue]:
        """Without a scale read from the report, the row's own predicate in the table is the
        reference (the default scale may not be the report's)."""
        p = row.values.get("predikat")
        if p is None:
            return
        own = _label_text(p.text).lower()
        if own not in vocab:
            return
        for m in self._claims(ctx, b.text, row, tuple(vocab)):
            stated = " ".join(m.group("cat").split())
            if stated.lower() == own or (stated.lower() not in vocab and ctx.scale.find(stated) is None):
                continue
            yield self.issue(
                b, m.start("cat"), m.end("cat"),
                f"kategori indikator '{row.name[:60]}' tertulis '{stated}', padahal "
                f"{self.where(row, 'predikat')} mencatat {vocab[own]}",
                expected=vocab[own])

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        vocab = self._vocabulary(ctx) if ctx.info.scale_source != "document" else {}
        for b, row in self.paragraphs(ctx):
            band = None
            source = ""
            if vocab and row.values.get("predikat") is not None and \
                    _label_text(row.values["predikat"].text).lower() in vocab:
                yield from self._against_table(ctx, b, row, vocab)
                continue
            r35 = counterpart(ctx, row, "3.5")
            if r35 is not None and r35.values.get("predikat") is not None:
                band = ctx.scale.find(r35.values["predikat"].text)
                source = self.where(r35, "predikat")
            if band is None:
                c = value_of(row.values.get("capaian"))
                if c is None or c.num is None:
                    continue
                band = ctx.scale.band_for(c.num.value)
                source = f"capaian {c.text} di {self.where(row, 'capaian')}"
            p31 = row.values.get("predikat")
            own = _label_text(p31.text).lower() if p31 is not None else None
            for m in self._claims(ctx, b.text, row):
                stated = ctx.scale.find(" ".join(m.group("cat").split()))
                if stated is None or stated.code == band.code:
                    continue
                if own and " ".join(m.group("cat").split()).lower() == own:
                    continue  # the text repeats the table's own predicate (PR103 judges the table)
                yield self.issue(
                    b, m.start("cat"), m.end("cat"),
                    f"kategori indikator '{row.name[:60]}' tertulis '{' '.join(m.group('cat').split())}', padahal "
                    f"{source} menunjukkan {band.label}",
                    expected=band.label)


@register
class TargetClaim(_ClaimRule):
    """The report-year target stated in the analysis ("ditargetkan sebesar 82", "target kinerja
    100%", "melampaui target 10%") differs from the target of the same indicator in Tabel 3.1.

    The target is the yardstick of the whole analysis; a different figure in the text makes
    readers doubt which one the capaian was computed from."""

    code = "CL111"
    name = "target-claim"


    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        for b, row in self.paragraphs(ctx):
            target = value_of(row.values.get("target"))
            if target is None:
                continue
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                if pattern("helpers", "target_skip").search(sent) or about_other(ctx, row, sent):
                    continue
                for m in pattern("target_claim").finditer(sent):
                    if m.group("year") and year and int(m.group("year")) != year:
                        continue
                    if year and any(int(y) != year for y in re.findall(r"\b(20\d\d)\b", sent[: m.start()])):
                        continue
                    if pattern("helpers", "unit_after").match(sent[m.end("num"):]):
                        continue
                    stated = text_value(m.group("num"))
                    if stated is None or (stated.num is not None and stated.num.is_year):
                        continue
                    if same_value(stated, target) is not False:
                        continue
                    yield self.issue(
                        b, s + m.start("num"), s + m.end("num"),
                        f"target tertulis {m.group('num')}, sedangkan {self.where(row, 'target')} mencatat "
                        f"target {target.text} untuk indikator '{row.name[:70]}'",
                        expected=target.text)


def _label_text(text: str) -> str:
    """A predicate cell as a label: "A (Sangat Baik)" -> "Sangat Baik", "Baik" -> "Baik"."""
    m = re.search(r"\(([^)]*)\)", text)
    inner = m.group(1) if m and re.search(r"[^\W\d]{3}", m.group(1)) else text
    return " ".join(inner.replace("*", " ").split())


def _percent_like(row: IndicatorRow, v: Value | None) -> bool:
    """True when the indicator's values are percentages (a "%" in the cell, a name such as
    "Persentase ..."/"Cakupan ..."/"Rasio ...", or the unit "(%)" in the name)."""
    if v is None or v.num is None:
        return False
    return v.num.percent or bool(re.match(r"\W*(?:persentase|prosentase|presentase|cakupan|rasio|tingkat\s+penyelesaian)\b",
                                          row.name, re.IGNORECASE)) or bool(re.search(r"\(\s*%\s*\)", row.name))


_PROSE_TARGET_PCT_RE = re.compile(r"\btarget(?:nya)?\s+(?:(?:tahun\s+20\d\d|sebesar|yaitu|yang\s+ditetapkan)\s+){0,2}"
                                  r"(?P<num>\d{1,3}(?:[.,]\d+)?)\s?%", re.IGNORECASE)


def _percent_in_prose(row: IndicatorRow, real: Value | None, sent: str) -> bool:
    """The table gives the indicator's figures without a unit ("Load factor ... | 60 | 54")
    but the sentence writes its target as a percentage ("belum mencapai target 60%"): the
    indicator is measured in percent."""
    if real is None or real.num is None or real.grade:
        return False
    target = value_of(row.values.get("target"))
    if target is None or target.num is None:
        return False
    for m in _PROSE_TARGET_PCT_RE.finditer(sent):
        stated = text_value(m.group("num"))
        if stated is not None and stated.num is not None and stated.num.value == target.num.value:
            return True
    return False


def _other_period(ctx: CheckContext, sent: str) -> bool:
    """A sentence about another year or about the Renstra period (answered once per sentence
    of the document: several rules ask about the same sentences)."""
    memo: dict[str, bool] = ctx.__dict__.setdefault("_other_period_memo", {})
    got = memo.get(sent)
    if got is None:
        got = memo[sent] = _other_period_of(ctx.info.year, sent)
    return got


def _other_period_of(year: int | None, sent: str) -> bool:
    if pattern("helpers", "target_skip").search(sent):
        return True
    return bool(year) and any(int(y) != year for y in _YEAR_20XX_RE.findall(sent))


_YEAR_20XX_RE = re.compile(r"(?<![\d.,])(20\d\d)(?![\d.,])")


@register
class CompletionClaim(_ClaimRule):
    """A sentence claims full completion ("seluruh laporan telah tertangani", "100% pengaduan
    terselesaikan", "semua rekomendasi ditindaklanjuti") while the indicator's realisasi in
    Tabel 3.1 is a percentage below 100 (or, for a count, below its target).

    Writing that everything was done when the table shows 97% hides the part that was not done,
    which is exactly what the analysis has to explain. The completed things must be the
    indicator's own ("seluruh pengaduan ... diselesaikan" for "Persentase Pengaduan yang
    Diselesaikan"); "seluruh kegiatan terlaksana" says nothing about it. Sentences with a negation, a wish or a
    target ("belum seluruhnya", "agar semua ...", "target 100% ..."), and sentences about
    another year or the Renstra, are not claims of this year's result. Outside the analysis
    (ikhtisar, conclusion) a claim is read only when its words name one indicator clearly."""

    code = "CL112"
    name = "completion-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        analysed: set[int] = set()
        for b, row in self.paragraphs(ctx):
            analysed.add(id(b))
            yield from self._claims(ctx, b, row, None)
        # outside the analysis (ikhtisar, conclusion): a sentence whose claim names one
        # indicator clearly ("seluruh laporan pelanggaran trantibum yang masuk ... telah
        # diselesaikan" for "Persentase penyelesaian laporan pelanggaran trantibum")
        quant = pattern("completion", "quantifier")
        mains = main_rows(ctx)
        for b in prose_blocks(ctx):
            if id(b) in analysed or b.kind not in ("paragraph", "list_item") or not filtered_search(quant, b.text):
                continue
            for s, e in sentences(b.text):
                sent = b.text[s:e]
                q = quant.search(sent)
                if q is None:
                    continue
                span = tokens(sent[q.start():q.end() + 100])
                scored = sorted(((len(span & tokens(r.name)), i) for i, r in enumerate(mains)), reverse=True)
                if not scored or scored[0][0] < 3 or (len(scored) > 1 and scored[1][0] >= scored[0][0] - 1):
                    continue
                yield from self._claims(ctx, b, mains[scored[0][1]], (s, e))

    def _claims(self, ctx: CheckContext, b: Block, row: IndicatorRow,
                only: tuple[int, int] | None) -> Iterator[Issue]:
        quant = pattern("completion", "quantifier")
        verb = pattern("completion", "verb")
        blocker = pattern("completion", "blocker")
        real = value_of(row.values.get("realisasi"))
        if real is None or real.num is None:
            return
        target = value_of(row.values.get("target"))
        cap = value_of(row.values.get("capaian"))
        # "Jumlah pengaduan yang belum tertangani": the indicator counts what is NOT done, so
        # any realisasi above 0 contradicts "seluruh ... tertangani"
        um = pattern("completion", "unfinished_name").search(row.name)
        unfinished = um is not None
        # "Jumlah keluarga yang belum menerima bantuan": "seluruh keluarga telah menerima ..."
        own_verb = re.compile(r"\b" + re.escape(um.group("verb")) + r"\b", re.IGNORECASE) \
            if um is not None and um.group("verb") else None
        if unfinished:
            if real.num.value <= 0 or _percent_like(row, real):
                return
        elif _percent_like(row, real):
            if real.num.value >= 100:
                return
        elif target is None or target.num is None or target.grade or real.grade or \
                real.num.value >= target.num.value:
            return  # a count: "seluruh" is wrong only when fewer than the target were done
        if not unfinished and (negative_polarity(target or real, real, cap) or _name_negative(row, ctx)):
            return  # lower is better: "100%" is not the ideal there
        text = b.text
        for s, e in ([only] if only is not None else sentences(text)):
            sent = text[s:e]
            q = quant.search(sent)
            if q is None or _other_period(ctx, sent):
                continue
            v = verb.search(sent, q.end(), min(len(sent), q.end() + 100))
            if v is None and own_verb is not None:
                v = own_verb.search(sent, q.end(), min(len(sent), q.end() + 100))
            if v is None:
                # "seluruh personel ... telah dibekali diklat dasar": the indicator's own
                # things, a perfect "telah/sudah" + verb, and its object from the name
                tv = re.search(r"\b(?:telah|sudah)\s+(?:(?:di|ter|me|ber)\w{3,})(?:\s+\w+){0,3}",
                               sent[q.end():q.end() + 80])
                head = re.match(r"\s*(\w+)", sent[q.end():])
                # the object or the verb itself from the name ("seluruh Ranperda ... telah
                # ditetapkan" for "Persentase Ranperda yang difasilitasi hingga ditetapkan")
                obj = " ".join(tv.group(0).split()[1:]) if tv is not None else ""
                if tv is not None and head is not None and \
                        tokens(head.group(1)) & tokens(row.name) and \
                        tokens(obj) & tokens(row.name) - {"telah", "sudah"}:
                    v = re.compile(re.escape(tv.group(0))).search(sent, q.end())
            if v is None or blocker.search(sent, 0, v.start()) or blocker.search(sent, v.end(), v.end() + 12):
                continue
            if in_choice(sent, q.start(), v.end()):
                continue
            if re.match(r"\s+\w+(?:\s+\w+)?\s+(?:tersebut|itu|ini)\b", sent[q.end():]):
                continue  # "seluruh pekerjaan tersebut selesai": the ones just named, a subset
            if pct_of_items(sent, q.start(), q.end()):
                continue
            if not tokens(sent[q.start():v.end()]) & tokens(row.name):
                continue  # "seluruh kegiatan terlaksana" says nothing about this indicator
            if not unfinished and any(mn.num is not None and real.num is not None and
                                      mn.num.explains(real.num.value)
                                      for mn in ctx.text.of(b).mentions_in(s, e)):
                continue  # "Seluruh rapat paripurna terlaksana dengan realisasi 95,00%": the
                # sentence gives the indicator's own figure; "seluruh" is said of a part of it
            if unfinished:
                yield self.issue(
                    b, s + q.start(), s + v.end(),
                    f"kalimat menyatakan '{' '.join(sent[q.start():v.end()].split())}' (seluruhnya "
                    f"selesai), padahal {self.where(row, 'realisasi')} mencatat {real.text} untuk "
                    f"indikator '{row.name[:70]}' (yang belum selesai)",
                    expected=f"masih {real.text} belum selesai")
                continue
            yield self.issue(
                b, s + q.start(), s + v.end(),
                f"kalimat menyatakan '{' '.join(sent[q.start():v.end()].split())}' (seluruhnya "
                f"selesai), padahal {self.where(row, 'realisasi')} mencatat realisasi {real.text} "
                f"untuk indikator '{row.name[:70]}'",
                expected=f"realisasi {real.text} (belum seluruhnya)")


_CHANGED_TO_RE = re.compile(r"\b(?:(?:mengalami\s+)?(?:kenaikan|penurunan|peningkatan)|naik|turun|meningkat|"
                            r"menurun|bertambah|berkurang)(?:\s+[^\s\d.,;]+){0,3}?\s+menjadi\b", re.IGNORECASE)
# ("kenaikan IKTL menjadi 60,52": up to three words, the indicator's name, before "menjadi")
# a figure the change started from ("dari 1,18%", "dari tahun 2023 sebesar 1,18%"); not the
# target a figure is compared with ("lebih rendah dari batas target 1,20%")
_FROM_FIGURE_RE = re.compile(r"\bdari\s+(?!(?:\w+\s+)?target\b)(?:\w+\s+){0,3}?\d", re.IGNORECASE)


@register
class NarrativeValueClaim(_ClaimRule):
    """A percentage (or, for an index, a score) stated in the narrative of an indicator
    ("tingkat penyelesaian laporan tahun 2023 mencapai 95%", "hanya 95% laporan yang
    tertangani", "indeks kepuasan masyarakat tahun ini sebesar 85,2") matches none of that
    indicator's figures in the tables (target, realisasi, capaian of Tabel 3.1, the years of
    Tabel 3.2, the Renstra figures of Tabel 3.3).

    A narrative figure that appears in no table was either mistyped or copied from another
    report. Shares of indicators ("60% indikator"), budget figures, changes ("dari 90% menjadi
    95%"), figures of other years, the Renstra and regional comparisons are not read here;
    figures right after "realisasi", "capaian" or "target" are the business of CL101, CL102 and
    CL111. "memperoleh nilai 88,41 atau 98,32%" (the realisasi, then a percentage) is read as
    the capaian."""

    code = "CL113"
    name = "narrative-value-claim"
    severity = "warning"

    def _known(self, ctx: CheckContext, row: IndicatorRow) -> list[Value]:
        out: list[Value] = []
        for r in (row, *(counterpart(ctx, row, role) for role in ("3.1", "3.2", "3.3", "3.4", "3.5", "PK"))):
            if r is None:
                continue
            for vc in r.values.values():
                v = value_of(vc)
                if v is not None and v.num is not None:
                    out.append(v)
        return out

    @staticmethod
    def _score_like(row: IndicatorRow, real: Value | None, mn: Mention, sent: str, tail: str = "",
                    head: str = "") -> bool:
        """For an indicator measured as a score or index (IKM 88,05): a plain number of the same
        magnitude in a sentence that names the indicator; for an amount in the unit its name
        states ("Pendapatan Asli Daerah (Rp miliar)"), an amount in rupiah written with the same
        scale word ("Rp 473,25 miliar")."""
        if mn.kind == "rupiah" and real is not None and real.num is not None and mn.value is not None:
            scale = _SCALE_WORD.search(row.name)
            after = _SCALE_WORD.match(tail.lstrip())
            if scale is None or after is None or _scale(scale.group(1)) != _scale(after.group(1)):
                return False
            mn = dataclasses.replace(mn, kind="number")
        if mn.kind not in ("score", "number", "count") or real is None or real.num is None or mn.value is None:
            return False
        own_unit = mn.kind == "count" and bool(mn.noun) and re.search(
            r"\b" + re.escape(str(mn.noun).lower()) + r"\b", row.name.lower()) is not None
        if mn.kind == "count" and not own_unit and not (real.num.value == int(real.num.value)
                                                        and real.num.value >= 10):
            return False  # "12 orang" against an index: another quantity (not "4,5 hari" against
            # "Rata-rata waktu penyelesaian (hari)": the indicator's own unit)
        if mn.num is not None and not mn.num.decimals and real.num.decimals and \
                re.match(r"\s+[a-z]{3,}", tail):
            return False  # "146 jemaah haji" against an index of 87,90: a count of people
        r = real.num.value
        if not r / 2 <= mn.value <= r * 2:
            return False
        # the indicator named in full, or by its acronym ("Nilai IKM yang diperoleh adalah ..."),
        # or by its head noun right before the figure ("menghasilkan nilai indeks 84,51" for
        # "Indeks kepuasan layanan ...")
        lead = row.name.split()[0].lower() if row.name.split() else ""
        return containment(row.name, sent) >= 0.5 or _acronym_in(row, sent) or (
            lead in ("indeks", "nilai", "skor") and re.search(
                r"\b(?:nilai|skor|angka)?\s*" + lead + r"\s*(?:sebesar\s+|adalah\s+|yaitu\s+)?$",
                head, re.IGNORECASE) is not None)

    def _other_indicator_figure(self, ctx: CheckContext, row: IndicatorRow, mains: list[IndicatorRow],
                                known_of: dict[int, list[Value]], head: str, mn: Mention) -> bool:
        """True when the figure is another indicator's table value and the clause before it
        names that indicator (its acronym or initials, or a word of its name that ``row``'s
        name does not have): "... padahal cakupan KTP-el sebagai prasyarat IKD sudah mencapai
        97,83%" in the paragraph of the IKD activation."""
        from drafter.check.claims_parse import nums_equal

        cut = list(re.finditer(r"[;,:]|\b(?:padahal|namun|sedangkan|tetapi|sementara|serta|"
                               r"sehingga|karena)\b", head, re.IGNORECASE))
        clause = head[cut[-1].end():] if cut else head
        own = tokens(row.name)
        words = tokens(clause)
        for r in mains:
            if r is row:
                continue
            if id(r) not in known_of:
                known_of[id(r)] = self._known(ctx, r)
            if not any(v.num is not None and nums_equal(mn.num, v.num) for v in known_of[id(r)]):
                continue
            if words & (tokens(r.name) - own) or any(
                    True for a in _row_aliases(r.name) if a not in _row_aliases(row.name)
                    for _ in _alias_spans(a, clause)):
                return True
        return False

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.claims_parse import nums_equal

        verb = pattern("narrative_value_verb")
        skip = pattern("narrative_skip")
        owned = pattern("narrative_owned")
        mains = main_rows(ctx)
        known_of: dict[int, list[Value]] = {}  # the figures of a row, read once per row
        for b, para_row in self.paragraphs(ctx):
            layer = ctx.text.of(b)
            text = b.text
            lead = lead_in(ctx, b)
            for s, e in layer.sentences:
                sent = text[s:e]
                if s == layer.sentences[0][0] and lead:
                    sent = lead + " " + sent  # a sentence begun on the lines before
                # a sentence that opens by naming another indicator is about that one ("Seluruh
                # produk hukum ... . Kunjungan ke laman resmi DPRD mencapai 53.280 kunjungan")
                row = para_row
                subj = re.match(r"\W*([A-Z][^,.;:\d]{3,80}?)\s+(?:mencapai|sebesar|tercatat|terealisasi|"
                                r"berjumlah|sebanyak|adalah)\b", sent)
                if subj is not None:
                    other = _subject_row(mains, subj.group(1))
                    if other is not None:
                        row = other
                real = value_of(row.values.get("realisasi"))
                pct_row = _percent_like(row, real) or _percent_in_prose(row, real, sent)
                score_row = not pct_row and real is not None and real.num is not None \
                    and not real.grade and real.num.value > 0
                if not (pct_row or score_row):
                    continue
                if id(row) not in known_of:
                    known_of[id(row)] = self._known(ctx, row)
                known = known_of[id(row)]
                if not known:
                    continue
                # the indicator's own name may hold a skip word ("Nilai Kinerja Anggaran")
                bare = re.sub(re.escape(row.name), " ", sent, flags=re.IGNORECASE) if row.name else sent
                if _SCALE_WORD.search(row.name) and re.search(r"\bRp\b", row.name):
                    bare = re.sub(r"\bRp\b", " ", bare)  # an amount is this indicator's own unit
                if _BUDGET_NAME_RE.search(row.name):
                    # "Tingkat deviasi RKPD terhadap APBD": the budget is what the indicator
                    # measures ("Deviasi antara pagu indikatif RKPD dan APBD sebesar 8,40%")
                    bare = _BUDGET_WORD_RE.sub(" ", bare)
                bare = strip_own_region(ctx, bare)  # "IDI Provinsi Banten" in a Banten office's report
                if not _FROM_FIGURE_RE.search(bare):
                    # "turun menjadi 0,69%" with no figure it changed from: the figure is this
                    # year's value, not a change
                    bare = _CHANGED_TO_RE.sub(" menjadi", bare)
                if not (tokens(sent) & tokens(row.name) or _acronym_in(row, sent)
                        or _after_run_in_title(text, layer.sentences, s, row)):
                    continue  # about something else than this indicator
                whole_skip = _skip_hit(skip, bare, row.name) or _other_period(ctx, sent)
                for mn in layer.mentions_in(s, e):
                    if mn.num is None:
                        continue
                    if whole_skip:
                        # a change or another year in a later clause of its own ("..., namun
                        # meningkat dibandingkan tahun 2022 (85,0)"): the figure's own clause
                        # decides
                        c0, c1 = _own_clause(text, s, e, mn.start, mn.end)
                        clause = strip_own_region(ctx, text[c0:c1])
                        if (c0, c1) == (s, e) or _skip_hit(skip, clause, row.name) or \
                                _other_period(ctx, clause) or _REGION_WORD_RE.search(clause):
                            continue
                    head = text[s:mn.start]
                    # "memperoleh nilai 88,41 atau 98,32%": the realisasi, then its capaian
                    alt = re.search(r"(\d+(?:[.,]\d+)*)\s+atau\s+$", head) if mn.kind == "percent" else None
                    paired = alt is not None and same_value(text_value(alt.group(1)), real) is True
                    if not paired and pct_row and mn.kind != "percent":
                        continue
                    if not paired and score_row and not self._score_like(row, real, mn, sent,
                                                                         text[mn.end:mn.end + 12],
                                                                         head=text[s:mn.start]):
                        continue
                    if not paired and (not verb.search(head) or owned.search(head)):
                        continue
                    if pct_of_items(text, mn.start, mn.end) or in_choice(text, mn.start, mn.end):
                        continue
                    if mn.kind != "percent" and _COUNT_OF.match(text, mn.end):
                        continue  # "80 dari 95 desa": a count of a whole (CL120 checks its ratio)
                    if re.match(r"\s*(?:dari|terhadap)\s+target\b", text[mn.end:mn.end + 20], re.IGNORECASE) \
                            and not re.match(r"\s*(?:dari|terhadap)\s+target\s+(?:sebesar\s+)?\d",
                                             text[mn.end:mn.end + 30], re.IGNORECASE):
                        continue  # "mencapai 95% dari target": a capaian (but "tercapai 86% dari target 85%",
                        # "nilai 87 dari target 85": the value against its target)
                    if any(nums_equal(mn.num, v.num) for v in known if v.num is not None
                           and not _rounded_target(mn, v, row, text[mn.end:e])):
                        continue
                    if mn.kind == "percent" and any(mn.num.explains(x) for x in _formula_capaian(row)):
                        continue  # the capaian by a formula before a cap ("menurut rumus ... 130%")
                    if named_other(ctx, row, head) or comparator_value(head):
                        continue
                    if self._other_indicator_figure(ctx, row, mains, known_of, text[s:mn.start], mn):
                        continue
                    if _other_subject_clause(row, text[s:mn.start]):
                        continue
                    yield self.issue(
                        b, mn.start, mn.end,
                        f"angka {mn.text.strip()} di uraian indikator '{row.name[:70]}' tidak ada di tabel: "
                        f"{self.where(row, 'realisasi')} mencatat realisasi {show(real)}"
                        f" dan capaian {show(value_of(row.values.get('capaian')))}",
                        expected=show(real))


_COUNTED_NOUN_RE = re.compile(r"\s+(?!(?:pada|di|tahun|menjadi|ke|poin|persen|point|sehingga|dan|atau|"
                              r"yang|dengan|pada)\b)[a-z][a-z-]{2,}\b")
_YEAR_LABELLED_RE = re.compile(
    r"\btahun\s+(?P<y>20\d\d)\s*(?:\(\s*|(?:yang\s+)?(?:sebesar|senilai)\s+)"
    r"(?P<num>\d[\d.,]*(?:\s*%)?)(?![\d.,]*\s*[-–])", re.IGNORECASE)
_NOT_REALISASI_BEFORE_RE = re.compile(
    r"\b(?:target|capaian|renstra|rpjmd|nasional|provinsi|kabupaten|kota|anggaran|pagu|belanja|standar|rata-?rata)\b[^.;]*$",
    re.IGNORECASE)
_REGION_WORD_RE = re.compile(r"\b(?:provinsi|nasional|regional|kabupaten|kota|kecamatan)\b", re.IGNORECASE)
_OWN_CLAUSE_RE = re.compile(r";|,\s*(?=(?:namun|tetapi|sedangkan|sementara|meskipun|walaupun|padahal)\b)"
                            # "... sebesar 74,2 dari target 75, sedikit di bawah target namun
                            # lebih tinggi dibandingkan tahun sebelumnya": a remark of its own
                            r"|,\s*(?=(?:sedikit|jauh|masih|sudah|telah)\s+(?:di\s*(?:bawah|atas)|lebih|"
                            r"melampaui|melebihi|mencapai)\b)", re.IGNORECASE)


def _own_clause(text: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence text[s:e] that holds text[start:end], cut at semicolons
    and at ", namun / tetapi / sedangkan ..."."""
    c0, c1 = s, e
    for m in _OWN_CLAUSE_RE.finditer(text, s, e):
        if m.end() <= start:
            c0 = m.end()
        elif m.start() >= end:
            c1 = m.start()
            break
    return c0, c1


def _after_run_in_title(text: str, sents: list[tuple[int, int]], s: int, row: IndicatorRow) -> bool:
    """The sentence at ``s`` comes right after a short run-in title that names ``row``
    ("Indikator BOR. Tingkat hunian tempat tidur tahun 2023 mencapai ..."): it is about it."""
    if len(sents) < 2 or sents[1][0] != s:
        return False
    title = text[sents[0][0]:sents[0][1]]
    return len(title) <= 80 and not re.search(r"\d", title) and bool(
        tokens(title) & tokens(row.name) or _acronym_in(row, title))


def _skip_hit(skip: re.Pattern[str], text: str, name: str) -> bool:
    """A skip word in ``text`` that is no word of the indicator's own name ("naik" is the
    indicator's own word in "usaha mikro ... berhasil naik kelas" for "Jumlah usaha mikro yang
    naik kelas")."""
    own = set(re.findall(r"\w+", name.lower()))
    return any(not set(re.findall(r"\w+", m.group(0).lower())) <= own and not _root_in(m.group(0), own)
               for m in skip.finditer(text))


def _root_in(word: str, own: set[str]) -> bool:
    """A one-word skip word whose root is in a word of the name: "tumbuh" for "Laju pertumbuhan
    ekonomi", "meningkat" for "Peningkatan ...", "naik" for "Kenaikan ..." (the change is what
    the indicator measures)."""
    low = word.lower()
    if not low.isalpha():
        return False
    root = re.sub(r"^(?:meng|meny|mem|men|me|ber|ter)(?=\w{4})", "", low)
    return len(root) >= 4 and any(root in w and w != low for w in own)


_COUNT_OF = re.compile(r"\s*(?:\w+\s+)?dari\s+(?:total\s+|jumlah\s+|sejumlah\s+)?\d", re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"[;:]|,\s*(?=(?:tetapi|namun|sedangkan|sementara|padahal|serta|dan|meskipun|walaupun)\b)"
                         r"|\b(?:tetapi|namun|sedangkan|sementara\s+itu|padahal|meskipun|walaupun)\b", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"\b(?:ini|tersebut|itu|(?:capaian|realisasi|nilai|angka|hasil|kinerja)(?:nya)?|"
                             r"indikator|target)\b", re.IGNORECASE)


def _other_subject_clause(row: IndicatorRow, head: str) -> bool:
    """True when the figure stands in a later clause with a subject of its own that is not
    ``row`` ("Rendahnya luas lahan puso (1,80%) ..., tetapi penggunaan benih bersertifikat baru
    mencapai 61% luas tanam"): no word of the indicator's name and nothing that points back to
    it ("ini", "capaiannya", "realisasi") between the conjunction and the figure."""
    cuts = list(_CLAUSE_CUT.finditer(head))
    if not cuts:
        return False
    clause = head[cuts[-1].end():]
    if len(tokens(clause)) < 2 or tokens(clause) & tokens(row.name) or _acronym_in(row, clause):
        return False
    return not _BACK_REFERENCE.search(clause)


def _formula_capaian(row: IndicatorRow) -> list[Decimal]:
    """The capaian of ``row`` by each usual formula (realisasi/target, target/realisasi,
    (2 x target - realisasi)/target, x 100), before any cap."""
    tv, rv = value_of(row.values.get("target")), value_of(row.values.get("realisasi"))
    if tv is None or rv is None or tv.num is None or rv.num is None or tv.grade or rv.grade:
        return []
    t, r = tv.num.value, rv.num.value
    if t <= 0:
        return []
    out = [r / t * 100, (2 * t - r) / t * 100]
    if r > 0:
        out.append(t / r * 100)
    return out


_SCALE_WORD = re.compile(r"\b(ribu|juta|miliar|milyar|triliun)\b", re.IGNORECASE)


def _scale(word: str) -> str:
    return "miliar" if word.lower() == "milyar" else word.lower()


def _acronym_in(row: IndicatorRow, sent: str) -> bool:
    """True when ``sent`` writes the acronym of ``row``'s name ("IKM" for "Indeks Kepuasan
    Masyarakat ...", "BOR" for "Bed Occupancy Rate (BOR)")."""
    return any(re.search(r"(?<![A-Za-z])" + re.escape(a) + r"(?![A-Za-z])", sent)
               for a in _row_aliases(row.name) if len(a) >= 3 and a.isupper())


def about_other(ctx: CheckContext, row: IndicatorRow, sent: str) -> bool:
    """True when ``sent`` is rather about another main indicator than ``row``: it contains
    most words of another indicator's name ("Prevalensi stunting turun ..." for "Prevalensi
    balita stunting") and clearly fewer of ``row``'s. A claim in it is then not ``row``'s."""
    own = max(containment(row.name, sent), containment(re.sub(r"\([^)]*\)", " ", row.name), sent))
    best, second = 0.0, 0.0
    for r in main_rows(ctx):
        if r is row or r.name == row.name or len(tokens(r.name)) < 2:
            continue
        sc = max(containment(r.name, sent), containment(re.sub(r"\([^)]*\)", " ", r.name), sent))
        if sc > best:
            best, second = sc, best
        elif sc > second:
            second = sc
    return best >= 0.6 and best - own >= 0.3 and best - second >= 0.2


_OTHER_IND_RE = re.compile(
    r"\b(?:indi[ck]ator|iku)\s+(?!(?:ini|tersebut|itu|yang|kinerja|utama|sasaran|di|pada|dengan|ke)\b)"
    r"(?P<name>[^\W\d][\w/-]*(?:\s+(?!(?:yang|mencapai|sebesar|adalah|yaitu|dengan|hanya|baru|"
    r"memperoleh|tercatat|pada|di|realisasi\w*|capaian\w*|nilai|senilai|masih|juga|telah|sudah)\b)"
    r"[^\W\d][\w/-]*){0,4})", re.IGNORECASE)
_COMPARATOR_CUE = re.compile(r"\b(?:sebagai\s+)?pembanding(?:nya)?\b|\bsebagai\s+perbandingan\b", re.IGNORECASE)


def clause_names_other(row: IndicatorRow, head: str) -> bool:
    """True when the clause right before a value (``head``: its sentence up to the value)
    names an indicator by words none of which belong to ``row`` ("sebagai pembanding, indikator
    trantibum mencapai 97,30%", "tidak menutupi indikator rehabilitasi disabilitas yang hanya
    mencapai 85%", "dibanding indikator lain ..."), or calls the figure a comparison's."""
    clause = re.split(r"[,;:]\s|\s[-–]\s", head[-260:])[-1]
    if _COMPARATOR_CUE.search(head[-260:]) and not re.search(
            r"\brealisasi(?:nya)?\s+(?:sebesar\s+|mencapai\s+)?$", clause, re.IGNORECASE):
        return True  # (not "..., realisasi 85 masih di bawahnya": the indicator's own figure)
    found = list(_OTHER_IND_RE.finditer(clause))
    if not found:
        return False
    m = found[-1]
    name = m.group("name")
    if re.match(r"(?:lain|lainnya|berikut)\b", name, re.IGNORECASE):
        return True
    own = tokens(row.name) | {a.lower() for a in _row_aliases(row.name)}
    words = {w.lower() for w in re.findall(r"[^\W\d][\w/-]*", name) if len(w) >= 3}
    content = (set(tokens(name)) | words) - {"persentase", "jumlah", "tingkat", "rasio", "cakupan",
                                               "indeks", "nilai", "angka", "rata", "rata-rata"}
    return bool(content) and not (content & {o.lower() for o in own})


def formula_operand(text: str, start: int, end: int) -> bool:
    """A number written as an operand of a formula ("3,0/2,4 × 100% = 125%", "(2 x 24 - 18)"),
    not a stated value (the result after "=" is one)."""
    before = text[max(0, start - 6):start]
    after = text[end:end + 8]
    return bool(re.search(r"(?:[+*/×÷]|(?<![A-Za-z])[xX])\s*\(?\s*$", before)
                or re.match(r"\s*%?\s*\)?\s*(?:[+*/×÷=]|[xX](?![A-Za-z])|[-–]\s*\d)", after))


def claim_paragraphs(ctx: CheckContext) -> list[tuple[Block, IndicatorRow]]:
    """:func:`indicator_paragraphs` with a row, each split by the indicator its sentences are
    about (cached): a paragraph whose sentences all follow its row is yielded as it is; else a
    copy per row in which the other rows' sentences are blanked (same length, so every
    position still maps to the source)."""
    cached = ctx.__dict__.get("_claims_sentence_rows")
    if cached is not None:
        return cached
    out: list[tuple[Block, IndicatorRow]] = []
    unique = _unique_aliases(main_rows(ctx))
    for b, row in indicator_paragraphs(ctx):
        if row is None:
            continue
        text = b.text
        spans = sentences(text)
        rows = [_sentence_row(ctx, row, text[a:z], unique) for a, z in spans]
        if all(r is None for r in rows):
            out.append((b, row))
            continue
        parts: dict[int, tuple[IndicatorRow, list[tuple[int, int]]]] = {id(row): (row, [])}
        for (a, z), r in zip(spans, rows, strict=True):
            if isinstance(r, str):
                continue  # about an item of another table: no indicator's claim
            r = r or row
            parts.setdefault(id(r), (r, []))[1].append((a, z))
        for r, keep in parts.values():
            if not keep:
                continue
            chars = [" "] * len(text)
            for a, z in keep:
                chars[a:z] = text[a:z]
            out.append((dataclasses.replace(b, text="".join(chars)), r))
    ctx.__dict__["_claims_sentence_rows"] = out
    return out


_ITEM_SUBJECT = re.compile(r"\W*(?:[Pp]ada\s+(?:tahun\s+\d{4}\s*,?\s*)?)?(?P<s>[A-Z][^,.;:\d]{2,60}?)\s+"
                           r"(?:terealisasi|tercatat|mencapai|sebesar|berjumlah|sebanyak|realisasinya|"
                           r"menyumbang|memberikan|naik|turun|meningkat|menurun)\b")


def _item_labels(ctx: CheckContext) -> frozenset[str]:
    """Row labels (lower case) of the tables that are not main indicators: the items of a
    breakdown ("Pajak Restoran"), programs, kegiatan (cached)."""
    cached = ctx.__dict__.get("_claims_item_labels")
    if cached is not None:
        return cached
    mains = {" ".join(r.name.lower().split()) for r in main_rows(ctx)}
    out: set[str] = set()
    for b in ctx.document.blocks:
        if b.kind != "table":
            continue
        for r in b.rows:
            for c in r.cells[:3]:
                t = " ".join(re.sub(r"[*_]", " ", c.text).lower().split())
                if re.search(r"[a-z]{3}", t) and not re.search(r"\d", t) and len(t.split()) <= 8 \
                        and t not in mains and not is_total_label(t):
                    out.add(t)
                    break
    labels = frozenset(out)
    ctx.__dict__["_claims_item_labels"] = labels
    return labels


def _sentence_row(ctx: CheckContext, row: IndicatorRow, sent: str,
                  unique: dict[str, IndicatorRow]) -> IndicatorRow | str | None:
    """Another main indicator than ``row`` that a sentence with a figure is about: it names
    that one (acronym, initials or name) and not ``row``; ``"item"`` when its subject is an item
    of another table ("Pajak Restoran terealisasi Rp 68,40 miliar" in the paragraph of
    "Penerimaan pajak daerah"); None when it is about ``row``."""
    if not re.search(r"\d", sent):
        return None
    subj = _ITEM_SUBJECT.match(sent)
    if subj is not None:
        words = " ".join(subj.group("s").lower().split())
        if words in _item_labels(ctx) and not tokens(words) <= tokens(_bare_name(row.name)):
            return "item"
    named = _aliased_rows(unique, sent)
    if id(row) in named or containment(_bare_name(row.name), sent) >= 0.8:
        return None
    others = [r for r in named.values() if r is not row]
    if len(others) == 1:
        return others[0]
    if others:
        return None
    other = named_row(ctx, sent)
    if other is not None:
        return other if other is not row else None
    return _expanded_row(ctx, row, sent)


def _expanded_row(ctx: CheckContext, row: IndicatorRow, sent: str) -> IndicatorRow | None:
    """The one other indicator whose whole name the sentence holds once acronyms are written
    out and spelling variants folded ("gangguan trantibum" for "Jumlah gangguan ketenteraman
    dan ketertiban umum"), while it holds little of ``row``'s name."""
    from drafter.check.fuzzy import tokens as ftokens

    words = set(ftokens(sent))

    def share(r: IndicatorRow) -> float:
        name = set(ftokens(_bare_name(r.name)))
        return len(words & name) / len(name) if len(name) >= 2 else 0.0

    if share(row) >= 0.5:
        return None
    scored = sorted(((share(r), i) for i, r in enumerate(main_rows(ctx)) if r is not row), reverse=True)
    if not scored or scored[0][0] < 0.8 or (len(scored) > 1 and scored[1][0] > scored[0][0] - 0.3):
        return None
    return main_rows(ctx)[scored[0][1]]


def named_other(ctx: CheckContext, row: IndicatorRow, text: str) -> bool:
    """True when ``text`` names another main indicator than ``row``."""
    other = named_row(ctx, text)
    return other is not None and other is not row


def _unique_aliases(rows: list[IndicatorRow], wide: bool = False) -> dict[str, IndicatorRow]:
    """The names, acronyms and initials (:func:`_row_aliases`) that belong to one row only;
    ``wide``: also the acronyms written inside a name (for sentences outside the indicator
    paragraphs, which name the indicator by them)."""
    aliases: dict[str, list[IndicatorRow]] = {}
    for r in rows:
        own = _row_aliases(r.name)
        for a in own:
            aliases.setdefault(a, []).append(r)
        if wide:
            # an acronym written in the name itself ("Persentase realisasi PBB-P2 terhadap
            # ketetapan", "Waktu verifikasi BPHTB")
            for a in dict.fromkeys(re.findall(r"(?<![\w-])([A-Z]{3,6}(?:-[A-Z0-9]{1,3})?)(?![\w-])",
                                              re.sub(r"\([^()]*\)", " ", r.name))):
                if a not in own:
                    aliases.setdefault(a, []).append(r)
        # "APM SMP/MTs (%)": the unit in brackets is no part of the qualified name
        q = _QUALIFIED_NAME.match(" ".join(re.sub(r"\s*\([^()]{1,12}\)\s*$", "", r.name).split()))
        if q:
            # "APK SD/MI" beside "APK PAUD": the shared acronym with its qualifier
            aliases.setdefault(f"{q.group(1)} {q.group(2)}", []).append(r)
    return {a: rs[0] for a, rs in aliases.items() if len(rs) == 1}


# a short name made of a leading acronym and a qualifier ("APK SD/MI", "APM SMP/MTs")
_QUALIFIED_NAME = re.compile(r"^([A-Z]{2,6})\s+([A-Za-z][\w/.-]*(?:\s+[\w/.-]+){0,2})$")


_MEASURE_WORDS = frozenset({"skor", "nilai", "indeks", "angka", "persentase", "jumlah", "tingkat",
                            "rasio", "cakupan", "rata-rata", "prevalensi", "proporsi"})


def _row_aliases(name: str) -> list[str]:
    """Short names of an indicator: an acronym in brackets ("Bed Occupancy Rate (BOR)"), a
    leading acronym ("APK SMA/SMK/MA"), the initials of its leading capitalised words
    ("Indeks Kepuasan Masyarakat ..." -> "IKM")."""
    out = re.findall(r"\(\s*([A-Z][A-Za-z]{1,5})\s*\)", name)
    lead = re.match(r"\W*([A-Z]{2,6})\b", name)
    if lead:
        out.append(lead.group(1))
    caps = re.match(r"\W*((?:[A-Z][a-z]+\s+){1,5}[A-Z][a-z]+)\b", name)
    if caps:
        words = caps.group(1).split()
        out.append("".join(w[0] for w in words))
        if len(words) >= 4 and words[0].lower() in _MEASURE_WORDS:
            # "Skor Pola Pangan Harapan" is written "Skor PPH": the measure word stays a word
            # (three initials at least: two capitals are too common a pair of words)
            out.append("".join(w[0] for w in words[1:]))
    return [a for a in dict.fromkeys(out) if len(a) >= 2]


def _aliased_rows(unique: dict[str, IndicatorRow], text: str) -> dict[int, IndicatorRow]:
    """The rows whose unique aliases ``text`` names, by id; an alias written inside a longer
    one's span ("SMP" in "APM SMP/MTs") names nothing of its own."""
    hits = [(a, r, sp) for a, r in unique.items() for sp in _alias_spans(a, text)]
    return {id(r): r for a, r, (s0, e0) in hits
            if not any(e1 - s1 > e0 - s0 and s1 <= s0 and e0 <= e1 for _, _, (s1, e1) in hits)}


def _alias_spans(alias: str, sent: str) -> Iterator[tuple[int, int]]:
    """Where ``alias`` is written in ``sent``: as the acronym itself, or spelled out as
    capitalised words with those initials ("Angka Partisipasi Kasar" for APK)."""
    q = _QUALIFIED_NAME.match(alias)
    if q and " " in alias:
        # "APK SD/MI" written "Angka Partisipasi Kasar (APK) SD/MI" or "APK SD/MI"
        acr, rest = q.group(1), r"\s+".join(re.escape(w) for w in q.group(2).split())
        spelled = r"\s+".join(ch + r"[a-z]+" for ch in acr)
        pat = (rf"(?<![A-Za-z])(?:{re.escape(acr)}|{spelled}(?:\s*\(\s*{re.escape(acr)}\s*\))?)"
               rf"\s+{rest}(?![\w/])")
        for m in re.finditer(pat, sent):
            yield m.span()
        return
    for m in re.finditer(r"(?<![A-Za-z])" + re.escape(alias) + r"(?![A-Za-z])", sent):
        yield m.span()
    if alias.isupper() and 2 <= len(alias) <= 6:
        spelled = r"\b" + r"\s+".join(ch + r"[a-z]+" for ch in alias) + r"\b"
        for m in re.finditer(spelled, sent):
            yield m.span()


def _clause_score(name: str, clause: str) -> float:
    """How well the words just before a value name an indicator: the share of the name's
    content words present (at least two of them)."""
    tn, tc = tokens(_bare_name(name)), tokens(clause)
    common = len(tn & tc)
    if common < 2:
        return 0.0
    return common / len(tn)


def _digits_swapped(a: Num, b: Num) -> bool:
    """The same digits in another order, two neighbours exchanged ("225" / "252", "84,51" /
    "84,15"): a typing slip."""
    da, db = re.sub(r"\D", "", a.text), re.sub(r"\D", "", b.text)
    if len(da) != len(db) or da == db or len(da) < 2:
        return False
    diff = [k for k in range(len(da)) if da[k] != db[k]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]


def _row_units(ctx: CheckContext, row: IndicatorRow) -> set[str]:
    """The unit words of an indicator: in brackets in its name ("Patroli wilayah perbatasan
    (kali)") and in its table's unit column ("kali", "orang")."""
    words = {w.lower() for part in re.findall(r"\(([^()]{1,30})\)", row.name)
             for w in re.findall(r"[A-Za-z]{2,12}", part)}
    info = ctx.tables.info.get(row.table.index)
    col = info.columns.get("unit") if info is not None else None
    if col is not None and col < len(row.row.cells):
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{2,12}", row.row.cells[col].text)}
    return words


def _bare_name(name: str) -> str:
    from drafter.check.claims_parse import _bare

    return _bare(name)


@register
class NamedIndicatorValue(_ClaimRule):
    """A value stated for an indicator the sentence names, anywhere in the report (ikhtisar,
    analysis, conclusion), that is close to but not equal to any of that indicator's figures
    in the tables: "Angka Partisipasi Kasar mencapai 90,41%" when the tables give 90,14; "BOR
    tahun ini mencapai 67,85%" for 66,85; "Nilai IKM yang diperoleh sebesar 82,64" for 82,52.

    The indicator is recognised by its name, its acronym in brackets, or its initials written
    out; the value is the first figure after a verb such as "mencapai", "sebesar", "adalah".
    Only figures within about ten per cent of the table's realisasi are read (a typing slip
    of the table value), so other quantities in the same sentence are left alone; sentences
    about other years, the Renstra, changes, budgets and other regions are skipped.
    Paragraphs that analyse one indicator are checked by CL113 instead."""

    code = "CL114"
    name = "named-indicator-value"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.claims_parse import nums_equal

        rows = [r for r in main_rows(ctx) if r.name]
        if len(rows) < 2:
            return
        unique = _unique_aliases(rows)
        # what CL113 reports in the paragraphs of one indicator is not reported again
        done = {(i.location.line, i.location.column) for i in NarrativeValueClaim().check(ctx)}
        compare = pattern("named_value_skip")
        verb = pattern("narrative_value_verb")
        skip = pattern("narrative_skip")
        budget = pattern("named_value_budget")
        defining = set(ctx.info.scale_blocks)
        for b in prose_blocks(ctx):
            if b.index in defining or not re.search(r"\d[.,]\d|\d\d\s+[a-z]", b.text):
                continue
            layer = ctx.text.of(b)
            text = b.text
            for s, e in layer.sentences:
                for mn in layer.mentions_in(s, e):
                    if mn.num is None or mn.kind not in ("percent", "score", "number", "count"):
                        continue
                    # a whole number only with a unit word after it ("225 kali"): checked
                    # below against the named indicator's own unit
                    unit_word = None
                    if not mn.num.decimals:
                        um = re.match(r"\s+([a-z]{2,12})\b", text[mn.end:mn.end + 14])
                        if um is None or mn.num.value < 10:
                            continue
                        unit_word = um.group(1).lower()
                    head = text[s:mn.start]
                    if _PRE_CAP_RE.search(head) or _PRE_CAP_AFTER_RE.match(text, mn.end):
                        continue  # "secara matematis sebesar 128,05%, namun ... dicatat 120,00%": the
                        # formula's result before the report's cap, which the sentence goes on to give
                    vm = verb.search(head)
                    if vm is None:
                        continue
                    vs = s + vm.start()
                    clause_start = max(text.rfind(c, s, vs) for c in ",;:.") + 1
                    clause = text[max(s, clause_start, vs - 80):vs]
                    tail = re.split(r"[,;]", text[mn.end:e], maxsplit=1)[0]
                    words = clause + tail
                    if _REALISED_OF.search(head):
                        # "penurunan prevalensi stunting yang terealisasi sebesar 11,02%": the
                        # change noun names the indicator, the value is its realisasi
                        words = _CHANGE_NOUN.sub(" ", words)
                    if skip.search(words) or _other_period(ctx, clause + " " + tail):
                        continue
                    if budget.search(head):
                        continue  # "Serapan terendah ... pada sub kegiatan <name> sebesar X%"
                    # (in the figure's own clause: "..., sedangkan produksi budidaya tercapai
                    # 5.850 ton" is no comparison of that figure)
                    own_head = re.sub(r"^\s*(?:sedangkan|sementara|dan|serta|namun|tetapi)\b", " ",
                                      text[max(s, clause_start):mn.start], flags=re.IGNORECASE)
                    if compare.search(own_head) or (mn.kind == "percent" and pattern(
                            "helpers", "renstra_words").search(head)):
                        continue  # a comparison with another region or another figure, or a
                        # capaian against the Renstra end target
                    row = self._row_named(rows, unique, clause)
                    if row is None:
                        continue
                    if unit_word is not None and unit_word not in _row_units(ctx, row):
                        continue  # a count of something else than the indicator measures
                    real = next((v for rr in (row, *(counterpart(ctx, row, role) for role in
                                                    ("3.1", "3.2", "3.3", "3.4")))
                                 if rr is not None
                                 for v in [value_of(rr.values.get("realisasi"))]
                                 if v is not None and v.num is not None and not v.grade), None)
                    if real is None or real.num is None:
                        continue
                    r = real.num.value
                    v = mn.num.value
                    capv = value_of(row.values.get("capaian"))
                    if mn.kind == "percent" and capv is not None and capv.num is not None and \
                            abs(v - capv.num.value) < abs(v - r):
                        r = capv.num.value  # "... mencapai 102,94%" near the capaian 102,49
                    if v == r or (abs(v - r) > abs(r) / 10 + 1 and not _digits_swapped(mn.num, real.num)):
                        continue  # (far from the table's figure: another quantity, unless its
                        # digits are the table's in another order: "225" for 252)
                    if pct_of_items(text, mn.start, mn.end) or in_choice(text, mn.start, mn.end):
                        continue
                    known = NarrativeValueClaim._known(self, ctx, row)  # type: ignore[arg-type]
                    known += [v2 for c in row.row.cells for v2 in [text_value(c.text)] if v2]
                    if any(k.num is not None and nums_equal(mn.num, k.num) for k in known):
                        continue
                    issue = self.issue(
                        b, mn.start, mn.end,
                        f"angka {mn.text.strip()} untuk indikator '{row.name[:70]}' tidak ada di "
                        f"tabel: {self.where(row, 'realisasi')} mencatat realisasi {show(real)}"
                        f" dan capaian {show(value_of(row.values.get('capaian')))}",
                        expected=show(real))
                    if (issue.location.line, issue.location.column) not in done:
                        yield issue

    @staticmethod
    def _row_named(rows: list[IndicatorRow], unique: dict[str, IndicatorRow],
                   clause: str, least: float = 0.5) -> IndicatorRow | None:
        by_alias = _aliased_rows(unique, clause)
        if len(by_alias) == 1:
            return next(iter(by_alias.values()))
        if by_alias:
            return None
        scored = sorted(((_clause_score(r.name, clause), i) for i, r in enumerate(rows)),
                        reverse=True)
        best, i = scored[0]
        if best < least or (len(scored) > 1 and scored[1][0] > best - 0.15):
            return None
        return rows[i]


_REALISED_OF = re.compile(r"\byang\s+(?:terealisasi|tercatat|dicapai)\s+(?:sebesar|mencapai)?\s*$",
                          re.IGNORECASE)
_CHANGE_NOUN = re.compile(r"\b(?:kenaikan|penurunan|peningkatan)\b", re.IGNORECASE)


def _subject_row(rows: list[IndicatorRow], head: str) -> IndicatorRow | None:
    """The one indicator whose name holds every content word of a short sentence subject
    ("Jumlah insiden keamanan siber menurun ..." for "Jumlah insiden keamanan siber pada
    sistem Pemkab")."""
    if len(head) > 80 or re.search(r"\d|,", head):
        return None
    words = tokens(head)
    if len(words) < 2 or (len(words) == 2 and len(head.split()) > 6):
        return None
    hits = [r for r in rows if words <= tokens(_bare_name(r.name))]
    return hits[0] if len(hits) == 1 else None


_TOTAL_SUBJECT = re.compile(r"\b(?:jumlah|total|seluruh|banyaknya|rata-?rata)\b", re.IGNORECASE)


def _year_table_change(ctx: CheckContext, b: Block, sent: str, dm: re.Match[str], year: int,
                       claim_up: bool) -> tuple[str, str] | None:
    """(message, expected) when ``sent`` says the total of the year-column table right before
    ``b`` rose (``claim_up``) or fell between two years while the table shows the opposite."""
    head = sent[:dm.start()]
    subject = _TOTAL_SUBJECT.search(head)
    if subject is None:
        return None
    table = None
    for prev in reversed(ctx.document.blocks[max(0, b.index - 4):b.index]):
        if prev.kind == "table":
            table = prev
            break
        if prev.kind == "heading":
            return None
    if table is None or not table.rows:
        return None
    cols: dict[int, int] = {}
    for r in table.rows[:2]:
        for c in r.cells:
            m = re.fullmatch(r"\s*(?:tahun\s+)?(20\d\d)\s*", c.text, re.IGNORECASE)
            if m:
                cols.setdefault(c.col, int(m.group(1)))
    years = sorted({int(y) for y in re.findall(r"(?<![\d.,])(20\d\d)(?![\d.,])", sent)})
    if len(years) == 2:
        base, cur = years
    elif len(years) == 1 and pattern("year_change_anchor").search(sent):
        base, cur = years[0] - 1, years[0]
        if years[0] != year:
            return None
    else:
        return None
    by_year = {y: c for c, y in cols.items()}
    if base not in by_year or cur not in by_year:
        return None
    average = "rata" in subject.group(0).lower()
    totals = [r for r in table.rows if r.cells and is_total_label(r.cells[0].text)
              and ("rata" in r.cells[0].text.lower()) == average]
    if len(totals) != 1:
        return None
    cells = {c.col: c for c in totals[0].cells}
    vals = []
    for y in (base, cur):
        c = cells.get(by_year[y])
        n = text_value(c.text) if c is not None else None
        if n is None or n.num is None:
            return None
        vals.append(n.num.value)
    old, new = vals
    if old == new or (new > old) == claim_up:
        return None
    label = totals[0].cells[0].text.strip()
    real = "turun" if claim_up else "naik"
    return (f"kalimat menyatakan {label.lower()} {'naik' if claim_up else 'turun'} dibandingkan "
            f"tahun {base}, padahal tabel di atasnya mencatat {fmt_num(old)} ({base}) dan "
            f"{fmt_num(new)} ({cur}): {real}", real)


def _year_series(ctx: CheckContext, row: IndicatorRow) -> tuple[dict[int, Decimal], list[str]]:
    """Realisasi by year of an indicator (its comparison-table counterparts, and the report
    year from the measurement table), and the names it goes by in those tables."""
    series: dict[int, Decimal] = {}
    names = [row.name]
    for role in ("3.2", "3.3", "3.4"):
        r = counterpart(ctx, row, role)
        if r is None:
            continue
        names.append(r.name)
        for key, vc in r.values.items():
            mk = re.fullmatch(r"realisasi:(\d{4})", key)
            v = value_of(vc)
            if mk and v is not None and v.num is not None and not v.grade:
                series.setdefault(int(mk.group(1)), v.num.value)
    real = value_of(row.values.get("realisasi"))
    year = ctx.info.year
    if year is not None and real is not None and real.num is not None and not real.grade:
        series.setdefault(year, real.num.value)
    return series, names


@register
class YearChangeClaim(_ClaimRule):
    """A sentence says an indicator's value rose or fell against an earlier year ("realisasi
    indikator X pada tahun 2023 meningkat", "Nilai ini naik dibandingkan IKM tahun 2021",
    "jumlah pelanggaran ... menurun dibandingkan tahun 2022") while the comparison table
    shows the opposite.

    The direction of change is the first thing a reader takes from the analysis. The earlier
    year is the one the sentence names (else the year before the report); the values are the
    realisasi columns of the comparison table (Tabel 3.2/3.3 by role). A sentence may give the
    figures of the two years ("NTP tahun 2024 sebesar 104,5, naik dibandingkan tahun 2023") when
    they are the table's; "naik dari A menjadi B" is CL104's; changes of capaian, kinerja or
    quality (which depend on polarity) are not read. A sentence right after a table with
    year columns ("Jenis | 2022 | 2023" with a "Jumlah" row: "Jumlah kejadian pada tahun 2023
    menurun dibandingkan tahun 2022") is read against that table's total row."""

    code = "CL115"
    name = "year-change-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        year = ctx.info.year
        rows = [r for r in main_rows(ctx) if r.name]
        if year is None:
            return
        if len(rows) < 2:
            rows = []
        info = {id(r): _year_series(ctx, r) for r in rows}
        aliases: dict[str, list[IndicatorRow]] = {}
        for r in rows:
            for name in info[id(r)][1]:
                al = _row_aliases(name) + re.findall(r"(?<![A-Za-z])([A-Z]{3,6})(?![A-Za-z])", name)
                for a in dict.fromkeys(al):
                    if r not in aliases.setdefault(a, []):
                        aliases[a].append(r)
        unique = {a: rs[0] for a, rs in aliases.items() if len(rs) == 1}
        up, down = pattern("year_change_up"), pattern("year_change_down")
        better, worse = pattern("year_change_better"), pattern("year_change_worse")
        anchor, skip = pattern("year_change_anchor"), pattern("year_change_skip")
        para_row = {b.index: row for b, row in indicator_paragraphs(ctx) if row is not None}
        for b in prose_blocks(ctx):
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                dm = filtered_search(up, sent) or filtered_search(down, sent)
                judged = None  # "lebih baik dibandingkan tahun 2024": the direction depends on polarity
                if dm is None:
                    dm = better.search(sent) or worse.search(sent)
                    if dm is None or (better.search(sent) and worse.search(sent)):
                        continue
                    judged = better.search(sent) is not None
                elif up.search(sent) and down.search(sent):
                    continue
                years = [int(y) for y in re.findall(r"(?<![\d.,])(20\d\d)(?!\d|[.,]\d)", sent)]
                if not anchor.search(sent) and not any(y < year for y in years):
                    continue
                if (skip.search(sent[:dm.start() if judged is not None else dm.end()])
                        or any(y > year for y in years)):
                    continue
                values = [n for n in scan_numbers(sent) if not n.is_year]
                if pattern("change").search(sent) or pattern("change_rev").search(sent):
                    continue  # "naik dari A menjadi B": read by CL104
                row = NamedIndicatorValue._row_named(rows, unique, sent[:dm.start()], 0.75) if rows else None
                if row is None and rows:
                    row = _subject_row(rows, sent[:dm.start()])
                if row is None and not values:
                    hit = None if judged is not None else _year_table_change(ctx, b, sent, dm, year, claim_up=up.search(sent) is not None)
                    if hit is not None:
                        yield self.issue(b, s + dm.start(), s + dm.end(), hit[0], expected=hit[1])
                        continue
                if row is None:
                    row = para_row.get(b.index)
                    if row is None or not (re.search(r"\b(?:ini|tersebut)\b", sent[:dm.start()])
                                           or _names_own(rows, row, sent[:dm.start()])):
                        continue
                if id(row) not in info:  # the paragraph's row, when the table has one indicator
                    info[id(row)] = _year_series(ctx, row)
                series = info[id(row)][0]
                earlier = [y for y in years if y < year]
                base = max(earlier) if earlier else year - 1
                stated_old = _value_of_year(sent, base)
                if year not in series or (base not in series and stated_old is None):
                    continue
                cur = series[year]
                old = series[base] if base in series else stated_old
                step = _CHANGE_AMOUNT_RE.match(sent, dm.end()) if judged is None else None
                if step is not None and step.group("unit").lower() not in ("poin", "point", "%", "persen") \
                        and step.group("unit").lower() not in _row_units(ctx, row):
                    step = None  # "naik 2 kali lipat", "naik 3 peringkat": no difference of the values
                step_num = next((n for n in values if step is not None and n.start == step.start("n")), None)
                in_name = set(re.findall(r"\d+(?:[.,]\d+)?", " ".join(info[id(row)][1] or [row.name])))
                if any(not (n.explains(cur) or n.explains(old)) for n in values if n is not step_num
                       and not (n.start < dm.start() and n.text.strip() in in_name)):
                    continue  # a figure that is not the table's: another quantity, or CL101's
                    # (a number of the indicator's name, "minimal 20 JP", is no figure)
                real_now = value_of(row.values.get("realisasi"))
                agreed = real_now is not None and real_now.num is not None and real_now.num.value == cur
                if step_num is not None and agreed and (cur > old) == (up.search(sent) is not None) \
                        and cur != old:
                    # (the amount of the change only where the tables agree on this year's value)
                    diff = abs(cur - old)
                    rel = diff / abs(old) * 100 if old else None
                    pct = bool(step.group("unit")) and step.group("unit").lower() in ("%", "persen")  # type: ignore[union-attr]
                    if not (step_num.explains(diff) or (pct and rel is not None and step_num.explains(rel))):
                        shown = fmt_num(diff)
                        yield self.issue(
                            b, s + step_num.start, s + step_num.end,
                            f"kalimat menyatakan nilai indikator '{row.name[:60]}' berubah {step_num.text.strip()}"
                            f" dibandingkan tahun {base}, padahal {fmt_num(old)} ({base}) dan {fmt_num(cur)} "
                            f"({year}) berselisih {shown}",
                            expected=shown)
                        continue
                claim_up = up.search(sent) is not None
                if judged is not None:
                    neg = _name_negative(row, ctx) or row_declared_negative(ctx, row)
                    claim_up = judged != neg
                if cur == old or (cur > old) == claim_up:
                    continue
                said = "naik" if claim_up else "turun"
                real = "turun" if claim_up else "naik"
                if judged is not None:
                    said = ("membaik" if judged else "memburuk") + f" (berarti {said})"
                yield self.issue(
                    b, s + dm.start(), s + dm.end(),
                    f"kalimat menyatakan nilai indikator '{row.name[:60]}' {said} dibandingkan "
                    f"tahun {base}, padahal tabel mencatat {fmt_num(old)} ({base}) dan "
                    f"{fmt_num(cur)} ({year}): {real}",
                    expected=real)


# the amount of a change right after its direction word: "naik 0,41 poin", "turun sebesar 2,5%"
_CHANGE_AMOUNT_RE = re.compile(r"\s+(?:sebesar\s+|sebanyak\s+)?(?P<n>\d{1,3}(?:[.,]\d+)*)\s*(?P<unit>poin|point|%|persen|[a-z]{1,12}\b)",
                               re.IGNORECASE)


def _value_of_year(sent: str, y: int) -> Any:
    """The figure the sentence gives for year ``y`` ("IPG tahun 2024 sebesar 93,81", "93,81 pada
    tahun 2024"), if exactly one."""
    got = [m.group("n") for m in re.finditer(
        rf"\btahun\s+{y}\s*(?:\(\s*|\s)(?:(?:sebesar|yaitu|adalah|mencapai|tercatat)\s+)?(?P<n>\d{{1,3}}(?:[.,]\d+)*)(?![\d.,]*\s*%?\s*(?:poin|point))",
        sent, re.IGNORECASE)]
    got += [m.group("n") for m in re.finditer(
        rf"(?P<n>\d{{1,3}}(?:[.,]\d+)?)\s*(?:%\s*)?(?:pada\s+)?tahun\s+{y}\b", sent, re.IGNORECASE)]
    vals = {v.value for g in got if (v := parse_number(g)) is not None}
    return next(iter(vals)) if len(vals) == 1 else None


def _names_own(rows: list[IndicatorRow], row: IndicatorRow, head: str) -> bool:
    """``head`` (a sentence subject) shares at least two words with ``row``'s name and fewer
    with every other indicator's ("rasio PAD tahun 2022" in the paragraph of "Rasio PAD
    terhadap pendapatan daerah (%)")."""
    words = tokens(head)
    own = len(words & tokens(_bare_name(row.name)))
    return own >= 2 and all(len(words & tokens(_bare_name(r.name))) < own for r in rows if r is not row)


# "dibanding tahun sebelumnya", "lebih rendah dari tahun lalu": the earlier year as the comparator of a figure
_COMPARED_YEAR_RE = re.compile(r"\b(?:dibandingkan|dibanding|(?:lebih\s+\w+|naik|turun|meningkat|menurun)"
                               r"\s+dari(?:pada)?)\s+(?:dengan\s+)?"
                               r"(?:(?:capaian|serapan|realisasi)\s+)?tahun\s+(?:lalu|sebelumnya)\b",
                               re.IGNORECASE)


@register
class SerapanClaim(_ClaimRule):
    """The absorption of the whole budget stated in text ("Efisiensi diukur dari ... serapan
    anggaran (95,12%)", "penyerapan anggaran sebesar 94,4%") differs from the total row of the
    budget table (realisasi/pagu of its "Jumlah" row), and from the serapan of the efficiency
    table.

    The overall absorption is the second operand of the efficiency conclusion; a figure taken
    from one program (often the largest one) makes the conclusion about the whole office wrong.
    Sentences that name a program, kegiatan, sasaran, a kind of belanja, a period within the
    year, an average or another year are about something else and are not read."""

    code = "CL116"
    name = "serapan-claim"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.claims_parse import nums_equal

        yield from self._programs(ctx)
        totals = [r for r in ctx.tables.budget("3.8") if r.level == "total"]
        if len(totals) != 1:
            return  # no total, or several budget tables: not clear which is the whole budget
        tot = totals[0]
        pagu, real, pct = (value_of(tot.values.get(k)) for k in ("pagu", "realisasi", "persen"))
        pct = pct or value_of(tot.values.get("serapan"))  # a "Serapan (%)" column
        known: list[Decimal] = []
        if pct is not None and pct.num is not None:
            known.append(pct.num.value)
        if pagu is not None and real is not None and pagu.num is not None and real.num is not None \
                and pagu.num.value > 0:
            known.append(real.num.value / pagu.num.value * 100)
        if not known:
            return
        others: list[Value] = [v for r in ctx.tables.rows("3.7") for v in [value_of(r.values.get("serapan"))]
                               if v is not None and v.num is not None]
        progs = {id(r): r for r in ctx.tables.budget("3.8") if r.level == "program"}
        year = ctx.info.year
        claim, skip = pattern("serapan_claim"), pattern("serapan_skip")
        for b in prose_blocks(ctx):
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                if _other_period(ctx, _COMPARED_YEAR_RE.sub(" ", sent)):
                    continue
                if year and any(int(y) != year for y in re.findall(r"(?<![\d.,])(20\d\d)(?![\d.,])", sent)):
                    continue
                for m in claim.finditer(sent):
                    grp = "num" if m.group("num") else "num2"
                    # "..., lebih rendah dibanding tahun sebelumnya": after the figure, the
                    # earlier year is only what it is compared with
                    after = _COMPARED_YEAR_RE.sub(" ", sent[m.end():m.end() + 50])
                    if skip.search(sent[max(0, m.start() - 40):m.end()] + after) or \
                            pattern("serapan_skip_before").search(sent[max(0, m.start() - 40):m.end()]):
                        continue
                    stated = text_value(m.group(grp))
                    if stated is None or stated.num is None:
                        continue
                    if any(stated.num.explains(k) for k in known) or \
                            any(nums_equal(stated.num, o.num) for o in others if o.num is not None):
                        continue
                    which = next((p.name for p in progs.values()
                                  for v in [value_of(p.values.get("persen") or p.values.get("serapan"))]
                                  if v is not None and v.num is not None and nums_equal(stated.num, v.num)), None)
                    note = f" (angka itu serapan {which[:60]})" if which else ""
                    exp = pct.text.strip().rstrip("%").strip() if pct is not None and pct.num is not None \
                        else fmt(known[0])
                    yield self.issue(
                        b, s + m.start(grp), s + m.end(grp),
                        f"serapan anggaran tertulis {stated.text}, sedangkan baris jumlah "
                        f"{caption_number(tot.table.caption) or tname('3.8')} mencatat serapan {exp}%{note}",
                        expected=f"{exp}%")


    def _programs(self, ctx: CheckContext) -> Iterable[Issue]:
        """"Program X hanya terserap 94,40%": the absorption of the program the sentence names
        (its name read from the budget table, one program only) against that row."""
        from drafter.check.claims_parse import containment

        progs: dict[str, list[Decimal]] = {}
        names: dict[str, str] = {}
        shown: dict[str, str] = {}
        for r in ctx.tables.budget("3.8"):
            if r.level != "program":
                continue
            pagu, real = value_of(r.values.get("pagu")), value_of(r.values.get("realisasi"))
            pct = value_of(r.values.get("persen") or r.values.get("serapan"))
            vals = [pct.num.value] if pct is not None and pct.num is not None else []
            if pagu is not None and real is not None and pagu.num is not None and real.num is not None \
                    and pagu.num.value > 0:
                vals.append(real.num.value / pagu.num.value * 100)
            key = " ".join(r.name.lower().split())
            if vals:
                progs.setdefault(key, []).extend(vals)
                names[key] = r.name
                shown.setdefault(key, pct.text.strip().rstrip("%").strip() if pct is not None
                                 and pct.num is not None else fmt(vals[0]))
        if not progs:
            return
        claims = (pattern("program_serapan"), pattern("program_serapan_before"),
                  pattern("program_serapan_appos"))
        for b in prose_blocks(ctx):
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                if _other_period(ctx, sent):
                    continue
                seen: set[int] = set()
                for m in (m for claim in claims for m in claim.finditer(sent)):
                    if m.start("num") in seen:
                        continue  # one figure read by two patterns
                    said = "program " + m.group("name")
                    scored = sorted(((containment(names[k], said), containment(said, names[k]), k)
                                     for k in progs), reverse=True)
                    best = scored[0]
                    if best[0] < 0.9 or best[1] < 0.6 or (len(scored) > 1 and scored[1][0] >= best[0]):
                        continue  # the name fits no program of the table, or several
                    seen.add(m.start("num"))
                    stated = text_value(m.group("num"))
                    if stated is None or stated.num is None or \
                            any(stated.num.explains(v) for v in progs[best[2]]):
                        continue
                    exp = shown[best[2]]
                    yield self.issue(
                        b, s + m.start("num"), s + m.end("num"),
                        f"serapan '{names[best[2]][:60]}' tertulis {stated.text}, sedangkan "
                        f"{tname('3.8')} mencatat serapan {exp}%", expected=f"{exp}%")


# "A lebih tinggi/rendah/cepat/lambat dari (target) B": the comparative word against A and B
_COMPARATIVE_RE = re.compile(
    r"(?:\blebih\s+(?P<w>tinggi|besar|banyak|lambat|lama|rendah|kecil|sedikit|cepat|singkat)\s+"
    r"(?:dari(?:pada)?|dibandingkan(?:\s+dengan)?|dibanding)"
    # "berada di bawah IKM Kota X sebesar 80,5", "masih di atas rata-rata kota sebesar 93%",
    # "97,5%, meningkat dibandingkan capaian tahun 2022 sebesar 98,2%"
    r"|\b(?P<w2>di\s*atas|di\s*bawah|melebihi)"
    r"|\b(?P<w3>meningkat|naik|menurun|turun)\s+(?:dibandingkan(?:\s+dengan)?|dibanding))"
    r"\s+(?P<what>(?:[^.;:,()\d]|(?<=tahun )(?:19|20)\d\d){0,50}?)"
    r"(?P<b>(?<![\d.,])\d{1,3}(?:\.\d{3})*(?:,\d+)?)(?!\d)(?P<bp>\s*%)?(?![\d.,]\d)", re.IGNORECASE)
_MORE_WORDS = frozenset({"tinggi", "besar", "banyak", "lambat", "lama", "di atas", "diatas", "melebihi",
                         "meningkat", "naik"})
_OPPOSITE_WORD = {"tinggi": "lebih rendah", "besar": "lebih kecil", "banyak": "lebih sedikit",
                  "lambat": "lebih cepat", "lama": "lebih singkat", "rendah": "lebih tinggi",
                  "kecil": "lebih besar", "sedikit": "lebih banyak", "cepat": "lebih lambat",
                  "singkat": "lebih lama", "di atas": "di bawah", "diatas": "di bawah",
                  "di bawah": "di atas", "dibawah": "di atas", "melebihi": "di bawah",
                  "meningkat": "menurun", "naik": "turun", "menurun": "meningkat", "turun": "naik"}
_NUM_BEFORE_RE = re.compile(r"(?P<a>(?<![\d.,])\d{1,3}(?:\.\d{3})*(?:,\d+)?)(?P<ap>\s*%)?"
                            r"(?P<tail>[^\d.;:]{0,40})$")


@register
class StatedComparisonClaim(Rule):
    """A comparison whose two figures say the opposite of its word: "rata-rata 18 menit, lebih
    cepat dari target 15 menit", "IKM sebesar 78,2 lebih tinggi dari target 80", "12,4 lebih
    rendah daripada angka provinsi 10,1".

    The sentence gives both figures, so the reader sees the contradiction at once; one of the
    figures or the word is wrong. "Lebih cepat/singkat" means the smaller figure (a time),
    "lebih lambat/lama" the larger; "lebih baik/buruk" depends on polarity and is left alone, as
    are differences ("2 poin lebih tinggi") and years.
    """

    code = "CL117"
    name = "stated-comparison"
    category = "claim-vs-table"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for b in prose_blocks(ctx):
            text = b.text
            low = text.lower()
            if "lebih" not in low and "atas" not in low and "bawah" not in low and "melebihi" not in low \
                    and "dibanding" not in low:
                continue
            for m in _COMPARATIVE_RE.finditer(text):
                wg = "w" if m.group("w") else "w2" if m.group("w2") else "w3"
                word = " ".join(m.group(wg).lower().split())
                if wg == "w2" and re.search(r"\b(?:target|batas|standar|ambang)\b", m.group("what"), re.IGNORECASE):
                    continue  # "di bawah target": CL103 judges it with the indicator's polarity
                if re.search(r"\b(?:tahun|semester|triwulan|bulan)\s*$", m.group("what"), re.IGNORECASE) \
                        or re.match(r"\s*(?:tahun|poin|kali)\b", text[m.end():], re.IGNORECASE) \
                        or re.fullmatch(r"(?:19|20)\d\d", m.group("b")):
                    continue  # "lebih tinggi dari tahun 2022", "lebih tinggi dari 2 kali"
                sent_start = max((s for s, _ in sentences(text) if s <= m.start()), default=0)
                # "98 per 100.000 kelahiran hidup (9 kasus dari 9.184 kelahiran), lebih rendah":
                # the figure is before its unit and any remark in brackets
                head = re.sub(r"\([^()]*\)", " ", text[sent_start:m.start()])
                head = re.sub(r"\bper\s+\d[\d.]*(?:\s+[A-Za-z]+){0,2}", " ", head, flags=re.IGNORECASE)
                if head.count("(") > head.count(")") or re.match(
                        r"\s*%?\s*(?:dihitung|dianggap|dicatat|ditetapkan)\b", text[m.end():]):
                    continue  # "(capaian di atas 100% dihitung 100%)": a rule, not a comparison
                na = _NUM_BEFORE_RE.search(head)
                if na is None or re.search(r"\b(?:poin|kali|tahun|bulan|hari\s+lebih)\b|[-–]|\bdari\b|\bdan\b|"
                                           r",\s*(?:sehingga|karena|tetapi|namun|sedangkan|yang|maka)\b",
                                           na.group("tail"), re.IGNORECASE):
                    continue  # no figure right before, or a difference ("naik 2 poin lebih ...")
                if re.search(r"\b(?:target\w*|dari|sasaran|standar)\s*(?:sebesar\s*|tahun\s+\d{4}\s*|:\s*)?$",
                             head[max(0, na.start() - 30):na.start()], re.IGNORECASE):
                    continue  # "tumbuh 6,20% dari target 8,00%, lebih rendah dibanding ...": the
                    # figure right before is the target aside, the subject is the result before it
                if re.search(r"\b(?:tidak|bukan|belum)\s+(?:\w+\s+)?$", text[max(0, m.start() - 20):m.start()],
                             re.IGNORECASE):
                    continue
                if na.group("ap") and pct_of_items(head, na.start("a"), na.end("ap")):
                    continue  # "Sebanyak 80% indikator ... di atas 100%": a share of items
                if bool(na.group("ap")) != bool(m.group("bp")) and (na.group("ap") or m.group("bp")):
                    continue  # a percentage against a count: not the same quantity
                a, bv = text_value(na.group("a")), text_value(m.group("b"))
                if dec(a) is None or dec(bv) is None or dec(a) == dec(bv):
                    continue
                more = word in _MORE_WORDS
                if (dec(a) > dec(bv)) == more:  # type: ignore[operator]
                    continue
                right = _OPPOSITE_WORD.get(word, word)
                said = f"lebih {m.group('w')} daripada" if wg == "w" else (
                    f"{m.group(wg)} dibandingkan" if wg == "w3" else m.group(wg))
                yield self.issue(
                    b, m.start(wg), m.end(wg),
                    f"kalimat menyebut {na.group('a')} {said} {m.group('b')}, padahal angkanya "
                    f"menunjukkan sebaliknya; seharusnya '{right}'",
                    expected=right,
                )
