"""``lkip check --annotate``: a reviewed copy of the document with one Word comment per issue.

* DOCX input: the original file is opened with python-docx (never written), runs are split at the
  issue boundaries so that each comment covers exactly the flagged characters, and the comment is
  added with python-docx 1.2's comments API. Formatting is kept: a split run is copied with its
  run properties; runs holding anything other than text (pictures, fields...) are never split, a
  comment then covers the whole run.
* text/Markdown input: markers are inserted into the source at the issue positions, the Markdown
  is read by the sandboxed pandoc of :mod:`drafter.draft.pandoc` with every raw/attribute/math/
  note extension off (HTML tags are recognised only to drop formatting tags such as ``<b>``),
  the AST is cleaned of images, links and raw content (they stay as their literal text), and
  only then the markers become pandoc comment spans and the DOCX is written.

Comment text: ``[CODE] message (Seharusnya: expected)``; author ``lkip``, initials ``LK``.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from drafter.check.registry import Issue
from drafter.errors import LkipError
from drafter.io import atomic_write
from drafter.report.common import docx_paragraphs, is_docx, normalize_package

AUTHOR = "lkip"
INITIALS = "LK"


def comment_text(issue: Issue, lang: str = "id") -> str:
    text = f"[{issue.rule}] {issue.message}"
    if issue.expected:
        text += f" ({'Expected' if lang == 'en' else 'Seharusnya'}: {issue.expected})"
    return text


def annotate_file(input_path: str | Path, issues: Sequence[Issue], output: str | Path, *,
                  lang: str = "id") -> int:
    """Write the annotated DOCX of ``input_path`` to ``output``; returns the number of comments."""
    from drafter.draft.pandoc import deferred_termination, terminate_cleanly

    ordered = sorted(issues, key=lambda i: i.sort_key())
    with terminate_cleanly():  # SIGTERM: pandoc killed, nothing half-written
        if str(input_path).lower().endswith(".pdf"):
            from drafter.pdf.annotate import annotate_pdf_bytes

            data = annotate_pdf_bytes(input_path, ordered, lang=lang)
        elif is_docx(input_path):
            data = annotate_docx_bytes(input_path, ordered, lang=lang)
        else:
            data = annotate_text_bytes(input_path, ordered, lang=lang)
        with deferred_termination():
            atomic_write(Path(output), data)
    return len(ordered)


# ------------------------------------------------------------------------------------------------
# DOCX

_SIMPLE_CHILDREN = {"rPr", "t", "tab", "lastRenderedPageBreak", "cr"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _splittable(run: Any) -> bool:
    from docx.oxml.ns import qn

    for child in run._r.iterchildren():
        name = _local(child.tag)
        if name in _SIMPLE_CHILDREN:
            continue
        if name == "br" and child.get(qn("w:type")) in (None, "textWrapping"):
            continue
        return False
    return True


def _runs(paragraph: Any) -> list[Any]:
    """Runs of a paragraph in order, hyperlink runs included (what ``paragraph.text`` reads)."""
    from docx.text.hyperlink import Hyperlink
    from docx.text.run import Run

    out: list[Any] = []
    for item in paragraph.iter_inner_content():
        if isinstance(item, Run):
            out.append(item)
        elif isinstance(item, Hyperlink):
            out.extend(item.runs)
    return out


def _spans(paragraph: Any) -> list[tuple[Any, int, int]]:
    spans = []
    pos = 0
    for run in _runs(paragraph):
        n = len(run.text)
        spans.append((run, pos, pos + n))
        pos += n
    return spans


def _split_run(run: Any, k: int) -> Any:
    """Split ``run`` after its ``k``-th character; return the new (second) run."""
    from docx.text.run import Run

    text = run.text
    new_r = copy.deepcopy(run._r)
    run._r.addnext(new_r)
    second = Run(new_r, run._parent)
    run.text = text[:k]
    second.text = text[k:]
    return second


def _cut(paragraph: Any, offsets: set[int]) -> None:
    """Split the runs of ``paragraph`` so that each offset falls on a run boundary (when possible)."""
    for off in sorted(offsets, reverse=True):
        for run, start, end in _spans(paragraph):
            if start < off < end:
                if _splittable(run):
                    _split_run(run, off - start)
                break


def _para_no(issue: Issue) -> int:
    extra = issue.location.extra or {}
    return int(extra.get("paragraph", issue.location.line))


def _range(issue: Issue, count: int) -> tuple[int, int, int, int]:
    """(start paragraph index, start offset, end paragraph index, end offset), 0-based, clamped."""
    loc = issue.location
    p0 = min(max(_para_no(issue), 1), count) - 1
    p1 = min(p0 + max(0, loc.end_line - loc.line), count - 1)
    s = max(0, loc.column - 1)
    e = max(0, loc.end_column - 1)
    if p1 == p0 and e < s:
        e = s
    return p0, s, p1, e


def annotate_docx_bytes(path: str | Path, issues: Sequence[Issue], *, lang: str = "id") -> bytes:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - any parse failure is a clean user error
        raise LkipError(f"DOCX tidak dapat dibuka ({type(exc).__name__})", path=str(path)) from None
    paragraphs = docx_paragraphs(document)
    if not paragraphs:
        paragraphs = [document.add_paragraph()]
    count = len(paragraphs)
    ranges = [_range(i, count) for i in issues]

    # 1. split runs at every boundary, paragraph by paragraph
    cuts: dict[int, set[int]] = {}
    for p0, s, p1, e in ranges:
        cuts.setdefault(p0, set())
        cuts.setdefault(p1, set())
        if p0 == p1 and e <= s:
            continue  # a point issue: anchored on the whole run holding it, nothing to split
        cuts[p0].add(s)
        cuts[p1].add(e)
    for p, offsets in cuts.items():
        _cut(paragraphs[p], offsets)

    # 2. anchor one comment per issue (comment reference runs have no text: offsets stay valid)
    spans = {p: _spans(paragraphs[p]) for p in cuts}
    for issue, (p0, s, p1, e) in zip(issues, ranges, strict=True):
        first, last = _anchor_runs(paragraphs, spans, p0, s, p1, e)
        comment = document.add_comment([first, last], text=comment_text(issue, lang),
                                       author=AUTHOR, initials=INITIALS)
        # no w:date (optional): the copy is reproducible, like the pandoc-made one
        comment._comment_elm.date = None

    buf = io.BytesIO()
    document.save(buf)
    return normalize_package(buf.getvalue())


def _anchor_runs(paragraphs: list[Any], spans: dict[int, list[tuple[Any, int, int]]],
                 p0: int, s: int, p1: int, e: int) -> tuple[Any, Any]:
    start_spans = [sp for sp in spans[p0] if sp[2] > sp[1]]  # runs with text
    end_spans = [sp for sp in spans[p1] if sp[2] > sp[1]]
    if not start_spans or not end_spans:
        # nothing to cover (empty paragraph): anchor on an empty run at its end
        para = paragraphs[p0] if not start_spans else paragraphs[p1]
        run = para.add_run("")
        if not start_spans:
            return run, (end_spans[-1][0] if end_spans and p1 != p0 else run)
        return start_spans[0][0], run
    if p0 == p1 and e <= s:
        # a point issue: the run holding the position
        hit = next((sp for sp in start_spans if sp[1] <= s < sp[2]), start_spans[-1])
        return hit[0], hit[0]
    first = next((sp for sp in start_spans if sp[2] > s), start_spans[-1])
    last_candidates = [sp for sp in end_spans if sp[1] < e]
    last = last_candidates[-1] if last_candidates else end_spans[0]
    if p0 == p1 and last[1] < first[1]:
        last = first
    return first[0], last[0]


# ------------------------------------------------------------------------------------------------
# text / Markdown through pandoc

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~^\"'@&=:;%])")
_BLOCK_PREFIX = re.compile(r"^\s{0,3}(?:(?:#{1,6}\s+)|(?:[-*+]\s+)|(?:\d+[.)]\s+)|(?:>\s?)|(?:\|\s*))*")
_GUARDED = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|`+[^`\n]*`+|<[^<>\n]*>")


def escape_markdown(text: str) -> str:
    """``text`` as literal Markdown inline content (every special character backslash-escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _safe_offsets(line: str, s: int, e: int) -> tuple[int, int]:
    """Move span edges out of constructs that markers would break (math, code, HTML tags) and
    past block markup at the start of the line (heading #, list markers, quote, pipe)."""
    prefix = _BLOCK_PREFIX.match(line)
    floor = prefix.end() if prefix else 0
    s = max(s, floor) if s < floor else s
    e = max(e, s)
    for m in _GUARDED.finditer(line):
        if m.start() < s < m.end():
            s = m.start()
        if m.start() < e < m.end():
            e = m.end()
    if line.lstrip().startswith("|"):
        bar = line.find("|", s)
        if bar != -1 and bar < e:
            e = bar  # a comment range cannot leave its table cell
    return s, max(e, s)


# Comment markers: private-use characters of plane 15 (a kind character and a three-digit id in
# base 256), put into the source at the issue positions. pandoc reads them as ordinary letters;
# after the AST has been cleaned of every user construct (drafter.draft.pandoc.sanitize_ast) they
# are replaced by the comment spans of pandoc's DOCX writer. The source cannot forge them: any
# character of that range in the report is replaced by U+FFFD first.
MARK_START = "\U000F0000"
MARK_END = "\U000F0001"
_DIGIT0 = 0xF0100
_RESERVED_RE = re.compile("[\U000F0000-\U000F01FF]")
_MARK_RE = re.compile("([\U000F0000\U000F0001])([\U000F0100-\U000F01FF]{3})")
MAX_COMMENTS = 256 ** 3


def _marker(kind: str, cid: int) -> str:
    return kind + "".join(chr(_DIGIT0 + ((cid >> shift) & 0xFF)) for shift in (16, 8, 0))


def _marker_id(digits: str) -> int:
    return sum((ord(ch) - _DIGIT0) << shift for ch, shift in zip(digits, (16, 8, 0), strict=True))


def annotated_markdown(source: str, issues: Sequence[Issue]) -> str:
    """``source`` with a start and an end marker (:data:`MARK_START`/:data:`MARK_END` + id)
    around each issue's text; comment ``k`` belongs to ``issues[k]``."""
    if len(issues) > MAX_COMMENTS:
        raise LkipError(f"terlalu banyak temuan untuk satu salinan beranotasi ({len(issues)})")
    lines = _RESERVED_RE.sub("\ufffd", source).splitlines()
    if not lines:
        lines = [""]
    n = len(lines)
    inserts: dict[int, list[tuple[int, int, int, str]]] = {}  # line -> (offset, order, id, marker)
    for cid, issue in enumerate(issues):
        loc = issue.location
        l0 = min(max(loc.line, 1), n) - 1
        want = min(max(loc.end_line, loc.line, 1), n) - 1
        l1 = want
        # a comment cannot span a blank line (paragraph break): stop at the end of the block
        for k in range(l0 + 1, want + 1):
            if not lines[k].strip():
                l1 = k - 1
                break
        s = min(max(loc.column - 1, 0), len(lines[l0]))
        if l1 < want:
            e = len(lines[l1])
        else:
            e = min(max(loc.end_column - 1, 0), len(lines[l1]))
        if l1 == l0:
            s, e = _safe_offsets(lines[l0], s, max(e, s))
        else:
            s, _ = _safe_offsets(lines[l0], s, s)
            _, e = _safe_offsets(lines[l1], e, e)
        # at one offset: ends of comments opened earlier, then starts, then ends of empty ranges
        empty = (l0, s) == (l1, e)
        inserts.setdefault(l0, []).append((s, 1, cid, _marker(MARK_START, cid)))
        inserts.setdefault(l1, []).append((e, 2 if empty else 0, cid, _marker(MARK_END, cid)))
    out = list(lines)
    for li, items in inserts.items():
        line = out[li]
        groups: dict[int, list[tuple[int, int, str]]] = {}
        for off, kind, cid, marker in items:
            groups.setdefault(off, []).append((kind, cid, marker))
        # insert from the right so offsets stay valid
        for off in sorted(groups, reverse=True):
            text = "".join(m for _k, _c, m in sorted(groups[off]))
            line = line[:off] + text + line[off:]
        out[li] = line
    return "\n".join(_pandoc_safe_lines(out)) + "\n"


_AFTER_TAG_SPACE = re.compile(r">[ \t]{2,}")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_REF_DEF_RE = re.compile(r"^( {0,3})\[(?=[^\]]*\]:)")


def _pandoc_safe_lines(lines: list[str]) -> list[str]:
    """Tabs (tab-separated tables in text files) become spaces and deep indentation is removed:
    both would otherwise turn report text into code blocks, where comments are not rendered.
    Outside fenced code, a line that would be a link reference definition (``[x]: url``, which
    pandoc hides) gets its bracket escaped, so that it stays visible text."""
    out: list[str] = []
    fence: str | None = None
    for raw in lines:
        line = _AFTER_TAG_SPACE.sub("> ", raw.replace("\t", " "))
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) >= 4 and fence is None:
            line = stripped
        m = _FENCE_RE.match(line)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
        elif fence is None:
            line = _REF_DEF_RE.sub(r"\1\\[", line, count=1)
        out.append(line)
    return out


