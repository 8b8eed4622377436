"""Foreign names: other kecamatan, desa/kelurahan and kabupaten/kota named as the report's own,
the office's own name misspelled, desa counts. (The signatory's name and NIP, FN103-FN105, are
checked in :mod:`drafter.check.rules.people`.)

Places come from the national gazetteer (rules/gazetteer/wilayah.tsv.gz, drafter.check.gazetteer);
the report's own region from drafter.check.analyzer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from drafter.check.analyzer import MENTION_RE, mention_kind, mention_matches, resolve_mention
from drafter.check.claims_parse import prose_blocks
from drafter.check.context import CheckContext
from drafter.check.gazetteer import DESA, KABUPATEN, KELURAHAN, KOTA, Region, gazetteer, name_key
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import joined_units, levenshtein, sentence, sentence_bounds, units
from drafter.check.rules.people import nip_problem  # noqa: F401 - FN103-FN105 moved there
from drafter.document.model import Block, Cell, TextUnit
from drafter.resources import load_yaml
from drafter.text.layer import analyze
from drafter.text.prefilter import filtered_finditer, filtered_search


def _own(ctx: CheckContext) -> tuple[Region | None, Region | None]:
    """(own kabupaten/kota, own kecamatan) of the report from the national gazetteer; the
    kecamatan is that of a kecamatan report or the parent of a desa/kelurahan report."""
    info = ctx.info
    return info.regency, info.kecamatan


def _known_names(ctx: CheckContext) -> frozenset[str]:
    """Lower-case names that are places around the report: every kabupaten/kota and province,
    the kecamatan of the own kabupaten/kota and their villages."""
    regency, _kec = _own(ctx)
    return _names_around(regency.code if regency else None)


@cache
def _names_around(regency_code: str | None) -> frozenset[str]:
    gaz = gazetteer()
    names = {r.name.lower() for r in gaz.regencies()} | {r.name.lower() for r in gaz.provinces()}
    if regency_code is not None:
        for kec in gaz.children(regency_code):
            names.add(kec.name.lower())
            for v in gaz.villages(kec.code):
                names.add(v.name.lower())
                names.add(v.name.lower().replace(" ", ""))
    return frozenset(names)


def _dictionary_word(low: str) -> bool:
    """``low`` is a word of the Indonesian word list (loaded only when asked: rarely)."""
    from drafter.check.spell import get_speller

    speller, _note = get_speller()
    return speller is not None and speller.known(low)


def _province_words(ctx: CheckContext) -> frozenset[str]:
    """Lower-case words of the names of every kecamatan and village of the report's province."""
    province = ctx.info.province
    return _words_in_province(province.code) if province is not None else frozenset()


@cache
def _words_in_province(code: str) -> frozenset[str]:
    gaz = gazetteer()
    places = [k for reg in gaz.children(code) for k in gaz.children(reg.code)]
    villages = [v for k in places for v in gaz.villages(k.code)]
    return frozenset(gaz.words_of_names([*places, *villages]))


def _context_re(key: str) -> re.Pattern[str]:
    pats = (load_yaml("rules", "foreign_names.yaml") or {}).get(key) or []
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in pats) + r")\b" if pats else r"(?!)",
                      re.IGNORECASE)


_BORDER_RE = _context_re("border")
_LOCAL_VILLAGE_RE = re.compile(
    r"(?<![\w.])(?P<kind>" + "|".join(re.escape(str(w)) for w in (load_yaml("rules", "foreign_names.yaml") or {}).get(
        "local_village_words") or ["(?!)"]) + r")[ \t]+(?!(?:Kabupaten|Kota|Kecamatan|Distrik|Provinsi|Desa|"
    r"Kelurahan|Tahun)\b)(?P<rest>[A-Z][\w'’-]*(?:[ \t]+[A-Z0-9][\w'’-]*){0,3})")
_ACTOR_AFTER_RE = re.compile(
    "|".join(f"(?:{p})" for p in (load_yaml("rules", "foreign_names.yaml") or {}).get("office_actor_after") or ["(?!)"]),
    re.IGNORECASE)
_NEIGHBOUR_BEFORE_RE = re.compile(
    "|".join(f"(?:{p})" for p in (load_yaml("rules", "foreign_names.yaml") or {}).get("neighbour_before") or ["(?!)"]),
    re.IGNORECASE)
_JOINT_BEFORE_RE = re.compile(
    "|".join(f"(?:{p})" for p in (load_yaml("rules", "foreign_names.yaml") or {}).get("joint_before") or ["(?!)"]),
    re.IGNORECASE)
_LEGIT_RE = _context_re("legit_context")
_HEADER_RE = _context_re("header_prefix")
_REGULATION_RE = _context_re("regulation_prefix")
_OTHER_CTX_RE = _context_re("other_region_context")
_EVENT_RE = re.compile(r"rapat\s+\w+(?:\s+\w+)?|rakor\w*|bimtek|bimbingan\s+teknis|pelatihan|diklat|workshop|"
                       r"lokakarya|seminar|konsultasi|menghadiri|perjalanan\s+dinas", re.IGNORECASE)
_OWNERSHIP_RE = re.compile(r"(?:^|\W)(?i:" + "|".join(
    f"(?:{p})" for p in (load_yaml("rules", "foreign_names.yaml") or {}).get("ownership_prefix") or ["(?!)"])
    + r")\s*$")
_FACILITY_RE = re.compile(r"(?<![\w.])(?P<kind>(?i:" + "|".join(
    r"\s+".join(map(re.escape, str(w).split())) for w in sorted(
        (load_yaml("rules", "foreign_names.yaml") or {}).get("facility_words") or ["(?!)"], key=len, reverse=True))
    + r"))[ \t]+(?P<rest>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})")
_BORDER_CELL_RE = re.compile("|".join((load_yaml("rules", "foreign_names.yaml") or {}).get("border_cell")
                                      or ["(?!)"]), re.IGNORECASE)


_COMPARED_RE = re.compile(r"(?:^|\W)(?:" + "|".join(
    f"(?:{p})" for p in (load_yaml("rules", "foreign_names.yaml") or {}).get("comparator_before") or ["(?!)"])
    + r")\s+(?:[\w%(),.-]+\s+){0,3}$", re.IGNORECASE)


def _compared(text: str, start: int) -> bool:
    """The place named at ``start`` is the object of a comparison ("lebih tinggi dari
    Kecamatan X", "di bawah Kabupaten Y", "dibandingkan capaian Kota Z")."""
    return bool(_COMPARED_RE.search(text[max(0, start - 70):start]))


def _mentions(text: str, levels: set[int]) -> Iterable[tuple[re.Match[str], int, str | None]]:
    found = mention_matches(text)  # cached per text (shared by the rules)
    if not found:
        return ()  # most units name no region: no generator made for them
    return [t for t in found if t[1] in levels]


_OWN_LEVEL_RE = re.compile(r"\btingkat\s+kecamatan\b|\bse-?kecamatan\b", re.IGNORECASE)
_AWARD_RE = re.compile(r"\b(?:penghargaan|apresiasi|lomba|juara|peringkat)\b", re.IGNORECASE)


_DESA_KEL_RE = re.compile(r"(?i)\b(?:desa|kelurahan)\b")


def _legit(sent: str) -> bool:
    return bool(_BORDER_RE.search(sent) or _LEGIT_RE.search(sent))


def _border_row(unit: TextUnit, block: Block) -> bool:
    """A table cell whose row describes a border ("Utara | Kecamatan X") or a legitimate
    context."""
    if not isinstance(unit, Cell) or unit.row >= len(block.rows):
        return False
    texts = block.rows[unit.row].texts()
    return any(_BORDER_CELL_RE.fullmatch(t.strip()) for t in texts) or _legit(" ".join(texts))


def _kind_word(m: re.Match[str]) -> str:
    return " ".join(m.group("kind").split())


@register
class OtherKecamatan(Rule):
    """Names of other kecamatan of the same kabupaten/kota in the report of one kecamatan (or
    of one of its desa/kelurahan): "Kecamatan Padang Timur", "Camat Pauh", "Kec. Kuranji" in
    the LKIP of Kecamatan Padang Barat (Kota Padang).

    Reports are often written by copying another kecamatan's report; a foreign name left in a
    sasaran, a decree or an analysis shows the text was not adapted. The kecamatan of the
    report's kabupaten/kota come from the national gazetteer (rules/gazetteer/); the name must
    follow "Kecamatan", "Kec." or "Camat" (a bare word such as "Puger" or "Baru" is never taken
    for a place). Border descriptions ("berbatasan dengan", "sebelah utara ..."), sentences
    naming two or more other kecamatan (a list) and contexts such as "kerja sama", "studi
    tiru", "juara" (rules/foreign_names.yaml) are legitimate and not reported, and so is a
    kecamatan the report itself describes as bordering its own when it is named as a partner or
    an origin ("bersama pendamping desa dari Kecamatan X").
    """

    code = "FN101"
    name = "other-kecamatan"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        regency, own = _own(ctx)
        if regency is None or own is None:
            inst = ctx.info.instansi or ""
            if inst.split(" ", 1)[0] in ("Kecamatan", "Kelurahan", "Desa"):
                ctx.notice(f"wilayah {inst} tidak ditemukan di gazetir nasional "
                           "(rules/gazetteer/); FN101/FN106/FN108 tidak dijalankan")
            return
        gaz = gazetteer()
        found: list[tuple[TextUnit, re.Match[str], Region, int, str, bool]] = []
        neighbours: set[str] = set()  # kecamatan the report describes as bordering its own
        for unit, block in joined_units(ctx):
            for m, _level, _kind in _mentions(unit.text, {2}):
                kec, n = resolve_mention(gaz, 2, None, m.group("rest"), regency.code)
                if kec is None or kec.code == own.code:
                    continue
                end = m.start("rest") + n
                sent = sentence(unit.text, m.start(), end)
                if _BORDER_RE.search(sent) or _border_row(unit, block):
                    neighbours.add(kec.code)
                found.append((unit, m, kec, end, sent, _legit(sent) or _border_row(unit, block)
                              or _compared(unit.text, m.start())))
        for unit, m, kec, end, sent, legit in found:
            if legit:
                continue
            if kec.code in neighbours and _NEIGHBOUR_BEFORE_RE.search(unit.text[max(0, m.start() - 40):m.start()]):
                continue  # "bersama pendamping desa dari Kecamatan X", X described as a neighbour
            if _JOINT_BEFORE_RE.search(unit.text[max(0, m.start() - 40):m.start()]) and \
                    not _ACTOR_AFTER_RE.match(unit.text, end):
                continue  # "patroli bersama dilaksanakan dengan Kecamatan X": a partner
            others = set()
            for m2, _l, _k in _mentions(sent, {2}):
                k2, _n2 = resolve_mention(gaz, 2, None, m2.group("rest"), regency.code)
                if k2 is not None and k2.code != own.code:
                    others.add(k2.code)
            if len(others) >= 2:
                continue  # a list of kecamatan
            kw = _kind_word(m)
            own_name = own.name.upper() if m.group("rest").isupper() else own.name
            yield self.issue(
                unit, m.start(), end,
                f"nama kecamatan lain \"{unit.text[m.start():end]}\" dalam laporan "
                f"{ctx.info.instansi}; kemungkinan salinan dari laporan kecamatan lain, "
                f"seharusnya {kw} {own_name}",
                expected=f"{kw} {own_name}",
            )


def _local_village_words(ctx: CheckContext, regency: Region) -> set[str]:
    """The local words for a desa ("Kampung", "Gampong", "Nagari") that the report itself puts
    before the name of one of its own villages."""
    gaz = gazetteer()
    out: set[str] = set()
    for unit, _block in units(ctx.document):
        if "ampung" not in unit.text and "ampong" not in unit.text and "agari" not in unit.text \
                and not any(w in unit.text for w in ("Pekon", "Lembang", "Nagori", "Negeri")):
            continue
        for m in _LOCAL_VILLAGE_RE.finditer(unit.text):
            if m.group("kind") in out:
                continue
            words = m.group("rest").split()
            if any(gaz.find(" ".join(words[:k]).rstrip(".,;:"), 3, within=regency.code)
                   for k in range(len(words), 0, -1)):
                out.add(m.group("kind"))
    return out


def _villages_named(regency: Region, rest: str) -> tuple[list[Region], int]:
    """The villages of ``regency`` named by the longest prefix of ``rest`` (and its length)."""
    gaz = gazetteer()
    words = list(re.finditer(r"\S+", rest))
    for n in range(len(words), 0, -1):
        text = rest[:words[n - 1].end()].rstrip(".,;:")
        found = gaz.find(text, 3, within=regency.code)
        if found:
            return found, len(text)
    return [], 0


_KIND_ITEM_RE = re.compile(r"(?:Desa|Kelurahan|Ds\.|Kel\.)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}(?=\s+[a-z])")
_KIND_TAIL_RE = re.compile(r"(?<=\s)(?:Desa|Kelurahan|Ds\.|Kel\.)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}$")
# the kecamatan's own composition announced before a list: "terdiri atas 8 desa, yaitu ..."
# ("terdiri atas 12 (dua belas) kelurahan": a count with its words in brackets)
_OWN_COMPOSITION_RE = re.compile(r"\b(?:terdiri\s+(?:atas|dari)|meliputi|membawahi|mencakup)\s+"
                                 r"(?:\d+\s*\([^()]{1,30}\)\s*|\w+\s+){0,2}(?:desa|kelurahan)\b",
                                 re.IGNORECASE)
_LIST_INTRO_RE = re.compile(r"^.*\b(?:yaitu|yakni|meliputi|adalah|ialah|antara\s+lain|di\s*antaranya)\s+",
                            re.IGNORECASE | re.DOTALL)
