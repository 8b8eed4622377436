#!/usr/bin/env python3
"""Score the checker against the hand-made defect lists in ../shared/devset.

For each ``NNN_<name>.gold.yaml`` the seed ``../shared/seeds/lkip-*<name>*.txt`` is checked (or a
``--json`` output of ``lkip check --format json`` is read). An entry is *found* when an issue lies
within +-1 line of the entry's line, or an issue of the entry's category within +-1 line of one of
its related lines. Prints recall per category (entries marked
``detectable: auto``; typo separately), then every reported issue that matches no entry
(neither its line nor one of its related lines, +-1).

    python scripts/score_devset.py                 # run the checker on the seeds
    python scripts/score_devset.py --json out.json # score an existing JSON output
    python scripts/score_devset.py --summary-json s.json  # also write the figures as JSON
    python scripts/score_devset.py --corpus tests/corpus  # score a folder of reports + gold files

``--corpus DIR`` scores every ``NN_name.gold.yaml`` in DIR against the report with the same stem
(``.md``, ``.txt``, ``.docx``, or a ``.docxsrc`` source built to DOCX first, see
tests/corpus/build.py). Its gold file is either the devset list or a mapping with ``entries``
and ``traps`` (correct-but-suspicious passages: a trap is *flagged* when an issue of a plausible
category, the trap's ``categories`` or else any but typo, lies exactly on its line). Printed per
report and in total: recall per category of ``auto`` entries (typo separately), the share of
reported non-typo issues within +-1 line of an entry or its related lines, and flagged traps.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def find_seed(gold: Path, seeds: Path) -> Path | None:
    stem = gold.name.split(".")[0]
    key = stem.split("_", 1)[1] if "_" in stem else stem
    cands = sorted(p for p in seeds.glob("*.txt") if key in p.name and p.name.startswith("lkip"))
    return cands[0] if cands else None


def run_checker(seed: Path) -> list[dict[str, Any]]:
    from drafter.check.batch import check_file
    from drafter.check.config import make_config

    result = check_file(seed, make_config(seed))
    return [i.as_dict() for i in result.issues]


def score(entries: list[dict[str, Any]], issues: list[dict[str, Any]]) -> dict[str, Any]:
    lines = [int(i["line"]) for i in issues]
    per_cat: dict[str, dict[str, int]] = defaultdict(lambda: {"auto": 0, "found": 0, "found_same_cat": 0})
    missed: list[dict[str, Any]] = []
    for e in entries:
        if e.get("detectable") != "auto":
            continue
        cat = e["category"]
        per_cat[cat]["auto"] += 1
        near = [i for i in issues if abs(int(i["line"]) - int(e["line"])) <= 1]
        if not near:
            # a defect between two places (a table against the PK, a sentence against a table)
            # may be reported at the other place: an issue of the entry's own category there
            # counts, since its message names both places
            rel = [int(x) for x in e.get("related_lines") or []]
            near = [i for i in issues if i["category"] == cat
                    and any(abs(int(i["line"]) - r) <= 1 for r in rel)]
        if near:
            per_cat[cat]["found"] += 1
            if any(i["category"] == cat for i in near):
                per_cat[cat]["found_same_cat"] += 1
        else:
            missed.append(e)
    entry_lines: set[int] = set()
    for e in entries:
        entry_lines.add(int(e["line"]))
        entry_lines.update(int(x) for x in e.get("related_lines") or [])
    unmatched = [i for i in issues
                 if not any(abs(int(i["line"]) - el) <= 1 for el in entry_lines)]
    non_typo = [c for c in per_cat if c != "typo"]
    auto = sum(per_cat[c]["auto"] for c in non_typo)
    found = sum(per_cat[c]["found"] for c in non_typo)
    typo_issues = [i for i in issues if i["category"] == "typo"]
    other_issues = [i for i in issues if i["category"] != "typo"]
    return {
        "per_category": dict(per_cat),
        "recall_auto_non_typo": found / auto if auto else 1.0,
        "recall_typo": (per_cat["typo"]["found"] / per_cat["typo"]["auto"]) if per_cat["typo"]["auto"] else 1.0,
        "issues": len(issues),
        "issues_non_typo": len(other_issues),
        "unmatched": unmatched,
        "unmatched_non_typo": [i for i in unmatched if i["category"] != "typo"],
        "unmatched_typo": [i for i in unmatched if i["category"] == "typo"],
        "typo_issues": len(typo_issues),
        "missed": missed,
        "lines": lines,
    }


def _corpus_build() -> Any:
    """tests/corpus/build.py as a module (report lookup, gold loading, DOCX sources)."""
    import importlib.util

    path = ROOT / "tests" / "corpus" / "build.py"
    spec = importlib.util.spec_from_file_location("corpus_build", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def flagged_traps(traps: list[dict[str, Any]], issues: list[dict[str, Any]]) -> list[tuple[dict[str, Any],
                                                                                      dict[str, Any]]]:
    """(trap, issue) for every trap with an issue of a plausible category exactly on its line."""
    out = []
    for t in traps:
        cats = set(t.get("categories") or [])
        for i in issues:
            if int(i["line"]) != int(t["line"]):
                continue
            if (i["category"] in cats) if cats else i["category"] != "typo":
                out.append((t, i))
                break
    return out


def score_corpus(folder: Path, quiet: bool, summary_json: Path | None) -> int:
    import tempfile

    build = _corpus_build()
    golds = sorted(folder.glob("*.gold.yaml"))
    if not golds:
        print(f"no *.gold.yaml in {folder}", file=sys.stderr)
        return 2
    summary: dict[str, Any] = {}
    total_cat: dict[str, dict[str, int]] = defaultdict(lambda: {"auto": 0, "found": 0, "found_same_cat": 0})
    tot = {"issues_non_typo": 0, "matched_non_typo": 0, "traps": 0, "traps_flagged": 0}
    with tempfile.TemporaryDirectory(prefix="lkip-corpus-") as tmp:
        for gold in golds:
            report = build.report_for(gold)
            if report is None:
                print(f"{gold.name}: no matching report", file=sys.stderr)
                continue
            entries, traps = build.load_gold(gold)
            path = report
            if report.suffix == ".docxsrc":
                path = build.build_docx(report, Path(tmp) / (report.stem + ".docx"))
            issues = run_checker(path)
            s = score(entries, issues)
            flagged = flagged_traps(traps, issues)
            n_other = s["issues_non_typo"]
            matched = n_other - len(s["unmatched_non_typo"])
            prec = matched / n_other if n_other else 1.0
            print(f"== {report.name} ({len(issues)} issues, {n_other} non-typo)")
            print(f"   {'category':16}{'auto':>6}{'found':>7}{'recall':>8}{'same-cat':>10}")
            for cat in sorted(s["per_category"]):
                c = s["per_category"][cat]
                r = c["found"] / c["auto"] if c["auto"] else 1.0
                print(f"   {cat:16}{c['auto']:>6}{c['found']:>7}{r:>8.2f}{c['found_same_cat']:>10}")
                for k in ("auto", "found", "found_same_cat"):
                    total_cat[cat][k] += c[k]
            print(f"   recall (auto, all categories except typo): {s['recall_auto_non_typo']:.2f}")
            print(f"   recall (auto, typo): {s['recall_typo']:.2f}")
            print(f"   issues matching a gold entry (non-typo): {matched}/{n_other} = {prec:.2f}")
            print(f"   traps flagged: {len(flagged)}/{len(traps)}")
            if not quiet:
                for i in s["unmatched_non_typo"]:
                    print(f"   unmatched {i['line']}:{i['column']} {i['rule']} [{i['category']}] "
                          f"{i['message'][:110]} | {i['excerpt'][:50]!r}")
                for e in s["missed"]:
                    print(f"   missed {e['line']} {e['id']} [{e['category']}] {e['quote'][:70]!r}")
                for t, i in flagged:
                    print(f"   trap flagged {t['line']} {t['quote'][:50]!r} by {i['rule']} [{i['category']}] "
                          f"{i['message'][:90]}")
            tot["issues_non_typo"] += n_other
            tot["matched_non_typo"] += matched
            tot["traps"] += len(traps)
            tot["traps_flagged"] += len(flagged)
            summary[report.name] = {
                "recall_auto_non_typo": s["recall_auto_non_typo"],
                "recall_typo": s["recall_typo"],
                "precision_non_typo": prec,
                "issues": len(issues),
                "traps": len(traps),
                "traps_flagged": len(flagged),
                "per_category": s["per_category"],
            }
    auto = sum(c["auto"] for k, c in total_cat.items() if k != "typo")
    found = sum(c["found"] for k, c in total_cat.items() if k != "typo")
    print(f"== total over {len(summary)} reports")
    print(f"   {'category':16}{'auto':>6}{'found':>7}{'recall':>8}{'same-cat':>10}")
    for cat in sorted(total_cat):
        c = total_cat[cat]
        r = c["found"] / c["auto"] if c["auto"] else 1.0
        print(f"   {cat:16}{c['auto']:>6}{c['found']:>7}{r:>8.2f}{c['found_same_cat']:>10}")
    prec = tot["matched_non_typo"] / tot["issues_non_typo"] if tot["issues_non_typo"] else 1.0
    print(f"   recall (auto, all categories except typo): {found}/{auto} = {found / auto if auto else 1.0:.2f}")
    print(f"   issues matching a gold entry (non-typo): {tot['matched_non_typo']}/{tot['issues_non_typo']}"
          f" = {prec:.2f}")
    print(f"   traps flagged: {tot['traps_flagged']}/{tot['traps']}")
    summary["_total"] = {"recall_auto_non_typo": found / auto if auto else 1.0, "precision_non_typo": prec,
                         "traps": tot["traps"], "traps_flagged": tot["traps_flagged"],
                         "per_category": {k: dict(v) for k, v in total_cat.items()}}
    if summary_json:
        summary_json.write_text(json.dumps(summary, indent=2, sort_keys=True), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devset", type=Path, default=SHARED / "devset")
    ap.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    ap.add_argument("--json", type=Path, action="append", default=[],
                    help="lkip check --format json output to score instead of running the checker")
    ap.add_argument("--summary-json", type=Path, help="write the figures to this file")
    ap.add_argument("--quiet", action="store_true", help="do not list unmatched/missed items")
    ap.add_argument("--corpus", type=Path,
                    help="score every report of this folder against its NN_name.gold.yaml (e.g. tests/corpus)")
    args = ap.parse_args(argv)
    if args.corpus:
        return score_corpus(args.corpus, args.quiet, args.summary_json)

    given: dict[str, list[dict[str, Any]]] = {}
    for jf in args.json:
        data = json.loads(jf.read_text(encoding="utf-8"))
        for f in data["files"]:
            given[Path(f["path"]).name] = f["issues"]

    golds = sorted(args.devset.glob("*.gold.yaml"))
    if not golds:
        print(f"no *.gold.yaml in {args.devset}", file=sys.stderr)
        return 2
    summary: dict[str, Any] = {}
    for gold in golds:
        seed = find_seed(gold, args.seeds)
        if seed is None:
            print(f"{gold.name}: no matching seed", file=sys.stderr)
            continue
        entries = yaml.safe_load(gold.read_text(encoding="utf-8"))
        issues = given.get(seed.name)
        if issues is None:
            issues = run_checker(seed)
        s = score(entries, issues)
        print(f"== {seed.name} ({len(issues)} issues)")
        print(f"   {'category':16}{'auto':>6}{'found':>7}{'recall':>8}{'same-cat':>10}")
        for cat in sorted(s["per_category"]):
            c = s["per_category"][cat]
            r = c["found"] / c["auto"] if c["auto"] else 1.0
            print(f"   {cat:16}{c['auto']:>6}{c['found']:>7}{r:>8.2f}{c['found_same_cat']:>10}")
        n_other = s["issues_non_typo"]
        prec = 1 - len(s["unmatched_non_typo"]) / n_other if n_other else 1.0
        print(f"   recall (auto, all categories except typo): {s['recall_auto_non_typo']:.2f}")
        print(f"   recall (auto, typo): {s['recall_typo']:.2f}")
        print(f"   issues matching a gold entry (non-typo): {n_other - len(s['unmatched_non_typo'])}"
              f"/{n_other} = {prec:.2f}")
        if not args.quiet:
            for i in s["unmatched"]:
                print(f"   unmatched {i['line']}:{i['column']} {i['rule']} [{i['category']}] "
                      f"{i['message'][:110]} | {i['excerpt'][:50]!r}")
            for e in s["missed"]:
                print(f"   missed {e['line']} {e['id']} [{e['category']}] {e['quote'][:70]!r}")
        summary[seed.name] = {
            "recall_auto_non_typo": s["recall_auto_non_typo"],
            "recall_typo": s["recall_typo"],
            "precision_non_typo": prec,
            "issues": len(issues),
            "unmatched": len(s["unmatched"]),
            "per_category": s["per_category"],
        }
    if args.summary_json:
        args.summary_json.write_text(json.dumps(summary, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
