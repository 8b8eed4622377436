"""Arithmetic rules (AR1xx): numbers the report computes from its own numbers.

Every comparison follows statcheck's principle: a stated value is wrong only when no rounding
of its stated digits explains the recomputed value (:meth:`drafter.numbers.Num.explains`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from drafter.check.fuzzy import similarity
from drafter.check.polarity import NEG_FORMULAS
from drafter.check.registry import Issue, Rule, register
from drafter.check.tables import BudgetRow, IndicatorRow, TableIndex, ValueCell, caption_number
from drafter.document.model import Block, TextUnit
from drafter.fix.offers import with_capaian_fix
from drafter.measure import efficiency, scale_conf
from drafter.numbers import Num, fmt_num, fmt_pct, parse_number, round_half_up
from drafter.resources import load_yaml
from drafter.text import analyze
from drafter.text import operand_numbers as scan_numbers
from drafter.text.prefilter import filtered_finditer, filtered_search, fold_safe

if TYPE_CHECKING:
    from drafter.check.context import CheckContext

HUNDRED = Decimal(100)


@lru_cache(maxsize=1)
def conf() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("rules", "arithmetic.yaml")
    return data


@cache  # one pattern per key of the YAML
def rx(key: str) -> re.Pattern[str]:
    return re.compile(conf()[key], re.IGNORECASE)


# --------------------------------------------------------------------------- helpers
def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text`` (the text layer's one splitter)."""
    yield from analyze(text).sentences


def prose_units(ctx: CheckContext) -> Iterator[Block]:
    for b in ctx.document.blocks:
        if b.kind in ("paragraph", "list_item", "heading", "caption") and b.text.strip():
            yield b


@cache
def _handled_after() -> re.Pattern[str]:
    """A negative term followed by what is done about it ("... yang ditangani", "...
    rehabilitasi"): the name counts what is handled."""
    return re.compile(r"\byang\s+(?:di|ter|mendapat|memperoleh|menerima)\w*|" + conf()["handled_word"],
                      re.IGNORECASE)


def is_negative(name: str) -> bool:
    """The indicator's name says lower is better ("Angka kemiskinan", "Rata-rata waktu
    penyelesaian ..."), unless the negative term is what is handled ("Persentase rumah tidak
    layak huni yang direhabilitasi", "Penurunan angka stunting", "Persentase penyelesaian
    gangguan trantibum")."""
    if rx("duration_name").search(name):
        return True  # "Rata-rata waktu penyelesaian rekomendasi rehabilitasi": a duration
    low = name.lower()
    for k in conf()["negative_polarity"]:
        at = low.find(k)
        if at < 0:
            continue
        if _handled_after().search(low[at + len(k):]) or rx("handled_word").search(low[:at]):
            continue
        return True
    return False


def show(n: Decimal) -> str:
    return fmt_num(n, 2)


def rounded_note(stated: Num, computed: Decimal) -> str:
    """" (dibulatkan: 104%)" when the stated value has fewer decimals than 2."""
    if stated.decimals >= 2:
        return ""
    r = round_half_up(computed, stated.decimals)
    return f" (dibulatkan: {fmt_num(r, stated.decimals)}{'%' if stated.percent else ''})"


def value_of(vc: ValueCell | None) -> Decimal | None:
    if vc is None or vc.num is None:
        return None
    return vc.num.value


def cap_issue(rule: Rule, vc: ValueCell, message: str, expected: str | None) -> Issue:
    s, e = vc.span()
    return rule.issue(vc.cell, s, e, message, expected)


def capaian_options(t: ValueCell, r: ValueCell) -> tuple[Decimal, Decimal, str] | None:
    """(positive, negative, formula text) of a capaian from target and realisasi cells."""
    if t.grade and r.grade:
        # grades with their scores ("BB (76,5)"): the scores decide
        from drafter.check.claims_parse import value_of as stated

        ts, rs = stated(t), stated(r)
        if (ts is not None and rs is not None and ts.num is not None and rs.num is not None
                and ts.num.value != 0):
            tv, rv = ts.num.value, rs.num.value
            return (rv / tv * HUNDRED, (2 * tv - rv) / tv * HUNDRED,
                    f"{show(rv)}/{show(tv)}")
        # equal grades give 100%; for different grades the scores behind them are unknown
        # (a report may use its own score for a grade), so nothing can be recomputed
        if t.grade == r.grade:
            return HUNDRED, HUNDRED, f"{r.grade} = {t.grade}"
        return None
    tv, rv = value_of(t), value_of(r)
    if tv is None or rv is None or tv == 0:
        return None
    if t.grade or r.grade:
        return None
    return rv / tv * HUNDRED, (2 * tv - rv) / tv * HUNDRED, f"{show(rv)}/{show(tv)}"


# --------------------------------------------------------------------------- AR101
def _input_rounding(t: ValueCell, r: ValueCell) -> Decimal:
    """How far realisasi/target x 100 may move because the realisasi is itself a rounded
    figure (a percentage or an index written with decimals): half a unit of its last
    decimal, over the target."""
    if t.num is None or r.num is None or t.grade or r.grade or r.num.decimals < 1 \
            or t.num.value <= 0:
        return Decimal(0)
    return Decimal(5) / 10 ** (r.num.decimals + 1) / t.num.value * HUNDRED


_FORMULA_TEXT = {"positif": "realisasi/target", "selisih": "(2 x target - realisasi)/target",
                 "rasio": "target/realisasi"}


def capaian_fits_any(c: Num, tv: Decimal, rv: Decimal) -> bool:
    """A capaian ``c`` that realisasi/target, (2 x target - realisasi)/target or
    target/realisasi (x 100) gives after rounding, or a round cap (100, 105, 110 ...) below the
    result of one of them: the polarity unknown, any usual formula will do (AR114, AR117)."""
    options = [rv / tv * HUNDRED, (2 * tv - rv) / tv * HUNDRED] + ([tv / rv * HUNDRED] if rv > 0 else [])
    if any(c.explains(v, slack=Decimal("0.011")) for v in options):
        return True
    return c.value >= HUNDRED and c.value % 5 == 0 and any(v > c.value for v in options)


def capaian_formulas(t: ValueCell, r: ValueCell) -> dict[str, tuple[Decimal, str]] | None:
    """The capaian every usual formula gives: "positif" realisasi/target, and for a
    lower-is-better indicator "selisih" (2 x target - realisasi)/target and "rasio"
    target/realisasi; each with the computation written out."""
    opts = capaian_options(t, r)
    if opts is None:
        return None
    pos, neg, formula = opts
    out = {"positif": (pos, formula)}
    if t.grade and r.grade and not (t.num and r.num):
        out["selisih"] = (neg, formula)
        return out
    tv, rv = value_of(t) or Decimal(0), value_of(r) or Decimal(0)
    if t.grade and r.grade:
        from drafter.check.claims_parse import value_of as stated

        ts, rs = stated(t), stated(r)
        if ts is None or rs is None or ts.num is None or rs.num is None:
            return out
        tv, rv = ts.num.value, rs.num.value
    out["selisih"] = (neg, f"({show(tv)} - ({show(rv)} - {show(tv)}))/{show(tv)}")
    if rv != 0:
        out["rasio"] = (tv / rv * HUNDRED, f"{show(tv)}/{show(rv)}")
    return out


@register
class CapaianRecomputed(Rule):
    """Capaian in Tabel 3.1, 3.3 (against the Renstra target) and 3.6 recomputed from target and realisasi (positive and negative polarity, letter grades), held to the formulas, the negative indicators and the cap the report states.

    A capaian that no rounding of realisasi/target x 100 (or, for indicators where lower is better, (2 x target - realisasi)/target x 100 or target/realisasi x 100) explains is a wrong figure that then spreads to the predicate, the averages and the narrative. "103%" for 88,05/85 = 103,59% is wrong: rounding gives 104%. When the method section names the lower-is-better indicators ("indikator nomor 4 dan 7", "indikator negatif (waktu tunggu, NDR)") and their formula ("target dibagi realisasi"), those indicators are held to it: realisasi/target for them rewards a worse result. A duration ("Rata-rata waktu tanggap", "Lama waktu penyelesaian") is lower-is-better beyond doubt: its capaian computed as realisasi/target is reported too. A stated cap ("capaian dibatasi paling tinggi 110%", "capaian di atas 120% dicatat 120%") makes the cap consistent for a higher result, and a capaian above the cap is reported. A comparison table with a capaian per year ("Target 2022 | Realisasi 2022 | Capaian 2022 (%)") is checked year by year against that year's target, reporting only a capaian no formula gives; the same holds for a sideways table of one indicator (rows Target / Realisasi / Capaian, the years as columns) and for a year's target given in a note under the table ("Target 2020 masing-masing indikator adalah 70; 60; 80 dan 80", "target indikator 1 tahun 2021 adalah 440 kasus"). A year table without targets takes each year's target from the Renstra matrix when the matrix's target of the report year is the measurement table's. In a year row whose other years (at least two) all follow the lower-is-better formula, a year computed as realisasi/target is reported (when the measurement table fixes the indicator's polarity, AR112 reports it instead). A realisasi that is itself rounded ("83,33%" from 305/366) widens the tolerance by half a unit of its last decimal.
    """

    code = "AR101"
    name = "capaian-recomputed"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.polarity import declared, row_declared_negative, row_declared_positive

        ti = ctx.tables
        # the report's own rule "capaian above 100% counts as 100%" makes a 100% in the
        # indicator tables consistent; program rows of Tabel 3.6 stay exact
        caps = _doc_caps(ctx)
        d = declared(ctx)
        year = ctx.info.year or 0
        for role in ("3.1", "3.3"):
            for row in ti.rows(role, copies=True):
                if row.copy and not _own_figures(row):
                    continue  # a reprint with the kept print's figures: checked there
                t = row.values.get("renstra_target") if role == "3.3" else None
                targets = [t or row.values.get("target")]
                if role == "3.3" and t is None:
                    # "Target 2024 | Target 2026 | Realisasi | Capaian": the capaian of a
                    # Renstra table is against the end target (or, as some reports do, the
                    # year's own): either explains it
                    ends = sorted((int(k.split(":")[1]), v) for k, v in row.values.items()
                                  if k.startswith("target:") and k.split(":")[1].isdigit()
                                  and int(k.split(":")[1]) > year)
                    if ends:
                        targets.insert(0, ends[-1][1])
                found = None
                for tt in targets:
                    found_t = self._check(row.name, tt, row.values.get("realisasi"),
                                          row.values.get("capaian"), ti.name(role), caps, d.cap,
                                          declared_negative=row_declared_negative(ctx, row),
                                          declared_positive=row_declared_positive(ctx, row),
                                          stated=d.neg_formula, cap_rows=role == "3.1" and d.cap_rows)
                    if found_t is None:
                        found = None
                        break
                    found = found or found_t
                if found is None:
                    continue
                issue, computed = found
                yield with_capaian_fix(ctx, row, issue, caps, computed) if role == "3.1" else issue
        yield from self._yearly(ctx, caps)
        for br in ti.budget("3.6"):
            if br.level in ("input", "total"):
                continue
            found = self._check(br.name, br.values.get("target"), br.values.get("realisasi"),
                                br.values.get("capaian"), "Tabel 3.6", False)
            if found is not None:
                yield found[0]

    def _yearly(self, ctx: CheckContext, caps: bool) -> Iterator[Issue]:
        """A comparison table with a capaian per year ("Target 2022 | Realisasi 2022 |
        Capaian 2022 (%) | Realisasi 2023 | Capaian 2023 (%)"): each year's capaian against
        that year's target and realisasi. Its polarity is not fixed here (AR112 compares it
        with the measurement table), so only a capaian that no formula gives is reported."""
        ti = ctx.tables
        for role in ("3.2", "3.3"):
            for row in ti.rows(role, indicators_only=True):
                info = ti.info.get(row.table.index)
                labels = info.labels if info is not None else {}
                if not self._polarity_known(ctx, row):
                    yield from self._yearly_polarity(ti.name(role), row)
                for key, c in row.values.items():
                    mk = re.fullmatch(r"capaian:(\d{4})", key)
                    if not mk or c.num is None:
                        continue
                    y = mk.group(1)
                    r = row.values.get(f"realisasi:{y}")
                    t = row.values.get(f"target:{y}")
                    if t is None and "target:" not in " ".join(row.values):
                        # one target column: it is that year's only when its header says so
                        tc = row.values.get("target")
                        col = info.columns.get("target") if info is not None else None
                        if tc is not None and col is not None and \
                                re.findall(r"\b(?:19|20)\d\d\b", labels.get(col, "")) == [y]:
                            t = tc
                    if t is None or r is None:
                        continue
                    forms = capaian_formulas(t, r)
                    if forms is None:
                        continue
                    slack = _input_rounding(t, r)
                    if any(c.num.explains(x) or (key != "rasio" and slack and abs(c.num.value - x)
                           <= slack + Decimal(5) / 10 ** (c.num.decimals + 1))
                           for key, (x, _) in forms.items()):
                        continue
                    if caps and c.num.value == HUNDRED and any(x > HUNDRED for x, _ in forms.values()):
                        continue
                    comp, formula = forms["positif"]
                    yield cap_issue(
                        self, c,
                        f"{ti.name(role)}: capaian {y} tertulis {c.text}, hasil hitung {formula} "
                        f"x 100 = {fmt_pct(comp)}{rounded_note(c.num, comp)}", fmt_pct(comp))

    @staticmethod
    def _polarity_known(ctx: CheckContext, row: IndicatorRow) -> bool:
        """Whether the measurement table fixes the polarity of ``row``'s indicator (AR112
        then holds every year to it)."""
        from drafter.check.polarity import row_declared_negative
        from drafter.check.rules.claims import counterpart

        for r in ctx.tables.rows("3.1", indicators_only=True):
            if counterpart(ctx, r, row.role) is row and (
                    row_declared_negative(ctx, r) or rx("duration_name").search(r.name) or
                    _polarity(r.values.get("target"), r.values.get("realisasi"),
                              r.values.get("capaian")) is not None):
                return True
        return False

    def _yearly_polarity(self, where: str, row: IndicatorRow) -> Iterator[Issue]:
        """A row whose other years all follow one lower-is-better formula ("(2 x target -
        realisasi)/target") and one year realisasi/target: that year's capaian rewards a worse
        result; the formula of the other years gives its figure."""
        fits: dict[str, tuple[ValueCell, dict[str, tuple[Decimal, str]], set[str]]] = {}
        for key, c in row.values.items():
            mk = re.fullmatch(r"capaian:(\d{4})", key)
            t, r = row.values.get(f"target:{key[8:]}"), row.values.get(f"realisasi:{key[8:]}")
            if not mk or c.num is None or t is None or r is None or \
                    t.num is None or r.num is None or t.num.value == r.num.value:
                continue
            forms = capaian_formulas(t, r)
            if forms is None:
                continue
            fits[mk.group(1)] = (c, forms, {k for k, (x, _) in forms.items() if c.num.explains(x)})
        if len(fits) < 3:
            return
        for y, (c, forms, ok) in fits.items():
            if ok != {"positif"}:
                continue
            others = [f[2] for z, f in fits.items() if z != y]
            common = set.intersection(*others) if others else set()
            neg = sorted(common - {"positif"})
            if not neg or any("positif" in o for o in others):
                continue
            comp, formula = forms[neg[0]]
            assert c.num is not None
            yield cap_issue(
                self, c,
                f"{where}: capaian {y} '{row.name[:50]}' tertulis {c.text} (realisasi/target), "
                f"padahal tahun-tahun lainnya dihitung dengan rumus indikator negatif: {formula} "
                f"x 100 = {fmt_pct(comp)}", fmt_pct(comp))

    def _check(self, name: str, t: ValueCell | None, r: ValueCell | None,
               c: ValueCell | None, where: str, caps: bool,
               cap_value: Decimal | None = None, *, declared_negative: bool = False,
               declared_positive: bool = False, stated: str | None = None, cap_rows: bool = False
               ) -> tuple[Issue, Decimal] | None:
        if t is None or r is None or c is None or c.num is None:
            return None
        forms = capaian_formulas(t, r)
        if forms is None:
            return None
        pos = forms["positif"][0]
        negs = [k for k in NEG_FORMULAS if k in forms]
        duration = bool(rx("duration_name").search(name))
        # a polarity column marking the row "positif" outweighs a name that sounds negative
        negative = declared_negative or (not declared_positive and is_negative(name))
        if declared_negative or duration:
            # lower is better beyond doubt: only the negative formulas (the stated one when
            # the report states one) explain its capaian
            allowed = [stated] if stated in forms else negs
        else:
            allowed = ["positif", *negs]
        allowed = allowed or ["positif"]

        slack = _input_rounding(t, r)

        def fits(key: str) -> bool:
            x = forms[key][0]
            if c.num.explains(x):  # type: ignore[union-attr]
                return True
            if slack and key != "rasio" and abs(c.num.value - x) <= slack + \
                    Decimal(5) / 10 ** (c.num.decimals + 1):  # type: ignore[union-attr]
                return True  # "83,33%" is 305/366 rounded: 83,333.../80 gives 104,17
            if cap_value is not None and c.num.explains(cap_value) and x > cap_value:  # type: ignore[union-attr]
                return True  # the report's stated cap ("paling tinggi 120%") applied
            if (key == "positif") == negative:
                return False  # the 100% rule and the floor apply to the indicator's own formula
            # a capped 100% is consistent only when the indicator's own formula exceeds 100
            if caps and c.num.value == HUNDRED and x > HUNDRED:  # type: ignore[union-attr]
                return True
            return c.num.value == 0 and x < 0  # type: ignore[union-attr]  # counted as 0

        main = allowed[0] if len(allowed) == 1 else ("selisih" if negative else "positif")
        if main not in forms:
            main = allowed[0]
        comp, formula = forms[main]
        if any(fits(k) for k in allowed):
            capped_too = _CELL_CAPPED_RE.search(c.text)
            written = parse_number(capped_too.group(1)) if capped_too else None
            if cap_rows and cap_value is not None and c.num.value > cap_value \
                    and not c.num.explains(cap_value) and not (written is not None and written.explains(cap_value)):
                # ("138,00 (dibatasi 120,00)": the cell gives the capped value too)
                msg = (f"{where}: capaian tertulis {c.text} melebihi batas capaian {fmt_num(cap_value)}% "
                       f"yang ditetapkan laporan ini; capaian di atas batas dicatat {fmt_pct(cap_value)}")
                return cap_issue(self, c, msg, fmt_pct(cap_value)), cap_value
            return None
        expected = min(comp, cap_value) if cap_value is not None and cap_rows else comp
        if (declared_negative or duration) and c.num.explains(pos) and pos != comp:
            # "Rata-rata waktu tanggap darurat: target 6 hari, realisasi 6,9, capaian 115": a
            # lower-is-better indicator computed as realisasi/target rewards a worse result
            why = (f"laporan ini menyatakan '{name[:60]}' berpolaritas negatif" if declared_negative
                   else f"'{name[:60]}' makin kecil makin baik")
            msg = (f"{where}: capaian tertulis {c.text} dihitung realisasi/target, padahal "
                   f"{why}: {formula} x 100 = {fmt_pct(comp)}")
            return cap_issue(self, c, msg, fmt_pct(expected)), expected
        if declared_negative and stated and any(c.num.explains(forms[k][0]) for k in negs):
            msg = (f"{where}: capaian tertulis {c.text} tidak mengikuti rumus yang dinyatakan "
                   f"laporan untuk indikator negatif ({_FORMULA_TEXT[stated]}): {formula} x 100 "
                   f"= {fmt_pct(comp)}")
            return cap_issue(self, c, msg, fmt_pct(expected)), expected
        msg = (f"{where}: capaian tertulis {c.text}, hasil hitung {formula} x 100 = "
               f"{fmt_pct(comp)}{rounded_note(c.num, comp)}")
        if expected != comp:
            msg += f"; dengan batas capaian {fmt_num(cap_value or HUNDRED)}%: {fmt_pct(expected)}"
        return cap_issue(self, c, msg, fmt_pct(expected)), expected


