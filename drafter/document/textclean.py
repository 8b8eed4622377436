"""Cleaning of source text into TextUnit text with an exact position map.

``clean_span`` turns a slice of the source into cleaned text (HTML tags and ``**`` markers
removed, entities decoded, whitespace collapsed) and the list of ``segments`` that map every
character of the cleaned text back to its true ``(line, column)`` in the source.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

# Tags that separate words (a paragraph break, a cell, a line break); other tags are inline.
_BLOCK_TAGS = frozenset({
    "p", "br", "div", "tr", "td", "th", "table", "thead", "tbody", "tfoot", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "caption", "section", "blockquote",
})
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "nbsp": " ", "quot": '"', "apos": "'", "#39": "'"}



def _entity(name: str) -> str | None:
    """The character of an HTML entity name ("times", "ge", "#215"); None when unknown.
    Non-breaking and other spaces become a plain space."""
    if name in _ENTITIES:
        return _ENTITIES[name]
    import html

    ch = html.unescape(f"&{name};")
    if ch == f"&{name};" or not ch:
        return None
    return " " if ch.isspace() else ch


# One scanner for the markup we strip. Order matters: comments before tags.
_MARKUP_RE = re.compile(
    r"(?P<comment><!--.{0,4000}?-->)"
    r"|(?P<tag></?(?P<tname>[a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?/?>)"
    r"|(?P<ent>&(?P<ename>[a-zA-Z][a-zA-Z0-9]{1,7}|#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,5});)"
    r"|(?P<bold>\*\*)"
    r"|(?P<esc>\\(?P<echar>[\\`*_{}\[\]()#+\-.!|]))",
    re.DOTALL,
)
# Single-asterisk emphasis: *word ...* (not part of **).
_EMPH_RE = re.compile(r"(?<![*\w])\*(?=[^\s*])[^*\n]*?[^\s*\\]\*(?![*\w])|(?<![*\w])\*[^\s*]\*(?![*\w])")
_STRETCH_RE = re.compile(r"\S+(?: \S+)*")

PosFn = Callable[[int], tuple[int, int]]


class LineIndex:
    """Maps an absolute offset of a ``\\n``-separated text to a 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def __call__(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.starts, offset) - 1
        return k + 1, offset - self.starts[k] + 1

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]


class UnitBuilder:
    """Accumulates cleaned text and its segments."""

    __slots__ = ("parts", "length", "segments", "_exp", "_pending")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.segments: list[tuple[int, int, int]] = []
        self._exp: tuple[int, int] | None = None  # expected (line, col) of the next character
        self._pending = False

    def brk(self) -> None:
        """Word separation (whitespace, a block tag, a joined line)."""
        if self.length:
            self._pending = True

    def add(self, s: str, line: int, col: int) -> None:
        """Append ``s`` (no whitespace inside) whose first character is at (line, col)."""
        if not s:
            return
        if self._pending:
            self._pending = False
            self.parts.append(" ")
            self.length += 1
            if self._exp is not None:
                self._exp = (self._exp[0], self._exp[1] + 1)
        if self._exp != (line, col):
            self.segments.append((self.length, line, col))
        self.parts.append(s)
        self.length += len(s)
        self._exp = (line, col + len(s))

    def text(self) -> str:
        return "".join(self.parts)

    def result(self) -> tuple[str, list[tuple[int, int, int]]]:
        return "".join(self.parts), list(self.segments)


def _emit_text(b: UnitBuilder, src: str, start: int, end: int, pos: PosFn,
               drop: set[int] | None) -> None:
    if start >= end:
        return
    chunk = src[start:end]
    if drop:
        # split around dropped single asterisks
        idx = start
        for d in sorted(x for x in drop if start <= x < end):
            _emit_plain(b, src[idx:d], idx, pos)
            idx = d + 1
        _emit_plain(b, src[idx:end], idx, pos)
        return
    _emit_plain(b, chunk, start, pos)


def _emit_plain(b: UnitBuilder, chunk: str, base: int, pos: PosFn) -> None:
    """Emit words; a stretch of words separated by single spaces is copied in one piece."""
    last = 0
    for m in _STRETCH_RE.finditer(chunk):
        if m.start() > last:
            b.brk()
        line, col = pos(base + m.start())
        b.add(m.group(), line, col)
        last = m.end()
    if last < len(chunk):
        b.brk()


def clean_into(b: UnitBuilder, src: str, start: int, end: int, pos: PosFn, *,
               raw: bool = False) -> None:
    """Clean ``src[start:end]`` into builder ``b``.

    ``raw`` only collapses whitespace (formulas, DOCX text); otherwise HTML tags and comments
    are dropped (block tags act as a space), ``**`` and single ``*`` emphasis markers are
    removed, entities and Markdown backslash escapes are decoded.
    """
    if raw:
        _emit_plain(b, src[start:end], start, pos)
        return
    seg = src[start:end]
    if "*" in seg:
        drop = set()
        for m in _EMPH_RE.finditer(seg):
            drop.add(start + m.start())
            drop.add(start + m.end() - 1)
    else:
        drop = None
    idx = start
    if not any(c in seg for c in "<&*\\"):
        _emit_plain(b, seg, start, pos)
        return
    for m in _MARKUP_RE.finditer(src, start, end):
        _emit_text(b, src, idx, m.start(), pos, drop)
        idx = m.end()
        kind = m.lastgroup
        if m.group("tag") is not None:
            if m.group("tname").lower() in _BLOCK_TAGS:
                b.brk()
        elif m.group("ent") is not None:
            ch = _entity(m.group("ename"))
            if ch is None:  # not an entity ("&Co;"): kept as written
                _emit_text(b, src, m.start(), m.end(), pos, drop)
            elif ch == " ":
                b.brk()
            else:
                line, col = pos(m.start())
                b.add(ch, line, col)
        elif m.group("esc") is not None:
            line, col = pos(m.start() + 1)
            b.add(m.group("echar"), line, col)
        elif kind == "comment":
            b.brk()
        # bold markers: dropped
    _emit_text(b, src, idx, end, pos, drop)


_SPECIAL_RE = re.compile(r"[<&*\\]")


def clean_span(src: str, start: int, end: int, pos: PosFn, *, raw: bool = False
               ) -> tuple[str, list[tuple[int, int, int]]]:
    seg = src[start:end]
    if raw or not _SPECIAL_RE.search(seg):
        # fast path: plain text, one stretch of single-spaced words
        stripped = seg.strip()
        if not stripped:
            return "", []
        if _STRETCH_RE.fullmatch(stripped):
            line, col = pos(start + seg.index(stripped[0]))
            return stripped, [(0, line, col)]
    b = UnitBuilder()
    clean_into(b, src, start, end, pos, raw=raw)
    return b.result()
