"""Report understanding shared by all rules: report year, instansi, kabupaten, predicate scale,
chapters and sections.

Table roles (3.1-3.8, PK, Renstra) and indicators are in :mod:`drafter.check.tables`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from drafter.document.model import Block, Document
from drafter.measure import Scale, cap_rule_stated, default_scale
from drafter.numbers import parse_number

_YEAR = r"(20\d\d)"
_TITLE_YEAR_RE = re.compile(
    r"\b(?:laporan\s+kinerja|lkj?i?p|lakip)\b[^\n]{0,120}?\btahun\s+" + _YEAR, re.IGNORECASE
)
_TAHUN_RE = re.compile(r"\btahun\s+" + _YEAR + r"\b", re.IGNORECASE)
# "Nomor 8 Tahun 2006": the year of a cited regulation says nothing about the report year
_CITED_RE = re.compile(r"\bno(?:mor|\.)?\s*[\w./-]+\s+tahun\s+20\d\d\b", re.IGNORECASE)
# "Nomor : 000.8.6.3/52/35.09.04/2025": the year closing a decree number
_DECREE_NO_RE = re.compile(r"\bnomor\s*:\s*[\w. ]+(?:/[\w. ]*)+/\s*" + _YEAR + r"\b", re.IGNORECASE)
_INSTANSI_KINDS = r"(?:Kecamatan|Kelurahan|Dinas|Badan|Inspektorat|Sekretariat|Satuan|Kantor|Bagian|Rumah Sakit)"
_KEC_RE = re.compile(r"\b(Kecamatan|Kelurahan)\s+([A-Z][a-zA-Z]+(?:\s[A-Z][a-z]+)?)")
_LK_NAME_RE = re.compile(
    r"\bLaporan\s+Kinerja\s+(?:Instansi\s+Pemerintah(?:an)?\s+)?(" + _INSTANSI_KINDS
    + r"[A-Za-z ,&]{2,80}?)\s+(?:Kabupaten\s+\w+\s+)?Tahun\s+20\d\d",
)
_KAB_RE = re.compile(r"\b(?:Kabupaten|KABUPATEN|Kota|KOTA)\s+([A-Z][a-zA-Z]+)")
_CHAPTER_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*BAB\s+([IVX]+)\b", re.IGNORECASE)
_SECTION_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*([A-F])\s*\.\s*(\d)?\.?\s*\S")
_SUBSECTION_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*([A-F])\.(\d)\b")
_RANGE_RE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:-|–|s\.?d\.?|sampai)\s*(\d+(?:[.,]\d+)?)")


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


def _texts(doc: Document, limit: int | None = None) -> list[str]:
    out: list[str] = []
    for b in doc.blocks[:limit] if limit else doc.blocks:
        if b.kind == "table":
            out.extend(c.text for c in b.cells())
        else:
            out.append(b.text)
    return out


def detect_year(doc: Document) -> tuple[int | None, str]:
    head = "\n".join(_texts(doc, 80))
    head = _CITED_RE.sub(" ", head)
    votes: Counter[int] = Counter(int(m.group(1)) for m in _TITLE_YEAR_RE.finditer(head))
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
    allt = "\n".join(_texts(doc))
    names: Counter[str] = Counter()
    for m in _KEC_RE.finditer(allt):
        kind, name = m.group(1), m.group(2).split()[0]
        names[f"{kind} {name}"] += 1
    lk = Counter(" ".join(m.group(1).split()) for m in _LK_NAME_RE.finditer(allt))
    if lk:
        full = lk.most_common(1)[0][0]
        km = re.match(r"(Kecamatan|Kelurahan)\s+(\w+)", full)
        if km:
            return f"{km.group(1)} {km.group(2)}", km.group(2), names
        return full, None, names
    if names:
        full = names.most_common(1)[0][0]
        return full, full.split(" ", 1)[1], names
    return None, None, names


def detect_kabupaten(doc: Document) -> str | None:
    allt = "\n".join(_texts(doc))
    c = Counter(m.group(1).capitalize() for m in _KAB_RE.finditer(allt)
                if m.group(1).lower() not in {"kota", "kabupaten", "dan", "jawa"})
    return c.most_common(1)[0][0] if c else None


def _num(s: str) -> Decimal | None:
    n = parse_number(s.replace(" ", ""))
    return n.value if n else None


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
    for table in doc.tables():
        if len(table.rows) < 2 or len(table.rows) > 40:
            continue
        sc = read_scale_rows([[c.text.strip() for c in r.cells] for r in table.rows])
        if sc is None or other.search(_scale_words(doc, table)):
            continue
        if is_grade_conversion(doc, table) and not capaian.search(_head_words(doc, table)):
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


def _has_band(text: str) -> bool:
    from drafter.measure import find_label, parse_interval

    return parse_interval(text) is not None and find_label(text) is not None


def assign_sections(doc: Document) -> None:
    chapter: str | None = None
    section: str | None = None
    for b in doc.blocks:
        if b.kind != "table":
            text = b.text.strip()
            m = _CHAPTER_RE.match(text)
            if m and len(text) < 120:
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
    kab = kabupaten or detect_kabupaten(doc)
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
    )


def block_chapter(block: Block) -> str | None:
    return block.chapter
