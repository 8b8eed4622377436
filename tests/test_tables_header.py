"""Merged header cells (DOCX) read through header_paths, and rows of small values that are no
header rows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.tables import TableInfo
from drafter.document.readers import read_document

pytest.importorskip("docx")

_BUILD = Path(__file__).parent / "corpus" / "build.py"


def _build_docx(src: str, tmp_path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("corpus_build", _BUILD)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    s = tmp_path / "r.docxsrc"
    s.write_text(src, encoding="utf-8")
    out: Path = mod.build_docx(s, tmp_path / "r.docx")
    return out


SRC = """LAPORAN KINERJA DINAS PERHUBUNGAN TAHUN 2024
# BAB II PERENCANAAN KINERJA
Tabel 2.1 Target Kinerja Renstra 2023-2027
[table]
No | Indikator Kinerja | Realisasi | < | Target Renstra | < | <
^ | ^ | 2022 | 2023 | 2024 | 2025 | 2026
1 | Persentase halte dalam kondisi layak | 60 | 64 | 70 | 75 | 80
2 | Persentase angkutan umum laik jalan | 81 | 83 | 85 | 87 | 90
[/table]
Tabel 2.2 Perjanjian Kinerja Tahun 2024
[table]
No | Sasaran Strategis | Indikator Kinerja | Target 2024
1 | Meningkatnya layanan transportasi | Persentase halte dalam kondisi layak | 72
2 | ^ | Persentase angkutan umum laik jalan | 85
[/table]
"""


def _infos(tmp_path: Path) -> tuple[CheckContext, dict[str, TableInfo]]:
    doc = read_document(_build_docx(SRC, tmp_path))
    ctx = CheckContext(doc, CheckConfig())
    return ctx, {(i.number or ""): i for i in ctx.tables.info.values()}


def test_merged_header_columns_follow_their_group_label(tmp_path: Path) -> None:
    _ctx, infos = _infos(tmp_path)
    info = infos["Tabel 2.1"]
    # the years under "Target Renstra" are targets, those under "Realisasi" are realisasi
    assert info.labels[2] == "Realisasi 2022"
    assert info.labels[3] == "Realisasi 2023"
    assert info.labels[4] == "Target Renstra 2024"
    assert info.labels[6] == "Target Renstra 2026"
    cols = info.columns
    assert (cols["realisasi:2022"], cols["realisasi:2023"]) == (2, 3)
    assert (cols["target:2024"], cols["target:2025"], cols["target:2026"]) == (4, 5, 6)
    assert "target:2022" not in cols and "target:2023" not in cols


def test_row_of_small_values_is_not_a_header(tmp_path: Path) -> None:
    ctx, infos = _infos(tmp_path)
    assert infos["Tabel 2.2"].header_rows == [0]
    pk = ctx.tables.rows("PK", copies=True)
    # "1 | Meningkatnya ... | ... | 72": the value 72 makes it a data row
    assert [r.values["target"].text for r in pk] == ["72", "85"]


CODED = """Tabel 4.2 Pagu Anggaran Tahun 2025

<table>
<tr><th>Kode</th><th>Uraian</th><th>Pagu (Rp)</th></tr>
<tr><td>3.27.02</td><td>Program Pengelolaan Perikanan Tangkap</td><td>900.000.000</td></tr>
<tr><td>3.27.02.2.01</td><td>Kegiatan Pengelolaan Penangkapan Ikan</td><td>900.000.000</td></tr>
<tr><td>3.27.02.2.01.04</td><td>Sub Kegiatan Penyediaan Prasarana Usaha</td><td>600.000.000</td></tr>
<tr><td>3.27.02.2.01.07</td><td>Sub Kegiatan Pemberdayaan Nelayan Kecil</td><td>300.000.000</td></tr>
</table>
"""

PROGRAMS = """Tabel 2.3 Anggaran Program Tahun 2025

| No | Program | Anggaran (Rp) |
|---|---|---|
| 1 | Program Pengelolaan Perikanan Tangkap | 900.000.000 |
| 2 | Program Penunjang Urusan Pemerintahan | 400.000.000 |
"""


def test_coded_budget_table_without_realisasi_nests_by_kode() -> None:
    from drafter.document.readers import parse_text

    ctx = CheckContext(parse_text(CODED, "<uji>"), CheckConfig())
    rows = ctx.tables.budget("3.8")
    assert [r.level for r in rows] == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan"]
    assert [r.parent for r in rows] == [None, 0, 1, 1]  # index of the enclosing row
    # a plain list of program budgets (no hierarchy) is not taken for the budget table
    ctx2 = CheckContext(parse_text(PROGRAMS, "<uji>"), CheckConfig())
    assert ctx2.tables.budget("3.8") == []
