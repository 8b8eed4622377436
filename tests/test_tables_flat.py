"""Tables wherever they are: space-aligned (flattened PDF/web) text, Markdown pipe dialects,
DOCX with merged header cells, tab tables numbered differently; table roles, totals, row
hierarchy and reprinted tables. Every fixture is synthetic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import Issue, get_rule
from drafter.check.runner import run_rules
from drafter.document.model import Document
from drafter.document.readers import parse_text
from drafter.tables import find_flat_tables, header_paths
from drafter.tables.hierarchy import is_total_label, numbering_depth
from drafter.tables.render import flatten_tab_tables

T = "\t"


def check(code: str, doc: Document | str, **cfg: Any) -> list[Issue]:
    rule = get_rule(code)
    assert rule is not None
    if isinstance(doc, str):
        doc = parse_text(doc, "<uji>")
    ctx = CheckContext(doc, CheckConfig(**cfg))
    return [i for i in run_rules(ctx, [rule], strict=True) if i.rule == code]


def context(doc: Document | str) -> CheckContext:
    if isinstance(doc, str):
        doc = parse_text(doc, "<uji>")
    return CheckContext(doc, CheckConfig())


# --------------------------------------------------------------------------- flattened text
FLAT = """\
LAPORAN KINERJA KANTOR CAMAT TELUK RAYA TAHUN 2024

Tabel 3.1
Pengukuran Kinerja Tahun 2024

No   Indikator Kinerja              Target    Realisasi    Capaian
     Sasaran                                                 (%)
1    Persentase surat keterangan      95 %       90 %       94,74
     yang selesai tepat waktu
2    Indeks Kepuasan Masyarakat        80         84        105,00
3    Persentase rekomendasi            100        100        100,00
     pengawasan ditindaklanjuti

Laporan Kinerja Kecamatan Teluk Raya
                                  - 7 -

No   Indikator Kinerja              Target    Realisasi    Capaian
     Sasaran                                                 (%)
4    Nilai evaluasi SAKIP              70         63         90,00
     Rata-rata                                               97,44

Secara umum capaian kinerja tahun ini baik.
Laporan Kinerja Kecamatan Teluk Raya
Laporan Kinerja Kecamatan Teluk Raya
"""


def test_flat_grid_recovered_with_wraps_page_break_and_positions() -> None:
    lines = FLAT.split("\n")
    tables = find_flat_tables(lines)
    assert len(tables) == 1
    t = tables[0]
    texts = [r.texts() for r in t.rows]
    assert texts[0] == ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
    assert texts[1] == ["", "Sasaran", "", "", "(%)"]
    assert texts[2] == ["1", "Persentase surat keterangan yang selesai tepat waktu", "95 %",
                        "90 %", "94,74"]
    assert texts[4][1] == "Persentase rekomendasi pengawasan ditindaklanjuti"
    # the header repeated after the page break is gone, the page furniture skipped
    assert [r.texts()[0] for r in t.rows] == ["No", "", "1", "2", "3", "4", ""]
    assert texts[-1] == ["", "Rata-rata", "", "", "97,44"]
    assert lines.index("                                  - 7 -") + 1 in t.skipped
    # exact positions of a wrapped cell's two pieces
    cell = t.rows[2].cells[1]
    line_no = lines.index("     yang selesai tepat waktu") + 1
    assert cell.segments[0][1:] == (lines.index(next(x for x in lines if x.startswith("1    "))) + 1, 6)
    assert cell.segments[1][1:] == (line_no, 6)
    assert [r.header for r in t.rows] == [True, True, False, False, False, False, False]


def test_flat_table_becomes_a_table_block_with_source_positions() -> None:
    doc = parse_text(FLAT, "<uji>")
    tables = doc.tables()
    assert len(tables) == 1
    tb = tables[0]
    assert tb.caption and tb.caption.startswith("Tabel 3.1")
    assert tb.layout == "spaces"
    real = tb.rows[3].cells[3]  # "84" of row 2
    loc = real.locate(0, len(real.text))
    src_line = FLAT.split("\n")[loc.line - 1]
    assert src_line[loc.column - 1:loc.end_column - 1] == "84"
    # the running header outside the table stays prose, the table text is not prose
    prose = " ".join(b.text for b in doc.prose())
    assert "Indikator Kinerja" not in prose
    assert "Secara umum capaian kinerja" in prose


def test_flat_table_rules_fire_on_injected_defects_only() -> None:
    assert check("AR101", FLAT) == []
    assert check("AR104", FLAT) == []
    bad = FLAT.replace("       94,74\n", "       97,74\n")
    issues = check("AR101", bad)
    assert len(issues) == 1 and issues[0].expected is not None and "94,74" in issues[0].expected
    loc = issues[0].location
    assert bad.split("\n")[loc.line - 1][loc.column - 1:].startswith("97,74")
    bad_avg = FLAT.replace("97,44", "98,44")
    assert len(check("AR104", bad_avg)) == 1


@pytest.mark.parametrize("text", [
    # justified prose with double spaces
    "Kinerja  tahun ini  meningkat.\nHal ini  disebabkan oleh  banyak hal.\n"
    "Pelayanan  publik  terus  diperbaiki.\nMasyarakat  puas.\n",
    # a numbered list with a double space after the number
    "1.  Meningkatnya pelayanan 2024\n2.  Meningkatnya tata kelola 2025\n"
    "3.  Terwujudnya akuntabilitas 100\n",
    # a two-column signature block
    "KEPALA BADAN                         SEKRETARIS\n\nttd                                  ttd\n\n"
    "Ir. Budi Santoso                     Dra. Siti Aminah\nNIP. 19700101 199003 1 004"
    "         NIP. 19720202 199503 2 001\n",
])
def test_prose_lists_and_signatures_are_not_tables(text: str) -> None:
    assert find_flat_tables(text.split("\n")) == []
    assert parse_text(text, "<uji>").tables() == []


BUDGET_FLAT = """\
LAPORAN KINERJA DINAS PANGAN KOTA TANJUNG ASRI TAHUN 2024

Tabel 19
Realisasi Anggaran per Program Tahun 2024

No        Program / Kegiatan / Sub Kegiatan            Pagu (Rp)     Realisasi (Rp)      %
1         Penunjang Urusan Pemerintahan            1.500.000.000      1.350.000.000    90,00
1.1       Administrasi Keuangan Perangkat          1.200.000.000      1.100.000.000    91,67
          Daerah
1.1.1     Penyediaan Gaji dan Tunjangan ASN        1.000.000.000        950.000.000    95,00
1.1.2     Pelaksanaan Penatausahaan                  200.000.000        150.000.000    75,00
1.2       Administrasi Umum Perangkat Daerah         300.000.000        250.000.000    83,33
1.2.1     Penyediaan Bahan Logistik Kantor           300.000.000        250.000.000    83,33
2         Peningkatan Diversifikasi Pangan           500.000.000        400.000.000    80,00
2.1       Pengembangan Pangan Lokal                  500.000.000        400.000.000    80,00
          Jumlah                                 2.000.000.000      1.750.000.000    87,50

