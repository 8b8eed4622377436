"""Edge cases of the drafted analysis (issue 15, item 1): every statement must be correct for
negative polarity far from target, capaian above 100%, letter grades with scores, zero budget,
each efficiency formula, and units; and random valid figures always draft to a text that
`lkip check` passes with zero issues (hypothesis)."""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drafter.draft.context import build_context
from drafter.draft.render import render_markdown
from drafter.figures.model import Figures

ROOT = Path(__file__).resolve().parent.parent


def figures(indikator: list[dict[str, Any]], *, cap: bool = True, efisiensi: str = "selisih",
            pagu: int | None = None, realisasi_anggaran: int = 0) -> Figures:
    data: dict[str, Any] = {
        "instansi": {"nama": "Dinas Uji", "kabupaten": "Uji",
                     "kepala": {"nama": "A", "jabatan": "Kepala Dinas Uji"}},
        "tahun": 2023,
        "renstra": {"awal": 2021, "akhir": 2026},
        "pengukuran": {"batas_capaian_100": cap, "efisiensi": efisiensi},
        "sasaran": [{"id": "S1", "nama": "Sasaran Uji", "indikator": indikator}],
    }
    if pagu is not None:
        ind = {"nama": "Jumlah dokumen", "satuan": "dokumen", "target": 4, "realisasi": 4}
        data["program"] = [{"nama": "Program Uji", "sasaran": "S1", "indikator": ind,
                            "kegiatan": [{"nama": "Kegiatan Uji", "indikator": ind,
                                          "sub_kegiatan": [{"nama": "Sub Uji", "indikator": ind,
                                                            "pagu": pagu,
                                                            "realisasi_anggaran":
                                                                realisasi_anggaran}]}]}]
    return Figures.model_validate(data)


def ind(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"nama": "Indeks Uji", "satuan": "", "target": 80, "realisasi": 80}
    base.update(kw)
    return base


def test_negative_capaian_is_floored_at_zero() -> None:
    fig = figures([ind(nama="Jumlah Kasus Uji", satuan="laporan", polaritas="negatif",
                       target=4, realisasi=20, renstra={2026: 2})])
    ctx = build_context(fig)
    i = ctx["sasaran"][0].indikator[0]
    assert i.capaian == 0 and i.capaian_txt == "0%"
    assert i.renstra_capaian == "0%"
    assert ctx["rata_rata"] == "0%"
    assert "-" not in i.capaian_txt


def test_one_indicator_sasaran_is_capped_like_two() -> None:
    one = build_context(figures([ind(target=20, realisasi=30)]))["sasaran"][0]
    two = build_context(figures([ind(target=20, realisasi=30), ind(target=20, realisasi=30)]))
    assert one.capaian_txt == two["sasaran"][0].capaian_txt == "100%"
    assert one.indikator[0].capaian_txt == "150%"  # the indicator itself as computed
    uncapped = build_context(figures([ind(target=20, realisasi=30)], cap=False))["sasaran"][0]
    assert uncapped.capaian_txt == "150%"


def test_grade_scores_used_in_renstra_table_too() -> None:
    fig = figures([ind(nama="Nilai SAKIP", target="BB", realisasi="A", skor_target=70,
                       skor_realisasi=82.3, renstra={2026: "A"})])
    i = build_context(fig)["sasaran"][0].indikator[0]
    assert i.capaian_txt == "117,57%"  # 82,3 / 70
    # the realisasi's own grade against the same grade: its given score on both sides
    assert i.renstra_capaian == "100%"
    fig = figures([ind(nama="Nilai SAKIP", target="BB", realisasi="BB", skor_target=70,
                       skor_realisasi=76, renstra={2026: "BB"})])
    assert build_context(fig)["sasaran"][0].indikator[0].renstra_capaian == "100%"
    # Tabel 3.3 uses the realisasi's given score, as Tabel 3.1 does (not the grade midpoint 65)
    fig = figures([ind(nama="Nilai SAKIP", target="BB", realisasi="B", skor_target=70,
                       skor_realisasi=65.3, renstra={2026: "A"})])
    i = build_context(fig)["sasaran"][0].indikator[0]
    assert i.capaian_txt == "93,29%" and i.renstra_capaian == "76,82%"  # 65,3/70 and 65,3/85
    assert i.realisasi == "B (65,3)" and i.target == "BB (70)"


