"""The report's own predicate scale: interval notations, tables (tab, pipe, flattened), lists,
prose, horizontal layouts, gaps, grade conversions and the default-scale notice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.check.analyzer import default_scale_notice, read_scale
from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import all_rules
from drafter.check.runner import check_document, run_rules
from drafter.document.readers import parse_text
from drafter.measure import (
    Scale,
    cap_rule_stated,
    default_scale,
    parse_interval,
    read_scale_rows,
    read_scale_text,
)

T = "\t"
D = Decimal


def _bounds(text: str) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    iv = parse_interval(text)
    assert iv is not None, text
    return iv.lo, iv.lo_incl, iv.hi, iv.hi_incl


@pytest.mark.parametrize(("text", "expected"), [
    ("> 90", (D(90), False, None, False)),
    (">= 91", (D(91), True, None, False)),
    ("≥ 91%", (D(91), True, None, False)),
    ("91 - 100", (D(91), True, D(100), True)),
    ("91% – 100%", (D(91), True, D(100), True)),
    ("76 s.d. 90", (D(76), True, D(90), True)),
    ("76 s/d 90", (D(76), True, D(90), True)),
    ("76 sampai dengan 90", (D(76), True, D(90), True)),
    ("76 < x <= 90", (D(76), False, D(90), True)),
    ("66 ≤ X < 76", (D(66), True, D(76), False)),
    ("≤ 50", (None, False, D(50), True)),
    ("< 50", (None, False, D(50), False)),
    ("0 - 50", (D(0), True, D(50), True)),
    ("88,31 - 100", (D("88.31"), True, D(100), True)),
    ("70% sampai kurang dari 85%", (D(70), True, D(85), False)),
    ("lebih dari 85%", (D(85), False, None, False)),
    ("kurang dari 55%", (None, False, D(55), False)),
    ("di bawah 40", (None, False, D(40), False)),
    ("85 ke atas", (D(85), True, None, False)),
    ("kurang dari atau sama dengan 50", (None, False, D(50), True)),
    ("91 % ≤ 100 %", (D(91), True, D(100), True)),
])
def test_interval_notations(text: str, expected: tuple[object, ...]) -> None:
    assert _bounds(text) == expected


@pytest.mark.parametrize("text", ["2019 - 2023", "Rp 1.500.000", "tahun 2024", "Sangat Baik"])
def test_no_interval_in_years_amounts_or_words(text: str) -> None:
    assert parse_interval(text) is None


FIVE = [("No", "Rentang Nilai", "Kategori"), ("1", "91 - 100", "Sangat Baik"),
        ("2", "76 - 90", "Baik"), ("3", "66 - 75", "Cukup"), ("4", "51 - 65", "Kurang"),
        ("5", "0 - 50", "Sangat Kurang")]


def _labels(scale: Scale | None) -> list[str]:
    assert scale is not None
    return [b.label for b in scale.bands]


def test_five_levels_without_codes_and_gap_convention() -> None:
    sc = read_scale_rows(FIVE)
    assert _labels(sc) == ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]
    assert sc is not None
    # bounds as stated; a value in a rounding gap (90,5 between 76-90 and 91-100) has not
    # reached the next band's minimum: it stays in the lower band
    assert sc.band_for(D("91")).label == "Sangat Baik"
    assert sc.band_for(D("90.5")).label == "Baik"
    assert sc.band_for(D("76")).label == "Baik"
    assert sc.band_for(D("75.99")).label == "Cukup"
    assert sc.band_for(D("50.5")).label == "Sangat Kurang"
    # above the top of the scale is still the best band, below zero the worst
    assert sc.band_for(D("130")).label == "Sangat Baik"
    assert sc.band_for(D("-5")).label == "Sangat Kurang"
    # the interval is described as the report wrote it
    assert sc.bands[1].describe() == "76 - 90"
    # labels in any letter case
    assert sc.find("SANGAT BAIK") is sc.bands[0]
    assert sc.find("baik") is sc.bands[1]


def test_exclusive_bounds_as_stated() -> None:
    sc = read_scale_rows([("Predikat", "Interval"), ("Sangat Tinggi", "x > 90"),
                          ("Tinggi", "75 < x ≤ 90"), ("Sedang", "60 < x ≤ 75"),
                          ("Rendah", "x ≤ 60")])
    assert _labels(sc) == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah"]
    assert sc is not None
    assert sc.band_for(D(90)).label == "Tinggi"
    assert sc.band_for(D("90.01")).label == "Sangat Tinggi"
    assert sc.band_for(D(75)).label == "Sedang"
    assert sc.band_for(D(60)).label == "Rendah"


def test_four_level_berhasil_scale_horizontal_layout() -> None:
    sc = read_scale_rows([("Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"),
                          ("> 85%", "70% - 85%", "55% - 69%", "< 55%")])
    assert _labels(sc) == ["Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"]
    assert sc is not None
    assert sc.band_for(D(85)).label == "Berhasil"
    assert sc.band_for(D("69.5")).label == "Cukup Berhasil"


def test_letter_scale_a_to_e_keeps_its_own_meaning() -> None:
    sc = read_scale_rows([("A", "91 - 100"), ("B", "76 - 90"), ("C", "61 - 75"), ("D", "51 - 60"),
                          ("E", "0 - 50")])
    assert sc is not None
    assert [b.code for b in sc.bands] == ["A", "B", "C", "D", "E"]
    # A..E letters are not the SAKIP AA..D labels ("A" is not "Memuaskan" here)
    assert sc.find("A") is sc.bands[0] and sc.bands[0].label == "A"
    assert sc.band_for(D(80)).code == "B"


def test_sakip_seven_levels_with_codes_and_labels() -> None:
    rows = [("Kode", "Nilai", "Interpretasi")] + [
        (b.code, f"{b.min if b.min is not None else 0} - {b.max if b.max is not None else 100}",
         b.label) for b in default_scale().bands]
    sc = read_scale_rows(rows)
    assert sc is not None
    assert [b.code for b in sc.bands] == [b.code for b in default_scale().bands]
    for v in ("95", "85", "72.5", "64", "55", "31", "12"):
        assert sc.band_for(D(v)).code == default_scale().band_for(D(v)).code, v


def test_label_and_interval_in_one_cell() -> None:
    sc = read_scale_rows([("1", "Sangat Tinggi (≥ 91)"), ("2", "Tinggi (76 - 90)"),
                          ("3", "Sedang (66 - 75)"), ("4", "Rendah (51 - 65)"),
                          ("5", "Sangat Rendah (≤ 50)")])
    assert _labels(sc) == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


def test_prose_definition() -> None:
    text = ("Capaian kinerja dikategorikan Sangat Tinggi apabila capaian ≥ 91%, Tinggi apabila "
            "76% sampai dengan 90%, Sedang apabila 66% sampai dengan 75%, Rendah apabila 51% "
            "sampai dengan 65% dan Sangat Rendah apabila capaian ≤ 50%.")
    sc = read_scale_text([text])
    assert _labels(sc) == ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]


def test_list_definition() -> None:
    items = ["a. Sangat Baik : capaian di atas 90%;", "b. Baik : capaian 75% - 90%;",
             "c. Cukup : capaian 60% - 74,99%;", "d. Kurang : capaian di bawah 60%."]
    sc = read_scale_text(items)
    assert _labels(sc) == ["Sangat Baik", "Baik", "Cukup", "Kurang"]
    assert sc is not None
    assert sc.band_for(D(90)).label == "Baik"


def test_indicator_table_with_thresholds_is_no_scale() -> None:
    rows = [("Indikator", "Target"), ("Persentase jalan kondisi baik", "≥ 60%"),
            ("Persentase jalan kondisi sedang", "≤ 25%"),
            ("Persentase jembatan kondisi sangat baik", "> 70%"),
            ("Persentase drainase kondisi kurang", "< 15%")]
    assert read_scale_rows(rows) is None


def test_too_few_bands_or_duplicates_are_no_scale() -> None:
    assert read_scale_rows(FIVE[:3]) is None
    assert read_scale_rows([("Baik", "80 - 100"), ("Baik", "60 - 79"), ("Kurang", "0 - 59")]) is None
    assert read_scale_text(["Capaian 95% dikategorikan Sangat Baik."]) is None


def _scale_of(text: str, markdown: bool | None = None) -> tuple[Scale, str]:
    sc, src, _ = read_scale(parse_text(text, "<uji>", markdown=markdown))
    return sc, src


INTRO = "LAPORAN KINERJA DINAS CONTOH TAHUN 2024\n\nSkala pengukuran capaian kinerja:\n\n"


def test_document_tab_table() -> None:
    text = INTRO + "\n".join(T.join(r) for r in FIVE) + "\n\nDemikian.\n"
    sc, src = _scale_of(text)
    assert src == "document" and _labels(sc)[0] == "Sangat Baik" and len(sc.bands) == 5


def test_document_pipe_table() -> None:
    rows = ["| " + " | ".join(r) + " |" for r in FIVE]
    rows.insert(1, "|---|---|---|")
    text = "# LAPORAN KINERJA BADAN CONTOH TAHUN 2024\n\nTabel 2.1 Skala Capaian\n\n" + \
        "\n".join(rows) + "\n\nDemikian.\n"
    sc, src = _scale_of(text, markdown=True)
    assert src == "document" and len(sc.bands) == 5


def test_document_flattened_table() -> None:
    rows = ["No   Rentang Capaian      Kategori",
            "1    91 - 100             Sangat Baik",
            "2    76 - 90              Baik",
            "3    66 - 75              Cukup",
            "4    51 - 65              Kurang",
            "5    0 - 50               Sangat Kurang"]
    text = INTRO + "\n".join(rows) + "\n\nDemikian.\n"
    sc, src = _scale_of(text)
    assert src == "document"
    assert _labels(sc) == ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]


def test_document_prose_and_list() -> None:
    text = (INTRO + "Kriteria penilaian capaian adalah sebagai berikut:\n\n"
            "- Sangat Berhasil, jika capaian lebih dari 85%;\n"
            "- Berhasil, jika capaian 70% sampai dengan 85%;\n"
            "- Cukup Berhasil, jika capaian 55% sampai kurang dari 70%;\n"
            "- Tidak Berhasil, jika capaian kurang dari 55%.\n\nDemikian.\n")
    sc, src = _scale_of(text, markdown=True)
    assert src == "document"
    assert _labels(sc) == ["Sangat Berhasil", "Berhasil", "Cukup Berhasil", "Tidak Berhasil"]


GRADE = [("No", "Nilai Angka", "Nilai Huruf", "Predikat"), ("1", "> 90 - 100", "AA", "Sangat Memuaskan"),
         ("2", "> 80 - 90", "A", "Memuaskan"), ("3", "> 70 - 80", "BB", "Sangat Baik"),
         ("4", "> 60 - 70", "B", "Baik"), ("5", "> 50 - 60", "CC", "Cukup"),
         ("6", "> 30 - 50", "C", "Kurang"), ("7", "0 - 30", "D", "Sangat Kurang")]


def test_grade_conversion_is_not_the_capaian_scale_when_another_is_there() -> None:
    text = ("LAPORAN KINERJA INSPEKTORAT CONTOH TAHUN 2024\n\nTabel 2.3\nKonversi Nilai Evaluasi\n\n"
            + "\n".join(T.join(r) for r in GRADE) + "\n\nTabel 3.1\nSkala Capaian Kinerja\n\n"
            + "\n".join(T.join(r) for r in FIVE) + "\n\nDemikian.\n")
    sc, src = _scale_of(text)
    assert src == "document" and len(sc.bands) == 5 and sc.bands[0].label == "Sangat Baik"


def test_ikm_service_scale_is_not_the_capaian_scale() -> None:
    ikm = [("Nilai IKM", "Mutu Pelayanan", "Kinerja"), ("88,31 - 100", "A", "Sangat Baik"),
           ("76,61 - 88,30", "B", "Baik"), ("65,00 - 76,60", "C", "Kurang Baik"),
           ("25,00 - 64,99", "D", "Tidak Baik")]
    text = ("LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2024\n\nNilai interval IKM:\n\n"
            + "\n".join(T.join(r) for r in ikm) + "\n\nDemikian.\n")
    _, src = _scale_of(text)
    assert src == "default"


def test_default_scale_notice_once_and_in_json() -> None:
    from drafter.check.batch import FileResult
    from drafter.report.textfmt import render_json

    doc = parse_text("LAPORAN KINERJA DINAS CONTOH TAHUN 2024\n\nCapaian 95% dikategorikan "
                     "Sangat Memuaskan. Secara umum capaian dikategorikan sangat memuaskan.\n",
                     "<uji>")
    issues, notices = check_document(doc, CheckConfig())
    assert notices.count(default_scale_notice()) == 1
    assert "skala bawaan 7 tingkat" in default_scale_notice()
    out = render_json([FileResult("<uji>", issues, notices)])
    assert "skala bawaan" in out
    own = parse_text(INTRO + "\n".join(T.join(r) for r in FIVE) + "\n\nDemikian.\n", "<uji>")
    _, notices2 = check_document(own, CheckConfig())
    assert default_scale_notice() not in notices2


def test_cap_rule_read() -> None:
    assert cap_rule_stated("Capaian di atas 100% dihitung 100% dalam rata-rata.")
    assert cap_rule_stated("capaian yang lebih dari 100 % tetap dihitung sebesar 100%")
    assert not cap_rule_stated("Capaian 100% dihitung dari realisasi dibagi target.")
    doc = parse_text("LAPORAN KINERJA DINAS CONTOH TAHUN 2024\n\nCapaian melebihi 100% "
                     "dianggap 100% dalam menghitung rata-rata.\n", "<uji>")
    assert CheckContext(doc).info.cap_100


def _pr101(text: str) -> list[str]:
    rule = next(r for r in all_rules() if r.code == "PR101")
    ctx = CheckContext(parse_text(text, "<uji>"), CheckConfig())
    return [i.message for i in run_rules(ctx, [rule], strict=True) if i.rule == "PR101"]


def test_predicate_judged_on_the_reports_four_level_scale() -> None:
    table = "\n".join(T.join(r) for r in [("Predikat", "Rentang"), ("Sangat Tinggi", "≥ 91"),
                                           ("Tinggi", "76 - 90"), ("Sedang", "66 - 75"),
                                           ("Rendah", "≤ 65")])
    base = "LAPORAN KINERJA BADAN CONTOH TAHUN 2024\n\nSkala capaian:\n\n" + table + "\n\n"
    # correct on the report's scale (the default scale would call 80 'Memuaskan')
    assert _pr101(base + "Capaian indikator sebesar 80% termasuk kategori tinggi.\n") == []
    msgs = _pr101(base + "Capaian indikator sebesar 70% termasuk kategori TINGGI.\n")
    assert len(msgs) == 1 and "'Sedang' (66 - 75)" in msgs[0]


def test_stated_cap_rule_is_used_by_the_average_check() -> None:
    table = "\n".join(T.join(r) for r in [
        ("No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian"),
        ("1", "Meningkatnya layanan arsip", "Persentase arsip tertata", "80", "100", "125,00"),
        ("2", "Meningkatnya layanan arsip", "Persentase arsip digital", "90", "81", "90,00"),
        ("", "Rata-rata", "", "", "", "99,00"),
    ])
    rule = next(r for r in all_rules() if r.code == "AR104")

    def run(cap: str) -> list[str | None]:
        text = ("LAPORAN KINERJA DINAS CONTOH TAHUN 2024\n\n" + cap + "Tabel 3.1\nPengukuran "
                "Kinerja Tahun 2024\n\n" + table + "\n\nDemikian.\n")
        ctx = CheckContext(parse_text(text, "<uji>"), CheckConfig())
        return [i.expected for i in run_rules(ctx, [rule], strict=True) if i.rule == "AR104"]

    # 99,00 is neither (125 + 90) / 2 = 107,50 nor (100 + 90) / 2 = 95,00
    assert run("") == ["107,5%"]
    # with the report's own cap rule the expected average is the capped one
    assert run("Capaian di atas 100% dianggap 100% dalam rata-rata.\n\n") == ["95%"]


def test_scale_table_with_two_halves_side_by_side() -> None:
    """"Predikat | Rentang | Predikat | Rentang": the bands of the right half follow those of
    the left (a PDF page laid out in two columns), also when flattened to space-aligned text."""
    from drafter.measure import read_scale_rows

    rows = [["Predikat", "Rentang Capaian", "Predikat", "Rentang Capaian"],
            ["AA", "capaian >= 100%", "B", "70% <= capaian < 80%"],
            ["A", "90% <= capaian < 100%", "CC", "60% <= capaian < 70%"],
            ["BB", "80% <= capaian < 90%", "C", "capaian < 60%"]]
    sc = read_scale_rows(rows)
    assert sc is not None and [b.code for b in sc.bands] == ["AA", "A", "BB", "B", "CC", "C"]
    assert sc.band_for(Decimal("74.77")).code == "B"
    text = ("Tabel 3.2 Skala Predikat Capaian\n" + "-" * 70 + "\n"
            + "\n".join(f"{r[0]:<13}{r[1]:<29}{r[2]:<13}{r[3]}" for r in rows[:1]) + "\n" + "-" * 70 + "\n"
            + "\n".join(f"{r[0]:<13}{r[1]:<29}{r[2]:<13}{r[3]}" for r in rows[1:]) + "\n" + "-" * 70 + "\n")
    got, source, _at = read_scale(parse_text(text, "t.txt"))
    assert source == "document"
    assert [b.code for b in got.bands] == ["AA", "A", "BB", "B", "CC", "C"]
