"""What the report itself says about polarity, formulas and caps of its capaian.

Reports state in their method section (BAB III A) which indicators are lower-is-better and how
their capaian is computed, in many ways:

* by number: "indikator nomor 4 dan 7 berpolaritas negatif", "(indikator 6 dan 7)";
* by name or acronym: "untuk indikator negatif (NDR, GDR, waktu tunggu dan klaim pending)",
  "Untuk indikator limbah B3 yang tidak terkelola, yang berpolaritas negatif, ...";
* the formula: "target dibagi realisasi dikali 100%", "(target / realisasi) x 100%",
  "(2 x target - realisasi) / target x 100%", "target - (realisasi - target)";
* a cap: "capaian dibatasi paling tinggi 110%", "capaian di atas 120% dicatat sebesar 120%".

Flattened PDF text breaks a sentence over several paragraph blocks, so consecutive prose
blocks are read as one run. Everything is read once per document and cached on the context.
The patterns are in ``rules/arithmetic.yaml`` (``polarity_*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from drafter.check.claims_parse import containment, tokens
from drafter.numbers import parse_number

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.check.tables import IndicatorRow

HUNDRED = Decimal(100)

# the negative formulas: "rasio" = target / realisasi, "selisih" = (2 x target - realisasi) / target
NEG_FORMULAS = ("selisih", "rasio")


@dataclass(frozen=True)
class Declared:
    """The report's own statements about polarity and caps."""

    numbers: frozenset[int]  # row numbers declared negative
    names: tuple[str, ...]  # names / acronyms declared negative
    neg_formula: str | None  # "rasio" | "selisih" | None (not stated)
    cap: Decimal | None  # a stated cap above 100 ("paling tinggi 110%")
    cap_rows: bool = False  # the cap applies to every capaian (not only to the averages)
    positives: tuple[str, ...] = ()  # names a polarity column of a table marks "positif"

    @property
    def any(self) -> bool:
        return bool(self.numbers or self.names)


def _rx(key: str) -> re.Pattern[str]:
    from drafter.check.rules.arithmetic import rx

    return rx(key)


def prose_runs(ctx: CheckContext) -> Iterator[str]:
    """Texts of consecutive prose blocks joined (a sentence broken over lines of a flattened
    PDF is one text again); a block ending a sentence closes its run."""
    run: list[str] = []
    for b in ctx.document.blocks:
        if b.kind in ("paragraph", "list_item") and b.text.strip():
            run.append(b.text.strip())
            if len(run) < 12 and not run[-1].endswith((".", ":", "?", "!")):
                continue
        if run:
            yield _joined(run)
            run = []
    if run:
        yield _joined(run)


def _joined(lines: list[str]) -> str:
    """Lines joined by a space; a word hyphenated at a line end ("Ca-" / "paian") made whole."""
    out = lines[0]
    for nxt in lines[1:]:
        if re.search(r"[a-z]-$", out) and nxt[:1].islower():
            out = out[:-1] + nxt
        else:
            out = out + " " + nxt
    return out


def _spans(text: str) -> list[tuple[int, int]]:
    from drafter.text import analyze

    return list(analyze(text).sentences)


def _sentences(text: str) -> Iterator[str]:
    for s, e in _spans(text):
        yield text[s:e]


_POSITIVE_RE = re.compile(r"\bpositif\b|\b(?:semakin|makin)\s+(?:tinggi|besar|banyak)\b", re.IGNORECASE)


def _split_names(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|\bdan\b|\bserta\b|&)\s*", text)
    out = []
    for p in parts:
        p = re.sub(r"^\W*(?:yaitu|yakni|antara\s+lain|indikator)\s+", "", p.strip(), flags=re.I)
        p = p.strip(" .:()")
        if p and len(p) <= 80:
            out.append(p)
    return out


