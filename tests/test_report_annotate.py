"""``--annotate``: Word comments anchored on exactly the flagged text, input untouched."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from drafter.check.registry import Issue
from drafter.cli import app
from drafter.document.model import Location
from drafter.report.annotate import (
    MARK_END,
    MARK_START,
    annotate_file,
    annotated_markdown,
    comment_text,
    escape_markdown,
    read_comments,
)
from drafter.report.common import docx_paragraphs


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _loc(par: int, col: int, end: int, end_par: int | None = None,
         table: tuple[int, int, int] | None = None) -> Location:
    extra = {"paragraph": par}
    if table:
        extra.update({"table": table[0], "row": table[1], "cell": table[2]})
    return Location(par, col, end_par or par, end, extra)


@pytest.fixture
def formatted_docx(tmp_path: Path) -> Path:
    d = docx.Document()
    d.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    p = d.add_paragraph("Capaian indikator ")
    bold = p.add_run("sebesar 103%")
    bold.bold = True
    p.add_run(" dengan target 85 pada ")
    it = p.add_run("Tahun Anggaran 2022")
    it.italic = True
    p.add_run(".")
    d.add_paragraph("Terjadi (penurunan/kenaikan) dibanding tahun lalu.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Indikator"
    t.cell(0, 1).text = "Realisasi"
    t.cell(1, 0).text = "Persentase capaian"
    t.cell(1, 1).text = "88,05"
    d.add_paragraph("")
    d.add_paragraph("Penutup laporan.")
    path = tmp_path / "laporan.docx"
    d.save(str(path))
    return path


def _find(paragraphs: list, needle: str) -> tuple[int, int]:
    for n, para in enumerate(paragraphs, start=1):
        k = para.text.find(needle)
        if k >= 0:
            return n, k + 1
    raise AssertionError(needle)


def test_docx_comments_cover_exact_text(formatted_docx: Path, tmp_path: Path) -> None:
    paragraphs = docx_paragraphs(docx.Document(str(formatted_docx)))
    before = _sha(formatted_docx)
    specs = [
        ("103%", "ZZ101", "arithmetic", "88,05/85 x 100 = 103,59%"),  # inside a bold run
        ("85 pada Tahun", "ZZ102", "arithmetic", None),  # across two runs
        ("Anggaran 2022", "ZZ201", "year", "Tahun Anggaran 2023"),  # overlaps nothing, italic
        ("Tahun Anggaran", "ZZ202", "year", None),  # overlaps the previous two
        ("(penurunan/kenaikan)", "ZZ301", "leftover", None),
        ("88,05", "ZZ103", "cross-table", "88,50"),  # table cell
    ]
    issues = []
    for needle, rule, cat, expected in specs:
        n, col = _find(paragraphs, needle)
        extra_table = (1, 2, 2) if needle == "88,05" else None
        issues.append(Issue(rule, cat, "error", f"pesan {rule} [x] *y*", _loc(n, col, col + len(needle),
                                                                             table=extra_table),
                            needle, expected))
    # a point issue and one spanning two paragraphs
    n_last, _ = _find(paragraphs, "Penutup")
    issues.append(Issue("ZZ401", "typo", "info", "titik", _loc(n_last, 8, 8), "Penutup"))
    n_lo, col_lo = _find(paragraphs, "dibanding")
    issues.append(Issue("ZZ402", "structure", "warning", "lintas paragraf",
                        Location(n_lo, col_lo, n_lo + 1, 10, {"paragraph": n_lo}), "dibanding"))

    out = tmp_path / "laporan-reviu.docx"
    assert annotate_file(formatted_docx, issues, out) == len(issues)
    assert _sha(formatted_docx) == before  # input untouched

    comments = read_comments(out)
    assert len(comments) == len(issues)
    ordered = sorted(issues, key=lambda i: i.sort_key())
    for c, issue in zip(comments, ordered, strict=True):
        assert c["author"] == "lkip"
        assert c["text"] == comment_text(issue)
        if issue.rule in ("ZZ401", "ZZ402"):
            assert issue.excerpt in c["anchor"]
        else:
            assert c["anchor"] == issue.excerpt  # exactly the flagged words
    assert any(c["text"].endswith("(Seharusnya: 88,05/85 x 100 = 103,59%)") for c in comments)
    assert all(c["text"].startswith("[ZZ") for c in comments)

    # formatting preserved: text identical, bold/italic runs still carry their words
    new = docx.Document(str(out))
    assert [p.text for p in docx_paragraphs(new)] == [p.text for p in paragraphs]
    runs = [r for p in docx_paragraphs(new) for r in p.runs]
    assert any(r.bold and r.text == "103%" for r in runs)
    assert any(r.bold and r.text == "sebesar " for r in runs)
    assert any(r.italic and r.text == " 2022" for r in runs)
    assert any(r.italic and r.text == "Anggaran" for r in runs)
    assert not any(r.bold and "pada" in r.text for r in runs)
    assert [c.author for c in new.comments] == ["lkip"] * len(issues)
    assert {c.initials for c in new.comments} == {"LK"}


def test_docx_annotate_deterministic(formatted_docx: Path, tmp_path: Path) -> None:
    paragraphs = docx_paragraphs(docx.Document(str(formatted_docx)))
    n, col = _find(paragraphs, "103%")
    issues = [Issue("ZZ1", "arithmetic", "error", "m", _loc(n, col, col + 4), "103%")]
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    annotate_file(formatted_docx, issues, a)
    annotate_file(formatted_docx, issues, b)
    assert a.read_bytes() == b.read_bytes()
    import zipfile

    with zipfile.ZipFile(a) as z:
        assert "w:date" not in z.read("word/comments.xml").decode("utf-8")


def test_escape_markdown() -> None:
    assert escape_markdown("a [b] *c* _d_ `e` $5 <x> #1 | y\nz") == \
        r"a \[b\] \*c\* \_d\_ \`e\` \$5 \<x\> \#1 \| y z"


MARKDOWN = """# LAPORAN KINERJA TAHUN 2023

