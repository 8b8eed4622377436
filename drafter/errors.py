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
        return f"{head}{field}{self.message}"


class FiguresError(LkipError):
    """The figures file (YAML/JSON) is malformed or does not validate."""


class DocumentError(LkipError):
    """A document to check cannot be read (empty, binary, corrupt, too large...)."""
