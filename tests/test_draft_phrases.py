"""Direction words: the situation chosen for each indicator, and the wording of every variant."""

from __future__ import annotations

import re
from typing import Any

import pytest

from drafter.draft.context import build_context
from drafter.draft.phrase import Phrasebank, load_phrasebank, stable_int
from drafter.figures.model import Figures


def figures(ind: dict[str, Any], *, cap: bool = True) -> Figures:
    base = {"nama": "Indeks Uji", "satuan": "", "target": 80, "realisasi": 80}
    base.update(ind)
    return Figures.model_validate({
        "instansi": {"nama": "Kecamatan Uji", "kabupaten": "Uji",
                     "kepala": {"nama": "A", "jabatan": "Camat Uji"}},
        "tahun": 2023,
        "renstra": {"awal": 2021, "akhir": 2026},
        "pengukuran": {"batas_capaian_100": cap},
        "sasaran": [{"id": "S1", "nama": "Sasaran Uji", "indikator": [base]}],
    })


def situations(ind: dict[str, Any]) -> list[str]:
    ctx = build_context(figures(ind))
    return ctx["sasaran"][0].indikator[0].situations


def paragraphs(ind: dict[str, Any]) -> list[str]:
    return build_context(figures(ind))["sasaran"][0].indikator[0].paragraphs


@pytest.mark.parametrize(("target", "realisasi", "polaritas", "expected"), [
    (80, 90, "positif", "capaian_melampaui"),
    (80, 80, "positif", "capaian_tercapai"),
    (80, 70, "positif", "capaian_tidak_tercapai"),
    (10, 8, "negatif", "capaian_melampaui"),  # lower is better
    (10, 10, "negatif", "capaian_tercapai"),
    (10, 12, "negatif", "capaian_tidak_tercapai"),
    ("BB", "A", "positif", "huruf_melampaui"),
    ("BB", "BB", "positif", "huruf_tercapai"),
    ("A", "B", "positif", "huruf_tidak_tercapai"),
])
def test_achievement(target: Any, realisasi: Any, polaritas: str, expected: str) -> None:
    sits = situations({"target": target, "realisasi": realisasi, "polaritas": polaritas})
    assert sits[0] == expected
    # a lower-is-better indicator says so (in the achievement sentence or one of its own)
    text = " ".join(paragraphs({"target": target, "realisasi": realisasi,
                                "polaritas": polaritas}))
    assert ("polaritas negatif" in text) == (polaritas == "negatif")


@pytest.mark.parametrize(("prev", "now", "polaritas", "expected"), [
    (70, 90, "positif", "tren_naik_baik"),
    (95, 90, "positif", "tren_turun_buruk"),
    (90, 90, "positif", "tren_tetap"),
    (12, 8, "negatif", "tren_turun_baik"),  # a decrease is an improvement
    (6, 8, "negatif", "tren_naik_buruk"),
    ("BB", "A", "positif", "huruf_tren_naik_baik"),
    ("A", "BB", "positif", "huruf_tren_turun_buruk"),
    (None, 90, "positif", "tren_tidak_tersedia"),
])
def test_trend(prev: Any, now: Any, polaritas: str, expected: str) -> None:
    target = "BB" if isinstance(now, str) else 10 if polaritas == "negatif" else 80
    riwayat = [] if prev is None else [{"tahun": 2022, "target": target, "realisasi": prev}]
    sits = situations({"target": target, "realisasi": now, "polaritas": polaritas,
                       "riwayat": riwayat})
    # no earlier year: said alone, or with the other missing data in one sentence (judge 8)
    assert expected in sits or (prev is None and "data_tidak_tersedia" in sits)
    if prev is None:
        assert any(re.search(r"(?:tidak|belum) (?:tersedia|tercatat|ada)|belum memuat", p)
                   and "2022" in p for p in paragraphs(
            {"target": target, "realisasi": now, "riwayat": riwayat}))


def test_trend_sentence_numbers() -> None:
    ps = paragraphs({"target": 80, "realisasi": 88.05,
                     "riwayat": [{"tahun": 2022, "target": 80, "realisasi": 93.33}]})
    trend = ps[1]
    # the earlier value and the change; this year's value was said in the sentence before
    assert "93,33" in trend and "5,28 poin" in trend
    # the relative change, when given, is right; an earlier year's capaian may be given too
    rest = re.sub(r"capaian [\d.,]+%", "", trend)
    assert "%" not in rest or "5,66%" in rest
    assert "88,05" in ps[0]
    assert any(w in trend.lower() for w in ("turun", "lebih rendah", "penurunan", "berkurang",
                                            "lebih kecil"))
    assert not any(w in trend for w in ("naik", "lebih tinggi", "kenaikan"))