def _read(ctx: CheckContext) -> Declared:
    numbers: set[int] = set()
    names: list[str] = []
    formula: str | None = None
    cap: Decimal | None = None
    cap_rows = False
    neg_cue, num_rx, name_rx = _rx("polarity_negative_cue"), _rx("polarity_numbers"), \
        _rx("polarity_named")
    rasio, selisih, cap_rx = _rx("formula_ratio"), _rx("formula_difference"), _rx("cap_value")
    for run in prose_runs(ctx):
        if "\\%" in run or "$" in run:
            run = run.replace("\\%", "%").replace("$", " ")  # LaTeX of a PDF-to-Markdown conversion
        low = run.lower()
        if cap is None and ("%" in run or "persen" in low):
            m = cap_rx.search(run)
            if m is not None:
                n = parse_number(next(g for g in m.groups() if g))
                if n is not None and not n.malformed and n.value >= HUNDRED:
                    cap = n.value
                    around = next((run[a:b] for a, b in _spans(run) if a <= m.start() < b),
                                  run).lower()
                    cap_rows = cap > HUNDRED and not re.search(
                        r"\b(?:untuk|dalam|pada)\s+(?:perhitungan\s+|penghitungan\s+|menghitung\s+)?"
                        r"(?:nilai\s+)?(?:rata\s*-?\s*rata|rerata)", around)
        if "negatif" not in low and not neg_cue.search(run):
            continue
        for sent in _sentences(run):
            cue = neg_cue.search(sent)
            if cue is None:
                continue
            if formula is None:
                if rasio.search(sent):
                    formula = "rasio"
                elif selisih.search(sent):
                    formula = "selisih"
            groups = list(num_rx.finditer(sent))
            for k, m in enumerate(groups):
                if re.match(r"(?:\.\d{1,2})*\s*:", sent[m.end():]):
                    # "Indikator 3: Jumlah Kasus ...", "Indikator 3.1: ..." label an indicator
                    # (a heading run into the sentence after it), they declare nothing
                    continue
                stretch = sent[m.end():groups[k + 1].start() if k + 1 < len(groups) else len(sent)]
                if _POSITIVE_RE.search(stretch) and not neg_cue.search(stretch):
                    continue  # "Indikator 1, 2, 3 dan 5 positif ... Indikator 4 negatif": the
                    # numbers of the positive ones
                numbers.update(int(d) for d in re.findall(r"\d{1,2}", m.group("nums")))
            for m in re.finditer(r"\(([^()]{2,200})\)", sent):
                inner = m.group(1)
                if re.search(r"\d\s*(?:%|x|/)|\brumus\b|\brealisasi\b|\btarget\b|"
                             r"\bsemakin\b|\bmakin\b", inner, re.I):
                    continue
                if abs(m.start() - cue.start()) > 120:
                    continue
                names += _split_names(re.sub(r"^\W*(?:indikator\s+)?(?:nomor|no\.?)\s*", "",
                                             inner, flags=re.I))
            for m in name_rx.finditer(sent):
                names += _split_names(m.group("names") or m.group("names2") or "")
    names = [n for n in names if not re.fullmatch(r"[\d\s,.]+", n)
             and not re.search(r"\b(?:semakin|makin|polaritas|negatif|positif)\b", n, re.I)]
    negs, poss = _table_polarity(ctx)
    names += negs
    return Declared(frozenset(numbers), tuple(dict.fromkeys(names)), formula, cap, cap_rows,
                    tuple(dict.fromkeys(poss)))


_POLARITY_HEAD = re.compile(r"^\W*(?:sifat|polaritas|arah(?:\s+polaritas)?|jenis\s+indikator)\W*$",
                            re.IGNORECASE)
_POLARITY_CELL = re.compile(r"^\W*(positif|negatif)\W*$", re.IGNORECASE)


def _table_polarity(ctx: CheckContext) -> tuple[list[str], list[str]]:
    """Names a table marks negative and positive in a polarity column ("No | Indikator |
    Sifat | Sumber Data" with "positif"/"negatif" per row): the report's own word on each
    indicator's polarity. The name is the longest other cell of the row."""
    negs: list[str] = []
    poss: list[str] = []
    for table in ctx.document.tables():
        col: int | None = None
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if col is None:
                col = next((i for i, t in enumerate(cells) if _POLARITY_HEAD.match(t)), None)
                continue
            if col >= len(cells):
                continue
            m = _POLARITY_CELL.match(cells[col])
            if m is None:
                continue
            name = max((t for i, t in enumerate(cells) if i != col), key=len, default="")
            if len(name) < 4 or re.fullmatch(r"[\d\s.,%]+", name):
                continue
            (negs if m.group(1).lower() == "negatif" else poss).append(name)
    return negs, poss


