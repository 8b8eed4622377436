"""Template leftovers: unfilled choice brackets, template instructions, revision notes,
stale boilerplate and placeholders. Patterns and word lists live in rules/leftovers.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import sentence_bounds, units
from drafter.resources import load_yaml

_BRACKET_RE = re.compile(r"\(([^()\n]{1,80})\)")
_OPEN_CHOICE_RE = re.compile(r"\(([^()\n]{1,60}/[^()\n]{0,40})\s*$")  # "(penurunan/kena-" at a line end
_CLOSE_CHOICE_RE = re.compile(r"\s*([^()\n/]{1,40})\)")  # "ikan)" opening the next line


def _data() -> dict[str, Any]:
    return load_yaml("rules", "leftovers.yaml") or {}


def _norm_choice(s: str) -> str:
    s = re.sub(r"[*_]", "", s).replace("-", " ")
    return " ".join(s.lower().split())


@lru_cache(maxsize=1)
def _choice_words() -> frozenset[str]:
    return frozenset(_norm_choice(w) for w in _data().get("choice_words") or [])


@lru_cache(maxsize=1)
def _predicate_words() -> frozenset[str]:
    return frozenset(_norm_choice(w) for w in _data().get("predicate_words") or [])


@dataclass(frozen=True)
class _Pattern:
    rule: str
    regex: re.Pattern[str]
    message: str
    suggestion: str | None
    min_year: int | None
    skip_if_document: re.Pattern[str] | None
    skip_if_sentence: re.Pattern[str] | None
    prose_only: bool
    group: int


@lru_cache(maxsize=1)
def _patterns() -> tuple[_Pattern, ...]:
    out = []
    for p in _data().get("patterns") or []:
        flags = re.MULTILINE | (re.IGNORECASE if p.get("ignore_case", True) else 0)
        skip = p.get("skip_if_document")
        skip_s = p.get("skip_if_sentence")
        out.append(_Pattern(
            rule=p["rule"],
            regex=re.compile(p["regex"], flags),
            message=p["message"],
            suggestion=p.get("suggestion"),
            min_year=p.get("min_year"),
            skip_if_document=re.compile(skip, re.IGNORECASE) if skip else None,
            skip_if_sentence=re.compile(skip_s, re.IGNORECASE) if skip_s else None,
            prose_only=bool(p.get("prose_only")),
            group=int(p.get("group", 0)),
        ))
    return tuple(out)


def _grade_before(text: str, start: int) -> bool:
    codes = {c.upper() for c in _data().get("grade_codes") or []}
    m = re.search(r"([A-Za-z]{1,2})[*\s]*$", text[:start])
    return bool(m and m.group(1) in codes)


class _PatternRule(Rule):
    """Base: report every match of this rule's patterns from rules/leftovers.yaml."""

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        doc = ctx.document
        year = ctx.info.year
        pats = [p for p in _patterns() if p.rule == self.code]
        if not pats:
            return
        full: str | None = None
        active = []
        for p in pats:
            if p.min_year is not None and (year is None or year < p.min_year):
                continue
            if p.skip_if_document is not None:
                if full is None:
                    full = "\n".join(u.text for u, _ in units(doc))
                if p.skip_if_document.search(full):
                    continue
            active.append(p)
        for unit, block, live in ctx.text.scan([p.regex for p in active]):  # units a match can be in
            is_cell = block.kind == "table"
            taken: list[tuple[int, int]] = []  # one issue per stretch of text
            for p in (active[i] for i in live):
                if p.prose_only and is_cell:
                    continue
                for m in p.regex.finditer(unit.text):
                    s, e = m.span(p.group)
                    if p.skip_if_sentence is not None:
                        b0, e0 = sentence_bounds(unit.text, m.start(), m.end())
                        if p.skip_if_sentence.search(unit.text[b0:e0]):
                            continue
                    if e <= s:
                        e = s + 1
                    if any(s < te and ts < e for ts, te in taken):
                        continue
                    taken.append((s, e))
                    yield self.issue(unit, s, e, f"{p.message}: \"{m.group(0).strip()[:80]}\"",
                                     p.suggestion)


