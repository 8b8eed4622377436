"""Predicate rules (PR1xx): stated predicates against the report's own scale.

The scale is the report's own (``ctx.scale``: a table, list or prose definition of any number
of levels, with or without letter codes, read by the analyzer) or the default of
``rules/scale.yaml`` (the user is told). Labels are matched longest first and in any letter
case, so "Sangat Baik" is never read as "Baik"; the blocks that define the scale state no
result and are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from drafter.check.claims_parse import pct_of_items, understated
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules.arithmetic import prose_units, sentences
from drafter.measure import Band, Scale
from drafter.numbers import Num, fmt_num
from drafter.resources import load_yaml
from drafter.text import operand_numbers as scan_numbers
from drafter.text.prefilter import filtered_finditer, filtered_search

if TYPE_CHECKING:
    from drafter.check.context import CheckContext

HUNDRED = Decimal(100)


@lru_cache(maxsize=1)
def conf() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("rules", "predicate.yaml")
    return data


@cache  # one pattern per key of the YAML
def rx(key: str) -> re.Pattern[str]:
    return re.compile(conf()[key], re.IGNORECASE)


def effective_scale(ctx: CheckContext) -> Scale:
    """The report's own scale (read by :func:`drafter.check.analyzer.read_scale` from a table,
    list or prose definition, with or without letter codes) or the default scale."""
    return ctx.scale


def tag(band: Band) -> str:
    """"AA, >= 90" or, for a scale without codes, just the interval ("76 - 90")."""
    return band.describe() if band.code == band.label else f"{band.code}, {band.describe()}"


def say(band: Band) -> str:
    """The band as a message names it: "'Baik' (76 - 90)", "'Memuaskan' (A, 80 - <90)"."""
    return f"'{band.label}' ({tag(band)})"


def _label_names(scale: Scale) -> list[str]:
    names = {n for b in scale.bands for n in (b.label.lower(), *b.aliases)}
    names = {re.sub(r"\s*\(.*?\)\s*", "", n).strip() or n for n in names}
    return sorted(names, key=len, reverse=True)


def label_regex(scale: Scale) -> re.Pattern[str]:
    words = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in _label_names(scale))
    codes = "|".join(sorted((re.escape(b.code) for b in scale.bands), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:(?i:{words})|(?-i:{codes}))(?![A-Za-z])")


def find_band(scale: Scale, text: str) -> Band | None:
    t = " ".join(text.split())
    band = scale.find(t)
    if band is None:
        band = scale.find(t.lower())
    return band


def _ikm_fits(sent: str, label: str, value: Decimal) -> bool:
    """In a sentence about the IKM, a label or code of the IKM's own scale that fits."""
    if not rx("ikm_context").search(sent):
        return False
    t = " ".join(label.split())
    for band in conf()["ikm_scale"]:
        if value >= Decimal(str(band["min"])):
            return t == band["code"] or t.lower() == band["label"]
    return False


def _is_alternative(sent: str, start: int, end: int, names: set[str]) -> bool:
    """True when the label is one side of an unfilled choice ("Baik /Kurang")."""
    left = sent[:start].rstrip(" *")
    right = sent[end:].lstrip(" *")
    if left.endswith("/"):
        m = re.search(r"([A-Za-z]+)\W*/$", left)
        if m and m.group(1).lower() in names:
            return True
    if right.startswith("/"):
        m = re.match(r"/\W*([A-Za-z]+)", right)
        if m and m.group(1).lower() in names:
            return True
    # "berada pada kategori Tinggi atau Sangat Tinggi", "Baik maupun Cukup": a range of labels
    m = re.match(r"(?:atau|maupun|hingga|sampai|s\.?d\.?)\s+(?:sangat\s+)?([A-Za-z]+)", right, re.IGNORECASE)
    if m and m.group(1).lower() in names:
        return True
    m = re.search(r"([A-Za-z]+)\s+(?:atau|maupun|hingga|sampai|s\.?d\.?)$", left, re.IGNORECASE)
    return bool(m and m.group(1).lower() in names)


_OPERATOR_BEFORE = re.compile(r"(?:[+*/×÷]|(?<![A-Za-z])[xX])\s*\(?\s*$")
_OPERATOR_AFTER = re.compile(r"\s*%?\s*\)?\s*(?:[+*/×÷=]|[xX](?![A-Za-z]))")


