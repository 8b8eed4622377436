"""Claims about a sasaran's capaian as a whole, against the sasaran lines of the tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drafter.check.claims_parse import containment, dec, pattern, same_value, text_value, value_of
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import sentence_bounds, units

if TYPE_CHECKING:
    from drafter.check.claims_parse import Value
    from drafter.check.context import CheckContext
    from drafter.check.tables import IndicatorRow

@dataclass
class _Sasaran:
    name: str
    number: int | None
    capaian: list[Value] = field(default_factory=list)  # as printed in any table
    rows: list[IndicatorRow] = field(default_factory=list)  # the lines giving them


def _sasaran_figures(ctx: CheckContext) -> list[_Sasaran]:
    """The sasaran lines with a capaian: 3.5 sasaran lines (their indicators' capaian after
    them) and the per-sasaran lines of the efficiency table (3.7)."""
    out: list[_Sasaran] = []

    def add(name: str, number: int | None, row: IndicatorRow) -> None:
        v = value_of(row.values.get("capaian"))
        if v is None:
            return
        key = " ".join(name.lower().split())
        for s in out:
            if " ".join(s.name.lower().split()) == key or (number is not None and s.number == number
                                                          and containment(s.name, name) >= 0.8):
                s.capaian.append(v)
                s.rows.append(row)
                if s.number is None:
                    s.number = number
                return
        out.append(_Sasaran(name, number, [v], [row]))

    tables = ctx.tables
    for role, rows in tables.indicator_rows.items():
        for row in rows:
            if row.copy or row.is_average:
                continue
            if row.kind == "sasaran" and row.sasaran:
                m = pattern("sasaran_line_number").match(row.name)
                add(row.sasaran, int(m.group("no")) if m else row.number, row)
            elif role == "3.7" and row.kind == "indicator" and row.sasaran is None and row.name:
                add(row.name, row.number, row)
    return out


def _indicator_capaian(ctx: CheckContext, sas: _Sasaran) -> list[Value]:
    """The capaian of the indicators printed under the sasaran's 3.5 line (an uncapped
    indicator figure is sometimes given as the sasaran's)."""
    out: list[Value] = []
    for row in sas.rows:
        if row.kind != "sasaran":
            continue
        rows = ctx.tables.rows(row.role, all_rows=True)
        try:
            k = rows.index(row)
        except ValueError:
            continue
        for nxt in rows[k + 1:]:
            if nxt.kind == "sasaran":
                break
            v = value_of(nxt.values.get("capaian"))
            if v is not None and nxt.kind == "indicator":
                out.append(v)
    return out


def _heading_sasaran(ctx: CheckContext, index: int, sasaran: list[_Sasaran]) -> _Sasaran | None:
    """The sasaran of the nearest heading-like paragraph above block ``index``
    ("Sasaran Strategis 2: Meningkatnya ...")."""
    blocks = ctx.document.blocks
    for j in range(index - 1, max(-1, index - 8), -1):
        b = blocks[j]
        if b.kind == "table":
            return None
        text = b.text.strip().strip("*").strip()
        if len(text) > 220:
            continue
        m = pattern("sasaran_line_number").match(text)
        if m:
            return _pick(sasaran, int(m.group("no")), text)
    return None


def _pick(sasaran: list[_Sasaran], number: int | None, text: str) -> _Sasaran | None:
    """The sasaran named by ``number`` (when the tables number it) or by its name in ``text``."""
    named = [s for s in sasaran if len(s.name) >= 12 and containment(s.name, text) >= 0.8]
    if len(named) == 1:
        return named[0]
    if number is not None:
        numbered = [s for s in sasaran if s.number == number]
        if len(numbered) == 1 and (not named or numbered[0] in named):
            return numbered[0]
    return None


@register
class SasaranCapaianClaim(Rule):
    """The capaian of a whole sasaran stated in the text ("Sasaran Strategis 2 mencatat capaian
    100%", "capaian sasaran ini sebesar 95%") differs from every capaian the tables give for that
    sasaran (its line in the summary table of capaian and predicates, its line in the efficiency
    table) and from the capaian of each of its indicators.

    The sasaran is recognised by its number (when the tables number their sasaran lines), by its
    name, or, for "sasaran ini", by the "Sasaran Strategis N: ..." heading above. Only the first
    capaian figure after the sasaran in the sentence is read, and only before an indicator is
    named (a later figure is usually an indicator's).
    """

    code = "CL118"
    name = "sasaran-capaian-claim"
    category = "claim-vs-table"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        sasaran = _sasaran_figures(ctx)
        if not sasaran:
            return
        for unit, block in units(ctx.document):
            if block.kind == "table":
                continue
            text = unit.text
            if "apaian" not in text:
                continue
            for m in pattern("sasaran_capaian").finditer(text):
                s0, _ = sentence_bounds(text, m.start(), m.end())
                head = text[s0:m.start("num")]
                if re.search(r"\bindikator\b", head, re.IGNORECASE):
                    continue  # the figure follows an indicator named in the sentence
                refs = list(pattern("sasaran_number").finditer(head))
                sas: _Sasaran | None = None
                if refs:
                    if len({r.group("no") for r in refs}) > 1:
                        continue
                    sas = _pick(sasaran, int(refs[-1].group("no")), head)
                elif pattern("sasaran_this").search(head):
                    sas = _heading_sasaran(ctx, block.index, sasaran)
                else:
                    named = [s for s in sasaran if len(s.name) >= 12 and containment(s.name, head) >= 0.8]
                    sas = named[0] if len(named) == 1 and re.search(r"\bsasaran\b", head, re.IGNORECASE) else None
                if sas is None:
                    continue
                stated = text_value(m.group("num"))
                if stated is None:
                    continue
                if any(same_value(stated, v) is not False for v in sas.capaian):
                    continue
                if any(dec(stated) == dec(v) for v in _indicator_capaian(ctx, sas)):
                    continue  # an indicator's own (uncapped) capaian, exactly
                expected = sas.capaian[0]
                where = ctx.tables.name(sas.rows[0].role)
                yield self.issue(
                    unit, m.start("num"), m.end("num"),
                    f"capaian sasaran tertulis {m.group('num').strip()}, sedangkan {where} mencatat "
                    f"capaian {expected.text} untuk sasaran '{sas.name[:70]}'",
                    expected=expected.text,
                )
