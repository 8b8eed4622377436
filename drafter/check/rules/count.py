"""Count rules (CN1xx): "4 indikator", "5 Program 14 Kegiatan", "17 ASN" versus the tables.

Conservative: a count is compared only when the table it refers to is unambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.check.claims_parse import clean, count_value, main_rows, pattern, prose_blocks, sentences
from drafter.check.fuzzy import normalize, strip_markup
from drafter.check.registry import Issue, Rule, register
from drafter.check.tables import caption_number
from drafter.document.model import Block
from drafter.numbers import fmt_num, parse_number, scan_numbers
from drafter.resources import load_yaml
from drafter.text import analyze
from drafter.text.prefilter import filtered_finditer, filtered_search

if TYPE_CHECKING:
    from drafter.check.context import CheckContext





def _summary_chapter(b: Block) -> bool:
    """Counts of the report's own indicators and programs: Ikhtisar, BAB III and BAB IV."""
    return b.chapter in (None, "BAB III", "BAB IV")


class _CNRule(Rule):
    category = "count"
    severity = "error"


def _followed_by_breakdown(ctx: CheckContext, block: Block, end: int) -> bool:
    rest = block.text[end:].strip()
    if not re.match(r"^[^.]{0,80}(?::|antara\s+lain|sebagai\s+berikut|yaitu)\s*$", rest, re.IGNORECASE):
        return False
    return bool(_breakdown(ctx, block))


def _breakdown(ctx: CheckContext, block: Block) -> list[tuple[Block, re.Match[str]]]:
    """The "K indikator ..." items that follow a count announced at the end of ``block``."""
    items: list[tuple[Block, re.Match[str]]] = []
    pat = pattern("breakdown_item")
    for b in ctx.document.blocks[block.index + 1: block.index + 25]:
        if b.kind == "table":
            break
        text = clean(b.text)
        m = pat.match(text)
        if m:
            m2 = pat.match(b.text.lstrip("#*-_ \t")) or m
            items.append((b, m2))
            continue
        if re.search(r"\d+\s*\(?\s*[a-z]*\s*\)?\s*indi[ck]ator[^.]*:\s*$", text, re.IGNORECASE):
            break  # the next announcement
        if b.kind == "paragraph" and len(text) > 220:
            break
    return items


_CLAUSE_BREAK_RE = re.compile(r";|,\s*(?:sedangkan|sementara(?:\s+itu)?|namun|tetapi|adapun)\b", re.IGNORECASE)
_ONE_SASARAN_RE = re.compile(
    r"\bsasaran(?:\s+strategis)?\s+(?:ini|tersebut|itu|ke\s*-?\s*\d|pertama|kedua|ketiga|keempat|"
    r"kelima|\d\b)|\b(?:setiap|tiap|masing-masing)\s+sasaran\b|\bdiukur\s+(?:dengan|melalui|"
    r"menggunakan|oleh)\b|\bsasaran\s+(?:\w+\s+){0,2}?(?:diukur|memiliki|mempunyai)\b",
    re.IGNORECASE)


def _sasaran_clause(sent: str, end: int) -> str:
    """The part of ``sent`` from the last "sasaran" before ``end`` (one of several clauses
    "sasaran A diukur dengan 2 indikator, sedangkan sasaran B ...")."""
    starts = [mm.start() for mm in re.finditer(r"\bsasaran\b", sent[:end], re.IGNORECASE)]
    return sent[starts[-1]:end] if starts else sent[:end]


def _own_sasaran_count(rows: list[Any], sent: str) -> int | None:
    """Indicators of the one sasaran a sentence names (fuzzy match of its name), or None
    when the sentence names none of them clearly."""
    from drafter.check.fuzzy import similarity

    groups: Counter[str] = Counter(normalize(r.sasaran) for r in rows if r.sasaran)
    if len(groups) < 2:
        return None
    scored = sorted(((similarity(name, normalize(sent)), name) for name in groups), reverse=True)
    best, name = scored[0]
    if best < 0.6 or (len(scored) > 1 and scored[1][0] >= best - 0.05):
        return None
    return groups[name]


# "kinerja Dinas tahun 2024 diukur dengan 6 indikator": the whole set, not one sasaran's
_WHOLE_MEASURED_RE = re.compile(r"^(?:(?!\bsasaran\b|\btujuan\b|\bmisi\b|\bprogram\b)[^.;])*"
                                r"\bkinerja\b[^.;]{0,80}\bdiukur\b"
                                # "Pada tahun 2023 rumah sakit menetapkan 2 sasaran strategis dengan
                                # 7 indikator kinerja utama": the year's whole set
                                r"|^\W*(?:pada\s+)?tahun\s+20\d\d\s*,?\s+(?:(?!\brenstra\b|\brpjmd\b)[^.;]){0,60}?"
                                r"\bmenetapkan\s+(?:\S+\s+){1,3}sasaran\s+(?:strategis\s+)?dengan\s+",
                                re.IGNORECASE)
# "4 indikator (57,14%) telah mencapai target", "3 indikator lainnya belum mencapai": a part
_PART_AFTER_RE = re.compile(
    r"^\s*(?:\([^()]{0,40}\)\s*)?(?:[^.;:(),]{0,45}?\b(?:telah|sudah|belum|tidak|berhasil|"
    r"gagal)\s+(?:dapat\s+)?(?:mencapai|memenuhi|melampaui|tercapai|terpenuhi|terealisasi)\b|"
    r"(?:lainnya|sisanya|yang\s+lain)\b|"
    # "Tiga indikator berpolaritas negatif (AKI, AKB dan stunting)": the negative ones only
    r"(?:yang\s+)?(?:(?:ber|mempunyai\s+|memiliki\s+)?polaritas|bersifat|berarah)\s+(?:negatif|positif)\b|"
    r"(?:yang\s+)?(?:negatif|positif)\b)", re.IGNORECASE)
_ONE_COUNTED_RE = re.compile(
    r"\b(?:sebanyak|terdapat|ada|dengan|memiliki|mempunyai|menetapkan|ditetapkan|hanya|"
    r"berjumlah|yaitu|yakni|adalah|melalui|diukur)\s+(?:\w+\s+)?$", re.IGNORECASE)
_STATED_TOTAL_RE = re.compile(
    r"\bdari\s+(?:total\s+|seluruh\s+)?(?P<n>\d{1,2}|" + r"satu|dua|tiga|empat|lima|enam|tujuh|"
    r"delapan|sembilan|sepuluh|sebelas|\w+\s+belas|\w+\s+puluh(?:\s+\w+)?" + r")\s*"
    r"(?:\([^()]{0,20}\)\s*)?indi[ck]ator\b", re.IGNORECASE)


# the count is the object of the measurement itself ("Pengukuran dilakukan terhadap lima
# indikator", "mengukur kinerjanya dengan 5 indikator"): the measured set, whatever plan the
# sentence then says the indicators come from
_MEASURED_SET_RE = re.compile(
    r"(?:\bpengukuran(?:\s+kinerja)?(?:\s+[\w-]+){0,3}?\s+(?:dilakukan|dilaksanakan|diterapkan)\s+"
    r"(?:terhadap|atas|pada|untuk|dengan)|\bmengukur\s+kinerja\w*(?:\s+[\w-]+){0,3}?\s+(?:dengan|melalui|"
    r"menggunakan|berdasarkan|terhadap))\s+(?:sebanyak\s+|seluruh\s+)?$", re.IGNORECASE)
# the counted indicators placed in the PK of the year ("tujuh indikator kinerja dalam Perjanjian
# Kinerja Tahun 2022", "lima IKU yang diperjanjikan"): the PK's set
_PK_CONTAINER_RE = re.compile(
    r"^(?:\s*\(?[\w-]+\)?){0,5}?\s+(?:(?:yang\s+)?(?:di(?:muat|tuangkan|tetapkan|cantumkan)\s+)?"
    r"(?:dalam|pada|di)\s+(?:dokumen\s+)?(?:perjanjian\s+kinerja|PK)\b(?P<rest>[^.;]{0,20})|"
    r"(?:yang\s+)?(?:telah\s+)?diperjanjikan\b(?P<rest2>[^.;]{0,20}))", re.IGNORECASE)
_PLAN_WORD_RE = re.compile(r"\b(?:renstra|rencana\s+strategis|rpjmd|iku\s+kabupaten|tahun\s+lalu|"
                           r"sebelumnya)\b", re.IGNORECASE)


def _own_set(sent: str, m: re.Match[str], year: int | None) -> str | None:
    """"measured" or "pk" when the count at ``m`` plainly counts the report's own measured
    indicators or those of the year's PK (see the two patterns above), else None."""
    before = sent[:m.start()]
    if _MEASURED_SET_RE.search(before) and not re.search(r"\b(?:sasaran|misi|tujuan|program)\b",
                                                          before, re.IGNORECASE):
        return "measured"
    pk = _PK_CONTAINER_RE.match(sent[m.end():])
    if pk is None or _PLAN_WORD_RE.search(pk.group(0)):
        return None  # "... indikator Renstra yang dimuat dalam PK": another set named first
    rest = pk.group("rest") or pk.group("rest2") or ""
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", rest)]
    if year is not None and years and years[0] != year:
        return None  # the PK of another year
    return "pk"


_RUNNING_HEAD_RE = re.compile(r"^\W*(?:lkj?i?p|lakip|laporan\s+(?:akuntabilitas\s+)?kinerja)\b", re.IGNORECASE)
_OWN_PK_RE = re.compile(r"\bperjanjian\s+kinerja\b|\(PK\)", re.IGNORECASE)
# "... diukur dengan sembilan indikator, dan seluruhnya dituangkan kembali ke dalam Perjanjian
# Kinerja": the Renstra's set is the PK's
_SAME_SET_RE = re.compile(r"\bseluruhnya\s+(?:di(?:tuangkan|muat|tetapkan|jabarkan)|menjadi)\b|"
                          r"\bdituangkan\s+kembali\b|\byang\s+sama\s+(?:di|dalam)\b", re.IGNORECASE)
# the PK of the report year signed or holding its indicators ("Perjanjian Kinerja ...
# ditandatangani ... dan memuat lima indikator")
_PK_OF_YEAR_RE = re.compile(r"\b(?:ditandatangani|memuat|berisi|terdiri\s+(?:atas|dari)|menetapkan|"
                            r"mencantumkan)\b", re.IGNORECASE)
_OTHER_PLAN_RE = re.compile(r"\b(?:renstra|rencana\s+strategis|rpjmd|tahun\s+lalu|tahun\s+sebelumnya|"
                            r"kabupaten\s+\w+\s+memiliki)\b", re.IGNORECASE)
_N_SASARAN_RE = re.compile(r"\b(?P<n>\d{1,2}|satu|dua|tiga|empat|lima|enam|tujuh|delapan|"
                           r"sembilan|sepuluh)\s+(?:\(\s*\w+\s*\)\s*)?sasaran\b", re.IGNORECASE)


def _all_sasaran(before: str, n_sas: int | None) -> bool:
    """"... memuat tiga sasaran strategis yang diukur dengan N indikator": a count of the
    indicators of all the sasaran the sentence counts (as many as the table has, two or
    more), not of one sasaran."""
    for m in _N_SASARAN_RE.finditer(before):
        n = count_value(m.group("n"))
        if n is not None and n >= 2 and (n_sas is None or n == n_sas):
            return True
    # "kedua sasaran tersebut", "ketiga sasaran strategis": all two/three of them
    for m in _ALL_N_SASARAN_RE.finditer(before):
        n = _COLLECTIVE[m.group("n").lower()]
        if n_sas is None or n == n_sas:
            return True
    return False


_ALL_N_SASARAN_RE = re.compile(r"\b(?P<n>kedua|ketiga|keempat|kelima|keenam)\s+sasaran\b",
                               re.IGNORECASE)


def _names_table(sent: str, number: str | None) -> bool:
    """The sentence points at the table the count is checked against ("sebagaimana tercantum
    pada Tabel 3.2"): the indicators it counts are that table's."""
    number = re.sub(r"^\W*(?:tabel|table)\s+", "", number or "", flags=re.IGNORECASE).strip(" .")
    if not number:
        return False
    return bool(re.search(r"\btabel\s+" + re.escape(number) + r"(?![.\d]\d)", sent, re.IGNORECASE))


