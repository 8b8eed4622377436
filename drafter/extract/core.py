"""Read the figures of an existing LKIP (identity, measurement, history, Renstra, comparison
values, programs and budget) into the structure of a figures file.

Everything comes from the checker's own understanding of the report: the document model
(:mod:`drafter.document`), the report analysis (:mod:`drafter.check.analyzer`: year, instansi,
region, scale) and the table index (:mod:`drafter.check.tables`: the role of each table from
its caption or header, and its parsed indicator and budget rows). Prose cues (lists of B.2, the
signature block, the Renstra period...) are regular expressions in ``rules/extract.yaml``; the
prose a drafted report writes (B.2 lists, the programs of each sasaran in B.3, comparison values
and causes in B.1) is read by the phrasebank frames in reverse (:mod:`drafter.extract.frames`),
never by the wording of B.1 for numbers (those come from the tables).

Each value is gathered with all the places that state it (:class:`Cand`). :class:`Extraction`
keeps the first one and records a comment on the value's path when none was found
(``tidak ditemukan``) or when the places disagree (``berbeda: Tabel 3.1 = 80; PK = 100``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

import yaml

from drafter.check.context import CheckContext
from drafter.check.fuzzy import similarity
from drafter.check.tables import BudgetRow, IndicatorRow, TableIndex, ValueCell, logical_cells
from drafter.document.model import Block, Cell, Document, TextUnit
from drafter.measure import capaian as measure_capaian
from drafter.measure import efficiency, grade_codes, pct
from drafter.resources import load_yaml

Path_ = tuple[str | int, ...]

NOT_FOUND = "tidak ditemukan"
DIFFERENT = "berbeda"
CHECK = "periksa"

_WS_RE = re.compile(r"\s+")
_ESCAPED_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_PREFIX_RE = re.compile(
    r"^\s*(?:(?:[IVXL]{1,5}|\d{1,3}(?:\.\d{1,3})*|[a-z])\s*[.)]\s+)?"
    r"(?:(?:sub\s+kegiatan|kegiatan|program|indikator|sasaran(?:\s+strategis)?|outcome|output|"
    r"input)\s*(?:\d{1,3})?\s*:\s*)?", re.I)
_ENUM_RE = re.compile(r"^\s*(?:[-–•*]\s*|\(?(?:\d{1,3}|[a-zA-Z])[.)]\s+)")
_GRADE_SCORE_RE = re.compile(r"^\s*(AA|A|BB|B|CC|C|D)\s*\(\s*(-?[\d.]*\d(?:,\d+)?)\s*\)\s*$")
_YEAR_TAIL_RE = re.compile(r"^(.*?)\s+(?:Tahun|Th\.?)\s+((?:19|20)\d\d)\s*$", re.I)
_NOT_NAME = r"(?!(?:Tahun|Th|Provinsi|Nomor|No|Dan|Pada|Dalam|Sebesar|Bagian|Yang)\b)"
_REGION_RE = re.compile(rf"\b(Kabupaten|Kota)\s+({_NOT_NAME}[A-Z][\w'-]*(?:\s+{_NOT_NAME}[A-Z][\w'-]*){{0,2}})")
_JOINED_HEADER_RE = re.compile(r"(?<=[.!?;)])\s+[A-Z][^.!?:]{2,120}:$")
_RP_RE = re.compile(r"Rp\.?\s*([\d.]+(?:,\d+)?)", re.I)


@lru_cache(maxsize=1)
def _conf() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("rules", "extract.yaml")
    return data


@lru_cache(maxsize=32)
def _re(key: str) -> re.Pattern[str]:
    return re.compile(str(_conf()[key]), re.I | re.M)


def clean(text: str | None) -> str:
    """Cell or paragraph text as a figures value: markup removed, whitespace collapsed."""
    if not text:
        return ""
    text = _ESCAPED_RE.sub(r"\1", text.replace("**", " "))  # Markdown "\@" is "@"
    return _WS_RE.sub(" ", text).strip()


def clean_name(text: str | None) -> str:
    """A sasaran/indicator/program name without numbering and level prefix."""
    t = clean(text)
    m = _PREFIX_RE.match(t)
    return t[m.end():].strip(" :-") if m and m.end() else t


def yaml_scalar(v: Any) -> str:
    """One scalar as YAML text on one line, written by PyYAML's emitter (strings quoted and
    escaped as needed), numbers as exact decimals."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return dec_text(v)
    if isinstance(v, int):
        return str(v)
    if v is None:
        return "null"
    text = " ".join(str(v).split())  # one line: the extractor never keeps line breaks
    out = yaml.safe_dump([text], default_flow_style=True, allow_unicode=True, width=10**9)
    return out.strip()[1:-1]


def fmt_value(v: Any) -> str:
    """A candidate value as written in a comment (as it would be typed in the figures file)."""
    return yaml_scalar(v)