def annotate_text_bytes(path: str | Path, issues: Sequence[Issue], *, lang: str = "id") -> bytes:
    from drafter.document.readers import read_document

    try:
        doc = read_document(path)
        source = doc.source_text
    except LkipError:
        source = None
    if source is None:
        try:
            source = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
        except OSError as exc:
            raise LkipError(f"tidak dapat dibaca ({exc.strerror})", path=str(path)) from None
    md = annotated_markdown(source, issues)
    try:
        return markdown_to_docx(md, [comment_text(i, lang) for i in issues])
    except LkipError as err:
        if err.path:
            raise
        raise LkipError(err.message, path=str(path)) from None


def markdown_to_docx(md: str, comments: Sequence[str] = ()) -> bytes:
    """Markdown (with comment markers) -> DOCX through the sandboxed pandoc of
    :mod:`drafter.draft.pandoc`; the markers become Word comments with texts ``comments``."""
    from drafter.draft.pandoc import REPORT_READER_FORMAT, markdown_to_safe_docx

    data = markdown_to_safe_docx(md, transform=lambda ast: insert_comments(ast, comments),
                                 reader=REPORT_READER_FORMAT)
    return normalize_package(data, fix_core_dates=True)


def _comment_start(cid: int, text: str) -> dict[str, Any]:
    words: list[dict[str, Any]] = []
    for w in " ".join(_RESERVED_RE.sub("\ufffd", text).split()).split(" "):
        if words:
            words.append({"t": "Space"})
        if w:
            words.append({"t": "Str", "c": w})
    attrs = [["id", str(cid)], ["author", AUTHOR], ["initials", INITIALS]]
    return {"t": "Span", "c": [["", ["comment-start"], attrs], words]}


