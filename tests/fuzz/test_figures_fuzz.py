"""Fuzz the figures loader: random bytes, random YAML/JSON, mutated valid files.

Whatever the file holds, ``load_figures`` either returns a :class:`Figures` or raises
:class:`FiguresError` with a one-line message naming the file.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter.errors import FiguresError
from drafter.figures import load_figures

from .helpers import count_example, n_examples

DATA = Path(__file__).parent / "data"
SEED_YAML = (DATA / "figures_min.yaml").read_bytes()
SEED_JSON = (DATA / "figures_min.json").read_bytes()
SEED_DATA = yaml.safe_load(SEED_YAML)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lkip-fuzz-") as d:
        yield Path(d)


def _load(workdir: Path, data: bytes, suffix: str) -> None:
    path = workdir / f"figures{suffix}"
    path.write_bytes(data)
    try:
        load_figures(path)
    except FiguresError as err:
        msg = str(err)
        assert "\n" not in msg, msg
        assert msg.startswith(str(path)), msg
        assert "Traceback" not in msg


def test_seeds_are_valid(workdir: Path) -> None:
    for suffix, data in ((".yaml", SEED_YAML), (".json", SEED_JSON)):
        path = workdir / f"seed{suffix}"
        path.write_bytes(data)
        assert load_figures(path).tahun == 2023


YAML_TOKENS = st.sampled_from([
    "instansi:", "tahun:", "sasaran:", "renstra:", "program:", "anggaran:", "indikator:",
    "nama:", "target:", "realisasi:", "- ", "  ", "\n", "{", "}", "[", "]", ",", ":", "&a ", "*a",
    "!!binary ", "!!python/name:os.system", "!!float", "? ", "|", ">", "'", '"', "#", "---",
    "...", "%YAML 1.1", "2023", "-1", "1e400", ".nan", ".inf", "0x1F", "0o17", "1_000",
    "2023-02-30", "190:20:30", "~", "null", "true", "BB", "AA", "ñ", "\t", "\ufeff", "\x85",
    "\u2028",
])
YAMLISH = st.lists(YAML_TOKENS, max_size=40).map("".join)
JSON_TOKENS = st.sampled_from([
    "{", "}", "[", "]", ",", ":", '"instansi"', '"tahun"', '"sasaran"', '"nama"', '"x"',
    "2023", "-0", "1e999", "NaN", "Infinity", "null", "true", "1" * 5000, '"\\ud800"', " ",
])
JSONISH = st.lists(JSON_TOKENS, max_size=30).map("".join)


@settings(max_examples=n_examples(700))
@given(st.one_of(st.binary(max_size=300), YAMLISH.map(str.encode), st.text(max_size=200).map(str.encode)),
       st.sampled_from([".yaml", ".yml", ".json"]))
@example(b"tahun: 2023-02-30\n", ".yaml")
@example(b'{"tahun": ' + b"1" * 5000 + b"}", ".json")
@example(b"[" * 50000 + b"]" * 50000, ".yaml")
@example(b"[" * 50000 + b"]" * 50000, ".json")
def test_random_bytes(workdir: Path, data: bytes, suffix: str) -> None:
    count_example("figures_random")
    _load(workdir, data, suffix)


@settings(max_examples=n_examples(400))
@given(JSONISH)
def test_random_json(workdir: Path, text: str) -> None:
    count_example("figures_json")
    _load(workdir, text.encode("utf-8", "surrogatepass"), ".json")


@st.composite
def byte_mutations(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "delete":
            n = draw(st.integers(1, 40))
            del data[pos:pos + n]
        elif kind == "insert":
            data[pos:pos] = draw(st.one_of(st.binary(max_size=8), YAML_TOKENS.map(str.encode)))
        elif kind == "duplicate":
            n = draw(st.integers(1, 80))
            data[pos:pos] = data[pos:pos + n]
        else:
            del data[pos:]
    return bytes(data)


@settings(max_examples=n_examples(600))
@given(byte_mutations(SEED_YAML))
def test_mutated_yaml_bytes(workdir: Path, data: bytes) -> None:
    count_example("figures_yaml_bytes")
    _load(workdir, data, ".yaml")


@settings(max_examples=n_examples(300))
@given(byte_mutations(SEED_JSON))
def test_mutated_json_bytes(workdir: Path, data: bytes) -> None:
    count_example("figures_json_bytes")
    _load(workdir, data, ".json")


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, prefix + (k,)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, prefix + (i,)))
    return out


PATHS = [p for p in _paths(SEED_DATA) if p]
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.text(max_size=20),
    st.floats(allow_nan=True, allow_infinity=True), st.just([]), st.just({}),
    st.sampled_from(["BB", "ZZ", "-", "88,05", "1.234,5", "nan", "inf", "", " ", "2023-02-30"]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _set(data: Any, path: tuple[Any, ...], value: Any, action: str, suffix: str) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if action == "delete":
        del parent[key]
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{key}{suffix}"] = parent.pop(key)
    else:
        parent[key] = value


@settings(max_examples=n_examples(500))
@given(st.lists(st.tuples(st.sampled_from(PATHS), ODD_VALUES, st.sampled_from(["set", "delete", "rename"]),
                          st.sampled_from(["x", "_", " ", "\n", "\u2028", "\r\n"])),
                min_size=1, max_size=3),
       st.sampled_from([".yaml", ".json"]))
def test_mutated_structure(workdir: Path, edits: list[tuple[tuple[Any, ...], Any, str, str]],
                           suffix: str) -> None:
    count_example("figures_structure")
    data = json.loads(json.dumps(SEED_DATA))
    for path, value, action, key_suffix in edits:
        try:
            _set(data, path, value, action, key_suffix)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this path
    if suffix == ".json":
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
    else:
        payload = yaml.safe_dump(data, allow_unicode=True).encode("utf-8")
    _load(workdir, payload, suffix)


def test_line_break_in_key_stays_one_line(workdir: Path) -> None:
    data = json.loads(json.dumps(SEED_DATA))
    data["instansi"]["nama\nx"] = 1
    path = workdir / "newline-key.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FiguresError) as info:
        load_figures(path)
    assert "\n" not in str(info.value) and "kolom tidak dikenal" in str(info.value)
