"""Foreign names: other kecamatan named in the report of one kecamatan, the office's own name
misspelled, the signatory's name or NIP written differently in two places.

The gazetteer of the kabupaten (its kecamatan and desa) is rules/gazetteer/<kabupaten>.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import levenshtein, sentence, units
from drafter.document.model import TextUnit
from drafter.resources import data_dir, load_yaml


def gazetteer(ctx: CheckContext) -> dict[str, Any]:
    """The gazetteer of the report's kabupaten (empty when there is none)."""
    kab = ctx.config.kabupaten or ctx.info.kabupaten
    if not kab:
        return {}
    name = f"{kab.strip().lower().replace(' ', '_')}.yaml"
    if not (data_dir("rules") / "gazetteer" / name).is_file():
        return {}
    return load_yaml("rules", f"gazetteer/{name}") or {}


def all_gazetteers() -> list[dict[str, Any]]:
    """Every gazetteer in rules/gazetteer/."""
    folder = data_dir("rules") / "gazetteer"
    out = []
    for p in sorted(folder.iterdir(), key=lambda p: p.name):
        if p.name.endswith(".yaml"):
            out.append(load_yaml("rules", f"gazetteer/{p.name}") or {})
    return out


def _own_kecamatan(ctx: CheckContext) -> str | None:
    inst = ctx.info.instansi or ""
    if not inst.lower().startswith("kecamatan") or not ctx.info.instansi_name:
        return None
    return ctx.info.instansi_name


def _known_names(gaz: dict[str, Any]) -> set[str]:
    names = {k.lower() for k in gaz.get("kecamatan") or []}
    for desas in (gaz.get("desa") or {}).values():
        for d in desas:
            names.add(d.lower())
            names.add(d.lower().replace(" ", ""))
    names.update(n.lower() for n in gaz.get("neighbours") or [])
    if gaz.get("kabupaten"):
        names.add(str(gaz["kabupaten"]).lower())
    return names


_KEC_RE = re.compile(r"(?<![\w])(?i:kecamatan|kec\.|camat)\s+(?P<name>[A-Z][A-Za-z]+)")
def _context_re(key: str) -> re.Pattern[str]:
    pats = (load_yaml("rules", "foreign_names.yaml") or {}).get(key) or []
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in pats) + r")\b" if pats else r"(?!)",
                      re.IGNORECASE)


_BORDER_RE = _context_re("border")
_LEGIT_RE = _context_re("legit_context")


@register
class OtherKecamatan(Rule):
    """Names of other kecamatan of the kabupaten in the report of one kecamatan: "Kecamatan
    Wuluhan", "Camat Sukorambi", "Kec. Sukowono" in the LKIP of Kecamatan Gumukmas.

    Reports are often written by copying another kecamatan's report; a foreign name left in a
    sasaran, a decree or an analysis shows the text was not adapted. Border descriptions
    ("berbatasan dengan", "sebelah utara ...") and sentences listing several kecamatan are
    legitimate and not reported, nor are contexts such as "kerja sama", "studi tiru", "juara"
    (rules/foreign_names.yaml). The names come from rules/gazetteer/<kabupaten>.yaml; for a
    kabupaten without a gazetteer, the kecamatan of the gazetteers that exist are used.
    """

    code = "FN101"
    name = "other-kecamatan"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        own = _own_kecamatan(ctx)
        if not own:
            return
        gaz = gazetteer(ctx)
        if gaz:
            kecs = {k.lower(): k for k in gaz.get("kecamatan") or []}
        else:
            # no gazetteer for this kabupaten: the kecamatan of the kabupaten we know are
            # still foreign here (a passage copied from their reports)
            kecs = {k.lower(): k for g in all_gazetteers() for k in g.get("kecamatan") or []
                    if str(g.get("kabupaten", "")).lower() != str(ctx.info.kabupaten).lower()}
            kab = ctx.config.kabupaten or ctx.info.kabupaten or "?"
            ctx.notice(f"tidak ada gazetir untuk Kabupaten {kab} (rules/gazetteer/); FN101 hanya "
                       "mengenali nama kecamatan dari gazetir kabupaten lain")
        for unit, _block in units(ctx.document):
            for m in _KEC_RE.finditer(unit.text):
                name = m.group("name").lower()
                if name not in kecs or name == own.lower():
                    continue
                sent = sentence(unit.text, m.start(), m.end())
                if _BORDER_RE.search(sent) or _LEGIT_RE.search(sent):
                    continue
                others = {x.group("name").lower() for x in _KEC_RE.finditer(sent)} & set(kecs)
                if len(others - {own.lower()}) >= 2:
                    continue  # a list of kecamatan
                kw = m.group(0)[: m.start("name") - m.start()].strip()
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"nama kecamatan lain \"{m.group(0)}\" dalam laporan Kecamatan {own}; "
                    f"kemungkinan salinan dari laporan kecamatan lain, seharusnya {kw} {own}",
                    expected=f"{kw} {own}",
                )