def _part_of_stated_total(sent: str, m: re.Match[str]) -> bool:
    """"Dari tujuh indikator, sebanyak 4 indikator ...": a count inside a sentence that states
    the total ("dari N indikator") elsewhere is a part of it."""
    return any(t.start() != m.start() and not (t.start() <= m.start() < t.end())
               for t in _STATED_TOTAL_RE.finditer(sent))


@register
class IndicatorCount(_CNRule):
    """The number of indicators or sasaran stated in the text ("4 indikator sasaran", "2
    sasaran") differs from the rows of Tabel 3.1 (or of the PK).

    A wrong count shows the text was written for another set of indicators."""

    code = "CN101"
    name = "indicator-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        # a running page header caught in a table flattened from PDF is no indicator
        rows = [r for r in main_rows(ctx) if not _RUNNING_HEAD_RE.match(r.name or "")]
        if not rows:
            return
        n_ind = len(rows)
        n_sas = _sasaran_count(rows)
        src_sas = ctx.tables.name(rows[0].role)
        if n_sas is None:
            # a measurement table without a sasaran column: the PK's sasaran, when it lists
            # the same number of indicators
            pk = _pk_rows(ctx)
            if len(pk) == n_ind:
                n_sas, src_sas = _sasaran_count(pk), ctx.tables.name("PK")
        src = ctx.tables.name(rows[0].role)
        tinfo = ctx.tables.info.get(rows[0].table.index)
        number = tinfo.number if tinfo is not None else None
        ctxt = pattern("count_context")
        pk_rows = _pk_rows(ctx)
        # every list of the office's indicators (PK, Renstra, IKU) has the measurement table's
        # number: "N indikator kinerja utama" can mean no other set
        lists = [k for role in ("PK", "renstra", "iku") if (k := len(ctx.tables.rows(role, indicators_only=True)))]
        one_set = bool(lists) and all(k == n_ind for k in lists)
        counted = [pattern("count_items", kind) for kind in ("indikator", "sasaran")]
        for b in prose_blocks(ctx):
            summary = _summary_chapter(b)
            text = b.text
            if not any(analyze(text).may_match(p) for p in counted):
                continue  # no count of indicators or sasaran can be in it: nothing to compare
            for s, e in sentences(text):
                sent = text[s:e]
                own_sets = {m.start(): _own_set(sent, m, ctx.info.year)
                            for m in pattern("count_items", "indikator").finditer(sent)}
                own_sets = {k: v for k, v in own_sets.items() if v is not None}
                if pattern("status_count_above").search(sent):
                    continue
                usual = True  # the sentence passes the usual filters (else only own-set counts)
                # (a plan period "Tahun 2018-2023" names no year of the set)
                years = {int(y) for y in re.findall(r"(?<![\d.,])(20\d\d)(?!\d|[.,]\d)",
                                                     re.sub(r"\b20\d\d\s*[-–]\s*20\d\d\b", " ", sent))}
                # "Pada tahun 2023, kinerja Kecamatan X diukur melalui 4 indikator kinerja utama
                # ...": the set measured this year, which the PK and the measurement table hold
                measured_now = (_WHOLE_MEASURED_RE.search(sent) is not None
                                and (ctx.info.year in years if not summary else
                                     (not years or ctx.info.year in years))
                                and (not pk_rows or len(pk_rows) == n_ind))
                iku_claim = one_set and _OWN_IKU_RE.search(sent) is not None and \
                    _REGION_SET_RE.search(sent) is None
                if not summary and not measured_now and not iku_claim and not (
                        _OWN_PK_RE.search(sent) and _PK_OF_YEAR_RE.search(sent)
                        and not _OTHER_PLAN_RE.search(sent)):
                    usual = False  # BAB II: only a sentence about the report year's PK
                same_set = _OWN_PK_RE.search(sent) and _SAME_SET_RE.search(sent)
                if not ctxt.search(sent) or (pattern("helpers", "other_set").search(sent)
                                             and not measured_now
                                             and not _year_iku(sent, years, ctx.info.year)
                                             and not iku_claim and (
                        not (_OWN_PK_RE.search(sent) or _names_table(sent, number))
                        or (_OTHER_PLAN_RE.search(sent) and not same_set))):
                    usual = False  # (the IKU of a Renstra is another set, unless the PK is named)
                if ctx.info.year and years and ctx.info.year not in years:
                    usual = False  # the set of another year
                if not usual and not own_sets:
                    continue
                src_ind, exp_ind = src, n_ind
                if not summary:
                    if pk_rows and len(pk_rows) != n_ind:
                        continue  # the PK and the measurement table disagree: which set is meant?
                    if pk_rows:
                        src_ind = ctx.tables.name("PK")
                for kind, expected in (("indikator", exp_ind), ("sasaran", n_sas)):
                    if expected is None:
                        continue
                    for m in pattern("count_items", kind).finditer(sent):
                        n = count_value(m.group("n"))
                        own_set = own_sets.get(m.start()) if kind == "indikator" else None
                        if not usual and own_set is None:
                            continue
                        want, src_k = expected, (src_ind if kind == "indikator" else src_sas)
                        if own_set == "pk" and pk_rows:
                            if len(pk_rows) != n_ind:
                                continue  # the PK and the measurement table disagree
                            src_k = ctx.tables.name("PK")
                        # (one sasaran: "sasaran ini ... N indikator", "diukur dengan N indikator";
                        # not "N indikator ... yang diukur melalui PK", nor the N indikator
                        # kinerja utama of a table that lists them all)
                        one_sas = any(x.start() < m.start() or not x.group(0).lower().startswith("diukur")
                                      for x in _ONE_SASARAN_RE.finditer(sent))
                        whole_table = re.match(r"\s*kinerja\s+utama\b", sent[m.end():], re.I) is not None \
                            and (_names_table(sent, number) or (
                                bool(pk_rows) and len(pk_rows) == n_ind
                                and _names_table(sent, caption_number(ctx.tables.name("PK")))))
                        if kind == "indikator" and own_set is None and one_sas and not whole_table and \
                                not _WHOLE_MEASURED_RE.search(sent[:m.start()]) and \
                                not _all_sasaran(sent[:m.start()], n_sas):
                            # a count about one sasaran: its own indicators, not the table's
                            clause = _sasaran_clause(sent, m.start())
                            own = _own_sasaran_count(rows, clause)
                            if own is None and (n_sas == 1 or n_sas is None and re.search(
                                    r"\b(?:satu|1|sebuah)\s+sasaran\b", sent, re.I)):
                                own = n_ind  # the report's only sasaran: all indicators
                            if own is not None and own != n and n <= 60:
                                yield self.issue(
                                    b, s + m.start(), s + m.end(),
                                    f"tertulis {n} indikator untuk sasaran itu, padahal {src} "
                                    f"memuat {own} indikator untuk sasaran tersebut",
                                    expected=f"{own} indikator")
                            continue
                        if n == want or n > 60:
                            continue
                        cs = max((x.end() for x in _CLAUSE_BREAK_RE.finditer(sent, 0, m.start())), default=0)
                        ce = next((x.start() for x in _CLAUSE_BREAK_RE.finditer(sent, m.end())), len(sent))
                        if (cs > 0 or ce < len(sent)) and _OTHER_PLAN_RE.search(sent[cs:ce]) \
                                and not _OWN_PK_RE.search(sent[cs:ce]) \
                                and not _WHOLE_MEASURED_RE.search(sent[cs:ce]):
                            continue  # "Renstra 2021-2026 menetapkan lima IKU, sedangkan ...": the
                            # plan's set, in a clause of its own
                        after = sent[m.end():]
                        if pattern("helpers", "not_total").match(after) or _PART_AFTER_RE.match(after):
                            continue
                        if kind == "indikator" and (_part_of_stated_total(sent, m) or _names_members(after, n)
                                                    or _label_after(ctx, after)):
                            continue
                        if n == 1 and not _ONE_COUNTED_RE.search(sent[:m.start()]):
                            continue  # "keberhasilan satu indikator": not a count of the set
                        if kind == "indikator" and re.match(r"\s*(?:program|kegiatan)", after, re.I):
                            continue
                        if _followed_by_breakdown(ctx, b, s + m.end()):
                            continue
                        yield self.issue(b, s + m.start(), s + m.end(),
                                         f"tertulis {n} {kind}, padahal {src_k} memuat {want} {kind}",
                                         expected=f"{want} {kind}")


# "... yang diukur dengan 4 (empat) indikator kinerja utama": the office's own IKU ...
_OWN_IKU_RE = re.compile(r"\b(?:diukur|menetapkan|memiliki|ditetapkan)\b[^.;]{0,40}?\b(?:\d{1,2}|[a-z]+)\s+"
                         r"(?:\(\s*\w+\s*\)\s+)?(?:indikator\s+kinerja\s+utama|iku)\b|"
                         r"\b(?:indikator\s+kinerja\s+utama|iku)\s+(?:\(\s*iku\s*\)\s+)?(?:yang\s+)?"
                         r"(?:ditetapkan|digunakan)\s+untuk\s+mengukur\b", re.IGNORECASE)
# ... and not the region's (RPJMD, the regent's) nor another year's (the office's Renstra names
# the same set when every list of the report has the same number)
_REGION_SET_RE = re.compile(r"\b(?:bupati|wali\s*kota|gubernur|kepala\s+daerah|rpjmd|rpjmn|"
                            r"pemerintah\s+(?:kabupaten|kota|provinsi|daerah)|"
                            r"utama\s+daerah|iku\s+daerah|tahun\s+(?:lalu|sebelumnya))\b", re.IGNORECASE)
_IKU_WORD_RE = re.compile(r"\b(?:iku|indikator\s+kinerja\s+utama)\b", re.IGNORECASE)
_MEASURED_VERB_RE = re.compile(r"\bdiukur\b|\bpengukuran\b", re.IGNORECASE)


def _year_iku(sent: str, years: set[int], year: int | None) -> bool:
    """"Kinerja Dinas pada tahun 2023 diukur dengan tujuh indikator kinerja utama": the IKU
    the report year is measured with are the measured set, not a Renstra's list (the sentence
    names the report year only, says the set is measured and names no other plan)."""
    if year is None or years != {year} or not _MEASURED_VERB_RE.search(sent):
        return False
    rest = _IKU_WORD_RE.sub(" ", sent)
    return not pattern("helpers", "other_set").search(rest)


def _label_after(ctx: CheckContext, after: str) -> bool:
    """"3 indikator Sangat Baik dan 1 indikator Cukup": a count of the indicators of one
    predicate of the report's scale, a part of the set."""
    head = after.lstrip(" *")[:40].lower()
    return any(re.match(re.escape(n) + r"(?![\w-])", head)
               for bd in ctx.scale.bands for n in (bd.label.lower(), *bd.aliases) if len(n) > 2)


def _names_members(after: str, n: int) -> bool:
    """"dua indikator (PBB-P2 dan gangguan trantibum) masih ...": the count is followed by
    the names of exactly its own members in brackets, a part picked out of the set."""
    mm = re.match(r"\s*\(([^()]{2,160})\)", after)
    if mm is None or n < 2:
        return False
    segs = [x for x in re.split(r",|;|\bdan\b|\bserta\b", mm.group(1)) if x.strip()]
    return len(segs) == n and not any(re.fullmatch(r"\s*[\d.,]+\s*%?\s*", x) for x in segs)


def _pk_rows(ctx: CheckContext) -> list[Any]:
    """The PK's indicator rows, without a running page header caught in a table flattened
    from PDF ("LKIP Kecamatan ... Tahun 2025" read as one more row)."""
    return [r for r in ctx.tables.rows("PK") if (not r.is_average or _named_average(r))
            and not _RUNNING_HEAD_RE.match(r.name or "")]


_AVERAGE_ONLY_RE = re.compile(r"^\W*(?:rata\s*-?\s*rata|rerata|average)\b(?:\s+(?:capaian|nilai|"
                              r"kinerja|seluruh|indikator|sasaran|total|keseluruhan|%|\(%\)))*\W*$",
                              re.IGNORECASE)


