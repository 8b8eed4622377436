"""The data folders ship inside the wheel and are found through importlib.resources."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_resources_found_from_source() -> None:
    from drafter.resources import data_dir, load_yaml

    assert (data_dir("rules") / "scale.yaml").is_file()
    assert load_yaml("rules", "scale.yaml")["bands"][0]["code"] == "AA"


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="no source tree")
def test_wheel_contains_data_folders(tmp_path: Path) -> None:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        pytest.skip("hatchling not installed (pip install .[test])")
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert out.returncode == 0, out.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "drafter/_data/rules/scale.yaml" in names
    assert any(n.startswith("drafter/_data/templates/") for n in names)
    assert any(n.startswith("drafter/_data/phrasebank/") for n in names)
    assert any(n.startswith("drafter/check/rules/") for n in names)