def _own_figures(row: IndicatorRow) -> bool:
    """Whether a reprinted row (a summary in the ikhtisar beside Tabel 3.1) gives another
    target, realisasi or capaian than the row of the print kept as the table."""
    orig = row.original
    if orig is None:
        return False
    for key in ("target", "realisasi", "capaian"):
        a, b = row.values.get(key), orig.values.get(key)
        if (a is None) != (b is None):
            return True
        if a is not None and b is not None and value_of(a) != value_of(b):
            return True
    return False


# --------------------------------------------------------------------------- AR102
@register
class BudgetPercent(Rule):
    """Percentage columns of budget tables: Tabel 3.8 "%" and the "Input : Dana" rows of Tabel 3.6 must equal realisasi/pagu x 100.

    The absorption percentage is what readers compare between programs; a copied "100" next to an amount that was not fully spent hides an unspent budget.
    """

    code = "AR102"
    name = "budget-percent"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ti = ctx.tables
        for role in ("3.8", "3.6", "PK"):
            absorbed = self._capaian_is_absorption(ti, role) if role != "3.6" else set()
            sums = {k: kid_sums(ti.budget(role), k) for k in ("pagu", "realisasi")}
            for br in ti.budget(role):
                if role == "3.6" and br.level != "input":
                    continue
                p, r = br.values.get("pagu"), br.values.get("realisasi")
                # the percentage column: "%", or "Serapan (%)" in a budget table, or a
                # "Capaian (%)" column that the table's other rows show to be realisasi/pagu
                q = br.values.get("persen") or (br.values.get("serapan") if role != "3.6" else None)
                if q is None and id(br.table) in absorbed:
                    q = br.values.get("capaian")
                pv, rv = value_of(p), value_of(r)
                if q is None or q.num is None or pv is None or rv is None or pv == 0:
                    continue
                comp = rv / pv * HUNDRED
                if q.num.explains(comp) or _rounded_twice(q.num, comp):
                    continue
                if br.level == "total" and self._explained_by_parts(ti.budget(role), br, q):
                    continue  # the total's amount is wrong (AR103), its percentage is not
                fixed = by_children(br, sums)
                if fixed and fixed[0] and (q.num.explains(fixed[1] / fixed[0] * HUNDRED) or
                                           _rounded_twice(q.num, fixed[1] / fixed[0] * HUNDRED)):
                    continue  # an amount does not add up (AR103), the percentage does
                msg = (f"{ti.name(role)}: persentase tertulis {q.text}, hasil hitung realisasi/pagu "
                       f"= {show(rv)}/{show(pv)} x 100 = {fmt_pct(comp)}"
                       f"{rounded_note(q.num, comp)}")
                yield cap_issue(self, q, msg, fmt_pct(comp))


    @staticmethod
    def _capaian_is_absorption(ti: TableIndex, role: str) -> set[int]:
        """Tables (ids) of ``role`` whose "Capaian (%)" column is the absorption: the table has
        no target column, and at least two of its rows, and most of them, give realisasi/pagu
        there."""
        seen: dict[int, list[bool]] = {}
        for br in ti.budget(role):
            if br.values.get("persen") or br.values.get("serapan") or br.values.get("target"):
                continue
            q, pv, rv = br.values.get("capaian"), value_of(br.values.get("pagu")), value_of(br.values.get("realisasi"))
            if q is None or q.num is None or pv is None or rv is None or pv < 1000:
                continue
            comp = rv / pv * HUNDRED
            seen.setdefault(id(br.table), []).append(q.num.explains(comp) or _rounded_twice(q.num, comp))
        return {t for t, oks in seen.items() if sum(oks) >= 2 and sum(oks) * 2 > len(oks)}

    @staticmethod
    def _explained_by_parts(rows: list[BudgetRow], total: BudgetRow, q: ValueCell) -> bool:
        got = _parts_sums(rows, total)
        if got is None:
            return False
        sp, sr = got
        return sp != 0 and q.num is not None and q.num.explains(sr / sp * HUNDRED)


def _parts_sums(rows: list[BudgetRow], total: BudgetRow) -> tuple[Decimal, Decimal] | None:
    """(pagu, realisasi) of the programs before a total row, a program left empty counted
    with the rows under it; None when an amount cannot be told."""
    progs = [k for k in rows if k.level == "program" and k.index < total.index]
    if not progs:
        return None
    by_parent: dict[Any, list[BudgetRow]] = {}
    for k in rows:
        by_parent.setdefault(k.parent, []).append(k)
    out = []
    for key in ("pagu", "realisasi"):
        fill = _filled_amounts(rows, by_parent, key)
        vals = [_stated_or_filled(k, key, fill) for k in progs]
        if any(v is None for v in vals):
            return None
        out.append(sum((v for v in vals if v is not None), Decimal(0)))
    return out[0], out[1]


def _rounded_twice(stated: Num, comp: Decimal) -> bool:
    """``stated`` is ``comp`` rounded first to one more decimal, then to its own ("92,18497" ->
    "92,185" -> "92,19"): a calculator habit, not a wrong figure."""
    d = stated.decimals
    return round_half_up(round_half_up(comp, d + 1), d) == stated.value


# --------------------------------------------------------------------------- AR103
_CHILD = {"program": "kegiatan", "kegiatan": "sub_kegiatan"}


def kid_sums(rows: list[BudgetRow], key: str, fill: dict[int, Decimal] | None = None) -> dict[int, Decimal]:
    """Row index -> the sum of ``key`` over its direct kegiatan (of a program) or sub kegiatan
    (of a kegiatan), for rows whose every such child states the amount or has one filled from
    the rows under it (``fill``, else :func:`_filled_amounts`)."""
    kids: dict[int, list[BudgetRow]] = {}
    for k in rows:
        if k.parent is not None:
            kids.setdefault(k.parent, []).append(k)
    if fill is None:
        fill = _filled_amounts(rows, kids, key)  # type: ignore[arg-type]
    out: dict[int, Decimal] = {}
    for br in rows:
        own = [k for k in kids.get(br.index, ()) if br.level in _CHILD and k.level == _CHILD[br.level]]
        vals = [_stated_or_filled(k, key, fill) for k in own]
        if own and all(v is not None for v in vals):
            out[br.index] = sum((v for v in vals if v is not None), Decimal(0))
    return out


def by_children(br: BudgetRow, sums: dict[str, dict[int, Decimal]]) -> tuple[Decimal, Decimal] | None:
    """(pagu, realisasi) of ``br`` with the amount that does not add up to its children
    replaced by their sum, None when both add up (or cannot be told). AR103 reports that
    amount; the row's percentage and remainder computed from the children's sum are no
    further errors."""
    out: list[Decimal] = []
    changed = False
    for key in ("pagu", "realisasi"):
        vc, s = br.values.get(key), sums.get(key, {}).get(br.index)
        v = value_of(vc)
        if v is None:
            return None
        if s is not None and vc is not None and vc.num is not None and not vc.num.explains(s):
            v, changed = s, True
        out.append(v)
    return (out[0], out[1]) if changed else None


@register
class BudgetTotals(Rule):
    """Totals and subtotals of budget tables: a program's pagu and realisasi equal the sum of its kegiatan, a kegiatan's the sum of its sub kegiatan, and the JUMLAH row the sum of the programs (Tabel 3.8, PK budget).

    A subtotal that does not add up means a row is missing, duplicated or mistyped, and every percentage computed from it is wrong too.
    """

    code = "AR103"
    name = "budget-totals"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ti = ctx.tables
        for role in ("3.8", "PK", "3.6"):
            rows = ti.budget(role)
            # Tabel 3.6 may carry a pagu column; its "realisasi" is the indicator's
            keys = ("pagu",) if role == "3.6" else ("pagu", "realisasi")
            by_parent: dict[Any, list[BudgetRow]] = {}  # one pass, not rows x parents
            for k in rows:
                by_parent.setdefault(k.parent, []).append(k)
            filled = {key: _filled_amounts(rows, by_parent, key) for key in keys}
            sums = {key: kid_sums(rows, key, filled[key]) for key in keys}
            for br in rows:
                if br.level in _CHILD:
                    kids = [k for k in by_parent.get(br.index, ()) if k.level == _CHILD[br.level]]
                    what = "kegiatan" if br.level == "program" else "sub kegiatan"
                    yield from self._compare(br, kids, ti.name(role), what, keys, sums, filled)
                elif br.level == "total":
                    progs, what = self._totalled(ti, rows, br)
                    yield from self._compare(br, progs, ti.name(role), what, keys, sums, filled)

    @staticmethod
    def _totalled(ti: TableIndex, rows: list[BudgetRow], total: BudgetRow
                  ) -> tuple[list[BudgetRow], str]:
        """The rows a total row adds up: the programs before it in its own table (and the
        parts of that table before a page break); a table of one program's kegiatan ("Jumlah
        Program X" under its kegiatan rows) totals its own top rows, not the programs of
        another table."""
        chain = {total.table.index}
        info = ti.info.get(total.table.index)
        while info is not None and info.continued_from is not None \
                and info.continued_from not in chain:
            chain.add(info.continued_from)
            info = ti.info.get(info.continued_from)
        before = [k for k in rows if k.index < total.index]
        last = max((k.index for k in before if k.level == "total" and k.table.index in chain),
                   default=-1)
        own = [k for k in before if k.table.index in chain and k.index > last]
        progs = [k for k in own if k.level == "program"]
        if progs:
            return progs, "program"
        if own and all(k.level in ("other", "kegiatan") and k.parent is None for k in own):
            return own, "baris"
        if own:
            return [], "program"
        return [k for k in before if k.level == "program"], "program"

    def _compare(self, parent: BudgetRow, kids: list[BudgetRow], role: str,
                 what: str, keys: tuple[str, ...],
                 sums: dict[str, dict[int, Decimal]] | None = None,
                 filled: dict[str, dict[int, Decimal]] | None = None) -> Iterator[Issue]:
        if not kids:
            return
        for key in keys:
            pv = parent.values.get(key)
            if pv is None or pv.num is None:
                continue
            # a program row left empty (its amount only on its sub kegiatan) counts with the
            # sum of the rows under it
            fill = (filled or {}).get(key, {})
            vals = [_stated_or_filled(k, key, fill) for k in kids]
            if any(v is None for v in vals):
                continue
            total = sum((v for v in vals if v is not None), Decimal(0))
            if pv.num.explains(total):
                continue
            if sums is not None and self._kid_is_wrong(kids, vals, key, sums.get(key, {}), pv.num):
                continue  # a kid's amount does not add up (reported there), the parent does
            label = "pagu" if key == "pagu" else "realisasi"
            msg = (f"{role}: {label} {parent.name[:60]!s} tertulis {pv.text}, jumlah "
                   f"{len(kids)} {what} di bawahnya = {fmt_num(total, 2)}")
            yield cap_issue(self, pv, msg, fmt_num(total, 2))

    @staticmethod
    def _kid_is_wrong(kids: list[BudgetRow], vals: list[Decimal | None], key: str,
                      sums: dict[int, Decimal], stated: Num) -> bool:
        """With one kid whose own amount differs from the sum of its children replaced by
        that sum, the parent adds up."""
        wrong = [(i, sums[k.index]) for i, k in enumerate(kids)
                 if k.index in sums and vals[i] is not None and vals[i] != sums[k.index]
                 and not _cell_explains(k.values.get(key), sums[k.index])]
        # (one of them at most: another may only seem wrong, a wrapped name read as a row)
        whole = sum((v for v in vals if v is not None), Decimal(0))
        return any(stated.explains(whole - vals[i] + fixed) for i, fixed in wrong  # type: ignore[operator]
                   ) if len(wrong) <= 3 else False


