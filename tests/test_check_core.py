"""The check command's core behaviour: output schema, exit codes, filters, config, suppression."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.check import registry
from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import Issue, Rule
from drafter.cli import app

ROOT = Path(__file__).resolve().parent.parent


class _Marker(Rule):
    """Flags the word MARKER (test rule).

    Used to test the check pipeline without depending on real rules.
    """

    code = "ZZ901"
    name = "test-marker"
    category = "leftover"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit in ctx.document.text_units():
            for m in re.finditer(r"MARKER", unit.text):
                yield self.issue(unit, m.start(), m.end(), "kata MARKER ditemukan", "hapus")


class _Note(Rule):
    """Flags the word NOTE as info (test rule)."""

    code = "ZZ902"
    name = "test-note"
    category = "typo"
    severity = "info"

    def check(self, ctx: CheckContext) -> Iterable[Issue]:
        for unit in ctx.document.text_units():
            for m in re.finditer(r"NOTE", unit.text):
                yield self.issue(unit, m.start(), m.end(), "kata NOTE")


@pytest.fixture
def only_test_rules(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    registry.all_rules()  # import the real rules first
    monkeypatch.setattr(registry, "_REGISTRY", {"ZZ901": _Marker, "ZZ902": _Note})
    yield


def _write(tmp_path: Path, text: str, name: str = "lap.txt") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_json_schema_exact(tmp_path: Path, only_test_rules: None) -> None:
    p = _write(tmp_path, "Baris satu.\nIni MARKER di sini dan NOTE.\n")
    res = CliRunner().invoke(app, ["check", str(p), "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"version", "files", "summary"}
    assert data["version"] == 1
    (f,) = data["files"]
    assert f["path"] == str(p)
    issues = f["issues"]
    assert [i["rule"] for i in issues] == ["ZZ901", "ZZ902"]
    first = issues[0]
    assert set(first) == {"rule", "category", "severity", "line", "column", "end_line",
                          "end_column", "message", "excerpt", "expected"}
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (2, 5, 2, 11)
    assert first["excerpt"] == "MARKER" and first["expected"] == "hapus"
    assert first["severity"] in ("error", "warning", "info")
    assert issues[1]["expected"] is None
    assert data["summary"]["issues"] == 2


def test_text_format_and_exit_codes(tmp_path: Path, only_test_rules: None) -> None:
    p = _write(tmp_path, "Ada MARKER.\n")
    res = CliRunner().invoke(app, ["check", str(p)])
    assert res.exit_code == 1
    assert f"{p}:1:5: ZZ901 [leftover] kata MARKER ditemukan (seharusnya: hapus)" in res.stdout
    clean = _write(tmp_path, "Tidak ada apa-apa. NOTE saja.\n", "bersih.txt")
    res = CliRunner().invoke(app, ["check", str(clean)])
    assert res.exit_code == 0, "info issues alone must not fail the check"


def test_select_ignore(tmp_path: Path, only_test_rules: None) -> None:
    p = _write(tmp_path, "MARKER dan NOTE\n")

    def rules_of(args: list[str]) -> list[str]:
        res = CliRunner().invoke(app, ["check", str(p), "--format", "json", *args])
        return [i["rule"] for i in json.loads(res.stdout)["files"][0]["issues"]]

    assert rules_of([]) == ["ZZ901", "ZZ902"]
    assert rules_of(["--select", "ZZ901"]) == ["ZZ901"]
    assert rules_of(["--select", "typo"]) == ["ZZ902"]
    assert rules_of(["--ignore", "leftover"]) == ["ZZ902"]
    assert rules_of(["--ignore", "ZZ"]) == []


def test_config_file(tmp_path: Path, only_test_rules: None, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path, "MARKER dan NOTE\n")
    (tmp_path / "lkip.toml").write_text('ignore = ["ZZ902"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["check", str(p), "--format", "json"])
    assert [i["rule"] for i in json.loads(res.stdout)["files"][0]["issues"]] == ["ZZ901"]
    (tmp_path / "lkip.toml").unlink()
    (tmp_path / "pyproject.toml").write_text('[tool.lkip]\nselect = ["typo"]\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(p), "--format", "json"])
    assert [i["rule"] for i in json.loads(res.stdout)["files"][0]["issues"]] == ["ZZ902"]


def test_bad_config_is_clean_error(tmp_path: Path, only_test_rules: None,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path, "MARKER\n")
    (tmp_path / "lkip.toml").write_text("ignore = [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["check", str(p)])
    assert res.exit_code == 2
    assert "lkip.toml" in res.stderr and "Traceback" not in res.output


def test_markdown_suppression(tmp_path: Path, only_test_rules: None) -> None:
    p = _write(tmp_path, "Satu MARKER.\n\n<!-- lkip: ignore ZZ901 -->\nDua MARKER.\n", "lap.md")
    res = CliRunner().invoke(app, ["check", str(p), "--format", "json"])
    lines = [i["line"] for i in json.loads(res.stdout)["files"][0]["issues"]]
    assert lines == [1]


def test_missing_file_exit_2(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["check", str(tmp_path / "tidak-ada.txt")])
    assert res.exit_code == 2
    assert "tidak ditemukan" in res.stderr


def test_rules_listing_and_explain() -> None:
    res = CliRunner().invoke(app, ["rules"])
    assert res.exit_code == 0
    codes = [line.split()[0] for line in res.stdout.splitlines() if line.strip()]
    assert codes == sorted(codes) and len(codes) == len(registry.all_rules())
    if codes:
        res = CliRunner().invoke(app, ["rules", codes[0]])
        assert res.exit_code == 0 and codes[0] in res.stdout and "Yang diperiksa" in res.stdout
    res = CliRunner().invoke(app, ["rules", "XX999"])
    assert res.exit_code == 2


def test_help_is_light() -> None:
    """`lkip --help` must not import pandoc, spaCy, python-docx or the rules."""
    code = (
        "import sys\n"
        "from drafter.cli import app\n"
        "from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['--help'])\n"
        "assert r.exit_code == 0\n"
        "heavy = [m for m in ('spacy', 'pypandoc', 'docx', 'openpyxl', 'drafter.check.rules')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    assert out.stdout.strip() == ""


def test_config_wants_prefix_and_category() -> None:
    cfg = CheckConfig(select=["AR"], ignore=["AR102"])
    assert cfg.wants("AR101", "arithmetic")
    assert not cfg.wants("AR102", "arithmetic")
    assert not cfg.wants("LO101", "leftover")


def test_atomic_write_mode_follows_umask(tmp_path: Path) -> None:
    import os

    from drafter.io import atomic_write

    out = tmp_path / "x.txt"
    old = os.umask(0o022)
    try:
        atomic_write(out, "isi")
    finally:
        os.umask(old)
    assert out.read_text(encoding="utf-8") == "isi"
    assert out.stat().st_mode & 0o777 == 0o644