def _is_operand(sent: str, n: Num) -> bool:
    """A number of a written formula other than its result: next to an arithmetic operator
    ("(102,57 + 100) / 6", "x 100%") or before "=" ("78,40/75 x 100% = 104,53%")."""
    return bool(_OPERATOR_BEFORE.search(sent[max(0, n.start - 6):n.start])
                or _OPERATOR_AFTER.match(sent[n.end:n.end + 6]))


def _score_numbers(sent: str) -> list[Num]:
    counts = {w.lower() for w in conf()["count_words"]}
    out = []
    for n in scan_numbers(sent):
        if n.is_year or n.currency or n.malformed:
            continue
        before = sent[max(0, n.start - 14):n.start].lower()
        if re.search(r"(?:tabel|table|ke-?|no\.?)\s*$", before):
            continue
        # "Tabel III.4", "Gambar 2.3", "Lampiran II-4": the number of a table, figure or part
        if re.search(r"\b(?:tabel|table|gambar|grafik|diagram|lampiran|bab|sub\s*bab)\s+"
                     r"(?:[ivxl]+|\d+)\s*[.\-]\s*$", before):
            continue
        # "8 indikator (80%)", "8 indikator atau 80%": a share of indicators, not a capaian
        if n.percent and re.search(r"(?:indikator|indicator|sasaran|program|kegiatan)\s*"
                                   r"(?:\(|atau|=|/)\s*$", before):
            continue
        # "60% indikator", "60% (tiga dari lima) ...", "tiga dari lima indikator (60%)": the
        # shared reading of a share of indicators (rules/claims.yaml pct_of_items)
        if n.percent and pct_of_items(sent, n.start, n.end):
            continue
        # "2 indikator lainnya (25%)", "3 sasaran yang tercapai (60%)": a share as well
        if n.percent and re.search(r"\b\d+\s+(?:indikator|indicator|sasaran|program|kegiatan)"
                                   r"(?:\s+[a-z]+){1,3}\s*(?:\(|atau|=)\s*$",
                                   sent[max(0, n.start - 50):n.start], re.IGNORECASE):
            continue
        # bounds of a range or a threshold ("80 - 90", "lebih dari 90", ">= 90") are no value
        result = re.search(r"[\d)%]\s*=\s*$", before)  # "... / 6 = 93,42%": a formula's result
        if not result and re.search(r"(?:\d\s*(?:-|–|s\.?\s?d\.?|sampai|hingga)|[<>≤≥=]|(?:lebih|kurang)\s+dari|di\s+atas|di\s+bawah)\s*$",
                                    before):
            continue
        if re.match(r"\s*%?\s*(?:-|–|s\.?\s?d\.?|sampai|hingga)\s*\d", sent[n.end:]):
            continue
        if _is_operand(sent, n):
            continue  # "(102,57 + ... + 84,59) / 6 = 93,42%": only the result is a value
        after = re.match(r"\s*(?:\([A-Za-z ]+\)\s*)?([A-Za-z]+)", sent[n.end:])
        if not n.percent and after and after.group(1).lower() in counts:
            continue
        if not n.percent and n.value > HUNDRED:
            continue
        # a small whole number in a sentence that counts indicators ("..., 1 tidak dapat
        # disimpulkan") is a count, unless a score word introduces it ("nilai 8")
        if (not n.percent and n.decimals == 0 and n.value <= 20
                and re.search(r"\b(?:indikator|indicator|sasaran)\b", sent, re.IGNORECASE)
                and not re.search(r"\b(?:" + conf()["score_words"] + r")\s*:?\s*$", before)):
            continue
        if n.dot_decimal and not n.percent and re.fullmatch(r"\d\.\d", n.text.strip()):
            continue  # "3.1" is a table or section number
        out.append(n)
    return out


def _average_capaian(ctx: CheckContext) -> list[Decimal]:
    ti = ctx.tables
    out: list[Decimal] = []
    avg = ti.average_row("3.1")
    if avg is not None:
        c = avg.values.get("capaian")
        if c is not None and c.num is not None:
            out.append(c.num.value)
    vals = [r.values["capaian"].num.value for r in ti.rows("3.1", indicators_only=True)
            if "capaian" in r.values and r.values["capaian"].num is not None]
    if vals:
        out.append(sum(vals, Decimal(0)) / len(vals))
        out.append(sum((min(v, HUNDRED) for v in vals), Decimal(0)) / len(vals))
    return out