_DESA_RE = re.compile(r"(?<![\w])(?i:desa|kelurahan|ds\.)\s+(?P<name>[A-Z][A-Za-z]+(?:\s[A-Z][a-z]+)?)")


@register
class OtherDesa(Rule):
    """Desa of another kecamatan named as a desa in the report of one kecamatan: "Desa
    Paleran" (Kecamatan Umbulsari) in the LKIP of Kecamatan Gumukmas.

    Like a foreign kecamatan name, a foreign desa shows a passage copied from another
    kecamatan's report. Reported only when the gazetteer lists the desa of the report's own
    kecamatan and the name is not one of them (names shared by two kecamatan are skipped);
    border descriptions are legitimate.
    """

    code = "FN106"
    name = "other-desa"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        own = _own_kecamatan(ctx)
        gaz = gazetteer(ctx)
        desa = {k.lower(): [d.lower().replace(" ", "") for d in v]
                for k, v in (gaz.get("desa") or {}).items()}
        if not own or own.lower() not in desa:
            return
        mine = set(desa[own.lower()])
        where: dict[str, str] = {}
        for kec, names in desa.items():
            for d in names:
                where.setdefault(d, kec)
        kec_names = {k: k for k in (gaz.get("kecamatan") or [])}
        for unit, _block in units(ctx.document):
            for m in _DESA_RE.finditer(unit.text):
                full = m.group("name").lower().replace(" ", "")
                first = m.group("name").split()[0].lower()
                key = full if full in where else first if first in where else None
                if key is None or key in mine:
                    continue
                sent = sentence(unit.text, m.start(), m.end())
                if _BORDER_RE.search(sent) or _LEGIT_RE.search(sent):
                    continue
                kec = next((k for k in kec_names if k.lower() == where[key]), where[key])
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"\"{m.group(0)}\" adalah desa di Kecamatan {kec}, bukan di Kecamatan {own}; "
                    "kemungkinan salinan dari laporan kecamatan lain",
                    expected=f"desa di Kecamatan {own}",
                )


@register
class OwnNameSpelling(Rule):
    """The office's own name spelled differently: "Gemukmas" in the report of Kecamatan
    Gumukmas (a capitalised word one or two letters away from the name).

    A misspelt own name in a formal accountability report is conspicuous. Words that are
    names in the gazetteer (another kecamatan like "Mumbulsari", a desa) are not reported.
    """

    code = "FN102"
    name = "own-name-spelling"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        own = ctx.info.instansi_name
        if not own or len(own) < 5:
            return
        lown = own.lower()
        known = _known_names(gazetteer(ctx))
        limit = 1 if len(own) < 7 else 2
        short = len(own) < 7  # short names: only a changed letter, not an added/dropped one
        for unit, _block in units(ctx.document):
            for m in ctx.text.of(unit).pieces:
                w = m.text
                if len(w) < 4 or not w[0].isupper() or not w.isascii():
                    continue
                lw = w.lower()
                if lw == lown or lw in known or abs(len(lw) - len(lown)) > limit:
                    continue
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
                right = own.upper() if w.isupper() else own
                yield self.issue(
                    unit, m.start, m.end,
                    f"nama instansi ditulis \"{w}\", seharusnya \"{right}\"",
                    expected=right,
                )


_NIP_RE = re.compile(r"\bNIP\b\.?\s*:?\s*(?P<nip>\d[\d ]{10,30}\d)")
_NAMA_RE = re.compile(r"^[\s*\-•]*nama\s*:\s*(?P<name>[A-Za-z][A-Za-z.' ]+?)(?=,|\s*$|\*)",
                      re.IGNORECASE | re.MULTILINE)
_CAPS_NAME_RE = re.compile(r"^[ \t*_]*(?P<name>[A-Z][A-Z'.]+(?:[ \t]+[A-Z][A-Z'.]+){1,5})[ \t*_]*(?:,|$)",
                           re.MULTILINE)
