"""Count rules (CN1xx): "4 indikator", "5 Program 14 Kegiatan", "17 ASN" versus the tables.

Conservative: a count is compared only when the table it refers to is unambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from drafter.check.claims_parse import clean, count_value, main_rows, pattern, sentences
from drafter.check.fuzzy import normalize, strip_markup
from drafter.check.registry import Issue, Rule, register
from drafter.document.model import Block
from drafter.numbers import parse_number

if TYPE_CHECKING:
    from drafter.check.context import CheckContext





def _summary_chapter(b: Block) -> bool:
    """Counts of the report's own indicators and programs: Ikhtisar, BAB III and BAB IV."""
    return b.chapter in (None, "BAB III", "BAB IV")


class _CNRule(Rule):
    category = "count"
    severity = "error"


def _followed_by_breakdown(ctx: CheckContext, block: Block, end: int) -> bool:
    rest = block.text[end:].strip()
    if not re.match(r"^[^.]{0,80}(?::|antara\s+lain|sebagai\s+berikut|yaitu)\s*$", rest, re.IGNORECASE):
        return False
    return bool(_breakdown(ctx, block))


def _breakdown(ctx: CheckContext, block: Block) -> list[tuple[Block, re.Match[str]]]:
    """The "K indikator ..." items that follow a count announced at the end of ``block``."""
    items: list[tuple[Block, re.Match[str]]] = []
    pat = pattern("breakdown_item")
    for b in ctx.document.blocks[block.index + 1: block.index + 25]:
        if b.kind == "table":
            break
        text = clean(b.text)
        m = pat.match(text)
        if m:
            m2 = pat.match(b.text.lstrip("#*-_ \t")) or m
            items.append((b, m2))
            continue
        if re.search(r"\d+\s*\(?\s*[a-z]*\s*\)?\s*indi[ck]ator[^.]*:\s*$", text, re.IGNORECASE):
            break  # the next announcement
        if b.kind == "paragraph" and len(text) > 220:
            break
    return items


@register
class IndicatorCount(_CNRule):
    """The number of indicators or sasaran stated in the text ("4 indikator sasaran", "2
    sasaran") differs from the rows of Tabel 3.1 (or of the PK).

    A wrong count shows the text was written for another set of indicators."""

    code = "CN101"
    name = "indicator-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rows = main_rows(ctx)
        if not rows:
            return
        n_ind = len(rows)
        sas = [normalize(r.sasaran) for r in rows if r.sasaran]
        n_sas = len(set(sas)) if len(sas) == len(rows) else None
        src = ctx.tables.name(rows[0].role)
        ctxt = pattern("count_context")
        for b in ctx.document.prose():
            if not _summary_chapter(b):
                continue
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                if not ctxt.search(sent) or pattern("helpers", "other_set").search(sent):
                    continue
                if pattern("status_count_above").search(sent):
                    continue
                for kind, expected in (("indikator", n_ind), ("sasaran", n_sas)):
                    if expected is None:
                        continue
                    for m in pattern("count_items", kind).finditer(sent):
                        n = count_value(m.group("n"))
                        if n == expected or n > 60:
                            continue
                        after = sent[m.end():]
                        if pattern("helpers", "not_total").match(after):
                            continue
                        if kind == "indikator" and re.match(r"\s*(?:program|kegiatan)", after, re.I):
                            continue
                        if _followed_by_breakdown(ctx, b, s + m.end()):
                            continue
                        yield self.issue(b, s + m.start(), s + m.end(),
                                         f"tertulis {n} {kind}, padahal {src} memuat {expected} {kind}",
                                         expected=f"{expected} {kind}")


def _level(name: str) -> str | None:
    t = strip_markup(name).strip().lower()
    t = re.sub(r"^\W*(?:\d+\.?|[ivx]+\.?)?\s*", "", t)
    if re.match(r"sub\s*-?\s*kegiatan\b", t):
        return "sub_kegiatan"
    if re.match(r"kegiatan\b", t):
        return "kegiatan"
    if re.match(r"program\b", t):
        return "program"
    return None


