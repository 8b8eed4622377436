"""Tests of the text-level rules (leftover, year, foreign-name, typo, terbilang, structure)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.rules._textutil import levenshtein, sentence_bounds
from drafter.check.rules.foreign_name import nip_problem
from drafter.check.rules.terbilang import words_to_number
from drafter.check.runner import run_rules, selected_rules
from drafter.document.readers import parse_text, read_document
from drafter.numbers import terbilang

TEXT_PREFIXES = ("LO", "YR", "FN", "TY", "TB", "ST")


def run(text: str, select: str, **cfg: object) -> list:
    doc = parse_text(text, "<t>")
    ctx = CheckContext(doc, CheckConfig(select=[select], **cfg))  # type: ignore[arg-type]
    return run_rules(ctx, selected_rules(ctx.config), strict=True)


# --- words -> number ----------------------------------------------------------------------

@pytest.mark.parametrize("n", [0, 1, 10, 11, 12, 19, 20, 99, 100, 101, 110, 111, 199, 1000, 1001,
                               1100, 1999, 11000, 100000, 110000, 999999, 1000000, 2500000,
                               3973567698, 10**9, 123456789012])
def test_words_round_trip(n: int) -> None:
    assert words_to_number(terbilang(n)) == n


@pytest.mark.parametrize(("words", "n"), [
    ("Tiga Milyar Sembilan Ratus Tujuh Puluh Tiga Juta Rupiah", 3_973_000_000),
    ("satu ratus", 100),
    ("seratus sebelas ribu", 111_000),
    ("Seribu Dua Ratus Lima Puluh", 1250),
    ("dua-puluh satu", 21),
    ("Tiga ", 3),
])
def test_words_variants(words: str, n: int) -> None:
    assert words_to_number(words) == n


@pytest.mark.parametrize("words", ["sangat baik", "dua tiga", "ribu", "ASN", "", "belas"])
def test_words_not_numbers(words: str) -> None:
    assert words_to_number(words) is None


@pytest.mark.parametrize(("text", "bad"), [
    ("Pagu Rp. 1.250.000,- (satu juta dua ratus ribu rupiah).", True),
    ("Pagu Rp. 1.250.000,- (satu juta dua ratus lima puluh ribu rupiah).", False),
    ("Pagu Rp 1.250.000,00 (Satu Juta Dua Ratus Lima Puluh Ribu Rupiah).", False),
    ("Pagu Rp1.250.000 (satu juta dua ratus lima puluh ribu).", False),
    ("Realisasi Rp 3.628.278.209 (91,31%) dari pagu.", False),
])
def test_amount_edge_cases(text: str, bad: bool) -> None:
    assert bool(run(text, "TB101")) is bad


def test_amount_message_states_expected() -> None:
    issues = run("Pagu Rp 2.000 (seribu rupiah).", "TB101")
    assert issues and issues[0].expected == "Dua Ribu Rupiah"
    assert "2.000" in issues[0].message


def test_count_in_words() -> None:
    issues = run("Pengukuran atas 4 (tiga) indikator dan 3 (Tiga) sasaran.", "TB102")
    assert len(issues) == 1 and issues[0].expected == "4 (empat)"


# --- NIP, helpers ----------------------------------------------------------------------------

def test_nip_problem() -> None:
    assert nip_problem("197708272002121006") is None
    assert nip_problem("19840624 200212 1 001") is None
    assert "tanggal lahir" in (nip_problem("19729648 200212 1 006") or "")
    assert "18 digit" in (nip_problem("1977082720021210") or "")
    assert "digit ke-15" in (nip_problem("197708272002123006") or "")


def test_levenshtein_and_sentence() -> None:
    assert levenshtein("gemukmas", "gumukmas") == 1
    assert levenshtein("abc", "abcdefgh", 2) == 3
    text = "Pagu Rp. 3.437.517.304 s.d akhir tahun. Kalimat kedua di sini."
    b, e = sentence_bounds(text, text.index("akhir"))
    assert text[b:e] == "Pagu Rp. 3.437.517.304 s.d akhir tahun."


# --- leftovers -------------------------------------------------------------------------------

def test_choice_bracket_points_at_bracket() -> None:
    issues = run("maka terdapat (penurunan/kenaikan) dari nilai 93,33.", "LO101")
    assert len(issues) == 1
    assert issues[0].excerpt == "(penurunan/kenaikan)"
    assert issues[0].location.column == len("maka terdapat ") + 1


def test_single_choice_not_abbreviation() -> None:
    assert run("Indeks Kepuasan Masyarakat (IKM) dan (SOP) serta (KPM).", "LO102") == []
    assert run("Kategori AA (sangat memuaskan) dan B (Baik).", "LO102") == []
    assert run("terdapat (penurunan) nilai", "LO102")


def test_stale_covid_depends_on_year() -> None:
    text = "3. Tetap melaksanakan protokol kesehatan"
    assert run(text, "LO105", year=2023)
    assert not run(text, "LO105", year=2021)


# --- year ------------------------------------------------------------------------------------

def test_year_override_changes_verdict() -> None:
    text = "Laporan ini mempertanggungjawabkan Tahun Anggaran 2022."
    assert run(text, "YR101", year=2023)
    assert not run(text, "YR101", year=2022)


def test_year_comparison_not_flagged() -> None:
    text = "Dibandingkan Tahun Anggaran 2022, serapan anggaran naik; DPA 2022 lebih kecil."
    assert not run(text, "YR101", year=2023)


def test_plan_year() -> None:
    text = "Demikian laporan ini sebagai bahan penyusunan rencana kegiatan tahun 2023."
    issues = run(text, "YR102", year=2023)
    assert issues and issues[0].expected == "2024"
    assert not run(text.replace("2023", "2024"), "YR102", year=2023)
    # outside the closing part, "penyusunan rencana ... tahun 2023" describes planning history
    assert not run("Penyusunan rencana kinerja tahun 2023 dilakukan pada tahun 2022.", "YR102",
                   year=2023)


def test_regulation_majority_year() -> None:
    text = ("Peraturan Bupati Jember Nomor 45 Tahun 2021 tentang Rencana Strategis Kecamatan.\n\n"
            "Peraturan Bupati Jember Nomor 45 Tahun 2022 tentang Rencana Strategis Kecamatan.\n\n"
            "Peraturan Bupati Jember Nomor 45 Tahun 2021 tentang Rencana Strategis Kecamatan.")
    issues = run(text, "YR105")
    assert len(issues) == 1 and "2022" in issues[0].excerpt
    assert issues[0].expected == "Nomor 45 Tahun 2021"


def test_known_regulation_year() -> None:
    text = ("Peraturan Menteri PAN RB Nomor 53 Tahun 2015 tentang Petunjuk Teknis Perjanjian Kinerja,"
            " Pelaporan Kinerja dan Tata Cara Reviu.")
    issues = run(text, "YR")
    assert [i.rule for i in issues] == ["YR107"]
    assert issues[0].expected == "Nomor 53 Tahun 2014"


# --- foreign names ---------------------------------------------------------------------------

def test_other_kecamatan_needs_kecamatan_report() -> None:
    head = "Laporan Kinerja {} Kabupaten Jember Tahun 2023\n\n"
    body = "Layanan di Kecamatan Wuluhan meningkat."
    assert run(head.format("Kecamatan Gumukmas") + "Kecamatan Gumukmas.\n\n" + body, "FN101")
    assert not run(head.format("Dinas Sosial") + body, "FN101")


def test_own_name_spelling_skips_gazetteer_names() -> None:
    text = ("Laporan Kinerja Kecamatan Umbulsari Kabupaten Jember Tahun 2023\n\n"
            "Kecamatan Umbulsari bekerja sama dengan Kecamatan Mumbulsari.\n\nCamat Umbulsary hadir.")
    issues = run(text, "FN102")
    assert [i.excerpt for i in issues] == ["Umbulsary"]


def test_signatory_points_at_minority_spelling() -> None:
    text = ("NINO EKA PUTRA, S.STP\n\nNIP. 19840624 200212 1 001\n\n"
            "NINO EKA PRATAMA, S.STP\n\nNIP. 19840624 200212 1 001\n\n"
            "NINO EKA PUTRA, S.STP\n\nNIP. 19840624 200212 1 001")
    issues = run(text, "FN103")
    assert len(issues) == 1 and issues[0].excerpt == "NINO EKA PRATAMA"
    assert issues[0].location.line == 5 and "baris 1" in issues[0].message


def test_signatory_in_table_columns() -> None:
    text = ("PIHAK KEDUA\tPIHAK PERTAMA\n"
            "HENDY SISWANTO\tNINO EKA PUTRA\n"
            "\tNIP. 19840624 200212 1 001\n\n"
            "Kata penutup.\n\n"
            "NINO EKA PRATAMA\n\nNIP. 19840624 200212 1 001")
    issues = run(text, "FN103")
    assert [i.excerpt for i in issues] == ["NINO EKA PRATAMA"]


# --- typo / structure ------------------------------------------------------------------------

def test_duplicated_word_and_reduplication() -> None:
    assert run("dalam rangka rangka mewujudkan", "TY101")
    assert not run("rata rata dan masing-masing serta 2023 2023", "TY101")


def test_glued_year_word() -> None:
    issues = run("A. KERANGKA PENGUKURAN KINERJATAHUN 2022", "TY102")
    assert issues and issues[0].expected == "KINERJA TAHUN"


def test_list_gap_reported_once() -> None:
    text = "1. satu\n2. dua\n4. empat\n5. lima\n6. enam"
    issues = run(text, "ST103")
    assert len(issues) == 1 and issues[0].expected == "3."


# --- the drafter's clean text and the dev set ------------------------------------------------

CLEAN = """# LAPORAN KINERJA KECAMATAN GUMUKMAS KABUPATEN JEMBER TAHUN 2023

