"""Spelling and EYD V style rules (category ``typo``, codes SP1xx).

All SP rules share one analysis of the document (:class:`SpellAnalysis`, computed once per check
and cached on the context). Identical texts (repeated table cells) are analysed once.

* Tokenizer: a regex. spaCy's blank tokenizer was measured on the 110 KB seed at ~1.7 s import +
  0.17 s ``spacy.blank("xx")`` + 0.33 s tokenizing, the regex at ~7 ms, against a budget of 0.2 s
  for all spelling work, so spaCy is not used.
* Skipped: URLs, e-mails, HTML tags and entities, LaTeX, words glued to digits, ALL-CAPS words of
  up to 5 letters (acronyms), mixed-case words (LKjIP, SiLPA; camelCase joins are TY102's), words
  of the lexicon (``rules/lexicon.yaml``), of the national gazetteer (every place name of
  Indonesia) and names the document establishes (instansi and region, signatories, capitalised
  words of the cover: :func:`_document_names`). Italic passages of the source (``*...*``/``_..._``,
  recovered through the position map since the reader drops the markers), parentheses and quotes
  accept English words and English spellings; a word there next to another unknown word is part
  of a foreign or regional phrase ("tri hita karana") and is skipped.
* Also skipped (issue 13, reports from any region): the field vocabulary of
  ``rules/vocabulary.yaml`` (education, health, finance, IT, administration, environment, regional
  government terms, regulation and office abbreviations, common English loans) and the regular
  affixed forms of known roots that the word list lacks (:meth:`_Checker.affixed`: strict meN-/
  di-/ter-/ber-/peN-/per-/ke- with the standard nasal assimilation); personal names
  (:func:`_name_tokens`, ``rules/names.yaml``: after a title, before a degree, around a name part
  of any region, the line before "NIP"); words in quotation marks and regional terms glossed in
  the text (:func:`_glossed`); words spelt like English (:func:`englishy`) or next to an English
  word get only one-letter corrections from the document's own words. A capitalised word inside
  a sentence (a proper noun or an office acronym) takes no dictionary neighbour unless shaped like
  an affixed word. OCR confusions are reported with their reading ("oIeh", "k0ordinasi",
  "pernerintah").
* Dictionary: the expanded id_ID word list (:mod:`drafter.check.spell`), pure Python, identical on
  every OS, no time budget.
* Proper names and the document's own terms are not skipped by capitalisation (Indonesian reports
  capitalise most table and heading words, where half the typos are); instead an unknown word is
  reported only with a confident correction: a split into two known words that the document uses
  ("desaberupa"), a fragment that joins its neighbour into a known word ("Memu askan"), or a known
  word at edit distance 1 (2 for 8+ letters) from the document's own vocabulary or the standard
  phrases that the document uses at least as often as the unknown word (a term the document
  repeats more than its look-alike is the document's own term). Rare lower-case words (<= 2
  occurrences, 6+ letters, not a regular affixed form of a known root) may also take a dictionary
  word one edit away (at most 30 searches per document, ~1 ms each).
* An unknown word without a confident correction is still reported ("kata tidak dikenal") when
  it is most likely a misspelling, not a name or a term (:func:`_non_word`: 7+ letters, lower
  case or capitalised but shaped like an affixed Indonesian word, at most twice in the document,
  not a regular affixed form of a known root, not in italics/parentheses/quotes), with up to two
  dictionary words two edits away as a hint (not a correction: no ``expected`` value).
* Bounded: a "word" longer than :data:`~drafter.limits.MAX_SPELL_WORD` letters (a pasted hash, a
  run of garbage) is not spell-checked (one notice says how many); caches are bounded; every step
  is linear in the size of the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.spell import Speller, get_speller
from drafter.document.model import TextUnit
from drafter.fix.offers import spelling_fix
from drafter.limits import MAX_SPELL_UNKNOWN, MAX_SPELL_WORD, BoundedCache
from drafter.resources import compiled, data_dir, parse_yaml
from drafter.text import WORD_RE
from drafter.text.spelltokens import (  # noqa: F401 - the tokenizer's parts, used here and by tests
    _ITALIC_MAX,
    _ITALIC_RES,
    _MASK_RES,
    _MASK_TRIGGER,
    _PAREN_RE,
    _QUOTE_RE,
    _SHIELD_TRIGGER,
    _SQUOTE_RE,
    Token,
    _masked,
    _quoted_spans,
    tokenize,
)


def load_data(filename: str) -> Any:
    """A YAML file of ``rules/`` (libyaml when available: the lexicon loads ~8x faster)."""
    return parse_yaml("rules", filename)

_WORD_RE = WORD_RE  # the text layer's one tokenizer
# a regional or foreign term glossed in the text: "disebut ngayah", "ngayah yang berarti ..."
_GLOSS_AFTER_RE = re.compile(r"\b(?:disebut|dinamakan|dinamai|dikenal\s+(?:dengan|sebagai)|istilah|"
                             r"bahasa\s+[A-Z][a-z]+|tradisi|upacara|ritual|adat|tenun|kain|tari|tarian|"
                             r"kesenian|alat\s+musik|lagu|makanan|masakan|minuman|kue|rumah\s+adat|"
                             r"permainan|motif)\s+", re.IGNORECASE)
_GLOSS_BEFORE_RE = re.compile(r"\s*,?\s+(?:yang\s+)?(?:berarti|artinya|bermakna|maknanya|"
                              r"dalam\s+bahasa\s+[A-Z][a-z]+)\b")
_GLOSS_WORDS = 3  # words of a glossed term at most
_MAX_ACRONYM = 5  # ALL-CAPS words up to this length are acronyms


# ----------------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Substitution:
    wrong: str
    right: str
    doc: str
    prose_only: bool
    except_after: frozenset[str] = frozenset()  # lower-case words before a proper name


@dataclass(frozen=True)
class Lexicon:
    terms: frozenset[str]  # lower case
    acronyms: frozenset[str]  # upper case
    english: frozenset[str]  # lower case
    di_nouns: frozenset[str]
    subs: dict[str, Substitution]  # lower-case single words
    phrase_subs: tuple[tuple[re.Pattern[str], Substitution], ...]
    phrase_any: re.Pattern[str] | None  # matches where any of phrase_subs does (a pre-filter)
    phrases: tuple[tuple[str, ...], ...]  # lower-case normalised words
    phrase_text: tuple[str, ...]
    phrase_ngrams: frozenset[tuple[str, ...]]
    gazetteer: WordGroups  # lower case words of place names
    titles: tuple[str, ...]  # signature titles before the instansi name ("camat")
    verb_roots: frozenset[str] = frozenset()  # field roots that take di-/meN- bare (diinput)
    di_either: frozenset[str] = frozenset()  # nouns after the preposition "di" whose di- form
    # is also a passive verb ("di nilai tukar" / "dinilai")


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            if isinstance(k, str):
                yield k
            yield from _strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from _strings(v)


_GROUP_KEY = 3  # letters of the group key of :class:`WordGroups`


class WordGroups:
    """A large set of lower-case words kept as a few thousand strings, one per first
    :data:`_GROUP_KEY` letters (``" rest rest "``): it loads from the compiled data cache in a
    fraction of the time of a frozenset of every word (membership is all the rules need)."""

    def __init__(self, groups: dict[str, str]) -> None:
        self._groups = groups

    @staticmethod
    def group(words: Iterable[str]) -> dict[str, str]:
        by: dict[str, list[str]] = {}
        for w in sorted(set(words)):
            by.setdefault(w[:_GROUP_KEY], []).append(w[_GROUP_KEY:])
        return {k: " " + " ".join(v) + " " for k, v in by.items()}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or " " in word:
            return False
        group = self._groups.get(word[:_GROUP_KEY])
        return group is not None and f" {word[_GROUP_KEY:]} " in group

    def __len__(self) -> int:
        return sum(g.count(" ") - 1 for g in self._groups.values())


def _gazetteer_words() -> WordGroups:
    """Every place name word of Indonesia (:func:`drafter.check.gazetteer.place_words`) and of
    the gazetteer YAML files in rules/gazetteer, compiled once per version of the data."""
    from drafter.check.gazetteer import _digest, place_words  # every place name of Indonesia

    folder = data_dir("rules") / "gazetteer"
    try:
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))
    except (FileNotFoundError, NotADirectoryError, OSError):
        return WordGroups({})
    sources = [_digest()]
    for name in names:
        try:
            sources.append(name.encode() + b"\0" + (folder / name).read_bytes())
        except OSError:
            continue

    def build() -> dict[str, str]:
        words: set[str] = set(place_words())
        for name in names:
            try:
                data = load_data(f"gazetteer/{name}")
            except Exception:  # noqa: BLE001 - a broken gazetteer must not stop spelling
                continue
            for s in _strings(data):
                for w in _WORD_RE.findall(s):
                    words.add(w.lower())
        return WordGroups.group(words)

    groups = compiled("spelling-places", tuple(sources), build,
                      lambda v: isinstance(v, dict) and all(isinstance(g, str) for g in v.values()))
    return WordGroups(groups)


@dataclass(frozen=True)
class NameData:
    prefix_titles: frozenset[str]  # lower case, no dots: "dr", "hj", "bapak"
    degrees: frozenset[str]  # lower case, no dots or spaces: "ssos", "msi"
    parts: frozenset[str]  # one-word name parts, lower case
    multi: tuple[tuple[str, ...], ...]  # several-word parts: ("anak", "agung")
    multi_first: frozenset[str] = frozenset()  # first words of ``multi``


@lru_cache(maxsize=1)
def name_data() -> NameData:
    """Name evidence for the spelling rules (``rules/names.yaml``; degrees from
    ``rules/people.yaml``)."""
    data = load_data("names.yaml") or {}
    people = load_data("people.yaml") or {}
    parts = [str(p).lower() for p in data.get("parts", [])]
    return NameData(
        prefix_titles=frozenset(str(t).lower().replace(".", "") for t in data.get("prefix_titles", [])),
        degrees=frozenset(str(t).lower().replace(".", "") for t in people.get("titles", [])),
        parts=frozenset(p for p in parts if " " not in p),
        multi=tuple(tuple(p.split()) for p in parts if " " in p),
        multi_first=frozenset(p.split()[0] for p in parts if " " in p),
    )


_NIP_LINE_RE = re.compile(r"^\W*NIP\b", re.IGNORECASE)
_NAME_GAP_RE = re.compile(r" {1,3}|\. {0,2}| ?\. ?")
_DEGREE_RE = re.compile(r"\s*,\s*((?:[A-Za-z]{1,5}\.? ?){1,4})")
_NAME_LINE_WORDS = 8  # a signature name line has at most this many words


def _cap(t: Token) -> bool:
    return t.text[:1].isupper() and t.text.isalpha()


def _name_runs(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """Runs of capitalised words joined by spaces or initials' dots, as token index ranges."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not _cap(toks[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and _cap(toks[j + 1]) and _NAME_GAP_RE.fullmatch(text[toks[j].end:toks[j + 1].start]):
            j += 1
        runs.append((i, j + 1))
        i = j + 1
    return runs


