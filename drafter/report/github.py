"""``--format github``: GitHub Actions workflow annotations.

One line per issue: ``::error file=F,line=L,endLine=E,col=C,endColumn=EC,title=T::MESSAGE``
(``warning`` for warnings, ``notice`` for info). Data is escaped as the runner requires (``%``,
``\\r``, ``\\n``), properties also ``:`` and ``,``; remaining control characters are shown
escaped, so that no file name or message can start a workflow command of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.errors import term_safe

if TYPE_CHECKING:
    from drafter.check.batch import FileResult

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    out = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return term_safe(out)


def escape_property(text: str) -> str:
    """A property value (``file=``, ``title=``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[FileResult], *, lang: str = "id") -> str:
    from drafter.check.runner import order_key

    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(f"::error file={escape_property(r.path)},title=lkip::{escape_data(r.error)}")
            continue
        for i in sorted(r.issues, key=order_key):
            loc = i.location
            props = [f"file={escape_property(r.path)}", f"line={loc.line}"]
            if loc.end_line > loc.line:
                props.append(f"endLine={loc.end_line}")
            props.append(f"col={loc.column}")
            if loc.end_line == loc.line and loc.end_column > loc.column:
                props.append(f"endColumn={loc.end_column}")
            props.append(f"title={escape_property(f'{i.rule} [{i.category}]')}")
            msg = i.message
            if i.expected:
                msg += f" (expected: {i.expected})" if lang == "en" else f" (seharusnya: {i.expected})"
            lines.append(f"::{COMMANDS.get(i.severity, 'warning')} {','.join(props)}::"
                         f"{escape_data(msg)}")
    return "".join(line + "\n" for line in lines)