## DAFTAR ISI

BAB I PENDAHULUAN ........ 1

A. LATAR BELAKANG ........ 1

B. PROFIL KECAMATAN ........ 2

BAB II PERENCANAAN KINERJA ........ 3

BAB III AKUNTABILITAS KINERJA ........ 5

A. KERANGKA PENGUKURAN KINERJA TAHUN 2023 ........ 5

B. CAPAIAN KINERJA ........ 6

# BAB I PENDAHULUAN

## A. LATAR BELAKANG

Laporan Kinerja Kecamatan Gumukmas Tahun 2023 disusun berdasarkan Peraturan Menteri PAN RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu, serta Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah. Laporan ini mempertanggungjawabkan Tahun Anggaran 2023 sesuai Rencana Strategis 2021-2026.

## B. PROFIL KECAMATAN

Kecamatan Gumukmas berbatasan sebelah utara dengan Kecamatan Umbulsari, sebelah timur dengan Kecamatan Puger dan sebelah barat dengan Kecamatan Kencong. Wilayahnya meliputi Desa Kepanjen, Desa Mayangan dan Desa Menampu.

# BAB II PERENCANAAN KINERJA

Perencanaan kinerja mengacu pada Rencana Strategis Kecamatan Gumukmas.

# BAB III AKUNTABILITAS KINERJA

