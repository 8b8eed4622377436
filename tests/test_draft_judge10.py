"""B.1 as judge 10 asked (issue 15): no statement the figures file does not give or imply (no
purpose of a step unless the step states it, no ranking of a list the file does not rank, no
direction of a series that the values contradict), and fewer template frames (a year as the
subject, "angka ini", the comparator sentence)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from draftparts import EXAMPLES
from draftparts import indicator_text as _text
from draftparts import section_b1 as _b1


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_invented_purpose_ranking_or_year_as_subject(path: Path) -> None:
    b1 = _b1(path)
    # a purpose only where the user's own step gives it ("... agar kondisi wilayah tetap aman")
    for m in re.finditer(r"[^.]*\b(?:agar|supaya)\b[^.]*\.", b1):
        sentence = m.group(0)
        assert not re.search(r"dapat (?:ditutup|dipertahankan|diraih|ditekan)|terus (?:naik|turun)"
                             r"|hasil ini", sentence), sentence
    assert not re.search(r"\bterbanyak\b|\bterutama\b|\bPendorong utama\b", b1)
    # never a year that "records" or "sets" something (judge 10: "Tahun 2023 memasang target")
    assert not re.search(r"\bTahun(?:-tahun)? (?:\d{4} |sebelumnya )?(?:masih )?"
                         r"(?:mencatat|memasang|membukukan)\b", b1)
    assert not re.search(r"\b[Aa]ngka (?:tahun )?ini\b", b1)


def test_renstra_path_direction_follows_its_values() -> None:
    # Umbulsari S3: Renstra 2023 = 100, then 85, 90 and 95: no "naik setiap tahun"
    text = _text("umbulsari-2023.yaml", "Persentase Fasilitasi Peningkatan Kesejahteraan "
                 "Masyarakat")
    assert not re.search(r"(?:naik|meningkat|bertambah)[^.]*85% pada tahun 2024", text)
    assert "85% pada tahun 2024 dan 90% pada tahun 2025" in text
    # IKM Umbulsari: target 93 (2022) lowered to 85; the path from this year's 85 rises
    text = _text("umbulsari-2023.yaml", "Indeks Kepuasan Masyarakat")
    assert "setiap tahun" not in text
    assert re.search(r"(?:Sesudah tahun ini|Mulai tahun depan)[^.]*bertahap menjadi 90 pada "
                     r"tahun 2024", text)
    # the lowered target and the fall of the realisasi in one caution, after the drop
    assert text.index("10 poin") < text.index("hati-hati")


def test_lowest_indicator_with_the_others_capaian() -> None:
    text = _text("edge-cases-2023.yaml", "Persentase Rekomendasi Pemeriksaan yang "
                 "Ditindaklanjuti")
    assert "Nilai SAKIP Badan (93,29%)" in text
    assert "(C)" not in text  # the scale's letter beside a sasaran with a letter grade confuses


def test_target_set_by_a_renstra_revision_is_said_once() -> None:
    text = _text("dinpusip-wonosobo-2024.yaml", "Tingkat Gemar Membaca Masyarakat")
    assert "target tahun 2024 dari 64 menjadi 68" in text
    assert "target 65" not in text
