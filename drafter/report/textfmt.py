"""Compiler-style text output and the JSON schema other tools consume."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.check.runner import order_key
from drafter.errors import term_safe

if TYPE_CHECKING:
    from drafter.check.batch import FileResult

SEVERITY_ID = {"error": "galat", "warning": "peringatan", "info": "info"}


def render_text(results: Sequence[FileResult], *, lang: str = "id") -> str:
    """``path:line:col: CODE [category] message`` per issue; numeric categories first.

    File names, messages and expected values are shown with control characters, line breaks
    and terminal escape sequences escaped: one issue is always exactly one line."""
    lines: list[str] = []
    for r in results:
        if r.error:
            continue
        path = term_safe(r.path)
        for i in sorted(r.issues, key=order_key):
            loc = i.location
            where = f"{path}:{loc.line}:{loc.column}"
            if loc.extra and "table" in loc.extra:
                where += f" (tabel {loc.extra['table']}, baris {loc.extra['row']}, sel {loc.extra['cell']})"
            exp = ""
            if i.expected:
                expected = term_safe(i.expected)
                exp = f" (expected: {expected})" if lang == "en" else f" (seharusnya: {expected})"
            lines.append(f"{where}: {i.rule} [{i.category}] {term_safe(i.message)}{exp}")
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
            "issues": [i.as_dict() for i in sorted(r.issues, key=lambda x: x.sort_key())],
        }
        if r.error:
            entry["error"] = r.error
        if r.notices:
            entry["notices"] = list(r.notices)
        files.append(entry)
    doc = {"version": 1, "files": files, "summary": summary(results)}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
