"""Unit tests of the claim-vs-table (CL), cross-table (XT) and count (CN) rules and helpers."""

from __future__ import annotations

from drafter.check.claims_parse import (
    indicator_paragraphs,
    same_value,
    sentences,
    text_value,
)
from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import get_rule
from drafter.check.rules.claims import in_choice
from drafter.check.runner import run_rules
from drafter.document.readers import parse_text

H = "BAB III\n\nAKUNTABILITAS KINERJA\n\n"
T31 = (
    "Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2023\n\n"
    "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
    "1\tTerjaganya ketertiban umum dan ketentraman masyarakat\t"
    "Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\t100%\t97%\t97%\n"
    "2\tMeningkatnya kepuasan masyarakat atas pelayanan publik\tIndeks Kepuasan Masyarakat\t85\t88,05\t103,59%\n"
    "3\tTerselenggaranya pemerintahan kecamatan yang baik\tNilai SAKIP\tB\tB\t100%\n\n"
)


def run(code: str, text: str, year: int | None = 2023) -> list:
    doc = parse_text(text, "<t>")
    ctx = CheckContext(doc, CheckConfig(year=year))
    rule = get_rule(code)
    assert rule is not None
    return [i for i in run_rules(ctx, [rule], strict=True) if i.rule == code]


# helpers ------------------------------------------------------------------------------------
def test_sentences_keep_rp_abbreviation_and_decimals() -> None:
    text = "Anggaran sebesar Rp. 3.973.567.698,- telah terserap. Realisasi 88,05 tercapai."
    spans = [text[s:e] for s, e in sentences(text)]
    assert spans == ["Anggaran sebesar Rp. 3.973.567.698,- telah terserap.", "Realisasi 88,05 tercapai."]


def test_text_value_indonesian_formats() -> None:
    v = text_value("100 %")
    assert v is not None and v.num is not None and v.num.value == 100 and v.num.percent
    v = text_value("Rp. 3.973.567.698,-")
    assert v is not None and v.num is not None and v.num.value == 3973567698
    v = text_value("85 atau BB")
    assert v is not None and v.num is not None and v.num.value == 85 and v.grade == "BB"
    v = text_value("88,05")
    assert v is not None and str(v.num.value) == "88.05"  # type: ignore[union-attr]


def test_same_value_follows_rounding_and_grades() -> None:
    a, b = text_value("92,8%"), text_value("92,80%")
    assert same_value(a, b) is True
    assert same_value(text_value("103%"), text_value("103,4%")) is True  # 103 explains 103,4
    assert same_value(text_value("100%"), text_value("97%")) is False
    assert same_value(text_value("4"), text_value("4,50")) is False  # 4,50 rounds half-up to 5
    assert same_value(text_value("88,1"), text_value("88,05")) is True
    assert same_value(text_value("B"), text_value("BB")) is False
    assert same_value(text_value("BB (80)"), text_value("80")) is True
    assert same_value(text_value("B"), text_value("85")) is None


def test_in_choice_brackets() -> None:
    t = "maka terdapat (penurunan/ kenaikan) dari nilai 1 menjadi 2"
    i = t.index("penurunan")
    assert in_choice(t, i, i + len("penurunan"))
    t2 = "maka terdapat (penurunan) dari nilai 1 menjadi 2"
    j = t2.index("penurunan")
    assert not in_choice(t2, j, j + len("penurunan"))


def test_indicator_context_by_heading_name_and_by_number() -> None:
    text = (H + T31 + "Sasaran Strategis 2 : Meningkatnya kepuasan masyarakat atas pelayanan publik\n\n"
            "Realisasi IKM tahun 2023 yaitu 88,05.\n\n"
            "Sasaran Strategis 3 :\n\nNilai SAKIP tahun 2023 adalah B.\n")
    doc = parse_text(text, "<t>")
    ctx = CheckContext(doc, CheckConfig(year=2023))
    got = {b.text[:20]: (r.name if r else None) for b, r in indicator_paragraphs(ctx)}
    assert got["Realisasi IKM tahun "] == "Indeks Kepuasan Masyarakat"
    assert got["Nilai SAKIP tahun 20"] == "Nilai SAKIP"


# claim rules --------------------------------------------------------------------------------
S1 = ("Sasaran Strategis 1 : Terjaganya ketertiban umum dan ketentraman masyarakat\n\n"
      "Indikator : Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\n\n")


def test_realisasi_claim_states_expected_value() -> None:
    issues = run("CL101", H + T31 + S1 + "Dari tabel 3.1 realisasi tahun 2023 yaitu 100 % tercapai.\n")
    assert len(issues) == 1
    assert issues[0].expected == "97%"
    assert "100 %" in issues[0].message


def test_realisasi_claim_other_year_is_ignored() -> None:
    assert not run("CL101", H + T31 + S1 + "Realisasi tahun 2022 yaitu 90%.\n")


def test_grade_realisasi_claim() -> None:
    text = H + T31 + "Sasaran Strategis 3 : Terselenggaranya pemerintahan kecamatan yang baik\n\n" \
        "Hasil evaluasi AKIP tahun 2023 adalah 85 atau BB (sangat baik).\n"
    issues = run("CL101", text)
    assert issues and issues[0].expected == "B"
    ok = H + T31 + "Sasaran Strategis 3 : Terselenggaranya pemerintahan kecamatan yang baik\n\n" \
        "Hasil evaluasi AKIP tahun 2023 adalah 62 atau B (baik).\n"
    assert not run("CL101", ok)