def _realisasi_bands(ctx: CheckContext, value: Decimal, scale: Scale) -> set[str]:
    """Bands of the capaian of indicators whose realisasi is ``value`` (Tabel 3.1).

    "IKM sebesar 85 ... kategori Sangat Memuaskan" names the band of the capaian (85 of a
    target of 85 = 100%), not of the value itself.
    """
    out: set[str] = set()
    for r in ctx.tables.rows("3.1"):
        rv, cv = r.values.get("realisasi"), r.values.get("capaian")
        if rv is None or cv is None or rv.num is None or cv.num is None:
            continue
        if rv.num.value == value:
            out.add(scale.band_for(cv.num.value).code)
    return out


def _last_sentence(ctx: CheckContext, index: int) -> str:
    """The last sentence of the paragraph just before (a paragraph may open with "Capaian
    tersebut ..." about the value of the paragraph before); "" when that is no paragraph."""
    if index < 0:
        return ""
    b = ctx.document.blocks[index]
    if b.kind not in ("paragraph", "list_item") or not b.text.strip():
        return ""
    spans = list(sentences(b.text))
    return b.text[spans[-1][0]:spans[-1][1]] if spans else ""


_AMOUNT_BEFORE_RE = re.compile(r"(?:\bUSD|US\$|\bRp\.?|\$)\s*$", re.IGNORECASE)
_AMOUNT_AFTER_RE = re.compile(r"\s*(?:miliar|milyar|juta|triliun|ribu)\b", re.IGNORECASE)


