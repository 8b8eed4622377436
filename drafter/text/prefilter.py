"""A cheap, exact pre-filter for regular expressions: the literals a match must contain.

:func:`required_literals` reads a compiled pattern (with the parser of the standard library) and
returns strings of which at least one occurs in the text of every match, or None when no such
literal can be derived. A rule may skip a text (a unit, or the whole document) that holds none of
them: the regex cannot match there, whatever its look-arounds or anchors say, because the
literals are taken only from the part of the pattern a match consumes. So skipping never changes
a result; it only saves the scan.

Case-insensitive literals are compared with the lower-cased text, which is exact for ASCII
literals unless the text holds one of the few characters that the regex engine folds onto an
ASCII letter while ``str.lower`` does not (the long s, the Kelvin sign, the dotted capital I):
:func:`fold_safe` tells, and the callers then do not filter.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

try:  # Python >= 3.11
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

# at least one of these literals is in every match (text, case-insensitive); None: unknown
Required = frozenset[tuple[str, bool]] | None

_MAX_ALTERNATIVES = 64  # a pre-filter with more alternatives costs more than it saves


def _best(cands: list[frozenset[tuple[str, bool]]]) -> Required:
    """The most selective requirement: the one whose shortest literal is longest."""
    if not cands:
        return None
    return max(cands, key=lambda s: (min(len(x[0]) for x in s), -len(s)))


@lru_cache(maxsize=1024)
def _exact_char(code: int, ci: bool) -> bool:
    """A literal character the pre-filter may look for: any ASCII one; any other one in a
    case-sensitive part of a pattern (found exactly as written); in a case-insensitive part,
    only a character without case that ``str.lower`` keeps ("…", "–": no other character folds
    onto it, and the lower-cased text holds it where the text does)."""
    if code < 128 or not ci:
        return True
    ch = chr(code)
    return not ch.isalpha() and ch.lower() == ch and ch.upper() == ch and ch.casefold() == ch


def _seq(items: list[tuple[object, object]], ci: bool) -> Required:
    cands: list[frozenset[tuple[str, bool]]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            cands.append(frozenset([("".join(run), ci)]))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and isinstance(av, int) and _exact_char(av, ci):
            ch = chr(av)
            run.append(ch.lower() if ci else ch)
            continue
        flush()
        req = _item(op, av, ci)
        if req is not None:
            cands.append(req)
    flush()
    return _best(cands)


def _item(op: object, av: object, ci: bool) -> Required:
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av  # type: ignore[misc]
        # "(?i:...)" in a case-sensitive pattern: its literals are compared in lower case
        # ("(?-i:...)" in a case-insensitive one stays so: a weaker test, still exact to skip)
        return _seq(list(sub), ci or bool(add_flags & re.IGNORECASE))
    if op is _c.ATOMIC_GROUP:
        return _seq(list(av), ci)  # type: ignore[call-overload]
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, sub = av  # type: ignore[misc]
        body = list(sub)
        if lo >= 2 and len(body) == 1 and body[0][0] is _c.LITERAL and isinstance(body[0][1], int) \
                and _exact_char(body[0][1], ci):
            ch = chr(body[0][1])
            return frozenset([((ch.lower() if ci else ch) * min(lo, 8), ci)])  # "\.{4,}": "...."
        return _seq(body, ci) if lo >= 1 else None
    if op is _c.BRANCH:
        _none, branches = av  # type: ignore[misc]
        out: set[tuple[str, bool]] = set()
        for br in branches:
            req = _seq(list(br), ci)
            if req is None:
                return None
            out |= req
        if len(out) > _MAX_ALTERNATIVES:
            return None
        return frozenset(out)
    return None  # classes, categories, look-arounds, anchors, back-references: no literal


# Results kept across processes (`lkip check` start-up: deriving the literals parses each
# pattern with the pure-Python parser, ~25 ms for the rules of one check): while
# :func:`stored_literals` is active, (pattern, flags) -> result, read from and written back to
# the compiled data cache. Bounded by _MAX_STORED (when full, nothing more is added).
_MAX_STORED = 4000
_stored: dict[tuple[str, int], Required] | None = None
_stored_added = 0


# required_literals results by the identity of the pattern object: a compiled pattern hashes its
# whole compiled code on every hash (5 us for a long one), which a cache keyed by the pattern
# paid on each of thousands of calls per check. The entry holds the pattern itself, so its id
# cannot be reused while it is stored; bounded by _MAX_MEMO (emptied when full).
_MAX_MEMO = 4096
_memo: dict[int, tuple[re.Pattern[str], Required]] = {}


def required_literals(rx: re.Pattern[str]) -> Required:
    """Literals ``(text, case_insensitive)`` of which every match of ``rx`` contains at least
    one (a case-insensitive literal is lower-cased and is looked for in the lower-cased text);
    None when none can be derived."""
    got = _memo.get(id(rx))
    if got is not None and got[0] is rx:
        return got[1]
    req = _required_literals(rx)
    if len(_memo) >= _MAX_MEMO:
        _memo.clear()
    _memo[id(rx)] = (rx, req)
    return req


def _cache_clear() -> None:
    _memo.clear()
    _tests.clear()


required_literals.cache_clear = _cache_clear  # type: ignore[attr-defined]


def _required_literals(rx: re.Pattern[str]) -> Required:
    """:func:`required_literals` without the memo (the stored table, else derived)."""
    global _stored_added
    if not isinstance(rx.pattern, str):
        return None
    table = _stored
    if table is None:
        return _derive(rx)
    key = (rx.pattern, rx.flags)
    if key in table:
        return table[key]
    req = _derive(rx)
    if len(table) < _MAX_STORED:
        table[key] = req
        _stored_added += 1
    return req


def _valid_table(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, tuple) and len(k) == 2 and isinstance(k[0], str) and isinstance(k[1], int)
        and (v is None or (isinstance(v, frozenset) and all(
            isinstance(x, tuple) and len(x) == 2 and isinstance(x[0], str) and x[0]
            and isinstance(x[1], bool) for x in v)))
        for k, v in value.items())


@contextmanager
def stored_literals() -> Iterator[None]:
    """Use (and afterwards update) the stored results of :func:`required_literals` while the
    block runs. The cache key holds this module's source and the Python version (the parser),
    so a changed derivation never reads old results; with the cache disabled, a no-op."""
    global _stored, _stored_added
    from drafter.resources import cache_enabled, cache_path, read_cache, write_cache

    if not cache_enabled() or _stored is not None:
        yield
        return
    try:
        path = cache_path("prefilter", (Path(__file__).read_bytes(),))
        ok, table = read_cache(path)
        if not ok or not _valid_table(table):
            table = {}
    except Exception:  # noqa: BLE001 - no usable cache: derive as usual
        yield
        return
    _stored, _stored_added = table, 0
    try:
        yield
    finally:
        added, _stored, _stored_added = _stored_added, None, 0
        if added:
            write_cache(path, table)


def _derive(rx: re.Pattern[str]) -> Required:
    """:func:`required_literals` of a ``str`` pattern, computed."""
    try:
        parsed = _p.parse(rx.pattern, rx.flags & ~re.UNICODE)
    except Exception:  # noqa: BLE001 - an unusual pattern: no pre-filter
        return None
    req = _seq(list(parsed), bool(rx.flags & re.IGNORECASE))
    if req is None or not all(lit for lit, _ci in req):
        return None
    return req


_FOLD_RISK = re.compile(r"(?i)[a-z]")


@lru_cache(maxsize=256)
def _char_fold_safe(ch: str) -> bool:
    return len(ch.lower()) == 1 and not _FOLD_RISK.fullmatch(ch)


def fold_safe(text: str) -> bool:
    """True when ``text.lower()`` holds a lower-cased ASCII literal exactly where a
    case-insensitive regex finds it (no non-ASCII character folding onto an ASCII letter)."""
    if text.isascii():
        return True
    return all(_char_fold_safe(ch) for ch in set(text) if not ch.isascii())


def may_match(rx: re.Pattern[str], text: str, lower: str | None = None, *, safe: bool = True) -> bool:
    """False only when ``rx`` cannot match anywhere in ``text`` (``lower`` is ``text.lower()``,
    computed when not given; ``safe`` is :func:`fold_safe` of ``text``)."""
    req = required_literals(rx)
    if req is None:
        return True
    for lit, ci in req:
        if ci:
            if not safe:
                return True
            if lower is None:
                lower = text.lower()
            if lit in lower:
                return True
        elif lit in text:
            return True
    return False


# The test of a pattern, by the identity of the pattern object (called tens of thousands of
# times per check, so it is one dict look-up): (the pattern, its case-sensitive literals, its
# lower-cased ones), or (the pattern, None, None) when no literal is known. Like _memo, the
# entry holds the pattern (its id is not reused while stored); bounded by _MAX_MEMO.
_Test = tuple[re.Pattern[str], tuple[str, ...] | None, tuple[str, ...] | None]
_tests: dict[int, _Test] = {}


def _test_of(rx: re.Pattern[str]) -> _Test:
    req = required_literals(rx)
    if req is None:
        entry: _Test = (rx, None, None)
    else:
        entry = (rx, tuple(sorted(lit for lit, ci in req if not ci)),
                 tuple(sorted(lit for lit, ci in req if ci)))
    if len(_tests) >= _MAX_MEMO:
        _tests.clear()
    _tests[id(rx)] = entry
    return entry


def can_match(rx: re.Pattern[str], text: str) -> bool:
    """False only when ``rx`` matches nowhere in ``text`` nor in any slice of it (a literal every
    match holds is not in ``text``). For any text (a sentence, a joined paragraph); the text of a
    unit has a cached test: :meth:`drafter.text.UnitText.may_match`."""
    test = _tests.get(id(rx))
    if test is None or test[0] is not rx:
        test = _test_of(rx)
    _rx, exact, folded = test
    if exact is None:
        return True
    for lit in exact:
        if lit in text:
            return True
    if folded:
        lower = _lowered_memo.get(text, _UNSEEN)
        if lower is _UNSEEN:
            lower = _lowered(text)
        if lower is None:
            return True  # not fold-safe: a case-insensitive literal cannot be tested
        for lit in folded:
            if lit in lower:  # type: ignore[operator]
                return True
    return False


# text -> its lower-cased form, or None when that is not fold-safe (:func:`fold_safe`): the same
# paragraph is tested against many patterns by many rules. Bounded: emptied when full.
_MAX_LOWERED = 4096
_lowered_memo: dict[str, str | None] = {}
_UNSEEN = object()


def _lowered(text: str) -> str | None:
    try:
        return _lowered_memo[text]
    except KeyError:
        pass
    out = text.lower() if fold_safe(text) else None
    if len(_lowered_memo) >= _MAX_LOWERED:
        _lowered_memo.clear()
    _lowered_memo[text] = out
    return out


def filtered_search(rx: re.Pattern[str], text: str, pos: int = 0,
                    endpos: int = sys.maxsize) -> re.Match[str] | None:
    """``rx.search(text, pos, endpos)``, answered None without running the regex when a literal
    every match holds is not in ``text`` (the same result: the regex engine tries every
    position of a pattern without a literal prefix; ``in`` finds a literal much faster)."""
    return rx.search(text, pos, endpos) if can_match(rx, text) else None


def filtered_finditer(rx: re.Pattern[str], text: str, pos: int = 0,
                      endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
    """``rx.finditer(text, pos, endpos)``, empty without running the regex when a literal every
    match holds is not in ``text`` (same result, see :func:`filtered_search`)."""
    return rx.finditer(text, pos, endpos) if can_match(rx, text) else iter(())


def filtered_match(rx: re.Pattern[str], text: str, pos: int = 0,
                   endpos: int = sys.maxsize) -> re.Match[str] | None:
    """``rx.match(text, pos, endpos)``, None at once when a literal every match holds is not in
    ``text`` (same result, see :func:`filtered_search`)."""
    return rx.match(text, pos, endpos) if can_match(rx, text) else None


def filtered_fullmatch(rx: re.Pattern[str], text: str, pos: int = 0,
                       endpos: int = sys.maxsize) -> re.Match[str] | None:
    """``rx.fullmatch(text, pos, endpos)``, None at once when a literal every match holds is not
    in ``text`` (same result, see :func:`filtered_search`)."""
    return rx.fullmatch(text, pos, endpos) if can_match(rx, text) else None
