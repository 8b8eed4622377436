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
    from drafter.check.analyzer import default_scale_notice
    from drafter.check.runner import check_document

    doc = parse_text("LAPORAN KINERJA DINAS SOSIAL KOTA BIMA TAHUN 2023\n\nCapaian sebesar 95% "
                     "dan masuk kategori Baik. Capaian lain 80% kategori Baik.\n", "<t>")
    _issues, notices = check_document(doc, CheckConfig(year=2023))
    assert notices.count(default_scale_notice()) == 1


def test_own_scale_is_not_announced() -> None:
    from drafter.check.analyzer import default_scale_notice
    from drafter.check.runner import check_document

    text = ("Tabel 2.1 Skala Nilai Predikat\n\nNo\tNilai Capaian\tPredikat\tKode\n"
            "1\t91 - 100\tSangat Baik\tAA\n2\t76 - 90\tBaik\tBB\n3\t66 - 75\tCukup\tCC\n"
            "4\t51 - 65\tKurang\tC\n5\t0 - 50\tSangat Kurang\tD\n\n"
            "Capaian sebesar 95% dan masuk kategori Sangat Baik.\n")
    _issues, notices = check_document(parse_text(text, "<t>"), CheckConfig(year=2023))
    assert default_scale_notice() not in notices


# --- years ----------------------------------------------------------------------------------

def test_renstra_ordinal_counts_from_first_year_named() -> None:
    issues = run("Tahun 2023 merupakan tahun kelima Renstra Dinas Kominfo Kota Tegal 2021-2026.",
                 "YR111", year=2023)
    assert len(issues) == 1
    assert issues[0].expected == "tahun ke-3"
    for n in ("ketiga", "ke-3", "ke 3", "ke-III"):
        assert not run(f"Tahun 2023 merupakan tahun {n} Renstra 2021-2026.", "YR111", year=2023)
    assert run("Tahun 2023 merupakan tahun kedua Renstra 2021-2026.", "YR111", year=2023)


def test_renstra_ordinal_baseline_year_counts_from_the_next() -> None:
    table = ("Tabel 2.1 Target Renstra\nNo\tIndikator\tKondisi Awal 2021\t2022\t2023\t2024\t2025\t2026\n"
             "1\tIKM\t78\t80\t81\t82\t83\t85\n\n")
    assert not run(table + "Tahun 2023 merupakan tahun kedua Renstra 2021-2026.", "YR111", year=2023)
    issues = run(table + "Tahun 2023 merupakan tahun ketiga Renstra 2021-2026.", "YR111", year=2023)
    assert issues and issues[0].expected == "tahun ke-2"


def test_renstra_ordinal_uses_report_period_when_sentence_has_none() -> None:
    text = ("Renstra Dinas Kesehatan Provinsi Bengkulu 2016-2021 ditetapkan dengan Pergub.\n\n"
            "Renstra 2016-2021 memuat enam sasaran.\n\n"
            "Tahun ini merupakan tahun ketiga pelaksanaan Renstra.")
    issues = run(text, "YR111", year=2020)
    assert issues and issues[0].expected in ("tahun ke-5", "tahun ke-4")


def test_pk_date_before_period_end_is_fine() -> None:
    text = ("PERJANJIAN KINERJA TAHUN 2024\n\nSelanjutnya disebut pihak pertama.\n\n"
            "Ternate, 31 Desember 2023")
    assert not run(text, "YR113")
    assert run(text.replace("31 Desember 2023", "2 Januari 2025"), "YR113")


# --- structure ------------------------------------------------------------------------------

def test_table_reference_inside_known_range_is_not_certain() -> None:
    text = ("Tabel 3.1 Pengukuran Kinerja\nNo\tIndikator\tTarget\n1\tIKM\t85\n\n"
            "Tabel tanpa judul\n\nNo\tProgram\tPagu\n1\tUmum\t10\n\n"
            "Tabel 3.3 Anggaran\nProgram\tPagu\n1\tUmum\t10\n\n"
            "Lihat Tabel 3.2 dan Tabel 3.7.")
    found = [i.excerpt for i in run(text, "ST106")]
    assert found == ["Tabel 3.7"]


