#!/usr/bin/env python3
"""Time `lkip draft` on the bundled examples: Markdown and DOCX, cold CLI (a fresh
`lkip draft` process: wall time, CPU time and peak RSS of the process tree, pandoc included) and
warm in-process (drafter.draft.draft_file after a warm-up run), median of N runs (default 5).
Prints the size of each drafted file, the commands run and the load average (timings on a
shared machine are noisy).

    .venv/bin/python benchmarks/draft.py [--runs 5] [FIGURES...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def lkip_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("lkip")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drafter.cli"]


def cold(figures: Path, out: Path) -> tuple[float, float, float]:
    """(wall s, CPU s, max RSS MB) of one `lkip draft` process (children included)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(lkip_cmd() + ["draft", str(figures), "-o", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"lkip draft {figures} failed (exit {proc.returncode})")
    return time.perf_counter() - t0, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


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
    print(f"lkip draft benchmark, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {load()}")
    print(f"  $ {sys.executable} -m compileall -q {ROOT / 'drafter'}")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "drafter")],
                   stdout=subprocess.DEVNULL, check=False)
    print(f"  $ {' '.join(lkip_cmd())} draft FIGURES -o OUT.md|OUT.docx   (cold, one process per run)")
    print(f"median of {args.runs} runs, seconds")
    print(f"{'figures':28}{'format':>7}{'bytes':>9}{'cold s':>9}{'cold CPU':>9}{'RSS MB':>8}"
          f"{'warm s':>9}")
    with tempfile.TemporaryDirectory(prefix="lkip-bench-") as tmp:
        for f in files:
            for suffix in (".md", ".docx"):
                out = Path(tmp) / (f.stem + suffix)
                cold(f, out)  # fills the compiled data/template caches if empty
                colds = [cold(f, out) for _ in range(args.runs)]
                warm(f, out)  # warm-up: imports, templates, phrasebank
                warms = [warm(f, out) for _ in range(args.runs)]
                print(f"{f.name:28}{suffix:>7}{out.stat().st_size:9d}"
                      f"{statistics.median(c[0] for c in colds):9.3f}"
                      f"{statistics.median(c[1] for c in colds):9.3f}"
                      f"{max(c[2] for c in colds):8.0f}{statistics.median(warms):9.3f}")
    print(f"done, {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
