"""Arithmetic the text states with its own figures, without a written formula."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from drafter.check.claims_parse import pattern
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules.arithmetic import HUNDRED, capaian_fits_any
from drafter.numbers import fmt_num, round_half_up

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.text.mentions import Mention



@register
class ProseCapaian(Rule):
    """A sentence that gives a realisasi, its target and the capaian computed from them
    ("Realisasi PAD sebesar Rp 1.597.839.000.000 dari target Rp 1.545.000.000.000, sehingga
    capaian mencapai 104,32%", "terealisasi 45 dokumen dari target 50 dokumen dengan capaian
    95%"): no usual formula gives that capaian from the two figures.

    The sentence is its own evidence, whatever the tables say. The capaian is accepted when
    realisasi/target, target/realisasi or (2 x target - realisasi)/target (x 100) gives it after
    rounding to its decimals, or when it is a round cap (100, 105, 110, 120 ...) below the result
    of one of them. The realisasi and the target must be of one kind (both amounts in rupiah,
    both percentages, or both plain figures).
    """

    code = "AR117"
    name = "prose-capaian"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        shape = pattern("prose_capaian")
        for b in ctx.document.prose():
            text = b.text
            if "target" not in text.lower() or "capaian" not in text.lower():
                continue
            layer = ctx.text.of(b)
            for s, e in layer.sentences:
                m = shape.search(text, s, e)
                if m is None:
                    continue
                got = {k: self._at(layer.mentions_in(s, e), m.start(k)) for k in ("real", "target", "cap")}
                r, t, c = got["real"], got["target"], got["cap"]
                if r is None or t is None or c is None or c.kind != "percent":
                    continue
                if r.kind != t.kind or r.kind not in ("rupiah", "percent", "number", "count", "score"):
                    continue
                if r.num is None or t.num is None or c.num is None or t.num.value <= 0 or r.num.value < 0:
                    continue
                tv, rv = t.num.value, r.num.value
                if capaian_fits_any(c.num, tv, rv):
                    continue
                want = fmt_num(round_half_up(rv / tv * HUNDRED, c.num.decimals), c.num.decimals)
                yield self.issue(
                    b, c.start, c.end,
                    f"capaian tertulis {c.text.strip()}, padahal dari angka kalimat ini realisasi/target = "
                    f"{r.text.strip()}/{t.text.strip()} x 100 = {want}% (rumus negatif pun tidak "
                    f"menghasilkan {c.text.strip()})",
                    expected=f"{want}%",
                )

    @staticmethod
    def _at(mentions: Iterable[Mention], pos: int) -> Mention | None:
        return next((mn for mn in mentions if mn.start <= pos < mn.end or mn.start == pos), None)

