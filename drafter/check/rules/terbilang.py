"""Terbilang: amounts and counts written in digits and again in words must agree, and the
words must be a well-formed Indonesian number."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import levenshtein, per_document, units
from drafter.document.model import Block, Document, TextUnit
from drafter.fix.offers import terbilang_fix
from drafter.numbers import fmt_num, parse_number, terbilang
from drafter.text.layer import words as layer_words
from drafter.text.prefilter import filtered_finditer

_UNITS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
          "tujuh": 7, "delapan": 8, "sembilan": 9}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "milliar": 10**9,
           "triliun": 10**12, "trilyun": 10**12, "trilliun": 10**12}
_SE_SCALES = {"seribu": 10**3, "sejuta": 10**6, "semiliar": 10**9, "semilyar": 10**9}
_OTHER = {"nol", "koma", "sepuluh", "sebelas", "seratus", "belas", "puluh", "ratus"}
_VOCAB = frozenset(_UNITS) | frozenset(_SCALES) | frozenset(_SE_SCALES) | _OTHER
# words that may stand around the number words: "... rupiah", "... persen", "terbilang: ..."
_NOISE = frozenset({"rupiah", "rp", "persen", "terbilang", "sebesar", "senilai", "dan", "koma"})


class _Bad(Exception):
    """The words are not a well-formed Indonesian number."""


def _number_words(text: str) -> list[str]:
    """The words of a spelled-out amount (the text layer's words), with the pieces of one
    number word that extraction split joined again."""
    # a word broken across a line by PDF extraction ("sem-\nbilan") is one word
    text = re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", text, flags=re.IGNORECASE)
    toks = layer_words(text, digits=True)
    out: list[str] = []
    for t in toks:
        # "sem bilan", "ri bu": pieces of one number word split by extraction
        if out and t not in _VOCAB and out[-1] not in _VOCAB and out[-1] + t in _VOCAB:
            out[-1] += t
        elif t != "rupiah" and len(t) >= 5 and levenshtein(t, "rupiah", 1) <= 1:
            out.append("rupiah")
        else:
            out.append(t)
    return out


def _below_1000(toks: list[str], i: int) -> tuple[int, int]:
    """Value of a group below 1000 starting at ``toks[i]`` and the index after it."""
    n = len(toks)
    value = 0
    start = i
    if i < n and toks[i] == "seratus":
        value, i = 100, i + 1
    elif i + 1 < n and toks[i] in _UNITS and toks[i + 1] == "ratus":
        value, i = _UNITS[toks[i]] * 100, i + 2
    if i < n:
        t = toks[i]
        nxt = toks[i + 1] if i + 1 < n else ""
        if t == "sepuluh":
            value, i = value + 10, i + 1
        elif t == "sebelas":
            value, i = value + 11, i + 1
        elif t in _UNITS and nxt == "belas":
            if t == "satu":
                raise _Bad
            value, i = value + _UNITS[t] + 10, i + 2
        elif t in _UNITS and nxt == "puluh":
            if t == "satu":
                raise _Bad
            value, i = value + _UNITS[t] * 10, i + 2
            if i < n and toks[i] in _UNITS and not (i + 1 < n and toks[i + 1] in
                                                     ("puluh", "belas", "ratus")):
                value, i = value + _UNITS[toks[i]], i + 1
        elif t in _UNITS and nxt not in ("puluh", "belas", "ratus"):
            value, i = value + _UNITS[t], i + 1
    if i == start:
        raise _Bad
    return value, i


def _integer(toks: list[str]) -> int:
    if toks == ["nol"]:
        return 0
    total = 0
    last_scale = 10**15
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t in _SE_SCALES:
            group, scale, i = 1, _SE_SCALES[t], i + 1
        else:
            group, i = _below_1000(toks, i)
            if i < n and toks[i] in _SCALES:
                scale, i = _SCALES[toks[i]], i + 1
            elif i < n:
                raise _Bad  # "... tujuh puluh empat lima ratus": a scale word is missing
            else:
                scale = 1
        if scale >= last_scale:
            raise _Bad  # scales must descend: "lima ratus juta ribu"
        last_scale = scale
        total += group * scale
    return total


def parse_words(text: str) -> Decimal | None:
    """Strict reader of Indonesian number words: "empat puluh empat juta seratus tujuh puluh
    empat ribu lima ratus" -> 44174500, "delapan puluh delapan koma nol lima" -> 88.05.

    Any case; "rupiah", "persen" and hyphens around the words are ignored; "miliar"/"milyar",
    "seratus"/"satu ratus" and "seribu"/"satu ribu" are accepted. Returns None when the words
    are not a well-formed number (a scale word missing or out of order, "satu puluh", two
    units in a row, an unknown word)."""
    toks = _number_words(text)
    while toks and toks[0] in ("terbilang", "rp"):
        toks = toks[1:]
    while toks and toks[-1] in ("rupiah", "persen"):
        toks = toks[:-1]  # only at the end: "... rupiah juta" is not a number
    if not toks or any(t not in _VOCAB for t in toks):
        return None
    if toks.count("koma") > 1:
        return None
    mult = 1
    if "koma" in toks and toks[-1] in _SCALES:
        mult = _SCALES[toks.pop()]  # "satu koma lima miliar"
    whole, _, frac = (" ".join(toks)).partition("koma")
    try:
        value = Decimal(_integer(whole.split()))
        if frac.strip():
            ftoks = frac.split()
            digits = {"nol": "0", **{k: str(v) for k, v in _UNITS.items()}}
            if all(t in digits for t in ftoks):
                fs = "".join(digits[t] for t in ftoks)
            else:
                fs = str(_integer(ftoks))
            value = Decimal(f"{int(value)}.{fs}")
        elif "koma" in toks:
            return None
    except _Bad:
        return None
    return value * mult


def words_to_number(text: str) -> int | None:
    """Integer value of Indonesian number words (see :func:`parse_words`), None when the words
    are not a well-formed whole number."""
    v = parse_words(text)
    if v is None or v != v.to_integral_value():
        return None
    return int(v)


def _number_like(word: str) -> bool:
    """A number word, a typo of one ("sembilam"), or number words glued ("duapuluh")."""
    if word in _VOCAB:
        return True
    if len(word) >= 5 and any(levenshtein(word, v, 1) <= 1 for v in _VOCAB if len(v) >= 4):
        return True
    return _segment(word) is not None


def _segment(word: str) -> list[str] | None:
    """"duapuluh" -> ["dua", "puluh"] when a word is number words written together."""
    if len(word) < 7 or len(word) > 40:
        return None
    for v in sorted(_VOCAB, key=len, reverse=True):
        if word.startswith(v) and len(word) > len(v):
            rest = word[len(v):]
            if rest in _VOCAB:
                return [v, rest]
            tail = _segment(rest)
            if tail:
                return [v, *tail]
    return None


def _digit_words(fs: str) -> str:
    names = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
    return " ".join(names[int(c)] for c in fs)


def expected_words(value: Decimal, decimals: int, rupiah: bool) -> str:
    """The words for ``value`` as they should be written: "tiga miliar ... rupiah"."""
    whole = terbilang(int(value))
    if decimals:
        fs = f"{value:.{decimals}f}".split(".")[1]
        whole += " koma " + _digit_words(fs)
    return whole + (" rupiah" if rupiah else "")


def _styled(words: str, like: str) -> str:
    """``words`` in the letter case of the original terbilang (Title Case, UPPER or lower);
    Rupiah amounts in Title Case unless written in capitals."""
    letters = [c for c in like if c.isalpha()]
    if words.endswith(" rupiah") and not (letters and all(c.isupper() for c in letters)):
        return " ".join(w.capitalize() for w in words.split())
    if letters and all(c.isupper() for c in letters):
        return words.upper()
    firsts = [w[0] for w in like.split() if w[:1].isalpha()]
    if firsts and sum(c.isupper() for c in firsts) >= max(1, len(firsts) - 1) and len(firsts) > 1:
        return " ".join(w.capitalize() for w in words.split())
    if len(firsts) == 1 and firsts[0].isupper():
        return words.capitalize()
    return words


_NUM = r"\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,3})?|\d+(?:,\d{1,3})?"
_MENTION_RE = re.compile(
    r"(?<![\w.,/-])(?P<rp>(?:Rp\.?|IDR)\s*)?(?P<num>" + _NUM + r")"
    r"(?:\s*(?P<scale>ribu|juta|miliar|milyar|triliun)\b)?(?:,-|,00,?-?|\.-)?(?:\s*%|\s+persen\b)?"
    r"\s*[*_]*\s*"
    r"(?:\(\s*[*_]*(?:terbilang\s*:?\s*)?(?P<words>[A-Za-z][A-Za-z\s\-,.*_]{1,300}?)\s*\)"
    r"|[,;]?\s*\(?terbilang\s*:?\s*(?P<words2>[A-Za-z][A-Za-z\s\-]{2,300}?)(?=\s*[).;\n]|$))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A number written in digits and again in words."""

    start: int
    end: int
    digits: Decimal
    decimals: int
    rupiah: bool
    words: str
    said: Decimal | None  # the words read strictly; None when they are not well formed
    number_like: bool  # the words are (mostly) number words
    shown: str = ""  # the digits as written, when they stand in another text unit


def mentions(text: str) -> Iterator[Mention]:
    """Every "<number> (<words>)" / "<number> terbilang <words>" in ``text``."""
    for m in filtered_finditer(_MENTION_RE, text):
        words = m.group("words") or m.group("words2") or ""
        toks = _number_words(words)
        core = [t for t in toks if t not in _NOISE]
        if not core or "sen" in toks:
            continue
        if all(t in _SCALES for t in core):
            continue  # "2023 (Rp juta)", "(miliar rupiah)": the unit of a column, not words
        like = sum(_number_like(t) for t in core)
        if like < max(1, 0.75 * len(core)) or not any(t in _VOCAB for t in core):
            continue
        if " " in m.group("num") and not m.group("rp"):
            continue  # "12 100 (seratus)": two numbers, not a grouped one (only "Rp 3 973 567")
        n = parse_number(m.group("num").replace(" ", "."))
        if n is None or n.malformed:
            continue
        value, decimals = n.value, n.decimals
        if m.group("scale"):
            value = value * _SCALES[m.group("scale").lower()]
            decimals = 0
            if value != value.to_integral_value():
                continue
        rupiah = bool(m.group("rp")) or "rupiah" in toks
        if rupiah and decimals and value == value.to_integral_value():
            decimals = 0  # "Rp 10.039.600,00"
        said = parse_words(words)
        yield Mention(m.start(), m.end(), value, decimals, rupiah, " ".join(words.split()),
                      said, like == len(core))


_ENDS_WITH_AMOUNT_RE = re.compile(r"(?:Rp\.?\s*)?(?:" + _NUM + r")(?:,-|,00,?-?|\.-)?\s*[*_]*\s*$")
_STARTS_WITH_WORDS_RE = re.compile(r"^\s*[*_]*\s*(?:\(|terbilang\b)", re.IGNORECASE)


def _pairs(doc: Document) -> Iterator[tuple[TextUnit, TextUnit]]:
    """Consecutive prose blocks, and neighbouring cells of a table row."""
    prev: TextUnit | None = None
    for b in doc.blocks:
        if b.kind == "table":
            prev = None
            for row in b.rows:
                yield from zip(row.cells, row.cells[1:], strict=False)
            continue
        if prev is not None:
            yield prev, b
        prev = b


@per_document  # shared by TB101-TB103
def sites(doc: Document) -> Iterator[tuple[TextUnit, Mention]]:
    """Every number written again in words, with the unit to report it on: within one text
    unit, or split over two (an amount at the end of a line or cell, its words in brackets at
    the start of the next one); the issue then points at the words."""
    blocks = doc.blocks
    for unit, block in units(doc):
        for mt in mentions(unit.text):
            yield unit, mt
        if block.kind == "table" or unit.text.rfind("(") <= unit.text.rfind(")"):
            continue  # (no bracket left open at the end: "... rupiah), ... Rp 1.958.090.300 (satu miliar")
        # words in brackets wrapped over line blocks (PDF text): read them joined
        joined = unit.text
        for nb in blocks[block.index + 1: block.index + 6]:
            if nb.kind != "paragraph":
                break
            joined += " " + nb.text
            if ")" in nb.text:
                break
        cut = len(unit.text)
        for mt in mentions(joined):
            if mt.start < cut < mt.end:
                yield unit, replace(mt, end=cut)
    for first, second in _pairs(doc):
        if not _STARTS_WITH_WORDS_RE.match(second.text) or \
                not _ENDS_WITH_AMOUNT_RE.search(first.text[-40:]):
            continue
        head = first.text[-40:]
        joined = head + " " + second.text
        if isinstance(second, Block) and second.text.rfind("(") > second.text.rfind(")"):
            # the words wrapped over more line blocks (PDF text): read up to the ")"
            for nb in blocks[second.index + 1: second.index + 5]:
                if nb.kind != "paragraph":
                    break
                joined += " " + nb.text
                if ")" in nb.text:
                    break
        cut = len(head) + 1
        for mt in mentions(joined):
            if mt.start < cut <= mt.end:
                shown = " ".join(head[mt.start:].split())
                yield second, replace(mt, start=0, end=min(mt.end - cut, len(second.text)),
                                      shown=shown)


def _shown(unit: TextUnit, mt: Mention) -> str:
    """The digits as written ("Rp 44.174.500,-")."""
    if mt.shown:
        return mt.shown
    return unit.text[mt.start:mt.end].split("(")[0].split("terbilang")[0].strip(" ,;")


# "... terbilang enam miliar enam puluh juta ... rupiah." with no digits before it
_BARE_WORDS_RE = re.compile(r"\bterbilang\s*:?\s*(?P<words>[A-Za-z][A-Za-z\s\-]{5,300}?\brupiah)\b",
                            re.IGNORECASE)


@register
class AmountInWords(Rule):
    """A Rupiah amount whose words say another amount: "Rp 3.973.567.698 (Tiga Miliar
    Sembilan Ratus ... Rupiah)".

    Amounts in words are the legally binding form in many documents; digits and words that
    disagree make the amount uncertain. The words are read back into a number ("milyar" and
    "miliar", "seratus" and "satu ratus" are both accepted); words that are not a well-formed
    number at all are reported by TB103.
    """

    code = "TB101"
    name = "amount-in-words"
    category = "terbilang"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, mt in sites(ctx.document):
            if not mt.rupiah or mt.said is None or mt.said == mt.digits:
                continue
            right = _styled(expected_words(mt.digits, 0, True), mt.words)
            yield self.issue(
                unit, mt.start, mt.end,
                f"angka Rp {fmt_num(mt.digits)} tidak sama dengan terbilangnya "
                f"\"{mt.words}\" (= {fmt_num(mt.said)}); terbilang yang benar: {right}",
                expected=right, fix=terbilang_fix(unit, mt.start, mt.end, right),
            )
        yield from self._of_table_total(ctx)

    def _of_table_total(self, ctx: CheckContext) -> Iterator[Issue]:
        """"Jumlah anggaran tersebut terbilang enam miliar ... rupiah" right under a budget
        table, with no digits of its own: the words against the amounts of the table's total
        row (the one of the same magnitude)."""
        from drafter.tables import is_total_label

        blocks = ctx.document.blocks
        for b in blocks:
            if b.kind == "table" or "terbilang" not in b.text.lower():
                continue
            table = next((blocks[j] for j in range(b.index - 1, max(-1, b.index - 4), -1)
                          if blocks[j].kind == "table"), None)
            if table is None or any(blocks[j].kind != "paragraph" for j in range(table.index + 1, b.index)):
                continue
            total = next((r for r in reversed(table.rows) if r.cells and is_total_label(r.cells[0].text.strip())), None)
            if total is None:
                continue
            amounts = [n.value for c in total.cells[1:] if (n := parse_number(c.text.strip())) is not None
                       and not n.malformed and n.value >= 1000]
            for m in _BARE_WORDS_RE.finditer(b.text):
                sent_head = b.text[max(0, b.text.rfind(".", 0, m.start()) + 1):m.start()]
                if re.search(r"\d", sent_head):
                    continue  # the digits stand in the sentence: read by the check above
                words = m.group("words")
                said = parse_words(words)
                if said is None or said < 1000 or said in amounts:
                    continue
                near = [a for a in amounts if abs(a - said) <= a / 100]
                if len(near) != 1:
                    continue
                right = _styled(expected_words(near[0], 0, True), words)
                yield self.issue(
                    b, m.start("words"), m.end("words"),
                    f"terbilang \"{' '.join(words.split())}\" (= {fmt_num(said)}) tidak sama dengan baris "
                    f"jumlah tabel di atasnya (Rp {fmt_num(near[0])}); terbilang yang benar: {right}",
                    expected=right)


@register
class CountInWords(Rule):
    """A count or other number whose words say another number: "4 (tiga) indikator", "3
    (Dua) program", "88,05 (delapan puluh delapan koma lima)".

    Authors change the digit and forget the words (or the reverse); the reader cannot tell
    which one is right. Rupiah amounts are checked by TB101, ill-formed words by TB103.
    """

    code = "TB102"
    name = "count-in-words"
    category = "terbilang"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, mt in sites(ctx.document):
            if mt.rupiah or mt.said is None or mt.said == mt.digits:
                continue
            shown = _shown(unit, mt)
            right = _styled(expected_words(mt.digits, mt.decimals, False), mt.words)
            yield self.issue(
                unit, mt.start, mt.end,
                f"angka {shown} tidak sama dengan terbilangnya \"{mt.words}\" "
                f"(= {fmt_num(mt.said, 4)}); seharusnya {shown} ({right})",
                expected=f"{shown} ({right})", fix=terbilang_fix(unit, mt.start, mt.end, right),
            )


@register
class MalformedWords(Rule):
    """Number words that are not a well-formed Indonesian number: "Rp 44.174.500 (empat puluh
    empat juta seratus tujuh puluh empat lima ratus rupiah)" (the scale word "ribu" is
    missing), "5 (lima puluh ribu juta)", "(dua ratus sembilam)".

    Terbilang is read by treasurers and auditors as the binding amount; words that cannot be
    read as one number leave the amount undefined. The issue gives the words that belong to
    the digits. The words are read strictly: units (satu ... sembilan), sepuluh, sebelas,
    belas, puluh, seratus/ratus, seribu/ribu, juta, miliar/milyar, triliun, koma and nol, with
    scale words in descending order; "rupiah" and "persen" may follow.
    """

    code = "TB103"
    name = "malformed-number-words"
    category = "terbilang"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, mt in sites(ctx.document):
            if mt.said is not None:
                continue
            segmented = [w for t in _number_words(mt.words) for w in (_segment(t) or [t])]
            if parse_words(" ".join(segmented)) == mt.digits:
                continue  # only glued words ("duapuluh"): a spelling matter
            right = _styled(expected_words(mt.digits, mt.decimals, mt.rupiah), mt.words)
            yield self.issue(
                unit, mt.start, mt.end,
                f"terbilang \"{mt.words}\" bukan bilangan yang tersusun benar (kata "
                f"satuan seperti ribu/juta hilang, salah urut, atau salah tulis); untuk "
                f"angka {_shown(unit, mt)} seharusnya: {right}",
                expected=right, fix=terbilang_fix(unit, mt.start, mt.end, right),
            )