def _named_average(r: Any) -> bool:
    """A PK row read as an average row that is an indicator named with "rata-rata" ("Rata-rata
    Lama Sekolah" beside its sasaran, with its own target): a PK sets targets, it averages
    nothing."""
    return "target" in r.values and bool(r.name) and not _AVERAGE_ONLY_RE.match(r.name)


# a sasaran cell that starts in lower case is the wrapped tail of the sasaran above ("Meningkatnya
# kualitas" / "pelayanan publik kecamatan" in a table flattened from PDF): sasaran start with
# a capital ("Meningkatnya ...", "Terwujudnya ...")
_WRAPPED_TAIL = re.compile(r"^\W*[a-z]")


def _sasaran_count(rows: list[Any]) -> int | None:
    """Distinct sasaran of indicator rows; a sasaran cell left empty under its first indicator
    (a merged cell) is the one above. None when the rows name no sasaran."""
    groups: list[str] = []
    for r in rows:
        text = normalize(r.sasaran) if r.sasaran else ""
        if not text:
            if not groups:
                return None
        elif groups and _WRAPPED_TAIL.match(r.sasaran or ""):
            if not groups[-1].endswith(text):
                groups[-1] = f"{groups[-1]} {text}"  # the wrapped tail of the sasaran above
        else:
            groups.append(text)
    return len(set(groups)) if groups else None


_REMAINDER = re.compile(r"\btidak\s+dirinci\b", re.IGNORECASE)


def _level(name: str) -> str | None:
    t = strip_markup(name).strip().lower()
    t = re.sub(r"^\W*(?:\d+\.?|[ivx]+\.?)?\s*", "", t)
    if _REMAINDER.search(t):
        return None  # the remainder of a total ("Kegiatan: Lainnya (tidak dirinci)"): no item
    if re.match(r"sub\s*-?\s*kegiatan\b", t):
        return "sub_kegiatan"
    if re.match(r"kegiatan\b", t):
        return "kegiatan"
    if re.match(r"program\b", t):
        return "program"
    return None


_COUNT_COL_RE = re.compile(r"^\W*(?:jumlah|jml\.?|banyaknya)?\s*(?P<lv>sub\s*-?\s*kegiatan|kegiatan)\W*$",
                           re.IGNORECASE)


def _top_numbered(r: Any) -> bool:
    """A budget row numbered at the top level: "1" in its first cell or "1 Program ..." as its
    name (not "1.1", "a." or an empty number)."""
    first = strip_markup(r.row.cells[0].text).strip() if r.row.cells else ""
    if re.fullmatch(r"\d{1,2}\.?", first):
        return True
    return bool(re.match(r"\s*\d{1,2}\.?\s+[^\W\d]", r.name)) and not re.match(r"\s*\d+\.\d", r.name)


def _level_counts(ctx: CheckContext, table: Block, rows: list[Any] | None = None) -> Counter[str]:
    """Programs, kegiatan and sub kegiatan of a budget table: its rows that name their level
    ("Program ...", "Kegiatan ...", "Sub Kegiatan ...", or the level the table index gave
    them), or, when the rows are programs only, the sum of a "Jumlah Kegiatan" column (the
    Jumlah row's own figure when the table has one)."""
    counts: Counter[str] = Counter()
    if rows is None:
        rows = [r for r in ctx.tables.budget(ctx.tables.role_of(table) or "") if r.table is table]
    if rows:
        for r in rows:
            if _REMAINDER.search(r.name):
                continue  # the remainder of a total ("Kegiatan: Lainnya (tidak dirinci)")
            lv = _level(r.name) or (r.level if r.level in ("program", "kegiatan", "sub_kegiatan") else None)
            if lv:
                counts[lv] += 1
        info0 = ctx.tables.info.get(table.index)
        heads = list(info0.labels.values()) if info0 is not None else []
        if not counts and any(re.match(r"\W*program\s*/\s*(?:sub\s*)?kegiatan\b", h, re.I) for h in heads):
            # a column "Program/Kegiatan[/Sub Kegiatan]": the rows numbered 1, 2, ... are the
            # programs, the ones under them ("a.", "1.1", an empty number) their kegiatan
            own = [r for r in rows if r.table is table and r.level not in ("total", "subtotal")]
            top = [r for r in own if _top_numbered(r)]
            if top and len(top) < len(own):
                counts["program"] = len(top)
        if set(counts) == {"program"} and len(heads) and any(
                re.match(r"\W*program\s*(?:/|dan|&)?\s*kegiatan\W*$", strip_markup(h), re.I) for h in heads):
            # a column "Program / Kegiatan" whose program rows say "Program ...": the unnamed
            # rows under them are the kegiatan
            own = [r for r in rows if r.table is table and r.level not in ("total", "subtotal")
                   and not _TOTAL_CELL_RE.match(strip_markup(r.name))]
            if own and (_level(own[0].name) == "program") and not any(
                    re.search(r"\bsub\s*-?\s*kegiatan\b", r.name, re.I) for r in own):
                counts["kegiatan"] = sum(1 for r in own if _level(r.name) is None)
                if not counts["kegiatan"]:
                    del counts["kegiatan"]
        if set(counts) == {"program"} and any(
                re.match(r"\W*program\s*/?\s*kegiatan\s*/?\s*sub\s*-?\s*kegiatan\W*$", strip_markup(h), re.I)
                for h in heads):
            # a column "Program / Kegiatan / Sub Kegiatan" whose program rows say "Program ...":
            # under them the plain rows are the kegiatan and the bulleted ones ("- Penyediaan
            # ...") their sub kegiatan
            own = [r for r in rows if r.table is table and r.level not in ("total", "subtotal")
                   and not _TOTAL_CELL_RE.match(strip_markup(r.name)) and _level(r.name) is None]
            bullet = [r for r in own if _BULLET_RE.match(r.name)]
            if bullet and len(bullet) < len(own):
                counts["kegiatan"] = len(own) - len(bullet)
                counts["sub_kegiatan"] = len(bullet)
        if not counts and any(re.match(r"\W*program\b", h, re.I) for h in heads) and \
                not any(re.match(r"\W*(?:sub\s*)?kegiatan\b", h, re.I) for h in heads):
            # a column headed "Program": every row that is not a total is a program
            counts["program"] = sum(1 for r in rows if r.table is table and r.level not in ("total", "subtotal"))
    else:
        for row in table.body_rows():
            for c in row.cells:
                lv = _level(c.text)
                if lv:
                    counts[lv] += 1
                    break
    blocks = list(dict.fromkeys(r.table.index for r in rows)) or [table.index]
    col_counts: Counter[str] = Counter()
    col_totals: dict[str, int] = {}
    for bi in blocks:
        tb = ctx.document.blocks[bi]
        info = ctx.tables.info.get(bi)
        labels = dict(info.labels) if info is not None else {}
        if not labels and tb.header_rows():
            labels = {c.col: c.text for c in tb.header_rows()[-1].cells}
        width = max((len(r.cells) for r in tb.rows), default=0)
        for col, label in labels.items():
            m = _COUNT_COL_RE.match(strip_markup(label).strip())
            if not m:
                continue
            lv = "sub_kegiatan" if m.group("lv").lower().startswith("sub") else "kegiatan"
            for row in tb.body_rows():
                if len(row.cells) != width:
                    continue  # a shifted row (an empty first cell dropped): columns unknown
                cell = next((c for c in row.cells if c.col == col), None)
                v = _int(cell.text) if cell is not None else None
                if v is None:
                    continue
                if any(re.fullmatch(r"\W*(?:jumlah|total)\W*", strip_markup(c.text).strip(), re.I)
                       for c in row.cells):
                    col_totals[lv] = v
                else:
                    col_counts[lv] += v
    for lv in ("kegiatan", "sub_kegiatan"):
        n = col_totals.get(lv, col_counts.get(lv, 0))
        if n and not counts.get(lv):
            counts[lv] = n
    if counts.get("program") and not counts.get("kegiatan") and rows:
        for lv, n in _coded_levels(rows).items():
            counts[lv] = n
    return counts


_TOTAL_CELL_RE = re.compile(r"\W*(?:jumlah|total)\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"\s*[-•·▪–]\s+\S")


def _coded_levels(rows: list[Any]) -> Counter[str]:
    """Kegiatan (and sub kegiatan) of a budget table whose rows are numbered under their
    program: program "1", its kegiatan "1.1", "1.2", their sub kegiatan "1.1.1". Empty unless
    every row that is neither a program nor a total carries such a number under a program."""
    progs: set[str] = set()
    out: Counter[str] = Counter()
    for r in rows:
        cells = r.row.cells
        if r.level == "total" or any(_TOTAL_CELL_RE.match(strip_markup(c.text)) for c in cells):
            continue
        first = strip_markup(cells[0].text).strip() if cells else ""
        if r.name_cell is not None and cells and cells[0] is r.name_cell:
            return Counter()  # no number column
        lv = _level(r.name) or r.level
        m = re.fullmatch(r"(\d{1,2})\.?", first)
        if m and lv == "program":
            progs.add(m.group(1))
            continue
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})(\.\d{1,2})?\.?", first)
        if not m or m.group(1) not in progs or lv == "program":
            return Counter()
        out["sub_kegiatan" if m.group(3) else "kegiatan"] += 1
    if out.get("sub_kegiatan") and not out.get("kegiatan"):
        return Counter()
    return out


def _next_table(ctx: CheckContext, block: Block, limit: int = 4) -> Block | None:
    for b in ctx.document.blocks[block.index + 1: block.index + 1 + limit]:
        if b.kind == "table":
            return b
    return None


@register
class ProgramCount(_CNRule):
    """The number of programs, kegiatan and sub kegiatan stated in the text ("5 Program 14
    Kegiatan dan 27 Sub Kegiatan") differs from the budget table (Tabel 3.8, else the
    untyped table the sentence introduces): its rows per level, or its "Jumlah Kegiatan"
    column.

    The count introduces the budget table; it must describe the table that follows."""

    code = "CN102"
    name = "program-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        budget = ctx.tables.budget("3.8")
        main_table = budget[0].table if budget else None
        # every part of the budget table (a table split over pages is several blocks)
        main_counts = _level_counts(ctx, main_table, budget) if main_table is not None else Counter()
        names = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
        items = [pattern("count_items", kind) for kind in ("program", "sub_kegiatan", "kegiatan")]
        for b in prose_blocks(ctx):
            text = b.text
            if not any(analyze(text).may_match(p) for p in items):
                continue  # no count of programs or kegiatan can be in it: nothing to compare
            for s, e in sentences(text):
                sent = text[s:e]
                named = _named_budget_table(ctx, sent, budget)
                if not _summary_chapter(b) and named is None:
                    continue  # BAB II: only a count that names the budget table it describes
                if pattern("helpers", "other_set").search(sent):
                    continue
                hits = []
                for kind in ("program", "sub_kegiatan", "kegiatan"):
                    for m in pattern("count_items", kind).finditer(sent):
                        if kind == "kegiatan" and re.search(r"sub\s*[-\s]?$", sent[: m.start("n") + 1][-8:].replace(
                                m.group("n"), ""), re.IGNORECASE):
                            continue
                        hits.append((kind, m))
                kinds = {k for k, _ in hits}
                if len(kinds) < 2 and not re.search(r"\b(?:didukung|mendanai)\b", sent, re.IGNORECASE) \
                        and not (kinds == {"program"} and _MANAGES_RE.search(sent)):
                    continue
                counts, table = main_counts, main_table
                if named is not None:
                    own_named = _level_counts(ctx, named, [r for r in budget if r.table is named])
                    if own_named.get("program"):
                        counts, table = own_named, named
                nxt = _next_table(ctx, b)
                if nxt is not None and main_table is None and ctx.tables.role_of(nxt) is None \
                        and e >= len(text.rstrip()) - 1:
                    own = _level_counts(ctx, nxt)
                    if own.get("program") and len(own) >= 2:
                        counts, table = own, nxt
                if not counts.get("program") or table is None:
                    continue
                # sub kegiatan matches also contain "kegiatan": drop kegiatan hits inside them
                subs = [(m.start(), m.end()) for k, m in hits if k == "sub_kegiatan"]
                wrong = []
                for kind, m in hits:
                    if kind == "kegiatan" and any(a <= m.start("n") < z for a, z in subs):
                        continue
                    n = count_value(m.group("n"))
                    exp = counts.get(kind, 0)
                    if exp and n != exp:
                        wrong.append((kind, m, n, exp))
                if not wrong:
                    continue
                wrong.sort(key=lambda w: w[1].start())
                detail = ", ".join(f"{n} {names[k]} (tabel: {x})" for k, _, n, x in wrong)
                m0 = wrong[0][1]
                m1 = wrong[-1][1]
                if table is main_table and named is None:
                    tname = ctx.tables.name("3.8")
                else:
                    info = ctx.tables.info.get(table.index)
                    tname = (info.number if info is not None else None) or \
                        caption_number_text(table) or "tabel anggaran"
                yield self.issue(b, s + m0.start(), s + m1.end(),
                                 f"jumlah tidak sesuai {tname}: {detail}",
                                 expected=", ".join(f"{counts[k]} {names[k]}" for k in
                                                    ("program", "kegiatan", "sub_kegiatan") if counts.get(k)))


