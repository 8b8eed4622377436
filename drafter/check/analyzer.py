"""Report understanding shared by all rules: report year, instansi, kabupaten, predicate scale,
chapters and sections.

Table roles (3.1-3.8, PK, Renstra) and indicators are in :mod:`drafter.check.tables`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from drafter.check.gazetteer import (
    DESA,
    KABUPATEN,
    KECAMATAN,
    KELURAHAN,
    KOTA,
    Gazetteer,
    Region,
    gazetteer,
    name_key,
)
from drafter.document.model import Block, Document
from drafter.document.structure import outline_entry
from drafter.measure import Scale, cap_rule_stated, default_scale

_YEAR = r"(20\d\d)"
# the first year of a period ("Tahun 2018-2023", "Tahun 2018- 2023", "tahun 2019 s.d. 2024") is
# not the year of a report
_NOT_RANGE = r"(?!\d|\s*(?:-|–|—|/|s\.?\s?d\.?|sampai|hingga)\s*(?:19|20)\d\d)"
_TITLE_YEAR_RE = re.compile(
    r"\b(?:laporan\s+kinerja|lkj?i?p|lakip)\b[^\n]{0,120}?\btahun\s+" + _YEAR + _NOT_RANGE, re.IGNORECASE
)
_TAHUN_RE = re.compile(r"\btahun\s+" + _YEAR + r"\b" + _NOT_RANGE, re.IGNORECASE)
# "Nomor 8 Tahun 2006": the year of a cited regulation says nothing about the report year
_CITED_RE = re.compile(r"\bno(?:mor|\.)?\s*[\w./-]+\s+tahun\s+20\d\d\b", re.IGNORECASE)
# "Nomor : 000.8.6.3/52/35.09.04/2025": the year closing a decree number
_DECREE_NO_RE = re.compile(r"\bnomor\s*:\s*[\w. ]+(?:/[\w. ]*)+/\s*" + _YEAR + r"\b", re.IGNORECASE)
_INSTANSI_KINDS = (r"(?:Kecamatan|Kelurahan|Desa|Dinas|Badan|Inspektorat|Sekretariat|Satuan|Kantor|Bagian"
                   r"|Rumah Sakit|Kementerian|Lembaga)")
_KEC_RE = re.compile(r"\b(Kecamatan|Kelurahan)\s+([A-Z][a-zA-Z]+(?:\s[A-Z][a-z]+)?)")
_ABBR = r"(?:\(\s*(?i:lkj?i?p|lakip)\s*\)\s*)?"  # "Laporan Kinerja Instansi Pemerintah (LKIP) ..."
# the title: "Laporan Kinerja [Instansi Pemerintah] [(LKjIP)] <instansi> Tahun 2023", also
# "LKjIP <instansi> Tahun ..." and a cover whose title runs over several lines
_LK_NAME_RE = re.compile(
    r"\b(?:Laporan\s+(?:Akuntabilitas\s+)?Kinerja\s+(?:Instansi\s+Pemerintah(?:an)?\s+)?|(?i:LKJIP|LKIP|LAKIP)\s+)"
    + _ABBR + "(" + _INSTANSI_KINDS + r"[A-Za-z ,&\n]{2,80}?)\s+(?:Kabupaten\s+\w+\s+)?Tahun\s+20\d\d",
)
_LK_CAPS_RE = re.compile(
    r"\b(?:LAPORAN\s+(?:AKUNTABILITAS\s+)?KINERJA\s+(?:INSTANSI\s+PEMERINTAH(?:AN)?\s+)?|(?i:LKJIP|LKIP|LAKIP)\s+)"
    + _ABBR + "(" + _INSTANSI_KINDS.upper()
    + r"[A-Z ,&\n]{2,80}?)\s+(?:(?:KABUPATEN|KOTA)\s+[A-Z]+\s+)?TAHUN\s+20\d\d",
)
# abbreviated kind words in a title: "Dinas Pendidikan Kab. Sumbawa Barat"
_KIND_ABBR = ((re.compile(r"\b(?:Kab|KAB)\.\s*"), "Kabupaten "), (re.compile(r"\b(?:Kec|KEC)\.\s*"), "Kecamatan "),
              (re.compile(r"\b(?:Prov|PROV)\.\s*"), "Provinsi "))
# a cover line naming the office: "DINAS KESEHATAN", "Inspektorat Daerah" (then maybe "KOTA X")
_COVER_KIND_RE = re.compile(r"^[\s#*_]*(" + _INSTANSI_KINDS + r"|" + _INSTANSI_KINDS.upper()
                            + r")\b[^\n]{0,80}$")
_COVER_REGION_RE = re.compile(r"^[\s#*_]*(?i:kabupaten|kota|provinsi)\s+[A-Z][^\n]{0,40}$")


def _title_text(doc: Document) -> str:
    return _expand_kinds("\n".join(_texts(doc)))


@lru_cache(maxsize=4)
def _expand_kinds(text: str) -> str:
    for rx, word in _KIND_ABBR:
        if word[:3] in text or word[:3].upper() in text:  # "Kab"/"KAB": else nothing to replace
            text = rx.sub(word, text)
    return text


@lru_cache(maxsize=4)
def _lk_names(title_text: str) -> Counter[str]:
    """The instansi names of the title sentences ("Laporan Kinerja <instansi> Tahun ...")."""
    return Counter(" ".join(m.group(1).split()) for m in _LK_NAME_RE.finditer(title_text))


@lru_cache(maxsize=1)
def _office_generic() -> frozenset[str]:
    """Words of office names that do not tell offices apart (rules/leftovers.yaml)."""
    from drafter.resources import load_yaml

    return frozenset(str(w).lower() for w in
                     (load_yaml("rules", "leftovers.yaml") or {}).get("office_generic_words") or [])


def office_words(name: str) -> set[str]:
    """The words of an office name that tell it from other offices ("Dinas Pendidikan dan
    Kebudayaan Kabupaten Sigi" -> {"pendidikan", "kebudayaan"}): without its region."""
    name = re.split(r"(?i)\b(?:kabupaten|kota|provinsi|kab\.)\s", name)[0]
    generic = _office_generic()
    return {w for w in re.findall(r"[a-z]+", name.lower()) if w not in generic and len(w) > 1}


def _shares_word(a: str, b: str) -> bool:
    """Two office names share a word that tells offices apart (or neither has one)."""
    ta, tb = office_words(a), office_words(b)
    return bool(ta & tb) or not ta or not tb


_PLACE_OFFICE_RE = re.compile(r"(?i)(kecamatan|kelurahan|desa)\s+([\w'’-]+)")


def _same_office_name(a: str, b: str) -> bool:
    """Two office names that may name the same office: for a kecamatan, kelurahan or desa the
    place name itself ("Kecamatan Gerunggang" is not "Kecamatan Bukit Intan"), else a shared
    distinctive word (:func:`_shares_word`)."""
    pa, pb = _PLACE_OFFICE_RE.match(a), _PLACE_OFFICE_RE.match(b)
    if pa is not None and pb is not None and pa.group(1).lower() == pb.group(1).lower():
        return pa.group(2).lower() == pb.group(2).lower()
    return _shares_word(a, b)


def _cover_instansi(doc: Document, head_only: bool = False) -> str | None:
    """The office named on a cover line of the first blocks ("DINAS KESEHATAN" and the
    region on the next line), when no title sentence names it. ``head_only``: only the lines
    before the first sentence of running text (the cover itself)."""
    # the cover's lines, not table cells ("Utara | Kecamatan Ujung Pandang" names a neighbour)
    lines = [ln.strip(" \t#*_") for b in doc.blocks[:40] if b.kind != "table" for ln in b.text.split("\n")]
    for i, ln in enumerate(lines[:200]):
        if head_only and ln.endswith(".") and len(ln.split()) > 8:
            return None  # running text begins: past the cover
        m = _COVER_KIND_RE.match(ln)
        if not m:
            continue
        words = ln.split()
        if len(words) > 10 or any(w.islower() and w not in ("dan", "di", "serta") for w in words):
            continue  # a sentence, not a cover line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if len(words) == 1 and not _COVER_REGION_RE.match(nxt):
            continue  # a lone kind word ("Kelurahan" heading a column) names no office
        full = f"{ln} {nxt}" if _COVER_REGION_RE.match(nxt) and not re.search(
            r"(?i)\b(?:kabupaten|kota|provinsi)\b", ln) else ln
        return " ".join(full.split()) if not full.isupper() else _title_caps(full)
    return None
_KAB_RE = re.compile(r"\b(?:Kabupaten|KABUPATEN|Kota|KOTA)\s+([A-Z][a-zA-Z]+)")
_CHAPTER_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*BAB\s+([IVX]+)\b", re.IGNORECASE)
_SECTION_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*([A-F])\s*\.\s*(\d)?\.?\s*\S")
_SUBSECTION_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*([A-F])\.(\d)\b")


@dataclass
class ReportInfo:
    year: int | None
    year_source: str
    instansi: str | None  # "Kecamatan Gumukmas"
    instansi_name: str | None  # "Gumukmas"
    kabupaten: str | None  # "Jember"
    scale: Scale
    scale_source: str  # "document" or "default"
    scale_block: int | None = None
    scale_blocks: tuple[int, ...] = ()  # the blocks stating the scale (table, list items, prose)
    cap_100: bool = False  # the report states that a capaian above 100% counts as 100%
    notes: list[str] = field(default_factory=list)  # one-line notices for the user
    names_seen: Counter[str] = field(default_factory=Counter)
    # the report's own region from the national gazetteer (None when not resolved)
    kabupaten_kind: str | None = None  # "Kabupaten" or "Kota"
    province: Region | None = None
    regency: Region | None = None  # the kabupaten/kota
    kecamatan: Region | None = None
    village: Region | None = None  # the desa/kelurahan
    national: bool = False  # a ministry or national agency (no region)


def _texts(doc: Document, limit: int | None = None) -> list[str]:
    out: list[str] = []
    for b in doc.blocks[:limit] if limit else doc.blocks:
        if b.kind == "table":
            out.extend([c.text for r in b.rows for c in r.cells])
        else:
            out.append(b.text)
    return out


# a cover: "LAPORAN KINERJA ..." and, a few lines below it, a line of its own "TAHUN 2021"
_COVER_TITLE_RE = re.compile(r"^[\W_]*(?:laporan\s+kinerja|lkj?i?p|lakip)\b", re.IGNORECASE)
_COVER_YEAR_RE = re.compile(r"^[\W_]*tahun\s+(?:anggaran\s+)?" + _YEAR + r"[\W_]*$", re.IGNORECASE)


def _cover_year(head: str) -> int | None:
    lines = [ln for ln in head.split("\n") if ln.strip()][:30]
    for i, ln in enumerate(lines):
        if _COVER_TITLE_RE.match(ln) and len(ln) < 120:
            for nxt in lines[i + 1:i + 6]:
                m = _COVER_YEAR_RE.match(nxt)
                if m:
                    return int(m.group(1))
    return None


def detect_year(doc: Document) -> tuple[int | None, str]:
    head = "\n".join(_texts(doc, 80))
    head = _CITED_RE.sub(" ", head)
    votes: Counter[int] = Counter(int(m.group(1)) for m in _TITLE_YEAR_RE.finditer(head))
    cover = _cover_year(head)
    if cover is not None:
        # the cover names the report's year once, set apart; a foreword copied from last year's
        # report ("Laporan Kinerja Tahun 2020") does not outvote it
        votes[cover] += 2
    if votes:
        return votes.most_common(1)[0][0], "judul/pengantar"
    allt = "\n".join(_texts(doc))
    votes = Counter(int(m.group(1)) for m in _TITLE_YEAR_RE.finditer(_CITED_RE.sub(" ", allt)))
    if votes:
        return votes.most_common(1)[0][0], "judul/pengantar"
    uncited = _CITED_RE.sub(" ", allt)
    decree = _DECREE_NO_RE.search(uncited)
    if decree:
        return int(decree.group(1)), "nomor keputusan"
    votes = Counter(int(m.group(1)) for m in _TAHUN_RE.finditer(uncited))
    if votes:
        return votes.most_common(1)[0][0], "frekuensi 'tahun ...'"
    return None, "tidak ditemukan"


def detect_instansi(doc: Document) -> tuple[str | None, str | None, Counter[str]]:
    allt = _title_text(doc)
    names: Counter[str] = Counter()
    for m in _KEC_RE.finditer(allt):
        kind, name = m.group(1), m.group(2).split()[0]
        names[f"{kind} {name}"] += 1
    lk = Counter(_lk_names(allt))
    if not lk:  # a cover in capitals: "LAPORAN KINERJA KECAMATAN COBLONG TAHUN 2021"
        lk = Counter(_title_caps(m.group(1)) for m in _LK_CAPS_RE.finditer(allt))
    if not lk:
        cover = _cover_instansi(doc)
        if cover is not None:
            lk = Counter([cover])
    if lk and sum(lk.values()) == 1:
        # one title sentence only, naming another office than the cover: the sentence is the
        # slip ("LKjIP Dinas Koperasi ..." in the report whose cover reads "DINAS PERINDUSTRIAN
        # DAN PERDAGANGAN"), the cover names the office
        cover = _cover_instansi(doc, head_only=True)
        if cover is not None and not _same_office_name(cover, next(iter(lk))):
            lk = Counter([cover])
    if lk:
        full = lk.most_common(1)[0][0]
        # every word of the name ("Kecamatan Tidore Utara Kota Tidore Kepulauan"), up to the
        # kabupaten/kota it belongs to
        # ("Kecamatan Samarinda Kota Kota Samarinda": a name may end in "Kota" itself)
        km = re.match(r"(Kecamatan|Kelurahan)\s+(\w+(?:\s+(?!(?:Kabupaten|Kab|Provinsi|Tahun)\b)"
                      r"(?!Kota\s+(?!Kota\b|Kabupaten\b|Tahun\b)[A-Z])[A-Z][\w'’-]*){0,3})", full)
        if km:
            return f"{km.group(1)} {km.group(2)}", km.group(2), names
        return full, None, names
    if names:
        full = names.most_common(1)[0][0]
        return full, full.split(" ", 1)[1], names
    return None, None, names


def _title_caps(text: str) -> str:
    """ "DINAS PUPR DAN SEKRETARIAT DPRD" -> "Dinas PUPR dan Sekretariat DPRD": short words with
    at most one vowel stay in capitals (acronyms), conjunctions go to lower case."""
    out = []
    for w in text.split():
        if w.lower() in ("dan", "di", "ke", "serta"):
            out.append(w.lower())
        elif w.isalpha() and len(w) <= 6 and sum(c in "AEIOU" for c in w) <= (1 if len(w) <= 4 else 0):
            out.append(w)
        else:
            out.append(w.capitalize())
    return " ".join(out)


def _title_instansi(doc: Document) -> str | None:
    """The instansi as the title writes it, all words ("Kecamatan Padang Barat Kota Padang")."""
    lk = _lk_names(_title_text(doc))
    if lk and sum(lk.values()) == 1:
        # one title sentence naming another office than the cover: the cover (detect_instansi)
        cover = _cover_instansi(doc, head_only=True)
        if cover is not None and not _same_office_name(cover, next(iter(lk))):
            return cover
    return lk.most_common(1)[0][0] if lk else None


def detect_kabupaten(doc: Document) -> str | None:
    allt = "\n".join(_texts(doc))
    c = Counter(m.group(1).capitalize() for m in _KAB_RE.finditer(allt)
                if m.group(1).lower() not in {"kota", "kabupaten", "dan", "jawa"})
    return c.most_common(1)[0][0] if c else None


# --- the report's own region (national gazetteer) ---------------------------------------------
# A mention is a kind word followed by capitalised words; the longest run of words that names a
# region of that kind in the gazetteer wins ("Kabupaten Bandung Barat" is not "Kabupaten
# Bandung"; "Kota Padang" is not "Kabupaten Padang Pariaman").
_MENTION_KINDS = {
    "kabupaten": (1, KABUPATEN), "kab": (1, KABUPATEN), "bupati": (1, KABUPATEN),
    "kota": (1, KOTA), "walikota": (1, KOTA), "wali kota": (1, KOTA),
    "provinsi": (0, None), "prov": (0, None), "propinsi": (0, None), "gubernur": (0, None),
    "kecamatan": (2, None), "kec": (2, None), "camat": (2, None), "distrik": (2, None),
    # Daerah Istimewa Yogyakarta: a kecamatan is a "kapanewon" (its head the "panewu") in a
    # kabupaten and a "kemantren" in the kota; a desa is a "kalurahan"
    "kapanewon": (2, None), "panewu": (2, None), "kemantren": (2, None),
    "kalurahan": (3, DESA),
    "kelurahan": (3, KELURAHAN), "kel": (3, KELURAHAN), "lurah": (3, KELURAHAN),
    "desa": (3, DESA), "ds": (3, DESA), "kepala desa": (3, DESA),
}
_NOT_KIND = (r"(?!(?i:kabupaten|kab\.|kota|provinsi|prov\.|kecamatan|kec\.|distrik|kapanewon|kemantren"
             r"|kalurahan|kelurahan|kel\.|desa"
             r"|tahun|nomor|no\.)(?:\W|$))")
MENTION_RE = re.compile(
    r"(?<![\w.])(?P<kind>(?i:kabupaten|kab\.|bupati|kota|wali\s?kota|provinsi|propinsi|prov\.|gubernur"
    r"|kecamatan|kec\.|camat|distrik|kapanewon|panewu|kemantren|kalurahan|kelurahan|kel\.|lurah"
    r"|kepala\s+desa|desa|ds\.))[ \t]+"
    # ("Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Jember": no desa named "Kabupaten")
    r"(?P<rest>(?!(?i:kabupaten|kab\.|provinsi|prov\.|kecamatan|kec\.|tahun|nomor)(?:\W|$))"
    r"[A-Z][\w'’-]*(?:[ \t]+" + _NOT_KIND + r"[A-Z0-9][\w'’-]*){0,4}"
    # "Kelurahan Menggala Kota, ...", "Kecamatan Langsa Kota.": "Kota" ending the name
    r"(?:[ \t]+Kota(?=[ \t]*[,.;:)]|[ \t]*$|[ \t]+[a-z])(?!\.\d))?)"
)
_PEMERINTAH_RE = re.compile(r"[\s*#_]*(?i:pemerintah(?:an)?)[ \t]+")  # "PEMERINTAH KOTA X" heading
_TITLE_SPAN_RE = re.compile(r"(?i:\blaporan\s+kinerja\b)[^\n]{0,160}")
_NATIONAL_RE = re.compile(r"^(?:Kementerian|Lembaga|Badan\s+[\w ]*Nasional|Kejaksaan|Kepolisian)\b",
                          re.IGNORECASE)


@lru_cache(maxsize=16384)
def mention_matches(text: str) -> tuple[tuple[re.Match[str], int, str | None], ...]:
    """Every :data:`MENTION_RE` match of ``text`` with its (level, kind), computed once per
    distinct text (several rules ask about the same paragraphs, cells and sentences)."""
    return tuple((m, *mention_kind(m.group("kind"))) for m in MENTION_RE.finditer(text))


def mention_kind(word: str) -> tuple[int, str | None]:
    """(level, kind) of a mention's kind word: "Kab." -> (1, "Kabupaten")."""
    return _MENTION_KINDS[" ".join(word.lower().rstrip(".").split()).replace("wali kota", "walikota")]


_ADMINISTRASI_RE = re.compile(r"(?i:administrasi)\s+")


_NONSPACE_RE = re.compile(r"\S+")


def resolve_mention(gaz: Gazetteer, level: int, kind: str | None, rest: str,
                    within: str | None = None) -> tuple[Region | None, int]:
    """The region named by the longest prefix of ``rest`` (and the prefix's length in
    characters), or (None, 0)."""
    if level == 1:
        adm = _ADMINISTRASI_RE.match(rest)
        if adm is not None:
            # "Kota Administrasi Jakarta Pusat" (DKI Jakarta): the gazetteer's "Jakarta Pusat"
            region, n = resolve_mention(gaz, level, kind, rest[adm.end():], within)
            return (region, adm.end() + n) if region is not None else (None, 0)
    words = list(_NONSPACE_RE.finditer(rest))
    for n in range(len(words), 0, -1):
        end = words[n - 1].end()
        text = rest[:end].rstrip(".,;:")
        if level == 3:
            if within is None:
                return None, 0
            found = gaz.find(text, 3, within=within)
            if kind is not None:
                found = [r for r in found if r.kind == kind] or found
        else:
            found = gaz.find(text, level, kind=kind, within=within)
        if len(found) == 1:
            return found[0], len(text)
    return None, 0


@dataclass
class _OwnRegion:
    province: Region | None = None
    regency: Region | None = None
    kecamatan: Region | None = None
    village: Region | None = None
    national: bool = False
    province_office: bool = False  # "Dinas ... Provinsi X": the province is the own region


def _override_regency(gaz: Gazetteer, text: str) -> Region | None:
    m = re.match(r"\s*(?i:(kabupaten|kab\.|kota)\s+)?(.+)", text)
    if not m:
        return None
    kind = None if not m.group(1) else (KOTA if m.group(1).lower() == "kota" else KABUPATEN)
    found = gaz.find(m.group(2), 1, kind=kind)
    if len(found) > 1:
        found = [r for r in found if r.kind == KABUPATEN]
    return found[0] if len(found) == 1 else None


def _own_unit(doc: Document, gaz: Gazetteer, level: int, kind: str | None, name: str,
              within: str | None) -> Region | None:
    """The kecamatan (level 2) or desa/kelurahan (3) the report is about: the instansi's name
    may be cut short ("Kecamatan Salam" for "Kecamatan Salam Babaris"), so every mention whose
    first word is the name's first word is resolved (longest name first) and the most frequent
    region wins."""
    if level == 3 and within is None:
        return None
    first = name_key(name.split()[0]) if name.split() else ""
    if not first:
        return None
    votes: Counter[str] = Counter()
    found: dict[str, Region] = {}
    for text in [name, *_texts(doc)]:
        for m in [mm for mm, _lv, _k in mention_matches(text)] if text is not name else [None]:
            rest = name if m is None else m.group("rest")
            if m is not None and mention_kind(m.group("kind"))[0] != level:
                continue
            if name_key(rest.split()[0]) != first:
                continue
            region, _n = resolve_mention(gaz, level, kind, rest, within)
            if region is not None:
                # the title's own name counts twice: one mention of a neighbour ("Kecamatan
                # Samarinda Ilir") does not tie with it
                votes[region.code] += 2 if m is None else 1
                found[region.code] = region
    if not votes:
        return None
    best = votes.most_common(2)
    if len(best) > 1 and best[0][1] == best[1][1]:
        return None  # two regions as frequent: undecided
    return found[best[0][0]]


def detect_region(doc: Document, instansi: str | None = None,
                  kabupaten: str | None = None) -> _OwnRegion:
    """The report's own province, kabupaten/kota, kecamatan and desa/kelurahan.

    Mentions after "Pemerintah" and in the first blocks (cover, title, pengantar) weigh most;
    a ministry or national agency has no region. A kecamatan whose kabupaten is not named is
    found nationally when its name is unique.
    """
    out = _OwnRegion()
    if instansi and _NATIONAL_RE.match(instansi):
        out.national = True
        return out
    gaz = gazetteer()
    if instansi and not kabupaten:
        # "Dinas Pendidikan Provinsi Jawa Timur": a province-level office
        levels = {mention_kind(m.group("kind"))[0] for m in MENTION_RE.finditer(instansi)}
        if 0 in levels and not levels & {1, 2, 3}:
            for m in MENTION_RE.finditer(instansi):
                region, _n = resolve_mention(gaz, 0, None, m.group("rest"))
                if region is not None:
                    out.province = region
                    out.province_office = True
                    return out
    head_n = 80
    votes: dict[int, Counter[str]] = {0: Counter(), 1: Counter()}
    for i, text in enumerate(_texts(doc)):
        head = i < head_n
        titles = [t.span() for t in _TITLE_SPAN_RE.finditer(text)] if head else []
        for m, level, kind in mention_matches(text):
            if level > 1:
                continue
            region, _n = resolve_mention(gaz, level, kind, m.group("rest"))
            if region is None:
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            header = bool(_PEMERINTAH_RE.fullmatch(text, line_start, m.start()))
            title = any(a <= m.start() < b for a, b in titles)
            weight = 1 + 2 * head + 4 * header + 6 * (title and head)
            votes[level][region.code] += weight
    if kabupaten:
        out.regency = _override_regency(gaz, kabupaten)
    inst_level = None
    if instansi:
        first = instansi.split(" ", 1)[0]
        inst_level = {KECAMATAN: 2, KELURAHAN: 3, DESA: 3}.get(first)
    if out.regency is None and votes[1]:
        best = votes[1].most_common(1)[0]
        prov_best = votes[0].most_common(1)[0] if votes[0] else None
        # a province-level office ("Dinas ... Provinsi X") names its kabupaten in passing
        if inst_level is not None or prov_best is None or best[1] >= prov_best[1]:
            out.regency = gaz.region(best[0])
    if instansi and inst_level in (2, 3):
        rest = instansi.split(" ", 1)[1] if " " in instansi else ""
        kind = None if inst_level == 2 else (KELURAHAN if instansi.startswith(KELURAHAN) else DESA)
        within = out.regency.code if out.regency else None
        own = _own_unit(doc, gaz, inst_level, kind, rest, within)
        if own is None and inst_level == 2 and not kabupaten:
            # not in the voted kabupaten/kota (or none voted): a name unique in Indonesia
            own = _own_unit(doc, gaz, 2, None, rest, None)
        if own is not None and inst_level == 2:
            out.kecamatan = own
            out.regency = gaz.regency_of(own)
        elif own is not None:
            out.village = own
            out.kecamatan = gaz.region(own.parent_code or "")
    if out.regency is not None:
        out.province = gaz.province_of(out.regency)
    elif votes[0]:
        out.province = gaz.region(votes[0].most_common(1)[0][0])
    return out


DEFAULT_SCALE_NOTICE = (
    "Skala predikat laporan tidak ditemukan (tabel, daftar atau uraian interval capaian dengan "
    "kategorinya); predikat dinilai dengan skala bawaan {levels} tingkat ({bands}). Cantumkan "
    "skala pengukuran laporan agar predikat dinilai dengan skala laporan sendiri."
)


def default_scale_notice() -> str:
    sc = default_scale()
    return DEFAULT_SCALE_NOTICE.format(
        levels=len(sc.bands), bands=", ".join(f"{b.code} {b.describe()}" for b in sc.bands))


def _scale_words(doc: Document, table: Block) -> str:
    """Caption, header and the text just before a table (what the table is about)."""
    parts = [table.caption or ""]
    parts += [c.text for r in table.rows[:2] for c in r.cells]
    for b in reversed(doc.blocks[max(0, table.index - 2):table.index]):
        if b.kind == "caption":
            break  # (the table's own caption is in parts; what stands above it is another matter)
        if b.kind != "table":
            parts.append(b.text[-300:])
    return " ".join(parts)


def _head_words(doc: Document, table: Block) -> str:
    """Caption and header of a table."""
    cap = table.caption or ""
    if not cap and table.caption_block is not None:
        cap = doc.blocks[table.caption_block].text
    return " ".join([cap, *(c.text for r in table.rows[:1] for c in r.cells)])


def read_scale(doc: Document) -> tuple[Scale, str, int | None]:
    """(scale, source, first block) of :func:`read_scale_blocks`."""
    sc, src, blocks = read_scale_blocks(doc)
    return sc, src, blocks[0] if blocks else None


def read_scale_blocks(doc: Document) -> tuple[Scale, str, tuple[int, ...]]:
    """The report's own predicate scale, wherever it is stated, or the default.

    Looked for, in order: a table of intervals with their predicates (one band per row, or
    per column), then a list or prose definition ("dikategorikan Sangat Baik apabila capaian
    >= 91%; Baik apabila 76% - 90%; ..."). A grade-conversion table (SAKIP evaluation scores to
    AA..D) and a table of the IKM/SKM service scale are never the capaian scale; with only such
    a table the default scale (whose bands a grade conversion repeats) is used and said so. Returns (scale,
    source, block index): source is "document" or "default".
    """
    from drafter.check.tables import is_grade_conversion
    from drafter.measure import read_scale_rows, read_scale_text, scale_conf

    other = re.compile(scale_conf("other_scale"), re.IGNORECASE)
    cue = re.compile(scale_conf("prose_cue"), re.IGNORECASE)
    capaian = re.compile(scale_conf("capaian_scale"), re.IGNORECASE)
    capaian_col = re.compile(scale_conf("capaian_column") or "(?!)", re.IGNORECASE)
    for table in doc.tables():
        if len(table.rows) < 2 or len(table.rows) > 40:
            continue
        sc = read_scale_rows([[c.text.strip() for c in r.cells] for r in table.rows])
        if sc is None or other.search(_scale_words(doc, table)):
            continue
        if is_grade_conversion(doc, table) and not capaian.search(_head_words(doc, table)) and not any(
                capaian_col.match(c.text) for r in table.rows[:2] for c in r.cells):
            continue  # scores to letter grades (SAKIP evaluation), not the capaian scale
        return sc, "document", (table.index,)
    run: list[Block] = []
    blocks = [*doc.blocks, None]
    for b in blocks:
        if b is not None and b.kind != "table" and len(b.text) < 3000 and _has_band(b.text):
            run.append(b)
            continue
        if run:
            before = doc.blocks[run[0].index - 1].text if run[0].index > 0 else ""
            if cue.search(" ".join([before[-300:], *(r.text for r in run)])):
                sc = read_scale_text([r.text for r in run])
                if sc is not None:
                    return sc, "document", tuple(r.index for r in run)
            run = []
    return default_scale(), "default", ()


# a line of a letter-grade scale flattened from a table: "A    >= 95%", "B   85% s.d. < 95%"
_GRADE_LINE_RE = re.compile(r"\s*(?:[A-F][A-F+-]?)\s+(?=[<>≤≥⩾⩽\d])")


def _has_band(text: str) -> bool:
    from drafter.measure import find_label, parse_interval

    iv = parse_interval(text)
    if iv is None:
        return False
    if find_label(text) is not None:
        return True
    m = _GRADE_LINE_RE.match(text)
    return m is not None and m.end() <= iv.start + 1 and len(text) < 60


def assign_sections(doc: Document) -> None:
    chapter: str | None = None
    section: str | None = None
    for b in doc.blocks:
        if b.kind != "table":
            text = b.text.strip()
            m = _CHAPTER_RE.match(text)
            # (not "Bab V laporan ini." on a line of its own: a sentence wrapped before a
            # reference to a chapter; a chapter title is capitalised)
            if m and len(text) < 120 and not text[m.end():].lstrip(" .:-–—*")[:1].islower() \
                    and not outline_entry(text[m.end():]):
                chapter = f"BAB {m.group(1).upper()}"
                section = None
            else:
                sm = _SUBSECTION_RE.match(text)
                if sm and len(text) < 200 and text[:60].upper() == text[:60]:
                    section = f"{sm.group(1)}.{sm.group(2)}"
                else:
                    sm2 = _SECTION_RE.match(text)
                    if sm2 and len(text) < 200 and text[:40].upper() == text[:40]:
                        section = sm2.group(1) + (f".{sm2.group(2)}" if sm2.group(2) else "")
        b.chapter = chapter
        b.section = section


def analyze_report(doc: Document, *, year: int | None = None,
                   kabupaten: str | None = None) -> ReportInfo:
    assign_sections(doc)
    if year is not None:
        y, ysrc = year, "--year"
    else:
        y, ysrc = detect_year(doc)
    full, name, names = detect_instansi(doc)
    region = detect_region(doc, _title_instansi(doc) or full, kabupaten)
    if region.regency:
        kab: str | None = region.regency.name
    elif region.national or region.province_office:
        kab = None  # a ministry or a province-level office
    else:
        kab = kabupaten or detect_kabupaten(doc)
    own = region.village or region.kecamatan
    if own is not None and full and full.split(" ", 1)[0] in (KECAMATAN, KELURAHAN, DESA):
        full, name = own.full, own.name  # the gazetteer's spelling, all words of the name
    scale, ssrc, sblocks = read_scale_blocks(doc)
    notes = [default_scale_notice()] if ssrc == "default" else []
    return ReportInfo(
        year=y,
        year_source=ysrc,
        instansi=full,
        instansi_name=name,
        kabupaten=kab,
        scale=scale,
        scale_source=ssrc,
        scale_block=sblocks[0] if sblocks else None,
        scale_blocks=sblocks,
        cap_100=any(cap_rule_stated(b.text) for b in doc.blocks if b.kind != "table"),
        notes=notes,
        names_seen=names,
        kabupaten_kind=region.regency.kind if region.regency else None,
        province=region.province,
        regency=region.regency,
        kecamatan=region.kecamatan,
        village=region.village,
        national=region.national,
    )


def block_chapter(block: Block) -> str | None:
    return block.chapter
