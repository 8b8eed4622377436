"""Tests of the general checks added for reports from any office and region: strict
terbilang, structure, Renstra years and counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import get_rule
from drafter.check.rules.terbilang import parse_words
from drafter.check.runner import run_rules
from drafter.document.readers import parse_text
from drafter.numbers import terbilang


def run(text: str, code: str, year: int | None = None) -> list:
    doc = parse_text(text, "<t>")
    ctx = CheckContext(doc, CheckConfig(year=year))
    rule = get_rule(code)
    assert rule is not None
    return [i for i in run_rules(ctx, [rule], strict=True) if i.rule == code]


# --- terbilang ------------------------------------------------------------------------------

@pytest.mark.parametrize("n", [7, 15, 44_174_500, 2_305_000_000, 1_000_001, 110_011, 999_999_999])
def test_parse_words_round_trip(n: int) -> None:
    assert parse_words(terbilang(n)) == n
    assert parse_words(terbilang(n).upper() + " RUPIAH") == n


@pytest.mark.parametrize(("words", "value"), [
    ("delapan puluh delapan koma nol lima", Decimal("88.05")),
    ("satu koma lima miliar", Decimal("1500000000")),
    ("nol koma lima", Decimal("0.5")),
])
def test_parse_words_decimals(words: str, value: Decimal) -> None:
    assert parse_words(words) == value


@pytest.mark.parametrize("words", [
    "empat puluh empat juta seratus tujuh puluh empat lima ratus",  # "ribu" missing
    "lima ratus juta ribu",  # scales not descending
    "satu puluh", "satu belas", "dua tiga", "ribu juta", "tujuh ribu puluh",
    "dua belas juta lima ratus ribu ribu", "enam puluh satu koma", "nol lima",
])
def test_parse_words_rejects_ill_formed(words: str) -> None:
    assert parse_words(words) is None


def test_malformed_words_gives_correct_words() -> None:
    issues = run("Pagu Rp 44.174.500 (empat puluh empat juta seratus tujuh puluh empat lima "
                 "ratus rupiah).", "TB103")
    assert len(issues) == 1
    assert issues[0].expected == "Empat Puluh Empat Juta Seratus Tujuh Puluh Empat Ribu Lima Ratus Rupiah"
    # a parseable but wrong amount is TB101's, not TB103's
    assert not run("Pagu Rp 44.174.500 (empat puluh empat juta rupiah).", "TB103")
    assert run("Pagu Rp 44.174.500 (empat puluh empat juta rupiah).", "TB101")


def test_glued_words_left_to_spelling() -> None:
    assert not run("Terdapat 25 (duapuluh lima) desa.", "TB103")
    assert run("Terdapat 25 (duapuluh enam) desa.", "TB103")


# --- default scale notice -------------------------------------------------------------------

def test_default_scale_is_announced_once() -> None:
    from drafter.check.context import DEFAULT_SCALE_NOTICE
    from drafter.check.runner import check_document

    doc = parse_text("LAPORAN KINERJA DINAS SOSIAL KOTA BIMA TAHUN 2023\n\nCapaian sebesar 95% "
                     "dan masuk kategori Baik. Capaian lain 80% kategori Baik.\n", "<t>")
    _issues, notices = check_document(doc, CheckConfig(year=2023))
    assert notices.count(DEFAULT_SCALE_NOTICE) == 1


def test_own_scale_is_not_announced() -> None:
    from drafter.check.context import DEFAULT_SCALE_NOTICE
    from drafter.check.runner import check_document

    text = ("Tabel 2.1 Skala Nilai Predikat\n\nNo\tNilai Capaian\tPredikat\tKode\n"
            "1\t91 - 100\tSangat Baik\tAA\n2\t76 - 90\tBaik\tBB\n3\t66 - 75\tCukup\tCC\n"
            "4\t51 - 65\tKurang\tC\n5\t0 - 50\tSangat Kurang\tD\n\n"
            "Capaian sebesar 95% dan masuk kategori Sangat Baik.\n")
    _issues, notices = check_document(parse_text(text, "<t>"), CheckConfig(year=2023))
    assert DEFAULT_SCALE_NOTICE not in notices