def test_direction_claim_below_target() -> None:
    issues = run("CL103", H + T31 + S1 + "Realisasi tahun 2023 yaitu 97% telah tercapai.\n")
    assert issues and issues[0].expected == "di bawah target"
    assert not run("CL103", H + T31 + S1 + "Realisasi tahun 2023 yaitu 97% belum tercapai.\n")


def test_renstra_year_index_needs_known_period() -> None:
    t33 = ("Tabel 3.3 Perbandingan Realisasi dengan Target Renstra 2026\n\n"
           "No\tSasaran Strategis\tIndikator\tTarget Jangka Menengah pada Renstra\tRealisasi 2023\tCapaian\n"
           "1\tTerjaganya ketertiban umum dan ketentraman masyarakat\t"
           "Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\t95%\t97%\t102,11%\n\n")
    claim = "Target pada akhir periode renstra (tahun 2026) tercapai pada tahun ke-2 periode renstra.\n"
    # without a stated Renstra period the year index is not checked
    assert not run("CL105", H + T31 + t33 + S1 + claim)
    issues = run("CL105", "Renstra tahun 2021-2026.\n\n" + H + T31 + t33 + S1 + claim)
    assert [i.expected for i in issues] == ["tahun ke-3"]


# cross-table --------------------------------------------------------------------------------
def test_odd_one_out_reported_once() -> None:
    t33 = ("Tabel 3.3 Perbandingan Realisasi dengan Target Renstra 2026\n\n"
           "No\tSasaran Strategis\tIndikator\tTarget Jangka Menengah pada Renstra\tRealisasi 2023\tCapaian\n"
           "1\tTerjaganya ketertiban umum dan ketentraman masyarakat\t"
           "Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\t100%\t97%\t97%\n\n")
    t34 = ("Tabel 3.4 Perbandingan Realisasi Kinerja dengan Realisasi Nasional\n\n"
           "No\tSasaran Strategis\tIndikator\tRealisasi 2023\tRealisasi Nasional\n"
           "1\tTerjaganya ketertiban umum dan ketentraman masyarakat\t"
           "Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\t100%\t-\n\n")
    issues = run("XT101", H + T31 + t33 + t34)
    assert len(issues) == 1
    assert issues[0].expected == "97%"
    assert "Tabel 3.1" in issues[0].message


def test_total_of_another_year_is_not_compared() -> None:
    t38 = ("Tabel 3.8 Realisasi Anggaran per Program Tahun 2023\n\n"
           "No\tProgram/Kegiatan/Sub Kegiatan\tPagu\tRealisasi\t%\n"
           "I\tProgram : Penyelenggaraan Pemerintahan dan Pelayanan Publik\t734.400.000\t732.700.000\t99,77\n"
           "II\tProgram : Koordinasi Ketenteraman dan Ketertiban Umum\t265.600.000\t240.000.000\t90,36\n"
           "\tJUMLAH\t1.000.000.000\t972.700.000\t97,27\n\n")
    ok = ("Realisasi anggaran tahun 2023 sebesar Rp. 972.700.000 dari total anggaran Rp. 1.000.000.000,00,- "
          "atau 97,27%. Pada tahun 2022 dari total anggaran sebesar Rp. 700.000.000,00 terealisasi "
          "sebesar Rp 650.000.000,00,-.\n")
    assert not run("XT105", H + t38 + ok)
    bad = "Realisasi belanja sampai dengan 31 Desember 2023 sebesar Rp1.000.000.000 atau 97%.\n"
    issues = run("XT105", H + t38 + bad)
    assert issues and "total pagu" in issues[0].message


# counts -------------------------------------------------------------------------------------
def test_indicator_count_ignores_status_parts() -> None:
    ok = "Dari 3 indikator sasaran sebanyak 2 indikator pencapaiannya dalam kategori sangat memuaskan.\n"
    assert not run("CN101", H + T31 + ok)
    bad = "Jumlah sasaran yang ditetapkan sebanyak 3 sasaran dan 4 indikator sasaran.\n"
    issues = run("CN101", H + T31 + bad)
    assert [i.expected for i in issues] == ["3 indikator"]


def test_staff_count_against_tables() -> None:
    staff = ("Tabel 1.2\n\nJumlah ASN berdasarkan Pangkat/Golongan\n\n"
             "No\tPangkat\tGolongan\tJumlah\n1\tPembina\tIV/a\t2\n2\tPenata\tIII/c\t13\nJumlah\t\t\t15\n\n")
    assert not run("CN104", staff + "Kecamatan terdiri dari 15 ASN.\n")
    issues = run("CN104", staff + "Kecamatan terdiri dari 17 ASN.\n")
    assert issues and issues[0].expected == "15 ASN"


def test_negative_polarity_read_from_capaian() -> None:
    t31 = ("Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2023\n\n"
           "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
           "1\tMenurunnya kemiskinan\tPersentase Penduduk Miskin\t10%\t8%\t120%\n\n")
    s = "Sasaran Strategis 1 : Menurunnya kemiskinan\n\n"
    # lower is better here: 8% against a target of 10% exceeds the target
    assert not run("CL103", H + t31 + s + "Realisasi tahun 2023 yaitu 8% telah tercapai (melampaui) target.\n")
    issues = run("CL103", H + t31 + s + "Realisasi tahun 2023 yaitu 8% belum tercapai.\n")
    assert issues and issues[0].expected == "melampaui target"


