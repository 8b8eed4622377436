"""drafter.numbers: Indonesian formatting, parsing and terbilang."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.numbers import (
    fmt_num,
    fmt_pct,
    fmt_rp,
    parse_number,
    round_half_up,
    scan_numbers,
    terbilang,
    terbilang_rupiah,
)


@pytest.mark.parametrize(("x", "text"), [
    (D("1234567.89"), "1.234.567,89"), (D("100"), "100"), (D("92.80"), "92,8"),
    (D("0.005"), "0,01"), (D("-5.99"), "-5,99"), (1000, "1.000"),
])
def test_fmt_num(x: D, text: str) -> None:
    assert fmt_num(x) == text


def test_fmt_pct_rp() -> None:
    assert fmt_pct(D("103.59")) == "103,59%"
    assert fmt_pct(D("100.00")) == "100%"
    assert fmt_rp(D("3973567698")) == "Rp 3.973.567.698"
    assert fmt_rp(D("10039600.50")) == "Rp 10.039.600,5"


def test_round_half_up() -> None:
    assert round_half_up(D("2.345"), 2) == D("2.35")
    assert round_half_up(D("103.585"), 2) == D("103.59")


@pytest.mark.parametrize(("text", "value", "percent", "currency"), [
    ("1.234.567,89", D("1234567.89"), False, False),
    ("103,59%", D("103.59"), True, False),
    ("Rp 3.973.567.698", D("3973567698"), False, True),
    ("Rp. 10.039.600,00,-", D("10039600"), False, True),
    ("92.8", D("92.8"), False, False),
])
def test_parse_number(text: str, value: D, percent: bool, currency: bool) -> None:
    n = parse_number(text)
    assert n is not None
    assert (n.value, n.percent, n.currency) == (value, percent, currency)


def test_malformed_and_explains() -> None:
    n = parse_number("95.523400")
    assert n is not None and n.malformed
    cap = parse_number("103%")
    assert cap is not None and cap.explains(D("103.4")) and not cap.explains(D("103.59"))


def test_scan_numbers_roundtrip() -> None:
    text = "realisasi 88,05 dari target 85 atau 103,59% dengan anggaran Rp 3.973.567.698"
    nums = scan_numbers(text)
    assert [n.value for n in nums] == [D("88.05"), D("85"), D("103.59"), D("3973567698")]
    for n in nums:
        assert parse_number(text[n.start:n.end]) is not None


def test_terbilang() -> None:
    assert terbilang(3973567698) == ("tiga miliar sembilan ratus tujuh puluh tiga juta lima ratus "
                                     "enam puluh tujuh ribu enam ratus sembilan puluh delapan")
    assert terbilang(1000) == "seribu"
    assert terbilang(1100000) == "satu juta seratus ribu"
    assert terbilang_rupiah(10039600) == "Sepuluh Juta Tiga Puluh Sembilan Ribu Enam Ratus Rupiah"


def test_signed_and_non_ascii_cells() -> None:
    from decimal import Decimal

    from drafter.numbers import fmt_num, parse_number

    assert parse_number("-5").value == Decimal(-5)
    n = parse_number("−3,5%")
    assert n is not None and n.value == Decimal("-3.5") and n.percent and n.text == "−3,5%"
    assert parse_number("+2").value == Decimal(2)
    assert parse_number("-") is None
    assert parse_number("٣") is None  # Arabic-Indic digit: not an Indonesian number
    for x in (-5, -1234.5, -0.25):
        assert parse_number(fmt_num(x)).value == Decimal(str(x))
