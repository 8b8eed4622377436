"""Fuzz the input/output hygiene layer.

* terminal output: whatever a file name, message or expected value holds, one issue is one line
  and no control character or escape sequence reaches the terminal;
* spreadsheets: no cell of a CSV or XLSX report is ever a formula;
* look-alike digits: normalisation keeps every position and reads every script's digits;
* configuration: any lkip.toml either validates or is one clean error naming the file;
* figures numbers: a value the loader accepts is always one the drafter can write, and a key
  written twice is always reported with its line.
"""

from __future__ import annotations

import csv
import io
import tempfile
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter.check.batch import FileResult
from drafter.check.registry import Issue
from drafter.document.model import Location
from drafter.errors import FiguresError, LkipError, term_safe

from .helpers import count_example, n_examples

DATA = Path(__file__).parent / "data"
SEED_DATA = yaml.safe_load((DATA / "figures_min.yaml").read_bytes())

# characters that must never reach a terminal raw
UNSAFE = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, 0x202E,
                           0x202D, 0x2066, 0x2067, 0x2068, 0x2069, 0x061C, 0x200E, 0x200F]}
NASTY = st.sampled_from(["\x1b[31m", "\x1b]0;judul\x07", "\n", "\r", "\r\n", "\t", "\x00", "\x85",
                         "\u2028", "\u202e", "\x7f", "\x9b", "=", "+", "-", "@", "=HYPERLINK(",
                         "=cmd|'/c calc'!A1", "ｒｐ", "１２", "\uff1d", " ", "laporan", ".txt", "é"])
NASTY_TEXT = st.lists(st.one_of(NASTY, st.text(max_size=6)), max_size=8).map("".join)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lkip-fuzz-hyg-") as d:
        yield Path(d)


def _issue(message: str, excerpt: str, expected: str | None) -> Issue:
    return Issue("AR101", "arithmetic", "error", message, Location(3, 7, 3, 9), excerpt, expected)


# ---------------------------------------------------------------------------------------------
# terminal output


@settings(max_examples=n_examples(4000))
@given(st.one_of(NASTY_TEXT, st.text(max_size=80)))
@example("a\x1b[2J\nb")
@example("Capaian 103,59% — sangat baik")
def test_term_safe(text: str) -> None:
    count_example("term_safe")
    out = term_safe(text)
    assert not (set(out) & UNSAFE), repr(out)
    assert len(out.splitlines()) <= 1
    if not (set(text) & UNSAFE):
        assert out == text  # printable text is left alone


@settings(max_examples=n_examples(800))
@given(NASTY_TEXT, st.lists(st.tuples(NASTY_TEXT, st.none() | NASTY_TEXT), max_size=4))
@example("lap\noran.txt", [("pesan\x1b[31m", "x\ny")])
def test_text_output_one_line_per_issue(path: str, issues: list[tuple[str, str | None]]) -> None:
    count_example("render_text")
    from drafter.report.textfmt import render_text

    res = FileResult(path, [_issue(m, "kutipan", e) for m, e in issues])
    out = render_text([res])
    lines = out.splitlines()
    assert len(lines) == len(issues) + 1, out
    assert not (set(out) - {"\n"}) & UNSAFE, repr(out)


# ---------------------------------------------------------------------------------------------
# spreadsheets

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@settings(max_examples=n_examples(800))
@given(st.lists(st.tuples(NASTY_TEXT, NASTY_TEXT, NASTY_TEXT, st.none() | NASTY_TEXT),
                min_size=1, max_size=3), st.booleans())
@example([("=1+1", "@SUM(A1)", "-2", "+3")], True)
def test_csv_cells_are_never_formulas(rows: list[tuple[str, str, str, str | None]],
                                      batch: bool) -> None:
    count_example("csv_cells")
    from drafter.report.table import render_csv

    results = [FileResult(p or "x", [_issue(m, x, e)]) for p, m, x, e in rows]
    data = render_csv(results, batch=batch).decode("utf-8")
    assert data.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(data[1:], newline="")))
    assert len(parsed) == len(rows) + 1
    for row in parsed[1:]:
        for cell in row:
            assert not cell.startswith(TRIGGERS), (cell, row)
    # nothing is lost: a formula-like text is the cell after the guard apostrophe
    cells = {cell for row in parsed[1:] for cell in row}

    def guarded(text: str) -> str:
        return "'" + text if text.startswith(TRIGGERS) else text

    for p, m, x, _ in rows:
        assert guarded(m) in cells and guarded(x) in cells, (m, x, cells)
        if batch:
            assert guarded(p or "x") in cells