Realisasi anggaran tahun ini cukup baik.
"""


def test_flat_budget_hierarchy_and_total_row() -> None:
    ctx = context(BUDGET_FLAT)
    rows = ctx.tables.budget("3.8")
    assert [r.level for r in rows] == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan",
                                       "kegiatan", "sub_kegiatan", "program", "kegiatan", "total"]
    # each level is linked to its own parent only
    assert [r.parent for r in rows] == [None, 0, 1, 1, 0, 4, None, 6, None]
    assert rows[1].name == "Administrasi Keuangan Perangkat Daerah"
    assert check("AR103", BUDGET_FLAT) == []
    assert check("AR102", BUDGET_FLAT) == []


def test_flat_budget_sums_compare_each_level_with_its_children() -> None:
    # a wrong sub kegiatan: its kegiatan no longer adds up, the program and the total still do
    bad = BUDGET_FLAT.replace("1.1.2     Pelaksanaan Penatausahaan                  200.000.000",
                              "1.1.2     Pelaksanaan Penatausahaan                  250.000.000")
    issues = check("AR103", bad)
    assert len(issues) == 1
    assert "Administrasi Keuangan" in issues[0].message and "Tabel 19" in issues[0].message
    assert issues[0].expected == "1.250.000.000"
    # a wrong total: compared with the two programs only (not with every row)
    bad_total = BUDGET_FLAT.replace("2.000.000.000      1.750.000.000",
                                    "2.100.000.000      1.750.000.000")
    issues = check("AR103", bad_total)
    assert len(issues) == 1 and issues[0].expected == "2.000.000.000"


# --------------------------------------------------------------------------- Markdown pipes
PIPE_VARIANTS = {
    "outer": "| Indikator | Target | Realisasi | Capaian (%) |\n|:---|---:|---:|:---:|\n"
             "| Persentase arsip a\\|b tertata | 90 | 81 | 90,00 |\n"
             "| Indeks Kepuasan Masyarakat | 80 | 84 | 105,00 |\n",
    "bare": "Indikator | Target | Realisasi | Capaian (%)\n--- | --- | --- | ---\n"
            "Persentase arsip a\\|b tertata | 90 | 81 | 90,00\n"
            "Indeks Kepuasan Masyarakat | 80 | 84 | 105,00\n",
    "two_header_rows": "| Indikator | Target | Realisasi | Capaian |\n| | 2024 | 2024 | (%) |\n"
                       "|---|---|---|---|\n| Persentase arsip a\\|b tertata | 90 | 81 | 90,00 |\n"
                       "| Indeks Kepuasan Masyarakat | 80 | 84 | 105,00 |\n",
    "grid": "+-----------------------------+--------+-----------+-------------+\n"
            "| Indikator                   | Target | Realisasi | Capaian (%) |\n"
            "+=============================+========+===========+=============+\n"
            "| Persentase arsip a\\|b       | 90     | 81        | 90,00       |\n"
            "| tertata                     |        |           |             |\n"
            "+-----------------------------+--------+-----------+-------------+\n"
            "| Indeks Kepuasan Masyarakat  | 80     | 84        | 105,00      |\n"
            "+-----------------------------+--------+-----------+-------------+\n",
}


def _md(table: str) -> str:
    return ("# LAPORAN KINERJA DINAS ARSIP PROVINSI CONTOH TAHUN 2024\n\n## BAB III\n\n"
            "Tabel 3.1 Pengukuran Kinerja\n\n" + table + "\nCapaian baik.\n")


@pytest.mark.parametrize("variant", sorted(PIPE_VARIANTS))
def test_pipe_dialects_grid_and_rules(variant: str) -> None:
    text = _md(PIPE_VARIANTS[variant])
    doc = parse_text(text, "laporan.md")
    (tb,) = doc.tables()
    body = [r.texts() for r in tb.body_rows() if "Indeks" in r.texts()[0] or "arsip" in r.texts()[0]]
    assert body[0] == ["Persentase arsip a|b tertata", "90", "81", "90,00"]
    ctx = context(doc)
    assert [r.name for r in ctx.tables.rows("3.1", indicators_only=True)] == [
        "Persentase arsip a|b tertata", "Indeks Kepuasan Masyarakat"]
    assert check("AR101", doc) == []
    bad = parse_text(text.replace("84 | 105,00", "84 | 110,00").replace(
        "84        | 105,00", "84        | 110,00"), "laporan.md")
    issues = check("AR101", bad)
    assert len(issues) == 1 and issues[0].expected == "105%"


# --------------------------------------------------------------------------- tab tables, roles
SCALE7 = "\n".join(T.join(r) for r in [
    ("No", "Interval Capaian", "Predikat"),
    ("1", "> 100", "Istimewa"),
    ("2", "90 - 100", "Sangat Baik"),
    ("3", "80 - 89", "Baik"),
    ("4", "70 - 79", "Cukup Baik"),
    ("5", "60 - 69", "Cukup"),
    ("6", "50 - 59", "Kurang"),
    ("7", "< 50", "Sangat Kurang"),
])


def _tab_report(measure: str) -> str:
    return ("LAPORAN KINERJA INSPEKTORAT KABUPATEN CONTOH TAHUN 2024\n\nBAB III\n\n"
            "Tabel 3.1\nSkala Nilai Peringkat Kinerja\n\n" + SCALE7 + "\n\n"
            "Tabel 3.2\nPengukuran Kinerja Tahun 2024\n\n" + measure + "\n\nDemikian.\n")


MEASURE = "\n".join(T.join(r) for r in [
    ("No", "Sasaran", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"),
    ("1", "Meningkatnya kualitas pengawasan", "Persentase temuan yang ditindaklanjuti",
     "85", "80", "94,12"),
    ("2", "Meningkatnya kualitas pengawasan", "Nilai maturitas SPIP", "3", "3", "100,00"),
    ("", "Rata-rata", "", "", "", "97,06"),
])


def test_scale_numbered_31_and_measurement_numbered_32() -> None:
    text = _tab_report(MEASURE)
    ctx = context(text)
    roles = [ctx.tables.role_of(b) for b in ctx.document.tables()]
    assert roles == ["scale", "3.1"]
    assert ctx.tables.name("3.1") == "Tabel 3.2"
    assert len(ctx.tables.rows("3.1", indicators_only=True)) == 2
    assert check("AR101", text) == [] and check("AR104", text) == []
    issues = check("AR101", text.replace("94,12", "96,12"))
    assert len(issues) == 1 and issues[0].message.startswith("Tabel 3.2:")
    assert len(check("AR104", text.replace("97,06", "99,06"))) == 1


def test_measurement_table_found_by_header_whatever_its_number() -> None:
    for caption in ("Tabel 19", "Tabel III.2", "Tabel 3.2"):
        text = ("LAPORAN KINERJA INSPEKTORAT KABUPATEN CONTOH TAHUN 2024\n\n"
                f"{caption}\n\n" + MEASURE + "\n\nDemikian.\n")
        ctx = context(text)
        (tb,) = ctx.document.tables()
        assert ctx.tables.role_of(tb) == "3.1", caption
        assert len(check("AR101", text.replace("94,12", "96,12"))) == 1, caption


def test_grade_conversion_is_not_a_measurement_or_scale() -> None:
    grade = "\n".join(T.join(r) for r in [
        ("No", "Nilai Angka", "Nilai Huruf", "Predikat"),
        ("1", "90 - 100", "AA", "Sangat Memuaskan"),
        ("2", "80 - 90", "A", "Memuaskan"),
        ("3", "70 - 80", "BB", "Sangat Baik"),
        ("4", "60 - 70", "B", "Baik"),
    ])
    text = ("LAPORAN KINERJA BADAN CONTOH TAHUN 2024\n\nTabel 2.4\nKonversi Nilai Evaluasi\n\n"
            + grade + "\n\nDemikian.\n")
    ctx = context(text)
    (tb,) = ctx.document.tables()
    assert ctx.tables.role_of(tb) == "grade"
    assert ctx.tables.rows("grade") == []


def test_total_row_in_indicator_table_is_not_an_indicator() -> None:
    table = "\n".join(T.join(r) for r in [
        ("No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)"),
        ("1", "Jumlah desa tertib administrasi", "10", "9", "90,00"),
        ("2", "Jumlah kader terlatih", "40", "40", "100,00"),
        ("", "Jumlah", "50", "49", "98,00"),
    ])
    text = ("LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2024\n\nTabel 3.1 Pengukuran Kinerja\n\n"
            + table + "\n\nDemikian.\n")
    ctx = context(text)
    names = [r.name for r in ctx.tables.rows("3.1", indicators_only=True)]
    assert names == ["Jumlah desa tertib administrasi", "Jumlah kader terlatih"]
    assert [r.kind for r in ctx.tables.rows("3.1", all_rows=True)] == ["indicator", "indicator",
                                                                       "total"]


PK = "\n".join(T.join(r) for r in [
    ("No", "Sasaran Strategis", "Indikator Kinerja", "Target"),
    ("1", "Meningkatnya kualitas layanan", "Indeks Kepuasan Masyarakat", "82"),
    ("2", "Meningkatnya kualitas layanan", "Persentase pengaduan selesai", "90%"),
    ("3", "Meningkatnya akuntabilitas", "Nilai SAKIP", "70"),
])


def test_pk_printed_twice_counts_once() -> None:
    body = ("LAPORAN KINERJA DINAS CONTOH TAHUN 2024\n\nBAB II PERENCANAAN KINERJA\n\n"
            "Perjanjian Kinerja Tahun 2024\n\n" + PK + "\n\nBAB III AKUNTABILITAS KINERJA\n\n"
            "Pada tahun 2024 kinerja diukur dengan {n} indikator kinerja.\n\n"
            "LAMPIRAN\n\nPerjanjian Kinerja Tahun 2024\n\n" + PK + "\n\nDemikian.\n")
    ctx = context(body.format(n=3))
    assert len(ctx.tables.rows("PK")) == 3
    assert len(ctx.tables.rows("PK", copies=True)) == 6
    assert check("CN101", body.format(n=3)) == []
    issues = check("CN101", body.format(n=6))
    assert len(issues) == 1 and "3 indikator" in issues[0].message


# --------------------------------------------------------------------------- hierarchy helpers
@pytest.mark.parametrize(("text", "depth"), [
    ("1", 1), ("1.", 1), ("1.2", 2), ("1.2.3", 3), ("7.01.02", 3), ("II", 1), ("(3)", 1),
    ("Program", None), ("2024 ribu", None),
])
def test_numbering_depth(text: str, depth: int | None) -> None:
    assert numbering_depth(text) == depth


@pytest.mark.parametrize(("text", "total"), [
    ("JUMLAH", True), ("Total Belanja", True), ("Sub Total", True), ("Rata-rata", True),
    ("Rerata capaian", True), ("Jumlahnya", False), ("Indeks Kepuasan", False),
])
def test_total_labels(text: str, total: bool) -> None:
    assert is_total_label(text) is total


def test_header_paths_expand_spans() -> None:
    rows = [[("No", 1), ("Indikator", 1), ("Realisasi", 2), ("", 1), ("Target", 2), ("", 1)],
            [("", 1), ("", 1), ("2022", 1), ("2023", 1), ("Renstra 2026", 1), ("2024", 1)]]
    assert header_paths(rows) == ["No", "Indikator", "Realisasi / 2022", "Realisasi / 2023",
                                  "Target / Renstra 2026", "Target / 2024"]


# --------------------------------------------------------------------------- DOCX merged headers
def _merged_docx(path: Path, pk_target: str) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("LAPORAN KINERJA BADAN PERENCANAAN KOTA CONTOH TAHUN 2025")
    d.add_paragraph("Tabel 2.3 Target Kinerja Renstra 2022-2026")
    t = d.add_table(rows=4, cols=7)
    head = ["No", "Indikator Kinerja", "Target", "", "", "", "Kondisi Akhir"]
    for i, h in enumerate(head):
        t.cell(0, i).text = h
    for i, y in enumerate(["2022", "2023", "2024", "2025"]):
        t.cell(1, 2 + i).text = y
    # a 7-column grid: Target spans four year columns ... kondisi akhir is vertically merged
    t.cell(0, 2).merge(t.cell(0, 5))
    t.cell(0, 0).merge(t.cell(1, 0))
    t.cell(0, 1).merge(t.cell(1, 1))
    t.cell(0, 6).merge(t.cell(1, 6))
    rows = [("1", "Indeks Kepuasan Masyarakat", "76", "78", "80", "82", "85"),
            ("2", "Persentase dokumen perencanaan tepat waktu", "90", "92", "95", "97", "100")]
    for r, vals in enumerate(rows, start=2):
        for c, v in enumerate(vals):
            t.cell(r, c).text = v
    d.add_paragraph("Perjanjian Kinerja Tahun 2025")
    p = d.add_table(rows=3, cols=3)
    for c, v in enumerate(("No", "Indikator Kinerja", "Target")):
        p.cell(0, c).text = v
    for c, v in enumerate(("1", "Indeks Kepuasan Masyarakat", pk_target)):
        p.cell(1, c).text = v
    for c, v in enumerate(("2", "Persentase dokumen perencanaan tepat waktu", "97")):
        p.cell(2, c).text = v
    d.add_paragraph("Demikian.")
    d.save(str(path))


def test_docx_merged_header_columns_and_pk_against_renstra(tmp_path: Path) -> None:
    from drafter.document.readers import read_document

    good = tmp_path / "baik.docx"
    _merged_docx(good, "82")
    doc = read_document(good)
    ctx = context(doc)
    renstra = doc.tables()[0]
    assert ctx.tables.role_of(renstra) == "renstra"
    cols = ctx.tables.info[renstra.index].columns
    assert {k: cols[k] for k in ("target:2022", "target:2025")} == {"target:2022": 2,
                                                                   "target:2025": 5}
    row = ctx.tables.rows("renstra")[0]
    assert row.values["target:2025"].text == "82"
    assert check("XT102", doc) == []
    bad = tmp_path / "salah.docx"
    _merged_docx(bad, "85")
    issues = check("XT102", read_document(bad))
    assert len(issues) == 1 and issues[0].expected == "85"


def test_grid_table_cells_keep_positions() -> None:
    text = _md(PIPE_VARIANTS["grid"])
    doc = parse_text(text, "laporan.md")
    (tb,) = doc.tables()
    assert tb.rows[0].is_header and not tb.rows[1].is_header
    cell = tb.rows[1].cells[0]
    lines = text.split("\n")
    first = cell.locate(0, len("Persentase"))
    assert lines[first.line - 1][first.column - 1:first.end_column - 1] == "Persentase"
    last = cell.locate(len(cell.text) - len("tertata"), len(cell.text))
    assert lines[last.line - 1][last.column - 1:last.end_column - 1] == "tertata"
    assert last.line == first.line + 1


def test_side_by_side_headers_one_space_apart_are_split() -> None:
    text = ("Tabel 7 Perbandingan Realisasi Kinerja Tahun 2023 dan 2024\n\n"
            "No  Indikator Kinerja            Realisasi Realisasi   Capaian\n"
            "                                      2023      2024\n"
            "1   Indeks Kepuasan Masyarakat        80,5      82,5     102,48\n"
            "2   Nilai SAKIP                       61,2      63,0     102,94\n"
            "3   Persentase aduan selesai          90        95       105,56\n")
    (t,) = find_flat_tables(text.split("\n"))
    assert t.rows[0].texts() == ["No", "Indikator Kinerja", "Realisasi", "Realisasi", "Capaian"]
    assert t.rows[1].texts() == ["", "", "2023", "2024", ""]
    ctx = context(text)
    (tb,) = ctx.document.tables()
    cols = ctx.tables.info[tb.index].columns
    assert cols["realisasi:2023"] == 2 and cols["realisasi:2024"] == 3


def test_flat_tables_end_at_a_caption_and_skip_continued_captions() -> None:
    text = ("Tabel 3.1\nPengukuran\n\n"
            "No   Indikator                      Target   Realisasi   Capaian\n"
            "1    Persentase pengaduan selesai       90        85       94,44\n"
            "2    Indeks kepuasan                    80        82      102,50\n\n"
            "Tabel 3.2\nPerbandingan Tahun Lalu\n\n"
            "No   Indikator                      Realisasi 2023   Realisasi 2024\n"
            "1    Persentase pengaduan selesai             80               85\n"
            "2    Indeks kepuasan                          81               82\n"
            "                         Tabel 3.2 (lanjutan)\n"
            "3    Nilai SAKIP                              60               65\n")
    first, second = find_flat_tables(text.split("\n"))
    assert len(first.rows) == 3 and first.last_line == 6
    assert [r.texts()[1] for r in second.rows] == ["Indikator", "Persentase pengaduan selesai",
                                                   "Indeks kepuasan", "Nilai SAKIP"]
    assert second.skipped == [14]
    doc = parse_text(text, "<uji>")
    assert [b.caption.split()[1] for b in doc.tables() if b.caption] == ["3.1", "3.2"]


def test_grade_conversion_table_is_not_read_as_the_capaian_scale() -> None:
    conv = "\n".join(T.join(r) for r in [
        ("No", "Nilai Angka", "Nilai Huruf", "Predikat"),
        ("1", "90 - 100", "AA", "Sangat Memuaskan"),
        ("2", "80 - 90", "A", "Memuaskan"),
        ("3", "70 - 80", "BB", "Sangat Baik"),
        ("4", "60 - 70", "B", "Baik"),
        ("5", "50 - 60", "CC", "Cukup"),
        ("6", "30 - 50", "C", "Kurang"),
        ("7", "0 - 30", "D", "Sangat Kurang"),
    ])
    text = ("LAPORAN KINERJA BADAN CONTOH TAHUN 2024\n\nTabel 2.4\nKonversi Nilai Evaluasi SAKIP\n\n"
            + conv + "\n\nDemikian.\n")
    assert context(text).info.scale_source == "default"
    as_scale = text.replace("Konversi Nilai Evaluasi SAKIP", "Kriteria Capaian Kinerja").replace(
        "Nilai Angka", "Rentang Capaian").replace("Nilai Huruf", "Kode")
    assert context(as_scale).info.scale_source == "document"


def test_table_of_contents_with_space_leaders_is_not_a_table() -> None:
    toc = ("DAFTAR ISI\n\nKATA PENGANTAR                                  i\n"
           "DAFTAR ISI                                      ii\n"
           "IKHTISAR EKSEKUTIF                              iii\n"
           "A. Latar Belakang                               1\n"
           "B. Tugas Pokok dan Fungsi                       2\n"
           "C. Struktur Organisasi                          4\n"
           "D. Isu Strategis                                7\n")
    assert find_flat_tables(toc.split("\n")) == []


def test_key_value_lines_are_not_a_table() -> None:
    text = ("Nama Instansi        :   Dinas Pangan\nAlamat               :   Jl. Merdeka 12\n"
            "Kode Pos             :   68100\nTelepon              :   0331 421234\n"
            "Jumlah Pegawai       :   45\n")
    assert find_flat_tables(text.split("\n")) == []


FLAT_PK = 'LAPORAN KINERJA KECAMATAN SUKA DAMAI KOTA CONTOH TAHUN 2024\n\nBAB II PERENCANAAN KINERJA\n\nPerjanjian Kinerja Tahun 2024\n\nNo   Sasaran Strategis              Indikator Kinerja                  Target\n1    Meningkatnya kualitas          Indeks Kepuasan Masyarakat          82\n     pelayanan publik\n2    Meningkatnya kualitas          Persentase pengaduan yang           90 %\n     pelayanan publik               diselesaikan\n3    Meningkatnya akuntabilitas     Nilai SAKIP                         70\n\nBAB III AKUNTABILITAS KINERJA\n\nTabel 3.1\nPengukuran Kinerja Tahun 2024\n\nNo   Indikator Kinerja                      Target    Realisasi    Capaian (%)\n1    Indeks Kepuasan Masyarakat                 82        84          102,44\n2    Persentase pengaduan yang                 90 %      81 %          90,00\n     diselesaikan\n3    Nilai SAKIP                                70        63           90,00\n\nDemikian.\n'


def test_flat_pk_against_flat_measurement_table() -> None:
    ctx = context(FLAT_PK)
    assert [ctx.tables.role_of(b) for b in ctx.document.tables()] == ["PK", "3.1"]
    pk = ctx.tables.rows("PK")
    assert [r.name for r in pk] == ["Indeks Kepuasan Masyarakat",
                                    "Persentase pengaduan yang diselesaikan", "Nilai SAKIP"]
    assert pk[1].sasaran == "Meningkatnya kualitas pelayanan publik"
    assert check("XT101", FLAT_PK) == []
    bad = FLAT_PK.replace("Indeks Kepuasan Masyarakat                 82 ",
                          "Indeks Kepuasan Masyarakat                 85 ").replace(
        "        84          102,44", "        84           98,82")
    issues = check("XT101", bad)
    assert len(issues) == 1 and issues[0].expected == "82"


@pytest.mark.parametrize("text", [FLAT, BUDGET_FLAT, FLAT_PK])
def test_every_flat_cell_piece_points_at_its_source(text: str) -> None:
    lines = text.split("\n")
    n = 0
    for t in find_flat_tables(lines):
        for row in t.rows:
            for cell in row.cells:
                if not cell.text:
                    continue
                bounds = [s[0] for s in cell.segments] + [len(cell.text) + 1]
                for (start, line, col), nxt in zip(cell.segments, bounds[1:], strict=True):
                    piece = cell.text[start:nxt - 1] if nxt <= len(cell.text) else cell.text[start:]
                    assert lines[line - 1][col - 1:col - 1 + len(piece)] == piece
                    n += 1
    assert n > 20


def test_currency_and_percent_spaced_from_their_number_stay_in_one_cell() -> None:
    text = ("Tabel 3.8 Realisasi Anggaran\n\n"
            "No   Program                          Pagu                   Realisasi          %\n"
            "1    Penunjang Urusan       Rp    500.000.000    Rp    450.000.000    90,00   %\n"
            "2    Pelayanan Publik       Rp    300.000.000    Rp    240.000.000    80,00   %\n"
            "     Jumlah                 Rp    800.000.000    Rp    690.000.000    86,25   %\n")
    (t,) = find_flat_tables(text.split("\n"))
    assert len(t.columns) == 5
    assert t.rows[1].texts() == ["1", "Penunjang Urusan", "Rp 500.000.000", "Rp 450.000.000",
                                 "90,00 %"]
    assert check("XT110", text) == [] and check("AR102", text) == []
    bad = text.replace("Rp    690.000.000", "Rp    700.000.000")
    issues = check("XT110", bad)
    assert len(issues) == 1 and issues[0].expected == "690.000.000"
    loc = issues[0].location
    assert bad.split("\n")[loc.line - 1][loc.column - 1:loc.end_column - 1] == "Rp    700.000.000"


def test_vertically_centred_names_go_with_their_row() -> None:
    text = ("Tabel 5 Capaian Kinerja\n\n"
            "No   Indikator Kinerja            Target   Realisasi   Capaian\n"
            "     Persentase pengaduan\n"
            "1    masyarakat yang                 90         85       94,44\n"
            "     diselesaikan\n"
            "     Indeks Kepuasan\n"
            "2    masyarakat                      80         84      105,00\n"
            "3    Nilai SAKIP                     70         63       90,00\n")
    (t,) = find_flat_tables(text.split("\n"))
    assert t.rows[0].texts() == ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]
    assert [r.texts()[1] for r in t.rows[1:]] == [
        "Persentase pengaduan masyarakat yang diselesaikan", "Indeks Kepuasan masyarakat",
        "Nilai SAKIP"]
    assert t.rows[1].line == 4
    # top-aligned names (the usual layout) are left alone
    assert [r.texts()[1] for r in find_flat_tables(FLAT.split("\n"))[0].rows[2:5]] == [
        "Persentase surat keterangan yang selesai tepat waktu", "Indeks Kepuasan Masyarakat",
        "Persentase rekomendasi pengawasan ditindaklanjuti"]


# --------------------------------------------------------------------------- a whole flattened report
KOTA_FLAT = '                 LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)\n                       KECAMATAN SUKA MAKMUR KOTA CONTOH\n                                  TAHUN 2023\n\nBAB I PENDAHULUAN\n\nKecamatan Suka Makmur merupakan perangkat daerah Kota Contoh yang dipimpin oleh seorang Camat.\nJumlah pegawai Kecamatan Suka Makmur pada akhir tahun 2023 sebanyak 24 orang.\n\nTabel 1.1\nJumlah Pegawai Menurut Golongan\n\nNo    Golongan                     Laki-laki     Perempuan     Jumlah\n1     Golongan IV                          2             1          3\n2     Golongan III                         6             7         13\n3     Golongan II                          4             2          6\n4     Golongan I                           1             1          2\n      Jumlah                              13            11         24\n\nLKjIP Kecamatan Suka Makmur Tahun 2023\n                                   - 3 -\n\nBAB II PERENCANAAN KINERJA\n\nPerjanjian Kinerja Tahun 2023 memuat tiga indikator kinerja sebagai berikut.\n\nTabel 2.1\nPerjanjian Kinerja Tahun 2023\n\nNo   Sasaran Strategis                 Indikator Kinerja                    Target\n1    Meningkatnya kualitas             Indeks Kepuasan Masyarakat            82\n     pelayanan publik\n2    Meningkatnya kualitas             Persentase pengaduan yang             90 %\n     pelayanan publik                  diselesaikan\n3    Meningkatnya ketenteraman         Persentase penegakan Perda            85 %\n\nBAB III AKUNTABILITAS KINERJA\n\nTabel 3.1\nSkala Nilai Peringkat Kinerja\n\nNo    Interval Nilai Capaian       Kategori\n1     91 - 100                     Sangat Tinggi\n2     76 - 90                      Tinggi\n3     66 - 75                      Sedang\n4     51 - 65                      Rendah\n5     < 50                         Sangat Rendah\n\nTabel 3.2\nPengukuran Kinerja Tahun 2023\n\nNo   Indikator Kinerja                       Target    Realisasi    Capaian (%)\n1    Indeks Kepuasan Masyarakat                  82         84          102,44\n2    Persentase pengaduan yang                  90 %       81 %          90,00\n     diselesaikan\n3    Persentase penegakan Perda                 85 %       85 %         100,00\n     Rata-rata                                                          97,48\n\nLKjIP Kecamatan Suka Makmur Tahun 2023\n                                   - 9 -\n\nTabel 3.2 (lanjutan)\n\nRata-rata capaian kinerja tahun 2023 sebesar 97,48% dengan kategori Sangat Tinggi.\n\nTabel 3.3\nRealisasi Anggaran per Program Tahun 2023\n\nNo        Program / Kegiatan                          Pagu (Rp)      Realisasi (Rp)       %\n1         Penunjang Urusan Pemerintahan           1.200.000.000       1.080.000.000   90,00\n1.1       Administrasi Keuangan                   1.000.000.000         900.000.000   90,00\n1.2       Administrasi Umum                         200.000.000         180.000.000   90,00\n2         Penyelenggaraan Pemerintahan              300.000.000         270.000.000   90,00\n          dan Pelayanan Publik\n2.1       Pelayanan Administrasi Terpadu            300.000.000         270.000.000   90,00\n          Jumlah                                  1.500.000.000       1.350.000.000   90,00\n\nRealisasi anggaran tahun 2023 sebesar Rp 1.350.000.000 atau 90,00% dari pagu Rp 1.500.000.000.\n\nLKjIP Kecamatan Suka Makmur Tahun 2023\n'

KOTA_DEFECTS = [
    # (rule, old text, new text, expected value)
    ("XT110", "11         24\n", "11         25\n", "24"),
    ("XT101", "Indeks Kepuasan Masyarakat                  82         84",
     "Indeks Kepuasan Masyarakat                  80         84", "82"),
    ("AR101", "85 %       85 %         100,00", "85 %       80 %         100,00", "94,12%"),
    ("AR103", "1.2       Administrasi Umum                         200.000.000",
     "1.2       Administrasi Umum                         250.000.000", "1.250.000.000"),
]
KOTA_RULES = ("XT110", "XT101", "AR101", "AR102", "AR103", "AR104", "CN101", "XT105")


def test_whole_flattened_report_is_clean() -> None:
    ctx = context(KOTA_FLAT)
    roles = [ctx.tables.role_of(b) for b in ctx.document.tables()]
    assert roles == [None, "PK", "scale", "3.1", "3.8"]
    for code in KOTA_RULES:
        assert check(code, KOTA_FLAT) == [], code


@pytest.mark.parametrize(("code", "old", "new", "expected"), KOTA_DEFECTS)
def test_whole_flattened_report_injected_defects(code: str, old: str, new: str,
                                                 expected: str) -> None:
    assert KOTA_FLAT.count(old) == 1
    bad = KOTA_FLAT.replace(old, new)
    issues = check(code, bad)
    assert [i.expected for i in issues] == [expected]


INDENTED = 'Tabel 12 Realisasi Anggaran Tahun 2024\n\nUraian                                          Anggaran (Rp)      Realisasi (Rp)\nPenunjang Urusan Pemerintahan                   1.200.000.000       1.080.000.000\n   Administrasi Keuangan                        1.000.000.000         900.000.000\n   Administrasi Umum                              200.000.000         180.000.000\nPelayanan Publik                                  300.000.000         270.000.000\n   Pelayanan Administrasi Terpadu                 300.000.000         270.000.000\nJumlah                                          1.500.000.000       1.350.000.000\n'


def test_indentation_gives_the_budget_hierarchy() -> None:
    ctx = context(INDENTED)
    assert [r.level for r in ctx.tables.budget("3.8")] == [
        "program", "kegiatan", "kegiatan", "program", "kegiatan", "total"]
    assert check("AR103", INDENTED) == []
    bad = INDENTED.replace("   Administrasi Umum                              200.000.000",
                           "   Administrasi Umum                              300.000.000")
    issues = check("AR103", bad)
    assert [i.expected for i in issues] == ["1.300.000.000"]


def test_pandoc_simple_table_with_dashed_underline() -> None:
    table = ("  Indikator                      Target   Realisasi   Capaian\n"
             "  ----------------------------- -------- ----------- ---------\n"
             "  Indeks Kepuasan Masyarakat         80          84    105,00\n"
             "  Nilai SAKIP                        70          63     90,00\n"
             "  Persentase aduan selesai           90          81     90,00\n")
    text = _md(table)
    (tb,) = parse_text(text, "laporan.md").tables()
    assert [r.texts() for r in tb.rows][:2] == [["Indikator", "Target", "Realisasi", "Capaian"],
                                               ["Indeks Kepuasan Masyarakat", "80", "84", "105,00"]]
    assert tb.rows[0].is_header and not tb.rows[1].is_header
    assert check("AR101", text) == []
    issues = check("AR101", text.replace("84    105,00", "84    108,00"))
    assert [i.expected for i in issues] == ["105%"]


def test_flat_table_right_under_its_caption() -> None:
    text = ("Tabel 3.1\nPengukuran Kinerja\n"
            "No   Indikator                      Target   Realisasi   Capaian\n"
            "1    Persentase pengaduan selesai       90        85       94,44\n"
            "2    Indeks kepuasan                    80        82      102,50\n")
    doc = parse_text(text, "<uji>")
    (tb,) = doc.tables()
    assert tb.caption == "Tabel 3.1 Pengukuran Kinerja"
    assert len(tb.rows) == 3



def test_justified_prose_around_a_flat_table_stays_prose() -> None:
    text = 'Capaian  kinerja  Kecamatan  pada  tahun  2024  disajikan  dalam  tabel  berikut  ini  dengan  rinci:\nNo   Indikator                      Target   Realisasi   Capaian\n1    Persentase pengaduan selesai       90        85       94,44\n2    Indeks kepuasan                    80        82      102,50\n3    Nilai SAKIP                        70        63       90,00\nBerdasarkan  tabel  di  atas,  seluruh  indikator  telah  mencapai  target  yang  ditetapkan.\nHal  ini  menunjukkan  kinerja  yang  baik  dari  seluruh  aparatur  kecamatan  tahun  ini.\n'
    (t,) = find_flat_tables(text.split("\n"))
    assert (t.first_line, t.last_line) == (2, 5)
    doc = parse_text(text, "<uji>")
    prose = " ".join(b.text for b in doc.prose())
    assert "disajikan dalam tabel" in prose and "telah mencapai target" in prose



ROMAN_LETTERS = 'Tabel 3.8 Realisasi Anggaran\n\nNo\tUraian\tPagu\tRealisasi\t%\nI\tPenunjang Urusan Pemerintahan\t1.200.000\t1.080.000\t90,00\n1\tAdministrasi Keuangan\t1.000.000\t900.000\t90,00\na.\tGaji dan Tunjangan\t800.000\t720.000\t90,00\nb.\tPenatausahaan\t200.000\t180.000\t90,00\n2\tAdministrasi Umum\t200.000\t180.000\t90,00\nII\tPelayanan Publik\t300.000\t270.000\t90,00\n1\tPelayanan Terpadu\t300.000\t270.000\t90,00\n\tJumlah\t1.500.000\t1.350.000\t90,00\n'


def test_roman_number_letter_numbering_gives_three_levels() -> None:
    ctx = context(ROMAN_LETTERS)
    assert [r.level for r in ctx.tables.budget("3.8")] == [
        "program", "kegiatan", "sub_kegiatan", "sub_kegiatan", "kegiatan", "program", "kegiatan",
        "total"]
    assert check("AR103", ROMAN_LETTERS) == [] and check("XT110", ROMAN_LETTERS) == []
    bad = ROMAN_LETTERS.replace("b.\tPenatausahaan\t200.000", "b.\tPenatausahaan\t250.000")
    assert [i.expected for i in check("AR103", bad)] == ["1.050.000"]



def test_header_word_on_the_line_above_the_first_gapped_line() -> None:
    text = 'Tabel 3.1\nPengukuran Kinerja Tahun 2024\n\n                                                          Capaian\nNo   Indikator Kinerja              Target    Realisasi      (%)\n1    Persentase surat selesai          95          90       94,74\n2    Indeks Kepuasan Masyarakat        80          84      105,00\n3    Nilai SAKIP                       70          63       90,00\n'
    (t,) = find_flat_tables(text.split("\n"))
    assert t.first_line == 4 and t.rows[0].texts()[-1] == "Capaian"
    ctx = context(text)
    (tb,) = ctx.document.tables()
    assert tb.caption == "Tabel 3.1 Pengukuran Kinerja Tahun 2024"
    assert ctx.tables.info[tb.index].columns["capaian"] == 4
    assert [i.expected for i in check("AR101", text.replace("94,74", "96,74"))] == ["94,74%"]


def test_rerata_row_is_the_average_row() -> None:
    text = _tab_report(MEASURE.replace("\tRata-rata\t", "\tRerata capaian\t"))
    ctx = context(text)
    avg = ctx.tables.average_row("3.1")
    assert avg is not None and avg.values["capaian"].text == "97,06"
    assert len(check("AR104", text.replace("97,06", "99,06"))) == 1


def test_table_total_covers_the_part_after_a_page_break() -> None:
    part1 = "\n".join(T.join(r) for r in [("No", "Jabatan", "Jumlah"), ("1", "Camat", "1"),
                                            ("2", "Sekretaris", "1"), ("3", "Kepala Seksi", "4")])
    part2 = "\n".join(T.join(r) for r in [("4", "Staf Pelaksana", "9"), ("5", "Bendahara", "1"),
                                            ("", "Jumlah", "16")])
    text = ("Tabel 1.1 Pegawai menurut Jabatan\n\n" + part1 + "\n\n12\n\n" + part2 +
            "\n\nDemikian.\n")
    doc = parse_text(text, "<uji>")
    assert len(doc.tables()) == 2
    assert check("XT110", doc) == []
    issues = check("XT110", text.replace("Jumlah\t16", "Jumlah\t17"))
    assert [i.expected for i in issues] == ["16"]


def flatten(text: str) -> str:
    out = flatten_tab_tables(text)
    assert out.count("\n") == text.count("\n")  # line numbers kept
    return out


@pytest.mark.parametrize(("code", "old", "new"), [
    ("AR101", "94,12", "96,12"),
    ("AR104", "97,06", "99,06"),
])
def test_tab_report_flattened_keeps_roles_and_findings(code: str, old: str, new: str) -> None:
    text = _tab_report(MEASURE)
    flat = flatten(text)
    assert "\t" not in flat
    ctx = context(flat)
    assert [ctx.tables.role_of(b) for b in ctx.document.tables()] == ["scale", "3.1"]
    assert check(code, flat) == []
    tab_issues = check(code, text.replace(old, new))
    flat_issues = check(code, flatten(text.replace(old, new)))
    assert len(flat_issues) == len(tab_issues) == 1
    assert flat_issues[0].expected == tab_issues[0].expected
    assert flat_issues[0].location.line == tab_issues[0].location.line


def test_a_wrapped_cell_repeated_in_rows_is_not_a_running_header() -> None:
    text = ("No   Sasaran                     Indikator                      Target\n"
            "1    Meningkatnya kualitas       Indeks Kepuasan Masyarakat         82\n"
            "     pelayanan publik\n"
            "2    Meningkatnya kualitas       Persentase aduan selesai           90\n"
            "     pelayanan publik\n"
            "3    Meningkatnya kualitas       Persentase izin tepat waktu        95\n"
            "     pelayanan publik\n")
    (t,) = find_flat_tables(text.split("\n"))
    assert [r.texts()[1] for r in t.rows[1:]] == ["Meningkatnya kualitas pelayanan publik"] * 3


# a tick table: each row marks one predicate column; most label columns stay empty in every
# body row, and the header is printed again after a page break
TICKS = """\
Tabel 3.4 Ringkasan Predikat Capaian Tahun 2025

