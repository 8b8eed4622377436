"""B.1 says what the figures file says and no more: the sasaran's own factors once, the floor
of a negative capaian, the reference score of a letter grade, polarity-aware wording, years and
small counts in words, and the oddities a planner would flag in the Renstra path."""

from __future__ import annotations

import re
from typing import Any

from drafter.draft.context import build_context
from drafter.figures.model import Figures


def _ctx(indikator: list[dict[str, Any]], renstra: dict[str, Any] | None = None,
         **sasaran: Any) -> Any:
    fig = Figures.model_validate({
        "instansi": {"nama": "Kecamatan Uji", "kabupaten": "Uji",
                     "kepala": {"nama": "A", "jabatan": "Camat Uji"}},
        "tahun": 2023,
        "renstra": renstra or {"awal": 2021, "akhir": 2026},
        "pengukuran": {"batas_capaian_100": True},
        "sasaran": [{"id": "S1", "nama": "Sasaran Uji", "indikator": indikator, **sasaran}],
    })
    return build_context(fig)["sasaran"][0]


def _text(ind: Any) -> str:
    return " ".join(ind.text_paragraphs)


def test_factors_once_under_the_indicator_below_target() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 90},
              {"nama": "Persentase Uji", "satuan": "%", "target": 90, "realisasi": 60}],
             faktor_keberhasilan=["Dukungan mitra uji berjalan baik."],
             faktor_kegagalan=["Petugas uji berpindah tugas."],
             solusi=["Menambah petugas cadangan uji."])
    met, below = s.indikator
    assert "petugas uji berpindah tugas" in _text(below)
    assert "menambah petugas cadangan uji" in _text(below)
    # the factors are the sasaran's (judge 9): in full under the indicator below target, and
    # as the sasaran's obstacle and plan in one sentence under the other one
    brief = [x for x in re.split(r"(?<=\.)\s+", _text(met)) if "petugas uji" in x]
    assert len(brief) == 1 and "sasaran" in brief[0] and "menambah petugas cadangan" in brief[0]
    assert "dukungan mitra uji berjalan baik" in _text(met)
    # no causal link the file does not state
    for t in (_text(met), _text(below)):
        assert "disebabkan" not in t and "penyebab" not in t.lower()


def test_factors_of_a_met_target_are_the_supporting_ones() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 90}],
             faktor_keberhasilan=["Dukungan mitra uji berjalan baik."],
             faktor_kegagalan=["Petugas uji berpindah tugas."])
    text = _text(s.indikator[0])
    assert "dukungan mitra uji berjalan baik" in text
    # every item is used (judge 5); for a met target the failure factor is an obstacle that
    # remains, never the cause of a failure
    assert "petugas uji berpindah tugas" in text
    assert text.index("dukungan mitra") < text.index("petugas uji")
    assert "penyebab" not in text.lower() and "gagal" not in text.lower()


def test_no_factor_sentence_without_factors() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 70}])
    assert "sebab_faktor" not in s.indikator[0].situations


def test_negative_far_above_its_ceiling_says_the_floor() -> None:
    s = _ctx([{"nama": "Jumlah Kasus Uji", "satuan": "kasus", "polaritas": "negatif",
               "target": 4, "realisasi": 20}])
    text = _text(s.indikator[0])
    assert "\u2212300%" in text and "0%" in text
    assert "baru mencapai" not in text


def test_negative_below_its_ceiling_is_not_terlampaui() -> None:
    s = _ctx([{"nama": "Jumlah Kasus Uji", "satuan": "kasus", "polaritas": "negatif",
               "target": 10, "realisasi": 8}])
    text = _text(s.indikator[0])
    assert "terlampaui" not in text and "lebih baik dari target" not in text
    assert "batas target" in text and "polaritas negatif" in text
    assert "(dibatasi 100% pada capaian sasaran)" in text  # 120% capped in the average


def test_grade_without_score_is_compared_by_grade_not_an_assumed_score() -> None:
    s = _ctx([{"nama": "Nilai SAKIP Uji", "target": "BB", "realisasi": "B",
               "skor_target": 70, "skor_realisasi": 65.3,
               "riwayat": [{"tahun": 2022, "target": "B", "realisasi": "B"}],
               "renstra": {2026: "A"}}])
    text = _text(s.indikator[0])
    # the end grade has no score: B.1 says how many grades apart, never an assumed score
    assert "dipakai skor acuan" not in text and "dua tingkat" in text
    # the same letter as last year, whose score is unknown: not "tidak berubah"
    assert "tidak berubah" not in text and "nilai huruf" in text


