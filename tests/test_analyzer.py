"""Report understanding: year, instansi, kabupaten, the report's own scale."""

from __future__ import annotations

from drafter.check.analyzer import analyze_report
from drafter.document.readers import parse_text


def test_year_from_title_not_from_cited_regulations() -> None:
    doc = parse_text(
        "LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2023\n\n"
        "Laporan Kinerja Kecamatan Contoh Tahun 2023 disusun berdasarkan Peraturan Pemerintah "
        "Nomor 8 Tahun 2006 dan Nomor 8 Tahun 2006 serta Nomor 29 Tahun 2014.\n"
    )
    info = analyze_report(doc)
    assert info.year == 2023
    assert info.instansi == "Kecamatan Contoh"


def test_first_year_of_a_period_is_not_the_report_year() -> None:
    # a foreword that names the Renstra period right after "Laporan Kinerja ... Tahun"; the
    # period is written with a space after the hyphen, as PDF conversions often leave it
    doc = parse_text(
        "KATA PENGANTAR\n\n"
        "Laporan Kinerja ini disusun pada tahun kedua Renstra Dinas Contoh Tahun 2019- 2024, "
        "sedangkan Laporan Kinerja Dinas Contoh Tahun 2020 memuat capaian sasaran.\n\n"
        "Laporan Kinerja ini mengikuti Rencana Strategis Tahun 2019 s.d. 2024 dan Tahun 2019 - 2024.\n"
    )
    assert analyze_report(doc).year == 2020


def test_year_of_a_decree_from_its_number() -> None:
    doc = parse_text(
        "KEPUTUSAN CAMAT CONTOH\n\nNomor : 000.8/52/35.09.04/2025\n\n"
        "Mengingat Peraturan Pemerintah Nomor 8 Tahun 2006, Nomor 39 Tahun 2006, "
        "Nomor 13 Tahun 2006.\n"
    )
    assert analyze_report(doc).year == 2025


def test_year_override_and_kabupaten() -> None:
    doc = parse_text("Laporan Kinerja Kecamatan Contoh Kabupaten Jember Tahun 2023.\n")
    info = analyze_report(doc, year=2024)
    assert info.year == 2024 and info.kabupaten == "Jember"


def test_document_scale_read_from_table() -> None:
    rows = [("1.", "AA", "> 90 - 100", "Sangat Memuaskan"), ("2.", "A", "> 75 - 90", "Memuaskan"),
            ("3.", "BB", "> 65 - 75", "Sangat Baik"), ("4.", "B", "> 50 - 65", "Baik"),
            ("5.", "CC", "> 40 - 50", "Cukup"), ("6.", "C", "> 30 - 40", "Kurang"),
            ("7.", "D", "0 - 30", "Sangat Kurang")]
    text = "No\tKategori\tNilai\tInterpretasi\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    info = analyze_report(parse_text(text))
    assert info.scale_source == "document"
    assert info.scale.band_for(80).code == "A"  # default scale would say A as well
    assert info.scale.band_for(70).code == "BB"  # default: BB too; 66 differs:
    assert info.scale.band_for(66).code == "BB"  # default scale: B


def test_cover_year_outvotes_a_foreword_copied_from_last_year() -> None:
    doc = parse_text(
        "LAPORAN KINERJA INSTANSI PEMERINTAH\nDINAS PANGAN\nKABUPATEN CONTOH\nTAHUN 2024\n\n"
        "KATA PENGANTAR\n\nLaporan Kinerja Tahun 2023 Dinas Pangan ini kami susun sebagai wujud "
        "pertanggungjawaban.\n"
    )
    assert analyze_report(doc).year == 2024
    # without the cover, the foreword's year is all there is
    doc = parse_text("KATA PENGANTAR\n\nLaporan Kinerja Tahun 2023 Dinas Pangan ini kami susun.\n")
    assert analyze_report(doc).year == 2023


def test_letter_grade_scale_flattened_to_lines() -> None:
    # a two-column scale table flattened from PDF: one "grade  interval" line per band
    text = ("Predikat capaian ditetapkan dengan skala berikut.\n\nTabel 3.4 Skala Predikat\n\n"
            "Predikat     Rentang Capaian\n\n    A         ≥ 92%\n\n    B         82% s.d. < 92%\n\n"
            "    C         72% s.d. < 82%\n\n    D         < 72%\n")
    info = analyze_report(parse_text(text))
    assert info.scale_source == "document"
    assert info.scale.band_for(93).code == "A"
    assert info.scale.band_for(85).code == "B"  # the default scale would say AA