def _stated_or_filled(br: BudgetRow, key: str, fill: dict[int, Decimal]) -> Decimal | None:
    """The row's own amount, else the one :func:`_filled_amounts` found under it."""
    v = value_of(br.values.get(key))
    return v if v is not None else fill.get(br.index)


def _filled_amounts(rows: list[BudgetRow], by_parent: dict[Any, list[BudgetRow]],
                    key: str) -> dict[int, Decimal]:
    """Row index -> the amount of a row that states none, from the rows under it (their own
    amounts, or theirs filled the same way); only when every such row has one. Linear: each
    row is resolved once."""
    memo: dict[int, Decimal | None] = {}

    def amount(br: BudgetRow, depth: int = 0) -> Decimal | None:
        v = value_of(br.values.get(key))
        if v is not None:
            return v
        if br.index in memo:
            return memo[br.index]
        kids = by_parent.get(br.index, [])
        got: Decimal | None = None
        if kids and depth < 4:
            parts = [amount(k, depth + 1) for k in kids]
            if all(p is not None for p in parts):
                got = sum((p for p in parts if p is not None), Decimal(0))
        memo[br.index] = got
        return got

    out: dict[int, Decimal] = {}
    for br in rows:
        if value_of(br.values.get(key)) is None and br.level in ("program", "kegiatan"):
            a = amount(br)
            if a is not None:
                out[br.index] = a
    return out


def _cell_explains(vc: ValueCell | None, x: Decimal) -> bool:
    return vc is not None and vc.num is not None and vc.num.explains(x)


# --------------------------------------------------------------------------- AR104
def _capaian_values(rows: list[IndicatorRow], key: str = "capaian") -> list[Decimal]:
    out = []
    for r in rows:
        v = r.values.get(key)
        if v is not None and v.num is not None:
            out.append(v.num.value)
    return out


def _recomputed_capaian(ctx: CheckContext, rows: list[IndicatorRow]) -> list[Decimal]:
    """The capaian of every row, with a capaian AR101 reports replaced by the value it
    expects (the report's own formula, polarity and cap)."""
    from drafter.check.polarity import declared, row_declared_negative

    d = declared(ctx)
    caps = _doc_caps(ctx)
    rule = CapaianRecomputed()
    out = []
    for r in rows:
        c = r.values.get("capaian")
        if c is None or c.num is None:
            continue
        found = rule._check(r.name, r.values.get("target"), r.values.get("realisasi"), c, "",
                            caps, d.cap, declared_negative=row_declared_negative(ctx, r),
                            stated=d.neg_formula, cap_rows=d.cap_rows)
        if found is None:
            # "138,00 (dibatasi 120,00)": the capped value the cell gives counts in averages
            capped = _CELL_CAPPED_RE.search(c.text)
            num = parse_number(capped.group(1)) if capped else None
            out.append(num.value if num is not None and not num.malformed and num.value < c.num.value
                       else c.num.value)
        else:
            # the expected value as the table prints its capaian (its decimals): a stated
            # average is computed from the printed figures ("97,51", not 97,5071...)
            exp = found[1]
            out.append(round_half_up(exp, c.num.decimals) if c.num.decimals else exp)
    return out


def _exact_capaian(ctx: CheckContext, rows: list[IndicatorRow],
                   fixed: list[Decimal] | None = None) -> list[Decimal]:
    """:func:`_recomputed_capaian` with a cell that only the rounding of its realisasi
    explains ("104,76" for 47,1/45 = 104,67) replaced by the formula's own value: an average
    in the text may be taken from the exact figures."""
    if fixed is None:
        fixed = _recomputed_capaian(ctx, rows)
    cells = [r for r in rows if (c := r.values.get("capaian")) is not None and c.num is not None]
    out = []
    for r, v in zip(cells, fixed, strict=False):
        c = r.values["capaian"]
        t, rl = r.values.get("target"), r.values.get("realisasi")
        forms = capaian_formulas(t, rl) if t is not None and rl is not None else None
        if forms and t is not None and rl is not None and c.num is not None and v == c.num.value \
                and not any(c.num.explains(x) for x, _f in forms.values()):
            slack = _input_rounding(t, rl) + Decimal(5) / 10 ** (c.num.decimals + 1)
            near = [x for x, _f in forms.values() if abs(x - c.num.value) <= slack]
            if near:
                v = min(near, key=lambda x: abs(x - c.num.value))
        out.append(v)
    return out


_CELL_CAPPED_RE = re.compile(r"\b(?:dibatasi|maks(?:imal|imum)?|menjadi|dicatat|diakui|dinilai|ditetapkan|"
                             r"dihitung|diperhitungkan|setelah\s+batas|batas|cap)\s*:?\s*"
                             r"(\d+(?:[.,]\d+)?)", re.IGNORECASE)


_ORDINAL_BEFORE_RE = re.compile(r"\b(?:sasaran|indikator|tabel|iku|program|misi|tujuan)\s*(?:ke-?\s*)?$",
                                re.IGNORECASE)


def _average_column_values(ctx: CheckContext) -> list[Decimal]:
    """The body values of every table column headed as an average of capaian ("Rata-rata
    Capaian Kinerja (%)": one per sasaran)."""
    from drafter.check.tables import clean, read_value

    avg_rx = rx("average_column")
    out: list[Decimal] = []
    for b in ctx.document.blocks:
        if b.kind != "table" or len(b.rows) < 2:
            continue
        head = [clean(t).lower() for t in b.rows[0].texts()]
        ac = next((i for i, t in enumerate(head) if avg_rx.search(t)), None)
        if ac is None:
            continue
        for row in b.rows[1:]:
            if len(row.cells) > ac:
                vc = read_value(row.cells[ac])
                if vc.num is not None:
                    out.append(vc.num.value)
    return out


def _named_subset(rows: list[IndicatorRow], text: str) -> set[int] | None:
    """The indicator rows that "... dari indikator A dan B" names, each by the words of a part
    of its name ("kepatuhan wajib pajak" for "Kepatuhan wajib pajak kendaraan bermotor (%)");
    None unless every named part points at one row and at least two rows are named."""
    from drafter.check.claims_parse import tokens

    m = re.search(r"\b(?:dari|atas)\s+(?:indikator|iku)\s+(?P<list>[^.;:%\d]{5,200}?)\s*"
                  r"(?:,\s*)?(?:sebesar|adalah|yaitu|mencapai|=|$)", text, re.IGNORECASE)
    if m is None:
        return None
    parts = [p.strip() for p in re.split(r",|\bdan\b|\bserta\b", m.group("list")) if p.strip()]
    if len(parts) < 2:
        return None
    names = [tokens(re.sub(r"\([^)]*\)", " ", r.name)) for r in rows]
    out: set[int] = set()
    for p in parts:
        want = tokens(p)
        if len(want) < 2:
            return None
        hits = [r for r, nt in zip(rows, names, strict=True) if want <= nt]
        if len(hits) != 1:
            return None
        out.add(id(hits[0]))
    return out if len(out) == len(parts) else None


def _table_parts(ti: Any, rows: list[IndicatorRow]) -> list[list[IndicatorRow]]:
    """``rows`` split into the tables they come from (a table continued over a page break is
    one table); [] when they all come from one."""
    parts: list[list[IndicatorRow]] = []
    last: int | None = None
    for r in rows:
        info = ti.info.get(r.table.index)
        cont = info.continued_from if info is not None else None
        if r.table.index != last and cont is None:
            parts.append([])
        if not parts:
            parts.append([])
        parts[-1].append(r)
        last = r.table.index
    return parts if len(parts) > 1 else []


def _averages(vals: list[Decimal]) -> tuple[Decimal, Decimal] | None:
    if not vals:
        return None
    raw = sum(vals, Decimal(0)) / len(vals)
    capped = sum((min(v, HUNDRED) for v in vals), Decimal(0)) / len(vals)
    return raw, capped


def _doc_cap_value(ctx: CheckContext) -> Decimal | None:
    """The cap the report states for every capaian ("dibatasi paling tinggi 120%"), if any."""
    from drafter.check.polarity import declared

    return declared(ctx).cap


def _continued(units: list[Block], i: int, most: int = 3) -> tuple[str, list[tuple[Block, int]]]:
    """The text of ``units[i]`` with the paragraphs that continue its last sentence (a
    flattened PDF breaks a sentence over lines, each read as a paragraph), and where each
    block starts in it."""
    b = units[i]
    text, parts = b.text, [(b, 0)]
    j = i + 1
    while (j < len(units) and j - i <= most and units[j].kind == "paragraph"
           and b.kind == "paragraph" and units[j].index == units[j - 1].index + 1
           and not text.rstrip().endswith((".", ":", "!", "?", ";"))
           and (re.match(r"\s*[a-z0-9(]", units[j].text)  # the line goes on mid-sentence
                or re.search(r"[a-z,]\s*$", text))):
        parts.append((units[j], len(text) + 1))
        text = text + " " + units[j].text
        j += 1
    return text, parts


def _joins(prev: Block, nxt: Block) -> bool:
    """``nxt`` goes on with the last sentence of ``prev`` (hard-wrapped lines of a flattened
    PDF), as :func:`_continued` joins them."""
    return (nxt.kind == "paragraph" and prev.kind == "paragraph" and nxt.index == prev.index + 1
            and not prev.text.rstrip().endswith((".", ":", "!", "?", ";"))
            and bool(re.match(r"\s*[a-z0-9(]", nxt.text) or re.search(r"[a-z,]\s*$", prev.text)))


def _lead_in(units: list[Block], i: int, most: int = 3) -> str:
    """The start of the sentence that ``units[i]`` goes on with: the text of the lines before
    it since their last sentence end ("" when ``units[i]`` opens its sentence)."""
    text = ""
    j = i
    # only a line that starts mid-sentence: a label line ("Indikator 5 - Indeks X") above a
    # sentence of its own is not its start
    while j > 0 and i - j < most and _joins(units[j - 1], units[j]) and \
            re.match(r"\s*[a-z0-9(]", units[j].text):
        text = units[j - 1].text + " " + text
        j -= 1
    if not text:
        return ""
    spans = list(sentences(text.rstrip()))
    return text[spans[-1][0]:] if spans else text


def _doc_caps(ctx: CheckContext) -> bool:
    pat = rx("cap_rule")
    return ctx.info.cap_100 or any(filtered_search(pat, b.text) for b in ctx.document.blocks
                                   if b.kind != "table")


