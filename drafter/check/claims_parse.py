"""Sentence-level extraction for the claim, cross-table and count rules.

* :func:`patterns` loads the trigger phrases of ``rules/claims.yaml`` (``{NUM}`` expanded);
* :func:`sentences` splits a paragraph into sentences with their offsets;
* :func:`num_in` parses the number of a matched span (Indonesian formats, grades in ``BB(80)``);
* :func:`same_value` compares two stated values with statcheck's rounding principle;
* :func:`indicator_paragraphs` walks the analysis chapter and tells, for every paragraph, which
  indicator (a row of Tabel 3.1, or of the PK when there is no Tabel 3.1) it talks about, from the
  "Sasaran Strategis N : ..." / "Indikator : ..." headings that organise the analysis.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from drafter.document.model import Block
from drafter.numbers import Num, parse_number, round_half_up, scan_numbers
from drafter.resources import load_yaml
from drafter.text import analyze, is_malformed_text
from drafter.text import words as text_words
from drafter.text.prefilter import filtered_finditer, filtered_search

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.check.tables import IndicatorRow, ValueCell

NUM = r"(?:Rp\.?\s{0,2})?\d+(?:[.,]\d+)*(?:,-)?(?:\s?%|\s+persen\b)?"
GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")
_GRADE_RE = re.compile(r"\b(AA|BB|CC|A|B|C|D)\b(?:\s*\(\s*(\d+(?:[.,]\d+)?)\s*\))?")


_WORDNUM = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|dua belas"


def _expand(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("{NUM}", NUM).replace("{WORDNUM}", _WORDNUM)
    if isinstance(value, list):
        return [_expand(v) for v in value]
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    return _expand(load_yaml("rules", "claims.yaml"))


@cache
def pattern(key: str, sub: str | None = None) -> re.Pattern[str]:
    """The compiled pattern ``key`` (or ``key.sub``) of rules/claims.yaml."""
    data = _raw()[key]
    if sub is not None:
        data = data[sub]
    if isinstance(data, list):
        data = "|".join(f"(?:{d})" for d in data)
    return re.compile(data, re.IGNORECASE)


def scale_pattern(key: str, names: tuple[str, ...]) -> list[re.Pattern[str]]:
    """The patterns ``key`` of rules/claims.yaml with ``{LABEL}`` replaced by ``names`` (the
    labels and aliases of the report's own scale, longest first)."""
    return _scale_pattern(key, tuple(sorted(set(names), key=lambda n: (-len(n), n))))


@cache
def _scale_pattern(key: str, names: tuple[str, ...]) -> list[re.Pattern[str]]:
    alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names if n.strip())
    data = _raw()[key]
    items = data if isinstance(data, list) else [data]
    return [re.compile(d.replace("{LABEL}", alt or "(?!)"), re.IGNORECASE) for d in items]


def pct_of_items(sent: str, start: int, end: int) -> bool:
    """True when the percentage ``sent[start:end]`` is a share of indicators (or sasaran,
    programs ...), not a capaian: "60% indikator", "3 dari 5 indikator (60%)"."""
    return bool(pattern("pct_of_items").match(sent, end)) or \
        bool(filtered_search(pattern("pct_of_items_before"), sent[max(0, start - 90):start]))


def words(key: str) -> list[str]:
    return list(_raw()[key])


def count_value(text: str) -> int:
    """A count written in digits or in words ("empat")."""
    t = " ".join(text.lower().split())
    if t.isdigit():
        return int(t)
    return int(_raw()["number_words"][t])


