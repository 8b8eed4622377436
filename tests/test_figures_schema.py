"""The figures schema for real reports (issue 15, item 2): budgets at any level with computed
remainders, optional program/kegiatan indicators, several comparison values, Renstra revisions,
grades with scores, realisasi per jenis belanja, analysis notes; every validation error at once
with file:line, field and hint; warnings for values the drafter would not use."""

from __future__ import annotations

import copy
import re
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.errors import FiguresError
from drafter.figures import load_figures
from drafter.figures.convert import render_json, render_yaml
from drafter.figures.loader import check_figures_file
from drafter.figures.model import Figures

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dinpusip-wonosobo-2024.yaml"


def _sub(name: str, pagu: int, real: int) -> dict[str, Any]:
    return {"nama": name, "indikator": {"nama": f"Jumlah keluaran {name}", "satuan": "laporan",
                                        "target": 4, "realisasi": 4},
            "pagu": pagu, "realisasi_anggaran": real}


def base() -> dict[str, Any]:
    return {
        "instansi": {"nama": "Dinas Contoh", "kabupaten": "Contoh",
                     "kepala": {"nama": "Andi", "jabatan": "Kepala Dinas Contoh"}},
        "tahun": 2024,
        "renstra": {"awal": 2021, "akhir": 2026},
        "sasaran": [{"id": "S1", "nama": "Meningkatnya Mutu Layanan",
                     "indikator": [{"nama": "Indeks Mutu Layanan", "target": 80,
                                    "realisasi": 82}],
                     "faktor_keberhasilan": ["Layanan dievaluasi setiap triwulan."]}],
        "program": [{"nama": "Program Layanan", "sasaran": "S1",
                     "kegiatan": [{"nama": "Kegiatan Layanan",
                                   "sub_kegiatan": [_sub("Sub A", 100_000_000, 90_000_000)]}]}],
    }


def _write(tmp_path: Path, data: dict[str, Any], name: str = "angka.yaml") -> Path:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def _line_of(path: Path, needle: str, nth: int = 0) -> int:
    hits = [i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if needle in ln]
    return hits[nth]


def _errors(path: Path) -> list[str]:
    report = check_figures_file(path)
    assert report.figures is None and report.errors
    return report.errors


def _warnings(path: Path) -> list[str]:
    report = check_figures_file(path)
    assert report.errors == [], report.errors
    return report.warnings


def _draft(data: dict[str, Any]) -> str:
    from drafter.draft.render import render_markdown

    return render_markdown(Figures.model_validate(data))


def _check_issues(md: str, tmp_path: Path) -> list[str]:
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig

    out = tmp_path / "bab3.md"
    out.write_text(md, encoding="utf-8")
    return [f"{i.rule} {i.message}" for i in check_file(out, CheckConfig()).issues]


def _rp(v: D | int) -> str:
    from drafter.draft import eyd

    return eyd.rp(D(v))  # EYD V: "Rp3.351.995.300", no space


def _cell(v: D | int) -> str:
    from drafter.numbers import fmt_num

    return fmt_num(D(v), 2)


# --------------------------------------------------------------------------------------------
# the real-report example: its totals, computed here from the raw YAML, are the drafted ones


def _node_total(node: dict[str, Any], key: str) -> D:
    """The real total of a program/kegiatan/sub kegiatan from the raw figures, independently of
    the model: the amount given at that level, else the sum of the level below."""
    own = "realisasi_anggaran" if key == "realisasi" else "pagu"
    if own in node:
        return D(str(node[own]))
    kids = node.get("kegiatan") or node.get("sub_kegiatan") or []
    return sum((_node_total(k, key) for k in kids), D(0))


