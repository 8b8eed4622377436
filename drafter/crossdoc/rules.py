"""Cross-document rules (category ``cross-document``, codes XD1xx): the LKIP against its
sibling documents given with ``lkip check LKIP --with FILE``. Without siblings they find
nothing. Every issue points at the place in the LKIP and names the place in the sibling (JSON
``related``, SARIF ``relatedLocations``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.crossdoc import compare as cmp
from drafter.crossdoc.issues import CrossIssue, Related, related_at, with_related
from drafter.crossdoc.siblings import Sibling, siblings_for

CATEGORY = "cross-document"
MEASURE_ROLES = ("3.1", "PK", "3.2")  # where the report states its indicators, in that order
IKU_ROLES = ("iku", "PK", "3.1")  # where an SK IKU lists them
PK_ROLES = ("PK", "3.1")


def other_office(ctx: CheckContext, sib: Sibling) -> str | None:
    """The office of ``sib`` when it is not the office of the report (None: the same office,
    or one of the two unknown)."""
    from drafter.check.fuzzy import similarity

    mine, theirs = ctx.info.instansi, sib.ctx.info.instansi
    if mine and theirs and similarity(mine, theirs) < 0.8:
        return theirs
    ka, kb = ctx.info.kabupaten, sib.ctx.info.kabupaten
    if ka and kb and similarity(ka, kb) < 0.8:
        return f"{theirs or sib.label} ({kb})"
    return None


def _of_kind(ctx: CheckContext, kind: str) -> Iterator[Sibling]:
    """The siblings of ``kind`` of the same office (a sibling of another office is reported
    once, by XD109, and not compared figure by figure)."""
    for s in siblings_for(ctx):
        if s.kind == kind and other_office(ctx, s) is None:
            yield s


def _rel(sib: Sibling, unit: object, start: int = 0, end: int | None = None) -> Related:
    rel = related_at(sib.path, sib.label, unit, start, end)  # type: ignore[arg-type]
    pdf = getattr(sib.document, "pdf", None)  # a PDF sibling: its page and line on the page
    page_line = getattr(pdf, "page_line", None)
    if page_line is not None:
        pl = page_line(rel.location.line, rel.location.column)
        if pl is not None:
            from dataclasses import replace

            extra = dict(rel.location.extra or {})
            extra.update({"page": pl[0], "line": pl[1]})
            rel = replace(rel, location=replace(rel.location, extra=extra))
    return rel


class _CrossRule(Rule):
    category = CATEGORY

    def cross(self, unit: object, message: str, related: Related | tuple[Related, ...],
              expected: str | None = None, start: int = 0, end: int | None = None,
              severity: str | None = None) -> CrossIssue:
        text = unit.text  # type: ignore[attr-defined]
        end = len(text) if end is None else end
        issue = self.issue(unit, start, end, message, expected,  # type: ignore[arg-type]
                           severity=severity)  # type: ignore[arg-type]
        return with_related(issue, related)


@register
class IkuIndicatorMissing(_CrossRule):
    """An indicator of the SK IKU (given with ``--with``) that the report does not measure:
    it is absent from Tabel 3.1 (or, without one, from the Perjanjian Kinerja of the report).

    The IKU decree fixes the indicators an office is measured by; an LKIP that leaves one out
    does not account for it, and the evaluator marks the report down. Indicators are paired by
    name, fuzzily (abbreviations, word order and spelling variants allowed).
    """

    code = "XD101"
    name = "iku-indicator-missing"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for sib in _of_kind(ctx, "iku"):
            iku = cmp.indicator_rows(sib.ctx, IKU_ROLES)
            own = cmp.indicator_rows(ctx, MEASURE_ROLES)
            if not iku or not own:
                continue
            _pairs, _own_only, missing = cmp.pair(own, iku)
            at = cmp.anchor_unit(ctx, MEASURE_ROLES)
            table = ctx.tables.name(own[0].role)
            for row in missing:
                rel = _rel(sib, cmp.name_cell(row))
                yield self.cross(
                    at, f"indikator kinerja utama \"{row.name}\" dari {rel.describe()} tidak "
                    f"ada dalam {table}; ukur dan laporkan indikator ini", rel)


@register
class IndicatorNotInIku(_CrossRule):
    """An indicator measured in Tabel 3.1 that the SK IKU (given with ``--with``) does not
    list.

    The indicators of the LKIP must be those of the IKU decree; an indicator outside it either
    belongs to another decree or was renamed beyond recognition. Indicators are paired by name,
    fuzzily.
    """

    code = "XD102"
    name = "indicator-not-in-iku"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for sib in _of_kind(ctx, "iku"):
            iku = cmp.indicator_rows(sib.ctx, IKU_ROLES)
            own = cmp.indicator_rows(ctx, MEASURE_ROLES)
            if not iku or not own:
                continue
            _pairs, extra, _missing = cmp.pair(own, iku)
            rel = _rel(sib, cmp.anchor_unit(sib.ctx, IKU_ROLES))
            for row in extra:
                yield self.cross(
                    cmp.name_cell(row), f"indikator \"{row.name}\" tidak tercantum dalam "
                    f"{rel.describe()}; gunakan indikator sesuai SK IKU", rel)


@register
class IndicatorNameDiffersFromIku(_CrossRule):
    """An indicator named differently from the SK IKU (given with ``--with``): in Tabel 3.1 or
    in the IKU table the report reprints, the name has words the decree does not have, or lacks
    some of its words.

    The name of an indicator is part of what the decree fixes; a different wording makes the
    reader wonder whether the same thing was measured. Case, punctuation, abbreviations (IKM)
    and spelling variants do not count as a difference.
    """

    code = "XD103"
    name = "indicator-name-differs-from-iku"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for sib in _of_kind(ctx, "iku"):
            iku = cmp.indicator_rows(sib.ctx, IKU_ROLES)
            if not iku:
                continue
            for roles in (MEASURE_ROLES, ("iku",)):
                own = cmp.indicator_rows(ctx, roles)
                pairs, _a, _b = cmp.pair(own, iku)
                for mine, theirs in pairs:
                    if cmp.same_wording(mine.name, theirs.name):
                        continue
                    rel = _rel(sib, cmp.name_cell(theirs))
                    yield self.cross(
                        cmp.name_cell(mine), f"nama indikator \"{mine.name}\" "
                        f"({ctx.tables.name(mine.role)}) berbeda dengan {rel.describe()}: "
                        f"\"{theirs.name}\"; gunakan nama sesuai SK IKU", rel,
                        expected=theirs.name)


@register
class FormulaDiffersFromIku(_CrossRule):
    """A formula in the IKU table of the report that differs from the formula of the same
    indicator in the SK IKU (given with ``--with``): another numerator or denominator.

    The formula decides what the realisasi means; a report that computes it differently from
    the decree measures something else. The fractions of both cells are compared word by
    word (a LaTeX fraction, or "A dibagi B").
    """

    code = "XD104"
    name = "formula-differs-from-iku"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        # every print of the report's IKU table (BAB II and the lampiran): the first print is
        # judged, a later one only where its formula differs from the first's
        prints: dict[int, list[Any]] = {}
        for r in ctx.tables.rows("iku", indicators_only=True, copies=True):
            prints.setdefault(id(r.original or r), []).append(r)
        for sib in _of_kind(ctx, "iku"):
            iku = cmp.indicator_rows(sib.ctx, ("iku",))
            own = cmp.indicator_rows(ctx, ("iku",))
            pairs, _a, _b = cmp.pair(own, iku)
            for mine, theirs in pairs:
                tc = cmp.text_column(sib.ctx, theirs, "formula")
                if tc is None:
                    continue
                tf = cmp.formula_parts(tc.text)
                if tf is None:
                    continue
                cells = [c for r in prints.get(id(mine), [mine])
                         if (c := cmp.text_column(ctx, r, "formula")) is not None]
                cells.sort(key=lambda c: c.position(0))
                first: tuple[str, str] | None = None
                for mc in cells:
                    mf = cmp.formula_parts(mc.text)
                    if mf is None:
                        continue
                    if first is not None and cmp.same_wording(mf[0], first[0]) and \
                            cmp.same_wording(mf[1], first[1]):
                        continue  # the same formula printed again: said once
                    first = first if first is not None else mf
                    for part, a, b in (("pembilang", mf[0], tf[0]), ("penyebut", mf[1], tf[1])):
                        if cmp.same_wording(a, b):
                            continue
                        rel = _rel(sib, tc)
                        yield self.cross(
                            mc, f"rumus indikator \"{mine.name}\" berbeda dengan {rel.describe()}: "
                            f"{part} \"{' '.join(a.split())}\" seharusnya \"{' '.join(b.split())}\"",
                            rel, expected=" ".join(b.split()))


@register
class TargetDiffersFromPk(_CrossRule):
    """A target in Tabel 3.1 (or in the Perjanjian Kinerja table the report reprints) that
    differs from the target of the same indicator in the Perjanjian Kinerja given with
    ``--with``.

    The LKIP reports against the targets the head of the office signed in the PK; a different
    target in the measurement table changes every capaian computed from it.
    """

    code = "XD105"
    name = "target-differs-from-pk"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for sib in _of_kind(ctx, "pk"):
            pk = cmp.indicator_rows(sib.ctx, PK_ROLES)
            pairs = []
            for role in ("3.1", "PK"):  # the measurement, and the PK the report reprints
                pairs += cmp.pair(cmp.indicator_rows(ctx, (role,)), pk)[0]
            for mine, theirs in pairs:
                a, b = mine.get("target"), theirs.get("target")
                if a is None or b is None or cmp.same_value(cmp.value_of(a), cmp.value_of(b)):
                    continue
                rel = _rel(sib, b.cell)
                yield self.cross(
                    a.cell, f"target indikator \"{mine.name}\" {cmp.shown(a)} "
                    f"({ctx.tables.name(mine.role)}) berbeda dengan target pada {rel.describe()}: "
                    f"{cmp.shown(b)}", rel, expected=cmp.shown(b), start=a.span()[0],
                    end=a.span()[1])


def _prev_year(sib: Sibling) -> int | None:
    return sib.ctx.info.year


@register
class PreviousYearFigureDiffers(_CrossRule):
    """A figure of an earlier year in the comparison table (Tabel 3.2) that differs from the
    same figure in last year's LKIP (given with ``--with``): the target or realisasi of that
    year against last year's Tabel 3.1, and of the years before against last year's Tabel 3.2.

    A realisasi, once reported, does not change; a different figure in the next report is a
    typing error or a silent correction that must be explained.
    """

    code = "XD106"
    name = "previous-year-figure-differs"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for sib in _of_kind(ctx, "lkip"):
            year = _prev_year(sib)
            own = cmp.indicator_rows(ctx, ("3.2",))
            if year is None or not own:
                continue
            sources = [("3.1", {f"target:{year}": "target", f"realisasi:{year}": "realisasi"}),
                       ("3.2", None)]
            for role, keys in sources:
                theirs_rows = cmp.indicator_rows(sib.ctx, (role,))
                pairs, _a, _b = cmp.pair(own, theirs_rows)
                for mine, theirs in pairs:
                    yield from self._compare(ctx, sib, mine, theirs, role, year, keys)

    def _compare(self, ctx: CheckContext, sib: Sibling, mine: object, theirs: object, role: str,
                 year: int, keys: dict[str, str] | None) -> Iterator[Issue]:
        mvals = mine.values  # type: ignore[attr-defined]
        tvals = theirs.values  # type: ignore[attr-defined]
        if keys is None:  # earlier years: the same keys in both comparison tables
            keys = {k: k for k in mvals if ":" in k and int(k.split(":")[1]) < year}
        for mk, tk in sorted(keys.items()):
            a, b = mvals.get(mk), tvals.get(tk)
            if a is None or b is None or cmp.same_value(cmp.value_of(a), cmp.value_of(b)):
                continue
            what, _, yr = mk.partition(":")
            rel = _rel(sib, b.cell)
            yield self.cross(
                a.cell, f"{what} {yr} indikator \"{mine.name}\" {cmp.shown(a)} "  # type: ignore[attr-defined]
                f"({ctx.tables.name('3.2')}) berbeda dengan {sib.ctx.tables.name(role)} pada "
                f"{rel.describe()}: {cmp.shown(b)}", rel, expected=cmp.shown(b),
                start=a.span()[0], end=a.span()[1])


@register
class IndicatorChangedSincePrevious(_CrossRule):
    """An indicator of last year's LKIP (given with ``--with``) that this year's Tabel 3.1
    names differently, or no longer measures.

    Indicators are set for the whole Renstra period; a renamed or dropped indicator breaks the
    comparison between years and must rest on a revised Renstra or IKU decree.
    """

    code = "XD107"
    name = "indicator-changed-since-previous"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for sib in _of_kind(ctx, "lkip"):
            theirs_rows = cmp.indicator_rows(sib.ctx, MEASURE_ROLES)
            own = cmp.indicator_rows(ctx, MEASURE_ROLES)
            if not theirs_rows or not own:
                continue
            pairs, _extra, dropped = cmp.pair(own, theirs_rows)
            for mine, theirs in pairs:
                if cmp.same_wording(mine.name, theirs.name):
                    continue
                rel = _rel(sib, cmp.name_cell(theirs))
                yield self.cross(
                    cmp.name_cell(mine), f"nama indikator \"{mine.name}\" berbeda dengan "
                    f"{rel.describe()}: \"{theirs.name}\"; samakan namanya atau jelaskan "
                    "perubahannya", rel, expected=theirs.name)
            at = cmp.anchor_unit(ctx, MEASURE_ROLES)
            for theirs in dropped:
                rel = _rel(sib, cmp.name_cell(theirs))
                yield self.cross(
                    at, f"indikator \"{theirs.name}\" pada {rel.describe()} tidak lagi diukur "
                    "tahun ini; jelaskan dasar perubahannya", rel, severity="info")


@register
class RenstraTargetDiffers(_CrossRule):
    """A Renstra target that differs between this LKIP and last year's (given with
    ``--with``): the target of one year in the Renstra matrix, or the end-of-period target of
    Tabel 3.3 for the same end year.

    The Renstra fixes its targets for five years; two reports of the same period quoting two
    different targets mean one of them is wrong (or the Renstra was revised, which the report
    must say).
    """

    code = "XD108"
    name = "renstra-target-differs"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for sib in _of_kind(ctx, "lkip"):
            yield from self._matrix(ctx, sib)
            yield from self._end_target(ctx, sib)

    def _matrix(self, ctx: CheckContext, sib: Sibling) -> Iterator[Issue]:
        own = cmp.indicator_rows(ctx, ("renstra",))
        theirs_rows = cmp.indicator_rows(sib.ctx, ("renstra",))
        pairs, _a, _b = cmp.pair(own, theirs_rows)
        for mine, theirs in pairs:
            for key in sorted(k for k in mine.values if k.startswith("target:")):
                a, b = mine.values[key], theirs.values.get(key)
                if b is None or cmp.same_value(cmp.value_of(a), cmp.value_of(b)):
                    continue
                rel = _rel(sib, b.cell)
                yield self.cross(
                    a.cell, f"target Renstra {key.split(':')[1]} indikator \"{mine.name}\" "
                    f"{cmp.shown(a)} berbeda dengan {rel.describe()}: {cmp.shown(b)}", rel,
                    expected=cmp.shown(b), start=a.span()[0], end=a.span()[1])

    def _end_year(self, c: CheckContext) -> int | None:
        import re

        blocks = c.tables.by_role.get("3.3") or []
        if not blocks:
            return None
        info = c.tables.info.get(blocks[0].index)
        texts = [info.caption or "", *info.labels.values()] if info is not None else []
        years = [int(y) for t in texts for y in re.findall(r"\b(20\d\d)\b", t)]
        return max(years) if years else None

    def _end_target(self, ctx: CheckContext, sib: Sibling) -> Iterator[Issue]:
        own = cmp.indicator_rows(ctx, ("3.3",))
        theirs_rows = cmp.indicator_rows(sib.ctx, ("3.3",))
        if not own or not theirs_rows:
            return
        ya, yb = self._end_year(ctx), self._end_year(sib.ctx)
        if ya is not None and yb is not None and ya != yb:
            return  # another Renstra period
        pairs, _a, _b = cmp.pair(own, theirs_rows)
        for mine, theirs in pairs:
            a = mine.get("renstra_target") or mine.get("target")
            b = theirs.get("renstra_target") or theirs.get("target")
            if a is None or b is None or cmp.same_value(cmp.value_of(a), cmp.value_of(b)):
                continue
            rel = _rel(sib, b.cell)
            yield self.cross(
                a.cell, f"target akhir Renstra indikator \"{mine.name}\" {cmp.shown(a)} "
                f"({ctx.tables.name('3.3')}) berbeda dengan {rel.describe()}: {cmp.shown(b)}",
                rel, expected=cmp.shown(b), start=a.span()[0], end=a.span()[1])


@register
class SiblingYearDisagrees(_CrossRule):
    """A sibling document (given with ``--with``) of another office, year or decree: a
    document of another instansi, a Perjanjian Kinerja of another year, a "previous" LKIP that is not of an earlier year, an SK IKU set
    after the report year, or an SK IKU whose number is not the one the report cites.

    Each sibling answers for one year: the PK of the report year, the LKIP of the year before,
    the IKU decree in force during the year. A sibling of another year compares the report
    with the wrong document.
    """

    code = "XD109"
    name = "sibling-year"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        if not siblings_for(ctx):
            return
        year = ctx.info.year
        if year is None:
            return
        at = next((b for b in ctx.document.blocks if b.text.strip()), None)
        if at is None:
            return
        for sib in siblings_for(ctx):
            sy = sib.ctx.info.year
            first = next((b for b in sib.document.blocks if b.text.strip()), None)
            if first is None:
                continue
            rel = _rel(sib, first)
            office = other_office(ctx, sib)
            if office is not None:
                yield self.cross(at, f"{rel.describe()} milik {office}, bukan "
                                 f"{ctx.info.instansi or 'instansi laporan ini'}; berikan "
                                 "dokumen instansi ini", rel, severity="error")
                continue
            if sy is None:
                continue
            if sib.kind == "pk" and sy != year:
                yield self.cross(at, f"{rel.describe()} bertahun {sy}, sedangkan laporan ini "
                                 f"tahun {year}; gunakan Perjanjian Kinerja tahun {year}", rel,
                                 expected=str(year), severity="error")
            elif sib.kind == "lkip" and sy > year:
                yield self.cross(at, f"{rel.describe()} bertahun {sy}, sesudah tahun laporan "
                                 f"ini ({year}); berikan LKIP tahun {year - 1}", rel,
                                 expected=str(year - 1), severity="error")
            elif sib.kind == "lkip" and sy < year - 1:
                yield self.cross(at, f"{rel.describe()} bertahun {sy}, bukan tahun sebelumnya "
                                 f"({year - 1})", rel, expected=str(year - 1))
            elif sib.kind == "lkip" and sy == year:
                ctx.notice(f"{sib.name}: LKIP pembanding bertahun sama ({year}); angkanya "
                           "dibandingkan sebagai salinan laporan ini")
            elif sib.kind == "iku":
                yield from self._iku(ctx, sib, year, sy, at)

    def _iku(self, ctx: CheckContext, sib: Sibling, year: int, sy: int,
             at: object) -> Iterator[Issue]:
        from drafter.crossdoc.siblings import title_text

        theirs = cmp.decree_number(title_text(sib.document))
        cited = cmp.iku_citation(ctx)
        if theirs and cited and cmp.norm_number(theirs) != cmp.norm_number(cited[3]):
            unit, s, e, num = cited
            src = next((b for b in sib.document.blocks if theirs in b.text), None)
            rel = _rel(sib, src, src.text.index(theirs), src.text.index(theirs) + len(theirs)) \
                if src is not None else _rel(sib, at)
            yield self.cross(unit, f"laporan ini mengacu pada Keputusan IKU Nomor {num}, "
                             f"sedangkan {rel.describe()} bernomor {theirs} (tahun {sy})", rel,
                             expected=theirs, start=s, end=e)
        elif sy > year:
            first = next(b for b in sib.document.blocks if b.text.strip())
            rel = _rel(sib, first)
            yield self.cross(at, f"{rel.describe()} ditetapkan tahun {sy}, sesudah tahun laporan "
                             f"ini ({year}); gunakan SK IKU yang berlaku pada tahun {year}", rel)


@register
class SignatoryDiffers(_CrossRule):
    """The head of the office who signs the report differs from the one who signs a sibling
    (given with ``--with``): another person signs the Perjanjian Kinerja of the same year or
    last year's LKIP, or the same name carries another NIP.

    The PK and the LKIP of one year bind the same official; a different signatory (or NIP)
    is a copying error unless the head changed during the year, which the report should say.
    Names are compared as the people rules do (titles, initials and spelling variants
    allowed); an 18-digit NIP decides when both documents give one.
    """

    code = "XD110"
    name = "signatory-differs"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        siblings = siblings_for(ctx)
        mine = cmp.head_signature(ctx) if siblings else None
        if mine is None:
            return
        for sib in siblings:
            if other_office(ctx, sib) is not None:
                continue
            theirs = cmp.head_signature(sib.ctx)
            if theirs is None or cmp.same_signatory(mine, theirs):
                continue
            rel = _rel(sib, theirs.unit, theirs.start, theirs.end)
            sev = "info" if sib.kind == "iku" else None
            yield self.cross(
                mine.unit, f"penanda tangan laporan {mine.name}{cmp.nip_text(mine)} berbeda "
                f"dengan penanda tangan {rel.describe()}: {theirs.name}{cmp.nip_text(theirs)}; "
                "pastikan nama dan NIP pejabatnya benar", rel,
                expected=f"{theirs.name}{cmp.nip_text(theirs)}", start=mine.start, end=mine.end,
                severity=sev)
