#!/usr/bin/env python3
"""Score the spelling checker against the held-out spelling set (tests/spellset/).

Each ``NN_name.gold.yaml`` in the set names its report (``file``: a ``.md`` or ``.txt`` excerpt
beside it) and lists ``misspellings`` ({line, word, correct, kind}) and optional ``traps``
({line, word, cause}: correct words that a naive checker may flag; not exhaustive).

Only spelling issues count: rule codes starting with ``SP`` or ``TY`` (category "typo" in
``lkip rules``). A reported issue *hits* a gold misspelling when it lies on the gold line and its
excerpt or message contains the gold word (case-insensitive, not as part of a longer word).
Printed: recall over the gold misspellings (overall and per kind), the share of reported
spelling issues that are real (hit a gold misspelling), every miss and every false note. False
notes are grouped by cause: the cause of a trap whose word the note names (same line first, then
anywhere in the excerpt), else "unlisted".

    python scripts/score_spelling.py                      # run the checker in-process
    python scripts/score_spelling.py --lkip .venv/bin/lkip # run the CLI (--format json) per file
    python scripts/score_spelling.py --json-out s.json    # also write the figures as JSON
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SPELL_PREFIXES = ("SP", "TY")
KINDS = frozenset(
    {
        "dropped",  # a letter left out: faslitasi
        "doubled",  # a letter written twice: pembangunann
        "inserted",  # an extra letter or syllable that is not a repetition: biyaya, dibangunan
        "swapped",  # two neighbouring letters exchanged: sekloah
        "substituted",  # one letter replaced by another: kesahatan, Riviu
        "repeated",  # a syllable written twice: dikarenakakan
        "ocr",  # scan/extraction noise: rn for m, I for l, 8 for B
        "nonstandard",  # a non-standard form per KBBI: analisa, efektifitas, resiko
        "nonword",  # garbled, several edits away from the intended word
        "merged",  # two words written together: dibawah, tahunberjalan
        "split",  # a prefix written apart: di kelola
        "wordrepeat",  # the same word twice in a row
    }
)
TRAP_CAUSES = frozenset(
    {"place", "office", "acronym", "english", "regional", "person", "title", "citation", "preposition", "other"}
)


class GoldError(ValueError):
    """A gold file that does not match its excerpt or the schema."""


def load_gold(path: Path) -> dict[str, Any]:
    """Load and validate one gold file; raise GoldError with file and field on any problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(f"{path.name}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("file"), str):
        raise GoldError(f"{path.name}: expected a mapping with 'file', 'misspellings', 'traps'")
    report = path.parent / data["file"]
    if not report.is_file():
        raise GoldError(f"{path.name}: report {data['file']} not found beside the gold file")
    lines = report.read_text(encoding="utf-8").split("\n")
    for key, extra, allowed in (("misspellings", "kind", KINDS), ("traps", "cause", TRAP_CAUSES)):
        items = data.get(key) or []
        if not isinstance(items, list):
            raise GoldError(f"{path.name}: '{key}' must be a list")
        for n, item in enumerate(items):
            where = f"{path.name}: {key}[{n}]"
            if not isinstance(item, dict):
                raise GoldError(f"{where}: expected a mapping")
            line, word = item.get("line"), item.get("word")
            if not isinstance(line, int) or not 1 <= line <= len(lines):
                raise GoldError(f"{where}: line {line!r} outside 1..{len(lines)}")
            if not isinstance(word, str) or not word.strip():
                raise GoldError(f"{where}: 'word' must be a non-empty string")
            if not word_pattern(word).search(lines[line - 1]):
                raise GoldError(f"{where}: word {word!r} is not on line {line}")
            if item.get(extra) not in allowed:
                raise GoldError(f"{where}: {extra} {item.get(extra)!r} not one of {sorted(allowed)}")
            if key == "misspellings" and not (item.get("correct") is None or isinstance(item["correct"], str)):
                raise GoldError(f"{where}: 'correct' must be a string or null")
        data[key] = items
    data["_report"] = report
    data["_lines"] = lines
    return data


def load_set(folder: Path) -> list[dict[str, Any]]:
    golds = sorted(folder.glob("*.gold.yaml"))
    if not golds:
        raise GoldError(f"{folder}: no *.gold.yaml files")
    return [load_gold(g) for g in golds]


def word_pattern(word: str) -> re.Pattern[str]:
    """The gold word, case-insensitive, not inside a longer word."""
    return re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)", re.IGNORECASE)


def is_spelling(issue: dict[str, Any]) -> bool:
    return str(issue.get("rule", "")).startswith(SPELL_PREFIXES)


def names_word(issue: dict[str, Any], word: str) -> bool:
    pat = word_pattern(word)
    return any(pat.search(str(issue.get(k) or "")) for k in ("excerpt", "message"))


def run_inprocess(report: Path) -> list[dict[str, Any]]:
    from drafter.check.batch import check_file
    from drafter.check.config import make_config

    result = check_file(report, make_config(report))
    return [i.as_dict() for i in result.issues]


