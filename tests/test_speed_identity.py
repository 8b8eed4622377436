"""The speed work must not change a single finding (issue 11).

Every seed and every example draft (Markdown and DOCX) is checked four ways and the per-file
JSON entries (path, issues, notices) must be identical:

- cold: a fresh ``lkip check FILE`` process per file (with the compiled data and regex caches
  filled by an earlier process, so the cached path is the one exercised);
- warm: in this process, each file checked after another document (the second document of a
  process: rules, data and dictionary already loaded);
- batch: one ``lkip check FOLDER -j 2`` process (workers forked after the parent checked the
  first file);
- no cache: one ``LKIP_NO_CACHE=1 lkip check FOLDER -j 1`` process (everything parsed again).

Nothing is normalised: no timing field is part of the JSON output (``--timings`` writes to the
standard error only). Entries are matched by file name, since a folder run names its files
``./name`` where a single-file run says ``name``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.check.batch import check_file
from drafter.check.context import CheckConfig
from drafter.draft import draft_file
from drafter.report.textfmt import render_json

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _entries(json_text: str) -> dict[str, dict[str, object]]:
    doc = json.loads(json_text)
    return {Path(str(e["path"])).name: e for e in doc["files"]}


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "drafter.cli", "check", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
                          check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not available")
    folder = tmp_path_factory.mktemp("docs")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for ex in EXAMPLES:
        for suffix in (".md", ".docx"):
            draft_file(ex, folder / f"{ex.stem}{suffix}")
    return folder


def test_issue_lists_identical_cold_warm_batch_and_without_cache(
        corpus: Path, tmp_path: Path) -> None:
    files = sorted(p.name for p in corpus.iterdir())
    assert len(files) >= 3 + 2 * len(EXAMPLES)
    env = dict(os.environ)
    env["LKIP_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop("LKIP_NO_CACHE", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")

    # fill the caches (data and regex), then one cold process per file reads them
    first = _entries(_cli([files[0], "--format", "json"], env, corpus))
    assert any((tmp_path / "cache").glob("regex-*.marshal"))
    assert any((tmp_path / "cache").glob("gazetteer-words-*.marshal"))
    cold = {}
    for name in files:
        cold.update(_entries(_cli([name, "--format", "json"], env, corpus)))
    assert first[files[0]] == cold[files[0]]

    batch = _entries(_cli([".", "-j", "2", "--format", "json"], env, corpus))
    no_cache = _entries(_cli([".", "-j", "1", "--format", "json"],
                             {**env, "LKIP_NO_CACHE": "1"}, corpus))

    cwd = Path.cwd()
    os.chdir(corpus)  # paths in the JSON as the CLI writes them
    try:
        warm = {}
        previous = files[-1]
        for name in files:
            check_file(previous, CheckConfig())  # another document first
            warm.update(_entries(render_json([check_file(name, CheckConfig())])))
            previous = name
    finally:
        os.chdir(cwd)

    # the batch names files relative to the folder given ("./x" or "x"): compare the rest
    def body(e: dict[str, object]) -> dict[str, object]:
        return {k: v for k, v in e.items() if k != "path"}

    assert set(cold) == set(batch) == set(no_cache) == set(warm) == set(files)
    seeds_with_issues = 0
    for name in files:
        assert body(cold[name]) == body(warm[name]), f"{name}: cold != warm"
        assert body(cold[name]) == body(batch[name]), f"{name}: cold != batch -j2"
        assert body(cold[name]) == body(no_cache[name]), f"{name}: cold != no cache"
        if cold[name]["issues"]:
            seeds_with_issues += 1
    assert seeds_with_issues >= 2  # the real reports do have findings: the lists are not empty
