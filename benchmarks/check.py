#!/usr/bin/env python3
"""Benchmark `lkip check` (issue 11): cold and warm wall time, CPU time, peak RSS, time per phase,
batch throughput, and proselint on the same file when it is installed.

    .venv/bin/python benchmarks/check.py [--runs 5] [--batch 1,100,1000] [--jobs 2] [FILE]

- cold: a fresh ``lkip check FILE --format json -o OUT`` process per run; wall and CPU time and
  peak RSS of that process (``os.wait4``), median over the runs. Measured with the compiled
  data cache in place (the usual case: filled by the first run after an install; a cache folder
  of the benchmark's own unless ``LKIP_CACHE_DIR`` is set), again with ``--no-spelling`` (the
  difference is what spelling adds to a check), and with ``LKIP_NO_CACHE=1`` (every run parses
  the data again, like the first run ever). The package's ``.pyc`` files are compiled first, as
  an installed package has them (this environment sets ``PYTHONDONTWRITEBYTECODE``, so a
  checkout would otherwise compile every module in every run: about 0.2 s).
- warm: in this process, the time of checking FILE after another document was checked (rules,
  data and dictionary already loaded), median over the runs.
- phases: the ``--timings`` table of one cold run, and the warm phases (mean over the runs).
- batch: ``lkip check FOLDER -j JOBS`` on N copies of the seeds (alternating) in a temporary
  folder; wall time and documents per second.
- proselint: ``proselint check FILE`` cold runs when ``proselint`` is found (PATH, the venv of
  this Python, or ``--proselint``); skipped otherwise.

Every command run is printed. Timings on a shared machine are noisy: the load average is
printed before and after, and medians are reported.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT = SEEDS / "lkip-2023-kecamatan-gumukmas.txt"


def load() -> str:
    try:
        return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "load average unknown"


def lkip_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("lkip")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "drafter.cli"]


def run(cmd: list[str], env: dict[str, str] | None = None,
        cwd: Path | None = None) -> tuple[float, float, float, int, str]:
    """(wall s, CPU s, max RSS MB, exit code, stderr) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    err = proc.stderr.read() if proc.stderr else ""
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, proc.returncode, err


def show(cmd: list[str], env_note: str = "") -> None:
    print(f"  $ {env_note}{' '.join(cmd)}")


def cold(path: Path, runs: int, out: Path, no_cache: bool, extra: tuple[str, ...] = ()) -> float:
    """Cold runs; returns the median CPU time."""
    env = dict(os.environ)
    note = ""
    if no_cache:
        env["LKIP_NO_CACHE"] = "1"
        note = "LKIP_NO_CACHE=1 "
    else:
        env.pop("LKIP_NO_CACHE", None)
    cmd = lkip_cmd() + ["check", str(path), "--format", "json", "-o", str(out), *extra]
    show(cmd, note)
    if not no_cache:
        run(cmd, env)  # fills the compiled data cache if empty (first run after an install)
    res = [run(cmd, env) for _ in range(runs)]
    walls = [r[0] for r in res]
    cpu = statistics.median(r[1] for r in res)
    label = " (no cache)" if no_cache else (f" ({' '.join(extra)})" if extra else "")
    print(f"  cold{label}: wall median {statistics.median(walls):.3f} s "
          f"(min {min(walls):.3f}, max {max(walls):.3f}), CPU median "
          f"{cpu:.3f} s (min {min(r[1] for r in res):.3f}), peak RSS {max(r[2] for r in res):.0f} MB")
    return cpu


def timings_table(path: Path, out: Path) -> None:
    cmd = lkip_cmd() + ["check", str(path), "--format", "json", "-o", str(out), "--timings",
                        "--lang", "en"]
    show(cmd)
    _, _, _, _, err = run(cmd)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    head = [i for i, ln in enumerate(lines) if ln.startswith("Phase")]
    if head:
        table = lines[head[0]:]
        body = table[:2 + 14] + (["  ..."] if len(table) > 18 else []) + table[-2:]
        print("\n".join("    " + ln for ln in body))


