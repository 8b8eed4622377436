"""drafter.measure: capaian formulas, the predicate scale boundaries, averages, changes."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter import measure


@pytest.mark.parametrize(("t", "r", "pol", "expected"), [
    (85, D("88.05"), "positif", D("103.59")),
    (100, D("92.8"), "positif", D("92.8")),
    (10, 8, "negatif", D("120")),       # (10 - (8 - 10)) / 10 x 100
    (10, 12, "negatif", D("80")),
    (5, 8, "negatif", D("40")),
    (10, 25, "negatif", D("-50")),      # far worse than target: negative capaian
    ("BB", "A", "positif", D("113.33")),  # 85 / 75
    ("A", "A", "positif", D("100")),
])
def test_capaian(t: object, r: object, pol: str, expected: D) -> None:
    assert measure.capaian(t, r, pol) == expected  # type: ignore[arg-type]


def test_capaian_with_scores_and_zero_target() -> None:
    assert measure.capaian("B", "A", skor_target=65, skor_realisasi=85) == D("130.77")
    with pytest.raises(ZeroDivisionError):
        measure.capaian(0, 5)


@pytest.mark.parametrize(("x", "code"), [
    (D("100"), "AA"), (D("125"), "AA"), (D("90"), "AA"), (D("89.99"), "A"), (D("80"), "A"),
    (D("79.99"), "BB"), (D("70"), "BB"), (D("60"), "B"), (D("50"), "CC"), (D("30"), "C"),
    (D("29.99"), "D"), (D("0"), "D"), (D("-5"), "D"),
])
def test_scale_boundaries(x: D, code: str) -> None:
    assert measure.default_scale().band_for(x).code == code


def test_scale_find_labels() -> None:
    scale = measure.default_scale()
    assert scale.find("Sangat Baik").code == "BB"  # type: ignore[union-attr]
    assert scale.find("baik").code == "B"  # type: ignore[union-attr]
    assert scale.find("memadai").code == "CC"  # type: ignore[union-attr]
    assert scale.find("luar biasa") is None


@pytest.mark.parametrize(("t", "r", "pol", "st"), [
    (80, 90, "positif", "melampaui"), (80, 80, "positif", "tercapai"),
    (80, D("79.999"), "positif", "tidak_tercapai"), (10, 8, "negatif", "melampaui"),
    (10, 11, "negatif", "tidak_tercapai"), ("BB", "A", "positif", "melampaui"),
    ("A", "BB", "positif", "tidak_tercapai"),
])
def test_status(t: object, r: object, pol: str, st: str) -> None:
    assert measure.status(t, r, pol) == st  # type: ignore[arg-type]


def test_average_cap() -> None:
    vals = [D("103.59"), D("100"), D("125"), D("92.8")]
    assert measure.average(vals) == D("105.35")
    assert measure.average(vals, cap_at_100=True) == D("98.2")
    with pytest.raises(ValueError):
        measure.average([])


def test_change_polarity_and_grades() -> None:
    c = measure.change(D("93.33"), D("88.05"))
    assert (c.direction, c.better, c.points, c.percent) == ("turun", False, D("-5.28"), D("-5.66"))
    c = measure.change(12, 8, "negatif")
    assert (c.direction, c.better) == ("turun", True)
    c = measure.change(6, 8, "negatif")
    assert (c.direction, c.better) == ("naik", False)
    c = measure.change(90, 90)
    assert (c.direction, c.better) == ("tetap", None)
    c = measure.change("BB", "A")
    assert (c.direction, c.better, c.points, c.percent) == ("naik", True, D(1), None)
    assert measure.change(0, 5).percent is None


def test_renstra_progress() -> None:
    p = measure.renstra_progress(100, D("88.05"), "positif", report_year=2023, start_year=2021,
                                 end_year=2026)
    assert (p.capaian, p.reached, p.year_index) == (D("88.05"), False, 3)
    p = measure.renstra_progress(5, 4, "negatif", report_year=2023, start_year=2021, end_year=2026)
    assert p.reached and p.capaian == D("120")


def test_efficiency_and_absorption() -> None:
    s = measure.absorption(D("3973567698"), D("3628278209"))
    assert s == D("91.31")
    assert measure.absorption(0, 0) == 0
    e = measure.efficiency(D("100"), D("99.77"), "selisih")
    assert e.value == D("0.23") and e.efisien
    e = measure.efficiency(D("80"), D("88.25"), "sisa_anggaran")
    assert e.value == D("11.75") and not e.efisien
    e = measure.efficiency(D("85"), D("82.2"), "rasio")
    assert e.value == D("1.03") and e.efisien