## A. KERANGKA PENGUKURAN KINERJA TAHUN 2023

Pengukuran dilakukan terhadap 4 (empat) indikator sasaran pada periode Renstra 2021-2026.

## B. CAPAIAN KINERJA

### B.1 ANALISA REALISASI KINERJA

Realisasi IKM tahun 2023 sebesar 88,05 telah melampaui target 85, sehingga capaian 103,59% masuk kategori AA (sangat memuaskan). Dibandingkan dengan realisasi tahun 2022 sebesar 93,33, terdapat penurunan. Rata-rata capaian masing-masing indikator adalah 95,5%.

Tabel 3.1
Pengukuran Kinerja

| No | Indikator | Target | Realisasi |
|---|---|---|---|
| 1 | IKM | 85 | 88,05 |

### B.2 ANALISA PENYEBAB KEBERHASILAN DAN KEGAGALAN

1. Pelayanan prima oleh 17 (tujuh belas) ASN.
2. Anggaran Rp 3.973.567.698 (Tiga Miliar Sembilan Ratus Tujuh Puluh Tiga Juta Lima Ratus Enam Puluh Tujuh Ribu Enam Ratus Sembilan Puluh Delapan Rupiah).
3. Dukungan Dinas Kependudukan dan Pencatatan Sipil (Dispendukcapil) untuk layanan KTP, KK, akta kelahiran, dst.

# BAB IV PENUTUP

Hasil evaluasi ini menjadi bahan penyusunan rencana kegiatan tahun 2024. Direkomendasikan agar pada tahun 2024 survei IKM dilakukan dua kali.

Jember, 15 Januari 2024

CAMAT GUMUKMAS

NINO EKA PUTRA WAHYU RAMADHONI, S.STP, M.Si

NIP. 19840624 200212 1 001
"""


def test_clean_text_has_no_text_issues() -> None:
    doc = parse_text(CLEAN, "<bersih>", markdown=True)
    ctx = CheckContext(doc, CheckConfig(select=list(TEXT_PREFIXES)))
    issues = run_rules(ctx, selected_rules(ctx.config), strict=True)
    assert issues == [], [i.as_dict() for i in issues]


DEV = {"000_gumukmas": "lkip-2023-kecamatan-gumukmas.txt",
       "001_umbulsari": "lkip-2023-kecamatan-umbulsari.txt"}
CATS = ("leftover", "year", "foreign-name", "structure")


@pytest.mark.seeds
@pytest.mark.parametrize("gold_name", sorted(DEV))
def test_devset_recall_and_precision(gold_name: str, seeds_dir: Path) -> None:
    gold = yaml.safe_load((seeds_dir.parent / "devset" / f"{gold_name}.gold.yaml").read_text())
    doc = read_document(seeds_dir / DEV[gold_name])
    ctx = CheckContext(doc, CheckConfig(select=list(TEXT_PREFIXES)))
    issues = run_rules(ctx, selected_rules(ctx.config), strict=True)
    lines = {i.location.line for i in issues}
    entries = [e for e in gold if e["category"] in CATS and e["detectable"] == "auto"]
    found = [e for e in entries if lines & {e["line"] - 1, e["line"], e["line"] + 1}]
    assert len(found) / len(entries) >= 0.8
    gold_lines = {e["line"] for e in gold}
    matched = [i for i in issues if gold_lines & {i.location.line + d for d in (-1, 0, 1)}]
    assert len(matched) / len(issues) >= 0.85
