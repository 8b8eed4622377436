"""Access to the data folders ``rules/``, ``phrasebank/`` and ``templates/``.

In a wheel they live inside the package (``drafter/_data/<name>``) and are found through
:mod:`importlib.resources`; in a source checkout they are the top-level folders of the repo.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

DATA_DIRS = ("rules", "phrasebank", "templates")
# libyaml's C loader when PyYAML was built with it (the packaged data loads several times faster)
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_dir(name: str) -> Traversable:
    """Return the folder ``name`` (one of :data:`DATA_DIRS`)."""
    if name not in DATA_DIRS:
        raise ValueError(f"unknown data folder {name!r}")
    packaged = files("drafter") / "_data" / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parent.parent / name
    return source


def read_text(folder: str, filename: str) -> str:
    return (data_dir(folder) / filename).read_text(encoding="utf-8")


@cache
def load_yaml(folder: str, filename: str) -> Any:
    """Load (and cache) one YAML data file; the result must not be mutated."""
    return yaml.load(read_text(folder, filename), Loader=YAML_LOADER)  # noqa: S506 - a safe loader


def list_files(folder: str, suffix: str = ".yaml") -> list[str]:
    return sorted(p.name for p in data_dir(folder).iterdir() if p.name.endswith(suffix))