CLEAN_REPORT = """# LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2023

## IKHTISAR EKSEKUTIF

Capaian kinerja Kecamatan Contoh tahun 2023 menunjukkan sebanyak 1 indikator capaian kinerja di atas target. Dari analisis yang dilakukan ada efisiensi dalam penggunaan anggaran.

Untuk mendukung pencapaian kinerja tahun 2023 dialokasikan dana sebesar 100% merupakan Belanja Operasional atau sebesar Rp 1.000.000.000. Realisasi belanja sampai dengan 31 Desember 2023 sebesar Rp 972.700.000 atau 97,27% dari pagu anggaran.

## BAB I PENDAHULUAN

Kecamatan Contoh terdiri dari 15 ASN dan 10 Non ASN.

**Tabel 1.1**
**Jumlah ASN dan Non ASN berdasarkan Pendidikan**

| No | Pendidikan | Jumlah | Keterangan |
|---|---|---|---|
| 1 | SMA | 7 | ASN |
| 2 | S1 | 8 | ASN |
| 3 | SMA | 10 | Non ASN |
| Jumlah | | 25 | |

## BAB II PERENCANAAN KINERJA

Renstra Kecamatan Contoh tahun 2021-2026 memuat target sebagai berikut.

**Matriks Renstra Kecamatan Contoh 2021-2026**

| No | Sasaran | Indikator | Target 2022 | Target 2023 | Target 2024 | Target 2025 | Target 2026 |
|---|---|---|---|---|---|---|---|
| 1 | Terjaganya ketertiban umum dan ketenteraman masyarakat | Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum | 100% | 100% | 100% | 100% | 100% |
| 2 | Meningkatnya kepuasan masyarakat atas pelayanan publik | Indeks Kepuasan Masyarakat | 80 | 85 | 90 | 92 | 95 |

**Perjanjian Kinerja Tahun 2023**

| No | Sasaran Strategis | Indikator Kinerja | Target |
|---|---|---|---|
| 1 | Terjaganya ketertiban umum dan ketenteraman masyarakat | Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum | 100% |
| 2 | Meningkatnya kepuasan masyarakat atas pelayanan publik | Indeks Kepuasan Masyarakat | 85 |

## BAB III AKUNTABILITAS KINERJA

### B.1 ANALISA REALISASI KINERJA

Jumlah sasaran yang ditetapkan sebanyak 2 sasaran dan 2 indikator sasaran.

**Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2023**

| No | Sasaran Strategis | Indikator Kinerja | Target | Realisasi | Capaian |
|---|---|---|---|---|---|
| 1 | Terjaganya ketertiban umum dan ketenteraman masyarakat | Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum | 100% | 97% | 97% |
| 2 | Meningkatnya kepuasan masyarakat atas pelayanan publik | Indeks Kepuasan Masyarakat | 85 | 88,05 | 103,59% |
| | **RATA-RATA CAPAIAN** | | | | 100,30% |

**Tabel 3.2 Perbandingan Capaian Kinerja Tahun 2023 dengan Tahun Sebelumnya**

| No | Sasaran Strategis | Indikator Sasaran | Target 2022 | Target 2023 | Realisasi 2022 | Realisasi 2023 |
|---|---|---|---|---|---|---|
| 1 | Terjaganya ketertiban umum dan ketenteraman masyarakat | Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum | 100% | 100% | 90% | 97% |
| 2 | Meningkatnya kepuasan masyarakat atas pelayanan publik | Indeks Kepuasan Masyarakat | 80 | 85 | 93,33 | 88,05 |

**Tabel 3.3 Perbandingan Realisasi Kinerja Tahun 2023 dengan Target Renstra 2026**

| No | Sasaran Strategis | Indikator Sasaran | Target Jangka Menengah pada Renstra 2026 | Realisasi 2023 | Capaian |
|---|---|---|---|---|---|
| 1 | Terjaganya ketertiban umum dan ketenteraman masyarakat | Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum | 100% | 97% | 97% |
| 2 | Meningkatnya kepuasan masyarakat atas pelayanan publik | Indeks Kepuasan Masyarakat | 95 | 88,05 | 92,68% |

**Tabel 3.4 Perbandingan Realisasi Kinerja dengan Realisasi Nasional**

| No | Sasaran Strategis | Indikator Sasaran | Realisasi 2023 | Realisasi Nasional |
|---|---|---|---|---|
| 1 | Terjaganya ketertiban umum dan ketenteraman masyarakat | Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum | 97% | - |
| 2 | Meningkatnya kepuasan masyarakat atas pelayanan publik | Indeks Kepuasan Masyarakat | 88,05 | 86,34 |

**Sasaran Strategis 1 : Terjaganya ketertiban umum dan ketenteraman masyarakat**

**Indikator : Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum**

Realisasi tahun 2023 sebesar 97% dengan capaian 97% sehingga target belum tercapai, namun masih dalam kategori Sangat Memuaskan. Dibandingkan tahun 2022 terdapat kenaikan dari 90% menjadi 97%. Target akhir periode Renstra (tahun 2026) sebesar 100% belum tercapai, dengan capaian sebesar 97% terhadap target jangka menengah.

**Sasaran Strategis 2 : Meningkatnya kepuasan masyarakat atas pelayanan publik**

**Indikator : Indeks Kepuasan Masyarakat**

Realisasi tahun 2023 yaitu 88,05 telah melampaui target 85 dengan capaian 103,59% dalam kategori Sangat Memuaskan. Dibandingkan dengan realisasi tahun lalu terdapat penurunan dari nilai 93,33 menjadi 88,05. Capaian terhadap target jangka menengah Renstra sebesar 92,68%. Dibandingkan IKM Kabupaten tahun 2023 sebesar 86,34 maka realisasi IKM Kecamatan sebesar 88,05 telah melampaui IKM Kabupaten sebanyak 1,71 poin.

### B.2 ANALISA PENYEBAB KEBERHASILAN DAN KEGAGALAN

**Tabel 3.5 Ikhtisar Capaian Kinerja Tahun 2023**

| Sasaran/Indikator Sasaran | % Capaian | Sangat Memuaskan | Memuaskan | Sangat Baik | Baik | Cukup | Kurang | Sangat Kurang |
|---|---|---|---|---|---|---|---|---|
| Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum | 97% | ✓ | | | | | | |
| Indeks Kepuasan Masyarakat | 103,59% | ✓ | | | | | | |

Dari tabel 3.5 di atas, secara umum realisasi kinerja Kecamatan Contoh dalam kategori Sangat Memuaskan. Dari 2 indikator sasaran sebanyak 2 indikator pencapaiannya dalam kategori sangat memuaskan.

**Sasaran Strategis 2 : Meningkatnya kepuasan masyarakat atas pelayanan publik**

Hasil IKM tahun 2023 sebesar 88,05 menunjukkan capaian kategori SANGAT MEMUASKAN.

### B.3 ANALISA PROGRAM KEGIATAN SUB KEGIATAN YANG MENDUKUNG SASARAN

Sasaran didukung 2 Program 2 Kegiatan dan 3 Sub Kegiatan.

**Tabel 3.6 Target dan Realisasi Program dan Kegiatan Pendukung Sasaran**

| No | Program/ Kegiatan/ Sub Kegiatan | Target | Realisasi | % |
|---|---|---|---|---|
| 1 | Program : Penyelenggaraan Pemerintahan dan Pelayanan Publik | 85 | 100 | 117,65% |
| | Kegiatan : Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan | 12 | 12 | 100% |
| | Sub Kegiatan : Peningkatan Efektivitas Kegiatan Pemerintahan di Tingkat Kecamatan | 12 | 12 | 100% |
| | Input : Dana yang dibutuhkan | 734.400.000 | 732.700.000 | 99,77% |

Program Penyelenggaraan Pemerintahan dan Pelayanan Publik dengan indikator terselenggaranya pelayanan publik tercapai 117,65%.

### B.4 ANALISA ATAS EFISIENSI SUMBER DAYA

**Tabel 3.7 Efisiensi Penggunaan Sumber Daya**

| Sasaran | % Capaian Kinerja | % Serapan Anggaran | Tingkat Efisiensi |
|---|---|---|---|
| Terjaganya ketertiban umum dan ketenteraman masyarakat | 97% | 90,36% | Efisien |
| Meningkatnya kepuasan masyarakat atas pelayanan publik | 103,59% | 99,77% | Efisien |

Sumberdaya Manusia Kecamatan berjumlah 15 orang dengan rincian 6 pejabat struktural dan 9 pelaksana.

Program Penyelenggaraan Pemerintahan dan Pelayanan Publik didukung anggaran sebesar Rp 734.400.000 dan terserap sebesar Rp 732.700.000.

### C. REALISASI ANGGARAN

Kecamatan Contoh pada tahun anggaran 2023 didukung dengan anggaran sebesar Rp 1.000.000.000,00.

1. Belanja Operasional sebesar Rp 1.000.000.000,00,-

**Tabel 3.8 Realisasi Anggaran per Program Tahun 2023**

| No | Program/Kegiatan/Sub Kegiatan | Pagu | Realisasi | % |
|---|---|---|---|---|
| I | Program : Penyelenggaraan Pemerintahan dan Pelayanan Publik | 734.400.000 | 732.700.000 | 99,77 |
| 1 | Kegiatan : Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan | 734.400.000 | 732.700.000 | 99,77 |
| | Sub Kegiatan : Peningkatan Efektivitas Kegiatan Pemerintahan di Tingkat Kecamatan | 734.400.000 | 732.700.000 | 99,77 |
| II | Program : Koordinasi Ketenteraman dan Ketertiban Umum | 265.600.000 | 240.000.000 | 90,36 |
| 1 | Kegiatan : Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum | 265.600.000 | 240.000.000 | 90,36 |
| | Sub Kegiatan : Sinergitas dengan Kepolisian dan TNI di Wilayah Kecamatan | 165.600.000 | 150.000.000 | 90,58 |
| | Sub Kegiatan : Pengamanan Aset Daerah di Wilayah Kecamatan | 100.000.000 | 90.000.000 | 90 |
| | **JUMLAH** | **1.000.000.000** | **972.700.000** | **97,27** |

Dari tabel di atas realisasi anggaran tahun 2023 sebesar Rp 972.700.000 dari total anggaran Rp 1.000.000.000 atau 97,27%. Pada tahun 2022 dari total anggaran sebesar Rp 900.000.000 terealisasi sebesar Rp 850.000.000.

## BAB IV PENUTUP

Dari 2 indikator sasaran sebanyak 2 indikator pencapaiannya dalam kategori sangat memuaskan. Realisasi penyerapan anggaran tahun 2023 sebesar Rp 972.700.000 (97,27%), sedangkan hasil evaluasi efisiensi menunjukkan ada efisiensi.
"""


