"""People in the report: the signatory's name, NIP, pangkat/golongan and jabatan, consistent
across the cover, the pengantar, the Perjanjian Kinerja, decrees and signature blocks.

A signature is a name ("Nama : ..." or an ALL-CAPS name line) with its NIP, the role line above
it (jabatan: "Camat X,", "KEPALA DINAS ...") and the pangkat line between name and NIP
("Pembina Tingkat I"). Names are compared without academic titles, dots, spacing and case
(rules/people.yaml), so "Dr. H. AHMAD FAUZI, M.Si" and "Ahmad Fauzi" are one person. Pangkat and
golongan come from rules/pangkat.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.document.model import Block, Document, TextUnit
from drafter.resources import load_yaml


@cache
def _data() -> dict[str, Any]:
    return load_yaml("rules", "people.yaml") or {}


@cache
def pangkat_table() -> dict[str, str]:
    """golongan ("IV/b") -> pangkat ("Pembina Tingkat I")."""
    return dict((load_yaml("rules", "pangkat.yaml") or {}).get("pangkat") or {})


def _pangkat_pattern(name: str) -> str:
    words = name.split()
    out = []
    i = 0
    while i < len(words):
        if words[i] == "Tingkat" and i + 1 < len(words) and words[i + 1] == "I":
            out.append(r"(?:Tingkat|Tkt?\.?)\s*(?:I|1)(?![\w/])")
            i += 2
            continue
        out.append(re.escape(words[i]))
        i += 1
    return r"\s+".join(out).replace(r"\s+(?:Tingkat", r"\s*(?:Tingkat")


_GOL = r"(?P<g>IV|III|II|I)\s*[/.\-]\s*(?P<r>[a-eA-E])(?![\w])"


@cache
def _pangkat_re() -> re.Pattern[str]:
    names = sorted(set(pangkat_table().values()), key=len, reverse=True)
    alt = "|".join(_pangkat_pattern(n) for n in names)
    return re.compile(r"(?<![\w])(?i:" + alt + r")(?![\w])")


@cache
def _pair_re() -> re.Pattern[str]:
    """A pangkat followed by its golongan: "Pembina Tk. I (IV/b)", "Penata, III/c"."""
    return re.compile(r"(?P<p>" + _pangkat_re().pattern + r")\s*(?:[,/(\-–]\s*)?"
                      r"(?i:gol(?:ongan)?\.?\s*(?:/\s*ruang)?\s*:?\s*)?\(?\s*" + _GOL + r"\)?")


@cache
def _pair_rev_re() -> re.Pattern[str]:
    """A golongan followed by its pangkat: "IV/a (Pembina)"."""
    return re.compile(r"(?<![\w/])" + _GOL + r"\s*[,(\-–]?\s*(?P<p>" + _pangkat_re().pattern + r")")


def pangkat_golongan(pangkat: str) -> str | None:
    """The golongan of a pangkat written in any common way ("Pembina Tk.I" -> "IV/b")."""
    key = " ".join(re.sub(r"(?i)\b(?:tingkat|tkt?\.?)\s*(?:i|1)\b", "Tingkat I", pangkat).split())
    for gol, name in pangkat_table().items():
        if name.lower() == key.lower():
            return gol
    return None


def _golongan(g: str, r: str) -> str:
    return f"{g.upper()}/{r.lower()}"


# --- names -------------------------------------------------------------------------------------

_NIP_RE = re.compile(r"\bNIP\b\.?\s*:?\s*(?P<nip>\d[\d ]{10,30}\d)")
# "Nama : ..." at a line start, or after "di bawah ini:" when a reader joined the lines
# ("... di bawah ini: Nama: Ir. A B, M.P. Jabatan: ...")
_NAMA_RE = re.compile(r"(?:^|(?<=:)|(?<=[.;]\s))[\s*\-•]*nama\s*:\s*(?P<name>[A-Za-z][A-Za-z.' ]+?)"
                      r"(?=,|\s*$|\*|\s+(?:jabatan|nip|pangkat|golongan|alamat|instansi)\s*:)",
                      re.IGNORECASE | re.MULTILINE)
_CAPS_NAME_RE = re.compile(r"^[ \t*_]*(?:(?:Drs|Dra|Dr|dr|drg|Ir|Prof|apt|Ns|Hj|H)\.[ \t]*){0,3}(?P<name>[A-Z][A-Z'.]*(?:[ \t]{1,2}[A-Z][A-Z'.]+){1,5})[ \t*_]*(?:,|$)",
                           re.MULTILINE)
_FIELD_RE = re.compile(r"^[\s*\-•]*(?P<key>jabatan|pangkat(?:\s*/\s*gol(?:ongan)?\.?)?|golongan)"
                       r"\s*:\s*(?P<val>[^\n*]+)", re.IGNORECASE | re.MULTILINE)
# lines between a role and the name: "PIHAK PERTAMA", "[tanda tangan]", "ttd", "Cap"
_SKIP_LINE_RE = re.compile(r"(?i)^(?:pihak\s+(?:pertama|kedua)|\[.*\]|\(.*\)|ttd\.?|cap|tanda\s+tangan)\W*$")
_DATE_LINE_RE = re.compile(r"^[\w .'-]+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}\s*$")


@cache
def _not_name() -> frozenset[str]:
    return frozenset(str(w).upper() for w in _data().get("not_name") or [])


@cache
def _titles() -> frozenset[str]:
    return frozenset(str(t).lower().replace(".", "") for t in _data().get("titles") or [])


@cache
def _role_re() -> re.Pattern[str]:
    roles = sorted((str(r) for r in _data().get("roles") or []), key=len, reverse=True)
    return re.compile(r"^(?:a\.?\s*n\.?\s+)?(?:" + "|".join(r"\s+".join(map(re.escape, r.split()))
                                                           for r in roles) + r")\b", re.IGNORECASE)


@cache
def _acting_re() -> re.Pattern[str]:
    pats = _data().get("acting") or ["(?!)"]
    return re.compile(r"(?<![\w])(?:" + "|".join(pats) + r")(?![\w])", re.IGNORECASE)


def _name_tokens(name: str) -> list[str]:
    """The words of a person's name, upper case, without titles and initials' dots."""
    name = name.split(",")[0]
    toks = re.findall(r"[A-Za-z]+(?:\.[A-Za-z]+)*\.?", name)
    out = []
    for t in toks:
        bare = t.replace(".", "").lower()
        if bare in _titles() and (t.endswith(".") or "." in t or t.isupper() or len(bare) <= 3):
            continue
        if len(bare) > 1:
            out.append(bare.upper())
    return out


def _same_person(a: list[str], b: list[str]) -> bool:
    if not a or not b or abs(len(a) - len(b)) > 1:
        return False
    hits = 0
    for t in a:
        if any(t == u or (min(len(t), len(u)) >= 4
                          and SequenceMatcher(None, t, u).ratio() >= 0.75) for u in b):
            hits += 1
    return hits / max(len(a), len(b)) >= 0.6 and a[0] == b[0]


def _name_variant(a: list[str], b: list[str]) -> bool:
    """Two spellings of one name whatever word differs ("HENDRA SAPUTRA" / "HENDRI SAPUTRA"):
    used only for signatures with the same NIP, where a different first word is a misspelling
    rather than another person."""
    if not a or not b or abs(len(a) - len(b)) > 1:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(t == u or (min(len(t), len(u)) >= 4 and SequenceMatcher(None, t, u).ratio() >= 0.75)
                   for u in long_) for t in short)


@dataclass
class _Span:
    unit: TextUnit
    start: int
    end: int
    text: str


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
    role: _Span | None = None  # the jabatan line
    pangkat: _Span | None = None  # pangkat (and golongan) of this signature
    extra: dict[str, Any] = field(default_factory=dict)


def _caps_name(unit: TextUnit, upto: int | None = None) -> tuple[str, int, int] | None:
    """The last ALL-CAPS name line of ``unit.text[:upto]`` (a name above an NIP)."""
    found = None
    for m in _CAPS_NAME_RE.finditer(unit.text, 0, len(unit.text) if upto is None else upto):
        toks = _name_tokens(m.group("name"))
        if len(toks) < 2 or any(t in _not_name() for t in toks):
            continue
        if "." in unit.text[m.start():m.start("name")] and len(m.group("name").split()) > 4:
            continue  # "Drs. A B C   D E F, S.STP": two side-by-side names joined by the reader
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


_LAST: list[tuple[Document, list[_Sig]]] = []  # the signatures of the last document


def _signatures(ctx: CheckContext) -> list[_Sig]:
    """Every signature of the document (computed once per document, shared by the rules)."""
    if _LAST and _LAST[0][0] is ctx.document:
        return _LAST[0][1]
    sigs: list[_Sig] = []
    for units_ in _sequences(ctx):
        sigs.extend(_signatures_in(units_))
    sigs.sort(key=lambda s: s.line)
    _LAST[:] = [(ctx.document, sigs)]
    return sigs


def _lines_before(blocks: list[TextUnit], i: int, pos: int, limit: int = 4) -> list[_Span]:
    """Up to ``limit`` non-empty lines before ``blocks[i].text[pos]``, nearest first."""
    out: list[_Span] = []
    j, upto = i, pos
    while j >= 0 and j > i - 4 and len(out) < limit:
        u = blocks[j]
        text = u.text[:upto]
        ends = [m for m in re.finditer(r"[^\n]+", text)]
        for m in reversed(ends):
            raw = m.group()
            t = raw.strip().strip("*_#").strip()
            if not t:
                continue
            off = m.start() + raw.index(t) if t in raw else m.start()
            out.append(_Span(u, off, off + len(t), t))
            if len(out) >= limit:
                break
        j -= 1
        upto = len(blocks[j].text) if j >= 0 else 0
    return out


def _role_of(blocks: list[TextUnit], i: int, pos: int) -> _Span | None:
    for sp in _lines_before(blocks, i, pos):
        if (_DATE_LINE_RE.match(sp.text) or _SKIP_LINE_RE.match(sp.text)):
            continue
        t = sp.text.rstrip(",").strip()
        if _role_re().match(t) and len(t.split()) <= 12:
            return _Span(sp.unit, sp.start, sp.start + len(t), t)
        return None  # the nearest text line is not a role: no jabatan known
    return None


def _between(blocks: list[TextUnit], i: int, start: int, k: int, end: int) -> list[_Span]:
    """Text from ``blocks[i].text[start:]`` to ``blocks[k].text[:end]`` as spans."""
    out = []
    for j in range(i, k + 1):
        u = blocks[j]
        a = start if j == i else 0
        b = end if j == k else len(u.text)
        if a < b:
            out.append(_Span(u, a, b, u.text[a:b]))
    return out


def _pangkat_in(spans: list[_Span]) -> _Span | None:
    for sp in spans:
        m = _pair_re().search(sp.text) or _pangkat_re().search(sp.text)
        if m:
            return _Span(sp.unit, sp.start + m.start(), sp.start + m.end(), m.group(0))
    return None


def _signatures_in(blocks: list[TextUnit]) -> list[_Sig]:
    sigs: list[_Sig] = []
    used: set[int] = set()
    for i, b in enumerate(blocks):
        text = b.text
        # both patterns need their word ("nama" in any case, "NIP" as written): a unit without
        # it is skipped without a scan (in ASCII text "nama" is found by lower-casing)
        may_name = not text.isascii() or "nama" in text.lower()
        nms = [m for m in _NAMA_RE.finditer(text) if len(_name_tokens(m.group("name"))) >= 2] \
            if may_name else []
        if nms:
            used.add(i)
            for k, nm in enumerate(nms):
                sigs.append(_nama_sig(blocks, i, nm, nms[k + 1].start() if k + 1 < len(nms) else None))
            continue
        n = _NIP_RE.search(text) if "NIP" in text else None
        if not n:
            continue
        same = _caps_name(b, n.start())  # name and NIP in one cell/paragraph
        if same:
            name, s0, e0 = same
            sig = _Sig(name, b, s0, e0, b.position(s0)[0], n.group("nip"), b, n.span("nip"))
            sig.role = _role_of(blocks, i, s0)
            sig.extra["between"] = _between(blocks, i, e0, i, n.start())
            sig.pangkat = _pangkat_in(sig.extra["between"])
            sigs.append(sig)
            used.add(i)
            continue
        inline = _inline_sig(b, n)
        if inline is not None:
            inline.role = _role_of(blocks, i, inline.start)
            sigs.append(inline)
            used.add(i)
            continue
        for j in range(i - 1, max(-1, i - 5), -1):
            if j in used:
                break
            cn = _caps_name(blocks[j])
            if cn:
                name, s0, e0 = cn
                sig = _Sig(name, blocks[j], s0, e0, blocks[j].position(s0)[0],
                           n.group("nip"), b, n.span("nip"))
                sig.role = _role_of(blocks, j, s0)
                sig.extra["between"] = _between(blocks, j, e0, i, n.start())
                sig.pangkat = _pangkat_in(sig.extra["between"])
                sigs.append(sig)
                used.add(j)
                break
        else:
            sig = _title_case_sig(blocks, i, n)
            if sig is not None:
                sigs.append(sig)
    return sigs


def _nama_sig(blocks: list[TextUnit], i: int, nm: re.Match[str], stop: int | None) -> _Sig:
    """A "Nama : ..." signature with its "Jabatan :", "Pangkat/Gol :" and NIP fields, read up
    to the next "Nama :" (``stop`` in the same block) or within the next four blocks."""
    b = blocks[i]
    name = nm.group("name").strip()
    sig = _Sig(name, b, nm.start("name"), nm.start("name") + len(name), b.position(nm.start("name"))[0])
    for j, nb in enumerate(blocks[i:i + 5]):
        if j and _NAMA_RE.search(nb.text):
            break
        off = nm.end() if j == 0 else 0
        end = stop if (j == 0 and stop is not None) else len(nb.text)
        for f in _FIELD_RE.finditer(nb.text, off, end):
            val = f.group("val").strip()
            span = _Span(nb, f.start("val"), f.start("val") + len(val), val)
            if f.group("key").lower().startswith("jabatan"):
                if sig.role is None:
                    sig.role = span
            elif sig.pangkat is None and _pangkat_re().search(val):
                sig.pangkat = _pangkat_in([span])
            else:
                sig.extra.setdefault("between", []).append(span)
        n = _NIP_RE.search(nb.text, off, end)
        if n:
            sig.nip, sig.nip_unit, sig.nip_span = n.group("nip"), nb, n.span("nip")
            break
        if j == 0 and stop is not None:
            break
    return sig


# a name in Title Case: titles before it in any case ("dr.", "Drs.", "H."), words that may be
# initials or one letter ("I Made ...", "M. Yusuf", "Ni Luh ...")
_TITLE_NAME_RE = re.compile(
    r"(?P<name>(?:(?i:dr|drs|dra|ir|h|hj|prof|kh)\.\s*)*[A-Z][a-z'’]*\.?(?:[ \t]+[A-Z][a-z'’]*\.?){1,5})"
    r"[ \t]*(?:,[^\n]*)?")


def _inline_sig(b: TextUnit, n: re.Match[str]) -> _Sig | None:
    """Name, pangkat and NIP run together on one line (Markdown joins the lines of a
    paragraph): "dr. H. Ahmad Fauzi, M.Kes Pembina (IV/a) NIP. 1981...". The text before the
    NIP on its line must be a name (Title Case or capitals, titles allowed) and, optionally, a
    pangkat right before the NIP; a sentence is never taken for a name."""
    line_start = b.text.rfind("\n", 0, n.start()) + 1
    prefix = b.text[line_start:n.start()].rstrip(" \t*_")
    name_part, pangkat = prefix, None
    for m in (*_pair_re().finditer(prefix), *_pangkat_re().finditer(prefix)):
        if prefix[m.end():].strip(" )") == "":
            name_part, pangkat = prefix[:m.start()], m
            break
    lead = len(name_part) - len(name_part.lstrip(" \t*_"))
    name_part = name_part.strip(" \t*_")
    m = _TITLE_NAME_RE.fullmatch(name_part) or _CAPS_NAME_RE.fullmatch(name_part)
    if m is None:
        return None
    toks = _name_tokens(m.group("name"))
    if len(toks) < 2 or any(t in _not_name() for t in toks) or _role_re().match(name_part):
        return None
    name = m.group("name").strip()
    s0 = line_start + lead
    sig = _Sig(name, b, s0, s0 + len(name), b.position(s0)[0], n.group("nip"), b, n.span("nip"))
    sig.extra["between"] = [_Span(b, s0 + len(name), n.start(), b.text[s0 + len(name):n.start()])]
    if pangkat is not None:
        p0 = line_start + pangkat.start()
        sig.pangkat = _Span(b, p0, p0 + len(pangkat.group(0)), pangkat.group(0))
    return sig


def _title_case_sig(blocks: list[TextUnit], i: int, n: re.Match[str]) -> _Sig | None:
    """A name in Title Case on the line just above the NIP (or above its pangkat line):
    "Ahmad Fauzi Rahman, S.Sos" / "NIP. ...". Only the nearest lines are looked at, so a
    sentence or heading is not taken for a name."""
    for k, sp in enumerate(_lines_before(blocks, i, n.start(), limit=2)):
        m = _TITLE_NAME_RE.fullmatch(sp.text)
        toks = _name_tokens(m.group("name")) if m else []
        if (m and len(toks) >= 2 and not any(t in _not_name() for t in toks)
                and not _pangkat_re().search(sp.text) and not _role_re().match(sp.text)):
            name = m.group("name").strip()
            j = blocks.index(sp.unit) if sp.unit in blocks else i
            sig = _Sig(name, sp.unit, sp.start, sp.start + len(name), sp.unit.position(sp.start)[0],
                       n.group("nip"), blocks[i], n.span("nip"))
            sig.role = _role_of(blocks, j, sp.start)
            sig.extra["between"] = _between(blocks, j, sp.start + len(name), i, n.start())
            sig.pangkat = _pangkat_in(sig.extra["between"])
            return sig
        if k == 0 and not _pangkat_re().search(sp.text):
            return None  # the nearest line is neither a name nor a pangkat
    return None


def _digits(nip: str) -> str:
    return re.sub(r"\D", "", nip)


def _one_person(s: _Sig, o: _Sig) -> bool:
    a, b = _name_tokens(s.name), _name_tokens(o.name)
    if _same_person(a, b):
        return True
    nip = _digits(s.nip or "")
    return len(nip) == 18 and nip == _digits(o.nip or "") and _name_variant(a, b)


def _groups(sigs: list[_Sig]) -> list[list[_Sig]]:
    groups: list[list[_Sig]] = []
    for s in sigs:
        for g in groups:
            if any(_one_person(s, o) for o in g):
                g.append(s)
                break
        else:
            groups.append([s])
    return groups


def _canonical(values: list[str]) -> str:
    c = Counter(values)
    best = max(c.values())
    return next(v for v in values if c[v] == best)  # ties: the first occurrence wins


def _line(sp: _Span) -> int:
    return sp.unit.position(sp.start)[0]


@register
class SignatoryName(Rule):
    """The signatory's name spelled differently in two places: "AHMAD FAUZI RAHMAN" in the
    pengantar and "AHMAD FAUZAN RAHMAN" above the NIP of the Perjanjian Kinerja.

    The signature block makes the report and its Perjanjian Kinerja binding; the official's
    name misspelt in one of them is conspicuous and can make the document look invalid.

    Names are taken from "Nama : ..." lines and from ALL-CAPS name lines just above a "NIP"
    line. Academic titles, dots, spacing and case are ignored ("Dr. H. Ahmad Fauzi, M.Si" is
    "AHMAD FAUZI"). Names that share most words (allowing small spelling differences) are taken
    as the same person; the spelling used most often (or first) is taken as right and the
    others are reported with the line of the right one.
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
    """The same signatory with two different NIPs (spaces ignored), e.g. "198106152006041003"
    in the pengantar and "19810615 200604 1 030" at the end.

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
            valid = [n for n in nips if nip_problem(n) is None]
            right = _canonical(valid or nips)  # an invalid NIP is never the reference
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
    if int(d[8:12]) - int(d[:4]) < 18:
        return (f"tahun pengangkatan {d[8:12]} kurang dari 18 tahun setelah tahun lahir {d[:4]} "
                "(CPNS diangkat paling muda 18 tahun)")
    if d[14] not in "12":
        return f"digit ke-15 ({d[14]}) seharusnya 1 (laki-laki) atau 2 (perempuan)"
    if d[15:] == "000":
        return "nomor urut (3 digit terakhir) 000 tidak sah; nomor urut dimulai dari 001"
    return None


@register
class InvalidNip(Rule):
    """An NIP that cannot be valid: not 18 digits, first 8 digits not a birth date YYYYMMDD,
    digits 9-14 not a month YYYYMM (at least 18 years after the birth year), digit 15 not 1
    or 2, sequence number 000; and digit 15 against a name marked as a woman's or a man's
    ("Hj. SITI RAHMAWATI" with digit 15 = 1, "H. AHMAD" with 2).

    A malformed NIP is a typing error in the signature block of an official document.
    """

    code = "FN105"
    name = "invalid-nip"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, _block, _live in ctx.text.scan([_NIP_RE]):  # only units where it can match
            for m in _NIP_RE.finditer(unit.text):
                why = nip_problem(m.group("nip"))
                if why:
                    yield self.issue(unit, m.start("nip"), m.end("nip"),
                                     f"NIP {m.group('nip').strip()} tidak sah: {why}")
        # the sex digit against a name marked as a woman's or a man's ("Hj. SITI ..." with
        # digit 15 = 1)
        for sig in _signatures(ctx):
            if sig.nip is None or sig.nip_unit is None or nip_problem(sig.nip) is not None:
                continue
            said = _sex_of(sig)
            digit = _digits(sig.nip)[14]
            if said is None or digit == said:
                continue
            who = "perempuan" if said == "2" else "laki-laki"
            yield self.issue(
                sig.nip_unit, sig.nip_span[0], sig.nip_span[1],
                f"NIP {sig.nip} untuk {sig.name}: digit ke-15 ({digit}) menyatakan "
                f"{'laki-laki' if digit == '1' else 'perempuan'}, padahal nama dan gelarnya "
                f"menunjukkan {who}; seharusnya {said}",
                expected=f"digit ke-15 = {said}",
            )


# "Dra." (doktoranda) is a woman's title, "Drs." (doktorandus) a man's
_WOMAN_MARK_RE = re.compile(r"(?:^|[\s,.(])(?:Hj|HJ|Ny|NY|Dra|DRA)\.|\b(?:Hajjah|HAJJAH|Nyonya|NYONYA|Ibu|IBU)\b")
_MAN_MARK_RE = re.compile(r"(?:^|[\s,(])(?:H|Drs|DRS)\.\s*(?:(?:H|Ir|Dr)\.\s*)*$|\b(?:Haji|HAJI|Bapak|BAPAK)\s*$")
_WOMAN_NAMES = frozenset({"siti", "sitti"})


def _sex_of(sig: _Sig) -> str | None:
    """"2" for a name marked as a woman's (Hj., Hajjah, Ny., Dra., Ibu, the given name Siti),
    "1" for a man's (H., Drs. or Haji before the name), None when the name says nothing."""
    text = sig.unit.text
    line_start = text.rfind("\n", 0, sig.start) + 1
    before = text[line_start:sig.start]
    first = sig.name.split()[0].lower() if sig.name.split() else ""
    woman = bool(_WOMAN_MARK_RE.search(before)) or first in _WOMAN_NAMES
    man = bool(_MAN_MARK_RE.search(before))
    if woman == man:
        return None
    return "2" if woman else "1"