@register
class ChoiceBracket(Rule):
    """Unfilled template choices: a bracket that still offers alternatives separated by a slash,
    such as "(penurunan/kenaikan)", "(Baik /Kurang)" or "(*ada/tidak-ada)".

    LKIP templates offer the author a choice; leaving both alternatives in the final report
    means the sentence states nothing, and reviewers read it as an unfinished report.

    Only brackets whose alternatives include a known template choice word (rules/leftovers.yaml
    choice_words) are reported, so abbreviations like "(Anjab/ABK)" are not.
    """

    code = "LO101"
    name = "choice-bracket"
    category = "leftover"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        words = _choice_words()
        for unit, _block, _live in ctx.text.scan([_BRACKET_RE]):  # only units where it can match
            for m in _BRACKET_RE.finditer(unit.text):
                inner = m.group(1)
                if "/" not in inner:
                    continue
                alts = [_norm_choice(a) for a in inner.split("/")]
                alts = [a for a in alts if a]
                if len(alts) < 2 or any(len(a.split()) > 3 for a in alts):
                    continue
                if not any(a in words or any(a.startswith(w) and len(w) >= 5 for w in words)
                           for a in alts):
                    continue
                shown = m.group(0)
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"pilihan templat belum dipilih: {shown}; tulis salah satu kata saja "
                    "sesuai data, tanpa kurung",
                    expected=" atau ".join(a for a in alts),
                )
        yield from self._wrapped(ctx, words)

    def _wrapped(self, ctx: CheckContext, words: set[str]) -> Iterable[Issue]:
        """"(penurunan/kena-" at the end of a line of hard-wrapped text and "ikan)" opening the
        next: the choice read across the line break."""
        blocks = ctx.document.blocks
        for i, b in enumerate(blocks[:-1]):
            if b.kind == "table" or "(" not in b.text:
                continue
            m = _OPEN_CHOICE_RE.search(b.text)
            if m is None:
                continue
            nxt = blocks[i + 1]
            m2 = _CLOSE_CHOICE_RE.match(nxt.text)
            if nxt.kind == "table" or m2 is None:
                continue
            head, tail = m.group(1), m2.group(1)
            inner = head[:-1] + tail if head.endswith("-") else head + " " + tail
            if "/" not in inner:
                continue
            alts = [a for a in (_norm_choice(x) for x in inner.split("/")) if a]
            if len(alts) < 2 or any(len(a.split()) > 3 for a in alts) or not any(
                    a in words or any(a.startswith(w) and len(w) >= 5 for w in words) for a in alts):
                continue
            yield self.issue(
                b, m.start(), len(b.text.rstrip()),
                f"pilihan templat belum dipilih: ({inner}); tulis salah satu kata saja "
                "sesuai data, tanpa kurung",
                expected=" atau ".join(alts),
            )


@register
class SingleChoiceBracket(Rule):
    """A template choice kept in brackets where a plain word belongs: "terdapat (penurunan)",
    "telah tercapai (melampaui) target", "dikategorikan (Baik)", "capaian (jumlah) 3 indikator".

    The author picked an alternative of a template choice but left the brackets, so the
    sentence still reads as a template. Brackets after a grade code ("AA (sangat memuaskan)")
    explain the code and are not reported; nor are abbreviations such as "(IKM)".
    """

    code = "LO102"
    name = "single-choice-bracket"
    category = "leftover"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        words = _choice_words()
        not_single = {_norm_choice(w) for w in _data().get("not_single") or []}
        for unit, block, _live in ctx.text.scan([_BRACKET_RE]):  # only units where it can match
            if block.kind == "table":
                continue
            for m in _BRACKET_RE.finditer(unit.text):
                inner = _norm_choice(m.group(1))
                if "/" in m.group(1) or inner not in words or inner in not_single:
                    continue
                if _grade_before(unit.text, m.start()):
                    continue
                if inner in _predicate_words() and re.search(r"\d[\d.,]*\s*%?[*\s]*$",
                                                             unit.text[: m.start()]):
                    continue
                # "Baik (B)" style legend rows or "(Baik)" alone on a line are labels
                if unit.text.strip() == m.group(0).strip():
                    continue
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"pilihan templat masih dalam kurung: {m.group(0)}; tulis kata "
                    f"\"{inner}\" tanpa kurung (atau hapus bila tidak perlu)",
                    expected=inner,
                )


@register
class TemplateInstruction(_PatternRule):
    """Template instructions left in the report: "(jika ada)", "Catatan : contoh ...",
    "(Nama Perangkat Daerah)", "Foto (1-3 foto ...)", "(Sesuai dengan PK ..., tahun diganti
    ...)", "diisi dengan".

    These sentences are addressed to the author, not the reader; they show that the report was
    not finished and are among the first things a reviewer notices. Patterns:
    rules/leftovers.yaml (rule LO103).
    """

    code = "LO103"
    name = "template-instruction"
    category = "leftover"
    severity = "error"


@register
class RevisionNote(_PatternRule):
    """Revision or reviewer notes left in the report: "CATATAN REVISI: ...", "revisi: ...",
    "TODO".

    A note to the author that survives into the submitted report shows the revision was not
    finished. Patterns: rules/leftovers.yaml (rule LO104).
    """

    code = "LO104"
    name = "revision-note"
    category = "leftover"
    severity = "error"


