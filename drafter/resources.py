"""Access to the data folders ``rules/``, ``phrasebank/`` and ``templates/``.

In a wheel they live inside the package (``drafter/_data/<name>``) and are found through
:mod:`importlib.resources`; in a source checkout they are the top-level folders of the repo.

Compiled data cache
-------------------
Parsing the packaged data (YAML rule files, the national gazetteer) costs more than the check of
a small report. :func:`compiled` keeps the parsed form in a user cache folder as :mod:`marshal`
data (plain dicts, lists, strings and numbers only; nothing executable), one file per data set,
named by a key made of the drafter and Python versions and the length and CRC-32 of the source
bytes: editing
a data file or installing another version gives a new key, and the old file is replaced. A cache
file that is missing, unreadable, corrupt (checksum) or of the wrong shape is ignored and the
data is parsed again, so the cache can never change a result, only the time to get it.

Folder: ``$LKIP_CACHE_DIR``, else ``$XDG_CACHE_HOME/lkip``, else ``~/.cache/lkip``.
``LKIP_NO_CACHE=1`` disables it (read and write).
"""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

DATA_DIRS = ("rules", "phrasebank", "templates")
CACHE_ENV = "LKIP_CACHE_DIR"
NO_CACHE_ENV = "LKIP_NO_CACHE"
_CACHE_FORMAT = 2  # bump when the layout of a cached value or of the file changes
_SUM = 8  # bytes in front of every cache file: the body's length and CRC-32 (damage, truncation)
STALE_TMP_SECONDS = 600  # a temporary cache file older than this was left by a killed process

T = TypeVar("T")


def package_files(package: str) -> Traversable:
    """``importlib.resources.files(package)``: for a package imported from a folder on disk
    (the usual install, a checkout) that folder itself, found without importing
    :mod:`importlib.resources` (and the zip support it loads: a few ms of every start-up)."""
    import importlib

    spec = importlib.import_module(package).__spec__
    origin = spec.origin if spec is not None and spec.has_location else None
    if origin and spec is not None and spec.submodule_search_locations is not None \
            and os.path.basename(origin).startswith("__init__.") and os.path.isfile(origin):
        return Path(origin).parent
    from importlib.resources import files

    return files(package)


@cache
def _data_folder(name: str) -> Traversable:
    packaged = package_files("drafter") / "_data" / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parent.parent / name
    return source


def data_dir(name: str) -> Traversable:
    """Return the folder ``name`` (one of :data:`DATA_DIRS`); found once per process."""
    if name not in DATA_DIRS:
        raise ValueError(f"unknown data folder {name!r}")
    return _data_folder(name)


def read_text(folder: str, filename: str) -> str:
    return (data_dir(folder) / filename).read_text(encoding="utf-8")


def read_bytes(folder: str, filename: str) -> bytes:
    return (data_dir(folder) / filename).read_bytes()


# --- compiled data cache --------------------------------------------------------------------
def cache_enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "").strip() in ("", "0")


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "lkip"


def _cache_key(sources: tuple[bytes, ...]) -> str:
    from drafter import __version__

    try:  # hashlib's blake2b is this one; hashlib itself also loads OpenSSL (~3 ms)
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    h = blake2b(digest_size=10)
    h.update(f"{_CACHE_FORMAT}|{__version__}|{sys.version}|{marshal.version}".encode())
    for src in sources:
        # length and CRC-32 identify a data file's version (CRC-32 runs several times faster
        # than a cryptographic hash over the megabytes of the word list and the gazetteer)
        h.update(len(src).to_bytes(8, "little"))
        h.update(zlib.crc32(src).to_bytes(4, "little"))
    return h.hexdigest()


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)


def cache_path(name: str, sources: tuple[bytes, ...]) -> Path:
    """The cache file of the data set ``name`` built from ``sources``."""
    return cache_dir() / f"{_safe_name(name)}-{_cache_key(sources)}.marshal"


def _checksum(body: bytes | memoryview) -> bytes:
    return (len(body) & 0xFFFFFFFF).to_bytes(4, "little") + zlib.crc32(body).to_bytes(4, "little")