@pytest.mark.parametrize(("end", "now", "polaritas", "expected"), [
    (90, 95, "positif", "renstra_tercapai"),
    (90, 90, "positif", "renstra_tercapai"),
    (100, 95, "positif", "renstra_belum"),
    (5, 8, "negatif", "renstra_belum"),
    (10, 8, "negatif", "renstra_tercapai"),
    (None, 95, "positif", "renstra_tidak_tersedia"),
])
def test_renstra(end: Any, now: Any, polaritas: str, expected: str) -> None:
    renstra = {} if end is None else {2026: end}
    ind = {"target": 10 if polaritas == "negatif" else 80, "realisasi": now,
           "polaritas": polaritas, "renstra": renstra}
    sits = situations(ind)
    assert expected in sits or (end is None and "data_tidak_tersedia" in sits)
    if expected != "renstra_tidak_tersedia":
        # the Renstra sentence (its wording varies; a table reference is optional)
        assert any("Renstra" in p and ("tahun ke-3" in p or "2026" in p or "jangka menengah" in p
                                       or "target akhir" in p) for p in paragraphs(ind))


@pytest.mark.parametrize(("nilai", "now", "polaritas", "expected"), [
    (86.34, 88.05, "positif", "pembanding_atas"),
    (86.34, 85, "positif", "pembanding_bawah"),
    (85, 85, "positif", "pembanding_sama"),
    (10, 8, "negatif", "pembanding_atas_negatif"),
    (6, 8, "negatif", "pembanding_bawah_negatif"),
    (None, 85, "positif", "pembanding_tidak_tersedia"),
])
def test_national(nilai: Any, now: Any, polaritas: str, expected: str) -> None:
    pb = None if nilai is None else {"nilai": nilai, "label": "IKM Kabupaten Uji"}
    ind = {"target": 10 if polaritas == "negatif" else 80, "realisasi": now,
           "polaritas": polaritas, "pembanding": pb}
    if nilai is None:
        # no comparison value: Tabel 3.4 shows "-"; B.1 says so for some indicators only (judge
        # 4 counted it in four of six texts), and never claims a comparison
        sits = situations(ind)
        assert [x for x in sits if x.startswith("pembanding")] in ([], [expected])
        if expected in sits:
            text = paragraphs(ind)[sits.index(expected)]
            assert any(w in text for w in ("tidak tersedia", "belum ada", "tidak ditemukan"))
        return
    sits = situations(ind)
    assert expected in sits
    assert "IKM Kabupaten Uji" in paragraphs(ind)[sits.index(expected)]


