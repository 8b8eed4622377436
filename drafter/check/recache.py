"""Compiled regular expressions kept across processes (``lkip check`` start-up time).

The rules use several hundred regular expressions, many built from the YAML word lists; Python
compiles each one in pure Python (parser and code generator) in every new process, which is a
large part of the time of a cold ``lkip check`` of one report. Only the last step,
``_sre.compile(pattern, flags, code, ...)``, is C; its inputs are plain data.

While :func:`regex_cache` is active, the code generator's output of every ``str`` pattern is
recorded; at the end the table is stored in the compiled data cache
(:mod:`drafter.resources`) under a key made of the drafter and Python versions and the regex
engine's constants (``_sre.MAGIC``, ``CODESIZE``, ...). The next process hands the stored code
straight to ``_sre.compile``: the same engine input, so the same pattern object, without the
parsing. The table is bounded (:data:`MAX_ENTRIES`; when full, it is cut down to the patterns
of the last run); a pattern not in it is compiled the usual way. Patterns that rules build from
a report's own words (an office name, say) are stored too: the cache folder is the user's own
(files are created readable by the user only).

It is active only inside the ``lkip check`` command, only on CPython versions whose
``re._compiler`` was checked (3.11 to 3.13), only after a self-test at start (a table entry must
give a pattern equal in behaviour to the usual one), and never with ``LKIP_NO_CACHE=1``; the
original compiler is always put back on exit.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_ENTRIES = 4000
_FORMAT = 2
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _engine_key() -> bytes:
    import _sre

    parts = (_FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS)
    return repr(parts).encode()


def _supported() -> bool:
    return (sys.implementation.name == "cpython" and (3, 11) <= sys.version_info[:2] <= (3, 13))


class _Recorder:
    """The hook. ``table`` maps (pattern, flags) to the marshalled engine input (bytes: compact
    in memory, unmarshalled only when the pattern is compiled)."""

    def __init__(self, table: dict[tuple[str, int], bytes]) -> None:
        import _sre
        from re import _compiler, _parser  # type: ignore[attr-defined]

        self.table = table
        self.added = 0
        self.used: set[tuple[str, int]] = set()
        self.full = False  # a pattern could not be added: the table is pruned when saved
        self._sre_compile = _sre.compile
        self._parse = _parser.parse
        self._code = _compiler._code
        self._debug = _compiler.SRE_FLAG_DEBUG
        self.original = _compiler.compile

    def entry(self, pattern: str, flags: int) -> _Entry:
        """What ``re._compiler.compile`` computes before calling ``_sre.compile``."""
        p = self._parse(pattern, flags)
        code = self._code(p, flags)
        groupindex = p.state.groupdict
        indexgroup: list[str | None] = [None] * p.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        return (int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1,
                {str(k): int(v) for k, v in groupindex.items()},
                tuple(indexgroup))

    def build(self, pattern: str, e: _Entry) -> Any:
        return self._sre_compile(pattern, e[0], e[1], e[2], e[3], e[4])

    def compile(self, p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str) or not isinstance(flags, int) or flags & self._debug:
            return self.original(p, flags)
        key = (p, flags)
        self.used.add(key)
        blob = self.table.get(key)
        if blob is not None:
            try:
                return self.build(p, marshal.loads(blob))
            except Exception:  # noqa: BLE001, S110 - never trust a stored entry over the compiler
                pass
        e = self.entry(p, flags)
        if len(self.table) < MAX_ENTRIES:
            self.table[key] = marshal.dumps(e)
            self.added += 1
        else:
            self.full = True
        return self.build(p, e)

    def to_store(self) -> dict[tuple[str, int], bytes] | None:
        """The table to write back, or None when nothing changed. A full table keeps only the
        patterns of this run (stale ones from older code go)."""
        if self.full:
            return {k: v for k, v in self.table.items() if k in self.used}
        return self.table if self.added else None

    def self_test(self) -> bool:
        """A table entry must give the pattern the usual compiler gives (same attributes, same
        matches); two compiles each way, a few milliseconds."""
        pat = r"(?P<a>[a-z]+)\s*(\d{1,3})|(?i:ABC)|^\W*(?:x|y)+?$|(?<!\w)é\b"
        texts = ("abc 12", "ABC", "xyx", " é ", "", "Q\nxy")
        for flags in (0, 10):  # none; IGNORECASE | MULTILINE
            mine = self.build(pat, self.entry(pat, flags))
            theirs = self.original(pat, flags)
            if (mine.pattern, mine.flags, mine.groups, mine.groupindex) != \
                    (theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex):
                return False
            for t in texts:
                a, b = mine.search(t), theirs.search(t)
                if (a and (a.span(), a.groups())) != (b and (b.span(), b.groups())):
                    return False
        return True


def _valid(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, tuple) and len(k) == 2 and isinstance(k[0], str) and isinstance(k[1], int)
        and isinstance(v, bytes) for k, v in value.items())


_active = False  # a regex_cache block is running (an inner one changes nothing)


@contextmanager
def regex_cache() -> Iterator[None]:
    """Use (and afterwards update) the stored compiled patterns while the block runs. Blocks
    nest: only the outermost one installs the hook and writes the table back."""
    global _active
    from drafter.resources import cache_enabled, cache_path, read_cache, write_cache

    if _active or not cache_enabled() or not _supported():
        yield
        return
    try:
        from re import _compiler  # type: ignore[attr-defined]

        path = cache_path("regex", (_engine_key(),))
        ok, table = read_cache(path)
        if not ok or not _valid(table):
            table = {}
        rec = _Recorder(table)
        if not rec.self_test():
            raise RuntimeError("regex cache self-test failed")
    except Exception:  # noqa: BLE001 - any doubt: the usual compiler
        yield
        return
    _compiler.compile = rec.compile
    _active = True
    try:
        yield
    finally:
        _active = False
        _compiler.compile = rec.original
        store = rec.to_store()
        if store is not None:
            write_cache(path, store)
