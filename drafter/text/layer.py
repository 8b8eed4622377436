"""The text layer: sentences, tokens and number mentions of every text unit, computed once.

:func:`analyze` gives the :class:`UnitText` of one string (cached, so every rule asking about
the same paragraph or cell shares one analysis); :class:`TextLayer` walks a whole document
(every prose block and every table cell, each cell its own sentence source) and is cached on
the check context as ``ctx.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import NamedTuple

from drafter.document.model import Block, Document, TextUnit
from drafter.numbers import Num, scan_numbers
from drafter.text.mentions import Mention, may_hold_malformed, scan
from drafter.text.sentences import split

# a word: letters, with inner hyphens or apostrophes ("kali-kali", "Qur'an"); digits are not words
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_PIECE_RE = re.compile(r"[^\W\d_]+")
_ALNUM_RE = re.compile(r"[^\W_]+")


def words(text: str, *, digits: bool = False) -> list[str]:
    """Lower-case word pieces of ``text`` ("kali-kali" gives two pieces); with ``digits``, runs
    of digits count as words too (for shingles of passages)."""
    return (_ALNUM_RE if digits else _PIECE_RE).findall(text.lower())


class Token(NamedTuple):
    """A word of a text with its span (a named tuple: made by the thousand per report)."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


_COLON_BREAK = re.compile(r"(?<=:)\s+(?=\S)")