def test_table_numbers_of_mixed_schemes_are_sorted() -> None:
    # roman chapter numbers and plain lampiran numbers side by side ("III.2" and "12")
    text = ("Tabel I.1 Jenis Layanan\nNo\tLayanan\tJumlah\n1\tRawat jalan\t4\n\n"
            "Tabel III.2 Pengukuran Kinerja\nNo\tIndikator\tTarget\n1\tIKM\t85\n\n"
            "Tabel 12 Rincian Triwulan\nNo\tIndikator\tTW I\n1\tIKM\t80\n\n"
            "Rincian belanja disajikan pada Tabel III.7 dan Tabel 15.")
    found = run(text, "ST106")
    assert [i.excerpt for i in found] == ["Tabel III.7", "Tabel 15"]
    assert "I.1, III.2, 12" in found[0].message or "12, I.1, III.2" in found[0].message


def test_crashing_rule_does_not_hide_the_others() -> None:
    from drafter.check.registry import Rule as _Rule

    class Broken(_Rule):
        code = "ZZ999"
        name = "broken"
        category = "other"
        severity = "error"

        def check(self, ctx: CheckContext):  # type: ignore[no-untyped-def]
            raise TypeError("boom")

    text = "Tabel 3.1 Kinerja\nNo\tIndikator\n1\tIKM\n\nTabel 3.2 Anggaran\nNo\tPagu\n1\t10\n\nLihat Tabel 3.9."
    ctx = CheckContext(parse_text(text, "<t>"), CheckConfig())
    rule = get_rule("ST106")
    assert rule is not None
    issues = run_rules(ctx, [Broken, rule])
    assert [i.rule for i in issues].count("LK000") == 1
    assert "ZZ999" in next(i.message for i in issues if i.rule == "LK000")
    assert any(i.rule == "ST106" for i in issues)
    with pytest.raises(TypeError):
        run_rules(ctx, [Broken], strict=True)


def test_dicta_restart_in_every_decree() -> None:
    text = ("MEMUTUSKAN :\n\nKESATU : A.\n\nKEDUA : B.\n\nMEMUTUSKAN :\n\nKESATU : C.\n\n"
            "KETIGA : D.")
    issues = run(text, "ST107")
    assert len(issues) == 1 and issues[0].expected == "KEDUA"


def test_repeated_dictum_is_one_issue_not_a_skip_too() -> None:
    text = ("MEMUTUSKAN :\n\nKESATU : A.\n\nKEDUA : B.\n\nKEDUA : C.\n\nKEEMPAT : D.")
    issues = run(text, "ST107")
    assert [(i.excerpt, i.expected) for i in issues] == [("KEDUA", "KETIGA")]


def test_letter_reused_after_a_later_one() -> None:
    text = ("BAB III\n\nA. Pengukuran\n\nIsi.\n\nB. Capaian\n\nIsi.\n\nC. Analisis\n\nIsi.\n\n"
            "B. Anggaran\n\nIsi.\n\nE. Penutup Bab\n\nIsi.")
    issues = run(text, "ST107")
    assert [(i.excerpt[:2], i.expected) for i in issues] == [("B.", "D")]


# --- counts ---------------------------------------------------------------------------------

def test_open_list_is_not_counted() -> None:
    assert not run("Kota Kendari memiliki 11 kecamatan, yaitu antara lain Kecamatan Mandonga, "
                   "Kecamatan Baruga dan Kecamatan Poasia.", "CN107")
    assert run("Kota Kendari memiliki 11 kecamatan, yaitu Kecamatan Mandonga, "
               "Kecamatan Baruga dan Kecamatan Poasia.", "CN107")


