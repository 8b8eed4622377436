"""Terbilang: amounts and counts written in digits and again in words must agree."""

from __future__ import annotations

import re
from collections.abc import Iterable

from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule, register
from drafter.check.rules._textutil import units
from drafter.numbers import fmt_num, parse_number, terbilang, terbilang_rupiah

_UNITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
          "tujuh": 7, "delapan": 8, "sembilan": 9}
_BIG = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "milliar": 10**9,
        "triliun": 10**12, "trilyun": 10**12}
_SE = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_NOISE = {"rupiah", "rp", "dan", "sen"}


def words_to_number(text: str) -> int | None:
    """Indonesian number words to an integer: "tiga miliar sembilan ratus ... delapan" ->
    3_9...8. Accepts "milyar"/"miliar", "seratus"/"satu ratus", "sebelas", "seribu", "se-"
    forms, any case, hyphens. Returns None when a word is not a number word or the sequence
    is not well formed (decimals with "koma" are not handled)."""
    toks = [t for t in re.split(r"[\s\-]+", text.lower().strip(" .,;:*")) if t]
    toks = [t for t in toks if t not in _NOISE]
    if not toks:
        return None
    total = 0  # completed groups (ribu, juta, ...)
    group = 0  # value below 1000 of the current group
    last: int | None = None  # a unit word waiting for puluh/belas/ratus
    seen_number = False
    big_seen: list[int] = []

    def flush_last() -> None:
        nonlocal group, last
        if last is not None:
            group += last
            last = None

    for t in toks:
        if t in _UNITS:
            if last is not None:
                return None  # "dua tiga"
            last = _UNITS[t]
        elif t in _SE:
            flush_last()
            group += _SE[t]
        elif t == "belas":
            if last is None:
                return None
            group += last + 10
            last = None
        elif t == "puluh":
            if last is None:
                return None
            group += last * 10
            last = None
        elif t == "ratus":
            if last is None:
                return None
            group += last * 100
            last = None
        elif t == "seribu":
            flush_last()
            if group:
                return None
            total += 1000
            big_seen.append(1000)
        elif t in _BIG:
            flush_last()
            mult = _BIG[t]
            if big_seen and mult >= big_seen[-1]:
                # "seribu juta" style compounds are unusual; only accept descending order
                return None
            total += (group or 1) * mult if group else (0 if mult == 10**3 else mult)
            if not group and mult == 10**3:
                return None  # "ribu" needs a count ("seribu" is separate)
            big_seen.append(mult)
            group = 0
        else:
            return None
        seen_number = True
    flush_last()
    if not seen_number:
        return None
    return total + group


_RP_WORDS_RE = re.compile(
    r"\b(?:Rp\.?|IDR)\s*(?P<num>\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,2})?|\d+)(?:,-|,00)?\s*[*]*\s*"
    r"\(\s*(?P<words>[A-Za-z][A-Za-z\s\-]{3,250}?)\s*\)",
)
_COUNT_RE = re.compile(r"(?<![\d.,])(?P<num>\d{1,4})\s*\(\s*(?P<words>[A-Za-z][A-Za-z\s\-]{1,80}?)\s*\)")


@register
class AmountInWords(Rule):
    """A Rupiah amount whose words say another amount: "Rp 3.973.567.698 (Tiga Miliar
    Sembilan Ratus ... Rupiah)".

    Amounts in words are the legally binding form in many documents; digits and words that
    disagree make the amount uncertain. The words are read back into a number ("milyar" and
    "miliar", "seratus" and "satu ratus" are both accepted).
    """

    code = "TB101"
    name = "amount-in-words"
    category = "terbilang"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, _block in units(ctx.document):
            for m in _RP_WORDS_RE.finditer(unit.text):
                n = parse_number(m.group("num").replace(" ", "."))
                said = words_to_number(m.group("words"))
                if n is None or said is None:
                    continue
                digits = int(n.value)
                if said == digits:
                    continue
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"angka Rp {fmt_num(digits)} tidak sama dengan terbilangnya "
                    f"\"{' '.join(m.group('words').split())}\" (= {fmt_num(said)}); "
                    f"terbilang yang benar: {terbilang_rupiah(digits)}",
                    expected=terbilang_rupiah(digits),
                )


@register
class CountInWords(Rule):
    """A count whose words say another number: "4 (tiga) indikator", "3 (Dua) program".

    Authors change the digit and forget the words (or the reverse); the reader cannot tell
    which one is right.
    """

    code = "TB102"
    name = "count-in-words"
    category = "terbilang"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit, _block in units(ctx.document):
            for m in _COUNT_RE.finditer(unit.text):
                # "Rp 5 (lima) juta" etc. is handled by TB101 or ambiguous
                if re.search(r"Rp\.?\s*$", unit.text[: m.start()]):
                    continue
                said = words_to_number(m.group("words"))
                if said is None:
                    continue
                digits = int(m.group("num"))
                if said == digits:
                    continue
                yield self.issue(
                    unit, m.start(), m.end(),
                    f"angka {digits} tidak sama dengan terbilangnya \"{m.group('words').strip()}\" "
                    f"(= {said}); seharusnya {digits} ({terbilang(digits)})",
                    expected=f"{digits} ({terbilang(digits)})",
                )