def dec_text(v: Decimal) -> str:
    s = format(v, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


@dataclass
class Cand:
    """One place stating a value."""

    value: Any
    where: str
    unit: TextUnit | None = None
    doc_format: str = "text"

    def place(self) -> str:
        if self.unit is None:
            return self.where
        line = self.unit.locate().line
        what = "paragraf" if self.doc_format == "docx" else "baris"
        return f"{self.where} ({what} {line})"


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    if isinstance(a, str) and isinstance(b, str):
        return clean(a).casefold() == clean(b).casefold()
    return bool(a == b)


@dataclass
class Extraction:
    """The figures read from one report, with a comment per doubtful value."""

    data: dict[str, Any] = field(default_factory=dict)
    comments: dict[Path_, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def pick(self, path: Path_, cands: list[Cand], default: Any = None, *,
             required: bool = True) -> Any:
        """The first stated value; a comment when there is none or when places disagree."""
        found = [c for c in cands if c.value is not None and c.value != ""]
        if not found:
            if required:
                self.comments[path] = NOT_FOUND
            return default
        first = found[0]
        distinct: list[Cand] = []
        for c in found:
            if not any(_same(c.value, d.value) for d in distinct):
                distinct.append(c)
        if len(distinct) > 1:
            parts = []
            for d in distinct:
                places = [c.place() for c in found if _same(c.value, d.value)]
                parts.append(f"{', '.join(dict.fromkeys(places))} = {fmt_value(d.value)}")
            self.comments[path] = f"{DIFFERENT}: " + "; ".join(parts)
        return first.value

    def check(self, path: Path_, text: str) -> None:
        """A remark that needs no decision (a derived value that does not add up)."""
        old = self.comments.get(path)
        note = f"{CHECK}: {text}"
        self.comments[path] = f"{old} // {note}" if old else note


# --------------------------------------------------------------------------- helpers
def _cell_value(vc: ValueCell | None) -> tuple[Any, Decimal | None]:
    """(value, score) of a cell: a number, a grade, or a grade with its score ``BB (70)``."""
    if vc is None:
        return None, None
    m = _GRADE_SCORE_RE.match(vc.text)
    if m:
        return m.group(1), Decimal(m.group(2).replace(".", "").replace(",", "."))
    v = vc.value
    if isinstance(v, str):
        v = v.upper() if v.upper() in grade_codes() else None
    return v, None


def _satuan(vc: ValueCell | None) -> str | None:
    if vc is None or vc.num is None:
        return None
    rest = re.sub(r"-?[\d.]*\d(?:,\d+)?", " ", vc.text, count=1).strip()
    if "%" in rest or "persen" in rest.lower():
        return "%"
    words = re.findall(r"[A-Za-z][\w/.-]*", rest)
    return " ".join(words)[:30] if words else ""


def _best(name: str, rows: list[Any], attr: str = "name", threshold: float = 0.6) -> Any:
    best, best_s = None, threshold
    for r in rows:
        s = similarity(clean_name(name), clean_name(getattr(r, attr) or ""))
        if s > best_s or (best is None and s >= best_s):
            best, best_s = r, s
    return best


def _raw_cell(index: TableIndex, row: IndicatorRow | BudgetRow, label_re: str) -> Cell | None:
    """The cell of ``row`` under the column whose header label matches ``label_re``."""
    info = index.info.get(row.table.index)
    if info is None:
        return None
    pat = re.compile(label_re, re.I)
    cols = [c for c, lab in sorted(info.labels.items()) if pat.search(lab or "")]
    if not cols:
        return None
    ncols = max(len(r.cells) for r in row.table.rows)
    cells = logical_cells(row.row, ncols)
    return cells.get(cols[0])


# --------------------------------------------------------------------------- extractor
class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.ctx = CheckContext(doc)
        self.info = self.ctx.info
        self.index = self.ctx.tables
        self.x = Extraction()
        # B.2 items that may be two items joined by "dan" (sasaran, field, index)
        self._b2_unsure: list[tuple[dict[str, Any], str, int]] = []
        self.fmt = doc.format

    def cand(self, value: Any, where: str, unit: TextUnit | None = None) -> Cand:
        return Cand(value, where, unit, self.fmt)

    def vcand(self, vc: ValueCell | None, where: str) -> Cand:
        v, _ = _cell_value(vc)
        return Cand(v, where, vc.cell if vc else None, self.fmt)

    def tname(self, role: str) -> str:
        return self.index.name(role)

    def prose(self) -> list[Block]:
        return [b for b in self.doc.blocks if b.kind != "table"]

    # ----------------------------------------------------------------- identity
    def identity(self) -> dict[str, Any]:
        x = self.x
        inst = [self.cand(self.info.instansi, "judul laporan")]
        for pat in _conf()["instansi"]:
            rx = re.compile(pat, re.I)
            for b in self.prose():
                m = rx.search(clean(b.text))
                if m:
                    name = m.group(1).strip()
                    inst.append(self.cand(name.title() if name.isupper() else name, "teks", b))
                    break
        nama = x.pick(("instansi", "nama"), inst, "")
        votes: Counter[tuple[str, str]] = Counter()
        first: dict[tuple[str, str], Block] = {}
        for b in self.prose():
            for m in _REGION_RE.finditer(clean(b.text)):
                key = (m.group(1).title(), m.group(2).title())
                votes[key] += 1
                first.setdefault(key, b)
        cands: list[Cand] = []
        if votes:
            (kind, name), _ = votes.most_common(1)[0]
            cands.append(self.cand(name, "teks", first[(kind, name)]))
        else:
            kind = ""
        if self.info.kabupaten:
            cands.append(self.cand(self.info.kabupaten.removeprefix("Kabupaten ")
                                   .removeprefix("Kota "), "gazetir"))
        kab = x.pick(("instansi", "kabupaten"), cands, "")
        kinds = [self.cand(kind or None, "teks"), self.cand(self.info.kabupaten_kind, "gazetir")]
        jenis = x.pick(("instansi", "jenis_daerah"), kinds, "Kabupaten")
        out: dict[str, Any] = {"nama": nama, "kabupaten": kab}
        if jenis != "Kabupaten":
            out["jenis_daerah"] = jenis
        out["kepala"] = self.kepala()
        return out

    def kepala(self) -> dict[str, Any]:
        blocks = self.prose()
        pangkat_words = {clean(p).casefold()
                         for p in (load_yaml("rules", "pangkat.yaml") or {}).get("pangkat", {}).values()}
        names: list[Cand] = []
        ranks: list[Cand] = []
        nips: list[Cand] = []
        titles: list[Cand] = []
        for i, b in enumerate(blocks):
            t = clean(b.text)
            m = _re("nip").search(t)
            if not m:
                continue
            nip = m.group(1).replace(" ", "")
            if len(nip) != 18:
                continue
            nips.append(self.cand(nip, "tanda tangan", b))
            # the lines above the NIP, nearest first (a reader may have joined the rank to it)
            above: list[tuple[str, Block]] = []
            if t[:m.start()].strip():
                above.append((t[:m.start()].strip(" ,"), b))
            above += [(clean(blocks[k].text).strip(" ,"), blocks[k])
                      for k in range(i - 1, max(-1, i - 3), -1)]
            if not above:
                continue
            rank_txt = re.sub(r"\s*\(?[IV]+/[a-e]\)?\s*$", "", above[0][0]).strip(" ,")
            if rank_txt.casefold() in pangkat_words or _re("rank_line").search(rank_txt):
                ranks.append(self.cand(rank_txt, "tanda tangan", above[0][1]))
                above = above[1:]
            if not above:
                continue
            names.append(self.cand(above[0][0], "tanda tangan", above[0][1]))
            j = blocks.index(above[0][1]) if above[0][1] is not b else i
            for k in range(j - 1, max(-1, j - 6), -1):
                t = clean(blocks[k].text)
                mj = _re("jabatan").match(t) or _re("jabatan_field").match(t)
                if mj:
                    title = mj.group(1).strip(" ,")
                    if title.isupper():
                        title = title.title()
                    titles.append(self.cand(title, "tanda tangan", blocks[k]))
                    break
        x = self.x
        out: dict[str, Any] = {
            "nama": x.pick(("instansi", "kepala", "nama"), names, ""),
            "jabatan": x.pick(("instansi", "kepala", "jabatan"), titles, ""),
        }
        rank = x.pick(("instansi", "kepala", "pangkat"), ranks, required=False)
        if rank:
            out["pangkat"] = rank
        nip = x.pick(("instansi", "kepala", "nip"), nips, required=False)
        if nip:
            out["nip"] = nip
        return out

    def renstra_period(self, tahun: int) -> dict[str, int]:
        votes: list[Cand] = []
        for b in self.prose():
            for m in _re("renstra_period").finditer(clean(b.text)):
                a, z = int(m.group(1)), int(m.group(2))
                if z > a:
                    votes.append(self.cand(f"{a}-{z}", "teks", b))
        count = Counter(c.value for c in votes)
        votes.sort(key=lambda c: -count[c.value])  # the most stated period first
        years = sorted({int(k.split(":", 1)[1]) for r in self.index.rows("renstra", all_rows=True)
                        for k in r.values if k.startswith("target:")})
        if len(years) >= 2:
            votes.append(self.cand(f"{years[0]}-{years[-1]}", self.tname("renstra")))
        period = self.x.pick(("renstra",), votes[:1] + [c for c in votes[1:]
                                                          if count[c.value] > 1], None)
        if period is None:
            return {"awal": tahun - 1, "akhir": tahun + 4}
        a, z = (int(v) for v in str(period).split("-"))
        return {"awal": a, "akhir": z}

    # ----------------------------------------------------------------- measurement
    def sasaran(self, tahun: int, period: dict[str, int]) -> list[dict[str, Any]]:
        rows = self.index.rows("3.1", indicators_only=True)
        where_main = self.tname("3.1")
        if not rows:
            rows = self.index.rows("PK", indicators_only=True)
            where_main = self.tname("PK")
        groups: list[tuple[str, list[IndicatorRow]]] = []
        for r in rows:
            sname = clean_name(r.sasaran) if r.sasaran else ""
            if groups and (not sname or similarity(sname, groups[-1][0]) >= 0.9):
                groups[-1][1].append(r)
            else:
                groups.append((sname, [r]))
        negatives = self.negative_names()
        self._text_real = self.text_realisasi(tahun)
        out: list[dict[str, Any]] = []
        n_ind = 0
        for si, (sname, srows) in enumerate(groups):
            sp: Path_ = ("sasaran", si)
            s: dict[str, Any] = {"id": f"S{si + 1}"}
            s["nama"] = self.x.pick((*sp, "nama"), [self.cand(sname or None, where_main)], "")
            inds = []
            for ii, r in enumerate(srows):
                inds.append(self.indikator((*sp, "indikator", ii), r, where_main, tahun, period,
                                           negatives, n_ind))
                n_ind += 1
            s["indikator"] = inds
            out.append(s)
        if not out:
            self.x.comments[("sasaran",)] = NOT_FOUND
            out.append({"id": "S1", "nama": "", "indikator": [
                {"nama": "", "target": 1, "realisasi": 1}]})
            self.x.comments[("sasaran", 0, "indikator")] = NOT_FOUND
        self.analysis_lists(out)
        self.b1_notes(out)
        for si, s in enumerate(out):
            for sref, fld, i in self._b2_unsure:
                if sref is s:
                    self.x.check(("sasaran", si, fld, i), 'bila butir ini dua butir yang '
                                 'digabung dengan "dan", pisahkan')
        return out

    def text_realisasi(self, tahun: int) -> dict[int, list[Cand]]:
        """Realisasi values the analysis prose states, per indicator row (``id`` of the row),
        read with the claim rules' own sentence patterns (``rules/claims.yaml``)."""
        from drafter.check.claims_parse import indicator_paragraphs, num_in, pattern

        out: dict[int, list[Cand]] = {}
        pat = pattern("realisasi")
        for b, row in indicator_paragraphs(self.ctx):
            if row is None:
                continue
            for m in pat.finditer(clean(b.text)):
                year = m.group("year")
                if year is not None and int(year) != tahun:
                    continue
                n = num_in(m.group("num"))
                if n is not None:
                    out.setdefault(id(row), []).append(self.cand(n.value, "teks", b))
        return out

    def negative_names(self) -> list[str]:
        """Indicator names the prose calls negative-polarity (text just before the cue)."""
        names: list[str] = []
        last = ""
        for b in self.prose():
            t = clean(b.text)
            m = re.match(r"^\W*indikator\s*\d{0,3}\s*:\s*(.+)$", t, re.I)
            if m:
                last = m.group(1)
            if re.search(r"polaritas\s+negatif", t, re.I) and last:
                names.append(last)
        return names

    def indikator(self, path: Path_, r: IndicatorRow, where: str, tahun: int,
                  period: dict[str, int], negatives: list[str], n: int) -> dict[str, Any]:
        x = self.x
        ind: dict[str, Any] = {"nama": x.pick((*path, "nama"), [self.cand(clean_name(r.name) or None,
                                                                          where, r.name_cell)], "")}
        t_vc, r_vc, c_vc = r.get("target"), r.get("realisasi"), r.get("capaian")
        t_val, t_score = _cell_value(t_vc)
        r_val, r_score = _cell_value(r_vc)
        t_c = [self.cand(t_val, where, t_vc.cell if t_vc else None)]
        r_c = [self.cand(r_val, where, r_vc.cell if r_vc else None)]
        name = ind["nama"]

        def match(role: str) -> IndicatorRow | None:
            rows = self.index.rows(role, indicators_only=True)
            hit = _best(name, rows)
            if hit is None and len(rows) > n and len(rows) == len(self.index.rows("3.1", indicators_only=True)):
                hit = rows[n]
            return hit

        pk = match("PK") if r.role != "PK" else None
        if pk is not None:
            t_c.append(self.vcand(pk.get("target"), self.tname("PK")))
        r32 = match("3.2")
        if r32 is not None:
            t_c.append(self.vcand(r32.get(f"target:{tahun}"), self.tname("3.2")))
            r_c.append(self.vcand(r32.get(f"realisasi:{tahun}"), self.tname("3.2")))
        r33 = match("3.3")
        if r33 is not None:
            r_c.append(self.vcand(r33.get("realisasi"), self.tname("3.3")))
        r34 = match("3.4")
        if r34 is not None:
            r_c.append(self.vcand(r34.get("realisasi"), self.tname("3.4")))
        if not isinstance(r_val, str):
            r_c.extend(self._text_real.get(id(r), []))
        sat = _satuan(t_vc) or _satuan(r_vc) or ""
        target = x.pick((*path, "target"), t_c, None)
        realisasi = x.pick((*path, "realisasi"), r_c, None)
        grade = isinstance(target, str) or isinstance(realisasi, str)
        if grade and not (isinstance(target, str) and isinstance(realisasi, str)):
            x.check((*path, "target"), "target dan realisasi tidak sama jenisnya (angka/huruf)")
            target = target if isinstance(target, str) else "B"
            realisasi = realisasi if isinstance(realisasi, str) else "B"
        if target is None or (not grade and target == 0):
            x.comments.setdefault((*path, "target"), NOT_FOUND)
            target = realisasi if isinstance(realisasi, Decimal) and realisasi != 0 else Decimal(1)
        if realisasi is None:
            x.comments.setdefault((*path, "realisasi"), NOT_FOUND)
            realisasi = target
        if sat and not grade:
            ind["satuan"] = sat
        polar = "positif"
        cap, _ = _cell_value(c_vc)
        if any(similarity(name, neg) >= 0.9 for neg in negatives):
            polar = "negatif"
        elif isinstance(cap, Decimal) and not grade and isinstance(target, Decimal):
            pos = measure_capaian(target, realisasi, "positif")
            neg = measure_capaian(target, realisasi, "negatif")
            close = Decimal("0.015")
            if abs(neg - cap) <= close < abs(pos - cap):
                polar = "negatif"
            elif abs(pos - cap) > close and c_vc is not None:
                x.check((*path, "realisasi"),
                        f"capaian {where} = {dec_text(cap)}, dihitung dari target dan realisasi = "
                        f"{dec_text(pos)}")
        if polar == "negatif":
            ind["polaritas"] = "negatif"
        ind["target"] = target
        ind["realisasi"] = realisasi
        if grade and t_score is not None:
            ind["skor_target"] = t_score
        if grade and r_score is not None:
            ind["skor_realisasi"] = r_score
        # earlier years (Tabel 3.2)
        if r32 is not None:
            hist = []
            years = sorted({int(k.split(":", 1)[1]) for k in r32.values if ":" in k})
            for y in years:
                if y >= tahun:
                    continue
                tv, ts = _cell_value(r32.get(f"target:{y}"))
                rv, rs = _cell_value(r32.get(f"realisasi:{y}"))
                if tv is None and rv is None:
                    continue
                h: dict[str, Any] = {"tahun": y}
                if tv is not None:
                    h["target"] = tv
                if rv is not None:
                    h["realisasi"] = rv
                if isinstance(tv, str) and ts is not None:
                    h["skor_target"] = ts
                if isinstance(rv, str) and rs is not None:
                    h["skor_realisasi"] = rs
                hist.append(h)
            if hist:
                ind["riwayat"] = hist
        # Renstra targets: the matrix (every print of it), Tabel 3.3 for the final year
        renstra: dict[int, Any] = {}
        matrix = [m for m in self.index.rows("renstra", all_rows=True)
                  if m.kind == "indicator" and similarity(clean_name(m.name), name) >= 0.75]
        for y in range(tahun, period["akhir"] + 1):
            cands = [self.vcand(m.get(f"target:{y}"), self.tname("renstra")) for m in matrix]
            if y == period["akhir"] and r33 is not None:
                cands.append(self.vcand(r33.get("target"), self.tname("3.3")))
            if not any(c.value is not None for c in cands):
                continue
            v = x.pick((*path, "renstra", y), cands, None, required=False)
            if v is not None and isinstance(v, str) == grade:
                renstra[y] = v
        if renstra:
            ind["renstra"] = renstra
        if r34 is not None:
            pb = self.pembanding(r34, (*path, "pembanding"))
            if pb:
                ind["pembanding"] = pb
        return ind

    def pembanding(self, r: IndicatorRow, path: Path_) -> dict[str, Any] | None:
        nilai, _ = _cell_value(r.get("nasional"))
        if nilai is None:
            return None
        cell = _raw_cell(self.index, r, r"pembanding|standar")
        label = clean(cell.text) if cell is not None else ""
        out: dict[str, Any] = {"nilai": nilai}
        tahun: int | None = None
        m = _YEAR_TAIL_RE.match(label)
        if m:
            label, tahun = m.group(1), int(m.group(2))
        if not label:
            info = self.index.info.get(r.table.index)
            vc = r.get("nasional")
            col = vc.cell.col if vc is not None else -1
            label = clean(info.labels.get(col, "")) if info else ""
            self.x.check((*path, "label"), "tidak ada kolom pembanding; judul kolom nilai dipakai")
        out["label"] = label or "Pembanding"
        sumber = None
        key = label[:40].casefold()
        for b in self.prose():
            t = clean(b.text)
            if key and key in t.casefold():
                ms = _re("sumber").search(t)
                if ms:
                    sumber = ms.group(1).strip()
                    break
        if sumber:
            out["sumber"] = sumber
        if tahun is not None:
            out["tahun"] = tahun
        return out

    def analysis_lists(self, sasaran: list[dict[str, Any]]) -> None:
        """Faktor keberhasilan/kegagalan, permasalahan and solusi from B.2; rincian from B.1."""
        cues = [(k, re.compile(v, re.I)) for k, v in _conf()["lists"].items()]
        head = _re("sasaran_header")
        current: dict[str, Any] | None = None
        fld: str | None = None
        rincian_judul: str | None = None
        pieces: list[tuple[Block, str, str]] = []
        for b in self.prose():
            sec = b.section or ""
            if b.chapter not in (None, "BAB III") or not sec.startswith(("B.1", "B.2")):
                continue
            t = clean(b.text)
            # a reader that joined a list header to the text before it (PDF line joining):
            # "... bulan. Solusi yang direncanakan untuk tahun 2025:" is two pieces
            m = _JOINED_HEADER_RE.search(t)
            if m and m.start() > 0:
                pieces.append((b, b.kind, t[:m.start()].strip()))
                pieces.append((b, "paragraph", m.group(0).strip()))
            else:
                pieces.append((b, b.kind, t))
        for b, kind, t in pieces:
            sec = b.section or ""
            in_b1, in_b2 = sec.startswith("B.1"), sec.startswith("B.2")
            if kind != "list_item":
                m = head.match(t)
                if m:
                    current = self._sasaran_for(sasaran, int(m.group(1)), m.group(2))
                    fld, rincian_judul = None, None
                    continue
                if re.match(r"^\W*indikator\s*\d{0,3}\s*:", t, re.I):
                    fld, rincian_judul = None, None
                    continue
                fld, rincian_judul = None, None
                if current is None:
                    continue
                if in_b2 and self.b2_prose(current, t, b):
                    continue
                if in_b2:
                    for key, pat in cues:
                        if pat.search(t):
                            if t.endswith(":"):
                                fld = key
                            elif key == "faktor_keberhasilan":
                                md = re.search(r"didukung\s+oleh\s+(.+)$", t, re.I)
                                if md:
                                    item = md.group(1).strip()
                                    current.setdefault(key, []).append(item[:1].upper() + item[1:])
                            break
                elif t.endswith(":") and not re.search(r"\bsumber\s+data\b", t, re.I):
                    # the sentence introducing the list (the analysis before it is not a title)
                    last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", t)[-1]
                    rincian_judul = last.rstrip(": ").strip()
                continue
            if current is None:
                continue
            item = _ENUM_RE.sub("", t, count=1).strip()
            if not item:
                continue
            if in_b2 and fld:
                current.setdefault(fld, []).append(item)
            elif in_b1 and rincian_judul:
                rc = current.setdefault("rincian", {"judul": rincian_judul, "butir": []})
                if rc["judul"] == rincian_judul:
                    rc["butir"].append(item)

    def b2_prose(self, current: dict[str, Any], text: str, block: Block) -> bool:
        """The lists of a sasaran from the prose B.2 of a drafted report: each phrasebank frame
        of ``b2_frames`` (rules/extract.yaml) read in reverse, its {faktor} split with the
        drafter's join rules; a lead sentence ("... adalah hal-hal berikut.") is followed by its
        items as sentences. True when the paragraph held such a sentence."""
        from drafter.extract.frames import find_frames, split_joined, unclause

        conf = _conf()
        by_sit = {sit: fld for fld, sits in conf.get("b2_frames", {}).items() for sit in sits}
        if not by_sit:
            return False
        hits = find_frames(text, list(by_sit), capture=("faktor",))
        if not hits:
            return False
        others = find_frames(text, list(conf.get("b2_other_frames", [])))
        lead = str(conf.get("b2_lead_faktor", "")).casefold()
        for k, h in enumerate(hits):
            fld = by_sit[h.situation]
            lst = current.setdefault(fld, [])
            faktor = h.slots.get("faktor", "")
            if lead and faktor.strip().casefold() == lead:
                stop = min([f.start for f in [*hits[k + 1:], *others] if f.start >= h.end]
                           + [len(text)])
                rest = text[h.end:stop].strip()
                lst.extend(unclause(x) for x in re.split(r"(?<=[.!?])\s+(?=\S)", rest)
                           if x.strip())
                if rest:
                    self.x.notes.append(
                        f"B.2 {current.get('id', '')} {fld}: butir yang terdiri atas beberapa "
                        "kalimat dibaca per kalimat; gabungkan kembali bila perlu")
                continue
            items, certain = split_joined(faktor)
            start = len(lst)
            lst.extend(unclause(i) for i in items)
            if not certain:
                self._b2_unsure.append((current, fld, start))
        return True

    def b1_notes(self, sasaran: list[dict[str, Any]]) -> None:
        """Every comparison value and the cause of a change from the B.1 prose of a drafted
        report: the phrasebank frames (``b1_pembanding_frames``, ``b1_sebab_frames``) read in
        reverse in the paragraphs after "Indikator N: name". The numbers of Tabel 3.4 stay
        first; the prose adds the values the table has no room for."""
        from drafter.extract.frames import find_frames, unclause

        conf = _conf()
        pb_sits = list(conf.get("b1_pembanding_frames", []))
        sebab_sits = list(conf.get("b1_sebab_frames", []))
        inds = [i for s in sasaran for i in s["indikator"]]
        current: dict[str, Any] | None = None
        slot_res = {"sumber": r"(?: \(sumber: [^()]+\))?"}
        for b in self.prose():
            if not (b.section or "").startswith("B.1"):
                continue
            t = clean(b.text)
            m = re.match(r"^\W*indikator\s*[\d.]{0,7}\s*:\s*(.+)$", t, re.I)
            if m:
                current = _best(m.group(1), [_Named(i["nama"], i) for i in inds], threshold=0.8)
                current = current.obj if current is not None else None
                continue
            if current is None:
                continue
            for h in find_frames(t, sebab_sits, capture=("sebab",)):
                if h.slots.get("sebab") and "penyebab_perubahan" not in current:
                    current["penyebab_perubahan"] = unclause(h.slots["sebab"])
            for h in find_frames(t, pb_sits, capture=("pembanding", "pembanding_nilai", "sumber"),
                                 slot_res=slot_res):
                pb = _prose_pembanding(h.slots)
                if pb is None:
                    continue
                have = current.get("pembanding")
                lst = have if isinstance(have, list) else [have] if have else []
                if any(clean(x.get("label", "")).casefold() == pb["label"].casefold()
                       for x in lst):
                    continue
                current["pembanding"] = [*lst, pb]

    @staticmethod
    def _sasaran_for(sasaran: list[dict[str, Any]], no: int, name: str) -> dict[str, Any] | None:
        best, best_s = None, 0.6
        for s in sasaran:
            sc = similarity(clean_name(name), s["nama"])
            if sc > best_s:
                best, best_s = s, sc
        if best is not None:
            return best
        return sasaran[no - 1] if 0 < no <= len(sasaran) else None

    # ----------------------------------------------------------------- pengukuran
    def pengukuran(self) -> dict[str, Any]:
        x = self.x
        cap_c: list[Cand] = []
        if self.info.cap_100:
            cap_c.append(self.cand(True, "teks BAB III A"))
        avg = self.index.average_row("3.1")
        caps = [v for v in (_cell_value(r.get("capaian"))[0]
                            for r in self.index.rows("3.1", indicators_only=True))
                if isinstance(v, Decimal)]
        if avg is not None and caps:
            stated, _ = _cell_value(avg.get("capaian"))
            if isinstance(stated, Decimal):
                capped = pct(sum(min(c, Decimal(100)) for c in caps) / len(caps))
                raw = pct(sum(caps, Decimal(0)) / len(caps))
                close = Decimal("0.015")
                if abs(capped - stated) <= close < abs(raw - stated):
                    cap_c.append(self.cand(True, f"rata-rata {self.tname('3.1')}",
                                           avg.get("capaian").cell))  # type: ignore[union-attr]
                elif abs(raw - stated) <= close < abs(capped - stated):
                    cap_c.append(self.cand(False, f"rata-rata {self.tname('3.1')}",
                                           avg.get("capaian").cell))  # type: ignore[union-attr]
        cap = x.pick(("pengukuran", "batas_capaian_100"), cap_c, True)
        stated: list[Cand] = []
        for b in self.prose():
            t = clean(b.text)
            for f, pat in _conf()["efisiensi"].items():
                if re.search(pat, t, re.I):
                    stated.append(self.cand(f, "teks", b))
        votes: Counter[str] = Counter()
        n_rows = 0
        for r in self.index.rows("3.7", indicators_only=True):
            c, _ = _cell_value(r.get("capaian"))
            s, _ = _cell_value(r.get("serapan"))
            e, _ = _cell_value(r.get("efisiensi"))
            if not all(isinstance(v, Decimal) for v in (c, s, e)):
                continue
            n_rows += 1
            for f in ("selisih", "sisa_anggaran", "rasio"):
                if abs(efficiency(c, s, f).value - e) <= Decimal("0.015"):  # type: ignore[arg-type]
                    votes[f] += 1
        fits = [f for f in ("selisih", "sisa_anggaran", "rasio") if n_rows and votes[f] == n_rows]
        eff_c = stated[:1]
        if len(fits) == 1 or (fits and not eff_c):
            eff_c.append(self.cand(fits[0], self.tname("3.7")))
        elif not fits and votes and not eff_c:
            eff_c.append(self.cand(votes.most_common(1)[0][0], self.tname("3.7")))
        eff = x.pick(("pengukuran", "efisiensi"), eff_c, "selisih")
        return {"batas_capaian_100": cap, "efisiensi": eff}

    def sdm(self) -> dict[str, int] | None:
        for b in self.prose():
            t = clean(b.text)
            a, z = _re("sdm_struktural").search(t), _re("sdm_pelaksana").search(t)
            if a and z:
                return {"struktural": int(a.group(1)), "pelaksana": int(z.group(1))}
        return None

    # ----------------------------------------------------------------- programs
    def programs(self, sasaran: list[dict[str, Any]]) -> list[dict[str, Any]]:
        rest = _re("sisa_baris")
        keep = ("program", "kegiatan", "sub_kegiatan")
        rows8 = [r for r in self.index.budget("3.8") if r.level in keep]
        rows6 = self.index.budget("3.6")
        tree8 = _tree(rows8, rest)
        tree6 = _tree([r for r in rows6 if r.level in keep], rest)
        base = tree8 or tree6
        from38 = base is tree8
        names = []
        for prow, _ in base:
            nm = clean_name(prow.name)
            names.append(nm if nm.lower().startswith("program ") else f"Program {nm}")
        supports = self.supports(sasaran, names)
        out: list[dict[str, Any]] = []
        for pi, (prow, kegs) in enumerate(base):
            path: Path_ = ("program", pi)
            twin = _twin(prow, tree6) if from38 else (prow, kegs)
            p: dict[str, Any] = {"nama": names[pi]}
            sid = self.program_sasaran(p["nama"], twin[0] if twin else None, sasaran, supports)
            if sid is None:
                self.x.comments[(*path, "sasaran")] = NOT_FOUND
                sid = sasaran[0]["id"]
            p["sasaran"] = sid
            ind = self.prog_indicator((*path, "indikator"), twin[0] if twin else None, rows6,
                                      "outcome", optional=True)
            if ind is not None:
                p["indikator"] = ind
            klist = []
            for ki, (krow, subs) in enumerate(kegs):
                kpath: Path_ = (*path, "kegiatan", ki)
                ktwin = _twin(krow, twin[1]) if (twin and from38) else \
                    ((krow, subs) if not from38 else None)
                k: dict[str, Any] = {"nama": clean_name(krow.name)}
                kind = self.prog_indicator((*kpath, "indikator"), ktwin[0] if ktwin else None,
                                           rows6, "outcome", optional=True)
                if kind is not None:
                    k["indikator"] = kind
                slist = []
                for si, (srow, _) in enumerate(subs):
                    spath: Path_ = (*kpath, "sub_kegiatan", si)
                    stwin = _twin(srow, ktwin[1]) if (ktwin and from38) else \
                        ((srow, []) if not from38 else None)
                    slist.append(self.sub_kegiatan(spath, srow, stwin[0] if stwin else None,
                                                   rows6, from38))
                self._own_budget(kpath, k, krow, ktwin[0] if ktwin else None, from38,
                                 [(s["pagu"], s["realisasi_anggaran"]) for s in slist])
                if slist:
                    k["sub_kegiatan"] = slist
                klist.append(k)
            self._own_budget(path, p, prow, twin[0] if twin else None, from38,
                             [_node_total(k) for k in klist])
            if klist:
                p["kegiatan"] = klist
            out.append(p)
        return out

    def _own_budget(self, path: Path_, node: dict[str, Any], row: BudgetRow,
                    row6: BudgetRow | None, from38: bool,
                    kids: list[tuple[Decimal, Decimal]]) -> None:
        """The budget of a program/kegiatan row itself: kept when it has no children, or when
        it is more than its children's sum (the rest is printed "Lainnya (tidak dirinci)");
        below the sum it is flagged (the sum is used)."""
        pagu_c: list[Cand] = []
        real_c: list[Cand] = []
        if from38:
            pagu_c.append(self.vcand(row.get("pagu"), self.tname("3.8")))
            real_c.append(self.vcand(row.get("realisasi"), self.tname("3.8")))
        if row6 is not None:
            pagu_c.append(self.vcand(row6.get("pagu"), self.tname("3.6")))
        stated = [c for c in pagu_c if isinstance(c.value, Decimal)]
        if not kids:
            pagu = self.x.pick((*path, "pagu"), pagu_c, Decimal(0))
            real = self.x.pick((*path, "realisasi_anggaran"), real_c, Decimal(0))
            node["pagu"] = pagu if isinstance(pagu, Decimal) and pagu >= 0 else Decimal(0)
            node["realisasi_anggaran"] = real if isinstance(real, Decimal) and real >= 0 \
                else Decimal(0)
            return
        if not stated:
            return
        total = sum((k[0] for k in kids), Decimal(0))
        if stated[0].value > total:
            pagu = self.x.pick((*path, "pagu"), pagu_c, total)
            real = self.x.pick((*path, "realisasi_anggaran"), real_c, None, required=from38)
            node["pagu"] = pagu
            if isinstance(real, Decimal) and real >= 0:
                node["realisasi_anggaran"] = real
            else:
                node["realisasi_anggaran"] = sum((k[1] for k in kids), Decimal(0))
        elif stated[0].value != total:
            self.x.check((*path, "nama"), f"pagu {stated[0].where} = {dec_text(stated[0].value)},"
                         f" jumlah rinciannya = {dec_text(total)}")

    def supports(self, sasaran: list[dict[str, Any]], names: list[str]) -> dict[str, str]:
        """Program name (casefolded) -> sasaran id from the sentence of B.3 naming the programs
        of a sasaran: the drafter's own frames (``b3_program_frames``, read in reverse; the
        programs are found by their names in Tabel 3.6/3.8, longest first, so that a name
        holding "dan" or a comma is never split), else "Sasaran Strategis N didukung oleh ..."."""
        from drafter.extract.frames import find_frames

        out: dict[str, str] = {}
        sits = list(_conf().get("b3_program_frames", []))
        by_len = sorted(dict.fromkeys(names), key=len, reverse=True)
        for b in self.prose():
            if not (b.section or "").startswith("B.3"):
                continue
            for h in find_frames(clean(b.text), sits, capture=("sasaran_no", "program"),
                                 slot_res={"sasaran_no": r"\d{1,3}"}):
                no = int(h.slots.get("sasaran_no", "0"))
                if not 0 < no <= len(sasaran):
                    continue
                rest = h.slots.get("program", "").casefold()
                for nm in by_len:
                    key = nm.casefold()
                    if key in rest:
                        out.setdefault(key, sasaran[no - 1]["id"])
                        rest = rest.replace(key, " ")
        if out:
            return out
        for b in self.prose():
            m = _re("didukung").match(clean(b.text))
            if not m:
                continue
            no = int(m.group(1))
            if not 0 < no <= len(sasaran):
                continue
            for part in re.split(r",\s*|\s+dan\s+(?=program\b)", m.group(2), flags=re.I):
                nm = clean_name(part)
                if nm:
                    out[nm.casefold()] = sasaran[no - 1]["id"]
        return out

    def program_sasaran(self, name: str, row6: BudgetRow | None, sasaran: list[dict[str, Any]],
                        supports: dict[str, str]) -> str | None:
        if name.casefold() in supports:
            return supports[name.casefold()]
        for nm, sid in supports.items():
            if similarity(nm, name.casefold()) >= 0.85:
                return sid
        if row6 is not None and row6.sasaran:
            best, best_s = None, 0.6
            for s in sasaran:
                sc = similarity(clean_name(row6.sasaran), s["nama"])
                if sc > best_s:
                    best, best_s = s["id"], sc
            return best
        return None

    def prog_indicator(self, path: Path_, row: BudgetRow | None, rows6: list[BudgetRow],
                       child_level: str, *, optional: bool = False) -> dict[str, Any] | None:
        """Indicator of a program/kegiatan/sub kegiatan row of Tabel 3.6: its own "Indikator"
        column, else its first outcome/output line."""
        x = self.x
        name: str | None = None
        vals: BudgetRow | None = row
        if row is not None:
            cell = _raw_cell(self.index, row, r"^indikator")
            if cell is not None and clean(cell.text):
                name = clean(cell.text)
            else:
                kids = [r for r in rows6 if r.parent == row.index and r.level in ("outcome", "output")]
                kids.sort(key=lambda r: (r.get("target") is None and row.get("target") is None,
                                         r.level != child_level, r.index))
                if kids:  # the first line with values (else the outcome, for its name)
                    name = clean_name(kids[0].name)
                    vals = kids[0] if row.get("target") is None else row
        where = self.tname("3.6")
        if name is not None and not re.search(r"\w", name):
            name = None  # "-": no indicator printed
        if optional and name is None:
            return None  # a program/kegiatan indicator is optional
        out: dict[str, Any] = {"nama": x.pick((*path, "nama"), [self.cand(name, where)], "")}
        t_vc = vals.get("target") if vals else None
        r_vc = vals.get("realisasi") if vals else None
        t, _ = _cell_value(t_vc)
        r, _ = _cell_value(r_vc)
        sat = _satuan(t_vc) or _satuan(r_vc)
        if sat:
            out["satuan"] = sat
        t = x.pick((*path, "target"), [self.cand(t if isinstance(t, Decimal) else None, where,
                                                  t_vc.cell if t_vc else None)], None)
        r = x.pick((*path, "realisasi"), [self.cand(r if isinstance(r, Decimal) else None, where,
                                                     r_vc.cell if r_vc else None)], None)
        if t is None or t <= 0:
            x.comments.setdefault((*path, "target"), NOT_FOUND)
            t = r if isinstance(r, Decimal) and r > 0 else Decimal(1)
        if r is None:
            r = t
        out["target"], out["realisasi"] = t, r
        return out

    def sub_kegiatan(self, path: Path_, row: BudgetRow, row6: BudgetRow | None,
                     rows6: list[BudgetRow], from38: bool) -> dict[str, Any]:
        x = self.x
        s: dict[str, Any] = {"nama": clean_name(row.name)}
        ind = self.prog_indicator((*path, "indikator"), row6, rows6, "output")
        assert ind is not None
        s["indikator"] = ind
        pagu_c: list[Cand] = []
        real_c: list[Cand] = []
        if from38:
            pagu_c.append(self.vcand(row.get("pagu"), self.tname("3.8")))
            real_c.append(self.vcand(row.get("realisasi"), self.tname("3.8")))
        if row6 is not None:
            pagu_c.append(self.vcand(row6.get("pagu"), self.tname("3.6")))
            dana = [r for r in rows6 if r.parent == row6.index and r.level == "input"
                    and r.get("pagu") is not None]
            for d in dana[:1]:
                pagu_c.append(self.vcand(d.get("pagu"), self.tname("3.6")))
                real_c.append(self.vcand(d.get("realisasi"), self.tname("3.6")))
        pagu = x.pick((*path, "pagu"), pagu_c, Decimal(0))
        real = x.pick((*path, "realisasi_anggaran"), real_c, Decimal(0))
        s["pagu"] = pagu if isinstance(pagu, Decimal) and pagu >= 0 else Decimal(0)
        s["realisasi_anggaran"] = real if isinstance(real, Decimal) and real >= 0 else Decimal(0)
        return s

    # ----------------------------------------------------------------- budget
    def anggaran(self, tahun: int, programs: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        sumber: list[Cand] = []
        for b in self.prose():
            m = _re("anggaran_sumber").search(clean(b.text))
            if m:
                sumber.append(self.cand(m.group(1).upper(), "teks", b))
        out["sumber"] = self.x.pick(("anggaran", "sumber"), sumber[:1], "APBD")
        prev = str(tahun - 1)
        for b in self.prose():
            if (b.section or "") not in ("C",) and not (b.section or "").startswith("C"):
                continue
            t = clean(b.text)
            for sent in re.split(r"(?<=[.;])\s+(?=[A-Z])", t):
                if prev not in sent or not _re("anggaran_lalu_cue").search(sent):
                    continue
                # the amounts told of the previous year: after its mention, before this year's
                seg = sent[sent.index(prev) + len(prev):]
                if str(tahun) in seg:
                    seg = seg[:seg.index(str(tahun))]
                amounts = [_amount(m.group(1)) for m in _RP_RE.finditer(seg)]
                amounts = [a for a in amounts if a is not None and a > 0]
                if len(amounts) >= 2:
                    pagu, real = max(amounts[:2]), min(amounts[:2])
                    out["tahun_lalu"] = {"pagu": pagu, "realisasi": real}
                    break
            if "tahun_lalu" in out:
                break
        komp: list[dict[str, Any]] = []
        for b in self.prose():
            if not (b.section or "").startswith("C"):
                continue
            m = _re("komposisi").match(clean(b.text))
            if m:
                v = _amount(m.group(2))
                if v is not None:
                    item = {"jenis": m.group(1).strip(), "pagu": v}
                    mr = _re("komposisi_realisasi").search(clean(b.text), m.end())
                    r = _amount(mr.group(1)) if mr else None
                    if r is not None:
                        item["realisasi"] = r
                    komp.append(item)
        if komp and not all("realisasi" in k for k in komp):
            for k in komp:  # a realisasi per jenis only when every jenis has one
                k.pop("realisasi", None)
        if komp:
            total = sum((_program_total(p)[0] for p in programs), Decimal(0))
            ktotal = sum((k["pagu"] for k in komp), Decimal(0))
            if not programs or ktotal == total:
                out["komposisi"] = komp
            else:
                self.x.check(("anggaran",), f"komposisi belanja di teks = {dec_text(ktotal)}, "
                             f"jumlah pagu sub kegiatan = {dec_text(total)}; komposisi tidak "
                             "dimuat")
        return out

    def anggaran_catatan(self) -> str | None:
        """The paragraph(s) between Tabel 3.8 and the summary sentence after it."""
        blocks = self.doc.blocks
        t38 = [r.table for r in self.index.budget("3.8")]
        if not t38:
            return None
        try:
            k = next(i for i, b in enumerate(blocks) if b is t38[-1])
        except StopIteration:
            return None
        notes: list[str] = []
        for b in blocks[k + 1:]:
            if b.kind == "table" or b.kind == "heading":
                return None
            t = clean(b.text)
            if _re("anggaran_ringkas").search(t):
                return " ".join(notes) or None
            if t:
                notes.append(t)
        return None

    # ----------------------------------------------------------------- all
    def scale_note(self) -> None:
        """The figures schema has no predicate scale (the drafter uses the default one): the
        report's own scale is written as a note when it differs."""
        from drafter.measure import default_scale

        if self.info.scale_source != "document":
            x_note = "skala predikat: tidak ditemukan di laporan (drafter memakai skala bawaan)"
            self.x.notes.append(x_note)
            return
        own = [(b.code, b.label.casefold(), b.min, b.max) for b in self.info.scale.bands]
        std = [(b.code, b.label.casefold(), b.min, b.max) for b in default_scale().bands]
        if own != std:
            desc = ", ".join(f"{b.code} {b.label} ({b.describe()})" for b in self.info.scale.bands)
            self.x.notes.append(f"skala predikat laporan berbeda dari skala bawaan drafter: {desc}")

    def run(self) -> Extraction:
        x = self.x
        data = x.data
        self.scale_note()
        data["instansi"] = self.identity()
        tahun = x.pick(("tahun",), [self.cand(self.info.year, "analisis laporan")], None)
        if tahun is None:
            tahun = 2000
        data["tahun"] = tahun
        period = self.renstra_period(tahun)
        if not period["awal"] <= tahun <= period["akhir"]:
            x.check(("renstra",), f"tahun laporan {tahun} di luar periode {period['awal']}-"
                    f"{period['akhir']}")
            period = {"awal": min(period["awal"], tahun), "akhir": max(period["akhir"], tahun + 1)}
        data["renstra"] = period
        data["pengukuran"] = self.pengukuran()
        sdm = self.sdm()
        if sdm:
            data["sdm"] = sdm
        data["sasaran"] = self.sasaran(tahun, period)
        progs = self.programs(data["sasaran"])
        if progs:
            data["program"] = progs
        data["anggaran"] = self.anggaran(tahun, progs)
        note = self.anggaran_catatan()
        if note:
            data["anggaran"]["catatan"] = note
        return x


@dataclass
class _Named:
    name: str
    obj: Any


def _prose_pembanding(slots: dict[str, str]) -> dict[str, Any] | None:
    """A comparison value as the drafter words it: label (with "tahun N"), value, source."""
    from drafter.numbers import parse_number

    label = clean(slots.get("pembanding", ""))
    nilai_txt = clean(slots.get("pembanding_nilai", ""))
    if not label or not nilai_txt:
        return None
    out: dict[str, Any] = {}
    g = _GRADE_SCORE_RE.match(nilai_txt)
    if g:
        out["nilai"] = g.group(1)
        out["skor"] = Decimal(g.group(2).replace(".", "").replace(",", "."))
    elif nilai_txt.upper() in grade_codes():
        out["nilai"] = nilai_txt.upper()
    else:
        n = parse_number(nilai_txt.split(" ")[0].rstrip("%"))
        if n is None:
            return None
        out["nilai"] = n.value
    tahun: int | None = None
    m = _YEAR_TAIL_RE.match(label)
    if m:
        label, tahun = m.group(1), int(m.group(2))
    out["label"] = label
    src = re.match(r"^\s*\(sumber:\s*(.+)\)\s*$", slots.get("sumber", ""))
    if src:
        out["sumber"] = clean(src.group(1))
    if tahun is not None:
        out["tahun"] = tahun
    return out


def _amount(text: str) -> Decimal | None:
    t = text.strip().rstrip(".,-")
    if "," in t:
        t = t.split(",", 1)[0]
    t = t.replace(".", "")
    return Decimal(t) if t.isdigit() else None


_Node = tuple[BudgetRow, list[Any]]


def _node_total(node: dict[str, Any]) -> tuple[Decimal, Decimal]:
    """(pagu, realisasi) of an extracted kegiatan: its own, else the sum of its sub kegiatan."""
    if "pagu" in node:
        return node["pagu"], node.get("realisasi_anggaran", Decimal(0))
    subs = node.get("sub_kegiatan", [])
    return (sum((s["pagu"] for s in subs), Decimal(0)),
            sum((s["realisasi_anggaran"] for s in subs), Decimal(0)))


def _program_total(p: dict[str, Any]) -> tuple[Decimal, Decimal]:
    if "pagu" in p:
        return p["pagu"], p.get("realisasi_anggaran", Decimal(0))
    kids = [_node_total(k) for k in p.get("kegiatan", [])]
    return sum((k[0] for k in kids), Decimal(0)), sum((k[1] for k in kids), Decimal(0))


def _tree(rows: list[BudgetRow], rest: re.Pattern[str] | None = None) -> list[_Node]:
    """program > kegiatan > sub kegiatan from the level of each row (in order); the remainder
    rows of a total ("Lainnya (tidak dirinci)", ``rest``) are left out: the total says it."""
    progs: list[_Node] = []
    for r in rows:
        if rest is not None and rest.search(clean_name(r.name)):
            continue
        if r.level == "program":
            progs.append((r, []))
        elif r.level == "kegiatan":
            if not progs:
                continue
            progs[-1][1].append((r, []))
        elif r.level == "sub_kegiatan":
            if not progs or not progs[-1][1]:
                continue
            progs[-1][1][-1][1].append((r, []))
    return progs


def _twin(row: BudgetRow, nodes: list[_Node]) -> _Node | None:
    best, best_s = None, 0.75
    for n in nodes:
        s = similarity(clean_name(row.name), clean_name(n[0].name))
        if s > best_s:
            best, best_s = n, s
    return best


def extract_document(doc: Document) -> Extraction:
    """Read the figures of ``doc`` (see the module docstring)."""
    return _Reader(doc).run()