def _pair_issues(rule: Rule, unit: TextUnit, text: str, base: int = 0) -> Iterable[Issue]:
    table = pangkat_table()
    for rx in (_pair_re(), _pair_rev_re()):
        for m in rx.finditer(text):
            gol = _golongan(m.group("g"), m.group("r"))
            ptext = " ".join(m.group("p").split())
            pgol = pangkat_golongan(ptext)
            if pgol is None or gol not in table or pgol == gol:
                continue
            yield rule.issue(
                unit, base + m.start(), base + m.end(),
                f"pangkat {ptext} berpasangan dengan golongan {pgol}, bukan {gol}; golongan {gol} "
                f"adalah {table[gol]}",
                expected=f"{table[gol]} ({gol}) atau {table[pgol]} ({pgol})",
            )


@register
class PangkatGolongan(Rule):
    """A pangkat written with a golongan/ruang that does not belong to it: "Pembina Tingkat I
    (IV/a)" (Pembina Tingkat I is IV/b; IV/a is Pembina), "Penata / III/d" (III/d is Penata
    Tingkat I).

    Each golongan/ruang of a civil servant has exactly one pangkat (rules/pangkat.yaml); a
    mismatched pair in a signature block or a staff table is a typing error. Pairs are read in
    a sentence or line ("Penata Muda Tk. I, III/b", "IV/a (Pembina)") and in two neighbouring
    table cells.
    """

    code = "PP101"
    name = "pangkat-golongan"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, _block, _live in ctx.text.scan([_pangkat_re()]):  # only units where it can match
            if _pangkat_re().search(unit.text):
                yield from _pair_issues(self, unit, unit.text)
        for t in ctx.document.tables():
            yield from self._cells(t)

    def _cells(self, t: Block) -> Iterable[Issue]:
        table = pangkat_table()
        gol_re = re.compile(r"\s*\(?" + _GOL + r"\)?\s*")
        for row in t.rows:
            cells = row.cells
            for a, b in zip(cells, cells[1:], strict=False):
                for p, g in ((a, b), (b, a)):
                    pm = _pangkat_re().fullmatch(p.text.strip())
                    gm = gol_re.fullmatch(g.text)
                    if not pm or not gm:
                        continue
                    gol = _golongan(gm.group("g"), gm.group("r"))
                    pgol = pangkat_golongan(pm.group(0))
                    if pgol is None or gol not in table or pgol == gol:
                        continue
                    yield self.issue(
                        g, gm.start("g"), gm.end("r"),
                        f"golongan {gol} tidak sesuai dengan pangkat {pm.group(0)} di sel sebelahnya; "
                        f"{pm.group(0)} adalah golongan {pgol}, golongan {gol} adalah {table[gol]}",
                        expected=pgol,
                    )