def _mine(text: str) -> list:
    from drafter.check.registry import all_rules

    doc = parse_text(text, "<clean>", markdown=True)
    ctx = CheckContext(doc, CheckConfig())
    rules = [r for r in all_rules() if r.code[:2] in ("CL", "XT", "CN")]
    return run_rules(ctx, rules, strict=True)


def test_consistent_report_has_no_claim_cross_table_or_count_issue() -> None:
    assert [(i.rule, i.location.line, i.message) for i in _mine(CLEAN_REPORT)] == []


def test_mutations_of_the_consistent_report_are_found() -> None:
    cases = {
        "CL101": ("Realisasi tahun 2023 yaitu 88,05", "Realisasi tahun 2023 yaitu 82,24"),
        "CL104": ("penurunan dari nilai 93,33", "penurunan dari nilai 95"),
        "XT101": ("| 88,05 | 86,34 |", "| 85 | 86,34 |"),
        "XT103": ("didukung anggaran sebesar Rp 734.400.000", "didukung anggaran sebesar Rp 743.400.000"),
        "XT105": ("sampai dengan 31 Desember 2023 sebesar Rp 972.700.000",
                  "sampai dengan 31 Desember 2023 sebesar Rp 1.000.000.000"),
        "CN101": ("sebanyak 2 sasaran dan 2 indikator", "sebanyak 2 sasaran dan 3 indikator"),
        "CN104": ("terdiri dari 15 ASN", "terdiri dari 17 ASN"),
    }
    for code, (old, new) in cases.items():
        assert old in CLEAN_REPORT, code
        found = {i.rule for i in _mine(CLEAN_REPORT.replace(old, new))}
        assert code in found, (code, found)


