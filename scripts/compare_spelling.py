#!/usr/bin/env python3
"""Compare the spelling issues (SP1xx) of this checkout with a reference checker.

The reference is another checkout of drafter run by its own interpreter (by default
``../main`` with ``../main/.venv/bin/python`` and the hunspell binding: "today's hunspell
results"), or a JSON file written earlier with ``--save``. An issue is identified by
(file, rule, line, column, expected). Printed per file and in total: issues of the reference,
of this checkout, shared ones, and the agreement = shared / union (1.0 = the same issues); then
``unk``: this checkout's "kata tidak dikenal" notes without a correction (SP101 with no expected
value, a kind of finding the reference never makes), and ``parity`` = the agreement without them
(the dictionary backends compared alone). ``--diff`` lists the issues found by only one side.

    .venv/bin/python scripts/compare_spelling.py                       # both seeds
    .venv/bin/python scripts/compare_spelling.py --ref-root ../main --diff FILES...
    .venv/bin/python scripts/compare_spelling.py --save ref.json       # store the reference
    .venv/bin/python scripts/compare_spelling.py --ref-json ref.json
    LKIP_NO_SYSTEM_DICT=1 /tmp/v/bin/python scripts/compare_spelling.py --installed  # fresh venv

Exit status 1 when the total parity is under ``--min`` (default 0.98).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CODES = ("SP101", "SP102", "SP103", "SP104", "SP105")

_RUN = """
import json, sys
if {root!r}:
    sys.path.insert(0, {root!r})
from drafter.check.batch import check_file
from drafter.check.config import make_config
out = {{}}
for p in {files!r}:
    cfg = make_config(__import__("pathlib").Path(p))
    res = check_file(__import__("pathlib").Path(p), cfg)
    out[p] = [i.as_dict() for i in res.issues if i.rule.startswith("SP")]
print(json.dumps(out))
"""

Key = tuple[str, str, int, int, str]


def run(root: Path | None, python: str, files: list[Path], env: dict[str, str] | None = None,
        drop: tuple[str, ...] = ()) -> dict[str, list]:
    """SP issues per file, by ``python`` with the checkout ``root`` (None: the installed package,
    run from a temporary folder)."""
    import tempfile

    code = _RUN.format(root=str(root) if root else "", files=[str(f) for f in files])
    environ = {k: v for k, v in os.environ.items() if k not in drop}
    with tempfile.TemporaryDirectory() as tmp:
        res = subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=str(root or tmp),
                             env={**environ, **(env or {})})
    if res.returncode != 0:
        sys.exit(f"compare_spelling: {python} in {root} failed: {res.stderr.strip()[-500:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def keys(issues: dict[str, list]) -> dict[str, set[Key]]:
    return {Path(f).name: {(Path(f).name, i["rule"], int(i["line"]), int(i["column"]), str(i["expected"]))
                           for i in lst} for f, lst in issues.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--ref-root", type=Path, default=ROOT.parent / "main")
    ap.add_argument("--ref-python", default=None, help="interpreter of the reference (REF/.venv/bin/python)")
    ap.add_argument("--ref-json", type=Path, default=None)
    ap.add_argument("--save", type=Path, default=None, help="write the reference issues to this JSON file")
    ap.add_argument("--diff", action="store_true")
    ap.add_argument("--installed", action="store_true",
                    help="check with the drafter installed in this interpreter (e.g. a fresh venv), "
                         "not this checkout's source")
    ap.add_argument("--min", type=float, default=0.98)
    args = ap.parse_args()
    files = [f.resolve() for f in args.files] or sorted(SEEDS.glob("lkip-*.txt"))

    if args.ref_json:
        ref = json.loads(args.ref_json.read_text(encoding="utf-8"))
    else:
        py = args.ref_python or str(args.ref_root / ".venv" / "bin" / "python")
        ref = run(args.ref_root.resolve(), py, files, {"LKIP_SPELL_BACKEND": "hunspell"},
                  drop=("LKIP_NO_SYSTEM_DICT",))
    if args.save:
        args.save.write_text(json.dumps(ref, ensure_ascii=False, indent=1), encoding="utf-8")
    cur = run(None if args.installed else ROOT, sys.executable, files)
    rk, ck = keys(ref), keys(cur)
    tot_r = tot_c = tot_s = tot_u = tot_k = tot_pu = 0
    print(f"{'file':45}{'ref':>6}{'new':>6}{'same':>6}{'agree':>7}{'unk':>5}{'parity':>7}")
    for name in sorted(set(rk) | set(ck)):
        r, c = rk.get(name, set()), ck.get(name, set())
        s, u = len(r & c), len(r | c)
        unk = {k for k in c - r if k[1] == "SP101" and k[4] == "None"}
        pu = len(r | (c - unk))
        tot_r, tot_c, tot_s, tot_u = tot_r + len(r), tot_c + len(c), tot_s + s, tot_u + u
        tot_k, tot_pu = tot_k + len(unk), tot_pu + pu
        print(f"{name:45}{len(r):6d}{len(c):6d}{s:6d}{(s / u if u else 1.0):7.3f}{len(unk):5d}"
              f"{(s / pu if pu else 1.0):7.3f}")
        if args.diff:
            for k in sorted(r - c):
                print(f"   only ref: {k[1:]}")
            for k in sorted(c - r):
                print(f"   only new: {k[1:]}")
    agree = tot_s / tot_u if tot_u else 1.0
    parity = tot_s / tot_pu if tot_pu else 1.0
    print(f"{'total':45}{tot_r:6d}{tot_c:6d}{tot_s:6d}{agree:7.3f}{tot_k:5d}{parity:7.3f}")
    return 0 if parity >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
