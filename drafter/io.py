"""Safe file input and output.

* Inputs are opened without blocking and checked with ``fstat`` before a byte is read: devices
  (``/dev/zero``), FIFOs, sockets and folders are refused, so a bad path can neither hang the
  command nor fill the memory.
* Outputs replace only regular files, atomically (temporary file in the same folder, then
  rename); devices, FIFOs, sockets, folders and symbolic links are refused. ``-`` and
  ``/dev/stdout`` are written through to the standard output, never replaced.
* Temporary files are tracked and removed on every exit path (exception, signal, ``atexit``).
"""

from __future__ import annotations

import atexit
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from drafter.errors import LkipError
from drafter.limits import too_large

# Output names that mean "the standard output": written through, never replaced.
STDOUT_NAMES = ("-", "/dev/stdout")

# Temporary files of writes in progress (removed by cleanup_temp_files on any exit).
_TEMP_FILES: set[str] = set()


def is_stdout(path: str | Path) -> bool:
    return os.fspath(path) in STDOUT_NAMES


def _kind_name(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "berkas perangkat"
    if stat.S_ISFIFO(mode):
        return "FIFO (pipa bernama)"
    if stat.S_ISSOCK(mode):
        return "soket"
    if stat.S_ISLNK(mode):
        return "tautan simbolik"
    return "bukan berkas biasa"


def special_file_error(path: str | Path, mode: int, *, what: str = "berkas masukan",
                       error: type[LkipError] = LkipError) -> LkipError:
    kind = _kind_name(mode)
    if stat.S_ISDIR(mode):
        return error(f"{what} adalah folder, bukan berkas", path=os.fspath(path))
    return error(f"{what} adalah {kind}, bukan berkas biasa; berikan berkas biasa",
                 path=os.fspath(path))


def read_regular(path: str | Path, limit: int, *, error: type[LkipError] = LkipError,
                 what: str = "berkas masukan") -> bytes:
    """Read a regular file of at most ``limit`` bytes; refuse anything else before reading.

    The file is opened with ``O_NONBLOCK`` (a FIFO without writer does not hang the open) and
    checked with ``fstat`` on the open descriptor, so the check and the read see the same file.
    """
    name = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise error("berkas tidak ditemukan", path=name) from None
    except IsADirectoryError:
        raise error(f"{what} adalah folder, bukan berkas", path=name) from None
    except PermissionError:
        raise error("berkas tidak dapat dibaca (izin ditolak)", path=name) from None
    except OSError as exc:
        raise error(f"berkas tidak dapat dibaca ({exc.strerror or exc})", path=name) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise special_file_error(name, st.st_mode, what=what, error=error)
        if st.st_size > limit:
            raise too_large(name, "berkas", st.st_size, limit, error=error)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            block = os.read(fd, min(1 << 20, limit + 1 - size))
            if not block:
                break
            chunks.append(block)
            size += len(block)
    except LkipError:
        raise
    except IsADirectoryError:
        raise error(f"{what} adalah folder, bukan berkas", path=name) from None
    except OSError as exc:
        raise error(f"berkas tidak dapat dibaca ({exc.strerror or exc})", path=name) from None
    finally:
        os.close(fd)
    if size > limit:
        raise too_large(name, "berkas", size, limit, error=error)
    return b"".join(chunks)


def check_regular_input(path: str | Path, *, error: type[LkipError] = LkipError,
                        what: str = "berkas masukan") -> os.stat_result:
    """``stat`` an input (following symbolic links) and refuse anything but a regular file."""
    name = os.fspath(path)
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise error("berkas tidak ditemukan", path=name) from None
    except PermissionError:
        raise error("berkas tidak dapat dibaca (izin ditolak)", path=name) from None
    except OSError as exc:
        raise error(f"berkas tidak dapat dibaca ({exc.strerror or exc})", path=name) from None
    if not stat.S_ISREG(st.st_mode):
        raise special_file_error(name, st.st_mode, what=what, error=error)
    return st


def _check_output_target(output: Path) -> None:
    """Refuse an existing output path that is not a regular file (checked without following
    a symbolic link: the link itself would be replaced)."""
    try:
        st = os.lstat(output)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise LkipError(f"berkas keluaran tidak dapat diperiksa ({exc.strerror or exc})",
                        path=str(output)) from None
    if stat.S_ISDIR(st.st_mode):
        raise LkipError("berkas keluaran adalah folder", path=str(output))
    if stat.S_ISLNK(st.st_mode):
        raise LkipError("berkas keluaran adalah tautan simbolik; berikan nama berkas biasa "
                        "(atau - untuk keluaran standar)", path=str(output))
    if not stat.S_ISREG(st.st_mode):
        raise LkipError(f"berkas keluaran adalah {_kind_name(st.st_mode)}, bukan berkas biasa; "
                        "berikan nama berkas biasa (atau - untuk keluaran standar)",
                        path=str(output))


def ensure_output_ok(output: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output path that is an input, a folder, a special file or a symbolic link, or
    in a folder that cannot be written. ``-`` and ``/dev/stdout`` are always fine."""
    if is_stdout(output):
        return
    output = Path(output)
    _check_output_target(output)
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


def _write_stdout(payload: bytes) -> None:
    out = getattr(sys.stdout, "buffer", None)
    try:
        if out is not None:
            sys.stdout.flush()
            out.write(payload)
            out.flush()
        else:  # pragma: no cover - a replaced sys.stdout without a buffer (tests)
            sys.stdout.write(payload.decode("utf-8"))
            sys.stdout.flush()
    except BrokenPipeError:
        raise LkipError("keluaran standar ditutup sebelum selesai ditulis", path="-") from None


def cleanup_temp_files() -> None:
    """Remove the temporary files of unfinished writes (signal handlers, atexit)."""
    for tmp in list(_TEMP_FILES):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _TEMP_FILES.discard(tmp)


atexit.register(cleanup_temp_files)


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write through a temporary file in the same folder, then rename: never half-written.

    ``-`` and ``/dev/stdout`` are written to the standard output. An existing target that is
    not a regular file (device, FIFO, socket, folder, symbolic link) is refused.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if is_stdout(path):
        _write_stdout(payload)
        return
    path = Path(path)
    _check_output_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".lkip-", suffix=path.suffix, dir=path.parent or ".")
    except OSError as exc:
        raise LkipError(f"tidak dapat menulis ({exc.strerror})", path=str(path)) from None
    _TEMP_FILES.add(tmp)
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
        _check_output_target(path)  # not swapped for a device or link while writing
        os.replace(tmp, path)
        _TEMP_FILES.discard(tmp)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _TEMP_FILES.discard(tmp)
        if isinstance(exc, OSError):
            raise LkipError(f"tidak dapat menulis ({exc.strerror})", path=str(path)) from None
        raise