_NOT_NAME = {"CAMAT", "KECAMATAN", "KEPALA", "BUPATI", "SEKRETARIS", "NIP", "PEMBINA", "PENATA",
             "KABUPATEN", "JEMBER", "PIHAK", "LAPORAN", "TABEL", "BAB", "DAFTAR", "LAMPIRAN",
             "INDIKATOR", "KINERJA", "PERJANJIAN", "RENCANA", "TAHUN", "DINAS", "BADAN"}


@dataclass
class _Sig:
    name: str
    unit: TextUnit
    start: int
    end: int
    line: int
    nip: str | None = None
    nip_unit: TextUnit | None = None
    nip_span: tuple[int, int] = (0, 0)


def _name_tokens(name: str) -> list[str]:
    return [t for t in re.findall(r"[A-Z]+", name.upper()) if len(t) > 1]


def _same_person(a: list[str], b: list[str]) -> bool:
    if not a or not b or abs(len(a) - len(b)) > 1:
        return False
    hits = 0
    for t in a:
        if any(t == u or (min(len(t), len(u)) >= 4
                          and SequenceMatcher(None, t, u).ratio() >= 0.75) for u in b):
            hits += 1
    return hits / max(len(a), len(b)) >= 0.6 and a[0] == b[0]


def _caps_name(unit: TextUnit, upto: int | None = None) -> tuple[str, int, int] | None:
    """The last ALL-CAPS name line of ``unit.text[:upto]`` (a name above an NIP)."""
    found = None
    for m in _CAPS_NAME_RE.finditer(unit.text, 0, len(unit.text) if upto is None else upto):
        toks = _name_tokens(m.group("name"))
        if len(toks) < 2 or any(t in _NOT_NAME for t in toks):
            continue
        found = (m.group("name"), m.start("name"), m.end("name"))
    return found


def _sequences(ctx: CheckContext) -> list[list[TextUnit]]:
    """Reading sequences in which a name precedes its NIP: the prose blocks, and each column
    of each table (signature blocks are often laid out in table cells)."""
    seqs: list[list[TextUnit]] = [[b for b in ctx.document.blocks if b.kind != "table"]]
    for t in ctx.document.tables():
        cols: dict[int, list[TextUnit]] = {}
        for row in t.rows:
            for c in row.cells:
                cols.setdefault(c.col, []).append(c)
        seqs.extend(cols.values())
    return seqs


def _signatures(ctx: CheckContext) -> list[_Sig]:
    sigs: list[_Sig] = []
    for units_ in _sequences(ctx):
        sigs.extend(_signatures_in(units_))
    sigs.sort(key=lambda s: s.line)
    return sigs


def _signatures_in(blocks: list[TextUnit]) -> list[_Sig]:
    sigs: list[_Sig] = []
    used: set[int] = set()
    for i, b in enumerate(blocks):
        nm = _NAMA_RE.search(b.text)
        if nm and len(_name_tokens(nm.group("name"))) >= 2:
            name = nm.group("name").strip()
            sig = _Sig(name, b, nm.start("name"), nm.start("name") + len(name),
                       b.position(nm.start("name"))[0])
            sigs.append(sig)
            used.add(i)
            for nb in blocks[i:i + 5]:
                n = _NIP_RE.search(nb.text, nm.end() if nb is b else 0)
                if n:
                    sig.nip, sig.nip_unit, sig.nip_span = n.group("nip"), nb, n.span("nip")
                    break
            continue
        n = _NIP_RE.search(b.text)
        if not n:
            continue
        same = _caps_name(b, n.start())  # name and NIP in one cell/paragraph
        if same:
            name, s0, e0 = same
            sigs.append(_Sig(name, b, s0, e0, b.position(s0)[0], n.group("nip"), b, n.span("nip")))
            used.add(i)
            continue
        for j in range(i - 1, max(-1, i - 5), -1):
            if j in used:
                break
            cn = _caps_name(blocks[j])
            if cn:
                name, s0, e0 = cn
                sigs.append(_Sig(name, blocks[j], s0, e0, blocks[j].position(s0)[0],
                                 n.group("nip"), b, n.span("nip")))
                used.add(j)
                break
    return sigs


def _digits(nip: str) -> str:
    return re.sub(r"\D", "", nip)