def _sig_golongan(s: _Sig) -> str | None:
    if s.pangkat is None:
        return None
    m = _pair_re().search(s.pangkat.text)
    if m:
        return _golongan(m.group("g"), m.group("r"))
    return pangkat_golongan(s.pangkat.text)


def _self_contradicting(s: _Sig) -> bool:
    """The signature's pangkat name and its written golongan disagree."""
    if s.pangkat is None:
        return False
    m = _pair_re().search(s.pangkat.text)
    if m is None or not m.groupdict().get("p"):
        return False
    named = pangkat_golongan(m.group("p"))
    return named is not None and named != _golongan(m.group("g"), m.group("r"))


@register
class SignatoryPangkat(Rule):
    """The same signatory with two different pangkat/golongan: "Pembina" under the name in
    the pengantar and "Penata Tingkat I" in the Perjanjian Kinerja.

    A pangkat changes only by a formal promotion; within one report it must be the same in
    every signature block. The pangkat used most often (or first) is taken as right.
    """

    code = "PP102"
    name = "signatory-pangkat"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        table = pangkat_table()
        for g in _groups(_signatures(ctx)):
            # a block whose pangkat contradicts its own golongan ("Pembina Utama Madya (IV/c)")
            # is PP101's; it says nothing certain about the other blocks
            withp = [(s, gol) for s in g if (gol := _sig_golongan(s)) is not None
                     and not _self_contradicting(s)]
            gols = [gol for _s, gol in withp]
            if len(set(gols)) < 2:
                continue
            right = _canonical(gols)
            ref = next(s for s, gol in withp if gol == right)
            for s, gol in withp:
                if gol == right or s.pangkat is None:
                    continue
                written = s.pangkat.text if gol in s.pangkat.text.replace(" ", "") else f"{s.pangkat.text} ({gol})"
                yield self.issue(
                    s.pangkat.unit, s.pangkat.start, s.pangkat.end,
                    f"pangkat {s.name} tertulis {written}, padahal di baris "
                    f"{_line(ref.pangkat) if ref.pangkat else ref.line} tertulis "
                    f"{table.get(right, right)} ({right})",
                    expected=f"{table.get(right, right)} ({right})",
                )


