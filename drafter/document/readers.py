"""Reader entry points (PLACEHOLDER: minimal line-based reader; the full readers replace it)."""

from __future__ import annotations

from pathlib import Path

from drafter.document.model import Block, Cell, Document, Row
from drafter.errors import DocumentError


def parse_text(text: str, path: str = "<teks>", markdown: bool | None = None) -> Document:
    blocks: list[Block] = []
    table: Block | None = None
    for ln, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            if table is None:
                table = Block(text="", kind="table")
                blocks.append(table)
            cells = []
            col = 1
            for ci, part in enumerate(line.split("\t")):
                cells.append(Cell(text=part, segments=[(0, ln, col)], row=len(table.rows), col=ci))
                col += len(part) + 1
            table.rows.append(Row(cells, index=len(table.rows)))
            continue
        table = None
        if line.strip():
            blocks.append(Block(text=line, segments=[(0, ln, 1)], kind="paragraph"))
    return Document(path=path, blocks=blocks, format="text", source_text=text)


def read_document(path: str | Path) -> Document:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DocumentError(f"tidak dapat dibaca ({exc.strerror})", path=str(path)) from None
    return parse_text(raw.decode("utf-8", errors="replace"), str(path))
