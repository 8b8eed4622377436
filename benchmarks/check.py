#!/usr/bin/env python3
"""Time `lkip check` on the seeds: cold CLI (subprocess) and warm in-process, median of 5, and
peak memory (max RSS of the cold process; tracemalloc peak of the warm run).

    .venv/bin/python benchmarks/check.py [--runs 5] [FILES...]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"


def cold(path: Path) -> tuple[float, float]:
    """Wall time and max RSS (MB) of one `python -m drafter.cli check` process."""
    t0 = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(path), "--format", "json"],
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, max(before, after) / 1024


def warm(path: Path, spelling: bool = True) -> float:
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig

    t0 = time.perf_counter()
    check_file(path, CheckConfig(spelling=spelling))
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or sorted(SEEDS.glob("*.txt"))
    print(f"{'document':42}{'KB':>6}{'cold s':>9}{'warm s':>9}{'warm -spell':>12}{'RSS MB':>8}{'peak MB':>9}")
    for f in files:
        colds = [cold(f) for _ in range(args.runs)]
        warm(f)  # warm-up: imports, dictionary, caches
        warms = [warm(f) for _ in range(args.runs)]
        warms_ns = [warm(f, spelling=False) for _ in range(args.runs)]
        tracemalloc.start()
        warm(f)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"{f.name:42}{f.stat().st_size / 1024:6.0f}"
              f"{statistics.median(c[0] for c in colds):9.3f}{statistics.median(warms):9.3f}"
              f"{statistics.median(warms_ns):12.3f}{max(c[1] for c in colds):8.0f}{peak:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
