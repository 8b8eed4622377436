"""Fuzzy matching of indicator, sasaran and program names.

Reports word the same indicator differently from table to table ("IKM" vs "Indeks Kepuasan
Masyarakat", "Ketentraman" vs "Ketenteraman", OCR noise such as "Ktertiban"). Names are
normalised (lower case, markup and punctuation removed, spelling variants folded, acronyms
expanded, stop words dropped) and compared token by token; two tokens match when they are
equal, one is a prefix of the other (at least 5 letters), or they are close in edit distance.

Token similarity is rapidfuzz's LCS (C++): the ratio 2*LCS/(len a + len b) that difflib's
SequenceMatcher approximates, ~50x faster. Name similarities are cached (bounded LRU), since the
table rules compare the same names row after row.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from drafter.resources import load_yaml

_TAG_RE = re.compile(r"<[^>]{0,40}>|\*\*|__|\$\$?|\\text\{|[{}]")
_NONWORD_RE = re.compile(r"[^0-9a-z]+")


def _cfg() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("rules", "tables.yaml")["fuzzy"]
    return data


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], dict[str, str], dict[str, str]]:
    cfg = _cfg()
    stop = frozenset(str(s).lower() for s in cfg.get("stopwords", []))
    acr = {str(k).lower(): str(v).lower() for k, v in (cfg.get("acronyms") or {}).items()}
    var = {str(k).lower(): str(v).lower() for k, v in (cfg.get("variants") or {}).items()}
    return stop, acr, var


def strip_markup(text: str) -> str:
    """Text without HTML tags, Markdown emphasis and LaTeX braces."""
    return _TAG_RE.sub(" ", text)


@lru_cache(maxsize=4096)
def tokens(name: str) -> tuple[str, ...]:
    """Normalised content tokens of ``name`` (acronyms expanded, variants folded)."""
    stop, acr, var = _tables()
    raw = _NONWORD_RE.sub(" ", strip_markup(name).lower()).split()
    out: list[str] = []
    for t in raw:
        t = var.get(t, t)
        if t in acr:
            out.extend(var.get(x, x) for x in acr[t].split())
            continue
        if t in stop or t.isdigit():
            continue
        out.append(t)
    return tuple(out)


def normalize(name: str) -> str:
    """A canonical form of ``name`` for exact comparison."""
    return " ".join(tokens(name))


@lru_cache(maxsize=65536)
def _tok_sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 5 and long_.startswith(short):
        return 0.9
    if len(short) < 4:
        return 0.0
    from rapidfuzz.distance import LCSseq

    r = 2.0 * LCSseq.similarity(a, b) / (len(a) + len(b))
    return r if r >= 0.8 else 0.0


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """Token-based similarity of two names in [0, 1] (Dice coefficient with fuzzy tokens).

    A name that is wholly contained in the other (an abbreviated indicator name, "IKM" for
    "Indeks Kepuasan Masyarakat") scores high as well: the score is the larger of the Dice
    coefficient and 0.9 x the share of the shorter name that is matched, when the shorter name
    has at least two tokens.
    """
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    used: set[int] = set()
    total = 0.0
    for x in ta:
        best, best_j = 0.0, -1
        for j, y in enumerate(tb):
            if j in used:
                continue
            s = _tok_sim(x, y)
            if s > best:
                best, best_j = s, j
                if s == 1.0:
                    break
        if best_j >= 0:
            used.add(best_j)
            total += best
    dice = 2 * total / (len(ta) + len(tb))
    shorter = min(len(ta), len(tb))
    contain = 0.9 * total / shorter if shorter >= 2 else 0.0
    return min(1.0, max(dice, contain))