def test_sasaran_number_with_two_indicators_needs_the_indicator_name() -> None:
    t31 = ("Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2023\n\n"
           "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
           "1\tMeningkatnya kualitas pelayanan publik\tIndeks Kepuasan Masyarakat\t85\t88,05\t103,59%\n"
           "\t\tPersentase Pengaduan yang Ditindaklanjuti\t100%\t90%\t90%\n"
           "2\tTerjaganya ketertiban umum\tPersentase Penyelesaian Laporan Pelanggaran\t100%\t97%\t97%\n\n")
    text = (H + t31 + "Sasaran Strategis 1 :\n\nIndikator : Persentase Pengaduan yang Ditindaklanjuti\n\n"
            "Realisasi tahun 2023 yaitu 90%.\n\nSasaran Strategis 2 :\n\nRealisasi tahun 2023 yaitu 97%.\n")
    doc = parse_text(text, "<t>")
    ctx = CheckContext(doc, CheckConfig(year=2023))
    got = {b.text[:30]: (r.name if r else None) for b, r in indicator_paragraphs(ctx)}
    assert got["Realisasi tahun 2023 yaitu 90%"] == "Persentase Pengaduan yang Ditindaklanjuti"
    assert got["Realisasi tahun 2023 yaitu 97%"] == "Persentase Penyelesaian Laporan Pelanggaran"
    assert not run("CL101", text)


DRAFTED = (H + T31 + "Tabel 3.3 Perbandingan Realisasi dengan Target Renstra 2026\n\n"
           "No\tSasaran Strategis\tIndikator\tTarget Jangka Menengah pada Renstra\tRealisasi 2023\tCapaian\n"
           "1\tTerjaganya ketertiban umum dan ketentraman masyarakat\t"
           "Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\t100%\t97%\t97%\n"
           "2\tMeningkatnya kepuasan masyarakat atas pelayanan publik\tIndeks Kepuasan Masyarakat\t90\t88,05\t97,83%\n\n"
           "**Sasaran Strategis 2: Meningkatnya kepuasan masyarakat atas pelayanan publik**\n\n"
           "Indikator 2: Indeks Kepuasan Masyarakat\n\n"
           "Pada tahun 2023, indikator Indeks Kepuasan Masyarakat ditargetkan sebesar 85 dan terealisasi 88,05, "
           "sehingga capaiannya 103,59%.\n\n"
           "Realisasi indikator Indeks Kepuasan Masyarakat tahun 2023 sebesar 88,05 melampaui target 85.\n\n"
           "Dibandingkan dengan target akhir Renstra tahun 2026 sebesar 90, realisasi tahun 2023 baru mencapai "
           "97,83%, sehingga target akhir periode Renstra belum tercapai.\n\n"
           "Pada tahun 2023, 2 dari 3 indikator sasaran memenuhi target.\n")


def test_drafted_phrasing_is_consistent() -> None:
    for code in ("CL101", "CL102", "CL103", "CL105", "CL107"):
        assert not run(code, DRAFTED), code


def test_drafted_phrasing_mutations_are_found() -> None:
    cases = {
        "CL101": [("terealisasi 88,05", "terealisasi 86,05"), ("tahun 2023 sebesar 88,05", "tahun 2023 sebesar 89")],
        "CL102": [("capaiannya 103,59%", "capaiannya 110%")],
        "CL105": [("baru mencapai 97,83%", "baru mencapai 95%"), ("2026 sebesar 90,", "2026 sebesar 95,")],
        "CL107": [("2 dari 3 indikator", "1 dari 3 indikator")],
    }
    for code, muts in cases.items():
        for old, new in muts:
            assert old in DRAFTED, old
            assert run(code, DRAFTED.replace(old, new)), (code, new)