def read_cache(path: Path) -> tuple[bool, Any]:
    """(True, value) from a cache file, or (False, None) when missing or damaged."""
    try:
        blob = path.read_bytes()
    except OSError:
        return False, None
    body = memoryview(blob)[_SUM:]  # no copy of a large file
    if len(blob) <= _SUM or _checksum(body) != blob[:_SUM]:
        return False, None
    try:
        return True, marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return False, None


def write_cache(path: Path, value: Any) -> None:
    """Store ``value`` (plain data) atomically; on any error nothing is written."""
    try:
        body = marshal.dumps(value)
    except ValueError:  # not plain data (e.g. a YAML date): parsed each time instead
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stem = path.name.rsplit("-", 1)[0]
        for old in path.parent.glob(stem + "-*.marshal"):  # the same data set, older key
            if old.name.rsplit("-", 1)[0] == stem and old != path:
                old.unlink(missing_ok=True)
        # temporaries left by a process killed while writing (another one may be writing now:
        # only those untouched for STALE_TMP_SECONDS go)
        now = time.time()
        for left in path.parent.glob(f".{stem}-*.tmp"):
            try:
                if now - left.stat().st_mtime > STALE_TMP_SECONDS:
                    left.unlink(missing_ok=True)
            except OSError:
                continue
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_checksum(body) + body)
        os.replace(tmp, path)
    except OSError:  # read-only home, full disk: the data is simply parsed next time too
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def compiled(name: str, sources: tuple[bytes, ...], build: Callable[[], T],
             valid: Callable[[Any], bool] | None = None) -> T:
    """``build()``, or its cached value for these exact ``sources`` (see the module doc).

    ``build`` must return plain data (what :mod:`marshal` stores); ``valid`` checks the shape
    of a cached value (a wrong shape is treated as a miss).
    """
    if not cache_enabled():
        return build()
    try:
        path = cache_path(name, sources)
    except Exception:  # noqa: BLE001 - no usable home folder: no cache
        return build()
    ok, value = read_cache(path)
    if ok and (valid is None or valid(value)):
        return value  # type: ignore[no-any-return]
    value = build()
    write_cache(path, value)
    return value


def jinja_bytecode_cache() -> Any:
    """A jinja2 bytecode cache in the cache folder (templates compiled once per version of
    their source), or None when caching is disabled. Never raises: a failing read is a miss, a
    failing write is skipped."""
    if not cache_enabled():
        return None
    import jinja2

    class _Cache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - damaged file: compile again
                bucket.reset()

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            try:
                os.makedirs(self.directory, exist_ok=True)
                super().dump_bytecode(bucket)
            except Exception:  # noqa: BLE001, S110 - read-only or full disk: not cached
                pass

    try:
        folder = cache_dir() / "jinja"
    except Exception:  # noqa: BLE001 - no usable home folder: no cache
        return None
    return _Cache(str(folder))


def parse_yaml(folder: str, filename: str) -> Any:
    """Parse one YAML data file (through the compiled data cache); a fresh object each call."""
    raw = read_bytes(folder, filename)

    def build() -> Any:
        import yaml  # only on a cache miss (its import is a part of a check's start-up)

        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
        if filename.endswith(".yaml"):  # a cache miss (new or edited data): parse and validate
            from drafter.datacheck import load_checked  # raises DataError (file:line)

            return load_checked(folder, filename, text)
        return yaml.load(text, Loader=yaml_loader())  # noqa: S506 - a safe loader

    return compiled(f"yaml-{folder}-{filename}", (raw,), build)


def compose_yaml(loader_cls: Any, text: str) -> tuple[Any, Any]:
    """The node tree (with line marks) and the constructed data of ``text``, parsed once with
    ``loader_cls`` (for messages that name a line: figures files and the rules data)."""
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def yaml_loader() -> Any:
    """libyaml's C loader when PyYAML was built with it (the packaged data loads several times
    faster), else the pure-Python safe loader."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def __getattr__(name: str) -> Any:
    if name == "YAML_LOADER":  # (was a module constant; yaml is imported on first use)
        return yaml_loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def load_yaml(folder: str, filename: str) -> Any:
    """Load (and cache) one YAML data file; the result must not be mutated."""
    return parse_yaml(folder, filename)


def list_files(folder: str, suffix: str = ".yaml") -> list[str]:
    return sorted(p.name for p in data_dir(folder).iterdir() if p.name.endswith(suffix))