@settings(max_examples=n_examples(150))
@given(st.lists(st.tuples(NASTY_TEXT, NASTY_TEXT, NASTY_TEXT), min_size=1, max_size=3),
       st.booleans())
@example([("=cmd|x", "=1+1", "@A1")], True)
def test_xlsx_cells_are_never_formulas(rows: list[tuple[str, str, str]], batch: bool) -> None:
    count_example("xlsx_cells")
    import openpyxl

    from drafter.report.table import render_xlsx

    results = [FileResult(p or "x", [_issue(m, x, None)]) for p, m, x in rows]
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(results, batch=batch)))
    values = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                values.add(cell.value)
    for _p, m, _x in rows:
        if m and not any(ord(c) < 32 for c in m):
            assert m in values, (m, values)  # shown as text, unchanged


# ---------------------------------------------------------------------------------------------
# look-alike digits

DIGIT_SCRIPTS = [0x30, 0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE]
NUMBER_TEXT = st.lists(st.sampled_from(list("0123456789,.% Rp")), max_size=20).map("".join)


@settings(max_examples=n_examples(2000))
@given(NUMBER_TEXT, st.sampled_from(DIGIT_SCRIPTS), st.text(max_size=30))
@example("103,59%", 0xFF10, "")
@example("1.234.567", 0x0660, "m² ½")
def test_normalize_digits(ascii_text: str, zero: int, other: str) -> None:
    count_example("normalize_digits")
    from drafter.document.readers import normalize_digits

    fancy = ascii_text.translate({ord(str(d)): chr(zero + d) for d in range(10)})
    assert normalize_digits(fancy) == ascii_text
    out = normalize_digits(other)
    assert len(out) == len(other)  # positions stay exact
    assert normalize_digits(out) == out
    for a, b in zip(other, out, strict=True):
        if a != b:
            assert unicodedata.category(a) == "Nd" or 0xFF01 <= ord(a) <= 0xFF5E or a in "\u3000٪٫٬"
    assert normalize_digits(ascii_text) == ascii_text


# ---------------------------------------------------------------------------------------------
# configuration

KEYS = st.sampled_from(["select", "ignore", "year", "kabupaten", "spelling", "lang", "selct",
                        "Year", "rules", ""])
SCALARS = st.one_of(st.integers(min_value=-10**6, max_value=10**6), st.booleans(),
                    st.sampled_from(["2023", "false", "true", "id", "en", "AR", "AR101", "typo",
                                     "predicate", "ZZ999", "", " ", "ar1", "Jember"]),
                    st.text(max_size=8), st.floats(allow_nan=False))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=3)),
                      max_leaves=8)


@settings(max_examples=n_examples(2000))
@given(st.dictionaries(KEYS, VALUES, max_size=5))
@example({"year": "2023"})
@example({"spelling": "false"})
@example({"select": ["XX999"]})
@example({"select": ["AR", "predicate"], "year": 2023, "spelling": False, "lang": "en"})
def test_config_schema(workdir: Path, data: dict[str, Any]) -> None:
    count_example("config_schema")
    from drafter.check.config import ConfigFile, validate_config

    src = workdir / "lkip.toml"
    try:
        cfg = validate_config(data, src)
    except LkipError as err:
        msg = str(err)
        assert msg.startswith(str(src)) and "\n" not in msg, msg
        return
    assert isinstance(cfg, ConfigFile)
    # strict: what was accepted has exactly the documented types
    assert set(data) <= {"select", "ignore", "year", "kabupaten", "spelling", "lang"}
    if "year" in data:
        assert type(data["year"]) is int
    if "spelling" in data:
        assert type(data["spelling"]) is bool
    for key in ("select", "ignore"):
        assert all(isinstance(x, str) and x.strip() for x in data.get(key, []))


TOML_TOKENS = st.sampled_from(["select", "ignore", "year", "spelling", " = ", "=", "[", "]", "{",
                               "}", ",", '"AR"', '"typo"', '"ZZ9"', "2023", '"2023"', "true",
                               '"false"', "\n", "[tool.lkip]", "a.b", "'", '"""', "#", "1e400",
                               "0x10", "inf", "nan", "a = [" * 3])


