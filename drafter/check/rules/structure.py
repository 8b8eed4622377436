"""Structure: table numbers used twice, section headings numbered out of sequence, numbered
lists with a duplicate or a gap."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import is_toc_line
from drafter.document.model import Block

_CAPTION_RE = re.compile(r"^[\s#*_]*(?P<kind>Tabel|Table|Gambar|Grafik|Diagram)\s+"
                         r"(?P<num>\d+(?:\.\d+)*)\b\.?(?P<title>.*)$", re.IGNORECASE)
_REFERENCE_WORDS = re.compile(r"\b(?:di\s?atas|di\s?bawah|tersebut|menunjukkan|menjelaskan|"
                              r"terlihat|dapat|bahwa)\b", re.IGNORECASE)


@dataclass
class _Caption:
    block: Block
    kind: str
    num: str
    title: str
    table: Block | None


def _captions(ctx: CheckContext) -> list[_Caption]:
    blocks = ctx.document.blocks
    out: list[_Caption] = []
    for i, b in enumerate(blocks):
        if b.kind == "table":
            continue
        m = _CAPTION_RE.match(b.text)
        if not m or len(b.text) > 200 or is_toc_line(b.text):
            continue
        if b.kind != "caption" and _REFERENCE_WORDS.search(m.group("title")):
            continue
        table = None
        title = m.group("title").strip(" *_:.-")
        for nb in blocks[i + 1:i + 4]:
            if nb.kind == "table":
                table = nb
                break
            if not title and nb.kind in ("paragraph", "heading", "caption") and len(nb.text) < 150:
                title = nb.text.strip(" *_#")
        out.append(_Caption(b, m.group("kind").capitalize(), m.group("num"), title, table))
    return out


def _header(table: Block | None) -> tuple[str, ...]:
    if table is None or not table.rows:
        return ()
    rows = table.header_rows() or table.rows[:1]
    return tuple(" ".join(c.text.lower().split()) for c in rows[0].cells if c.text.strip())


@register
class DuplicateTableNumber(Rule):
    """One table (or figure) number used for two different tables: two captions "Tabel 3.7"
    whose tables have different headers.

    Text refers to tables by number; a number used twice makes those references ambiguous
    and usually means a stale table was left in. A table split across pages with its caption
    repeated (same header, or "lanjutan" in the caption) is not reported.
    """

    code = "ST101"
    name = "duplicate-table-number"
    category = "structure"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        seen: dict[tuple[str, str], _Caption] = {}
        for c in _captions(ctx):
            key = (c.kind, c.num)
            first = seen.get(key)
            if first is None:
                seen[key] = c
                continue
            if re.search(r"lanj", c.block.text, re.IGNORECASE):
                continue
            if c.table is not None and first.table is not None and _header(c.table) == _header(first.table):
                continue
            if c.table is first.table:
                continue
            line = first.block.position(0)[0]
            yield self.issue(
                c.block, 0, len(c.block.text),
                f"nomor {c.kind} {c.num} sudah dipakai untuk tabel lain di baris {line}; "
                f"beri nomor baru atau hapus tabel yang tidak berlaku",
                expected=f"{c.kind} dengan nomor berikutnya",
            )


_HEAD_RE = re.compile(
    r"^[\s#*_]*(?:(?P<letter>[A-H])\s?\.\s?(?P<num>\d{1,2})|(?P<bare>\d{1,2}))\.?\s+"
    r"(?P<title>[A-Z][A-Z0-9 ,&/()\-]{5,})[\s*_]*$"
)


def _is_heading_like(b: Block) -> bool:
    t = b.text.strip()
    return b.kind in ("heading", "paragraph") and len(t) < 160 and not is_toc_line(t)


@register
class HeadingSequence(Rule):
    """A sub-section heading numbered out of sequence: "B.1 ..., B.2 ..., 3 ANALISA ...,
    B.4 ..." (the third should be "B.3"), or the same sub-section number used twice.

    Heading numbers carry the report's outline (and its table of contents); a broken number
    makes cross-references and the outline wrong.
    """

    code = "ST102"
    name = "heading-sequence"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ctx.info  # noqa: B018 - assigns chapters
        prev: tuple[str, int] | None = None
        chapter: str | None = None
        for b in ctx.document.blocks:
            if b.chapter != chapter:
                chapter, prev = b.chapter, None
            if not _is_heading_like(b):
                continue
            m = _HEAD_RE.match(b.text)
            if not m:
                continue
            if m.group("letter"):
                letter, num = m.group("letter"), int(m.group("num"))
                if prev and prev[0] == letter and num == prev[1]:
                    yield self.issue(
                        b, 0, len(b.text.rstrip()),
                        f"nomor sub-bab {letter}.{num} dipakai dua kali berturut-turut; "
                        f"seharusnya {letter}.{num + 1}",
                        expected=f"{letter}.{num + 1}",
                    )
                prev = (letter, num)
            else:
                num = int(m.group("bare"))
                if prev and num == prev[1] + 1:
                    s = m.start("bare")
                    yield self.issue(
                        b, s, m.end("bare"),
                        f"nomor sub-bab tertulis \"{num}\" di antara {prev[0]}.{prev[1]} dan "
                        f"sub-bab berikutnya; seharusnya {prev[0]}.{num}",
                        expected=f"{prev[0]}.{num}",
                    )
                    prev = (prev[0], num)


_ITEM_RE = re.compile(
    r"^[\s>*]*(?:[-•·]\s*)?(?:[A-Za-z][A-Za-z ]{1,25}\s*:\s*)?(?P<m>\d{1,2}|[a-z])(?P<p>[.)])\s+\S"
)


def _marker(b: Block) -> tuple[str, int, int, int] | None:
    if b.kind not in ("paragraph", "list_item") or is_toc_line(b.text):
        return None
    m = _ITEM_RE.match(b.text)
    if not m:
        return None
    mk = m.group("m")
    if mk.isdigit():
        return ("num" + m.group("p"), int(mk), m.start("m"), m.end("p"))
    return ("alpha" + m.group("p"), ord(mk) - ord("a") + 1, m.start("m"), m.end("p"))


def _show(kind: str, v: int) -> str:
    return (str(v) if kind.startswith("num") else chr(ord("a") + v - 1)) + kind[-1]


@register
class ListNumbering(Rule):
    """A numbered or lettered list with a duplicate or a gap: items "1., 3., 4." or "a., a.,
    b.".

    Lists in LKIP are referred to by their numbers (tugas a-i, rekomendasi 1-4); a skipped or
    repeated number suggests an item was deleted or merged by mistake.
    """

    code = "ST103"
    name = "list-numbering"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        last: dict[str, tuple[int, Block]] = {}
        for b in ctx.document.blocks:
            mk = _marker(b)
            if mk is None:
                if b.kind == "table" or b.kind == "heading" or len(b.text.strip()) > 0:
                    last.clear()
                continue
            kind, v, s, e = mk
            prev = last.get(kind)
            # deeper levels of another kind do not break this run
            if prev is not None:
                pv, pb = prev
                if v == pv and b.text.strip() != pb.text.strip():
                    yield self.issue(
                        b, s, e,
                        f"nomor urut daftar \"{_show(kind, v)}\" dipakai dua kali (juga di baris "
                        f"{pb.position(0)[0]}); seharusnya \"{_show(kind, v + 1)}\"",
                        expected=_show(kind, v + 1),
                    )
                elif v == pv + 2:
                    yield self.issue(
                        b, s, e,
                        f"nomor urut daftar melompat dari \"{_show(kind, pv)}\" ke "
                        f"\"{_show(kind, v)}\"; seharusnya \"{_show(kind, pv + 1)}\"",
                        expected=_show(kind, pv + 1),
                    )
            last[kind] = (v, b)
