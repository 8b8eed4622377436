"""Safe file output: atomic writes, refusal to overwrite inputs."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from drafter.errors import LkipError


def ensure_output_ok(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output path that is an input, a folder, or in a folder that cannot be written."""
    out = output.resolve()
    for i in inputs:
        try:
            if out == Path(i).resolve() or (out.exists() and Path(i).exists() and out.samefile(i)):
                raise LkipError("berkas keluaran sama dengan berkas masukan; pilih nama lain",
                                path=str(output))
        except OSError:
            continue
    if out.is_dir():
        raise LkipError("berkas keluaran adalah folder", path=str(output))
    parent = out.parent
    if not parent.exists():
        raise LkipError("folder tujuan tidak ada", path=str(output))
    if not os.access(parent, os.W_OK):
        raise LkipError("folder tujuan tidak dapat ditulisi (izin ditolak)", path=str(output))
    if out.exists() and not os.access(out, os.W_OK):
        raise LkipError("berkas keluaran tidak dapat ditulisi (izin ditolak)", path=str(output))


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write through a temporary file in the same folder, then rename: never half-written."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lkip-", suffix=path.suffix, dir=path.parent or ".")
    except OSError as exc:
        raise LkipError(f"tidak dapat menulis ({exc.strerror})", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        # mkstemp creates 0600; give the file the mode a normal open() would (0666 & ~umask),
        # or keep the mode of the file being replaced
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise LkipError(f"tidak dapat menulis ({exc.strerror})", path=str(path)) from None
