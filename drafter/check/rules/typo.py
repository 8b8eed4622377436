"""Basic typos: duplicated words and words glued together. Dictionary spelling is the SP
rules' job (spelling.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import units
from drafter.resources import load_yaml
from drafter.text.prefilter import filtered_finditer


def _data() -> dict[str, Any]:
    return load_yaml("rules", "typo_basic.yaml") or {}


@lru_cache(maxsize=1)
def _redup() -> frozenset[str]:
    return frozenset(w.lower() for w in _data().get("reduplication") or [])


@lru_cache(maxsize=1)
def _heading_words() -> frozenset[str]:
    return frozenset(w.upper() for w in _data().get("heading_words") or [])


# the word is taken whole (possessive): a shorter part of it is followed by a letter, never by
# the space the pattern needs next, so no match is lost and no backtracking is tried
_DUP_RE = re.compile(r"(?<![\w-])([A-Za-z]{2,}+)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w-])", re.IGNORECASE)


@register
class DuplicatedWord(Rule):
    """A word written twice in a row: "Perekaman Perekaman", "dalam rangka rangka".

    A doubled word is a typing slip that reviewers notice at once. Numbers, words joined
    by a hyphen ("masing-masing") and intentional reduplication written without a hyphen
    ("rata rata", a spelling matter: rules/typo_basic.yaml) are not reported; each table
    cell is checked on its own, so equal neighbouring cells are not a duplicate.
    """

    code = "TY101"
    name = "duplicated-word"
    category = "typo"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        redup = _redup()
        for unit, block in units(ctx.document):
            for m in _DUP_RE.finditer(unit.text):
                w = m.group(1)
                if w.lower() in redup:
                    continue
                (l1, c1), (l2, c2) = unit.position(m.end(1)), unit.position(m.start(3))
                if re.search(r" {2,}|\t", m.group(2)) or (l1 == l2 and c2 - c1 >= 2):
                    continue  # two columns of a space-aligned header ("Sangat Memuaskan  Memuaskan")
                # a table cell continued on the next source line often repeats the last word
                # of the previous line (PDF conversion), which is not the author's slip
                if block.kind == "table" and (unit.position(m.start(1))[0]
                                              != unit.position(m.start(3))[0]):
                    continue
                # "BB BB" or "A A": grade codes or abbreviations repeated in a row of values
                if w.isupper() and len(w) <= 3:
                    continue
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"kata \"{w}\" ditulis dua kali: \"{m.group(0)}\"; seharusnya \"{w}\"",
                    expected=w,
                )


_GLUED_YEAR_RE = re.compile(r"\b([A-Z]{3,})(TAHUN)(?=\s*\d{4}\b|\b)")
_CAPS_RE = re.compile(r"\b[A-Z]{7,}\b")


@register
class GluedWords(Rule):
    """Two words glued together: "KINERJATAHUN 2022", "INDIKATORSASARAN" (two known heading
    words in capitals), "PenyediaanGaji" (a capital inside a lower-case word).

    PDF conversion and careless editing drop spaces; headings and table headers with glued
    words look unfinished. Heading words: rules/typo_basic.yaml.
    """

    code = "TY102"
    name = "glued-words"
    category = "typo"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        words = _heading_words()
        accepted = {w.upper() for w in _data().get("accepted_compounds") or []}
        accepted |= set(_data().get("accepted_camel") or [])
        longest = 2 * max((len(w) for w in words), default=0)  # two heading words, glued
        for unit, _block in units(ctx.document):
            text = unit.text
            done: set[int] = set()
            for m in filtered_finditer(_GLUED_YEAR_RE, text):
                if m.group(0) in words:
                    continue
                done.add(m.start())
                yield self._glued(unit, m.start(), m.end(), m.group(1), m.group(2))
            for m in _CAPS_RE.finditer(text):
                if m.start() in done or m.group(0) in words or m.group(0) in accepted:
                    continue
                w = m.group(0)
                for k in range(3, len(w) - 2 if len(w) <= longest else 0):
                    if w[:k] in words and w[k:] in words:
                        yield self._glued(unit, m.start(), m.end(), w[:k], w[k:])
                        break
            for m in _CAMEL_RE.finditer(text):
                if m.group(0) in accepted:
                    continue
                a, b = m.group(1), m.group(2)
                yield self._glued(unit, m.start(), m.end(), a, b)

    def _glued(self, unit: Any, s: int, e: int, a: str, b: str) -> Issue:
        return self.issue(unit, s, e,
                          f"kata menempel tanpa spasi: \"{a}{b}\"; seharusnya \"{a} {b}\"",
                          expected=f"{a} {b}")


_CAMEL_RE = re.compile(r"\b([A-Z]?[a-z]{4,})([A-Z][a-z]{3,})\b")


_WORD_SPAN_RE = re.compile(r"[\w']+")


@register
class RepeatedPhrase(Rule):
    """A phrase of twelve or more words written twice inside one paragraph: "... berubah dari
    'dilayani' menjadi 'melayani'. Peningkatan pelayanan publik ... peran kecamatan publik
    berubah dari 'dilayani' menjadi 'melayani'. Peningkatan pelayanan publik ...".

    Repeating a long phrase within a paragraph is a copy-paste slip that garbles the sentence.
    Table cells are not checked (rows legitimately repeat labels).
    """

    code = "TY103"
    name = "repeated-phrase"
    category = "typo"
    severity = "warning"

    N = 12

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        n = self.N
        for unit, block in units(ctx.document):
            if block.kind == "table" or len(unit.text) < 80:
                continue
            words = list(_WORD_SPAN_RE.finditer(unit.text))
            if len(words) < 2 * n:
                continue
            low = [w.group(0).lower() for w in words]
            first: dict[tuple[str, ...], int] = {}
            i = 0
            while i <= len(low) - n:
                key = tuple(low[i:i + n])
                j = first.get(key)
                if j is not None and i - j >= n:
                    # extend the repeat as far as it goes
                    k = n
                    while i + k < len(low) and low[j + k] == low[i + k] and j + k < i:
                        k += 1
                    s, e = words[i].start(), words[i + k - 1].end()
                    yield self.issue(
                        unit, s, e,
                        f"frasa diulang dalam paragraf yang sama: \"{unit.text[s:e][:80]}\" "
                        f"sudah ditulis sebelumnya; hapus salah satunya",
                        expected=None,
                    )
                    i += k
                    continue
                first.setdefault(key, i)
                i += 1