# the office's own programs counted: "Pada tahun 2023 Dinas mengelola empat program ..."
_MANAGES_RE = re.compile(r"\b(?:mengelola|melaksanakan|menjalankan|memiliki|mendapat|memperoleh|"
                         r"(?:di)?laksanakan\s+melalui|dijalankan\s+melalui|terbagi\s+(?:dalam|ke\s+dalam|atas)|"
                         r"dibagi\s+(?:dalam|ke\s+dalam|atas|pada)|(?:dicapai|diserap|dibiayai|didanai)\s+(?:oleh|melalui)|"
                         r"dialokasikan\s+(?:pada|untuk|ke(?:\s+dalam)?|bagi|kepada)|tersebar\s+(?:pada|di|ke)|"
                         r"dibelanjakan\s+(?:pada|untuk)|(?:di)?gunakan\s+untuk\s+(?:membiayai|mendanai)|membiayai)\b[^.;]{0,40}?"
                         r"\b(?:\d{1,2}(?:\s*\(\s*[a-z ]+\s*\))?|[a-z]+(?:\s+belas)?)\s+program\b", re.IGNORECASE)


def _named_budget_table(ctx: CheckContext, sent: str, budget: list[Any]) -> Block | None:
    """The block of the budget table a sentence names by its number ("sebagaimana diuraikan
    pada Tabel 3.5") when the budget rows span several tables (a summary per program and the
    detail per kegiatan), or None."""
    seen: list[Block] = []
    for r in budget:
        if r.table not in seen:
            seen.append(r.table)
    for t in seen:
        info = ctx.tables.info.get(t.index)
        number = (info.number if info is not None else None) or caption_number_text(t)
        if number and _names_table(sent, number):
            return t
    return None


def caption_number_text(table: Block) -> str | None:
    m = re.match(r"\s*(tabel\s+[\w.]+)", table.caption or "", re.IGNORECASE)
    return m.group(1).rstrip(".") if m else None


@register
class BreakdownSum(_CNRule):
    """A count announced with a breakdown ("3 indikator sasaran, dengan capaian: 2 indikator ...
    Baik, 1 indikator ... Kurang, 2 indikator ...", "berjumlah 22 orang dengan rincian 7 pejabat
    struktural dan 15 pelaksana") is not the sum of its parts.

    The parts and the total are read together; they must add up."""

    code = "CN103"
    name = "breakdown-sum"

    _ANNOUNCE = re.compile(r"\b(?P<n>\d+)\s*(?:\(\s*[a-z ]+\s*\)\s*)?indi[ck]ator\b[^.]{0,80}?"
                           r"(?::|antara\s+lain|sebagai\s+berikut|adalah)\s*:?\s*$", re.IGNORECASE)

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for b in prose_blocks(ctx):
            text = b.text.rstrip()
            m = self._ANNOUNCE.search(text)
            if m:
                items = _breakdown(ctx, b)
                if len(items) >= 2:
                    total = sum(int(mm.group("n")) for _, mm in items)
                    n = int(m.group("n"))
                    if total != n:
                        parts = " + ".join(mm.group("n") for _, mm in items)
                        yield self.issue(b, m.start("n"), m.end("n"),
                                         f"tertulis {n} indikator, padahal rinciannya {parts} = {total}",
                                         expected=str(total))
            yield from self._same_noun(b)
            yield from self._status_split(b)
            yield from self._part_above_whole(b)
            for mb in filtered_finditer(pattern("staff_breakdown"), b.text):
                parts = [int(x.group("n")) for x in pattern("staff_part").finditer(mb.group("rest"))]
                if len(parts) >= 2 and sum(parts) != int(mb.group("n")):
                    yield self.issue(b, mb.start("n"), mb.end("n"),
                                     f"tertulis {mb.group('n')} orang, padahal rinciannya "
                                     f"{' + '.join(map(str, parts))} = {sum(parts)}",
                                     expected=str(sum(parts)))


    _PART_OF = re.compile(r"(?<![\d.,])(?P<a>\d{1,3}(?:\.\d{3})*)\s+dari\s+(?:total\s+|seluruh\s+|sebanyak\s+)?"
                          r"(?P<b>\d{1,3}(?:\.\d{3})*)(?![\d.,]\d)\s+(?P<noun>[a-z][\w/-]{2,})", re.IGNORECASE)

    def _part_above_whole(self, b: Block) -> Iterable[Issue]:
        """"mencakup 1.245 dari 1.180 desa/kelurahan": a part larger than its whole."""
        for m in filtered_finditer(self._PART_OF, b.text):
            if re.match(r"[^.;]{0,30}\bmenjadi\b", b.text[m.end():]) or re.search(
                    r"\b(?:naik|turun|meningkat|menurun|bertambah|berkurang|selisih|kenaikan|penurunan)\s+"
                    r"(?:\w+\s+)?$", b.text[max(0, m.start() - 25):m.start()], re.IGNORECASE):
                continue  # a change "dari A menjadi B", not a share
            a = int(m.group("a").replace(".", ""))
            whole = int(m.group("b").replace(".", ""))
            if a <= whole:
                continue
            yield self.issue(
                b, m.start("a"), m.end("b"),
                f"bagian ({m.group('a')}) lebih besar daripada keseluruhannya ({m.group('b')} "
                f"{m.group('noun')}); salah satu angkanya keliru",
                expected=f"paling banyak {m.group('b')}",
            )

    def _status_split(self, b: Block) -> Iterable[Issue]:
        """"Dari 8 indikator, 5 indikator tercapai dan 2 indikator tidak tercapai": the met and
        the unmet parts of one set must add up to it (a third number in the sentence, a share
        or "sisanya" leaves it alone)."""
        split_re, part_re = _status_split_res()
        for m in split_re.finditer(b.text):
            n = _count(m.group("n"))
            rest = m.group("rest")
            parts = list(part_re.finditer(rest))
            if n is None or len(parts) != 2 or "%" in rest or re.search(r"\bsisanya\b", rest, re.I):
                continue
            if {bool(p.group("neg")) for p in parts} != {True, False}:
                continue  # both met (melampaui / tercapai): the rest may be below target
            if len(re.findall(r"(?<![\d.,])\d+(?![\d.,]\d)", rest)) != sum(
                    1 for p in parts if p.group("k").isdigit()):
                continue  # another figure in the clause: not a plain split
            ks = [_count(p.group("k")) for p in parts]
            if any(k is None for k in ks) or sum(ks) == n:  # type: ignore[misc]
                continue
            total = sum(ks)  # type: ignore[arg-type]
            yield self.issue(
                b, m.start("n"), m.end("n"),
                f"tertulis {m.group('n')} {m.group('noun')}, padahal yang tercapai dan yang tidak "
                f"tercapai berjumlah {ks[0]} + {ks[1]} = {total}",
                expected=str(total),
            )

    def _same_noun(self, b: Block) -> Iterable[Issue]:
        """"N <noun> ..., terdiri dari a <noun> ..., b <noun> ... dan c <noun> ...": the parts
        (every number of the rest, each followed by the same noun) must add up to N."""
        skip = _cpat("count_breakdown_skip")
        for m in filtered_finditer(_cpat("count_breakdown"), b.text):
            noun = m.group("noun").lower()
            kinds = _kinds_partition(m.group("rest"), int(m.group("n")), noun)
            if kinds is not None:
                n = int(m.group("n"))
                if sum(kinds) != n:
                    yield self.issue(
                        b, m.start("n"), m.end("n"),
                        f"tertulis {n} {noun}, padahal rinciannya {' + '.join(map(str, kinds))} = "
                        f"{sum(kinds)}",
                        expected=str(sum(kinds)),
                    )
                continue
            if skip.match(noun):
                continue
            rest = re.sub(r"\([^()]*\)", " ", m.group("rest"))
            part_re = re.compile(r"(?<![\w.,])(\d{1,4})\s+" + re.escape(noun) + r"\b", re.IGNORECASE)
            parts = [int(x) for x in part_re.findall(rest)]
            numbers = re.findall(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w.,]*\d)", rest)
            if len(parts) < 2 or len(numbers) != len(parts) or "%" in rest:
                continue
            n = int(m.group("n"))
            if sum(parts) == n:
                continue
            yield self.issue(
                b, m.start("n"), m.end("n"),
                f"tertulis {n} {noun}, padahal rinciannya {' + '.join(map(str, parts))} = "
                f"{sum(parts)} {noun}",
                expected=f"{sum(parts)} {noun}",
            )


_KIND_ITEM_RE = re.compile(r"^(?P<n>\d{1,4})\s+(?P<w>[A-Za-z][\w/-]*(?:\s+[a-z][\w/-]*){0,3})$")
_NOT_KIND_RE = re.compile(r"^(?:program|kegiatan|sub|indikator|sasaran|orang|pegawai|persen|kali|"
                          r"tahun|bulan|hari|jam|rt|rw|dusun|lingkungan|dukuh|banjar|jorong)\b",
                          re.IGNORECASE)


def _kinds_partition(rest: str, n: int, noun: str) -> list[int] | None:
    """"47 kegiatan pengawasan, terdiri atas 18 audit, 15 reviu, 9 evaluasi dan 6 pemantauan":
    the parts of a count split into kinds, each "<number> <kind>" and nothing else, every part
    smaller than the total (not a composition into smaller units: "12 kelurahan terdiri atas 45
    RW"). None when the rest is not such a list."""
    flat = re.sub(r"\([^()]*\)", " ", rest).strip().rstrip(".")
    if "%" in flat or re.search(r"\bRp\b", flat):
        return None
    items = [x.strip() for x in re.split(r",|;|\s(?:dan|serta)\s", flat) if x.strip()]
    items = [re.sub(r"^(?:dan|serta)\s+", "", x) for x in items]
    parts: list[int] = []
    for it in items:
        im = _KIND_ITEM_RE.match(it)
        if im is None or _NOT_KIND_RE.match(im.group("w")) or im.group("w").lower().startswith(noun):
            return None
        parts.append(int(im.group("n")))
    if len(parts) < 2 or any(p >= n for p in parts) or sum(parts) > 2 * n:
        return None
    return parts


def _caption(ctx: CheckContext, table: Block) -> str:
    parts = [table.caption or ""]
    for b in reversed(ctx.document.blocks[max(0, table.index - 4): table.index]):
        if b.kind == "table":
            break
        parts.append(b.text)
    return " ".join(parts)


def _int(text: str) -> int | None:
    t = re.sub(r"<[^>]{0,20}>|\*", "", text).strip()
    n = parse_number(t) if t else None
    if n is None or n.percent or n.currency or n.value != n.value.to_integral() or n.value < 0:
        return None
    return int(n.value)


_STAFF_JCOL_RE = re.compile(r"\W*jumlah(?:\s+(?:pegawai|personil|asn|orang))?\s*(?:\(\s*orang\s*\))?\W*",
                            re.IGNORECASE)
_STAFF_NON_RE = re.compile(r"non\s*-?\s*asn|non\s*pns|honorer|tenaga\s+(?:kontrak|honorer|harian\s+lepas|"
                           r"pendukung)|ptt|thl|pegawai\s+tidak\s+tetap")


