"""Structure: table numbers used twice, section headings numbered out of sequence, numbered
lists with a duplicate or a gap."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import is_toc_line
from drafter.document.model import Block
from drafter.document.structure import outline_entry
from drafter.text import words as text_words
from drafter.text.prefilter import filtered_finditer

_CAPTION_RE = re.compile(r"^[\s#*_]*(?P<kind>Tabel|Table|Gambar|Grafik|Diagram)\s+"
                         r"(?P<num>(?:[IVX]{1,4}|\d+)(?:[.\-–]\d+)*)\b\.?(?P<title>.*)$", re.IGNORECASE)
_REFERENCE_WORDS = re.compile(r"\b(?:di\s?atas|di\s?bawah|tersebut|menunjukkan|menjelaskan|"
                              r"terlihat|dapat|bahwa|memperlihatkan|menyajikan|menggambarkan|merupakan|"
                              r"memuat|berisi)\b", re.IGNORECASE)


# a signature date line ("Palangka Raya, 3 Januari 2022") is no table title
_SIGN_DATE_RE = re.compile(r"^\s*[A-Z][A-Za-z .'\-]{1,40},\s*(?:tanggal\s+)?(?:\d{1,2}\s+)?"
                           r"[A-Za-z]{3,10}\s+(?:19|20)\d\d\b")


def _continues_sentence(prev: Block, b: Block) -> bool:
    """``b`` (a bare "Tabel N" line) sits on the line right after prose that stops mid-sentence
    ("... target kinerja sebagaimana"): it ends that sentence, it is no caption."""
    if prev.kind not in ("paragraph", "list_item") or not prev.text or not b.text:
        return False
    if not re.search(r"[a-z,]\s*$", prev.text):
        return False
    return prev.locate(len(prev.text) - 1).line + 1 == b.locate(0).line


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
        if not title and i > 0 and _continues_sentence(blocks[i - 1], b):
            continue  # "... sebagaimana\nTabel II.1." is a reference cut by a line break
        for nb in blocks[i + 1:i + 4]:
            if nb.kind == "table":
                table = nb
                break
            if not title and nb.kind in ("paragraph", "heading", "caption") and len(nb.text) < 150 \
                    and not _SIGN_DATE_RE.match(nb.text):
                title = nb.text.strip(" *_#")
        # "Tabel 3-2" and "Tabel 3.2" are one number
        num = re.sub(r"[\-–]", ".", m.group("num")).upper()
        out.append(_Caption(b, m.group("kind").capitalize(), num, title, table))
    return out


def _header(table: Block | None) -> tuple[str, ...]:
    if table is None or not table.rows:
        return ()
    rows = table.header_rows() or table.rows[:1]
    return tuple(" ".join(c.text.lower().split()) for c in rows[0].cells if c.text.strip())


def _different_titles(a: str, b: str) -> bool:
    """Two caption titles that plainly name different tables."""
    from drafter.check.fuzzy import similarity

    ta, tb = _norm_title(a), _norm_title(b)
    if len(ta) < 8 or len(tb) < 8 or _same_title(ta, tb):
        return False
    return similarity(" ".join(a.lower().split()), " ".join(b.lower().split())) < 0.5


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
            if c.table is None or first.table is None:
                # a table the reader did not recognise (flattened text): compare the titles
                if not _different_titles(c.title, first.title):
                    continue
            elif c.table is first.table:
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


def _title_case_heading(b: Block, title: str) -> bool:
    """A lettered heading written in title case ("B. Realisasi Anggaran"): a heading block,
    or a short line without a closing stop whose longer words are mostly capitalised."""
    if b.kind == "heading":
        return True
    t = title.strip(" *_#")
    if len(t) > 90 or t.endswith((".", ":", ";", ",")):
        return False
    long_words = [w for w in re.findall(r"[^\W\d_]+", t) if len(w) > 3]
    return bool(long_words) and t[:1].isupper() and \
        sum(w[:1].isupper() for w in long_words) / len(long_words) >= 0.6


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
            if not letters or (sum(c.isupper() for c in letters) / len(letters) < 0.7
                               and not _title_case_heading(b, lm.group(2))):
                continue
            body.setdefault((b.chapter, lm.group(1)), []).append((_norm_title(lm.group(2)), b))
        matched: Counter[str] = Counter()
        for e in entries:
            if any(_same_title(e.title, t) for t, _b in body.get((e.chapter or "", e.letter), [])):
                matched[e.chapter or ""] += 1
        for e in entries:
            here = body.get((e.chapter or "", e.letter), [])
            if any(_same_title(e.title, t) for t, _b in here):
                continue
            elsewhere = any(_same_title(e.title, t) for (chap, _l), heads in body.items()
                            if chap == e.chapter for t, _b in heads)
            if not here and not elsewhere and matched[e.chapter or ""] >= 2 and e.title:
                # the chapter's other sections are found; this one is in the daftar isi only
                unit = e.unit
                shown = e.text.split("..")[0].strip()
                yield self.issue(
                    unit, 0, len(unit.text.rstrip()),  # type: ignore[attr-defined]
                    f"daftar isi mencantumkan \"{shown}\" di {e.chapter}, padahal bagian itu "
                    f"tidak ada di naskah {e.chapter}",
                    expected="hapus entri itu dari daftar isi atau tulis bagiannya",
                )
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


_TABLE_NUM = r"(?:[IVX]{1,4}|\d{1,2})(?:\s?[.\-]\s?\d{1,2}){0,2}"
_TABLE_REF_RE = re.compile(r"\b(?:tabel|table)\.?\s*(?P<num>" + _TABLE_NUM + r")(?![\w.,]\d|\w)",
                           re.IGNORECASE)
_ANY_CAPTION_RE = re.compile(r"^[\s#*_]*(?:tabel|table)\.?\s*(?P<num>" + _TABLE_NUM + r")(?!\w)",
                             re.IGNORECASE)
_OTHER_DOC_RE = re.compile(r"^[^.;]{0,60}?\b(?:renstra|rencana\s+strategis|lampiran\s+(?:peraturan|"
                           r"permen|keputusan)|peraturan|permen\w*|pedoman|juknis|petunjuk|rpjmd|"
                           r"laporan\s+(?:kinerja\s+)?tahun\s+(?:lalu|sebelumnya|20\d\d)|lkj?ip\s+"
                           r"(?:tahun\s+)?(?:lalu|sebelumnya|20\d\d))\b", re.IGNORECASE)
_DAFTAR_RE = re.compile(r"^[\s#*_]*daftar\s+(?:tabel|isi|gambar|grafik|lampiran)\b", re.IGNORECASE)


def _norm_num(num: str) -> str:
    return re.sub(r"\s", "", num).replace("-", ".").upper()


def _scheme(num: str) -> str:
    """The shape of a table number: "3.1" -> "d.d", "III.2" -> "r.d", "19" -> "d"."""
    return ".".join("r" if re.fullmatch(r"[IVX]+", p) else "d" for p in num.split("."))


def _num_key(num: str) -> tuple[str, int]:
    head, _, last = num.rpartition(".")
    return head, int(last) if last.isdigit() else _ROMAN_VAL.get(last, 0)


def _past_last(num: str, known: dict[str, Block]) -> bool:
    """``num`` is after the last known table of its series ("3.9" when the last is 3.8)."""
    head, v = _num_key(num)
    same = [_num_key(k)[1] for k in known if _num_key(k)[0] == head]
    return bool(same) and v > max(same)


def _daftar_ranges(ctx: CheckContext) -> set[int]:
    """Indexes of blocks inside a "DAFTAR ISI / TABEL / GAMBAR" list."""
    out: set[int] = set()
    blocks = ctx.document.blocks
    for i, b in enumerate(blocks):
        if b.kind == "table" or not _DAFTAR_RE.match(b.text) or len(b.text) > 40:
            continue
        seen: set[str] = set()
        for nb in blocks[i:i + 150]:
            key = _toc_key(nb.text)
            if nb.index != i and key in seen:
                break  # the body starts where a listed title comes again ("BAB I ...")
            if nb.kind != "table" and not is_toc_line(nb.text) and (
                    len(nb.text) > 150 or (len(nb.text) > 60 and not _toc_like_title(nb.text))):
                break
            if nb.index != i and nb.kind == "heading" and not is_toc_line(nb.text) \
                    and not _DAFTAR_RE.match(nb.text) and not _toc_like_title(nb.text):
                break
            if key:
                seen.add(key)
            out.add(nb.index)
    return out


def daftar_blocks(ctx: CheckContext) -> set[int]:
    """Indexes of the blocks of the lists of contents, tables and figures (cached)."""
    cached = getattr(ctx, "_daftar_blocks", None)
    if isinstance(cached, set):
        return cached
    out = _daftar_ranges(ctx)
    object.__setattr__(ctx, "_daftar_blocks", out)
    return out


def _toc_key(text: str) -> str:
    """A title without dot leaders, page numbers and punctuation, for comparing a table of
    contents line with the body heading it lists."""
    t = re.sub(r"(?:\.{2,}|…|_{3,}|\s\.\s\.).*$", "", text)
    t = re.sub(r"[\s|]+(?:\d{1,3}|[ivxl]{1,6})[\s|]*$", "", t)
    return re.sub(r"[^A-Z0-9]", "", t.upper())


def _toc_like_title(text: str) -> bool:
    """A line a table of contents lists: a chapter, a lettered/numbered section or a title
    in capitals (without page numbers, in some reports)."""
    t = text.strip(" #*_")
    return bool(_BAB_HEAD_RE.match(t) or _LETTER_HEAD_RE.match(t) or _SUB_HEAD_RE.match(t)
                or (len(t) < 90 and _upper_title(t)))


def _table_numbers(ctx: CheckContext, skip: set[int],
                   repeated: set[str] | None = None) -> dict[str, Block]:
    """Table numbers given by captions (caption blocks, lines starting "Tabel N", table
    captions of DOCX readers), outside the lists of tables; ``repeated`` receives the numbers
    given by two captions or more."""
    out: dict[str, Block] = {}
    for b in ctx.document.blocks:
        if b.index in skip or _wrapped_reference(ctx, b):
            continue
        texts = [b.caption or ""] if b.kind == "table" else [b.text]
        if b.kind == "table":
            texts += [r.cells[0].text for r in b.rows[:2] if r.cells]
        seen_here: set[str] = set()
        for t in texts:
            m = _ANY_CAPTION_RE.match(t)
            if m and len(t) < 250 and not is_toc_line(t):
                num = _norm_num(m.group("num"))
                if repeated is not None and num in out and out[num] is not b and num not in seen_here:
                    repeated.add(num)
                seen_here.add(num)
                out.setdefault(num, b)
    return out


def _slot_of_repeated(num: str, repeated: set[str]) -> bool:
    """``num`` is right after (or before) a number two captions carry: "Tabel 3-1" printed
    twice and then "Tabel 3-3" leaves the reference to "Tabel 3-2" pointing at the second
    3-1 (ST101 reports the duplicate; the missing number is its consequence)."""
    head, v = _num_key(num)
    return any(_num_key(r)[0] == head and abs(_num_key(r)[1] - v) == 1 for r in repeated)


_BARE_TABLE_LINE = re.compile(r"^[\s*_]*tabel\s+[\w.\-–]+?[\s*_]*[.,;)]?[\s*_]*$", re.IGNORECASE)


def _wrapped_reference(ctx: CheckContext, b: Block) -> bool:
    """A line that is only "Tabel III.9." right after a line cut mid-sentence ("... dapat
    dilihat pada\nTabel III.9."): the end of a wrapped reference, not a caption."""
    if b.kind == "table" or not _BARE_TABLE_LINE.match(b.text) or b.index == 0:
        return False
    prev = ctx.document.blocks[b.index - 1]
    return prev.kind in ("paragraph", "list_item") and not re.search(r"[.!?:;]\W*$", prev.text.rstrip()) \
        and bool(re.search(r"\b(?:pada|di|dalam|lihat|ke|dengan|sesuai|sebagaimana|seperti)\s*$",
                           prev.text.rstrip(), re.IGNORECASE))


def _table_num_key(num: str) -> list[tuple[int, int, str]]:
    """Sort key of a table number that mixes digits and roman/letter parts ("III.2", "12",
    "3.1a"): every part is compared as a number when it is one, else as text after numbers."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in num.split(".")]


@register
class MissingTableReference(Rule):
    """A reference to a table that the report does not have: "lihat Tabel 3.9" when the
    captions go from Tabel 3.1 to Tabel 3.8 ("Tabel 19", "Tabel III.2" alike).

    A reference to a missing table is either a wrong number or a table that was removed; the
    reader cannot find the figures the text relies on. Only numbers written in the same
    scheme as the report's own captions are checked, and references to tables of other
    documents ("Tabel 2 Renstra", "tabel pada Permen ...") are left alone.
    """

    code = "ST106"
    name = "missing-table-reference"
    category = "structure"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        skip = daftar_blocks(ctx)
        repeated: set[str] = set()
        known = _table_numbers(ctx, skip, repeated)
        if len(known) < 2:
            return
        schemes = {_scheme(n) for n in known}
        # tables without a caption the reader recognised: a number inside the known range
        # may be one of them, so only numbers past the last one are certain
        uncaptioned = len(ctx.document.tables()) > len(known) + len(repeated)
        reported: set[str] = set()
        for b in ctx.document.blocks:
            if b.kind == "table" or b.index in skip or is_toc_line(b.text):
                continue
            for m in _TABLE_REF_RE.finditer(b.text):
                num = _norm_num(m.group("num"))
                if m.start() == len(b.text) - len(b.text.lstrip(" #*_")) and len(b.text) < 250 \
                        and not _wrapped_reference(ctx, b):
                    continue  # the caption itself
                if num in known or num in reported:
                    continue
                if _scheme(num) not in schemes and (uncaptioned or len(known) < 3 or len(schemes) > 1):
                    continue  # another numbering: only where every table has a caption of one
                    # numbering ("Tabel 1".."Tabel 5") is a "Tabel 3.9" certainly none of them
                if _OTHER_DOC_RE.match(b.text[m.end():]) or \
                        re.search(r"\blampiran\W{0,3}$", b.text[max(0, m.start() - 15):m.start()], re.I):
                    continue
                if uncaptioned and not _past_last(num, known):
                    continue
                if _slot_of_repeated(num, repeated) and not _past_last(num, known):
                    continue
                reported.add(num)
                have = sorted(known, key=_table_num_key)
                shown = ", ".join(have[:12]) + (" ..." if len(have) > 12 else "")
                yield self.issue(
                    b, m.start(), m.end(),
                    f"teks merujuk ke Tabel {num}, padahal laporan tidak memuat tabel bernomor "
                    f"itu (tabel yang ada: {shown}); perbaiki nomor rujukannya",
                    expected="nomor tabel yang ada",
                )


_LETTER_HEAD_RE = re.compile(r"^[\s#*_]*(?P<k>[A-H])\s?[.)]\s+(?P<t>\S.{2,}?)[\s*_]*$")
_NUM_HEAD_RE = re.compile(r"^[\s#*_]*(?P<k>\d{1,2})\s?[.)]\s+(?P<t>[A-Z][^a-z]{3,}?)[\s*_]*$")
# "1.1 Latar Belakang", "3.2. Capaian Kinerja" (not "3.1" in a sentence: a title must follow)
# a title may hold an abbreviation with its period ("3.4 Pengukuran Kinerja TA. 2021")
_SUB_HEAD_RE = re.compile(r"^[\s#*_]*(?P<p>\d{1,2})\.(?P<k>\d{1,2})\.?\s+(?P<t>[A-Za-z](?:[^.:;]|"
                          r"(?<=\b[A-Z])\.|(?<=\b[A-Z][A-Za-z])\.|(?<=\b[A-Z][a-z]{2})\.){2,100}?)"
                          r"[\s*_]*$")
_BAB_HEAD_RE = re.compile(r"^[\s#*_]*BAB\s+(?P<k>[IVX]{1,5})\b\.?(?P<t>.*)$", re.IGNORECASE)


def _bab_heading(text: str, kind: str) -> re.Match[str] | None:
    """A chapter mark that starts a heading, not a sentence of the sistematika paragraph
    ("Bab IV Penutup berisi kesimpulan dan saran."): a title of five or more words, three or
    more of them in lower case, that ends a sentence is prose. Text readers may still call
    such a line a heading, so ``kind`` does not exempt it."""
    m = _BAB_HEAD_RE.match(text)
    if m is None:
        return m
    if len(re.findall(r"(?i)\bbab\s+[ivx]{1,5}\b", text)) >= 2:
        return None  # "Bab I Pendahuluan; Bab II Perencanaan Kinerja; ...": the sistematika
    if outline_entry(text[m.start("t"):]):
        return None  # "Bab I Pendahuluan, berisi latar belakang ...;": one line of the outline
    title = m.group("t").strip(" .:-*_#\t")
    words = title.split()
    lower = sum(1 for w in words if w[:1].islower())
    if len(words) >= 5 and lower >= 3 and \
            (text.rstrip(" *_").endswith(".") or re.search(r"[a-z]\.\s+[A-Z]", title)):
        return None
    if words and words[0][:1].islower() and \
            (text.rstrip(" *_").endswith(".") or re.search(r"[.;]\s+bab\s+[ivx]+\b", title, re.I)):
        return None  # "Bab I berisi pendahuluan. Bab II memuat ...": a sentence
    return m
_DICTUM_ANY_RE = re.compile(r"(?:^|(?<=[\s;.]))(?<!diktum )(?<!Diktum )(?<!DIKTUM )(?<!dictum )[\s#*_-]*(?P<k>KESATU|KEDUA|"
                            r"KETIGA|KEEMPAT|KELIMA|KEENAM|KETUJUH|KEDELAPAN|KESEMBILAN|KESEPULUH|"
                            r"Kesatu|Kedua|Ketiga|Keempat|Kelima|Keenam|Ketujuh|Kedelapan|"
                            r"Kesembilan|Kesepuluh)\b[\s*_]*:")
_DICTA = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN",
          "KESEMBILAN", "KESEPULUH"]
_DECREE_START_RE = re.compile(r"^[\s#*_]*(?:MEMUTUSKAN|MENETAPKAN|KEPUTUSAN)\b", re.IGNORECASE)
# an academic degree after a name ("..., S.Sos., M.Si.", "..., SE", "Dr. ...")
_DEGREE_RE = re.compile(r",\s*(?:[SMD]\.\s?[A-Za-z]{1,5}\.?|S[EH]\b|Dr\.|Ir\.|Drs\.|Dra\.|Amd\.?|A\.Md)")
_ROMAN_VAL = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}


def _upper_title(t: str) -> bool:
    letters = [c for c in t if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) >= 0.7


def _section_marks(ctx: CheckContext) -> Iterable[tuple[str, int, str, Block, tuple[int, int]]]:
    """("bab"|"letter"|"num"|"dictum", value, shown mark, block, span) of every numbered heading
    and decree dictum outside the lists of contents, in document order; ("reset", ...)
    where a new decree starts."""
    skip = daftar_blocks(ctx)
    for b in ctx.document.blocks:
        if b.kind == "table" and b.index not in skip:
            # decrees laid out as a table: "KESATU | : | text"
            for row in b.rows:
                cell = next((c for c in row.cells if c.text.strip()), None)
                word = cell.text.strip(" *_:").upper() if cell is not None else ""
                if cell is not None and word in _DICTA:
                    s0 = cell.text.upper().find(word)
                    yield ("dictum", _DICTA.index(word) + 1, word, cell,  # type: ignore[misc]
                           (s0, s0 + len(word)))
            continue
        if b.index in skip or is_toc_line(b.text):
            continue
        t = b.text
        dicta = list(filtered_finditer(_DICTUM_ANY_RE, t))
        if dicta:
            # a reader may join dicta written on consecutive lines into one block
            for m in dicta:
                k = m.group("k").upper()
                yield ("dictum", _DICTA.index(k) + 1, k, b, m.span("k"))
            continue
        if len(t) > 160:
            continue
        full = (0, len(t.rstrip()))
        if _DECREE_START_RE.match(t):
            yield ("reset", 0, "", b, (0, 0))
            continue
        m = _bab_heading(t, b.kind)
        if m and m.group("k").upper() in _ROMAN_VAL:
            yield ("bab", _ROMAN_VAL[m.group("k").upper()], "BAB " + m.group("k").upper(), b, full)
            continue
        heading = b.kind == "heading"
        m = _LETTER_HEAD_RE.match(t)
        if m and _DEGREE_RE.search(t):
            m = None  # "H. MOCH. SYAIFUL ANAM, S.Sos., M.Si.": a signatory (Haji), not section H
        if m and (heading or _upper_title(m.group("t"))) and len(t) < 120:
            yield ("letter", ord(m.group("k")) - ord("A") + 1, m.group("k"), b, full)
            continue
        m = _NUM_HEAD_RE.match(t)
        if m and len(t) < 120:
            yield ("num", int(m.group("k")), m.group("k"), b, full)
            continue
        m = _SUB_HEAD_RE.match(t)
        if m and len(t) < 120 and (heading or _upper_title(m.group("t"))
                                   or m.group("t")[:1].isupper()):
            yield ("sub:" + m.group("p"), int(m.group("k")), f"{m.group('p')}.{m.group('k')}", b,
                   full)


def _show_mark(kind: str, v: int) -> str:
    if kind.startswith("sub:"):
        return f"{kind[4:]}.{v}"
    if kind == "bab":
        return "BAB " + next((r for r, n in _ROMAN_VAL.items() if n == v), str(v))
    if kind == "letter":
        return chr(ord("A") + v - 1)
    if kind == "dictum":
        return _DICTA[v - 1] if 1 <= v <= len(_DICTA) else str(v)
    return str(v)


@register
class SectionSequence(Rule):
    """Section letters, chapter numbers, numbered headings or decree dicta that repeat or skip
    one: "A. ..., B. ..., B. ..., D. ...", "BAB I, BAB II, BAB IV", "1. ..., 2. ..., 4. ...",
    "KESATU, KEDUA, KEDUA, KEEMPAT".

    The outline is how a reader (and the table of contents) finds a section, and the dicta of
    a decree are cited by their ordinal; a repeated or skipped mark means a section was
    deleted, merged or pasted. Letters and numbers start again in every chapter (and numbers
    under every lettered section); dicta start again in every decree.
    """

    code = "ST107"
    name = "section-sequence"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ctx.info  # noqa: B018 - assigns chapters
        last: dict[str, tuple[int, Block, tuple[int, int]]] = {}
        assumed: set[str] = set()  # kinds whose last value was set to the one intended
        chapter: str | None = None
        for kind, v, mark, b, span in _section_marks(ctx):
            if kind == "reset":
                last.pop("dictum", None)
                continue
            if kind != "dictum" and b.chapter != chapter:
                chapter = b.chapter
                last.pop("letter", None)
                last.pop("num", None)
            if kind == "bab":
                last.pop("letter", None)
                last.pop("num", None)
                for key in [k for k in last if k.startswith("sub:")]:
                    last.pop(key)
            elif kind == "letter":
                last.pop("num", None)
            prev = last.get(kind)
            last[kind] = (v, b, span)
            was_assumed = kind in assumed
            assumed.discard(kind)
            if prev is None or (v == 1 and prev[0] != 1):
                continue
            pv, pb, _pspan = prev
            if was_assumed and v == pv:
                continue  # "3.4, 3.4, 3.5": the numbering goes on from the doubled mark (one issue)
            if kind == "num" and b.index == pb.index + 1:
                continue  # adjacent list items: ST103
            if v == pv and (kind == "dictum" or " ".join(b.text.split()) != " ".join(pb.text.split())):
                want = _show_mark(kind, v + 1)
                last[kind] = (v + 1, b, span)  # the next mark follows the intended one
                assumed.add(kind)
                yield self.issue(
                    b, span[0], span[1],
                    f"penanda \"{mark}\" dipakai dua kali berturut-turut (juga di baris "
                    f"{pb.position(0)[0]}); seharusnya \"{want}\"",
                    expected=want,
                )
            elif 1 < v < pv and kind in ("letter", "bab", "dictum"):
                want = _show_mark(kind, pv + 1)
                last[kind] = (pv + 1, b, span)
                yield self.issue(
                    b, span[0], span[1],
                    f"penanda \"{mark}\" muncul lagi sesudah \"{_show_mark(kind, pv)}\" (baris "
                    f"{pb.position(0)[0]}); seharusnya \"{want}\"",
                    expected=want,
                )
            elif v == pv + 2:
                want = _show_mark(kind, pv + 1)
                yield self.issue(
                    b, span[0], span[1],
                    f"penanda melompat dari \"{_show_mark(kind, pv)}\" ke \"{mark}\"; "
                    f"seharusnya \"{want}\" (atau bagian \"{want}\" hilang)",
                    expected=want,
                )


def _width(row_cells: list, *, empty: bool = False) -> int:
    """Columns a row spans: up to its last cell with text (or any cell, with ``empty``)."""
    return max((c.col + max(1, c.colspan) for c in row_cells if empty or c.text.strip()),
               default=0)


@register
class RowWiderThanHeader(Rule):
    """A table row with more values than the header has columns: a header "No | Indikator |
    Target | Realisasi" above a row "1 | IKM | 85 | 86 | 101,2".

    The extra value has no column name, so the reader cannot tell what it is, and a value
    is usually shifted by one column (a cell split in two, or a column deleted from the
    header only). Rows are compared with the widest header row; tables whose body rows are
    all wider than the header (a header the reader could not take apart) are skipped.
    """

    code = "ST108"
    name = "row-wider-than-header"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for t in ctx.document.tables():
            heads = t.header_rows()
            body = t.body_rows()
            if not heads or len(body) < 2:
                continue
            hw = max(_width(r.cells, empty=True) for r in heads)
            if hw < 2:
                continue
            wide = [r for r in body if _width(r.cells) > hw]
            if not wide or len(wide) * 2 > len(body):
                continue
            for r in wide:
                extra = [c for c in r.cells if c.text.strip() and c.col >= hw]
                if not extra:
                    continue
                c = extra[0]
                yield self.issue(
                    c, 0, len(c.text),
                    f"baris tabel memuat {_width(r.cells)} kolom nilai, padahal judul kolom "
                    f"tabel hanya {hw} kolom; nilai \"{c.text.strip()[:30]}\" tidak punya judul "
                    f"kolom (periksa sel yang bergeser atau kolom yang terhapus)",
                    expected=f"{hw} kolom",
                )


@register
class EmptyLastSection(Rule):
    """A numbered or lettered section with no content: "D. REKOMENDASI" as the last line of a
    chapter, followed directly by the next BAB or by the end of the report.

    A heading without text promises content the report does not give; it is usually a
    template section that was never written.
    """

    code = "ST109"
    name = "empty-section"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        marks = [(k, b) for k, _v, _m, b, _s in _section_marks(ctx) if k in ("letter", "num", "bab")]
        blocks = ctx.document.blocks
        for k, b in marks:
            nxt = None
            for j in range(b.index + 1, len(blocks)):
                if blocks[j].text.strip() or blocks[j].kind == "table":
                    nxt = blocks[j]
                    break
            if k == "bab" and nxt is not None:
                continue
            if nxt is not None and (nxt.kind == "table" or not _bab_heading(nxt.text, nxt.kind)):
                continue
            yield self.issue(
                b, 0, len(b.text.rstrip()),
                f"bagian \"{b.text.strip(' #*_')[:60]}\" tidak berisi apa pun "
                + ("(laporan berakhir di judul ini)" if nxt is None else
                   f"(langsung disusul {nxt.text.strip(' #*_')[:20]})")
                + "; isi bagian ini atau hapus judulnya",
                expected="isi bagian",
            )


@register
class TocChapterMismatch(Rule):
    """A chapter of the table of contents that the body does not have, or has under another
    title: the daftar isi lists "BAB IV PENUTUP" while the body ends at BAB III, or "BAB II
    PERENCANAAN KINERJA" is "BAB II AKUNTABILITAS KINERJA" in the body; or a chapter of the
    body missing from the daftar isi.

    The table of contents is the reader's map of the report; it must list the chapters that
    are there, under their real titles.
    """

    code = "ST110"
    name = "toc-chapter-mismatch"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.fuzzy import similarity

        toc = daftar_blocks(ctx)
        blocks = ctx.document.blocks
        entries: dict[int, tuple[str, object]] = {}
        body: dict[int, tuple[str, Block]] = {}
        for b in blocks:
            units_ = ([r.cells[0] for r in b.rows if r.cells] if b.kind == "table" else [b])
            for u in units_:
                m = _bab_heading(u.text, b.kind if u is b else "cell")
                if not m or m.group("k").upper() not in _ROMAN_VAL or len(u.text) > 160:
                    continue
                n = _ROMAN_VAL[m.group("k").upper()]
                title = re.sub(r"\.{2,}.*$|….*$|\s\d{1,3}\s*$", "", m.group("t")).strip(" .:-*_#\t")
                if b.index in toc or is_toc_line(u.text):
                    entries.setdefault(n, (title, u))
                elif b.kind != "table" and n not in body:
                    if not title:
                        nb = next((x for x in blocks[b.index + 1:b.index + 3]
                                   if x.kind != "table" and x.text.strip()), None)
                        title = nb.text.strip(" #*_:") if nb is not None and len(nb.text) < 120 \
                            else ""
                    body[n] = (title, b)
        if len(entries) < 2 or len(body) < 2:
            return
        for n, (title, u) in sorted(entries.items()):
            bab = _show_mark("bab", n)
            if n not in body:
                other = next((k for k, (bt, _b) in body.items() if k not in entries and title
                              and bt and similarity(title.upper(), bt.upper()) >= 0.8), None)
                if other is not None:
                    shown = _show_mark("bab", other)
                    yield self.issue(
                        u, 0, len(u.text.rstrip()),  # type: ignore[attr-defined]
                        f"daftar isi menulis {bab} {title}, padahal di naskah (baris "
                        f"{body[other][1].position(0)[0]}) bab itu adalah {shown}",
                        expected=f"{shown} {title}",
                    )
                elif n > max(body):
                    yield self.issue(
                        u, 0, len(u.text.rstrip()),  # type: ignore[attr-defined]
                        f"daftar isi memuat {bab} {title}, padahal naskah tidak memuat bab itu",
                        expected=f"hapus {bab} dari daftar isi atau tambahkan babnya",
                    )
                continue
            btitle, bb = body[n]
            if title and btitle and similarity(title.upper(), btitle.upper()) < 0.4:
                yield self.issue(
                    u, 0, len(u.text.rstrip()),  # type: ignore[attr-defined]
                    f"daftar isi menamai {bab} \"{title}\", padahal di naskah (baris "
                    f"{bb.position(0)[0]}) judulnya \"{btitle}\"",
                    expected=f"{bab} {btitle}",
                )
        for n, (btitle, bb) in sorted(body.items()):
            renumbered = any(n2 not in body and t2 and btitle and similarity(t2.upper(),
                                                                            btitle.upper()) >= 0.8
                             for n2, (t2, _u) in entries.items())
            if n not in entries and n < max(entries) and not renumbered:
                yield self.issue(
                    bb, 0, len(bb.text.rstrip()),
                    f"{_show_mark('bab', n)} {btitle} tidak tercantum di daftar isi",
                    expected="tambahkan bab ini ke daftar isi",
                )
        yield from self._sections(ctx)

    def _sections(self, ctx: CheckContext) -> Iterable[Issue]:
        """A lettered section of the daftar isi whose letter names another section in the
        body and whose title is nowhere in that chapter (renamed or replaced)."""
        from drafter.check.fuzzy import similarity

        ctx.info  # noqa: B018 - assigns chapters
        entries, end = _toc_entries(ctx)
        if not entries:
            return
        body: dict[str, dict[str, tuple[str, Block]]] = {}
        for b in ctx.document.blocks[end + 1:]:
            if b.kind == "table" or not b.chapter or len(b.text) > 160 or is_toc_line(b.text):
                continue
            lm = _LETTER_RE.match(b.text)
            if lm and _upper_title(lm.group(2)):
                body.setdefault(b.chapter, {}).setdefault(
                    lm.group(1), (" ".join(lm.group(2).strip(" *_#").split()), b))
        for e in entries:
            heads = body.get(e.chapter or "")
            if not heads or len(heads) < 2 or e.letter not in heads:
                continue
            shown = re.sub(r"(?:\.{2,}|…).*$", "", e.text).strip()
            etitle = _LETTER_RE.match(shown)
            if etitle is None:
                continue
            et = etitle.group(2).strip(" .")
            if any(_same_title(e.title, _norm_title(t)) or similarity(et.upper(), t.upper()) >= 0.4
                   for t, _b in heads.values()):
                continue  # the same title (here or under another letter: ST104)
            bt, bb = heads[e.letter]
            unit = e.unit
            yield self.issue(
                unit, 0, len(unit.text.rstrip()),  # type: ignore[attr-defined]
                f"daftar isi menulis \"{shown}\" di {e.chapter}, padahal di naskah (baris "
                f"{bb.position(0)[0]}) bagian {e.letter} berjudul \"{bt}\"",
                expected=f"{e.letter}. {bt}",
            )


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """The content of the balanced ``{...}`` opening at ``text[start]`` and the index after it."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    for i in range(start, min(len(text), start + 600)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i + 1
    return None


def _formula_key(term: str) -> str:
    t = re.sub(r"\\(?:text|mathrm|mbox|textrm|textit|mathit)\b", " ", term)
    t = re.sub(r"\\[a-zA-Z]+", " ", t)
    return " ".join(re.sub(r"[{}()\[\]$_^~]", " ", t).lower().split())


_TEXT_FRACTION_RE = re.compile(
    r"=\s*\(?\s*(?P<a>[^=/:()\n]{5,150}?)\s*\)?\s*(?:/|:|\bdibagi(?:\s+dengan)?\b)\s*\(?\s*"
    r"(?P<b>[^=/:()\n]{5,150}?)\s*\)?\s*(?:x|×|\*|\bdikali(?:kan)?(?:\s+dengan)?\b)\s*100\b",
    re.IGNORECASE)


@register
class DegenerateFormula(Rule):
    """A ratio formula whose numerator and denominator are the same term: "Ketaatan =
    \\frac{Jumlah izin terbit}{Jumlah izin terbit} x 100%", "Persentase = Jumlah aduan
    selesai / Jumlah aduan selesai x 100%".

    Such a formula always gives 100%, so it cannot measure the indicator; the numerator (or
    the denominator) was copied over the other term. LaTeX ``\\frac{..}{..}`` and plain
    "A / B x 100" formulas are read; terms are compared without markup, case and spacing.
    """

    code = "ST111"
    name = "degenerate-formula"
    category = "other"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.rules._textutil import units

        for unit, _b in units(ctx.document):
            text = unit.text
            if "frac" in text:
                for m in re.finditer(r"\\d?frac\s*(?=\{)", text):
                    num = _braced(text, m.end())
                    if num is None:
                        continue
                    den = _braced(text, num[1])
                    if den is None:
                        continue
                    yield from self._same(unit, m.start(), den[1], num[0], den[0])
            if "=" in text:
                for m in _TEXT_FRACTION_RE.finditer(text):
                    yield from self._same(unit, m.start("a"), m.end("b"), m.group("a"), m.group("b"))

    def _same(self, unit: object, start: int, end: int, a: str, b: str) -> Iterable[Issue]:
        ka, kb = _formula_key(a), _formula_key(b)
        if ka != kb or len(ka) < 3 or not re.search(r"[a-z]{3}", ka):
            return
        yield self.issue(
            unit, start, end,  # type: ignore[arg-type]
            f"pembilang dan penyebut rumus sama (\"{ka}\"), sehingga hasilnya selalu 100%; "
            "salah satu suku rumus tertukar atau tersalin",
            expected="pembilang dan penyebut yang berbeda sesuai definisi indikator",
        )


_FIG_NUM = r"(?:[IVX]{1,4}|\d{1,2})(?:\s?[.\-]\s?\d{1,2}){0,2}"
_FIG_REF_RE = re.compile(r"\b(?P<kind>gambar|grafik|diagram|bagan)\.?\s+(?P<num>" + _FIG_NUM
                         + r")(?![\w.,]\d|\w)", re.IGNORECASE)
_FIG_CAPTION_RE = re.compile(r"^[\s#*_!\[]*(?P<kind>gambar|grafik|diagram|bagan)\.?\s+(?P<num>"
                             + _FIG_NUM + r")(?!\w)", re.IGNORECASE)


@register
class MissingFigureReference(Rule):
    """A reference to a figure the report does not have: "sebagaimana terlihat pada Gambar
    3.2" when no figure of the report is titled "Gambar 3.2" (nor listed in its daftar gambar),
    "Grafik 4" when the graphs go from Grafik 1 to Grafik 3.

    The reader cannot find the picture the text relies on: the number is wrong or the figure
    was left out. A figure title is a line that starts with "Gambar/Grafik/Diagram/Bagan N"
    (also inside a Markdown image); references to figures of other documents ("Gambar 2
    Renstra", "gambar pada Permen ...") are left alone.
    """

    code = "ST112"
    name = "missing-figure-reference"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        known: dict[str, set[str]] = {}
        for b in ctx.document.blocks:
            if b.kind == "table":
                continue
            for line in b.text.split("\n"):
                m = _FIG_CAPTION_RE.match(line)
                if m and len(line) < 250:
                    known.setdefault(m.group("kind").lower(), set()).add(_norm_num(m.group("num")))
        skip = daftar_blocks(ctx)
        reported: set[tuple[str, str]] = set()
        for b in ctx.document.blocks:
            if b.kind == "table" or b.index in skip or is_toc_line(b.text):
                continue
            for m in filtered_finditer(_FIG_REF_RE, b.text):
                kind, num = m.group("kind").lower(), _norm_num(m.group("num"))
                if not m.group("kind")[0].isupper():
                    continue  # "dipasang gambar 2 unit": a picture, not a reference
                head = b.text[:m.start()]
                if not head.strip(" \t#*_![") and len(b.text) < 250:
                    continue  # the title itself
                if num in known.get(kind, set()) or (kind, num) in reported:
                    continue
                if _OTHER_DOC_RE.match(b.text[m.end():]) or \
                        re.search(r"\blampiran\W{0,3}$", head[-15:], re.I):
                    continue
                have = sorted(known.get(kind, set()), key=_table_num_key)
                reported.add((kind, num))
                shown = (f"{kind} yang ada: {', '.join(have[:12])}" if have
                         else f"laporan tidak memuat {kind} berjudul")
                yield self.issue(
                    b, m.start(), m.end(),
                    f"teks merujuk ke {m.group('kind')} {num}, padahal {shown}"
                    + ("" if have else f" \"{m.group('kind').capitalize()} {num}\"")
                    + "; perbaiki nomor rujukannya atau sertakan gambarnya",
                    expected="nomor gambar yang ada",
                )


def _section_numbers(ctx: CheckContext) -> dict[int, str]:
    """Block index -> the number of the sub-section ("3.4 Akuntabilitas Keuangan") it is in."""
    out: dict[int, str] = {}
    cur = ""
    for b in ctx.document.blocks:
        if b.kind != "table" and len(b.text) < 120:
            m = _SUB_HEAD_RE.match(b.text)
            if m and not _ANY_CAPTION_RE.match(b.text):
                cur = f"{int(m.group('p'))}.{int(m.group('k'))}"
            elif _bab_heading(b.text, b.kind):
                cur = ""
        out[b.index] = cur
    return out


@register
class TableNumberGap(Rule):
    """Table numbers that skip one: captions "Tabel 4" and then "Tabel 6" with no Tabel 5
    anywhere, or "Tabel 3.3" followed by "Tabel 3.5".

    A skipped number is a table that was removed (and references to the numbers after it may
    now point one table off) or a caption mistyped. Numbers are compared within their scheme
    and chapter ("3.x", "III.x", global "N"); a gap is reported only when no table without a
    recognised caption stands between the two captions, the missing number is not given to any
    table, and no more than two numbers are skipped.
    """

    code = "ST113"
    name = "table-number-gap"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        skip = daftar_blocks(ctx)
        known = _table_numbers(ctx, skip)
        if len(known) < 3:
            return
        groups: dict[tuple[str, str], list[tuple[int, str, Block]]] = {}
        for num, b in known.items():
            parts = num.split(".")
            if not parts[-1].isdigit():
                continue
            prefix = ".".join(parts[:-1])
            groups.setdefault((_scheme(num), prefix), []).append((int(parts[-1]), num, b))
        tables = [b.index for b in ctx.document.blocks if b.kind == "table"]
        sections: dict[int, str] | None = None
        for (_s, prefix), items in groups.items():
            items.sort(key=lambda x: x[0])
            if len(items) < 3:
                continue
            for (n1, num1, b1), (n2, num2, b2) in zip(items, items[1:], strict=False):
                if not 2 <= n2 - n1 <= 3 or b2.index <= b1.index:
                    continue
                # the table of the first caption and the second caption's own table; any other
                # table between them may carry the missing number in a caption not recognised
                between = [i for i in tables if b1.index <= i < b2.index]
                if len(between) > 1:
                    continue
                if sections is None:
                    sections = _section_numbers(ctx)
                if sections.get(b1.index) == num1 and sections.get(b2.index) == num2:
                    continue  # tables numbered after their sections ("3.4 ..." holds Tabel 3.4)
                missing = [f"{prefix}.{k}" if prefix else str(k) for k in range(n1 + 1, n2)]
                shown = " dan ".join(f"Tabel {m}" for m in missing)
                yield self.issue(
                    b2, 0, len(b2.text) if b2.kind != "table" else 0,
                    f"penomoran tabel melompat dari Tabel {num1} ke Tabel {num2}: {shown} tidak "
                    f"ada; periksa nomor tabel (dan rujukan ke tabel sesudahnya)",
                    expected=f"Tabel {missing[0]}",
                )


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# "pada Bab V", "dalam BAB VI laporan ini", "lihat Bab 5": a reference to a chapter of the report
_CHAPTER_REF_RE = re.compile(r"\b(?:pada|dalam|di|lihat|ke|sebagaimana|seperti)\s+(?:bagian\s+)?"
                             r"(?P<w>bab)\s+(?P<n>[IVX]{1,4}|\d{1,2})\b(?![.\-]\d)", re.IGNORECASE)


@register
class MissingChapterReference(Rule):
    """A reference to a chapter the report does not have: "diuraikan lebih lanjut pada Bab V
    laporan ini" in a report whose chapters end with BAB IV.

    The reader looks for a chapter that is not there: the reference was copied from a report
    with another outline. Only reports whose chapter headings (BAB I, BAB II, ...) were found,
    at least three of them, are read; references to chapters of other documents ("Bab V
    Renstra", "Bab IV Peraturan Menteri ...") are left alone.
    """

    code = "ST114"
    name = "missing-chapter-reference"
    category = "structure"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        _ = ctx.info  # assigns chapters to the blocks
        have = {_ROMAN.get(b.chapter.split()[-1], 0) for b in ctx.document.blocks if b.chapter}
        have.discard(0)
        if len(have) < 3:
            return
        top = max(have)
        skip = daftar_blocks(ctx)
        blocks = ctx.document.blocks
        for b in blocks:
            if b.kind == "table" or b.index in skip or is_toc_line(b.text) or "ab" not in b.text.lower():
                continue
            text, off = b.text, 0
            prev = blocks[b.index - 1] if b.index > 0 else None
            if prev is not None and prev.kind == "paragraph" and re.match(r"(?i)bab\s", text) and \
                    not re.search(r"[.!?:;]\W*$", prev.text):
                # a sentence wrapped over line blocks (PDF text): "... lebih lanjut pada" / "Bab V ..."
                tail = prev.text[-40:].replace("\n", " ") + " "
                text, off = tail + text, len(tail)
            for m in _CHAPTER_REF_RE.finditer(text):
                if m.start("w") < off:
                    continue
                raw = m.group("n").upper()
                n = int(raw) if raw.isdigit() else _ROMAN.get(raw, 0)
                if not n or n in have or (n <= top and len(have) == top):
                    continue
                if _OTHER_DOC_RE.match(text[m.end():]):
                    continue
                names = ", ".join(f"BAB {k}" for k in sorted(
                    (r for r, v in _ROMAN.items() if v in have), key=lambda r: _ROMAN[r]))
                yield self.issue(
                    b, m.start("w") - off, m.end("n") - off,
                    f"teks merujuk ke Bab {m.group('n')}, padahal laporan ini hanya memuat {names}; "
                    "perbaiki rujukannya",
                    expected="bab yang ada",
                )
