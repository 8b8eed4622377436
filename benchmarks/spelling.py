#!/usr/bin/env python3
"""Added time of the spelling rules (SP1xx) on each seed, median of 5.

For every document it prints:

* ``cold``: the first run of the SP rules in a fresh process (dictionary load, lexicon load, empty
  word caches), after the document was read and the other rules ran on the same context;
* ``warm``: the SP rules alone on a new check context whose report analysis (``ctx.info``, shared
  with the other rules) is already done; dictionary and lexicon cached; median;
* ``added``: ``lkip check`` in-process with spelling minus without (``--no-spelling``), median;
* the same figures as CPU time of the process (less sensitive to other load on the machine);
* first, the load time of the id_ID word list in a fresh process (wall / CPU, median).

    .venv/bin/python benchmarks/spelling.py [--runs 5] [FILES...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"

_COLD = """
import json, sys, time
sys.path.insert(0, {root!r})
from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import all_rules
from drafter.check.runner import run_rules, selected_rules
from drafter.document.readers import read_document
doc = read_document({path!r})
others = [r for r in selected_rules(CheckConfig()) if not r.code.startswith("SP")]
sp = [r for r in all_rules() if r.code.startswith("SP")]
ctx = CheckContext(doc, CheckConfig())
run_rules(ctx, others)  # as in `lkip check`: the report analysis (ctx.info) is shared
w, c = time.perf_counter(), time.process_time()
n = len(run_rules(ctx, sp))
print(json.dumps([time.perf_counter() - w, time.process_time() - c, n, ctx.notices]))
"""


_LOAD = """
import json, sys, time
sys.path.insert(0, {root!r})
import drafter.check.spell as spell
w, c = time.perf_counter(), time.process_time()
wl = spell.load_wordlist()
print(json.dumps([time.perf_counter() - w, time.process_time() - c, len(wl) if wl else 0]))
"""


def wordlist_load(runs: int) -> tuple[float, float, int]:
    got = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _LOAD.format(root=str(ROOT))], capture_output=True,
                             text=True, check=True).stdout
        got.append(json.loads(out.strip().splitlines()[-1]))
    return (statistics.median(g[0] for g in got), statistics.median(g[1] for g in got), got[0][2])


def cold(path: Path) -> tuple[float, float, int, list[str]]:
    out = subprocess.run([sys.executable, "-c", _COLD.format(root=str(ROOT), path=str(path))],
                         capture_output=True, text=True, check=True).stdout
    wall, cpu, n, notices = json.loads(out.strip().splitlines()[-1])
    return wall, cpu, n, notices


def _timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or sorted(SEEDS.glob("*.txt"))

    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig, CheckContext
    from drafter.check.registry import all_rules
    from drafter.check.runner import run_rules
    from drafter.check.spell import get_speller
    from drafter.document.readers import read_document

    speller, note = get_speller()
    print(f"backend: {speller.backend if speller else 'none'}{' (' + note + ')' if note else ''}")
    lw, lc, n = wordlist_load(args.runs)
    print(f"word list: {n} forms, load {lw:.3f} s wall / {lc:.3f} s cpu (fresh process, median)")
    sp = [r for r in all_rules() if r.code.startswith("SP")]
    print(f"{'document':40}{'KB':>5}{'issues':>7}  {'cold':>13}  {'warm':>13}  {'added':>13}")
    print(f"{'':52}  {'wall / cpu s':>13}  {'wall / cpu s':>13}  {'wall / cpu s':>13}")
    for f in files:
        colds = [cold(f) for _ in range(args.runs)]
        doc = read_document(f)
        run_rules(CheckContext(doc, CheckConfig()), sp)  # warm-up
        warms = []
        for _ in range(args.runs):
            ctx = CheckContext(doc, CheckConfig())
            ctx.info  # noqa: B018 - computed by the other rules in a real check
            warms.append(_timed(lambda c=ctx: run_rules(c, sp)))
        check_file(f, CheckConfig())
        # interleaved so that load changes on the machine hit both series alike
        with_sp, without = [], []
        for _ in range(args.runs):
            with_sp.append(_timed(lambda p=f: check_file(p, CheckConfig())))
            without.append(_timed(lambda p=f: check_file(p, CheckConfig(spelling=False))))

        def med(xs: list, i: int) -> float:  # type: ignore[type-arg]
            return statistics.median(x[i] for x in xs)

        added = (med(with_sp, 0) - med(without, 0), med(with_sp, 1) - med(without, 1))
        print(f"{f.name:40}{f.stat().st_size / 1024:5.0f}{colds[0][2]:7d}  "
              f"{med(colds, 0):6.3f}/{med(colds, 1):6.3f}  {med(warms, 0):6.3f}/{med(warms, 1):6.3f}  "
              f"{added[0]:6.3f}/{added[1]:6.3f}")
        if colds[0][3]:
            print(f"  notices: {colds[0][3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
