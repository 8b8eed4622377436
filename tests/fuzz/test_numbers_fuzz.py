"""Fuzz the Indonesian number parser and formatters (drafter.numbers)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter.errors import LkipError
from drafter.numbers import (
    Num,
    fmt_num,
    fmt_pct,
    fmt_rp,
    parse_number,
    round_half_up,
    scan_numbers,
    terbilang,
    terbilang_rupiah,
)

from .helpers import count_example, n_examples

# Text built from the pieces Indonesian numbers are made of, so the parser's interesting paths
# (groups, decimal comma, Rp, %, ",-") are hit far more often than by arbitrary unicode.
PIECES = st.sampled_from([
    "0", "1", "2", "5", "9", "12", "123", "2023", "1.234", ".567", ".000", ",5", ",05", ",00",
    ",-", ",00,-", "%", " %", " persen", "Rp", "Rp.", "Rp ", "Rp.  ", " ", "  ", "\t", "\n",
    ".", ",", "-", "+", "x", "a", "ke", "_", "(", ")", "/", "IKM", "tahun", "٣", "²", "½", "\u00a0",
    "1e5", "NaN", "Infinity",
])
NUMBERISH = st.lists(PIECES, max_size=14).map("".join)
ANY_TEXT = st.one_of(NUMBERISH, st.text(max_size=60))


def _check_num(num: Num) -> None:
    assert isinstance(num.value, Decimal)
    assert num.value.is_finite()
    assert num.decimals >= 0
    # a stated number always explains itself
    assert num.explains(num.value)


@settings(max_examples=n_examples(3000))
@given(ANY_TEXT)
@example("Rp 10.039.600,00,-")
@example("95.523400")
@example("103,59 persen")
def test_parse_number_never_crashes(text: str) -> None:
    count_example("parse_number")
    try:
        num = parse_number(text)
    except LkipError:
        return
    if num is not None:
        _check_num(num)
        assert num.text.strip() == num.text or num.text == text.strip()


@settings(max_examples=n_examples(2500))
@given(st.lists(st.one_of(NUMBERISH, st.text(max_size=12)), max_size=6).map(" ".join))
@example("Capaian 103,59% dari target 85 (Rp 3.973.567.698,-) tahun 2023")
@example("ke3 3.1a 1.2.3 95.523400")
def test_scan_numbers_spans(text: str) -> None:
    count_example("scan_numbers")
    try:
        nums = scan_numbers(text)
    except LkipError:
        return
    last_end = 0
    for num in nums:
        assert 0 <= num.start < num.end <= len(text)
        assert text[num.start:num.end] == num.text
        assert num.start >= last_end, "overlapping spans"
        last_end = num.end
        _check_num(num)
        # a number found in running text parses to the same value on its own
        alone = parse_number(num.text)
        assert alone is not None and alone.value == num.value


VALUES = st.one_of(
    st.integers(min_value=0, max_value=10**15),
    st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=n_examples(2000))
@given(VALUES, st.integers(min_value=0, max_value=4))
@example(Decimal("1234.5"), 2)
@example(Decimal("0.005"), 2)
@example(1000, 0)
def test_fmt_num_round_trip(x: int | float | Decimal, decimals: int) -> None:
    count_example("fmt_num")
    expected = round_half_up(x, decimals)
    text = fmt_num(x, decimals)
    num = parse_number(text)
    assert num is not None, text
    assert num.value == expected, (text, expected)
    assert not num.malformed, text
    pct = parse_number(fmt_pct(x, decimals))
    assert pct is not None and pct.percent and pct.value == expected
    rp = parse_number(fmt_rp(x))
    assert rp is not None and rp.currency and rp.value == round_half_up(x, 2)
    # and the same text is found inside a sentence
    sentence = f"capaian sebesar {fmt_pct(x, decimals)} pada tahun 2023."
    found = [n for n in scan_numbers(sentence) if n.percent]
    assert len(found) == 1 and found[0].value == expected, sentence


@settings(max_examples=n_examples(400))
@given(st.integers(min_value=0, max_value=10**14))
@example(3_973_567_698)
def test_terbilang_words(n: int) -> None:
    count_example("terbilang")
    words = terbilang(n)
    assert words and words == words.lower()
    assert all(w.isalpha() for w in words.split()), words
    assert "milyar" not in words
    rp = terbilang_rupiah(n)
    assert rp.endswith("Rupiah")
