"""Indonesian numbers: parse what reports write, format what the drafter writes.

Parsing keeps each number's original text and the number of decimals it states, so that a
comparison can follow statcheck's principle: a stated value is wrong only when no rounding of
its stated digits can explain the computed value (:meth:`Num.explains`).

Formats understood (Indonesian conventions first):

* ``1.234.567`` thousands with dots, ``88,05`` decimal comma, ``1.234.567,89`` both;
* ``103,59%`` / ``103,59 %`` / ``103,59 persen``;
* ``Rp 3.973.567.698``, ``Rp. 3.973.567.698,00``, ``Rp3.973.567.698,-``, ``Rp 10.039.600,00,-``;
* ``92.8`` (a dot followed by one or two digits) is read as a decimal written the English way;
* ``95.523400`` (dots not in groups of three) is *malformed*: the value is kept as written
  without the dot, and ``Num.malformed`` is set so a rule can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "Num",
    "parse_number",
    "scan_numbers",
    "fmt_num",
    "fmt_pct",
    "fmt_rp",
    "terbilang",
    "terbilang_rupiah",
    "to_decimal",
    "round_half_up",
]

_LOCALE = "id"

# One numeric token. Order matters: the most specific alternatives first.
_NUM_CORE = r"""
    (?P<core>
        \d{1,3}(?:\.\d{3})+(?:,\d+)?      # 1.234.567 or 1.234.567,89
      | \d+(?:\.\d+)+                      # 92.8, 95.523400, 3.1.2 (checked later)
      | \d+,\d+                            # 88,05
      | \d+                                # 2023
    )