Indikator Kinerja         Capaian  Istimewa  Baik Sekali  Baik  Sedang  Rendah
Rasio pengaduan selesai   112%     v
tepat waktu
Persentase arsip          97%                v
Skor survei integritas    88%                             v

                                 - 12 -

Indikator Kinerja         Capaian  Istimewa  Baik Sekali  Baik  Sedang  Rendah
Nilai reformasi           89%                             v
birokrasi
Indeks layanan digital    104%     v

Uraian berikutnya menjelaskan setiap indikator.
"""


def test_flat_tick_table_reads_marks_in_their_own_label_column() -> None:
    (table,) = find_flat_tables(TICKS.split("\n"))
    header = [r for r in table.rows if r.header]
    assert len(header) == 1  # the header repeated after the page break is no second header row
    assert header[0].texts()[2:] == ["Istimewa", "Baik Sekali", "Baik", "Sedang", "Rendah"]
    body = [r.texts() for r in table.rows if not r.header]
    assert [row.index("v") for row in body] == [2, 3, 4, 4, 2]
    # a second mark under a label that no other row ticks lands in that label's column
    bad = TICKS.replace("88%                             v",
                        "88%                             v              v")
    (table,) = find_flat_tables(bad.split("\n"))
    row = next(r.texts() for r in table.rows if r.texts()[0].startswith("Skor"))
    assert row[4:] == ["v", "", "v"]


BUDGET_WRAPS = """\
Tabel 4 Realisasi Belanja per Program Tahun 2025

