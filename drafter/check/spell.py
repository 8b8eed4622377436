"""Dictionary for the spelling rules: the expanded hunspell ``id_ID`` word list, pure Python.

The default backend (``"wordlist"``) reads every word form of the ``id_ID`` dictionary from the
``lkip_kamus_id`` package (``kamus/`` in the repository; carried by lkip-drafter's own wheel, so a
plain ``pip install`` has it on every OS, with no libhunspell and no system dictionary). Lookups
are set-like membership tests plus hunspell's case rules (:class:`WordList`): the same answers as
hunspell on every word the spelling rules look up (``scripts/build_wordlist.py --check``), with
no time budget, so results never depend on the machine. Suggestions (:meth:`Speller.suggest`) are
dictionary words at edit distance 1, then 2 (rapidfuzz), in a fixed order: deterministic.

Other backends, only on request (``backend`` argument or ``$LKIP_SPELL_BACKEND``):

* ``"hunspell"``: the optional ``hunspell`` binding with the system ``id_ID`` files (found in
  ``$LKIP_HUNSPELL_DIR`` then the usual folders), used by ``scripts/compare_spelling.py`` as the
  reference; it is not faster than the word list, so it is never chosen on its own;
* ``"none"``: spelling off (tests).

When no word list can be found (a broken install), :func:`get_speller` returns ``None`` with the
reason and the spelling rules emit one notice while every other rule still runs.
``$LKIP_NO_SYSTEM_DICT=1`` hides the system dictionaries (tests of a machine without them).

Every distinct word is checked once per speller (cache bounded to
:data:`~drafter.limits.MAX_SPELL_CACHE` words). Words longer than
:data:`~drafter.limits.MAX_SPELL_WORD` letters are never looked up: :meth:`Speller.known` answers
False for them (not a dictionary word), and the spelling rules skip them.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from drafter.limits import MAX_SPELL_WORD, BoundedCache
from drafter.resources import compiled

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
WORDLIST_FILE = "id_ID.words.gz"
WORDLIST_KEY = 4  # letters of the group key of the word list (lkip_kamus_id.KEY)
# a group longer than this is looked up in parts, by the next _SPLIT_KEY letters (WordList)
_SPLIT_ABOVE = 2048
_SPLIT_KEY = 2
MISSING_NOTICE = ("ejaan tidak diperiksa: daftar kata id_ID (paket lkip_kamus_id) tidak ditemukan "
                  "(pasang ulang: pip install lkip-drafter)")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def find_dictionary(name: str = DICT_NAME) -> tuple[Path, Path] | None:
    """(``.dic``, ``.aff``) of the system hunspell dictionary ``name`` or None."""
    if os.environ.get("LKIP_NO_SYSTEM_DICT"):
        return None
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


def wordlist_bytes() -> bytes | None:
    """The compressed word list: the installed ``lkip_kamus_id`` package, else ``kamus/`` of a
    source checkout; None when neither exists."""
    try:
        from drafter.resources import package_files

        return (package_files("lkip_kamus_id") / WORDLIST_FILE).read_bytes()
    except (ImportError, FileNotFoundError, OSError):
        pass
    source = Path(__file__).resolve().parents[2] / "kamus" / "lkip_kamus_id" / WORDLIST_FILE
    try:
        return source.read_bytes()
    except OSError:
        return None


def sized_groups(groups: dict[str, str]) -> dict[str, str]:
    """The words of a :class:`WordList` of three letters or more, one string per first two
    letters and length (``{"pe10": " pelaksana pelatihan ... "}``)."""
    by: dict[str, list[str]] = {}
    for key, group in groups.items():
        for rest in group[1:-1].split(" "):
            w = key + rest
            if len(w) >= 3:
                by.setdefault(f"{w[:2]}{len(w)}", []).append(w)
    return {k: " " + " ".join(sorted(v)) + " " for k, v in by.items()}


class WordList:
    """Membership in the expanded word list with hunspell's case rules.

    The list is kept as one string per group of words sharing their first
    :data:`WORDLIST_KEY` letters (``" rest rest "``): loading makes ~10,000 objects instead of
    ~210,000, and a lookup is one dict access and one short substring search.

    Case rules (as hunspell with ``id_ID``): a word is known as written; a capitalised word
    (``Rumah``) also as its lower case; a word in capitals (``RUMAH``) also in lower case or
    capitalised (``JAKARTA`` -> ``Jakarta``). A word with hyphens that is not in the list is known
    when its parts are (hunspell's default ``BREAK``: ``kerja-kerja``, see :meth:`_broken`).
    """

    def __init__(self, groups: dict[str, str],
                 sized: Callable[[dict[str, str]], dict[str, str]] | None = None) -> None:
        self._groups = groups
        self._split: dict[str, dict[str, str]] = {}  # long group key -> its parts (_parts)
        self._by_start: dict[str, list[str]] | None = None  # first letter -> group keys
        # the words again, grouped by their first two letters and length (``"pe10"``: the
        # pool of a suggestion search), made or loaded by ``sized`` at the first search
        self._sized_source = sized or sized_groups
        self._sized: dict[str, str] | None = None

    @classmethod
    def from_bytes(cls, data: bytes) -> WordList:
        """From the decompressed data file (``key<TAB>rest rest`` lines)."""
        groups = {}
        for line in data.decode("utf-8").split("\n"):
            key, _, rest = line.partition("\t")
            if key:
                groups[key] = f" {rest} "
        return cls(groups)

    def __len__(self) -> int:
        return sum(g.count(" ") - 1 for g in self._groups.values())

    def keys_with_prefix(self, prefix: str) -> list[str]:
        """The group keys starting with ``prefix`` (1 to :data:`WORDLIST_KEY` letters)."""
        if self._by_start is None:
            by: dict[str, list[str]] = {}
            for key in self._groups:
                by.setdefault(key[:1], []).append(key)
            self._by_start = by
        return [key for key in self._by_start.get(prefix[:1], ()) if key.startswith(prefix)]

    def words_sized(self, prefix: str, low: int, high: int) -> list[str]:
        """Every word starting with ``prefix`` whose length is ``low`` to ``high``."""
        if len(prefix) == 2 and low >= 3:
            if self._sized is None:
                self._sized = self._sized_source(self._groups)
            sized = self._sized
            return [w for n in range(low, high + 1) for w in sized.get(f"{prefix}{n}", "").split()]
        groups = self._groups
        out = []
        for key in self.keys_with_prefix(prefix):
            n = len(key)
            out.extend(key + r for r in groups[key][1:-1].split(" ") if low <= n + len(r) <= high)
        return out

    def known_among(self, words: Iterable[str]) -> list[str]:
        """The words of ``words`` that are in the list as written (:meth:`__contains__`)."""
        return [w for w in words if w in self]

    def __contains__(self, word: str) -> bool:
        k = WORDLIST_KEY
        group = self._groups.get(word[:k])
        if group is None:
            return False
        rest = word[k:]
        if len(group) > _SPLIT_ABOVE and " " not in rest:
            # a long group ("meng": 220,000 characters): searched in the part of its rests that
            # share the first letters of this one (the same answer: a rest is in the group
            # exactly when it is in its part)
            part = self._parts(word[:k], group).get(rest[:_SPLIT_KEY])
            return part is not None and f" {rest} " in part
        return f" {rest} " in group

    def _parts(self, key: str, group: str) -> dict[str, str]:
        """The rests of a long group, one string per first :data:`_SPLIT_KEY` letters (made at
        the first look-up in the group: the same characters again, for at most the few dozen
        groups above _SPLIT_ABOVE)."""
        got = self._split.get(key)
        if got is None:
            by: dict[str, list[str]] = {}
            for rest in group[1:-1].split(" "):
                by.setdefault(rest[:_SPLIT_KEY], []).append(rest)
            got = self._split[key] = {p: " " + " ".join(rs) + " " for p, rs in by.items()}
        return got

    def known(self, word: str) -> bool:
        if not word or " " in word:
            return False
        if word in self:
            return True
        rest = word[1:]
        if word[:1].isupper():
            if rest == rest.lower():  # Capitalised
                if word.lower() in self:
                    return True
            elif word.isupper():  # ALL CAPS
                low = word.lower()
                if low in self or low.capitalize() in self:
                    return True
        if "-" in word:
            return self._broken(word)
        return False

    def _broken(self, word: str) -> bool:
        """Hunspell's default ``BREAK`` (``-``, ``^-``, ``-$``): a leading or trailing hyphen is
        dropped; else the word is split at its second hyphen (its first when it has one), then
        at its first, and known when both sides are (recursively; at most 9 hyphens)."""
        if word.count("-") >= 10:
            return False
        if len(word) > 1 and (word.startswith("-") and self.known(word[1:])
                              or word.endswith("-") and self.known(word[:-1])):
            return True
        n = len(word)
        first = word.find("-")
        if not 0 < first < n - 1:
            return False
        second = word.find("-", first + 1)
        at = second if 0 < second < n - 1 else first
        if self.known(word[at + 1:]) and self.known(word[:at]):
            return True
        return at != first and self.known(word[first + 1:]) and self.known(word[:first])


class Speller:
    """A cached word checker with suggestions."""

    def __init__(self, backend: str, check: Callable[[str], bool],
                 suggest: Callable[[str], list[str]],
                 similar: Callable[[str], list[str]] | None = None,
                 among: Callable[[list[str]], list[str]] | None = None) -> None:
        self.backend = backend
        self._check = check
        # the words of a list of lower-case words without a hyphen that ``check`` accepts
        self._among = among
        self._suggest = suggest
        self._similar = similar or suggest
        self._cache: BoundedCache[str, bool] = BoundedCache()
        self.exhausted = False  # kept for callers of the former time-budgeted backend: never set

    def known(self, word: str) -> bool:
        if len(word) > MAX_SPELL_WORD:
            return False  # not a dictionary word: never looked up, never cached
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        ok = bool(self._check(word))
        self._cache[word] = ok
        return ok

    def known_among(self, words: list[str]) -> list[str]:
        """The known words among ``words`` (lower case, no hyphen: dictionary neighbours of a
        word), in their order; like :meth:`known` per word, without filling the cache."""
        words = [w for w in words if len(w) <= MAX_SPELL_WORD]
        if self._among is not None:
            return self._among(words)
        return [w for w in words if self._check(w)]

    def near(self, word: str) -> list[str]:
        """Dictionary words one edit away from ``word`` (lower case), sorted; not cached."""
        low = word.lower()
        if not low.isalpha() or len(low) > MAX_SPELL_WORD:
            return []
        return sorted(c for c in edits1(low) if self._check(c))

    def suggest(self, word: str, limit: int = 3) -> list[str]:
        try:
            return list(self._suggest(word))[:limit]
        except Exception:  # noqa: BLE001 - suggestions are a nicety
            return []

    def similar(self, word: str, limit: int = 3) -> list[str]:
        """Like :meth:`suggest`, cheaper and coarser (same first two letters): for hints."""
        try:
            return list(self._similar(word))[:limit]
        except Exception:  # noqa: BLE001 - suggestions are a nicety
            return []


def edits1(w: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion (a-z) away."""
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(w)
    return out


def _wordlist_suggest(wl: WordList) -> tuple[Callable[[str], list[str]], Callable[[str], list[str]]]:
    def pool(low: str) -> list[str]:
        """Words with the first two letters of ``low`` and a length within 2 of its length."""
        return wl.words_sized(low[:2], len(low) - 2, len(low) + 2)

    def similar(word: str) -> list[str]:
        """Known words with the same first two letters up to two edits away (rapidfuzz),
        ordered by distance, length difference, then alphabetically."""
        low = word.lower()
        if not low.isalpha() or len(low) < 5 or len(low) > MAX_SPELL_WORD:
            return []
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        hits = process.extract(low, pool(low), scorer=OSA.distance, score_cutoff=2, limit=None)
        return [c for c, _d, _i in sorted(hits, key=lambda h: (h[1], abs(len(h[0]) - len(low)), h[0]))
                if c != low]

    def suggest(word: str) -> list[str]:
        """Known words at edit distance 1 (any letter), else :func:`similar`."""
        low = word.lower()
        if not low.isalpha() or len(low) > MAX_SPELL_WORD:
            return []
        near = sorted((c for c in edits1(low) if wl.known(c)), key=lambda c: (abs(len(c) - len(low)), c))
        return near or similar(low)

    return suggest, similar


@lru_cache(maxsize=1)
def load_wordlist() -> WordList | None:
    """The packaged word list (cached), or None."""
    data = wordlist_bytes()
    if data is None:
        return None

    def build() -> dict[str, str]:
        return WordList.from_bytes(gzip.decompress(data))._groups

    # the parsed groups are kept in the compiled data cache (keyed by the packaged bytes): a
    # marshal load instead of decompressing and splitting 2 MB in every process
    def valid(v: object) -> bool:
        return isinstance(v, dict) and all(isinstance(g, str) for g in v.values())

    groups = compiled("wordlist-id_ID", (data,), build, valid)
    # the suggestion pools (words by first two letters and length): loaded at the first search
    return WordList(groups, lambda g: compiled("wordlist-id_ID-sized", (data,), lambda: sized_groups(g), valid))


def _hunspell_speller() -> tuple[Speller | None, str | None]:
    found = find_dictionary()
    if found is None:
        return None, "ejaan tidak diperiksa: kamus hunspell id_ID tidak ditemukan (pasang paket hunspell-id)"
    try:
        import hunspell  # type: ignore[import-not-found]
    except ImportError:
        return None, "ejaan tidak diperiksa: modul python hunspell tidak terpasang"
    dic, aff = found
    h = hunspell.HunSpell(str(dic), str(aff))

    def check(word: str) -> bool:
        try:
            return bool(h.spell(word))
        except UnicodeEncodeError:  # a character the dictionary encoding cannot hold
            return False

    return Speller("hunspell", check, lambda w: list(h.suggest(w))), None


@lru_cache(maxsize=4)
def _load(backend: str | None) -> tuple[Speller | None, str | None]:
    if backend == "hunspell":
        return _hunspell_speller()
    wl = load_wordlist()
    if wl is None:
        return None, MISSING_NOTICE
    suggest, similar = _wordlist_suggest(wl)
    return Speller("wordlist", wl.known, suggest, similar, wl.known_among), None


def get_speller(backend: str | None = None) -> tuple[Speller | None, str | None]:
    """The speller (cached) and a notice to show when spelling is skipped.

    ``backend`` forces ``"wordlist"`` (the default) or ``"hunspell"``; the environment variable
    ``LKIP_SPELL_BACKEND`` does the same (``none`` disables spelling, for tests).
    """
    backend = backend or os.environ.get("LKIP_SPELL_BACKEND") or None
    if backend == "none":
        return None, MISSING_NOTICE
    if backend not in (None, "wordlist", "hunspell"):
        return None, f"ejaan tidak diperiksa: LKIP_SPELL_BACKEND={backend!r} tidak dikenal (wordlist, hunspell, none)"
    return _load(None if backend == "wordlist" else backend)
