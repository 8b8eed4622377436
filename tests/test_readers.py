"""Readers: text, Markdown and DOCX into the document model, with exact positions."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from drafter.document import readers as readers_mod
from drafter.document.model import Block, Document, TextUnit
from drafter.document.readers import parse_text, read_document
from drafter.errors import DocumentError

# ---------------------------------------------------------------------------------------------
# helpers


def tables(doc: Document) -> list[Block]:
    return doc.tables()


def kinds(doc: Document) -> list[str]:
    return [b.kind for b in doc.blocks]


def body_texts(table: Block) -> list[list[str]]:
    return [r.texts() for r in table.body_rows()]


def assert_located(doc: Document, unit: TextUnit, needle: str) -> None:
    """``needle`` (a piece of the cleaned text on one source line) maps to exactly itself."""
    start = unit.text.index(needle)
    loc = unit.locate(start, start + len(needle))
    assert loc.line == loc.end_line, (needle, loc)
    line = doc.source_text.splitlines()[loc.line - 1]
    assert line[loc.column - 1: loc.end_column - 1] == needle, (needle, loc, line)


def assert_all_positions_exact(doc: Document) -> None:
    """Every non-space character of every unit is the character at its mapped position."""
    lines = doc.source_text.splitlines()
    for unit in doc.text_units():
        for i, ch in enumerate(unit.text):
            if ch == " " or ch in "&<>\"'":  # decoded entities map to the entity's '&'
                continue
            line, col = unit.position(i)
            assert lines[line - 1][col - 1] == ch, (unit.text, i, line, col)
        # and whole words through locate()
        for m in re.finditer(r"[^\s&<>\"']+", unit.text):
            word = m.group()
            loc = unit.locate(m.start(), m.end())
            if loc.line == loc.end_line:
                got = lines[loc.line - 1][loc.column - 1: loc.end_column - 1]
                if got == word:
                    continue
            # a word may span a stripped tag or marker: check char by char (done above)
            assert all(unit.position(k)[0] >= 1 for k in range(m.start(), m.end()))


# ---------------------------------------------------------------------------------------------
# tables

TAB_DOC = """BAB III
AKUNTABILITAS KINERJA

Tabel 3.1
Pengukuran Realisasi Kinerja Tahun 2023

NO\tSASARAN STRATEGIS\tINDIKATOR KINERJA\tTARGET 2023\tREALISASI 2023\tCAPAIAN 2023
(1)\t(2)\t(3)\t(4)\t(5)\t(6)
1.\tTerjaganya ketertiban umum\tPersentase penyelesaian laporan\t100%\t100%\t100%
2.\tMeningkatnya kepuasan <b>masyarakat</b>\tIndeks Kepuasan Masyarakat\t85\t88,05\t103%

3.\tFasilitasi kesejahteraan\tPersentase fasilitasi\t80%\t100%\t125%
RATA RATA CAPAIAN\t\t\t\t\t**109,33%**

Sumber Data: Perjanjian Kinerja 2023
"""


def test_tab_table_with_caption_and_headers() -> None:
    doc = parse_text(TAB_DOC, "t.txt")
    assert doc.format == "text"
    [t] = tables(doc)
    assert t.caption == "Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2023"
    cap = doc.blocks[t.caption_block]
    assert cap.kind == "caption" and cap.text == t.caption
    # header rows: the label row and the column-number row
    assert [r.is_header for r in t.rows] == [True, True, False, False, False, False]
    # the blank line inside the table does not split it
    assert body_texts(t)[2][0] == "3."
    assert body_texts(t)[1][1] == "Meningkatnya kepuasan masyarakat"
    assert body_texts(t)[3][5] == "109,33%"
    assert [c.col for c in t.rows[2].cells] == list(range(6))
    assert all(c.row == k for k, r in enumerate(t.rows) for c in r.cells)
    assert_all_positions_exact(doc)
    assert_located(doc, t.rows[3].cells[1], "masyarakat")  # after a stripped <b>
    assert_located(doc, t.rows[5].cells[5], "109,33%")  # inside ** markers


def test_tab_table_keeps_label_rows_without_tabs() -> None:
    # a Kegiatan line with no figures (so no tab) between the rows of a budget table is a row
    # of that table, not the end of it; a sentence or a caption after the table is not
    text = ("Tabel 3.8 Realisasi Anggaran Tahun 2022\n"
            "Program/Kegiatan/Sub Kegiatan\tPagu (Rp)\tRealisasi (Rp)\n"
            "PROGRAM PENYULUHAN PERTANIAN\t420.300.000\t371.880.400\n"
            "  Kegiatan Pelaksanaan Penyuluhan Pertanian\n"
            "    Sub Kegiatan Pengembangan Kelembagaan Petani\t420.300.000\t371.880.400\n"
            "JUMLAH\t420.300.000\t371.880.400\n"
            "Tabel 3.9 Efisiensi\n"
            "Uraian\tNilai\n"
            "Serapan\t88,48\n"
            "Serapan anggaran tahun ini sebesar 88,48 persen.\n")
    doc = parse_text(text, "t.txt")
    t1, t2 = tables(doc)
    assert [r.cells[0].text.strip() for r in t1.rows][2:4] == [
        "Kegiatan Pelaksanaan Penyuluhan Pertanian", "Sub Kegiatan Pengembangan Kelembagaan Petani"]
    assert len(t1.rows) == 5 and len(t2.rows) == 2
    assert any(b.kind == "paragraph" and b.text.startswith("Serapan anggaran") for b in doc.blocks)
    assert_all_positions_exact(doc)


PIPE_DOC = """# BAB III AKUNTABILITAS KINERJA

## B.1 Analisa Realisasi Kinerja

**Tabel 3.2** Perbandingan Capaian Kinerja