No   Uraian                      Anggaran       Realisasi
A    Program: Pelayanan          40.000.000     38.000.000
     Kesehatan Masyarakat
1    Kegiatan: Penyediaan        25.000.000     24.000.000
     Kegiatan Imunisasi Dasar
2    Kegiatan: Pengendalian      15.000.000     14.000.000
     Penyakit Menular dan
     Penyakit Tidak Menular
     di Puskesmas Pembantu
     serta Pos Kesehatan
     Desa di Seluruh Wilayah
     Kecamatan
B    Program: Penunjang          10.000.000     9.000.000
     Urusan Pemerintahan
     JUMLAH                      50.000.000     47.000.000

Penjelasan realisasi diuraikan di bawah.
"""


def test_flat_long_wrapped_cell_and_wrapped_row_word_stay_in_their_row() -> None:
    tables = find_flat_tables(BUDGET_WRAPS.split("\n"))
    assert len(tables) == 1  # a cell wrapped over seven lines does not end the table
    labels = [r.texts()[1] for r in tables[0].rows if not r.header]
    assert labels[1] == "Kegiatan: Penyediaan Kegiatan Imunisasi Dasar"  # a wrapped word
    assert labels[2].endswith("di Seluruh Wilayah Kecamatan")
    assert labels[3].startswith("Program: Penunjang") and labels[4] == "JUMLAH"
    assert len(labels) == 5


OUTPUT_WRAPS = """\
Tabel 3.6 Program dan Kegiatan Pendukung Tahun 2025

