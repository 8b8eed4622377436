#!/usr/bin/env python3
"""Time `lkip draft` on the bundled examples: Markdown and DOCX, cold CLI (a fresh
`python -m drafter.cli draft` process) and warm in-process (drafter.draft.draft_file after a
warm-up run), median of N runs (default 5). Prints the size of each drafted file too.

    .venv/bin/python benchmarks/draft.py [--runs 5] [FIGURES...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cold(figures: Path, out: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drafter.cli", "draft", str(figures), "-o", str(out)],
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def warm(figures: Path, out: Path) -> float:
    from drafter.draft import draft_file

    t0 = time.perf_counter()
    draft_file(figures, out)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("figures", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.figures or sorted((ROOT / "examples").glob("*.yaml"))
    print(f"median of {args.runs} runs, seconds")
    print(f"{'figures':28}{'format':>7}{'bytes':>9}{'cold s':>9}{'warm s':>9}")
    with tempfile.TemporaryDirectory(prefix="lkip-bench-") as tmp:
        for f in files:
            for suffix in (".md", ".docx"):
                out = Path(tmp) / (f.stem + suffix)
                colds = [cold(f, out) for _ in range(args.runs)]
                warm(f, out)  # warm-up: imports, templates, phrasebank
                warms = [warm(f, out) for _ in range(args.runs)]
                print(f"{f.name:28}{suffix:>7}{out.stat().st_size:9d}"
                      f"{statistics.median(colds):9.3f}{statistics.median(warms):9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
