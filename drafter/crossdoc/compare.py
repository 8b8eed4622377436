"""What the cross-document rules compare: indicator lists paired by name, wording of names and
formulas, values of cells, years, decree numbers and signatories of two documents.

Everything is read through the ordinary table index (:mod:`drafter.check.tables`), the report
analysis and the signature reader of the people rules, so a sibling in any layout or format is
understood exactly as the report itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from drafter.check.fuzzy import similarity, strip_markup, tokens
from drafter.crossdoc.siblings import crossdoc_data

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.check.tables import IndicatorRow, ValueCell
    from drafter.document.model import Block, TextUnit


def _threshold() -> float:
    return float(crossdoc_data()["match_threshold"])


def dedupe(rows: Iterable[IndicatorRow]) -> list[IndicatorRow]:
    """Rows with distinct names (a table printed twice keeps its first print)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for r in rows:
        key = tokens(r.name)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def indicator_rows(ctx: CheckContext, roles: Sequence[str]) -> list[IndicatorRow]:
    """The indicator rows of the first of ``roles`` the document has (copies left out)."""
    for role in roles:
        rows = dedupe(ctx.tables.rows(role, indicators_only=True))
        if rows:
            return rows
    return []


def pair(left: Sequence[IndicatorRow], right: Sequence[IndicatorRow],
         threshold: float | None = None) -> tuple[list[tuple[IndicatorRow, IndicatorRow]],
                                                  list[IndicatorRow], list[IndicatorRow]]:
    """Pair rows of two documents by indicator name, best pairs first (one to one).

    Returns the pairs (left, right), the unpaired left rows and the unpaired right rows, each
    in document order."""
    limit = _threshold() if threshold is None else threshold
    scored = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            s = similarity(a.name, b.name)
            if s >= limit:
                scored.append((-s, i, j))
    scored.sort()
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _s, i, j in scored:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((i, j))
    pairs.sort()
    return ([(left[i], right[j]) for i, j in pairs],
            [a for i, a in enumerate(left) if i not in used_l],
            [b for j, b in enumerate(right) if j not in used_r])


def _words(text: str) -> list[str]:
    return [t for t in tokens(text) if len(t) > 1]


def same_wording(a: str, b: str) -> bool:
    """The same words in both (stop words, case, punctuation, acronyms and spelling variants
    aside): every word pairs with one of the other at the ``same_word`` similarity."""
    from rapidfuzz.distance import LCSseq

    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb):
        return False
    limit = float(crossdoc_data()["same_word"])
    rest = list(wb)
    for w in wa:
        best, best_k = 0.0, -1
        for k, v in enumerate(rest):
            s = 1.0 if w == v else 2.0 * LCSseq.similarity(w, v) / (len(w) + len(v))
            if s > best:
                best, best_k = s, k
        if best < limit:
            return False
        rest.pop(best_k)
    return True


def word_diff(a: str, b: str) -> tuple[list[str], list[str]]:
    """Words only in ``a`` and words only in ``b`` (for the message)."""
    ca, cb = Counter(_words(a)), Counter(_words(b))
    return sorted((ca - cb).elements()), sorted((cb - ca).elements())


def name_cell(row: IndicatorRow) -> TextUnit:
    return row.name_cell if row.name_cell is not None else row.row.cells[0]


def text_column(ctx: CheckContext, row: IndicatorRow, key: str) -> TextUnit | None:
    """The cell of a text column (``formula``) in the row of ``row``."""
    from drafter.check.tables import logical_cells

    info = ctx.tables.info.get(row.table.index)
    if info is None or key not in info.columns:
        return None
    ncols = max(len(r.cells) for r in row.table.rows)
    cell = logical_cells(row.row, ncols).get(info.columns[key])
    if cell is None or not cell.text.strip():
        return None
    return cell


def value_of(vc: ValueCell | None) -> Decimal | str | None:
    if vc is None:
        return None
    v = vc.value
    if isinstance(v, str):
        return v.upper()
    return v


def same_value(a: Decimal | str | None, b: Decimal | str | None) -> bool:
    if a is None or b is None:
        return True  # nothing to compare ("-", empty)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return str(a) == str(b)


def shown(vc: ValueCell) -> str:
    return vc.text or str(vc.value)


# ------------------------------------------------------------------ formulas
def _clean_formula(text: str) -> str:
    t = re.sub(r"\\(?:text|mathrm|mbox)\s*", " ", text)
    t = re.sub(r"\\[a-zA-Z]+", " ", t)
    return strip_markup(t.replace("{", " ").replace("}", " "))


def formula_parts(text: str) -> tuple[str, str] | None:
    """(numerator, denominator) of the fraction of a formula cell, or None."""
    data = crossdoc_data()
    m = re.search(data["formula_frac"], text)
    if m:
        return _clean_formula(m.group(1)), _clean_formula(m.group(2))
    m = re.search(data["formula_divided"], text, re.IGNORECASE)
    if m:
        return _clean_formula(m.group(1)), _clean_formula(m.group(2))
    return None


# ------------------------------------------------------------------ identity
def decree_number(text: str) -> str | None:
    m = re.search(crossdoc_data()["decree_number"], text, re.IGNORECASE)
    return m.group(1).strip() if m else None


def norm_number(num: str) -> str:
    return re.sub(r"\s+", "", num).upper()


def iku_citation(ctx: CheckContext) -> tuple[TextUnit, int, int, str] | None:
    """The sentence of the report citing its IKU decree by number: (unit, start, end, number)."""
    cite = re.compile(crossdoc_data()["iku_citation"], re.IGNORECASE)
    num_re = re.compile(crossdoc_data()["decree_number"], re.IGNORECASE)
    for b in ctx.document.blocks:
        if b.is_table or not cite.search(b.text) or "keputusan" not in b.text.lower():
            continue
        m = num_re.search(b.text)
        if m:
            return b, m.start(1), m.end(1), m.group(1).strip()
    return None


def anchor(ctx: CheckContext, roles: Sequence[str] = ("3.1",)) -> Block:
    """Where an issue about a whole table goes: the first row of the first of ``roles``, or
    the first block of the document."""
    for role in roles:
        blocks = ctx.tables.by_role.get(role)
        if blocks:
            return blocks[0]
    return next(b for b in ctx.document.blocks if b.text.strip() or b.is_table)


def anchor_unit(ctx: CheckContext, roles: Sequence[str] = ("3.1",)) -> TextUnit:
    b = anchor(ctx, roles)
    if b.is_table:
        for c in b.cells():
            if c.text.strip():
                return c
    return b


# ------------------------------------------------------------------ signatories
def head_signature(ctx: CheckContext) -> Any | None:
    """The signature of the head of the office: the person who signs most often (the
    pengantar, the PK), the first signature on a tie; None when the document has none."""
    from drafter.check.rules.people import _groups, _signatures

    sigs = _signatures(ctx)
    if not sigs:
        return None
    groups = _groups(sigs)
    best = max(groups, key=lambda g: (len(g), -g[0].line))
    with_nip = [s for s in best if s.nip]
    return with_nip[0] if with_nip else best[0]


def same_signatory(a: Any, b: Any) -> bool:
    from drafter.check.rules.people import _digits, _one_person

    na, nb = _digits(a.nip or ""), _digits(b.nip or "")
    if na and nb and len(na) == 18 and len(nb) == 18:
        return na == nb
    return bool(_one_person(a, b))


def nip_text(sig: Any) -> str:
    from drafter.check.rules.people import _digits

    return f" (NIP {_digits(sig.nip)})" if sig.nip else ""
