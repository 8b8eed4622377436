"""Plain-text and Markdown reader.

Handles what the converted LKIP texts contain: tab-separated tables, Markdown pipe tables,
HTML fragments (``<table>``, ``<p>``, ``<b>``, ``<br>``) inside lines or tables, ``$$...$$``
formulas, headings with or without ``#``, list items, captions ("Tabel 3.1" + title line),
tables split across pages with a repeated header, suppression comments
``<!-- lkip: ignore CODE -->``. Every cleaned character keeps its true line/column.
"""

from __future__ import annotations

import re

from drafter.document.model import Block, Cell, Document
from drafter.document.structure import (
    RowDraft,
    caption_has_table,
    caption_match,
    finish_table,
    heading_level,
    is_caps_heading,
    is_data_row,
    is_titled_section,
    link_captions,
    looks_like_header,
    merge_split_tables,
    same_header,
)
from drafter.document.textclean import LineIndex, UnitBuilder, clean_into, clean_span
from drafter.tables.flat import FlatTable, find_flat_tables

_EXOTIC_BREAKS = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})
_EXOTIC_RE = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_MD_HEADING_RE = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+")
_MD_HEADING_TAIL_RE = re.compile(r"[ \t]+#+[ \t]*$")
_BULLET_RE = re.compile(r"^([ \t]*)([-*+•▪●◦])[ \t]+(?=\S)")
_ORDERED_RE = re.compile(
    r"^([ \t]*)(?:[-*+•][ \t]+)?(\d{1,3}[.)]|[a-zA-Z][.)]|\(\d{1,3}\)|\([a-zA-Z]\)|[ivx]{1,4}[.)])[ \t]+(?=\S)"
)
_ALIGN_CELL_RE = re.compile(r"^\s*:?-{1,}:?\s*$")
_SUPPRESS_RE = re.compile(
    r"<!--\s*lkip\s*[:\-]?\s*(ignore(?:-all)?|abaikan(?:-semua)?)\b([^>]*?)-->", re.IGNORECASE)