@register
class PredicateInText(Rule):
    """A predicate stated in text ("95,5% dan masuk dalam kategori Memuaskan", "sebesar 96 % mendapat predikat baik", "85 atau BB") against the band of the nearest capaian or score on the report's own scale; an overall category without a number ("dikategorikan Baik") against the average capaian of Tabel 3.1.

    The predicate is the evaluator's first reading of a result; a predicate that contradicts the report's own scale undermines the credibility of the whole report.
    """

    code = "PR101"
    name = "predicate-in-text"
    category = "predicate"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        scale = effective_scale(ctx)
        labels = label_regex(scale)
        names = set(_label_names(scale))
        # "pada predikat A atau AA": a range of letter codes as well as of labels
        alternatives = names | {bd.code.lower() for bd in scale.bands if bd.code != bd.label}
        trigger = rx("trigger")
        gap = int(conf()["max_gap"])
        gap_words = frozenset(str(w).lower() for w in conf().get("gap_words") or [])
        averages: list[Decimal] | None = None
        score_code = rx("score_code")
        for unit, _block, _live in ctx.text.scan([score_code]):  # only units where it can match
            for m in score_code.finditer(unit.text):
                band = next((bd for bd in scale.bands if bd.code == m.group("code")), None)
                num = scan_numbers(m.group("num"))
                if band is None or not num or num[0].value > HUNDRED:
                    continue
                exp = scale.band_for(num[0].value)
                if exp.code == band.code or band.code in _realisasi_bands(ctx, num[0].value,
                                                                          scale):
                    continue
                around = unit.text[max(0, m.start() - 150):m.end() + 40]
                if _ikm_fits(around, m.group("code"), num[0].value):
                    continue
                sent = next((unit.text[a:z] for a, z in sentences(unit.text) if a <= m.start() < z), around)
                tail = unit.text[m.end():m.end() + 200].split(".")[0]  # "...; kategori ini ..."
                if rx("other_scale_marked").search(sent + " " + tail):
                    continue  # a grade the sentence puts on another scale
                if rx("other_grading").search(sent):
                    continue  # a grade of another assessment: a SAKIP/AKIP grade is PR104's
                msg = (f"predikat tertulis {band.code} ('{band.label}') untuk nilai "
                       f"{m.group('num')}, padahal pada skala laporan {m.group('num')} termasuk "
                       f"{say(exp)}")
                yield self.issue(unit, m.start("code"), m.end("code"), msg, exp.code)
        defining = set(ctx.info.scale_blocks)
        for b in prose_units(ctx):
            if not filtered_search(trigger, b.text) or b.index in defining:
                continue  # the scale's own definition states no result
            prev_sent = _last_sentence(ctx, b.index - 1)
            for s, e in sentences(b.text):
                sent = b.text[s:e]
                before_sent, prev_sent = prev_sent, sent
                first_label = True
                if rx("other_grading").search(sent):
                    continue  # a grade of another assessment, on its own criteria
                for t in trigger.finditer(sent):
                    if rx("reference_before").search(sent[max(0, t.start() - 60):t.start()]):
                        continue  # "batas bawah predikat A", "belum masuk predikat Sangat Baik"
                    if rx("items_before").search(sent[max(0, t.start() - 80):t.start()]):
                        continue  # "tiga dari tujuh indikator mencapai predikat Baik"
                    lm = labels.search(sent, t.end(), min(len(sent), t.end() + gap + 25))
                    if lm is None or lm.start() - t.end() > gap or "." in sent[t.end():lm.start()]:
                        continue
                    between = sent[t.end():lm.start()]
                    if labels.search(between) or re.search(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}", between):
                        continue
                    if any(w.lower() not in gap_words for w in re.findall(r"[A-Za-z][\w-]*", between)):
                        continue  # "kategori tata kelola baik": the label names a kind of thing
                    if _is_alternative(sent, lm.start(), lm.end(), alternatives):
                        continue
                    if rx("scale_rule_after").search(sent[lm.end():]):
                        continue  # "predikat AA berlaku untuk capaian di atas 90%": the scale
                    band = find_band(scale, lm.group(0))
                    if band is None:
                        continue
                    issue = self._check_one(ctx, b, s, sent, lm, band, scale, first_label,
                                            before_sent)
                    first_label = False
                    if issue == "avg":
                        if averages is None:
                            averages = _average_capaian(ctx)
                        if averages and not any(scale.band_for(v).code == band.code
                                                for v in averages) and not understated(
                                lm.group(0), scale.band_for(averages[0]).label, sent[:lm.start()]):
                            exp = scale.band_for(averages[0])
                            msg = (f"predikat tertulis '{lm.group(0)}', padahal rata-rata capaian "
                                   f"Tabel 3.1 {fmt_num(averages[0])}% termasuk "
                                   f"{say(exp)} pada skala laporan")
                            yield self.issue(b, s + lm.start(), s + lm.end(), msg, exp.label)
                    elif isinstance(issue, Issue):
                        yield issue

    def _check_one(self, ctx: CheckContext, b: Any, off: int, sent: str, lm: re.Match[str],
                   band: Band, scale: Scale, first: bool, prev: str) -> Issue | str | None:
        nums = _score_numbers(sent)
        if not nums:
            if first and rx("overall").search(sent):
                return "avg"
            if prev and rx("anaphora").search(sent[:lm.start()]):
                # "... capaiannya 103,59%. ... capaian ini masuk predikat X": the value is
                # the last capaian of the sentence before
                pnums = _score_numbers(prev)
                cued = [x for x in pnums if re.search(r"capai\w*\s*(?:sebesar|yaitu|=|:)?\s*$",
                                                      prev[max(0, x.start - 25):x.start], re.I)]
                pct = [x for x in pnums if x.percent]
                if cued:
                    n = cued[-1]
                elif len(pct) == 1 or (pct and len({x.value for x in pct}) == 1):
                    n = pct[0]  # (one percentage, or the same one twice: "100%: realisasinya 100%")
                else:
                    return None  # not clear which value is meant
            else:
                return None
        else:
            # a target is no result: use it only when nothing else is there
            results = [x for x in nums if not re.search(
                r"target\w*\s*(?:sebesar|yaitu|tahun\s+\d{4})?\s*:?\s*(?:(?:USD|US\$|Rp\.?|\$)\s*)?$",
                sent[max(0, x.start - 25):x.start], re.I)]
            # an amount of money ("USD 22,40 miliar", "Rp 3,2 juta") is no capaian or score
            results = [x for x in results if not _AMOUNT_BEFORE_RE.search(sent[max(0, x.start - 6):x.start])
                       and not _AMOUNT_AFTER_RE.match(sent[x.end:x.end + 12])] or results
            nums = results or nums
            n = min(nums, key=lambda x: min(abs(x.end - lm.start()), abs(x.start - lm.end())))
            dist = min(abs(n.end - lm.start()), abs(n.start - lm.end()))
            if dist > 260:
                return None
        value = n.value
        exp = scale.band_for(value)
        if exp.code == band.code or band.code in _realisasi_bands(ctx, value, scale):
            return None
        if understated(lm.group(0), exp.label, sent[:lm.start()]):
            return None  # "dapat dikategorikan baik" for a "Sangat Baik" value: plain words
        capaian_pct = n.percent and re.search(r"\bcapaian\w*\s*(?:sebesar|yaitu|=|:)?\s*$",
                                              sent[max(0, n.start - 25):n.start], re.IGNORECASE)
        if not capaian_pct and _ikm_fits(sent, lm.group(0), value):
            return None  # (a capaian in percent is no IKM score: its label is the report's scale's)
        if not n.percent and rx("own_scale_score").search(sent[max(0, n.start - 60):n.start]) \
                and not rx("ikm_context").search(sent):
            return None  # an index or score on its own scale, not a capaian
        msg = (f"predikat tertulis '{lm.group(0)}' untuk nilai {n.text.strip()}, padahal pada skala "
               f"laporan {n.text.strip()} termasuk {say(exp)}")
        return self.issue(b, off + lm.start(), off + lm.end(), msg, exp.label)