_ITEM_RE = re.compile(r"^[\s\-*•·]*(?:\d{1,2}[.)]|[a-z][.)])?\s*(?P<name>[A-Z][A-Za-z'’ -]{2,40}?)\s*[.,;]?\s*$")
_VILLAGE_STATUS = frozenset(str(w).lower() for w in
                           (load_yaml("rules", "foreign_names.yaml") or {}).get("village_status_words") or [])
# numbered items side by side on one line
_MULTI_ITEM_RE = re.compile(r"(?:(?<=^)|(?<=\s))\s*\d{1,2}[.)]\s+(?P<name>[A-Z][A-Za-z'’-]*"
                            r"(?:[ ][A-Z][A-Za-z'’-]*){0,3}?)(?=\s+\d{1,2}[.)]\s|\s*$)")
_SPLIT_RE = re.compile(r"\s*(?:,|;|\bdan\b|\bserta\b)\s*")


def _attributed(sent: str, regency: Region, found: list[Region]) -> bool:
    """The sentence names the kecamatan of the desa ("Desa X di Kecamatan Y"): the desa is
    explicitly someone else's, not passed off as one of ours."""
    gaz = gazetteer()
    parents = {v.parent_code for v in found}
    for m, _l, _k in _mentions(sent, {2}):
        kec, _n = resolve_mention(gaz, 2, None, m.group("rest"), regency.code)
        if kec is not None and kec.code in parents:
            return True
    return False


def _own_list_outliers(items: list[str], regency: Region, own: Region
                       ) -> list[tuple[int, list[Region]]]:
    """In a list of names of which at least two are villages of ``own``, the items that are
    villages of another kecamatan of ``regency`` only, or (a bare name, without "Desa"/
    "Kelurahan") of another kabupaten/kota of the province only: (index, villages). ("Desa X"
    of another kabupaten/kota is FN109's, wherever it is named.)"""
    gaz = gazetteer()
    mine = {name_key(v.name) for v in gaz.villages(own.code)}
    keys = [name_key(re.sub(r"^(?i:desa|kelurahan|ds\.|kel\.)\s+", "", i)) for i in items]
    if sum(k in mine for k in keys) < 2:
        return []
    out = []
    for idx, k in enumerate(keys):
        if not k or k in mine or not items[idx][:1].isupper():
            continue  # "... padi dan jeruk": a word in lower case is no name
        found = gaz.find(items[idx], 3, within=regency.code) or [
            v for v in gaz.find(re.sub(r"^\w+\.?\s+", "", items[idx]), 3, within=regency.code)
            if re.match(r"(?i:desa|kelurahan|ds\.|kel\.)\s", items[idx])]
        if not found and regency.parent_code and not re.match(r"(?i:desa|kelurahan|ds\.|kel\.)\s", items[idx]) \
                and not gaz.find(items[idx], 2, within=regency.code):
            # a bare item that is a village of another kabupaten/kota of the province only
            # ("Kelurahan ...: A, B, Maricaya dan C"); "Kelurahan X" items are FN109's
            found = [v for v in gaz.find(items[idx], 3, within=regency.parent_code)
                     if not v.code.startswith(regency.code + ".")]
        if not found and regency.parent_code and n_listed_mine(keys, mine) >= 4:
            # an item of a long list of our desa that is no village here but the name of a
            # kecamatan of another kabupaten/kota of the province ("Desa Kalibaru" among the
            # desa of Kecamatan Tempurejo, Jember; Kalibaru is a kecamatan of Banyuwangi)
            bare = re.sub(r"^(?i:desa|kelurahan|ds\.|kel\.)\s+", "", items[idx])
            found = [kc for kc in gaz.find(bare, 2, within=regency.parent_code)
                     if not kc.code.startswith(regency.code + ".")]
        if found:
            out.append((idx, found))
    n_mine = sum(k in mine for k in keys)
    if len(out) * 2 > n_mine:
        return []  # a mixed list (winners of a contest, a region-wide table), not "our" desa
    return out


def n_listed_mine(keys: list[str], mine: set[str]) -> int:
    """How many of the listed names are villages of the own kecamatan."""
    return sum(k in mine for k in keys)


def _foreign_list(items: list[str], regency: Region, own: Region) -> tuple[Region, int] | None:
    """A list none of whose items is a village of ``own`` and most of whose items (at least
    three, three quarters of the list) are villages of one other kecamatan of ``regency``: the
    list of desa of a neighbouring kecamatan passed off as ours. (That kecamatan, count.)"""
    gaz = gazetteer()
    mine = {name_key(v.name) for v in gaz.villages(own.code)}
    parents: Counter[str] = Counter()
    for item in items:
        bare = re.sub(r"^(?i:desa|kelurahan|ds\.|kel\.)\s+", "", item)
        if name_key(bare) in mine:
            return None
        found = gaz.find(bare, 3, within=regency.code)
        for code in {v.parent_code or "" for v in found}:
            parents[code] += 1
    if not parents:
        return None
    code, n = parents.most_common(1)[0]
    kec = gaz.region(code)
    if kec is None or code == own.code or n < 3 or n * 4 < len(items) * 3:
        return None
    return kec, n


def _first_village(kec: Region, items: list[str]) -> int:
    """Index of the first item that is a village of ``kec`` (0 when none is)."""
    keys = {name_key(v.name) for v in gazetteer().villages(kec.code)}
    return next((i for i, t in enumerate(items)
                 if name_key(re.sub(r"^(?i:desa|kelurahan|ds\.|kel\.)\s+", "", t)) in keys), 0)


@register
class OtherDesa(Rule):
    """A desa/kelurahan of another kecamatan named as one of "ours" in the report of one
    kecamatan: "Desa Sidoarum" (Kecamatan Godean) in the LKIP of Kecamatan Gamping (Kabupaten
    Sleman), or a list of the kecamatan's desa with one desa of a neighbouring kecamatan.

    Like a foreign kecamatan name, a foreign desa shows a passage copied from another
    kecamatan's report. A name is taken for a desa only after "Desa", "Kelurahan", "Ds." or
    "Kel.", or as an item of a list (comma-separated, one per line, or a table column) in which
    at least two items are desa of the report's own kecamatan; names that are also a desa of
    the own kecamatan are never reported. The villages come from the national gazetteer
    (rules/gazetteer/); border descriptions and contexts such as "kerja sama" are legitimate.
    """

    code = "FN106"
    name = "other-desa"
    category = "foreign-name"
    severity = "warning"

    def _message(self, own: Region, text: str, found: list[Region]) -> tuple[str, str]:
        gaz = gazetteer()
        if found[0].level == 2:
            hosts = sorted({h.full for v in found if (h := gaz.regency_of(v)) is not None})
            return (f"\"{text}\" bukan desa/kelurahan Kecamatan {own.name}: {found[0].name} adalah nama "
                    f"kecamatan di {' / '.join(hosts) or '?'}; kemungkinan salinan dari laporan daerah lain",
                    f"desa/kelurahan di Kecamatan {own.name}")
        kecs = sorted({(gaz.region(v.parent_code or "") or own).name for v in found})
        hosts = sorted({h.full for v in found if (h := gaz.regency_of(v)) is not None})
        own_host = gaz.regency_of(own)
        where = (f" ({' / '.join(hosts)})" if hosts and own_host is not None
                 and hosts != [own_host.full] else "")
        return (f"\"{text}\" adalah {found[0].kind.lower()} di Kecamatan {' / '.join(kecs)}{where}, bukan di "
                f"Kecamatan {own.name}; kemungkinan salinan dari laporan kecamatan lain",
                f"desa/kelurahan di Kecamatan {own.name}")

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        regency, own = _own(ctx)
        if regency is None or own is None:
            return
        gaz = gazetteer()
        mine = {name_key(v.name) for v in gaz.villages(own.code)}
        seen: set[tuple[int, int]] = set()
        # "Kampung X", "Gampong X", "Nagari X": a desa where the report itself names its own
        # villages so
        local = _local_village_words(ctx, regency)
        for unit, block in joined_units(ctx):
            found_here = [m for m, _level, _kind in _mentions(unit.text, {3})]
            if local:
                found_here += [m for m in _LOCAL_VILLAGE_RE.finditer(unit.text) if m.group("kind") in local]
            for m in found_here:
                found, n = _villages_named(regency, m.group("rest"))
                if not found or any(v.parent_code == own.code for v in found):
                    continue
                if name_key(m.group("rest")[:n]) in mine:
                    continue
                end = m.start("rest") + n
                sent = sentence(unit.text, m.start(), end)
                if _legit(sent) or _border_row(unit, block) or _attributed(sent, regency, found) \
                        or _compared(unit.text, m.start()):
                    continue
                seen.add((id(unit), m.start()))
                msg, exp = self._message(own, unit.text[m.start():end], found)
                yield self.issue(unit, m.start(), end, msg, expected=exp)
            # a comma-separated list in one sentence: "Desa A, B, C dan D" (table cells here;
            # prose below, with the lines of a hard-wrapped paragraph joined)
            if block.kind == "table" and filtered_search(_DESA_KEL_RE, unit.text) \
                    and "," in unit.text:
                yield from self._prose_lists(ctx, unit, regency, own, seen)
        for pb in prose_blocks(ctx):
            if filtered_search(_DESA_KEL_RE, pb.text) and "," in pb.text:
                yield from self._prose_lists(ctx, pb, regency, own, seen)
        yield from self._line_lists(ctx, regency, own, seen)

    def _prose_lists(self, ctx: CheckContext, unit: TextUnit, regency: Region, own: Region,
                     seen: set[tuple[int, int]]) -> Iterable[Issue]:
        text = unit.text
        for at, clause in _clause_spans(text):
            parts = [(p.start(), p.end()) for p in re.finditer(r"[^,;]+", clause)]
            if len(parts) < 2:  # "A, B dan C": three items, two parts
                continue
            items, spans = [], []
            for a, b in parts:
                # pieces between "dan"/"serta" (a word never starts inside another word)
                for piece in re.finditer(r"(?:\b(?!(?:dan|serta)\b)\w+\b|\W)+", clause[a:b]):
                    t = piece.group().strip()
                    # "... yaitu Kelurahan Melong": the list starts after its announcing word
                    intro = _LIST_INTRO_RE.match(t)
                    if intro and intro.end() < len(t):
                        t = t[intro.end():]
                    # "Kelurahan Mareku yang diselesaikan ...": the last item ends where the
                    # sentence goes on in lower case
                    named = _KIND_ITEM_RE.match(t)
                    if named:
                        t = named.group()
                    cut = 0
                    if not named:  # "... sengketa batas kebun di Kelurahan Rum": the first item
                        tail = _KIND_TAIL_RE.search(t)
                        if tail and tail.start() > 0:
                            cut = tail.start()
                            t = tail.group()
                    if t:
                        off = at + a + piece.start() + (len(piece.group()) - len(piece.group().lstrip()))
                        off += intro.end() if intro and intro.end() < len(piece.group().strip()) else 0
                        off += cut
                        items.append(t)
                        spans.append((off, off + len(t)))
            if len(items) < 3:
                continue
            whole = _foreign_list(items, regency, own)
            if whole is not None and not _legit(clause) and whole[0].name.lower() not in text.lower():
                s0, e0 = spans[_first_village(whole[0], items)]
                if any(k[0] == id(unit) and spans[0][0] - 12 <= k[1] <= spans[-1][1] for k in seen):
                    continue  # its "Desa X" items are reported one by one
                msg, exp = self._list_message(own, whole)
                yield self.issue(unit, s0, e0, msg, expected=exp)
                continue
            for idx, found in _own_list_outliers(items, regency, own):
                s0, e0 = spans[idx]
                if any(k[0] == id(unit) and s0 - 12 <= k[1] <= e0 for k in seen):
                    continue
                comp = _OWN_COMPOSITION_RE.search(clause)
                if _legit(clause[comp.end():] if comp else clause):
                    continue  # (where the kecamatan lies says nothing about the desa it is made of)
                msg, exp = self._message(own, items[idx], found)
                yield self.issue(unit, s0, e0, msg, expected=exp)

    def _list_message(self, own: Region, whole: tuple[Region, int]) -> tuple[str, str]:
        kec, n = whole
        return (f"daftar ini memuat {n} desa/kelurahan Kecamatan {kec.name}, bukan desa/kelurahan "
                f"Kecamatan {own.name}; kemungkinan salinan dari laporan kecamatan lain",
                f"desa/kelurahan di Kecamatan {own.name}")

    def _line_lists(self, ctx: CheckContext, regency: Region, own: Region,
                    seen: set[tuple[int, int]]) -> Iterable[Issue]:
        """Lists one item a line (prose blocks) and table columns."""
        runs: list[list[tuple[TextUnit, int, int, str]]] = []
        intros: list[str] = []  # the text before each run (the line or table introducing it)
        cur: list[tuple[TextUnit, int, int, str]] = []
        last = ""
        for b in ctx.document.blocks:
            if b.kind == "table":
                cols: dict[int, list[tuple[TextUnit, int, int, str]]] = {}
                for c in b.cells():
                    t = c.text.strip()
                    if t and len(t) <= 40:
                        off = c.text.index(t)
                        cols.setdefault(c.col, []).append((c, off, off + len(t), t))
                table_text = last + " " + " ".join(c.text for c in b.cells())
                runs.extend(cols.values())
                intros.extend(table_text for _c in cols)
                continue
            for lm in re.finditer(r"[^\n]+", b.text):
                multi = list(_MULTI_ITEM_RE.finditer(lm.group()))
                if len(multi) >= 2 and multi[0].start() == 0 and multi[-1].end() == len(lm.group().rstrip()):
                    # "2. Gambesi      8. Mangga Dua      14. Jati": a list set in columns
                    if not cur:
                        intro = last
                    cur.extend((b, lm.start() + mm.start("name"), lm.start() + mm.end("name"),
                                mm.group("name")) for mm in multi)
                    continue
                im = _ITEM_RE.match(lm.group())
                if im:
                    if not cur:
                        intro = last
                    cur.append((b, lm.start() + im.start("name"), lm.start() + im.end("name"),
                                im.group("name").strip()))
                else:
                    if cur:
                        runs.append(cur)
                        intros.append(intro)
                        cur = []
                    last = lm.group()
        if cur:
            runs.append(cur)
            intros.append(intro)
        for run, intro in zip(runs, intros, strict=True):
            if len(run) < 3:
                continue
            whole = _foreign_list([r[3] for r in run], regency, own)
            if whole is not None:
                if _legit(intro) or whole[0].name.lower() in intro.lower():
                    continue  # "desa yang berbatasan: ...", "desa di Kecamatan X: ..."
                unit, s0, e0, _t = run[_first_village(whole[0], [r[3] for r in run])]
                if any(k[0] == id(unit) and s0 - 12 <= k[1] <= e0 for k in seen):
                    continue
                msg, exp = self._list_message(own, whole)
                yield self.issue(unit, s0, e0, msg, expected=exp)
                continue
            for idx, found in _own_list_outliers([r[3] for r in run], regency, own):
                unit, s0, e0, t = run[idx]
                if any(k[0] == id(unit) and s0 - 12 <= k[1] <= e0 for k in seen):
                    continue
                msg, exp = self._message(own, t, found)
                yield self.issue(unit, s0, e0, msg, expected=exp)


