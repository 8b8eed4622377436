"""The measurement engine shared by the drafter and the checker.

Formulas (as written in the kerangka pengukuran of LKIP reports):

* positive polarity: ``capaian = realisasi / target x 100``;
* negative polarity (lower is better): ``capaian = (target - (realisasi - target)) / target x 100``;
* letter grades (SAKIP AA..D): the same formula on numeric scores; when the figures give no
  score, the grade's representative value from ``rules/scale.yaml`` is used, so an equal grade
  gives 100%;
* predicates come from the scale in ``rules/scale.yaml`` (lower bound inclusive, upper bound
  exclusive, 100 and above is the top band);
* a capaian below 0 (negative polarity far from the target) counts as 0 (:func:`floored`);
* averages may count a capaian above 100% as 100% (``batas_capaian_100``), for a sasaran with
  one indicator as for one with several;
* efficiency: ``selisih`` = capaian kinerja - serapan anggaran (efisien when >= 0),
  ``sisa_anggaran`` = 100 - serapan (efisien when capaian >= serapan), ``rasio`` = capaian /
  serapan (efisien when >= 1);
* absorption (serapan) = realisasi anggaran / pagu x 100.

All percentages are rounded half-up to :data:`PCT_DECIMALS` decimals as soon as they are
computed, and derived figures (averages, differences) are computed from those rounded values,
so a drafted report is consistent with its own tables to the last printed digit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from drafter.numbers import round_half_up, to_decimal
from drafter.resources import load_yaml
from drafter.text.prefilter import filtered_search

PCT_DECIMALS = 2
HUNDRED = Decimal(100)

Polarity = Literal["positif", "negatif"]
Direction = Literal["naik", "turun", "tetap"]
Status = Literal["melampaui", "tercapai", "tidak_tercapai"]


@dataclass(frozen=True)
class Band:
    """One level of a predicate scale.

    ``min``/``max`` are the bounds (``None``: open); ``min_incl``/``max_incl`` say whether the
    bound itself belongs to the band (the default scale: lower inclusive, upper exclusive).
    ``code`` is the letter code ("AA", "B") or, for a scale without codes, the label itself.
    """

    code: str
    min: Decimal | None
    max: Decimal | None
    label: str
    aliases: tuple[str, ...]
    min_incl: bool = True
    max_incl: bool = False
    stated: str = ""  # the interval as the report writes it ("76 - 90", "≤ 50")

    def contains(self, x: Decimal) -> bool:
        lo_ok = self.min is None or x > self.min or (self.min_incl and x == self.min)
        hi_ok = self.max is None or x < self.max or (self.max_incl and x == self.max)
        return lo_ok and hi_ok

    def describe(self) -> str:
        if self.stated:
            return self.stated
        lo = "" if self.min is None else fmt_bound(self.min)
        hi = "" if self.max is None else fmt_bound(self.max)
        if self.min is None:
            return f"{'<=' if self.max_incl else '<'} {hi}"
        if self.max is None:
            return f"{'>=' if self.min_incl else '>'} {lo}"
        if self.min_incl and self.max_incl:
            return f"{lo} - {hi}"
        if self.min_incl:
            return f"{lo} - <{hi}"
        return f">{lo} - {'' if self.max_incl else '<'}{hi}"


def fmt_bound(v: Decimal) -> str:
    """A bound as reports print it ("90", "88,31")."""
    t = format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    return t.replace(".", ",")


@dataclass(frozen=True)
class Scale:
    """An ordinal predicate scale: bands from the best to the worst."""

    bands: tuple[Band, ...]

    def band_for(self, capaian: Decimal | float) -> Band:
        x = to_decimal(capaian)
        for band in self.bands:
            if band.contains(x):
                return band
        # outside every band (a gap in a document's own scale): nearest band
        return min(self.bands, key=lambda b: abs((b.min if b.min is not None else b.max or 0) - x))

    def find(self, text: str) -> Band | None:
        """The band named by ``text`` (a code like 'AA' or a label like 'sangat memuaskan')."""
        t = " ".join(text.lower().replace("(", " ").replace(")", " ").split())
        for band in self.bands:
            if t == band.code.lower():
                return band
        # longest label first so 'sangat baik' wins over 'baik'
        names = sorted(
            ((name, band) for band in self.bands for name in (band.label.lower(), *band.aliases)),
            key=lambda nb: -len(nb[0]),
        )
        for name, band in names:
            if t == name:
                return band
        return None

    def labels(self) -> list[str]:
        return [b.label for b in self.bands]


def _dec(v: Any) -> Decimal | None:
    return None if v is None else to_decimal(v)


@lru_cache(maxsize=1)
def default_scale() -> Scale:
    data = load_yaml("rules", "scale.yaml")
    bands = tuple(
        Band(
            code=b["code"],
            min=_dec(b.get("min")),
            max=_dec(b.get("max")),
            label=b["label"],
            aliases=tuple(a.lower() for a in b.get("aliases", [])),
        )
        for b in data["bands"]
    )
    return Scale(bands)

# --------------------------------------------------------------------------- report's own scale
# Interval notations: "91 - 100", "76 s.d. 90", "76 < x <= 90", ">= 91", "≤ 50", "lebih dari 90",
# "90 ke atas", "91 ≤ x". Numbers have at most 3 integer digits (years and amounts are no bounds).
_NUM = r"(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)(?![\d])\s*%?"
_LE = r"(?:<=|=<|≤|⩽|<)"
_GE = r"(?:>=|=>|≥|⩾|>)"
_BETWEEN_RE = re.compile(
    _NUM + r"\s*(?P<op1>" + _LE + r")\s*[A-Za-z]{1,12}\s*(?P<op2>" + _LE + r")\s*" + _NUM)
_RANGE_RE = re.compile(
    r"(?P<pre>(?:" + _GE + r"|lebih\s+dari(?:\s+atau\s+sama\s+dengan)?|di\s*atas)\s*)?" + _NUM
    + r"\s*(?:-|–|—|s\s*\.?\s*/?\s*d\s*\.?|sampai(?:\s+dengan)?|hingga|s/d)\s*"
    + r"(?P<pre2>(?:" + _LE + r"|kurang\s+dari(?:\s+atau\s+sama\s+dengan)?|di\s*bawah)\s*)?"
    + _NUM, re.IGNORECASE)
_LOW_WORDS = (r"lebih\s+dari\s+atau\s+sama\s+dengan|lebih\s+besar\s+(?:dari\s+)?atau\s+sama\s+dengan"
              r"|sama\s+dengan\s+atau\s+lebih\s+dari|minimal|paling\s+(?:sedikit|rendah)|sekurang-kurangnya")
_LOW_X_WORDS = r"lebih\s+dari|lebih\s+besar\s+dari|di\s*atas|melebihi"
_HIGH_WORDS = (r"kurang\s+dari\s+atau\s+sama\s+dengan|lebih\s+kecil\s+(?:dari\s+)?atau\s+sama\s+dengan"
               r"|maksimal|paling\s+(?:banyak|tinggi)|setinggi-tingginya")
_HIGH_X_WORDS = r"kurang\s+dari|lebih\s+kecil\s+dari|di\s*bawah"
_ONE_RE = re.compile(
    r"(?P<op>" + _GE + "|" + _LE + "|" + _LOW_WORDS + "|" + _HIGH_WORDS + "|" + _LOW_X_WORDS
    + "|" + _HIGH_X_WORDS + r")\s*(?:[A-Za-z]{1,12}\s*)?" + _NUM, re.IGNORECASE)
# "91 % ≤ 100 %": the variable left out between the bounds
_BARE_RE = re.compile(_NUM + r"\s*(?P<op>" + _LE + r")\s*" + _NUM)
_SUFFIX_RE = re.compile(_NUM + r"\s*(?P<dir>ke\s+atas|ke\s+bawah)", re.IGNORECASE)
# "91 ≤ x", "90 < nilai": the bound written before the variable, no upper bound after it
_LEFT_RE = re.compile(_NUM + r"\s*(?P<op>" + _LE + r")\s*[A-Za-z]{1,12}\b(?!\s*(?:" + _LE + r"))")


@dataclass(frozen=True)
class Interval:
    lo: Decimal | None
    lo_incl: bool
    hi: Decimal | None
    hi_incl: bool
    start: int
    end: int


def _n(s: str) -> Decimal:
    return Decimal(s.replace(",", "."))


# LaTeX of PDF-to-Markdown conversions ("$85\\% \\leq x < 95\\%$"), replaced by plain symbols of
# the same length so that offsets into the text stay valid
_LATEX_SYMBOLS = (("\\geq", "≥   "), ("\\leq", "≤   "), ("\\ge", "≥  "), ("\\le", "≤  "),
                  ("\\lt", "<  "), ("\\gt", ">  "), ("\\%", " %"), ("$", " "))


def _unlatex(text: str) -> str:
    for a, b in _LATEX_SYMBOLS:
        text = text.replace(a, b)
    return text


@lru_cache(maxsize=16384)  # pure, and asked about the same texts by many rules
def parse_interval(text: str) -> Interval | None:
    """The first interval written in ``text`` (bounds inclusive as stated), or None."""
    if "\\" in text or "$" in text:
        text = _unlatex(text)
    m = _BETWEEN_RE.search(text)
    if m:
        return Interval(_n(m.group(1)), m.group("op1") != "<", _n(m.group(4)), m.group("op2") != "<",
                        m.start(), m.end())
    m = _RANGE_RE.search(text)
    if m:
        a, b = _n(m.group(2)), _n(m.group(4))
        pre = " ".join((m.group("pre") or "").lower().split())
        pre2 = " ".join((m.group("pre2") or "").lower().split())
        lo_incl = not (pre == ">" or pre.startswith(("lebih", "di")) and "sama" not in pre)
        hi_incl = not (pre2 == "<" or pre2.startswith(("kurang", "di")) and "sama" not in pre2)
        if a > b:
            a, b = b, a
        return Interval(a, lo_incl, b, hi_incl, m.start(), m.end())
    m = _BARE_RE.search(text)
    if m and _n(m.group(1)) < _n(m.group(3)):
        return Interval(_n(m.group(1)), True, _n(m.group(3)), m.group("op") != "<", m.start(),
                        m.end())
    m = _LEFT_RE.search(text)
    if m:
        return Interval(_n(m.group(1)), m.group("op") != "<", None, False, m.start(), m.end())
    m = _SUFFIX_RE.search(text)
    if m:
        v = _n(m.group(1))
        if "atas" in m.group("dir").lower():
            return Interval(v, True, None, False, m.start(), m.end())
        return Interval(None, False, v, True, m.start(), m.end())
    m = _ONE_RE.search(text)
    if m:
        op = " ".join(m.group("op").lower().split())
        v = _n(m.group(2))
        if re.fullmatch(_GE, op) or re.fullmatch(_LOW_WORDS, op) or re.fullmatch(_LOW_X_WORDS, op):
            incl = op in {">=", "=>", "≥", "⩾"} or bool(re.fullmatch(_LOW_WORDS, op))
            return Interval(v, incl, None, False, m.start(), m.end())
        incl = op in {"<=", "=<", "≤", "⩽"} or bool(re.fullmatch(_HIGH_WORDS, op))
        return Interval(None, False, v, incl, m.start(), m.end())
    return None


@lru_cache(maxsize=1)
def _scale_conf() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    data = load_yaml("rules", "scale.yaml")
    return (frozenset(data["label_words"]), frozenset(data["label_cores"]),
            re.compile(r"(?<![A-Za-z])(" + data["code_pattern"] + r")(?![A-Za-z])"))


@lru_cache(maxsize=1)
def _label_phrases() -> re.Pattern[str]:
    phrases = load_yaml("rules", "scale.yaml").get("label_phrases") or []
    alts = "|".join(r"\s+".join(map(re.escape, str(p).split())) for p in phrases) or "(?!)"
    return re.compile(r"(?<![A-Za-z])(?:" + alts + r")(?![A-Za-z])", re.IGNORECASE)


def scale_conf(key: str) -> Any:
    return load_yaml("rules", "scale.yaml")[key]


_WORD_RE = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=16384)  # pure, and asked about the same texts by many rules
def find_label(text: str) -> tuple[str, int, int] | None:
    """The longest run of 1..4 predicate words with a core word ("Sangat Baik", "Tidak
    Berhasil") in ``text``: (label as written, start, end)."""
    words, cores, _ = _scale_conf()
    toks = list(_WORD_RE.finditer(text))
    best: tuple[str, int, int] | None = None
    for m in _label_phrases().finditer(text):
        # a band named by its relation to the target ("Melampaui Target")
        if best is None or m.end() - m.start() > best[2] - best[1]:
            best = (" ".join(m.group(0).split()), m.start(), m.end())
    i = 0
    while i < len(toks):
        j = i
        while (j < len(toks) and toks[j].group(0).lower() in words and j - i < 4
               and (j == i or not text[toks[j - 1].end():toks[j].start()].strip(" *_"))):
            j += 1
        run = toks[i:j]
        while run and run[-1].group(0).lower() not in cores:
            run = run[:-1]  # "baik sekali" keeps its tail only when it is a core word
        if run and any(t.group(0).lower() in cores for t in run):
            s, e = run[0].start(), run[-1].end()
            if best is None or e - s > best[2] - best[1]:
                best = (" ".join(text[s:e].split()), s, e)
        i = max(j, i + 1)
    return best


def is_label(text: str) -> bool:
    """Whether ``text`` is a predicate label and nothing else ("Sangat Tinggi", "Cukup")."""
    t = " ".join(text.replace("*", " ").split())
    lb = find_label(t)
    return lb is not None and lb[0].lower() == t.lower()


_FILLER_RE = re.compile(r"\b(?:predikat|kategori|kriteria|interpretasi|nilai|capaian)\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class _Item:
    label: str
    code: str | None
    iv: Interval
    stated: str = ""


_ROW_NUMBER_RE = re.compile(r"\s*\d{1,2}\s*[.)]?\s*")  # a row number cell ("3", "3.", "3)")


def _item(texts: Sequence[str]) -> _Item | None:
    """A scale band from the cells of one row (or one line/clause: a single text)."""
    _, _, code_re = _scale_conf()
    iv: Interval | None = None
    label: str | None = None
    code: str | None = None
    stated = ""
    for t in texts:
        if _ROW_NUMBER_RE.fullmatch(t):
            continue  # row number
        if iv is None:
            found = parse_interval(t)
            if found is not None:
                iv = found
                stated = " ".join(_unlatex(t[found.start:found.end]).split())
                t = t[:found.start] + " " + t[found.end:]
        if label is None:
            lb = find_label(t)
            rest = "" if lb is None else _FILLER_RE.sub(" ", t[:lb[1]] + " " + t[lb[2]:])
            # in a table the label is its cell ("Jalan kondisi baik" is an indicator, not a band)
            if lb is not None and (len(texts) == 1 or len(rest.strip(" :.,;()*-/|")) <= 3):
                label = lb[0]
                t = t[:lb[1]] + " " + t[lb[2]:]
        if code is None:
            cm = code_re.search(t.replace("(", " ").replace(")", " "))
            if cm is not None and len(t.strip(" :.()*-")) <= 4:
                code = cm.group(1)
            elif cm is not None and len(texts) == 1:
                code = cm.group(1)
    if iv is None or (label is None and code is None):
        return None
    for v in (iv.lo, iv.hi):
        if v is not None and v > 1000:
            return None
    return _Item(label or "", code, iv, stated)


def _key(it: _Item) -> Decimal:
    return it.iv.lo if it.iv.lo is not None else (it.iv.hi if it.iv.hi is not None else Decimal(0)) - Decimal("0.001")


def build_scale(items: Sequence[_Item]) -> Scale | None:
    """A contiguous scale from stated bands (3..9 levels), best first.

    Bounds are kept as stated; a gap left between two bands ("76 - 90", "91 - 100") is closed
    by extending the LOWER band up to the next band's lower bound (a value that has not reached
    a band's stated minimum is not in that band). The best band has no upper bound (a capaian
    above the top of the scale is still the best band); the worst has no lower bound.
    A scale is ordered by its bounds: lower-is-better polarity never applies to it.
    """
    if not 3 <= len(items) <= 9:
        return None
    # the variable of the intervals ("100 <= C < 110", then "C >= 110 Istimewa"): the letter
    # written inside a two-sided interval is no letter grade of any band
    var = {v for it in items for v in re.findall(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])", it.stated)}
    letters = sorted(it.code for it in items if it.code and len(it.code) == 1 and it.code.isalpha())
    if len(letters) == len(items) and "".join(letters) in "ABCDEFGHI":
        var = set()  # "C | 75% <= C < 90% | Cukup" among A..E: C is a grade too
    if var:
        items = [_Item(it.label, None, it.iv, it.stated) if it.code in var and it.label else it
                 for it in items]
    names = [(it.label.lower(), it.code) for it in items]
    if len({n for n, _ in names if n}) < len([n for n, _ in names if n]):
        return None
    if len({c for _, c in names if c}) < len([c for _, c in names if c]):
        return None
    if any(not it.label for it in items) and any(it.code is None for it in items):
        return None
    ordered = sorted(items, key=_key, reverse=True)
    keys = [_key(it) for it in ordered]
    if len(set(keys)) != len(keys):
        return None
    default = {b.code: b for b in default_scale().bands}
    codes = {it.code for it in items if it.code}
    if not (codes <= set(default) and codes & {"AA", "BB", "CC"}):
        default = {}  # an A..E scale: its letters do not mean the SAKIP labels
    by_label = {b.label.lower(): b for b in default_scale().bands}
    bands: list[Band] = []
    for i, it in enumerate(ordered):
        label = it.label or (default[it.code].label if it.code in default else it.code or "")
        code = it.code or label
        ref = by_label.get(label.lower())
        aliases = tuple(dict.fromkeys((label.lower(), *(ref.aliases if ref else ()))))
        lo, lo_incl = it.iv.lo, it.iv.lo_incl
        if i == len(ordered) - 1:
            lo, lo_incl = None, True
        if i == 0:
            hi, hi_incl = None, False
        else:
            above = ordered[i - 1].iv
            if above.lo is not None:
                hi, hi_incl = above.lo, not above.lo_incl
            else:
                hi, hi_incl = it.iv.hi, it.iv.hi_incl
        bands.append(Band(code=code, min=lo, max=hi, label=label, aliases=aliases,
                          min_incl=lo_incl, max_incl=hi_incl, stated=it.stated))
    return Scale(tuple(bands))


def read_scale_rows(rows: Sequence[Sequence[str]]) -> Scale | None:
    """The scale of a table (one band per row, or per column when the table is laid out
    horizontally: labels in one row, intervals in the next)."""
    width = max((len(r) for r in rows), default=0)
    if width >= 4 and width % 2 == 0:
        # two halves side by side ("Predikat | Rentang | Predikat | Rentang"): the rows of
        # the right half follow those of the left, when both halves of two rows hold a band
        half = width // 2
        left = [_item(list(r[:half])) for r in rows]
        right = [_item(list(r[half:])) if len(r) > half else None for r in rows]
        if sum(1 for a, b in zip(left, right, strict=True) if a is not None and b is not None) >= 2:
            scale = build_scale([it for it in left + right if it is not None])
            if scale is not None:
                return scale
    items = [it for it in (_item(r) for r in rows) if it is not None]
    scale = build_scale(items)
    if scale is not None:
        return scale
    if width >= 4 and len(rows) <= 6:
        cols = [[r[i] for r in rows if i < len(r)] for i in range(width)]
        items = [it for it in (_item(c) for c in cols) if it is not None]
        return build_scale(items)
    return None


_CLAUSE_SPLIT_RE = re.compile(r"\n|;|,\s+(?=[A-Za-z])|\.\s+(?=[A-Z])|\s+dan\s+(?=[A-Za-z<>≤≥])")


def read_scale_text(texts: Sequence[str]) -> Scale | None:
    """The scale given in prose or as a list ("Sangat Baik apabila capaian >= 91%; Baik apabila
    76% - 90%; ..."), over consecutive paragraphs or list items; None when fewer than three
    bands are stated together."""
    items: list[_Item] = []
    for text in texts:
        carry = ""  # "Sangat Baik, jika capaian > 90": a label clause before its interval
        for clause in (c for part in _CLAUSE_SPLIT_RE.split(text) for c in _split_after_labels(part)):
            iv = parse_interval(clause)
            if iv is None:
                carry = clause if find_label(clause) is not None else ""
                continue
            own = find_label(clause[:iv.start] + " " + clause[iv.end:]) is not None
            it = _item([clause]) if own else _item([carry + " " + clause])
            carry = ""
            if it is not None:
                items.append(it)
    return build_scale(items)


_NEXT_BAND_RE = re.compile(r"\s+(?=(?:[A-Za-z]\s*)?[<>≤≥⩾⩽]|\d)")
_TAIL_WORDS_RE = re.compile(r"(?:[A-Za-z]+\s+){0,3}[A-Za-z]+$")


def _split_after_labels(clause: str) -> list[str]:
    """A clause holding several bands one after the other (a scale table flattened to one
    line: "C >= 110 Istimewa 100 <= C < 110 Sangat Baik 85 <= C < 100 Baik"), cut after each
    label that is followed by the next interval."""
    first_iv, first_label = parse_interval(clause), find_label(clause)
    if first_iv is None or first_label is None or first_label[1] < first_iv.start:
        return [clause]  # labels written before their intervals: where one band ends is unclear
    parts: list[str] = []
    start = 0
    for m in _NEXT_BAND_RE.finditer(clause):
        head = clause[start:m.start()]
        tail = _TAIL_WORDS_RE.search(head)
        if tail is None or parse_interval(head) is None:
            continue
        words = tail.group(0).split()
        if any(is_label(" ".join(words[i:])) for i in range(len(words))):
            parts.append(head)
            start = m.end()
    parts.append(clause[start:])
    return parts


def cap_rule_stated(text: str) -> bool:
    """Whether ``text`` states that a capaian above 100% counts as 100%."""
    # the literal pre-filter first: asked about every paragraph of a report
    return filtered_search(_ci_pattern(scale_conf("cap_rule")), text) is not None


@lru_cache(maxsize=64)
def _ci_pattern(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled case-insensitive, once (not looked up in re's cache per call)."""
    return re.compile(pattern, re.IGNORECASE)



@lru_cache(maxsize=1)
def _grades() -> tuple[tuple[str, Decimal], ...]:
    data = load_yaml("rules", "scale.yaml")
    return tuple((g["code"], to_decimal(g["value"])) for g in data["grades"])


def grade_codes() -> list[str]:
    return [c for c, _ in _grades()]


def grade_index(code: str) -> int:
    return grade_codes().index(code.strip().upper())


def grade_value(code: str) -> Decimal:
    for c, v in _grades():
        if c == code.strip().upper():
            return v
    raise ValueError(f"nilai huruf tidak dikenal: {code!r}")


def is_grade(v: Any) -> bool:
    return isinstance(v, str) and v.strip().upper() in grade_codes()


def pct(x: Decimal | float) -> Decimal:
    return round_half_up(to_decimal(x), PCT_DECIMALS)


def numeric(v: Decimal | float | str, score: Decimal | float | None = None) -> Decimal:
    """The number behind a value: itself, the given score, or a grade's representative value."""
    if score is not None:
        return to_decimal(score)
    if isinstance(v, str):
        return grade_value(v)
    return to_decimal(v)


def capaian_raw(target: Decimal | float | str, realisasi: Decimal | float | str,
                polaritas: Polarity = "positif", *, skor_target: Decimal | float | None = None,
                skor_realisasi: Decimal | float | None = None) -> Decimal:
    """Unrounded capaian in percent."""
    t = numeric(target, skor_target)
    r = numeric(realisasi, skor_realisasi)
    if t == 0:
        raise ZeroDivisionError("target 0: capaian tidak dapat dihitung")
    if polaritas == "negatif":
        return (t - (r - t)) / t * HUNDRED
    return r / t * HUNDRED


def capaian(target: Decimal | float | str, realisasi: Decimal | float | str,
            polaritas: Polarity = "positif", *, skor_target: Decimal | float | None = None,
            skor_realisasi: Decimal | float | None = None) -> Decimal:
    """Capaian in percent, rounded to :data:`PCT_DECIMALS` decimals."""
    return pct(capaian_raw(target, realisasi, polaritas, skor_target=skor_target,
                           skor_realisasi=skor_realisasi))


def status(target: Decimal | float | str, realisasi: Decimal | float | str,
           polaritas: Polarity = "positif", *, skor_target: Decimal | float | None = None,
           skor_realisasi: Decimal | float | None = None) -> Status:
    """Exceeded / met / missed, compared exactly (not through a rounded capaian)."""
    t = numeric(target, skor_target)
    r = numeric(realisasi, skor_realisasi)
    if isinstance(target, str) and isinstance(realisasi, str) and skor_target is None \
            and skor_realisasi is None:
        diff = grade_index(realisasi) - grade_index(target)
    else:
        diff = (r - t) if polaritas == "positif" else (t - r)
    if diff > 0:
        return "melampaui"
    if diff == 0:
        return "tercapai"
    return "tidak_tercapai"


def floored(x: Decimal) -> Decimal:
    """A capaian as the scale counts it: never below 0 (the lowest band starts at 0)."""
    return max(x, Decimal(0))


def capped(x: Decimal, enabled: bool = True) -> Decimal:
    return min(x, HUNDRED) if enabled else x


def average(values: Iterable[Decimal | float], *, cap_at_100: bool = False) -> Decimal:
    vals = [capped(to_decimal(v), cap_at_100) for v in values]
    if not vals:
        raise ValueError("rata-rata dari daftar kosong")
    return pct(sum(vals, Decimal(0)) / len(vals))


@dataclass(frozen=True)
class Change:
    previous: Decimal
    current: Decimal
    points: Decimal  # current - previous, in the indicator's unit (or grade steps)
    percent: Decimal | None  # relative change in percent; None when previous is 0 or a grade
    direction: Direction
    better: bool | None  # True when the change is an improvement (polarity aware)


def change(previous: Decimal | float | str, current: Decimal | float | str,
           polaritas: Polarity = "positif") -> Change:
    """Change of a value versus last year (numbers or letter grades)."""
    if isinstance(previous, str) and isinstance(current, str):
        p_i, c_i = grade_index(previous), grade_index(current)
        diff = Decimal(c_i - p_i)
        direction: Direction = "naik" if diff > 0 else "turun" if diff < 0 else "tetap"
        better = None if diff == 0 else diff > 0
        return Change(Decimal(p_i), Decimal(c_i), diff, None, direction, better)
    p = numeric(previous)
    c = numeric(current)
    diff = c - p
    direction = "naik" if diff > 0 else "turun" if diff < 0 else "tetap"
    rel = pct(diff / p * HUNDRED) if p != 0 else None
    if diff == 0:
        better = None
    else:
        better = diff > 0 if polaritas == "positif" else diff < 0
    return Change(p, c, diff, rel, direction, better)


@dataclass(frozen=True)
class RenstraProgress:
    end_year: int
    end_target: Decimal | str
    capaian: Decimal  # capaian of this year's realisasi against the end target
    reached: bool
    year_index: int  # "tahun ke-N" of the Renstra period for the report year


def renstra_progress(end_target: Decimal | float | str, realisasi: Decimal | float | str,
                     polaritas: Polarity, *, report_year: int, start_year: int,
                     end_year: int, skor_target: Decimal | float | None = None,
                     skor_realisasi: Decimal | float | None = None) -> RenstraProgress:
    """Progress towards the Renstra end target; letter grades use the given scores (the same
    ones as in the capaian of the report year), and the capaian is floored at 0."""
    c = floored(capaian(end_target, realisasi, polaritas, skor_target=skor_target,
                        skor_realisasi=skor_realisasi))
    st = status(end_target, realisasi, polaritas, skor_target=skor_target,
                skor_realisasi=skor_realisasi)
    return RenstraProgress(
        end_year=end_year,
        end_target=end_target if isinstance(end_target, str) else to_decimal(end_target),
        capaian=c,
        reached=st != "tidak_tercapai",
        year_index=report_year - start_year + 1,
    )


EfficiencyFormula = Literal["selisih", "sisa_anggaran", "rasio"]


@dataclass(frozen=True)
class Efficiency:
    capaian: Decimal
    serapan: Decimal
    value: Decimal
    efisien: bool
    formula: EfficiencyFormula


def efficiency(capaian_kinerja: Decimal | float, serapan: Decimal | float,
               formula: EfficiencyFormula = "selisih") -> Efficiency:
    c = pct(capaian_kinerja)
    s = pct(serapan)
    if formula == "selisih":
        v = c - s
        ok = v >= 0
    elif formula == "sisa_anggaran":
        v = HUNDRED - s
        ok = c >= s
    elif formula == "rasio":
        if s == 0:
            v = Decimal(0)
            ok = c > 0
        else:
            v = round_half_up(c / s, 2)
            ok = c >= s
    else:  # pragma: no cover - guarded by the model's Literal
        raise ValueError(formula)
    return Efficiency(c, s, v, ok, formula)


def absorption(pagu: Decimal | float, realisasi: Decimal | float) -> Decimal:
    """Serapan anggaran in percent (0 when the pagu is 0)."""
    p = to_decimal(pagu)
    if p == 0:
        return Decimal(0)
    return pct(to_decimal(realisasi) / p * HUNDRED)


def total(values: Sequence[Decimal | float]) -> Decimal:
    return sum((to_decimal(v) for v in values), Decimal(0))