def _groups(sigs: list[_Sig]) -> list[list[_Sig]]:
    groups: list[list[_Sig]] = []
    for s in sigs:
        toks = _name_tokens(s.name)
        for g in groups:
            if any(_same_person(toks, _name_tokens(o.name)) for o in g):
                g.append(s)
                break
        else:
            groups.append([s])
    return groups


def _canonical(values: list[str]) -> str:
    c = Counter(values)
    best = max(c.values())
    return next(v for v in values if c[v] == best)  # ties: the first occurrence wins


@register
class SignatoryName(Rule):
    """The signatory's name spelled differently in two places: "NINO EKA PUTRA ..." in the
    pengantar and "NINO EKA PRATAMA ..." above the NIP of the Perjanjian Kinerja.

    The signature block makes the report and its Perjanjian Kinerja binding; the official's
    name misspelt in one of them is conspicuous and can make the document look invalid.

    Names are taken from "Nama : ..." lines and from ALL-CAPS name lines just above a "NIP"
    line. Names that share most words (allowing small spelling differences) are taken as the
    same person; the spelling used most often (or first) is taken as right and the others are
    reported with the line of the right one.
    """

    code = "FN103"
    name = "signatory-name"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for g in _groups(_signatures(ctx)):
            norm = [" ".join(_name_tokens(s.name)) for s in g]
            if len(set(norm)) < 2:
                continue
            right = _canonical(norm)
            ref = g[norm.index(right)]
            for s, n in zip(g, norm, strict=True):
                if n == right:
                    continue
                yield self.issue(
                    s.unit, s.start, s.end,
                    f"nama penandatangan ditulis \"{s.name}\", padahal di baris {ref.line} "
                    f"ditulis \"{ref.name}\"",
                    expected=ref.name,
                )


@register
class SignatoryNip(Rule):
    """The same signatory with two different NIPs (spaces ignored), e.g. "197708272002121006"
    in the pengantar and "19729648 200212 1 006" at the end.

    The NIP identifies the official who signs; two NIPs for one person make the signature
    doubtful.
    """

    code = "FN104"
    name = "signatory-nip"
    category = "foreign-name"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for g in _groups(_signatures(ctx)):
            withnip = [s for s in g if s.nip and s.nip_unit is not None]
            nips = [_digits(s.nip or "") for s in withnip]
            if len(set(nips)) < 2:
                continue
            right = _canonical(nips)
            ref = withnip[nips.index(right)]
            ref_line = ref.nip_unit.position(ref.nip_span[0])[0] if ref.nip_unit else ref.line
            for s, n in zip(withnip, nips, strict=True):
                if n == right or s.nip_unit is None:
                    continue
                yield self.issue(
                    s.nip_unit, s.nip_span[0], s.nip_span[1],
                    f"NIP {s.name} tertulis {s.nip}, padahal di baris {ref_line} tertulis "
                    f"{ref.nip}",
                    expected=right,
                )


def _valid_ymd(s: str, lo: int, hi: int) -> bool:
    try:
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
        date(y, m, d)
    except ValueError:
        return False
    return lo <= y <= hi


def nip_problem(nip: str) -> str | None:
    """Why an NIP (18 digits: birth date YYYYMMDD, TMT YYYYMM, sex 1/2, number) is invalid."""
    d = _digits(nip)
    if len(d) != 18:
        return f"terdiri dari {len(d)} digit, seharusnya 18 digit"
    if not _valid_ymd(d[:8], 1930, date.today().year - 15):
        return f"8 digit pertama {d[:8]} bukan tanggal lahir yang sah (TTTTBBHH)"
    if not _valid_ymd(d[8:14] + "01", 1950, date.today().year + 1):
        return f"digit ke-9 s.d. 14 {d[8:14]} bukan bulan pengangkatan yang sah (TTTTBB)"
    if d[14] not in "12":
        return f"digit ke-15 ({d[14]}) seharusnya 1 (laki-laki) atau 2 (perempuan)"
    return None


@register
class InvalidNip(Rule):
    """An NIP that cannot be valid: not 18 digits, first 8 digits not a birth date YYYYMMDD,
    digits 9-14 not a month YYYYMM, digit 15 not 1 or 2.

    A malformed NIP is a typing error in the signature block of an official document.
    """

    code = "FN105"
    name = "invalid-nip"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, _block in units(ctx.document):
            for m in _NIP_RE.finditer(unit.text):
                why = nip_problem(m.group("nip"))
                if why:
                    yield self.issue(unit, m.start("nip"), m.end("nip"),
                                     f"NIP {m.group('nip').strip()} tidak sah: {why}")