def _comment_end(cid: int) -> dict[str, Any]:
    return {"t": "Span", "c": [["", ["comment-end"], [["id", str(cid)]]], []]}


def insert_comments(ast: dict[str, Any], comments: Sequence[str]) -> dict[str, Any]:
    """Replace the markers in a cleaned AST by comment spans (pandoc's DOCX comments).

    A marker inside inline code moves next to the code (a start before it, an end after it); a
    code block holding markers becomes a plain paragraph of its lines. A comment whose end (or
    start) was lost is closed (or opened) next to the half that was found, and one whose markers
    both vanished is anchored on an empty paragraph at the end, so every issue has its comment.
    """
    from drafter.draft.pandoc import TOO_DEEP, text_inlines

    starts: dict[int, tuple[list[Any], dict[str, Any]]] = {}
    ends: dict[int, tuple[list[Any], dict[str, Any]]] = {}

    def split(text: str) -> list[Any]:
        """A string holding markers as text pieces and ("start"|"end", id) pairs."""
        pieces: list[Any] = []
        pos = 0
        for m in _MARK_RE.finditer(text):
            if m.start() > pos:
                pieces.append(text[pos:m.start()])
            cid = _marker_id(m.group(2))
            if cid < len(comments):
                if m.group(1) == MARK_START:
                    pieces.append(("start", cid))
                else:
                    pieces.append(("end", cid))
            pos = m.end()
        if pos < len(text):
            pieces.append(text[pos:])
        return pieces

    def make(kind: str, cid: int, target: list[Any]) -> dict[str, Any]:
        node = _comment_start(cid, comments[cid]) if kind == "start" else _comment_end(cid)
        (starts if kind == "start" else ends).setdefault(cid, (target, node))
        return node

    def inline_list(items: list[Any]) -> list[Any]:
        merged: list[Any] = []  # consecutive Str nodes joined (a marker may straddle two)
        run: list[str] = []
        for x in items:
            if isinstance(x, dict) and x.get("t") == "Str":
                run.append(x["c"])
                continue
            if run:
                merged.append({"t": "Str", "c": "".join(run)})
                run = []
            merged.append(x)
        if run:
            merged.append({"t": "Str", "c": "".join(run)})
        out: list[Any] = []
        for x in merged:
            t = x.get("t") if isinstance(x, dict) else None
            if t == "Str" and _RESERVED_RE.search(x["c"]):
                for piece in split(x["c"]):
                    if isinstance(piece, tuple):
                        out.append(make(piece[0], piece[1], out))
                    else:
                        clean = _RESERVED_RE.sub("", piece)
                        if clean:
                            out.append({"t": "Str", "c": clean})
            elif t == "Code" and _RESERVED_RE.search(x["c"][1]):
                pieces = split(x["c"][1])
                code = "".join(_RESERVED_RE.sub("", p) for p in pieces if isinstance(p, str))
                for p in pieces:
                    if isinstance(p, tuple) and p[0] == "start":
                        out.append(make("start", p[1], out))
                out.append({"t": "Code", "c": [x["c"][0], code]})
                for p in pieces:
                    if isinstance(p, tuple) and p[0] == "end":
                        out.append(make("end", p[1], out))
            elif t == "CodeBlock" and _RESERVED_RE.search(x["c"][1]):
                out.append({"t": "Para", "c": inline_list(text_inlines(x["c"][1]))})
            else:
                out.append(walk(x))
        return out

    def walk(x: Any) -> Any:
        if isinstance(x, list):
            return inline_list(x)
        if isinstance(x, dict) and "c" in x:
            return {**x, "c": walk(x["c"])}
        return x

    try:
        blocks = inline_list(ast.get("blocks", []))
    except RecursionError:
        raise LkipError(TOO_DEEP) from None
    orphans: list[Any] = []
    for cid in range(len(comments)):
        if cid in starts and cid not in ends:
            lst, node = starts[cid]
            lst.insert(_index(lst, node) + 1, _comment_end(cid))
        elif cid in ends and cid not in starts:
            lst, node = ends[cid]
            lst.insert(_index(lst, node), _comment_start(cid, comments[cid]))
        elif cid not in starts:
            orphans.extend([_comment_start(cid, comments[cid]), _comment_end(cid)])
    if orphans:
        blocks.append({"t": "Para", "c": orphans})
    return {**ast, "blocks": blocks}


