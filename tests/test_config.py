"""lkip.toml / [tool.lkip]: a strict schema, clean errors, and no silent weakening."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.config import check_selectors, make_config
from drafter.errors import LkipError


def _cfg(tmp_path: Path, text: str, name: str = "lkip.toml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "laporan.txt"


def test_valid_config_is_applied(tmp_path: Path) -> None:
    start = _cfg(tmp_path, 'select = ["AR", "predicate"]\nignore = ["AR102"]\nyear = 2023\n'
                           'spelling = false\nkabupaten = "Sleman"\nlang = "en"\n')
    cfg = make_config(start)
    assert cfg.select == ["AR", "predicate"] and cfg.ignore == ["AR102"]
    assert (cfg.year, cfg.spelling, cfg.kabupaten, cfg.lang) == (2023, False, "Sleman", "en")
    assert cfg.wants("AR101", "arithmetic") and not cfg.wants("AR102", "arithmetic")


@pytest.mark.parametrize(("text", "field", "line"), [
    ('year = "2023"\n', "year", 1),
    ('\n\nspelling = "false"\n', "spelling", 3),
    ("spelling = 0\n", "spelling", 1),
    ("year = true\n", "year", 1),
    ("year = 2023.0\n", "year", 1),
    ('kabupaten = 12\n', "kabupaten", 1),
    ('select = "AR"\n', "select", 1),
    ('select = ["AR", 5]\n', "select[1]", 1),
    ('# komentar\nignore = ["XY123"]\n', "ignore", 2),
    ("lang = 'ms'\n", "lang", 1),
    ("unknown = 1\n", "unknown", 1),
])
def test_wrong_types_and_unknown_codes_name_file_line_key(tmp_path: Path, text: str, field: str,
                                                          line: int) -> None:
    with pytest.raises(LkipError) as info:
        make_config(_cfg(tmp_path, text))
    msg = str(info.value)
    assert msg.startswith(f"{tmp_path / 'lkip.toml'}:{line}: {field}: "), msg


def test_pyproject_table_is_validated_with_its_line(tmp_path: Path) -> None:
    start = _cfg(tmp_path, '[project]\nname = "x"\nyear = "not ours"\n\n[tool.lkip]\n'
                           'year = "2023"\n', "pyproject.toml")
    with pytest.raises(LkipError) as info:
        make_config(start)
    assert str(info.value).startswith(f"{tmp_path / 'pyproject.toml'}:6: year: ")


def test_pyproject_without_table_is_ignored(tmp_path: Path) -> None:
    start = _cfg(tmp_path, '[project]\nname = "x"\n', "pyproject.toml")
    assert make_config(start).select == []


def test_selectors_accept_codes_prefixes_and_categories() -> None:
    assert check_selectors(["ar101", "AR", "predicate", " typo "], source="--select") == \
        ["ar101", "AR", "predicate", "typo"]
    for bad in ("AR9999", "nonsense", "ZZ", "predikat"):
        with pytest.raises(LkipError, match="tidak dikenal"):
            check_selectors([bad], source="--select")


def test_command_line_selectors_are_checked_and_split(tmp_path: Path) -> None:
    cfg = make_config(tmp_path / "x.txt", select=["AR,predicate"], ignore=["AR102"])
    assert cfg.select == ["AR", "predicate"] and cfg.ignore == ["AR102"]
    with pytest.raises(LkipError, match="--ignore"):
        make_config(tmp_path / "x.txt", ignore=["QQ"])
    with pytest.raises(LkipError, match="--year"):
        make_config(tmp_path / "x.txt", year=20230)


def test_command_line_overrides_file(tmp_path: Path) -> None:
    start = _cfg(tmp_path, "year = 2022\nspelling = true\n")
    cfg = make_config(start, year=2024, spelling=False)
    assert (cfg.year, cfg.spelling) == (2024, False)


@pytest.mark.parametrize("text", ["a = " + "[" * 4000 + "]" * 4000,
                                  "a = " + "{b = " * 4000 + "1" + "}" * 4000])
def test_deep_nesting_is_a_clean_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(LkipError, match="terlalu dalam"):
        make_config(_cfg(tmp_path, text + "\n"))


def test_config_folder_or_non_utf8_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "lkip.toml").write_bytes(b'kabupaten = "J\xe9mber"\n')
    with pytest.raises(LkipError, match="UTF-8"):
        make_config(tmp_path / "laporan.txt")
    (tmp_path / "lkip.toml").unlink()
    (tmp_path / "lkip.toml").mkdir()
    with pytest.raises(LkipError, match="folder"):
        make_config(tmp_path / "laporan.txt")


def test_duplicate_key_is_an_error_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(LkipError) as info:
        make_config(_cfg(tmp_path, "year = 2023\nyear = 2024\n"))
    msg = str(info.value)
    assert msg.startswith(f"{tmp_path / 'lkip.toml'}:2: konfigurasi TOML tidak valid"), msg