@register
class AverageCapaian(Rule):
    """Averages of capaian: the RATA-RATA row of Tabel 3.1 and averages stated in text ("rata rata mencapai 105,2%") against the capaian columns of Tabel 3.1 and 3.7, with and without counting a capaian above 100% as 100%.

    The average capaian is the headline figure of the report and decides its overall predicate; when it matches no table it cannot be verified by the evaluator.
    """

    code = "AR104"
    name = "average-capaian"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ti = ctx.tables
        caps_rule = _doc_caps(ctx)
        rule_note = (" (laporan ini menyatakan capaian di atas 100% dihitung 100%)"
                     if caps_rule else "")
        rows31 = ti.rows("3.1", indicators_only=True)
        avg31 = _averages(_capaian_values(rows31))
        avg_row = ti.average_row("3.1")
        # a capaian wrong in its own row (AR101's) is not repeated in the average: the average
        # of the recomputed capaian also explains a stated one
        fixed_vals = _recomputed_capaian(ctx, rows31)
        fixed31 = _averages(fixed_vals)
        # a second capaian column limited for the average ("Capaian untuk rata-rata")
        capped31 = _averages(_capaian_values(rows31, "capaian_capped"))
        opts31 = [v for pair in (avg31, fixed31, capped31) if pair for v in pair]
        if avg_row is not None and avg31 is not None:
            c = avg_row.values.get("capaian")
            if (c is None or c.num is None) and capped31 is not None:
                c = avg_row.values.get("capaian_capped")
            if c is not None and c.num is not None and not any(c.num.explains(v) for v in opts31):
                n = len(_capaian_values(rows31))
                msg = (f"{ti.name('3.1')}: rata-rata capaian tertulis {c.text}, rata-rata {n} capaian "
                       f"= {fmt_pct(avg31[0])} (tanpa batas 100%) atau {fmt_pct(avg31[1])} "
                       f"(capaian di atas 100% dihitung 100%){rule_note}")
                exp = fmt_pct(avg31[1] if caps_rule else avg31[0])
                if capped31 is not None:
                    msg += f"; rata-rata kolom capaian terbatas = {fmt_pct(capped31[0])}"
                    if c is avg_row.values.get("capaian_capped"):
                        exp = fmt_pct(capped31[0])
                yield cap_issue(self, c, msg, exp)
        yield from self._sasaran_averages(ti.rows("3.5", all_rows=True), rule_note)
        yield from self._count_averages(ctx, rows31)
        # averages stated in text
        cands: list[tuple[str, Decimal]] = []
        n31 = ti.name("3.1")
        if avg31 is not None:
            cands += [(f"rata-rata capaian {n31}", avg31[0]),
                      (f"rata-rata capaian {n31} (maks. 100%)", avg31[1])]
        if avg_row is not None and value_of(avg_row.values.get("capaian")) is not None:
            v = value_of(avg_row.values.get("capaian"))
            assert v is not None
            cands.append((f"baris rata-rata {n31}", v))
        if fixed31 is not None:
            # under the report's own rule "capaian above 100% counts as 100%" only the capped
            # average of the corrected capaian is its figure
            cands += [(f"rata-rata capaian hasil hitung ulang {n31}", fixed31[0])][caps_rule:]
            cands += [(f"rata-rata capaian hasil hitung ulang {n31} (maks. 100%)", fixed31[1])]
        exact31 = _averages(_exact_capaian(ctx, rows31, fixed_vals))
        if exact31 is not None and fixed31 is not None and exact31 != fixed31:
            cands += [(f"rata-rata capaian hitungan tepat {n31}", exact31[0])][caps_rule:]
            cands += [(f"rata-rata capaian hitungan tepat {n31} (maks. 100%)", exact31[1])]
        if capped31 is not None:
            cands.append((f"rata-rata kolom capaian terbatas {n31}", capped31[0]))
        rows37 = ti.rows("3.7", indicators_only=True)
        avg37 = _averages(_capaian_values(rows37))
        if avg37 is not None:
            cands += [("rata-rata capaian Tabel 3.7", avg37[0]),
                      ("rata-rata capaian Tabel 3.7 (maks. 100%)", avg37[1])]
        ser37 = _averages(_capaian_values(rows37, "serapan"))
        if ser37 is not None:
            cands.append(("rata-rata serapan Tabel 3.7", ser37[0]))
        n_per_sasaran = len(cands)
        # a table of the average capaian per sasaran ("Rata-rata Capaian Kinerja (%)"): each
        # sasaran's average is one the text may quote
        cands += [("rata-rata capaian satu sasaran", v) for v in _capaian_values(rows37)]
        cands += [("rata-rata capaian satu sasaran", v) for v in _average_column_values(ctx)]
        avg35 = _averages(_capaian_values(ti.rows("3.5", indicators_only=True)))
        n_listed = n_per_sasaran  # the per-sasaran, Tabel 3.5 and per-table averages are
        # accepted, not listed
        if avg35 is not None:
            cands += [("rata-rata capaian Tabel 3.5", avg35[0]),
                      ("rata-rata capaian Tabel 3.5 (maks. 100%)", avg35[1])]
        for part in _table_parts(ti, rows31):
            # two tables read as measurement tables (the IKU's, then the programs' with their
            # own indicators): the average of each counts on its own
            for pair in (_averages(_capaian_values(part)), _averages(_recomputed_capaian(ctx, part))):
                if pair:
                    cands += [("rata-rata capaian satu tabel", v) for v in pair]
        if not cands:
            return
        word, skip, need = rx("average_word"), rx("average_skip"), rx("average_need")
        units = list(prose_units(ctx))
        for i, b in enumerate(units):
            if not word.search(b.text):
                continue
            text, parts = _continued(units, i)
            for s, e in sentences(text):
                if s >= len(b.text):
                    break  # a sentence of the next block: checked from there
                sent = text[s:e]
                m = word.search(sent)
                if m is None or not need.search(sent):
                    continue
                # the year may stand on the line before ("Pada tahun 2022 / rata-rata
                # capaian 97,80%" in a hard-wrapped PDF)
                lead = _lead_in(units, i) if s == 0 else ""
                no_ranges = re.sub(r"\b20\d\d\s*[-–]\s*20\d\d\b", " ", lead + " " + sent)
                years = {int(y) for y in re.findall(r"\b(20\d\d)\b", no_ranges)}
                if ctx.info.year is not None and years - {ctx.info.year}:
                    continue  # an average of another year
                caps = [(c.start(), c.end()) for c in re.finditer(scale_conf("cap_rule"), sent,
                                                                 re.IGNORECASE)]
                caps += [(c.start(), c.end()) for c in rx("cap_phrase").finditer(sent)]
                # "capaian di atas 100% dihitung 100%" states the cap rule, no average
                nums = [n for n in scan_numbers(sent) if n.percent and n.start > m.start()
                        and not any(a <= n.start < b for a, b in caps)]
                if not nums:
                    continue
                n = nums[0]
                if re.match(r"\s*(?:capaian\s+)?(?:nasional|provinsi|regional|kabupaten|kota|daerah|"
                            r"kecamatan|instansi\s+lain|opd\s+lain)\b", sent[m.end():], re.IGNORECASE):
                    continue  # "di atas rata-rata nasional 76,41%": a comparator's average
                if any(x.start() < n.end for x in skip.finditer(sent)):
                    continue  # an average of programs or budgets (a clause after it may name them)
                between = sent[m.end():n.start]
                if any(not x.is_year and (x.decimals or x.value >= 10)
                       and not _ORDINAL_BEFORE_RE.search(between[:x.start]) for x in scan_numbers(between)):
                    continue  # "nilai rata-rata 61,35 dari target 75, sehingga capaian 81,80%":
                    # the average is another figure
                subset = _named_subset(rows31, between)
                if subset is not None:
                    # "rata-rata capaian Sasaran 2 dari indikator A dan B sebesar X%": the
                    # average of the indicators it names
                    sub = [r for r in rows31 if id(r) in subset]
                    opts = [v for pair in (_averages(_capaian_values(sub)),
                                           _averages(_recomputed_capaian(ctx, sub))) if pair for v in pair]
                    if opts and not any(n.explains(v) for v in opts):
                        at, off = next((u, o) for u, o in reversed(parts) if o <= s + n.start)
                        names = " dan ".join(f"'{r.name[:40]}'" for r in sub)
                        yield self.issue(at, s + n.start - off, s + n.end - off,
                                         f"rata-rata tertulis {n.text.strip()}, padahal rata-rata capaian "
                                         f"{names} = {fmt_pct(opts[0])}", fmt_pct(opts[0]))
                    continue
                if n.start - m.end() > 75 or (n.start - m.end() > 40 and rx("average_part").search(between)):
                    continue  # far from its "rata-rata", or the average of one part
                if rx("average_threshold").search(between) or re.match(
                        r"\s*(?:dihitung|dianggap|dicatat|ditetapkan|diberi)\b", sent[n.end:]):
                    continue  # "capaian yang lebih dari 100% dihitung 100%": a threshold
                if any(n.explains(v) for _, v in cands):
                    continue
                if not re.search(r"capaian|kinerja", between, re.IGNORECASE) and any(
                        n.explains(v) for r in rows31 for k in ("realisasi", "target")
                        if (v := value_of(r.values.get(k))) is not None):
                    continue  # "rata-rata kepatuhan terealisasi 76,50%": an indicator that is
                    # itself an average, quoted with its realisasi
                listing = "; ".join(f"{lbl} {fmt_pct(v)}" for lbl, v in cands[:n_listed])
                msg = (f"rata-rata tertulis {n.text.strip()} tidak sesuai dengan tabel mana pun: "
                       f"{listing}")
                best = next((v for lbl, v in cands if "maks" in lbl), cands[0][1]) if caps_rule \
                    else cands[0][1]
                at, off = next((u, o) for u, o in reversed(parts) if o <= s + n.start)
                yield self.issue(at, s + n.start - off, s + n.end - off, msg, fmt_pct(best))


    def _count_averages(self, ctx: CheckContext, rows31: list[IndicatorRow]) -> Iterator[Issue]:
        """A table of averages per sasaran with the number of its indicators ("Sasaran |
        Jumlah Indikator | Rata-rata Capaian"): each average against the capaian of its
        indicators, taken in the order of the measurement table."""
        from drafter.check.tables import clean, read_value

        if not rows31:
            return
        own = [c.num.value for r in rows31 if (c := r.values.get("capaian")) is not None
               and c.num is not None]
        if len(own) != len(rows31):
            return
        fixed = _recomputed_capaian(ctx, rows31)
        cap = _doc_cap_value(ctx)
        count_rx, avg_rx = rx("count_column"), rx("average_column")
        for b in ctx.document.blocks:
            if b.kind != "table" or len(b.rows) < 3:
                continue
            head = [clean(t).lower() for t in b.rows[0].texts()]
            kc = next((i for i, t in enumerate(head) if count_rx.search(t)), None)
            ac = next((i for i, t in enumerate(head) if avg_rx.search(t)), None)
            if kc is None or ac is None or kc == ac:
                continue
            groups: list[tuple[int, Any]] = []
            for row in b.rows[1:]:
                if len(row.cells) <= max(kc, ac):
                    continue
                kt = clean(row.cells[kc].text)
                if not re.fullmatch(r"\d{1,2}", kt):
                    continue
                groups.append((int(kt), row.cells[ac]))
            if len(groups) < 2 or sum(k for k, _ in groups) != len(rows31):
                continue
            start = 0
            for k, cell in groups:
                part, part_fixed = own[start:start + k], fixed[start:start + k]
                start += k
                vc = read_value(cell)
                if vc.num is None or not part:
                    continue
                opts = [*(_averages(part) or ()), *(_averages(part_fixed) or ())]
                if cap is not None:
                    opts += [sum((min(v, cap) for v in vals), Decimal(0)) / len(vals)
                             for vals in (part, part_fixed)]
                if any(vc.num.explains(v) for v in opts):
                    continue
                msg = (f"rata-rata capaian tertulis {vc.text}, padahal {k} indikator sasaran ini "
                       f"di {ctx.tables.name('3.1')} (urutan tabel) rata-rata "
                       f"{fmt_pct(opts[0])} (capaian di atas 100% dihitung 100%: {fmt_pct(opts[1])})")
                yield cap_issue(self, vc, msg, fmt_pct(opts[0]))

    def _sasaran_averages(self, rows: list[IndicatorRow], note: str) -> Iterator[Issue]:
        """Tabel 3.5: a "Rata rata capaian" row after the indicators of its sasaran."""
        group: list[Decimal] = []
        for r in rows:
            if r.kind == "sasaran":
                group = []
                continue
            c = r.values.get("capaian")
            if c is None or c.num is None:
                continue
            if not r.is_average:
                group.append(c.num.value)
                continue
            avg = _averages(group)
            if avg is not None and not (c.num.explains(avg[0]) or c.num.explains(avg[1])):
                msg = (f"Tabel 3.5: rata-rata capaian tertulis {c.text}, rata-rata {len(group)} "
                       f"capaian indikator di atasnya = {fmt_pct(avg[0])} (maks. 100%: "
                       f"{fmt_pct(avg[1])}){note}")
                yield cap_issue(self, c, msg, fmt_pct(avg[0]))
            group = []


# --------------------------------------------------------------------------- AR105
def _program_serapan(rows: list[BudgetRow]) -> list[tuple[str, Decimal]]:
    out = []
    pagu = real = Decimal(0)
    for r in rows:
        pv, rv = value_of(r.values.get("pagu")), value_of(r.values.get("realisasi"))
        if pv is None or rv is None or pv == 0:
            continue
        out.append((r.name, rv / pv * HUNDRED))
        pagu += pv
        real += rv
    if len(out) > 1 and pagu:
        out.append(("jumlah program", real / pagu * HUNDRED))
    return out


def _subset_serapan(rows: list[BudgetRow], limit: int = 10) -> list[tuple[str, Decimal]]:
    """Serapan of every group of two or more programs (for up to ``limit`` programs)."""
    vals = [(value_of(r.values.get("pagu")), value_of(r.values.get("realisasi"))) for r in rows]
    pairs = [(p, q) for p, q in vals if p is not None and q is not None and p > 0]
    if len(pairs) > limit or len(pairs) < 3:
        return []
    out = []
    for mask in range(1, 1 << len(pairs)):
        if bin(mask).count("1") < 2 or mask == (1 << len(pairs)) - 1:
            continue
        pagu = sum((pairs[i][0] for i in range(len(pairs)) if mask >> i & 1), Decimal(0))
        real = sum((pairs[i][1] for i in range(len(pairs)) if mask >> i & 1), Decimal(0))
        out.append(("gabungan program", real / pagu * HUNDRED))
    return out


def _with_linked(linked: list[BudgetRow], rows: list[BudgetRow]) -> list[Decimal]:
    """Serapan of the linked programs together with one other program of ``rows``."""
    def amounts(r: BudgetRow) -> tuple[Decimal, Decimal] | None:
        p, q = value_of(r.values.get("pagu")), value_of(r.values.get("realisasi"))
        return (p, q) if p is not None and q is not None and p > 0 else None

    base = [amounts(r) for r in linked]
    if any(x is None for x in base):
        return []
    pagu = sum((x[0] for x in base if x), Decimal(0))
    real = sum((x[1] for x in base if x), Decimal(0))
    out = []
    for r in rows:
        other = amounts(r)
        if r in linked or other is None:
            continue
        out.append((real + other[1]) / (pagu + other[0]) * HUNDRED)
    return out


_MAX_NAME_PAIRS = 250_000  # AR105 name comparisons (real reports: < 150,000)


@register
class SerapanFromBudget(Rule):
    """Serapan anggaran of Tabel 3.7 against the pagu and realisasi of the programs (Tabel 3.8) that support the sasaran (linked through the sasaran parts of Tabel 3.6).

    The efficiency analysis compares capaian with serapan; a serapan taken from a single sub kegiatan or mistyped makes the efficiency figure meaningless.
    """

    code = "AR105"
    name = "serapan-from-budget"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ti = ctx.tables
        progs38 = [r for r in ti.budget("3.8") if r.level == "program"]
        if not progs38:
            return
        progs36 = [r for r in ti.budget("3.6") if r.level == "program"]
        rows = ti.rows("3.7", indicators_only=True)
        if len(rows) * (len(progs36) + 1) * (len(progs38) + 1) > _MAX_NAME_PAIRS:  # bounded time
            ctx.notice(f"AR105 tidak dijalankan: Tabel 3.6/3.7/3.8 terlalu besar untuk dicocokkan "
                       f"({len(progs36)}, {len(rows)} dan {len(progs38)} baris)")
            return
        for row in rows:
            s = row.values.get("serapan")
            if s is None or s.num is None:
                continue
            direct = max(progs38, key=lambda q: similarity(row.name, q.name))
            if similarity(row.name, direct.name) >= 0.75:
                linked = [direct]  # Tabel 3.7 names the program itself
            else:
                linked = self._linked(row.name, progs36, progs38)
            cands = _program_serapan(linked) if linked else []
            if not cands:
                # not linked to its programs: any program or any group of programs may
                # support the sasaran
                cands = _program_serapan(progs38) + _subset_serapan(progs38)
                total = [r for r in ti.budget("3.8") if r.level == "total"]
                cands += _program_serapan(total)
            if not cands or any(s.num.explains(v) for _, v in cands):
                continue
            if linked and s.num.decimals and any(s.num.explains(v) for v in _with_linked(linked, progs38)):
                continue  # the sasaran's program together with one more ("Program 1 dan
                # Program 2"), not only the one whose name is like the sasaran's
            best_name, best = cands[-1] if linked else min(
                cands, key=lambda c: abs(c[1] - s.num.value))  # type: ignore[union-attr]
            which = "program pendukung sasaran ini" if linked else "program mana pun"
            msg = (f"Tabel 3.7: serapan anggaran tertulis {s.text} tidak sesuai dengan realisasi/"
                   f"pagu {which} di Tabel 3.8 (terdekat: {best_name[:60]} = {fmt_pct(best)})")
            yield cap_issue(self, s, msg, fmt_pct(best))

    @staticmethod
    def _linked(name: str, progs36: list[BudgetRow], progs38: list[BudgetRow]) -> list[BudgetRow]:
        groups: dict[str, list[BudgetRow]] = {}
        for p in progs36:
            if p.sasaran:
                groups.setdefault(p.sasaran, []).append(p)
        if len(groups) < 2:
            return []
        best, best_s = 0.0, None
        for sas in groups:
            sc = similarity(name, sas)
            if sc > best:
                best, best_s = sc, sas
        if best < 0.6 or best_s is None:
            return []
        out: list[BudgetRow] = []
        for p in groups[best_s]:
            match = max(progs38, key=lambda q: similarity(p.name, q.name))
            if similarity(p.name, match.name) >= 0.6 and match not in out:
                out.append(match)
        return out


