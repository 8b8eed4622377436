"""Dictionary backends for the spelling rules (Hunspell ``id_ID``).

Backends, in order of preference:

1. the ``hunspell`` Python binding (pip ``hunspell``, built against libhunspell; optional extra
   ``spell``): loading ``id_ID`` takes ~20 ms and one lookup a few microseconds;
2. ``spylls`` (pure Python port of Hunspell): used only when the binding is missing but the
   dictionary files exist. It is several hundred times slower, so its lookups run under a time
   budget (:data:`SPYLLS_BUDGET` seconds per document); when the budget is spent the remaining
   words are treated as known and the rule tells the user that spelling was checked only in part;
3. nothing: :func:`get_speller` returns ``None`` with the reason, and the spelling rules emit one
   notice ("ejaan tidak diperiksa: ...") while every other rule still runs.

The dictionary is looked up in ``$LKIP_HUNSPELL_DIR`` then the usual system folders.
Every distinct word is checked once (results are cached per speller, in a cache bounded to
:data:`~drafter.limits.MAX_SPELL_CACHE` words). Words longer than
:data:`~drafter.limits.MAX_SPELL_WORD` letters are never looked up (no real word is that long, and
the dictionary's cost grows with the word): :meth:`Speller.known` answers False for them (not a
dictionary word), and the spelling rules skip them.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from drafter.limits import MAX_SPELL_WORD, BoundedCache

DICT_NAME = "id_ID"
DICT_DIRS = (
    "/usr/share/hunspell",
    "/usr/share/myspell",
    "/usr/share/myspell/dicts",
    "/usr/local/share/hunspell",
    "/opt/homebrew/share/hunspell",
    "/Library/Spelling",
    "~/Library/Spelling",
)
SPYLLS_BUDGET = 2.0  # seconds of spylls lookups per document
MISSING_NOTICE = "ejaan tidak diperiksa: kamus hunspell id_ID tidak ditemukan (pasang paket hunspell-id)"
PARTIAL_NOTICE = ("ejaan hanya diperiksa sebagian: modul hunspell tidak terpasang dan cadangan spylls "
                  "lambat (pasang: pip install 'lkip-drafter[spell]')")


def find_dictionary(name: str = DICT_NAME) -> tuple[Path, Path] | None:
    """(``.dic``, ``.aff``) of the dictionary ``name`` or None."""
    dirs = []
    env = os.environ.get("LKIP_HUNSPELL_DIR")
    if env:
        dirs.append(env)
    dirs.extend(DICT_DIRS)
    for d in dirs:
        base = Path(d).expanduser()
        dic, aff = base / f"{name}.dic", base / f"{name}.aff"
        if dic.is_file() and aff.is_file():
            return dic, aff
    return None


class Speller:
    """A cached word checker with optional suggestions."""

    def __init__(self, backend: str, check: Callable[[str], bool],
                 suggest: Callable[[str], list[str]], budget: float | None = None) -> None:
        self.backend = backend
        self._check = check
        self._suggest = suggest
        self._cache: BoundedCache[str, bool] = BoundedCache()
        self.budget = budget  # seconds available for uncached lookups (None = unlimited)
        self.exhausted = False

    def reset_budget(self, budget: float | None) -> None:
        self.budget = budget
        self.exhausted = False

    def known(self, word: str) -> bool:
        if len(word) > MAX_SPELL_WORD:
            return False  # not a dictionary word: never looked up, never cached
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        if self.budget is not None:
            if self.budget <= 0:
                self.exhausted = True
                return True  # unchecked words are not reported
            t0 = time.perf_counter()
            ok = bool(self._check(word))
            self.budget -= time.perf_counter() - t0
        else:
            ok = bool(self._check(word))
        self._cache[word] = ok
        return ok

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        try:
            return list(self._suggest(word))[:limit]
        except Exception:  # noqa: BLE001 - suggestions are a nicety
            return []


def _hunspell_speller(dic: Path, aff: Path) -> Speller | None:
    try:
        import hunspell  # type: ignore[import-not-found]
    except ImportError:
        return None
    h = hunspell.HunSpell(str(dic), str(aff))

    def check(word: str) -> bool:
        try:
            return bool(h.spell(word))
        except UnicodeEncodeError:  # a character the dictionary encoding cannot hold
            return False

    return Speller("hunspell", check, lambda w: list(h.suggest(w)))


def _spylls_speller(dic: Path) -> Speller | None:
    try:
        from spylls.hunspell import Dictionary  # type: ignore[import-not-found]
    except ImportError:
        return None
    d = Dictionary.from_files(str(dic.with_suffix("")))

    def suggest(word: str) -> list[str]:
        out = []
        for s in d.suggest(word):
            out.append(s)
            if len(out) >= 3:
                break
        return out

    return Speller("spylls", d.lookup, suggest, budget=SPYLLS_BUDGET)


@lru_cache(maxsize=4)
def _load(backend: str | None) -> tuple[Speller | None, str | None]:
    found = find_dictionary()
    if found is None:
        return None, MISSING_NOTICE
    dic, aff = found
    if backend in (None, "hunspell"):
        sp = _hunspell_speller(dic, aff)
        if sp is not None:
            return sp, None
        if backend == "hunspell":
            return None, "ejaan tidak diperiksa: modul python hunspell tidak terpasang"
    sp = _spylls_speller(dic)
    if sp is not None:
        return sp, PARTIAL_NOTICE
    return None, ("ejaan tidak diperiksa: modul hunspell/spylls tidak terpasang "
                  "(pasang: pip install 'lkip-drafter[spell]')")


def get_speller(backend: str | None = None) -> tuple[Speller | None, str | None]:
    """The speller (cached) and a notice to show when spelling is skipped or partial.

    ``backend`` forces ``"hunspell"`` or ``"spylls"``; the environment variable
    ``LKIP_SPELL_BACKEND`` does the same (``none`` disables spelling, for tests).
    """
    backend = backend or os.environ.get("LKIP_SPELL_BACKEND") or None
    if backend == "none":
        return None, MISSING_NOTICE
    sp, note = _load(backend)
    if sp is not None and sp.backend == "spylls":
        sp.reset_budget(SPYLLS_BUDGET)
    return sp, note
