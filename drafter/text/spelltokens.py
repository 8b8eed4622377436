"""The text layer's spelling view of a text: its words (the layer's one word pattern,
:data:`drafter.text.layer.WORD_RE`) with what a spelling check must not read as Indonesian prose
masked (URLs, e-mail addresses, HTML, LaTeX) and what it reads leniently marked (italics,
parentheses, quotations: foreign or regional terms). Used by the spelling rules (SP101-SP103);
it lives in the text layer so that no rule module keeps a tokenizer of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.text.layer import WORD_RE

_WORD_RE = WORD_RE
_MASK_RES = (
    re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"</?[A-Za-z][^<>]{0,200}>"),  # HTML tags
    re.compile(r"&[a-zA-Z]+;|&#\d+;"),  # HTML entities
    re.compile(r"\\[A-Za-z]+"),  # LaTeX commands (\frac, \times, \text)
    re.compile(r"\$\$.*?\$\$|\$[^$\n]{1,300}\$", re.DOTALL),  # LaTeX math
)
_ITALIC_RES = (
    re.compile(r"(?<![*\w])\*(?!\*)([^*\n]{1,300}?)(?<![*\s])\*(?![*\w])"),
    re.compile(r"(?<![_\w])_(?!_)([^_\n]{1,300}?)(?<![_\s])_(?![_\w])"),
)
_ITALIC_MAX = 302  # the longest match of _ITALIC_RES (markers included)
_PAREN_RE = re.compile(r"\(([^()\n]{1,200})\)")
_QUOTE_RE = re.compile(r"[\"“”]([^\"“”\n]{1,200})[\"“”]")  # quoted words: foreign or regional terms
# single quotes: ‘...’ and '...' not inside a word (Jum'at)
_SQUOTE_RE = re.compile(r"‘([^‘’\n]{1,80})’|(?<![\w'])'(?=\w)([^'\n]{1,80})(?<=\w)'(?![\w'])")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    shielded: bool  # inside italics, parentheses or quotes (English or regional words allowed)
    quoted: bool = False  # inside quotation marks: a term cited as such, never "corrected"


_MASK_TRIGGER = re.compile(r"https?:|www\.|@|<|&|\\|\$")
_SHIELD_TRIGGER = re.compile(r"[*_(\"“]")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` in double or single quotation marks."""
    if '"' not in text and "'" not in text and "“" not in text and "”" not in text and "‘" not in text:
        return []
    return sorted([m.span() for m in _QUOTE_RE.finditer(text)] + [m.span() for m in _SQUOTE_RE.finditer(text)])


def _masked(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with masked spans blanked out, and the italic/parenthesis spans."""
    if _MASK_TRIGGER.search(text):
        spans = sorted(m.span() for rx in _MASK_RES for m in rx.finditer(text))
        if spans:
            parts = []
            pos = 0
            for a, b in spans:
                if b <= pos:
                    continue
                a = max(a, pos)
                parts.append(text[pos:a])
                parts.append(" " * (b - a))
                pos = b
            parts.append(text[pos:])
            text = "".join(parts)
    shield: list[tuple[int, int]] = []
    if _SHIELD_TRIGGER.search(text):
        for rx in _ITALIC_RES:
            shield.extend(m.span() for m in rx.finditer(text))
        shield.extend(m.span() for m in _PAREN_RE.finditer(text))
        shield.extend(m.span() for m in _QUOTE_RE.finditer(text))
    return text, shield


def tokenize(raw: str, extra_shield: tuple[tuple[int, int], ...] = ()) -> list[Token]:
    text, shield = _masked(raw)
    if extra_shield:
        shield.extend(extra_shield)
    n = len(text)
    quotes = _quoted_spans(text)
    if not shield and not quotes:
        # the common case: no span to look up, one pass over the words
        out = []
        add = out.append
        for m in _WORD_RE.finditer(text):
            s, e = m.span()
            # words glued to digits (km2, 10m, Tw1) are codes or units, not words
            if (s and text[s - 1].isdigit()) or (e < n and text[e].isdigit()):
                continue
            w = m.group()
            add(Token(s, e, w, w.lower(), False, False))
        return out
    out = []
    # shield spans by start; ``reach`` is the furthest end among the spans started so far, so a
    # token is inside some span iff it ends by ``reach`` (one pass: linear, not tokens x spans)
    spans = sorted(shield)
    k, reach = 0, -1
    q, qreach = 0, -1
    for m in _WORD_RE.finditer(text):
        s, e = m.span()
        # words glued to digits (km2, 10m, Tw1) are codes or units, not words
        if (s > 0 and text[s - 1].isdigit()) or (e < n and text[e].isdigit()):
            continue
        while k < len(spans) and spans[k][0] <= s:
            reach = max(reach, spans[k][1])
            k += 1
        while q < len(quotes) and quotes[q][0] <= s:
            qreach = max(qreach, quotes[q][1])
            q += 1
        w = m.group()
        quoted = e <= qreach
        out.append(Token(s, e, w, w.lower(), e <= reach or quoted, quoted))
    return out