@register
class ProgramCount(_CNRule):
    """The number of programs, kegiatan and sub kegiatan stated in the text ("5 Program 14
    Kegiatan dan 27 Sub Kegiatan") differs from the rows of Tabel 3.8.

    The count introduces Tabel 3.8; it must describe the table that follows."""

    code = "CN102"
    name = "program-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rows = ctx.tables.budget("3.8")
        counts: Counter[str] = Counter()
        for r in rows:
            lv = _level(r.name) or (r.level if r.level in ("program", "kegiatan", "sub_kegiatan") else None)
            if lv:
                counts[lv] += 1
        if not counts.get("program"):
            return
        names = {"program": "program", "kegiatan": "kegiatan", "sub_kegiatan": "sub kegiatan"}
        for b in ctx.document.prose():
            if not _summary_chapter(b):
                continue
            text = b.text
            for s, e in sentences(text):
                sent = text[s:e]
                if pattern("helpers", "other_set").search(sent):
                    continue
                hits = []
                for kind in ("program", "sub_kegiatan", "kegiatan"):
                    for m in pattern("count_items", kind).finditer(sent):
                        if kind == "kegiatan" and re.search(r"sub\s*[-\s]?$", sent[: m.start("n") + 1][-8:].replace(
                                m.group("n"), ""), re.IGNORECASE):
                            continue
                        hits.append((kind, m))
                kinds = {k for k, _ in hits}
                if len(kinds) < 2 and not re.search(r"\b(?:didukung|mendanai)\b", sent, re.IGNORECASE):
                    continue
                # sub kegiatan matches also contain "kegiatan": drop kegiatan hits inside them
                subs = [(m.start(), m.end()) for k, m in hits if k == "sub_kegiatan"]
                wrong = []
                for kind, m in hits:
                    if kind == "kegiatan" and any(a <= m.start("n") < z for a, z in subs):
                        continue
                    n = count_value(m.group("n"))
                    exp = counts.get(kind, 0)
                    if exp and n != exp:
                        wrong.append((kind, m, n, exp))
                if not wrong:
                    continue
                wrong.sort(key=lambda w: w[1].start())
                detail = ", ".join(f"{n} {names[k]} (tabel: {x})" for k, _, n, x in wrong)
                m0 = wrong[0][1]
                m1 = wrong[-1][1]
                yield self.issue(b, s + m0.start(), s + m1.end(),
                                 f"jumlah tidak sesuai Tabel 3.8: {detail}",
                                 expected=", ".join(f"{counts[k]} {names[k]}" for k in
                                                    ("program", "kegiatan", "sub_kegiatan") if counts.get(k)))


@register
class BreakdownSum(_CNRule):
    """A count announced with a breakdown ("3 indikator sasaran, dengan capaian: 2 indikator ...
    Baik, 1 indikator ... Kurang, 2 indikator ...", "berjumlah 22 orang dengan rincian 7 pejabat
    struktural dan 15 pelaksana") is not the sum of its parts.

    The parts and the total are read together; they must add up."""

    code = "CN103"
    name = "breakdown-sum"

    _ANNOUNCE = re.compile(r"\b(?P<n>\d+)\s*(?:\(\s*[a-z ]+\s*\)\s*)?indi[ck]ator\b[^.]{0,80}?"
                           r"(?::|antara\s+lain|sebagai\s+berikut|adalah)\s*:?\s*$", re.IGNORECASE)

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for b in ctx.document.prose():
            text = b.text.rstrip()
            m = self._ANNOUNCE.search(text)
            if m:
                items = _breakdown(ctx, b)
                if len(items) >= 2:
                    total = sum(int(mm.group("n")) for _, mm in items)
                    n = int(m.group("n"))
                    if total != n:
                        parts = " + ".join(mm.group("n") for _, mm in items)
                        yield self.issue(b, m.start("n"), m.end("n"),
                                         f"tertulis {n} indikator, padahal rinciannya {parts} = {total}",
                                         expected=str(total))
            for mb in pattern("staff_breakdown").finditer(b.text):
                parts = [int(x.group("n")) for x in pattern("staff_part").finditer(mb.group("rest"))]
                if len(parts) >= 2 and sum(parts) != int(mb.group("n")):
                    yield self.issue(b, mb.start("n"), mb.end("n"),
                                     f"tertulis {mb.group('n')} orang, padahal rinciannya "
                                     f"{' + '.join(map(str, parts))} = {sum(parts)}",
                                     expected=str(sum(parts)))


def _caption(ctx: CheckContext, table: Block) -> str:
    parts = [table.caption or ""]
    for b in reversed(ctx.document.blocks[max(0, table.index - 4): table.index]):
        if b.kind == "table":
            break
        parts.append(b.text)
    return " ".join(parts)


def _int(text: str) -> int | None:
    t = re.sub(r"<[^>]{0,20}>|\*", "", text).strip()
    n = parse_number(t) if t else None
    if n is None or n.percent or n.currency or n.value != n.value.to_integral() or n.value < 0:
        return None
    return int(n.value)