def test_amount_breakdown_with_decimals() -> None:
    text = ("Realisasi belanja sebesar Rp 1.000.000,50 dengan rincian Kegiatan A Rp 600.000,25 "
            "dan Kegiatan B Rp 400.000,25.")
    assert not run(text, "CN105")
    assert run(text.replace("400.000,25", "400.000,00"), "CN105")


def test_new_rules_scale_linearly() -> None:
    import time

    part = ("A. BAGIAN\n\nUraian singkat dengan 3 (tiga) indikator dan Rp 1.000 (seribu rupiah).\n\n"
            "B. BAGIAN LAIN\n\nTabel 3.1 merujuk data.\n\n")
    small = "\n".join([part] * 50)
    big = "\n".join([part] * 400)
    codes = ("TB103", "ST106", "ST107", "ST109", "CN105", "CN107", "YR111")

    def timed(text: str) -> float:
        t0 = time.perf_counter()
        for c in codes:
            run(text, c, year=2023)
        return time.perf_counter() - t0

    t_small, t_big = timed(small), timed(big)
    assert t_big < t_small * 8 * 3 + 1.0  # 8x the input: far from quadratic


def test_toc_without_page_numbers_is_not_the_body() -> None:
    text = ("DAFTAR ISI\n\nBAB I PENDAHULUAN\nA. LATAR BELAKANG\nB. MAKSUD DAN TUJUAN\n"
            "BAB II PERENCANAAN KINERJA\n\nBAB I PENDAHULUAN\n\nA. LATAR BELAKANG\n\nUraian.\n\n"
            "B. MAKSUD DAN TUJUAN\n\nUraian.\n\nBAB II PERENCANAAN KINERJA\n\nUraian.")
    for code in ("ST107", "ST109", "ST110"):
        assert not run(text, code), code
    # an empty section in the body is still found
    bad = text.replace("B. MAKSUD DAN TUJUAN\n\nUraian.\n\n", "B. MAKSUD DAN TUJUAN\n\n")
    assert [i.excerpt for i in run(bad, "ST109")] == ["B. MAKSUD DAN TUJUAN"]


def test_program_list_counts_programs_and_kegiatan() -> None:
    text = ("Dinas Sosial melaksanakan 3 program dengan 7 kegiatan, yaitu:\n\n"
            "1. Program Penunjang Urusan (3 kegiatan)\n\n2. Program Rehabilitasi Sosial "
            "(2 kegiatan)\n\n3. Program Perlindungan Sosial (2 kegiatan)")
    assert not run(text, "CN106")
    issues = run(text.replace("3 program", "4 program").replace("7 kegiatan", "8 kegiatan"),
                 "CN106")
    assert len(issues) == 1
    assert issues[0].expected == "3 program, 7 kegiatan"


def test_caption_year_needs_report_year_in_columns() -> None:
    table = ("Tabel 3.1 Capaian Kinerja Tahun 2022\nNo\tIndikator\tTarget {y}\tRealisasi {y}\n"
             "1\tIKM\t80\t82")
    assert run(table.format(y=2023), "YR112", year=2023)
    assert not run(table.format(y=2022), "YR112", year=2023)
    assert not run(table.format(y=2021), "YR112", year=2023)  # neither is the report year


def test_terbilang_decimal_mismatch_is_tb102() -> None:
    issues = run("Nilai IKM 82,75 (delapan puluh dua koma tujuh lima) dan 82,57 (delapan puluh "
                 "dua koma tujuh lima).", "TB102")
    assert len(issues) == 1 and "lima tujuh" in (issues[0].expected or "")


# --- a small report: clean, then one injected defect at a time ------------------------------

REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH
BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH
PROVINSI NUSA TENGGARA BARAT
TAHUN 2022