## BAB III AKUNTABILITAS KINERJA

Capaian sebesar **103%** dengan target 85 pada Tahun Anggaran 2022.

- Terjadi (penurunan/kenaikan) dibanding tahun lalu.

| Indikator | Realisasi |
|---|---|
| Persentase capaian | 88,05 |

Luas wilayah $\\pm 64,44$ km dan <b>Gumukmas</b> tercatat.

\tBaris berindentasi tab 75,50 persen.

Luar biasa!Capaian naik tajam.
"""


def _source_issues(text: str, needles: list[str]) -> list[Issue]:
    lines = text.splitlines()
    out = []
    for k, needle in enumerate(needles):
        for ln, line in enumerate(lines, start=1):
            col = line.find(needle)
            if col >= 0:
                out.append(Issue(f"ZZ{100 + k}", "other", "warning",
                                 f"pesan {k}: [lihat] *tabel* `x` $5 <b>", Location(ln, col + 1, ln, col + 1 + len(needle)),
                                 needle, "Rp1.000_00" if k % 2 else None))
                break
        else:
            raise AssertionError(needle)
    return out


def test_markdown_annotated_through_pandoc(tmp_path: Path) -> None:
    src = tmp_path / "laporan.md"
    src.write_text(MARKDOWN, encoding="utf-8")
    before = _sha(src)
    needles = ["103%", "Tahun Anggaran 2022", "(penurunan/kenaikan)", "88,05", "64,44", "Gumukmas",
               "BAB III", "75,50", "Capaian naik"]
    issues = _source_issues(MARKDOWN, needles)
    md = annotated_markdown(MARKDOWN, issues)
    assert md.count(MARK_START) == len(issues) and md.count(MARK_END) == len(issues)
    out = tmp_path / "laporan-reviu.docx"
    annotate_file(src, issues, out)
    assert _sha(src) == before
    comments = read_comments(out)
    assert len(comments) == len(issues)
    by_text = {c["text"]: c for c in comments}
    for issue in issues:
        c = by_text[comment_text(issue)]  # messages with Markdown specials survive verbatim
        assert c["author"] == "lkip"
        assert issue.excerpt in c["anchor"], (issue.excerpt, c["anchor"])
    # the heading is still a heading (the marker was put after '## ')
    d = docx.Document(str(out))
    assert any(p.style.name.startswith("Heading") and "BAB III" in p.text for p in d.paragraphs)


def test_cli_annotate_refuses_input_as_output(formatted_docx: Path) -> None:
    before = _sha(formatted_docx)
    res = CliRunner().invoke(app, ["check", str(formatted_docx), "--annotate", "-o", str(formatted_docx)])
    assert res.exit_code == 2
    assert _sha(formatted_docx) == before


def test_cli_annotate_text_default_name(tmp_path: Path) -> None:
    src = tmp_path / "lap.txt"
    src.write_text("LAPORAN KINERJA TAHUN 2023\n\nBAB III AKUNTABILITAS KINERJA\n\n"
                   "Laporan untuk Tahun Anggaran 2022 (penurunan/kenaikan).\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(src), "--annotate"])
    assert res.exit_code in (0, 1), res.output
    out = tmp_path / "lap-reviu.docx"
    assert out.exists()
    js = CliRunner().invoke(app, ["check", str(src), "--format", "json"])
    issues = json.loads(js.stdout)["files"][0]["issues"]
    assert len(read_comments(out)) == len(issues)  # zero or more: rules are not assumed here


def _expected_comment(i: dict[str, object]) -> str:
    text = f"[{i['rule']}] {i['message']}"
    if i["expected"]:
        text += f" (Seharusnya: {i['expected']})"
    return text


@pytest.mark.seeds
def test_gumukmas_docx_done_when(seeds_dir: Path, tmp_path: Path) -> None:
    """Seed as DOCX (pandoc): the annotated DOCX's comments equal the --format json issues, one to
    one and in order, each anchored on text containing its excerpt."""
    import pypandoc

    seed = seeds_dir / "lkip-2023-kecamatan-gumukmas.txt"
    doc_in = tmp_path / "gumukmas.docx"
    pypandoc.convert_file(str(seed), "docx", format="markdown", outputfile=str(doc_in))
    before = _sha(doc_in)
    runner = CliRunner()
    js_path = tmp_path / "gumukmas.json"
    res = runner.invoke(app, ["check", str(doc_in), "--format", "json", "-o", str(js_path)])
    assert res.exit_code in (0, 1), res.output
    issues = json.loads(js_path.read_text(encoding="utf-8"))["files"][0]["issues"]
    out = tmp_path / "gumukmas-reviu.docx"
    res = runner.invoke(app, ["check", str(doc_in), "--annotate", "-o", str(out)])
    assert res.exit_code in (0, 1), res.output
    assert _sha(doc_in) == before
    comments = read_comments(out)
    assert len(comments) == len(issues)
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    for c, i in zip(comments, issues, strict=True):
        assert c["text"] == _expected_comment(i)
        assert c["author"] == "lkip"
        assert norm(str(i["excerpt"])) in norm(c["anchor"]), (i, c)


def test_docx_random_ranges_anchor_exactly(tmp_path: Path) -> None:
    """Many overlapping random ranges over runs with breaks, tabs, formatting and a hyperlink:
    every comment covers exactly its characters and the document text is unchanged."""
    import random

    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    rng = random.Random(4)
    d = docx.Document()
    words = "Capaian kinerja tahun 2023 sebesar 103,59% dari target 85 persen dan realisasi 88,05".split()
    for k in range(12):
        p = d.add_paragraph()
        for j in range(rng.randrange(2, 7)):
            run = p.add_run(" ".join(rng.sample(words, 3)) + (" " if j % 2 else "\t"))
            run.bold = rng.random() < 0.4
            run.italic = rng.random() < 0.3
            if rng.random() < 0.2:
                run.add_break()
        if k % 4 == 0:
            p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="a"><w:r><w:t>tautan data</w:t>'
                                  f'</w:r></w:hyperlink>'))
    t = d.add_table(rows=2, cols=2)
    for cell in (t.cell(0, 0), t.cell(1, 1)):
        cell.text = "nilai 98,50 persen"
    src = tmp_path / "acak.docx"
    d.save(str(src))
    paragraphs = docx_paragraphs(docx.Document(str(src)))
    texts = [p.text for p in paragraphs]
    issues = []
    for k in range(150):
        n = rng.randrange(1, len(texts) + 1)
        text = texts[n - 1]
        if not text:
            continue
        s = rng.randrange(len(text))
        e = min(len(text), s + rng.randrange(1, 25))
        issues.append(Issue(f"ZZ{k:03d}", "other", "info", f"acak {k}",
                            Location(n, s + 1, n, e + 1, {"paragraph": n}), text[s:e]))
    out = tmp_path / "acak-reviu.docx"
    annotate_file(src, issues, out)
    comments = {c["text"]: c for c in read_comments(out)}
    assert len(comments) == len(issues)
    for issue in issues:
        assert comments[comment_text(issue)]["anchor"] == issue.excerpt
    assert [p.text for p in docx_paragraphs(docx.Document(str(out)))] == texts
