"""Arithmetic (AR1xx) and predicate (PR1xx) rules: messages, expected values, number edge cases."""

from __future__ import annotations

from typing import Any

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import Issue, get_rule
from drafter.check.runner import run_rules
from drafter.document.readers import parse_text

T = "\t"
SCALE = "\n".join(T.join(r) for r in [
    ("No", "Kategori", "Nilai", "Interpretasi"),
    ("1.", "AA", "≥ 90 - 100", "Sangat Memuaskan"),
    ("2.", "A", "≥ 80 - 90", "Memuaskan"),
    ("3.", "BB", "≥ 70 - 80", "Sangat Baik"),
    ("4.", "B", "≥ 60 - 70", "Baik"),
    ("5.", "CC", "≥ 50 - 60", "Cukup"),
    ("6.", "C", "≥ 30 - 50", "Kurang"),
    ("7.", "D", "≥ 0 - 30", "Sangat Kurang"),
]) + "\n\n"


def run(code: str, text: str, **cfg: Any) -> list[Issue]:
    rule = get_rule(code)
    assert rule is not None
    ctx = CheckContext(parse_text(text, "<uji>"), CheckConfig(**cfg))
    return [i for i in run_rules(ctx, [rule], strict=True) if i.rule == code]


def t31(*rows: tuple[str, str, str, str], avg: str | None = None) -> str:
    lines = ["Tabel 3.1", "Pengukuran Realisasi Kinerja", "",
             T.join(("NO", "SASARAN", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN"))]
    for i, (name, t, r, c) in enumerate(rows, 1):
        lines.append(T.join((str(i), "Sasaran " + name, name, t, r, c)))
    if avg:
        lines.append(T.join(("RATA-RATA CAPAIAN", "", "", "", "", avg)))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- AR101
@pytest.mark.parametrize(("t", "r", "c"), [
    ("85", "88,05", "103,59%"),
    ("85", "88,05", "104%"),      # rounding of the stated digits explains it
    ("85", "88,05", "103,6 %"),   # percent sign split off
    ("100%", "92.8%", "92,8%"),   # English decimal point
    ("1.000", "1.250", "125"),    # thousands dots
    ("10%", "8%", "120%"),        # the other polarity: never flagged
    ("B", "B", "100%"),           # equal grades
])
def test_ar101_consistent(t: str, r: str, c: str) -> None:
    assert run("AR101", t31(("Indeks Kepuasan Masyarakat", t, r, c))) == []


def test_ar101_rounding_down_is_an_error() -> None:
    issues = run("AR101", t31(("Indeks Kepuasan Masyarakat", "85", "88,05", "103%")))
    assert len(issues) == 1
    i = issues[0]
    assert i.expected == "103,59%"
    assert "88,05/85" in i.message and "104%" in i.message
    assert i.excerpt == "103%"
    assert i.location.line == 5


def test_ar101_negative_polarity_message_uses_negative_formula() -> None:
    issues = run("AR101", t31(("Persentase penduduk miskin", "10%", "8%", "90%")))
    assert len(issues) == 1
    assert issues[0].expected == "120%"


def test_ar101_grades() -> None:
    assert run("AR101", t31(("Nilai SAKIP", "A", "B", "87,5%"))) == []  # scores unknown
    issues = run("AR101", t31(("Nilai SAKIP", "BB", "BB", "95%")))
    assert len(issues) == 1 and issues[0].expected == "100%"
    assert run("AR101", t31(("IKM", "≥ 85", "88,05", "103,59%"))) == []
    assert len(run("AR101", t31(("IKM", "≥ 85", "88,05", "100%")))) == 1


# --------------------------------------------------------------------------- AR102/AR103
def t38(*rows: tuple[str, str, str, str, str]) -> str:
    head = T.join(("NO", "PROGRAM/KEGIATAN/SUB KEGIATAN", "PAGU", "REALISASI", "%"))
    return "Tabel 3.8\nRealisasi anggaran\n\n" + "\n".join([head, *(T.join(r) for r in rows)]) + "\n"


def test_ar102_percent_of_pagu() -> None:
    ok = t38(("1", "Program : A", "Rp. 10.000.000,-", "Rp. 9.600.000,-", "96"))
    assert run("AR102", ok) == []
    bad = t38(("1", "Program : A", "10.000.000", "9.600.000", "97"))
    issues = run("AR102", bad)
    assert len(issues) == 1 and issues[0].expected == "96%"


def test_ar103_subtotals_and_total() -> None:
    text = t38(("I", "Program : A", "300", "250", "83"),
               ("1", "Kegiatan : A1", "100", "100", "100"),
               ("", "Sub Kegiatan : A1a", "60", "60", "100"),
               ("", "Sub Kegiatan : A1b", "40", "40", "100"),
               ("2", "Kegiatan : A2", "150", "150", "100"),
               ("II", "Program : B", "50", "40", "80"),
               ("", "Kegiatan : B1", "50", "40", "80"),
               ("", "JUMLAH", "350", "290", ""))
    issues = run("AR103", text)
    msgs = sorted(i.expected or "" for i in issues)
    # program A pagu 300 vs 250, realisasi 250 is right; total realisasi 290 vs 250 + 40
    assert msgs == ["250"]
    assert "pagu" in issues[0].message


# --------------------------------------------------------------------------- AR104
def test_ar104_average_row_capped_or_not_and_text() -> None:
    rows = (("IKM", "85", "88,05", "103,59%"), ("Laporan", "100%", "97%", "97%"))
    assert run("AR104", t31(*rows, avg="100,3%")) == []
    assert run("AR104", t31(*rows, avg="98,5%")) == []
    issues = run("AR104", "lebih dari 100% termasuk pada angka capaian kinerja 100%.\n\n"
                 + t31(*rows, avg="97%"))
    assert len(issues) == 1
    assert "100,3%" in issues[0].message and "98,5%" in issues[0].message
    assert "dihitung 100%" in issues[0].message
    text = t31(*rows, avg="100,3%") + "\nCapaian 2 indikator sasaran rata rata mencapai 94,4 %.\n"
    issues = run("AR104", text)
    assert len(issues) == 1 and issues[0].excerpt == "94,4 %"


# --------------------------------------------------------------------------- AR106
def test_ar106_efficiency_formulas() -> None:
    head = T.join(("Sasaran", "% Capaian Kinerja", "% Serapan Anggaran", "Tingkat Efisiensi"))

    def t37(c: str, s: str, e: str) -> str:
        return f"Tabel 3.7\nEfisiensi\n\n{head}\n{T.join(('Sasaran A', c, s, e))}\n"

    assert run("AR106", t37("100%", "99,77%", "0,23%")) == []
    assert run("AR106", t37("117,65%", "97,17%", "20,48%")) == []
    assert run("AR106", t37("117,65%", "97,17%", "1,21")) == []
    assert run("AR106", t37("97%", "73%", "Efisien")) == []
    assert run("AR106", t37("70%", "73%", "Tidak Efisien")) == []
    assert len(run("AR106", t37("70%", "73%", "Efisien"))) == 1
    assert len(run("AR106", t37("100%", "99,77%", "2,83%"))) == 1


# --------------------------------------------------------------------------- AR107/AR108
@pytest.mark.parametrize(("text", "expected"), [
    ("Penduduk sebanyak 1.000 jiwa terdiri dari 480 laki-laki dan 510 perempuan.", "990"),
    ("Realisasi sebesar Rp 900.000,- dari pagu Rp 1.000.000,- atau 91%.", "90%"),
    ("Mata pencaharian penduduk: 60% di bidang pertanian, 30% bidang jasa, 20% bidang lain.",
     "100%"),
])
def test_ar107_fails(text: str, expected: str) -> None:
    issues = run("AR107", text + "\n")
    assert len(issues) == 1 and issues[0].expected == expected


@pytest.mark.parametrize("text", [
    "Penduduk sebanyak 1.000 jiwa terdiri dari 490 laki-laki dan 510 perempuan.",
    "Realisasi sebesar Rp 900.000,- dari pagu Rp 1.000.000,- atau 90 %.",
    "Mata pencaharian penduduk: 60% di bidang pertanian, 30% bidang jasa, 10% bidang lain.",
    "Capaian naik dari 80% menjadi 90%, mengalami kenaikan sebesar 10%.",
    "Capaian naik dari 80% menjadi 90%, mengalami kenaikan sebesar 12,5%.",
    "Capaian bidang pemerintahan 95%, bidang trantib 90% dan bidang kesejahteraan 85%.",
    "Target 100% dan realisasi 95%. Angka kemiskinan mengalami penurunan sebesar 3%.",
    "Belanja Operasional Rp 3.963.528.098 dan Belanja Modal Rp 10.039.600 atau 0,25%.",
])
def test_ar107_passes(text: str) -> None:
    assert run("AR107", text + "\n") == []


def test_ar108_malformed_amounts() -> None:
    issues = run("AR108", "Anggaran sebesar Rp. 95.523400,- dan NIP 19700101 199003 1 002.\n")
    assert len(issues) == 1 and issues[0].expected == "95.523.400"
    assert run("AR108", "Kode 35.09.317 dan Rp 95.523.400,00 sesuai Tabel 3.1.2.\n") == []
    assert run("AR108", "Keputusan Nomor 065/110.2023 tentang IKU.\n") == []


# --------------------------------------------------------------------------- PR101-PR103
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Capaian IKM sebesar 75,5% masuk kategori Baik.", "Sangat Baik"),
    ("Capaian sebesar 65% masuk kategori Sangat Baik.", "Baik"),
    ("Nilai tersebut 85 atau BB (sangat baik).", "A"),
    ("Rata-rata capaian mencapai 95,5% dan masuk dalam kategori Memuaskan.", "Sangat Memuaskan"),
])
def test_pr101_fails_with_longest_label(sentence: str, expected: str) -> None:
    issues = run("PR101", SCALE + sentence + "\n")
    assert len(issues) == 1, issues
    assert issues[0].expected == expected


@pytest.mark.parametrize("sentence", [
    "Capaian IKM sebesar 75,5% masuk kategori Sangat Baik.",
    "Capaian sebesar 105,2% dan masuk dalam kategori Sangat Memuaskan.",
    "Kerja sama yang baik dengan dinas terkait tetap dijaga; capaian 50%.",
    "Hasilnya dikategorikan (Baik / Kurang) karena 4 indikator sasaran tercapai.",
    "Capaian sebesar 92,8% masuk kategori AA (sangat memuaskan).",
    "Capaian 80 - 90 masuk kategori Memuaskan, capaian lebih dari 90 kategori Sangat Memuaskan.",
    "Realisasi 85% dari target 90% sehingga masuk kategori Memuaskan.",
    "Dari 10 indikator, 8 indikator (80%) mencapai kategori sangat memuaskan dan 2 indikator "
    "(20%) kategori memuaskan.",
])
def test_pr101_passes(sentence: str) -> None:
    assert run("PR101", SCALE + sentence + "\n") == []


def test_pr101_uses_the_documents_own_scale() -> None:
    own = SCALE.replace("≥ 90 - 100", "≥ 95 - 100").replace("≥ 80 - 90", "≥ 80 - 95")
    text = own + "Capaian sebesar 92% masuk kategori Sangat Memuaskan.\n"
    issues = run("PR101", text)
    assert len(issues) == 1 and issues[0].expected == "Memuaskan"


def test_pr102_code_label_pairs() -> None:
    assert run("PR102", "Masuk kategori AA (sangat memuaskan) dan BB (Sangat Baik).\n") == []
    issues = run("PR102", "Masuk kategori BB (sangat memuaskan).\n")
    assert len(issues) == 1 and issues[0].expected == "BB (Sangat Baik)"


def test_pr103_ticks() -> None:
    head = [T.join(("Sasaran/Indikator Sasaran", "% Capaian", "Predikat", "", "")),
            T.join(("", "", "Sangat Memuaskan", "Memuaskan", "Sangat Baik"))]
    rows = [T.join(("Indikator A", "103%", "✓", "", "")),
            T.join(("Indikator B", "85%", "✓", "", "")),
            T.join(("Indikator C", "75%", "", "v", "V")),
            T.join(("Indikator D", "91%", "", "", ""))]
    text = SCALE + "Table 3.5\nIkhtisar\n\n" + "\n".join(head + rows) + "\n"
    issues = run("PR103", text)
    got = sorted((i.severity, i.expected) for i in issues)
    assert got == [("error", "Memuaskan"), ("error", "Sangat Baik"),
                   ("warning", "Sangat Memuaskan")]


def test_pr103_predicate_text_column_of_table_31() -> None:
    head = T.join(("NO", "INDIKATOR KINERJA", "TARGET", "REALISASI", "CAPAIAN", "PREDIKAT"))
    rows = [T.join(("1", "IKM", "85", "88,05", "103,59%", "Sangat Memuaskan")),
            T.join(("2", "Laporan", "100%", "85%", "85%", "Sangat Memuaskan")),
            T.join(("3", "SAKIP", "B", "B", "100%", "AA"))]
    text = SCALE + "Tabel 3.1\nPengukuran\n\n" + "\n".join([head, *rows]) + "\n"
    issues = run("PR103", text)
    assert [i.expected for i in issues] == ["Memuaskan"]


def test_ar105_row_naming_a_program() -> None:
    head = T.join(("Program", "% Capaian Kinerja", "% Serapan Anggaran", "Tingkat Efisiensi"))
    t37 = ("Tabel 3.7\nEfisiensi\n\n" + head + "\n"
           + T.join(("Program Pemberdayaan Masyarakat Desa dan Kelurahan", "100%", "82,2%", "17,8%"))
           + "\n" + T.join(("Program Penyelenggaraan Pemerintahan", "100%", "90%", "10%")) + "\n\n")
    t = t37 + t38(("1", "Program : Pemberdayaan Masyarakat Desa dan Kelurahan", "89.960.000",
                   "73.951.450", "82"),
                  ("2", "Program : Penyelenggaraan Pemerintahan", "21.720.000", "18.483.200", "85"),
                  ("3", "Program : Penunjang Urusan", "100.000.000", "90.000.000", "90"))
    issues = run("AR105", t)
    assert [i.excerpt for i in issues] == ["90%"]
    assert issues[0].expected == "85,1%"


def test_pr101_scale_table_without_codes() -> None:
    scale = "Tabel 3.1\nInterval Penilaian Kinerja\n\n" + "\n".join(T.join(r) for r in [
        ("NO", "INTERVAL NILAI REALISASI KINERJA", "KRITERIA PENILAIAN"),
        ("1", "91 % ≤ 100 %", "Sangat Baik"),
        ("2", "76 % ≤ 90%", "Baik"),
        ("3", "66 % ≤ 75 %", "Cukup"),
        ("4", "51 % ≤ 65 %", "Kurang"),
        ("5", "≤ 50 %", "Sangat Kurang"),
    ]) + "\n\n"
    assert run("PR101", scale + "Capaian sebesar 85% masuk kategori Baik.\n") == []
    assert run("PR101", scale + "Capaian sebesar 95% masuk kategori Sangat Baik.\n") == []
    issues = run("PR101", scale + "Capaian sebesar 70% masuk kategori Baik.\n")
    assert len(issues) == 1 and issues[0].expected == "Cukup"


@pytest.mark.parametrize("sentence", [
    "Nilai IKM sebesar 88,05 dengan kategori B (Baik).",
    "Indeks Kepuasan Masyarakat 85 masuk kategori Baik.",
])
def test_pr101_ikm_has_its_own_scale(sentence: str) -> None:
    assert run("PR101", SCALE + sentence + "\n") == []


def test_pr101_ikm_label_that_fits_neither_scale() -> None:
    issues = run("PR101", SCALE + "Nilai Survey Kepuasan Masyarakat mendapat predikat baik "
                 "karena mendapatkan penilaian 96 %.\n")
    assert len(issues) == 1 and issues[0].expected == "Sangat Memuaskan"


CLEAN_REPORT = """# LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2023

## BAB III AKUNTABILITAS KINERJA

### A. KERANGKA PENGUKURAN KINERJA

| No | Kategori | Nilai | Interpretasi |
|---|---|---|---|
| 1. | AA | ≥ 90 - 100 | Sangat Memuaskan |
| 2. | A | ≥ 80 - 90 | Memuaskan |
| 3. | BB | ≥ 70 - 80 | Sangat Baik |
| 4. | B | ≥ 60 - 70 | Baik |
| 5. | CC | ≥ 50 - 60 | Cukup |
| 6. | C | ≥ 30 - 50 | Kurang |
| 7. | D | ≥ 0 - 30 | Sangat Kurang |

Capaian kinerja sasaran yang mencapai angka lebih dari 100% termasuk pada angka capaian kinerja 100%.

**Tabel 3.1** Pengukuran Realisasi Kinerja Tahun 2023

| NO | SASARAN STRATEGIS | INDIKATOR KINERJA | TARGET | REALISASI | CAPAIAN |
|---|---|---|---|---|---|
| 1 | Meningkatnya kepuasan masyarakat | Indeks Kepuasan Masyarakat | 85 | 88,05 | 103,59% |
| 2 | Terjaganya ketertiban umum | Persentase penyelesaian laporan | 100% | 92,8% | 92,8% |
| 3 | Menurunnya kemiskinan | Persentase penduduk miskin | 10% | 9% | 110% |
| | RATA-RATA CAPAIAN | | | | 97,6% |

Dari tabel di atas, capaian 3 indikator sasaran rata-rata mencapai 97,6% (capaian di atas 100% dihitung 100%) dan masuk dalam kategori Sangat Memuaskan. IKM sebesar 88,05 atau capaian 103,59% termasuk kategori Sangat Memuaskan, sedangkan nilai IKM tersebut bermutu B (Baik).

**Tabel 3.5** Ikhtisar Capaian Kinerja

| Sasaran/Indikator Sasaran | % Capaian | Sangat Memuaskan | Memuaskan | Sangat Baik |
|---|---|---|---|---|
| Indeks Kepuasan Masyarakat | 103,59% | ✓ | | |
| Persentase penyelesaian laporan | 92,8% | ✓ | | |
| Persentase penduduk miskin | 110% | ✓ | | |

**Tabel 3.6** Target dan Realisasi Program

| No | Program/ Kegiatan/ Sub Kegiatan | Target | Realisasi | % |
|---|---|---|---|---|
| 1 | Program : Penyelenggaraan Pemerintahan | 85 | 100 | 117,65% |
| | Kegiatan : Koordinasi Pemerintahan | 12 | 12 | 100% |
| | Input : Dana yang dibutuhkan | Rp 739.898.400 | Rp 738.196.000 | 99,77% |

**Tabel 3.7** Efisiensi Penggunaan Sumber Daya

| No | Sasaran | % Capaian Kinerja | % Serapan Anggaran | Tingkat Efisiensi |
|---|---|---|---|---|
| 1 | Meningkatnya kepuasan masyarakat | 103,59% | 99,77% | 3,82% |
| 2 | Terjaganya ketertiban umum | 92,8% | 98,34% | -5,54% |

Realisasi anggaran tahun 2023 sebesar Rp 1.065.414.000 dari total anggaran Rp 1.072.628.900 atau 99,33%. Dibandingkan dengan tahun 2022 sebesar 97,61%, penyerapan mengalami kenaikan sebesar 1,72%.

**Tabel 3.8** Realisasi Anggaran per Program

| NO | PROGRAM/KEGIATAN/SUB KEGIATAN | PAGU | REALISASI | % |
|---|---|---|---|---|
| I | Program : Penyelenggaraan Pemerintahan | 739.898.400 | 738.196.000 | 99,77 |
| 1 | Kegiatan : Koordinasi Pemerintahan | 739.898.400 | 738.196.000 | 99,77 |
| | Sub Kegiatan : Peningkatan Efektivitas | 739.898.400 | 738.196.000 | 99,77 |
| II | Program : Koordinasi Ketenteraman dan Ketertiban Umum | 332.730.500 | 327.218.000 | 98,34 |
| 1 | Kegiatan : Penegakan Peraturan Daerah | 332.730.500 | 327.218.000 | 98,34 |
| | JUMLAH | 1.072.628.900 | 1.065.414.000 | 99,33 |
"""


def test_clean_report_has_no_arithmetic_or_predicate_issue() -> None:
    from drafter.check.registry import all_rules

    ctx = CheckContext(parse_text(CLEAN_REPORT, "<bersih>.md", markdown=True), CheckConfig())
    assert set(ctx.tables.by_role) >= {"3.1", "3.5", "3.6", "3.7", "3.8"}
    rules = [r for r in all_rules() if r.code[:2] in ("AR", "PR")]
    issues = run_rules(ctx, rules, strict=True)
    assert [(i.rule, i.location.line, i.message) for i in issues] == []


def test_ar104_sasaran_average_rows_of_table_35_and_other_years() -> None:
    head = [T.join(("Sasaran/Indikator Sasaran", "% Capaian", "Predikat", "")),
            T.join(("", "", "Sangat Memuaskan", "Memuaskan"))]
    rows = [T.join(("Sasaran 1 Terjaganya ketertiban", "", "", "")),
            T.join(("Indikator 1.1 Laporan", "97%", "✓", "")),
            T.join(("Indikator 1.2 Patroli", "91%", "✓", "")),
            T.join(("Rata rata capaian", "94%", "✓", "")),
            T.join(("Sasaran 2 Meningkatnya kepuasan", "", "", "")),
            T.join(("Indikator 2.1 IKM", "100%", "✓", "")),
            T.join(("Rata rata capaian", "90%", "✓", ""))]
    text = "Table 3.5\nIkhtisar\n\n" + "\n".join(head + rows) + "\n"
    issues = run("AR104", text)
    assert [i.expected for i in issues] == ["100%"]
    text = ("Laporan Kinerja Kecamatan Contoh Tahun 2023\n\n"
            + t31(("IKM", "85", "85", "100%"), ("Laporan", "100%", "90%", "90%"))
            + "\nRata-rata capaian kinerja sasaran tahun 2022 sebesar 87%.\n")
    assert run("AR104", text) == []


def test_ar103_pagu_column_of_table_36() -> None:
    head = T.join(("No", "Program/Kegiatan/Sub Kegiatan", "Target", "Realisasi", "Capaian (%)",
                   "Pagu (Rp)"))
    rows = [T.join(("I", "Program: A", "85%", "100%", "117,65%", "95.523.400")),
            T.join(("1", "Kegiatan: A1", "100%", "100%", "100%", "58.785.000")),
            T.join(("1.1", "Sub Kegiatan: A1a", "12", "12", "100%", "53.488.200")),
            T.join(("1.2", "Sub Kegiatan: A1b", "8", "8", "100%", "5.366.800")),
            T.join(("2", "Kegiatan: A2", "100%", "100%", "100%", "36.738.400")),
            T.join(("2.1", "Sub Kegiatan: A2a", "10", "10", "100%", "36.738.400"))]
    text = "Tabel 3.6\nTarget dan Realisasi\n\n" + "\n".join([head, *rows]) + "\n"
    issues = run("AR103", text)
    assert [i.expected for i in issues] == ["58.855.000"]


def test_pr101_value_in_the_sentence_before() -> None:
    text = (SCALE + "Indikator IKM terealisasi 88,05, sehingga capaiannya 103,59%. Target tahun "
            "2023 terlampaui dan capaian ini masuk predikat Baik.\n")
    issues = run("PR101", text)
    assert len(issues) == 1 and issues[0].expected == "Sangat Memuaskan"
    ok = text.replace("predikat Baik", "predikat Sangat Memuaskan")
    assert run("PR101", ok) == []


def test_pr102_label_then_code() -> None:
    assert run("PR102", "Capaian ini masuk predikat Sangat Memuaskan (AA).\n") == []
    issues = run("PR102", "Capaian ini masuk predikat Baik (AA).\n")
    assert len(issues) == 1 and issues[0].expected == "Sangat Memuaskan (AA)"


def test_pr101_sentence_before_names_the_capaian() -> None:
    text = (SCALE + "Indikator ini baru mencapai 85%: realisasi 85% masih di bawah target 100%. "
            "Capaian tersebut berpredikat Memuaskan (A).\n")
    assert run("PR101", text) == []


def test_pr103_label_written_in_the_tick_column_and_tables_without_ticks() -> None:
    head = [T.join(("Sasaran/Indikator Sasaran", "% Capaian", "Predikat", "")),
            T.join(("", "", "Sangat Memuaskan", "Memuaskan"))]
    written = [T.join(("Indikator A", "95%", "Sangat Memuaskan", "")),
               T.join(("Indikator B", "85%", "Sangat Memuaskan", ""))]
    text = SCALE + "Table 3.5\nIkhtisar\n\n" + "\n".join(head + written) + "\n"
    assert [i.expected for i in run("PR103", text)] == ["Memuaskan"]
    empty = [T.join(("Indikator A", "95%", "", "")), T.join(("Indikator B", "85%", "", ""))]
    text = SCALE + "Table 3.5\nIkhtisar\n\n" + "\n".join(head + empty) + "\n"
    assert run("PR103", text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("IKM kabupaten sebesar 83,76 dan IKM kecamatan sebesar 85 melampaui sebanyak 1,34 poin.",
     "1,24"),
    ("Realisasinya turun 3 poin persen (25%) dari 11% menjadi 8%.", "27,27%"),
    ("Realisasinya turun 4 poin persen (27,27%) dari 11% menjadi 8%.", "3"),
])
def test_ar107_points(text: str, expected: str) -> None:
    issues = run("AR107", text + "\n")
    assert [i.expected for i in issues] == [expected]


@pytest.mark.parametrize("text", [
    "IKM kabupaten sebesar 83,76 dan IKM kecamatan sebesar 85 melampaui sebanyak 1,24 poin.",
    "Realisasinya turun 3 poin persen (27,27%) dari 11% menjadi 8%.",
    "Nilai naik dari 80 menjadi 85,5 atau 5,5 poin.",
])
def test_ar107_points_consistent(text: str) -> None:
    assert run("AR107", text + "\n") == []


def test_ar101_capped_capaian_when_the_report_says_so() -> None:
    rule = "Capaian yang mencapai angka lebih dari 100% termasuk pada angka capaian kinerja 100%.\n\n"
    table = t31(("Persentase fasilitasi", "80%", "100%", "100%"))
    assert len(run("AR101", table)) == 1
    assert run("AR101", rule + table) == []