# --------------------------------------------------------------------------- AR106
@register
class EfficiencyColumn(Rule):
    """The efficiency column of Tabel 3.7 against its capaian and serapan: a number must follow one of the usual formulas (capaian - serapan, 100 - serapan, capaian/serapan) and a label "Efisien"/"Tidak Efisien" must agree with capaian >= serapan.

    The efficiency statement is the conclusion of section B.4; an efficiency figure that follows from no formula cannot be reproduced.
    """

    code = "AR106"
    name = "efficiency-column"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for row in ctx.tables.rows("3.7"):
            c, s, e = (row.values.get(k) for k in ("capaian", "serapan", "efisiensi"))
            cv, sv = value_of(c), value_of(s)
            if e is None or cv is None or sv is None:
                continue
            if e.num is not None:
                opts = {f: efficiency(cv, sv, f).value for f in ("selisih", "sisa_anggaran", "rasio")}
                opts["rasio_persen"] = (cv / sv * HUNDRED) if sv else Decimal(0)
                if any(e.num.explains(v) for v in opts.values()):
                    continue
                msg = (f"Tabel 3.7: tingkat efisiensi tertulis {e.text} tidak mengikuti rumus mana "
                       f"pun: capaian - serapan = {fmt_num(opts['selisih'])}, 100 - serapan = "
                       f"{fmt_num(opts['sisa_anggaran'])}")
                yield cap_issue(self, e, msg, fmt_num(opts["selisih"]))
                continue
            low = e.text.lower()
            if "efisien" not in low:
                continue
            says = not re.search(r"\btidak\b|\bkurang\b|\bbelum\b", low)
            if says != (cv >= sv):
                expect = "Efisien" if cv >= sv else "Tidak Efisien"
                msg = (f"Tabel 3.7: tertulis '{e.text}', padahal capaian {c.text if c else ''} "
                       f"{'>=' if cv >= sv else '<'} serapan {s.text if s else ''}")
                yield cap_issue(self, e, msg, expect)


# --------------------------------------------------------------------------- AR107
# "Rp A (terbilang) atau Q%", "Rp A (Q% dari pagu)": nothing but a terbilang between the two
_SHARE_GAP_RE = re.compile(r"\s*(?:,-)?\s*(?:\([^()\d]{0,400}\)\s*)?(?:,\s*)?(?:atau|\(|setara(?:\s+dengan)?)\s*",
                           re.IGNORECASE)
_SHARE_OF_PAGU_RE = re.compile(r"\s*\)?\s*(?:dari|terhadap)\s+(?:total\s+|keseluruhan\s+|seluruh\s+)?pagu\b"
                               r"(?!\s+(?:program|kegiatan|sub|belanja)\b)(?![^.;\d]{0,30}Rp)", re.IGNORECASE)
_SHARE_OF_ANY_RE = re.compile(r"\s*\)?\s*(?:dari|terhadap)\b", re.IGNORECASE)
# the amount is the realisasi or the remainder of the budget
_SHARE_CUE_RE = re.compile(r"\b(?:realisasi\s+(?:belanja|anggaran|keuangan)|belanja\s+(?:terealisasi|terserap)|"
                           r"(?:anggaran|dana)\s+(?:terealisasi|terserap)|sisa\s+(?:anggaran|dana|pagu)|"
                           r"penyerapan\s+anggaran)\b", re.IGNORECASE)