# sentences ------------------------------------------------------------------------------
def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text`` (the text layer's one splitter)."""
    return analyze(text).sentences


# a grade with its score, as a whole value: "BB", "B (65,2)"; Markdown emphasis and heading marks
# (compiled once: these run on every value cell and clause)
_GRADE_VALUE_RE = re.compile(r"\s*(AA|BB|CC|A|B|C|D)\s*(?:\(\s*(\d+(?:[.,]\d+)?)\s*\))?\s*")
_EMPHASIS_RE = re.compile(r"[*#_]+")


def clean(text: str) -> str:
    """Text without Markdown emphasis and heading marks (same length is NOT kept)."""
    return " ".join(_EMPHASIS_RE.sub(" ", text).split())


# numbers --------------------------------------------------------------------------------
def num_in(span: str) -> Num | None:
    """The (first) number written in ``span``."""
    s = span.strip().rstrip(".,;:")
    if is_malformed_text(s):
        return None  # "2.186,670.304" is never an operand (AR108 reports it)
    n = parse_number(s)
    if n is not None:
        return n
    found = scan_numbers(s)
    return found[0] if found else None


def grade_in(span: str) -> str | None:
    m = _GRADE_RE.search(span)
    return m.group(1) if m else None


@dataclass(frozen=True)
class Value:
    """A stated value: a number, a letter grade, or both (``BB(80)``)."""

    num: Num | None
    grade: str | None
    text: str

    @property
    def empty(self) -> bool:
        return self.num is None and self.grade is None


def value_of(vc: ValueCell | None) -> Value | None:
    if vc is None:
        return None
    grade = vc.grade
    num = vc.num
    text = vc.text.strip()
    if grade is None:
        m = _GRADE_VALUE_RE.fullmatch(text)
        if m:
            grade = m.group(1)
            num = parse_number(m.group(2)) if m.group(2) else None
    elif num is None:
        m = re.search(r"\(\s*(\d+(?:[.,]\d+)?)\s*\)", text)
        if m:
            num = parse_number(m.group(1))
    if num is None and grade is None:
        return None
    return Value(num, grade, text)


def text_value(span: str) -> Value | None:
    n = num_in(span)
    g = None
    if n is None:
        g = grade_in(span)
    else:
        m = re.search(r"\batau\s+(AA|BB|CC|A|B|C|D)\b", span) or \
            re.match(r"\s*(AA|BB|CC|A|B|C|D)\s*\(", span)
        if m:
            g = m.group(1)
    return None if n is None and g is None else Value(n, g, span.strip())


def nums_equal(a: Num, b: Num) -> bool:
    """True when one stated value is the other one rounded half-up to its stated digits
    (statcheck's principle): 92,8 = 92,80, 103 = 103,4, but 4 != 4,50 and 88 != 88,5."""
    if a.value == b.value:
        return True
    short, long_ = (a, b) if a.decimals <= b.decimals else (b, a)
    if short.decimals == long_.decimals:
        return False
    return round_half_up(long_.value, short.decimals) == short.value


def same_value(a: Value | None, b: Value | None) -> bool | None:
    """True/False when comparable, None when one is missing or they are of different kinds."""
    if a is None or b is None:
        return None
    if a.grade and b.grade:
        if a.grade != b.grade:
            return False
        if a.num is not None and b.num is not None:
            return nums_equal(a.num, b.num)
        return True
    if a.num is not None and b.num is not None and not (a.grade or b.grade):
        return nums_equal(a.num, b.num)
    if a.num is not None and b.num is not None:
        # "BB(80)" against "80": compare the scores
        return nums_equal(a.num, b.num)
    return None


def show(v: Value | None) -> str:
    return v.text if v is not None else "-"


def dec(v: Value | None) -> Decimal | None:
    return v.num.value if v is not None and v.num is not None else None


# indicator context ------------------------------------------------------------------------
_STOP = {
    "dan", "di", "yang", "dalam", "hal", "serta", "ke", "dari", "untuk", "pada", "oleh", "atau",
    "kecamatan", "kabupaten", "masyarakat", "persentase", "prosentase", "tingkat", "jumlah", "nilai",
    "indikator", "sasaran", "strategis", "meningkatnya", "meningkatkan", "terjaganya",
    "terselenggaranya", "the", "umum",
}


_TINDAK_LANJUT_RE = re.compile(r"^(?:di|men?)?tindak-?lanjut(?:i|an|nya)?$")


@lru_cache(maxsize=65536)  # names are tokenized once per paragraph x row pair otherwise
def tokens(text: str) -> frozenset[str]:
    words = {t for t in text_words(text) if len(t) >= 3 and t.isascii() and t not in _STOP}
    # "ditindaklanjuti", "menindaklanjuti", "tindak lanjut": one word of the name
    if "tindak" in words and "lanjut" in words or any(_TINDAK_LANJUT_RE.match(t) for t in words):
        words = {t for t in words if t not in ("tindak", "lanjut") and not _TINDAK_LANJUT_RE.match(t)}
        words.add("tindaklanjut")
    return frozenset(words)


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """Similarity of two names: the shared fuzzy similarity when available (cached)."""
    try:
        from drafter.check.fuzzy import similarity as fz
        from drafter.check.fuzzy import tokens as ft

        ta, tb = set(ft(a)), set(ft(b))
        if len(ta) >= 3 and len(tb) >= 3 and len(ta & tb) < 0.25 * min(len(ta), len(tb)):
            return 0.0  # fast path: hardly a word in common (the full comparison is slow)
        return float(fz(a, b))
    except Exception:  # noqa: BLE001 - fall back to token overlap
        ta, tb = tokens(a), tokens(b)
        if not ta or not tb:
            return 0.0
        return len(ta & tb) / min(len(ta), len(tb))


def comparator_value(head: str) -> bool:
    """Whether a value right after ``head`` (its sentence up to the value) belongs to the
    comparator of a comparison ("di atas IKLH Provinsi X sebesar ..."), not to the indicator."""
    clause = re.split(r"[,;]\s", head[-260:])[-1]  # "..., realisasi 84,5": the own value again
    if re.search(r"\b(?:realisasi|capaian)\w*\s*(?:sebesar|mencapai|yaitu|adalah)?\s*$", clause,
                 re.IGNORECASE):
        return False
    return pattern("comparator_value").search(clause) is not None


def strip_own_region(ctx: CheckContext, text: str) -> str:
    """``text`` without the name of the report's own region ("di Kabupaten Wonosobo" in a report
    of a Wonosobo office): the place of the indicator's own figure, not a comparator region."""
    info = ctx.info
    # the office's own level only: a kabupaten office compares with its province, a kecamatan
    # office with its kabupaten
    own = info.kecamatan or info.regency or info.province
    names = [own.name] if own is not None else [info.kabupaten] if info.kabupaten else []
    if not names:
        return text
    return _own_region_re(names[0]).sub(" ", text)


@lru_cache(maxsize=8)
def _own_region_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:di\s+)?(?:wilayah\s+)?(?:provinsi|kabupaten|kab\.|kota|kecamatan|distrik)\s+"
                      rf"{re.escape(name)}\b", re.IGNORECASE)