| No | Indikator | Target | Realisasi |
|---|:---:|---:|:---|
| 1 | Indeks **Kepuasan** Masyarakat | 85 | 88,05 |
| 2 | Persentase \\| pelayanan | 90% | 92,8% |

Paragraf sesudah tabel.
"""


def test_tab_set_headings_and_list_items_are_no_tables() -> None:
    # a section number or item letter, one tab, then words: a heading or a list item
    text = ("3.2\tCapaian Kinerja Tahun 2023\n\n"
            "Tabel 3.1 Pengukuran Kinerja\n"
            "No\tIndikator\tTarget\tRealisasi\n"
            "1.\tIndeks Kepuasan Masyarakat\t80\t82\n"
            "2.\tPersentase pengaduan selesai\t90\t88\n\n"
            "a.\tIndeks Kepuasan Masyarakat\n"
            "Nilai IKM tahun 2023 sebesar 82 dari target 80.\n")
    doc = parse_text(text, "t.txt")
    [t] = tables(doc)
    assert body_texts(t)[1][:2] == ["2.", "Persentase pengaduan selesai"]
    kinds = {b.text.split()[0]: b.kind for b in doc.blocks if b.kind != "table"}
    assert kinds["3.2"] != "table" and kinds["a."] == "list_item"
    assert_all_positions_exact(doc)


def test_pipe_table_alignment_row_is_not_data() -> None:
    doc = parse_text(PIPE_DOC, "t.md")
    assert doc.format == "markdown"
    [t] = tables(doc)
    assert t.caption == "Tabel 3.2 Perbandingan Capaian Kinerja"
    assert len(t.rows) == 3
    assert t.rows[0].is_header and not t.rows[1].is_header
    assert t.rows[0].texts() == ["No", "Indikator", "Target", "Realisasi"]
    assert body_texts(t) == [["1", "Indeks Kepuasan Masyarakat", "85", "88,05"],
                             ["2", "Persentase | pelayanan", "90%", "92,8%"]]
    assert_all_positions_exact(doc)
    assert_located(doc, t.rows[1].cells[1], "Masyarakat")
    assert_located(doc, t.rows[2].cells[3], "92,8%")
    heads = [b for b in doc.blocks if b.kind == "heading"]
    assert [(h.text, h.level) for h in heads] == [("BAB III AKUNTABILITAS KINERJA", 1),
                                                  ("B.1 Analisa Realisasi Kinerja", 2)]
    assert_located(doc, heads[1], "Analisa Realisasi")


def test_pipe_table_without_outer_pipes() -> None:
    doc = parse_text("No | Nama | Nilai\n--- | --- | ---\n1 | Camat | 88,05\n", markdown=True)
    [t] = tables(doc)
    assert t.rows[0].is_header
    assert body_texts(t) == [["1", "Camat", "88,05"]]
    assert_all_positions_exact(doc)


HTML_DOC = """Tabel 3.4 Perbandingan dengan Nasional

<table>
<tr><th>No</th><th colspan="2">Indikator &amp; Target</th></tr>
<tr><td>1</td><td><p>Indeks</p><p>Kepuasan</p></td><td><b>85</b></td></tr>
<tr><td>2</td><td>Persentase<br>fasilitasi</td><td>100%</td></tr>
</table>

Sesudah.
"""


def test_html_table() -> None:
    doc = parse_text(HTML_DOC, "t.txt")
    [t] = tables(doc)
    assert t.caption == "Tabel 3.4 Perbandingan dengan Nasional"
    assert t.rows[0].is_header
    assert t.rows[0].cells[1].text == "Indikator & Target"
    assert t.rows[0].cells[1].colspan == 2
    assert len(t.rows[0].cells) == 3  # colspan filler keeps columns aligned
    assert body_texts(t) == [["1", "Indeks Kepuasan", "85"], ["2", "Persentase fasilitasi", "100%"]]
    assert_all_positions_exact(doc)
    assert_located(doc, t.rows[1].cells[1], "Kepuasan")
    assert_located(doc, t.rows[1].cells[2], "85")
    assert doc.blocks[-1].text == "Sesudah."


def test_html_fragments_inside_tab_cells_and_lines() -> None:
    text = ("Tujuan\t<p>Tujuan 1: Meningkatnya kualitas</p> <p>Sasaran 1: Efektif</p>\tX\n"
            "Program\t<p>Program : PENUNJANG</p>\tY\n\n"
            "Paragraf dengan <b>tebal</b> dan<br>baris baru.\n")
    doc = parse_text(text)
    [t] = tables(doc)
    assert t.rows[0].cells[1].text == "Tujuan 1: Meningkatnya kualitas Sasaran 1: Efektif"
    p = doc.blocks[-1]
    assert p.text == "Paragraf dengan tebal dan baris baru."
    assert_all_positions_exact(doc)
    assert_located(doc, p, "tebal")
    assert_located(doc, t.rows[0].cells[1], "Sasaran 1: Efektif")


SPLIT_DOC = """Tabel 3.2

Perbandingan Capaian Kinerja Sasaran

No\tSASARAN\tINDIKATOR\tTARGET\t\tREALISASI\t
\t\t\t2022\t2023\t2022\t2023
1\tSasaran satu\tIndikator satu\t100%\t100%\t62,7%\t100%

No\tSASARAN\tINDIKATOR\tTARGET\t\tREALISASI\t
\t\t\t2022\t2023\t2022\t2023
2\tSasaran dua\tIndikator dua\t85\t85\t93,33\t88,05
3\tSasaran tiga\tIndikator tiga\t80%\t80%\t80%\t100%

