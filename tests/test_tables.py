"""Table understanding (drafter.check.tables) and fuzzy name matching (drafter.check.fuzzy)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.fuzzy import normalize, similarity
from drafter.check.tables import TableIndex, index_tables, read_value
from drafter.document.model import Block, Cell, Document, Row
from drafter.document.readers import parse_text, read_document

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
T = "\t"


def _index(text: str, markdown: bool | None = None) -> TableIndex:
    doc = parse_text(text, "<uji>", markdown=markdown)
    return CheckContext(doc, CheckConfig()).tables


def _tab(*rows: tuple[str, ...]) -> str:
    return "\n".join(T.join(r) for r in rows) + "\n"


T31 = ("Tabel 3.1\nPengukuran Realisasi Kinerja Tahun 2023\n\n" + _tab(
    ("NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET 2023", "REALISASI 2023",
     "CAPAIAN 2023"),
    ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
    ("1", "Meningkatnya kepuasan masyarakat", "Indeks Kepuasan Masyarakat", "85", "88,05",
     "103,59%"),
    ("2", "Terselenggaranya pemerintahan yang baik", "Nilai SAKIP", "B", "B", "100 %"),
    ("RATA-RATA CAPAIAN", "", "", "", "", "101,8%"),
))


def test_table_31_by_caption_values_and_average() -> None:
    ti = _index(T31)
    assert list(ti.by_role) == ["3.1"]
    rows = ti.rows("3.1", indicators_only=True)
    assert [r.name for r in rows] == ["Indeks Kepuasan Masyarakat", "Nilai SAKIP"]
    ikm = rows[0]
    assert ikm.sasaran == "Meningkatnya kepuasan masyarakat"
    assert ikm.values["target"].num is not None and ikm.values["target"].num.value == 85
    assert ikm.values["realisasi"].num.value == Decimal("88.05")  # type: ignore[union-attr]
    assert ikm.values["capaian"].num.percent  # type: ignore[union-attr]
    assert rows[1].values["target"].grade == "B"
    avg = ti.average_row("3.1")
    assert avg is not None and avg.is_average and avg.kind == "average"
    assert avg.values["capaian"].num.value == Decimal("101.8")  # type: ignore[union-attr]
    assert len(ti.rows("3.1")) == 3 and ti.rows("3.1")[2] is avg


def test_value_cell_offsets_point_into_the_cell() -> None:
    ti = _index(T31)
    vc = ti.rows("3.1")[1].values["capaian"]
    s, e = vc.span()
    assert vc.cell.text[s:e].strip().startswith("100")
    loc = vc.cell.locate(s, e)
    assert loc.line == 7


def test_table_32_year_columns() -> None:
    text = "Tabel 3.2\nPerbandingan capaian\n\n" + _tab(
        ("No", "SASARAN STRATEGIS", "INDIKATOR SASARAN", "TARGET", "", "", "REALISASI", "", ""),
        ("", "", "", "2021", "2022", "2023", "2021", "2022", "2023"),
        ("1", "Meningkatnya kepuasan", "IKM", "80", "85", "85", "75,58", "93,33", "88,05"),
    )
    row = _index(text).rows("3.2")[0]
    assert row.values["target:2021"].num.value == 80  # type: ignore[union-attr]
    assert row.values["realisasi:2022"].num.value == Decimal("93.33")  # type: ignore[union-attr]
    assert "target" not in row.values


def test_roles_from_headers_without_caption() -> None:
    text = ("Realisasi anggaran per program\n\n" + _tab(
        ("NO", "PROGRAM/KEGIATAN/SUB KEGIATAN", "PAGU", "REALISASI", "%"),
        ("I", "Program : Penunjang", "2.000.000", "1.500.000", "75"),
        ("1", "Kegiatan : Administrasi", "2.000.000", "1.500.000", "75"),
        ("", "Sub Kegiatan : Gaji", "2.000.000", "1.500.000", "75"),
    ) + "\nD. PERJANJIAN KINERJA TAHUN 2023\n\nPerjanjian kinerja memuat target berikut.\n\n" + _tab(
        ("NO", "SASARAN STRATEGIS", "INDIKATOR KINERJA", "TARGET"),
        ("1", "Meningkatnya kepuasan", "IKM", "85"),
    ) + "\nPenjelasan efisiensi.\n\n" + _tab(
        ("Sasaran", "% Capaian Kinerja", "% Serapan Anggaran", "Tingkat Efisiensi"),
        ("Meningkatnya kepuasan", "100%", "85%", "Efisien"),
    ))
    ti = _index(text)
    assert set(ti.by_role) == {"3.8", "PK", "3.7"}
    b38 = ti.budget("3.8")
    assert [r.level for r in b38] == ["program", "kegiatan", "sub_kegiatan"]
    assert b38[1].parent == b38[0].index and b38[2].parent == b38[1].index
    assert ti.rows("PK")[0].values["target"].num.value == 85  # type: ignore[union-attr]
    assert ti.rows("3.7")[0].values["efisiensi"].text == "Efisien"


def test_table_36_capaian_column_is_realisasi_and_sasaran_parts() -> None:
    head = ("No", "Program/ Kegiatan/ Sub Kegiatan", "Target", "Capaian", "%")
    text = ("Tabel 3.6\nTarget dan Realisasi Program\n\nSasaran Strategis 1 : Terjaganya ketertiban"
            " umum\n\n" + _tab(head,
                               ("1.", "Program : Koordinasi Ketenteraman", "100", "100", "100"),
                               ("", "Input : Dana yang dibutuhkan", "326.241.300", "322.620.000",
                                "98,89%"))
            + "\nFOTO KEGIATAN\n\nSasaran Strategis 2 : Meningkatnya kepuasan masyarakat\n\n"
            + _tab(head, ("1.", "Program : Penyelenggaraan Pemerintahan", "85", "100",
                          "117,65%")))
    ti = _index(text)
    rows = ti.budget("3.6")
    assert len(ti.by_role["3.6"]) == 2
    assert [r.level for r in rows] == ["program", "input", "program"]
    assert rows[0].values["realisasi"].num.value == 100  # type: ignore[union-attr]
    assert rows[1].values["pagu"].num.value == 326241300  # type: ignore[union-attr]
    assert rows[1].values["persen"].text == "98,89%"
    assert rows[0].sasaran and rows[0].sasaran.startswith("Terjaganya")
    assert rows[2].sasaran and rows[2].sasaran.startswith("Meningkatnya")


def test_table_35_ticks_and_sasaran_rows() -> None:
    text = "Table 3.5\nIkhtisar Capaian Kinerja\n\n" + _tab(
        ("Sasaran/Indikator Sasaran", "% Capaian", "Predikat", "", "", "", "", "", ""),
        ("", "", "Sangat Memu askan", "Memu askan", "Sangat Baik", "Baik", "Cukup", "Kurang",
         "Sangat Kurang"),
        ("Sasaran 1 Terjaganya ketertiban umum", "", "", "", "", "", "", "", ""),
        ("Indikator 1.1 Persentase penyelesaian laporan", "97%", "V", "", "", "", "", "", ""),
        ("Indikator 1.2 Indeks Kepuasan", "85%", "", "√", "✓", "", "", "", ""),
        ("Rata rata capaian", "91%", "ü", "", "", "", "", "", ""),
    )
    ti = _index(text)
    rows = ti.rows("3.5", all_rows=True)
    assert [r.kind for r in rows] == ["sasaran", "indicator", "indicator", "average"]
    assert rows[1].values["predikat"].text == "Sangat Memuaskan"
    assert rows[1].sasaran == "Terjaganya ketertiban umum"
    assert [lbl for lbl, _ in rows[2].ticks] == ["Memuaskan", "Sangat Baik"]
    assert rows[3].values["predikat"].text == "Sangat Memuaskan"
    assert len(ti.rows("3.5")) == 3
    assert len(ti.rows("3.5", indicators_only=True)) == 2


def test_35_sasaran_lines_without_prefix_told_apart_by_other_tables() -> None:
    text = T31 + "\nTable 3.5\nIkhtisar\n\n" + _tab(
        ("Sasaran/Indikator Sasaran", "% Capaian", "Predikat", "", ""),
        ("", "", "Sangat Memuaskan", "Memuaskan", "Sangat Baik"),
        ("Meningkatnya kepuasan masyarakat", "103%", "✓", "", ""),
        ("Indeks Kepuasan Masyarakat", "103%", "✓", "", ""),
    )
    rows = _index(text).rows("3.5", all_rows=True)
    assert [r.kind for r in rows] == ["sasaran", "indicator"]


def test_markdown_pipe_and_html_tables() -> None:
    text = ("Tabel 3.8 Realisasi Anggaran\n\n| NO | PROGRAM/KEGIATAN | PAGU | REALISASI | % |\n"
            "|---|---|---|---|---|\n| 1 | Program : Penunjang | 4.000.000 | 3.000.000 | 75 |\n\n"
            "Tabel 3.7 Efisiensi\n\n<table><tr><th>Sasaran</th><th>% Capaian Kinerja</th>"
            "<th>% Serapan Anggaran</th><th>Tingkat Efisiensi</th></tr><tr><td>Meningkatnya IKM"
            "</td><td>100%</td><td>85%</td><td>15%</td></tr></table>\n")
    ti = _index(text, markdown=True)
    assert ti.budget("3.8")[0].values["persen"].num.value == 75  # type: ignore[union-attr]
    assert ti.rows("3.7")[0].values["serapan"].num.value == 85  # type: ignore[union-attr]


def _cell(text: str, line: int, col: int) -> Cell:
    return Cell(text=text, segments=[(0, line, 1)], row=0, col=col)


def test_headerless_continuation_block_gets_the_role() -> None:
    head = ["NO", "SASARAN", "INDIKATOR", "TARGET", "REALISASI", "CAPAIAN"]
    part1 = Block(text="", kind="table", rows=[
        Row([_cell(t, 3, i) for i, t in enumerate(head)], 0, True),
        Row([_cell(t, 4, i) for i, t in enumerate(["1", "S1", "IKM", "85", "85", "100%"])], 1),
    ], caption="Tabel 3.1 Pengukuran")
    part2 = Block(text="", kind="table", rows=[
        Row([_cell(t, 6, i) for i, t in enumerate(["2", "S2", "Nilai SAKIP", "B", "B", "100%"])],
            0),
    ])
    doc = Document("<uji>", [Block(text="Tabel 3.1", kind="caption"), part1, part2])
    ti = index_tables(doc)
    assert ti.role_of(part2) == "3.1"
    assert [r.name for r in ti.rows("3.1")] == ["IKM", "Nilai SAKIP"]


def test_read_value_edge_cases() -> None:
    def v(text: str) -> object:
        return read_value(Cell(text=text)).value

    assert v("Rp. 3.973.567.698,-") == Decimal(3973567698)
    assert v("Rp3.973.567.698,00") == Decimal(3973567698)
    assert v("92.8%") == Decimal("92.8")
    assert v("100 %") == Decimal(100)
    assert v("22 orang") == Decimal(22)
    assert v("BB(80)") == "BB"
    assert v("A") == "A"
    assert v("-") is None
    assert v("<b>95,5%</b>") == Decimal("95.5")
    assert v("Nilai IKM Kabupaten 86") is None


def test_fuzzy_similarity() -> None:
    assert similarity("IKM", "Indeks Kepuasan Masyarakat") >= 0.9
    assert similarity("Ketentraman Masyarakat", "Ketenteraman Masyarakat") == 1.0
    assert similarity("Persentase Penyelesaian Laporan dan Pelanggaran Ktertiban Umum",
                      "Persentase Tingkat Penyelesaian Laporan dan Pelanggaran Ketertiban Umum"
                      ) >= 0.8
    assert similarity("Nilai SAKIP", "Indeks Kepuasan Masyarakat") < 0.3
    assert similarity("", "IKM") == 0.0
    assert normalize("Prosentase Fasilitas  Kesejahteraan") == "persentase fasilitasi kesejahteraan"


def test_match_and_indicator_groups() -> None:
    text = T31 + "\nTabel 3.3\nRenstra\n\n" + _tab(
        ("NO", "SASARAN STRATEGIS", "INDIKATOR SASARAN", "TARGET JANGKA MENENGAH PADA RENSTRA",
         "REALISASI", "CAPAIAN"),
        ("1", "Meningkatnya kepuasan masyarakat", "IKM", "98", "88,05", "89,85%"),
        ("2", "Terselenggaranya pemerintahan", "Nilai SAKIP OPD", "A", "B", "B"),
    )
    ti = _index(text)
    hits = ti.match("indeks kepuasan masyarakat (IKM)", role="3.3")
    assert hits and hits[0].name == "IKM"
    assert ti.rows("3.3")[0].values["renstra_target"].num.value == 98  # type: ignore[union-attr]
    groups = ti.indicators()
    ikm = next(g for g in groups if g[0].name == "Indeks Kepuasan Masyarakat")
    assert {r.role for r in ikm} == {"3.1", "3.3"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not available")
@pytest.mark.parametrize("name", ["lkip-2023-kecamatan-gumukmas.txt",
                                  "lkip-2023-kecamatan-umbulsari.txt"])
def test_seed_roles(name: str) -> None:
    ti = CheckContext(read_document(SEEDS / name), CheckConfig()).tables
    for role in ("3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "PK", "renstra", "iku"):
        assert role in ti.by_role, role
    assert len(ti.rows("3.1", indicators_only=True)) == 4
    assert ti.average_row("3.1") is not None
    assert all("capaian" in r.values for r in ti.rows("3.1"))
    assert all(not r.is_average for r in ti.rows("3.1", indicators_only=True))
    assert {r.level for r in ti.budget("3.8")} >= {"program", "kegiatan", "sub_kegiatan"}
    assert any(r.values.get("predikat") for r in ti.rows("3.5"))


def test_one_year_table_with_previous_year_column() -> None:
    text = "Laporan Kinerja Kecamatan Contoh Tahun 2023\n\nTabel 3.1\nPengukuran\n\n" + _tab(
        ("NO", "INDIKATOR KINERJA", "TARGET 2023", "REALISASI 2022", "REALISASI 2023", "CAPAIAN"),
        ("1", "IKM", "85", "93,33", "88,05", "103,59%"),
    )
    row = _index(text).rows("3.1")[0]
    assert row.values["realisasi"].text == "88,05"
    assert row.values["realisasi:2022"].text == "93,33"


def test_docx_merged_header_cells(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("Tabel 3.2 Perbandingan capaian")
    t = d.add_table(rows=3, cols=7)
    for i, x in enumerate(["No", "Indikator Kinerja"]):
        t.cell(0, i).text = x
    t.cell(0, 2).merge(t.cell(0, 3)).text = "Target"
    t.cell(0, 4).merge(t.cell(0, 6)).text = "Realisasi"
    for i, x in enumerate(["", "", "2022", "2023", "2021", "2022", "2023"]):
        t.cell(1, i).text = x
    for i, x in enumerate(["1", "IKM", "85", "85", "75,58", "93,33", "88,05"]):
        t.cell(2, i).text = x
    path = tmp_path / "t.docx"
    d.save(str(path))
    ti = CheckContext(read_document(path), CheckConfig()).tables
    row = ti.rows("3.2")[0]
    assert {k: v.text for k, v in row.values.items()} == {
        "target:2022": "85", "target:2023": "85", "realisasi:2021": "75,58",
        "realisasi:2022": "93,33", "realisasi:2023": "88,05"}
    loc = row.values["realisasi:2023"].cell.locate()
    assert loc.extra is not None and loc.extra["cell"] == 7


def test_caption_number_used_for_a_scale_table() -> None:
    text = "Tabel 3.1\nInterval Penilaian Kinerja\n\n" + _tab(
        ("NO", "INTERVAL NILAI REALISASI KINERJA", "KRITERIA PENILAIAN REALISASI KINERJA"),
        ("1", "91 % ≤ 100 %", "Sangat Baik"),
        ("2", "76 % ≤ 90%", "Baik"),
    ) + "\nTabel 3.1 Pencapaian Kinerja\n\n" + _tab(
        ("NO", "INDIKATOR KINERJA UTAMA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN"),
        ("1", "Persentase temuan yang ditindaklanjuti", "%", "55%", "60%", "109,09%"),
    )
    ti = _index(text)
    assert len(ti.by_role["3.1"]) == 1
    assert ti.rows("3.1")[0].values["capaian"].text == "109,09%"


def test_capaian_column_holding_the_realisasi() -> None:
    text = "Tabel 3.1\nPengukuran\n\n" + _tab(
        ("NO", "INDIKATOR KINERJA", "TARGET", "CAPAIAN", "%"),
        ("1", "IKM", "85", "88,05", "103,59"),
    )
    row = _index(text).rows("3.1")[0]
    assert row.values["realisasi"].text == "88,05" and row.values["capaian"].text == "103,59"


def test_first_data_row_without_values_is_not_a_header() -> None:
    text = "Tabel 3.6\nTarget dan Realisasi\n\n" + _tab(
        ("No", "Program/ Kegiatan/ Sub Kegiatan", "Target", "Realisasi", "%"),
        ("", "Program : Penunjang Urusan", "", "", ""),
        ("", "Kegiatan : Administrasi Keuangan", "12", "12", "100"),
    )
    rows = _index(text).budget("3.6")
    assert [r.level for r in rows] == ["program", "kegiatan"]
    assert rows[1].parent == rows[0].index


def test_short_rows_stay_left_without_a_number_column() -> None:
    text = "Table 3.5\nIkhtisar\n\n" + _tab(
        ("Sasaran/Indikator Sasaran", "% Capaian", "Predikat", ""),
        ("", "", "Sangat Memuaskan", "Memuaskan"),
        ("Sasaran 1 Terjaganya ketertiban umum", ""),
        ("Indikator 1.1 Persentase penyelesaian laporan", "97%", "V", ""),
    )
    rows = _index(text).rows("3.5", all_rows=True)
    assert rows[0].name.startswith("Sasaran 1") and rows[0].kind == "sasaran"
    assert rows[1].values["capaian"].text == "97%"


def test_office_region_in_caption_is_no_regional_comparison() -> None:
    """"Pengukuran Kinerja Dinas PUPR Provinsi Maluku": the region word belongs to the office's
    name, the table is the measurement table; "Perbandingan ... dengan Provinsi" stays 3.4."""
    ti = _index("Tabel 3.2 Pengukuran Kinerja Dinas Perhubungan Provinsi Gorontalo Tahun 2022\n\n" + _tab(
        ("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"),
        ("1", "Persentase trayek angkutan yang terlayani", "80", "76", "95,00"),
        ("2", "Jumlah kecelakaan di perlintasan", "4", "3", "125,00"),
    ) + "\nTabel 3.4 Perbandingan Capaian Dinas dengan Provinsi Lain\n\n" + _tab(
        ("No", "Indikator Kinerja", "Realisasi 2022", "Realisasi Provinsi"),
        ("1", "Persentase trayek angkutan yang terlayani", "76", "71,3"),
    ))
    rows = ti.rows("3.1")
    assert [r.name for r in rows] == ["Persentase trayek angkutan yang terlayani",
                                      "Jumlah kecelakaan di perlintasan"]
    assert rows[0].values["capaian"].text == "95,00"
    assert ti.rows("3.4") and ti.rows("3.4")[0].values["nasional"].text == "71,3"


def test_capped_capaian_column_and_merged_number_column() -> None:
    """A second capaian column limited for the average is its own key; "No  Indikator" read as
    one column gives names without their numbers; a page footer row is no indicator."""
    ti = _index("Tabel 3.1 Pengukuran Kinerja Tahun 2024\n\n" + _tab(
        ("No Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Capaian untuk rata-rata (%)",
         "Predikat"),
        ("1 Persentase temuan berulang", "10", "12,5", "125,00", "75,00", "Cukup"),
        ("2 Persentase rekomendasi ditindaklanjuti", "80", "88", "110,00", "100,00", "Sangat Baik"),
        ("Laporan Kinerja Inspektorat Tahun 2024", "", "", "", "", "7"),
    ))
    rows = ti.rows("3.1")
    assert [r.name for r in rows] == ["Persentase temuan berulang", "Persentase rekomendasi ditindaklanjuti"]
    assert rows[0].values["capaian"].text == "125,00"
    assert rows[0].values["capaian_capped"].text == "75,00"


def test_sideways_table_of_one_indicator() -> None:
    """Rows Target / Realisasi / Capaian, years as columns, the indicator named by the caption."""
    text = ("Tabel 3.3 Realisasi Persentase Jalan Kondisi Mantap Tahun 2021-2023\n\n" + _tab(
        ("Uraian", "2021", "2022", "2023", "Target Renstra 2026"),
        ("Target", "60,00", "62,50", "65,00", "72,00"),
        ("Realisasi (%)", "59,40", "63,10", "66,20", "-"),
        ("Kategori", "Sedang", "Baik", "Baik", "Baik"),
    ))
    rows = _index(text).rows("3.2")
    assert len(rows) == 1
    r = rows[0]
    assert r.name == "Persentase Jalan Kondisi Mantap"
    assert r.values["realisasi:2022"].value == Decimal("63.10")
    assert r.values["target:2026"].value == Decimal("72.00")
    assert "realisasi:2026" not in r.values


def test_year_table_sub_rows_and_note_targets() -> None:
    """"Capaian indikator 1 (%)" belongs to indicator 1; a note gives a year's target; a
    "Jumlah <thing>" row is an indicator, not a total line."""
    text = ("Tabel 3.3 Perbandingan Realisasi 2021-2023\n\n" + _tab(
        ("Indikator", "2021", "2022", "2023"),
        ("Jumlah kasus demam berdarah (kasus)", "150", "131", "102"),
        ("Capaian indikator 1 (%)", "107,14", "99,23", "115,00"),
        ("Cakupan pemeriksaan jentik (%)", "80,10", "84,00", "88,40"),
    ) + "\nCatatan: target indikator 1 tahun 2021 adalah 140 kasus.\n")
    rows = _index(text).rows("3.2")
    assert [r.name for r in rows] == ["Jumlah kasus demam berdarah (kasus)",
                                      "Cakupan pemeriksaan jentik (%)"]
    assert rows[0].values["capaian:2021"].value == Decimal("107.14")
    assert rows[0].values["target:2021"].value == Decimal("140")


def test_named_average_indicator_is_no_average_row() -> None:
    """"Rata-rata lama sekolah" beside its sasaran, with its own target and realisasi, is an
    indicator; the average row is the one labelled with the average only."""
    text = "Tabel 3.1 Pengukuran Kinerja Tahun 2024\n\n" + _tab(
        ("Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"),
        ("Meningkatnya mutu pendidikan", "Rata-rata Lama Sekolah", "8,2", "8,4", "102,44"),
        ("Meningkatnya derajat kesehatan", "Persentase balita ditimbang", "80", "76", "95,00"),
        ("Rata-rata capaian", "", "", "", "98,72"),
    )
    ti = _index(text)
    rows = ti.rows("3.1", indicators_only=True)
    assert [r.name for r in rows] == ["Rata-rata Lama Sekolah", "Persentase balita ditimbang"]
    avg = ti.average_row("3.1")
    assert avg is not None and avg.name.startswith("Rata-rata capaian")


def test_average_word_in_sasaran_cell_marks_no_average() -> None:
    text = "Tabel 3.1 Pengukuran Kinerja Tahun 2024\n\n" + _tab(
        ("Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"),
        ("Meningkatnya rata-rata lama sekolah", "Angka partisipasi murni", "90", "88", "97,78"),
        ("Meningkatnya derajat kesehatan", "Persentase balita ditimbang", "80", "76", "95,00"),
    )
    ti = _index(text)
    assert ti.average_row("3.1") is None
    assert len(ti.rows("3.1", indicators_only=True)) == 2


FOOTED = """Laporan Kinerja Dinas Pangan Tahun 2024                                   1