No   Uraian                      Indikator                   Target  Realisasi  Pagu (Rp)
1    Kegiatan: Pembinaan         Jumlah sekolah yang         12      12         80.000.000
     Kegiatan Literasi Sekolah   dibina
1.1  Sub Kegiatan: Pelatihan     Persentase guru terlatih    90%     92%        30.000.000
     Guru Pendamping             kegiatan literasi
     Literasi Daerah
1.2  Sub Kegiatan: Penyediaan    Jumlah sudut baca           20      20         50.000.000
     Bahan Bacaan Anak           yang tersedia
     Literasi Daerah

Tabel 3.7 Realisasi Anggaran Tahun 2025

No   Uraian                      Pagu (Rp)      Realisasi (Rp)
1    Kegiatan: Pembinaan         80.000.000     76.000.000
     Literasi Daerah
2    Kegiatan: Penguatan         40.000.000     39.000.000
     Literasi Daerah

Uraian realisasi dijelaskan berikut ini.
"""


def test_wrapped_row_word_over_two_columns_and_indicator_starting_with_kegiatan() -> None:
    first, second = find_flat_tables(OUTPUT_WRAPS.split("\n"))
    rows = [r.texts() for r in first.rows if not r.header]
    assert len(rows) == 3  # "Kegiatan Literasi Sekolah | dibina" continues the row above
    assert rows[0][1] == "Kegiatan: Pembinaan Kegiatan Literasi Sekolah"
    assert rows[0][2] == "Jumlah sekolah yang dibina"
    # an indicator text that starts with "kegiatan" opens no row of its own
    assert rows[1][1] == "Sub Kegiatan: Pelatihan Guru Pendamping Literasi Daerah"
    assert rows[1][2] == "Persentase guru terlatih kegiatan literasi"
    # a wrapped line repeated at the end of rows (a blank line after the table) is no running
    # header: it stays in its cells
    labels = [r.texts()[1] for r in second.rows if not r.header]
    assert labels == ["Kegiatan: Pembinaan Literasi Daerah", "Kegiatan: Penguatan Literasi Daerah"]


def test_numbered_section_heading_ends_a_flat_table() -> None:
    text = (
        "No  Sasaran                 Indikator                       Satuan   Target\n"
        "1   Pelayanan publik        Indeks Kepuasan Masyarakat      indeks   82,00\n"
        "2   Ketertiban umum         Jumlah gangguan trantibum       kejadian 40\n"
        "\n"
        "2.3  Skala Penilaian\n"
        "     Capaian indikator positif = (realisasi : target) x 100%. Untuk indikator\n"
        "negatif digunakan rumus lain.\n"
    )
    tables = find_flat_tables(text.split("\n"))
    assert len(tables) == 1
    assert tables[0].last_line <= 3  # the heading (line 5) and the prose after it are no rows


def test_html_caption_becomes_the_table_caption() -> None:
    doc = parse_text("<table><caption>Tabel 3-2 Perbandingan Realisasi</caption>"
                     "<tr><th>Indikator</th><th>2023</th></tr><tr><td>IKM</td><td>82</td></tr></table>\n")
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert tables and tables[0].caption == "Tabel 3-2 Perbandingan Realisasi"


def test_flat_row_with_name_one_space_from_its_value_keeps_the_columns() -> None:
    # one long name one space from its first value fuses two columns only in its own row
    lines = [
        "No  Uraian                                   Target   Realisasi",
        "1   Cakupan imunisasi dasar lengkap          95       93,10",
        "2   Persentase balita gizi buruk dirawat (%) 100      100",
        "3   Persentase ibu hamil KEK mendapat PMT    80       76,40",
        "4   Cakupan pelayanan kesehatan lansia       70       74,20",
    ]
    (t,) = find_flat_tables(lines)
    assert len(t.columns) == 4
    row = next(r for r in t.rows if r.cells[0].text == "2")
    assert [c.text for c in row.cells] == ["2", "Persentase balita gizi buruk dirawat (%)", "100", "100"]
    # a name with words in the gutter but no value after it stays one cell
    lines[2] = "2   Persentase balita gizi buruk yang dirawat di RS"
    (t,) = find_flat_tables(lines)
    assert len(t.columns) == 4


def test_flat_amount_one_space_after_a_wrapped_name_is_cut_into_its_column() -> None:
    # a budget table of flattened text: names wrap onto a second line and one row leaves a
    # single space before its pagu, printed one place right of the other rows' pagu
    lines = [
        " Program / Kegiatan              Pagu (Rp)     Realisasi (Rp)       %",
        " PROGRAM PELAYANAN UMUM      1.500.000.000      1.450.000.000   96,67",
        " KANTOR",
        "  - Administrasi Umum          200.000.000        190.000.000   95,00",
        "  - Pelayanan Warga Kelurahan 1.300.000.000     1.260.000.000   96,92",
        "  - Penyediaan Jasa Kantor      10.000.000          9.000.000   90,00",
        "    Penunjang",
        " JUMLAH                      1.510.000.000      1.459.000.000   96,62",
    ]
    (t,) = find_flat_tables(lines)
    assert len(t.columns) == 4
    texts = [[c.text for c in r.cells] for r in t.rows]
    assert texts[0] == ["Program / Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "%"]
    assert ["- Pelayanan Warga Kelurahan", "1.300.000.000", "1.260.000.000", "96,92"] in texts
    assert ["JUMLAH", "1.510.000.000", "1.459.000.000", "96,62"] in texts
    assert ["PROGRAM PELAYANAN UMUM KANTOR", "1.500.000.000", "1.450.000.000", "96,67"] in texts
    # a number ending a long name, lying inside the amount column but not aligned in it, stays
    # with the name
    lines[4] = "  - Pembangunan Jalan Lingkungan RT 12          1.260.000.000   96,92"
    (t,) = find_flat_tables(lines)
    row = next(r for r in t.rows if r.cells[0].text.startswith("- Pembangunan"))
    assert row.cells[0].text.endswith("RT 12") and all(c.text != "12" for c in row.cells)


# a running header in two parts (the report's name, the region) between a table's pages, and a
# PK row whose sasaran wraps onto the line of the next indicator
FLAT_TWO_PART = """\
LAPORAN KINERJA KECAMATAN SUKA MAJU TAHUN 2024

