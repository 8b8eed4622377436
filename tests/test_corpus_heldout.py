"""The corpora tests/corpus3, tests/corpus4 (held out when written, dev data since), tests/corpus5,
tests/corpus6, tests/corpus7, tests/corpus8, tests/corpus9, tests/corpus10, tests/corpus11, tests/corpus12, tests/corpus13, tests/corpus14, tests/corpus15, tests/corpus16, tests/corpus17, tests/corpus18, tests/corpus19, tests/corpus20, tests/corpus21, tests/corpus22, tests/corpus23, tests/corpus24, tests/corpus25 and tests/corpus26 (held out): every report reads, every gold file is
well formed, every quote of an entry or trap is on the line it names and no trap shares a line with
a defect. This is a validity test of the gold data, not a recall test: the corpora are held out and
only scored with ``scripts/score_devset.py --corpus tests/corpus10`` (or ``corpus3``..``corpus9``, ``corpus11``..``corpus26``)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = {"arithmetic", "predicate", "claim-vs-table", "cross-table", "year", "leftover",
              "foreign-name", "count", "terbilang", "typo", "structure", "other"}


@dataclass(frozen=True)
class Corpus:
    """One held-out corpus and the bounds its author set for it."""

    name: str
    reports: int  # at least this many reports
    suffixes: frozenset[str]  # formats that must be present
    size: tuple[int, int]  # bytes per report
    entries: tuple[int, int]  # defects per gold file
    traps: tuple[int, int]  # traps per gold file

    @property
    def golds(self) -> list[Path]:
        return sorted((ROOT / "tests" / self.name).glob("*.gold.yaml"))


CORPORA = (
    Corpus("corpus3", 5, frozenset({".md", ".txt", ".docxsrc"}), (15_000, 32_000), (15, 20), (12, 16)),
    Corpus("corpus4", 3, frozenset({".md", ".txt"}), (12_000, 18_000), (12, 16), (10, 12)),
    Corpus("corpus5", 5, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 15_000), (15, 18), (14, 14)),
    Corpus("corpus6", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 16_500), (14, 17), (12, 14)),
    Corpus("corpus7", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (12, 14)),
    Corpus("corpus8", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (12, 14)),
    Corpus("corpus9", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (12, 14)),
    Corpus("corpus10", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (12, 14)),
    Corpus("corpus11", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (12, 14)),
    Corpus("corpus12", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus13", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus14", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus15", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus16", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus17", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus18", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 18), (10, 14)),  # one trap corrected to an entry
    Corpus("corpus19", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus20", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus21", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus22", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus23", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus24", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus25", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus26", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus27", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus28", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus29", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus30", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus31", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus32", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus33", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus34", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus35", 2, frozenset({".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),  # INCOMPLETE: 2 of 4 reports
    Corpus("corpus38", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus36", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus40", 3, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),  # 3 of 4 planned reports
    Corpus("corpus37", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus41", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus39", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus44", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus42", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus43", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus45", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus47", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus46", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus50", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus48", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus51", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus49", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus52", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus55", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus56", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus53", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus54", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus57", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus58", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus59", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus60", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus61", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus62", 3, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),  # 3 of 4 planned reports
    Corpus("corpus64", 3, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),  # 3 of 4 planned reports
    Corpus("corpus65", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus63", 3, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),  # 3 of 4 planned reports
    Corpus("corpus66", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus67", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus68", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus69", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus71", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus70", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus72", 3, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),  # 3 of 4 planned reports
    Corpus("corpus74", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus73", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus75", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus77", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus78", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
    Corpus("corpus76", 4, frozenset({".md", ".txt", ".docxsrc"}), (11_000, 17_000), (14, 17), (10, 14)),
)
GOLDS = [(c, g) for c in CORPORA for g in c.golds]
GOLD_IDS = [f"{c.name}/{g.name}" for c, g in GOLDS]


def _build() -> Any:
    spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "tests" / "corpus" / "build.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build = _build()


@pytest.fixture(scope="module")
def lines_of() -> dict[str, list[str]]:
    return {str(g): build.report_lines(build.report_for(g)) for _c, g in GOLDS}


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c.name)
def test_corpus_has_its_reports_in_several_formats(corpus: Corpus) -> None:
    golds = corpus.golds
    assert len(golds) >= corpus.reports
    reports = [build.report_for(g) for g in golds]
    assert all(r is not None for r in reports), [g.name for g, r in zip(golds, reports, strict=True) if r is None]
    assert {r.suffix for r in reports} >= corpus.suffixes
    for r in reports:
        size = r.stat().st_size
        assert corpus.size[0] <= size <= corpus.size[1], (r.name, size)


@pytest.mark.parametrize(("corpus", "gold"), GOLDS, ids=GOLD_IDS)
def test_gold_file_is_well_formed(corpus: Corpus, gold: Path) -> None:
    entries, traps = build.load_gold(gold)
    assert corpus.entries[0] <= len(entries) <= corpus.entries[1], len(entries)
    assert corpus.traps[0] <= len(traps) <= corpus.traps[1], len(traps)
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


@pytest.mark.parametrize(("corpus", "gold"), GOLDS, ids=GOLD_IDS)
def test_every_quote_is_on_its_line(corpus: Corpus, gold: Path, lines_of: dict[str, list[str]]) -> None:
    lines = lines_of[str(gold)]
    entries, traps = build.load_gold(gold)
    bad = []
    for e in list(entries) + list(traps):
        ln = int(e["line"])
        if not 1 <= ln <= len(lines) or e["quote"] not in lines[ln - 1]:
            bad.append(f"{e.get('id', 'trap')} line {ln}: {e['quote']!r}")
        quotes = e.get("related_quotes") or []
        related = e.get("related_lines") or []
        if quotes:
            want = sorted({build._find(lines, q) if isinstance(q, str) else build._find(lines, q[0], int(q[1]))
                           for q in quotes})
            if want != sorted(related):
                bad.append(f"{e.get('id')} related_lines {related} != lines of related_quotes {want}")
        for r in related:
            assert 1 <= int(r) <= len(lines)
    assert not bad, "\n".join(bad)


def test_traps_are_not_defect_lines() -> None:
    for _corpus, gold in GOLDS:
        entries, traps = build.load_gold(gold)
        defect_lines = {int(e["line"]) for e in entries if e["category"] != "typo"}
        shared = [t["quote"] for t in traps if int(t["line"]) in defect_lines]
        assert not shared, (gold.name, shared)


def test_defects_are_apart() -> None:
    """Two non-typo defects on the same line would be found by one issue: each has its own line."""
    for _corpus, gold in GOLDS:
        entries, _traps = build.load_gold(gold)
        lines = [int(e["line"]) for e in entries if e["category"] != "typo"]
        assert len(lines) == len(set(lines)), gold.name


@pytest.mark.parametrize(("corpus", "gold"), GOLDS, ids=GOLD_IDS)
def test_report_reads(corpus: Corpus, gold: Path, tmp_path: Path) -> None:
    from drafter.document.readers import read_document

    report = build.report_for(gold)
    path = build.build_docx(report, tmp_path / (report.stem + ".docx")) if report.suffix == ".docxsrc" else report
    doc = read_document(path)
    assert sum(1 for _ in doc.text_units()) > 50


@pytest.mark.parametrize("name", ["corpus3", "corpus7", "corpus8", "corpus9", "corpus10", "corpus11"])
def test_docx_source_has_merged_header_cells(name: str, tmp_path: Path) -> None:
    import docx

    src = next((ROOT / "tests" / name).glob("*.docxsrc"))
    d = docx.Document(str(build.build_docx(src, tmp_path / "x.docx")))
    xml = d.element.xml
    assert "w:gridSpan" in xml and "w:vMerge" in xml


def test_traps_are_not_related_lines() -> None:
    """A trap must not be a related line of a defect either: an issue there may rightly report
    the defect, and would then be counted as a flagged trap."""
    for _corpus, gold in GOLDS:
        entries, traps = build.load_gold(gold)
        related = {int(r) for e in entries if e["category"] != "typo" for r in e.get("related_lines") or []}
        shared = [t["quote"] for t in traps if int(t["line"]) in related]
        assert not shared, (gold.name, shared)