def test_renstra_gap_in_words_and_path_oddities() -> None:
    s = _ctx([{"nama": "Persentase Uji", "satuan": "%", "target": 100, "realisasi": 85,
               "renstra": {2023: 100, 2024: 85, 2026: 95}}])
    text = _text(s.indikator[0])
    assert "3 tahun" not in text  # years in words, when the form gives them
    assert "Memasuki" not in text
    assert "lebih tinggi daripada target akhir tahun 2026" in text
    # a path that rises to the end target is not flagged
    s = _ctx([{"nama": "Persentase Uji", "satuan": "%", "target": 100, "realisasi": 85,
               "renstra": {2024: 90, 2026: 95}}])
    assert "daripada target akhir" not in _text(s.indikator[0])


def test_realisasi_meeting_next_years_target_is_said() -> None:
    s = _ctx([{"nama": "Persentase Kasus Uji", "satuan": "%", "polaritas": "negatif",
               "target": 10, "realisasi": 8, "renstra": {2024: 8, 2026: 5}}])
    text = _text(s.indikator[0])
    assert "2024" in text and "sudah" in text and "8%" in text
    s = _ctx([{"nama": "Persentase Kasus Uji", "satuan": "%", "polaritas": "negatif",
               "target": 10, "realisasi": 9, "renstra": {2024: 8, 2026: 5}}])
    text = _text(s.indikator[0])  # the 2024 target is on the Renstra path, not said to be met
    assert not re.search(r"(?:sudah|pun)[^.]*tahun 2024|tahun 2024[^.]*sudah", text)


def test_no_comparison_value_said_once_per_sasaran() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 90},
              {"nama": "Persentase Uji", "satuan": "%", "target": 90, "realisasi": 95}])
    first, last = s.indikator
    assert "pembanding" not in _text(first).lower()
    assert "dua indikator" in _text(last)


# judge 5 (docs/review/pairs2.md): every list item, the follow-up, target changes, Renstra
# revisions, comparator gaps, free text only where it cannot break the grammar, and the order


def _tied(text: str) -> bool:
    """A step said to answer a problem (phrasebank b1_langkah_jawab)."""
    return bool(re.search(r"menjawab|mengatasi|jawaban atas|diatasi|dijawab|Terhadap "
                          r"(?:faktor|permasalahan|hambatan)", text))


def test_every_problem_and_solution_is_used() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 70}],
             permasalahan=["Jadwal rapat uji bergeser.", "Anggaran uji terlambat cair."],
             solusi=["Menyusun kalender bersama.", "Mengusulkan pergeseran belanja."])
    text = _text(s.indikator[0])
    for item in ("jadwal rapat uji bergeser", "anggaran uji terlambat cair",
                 "menyusun kalender bersama", "mengusulkan pergeseran belanja"):
        assert item in text, item
    # short items read as one series, not numbered, and never "; serta" (judge 8)
    assert "jadwal rapat uji bergeser dan anggaran uji terlambat cair" in text
    assert "menyusun kalender bersama dan mengusulkan pergeseran belanja" in text
    assert "; serta" not in text
    assert "pertama," not in text
    # the follow-up answers the problems just named (judge 7), with no purpose the figures do
    # not give (judge 10)
    assert text.index("anggaran uji terlambat cair") < text.index("menyusun kalender")
    assert " agar " not in text and "supaya" not in text
    assert not re.search(r":\s*(?:jadwal|menyusun)", text)  # never a colon before the items


def test_compound_items_stay_apart_in_their_series() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 70}],
             permasalahan=["Jadwal rapat koordinasi dan evaluasi uji bergeser ke akhir tahun.",
                           "Anggaran uji terlambat cair."])
    text = _text(s.indikator[0])
    assert ("jadwal rapat koordinasi dan evaluasi uji bergeser ke akhir tahun, serta anggaran "
            "uji terlambat cair") in text
    # items of several sentences keep a sentence each
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 70}],
             permasalahan=["Jadwal rapat bergeser. Pesertanya berganti.",
                           "Anggaran uji terlambat cair."])
    text = _text(s.indikator[0])
    # (a numbered list after the paragraph, the gist before it: judge 8)
    assert "1. Jadwal rapat bergeser. Pesertanya berganti." in text
    assert "2. Anggaran uji terlambat cair." in text