DAFTAR ISI
KATA PENGANTAR ........................................ i
DAFTAR ISI ............................................ ii
BAB I PENDAHULUAN ..................................... 1
1.1 Latar Belakang .................................... 1
1.2 Tugas Pokok dan Fungsi ............................ 2
BAB II PERENCANAAN KINERJA ............................ 5
BAB III AKUNTABILITAS KINERJA ......................... 9
BAB IV PENUTUP ........................................ 21

BAB I PENDAHULUAN

1.1 Latar Belakang

Laporan ini disusun sebagai pertanggungjawaban kinerja tahun 2022, yang merupakan tahun keempat pelaksanaan Renstra BPKAD Provinsi NTB 2019-2023.

1.2 Tugas Pokok dan Fungsi

Struktur organisasi BPKAD terdiri atas 4 (empat) bidang, yaitu Bidang Anggaran, Bidang Perbendaharaan, Bidang Akuntansi dan Bidang Aset.

BAB II PERENCANAAN KINERJA

Renstra BPKAD 2019-2023 menetapkan 2 (dua) sasaran strategis sebagai berikut:

1. Meningkatnya kualitas pengelolaan keuangan daerah;
2. Meningkatnya kualitas pengelolaan aset daerah.

Perjanjian Kinerja tahun 2022 ditandatangani pada awal tahun anggaran.

PERJANJIAN KINERJA TAHUN 2022

Kami yang bertanda tangan di bawah ini, selanjutnya disebut pihak pertama dan pihak kedua.

Mataram, 5 Januari 2022

BAB III AKUNTABILITAS KINERJA

Tabel 3.1 Skala Predikat
No	Rentang	Predikat
1	> 90	Sangat Baik
2	76 - 90	Baik
3	< 76	Kurang

Tabel 3.2 Capaian Kinerja Tahun 2022
No	Indikator	Target 2022	Realisasi 2022	Capaian
1	Opini BPK	WTP	WTP	100
2	Persentase aset tersertifikasi	80	84	105

Sebagaimana terlihat pada Tabel 3.2, seluruh indikator tercapai. Skala penilaian mengikuti Tabel 3.1.

Tabel 3.3 Perbandingan Realisasi 2021 dan 2022
No	Indikator	Realisasi 2021	Realisasi 2022
1	Persentase aset tersertifikasi	78	84

Anggaran BPKAD tahun 2022 sebesar Rp 45.600.000.000 (empat puluh lima miliar enam ratus juta rupiah) dengan rincian Belanja Operasi Rp 40.100.000.000 dan Belanja Modal Rp 5.500.000.000.

Kinerja didukung 2 program dengan 5 kegiatan, yaitu:

1. Program Penunjang Urusan Pemerintahan (3 kegiatan);
2. Program Pengelolaan Keuangan Daerah (2 kegiatan).

BAB IV PENUTUP