def test_grade_and_number_in_same_band_are_equal() -> None:
    fig = figures([ind(nama="Nilai SAKIP", target="B", realisasi="B",
                       pembanding={"nilai": 63.36, "label": "Rata-rata Kabupaten"})])
    i = build_context(fig)["sasaran"][0].indikator[0]
    assert i.pembanding_ket == "Setara"
    assert not any("di atas" in p or "lebih tinggi" in p for p in i.paragraphs)


def test_zero_budget_said_plainly() -> None:
    md = render_markdown(figures([ind()], pagu=0))
    assert "Rp 0 dari" not in md and "Rp0 dari" not in md
    assert "tidak ada pagu anggaran yang tercatat" in md
    s = build_context(figures([ind()], pagu=0))["sasaran"][0]
    assert s.efisien_ket == "Tidak ada anggaran" and str(s.serapan_txt) == "-"


@pytest.mark.parametrize("efisiensi", ["selisih", "sisa_anggaran", "rasio"])
def test_efficiency_conclusion_follows(efisiensi: str) -> None:
    # capaian 80% with serapan 88,25%: kurang efisien under every formula
    par = build_context(figures([ind(target=100, realisasi=80)], efisiensi=efisiensi,
                                pagu=80_000_000, realisasi_anggaran=70_600_000)
                        )["sasaran"][0].efisiensi_paragraph
    assert "kurang efisien" in par
    if efisiensi == "sisa_anggaran":
        # 11,75% is the unspent share, not a "tingkat efisiensi" the conclusion follows from
        assert "sisa anggaran" in par and "11,75%" in par
        assert "tingkat efisiensinya 11,75%" not in par
    if efisiensi == "rasio":
        assert "kurang dari 1" in par


def test_ratio_without_absorption() -> None:
    s = build_context(figures([ind()], efisiensi="rasio", pagu=1000, realisasi_anggaran=0)
                      )["sasaran"][0]
    assert str(s.efisiensi_txt) == "-" and "efisien" not in s.efisien_ket.lower()


def test_lower_is_better_miss_is_not_below_target() -> None:
    for n in range(3):  # every variant of the sentence
        fig = figures([ind(nama=f"Jumlah Kasus {k}", satuan="laporan", polaritas="negatif",
                           target=4, realisasi=10) for k in range(n + 1)])
        for i in build_context(fig)["sasaran"][0].indikator:
            assert "di bawah target" not in i.paragraphs[0]


def test_change_in_the_unit() -> None:
    fig = figures([ind(satuan="laporan", target=10, realisasi=17,
                       riwayat=[{"tahun": 2022, "realisasi": 10}])])
    par = build_context(fig)["sasaran"][0].indikator[0].paragraphs[1]
    assert "7 laporan" in par and "7 poin" not in par
    fig = figures([ind(satuan="%", target=10, realisasi=17,
                       riwayat=[{"tahun": 2022, "realisasi": 10}])])
    assert "7 poin persen" in build_context(fig)["sasaran"][0].indikator[0].paragraphs[1]


def test_edge_example_drafts_clean(tmp_path: Path) -> None:
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig
    from drafter.draft import draft_file

    for suffix in (".md", ".docx"):
        out = tmp_path / f"edge{suffix}"
        draft_file(ROOT / "examples" / "edge-cases-2023.yaml", out)
        result = check_file(out, CheckConfig())
        assert not result.issues, [f"{i.rule} {i.message}" for i in result.issues]


