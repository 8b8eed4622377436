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


# Every character str.splitlines() breaks on, every other C0/C1 control character (ESC starts
# terminal escape sequences), DEL and the bidirectional overrides are shown escaped, so that a
# message stays one line and cannot drive the terminal, whatever a file name or value holds.
_UNSAFE = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x061C, 0x200E, 0x200F,
           *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_ESCAPES = {c: repr(chr(c))[1:-1] if c < 0xA0 else f"\\u{c:04x}" for c in _UNSAFE}
_ESCAPES[ord("\t")] = "\\t"


def _one_line(text: str) -> str:
    return text.translate(_ESCAPES)


def term_safe(text: str) -> str:
    """``text`` with control characters, line breaks and bidi overrides shown escaped (for
    terminal and one-issue-per-line output). Linear time; printable text is unchanged."""
    return text.translate(_ESCAPES)


class FiguresError(LkipError):
    """The figures file (YAML/JSON) is malformed or does not validate."""


class DataError(LkipError):
    """A data file of ``rules/`` or ``phrasebank/`` does not validate against its schema
    (:mod:`drafter.datacheck`)."""


class DocumentError(LkipError):
    """A document to check cannot be read (empty, binary, corrupt, too large...)."""


class Interrupted(BaseException):
    """Raised by the CLI's SIGINT/SIGTERM handlers: unwinds every ``finally`` (temporary files,
    worker processes, pandoc) and becomes exit code 128 + signal number. A BaseException, so
    that no ``except Exception`` of a rule or a reader swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