Capaian kinerja tahun 2022 dikategorikan sangat baik. Pada tahun 2023, tahun terakhir Renstra 2019-2023, BPKAD akan memperkuat sistem informasi aset.
"""

NEW_CODES = ("TB101", "TB102", "TB103", "ST101", "ST106", "ST107", "ST108", "ST109", "ST110",
             "YR104", "YR111", "YR112", "YR113", "CN105", "CN106", "CN107")

MUTATIONS = [
    ("tahun keempat pelaksanaan", "tahun ketiga pelaksanaan", "YR111"),
    ("1.2 Tugas Pokok dan Fungsi\n\nStruktur", "1.3 Tugas Pokok dan Fungsi\n\nStruktur", "ST107"),
    ("mengikuti Tabel 3.1.", "mengikuti Tabel 3.9.", "ST106"),
    ("dengan 5 kegiatan", "dengan 6 kegiatan", "CN106"),
    # budget parts: AR107's, or CN105's when AR107 does not read them; never both
    ("dan Belanja Modal Rp 5.500.000.000", "dan Belanja Modal Rp 5.400.000.000", "AR107|CN105"),
    ("enam ratus juta rupiah", "enam ratus rupiah juta", "TB103"),
    ("Mataram, 5 Januari 2022", "Mataram, 5 Januari 2023", "YR113"),
    ("Tabel 3.2 Capaian Kinerja Tahun 2022", "Tabel 3.2 Capaian Kinerja Tahun 2021", "YR112"),
    ("terdiri atas 4 (empat) bidang", "terdiri atas 5 (lima) bidang", "CN107"),
    ("\nBAB IV PENUTUP\n\nCapaian", "\nBAB V PENUTUP\n\nCapaian", "ST107+ST110"),
    ("Tabel 3.3 Perbandingan Realisasi 2021 dan 2022", "Tabel 3.2 Perbandingan Realisasi", "ST101"),
]


def _issues(text: str) -> list:
    from drafter.check.runner import check_document

    issues, _notices = check_document(parse_text(text, "<laporan>"), CheckConfig())
    return issues


def test_small_report_is_clean() -> None:
    assert [i.rule for i in _issues(REPORT) if i.rule in NEW_CODES] == []


@pytest.mark.parametrize(("old", "new", "code"), MUTATIONS, ids=[m[2].replace("|", "-") for m in MUTATIONS])
def test_small_report_defect_is_found(old: str, new: str, code: str) -> None:
    assert REPORT.count(old) == 1, old
    found = [i for i in _issues(REPORT.replace(old, new)) if i.rule in NEW_CODES + ("AR107",)]
    if "|" in code:
        assert len(found) == 1 and found[0].rule in code.split("|"), [i.message for i in found]
        return
    assert sorted(i.rule for i in found) == code.split("+"), [i.message for i in found]


MD_REPORT = """# LAPORAN KINERJA INSTANSI PEMERINTAH KECAMATAN PADANG UTARA KOTA PADANG TAHUN 2023

## DAFTAR ISI

| Uraian | Hal |
|---|---|
| Kata Pengantar ........ | i |
| BAB I PENDAHULUAN ........ | 1 |
| BAB II PERENCANAAN KINERJA ........ | 4 |
| BAB III AKUNTABILITAS KINERJA ........ | 8 |
| BAB IV PENUTUP ........ | 15 |

## BAB I PENDAHULUAN

### A. LATAR BELAKANG

Kecamatan Padang Utara merupakan perangkat daerah Kota Padang yang terdiri dari 7 (tujuh) kelurahan, yaitu Kelurahan Air Tawar Barat, Kelurahan Air Tawar Timur, Kelurahan Alai Parak Kopi, Kelurahan Gunung Pangilun, Kelurahan Lolong Belanti, Kelurahan Ulak Karang Selatan dan Kelurahan Ulak Karang Utara.

### B. KEDUDUKAN, TUGAS DAN FUNGSI

Camat dibantu oleh sekretaris dan 5 seksi.

## BAB II PERENCANAAN KINERJA

### A. RENCANA STRATEGIS

Tahun 2023 adalah tahun ketiga Renstra Kecamatan Padang Utara 2021-2026.

### B. PERJANJIAN KINERJA

Perjanjian Kinerja tahun 2023 memuat 3 indikator.

## BAB III AKUNTABILITAS KINERJA

### A. CAPAIAN KINERJA

**Tabel 3.1 Capaian Indikator Kinerja Tahun 2023**

| No | Sasaran | Indikator | Target 2023 | Realisasi 2023 | Capaian (%) |
|---|---|---|---|---|---|
| 1 | Meningkatnya kualitas pelayanan publik | Indeks Kepuasan Masyarakat | 82 | 84,5 | 103,05 |
| 2 | Meningkatnya kualitas pelayanan publik | Persentase pelayanan tepat waktu | 90 | 92 | 102,22 |
| 3 | Meningkatnya ketenteraman masyarakat | Persentase gangguan trantib tertangani | 100 | 100 | 100 |