def staff_tables(ctx: CheckContext) -> tuple[list[int], list[int], list[int]]:
    """ASN totals, non-ASN totals and grand totals read from the staff tables of the report."""
    asn: list[int] = []
    non: list[int] = []
    grand: list[int] = []
    for t in ctx.document.tables():
        cap = _caption(ctx, t).lower()
        if not re.search(r"\b(?:asn|pns|pegawai)\b", cap) or ctx.tables.role_of(t):
            continue
        # the header row: a "Jumlah" column label ("Jumlah", "Jumlah (orang)") in a row without
        # numbers (a "Jumlah | 29" total row is not a header)
        header = next((r for r in t.rows if any(_STAFF_JCOL_RE.fullmatch(strip_markup(c.text).strip())
                                                for c in r.cells)
                       and all(_int(c.text) is None for c in r.cells)), None)
        if header is None:
            continue
        jcol = next(c.col for c in header.cells
                    if _STAFF_JCOL_RE.fullmatch(strip_markup(c.text).strip()))
        by_kind: Counter[str] = Counter()
        body_sum = rest = 0
        total: int | None = None
        # column layout: "PNS | PPPK | Non ASN | Jumlah"
        kind_cols: dict[int, str] = {}
        for c in header.cells:
            lab = strip_markup(c.text).strip().lower()
            if _STAFF_NON_RE.fullmatch(lab):
                kind_cols[c.col] = "non"
            elif re.fullmatch(r"asn|pns|pppk", lab):
                kind_cols[c.col] = "asn"
        for r in t.rows:
            if r is header:
                continue
            texts = [strip_markup(c.text).strip() for c in r.cells]
            if any(re.fullmatch(r"jumlah|total", x, re.I) for x in texts):
                vals = [v for v in (_int(c.text) for c in r.cells) if v is not None]
                if vals:
                    total = vals[-1]
                continue
            for c in r.cells:
                if c.col in kind_cols:
                    kv = _int(c.text)
                    if kv is not None:
                        by_kind[kind_cols[c.col]] += kv
            cell = next((c for c in r.cells if c.col == jcol), None)
            v = _int(cell.text) if cell is not None else None
            if v is None:
                continue
            body_sum += v
            if kind_cols:
                continue
            low = [x.lower() for x in texts]
            if any(_STAFF_NON_RE.fullmatch(x) for x in low):
                by_kind["non"] += v
            elif any(re.fullmatch(r"asn|pns|pppk", x) for x in low):
                by_kind["asn"] += v
            else:
                rest += v  # a golongan or jabatan row: ASN when the non-ASN rows are named
        if by_kind["non"] and not by_kind["asn"] and rest and not kind_cols:
            by_kind["asn"] = rest  # "IV | 2, III | 11, ..., Tenaga kontrak | 10"
        tot = total if total is not None else body_sum
        if by_kind:
            asn.append(by_kind["asn"])
            non.append(by_kind["non"])
            grand.append(tot)
        elif "non asn" in cap or "non-asn" in cap:
            grand.append(tot)
        else:
            asn.append(tot)
    return asn, non, grand


@register
class StaffCount(_CNRule):
    """A staff count in the text ("terdiri dari 17 ASN dan 14 Non ASN", "Sumber daya manusia ...
    berjumlah 22 orang") matches none of the staff tables of BAB I (tables with a JUMLAH column
    and ASN / Non ASN rows).

    The staff numbers describe the organisation's capacity; they must agree with its tables."""

    code = "CN104"
    name = "staff-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        asn, non, grand = staff_tables(ctx)
        if not asn and not grand:
            return
        for b in ctx.document.prose():
            text = b.text
            for m in pattern("staff_asn").finditer(text):
                sent = next((text[a:z] for a, z in sentences(text) if a <= m.start() < z), "")
                if not pattern("helpers", "staff_context").search(sent):
                    continue
                kind = m.group("kind").lower()
                n = int(m.group("n"))
                pool = non if kind.startswith("non") else asn
                if not pool or n in pool:
                    continue
                exp = Counter(pool).most_common(1)[0][0]
                label = "Non ASN" if kind.startswith("non") else "ASN"
                yield self.issue(b, m.start(), m.end(),
                                 f"tertulis {n} {label}, padahal tabel kepegawaian mencatat {exp} {label}",
                                 expected=f"{exp} {label}")
            for m in filtered_finditer(pattern("staff_total"), text):
                n = int(m.group("n"))
                pool = asn + grand
                if not pool or n in pool:
                    continue
                exp = Counter(asn or grand).most_common(1)[0][0]
                alt = f" ({max(grand)} orang termasuk non ASN)" if grand and max(grand) != exp else ""
                yield self.issue(b, m.start("n"), m.end("n"),
                                 f"tertulis {n} orang, padahal tabel kepegawaian mencatat {exp} ASN{alt}",
                                 expected=str(exp))


def _unused(x: Decimal) -> Decimal:
    return x


# --- CN105-CN107: counts and amounts against the items listed after them -------------------

_WORDNUM_RE = (r"(?:(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)(?:\s+(?:puluh|belas))?"
               r"(?:\s+(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?|sepuluh|sebelas)")


@lru_cache(maxsize=1)
def _cdata() -> dict[str, Any]:
    return load_yaml("rules", "counts.yaml") or {}


@lru_cache(maxsize=32)
def _cpat(key: str) -> re.Pattern[str]:
    return re.compile(str(_cdata()[key]).replace("{WORDNUM}", _WORDNUM_RE), re.IGNORECASE)


def _count(text: str) -> int | None:
    t = " ".join(text.lower().split())
    if t.isdigit():
        return int(t)
    from drafter.check.rules.terbilang import words_to_number

    return words_to_number(t)


_MARKER_RE = re.compile(r"^[\s>*]*(?:\d{1,2}[.)]|[a-z][.)]|\(\d{1,2}\)|[-•·▪●])\s+\S")


def _list_after(ctx: CheckContext, block: Block, limit: int = 60) -> list[Block]:
    """The list items (numbered, lettered or bulleted, at one level) right after ``block``.
    Empty when the list is not plainly delimited (a paragraph or table interrupts it)."""
    items: list[Block] = []
    style: str | None = None
    for b in ctx.document.blocks[block.index + 1: block.index + 1 + limit]:
        if b.kind == "table":
            break
        if b.kind == "list_item" or _MARKER_RE.match(b.text):
            st = _marker_style(b.text)
            if items and (b.level > items[0].level or st != style):
                continue  # a nested item ("a." under "1.") belongs to the one above
            style = style or st
            items.append(b)
            continue
        break
    return items


_COLUMN_MARK_RE = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+(?=[A-Z])")


def _column_items(items: list[Block]) -> int:
    """The number of items of a list: one per block, or, for a numbered list laid out in
    columns (text from PDF: "1. Desa A      12. Desa L" on one line), every number when
    they run exactly 1..N."""
    numbers = [int(x) for b in items for x in _COLUMN_MARK_RE.findall(b.text)]
    if len(numbers) > len(items) and sorted(numbers) == list(range(1, len(numbers) + 1)):
        return len(numbers)
    return len(items)


def _marker_style(text: str) -> str:
    t = text.lstrip(" >*")
    if re.match(r"\(?\d{1,2}[.)]", t):
        return "num"
    if re.match(r"[a-z][.)]\s", t):
        return "alpha"
    return "bullet"


_SENTENCE_END_RE = re.compile(r"[.!?:;]['\")*_]*\s*$")


def _continuation(ctx: CheckContext, block: Block, limit: int = 6) -> tuple[str, Block]:
    """``block``'s text followed by the paragraphs that continue its last sentence (text
    extracted from PDF gives one block per line; offsets in ``block.text`` are kept), and the
    last block joined (``block`` itself when none)."""
    text, last = block.text, block
    for nb in ctx.document.blocks[block.index + 1: block.index + 1 + limit]:
        if nb.kind != "paragraph" or _SENTENCE_END_RE.search(text) or _MARKER_RE.match(nb.text):
            break
        text += " " + nb.text
        last = nb
    return text, last


def _with_continuation(ctx: CheckContext, block: Block, limit: int = 6) -> str:
    return _continuation(ctx, block, limit)[0]


def _amount_region(text: str, start: int) -> str:
    """The rest of the sentence from ``start`` (the text layer's sentence, without its closing
    period; amounts like "Rp 1.000.000" do not end it)."""
    end = analyze(text).bounds(start)[1]
    if end <= start:
        return text[start:]
    return text[start:end].rstrip(".")


def _money(text: str) -> list[Any]:
    return [n for n in scan_numbers(text) if n.currency and not n.malformed]


def _ar107_covers(text: str, m: re.Match[str], segs: list[str]) -> bool:
    """True when AR107 already checks these parts ("anggaran ... sebesar Rp X" with
    "rincian"/"terdiri" and only "Belanja ... Rp" parts)."""
    from drafter.check.rules.arithmetic import rx

    money = [x for x in segs if _money(x)]
    return (bool(rx("budget_parts_cue").search(text))
            and bool(rx("budget_total").search(text[:m.end("total")]))
            and all(rx("budget_part").search(x) for x in money))


@register
class AmountBreakdown(_CNRule):
    """An amount announced with its parts that do not add up to it: "Belanja Langsung
    sebesar Rp 1.500.000.000 dengan rincian Belanja Pegawai Rp 500.000.000, Belanja Barang
    dan Jasa Rp 800.000.000 dan Belanja Modal Rp 100.000.000" (the parts make Rp
    1.400.000.000), in the same sentence or in the list that follows it.

    The reader takes the parts as the composition of the total; a part left out or mistyped
    makes one of the two wrong. Parts that are realisations or percentages of another amount
    ("pagu Rp A dan realisasi Rp B") are not added.
    """

    code = "CN105"
    name = "amount-breakdown"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        trig = _cpat("amount_breakdown")
        not_part = _cpat("not_a_part")
        for b in ctx.document.prose():
            full = _with_continuation(ctx, b)
            for m in filtered_finditer(trig, b.text):
                total = parse_number(m.group("total").rstrip(".,"))
                if total is None or total.malformed or not total.currency:
                    continue
                region = _amount_region(full, m.end())
                if not _money(region) and (m.group("how") or "").rstrip().endswith(":") \
                        or not region.strip(" :"):
                    region = "; ".join(x.text for x in _list_after(ctx, b))
                region = re.sub(r"\([^()]*\)", " ", region)  # "(75%)" beside a part is a share
                segs = [s for s in re.split(r";|,(?!\d)|\bdan\b|\bserta\b|\n", region) if s.strip()]
                parts = []
                bad = False
                for s in segs:
                    nums = _money(s)
                    if not nums:
                        continue
                    if len(nums) > 1 or not_part.search(s) or \
                            re.search(r"\d\s*(?:ribu|juta|miliar|milyar|triliun)\b", s, re.I):
                        bad = True
                        break
                    parts.append(nums[0])
                if bad or len(parts) < 2:
                    continue
                if _ar107_covers(b.text, m, segs):
                    continue
                s_ = sum((p.value for p in parts), Decimal(0))
                if total.explains(s_):
                    continue
                shown = " + ".join(fmt_num(p.value, 2) for p in parts)
                yield self.issue(
                    b, m.start("total"), m.end("total"),
                    f"tertulis {m.group('total').strip()}, padahal rinciannya {shown} = Rp "
                    f"{fmt_num(s_, 2)}",
                    expected=f"Rp {fmt_num(s_, 2)}",
                )


