"""Reader-independent structure helpers: table clean-up (header rows, repeated headers,
continuation rows, separator rows), caption and heading recognition, caption-table links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.document.model import Block, Cell, Row

# "Tabel 3.1", "Table 3.5", "TABEL III.2", "Tabel 3.1." followed by an optional title.
CAPTION_RE = re.compile(
    r"^(?:tabel|table)\s+(?:[IVX]+|\d+)(?:\s*[.\-–]\s*\d+)*\.?(?=\s|:|$)\s*:?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_NUMBERING_RE = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6}|\d{1,3}\.[A-Za-z0-9]{1,3}|[A-Za-z])[.)]?$")
_COLNUM_RE = re.compile(r"^\(?\d{1,2}\)?$")
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
_NUMERIC_RE = re.compile(r"\d")
_SEPARATOR_RE = re.compile(r"^[\s\-=:+_|]+$")
_CHAPTER_HEAD_RE = re.compile(r"^BAB\s+[IVX]+\b", re.IGNORECASE)
_SECTION_HEAD_RE = re.compile(r"^(?:[A-H]\.\s*\d?\.?|[A-H]\.\d+\.?)\s*\S")


def caption_match(text: str) -> re.Match[str] | None:
    """Match a caption line ("Tabel 3.1 Judul"); not a sentence that merely starts so."""
    m = CAPTION_RE.match(text.strip())
    if not m:
        return None
    title = m.group("title")
    if len(title) > 200:
        return None
    # "Tabel 3.1 menunjukkan bahwa ..." is a sentence, not a caption
    if title[:1].islower() and not title.lower().startswith("tahun"):
        # "Tabel 3.1 dan 3.2 ...", "Tabel 3.5 dan Grafik 3.1" are captions; "Tabel 2.3 dan
        # ringkasannya sebagai berikut:" continues a sentence
        named_next = title.startswith("dan ") and (title[4:5].isupper() or title[4:5].isdigit())
        if not named_next:
            return None
    return m


def is_caps_heading(text: str) -> bool:
    """A short ALL-CAPS line ("BAB III", "B.1 ANALISA REALISASI KINERJA")."""
    n = len(text)
    if n < 3 or n > 140:
        return False
    letters = 0
    digits = 0
    for c in text:
        if c.isalpha():
            if c.islower():
                return False
            letters += 1
        elif c.isdigit():
            digits += 1
    if letters < 3 or digits > letters:
        return False
    if text.endswith((",", ";")):
        return False
    return True


_OUTLINE_RE = re.compile(r"^[^,;:]{2,80}[,:;]\s*(?:yang\s+)?(?:berisi|berisikan|memuat|menguraikan|menjelaskan|"
                         r"menyajikan|mengenai|tentang|membahas|menggambarkan)\b|[;,]\s*$", re.IGNORECASE)


def outline_entry(rest: str) -> bool:
    """The text after "Bab N" describes the chapter as an item of the report's outline
    ("Pendahuluan, berisi latar belakang ...;"), not a chapter title."""
    return _OUTLINE_RE.search(rest.strip()) is not None


def is_titled_section(text: str) -> bool:
    """'BAB III Akuntabilitas Kinerja' or 'B.1 Analisa Realisasi Kinerja' (title case)."""
    ch = _CHAPTER_HEAD_RE.match(text)
    if ch and len(text) <= 100:
        # "Bab V laporan ini." on a line of its own is a wrapped sentence, not a chapter title;
        # "Bab I Pendahuluan, berisi latar belakang ...;" is an entry of the report's outline
        rest = text[ch.end():]
        return not rest.lstrip(" .:-–—*")[:1].islower() and not outline_entry(rest)
    if ch and outline_entry(text[ch.end():]):
        return False
    if len(text) <= 90 and re.match(r"^[A-H]\.(?:\d{1,2}\.?)?\s+[A-Z]", text) and \
            not text.rstrip().endswith((".", ",", ";", ":")):
        words = text.split()[1:]
        caps = sum(1 for w in words if w[:1].isupper())
        return len(words) >= 1 and caps >= max(1, (len(words) + 1) // 2)
    return False


def heading_level(text: str) -> int:
    if _CHAPTER_HEAD_RE.match(text):
        return 1
    if re.match(r"^[A-H]\.\d", text):
        return 3
    if re.match(r"^[A-H]\.\s", text):
        return 2
    return 3


def is_structural_heading(block: Block) -> bool:
    t = block.text
    return bool(_CHAPTER_HEAD_RE.match(t) or (block.kind == "heading" and _SECTION_HEAD_RE.match(t)))


# ---------------------------------------------------------------------------------------------
# tables

@dataclass
class RowDraft:
    cells: list[Cell]
    after_blank: bool = False
    header: bool = False  # explicitly marked (pipe header, <th>, DOCX tblHeader)
    line: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _sig(cells: list[Cell]) -> list[str]:
    out = [" ".join(c.text.lower().split()) for c in cells]
    while out and not out[-1]:
        out.pop()
    return out


def _nonempty(cells: list[Cell]) -> int:
    return sum(1 for c in cells if c.text.strip())


def is_colnum_row(cells: list[Cell]) -> bool:
    vals = [c.text.strip() for c in cells if c.text.strip()]
    if len(vals) < 2:
        return False
    if not all(_COLNUM_RE.match(v) for v in vals):
        return False
    nums = [int(v.strip("()")) for v in vals]
    return nums == list(range(nums[0], nums[0] + len(nums)))


_VALUE_RE = re.compile(
    r"^(?:Rp\.?\s*)?[-+]?\(?\d[\d.,]*\)?\s*(?:%|persen|[A-Za-z/.]{1,12})?$|^[-+]?\d[\d.,]*\s*%", re.IGNORECASE)


def _has_data_value(cells: list[Cell]) -> bool:
    for c in cells:
        t = c.text.strip()
        if not t or _YEAR_RE.match(t) or _COLNUM_RE.match(t) and t.startswith("("):
            continue
        if _VALUE_RE.match(t):
            return True
    return False


def is_data_row(cells: list[Cell]) -> bool:
    if is_colnum_row(cells):
        return False
    first = next((c.text.strip() for c in cells if c.text.strip()), "")
    if _NUMBERING_RE.match(first) and _nonempty(cells) >= 2 and first.upper() != "NO":
        return True
    return _has_data_value(cells)


def looks_like_header(cells: list[Cell]) -> bool:
    """A row that can start a new table: text only, at least two labels."""
    return _nonempty(cells) >= 2 and not _has_data_value(cells) and not is_colnum_row(cells)


def same_header(a: list[Cell], b: list[Cell]) -> bool:
    """``b`` repeats header row ``a`` (allowing a typo or two in long headers)."""
    sa, sb = _sig(a), _sig(b)
    if not sa or not sb:
        return False
    if sa == sb:
        return _nonempty(a) >= 2 or is_colnum_row(a)
    n = max(sum(1 for x in sa if x), sum(1 for x in sb if x))
    if n < 3:
        return False
    eq = sum(1 for x, y in zip(sa, sb, strict=False) if x and x == y)
    return eq / n >= 0.6


def _is_separator(cells: list[Cell]) -> bool:
    vals = [c.text.strip() for c in cells if c.text.strip()]
    return bool(vals) and all(_SEPARATOR_RE.match(v) for v in vals) and \
        max(len(v) for v in vals) >= 2 and any("-" in v or "=" in v for v in vals)


def _append_cell_text(dst: Cell, src: Cell) -> None:
    if not src.text:
        return
    if dst.text:
        base = len(dst.text) + 1
        dst.text = dst.text + " " + src.text
    else:
        base = 0
        dst.text = src.text
    dst.segments = list(dst.segments) + [(base + i, ln, col) for i, ln, col in src.segments]


def _is_continuation(prev: RowDraft, row: RowDraft, header_sigs: list[list[str]]) -> bool:
    if not row.after_blank:
        return False
    filled = [i for i, c in enumerate(row.cells) if c.text.strip()]
    if not filled:
        return False
    if any(_NUMERIC_RE.search(row.cells[i].text) for i in filled):
        return False
    if 0 in filled and _NUMBERING_RE.match(row.cells[0].text.strip()):
        return False
    if len(filled) * 2 > max(len(row.cells), 2):
        return False
    for i in filled:
        if i >= len(prev.cells) or not prev.cells[i].text.strip():
            return False
    return _sig(row.cells) not in header_sigs


def _headerish(cells: list[Cell]) -> bool:
    """Years, column numbers or upper-case labels only (a header row), no data value."""
    vals = [c.text.strip() for c in cells if c.text.strip()]
    if not vals or _has_data_value(cells):
        return False
    return all(_YEAR_RE.match(v) or _COLNUM_RE.match(v) or not any(ch.islower() for ch in v)
               for v in vals)


def finish_table(drafts: list[RowDraft], *, align_short_rows: bool = True) -> list[Row]:
    """Clean the rows of one table and mark header rows.

    * separator rows (``---``) and rows without any text are dropped;
    * a row after a page break that only continues the previous row's text is merged into it;
    * header rows are the rows before the first data row (or the explicitly marked ones);
    * header rows repeated later (a table split across pages) are dropped;
    * a row shorter than the table whose first cell is text while the previous row starts
      with an empty cell is padded on the left (a dropped leading empty cell).
    """
    rows = [d for d in drafts if _nonempty(d.cells) and not _is_separator(d.cells)]
    if not rows:
        return []
    data_flags = [is_data_row(d.cells) for d in rows]
    # header rows
    explicit = [i for i, d in enumerate(rows) if d.header]
    if explicit:
        n_head = 0
        while n_head < len(rows) and rows[n_head].header:
            n_head += 1
    else:
        first_data = next((i for i, d in enumerate(rows) if data_flags[i]), None)
        if first_data is None:
            n_head = 1 if len(rows) > 1 else 0
        elif first_data <= 4:
            n_head = first_data
            for k in range(1, first_data):
                filled = [c for c in rows[k].cells if c.text.strip()]
                if len(filled) == 1 and rows[k].cells[0].text.strip() and len(rows[k].cells) > 2:
                    n_head = k  # a group label row ("Sasaran 1 ...") starts the body
                    break
        else:
            n_head = 1
    header_rows = rows[:n_head]
    header_sigs = [_sig(h.cells) for h in header_rows]
    body: list[RowDraft] = []
    after_repeat = False
    head_colnum = any(is_colnum_row(h.cells) for h in header_rows)
    for k in range(n_head, len(rows)):
        d = rows[k]
        if header_rows and not data_flags[k]:
            if any(same_header(h.cells, d.cells) for h in header_rows):
                after_repeat = True
                continue  # repeated header of a split table
            if head_colnum and is_colnum_row(d.cells):
                after_repeat = True
                continue
        if after_repeat and _headerish(d.cells):
            continue  # the rest of a repeated header block ("2022 | 2023 | ...")
        prev = body[-1] if body else None
        split_row = after_repeat and prev is not None and not d.cells[0].text.strip() and \
            bool(_NUMBERING_RE.match(prev.cells[0].text.strip())) and len(d.cells) > 2
        after_repeat = False
        if prev is not None and (split_row or _is_continuation(prev, d, header_sigs)):
            for i, c in enumerate(d.cells):
                if c.text.strip():
                    if i < len(prev.cells):
                        _append_cell_text(prev.cells[i], c)
                    else:
                        prev.cells.append(c)
            continue
        body.append(d)
    out_drafts = header_rows + body
    width = max(len(d.cells) for d in out_drafts)
    if align_short_rows:
        padded_prev = False
        for k, d in enumerate(out_drafts):
            if k < n_head or len(d.cells) >= width or k == 0:
                padded_prev = False
                continue
            prev_cells = out_drafts[k - 1].cells
            first = d.cells[0].text.strip()
            # only after a page break (blank line), and the rows that follow it the same way
            if (d.after_blank or padded_prev) and prev_cells and not prev_cells[0].text.strip() \
                    and first and not _NUMBERING_RE.match(first) and len(prev_cells) == width:
                line, col = d.cells[0].position(0)
                pad = [Cell(text="", segments=[(0, line, col)], extra=d.cells[0].extra)
                       for _ in range(width - len(d.cells))]
                d.cells = pad + d.cells
                padded_prev = True
            else:
                padded_prev = False
    result: list[Row] = []
    for ri, d in enumerate(out_drafts):
        for ci, c in enumerate(d.cells):
            c.row = ri
            c.col = ci
        result.append(Row(cells=d.cells, index=ri, is_header=ri < n_head))
    return result


# ---------------------------------------------------------------------------------------------
# captions

def link_captions(blocks: list[Block], *, window: int = 3) -> None:
    """Give each table the caption block that precedes it (at most two short blocks between);
    a table whose first row is only a caption ("Tabel 3.1 ..." in a merged title row) gets
    that text as caption (``caption_block`` stays None: the caption is a cell)."""
    for b in blocks:
        if b.kind == "table" and b.rows:
            filled = [c for c in b.rows[0].cells if c.text.strip()]
            if len(filled) == 1 and caption_match(filled[0].text):
                b.caption = filled[0].text
                b.rows[0].is_header = True
    for i, b in enumerate(blocks):
        if b.kind != "caption":
            continue
        between = 0
        for j in range(i + 1, min(len(blocks), i + 1 + window)):
            nb = blocks[j]
            if nb.kind == "table":
                if nb.caption_block is None:
                    nb.caption = b.text
                    nb.caption_block = i
                break
            if nb.kind == "caption" or is_structural_heading(nb) or len(nb.text) > 300:
                break
            between += 1
            if between > 2:
                break


def caption_has_table(blocks: list[Block], i: int, window: int = 3) -> bool:
    for j in range(i + 1, min(len(blocks), i + 1 + window)):
        nb = blocks[j]
        if nb.kind == "table":
            return True
        if nb.kind == "caption" or is_structural_heading(nb):
            return False
    return False


def merge_split_tables(blocks: list[Block]) -> list[Block]:
    """Join a table with the next one when the next repeats its header row and only short
    page furniture (page numbers, running titles) stands between them."""
    out: list[Block] = []
    last_table: int | None = None  # index in out
    noise: list[int] = []
    for b in blocks:
        if b.kind == "table":
            if last_table is not None and b.rows and out[last_table].rows:
                prev = out[last_table]
                heads = prev.header_rows() or prev.rows[:1]
                if all(len(out[k].text) <= 40 for k in noise) and len(noise) <= 2 and \
                        b.caption is None and any(same_header(h.cells, b.rows[0].cells) and
                                                  len(_sig(h.cells)) == len(_sig(b.rows[0].cells))
                                                  for h in heads):
                    n_rep = 0
                    for r in b.rows:
                        if n_rep < len(heads) and (r.is_header or any(same_header(h.cells, r.cells)
                                                                      for h in heads)):
                            n_rep += 1
                        else:
                            break
                    base = len(prev.rows)
                    for k, r in enumerate(b.rows[n_rep:]):
                        r.index = base + k
                        r.is_header = False
                        for c in r.cells:
                            c.row = r.index
                        prev.rows.append(r)
                    noise = []
                    continue
            out.append(b)
            last_table = len(out) - 1
            noise = []
            continue
        if b.kind in ("caption",) or b.kind == "heading":
            last_table = None
        elif last_table is not None:
            noise.append(len(out))
        out.append(b)
    return out
