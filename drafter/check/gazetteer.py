"""The national gazetteer: every province, kabupaten/kota, kecamatan and desa/kelurahan of
Indonesia with its Kemendagri code (``rules/gazetteer/wilayah.tsv.gz``, built by
``scripts/build_gazetteer.py`` from the MIT-licensed data of Cahya DSN; see
``rules/gazetteer/README.md``).

Loaded lazily, once per process: provinces, kabupaten/kota and kecamatan are indexed at load
time; the villages of a kecamatan are parsed only when asked for. The index and the set of
place-name words are kept in the compiled data cache (:func:`drafter.resources.compiled`), so a
new process loads them in a few milliseconds instead of parsing the 91,000 regions again.

Names are compared by :func:`name_key` (lower case, letters and digits only), so "Sumber Baru",
"SUMBERBARU" and "Sumber-baru" are the same name.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from drafter.limits import BoundedCache
from drafter.resources import cache_enabled, compiled, data_dir

GAZETTEER_FILE = "wilayah.tsv.gz"

PROVINSI, KABUPATEN, KOTA, KECAMATAN, KELURAHAN, DESA = (
    "Provinsi", "Kabupaten", "Kota", "Kecamatan", "Kelurahan", "Desa")
_VILLAGE_KIND = {"1": KELURAHAN, "2": DESA, "3": DESA}  # 3: desa adat (Papua)
_MIN_WORD = 4
_MAX_ANYWHERE = 4096  # names remembered by Gazetteer.find_village_anywhere
_KEY_RE = re.compile(r"[^a-z0-9]+")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]")


_PUNCT = str.maketrans("", "", " -'.’/(),\t")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_NON_WORD_RE = re.compile(r"[^\w|\n]+")
_BAD_ITEM_RE = re.compile(r"\|(?![|\n]|\Z)(?![0-9]{4}(?:[|\n]|\Z|\w))")


def name_key(name: str) -> str:
    """The comparison key of a place name: lower case, letters and digits only."""
    key = name.lower().translate(_PUNCT)  # the common case, without a regex
    return key if key.isascii() and key.isalnum() else _KEY_RE.sub("", key)


class Region(NamedTuple):  # a tuple: 7,800 of them are made at load time
    code: str  # Kemendagri code: "35", "35.09", "35.09.01", "35.09.01.2001"
    kind: str  # PROVINSI, KABUPATEN, KOTA, KECAMATAN, KELURAHAN or DESA
    name: str  # without the kind: "Jember", "Bandung Barat", "Jakarta Utara"

    @property
    def full(self) -> str:
        """"Kabupaten Jember", "Kota Padang", "Kecamatan Jombang", "Desa Padangan"; the
        kota and kabupaten of DKI Jakarta are "administrasi" ones."""
        if self.code.startswith("31.") and self.code.count(".") == 1:
            return f"{self.kind} Administrasi {self.name}"
        return f"{self.kind} {self.name}"

    @property
    def level(self) -> int:
        """0 provinsi, 1 kabupaten/kota, 2 kecamatan, 3 desa/kelurahan."""
        return self.code.count(".")

    @property
    def parent_code(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None


class Gazetteer:
    """All regions; look-ups by code and by name."""

    def __init__(self, text: str) -> None:
        self._regions: dict[str, Region] = {}
        self._children: dict[str, list[str]] = {}
        self._villages_raw: dict[str, str] = {}
        self._by_key: dict[tuple[int, str], list[str]] = {}  # (level, key) -> codes
        self._village_cache: dict[str, tuple[Region, ...]] = {}
        self._village_keys: dict[str, dict[str, list[Region]]] = {}
        for line in text.split("\n"):
            if not line or line[0] == "#":
                continue
            parts = line.split("\t")
            code, raw = parts[0], parts[1]
            level = code.count(".")
            if level == 0:
                region = Region(code, PROVINSI, raw)
            elif level == 1:
                kind, _, name = raw.partition(" ")
                if name.startswith("Administrasi "):  # "Kota Administrasi Jakarta Utara"
                    name = name[len("Administrasi "):]
                region = Region(code, KOTA if kind == KOTA else KABUPATEN, name)
            else:
                region = Region(code, KECAMATAN, raw)
                self._villages_raw[code] = parts[2] if len(parts) > 2 else ""
            self._regions[code] = region
            if level:
                self._children.setdefault(code.rsplit(".", 1)[0], []).append(code)
            self._by_key.setdefault((level, name_key(region.name)), []).append(code)

    # --- compiled form (plain data for the cache) -----------------------------------------
    def state(self) -> tuple[object, ...]:
        return (
            [tuple(r) for r in self._regions.values()],
            self._children,
            self._villages_raw,
            [(level, key, codes) for (level, key), codes in self._by_key.items()],
        )

    @classmethod
    def from_state(cls, state: tuple[object, ...]) -> Gazetteer:
        regions, children, villages_raw, by_key = state
        self = cls("")
        self._regions = {t[0]: Region(*t) for t in regions}  # type: ignore[attr-defined]
        self._children = children  # type: ignore[assignment]
        self._villages_raw = villages_raw  # type: ignore[assignment]
        self._by_key = {(lv, key): codes for lv, key, codes in by_key}  # type: ignore[attr-defined]
        return self

    # --- by code ---------------------------------------------------------------------------
    def region(self, code: str) -> Region | None:
        if code.count(".") == 3:
            return next((v for v in self.villages(code.rsplit(".", 1)[0]) if v.code == code), None)
        return self._regions.get(code)

    def children(self, code: str) -> list[Region]:
        """The kabupaten/kota of a province, the kecamatan of a kabupaten/kota, the villages of
        a kecamatan."""
        if code.count(".") == 2:
            return self.villages(code)
        return [self._regions[c] for c in self._children.get(code, [])]

    def villages(self, kecamatan_code: str) -> list[Region]:
        got = self._village_cache.get(kecamatan_code)
        if got is None:
            raw = self._villages_raw.get(kecamatan_code, "")
            got = tuple(Region(f"{kecamatan_code}.{it[:4]}", _VILLAGE_KIND.get(it[0], DESA), it[4:])
                        for it in (raw.split("|") if raw else []))
            self._village_cache[kecamatan_code] = got
        return list(got)

    def find_village_anywhere(self, name: str, limit: int = 3) -> list[Region]:
        """Villages of the whole country called ``name``, at most ``limit`` + 1 of them (enough
        to tell a rare name from a common one) without building a national index: one search
        of the raw village lists."""
        key = name_key(name)
        if len(key) < 4:
            return []
        # the same names come back (a word of the template, "Persentase", in every report):
        # one search of the 1.2 MB of village lists per distinct name and limit, per process
        memo = self.__dict__.get("_anywhere")
        if memo is None:
            memo = self.__dict__["_anywhere"] = BoundedCache(_MAX_ANYWHERE)
        got = memo.get((key, limit))
        if got is None:
            got = memo[(key, limit)] = tuple(self._find_village_anywhere(key, limit))
        return list(got)

    def _find_village_anywhere(self, key: str, limit: int) -> list[Region]:
        flat = self.__dict__.get("_village_flat")
        if flat is None:
            # built once and kept in the compiled data cache; without the cache, building it in
            # every process would cost more than the few regex searches of a check
            flat = self.__dict__["_village_flat"] = compiled(
                "gazetteer-villages-flat", (_digest(),), self._flat_villages,
                lambda v: isinstance(v, str)) if cache_enabled() else ""
        if flat:
            return self._find_in_flat(flat, key, limit)
        return self._find_village_regex(key, limit)

    def _flat_villages(self) -> str:
        """The village lists as :meth:`_find_village_regex` searches them (``kec<TAB>|item|...|``
        lines), each name reduced to what that regex compares: its word characters, in lower
        case. Only when this is exact: every item opens with a 4-digit code, no name starts
        with a non-word character, and no non-ASCII character is a word character (the regex
        folds case like ``str.lower`` on ASCII only). Otherwise "" (the regex is used)."""
        codes = list(self._villages_raw)
        raws = "\n".join(self._villages_raw.values())
        if raws.count("\n") != len(codes) - 1:  # a line break inside a list: not this layout
            return ""
        if any(ch.isalnum() or ch == "_" for ch in set(_NON_ASCII_RE.findall(raws))):
            return ""
        # an item start ("|" after the tab, or between two items) not followed by 4 digits and
        # the end of the item or a word character
        lines = "\n".join(f"{c}\t|{raw}|" for c, raw in zip(codes, raws.split("\n"), strict=True))
        if _BAD_ITEM_RE.search(lines):
            return ""
        reduced = _NON_WORD_RE.sub("", raws).lower().split("\n")
        return "\n".join(f"{c}\t|{raw}|" for c, raw in zip(codes, reduced, strict=True))

    def _find_in_flat(self, flat: str, key: str, limit: int) -> list[Region]:
        """:meth:`_find_village_regex` on the reduced lists: an item matches when its reduced
        name is ``key``. A match of the regex takes the "|" that opens the next item (no match
        can start there), and so does this search."""
        target = key + "|"
        out: list[Region] = []
        end = 0  # where the last match ended
        pos = flat.find(target)
        while pos != -1:
            s = pos - 5
            if s >= end and flat[s] == "|":
                line = flat.rfind("\n", 0, s) + 1
                kec = flat[line:flat.index("\t", line)]
                code = f"{kec}.{flat[s + 1:pos]}"
                out.extend(v for v in self.villages(kec) if v.code == code)
                end = pos + len(target)
                if len(out) > limit:
                    break
            pos = flat.find(target, pos + 1)
        return out

    def _find_village_regex(self, key: str, limit: int) -> list[Region]:
        blob = self.__dict__.get("_village_blob")
        if blob is None:
            blob = "\n".join(f"{c}\t|{raw}|" for c, raw in self._villages_raw.items())
            self.__dict__["_village_blob"] = blob
        sep = r"[^|\w]*"
        rx = re.compile(r"\|(\d{4})" + sep.join(map(re.escape, key)) + r"[^|\w]*\|", re.IGNORECASE)
        out: list[Region] = []
        for m in rx.finditer(blob):
            line = blob.rfind("\n", 0, m.start()) + 1
            kec = blob[line:blob.index("\t", line)]
            code = f"{kec}.{m.group(1)}"
            out.extend(v for v in self.villages(kec) if v.code == code)
            if len(out) > limit:
                break
        return out

    def provinces(self) -> list[Region]:
        return [r for r in self._regions.values() if "." not in r.code]

    def regencies(self) -> list[Region]:
        return [r for r in self._regions.values() if r.code.count(".") == 1]

    def all_kecamatan(self) -> list[Region]:
        return [self._regions[c] for c in self._villages_raw]

    def province_of(self, region: Region) -> Region:
        return self._regions[region.code.split(".")[0]]

    def regency_of(self, region: Region) -> Region | None:
        return self._regions.get(".".join(region.code.split(".")[:2])) if region.level >= 1 else None

    # --- by name ---------------------------------------------------------------------------
    def find(self, name: str, level: int, kind: str | None = None,
             within: str | None = None) -> list[Region]:
        """Regions of ``level`` (0-2, or 3 with ``within``) called ``name``; ``kind`` selects
        Kabupaten or Kota; ``within`` a code prefix ("35", "35.09")."""
        key = name_key(name)
        if level == 3:
            if within is None:
                raise ValueError("villages are looked up within a kecamatan or kabupaten/kota")
            return list(self._village_index(within).get(key, ()))
        out = [self._regions[c] for c in self._by_key.get((level, key), [])]
        if not out and level == 2 and not key.startswith("kota"):
            # Kemendagri names some kecamatan of a city "Kota Ternate Selatan" where the city
            # writes "Kecamatan Ternate Selatan"
            out = [self._regions[c] for c in self._by_key.get((level, "kota" + key), [])]
        if kind is not None:
            out = [r for r in out if r.kind == kind]
        if within is not None:
            out = [r for r in out if r.code.startswith(within + ".")]
        return out

    def _village_index(self, within: str) -> dict[str, list[Region]]:
        """name key -> villages, within a kecamatan, kabupaten/kota or province (cached)."""
        got = self._village_keys.get(within)
        if got is None:
            if within.count(".") == 2:
                kecs = [within]
            else:
                kecs = [c for c in self._villages_raw if c.startswith(within + ".")]
            got = {}
            for c in kecs:
                for v in self.villages(c):
                    got.setdefault(name_key(v.name), []).append(v)
            self._village_keys[within] = got
        return got

    def words_of_names(self, regions: Iterable[Region]) -> set[str]:
        return {w.lower() for r in regions for w in _WORD_RE.findall(r.name)}


def _raw() -> bytes:
    return (data_dir("rules") / "gazetteer" / GAZETTEER_FILE).read_bytes()


@cache
def _digest() -> bytes:
    """The cache key part of the shipped file (its hash: the bytes are not kept in memory).
    BLAKE2b (as strong as SHA-256) needs no import of hashlib and OpenSSL (~3 ms of start-up)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(_raw(), digest_size=32).digest()