def test_staff_breakdown_terdiri_atas() -> None:
    ok = "Sumber daya manusia Kecamatan berjumlah 13 orang, terdiri atas 5 pejabat struktural dan 8 pelaksana.\n"
    assert not run("CN103", ok)
    assert run("CN103", ok.replace("8 pelaksana", "9 pelaksana"))


def test_counts_written_in_words() -> None:
    ok = "Pada tahun 2023 terdapat tiga sasaran strategis dengan tiga indikator sasaran.\n"
    assert not run("CN101", H + T31 + ok)
    issues = run("CN101", H + T31 + ok.replace("dengan tiga indikator", "dengan empat indikator"))
    assert [i.expected for i in issues] == ["3 indikator"]


def test_staff_table_with_asn_columns() -> None:
    staff = ("Tabel 1.1\n\nJumlah Pegawai berdasarkan Jabatan\n\n"
             "No\tJabatan\tPNS\tPPPK\tNon ASN\tJumlah\n1\tStruktural\t6\t0\t0\t6\n2\tPelaksana\t8\t2\t10\t20\n"
             "Jumlah\t\t14\t2\t10\t26\n\n")
    assert not run("CN104", staff + "Kecamatan terdiri dari 16 ASN dan 10 Non ASN.\n")
    issues = run("CN104", staff + "Kecamatan terdiri dari 18 ASN dan 10 Non ASN.\n")
    assert [i.expected for i in issues] == ["16 ASN"]


def test_paragraph_naming_its_indicator_without_heading() -> None:
    text = H + T31 + "Nilai Indeks Kepuasan Masyarakat tahun 2023, realisasi tahun 2023 yaitu 82.\n"
    issues = run("CL101", text)
    assert issues and issues[0].expected == "88,05"
    # two indicators named: no guess
    both = H + T31 + ("Indeks Kepuasan Masyarakat dan Persentase Penyelesaian Laporan Pelanggaran Ketertiban "
                      "Umum: realisasi tahun 2023 yaitu 82.\n")
    assert not run("CL101", both)


def test_bare_realisasi_and_broken_paragraphs() -> None:
    base = H + T31 + S1
    assert run("CL101", base + "Indikator Pelanggaran memenuhi target 100% dengan realisasi 94%.\n")
    assert not run("CL101", base + "Indikator Pelanggaran belum memenuhi target 100% dengan realisasi 97%.\n")
    # the year of the previous (broken) paragraph applies: last year's realisasi is not compared
    broken = base + "Dibandingkan dengan tahun 2022 target kinerja\n\n100% dengan realisasi 90% maka ada kenaikan.\n"
    assert not run("CL101", broken)


def test_renstra_not_reached_claim_when_it_is_reached() -> None:
    t33 = ("Tabel 3.3 Perbandingan Realisasi dengan Target Renstra 2026\n\n"
           "No\tSasaran Strategis\tIndikator\tTarget Jangka Menengah pada Renstra\tRealisasi 2023\tCapaian\n"
           "1\tTerjaganya ketertiban umum dan ketentraman masyarakat\t"
           "Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\t95%\t97%\t102,11%\n\n")
    claim = "Target akhir periode Renstra belum tercapai pada tahun ke-3 periode Renstra.\n"
    issues = run("CL105", H + T31 + t33 + S1 + claim)
    assert [i.expected for i in issues] == ["sudah tercapai"]


# claims in any phrasing (issue 9) ------------------------------------------------------------
IND1 = ("Sasaran Strategis 1 : Terjaganya ketertiban umum dan ketentraman masyarakat\n\n"
        "Indikator : Persentase Penyelesaian Laporan Pelanggaran Ketertiban Umum\n\n")


def test_completion_claims_in_several_phrasings() -> None:
    for sent in ("Seluruh laporan pelanggaran ketertiban umum tahun 2023 telah ditangani.",
                 "Semua laporan yang masuk terselesaikan dengan baik.",
                 "Sebanyak 100% laporan pelanggaran telah TERTANGANI oleh Satpol PP kecamatan."):
        issues = run("CL112", H + T31 + IND1 + sent + "\n")
        assert len(issues) == 1, sent
        assert "97%" in issues[0].message
    for sent in ("Belum seluruh laporan pelanggaran dapat ditangani.",
                 "Diharapkan semua laporan pelanggaran dapat diselesaikan tahun depan.",
                 "Pada tahun 2022 seluruh laporan telah ditangani."):
        assert run("CL112", H + T31 + IND1 + sent + "\n") == [], sent


def test_met_target_claim_is_polarity_aware() -> None:
    wrong = run("CL103", H + T31 + IND1 + "Realisasi sebesar 97% telah memenuhi target.\n")
    assert wrong and "di bawah target" in wrong[0].message
    neg = ("Tabel 3.1 Pengukuran Kinerja Tahun 2023\n\n"
           "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
           "1\tMenurunnya angka kematian ibu\tAngka Kematian Ibu per 100.000 Kelahiran Hidup\t90\t80\t111,11%\n\n"
           "Sasaran Strategis 1 : Menurunnya angka kematian ibu\n\n"
           "Indikator : Angka Kematian Ibu per 100.000 Kelahiran Hidup\n\n")
    assert run("CL103", H + neg + "Angka kematian ibu sebesar 80 sehingga Dinas Kesehatan telah mencapai target.\n") == []
    bad = neg.replace("\t80\t111,11%", "\t95\t94,44%")
    assert run("CL103", H + bad + "Angka kematian ibu sebesar 95 sehingga target sudah tercapai.\n")