Tabel 2.1 Perjanjian Kinerja Tahun 2024

No   Indikator Kinerja                            Satuan      Target
1    Skor pola pangan harapan                     skor        88
2    Persentase pangan segar aman dikonsumsi      %           92
3    Jumlah desa mandiri pangan                   desa        12

Laporan Kinerja Dinas Pangan Tahun 2023                                   2

Capaian kedua indikator diuraikan pada bab berikut.

Laporan Kinerja Dinas Pangan Tahun 2024                                   3

Penjelasan lain.

Laporan Kinerja Dinas Pangan Tahun 2024                                   4
"""


def test_running_footer_with_another_year_is_no_indicator_row() -> None:
    """A page footer caught under a table flattened from PDF, its year differing from the
    other pages ("... Tahun 2023   2" among "... Tahun 2024"), is the running footer still: no
    indicator row (the text keeps the line, for the year rules)."""
    ti = _index(FOOTED)
    names = [r.name for r in ti.rows("PK", all_rows=True)]
    assert names == ["Skor pola pangan harapan", "Persentase pangan segar aman dikonsumsi",
                     "Jumlah desa mandiri pangan"]


def _reprint(targets: tuple[str, str, str]) -> str:
    summary = "Ringkasan capaian kinerja:\n\n" + _tab(
        ("No", "Indikator", "Target", "Realisasi", "Capaian"),
        ("1", "Kepuasan masyarakat atas layanan", targets[0], "84", "105,00%"),
        ("2", "Tindak lanjut pengaduan (%)", targets[1], "72", "90,00%"),
        ("3", "Desa dengan APBDes tepat waktu", targets[2], "15", "75,00%"),
    )
    table = "\nTabel 3.1 Pengukuran Kinerja Tahun 2024\n\n" + _tab(
        ("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"),
        ("1", "Indeks kepuasan masyarakat atas layanan kecamatan", "80", "84", "105,00"),
        ("2", "Persentase tindak lanjut pengaduan masyarakat", "80", "72", "90,00"),
        ("3", "Jumlah desa dengan APBDes tepat waktu", "20", "15", "75,00"),
    )
    return summary + table


def test_reworded_reprint_is_one_table() -> None:
    """A summary table in the ikhtisar reprinting Tabel 3.1 with reworded names is the same
    table: its rows are copies of the captioned print's rows, left out of counts."""
    ti = _index(_reprint(("80", "80", "20")))
    kept = ti.rows("3.1", indicators_only=True)
    assert [r.name for r in kept] == ["Indeks kepuasan masyarakat atas layanan kecamatan",
                                      "Persentase tindak lanjut pengaduan masyarakat",
                                      "Jumlah desa dengan APBDes tepat waktu"]
    copies = [r for r in ti.rows("3.1", all_rows=True) if r.copy]
    assert len(copies) == 3
    assert all(c.original is k for c, k in zip(copies, kept, strict=True))