def containment(name: str, text: str) -> float:
    """Share of the (content) tokens of ``name`` that occur in ``text``."""
    tn = tokens(name)
    if not tn:
        return 0.0
    tt = tokens(text)
    return len(tn & tt) / len(tn)


def _context_re(name: str) -> re.Pattern[str]:
    return pattern("context", name)


@dataclass
class Context:
    sasaran_no: int | None = None
    sasaran_name: str = ""
    indikator_name: str = ""
    row: IndicatorRow | None = None


_LABEL_NOUN_BEFORE = re.compile(r"\b(?:predikat|kategori|kriteria|interpretasi|nilai|kode)\s*[:\"“'*(]*\s*$",
                                re.IGNORECASE)


def understated(stated: str, expected: str, before: str) -> bool:
    """A plain lower-case adjective that the band's own label intensifies ("kinerja dapat
    dikategorikan baik" for an average of the band "Sangat Baik", "tergolong memuaskan" for
    "Sangat Memuaskan"): an understatement in ordinary words, not another band's label. A
    label written after "predikat"/"kategori" ("predikat baik") stays a label."""
    st = " ".join(stated.split())
    if not st or st != st.lower():
        return False
    exp = " ".join(expected.lower().split())
    # a band above the target's own bands ("Melampaui Target") intensifies any praise
    above = exp in ("melampaui target", "di atas target") and st.split()[-1] in _PRAISE_WORDS
    if not exp.endswith(" " + st) and not above:
        return False
    return not _LABEL_NOUN_BEFORE.search(before[-30:])


_PRAISE_WORDS = frozenset({"baik", "memuaskan", "tinggi", "berhasil", "optimal", "istimewa"})


def main_rows(ctx: CheckContext) -> list[IndicatorRow]:
    """The indicator rows the analysis talks about: Tabel 3.1, else the PK (found once per
    document; a new list each call)."""
    cached = ctx.__dict__.get("_claims_main_rows")
    if cached is None:
        cached = ctx.__dict__["_claims_main_rows"] = _main_rows(ctx)
    return list(cached)


def _main_rows(ctx: CheckContext) -> list[IndicatorRow]:
    t = ctx.tables
    for role in ("3.1", "PK", "3.3", "3.5"):
        rows = [r for r in t.rows(role) if not r.is_average]
        if rows:
            return _one_print(ctx, rows)
    return []