Laporan Kinerja Kecamatan Suka Maju Tahun 2024          Kabupaten Contoh

Tabel 2.1 Perjanjian Kinerja Tahun 2024
 No  Sasaran              Indikator Kinerja                  Target
 1   Meningkatnya         Persentase pengaduan yang           90%
     mutu layanan         ditindaklanjuti
     publik dan           Jumlah titik sampah liar di          8 titik
     lingkungan           permukiman
 2   Meningkatnya         Indeks Kepuasan Masyarakat          85,00
     kepuasan warga

                                  12
Laporan Kinerja Kecamatan Suka Maju Tahun 2024          Kabupaten Contoh

 3   Tertibnya            Persentase dokumen tepat waktu      100%
     administrasi

Laporan Kinerja Kecamatan Suka Maju Tahun 2024          Kabupaten Contoh
"""


def test_flat_two_part_running_header_and_value_under_value() -> None:
    tables = find_flat_tables(FLAT_TWO_PART.split("\n"))
    assert len(tables) == 1
    rows = [r.texts() for r in tables[0].rows]
    names = [r[2] for r in rows[1:]]
    assert names == ["Persentase pengaduan yang ditindaklanjuti",
                     "Jumlah titik sampah liar di permukiman",
                     "Indeks Kepuasan Masyarakat", "Persentase dokumen tepat waktu"]
    assert [r[3] for r in rows[1:]] == ["90%", "8 titik", "85,00", "100%"]
    assert not any("Kabupaten" in c for r in rows for c in r)


def test_last_row_after_a_page_break_joins_its_table() -> None:
    """One row left for the next page, under the repeated header: read with its table."""
    head = "Sasaran/Indikator          Capaian (%)   Sangat Baik   Baik   Cukup"
    lines = [
        "Tabel 3.5 Ikhtisar Capaian Kinerja Tahun 2024",
        "",
        head,
        "Indikator 1: Indeks Uji    103,12%       ✓",
        "Indikator 2: Persentase    97,33%                      ✓",
        "Indikator 3: Jumlah Uji    100%          ✓",
        "",
        "                              - 3 -",
        "Laporan Kinerja Instansi Pemerintah Tahun 2024",
        "",
        head,
        "Indikator 4: Nilai Uji     106,07%       ✓                    ✓",
        "",
        "Berdasarkan tabel tersebut, rata-rata capaian indikator sebesar 101,63%.",
    ]
    tables = find_flat_tables(lines)
    assert len(tables) == 1
    names = [r.cells[0].text for r in tables[0].rows]
    assert any(n.startswith("Indikator 4") for n in names)


def test_flat_names_ending_where_right_aligned_amounts_begin_keep_two_columns() -> None:
    # the longest name of one row ends in the column where the widest amount of another row
    # begins: no blank gutter in any line, yet every row has its name and its amount apart
    def row(no: str, name: str, pagu: str = "", real: str = "") -> str:
        # the name from column 5, the amounts right-aligned to columns 56 and 73
        return (f" {no:<3} {name}".ljust(43) + f"{pagu:>13}{real:>17}").rstrip()

    lines = [
        " No  Program/Kegiatan                            Pagu (Rp)   Realisasi (Rp)",
        row("1", "Program Pelayanan Kependudukan", "1.210.500.000", "1.150.000.000"),
        row("", "Terpadu"),
        row("", "a. Pendataan Penduduk Rentan Miskin", "75.000.000", "70.125.000"),
        row("", "b. Pengelolaan Arsip Kependudukan Desa", "198.400.000", "191.200.000"),
        row("", "c. Pembinaan Administrasi", "1.037.100.000", "988.675.000"),
        row("", "Jumlah", "1.210.500.000", "1.150.000.000"),
    ]
    assert lines[4][42] != " " and lines[1][43] != " "  # no gutter column in any line
    (t,) = find_flat_tables(lines)
    assert len(t.columns) == 4
    body = [r for r in t.rows if not r.header]
    # the wrapped word goes with the program above, not with the item lettered "a."
    assert body[0].cells[1].text == "Program Pelayanan Kependudukan Terpadu"
    assert body[1].cells[1].text == "a. Pendataan Penduduk Rentan Miskin"
    assert [r.cells[2].text for r in body] == ["1.210.500.000", "75.000.000", "198.400.000",
                                               "1.037.100.000", "1.210.500.000"]


def test_flat_scale_rows_with_percent_ranges_stay_apart() -> None:
    # "90% - 100%" is a range cell: its line is a row of its own, not the wrap of the line above
    lines = [
        "Capaian                      Predikat",
        "> 100%                       Istimewa",
        "90% - 100%                   Sangat Baik",
        "80% - < 90%                  Baik",
        "< 80%                        Kurang",
    ]
    (t,) = find_flat_tables(lines)
    assert [r.texts() for r in t.rows if not r.header] == [
        ["> 100%", "Istimewa"], ["90% - 100%", "Sangat Baik"], ["80% - < 90%", "Baik"], ["< 80%", "Kurang"]]


def test_flat_unit_one_space_before_its_value_and_amounts_with_magnitude() -> None:
    # "Rp juta 850,25" under "Satuan    Target": the unit and the value are two columns
    (first,) = find_flat_tables([
        "No  Indikator Kinerja           Satuan    Target      Realisasi",
        "1   Persentase dokumen tepat    %         100         96,50",
        "2   Pendapatan retribusi        Rp juta 850,25      812,40",
        "3   Indeks kepuasan layanan     indeks    82,00       84,10",
    ])
    assert [r.texts() for r in first.rows if not r.header] == [
        ["1", "Persentase dokumen tepat", "%", "100", "96,50"],
        ["2", "Pendapatan retribusi", "Rp juta", "850,25", "812,40"],
        ["3", "Indeks kepuasan layanan", "indeks", "82,00", "84,10"]]
    # an amount written "Rp92,10 M" is a value: the line below a row with one opens a row
    (second,) = find_flat_tables([
        "No  Sasaran                Indikator Kinerja                         Target",
        "1   Meningkatnya           Pendapatan retribusi pasar                Rp92,10 M",
        "    pendapatan daerah      Rasio retribusi terhadap PAD              12,40%",
        "                           Tunggakan retribusi (polaritas negatif)   Rp12,50 M",
    ])
    assert [r.texts()[2:] for r in second.rows if not r.header] == [
        ["Pendapatan retribusi pasar", "Rp92,10 M"], ["Rasio retribusi terhadap PAD", "12,40%"],
        ["Tunggakan retribusi (polaritas negatif)", "Rp12,50 M"]]


def test_flat_cell_joins_a_word_hyphenated_over_two_lines() -> None:
    (t,) = find_flat_tables([
        "No  Indikator Kinerja              Target   Realisasi",
        "1   Persentase desa tertib admi-   100      83,33",
        "    nistrasi pemerintahan",
        "2   Persentase kader masing-       90       92",
        "    masing dusun terlatih",
    ])
    names = [r.texts()[1] for r in t.rows if not r.header]
    assert names == ["Persentase desa tertib administrasi pemerintahan",
                     "Persentase kader masing-masing dusun terlatih"]
