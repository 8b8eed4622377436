"""Number mentions of a text, typed by kind, with exact spans and parsed values.

Kinds:

``percent``      88,05% / 100 persen
``rupiah``       Rp 3.973.567.698,- / Rp. 95.000
``count``        12 desa / 5 (lima) indikator (``noun`` holds the noun)
``score``        IKM 88,05 / nilai SAKIP 65,12 / 1,24 poin
``grade``        a letter grade after "nilai/predikat/..." or with a score: BB (80)
``year``         2023
``year_range``   2021-2026 / 2021 s.d. 2026 / 2021 sampai dengan 2026 (``value2`` = last year)
``ordinal``      tahun ke-3 / tahun ketiga / ke-2
``date``         31.12.2023
``code``         section numbers and budget codes (3.1.2, 1.02.01.2.01)
``number``       any other plain number (2,5 / 120)
``malformed``    digit groups that are no Indonesian number ("2.186,670.304", "1.23.4" as a
                 value, "12,5,6", "Rp. 95.523400"): never an operand of a rule.

Values are parsed with :mod:`drafter.numbers` (Indonesian conventions). The scan is one
regular-expression pass plus constant work per match: linear in the text size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from drafter.numbers import Num, parse_number
from drafter.resources import load_yaml

_NUMBER = re.compile(
    r"(?:(?P<rp>\bRp\.?\s{0,2})|(?<![\w.,]))"
    r"(?P<core>[0-9]+(?:[.,][0-9]+)*)"
    r"(?P<tail>,-|,—)?"
    r"(?P<pct>\s?%|\s+persen\b)?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(?<![\w.,])(?P<a>(?:19|20)[0-9]{2})\s*(?:-|–|—|/|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)\s*"
    r"(?P<b>(?:19|20)[0-9]{2})(?![\w])",
    re.IGNORECASE,
)
_GRADE = re.compile(r"(?<![\w-])(?P<g>AA|BB|CC|A|B|C|D|E)(?![\w-])(?:\s*\(\s*(?P<s>[0-9]+(?:[.,][0-9]+)?)\s*\))?")

_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$")
_DECIMAL = re.compile(r"^[0-9]+,[0-9]+$")
_DOT_DECIMAL = re.compile(r"^[0-9]+\.[0-9]{1,2}$")
_DATE = re.compile(r"^(?:0?[1-9]|[12][0-9]|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)[0-9]{2}$")
_DOTS = re.compile(r"^[0-9]+(?:\.[0-9]+)+$")
_COMMAS = re.compile(r"^[0-9]+(?:,[0-9]+)+$")


@dataclass(frozen=True)
class Mention:
    """One number (or grade, year range, ordinal) as written in a text."""

    kind: str
    text: str
    start: int
    end: int
    value: Decimal | None = None
    num: Num | None = None
    noun: str | None = None
    value2: Decimal | None = None
    grade: str | None = None

    @property
    def malformed(self) -> bool:
        return self.kind == "malformed"

    @property
    def operand(self) -> bool:
        """True when a rule may compute with this mention."""
        return self.value is not None and self.kind not in ("malformed", "code", "date")


@lru_cache(maxsize=1)
def _conf() -> dict[str, Any]:
    data = load_yaml("rules", "mentions.yaml")
    nouns = sorted((str(n).lower() for n in data.get("count_nouns") or []), key=len, reverse=True)
    ords = {str(k).lower(): int(v) for k, v in (data.get("ordinal_words") or {}).items()}
    return {
        "value_cue": re.compile(data["value_cue"], re.IGNORECASE),
        "amount_cue": re.compile(data["amount_cue"], re.IGNORECASE),
        "score_cue": re.compile(data["score_cue"], re.IGNORECASE),
        "list_cue": re.compile(data["list_cue"], re.IGNORECASE),
        "grade_cue": re.compile(data["grade_cue"], re.IGNORECASE),
        "noun": re.compile(r"\s*(?:\(\s*[a-z ]{2,30}\s*\)\s*)?(?P<noun>" + "|".join(re.escape(n).replace(r"\ ", r"\s+")
                                                                               for n in nouns) + r")\b",
                           re.IGNORECASE),
        "ordinal": re.compile(r"\b(?:tahun\s+)?ke\s*-\s*(?P<n>[0-9]{1,2})\b|\btahun\s+(?P<w>"
                              + "|".join(ords) + r")\b", re.IGNORECASE),
        "ordinal_words": ords,
    }


def classify(core: str, *, rupiah: bool = False, percent: bool = False, before: str = "") -> str:
    """``valid`` / ``code`` / ``date`` / ``malformed`` for the digits-and-separators ``core``.

    ``before`` is the text just before the number (for value and list cues).
    """
    if "." not in core and "," not in core:
        return "valid"
    if _THOUSANDS.match(core) or _DECIMAL.match(core):
        return "valid"
    if _DOT_DECIMAL.match(core):
        return "valid"  # "92.8" (a decimal written the English way) or "3.1" (a section)
    conf = _conf()
    if _DOTS.match(core):
        if _DATE.match(core) and not (rupiah or percent):
            return "date"
        groups = core.split(".")
        if rupiah:
            bad = any(len(g) > 3 for g in groups[1:]) or (len(groups) > 2 and any(len(g) != 3 for g in groups[1:]))
            return "malformed" if bad else "valid"
        if percent:
            return "malformed"
        yearish = len(groups[-1]) == 4 and re.fullmatch(r"(?:19|20)[0-9]{2}", groups[-1]) is not None
        if len(groups) > 3:
            return "code"  # budget codes: 1.02.01.2.01.0003, 5.1.02.01.01.0024
        if any(len(g) > 3 for g in groups[1:]) and not yearish and conf["amount_cue"].search(before[-25:]):
            return "malformed"  # "anggaran sebesar 95.523400"
        if len(groups) <= 3 and not yearish and conf["value_cue"].search(before[-30:]):
            return "malformed"  # "sebesar 1.23.4"
        return "code"
    if _COMMAS.match(core):
        if conf["list_cue"].search(before[-20:]) and not (rupiah or percent):
            return "code"  # "Pasal 1,2,3"
        return "malformed"  # "12,5,6", "3,437,517" (thousands written the English way)
    return "malformed"  # mixed separators in a wrong order: "2.186,670.304", "1.234,5.6"


# a run of digits with separators: the core of every number mention that holds a separator
_SEPARATED = re.compile(r"[0-9]+(?:[.,][0-9]+)+")


def may_hold_malformed(text: str) -> bool:
    """False only when :func:`scan` finds no malformed mention in ``text``: every run of digits
    with separators has a form :func:`classify` accepts whatever its context (thousands, a comma
    decimal, a dot decimal). A number's core is such a whole run (it starts where no word
    character or separator stands before it, or right after "Rp", and takes every following
    separator and digits), and a core without separators is never malformed."""
    if "." not in text and "," not in text:
        return False
    for m in _SEPARATED.finditer(text):
        core = m.group()
        if not (_THOUSANDS.match(core) or _DECIMAL.match(core) or _DOT_DECIMAL.match(core)):
            return True
    return False


def explain_malformed(text: str) -> tuple[str, str | None]:
    """(what is wrong and which form is expected, the value in standard form when it is
    unambiguous) for the text of a malformed mention."""
    from drafter.numbers import fmt_num

    core = re.sub(r"^Rp\.?\s*|\s*(?:%|persen)$|,-$", "", text.strip(), flags=re.IGNORECASE)
    if "," not in core:
        digits = core.replace(".", "")
        return ("pemisah ribuan harus setiap tiga angka, mis. 1.234.567",
                fmt_num(Decimal(digits), 0) if digits.isdigit() and len(digits) <= 18 else None)
    if "." not in core:
        return ("koma hanya dipakai sekali, sebagai tanda desimal (mis. 12,5), dan pemisah ribuan "
                "ditulis dengan titik (mis. 3.437.517)", None)
    return ("titik dan koma tidak pada tempatnya: bentuk baku memakai titik sebagai pemisah ribuan "
            "setiap tiga angka dan satu koma desimal di akhir (mis. 2.186.670,30)", None)


def scan(text: str) -> list[Mention]:
    """Every number mention of ``text``, in order of position."""
    conf = _conf()
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        out.append(Mention("year_range", m.group(0), m.start(), m.end(), Decimal(m.group("a")),
                           value2=Decimal(m.group("b"))))
        taken.append((m.start(), m.end()))
    for m in conf["ordinal"].finditer(text):
        n = int(m.group("n")) if m.group("n") else conf["ordinal_words"][m.group("w").lower()]
        out.append(Mention("ordinal", m.group(0), m.start(), m.end(), Decimal(n)))
        taken.append((m.start(), m.end()))
    taken.sort()
    ti = 0
    for m in _NUMBER.finditer(text):
        s, e = m.start(), m.end()
        while ti < len(taken) and taken[ti][1] <= s:
            ti += 1
        if ti < len(taken) and taken[ti][0] < e:
            continue  # part of a year range or an ordinal
        ce = m.end("core")
        after = text[ce] if ce < len(text) else " "
        if after.isalpha() or after == "_":
            continue  # "3a", "10m", "Tw1": codes and units glued to digits
        core = m.group("core")
        rp, pct = m.group("rp") is not None, m.group("pct") is not None
        before = text[max(0, s - 40):s]
        cls = classify(core, rupiah=rp, percent=pct, before=before)
        raw = m.group(0)
        if cls == "malformed":
            out.append(Mention("malformed", raw, s, e))
            continue
        if cls in ("code", "date"):
            out.append(Mention(cls, raw, s, e))
            continue
        if not rp and s > 0 and text[s - 1] in "-−" and (s == 1 or text[s - 2] in " \t(\n"):
            s, raw = s - 1, text[s - 1:e]  # a signed value ("-2,5%" in a change column)
        num = _parse(raw)
        if num is None:
            out.append(Mention("number", raw, s, e))
            continue
        value = num.value
        if rp:
            kind = "rupiah"
        elif pct:
            kind = "percent"
        else:
            kind, noun = _plain_kind(text, s, e, core, before, conf)
            if kind == "count":
                out.append(Mention("count", raw, s, e, value, num, noun=noun))
                continue
        out.append(Mention(kind, raw, s, e, value, num))
    for m in _GRADE.finditer(text):
        g = m.group("g")
        before = text[max(0, m.start() - 30):m.start()]
        if m.group("s") is None and not conf["grade_cue"].search(before):
            continue
        if m.group("s") is None and g in ("A", "E", "D") and not before.rstrip().endswith(("nilai", "predikat")):
            # "A" and "D" are also words/initials; only right after nilai/predikat
            if not conf["grade_cue"].search(before.rstrip()):
                continue
        score = parse_number(m.group("s")) if m.group("s") else None
        out.append(Mention("grade", m.group(0), m.start(), m.end(),
                           score.value if score is not None else None, score, grade=g))
    out.sort(key=lambda x: (x.start, -x.end))
    return _dedupe(out)


@lru_cache(maxsize=65536)
def _parse(raw: str) -> Num | None:
    return parse_number(raw)  # a Num from parse_number has no position: safe to share


def _plain_kind(text: str, s: int, e: int, core: str, before: str,
                conf: dict[str, Any]) -> tuple[str, str | None]:
    nm = conf["noun"].match(text, e, min(len(text), e + 60))
    integer = "," not in core and not _DOT_DECIMAL.match(core)
    if nm and integer:
        return "count", nm.group("noun").lower()
    if re.fullmatch(r"(?:19|20)[0-9]{2}", core):
        return "year", None
    if re.match(r"\s*poin\b", text[e:e + 8], re.IGNORECASE):
        return "score", None
    if conf["score_cue"].search(before[-30:]):
        return "score", None
    return "number", None


def _dedupe(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    last_end = -1
    for m in ms:
        if m.start < last_end:
            continue  # a grade's bracketed score, already part of the grade mention
        out.append(m)
        last_end = m.end
    return out


def is_malformed_text(span: str) -> bool:
    """True when ``span`` (a matched value such as a claim's number) holds a malformed number."""
    return any(x.kind == "malformed" for x in scan(span))