# --------------------------------------------------------------------------- property test
settings.register_profile("draft-ci", derandomize=True, database=None, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
# ST105 (a passage repeated almost word for word) fires when several indicators share the same
# situation and sentence variant: the variety of the analysis is item 3 of issue 15, tested there
NOT_ITEM_1 = {"ST105"}
MAX_EXAMPLES = int(os.environ.get("LKIP_DRAFT_EXAMPLES", "150"))

GRADES = ["D", "C", "CC", "B", "BB", "A", "AA"]
BANDS = {"D": (0, 30), "C": (30, 50), "CC": (50, 60), "B": (60, 70), "BB": (70, 80),
         "A": (80, 90), "AA": (90, 100)}
UNITS = ["", "%", "laporan", "dokumen", "orang"]
# distinct words per position: names that differ only by a number are one name to the checker
TOPICS = ["Pendidikan", "Kesehatan", "Perhubungan", "Pertanian", "Perikanan", "Pariwisata",
          "Perdagangan", "Kebudayaan", "Kepegawaian", "Perpustakaan", "Kearsipan", "Lingkungan"]
POSITIVE = ["Indeks Kepuasan Masyarakat terhadap Layanan {t}", "Persentase Dokumen {t} Tepat Waktu",
            "Cakupan Pembinaan Kelompok {t}", "Rasio Sarana {t} per Desa",
            "Tingkat Partisipasi Warga dalam Program {t}", "Nilai Kematangan Tata Kelola {t}",
            "Jumlah Inovasi Pelayanan Bidang {t}"]
NEGATIVE = ["Jumlah Kasus Keluhan {t}", "Angka Kasus Gangguan {t}",
            "Jumlah Pelanggaran Ketentuan {t}"]
NUM = st.decimals(min_value=Decimal("0.5"), max_value=Decimal(500), places=2)


@st.composite
def grade_indicator(draw: st.DrawFn, k: int) -> dict[str, Any]:
    t, r = draw(st.sampled_from(GRADES)), draw(st.sampled_from(GRADES))
    out: dict[str, Any] = {"nama": f"Nilai Evaluasi {TOPICS[k]}", "target": t, "realisasi": r}
    scored = draw(st.sampled_from(["none", "both", "target", "realisasi"]))
    if scored in ("both", "target"):
        lo, hi = BANDS[t]
        out["skor_target"] = float(draw(st.decimals(lo + 1, hi - 1, places=1)))
    if scored in ("both", "realisasi"):
        lo, hi = BANDS[r]
        out["skor_realisasi"] = float(draw(st.decimals(lo + 1, hi - 1, places=1)))
    if draw(st.booleans()):
        out["riwayat"] = [{"tahun": 2022, "target": t, "realisasi": draw(st.sampled_from(GRADES))}]
    if draw(st.booleans()):
        out["renstra"] = {2026: draw(st.sampled_from(GRADES))}
    if draw(st.booleans()):
        out["pembanding"] = {"nilai": draw(st.one_of(st.sampled_from(GRADES), NUM.map(float))),
                             "label": "Rata-rata Kabupaten"}
    return out


@st.composite
def number_indicator(draw: st.DrawFn, k: int) -> dict[str, Any]:
    neg = draw(st.booleans())
    nama = draw(st.sampled_from(NEGATIVE if neg else POSITIVE)).format(t=TOPICS[k])
    out: dict[str, Any] = {"nama": nama, "satuan": draw(st.sampled_from(UNITS)),
                           "polaritas": "negatif" if neg else "positif",
                           "target": float(draw(NUM)),
                           "realisasi": float(draw(st.one_of(NUM, st.just(Decimal(0)))))}
    if draw(st.booleans()):
        out["riwayat"] = [{"tahun": 2022, "target": float(draw(NUM)),
                           "realisasi": float(draw(NUM))}]
    if draw(st.booleans()):
        out["renstra"] = {2026: float(draw(NUM))}
    if draw(st.booleans()):
        out["pembanding"] = {"nilai": float(draw(NUM)), "label": "Rata-rata Provinsi"}
    return out


@st.composite
def random_figures(draw: st.DrawFn) -> dict[str, Any]:
    sasaran = []
    k = 0
    for si in range(draw(st.integers(1, 3))):
        inds = []
        for _ in range(draw(st.integers(1, 2))):
            k += 1
            inds.append(draw(grade_indicator(k) if draw(st.booleans()) else number_indicator(k)))
        sasaran.append({"id": f"S{si + 1}", "nama": f"Meningkatnya Mutu Urusan {TOPICS[-1 - si]}",
                        "indikator": inds})
    program = []
    for si in range(len(sasaran)):
        if not draw(st.booleans()):
            continue
        pagu = draw(st.sampled_from([0, 1_000_000, 75_500_000, 250_000_000]))
        real = 0 if pagu == 0 else draw(st.integers(0, pagu))
        pi = {"nama": f"Jumlah keluaran {TOPICS[-1 - si].lower()}", "satuan": "dokumen",
              "target": draw(st.integers(1, 20)), "realisasi": draw(st.integers(0, 25))}
        program.append({"nama": f"Program Urusan {TOPICS[-1 - si]}", "sasaran": f"S{si + 1}", "indikator": pi,
                        "kegiatan": [{"nama": f"Kegiatan Urusan {TOPICS[-1 - si]}", "indikator": pi,
                                      "sub_kegiatan": [{"nama": f"Sub Kegiatan Urusan {TOPICS[-1 - si]}",
                                                        "indikator": pi, "pagu": pagu,
                                                        "realisasi_anggaran": real}]}]})
    return {
        "instansi": {"nama": "Dinas Uji Coba", "kabupaten": "Uji",
                     "kepala": {"nama": "Andi", "jabatan": "Kepala Dinas Uji Coba"}},
        "tahun": 2023, "renstra": {"awal": 2021, "akhir": 2026},
        "pengukuran": {"batas_capaian_100": draw(st.booleans()),
                       "efisiensi": draw(st.sampled_from(["selisih", "sisa_anggaran", "rasio"]))},
        "sasaran": sasaran, "program": program,
    }


def _ikm(topic: str, real: float, end: float) -> dict[str, Any]:
    return {"nama": f"Indeks Kepuasan Masyarakat terhadap Layanan {topic}", "satuan": "",
            "polaritas": "positif", "target": 0.5, "realisasi": real, "renstra": {2026: end}}


# found by a 2,000-example run: two indicators whose names differ in one word, the paragraph
# of the first naming the second before "target akhir Renstra ... sebesar 0,55" (XT102)
_NEAR_NAMES = {
    "instansi": {"nama": "Dinas Uji Coba", "kabupaten": "Uji",
                 "kepala": {"nama": "Andi", "jabatan": "Kepala Dinas Uji Coba"}},
    "tahun": 2023, "renstra": {"awal": 2021, "akhir": 2026},
    "pengukuran": {"batas_capaian_100": False, "efisiensi": "selisih"},
    "sasaran": [
        {"id": "S1", "nama": "Meningkatnya Mutu Urusan Lingkungan",
         "indikator": [{"nama": "Jumlah Kasus Keluhan Kesehatan", "satuan": "",
                        "polaritas": "negatif", "target": 0.5, "realisasi": 0.0,
                        "renstra": {2026: 0.5}}]},
        {"id": "S2", "nama": "Meningkatnya Mutu Urusan Kearsipan",
         "indikator": [_ikm("Perhubungan", 0.5, 0.5), _ikm("Pertanian", 0.5, 0.5)]},
        {"id": "S3", "nama": "Meningkatnya Mutu Urusan Perpustakaan",
         "indikator": [_ikm("Perikanan", 0.0, 0.55), _ikm("Pariwisata", 0.5, 0.5)]}],
    "program": [],
}


# found by a 2,000-example run: "target 0,5 indikator X" read as a count of 5 indicators (CN101)
_DECIMAL_BEFORE_WORD = {
    **_NEAR_NAMES,
    "sasaran": [
        {"id": "S1", "nama": "Meningkatnya Mutu Urusan Lingkungan",
         "indikator": [{k: v for k, v in _ikm("Kesehatan", 0.51, 0.5).items() if k != "renstra"},
                       {k: v for k, v in _ikm("Perhubungan", 0.5, 0.5).items() if k != "renstra"}]},
        {"id": "S2", "nama": "Meningkatnya Mutu Urusan Kearsipan",
         "indikator": [{"nama": "Nilai Evaluasi Pertanian", "target": "D", "realisasi": "D"}]},
        {"id": "S3", "nama": "Meningkatnya Mutu Urusan Perpustakaan",
         "indikator": [{"nama": "Jumlah Pelanggaran Ketentuan Perikanan", "satuan": "",
                        "polaritas": "negatif", "target": 0.5, "realisasi": 0.5}]}],
}


# found by a 2,000-example run: "(Sangat Kurang, D)" spelled the initials "SK" of "Rasio Sarana
# Kesehatan per Desa" and moved a sasaran's capaian to that indicator (CL102)
_SPELLED_INITIALS = {
    **_NEAR_NAMES,
    "sasaran": [
        {"id": "S1", "nama": "Meningkatnya Mutu Urusan Lingkungan",
         "indikator": [{"nama": "Rasio Sarana Kesehatan per Desa", "satuan": "", "polaritas": "positif",
                        "target": 0.5, "realisasi": 0.5}]},
        {"id": "S2", "nama": "Meningkatnya Mutu Urusan Kearsipan",
         "indikator": [{"nama": "Nilai Evaluasi Perhubungan", "target": "CC", "realisasi": "D"}]}],
}


# found by a 2,000-example run: "Capaian tahun 2022 sebesar 100%" against the 100% of the
# Renstra comparison table, which is no capaian of the report year (YR108)
_RENSTRA_CAPAIAN = {
    **_NEAR_NAMES,
    "sasaran": [
        {"id": "S1", "nama": "Meningkatnya Mutu Urusan Lingkungan",
         "indikator": [{**_ikm("Kesehatan", 0.5, 0.5), "target": 0.51,
                        "riwayat": [{"tahun": 2022, "target": 0.5, "realisasi": 0.5}]}]}],
}


_OUTPUT = {"nama": "Jumlah keluaran lingkungan", "satuan": "dokumen", "target": 1, "realisasi": 2}

# found by a 2,000-example run: a letter grade with the score 1 and outputs of 1 dokumen; the
# figure 1 said nothing about which year a sentence meant (YR108)
_SCORE_ONE = {
    **_NEAR_NAMES,
    "sasaran": [
        {"id": "S1", "nama": "Meningkatnya Mutu Urusan Lingkungan",
         "indikator": [{"nama": "Nilai Evaluasi Kesehatan", "target": "D", "realisasi": "D",
                        "skor_target": 1.0, "skor_realisasi": 1.0,
                        "riwayat": [{"tahun": 2022, "target": "D", "realisasi": "D"}]}]}],
    "program": [{"nama": "Program Urusan Lingkungan", "sasaran": "S1", "indikator": _OUTPUT,
                 "kegiatan": [{"nama": "Kegiatan Urusan Lingkungan", "indikator": _OUTPUT,
                               "sub_kegiatan": [{"nama": "Sub Kegiatan Urusan Lingkungan",
                                                 "indikator": _OUTPUT, "pagu": 0,
                                                 "realisasi_anggaran": 0}]}]}],
}


@settings(settings.get_profile("draft-ci"), max_examples=MAX_EXAMPLES)
@given(random_figures())
@example(_NEAR_NAMES)
@example(_DECIMAL_BEFORE_WORD)
@example(_SPELLED_INITIALS)
@example(_RENSTRA_CAPAIAN)
@example(_SCORE_ONE)
def test_random_figures_draft_clean(data: dict[str, Any]) -> None:
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig

    md = render_markdown(Figures.model_validate(data))
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "bab3.md"
        out.write_text(md, encoding="utf-8")
        result = check_file(out, CheckConfig())
    issues = [i for i in result.issues if i.rule not in NOT_ITEM_1]
    assert not issues, [f"{i.rule} {i.message}" for i in issues]


def test_unused_values_are_warned_by_validate(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from drafter.cli import app

    path = tmp_path / "f.yaml"
    path.write_text(
        "instansi: {nama: Dinas Uji, kabupaten: Uji, kepala: {nama: A, jabatan: Kepala}}\n"
        "tahun: 2023\nrenstra: {awal: 2021, akhir: 2026}\nsasaran:\n"
        "  - id: S1\n    nama: Sasaran Uji\n    indikator:\n"
        "      - nama: Indeks Uji\n        target: 80\n        realisasi: 82\n"
        "        riwayat:\n          - {tahun: 2022, realisasi: 78}\n"
        "          - {tahun: 2023, realisasi: 80}\n"
        "        renstra: {2026: 90, 2030: 95}\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(path)])
    assert res.exit_code == 0
    lines = [ln for ln in res.stderr.splitlines() if "peringatan" in ln]
    assert len(lines) == 2, res.stderr
    assert "riwayat[1].tahun" in lines[0] and "2023" in lines[0]
    assert "renstra.2030" in lines[1] and "2021–2026" in lines[1]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_have_no_warnings(path: Path) -> None:
    from drafter.figures import load_figures
    from drafter.figures.warnings import figures_warnings

    assert figures_warnings(load_figures(path)) == []


def test_indicator_label_is_not_a_polarity_declaration(tmp_path: Path) -> None:
    # found at 2,000 examples: "Indikator 3: Jumlah Kasus ..." (a one-indicator sasaran, its
    # heading) followed by "Indikator Jumlah Kasus ... berpolaritas negatif" was read as
    # "indikator 3 berpolaritas negatif", and the checker then took the third row of Tabel 3.1
    # (a letter grade with scores) as declared negative
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig

    neg = {"nama": "Jumlah Kasus Keluhan", "polaritas": "negatif", "target": 0.5,
           "realisasi": 0.51}
    data: dict[str, Any] = {
        "instansi": {"nama": "Dinas Uji Coba", "kabupaten": "Uji",
                     "kepala": {"nama": "Andi", "jabatan": "Kepala Dinas Uji Coba"}},
        "tahun": 2023, "renstra": {"awal": 2021, "akhir": 2026},
        "pengukuran": {"batas_capaian_100": False, "efisiensi": "selisih"},
        "sasaran": [
            {"id": "S1", "nama": "Sasaran Satu", "indikator": [neg]},
            {"id": "S2", "nama": "Sasaran Dua", "indikator": [
                {"nama": "Nilai Evaluasi Perhubungan", "target": "D", "realisasi": "D"},
                {"nama": "Nilai Evaluasi Pertanian", "target": "D", "realisasi": "D",
                 "skor_target": 1.0, "skor_realisasi": 1.1}]},
            {"id": "S3", "nama": "Sasaran Tiga",
             "indikator": [{**neg, "nama": "Jumlah Kasus Keluhan Perikanan"}]}],
        "program": []}
    out = tmp_path / "bab3.md"
    out.write_text(render_markdown(Figures.model_validate(data)), encoding="utf-8")
    issues = check_file(out, CheckConfig()).issues
    assert [i.rule for i in issues if i.rule.startswith("AR")] == []
    # the same with a numbered heading "Indikator 3.1: ..." (a sasaran of two indicators)
    data["sasaran"][2]["indikator"].append({"nama": "Nilai Evaluasi Pariwisata",
                                           "target": "D", "realisasi": "D"})
    out.write_text(render_markdown(Figures.model_validate(data)), encoding="utf-8")
    issues = check_file(out, CheckConfig()).issues
    assert [i.rule for i in issues if i.rule.startswith("AR")] == []
    # the checker still reads a real declaration by number
    decl = tmp_path / "decl.md"
    decl.write_text("Indikator nomor 3 berpolaritas negatif.\n\nIndikator 2: Nama Indikator "
                    "berpolaritas negatif.\n\nIndikator 4.1: Nama Lain berpolaritas negatif.\n",
                    encoding="utf-8")
    from drafter.check.context import CheckContext
    from drafter.check.polarity import declared
    from drafter.document.readers import read_document
    ctx = CheckContext(read_document(decl), CheckConfig())
    assert declared(ctx).numbers == frozenset({3})