def staff_tables(ctx: CheckContext) -> tuple[list[int], list[int], list[int]]:
    """ASN totals, non-ASN totals and grand totals read from the staff tables of the report."""
    asn: list[int] = []
    non: list[int] = []
    grand: list[int] = []
    for t in ctx.document.tables():
        cap = _caption(ctx, t).lower()
        if not re.search(r"\b(?:asn|pns|pegawai)\b", cap) or ctx.tables.role_of(t):
            continue
        header = next((r for r in t.rows if any(re.fullmatch(r"\W*jumlah\W*", strip_markup(c.text).strip(),
                                                             re.I) for c in r.cells)), None)
        if header is None:
            continue
        jcol = next(c.col for c in header.cells
                    if re.fullmatch(r"\W*jumlah\W*", strip_markup(c.text).strip(), re.I))
        by_kind: Counter[str] = Counter()
        body_sum = 0
        total: int | None = None
        # column layout: "PNS | PPPK | Non ASN | Jumlah"
        kind_cols: dict[int, str] = {}
        for c in header.cells:
            lab = strip_markup(c.text).strip().lower()
            if re.fullmatch(r"non\s*-?\s*asn|non\s*pns|honorer|tenaga\s+kontrak|ptt", lab):
                kind_cols[c.col] = "non"
            elif re.fullmatch(r"asn|pns|pppk", lab):
                kind_cols[c.col] = "asn"
        for r in t.rows:
            if r is header:
                continue
            texts = [strip_markup(c.text).strip() for c in r.cells]
            if any(re.fullmatch(r"jumlah|total", x, re.I) for x in texts):
                vals = [v for v in (_int(c.text) for c in r.cells) if v is not None]
                if vals:
                    total = vals[-1]
                continue
            for c in r.cells:
                if c.col in kind_cols:
                    kv = _int(c.text)
                    if kv is not None:
                        by_kind[kind_cols[c.col]] += kv
            cell = next((c for c in r.cells if c.col == jcol), None)
            v = _int(cell.text) if cell is not None else None
            if v is None:
                continue
            body_sum += v
            if kind_cols:
                continue
            low = [x.lower() for x in texts]
            if any(re.fullmatch(r"non\s*-?\s*asn|non\s*pns|honorer", x) for x in low):
                by_kind["non"] += v
            elif any(re.fullmatch(r"asn|pns", x) for x in low):
                by_kind["asn"] += v
        tot = total if total is not None else body_sum
        if by_kind:
            asn.append(by_kind["asn"])
            non.append(by_kind["non"])
            grand.append(tot)
        elif "non asn" in cap or "non-asn" in cap:
            grand.append(tot)
        else:
            asn.append(tot)
    return asn, non, grand


@register
class StaffCount(_CNRule):
    """A staff count in the text ("terdiri dari 17 ASN dan 14 Non ASN", "Sumber daya manusia ...
    berjumlah 22 orang") matches none of the staff tables of BAB I (tables with a JUMLAH column
    and ASN / Non ASN rows).

    The staff numbers describe the organisation's capacity; they must agree with its tables."""

    code = "CN104"
    name = "staff-count"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        asn, non, grand = staff_tables(ctx)
        if not asn and not grand:
            return
        for b in ctx.document.prose():
            text = b.text
            for m in pattern("staff_asn").finditer(text):
                sent = next((text[a:z] for a, z in sentences(text) if a <= m.start() < z), "")
                if not pattern("helpers", "staff_context").search(sent):
                    continue
                kind = m.group("kind").lower()
                n = int(m.group("n"))
                pool = non if kind.startswith("non") else asn
                if not pool or n in pool:
                    continue
                exp = Counter(pool).most_common(1)[0][0]
                label = "Non ASN" if kind.startswith("non") else "ASN"
                yield self.issue(b, m.start(), m.end(),
                                 f"tertulis {n} {label}, padahal tabel kepegawaian mencatat {exp} {label}",
                                 expected=f"{exp} {label}")
            for m in pattern("staff_total").finditer(text):
                n = int(m.group("n"))
                pool = asn + grand
                if not pool or n in pool:
                    continue
                exp = Counter(asn or grand).most_common(1)[0][0]
                alt = f" ({max(grand)} orang termasuk non ASN)" if grand and max(grand) != exp else ""
                yield self.issue(b, m.start("n"), m.end("n"),
                                 f"tertulis {n} orang, padahal tabel kepegawaian mencatat {exp} ASN{alt}",
                                 expected=str(exp))


def _unused(x: Decimal) -> Decimal:
    return x