@register
class PredicateCodeLabel(Rule):
    """A letter code and its label written together ("AA (sangat memuaskan)", "BB (sangat baik)") must name the same band of the report's scale.

    A code with another band's label ("BB (sangat memuaskan)") states two different results at once.
    """

    code = "PR102"
    name = "predicate-code-label"
    category = "predicate"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        scale = effective_scale(ctx)
        codes = "|".join(sorted((re.escape(b.code) for b in scale.bands), key=len, reverse=True))
        pat = re.compile(rf"(?<![A-Za-z])({codes})\s*\(\s*\**\s*([A-Za-z][A-Za-z ]{{2,30}}?)\s*\**\s*\)")
        labels = label_regex(scale)
        rev = re.compile(rf"(?P<label>{labels.pattern})\s*\(\s*\**\s*(?P<code>(?-i:{codes}))\s*\**\s*\)")
        for unit in ctx.document.text_units():
            for m in filtered_finditer(rev, unit.text):
                label_band = find_band(scale, m.group("label"))
                code_band = next((b for b in scale.bands if b.code == m.group("code")), None)
                if label_band is None or code_band is None or label_band.code == code_band.code \
                        or label_band.code == m.group("label").strip():
                    continue
                msg = (f"predikat '{m.group('label').strip()}' ({label_band.code}) ditulis bersama "
                       f"kode {m.group('code')} yang berarti '{code_band.label}'")
                yield self.issue(unit, m.start(), m.end(), msg,
                                 f"{code_band.label} ({m.group('code')})")
            for m in filtered_finditer(pat, unit.text):
                label_band = find_band(scale, m.group(2))
                if label_band is None:
                    continue
                code_band = next(b for b in scale.bands if b.code == m.group(1))
                if code_band.code == label_band.code:
                    continue
                msg = (f"kode predikat {m.group(1)} berarti '{code_band.label}', tetapi ditulis "
                       f"bersama label '{m.group(2).strip()}' ({label_band.code})")
                yield self.issue(unit, m.start(), m.end(), msg,
                                 f"{m.group(1)} ({code_band.label})")