@settings(max_examples=n_examples(1000))
@given(st.one_of(st.lists(TOML_TOKENS, max_size=25).map("".join), st.text(max_size=60)))
@example("a = " + "[" * 3000 + "]" * 3000)
@example("a = " + "{b = " * 3000 + "1" + "}" * 3000)
@example('year = "2023"\n')
def test_config_file_text(workdir: Path, text: str) -> None:
    count_example("config_text")
    from drafter.check.config import make_config

    folder = workdir / "cfg"
    folder.mkdir(exist_ok=True)
    (folder / "lkip.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        make_config(folder / "laporan.txt")
    except LkipError as err:
        assert "lkip.toml" in str(err) and "\n" not in str(err), str(err)


# ---------------------------------------------------------------------------------------------
# figures numbers and duplicate keys

NUMBERS = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=-10**16, max_value=10**16, places=8),
    st.integers(min_value=-10**30, max_value=10**30),
    st.sampled_from([Decimal("1e26"), Decimal("999999999999999.999999"), Decimal("1e-7"),
                     Decimal("0.000001"), Decimal("1e15"), Decimal("-1e15")]),
)
FIELDS = [
    ("sasaran", 0, "indikator", 0, "target"),
    ("sasaran", 0, "indikator", 0, "realisasi"),
    ("sasaran", 0, "indikator", 1, "skor_realisasi"),
    ("program", 0, "kegiatan", 0, "sub_kegiatan", 0, "pagu"),
    ("program", 0, "kegiatan", 0, "sub_kegiatan", 0, "realisasi_anggaran"),
    ("program", 0, "indikator", "realisasi"),
    ("anggaran", "tahun_lalu", "pagu"),
]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@settings(max_examples=n_examples(400))
@given(NUMBERS, st.sampled_from(FIELDS))
@example(Decimal("1e26"), FIELDS[0])
@example(Decimal("123456789012345"), FIELDS[3])
def test_accepted_numbers_can_be_drafted(workdir: Path, value: Decimal | int, field: tuple) -> None:
    count_example("figures_numbers")
    import copy
    import json

    from drafter.draft import draft_markdown

    data = copy.deepcopy(SEED_DATA)
    # JSON keeps every digit of the value (YAML floats would round it)
    _set(data, field, "@@VALUE@@")
    text = json.dumps(data).replace('"@@VALUE@@"', str(value) if Decimal(value).is_finite()
                                    else "1e999")
    path = workdir / "angka.json"
    path.write_text(text, encoding="utf-8")
    try:
        draft_markdown(path)
    except FiguresError as err:
        assert "\n" not in str(err) and str(path) in str(err)


@settings(max_examples=n_examples(500))
@given(st.data())
def test_duplicate_keys_are_reported(workdir: Path, data: st.DataObject) -> None:
    count_example("duplicate_keys")
    lines = (DATA / "figures_min.yaml").read_text("utf-8").splitlines()
    # a "key: value" line (not a list item start, not a flow mapping) to write twice
    candidates = [i for i, ln in enumerate(lines)
                  if ":" in ln and not ln.lstrip().startswith(("-", "#")) and "{" not in ln
                  and not ln.rstrip().endswith(":")]
    i = data.draw(st.sampled_from(candidates))
    key, _, _ = lines[i].strip().partition(":")
    indent = lines[i][: len(lines[i]) - len(lines[i].lstrip())]
    value = data.draw(st.sampled_from(["1", "2023", "x", "BB", "'teks'", "-5", "[]", "{}", "~",
                                       "1e26", "0.5", '"a: b"', "true"]))
    before = data.draw(st.booleans())  # the copy above or below the original line
    copy_line = f"{indent}{key}: {value}"
    dup = lines[:i] + ([copy_line, lines[i]] if before else [lines[i], copy_line]) + lines[i + 1:]
    path = workdir / "dup.yaml"
    path.write_text("\n".join(dup) + "\n", encoding="utf-8")
    with pytest.raises(FiguresError) as info:
        from drafter.figures import load_figures

        load_figures(path)
    msg = str(info.value)
    assert f"{path}:{i + 2}:" in msg and repr(key) in msg, msg