# Every variant of a situation must carry its direction; none may carry the opposite one.
MUST = {
    "capaian_melampaui": (("melampaui", "terlampaui", "lebih baik dari target"), ("belum", "di bawah")),
    "capaian_tercapai": (("tercapai", "sama dengan", "memenuhi"), ("belum", "di bawah", "melampaui")),
    "capaian_tidak_tercapai": (("belum", "di bawah"), ("melampaui", "terlampaui")),
    "huruf_melampaui": (("lebih tinggi", "terlampaui", "melampaui"), ("belum", "di bawah")),
    "huruf_tercapai": (("sama dengan", "sesuai"), ("belum", "terlampaui")),
    "huruf_tidak_tercapai": (("di bawah", "belum"), ("terlampaui", "lebih tinggi")),
    "tren_naik_baik": (("naik", "lebih tinggi", "kenaikan"), ("turun", "lebih rendah", "penurunan")),
    "tren_turun_buruk": (("turun", "lebih rendah", "penurunan"), ("naik", "lebih tinggi", "membaik")),
    "tren_turun_baik": (("membaik", "perbaikan"), ("naik", "memburuk")),
    "tren_naik_buruk": (("memburuk", "belum membaik"), ("turun", "lebih rendah")),
    "tren_tetap": (("sama", "tidak berubah"), ("naik", "turun")),
    "tren_tidak_tersedia": (("tidak tersedia", "belum tercatat"), ("naik", "turun")),
    "renstra_tercapai": (("tercapai", "terpenuhi"), ("belum",)),
    "renstra_belum": (("belum", "baru"), ("telah tercapai", "sudah tercapai", "telah terpenuhi")),
    "renstra_tidak_tersedia": (("tidak tersedia", "belum memuat", "belum dimuat", "belum dicantumkan"), ("tercapai",)),
    # the forms of issue 15: a plain change and the way to the Renstra end target
    "tren_polos_naik": (("naik", "lebih tinggi", "kenaikan"), ("turun", "lebih rendah")),
    "tren_polos_turun": (("turun", "lebih rendah", "penurunan"), ("naik", "lebih tinggi")),
    "renstra_akhir_selisih_naik": (("kurang", "jarak", "naik", "bertambah"), ("turun",)),
    "renstra_akhir_selisih_turun": (("di bawah realisasi", "di atas batas", "turun", "berkurang",
                                     "kelebihan"), ("naik",)),
    "renstra_akhir_tahun_naik": (("jarak", "bertambah", "kekurangan"), ("turun",)),
    "renstra_akhir_tahun_turun": (("penurunan", "ditekan", "menekan"), ("naik",)),
    "renstra_akhir_laju_naik": (("kenaikan", "naik"), ("turun",)),
    "renstra_akhir_laju_turun": (("penurunan", "berkurang"), ("naik",)),
    "renstra_akhir_sudah": (("memenuhi", "terpenuhi", "tercapai", "terjangkau", "menjangkau",
                             "lebih baik"), ("belum",)),
    "renstra_akhir_sejak": (("sejak",), ("belum",)),
    "renstra_belum_naik": (("naik", "kenaikan", "ditutup", "kekurangan"), ("turun", "sudah tercapai")),
    "renstra_belum_turun": (("turun", "ditekan"), ("naik", "sudah tercapai")),
    "capaian_melampaui_negatif": (("lebih rendah daripada batas", "di bawah batas"),
                                  ("belum", "terlampaui")),
    "capaian_tidak_tercapai_negatif": (("melebihi batas",), ("melampaui", "terlampaui")),
    "huruf_tren_tetap": (("sama",), ("naik", "turun", "tidak berubah")),
    "b1_faktor_penghambat": (("penghambat", "hambatan", "kendala"), ("disebabkan",)),
    "b1_faktor_pendukung": (("pendukung",), ("disebabkan",)),
    "pembanding_atas": (("lebih tinggi", "di atas"), ("lebih rendah", "di bawah")),
    "pembanding_bawah": (("lebih rendah", "di bawah"), ("lebih tinggi", "di atas")),
    "pembanding_tidak_tersedia": (("tidak tersedia", "belum ada", "tidak ditemukan"),
                                  ("lebih tinggi", "lebih rendah")),
    "efisiensi_efisien": (("efisien",), ("kurang efisien",)),
    "efisiensi_tidak": (("kurang efisien",), ("tidak lebih rendah",)),
    "serapan_naik": (("meningkat", "lebih tinggi"), ("menurun", "lebih rendah")),
    "serapan_turun": (("menurun", "lebih rendah"), ("meningkat", "lebih tinggi")),
    "serapan_tidak_tersedia": (("tidak tersedia",), ("meningkat", "menurun")),
}


@pytest.mark.parametrize("situation", sorted(MUST))
def test_every_variant_has_the_right_direction(situation: str) -> None:
    must, never = MUST[situation]
    variants = load_phrasebank()[situation]
    for v in variants:
        low = v.lower()
        assert any(w in low for w in must), (situation, v)
        assert not any(w in low for w in never), (situation, v)


def test_variants_rotate_for_neighbours_and_are_stable() -> None:
    pb = Phrasebank(seed="Kecamatan Uji|2023")
    for situation, variants in load_phrasebank().items():
        if len(variants) < 2:
            continue
        picks = [pb.choose(situation, index=i) for i in range(1, 5)]
        assert all(a != b for a, b in zip(picks, picks[1:], strict=False)), situation
    # sha256-based, not Python's salted hash()
    assert stable_int("x") == stable_int("x") == 0x2D711642B726B044


def test_every_situation_has_several_variants_where_it_repeats() -> None:
    bank = load_phrasebank()
    for situation in ("capaian_melampaui", "capaian_tercapai", "capaian_tidak_tercapai",
                      "tren_naik_baik", "tren_turun_buruk", "renstra_tercapai", "renstra_belum",
                      "pembanding_tidak_tersedia", "efisiensi_efisien", "b2_capaian"):
        assert len(bank[situation]) >= 2, situation


def test_no_variant_looks_like_a_caption_or_leftover() -> None:
    import re

    for situation, variants in load_phrasebank().items():
        for v in variants:
            assert not re.match(r"\W*tabel\s*\d", v, re.I), (situation, v)  # a caption line
            assert not re.search(r"\(\w+/\w+\)|\bdst\b|jika ada", v), (situation, v)
