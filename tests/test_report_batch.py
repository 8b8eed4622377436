"""``lkip check DIR/``: parallel batch, summary (HTML, xlsx), one corrupt file skipped."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from drafter.check import registry
from drafter.check.batch import check_many, collect_files
from drafter.check.config import make_config
from drafter.check.context import CheckContext
from drafter.check.registry import Issue, Rule
from drafter.cli import app


class _Angka(Rule):
    """Flags the token SALAHANGKA (test rule, numeric category).

    Lets the batch tests count issues without depending on real rules.
    """

    code = "ZZ911"
    name = "test-angka"
    category = "arithmetic"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit in ctx.document.text_units():
            for m in re.finditer(r"SALAHANGKA", unit.text):
                yield self.issue(unit, m.start(), m.end(), "angka salah", "angka benar")


class _Ketik(Rule):
    """Flags the token SALAHKETIK as a warning (test rule)."""

    code = "ZZ912"
    name = "test-ketik"
    category = "typo"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit in ctx.document.text_units():
            for m in re.finditer(r"SALAHKETIK", unit.text):
                yield self.issue(unit, m.start(), m.end(), "salah ketik")


@pytest.fixture
def test_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    registry.all_rules()
    monkeypatch.setattr(registry, "_REGISTRY", {"ZZ911": _Angka, "ZZ912": _Ketik})
    yield


def _folder(tmp_path: Path) -> Path:
    d = tmp_path / "laporan"
    d.mkdir()
    (d / "a-bersih.txt").write_text("BAB III AKUNTABILITAS KINERJA\n\nSemua angka benar.\n",
                                    encoding="utf-8")
    (d / "b-buruk.md").write_text("# BAB III AKUNTABILITAS KINERJA\n\nSALAHANGKA dan SALAHANGKA "
                                  "serta SALAHKETIK.\n", encoding="utf-8")
    (d / "c-sedang.txt").write_text("BAB III AKUNTABILITAS KINERJA\n\nSatu SALAHKETIK saja.\n",
                                    encoding="utf-8")
    sub = d / "sub"
    sub.mkdir()
    (sub / "d-rusak.docx").write_bytes(b"PK\x03\x04 ini bukan arsip zip yang sah" * 10)
    (d / "abaikan.odt").write_bytes(b"%PDF-1.4")
    return d


def test_collect_files(tmp_path: Path) -> None:
    d = _folder(tmp_path)
    names = [p.name for p in collect_files(d)]
    assert names == ["a-bersih.txt", "b-buruk.md", "c-sedang.txt", "d-rusak.docx"]


def test_check_many_parallel_keeps_going(test_rules: None, tmp_path: Path) -> None:
    d = _folder(tmp_path)
    files = collect_files(d)
    results = check_many(files, make_config(d), jobs=2, progress=False)
    assert [Path(r.path).name for r in results] == [f.name for f in files]  # input order kept
    bad = [r for r in results if r.error]
    assert len(bad) == 1 and bad[0].path.endswith("d-rusak.docx")
    counts = {Path(r.path).name: len(r.issues) for r in results}
    assert counts["b-buruk.md"] == 3 and counts["c-sedang.txt"] == 1 and counts["a-bersih.txt"] == 0


def test_batch_html_summary(test_rules: None, tmp_path: Path) -> None:
    d = _folder(tmp_path)
    out = tmp_path / "ringkasan.html"
    res = CliRunner().invoke(app, ["check", str(d), "--format", "html", "-o", str(out), "--jobs", "2"])
    assert res.exit_code == 1, res.output  # an error-severity issue was found
    assert "d-rusak.docx" in res.output  # unreadable file reported on stderr
    html = out.read_text(encoding="utf-8")
    summary = html[html.index('id="ringkasan"'):html.index('<section class="file"')]
    # worst files first, unreadable last
    order = [m for m in re.findall(r'>([^<>]*?(?:a-bersih|b-buruk|c-sedang|d-rusak)[^<>]*)</a>', summary)]
    assert [Path(p).name for p in order] == ["b-buruk.md", "c-sedang.txt", "a-bersih.txt", "d-rusak.docx"]
    assert "Tidak dapat diperiksa" in summary
    # file x category counts: arithmetic column before typo
    head = re.search(r"<thead>(.*?)</thead>", summary, re.S)
    assert head is not None and head.group(1).index("Aritmetika") < head.group(1).index("Salah ketik")
    # per-file sections with their own anchors and highlights
    assert html.count('<section class="file"') == 4
    assert html.count('<mark class="hl') == 4


def test_batch_xlsx_and_json(test_rules: None, tmp_path: Path) -> None:
    d = _folder(tmp_path)
    out = tmp_path / "ringkasan.xlsx"
    res = CliRunner().invoke(app, ["check", str(d), "--format", "xlsx", "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 1, res.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Temuan"]
    files = [Path(c.value).name for c in wb["Ringkasan"]["A"][1:]]
    assert files == ["b-buruk.md", "c-sedang.txt", "a-bersih.txt", "d-rusak.docx"]
    assert wb["Temuan"]["A1"].value == "Berkas"
    assert wb["Temuan"].max_row == 1 + 4

    js = CliRunner().invoke(app, ["check", str(d), "--format", "json"])
    data = json.loads(js.stdout)
    assert data["summary"]["files_failed"] == 1
    assert any("error" in f for f in data["files"])


def test_batch_exit_codes(test_rules: None, tmp_path: Path) -> None:
    d = tmp_path / "campur"
    d.mkdir()
    (d / "ok.txt").write_text("BAB III\n\nSALAHKETIK saja.\n", encoding="utf-8")
    (d / "rusak.docx").write_bytes(b"bukan docx")
    # only warnings + one unreadable file: still 0 (not 2)
    res = CliRunner().invoke(app, ["check", str(d)])
    assert res.exit_code == 0, res.output
    assert "rusak.docx" in res.output
    # nothing readable at all: 2
    (d / "ok.txt").unlink()
    res = CliRunner().invoke(app, ["check", str(d)])
    assert res.exit_code == 2
