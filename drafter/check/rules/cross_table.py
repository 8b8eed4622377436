"""Cross-table rules (XT1xx): the same figure stated differently in two places.

An issue about two places points at the LATER one and names the other one in its message; when
three places agree and one differs, the odd one is reported (once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.check.claims_parse import (
    Value,
    dec,
    main_rows,
    nums_equal,
    pattern,
    same_value,
    sentences,
    similarity,
    text_value,
    value_of,
)
from drafter.check.registry import Issue, Rule, register
from drafter.check.tables import cell_is_numeric, clean, read_value, table_display_name
from drafter.document.model import Block, Cell, Row
from drafter.numbers import fmt_num
from drafter.tables.hierarchy import is_total_label, numbering_depth, numbering_rank
from drafter.text.prefilter import filtered_finditer, filtered_search

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.check.tables import BudgetRow, IndicatorRow, ValueCell


def line_of(vc: ValueCell) -> int:
    return vc.cell.locate(*vc.span()).line


def table_name(role: str) -> str:
    """The table of ``role`` as the report numbers it ("Tabel 3.2" when its measurement
    table is numbered so)."""
    return table_display_name(role)


def place(role: str, vc: ValueCell) -> str:
    return f"{table_name(role)} (baris {line_of(vc)})"


def label(row: IndicatorRow) -> str:
    """The indicator name of a row (the last text cell before the values when the table did not
    name its indicator column)."""
    if row.name.strip():
        return row.name
    vcols = [vc.cell.col for vc in row.values.values() if vc.cell in row.row.cells]
    first = min(vcols) if vcols else len(row.row.cells)
    best = ""
    for c in row.row.cells:
        t = c.text.strip()
        if c.col >= first or not t or cell_is_numeric(t) or len(t) < 3:
            continue
        if row.sasaran and t == row.sasaran.strip():
            continue
        best = t
    return best


def _score(row: IndicatorRow, main: IndicatorRow, *, use_sasaran: bool) -> float:
    s = similarity(label(row), main.name)
    short = label(row).strip()
    if re.fullmatch(r"[A-Z][A-Z0-9\-]{1,7}", short) and \
            re.search(rf"\(\s*{re.escape(short)}\s*\)", main.name):
        s = max(s, 0.85)  # "KIA" for "Cakupan Kartu Identitas Anak (KIA)"
    if row.role == "3.7" and main.sasaran:
        s = max(s, similarity(row.name, main.sasaran))
    if use_sasaran and row.sasaran and main.sasaran:
        s = max(s, 0.9 * similarity(row.sasaran, main.sasaran))
    return s


def assign(ctx: CheckContext, role: str) -> list[tuple[IndicatorRow, IndicatorRow]]:
    """(row of ``role``, main indicator row) pairs."""
    mains = main_rows(ctx)
    if not mains:
        return []
    rows = [r for r in ctx.tables.rows(role, copies=True) if r not in mains]
    out: list[tuple[IndicatorRow, IndicatorRow]] = []
    use_sasaran = role not in ("renstra", "iku")
    by_table: dict[int, list[IndicatorRow]] = {}
    for r in rows:
        by_table.setdefault(r.table.index, []).append(r)
    for r in rows:
        scored = sorted(((_score(r, m, use_sasaran=use_sasaran), i) for i, m in enumerate(mains)),
                        reverse=True)
        best, bi = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best >= 0.6 and best - second >= 0.05:
            out.append((r, mains[bi]))
            continue
        if best >= 0.6:
            # a short name contained in two indicators' names ("KTP-el" in "Cakupan
            # kepemilikan KTP-el" and in "Penduduk wajib KTP-el yang mengaktivasi IKD"): the
            # one with fewer other words, when clearly so
            tied = [i for s, i in scored if s >= best - 0.05]
            dice = sorted(((_dice(label(r), mains[i].name), i) for i in tied), reverse=True)
            if len(dice) >= 2 and dice[0][0] - dice[1][0] >= 0.2:
                out.append((r, mains[dice[0][1]]))
                continue
        same = by_table[r.table.index]
        if role not in ("renstra", "iku", "3.7") and len(same) == len(mains):
            idx = same.index(r)
            if best < 0.6 or bi == idx:
                out.append((r, mains[idx]))
    return out


def _dice(a: str, b: str) -> float:
    """Share of the two names' tokens that match (words of either name count)."""
    from drafter.check.fuzzy import tokens as ftokens

    ta, tb = ftokens(a), ftokens(b)
    if not ta or not tb:
        return 0.0
    return 2 * len(set(ta) & set(tb)) / (len(ta) + len(tb))


_UNIT_RE = re.compile(r"\(\s*([^()]{1,20}?)\s*\)\s*$")


def _units_differ(a: str, b: str) -> bool:
    """Both names end with a unit in brackets and the units differ ("(desa)" against "(%)");
    an acronym in capitals ("(IKM)") is no unit."""
    ma, mb = _UNIT_RE.search(a or ""), _UNIT_RE.search(b or "")
    if ma is None or mb is None:
        return False
    ua, ub = ma.group(1).strip().lower(), mb.group(1).strip().lower()
    if ma.group(1).isupper() and len(ma.group(1)) > 1 or mb.group(1).isupper() and len(mb.group(1)) > 1:
        return False
    # "(kasus, negatif)", "(% - positif)": the unit beside a polarity note; one shared part
    # is the same unit
    pa, pb = set(_unit_parts(ua)), set(_unit_parts(ub))
    if pa and pb and pa & pb:
        return False
    return ua != ub


_POLARITY_NOTE_RE = re.compile(
    r"^(?:indikator\s+)?(?:polaritas\s+)?(?:negatif|positif|minimize|maximize|makin\s+\w+\s+makin"
    r"\s+\w+|semakin\s+\w+\s+semakin\s+\w+)$")


