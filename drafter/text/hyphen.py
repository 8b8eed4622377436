"""How a word broken over a line with a hyphen joins the next line (PDF text, flattened tables)."""

from __future__ import annotations

import re


def hyphen_join(left: str, right: str) -> str | None:
    """How a word ending a line joins the next one: ``"drop"`` (hyphenation: "admi-" +
    "nistrasi"), ``"keep"`` (a hyphenated compound or reduplication broken after its hyphen:
    "masing-" + "masing", "Sub-" + "Kegiatan") or None (a space)."""
    if len(left) < 3 or not left.endswith("-") or not right:
        return None
    before = left[-2]
    if not (before.isalnum() and (right[0].isalnum())):
        return None
    stem = re.split(r"[-\s]", left[:-1])[-1].lower()
    nxt = re.split(r"[^\w]", right)[0].lower()
    if before.isdigit() or right[0].isdigit() or right[0].isupper() or before.isupper():
        return "keep"
    if stem and nxt and (nxt.startswith(stem) or stem.endswith(nxt) or stem.startswith(nxt)):
        return "keep"  # masing-masing, tahun-tahun, sehari-hari
    return "drop"
