"""Determinism: the same input gives byte-identical output across runs, PYTHONHASHSEED values and
process counts (JSON, CSV, HTML from `lkip check`; Markdown from `lkip draft`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
HASH_SEEDS = ("0", "12345")


@pytest.fixture(scope="module", autouse=True)
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A frozen copy of the code and data, so that every run of a comparison uses the same code
    even while the working tree changes underneath (several people edit it at once)."""
    global CODE
    dest = tmp_path_factory.mktemp("code")
    for name in ("drafter", "rules", "phrasebank", "templates", "examples"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    CODE = dest
    return dest


CODE = ROOT


def run(args: list[str], cwd: Path, hashseed: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(CODE) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONHASHSEED"] = hashseed
    env["COLUMNS"] = "200"
    proc = subprocess.run([sys.executable, "-m", "drafter.cli", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")[-3000:]
    return proc


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with one LKIP seed (text) and a Markdown copy of it."""
    seeds = sorted(SEEDS.glob("lkip-*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds not available")
    folder = tmp_path_factory.mktemp("det") / "laporan"
    folder.mkdir()
    smallest = min(seeds, key=lambda p: p.stat().st_size)
    shutil.copy(smallest, folder / smallest.name)
    shutil.copy(smallest, folder / (smallest.stem + ".md"))
    return folder


def _outputs(args: list[str], cwd: Path, out: str | None) -> list[bytes]:
    results = []
    for seed in HASH_SEEDS:
        proc = run(args + (["-o", out] if out else []), cwd, seed)
        assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-2000:]
        data = (cwd / out).read_bytes() if out else proc.stdout
        assert data, "empty output"
        results.append(data)
        if out:
            (cwd / out).unlink()
    return results


def _assert_same(results: list[bytes]) -> None:
    first = results[0]
    for other in results[1:]:
        if other != first:
            a, b = first.decode("utf-8", "replace"), other.decode("utf-8", "replace")
            pos = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            pytest.fail(f"outputs differ at character {pos}: {a[max(0, pos - 80):pos + 80]!r} vs "
                        f"{b[max(0, pos - 80):pos + 80]!r}")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_check_single_file(reports: Path, fmt: str) -> None:
    name = sorted(p.name for p in reports.glob("*.txt"))[0]
    _assert_same(_outputs(["check", name, "-f", fmt], reports, None))


def test_check_markdown_json(reports: Path) -> None:
    name = sorted(p.name for p in reports.glob("*.md"))[0]
    _assert_same(_outputs(["check", name, "-f", "json"], reports, None))


def test_check_folder_json_parallel_vs_serial(reports: Path) -> None:
    """A folder checked with 1 process under one hash seed and 2 processes under the other."""
    cwd = reports.parent
    results = []
    for jobs, seed in (("1", HASH_SEEDS[0]), ("2", HASH_SEEDS[1])):
        proc = run(["check", reports.name, "-f", "json", "-j", jobs, "-o", "hasil.json"], cwd, seed)
        assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-2000:]
        results.append((cwd / "hasil.json").read_bytes())
        (cwd / "hasil.json").unlink()
    _assert_same(results)


def test_check_html(reports: Path) -> None:
    name = sorted(p.name for p in reports.glob("*.txt"))[0]
    _assert_same(_outputs(["check", name, "-f", "html"], reports, "hasil.html"))


def test_check_csv(reports: Path) -> None:
    name = sorted(p.name for p in reports.glob("*.txt"))[0]
    _assert_same(_outputs(["check", name, "-f", "csv"], reports, "hasil.csv"))


def _examples() -> list[Path]:
    return sorted((CODE / "examples").glob("*.yaml"))


def test_draft_markdown(tmp_path: Path) -> None:
    examples = _examples()
    assert examples, "no examples/*.yaml"
    for example in examples:
        results = []
        for seed in HASH_SEEDS:
            out = tmp_path / f"{example.stem}-{seed}.md"
            proc = run(["draft", str(example), "-o", str(out)], tmp_path, seed)
            assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
            results.append(out.read_bytes())
        _assert_same(results)


def test_check_office_names_in_any_case(tmp_path: Path) -> None:
    """A report whose office is written in capitals on the cover and in title case in the text:
    the names compared are equally long, and the issue must quote the same one under every
    hash seed (a set's order once chose between "BAPPEDA" and "Bappeda")."""
    text = ("LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2023\n"
            "BADAN PERENCANAAN PEMBANGUNAN DAERAH (BAPPEDA) KABUPATEN SIAK\n\n"
            "KATA PENGANTAR\n\n"
            "Bappeda Kabupaten Siak menyusun laporan ini setiap tahun.\n\n"
            "Laporan ini menjadi wujud akuntabilitas Bappeda Kabupaten Pelalawan dalam pelaksanaan "
            "tugas perencanaan pembangunan daerah.\n")
    (tmp_path / "bappeda.txt").write_text(text, encoding="utf-8")
    results = []
    for seed in ("0", "1", "7", "12345"):
        proc = run(["check", "bappeda.txt", "-f", "json"], tmp_path, seed)
        assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-2000:]
        assert b"FN112" in proc.stdout
        results.append(proc.stdout)
    _assert_same(results)
