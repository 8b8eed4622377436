"""Sentences whose own figures contradict what they claim: a direction against the target, a
fraction against the indicator's realisasi."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from drafter.check.claims_parse import pattern
from drafter.check.registry import Issue, Rule, register
from drafter.numbers import fmt_num, round_half_up
from drafter.resources import load_yaml

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.text.mentions import Mention

_ABOVE = re.compile(r"di\s*atas|diatas|lebih\s+(?:tinggi|besar)", re.IGNORECASE)
_BELOW = re.compile(r"di\s*bawah|dibawah|lebih\s+(?:rendah|kecil)|kurang\s+dari", re.IGNORECASE)
_EXCEED = re.compile(r"melebihi|melampaui", re.IGNORECASE)
_KINDS = {"rupiah": "rupiah", "percent": "percent", "number": "plain", "count": "plain", "score": "plain"}
_PER = re.compile(r"(?:\bper|/)\s*$", re.IGNORECASE)
_POINTS = re.compile(r"\s*(?:persen\s+)?poin\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _negative_names() -> re.Pattern[str]:
    words = load_yaml("rules", "arithmetic.yaml").get("negative_polarity") or []
    alt = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alt or '(?!)'})\b", re.IGNORECASE)


@register
class OwnFigureDirection(Rule):
    """A sentence puts a figure above or below "target T" and its own figure says otherwise:
    "Jumlah kunjungan wisatawan tercatat 217.450 orang, jauh di atas target 250.000 orang",
    "Indeks SPBE berada pada nilai 2,49, melebihi target 2,80", "realisasi 96%, belum mencapai
    target 90%".

    The sentence is its own evidence: either the figure or the claim is wrong (often a figure
    with transposed digits, or a claim left from last year's text). The figure is the last one
    before the phrase in the same clause, of the same kind as the target (both rupiah, both
    percentages, or both plain figures/counts with the same noun); a change or a difference
    ("naik 2,3", "selisih 5 poin") is no such figure. "Di atas / lebih tinggi / di bawah / lebih
    rendah" are read literally; "melampaui / melebihi / mencapai / memenuhi" are not judged for a
    lower-is-better indicator (the sentence or paragraph names one, or speaks of a decrease),
    where they may mean a figure below the target. Conditions ("jika ... melebihi target") are
    left alone.
    """

    code = "CL119"
    name = "own-figure-direction"
    category = "claim-vs-table"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        shape = pattern("own_direction")
        not_value = pattern("own_direction_not_value")
        brk = pattern("own_direction_break")
        negative = pattern("own_direction_negative")
        for b in ctx.document.prose():
            text = b.text
            if "target" not in text.lower():
                continue
            layer = ctx.text.of(b)
            block_negative: bool | None = None
            for s, e in layer.sentences:
                for m in shape.finditer(text, s, e):
                    mentions = layer.mentions_in(s, e)
                    t = next((mn for mn in mentions if mn.start == m.start("t")), None)
                    x = self._figure_before(mentions, m.start())
                    if t is None or x is None or t.value is None or x.value is None:
                        continue
                    if _KINDS.get(x.kind) is None or _KINDS.get(x.kind) != _KINDS.get(t.kind):
                        continue
                    if x.noun and t.noun and x.noun != t.noun:
                        continue
                    if _PER.search(text, max(0, x.start - 6), x.start):
                        continue  # "120 per 100.000 KH": the figure is a rate's base
                    if _POINTS.match(text, x.end):
                        continue  # "2 poin di atas target": a difference
                    gap = text[x.end:m.start()]
                    if len(gap) > 60 or any(ch.isdigit() for ch in gap) or brk.search(gap):
                        continue
                    if not_value.search(text[max(s, x.start - 40):x.start]):
                        continue
                    d, neg = m.group("dir"), bool(m.group("neg"))
                    literal = _ABOVE.match(d) or _BELOW.match(d)
                    if not literal:
                        if block_negative is None:
                            block_negative = bool(negative.search(text) or _negative_names().search(text))
                        if block_negative:
                            continue
                    above = bool(_ABOVE.match(d) or _EXCEED.match(d))
                    below = bool(_BELOW.match(d))
                    xv, tv = x.value, t.value
                    if above:
                        wrong = xv > tv if neg else xv < tv
                    elif below:
                        wrong = xv < tv if neg else xv > tv
                    else:  # mencapai / memenuhi
                        wrong = xv > tv if neg else xv < tv
                    if not wrong:
                        continue
                    said = " ".join(text[m.start():m.end("dir")].split())
                    rel = "lebih kecil dari" if xv < tv else "lebih besar dari"
                    yield self.issue(
                        b, x.start, m.end("t"),
                        f"tertulis {x.text.strip()} \"{said} target\" {t.text.strip()}, padahal "
                        f"{x.text.strip()} {rel} {t.text.strip()}; periksa angka realisasi atau "
                        f"pernyataan terhadap target",
                        expected=f"angka dan pernyataan yang sejalan ({x.text.strip()} {rel} target)",
                    )

    @staticmethod
    def _figure_before(mentions: list[Mention], pos: int) -> Mention | None:
        """The last number mention (no year, date or code) that ends before ``pos``."""
        best = None
        for mn in mentions:
            if mn.end > pos:
                break
            if mn.kind in ("year", "date", "code", "ordinal", "range", "year_range"):
                continue
            best = mn
        return best


@register
class FractionShare(Rule):
    """In the analysis of a percentage indicator, a share written as a fraction ("baru 4 dari 6
    desa yang dinilai tertib", "Dari 19 kabupaten/kota, sebanyak 12 telah memiliki RDTR") that
    disagrees with the indicator's realisasi in the measurement table, when that realisasi is
    itself such a fraction of the same whole (83,33% = 5 of 6; 57,89% = 11 of 19).

    The table and the text count the same units; one of them is wrong. Read only when the
    realisasi, rounded as printed, equals m/N x 100 for a whole m other than the k written, the
    whole N is at most 500, and the sentence names no other year than the report year.
    """

    code = "CL120"
    name = "fraction-share"
    category = "claim-vs-table"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.claims_parse import count_value, value_of
        from drafter.check.rules.claims import _percent_like, claim_paragraphs

        shapes = (pattern("fraction_of"), pattern("fraction_from"))
        year = ctx.info.year
        for b, row in claim_paragraphs(ctx):
            text = b.text
            if "dari" not in text.lower():
                continue
            real = value_of(row.values.get("realisasi"))
            if real is None or real.num is None or not _percent_like(row, real):
                continue
            r = real.num.value
            dec = real.num.decimals
            layer = ctx.text.of(b)
            for s, e in layer.sentences:
                sent = text[s:e]
                years = {int(y) for y in re.findall(r"(?<![\d.,])(20\d\d)(?![\d.,])", sent)}
                if years and years != {year}:
                    continue
                said: set[tuple[int, int]] = set()
                for shape in shapes:
                    for m in shape.finditer(text, s, e):
                        try:
                            k, n = count_value(m.group("k")), count_value(m.group("n"))
                        except (KeyError, ValueError):
                            continue
                        if not 0 < n <= 500 or not 0 <= k <= n:
                            continue
                        whole = _whole_share(r, n, dec)
                        if whole is None or whole == k or (k, n) in said:
                            continue
                        if k == n - whole and _COMPLEMENT.search(text, m.start(), e):
                            continue  # "Empat dari 40 SKPD masih terlambat": the part not yet done
                        if not _about_measure(row.name, m.group("noun"), text[m.start():e]):
                            continue  # "Dari 8 kelurahan, tiga memerlukan pendampingan": another subset
                        said.add((k, n))
                        got = round_half_up(Decimal(k) * 100 / n, dec)
                        yield self.issue(
                            b, m.start(), m.end(),
                            f"tertulis {k} dari {n} ({fmt_num(got, dec)}%), padahal realisasi "
                            f"indikator '{row.name.strip()}' di tabel {fmt_num(r, dec)}% = {whole} dari {n}",
                            expected=f"{whole} dari {n}",
                        )


_COMPLEMENT = re.compile(r"\b(?:belum|tidak|masih|terlambat|gagal|sisanya|sisa|lainnya|kecuali|tertunda|"
                         r"tertinggal|menunggak|bermasalah)\b", re.IGNORECASE)


def _whole_share(r: Decimal, n: int, dec: int) -> int | None:
    """The whole m with m/n x 100 = r when rounded to ``dec`` decimals (at least one), else None."""
    if dec < 1:
        return None
    m = int(round_half_up(r * n / 100, 0))
    if 0 <= m <= n and round_half_up(Decimal(m) * 100 / n, dec) == r:
        return m
    return None


_GENERIC = frozenset({"persentase", "prosentase", "jumlah", "tingkat", "rasio", "cakupan", "angka",
                      "yang", "dengan", "dan", "atau", "dalam", "pada", "untuk", "terhadap", "oleh",
                      "tahun", "indikator", "kinerja"})


def _about_measure(name: str, noun: str, clause: str) -> bool:
    """The clause says what the indicator measures of its units: a word of the name other than
    the counted noun and generic words occurs in it ("telah terakreditasi paripurna" for
    "Persentase puskesmas terakreditasi paripurna"; "memutakhirkan profilnya")."""
    have = re.findall(r"[a-z]{4,}", clause.lower())
    nouns = set(noun.lower().split("/"))
    for w in re.findall(r"[a-z]{4,}", name.lower()):
        if w in _GENERIC or w in nouns:
            continue
        if any(w in h or (len(h) >= 5 and h in w) for h in have):
            return True
    return False


_CLAUSE_BREAK = re.compile(r"\b(?:dan|serta|sedangkan|namun|tetapi|sementara)\b|[;,]", re.IGNORECASE)
_WHOLE_BUDGET = re.compile(r"\b(?:keseluruhan|total|rata-?rata|secara\s+umum|kumulatif)\b", re.IGNORECASE)


@register
class AllUnitsAbsorbed(Rule):
    """A sentence says every program, kegiatan or sub kegiatan absorbed more than a level of its
    budget ("Seluruh kegiatan memiliki tingkat serapan di atas 95%") while the budget table has one
    of that level below it (Kegiatan Penegakan Perda dan Perkada: 91,17%).

    The claim sums up the table the reader can see; one row against it makes the summary wrong.
    The serapan is the row's own serapan column, else realisasi / pagu x 100. Only rows of the
    level named are read ("seluruh kegiatan": the kegiatan rows).
    """

    code = "CL121"
    name = "all-units-absorbed"
    category = "claim-vs-table"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        units_re, floor_re = pattern("all_units"), pattern("serapan_floor")
        rows = [r for role in ("3.8", "3.6") for r in ctx.tables.budget(role)]
        if not rows:
            return
        for b in ctx.document.prose():
            text = b.text
            low = text.lower()
            if "erap" not in low and "realisasi" not in low:  # (serapan, penyerapan, terserap)
                continue
            layer = ctx.text.of(b)
            for s, e in layer.sentences:
                um = units_re.search(text, s, e)
                fm = floor_re.search(text, s, e) if um else None
                if um is None or fm is None:
                    continue
                if um.start() > fm.start():
                    if um.end() > fm.end():
                        continue  # the set named after the figure: another clause
                elif len(text[um.end():fm.start()]) > 60 or _CLAUSE_BREAK.search(text, um.end(), fm.start()):
                    continue  # "Seluruh program terlaksana dan serapan keseluruhan ...": two claims
                if _WHOLE_BUDGET.search(fm.group(0)):
                    continue  # the total serapan, not each unit's
                level = "_".join(um.group("level").lower().split()).replace("subkegiatan", "sub_kegiatan")
                floor = Decimal(fm.group("num").replace(",", "."))
                strict = bool(re.match(r"(?i)di\s*atas|diatas|lebih\s+dari|>(?!=)", fm.group("op")))
                low_rows = []
                for r in rows:
                    if r.level != level:
                        continue
                    v = _serapan(r)
                    if v is not None and (v < floor or (strict and v == floor)):
                        low_rows.append((r, v))
                if not low_rows:
                    continue
                r, v = low_rows[0]
                shown = f"{v:.2f}".replace(".", ",")
                more = f" (dan {len(low_rows) - 1} lainnya)" if len(low_rows) > 1 else ""
                yield self.issue(
                    b, um.start(), fm.end(),
                    f"tertulis {um.group(0).strip()} serapannya {fm.group('op')} {fm.group('num')}%, "
                    f"padahal di tabel anggaran '{r.name.strip()}' hanya {shown}%{more}",
                    expected=f"serapan terendah {shown}%",
                )


def _serapan(r: object) -> Decimal | None:
    vals = getattr(r, "values", {})
    s = vals.get("serapan")
    if s is not None and s.num is not None:
        return Decimal(s.num.value)
    p, q = vals.get("pagu"), vals.get("realisasi")
    if p is None or q is None or p.num is None or q.num is None or not p.num.value:
        return None
    return round_half_up(Decimal(q.num.value) * 100 / Decimal(p.num.value), 2)