def declared(ctx: CheckContext) -> Declared:
    cached = getattr(ctx, "_polarity_declared", None)
    if cached is None:
        cached = _read(ctx)
        object.__setattr__(ctx, "_polarity_declared", cached)
    return cached  # type: ignore[no-any-return]


def _initials(name: str) -> str:
    """"Net Death Rate (‰)" -> "NDR"; the acronym in parentheses is kept too."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", re.sub(r"\([^)]*\)", " ", name))
    return "".join(w[0] for w in words if w[0].isupper()).upper()


def _acronyms(name: str) -> set[str]:
    out = {_initials(name)}
    out |= set(re.findall(r"\b([A-Z][A-Z0-9]{1,7})\b", name))
    return {a for a in out if len(a) >= 2}


def _fragment_rows(frag: str, rows: list[IndicatorRow]) -> list[IndicatorRow]:
    if re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", frag):
        return [r for r in rows if frag in _acronyms(r.name)]
    if not tokens(frag):
        return []
    hits = [r for r in rows if containment(frag, r.name) >= 0.75]
    if len(hits) > 1:
        # "jumlah pelanggaran perda" is row 1's name word for word; "Persentase pelanggaran
        # perda yang ditindaklanjuti" only shares its content words
        flat = " ".join(re.findall(r"\w+", frag.lower()))
        verbatim = [r for r in hits if flat in " ".join(re.findall(r"\w+", r.name.lower()))]
        if verbatim:
            hits = verbatim
    return hits


def negative_rows(ctx: CheckContext, rows: list[IndicatorRow]) -> set[int]:
    """ids of the rows of one table the report declares lower-is-better."""
    d = declared(ctx)
    if not d.any:
        return set()
    out: set[int] = set()
    indicators = [r for r in rows if r.kind == "indicator"]
    if d.numbers:
        numbered = [r for r in indicators if r.number is not None]
        if len(numbered) >= len(indicators) - 1 and numbered:
            out |= {id(r) for r in numbered if r.number in d.numbers}
        else:
            out |= {id(r) for i, r in enumerate(indicators, 1) if i in d.numbers}
    for frag in d.names:
        hit = _fragment_rows(frag, indicators)
        if hit and len(hit) <= max(1, len(indicators) // 2):
            out |= {id(r) for r in hit}
    return out


def row_declared_negative(ctx: CheckContext, row: IndicatorRow) -> bool:
    """Whether the report declares ``row``'s indicator lower-is-better (by its number in its
    table, by its name or by its acronym)."""
    if not declared(ctx).any:
        return False
    cache: dict[object, set[int]] | None = getattr(ctx, "_polarity_rows", None)
    if cache is None:
        cache = {}
        object.__setattr__(ctx, "_polarity_rows", cache)
    key: object = (row.role, row.table.index) if row.copy else row.role
    if key not in cache:
        rows = ctx.tables.rows(row.role, all_rows=True)
        rows = [r for r in rows if r.table is row.table] if row.copy else \
            [r for r in rows if not r.copy]
        cache[key] = negative_rows(ctx, rows)
    return id(row) in cache[key]


def row_declared_positive(ctx: CheckContext, row: IndicatorRow) -> bool:
    """Whether a polarity column of the report marks ``row``'s indicator "positif" (higher is
    better) although its name may sound otherwise ("Penyelesaian gangguan trantibum")."""
    d = declared(ctx)
    if not d.positives or row_declared_negative(ctx, row):
        return False
    indicators = [r for r in ctx.tables.rows(row.role) if r.kind == "indicator"] or [row]
    return any(row in _fragment_rows(frag, indicators) for frag in d.positives)