Sasaran meningkatnya kualitas pelayanan publik diukur dengan 2 indikator, sedangkan sasaran meningkatnya ketenteraman masyarakat diukur dengan 1 indikator. Data rinci disajikan pada Tabel 3.2.

**Tabel 3.2 Perbandingan Capaian Tahun 2022 dan 2023**

| No | Indikator | Capaian 2022 | Capaian 2023 |
|---|---|---|---|
| 1 | Indeks Kepuasan Masyarakat | 101,2 | 103,05 |

### B. REALISASI ANGGARAN

Pagu anggaran Kecamatan Padang Utara tahun 2023 sebesar Rp 4.250.000.000,- (Empat Miliar Dua Ratus Lima Puluh Juta Rupiah) terealisasi Rp 4.012.345.000 atau 94,41%.

## BAB IV PENUTUP

Demikian laporan kinerja ini disusun.
"""

MD_MUTATIONS = [
    ("terdiri dari 7 (tujuh) kelurahan", "terdiri dari 8 (delapan) kelurahan", "CN107"),
    ("adalah tahun ketiga Renstra", "adalah tahun kelima Renstra", "YR111"),
    ("pelayanan publik diukur dengan 2 indikator", "pelayanan publik diukur dengan 3 indikator",
     "CN101"),
    ("disajikan pada Tabel 3.2.", "disajikan pada Tabel 3.4.", "ST106"),
    ("### B. PERJANJIAN KINERJA", "### A. PERJANJIAN KINERJA", "ST107"),
    ("Lima Puluh Juta Rupiah", "Lima Puluh Rupiah Juta", "TB103"),
    ("Demikian laporan kinerja ini disusun.",
     "### A. KESIMPULAN\n\nDemikian laporan kinerja ini disusun.\n\n### B. SARAN", "ST109"),
    ("| 90 | 92 | 102,22 |", "| 90 | 92 | 102,22 | 2,22 |", "ST108"),
]


def _md_issues(text: str) -> list:
    from drafter.check.runner import check_document

    doc = parse_text(text, "<laporan.md>", markdown=True)
    issues, _notices = check_document(doc, CheckConfig(year=2023))
    return issues


def test_markdown_report_is_clean() -> None:
    assert [i.rule for i in _md_issues(MD_REPORT) if i.rule in NEW_CODES + ("CN101",)] == []


@pytest.mark.parametrize(("old", "new", "code"), MD_MUTATIONS, ids=[m[2] for m in MD_MUTATIONS])
def test_markdown_report_defect_is_found(old: str, new: str, code: str) -> None:
    assert MD_REPORT.count(old) == 1, old
    found = [i for i in _md_issues(MD_REPORT.replace(old, new)) if i.rule in NEW_CODES + ("CN101",)]
    assert sorted(i.rule for i in found) == code.split("+"), [i.message for i in found]


PDF_REPORT = """LAPORAN KINERJA
INSPEKTORAT DAERAH KABUPATEN TANAH LAUT
TAHUN 2020

KATA PENGANTAR

Laporan Kinerja Inspektorat Daerah Kabupaten Tanah Laut Tahun 2020 disusun
sebagai bentuk pertanggungjawaban kinerja. Tahun 2020 merupakan tahun kedua
pelaksanaan Rencana Strategis Inspektorat Daerah periode 2019-2024 sehingga
evaluasi ini bersifat antara.

Inspektorat Daerah membawahi 4 (empat) bidang, yaitu Bidang Pengawasan
Pemerintahan, Bidang Pengawasan Pembangunan, Bidang Pengawasan Keuangan dan
Bidang Investigasi.

Pagu anggaran Inspektorat Daerah tahun 2020 sebesar Rp 7.350.000.000 (Tujuh
Miliar Tiga Ratus Lima Puluh Juta Rupiah) dengan realisasi 96,1%.

