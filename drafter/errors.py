"""Project-wide clean errors.

Every error a user can cause (bad figures file, unreadable document, wrong option) is raised as
:class:`LkipError`. The CLI prints ``str(err)`` as one Indonesian line and exits with code 2.
"""

from __future__ import annotations


class LkipError(Exception):
    """A user-facing error: one line, naming the file, the line and the field when known."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(self.format())

    def format(self) -> str:
        head = ""
        if self.path:
            head = self.path
            if self.line:
                head += f":{self.line}"
            head += ": "
        field = f"{self.field}: " if self.field else ""
        return _one_line(f"{head}{field}{self.message}")


# Every character str.splitlines() breaks on, shown escaped so a message stays one line even
# when a file name, a YAML key or a quoted value holds a line break.
_LINE_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def _one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS)


class FiguresError(LkipError):
    """The figures file (YAML/JSON) is malformed or does not validate."""


class DocumentError(LkipError):
    """A document to check cannot be read (empty, binary, corrupt, too large...)."""