def warm(path: Path, other: Path, runs: int) -> None:
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig
    from drafter.check.runner import PhaseTimer, render_timings

    print(f"  (in process: check_file({other.name}) then check_file({path.name}), x{runs})")
    times = []
    cpus = []
    phases: dict[str, float] = {}
    check_file(other, CheckConfig())
    for _ in range(runs):
        check_file(other, CheckConfig())  # another document first: the measured one is second
        timer = PhaseTimer()
        t0, c0 = time.perf_counter(), time.process_time()
        check_file(path, CheckConfig(), timer)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        for k, v in timer.phases.items():
            phases[k] = phases.get(k, 0.0) + v / runs
    print(f"  warm: wall median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}), CPU median {statistics.median(cpus):.3f} s")
    table = render_timings(phases, "en").splitlines()
    body = table[:2 + 12] + ["  ..."] + table[-2:]
    print("\n".join("    " + ln for ln in body))


def batch(n: int, jobs: int, seeds: list[Path], tmp: Path) -> None:
    folder = tmp / f"batch-{n}"
    folder.mkdir()
    for i in range(n):
        src = seeds[i % len(seeds)]
        shutil.copy(src, folder / f"{i:04d}-{src.name}")
    out = tmp / f"batch-{n}.json"
    cmd = lkip_cmd() + ["check", str(folder), "-j", str(jobs), "--format", "json", "-o", str(out)]
    show(cmd)
    wall, cpu, rss, code, err = run(cmd)
    ok = code in (0, 1) and out.exists()
    print(f"  batch {n:5d} docs -j {jobs}: {wall:7.1f} s wall, {n / wall:5.2f} docs/s, "
          f"CPU {cpu:.1f} s, peak RSS of one process {rss:.0f} MB"
          f"{'' if ok else f'  FAILED (exit {code}): {err.strip()[-200:]}'}")


def find_proselint(given: str | None) -> str | None:
    if given:
        return given
    here = Path(sys.executable).with_name("proselint")
    return shutil.which("proselint") or (str(here) if here.exists() else None)


def proselint(path: Path, runs: int, exe: str | None) -> None:
    if exe is None:
        print("  proselint: not installed, skipped (pip install proselint, or --proselint PATH)")
        return
    probe = subprocess.run([exe, "--help"], capture_output=True, text=True, check=False)
    cmd = [exe, "check", str(path)] if " check " in probe.stdout or "check" in probe.stdout \
        else [exe, str(path)]
    show(cmd)
    res = [run(cmd) for _ in range(runs)]
    walls = [r[0] for r in res]
    print(f"  proselint: wall median {statistics.median(walls):.3f} s "
          f"(min {min(walls):.3f}), CPU median {statistics.median(r[1] for r in res):.3f} s, "
          f"peak RSS {max(r[2] for r in res):.0f} MB")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--batch", default="1,100,1000", help="comma-separated batch sizes ('' = none)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--proselint", default=None, help="path of the proselint command")
    ap.add_argument("--skip-no-cache", action="store_true")
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    args = ap.parse_args()
    path = args.file.resolve()
    seeds = sorted(p for p in SEEDS.glob("lkip-*.txt")) or [path]
    other = next((s for s in seeds if s.resolve() != path), path)
    print(f"lkip check benchmark: {path.name} ({path.stat().st_size / 1024:.0f} KB), "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {load()}")
    cmd = [sys.executable, "-m", "compileall", "-q", str(ROOT / "drafter")]
    show(cmd)  # an installed package has its .pyc files; a checkout may not (PYTHONDONTWRITEBYTECODE)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
    with tempfile.TemporaryDirectory(prefix="lkip-bench-") as t:
        tmp = Path(t)
        out = tmp / "out.json"
        if not os.environ.get("LKIP_CACHE_DIR"):  # a cache of its own: no other process's files
            os.environ["LKIP_CACHE_DIR"] = str(tmp / "cache")
        print(f"  (compiled data cache: LKIP_CACHE_DIR={os.environ['LKIP_CACHE_DIR']})")
        print("cold (one process per run):")
        with_spelling = cold(path, args.runs, out, no_cache=False)
        without = cold(path, args.runs, out, no_cache=False, extra=("--no-spelling",))
        print(f"  spelling adds {with_spelling - without:+.3f} s CPU (median with - median without)")
        if not args.skip_no_cache:
            cold(path, args.runs, out, no_cache=True)
        print("phases of one cold run:")
        timings_table(path, out)
        print("warm (second document in the same process):")
        warm(path, other, args.runs)
        print("proselint on the same file:")
        proselint(path, args.runs, find_proselint(args.proselint))
        sizes = [int(s) for s in args.batch.split(",") if s.strip()]
        if sizes:
            print("batch throughput (copies of the seeds):")
        for n in sizes:
            batch(n, args.jobs, seeds, tmp)
    print(f"done, {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
