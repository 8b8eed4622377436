"""``lkip check FILE --fix -o OUT``: write a copy of FILE with the issues' fixes applied.

Only fixes that rules attached to their issues (:class:`drafter.check.registry.Fix`) are
applied, and only where the source still holds exactly the text the rule saw; overlapping fixes
are skipped (the first one in reading order wins). The input file is never written.

* text/Markdown: a corrected copy; every byte outside the fixed spans is kept (encoding, BOM,
  line endings).
* DOCX: tracked changes that Word can accept or reject: the old text in ``w:del`` (its runs
  split at the span edges, run formatting kept), the new text in ``w:ins`` with the formatting
  of the first replaced run; author ``lkip``; ``w:date`` from ``SOURCE_DATE_EPOCH`` when set,
  otherwise left out (the copy is reproducible).
"""

from __future__ import annotations

import copy
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafter.check.registry import Fix, Issue
from drafter.errors import LkipError

AUTHOR = "lkip"


@dataclass
class FixResult:
    applied: list[Issue] = field(default_factory=list)
    skipped: list[Issue] = field(default_factory=list)  # source changed, overlap, unsplittable run


def fixable(issues: Sequence[Issue]) -> list[Issue]:
    """Issues with a fix, in reading order, one per span (the first one wins an overlap)."""
    out: list[Issue] = []
    ordered = sorted((i for i in issues if i.fix is not None),
                     key=lambda i: (_pos(i.fix)[0], _pos(i.fix)[1], i.rule))  # type: ignore[arg-type]
    last: tuple[int, int] | None = None
    for issue in ordered:
        fx = issue.fix
        assert fx is not None
        if fx.location.line != fx.location.end_line or not fx.old:
            continue  # fixes stay inside one line / paragraph
        start = _pos(fx)
        if last is not None and start < last:
            continue
        out.append(issue)
        last = (fx.location.end_line, fx.location.end_column)
    return out


def _pos(fx: Fix) -> tuple[int, int]:
    return fx.location.line, fx.location.column


def fix_file(input_path: str | Path, issues: Sequence[Issue], output: str | Path) -> FixResult:
    """Write the fixed copy of ``input_path`` to ``output`` (atomically)."""
    from drafter.io import atomic_write
    from drafter.report.common import is_docx

    todo = fixable(issues)
    if is_docx(input_path):
        if not str(output).lower().endswith(".docx"):
            raise LkipError("perbaikan DOCX ditulis sebagai DOCX; beri nama keluaran berakhiran "
                            ".docx", path=str(output), field="-o")
        data, result = fix_docx_bytes(input_path, todo)
    else:
        data, result = fix_text_bytes(input_path, todo)
    result.skipped.extend(i for i in issues if i.fix is not None and i not in todo)
    atomic_write(Path(output), data)
    return result


# ------------------------------------------------------------------------------------------------
# text / Markdown

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def fix_text_bytes(path: str | Path, todo: Sequence[Issue]) -> tuple[bytes, FixResult]:
    from drafter.document.readers import decode_text, normalize_digits
    from drafter.io import read_regular
    from drafter.limits import MAX_TEXT_BYTES

    data = read_regular(path, MAX_TEXT_BYTES)
    text = decode_text(data, str(path))
    bom = ""
    if text.startswith("\ufeff"):
        bom, text = "\ufeff", text[1:]
    starts = [0] + [m.end() for m in _LINE_BREAK_RE.finditer(text)]
    result = FixResult()
    edits: list[tuple[int, int, str]] = []
    for issue in todo:
        fx = issue.fix
        assert fx is not None
        line = fx.location.line
        if not 1 <= line <= len(starts):
            result.skipped.append(issue)
            continue
        s = starts[line - 1] + fx.location.column - 1
        e = s + len(fx.old)
        if normalize_digits(text[s:e]) != fx.old or _LINE_BREAK_RE.search(text, s, e):
            result.skipped.append(issue)
            continue
        edits.append((s, e, fx.new))
        result.applied.append(issue)
    parts: list[str] = []
    pos = 0
    for s, e, new in edits:  # in reading order, not overlapping
        parts.append(text[pos:s])
        parts.append(new)
        pos = e
    parts.append(text[pos:])
    out = bom + "".join(parts)
    if data.startswith(b"\xff\xfe"):
        return b"\xff\xfe" + out.removeprefix("\ufeff").encode("utf-16-le"), result
    if data.startswith(b"\xfe\xff"):
        return b"\xfe\xff" + out.removeprefix("\ufeff").encode("utf-16-be"), result
    if data.startswith(b"\xef\xbb\xbf"):
        return b"\xef\xbb\xbf" + out.removeprefix("\ufeff").encode("utf-8"), result
    return out.encode("utf-8"), result