def _role_key(text: str) -> tuple[str, str]:
    """(role word(s), the whole jabatan) in lower case without punctuation."""
    t = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    m = _role_re().match(t)
    return (m.group(0) if m else t.split(" ")[0]), t


def _acting(text: str) -> bool:
    return bool(_acting_re().search(text))


@register
class SignatoryRole(Rule):
    """The same signatory with two different jabatan ("Camat X" in the pengantar, "Sekretaris
    Camat X" in the Perjanjian Kinerja), or two different people signing in the same jabatan
    ("Camat X" signed by two names).

    One official signs the report and its Perjanjian Kinerja in one role; a different role or a
    different name for the same role shows a block copied from another document or year.
    Acting officials (Plt., Plh., Pj., a.n.) are not compared. The jabatan is the role line
    above the name ("Camat X,", "KEPALA DINAS ...") or the "Jabatan :" field.
    """

    code = "PP103"
    name = "signatory-role"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        sigs = [s for s in _signatures(ctx) if s.role is not None and not _acting(s.role.text)]
        groups = _groups(sigs)
        # the same person in two roles
        for g in groups:
            keys = [_role_key(s.role.text)[0] for s in g if s.role is not None]
            if len(set(keys)) < 2:
                continue
            right = _canonical(keys)
            ref = next(s for s in g if s.role is not None and _role_key(s.role.text)[0] == right)
            for s in g:
                if s.role is None or _role_key(s.role.text)[0] == right or ref.role is None:
                    continue
                yield self.issue(
                    s.role.unit, s.role.start, s.role.end,
                    f"jabatan {s.name} tertulis \"{s.role.text}\", padahal di baris "
                    f"{_line(ref.role)} tertulis \"{ref.role.text}\"",
                    expected=ref.role.text,
                )
        # two people in the same role
        by_role: dict[str, list[int]] = {}
        for gi, g in enumerate(groups):
            for s in g:
                if s.role is None:
                    continue
                full = _role_key(s.role.text)[1]
                if len(full.split()) >= 2:
                    by_role.setdefault(full, [])
                    if gi not in by_role[full]:
                        by_role[full].append(gi)
        for full, gis in by_role.items():
            if len(gis) < 2:
                continue
            counts = {gi: sum(1 for s in groups[gi] if s.role is not None
                              and _role_key(s.role.text)[1] == full) for gi in gis}
            best = max(gis, key=lambda gi: (counts[gi], -gis.index(gi)))
            ref = next(s for s in groups[best] if s.role is not None)
            for gi in gis:
                if gi == best:
                    continue
                for s in groups[gi]:
                    if s.role is None or _role_key(s.role.text)[1] != full:
                        continue
                    yield self.issue(
                        s.unit, s.start, s.end,
                        f"\"{s.name}\" menandatangani sebagai {s.role.text}, padahal di baris "
                        f"{ref.line} {s.role.text} adalah \"{ref.name}\"; periksa nama pejabat",
                        expected=ref.name,
                    )