def _one_print(ctx: CheckContext, rows: list[IndicatorRow]) -> list[IndicatorRow]:
    """One print of a measurement table shown twice with reworded names (a summary table in
    the ikhtisar and Tabel 3.1, "Tindak lanjut rekomendasi (%)" beside "Persentase tindak
    lanjut rekomendasi"): two blocks with as many indicator rows, each row like a distinct
    row of the other, are one set. The captioned print is kept (else the later one, the
    measurement chapter's)."""
    blocks: dict[int, list[IndicatorRow]] = {}
    for r in rows:
        blocks.setdefault(r.table.index, []).append(r)
    if len(blocks) != 2:
        return rows
    (ia, a), (ib, b) = sorted(blocks.items())
    if len(a) != len(b) or len(a) < 2 or len(a) > 40:
        return rows
    info_a = ctx.tables.info.get(ia)
    info_b = ctx.tables.info.get(ib)
    if info_b is not None and info_b.continued_from == ia:
        return rows  # one table continued on the next page
    free = list(b)
    same_target = 0
    for r in a:
        best = max(free, key=lambda x: similarity(r.name, x.name))
        if similarity(r.name, best.name) < 0.5:
            return rows  # another set of rows (a table continued on the next page)
        free.remove(best)
        ta, tb = r.values.get("target"), best.values.get("target")
        if ta is not None and tb is not None and ta.num is not None and tb.num is not None \
                and ta.num.value == tb.num.value:
            same_target += 1
    if same_target * 2 < len(a):
        return rows  # like names with other targets: other indicators
    if info_a is not None and info_a.number and not (info_b is not None and info_b.number):
        return a
    return b


def resolve(ctx: CheckContext, c: Context) -> IndicatorRow | None:
    rows = main_rows(ctx)
    if not rows:
        return None
    best: IndicatorRow | None = None
    best_score = 0.0
    second = 0.0
    for r in rows:
        s = 0.0
        if c.indikator_name:
            s = max(s, similarity(c.indikator_name, r.name))
        if c.sasaran_name:
            s = max(s, similarity(c.sasaran_name, r.sasaran or "") * 0.95,
                    similarity(c.sasaran_name, r.name) * 0.9)
        if s > best_score:
            best, best_score, second = r, s, best_score
        elif s > second:
            second = s
    if best is not None and best_score - second < 0.02:
        best, best_score = None, 0.0  # a sasaran with several indicators: the name must decide
    by_no = None
    if c.sasaran_no is not None and len(rows) <= 12 and any(r.sasaran for r in rows):
        # the N-th sasaran of the table, when it has exactly one indicator
        groups: list[list[IndicatorRow]] = []
        keys: list[str] = []
        for r in rows:
            k = " ".join(sorted(tokens(r.sasaran or ""))) or f"#{len(keys)}"
            if keys and k == keys[-1]:
                groups[-1].append(r)
            else:
                keys.append(k)
                groups.append([r])
        if 1 <= c.sasaran_no <= len(groups) and len(groups[c.sasaran_no - 1]) == 1:
            by_no = groups[c.sasaran_no - 1][0]
    if best is not None and best_score >= 0.6:
        return best
    if by_no is not None and (not (c.sasaran_name or c.indikator_name) or best is by_no
                              or best_score < 0.35):
        return by_no
    if best is not None and best_score >= 0.45:
        return best
    return None


_SENT_END = re.compile(r"[.!?:;]\W*$")
_CONT_WORD = re.compile(r"(?:,|\b(?:dan|atau|yang|di|ke|dari|dengan|pada|untuk|oleh|sebesar|sebanyak|"
                        r"target|predikat|kategori|capaian|realisasi|indikator|tahun|sehingga|karena|"
                        r"bahwa|adalah|yaitu|menjadi|masih|telah|sudah|belum|tidak|dibanding|dibandingkan|daripada|"
                        r"bersama|kepada|terhadap|antara|seperti|yakni|meliputi|bagi|melalui|mencapai|sejumlah|"
                        r"senilai|tercatat|hanya|hingga|sampai|sekitar|serta|tanggal|tgl\.?|nomor|sejak|selama|per|"
                        r"maupun|namun|tetapi))\s*$", re.IGNORECASE)
# a title whose holder's name (or a region word whose name) is on the next line of a hard-wrapped
# text ("... oleh Camat Oebobo dan Penjabat\nWali Kota Kupang ...", "... dan Kecamatan\nCidadap");
# Word paragraphs are never wrapped lines
_CONT_TITLE = re.compile(r"\b(?:penjabat|pj\.?|plt\.?|plh\.?|kepala|camat|bupati|gubernur|wali|"
                         r"sekretaris)\s*$", re.IGNORECASE)
_CONT_REGION = re.compile(r"\b(?:Kecamatan|Kabupaten|Kota|Desa|Kelurahan|Provinsi|Distrik)\s*$")
_HEADING_LIKE = re.compile(r"^\W*(?:\d+(?:\.\d+)*|[a-zA-Z]|[IVX]+)\s*[.)]\s+\S[^.]{0,110}$")