@register
class PredicateTicks(Rule):
    """Tabel 3.5 (ikhtisar capaian): the ticked predicate column must be the band of the row's capaian on the report's scale, with exactly one tick per row; a predicate column written as text (Tabel 3.1, 3.5, and a year's "Capaian 2023"/"Kategori 2023" pair in a comparison table) must fit the capaian of its row.

    Tabel 3.5 is the summary the evaluator reads first; a tick in the wrong column, two ticks or none make the summary contradict the measurement.
    """

    code = "PR103"
    name = "predicate-ticks"
    category = "predicate"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        yield from self._text_columns(ctx)
        scale = effective_scale(ctx)
        for row in ctx.tables.rows("3.5", all_rows=True):
            c = row.values.get("capaian")
            if c is None or c.num is None:
                continue
            exp = scale.band_for(c.num.value)
            s, e = c.span()
            if not row.ticks:
                info = ctx.tables.info.get(row.table.index)
                if info is None or not info.ticks or not any(
                        r.ticks for r in ctx.tables.rows("3.5", all_rows=True)
                        if r.table is row.table):
                    continue  # the table does not use tick marks
                msg = (f"Tabel 3.5: baris '{row.name[:50]}' (capaian {c.text}) tidak dicentang pada "
                       f"kolom predikat mana pun; seharusnya '{exp.label}'")
                yield self.issue(c.cell, s, e, msg, exp.label, severity="warning")
                continue
            if len(row.ticks) > 1:
                labels = ", ".join(lbl for lbl, _ in row.ticks)
                cell = row.ticks[1][1]
                msg = (f"Tabel 3.5: baris '{row.name[:50]}' dicentang pada {len(row.ticks)} kolom "
                       f"predikat ({labels}); capaian {c.text} termasuk '{exp.label}'")
                yield self.issue(cell, 0, len(cell.text), msg, exp.label)
                continue
            label, cell = row.ticks[0]
            band = find_band(scale, label)
            if band is None or band.code == exp.code:
                continue
            msg = (f"Tabel 3.5: capaian {c.text} dicentang '{label}', padahal pada skala laporan "
                   f"termasuk {say(exp)}")
            yield self.issue(cell, 0, len(cell.text), msg, exp.label)

    def _text_columns(self, ctx: CheckContext) -> Iterable[Issue]:
        """A "Predikat"/"Kategori" column written as text (Tabel 3.1 / 3.5, and a year
        comparison table that also gives the year's capaian and predicate)."""
        scale = effective_scale(ctx)
        labels = label_regex(scale)
        defining = set(ctx.info.scale_blocks)
        for role in ("3.1", "3.2", "3.5"):
            for row in ctx.tables.rows(role, all_rows=True):
                if row.ticks or row.table.index in defining:
                    continue  # (the scale's own table states intervals, not results)
                c0 = row.values.get("capaian")
                if c0 is not None and re.search(r"[<>≤≥]|\bs\.?\s*d\.?|\bsampai\b", c0.cell.text):
                    continue  # an interval ("< 80%"): a scale row, not a measured capaian
                # the plain pair, and the pairs of a year ("Capaian 2023 (%)" with "Kategori
                # 2023" in a comparison table)
                years = [""] + sorted({k.split(":", 1)[1] for k in row.values
                                       if k.startswith("predikat:") and f"capaian:{k.split(':', 1)[1]}" in row.values})
                for y in years:
                    issue = self._text_pair(ctx, role, row, y, scale, labels)
                    if issue is not None:
                        yield issue

    def _text_pair(self, ctx: CheckContext, role: str, row: Any, year: str, scale: Scale,
                   labels: re.Pattern[str]) -> Issue | None:
        sfx = f":{year}" if year else ""
        p, c = row.values.get("predikat" + sfx), row.values.get("capaian" + sfx)
        if p is None or c is None or c.num is None:
            return None
        if ctx.info.scale_source != "document" and re.fullmatch(r"\s*[A-E][+-]?\s*", p.cell.text):
            return None  # a single letter (A..E scales) judged by the default AA..D scale says nothing
        found = list(labels.finditer(p.cell.text))
        bands = {b.code for b in (find_band(scale, m.group(0)) for m in found) if b}
        if len(bands) != 1:
            return None
        exp = scale.band_for(c.num.value)
        if exp.code in bands:
            return None
        if year:
            t, r = row.values.get("target" + sfx), row.values.get("realisasi" + sfx)
            if t is not None and r is not None and t.num is not None and r.num is not None \
                    and t.num.value > 0:
                tv, rv = t.num.value, r.num.value
                alt = [rv / tv * HUNDRED, (2 * tv - rv) / tv * HUNDRED] + ([tv / rv * HUNDRED] if rv > 0 else [])
                written = any(abs(a - c.num.value) < Decimal("0.06") for a in alt)
                if not written and any(scale.band_for(a).code in bands for a in alt):
                    return None  # the predicate of the right capaian; the capaian is AR's
        else:
            from drafter.check.rules.arithmetic import _recomputed_capaian

            fixed = _recomputed_capaian(ctx, [row])
            if fixed and fixed[0] != c.num.value and scale.band_for(fixed[0]).code in bands:
                return None  # the predicate of the right capaian; the capaian is AR101's
        m = found[0]
        when = f" tahun {year}" if year else ""
        msg = (f"{ctx.tables.name(role)}: predikat{when} tertulis '{p.text}' untuk capaian {c.text}, padahal "
               f"pada skala laporan termasuk {say(exp)}")
        # a letter written (huruf mutu "D") is corrected with the letter
        want = exp.code if m.group(0).strip() == find_band(scale, m.group(0)).code else exp.label  # type: ignore[union-attr]
        return self.issue(p.cell, m.start(), m.end(), msg, want)