def test_real_report_example_drafts_its_real_totals(tmp_path: Path) -> None:
    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    programs = raw["program"]
    # the example uses every level: a program without kegiatan, a kegiatan without sub
    # kegiatan, sub kegiatan, and a program total above the kegiatan it lists
    assert any("kegiatan" not in p and "pagu" in p for p in programs)
    assert any("sub_kegiatan" not in k and "pagu" in k for p in programs
               for k in p.get("kegiatan", []))
    assert any("sub_kegiatan" in k for p in programs for k in p.get("kegiatan", []))
    assert len(raw["sasaran"][0]["indikator"][0]["pembanding"]) == 2
    assert raw["renstra"]["perubahan"] and raw["sasaran"][0]["indikator"][0]["renstra_awal"]

    pagu = sum((_node_total(p, "pagu") for p in programs), D(0))
    real = sum((_node_total(p, "realisasi") for p in programs), D(0))
    # the sub kegiatan alone miss most of it: the old schema drafted this smaller total
    only_subs = sum((D(str(sk["pagu"])) for p in programs for k in p.get("kegiatan", [])
                     for sk in k.get("sub_kegiatan", [])), D(0))
    assert only_subs < pagu
    assert pagu == sum((D(str(k["pagu"])) for k in raw["anggaran"]["komposisi"]), D(0))
    assert real == sum((D(str(k["realisasi"])) for k in raw["anggaran"]["komposisi"]), D(0))

    report = check_figures_file(EXAMPLE)
    assert report.errors == [] and report.warnings == []
    fig = report.figures
    assert fig is not None and fig.total_pagu() == pagu and fig.total_realisasi() == real

    from drafter.draft import draft_file

    out = tmp_path / "bab3.md"
    draft_file(EXAMPLE, out)
    md = out.read_text(encoding="utf-8")
    # the narrative of section C and the JUMLAH row of Tabel 3.8
    assert f"tersedia anggaran sebesar {_rp(pagu)}" in md
    assert f"Realisasi anggaran {fig.instansi.nama} tahun 2024 sebesar {_rp(real)}" in md
    assert f"| | **JUMLAH** | **{_cell(pagu)}** | **{_cell(real)}** |" in md
    assert f"sisa anggaran {_rp(pagu - real)}" in md
    # every program row of Tabel 3.8 carries its real total
    for p in programs:
        title = p["nama"].removeprefix("Program ")
        row = f"| Program: {title} | {_cell(_node_total(p, 'pagu'))} | " \
              f"{_cell(_node_total(p, 'realisasi'))} |"
        assert row in md, row
    # the remainder of the program whose total is more than its kegiatan
    penunjang = programs[0]
    rest = _node_total(penunjang, "pagu") - sum((_node_total(k, "pagu")
                                                for k in penunjang["kegiatan"]), D(0))
    assert rest > 0
    assert f"| Kegiatan: Lainnya (tidak dirinci) | {_cell(rest)} |" in md
    assert _check_issues(md, tmp_path) == []


def test_real_report_example_keeps_every_field_through_conversion(tmp_path: Path) -> None:
    fig = load_figures(EXAMPLE)
    for suffix, text in ((".yaml", render_yaml(fig)), (".json", render_json(fig))):
        p = tmp_path / f"konversi{suffix}"
        p.write_text(text, encoding="utf-8")
        assert load_figures(p) == fig
    from drafter.figures.convert import convert_file

    x = tmp_path / "konversi.xlsx"
    convert_file(EXAMPLE, x)
    assert load_figures(x) == fig


# --------------------------------------------------------------------------------------------
# budgets at any level


def test_program_without_kegiatan_and_kegiatan_without_sub(tmp_path: Path) -> None:
    data = base()
    data["program"].append({"nama": "Program Penunjang", "sasaran": "S1",
                            "pagu": 700_000_000, "realisasi_anggaran": 650_000_000})
    data["program"][0]["kegiatan"].append({"nama": "Kegiatan Tanpa Rincian",
                                           "pagu": 40_000_000, "realisasi_anggaran": 39_000_000})
    fig = Figures.model_validate(data)
    assert fig.program[1].kegiatan == [] and fig.program[1].indikator is None
    assert fig.program[0].jumlah_pagu == D(140_000_000)
    assert fig.total_pagu() == D(840_000_000) and fig.total_realisasi() == D(779_000_000)
    md = _draft(data)
    assert f"tersedia anggaran sebesar {_rp(840_000_000)}" in md
    assert "| Program: Penunjang | 700.000.000 | 650.000.000 |" in md
    # a program without an indicator of its own: dashes in Tabel 3.6, not an invented one
    assert "| Program: Penunjang | - | - | - | - | 700.000.000 |" in md
    assert "Lainnya (tidak dirinci)" not in md
    assert _check_issues(md, tmp_path) == []