def _continues(prev: Block, nxt: Block) -> bool:
    """True when ``nxt`` continues the sentence of ``prev`` (a paragraph hard-wrapped over
    several lines, as in text extracted from a PDF: one block per line)."""
    if prev.kind not in ("paragraph", "list_item") or nxt.kind != "paragraph":
        return False  # a paragraph or a list item, continued by a plain line
    a, z = prev.text.rstrip(), nxt.text.lstrip()
    if not a or not z or _SENT_END.search(a) or len(a) < 40:
        return False
    if z[0].islower() or _CONT_WORD.search(a):
        return True
    if re.match(r"\(\s*[a-z]{3,}", z) and re.search(r"\d$", a):
        return True  # "... 3 (tiga) program dan 9" / "(sembilan) kegiatan": a number's words
    if prev.source_format in ("docx", "markdown"):
        return False  # Word and Markdown paragraphs are never hard-wrapped lines
    if _CONT_TITLE.search(a):
        return True
    if _CONT_REGION.search(a) and not _HEADING_LIKE.match(a) and ":" not in a and bool(nxt.segments) \
            and bool(prev.segments) and nxt.segments[0][1] == prev.segments[-1][1] + 1 \
            and re.match(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b", z) and not re.match(
                r"(?:Sasaran|Indikator|Tabel|Program|Kegiatan|BAB|Pada|Dalam|Untuk|Dengan)\b", z):
        return True  # "... dan Kecamatan" / "Cidadap yang berbatasan": the name on the next line
    # a long line cut mid-sentence before "Rp 1.802.510.000" or a capitalised noun ("... dan
    # Belanja\nModal Rp 137.000.000."): the next line starts flush left, not as a new paragraph
    return (len(a) >= 60 and not a.isupper() and not _HEADING_LIKE.match(a)
            and bool(nxt.segments) and bool(prev.segments) and nxt.segments[0][2] == 1
            and nxt.segments[0][1] == prev.segments[-1][1] + 1  # the very next line, no blank
            and bool(re.match(r"(?:Rp\b|[A-Z][a-z])", z)))


def _join(blocks: list[Block]) -> Block:
    """One paragraph made of wrapped lines; positions still map to the source."""
    if len(blocks) == 1:
        return blocks[0]
    text = ""
    segments: list[tuple[int, int, int]] = []
    for k, b in enumerate(blocks):
        if k and re.search(r"[a-z]-$", text) and b.text[:1].islower():
            text = text[:-1]  # "meningkat di-\nbandingkan": a word hyphenated at the line end
        elif k:
            text += " "
        base = len(text)
        segments.extend((base + i, line, col) for i, line, col in (b.segments or [(0, 1, 1)]))
        text += b.text
    first = blocks[0]
    return Block(text=text, segments=segments, extra=first.extra, kind=first.kind, index=first.index,
                 chapter=first.chapter, section=first.section, source_format=first.source_format)


def logical_blocks(ctx: CheckContext) -> list[Block]:
    """The blocks of the document with hard-wrapped paragraph lines joined (cached)."""
    cached = ctx.__dict__.get("_claims_logical")
    if cached is not None:
        return cached
    out: list[Block] = []
    group: list[Block] = []
    for b in ctx.document.blocks:
        if group and len(group) < 12 and b.chapter == group[-1].chapter and _continues(group[-1], b):
            group.append(b)
            continue
        if group:
            out.append(_join(group))
        group = [b]
    if group:
        out.append(_join(group))
    ctx.__dict__["_claims_logical"] = out
    return out


def prose_blocks(ctx: CheckContext) -> list[Block]:
    """The prose blocks (not tables) with hard-wrapped paragraph lines joined."""
    return [b for b in logical_blocks(ctx) if b.kind != "table"]


def _heading_row(ctx: CheckContext, text: str) -> IndicatorRow | None:
    """The indicator a short numbered heading ("3. Tindak Lanjut Rekomendasi") is about."""
    named = _named_in(ctx, text)
    if named is not None:
        return named
    best, best_s, second = None, 0.0, 0.0
    for r in main_rows(ctx):
        sc = similarity(re.sub(r"^\W*(?:\d+(?:\.\d+)*|[a-zA-Z]|[IVX]+)\s*[.)]\s+", "", text), r.name)
        if sc > best_s:
            best, best_s, second = r, sc, best_s
        elif sc > second:
            second = sc
    return best if best is not None and best_s >= 0.6 and best_s - second >= 0.1 else None


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _ordinal(no: str) -> int:
    """"3" or a Roman numeral ("III", "IV") as an int."""
    if no.isdigit():
        return int(no)
    vals = [_ROMAN[ch] for ch in no.upper()]
    return sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))