_NUM = r"(?<![\d.,])\d{1,3}(?:[.,]\d{1,3})?(?![\d%]|[.,]\d|\s*%)"
_CODE = r"(?-i:AA|BB|CC|A|B|C|D|E)(?![A-Za-z0-9+-])"
_NOT_A_SCORE = re.compile(r"(?:\b(?:tabel|table|pasal|ayat|huruf|no|nomor|ke|bab|lampiran|gambar|"
                          r"grafik|tahun|rt|rw|kelas|golongan)\.?\s*|[<>≤≥=]\s*|\d\s*(?:-|–|s\.?\s?d\.?|"
                          r"sampai|hingga)\s*)$", re.IGNORECASE)


@cache
def _pair_patterns() -> tuple[tuple[re.Pattern[str], bool], ...]:
    return tuple((re.compile(p.replace("NUM", _NUM).replace("CODE", _CODE), re.IGNORECASE), cue)
                 for key, cue in (("grade_pairs", False), ("grade_pairs_cued", True))
                 for p in conf()[key])


# cheap tests before the pair patterns and scale readers: a letter code and a digit
_LETTER_CODE = re.compile(r"(?<![A-Za-z])(?:AA|BB|CC|[A-E])(?![A-Za-z])", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _lettered(scale: Scale) -> bool:
    return all(re.fullmatch(r"(?:AA|BB|CC|[A-E])", b.code) for b in scale.bands)


def _grade_scales(ctx: CheckContext) -> list[tuple[Scale, str, str, set[int]]]:
    """Grade-conversion scales the report states besides its capaian scale: (scale, topic
    "ikm"/"sakip"/"grade", name, blocks), from a table mapping score ranges to letter codes or
    from consecutive paragraphs/list items that define them."""
    from drafter.check.analyzer import _has_band, _scale_words
    from drafter.measure import read_scale_rows, read_scale_text, scale_conf

    doc = ctx.document
    own = set(ctx.info.scale_blocks) if ctx.info.scale_source == "document" else set()
    ikm = re.compile(scale_conf("other_scale"), re.IGNORECASE)
    found: list[tuple[Scale, str, str, set[int]]] = []

    def topic(words: str) -> str:
        if ikm.search(words):
            return "ikm"
        return "sakip" if rx("sakip_context").search(words) else "grade"

    for table in doc.tables():
        if table.index in own or not 2 <= len(table.rows) <= 40 or not any(
                _LETTER_CODE.search(c.text) for r in table.rows for c in r.cells):
            continue
        sc = read_scale_rows([[c.text.strip() for c in r.cells] for r in table.rows])
        if sc is None or not _lettered(sc):
            continue
        name = (table.caption or "").strip() or "tabel kategori nilai laporan"
        found.append((sc, topic(_scale_words(doc, table)), name[:60], {table.index}))
    run: list[Any] = []
    for b in [*doc.blocks, None]:
        if b is not None and b.kind != "table" and len(b.text) < 3000 and _LETTER_CODE.search(b.text) \
                and _has_band(b.text):
            run.append(b)
            continue
        if run and not {r.index for r in run} & own:
            sc = read_scale_text([r.text for r in run])
            if sc is not None and _lettered(sc):
                before = doc.blocks[run[0].index - 1].text[-300:] if run[0].index > 0 else ""
                words = " ".join([before, *(r.text for r in run)])
                found.append((sc, topic(words), "uraian kategori nilai laporan",
                              {r.index for r in run}))
        run = []
    return found


@register
class GradeOfScore(Rule):
    """A score written with its letter grade ("81,05 (BB)", "BB (81,05)", "nilai 81,05 atau predikat BB") against the grade table the report states (Nilai SAKIP categories, a conversion of scores to letters) or, for a SAKIP/AKIP evaluation score without such a table, the national SAKIP grades.

    A grade that does not fit its own score (81,05 is A when the report's table puts "> 80 - 90" at A) contradicts the report's own criteria and the evaluation result it cites.
    """

    code = "PR104"
    name = "grade-of-score"
    category = "predicate"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.analyzer import _head_words
        from drafter.measure import default_scale

        grades = _grade_scales(ctx)
        skip = set().union(*(g[3] for g in grades)) | set(ctx.info.scale_blocks)
        capaian_lettered = ctx.info.scale_source == "document" and _lettered(ctx.scale)
        ikm_rx = rx("ikm_context")
        doc = ctx.document
        for b in doc.blocks:
            if b.index in skip:
                continue
            units: list[tuple[Any, str | None]]
            if b.kind == "table":
                # the row says what its scores are ("Nilai SAKIP", "IKM"), else the caption/header
                head = _head_words(doc, b)
                units = []
                for r in b.rows:
                    cells = [c for c in r.cells if _LETTER_CODE.search(c.text) and _DIGIT.search(c.text)]
                    if not cells:
                        continue  # no cell holds a letter code and a number: no pair
                    row = " ".join(r.texts())
                    topical = any(rx(k).search(row) for k in ("ikm_context", "sakip_context",
                                                              "other_assessment"))
                    units += [(c, row if topical else head + " " + row) for c in cells]
            elif b.kind in ("paragraph", "list_item", "heading", "caption") and b.text.strip():
                if not (_LETTER_CODE.search(b.text) and _DIGIT.search(b.text)):
                    continue
                units = [(b, None)]  # the sentence of the pair
            else:
                continue
            for unit, fixed in units:
                seen: set[int] = set()
                for pat, cue in _pair_patterns():
                    for m in filtered_finditer(pat, unit.text):
                        if m.start("num") in seen:
                            continue
                        if cue and not rx("score_cue").search(
                                unit.text[max(0, m.start("num") - 45):m.start("num")]):
                            continue
                        seen.add(m.start("num"))
                        if _NOT_A_SCORE.search(unit.text[max(0, m.start("num") - 12):m.start("num")]) \
                                or re.match(r"\s*(?:-|–|s\.?\s?d\.?|sampai|hingga)\s*\d",
                                            unit.text[m.end("num"):]):
                            continue
                        words = fixed if fixed is not None else next(
                            (unit.text[a:z] for a, z in sentences(unit.text) if a <= m.start() < z),
                            unit.text)
                        issue = self._check_pair(ctx, unit, m, words, grades,
                                                 capaian_lettered, ikm_rx, default_scale())
                        if issue is not None:
                            yield issue

    def _check_pair(self, ctx: CheckContext, unit: Any, m: re.Match[str], words: str,
                    grades: list[tuple[Scale, str, str, set[int]]], capaian_lettered: bool,
                    ikm_rx: re.Pattern[str], national: Scale) -> Issue | None:
        num = scan_numbers(m.group("num"))
        code = m.group("code")
        if not num or num[0].value > HUNDRED or num[0].is_year:
            return None
        value = num[0].value
        if ikm_rx.search(words):
            pool = [g for g in grades if g[1] == "ikm"]
        elif rx("other_assessment").search(words):
            return None
        elif rx("sakip_context").search(words):
            pool = [g for g in grades if g[1] == "sakip"] or \
                [g for g in grades if g[1] == "grade"]
            if not pool:
                pool = [(national, "sakip", "skala nilai SAKIP nasional", set())]
        elif capaian_lettered:
            return None  # a capaian with its predicate on the report's own scale: PR101's
        else:
            # no word says which assessment: only a general conversion of scores to letters
            # (a SAKIP grade table says nothing of an index graded on its own criteria)
            pool = [g for g in grades if g[1] == "grade"]
        pool = [g for g in pool if any(bd.code == code for bd in g[0].bands)]
        if len(pool) != 1:
            return None  # no grade table for this letter, or several that may disagree
        scale, _, name, _ = pool[0]
        band = next(bd for bd in scale.bands if bd.code == code)
        top = scale.bands[0].min
        if top is not None and value * 10 < top:
            return None  # "3,85 (B)": an index on its own 1-5 scale, not a score of this table
        exp = scale.band_for(value)
        if exp.code == code:
            return None
        if value in (band.min, band.max):
            return None  # on the edge of the band: reports differ on which side it falls
        msg = (f"nilai {m.group('num')} ditulis berkategori {code}, padahal menurut {name} "
               f"nilai {m.group('num')} termasuk {exp.code} ({exp.describe()})")
        return self.issue(unit, m.start(), m.end(), msg, exp.code)
