"""Small helpers shared by the text-level rules (leftover, year, foreign-name, typo, terbilang,
structure): iterating text units with their block, sentence windows, markdown-tolerant text."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from drafter.document.model import Block, Document, TextUnit
from drafter.text import analyze

if TYPE_CHECKING:
    from drafter.check.context import CheckContext

T = TypeVar("T")


def units(doc: Document) -> list[tuple[TextUnit, Block]]:
    """Every prose block and every table cell, with the block it belongs to (a list built once
    per document and shared by the rules; do not modify it)."""
    key = (id(doc.blocks), len(doc.blocks))
    got = doc.__dict__.get("_units_cache")
    if got is not None and got[0] == key:
        return got[1]  # type: ignore[no-any-return]
    out: list[tuple[TextUnit, Block]] = []
    for b in doc.blocks:
        if b.kind == "table":
            out.extend((c, b) for c in b.cells())
        else:
            out.append((b, b))
    doc.__dict__["_units_cache"] = (key, out)
    return out


def per_document(fn: Callable[[Document], Iterable[T]]) -> Callable[[Document], list[T]]:
    """Decorator: ``fn(doc)`` computed once per document as a list, shared by every rule that
    asks (the list must not be modified)."""
    slot = f"_per_document_{fn.__module__}.{fn.__qualname__}"

    @functools.wraps(fn)
    def wrapper(doc: Document) -> list[T]:
        key = (id(doc.blocks), len(doc.blocks))
        got = doc.__dict__.get(slot)
        if got is not None and got[0] == key:
            return got[1]  # type: ignore[no-any-return]
        out = list(fn(doc))
        doc.__dict__[slot] = (key, out)
        return out

    return wrapper


def joined_units(ctx: CheckContext) -> Iterator[tuple[TextUnit, Block]]:
    """Like :func:`units`, with the lines of a hard-wrapped paragraph (text extracted from PDF:
    one block per line) joined into one prose unit; positions still map to the source."""
    from drafter.check.claims_parse import logical_blocks

    # the pairs are listed once per check (six rules walk them; like :func:`units`, from the
    # blocks of the cached logical_blocks list, so the same list while that list is the same)
    blocks = logical_blocks(ctx)
    got = ctx.__dict__.get("_joined_units")
    if got is None or got[0] is not blocks:
        pairs: list[tuple[TextUnit, Block]] = []
        for b in blocks:
            if b.kind == "table":
                pairs.extend((c, b) for c in b.cells())
            else:
                pairs.append((b, b))
        got = ctx.__dict__["_joined_units"] = (blocks, pairs)
    return iter(got[1])


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """(begin, end) of the sentence(s) around ``text[start:end]``: a thin wrapper over the
    text layer's one sentence splitter (:mod:`drafter.text.sentences`)."""
    return analyze(text).bounds(start, end)


def sentence(text: str, start: int, end: int | None = None) -> str:
    b, e = sentence_bounds(text, start, end)
    return text[b:e]


def levenshtein(a: str, b: str, limit: int = 3) -> int:
    """Edit distance, capped at ``limit + 1`` (rapidfuzz, linear in the length for a small limit)."""
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b, score_cutoff=limit))


def line_of(unit: TextUnit, start: int = 0) -> int:
    return unit.position(start)[0]


_LEADERS_RE = re.compile(r"\.{4,}|…")  # dot leaders of a table of contents
_PAGE_NUMBER_RE = re.compile(r"\s\d{1,3}\s*$")
_PUNCT_RE = re.compile(r"[.,;]")


@functools.lru_cache(maxsize=16384)  # pure; asked by several rules about every unit
def is_toc_line(text: str) -> bool:
    """A table-of-contents entry: dot leaders or a trailing page number."""
    t = text.strip()
    return bool(_LEADERS_RE.search(t)) or bool(_PAGE_NUMBER_RE.search(t) and len(t) < 140
                                               and not _PUNCT_RE.search(t[-12:-3]))
