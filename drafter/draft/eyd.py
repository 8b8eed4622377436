"""EYD V forms of what the drafter writes: Rupiah amounts, ranges, lists and amounts in words.

* ``Rp358.800.000`` (no space after Rp), amounts in words in lower case;
* ranges of years with an en dash: ``2021–2026``;
* lists with a serial comma: ``A, B, dan C`` (items that hold commas are separated by ``;``);
* a clause taken from the user's own sentence starts lower case only when its first word is an
  ordinary capitalised word (``Kurangnya ...`` -> ``kurangnya ...``; ``KTP ...`` stays).
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.numbers import fmt_num, terbilang

EN_DASH = "\u2013"


def rp(x: Decimal | int) -> str:
    """``Rp3.973.567.698`` (cents only when present)."""
    return "Rp" + fmt_num(x, 2)


def terbilang_rp(x: Decimal | int) -> str:
    """``tiga miliar ... rupiah`` (lower case, as EYD V writes an amount in words)."""
    return terbilang(x) + " rupiah"


def year_range(a: int, b: int) -> str:
    return f"{a}{EN_DASH}{b}"


def join(items: list[str], conj: str = "dan") -> str:
    """``A``, ``A dan B``, ``A, B, dan C``; with ``;`` between items that hold a comma (not a
    decimal comma)."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        if any(", " in i for i in items):
            return f"{items[0]}; {conj} {items[1]}"
        return f"{items[0]} {conj} {items[1]}"
    sep = "; " if any(", " in i for i in items) else ", "
    return sep.join(items[:-1]) + sep.rstrip() + f" {conj} " + items[-1]


_PLAIN_WORD = re.compile(r"^[A-Z][a-z]+(?:-[a-z]+)*$")


def clause(text: str, names: tuple[str, ...] = ()) -> str:
    """A user's sentence as a clause inside a drafter sentence: no final stop, the first letter
    lower case when the first word is an ordinary word (not an acronym, a name in ``names`` or
    a word with digits)."""
    t = " ".join(text.split()).rstrip(" .;:")
    if not t:
        return t
    first = t.split(" ", 1)[0]
    if _PLAIN_WORD.match(first) and not any(n and t.startswith(n) for n in names):
        t = t[0].lower() + t[1:]
    return t


def sentence(text: str) -> str:
    """A user's text as a full sentence: a capital first letter and a final stop."""
    t = " ".join(text.split())
    if not t:
        return t
    t = t[0].upper() + t[1:]
    return t if t[-1] in ".!?" else t + "."


def splittable(items: list[str]) -> bool:
    """True when the items can be joined in one sentence (each a single clause)."""
    return all(not re.search(r"[.;:]\s+\S", " ".join(i.split()).rstrip(" .")) for i in items)