def _degree_after(text: str, end: int, nd: NameData) -> bool:
    """A comma and an academic degree follow ``text[end]`` (", S.Sos., M.Si.")."""
    m = _DEGREE_RE.match(text, end)
    if not m:
        return False
    written = m.group(1).strip()
    for cand in (written, written.split(" ")[0]):
        key = cand.lower().replace(".", "").replace(" ", "")
        if key in nd.degrees:
            return True
    return False


_WEAK_TITLES = frozenset({"ibu", "bapak", "bpk", "h", "saudara", "saudari", "sdr", "sdri", "tn", "ny",
                          "nn"})  # also common words: "Ibu Hamil", "H" in a code


def _name_tokens(text: str, toks: list[Token], nd: NameData, *, whole: bool = False,
                 known: Any = None) -> set[int]:
    """Indexes of the tokens of ``toks`` that are part of a personal name (``whole``: the text is
    a signature name line, every capitalised word is the name). ``known(word)``: a dictionary
    word (after a weak title such as "Ibu", a dictionary word means a heading: "Ibu Hamil")."""
    out: set[int] = set()
    for a, b in _name_runs(text, toks):
        if whole:
            out.update(range(a, b))
            continue
        lows = [toks[k].lower for k in range(a, b)]
        # a title before a name: the rest of the run ("Dr. H. Sutarjo", "Bapak Wiryo"), at most
        # five words
        for k in range(b - a):
            if lows[k] in nd.prefix_titles and k + 1 < b - a:
                rest = range(a + k + 1, min(b, a + k + 6))
                if lows[k] in _WEAK_TITLES and known is not None and any(
                        toks[j].lower not in nd.parts and known(toks[j].lower) for j in rest):
                    break
                out.update(rest)
                break
        # a degree after the run: its last five words at most ("Ni Made Sukerti, S.Sos.")
        if _degree_after(text, toks[b - 1].end, nd):
            out.update(range(max(a, b - 5), b))
        # a name part: itself and up to three capitalised words on each side
        for k, low in enumerate(lows):
            hit = low in nd.parts or (low in nd.multi_first
                                      and any(tuple(lows[k:k + len(m)]) == m for m in nd.multi))
            if hit:
                out.update(range(max(a, a + k - 3), min(b, a + k + 4)))
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = load_data("lexicon.yaml") or {}
    subs: dict[str, Substitution] = {}
    phrase_subs: list[tuple[re.Pattern[str], Substitution]] = []
    for e in load_data("substitutions.yaml") or []:
        prose = e.get("context") == "prose"
        pairs = [(e["wrong"], e["right"])] + list((e.get("forms") or {}).items())
        for wrong, right in pairs:
            s = Substitution(str(wrong), str(right), str(e.get("doc", "")), prose,
                             frozenset(str(w).lower() for w in e.get("except_after") or []))
            if " " in s.wrong:
                pat = r"\b" + r"\s+".join(re.escape(p) for p in s.wrong.split()) + r"\b"
                phrase_subs.append((re.compile(pat, re.IGNORECASE), s))
            else:
                subs[s.wrong.lower()] = s
    norm = {k: v.right.lower() for k, v in subs.items() if " " not in v.right}
    phrases = []
    texts = []
    ngrams: set[tuple[str, ...]] = set()
    phrase_data = load_data("phrases.yaml") or {}
    for p in phrase_data.get("phrases", []):
        ws = tuple(norm.get(w.lower(), w.lower()) for w in str(p).split())
        phrases.append(ws)
        texts.append(str(p))
        for i in range(len(ws)):
            for j in range(i + 1, len(ws) + 1):
                ngrams.add(ws[i:j])
    for p in phrase_data.get("look_alikes", []):
        # correct phrases one word away from a standard one ("Perkembangan Realisasi"): never
        # reported as a swap (they are no standard phrases of their own)
        ngrams.add(tuple(norm.get(w.lower(), w.lower()) for w in str(p).split()))
    vocab = load_data("vocabulary.yaml") or {}
    field_words = {str(w).lower() for words in vocab.values() if isinstance(words, list) for w in words}
    loans = {str(w).lower() for w in vocab.get("loans", []) or []}
    return Lexicon(
        terms=frozenset(str(t).lower() for t in lex.get("terms", [])) | field_words,
        acronyms=frozenset(str(t).upper() for t in lex.get("acronyms", [])),
        english=frozenset(str(t).lower() for t in lex.get("english", [])) | loans,
        di_nouns=frozenset(str(t).lower() for t in lex.get("di_nouns", [])),
        subs=subs,
        phrase_subs=tuple(phrase_subs),
        phrase_any=re.compile("|".join(f"(?:{rx.pattern})" for rx, _ in phrase_subs), re.IGNORECASE)
        if phrase_subs else None,
        phrases=tuple(phrases),
        phrase_text=tuple(texts),
        phrase_ngrams=frozenset(ngrams),
        gazetteer=_gazetteer_words(),
        titles=tuple(str(t).lower() for t in phrase_data.get("titles", [])),
        verb_roots=frozenset(str(w).lower() for w in vocab.get("affixed_roots", []) or []),
        di_either=frozenset(str(t).lower() for t in lex.get("di_either", []) or []),
    )