def _truncated(q: Num, comp: Decimal) -> bool:
    """"3,41%" for 3,418%: the share cut, not rounded, to the stated decimals."""
    unit = Decimal(10) ** -q.decimals
    return comp >= 0 and (comp // unit) * unit == q.value


def _pagu_bases(ctx: CheckContext) -> tuple[list[Decimal], Decimal | None]:
    """The bases a share of the budget can have: every pagu of the budget tables (total,
    program, kegiatan), what a total should be (the sum of its programs, realisasi + sisa: the
    prose may follow the right figure when the total row is mistyped) and every amount the
    prose states ("Pagu anggaran ... sebesar Rp P"); and the pagu of the first total row, the
    base the message names."""
    out: set[Decimal] = set()
    total: Decimal | None = None
    for rows in ctx.tables.budget_rows.values():
        programs: dict[int, Decimal] = {}
        for br in rows:
            v = value_of(br.values.get("pagu"))
            if v is not None and v > 0:
                out.add(v)
                if br.level == "total" and total is None:
                    total = v
                if br.level == "program":
                    programs[br.table.index] = programs.get(br.table.index, Decimal(0)) + v
            r, rest = value_of(br.values.get("realisasi")), value_of(br.values.get("sisa"))
            if r is not None and rest is not None and r + rest > 0:
                out.add(r + rest)
        out.update(v for v in programs.values() if v > 0)
    for b in prose_units(ctx):
        if "Rp" in b.text or "rp" in b.text.lower():
            out.update(n.value for n in scan_numbers(b.text) if n.currency and n.value >= 1000)
    return sorted(out), total

# a change measured against another year ("naik 1,42 poin dibanding 2021", "dari tahun lalu")
_VS_YEAR_RE = re.compile(
    r"\b(?:dibanding(?:kan)?|daripada|dari|terhadap|sejak)\s+(?:dengan\s+)?(?:capaian\s+|realisasi\s+|"
    r"nilai\s+)?(?:tahun\s+)?(?:(?:19|20)\d\d|lalu|sebelumnya|kemarin)\b", re.IGNORECASE)
# a figure that is a comparator, not an earlier value: "target 78", "target nasional 99,40%"
_COMPARATOR_RE = re.compile(
    r"\b(?:target|sasaran|standar|nasional|provinsi|rata-rata\s+(?:nasional|provinsi))\b"
    r"(?:\s+\w+){0,3}?\s+(?:sebesar\s+|yaitu\s+|adalah\s+)?\d", re.IGNORECASE)


def _is_count(num: Num) -> bool:
    return not num.percent and not num.is_year and num.value >= 1


@register
class SumsInText(Rule):
    """Sums stated in text: "X laki-laki dan Y perempuan" against the stated total, shares of a composition that add up to more than 100%, budget parts ("Belanja Operasional Rp A, Belanja Modal Rp B") against the stated budget, "realisasi Rp R dari anggaran Rp P atau Q%", a total closing its list in the same sentence ("Program A Rp X dan Program B Rp Y, jumlah Rp Z") and a stated increase/decrease between two percentages.

    These figures are typed by hand in the narrative and are not checked by the spreadsheet the tables come from.
    """

    code = "AR107"
    name = "sums-in-text"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        blocks = list(prose_units(ctx))
        bases: tuple[list[Decimal], Decimal | None] | None = None
        for i, b in enumerate(blocks):
            text = b.text
            # each check below needs its cue in the sentence: a paragraph without the cue's
            # literals is skipped whole (same result, no search per sentence)
            at = analyze(text)
            gender = at.may_match(rx("male_word")) and at.may_match(rx("female_word"))
            shares, absorbed = at.may_match(rx("share_cue")), at.may_match(rx("absorbed_word"))
            for s, e in sentences(text):
                sent = text[s:e]
                if gender:
                    yield from self._gender(b, s, sent)
                if shares:
                    yield from self._shares(b, s, sent)
                if absorbed:
                    yield from self._absorption(b, s, sent)
            if at.may_match(rx("change_cue")):
                yield from self._change(b)
            for ss, se in sentences(text):
                yield from self._listed_total(b, ss, text[ss:se])
            full, _ = _continued(blocks, i)
            after = full[len(text):]
            before = " ".join(blocks[k].text for k in range(max(0, i - 3), i)
                              if blocks[k].kind == "paragraph" and b.kind == "paragraph"
                              and blocks[k].index >= b.index - 3)
            lead = _lead_in(blocks, i)
            for ss, se in sentences(text):
                last = se >= len(text.rstrip())
                # a sentence over hard-wrapped lines: its start on the lines before, its end after
                pre = lead if ss == 0 else ""
                tail = ""
                if last and after:
                    ends = list(sentences(after))
                    tail = after[:ends[0][1]] if ends else after
                yield from self._points(b, ss, text[ss:se], before, after if last else "",
                                        pre=pre, tail=tail)
            if filtered_search(rx("budget_parts_cue"), text):
                yield from self._budget_parts(blocks, i)
            if absorbed or filtered_search(rx("absorbed_word"), full):
                yield from self._absorption_wrapped(blocks, i)
            if ("Rp" in text or "rp" in text.lower()) and "%" in text:
                if bases is None:
                    bases = _pagu_bases(ctx)
                for ss, se in sentences(text):
                    yield from self._share_of_base(b, ss, text[ss:se], bases)

    # X laki-laki + Y perempuan = Z
    def _gender(self, b: TextUnit, off: int, sent: str) -> Iterator[Issue]:
        male, female = rx("male_word").search(sent), rx("female_word").search(sent)
        if male is None or female is None:
            return
        lo = min(male.start(), female.start()) - 80
        hi = max(male.end(), female.end()) + 80
        nums = [n for n in scan_numbers(sent) if _is_count(n) and lo <= n.start <= hi]
        if len(nums) < 3:
            return

        # consistent when any two numbers add up to a larger third one
        for z in nums:
            for a in nums:
                for c in nums:
                    if a is not c and a is not z and c is not z and a.value + c.value == z.value:
                        return
        z = max(nums, key=lambda n: n.value)
        others = [n for n in nums if n is not z]

        def nearest(pos: int, cands: list[Num]) -> Num | None:
            if not cands:
                return None
            return min(cands, key=lambda n: (min(abs(n.start - pos), abs(n.end - pos)),
                                             n.start < pos))

        x = nearest(male.start(), others) if len(others) > 2 else others[0]
        y = nearest(female.start(), [n for n in others if n is not x]) if len(others) > 2 \
            else others[1]
        if x is None or y is None:
            return
        msg = (f"jumlah tertulis {z.text.strip()}, padahal {x.text.strip()} laki-laki + "
               f"{y.text.strip()} perempuan = {fmt_num(x.value + y.value, 0)}")
        yield self.issue(b, off + z.start, off + z.end, msg, fmt_num(x.value + y.value, 0))

    # composition shares above 100%
    def _shares(self, b: TextUnit, off: int, sent: str) -> Iterator[Issue]:
        if not rx("share_cue").search(sent) or rx("share_skip").search(sent):
            return
        pcts = [n for n in scan_numbers(sent) if n.percent and n.value < 100]
        if len(pcts) < 3:
            return
        total = sum((n.value for n in pcts), Decimal(0))
        slack = Decimal("0.5") * len(pcts)
        if total <= HUNDRED + slack:
            return
        last = pcts[-1]
        parts = " + ".join(n.text.strip() for n in pcts)
        msg = f"bagian-bagian komposisi berjumlah lebih dari 100%: {parts} = {fmt_pct(total)}"
        yield self.issue(b, off + last.start, off + last.end, msg, "100%")

    # realisasi Rp R dari anggaran Rp P atau Q%
    def _absorption(self, b: TextUnit, off: int, sent: str) -> Iterator[Issue]:
        for qs, qe, msg, exp in self._absorption_hits(sent):
            yield self.issue(b, off + qs, off + qe, msg, exp)

    def _absorption_wrapped(self, blocks: list[Block], i: int) -> Iterator[Issue]:
        """The last sentence of ``blocks[i]`` when it goes on over the next line blocks (a
        flattened PDF): its percentages on those blocks."""
        text = blocks[i].text
        full, parts = _continued(blocks, i)
        spans = list(sentences(text))
        if len(full) == len(text) or not spans:
            return
        ss = spans[-1][0]
        ends = list(sentences(full[len(text):]))
        sent = full[ss:len(text) + (ends[0][1] if ends else len(full) - len(text))]
        for qs, qe, msg, exp in self._absorption_hits(sent):
            pos = ss + qs
            if pos <= len(text):
                continue  # on this block: the block's own sentences report it
            unit, start = next((u, o) for u, o in reversed(parts) if o <= pos)
            yield self.issue(unit, pos - start, pos - start + (qe - qs), msg, exp)

    def _absorption_hits(self, sent: str) -> list[tuple[int, int, str, str]]:
        out: list[tuple[int, int, str, str]] = []
        if not rx("absorbed_word").search(sent):
            return out
        nums = scan_numbers(sent)
        for k, q in enumerate(nums):
            if not q.percent:
                continue
            before = [n for n in nums[:k] if n.currency and n.value >= 1000]
            if len(before) < 2:
                continue
            a, c = before[-2], before[-1]
            gap = sent[c.end:q.start]
            if len(gap) > 25 or not re.search(r"atau|\(|=|sebesar", gap + "("):
                continue
            small, big = sorted((a.value, c.value))
            if big == 0:
                continue
            comp = small / big * HUNDRED
            if q.explains(comp) or q.explains(small / (small + big) * HUNDRED):
                continue
            if small > 0 and q.value > HUNDRED and q.explains(big / small * HUNDRED):
                continue  # "terealisasi Rp 1.290 M dari target Rp 1.245 M sehingga capaian 103,62%"
            msg = (f"persentase tertulis {q.text.strip()}, padahal {fmt_num(small, 0)} / "
                   f"{fmt_num(big, 0)} x 100 = {fmt_pct(comp)}{rounded_note(q, comp)}")
            out.append((q.start, q.end, msg, fmt_pct(comp)))
        # "realisasi Rp R atau Q% dari pagu Rp P": the share between the two amounts
        for k in range(1, len(nums) - 1):
            a, q, c = nums[k - 1], nums[k], nums[k + 1]
            if not (a.currency and c.currency and q.percent and a.value >= 1000 and c.value >= 1000):
                continue
            if not re.fullmatch(r"\s*(?:atau|\(|sebesar)\s*", sent[a.end:q.start]) or not re.match(
                    r"\s*\)?\s*(?:dari|terhadap)\s+(?:total\s+|jumlah\s+)?(?:pagu|anggaran|alokasi|target)"
                    r"[^.;,\d]{0,30}?$", sent[q.end:c.start], re.IGNORECASE):
                continue  # (not "... atau 96,38% dari pagu, dengan sisa anggaran Rp S": S is no base)
            if c.value == 0:
                continue
            comp = a.value / c.value * HUNDRED
            if q.explains(comp):
                continue
            msg = (f"persentase tertulis {q.text.strip()}, padahal {fmt_num(a.value, 0)} / "
                   f"{fmt_num(c.value, 0)} x 100 = {fmt_pct(comp)}{rounded_note(q, comp)}")
            out.append((q.start, q.end, msg, fmt_pct(comp)))
        return out

    # "Sisa anggaran Rp A atau Q% dari pagu": the pagu named elsewhere (a sentence before, the
    # budget table's total)
    def _share_of_base(self, b: TextUnit, off: int, sent: str,
                       known: tuple[list[Decimal], Decimal | None]) -> Iterator[Issue]:
        bases, total = known
        nums = scan_numbers(sent)
        amounts = [n for n in nums if n.currency and n.value >= 1000]
        if len(amounts) != 1:
            return  # two amounts in the sentence: the share between them (_absorption_hits)
        a = amounts[0]
        k = nums.index(a)
        if k + 1 >= len(nums) or not nums[k + 1].percent:
            return
        q = nums[k + 1]
        if not _SHARE_GAP_RE.fullmatch(sent[a.end:q.start]):
            return
        rest = sent[q.end:]
        if not _SHARE_OF_PAGU_RE.match(rest) and (
                _SHARE_OF_ANY_RE.match(rest) or not _SHARE_CUE_RE.search(sent[:a.start])):
            return  # a share of something else, or no cue saying what the amount is
        # (the bases hold every amount of the prose, the sentences before this one included)
        cands = [c for c in bases if c > a.value]
        if not cands:
            return
        for c in cands:
            comp = a.value / c * HUNDRED
            if q.explains(comp) or _truncated(q, comp) or q.explains(HUNDRED - comp):
                return
        base = total if total is not None and total > a.value else min(cands)
        comp = a.value / base * HUNDRED
        msg = (f"persentase tertulis {q.text.strip()}, padahal {fmt_num(a.value, 0)} / "
               f"{fmt_num(base, 0)} (pagu) x 100 = {fmt_pct(comp)}{rounded_note(q, comp)}")
        yield self.issue(b, off + q.start, off + q.end, msg, fmt_pct(comp))

    # "mengalami penurunan sebesar D%" between two percentages of the same paragraph
    def _change(self, b: TextUnit) -> Iterator[Issue]:
        text = b.text
        spans = list(sentences(text))
        for k, (ss, se) in enumerate(spans):
            sent = text[ss:se]
            if not rx("change_cue").search(sent):
                continue
            for m in rx("change_word").finditer(sent):
                tail = sent[m.end():m.end() + 25]
                dm = re.match(r"\s*(?:sebesar|sejumlah|senilai)?\s*", tail)
                nums = scan_numbers(tail)
                if not nums or not nums[0].percent or dm is None or nums[0].start > dm.end() + 1:
                    continue
                d = nums[0]
                d_start = ss + m.end() + d.start
                # the two compared percentages: in this sentence and the one before
                lo = spans[k - 1][0] if k > 0 else ss
                others: list[Num] = []
                for n in scan_numbers(text[lo:se]):
                    if n.percent and lo + n.start != d_start and n.value != d.value and \
                            all(o.value != n.value for o in others):
                        others.append(n)
                if len(others) != 2:
                    continue
                a, c = others[0].value, others[1].value
                diff = abs(a - c)
                opts = [diff]
                if min(a, c) > 0:
                    opts += [diff / min(a, c) * HUNDRED, diff / max(a, c) * HUNDRED]
                if any(d.explains(v) for v in opts):
                    continue
                rel = fmt_pct(opts[1]) if len(opts) > 1 else "-"
                msg = (f"perubahan tertulis {d.text.strip()}, padahal selisih "
                       f"{others[0].text.strip()} dan {others[1].text.strip()} = "
                       f"{fmt_num(diff)} poin ({rel} relatif)")
                yield self.issue(b, d_start, d_start + len(d.text), msg, fmt_pct(diff))

    # "melampaui ... sebanyak 1,24 poin", "turun 3 poin persen (27,27%) dari 11% menjadi 8%"
    def _points(self, b: TextUnit, off: int, sent: str, before: str = "",
                after: str = "", pre: str = "", tail: str = "") -> Iterator[Issue]:
        own = len(sent)
        if pre or tail:
            sent = pre + sent + tail
            off -= len(pre)
            if pre:
                before = before[:max(0, len(before) - len(pre))]
            if tail:
                after = after[len(tail):]
        for m in filtered_finditer(_POINTS_RE, sent):
            if not len(pre) <= m.start("d") < len(pre) + own:
                continue  # the change stands on another line: reported from there
            if not rx("points_cue").search(sent):
                return
            d = scan_numbers(m.group("d"))
            if not d:
                continue
            dv = d[0]
            if re.search(r"\b(?:menuju|terhadap|dari|ke)\s+(?:target|sasaran)\b|\btarget\s+akhir\b",
                         sent[max(0, m.start() - 80):m.start()], re.IGNORECASE):
                continue  # "sisa jarak menuju target akhir Renstra tinggal 2,9 poin": to a target not given
            if re.match(r"\s*(?:lagi\s+)?(?:dari|menuju|ke|terhadap|untuk\s+mencapai|di\s*(?:bawah|atas)|"
                        r"(?:lebih\s+)?(?:rendah|tinggi)\s+dari|melampaui|melebihi)\s+"
                        r"(?:(?:nilai|angka|capaian)\s+)?(?:target|sasaran|standar|batas)\b",
                        sent[m.end():], re.IGNORECASE):
                continue  # "tinggal 0,54 poin dari target akhir Renstra": against a target, no change
            fm = _FROM_TO_RE.search(sent)
            if fm is not None:
                pair = [scan_numbers(fm.group("a")), scan_numbers(fm.group("b"))]
                if not pair[0] or not pair[1]:
                    continue
                a, c = pair[0][0].value, pair[1][0].value
            else:
                others = [n for n in scan_numbers(sent) if not n.is_year and
                          not (m.start() <= n.start < m.end())]
                if len(others) > 2:
                    # "Dibandingkan tahun 2022 yang sebesar 27,43% (62 desa), persentase ini
                    # meningkat 5,43 poin persen, sedangkan pada tahun 2021 baru 23,89%": the
                    # change's own clause, without the counts behind its percentages
                    lo = max((c.end() for c in _OTHER_CLAUSE_RE.finditer(sent, 0, m.start())), default=0)
                    hi = next((c.start() for c in _OTHER_CLAUSE_RE.finditer(sent, m.end())), len(sent))
                    clause = [n for n in others if lo <= n.start < hi
                              and not (_COUNT_BEHIND_RE.search(sent[:n.start])
                                       and _COUNT_NOUN_RE.match(sent, n.end))
                              and not _POINTS_AFTER_RE.match(sent, n.end)]
                    if len(clause) == 1 and clause[0].percent and _ANAPHOR_RE.search(
                            sent[max(0, m.start() - 40):m.start()]):
                        # "persentase ini": the current figure is the one stated just before
                        # (not a target or a capaian beside it)
                        prev = [n for n in scan_numbers(before) if n.percent and not n.is_year
                                and not _NOT_CURRENT_RE.search(before[max(0, n.start - 25):n.start])]
                        if prev:
                            clause = [prev[-1], clause[0]]
                    if len(clause) == 2 and sum(1 for _p in _POINTS_RE.finditer(sent, lo, hi)) == 1:
                        others = clause  # (two changes in one clause: each against a figure of its own)
                dropped = False
                if len(others) == 3:
                    # "58,50, belum mencapai target 60,00 namun lebih tinggi 2,50 poin dibanding
                    # tahun 2021 yang sebesar 56,20": the target is a comparator, not an operand
                    kept = [n for n in others if not _COMPARATOR_BEFORE_RE.search(sent[:n.start])]
                    dropped = len(kept) == 2 and _VS_YEAR_RE.search(sent) is not None
                    if dropped:
                        others = kept
                if len(others) != 2 or any(n.percent for n in others) != all(
                        n.percent for n in others):
                    continue
                if not dropped and sum(1 for n in others if _COMPARATOR_BEFORE_RE.search(sent[:n.start])) == 1:
                    continue  # "naik 1,24 poin dari 75,18 ... melampaui target akhir Renstra sebesar
                    # 75,50": one operand and a target, the current value stands elsewhere
                if self._years_apart(sent, others, m):
                    continue
                a, c = others[0].value, others[1].value
            diff = abs(a - c)
            start, end = off + m.start("d"), off + m.end("d")
            if not dv.explains(diff) and fm is None and self._other_operands(
                    before + " " + b.text[:off], sent + after, m, dv,
                    comparator_dropped=fm is None and dropped):
                continue
            if not dv.explains(diff):
                msg = (f"selisih tertulis {m.group('d')} poin, padahal selisih {fmt_num(a)} dan "
                       f"{fmt_num(c)} = {fmt_num(diff)} poin")
                yield self.issue(b, start, end, msg, fmt_num(diff))
                continue
            rel = m.group("rel")
            if rel and fm is not None and a != 0:
                rn = scan_numbers(rel)
                if rn and not rn[0].explains(diff / a * HUNDRED):
                    comp = diff / a * HUNDRED
                    rs = off + m.start("rel") + rn[0].start
                    msg = (f"perubahan relatif tertulis {rn[0].text.strip()}, padahal "
                           f"{fmt_num(diff)}/{fmt_num(a)} x 100 = {fmt_pct(comp)}")
                    yield self.issue(b, rs, rs + len(rn[0].text), msg, fmt_pct(comp))

    @staticmethod
    def _years_apart(sent: str, pair: list[Num], m: re.Match[str]) -> bool:
        """The two figures are labelled with years ("tahun 2022 sebesar 80,65% dan tahun 2021
        sebesar 78,30%") and the change belongs to a third, later year ("sehingga pada tahun
        2023 terjadi kenaikan 1,80 poin"): the change is against a figure the sentence does
        not hold."""
        labels = []
        for n in pair:
            lm = _LABEL_YEAR_RE.search(sent[max(0, n.start - 40):n.start])
            if lm is None:
                return False
            labels.append(int(lm.group(1)))
        tail_start = max(n.end for n in pair)
        later = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", sent[tail_start:])]
        # ... or before the change: "Nilai IKM tahun 2024 naik 2,15 poin dibandingkan IKM tahun
        # 2023 yang sebesar 82,20, dan pada tahun 2022 sebesar 80,95"
        head = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", sent[:m.start()])]
        return any(y > max(labels) for y in later + head)

    @staticmethod
    def _other_operands(before: str, sent: str, m: re.Match[str], dv: Num,
                        comparator_dropped: bool = False) -> bool:
        """The stated change is measured between figures other than the two the sentence
        happens to hold: "76,44 di bawah target 78, namun naik 1,42 poin dibanding 2021" (the
        target is a comparator, the 2021 value is in a table), or "mencapai 97,83% ...
        Dibanding tahun 2022 sebesar 96,90%, realisasi naik 0,93 poin" (the current value is in
        the sentence before). Either a target / national figure sits next to a change against a
        year, or some pair of figures of the paragraph up to this sentence gives the change."""
        if _VS_YEAR_RE.search(sent) and _COMPARATOR_RE.search(sent) and not comparator_dropped:
            return True
        nums = [n for n in scan_numbers(before) + scan_numbers(sent[:m.start()]) +
                scan_numbers(sent[m.end():])
                if not n.is_year and n.value != dv.value]
        vals = {n.value for n in nums}
        return any(dv.explains(abs(x - y)) for x in vals for y in vals if x != y)

    # "A Rp X dan B Rp Y, jumlah Rp Z": a total closing its list in the same sentence
    def _listed_total(self, b: TextUnit, off: int, sent: str) -> Iterator[Issue]:
        if sent.lower().count("rp") < 3 and fold_safe(sent):
            return  # each amount holds its own "Rp": fewer than three amounts (no number scan)
        nums = [n for n in scan_numbers(sent) if n.currency and not n.malformed]
        if len(nums) < 3:
            return
        lead, gap_skip = rx("listed_total"), rx("listed_gap_skip")
        for k in range(2, len(nums)):
            z = nums[k]
            if not lead.search(sent[nums[k - 1].end:z.start].replace("Rp", "").replace("Rp.", "")):
                continue
            parts = nums[:k]
            # only a plain list: names and "dan" / "," between the amounts
            if any(gap_skip.search(sent[a.end:c.start]) for a, c in zip(parts, parts[1:], strict=False)):
                return
            total = sum((n.value for n in parts), Decimal(0))
            if z.explains(total):
                return
            shown = " + ".join(fmt_num(n.value, 0) for n in parts)
            yield self.issue(b, off + z.start, off + z.end,
                             f"jumlah tertulis {z.text.strip()}, padahal {shown} = Rp {fmt_num(total, 0)}",
                             f"Rp {fmt_num(total, 0)}")
            return

    # budget parts against the stated budget
    def _budget_parts(self, blocks: list[Block], i: int) -> Iterator[Issue]:
        total: Num | None = None
        total_block: Block | None = None
        amounts: list[Num] = []
        seen = 0
        for j in range(i, max(-1, i - 7), -1):
            if j < i and (_page_furniture(blocks[j].text, False) or (
                    j > 0 and _page_furniture(blocks[j].text, _page_furniture(blocks[j - 1].text,
                                                                              False)))):
                continue  # a page number or running header between the total and the list
            seen += 1
            if seen > 3:
                break
            tm = list(rx("budget_total").finditer(blocks[j].text))
            if not tm and j == i:
                cue = rx("budget_parts_cue").search(blocks[j].text)
                if cue and rx("budget_total_group").search(blocks[j].text[:cue.start()]):
                    return  # "Belanja X sebesar Rp A terdiri atas ...": CN105 checks it
            if not tm and j < i:
                # "Belanja Langsung sebesar Rp X." alone in the paragraph before its parts (in
                # the parts' own sentence it is CN105's)
                tm = list(rx("budget_total_group").finditer(blocks[j].text))
                if len(tm) != 1 or not _same_group(tm[0].group("name"), blocks[i].text):
                    tm = []
            if tm:
                nums = [n for n in scan_numbers(blocks[j].text) if n.currency and
                        n.start >= tm[-1].end() - 3]
                if nums:
                    total, total_block, amounts = nums[0], blocks[j], nums
                    break
        if total is None or total_block is None:
            return
        parts: list[tuple[Block, Num]] = []
        part_re = rx("budget_part")
        cue_m = rx("budget_parts_cue").search(blocks[i].text)
        cue_at = cue_m.start() if cue_m else None
        page_break = False
        for j in range(i, min(len(blocks), i + 8)):
            bj = blocks[j]
            if j > i and _page_furniture(bj.text, page_break):
                page_break = True
                continue  # a page number or running header between the items of the list
            page_break = False
            if j > i and (rx("budget_parts_cue").search(bj.text) or not _LIST_ITEM_RE.match(bj.text)) \
                    and part_re.search(bj.text):
                break  # a new breakdown, or prose of its own: not an item of this list
            for pm in part_re.finditer(bj.text):
                nums = [n for n in scan_numbers(bj.text[pm.end() - 3:]) if n.currency]
                if nums:
                    n = nums[0]
                    if bj is total_block and pm.end() - 3 + n.start <= total.start:
                        continue  # the total itself ("Belanja Langsung sebesar Rp X terdiri ...")
                    if j == i and cue_at is not None and pm.end() <= cue_at:
                        continue  # the parts follow "terdiri atas" / "rincian"
                    parts.append((bj, n))
            if j > i and not part_re.search(bj.text) and parts:
                break
        if len(parts) < 2:
            return
        s = sum((n.value for _, n in parts), Decimal(0))
        if any(a.explains(s) for a in amounts):
            return  # the parts of the total or of another amount beside it (its realisasi)
        last_b, _ = parts[-1]
        txt = " + ".join(fmt_num(n.value, 0) for _, n in parts)
        msg = (f"rincian belanja {txt} = Rp {fmt_num(s, 0)}, tidak sama dengan anggaran "
               f"tertulis Rp {fmt_num(total.value, 0)}")
        m = re.search(r"Rp", last_b.text)
        yield self.issue(last_b, m.start() if m else 0, len(last_b.text), msg, fmt_num(s, 0))


def _same_group(name: str, cue_text: str) -> bool:
    """True when the breakdown in ``cue_text`` may be the parts of "Belanja <name>": it names
    no other group before its cue ("Belanja tersebut terdiri atas ..." or "Belanja <name> ...")
    and does not list "Belanja <name>" among the parts."""
    cue = rx("budget_parts_cue").search(cue_text)
    head = cue_text[:cue.start()] if cue else cue_text
    key = name.split()[0].lower()
    for m in re.finditer(r"\bbelanja\s+(\w+)", head, re.IGNORECASE):
        w = m.group(1).lower()
        if w not in ("tersebut", "ini", "itu", "di", "yang", "dengan", key):
            return False
    tail = cue_text[cue.end():] if cue else ""
    return not re.search(r"\bbelanja\s+" + re.escape(name.strip()) + r"\b", tail, re.IGNORECASE)


_LIST_ITEM_RE = re.compile(r"^\s*(?:[-•*]|\d{1,2}[.)]|[a-zA-Z][.)])?\s*(?:\*\*)?belanja\b", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—]?\s*\d{1,4}\s*[-–—]?|(?:halaman|hal\.?|page)\s*:?\s*\d{1,4})\s*$",
    re.IGNORECASE)