def test_failure_factors_explain_the_shortfall() -> None:
    s = _ctx([{"nama": "Persentase Uji", "satuan": "%", "target": 100, "realisasi": 85}],
             faktor_kegagalan=["Dua desa belum menyusun dokumen perencanaan desa."],
             permasalahan=["Jadwal musyawarah desa bergeser."],
             solusi=["Menyusun kalender fasilitasi bersama seluruh desa."])
    text = _text(s.indikator[0])
    # the category of a missed target and the gap; the cause tied to that gap
    assert "15 poin persen" in text and "belum" in text
    # the gap said once (judge 8), the cause referring back to it
    assert text.count("15 poin persen") == 1
    assert re.search(r"(?:Kekurangan itu|kekurangan itu|Belum terpenuhinya target tahun ini|"
                     r"Target tahun ini belum terpenuhi)[^.]*(?:karena|lantaran) dua desa belum "
                     r"menyusun", text)
    assert text.index("dua desa") < text.index("jadwal musyawarah") < text.index("menyusun kal")


def test_target_change_renstra_revision_and_comparator_gaps() -> None:
    s = _ctx([{"nama": "Tingkat Uji", "target": 68, "realisasi": 70.12,
               "riwayat": [{"tahun": 2022, "target": 65, "realisasi": 66.85}],
               "renstra": {2023: 68, 2026: 72}, "renstra_awal": {2023: 64, 2026: 68},
               "pembanding": [{"nilai": 70.9, "label": "TGM Provinsi"},
                              {"nilai": 72.44, "label": "TGM Nasional"}]}],
             renstra={"awal": 2021, "akhir": 2026, "perubahan": [
                 {"tahun": 2022, "dokumen": "Peraturan Bupati Uji Nomor 1 Tahun 2022"}]})
    text = _text(s.indikator[0])
    assert "Peraturan Bupati Uji Nomor 1 Tahun 2022" in text
    assert "dari 64 menjadi 68" in text and "dari 68 menjadi 72" in text
    # this year's target said once, with the revision that set it (judge 10)
    assert not re.search(r"dinaikkan|ditingkatkan|lebih tinggi daripada target tahun 2022", text)
    assert "0,78 poin" in text and "2,32 poin" in text
    s = _ctx([{"nama": "Indeks Uji", "target": 85, "realisasi": 85,
               "riwayat": [{"tahun": 2022, "target": 93, "realisasi": 95}]}])
    text = _text(s.indikator[0])
    assert re.search(r"diturunkan|dikurangi|lebih rendah daripada target", text)
    # a met target that was lowered, and a realisasi that fell too: read with care, once
    # (judge 10: the lowered target said twice in a row)
    assert re.search(r"dibaca dengan hati-hati|ditafsirkan dengan cermat", text)
    assert len(re.findall(r"diturunkan|dikurangi|lebih ringan", text)) <= 2


def test_cause_of_a_change_after_karena_and_before_nothing_renstra() -> None:
    s = _ctx([{"nama": "Tingkat Uji", "target": 68, "realisasi": 70,
               "riwayat": [{"tahun": 2022, "realisasi": 66}], "renstra": {2026: 72},
               "penyebab_perubahan": "Layanan keliling diperluas dari 60 menjadi 96 titik."}],
             faktor_keberhasilan=["Dukungan mitra uji."], solusi=["Menambah armada uji."])
    i = s.indikator[0]
    text = _text(i)
    # "karena" (or "ialah") takes a clause or a noun phrase
    assert re.search(r"(?:karena|ialah) layanan keliling diperluas", text)
    assert "disebabkan oleh layanan" not in text
    s2 = _ctx([{"nama": "Tingkat Uji", "target": 68, "realisasi": 60,
                "riwayat": [{"tahun": 2022, "realisasi": 66}],
                "penyebab_perubahan": "Perpustakaan desa berkurang karena pengelolanya berganti."}])
    text2 = _text(s2.indikator[0])
    assert "perpustakaan desa berkurang karena pengelolanya berganti" in text2
    assert "karena perpustakaan desa" not in text2  # no "karena ... karena ..."
    # the cause right after the change it explains (judge 7), the follow-up last
    sentences = re.split(r"(?<=[.;])\s+(?=[A-Z])", text)
    trend = next(k for k, x in enumerate(sentences) if "2022" in x and "66" in x or
                 "4 poin" in x)
    assert "layanan keliling" in sentences[trend + 1], sentences
    assert text.index("layanan keliling") < text.index("menambah armada")


def test_lowest_indicator_of_its_sasaran() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 78},
              {"nama": "Persentase Uji", "satuan": "%", "target": 90, "realisasi": 40}])
    assert re.search(r"paling rendah|terendah", _text(s.indikator[1]))
    assert not re.search(r"paling rendah|terendah", _text(s.indikator[0]))