@register
class ProgramListCount(_CNRule):
    """"N program dengan M kegiatan (dan K sub kegiatan)" against the programs listed after
    it: "10 program dengan 81 kegiatan, yaitu: 1. Program ... (12 kegiatan) ..." where the
    listed programs are 10 but their kegiatan add up to 82.

    The count summarises the list that follows; both must describe the same set. Programs
    are counted as the list items that start with "Program"; kegiatan and sub kegiatan as
    the counts written in those items (only when every item states one), or the kegiatan each
    item names ("Program X, dengan kegiatan A; B; serta C"; a name joined by "dan" counts as
    one or two). Lines of extracted text are joined back into the sentence and the items.
    """

    code = "CN106"
    name = "program-list-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        trig = _cpat("program_sentence")
        item_re = _cpat("program_item")
        for b in ctx.document.prose():
            # "... melaksanakan 4 program" / "dan 6 kegiatan, yaitu:": a sentence broken over
            # two lines of extracted text is read whole
            text, off = b.text, 0
            prev = ctx.document.blocks[b.index - 1] if b.index > 0 else None
            if prev is not None and prev.kind == "paragraph" and re.match(r"\s*[a-z(]", b.text) \
                    and prev.text.strip() and not _SENTENCE_END_RE.search(prev.text):
                text, off = prev.text + " " + b.text, len(prev.text) + 1
            for m in filtered_finditer(trig, text):
                if m.end() <= off:
                    continue  # the line before's own sentence: read with that line
                after = text[m.end():]
                region_items: list[str] = []
                inline = re.split(r"(?=\bprogram\b)", after, flags=re.IGNORECASE)
                inline = [x for x in inline[1:] if x.strip()]
                if len(inline) >= 2 and re.match(r"^[^.]{0,60}(?::|yaitu|yakni|meliputi)",
                                                 after, re.IGNORECASE):
                    region_items = inline
                else:
                    if not re.match(r"^[^.]{0,80}(?::|yaitu|yakni|meliputi|sebagai\s+berikut)"
                                    r"\s*:?\s*$", after, re.IGNORECASE):
                        continue
                    region_items = _items_with_continuation(ctx, b)
                    if not region_items or not all(item_re.match(t) for t in region_items):
                        continue
                if len(region_items) < 2:
                    continue
                wrong = []
                n_p = _count(m.group("p"))
                if n_p is not None and n_p != len(region_items):
                    wrong.append(("program", m.group("p"), n_p, len(region_items)))
                for key, grp, label in (("item_kegiatan", "k", "kegiatan"),
                                        ("item_sub", "s", "sub kegiatan")):
                    if not m.group(grp):
                        continue
                    per: list[tuple[int, int]] = []
                    for t in region_items:
                        hits = [h for h in _cpat(key).finditer(t)
                                if key == "item_sub" or not re.search(
                                    r"sub\s*[-\s]?$", t[:h.end()][:-len("kegiatan")].rstrip()[-5:] + " ",
                                    re.IGNORECASE) and not re.search(r"sub\s*[-\s]?kegiatan\b",
                                                                     t[h.start():h.end()], re.I)]
                        n_item = _count(hits[0].group("n")) if len(hits) == 1 else None
                        bounds = (n_item, n_item) if n_item is not None else (
                            _named_kegiatan(t) if key == "item_kegiatan" and not hits else None)
                        if bounds is None:
                            per = []
                            break
                        per.append(bounds)
                    if not per:
                        continue
                    lo, hi = sum(x for x, _ in per), sum(y for _, y in per)
                    stated = _count(m.group(grp))
                    if stated is not None and not lo <= stated <= hi:
                        wrong.append((label, m.group(grp), stated, lo if lo == hi else f"{lo} atau {hi}"))
                if not wrong:
                    continue
                detail = "; ".join(f"tertulis {n} {lab}, padahal daftar di bawahnya memuat "
                                   f"{x} {lab}" for lab, _raw_, n, x in wrong)
                yield self.issue(
                    b, max(0, m.start() - off), m.end() - off, detail,
                    expected=", ".join(f"{x} {lab}" for lab, _r, _n, x in wrong),
                )


def _items_with_continuation(ctx: CheckContext, block: Block, limit: int = 60) -> list[str]:
    """The texts of the list items (one level, one marker style) right after ``block``, each
    with the paragraphs that continue it (text extracted from PDF or plain text gives one block
    per line: "a. Program X, dengan kegiatan" / "A; B;" / "serta C;"). A paragraph continues an
    item while the item's text does not end a sentence (";" does not); any other paragraph, a
    table or a heading ends the list."""
    out: list[str] = []
    style: str | None = None
    level = 0
    for b in ctx.document.blocks[block.index + 1: block.index + 1 + limit]:
        if b.kind == "list_item" or _MARKER_RE.match(b.text):
            st = _marker_style(b.text)
            if out and (b.level > level or st != style):
                continue  # a nested item ("a." under "1.") belongs to the one above
            style, level = style or st, b.level if not out else level
            out.append(b.text)
            continue
        if b.kind != "paragraph" or not out or re.search(r"[.!?]['\")*_]*\s*$", out[-1]):
            break
        out[-1] += " " + b.text
    return out


_NAMED_KEGIATAN = re.compile(r"\b(?:dengan|melalui|meliputi|terdiri\s+(?:atas|dari))\s+(?:\d+\s+)?kegiatan\s*(?:,\s*yaitu|yaitu|yakni|:)?\s*"
                             r"(?P<names>[^.]+?)\s*[.;]?\s*$", re.IGNORECASE)


def _named_kegiatan(item: str) -> tuple[int, int] | None:
    """The kegiatan a program item names without a number ("Program X, dengan kegiatan A; B;
    serta C"): ``(fewest, most)`` it may be. Names separated by ";" are counted as written; a
    single name joined by "dan"/"serta" ("Ketenteraman dan Ketertiban Umum") may be one or two;
    names separated by commas cannot be told from a name holding a comma (None)."""
    m = _NAMED_KEGIATAN.search(item)
    if m is None:
        return None
    names = m.group("names")
    if re.search(r"\bsub\s*[-\s]?kegiatan\b|\d", names, re.IGNORECASE):
        return None
    parts = [x for x in (re.sub(r"^\s*(?:serta|dan)\b", "", p).strip() for p in names.split(";")) if x]
    if len(parts) >= 2:
        return len(parts), len(parts)
    if not parts or "," in parts[0]:
        return None
    joined = len(re.findall(r"\b(?:dan|serta)\b", parts[0], re.IGNORECASE))
    return 1, 1 + joined


def _headed_after(ctx: CheckContext, block: Block, noun: str) -> list[Block]:
    """Paragraphs right after ``block`` that each start with the counted noun ("Sasaran
    Strategis 1 : ...", "Desa Sukamaju"), one item each."""
    head = re.compile(r"^[\s*_#]*" + re.escape(noun.split()[0]) + r"\b", re.IGNORECASE)
    items: list[Block] = []
    for b in ctx.document.blocks[block.index + 1: block.index + 40]:
        if b.kind != "table" and head.match(b.text) and len(b.text) < 300:
            items.append(b)
            continue
        break
    return items


def _noun_re() -> re.Pattern[str]:
    nouns = sorted((str(k) for k in (_cdata().get("listed_nouns") or {})), key=len, reverse=True)
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in nouns)
    return re.compile(r"(?<![\w.,])(?P<n>\d{1,3}|" + _WORDNUM_RE + r")\s*(?:\(\s*[a-z ]+\s*\)\s*)?"
                      r"(?P<noun>(?:" + alt + r")(?:\s*/\s*(?:desa|kelurahan|nagari|gampong|kota))?)\b",
                      re.IGNORECASE)


def _noun_info(noun: str) -> dict[str, Any]:
    key = " ".join(noun.split("/")[0].split())  # "desa/kelurahan": as "desa"
    for k, v in (_cdata().get("listed_nouns") or {}).items():
        if str(k).lower() == key.lower():
            return v or {}
    return {}


# the predicate between a counted place noun and its list (no number, no clause break)
_PRED_INTRO_RE = re.compile(r"^(?=[^.;:\d()]{0,120}?,?\s*(?:yaitu|yakni|meliputi)\b)(?:\s+[A-Za-z][\w-]*){1,12}?"
                            r"\s*,?\s*(?:yaitu|yakni|meliputi)\b\s*:?")


# a relative clause ending the paragraph with a colon after the counted noun ("... isu
# strategis yang dihadapi Dinas pada tahun 2023:"): the list follows
_CLAUSE_COLON_RE = re.compile(r"^\s+(?:yang|untuk|dalam|pada|di|sebagai)\b[^.;:]{0,120}:\s*$", re.IGNORECASE)


def _office_items(region: str, heads: list[str]) -> int | None:
    """Offices of a list counted by the office words that open them ("Dinas Pekerjaan Umum dan
    Penataan Ruang, Dinas Kesehatan dan Badan Pengelolaan Keuangan" are three). None when the
    list does not open with an office word or names fewer than two."""
    alt = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads)
    body = region.strip(" :")
    if not re.match(r"(?:" + alt + r")\b", body):
        return None
    starts = re.findall(r"(?:^|[,;]\s*|\s(?:dan|serta)\s+)(?:" + alt + r")\b", body)
    return len(starts) if len(starts) >= 2 else None


def _head_items(region: str, noun: str) -> int | None:
    """Items of a list whose every item starts with the counted noun, capitalised: "Program
    A, Program B dan Program C" (the items may hold commas and "dan" themselves). None when
    the list does not start with the noun or names fewer than two."""
    head = noun.split()[0]
    cap = head[:1].upper() + head[1:].lower()
    body = region.strip(" :")
    if not re.match(r"(?:" + re.escape(cap) + r"|" + re.escape(head.upper()) + r")\b", body):
        return None
    starts = re.findall(r"(?:^|[,;]\s*|\s(?:dan|serta)\s+)(?:" + re.escape(cap) + r"|"
                        + re.escape(head.upper()) + r")\b", body)
    return len(starts) if len(starts) >= 2 else None


_LABEL_LINE_RE = re.compile(r"^[\s*_]*(?P<label>[A-Za-z][A-Za-z/ ]{1,25}?)\s*:\s*(?P<body>\S.*)$")


def _labelled_items(ctx: CheckContext, block: Block, noun: str) -> int | None:
    """Names listed under a label line for the counted noun right after ``block`` ("... 10
    kelurahan dan 5 desa, yaitu:" then "Kelurahan : Rum, Jaya, ..." and "Desa : Maitara, ...",
    a line of names possibly wrapped onto the next lines). None when there is no such line or
    its items are not a plain list of names."""
    head = noun.split("/")[0].split()[0].lower()
    body: str | None = None
    for nb in ctx.document.blocks[block.index + 1: block.index + 10]:
        if nb.kind == "table":
            break
        lm = _LABEL_LINE_RE.match(nb.text)
        if body is None:
            if lm is None:
                if nb.kind == "heading" or len(nb.text) > 200:
                    break
                continue
            if lm.group("label").strip().lower() == head:
                body = lm.group("body")
            continue
        if lm is not None or not nb.text.strip() or not body.rstrip().endswith(","):
            break
        body += " " + nb.text.strip()
    if body is None:
        return None
    segs = [x.strip(" .;") for x in re.split(r",|;|\s(?:dan|serta)\s", body)]
    segs = [x for x in segs if x]
    if len(segs) < 2 or any(len(x.split()) > 5 or not x[:1].isupper() or re.search(r"\d", x)
                            for x in segs):
        return None
    return len(segs)