def _is_state(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 4 and isinstance(value[0], list)
            and isinstance(value[1], dict) and isinstance(value[2], dict)
            and isinstance(value[3], list))


@cache
def gazetteer() -> Gazetteer:
    """The national gazetteer (loaded once per process, from the compiled cache when there)."""
    built: list[Gazetteer] = []

    def build() -> tuple[object, ...]:
        gaz = Gazetteer(gzip.decompress(_raw()).decode("utf-8"))
        built.append(gaz)
        return gaz.state()

    state = compiled("gazetteer-index", (_digest(),), build, _is_state)
    return built[0] if built else Gazetteer.from_state(state)


@cache
def place_words() -> frozenset[str]:
    """Every word (lower case) of the name of a province, kabupaten/kota, kecamatan or
    desa/kelurahan of Indonesia: place names are words for the spelling rules.

    Words of fewer than four letters are left out: they are mostly particles and affixes that
    also occur as village names ("Nya", "An", "Kan"), and as known words they would hide split
    words such as "Perlu nya"."""
    words = compiled("gazetteer-words", (_digest(),), _place_words,
                     lambda v: isinstance(v, frozenset))
    return words


def _place_words() -> frozenset[str]:
    gaz = gazetteer()
    words = gaz.words_of_names(gaz._regions.values())
    for raw in gaz._villages_raw.values():
        if raw:
            words.update(w.lower() for w in _WORD_RE.findall(raw))
    return frozenset(w for w in words if len(w) >= _MIN_WORD)