# ------------------------------------------------------------------------------------------------
# DOCX: tracked changes

def _revision_date() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _next_id(root: Any) -> int:
    from docx.oxml.ns import qn

    ids = [int(v) for el in root.iter() if (v := el.get(qn("w:id"))) is not None and v.isdigit()]
    return max(ids, default=0) + 1


def fix_docx_bytes(path: str | Path, todo: Sequence[Issue]) -> tuple[bytes, FixResult]:
    import docx

    from drafter.document.readers import normalize_digits
    from drafter.report.annotate import _cut, _spans, _splittable
    from drafter.report.common import docx_paragraphs, normalize_package

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - any parse failure is a clean user error
        raise LkipError(f"DOCX tidak dapat dibuka ({type(exc).__name__})", path=str(path)) from None
    paragraphs = docx_paragraphs(document)
    result = FixResult()
    next_id = _next_id(document.element)
    date = _revision_date()
    ids = {id(issue): next_id + 2 * k for k, issue in enumerate(todo)}  # reading order
    # right to left inside a paragraph, so that earlier offsets stay valid
    for issue in sorted(todo, key=lambda i: _pos(i.fix), reverse=True):  # type: ignore[arg-type]
        fx = issue.fix
        assert fx is not None
        p = fx.location.line - 1
        if not 0 <= p < len(paragraphs):
            result.skipped.append(issue)
            continue
        para = paragraphs[p]
        s = fx.location.column - 1
        e = s + len(fx.old)
        if normalize_digits(para.text[s:e]) != fx.old:
            result.skipped.append(issue)
            continue
        _cut(para, {s, e})
        runs = [(r, a, b) for r, a, b in _spans(para) if a < e and b > s and b > a]
        if not runs or runs[0][1] != s or runs[-1][2] != e or any(
                not _splittable(r) or r._r.getparent() is not para._p for r, _, _ in runs):
            result.skipped.append(issue)  # a field, picture or hyperlink inside the span
            continue
        _track(runs, fx.new, ids[id(issue)], date)
        result.applied.append(issue)
    result.applied.reverse()
    buf = io.BytesIO()
    document.save(buf)
    return normalize_package(buf.getvalue()), result


def _track(runs: list[tuple[Any, int, int]], new: str, rev_id: int, date: str | None) -> None:
    """Wrap ``runs`` (consecutive children of one paragraph) in ``w:del`` and put a ``w:ins``
    with ``new`` after it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    first = runs[0][0]._r

    def mark(tag: str, n: int) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(n))
        el.set(qn("w:author"), AUTHOR)
        if date:
            el.set(qn("w:date"), date)
        return el

    ins_run = copy.deepcopy(first)
    for child in list(ins_run):
        if child.tag != qn("w:rPr"):
            ins_run.remove(child)
    t = OxmlElement("w:t")
    t.text = new
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    ins_run.append(t)

    dele = mark("w:del", rev_id)
    first.addprevious(dele)
    for run, _, _ in runs:
        r = run._r
        for child in r:
            if child.tag == qn("w:t"):
                child.tag = qn("w:delText")
                child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        dele.append(r)
    ins = mark("w:ins", rev_id + 1)
    ins.append(ins_run)
    dele.addnext(ins)


def accept_all(data: bytes) -> bytes:
    """The DOCX ``data`` with every tracked change accepted (deletions dropped, insertions
    unwrapped): what Word's "Accept All Changes" gives for the changes this module writes."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(payload)
                for d in list(root.iter(f"{w}del")):
                    d.getparent().remove(d)
                for i in list(root.iter(f"{w}ins")):
                    parent = i.getparent()
                    k = parent.index(i)
                    for child in reversed(list(i)):
                        parent.insert(k, child)
                    parent.remove(i)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
            dst.writestr(info, payload)
    return out.getvalue()
