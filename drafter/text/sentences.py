"""The one sentence splitter of the checker.

A sentence ends

* at ``.``, ``!``, ``?`` or an ellipsis (``...``/``…``), possibly followed by closing quotes or
  brackets, when white space and then anything but a lower-case letter follows (or the text
  ends);
* at ``;`` followed by white space;
* at a newline.

A period does not end a sentence after an abbreviation of ``rules/abbreviations.yaml`` ("Kec.",
"Rp.", "M.Si."), after a single letter ("H. Ahmad"; but "predikat B. Hal ini" ends), after a
list marker at the start of a sentence ("1.", "b.", "IV."), inside a number ("3.437.517",
"6,5"), or in a run of four or more dots (table-of-contents leaders).

Spans are exact offsets into the text: ``text[start:end]`` is the sentence without the white
space around it, ending with its punctuation. One pass over the text: linear time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.resources import load_yaml

_CAND = re.compile(r"\n|;(?=\s)|(?:\.{3}|…|[.!?])[\"'”’)\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"[^\s(\[{\"'“‘]+$")
_LIST_MARKER = re.compile(r"^(?:[-•*·]\s*)?\(?(?:\d{1,3}|[A-Za-z]|[IVXLivxl]{1,5})$")
_ROMAN = re.compile(r"^[IVXLivxl]{1,5}$")


@lru_cache(maxsize=1)
def _abbrev() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("rules", "abbreviations.yaml")
    nb = frozenset(str(a).lower().rstrip(".") for a in data.get("no_break") or [])
    gw = frozenset(str(a).lower() for a in data.get("grade_words") or [])
    return nb, gw


def _is_end(text: str, m: re.Match[str], sent_start: int) -> bool:
    tok = m.group()
    if tok == "\n":
        return True
    if tok.startswith(";"):
        return True
    j = m.end()
    n = len(text)
    while j < n and text[j] in " \t\r\f\v":
        j += 1
    if j < n and text[j] != "\n" and text[j].islower():
        return False  # "dll. dan", "tahun 2023. kemudian": no new sentence starts here
    if tok[0] != ".":
        return True  # "!", "?"
    if tok.startswith("...") or tok.startswith("…"):
        p = m.start()
        return not (p > 0 and text[p - 1] == ".")  # a run of 4+ dots is a leader
    p = m.start()
    if p > 0 and text[p - 1] == ".":
        return False  # ".." and leaders
    wm = _WORD_BEFORE.search(text, max(sent_start, p - 40), p)
    word = wm.group() if wm else ""
    if not word:
        return True
    low = word.lower().rstrip(".")
    no_break, grade_words = _abbrev()
    if low in no_break:
        return False
    head = text[sent_start:wm.start()] if wm else ""  # type: ignore[union-attr]
    if _LIST_MARKER.match(word) and not head.strip(" \t-•*·"):
        return False  # "1. Program ...", "b. Sasaran ...", "IV. PENUTUP"
    if len(word) == 1 and word.isalpha():
        # an initial ("H. Ahmad", "M. Ali") unless a grade word precedes ("predikat B. Hal ini")
        prev = head.rstrip().rsplit(None, 1)
        if prev and prev[-1].lower().strip(":\"'(") in grade_words:
            return True
        return False
    if "." in low and re.fullmatch(r"(?:[a-z]{1,4}\.)+[a-z]{1,4}", low):
        return False  # dotted abbreviations not listed ("S.Kep.Ns", "Ak.CA")
    if _ROMAN.match(word) and not head.strip():
        return False
    return True


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text``, in order, without surrounding space."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _CAND.finditer(text):
        if m.start() < start:
            continue
        if not _is_end(text, m, start):
            continue
        end = m.end() if m.group() != "\n" else m.start()
        _emit(text, start, end, out)
        start = m.end()
    _emit(text, start, len(text), out)
    return out


def _emit(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append((a, b))