@register
class StaleBoilerplate(_PatternRule):
    """Stale boilerplate copied from older or foreign reports: COVID-19 phrases ("protokol
    kesehatan", "pandemi") in a report for 2023 or later, "Qanun" (Aceh-only legal term)
    outside Aceh.

    Copied paragraphs that describe another time or region make the report look unreviewed
    and can misstate the legal basis. Patterns: rules/leftovers.yaml (rule LO105).
    """

    code = "LO105"
    name = "stale-boilerplate"
    category = "leftover"
    severity = "warning"


@register
class Placeholder(_PatternRule):
    """Unfilled placeholders: "[...]", "XXX", a run of dots in the middle of a sentence
    ("sebanyak ..... indikator"), a template letter glued to a word ("Gindikator").

    A placeholder means a number or name is missing from the sentence. Patterns:
    rules/leftovers.yaml (rule LO106). Dot leaders of a table of contents are not reported.
    """

    code = "LO106"
    name = "placeholder"
    category = "leftover"
    severity = "error"


_DST_RE = re.compile(r"(?<![\w/])(dst|dsb)\b\.?", re.IGNORECASE)


@register
class DanglingEtc(Rule):
    """A dangling "dst"/"dsb" ("dan seterusnya") in analysis text, e.g. "... cukup ., dst".

    Templates often end an example enumeration with "dst" for the author to continue; in a
    finished report the enumeration must be complete. A "dst" closing a plain list of
    examples ("KTP, KK, dst.") is accepted when the list has at least two items before it.
    """

    code = "LO107"
    name = "dangling-etc"
    category = "leftover"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, block, _live in ctx.text.scan([_DST_RE]):  # only units where it can match
            if block.kind == "table":
                continue
            for m in _DST_RE.finditer(unit.text):
                if not self._dangling(unit.text, m.start()):
                    continue
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"\"{m.group(0)}\" dari templat masih tertinggal: uraian harus dilengkapi, "
                    "bukan diakhiri \"dst\"",
                    expected="uraian lengkap tanpa \"dst\"",
                )

    @staticmethod
    def _dangling(text: str, start: int) -> bool:
        b, _e = sentence_bounds(text, start)
        before = text[max(0, b - 1):start]
        before_stripped = before.rstrip(" ,*")
        # "cukup ., dst" / "... . dst": the enumeration was cut off mid-sentence
        if re.search(r"(?:\s[.,]\s*,?|\.\s*,)\s*$", text[:start]):
            return True
        if not before_stripped.strip(" .,"):
            return True  # "dst" starts its own sentence
        # a short list of examples before it: "meliputi KTP, KK, dst" is fine; a list of the
        # measures a plan will take ("akan dilakukan melalui bimtek, rapat, dst.") is not
        chunk = text[b:start]
        items = [c for c in re.split(r",|\bdan\b", chunk) if c.strip()]
        if len(items) >= 3 and all(len(c.split()) <= 4 for c in items[-2:]) and \
                (_EXAMPLES_RE.search(chunk) or not _PLAN_RE.search(chunk)):
            return False
        return len(chunk) > 60


_EXAMPLES_RE = re.compile(r"\b(?:meliputi|antara\s+lain|seperti|misalnya|contoh(?:nya)?|berupa|yaitu|"
                          r"yakni|di\s*antaranya|termasuk|mencakup)\b", re.IGNORECASE)
_PLAN_RE = re.compile(r"\b(?:akan|direncanakan|upaya|langkah|strategi|melalui)\b", re.IGNORECASE)




_REGION_WORD_RE = re.compile(r"\s*\b(?:kabupaten|kota|provinsi|kab\.)\s", re.IGNORECASE)


@lru_cache(maxsize=1)
def _office_re() -> re.Pattern[str] | None:
    d = _data()
    frames, types = d.get("self_frames") or [], d.get("office_types") or []
    if not frames or not types:
        return None
    type_alt = "|".join(r"\s+".join(map(re.escape, t.split())) for t in sorted(types, key=len, reverse=True))
    # the office's name: capitalised words (or all capitals), joined by "dan"/"serta"/"&"/","
    word = r"(?:[A-Z][\w&'’-]*|dan|serta|&)"
    return re.compile(
        r"(?<![\w-])(?i:" + "|".join(f"(?:{f})" for f in frames) + r")\s+"
        r"(?P<office>(?i:" + type_alt + r")(?![\w-])(?:\s+" + word + r"){0,8})")


@lru_cache(maxsize=1)
def _citation_re() -> re.Pattern[str]:
    alts = _data().get("citation_before") or ["(?!)"]
    return re.compile(r"(?:^|\W)(?:" + "|".join(f"(?:{a})" for a in alts) + r")\s*$", re.IGNORECASE)