def test_like_names_with_other_targets_are_no_reprint() -> None:
    ti = _index(_reprint(("75", "70", "18")))
    assert len(ti.rows("3.1", indicators_only=True)) == 6


def test_grade_column_under_another_header_is_the_predicate() -> None:
    """A column after the capaian headed "Nilai" in which every row holds just a label of the
    report's scale is the predicate column."""
    text = ("Tabel 3.2 Skala Penilaian Capaian Kinerja\n\n" + _tab(
        ("No", "Rentang Capaian", "Predikat"),
        ("1", "≥ 90%", "Sangat Baik"),
        ("2", "75% s.d. < 90%", "Baik"),
        ("3", "60% s.d. < 75%", "Cukup"),
        ("4", "< 60%", "Kurang"),
    ) + "\nTabel 3.1 Pengukuran Kinerja Tahun 2024\n\n" + _tab(
        ("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Nilai"),
        ("1", "Indeks kepuasan masyarakat", "80", "84", "105,00", "Sangat Baik"),
        ("2", "Persentase pengaduan ditindaklanjuti", "80", "64", "80,00", "Baik"),
    ))
    rows = _index(text).rows("3.1", indicators_only=True)
    assert [r.values["predikat"].text for r in rows] == ["Sangat Baik", "Baik"]