def _norm_pangkat(text: str) -> str:
    t = re.sub(r"(?i)\b(?:tingkat|tkt?)\s*\.?\s*(?:i|1)\b", " tingkat i", text)
    return " ".join(re.sub(r"[^a-z ]", " ", t.lower()).split())


@register
class UnknownPangkat(Rule):
    """A pangkat in a signature block that is no pangkat of the official list: "Pejabat
    TK.1" under the signatory's name (meant: "Pembina Tingkat I").

    The line between the name and the NIP (or the "Pangkat :" field) carries the pangkat; a
    word close to a pangkat but not one (rules/pangkat.yaml) is a typing error. Lines that are
    not close to any pangkat (an office, a second title) are left alone.
    """

    code = "PP104"
    name = "unknown-pangkat"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        names = {_norm_pangkat(n): n for n in pangkat_table().values()}
        for s in _signatures(ctx):
            if s.pangkat is not None:
                continue
            for sp in s.extra.get("between") or []:
                for lm in re.finditer(r"[^\n]+", sp.text):
                    raw = lm.group().strip().strip("*_").strip()
                    if not raw or len(raw.split()) > 5 or not raw[0].isalpha():
                        continue
                    key = _norm_pangkat(re.sub(r"\(?\b(?:IV|III|II|I)\s*/\s*[a-eA-E]\)?", "", raw))
                    if not key or key in names:
                        continue
                    ranked = sorted(names, key=lambda n: (-SequenceMatcher(None, key, n).ratio(), n))
                    close = [names[n] for n in ranked[:2] if SequenceMatcher(None, key, n).ratio() >= 0.75]
                    if not close:
                        continue
                    off = sp.start + lm.start() + lm.group().index(raw)
                    yield self.issue(
                        sp.unit, off, off + len(raw),
                        f"\"{raw}\" bukan pangkat PNS yang sah; mungkin maksudnya "
                        + " atau ".join(f"\"{c}\"" for c in close),
                        expected=close[0],
                    )


@register
class SharedNip(Rule):
    """One NIP written under two different people: "19810615 200604 1 003" under the camat and
    again under the sekretaris camat.

    An NIP belongs to one civil servant; the same NIP under another name is a signature block
    copied without changing the NIP (or a name not changed). Names that are variants of each
    other (titles, spacing, a small misspelling) are one person and are not reported here.
    """

    code = "PP105"
    name = "shared-nip"
    category = "foreign-name"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        first: dict[str, tuple[int, _Sig]] = {}
        for gi, g in enumerate(_groups(_signatures(ctx))):
            for s in g:
                if not s.nip or s.nip_unit is None:
                    continue
                d = _digits(s.nip)
                if len(d) != 18:
                    continue
                if d not in first:
                    first[d] = (gi, s)
                    continue
                ogi, other = first[d]
                if ogi == gi:
                    continue
                yield self.issue(
                    s.nip_unit, s.nip_span[0], s.nip_span[1],
                    f"NIP {s.nip} di bawah nama \"{s.name}\" sama dengan NIP \"{other.name}\" "
                    f"(baris {other.line}); satu NIP hanya untuk satu pegawai",
                )
