#!/usr/bin/env python3
"""Check that a change leaves `lkip check` output unchanged (issue 11: speed work must not change
any issue).

    .venv/bin/python benchmarks/identical.py save [DIR]     # from the unchanged tree: the baseline
    .venv/bin/python benchmarks/identical.py compare [DIR]  # after a change: exact equality

``save`` gathers the inputs into DIR/inputs (once; later runs reuse them, so a changed drafter
does not change the inputs): the seeds (../shared/seeds/*.txt), the reports of tests/corpus*/
(.md, .txt, and .docxsrc built to .docx), the drafts of examples/*.yaml (``lkip draft EX -o
OUT.md --part all``) and, with ``--pdf`` and Chromium installed, the 60-page PDF of
benchmarks/pdf.py. It then writes ``lkip check FILE --format json`` of every input to
DIR/base/NAME.json. ``compare`` writes the same to DIR/new/ and compares each pair as JSON
(keys sorted): it prints every file that differs and exits 1 if any does. DIR defaults to
/tmp/speed-base. The checks run in the interpreter running this script, with the drafter of this
checkout (cwd and PYTHONPATH), ``-j`` at a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(ROOT) + (os.pathsep + e["PYTHONPATH"] if e.get("PYTHONPATH") else "")
    return e


def gather(inputs: Path, pdf: bool) -> None:
    inputs.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, inputs / f"seed-{seed.name}")
    for corpus in sorted(ROOT.glob("tests/corpus*")):
        for f in sorted(corpus.iterdir()):
            name = f"{corpus.name}-{f.name}"
            if f.suffix in (".md", ".txt") and f.name != "README.md":
                shutil.copy(f, inputs / name)
            elif f.suffix == ".docxsrc":
                out = inputs / (name.removesuffix(".docxsrc") + ".docx")
                subprocess.run([sys.executable, str(ROOT / "tests/corpus/build.py"), "docx",
                                str(f), str(out)], cwd=ROOT, env=env(), check=True)
    for ex in sorted(ROOT.glob("examples/*.yaml")):
        out = inputs / f"draft-{ex.stem}.md"
        subprocess.run([sys.executable, "-m", "drafter.cli", "draft", str(ex), "-o", str(out),
                        "--part", "all"], cwd=ROOT, env=env(), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if pdf:
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, str(ROOT / "tests"))
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from pdf import make_pdf  # type: ignore[import-not-found]

        make_pdf(inputs / "laporan-60.pdf", 60)
        for extra in ("full.pdf", "full.html"):  # what make_pdf leaves beside its output
            (inputs / extra).unlink(missing_ok=True)


def check_all(inputs: Path, out: Path, jobs: int) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(p.name for p in inputs.iterdir() if p.is_file())

    def one(name: str) -> None:
        proc = subprocess.run([sys.executable, "-m", "drafter.cli", "check", name, "--format",
                               "json"], cwd=inputs, env=env(), capture_output=True, text=True,
                              check=False)
        (out / f"{name}.json").write_text(proc.stdout, encoding="utf-8")
        (out / f"{name}.exit").write_text(f"{proc.returncode}\n", encoding="utf-8")

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, files))
    return files


def load(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"unreadable: {exc}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=("save", "compare"))
    ap.add_argument("dir", nargs="?", type=Path, default=Path("/tmp/speed-base"))
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--pdf", action="store_true", help="also the 60-page PDF (needs Chromium)")
    args = ap.parse_args()
    inputs = args.dir / "inputs"
    if args.mode == "save":
        if not inputs.exists():
            gather(inputs, args.pdf)
        files = check_all(inputs, args.dir / "base", args.jobs)
        n = sum(len(f.get("issues", [])) for name in files
                for f in (load(args.dir / "base" / f"{name}.json") or {}).get("files", []))  # type: ignore[union-attr]
        print(f"baseline: {len(files)} files, {n} issues in {args.dir / 'base'}")
        return 0
    if not inputs.exists():
        raise SystemExit(f"no baseline in {args.dir}: run `save` first")
    files = check_all(inputs, args.dir / "new", args.jobs)
    bad = []
    for f in files:
        a = [load(args.dir / d / f"{f}.json") for d in ("base", "new")]
        e = [(args.dir / d / f"{f}.exit").read_text() for d in ("base", "new")]
        if json.dumps(a[0], sort_keys=True) != json.dumps(a[1], sort_keys=True) or e[0] != e[1]:
            bad.append(f)
            print(f"DIFFERS: {f}")
    print(f"{len(files) - len(bad)}/{len(files)} identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
