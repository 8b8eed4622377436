"""One text layer for every rule: sentences, tokens and typed number mentions."""

from drafter.text.layer import (
    WORD_RE,
    TextLayer,
    Token,
    UnitText,
    about_one_sasaran,
    analyze,
    operand_numbers,
    words,
)
from drafter.text.mentions import Mention, classify, is_malformed_text, scan
from drafter.text.prefilter import (
    can_match,
    filtered_finditer,
    filtered_fullmatch,
    filtered_match,
    filtered_search,
)
from drafter.text.sentences import split

__all__ = ["WORD_RE", "Mention", "TextLayer", "Token", "UnitText", "about_one_sasaran", "analyze", "can_match",
           "classify", "filtered_finditer", "filtered_fullmatch", "filtered_match", "filtered_search",
           "is_malformed_text", "operand_numbers", "scan", "split", "words"]
