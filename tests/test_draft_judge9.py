"""B.1 as judge 9 asked (issue 15): the insights a planner draws from the figures, and the
sasaran's factors woven into prose, never counted, numbered or attributed ("menurut pihak ...").
Every insight is computed from the figures file; nothing the file does not support."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from draftparts import EXAMPLES
from draftparts import indicator_text as _text
from draftparts import section_b1 as _b1

from drafter.draft.context import build_context
from drafter.figures import load_figures


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_counted_enumeration_attribution_or_list(path: Path) -> None:
    b1 = _b1(path)
    assert not re.search(r"\b(?:Pertama|Kedua|Ketiga), ", b1)
    assert not re.search(r"\bmenurut (?:pihak|rencana|catatan)\b|\bPihak (?:kecamatan|dinas|badan)",
                         b1, re.I)
    assert not re.search(r"(?:Langkah|Perbaikan|Tindak lanjut) yang (?:akan ditempuh|"
                         r"direncanakan|disiapkan)[^.]* (?:adalah|ialah|mencakup)\b", b1)
    # single-clause items are prose, never a numbered list (the sasaran's own "rincian" after
    # its indicators is the user's list, kept as given)
    for s in build_context(load_figures(path))["sasaran"]:
        for i in s.indikator:
            assert not re.search(r"(?m)^\d+\. ", "\n\n".join(i.text_paragraphs)), i.nama


def test_outputs_explain_a_shortfall() -> None:
    text = _text("contoh-sintetis.yaml", "Persentase Desa yang Difasilitasi Pemberdayaan")
    assert "10 desa dari rencana 12 desa" in text
    assert "10 kali dari rencana 12 kali" in text
    # a sub kegiatan's low absorption with its output (20.400.000 of 25.500.000)
    assert "terserap 80%" in text
    # the cause first, then the outputs, then the plan (with no purpose the figures do not
    # give: judge 10)
    assert text.index("dua desa") < text.index("10 desa") < text.index("kalender fasilitasi")
    assert " agar " not in text


def test_gap_to_the_end_target_in_points_and_percent() -> None:
    text = _text("umbulsari-2023.yaml", "Indeks Kepuasan Masyarakat")
    sentence = next(x for x in re.split(r"(?<=\.)\s+", text) if "2026" in x and "15 poin" in x)
    assert "85%" in sentence  # 85 of 100
    # a target lowered against last year: the capaian read with care, before the plan
    assert text.index("diturunkan") < text.index("menyosialisasikan")


def test_last_years_target_without_realisasi_is_read_as_a_target_change() -> None:
    text = _text("edge-cases-2023.yaml",
                 "Persentase Rekomendasi Pemeriksaan yang Ditindaklanjuti")
    assert re.search(r"target (?:dinaikkan|diturunkan) 5 poin persen", text)
    # the trend and the missing data before the cause and the plan (judge 9)
    assert text.index("2022") < text.index("menunggu keputusan")


def test_a_full_hundred_percent_is_to_be_kept() -> None:
    text = _text("gumukmas-2023.yaml", "Persentase Tingkat Penyelesaian Laporan dan Pelanggaran "
                 "Ketertiban Umum serta Ketenteraman Masyarakat")
    assert re.search(r"mempertahankannya|menjaganya tetap 100%", text)


def test_a_step_of_another_body_is_asked_for_and_the_plan_has_no_invented_purpose() -> None:
    text = _text("umbulsari-2023.yaml", "Nilai SAKIP")
    assert "meminta instansi terkait untuk mengefektifkan" in text
    assert "oleh instansi terkait" not in text
    # judge 10: "supaya nilai A dapat dipertahankan" is a purpose the figures do not give
    assert "supaya" not in text and " agar " not in text
    # the sasaran named (its only indicator)
    assert "Terselenggaranya Pemerintahan Kecamatan Umbulsari yang Baik" in text


def _fig(indikator: list[dict[str, Any]], **sasaran: Any) -> Any:
    from drafter.figures.model import Figures

    return Figures.model_validate({
        "instansi": {"nama": "Dinas Uji", "kabupaten": "Uji",
                     "kepala": {"nama": "A", "jabatan": "Kepala Dinas Uji"}},
        "tahun": 2023,
        "renstra": {"awal": 2021, "akhir": 2026},
        "pengukuran": {"batas_capaian_100": True},
        "sasaran": [{"id": "S1", "nama": "Sasaran Uji", "indikator": indikator, **sasaran}],
    })


def test_a_purpose_only_where_the_figures_give_one() -> None:
    # judge 10: "agar realisasi terus naik ...", "agar kekurangan itu dapat ditutup" are the
    # drafter's own purposes (and "terus naik" was wrong after a fall)
    for realisasi in (82, 70):
        fig = _fig([{"nama": "Indeks Uji", "target": 80, "realisasi": realisasi,
                     "renstra": {2026: 90}}],
                   permasalahan=["Jadwal rapat uji bergeser."], solusi=["Menyusun kalender uji."])
        text = " ".join(build_context(fig)["sasaran"][0].indikator[0].text_paragraphs)
        assert not re.search(r"\b(?:agar|supaya)\b", text), text
    # a step that already names its purpose gets no second one
    fig = _fig([{"nama": "Indeks Uji", "target": 80, "realisasi": 70}],
               solusi=["Menyusun kalender uji agar jadwal tidak bergeser."])
    text = " ".join(build_context(fig)["sasaran"][0].indikator[0].text_paragraphs)
    assert text.count(" agar ") == 1


def test_a_breakdown_given_antara_lain_is_never_ranked() -> None:
    # judge 10: "yang terbanyak ialah ..." over a list titled "antara lain" (not complete, and
    # partly of another kind: permits, asset guarding) is unsupported
    for path, name in (("gumukmas-2023.yaml", "Persentase Tingkat Penyelesaian Laporan dan "
                        "Pelanggaran Ketertiban Umum serta Ketenteraman Masyarakat"),
                       ("gumukmas-2023.yaml", "Persentase Fasilitasi Kesejahteraan Masyarakat "
                        "yang Dilaksanakan")):
        text = _text(path, name)
        assert not re.search(r"terbanyak|tersering|paling (?:banyak|sering)", text)
        assert "izin keramaian" not in text
