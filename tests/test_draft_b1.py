"""B.1 says what the figures file says and no more: the sasaran's own factors once, the floor
of a negative capaian, the reference score of a letter grade, polarity-aware wording, years and
small counts in words, and the oddities a planner would flag in the Renstra path."""

from __future__ import annotations

from typing import Any

from drafter.draft.context import build_context
from drafter.figures.model import Figures


def _ctx(indikator: list[dict[str, Any]], **sasaran: Any) -> Any:
    fig = Figures.model_validate({
        "instansi": {"nama": "Kecamatan Uji", "kabupaten": "Uji",
                     "kepala": {"nama": "A", "jabatan": "Camat Uji"}},
        "tahun": 2023,
        "renstra": {"awal": 2021, "akhir": 2026},
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
    assert "petugas uji" not in _text(met)  # said once per sasaran, where it belongs
    # no causal link the file does not state
    assert "disebabkan" not in _text(below) and "penyebab" not in _text(below).lower()


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
    assert "tahun 2024" not in _text(s.indikator[0])


def test_no_comparison_value_said_once_per_sasaran() -> None:
    s = _ctx([{"nama": "Indeks Uji", "target": 80, "realisasi": 90},
              {"nama": "Persentase Uji", "satuan": "%", "target": 90, "realisasi": 95}])
    first, last = s.indikator
    assert "pembanding" not in _text(first).lower()
    assert "dua indikator" in _text(last)
