"""The held-out spelling sets (tests/spellset/, tests/spellset2/) are well formed: every gold word is on its line,
kinds and causes are from the documented lists, and the excerpts have the promised size. Also
checks the matching logic of scripts/score_spelling.py on made-up issues. This is not a recall
test: the figures are measured with the script and recorded in tests/spellset/README.md."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "tests" / "spellset", ROOT / "tests" / "spellset2"]
GOLDS = sorted(g for folder in SETS for g in folder.glob("*.gold.yaml"))


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_spelling", ROOT / "scripts" / "score_spelling.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["score_spelling"] = mod
    spec.loader.exec_module(mod)
    return mod


S = _scorer()


@pytest.mark.parametrize("folder", SETS, ids=lambda p: p.name)
def test_set_size(folder: Path) -> None:
    golds = sorted(folder.glob("*.gold.yaml"))
    assert 12 <= len(golds) <= 15
    total = sum(len(S.load_gold(g)["misspellings"]) for g in golds)
    assert total >= 60


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: f"{p.parent.name}/{p.stem.split('.')[0]}")
def test_gold_file_valid(gold_path: Path) -> None:
    gold = S.load_gold(gold_path)  # raises GoldError on a word not on its line, a bad kind, ...
    report: Path = gold["_report"]
    assert report.suffix in {".md", ".txt"}
    assert 1500 <= len(report.read_bytes()) <= 4096, report.name
    lines = gold["_lines"]
    # a small table: Markdown pipes or an aligned plain-text table with percentages
    assert any(line.count("|") >= 4 or re.search(r"\s{2,}\d+,\d+%\s*$", line) for line in lines)
    assert 4 <= len(gold["misspellings"]) <= 10
    for g in gold["misspellings"]:
        assert g["word"] != g["correct"], g
        assert g["kind"] in S.KINDS
    seen = {(g["line"], g["word"]) for g in gold["misspellings"]}
    assert len(seen) == len(gold["misspellings"]), "duplicate gold entry"
    # a trap is never also a misspelling on the same line
    for t in gold["traps"]:
        assert (t["line"], t["word"]) not in seen, t


def _write(tmp_path: Path, text: str, gold: str) -> Path:
    (tmp_path / "x.md").write_text(text, encoding="utf-8")
    path = tmp_path / "x.gold.yaml"
    path.write_text(gold, encoding="utf-8")
    return path


def test_load_gold_rejects_word_off_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "baris satu\nkesahatan dua\n",
                  "file: x.md\nmisspellings:\n- {line: 1, word: kesahatan, correct: kesehatan, kind: substituted}\n")
    with pytest.raises(S.GoldError, match="not on line 1"):
        S.load_gold(path)


def test_load_gold_rejects_unknown_kind(tmp_path: Path) -> None:
    path = _write(tmp_path, "kesahatan\n",
                  "file: x.md\nmisspellings:\n- {line: 1, word: kesahatan, correct: kesehatan, kind: typo}\n")
    with pytest.raises(S.GoldError, match="kind"):
        S.load_gold(path)


def test_word_pattern_not_inside_longer_word() -> None:
    assert S.word_pattern("analisa").search("hasil Analisa tim")
    assert not S.word_pattern("analisa").search("hasil analisanya")
    assert S.word_pattern("di kelola").search("yang di kelola kelompok")


def test_score_file_counts_hits_misses_and_false_notes(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "Distrik Asologaima\nhasil analisa dan kesahatan\n",
        "file: x.md\nmisspellings:\n"
        "- {line: 2, word: analisa, correct: analisis, kind: nonstandard}\n"
        "- {line: 2, word: kesahatan, correct: kesehatan, kind: substituted}\n"
        "traps:\n- {line: 1, word: Asologaima, cause: place}\n",
    )
    gold = S.load_gold(path)
    issues = [
        {"rule": "SP103", "line": 2, "excerpt": "analisa", "message": "bentuk baku: analisis"},
        {"rule": "SP101", "line": 1, "excerpt": "Asologaima", "message": "kata tidak dikenal"},
        {"rule": "SP101", "line": 1, "excerpt": "kesahatan", "message": "wrong line"},
        {"rule": "NU101", "line": 2, "excerpt": "kesahatan", "message": "not a spelling rule"},
    ]
    r = S.score_file(gold, issues)
    assert (r["gold"], r["found"], r["spelling_issues"], r["real"]) == (2, 1, 3, 1)
    assert [m["word"] for m in r["misses"]] == ["kesahatan"]
    assert sorted(f["cause"] for f in r["false"]) == ["place", "unlisted"]