def test_predicate_phrase_follows_the_report_scale() -> None:
    scale7 = ("Tabel 2.2 Kriteria Penilaian\n\nNo\tRentang Capaian\tKode\tPredikat\n"
              "1\t95 - 100\tAA\tSangat Memuaskan\n2\t85 - 95\tA\tMemuaskan\n3\t75 - 85\tBB\tSangat Baik\n"
              "4\t65 - 75\tB\tBaik\n5\t55 - 65\tCC\tCukup\n6\t40 - 55\tC\tKurang\n7\t0 - 40\tD\tSangat Kurang\n\n")
    # 97% is AA on both scales; 88,5% is "Memuaskan" here and also on the default scale (80-90)
    t = T31.replace("\t100%\t97%\t97%", "\t100%\t88,5%\t88,5%")
    ok = run("CL110", H + scale7 + t + IND1 + "Penyelesaian laporan tahun ini memberikan hasil yang memuaskan.\n")
    assert ok == []
    t2 = T31.replace("\t100%\t97%\t97%", "\t100%\t92%\t92%")  # A here, AA on the default scale
    assert run("CL110", H + scale7 + t2 + IND1 + "Penyelesaian laporan memberikan hasil yang memuaskan.\n") == []
    wrong = run("CL110", H + scale7 + t2 + IND1 + "Penyelesaian laporan berada pada kategori SANGAT MEMUASKAN.\n")
    assert wrong and wrong[0].expected == "Memuaskan"


def test_share_of_indicators_is_no_capaian() -> None:
    text = H + T31 + IND1 + "Capaian 60% indikator sudah baik; 3 dari 5 indikator (60%) tercapai.\n"
    assert run("CL102", text) == []
    assert run("CL113", text) == []


def test_malformed_number_is_no_operand_of_a_claim() -> None:
    text = H + T31 + IND1 + "Realisasi tahun 2023 yaitu 9.7,00.1 % sesuai laporan.\n"
    assert run("CL101", text) == []
    assert run("AR108", text)


# a whole report of another office and region: no alarm on correct claims, each injected one found
DINKES_NTB = 'LAPORAN KINERJA INSTANSI PEMERINTAH\nDINAS KESEHATAN PROVINSI NUSA TENGGARA BARAT\nTAHUN 2023\n\nBAB III\nAKUNTABILITAS KINERJA\n\nA. Capaian Kinerja Organisasi\n\nTabel 3.1 Pengukuran Kinerja Tahun 2023\n\nNo\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n1\tMeningkatnya derajat kesehatan masyarakat\tPersentase Puskesmas Terakreditasi Paripurna\t90%\t84%\t93,33%\n2\tMenurunnya prevalensi stunting\tPrevalensi Balita Stunting\t14%\t12,5%\t110,71%\n3\tMeningkatnya mutu pelayanan kesehatan rujukan\tIndeks Kepuasan Pasien Rumah Sakit Daerah\t82\t83,5\t101,83%\nRATA-RATA CAPAIAN\t\t\t\t\t101,96%\n\nSecara umum capaian kinerja Dinas Kesehatan Provinsi Nusa Tenggara Barat tahun 2023 berada pada kategori Sangat Memuaskan. Dari 3 indikator, 2 dari 3 indikator (66,67%) melampaui target.\n\nSasaran Strategis 1 : Meningkatnya derajat kesehatan masyarakat\n\nIndikator : Persentase Puskesmas Terakreditasi Paripurna\n\nPada tahun 2023 jumlah puskesmas terakreditasi paripurna mencapai 84% dari seluruh puskesmas di Provinsi Nusa Tenggara Barat. Capaian ini belum memenuhi target 90% karena beberapa puskesmas masih menunggu jadwal survei. Seluruh kegiatan pendampingan akreditasi tetap terlaksana sesuai jadwal. Anggaran pendampingan sebesar Rp 1.250.000.000 terserap 96,5%. Capaian tersebut meningkat sebesar 6% dibandingkan tahun 2022 yang hanya 78%.\n\nSasaran Strategis 2 : Menurunnya prevalensi stunting\n\nIndikator : Prevalensi Balita Stunting\n\nPrevalensi balita stunting tahun 2023 sebesar 12,5%, lebih rendah dari target 14%, sehingga target telah tercapai dengan capaian 110,71% dan berada pada kategori SANGAT MEMUASKAN. Semua posyandu diharapkan terus melakukan penimbangan rutin agar seluruh balita terpantau.\n\nSasaran Strategis 3 : Meningkatnya mutu pelayanan kesehatan rujukan\n\nIndikator : Indeks Kepuasan Pasien Rumah Sakit Daerah\n\nIndeks kepuasan pasien rumah sakit daerah tahun 2023 adalah 83,5 dengan jumlah responden sebanyak 1.200 orang. Hasil ini menunjukkan kinerja yang sangat memuaskan. Nilai tersebut telah melampaui target 82.\n'

_INJECT = [  # (correct text, defective text, rule expected at that line)
    ("mencapai 84% dari seluruh puskesmas", "mencapai 88% dari seluruh puskesmas", "CL113"),
    ("Seluruh kegiatan pendampingan akreditasi tetap terlaksana sesuai jadwal.",
     "Pada akhir tahun seluruh puskesmas sasaran telah selesai diakreditasi paripurna.", "CL112"),
    ("adalah 83,5 dengan", "adalah 85,3 dengan", "CL113"),
    ("kinerja yang sangat memuaskan", "kinerja yang memuaskan", "CL110"),
    ("berada pada kategori Sangat Memuaskan. Dari", "berada pada kategori Memuaskan. Dari", "CL108"),
    ("Rp 1.250.000.000", "Rp 1.250,000.000", "AR108"),
]
_MINE = ("CL1", "AR108")