def _unit_parts(unit: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[,;/]|\s[-–]\s", unit)]
    return [p for p in parts if p and not _POLARITY_NOTE_RE.match(p)]


def _other_magnitude(a: Any, b: Any) -> bool:
    """Two figures a thousandfold apart (22.006.140.000 against 103,32%): another quantity
    that the row's name only resembles (a tax type against the indicator of its arrears)."""
    da, db = dec(a), dec(b)
    if da is None or db is None or da <= 0 or db <= 0:
        return False
    return max(da, db) / min(da, db) >= 1000


class _XTRule(Rule):
    category = "cross-table"
    severity = "error"


def _fmt(v: Value) -> str:
    return v.text


@register
class IndicatorValueMismatch(_XTRule):
    """The same indicator's target, realisasi or capaian differs between the Perjanjian Kinerja,
    Tabel 3.1, 3.2 (report-year columns), 3.3, 3.4, 3.5 and 3.7.

    Every table of BAB III is a view of the same figures; a value that differs in one table
    means it was copied from an older draft or from another indicator. Earlier years are compared
    too, including a sideways table of one indicator (rows Target / Realisasi / Capaian, the years
    as columns, the indicator named by the caption). A unit with a polarity note ("(kasus,
    negatif)") is the same unit as "(kasus)"."""

    code = "XT101"
    name = "indicator-value-mismatch"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.fuzzy import tokens as ftokens

        mains = main_rows(ctx)
        if not mains:
            return
        year = ctx.info.year
        groups: dict[int, dict[str, list[IndicatorRow]]] = {id(m): {} for m in mains}
        for role in ("PK", "3.2", "3.3", "3.4", "3.5", "3.7"):
            for r, m in assign(ctx, role):
                if _units_differ(r.name, m.name):
                    continue  # "Desa ... (desa)" beside "Persentase desa ... (%)": two indicators
                groups[id(m)].setdefault(role, []).append(r)
        from drafter.check.rules.arithmetic import _doc_caps

        caps = _doc_caps(ctx)
        for m in mains:
            g = groups[id(m)]
            # --- target of the report year: the PK is the reference
            tvals: list[tuple[str, ValueCell]] = []
            for r in g.get("PK", []):
                if r.values.get("target"):
                    tvals.append(("PK", r.values["target"]))
            if m.values.get("target"):
                tvals.append((m.role, m.values["target"]))
            if year:
                for r in g.get("3.2", []):
                    vc = r.values.get(f"target:{year}")
                    if vc is not None:
                        tvals.append(("3.2", vc))
            witness = None  # the Renstra's target for the year tells which side is wrong
            told = None
            if year and tvals and tvals[0][0] == "PK":
                rr = renstra_reference(ctx, m.name, threshold=0.7)
                witness = _years(rr).get(year) if rr is not None else None
                if witness is None:
                    told = _prose_target(ctx, m, mains)
            yield from self._against_reference(m, "target", tvals, reference_first=True,
                                               witness=witness, told=told)
            rvals: list[tuple[str, ValueCell]] = []
            if m.values.get("realisasi"):
                rvals.append((m.role, m.values["realisasi"]))
            if year:
                for r in g.get("3.2", []):
                    vc = r.values.get(f"realisasi:{year}")
                    if vc is not None:
                        rvals.append(("3.2", vc))
            for role in ("3.3", "3.4"):
                for r in g.get(role, []):
                    if r.values.get("realisasi"):
                        rvals.append((role, r.values["realisasi"]))
            yield from self._against_reference(m, "realisasi", rvals, reference_first=False)
            # earlier years: the year table (3.2) against the Renstra and comparison tables
            earlier: dict[int, list[tuple[str, ValueCell]]] = {}
            for role in ("3.2", "3.3", "3.4"):
                for r in g.get(role, []):
                    for key, vc in r.values.items():
                        ym = re.fullmatch(r"realisasi:(\d{4})", key)
                        if ym and vc is not None and year and int(ym.group(1)) < year:
                            earlier.setdefault(int(ym.group(1)), []).append((role, vc))
            for y in sorted(earlier):
                yield from self._against_reference(m, f"realisasi tahun {y}", earlier[y],
                                                   reference_first=False)
            cvals: list[tuple[str, ValueCell]] = []
            if m.values.get("capaian"):
                cvals.append((m.role, m.values["capaian"]))
            key = " ".join(sorted(ftokens(m.sasaran or "")))
            single = not key or sum(1 for x in mains if " ".join(sorted(ftokens(x.sasaran or ""))) == key) == 1
            ind_val = value_of(m.values.get("capaian"))
            ind_cap = ind_val.num.value if ind_val is not None and ind_val.num is not None else None
            for role in ("3.5", "3.7") if single else ("3.5",):
                for r in g.get(role, []):
                    if r.values.get("capaian"):
                        # the sasaran's capaian counted as 100% under the report's cap rule
                        r_val = value_of(r.values["capaian"])
                        if (role == "3.7" and caps and r_val is not None and r_val.num is not None
                                and r_val.num.value == 100 and ind_cap is not None
                                and ind_cap > 100):
                            continue
                        cvals.append((role, r.values["capaian"]))
            yield from self._against_reference(m, "capaian", cvals, reference_first=False)

    def _against_reference(self, m: IndicatorRow, what: str, vals: list[tuple[str, ValueCell]],
                           *, reference_first: bool, witness: ValueCell | None = None,
                           told: tuple[Value, int] | None = None) -> Iterable[Issue]:
        vals = [(role, vc) for role, vc in vals if value_of(vc) is not None]
        if len(vals) < 2:
            return
        ref_role, ref_vc = vals[0]
        ref = value_of(ref_vc)
        others = vals[1:]
        diff = [(role, vc) for role, vc in others if same_value(value_of(vc), ref) is False
                and not _other_magnitude(value_of(vc), ref)]
        if not diff:
            return
        name = m.name[:60]
        wv = value_of(witness) if witness is not None else None
        if reference_first and witness is not None and len(diff) == len(others) and \
                same_value(wv, ref) is False and \
                all(same_value(value_of(vc), wv) is not False for _, vc in diff):
            # the reference (PK) alone differs: the other tables and the Renstra agree
            names = ", ".join(place(r2, v2) for r2, v2 in diff)
            yield self.issue(
                ref_vc.cell, *ref_vc.span(),
                f"{what} '{name}' tertulis {ref_vc.text} di {place(ref_role, ref_vc)}, sedangkan "
                f"{names} dan {place('renstra', witness)} menulis {witness.text}",
                expected=witness.text)
            return
        if reference_first and told is not None and len(diff) == len(others) and \
                same_value(told[0], ref) is False and \
                all(same_value(value_of(vc), told[0]) is True for _, vc in diff):
            # the PK alone differs: the other tables and the analysis of the indicator
            # ("berada di atas target 20%") agree on the target the year was measured against
            names = ", ".join(place(r2, v2) for r2, v2 in diff)
            shown = diff[0][1].text
            yield self.issue(
                ref_vc.cell, *ref_vc.span(),
                f"{what} '{name}' tertulis {ref_vc.text} di {place(ref_role, ref_vc)}, sedangkan "
                f"{names} dan uraian capaiannya (baris {told[1]}) memakai target {shown}",
                expected=shown)
            return
        if reference_first:
            diff.sort(key=lambda rv: line_of(rv[1]))
            role, vc = diff[0]
            also = ", ".join(place(r2, v2) for r2, v2 in diff[1:])
            yield self.issue(
                vc.cell, *vc.span(),
                f"{what} '{name}' tertulis {vc.text}, sedangkan {place(ref_role, ref_vc)} menulis "
                f"{ref_vc.text}" + (f" (nilai {vc.text} juga di {also})" if also else ""),
                expected=ref_vc.text)
            return
        agree_others = len(others) >= 2 and len(diff) == len(others) and all(
            same_value(value_of(a[1]), value_of(diff[0][1])) is not False for a in diff)
        if agree_others:
            names = ", ".join(place(r2, v2) for r2, v2 in diff)
            yield self.issue(
                ref_vc.cell, *ref_vc.span(),
                f"{what} '{name}' tertulis {ref_vc.text}, sedangkan {names} menulis {diff[0][1].text}",
                expected=diff[0][1].text)
            return
        for _role, vc in diff:
            yield self.issue(
                vc.cell, *vc.span(),
                f"{what} '{name}' tertulis {vc.text}, sedangkan {place(ref_role, ref_vc)} menulis "
                f"{ref_vc.text}",
                expected=ref_vc.text)


_PROSE_TARGET_RE = re.compile(
    r"\btarget(?:nya)?\s+(?:(?:yang\s+)?(?:ditetapkan|sebesar|yaitu|adalah|tahun\s+ini)\s+)?"
    r"(?P<num>\d{1,3}(?:[.,]\d+)?)(?!\d)(?!\s*(?:[-–]|s\.?d))", re.IGNORECASE)


def _prose_target(ctx: CheckContext, m: IndicatorRow, mains: list[IndicatorRow]
                  ) -> tuple[Value, int] | None:
    """The report-year target the analysis of indicator ``m`` states ("Prevalensi 21,5% berada
    di atas target 20%"): one value, in paragraphs about ``m`` alone (its name's words, no other
    indicator's); None when absent or when the paragraphs disagree."""
    from drafter.check.claims_parse import containment, indicator_paragraphs
    from drafter.check.fuzzy import tokens as _ftokens
    from drafter.check.rules._textutil import sentence_bounds

    found: dict[Decimal, tuple[Value, int]] = {}
    # paragraphs under a heading of the indicator ("c. Jumlah titik genangan") that name it
    # only in part, hard-wrapped lines read as one paragraph
    about = [b for b, row in indicator_paragraphs(ctx) if row is m]
    seen = {id(b) for b in about}
    for b in [*about, *(b for b in ctx.document.prose() if id(b) not in seen)]:
        text = b.text
        if "target" not in text.lower() or (id(b) not in seen and containment(m.name, text) < 0.75):
            continue
        if any(o is not m and containment(o.name, text) >= 0.75 and
               containment(o.name, m.name) < 0.75 for o in mains):
            continue
        for mt in _PROSE_TARGET_RE.finditer(text):
            if id(b) not in seen:
                # outside its own analysis: only in a sentence that names ``m`` by the words that
                # set it apart ("bayi", not the "angka kematian" it shares with the AKI)
                s0, e0 = sentence_bounds(text, mt.start(), mt.end())
                sent = text[s0:e0]
                others = [o for o in mains if o is not m]
                own = set(_ftokens(m.name)) - set().union(*(set(_ftokens(o.name)) for o in others))
                words, swords = set(_ftokens(text)), set(_ftokens(sent))
                if own and not own & words:
                    continue
                if not own & swords and any(
                        (set(_ftokens(o.name)) - set(_ftokens(m.name))) & swords for o in others):
                    continue  # the sentence names another indicator ("AKI ... target 150")
            after = text[mt.end():mt.end() + 12]
            if re.match(r"\s*(?:tahun|th\.?)\b", text[mt.end():]) or re.search(
                    r"\b(?:akhir|renstra|rpjmd|nasional|provinsi)\b", text[max(0, mt.start() - 30):mt.start()],
                    re.IGNORECASE):
                continue
            v = text_value(mt.group("num") + after[:1] if after[:1] == "%" else mt.group("num"))
            if v is None or v.num is None:
                continue
            found.setdefault(v.num.value, (v, b.locate(mt.start("num")).line))
    return next(iter(found.values())) if len(found) == 1 else None


def _years(row: IndicatorRow) -> dict[int, ValueCell]:
    out: dict[int, ValueCell] = {}
    for k, vc in row.values.items():
        if k.startswith("target:") and value_of(vc) is not None:
            try:
                out[int(k.split(":", 1)[1])] = vc
            except ValueError:
                continue
    return out


def _best_in(rows: list[IndicatorRow], name: str, threshold: float = 0.5) -> IndicatorRow | None:
    scored = sorted(((similarity(name, label(r)), i) for i, r in enumerate(rows)), reverse=True)
    if not scored or scored[0][0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.02:
        # two equally good rows (a matrix "sebelum / setelah perubahan"): take the later one
        cands = [rows[i] for s, i in scored if s >= scored[0][0] - 0.02]
        return cands[-1]
    return rows[scored[0][1]]




def old_renstra_rows(ctx: CheckContext) -> set[int]:
    """ids of Renstra rows that precede a "Setelah Perubahan" marker row in their table: the
    targets before the Renstra was revised, which are no reference for the report year."""
    cache = ctx.__dict__.get("_claims_old_renstra")
    if cache is not None:
        return cache
    old: set[int] = set()
    for t in ctx.document.tables():
        marks = [i for i, row in enumerate(t.rows)
                 if any(filtered_search(pattern("helpers", "revised_marker"), c.text) for c in row.cells)]
        if marks:
            for row in t.rows[: marks[-1]]:
                old.add(id(row))
    ctx.__dict__["_claims_old_renstra"] = old
    return old


def renstra_tables(ctx: CheckContext) -> list[list[IndicatorRow]]:
    """Current Renstra rows grouped by the source table they come from, in document order."""
    home: dict[int, int] = {}
    for t in ctx.document.tables():
        for row in t.rows:
            home[id(row)] = t.index
    old = old_renstra_rows(ctx)
    tables: dict[int, list[IndicatorRow]] = {}
    for r in ctx.tables.rows("renstra", copies=True):
        if id(r.row) in old:
            continue
        tables.setdefault(home.get(id(r.row), r.table.index), []).append(r)
    return [tables[k] for k in sorted(tables)]


def renstra_reference(ctx: CheckContext, name: str, threshold: float = 0.5) -> IndicatorRow | None:
    """The row about ``name`` in the first Renstra matrix that has it."""
    for rows in renstra_tables(ctx):
        hit = _best_in(rows, name, threshold)
        if hit is not None and _years(hit):
            return hit
    return None


@register
class RenstraTargetMismatch(_XTRule):
    """A Renstra target differs between the Renstra matrices of the report (BAB II and the
    Lampiran), the Renstra end target used in Tabel 3.3, the past-year targets of Tabel 3.2, or
    the report-year target of the Perjanjian Kinerja; and a Renstra end target told in a
    paragraph about one indicator ("target akhir Renstra sebesar 90,00% pada tahun 2026") against
    that year's target in the tables.

    Tabel 3.2 and 3.3 must quote the Renstra; two Renstra matrices with different targets leave
    the reader without a reference."""

    code = "XT102"
    name = "renstra-target-mismatch"

    @staticmethod
    def _end_target(ctx: CheckContext, row: IndicatorRow) -> tuple[int, ValueCell] | None:
        """The Renstra end target of a Tabel 3.3 row with its year (0 when the header gives
        none)."""
        vc = row.values.get("renstra_target") or row.values.get("target")
        if vc is None or value_of(vc) is None:
            return None
        info = ctx.tables.info.get(row.table.index)
        col = None
        if info is not None:
            col = info.columns.get("renstra_target", info.columns.get("target"))
        years = re.findall(r"\b(20\d\d)\b", info.labels.get(col, "")) if info is not None and \
            col is not None else []
        return (int(years[-1]) if len(set(years)) == 1 else 0), vc

    def _text_targets(self, ctx: CheckContext) -> Iterable[Issue]:
        """(e) "target akhir Renstra sebesar 90,00% pada tahun 2026" in a paragraph about one
        indicator (named in that sentence or the two before it) against the target of that
        year in the tables (the Renstra matrix, "Target Akhir Renstra 2026" of Tabel 3.3)."""
        from drafter.check.claims_parse import tokens
        from drafter.check.tables import _re as table_re
        from drafter.numbers import parse_number

        year = ctx.info.year
        rows = [r for role in ("renstra", "3.3", "3.2") for r in ctx.tables.rows(role, copies=True)
                if r.kind == "indicator" and (any(y > (year or 0) for y in _years(r))
                                              or (r.role == "3.3" and self._end_target(ctx, r)))]
        if not rows or not year:
            return
        rx_t = table_re("renstra_target_text")
        names = [(r, tokens(re.sub(r"\([^)]*\)", " ", label(r)))) for r in rows]
        prev: list[str] = []
        last_index = -2
        for b in ctx.document.prose():
            if b.index != last_index + 1 or b.kind != "paragraph":
                prev = []
            if b.kind != "paragraph":
                continue
            last_index = b.index
            first = len(prev)  # the paragraph's first sentence in ``prev``
            for s, e in sentences(b.text):
                sent = b.text[s:e]
                prev.append(sent)
                for m in rx_t.finditer(sent):
                    y = int(m.group("y1") or m.group("y2") or 0)
                    # the indicator is named before the target: in the sentence when it names
                    # one there ("Persentase ...", "IKLH ..."), else in the two sentences before
                    head = sent[:m.start()]
                    own = re.search(r"\b(?:persentase|indeks|jumlah|rasio|angka|nilai|cakupan|"
                                    r"tingkat|rata-rata|luas|panjang|(?-i:[A-Z]{3,}))\b", head,
                                    re.IGNORECASE)
                    own_t = tokens(head)
                    have = own_t if own else tokens(" ".join(prev[-3:-1] + [head]))
                    named = [r for r, nt in names if len(nt) >= 2 and nt <= have]
                    loose = [r for r, nt in names if len(nt) >= 2 and len(nt & own_t) >= max(2, 0.75 * len(nt))]
                    if not own and loose and len({" ".join(re.sub(r"\([^)]*\)", " ", label(r)).lower().split())
                                                  for r in loose}) == 1 and \
                            not any(r in loose for r in named):
                        # "... agar waktu penyelesaian layanan dapat mencapai target akhir Renstra
                        # sebesar 2,0 hari": the sentence names its own indicator (most of its
                        # words), not the one of the sentences before
                        own, named = True, loose
                    if len({" ".join(re.sub(r"\([^)]*\)", " ", label(r)).lower().split()) for r in named}) != 1:
                        continue
                    if not own:
                        # the subject comes from the sentences before: none of the paragraph
                        # may name another indicator ("... indikator lainnya, IKM Layanan B
                        # (100%), lebih tinggi. Terhadap target akhir Renstra sebesar 0,55")
                        para = tokens(" ".join(prev[first:-1]))
                        if len({label(r).lower() for r, nt in names if len(nt) >= 2 and nt <= para}) > 1:
                            continue
                    stated = parse_number(m.group("num"))
                    if stated is None or stated.malformed:
                        continue
                    targets = {}
                    for r in named:
                        targets.update({yy: vc for yy, vc in _years(r).items() if yy > year})
                        end_t = self._end_target(ctx, r) if r.role == "3.3" else None
                        if end_t is not None:
                            targets.setdefault(end_t[0], end_t[1])
                    if not targets:
                        continue
                    end = y if y in targets else (max(targets) if not y else None)
                    if end is None:
                        continue
                    ref = targets[end]
                    rv = value_of(ref)
                    if rv is None or rv.num is None:
                        continue
                    if any(nums_equal(stated, v.num) for vc in targets.values()
                           if (v := value_of(vc)) is not None and v.num is not None):
                        continue
                    info = ctx.tables.info.get(named[0].table.index)
                    where = (f"{info.number} (baris {line_of(ref)})" if info is not None and info.number
                             else place(named[0].role, ref))
                    yield self.issue(
                        b, s + m.start("num"), s + m.end("num"),
                        f"target akhir Renstra '{label(named[0])[:60]}' tertulis {m.group('num')}, "
                        f"sedangkan {where} menetapkan {ref.text}",
                        expected=ref.text)

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        yield from self._text_targets(ctx)
        old_rows = old_renstra_rows(ctx)
        rrows = [r for r in ctx.tables.rows("renstra", copies=True) if id(r.row) not in old_rows]
        if not rrows:
            return
        year = ctx.info.year
        home: dict[int, int] = {}
        for t in ctx.document.tables():
            for row in t.rows:
                home[id(row)] = t.index

        def tix(r: IndicatorRow) -> int:
            return home.get(id(r.row), r.table.index)

        tables: dict[int, list[IndicatorRow]] = {}
        for r in rrows:
            tables.setdefault(tix(r), []).append(r)
        order = sorted(tables)
        flagged: set[int] = set()

        def reference(name: str, before: int | None = None) -> list[IndicatorRow]:
            out = []
            for ti in order:
                if before is not None and ti >= before:
                    break
                hit = _best_in(tables[ti], name)
                if hit is not None:
                    out.append(hit)
            return out

        # (a) Renstra matrices among themselves
        for r in rrows:
            lab = label(r)
            if not lab:
                continue
            refs = [x for x in reference(lab, before=tix(r)) if _years(x)]
            if not refs:
                continue
            ref = refs[0]
            ry, oy = _years(ref), _years(r)
            bad = [y for y in sorted(oy) if y in ry and same_value(value_of(oy[y]), value_of(ry[y])) is False]
            if not bad:
                continue
            flagged.add(id(r))
            vc = oy[bad[0]]
            detail = ", ".join(f"{y}: {oy[y].text} vs {ry[y].text}" for y in bad)
            yield self.issue(
                vc.cell, *vc.span(),
                f"target Renstra '{lab[:60]}' berbeda dengan {place('renstra', ry[bad[0]])}: {detail}",
                expected=", ".join(f"{y}: {ry[y].text}" for y in bad))
        # (b) Tabel 3.3 end target
        for t in ctx.tables.rows("3.3"):
            vc = t.values.get("renstra_target") or t.values.get("target")
            tv = value_of(vc)
            if vc is None or tv is None:
                continue
            refs = [x for x in reference(label(t)) if _years(x)]
            if not refs:
                continue
            ry = _years(refs[0])
            end = max(ry)
            if year and end <= year:
                continue
            if same_value(tv, value_of(ry[end])) is False:
                yield self.issue(
                    vc.cell, *vc.span(),
                    f"target jangka menengah '{label(t)[:60]}' di Tabel 3.3 tertulis {vc.text}, "
                    f"sedangkan {place('renstra', ry[end])} menetapkan {ry[end].text} untuk {end}",
                    expected=ry[end].text)
        # (c) past-year targets of Tabel 3.2
        for q in ctx.tables.rows("3.2"):
            qy = _years(q)
            bad: list[tuple[int, ValueCell, ValueCell]] = []
            refs = reference(label(q))
            for y in sorted(qy):
                if year and y >= year:
                    continue
                ref_vc = next((_years(x)[y] for x in refs if y in _years(x)), None)
                if ref_vc is None:
                    continue
                if same_value(value_of(qy[y]), value_of(ref_vc)) is False:
                    bad.append((y, qy[y], ref_vc))
            if bad:
                y, vc, ref_vc = bad[0]
                detail = ", ".join(f"{yy}: {a.text} vs {b.text}" for yy, a, b in bad)
                yield self.issue(
                    vc.cell, *vc.span(),
                    f"target tahun {y} '{label(q)[:60]}' di Tabel 3.2 tertulis {vc.text}, sedangkan "
                    f"{place('renstra', ref_vc)} menetapkan {ref_vc.text} ({detail})",
                    expected=ref_vc.text)
        # (d) report-year Renstra target vs the PK
        pk = ctx.tables.rows("PK", copies=True)
        if not year or not pk or _pk_adjusted(ctx):
            return
        for r in rrows:
            if id(r) in flagged:
                continue
            vc = _years(r).get(year)
            if vc is None:
                continue
            p = _best_in(pk, label(r), threshold=0.6)
            if p is None or p.values.get("target") is None:
                continue
            pv = p.values["target"]
            if same_value(value_of(vc), value_of(pv)) is False:
                main = _best_in(main_rows(ctx), label(r), threshold=0.7)
                if main is not None and main.values.get("target") is not None and \
                        same_value(value_of(vc), value_of(main.values["target"])) is True:
                    continue  # the measurement table agrees with the Renstra: XT101 flags the PK
                yield self.issue(
                    vc.cell, *vc.span(),
                    f"target {year} '{label(r)[:60]}' di Matriks Renstra tertulis {vc.text}, sedangkan "
                    f"{place('PK', pv)} menetapkan {pv.text}",
                    expected=pv.text)


def _pk_adjusted(ctx: CheckContext) -> bool:
    """The report says its PK targets were set apart from the Renstra matrix (adjusted after a
    review): a report-year difference between the two is then explained, not a copying slip."""
    from drafter.check.tables import _re as table_re

    rx = table_re("pk_adjusted_text")
    for unit, _block, ut in ctx.text:
        if isinstance(unit, Cell) or not ctx.text.of(unit).may_match(rx):
            continue
        for s, e in ut.sentences:
            if rx.search(unit.text[s:e]):
                return True
    return False


# budget ------------------------------------------------------------------------------------
_LABEL_RE = re.compile(r"^\W*(?:\d+\.?|[IVX]+\.?)?\s*(?:program|kegiatan|sub\s*kegiatan(?:\s*\d+\s*[.:])?)\s*:?\s*",
                       re.IGNORECASE)


@lru_cache(maxsize=65536)  # called for every row x name pair
def bare(name: str) -> str:
    return _LABEL_RE.sub("", re.sub(r"<[^>]{0,20}>", " ", name)).strip()


def best_budget(rows: list[BudgetRow], name: str, threshold: float = 0.6) -> BudgetRow | None:
    scored = sorted(((similarity(bare(name), bare(r.name)), i) for i, r in enumerate(rows)), reverse=True)
    if not scored or scored[0][0] < threshold:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - 0.03:
        return None
    return rows[scored[0][1]]


def rp_value(vc: ValueCell | None) -> Decimal | None:
    v = value_of(vc) if vc is not None else None
    return v.num.value if v is not None and v.num is not None else None


def text_amount(span: str) -> Value | None:
    return text_value(span.replace("*", " "))


def fmt_rp(x: Decimal) -> str:
    return "Rp " + fmt_num(x, 2)


def budget_totals(ctx: CheckContext) -> tuple[Decimal | None, Decimal | None, str]:
    rows = ctx.tables.budget("3.8")
    tot = [r for r in rows if r.level == "total"]
    if tot:
        # several JUMLAH rows (the budget per program, then the kegiatan of one program): the
        # report's total is the largest
        t = max(reversed(tot), key=lambda r: rp_value(r.values.get("pagu")) or Decimal(0))
        return rp_value(t.values.get("pagu")), rp_value(t.values.get("realisasi")), \
            f"baris JUMLAH {ctx.tables.name('3.8')} (baris {t.row.cells[0].locate().line})"
    progs = [r for r in rows if r.level == "program"]
    if not progs:
        return None, None, ""
    pagu = [rp_value(r.values.get("pagu")) for r in progs]
    real = [rp_value(r.values.get("realisasi")) for r in progs]
    p = sum(pagu, Decimal(0)) if all(x is not None for x in pagu) else None  # type: ignore[arg-type]
    q = sum(real, Decimal(0)) if all(x is not None for x in real) else None  # type: ignore[arg-type]
    return p, q, f"jumlah {len(progs)} program di {ctx.tables.name('3.8')}"


def _total_alternatives(ctx: CheckContext) -> tuple[set[Decimal], set[Decimal]]:
    """The totals the budget table implies besides its JUMLAH cells (pagu, realisasi): realisasi
    + sisa and the sum of the program rows. When the JUMLAH cell disagrees with them, a text
    that agrees with them is right (AR103/AR104 report the cell)."""
    rows = ctx.tables.budget("3.8")
    pagu: set[Decimal] = set()
    real: set[Decimal] = set()
    for t in (r for r in rows if r.level == "total"):
        p, q, z = (rp_value(t.values.get(k)) for k in ("pagu", "realisasi", "sisa"))
        if q is not None and z is not None:
            pagu.add(q + z)
        if p is not None and z is not None:
            real.add(p - z)
    progs = [r for r in rows if r.level == "program"]
    if progs:
        ps = [rp_value(r.values.get("pagu")) for r in progs]
        qs = [rp_value(r.values.get("realisasi")) for r in progs]
        if all(x is not None for x in ps):
            pagu.add(sum(ps, Decimal(0)))  # type: ignore[arg-type]
        if all(x is not None for x in qs):
            real.add(sum(qs, Decimal(0)))  # type: ignore[arg-type]
    return pagu, real


def amount_equal(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) < 1


def _other_year_before(text: str, pos: int, year: int | None) -> bool:
    """True when the nearest year mentioned before ``pos`` in the sentence is not the report year."""
    if year is None:
        return False
    ys = re.findall(r"\b(20\d\d)\b", text[:pos])
    return bool(ys) and int(ys[-1]) != year


@register
class ProgramBudgetMismatch(_XTRule):
    """A program's pagu (or realisasi) differs between the Perjanjian Kinerja, a sentence ("Program
    X ... didukung anggaran sebesar Rp ...") and Tabel 3.8.

    The budget per program must be the same everywhere; a different amount is usually the
    budget before a revision (refocusing) or a typing error."""

    code = "XT103"
    name = "program-budget-mismatch"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rows38 = [r for r in ctx.tables.budget("3.8") if r.level == "program"]
        if not rows38:
            return
        for p in ctx.tables.budget("PK"):
            if p.level != "program":
                continue
            r = best_budget(rows38, p.name)
            if r is None:
                continue
            a, b = p.values.get("pagu"), r.values.get("pagu")
            va, vb = rp_value(a), rp_value(b)
            if a is None or b is None or va is None or vb is None or amount_equal(va, vb):
                continue
            later, earlier = (a, b) if line_of(a) > line_of(b) else (b, a)
            lrole, erole = ("PK", "3.8") if later is a else ("3.8", "PK")
            yield self.issue(later.cell, *later.span(),
                             f"pagu program '{bare(p.name)[:60]}' tertulis {later.text}, sedangkan "
                             f"{place(erole, earlier)} menulis {earlier.text}",
                             expected=earlier.text)
            del lrole
        from drafter.check.rules.arithmetic import _continued

        units = list(ctx.document.prose())
        for i, b in enumerate(units):
            # a flattened PDF breaks "Program X ... dengan anggaran Rp ..." over lines
            text, parts = _continued(units, i)
            for m in filtered_finditer(pattern("program_budget"), text):
                if m.start() >= len(b.text):
                    break  # a sentence of the next block: checked from there
                r = best_budget(rows38, m.group("name"), threshold=0.55)
                if r is None:
                    continue
                for key, grp in (("pagu", "pagu"), ("realisasi", "real")):
                    if not m.group(grp):
                        continue
                    stated = text_amount(m.group(grp))
                    ref = r.values.get(key)
                    rv = rp_value(ref)
                    if stated is None or stated.num is None or ref is None or rv is None:
                        continue
                    if amount_equal(stated.num.value, rv):
                        continue
                    what = "anggaran" if key == "pagu" else "realisasi"
                    at, off = next((u, o) for u, o in reversed(parts) if o <= m.start(grp))
                    yield self.issue(at, m.start(grp) - off, m.end(grp) - off,
                                     f"{what} program '{bare(r.name)[:60]}' tertulis {stated.text}, "
                                     f"sedangkan {place('3.8', ref)} menulis {ref.text}",
                                     expected=ref.text)


@register
class SubKegiatanInputMismatch(_XTRule):
    """The "Input : Dana" of a sub kegiatan in Tabel 3.6 differs from the pagu (or realisasi) of
    the same sub kegiatan in Tabel 3.8.

    Tabel 3.6 and 3.8 describe the same budget lines; a different input amount makes the
    absorption in Tabel 3.6 wrong as well."""

    code = "XT104"
    name = "sub-kegiatan-input-mismatch"

    _SUB = re.compile(r"sub\s*kegiatan\s*\d*\s*[.:]?\s*(.+)$", re.IGNORECASE | re.DOTALL)

    def _sub_name(self, rows: list[BudgetRow], r: BudgetRow) -> str | None:
        cur: BudgetRow | None = r
        seen = 0
        while cur is not None and seen < 6:
            if cur is not r:
                t = re.sub(r"<[^>]{0,20}>", " ", cur.name)
                m = self._SUB.search(t)
                if m:
                    return m.group(1)
                if cur.level in ("kegiatan", "program"):
                    return None
            cur = rows[cur.parent] if cur.parent is not None and cur.parent < len(rows) else None
            seen += 1
        # no parent chain: the closest sub kegiatan row above in the same table
        for prev in reversed(rows[: r.index]):
            if prev.table is not r.table and prev.table.index < r.table.index - 2:
                break
            t = re.sub(r"<[^>]{0,20}>", " ", prev.name)
            m = self._SUB.search(t)
            if m:
                return m.group(1)
            if prev.level in ("kegiatan", "program"):
                return None
        return None

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        subs = [r for r in ctx.tables.budget("3.8") if r.level == "sub_kegiatan"]
        rows36 = ctx.tables.budget("3.6")
        if not subs or not rows36:
            return
        progs = {rp_value(x.values.get("pagu")): x for x in ctx.tables.budget("3.8")
                 if x.level in ("program", "kegiatan")}
        for r in rows36:
            if r.level != "input":
                continue
            vc = r.values.get("pagu") or r.values.get("target")
            v = rp_value(vc)
            if vc is None or v is None:
                continue
            name = self._sub_name(rows36, r)
            if not name:
                continue
            s = best_budget(subs, name, threshold=0.7)
            if s is None:
                continue
            ref = s.values.get("pagu")
            rv = rp_value(ref)
            if ref is None or rv is None:
                continue
            if amount_equal(v, rv):
                # same pagu: the realisasi must agree as well
                rvc, srvc = r.values.get("realisasi"), s.values.get("realisasi")
                a, z = rp_value(rvc), rp_value(srvc)
                if rvc is not None and srvc is not None and a is not None and z is not None \
                        and a >= 1000 and not amount_equal(a, z):
                    yield self.issue(rvc.cell, *rvc.span(),
                                     f"realisasi dana sub kegiatan '{bare(name)[:60]}' tertulis {rvc.text}, "
                                     f"sedangkan {place('3.8', srvc)} mencatat realisasi {srvc.text}",
                                     expected=srvc.text)
                continue
            note = ""
            if v in progs and progs[v] is not None:
                note = f" ({vc.text} adalah pagu {bare(progs[v].name)[:40]})"
            yield self.issue(vc.cell, *vc.span(),
                             f"input dana sub kegiatan '{bare(name)[:60]}' tertulis {vc.text}, sedangkan "
                             f"{place('3.8', ref)} mencatat pagu {ref.text}{note}",
                             expected=ref.text)


_REVENUE_RE = re.compile(r"\b(?:pendapatan|(?-i:PAD|PNBP)|pajak|retribusi|penerimaan)\b", re.IGNORECASE)
_SPENDING_RE = re.compile(r"\b(?:belanja|anggaran|pagu|dana|DPA)\b", re.IGNORECASE)
_SCALE = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_SCALE_AFTER_RE = re.compile(r"^\s*(ribu|juta|miliar|milyar|triliun)\b", re.IGNORECASE)


def _revenue_subject(before: str) -> bool:
    """The amount's subject is income (pendapatan, PAD, pajak, retribusi): its nearest
    subject word before the amount names revenue, not spending."""
    rev = [m.end() for m in _REVENUE_RE.finditer(before)]
    spend = [m.end() for m in _SPENDING_RE.finditer(before)]
    return bool(rev) and (not spend or rev[-1] > spend[-1])


def _scaled_equal(num: Any, after: str, ref: Decimal) -> bool:
    """"Rp 154,49 miliar" for 154.494.570.500: the amount times its scale word, to the
    precision of its written digits."""
    m = _SCALE_AFTER_RE.match(after)
    if m is None:
        return False
    unit = Decimal(_SCALE[m.group(1).lower()])
    step = unit / (Decimal(10) ** getattr(num, "decimals", 0))
    return abs(num.value * unit - ref) <= step / 2


_REFOCUS_RE = re.compile(r"refo[ck]us|pengurangan|tahun\s+lalu|sebelumnya", re.IGNORECASE)


@register
class BudgetTotalMismatch(_XTRule):
    """A total budget or total realisation stated in the text ("didukung dengan anggaran sebesar
    Rp ...", "realisasi belanja ... sebesar Rp ...") differs from the JUMLAH row of Tabel 3.8
    (or the sum of its programs).

    The Ikhtisar and BAB IV repeat the totals of Tabel 3.8; they must agree."""

    code = "XT105"
    name = "budget-total-mismatch"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        pagu, real, source = budget_totals(ctx)
        if pagu is None and real is None:
            return
        year = ctx.info.year
        units: set[Decimal] = set()
        for role in ("3.8", "3.6", "PK"):
            for r in ctx.tables.budget(role):
                if r.level == "total" and (rp_value(r.values.get("pagu")) == pagu or pagu is None):
                    continue  # the reference itself; another JUMLAH row is one table's part
                for k in ("pagu", "realisasi", "target"):
                    v = rp_value(r.values.get(k))
                    if v is not None:
                        units.add(v)
        from drafter.check.rules.arithmetic import _continued

        alts: tuple[set[Decimal], set[Decimal]] | None = None
        blocks = list(ctx.document.prose())
        for i, b in enumerate(blocks):
            # a flattened PDF puts "anggaran sebesar" and its amount on lines of their own
            text, parts = _continued(blocks, i)
            for s, e in sentences(text):
                if s >= len(b.text):
                    break  # a sentence of the next block: checked from there
                sent = text[s:e]
                if filtered_search(_REFOCUS_RE, sent):
                    continue
                for key, ref in (("total_budget", pagu), ("total_realisasi", real)):
                    if ref is None:
                        continue
                    for m in filtered_finditer(pattern(key), sent):
                        if re.search(r"\bprogram\s+\w", sent[: m.start()], re.IGNORECASE):
                            continue
                        at, off = next((u, o) for u, o in reversed(parts) if o <= s + m.start("num"))
                        if at is not b and (not re.fullmatch(r"\s*(?:(?:sebesar|senilai)\s+)?",
                                                             text[off:s + m.start("num")],
                                                             re.IGNORECASE) or s + m.start() < len(b.text) - 60
                                            or any(o > s + m.start() for _u, o in parts if o < off)):
                            continue  # over a line break only when the amount opens the next line
                        if _other_year_before(sent, m.start("num"), year):
                            continue
                        if not re.match(r"realisasi\s", m.group(0), re.IGNORECASE) and \
                                _revenue_subject(sent[: m.start("num")]):
                            continue  # "PAD terealisasi Rp ...": income, not the spent budget
                        stated = text_amount(m.group("num"))
                        if stated is None or stated.num is None or stated.num.value < 1000:
                            continue
                        if amount_equal(stated.num.value, ref) or \
                                _scaled_equal(stated.num, sent[m.end("num"):], ref):
                            continue
                        if stated.num.value in units or re.search(r"\bsub\s*kegiatan\b|\bkegiatan\s+(?:ini|:)",
                                                                  sent, re.IGNORECASE):
                            continue  # the amount of one program / kegiatan, not the total
                        if alts is None:
                            alts = _total_alternatives(ctx)
                        if any(amount_equal(stated.num.value, a)
                               for a in alts[0 if key == "total_budget" else 1]):
                            continue  # the table's own sums agree with the text: its JUMLAH cell is off
                        what = "total anggaran" if key == "total_budget" else "total realisasi"
                        note = ""
                        if key == "total_realisasi" and pagu is not None and amount_equal(stated.num.value, pagu):
                            note = " (angka tersebut adalah total pagu)"
                        yield self.issue(at, s + m.start("num") - off, s + m.end("num") - off,
                                         f"{what} tertulis {stated.text}, sedangkan {source} "
                                         f"mencatat {fmt_rp(ref)}{note}",
                                         expected=fmt_rp(ref))


@register
class BelanjaCompositionMismatch(_XTRule):
    """The composition of the budget (Belanja Operasional / Modal / ...) is stated twice with
    different amounts (e.g. in the Ikhtisar and in "C. Realisasi Anggaran").

    Readers compare the Ikhtisar with the chapter; two amounts for the same belanja cannot both
    be right."""

    code = "XT106"
    name = "belanja-composition-mismatch"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        first: dict[str, tuple[Block, Value, int]] = {}
        for b in ctx.document.prose():
            seen: set[int] = set()
            for key in ("belanja_part_pct_first", "belanja_part"):
                for m in pattern(key).finditer(b.text):
                    if m.start("num") in seen:
                        continue
                    seen.add(m.start("num"))
                    kind = " ".join(m.group("kind").lower().split())
                    if _other_year_before(b.text, m.start("num"), ctx.info.year) and \
                            re.search(r"\b20\d\d\b", b.text[max(0, m.start() - 80): m.start("num")]):
                        continue
                    v = text_amount(m.group("num"))
                    if v is None or v.num is None:
                        continue
                    line = b.locate(m.start("num"), m.end("num")).line
                    if kind not in first:
                        first[kind] = (b, v, line)
                        continue
                    _, v0, line0 = first[kind]
                    if v0.num is not None and not amount_equal(v0.num.value, v.num.value):
                        yield self.issue(b, m.start("num"), m.end("num"),
                                         f"Belanja {kind.title()} tertulis {v.text}, sedangkan baris "
                                         f"{line0} menulis {v0.text}",
                                         expected=v0.text)


@register
class ProgramIndicatorMismatch(_XTRule):
    """A program indicator result stated in the text ("Program X dengan indikator Y tercapai
    90%") is not the realisasi or capaian of that program in Tabel 3.6.

    The program indicators feed the sasaran indicator; their results must match Tabel 3.6."""

    code = "XT107"
    name = "program-indicator-mismatch"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        progs = [r for r in ctx.tables.budget("3.6") if r.level == "program"]
        if not progs:
            return
        for b in ctx.document.prose():
            for m in filtered_finditer(pattern("program_indicator"), b.text):
                r = best_budget(progs, m.group("name"), threshold=0.55)
                if r is None:
                    continue
                stated = text_value(m.group("num"))
                if stated is None or stated.num is None:
                    continue
                vals = [value_of(r.values.get(k)) for k in ("realisasi", "capaian", "persen")]
                vals = [v for v in vals if v is not None and v.num is not None]
                if not vals or any(nums_equal(stated.num, v.num) for v in vals):  # type: ignore[arg-type]
                    continue
                cap = r.values.get("capaian") or r.values.get("persen") or r.values.get("realisasi")
                t = r.values.get("target")
                rr = r.values.get("realisasi")
                yield self.issue(
                    b, m.start("num"), m.end("num"),
                    f"indikator program '{bare(r.name)[:50]}' tertulis tercapai {stated.text}, sedangkan "
                    f"{place('3.6', cap)} mencatat target {t.text if t else '-'}, realisasi "  # type: ignore[arg-type]
                    f"{rr.text if rr else '-'}, capaian {cap.text if cap else '-'}",
                    expected=cap.text if cap else None)


def _unused(_: Cell) -> None:  # keep the import for type checkers
    return None


@register
class PlannedTargetMismatch(_XTRule):
    """A target stated in the planning summary (RKT / cascading: "Indikator : X (Target : Y)",
    "... Jumlah dokumen ... (Target 9 Dok.)") differs from the target of the same indicator in the
    Perjanjian Kinerja / Renstra, or of the same program or kegiatan in Tabel 3.6.

    The RKT, the PK and Tabel 3.6 state the same plan for the year; a different target in one
    of them is a copying error."""

    code = "XT108"
    name = "planned-target-mismatch"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.fuzzy import tokens as ftokens

        year = ctx.info.year
        pk = ctx.tables.rows("PK", copies=True)
        rrows = ctx.tables.rows("renstra", copies=True)
        units = [r for r in ctx.tables.budget("3.6") if r.level in ("program", "kegiatan")]
        role_tables = {b.index for b in ctx.document.tables() if ctx.tables.role_of(b)}
        for t in ctx.document.tables():
            if t.index in role_tables:
                continue
            for unit in t.cells():
                text = unit.text
                if "target" not in text.lower():
                    continue
                done: set[int] = set()
                for m in pattern("planned_indicator").finditer(text):
                    name = m.group("name")
                    stated = text_value(m.group("num"))
                    if stated is None:
                        continue
                    ref_vc = None
                    src = ""
                    p = _best_in(pk, name, threshold=0.7) if pk else None
                    if p is not None and p.values.get("target") is not None:
                        ref_vc, src = p.values["target"], "PK"
                    elif year and rrows:
                        r = renstra_reference(ctx, name, threshold=0.7)
                        if r is not None and _years(r).get(year) is not None:
                            ref_vc, src = _years(r)[year], "renstra"
                    if ref_vc is None:
                        continue  # not a PK / Renstra indicator: maybe a program of Tabel 3.6 (below)
                    done.add(m.start("num"))
                    if same_value(stated, value_of(ref_vc)) is not False:
                        continue
                    yield self.issue(unit, m.start("num"), m.end("num"),
                                     f"target '{name.strip()[:60]}' tertulis {stated.text}, sedangkan "
                                     f"{place(src, ref_vc)} menetapkan {ref_vc.text}",
                                     expected=ref_vc.text)
                if not units:
                    continue
                prev_end = 0
                for m in pattern("planned_target").finditer(text):
                    seg = text[prev_end:m.start()]
                    prev_end = m.end()
                    if m.start("num") in done:
                        continue
                    segt = set(ftokens(seg))
                    scored = []
                    for u in units:
                        ut = ftokens(bare(u.name))
                        if len(ut) < 2:
                            continue
                        share = sum(1 for x in ut if x in segt) / len(ut)
                        scored.append((share, len(ut), u))
                    scored.sort(key=lambda s: (-s[0], -s[1]))
                    if not scored or scored[0][0] < 0.85:
                        continue
                    if len(scored) > 1 and scored[1][0] >= scored[0][0] and scored[1][1] == scored[0][1]:
                        continue
                    u = scored[0][2]
                    ref = u.values.get("target")
                    stated = text_value(m.group("num"))
                    if ref is None or stated is None or same_value(stated, value_of(ref)) is not False:
                        continue
                    yield self.issue(unit, m.start("num"), m.end("num"),
                                     f"target '{bare(u.name)[:60]}' tertulis {m.group('num')} "
                                     f"{m.group('unit')}".rstrip() + f", sedangkan {place('3.6', ref)} "
                                     f"menulis target {ref.text}",
                                     expected=ref.text)




@register
class PlanBudgetMismatch(_XTRule):
    """The budget of a sub kegiatan in the RKT (Rencana Kinerja Tahunan) attached to the report
    differs from its pagu in Tabel 3.8.

    The RKT attached to the LKIP should carry the final budget of the year; a different amount
    is a budget from before the last revision, and readers cannot tell which one is valid."""

    code = "XT109"
    name = "plan-budget-mismatch"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.fuzzy import tokens as ftokens

        subs = [r for r in ctx.tables.budget("3.8") if r.level == "sub_kegiatan"]
        if not subs:
            return
        names = [(bare(s.name), s) for s in subs]
        reported: set[int] = set()
        for t in ctx.document.tables():
            if ctx.tables.role_of(t):
                continue
            context = " ".join(b.text for b in ctx.document.blocks[max(0, t.index - 8): t.index]
                               if b.kind != "table")
            if not pattern("helpers", "rkt_context").search(context + " " + (t.caption or "")):
                continue
            acol = None
            for row in t.rows[:6]:
                for c in row.cells:
                    if pattern("helpers", "anggaran_header").match(c.text):
                        acol = c.col
                if acol is not None:
                    break
            if acol is None:
                continue
            for row in t.rows:
                cell = next((c for c in row.cells if c.col == acol), None)
                if cell is None:
                    continue
                v = text_amount(cell.text)
                if v is None or v.num is None or v.num.value < 100000 or v.num.percent:
                    continue
                best, second, hit = 0.0, 0.0, None
                for c in row.cells:
                    if c.col >= acol or len(c.text) < 12 or cell_is_numeric(c.text) or \
                            pattern("helpers", "indicator_text").match(c.text):
                        continue
                    nt = len(ftokens(c.text))
                    for n, s in names:
                        if nt > 1.5 * len(ftokens(n)) + 2:
                            continue
                        sc = similarity(c.text, n)
                        if sc > best:
                            best, second, hit = sc, best, s
                        elif sc > second and s is not hit:
                            second = sc
                if hit is None or best < 0.8 or best - second < 0.08 or id(hit) in reported:
                    continue
                ref = hit.values.get("pagu")
                rv = rp_value(ref)
                if ref is None or rv is None or amount_equal(v.num.value, rv):
                    continue
                reported.add(id(hit))
                yield self.issue(cell, 0, len(cell.text),
                                 f"anggaran sub kegiatan '{bare(hit.name)[:60]}' di RKT tertulis "
                                 f"{cell.text.strip()}, sedangkan {place('3.8', ref)} mencatat pagu {ref.text}",
                                 expected=ref.text)


# table totals ------------------------------------------------------------------------------
_NON_ADDITIVE_RE = re.compile(
    r"%|persen|prosentase|persentase|capaian|rata|indeks|nilai|skor|tahun|\bno\b|nomor|kode|"
    r"predikat|kategori|target|satuan", re.IGNORECASE)
_REMAINDER_COL_RE = re.compile(r"\bsisa\b|\bselisih\b|\bsilpa\b", re.IGNORECASE)
_AVERAGE_RE = re.compile(r"^\W*(?:rata\s*[-–]?\s*rata|rerata)", re.IGNORECASE)
_SKIP_ROLES = ("3.8", "3.6", "PK", "scale", "grade")


def _row_rank(row: Row) -> int | None:
    """Nesting rank of a row from its number or bullet (I < 1 < 1.1 < a. < -)."""
    for c in row.cells[:2]:
        t = clean(c.text)
        if t:
            return numbering_rank(t if len(t) <= 12 else t[:2])
    return None


def _leaves(rows: list[Row]) -> list[Row]:
    """The rows that are not the parent of the rows after them (a program above its
    kegiatan, "PNS" above "- Golongan III"): sub-rows are summed, never with their parents."""
    ranks = [_row_rank(r) for r in rows]
    out = []
    for k, r in enumerate(rows):
        nxt = next((x for x in ranks[k + 1:] if x is not None), None) if ranks[k] is not None \
            else None
        if ranks[k] is not None and nxt is not None and nxt > ranks[k]:
            continue
        out.append(r)
    return out


_TOTAL_ONLY_RE = re.compile(
    r"^\W*(?:sub\s*[-]?\s*)?(?:jumlah|total|grand\s+total)(?:\s+(?:total|keseluruhan|"
    r"seluruhnya|akhir|semua|umum))?\W*(?:\((?:rp|orang|jiwa|unit)\.?\)\W*)?$", re.IGNORECASE)


def _is_total(label: str, row: Row, last: bool) -> bool:
    """A total row: "Jumlah" / "Total" (any row without a row number), or a longer total
    label ("Jumlah Belanja") on the table's last row; "Jumlah Penduduk" among other rows is
    a data row."""
    if not is_total_label(label) or len(label.split()) > 4:
        return False
    first = clean(row.cells[0].text) if row.cells else ""
    if first and first != label and numbering_depth(first) is not None:
        return False
    return bool(_TOTAL_ONLY_RE.match(label)) or last


def _label_of(row: Row) -> tuple[str, int]:
    for c in row.cells:
        t = clean(c.text)
        if t and not cell_is_numeric(t) and numbering_depth(t) is None:
            return t, c.col
    return "", -1


@register
class TableTotalRow(_XTRule):
    """A "Jumlah" / "Total" row of a table (staff, population, desa, belanja, any count or
    amount table) differs from the sum of the rows it totals.

    A total that does not add up means a row is missing, duplicated or mistyped. Only leaf
    rows are summed (a program's or a group's own row is not added to its sub-rows), and a
    total may cover the rows since the previous total or the whole table; percentage,
    index, year and target columns are not summed. Budget tables are checked by AR103."""

    code = "XT110"
    name = "table-total-row"
    category = "arithmetic"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ti = ctx.tables
        leveled = {r.table.index for role in ("3.8", "3.6", "PK") for r in ti.budget(role)
                   if r.level in ("program", "kegiatan", "sub_kegiatan")}
        carry: tuple[int, int, list[Row], list[Row], dict[int, str]] | None = None
        for t in ctx.document.tables():
            role = ti.role_of(t)
            if role in ("scale", "grade") or t.index in leveled or not t.rows or (
                    role in _SKIP_ROLES and role != "3.8"):
                carry = None
                continue  # budget tables with program levels: AR103
            info = ti.info.get(t.index)
            header = set(info.header_rows) if info is not None else {
                i for i, r in enumerate(t.rows) if r.is_header}
            labels = info.labels if info is not None else {}
            width = max(len(r.cells) for r in t.rows)
            since: list[Row] = []
            every: list[Row] = []
            blocks = ctx.document.blocks
            if carry is not None and carry[1] == width and all(
                    blocks[k].kind != "table" and len(blocks[k].text) <= 12
                    for k in range(carry[0] + 1, t.index)) and (
                    not header or (info is not None and not info.columns)):
                # the part of a table after a page break: its rows add to the same total
                _, _, since, every, labels = carry
                header = set()
            last = max((i for i in range(len(t.rows)) if i not in header), default=-1)
            for i, row in enumerate(t.rows):
                if i in header:
                    continue
                label, col = _label_of(row)
                if label and _is_total(label, row, i == last):
                    if not _AVERAGE_RE.match(label):
                        yield from self._compare(t, row, col, _leaves(since), _leaves(every),
                                                 labels)
                    since = []
                    continue
                since.append(row)
                every.append(row)
            carry = (t.index, width, since, every, labels)

    def _compare(self, t: Block, total: Row, label_col: int, parts: list[Row],
                 every: list[Row], labels: dict[int, str]) -> Iterable[Issue]:
        if len(parts) < 2:
            return
        shift = self._slid_left(total, label_col, parts)
        for cell in total.cells:
            col = cell.col + shift
            if cell.col <= label_col or _NON_ADDITIVE_RE.search(labels.get(col, "")):
                continue
            tv = read_value(cell)
            if tv.num is None or tv.num.percent:
                continue
            sums = []
            for rows in (parts, every):
                vals = self._column(rows, col)
                if vals is None or len(vals) < 2:
                    break
                sums.append(sum(vals, Decimal(0)))
            if not sums or any(tv.num.explains(x) for x in sums):
                continue
            vals = self._column(parts, col) or []
            if vals and all(v >= 0 for v in vals) and tv.num.value <= max(vals):
                continue  # a total no larger than one of its parts is a mean or a rate
            if not shift and self._remainder_of_row(total, cell.col, labels):
                continue  # "Sisa" = pagu - realisasi holds on the total: a row is wrong (AR116)
            if any(tv.num.explains(x / 2) for x in sums):
                continue  # group rows summed with their sub-rows: the hierarchy is not marked
            if self._explained_by_a_level(tv, every, col):
                continue  # the total of the top rows (programs); a sub-row error is AR103's
            lab = _label_of(total)[0]
            yield self.issue(cell, *tv.span(),
                             f"baris {lab} tertulis {tv.text}, padahal jumlah {len(parts)} baris "
                             f"di atasnya = {fmt_num(sums[0], 2)}", expected=fmt_num(sums[0], 2))

    @classmethod
    def _slid_left(cls, total: Row, label_col: int, parts: list[Row]) -> int:
        """How far the amounts of a total row slid left in a conversion ("Jumlah | 282 | "
        under "No | Status | Jumlah"): as many empty cells end the row, the first amount
        stands where the other rows have text, and where it belongs they have numbers."""
        cells = sorted(total.cells, key=lambda c: c.col)
        k = 0
        for c in reversed(cells):
            if clean(c.text):
                break
            k += 1
        first = next((c for c in cells if c.col > label_col and clean(c.text)), None)
        if not k or k == len(cells) or first is None or read_value(first).num is None:
            return 0
        here = [clean(c.text) for r in parts for c in r.cells if c.col == first.col]
        if not here or any(cell_is_numeric(t) for t in here if t):
            return 0
        moved = cls._column(parts, first.col + k)
        return k if moved is not None and len(moved) >= 2 else 0

    @staticmethod
    def _remainder_of_row(total: Row, col: int, labels: dict[int, str]) -> bool:
        """The total's cell in a remainder column ("Sisa", "Selisih") equals the difference
        of two other amounts of the same total row: the total is right and a row's own
        remainder is mistyped."""
        if not _REMAINDER_COL_RE.search(labels.get(col, "")):
            return False
        vals: dict[int, Decimal] = {}
        for c in total.cells:
            v = read_value(c)
            if v.num is not None and not v.num.percent:
                vals[c.col] = v.num.value
        mine = vals.get(col)
        if mine is None:
            return False
        others = [v for c, v in vals.items() if c != col]
        return any(a - b == mine for a in others for b in others)

    @classmethod
    def _explained_by_a_level(cls, tv: Any, rows: list[Row], col: int) -> bool:
        """Whether the rows of one nesting rank (all programs, all kegiatan) add up to the
        total: then the total itself is right, whatever a level below it says."""
        by_rank: dict[int, list[Row]] = {}
        for r in rows:
            rank = _row_rank(r)
            if rank is not None:
                by_rank.setdefault(rank, []).append(r)
        if len(by_rank) < 2:
            return False
        for group in by_rank.values():
            vals = cls._column(group, col)
            if vals and len(vals) >= 2 and tv.num.explains(sum(vals, Decimal(0))):
                return True
        return False

    @staticmethod
    def _column(rows: list[Row], col: int) -> list[Decimal] | None:
        vals: list[Decimal] = []
        for r in rows:
            c = next((x for x in r.cells if x.col == col), None)
            text = clean(c.text) if c is not None else ""
            if text in ("", "-", "–", "—"):
                continue
            v = read_value(c) if c is not None else None
            if v is None or v.num is None or v.num.percent:
                return None
            vals.append(v.num.value)
        return vals