Sumber data.
"""


def test_split_table_with_repeated_header_is_joined() -> None:
    doc = parse_text(SPLIT_DOC)
    [t] = tables(doc)
    assert t.caption == "Tabel 3.2 Perbandingan Capaian Kinerja Sasaran"
    assert len(t.header_rows()) == 2
    assert [r[0] for r in body_texts(t)] == ["1", "2", "3"]
    assert [r.index for r in t.rows] == list(range(len(t.rows)))
    assert_all_positions_exact(doc)


def test_split_table_across_page_furniture_is_joined() -> None:
    text = ("No\tIndikator\tTarget\n1\tSatu\t10\n2\tDua\t20\n"
            "12\n"  # a page number between the two halves
            "No\tIndikator\tTarget\n3\tTiga\t30\n")
    doc = parse_text(text)
    [t] = tables(doc)
    assert [r[0] for r in body_texts(t)] == ["1", "2", "3"]


def test_different_tables_stay_apart() -> None:
    text = ("No\tSasaran\tIndikator\tTarget\n1\tSatu\tIndikator A\t100%\n\n"
            "Program\tAnggaran\tKeterangan\n1. Program A\tRp. 2.000\tP-APBD\n\n"
            "Tabel 3.7\nEfisiensi\n\nNo\tSasaran\tIndikator\tTarget\n1\tSatu\tX\t1\n")
    doc = parse_text(text)
    assert len(tables(doc)) == 3
    assert tables(doc)[2].caption == "Tabel 3.7 Efisiensi"
    assert tables(doc)[0].caption is None


def test_continuation_row_is_merged_into_previous_cell() -> None:
    text = ("No\tProgram\tPagu\tRealisasi\n"
            "1\tSub Kegiatan : Penyediaan Jasa Pemeliharaan Kendaraan Perorangan\t37.174.600\t32.426.800\n"
            "\n"
            "\tDinas atau Kendaraan Dinas Jabatan\t\t\n"
            "2\tSub Kegiatan : Pemeliharaan Gedung\t126.011.250\t124.008.123\n")
    doc = parse_text(text)
    [t] = tables(doc)
    body = body_texts(t)
    assert len(body) == 2
    cell = t.body_rows()[0].cells[1]
    assert cell.text.endswith("Perorangan Dinas atau Kendaraan Dinas Jabatan")
    assert_located(doc, cell, "Dinas atau Kendaraan Dinas Jabatan")
    assert_located(doc, cell, "Penyediaan Jasa")
    loc = cell.locate()
    assert (loc.line, loc.end_line) == (2, 4)


def test_short_row_after_page_break_is_realigned() -> None:
    text = ("No\tKegiatan\tTarget\tCapaian\t%\n1.\tProgram A\t100\t100\t100\n"
            "\tInput : Dana\t1.000\t900\t90%\n\n"
            "Output : Jumlah laporan\t12\t12\t100%\n")
    doc = parse_text(text)
    [t] = tables(doc)
    last = t.rows[-1]
    assert last.texts() == ["", "Output : Jumlah laporan", "12", "12", "100%"]
    assert_located(doc, last.cells[1], "Output")


def test_separator_rows_are_dropped() -> None:
    text = "No\tNama\tNilai\n1\tA\t5\n---\t------\t----\n"
    [t] = tables(parse_text(text))
    assert body_texts(t) == [["1", "A", "5"]]


# ---------------------------------------------------------------------------------------------
# prose: headings, lists, captions, formulas, suppressions


def test_headings_with_and_without_hash() -> None:
    text = ("BAB III\n\nAKUNTABILITAS KINERJA\n\nA. KERANGKA PENGUKURAN KINERJA\n\n"
            "B.1 ANALISA REALISASI KINERJA\n\n**Sasaran Strategis 1 : Terjaganya ketertiban**\n\n"
            "Ini kalimat biasa. BUKAN JUDUL karena huruf kecil.\n\n### C. Realisasi Anggaran\n")
    doc = parse_text(text)
    heads = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert heads == [("BAB III", 1), ("AKUNTABILITAS KINERJA", 3), ("A. KERANGKA PENGUKURAN KINERJA", 2),
                     ("B.1 ANALISA REALISASI KINERJA", 3),
                     ("Sasaran Strategis 1 : Terjaganya ketertiban", 3), ("C. Realisasi Anggaran", 3)]
    assert [b.kind for b in doc.blocks].count("paragraph") == 1
    assert_all_positions_exact(doc)


def test_bold_block_over_two_lines() -> None:
    doc = parse_text("**KANTOR KECAMATAN GUMUKMAS\nKABUPATEN JEMBER**\n")
    [b] = doc.blocks
    assert b.kind == "heading" and b.text == "KANTOR KECAMATAN GUMUKMAS KABUPATEN JEMBER"
    assert_located(doc, b, "KABUPATEN JEMBER")
    assert_located(doc, b, "KANTOR")


def test_list_items() -> None:
    text = ("Kendala:\n\n1. Kurangnya sarana\n2. Terbatasnya SDM\n- a. Sub kegiatan A\n"
            " - b. Sub kegiatan B\n- (1) Kecamatan merupakan\n* butir bintang\n")
    doc = parse_text(text)
    items = [b for b in doc.blocks if b.kind == "list_item"]
    assert [i.text for i in items] == ["1. Kurangnya sarana", "2. Terbatasnya SDM", "a. Sub kegiatan A",
                                       "b. Sub kegiatan B", "(1) Kecamatan merupakan", "butir bintang"]
    assert items[3].level > items[2].level
    assert_all_positions_exact(doc)
    assert_located(doc, items[2], "a. Sub kegiatan A")


def test_caption_variants() -> None:
    text = ("Table 3.5\nIkhtisar Capaian Kinerja pada tahun 2023\n\nA\tB\tC\n1\t2\t3\n\n"
            "**Tabel 1.1**  \n**Jumlah ASN**  \n**berdasarkan Jabatan**\n\nNo\tJabatan\n1.\tCamat\n\n"
            "Tabel 3.3\n\n## Perbandingan Realisasi\n\n(catatan penyusun)\n\nNo\tX\tY\n1\t2\t3\n\n"
            "Tabel 3.1 menunjukkan bahwa capaian baik.\n")
    doc = parse_text(text)
    ts = tables(doc)
    assert [t.caption for t in ts] == ["Table 3.5 Ikhtisar Capaian Kinerja pada tahun 2023",
                                       "Tabel 1.1 Jumlah ASN berdasarkan Jabatan",
                                       "Tabel 3.3 Perbandingan Realisasi"]
    for t in ts:
        assert doc.blocks[t.caption_block].kind == "caption"
        assert doc.blocks[t.caption_block].text == t.caption
    assert doc.blocks[-1].kind == "paragraph"  # a sentence starting with "Tabel 3.1"
    assert_all_positions_exact(doc)
    cap = doc.blocks[ts[1].caption_block]
    assert_located(doc, cap, "berdasarkan Jabatan")


def test_caption_with_its_title_does_not_swallow_the_paragraph_below() -> None:
    # flattened PDF text: the paragraph under a caption starts indented, or is a long line
    text = ("Tabel 3.6 Efisiensi Anggaran\n   Sisa anggaran berasal dari honorarium yang tidak\n"
            "terpakai sehingga anggaran dinilai efisien.\n\n"
            "Tabel 3.7 Realisasi Anggaran\nTahun 2023\n\n"
            "Tabel 3.8 Sumber Dana\nSeluruh belanja dibiayai APBD kabupaten melalui DPA tahun berjalan dan tidak ada dana lain.\n")
    doc = parse_text(text)
    caps = [b.text for b in doc.blocks if b.kind == "caption"]
    assert caps == ["Tabel 3.6 Efisiensi Anggaran", "Tabel 3.7 Realisasi Anggaran Tahun 2023",
                    "Tabel 3.8 Sumber Dana"]
    assert any(b.kind == "paragraph" and b.text.startswith("Sisa anggaran") for b in doc.blocks)
    assert_all_positions_exact(doc)


def test_formulas() -> None:
    text = ("Rumus:\n\n$$\\text{Capaian} = \\frac{\\text{Realisasi}}{\\text{Target}} \\times 100$$\n\n"
            "$$\na = b\n$$\n\nSelesai.\n")
    doc = parse_text(text)
    forms = [b for b in doc.blocks if b.kind == "formula"]
    assert len(forms) == 2
    assert forms[0].text == "\\text{Capaian} = \\frac{\\text{Realisasi}}{\\text{Target}} \\times 100"
    assert forms[1].text == "a = b"
    assert_located(doc, forms[0], "\\frac{\\text{Realisasi}}")
    assert doc.blocks[-1].text == "Selesai."


def test_suppression_comments() -> None:
    text = ("Paragraf satu.\n\n<!-- lkip: ignore ar101, YR102 -->\n\nTahun 2022 salah.\n\n"
            "<!-- lkip: ignore-all -->\nSemua diabaikan.\n\n<!-- lkip: ignore -->\n"
            "No\tA\n1\t2\n\nBiasa <!-- lkip: ignore TY101 --> di baris sama.\n")
    doc = parse_text(text, markdown=True)
    assert doc.suppressions[5] == {"AR101", "YR102"}
    assert doc.suppressions[8] == {"ALL"}
    assert doc.suppressions[11] == {"ALL"}
    assert doc.suppressions[14] == {"TY101"}
    assert all("lkip" not in b.text for b in doc.blocks)
    assert doc.blocks[-1].text == "Biasa di baris sama."


def test_markdown_detection() -> None:
    md = "# Judul\n\nteks\n\n## Sub\n"
    assert parse_text(md).format == "markdown"
    assert parse_text(md, "x.txt", markdown=False).format == "text"
    assert parse_text("teks biasa\n- butir\n", "a.md").format == "markdown"
    assert parse_text("teks biasa\n- butir\n**tebal**\n").format == "text"
    assert parse_text("| a | b |\n|---|---|\n| 1 | 2 |\n").format == "markdown"


def test_markdown_paragraph_lines_are_joined() -> None:
    doc = parse_text("Baris satu\nbaris dua  \nbaris tiga.\n\nLain.\n", markdown=True)
    assert [b.text for b in doc.blocks] == ["Baris satu baris dua baris tiga.", "Lain."]
    assert_located(doc, doc.blocks[0], "baris tiga.")
    doc = parse_text("Baris satu\nbaris dua\n", markdown=False)
    assert len(doc.blocks) == 2


def test_line_endings_bom_and_odd_separators() -> None:
    text = "\ufeffBAB III\r\nTeks \x0c dengan form feed.\r\nA\tB\r\n1\t2\r\n"
    doc = parse_text(text)
    assert doc.source_text.splitlines()[1] == "Teks   dengan form feed."
    assert doc.blocks[1].text == "Teks dengan form feed."
    assert_all_positions_exact(doc)


def test_entities_and_emphasis() -> None:
    doc = parse_text("Nilai &lt;100 &amp; *penting* tetapi (*ada/tidak-ada) tetap.\n")
    b = doc.blocks[0]
    assert b.text == "Nilai <100 & penting tetapi (*ada/tidak-ada) tetap."
    assert_located(doc, b, "penting")
    assert_located(doc, b, "(*ada/tidak-ada)")


def test_our_own_markdown_output_maps_cleanly() -> None:
    text = ("# BAB III AKUNTABILITAS KINERJA\n\n## A. Kerangka Pengukuran Kinerja\n\n"
            "Pengukuran kinerja Kecamatan Contoh tahun 2023 memakai skala berikut.\n\n"
            "Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2023\n\n"
            "| No | Sasaran | Indikator | Target | Realisasi | Capaian |\n"
            "|---:|---|---|---:|---:|---:|\n"
            "| 1 | Meningkatnya kepuasan | IKM | 85 | 88,05 | 103,59% |\n"
            "| 2 | Terjaganya ketertiban | Persentase | 100% | 100% | 100,00% |\n\n"
            "- capaian rata-rata 101,80%;\n- predikat **Sangat Memuaskan**.\n\n"
            "1. butir satu\n2. butir dua\n")
    doc = parse_text(text)
    assert doc.format == "markdown"
    assert kinds(doc) == ["heading", "heading", "paragraph", "caption", "table", "list_item",
                          "list_item", "list_item", "list_item"]
    t = tables(doc)[0]
    assert t.caption_block == 3 and len(t.body_rows()) == 2 and len(t.header_rows()) == 1
    assert doc.blocks[6].text == "predikat Sangat Memuaskan."
    assert_all_positions_exact(doc)


def test_empty_and_whitespace_text() -> None:
    assert parse_text("").blocks == []
    assert parse_text("\n\n  \t\n").blocks == []


# ---------------------------------------------------------------------------------------------
# seeds

CAPTIONS_3 = [f"3.{k}" for k in range(1, 9)]


@pytest.mark.seeds
@pytest.mark.parametrize("name", ["lkip-2023-kecamatan-gumukmas.txt", "lkip-2023-kecamatan-umbulsari.txt"])
def test_seed_tables_3x(seeds_dir: Path, name: str) -> None:
    doc = read_document(seeds_dir / name)
    by_num: dict[str, list[Block]] = {}
    for t in tables(doc):
        if t.caption:
            m = re.match(r"(?:Tabel|Table)\s+(\d+\.\d+)", t.caption)
            if m:
                by_num.setdefault(m.group(1), []).append(t)
    for num in CAPTIONS_3:
        assert num in by_num, f"{name}: Tabel {num} not found"
        t = by_num[num][0]
        assert doc.blocks[t.caption_block].kind == "caption"
        assert 3 <= len(t.body_rows()) <= 120, (num, len(t.body_rows()))
        assert 1 <= len(t.header_rows()) <= 3, (num, len(t.header_rows()))
        width = max(len(r.cells) for r in t.rows)
        assert width >= 4, (num, width)
        # no header row repeated inside the body
        head = [c.lower() for c in t.rows[0].texts() if c]
        for r in t.body_rows():
            assert [c.lower() for c in r.texts() if c] != head
    t31 = by_num["3.1"][0]
    assert "Pengukuran Realisasi Kinerja" in t31.caption
    assert 3 <= len(t31.body_rows()) <= 8
    assert_all_positions_exact(doc)


@pytest.mark.seeds
@pytest.mark.parametrize("name", ["lkip-2023-kecamatan-gumukmas.txt", "lkip-2023-kecamatan-umbulsari.txt"])
def test_seed_split_tables_joined(seeds_dir: Path, name: str) -> None:
    """The IKU table (split over pages with its header repeated) is one table of six rows."""
    doc = read_document(seeds_dir / name)
    iku = [t for t in tables(doc) if t.rows and "INDIKATOR KINERJA UTAMA" in " ".join(t.rows[0].texts())]
    assert iku
    for t in iku:
        firsts = [r.cells[0].text for r in t.body_rows()]
        assert firsts == ["1.", "2.", "3.", "4.", "5.", "6."], firsts


@pytest.mark.seeds
def test_seed_reading_speed(seeds_dir: Path) -> None:
    path = seeds_dir / "lkip-2023-kecamatan-gumukmas.txt"
    read_document(path)  # warm-up (imports, regex compilation)
    best = min(_timed(path) for _ in range(3))
    assert best < 0.5, best  # typically ~0.06 s; generous bound for a busy machine


def _timed(path: Path) -> float:
    t0 = time.perf_counter()
    read_document(path)
    return time.perf_counter() - t0


def test_no_quadratic_blowup() -> None:
    row = "1\tIndikator dengan teks yang cukup panjang\t85\t88,05\t103,59%\n"
    text = "Tabel 3.1 Besar\n\nNo\tIndikator\tTarget\tRealisasi\tCapaian\n" + row * 2000 + \
        "Paragraf <b>tebal</b> **dan** teks.\n\n" * 1000
    t0 = time.perf_counter()
    doc = parse_text(text)
    assert time.perf_counter() - t0 < 3.0
    assert len(tables(doc)[0].body_rows()) == 2000


# ---------------------------------------------------------------------------------------------
# DOCX


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)  # paragraph 1
    d.add_paragraph("Capaian  indikator tahun 2023 sebesar 103,59%.")  # 2
    d.add_paragraph("Tabel 3.1")  # 3
    d.add_paragraph("Pengukuran Realisasi Kinerja Tahun 2023")  # 4
    t = d.add_table(rows=3, cols=4)  # paragraphs 5..15
    for c, v in enumerate(["No", "Indikator", "Target", "Realisasi"]):
        t.cell(0, c).text = v
    for c, v in enumerate(["1", "Indeks Kepuasan Masyarakat", "85", "88,05"]):
        t.cell(1, c).text = v
    merged = t.cell(2, 0).merge(t.cell(2, 1))
    merged.text = "Rata-rata"
    t.cell(2, 2).text = "85"
    t.cell(1, 3).merge(t.cell(2, 3))  # vertical merge: text only once
    d.add_paragraph("1. Penutup dengan butir.")
    d.save(str(path))
    return path


def test_docx_reader(tmp_path: Path) -> None:
    import docx

    from drafter.document.docx_reader import docx_paragraphs

    path = make_docx(tmp_path / "laporan.docx")
    doc = read_document(path)
    assert doc.format == "docx" and doc.source_text is None
    assert kinds(doc) == ["heading", "paragraph", "caption", "table", "list_item"]
    head = doc.blocks[0]
    assert head.level == 1 and head.locate().extra == {"paragraph": 1}
    [t] = tables(doc)
    assert t.caption == "Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2023"
    assert t.caption_block == 2
    assert t.rows[0].is_header and not t.rows[1].is_header
    all_text = " ".join(c.text for c in t.cells())
    assert all_text.count("Rata-rata") == 1 and all_text.count("88,05") == 1
    last = t.rows[2]
    assert last.cells[0].text == "Rata-rata" and last.cells[0].colspan == 2
    assert last.cells[1].text == "" and last.cells[2].text == "85" and last.cells[3].text == ""
    cell = t.rows[1].cells[1]
    assert cell.extra == {"paragraph": 10, "table": 1, "row": 2, "cell": 2}
    assert t.rows[2].cells[2].extra["cell"] == 3  # grid column after the horizontal merge

    paras = docx_paragraphs(docx.Document(str(path)))
    assert len(paras) == 16
    for unit in doc.text_units():
        for m in re.finditer(r"\S+", unit.text):
            loc = unit.locate(m.start(), m.end())
            assert loc.line == loc.end_line
            ptext = paras[loc.line - 1].text
            assert ptext[loc.column - 1: loc.end_column - 1] == m.group(), (unit.text, loc)
    p2 = doc.blocks[1]
    assert p2.text == "Capaian indikator tahun 2023 sebesar 103,59%."
    loc = p2.locate(p2.text.index("103,59%"), p2.text.index("103,59%") + 7)
    assert (loc.line, loc.column, loc.end_column) == (2, 39, 46)
    assert doc.blocks[-1].locate().line == 16


def test_docx_split_table_and_nested(tmp_path: Path) -> None:
    import docx

    from drafter.document.docx_reader import docx_paragraphs

    d = docx.Document()
    for part in ([["No", "Indikator", "Target"], ["1", "Satu", "10"]],
                 [["No", "Indikator", "Target"], ["2", "Dua", "20"]]):
        t = d.add_table(rows=len(part), cols=3)
        for r, row in enumerate(part):
            for c, v in enumerate(row):
                t.cell(r, c).text = v
        d.add_paragraph("")
    outer = d.tables[1]
    inner = outer.cell(1, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "dalam"
    path = tmp_path / "split.docx"
    d.save(str(path))
    doc = read_document(path)
    [t] = tables(doc)
    assert [r[0] for r in body_texts(t)] == ["1", "2"]
    assert body_texts(t)[1][1] == "Dua dalam"
    paras = docx_paragraphs(docx.Document(str(path)))
    cell = t.rows[2].cells[1]
    loc = cell.locate(cell.text.index("dalam"))
    assert paras[loc.line - 1].text == "dalam"


# ---------------------------------------------------------------------------------------------
# bad input


def expect_error(path: Path, *words: str) -> str:
    with pytest.raises(DocumentError) as ei:
        read_document(path)
    msg = str(ei.value)
    assert "\n" not in msg
    assert path.name in msg, msg
    assert any(w in msg.lower() for w in words), msg
    return msg


def test_missing_file_and_folder(tmp_path: Path) -> None:
    expect_error(tmp_path / "tidak-ada.txt", "tidak ditemukan")
    expect_error(tmp_path / "tidak-ada.docx", "tidak ditemukan")
    (tmp_path / "folder.txt").mkdir()
    expect_error(tmp_path / "folder.txt", "folder")


def test_empty_files(tmp_path: Path) -> None:
    for name, data in (("a.txt", b""), ("b.md", b"  \n\t\n"), ("c.docx", b"")):
        p = tmp_path / name
        p.write_bytes(data)
        expect_error(p, "kosong")


def test_binary_and_non_utf8(tmp_path: Path) -> None:
    p = tmp_path / "biner.txt"
    p.write_bytes(b"BAB III\n" + bytes(range(256)))
    expect_error(p, "biner")
    p = tmp_path / "latin.txt"
    p.write_bytes("BAB III\nbaris dua\nKecamatan Ké\n".encode("cp1252"))
    with pytest.raises(DocumentError) as ei:
        read_document(p)
    assert "utf-8" in str(ei.value).lower() and ei.value.line == 3
    p = tmp_path / "pdf.txt"
    p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    expect_error(p, "pdf")


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes("BAB III\nTeks é.\n".encode("utf-16"))
    doc = read_document(p)
    assert [b.text for b in doc.blocks] == ["BAB III", "Teks é."]


def test_unsupported_suffix(tmp_path: Path) -> None:
    for name in ("laporan.xlsx", "laporan.doc", "laporan.zzz"):
        p = tmp_path / name
        p.write_bytes(b"%PDF-1.4 isi")
        msg = expect_error(p, "tidak didukung")
        assert ".docx" in msg and ".txt" in msg
    p = tmp_path / "laporan.pdf"  # read since issue 12: a broken PDF is named as such
    p.write_bytes(b"%PDF-1.4 isi")
    expect_error(p, "pdf rusak")


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers_mod, "MAX_TEXT_BYTES", 1000)
    monkeypatch.setattr(readers_mod, "MAX_DOCX_BYTES", 1000)
    p = tmp_path / "besar.txt"
    p.write_bytes(b"kata " * 400)
    expect_error(p, "terlalu besar")
    d = make_docx(tmp_path / "besar.docx")
    expect_error(d, "terlalu besar")


def _docx_bytes(tmp_path: Path) -> bytes:
    return make_docx(tmp_path / "asal.docx").read_bytes()


def _rezip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in members.items():
            z.writestr(n, data)
    return buf.getvalue()


def test_bad_docx_containers(tmp_path: Path) -> None:
    good = _docx_bytes(tmp_path)
    cases = {
        "pdf.docx": (b"%PDF-1.7\n1 0 obj\n", ("pdf",)),
        "teks.docx": (b"BAB III\nini sebenarnya teks\n", ("bukan berkas docx",)),
        "latin.docx": ("Kecamatan Ké\n".encode("cp1252") * 20, ("utf-8",)),
        "potong.docx": (good[: len(good) // 2], ("rusak", "terpotong")),
        "ole.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ("word lama", "terenkripsi")),
    }
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        members = {n: z.read(n) for n in z.namelist()}
    no_doc = {n: v for n, v in members.items() if n != "word/document.xml"}
    cases["tanpa.docx"] = (_rezip(no_doc), ("word/document.xml",))
    bomb = dict(members)
    bomb["word/media/bom.bin"] = b"\0" * (3 * 1024 * 1024)
    cases["bom.docx"] = (_rezip(bomb), ("zip bomb", "mencurigakan"))
    broken = dict(members)
    broken["word/document.xml"] = b"<w:document><unclosed"
    cases["xml.docx"] = (_rezip(broken), ("rusak", "tidak dapat"))
    for name, (data, words) in cases.items():
        p = tmp_path / name
        p.write_bytes(data)
        expect_error(p, *words)


def test_zip_bomb_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.document import docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 10_000)
    p = make_docx(tmp_path / "total.docx")
    expect_error(p, "mencurigakan")


def test_unexpected_parser_exception_is_converted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.document import docx_reader

    def boom(self: object) -> list[Block]:
        raise ValueError("internal")

    monkeypatch.setattr(docx_reader._DocxReader, "run", boom)
    p = make_docx(tmp_path / "boom.docx")
    msg = expect_error(p, "tidak dapat dibaca")
    assert "Traceback" not in msg


def test_pandoc_caption_after_table() -> None:
    text = "| No | Nilai |\n|---|---|\n| 1 | 88,05 |\n\nTable: Tabel 3.1 Pengukuran Kinerja\n\nTeks.\n"
    doc = parse_text(text)
    [t] = tables(doc)
    assert t.caption == "Tabel 3.1 Pengukuran Kinerja"
    assert doc.blocks[t.caption_block].kind == "caption"
    assert_located(doc, doc.blocks[t.caption_block], "Tabel 3.1")


def test_tab_indented_list_is_not_a_table() -> None:
    doc = parse_text("- butir satu\n\t- butir dua\n\nParagraf.\n", markdown=True)
    assert kinds(doc) == ["list_item", "list_item", "paragraph"]
    assert doc.blocks[1].text == "butir dua"
    assert_all_positions_exact(doc)


def test_setext_headings_and_rules() -> None:
    doc = parse_text("Judul Besar\n===========\n\nTeks.\n\n---\n\nSub Judul\n---------\n", markdown=True)
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == [
        ("heading", "Judul Besar", 1), ("paragraph", "Teks.", 0), ("heading", "Sub Judul", 2)]


def test_positions_exact_on_random_markup() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    tok = st.sampled_from([
        "BAB III", "# ", "## ", "A. ", "1. ", "- ", " - a. ", "Tabel 3.1 ", "\t", "|", "|---|", " | ", "\n",
        "\n\n", "\r\n", "<p>", "</p>", "<b>", "</b>", "<table>", "<tr>", "<td>", "</td>", "</tr>",
        "</table>", "<br>", "&nbsp;", "&amp;", "$$", "\\*", "\\_", "**", "*", "<!--", "-->",
        "<!-- lkip: ignore X -->", "\u00a0", "é", " ", "   ", "kata", "KATA BESAR", "88,05", "100%",
        "(1)", "---", "===", ": ", "Table: ",
    ])

    @settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
    @given(st.lists(tok, max_size=40).map("".join), st.sampled_from([None, True, False]))
    def run(text: str, md: bool | None) -> None:
        assert_all_positions_exact(parse_text(text, markdown=md))

    run()


def test_row_split_by_repeated_header_block() -> None:
    text = ("No\tTujuan\tIndikator\tTARGET\t\n\t\t\tTAHUN\t\n\t\t\t2022\t2023\n"
            "1\tMeningkatnya kualitas pengelolaan\tNilai SAKIP\tBB\tA\n\n"
            "No\tTujuan\tIndikator\tTARGET\t\n\t\t\tTAHUN\t\n\t\t\t2022\t2023\n"
            "\tkeuangan daerah\tOPD\t\t\n"
            "2\tTerjaganya ketertiban\tPersentase\t100%\t100%\n")
    doc = parse_text(text)
    [t] = tables(doc)
    assert len(t.header_rows()) == 3
    assert body_texts(t) == [["1", "Meningkatnya kualitas pengelolaan keuangan daerah", "Nilai SAKIP OPD", "BB", "A"],
                             ["2", "Terjaganya ketertiban", "Persentase", "100%", "100%"]]
    assert_located(doc, t.body_rows()[0].cells[1], "keuangan daerah")


def test_html_rowspan_keeps_columns() -> None:
    text = ("<table><tr><th>No</th><th>Sasaran</th><th>Indikator</th><th>Target</th></tr>\n"
            "<tr><td rowspan=\"2\">1</td><td rowspan=2>Sasaran A</td><td>IKM</td><td>85</td></tr>\n"
            "<tr><td>SAKIP</td><td>B</td></tr>\n"
            "<tr><td>2</td><td>Sasaran B</td><td>Persentase</td><td rowspan=\"2\">100%</td></tr>\n"
            "<tr><td>3</td><td>Sasaran C</td><td>Lain</td></tr></table>\n")
    [t] = tables(parse_text(text))
    assert body_texts(t) == [["1", "Sasaran A", "IKM", "85"], ["", "", "SAKIP", "B"],
                             ["2", "Sasaran B", "Persentase", "100%"], ["3", "Sasaran C", "Lain", ""]]


def test_pathological_markup_is_fast() -> None:
    line = "<!-- " * 3000 + "<b " * 3000 + "**" * 2000 + "*a " * 3000 + "\n"
    cells = "".join(f"<tr><td>{k}</td><td>x</td></tr>" for k in range(3000))
    t0 = time.perf_counter()
    parse_text(line + "<table>" + cells + "</table>\n")
    assert time.perf_counter() - t0 < 3.0


def test_letter_list_is_not_a_section_heading() -> None:
    doc = parse_text("Susunan organisasi:\n\nA. Camat\nB. Sekretariat Kecamatan\nC. Seksi Pemerintahan\n\n"
                     "B. Rencana Kinerja Tahunan\n\nTeks bagian B.\n")
    assert kinds(doc) == ["paragraph", "list_item", "list_item", "list_item", "heading", "paragraph"]


def test_docx_paragraph_text_matches_python_docx(tmp_path: Path) -> None:
    import docx

    from drafter.document.docx_reader import docx_paragraphs, paragraph_text

    d = docx.Document()
    p = d.add_paragraph("Satu\tdua")
    p.add_run().add_break()
    p.add_run("tiga")
    d.add_paragraph("")
    path = tmp_path / "x.docx"
    d.save(str(path))
    paras = docx_paragraphs(docx.Document(str(path)))
    assert [paragraph_text(q._p) for q in paras] == [q.text for q in paras] == ["Satu\tdua\ntiga", ""]
    doc = read_document(path)
    assert doc.blocks[0].text == "Satu dua tiga"
    loc = doc.blocks[0].locate(9, 13)
    assert (loc.line, loc.column, loc.end_column) == (1, 10, 14)


@pytest.mark.seeds
def test_seed_roundtrip_through_docx(seeds_dir: Path, tmp_path: Path) -> None:
    """The seed's structure written to DOCX reads back with the same tables and captions."""
    import docx

    src = read_document(seeds_dir / "lkip-2023-kecamatan-gumukmas.txt")
    d = docx.Document()
    for b in src.blocks:
        if b.kind == "heading":
            d.add_heading(b.text, level=min(max(b.level, 1), 9))
        elif b.kind == "table":
            width = max(len(r.cells) for r in b.rows)
            t = d.add_table(rows=len(b.rows), cols=width)
            for ri, r in enumerate(b.rows):
                cells = t.rows[ri].cells
                for ci, c in enumerate(r.cells):
                    cells[ci].text = c.text
        elif b.kind == "list_item":
            d.add_paragraph(b.text, style="List Bullet")
        else:
            d.add_paragraph(b.text)
    path = tmp_path / "seed.docx"
    d.save(str(path))
    t0 = time.perf_counter()
    out = read_document(path)
    assert time.perf_counter() - t0 < 5.0  # ~0.1 s on an idle machine
    assert [(t.caption, len(t.rows)) for t in out.tables()] == \
        [(t.caption, len(t.rows)) for t in src.tables()]
    assert [b.text for b in out.blocks if b.kind == "heading"] == \
        [b.text for b in src.blocks if b.kind == "heading"]


