"""A sentence whose own figure contradicts the direction it states against the target."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from drafter.check.claims_parse import pattern
from drafter.check.registry import Issue, Rule, register
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