def indicator_paragraphs(ctx: CheckContext) -> Iterator[tuple[Block, IndicatorRow | None]]:
    """Every prose block of BAB III with the indicator row its analysis is about (or None).

    The row comes from the "Sasaran Strategis N : ..." / "Indikator : ..." headings, from a short
    numbered heading that names an indicator, or from a paragraph that names one indicator in
    full (which then holds for the following paragraphs until the next heading). Lines of a
    hard-wrapped paragraph are read as one paragraph."""
    cached = getattr(ctx, "_claims_paragraphs", None)
    if cached is not None:
        yield from cached
        return
    _ = ctx.info  # assigns chapters and sections to the blocks
    out: list[tuple[Block, IndicatorRow | None]] = []
    c: Context | None = None
    carry: IndicatorRow | None = None
    chapter = None
    stopped = False
    roles = ctx.tables.roles
    has_chapters = any(b.chapter for b in ctx.document.blocks)
    analysis = _analysis_chapter(ctx)
    section = None
    for b in logical_blocks(ctx):
        if b.chapter != chapter:
            chapter, c, stopped, carry = b.chapter, None, False, None
        if b.section != section:
            section, c, carry = b.section, None, None
        if b.kind in ("table", "caption"):
            carry = None  # the text after a table is about the table, not the last indicator
            if roles.get(b.index) in ("3.6", "3.7", "3.8"):
                c, stopped = None, True
            continue
        text = clean(b.text)
        if _context_re("stop").search(text):
            c, stopped, carry = None, True, None
            continue
        if len(text) < 260:
            m = _context_re("sasaran").match(text)
            if m and not stopped:
                c = Context(_ordinal(m.group("no")), (m.group("name") or "").strip(" :"))
                c.row = resolve(ctx, c)
                carry = None
                continue
            m2 = _context_re("indikator").match(text)
            if m2 and not stopped:
                if c is None:
                    c = Context()
                name = m2.group("name").strip(" :")
                # "Indikator 2: APM SD/MI. APM SD/MI terealisasi sebesar ...": a run-in title
                # and the analysis in one paragraph; the title names the indicator
                parts = sentences(name)
                run_in = len(parts) > 1 and parts[0][1] <= 120
                c.indikator_name = name[:parts[0][1]].strip(" .:") if run_in else name
                c.row = resolve(ctx, c)
                carry = None
                if not run_in:
                    continue
        if chapter != analysis and (chapter is not None or has_chapters):
            continue
        if stopped:
            out.append((b, None))
            continue
        if b.kind == "heading" or (len(text) < 120 and _HEADING_LIKE.match(text)):
            carry = _heading_row(ctx, text)  # "3. Tindak Lanjut Rekomendasi": a new indicator
            if c is not None:
                c.row = carry if carry is not None else c.row
            out.append((b, carry if c is None else c.row))
            continue
        sents = sentences(text)
        first = text[: sents[0][1]] if sents else text
        if pattern("overall_sentence").search(first):
            carry = None  # "Secara keseluruhan rata-rata capaian ...": about all indicators
            out.append((b, None))
            continue
        named = None
        if not pattern("summary_sentence").search(first[:220]):
            named = _named_in(ctx, first[:220])  # a paragraph that opens by naming its indicator
        if named is None:
            named = _numbered_in(ctx, text)  # "**Indikator 2.** Persentase ...": by its number
        if named is None:
            named = _lead_in(ctx, text)  # "Prevalensi stunting. Berdasarkan ...": a run-in title
        if named is None:
            named = _lead_in(ctx, text, _OPENING)  # "c. Angka putus sekolah turun menjadi ...": its subject
        titled = named is None and _LEAD_IN.match(text) is not None and len(sents) > 1
        if titled and not pattern("summary_sentence").search(text[sents[1][0]:sents[1][1]][:220]):
            # "d. Ketenteraman dan ketertiban. Jumlah gangguan trantibum ...": a run-in title the
            # names do not resolve, then a sentence that names the indicator
            named = _named_in(ctx, text[sents[1][0]:sents[1][1]][:220])
        if named is None and titled and _LIST_ITEM.match(text):
            carry = None  # a new lettered item about an indicator not resolved: not the last one
            if c is not None:
                c.row = None
        if named is not None:
            carry = named
            if c is not None:
                c.row = named
        elif carry is not None or (c is not None and c.row is not None):
            # "Status indikator layanan administrasi ...": a paragraph that points at another
            # indicator by a part of its name leaves the one before
            other = _pointed_in(ctx, first)
            if other is not None:
                carry = other
                if c is not None:
                    c.row = other
        row = c.row if c is not None else carry
        out.append((b, row))
    ctx._claims_paragraphs = out  # type: ignore[attr-defined]
    yield from out


