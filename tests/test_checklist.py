"""The completeness checklist (sasaran x analysis) in the HTML report and the spreadsheet."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from drafter.check.batch import FileResult, check_file
from drafter.check.context import CheckConfig
from drafter.check.rules.completeness import ANGGARAN_KEY, Checklist, render_checklist_text
from drafter.draft import draft_markdown
from drafter.report.html import render_html
from drafter.report.table import render_xlsx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_completeness import _deletions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("lkip-*.txt"))


def _result(text: str, tmp_path: Path, name: str = "draft.md") -> FileResult:
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return check_file(out, CheckConfig(select=["CM"]))


def _gaps(checklist: Checklist) -> set[tuple[int, str]]:
    return {(row.no, k) for row in checklist.rows for k, _i, _e in checklist.columns
            if not checklist.cell(row, k)}


def _sheet(result: FileResult) -> list[tuple[object, ...]]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx([result])))
    return list(wb["Kelengkapan"].iter_rows(values_only=True))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_drafts_tick_every_cell(path: Path, tmp_path: Path) -> None:
    res = _result(draft_markdown(path, "all"), tmp_path)
    cl = res.checklist
    assert isinstance(cl, Checklist) and cl.rows
    assert _gaps(cl) == set()
    # every tick points at a line of the draft that exists
    lines = draft_markdown(path, "all").split("\n")
    for row in cl.rows:
        for k, _i, _e in cl.columns:
            assert 1 <= cl.cell(row, k)[0].line <= len(lines)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_deleting_one_paragraph_flips_exactly_that_cell(path: Path, tmp_path: Path) -> None:
    md = draft_markdown(path, "all")
    before = _result(md, tmp_path).checklist
    assert before is not None
    cases = _deletions(path, md)
    assert cases
    for no, key, text in cases:
        res = _result(text, tmp_path)
        assert res.checklist is not None
        assert _gaps(res.checklist) == {(no, key)}, (no, key)
        # the HTML cell and the spreadsheet cell of that sasaran and analysis are crosses
        keys = [k for k, _i, _e in res.checklist.columns]
        rows = _sheet(res)
        row = next(r for r in rows[1:] if r[0] == no)
        col = 2 + keys.index(key)
        assert row[col] == "\u2717"
        assert sum(v == "\u2717" for r in rows[1:] for v in r) == 1
        html = render_html([res])
        assert html.count('<td class="gap"') == 1


def test_deleting_the_budget_section_flips_the_budget_column(tmp_path: Path) -> None:
    md = draft_markdown(EXAMPLES[0])
    cut = md[:md.index("## C. REALISASI ANGGARAN")]
    assert _gaps(_result(md, tmp_path).checklist) == set()
    res = _result(cut, tmp_path)
    assert res.checklist is not None
    assert {k for _no, k in _gaps(res.checklist)} == {ANGGARAN_KEY}


def test_html_shows_the_checklist_only_when_selected(tmp_path: Path) -> None:
    md = draft_markdown(EXAMPLES[0], "all")
    out = tmp_path / "d.md"
    out.write_text(md, encoding="utf-8")
    plain = check_file(out, CheckConfig())
    assert plain.checklist is None
    assert 'class="matrix checklist"' not in render_html([plain])
    chosen = check_file(out, CheckConfig(select=["CM"]))
    html = render_html([chosen])
    assert 'class="matrix checklist"' in html
    assert html.count("&#10003;") == len(chosen.checklist.rows) * len(chosen.checklist.columns)
    assert 'href="#f1-L' in html
    import openpyxl

    names = openpyxl.load_workbook(io.BytesIO(render_xlsx([plain]))).sheetnames
    assert "Kelengkapan" not in names


def test_user_text_in_the_checklist_is_escaped(tmp_path: Path) -> None:
    md = draft_markdown(EXAMPLES[0], "all")
    first = md.index("Sasaran Strategis 1:")
    eol = md.index("\n", first)
    md = md[:eol] + " <script>alert(1)</script>" + md[eol:]
    html = render_html([_result(md, tmp_path)])
    assert "<script>alert(1)</script>" not in html


@pytest.mark.skipif(not SEEDS, reason="no seeds")
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_checklists(seed: Path) -> None:
    res = check_file(seed, CheckConfig(select=["CM"]))
    cl = res.checklist
    assert cl is not None and len(cl.rows) >= 2
    text = render_checklist_text(cl)
    assert text.count("\n") == len(cl.rows) + 1
    # the checklist and CM101 say the same: one CM101 issue per missing analysis cell
    gaps = {(no, k) for no, k in _gaps(cl) if k != ANGGARAN_KEY}
    assert len([i for i in res.issues if i.rule == "CM101"]) == len(gaps)