def test_new_table_after_blank_line_with_same_width() -> None:
    text = ("No\tSasaran\tTarget\n1\tSatu\t10\n\nProgram\tAnggaran\tKeterangan\n1. Program A\tRp 2.000\tAPBD\n"
            "\n\tlanjutan teks\tketerangan lanjutan\n")
    doc = parse_text(text)
    assert [len(t.rows) for t in tables(doc)] == [2, 3]  # the last row does not start a table
    assert tables(doc)[1].rows[0].is_header


def test_short_row_without_page_break_is_not_shifted() -> None:
    text = "No\tKegiatan\tTarget\tCapaian\t%\n1.\tProgram A\t100\t100\t100\n\tInput : Dana\t1.000\t900\t90%\nJumlah\t1.000\t900\n"
    [t] = tables(parse_text(text))
    assert t.rows[-1].texts() == ["Jumlah", "1.000", "900"]


def test_file_without_suffix_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "laporan"
    p.write_text("BAB III\nTeks.\n", encoding="utf-8")
    assert read_document(p).format == "text"
    d = tmp_path / "dokumen"
    d.write_bytes(make_docx(tmp_path / "x.docx").read_bytes())
    assert read_document(d).format == "docx"


def test_caption_in_a_title_row(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    title = t.cell(0, 0).merge(t.cell(0, 2))
    title.text = "Tabel 3.8 Realisasi Anggaran"
    for c, v in enumerate(["Program", "Pagu", "Realisasi"]):
        t.cell(1, c).text = v
    for c, v in enumerate(["Program A", "1.000", "900"]):
        t.cell(2, c).text = v
    path = tmp_path / "judul.docx"
    d.save(str(path))
    [tb] = tables(read_document(path))
    assert tb.caption == "Tabel 3.8 Realisasi Anggaran" and tb.caption_block is None
    assert tb.rows[0].is_header
    assert body_texts(tb) == [["Program A", "1.000", "900"]]
    [tt] = tables(parse_text("Tabel 3.8 Realisasi\t\t\nProgram\tPagu\tRealisasi\nA\t1.000\t900\n"))
    assert tt.caption == "Tabel 3.8 Realisasi"


def test_bare_html_rows() -> None:
    doc = parse_text("Tabel 3.4 Nasional\n\n<tr><td>No</td><td>Nilai</td></tr>\n<tr><td>1</td><td>88,05</td></tr>\n\nSesudah.\n")
    [t] = tables(doc)
    assert t.caption == "Tabel 3.4 Nasional"
    assert body_texts(t) == [["1", "88,05"]]
    assert doc.blocks[-1].text == "Sesudah."
    assert_all_positions_exact(doc)