_CODE_SPLIT_RE = re.compile(r"[\s,;]+")
_MD_ATX_RE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_ALIGN_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|[ \t]*:?-{3,}:?[ \t]*(?:\||$)", re.MULTILINE)
_PANDOC_CAPTION_RE = re.compile(r"^\s{0,3}(?:Table|Tabel)?:\s+(?=\S)")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_SETEXT_RE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_PIPE_SPLIT_RE = re.compile(r"(?<!\\)\|")
# a section number or item mark, one tab, then text (no further tab): a heading or a list item
# set with a tab, not a table row ("1.1<TAB>Latar Belakang", "b.<TAB>Persentase ...")
_TAB_ITEM_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[a-zA-Z][.)]|[IVX]{1,4}\.)\t+(?=[A-Za-z(\"'])[^\t]+$")
_GRID_BORDER_RE = re.compile(r"^[ ]{0,3}\+(?:[-=:]+\+)+[ \t]*$")
_RULER_RE = re.compile(r"[\s\-=_─━—–+|.]+")
# a signature date line ("Palangka Raya, 3 Januari 2022") is never the title of a caption
_SIGN_DATE_RE = re.compile(r"^\s*[A-Z][A-Za-z .'\-]{1,40},\s*(?:tanggal\s+)?(?:\d{1,2}\s+)?"
                           r"[A-Za-z]{3,10}\s+(?:19|20)\d\d\s*$")

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def normalize_source(text: str) -> str:
    """The text as the position map sees it: no BOM, ``\\n`` line breaks, and the rarer
    Unicode line separators (form feed, U+2028 ...) turned into spaces so that
    ``str.splitlines()`` gives the same lines as the file."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _EXOTIC_RE.search(text):
        text = text.translate(_EXOTIC_BREAKS)
    return text


def detect_markdown(text: str, path: str = "") -> bool:
    """Markdown by suffix, else by content: ATX headings or pipe tables with an alignment row."""
    if path.lower().endswith(MARKDOWN_SUFFIXES):
        return True
    head = text[:300_000]
    headings = len(_MD_ATX_RE.findall(head))
    if headings >= 2:
        return True
    return bool(_MD_ALIGN_RE.search(head))


def _is_align_row(line: str) -> bool:
    s = line.strip()
    if "-" not in s or not set(s) <= set("|:- \t"):
        return False
    parts = [p for p in s.strip("|").split("|")]
    return bool(parts) and all(_ALIGN_CELL_RE.match(p) for p in parts) and \
        ("|" in s or len(parts) == 1 and s.count("-") >= 3 and ":" in s)


class _Parser:
    def __init__(self, src: str, markdown: bool) -> None:
        self.src = src
        self.md = markdown
        self.lines = src.split("\n")
        self.pos = LineIndex(src)
        self.starts = self.pos.starts
        self.blocks: list[Block] = []
        self.suppressions: dict[int, set[str]] = {}
        self._pending_supp: set[str] | None = None
        self.fmt = "markdown" if markdown else "text"
        # open table state
        self.t_kind: str | None = None
        self.t_rows: list[RowDraft] = []
        self.t_blank = False
        self.t_width = 0
        self._resume_line = -1
        self._after_captions: set[int] = set()
        # tables flattened into space-aligned text (PDF/web extraction), by first line index
        self.flat: dict[int, FlatTable] = {}
        if "  " in src:
            self.flat = {t.first_line - 1: t for t in find_flat_tables(self.lines)}

    # -- helpers -------------------------------------------------------------------------------
    def _off(self, i: int, col0: int = 0) -> int:
        return self.starts[i] + col0

    def _clean_line(self, i: int, col0: int = 0, end0: int | None = None) -> str:
        line = self.lines[i]
        end = len(line) if end0 is None else end0
        text, _ = clean_span(self.src, self._off(i, col0), self._off(i, end), self.pos)
        return text

    def _block(self, kind: str, spans: list[tuple[int, int]], *, level: int = 0,
               raw: bool = False) -> Block:
        b = UnitBuilder()
        for s, e in spans:
            clean_into(b, self.src, s, e, self.pos, raw=raw)
            b.brk()
        text, segs = b.result()
        if not segs and spans:
            line, col = self.pos(spans[0][0])
            segs = [(0, line, col)]
        blk = Block(text=text, segments=segs, kind=kind, level=level,  # type: ignore[arg-type]
                    source_format=self.fmt)
        return blk

    def _emit(self, blk: Block, line: int) -> None:
        if self._pending_supp is not None:
            self.suppressions.setdefault(line, set()).update(self._pending_supp)
            self._pending_supp = None
        self.blocks.append(blk)

    # -- tables --------------------------------------------------------------------------------
    def _cells_from_spans(self, spans: list[tuple[int, int]], i: int | None = None) -> list[Cell]:
        """Cells from source spans; ``i`` (the line index) when all spans are on that line."""
        if i is not None:
            ln, base = i + 1, self.starts[i]

            def pos(off: int) -> tuple[int, int]:
                return ln, off - base + 1
        else:
            pos = self.pos
        src = self.src
        cells = []
        for s, e in spans:
            if s == e:
                cells.append(Cell(text="", segments=[(0, *pos(s))]))
                continue
            text, segs = clean_span(src, s, e, pos)
            if not segs:
                segs = [(0, *pos(s))]
            cells.append(Cell(text=text, segments=segs))
        return cells

    def _tab_cells(self, i: int) -> list[Cell]:
        line = self.lines[i]
        base = self.starts[i]
        spans = []
        start = 0
        for part in line.split("\t"):
            spans.append((base + start, base + start + len(part)))
            start += len(part) + 1
        return self._cells_from_spans(spans, i)

    def _pipe_cells(self, i: int) -> list[Cell]:
        line = self.lines[i]
        base = self.starts[i]
        stripped = line.rstrip()
        lead = len(line) - len(line.lstrip())
        bounds = [m.start() for m in _PIPE_SPLIT_RE.finditer(stripped)]
        edges = [lead - 1] if not stripped.lstrip().startswith("|") else []
        edges += bounds
        if not stripped.endswith("|") or (stripped.endswith("\\|")):
            edges.append(len(stripped))
        spans = []
        for a, b in zip(edges, edges[1:], strict=False):
            spans.append((base + a + 1, base + b))
        return self._cells_from_spans(spans, i)

    def _close_table(self) -> None:
        if self.t_kind is None:
            return
        drafts = self.t_rows
        first_line = drafts[0].line if drafts else 1
        self.t_kind = None
        self.t_rows = []
        self.t_blank = False
        rows = finish_table(drafts, align_short_rows=True)
        if not rows:
            return
        blk = Block(text="", segments=[(0, first_line, 1)], kind="table", rows=rows,
                    source_format=self.fmt)
        self._emit(blk, first_line)

    def _add_row(self, kind: str, cells: list[Cell], i: int, *, header: bool = False) -> None:
        line_no = i + 1
        if self.t_kind is not None and self.t_kind != kind:
            self._close_table()
        if self.t_kind is not None and self.t_blank and self.t_rows:
            # a table interrupted by blank lines continues, unless a new table clearly starts
            first = self.t_rows[0].cells
            repeated = same_header(first, cells)
            if not repeated and len(cells) != self.t_width and looks_like_header(cells) \
                    and len(self.t_rows) >= 2:
                self._close_table()
            elif not repeated and kind == "tab" and self._starts_new_tab_table(cells, i):
                self._close_table()
            elif not repeated and kind == "pipe" and header:
                self._close_table()
        if self.t_kind is None:
            self.t_kind = kind
            self.t_rows = []
            self.t_width = len(cells)
        if self._pending_supp is not None:
            self.suppressions.setdefault(line_no, set()).update(self._pending_supp)
            self._pending_supp = None
        self.t_rows.append(RowDraft(cells=cells, after_blank=self.t_blank, header=header,
                                    line=line_no))
        self.t_width = max(self.t_width, len(cells)) if not is_data_row(cells) or \
            self.t_width == 0 else self.t_width
        self.t_blank = False

    def _flat_table(self, i: int) -> int:
        """Emit the space-aligned table starting at line ``i``; return the next line."""
        ft = self.flat[i]
        drafts = []
        for fr in ft.rows:
            cells = []
            for fc in fr.cells:
                ub = UnitBuilder()
                for ln, a, e in fc.pieces:
                    clean_into(ub, self.src, self._off(ln, a), self._off(ln, e), self.pos)
                    ub.brk()
                text, segs = ub.result()
                cells.append(Cell(text=text, segments=segs or list(fc.segments[:1]),
                                  colspan=fc.colspan))
            drafts.append(RowDraft(cells=cells, header=fr.header, line=fr.line))
        rows = finish_table(drafts, align_short_rows=False)
        if rows:
            blk = Block(text="", segments=[(0, ft.first_line, 1)], kind="table", rows=rows,
                        source_format=self.fmt, layout="spaces")
            self._emit(blk, ft.first_line)
        return ft.last_line

    def _grid_table(self, i: int) -> int:
        """A pandoc grid table (``+---+---+`` borders, ``+===+`` under the header, cells that
        wrap over several lines); return the next line."""
        border = self.lines[i]
        bounds = [k for k, ch in enumerate(border) if ch == "+"]
        ncols = len(bounds) - 1
        rows: list[list[list[tuple[int, int, int]]]] = []  # row -> column -> (line, start, end)
        spans_of: list[list[int]] = []
        header_until = -1
        cur: list[list[tuple[int, int, int]]] | None = None
        cur_span: list[int] = []
        j = i + 1
        while j < len(self.lines):
            line = self.lines[j]
            if _GRID_BORDER_RE.match(line):
                if cur is not None:
                    rows.append(cur)
                    spans_of.append(cur_span)
                    cur = None
                if "=" in line:
                    header_until = len(rows)
                j += 1
                continue
            if not line.lstrip().startswith("|"):
                break
            if cur is None:
                cur = [[] for _ in range(ncols)]
                cur_span = [1] * ncols
            col = 0
            lb = bounds
            if any(k >= len(line) or line[k] != "|" for k in (bounds[0], bounds[-1])):
                # '|' not under the '+' of the border (a misaligned line): its own pipes
                pipes = [m.start() for m in _PIPE_SPLIT_RE.finditer(line)]
                if len(pipes) == ncols + 1:
                    lb = pipes
            start = lb[0] + 1
            for k in range(1, ncols + 1):
                b = lb[k]
                if b < len(line) and line[b] == "|" or k == ncols:
                    end = min(b, len(line))
                    if start < end and line[start:end].strip():
                        cur[col].append((j, start, end))
                    cur_span[col] = max(cur_span[col], k - col)
                    col = k
                    start = b + 1
            j += 1
        if cur is not None:
            rows.append(cur)
            spans_of.append(cur_span)
        drafts = []
        for r, (row, spans) in enumerate(zip(rows, spans_of, strict=True)):
            cells: list[Cell] = []
            for c in range(ncols):
                b = UnitBuilder()
                for ln, a, e in row[c]:
                    clean_into(b, self.src, self._off(ln, a), self._off(ln, e), self.pos)
                    b.brk()
                text, segs = b.result()
                if not segs:
                    first_line = min((p[0] for col in row for p in col), default=i)
                    segs = [(0, first_line + 1, bounds[c] + 2)]
                cells.append(Cell(text=text, segments=segs, colspan=spans[c]))
            line_no = cells[0].segments[0][1] if cells else i + 1
            drafts.append(RowDraft(cells=cells, header=r < header_until, line=line_no))
        table = finish_table(drafts, align_short_rows=False)
        if table:
            self._emit(Block(text="", segments=[(0, i + 1, 1)], kind="table", rows=table,
                             source_format=self.fmt), i + 1)
        return j

    def _starts_new_tab_table(self, cells: list[Cell], i: int) -> bool:
        """After a blank line: a label row (first cell filled, text only) followed by a data
        row, below a table that already has data rows, starts a new table."""
        if not cells or not cells[0].text.strip() or not looks_like_header(cells):
            return False
        if not any(is_data_row(d.cells) for d in self.t_rows):
            return False
        j = i + 1
        if j >= len(self.lines) or "\t" not in self.lines[j]:
            return False
        return is_data_row(self._tab_cells(j))

    def _html_table(self, i: int) -> int:
        """Parse an HTML <table> (or bare <tr> rows) starting on line i; returns the next line
        index."""
        low = self.lines[i].lower()
        if low.lstrip().startswith("<tr"):
            # rows without a <table> around them: the run of lines made of table tags
            start = self._off(i, low.find("<tr"))
            j = i
            while j + 1 < len(self.lines) and j < i + 5000 and \
                    self.lines[j + 1].lstrip().lower().startswith(("<t", "</t")):
                j += 1
            end = self._off(j, len(self.lines[j]))
        else:
            start = self._off(i, low.find("<table"))
            j = i
            end = -1
            while j < len(self.lines) and j < i + 5000:
                k = self.lines[j].lower().find("</table>")
                if k != -1:
                    end = self._off(j, k + len("</table>"))
                    break
                j += 1
            if end == -1:
                j = min(len(self.lines) - 1, i)
                end = self._off(j, len(self.lines[j]))
        body = self.src[start:end]
        drafts: list[RowDraft] = []
        in_head_ranges = [(m.start(), m.end()) for m in
                          re.finditer(r"<thead\b.*?</thead>", body, re.IGNORECASE | re.DOTALL)]
        carry: dict[int, int] = {}  # column -> rows still covered by a rowspan above
        for rm in re.finditer(r"<tr\b[^>]*>(.*?)(?:</tr\s*>|(?=<tr\b)|(?=</table))", body,
                              re.IGNORECASE | re.DOTALL):
            cells: list[Cell] = []
            all_th = True
            row_line, row_col = self.pos(start + rm.start())

            def fill(upto: int | None, cells: list[Cell] = cells, at: tuple[int, int] = (row_line, row_col)
                     ) -> None:
                # empty cells where a rowspan from an earlier row covers this row
                while (upto is None or len(cells) < upto) and carry.get(len(cells), 0) > 0:
                    carry[len(cells)] -= 1
                    cells.append(Cell(text="", segments=[(0, at[0], at[1])]))

            for cm in re.finditer(r"<t([dh])\b([^>]*)>(.*?)(?:</t[dh]\s*>|(?=<t[dh]\b)|$)",
                                  rm.group(1), re.IGNORECASE | re.DOTALL):
                fill(None)
                s = start + rm.start(1) + cm.start(3)
                e = start + rm.start(1) + cm.end(3)
                text, segs = clean_span(self.src, s, e, self.pos)
                if not segs:
                    line, col = self.pos(s)
                    segs = [(0, line, col)]
                span_m = re.search(r"colspan\s*=\s*[\"']?(\d+)", cm.group(2), re.IGNORECASE)
                span = max(1, min(50, int(span_m.group(1)))) if span_m else 1
                rs_m = re.search(r"rowspan\s*=\s*[\"']?(\d+)", cm.group(2), re.IGNORECASE)
                rowspan = max(1, min(500, int(rs_m.group(1)))) if rs_m else 1
                first_col = len(cells)
                cell = Cell(text=text, segments=segs, colspan=span)
                cells.append(cell)
                for _ in range(span - 1):
                    cells.append(Cell(text="", segments=[segs[0]]))
                if rowspan > 1:
                    for c in range(first_col, first_col + span):
                        carry[c] = rowspan - 1
                if cm.group(1).lower() != "h":
                    all_th = False
            pending = [c for c, n in carry.items() if n > 0 and c >= len(cells)]
            if pending and cells:
                while len(cells) <= max(pending):
                    if carry.get(len(cells), 0) > 0:
                        fill(len(cells) + 1)
                    else:
                        cells.append(Cell(text="", segments=[(0, row_line, row_col)]))
            if not cells:
                continue
            in_head = any(a <= rm.start() < b for a, b in in_head_ranges)
            line_no = self.pos(start + rm.start())[0]
            drafts.append(RowDraft(cells=cells, header=(all_th or in_head), line=line_no))
        self._close_table()
        rows = finish_table(drafts, align_short_rows=False)
        if rows:
            line_no = i + 1
            blk = Block(text="", segments=[(0, line_no, 1)], kind="table", rows=rows,
                        source_format=self.fmt)
            cap = re.search(r"<caption\b[^>]*>(.*?)</caption\s*>", body, re.IGNORECASE | re.DOTALL)
            if cap is not None:  # "<caption>Tabel 3-2 ...</caption>": the table's own caption
                ctext, segs = clean_span(self.src, start + cap.start(1), start + cap.end(1), self.pos)
                blk.caption = " ".join(ctext.split()) or None
                if ctext.strip() and segs:
                    # also a caption block of its own (its words are text the rules read:
                    # "Tahun Anggaran 2022" in a 2023 report)
                    self._emit(Block(text=ctext, segments=segs, kind="caption",
                                     source_format=self.fmt), segs[0][1])
            self._emit(blk, line_no)
        return j + 1

    # -- text lines ----------------------------------------------------------------------------
    def _classify(self, i: int) -> tuple[str, int, int]:
        """(kind, level, content column offset) of a text line."""
        line = self.lines[i]
        m = _MD_HEADING_RE.match(line)
        if m:
            cleaned = self._clean_line(i, m.end())
            if caption_match(cleaned):
                return "caption", 0, m.end()
            return "heading", len(m.group(1)), m.end()
        lead = len(line) - len(line.lstrip())
        cleaned = self._clean_line(i)
        if not cleaned:
            return "empty", 0, 0
        if caption_match(cleaned):
            return "caption", 0, lead
        om = _ORDERED_RE.match(line)
        bm = _BULLET_RE.match(line)
        if om and not bm:
            marker = om.group(2)
            if marker[0].isupper() and marker[0] in "ABCDEFGH" and len(marker) == 2 and \
                    (is_caps_heading(cleaned) or
                     (is_titled_section(cleaned) and not self._in_letter_list(i, marker[0]))):
                return "heading", heading_level(cleaned), lead
            indent = len(om.group(1).expandtabs(4))
            return "list_item", 1 + (indent + 1) // 2, lead
        if bm:
            indent = len(bm.group(1).expandtabs(4))
            return "list_item", 1 + (indent + 1) // 2, bm.end()
        s = line.strip()
        if s.startswith("**") and (s.endswith("**") or s.endswith("**:")) and len(cleaned) <= 200 \
                and s.count("**") == 2:
            return "heading", heading_level(cleaned), lead
        if is_caps_heading(cleaned) or is_titled_section(cleaned):
            return "heading", heading_level(cleaned), lead
        return "paragraph", 0, lead

    def _in_letter_list(self, i: int, letter: str) -> bool:
        """'B. Sekretariat' between 'A. Camat' and 'C. Seksi ...' is a list item, not a section."""
        wanted = {chr(ord(letter) - 1), chr(ord(letter) + 1)}
        for j in (i - 1, i + 1):  # directly adjacent lines only
            if 0 <= j < len(self.lines):
                m = re.match(r"^\s*(?:[-*+]\s+)?([A-Z])[.)]\s", self.lines[j])
                if m and m.group(1) in wanted:
                    return True
        return False

    def _tab_label_row(self, i: int) -> bool:
        """A short line without tabs inside a tab table, right between two of its rows, that
        only names a group ("  Kegiatan Penyediaan Benih"): no caption, heading, sentence or
        number of its own."""
        if self.t_kind != "tab" or self.t_blank or i + 1 >= len(self.lines):
            return False
        s = self.lines[i].strip()
        nxt = self.lines[i + 1]
        if not s or "\t" in self.lines[i] or "\t" not in nxt.strip("\t ") or len(s) > 150:
            return False
        if s.endswith((".", ":", ";")) or caption_match(s) or re.search(r"\d[\d.,]*\d", s) \
                or re.match(r"(?i)(?:bab\b|sumber\b|keterangan\b|catatan\b|#)", s):
            return False
        return self._is_tab_row(i + 1)

    def _is_tab_row(self, i: int) -> bool:
        """A line with tabs is a table row, except a line only indented with tabs (a nested
        Markdown list item, an indented paragraph) outside a table."""
        line = self.lines[i]
        body = line.lstrip("\t")
        if _TAB_ITEM_RE.match(body) and (self.t_kind != "tab" or self.t_blank):
            return False  # "3.2<TAB>Capaian Kinerja", "a.<TAB>Indeks ...": a heading or list item
        if "\t" in body:
            return True
        if self.t_kind == "tab" and not self.t_blank:
            return True
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else ""
        return "\t" in nxt.strip("\t ") and not _BULLET_RE.match(body) and not _ORDERED_RE.match(body)

    def _line_kind(self, i: int) -> str:
        """Coarse kind used to decide joins: blank/table/special/text."""
        line = self.lines[i]
        s = line.strip()
        if not s:
            return "blank"
        if "\t" in line and self._is_tab_row(i):
            return "table"
        if s.startswith("|") and s.count("|") >= 2 or _GRID_BORDER_RE.match(line):
            return "table"
        if s.startswith("$$") or s.startswith("<!--") or s.lower().startswith(("<table", "<tr")):
            return "special"
        return "text"

    def _take_titles(self, j: int, spans: list[tuple[int, int]], indent: int | None = None) -> tuple[int, int]:
        """Append up to four title lines from line ``j`` on to ``spans``; return (next line, count).
        With ``indent`` (the caption line's own indent, when the caption has its title), a line
        indented further starts the paragraph below the caption ("Tabel 3.4 Efisiensi\n   Sisa
        anggaran ..."), as does a long line of prose."""
        taken = 0
        while taken < 4 and j < len(self.lines) and self._title_like(j):
            if re.search(r"\S {3,}\S", self.lines[j].strip()) and (indent is not None or taken):
                break  # "Baik       capaian >= 85%": a row of columns under the title, no title
            if indent is not None:
                line = self.lines[j]
                if len(line) - len(line.lstrip(" ")) >= indent + 2 or len(line.strip()) > 90:
                    break
            hm = _MD_HEADING_RE.match(self.lines[j])
            c0 = hm.end() if hm else 0
            spans.append((self._off(j, c0), self._off(j, len(self.lines[j]))))
            j += 1
            taken += 1
        return j, taken

    def _title_like(self, i: int) -> bool:
        if i >= len(self.lines) or self._line_kind(i) != "text" or i in self.flat:
            return False
        kind, _, _ = self._classify(i)
        if kind not in ("paragraph", "heading"):
            return False
        cleaned = self._clean_line(i)
        # a ruler line ("-----", "=====") under a caption starts the table, it is no title
        return 0 < len(cleaned) <= 200 and not _RULER_RE.fullmatch(cleaned)

    def _caption(self, i: int, col0: int) -> int:
        spans = [(self._off(i, col0), self._off(i, len(self.lines[i])))]
        first = self._clean_line(i, col0)
        m = caption_match(first)
        has_title = bool(m and m.group("title").strip())
        j = i + 1
        # adjacent title lines ("Tabel 3.1\nPengukuran ..."), at most four
        own_indent = len(self.lines[i]) - len(self.lines[i].lstrip(" "))
        j, taken = self._take_titles(j, spans, own_indent if has_title else None)
        if not has_title and taken == 0:
            k = j
            while k < len(self.lines) and not self.lines[k].strip():
                k += 1
            if k < len(self.lines) and self._title_like(k) and k - j <= 2 and \
                    not _SIGN_DATE_RE.match(self.lines[k]):
                j, taken = self._take_titles(k, spans)
        blk = self._block("caption", spans)
        self._emit(blk, i + 1)
        return j

    def _pandoc_caption(self, i: int) -> int | None:
        """'Table: Tabel 3.1 ...' or ': Tabel 3.1 ...' right after a table (pandoc style)."""
        m = _PANDOC_CAPTION_RE.match(self.lines[i])
        if not m or not self.blocks or self.blocks[-1].kind != "table" or \
                self.blocks[-1].caption is not None:
            return None
        table = self.blocks[-1]
        end_line = table.rows[-1].cells[0].position(0)[0] if table.rows else 0
        if i + 1 - end_line > 2:
            return None
        blk = self._block("caption", [(self._off(i, m.end()), self._off(i, len(self.lines[i])))])
        table.caption = blk.text
        self._emit(blk, i + 1)
        self._after_captions.add(id(blk))
        return i + 1

    def _text_block(self, i: int) -> int:
        nxt = self._pandoc_caption(i)
        if nxt is not None:
            return nxt
        kind, level, col0 = self._classify(i)
        if kind == "empty":
            return i + 1
        if kind == "caption":
            return self._caption(i, col0)
        line = self.lines[i]
        end = len(line)
        if kind == "heading" and _MD_HEADING_RE.match(line):
            tm = _MD_HEADING_TAIL_RE.search(line)
            if tm and tm.start() > col0:
                end = tm.start()
        spans = [(self._off(i, col0), self._off(i, end))]
        j = i + 1
        bold_open = line.count("**") % 2 == 1
        while j < len(self.lines) and j < i + 200:
            lk = self._line_kind(j)
            if lk != "text" or j in self.flat:
                break
            if bold_open and j < i + 6:
                spans.append((self._off(j), self._off(j, len(self.lines[j]))))
                if self.lines[j].count("**") % 2 == 1:
                    bold_open = False
                j += 1
                continue
            if not self.md or kind not in ("paragraph", "list_item"):
                break
            nk, _, _ = self._classify(j)
            if nk != "paragraph":
                break
            spans.append((self._off(j), self._off(j, len(self.lines[j]))))
            j += 1
        if kind == "heading" and len(spans) > 1 and level == 0:
            level = 3
        if kind == "paragraph" and len(spans) > 1 and line.lstrip().startswith("**"):
            # a bold block over several lines ("**KANTOR KECAMATAN\nKABUPATEN JEMBER**")
            joined = "".join(self.src[s:e] for s, e in spans).strip()
            if joined.endswith("**") and joined.count("**") == 2:
                kind, level = "heading", 3
        blk = self._block(kind, spans, level=level)
        if kind == "heading" and level == 0:
            blk.level = heading_level(blk.text)
        self._emit(blk, i + 1)
        return j

    def _formula(self, i: int) -> int:
        line = self.lines[i]
        k = line.find("$$")
        rest = line.find("$$", k + 2)
        if rest != -1:
            spans = [(self._off(i, k + 2), self._off(i, rest))]
            j = i + 1
        else:
            spans = [(self._off(i, k + 2), self._off(i, len(line)))]
            j = i + 1
            while j < len(self.lines) and j < i + 60:
                e = self.lines[j].find("$$")
                if e != -1:
                    spans.append((self._off(j), self._off(j, e)))
                    j += 1
                    break
                spans.append((self._off(j), self._off(j, len(self.lines[j]))))
                j += 1
        blk = self._block("formula", spans, raw=True)
        self._emit(blk, i + 1)
        return j

    def _comment(self, i: int) -> int:
        """A comment starting the line: record suppressions, skip it."""
        j = i
        buf = []
        while j < len(self.lines) and j < i + 200:
            buf.append(self.lines[j])
            if "-->" in self.lines[j]:
                break
            j += 1
        full = "\n".join(buf)
        end = full.find("-->")
        for m in _SUPPRESS_RE.finditer(full):
            codes = {c.upper() for c in _CODE_SPLIT_RE.split(m.group(2).strip()) if c}
            if m.group(1).lower().endswith(("all", "semua")) or not codes:
                codes = {"ALL"}
            if self._pending_supp is None:
                self._pending_supp = set()
            self._pending_supp.update(codes)
        tail = buf[-1][buf[-1].find("-->") + 3:] if end != -1 else ""
        if tail.strip():
            # content after the comment on its closing line: read that line as usual (the
            # cleaner drops the comment itself)
            self._resume_line = j
            return j
        return j + 1

    def _inline_suppressions(self, i: int) -> None:
        line = self.lines[i]
        if "<!--" not in line or line.lstrip().startswith("<!--"):
            return
        for m in _SUPPRESS_RE.finditer(line):
            codes = {c.upper() for c in _CODE_SPLIT_RE.split(m.group(2).strip()) if c}
            if m.group(1).lower().endswith(("all", "semua")) or not codes:
                codes = {"ALL"}
            self.suppressions.setdefault(i + 1, set()).update(codes)

    # -- main loop -----------------------------------------------------------------------------
    def run(self) -> list[Block]:
        lines = self.lines
        n = len(lines)
        i = 0
        while i < n:
            line = lines[i]
            s = line.strip()
            if not s:
                if self.t_kind is not None:
                    self.t_blank = True
                i += 1
                continue
            self._inline_suppressions(i)
            if i in self.flat:
                self._close_table()
                i = self._flat_table(i)
                continue
            if s.startswith("<!--") and i != self._resume_line:
                nxt = self._comment(i)
                i = nxt
                continue
            if "\t" in line and not s.startswith("$$") and self._is_tab_row(i):
                self._add_row("tab", self._tab_cells(i), i)
                i += 1
                continue
            if self._tab_label_row(i):
                # "  Kegiatan Administrasi Umum" between tab rows: a label row of the table
                # (a level of the Program > Kegiatan > Sub Kegiatan hierarchy without figures)
                self._add_row("tab", self._tab_cells(i), i)
                i += 1
                continue
            pipe_row = (s.startswith("|") and s.count("|") >= 2) or (
                "|" in s and i + 1 < n and _is_align_row(lines[i + 1]) and "|" in lines[i + 1]) or (
                self.t_kind == "pipe" and not self.t_blank and "|" in s)
            if pipe_row and not _is_align_row(line):
                header = i + 1 < n and _is_align_row(lines[i + 1])
                self._add_row("pipe", self._pipe_cells(i), i, header=header)
                i += 1
                continue
            if pipe_row or (self.t_kind == "pipe" and _is_align_row(line)):
                # alignment row: marks the rows above as header rows
                for d in self.t_rows:
                    d.header = True
                i += 1
                continue
            self._close_table()
            if _GRID_BORDER_RE.match(line) and i + 1 < n and lines[i + 1].lstrip().startswith("|"):
                i = self._grid_table(i)
                continue
            if s.lower().startswith(("<table", "<tr")):
                i = self._html_table(i)
                continue
            if s.startswith("$$"):
                i = self._formula(i)
                continue
            if _RULE_RE.match(line):
                i += 1  # a thematic break / separator line: no text
                continue
            if self.md and i + 1 < n and _SETEXT_RE.match(lines[i + 1]) and \
                    self._line_kind(i) == "text":
                blk = self._block("heading", [(self._off(i, len(line) - len(line.lstrip())),
                                              self._off(i, len(line)))],
                                  level=1 if lines[i + 1].strip()[0] == "=" else 2)
                self._emit(blk, i + 1)
                i += 2
                continue
            i = self._text_block(i)
        self._close_table()
        if self._pending_supp is not None:
            self._pending_supp = None
        blocks = merge_split_tables(self.blocks)
        # a "Tabel x" line that introduces no table and carries a long sentence is prose
        for k, b in enumerate(blocks):
            if b.kind == "caption" and not caption_has_table(blocks, k):
                m = caption_match(b.text)
                if m and len(m.group("title")) > 120:
                    b.kind = "paragraph"
        link_captions(blocks)
        for k, b in enumerate(blocks):
            if id(b) in self._after_captions and k > 0 and blocks[k - 1].kind == "table":
                blocks[k - 1].caption = b.text
                blocks[k - 1].caption_block = k
        return blocks


def parse_text(text: str, path: str = "<teks>", markdown: bool | None = None) -> Document:
    """Parse plain text or Markdown into a :class:`Document` with exact positions."""
    src = normalize_source(text)
    md = detect_markdown(src, path) if markdown is None else bool(markdown)
    parser = _Parser(src, md)
    blocks = parser.run()
    return Document(path=path, blocks=blocks, format="markdown" if md else "text",
                    source_text=src, suppressions=parser.suppressions)