"""

_TOKEN_RE = re.compile(
    (
        r"""
    (?P<rp>\bRp\.?\s{0,2})?
    """
        + _NUM_CORE
        + r"""
    (?P<tail>,-|,00,-|(?<=\d),00(?!\d))?
    (?P<pct>\s?%|\s+persen\b)?
    """
    ).replace(r"\d", "[0-9]"),  # ASCII digits only: "٣" is not an Indonesian number
    re.VERBOSE | re.IGNORECASE,
)

_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DOT_DECIMAL_RE = re.compile(r"^\d+\.\d{1,2}$")
_YEAR_RE = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True)
class Num:
    """A number as stated in a document."""

    value: Decimal
    text: str
    decimals: int = 0
    percent: bool = False
    currency: bool = False
    malformed: bool = False
    dot_decimal: bool = False
    start: int = 0
    end: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def is_year(self) -> bool:
        """True for a bare four-digit integer between 1900 and 2099."""
        core = self.text.strip()
        return (
            not self.percent
            and not self.currency
            and _YEAR_RE.fullmatch(core) is not None
        )

    def tolerance(self) -> Decimal:
        """Half a unit of the last stated digit."""
        return Decimal(5) * (Decimal(10) ** -(self.decimals + 1))

    def explains(self, computed: float | Decimal, *, slack: Decimal | float = 0) -> bool:
        """True if rounding ``computed`` to the stated digits can give the stated value.

        ``slack`` widens the window (in the unit of the value) for sources that are known to
        be rounded before the computation (e.g. a capaian computed from rounded inputs).
        """
        comp = to_decimal(computed)
        return abs(comp - self.value) <= self.tolerance() + to_decimal(slack) + Decimal("1e-9")


def to_decimal(x: float | int | str | Decimal) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        return Decimal(repr(x))
    return Decimal(x)


def round_half_up(x: float | Decimal, decimals: int = 2) -> Decimal:
    q = Decimal(1).scaleb(-decimals)
    return to_decimal(x).quantize(q, rounding=ROUND_HALF_UP)


def _core_value(core: str) -> tuple[Decimal, int, bool, bool]:
    """Return (value, decimals, malformed, dot_decimal) for the bare numeric text."""
    if _THOUSANDS_RE.match(core):
        intpart, _, frac = core.partition(",")
        digits = intpart.replace(".", "")
        text = digits + ("." + frac if frac else "")
        return Decimal(text), len(frac), False, False
    if "," in core:
        intpart, _, frac = core.partition(",")
        return Decimal(intpart + "." + frac), len(frac), False, False
    if "." in core:
        if _DOT_DECIMAL_RE.match(core):
            frac = core.split(".")[1]
            return Decimal(core), len(frac), False, True
        # dots that are neither thousands groups nor a short decimal: malformed
        return Decimal(core.replace(".", "")), 0, True, False
    return Decimal(core), 0, False, False


def parse_number(text: str) -> Num | None:
    """Parse one number written alone (a table cell, a figures value as text).

    Returns ``None`` when ``text`` is not a number (possibly decorated with Rp, %, ",-").
    """
    s = text.strip()
    if not s:
        return None
    sign = 0
    if s[0] in "-−+" and len(s) > 1 and (s[1].isdigit() or s[1] == " "):
        # a signed cell value ("-1,34", "−3,5%", "+2"); running text never reaches here
        sign = -1 if s[0] != "+" else 1
        s = s[1:].lstrip()
    m = _TOKEN_RE.fullmatch(s)
    if m is None:
        return None
    num = _num_from_match(m, offset=0)
    if num is None or sign == 0:
        return num
    whole = text.strip()
    return replace(num, value=num.value * sign, text=whole, start=0, end=len(whole))


def _num_from_match(m: re.Match[str], offset: int) -> Num | None:
    core = m.group("core")
    try:
        value, decimals, malformed, dot_decimal = _core_value(core)
    except InvalidOperation:
        return None
    currency = m.group("rp") is not None
    if dot_decimal and currency:
        # "Rp 95.52" is not a decimal amount; treat as malformed grouping
        value, decimals, malformed, dot_decimal = Decimal(core.replace(".", "")), 0, True, False
    if core.count(".") > 1 and not _THOUSANDS_RE.match(core):
        malformed = True
    return Num(
        value=value,
        text=m.group(0),
        decimals=decimals,
        percent=m.group("pct") is not None,
        currency=currency,
        malformed=malformed,
        dot_decimal=dot_decimal,
        start=offset + m.start(),
        end=offset + m.end(),
    )


def scan_numbers(text: str) -> list[Num]:
    """Find the numbers in running text, with their spans.

    Digits glued to letters (``3.1a``, ``ke3``) or part of identifiers are skipped; section
    numbers like ``3.1`` are returned as dot decimals, and the caller decides from context.
    """
    # many rules scan the same sentence or cell: computed once (Num is frozen), a new list
    # per call (callers may change their list)
    return list(_scan_numbers(text))


@lru_cache(maxsize=16384)
def _scan_numbers(text: str) -> tuple[Num, ...]:
    out: list[Num] = []
    for m in _TOKEN_RE.finditer(text):
        # "Rp3.973.567.698" (EYD V, no space): the character before is the one before "Rp"
        s, e = (m.start() if m.group("rp") else m.start("core")), m.end()
        before = text[s - 1] if s > 0 else " "
        after = text[e] if e < len(text) else " "
        if before.isalnum() or before == "_" or after.isalpha() or after == "_":
            continue
        num = _num_from_match(m, offset=0)
        if num is not None:
            out.append(num)
    return tuple(out)


def _quantize(x: float | int | Decimal, decimals: int) -> Decimal:
    return round_half_up(to_decimal(x), decimals)


def fmt_num(x: float | int | Decimal, decimals: int = 2, *, trim: bool = True) -> str:
    """Indonesian number: ``1.234.567,89``. With ``trim`` trailing decimal zeros go."""
    q = _quantize(x, decimals)
    if trim:
        q = q.normalize() if q != q.to_integral() else q.quantize(Decimal(1))
        dec = max(0, -q.as_tuple().exponent) if isinstance(q.as_tuple().exponent, int) else 0
    else:
        dec = decimals
    if q.is_finite():
        # what babel's format_decimal(q, "#,##0.00..", locale="id") gives, without its cost:
        # q has at most ``dec`` decimals here, so Python's formatting does no rounding of its own
        return f"{q:,.{dec}f}".translate(_ID_SEPARATORS)
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * dec if dec else "")
    return format_decimal(q, format=pattern, locale=_LOCALE, decimal_quantization=True)


_ID_SEPARATORS = str.maketrans(",.", ".,")


def fmt_pct(x: float | int | Decimal, decimals: int = 2) -> str:
    """Indonesian percentage: ``103,59%`` (trailing zeros trimmed: ``100%``, ``92,8%``)."""
    return fmt_num(x, decimals) + "%"


def fmt_rp(x: float | int | Decimal) -> str:
    """Rupiah amount: ``Rp 3.973.567.698`` (cents only when present)."""
    return "Rp " + fmt_num(x, 2)


def terbilang(n: int | Decimal) -> str:
    """Indonesian words for a whole number, lower case: ``tiga miliar ...``."""
    from num2words import num2words

    words = num2words(int(n), lang="id")
    return words.replace("milyar", "miliar")


def terbilang_rupiah(n: int | Decimal) -> str:
    """Amount in words as written after a Rupiah figure: ``Tiga Miliar ... Rupiah``."""
    words = terbilang(n) + " rupiah"
    return " ".join(w.capitalize() for w in words.split())