# the report's title line: "LAPORAN KINERJA ... TAHUN 2023", "LKjIP Dinas ... Tahun 2022"
_REPORT_TITLE_RE = re.compile(r"^[\s#*_]*(?i:laporan\s+(?:akuntabilitas\s+)?kinerja|lkj?ip|lakip)\b"
                              r"[^\n]{0,160}\b(?i:tahun)\s+20\d\d[\s*_]*"
                              # a running header with its page number ("... Tahun 2023 | 14")
                              r"(?:[|•·\-–]\s*\d{1,4}[\s*_]*)?$")


# a place-and-date line above a signature: "Bondowoso, 28 Februari 2023"
_SIGN_PLACE_RE = re.compile(
    r"(?m)^[ \t*_]*(?P<place>[A-Z][A-Za-z'’\-]+(?:[ \t][A-Z][A-Za-z'’\-]+){0,2}),[ \t]*(?:tanggal[ \t]+)?"
    r"\d{1,2}[ \t]+(?P<month>[A-Za-z]{3,10})[ \t]+(?:19|20)\d\d[ \t*_]*"
    r"(?:$|(?=[ \t]+[A-Z]{2,}[A-Z .,]*$))")  # month: rules/years.yaml; a signer's title may follow
# on the same line when a reader joined the signature lines ("Kraksaan, 12 Februari 2024 CAMAT X,")
# kind words that name the person who signs ("BUPATI X," above a signature)
_SIGNER_WORDS = frozenset({"bupati", "walikota", "wali kota", "gubernur", "lurah", "kepala desa"})


# the next item of a list of names: ", Tambrauw", " dan Teluk Bintuni"
_NEXT_LIST_NAME_RE = re.compile(r"(?:\s*,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+)"
                           r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})")


def _first_other_item(text: str, pos: int, own: Callable[[str], bool]) -> re.Match[str] | None:
    """The first item of the list going on at ``pos`` (", Tambrauw", " dan Teluk Bintuni") whose
    name ``own`` does not accept; None when the list ends first."""
    while (im := _NEXT_LIST_NAME_RE.match(text, pos)) is not None:
        if not own(im.group("name")):
            return im
        pos = im.end()
    return None


_SIGNER_TITLE_RE = re.compile(
    r"^[\s*_#]*(?:camat|kepala|lurah|sekretaris|plt\.?|plh\.?|pj\.?|bupati|wali\s*kota|walikota|"
    r"gubernur|direktur|inspektur|kasatpol|komandan)\b[^\n]{0,80}$", re.IGNORECASE)


def _under_signer(text: str, start: int) -> bool:
    """The line holding ``start`` comes right under a signer's title ("Camat Tembalang" above
    "Kota Salatiga" in a signature block)."""
    b = text.rfind("\n", 0, start)
    if b <= 0:
        return False
    prev = text[text.rfind("\n", 0, b) + 1:b]
    return bool(_SIGNER_TITLE_RE.match(prev)) and len(prev.split()) <= 10


def _short_line(text: str, start: int) -> str:
    b = text.rfind("\n", 0, start) + 1
    e = text.find("\n", start)
    return text[b:e if e >= 0 else len(text)]


@register
class OtherRegency(Rule):
    """Another kabupaten/kota or province in a header or signature block: "KABUPATEN CILACAP"
    on the cover of a Banyumas report, "Bupati Sleman," above the Perjanjian Kinerja signature
    of a Bantul office, "PEMERINTAH KOTA MALANG" in the report of a Kabupaten Malang office,
    "PROVINSI JAWA TENGAH" in the header of a Jawa Timur office, "LURAH SEKELOA" in the report
    of Kelurahan Dago.

    The header and the signature name the government the report belongs to; another one there
    is a passage copied from another region's report. Only short lines (a heading or a
    signature line, at most eight words), the title line ("LAPORAN KINERJA ... KABUPATEN X
    TAHUN 2023") and "Pemerintah Kabupaten/Kota ..." are looked at, so
    cooperation, comparisons and regulations of other regions in the analysis are not reported;
    on a short line the name must be in capitals, follow "Pemerintah", name a signer ("Bupati
    X", "Gubernur X", "Lurah X") or end with a comma (a list item "Kabupaten X" is not read).
    "Kota X" and "Kabupaten X" are different regions (Kota Bandung is not Kabupaten Bandung).
    The place of a signature date ("Bondowoso, 28 Februari 2023" in a Jember report) is read
    too: the name of another kabupaten/kota that is no kecamatan or desa of the own one.
    """

    code = "FN107"
    name = "other-regency"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        owns = {1: ctx.info.regency, 0: ctx.info.province, 3: ctx.info.village}
        if ctx.info.national or owns[0] is None:
            return
        levels = {lv for lv, r in owns.items() if r is not None}
        gaz = gazetteer()
        for unit, block, _live in ctx.text.scan([MENTION_RE]):  # only units naming a region
            for m, level, kind in _mentions(unit.text, levels):
                own = owns[level]
                # a desa/kelurahan report: another village of the same kecamatan as its own
                within = (own.parent_code if level == 3 and own is not None else None)
                region, n = resolve_mention(gaz, level, kind if level < 3 else None,
                                            m.group("rest"), within)
                if own is None or region is None or region.code == own.code:
                    continue
                line = _short_line(unit.text, m.start())
                before = unit.text[unit.text.rfind("\n", 0, m.start()) + 1:m.start()]
                title = bool(_REPORT_TITLE_RE.match(line))  # "LAPORAN KINERJA ... KABUPATEN X TAHUN ..."
                if (len(re.findall(r"[\w.'-]+", line)) > 8 and not title
                        and not _HEADER_RE.fullmatch(before.strip(" *#_"))):
                    continue  # a long line: prose, unless it opens with "Pemerintah" or is the title
                end = m.start("rest") + n
                header = title or bool(_HEADER_RE.fullmatch(before.strip(" *#_"))) or (
                    not before.strip(" *#_") and (_under_signer(unit.text, m.start()) or (
                        unit.text.find("\n", 0, m.start()) < 0 and block.index > 0 and
                        block.kind in ("paragraph", "heading") and
                        _SIGNER_TITLE_RE.match(ctx.document.blocks[block.index - 1].text or "")
                        is not None and len(ctx.document.blocks[block.index - 1].text.split()) <= 10)))
                if not (header or unit.text[m.start():end].isupper()
                        or _kind_word(m).lower() in _SIGNER_WORDS or line.rstrip(" *_").endswith(",")):
                    continue  # "Kabupaten X" in Title Case alone on a line may be a list item
                context = sentence(unit.text, m.start(), end)
                if isinstance(unit, Cell):
                    row = block.rows[unit.row] if unit.row < len(block.rows) else None
                    context = " ".join(row.texts()) if row else context
                    if row and any(_BORDER_CELL_RE.fullmatch(t.strip()) for t in row.texts()):
                        continue  # a border table: "Utara | Kabupaten X"
                if _legit(context) or _REGULATION_RE.search(before):
                    continue
                kw = _kind_word(m)
                if kw.lower() in ("bupati", "walikota", "wali kota"):
                    kw = "Bupati" if own.kind == KABUPATEN else "Wali Kota"
                elif kw.lower() in ("lurah", "kepala desa"):
                    kw = "Lurah" if own.kind == KELURAHAN else "Kepala Desa"
                elif kw.lower() != "gubernur":
                    kw = own.kind
                right = own.full if kw == own.kind else f"{kw} {own.name}"
                if m.group(0).isupper():
                    right = right.upper()
                yield self.issue(
                    unit, m.start(), end,
                    f"\"{unit.text[m.start():end]}\" pada kepala/tanda tangan laporan {own.full}; "
                    f"kemungkinan salinan dari laporan daerah lain, seharusnya {right}",
                    expected=right,
                )
        yield from self._signing_place(ctx)

    def _signing_place(self, ctx: CheckContext) -> Iterable[Issue]:
        """"Bondowoso, 28 Februari 2023" above the signature of a Jember office: the place of
        signing is the name of another kabupaten/kota (not the own one, nor a kecamatan or desa
        of it)."""
        regency = ctx.info.regency or ctx.info.province  # a province office signs in its capital
        if regency is None or ctx.info.national:
            return
        from drafter.check.rules.year import _months

        months = _months()
        gaz = gazetteer()
        own_places = {name_key(regency.name)}
        province_level = ctx.info.regency is None
        for unit in ctx.document.text_units():
            if "," not in unit.text or isinstance(unit, Cell):
                continue
            for m in _SIGN_PLACE_RE.finditer(unit.text):
                if m.group("month").lower() not in months:
                    continue
                place = m.group("place").strip()
                key = name_key(place)
                if key in own_places or not key:
                    continue
                own_kec = ctx.info.kecamatan
                kecs = gaz.find(place, 2, within=regency.code)
                if own_kec is not None and kecs and not any(k.code == own_kec.code for k in kecs) \
                        and not any(v.code.startswith(own_kec.code + ".") for v in gaz.find(place, 3, within=regency.code)) \
                        and not _named_elsewhere(ctx, place):
                    # a kecamatan office signs at home or in the kabupaten's name, not in another
                    # kecamatan ("Umbulsari, 14 Februari 2025" above "CAMAT KALIWATES")
                    yield self.issue(
                        unit, m.start("place"), m.end("place"),
                        f"tempat penandatanganan \"{place}\" adalah kecamatan lain di {regency.full}, "
                        f"bukan Kecamatan {own_kec.name}; kemungkinan salinan dari laporan kecamatan lain",
                        expected=own_kec.name.upper() if place.isupper() else own_kec.name,
                    )
                    continue
                if kecs or gaz.find(place, 3, within=regency.code):
                    continue  # signed at an own kecamatan or desa ("Tanggul, 3 Januari 2024")
                if province_level and gaz.find(place, 1, within=regency.code):
                    continue  # a province office signs in a kabupaten/kota of its province
                others = [r for r in gaz.find(place, 1) if r.code != regency.code
                          and not r.code.startswith(regency.code + ".")]
                town = False
                if not others and not province_level and regency.parent_code and not _names_own_place(
                        place, regency):
                    # a town of another kabupaten/kota of the province: "Kraksaan" (a kecamatan
                    # of Probolinggo) above the signature of a Jember office
                    for level in (2, 3):
                        found = [r for r in gaz.find(place, level, within=regency.parent_code)
                                 if not r.code.startswith(regency.code + ".")]
                        hosts = {h.code: h for r in found if (h := gaz.regency_of(r)) is not None}
                        if len(hosts) == 1:
                            others, town = list(hosts.values()), True
                            break
                if not others:
                    continue
                if province_level:
                    yield self.issue(
                        unit, m.start("place"), m.end("place"),
                        f"tempat penandatanganan \"{place}\" adalah nama {others[0].full} "
                        f"(Provinsi {gaz.province_of(others[0]).name}), bukan kabupaten/kota di "
                        f"{regency.full}; kemungkinan salinan dari laporan daerah lain",
                        expected=f"ibu kota atau kabupaten/kota di {regency.full}",
                    )
                    continue
                yield self.issue(
                    unit, m.start("place"), m.end("place"),
                    f"tempat penandatanganan \"{place}\" adalah nama "
                    f"{'tempat di ' if town else ''}{others[0].full}, bukan "
                    f"{regency.full}; kemungkinan salinan dari laporan daerah lain",
                    expected=regency.name.upper() if place.isupper() else regency.name,
                )


def _named_elsewhere(ctx: CheckContext, place: str) -> bool:
    """``place`` occurs in the document outside place-and-date lines (the office's address,
    "pusat kota Ruteng"): a town the office belongs to, not a pasted signing place."""
    pat = re.compile(rf"\b{re.escape(place)}\b")
    for unit in ctx.document.text_units():
        text = unit.text
        if place not in text:
            continue
        signs = [(m.start(), m.end()) for m in _SIGN_PLACE_RE.finditer(text)]
        if any(not any(a <= h.start() < b for a, b in signs) for h in pat.finditer(text)):
            return True
    return False


