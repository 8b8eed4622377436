"""Spreadsheet issue lists: xlsx (openpyxl) and CSV (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from drafter.check.batch import FileResult
from drafter.check.registry import Issue
from drafter.document.model import Location
from drafter.report.table import render_csv, write_table

HEADER_ID = ["No", "Lokasi", "Bab", "Kategori", "Tingkat", "Kode", "Pesan", "Kutipan", "Seharusnya",
             "Tindak lanjut"]

TEXT = """BAB I PENDAHULUAN

Disusun untuk Tahun Anggaran 2022.

BAB III AKUNTABILITAS KINERJA

Capaian 103% dari target.
"""


def _issue(rule: str, cat: str, sev: str, line: int, col: int, end: int, excerpt: str,
           expected: str | None = None, extra: dict[str, int] | None = None) -> Issue:
    return Issue(rule, cat, sev, f"pesan {rule}", Location(line, col, line, end, extra), excerpt,
                 expected)


@pytest.fixture
def results(tmp_path: Path) -> list[FileResult]:
    a = tmp_path / "a.txt"
    a.write_text(TEXT, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(TEXT, encoding="utf-8")
    ra = FileResult(str(a), [
        _issue("ZZ201", "year", "error", 3, 23, 34, "Anggaran 2022", "Tahun Anggaran 2023"),
        _issue("ZZ101", "arithmetic", "error", 7, 9, 13, "103%", "88%"),
        _issue("ZZ401", "typo", "info", 3, 1, 8, "Disusun"),
    ])
    rb = FileResult(str(b), [
        _issue("ZZ101", "arithmetic", "error", 7, 9, 13, "103%", "88%"),
        _issue("ZZ102", "arithmetic", "error", 7, 9, 13, "103%", "90%"),
        _issue("ZZ103", "arithmetic", "error", 7, 9, 13, "103%", "91%"),
        _issue("ZZ401", "typo", "warning", 3, 1, 8, "Disusun"),
    ])
    bad = FileResult(str(tmp_path / "rusak.docx"), error="rusak.docx: berkas DOCX rusak")
    return [ra, rb, bad]


def test_csv_single(results: list[FileResult], tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    write_table(results[:1], out, fmt="csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == HEADER_ID
    assert len(rows) == 4
    # numeric category first, then by position
    assert rows[1][5] == "ZZ101" and rows[1][3] == "Aritmetika" and rows[1][4] == "Galat"
    assert rows[1][2] == "BAB III" and rows[1][1] == "baris 7, kolom 9"
    assert rows[1][8] == "88%" and rows[1][9] == ""
    assert [r[5] for r in rows[1:]] == ["ZZ101", "ZZ401", "ZZ201"]
    year = next(r for r in rows if r[5] == "ZZ201")
    assert year[2] == "BAB I" and year[7] == "Anggaran 2022"
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert b"\r\n" in raw


def test_csv_english_and_docx_location(tmp_path: Path) -> None:
    r = FileResult(str(tmp_path / "x.docx"), [
        _issue("ZZ1", "count", "warning", 12, 3, 5, "12", None,
               {"paragraph": 12, "table": 2, "row": 3, "cell": 4}),
    ])
    data = render_csv([r], lang="en").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0][:3] == ["No", "Location", "Chapter"]
    assert rows[1][1] == "paragraph 12 (table 2, row 3, cell 4)"
    assert rows[1][4] == "Warning"


def test_xlsx_single(results: list[FileResult], tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_table(results[:1], out, fmt="xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Temuan"]
    ws = wb["Temuan"]
    assert [c.value for c in ws[1]] == HEADER_ID
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:J4"
    assert ws.column_dimensions["G"].width >= 40  # Pesan
    assert ws["G2"].alignment.wrap_text
    assert ws["A1"].font.bold
    assert ws["F2"].value == "ZZ101" and ws["C2"].value == "BAB III"
    assert ws["J2"].value is None  # Tindak lanjut left for the reviewer
    assert wb.properties.created.year == 2000 and wb.properties.modified.year == 2000


def test_xlsx_deterministic(results: list[FileResult], tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_table(results, a, fmt="xlsx", batch=True)
    write_table(results, b, fmt="xlsx", batch=True)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as z:
        core = z.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core


def test_xlsx_batch(results: list[FileResult], tmp_path: Path) -> None:
    out = tmp_path / "batch.xlsx"
    write_table(results, out, fmt="xlsx", batch=True)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Temuan"]
    summ = wb["Ringkasan"]
    head = [c.value for c in summ[1]]
    assert head[:3] == ["Berkas", "Status", "Total"]
    assert head.index("Aritmetika") < head.index("Tahun") < head.index("Salah ketik/ejaan")
    files = [summ.cell(row=r, column=1).value for r in range(2, summ.max_row + 1)]
    # worst first (b has 3 errors, a has 2), unreadable last
    assert files[0].endswith("b.txt") and files[1].endswith("a.txt") and files[2].endswith("rusak.docx")
    assert "rusak" in summ.cell(row=4, column=2).value
    arith = head.index("Aritmetika") + 1
    assert summ.cell(row=2, column=arith).value == 3
    issues = wb["Temuan"]
    assert [c.value for c in issues[1]] == ["Berkas"] + HEADER_ID
    assert issues.max_row == 1 + 7
    assert issues["A2"].value.endswith("b.txt")
    assert issues.freeze_panes == "A2" and issues.auto_filter.ref == "A1:K8"


def test_csv_batch_has_file_column(results: list[FileResult]) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(results, batch=True).decode("utf-8-sig"))))
    assert rows[0][0] == "Berkas"
    assert len(rows) == 8
    assert all(not r[0].endswith("rusak.docx") for r in rows[1:])
