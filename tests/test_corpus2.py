"""The second held-out corpus (tests/corpus2): every gold file loads, is well formed, and every
line it names holds the quoted text. The checker's recall on these reports is measured with
scripts/score_devset.py --corpus tests/corpus2, not gated here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus2"
CATEGORIES = {"arithmetic", "predicate", "claim-vs-table", "cross-table", "year", "leftover",
              "foreign-name", "count", "terbilang", "typo", "structure", "other"}
GOLDS = sorted(CORPUS.glob("*.gold.yaml"))


def _load(name: str, path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build = _load("corpus_build", ROOT / "tests" / "corpus" / "build.py")
verify = _load("corpus2_verify", CORPUS / "verify.py")


@pytest.fixture(scope="module")
def lines_of() -> dict[str, list[str]]:
    return {g.name: build.report_lines(build.report_for(g)) for g in GOLDS}


def test_five_reports_in_five_layouts() -> None:
    assert len(GOLDS) == 5
    reports = [build.report_for(g) for g in GOLDS]
    assert all(r is not None for r in reports)
    assert {r.suffix for r in reports} == {".md", ".txt", ".docxsrc"}
    texts = {r.name: r.read_text(encoding="utf-8") for r in reports}
    assert any("<table>" in t for t in texts.values()), "no HTML-table report"
    assert any(sum(1 for ln in t.split("\n") if ln.count("\t") >= 3) > 20 for t in texts.values()), \
        "no tab-table report"
    for name, text in texts.items():
        assert 15_000 <= len(text.encode("utf-8")) <= 40_000, (name, len(text.encode("utf-8")))


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_gold_file_is_well_formed(gold: Path) -> None:
    entries, traps = build.load_gold(gold)
    assert 12 <= len(entries) <= 20, len(entries)
    assert 10 <= len(traps) <= 15, len(traps)
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for e in entries:
        assert {"id", "line", "quote", "category", "detectable", "explanation"} <= set(e), e
        assert e["category"] in CATEGORIES, e
        assert e["detectable"] in ("auto", "hard"), e
        assert isinstance(e["line"], int) and e["line"] > 0, e
        assert str(e["explanation"]).strip(), e
    for t in traps:
        assert {"line", "quote", "explanation"} <= set(t), t
        assert set(t.get("categories") or []) <= CATEGORIES, t
    assert len({e["category"] for e in entries}) >= 7


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_every_line_reference_is_valid(gold: Path, lines_of: dict[str, list[str]]) -> None:
    lines = lines_of[gold.name]
    entries, traps = build.load_gold(gold)
    bad = verify.problems(gold, build)
    for e in list(entries) + list(traps):
        quotes = e.get("related_quotes") or []
        related = e.get("related_lines") or []
        if quotes:
            want = sorted({build._find(lines, q) if isinstance(q, str) else build._find(lines, q[0], int(q[1]))
                           for q in quotes})
            if want != sorted(related):
                bad.append(f"{e.get('id')} related_lines {related} != lines of related_quotes {want}")
        # the quote is found where resolve would put it (nth / after honoured)
        want_line = build._find(lines, e["quote"], int(e.get("nth", 1)), e.get("after"))
        if want_line != int(e["line"]):
            bad.append(f"{e.get('id', 'trap')} line {e['line']} != resolved line {want_line}")
    assert not bad, "\n".join(bad)


def test_verify_reports_a_wrong_line(tmp_path: Path) -> None:
    """The checker of line references fails when a line does not hold its quote."""
    report = tmp_path / "09_x.txt"
    report.write_text("satu\ndua\ntiga\n", encoding="utf-8")
    gold = tmp_path / "09_x.gold.yaml"
    gold.write_text("entries:\n- {id: X-1, line: 2, quote: tiga, category: year, detectable: auto, explanation: e}\n"
                    "traps: []\n", encoding="utf-8")
    assert verify.problems(gold, build)
    gold.write_text(gold.read_text(encoding="utf-8").replace("line: 2", "line: 3"), encoding="utf-8")
    assert verify.problems(gold, build) == []


def test_traps_are_not_defect_lines() -> None:
    for gold in GOLDS:
        entries, traps = build.load_gold(gold)
        defect_lines = {int(e["line"]) for e in entries if e["category"] != "typo"}
        shared = [t["quote"] for t in traps if int(t["line"]) in defect_lines]
        assert not shared, (gold.name, shared)


def test_no_two_traps_on_one_line() -> None:
    for gold in GOLDS:
        _entries, traps = build.load_gold(gold)
        lines = [int(t["line"]) for t in traps]
        assert len(lines) == len(set(lines)), gold.name


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_report_reads(gold: Path, tmp_path: Path) -> None:
    from drafter.document.readers import read_document

    report = build.report_for(gold)
    path = build.build_docx(report, tmp_path / (report.stem + ".docx")) if report.suffix == ".docxsrc" else report
    doc = read_document(path)
    assert sum(1 for _ in doc.text_units()) > 50


def test_docx_source_has_merged_header_cells(tmp_path: Path) -> None:
    import docx

    src = next(CORPUS.glob("*.docxsrc"))
    d = docx.Document(str(build.build_docx(src, tmp_path / "x.docx")))
    xml = d.element.xml
    assert "w:gridSpan" in xml and "w:vMerge" in xml


def test_trap_on_a_related_line_excludes_that_defect_category() -> None:
    """A trap that is also a related line of a defect (the other end of a contradiction) may be
    where a checker reports that defect; only issues of other categories count as flagging it."""
    for gold in GOLDS:
        entries, traps = build.load_gold(gold)
        related: dict[int, set[str]] = {}
        for e in entries:
            for r in e.get("related_lines") or []:
                related.setdefault(int(r), set()).add(e["category"])
        for t in traps:
            cats = related.get(int(t["line"]))
            if cats:
                assert t.get("categories"), (gold.name, t["quote"])
                assert not cats & set(t["categories"]), (gold.name, t["quote"], cats)
