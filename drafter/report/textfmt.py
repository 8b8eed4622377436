"""Compiler-style text output and the JSON schema other tools consume."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.check.registry import Issue
from drafter.errors import term_safe

if TYPE_CHECKING:
    from drafter.check.batch import FileResult

SEVERITY_ID = {"error": "galat", "warning": "peringatan", "info": "info"}


def _place(issue: Issue) -> str:
    loc = issue.location
    where = f"{loc.line}:{loc.column}"
    if loc.extra and "page" in loc.extra:  # PDF: page and line on the page
        where += f" (hal. {loc.extra['page']}, baris {loc.extra.get('line', '?')})"
    if loc.extra and "table" in loc.extra:
        where += f" (tabel {loc.extra['table']}, baris {loc.extra['row']}, sel {loc.extra['cell']})"
    return where


def render_text(results: Sequence[FileResult], *, lang: str = "id", quiet: bool = False) -> str:
    """``path:line:col: CODE [category] message`` per issue; numeric categories first.

    The same spelling finding at several places is one line naming all its places
    (``(+2 tempat lain: 40:2, 51:7)``). ``quiet`` leaves out the summary line.
    File names, messages and expected values are shown with control characters, line breaks
    and terminal escape sequences escaped: one issue is always exactly one line."""
    from drafter.report.views import grouped

    lines: list[str] = []
    for r in results:
        if r.error:
            continue
        path = term_safe(r.path)
        for group in grouped(r.issues):
            i = group[0]
            where = f"{path}:{_place(i)}"
            exp = ""
            if i.expected:
                expected = term_safe(i.expected)
                exp = f" (expected: {expected})" if lang == "en" else f" (seharusnya: {expected})"
            more = ""
            if len(group) > 1:
                places = ", ".join(_place(g) for g in group[1:])
                more = (f" (+{len(group) - 1} more place(s): {places})" if lang == "en"
                        else f" (+{len(group) - 1} tempat lain: {places})")
            lines.append(f"{where}: {i.rule} [{i.category}] {term_safe(i.message)}{exp}{more}")
    if quiet:
        return "".join(line + "\n" for line in lines)
    total = sum(len(r.issues) for r in results if not r.error)
    errs = sum(1 for r in results for i in r.issues if i.severity == "error")
    if lang == "en":
        lines.append(f"{total} issue(s), {errs} error(s) in {len(results)} file(s)")
    else:
        lines.append(f"{total} temuan, {errs} galat, dalam {len(results)} berkas")
    return "\n".join(lines) + "\n"


def render_json(results: Sequence[FileResult]) -> str:
    from drafter.check.batch import summary

    files = []
    for r in results:
        entry: dict[str, object] = {
            "path": r.path,
            "issues": [_issue_dict(i) for i in sorted(r.issues, key=lambda x: x.sort_key())],
        }
        if r.error:
            entry["error"] = r.error
        if r.notices:
            entry["notices"] = list(r.notices)
        files.append(entry)
    doc = {"version": 1, "files": files, "summary": summary(results)}
    return dumps_indented(doc) + "\n"


def dumps_indented(obj: object) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, the same text several times faster
    (with ``indent`` the json module encodes in pure Python; here only the layout is Python and
    every string goes through json's C encoder). Anything but plain JSON data (str keys; str,
    int, float, bool, None, list, dict values) is left to json.dumps."""
    out: list[str] = []
    try:
        _layout(obj, out, "\n")
    except _NotPlain:
        return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False)
    return "".join(out)


class _NotPlain(Exception):
    pass


_enc_str = json.encoder.encode_basestring  # type: ignore[attr-defined]
_enc_float = json.JSONEncoder(ensure_ascii=False).iterencode  # the json module's float text


def _layout(o: object, out: list[str], nl: str) -> None:
    t = type(o)
    if t is str:
        out.append(_enc_str(o))
    elif t is dict:
        if not o:
            out.append("{}")
            return
        inner = nl + "  "
        first = True
        for k, v in o.items():  # type: ignore[attr-defined]
            if type(k) is not str:
                raise _NotPlain
            out.append(("{" if first else ",") + inner + _enc_str(k) + ": ")
            first = False
            _layout(v, out, inner)
        out.append(nl + "}")
    elif t is list:
        if not o:
            out.append("[]")
            return
        inner = nl + "  "
        first = True
        for v in o:  # type: ignore[attr-defined]
            out.append(("[" if first else ",") + inner)
            first = False
            _layout(v, out, inner)
        out.append(nl + "]")
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif t is int:
        out.append(int.__repr__(o))  # type: ignore[arg-type]
    elif t is float:
        out.append("".join(_enc_float(o)))
    else:
        raise _NotPlain


def _issue_dict(issue: Issue) -> dict[str, object]:
    """One issue of the JSON output; spelling findings carry their ``group`` key (the same for
    every place of the same word with the same suggestion)."""
    from drafter.report.views import group_key

    d = issue.as_dict()
    key = group_key(issue)
    if key is not None:
        d["group"] = key
    return d