def test_given_total_above_its_children_gives_a_remainder_row(tmp_path: Path) -> None:
    data = base()
    data["program"][0].update(pagu=250_000_000, realisasi_anggaran=200_000_000)
    keg = data["program"][0]["kegiatan"][0]
    keg.update(pagu=130_000_000, realisasi_anggaran=110_000_000)  # sub kegiatan: 100 / 90 juta
    fig = Figures.model_validate(data)
    assert fig.program[0].sisa_tidak_dirinci() == (D(120_000_000), D(90_000_000))
    assert fig.program[0].kegiatan[0].sisa_tidak_dirinci() == (D(30_000_000), D(20_000_000))
    md = _draft(data)
    assert "| 1.2 | Sub Kegiatan: Lainnya (tidak dirinci) | 30.000.000 | 20.000.000 |" in md
    assert "| 2 | Kegiatan: Lainnya (tidak dirinci) | 120.000.000 | 90.000.000 |" in md
    assert "| Kegiatan: Lainnya (tidak dirinci) | - | - | - | - | 120.000.000 |" in md
    assert "1 program, 1 kegiatan, dan 1 sub kegiatan" in md  # the remainder is no kegiatan
    assert f"tersedia anggaran sebesar {_rp(250_000_000)}" in md
    assert _check_issues(md, tmp_path) == []


def test_given_total_equal_to_its_children_changes_nothing() -> None:
    data = base()
    same = copy.deepcopy(data)
    same["program"][0].update(pagu=100_000_000, realisasi_anggaran=90_000_000)
    assert _draft(same) == _draft(data)


def test_budget_errors_all_at_once(tmp_path: Path) -> None:
    data = base()
    data["program"][0].update(pagu=50_000_000, realisasi_anggaran=95_000_000)  # below 100 jt
    data["program"].append({"nama": "Program Kosong", "sasaran": "S1"})
    data["program"].append({"nama": "Program Separuh", "sasaran": "S1", "pagu": 200_000_000,
                            "kegiatan": copy.deepcopy(data["program"][0]["kegiatan"])})
    data["program"].append({"nama": "Program Lain", "sasaran": "S1", "kegiatan": [
        {"nama": "Kegiatan Kosong"}]})
    p = _write(tmp_path, data)
    errs = _errors(p)
    want = [
        ("program[0].pagu", "lebih kecil dari jumlah pagu kegiatan"),
        ("program[1].pagu", "program tanpa kegiatan harus mencantumkan pagu"),
        ("program[2].realisasi_anggaran", "wajib diisi bersama pagu"),
        ("program[3].kegiatan[0].pagu", "kegiatan tanpa sub kegiatan"),
    ]
    assert len(errs) == len(want), errs
    for (field, words), line in zip(want, errs, strict=True):
        assert field in line and words in line, line
        assert re.match(rf"^{re.escape(str(p))}:\d+: ", line), line
    with pytest.raises(FiguresError) as exc:
        load_figures(p)
    assert "(dan 3 kesalahan lain)" in str(exc.value)


def test_komposisi_realisasi(tmp_path: Path) -> None:
    data = base()
    data["anggaran"] = {"komposisi": [
        {"jenis": "Belanja Operasi", "pagu": 80_000_000, "realisasi": 72_000_000},
        {"jenis": "Belanja Modal", "pagu": 20_000_000, "realisasi": 18_000_000}]}
    md = _draft(data)
    assert f"Belanja Modal sebesar {_rp(20_000_000)}" in md
    assert f"dengan realisasi {_rp(18_000_000)} (90%)" in md
    assert _check_issues(md, tmp_path) == []
    wrong = copy.deepcopy(data)
    wrong["anggaran"]["komposisi"][1]["realisasi"] = 17_000_000
    errs = _errors(_write(tmp_path, wrong))
    assert len(errs) == 1 and "anggaran.komposisi" in errs[0]
    assert "jumlah realisasi komposisi belanja (89000000)" in errs[0]
    partial = copy.deepcopy(data)
    del partial["anggaran"]["komposisi"][1]["realisasi"]
    warns = _warnings(_write(tmp_path, partial))
    assert len(warns) == 1 and "anggaran.komposisi[1]" in warns[0] and "sebagian" in warns[0]
    assert "dengan realisasi Rp" not in _draft(partial)  # not half a breakdown