@register
class ListedItemsCount(_CNRule):
    """A count followed by its items that lists another number of them: "terdiri dari 7
    desa, yaitu Desa A, Desa B, ... " naming six desa, or "2 sasaran strategis sebagai
    berikut:" followed by three numbered sasaran.

    The count and the list describe the same set; one of them is out of date. Only complete
    lists are compared ("yaitu", "meliputi", "sebagai berikut", a colon), not open ones
    ("antara lain", "seperti"); names are counted in a sentence only for places and units
    (desa, kelurahan, bidang ...: rules/counts.yaml), other items only in a numbered or
    bulleted list right after the sentence.
    """

    code = "CN107"
    name = "listed-items-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        intro = _cpat("list_intro")
        open_re = _cpat("open_list")
        noun_re = _noun_re()
        for b in ctx.document.prose():
            text = _with_continuation(ctx, b)
            for m in filtered_finditer(noun_re, text, 0, len(b.text)):
                n = _count(m.group("n"))
                if n is None or n < 2 or n > 60:
                    continue
                rest = text[m.end():]
                im = intro.match(rest)
                if not im and _noun_info(m.group("noun")).get("inline"):
                    # "sepuluh kelurahan menyampaikan laporan tepat waktu, yaitu A, B ...": the
                    # places named after what they did
                    im = _PRED_INTRO_RE.match(rest)
                if not im and not _noun_info(m.group("noun")).get("inline"):
                    # "Terdapat lima isu strategis yang dihadapi ... pada tahun 2023:" and a list
                    im = _CLAUSE_COLON_RE.match(b.text[m.end():])
                if not im:
                    continue
                if noun_re.search(re.sub(r"(?<=[a-z])-\s*\n?\s*(?=[a-z])", "", rest[:im.end()])) or \
                        re.search(r"\b(?:dan|serta)\s+(?:\d+|" + _WORDNUM_RE + r")\s+[a-z]", rest[:im.end()], re.IGNORECASE):
                    continue  # "empat kabupaten dan empat kota, yaitu ...": the list is another count's too
                sent_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start()))
                while sent_start > 0 and text[sent_start] == "\n" and text[sent_start - 1] == "-":
                    # a word hyphenated at the end of a wrapped line ("3 kelu-\nrahan dan 11 desa")
                    sent_start = max(text.rfind(". ", 0, sent_start), text.rfind("\n", 0, sent_start - 1))
                head = text[sent_start + 1:m.start()]
                if sent_start < 0 and b.text[:1].islower() and b.index > 0 and \
                        ctx.document.blocks[b.index - 1].kind != "table":
                    # a line of a wrapped paragraph: its sentence began on the line before
                    prev = ctx.document.blocks[b.index - 1].text
                    head = prev[prev.rfind(". ") + 1:] + ("" if prev.endswith("-") else " ") + head
                if noun_re.search(re.sub(r"(?<=[a-z])-\s*\n?\s*(?=[a-z])", "", head)):
                    continue  # "3 program dengan 10 kegiatan, yaitu:" lists the programs
                region = _amount_region(text, m.end() + im.end())
                if open_re.search(text[m.end():m.end() + im.end()] + region[:40]):
                    continue
                info = _noun_info(m.group("noun"))
                found: int | None = None
                heads = _head_items(region, m.group("noun"))
                if heads is None and info.get("heads"):
                    heads = _office_items(region, [str(h) for h in info["heads"]])
                if heads is not None:
                    found = heads  # "lima program, yaitu Program A, Program B, ... dan Program D"
                elif region.strip(" :"):
                    if not info.get("inline"):
                        numbered = re.findall(r"(?:^|[\s;,])(?:\d{1,2}\)|\(\d{1,2}\)|[a-z]\))\s",
                                              region)
                        found = len(numbered) if len(numbered) >= 2 else None
                    else:
                        flat = re.sub(r"\([^()]*\)", "", region)
                        # the list ends with its "dan X": a clause after it ("..., Kedung dan
                        # Tahunan, sebagian besar berupa ...") is no item
                        last = re.search(r"\b(?:dan|serta)\s+[A-Z][^,;]*?(?=\s*,\s*[a-z])", flat)
                        if last is not None:
                            flat = flat[:last.end()]
                        segs = [s.strip(" :;") for s in re.split(r",|;|\bdan\b|\bserta\b", flat)]
                        segs = [s for s in segs if s]
                        counts = [re.match(r"(\d{1,4})\s+[a-zA-Z]", s) for s in segs]
                        if len(segs) >= 2 and all(counts):
                            # "26 puskesmas, yaitu 4 berstatus Paripurna, 9 Utama dan 13 Madya":
                            # the parts are counts that add up to the whole
                            found = sum(int(c.group(1)) for c in counts if c)
                        elif any(counts):
                            pass  # counts mixed with names: a breakdown CN103 reads, no list
                        elif len(segs) >= 2 and all(s[:1].isupper() or s[:1].isdigit() or
                                                  re.match(re.escape(m.group("noun").split()[0]),
                                                           s, re.I) for s in segs) \
                                and all(len(s.split()) <= 6 for s in segs):
                            found = len(segs)
                elif text[m.end() + im.end():].strip() == "" or rest.rstrip().endswith(":"):
                    items = _list_after(ctx, _continuation(ctx, b)[1]) or _headed_after(ctx, b, m.group("noun"))
                    found = _column_items(items) if len(items) >= 2 else None
                    if found is None and info.get("inline"):
                        found = _labelled_items(ctx, _continuation(ctx, b)[1], m.group("noun"))
                if found is None or found == n:
                    continue
                part = re.search(r"(?<![\w.,])(\d{1,3}|" + _WORDNUM_RE + r")\s+dari\s+(?:total\s+|seluruh\s+)?$",
                                 text[max(0, m.start() - 30):m.start()], re.IGNORECASE)
                if part is not None and _count(part.group(1)) == found:
                    continue  # "di 3 dari 7 kecamatan, yaitu A, B dan C": the part is listed
                noun = " ".join(m.group("noun").split())
                yield self.issue(
                    b, m.start(), m.end(),
                    f"tertulis {m.group('n')} {noun}, padahal yang dirinci sesudahnya "
                    f"{found} {noun}",
                    expected=f"{found} {noun}",
                )


# "7 dari 9 desa/kelurahan menyampaikan ...": the total the part is taken from (not "dari 9
# desa yang mengikuti lomba", a subset described by what follows)
_SUBSET_RE = re.compile(
    r"(?<![\w.,])(?:\d{1,3}|" + _WORDNUM_RE + r")\s+dari\s+(?:total\s+|seluruh\s+)?"
    r"(?P<n>\d{1,3}|" + _WORDNUM_RE + r")\s+(?P<noun>desa|kelurahan)"
    r"(?P<both>\s*(?:/|dan|atau)\s*(?:desa|kelurahan))?"
    r"(?!\s*(?:yang|sasaran|binaan|peserta|prioritas|terpilih|lokus|percontohan|wisata|adat|" + "|".join(
        # "3 dari 5 desa pesisir": a kind of village (foreign_names.yaml), not all of them
        re.escape(str(w)) for w in (load_yaml("rules", "foreign_names.yaml") or {}).get("village_status_words") or ())
    + r")\b)",
    re.IGNORECASE)


@register
class NamedKecamatanVillageCount(_CNRule):
    """The number of desa/kelurahan of a kecamatan named in the sentence ("Kecamatan Sukajadi,
    yang membawahi 7 kelurahan, ...") differs from the national gazetteer, in the report of
    any office of the same kabupaten/kota (an inspektorat, a dinas, another kecamatan); and
    the total in "7 dari 9 desa/kelurahan ..." in a kecamatan report (its own desa).

    Also the report's own kabupaten/kota ("Kabupaten X terdiri dari 14 kecamatan", "N
    desa/kelurahan") and province ("Provinsi Y meliputi 12 kabupaten/kota") counted
    differently from the gazetteer, in a sentence naming only that region.
    The report's own kecamatan is checked by FN108 ("terdiri dari N desa"); this rule covers
    the kecamatan a report talks about and the "K dari N" totals. Only sentences naming exactly one kecamatan, resolved inside the report's
    kabupaten/kota, are compared. The gazetteer follows Kepmendagri 300.2.2-2138 of 2025: a
    desa split or merged since the report year would show here, hence a warning.
    """

    code = "CN108"
    name = "named-kecamatan-village-count"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.analyzer import resolve_mention
        from drafter.check.gazetteer import DESA, gazetteer
        from drafter.check.rules._textutil import sentence_bounds
        from drafter.check.rules.foreign_name import _COUNT_RE, _mentions
        from drafter.check.rules.foreign_name import count_value as _cv

        yield from self._areas(ctx)
        regency, own = ctx.info.regency, ctx.info.kecamatan
        if regency is None:
            return
        gaz = gazetteer()
        for unit, block, live in ctx.text.scan([_COUNT_RE, _SUBSET_RE]):  # units where one can match
            if block.kind == "table":
                continue
            for m in [*(_COUNT_RE.finditer(unit.text) if 0 in live else ()),
                      *(_SUBSET_RE.finditer(unit.text) if 1 in live else ())]:
                b, e = sentence_bounds(unit.text, m.start(), m.end())
                sent = unit.text[b:e]
                kecs = [(mm, resolve_mention(gaz, 2, None, mm.group("rest"), regency.code)[0])
                        for mm, _l, _k in _mentions(sent, {2})]
                subset = m.re is _SUBSET_RE
                if subset and not kecs and own is not None and ctx.info.village is None \
                        and not any(True for _ in _mentions(sent, {1, 3})):
                    kec = own  # "7 dari 9 desa" in a kecamatan report: all its desa
                elif len(kecs) != 1:
                    continue
                else:
                    mm, kec = kecs[0]
                    if kec is None or (own is not None and kec.code == own.code and not subset) \
                            or (b + mm.start() > m.start() and not subset):
                        continue
                if "n2" in m.re.groupindex and m.group("n2"):
                    continue
                val = _cv(m.group("n"))
                if val is None:
                    continue
                vs = gaz.villages(kec.code)
                if not vs:
                    continue
                n_desa = sum(v.kind == DESA for v in vs)
                n_kel = len(vs) - n_desa
                noun = m.group("noun").lower()
                if m.group("both"):
                    ok, right = {len(vs)}, f"{len(vs)} desa/kelurahan"
                elif noun == "desa":
                    ok = {n_desa, len(vs)} if n_desa else {len(vs)}
                    right = f"{n_desa} desa" + (f" dan {n_kel} kelurahan" if n_kel else "")
                else:
                    ok = {n_kel, len(vs)} if n_kel else {len(vs)}
                    right = f"{n_kel} kelurahan" + (f" dan {n_desa} desa" if n_desa else "")
                if val in ok:
                    continue
                yield self.issue(
                    unit, m.start("n"), m.end("n"),
                    f"tertulis {m.group('n')} {'desa/kelurahan' if m.group('both') else noun} untuk "
                    f"Kecamatan {kec.name}, padahal menurut data wilayah Kemendagri kecamatan itu "
                    f"memiliki {right}",
                    expected=right,
                )

    def _areas(self, ctx: CheckContext) -> Iterable[Issue]:
        """The kecamatan and desa/kelurahan of the report's own kabupaten/kota, the
        kabupaten/kota of its province, counted differently from the gazetteer."""
        for b, m, where, right in _area_counts(ctx):
            area, off = where.rsplit("|", 1)
            noun = " ".join(m.group("noun").lower().split())
            s0 = int(off)
            yield self.issue(
                b, s0 + m.start("n"), s0 + m.end("noun"),
                f"tertulis {m.group('n')} {noun} untuk {area}, padahal menurut data wilayah "
                f"Kemendagri {area} memiliki {right} {noun}",
                expected=f"{right} {noun}",
            )


_AREA_VERB_RE = re.compile(r"\b(?:terdiri\s+(?:dari|atas)|meliputi|memiliki|mempunyai|membawahi|"
                           r"membawahkan|mencakup|terbagi\s+(?:atas|menjadi|dalam|ke\s+dalam)|"
                           r"dibagi\s+(?:atas|menjadi|dalam)|berjumlah|tersebar\s+di)\b", re.IGNORECASE)
_AREA_COUNT_RE = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}|" + _WORDNUM_RE + r")\s*(?:\(\s*[\w ]+\s*\)\s*)?"
    r"(?P<noun>kecamatan|kabupaten\s*/\s*kota|kabupaten\s+dan\s+kota|desa\s*/\s*kelurahan|"
    r"kelurahan\s*/\s*desa|desa\s+dan\s+kelurahan|kelurahan\s+dan\s+desa)\b", re.IGNORECASE)
_AREA_OTHER_RE = re.compile(r"\b(?:se-?\s*(?:indonesia|provinsi|jawa|sumatera|kalimantan|sulawesi)|"
                            r"nasional|provinsi\s+lain|kabupaten\s+lain|kota\s+lain|daerah\s+lain|"
                            r"rata-rata|\d+\s+dari\s+\d+)\b", re.IGNORECASE)