# ------------------------------------------------------------------------------ helpers
def match_case(src: str, repl: str) -> str:
    """``repl`` in the case style of ``src`` (UPPER, Title or as written)."""
    letters = [c for c in src if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment (Damerau) edit distance, capped at ``limit`` (rapidfuzz)."""
    from rapidfuzz.distance import OSA

    return min(int(OSA.distance(a, b, score_cutoff=limit)), limit)


def _deletes(w: str) -> set[str]:
    return {w[:i] + w[i + 1:] for i in range(len(w))}


def similar_word(a: str, b: str) -> bool:
    """Two different words that look alike (an OCR/autocorrect swap), not affix variants."""
    if a == b or len(a) < 5 or len(b) < 5 or a[0] != b[0]:
        return False
    if a.startswith(b) or b.startswith(a):
        return False
    sm = SequenceMatcher(None, a, b)
    return sm.real_quick_ratio() >= 0.75 and sm.quick_ratio() >= 0.75 and sm.ratio() >= 0.75




@dataclass
class Finding:
    code: str
    token_start: int
    token_end: int
    unit: TextUnit
    message: str
    expected: str | None


@dataclass
class SpellAnalysis:
    speller: Speller | None
    notice: str | None
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    long_words: int = 0  # distinct words too long to be spell-checked
    unknown_skipped: int = 0  # distinct unknown words over MAX_SPELL_UNKNOWN, not judged




def _italic_lines(source: str | None) -> dict[int, list[tuple[int, int]]]:
    """Italic spans of the source (``*...*``, ``_..._``) as {line: [(col, end_col)]}, 1-based,
    sorted."""
    out: dict[int, list[tuple[int, int]]] = {}
    if not source or not _SHIELD_TRIGGER.search(source):
        return out
    for ln, line in enumerate(source.splitlines(), start=1):
        if "*" not in line and "_" not in line:
            continue
        for rx in _ITALIC_RES:
            for m in rx.finditer(line):
                out.setdefault(ln, []).append((m.start() + 1, m.end() + 1))
    for rngs in out.values():
        rngs.sort()
    return out


def _source_shield(unit: TextUnit, italics: dict[int, list[tuple[int, int]]]) -> tuple[tuple[int, int], ...]:
    """Text ranges of ``unit`` that were italic in the source (the reader drops the markers)."""
    segs = unit.segments
    out = []
    for k, (ts, line, col) in enumerate(segs):
        rngs = italics.get(line)
        if not rngs:
            continue
        te = segs[k + 1][0] if k + 1 < len(segs) else len(unit.text)
        # only spans starting in (col - _ITALIC_MAX, col + segment length) can overlap it
        i = bisect_left(rngs, (col - _ITALIC_MAX,))
        while i < len(rngs) and rngs[i][0] < col + te - ts:
            c1, c2 = rngs[i]
            i += 1
            a, b = max(ts, ts + c1 - col), min(te, ts + c2 - col)
            if a < b:
                out.append((a, b))
    return tuple(out)




# ---------------------------------------------------------------------------- analysis
# _Checker._lookup_plain answers by word, for the lexicon and speller they were computed with
# (both cached for the process; a different pair starts a new table). Bounded (BoundedCache).
_base_owner: tuple[Lexicon, Speller | None] | None = None
_base_table: BoundedCache[str, bool] = BoundedCache()


def _base_known(lex: Lexicon, sp: Speller | None) -> BoundedCache[str, bool]:
    global _base_owner, _base_table
    owner = _base_owner
    if owner is None or owner[0] is not lex or owner[1] is not sp:
        _base_owner, _base_table = (lex, sp), BoundedCache()
    return _base_table


class _Checker:
    def __init__(self, speller: Speller | None, lex: Lexicon) -> None:
        self.sp = speller
        self.lex = lex
        self.names: frozenset[str] = frozenset()  # lower case: names learned from the document
        self.name_starts: dict[str, set[int]] = {}  # text key -> starts of tokens inside a name
        self.cap_names: set[str] = set()  # lower case: name words, known when capitalised
        self.unit_order: list[str] = []  # text keys of the document's units in reading order
        self._known: BoundedCache[str, bool] = BoundedCache()

    def known(self, word: str) -> bool:
        """Known by the lexicon, the gazetteer or the dictionary (any case style). A word longer
        than MAX_SPELL_WORD is not checked (taken as known)."""
        if len(word) > MAX_SPELL_WORD:
            return True
        hit = self._known.get(word)
        if hit is not None:
            return hit
        ok = self._lookup(word)
        self._known[word] = ok
        return ok

    def _lookup(self, word: str) -> bool:
        low = word.lower()
        if "-" not in word and "'" not in word and "’" not in word:
            # the document's names are one alternative of the answer; the rest depends only on
            # the lexicon and the dictionary, and is shared by the documents of a process
            if low in self.names:
                return True
            base = _base_known(self.lex, self.sp)
            hit = base.get(word)
            if hit is None:
                hit = base[word] = self._lookup_plain(word, low)
            return hit
        # a word with a hyphen or an apostrophe: known whole, joined, or part by part
        lex = self.lex
        if low in lex.terms or word.upper() in lex.acronyms or low in self.names:
            return True
        if low in lex.gazetteer:
            return True
        parts = [p for p in re.split(r"[-'’]", word) if p]
        joined = "".join(parts)
        return self._lookup(joined) or all(len(p) <= 2 or self._lookup(p) for p in parts)

    def _lookup_plain(self, word: str, low: str) -> bool:
        """:meth:`_lookup` of a word without hyphen or apostrophe, the document's names left out."""
        lex = self.lex
        if low in lex.terms or word.upper() in lex.acronyms:
            return True
        if self.sp is None:
            return True
        # the dictionary before the place names: most words are in it (the same answer, sooner)
        if self.sp.known(word) or self.sp.known(low) or low in lex.gazetteer:
            return True
        if word.isupper() and self.sp.known(low.capitalize()):
            return True
        return self.affixed(low)

    def affixed(self, low: str) -> bool:
        """``low`` is a regular affixed form of a known root (dictionary or lexicon) that the word
        list lacks: meN-/di-/ter-/ber-/peN-/per-/ke- with -kan/-i/-an and -nya/-lah, the standard
        nasal assimilation (memverifikasi, penginputan, menyosialisasikan), or a bound form written
        joined (pascabencana, nonkapitasi). Strict on purpose, so that a misspelled root, a doubled
        suffix ("terjadii") or a non-standard prefix ("berkerja", "mensosialisasikan") stays
        unknown."""
        if len(low) < 6 or len(low) > MAX_SPELL_WORD or not low.isalpha():
            return False
        for body, core, particle in _bodies(low):
            for kind, root in _prefix_roots(body):
                if kind == "" and not (core or particle):
                    continue
                if core not in _PREFIX_CORES[kind]:
                    continue
                if len(root) < 4 or root == low:
                    continue
                if kind == "di" and not core and (root in self.lex.di_nouns or not self._verb_root(root)):
                    continue  # "disekolah": the preposition joined, not a passive verb
                if root in self.lex.terms:
                    return True  # a field term: its affixed forms are not in the word list
                if not self.dict_known(root):
                    continue
                # a dictionary root: the word list has the forms its flags allow; accept only the
                # productive gaps (ter-, ke-...-an, bound forms, -nya) and forms whose sibling
                # with the same suffix is listed (tersosialisasikan: disosialisasikan)
                if kind in ("bound", "ke") or (kind in ("", "ter", "ber") and not core):
                    return True
                if self._sibling_known(low, kind, root, core):
                    return True
                if kind in ("di", "meN") and not core and root.endswith("asi"):
                    return True  # a loan noun in -asi used as a verb: direalokasi
        return False

    def _sibling_known(self, word: str, kind: str, root: str, core: str) -> bool:
        """Another form of ``root`` with the same suffix (any suffix for peN-/per-) is listed."""
        if self.sp is None:
            return False
        cores = ("", "kan", "i") if kind in ("peN", "per") else (core,)
        forms = ["di" + root + c for c in cores] + [m + c for m in _men_forms(root) for c in cores]
        return any(f != word and self.sp.known(f) for f in forms)

    def _verb_root(self, root: str) -> bool:
        """``root`` takes meN- (a verb root), or is a field term of the lexicon (diinput)."""
        if root in self.lex.verb_roots or root.endswith("asi"):  # loan nouns in -asi: diverifikasi
            return True
        return self.sp is not None and any(self.sp.known(f) for f in _men_forms(root))

    def dict_known(self, word: str) -> bool:
        """Known by the lexicon or the dictionary, for the halves of a joined word."""
        if len(word) > MAX_SPELL_WORD:
            return False  # never a correction or the half of a split
        low = word.lower()
        if low in self.lex.terms or word.upper() in self.lex.acronyms:
            return True
        return self.sp is not None and (self.sp.known(low) or self.sp.known(word))


_VOWELS = "aeiou"
_PARTICLES = ("nya", "lah")
_CORES = ("kan", "an", "i")
# suffix cores each prefix takes ("" = none)
_PREFIX_CORES: dict[str, tuple[str, ...]] = {
    "": ("kan", "an", "i", ""),  # "" only with -nya/-lah (checked by the caller)
    "meN": ("", "kan", "i"), "di": ("", "kan", "i"), "ter": ("", "kan", "i"),
    "memper": ("", "kan", "i"), "diper": ("", "kan", "i"), "peN": ("", "an"), "per": ("an",),
    "ke": ("an",), "ber": ("", "an", "kan"), "bound": ("", "kan", "an", "i"),
}
# bound forms written joined to the next word (EYD V): pascabencana, nonkapitasi, antardesa
_JOINED_BOUND = ("antar", "pasca", "pra", "non", "sub", "multi", "swa", "semi", "supra", "ekstra",
                 "intra", "inter", "tuna", "purna", "dwi", "tri", "catur", "panca", "eka", "serba",
                 "maha", "anti", "ultra", "mikro", "makro", "infra", "kontra")


def _bodies(low: str) -> Iterator[tuple[str, str, str]]:
    """(body, suffix core, particle) readings of ``low``: "verifikasinya" -> ("verifikasi", "",
    "nya"), "dialokasikannya" -> ("dialokasi", "kan", "nya"). A core is not read off a body that
    already ends with it (a doubled suffix is a typo)."""
    yield low, "", ""
    for part in ("",) + _PARTICLES:
        if part and not low.endswith(part):
            continue
        base = low[: len(low) - len(part)] if part else low
        if part and len(base) >= 4:
            yield base, "", part
        for core in _CORES:
            if base.endswith(core) and len(base) - len(core) >= 4:
                body = base[: -len(core)]
                if body.endswith(core) or (core == "i" and body.endswith("i")):
                    continue
                yield body, core, part


def _prefix_roots(body: str) -> Iterator[tuple[str, str]]:
    """(prefix kind, root) readings of ``body`` under the standard prefixes of EYD V/KBBI."""
    yield "", body
    for pre, kind in (("memper", "memper"), ("diper", "diper"), ("di", "di"), ("per", "per"),
                      ("ke", "ke")):
        if body.startswith(pre):
            yield kind, body[len(pre):]
    for pre, kind in (("ter", "ter"), ("ber", "ber")):
        if body.startswith(pre):
            rest = body[3:]
            # be- before these roots (bekerja, beternak, beserta, bepergian), not ber-
            if not (kind == "ber" and rest.startswith(("kerja", "ternak", "serta", "pergi"))):
                yield kind, rest
        if body.startswith(pre[:2] + "r"):  # te-/be- before r: terekam, berencana
            yield kind, body[2:]
    for pre, kind in (("me", "meN"), ("pe", "peN")):
        if not body.startswith(pre):
            continue
        rest = body[2:]
        if rest[:1] in "lrwymn" and not rest.startswith(("ng", "ny")):
            yield kind, rest  # melayani, pemantau (me + m...)
        if rest.startswith("m"):
            r2 = rest[1:]
            if r2[:1] in "bfv" or r2.startswith(("pr", "pl")):
                yield kind, r2
            elif r2[:1] in _VOWELS:
                yield kind, "p" + r2
        elif rest.startswith("ny"):
            if rest[2:3] in _VOWELS:
                yield kind, "s" + rest[2:]
        elif rest.startswith("ng"):
            r2 = rest[2:]
            if r2[:1] in "gh" or r2.startswith(("kr", "kl")) or r2[:1] in _VOWELS:
                yield kind, r2
            if r2[:1] in _VOWELS:
                yield kind, "k" + r2
        elif rest.startswith("n"):
            r2 = rest[1:]
            if r2[:1] in "dcjz" or r2.startswith(("tr", "st", "sp", "sk")):
                yield kind, r2
            elif r2[:1] in _VOWELS:
                yield kind, "t" + r2
    for b in _JOINED_BOUND:
        if body.startswith(b):
            yield "bound", body[len(b):]


def _men_forms(root: str) -> list[str]:
    """The meN- form(s) of ``root`` (standard nasal assimilation)."""
    c = root[:1]
    if c in "lrwymn":
        return ["me" + root]
    if c in "bfv":
        return ["mem" + root]
    if c == "p":
        return ["mem" + root] if root[1:2] in ("r", "l") else ["mem" + root[1:]]
    if c in "dcjz":
        return ["men" + root]
    if c == "t":
        return ["men" + root] if root[1:2] == "r" else ["men" + root[1:]]
    if c == "s":
        return ["men" + root] if root[1:2] in ("t", "p", "k") else ["meny" + root[1:]]
    if c == "k":
        return ["meng" + root] if root[1:2] in ("r", "l") else ["meng" + root[1:]]
    if c in "gh" or c in _VOWELS:
        return ["meng" + root]
    return []


def _split(chk: _Checker, word: str, seen: Any) -> tuple[str, str] | None:
    """A joined word split into two known words of 4+ letters that the document also uses as
    separate words (``seen``: lower-case word counts), or None. In long joins (12+ letters) a
    dictionary word of 6+ letters need not occur elsewhere ("pemacupeningkatan")."""
    low = word.lower()
    long_join = len(low) >= 12

    def ok(part: str) -> bool:
        if long_join and len(part) >= 6:
            return chk.dict_known(part)
        return part.lower() in seen and chk.dict_known(part)

    # camelCase join: "PenyediaanGaji"
    m = re.fullmatch(r"([A-Z]?[a-z]{3,})([A-Z][a-z]{3,})", word)
    if m and ok(m.group(1)) and ok(m.group(2)):
        return m.group(1), m.group(2)
    if len(low) < 8:
        return None
    best: tuple[int, int, int] | None = None
    for i in range(4, len(low) - 3):
        a, b = low[:i], low[i:]
        if ok(a) and ok(b):
            # prefer halves the document uses, then the most balanced split
            key = (-((a in seen) + (b in seen)), abs(len(a) - len(b)), i)
            if best is None or key < best:
                best = key
    return (word[:best[2]], word[best[2]:]) if best else None


def analyze(ctx: CheckContext) -> SpellAnalysis:
    cached = getattr(ctx, "_spell_analysis", None)
    if cached is not None:
        return cached
    speller, note = get_speller()
    lex = lexicon()
    an = SpellAnalysis(speller, note)
    an.findings = {c: [] for c in ("SP101", "SP102", "SP103", "SP104", "SP105")}
    # identical texts (repeated table cells) are analysed once
    doc = ctx.document
    italics = _italic_lines(doc.source_text) if doc.format in ("text", "markdown") else {}
    groups: dict[str, list[TextUnit]] = {}
    shields: dict[str, tuple[tuple[int, int], ...]] = {}
    unit_key: dict[int, str] = {}
    for u in doc.text_units():
        key = u.text
        sh = _source_shield(u, italics) if italics else ()
        if sh:
            # same text, different italics: analysed separately (key made unique)
            key = f"{u.text}\x00{sh}"
            shields[key] = sh
        unit_key[id(u)] = key
        groups.setdefault(key, []).append(u)
    texts = {key: units[0].text for key, units in groups.items()}
    tokens = {key: tokenize(texts[key], shields.get(key, ())) for key in groups}
    hits: dict[str, list[tuple[str, int, int, str, str | None]]] = {key: [] for key in groups}
    covered: dict[str, set[int]] = {key: set() for key in groups}
    chk = _Checker(speller, lex)
    if speller is not None:
        chk.names = _document_names(ctx, chk)
        chk.unit_order = [unit_key[id(u)] for u in doc.text_units()]

    an.long_words = len({t.text for toks in tokens.values() for t in toks if len(t.text) > MAX_SPELL_WORD})
    starts: dict[str, list[int]] = {}

    def add(k: str, code: str, s: int, e: int, msg: str, exp: str | None) -> None:
        hits[k].append((code, s, e, msg, exp))
        cov = covered[k]
        cov.add(s)
        # every word of a multi-word finding is taken (binary search: linear in the findings)
        st = starts.get(k)
        if st is None:
            st = starts[k] = [t.start for t in tokens[k]]
        i = bisect_right(st, s)
        while i < len(st) and st[i] < e:
            cov.add(st[i])
            i += 1

    # SP103 substitutions and SP104 "di" (no dictionary needed)
    for key, toks in tokens.items():
        text = texts[key]
        if not toks:
            continue
        for rx, sub in lex.phrase_subs if lex.phrase_any is not None and lex.phrase_any.search(text) else ():
            for m in rx.finditer(text):
                exp = match_case(m.group(), sub.right)
                add(key, "SP103", m.start(), m.end(),
                    f"'{m.group()}' tidak baku, seharusnya '{exp}' ({sub.doc})", exp)
        for i, t in enumerate(toks):
            low = t.lower
            sub = lex.subs.get(low)
            if sub is not None:
                if sub.except_after and i > 0 and toks[i - 1].lower in sub.except_after:
                    continue  # a proper name: "Institut Teknologi Sepuluh Nopember"
                if not (sub.prose_only and t.shielded):
                    exp = match_case(t.text, sub.right)
                    add(key, "SP103", t.start, t.end,
                        f"'{t.text}' tidak baku, seharusnya '{exp}' ({sub.doc})", exp)
                continue
            if not low.startswith("di"):
                continue
            # joined preposition: dibidang -> di bidang, diatasnya -> di atasnya
            if len(low) > 4:
                rest = low[2:]
                base = rest[:-3] if rest.endswith("nya") else rest
                if base in lex.di_nouns:
                    exp = match_case(t.text, "di " + t.text[2:].lower())
                    add(key, "SP104", t.start, t.end,
                        f"kata depan 'di' ditulis terpisah: '{t.text}' seharusnya '{exp}'", exp)
            # separated passive prefix: di laksanakan -> dilaksanakan
            elif low == "di" and i + 1 < len(toks):
                nxt = toks[i + 1]
                gap = text[t.end:nxt.start]
                # "berada di nilai 85": a noun before a number, "di" is the preposition; a
                # capitalised word after a lower-case "di" is a name ("di Kelola Raya")
                after = text[nxt.end:nxt.end + 3].lstrip()
                named = nxt.text[:1].isupper() and not t.text[:1].isupper()
                if gap.strip() == "" and "\n" not in gap and not after[:1].isdigit() and not named \
                        and _passive(chk, nxt.lower, text[nxt.end:nxt.end + 8]):
                    exp = match_case(t.text, "di" + nxt.text.lower())
                    add(key, "SP104", t.start, nxt.end,
                        f"awalan 'di-' ditulis serangkai: '{text[t.start:nxt.end]}' seharusnya '{exp}'",
                        exp)

    # SP101 letters read as digits by OCR ("k0ordinasi"): the tokenizer skips words with digits
    if speller is not None:
        for key, text in texts.items():
            if "0" not in text and "1" not in text:
                continue
            for m in _OCR_DIGIT_RE.finditer(text):
                fixed = _ocr_digit(chk, m.group())
                if fixed:
                    add(key, "SP101", m.start(), m.end(),
                        f"kata tidak dikenal '{m.group()}' (angka terbaca sebagai huruf?), "
                        f"mungkin maksudnya '{fixed}'", fixed)

    # SP105 phrase swaps
    pending: list[tuple[str, int, int, int]] = []
    _phrase_swaps(tokens, texts, lex, add, covered, pending)
    name = _instansi_name(ctx)
    if name:
        _signature_titles(tokens, texts, lex, name, add, covered)

    if speller is not None:
        _line_break_halves(doc, unit_key, texts, tokens, chk, covered, lex)
        an.unknown_skipped = _unknown_words(groups, texts, tokens, lex, chk, speller, add, covered)
        # words no rule could correct, inside a standard phrase ("Indeks Kepuasan PUBG")
        _phrase_garbage(tokens, texts, lex, chk, add, covered, pending)

    for u in doc.text_units():
        for code, s, e, msg, exp in hits[unit_key[id(u)]]:
            an.findings[code].append(Finding(code, s, e, u, msg, exp))
    return _cache(ctx, an)


_COVER_END_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*(?:KATA\s+PENGANTAR|DAFTAR\s+ISI|IKHTISAR\s+EKSEKUTIF|"
                           r"RINGKASAN\s+EKSEKUTIF|BAB\s+[IVX1]+\b)", re.IGNORECASE)
_COVER_UNITS = 40  # text units read as the cover at most
_COVER_LINE_WORDS = 12  # a longer unit is running text: the cover has ended


def _cover_line(text: str) -> bool:
    """A title line of a cover: short, no sentence end, its words mostly capitalised."""
    words = _WORD_RE.findall(text)
    if len(words) > _COVER_LINE_WORDS or text.rstrip().endswith((".", ";", ":")):
        return False
    return sum(1 for w in words if w[0].isupper()) * 10 >= len(words) * 7


def _find_names(texts: dict[str, str], tokens: dict[str, list[Token]], chk: _Checker,
                unknown: set[str]) -> None:
    """Personal names (:func:`_name_tokens`) of every text with an unknown capitalised word (the
    only words a name can shield), and the signature name lines: the short capitalised line just
    before a "NIP" line (a pangkat line may come between)."""
    nd = name_data()
    found: dict[str, set[int]] = {}
    ucap = {w for w in unknown if w[:1].isupper()}
    wanted = {key for key, toks in tokens.items() if ucap and not ucap.isdisjoint([t.text for t in toks])}
    for key in wanted:
        idx = _name_tokens(texts[key], tokens[key], nd, known=chk.dict_known)
        if idx:
            found[key] = idx
    order = chk.unit_order
    for i, key in enumerate(order):
        if not _NIP_LINE_RE.match(texts[key]):
            continue
        for j in (i - 1, i - 2):
            if j < 0:
                break
            prev = order[j]
            toks = tokens[prev]
            if not toks or len(toks) > _NAME_LINE_WORDS or _NIP_LINE_RE.match(texts[prev]):
                break
            low = texts[prev].lower()
            if re.search(r"\b(?:pembina|penata|pengatur|juru)\b|\([iv]+/[a-e]\)", low):
                continue  # the pangkat line between name and NIP
            if prev not in wanted:
                break
            if sum(_cap(t) for t in toks) * 2 >= len(toks):
                found.setdefault(prev, set()).update(_name_tokens(texts[prev], toks, nd, whole=True))
            break
    for key, idx in found.items():
        toks = tokens[key]
        chk.name_starts[key] = {toks[k].start for k in idx}
        chk.cap_names.update(toks[k].lower for k in idx if len(toks[k].text) >= 3)


def _document_names(ctx: CheckContext, chk: _Checker) -> frozenset[str]:
    """Names the document itself establishes (lower-case words), never split or "corrected":
    the instansi and its region (report analysis), the signatories (rule people), and the
    capitalised words of the cover (the leading title lines, up to the foreword, contents or
    chapter I) that no dictionary word is one edit away from (a typo of a word is not a name)."""
    names: set[str] = set()

    def take(text: str | None) -> None:
        for w in _WORD_RE.findall(text or ""):
            if len(w) >= 3:
                names.add(w.lower())

    try:
        info = ctx.info
        for v in (info.instansi, info.instansi_name, info.kabupaten):
            take(v)
        for r in (info.province, info.regency, info.kecamatan, info.village):
            if r is not None:
                take(r.name)
    except Exception:  # noqa: BLE001 - the report analysis is a nicety here
        pass
    try:
        from drafter.check.rules.people import _signatures

        for sig in _signatures(ctx):
            take(sig.name)
    except Exception:  # noqa: BLE001 - rule people absent or changed: no signatory names
        pass
    sp = chk.sp
    for i, u in enumerate(ctx.document.text_units()):
        if i >= _COVER_UNITS or _COVER_END_RE.match(u.text) or not _cover_line(u.text):
            break
        for w in _WORD_RE.findall(u.text):
            if len(w) < 4 or not w[0].isupper() or len(w) > MAX_SPELL_WORD or w.lower() in names:
                continue
            if chk._lookup(w) or (sp is not None and sp.near(w)):
                continue
            names.add(w.lower())
    return frozenset(names)


_BREAK_HEAD_RE = re.compile(r"-[ \t]*$")
_BREAK_TAIL_RE = re.compile(r"^[ \t]*[a-z]")


def _line_break_halves(doc: Any, unit_key: dict[int, str], texts: dict[str, str],
                       tokens: dict[str, list[Token]], chk: _Checker,
                       covered: dict[str, set[int]], lex: Lexicon | None = None) -> None:
    """The two halves of a word hyphenated at a line end of extracted text, when the lines are
    separate units ("satu indi-" / "kator predikat Cukup"): when the joined word is known (or a
    listed non-standard form of a known word), neither half is judged as a word of its own."""
    units = list(doc.text_units())
    for u, v in zip(units, units[1:], strict=False):
        ku, kv = unit_key[id(u)], unit_key[id(v)]
        tu, tv = texts[ku], texts[kv]
        if not _BREAK_HEAD_RE.search(tu) or not _BREAK_TAIL_RE.match(tv):
            continue
        head = next((t for t in reversed(tokens[ku]) if _BREAK_HEAD_RE.match(tu, t.end)), None)
        tail = tokens[kv][0] if tokens[kv] else None
        if head is None or tail is None or tv[:tail.start].strip():
            continue
        joined = head.text.rstrip("-") + tail.text
        # a known word, or a common non-standard form of one ("mengkoordinasikan")
        if chk.known(joined) or chk.known(joined.lower()) or (lex is not None and joined.lower() in lex.subs):
            covered[ku].add(head.start)
            covered[kv].add(tail.start)


def _unknown_words(groups: dict[str, list[TextUnit]], texts: dict[str, str],
                   tokens: dict[str, list[Token]], lex: Lexicon, chk: _Checker, speller: Speller,
                   add: Any, covered: dict[str, set[int]]) -> int:
    """SP101 (unknown word with a confident correction) and SP102 (joined or broken words).
    Returns how many distinct unknown words were left unjudged (over MAX_SPELL_UNKNOWN)."""
    # document vocabulary: known words with their frequency
    freq: Counter[str] = Counter()
    for key, toks in tokens.items():
        n = len(groups[key])
        for t in toks:
            freq[t.lower] += n
    vocab: dict[str, int] = {}
    for w, n in freq.items():
        # dictionary words only: lexicon jargon and English loans are no corrections
        if len(w) >= 4 and w not in lex.subs and w.isalpha() and chk.dict_known(w):
            vocab[w] = n
    for ws in lex.phrases:
        for w in ws:
            if len(w) >= 4:
                vocab[w] = vocab.get(w, 0) + 2
    cands: dict[str, set[str]] | None = None  # unknown lower-case word -> vocabulary words near it

    def candidates() -> dict[str, set[str]]:
        # reverse symmetric-delete index: the few unknown words are indexed, the vocabulary scanned
        out: dict[str, set[str]] = {}
        probe: dict[str, list[str]] = {}
        for w in unknown:
            low = w.lower()
            if len(low) < 5 or low in out or not low.isalpha():
                continue
            out[low] = set()
            probe.setdefault(low, []).append(low)
            for i in range(len(low)):
                probe.setdefault(low[:i] + low[i + 1:], []).append(low)
        get = probe.get
        for v in vocab:
            hit = get(v)
            if hit:
                for u in hit:
                    out[u].add(v)
            for i in range(len(v)):
                hit = get(v[:i] + v[i + 1:])
                if hit:
                    for u in hit:
                        out[u].add(v)
        return out

    def correction(low: str) -> list[str]:
        """Known words of the document (or phrase list) close to ``low``, best first (max 3)."""
        nonlocal cands
        if cands is None:
            cands = candidates()
        keys: list[tuple[int, int, str]] = []
        limit = 2 if len(low) >= 8 else 1
        for c in cands.get(low, ()):
            if c == low:
                continue
            dist = distance(low, c)
            if dist > limit or vocab[c] < freq[low]:
                continue
            keys.append((dist, -vocab[c], c))
        return [k[2] for k in sorted(keys)[:3]]

    searches = [_MAX_NEIGHBOUR_SEARCHES]

    def neighbour(low: str) -> list[str]:
        """Dictionary words one edit away (rare words only, a bounded number of searches)."""
        if searches[0] <= 0:
            return []
        searches[0] -= 1
        terms = lex.terms
        # ``low`` has no hyphen or apostrophe (see _judge): neither has any candidate
        cands = [c for c in _edits1(low) if c != low]
        hits = set(speller.known_among(cands))
        found = [c for c in cands if c in hits or c in terms]
        # prefer what the document itself uses, then a substitution/transposition over an
        # insertion or deletion, then alphabetical order (deterministic)
        found.sort(key=lambda c: (-freq.get(c, 0), abs(len(c) - len(low)), c))
        return found[:3]

    unknown = {w for w in {t.text for toks in tokens.values() for t in toks} if not chk.known(w)}
    _find_names(texts, tokens, chk, unknown)
    verdict: dict[tuple[str, bool, bool, bool], tuple[str, str] | None] = {}
    hint_budget = [_MAX_HINTS]

    def hints(w: str) -> str:
        """Dictionary words up to two edits away, as a hint only (not a correction)."""
        if hint_budget[0] <= 0:
            return ""
        hint_budget[0] -= 1
        found = speller.similar(w, limit=2)
        return f" (mirip: {', '.join(repr(match_case(w, c)) for c in found)})" if found else ""

    skipped: set[str] = set()
    for key, toks in tokens.items():
        text = texts[key]
        done = covered[key]
        in_name = chk.name_starts.get(key, set())
        glossed: set[int] | None = None  # computed at the first unknown word of the text
        heading = False
        for i, t in enumerate(toks):
            if t.text not in unknown or t.start in done:
                continue
            if t.start in in_name or (t.text[:1].isupper() and t.lower in chk.cap_names):
                continue  # a personal name
            if glossed is None:
                glossed = _glossed(text, toks, unknown)
                heading = _title_case(toks)
            if t.quoted or i in glossed:
                continue  # a term cited in quotes or glossed in the text (regional, foreign)
            w = t.text
            letters = w.replace("-", "").replace("'", "").replace("’", "")
            if t.lower in lex.subs or (t.shielded and t.lower in lex.english):
                continue
            if w.isalpha() and not w.isupper():
                j = _rejoin(chk, text, toks, i)
                if j is not None:
                    a, b, joined = j
                    written = text[a.start:b.end]
                    add(key, "SP102", a.start, b.end,
                        f"kata terpenggal: '{written}' seharusnya '{joined}'", joined)
                    done.add(b.start)
                    continue
            if len(letters) < 4:
                continue
            # a shielded word next to another unknown shielded word: a foreign or regional phrase
            # ("tri hita karana", "community empowerment"); a lone one is judged like any word
            foreign = t.shielded and any(
                0 <= j < len(toks) and toks[j].shielded and toks[j].text in unknown
                and _gap_ok(text, toks, min(i, j))
                for j in (i - 1, i + 1))
            if foreign:
                continue
            # a word next to an English word is part of an English phrase ("biochemical oxygen
            # demand", "good governance"): judged as an English term
            english = any(
                0 <= j < len(toks) and _gap_ok(text, toks, min(i, j))
                and ((toks[j].lower in lex.english and not chk.dict_known(toks[j].lower))
                     or (toks[j].text in unknown and englishy(toks[j].lower)))
                for j in (i - 1, i + 1))
            initial = heading or i == 0 or bool(_SENTENCE_END_RE.search(text, toks[i - 1].end, t.start))
            vkey = (w, t.shielded, english, initial)
            if vkey in verdict:
                v = verdict[vkey]
            elif len(verdict) >= MAX_SPELL_UNKNOWN:  # bounded work on garbage-filled input
                skipped.add(w)
                continue
            else:
                v = verdict[vkey] = _judge(chk, w, correction, freq, neighbour, shielded=t.shielded,
                                            english=english, initial=initial)
            if v is None:
                continue
            code, exp = v
            if code == "SP102":
                msg = f"spasi hilang: '{w}' seharusnya '{exp}'"
            elif not exp:  # an unknown word without a confident correction
                hint = hints(w)
                msg = (f"kata tidak dikenal '{w}': tidak ada dalam kamus id_ID maupun daftar istilah; "
                       f"periksa ejaannya{hint}")
                add(key, code, t.start, t.end, msg, None)
                continue
            else:
                alts = exp.split("\t")
                exp = alts[0]
                more = f" (atau {', '.join(repr(a) for a in alts[1:])})" if len(alts) > 1 else ""
                msg = f"kata tidak dikenal '{w}', mungkin maksudnya '{exp}'{more}"
            add(key, code, t.start, t.end, msg, exp)
    return len(skipped)


def _glossed(text: str, toks: list[Token], unknown: set[str]) -> set[int]:
    """Indexes of unknown words that the text glosses as a regional or foreign term: up to
    :data:`_GLOSS_WORDS` words after "disebut", "istilah", "tradisi", "bahasa Bali" ... or before
    "yang berarti", "artinya", "dalam bahasa Jawa" ..."""
    if not toks or not ("art" in text or "makna" in text or "bahasa" in text
                        or _GLOSS_AFTER_RE.search(text)):
        return set()
    out: set[int] = set()
    starts = [t.start for t in toks]
    ends = [t.end for t in toks]
    for m in _GLOSS_AFTER_RE.finditer(text):
        i = bisect_left(starts, m.end())
        for k in range(i, min(i + _GLOSS_WORDS, len(toks))):
            if toks[k].text not in unknown or (k > i and not _gap_ok(text, toks, k - 1)):
                break
            out.add(k)
    for m in _GLOSS_BEFORE_RE.finditer(text):
        i = bisect_right(ends, m.start()) - 1
        for k in range(i, max(i - _GLOSS_WORDS, -1), -1):
            if toks[k].end > m.start() or toks[k].text not in unknown \
                    or (k < i and not _gap_ok(text, toks, k)):
                break
            out.add(k)
    return out


_FUNCTION_WORDS = frozenset({"dan", "di", "ke", "dari", "yang", "untuk", "pada", "dengan", "atau",
                             "serta", "per", "oleh", "dalam", "terhadap", "melalui", "bagi"})


def _title_case(toks: list[Token]) -> bool:
    """A heading or table cell in Title Case ("Persentase Ibu Hamil Risiko Tinggi"): every word
    but the function words capitalised. Its capitalised words are heading words, not proper
    nouns inside a sentence."""
    words = [t for t in toks if t.lower not in _FUNCTION_WORDS]
    return len(words) >= 2 and all(t.text[:1].isupper() for t in words)


_SENTENCE_END_RE = re.compile(r"[.!?:;|\n•\t]")  # between two words: the second starts a sentence
_MAX_NEIGHBOUR_SEARCHES = 30  # dictionary neighbour searches per document (~1 ms each)
_MAX_HINTS = 10  # two-edit hints for unknown words per document (a few ms each)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


def _edits1(w: str) -> set[str]:
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


_PREFIXES = ("memper", "diper", "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "per", "ber",
             "ter", "me", "pe", "di", "ke", "se")
_SUFFIXES = ("kannya", "annya", "nya", "kan", "lah", "an", "i")
# bound forms written joined to a word (EYD V): antarwarga, pascabencana, nonfisik, swakelola
_BOUND_FORMS = ("antar", "pasca", "pra", "non", "swa", "sub", "multi", "ekstra", "intra", "inter",
                "semi", "super", "supra", "tuna", "purna", "dwi", "tri", "panca", "eka", "serba",
                "maha", "lintas", "ko", "ketidak", "ketak")  # ketidak-...-an: ketidakhadiran


def _derivable(chk: _Checker, w: str) -> bool:
    """``w`` looks like a regular affixed form of a known root (a dictionary gap, not a typo)."""
    stems = {w}
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            stems.add(w[: -len(suf)])
    for st in list(stems):
        for pre in _PREFIXES + _BOUND_FORMS:
            if st.startswith(pre) and len(st) - len(pre) >= 4:
                rest = st[len(pre):]
                stems.add(rest)
                # nasal assimilation: meny-/peny- + s, mem-/pem- + p, men-/pen- + t, meng-/peng- + k
                for nas, first in (("meny", "s"), ("peny", "s"), ("mem", "p"), ("pem", "p"),
                                   ("men", "t"), ("pen", "t"), ("meng", "k"), ("peng", "k")):
                    if pre == nas:
                        stems.add(first + rest)
    stems.discard(w)
    return any(len(st) >= 4 and chk.dict_known(st) for st in stems)


def _rejoin(chk: _Checker, text: str, toks: list[Token], i: int) -> tuple[Token, Token, str] | None:
    """An unknown fragment that forms a known word with its neighbour ("Memu askan")."""
    t = toks[i]
    for a, b in ((toks[i - 1] if i > 0 else None, t), (t, toks[i + 1] if i + 1 < len(toks) else None)):
        if a is None or b is None:
            continue
        gap = text[a.end:b.start]
        if gap not in (" ", "- ", "-") or not a.text.isalpha() or not b.text.isalpha():
            continue
        if b.text[:1].isupper() and not a.text.isupper():
            continue
        joined = a.text + b.text.lower() if not a.text.isupper() else a.text + b.text
        if len(joined) >= 6 and chk.dict_known(joined):
            return a, b, joined
    return None


def _cache(ctx: CheckContext, an: SpellAnalysis) -> SpellAnalysis:
    ctx._spell_analysis = an  # type: ignore[attr-defined]
    return an


def _passive(chk: _Checker, word: str, after: str = "") -> bool:
    """``word`` after a separated "di" is a verb that takes the passive prefix di- ("di kelola",
    "di laksanakan"), not the noun of a place or a phrase after the preposition "di" ("di bidang",
    "di tingkat", "di nilai tukar"): "di" + ``word`` must be a listed passive verb and ``word`` not
    a noun taking the preposition, unless "oleh" (the agent of a passive) follows. ``after``: the
    text after ``word``."""
    if not 4 <= len(word) <= MAX_SPELL_WORD or not word.isalpha():
        return False
    lex = chk.lex
    agent = re.match(r"\s+oleh\b", after, re.IGNORECASE) is not None
    if word in lex.di_nouns or (word in lex.di_either and not agent):
        return False
    if chk.sp is None:
        return word.endswith(("kan", "kannya")) and not word.startswith(("pe", "ke"))
    joined = "di" + word
    if chk.sp.known(joined):
        return True
    # a field verb the word list lacks: diinput, diverifikasikan (a suffix, or a verb root)
    return word.endswith(("kan", "i")) and chk.affixed(joined) or \
        (word in lex.verb_roots and chk.affixed(joined))


def _gap_ok(text: str, toks: list[Token], i: int) -> bool:
    """Tokens ``i`` and ``i + 1`` are separated by spaces only (the same phrase)."""
    return not text[toks[i].end:toks[i + 1].start].strip()


# letter patterns of English spelling that Indonesian words never have (loans are respelt:
# sistem, kualitas, manajemen, -si, -itas, -if): an unknown word with one is most likely an
# English term left unitalicised ("unaudited", "dashboard", "stakeholder"), not a misspelling
_ENGLISH_RE = re.compile(
    r"th|sh|ph|ch|ck|gh|ee|ou|w(?![aeiou])|y(?![aeiou])|[xq]|c$"
    r"|(?:tion|sion|ment|ness|ship|ing|ed|ly|ful|able|ible|ive|ity|ance|ence|ure|ware|board|site)s?$")


_OCR_PAIRS = (("rn", "m"), ("vv", "w"))
# a letter read as a digit inside a word: "k0ordinasi", "0leh", "kegiatan1ain"
_OCR_DIGIT_RE = re.compile(r"(?<![\w.,/-])(?:[^\W\d_]+[01][^\W\d_]+|[01][^\W\d_]{3,})(?![\w.,/-])")
_OCR_DIGITS = {"0": ("o",), "1": ("l", "i")}


def _ocr_case(chk: _Checker, w: str) -> str | None:
    """``w`` with I and l swapped to match its case ("oIeh" -> "oleh", "KEBlJAKAN" ->
    "KEBIJAKAN") when that is a dictionary word, else None."""
    if len(w) < 3 or not w.isalpha():
        return None
    rest = w[1:]
    if "I" in rest:
        cand = w[0] + rest.replace("I", "l")
        if cand[1:].islower() and chk.dict_known(cand):
            return cand
    if "l" in w:
        cand = w.replace("l", "I")
        if cand.isupper() and chk.dict_known(cand):
            return cand
    return None


def _ocr_digit(chk: _Checker, w: str) -> str | None:
    """``w`` (letters with a 0 or 1 inside) with the digit read as the letter it resembles,
    when that makes a dictionary word; else None."""
    cands = [""]
    for c in w:
        opts = _OCR_DIGITS.get(c, (c,))
        cands = [p + o for p in cands for o in opts]
        if len(cands) > 8:
            return None
    letters = [c for c in w if c.isalpha()]
    for cand in cands:
        if all(c.isupper() for c in letters):
            cand = cand.upper()
        if chk.dict_known(cand):
            return cand
    return None


def englishy(low: str) -> bool:
    """``low`` (lower case) is spelt like an English word."""
    return len(low) >= 4 and _ENGLISH_RE.search(low) is not None


def _judge(chk: _Checker, w: str, correction: Any, seen: Any,
           neighbour: Any = None, *, shielded: bool = False,
           english: bool = False, initial: bool = True) -> tuple[str, str] | None:
    """("SP102", split) or ("SP101", correction) for an unknown word, ("SP101", "") for a
    non-word without a confident correction (:func:`_non_word`), None otherwise. Words in
    italics, parentheses or quotes (``shielded``: foreign or regional terms) get only the
    corrections found in the document itself."""
    letters = [c for c in w if c.isalpha()]
    upper = all(c.isupper() for c in letters)
    if upper and len(letters) <= _MAX_ACRONYM:
        return None  # acronym
    if "-" in w or "'" in w or "’" in w:
        return None  # hyphenated compounds, reduplications and broken hyphenation
    if not upper and any(c.isupper() for c in w[1:]):
        # OCR confusion of I and l inside a word ("oIeh", "KEBlJAKAN"); otherwise mixed case
        # is an acronym like LKjIP, or a camelCase join (rule TY102 reports those)
        fixed = _ocr_case(chk, w)
        return ("SP101", fixed) if fixed else None
    if chk.known(w):
        return None
    sp = None if _OFFICE_ACRONYM_RE.match(w) else _split(chk, w, seen)
    if sp is not None:
        if upper and _ty102_reports(sp[0], sp[1]):
            return None
        return "SP102", f"{sp[0]} {sp[1]}"
    if len(letters) < 5:
        return None
    low = w.lower()
    for bad, good in _OCR_PAIRS:  # "pernerintah" (rn read for m), "vvilayah"
        if bad in low:
            fixed = low.replace(bad, good)
            if chk.dict_known(fixed):
                return "SP101", match_case(w, fixed)
    if english or englishy(low):
        # an English term (or a word of an English phrase): only a one-letter slip from a word
        # the document itself uses more often ("progress" -> "progres") is reported
        found = [c for c in correction(low) if distance(low, c) <= 1]
        return ("SP101", "\t".join(match_case(w, c) for c in found)) if found else None
    # a capitalised word inside a sentence is mostly a proper noun or an office acronym
    # ("Perwal", "Bapperida", "Tari Rejang"): a dictionary neighbour only at the start of a
    # sentence or cell, or when it is shaped like an affixed Indonesian word ("Pelaksanan"); a
    # correction from the document's words only when one letter away
    proper = w[0].isupper() and not upper and (_OFFICE_ACRONYM_RE.match(w) is not None or not initial and not (
        len(low) >= 8 and low.startswith(_PREFIXES) and low.endswith(_AFFIX_ENDS)))
    found = correction(low)
    if proper:
        found = [c for c in found if distance(low, c) <= 1]
    if not found and neighbour is not None and not upper and not proper and len(letters) >= 6 \
            and seen.get(w.lower(), 0) <= 2 and not _derivable(chk, w.lower()):
        found = neighbour(w.lower())
    if not found:
        return ("SP101", "") if not shielded and _non_word(chk, w, seen) else None
    return "SP101", "\t".join(match_case(w, c) for c in found)


_MIN_NON_WORD = 7  # letters of the shortest word reported as unknown without a correction
_AFFIX_ENDS = ("an", "kan", "nya", "i")


def _non_word(chk: _Checker, w: str, seen: Any) -> bool:
    """An unknown word that is most likely a misspelling, not a name or a term: long, written
    in lower case (or capitalised but shaped like an affixed Indonesian word: "Peyelngaraan";
    names rarely are), rare in the document (a repeated word is the document's own term), not
    an English loan of the lexicon and not a regular affixed form of a known root."""
    low = w.lower()
    if len(low) < _MIN_NON_WORD or not low.isalpha() or w.isupper():
        return False
    if seen.get(low, 0) > 2 or low in chk.lex.english or low in chk.names:
        return False
    if w[0].isupper() and not (len(low) >= 8 and low.startswith(_PREFIXES) and low.endswith(_AFFIX_ENDS)):
        return False
    if w[0].isupper() and _OFFICE_ACRONYM_RE.match(w):
        return False
    return not _derivable(chk, low)


# a capitalised syllable acronym of an office or a regulation: Dinas ... (Dispertan,
# Disperkimtan, Dinkes; di- verbs whose root starts with s/n + consonant are rare), Badan ...
# (Bappeda, Bapperida: "pp" is not Indonesian), Kementerian/Peraturan/Keputusan Menteri ...
# (Kementan, Permenkumham, Kepmendes)
_OFFICE_ACRONYM_RE = re.compile(r"Di[sn][^aeiouy]|Bapp|(?:Kemen|Permen|Kepmen)[a-z]{2,}")


def _ty102_reports(a: str, b: str) -> bool:
    """Rule TY102 (glued heading words in capitals, no dictionary needed) reports this join."""
    try:
        from drafter.check.rules.typo import _heading_words
        words = _heading_words()
    except Exception:  # noqa: BLE001 - TY102 absent or changed: SP102 reports it itself
        return False
    return a.upper() in words and b.upper() in words


# frequent short words are not used to find phrase windows (a window has 2+ other words)
_PHRASE_STOP = frozenset({"dan", "yang", "dengan", "pada", "di", "ke", "dari", "atau"})
_BREAK_RE = re.compile(r"[\n.,;:()|/]")


def _instansi_name(ctx: CheckContext) -> str | None:
    try:
        name = ctx.info.instansi_name
    except Exception:  # noqa: BLE001 - the analysis is a nicety here
        return None
    return name.lower() if name and name.isalpha() else None


def _signature_titles(tokens: dict[str, list[Token]], texts: dict[str, str], lex: Lexicon, name: str,
                      add: Any, covered: dict[str, set[int]]) -> None:
    """A garbled title before the instansi name on a short line: "KAMAT GUMUKMAS", "Cam AR
    Umbulsari" (the signature block: "CAMAT GUMUKMAS")."""
    for key, toks in tokens.items():
        if not 2 <= len(toks) <= 6:  # a signature line (the reader may join place and date)
            continue
        text = texts[key]
        for i, t in enumerate(toks):
            if t.lower != name or i == 0:
                continue
            prev = toks[i - 1]
            cands = [(prev.start, prev.lower)]
            if i >= 2 and text[toks[i - 2].end:prev.start] == " " and len(toks[i - 2].text) + len(prev.text) <= 8:
                cands.append((toks[i - 2].start, toks[i - 2].lower + prev.lower))
            for start, w in cands:
                if w in lex.titles or start in covered[key] or len(w) < 3:
                    continue
                title = next((tt for tt in lex.titles if distance(w, tt) <= 2), None)
                if title is None:
                    continue
                written = text[start:t.end]
                exp = match_case(t.text, title) + " " + t.text
                add(key, "SP105", start, t.end,
                    f"jabatan '{written}' janggal: seharusnya '{exp}'", exp)
                break


def _phrase_swaps(tokens: dict[str, list[Token]], texts: dict[str, str], lex: Lexicon, add: Any,
                  covered: dict[str, set[int]], pending: list[tuple[str, int, int, int]]) -> None:
    """SP105: one word of a standard phrase replaced by a look-alike or a repeated word. Windows
    where the odd word is neither go to ``pending`` for :func:`_phrase_garbage`."""
    norm = {k: v.right.lower() for k, v in lex.subs.items() if " " not in v.right}
    by_word: dict[str, list[tuple[int, int]]] = {}
    for pi, ws in enumerate(lex.phrases):
        if len(ws) < 2:
            continue
        for j, w in enumerate(ws):
            if w not in _PHRASE_STOP:
                by_word.setdefault(w, []).append((pi, j))
    for key, toks in tokens.items():
        text = texts[key]
        if len(toks) < 2:
            continue
        words = [norm.get(t.lower, t.lower) for t in toks]
        done: set[int] = set()
        for i, w in enumerate(words):
            for pi, j in by_word.get(w, ()):
                ws = lex.phrases[pi]
                s = i - j
                if s < 0 or s + len(ws) > len(words) or s in done:
                    continue
                diff = []
                for k in range(len(ws)):
                    if words[s + k] != ws[k]:
                        diff.append(k)
                        if len(diff) > 1:
                            break
                if len(diff) != 1:
                    continue
                win = words[s:s + len(ws)]
                if tuple(win) in lex.phrase_ngrams:
                    continue
                # the window must be one run of text (no line break or punctuation between words)
                if _BREAK_RE.search(text, toks[s].start, toks[s + len(ws) - 1].end):
                    continue
                k = diff[0]
                bad = win[k]
                dup = bad in ws and bad != ws[k] and len(bad) >= 5
                if not (dup or similar_word(bad, ws[k])):
                    if len(ws) >= 3 and len(bad) >= 3:
                        pending.append((key, s, pi, k))
                    continue
                if toks[s + k].start in covered[key]:
                    continue
                _add_swap(add, key, text, toks, s, lex.phrases[pi], k, garbage=False)
                done.add(s)


def _phrase_garbage(tokens: dict[str, list[Token]], texts: dict[str, str], lex: Lexicon, chk: _Checker,
                    add: Any, covered: dict[str, set[int]],
                    pending: list[tuple[str, int, int, int]]) -> None:
    """SP105: OCR garbage that no other rule corrected, inside a standard phrase of 3+ words
    ("Indeks Kepuasan PUBG")."""
    for key, s, pi, k in pending:
        toks = tokens[key]
        t = toks[s + k]
        if t.start in covered[key] or chk.known(t.text):
            continue
        _add_swap(add, key, texts[key], toks, s, lex.phrases[pi], k, garbage=True)


def _add_swap(add: Any, key: str, text: str, toks: list[Token], s: int, ws: tuple[str, ...], k: int,
              *, garbage: bool) -> None:
    t = toks[s + k]
    # garbage has no meaningful case: take it from a neighbouring word of the phrase
    model = toks[s + (1 if k == 0 else k - 1)].text if garbage else t.text
    exp_word = match_case(model, ws[k])
    expected_phrase = " ".join(exp_word if x == k else match_case(toks[s + x].text, ws[x])
                               for x in range(len(ws)))
    written = text[toks[s].start:toks[s + len(ws) - 1].end]
    add(key, "SP105", t.start, t.end,
        f"kata '{t.text}' janggal dalam '{written}': frasa baku '{expected_phrase}' "
        f"(seharusnya '{exp_word}')", exp_word)


# ------------------------------------------------------------------------------- rules
class _SpellRule(Rule):
    category = "typo"
    severity = "info"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        an = analyze(ctx)
        if an.notice and (an.speller is None or an.speller.exhausted):
            ctx.notice(an.notice)
        if an.long_words:
            ctx.notice(f"ejaan: {an.long_words} kata yang lebih panjang dari {MAX_SPELL_WORD} huruf "
                       "tidak diperiksa (bukan kata yang wajar; periksa apakah spasi hilang)")
        if an.unknown_skipped:
            ctx.notice(f"ejaan hanya diperiksa sebagian: lebih dari {MAX_SPELL_UNKNOWN} kata tidak "
                       f"dikenal; {an.unknown_skipped} kata lainnya tidak diperiksa")
        for f in an.findings.get(self.code, []):
            yield self.issue(f.unit, f.token_start, f.token_end, f.message, f.expected,
                             fix=spelling_fix(self.code, f.message, f.expected))


@register
class UnknownWord(_SpellRule):
    """Kata yang tidak ada dalam kamus (Hunspell id_ID, leksikon, gazetir) dan sangat mirip dengan
    kata yang dipakai dokumen itu sendiri (jarak ketik 1; 2 untuk kata panjang), misalnya
    "Lapopran" (Laporan), "Perencanaak" (Perencanaan), "Indek" (Indeks); untuk kata langka
    berhuruf kecil juga kata kamus yang berjarak satu ketikan ("mamadai" -> "memadai"). Kata
    panjang yang jelas bukan kata ("danengefakuasi", "Peyelngaraan") dilaporkan sebagai "kata
    tidak dikenal" walau tanpa koreksi yang meyakinkan.

    Salah ketik pada nama indikator, program dan jabatan membuat laporan tampak tidak teliti dan
    menyulitkan pencarian. Nama tempat di seluruh Indonesia, nama instansi, penanda tangan dan
    nama pada sampul, nama orang, singkatan (huruf kapital sampai 5 huruf), istilah yang sering
    dipakai dokumen, URL, angka, LaTeX, tag HTML, serta frasa asing atau daerah dalam teks miring,
    tanda kurung atau tanda petik dilewati.
    """

    code = "SP101"
    name = "unknown-word"


@register
class JoinedWords(_SpellRule):
    """Spasi yang hilang atau berlebih di dalam kata: dua kata yang tertulis menempel
    ("desaberupa", "secaraberkala" -> "desa berupa", "secara berkala") dan kata yang terpenggal
    ("Memu askan", "Berku- alitas" -> "Memuaskan", "Berkualitas"). Kata kapital yang menempel
    ("KINERJATAHUN") dan camelCase ("PenyediaanGaji") dilaporkan oleh TY102.

    Spasi yang hilang biasanya berasal dari konversi PDF atau penyuntingan yang tergesa-gesa;
    pembaca dan mesin pencari tidak mengenali kata gabungan tersebut.
    """

    code = "SP102"
    name = "joined-words"


@register
class NonStandardSpelling(_SpellRule):
    """Bentuk tidak baku menurut EYD V / KBBI (daftar di rules/substitutions.yaml), misalnya
    analisa -> analisis, efektifitas -> efektivitas, resiko -> risiko, ijin -> izin, prosentase ->
    persentase, kehadiran Tuhan -> kehadirat Tuhan, dan ejaan Inggris dalam teks Indonesia
    (table -> tabel, survey -> survei).

    LKIP adalah dokumen resmi pemerintah; Permendikbudristek tentang EYD V mewajibkan ejaan baku.
    Setiap kemunculan dilaporkan dengan bentuk bakunya.
    """

    code = "SP103"
    name = "non-standard-spelling"


@register
class DiPrefixPreposition(_SpellRule):
    """Penulisan "di" yang salah: kata depan yang disambung ("dibidang", "diatas", "dimana" ->
    "di bidang", "di atas", "di mana") atau awalan di- yang dipisah ("di laksanakan",
    "di kelola" -> "dilaksanakan", "dikelola"). "di" sebelum frasa benda ("di nilai tukar",
    "di tingkat kecamatan") adalah kata depan dan tidak dilaporkan.

    Ini kesalahan EYD yang paling sering dalam laporan pemerintah; kata depan "di" ditulis
    terpisah, awalan pembentuk kata kerja pasif di- ditulis serangkai.
    """

    code = "SP104"
    name = "di-prefix-preposition"


@register
class PhraseSwap(_SpellRule):
    """Satu kata dalam frasa baku LKIP (rules/phrases.yaml) tertukar dengan kata lain yang mirip
    bentuknya, seperti hasil OCR atau koreksi otomatis: "PERJUANGAN KINERJA" (Perjanjian Kinerja),
    "Pertandingan Realisasi" (Perbandingan Realisasi), "ketertarikan umum" (ketertiban umum).

    Kata pengganti itu benar ejaannya sehingga lolos pemeriksa ejaan biasa, tetapi mengubah makna
    istilah resmi. Kata yang terulang ("Ketertiban dan Ketertiban Umum"), sampah OCR di dalam frasa
    baku ("Indeks Kepuasan PUBG") dan jabatan penanda tangan yang rusak di depan nama instansi
    ("KAMAT GUMUKMAS", "Cam AR Umbulsari" -> "CAMAT ...") juga ditandai.
    """

    code = "SP105"
    name = "phrase-swap"
    severity = "warning"
