"""``lkip check -``: the report read from the standard input.

The bytes are read (bounded) into a private temporary folder under the name given with
``--stdin-filename`` (its suffix picks the reader: ``.docx``, ``.md``, ``.txt``; default text or
Markdown, detected), checked like any file, and reported under that name (or ``-``). The
temporary copy is removed on every exit path; nothing the user owns is ever written.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePath

from drafter.errors import LkipError

STDIN_ARG = "-"
DEFAULT_NAME = "stdin.txt"
SUFFIXES = (".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".docx")


def stdin_display_name(stdin_filename: str | None) -> str:
    return stdin_filename if stdin_filename else STDIN_ARG


def _temp_name(stdin_filename: str | None) -> str:
    if not stdin_filename:
        return DEFAULT_NAME
    base = PurePath(stdin_filename.replace("\\", "/")).name
    suffix = PurePath(base).suffix.lower()
    if suffix and suffix not in SUFFIXES:
        from drafter.document.readers import SUPPORTED

        raise LkipError(f"akhiran {suffix} tidak didukung; format yang didukung: {SUPPORTED}",
                        field="--stdin-filename")
    return "stdin" + (suffix or ".txt")


def read_stdin(limit: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # pragma: no cover - stdin closed
        raise LkipError("masukan standar tidak tersedia", path=STDIN_ARG)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise LkipError(f"masukan terlalu besar (batas {limit // 1048576} MB)", path=STDIN_ARG)
    return data


@contextmanager
def stdin_as_file(stdin_filename: str | None) -> Iterator[Path]:
    """The standard input as a temporary file (removed afterwards)."""
    from drafter.document.readers import MAX_DOCX_BYTES

    name = _temp_name(stdin_filename)
    data = read_stdin(MAX_DOCX_BYTES)
    folder = tempfile.mkdtemp(prefix="lkip-stdin-")
    try:
        path = Path(folder) / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
