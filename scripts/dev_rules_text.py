"""Measure the text-level rules (LO, YR, FN, TY, TB, ST) on ../shared/devset.

Usage: .venv/bin/python scripts/dev_rules_text.py [-v]

Recall: gold entries (detectable: auto) of the categories leftover, year, foreign-name,
terbilang, structure and typo (duplicated words / glued words only) found by an issue of these
rules within +-1 line. Precision: issues of these rules that match any gold entry within +-1
line; the unmatched ones are printed for judgement.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from drafter.check.context import CheckConfig
from drafter.check.runner import check_document
from drafter.document.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAIRS = {
    "000_gumukmas": "lkip-2023-kecamatan-gumukmas.txt",
    "001_umbulsari": "lkip-2023-kecamatan-umbulsari.txt",
}
PREFIXES = ("LO", "YR", "FN", "TY", "TB", "ST")
CATS = ("leftover", "year", "foreign-name", "terbilang", "structure", "typo")


def typo_in_scope(entry: dict) -> bool:
    q = entry["quote"]
    words = q.split()
    dup = any(a.lower() == b.lower() for a, b in zip(words, words[1:], strict=False))
    expl = entry["explanation"].lower()
    glued = "duplicat" in expl or "missing space" in expl
    return dup or (glued and q.isupper())


def main() -> None:
    verbose = "-v" in sys.argv
    config = CheckConfig(select=list(PREFIXES))
    for gold_name, seed in PAIRS.items():
        gold = yaml.safe_load((SHARED / "devset" / f"{gold_name}.gold.yaml").read_text())
        doc = read_document(SHARED / "seeds" / seed)
        issues, _ = check_document(doc, config)
        issues = [i for i in issues if i.rule.startswith(PREFIXES)]
        lines = defaultdict(list)
        for i in issues:
            lines[i.location.line].append(i)
        print(f"== {seed}: {len(issues)} issues")
        for cat in CATS:
            entries = [e for e in gold if e["category"] == cat and e["detectable"] == "auto"]
            if cat == "typo":
                entries = [e for e in entries if typo_in_scope(e)]
            if not entries:
                continue
            found = [e for e in entries
                     if any(lines.get(e["line"] + d) for d in (-1, 0, 1))]
            print(f"  {cat:13} recall {len(found)}/{len(entries)}"
                  f" = {len(found) / len(entries):.2f}")
            if verbose:
                for e in entries:
                    if e not in found:
                        print(f"     MISSED {e['id']} L{e['line']}: {e['quote'][:70]}")
        gold_lines = {e["line"] for e in gold}
        matched = [i for i in issues if any(i.location.line + d in gold_lines for d in (-1, 0, 1))]
        by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for i in issues:
            by_cat[i.category][1] += 1
            if i in matched:
                by_cat[i.category][0] += 1
        for cat, (m, n) in sorted(by_cat.items()):
            print(f"  precision {cat:13} {m}/{n} = {m / n:.2f}")
        print(f"  precision total {len(matched)}/{len(issues)}")
        for i in issues:
            if i not in matched:
                print(f"     UNMATCHED L{i.location.line} {i.rule}: {i.message[:150]}")


if __name__ == "__main__":
    main()