class UnitText:
    """The analysis of one text: sentence spans, tokens and typed number mentions."""

    __slots__ = ("text", "sentences", "_starts", "_ends", "__dict__")

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: list[tuple[int, int]] = split(text)
        self._starts = [s for s, _ in self.sentences]
        self._ends = [e for _, e in self.sentences]

    @cached_property
    def clauses(self) -> list[tuple[int, int]]:
        """The sentences further split after a colon followed by white space ("Sasaran 1:
        Meningkatnya ...", "Hal ini disebabkan: (1) ..."): the units of a statement that
        checklists and label-led lines are read by. Exact spans, in order."""
        out: list[tuple[int, int]] = []
        text = self.text
        for s, e in self.sentences:
            a = s
            for m in _COLON_BREAK.finditer(text, s, e):
                if m.start() > a:
                    out.append((a, m.start()))
                a = m.end()
            if e > a:
                out.append((a, e))
        return out

    @cached_property
    def list_clauses(self) -> list[tuple[int, int]]:
        """:attr:`clauses`, with a clause that ends in a semicolon joined to the next one on the
        same line: the spans a list is read in ("Desa A; Desa B; dan Desa C" stays one)."""
        out: list[tuple[int, int]] = []
        text = self.text
        for s, e in self.clauses:
            if out and text[out[-1][1] - 1] == ";" and "\n" not in text[out[-1][1]:s]:
                out[-1] = (out[-1][0], e)
            else:
                out.append((s, e))
        return out

    @cached_property
    def tokens(self) -> list[Token]:
        return [Token(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(self.text)]

    @cached_property
    def pieces(self) -> list[Token]:
        """Word pieces: tokens split at inner hyphens and apostrophes ("Gumukmas-Jember")."""
        return [Token(m.group(), m.start(), m.end()) for m in _PIECE_RE.finditer(self.text)]

    @cached_property
    def mentions(self) -> list[Mention]:
        return scan(self.text)

    def sentence_index(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (a position between sentences belongs to the
        next one; past the last sentence, to the last). -1 for a text without sentences."""
        if not self.sentences:
            return -1
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return 0
        if pos >= self._ends[i] and i + 1 < len(self.sentences):
            return i + 1
        return i

    def bounds(self, start: int, end: int | None = None) -> tuple[int, int]:
        """(begin, end) of the sentence(s) around ``text[start:end]``."""
        if not self.sentences:
            return 0, len(self.text)
        if end is None or end < start:
            end = start
        i = self.sentence_index(start)
        j = self.sentence_index(max(start, end - 1)) if end > start else i
        return self.sentences[i][0], self.sentences[max(i, j)][1]

    def sentence_at(self, pos: int) -> str:
        b, e = self.bounds(pos)
        return self.text[b:e]

    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @cached_property
    def fold_safe(self) -> bool:
        from drafter.text.prefilter import fold_safe

        return fold_safe(self.text)

    def may_match(self, rx: re.Pattern[str]) -> bool:
        """False only when ``rx`` matches nowhere in this text nor in any slice of it (a literal
        every match holds occurs nowhere in it): a rule may then skip searching its sentences,
        with the same result."""
        from drafter.text.prefilter import may_match

        return may_match(rx, self.text, self.lower, safe=self.fold_safe)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def malformed(self) -> list[Mention]:
        return [m for m in self.mentions if m.kind == "malformed"]


@lru_cache(maxsize=8192)
def analyze(text: str) -> UnitText:
    """The (cached) analysis of ``text``."""
    return UnitText(text)


def operand_numbers(text: str) -> list[Num]:
    """:func:`drafter.numbers.scan_numbers` without the pieces of malformed numbers: what a rule
    may compute with ("2.186,670.304" gives nothing, not 2.186,670 and 304)."""
    nums = scan_numbers(text)
    if not nums or not may_hold_malformed(text):
        return nums  # no malformed mention (the full scan of mentions is not needed)
    bad = [(m.start, m.end) for m in analyze(text).mentions if m.kind == "malformed"]
    if not bad:
        return nums
    return [n for n in nums if not any(a < n.end and n.start < b for a, b in bad)]


class TextLayer:
    """Every text unit of a document with its analysis, in reading order."""

    def __init__(self, doc: Document) -> None:
        self.document = doc
        self.units: list[tuple[TextUnit, Block]] = []
        for b in doc.blocks:
            if b.kind == "table":
                for c in b.cells():
                    self.units.append((c, b))
            else:
                self.units.append((b, b))
        self._by_id = {id(u): analyze(u.text) for u, _ in self.units}

    @cached_property
    def joined(self) -> str:
        """The text of every unit, one per line (for document-wide pre-filters)."""
        return "\n".join(u.text for u, _ in self.units)

    @cached_property
    def lower(self) -> str:
        return self.joined.lower()

    @cached_property
    def fold_safe(self) -> bool:
        from drafter.text.prefilter import fold_safe

        return fold_safe(self.joined)

    def may_match(self, rx: re.Pattern[str]) -> bool:
        """False only when ``rx`` matches in no unit of the document (a literal every match
        holds occurs nowhere): a rule may then skip its scan, with the same result."""
        from drafter.text.prefilter import may_match

        return may_match(rx, self.joined, self.lower, safe=self.fold_safe)

    @cached_property
    def _unit_starts(self) -> list[int]:
        out, pos = [], 0
        for u, _ in self.units:
            out.append(pos)
            pos += len(u.text) + 1
        return out

    def unit_hits(self, rx: re.Pattern[str]) -> frozenset[int] | None:
        """Indexes (in :attr:`units` order, which is also the order of ``doc.text_units()``)
        of the units that hold a literal every match of ``rx`` contains: the regex can match
        in no other unit. None when no literal is known (every unit is a candidate)."""
        cache = self.__dict__.setdefault("_hits", {})
        key = (rx.pattern, rx.flags)
        if key in cache:
            return cache[key]  # type: ignore[no-any-return]
        from drafter.text.prefilter import required_literals

        req = required_literals(rx)
        out: frozenset[int] | None = None
        if req is not None and (self.fold_safe or not any(ci for _lit, ci in req)):
            starts = self._unit_starts
            n = len(starts)
            found: set[int] = set()
            for lit, ci in req:
                hay = self.lower if ci else self.joined
                pos = hay.find(lit)
                while pos != -1:
                    i = bisect_right(starts, pos) - 1
                    found.add(i)
                    pos = hay.find(lit, starts[i + 1]) if i + 1 < n else -1
            out = frozenset(found)
        cache[key] = out
        return out

    def candidates(self, rxs: list[re.Pattern[str]]) -> list[int] | range:
        """Indexes of the units where at least one of ``rxs`` may match, in order (all units
        when one of them has no known literal)."""
        out: set[int] = set()
        for rx in rxs:
            hit = self.unit_hits(rx)
            if hit is None:
                return range(len(self.units))
            out |= hit
        return sorted(out)

    def scan(self, rxs: list[re.Pattern[str]]) -> Iterator[tuple[TextUnit, Block, list[int]]]:
        """(unit, block, indexes of the ``rxs`` that may match in it) for every unit where one
        may match, in reading order: a rule looping over units and patterns visits only these
        (same result: a skipped regex holds no match there)."""
        hits = [self.unit_hits(rx) for rx in rxs]
        if not hits:
            for ui in self.candidates(rxs):
                unit, block = self.units[ui]
                yield unit, block, []
            return
        # the live patterns of each unit, built once from the hit sets (linear in their sizes,
        # not units x patterns); indexes ascending, as a scan of ``hits`` in order gives them
        always = [i for i, h in enumerate(hits) if h is None]
        live: dict[int, list[int]] = {}
        for i, h in enumerate(hits):
            if h is not None:
                for ui in h:
                    live.setdefault(ui, []).append(i)
        units = self.units
        for ui in self.candidates(rxs):
            unit, block = units[ui]
            own = live.get(ui)
            if own is None:
                yield unit, block, list(always)
            elif always:
                yield unit, block, sorted(always + own)
            else:
                yield unit, block, own

    def of(self, unit: TextUnit) -> UnitText:
        got = self._by_id.get(id(unit))
        return got if got is not None else analyze(unit.text)

    def __iter__(self) -> Iterator[tuple[TextUnit, Block, UnitText]]:
        for u, b in self.units:
            yield u, b, self._by_id[id(u)]

    def mentions(self, kind: str | None = None) -> Iterator[tuple[TextUnit, Block, Mention]]:
        for u, b, t in self:
            if kind == "malformed" and not may_hold_malformed(t.text):
                continue  # no malformed mention here: its mentions are not scanned
            for m in t.mentions:
                if kind is None or m.kind == kind:
                    yield u, b, m

    def sasaran_heading(self, block: Block) -> Block | None:
        """The nearest preceding heading-like block that opens a sasaran ("Sasaran 2 : ...",
        "Sasaran Strategis: ..."), within the same chapter; None when there is none."""
        for i in range(block.index - 1, -1, -1):
            b = self.document.blocks[i]
            if b.chapter != block.chapter:
                return None
            if b.kind != "table" and len(b.text) < 300 and _SASARAN_HEAD.match(b.text):
                return b
        return None


def about_one_sasaran(sentence: str) -> bool:
    """True when a sentence speaks about one sasaran ("sasaran ini diukur dengan 1 indikator"),
    so that a count in it is compared with that sasaran's indicators, not the whole table."""
    return _ONE_SASARAN.search(sentence) is not None


_ONE_SASARAN = re.compile(r"\bsasaran(?:\s+strategis)?(?:\s+(?:ke-?\s*)?\d+)?\s+(?:ini|tersebut|itu)\b|"
                          r"\b(?:pada|untuk|dalam)\s+sasaran(?:\s+strategis)?\s+(?:ke-?\s*)?\d+\b|"
                          r"\bsasaran(?:\s+strategis)?\s+(?:ke-?\s*)?\d+\s+(?:diukur|memiliki|terdiri|mempunyai)\b",
                          re.IGNORECASE)
_SASARAN_HEAD = re.compile(r"^\W*(?:[A-Z0-9]{1,3}[.)]\s*)*sasaran(?:\s+strategis)?(?:\s+\d+|\s*[:.])", re.IGNORECASE)
