"""Wording variants from ``phrasebank/*.yaml``, chosen deterministically.

Each situation (``capaian_melampaui``, ``tren_turun_baik`` ...) has several variants. The
variant is picked from a SHA-256 of the report seed and the situation, rotated by the number of
earlier uses of the situation, so neighbouring paragraphs use different sentences and repeated runs give the same
text (Python's ``hash()`` is salted per process and is never used).
"""

from __future__ import annotations

import hashlib
import string
from functools import cache
from typing import Any

from drafter.resources import list_files, load_yaml


@cache
def load_phrasebank() -> dict[str, tuple[str, ...]]:
    merged: dict[str, tuple[str, ...]] = {}
    for name in list_files("phrasebank"):
        data = load_yaml("phrasebank", name) or {}
        for situation, variants in data.items():
            if situation in merged:
                raise ValueError(f"phrasebank: situasi {situation!r} ganda ({name})")
            if isinstance(variants, str):
                variants = [variants]
            merged[situation] = tuple(" ".join(str(v).split()) for v in variants)
    return merged


def stable_int(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


class Phrasebank:
    def __init__(self, seed: str = "") -> None:
        self.seed = seed
        self.bank = load_phrasebank()
        self._uses: dict[str, int] = {}

    def variants(self, situation: str) -> tuple[str, ...]:
        try:
            return self.bank[situation]
        except KeyError:
            raise KeyError(f"phrasebank: situasi {situation!r} tidak ada") from None

    def choose(self, situation: str, key: str = "", index: int | None = None) -> str:
        vs = self.variants(situation)
        if index is None:
            i = stable_int(f"{self.seed}|{situation}|{key}") % len(vs)
        else:
            i = (stable_int(f"{self.seed}|{situation}") + index) % len(vs)
        return vs[i]

    def say(self, situation: str, *, key: str = "", index: int | None = None,
            **values: Any) -> str:
        """The next variant of ``situation``: successive uses rotate through the variants.

        ``key`` and ``index`` are accepted for callers that name the paragraph; the rotation
        itself follows the order of use, so that two consecutive uses of a situation never
        share a sentence (and paragraphs that follow each other repeat only after as many
        uses as the least common multiple of their variant counts).
        """
        n = self._uses.get(situation, 0)
        self._uses[situation] = n + 1
        template = self.choose(situation, index=n)
        return string.Formatter().vformat(template, (), values)