def _area_counts(ctx: CheckContext) -> Iterable[tuple[Block, re.Match[str], str, int]]:
    """"Kabupaten Sukoharjo terdiri dari 12 kecamatan dan 167 desa", "Provinsi Maluku
    meliputi 11 kabupaten/kota": (block, match, region name, count in the national
    gazetteer) for each count of the report's own kabupaten/kota or province that differs."""
    from drafter.check.analyzer import resolve_mention
    from drafter.check.gazetteer import gazetteer
    from drafter.check.rules.foreign_name import _mentions

    info = ctx.info
    regency, province = info.regency, info.province
    if info.national or province is None:
        return
    gaz = gazetteer()
    for b in prose_blocks(ctx):
        text = b.text
        if not filtered_search(_AREA_COUNT_RE, text):
            continue
        for s, e in sentences(text):
            sent = text[s:e]
            if not _AREA_VERB_RE.search(sent) or _AREA_OTHER_RE.search(sent):
                continue
            named = []
            for mm, level, kind in _mentions(sent, {0, 1}):
                r, _n = resolve_mention(gaz, level, kind, mm.group("rest"))
                if r is not None:
                    named.append(r)
            own = [r for r in named if r.code in {getattr(regency, "code", None), province.code}]
            if len(own) != 1 or len(named) != 1:
                continue  # the sentence names exactly one region: the report's own
            area = own[0]
            for m in _AREA_COUNT_RE.finditer(sent):
                noun = " ".join(m.group("noun").lower().split())
                if m.start() < sent.find(area.name):
                    continue  # the count must follow the region it is about
                kecs = gaz.children(area.code) if area.level == 1 else []
                if "kecamatan" == noun and area.level == 1:
                    right = len(kecs)
                elif noun.startswith(("desa", "kelurahan")) and area.level == 1:
                    right = sum(len(gaz.villages(k.code)) for k in kecs)
                elif noun.startswith("kabupaten") and area.level == 0:
                    right = len(gaz.children(area.code))
                else:
                    continue
                n = count_value(m.group("n"))
                if n is None or n == right or right == 0:
                    continue
                yield b, m, f"{area.full}|{s}", right


def _inline_items(listing: str) -> int | None:
    """Items of "a, b, c, dan d" (or "a, b, c dan d"); None when the text is not a plain list
    of short items."""
    flat = re.sub(r"\([^()]*\)", " ", listing)
    # the list ends where a clause joined by a conjunction starts (", sehingga ...")
    flat = re.split(r",\s*(?:sehingga|karena|agar|supaya|namun|tetapi|yang|dengan|untuk|di\s*mana|"
                    r"maka|meskipun|walaupun|sedangkan|sementara)\b", flat, maxsplit=1,
                    flags=re.IGNORECASE)[0]
    if re.search(r"\d", flat) or _cpat("open_list").search(flat):
        return None
    segs = [s.strip() for s in flat.split(",")]
    if not segs or not segs[-1]:
        return None
    last = segs[-1]
    if re.match(r"(?:dan|serta|atau)\s", last, re.IGNORECASE):
        segs[-1] = re.sub(r"^(?:dan|serta|atau)\s+", "", last, flags=re.IGNORECASE)
    else:
        parts = re.split(r"\s+(?:dan|serta)\s+", last, flags=re.IGNORECASE)
        if len(parts) > 2:
            return None  # "a dan b dan c": items that are themselves pairs cannot be told
        segs[-1:] = parts
    if len(segs) < 2 or any(not s or len(s.split()) > 6 for s in segs):
        return None
    if any(re.match(_WORDNUM_RE + r"\s", s, re.IGNORECASE) for s in segs):
        return None  # "11 kabupaten/kota, yaitu sembilan kabupaten dan dua kota": counts
    return len(segs)


_COLLECTIVE = {"kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5, "keenam": 6, "ketujuh": 7,
               "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10}
# "Ketiga langkah perbaikan yang direncanakan adalah: (a) ...; (b) ...": "the three steps"
_COLLECTIVE_RE = re.compile(r"\b(?P<w>" + "|".join(_COLLECTIVE) + r")\s+(?P<noun>(?!dari\b|belas\b|"
                            r"puluh\b)[a-z][\w-]*(?:\s+(?!yaitu\b|yakni\b|adalah\b|meliputi\b)[a-z][\w-]*)"
                            r"{0,5}?)\s*,?\s*(?:yaitu|yakni|adalah|ialah|meliputi|sebagai\s+berikut)\s*:?\s*",
                            re.IGNORECASE)
# "... ada tiga, yaitu: (1) ...", "berjumlah 4 (empat) yaitu a) ... b) ..."
_ADA_N_RE = re.compile(r"\b(?:ada|sebanyak|berjumlah|sejumlah)\s+(?P<n>\d{1,2}|" + _WORDNUM_RE
                       + r")(?:\s*\(\s*\w+\s*\))?\s*(?:buah\s*)?,?\s*(?:yaitu|yakni|meliputi|"
                       r"sebagai\s+berikut)\s*:?\s*", re.IGNORECASE)
_ENUM_RE = re.compile(r"(?:^|(?<=[\s;,:]))(?:\(\s*(?P<a>[a-z]|\d{1,2})\s*\)|(?P<b>[a-z]|\d{1,2})\))\s")


def _enumerated(text: str) -> int | None:
    """Items of an inline enumeration "(a) ...; (b) ...; (c) ..." or "1) ..., 2) ..." that
    starts the text and runs in order; None when there is none of two or more."""
    marks = [(m.start(), m.group("a") or m.group("b")) for m in _ENUM_RE.finditer(text)]
    if len(marks) < 2 or marks[0][0] > 2:
        return None
    first = marks[0][1]
    seq = [chr(ord("a") + i) for i in range(26)] if first.isalpha() else [str(i) for i in range(1, 27)]
    n = 0
    for _pos, mk in marks:
        if n < len(seq) and mk.lower() == seq[n]:
            n += 1
    return n if n >= 2 else None


@register
class InlineListCount(_CNRule):
    """A count whose items are then listed, for any noun: "memberikan 9 jenis layanan
    spesialis, yaitu penyakit dalam, bedah, anak, ... dan saraf" naming eight; "Lima di
    antaranya berpolaritas negatif, yaitu A, B, C dan D"; "empat UPT sebagai berikut:"
    followed by five paragraphs "UPT Wilayah ...".

    The count and the list describe the same set; one of them is out of date. Only complete
    lists are read ("yaitu", "yakni", "meliputi", "terdiri atas", "sebagai berikut:"), of short
    items without numbers, ending the sentence; open lists ("antara lain", "seperti") are not.
    An item written "obstetri dan ginekologi" counts once when the list separates its items
    with commas up to the last one ("a, b, dan c")."""

    code = "CN109"
    name = "inline-list-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        inline, headed = _cpat("inline_list"), _cpat("headed_list")
        open_re = _cpat("open_list")
        nouns = (_cdata().get("listed_nouns") or {}).items()
        listed = {str(k).lower() for k, v in nouns if (v or {}).get("inline")}
        known = {str(k).lower() for k, _v in nouns}
        for b in prose_blocks(ctx):
            text = b.text
            for m in filtered_finditer(inline, text):
                n = _count(m.group("n"))
                noun = " ".join(m.group("noun").split())
                if n is None or not 2 <= n <= 20 or noun.lower() in listed or \
                        noun.split()[0].split("/")[0].lower() in listed:
                    continue  # desa, kelurahan ... are CN107's
                if open_re.search(noun) and not re.match(r"di\s*antaranya\b", noun, re.I):
                    continue
                if re.match(r"(?:tahun|bulan|hari|kali|persen|orang|jam|menit)\b", noun, re.I):
                    continue
                if re.search(r"(?:\d+|" + _WORDNUM_RE + r")\s+[\w/-]+\s+(?:dan|serta)\s+$",
                             text[max(0, m.start() - 60):m.start()], re.IGNORECASE):
                    continue  # "empat kabupaten dan empat kota, yaitu ...": one list for two counts
                found = _inline_items(m.group("list"))
                part = re.search(r"(?<![\w.,])(?P<k>\d{1,2}|" + _WORDNUM_RE + r")\s+dari\s+"
                                 r"(?:total\s+|seluruh\s+|sebanyak\s+)?$",
                                 text[max(0, m.start() - 30):m.start()], re.IGNORECASE)
                if part is not None and _count(part.group("k")) is not None:
                    # "Sebanyak 3 dari 7 indikator tercapai ..., yaitu A, B dan C": the list
                    # names the part
                    n = _count(part.group("k")) or n
                if found is None or found == n:
                    continue
                said = part.group("k") if part is not None else m.group("n")
                yield self.issue(
                    b, m.start(), m.start("noun") + len(m.group("noun")),
                    f"tertulis {said} {noun}, padahal yang dirinci sesudahnya "
                    f"{found} butir",
                    expected=f"{found}",
                )
            yield from self._collective(b)
            yield from self._stated_then_enumerated(b)
            m2 = filtered_search(headed, text)
            if m2 is None:
                continue
            n = _count(m2.group("n"))
            if n is None or not 2 <= n <= 20 or \
                    " ".join(m2.group("noun").split()).lower() in known:
                continue  # the nouns of CN107 (sasaran, program, desa ...) are read there
            heads = [w for w in (m2.group("acr"), m2.group("noun").split()[0]) if w]
            items = 0
            after = ctx.document.blocks[b.index + 1: b.index + 1 + 30]
            for k, nb in enumerate(after):
                t = nb.text.lstrip(" \t*_#-•·")
                if nb.kind != "table" and len(nb.text) <= 400 and \
                        any(re.match(re.escape(h) + r"\b", t, re.IGNORECASE) for h in heads):
                    items += 1
                    continue
                # an item further down after an interruption: the list is not plainly delimited
                if any(re.match(re.escape(h) + r"\b", x.text.lstrip(" \t*_#-•·"), re.IGNORECASE)
                       for x in after[k + 1:k + 4] if x.kind != "table" for h in heads):
                    items = 0
                break
            if items >= 2 and items != n:
                yield self.issue(
                    b, m2.start(), m2.end("noun"),
                    f"tertulis {m2.group('n')} {' '.join(m2.group('noun').split())}, padahal "
                    f"yang dirinci sesudahnya {items} butir",
                    expected=f"{items}",
                )

    def _stated_then_enumerated(self, b: Block) -> Iterable[Issue]:
        """"Sasaran strategis dinas ada tiga, yaitu: (1) ...; (2) ...": a count stated after its
        noun, then an enumeration with explicit markers."""
        for m in filtered_finditer(_ADA_N_RE, b.text):
            n = _count(m.group("n"))
            found = _enumerated(b.text[m.end():])
            if n is None or found is None or found == n or not 2 <= n <= 20:
                continue
            yield self.issue(
                b, m.start("n"), m.end("n"),
                f"tertulis {m.group('n')} butir, padahal yang dirinci sesudahnya {found} butir",
                expected=f"{found}",
            )

    def _collective(self, b: Block) -> Iterable[Issue]:
        """"Ketiga langkah ... adalah: (a) ...; (b) ...; (c) ...; (d) ...": the collective
        count ("the three steps") against the enumerated items that follow."""
        for m in _COLLECTIVE_RE.finditer(b.text):
            if m.start() and not re.search(r"(?:^|[.;:]\s*)$", b.text[:m.start()]) and \
                    not re.search(r"\b(?:dari|atas|untuk|dengan|oleh)\s+$", b.text[:m.start()], re.I):
                continue  # "langkah ketiga" after its noun is an ordinal, not a count
            n = _COLLECTIVE[m.group("w").lower()]
            found = _enumerated(b.text[m.end():])
            if found is None or found == n:
                continue
            yield self.issue(
                b, m.start(), m.end("noun"),
                f"tertulis {m.group('w')} {m.group('noun')} ({n}), padahal yang dirinci sesudahnya "
                f"{found} butir",
                expected=f"{found}",
            )


@lru_cache(maxsize=1)
def _status_split_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """CN103's "Dari N indikator, a ... tercapai dan b ... tidak tercapai" (whole, part)."""
    split = re.compile(r"\bdari\s+(?:total\s+|seluruh\s+)?(?P<n>\d{1,3}|" + _WORDNUM_RE + r")\s+"
                       r"(?:\(\s*[a-z ]+\s*\)\s+)?(?P<noun>indikator|sasaran|program|kegiatan)\b"
                       r"(?:\s+(?!yang\b)[a-z]+){0,3}?\s*,\s*(?P<rest>[^.;:]{10,220})", re.IGNORECASE)
    part = re.compile(r"(?:^|[\s,])(?:sebanyak\s+)?(?P<k>\d{1,3}|" + _WORDNUM_RE + r")\s+"
                      r"(?:\(\s*[a-z ]+\s*\)\s+)?(?:(?:indikator|sasaran|program|kegiatan)\s+)?"
                      r"(?:(?:di\s*antaranya|lainnya|yang)\s+)?(?:(?P<neg>tidak|belum)\s+)?"
                      r"(?P<st>tercapai|mencapai|memenuhi|melampaui|berhasil)\b", re.IGNORECASE)
    return split, part
