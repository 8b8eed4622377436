"""Helpers that rules call to offer a fix (kept here so that rule modules change by one line).

Every helper returns ``None`` when the correction is not certain; a rule then reports the issue
without a fix.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.check.registry import Issue
    from drafter.document.model import TextUnit

# the number words inside "(...)" or after "terbilang", without what stands around them
_WORDS_TAIL_RE = re.compile(r"(?:[\s,]+(?:rupiah|persen))+[\s*_.,\-]*$|[\s*_.,\-]+$", re.IGNORECASE)
_WORDS_OK_RE = re.compile(r"[A-Za-z]+(?:[ \-][A-Za-z]+)*")

# spelling rules whose single suggestion is a replacement of the flagged word(s)
SPELLING_FIXABLE = frozenset({"SP101", "SP102", "SP103", "SP104"})


def terbilang_fix(unit: TextUnit, start: int, end: int, right: str) -> tuple[int, int, str] | None:
    """Replace the number words of the mention ``unit.text[start:end]`` by ``right`` (the
    words of its digits). "rupiah"/"persen" after the words and the brackets stay as written."""
    from drafter.check.rules.terbilang import _MENTION_RE

    m = _MENTION_RE.match(unit.text, start)
    if m is None or m.end() != end:
        return None
    group = "words" if m.group("words") else "words2"
    ws, we = m.span(group)
    if ws < 0:
        return None
    raw = unit.text[ws:we]
    tail = _WORDS_TAIL_RE.search(raw)
    core_end = ws + (tail.start() if tail else len(raw))
    core = unit.text[ws:core_end]
    if not core or not _WORDS_OK_RE.fullmatch(core):
        return None
    new = _case_like(re.sub(r"\s+rupiah$", "", right.strip(), flags=re.IGNORECASE), core)
    if not _WORDS_OK_RE.fullmatch(new):
        return None
    return ws, core_end, new


def _case_like(words: str, like: str) -> str:
    """``words`` in the letter case of ``like``: lower, UPPER or Title Case."""
    if like.islower():
        return words.lower()
    if like.isupper():
        return words.upper()
    if all(w[:1].isupper() for w in like.split()):
        return " ".join(w.capitalize() for w in words.split())
    return words


def spelling_fix(code: str, message: str, expected: str | None) -> str | None:
    """The replacement of a spelling finding with exactly one suggestion."""
    if code not in SPELLING_FIXABLE or not expected or "(atau " in message:
        return None
    if not re.fullmatch(r"[^\W\d_]+(?:[ \-][^\W\d_]+)*", expected):
        return None
    return expected


def _num_text(value: Decimal, decimals: int) -> str:
    from drafter.numbers import fmt_num, round_half_up

    return fmt_num(round_half_up(value, decimals), decimals)


def _agree(cells: list[Any]) -> bool:
    """All the given value cells hold the same number (cells without a number are ignored)."""
    vals = {vc.num.value for vc in cells if vc is not None and getattr(vc, "num", None) is not None}
    return len(vals) <= 1


def with_capaian_fix(ctx: CheckContext, row: Any, issue: Issue, capped: bool,
                     computed: Decimal | None = None) -> Issue:
    """``issue`` (AR101 on a row of Tabel 3.1) with the recomputed capaian as its fix, written
    with the precision of the stated value, when the row's target and realisasi agree with
    every other table of the report that states them (Perjanjian Kinerja, Tabel 3.2-3.4) and
    the report does not count a capaian above 100% as 100% (then two answers are possible)."""
    from dataclasses import replace

    from drafter.check.registry import Fix
    from drafter.check.rules.arithmetic import capaian_options, is_negative
    from drafter.check.rules.cross_table import assign

    c, t, r = (row.values.get(k) for k in ("capaian", "target", "realisasi"))
    if c is None or c.num is None or c.num.malformed or t is None or r is None:
        return issue
    opts = capaian_options(t, r)
    if opts is None or t.grade or r.grade:
        return issue
    if computed is None:
        computed = opts[1] if is_negative(row.name) else opts[0]
    if capped and computed > 100:
        return issue
    year = ctx.info.year
    targets, reals = [t], [r]
    for role in ("PK", "3.2", "3.3", "3.4"):
        for other, main in assign(ctx, role):
            if main is not row:
                continue
            if role == "PK":
                targets.append(other.values.get("target"))
            elif role == "3.2":
                if year:
                    targets.append(other.values.get(f"target:{year}"))
                    reals.append(other.values.get(f"realisasi:{year}"))
            else:
                reals.append(other.values.get("realisasi"))
    if not (_agree(targets) and _agree(reals)):
        return issue
    s, e = c.span()
    stated = c.cell.text[s:e]
    m = re.search(r"\d+(?:[.,]\d+)*", stated)
    if m is None:
        return issue
    new = stated[:m.start()] + _num_text(computed, c.num.decimals) + stated[m.end():]
    if new == stated:
        return issue
    return replace(issue, fix=Fix(c.cell.locate(s, e), stated, new))