def run_cli(lkip: str, report: Path) -> list[dict[str, Any]]:
    proc = subprocess.run(
        [lkip, "check", str(report), "--format", "json", "--exit-zero"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{report.name}: lkip check exited {proc.returncode}: {proc.stderr.strip()[:300]}")
    data = json.loads(proc.stdout)
    return [i for f in data.get("files", []) for i in f.get("issues", [])]


def score_file(gold: dict[str, Any], issues: list[dict[str, Any]]) -> dict[str, Any]:
    spell = [i for i in issues if is_spelling(i)]
    hit_gold: set[int] = set()
    real: list[dict[str, Any]] = []
    false: list[dict[str, Any]] = []
    for issue in spell:
        line = int(issue.get("line") or 0)
        matched = [
            n for n, g in enumerate(gold["misspellings"]) if g["line"] == line and names_word(issue, g["word"])
        ]
        if matched:
            hit_gold.update(matched)
            real.append(issue)
        else:
            false.append({**issue, "cause": trap_cause(gold, issue)})
    misses = [g for n, g in enumerate(gold["misspellings"]) if n not in hit_gold]
    return {
        "file": gold["file"],
        "gold": len(gold["misspellings"]),
        "found": len(hit_gold),
        "spelling_issues": len(spell),
        "real": len(real),
        "misses": misses,
        "false": false,
        "found_kinds": Counter(g["kind"] for n, g in enumerate(gold["misspellings"]) if n in hit_gold),
        "gold_kinds": Counter(g["kind"] for g in gold["misspellings"]),
    }


def trap_cause(gold: dict[str, Any], issue: dict[str, Any]) -> str:
    line = int(issue.get("line") or 0)
    traps = gold["traps"]
    for same_line in (True, False):
        for t in traps:
            if (t["line"] == line) == same_line and names_word(issue, t["word"]):
                return str(t["cause"])
    return "unlisted"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=ROOT / "tests" / "spellset", help="folder of excerpts + gold files")
    ap.add_argument("--lkip", help="run this lkip executable (check --format json) instead of in-process")
    ap.add_argument("--json-out", type=Path, help="also write the figures as JSON to this file")
    args = ap.parse_args(argv)
    try:
        golds = load_set(args.set)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    results = []
    for gold in golds:
        issues = run_cli(args.lkip, gold["_report"]) if args.lkip else run_inprocess(gold["_report"])
        results.append(score_file(gold, issues))

    n_gold = sum(r["gold"] for r in results)
    n_found = sum(r["found"] for r in results)
    n_spell = sum(r["spelling_issues"] for r in results)
    n_real = sum(r["real"] for r in results)
    recall = n_found / n_gold if n_gold else 0.0
    precision = n_real / n_spell if n_spell else 1.0

    print(f"{'excerpt':34} {'gold':>4} {'found':>5} {'notes':>5} {'real':>4}")
    for r in results:
        print(f"{r['file']:34} {r['gold']:>4} {r['found']:>5} {r['spelling_issues']:>5} {r['real']:>4}")
    print(f"\nrecall    {n_found}/{n_gold} = {recall:.3f}")
    print(f"precision {n_real}/{n_spell} = {precision:.3f} (share of spelling notes that are real)")

    gold_kinds: Counter[str] = Counter()
    found_kinds: Counter[str] = Counter()
    for r in results:
        gold_kinds.update(r["gold_kinds"])
        found_kinds.update(r["found_kinds"])
    print("\nrecall per kind:")
    for kind in sorted(gold_kinds):
        print(f"  {kind:12} {found_kinds[kind]:>3}/{gold_kinds[kind]:<3}")

    print("\nmisses:")
    for r in results:
        for g in r["misses"]:
            print(f"  {r['file']}:{g['line']}: {g['word']!r} -> {g['correct']!r} ({g['kind']})")

    by_cause: dict[str, list[str]] = defaultdict(list)
    for r in results:
        for i in r["false"]:
            by_cause[i["cause"]].append(
                f"{r['file']}:{i.get('line')}: {i.get('rule')} {str(i.get('excerpt') or '')!r}: {i.get('message')}"
            )
    print("\nfalse notes by cause:")
    for cause in sorted(by_cause, key=lambda c: (-len(by_cause[c]), c)):
        print(f"  {cause} ({len(by_cause[cause])}):")
        for row in by_cause[cause]:
            print(f"    {row}")

    if args.json_out:
        summary = {
            "recall": round(recall, 4),
            "precision": round(precision, 4),
            "gold": n_gold,
            "found": n_found,
            "spelling_issues": n_spell,
            "real": n_real,
            "recall_per_kind": {k: [found_kinds[k], gold_kinds[k]] for k in sorted(gold_kinds)},
            "misses": [{"file": r["file"], **g} for r in results for g in r["misses"]],
            "false_notes": [
                {"file": r["file"], "line": i.get("line"), "rule": i.get("rule"), "excerpt": i.get("excerpt"),
                 "message": i.get("message"), "cause": i["cause"]}
                for r in results
                for i in r["false"]
            ],
        }
        args.json_out.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