_NUM_WORDS = {"satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
              "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11}
_NUMW = r"(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas)"
_COUNT_WORDS = rf"(?:\d{{1,3}}|{_NUMW}(?:\s*(?:belas|puluh)(?:\s+{_NUMW})?)?)"
_COUNT_RE = re.compile(
    r"(?i)\b(?P<verb>terdiri\s+(?:dari|atas)|membawahi|membawahkan|meliputi|mencakup|terbagi\s+"
    r"(?:menjadi|dalam|atas)|dibagi\s+(?:menjadi|dalam|atas)|mempunyai|memiliki|jumlah\s+desa\w*"
    r"(?:\s*/\s*kelurahan)?(?:\s+(?:sebanyak|ada|adalah))?)\s+(?:wilayah\s+)?(?:sebanyak\s+)?"
    rf"(?P<n>{_COUNT_WORDS})\s*(?:\(\s*{_COUNT_WORDS}\s*\)\s*)?(?P<noun>desa|kelurahan)"
    r"(?P<both>\s*(?:/|dan|atau)\s*(?:desa|kelurahan))?"
    rf"(?:\s*(?:,|dan)\s*(?P<n2>{_COUNT_WORDS})\s*(?:\(\s*{_COUNT_WORDS}\s*\)\s*)?(?P<noun2>desa|kelurahan))?"
)


# "jumlah desa di Kecamatan X sebanyak 8": the number after the noun
# any "N desa/kelurahan" (FN108: more than the kecamatan has)
_ANY_COUNT_RE = re.compile(rf"(?i)(?<![\w.,/-])(?P<n>{_COUNT_WORDS})\s*(?:\(\s*\d{{1,3}}\s*\)\s*)?"
                           r"(?P<noun>desa|kelurahan)\b")
# a sentence about a wider area than the kecamatan
_WIDER_RE = re.compile(r"(?i)\bse-?\s*(?:kabupaten|kota|provinsi|kecamatan|jawa|indonesia|nasional)|"
                       r"\b(?:kecamatan|kabupaten|kota|daerah|wilayah)\s+lain\b|\bnasional\b|\bprovinsi\b|"
                       r"\bkabupaten/kota\b|\bseluruh\s+(?:kabupaten|kota|kecamatan)\b")
_COUNT_AFTER_RE = re.compile(
    r"(?i)\bjumlah\s+(?P<noun>desa|kelurahan)(?P<both>\s*(?:/|dan|atau)\s*(?:desa|kelurahan))?\s+"
    r"(?:(?:di\s+)?(?:wilayah\s+)?kecamatan\s+(?-i:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})\s+)?"
    rf"(?:sebanyak|ada|adalah|berjumlah|yaitu|:)\s*(?P<n>{_COUNT_WORDS})\b(?!\s*(?:%|persen|,\d|\.\d))"
)


def count_value(text: str) -> int | None:
    """1-199 written in digits or words ("tujuh", "dua belas", "dua puluh satu")."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    toks = t.split()
    total, i = 0, 0
    while i < len(toks):
        v = _NUM_WORDS.get(toks[i])
        if v is None:
            return None
        if i + 1 < len(toks) and toks[i + 1] in ("belas", "puluh"):
            total += v + 10 if toks[i + 1] == "belas" else v * 10
            i += 2
        else:
            total += v
            i += 1
    return total or None


@register
class VillageCount(Rule):
    """The number of desa/kelurahan of the kecamatan stated differently from the national
    gazetteer: "terdiri dari tujuh desa" when the kecamatan has six (numbers or words).

    The count is looked for after "terdiri dari/atas", "membawahi", "meliputi", "mencakup",
    "terbagi menjadi", "memiliki", "jumlah desa ..." in a sentence that names no other
    kecamatan. "N desa" is right when it equals the desa or all desa and kelurahan; "N
    desa/kelurahan" must equal both together. Any other "N desa/kelurahan" of the kecamatan
    ("pembinaan kepada enam kelurahan") is reported when N is more than the kecamatan has and
    the sentence names no other region or wider area ("se-Kabupaten"). The gazetteer follows Kepmendagri 300.2.2-2138
    of 2025: a desa split or merged since the report year would show here, hence a warning.
    """

    code = "FN108"
    name = "village-count"
    category = "count"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        regency, own = _own(ctx)
        if regency is None or own is None or ctx.info.village is not None:
            return
        gaz = gazetteer()
        vs = gaz.villages(own.code)
        n_desa = sum(v.kind == DESA for v in vs)
        n_kel = len(vs) - n_desa
        blocks = ctx.document.blocks
        seen: set[tuple[int, int]] = set()
        for unit, block in units(ctx.document):
            text = unit.text
            if unit is block and block.kind == "paragraph" and block.index + 1 < len(blocks) \
                    and blocks[block.index + 1].kind == "paragraph" \
                    and not re.search(r"[.!?:;]\W*$", text):
                # a paragraph wrapped over line blocks (PDF text): "... membawahi 19" + "kelurahan"
                text = text + " " + blocks[block.index + 1].text[:80]
            for m in [*filtered_finditer(_COUNT_RE, text), *filtered_finditer(_COUNT_AFTER_RE, text)]:
                if m.start() >= len(unit.text):
                    continue
                sent = sentence(text, m.start(), m.end())
                if any(resolve_mention(gaz, 2, None, mm.group("rest"), regency.code)[0]
                       not in (None, own) for mm, _l, _k in _mentions(sent, {2})):
                    continue
                if any(mm.group(0) for mm, _l, _k in _mentions(sent, {1})
                       if resolve_mention(gaz, 1, _k, mm.group("rest"))[0] not in (None, regency)):
                    continue
                pairs = [(m.group("n"), m.group("noun").lower(), bool(m.group("both")), "n")]
                if "n2" in m.re.groupindex and m.group("n2"):
                    pairs.append((m.group("n2"), m.group("noun2").lower(), False, "n2"))
                for raw, noun, both, grp in pairs:
                    val = count_value(raw)
                    if val is None:
                        continue
                    if both or (len(pairs) == 1 and noun == "desa" and n_kel and not n_desa):
                        ok, right = {len(vs)}, f"{len(vs)} desa/kelurahan"
                    elif noun == "desa":
                        ok = {n_desa, len(vs)} if len(pairs) == 1 else {n_desa}
                        right = f"{n_desa} desa" + (f" dan {n_kel} kelurahan" if n_kel else "")
                    else:
                        ok = {n_kel, len(vs)} if len(pairs) == 1 else {n_kel}
                        right = f"{n_kel} kelurahan" + (f" dan {n_desa} desa" if n_desa else "")
                    if val in ok or m.end(grp) > len(unit.text):
                        continue
                    yield self.issue(
                        unit, m.start(grp), m.end(grp),
                        f"tertulis {raw} {'desa/kelurahan' if both else noun}, padahal menurut data wilayah Kemendagri "
                        f"Kecamatan {own.name} memiliki {right}",
                        expected=right,
                    )
                    loc = unit.locate(m.start(grp))
                    seen.add((loc.line, loc.column))
        yield from self._too_many(ctx, own, vs, n_desa, n_kel, seen)

    def _too_many(self, ctx: CheckContext, own: Region, vs: list[Region], n_desa: int, n_kel: int,
                  seen: set[tuple[int, int]]) -> Iterable[Issue]:
        """"Pembinaan dilakukan kepada enam kelurahan" when the kecamatan has five: more
        desa/kelurahan of its own than the kecamatan has, in any sentence that names no other
        region and no wider area ("se-Kabupaten")."""
        gaz = gazetteer()
        total = len(vs)
        for unit, block in joined_units(ctx):
            if block.kind == "table":
                continue
            for m in filtered_finditer(_ANY_COUNT_RE, unit.text):
                val = count_value(m.group("n"))
                loc = unit.locate(m.start("n"))
                # the same words read above in their line block (a joined paragraph is another
                # unit): one issue per place
                if val is None or val <= total or val > 60 or (loc.line, loc.column) in seen:
                    continue
                if re.search(r"(?i)\bdari\s+(?:total\s+|seluruh\s+)?$", unit.text[max(0, m.start() - 20):m.start()]):
                    continue  # "7 dari 9 desa": CN108 reads the total of a part
                sent = sentence(unit.text, m.start(), m.end())
                if _WIDER_RE.search(sent) or _legit(sent) or any(
                        resolve_mention(gaz, lv, k, mm.group("rest"))[0] not in (None, own)
                        for mm, lv, k in _mentions(sent, {0, 1, 2})):
                    continue
                right = (f"{n_desa} desa" if n_desa else "") + (" dan " if n_desa and n_kel else "") \
                    + (f"{n_kel} kelurahan" if n_kel else "")
                yield self.issue(
                    unit, m.start("n"), m.end("noun"),
                    f"tertulis {m.group('n')} {m.group('noun').lower()}, padahal menurut data wilayah "
                    f"Kemendagri Kecamatan {own.name} hanya memiliki {right}",
                    expected=right,
                )


_WORD_RE = re.compile(r"\b[A-Z][A-Za-z]{3,}\b")
_GENERIC_WORDS = frozenset(w.lower() for w in (load_yaml("rules", "foreign_names.yaml") or {})
                           .get("generic_name_words") or [])


def _distinctive_word(name: str | None) -> str | None:
    """The word of a place name that identifies it: "Padang Barat" -> "Padang", "Bojongloa
    Kidul" -> "Bojongloa" (the longest word that is not a direction or a generic word)."""
    if not name:
        return None
    words = [w for w in name.split() if w.isalpha() and w.lower() not in _GENERIC_WORDS]
    return max(words, key=len) if words else None


@register
class OwnNameSpelling(Rule):
    """The office's own name spelled differently: "Mengwu" in the report of Kecamatan Mengwi
    (a capitalised word one or two letters away from the name).

    A misspelt own name in a formal accountability report is conspicuous. Words that are
    names in the gazetteer (another kecamatan, a desa such as "Mengwitani") are not reported.
    """

    code = "FN102"
    name = "own-name-spelling"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        own = _distinctive_word(ctx.info.instansi_name)
        if not own or len(own) < 5:
            return
        lown = own.lower()
        known = _known_names(ctx)
        limit = 1 if len(own) < 7 else 2
        short = len(own) < 7  # short names: only a changed letter, not an added/dropped one
        province_words: frozenset[str] | None = None
        for unit, _block in units(ctx.document):
            for m in ctx.text.of(unit).pieces:
                w = m.text
                if len(w) < 4 or not w[0].isupper() or not w.isascii():
                    continue
                lw = w.lower()
                if lw == lown or lw in known or abs(len(lw) - len(lown)) > limit:
                    continue
                if province_words is None:
                    province_words = _province_words(ctx)
                if lw in province_words:
                    continue  # a word of a place name of the province ("Banyu Tajun" near "Tanjung")
                if not (w.istitle() or w.isupper()):
                    continue
                if short and len(lw) != len(lown):
                    continue
                d = levenshtein(lw, lown, limit)
                if d > limit:
                    continue
                # a common word that happens to be close (e.g. a desa not in the gazetteer)
                # must share the first or the last three letters with the name
                if lw[0] != lown[0] and lw[-3:] != lown[-3:]:
                    continue
                if _dictionary_word(lw):
                    continue  # "Sasaran" (a word of the language) near "Kisaran"
                right = own.upper() if w.isupper() else own
                yield self.issue(
                    unit, m.start, m.end,
                    f"nama instansi ditulis \"{w}\", seharusnya \"{right}\"",
                    expected=right,
                )



def _own_place_len(gaz_rest: str, regency: Region) -> tuple[int, int] | None:
    """(length, level) of the longest leading words of ``gaz_rest`` that name a kecamatan
    (level 2) or desa/kelurahan (level 3) of ``regency``; None when none do."""
    gaz = gazetteer()
    words = list(re.finditer(r"\S+", gaz_rest))
    for n in range(len(words), 0, -1):
        text = gaz_rest[:words[n - 1].end()].rstrip(".,;:")
        if gaz.find(text, 2, within=regency.code):
            return len(text), 2
        if gaz.find(text, 3, within=regency.code):
            return len(text), 3
    return None


def _kecamatan_of_others(rest: str, province: Region) -> tuple[Region | None, int]:
    """The first of several kecamatan of the province named by the longest prefix of
    ``rest`` (and the prefix's length), when that name is ambiguous within the province."""
    gaz = gazetteer()
    words = list(re.finditer(r"\S+", rest))
    for n in range(len(words), 0, -1):
        text = rest[:words[n - 1].end()].rstrip(".,;:")
        found = gaz.find(text, 2, within=province.code)
        if len(found) > 1:
            return sorted(found, key=lambda r: r.code)[0], len(text)
        if found:
            return None, 0  # one: resolve_mention's
    return None, 0


def _own_place(gaz_rest: str, regency: Region) -> bool:
    """Some leading words of ``gaz_rest`` name a kecamatan or desa/kelurahan of ``regency``."""
    return _own_place_len(gaz_rest, regency) is not None


def _names_other_region(sent: str, own: Region | None, province: Region) -> bool:
    """The sentence names a kabupaten/kota other than ``own`` or a province other than
    ``province``: the place is attributed to its region (or compared with it)."""
    gaz = gazetteer()
    for m, level, kind in _mentions(sent, {0, 1}):
        region, _n = resolve_mention(gaz, level, kind, m.group("rest"))
        if region is None:
            continue
        if level == 0 and region.code != province.code:
            return True
        if level == 1 and (own is None or region.code != own.code):
            return True
    return False


def _kecamatan_elsewhere(rest: str, province: Region) -> tuple[Region | None, int]:
    """The first kecamatan (by code) named by the longest prefix of ``rest`` when every
    kecamatan of that name lies outside ``province`` (the name may be shared by several), and
    the prefix's length; (None, 0) when no prefix names a kecamatan or one of the own province
    does."""
    gaz = gazetteer()
    words = list(re.finditer(r"\S+", rest))
    for k in range(len(words), 0, -1):
        text = rest[:words[k - 1].end()].rstrip(".,;:")
        found = gaz.find(text, 2)
        if found:
            if any(r.code.startswith(province.code + ".") for r in found):
                return None, 0
            return min(found, key=lambda r: r.code), len(text)
    return None, 0


def _names_own_place(place: str, regency: Region) -> bool:
    """``place`` is the first word(s) of a kecamatan of ``regency`` ("Baturaja" for the
    kecamatan Baturaja Timur and Baturaja Barat of Ogan Komering Ulu: the town they share)."""
    key = name_key(place)
    return bool(key) and any(name_key(k.name).startswith(key) and
                             k.name.lower().startswith(place.lower() + " ")
                             for k in gazetteer().all_kecamatan() if k.code.startswith(regency.code + "."))


def _own_office_re(ctx: CheckContext) -> re.Pattern[str] | None:
    """"<frame> <own office> <Kabupaten|Kota|Provinsi> X" for the report's own office name
    (rules/foreign_names.yaml own_office_frames), or None when the office is not known."""
    from drafter.check.rules.leftover import _office_name

    inst = ctx.info.instansi
    frames = (load_yaml("rules", "foreign_names.yaml") or {}).get("own_office_frames") or []
    if not inst or not frames:
        return None
    office = _office_name(inst)
    words = office.split()
    if not words or words[0].lower() in ("kecamatan", "kelurahan", "desa", "distrik", "kapanewon", "kemantren",
                                         "kalurahan"):
        return None  # a kecamatan or village: FN101/FN106/FN109's mentions
    name = r"\s+".join(map(re.escape, words))
    return re.compile(
        r"(?<![\w-])(?i:" + "|".join(f"(?:{f})" for f in frames) + r")\s+(?P<office>(?i:" + name + r"))"
        r"\s*,?\s+(?P<kind>(?i:kabupaten|kab\.|kota|provinsi|prov\.|propinsi))\s+"
        r"(?P<rest>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")


@register
class OtherRegionPlace(Rule):
    """A place of another region named in the analysis as if it were the report's own:
    "pemeriksaan dana kelurahan di Kecamatan Cempaka" in the LKIP of an office of Kota
    Banjarmasin (Cempaka is in Kota Banjarbaru), "Puskesmas Seteluk" in the report of the
    Dinas Kesehatan of Kabupaten Sumbawa (Seteluk is a kecamatan of Sumbawa Barat), "ruas jalan
    di Kabupaten Paser" in the report of a dinas of Provinsi Kalimantan Barat, "RPJMD Kabupaten
    Lumajang" in the report of a Jember office.

    Such a name is usually a passage copied from another region's report. Looked at: (1) in
    the report of a kabupaten/kota (or of one of its kecamatan/desa), "Kecamatan X" that is no
    kecamatan of the own kabupaten/kota but one of another kabupaten/kota of the same
    province; (2) there, a facility named after a place ("Puskesmas X", "Polsek X", "KUA X",
    rules/foreign_names.yaml) when X is such a kecamatan and no kecamatan or desa of the own
    kabupaten/kota; (3) in the report of a province-level office, "Kabupaten/Kota X" of
    another province, and "Kecamatan X" whose name is found only in another province; (4) "Pemerintah/RPJMD/APBD/visi ... Kabupaten/Kota X" of another
    kabupaten/kota in the middle of a sentence (a heading or signature line is FN107's); (5) in
    the report of a kecamatan (or of one of its desa/kelurahan), "Kecamatan X" whose name is
    found only outside the own province (the report's own kecamatan pasted over); (6) "Desa/
    Kelurahan X" whose name is no village (nor kecamatan) of the own kabupaten/kota but a
    village of another one of the province ("Kelurahan Tanjung Selor Hilir" in a report of
    Kota Tarakan).
    Sentences that also name the other kabupaten/kota or province (the place is attributed),
    border descriptions and contexts such as comparisons, cooperation, meetings, trainings,
    referrals or awards (rules/foreign_names.yaml) are legitimate and not reported.
    """

    code = "FN109"
    name = "other-region-place"
    category = "foreign-name"
    severity = "warning"

    def _quiet(self, unit: TextUnit, block: Block, start: int, end: int) -> bool:
        # the context words near the name (in a long sentence listing the office's own plans,
        # "... pelatihan ..." 200 characters away says nothing about the place)
        s0, e0 = sentence_bounds(unit.text, start, end)
        after = unit.text[end:min(e0, end + 120)]
        # what follows a colon, or a comma opening an enumeration ("..., mulai dari pengadaan,
        # mutasi, ..."), is a list of its own: the office's tasks, not its ties to the place
        stop = re.search(r"[:;]|,\s*(?:mulai\s+dari|yaitu|yakni|meliputi|antara\s+lain|seperti|"
                         r"terdiri\s+(?:atas|dari))\b", after)
        near = unit.text[max(s0, start - 120):end + (stop.start() if stop else len(after))]
        before = unit.text[max(0, start - 40):start]
        if _ACTOR_AFTER_RE.match(unit.text, end) and not _BORDER_RE.search(near):
            # "Kecamatan X akan mengefektifkan ... bimbingan teknis": X acts as the office
            return bool(_border_row(unit, block) or _REGULATION_RE.search(before) or _compared(unit.text, start))
        if _OWN_LEVEL_RE.search(near):
            # "penghargaan posyandu terbaik tingkat kecamatan diberikan kepada Kelurahan X": a
            # contest or award at the office's own level is among its own villages
            near = _AWARD_RE.sub(lambda m: " " * len(m.group(0)), near)
        at = start - max(s0, start - 120)  # where the name stands in ``near``
        # an event (a meeting, a training) places the name only when it comes before it ("bimtek
        # di Kecamatan X"); after it ("... di Kecamatan X, melalui bantuan bibit dan pelatihan
        # usaha") it is what the office did there
        other = any(not (_EVENT_RE.fullmatch(h.group(0)) and h.start() >= at)
                    for h in _OTHER_CTX_RE.finditer(near))
        return bool(_legit(near) or other or _border_row(unit, block)
                    or _REGULATION_RE.search(before) or _compared(unit.text, start))

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        info = ctx.info
        province = info.province
        if info.national or province is None:
            return
        regency = info.regency
        own_kec = info.kecamatan
        gaz = gazetteer()
        doubtful = self._doubtful_hosts(ctx, regency, province) if regency is not None else set()
        own_office = _own_office_re(ctx)
        local = _local_village_words(ctx, regency) if regency is not None else set()
        for unit, block in joined_units(ctx):
            text = unit.text
            if own_office is not None:
                yield from self._own_office_elsewhere(unit, block, own_office, regency or province)
            if regency is None:
                yield from self._other_province(unit, block, province)
                continue
            yield from self._own_in_other_province(unit, regency, province)
            for m, _level, _kind in _mentions(text, {2}):
                rest = m.group("rest")
                own_len = _own_place_len(rest, regency)
                kec, n = resolve_mention(gaz, 2, None, rest, province.code)
                if own_len is not None and not (kec is not None and own_len[1] == 3 and n > own_len[0]):
                    if own_len[1] == 2:
                        # "di Kecamatan Matan Hilir Selatan, Kendawangan dan Sukadana": the
                        # kecamatan named after it without the kind word
                        yield from self._kecamatan_list(unit, block, regency, province,
                                                        m.start("rest") + own_len[0])
                    continue  # (not "Kecamatan Cikarang Utara" for a desa "Cikarang" of our own)
                # a longer name of a kecamatan elsewhere wins; in the report of a kabupaten/kota
                # office too, a kecamatan found only in another province ("Kecamatan Balaraja"
                # between two kecamatan of Kota Surakarta)
                far, n_far = _kecamatan_elsewhere(rest, province)
                if far is not None and n_far > n:
                    kec, n = far, n_far
                if kec is None and own_len is None:
                    # "Kecamatan Genteng" in Jember: a kecamatan of two other kabupaten/kota of
                    # the province (Banyuwangi, Surabaya), of none of the own
                    kec, n = _kecamatan_of_others(rest, province)
                if kec is None or (kec.parent_code or "") in doubtful or name_key(rest[:n]) in _GENERIC_WORDS:
                    continue  # "Kecamatan Kota", "Puskesmas Kota": a generic word, not that kecamatan
                end = m.start("rest") + n
                if self._quiet(unit, block, m.start(), end) or _names_other_region(
                        sentence(text, m.start(), end), regency, province):
                    continue
                host = gaz.regency_of(kec)
                if not kec.code.startswith(province.code + "."):
                    right = f"Kecamatan {own_kec.name}" if own_kec else f"kecamatan di {regency.full}"
                    yield self.issue(
                        unit, m.start(), end,
                        f"\"{text[m.start():end]}\" adalah nama kecamatan di provinsi lain "
                        f"(mis. {host.full if host else '?'}, Provinsi {gaz.province_of(kec).name}), "
                        f"bukan di wilayah {regency.full}; kemungkinan salinan dari laporan daerah lain, "
                        f"seharusnya {right}",
                        expected=right,
                    )
                    continue
                yield self.issue(
                    unit, m.start(), end,
                    f"\"{text[m.start():end]}\" adalah kecamatan di {host.full if host else '?'}, "
                    f"bukan di wilayah {regency.full}; kemungkinan salinan dari laporan daerah lain",
                    expected=f"kecamatan di {regency.full}",
                )
            for m in filtered_finditer(_FACILITY_RE, text):
                rest = m.group("rest")
                if MENTION_RE.match(rest) or _own_place(rest, regency):
                    continue
                kec, n = resolve_mention(gaz, 2, None, rest, province.code)
                if kec is None or (kec.parent_code or "") in doubtful or name_key(rest[:n]) in _GENERIC_WORDS:
                    continue  # "Kecamatan Kota", "Puskesmas Kota": a generic word, not that kecamatan
                end = m.start("rest") + n
                sent = sentence(text, m.start(), end)
                claimed = re.search(r"\b(?:di\s+)?wilayah\s+(?:kerja\s+)?" + re.escape(regency.full)
                                    + r"\b", sent, re.IGNORECASE)
                if (not claimed and self._quiet(unit, block, m.start(), end)) or \
                        _names_other_region(sent, regency, province):
                    continue  # "... di wilayah Kabupaten X" (own) claims the facility as ours
                host = gaz.regency_of(kec)
                yield self.issue(
                    unit, m.start(), end,
                    f"\"{text[m.start():end]}\": {kec.name} adalah kecamatan di "
                    f"{host.full if host else '?'}, bukan di wilayah {regency.full}; periksa nama "
                    "fasilitas/wilayah (kemungkinan salinan dari laporan daerah lain)",
                    expected=f"fasilitas di wilayah {regency.full}",
                )
            yield from self._owned_other_regency(unit, block, regency, province)
            yield from self._other_village(unit, block, regency, province, local)

    def _other_village(self, unit: TextUnit, block: Block, regency: Region,
                       province: Region, local: set[str] | frozenset[str] = frozenset()) -> Iterable[Issue]:
        """(6) "Desa/Kelurahan X" whose name is no village of the own kabupaten/kota but one of
        another kabupaten/kota of the province ("Kelurahan Tanjung Selor Hilir" in a report of
        Kota Tarakan)."""
        gaz = gazetteer()
        text = unit.text
        mentions: list[re.Match[str]] = [m for m, _level, _kind in _mentions(text, {3})]
        if local:
            mentions += [m for m in _LOCAL_VILLAGE_RE.finditer(text) if m.group("kind") in local]
        for m in mentions:
            rest = m.group("rest")
            if m.group(0).isupper():
                continue  # "JUMLAH DESA SUDAH ...": a heading in capitals, not a name
            words = list(re.finditer(r"\S+", rest))
            hit, n, far_hit = None, 0, False
            for k in range(len(words), 0, -1):
                name = rest[:words[k - 1].end()].rstrip(".,;:")
                whole = text[m.start():m.start("rest")] + name  # "Gampong Baro": the kind word
                # is part of some villages' names
                if gaz.find(name, 3, within=regency.code) or gaz.find(name, 2, within=regency.code) \
                        or gaz.find(whole, 3, within=regency.code):
                    hit = None
                    break  # a name of our own (or the first words of one)
                found = [v for v in gaz.find(name, 3, within=province.code)
                         if not v.code.startswith(regency.code + ".")]
                if found:
                    hit, n = found, len(name)
                    break
                first = name.split()[0].lower()
                if first not in _VILLAGE_STATUS and (len(name.split()) > 1 or len(name) >= 8):
                    # a name found only in another province, and in at most two villages of the
                    # country ("Desa Balungkidul" in a report of Kabupaten Kubu Raya): common
                    # names (Sukamaju, Sidomulyo) say nothing
                    far = gaz.find_village_anywhere(name, limit=2)
                    if 1 <= len(far) <= 2 and not any(v.code.startswith(province.code + ".") for v in far):
                        hit, n, far_hit = far, len(name), True
                        break
            if not hit:
                continue
            end = m.start("rest") + n
            if far_hit:
                # a village of another province: only a stated tie (cooperation, a visit, a
                # contest, a border) makes it legitimate, not "warga berasal dari ..."
                s0, e0 = sentence_bounds(text, m.start(), end)
                if _legit(text[s0:e0]) or _border_row(unit, block) or _compared(text, m.start()) or \
                        _names_other_region(text[s0:e0], regency, province):
                    continue
            elif self._quiet(unit, block, m.start(), end) or _names_other_region(
                    sentence(text, m.start(), end), regency, province):
                continue
            hosts = sorted({h.full for v in hit if (h := gaz.regency_of(v)) is not None})
            yield self.issue(
                unit, m.start(), end,
                f"\"{text[m.start():end]}\" adalah {hit[0].kind.lower()} di {' / '.join(hosts)}, "
                f"bukan di wilayah {regency.full}; kemungkinan salinan dari laporan daerah lain",
                expected=f"desa/kelurahan di {regency.full}",
            )

    @staticmethod
    def _doubtful_hosts(ctx: CheckContext, regency: Region, province: Region) -> set[str]:
        """Kabupaten/kota of the province whose kecamatan the report names at least as often
        (distinct names, at least two) as those of its own: then the report's own region is
        in doubt, and their kecamatan are not reported."""
        gaz = gazetteer()
        named: dict[str, set[str]] = {}
        for unit, _block in units(ctx.document):
            if "ec" not in unit.text:  # "Kecamatan", "Kec."
                continue
            for m, _level, _kind in _mentions(unit.text, {2}):
                kec, _n = resolve_mention(gaz, 2, None, m.group("rest"), province.code)
                if kec is not None:
                    named.setdefault(kec.parent_code or "", set()).add(kec.code)
        own = len(named.get(regency.code, ()))
        return {code for code, kecs in named.items()
                if code != regency.code and len(kecs) >= 2 and len(kecs) >= own}

    def _other_province(self, unit: TextUnit, block: Block, province: Region) -> Iterable[Issue]:
        gaz = gazetteer()
        text = unit.text
        for m, _level, kind in _mentions(text, {1}):
            rest = m.group("rest")
            own_r, own_n = resolve_mention(gaz, 1, kind, rest, province.code)
            if own_r is not None:
                # "di Kabupaten Maybrat, Tambrauw, Sorong Selatan dan Teluk Bintuni": the list
                # goes on without the kind word
                yield from self._list_items(unit, block, province, m.start("rest") + own_n)
                continue
            region, n = resolve_mention(gaz, 1, kind, rest)
            if region is None or gaz.province_of(region).code == province.code:
                continue
            end = m.start("rest") + n
            if self._quiet(unit, block, m.start(), end):
                continue
            if self._names_province(text, m.start(), end, province):
                continue  # "Kabupaten X, Provinsi Y": attributed to its province
            yield self.issue(
                unit, m.start(), end,
                f"\"{text[m.start():end]}\" berada di Provinsi {gaz.province_of(region).name}, "
                f"bukan di wilayah Provinsi {province.name}; kemungkinan salinan dari laporan "
                "daerah lain",
                expected=f"kabupaten/kota di Provinsi {province.name}",
            )

        for m, _level, _kind in _mentions(text, {2}):
            rest = m.group("rest")
            words = list(re.finditer(r"\S+", rest))
            if any(gaz.find(rest[:w.end()].rstrip(".,;:"), 2, within=province.code) for w in words):
                continue
            kec, n = resolve_mention(gaz, 2, None, rest)
            if kec is None or name_key(rest[:n]) in _GENERIC_WORDS:
                continue
            end = m.start("rest") + n
            if self._quiet(unit, block, m.start(), end) or _names_other_region(
                    sentence(text, m.start(), end), None, province):
                continue
            host = gaz.regency_of(kec)
            yield self.issue(
                unit, m.start(), end,
                f"\"{text[m.start():end]}\" adalah kecamatan di {host.full if host else '?'} "
                f"(Provinsi {gaz.province_of(kec).name}), bukan di wilayah Provinsi {province.name}; "
                "kemungkinan salinan dari laporan daerah lain",
                expected=f"kecamatan di Provinsi {province.name}",
            )

    def _own_in_other_province(self, unit: TextUnit, regency: Region, province: Region) -> Iterable[Issue]:
        """"Kabupaten Tolitoli, Provinsi Sulawesi Utara" in the report of Tolitoli (Sulawesi
        Tengah): the own kabupaten/kota placed in another province."""
        if "rovinsi" not in unit.text and "ROVINSI" not in unit.text and "Prov" not in unit.text:
            return
        gaz = gazetteer()
        text = unit.text
        for m, _level, kind in _mentions(text, {1}):
            region, n = resolve_mention(gaz, 1, kind, m.group("rest"))
            if region is None or region.code != regency.code:
                continue
            pm = re.match(r"\s*,?\s*(?:(?i:provinsi|prov\.)\s+)(?P<p>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})",
                          text[m.start("rest") + n:])
            if pm is None:
                continue
            other, k = resolve_mention(gaz, 0, None, pm.group("p"))
            if other is None or other.code == province.code:
                continue
            s0 = m.start("rest") + n + pm.start("p")
            yield self.issue(
                unit, s0, s0 + k,
                f"{text[m.start():m.start('rest') + n]} berada di Provinsi {province.name}, bukan di "
                f"Provinsi {other.name}; "
                "kemungkinan salinan dari laporan daerah lain",
                expected=f"Provinsi {province.name}",
            )

    def _kecamatan_list(self, unit: TextUnit, block: Block, regency: Region, province: Region,
                        pos: int) -> Iterable[Issue]:
        """The items after an own kecamatan in a list without kind words: one that is a
        kecamatan elsewhere only (no kecamatan or desa of that name in the own kabupaten/kota)
        is reported."""
        gaz = gazetteer()
        text = unit.text
        im = _first_other_item(text, pos, lambda name: bool(gaz.find(name, 2, within=regency.code)))
        if im is None:
            return
        name = im.group("name")
        found = gaz.find(name, 2)
        if not found or gaz.find(name, 3, within=regency.code) or name_key(name) in _GENERIC_WORDS:
            return  # not a kecamatan: the list is of something else from here
        s0, e0 = im.start("name"), im.end("name")
        if self._quiet(unit, block, s0, e0) or _names_other_region(
                sentence(text, s0, e0), regency, province):
            return
        near = sorted(found, key=lambda r: not r.code.startswith(province.code + "."))
        host = gaz.regency_of(near[0])
        yield self.issue(
            unit, s0, e0,
            f"\"{name}\" dalam daftar kecamatan ini adalah kecamatan di "
            f"{host.full if host else '?'}, bukan di wilayah {regency.full}; kemungkinan "
            "salinan dari laporan daerah lain",
            expected=f"kecamatan di {regency.full}",
        )

    def _list_items(self, unit: TextUnit, block: Block, province: Region, pos: int) -> Iterable[Issue]:
        """The items after an own kabupaten/kota in a list without kind words: one that is a
        kabupaten/kota of another province only (not of the own one) is reported."""
        gaz = gazetteer()
        text = unit.text
        im = _first_other_item(text, pos, lambda name: bool(gaz.find(name, 1, within=province.code)))
        if im is None:
            return
        name = im.group("name")
        found = gaz.find(name, 1)
        if len(found) != 1 or gaz.province_of(found[0]).code == province.code:
            return
        s0, e0 = im.start("name"), im.end("name")
        if self._quiet(unit, block, s0, e0) or self._names_province(text, s0, e0, province):
            return
        yield self.issue(
            unit, s0, e0,
            f"\"{name}\" dalam daftar kabupaten/kota ini adalah {found[0].full} di Provinsi "
            f"{gaz.province_of(found[0]).name}, bukan di wilayah Provinsi {province.name}; "
            "kemungkinan salinan dari laporan daerah lain",
            expected=f"kabupaten/kota di Provinsi {province.name}",
        )

    @staticmethod
    def _names_province(text: str, start: int, end: int, province: Region) -> bool:
        """The sentence names a province other than the own one."""
        gaz = gazetteer()
        for m, _level, _kind in _mentions(sentence(text, start, end), {0}):
            region, _n = resolve_mention(gaz, 0, None, m.group("rest"))
            if region is not None and region.code != province.code:
                return True
        return False

    def _own_office_elsewhere(self, unit: TextUnit, block: Block, rx: re.Pattern[str],
                              home: Region) -> Iterable[Issue]:
        """(7) The own office placed in another region where the report describes itself:
        "Struktur organisasi Dinas Perhubungan Provinsi Bengkulu" in the report of the Dinas
        Perhubungan of Provinsi Jambi."""
        gaz = gazetteer()
        text = unit.text
        for m in rx.finditer(text):
            kw = m.group("kind").lower().rstrip(".")
            level = 0 if kw in ("provinsi", "prov", "propinsi") else 1
            kind = None if level == 0 else mention_kind(m.group("kind"))[1]
            region, n = resolve_mention(gaz, level, kind, m.group("rest"))
            if region is None or region.code == home.code or region.code.startswith(home.code + ".") \
                    or home.code.startswith(region.code + "."):
                continue
            s, end = m.start("kind"), m.start("rest") + n
            if self._quiet(unit, block, s, end):
                continue
            yield self.issue(
                unit, s, end,
                f"laporan menyebut dirinya \"{text[m.start('office'):end]}\", padahal instansi ini "
                f"berada di {home.full}; kemungkinan salinan dari laporan daerah lain",
                expected=home.full,
            )

    def _owned_other_regency(self, unit: TextUnit, block: Block, regency: Region,
                             province: Region) -> Iterable[Issue]:
        gaz = gazetteer()
        text = unit.text
        for m, _level, kind in _mentions(text, {1}):
            kw = _kind_word(m).lower()
            if kw not in ("kabupaten", "kab.", "kota"):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            before = text[line_start:m.start()]
            if not _OWNERSHIP_RE.search(before) or _HEADER_RE.fullmatch(before.strip(" *#_")):
                continue  # not owned, or a heading line (FN107)
            region, n = resolve_mention(gaz, 1, kind, m.group("rest"))
            if region is None or region.code == regency.code:
                continue
            end = m.start("rest") + n
            if self._quiet(unit, block, m.start(), end):
                continue
            sent = sentence(text, m.start(), end)
            if sum(1 for _m in _mentions(sent, {1})) > 1:
                continue  # several kabupaten/kota: a comparison or a list
            right = f"{regency.kind} {regency.name}"
            yield self.issue(
                unit, m.start(), end,
                f"\"{text[m.start():end]}\" disebut sebagai pemerintah/dokumen daerah sendiri "
                f"dalam laporan {regency.full}; kemungkinan salinan dari laporan daerah lain, "
                f"seharusnya {right}",
                expected=right,
            )


@register
class RegencyKind(Rule):
    """A kabupaten/kota named with the wrong kind: "Pemerintah Kabupaten Makassar" (Makassar
    is a kota; there is no Kabupaten Makassar), "Wali Kota Sleman" (Sleman is a kabupaten).

    "Kabupaten X" is reported when the national gazetteer has a Kota X but no Kabupaten X;
    "Kota X" only after "Pemerintah" or as "Wali Kota X" (a bare "kota X" may mean the town),
    when there is a Kabupaten X but no Kota X. Where both exist (Kabupaten and Kota Bandung)
    nothing is reported.
    """

    code = "FN110"
    name = "regency-kind"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        gaz = gazetteer()
        for unit, _block, _live in ctx.text.scan([MENTION_RE]):  # only units naming a region
            text = unit.text
            for m, _level, kind in _mentions(text, {1}):
                rest = m.group("rest")
                if resolve_mention(gaz, 1, kind, rest)[0] is not None:
                    continue
                other = KOTA if kind == KABUPATEN else KABUPATEN
                region, n = resolve_mention(gaz, 1, other, rest)
                if region is None:
                    continue
                kw = _kind_word(m)
                if kind == KOTA:
                    before = text[max(0, m.start() - 20):m.start()]
                    if kw.lower() == "kota" and not re.search(r"(?i)pemerintah(?:an)?\s*$", before):
                        continue
                end = m.start("rest") + n
                shown = text[m.start():end]
                if kw.lower() in ("bupati", "walikota", "wali kota"):
                    right_kw = "Bupati" if region.kind == KABUPATEN else "Wali Kota"
                else:
                    right_kw = region.kind
                right = f"{right_kw} {text[m.start('rest'):end]}"
                if shown.isupper():
                    right = right.upper()
                yield self.issue(
                    unit, m.start(), end,
                    f"\"{shown}\" tidak ada: {region.name} adalah {region.kind.lower()}, bukan "
                    f"{kind.lower() if kind else ''}; seharusnya {right}",
                    expected=right,
                )


_LIST_NAME_RE = re.compile(r"^(?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,3}$")


def _clause_spans(text: str) -> list[tuple[int, str]]:
    """(start, clause) of the clauses of ``text`` a list is read in: the text layer's sentences,
    split after a colon, semicolon lists kept whole, without their closing punctuation (the last
    item is "Leihitu", not "Leihitu.")."""
    out = []
    for s, e in analyze(text).list_clauses:
        while e > s and text[e - 1] in ".!?:;…":
            e -= 1
        out.append((s, text[s:e]))
    return out


def _list_items(sent: str) -> list[tuple[str, int, int]]:
    """Capitalised names of a comma list in ``sent`` ("wilayah A, B C, D, dan E"): (name,
    start, end); the first item is the capitalised words before the first comma."""
    out: list[tuple[str, int, int]] = []
    for piece in re.finditer(r"[^,;]+", sent):
        bounds = [0] + [x for m in re.finditer(r"\b(?:dan|serta|atau)\b", piece.group())
                        for x in (m.start(), m.end())] + [len(piece.group())]
        for a, b in zip(bounds[::2], bounds[1::2], strict=False):
            t = piece.group()[a:b]
            start = piece.start() + a
            tail = re.search(r"(?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,3}\s*$", t)
            if tail is None:
                continue
            name = tail.group().strip()
            # a list item is the whole part (after its kind word), or the first item's tail
            head = t[:tail.start()].strip()
            if head and out and not re.fullmatch(r"(?i:kecamatan|kec\.|distrik|wilayah|di)", head):
                continue
            # the kind word of a kecamatan ("Distrik" in Papua)
            name = re.sub(r"^(?:Kecamatan|Kec\.|KECAMATAN|Distrik|DISTRIK|Kapanewon|Kemantren)\s+", "", name)
            if _LIST_NAME_RE.match(name):
                s0 = start + t.index(name, tail.start())
                out.append((name, s0, s0 + len(name)))
    return out


@register
class OtherKecamatanInList(Rule):
    """A kecamatan of another kabupaten/kota in a list of the report's own kecamatan: "UPT
    Wilayah IV: Kecamatan Tenayan Raya, Kulim, dan Bukit Kapur" in a report of Kota Pekanbaru
    (Bukit Kapur is in Kota Dumai); "operasi di Purwokerto Selatan, Sokaraja, Kembaran, dan
    Bukateja" in a report of Kabupaten Banyumas (Bukateja is in Purbalingga).

    A list whose other items are the own kecamatan (at least two, by the national gazetteer)
    presents every item as the report's own; one from elsewhere was copied from another
    region's text. A name that is also a kecamatan or desa of the own kabupaten/kota, sentences
    naming the other region, border descriptions and contexts such as cooperation or
    comparisons (rules/foreign_names.yaml) are not reported."""

    code = "FN111"
    name = "other-kecamatan-in-list"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        info = ctx.info
        regency, province = info.regency, info.province
        if regency is None or province is None or info.national:
            return
        gaz = gazetteer()
        own = {name_key(k.name) for k in gaz.children(regency.code)}
        if not own:
            return
        for unit, block in units(ctx.document):
            text = unit.text
            if text.count(",") < 1 or isinstance(unit, Cell):
                continue
            for at, clause in _clause_spans(text):
                sent = clause
                items = _list_items(sent)
                if len(items) < 3:
                    continue
                mine = [it for it in items if name_key(it[0]) in own]
                if len(mine) < 2:
                    continue
                if _legit(sent) or _OTHER_CTX_RE.search(sent) or _border_row(unit, block):
                    continue
                foreign = []
                for name, s0, e0 in items:
                    if name_key(name) in own or gaz.find(name, 3, within=regency.code):
                        continue
                    kecs = [k for k in gaz.find(name, 2, within=province.code)
                            if not k.code.startswith(regency.code + ".")]
                    if kecs:
                        foreign.append((name, s0, e0, kecs[0]))
                if not foreign or len(foreign) * 2 > len(mine):
                    continue
                if _names_other_region(sent, regency, province):
                    continue
                for name, s0, e0, kec in foreign:
                    host = gaz.regency_of(kec)
                    yield self.issue(
                        unit, at + s0, at + e0,
                        f"\"{name}\" adalah kecamatan di {host.full if host else '?'}, bukan di "
                        f"wilayah {regency.full}, padahal nama lain dalam daftar ini adalah "
                        f"kecamatan {regency.full}; kemungkinan salinan dari teks daerah lain",
                        expected=f"kecamatan di {regency.full}",
                    )


_FN_DATA = load_yaml("rules", "foreign_names.yaml") or {}
_OWN_PEOPLE_RE = re.compile(r"(?:^|\W)(?:" + "|".join(
    f"(?:{p})" for p in _FN_DATA.get("own_people_prefix") or ["(?!)"])
    + r")(?:\s+(?:pemerintah(?:an)?|pemkab|pemkot))?(?:\s+di)?\s+$", re.IGNORECASE)
_PARTNER_RE = re.compile(r"\b(?:" + str(_FN_DATA.get("partner_before") or "(?!)") + r")\s+$",
                         re.IGNORECASE)
# a sentence about a visit or a referral: "di <office> Kabupaten X" is then another office
_VISIT_RE = re.compile(r"\b(?:studi|kunjungan|berkunjung|mengunjungi|magang|belajar|tiru|rapat|koordinasi|"
                       r"pertemuan|pelatihan|bimtek|rujuk\w*|dirujuk|dirawat|diundang|undangan|"
                       r"benchmark\w*|berbagi|narasumber|sharing|replikasi|adopsi|meniru)\b", re.IGNORECASE)
_ORIGIN_RE = re.compile(r"\b(?:narasumber|asal|berasal|lintas|se-?(?:kabupaten|kota|provinsi)|"
                        r"kabupaten\s*/\s*kota|(?:kabupaten|kota|daerah|wilayah)\s+lain)\b", re.IGNORECASE)
_TITLE_OFFICE_RE = re.compile(r"(?i:laporan\s+(?:akuntabilitas\s+)?kinerja(?:\s+instansi\s+pemerintah(?:an)?)?|"
                              r"lkj?i?p|lakip)\s+(?P<inst>[A-Z][^\n]{2,100}?)\s+(?i:kabupaten|kota|provinsi)\s")
_REGION_KIND_RE = re.compile(r"\s+(?:kabupaten|kota|provinsi|kab\.)\s.*$", re.IGNORECASE)


_OFFICE_LEAD_RE = re.compile(r"[^\w]{0,3}(?i:" + str(_FN_DATA.get("office_opening") or "(?!)")
                             + r")(?:[ \t]+(?:[A-Z][\w'’-]*|dan|serta|&)){0,8}[ \t]+")
_SELF_AFTER_RE = re.compile(str(_FN_DATA.get("self_description_after") or "(?!)"), re.IGNORECASE)


def _self_described_office(text: str, start: int, end: int) -> str | None:
    """The office name that opens the sentence of the region mention ``text[start:end]`` when
    the sentence goes on as a profile of the own office does ("Dinas Perikanan Kabupaten X
    mempunyai tugas ...", "... merupakan unsur pelaksana"); None otherwise."""
    s0 = sentence_bounds(text, start)[0]
    lead = text[s0:start]
    if not _OFFICE_LEAD_RE.fullmatch(lead) or not _SELF_AFTER_RE.match(text, end):
        return None
    return lead.strip(" \t*-•")


def _office_heads(ctx: CheckContext) -> list[str]:
    """The report's own office named without its region ("Dinas Pertanian", "Badan
    Penanggulangan Bencana Daerah") and its acronym ("BPBD": stated in the report as "... (BPBD)"
    or made of the initials of a name of three or more words)."""
    inst = (ctx.info.instansi or "").strip()
    if not inst:  # the title line: "Laporan Kinerja <office> Kabupaten X Tahun N"
        for b in ctx.document.blocks[:12]:
            tm = _TITLE_OFFICE_RE.search(b.text)
            if tm:
                inst = tm.group("inst")
                break
    head = _REGION_KIND_RE.sub("", " " + inst).strip()
    acr = re.findall(r"\(\s*([A-Z][A-Za-z\-]{1,12})\s*\)", head)
    head = re.sub(r"\s*\([^()]*\)", "", head).strip()
    if not head or head.split()[0].lower() in ("kecamatan", "kelurahan", "desa", "kantor"):
        return []
    heads = [head, *acr]
    first = re.match(r"(\S+(?:\s+\S+){1,3}?)\s+(?:dan|serta|&)\s+\S", head)
    if first is not None:
        heads.append(first.group(1))  # "Dinas Pertanian" for the "Dinas Pertanian dan Peternakan"
    if re.search(r"\s+daerah$", head, re.IGNORECASE):
        heads.append(re.sub(r"\s+daerah$", "", head, flags=re.IGNORECASE))  # "Inspektorat (Daerah)"
    words = [w for w in head.split() if w[:1].isupper()]
    if len(words) >= 3:
        heads.append("".join(w[0] for w in words))
    # (also on a cover in capitals: "BADAN PERENCANAAN PEMBANGUNAN DAERAH (BAPPEDA)")
    pat = re.compile("(?i:" + re.escape(head).replace(r"\ ", r"\s+") + r")\s*\(\s*([A-Z][A-Za-z\-]{1,12})\s*\)")
    for b in ctx.document.blocks[:200]:
        if b.kind != "table":
            m = pat.search(b.text)
            if m:
                heads.append(m.group(1))
                break
    # an acronym in the name ("Dinas PUPR") written out in the report ("Dinas Pekerjaan Umum dan
    # Penataan Ruang"): the words whose initials spell it
    acro = re.fullmatch(r"([A-Z][a-z]+)\s+([A-Z]{3,8})", head)
    if acro:
        kind, letters = acro.groups()
        n = len(letters)
        spelled = re.compile(re.escape(kind) + r"((?:\s+(?:dan\s+)?[A-Z][a-z]+){" + f"{n},{n}" + "})")
        for b in ctx.document.blocks[:200]:
            if b.kind == "table":
                continue
            for m in spelled.finditer(b.text):
                words = [w for w in m.group(1).split() if w != "dan"]
                if "".join(w[0] for w in words) == letters:
                    heads.append(kind + m.group(1))
                    break
            else:
                continue
            break
    heads.extend(_short_names(ctx, head))
    return sorted(set(heads), key=lambda h: (-len(h), h))  # longest first, then a fixed order


def _is_abbreviation(short: str, name: str) -> bool:
    """``short`` ("Diskominfo", "Bappeda", "DPMPTSP") abbreviates ``name`` ("Dinas Komunikasi
    dan Informatika"): it starts with the name's first letter and its letters follow one another
    in the name, each found after the one before (case-insensitive)."""
    s, n = short.lower(), name.lower()
    if len(s) < 3 or not n or s[0] != n[0]:
        return False
    at = 0
    for ch in s:
        at = n.find(ch, at)
        if at < 0:
            return False
        at += 1
    return True


def _short_names(ctx: CheckContext, head: str) -> list[str]:
    """One-word short names of the own office written right before the own region in the report
    ("Diskominfo Kota Madiun", "Bappeda Kabupaten Fakfak") that abbreviate its name."""
    region = ctx.info.regency or ctx.info.province
    if region is None or not head:
        return []
    own = re.compile(r"(?<![\w-])([A-Z][A-Za-z]{2,14})[ \t]+(?i:" + re.escape(region.kind) + r"[ \t]+"
                     + re.escape(region.name).replace(r"\ ", r"[ \t]+") + r")\b")
    found: list[str] = []
    for b in ctx.document.blocks[:400]:
        if b.kind == "table" or region.name.lower() not in b.text.lower():
            continue
        for m in own.finditer(b.text):
            w = m.group(1)
            if w not in found and w.lower() != head.split()[0].lower() and _is_abbreviation(w, head):
                found.append(w)
    return found


def _short_lines(ctx: CheckContext) -> set[int]:
    """Source lines that are headings or signature lines: a line of at most 90 characters
    that does not end a sentence and is not continued by the next line (which then starts
    with a capital or a digit, or there is none), or ends with a comma (a role above a name)."""
    lines: list[tuple[int, str]] = []
    for b in ctx.document.blocks:
        if b.kind == "table":
            lines.append((0, ""))
            continue
        for lm in re.finditer(r"[^\n]+", b.text):
            t = lm.group().strip(" *_#\t")
            if t:
                lines.append((b.position(lm.start())[0], t))
    out: set[int] = set()
    for k, (line, t) in enumerate(lines):
        if not t or len(t) > 90 or re.search(r"[.!?]\W*$", t):
            continue
        nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
        if t.endswith((",", ":")) or not nxt or not nxt[:1].islower():
            out.add(line)
    return out


@register
class OtherRegencyAsOwn(Rule):
    """Another kabupaten/kota named as the report's own in running text: "kesejahteraan petani
    Kabupaten Pesawaran" in the LKIP of the Dinas Pertanian of Kabupaten Tanggamus,
    "pelatihan yang diikuti ASN Pemerintah Kabupaten Soppeng" in a report of Kabupaten Bone,
    "BPBD Kota Probolinggo berkomitmen ..." in the report of BPBD Kota Batu.

    The people, staff or economy of a region ("masyarakat", "petani", "ASN", "PDRB" ... right
    before the name: rules/foreign_names.yaml own_people_prefix), or the report's own office
    followed by another region's name, describe the region the report is about; another name
    there is a passage copied from another region's report. A partner office ("berkoordinasi
    dengan BPBD Kota X", "studi tiru ke Inspektorat Kabupaten Y"), a comparison ("di bawah
    Kabupaten Z"), border descriptions, origins ("berasal dari"), cooperation and sentences
    naming several kabupaten/kota are legitimate and not reported.
    """

    code = "FN112"
    name = "other-regency-as-own"
    category = "foreign-name"
    severity = "warning"

    def _accountable_to(self, unit: TextUnit, regency: Region) -> Iterable[Issue]:
        """"... pertanggungjawaban Camat Sumberbaru kepada Bupati Bondowoso" in a report of
        Kabupaten Jember: the report is accountable to the head of its own region."""
        gaz = gazetteer()
        for m in _ACCOUNTABLE_RE.finditer(unit.text):
            who = " ".join(m.group("who").lower().split())
            level = 0 if who == "gubernur" else 1
            if level != regency.level:
                continue
            kind = None if level == 0 else (KOTA if who.startswith("wali") else KABUPATEN)
            region, n = resolve_mention(gaz, level, kind, m.group("rest"))
            if region is None or region.code == regency.code:
                continue
            s0, e0 = m.start("who"), m.start("rest") + n
            right = f"{m.group('who')} {regency.name}"
            yield self.issue(
                unit, s0, e0,
                f"laporan ini dipertanggungjawabkan kepada \"{unit.text[s0:e0]}\", padahal instansi ini "
                f"berada di {regency.full}; kemungkinan salinan dari laporan daerah lain",
                expected=right,
            )

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        info = ctx.info
        # the own region: the kabupaten/kota, or the province of a provincial office
        # ("Dinas Lingkungan Hidup Provinsi Sulawesi Barat")
        regency = info.regency or info.province
        if info.national or regency is None:
            return
        level = regency.level
        kinds = ("kabupaten", "kab.", "kota") if level == 1 else ("provinsi", "prov.", "propinsi")
        gaz = gazetteer()
        heads: list[str] | None = None
        short: set[int] | None = None
        for unit, block in joined_units(ctx):
            if block.kind != "table" and ("upati" in unit.text or "ota" in unit.text or "ubernur" in unit.text):
                yield from self._accountable_to(unit, regency)
            if block.kind == "table" or not re.search(
                    r"abupaten|ota |KOTA|Kab\.|rovinsi|ROVINSI|ropinsi|Prov\.", unit.text):
                continue
            for m, _level, kind in _mentions(unit.text, {level}):
                if _kind_word(m).lower() not in kinds:
                    continue
                region, n = resolve_mention(gaz, level, kind, m.group("rest"))
                if region is None or region.code == regency.code or region.level != level:
                    continue
                before = unit.text[max(0, m.start() - 70):m.start()]
                people = _OWN_PEOPLE_RE.search(before)
                if people is not None and re.search(r"(?i)\b(?:dari|luar|termasuk|juga|bahkan|hingga)\s+$",
                                                    before[:people.start() + 1]):
                    continue  # "pasien dari masyarakat Kabupaten X": people from elsewhere
                office = None
                own_kec = profile = False
                if people is None:
                    if heads is None:
                        heads = _office_heads(ctx)
                    office = None
                    for h in heads:  # "BAPPEDA" on the cover, "Bappeda" in text
                        hm = re.search(r"(?:^|\W)(" + re.escape(h).replace(r"\ ", r"\s+") + r")\s+$", before,
                                       re.IGNORECASE)
                        if hm is not None:
                            office = hm.group(1)  # as the text writes it
                            break
                    if office is None and info.kecamatan is not None and level == 1:
                        # "Kecamatan Jelbuk Kabupaten Lumajang" in the report of Kecamatan Jelbuk
                        # (Jember): the own kecamatan placed in another kabupaten, unless that
                        # one has a kecamatan of the same name
                        km = re.search(r"(?:^|\W)((?i:kecamatan|kec\.|distrik|kapanewon|kemantren)\s+"
                                       + re.escape(info.kecamatan.name).replace(r"\ ", r"\s+") + r")\s+$",
                                       before, re.IGNORECASE)
                        if km is not None and not gaz.find(info.kecamatan.name, 2, within=region.code):
                            office = km.group(1)
                            own_kec = True
                    if office is None:
                        office = _self_described_office(unit.text, m.start(), m.start("rest") + n)
                        profile = office is not None  # opens its sentence: no partner word before
                    if office is None:
                        continue
                    lead = before[:len(before.rstrip()) - len(office)]
                    partner = _PARTNER_RE.search(lead)
                    if partner is not None and partner.group(0).strip().lower() == "di" and \
                            not _VISIT_RE.search(sentence(unit.text, m.start(), m.start() + 1)):
                        partner = None  # "pelayanan di RSUD Kabupaten X masih ...": the office itself
                    if not (own_kec or profile) and (partner is not None or _compared(lead, len(lead))):
                        continue  # "berkoordinasi dengan BPBD Kota X": a partner office
                end = m.start("rest") + n
                if short is None:
                    short = _short_lines(ctx)
                if unit.position(m.start())[0] in short:
                    continue  # a heading or signature line: FN107's
                sent = sentence(unit.text, m.start(), end)
                if _legit(sent) or _ORIGIN_RE.search(sent) or _compared(unit.text, m.start()) \
                        or _REGULATION_RE.search(before[-40:]):
                    continue
                others = set()
                for m2, _l, k2 in _mentions(sent, {level}):
                    r2, _n2 = resolve_mention(gaz, level, k2, m2.group("rest"))
                    if r2 is not None and r2.code != regency.code:
                        others.add(r2.code)
                if len(others) > 1:
                    continue  # several kabupaten/kota: a list or a comparison
                right = f"{regency.kind} {regency.name}"
                if own_kec and office:
                    yield self.issue(
                        unit, m.start(), end,
                        f"{office} berada di {regency.full}, bukan di {unit.text[m.start():end]}; "
                        f"kemungkinan salinan dari laporan daerah lain, seharusnya {right}",
                        expected=right,
                    )
                    continue
                what = "kantor ini" if office else \
                    "daerah laporan ini (penduduk, aparatur, perekonomian atau pembangunannya)"
                named = unit.text[m.start():end]
                if office:
                    named = f"{' '.join(office.split())} {named}"  # the office with the region
                yield self.issue(
                    unit, m.start(), end,
                    f"\"{named}\" disebut sebagai {what} sendiri dalam laporan "
                    f"{regency.full}; kemungkinan salinan dari laporan daerah lain, seharusnya "
                    f"{right}",
                    expected=right,
                )


# "pertanggungjawaban Camat X kepada Bupati Y", "disampaikan kepada Wali Kota Y": the head of the
# region the report is accountable to
_ACCOUNTABLE_RE = re.compile(
    r"\b(?:pertanggungjawaban|pertanggung\s+jawaban|disampaikan|dilaporkan|bertanggung\s+jawab)\b"
    r"[^.;]{0,80}?\bkepada\s+(?P<who>(?i:bupati|wali\s?kota|gubernur))\s+"
    r"(?P<rest>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})", re.IGNORECASE)


_ISSUER_BEFORE_RE = re.compile(r"(?:^|\W)(?i:" + str(_FN_DATA.get("regulation_issuer_before") or "(?!)")
                               + r")\s+$")
_SUPERIOR_BEFORE_RE = re.compile(r"(?:^|\W)(?i:" + str(_FN_DATA.get("superior_before") or "(?!)")
                                 + r")\s+(?i:(?:penjabat|pj\.?|plt\.?|plh\.?|pelaksana\s+tugas)\s+)?$")
_HEAD_WORDS = frozenset({"bupati", "walikota", "wali kota", "gubernur"})
_ABBREV = {str(k).lower(): str(v) for k, v in (_FN_DATA.get("regulation_abbrev") or {}).items()}
_ABBREV_RE = re.compile(r"(?<![\w.])(?P<kind>(?i:" + "|".join(sorted(_ABBREV, key=len, reverse=True) or ["(?!)"])
                        + r"))\.?[ \t]+(?P<rest>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,4})")
_BENCHMARK_RE = re.compile(r"\b(?:" + str(_FN_DATA.get("regulation_benchmark") or "(?!)") + r")\b",
                           re.IGNORECASE)
_ISSUER_WORDS = frozenset({"bupati", "walikota", "wali kota", "gubernur", "kabupaten", "kab.",
                           "kota", "provinsi", "prov.", "propinsi"})


_ISSUER_CUE = (r"peraturan|keputusan|instruksi|edaran|per(?:bup|wal|gub|da|kada)|kep(?:bup|wal|gub)|"
               r"\bSK\b|membantu|bertanggung\s+jawab|di\s+bawah|oleh|ditandatangani|disepakati|antara")
_ISSUER_CUE_RE = re.compile(_ISSUER_CUE, re.IGNORECASE)
# the same words in lower case, matched case-sensitively in a lower-cased ASCII text: the same
# answer (ASCII letters fold only onto each other), about twice as fast (the engine skips to the
# letters the words begin with)
_ISSUER_CUE_LOWER_RE = re.compile(_ISSUER_CUE.replace(r"\bSK\b", r"\bsk\b"))


def _issuer_cue(text: str) -> bool:
    """A word that can introduce a regulation or its issuer in ``text``."""
    if text.isascii():
        return _ISSUER_CUE_LOWER_RE.search(text.lower()) is not None
    return _ISSUER_CUE_RE.search(text) is not None


@register
class OtherRegionRegulation(Rule):
    """A regulation of another region cited as the office's own: "Uraian tugas camat diatur
    dalam Peraturan Bupati Kotawaringin Timur" in the report of a kecamatan of Kota Palangka
    Raya, "Perwal Kendari Nomor 12 Tahun 2021" in a Kabupaten Konawe report, "Peraturan
    Gubernur Sulawesi Tengah" in a report of a Sulawesi Barat office.

    An office is organised and steered by the regulations of its own kabupaten/kota or
    province (its Bupati or Wali Kota, its Gubernur, its Perda); a Peraturan/Keputusan of
    another region is a passage copied from that region's report. Regulations of the own
    province are fine for a kabupaten/kota office. Cooperation, comparisons, studi tiru and
    sentences that name several regions are not reported.
    """

    code = "FN113"
    name = "other-region-regulation"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        info = ctx.info
        regency, province = info.regency, info.province
        if info.national or province is None:
            return
        gaz = gazetteer()
        for unit, _block in joined_units(ctx):
            text = unit.text
            if not _issuer_cue(text):
                continue
            hits: list[tuple[int, int, Region, str]] = []
            for m, level, kind in _mentions(text, {0, 1}):
                kw = _kind_word(m).lower()
                before = text[max(0, m.start() - 50):m.start()]
                if kw not in _ISSUER_WORDS or not (
                        _ISSUER_BEFORE_RE.search(before)
                        # (the signing office's full name may stand between: "ditandatangani oleh
                        # Kepala Dinas Pendidikan dan Kebudayaan dan Bupati X")
                        or (kw in _HEAD_WORDS and _SUPERIOR_BEFORE_RE.search(text[max(0, m.start() - 120):m.start()]))):
                    continue
                region, n = resolve_mention(gaz, level, kind, m.group("rest"))
                if region is not None:
                    hits.append((m.start(), m.start("rest") + n, region, kw))
            for m in _ABBREV_RE.finditer(text):
                k = _ABBREV[m.group("kind").lower()]
                level = 0 if k == "Provinsi" else 1
                region, n = resolve_mention(gaz, level, None if level == 0 else k, m.group("rest"))
                if region is not None:
                    hits.append((m.start(), m.start("rest") + n, region, m.group("kind").lower()))
            for start, end, region, _kw in hits:
                prov_code = region.code.split(".")[0]
                if region.level == 0:
                    if region.code == province.code:
                        continue
                elif regency is not None:
                    if region.code == regency.code or (regency.kind == region.kind
                                                       and regency.name == region.name):
                        continue
                elif prov_code == province.code:
                    continue  # a provincial office citing a regulation of one of its kabupaten
                sent = sentence(text, start, end)
                signed = re.search(r"(?i)\b(?:ditandatangani|disepakati)\b(?:[^.;]|(?<=\bPj)\.|(?<=\bPl[th])\.){0,100}$",
                                   text[max(0, start - 120):start])
                if _legit(sent) or _OTHER_CTX_RE.search(sent) or _BENCHMARK_RE.search(sent) \
                        or _compared(text, start) \
                        or (re.search(r"(?i)\bbersama\b", text[max(0, start - 50):start]) and not signed):
                    continue
                named = set()
                for m2, l2, k2 in _mentions(sent, {0, 1}):
                    r2, _n2 = resolve_mention(gaz, l2, k2, m2.group("rest"))
                    if r2 is not None and r2.code not in (province.code, regency.code if regency else ""):
                        named.add(r2.code)
                if len(named) > 1:
                    continue  # several other regions: a list or a comparison
                own = regency or province
                superior = re.match(r"(?i)(?:bupati|wali\s?kota|gubernur)\b", text[start:end]) and \
                    not _ISSUER_BEFORE_RE.search(text[max(0, start - 50):start])
                if superior:  # "membantu Bupati X": the head, not a regulation, of another region
                    head = "Gubernur" if own.level == 0 else ("Wali Kota" if own.kind == "Kota" else "Bupati")
                    yield self.issue(
                        unit, start, end,
                        f"\"{text[start:end]}\" disebut sebagai atasan kantor ini, padahal laporan ini "
                        f"milik perangkat daerah {own.full}; kemungkinan salinan dari laporan daerah "
                        f"lain: seharusnya {head} {own.name}",
                        expected=f"{head} {own.name}",
                    )
                    continue
                yield self.issue(
                    unit, start, end,
                    f"\"{text[start:end]}\" adalah peraturan {region.full}, padahal laporan ini "
                    f"milik perangkat daerah {own.full}; kemungkinan salinan dari laporan daerah "
                    f"lain: rujuk peraturan {own.full}",
                    expected=f"peraturan {own.full}",
                )


_HEAD_GENERAL_RE = re.compile(str(_FN_DATA.get("head_kind_general") or "(?!)"), re.IGNORECASE)
# a head title with no region name after it ("kepada Bupati melalui", "Peraturan Bupati Nomor")
_BARE_HEAD_RE = re.compile(r"(?<![\w./-])(?P<t>Bupati|BUPATI|Wali\s?[Kk]ota|WALI\s?KOTA|Perbup|Perwal[i]?)"
                           r"(?![\w/-])(?!\s+(?!Nomor\b|NOMOR\b|No\.|Tahun\b|TAHUN\b)[A-Z])")


@register
class HeadKind(Rule):
    """The head of the report's own kabupaten/kota named with the other kind's title: "camat
    bertanggung jawab kepada Bupati" or "Peraturan Bupati Nomor 12 Tahun 2021" in the report
    of a kecamatan of a kota (whose head is the Wali Kota), "ditetapkan dengan Peraturan Wali
    Kota" in a Kabupaten report.

    A kabupaten is led by a Bupati (Peraturan Bupati, Perbup), a kota by a Wali Kota (Peraturan
    Wali Kota, Perwal); the other title with no region name after it is a sentence copied from a
    report of the other kind of region. Named heads ("Bupati Kotawaringin Timur") are checked by
    FN107/FN110/FN113; enumerations of both kinds ("Bupati/Wali Kota", "para bupati") are not
    reported.
    """

    code = "FN114"
    name = "head-kind"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        info = ctx.info
        regency = info.regency
        if info.national or regency is None or regency.kind not in (KABUPATEN, KOTA):
            return
        kota = regency.kind == KOTA
        for unit, _block, _live in ctx.text.scan([_BARE_HEAD_RE]):
            text = unit.text
            for m in _BARE_HEAD_RE.finditer(text):
                t = m.group("t")
                is_bupati = t.lower().startswith(("bupati", "perbup"))
                if is_bupati != kota:
                    continue  # the right title for this region
                around = text[max(0, m.start() - 40):m.end() + 40]
                if _HEAD_GENERAL_RE.search(around):
                    continue
                sent = sentence(text, m.start(), m.end())
                if _legit(sent) or _OTHER_CTX_RE.search(sent) or _BENCHMARK_RE.search(sent):
                    continue
                if t.lower().startswith("per"):
                    right = "Perwal" if kota else "Perbup"
                else:
                    right = "Wali Kota" if kota else "Bupati"
                    if t.isupper():
                        right = right.upper()
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"\"{t}\" tidak sesuai: {regency.full} dipimpin oleh "
                    f"{'Wali Kota' if kota else 'Bupati'}; kemungkinan salinan dari laporan "
                    f"{'kabupaten' if kota else 'kota'} lain, seharusnya {right}",
                    expected=right,
                )
