"""`lkip draft`: Markdown and DOCX output, computed numbers, determinism, bad figures files."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from drafter import measure
from drafter.cli import app
from drafter.draft import draft_file
from drafter.draft.render import render_markdown
from drafter.figures.model import Figures
from drafter.numbers import fmt_pct

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CAPTIONS = {
    "3.1": "Tabel 3.1 Pengukuran Realisasi Kinerja Tahun",
    "3.2": "Tabel 3.2 ",
    "3.3": "Tabel 3.3 ",
    "3.4": "Tabel 3.4 ",
    "3.5": "Tabel 3.5 ",
    "3.6": "Tabel 3.6 ",
    "3.7": "Tabel 3.7 ",
    "3.8": "Tabel 3.8 ",
}
HEADINGS = [
    "BAB III AKUNTABILITAS KINERJA",
    "A. KERANGKA PENGUKURAN KINERJA",
    "B. CAPAIAN KINERJA",
    "B.1 ANALISIS REALISASI KINERJA",
    "B.2 ANALISIS PENYEBAB KEBERHASILAN DAN KEGAGALAN",
    "B.3 ANALISIS PROGRAM, KEGIATAN DAN SUB KEGIATAN",
    "B.4 ANALISIS ATAS EFISIENSI SUMBER DAYA",
    "C. REALISASI ANGGARAN",
]


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((ROOT / "examples" / name).read_text(encoding="utf-8"))


def md_of(data: dict[str, Any]) -> str:
    return render_markdown(Figures.model_validate(data))


def table_rows(md: str, number: str) -> list[list[str]]:
    """Body rows (cells) of the pipe table captioned 'Tabel <number>'."""
    lines = md.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"Tabel {number} "))
    rows: list[list[str]] = []
    i = start + 1
    while not lines[i].startswith("|"):
        i += 1
    i += 2  # header and delimiter rows
    while i < len(lines) and lines[i].startswith("|"):
        rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
        i += 1
    return rows


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_markdown_tables_parse(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "bab3.md"
    draft_file(path, out)
    md = out.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    # the 8 numbered tables plus the predicate scale table of section A
    assert sum(t.type == "table_open" for t in tokens) == 9
    lines = md.splitlines()
    for number, caption in CAPTIONS.items():
        idx = [i for i, ln in enumerate(lines) if ln.startswith(caption)]
        assert len(idx) == 1, f"caption of Tabel {number}"
        # caption on its own line, then a blank line, then the table
        assert lines[idx[0] + 1] == "" and lines[idx[0] + 2].startswith("|")
    for h in HEADINGS:
        assert any(ln.lstrip("# ").startswith(h) for ln in lines if ln.startswith("#")), h
    # no template leftovers
    assert not re.search(r"\([a-z]+/[a-z]+\)|\bdst\b|jika ada|\{|\}|None", md)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_tabel_35_one_tick_per_row(path: Path) -> None:
    md = md_of(yaml.safe_load(path.read_text(encoding="utf-8")))
    rows = table_rows(md, "3.5")
    assert rows
    for row in rows:
        assert sum(c == "✓" for c in row[2:]) == 1, row


def test_docx_holds_sections_and_tables(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "bab3.docx"
    draft_file(ROOT / "examples" / "gumukmas-2023.yaml", out)
    doc = docx.Document(str(out))
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for h in HEADINGS:
        assert any(t.startswith(h) for t in heads), h
    texts = [p.text for p in doc.paragraphs]
    for caption in CAPTIONS.values():
        assert sum(t.startswith(caption) for t in texts) == 1, caption
    assert len(doc.tables) == 9
    sec = doc.sections[0]
    assert abs(sec.page_width.cm - 21.0) < 0.1 and abs(sec.page_height.cm - 29.7) < 0.1
    # Tabel 3.8 ends with its JUMLAH row
    assert doc.tables[-1].rows[-1].cells[1].text.strip() == "JUMLAH"


def test_markdown_deterministic(tmp_path: Path) -> None:
    for path in EXAMPLES:
        a, b = tmp_path / "a.md", tmp_path / "b.md"
        draft_file(path, a)
        draft_file(path, b)
        assert a.read_bytes() == b.read_bytes()


def test_docx_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    draft_file(ROOT / "examples" / "contoh-sintetis.yaml", a)
    draft_file(ROOT / "examples" / "contoh-sintetis.yaml", b)
    assert a.read_bytes() == b.read_bytes()


def test_changing_one_realisasi_changes_everything_derived() -> None:
    base = load("gumukmas-2023.yaml")
    changed = copy.deepcopy(base)
    ind = changed["sasaran"][3]["indikator"][0]  # S4: 80% of 100%, last year 100%
    assert ind["realisasi"] == 80
    ind["realisasi"] = 100
    md0, md1 = md_of(base), md_of(changed)

    def row31(md: str) -> list[str]:
        return next(r for r in table_rows(md, "3.1") if r[2] == ind["nama"])

    # capaian in Tabel 3.1
    assert row31(md0)[5] == "80%" and row31(md1)[5] == "100%"
    # average row (capped at 100 as the example says)
    caps0 = [Figures.model_validate(base).sasaran[i].indikator[0] for i in range(4)]
    avg0 = measure.average([measure.capaian(c.target, c.realisasi) for c in caps0], cap_at_100=True)
    avg_row0 = table_rows(md0, "3.1")[-1]
    avg_row1 = table_rows(md1, "3.1")[-1]
    assert avg_row0[5] == f"**{fmt_pct(avg0)}**"
    assert avg_row1[5] == "**100%**" and avg_row0 != avg_row1
    # predicate and the Tabel 3.5 tick
    row35_0 = next(r for r in table_rows(md0, "3.5") if ind["nama"] in r[0])
    row35_1 = next(r for r in table_rows(md1, "3.5") if ind["nama"] in r[0])
    assert row35_0.index("✓") == 3  # Memuaskan
    assert row35_1.index("✓") == 2  # Sangat Memuaskan
    # the trend sentence: down from 100% last year, then unchanged
    assert "turun 20 poin persen" in md0 or "lebih rendah 20 poin persen" in md0 \
        or "penurunan 20 poin persen" in md0
    assert "tidak berubah" in md1 or "sama dengan realisasi tahun 2022" in md1
    assert "(Memuaskan)" not in md1.split("### B.2")[0].split("Indikator 4:")[1]


# --------------------------------------------------------------------------- errors

BAD_CASES = ["yaml-syntax", "wrong-type", "missing-target", "unknown-sasaran", "negative-pagu",
             "target-zero"]


def _bad_text(case: str) -> tuple[str, str]:
    if case == "yaml-syntax":
        return "instansi:\n  nama: Kecamatan X\ntahun: 2023\nsasaran: [\n  - id: S1\n", "sintaks YAML"
    text = (ROOT / "examples" / "contoh-sintetis.yaml").read_text(encoding="utf-8")
    if case == "wrong-type":
        return text.replace("target: 82\n", "target: delapan puluh\n", 1), "sasaran[0].indikator[0].target"
    if case == "missing-target":
        return text.replace("        target: 82\n", "", 1), "sasaran[0].indikator[0].target: wajib diisi"
    if case == "unknown-sasaran":
        return text.replace("sasaran: S2\n", "sasaran: S9\n", 1), "program[1].sasaran"
    if case == "negative-pagu":
        return text.replace("pagu: 60000000", "pagu: -60000000", 1), "pagu: tidak boleh negatif"
    if case == "target-zero":
        return text.replace("target: 82\n", "target: 0\n", 1), "target tidak boleh 0"
    raise AssertionError(case)


@pytest.mark.parametrize("case", BAD_CASES)
def test_bad_figures_exit_2_one_line_no_output(case: str, tmp_path: Path) -> None:
    text, expected = _bad_text(case)
    fig = tmp_path / "angka.yaml"
    fig.write_text(text, encoding="utf-8")
    out = tmp_path / "bab3.md"
    result = CliRunner().invoke(app, ["draft", str(fig), "-o", str(out)])
    assert result.exit_code == 2
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert re.match(r"lkip: .*angka\.yaml:\d+: ", lines[0]), lines[0]
    assert expected in lines[0]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["angka.yaml"]  # no temporary file left


def test_unsupported_suffix_and_output_is_input(tmp_path: Path) -> None:
    src = ROOT / "examples" / "contoh-sintetis.yaml"
    res = CliRunner().invoke(app, ["draft", str(src), "-o", str(tmp_path / "bab3.pdf")])
    assert res.exit_code == 2 and "tidak didukung" in res.output
    assert not (tmp_path / "bab3.pdf").exists()
    copy_ = tmp_path / "angka.yaml"
    copy_.write_bytes(src.read_bytes())
    res = CliRunner().invoke(app, ["draft", str(copy_), "-o", str(copy_)])
    assert res.exit_code == 2 and "sama dengan" in res.output
    assert copy_.read_bytes() == src.read_bytes()


def test_json_figures(tmp_path: Path) -> None:
    import json

    data = load("contoh-sintetis.yaml")
    fig = tmp_path / "angka.json"
    fig.write_text(json.dumps(data, default=str), encoding="utf-8")
    out = tmp_path / "bab3.md"
    draft_file(fig, out)
    assert out.read_text(encoding="utf-8") == md_of(data)


def test_multi_indicator_sasaran_and_no_programs() -> None:
    data = load("contoh-sintetis.yaml")
    data["sasaran"][0]["indikator"].append(
        {"nama": "Persentase Pengaduan yang Ditindaklanjuti", "satuan": "%", "target": 90,
         "realisasi": 81})
    md = md_of(data)
    rows = table_rows(md, "3.5")
    # sasaran row = average of its indicators, capped at 100: (100 + 90) / 2 = 95
    assert rows[0][0].startswith("Sasaran 1:") and rows[0][1] == "95%"
    assert [r[1] for r in rows[1:3]] == ["103,05%", "90%"]
    assert [r[0].split(":")[0] for r in rows[1:3]] == ["Indikator 1.1", "Indikator 1.2"]
    data["program"] = []
    data["anggaran"] = {"sumber": "APBD"}
    md = md_of(data)
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    assert sum(t.type == "table_open" for t in tokens) == 9
    assert "Rp 0" not in md and "tidak tersedia dalam berkas angka" in md
    assert table_rows(md, "3.7")[0][3] == "-"