def _page_furniture(text: str, after_page_number: bool) -> bool:
    """A page number line, or the short running header line right after one (flattened PDF
    text interleaves them with the running text)."""
    t = text.strip()
    if _PAGE_NUMBER_RE.match(t):
        return True
    return after_page_number and len(t) <= 100 and "\n" not in t and not t.endswith((".", ":", ";"))


# "target 60,00", "target nasional sebesar 80%": the figure after it is the comparator
_COMPARATOR_BEFORE_RE = re.compile(r"\b(?:target|sasaran|standar|batas|nasional|provinsi)(?:\s+\w+){0,2}?\s+"
                                   r"(?:sebesar\s+|yaitu\s+|adalah\s+)?$", re.IGNORECASE)
# "tahun 2022 sebesar 80,65%", "2021 yang sebesar 56,20": the year a figure belongs to
_LABEL_YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\s*(?:\)\s*)?(?:yang\s+)?(?:sebesar|senilai|yaitu|adalah|"
                            r"mencapai|:)?\s*$", re.IGNORECASE)
_POINTS_RE = re.compile(
    r"(?<!\d)(?P<d>\d+(?:,\d+)?)\s*poin(?:\s+persen)?(?:\s*\((?P<rel>\s*\d+(?:,\d+)?\s*%)\s*\))?",
    re.IGNORECASE)
_OTHER_CLAUSE_RE = re.compile(r";|,\s*(?:sedangkan|sementara|namun|tetapi|adapun)\b", re.IGNORECASE)
_COUNT_BEHIND_RE = re.compile(r"\(\s?$")  # "27,43% (62 desa)": the count behind a percentage
_COUNT_NOUN_RE = re.compile(r"\s+[a-z]{3,}")
_POINTS_AFTER_RE = re.compile(r"\s*poin\b", re.IGNORECASE)  # another change of the sentence
_NOT_CURRENT_RE = re.compile(r"\b(?:target|sasaran|capaian(?:nya)?|serapan|batas)\b[^\d]{0,15}$", re.IGNORECASE)
_ANAPHOR_RE = re.compile(r"\b(?:persentase|capaian|realisasi|nilai|angka|indeks|indikator)\s+(?:ini|tersebut|itu)\b",
                         re.IGNORECASE)
_FROM_TO_RE = re.compile(
    r"\bdari\s+(?:\w+\s+){0,2}?(?P<a>\d+(?:[.,]\d+)?\s*%?)\s+(?:men)?jadi\s+"
    r"(?P<b>\d+(?:[.,]\d+)?\s*%?)", re.IGNORECASE)


# --------------------------------------------------------------------------- AR108
@register
class MalformedAmount(Rule):
    """Numbers that are not written in a standard Indonesian form ("angka tidak baku"): digit
    groups that are not groups of three ("Rp. 95.523400"), dots and commas in the wrong order
    ("2.186,670.304"), more than one decimal comma ("12,5,6"), or an odd dotted value
    ("sebesar 1.23.4").

    A malformed number cannot be read reliably: the reader has to guess the value, and the
    checker never computes with it (it is typed ``malformed`` by the text layer). Section
    numbers (3.1.2), budget codes (1.02.01.2.01), dates (31.12.2023) and lists ("Pasal 1,2")
    are not numbers in this sense. Each malformed number is reported once, with its position.
    """

    code = "AR108"
    name = "malformed-amount"
    category = "arithmetic"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.text.mentions import explain_malformed

        for unit, _b, m in ctx.text.mentions("malformed"):
            hint, value = explain_malformed(m.text)
            msg = f"penulisan angka tidak baku: '{m.text.strip()}' ({hint})"
            yield self.issue(unit, m.start, m.end, msg, value)


# --------------------------------------------------------------------------- AR109
@register
class NationalDifference(Rule):
    """The "KET. (+/-)" column of Tabel 3.4: a number there must be the difference between the realisasi and the national (or regional) value, in points or relative to the national value.

    The comparison with the national value is the only external benchmark of the report; a difference that does not follow from the two values misstates it.
    """

    code = "AR109"
    name = "national-difference"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for row in ctx.tables.rows("3.4", indicators_only=True):
            r, n, k = (row.values.get(x) for x in ("realisasi", "nasional", "ket"))
            rv, nv = value_of(r), value_of(n)
            if k is None or k.num is None or rv is None or nv is None:
                continue
            diff = rv - nv
            opts = [diff, abs(diff)]
            if nv:
                opts += [diff / nv * HUNDRED, abs(diff) / nv * HUNDRED]
            if any(k.num.explains(v) for v in opts):
                continue
            msg = (f"Tabel 3.4: keterangan tertulis {k.text}, padahal realisasi {r.text if r else ''} "
                   f"- nilai nasional {n.text if n else ''} = {fmt_num(diff)}")
            yield cap_issue(self, k, msg, fmt_num(diff))


# --------------------------------------------------------------------------- AR110
_FORMULA_CHARS = set("0123456789.,()+-−–xX×*/:% \t")
_TOKEN_RE = re.compile(r"\s*(?:(?P<num>\d[\d.,]*\d|\d)\s*%?|(?P<op>[-+−–xX×*/:()]))")