def _office_name(text: str) -> str:
    """The name without a trailing region ("Dinas Sosial Kabupaten Kapuas" -> "Dinas Sosial")
    and trailing connectors."""
    m = _REGION_WORD_RE.search(text)
    name = text[:m.start()] if m else text
    name = re.sub(r"(?:\s+(?:dan|serta|&|Tahun|TAHUN))+$", "", name.strip())
    return name.strip()


def _acronyms(name: str) -> list[str]:
    return [w.lower() for w in re.findall(r"\b[A-Z]{2,}[a-z]*\b|\b[A-Z][a-z]+[A-Z]\w*\b", name)
            if not w.isupper() or len(w) <= 8]


def _initials(name: str) -> str:
    return "".join(w[0].lower() for w in re.findall(r"[A-Za-z][\w-]*", name))


def _subseq(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _same_office(a: str, b: str) -> bool:
    """Two office names that may be the same office: the same kind of office with a shared
    distinctive word (or none to tell them apart), or one an acronym of the other ("Dinas PUPR",
    "Dinas Pekerjaan Umum dan Penataan Ruang")."""
    from drafter.check.analyzer import office_words

    if a.isupper() != b.isupper():
        a, b = a.title() if a.isupper() else a, b.title() if b.isupper() else b
    for x, y in ((a, b), (b, a)):
        for ac in _acronyms(x):
            if len(ac) >= 2 and _subseq(re.sub(r"[^a-z]", "", ac), _initials(y)):
                return True
        if any(w.lower() not in y.lower() and not w.isupper() and re.search(r"[a-z][A-Z]", w)
               for w in x.split()):
            return True  # "DisDik"-style contraction: not comparable
    ta, tb = office_words(a), office_words(b)
    kind_a, kind_b = a.split()[0].lower(), b.split()[0].lower()
    if ta & tb:
        return True
    if not ta or not tb:
        return kind_a == kind_b
    return False


@register
class OtherOfficeName(Rule):
    """The report names itself, its Renstra, Renja, PK or IKU with another office's name:
    "Laporan Kinerja Dinas Kesehatan ini disusun ..." in the LKjIP of the Dinas Pendidikan,
    "Renstra Badan Pendapatan Daerah 2021-2026" in the report of the BPBD.

    Such a sentence was copied from another office's report or from a template and never
    adapted; the reader no longer knows whose performance is reported. The office is the one the
    report's title names; a cited document of another office ("sumber: Laporan Kinerja Dinas
    Kesehatan", "... Dinas Kesehatan Provinsi X"), an acronym of the own name ("Dinas PUPR")
    and a name sharing a distinctive word with it ("Dinas Pendidikan" in the report of the
    "Dinas Pendidikan dan Kebudayaan") are not reported.
    """

    code = "LO108"
    name = "other-office-name"
    category = "leftover"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        rx = _office_re()
        own_full = ctx.info.instansi
        if rx is None or not own_full:
            return
        own = _office_name(own_full)
        if not own:
            return
        regions = {w.lower() for r in (ctx.info.regency, ctx.info.province) if r is not None
                   for w in [*re.findall(r"[A-Za-z]+", r.name), re.sub(r"[^A-Za-z]", "", r.name)]}
        for b in ctx.document.blocks[:8]:
            cover = b.kind != "table" and len(b.text) < 120 and not b.text.rstrip().endswith(".")
            for m in rx.finditer(b.text if cover else ""):
                if not _same_office(_office_name(m.group("office")), own):
                    return  # the cover names another office than the one found: identity unclear
        cite = _citation_re()
        full: str | None = None
        for unit, _block, _live in ctx.text.scan([rx]):
            text = unit.text
            for m in rx.finditer(text):
                office = _office_name(m.group("office"))
                if len(office.split()) < 2 or _same_office(office, own):
                    continue
                if cite.search(text[max(0, m.start() - 40):m.start()]):
                    continue  # "sumber: Laporan Kinerja Dinas Kesehatan": another office's document
                after = text[m.start("office") + len(office):]
                reg = re.match(r"\s*,?\s*(?:kabupaten|kota|provinsi|kab\.)\s+([A-Za-z]+)", after, re.IGNORECASE)
                if reg and reg.group(1).lower() not in regions:
                    continue  # an office of another region: the foreign-name rules' concern
                if full is None:
                    full = " ".join(" ".join(u.text.split()) for u, _ in units(ctx.document)).lower()
                n_other = full.count(office.lower())
                if n_other >= 2 and n_other * 2 > full.count(own.lower()):
                    continue  # the report names that office as often as its own: no slip
                s = m.start("office")
                yield self.issue(
                    unit, s, s + len(office),
                    f"laporan menyebut dirinya dengan nama instansi lain: \"{office}\", padahal "
                    f"laporan ini milik {own}; kemungkinan sisa salinan dari laporan atau templat "
                    "instansi lain",
                    expected=own,
                )