def test_realisasi_above_pagu_is_warned(tmp_path: Path) -> None:
    data = base()
    data["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["realisasi_anggaran"] = 120_000_000
    p = _write(tmp_path, data)
    warns = _warnings(p)
    assert len(warns) == 1  # the sub kegiatan only: the summed parents are not repeated
    assert f"{p}:{_line_of(p, 'realisasi_anggaran: 120000000')}: peringatan: " \
           "program[0].kegiatan[0].sub_kegiatan[0].realisasi_anggaran" in warns[0]


# --------------------------------------------------------------------------------------------
# indicators: comparison values, Renstra revisions, grades with scores, notes, maximum


def test_several_comparison_values() -> None:
    data = base()
    ind = data["sasaran"][0]["indikator"][0]
    ind["pembanding"] = [
        {"nilai": 81, "label": "Indeks Provinsi", "tingkat": "provinsi", "tahun": 2024,
         "sumber": "BPS Provinsi"},
        {"nilai": "BB (78.5)", "label": "Indeks Nasional", "tingkat": "nasional"}]
    fig = Figures.model_validate(data)
    got = fig.sasaran[0].indikator[0]
    assert [p.tingkat for p in got.daftar_pembanding] == ["provinsi", "nasional"]
    assert got.daftar_pembanding[1].nilai == "BB" and got.daftar_pembanding[1].skor == D("78.5")
    assert got.pembanding is got.daftar_pembanding[0]  # the main one, as the drafter uses it
    # one comparison value may still be a mapping (every existing file)
    ind["pembanding"] = {"nilai": 81, "label": "Indeks Provinsi"}
    one = Figures.model_validate(data).sasaran[0].indikator[0]
    assert len(one.daftar_pembanding) == 1 and one.pembanding is not None
    assert "pembanding:\n" in render_yaml(Figures.model_validate(data))
    assert "- nilai" not in render_yaml(Figures.model_validate(data))
    del ind["pembanding"]
    assert Figures.model_validate(data).sasaran[0].indikator[0].pembanding is None


def test_renstra_revision(tmp_path: Path) -> None:
    data = base()
    data["renstra"].update(dokumen="Peraturan Bupati Contoh Nomor 3 Tahun 2021",
                           perubahan=[{"tahun": 2023, "dokumen": "Peraturan Bupati Contoh Nomor "
                                       "9 Tahun 2023", "alasan": "Penyesuaian RPJMD."}])
    ind = data["sasaran"][0]["indikator"][0]
    ind.update(renstra={2024: 80, 2026: 86}, renstra_awal={2024: 78, 2026: 84})
    fig = Figures.model_validate(data)
    assert fig.renstra.perubahan[0].tahun == 2023 and fig.renstra.dokumen
    assert fig.sasaran[0].indikator[0].renstra_awal == {2024: D(78), 2026: D(84)}
    assert check_figures_file(_write(tmp_path, data)).warnings == []
    no_rev = copy.deepcopy(data)
    no_rev["renstra"]["perubahan"] = []
    errs = _errors(_write(tmp_path, no_rev))
    assert len(errs) == 1 and "sasaran[0].indikator[0].renstra_awal" in errs[0]
    assert "renstra.perubahan kosong" in errs[0]
    outside = copy.deepcopy(data)
    outside["renstra"]["perubahan"][0]["tahun"] = 2019
    errs = _errors(_write(tmp_path, outside))
    assert len(errs) == 1 and "renstra.perubahan[0].tahun" in errs[0] and "2019" in errs[0]


def test_grade_with_score(tmp_path: Path) -> None:
    data = base()
    data["sasaran"][0]["indikator"][0].update(
        nama="Nilai SAKIP", target="BB (70)", realisasi="bb (74,25)",
        riwayat=[{"tahun": 2023, "target": "B", "realisasi": "B (68)"}])
    fig = Figures.model_validate(data)
    ind = fig.sasaran[0].indikator[0]
    assert (ind.target, ind.skor_target, ind.realisasi, ind.skor_realisasi) == \
        ("BB", D(70), "BB", D("74.25"))
    assert (ind.riwayat[0].realisasi, ind.riwayat[0].skor_realisasi) == ("B", D(68))
    md = _draft(data)
    assert "| BB (70) | BB (74,25) |" in md
    # the same score in both places is fine, two different scores are an error
    data["sasaran"][0]["indikator"][0]["skor_target"] = 70
    Figures.model_validate(data)
    data["sasaran"][0]["indikator"][0]["skor_target"] = 72
    data["sasaran"][0]["indikator"][0]["renstra"] = {2026: "A (85)"}
    p = _write(tmp_path, data)
    errs = _errors(p)
    assert len(errs) == 2, errs
    assert "sasaran[0].indikator[0].target: skor ditulis dua kali" in errs[0]
    assert f"{p}:{_line_of(p, 'A (85)')}: sasaran[0].indikator[0].renstra.2026: di sini tulis " \
           "nilai huruf saja tanpa skor (mis. 'A')" in errs[1]


def test_notes_are_kept_and_the_budget_note_is_drafted() -> None:
    data = base()
    ind = data["sasaran"][0]["indikator"][0]
    ind.update(cara_ukur="Survei terhadap 400 responden.", sumber_data="Laporan survei 2024",
               penyebab_perubahan="Loket tambahan dibuka pada Maret.",
               catatan="Survei dilakukan pihak ketiga.")
    data["sasaran"][0]["catatan"] = "Wilayah layanan bertambah dua desa."
    data["program"][0]["catatan"] = "Program inti pelayanan."
    data["program"][0]["kegiatan"][0]["catatan"] = "Kegiatan utama."
    data["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["catatan"] = "Sub kegiatan rutin."
    data["anggaran"] = {"catatan": "Anggaran *naik* karena\nloket tambahan."}
    fig = Figures.model_validate(data)
    got = fig.sasaran[0].indikator[0]
    assert (got.cara_ukur, got.sumber_data, got.penyebab_perubahan, got.catatan) == (
        "Survei terhadap 400 responden.", "Laporan survei 2024",
        "Loket tambahan dibuka pada Maret.", "Survei dilakukan pihak ketiga.")
    assert fig.sasaran[0].catatan and fig.program[0].catatan and fig.program[0].kegiatan[0].catatan
    assert fig.program[0].kegiatan[0].sub_kegiatan[0].catatan == "Sub kegiatan rutin."
    md = _draft(data)
    # the budget note is written in section C as literal text on one line (never markup)
    c = md.split("## C. REALISASI ANGGARAN", 1)[1]
    assert "Anggaran \\*naik\\* karena loket tambahan." in c


def test_nilai_maksimum(tmp_path: Path) -> None:
    data = base()
    ind = data["sasaran"][0]["indikator"][0]
    ind.update(nama="Persentase Pertumbuhan Layanan", satuan="%", target=100, realisasi=120)
    p = _write(tmp_path, data)
    warns = _warnings(p)
    assert len(warns) == 1
    assert f"{p}:{_line_of(p, 'realisasi: 120')}: peringatan: sasaran[0].indikator[0].realisasi: " \
           "persentase 120 melebihi 100" in warns[0] and "nilai_maksimum" in warns[0]
    ind["nilai_maksimum"] = 150
    assert _warnings(_write(tmp_path, data)) == []
    ind["nilai_maksimum"] = 110
    errs = _errors(_write(tmp_path, data))
    assert len(errs) == 1 and "realisasi 120 melebihi nilai_maksimum 110" in errs[0]
    # a percentage named so, without the "%" unit, is a percentage too
    ind.update(satuan="", nilai_maksimum=None, target=90, realisasi=101)
    assert len(_warnings(_write(tmp_path, data))) == 1


def test_optional_indicators_of_program_and_kegiatan() -> None:
    data = base()
    fig = Figures.model_validate(data)
    assert fig.program[0].indikator is None and fig.program[0].kegiatan[0].indikator is None
    md = _draft(data)
    assert "| Program: Layanan | - | - | - | - | 100.000.000 |" in md
    assert "| 1 | Kegiatan: Kegiatan Layanan | - | - | - | - | 100.000.000 |" in md
    # the sub kegiatan keeps its indicator
    del data["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["indikator"]
    with pytest.raises(Exception, match="indikator"):
        Figures.model_validate(data)


# --------------------------------------------------------------------------------------------
# every error at once: file:line, field, hint


BAD = """\
instansi:
  nama: Dinas Contoh
  kabupaten: Contoh
  kepala: {nama: Andi, jabatan: Kepala Dinas Contoh}
tahun: 2024
renstra: {awal: 2021, akhir: 2026}
sasaran:
  - id: S1
    nama: Meningkatnya Mutu Layanan
    indikator:
      - nama: Indeks Mutu Layanan
        target: 80
        realisasai: 82
      - nama: Indeks Kecepatan
        target: "6,5"
        realisasi: 7
      - {nama: Indeks Ketepatan, target: 6,5, realisasi: 7}
      - nama: Nilai SAKIP
        target: BB
        realisasi: Z
program:
  - nama: Program Layanan
    sasaran: S1
    pagu: "50.000.000"
    realisasi_anggaran: 45000000
    kegiatn: []
"""


def test_every_error_at_once_with_line_field_and_hint(tmp_path: Path) -> None:
    p = tmp_path / "angka.yaml"
    p.write_text(BAD, encoding="utf-8")
    errs = _errors(p)
    expected = [
        (13, "sasaran[0].indikator[0].realisasai",
         "kolom tidak dikenal 'realisasai'; maksud Anda 'realisasi'?"),
        (15, "sasaran[0].indikator[1].target", "harus berupa angka: tulis 6.5, bukan 6,5"),
        (17, "sasaran[0].indikator[2].5", "tulis titik, bukan koma (6.5, bukan 6,5)"),
        (20, "sasaran[0].indikator[3].realisasi", "nilai huruf SAKIP"),
        (24, "program[0].pagu", "tulis 50000000, bukan 50.000.000"),
        (26, "program[0].kegiatn", "maksud Anda 'kegiatan'?"),
    ]
    assert len(errs) == len(expected), "\n".join(errs)
    for (line, field, words), got in zip(expected, errs, strict=True):
        assert got.startswith(f"{p}:{line}: {field}: "), got
        assert words in got, got
        assert "\n" not in got
    # the misspelt required field is not reported a second time as missing
    assert not any("wajib diisi" in e for e in errs)


def test_validate_prints_every_error_and_exits_2(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from drafter.cli import app

    p = tmp_path / "angka.yaml"
    p.write_text(BAD, encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(p)])
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 6 and all(ln.startswith(f"lkip: {p}:") for ln in lines)
    assert res.stdout.strip() == ""
    # `lkip draft` names the first and counts the rest
    res = CliRunner().invoke(app, ["draft", str(p), "-o", str(tmp_path / "bab3.md")])
    assert res.exit_code == 2 and "(dan 5 kesalahan lain)" in res.stderr
    assert not (tmp_path / "bab3.md").exists()


def test_json_errors_name_their_line(tmp_path: Path) -> None:
    import json

    data = base()
    data["sasaran"][0]["indikator"][0]["targett"] = 5
    data["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["pagu"] = "1.250.000"
    p = tmp_path / "angka.json"
    p.write_text(json.dumps(data, indent=2), encoding="utf-8")
    errs = _errors(p)
    assert len(errs) == 2, errs
    assert errs[0].startswith(f"{p}:{_line_of(p, 'targett')}: sasaran[0].indikator[0].targett: "
                              "kolom tidak dikenal 'targett'; maksud Anda 'target'?")
    assert errs[1].startswith(f"{p}:{_line_of(p, '1.250.000')}: ") and "tulis 1250000" in errs[1]


def test_cross_field_errors_are_all_reported(tmp_path: Path) -> None:
    data = base()
    data["tahun"] = 2030
    data["sasaran"].append(copy.deepcopy(data["sasaran"][0]))  # the same id twice
    data["program"][0]["sasaran"] = "S9"
    data["anggaran"] = {"komposisi": [{"jenis": "Belanja Operasi", "pagu": 1}]}
    p = _write(tmp_path, data)
    errs = _errors(p)
    words = ["di luar periode Renstra", "id sasaran 'S1' dipakai dua kali",
             "sasaran 'S9' tidak dikenal", "jumlah komposisi belanja (1)"]
    assert len(errs) == len(words), errs
    for w in words:
        assert sum(w in e for e in errs) == 1, (w, errs)
    assert all(re.match(rf"^{re.escape(str(p))}:\d+: \S+: ", e) for e in errs)


# --------------------------------------------------------------------------------------------
# warnings: nothing dropped silently


WARN = """\
instansi: {nama: Dinas Contoh, kabupaten: Contoh, kepala: {nama: Andi, jabatan: Kepala}}
tahun: 2024
renstra: {awal: 2021, akhir: 2026}
sasaran:
  - id: S1
    nama: Meningkatnya Mutu Layanan
    indikator:
      - nama: Indeks Mutu Layanan
        target: 80
        realisasi: 82
        riwayat:
          - {tahun: 2023, realisasi: 80}
          - {tahun: 2024, realisasi: 81}
          - {tahun: 2025, realisasi: 81}
        renstra: {2020: 70, 2026: 90}
        renstra_awal: {2027: 88}
        pembanding: {nilai: 80, label: Indeks Provinsi, tahun: 2025}
      - nama: indeks mutu  layanan
        target: 80
        realisasi: 82
  - id: S2
    nama: Meningkatnya Tertib Arsip
    indikator:
      - nama: Indeks Mutu Layanan
        target: 80
        realisasi: 82
"""


def test_every_warning_with_line_and_field(tmp_path: Path) -> None:
    p = tmp_path / "angka.yaml"
    # renstra_awal needs a revision: add one so that the file is valid
    p.write_text(WARN.replace("renstra: {awal: 2021, akhir: 2026}",
                              "renstra: {awal: 2021, akhir: 2026, perubahan: [{tahun: 2023}]}"),
                 encoding="utf-8")
    warns = _warnings(p)
    expected = [
        (13, "sasaran[0].indikator[0].riwayat[1].tahun", "tahun 2024 tidak sebelum tahun laporan"),
        (14, "sasaran[0].indikator[0].riwayat[2].tahun", "tahun 2025 tidak sebelum tahun laporan"),
        (15, "sasaran[0].indikator[0].renstra.2020", "di luar periode Renstra 2021–2026"),
        (16, "sasaran[0].indikator[0].renstra_awal.2027", "di luar periode Renstra 2021–2026"),
        (17, "sasaran[0].indikator[0].pembanding[0].tahun", "sesudah tahun laporan 2024"),
        (18, "sasaran[0].indikator[1].nama", "ditulis dua kali (juga di indikator[0] sasaran ini)"),
        (24, "sasaran[1].indikator[0].nama", "ditulis dua kali (juga di sasaran 'S1')"),
    ]
    assert len(warns) == len(expected), "\n".join(warns)
    for (line, field, words), got in zip(expected, warns, strict=True):
        assert got.startswith(f"{p}:{line}: peringatan: {field}: "), got
        assert words in got, got


def test_warnings_of_a_workbook_name_the_cell(tmp_path: Path) -> None:
    from drafter.figures.convert import convert_file

    data = base()
    data["sasaran"][0]["indikator"][0].update(satuan="%", realisasi=130)
    src = _write(tmp_path, data)
    x = tmp_path / "angka.xlsx"
    convert_file(src, x)
    warns = _warnings(x)
    assert len(warns) == 1 and warns[0].startswith(f"{x}: Indikator!G2: peringatan: persentase 130")


def test_workbook_budget_at_program_level(tmp_path: Path) -> None:
    """A Program row of the Anggaran sheet without Kegiatan rows holds the program's budget;
    a total above its rows is the real total; below them it is an error on that cell."""
    import openpyxl

    from drafter.figures.convert import convert_file

    data = base()
    data["program"].append({"nama": "Program Penunjang", "sasaran": "S1",
                            "pagu": 700_000_000, "realisasi_anggaran": 650_000_000})
    src = _write(tmp_path, data)
    x = tmp_path / "angka.xlsx"
    convert_file(src, x)
    assert load_figures(x) == load_figures(src)
    wb = openpyxl.load_workbook(x)
    ws = wb["Anggaran"]
    ws["H2"] = 90_000_000  # program 1 below its sub kegiatan (100 juta)
    ws["I2"] = 80_000_000
    wb.save(x)
    errs = _errors(x)
    assert any(e.startswith(f"{x}: Anggaran!H2: jumlah pada baris Program") for e in errs), errs


# --------------------------------------------------------------------------------------------
# property: random budget trees (any level, given totals with remainders, optional indicators)
# draft to the totals computed here and to a text `lkip check` passes


NAMES = ["Pendidikan", "Kesehatan", "Perhubungan", "Pertanian", "Perikanan", "Pariwisata",
         "Perdagangan", "Kebudayaan", "Kepegawaian", "Perpustakaan", "Kearsipan", "Lingkungan"]


def _budget_trees() -> Any:
    from hypothesis import strategies as st

    amount = st.integers(min_value=1, max_value=900).map(lambda n: n * 1_000_000)

    @st.composite
    def node(draw: Any, level: int, name: str) -> dict[str, Any]:
        out: dict[str, Any] = {"nama": name}
        if draw(st.booleans()):
            out["indikator"] = {"nama": f"Jumlah keluaran {name.lower()}", "satuan": "dokumen",
                                "target": 4, "realisasi": draw(st.integers(1, 4))}
        kids_key = "kegiatan" if level == 0 else "sub_kegiatan"
        n = draw(st.integers(0, 2))
        kids = []
        for i in range(n):
            kname = f"{'Kegiatan' if level == 0 else 'Sub Kegiatan'} {name} {i + 1}"
            if level == 0:
                kids.append(draw(node(1, kname)))
            else:
                p = draw(amount)
                kids.append({"nama": kname, "indikator": {"nama": f"Jumlah laporan {i + 1}",
                                                          "satuan": "laporan", "target": 2,
                                                          "realisasi": 2},
                             "pagu": p, "realisasi_anggaran": p * draw(st.integers(80, 100)) // 100})
        if kids:
            out[kids_key] = kids
        if not kids or draw(st.booleans()):  # a leaf must, a parent may give its real total
            summed_p = sum((_node_total(k, "pagu") for k in kids), D(0))
            summed_r = sum((_node_total(k, "realisasi") for k in kids), D(0))
            extra = draw(st.sampled_from([0, 0, 5_000_000, 120_000_000]))
            p = int(summed_p) + extra if kids else draw(amount)
            r = int(summed_r) + extra * draw(st.integers(50, 100)) // 100 if kids \
                else p * draw(st.integers(80, 100)) // 100
            out.update(pagu=p, realisasi_anggaran=r)
        return out

    @st.composite
    def figures(draw: Any) -> dict[str, Any]:
        data = base()
        n = draw(st.integers(1, 3))
        data["program"] = []
        for i in range(n):
            prog = draw(node(0, f"Urusan {NAMES[i]}"))
            prog["nama"] = f"Program Urusan {NAMES[i]}"
            prog["sasaran"] = "S1"
            data["program"].append(prog)
        return data

    return figures()


def test_random_budget_trees_draft_their_totals_clean(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings

    @settings(derandomize=True, database=None, deadline=None, max_examples=40,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(_budget_trees())
    def run(data: dict[str, Any]) -> None:
        pagu = sum((_node_total(p, "pagu") for p in data["program"]), D(0))
        real = sum((_node_total(p, "realisasi") for p in data["program"]), D(0))
        md = _draft(data)
        assert f"| | **JUMLAH** | **{_cell(pagu)}** | **{_cell(real)}** |" in md
        assert f"tersedia anggaran sebesar {_rp(pagu)}" in md
        issues = [i for i in _check_issues(md, tmp_path) if not i.startswith("ST105")]
        assert issues == [], issues

    run()
