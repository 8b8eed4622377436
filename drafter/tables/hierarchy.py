"""Row hierarchy of generic tables: numbering depth and total rows.

``numbering_depth("1.1.2") == 3``; ``numbering_depth("7.01.02")`` is 3 as well (a
Kepmendagri code), ``numbering_depth("II")`` is 1. Total rows ("Jumlah", "Total", "Sub Total",
"Rata-rata", "Rerata") are read from ``rules/tables.yaml`` (``total_labels``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.resources import load_yaml

_NUMBERING_RE = re.compile(
    r"^\s*\(?(?P<num>\d{1,3}(?:\s?\.\s?\d{1,3}){0,5}|[IVXL]{1,5}|[A-Za-z])\s?[.)]?\s*$")
_LEADING_NUM_RE = re.compile(r"^\s*(?P<num>\d{1,3}(?:\.\d{1,3}){1,5})\.?\s+(?=\S)")


def numbering_depth(text: str) -> int | None:
    """Depth of a row number ("1" -> 1, "1.2" -> 2, "1.2.3" -> 3, "I" -> 1); None when the
    text is no row number."""
    m = _NUMBERING_RE.match(text)
    if not m:
        return None
    num = m.group("num")
    if num[0].isdigit():
        return num.replace(" ", "").count(".") + 1
    return 1


_BULLET_RE = re.compile(r"^[-–•▪●◦*](?:\s|$)")


def numbering_rank(text: str) -> int | None:
    """Nesting rank of a row number by its style: roman numerals (I, II) 0, numbers by their
    depth (1 -> 1, 1.1 -> 2, 7.01.02 -> 3), lower-case letters (a., b)) 6, bullets (-, •) 9;
    None when the text is no row number."""
    t = text.strip()
    if _BULLET_RE.match(t):
        return 9
    if re.fullmatch(r"\(?[a-z][.)]?", t):
        return 6
    if re.fullmatch(r"\(?[IVXL]{1,5}[.)]?", t):
        return 0
    d = numbering_depth(t)
    return d if d is not None and re.match(r"\(?\d", t) else None


def leading_numbering(text: str) -> tuple[int, int] | None:
    """A dotted number opening a label ("1.2 Kegiatan X"): (depth, end offset)."""
    m = _LEADING_NUM_RE.match(text)
    if not m:
        return None
    return m.group("num").count(".") + 1, m.end()


@lru_cache(maxsize=1)
def _total_re() -> re.Pattern[str]:
    pats = load_yaml("rules", "tables.yaml").get("total_labels", [])
    return re.compile("|".join(f"(?:{p})" for p in pats) or r"(?!)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _group_re() -> re.Pattern[str]:
    pats = load_yaml("rules", "tables.yaml").get("group_labels", [])
    return re.compile("|".join(f"(?:{p})" for p in pats) or r"(?!)", re.IGNORECASE)


def is_total_label(text: str) -> bool:
    """A total/average row label ("JUMLAH", "Total Belanja", "Rata-rata Capaian")."""
    return bool(_total_re().match(text.strip()))


def is_group_label(text: str) -> bool:
    """A label that opens a row of its own (a sasaran, program, kegiatan or total line)."""
    t = text.strip()
    return bool(_group_re().match(t)) or is_total_label(t)
