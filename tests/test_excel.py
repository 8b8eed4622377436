"""Figures in Excel: the template, the reader (errors by sheet and cell, Indonesian numbers,
formulas, example rows, limits) and lossless conversion between YAML/JSON and .xlsx."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from drafter.draft import draft_markdown
from drafter.errors import FiguresError
from drafter.figures import excel as xl
from drafter.figures import load_figures
from drafter.figures.convert import convert_file, render_json, render_yaml, write_template
from drafter.figures.loader import validation_errors

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SINTETIS = ROOT / "examples" / "contoh-sintetis.yaml"


def _lkip(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def _converted(tmp_path: Path, src: Path = SINTETIS, name: str = "angka.xlsx") -> Path:
    out = tmp_path / name
    convert_file(src, out)
    return out


def _edit(path: Path, edit: Any) -> Path:
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _err(path: Path) -> str:
    with pytest.raises(FiguresError) as exc:
        load_figures(path)
    return str(exc.value)


def _find_row(ws: Any, col: int, value: object) -> int:
    for r in range(1, ws.max_row + 1):
        if ws.cell(row=r, column=col).value == value:
            return r
    raise AssertionError(value)


# ------------------------------------------------------------------------------------------------
# lossless conversion (the done-when test of the issue)


@pytest.mark.parametrize("src", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_drafts_the_same_from_xlsx(src: Path, tmp_path: Path) -> None:
    xlsx = _converted(tmp_path, src)
    assert load_figures(xlsx) == load_figures(src)
    assert draft_markdown(xlsx) == draft_markdown(src)


def test_cli_convert_then_draft_is_byte_identical(tmp_path: Path) -> None:
    for src in EXAMPLES:
        r = _lkip("convert", str(src), "-o", "x.xlsx", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert _lkip("draft", "x.xlsx", "-o", "a.md", cwd=tmp_path).returncode == 0
        assert _lkip("draft", str(src), "-o", "b.md", cwd=tmp_path).returncode == 0
        assert (tmp_path / "a.md").read_bytes() == (tmp_path / "b.md").read_bytes(), src.name


@pytest.mark.parametrize("src", EXAMPLES, ids=lambda p: p.stem)
def test_round_trips_are_stable(src: Path, tmp_path: Path) -> None:
    x1 = _converted(tmp_path, src, "1.xlsx")
    y1, x2, y2 = tmp_path / "1.yaml", tmp_path / "2.xlsx", tmp_path / "2.yaml"
    convert_file(x1, y1)
    convert_file(y1, x2)
    convert_file(x2, y2)
    assert y1.read_bytes() == y2.read_bytes()
    assert x1.read_bytes() == x2.read_bytes()  # deterministic workbook, same content
    j = tmp_path / "1.json"
    convert_file(x2, j)
    assert load_figures(j) == load_figures(src)
    assert json.loads(j.read_text(encoding="utf-8"))["tahun"] == load_figures(src).tahun


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    fig = load_figures(SINTETIS)
    tricky = ["=HYPERLINK(\"http://x\",\"klik\")", "+62 812", "-", "@SUM(A1)", "=1+1",
              "6,5", "2024", "'kutip", "baris satu\nbaris dua", "TRUE"]
    fig.sasaran[0].faktor_keberhasilan = tricky
    fig.sasaran[0].nama = "=cmd|' /C calc'!A0"
    fig.program[0].kegiatan[0].sub_kegiatan[0].nama = "=SUM(1,2)"
    y = tmp_path / "t.yaml"
    y.write_text(render_yaml(fig), encoding="utf-8")
    x = tmp_path / "t.xlsx"
    convert_file(y, x)
    with zipfile.ZipFile(x) as zf:
        sheets = "".join(zf.read(n).decode() for n in zf.namelist()
                         if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets  # nothing became a formula
    back = load_figures(x)
    assert back.sasaran[0].faktor_keberhasilan == tricky
    assert back.sasaran[0].nama == "=cmd|' /C calc'!A0"
    assert back.program[0].kegiatan[0].sub_kegiatan[0].nama == "=SUM(1,2)"
    assert back == fig


def test_numbers_beyond_excel_precision_are_kept(tmp_path: Path) -> None:
    fig = load_figures(SINTETIS)
    fig.sasaran[0].indikator[0].realisasi = D("123456789012.12346")  # 17 digits
    fig.sasaran[0].indikator[0].target = D("0.000001")
    y = tmp_path / "t.yaml"
    y.write_text(render_yaml(fig), encoding="utf-8")
    x = tmp_path / "t.xlsx"
    convert_file(y, x)
    back = load_figures(x)
    assert back.sasaran[0].indikator[0].realisasi == D("123456789012.12346")
    assert back.sasaran[0].indikator[0].target == D("0.000001")


# ------------------------------------------------------------------------------------------------
# the template


def test_template_layout(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_template(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Petunjuk"
    for name in ("Identitas", "Sasaran", "Indikator", "Realisasi Tahunan", "Target Renstra",
                 "Pembanding", "Faktor dan Solusi", "Anggaran", "Komposisi Belanja"):
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.cell(row=1, column=1).font.bold
    ind = wb["Indikator"]
    assert [c.value for c in ind[1]][:7] == ["Kode Indikator", "ID Sasaran", "Nama Indikator",
                                             "Satuan", "Polaritas", "Target", "Realisasi"]
    lists = {dv.formula1 for dv in ind.data_validations.dataValidation if dv.type == "list"}
    assert '"positif,negatif"' in lists
    assert any("%" in f for f in lists)  # units
    grades = [dv for dv in ind.data_validations.dataValidation
              if dv.formula1 == '"AA,A,BB,B,CC,C,D"']  # the grade scale; numbers allowed too
    assert grades and not grades[0].showErrorMessage and "F2:F" in str(grades[0].sqref)
    years = [dv for dv in wb["Realisasi Tahunan"].data_validations.dataValidation
             if dv.type == "whole"]
    assert years and years[0].formula1 == "1900" and years[0].formula2 == "2100"
    levels = {dv.formula1 for dv in wb["Anggaran"].data_validations.dataValidation}
    assert '"Program,Kegiatan,Sub Kegiatan"' in levels
    # example rows are grey
    assert ind.cell(row=2, column=1).value == "IK1"
    assert ind.cell(row=2, column=1).font.color.rgb.endswith("808080")
    ident = wb["Identitas"]
    nip_row = _find_row(ident, 1, "NIP kepala")
    assert ident.cell(row=nip_row, column=2).number_format == "@"  # typed as text
    # every field of the schema has a place: check the model's leaf fields against the layout
    keys = {f.path[-1] for f in xl.FORM} | {c.key for s in xl.SHEETS for c in s.cols}
    for needed in ("nama", "kabupaten", "jenis_daerah", "jabatan", "pangkat", "nip", "tahun",
                   "awal", "akhir", "batas_capaian_100", "efisiensi", "struktural", "pelaksana",
                   "sumber", "pagu", "realisasi", "satuan", "polaritas", "target", "skor_target",
                   "skor_realisasi", "nilai", "label", "rincian_judul", "jenis", "uraian",
                   "realisasi_anggaran", "indikator", "tingkat"):
        assert needed in keys, needed
    assert set(xl.FAKTOR_KINDS.values()) == {"faktor_keberhasilan", "faktor_kegagalan",
                                             "permasalahan", "solusi", "rincian"}


def test_template_is_deterministic_and_not_overwritten(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_template(a)
    write_template(b)
    assert a.read_bytes() == b.read_bytes()
    r = _lkip("template", "a.xlsx", cwd=tmp_path)
    assert r.returncode == 2 and "--force" in r.stderr
    assert _lkip("template", "a.xlsx", "--force", cwd=tmp_path).returncode == 0
    r = _lkip("template", "a.yaml", cwd=tmp_path)
    assert r.returncode == 2 and not (tmp_path / "a.yaml").exists()


def test_empty_template_names_the_first_missing_cell(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_template(out)
    r = _lkip("validate", "t.xlsx", cwd=tmp_path)
    assert r.returncode == 2
    assert "t.xlsx: Identitas!B2: wajib diisi" in r.stderr
    errors = validation_errors(out)
    assert len(errors) > 1 and all(e.startswith(f"{out}: ") for e in errors)


def _fill_identity(wb: Any) -> None:
    ws = wb["Identitas"]
    values = {"Nama instansi": "Dinas Kelautan", "Kabupaten/kota": "Pesisir Raya",
              "Nama kepala": "Rina Wulandari, S.T.", "Jabatan kepala": "Kepala Dinas",
              "Tahun laporan": "2025", "Renstra tahun awal": 2021, "Renstra tahun akhir": 2026}
    for label, v in values.items():
        ws.cell(row=_find_row(ws, 1, label), column=2, value=v)


def test_unchanged_example_rows_are_ignored(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_template(out)

    def fill(wb: Any) -> None:
        _fill_identity(wb)
        wb["Sasaran"].append(["T1", "Meningkatnya Kualitas Perairan"])
        wb["Indikator"].append(["K1", "T1", "Indeks Kualitas Air", None, "positif", "6,5", "7"])
    _edit(out, fill)
    fig = load_figures(out)
    assert [s.id for s in fig.sasaran] == ["T1"]  # the grey S1 example is not data
    assert fig.sasaran[0].indikator[0].target == D("6.5")
    assert fig.sasaran[0].indikator[0].riwayat == []  # example riwayat of IK1 ignored too
    assert fig.program == [] and fig.anggaran.komposisi == []
    assert fig.tahun == 2025


def test_edited_example_rows_are_data(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_template(out)

    def fill(wb: Any) -> None:
        _fill_identity(wb)
        wb["Sasaran"]["B2"] = "Meningkatnya Mutu Layanan Perizinan"  # typed over the example
    _edit(out, fill)
    # the edited row is data; the other example rows stay examples: S1 has no indicator
    assert "Sasaran!A2: sasaran ini belum punya indikator" in _err(out)
    wb = openpyxl.load_workbook(out)
    wb["Indikator"]["G2"] = 90  # edit the example indicator: now it is data
    wb.save(out)
    fig = load_figures(out)
    assert [(s.id, s.nama) for s in fig.sasaran] == [("S1", "Meningkatnya Mutu Layanan Perizinan")]
    assert fig.sasaran[0].indikator[0].realisasi == 90
    assert fig.sasaran[0].indikator[0].nama == "Indeks Kepuasan Masyarakat"


# ------------------------------------------------------------------------------------------------
# reading values


@pytest.mark.parametrize(("text", "value"), [
    ("6,5", D("6.5")), ("50.000.000", D(50000000)), ("Rp 1.250.000", D(1250000)),
    ("Rp1.250.000,-", D(1250000)), ("1.250.000,50", D("1250000.50")), ("97,5%", D("97.5")),
    ("84.5", D("84.5")), ("-2,25", D("-2.25")), ("50 000 000", D(50000000)), (" 12 ", D(12)),
])
def test_indonesian_number_text(text: str, value: D) -> None:
    assert xl.parse_id_number(text) == value


@pytest.mark.parametrize("text", ["enam", "6,5,1", "1.2.3", "Rp", "12abc", "1,250.50", ""])
def test_not_numbers(text: str) -> None:
    assert xl.parse_id_number(text) is None


def test_text_numbers_and_percent_cells_in_a_workbook(tmp_path: Path) -> None:
    x = _converted(tmp_path)

    def edit(wb: Any) -> None:
        ind = wb["Indikator"]
        ind["F2"] = "82,0"
        ind["G2"] = "84,5"
        ang = wb["Anggaran"]
        r = _find_row(ang, 1, "Sub Kegiatan")
        ang.cell(row=r, column=8, value="Rp 150.000.000,-")
        ang.cell(row=r, column=9, value="141.250.000")
        pct = ind["F3"]  # 10% typed in Excel: 0.1 with a percent format
        pct.value = 0.1
        pct.number_format = "0%"
    _edit(x, edit)
    assert load_figures(x) == load_figures(SINTETIS)
    assert draft_markdown(x) == draft_markdown(SINTETIS)


def test_bad_number_names_sheet_and_cell(tmp_path: Path) -> None:
    x = _converted(tmp_path)

    def edit(wb: Any) -> None:
        ang = wb["Anggaran"]
        ang.cell(row=_find_row(ang, 1, "Sub Kegiatan"), column=8, value="seratus juta")
    _edit(x, edit)
    row = _find_row(openpyxl.load_workbook(x)["Anggaran"], 1, "Sub Kegiatan")
    r = _lkip("draft", str(x), "-o", "out.md", cwd=tmp_path)
    assert r.returncode == 2
    assert f"angka.xlsx: Anggaran!H{row}: bukan angka" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.md").exists()


def test_model_errors_point_at_the_cell(tmp_path: Path) -> None:
    x = _converted(tmp_path)
    _edit(x, lambda wb: wb["Indikator"].__setitem__("F3", 0))
    assert re.search(r"Indikator!F3: target tidak boleh 0", _err(x))
    x = _converted(tmp_path)
    _edit(x, lambda wb: wb["Indikator"].__setitem__("G4", 85))  # grade target, number realisasi
    assert "Indikator!" in _err(x) and "sama jenisnya" in _err(x)
    x = _converted(tmp_path)
    _edit(x, lambda wb: wb["Identitas"].__setitem__(
        f"B{_find_row(wb['Identitas'], 1, 'Tahun laporan')}", 2030))
    assert "Identitas!B" in _err(x) and "di luar periode Renstra" in _err(x)
    x = _converted(tmp_path)
    _edit(x, lambda wb: wb["Komposisi Belanja"].__setitem__("B2", 1))
    assert "Komposisi Belanja!" in _err(x) and "jumlah komposisi" in _err(x)


@pytest.mark.parametrize(("edit", "words"), [
    (lambda wb: wb["Indikator"].__setitem__("B2", "S9"), "Indikator!B2: ID sasaran 'S9' tidak ada"),
    (lambda wb: wb["Indikator"].__setitem__("A3", "IK1"), "Indikator!A3: kode indikator 'IK1' dipakai"),
    (lambda wb: wb["Realisasi Tahunan"].__setitem__("A2", "IK77"), "Realisasi Tahunan!A2: kode"),
    (lambda wb: wb["Indikator"].__setitem__("J1", "Keterangan"), "Indikator!J1: kolom 'Keterangan'"),
    (lambda wb: wb["Indikator"].__setitem__("E2", "naik"), "Indikator!E2: nilai 'naik' tidak dikenal"),
    (lambda wb: wb["Target Renstra"].__setitem__("B2", "dua ribu"), "Target Renstra!B2:"),
    (lambda wb: wb["Anggaran"].__setitem__("A2", "Kegiatan"), "Anggaran!A2: baris Kegiatan sebelum"),
    (lambda wb: wb["Anggaran"].__setitem__("C3", "S1"), "Anggaran!C3: ID sasaran hanya"),
    (lambda wb: wb["Anggaran"].__setitem__("H2", 1), "Anggaran!H2: jumlah pada baris Program"),
    (lambda wb: wb["Faktor dan Solusi"].__setitem__("B2", "Rincian"), "butir rincian tanpa judul"),
    (lambda wb: wb["Sasaran"].__setitem__("A3", "S1"), "Sasaran!A3: ID sasaran 'S1' dipakai"),
])
def test_row_errors(tmp_path: Path, edit: Any, words: str) -> None:
    x = _edit(_converted(tmp_path), edit)
    assert words in _err(x)


def test_parent_total_equal_to_the_sum_is_accepted(tmp_path: Path) -> None:
    x = _converted(tmp_path)
    _edit(x, lambda wb: wb["Anggaran"].__setitem__("H2", "Rp 150.000.000"))  # program 1 total
    assert load_figures(x) == load_figures(SINTETIS)


def test_catatan_columns_and_other_sheets_are_ignored(tmp_path: Path) -> None:
    x = _converted(tmp_path)

    def edit(wb: Any) -> None:
        wb["Indikator"]["J1"] = "Catatan verifikator"
        wb["Indikator"]["J2"] = "cek ulang ke Bagian Organisasi"
        wb.create_sheet("Hitungan saya")["A1"] = "=1/0"
    _edit(x, edit)
    assert load_figures(x) == load_figures(SINTETIS)


def test_nip_typed_as_number_is_refused(tmp_path: Path) -> None:
    x = _converted(tmp_path)
    _edit(x, lambda wb: wb["Identitas"].__setitem__(
        f"B{_find_row(wb['Identitas'], 1, 'NIP kepala')}", 1.97501012000031e17))
    assert "NIP diketik sebagai angka" in _err(x)


def _set_xml(path: Path, sheet_index: int, old: str, new: str) -> None:
    data = io.BytesIO(path.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{sheet_index}.xml":
                text = payload.decode()
                assert old in text
                payload = text.replace(old, new, 1).encode()
            dst.writestr(info, payload)
    path.write_bytes(out.getvalue())


def test_formulas_use_cached_values_or_fail_clearly(tmp_path: Path) -> None:
    x = _converted(tmp_path)
    wb = openpyxl.load_workbook(x)
    idx = wb.sheetnames.index("Anggaran") + 1
    row = _find_row(wb["Anggaran"], 1, "Sub Kegiatan")
    wb["Anggaran"].cell(row=row, column=8, value="=100000000+50000000")
    wb.save(x)
    r = _lkip("validate", str(x), cwd=tmp_path)  # openpyxl saves no cached value
    assert r.returncode == 2
    assert f"Anggaran!H{row}: berisi rumus tanpa nilai tersimpan" in r.stderr
    _set_xml(x, idx, "<f>100000000+50000000</f><v></v>", "<f>100000000+50000000</f><v>150000000</v>")
    assert load_figures(x) == load_figures(SINTETIS)
    _set_xml(x, idx, "<v>150000000</v>", "<v>#DIV/0!</v>")  # an error value, typed as such
    _set_xml(x, idx, f'<c r="H{row}"', f'<c t="e" r="H{row}"')
    assert f"Anggaran!H{row}: rumus menghasilkan galat" in _err(x)


# ------------------------------------------------------------------------------------------------
# hostile and broken files


def test_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "a.xlsx"
    p.write_text("instansi: x\n", encoding="utf-8")
    assert "bukan berkas Excel" in _err(p)
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert ".xls" in _err(p)
    p.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert "rusak" in _err(p)
    p.write_bytes(b"")
    assert "kosong" in _err(p)
    z = io.BytesIO()
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("hello.txt", "hi")
    p.write_bytes(z.getvalue())
    assert "rusak" in _err(p)


def test_missing_sheet(tmp_path: Path) -> None:
    x = _converted(tmp_path)
    _edit(x, lambda wb: wb.remove(wb["Indikator"]))
    assert "lembar 'Indikator' tidak ada" in _err(x)
    x = _converted(tmp_path)
    _edit(x, lambda wb: setattr(wb["Anggaran"], "title", "Anggaran 2024"))
    assert "lembar 'Anggaran' tidak ada" in _err(x)  # not "no budget"
    x = _converted(tmp_path)

    def lower(wb: Any) -> None:
        wb["Anggaran"].title = "x"  # openpyxl refuses a name equal to its own but for case
        wb["x"].title = "ANGGARAN"
    _edit(x, lower)
    assert load_figures(x) == load_figures(SINTETIS)  # names match case-insensitively


def test_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    x = _converted(tmp_path)
    monkeypatch.setattr(xl, "MAX_XLSX_UNCOMPRESSED", 1000)
    assert "terlalu besar" in _err(x)
    monkeypatch.setattr(xl, "MAX_XLSX_UNCOMPRESSED", 50 * 1024 * 1024)
    monkeypatch.setattr(xl, "MAX_XLSX_ROWS", 5)
    assert "terlalu besar (lebih dari 5 baris)" in _err(x)
    monkeypatch.setattr(xl, "MAX_XLSX_ROWS", 10_000)
    monkeypatch.setattr(xl, "MAX_XLSX_BYTES", 100)
    assert "terlalu besar" in _err(x)


def test_control_characters_cannot_go_to_excel(tmp_path: Path) -> None:
    fig = load_figures(SINTETIS)
    fig.sasaran[0].nama = "Sasaran\x01"
    y = tmp_path / "t.yaml"
    y.write_text(render_yaml(fig), encoding="utf-8")
    with pytest.raises(FiguresError, match="karakter kendali"):
        convert_file(y, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()
    fig.sasaran[0].nama = "panjang " * 5000  # 40,000 characters: more than a cell holds
    y.write_text(render_yaml(fig), encoding="utf-8")
    with pytest.raises(FiguresError, match="terlalu panjang untuk satu sel"):
        convert_file(y, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def test_convert_refuses_unknown_output(tmp_path: Path) -> None:
    r = _lkip("convert", str(SINTETIS), "-o", "x.csv", cwd=tmp_path)
    assert r.returncode == 2 and ".xlsx" in r.stderr
    assert not (tmp_path / "x.csv").exists()
    assert render_json(load_figures(SINTETIS)).endswith("\n")


def test_damaged_workbooks_fail_cleanly(tmp_path: Path) -> None:
    """Flipped bytes anywhere in a real workbook: a Figures or one FiguresError, nothing else."""
    import random

    good = _converted(tmp_path).read_bytes()
    rng = random.Random(14)
    p = tmp_path / "rusak.xlsx"
    outcomes = set()
    for _ in range(25):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        p.write_bytes(bytes(data))
        try:
            load_figures(p)
            outcomes.add("ok")
        except FiguresError as exc:
            assert "\n" not in str(exc)
            outcomes.add("error")
    assert "error" in outcomes


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    import time

    x = _converted(tmp_path)
    idx = openpyxl.load_workbook(x, read_only=True).sheetnames.index("Sasaran") + 1
    bomb = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">'
                      for i in range(8))
            + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c></row>'
            "</sheetData></worksheet>")
    data = io.BytesIO(x.read_bytes())
    out = io.BytesIO()
    with zipfile.ZipFile(data) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == f"xl/worksheets/sheet{idx}.xml":
                payload = bomb.encode()
            dst.writestr(info, payload)
    x.write_bytes(out.getvalue())
    t = time.monotonic()
    with pytest.raises(FiguresError):
        load_figures(x)
    assert time.monotonic() - t < 30



def test_columns_found_by_header(tmp_path: Path) -> None:
    x = _converted(tmp_path)

    def swap(wb: Any) -> None:  # Target and Realisasi columns exchanged, headers included
        ws = wb["Indikator"]
        for r in range(1, ws.max_row + 1):
            f, g = ws.cell(row=r, column=6), ws.cell(row=r, column=7)
            f.value, g.value = g.value, f.value
    _edit(x, swap)
    assert load_figures(x) == load_figures(SINTETIS)
    _edit(x, lambda wb: wb["Indikator"].delete_cols(8, 2))  # optional Skor columns removed
    assert load_figures(x) == load_figures(SINTETIS)
    _edit(x, lambda wb: wb["Indikator"].delete_cols(6))  # a required column removed
    assert "Indikator!A1: kolom 'Realisasi' tidak ada di baris judul" in _err(x)