def _analysis_chapter(ctx: CheckContext) -> str:
    """The chapter of the accountability analysis: "BAB III" as a rule, or the chapter whose
    title says "Akuntabilitas Kinerja" when the report numbers it otherwise ("BAB IV
    AKUNTABILITAS KINERJA" after a skipped number)."""
    for b in ctx.document.blocks:
        m = re.match(r"^\W*BAB\s+([IVX]+)\b\W*AKUNTABILITAS\s+KINERJA\b", b.text.strip(), re.IGNORECASE) \
            if b.kind != "table" and b.chapter and len(b.text) < 120 else None
        # the heading that opens that chapter (not "Bab III Akuntabilitas Kinerja, memuat ..."
        # in the outline of BAB I)
        if m is not None and b.chapter.split()[-1].upper() == m.group(1).upper():
            return b.chapter
        # "BAB IV" and "AKUNTABILITAS KINERJA" on lines of their own
        if b.kind != "table" and b.chapter and b.index > 0 and re.fullmatch(
                r"\W*AKUNTABILITAS\s+KINERJA\W*", b.text.strip(), re.IGNORECASE):
            prev = re.fullmatch(r"\W*BAB\s+([IVX]+)\W*", ctx.document.blocks[b.index - 1].text.strip(),
                                re.IGNORECASE)
            if prev is not None and b.chapter.split()[-1].upper() == prev.group(1).upper():
                return b.chapter
    return "BAB III"


_NUMBERED = re.compile(r"^\W*(?:indikator|iku)\s+(?:kinerja\s+(?:utama\s+)?)?(?:ke-?\s*|nomor\s+|no\.?\s*)?"
                       r"(\d{1,2})\s*(?:[.:)*]|[-–—]\s)", re.IGNORECASE)  # ("Indikator 1 - Indeks SPBE.")


_LIST_ITEM = re.compile(r"^[\W_]*(?:[a-z]|\d{1,2})[.)]\s")


def _numbered_in(ctx: CheckContext, text: str) -> IndicatorRow | None:
    """The main indicator a paragraph opens with by its number ("Indikator 2.", "IKU 3:")."""
    m = _NUMBERED.match(text)
    if m is None:
        return None
    n = int(m.group(1))
    rows = main_rows(ctx)
    numbered = [r for r in rows if r.number is not None]
    if numbered and len(numbered) >= len(rows) - 1:
        hits = [r for r in numbered if r.number == n]
        return hits[0] if len(hits) == 1 else None
    return rows[n - 1] if 1 <= n <= len(rows) else None


# (the words up to the first figure: "capaian indikator tepat 85,00%" points at no indicator)
_POINTER = re.compile(r"\bindi[ck]ator\s+(?:\d{1,2}\s*[-–.:)]?\s*)?(?!ini\b|tersebut\b|itu\b|kinerja\b)"
                      r"([^,.;:()\d]{3,80})", re.IGNORECASE)


# an optional list marker first: "d. Rekam medis elektronik. Realisasi ...", "2) Waktu tunggu: ..."
_LEAD_IN = re.compile(r"^[\W_]*(?:(?:[a-z]|\d{1,2}|[IVX]{1,4})[.)][\W_]*)?"
                      r"(?P<t>[A-Z][^.:;!?()\d]{3,80}?)\s*[.:]\s+(?=[A-Z])")


# a lettered or numbered item opening with its subject and a verb: "c. Angka putus sekolah turun
# menjadi 0,60% ...", "2) Rasio guru terhadap murid mencapai ..."
_OPENING = re.compile(r"^[\W_]*(?:[a-z]|\d{1,2})[.)]\s+(?P<t>[A-Z][^.,;:()\d]{3,80}?)\s+"
                      r"(?:turun|naik|meningkat|menurun|tercapai|terealisasi|mencapai|sebesar|tahun|pada|"
                      r"baru|masih|telah|sudah|berada|adalah|sebanyak|hanya|tetap)\b")


