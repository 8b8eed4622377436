"""The drafter's own sentences read in reverse: a phrasebank frame (``phrasebank/*.yaml``, see
:mod:`drafter.draft.phrase`) becomes a regular expression whose slots are capture groups.

The patterns are built from the phrasebank at run time, so that a change of wording there keeps
the extractor reading what the drafter writes. Only the slots named by the caller are captured;
every other slot matches any text of the same sentence. The list a slot holds is split back with
the drafter's own join rules (:func:`drafter.draft.eyd.join`): see :func:`split_joined`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache

# a slot value never holds a sentence end followed by another sentence (eyd.splittable)
_ANY = r"(?:(?![.!?]\s).)+?"
_SENT_START = r"(?:^|(?<=[.!?:;] ))"


@dataclass(frozen=True)
class FrameMatch:
    situation: str
    start: int
    end: int
    slots: dict[str, str]


def _frame_regex(frame: str, capture: tuple[str, ...], slot_res: dict[str, str]) -> str:
    out = []
    seen: set[str] = set()
    for lit, name, _spec, _conv in string.Formatter().parse(frame):
        for k, word in enumerate(re.split(r"(\s+)", lit)):
            if k % 2:
                out.append(r"\s+")
            elif word:
                out.append(re.escape(word))
        if name is None:
            continue
        pat = slot_res.get(name, _ANY)
        if name in capture and name not in seen:
            seen.add(name)
            out.append(f"(?P<{name}>{pat})")
        else:
            out.append(f"(?:{pat})")
    body = "".join(out)
    first = frame[:1]
    if first.isalpha():  # the drafter upper-cases the first letter of every sentence
        body = f"[{re.escape(first.upper())}{re.escape(first.lower())}]" + \
            body[len(re.escape(first)):]
    return body


@cache
def _frame_patterns(situation: str, capture: tuple[str, ...],
                    slot_items: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], ...]:
    from drafter.draft.phrase import frames

    slot_res = dict(slot_items)
    return tuple(re.compile(_SENT_START + _frame_regex(f, capture, slot_res))
                 for f in frames(situation))


def find_frames(text: str, situations: list[str] | tuple[str, ...], capture: tuple[str, ...] = (),
                slot_res: dict[str, str] | None = None) -> list[FrameMatch]:
    """The sentences of ``text`` that are frames of ``situations``, in order, not overlapping
    (at one place the longest match wins)."""
    items = tuple(sorted((slot_res or {}).items()))
    found: list[FrameMatch] = []
    for sit in situations:
        try:
            pats = _frame_patterns(sit, capture, items)
        except KeyError:
            continue  # a situation the phrasebank no longer has
        for pat in pats:
            for m in pat.finditer(text):
                slots = {k: v for k, v in m.groupdict().items() if v is not None}
                found.append(FrameMatch(sit, m.start(), m.end(), slots))
    found.sort(key=lambda f: (f.start, -f.end))
    out: list[FrameMatch] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


_PLAIN_LOWER = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


def unclause(text: str) -> str:
    """A clause of a drafter sentence back as the planner's item: the first letter upper case
    when the first word is an ordinary lower-case word (the reverse of eyd.clause), with a final
    stop."""
    t = " ".join(text.split()).strip(" ;")
    if not t:
        return t
    first = t.split(" ", 1)[0]
    if _PLAIN_LOWER.match(first):
        t = t[0].upper() + t[1:]
    return t if t[-1] in ".!?" else t + "."


def split_joined(text: str, conj: str = "dan") -> tuple[list[str], bool]:
    """(items, certain) of a list joined by eyd.join: ``a; b; dan c`` (items that hold a comma),
    ``a, b, dan c`` (three or more), else one item. Two items without a comma (``a dan b``)
    cannot be told apart from one item holding "dan": they stay one item and ``certain`` is
    False when the text holds the conjunction."""
    t = " ".join(text.split())
    lead = f"{conj} "
    if "; " in t:
        parts = t.split("; ")
        parts[-1] = parts[-1].removeprefix(lead)
        return [p for p in parts if p], True
    parts = t.split(", ")
    if len(parts) >= 3 and parts[-1].startswith(lead):
        parts[-1] = parts[-1][len(lead):]
        # an item of a list is a clause, not one word ("sinergi, koordinasi, dan evaluasi" is
        # one item)
        if all(len(p.split()) >= 2 for p in parts):
            return parts, True
    return [t], f" {conj} " not in t
