"""Cross-document checks (lkip check LKIP --with SIBLING): the Gumukmas LKIP against its SK
IKU, and drafted examples against mutated copies of themselves as last year's LKIP."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import all_rules
from drafter.check.runner import run_rules
from drafter.cli import app
from drafter.crossdoc import detect_kind, load_sibling, siblings_from_texts
from drafter.crossdoc.issues import CrossIssue
from drafter.document.readers import parse_text, read_document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
LKIP = SEEDS / "lkip-2023-kecamatan-gumukmas.txt"
SK_IKU = SEEDS / "sk-iku-2025-kecamatan-gumukmas.txt"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
XD = [r for r in all_rules() if r.code.startswith("XD")]

needs_seeds = pytest.mark.skipif(not (LKIP.exists() and SK_IKU.exists()), reason="no seeds")


def _cross(doc_text: str, siblings: list[Any], path: str = "<lkip>.md") -> list[CrossIssue]:
    doc = parse_text(doc_text, path, markdown=True)
    ctx = CheckContext(doc, CheckConfig(extra={"siblings": siblings}))
    return [i for i in run_rules(ctx, XD, strict=True)]  # type: ignore[misc]


# ------------------------------------------------------------------ kinds
@needs_seeds
def test_kinds_are_recognised_from_content() -> None:
    assert detect_kind(read_document(SK_IKU)) == "iku"
    assert detect_kind(read_document(LKIP)) == "lkip"
    pk = parse_text("PERJANJIAN KINERJA TAHUN 2024\n\nDINAS PERHUBUNGAN KOTA CONTOH\n", "<pk>")
    assert detect_kind(pk) == "pk"
    assert detect_kind(parse_text("Notulen rapat koordinasi bulanan\n", "<x>")) is None


@needs_seeds
def test_override_syntax(tmp_path: Path) -> None:
    assert load_sibling(f"pk={SK_IKU}").kind == "pk"
    assert load_sibling(f"sk-iku={LKIP}").kind == "iku"
    res = CliRunner().invoke(app, ["check", str(LKIP), "--with", f"rapor={SK_IKU}"])
    assert res.exit_code == 2 and "--with" in res.output
    odd = tmp_path / "notulen.txt"
    odd.write_text("Notulen rapat koordinasi bulanan\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["check", str(LKIP), "--with", str(odd)])
    assert res.exit_code == 2 and "notulen.txt" in res.output


# ------------------------------------------------------------------ Gumukmas vs its SK IKU
@needs_seeds
def test_gumukmas_against_its_sk_iku() -> None:
    sib = load_sibling(str(SK_IKU))
    ctx = CheckContext(read_document(LKIP), CheckConfig(extra={"siblings": [sib]}))
    issues = run_rules(ctx, XD, strict=True)
    got = sorted((i.rule, i.location.line) for i in issues)
    # the two IKU indicators Tabel 3.1 does not measure (Dokumen Penataan, Nilai SAKIP OPD)
    missing = [i for i in issues if i.rule == "XD101"]
    assert sorted(i.related[0].excerpt for i in missing) == [
        "Jumlah Dokumen Penataan Organisasi dan Tata Laksana Pemerintah Daerah", "Nilai SAKIP OPD"]
    # Tabel 3.1 row 3 names the fasilitasi indicator otherwise than the SK
    assert ("XD103", 421) in got
    # formulas of the reprinted IKU table: indicator 3 (both sides), 6 (denominator), and the
    # lampiran print of indicator 4 (its numerator; the SK prints "yg masuk" twice)
    assert [g for g in got if g[0] == "XD104"] == [("XD104", 353), ("XD104", 353),
                                                   ("XD104", 359), ("XD104", 1345)]
    # the report cites IKU decree 065/110/.../2023, the SK given is 000.8.6.3/52/.../2025
    assert ("XD109", 348) in got
    # every indicator of Tabel 3.1 is in the SK; the signatory is the same (same NIP)
    assert not [g for g in got if g[0] in ("XD102", "XD110")]
    assert len(issues) == 8
    for i in issues:
        assert isinstance(i, CrossIssue) and i.related
        assert "sk-iku-2025-kecamatan-gumukmas.txt" in i.message  # names the other document
        assert all(r.file == str(SK_IKU) and r.location.line > 0 for r in i.related)


@needs_seeds
def test_cli_outputs_carry_the_second_place(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["check", str(LKIP), "--with", str(SK_IKU), "--select", "XD",
                              "-f", "json"])
    data = json.loads(res.stdout)
    issues = data["files"][0]["issues"]
    assert issues and all(i["category"] == "cross-document" for i in issues)
    assert all(i["related"][0]["file"] == str(SK_IKU) and i["related"][0]["line"] >= 1
               for i in issues)
    res = runner.invoke(app, ["check", str(LKIP), "--with", str(SK_IKU), "--select", "XD",
                              "-f", "sarif"])
    results = json.loads(res.stdout)["runs"][0]["results"]
    assert results and all(r["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] >= 1
                           for r in results)
    res = runner.invoke(app, ["check", str(LKIP), "--with", str(SK_IKU), "--select", "XD"])
    assert res.exit_code == 1 and "sk-iku-2025-kecamatan-gumukmas.txt, baris" in res.stdout
    out = tmp_path / "r.html"
    res = runner.invoke(app, ["check", str(LKIP), "--with", str(SK_IKU), "--select", "XD",
                              "-f", "html", "-o", str(out)])
    assert "sk-iku-2025-kecamatan-gumukmas.txt, baris" in out.read_text(encoding="utf-8")
    # without --with the cross-document rules find nothing
    res = runner.invoke(app, ["check", str(LKIP), "--select", "XD", "-f", "json"])
    assert json.loads(res.stdout)["files"][0]["issues"] == []


# ------------------------------------------------------------------ drafts vs mutated copies
def _draft(example: Path, tmp_path: Path) -> str:
    from drafter.draft import draft_file

    out = tmp_path / f"{example.stem}.md"
    draft_file(example, out, "all")
    fig = yaml.safe_load(example.read_text(encoding="utf-8"))
    head = fig["instansi"]["kepala"]
    sign = (f"\n\n{fig['instansi']['nama']}, 20 Januari {fig['tahun'] + 1}\n\n"
            f"Nama : {head['nama']}\n\nJabatan : {head.get('jabatan') or 'Kepala'}\n\n"
            f"NIP : {head.get('nip') or '197001011990031001'}\n")
    return out.read_text(encoding="utf-8") + sign


def _table_lines(text: str, caption: str) -> tuple[int, int]:
    lines = text.split("\n")
    start = next(k for k, line in enumerate(lines) if line.startswith(caption))
    k = start + 1
    while k < len(lines) and not lines[k].startswith("|"):
        k += 1
    end = k
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return k + 2, end  # data rows (after the header and the rule)


def _set_cell(text: str, caption: str, row: int, header_word: str, new: str) -> tuple[str, str]:
    """``text`` with cell (data row ``row``, first column whose header has ``header_word``) of
    the table captioned ``caption`` set to ``new``; also the old value."""
    lines = text.split("\n")
    first, end = _table_lines(text, caption)
    header = [c.strip() for c in lines[first - 2].strip("|").split("|")]
    col = next(k for k, h in enumerate(header) if header_word in h)
    cells = lines[first + row].strip("|").split("|")
    old = cells[col].strip()
    cells[col] = f" {new} "
    lines[first + row] = "|" + "|".join(cells) + "|"
    return "\n".join(lines), old


def _bump(value: str) -> str:
    m = re.search(r"\d+", value)
    assert m, value
    return value[:m.start()] + str(int(m.group()) + 1) + value[m.end():]


def _numeric_row(text: str, caption: str, header_word: str) -> int:
    lines = text.split("\n")
    first, end = _table_lines(text, caption)
    header = [c.strip() for c in lines[first - 2].strip("|").split("|")]
    col = next(k for k, h in enumerate(header) if header_word in h)
    for r in range(end - first):
        if re.search(r"\d", lines[first + r].strip("|").split("|")[col]):
            return r
    raise AssertionError(f"no numeric {header_word} in {caption}")


def _issues_against(text: str, copy: str, tmp_path: Path) -> list[CrossIssue]:
    prev = tmp_path / "lalu.md"
    prev.write_text(copy, encoding="utf-8")
    return _cross(text, [load_sibling(f"lkip={prev}")])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_unmutated_copy_gives_nothing(example: Path, tmp_path: Path) -> None:
    text = _draft(example, tmp_path)
    assert _issues_against(text, text, tmp_path) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_mutation_is_found(example: Path, tmp_path: Path) -> None:
    text = _draft(example, tmp_path)
    year = yaml.safe_load(example.read_text(encoding="utf-8"))["tahun"]
    found: dict[str, list[CrossIssue]] = {}

    # a previous-year value of the comparison table
    row = _numeric_row(text, "Tabel 3.2", f"Realisasi {year - 1}")
    copy, old = _set_cell(text, "Tabel 3.2", row, f"Realisasi {year - 1}", "")
    copy, _ = _set_cell(copy, "Tabel 3.2", row, f"Realisasi {year - 1}", _bump(old))
    found["previous-year value"] = _issues_against(text, copy, tmp_path)
    assert [i.rule for i in found["previous-year value"]] == ["XD106"]
    assert old.startswith(found["previous-year value"][0].excerpt)

    # a Renstra target
    row = _numeric_row(text, "Tabel 3.3", "Renstra")
    copy, old = _set_cell(text, "Tabel 3.3", row, "Renstra", "")
    copy, _ = _set_cell(copy, "Tabel 3.3", row, "Renstra", _bump(old))
    found["renstra"] = _issues_against(text, copy, tmp_path)
    assert [i.rule for i in found["renstra"]] == ["XD108"]
    assert old.startswith(found["renstra"][0].excerpt)

    # an indicator name (renamed everywhere in last year's report)
    fig = yaml.safe_load(example.read_text(encoding="utf-8"))
    name = fig["sasaran"][-1]["indikator"][-1]["nama"]
    copy = text.replace(name, name + " Berkelanjutan")
    found["name"] = _issues_against(text, copy, tmp_path)
    assert {i.rule for i in found["name"]} == {"XD107"}
    assert all(name in i.excerpt and "Berkelanjutan" in (i.expected or "") for i in found["name"])

    # the signatory
    head = fig["instansi"]["kepala"]["nama"]
    copy = text.replace(head, "Siti Rahayu Ningsih, S.Sos")
    copy = re.sub(r"NIP : \d+", "NIP : 198001012005012001", copy)
    found["signatory"] = _issues_against(text, copy, tmp_path)
    assert [i.rule for i in found["signatory"]] == ["XD110"]
    assert "Siti Rahayu Ningsih" in found["signatory"][0].message

    for what, issues in found.items():  # every issue names last year's report and its place
        for i in issues:
            assert "lalu.md" in i.message and i.related[0].location.line >= 1, what


def test_pk_targets_and_year() -> None:
    lkip = ("# LAPORAN KINERJA BADAN CONTOH TAHUN 2025\n\n## BAB III AKUNTABILITAS KINERJA\n\n"
            "Tabel 3.1 Pengukuran Kinerja Tahun 2025\n\n"
            "| No | Sasaran | Indikator | Target | Realisasi | Capaian (%) |\n"
            "| --- | --- | --- | --- | --- | --- |\n"
            "| 1 | Meningkatnya kualitas perencanaan | Nilai Evaluasi Renja | 85 | 88 | 103,53 |\n")
    pk = ("PERJANJIAN KINERJA TAHUN {y}\n\nBADAN CONTOH\n\n"
          "| No | Sasaran Strategis | Indikator Kinerja | Target |\n| --- | --- | --- | --- |\n"
          "| 1 | Meningkatnya kualitas perencanaan | Nilai Evaluasi Renja | {t} |\n")
    assert _cross(lkip, siblings_from_texts({"pk": pk.format(y=2025, t="85")})) == []
    issues = _cross(lkip, siblings_from_texts({"pk": pk.format(y=2025, t="90")}))
    assert [(i.rule, i.excerpt, i.expected) for i in issues] == [("XD105", "85", "90")]
    issues = _cross(lkip, siblings_from_texts({"pk": pk.format(y=2024, t="85")}))
    assert [i.rule for i in issues] == ["XD109"]


@needs_seeds
def test_a_sibling_of_another_office_is_one_issue() -> None:
    other = SEEDS / "lkip-2023-kecamatan-umbulsari.txt"
    if not other.exists():
        pytest.skip("no second seed")
    sib = load_sibling(f"lkip={other}")
    ctx = CheckContext(read_document(LKIP), CheckConfig(extra={"siblings": [sib]}))
    issues = run_rules(ctx, XD, strict=True)
    assert [(i.rule, i.severity) for i in issues] == [("XD109", "error")]
    assert "Kecamatan Umbulsari" in issues[0].message


@needs_seeds
def test_the_report_against_a_copy_of_itself() -> None:
    sib = load_sibling(f"lkip={LKIP}")
    ctx = CheckContext(read_document(LKIP), CheckConfig(extra={"siblings": [sib]}))
    assert run_rules(ctx, XD, strict=True) == []
    assert any("bertahun sama" in n for n in ctx.notices)
