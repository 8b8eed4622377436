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
from drafter.text import words as text_words

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


_TOC_HEAD_RE = re.compile(r"^[\s#*_]*daftar\s+isi[\s*_:]*$", re.IGNORECASE)
_BAB_RE = re.compile(r"^[\s#*_]*BAB\s+([IVX]+)\b", re.IGNORECASE)
_LETTER_RE = re.compile(r"^[\s#*_]*([A-H])\s?\.\s+(\S.*)$")


def _norm_title(t: str) -> str:
    t = re.sub(r"\.{2,}.*$|….*$", "", t)  # dot leaders and page numbers
    t = re.sub(r"\btahun\s*\d{4}\b|\d+", "", t, flags=re.IGNORECASE)
    t = re.sub(r"tahun$", "", t.strip(), flags=re.IGNORECASE)
    return re.sub(r"[^A-Z]", "", t.upper()).replace("TAHUN", "")


def _same_title(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a == b or (min(len(a), len(b)) >= 8 and (a.startswith(b) or b.startswith(a)))


@dataclass
class _TocEntry:
    unit: object
    chapter: str | None
    letter: str
    title: str
    text: str


def _toc_entries(ctx: CheckContext) -> tuple[list[_TocEntry], int]:
    blocks = ctx.document.blocks
    start = next((i for i, b in enumerate(blocks)
                  if b.kind != "table" and _TOC_HEAD_RE.match(b.text)), None)
    if start is None:
        return [], -1
    entries: list[_TocEntry] = []
    chapter: str | None = None
    end = start
    for b in blocks[start + 1:start + 120]:
        if b.kind == "heading" and not is_toc_line(b.text):
            break
        if b.kind != "table" and not (is_toc_line(b.text) or _BAB_RE.match(b.text)
                                      or b.text.strip().lower().startswith(("hal", "halaman"))):
            break
        end = b.index
        units_ = [r.cells[0] for r in b.rows if r.cells] if b.kind == "table" else [b]
        for u in units_:
            t = u.text.strip()
            bm = _BAB_RE.match(t)
            if bm:
                chapter = f"BAB {bm.group(1).upper()}"
                continue
            lm = _LETTER_RE.match(t)
            if lm and chapter:
                entries.append(_TocEntry(u, chapter, lm.group(1), _norm_title(lm.group(2)), t))
    return entries, end


@register
class TocMismatch(Rule):
    """A table-of-contents entry that does not match the body: the daftar isi lists "C.
    PERJANJIAN KINERJA" under BAB II while the body has it as "D. PERJANJIAN KINERJA" (and
    "C." is another section).

    The table of contents is the reader's map; an entry with the wrong letter sends the reader
    to the wrong section and shows the ToC was not updated after the outline changed. Only
    entries whose title is found under another letter of the same chapter are reported.
    """

    code = "ST104"
    name = "toc-mismatch"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ctx.info  # noqa: B018 - assigns chapters
        entries, end = _toc_entries(ctx)
        if not entries:
            return
        body: dict[tuple[str, str], list[tuple[str, Block]]] = {}
        for b in ctx.document.blocks[end + 1:]:
            if b.kind == "table" or not b.chapter or len(b.text) > 160 or is_toc_line(b.text):
                continue
            lm = _LETTER_RE.match(b.text)
            if not lm:
                continue
            letters = [c for c in lm.group(2) if c.isalpha()]
            if not letters or sum(c.isupper() for c in letters) / len(letters) < 0.7:
                continue
            body.setdefault((b.chapter, lm.group(1)), []).append((_norm_title(lm.group(2)), b))
        for e in entries:
            here = body.get((e.chapter or "", e.letter), [])
            if any(_same_title(e.title, t) for t, _b in here):
                continue
            for (chap, letter), heads in body.items():
                if chap != e.chapter or letter == e.letter:
                    continue
                hit = next((b for t, b in heads if _same_title(e.title, t)), None)
                if hit is None:
                    continue
                unit = e.unit
                right = f"{letter}. " + _LETTER_RE.match(hit.text).group(2).strip(" *_#")  # type: ignore[union-attr]
                yield self.issue(
                    unit, 0, len(unit.text.rstrip()),  # type: ignore[attr-defined]
                    f"daftar isi menulis \"{e.text.split('..')[0].strip()}\" di {e.chapter}, "
                    f"padahal di naskah (baris {hit.position(0)[0]}) bagian itu adalah "
                    f"\"{right}\"",
                    expected=right,
                )
                break


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = text_words(text, digits=True)
    return {tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


@register
class DuplicatedPassage(Rule):
    """A passage of the report repeated almost word for word in the same chapter (for example
    the narrative of one sasaran pasted again under another heading).

    A pasted duplicate usually replaces the text that should have been written for the second
    place; the reader gets the same analysis twice and the second topic none. Paragraphs of at
    least 100 characters are compared (5-word shingles, 70% overlap of the longer one); a run of consecutive
    duplicated paragraphs is reported once, at its start, naming the original lines.
    """

    code = "ST105"
    name = "duplicated-passage"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ctx.info  # noqa: B018 - assigns chapters
        prose = [b for b in ctx.document.blocks
                 if b.kind == "paragraph" and len(b.text) >= 120 and b.chapter]
        sh = [_shingles(b.text) for b in prose]
        dup_of: dict[int, int] = {}
        for i, b in enumerate(prose):
            if not sh[i]:
                continue
            for j in range(i):
                if prose[j].chapter != b.chapter or not sh[j]:
                    continue
                inter = len(sh[i] & sh[j])
                if inter / max(len(sh[i]), len(sh[j])) >= 0.7 and inter >= 10:
                    dup_of[i] = j
                    break
        i = 0
        while i < len(prose):
            if i not in dup_of:
                i += 1
                continue
            last = i
            while last + 1 in dup_of and dup_of[last + 1] > dup_of[last]:
                last += 1
            b, o = prose[i], prose[dup_of[i]]
            if last > i or len(b.text) >= 400:
                span = (f"baris {b.position(0)[0]}-{prose[last].position(0)[0]}" if last > i
                        else f"baris {b.position(0)[0]}")
                yield self.issue(
                    b, 0, min(len(b.text), 80),
                    f"teks ({span}) mengulang hampir kata demi kata teks mulai baris "
                    f"{o.position(0)[0]}; ganti dengan uraian yang sesuai atau hapus salinannya",
                    expected=None,
                )
            i = last + 1