def _lead_in(ctx: CheckContext, text: str, shape: re.Pattern[str] | None = None) -> IndicatorRow | None:
    """The main indicator a paragraph's run-in title names by the words of its name
    ("Prevalensi stunting. Berdasarkan pengukuran ..." for "Prevalensi stunting balita (%)"),
    or (``shape`` :data:`_OPENING`) the subject a lettered item opens with."""
    m = (shape or _LEAD_IN).match(text)
    if m is None or not 2 <= len(m.group("t").split()) <= 10:
        return None
    title = m.group("t")
    rows = main_rows(ctx)
    scores = sorted(((containment(title, _bare(r.name)), i) for i, r in enumerate(rows)), reverse=True)
    if not scores or scores[0][0] < 0.99:
        return None
    if len(scores) > 1 and scores[1][0] > scores[0][0] - 0.3:
        # "APM SD/MI" is in "APM SD/MI (%)" and, by its words, in "APM SMP/MTs (%)" too: the
        # row that holds the title as written decides
        said = " ".join(title.lower().split())
        literal = [i for sc, i in scores if sc >= 0.99 and said in " ".join(rows[i].name.lower().split())]
        return rows[literal[0]] if len(literal) == 1 else None
    return rows[scores[0][1]]


def _pointed_in(ctx: CheckContext, text: str) -> IndicatorRow | None:
    """The main indicator that "indikator <part of its name>" in ``text`` clearly points at."""
    m = _POINTER.search(text)
    if m is None or len(tokens(m.group(1))) < 2:
        return None  # one word is no part of a name to go by
    scores = sorted(((containment(m.group(1), r.name), i) for i, r in enumerate(main_rows(ctx))),
                    reverse=True)
    if not scores or scores[0][0] < 0.6 or (len(scores) > 1 and scores[1][0] > scores[0][0] - 0.3):
        return None
    return main_rows(ctx)[scores[0][1]]


_POLARITY_NOTE = re.compile(r"[,;]?\s*\(?\s*(?:polaritas|indikator)\s+(?:negatif|positif)\s*\)?", re.IGNORECASE)


@lru_cache(maxsize=4096)  # the few indicator names of a report, asked about once per paragraph
def _bare(name: str) -> str:
    """An indicator name without its parenthesised parts ("Indeks Kepuasan Masyarakat (IKM)")
    and without a polarity note ("Gangguan trantibum (kejadian), polaritas negatif")."""
    return re.sub(r"\([^)]*\)", " ", _POLARITY_NOTE.sub(" ", name))


def _named_in(ctx: CheckContext, text: str) -> IndicatorRow | None:
    """The one main indicator whose full name occurs in ``text`` (None when zero or several)."""
    scores = sorted(((max(containment(r.name, text), containment(_bare(r.name), text)), i)
                     for i, r in enumerate(main_rows(ctx))
                     if len(tokens(_bare(r.name))) >= 2), reverse=True)
    if not scores or scores[0][0] < 0.9:
        return None
    rows = main_rows(ctx)
    full = [rows[i] for sc, i in scores if sc >= 0.999]
    if len(full) > 1:
        # "Indeks Kualitas Air Laut ..." names both "Indeks Kualitas Air" and "Indeks Kualitas
        # Air Laut" in full: the most specific name whose words hold every other one wins
        sets = [tokens(_bare(r.name)) for r in full]
        best = max(range(len(full)), key=lambda k: len(sets[k]))
        rest = [sc for sc, i in scores if sc < 0.999]
        written = " ".join(_bare(full[best].name).lower().split())
        if all(k == best or sets[k] < sets[best] for k in range(len(full))) and (
                not rest or rest[0] <= 0.7) and written in " ".join(text.lower().split()):
            return full[best]
        return None
    if len(scores) > 1 and scores[1][0] > scores[0][0] - 0.3 and not (
            scores[0][0] >= 0.999 > scores[1][0]):
        return None  # ("Angka putus sekolah SMA" names that row in full, the SMK row in part)
    return rows[scores[0][1]]


def report_year(ctx: CheckContext) -> int | None:
    return ctx.info.year


def renstra_start(ctx: CheckContext) -> int | None:
    """First year of the Renstra period ("Renstra ... 2021-2026"), when the report states one."""
    from collections import Counter

    votes: Counter[int] = Counter()
    pat = pattern("renstra_period")
    for b in ctx.document.prose():
        for m in filtered_finditer(pat, b.text):
            a, z = int(m.group("a")), int(m.group("b"))
            if 3 <= z - a <= 6:
                votes[a] += 1
    return votes.most_common(1)[0][0] if votes else None


def cell_row_values(row: IndicatorRow, key: str) -> Value | None:
    return value_of(row.values.get(key))
