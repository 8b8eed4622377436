"""Spelling notes on reports from any region: field vocabulary, names, office abbreviations,
English terms, quoted or glossed regional terms, "di" + noun, OCR confusions (issue 13).

Every sentence here was written for these tests (no text of the seeds or of any held-out set).
Each class has a pass case (no spelling note) and, where the change could hide typos, a fail case
showing that a nearby misspelling is still reported.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from drafter.check import spell
from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import all_rules
from drafter.check.rules import spelling
from drafter.check.runner import run_rules
from drafter.document.readers import parse_text
from drafter.resources import data_dir

SP_RULES = [r for r in all_rules() if r.code.startswith("SP")]
pytestmark = pytest.mark.skipif(spell.get_speller()[0] is None, reason="id_ID word list missing")


def _issues(text: str, *, markdown: bool | None = None) -> list[Any]:
    doc = parse_text(text, "<uji>", markdown=markdown)
    ctx = CheckContext(doc, CheckConfig())
    return [i for i in run_rules(ctx, SP_RULES, strict=True) if i.rule.startswith("SP")]


def _notes(text: str) -> list[tuple[str, str]]:
    return [(i.rule, i.excerpt) for i in _issues(text)]


# ------------------------------------------------------------------ vocabulary and affixes
def test_field_vocabulary_and_its_affixed_forms_are_known() -> None:
    text = ("Sekolah meningkatkan literasi dan numerasi; hasil asesmen diverifikasi oleh verifikator "
            "dan enumerator.\nLaporan keuangan berbasis akrual belum teraudit, data diinput operator "
            "dan penginputan selesai.\nPelestarian warisan budaya takbenda dan mitigasi kebencanaan "
            "didukung relawan; keberlanjutan program terjaga.\nWarga terdampak terlayani, kasus "
            "terlapor tertangani dan pascabencana rumah direhabilitasi.\n")
    assert _notes(text) == []


def test_misspelt_roots_and_wrong_affixes_stay_unknown() -> None:
    chk = spelling._Checker(spell.get_speller()[0], spelling.lexicon())
    for good in ("memverifikasi", "terverifikasi", "penginputan", "kebencanaan", "ketercapaian",
                 "terlapor", "berisiko", "menyosialisasikan", "pascapandemi", "literasinya"):
        assert chk.known(good), good
    for bad in ("terjadii", "berkerja", "mensosialisasikan", "disekolah", "membawai",
                "pelaksanan", "kegiatanan", "menigkatkan", "literasii", "verifkasi"):
        assert not chk.known(bad), bad


def test_typos_near_field_words_are_still_reported() -> None:
    text = ("Program literasi sekolah berjalan baik.\nProgram literasi keluarga dan literasi digital "
            "juga berjalan.\nCapaian litersi siswa meningkat setiap tahun.\n")
    got = [(i.excerpt, i.expected) for i in _issues(text) if i.rule == "SP101"]
    assert got == [("litersi", "literasi")]


def test_vocabulary_file_is_documented_unique_and_lacking_from_the_word_list() -> None:
    data = yaml.safe_load((data_dir("rules") / "vocabulary.yaml").read_text(encoding="utf-8"))
    words = [w for section in data.values() for w in section]
    assert len(words) >= 300
    assert len(words) == len(set(words)), "duplicate entries"
    assert all(w == w.lower() and w.replace("-", "").isalpha() for w in words)
    sp = spell.get_speller()[0]
    # every entry except the roots listed for their affixed forms is missing from the word list
    listed = [w for s, ws in data.items() if s != "affixed_roots" for w in ws if sp.known(w)]
    assert listed == []


# --------------------------------------------------------------------------------- names
@pytest.mark.parametrize("text", [
    "Rapat dipimpin oleh Bapak Permana Sitanggang dan Ibu Darmawan Suryaningsih.\n",
    "Penghargaan diberikan kepada Dr. Tarigen Wirasaba dan Hj. Purbo Lestariningrum.\n",
    "Pegawai teladan tahun ini adalah Permane Karyadi, S.Sos., M.Si. dari sekretariat.\n",
    "Hadir I Gusti Ngurah Permane, Ni Luh Pertamawati dan Andi Tarikan Daeng Pertamo.\n",
    "Sambutan Bupati disampaikan oleh Ir. Togap Parlindungan Simanjuntak.\n",
])
def test_personal_names_get_no_notes(text: str) -> None:
    # the document uses the dictionary words the names resemble (pertama, tarikan, dermawan)
    base = ("Pada tahap pertama, tarikan dana pertama cair. Tim pertama dan warga yang dermawan "
            "serta purna tugas pertama hadir.\n")
    assert _notes(base + text) == []


def test_signature_block_before_nip_is_a_name() -> None:
    text = ("Laporan tahap pertama, tarikan pertama dan tim pertama telah disusun.\n\n"
            "Sukamaju, 31 Januari 2025\nCamat Sukamaju\n\nPertamo Wiradikarta\n"
            "Penata Tingkat I (III/d)\nNIP. 19750101 200003 1 002\n")
    assert _notes(text) == []


def test_names_do_not_hide_typos_elsewhere() -> None:
    text = ("Kegiatan pertama dibuka oleh Bapak Pertamo Wiradikarta.\nLaporan pertama dan rapat "
            "pertama selesai.\nTahap pertamma dilanjutkan bulan depan.\n")
    assert [i.excerpt for i in _issues(text) if i.rule == "SP101"] == ["pertamma"]


# ----------------------------------------------------------- abbreviations and English terms
def test_regulation_and_office_abbreviations_are_known() -> None:
    text = ("Sesuai Permendagri Nomor 77 Tahun 2020, Kepmendagri Nomor 050-5889 Tahun 2021, "
            "PermenPAN-RB Nomor 88 Tahun 2021, Perbup, Perwal, Pergub, Perda dan Kepbup, serta SE "
            "Mendagri, laporan disampaikan kepada Bappeda, Dinkes dan Disdukcapil.\n"
            "Disperkimtan membangun rumah layak huni bersama Dispertanpangan dan Disnakkeswan.\n")
    assert _notes(text) == []


def test_english_terms_left_unitalicised_get_no_notes() -> None:
    text = ("Desa wisata mengembangkan homestay; laporan masih unaudited; e-government didukung "
            "dashboard dan website; keterlibatan stakeholder meningkat.\nKualitas air diukur "
            "dengan biochemical oxygen demand dan metode blended learning.\n")
    assert _notes(text) == []


def test_english_shape_does_not_hide_a_slip_from_a_document_word() -> None:
    assert spelling.englishy("unaudited") and spelling.englishy("dashboard")
    assert not spelling.englishy("pelaksanaan") and not spelling.englishy("masyarakat")
    text = ("Pelaksanaan kegiatan berjalan lancar.\nPelaksanaan rapat berjalan lancar.\n"
            "Pellaksanaan evaluasi tertunda.\n")
    assert [(i.excerpt, i.expected) for i in _issues(text) if i.rule == "SP101"] == [
        ("Pellaksanaan", "Pelaksanaan")]


# ------------------------------------------------------------ quoted and glossed terms
def test_quoted_and_glossed_regional_terms_get_no_notes() -> None:
    text = ("Masyarakat mengenal tradisi ngayuhan sebagai kerja bersama.\n"
            "Kegiatan 'sambatan' dan ‘nyadran’ serta \"mapalusan\" tetap dilestarikan.\n"
            "Lumbung desa disebut leuitan oleh warga; kelompok tenun songke dan tari caci tampil.\nKearifan lokal paleboan, yang berarti kerja "
            "bergiliran, diterapkan.\n")
    assert _notes(text) == []


def test_unquoted_unglossed_misspelling_is_reported() -> None:
    text = "Kegiatan tersebut diselenggarakkan oleh kecamatan bersama warga.\n"
    assert [i.excerpt for i in _issues(text) if i.rule == "SP101"] == ["diselenggarakkan"]


# ---------------------------------------------------------------------- di + word (SP104)
def test_di_before_a_noun_phrase_is_the_preposition() -> None:
    text = ("Harga naik di nilai tukar yang melemah.\nPembinaan di bidang pendidikan di tingkat "
            "kecamatan, di bagian umum, di sela kegiatan dan di lantai dua.\nRapat di Kelola "
            "Raya dan di tahun 2023.\n")
    assert [i for i in _issues(text) if i.rule == "SP104"] == []


def test_separated_passive_prefix_is_reported() -> None:
    text = ("Aset desa di kelola oleh BUMDes.\nHasil di nilai oleh tim.\nProgram di kembangkan, "
            "di perbaiki dan di laksanakan.\nData di input operator.\n")
    got = [i.expected for i in _issues(text) if i.rule == "SP104"]
    assert got == ["dikelola", "dinilai", "dikembangkan", "diperbaiki", "dilaksanakan", "diinput"]


# ------------------------------------------------------------------------- OCR confusions
def test_ocr_confusions_inside_words() -> None:
    text = ("Kegiatan dilaksanakan oIeh kecamatan dan k0ordinasi lintas sektor.\n"
            "KEBlJAKAN UMUM disusun pernerintah daerah.\nKode K3L, S1, Tw1 dan 10m tidak diubah.\n")
    got = [(i.excerpt, i.expected) for i in _issues(text) if i.rule == "SP101"]
    assert got == [("oIeh", "oleh"), ("k0ordinasi", "koordinasi"), ("KEBlJAKAN", "KEBIJAKAN"),
                   ("pernerintah", "pemerintah")]


def test_heading_words_are_not_proper_nouns_and_weak_titles_do_not_hide_them() -> None:
    # a Title Case cell or heading keeps the dictionary neighbour; "Ibu Hamil" is no name
    text = "Persentase Pelayanan Ibu Hamil Riisko Tinggi\n"
    assert [(i.excerpt, i.expected) for i in _issues(text) if i.rule == "SP101"] == [("Riisko", "Risiko")]
    # inside a sentence a capitalised unknown word is a proper noun: no dictionary neighbour
    assert _notes("Warga menampilkan Tari Rejan pada upacara desa.\n") == []