def _index(items: list[Any], node: Any) -> int:
    return next(i for i, x in enumerate(items) if x is node)


# ------------------------------------------------------------------------------------------------
# reading comments back (tests, screenshots)


def read_comments(path: str | Path) -> list[dict[str, str]]:
    """The comments of a DOCX in id order: ``{"id", "author", "text", "anchor"}`` where
    ``anchor`` is the document text between the comment's range start and end."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    comments = {str(c.comment_id): c for c in document.comments}
    anchors: dict[str, list[str]] = {}
    open_ids: list[str] = []
    body = document.element.body
    for el in body.iter():
        tag = el.tag
        if tag == qn("w:commentRangeStart"):
            cid = el.get(qn("w:id"))
            open_ids.append(cid)
            anchors.setdefault(cid, [])
        elif tag == qn("w:commentRangeEnd"):
            cid = el.get(qn("w:id"))
            if cid in open_ids:
                open_ids.remove(cid)
        elif tag in (qn("w:t"), qn("m:t")) and open_ids:
            for cid in open_ids:
                anchors[cid].append(el.text or "")
        elif tag == qn("w:tab") and open_ids and el.getparent().tag == qn("w:r"):
            for cid in open_ids:
                anchors[cid].append("\t")
        elif tag in (qn("w:br"), qn("w:cr")) and open_ids and \
                el.get(qn("w:type")) in (None, "textWrapping"):
            for cid in open_ids:
                anchors[cid].append("\n")
        elif tag == qn("w:p") and open_ids:
            for cid in open_ids:
                if anchors[cid]:
                    anchors[cid].append("\n")
    out = []
    for cid in sorted(comments, key=int):
        c = comments[cid]
        out.append({"id": cid, "author": c.author, "text": c.text,
                    "anchor": "".join(anchors.get(cid, []))})
    return out