def _check_all(text: str) -> list:
    from drafter.check.registry import all_rules

    ctx = CheckContext(parse_text(text, "<t>"), CheckConfig(year=2023))
    rules = [r for r in all_rules() if r.code.startswith(_MINE)]
    return run_rules(ctx, rules, strict=True)


def test_clean_report_of_another_region_has_no_claim_alarm() -> None:
    assert [i.as_dict() for i in _check_all(DINKES_NTB)] == []


def test_injected_claim_defects_are_each_found() -> None:
    for good, bad, code in _INJECT:
        assert good in DINKES_NTB, good
        text = DINKES_NTB.replace(good, bad, 1)
        line = text[:text.index(bad)].count("\n") + 1
        issues = _check_all(text)
        assert any(i.rule == code and i.location.line == line for i in issues), (code, bad, issues)


# indicator context without "Indikator :" headings -------------------------------------------
T_FLAT = (
    "Tabel 3.2 Capaian Kinerja Tahun 2024\n\n"
    "No\tIndikator Kinerja\tSatuan\tTarget\tRealisasi\tCapaian (%)\n"
    "1\tIndeks Kepuasan Masyarakat (IKM)\tindeks\t80\t83,40\t104,25\n"
    "2\tPersentase posyandu aktif\t%\t75\t70\t93,33\n\n"
)


def _rows(text: str, year: int = 2024) -> list[tuple[str, str | None]]:
    ctx = CheckContext(parse_text(text, "<t>"), CheckConfig(year=year))
    return [(b.text, r.name if r is not None else None) for b, r in indicator_paragraphs(ctx)]


def test_hard_wrapped_lines_are_one_paragraph_with_its_indicator() -> None:
    text = H + T_FLAT + (
        "Persentase posyandu aktif tahun 2024 sebesar 70%, yaitu 14 dari 20 posyandu, dan\n"
        "dengan demikian telah melampaui target tahun 2024.\n"
    )
    got = _rows(text)
    assert any("dan dengan demikian telah melampaui" in t and r == "Persentase posyandu aktif" for t, r in got)
    issues = run("CL103", text, 2024)
    assert [i.excerpt for i in issues] == ["melampaui target"]
    assert issues[0].location.line == issues[0].location.end_line  # on the second source line


def test_paragraph_naming_indicator_without_its_abbreviation_carries_it() -> None:
    text = H + T_FLAT + (
        "Indeks Kepuasan Masyarakat tahun 2024 sebesar 83,40 dari target 80.\n\n"
        "Dengan nilai tersebut, capaian indikator ini termasuk tinggi.\n\n"
        "Tabel 3.3 Lain\n\nNo\tUraian\tNilai\n1\tA\t1\n\n"
        "Dengan nilai tersebut, kinerja kecamatan meningkat.\n"
    )
    got = dict(_rows(text))
    assert got["Dengan nilai tersebut, capaian indikator ini termasuk tinggi."] == "Indeks Kepuasan Masyarakat (IKM)"
    assert got["Dengan nilai tersebut, kinerja kecamatan meningkat."] is None  # a table ends the carry


def test_summary_sentence_listing_indicators_names_none() -> None:
    text = H + T_FLAT + (
        "Dari dua indikator, 1 indikator belum mencapai target, yaitu persentase posyandu aktif.\n"
    )
    got = dict(_rows(text))
    assert got["Dari dua indikator, 1 indikator belum mencapai target, yaitu persentase posyandu aktif."] is None


def test_overall_paragraph_is_about_no_single_indicator() -> None:
    text = H + T_FLAT + (
        "Persentase posyandu aktif tahun 2024 sebesar 70%.\n\n"
        "Secara keseluruhan rata-rata capaian 98,79% dengan kategori Sangat Memuaskan.\n"
    )
    got = dict(_rows(text))
    assert got["Persentase posyandu aktif tahun 2024 sebesar 70%."] == "Persentase posyandu aktif"
    assert got["Secara keseluruhan rata-rata capaian 98,79% dengan kategori Sangat Memuaskan."] is None
    assert not run("CL102", text, 2024)


def test_sasaran_heading_with_roman_numeral_opens_a_context() -> None:
    from drafter.check.claims_parse import _ordinal, pattern

    m = pattern("context", "sasaran").match("Sasaran Strategis IV : Meningkatnya peran posyandu")
    assert m is not None and _ordinal(m.group("no")) == 4 and m.group("name") == "Meningkatnya peran posyandu"
    assert pattern("context", "sasaran").match("Sasaran Indah tercapai") is None
    text = H + T_FLAT + (
        "Sasaran Strategis II : Meningkatnya peran posyandu\n\n"
        "Indikator : Persentase posyandu aktif\n\n"
        "Realisasi tahun 2024 yaitu 72%.\n"
    )
    got = dict(_rows(text))
    assert got["Realisasi tahun 2024 yaitu 72%."] == "Persentase posyandu aktif"
    assert "Sasaran Strategis II : Meningkatnya peran posyandu" not in got  # a heading, not analysis