def test_a_column_of_free_text_after_the_capaian_is_no_predicate() -> None:
    text = "Tabel 3.1 Pengukuran Kinerja Tahun 2024\n\n" + _tab(
        ("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Nilai"),
        ("1", "Indeks kepuasan masyarakat", "80", "84", "105,00", "Sangat Baik"),
        ("2", "Persentase pengaduan ditindaklanjuti", "80", "64", "80,00", "perlu ditingkatkan"),
    )
    rows = _index(text).rows("3.1", indicators_only=True)
    assert all("predikat" not in r.values for r in rows)


def test_predicate_table_with_target_realisasi_capaian_is_the_measurement_table() -> None:
    # "Tabel 3.5" numbered and with a Kriteria column, but holding each indicator's target,
    # realisasi and capaian in a report without another measurement table: read as Tabel 3.1
    text = "Tabel 3.5 Pengukuran Kinerja Tahun 2024\n\n" + _tab(
        ("No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Kriteria"),
        ("1", "Persentase surat keluar tepat waktu", "90%", "85,5%", "95,00", "Sangat Tinggi"),
        ("2", "Jumlah posyandu aktif", "40", "30", "75,00", "Sedang"),
    )
    ti = _index(text)
    assert ti.by_role.get("3.1") and "3.5" not in ti.by_role
    rows = ti.rows("3.1", indicators_only=True)
    assert len(rows) == 2 and rows[0].values["predikat"].text == "Sangat Tinggi"
    assert ti.name("3.1") == "Tabel 3.5"


def test_capaian_predicate_summary_stays_35_beside_a_measurement_table() -> None:
    # a pure capaian + predicate summary stays 3.5; so does a second print with target,
    # realisasi and capaian when the report has its own Tabel 3.1 (compared with it)
    summary = "\nTabel 3.5 Ikhtisar\n\n" + _tab(
        ("No", "Indikator", "Capaian (%)", "Predikat"),
        ("1", "Indeks Kepuasan Masyarakat", "103,59", "Sangat Baik"),
        ("2", "Nilai SAKIP", "100", "Sangat Baik"),
    )
    ti = _index(summary)
    assert "3.5" in ti.by_role and "3.1" not in ti.by_role
    full = "\nTabel 3.5 Ikhtisar\n\n" + _tab(
        ("No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Predikat"),
        ("1", "Indeks Kepuasan Masyarakat", "85", "88,05", "103,59", "Sangat Baik"),
        ("2", "Nilai SAKIP", "B", "B", "100", "Sangat Baik"),
    )
    ti = _index(T31 + full)
    assert len(ti.by_role["3.1"]) == 1 and len(ti.by_role["3.5"]) == 1