LKjIP Inspektorat Daerah Kabupaten Tanah Laut 2020                        ii
"""

PDF_MUTATIONS = [
    ("tahun kedua", "tahun keempat", "YR111"),
    ("4 (empat) bidang", "5 (lima) bidang", "CN107"),
    ("Lima Puluh Juta Rupiah)", "Lima Puluh Rupiah Juta)", "TB103"),
    ("Lima Puluh Juta Rupiah)", "Lima Puluh Ribu Rupiah)", "TB101"),
]


@pytest.mark.parametrize(("old", "new", "code"), [("", "", "")] + PDF_MUTATIONS,
                         ids=["clean"] + [m[2] for m in PDF_MUTATIONS])
def test_pdf_style_lines(old: str, new: str, code: str) -> None:
    """Sentences and brackets broken over lines, as text extracted from PDF."""
    from drafter.check.runner import check_document

    text = PDF_REPORT.replace(old, new) if old else PDF_REPORT
    issues, _n = check_document(parse_text(text, "<pdf.txt>"), CheckConfig(year=2020))
    found = sorted(i.rule for i in issues if i.rule in NEW_CODES)
    assert found == ([code] if code else [])


# --- program counts against the budget table ------------------------------------------------

_BUDGET = ("Tabel 3.8 Realisasi Anggaran per Program Tahun 2024\n\n"
           "No\tProgram/Kegiatan\tPagu\tRealisasi\n"
           "1\tProgram : Penunjang Urusan Pemerintahan\t500.000.000\t480.000.000\n"
           "\tKegiatan : Administrasi Keuangan\t300.000.000\t290.000.000\n"
           "\tKegiatan : Administrasi Umum\t200.000.000\t190.000.000\n"
           "2\tProgram : Pelayanan Publik\t100.000.000\t90.000.000\n"
           "\tKegiatan : Pelayanan Terpadu\t100.000.000\t90.000.000\n\n")
_PERF = ("Tabel 3.6 Capaian Kinerja Program Tahun 2024\n\n"
         "No\tProgram\tIndikator\tTarget\tRealisasi\n"
         "1\tProgram : Penunjang Urusan Pemerintahan\tNilai SAKIP\t70\t72\n"
         "\tKegiatan : Administrasi Keuangan\tLaporan keuangan tepat waktu\t2\t2\n\n")


@pytest.mark.parametrize(("stated", "wrong"), [("2 program dan 3 kegiatan", False),
                                               ("2 program dan 4 kegiatan", True)])
def test_program_count_uses_the_budget_table_not_the_next_table(stated: str, wrong: bool) -> None:
    text = ("BAB III\nAKUNTABILITAS KINERJA\n\n"
            f"Sasaran didukung {stated}, dengan capaian sebagaimana tabel berikut :\n\n"
            + _PERF + _BUDGET)
    issues = run(text, "CN102", year=2024)
    assert bool(issues) == wrong
    if wrong:
        assert issues[0].expected.startswith("2 program, 3 kegiatan")


def test_years_of_data_before_renstra_words_are_no_renstra_period() -> None:
    """"Realisasi 2022-2024 dan Target Akhir Renstra 2026" spans the years of a table, not the
    plan: the period is the one the Renstra sentence gives, even when it stands 60 characters
    after the word "Renstra"."""
    from drafter.check.rules.year import _renstra_periods

    text = ("3.4 Perbandingan dengan Tahun Sebelumnya dan Target Akhir Renstra\n\n"
            "Tabel 3.3 Realisasi 2022-2024 dan Target Akhir Renstra 2026\n\n"
            "Indikator\t2022\t2023\t2024\tTarget 2026\nPersentase Perda ditegakkan\t70\t75\t80\t90\n\n"
            "Renstra Satpol PP Kabupaten Boalemo disusun untuk periode 2023-2026 "
            "mengikuti Rencana Pembangunan Daerah.\n")
    ctx = CheckContext(parse_text(text, "t.txt"), CheckConfig(year=2024))
    assert _renstra_periods(ctx) == [(2023, 2026)]
