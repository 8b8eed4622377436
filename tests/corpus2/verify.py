"""Resolve and verify the gold files of the second held-out corpus (tests/corpus2).

It reuses tests/corpus/build.py (report lines, DOCX sources, ``resolve``): ``line`` and
``related_lines`` of every entry and trap are recomputed from their quotes, then every line is
printed with its text so that a person can check that it points at the intended passage.

    .venv/bin/python tests/corpus2/verify.py tests/corpus2/*.gold.yaml        # resolve + show
    .venv/bin/python tests/corpus2/verify.py --check tests/corpus2/*.gold.yaml  # only check
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def corpus_build() -> Any:
    spec = importlib.util.spec_from_file_location("corpus_build", ROOT / "tests" / "corpus" / "build.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def problems(gold: Path, build: Any) -> list[str]:
    """Lines of a gold file that do not hold their quote (empty when all are right)."""
    report = build.report_for(gold)
    if report is None:
        return [f"{gold.name}: no report"]
    lines = build.report_lines(report)
    entries, traps = build.load_gold(gold)
    bad = []
    for e in list(entries) + list(traps):
        ln = int(e["line"])
        if not 1 <= ln <= len(lines) or e["quote"] not in lines[ln - 1]:
            bad.append(f"{gold.name}: {e.get('id', 'trap')} line {ln}: {e['quote']!r}")
        for r in e.get("related_lines") or []:
            if not 1 <= int(r) <= len(lines):
                bad.append(f"{gold.name}: {e.get('id', 'trap')} related line {r} out of range")
    return bad


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    build = corpus_build()
    check_only = "--check" in argv
    golds = [Path(a) for a in argv if a != "--check"]
    bad: list[str] = []
    for gold in golds:
        if not check_only:
            build.resolve(gold)
            text = gold.read_text(encoding="utf-8").replace("see tests/corpus/README.md",
                                                            "see tests/corpus2/README.md", 1)
            gold.write_text(text, encoding="utf-8")
            lines = build.report_lines(build.report_for(gold))
            entries, traps = build.load_gold(gold)
            print(f"== {gold.name}: {len(entries)} entries, {len(traps)} traps")
            for e in entries:
                print(f"  {e['id']:8} {e['category']:15} L{e['line']:<4} {lines[e['line'] - 1][:110]}")
                for r in e.get("related_lines") or []:
                    print(f"  {'':8} {'  related':15} L{r:<4} {lines[r - 1][:110]}")
            for t in traps:
                print(f"  {'trap':8} {'':15} L{t['line']:<4} {lines[t['line'] - 1][:110]}")
        bad += problems(gold, build)
    for b in bad:
        print(b, file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
