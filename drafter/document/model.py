"""One document model for every reader (text, Markdown, DOCX) and every rule.

A :class:`Document` is a list of :class:`Block` objects in reading order. Every piece of text a
rule can point at (a paragraph, a heading, a list item, a table cell) is a :class:`TextUnit`:
its cleaned ``text`` plus a position map back to the source, so that ``unit.locate(start, end)``
gives the exact :class:`Location` of ``unit.text[start:end]``.

Positions:

* text/Markdown: ``line``/``column`` are 1-based positions in the input file; ``end_column`` is
  the column just after the last character (exclusive), on ``end_line``;
* DOCX: ``line`` is the 1-based paragraph number (body paragraphs and table-cell paragraphs
  counted in document order), ``column`` the 1-based character in that paragraph, and
  ``extra`` holds ``{"paragraph": n}`` or ``{"paragraph": n, "table": t, "row": r, "cell": c}``
  (all 1-based).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "list_item", "table", "caption", "formula"]


@dataclass(frozen=True)
class Location:
    line: int
    column: int
    end_line: int
    end_column: int
    extra: dict[str, int] | None = None

    def as_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }
        if self.extra:
            d["location"] = dict(self.extra)
        return d


@dataclass
class TextUnit:
    """Text with a map back to its source.

    ``segments`` is a sorted list of ``(text_index, line, column)``: the character at
    ``text_index`` is at ``(line, column)`` in the source and the following characters of the
    same segment advance the column one by one. A reader starts a new segment wherever the
    mapping jumps (a stripped tag, a joined line, a new paragraph).
    """

    text: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    extra: dict[str, int] | None = None

    def position(self, index: int) -> tuple[int, int]:
        """(line, column) of ``text[index]`` (index may equal len(text) for an end position)."""
        if not self.segments:
            return (1, 1 + index)
        keys = [s[0] for s in self.segments]
        k = bisect_right(keys, index) - 1
        if k < 0:
            k = 0
        start, line, col = self.segments[k]
        return (line, col + (index - start))

    def locate(self, start: int = 0, end: int | None = None) -> Location:
        if end is None:
            end = len(self.text)
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        line, col = self.position(start)
        if end > start:
            eline, ecol = self.position(end - 1)
            ecol += 1
        else:
            eline, ecol = line, col
        return Location(line, col, eline, ecol, dict(self.extra) if self.extra else None)


@dataclass
class Cell(TextUnit):
    row: int = 0  # 0-based row index within the table
    col: int = 0  # 0-based column index within the row
    colspan: int = 1


@dataclass
class Row:
    cells: list[Cell]
    index: int = 0
    is_header: bool = False

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Block(TextUnit):
    kind: BlockKind = "paragraph"
    index: int = 0  # position in Document.blocks
    level: int = 0  # heading level (1 = top); list nesting for list items
    rows: list[Row] = field(default_factory=list)  # tables only
    caption: str | None = None  # tables: the caption text ("Tabel 3.1 Pengukuran ...")
    caption_block: int | None = None  # index of the caption block, when there is one
    chapter: str | None = None  # "BAB III" etc., filled by Document.assign_sections()
    section: str | None = None  # "B.1" etc.
    source_format: str = "text"
    layout: str = ""  # tables: "spaces" when recovered from space-aligned (flattened) text

    @property
    def is_table(self) -> bool:
        return self.kind == "table"

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row.cells

    def header_rows(self) -> list[Row]:
        return [r for r in self.rows if r.is_header]

    def body_rows(self) -> list[Row]:
        return [r for r in self.rows if not r.is_header]


@dataclass
class Document:
    path: str
    blocks: list[Block]
    format: Literal["text", "markdown", "docx"] = "text"
    source_text: str | None = None  # the decoded input (text/Markdown) for excerpts
    suppressions: dict[int, set[str]] = field(default_factory=dict)  # line -> codes ignored

    def __post_init__(self) -> None:
        for i, b in enumerate(self.blocks):
            b.index = i

    def text_units(self) -> Iterator[TextUnit]:
        """Every paragraph-like block and every table cell, in reading order."""
        for b in self.blocks:
            if b.kind == "table":
                yield from b.cells()
            else:
                yield b

    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]

    def prose(self) -> Iterator[Block]:
        """Blocks with running text (not tables)."""
        for b in self.blocks:
            if b.kind != "table":
                yield b