def _eval_formula(expr: str) -> Decimal | None:
    """Value of an arithmetic expression written in a sentence ("28,40 / 35 × 100%",
    "(2 x 520 - 470) / 520 x 100"); None when it is not one."""
    toks: list[Decimal | str] = []
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = _TOKEN_RE.match(expr, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        if m.group("num"):
            n = parse_number(m.group("num"))
            if n is None or n.malformed:
                return None
            toks.append(n.value)
        else:
            op = m.group("op")
            toks.append({"x": "*", "X": "*", "×": "*", ":": "/", "−": "-", "–": "-"}.get(op, op))
    if sum(isinstance(t, Decimal) for t in toks) < 2:
        return None
    it = iter(toks + ["$"])
    cur = next(it)

    def advance() -> None:
        nonlocal cur
        cur = next(it)

    def atom() -> Decimal:
        if cur == "(":
            advance()
            v = add()
            if cur != ")":
                raise ValueError
            advance()
            return v
        if isinstance(cur, Decimal):
            v = cur
            advance()
            return v
        raise ValueError

    def mul() -> Decimal:
        v = atom()
        while cur in ("*", "/"):
            op = cur
            advance()
            r = atom()
            v = v * r if op == "*" else v / r
        return v

    def add() -> Decimal:
        v = mul()
        while cur in ("+", "-"):
            op = cur
            advance()
            r = mul()
            v = v + r if op == "+" else v - r
        return v

    try:
        v = add()
    except (ValueError, ArithmeticError):
        return None
    return v if cur == "$" else None


@register
class InlineFormula(Rule):
    """A calculation written out in the text whose result is wrong: "capaian = 28,40 / 35 x
    100% = 82,14%" (it is 81,14%), "(2 x 520 - 470) / 520 x 100% = 109,26%".

    The reader checks a report by its worked examples; a wrong result in one of them
    discredits the table it explains. The left side must be numbers joined by + - x × * / :
    and brackets; the result is compared with rounding to its stated digits."""

    code = "AR110"
    name = "inline-formula"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for b in prose_units(ctx):
            text = b.text
            if "=" not in text:
                continue
            for eq in re.finditer(r"=", text):
                k = eq.start()
                start = k
                while start > 0 and text[start - 1] in _FORMULA_CHARS:
                    start -= 1
                expr = text[start:k]
                # an unmatched closing bracket at the start belongs to the words before
                while expr and expr.count(")") > expr.count("("):
                    cut = expr.find(")")
                    expr, start = expr[cut + 1:], start + cut + 1
                while expr and expr.count("(") > expr.count(")"):
                    cut = expr.find("(")
                    expr, start = expr[cut + 1:], start + cut + 1
                if not re.search(r"\d\s*[-+−–xX×*/:]\s*\(?\s*\d", expr):
                    continue
                if re.fullmatch(r"\s*(?:19|20)\d\d\s*[-−–]\s*(?:19|20)\d\d\s*", expr):
                    continue  # a period "2021-2026 = 6 tahun", not a subtraction
                rm = re.match(r"\s*(?P<r>\d[\d.,]*\d|\d)(?P<pct>\s*%)?", text[k + 1:])
                if rm is None:
                    continue
                stated = parse_number(rm.group("r") + (rm.group("pct") or ""))
                value = _eval_formula(expr)
                if stated is None or stated.malformed or value is None:
                    continue
                if stated.explains(value):
                    continue
                if rm.group("pct") and stated.explains(value * 100):
                    continue  # "(2 x 18 - 22,6) / 18 = 74,44%": the ratio given as a percentage
                s0, e0 = k + 1 + rm.start("r"), k + 1 + rm.end()
                yield self.issue(
                    b, s0, e0,
                    f"hasil perhitungan tertulis {rm.group(0).strip()}, padahal "
                    f"{' '.join(expr.split())} = {fmt_num(round_half_up(value, 2), 2)}",
                    expected=fmt_num(round_half_up(value, max(stated.decimals, 0)),
                                     max(stated.decimals, 0)) + ("%" if rm.group("pct") else ""),
                )


# --------------------------------------------------------------------------- AR111
@register
class PartsOfPreviousAmount(Rule):
    """The parts of an amount given in the sentence after it that do not add up to it:
    "Pendapatan terealisasi Rp 102.317.640.815. Pendapatan tersebut berasal dari pasien umum
    Rp 14.208.115.300, klaim BPJS Rp 81.406.922.415, dan lain-lain Rp 6.072.603.100" (the
    parts make 101.687.640.815).

    A breakdown that does not sum to its total means one of the figures is mistyped. Only a
    sentence that opens by pointing back ("... tersebut/ini berasal dari", "terdiri atas",
    "meliputi") is read, with two or more Rupiah amounts; the total is the amount of the
    sentence before that the parts come closest to (within ten per cent), so that a target and
    a realisasi named together are both candidates; after a table, the amounts of its
    "Jumlah" row ("Menurut jenis belanja, pagu tersebut terdiri atas ...")."""

    code = "AR111"
    name = "parts-of-previous-amount"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.claims_parse import prose_blocks

        cue = rx("parts_of_previous")
        prev_sent = ""
        # hard-wrapped lines (text extracted from a PDF) joined into their paragraphs
        for b in prose_blocks(ctx):
            if b.kind not in ("paragraph", "list_item") or not b.text.strip():
                continue
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                before, prev_sent = prev_sent, sent
                if not cue.match(sent):
                    continue
                parts = [n for n in scan_numbers(sent) if n.currency and not n.malformed]
                if len(parts) < 2 or "%" in sent:
                    continue
                totals = [n for n in scan_numbers(before) if n.currency and not n.malformed]
                from_table = _table_totals(ctx, b) if s == 0 else []
                totals += from_table  # "Jumlah | 13.056.615.000 | ..." right above
                if not totals:
                    continue
                total = sum((n.value for n in parts), Decimal(0))
                if any(t.explains(total) for t in totals):
                    continue
                best = min(totals, key=lambda t: abs(t.value - total))
                if best.value <= 0 or abs(best.value - total) > best.value / 10:
                    continue
                last = parts[-1]
                shown = " + ".join(fmt_num(n.value, 0) for n in parts)
                yield self.issue(
                    b, s + last.start, s + last.end,
                    f"rincian {shown} = Rp {fmt_num(total, 0)}, tidak sama dengan jumlah "
                    f"tertulis pada {'baris jumlah tabel di atasnya' if best in from_table else 'kalimat sebelumnya'}"
                    f" Rp {fmt_num(best.value, 0)}",
                    expected=f"Rp {fmt_num(best.value, 0)}",
                )


def _table_totals(ctx: CheckContext, b: Block) -> list[Num]:
    """The amounts of the total rows ("Jumlah", "Total") of a table right before ``b``."""
    from drafter.tables import is_total_label

    for prev in reversed(ctx.document.blocks[max(0, b.index - 3):b.index]):
        if prev.kind == "table":
            out: list[Num] = []
            for row in prev.rows:
                label = next((c.text.strip() for c in row.cells if c.text.strip()), "")
                if is_total_label(label):
                    for c in row.cells:
                        out += [n for n in scan_numbers(c.text) if not n.malformed and n.value >= 1000
                                and not n.percent]
            return out
        if prev.text.strip() and not _page_furniture(prev.text, False):
            return []
    return []


# --------------------------------------------------------------------------- AR112
def _polarity(t: ValueCell | None, r: ValueCell | None, c: ValueCell | None) -> str | None:
    """"neg"/"pos" when the stated capaian fits only one formula; None otherwise."""
    if t is None or r is None or c is None or c.num is None:
        return None
    opts = capaian_options(t, r)
    if opts is None:
        return None
    pos, neg, _f = opts
    p, n = c.num.explains(pos), c.num.explains(neg)
    if p == n:
        return None
    return "pos" if p else "neg"


@register
class PolarityConsistency(Rule):
    """A capaian of an earlier year (or of another table) computed with the other polarity than
    the indicator's capaian in the measurement table: "Kejadian gangguan trantibum: target 26,
    realisasi 17, capaian 65,38" (17/26, as if more were better) next to 120,83 = (2 x 24 -
    19)/24 for the report year.

    An indicator keeps its polarity across years; a capaian computed with the other formula is
    wrong, and comparisons between the years are then meaningless. Reported only when the
    polarity is fixed, by the report's own statement ("indikator susut hasil panen berpolaritas
    negatif") or a duration name, else by the measurement table (its capaian fits one formula
    only), and the other capaian fits the other formula exactly. A lower-is-better name whose
    measurement capaian is computed as realisasi/target leaves the side in doubt: silent."""

    code = "AR112"
    name = "polarity-consistency"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        from drafter.check.polarity import row_declared_negative, row_declared_positive
        from drafter.check.rules.claims import counterpart

        ti = ctx.tables
        for row in ti.rows("3.1", indicators_only=True):
            pol = _polarity(row.values.get("target"), row.values.get("realisasi"),
                            row.values.get("capaian"))
            if row_declared_negative(ctx, row) or rx("duration_name").search(row.name):
                # the report's own statement (or a duration) fixes the polarity; a report-year
                # capaian computed the other way is AR101's defect, not the earlier year's
                pol = "neg"
            elif pol == "pos" and is_negative(row.name) and not row_declared_positive(ctx, row):
                continue  # a lower-is-better name computed as realisasi/target: unsure which is wrong
            if pol is None:
                continue
            for role in ("3.2", "3.3"):
                other = counterpart(ctx, row, role)
                if other is None or other is row:
                    continue
                for key, c in other.values.items():
                    mk = re.fullmatch(r"capaian:(\d{4})", key)
                    if not mk:
                        continue
                    y = mk.group(1)
                    r = other.values.get(f"realisasi:{y}")
                    t = other.values.get(f"target:{y}") or other.values.get("target")
                    got = _polarity(t, r, c)
                    if got is None or got == pol or t is None or r is None or c.num is None:
                        continue
                    tv, rv = value_of(t) or Decimal(0), value_of(r) or Decimal(0)
                    right = (2 * tv - rv) / tv * HUNDRED if pol == "neg" else rv / tv * HUNDRED
                    kind = "negatif" if pol == "neg" else "positif"
                    source = (f"menurut {ti.name('3.1')}" if pol == _polarity(
                        row.values.get("target"), row.values.get("realisasi"),
                        row.values.get("capaian")) else "menurut laporan ini")
                    yield cap_issue(
                        self, c,
                        f"{ti.name(role)}: capaian tahun {y} tertulis {c.text}, dihitung dengan "
                        f"rumus polaritas lain; indikator '{row.name[:60]}' berpolaritas {kind} "
                        f"{source}, jadi capaiannya {fmt_pct(right)}",
                        fmt_pct(right))


# --------------------------------------------------------------------------- AR113
_REMAINDER_RE = re.compile(
    r"\b(?:sisa\s+(?:anggaran|dana|pagu)|anggaran\s+yang\s+tidak\s+(?:terserap|terealisasi)|"
    r"(?:dana|anggaran)\s+yang\s+tidak\s+(?:terpakai|digunakan))\b[^.;]{0,40}?"
    r"\bRp\.?\s*(?P<num>\d{1,3}(?:\.\d{3}){2,}(?:,\d{1,2})?)", re.IGNORECASE)


@register
class BudgetRemainder(Rule):
    """The remaining budget stated in the text differs from pagu minus realisasi: "Sisa
    anggaran sebesar Rp 5.441.222.185" when the budget table's total gives Rp 67.318.450.000 -
    Rp 61.904.227.815 = Rp 5.414.222.185.

    The unspent amount is what the efficiency analysis explains; a remainder that follows from
    no row of the budget tables (total, program, kegiatan) cannot be traced by the reader. Only
    amounts written in full (digits with thousands points) are compared, and only when the
    report has one budget total.
    """

    code = "AR113"
    name = "budget-remainder"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rows = [br for role in ("3.8", "PK", "3.6") for br in ctx.tables.budget(role)]
        totals = [br for br in rows if br.level == "total"
                  and value_of(br.values.get("pagu")) is not None
                  and value_of(br.values.get("realisasi")) is not None]
        if len({(value_of(t.values.get("pagu")), value_of(t.values.get("realisasi")))
                for t in totals}) != 1:
            return
        remainders: set[Decimal] = set()
        for br in rows:
            p, r = value_of(br.values.get("pagu")), value_of(br.values.get("realisasi"))
            if p is not None and r is not None:
                remainders.add(p - r)
            sisa = value_of(br.values.get("sisa"))
            if sisa is not None:
                remainders.add(sisa)  # the text quotes the table's own Sisa column (AR116)
        tot = totals[0]
        pagu, real = value_of(tot.values.get("pagu")), value_of(tot.values.get("realisasi"))
        assert pagu is not None and real is not None
        for b in prose_units(ctx):
            if "Rp" not in b.text and "rp" not in b.text.lower():
                continue
            for m in _REMAINDER_RE.finditer(b.text):
                stated = parse_number(m.group("num"))
                if stated is None or stated.malformed or any(stated.explains(v) for v in remainders):
                    continue
                expected = pagu - real
                yield self.issue(
                    b, m.start("num"), m.end("num"),
                    f"sisa anggaran tertulis Rp {m.group('num')}, padahal pagu Rp "
                    f"{fmt_num(pagu, 0)} dikurangi realisasi Rp {fmt_num(real, 0)} = Rp "
                    f"{fmt_num(expected, 0)} ({ctx.tables.name(tot.role)})",
                    expected=f"Rp {fmt_num(expected, 0)}",
                )


_TARGET_COL = re.compile(r"\btarget\b", re.IGNORECASE)
_REAL_COL = re.compile(r"\brealisasi\b", re.IGNORECASE)
_PCT_COL = re.compile(r"\b(?:capaian|persentase)\b|^\W*%\W*$|\(\s*%\s*\)", re.IGNORECASE)


@register
class BreakdownCapaian(Rule):
    """A capaian in a table that is not one of the measurement tables (a breakdown of an
    indicator per jenis pajak, per puskesmas, per kelurahan ...) that no usual formula gives:
    "Pajak Parkir | 6,00 | 5,30 | 83,33" when realisasi/target x 100 = 88,33.

    The measurement tables are held to AR101; a supporting table with its own Target,
    Realisasi and Capaian (%) columns is read the same way, but with no polarity known: a
    capaian is accepted when realisasi/target, target/realisasi or (2 x target - realisasi)/
    target (x 100) gives it after rounding, or when it is a round cap (100, 110, 120 ...) under
    a higher result. Only the other cases, where every formula disagrees, are reported.
    """

    code = "AR114"
    name = "breakdown-capaian"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for info in ctx.tables.info.values():
            if info.role is not None:
                continue  # Tabel 3.1, 3.3, 3.6 ...: AR101, AR102
            cols = self._columns(info.labels)
            if cols is None:
                continue
            tc, rc, cc = cols
            name = caption_number(info.block.caption) or "Tabel"
            for ri, row in enumerate(info.block.rows):
                if ri in info.header_rows:
                    continue
                cells = {c.col: c for c in row.cells}
                if not all(k in cells for k in cols):
                    continue
                t, r, c = (parse_number(cells[k].text.strip()) for k in cols)
                if t is None or r is None or c is None or t.malformed or r.malformed or c.malformed \
                        or t.value <= 0 or r.value < 0 or c.value < 0:
                    continue
                if capaian_fits_any(c, t.value, r.value):
                    continue
                tv, rv = t.value, r.value
                want = fmt_num(round_half_up(rv / tv * HUNDRED, c.decimals), c.decimals)
                cell = cells[cc]
                label = next((x.text.strip() for x in row.cells if re.search(r"[A-Za-z]{3}", x.text)), "")
                yield self.issue(
                    cell, 0, len(cell.text),
                    f"{name}: capaian {label[:50]!r} tertulis {cell.text.strip()}, padahal realisasi/"
                    f"target = {show(rv)}/{show(tv)} x 100 = {want} (rumus negatif pun tidak "
                    f"menghasilkan {cell.text.strip()})",
                    expected=want,
                )

    @staticmethod
    def _columns(labels: dict[int, str]) -> tuple[int, int, int] | None:
        """(target, realisasi, capaian) columns when each is one column with a plain label."""
        t = [c for c, lab in labels.items() if _TARGET_COL.search(lab) and not _REAL_COL.search(lab)
             and not _PCT_COL.search(lab)]
        r = [c for c, lab in labels.items() if _REAL_COL.search(lab) and not _TARGET_COL.search(lab)
             and not _PCT_COL.search(lab)]
        p = [c for c, lab in labels.items() if _PCT_COL.search(lab) and not re.search(
            r"\b(?:serapan|penyerapan|bobot|kontribusi|proporsi|pertumbuhan|kenaikan)\b", lab, re.IGNORECASE)]
        if len(t) != 1 or len(r) != 1 or len(p) != 1 or p[0] < max(t[0], r[0]):
            return None
        return t[0], r[0], p[0]


_CHANGE_COL = re.compile(r"\b(?:perubahan|selisih|kenaikan|penurunan|naik\s*/\s*turun|deviasi)\b", re.IGNORECASE)
_YEAR_IN = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_CHANGE_CELL = re.compile(r"^\s*(?P<word>naik|turun|meningkat|menurun|bertambah|berkurang|\+|-|–|−)?\s*"
                          r"(?P<num>\d[\d.,]*)\s*(?P<pct>%|persen)?\s*(?P<tail>[A-Za-z ()]*)$", re.IGNORECASE)


@register
class ChangeColumn(Rule):
    """A change column that does not follow from the two year columns it compares: "Perubahan
    2022-2023 | naik 8.460" when 158.460 - 149.820 = 8.640 (a rise or a fall written the wrong
    way, or a wrong difference).

    A comparison table often adds the change between two years; it is copied into the
    narrative and read before the figures. The column is read when its header names the two
    years and the table has one column for each; a percentage is the change relative to the
    first year (or, for a figure that is itself a percentage, the difference in points). Cells
    that are not a plain change ("naik 8.460", "+2,5", "-3,1%", "turun 6.200") are left alone.
    """

    code = "AR115"
    name = "change-column"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for info in ctx.tables.info.values():
            cols = self._columns(info.labels)
            if cols is None:
                continue
            c1, c2, cc, y1, y2 = cols
            name = caption_number(info.block.caption) or "Tabel"
            for ri, row in enumerate(info.block.rows):
                if ri in info.header_rows:
                    continue
                cells = {c.col: c for c in row.cells}
                if not all(k in cells for k in (c1, c2, cc)):
                    continue
                a, b = parse_number(cells[c1].text.strip()), parse_number(cells[c2].text.strip())
                cm = _CHANGE_CELL.match(cells[cc].text)
                if a is None or b is None or a.malformed or b.malformed or cm is None:
                    continue
                stated = parse_number(cm.group("num"))
                if stated is None or stated.malformed:
                    continue
                word = (cm.group("word") or "").lower()
                down = word in ("turun", "menurun", "berkurang", "-", "–", "−")
                up = word in ("naik", "meningkat", "bertambah", "+")
                diff = points = b.value - a.value
                if cm.group("pct"):
                    if a.value == 0:
                        continue
                    diff = diff / a.value * HUNDRED  # relative; "+5%" of a percentage may be points
                ok_mag = stated.explains(abs(diff), slack=Decimal("0.011") if cm.group("pct") else 0) or \
                    (bool(cm.group("pct")) and stated.explains(abs(points)))
                ok_dir = (up and diff > 0) or (down and diff < 0) or (not up and not down) or diff == 0
                if ok_mag and ok_dir:
                    continue
                want_word = "naik" if diff > 0 else "turun" if diff < 0 else "tetap"
                want = fmt_num(round_half_up(abs(diff), stated.decimals), stated.decimals) + \
                    ("%" if cm.group("pct") else "")
                label = next((x.text.strip() for x in row.cells if re.search(r"[A-Za-z]{3}", x.text)), "")
                cell = cells[cc]
                yield self.issue(
                    cell, 0, len(cell.text),
                    f"{name}: perubahan {label[:50]!r} {y1}-{y2} tertulis '{cell.text.strip()}', padahal "
                    f"{fmt_num(b.value)} - {fmt_num(a.value)} = {want_word} {want}",
                    expected=f"{want_word} {want}",
                )

    @staticmethod
    def _columns(labels: dict[int, str]) -> tuple[int, int, int, int, int] | None:
        """(column of year 1, column of year 2, change column, year 1, year 2)."""
        for cc, lab in labels.items():
            if not _CHANGE_COL.search(lab):
                continue
            ys = [int(y) for y in _YEAR_IN.findall(lab)]
            if len(ys) != 2 or ys[0] >= ys[1]:
                continue
            by_year: dict[int, list[int]] = {}
            for c, other in labels.items():
                if c == cc or _CHANGE_COL.search(other) or re.search(r"\btarget\b", other, re.I):
                    continue
                found = _YEAR_IN.findall(other)
                if len(found) == 1:
                    by_year.setdefault(int(found[0]), []).append(c)
            c1, c2 = by_year.get(ys[0], []), by_year.get(ys[1], [])
            if len(c1) == 1 and len(c2) == 1:
                return c1[0], c2[0], cc, ys[0], ys[1]
        return None


# --------------------------------------------------------------------------- AR116
@register
class RemainderColumn(Rule):
    """A "Sisa" column of a budget table that is not pagu minus realisasi of its row: "Pagu
    186.000.000 | Realisasi 181.560.000 | Sisa 4.400.000" when the difference is 4.440.000.

    The unspent budget per program is what the efficiency section explains, and a wrong
    remainder also breaks the column's total. The column is read only when at least two rows
    of the table give pagu - realisasi exactly (so the column means that), and only amounts
    written in full are compared.
    """

    code = "AR116"
    name = "remainder-column"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        ti = ctx.tables
        by_table: dict[int, list[tuple[BudgetRow, Decimal, Decimal, ValueCell]]] = {}
        fixed: dict[int, tuple[Decimal, Decimal]] = {}  # id(row) -> amounts by its children
        for role in ("3.8", "PK", "3.6"):
            sums = {k: kid_sums(ti.budget(role), k) for k in ("pagu", "realisasi")}
            for br in ti.budget(role):
                f = by_children(br, sums)
                if f is not None:
                    fixed[id(br)] = f
                s = br.values.get("sisa")
                pv, rv = value_of(br.values.get("pagu")), value_of(br.values.get("realisasi"))
                if s is None or s.num is None or s.num.percent or pv is None or rv is None \
                        or pv < 1000:
                    continue
                by_table.setdefault(id(br.table), []).append((br, pv, rv, s))
        for rows in by_table.values():
            ok = [s.num is not None and s.num.explains(abs(pv - rv)) for _, pv, rv, s in rows]
            if sum(ok) < 2 or sum(ok) * 2 <= len(ok):
                continue
            top = [x for x in rows if x[0].level == "program"] or \
                [x for x in rows if x[0].level != "total" and x[0].parent is None]
            parts = sum((s.num.value for _, _, _, s in top if s.num is not None), Decimal(0))
            for (br, pv, rv, s), good in zip(rows, ok, strict=True):
                if good or (br.level == "total" and s.num is not None and s.num.explains(parts)):
                    continue  # a total remainder that adds up: its pagu or realisasi is off (AR103)
                if id(br) in fixed and s.num is not None and \
                        s.num.explains(abs(fixed[id(br)][0] - fixed[id(br)][1])):
                    continue  # an amount does not add up (AR103), the remainder does
                if br.level == "total" and s.num is not None:
                    ps = _parts_sums(ti.budget(br.role), br)
                    if ps is not None and s.num.explains(abs(ps[0] - ps[1])):
                        continue  # the programs' pagu - realisasi: the total's amount is off (AR103)
                diff = pv - rv
                yield cap_issue(
                    self, s,
                    f"{ti.name(br.role)}: sisa {br.name[:50]!r} tertulis {s.text}, padahal pagu "
                    f"{fmt_num(pv, 0)} - realisasi {fmt_num(rv, 0)} = {fmt_num(diff, 0)}",
                    fmt_num(diff, 0))
