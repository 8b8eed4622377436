"""The schemas of the declarative data (drafter/datacheck.py): every shipped file validates, and
a broken copy is reported with its file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter import datacheck, resources
from drafter.datacheck import check_all, check_text, data_files, load_checked, schema_for
from drafter.errors import DataError

ROOT = Path(__file__).resolve().parent.parent

# Defects of the shipped data found by the schemas and not fixed yet (the data files are owned
# by others): each entry is (file, a fragment of the message). Remove an entry once fixed.
KNOWN_DEFECTS: set[tuple[str, str]] = set()  # (file, message fragment) of shipped data errors


def _known(error: str) -> bool:
    return any(error.startswith(path + ":") and frag in error for path, frag in KNOWN_DEFECTS)


def test_every_data_file_has_a_schema() -> None:
    names = {f"rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml")}
    names |= {f"phrasebank/{p.name}" for p in (ROOT / "phrasebank").glob("*.yaml")}
    names |= {f"rules/examples/{p.name}" for p in (ROOT / "rules" / "examples").glob("*.yaml")}
    names |= {f"rules/docs/{p.name}" for p in (ROOT / "rules" / "docs").glob("*.yaml")}
    assert not [n for n in sorted(names) if schema_for(n) is None]
    assert len(data_files()) == len(names)


def test_shipped_data_validates() -> None:
    errors = check_all()
    assert [e for e in errors if not _known(e)] == []


def test_shipped_data_validates_in_english() -> None:
    assert [e for e in check_all("en") if not e.startswith("rules/lexicon.yaml:")] == []


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def _copy(tmp_path: Path, name: str, text: str) -> str:
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target.read_text(encoding="utf-8")


def test_broken_regex_names_file_and_line(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "leftovers.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("regex:"))
    lines[at] = lines[at].split("regex:")[0] + "regex: '\\b(?:jika|bila\\s+ada'"
    broken = _copy(tmp_path, "rules/leftovers.yaml", "\n".join(lines))
    errors, _ = check_text("rules/leftovers.yaml", broken)
    assert len(errors) == 1
    assert re.match(rf"rules/leftovers\.yaml:{at + 1}: pola regex tidak valid di "
                    r"'patterns\[0\]\.regex': missing \), unterminated subpattern", errors[0])
    assert "\n" not in errors[0]
    en, _ = check_text("rules/leftovers.yaml", broken, "en")
    assert en[0].startswith(f"rules/leftovers.yaml:{at + 1}: invalid regex pattern at 'patterns[0].regex'")


def test_wrong_type_names_file_and_line(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "tables.yaml").read_text(encoding="utf-8")
    line = _line_of(text, "caption_lookback:")
    broken = _copy(tmp_path, "rules/tables.yaml",
                   re.sub(r"(?m)^caption_lookback:.*$", "caption_lookback: enam", text))
    errors, _ = check_text("rules/tables.yaml", broken)
    assert errors == [f"rules/tables.yaml:{line}: tipe salah di 'caption_lookback': "
                      "harus bilangan bulat, bukan teks"]


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    text = (ROOT / "rules" / "years.yaml").read_text(encoding="utf-8")
    broken = _copy(tmp_path, "rules/years.yaml", text.rstrip("\n") + "\nmonth_names:\n  - januari\n")
    line = _line_of(broken, "month_names:")
    errors, _ = check_text("rules/years.yaml", broken)
    assert errors == [f"rules/years.yaml:{line}: kunci 'month_names' tidak dikenal"]


def test_missing_key_and_nested_item() -> None:
    text = "regulations:\n  - kind: 'permen'\n    number: '53'\n    year: '2014'\n    subject: []\n"
    errors, _ = check_text("rules/regulations.yaml", text)
    assert "rules/regulations.yaml:2: kunci wajib 'regulations[0].title' tidak ada" in errors
    assert "rules/regulations.yaml:4: tipe salah di 'regulations[0].year': harus bilangan bulat, " \
           "bukan teks" in errors


def test_claims_placeholders_expanded_before_compiling() -> None:
    ok, _ = check_text("rules/claims.yaml", "number_words: {satu: 1}\nrealisasi: '{NUM}\\s*(?:x|y)'\n")
    assert ok == []
    bad, _ = check_text("rules/claims.yaml", "number_words: {}\nx:\n  y: ['a', '{WORDNUM})']\n")
    assert len(bad) == 1 and bad[0].startswith("rules/claims.yaml:3: pola regex tidak valid di 'x.y[1]'")


def test_phrasebank_alternatives_and_placeholders() -> None:
    text = ("a:\n  - 'pada tahun {year}'\nb:\n  - >-\n    naik [[cukup||sangat\n"
            "  - 'turun {yeer}'\n  - 'sisa {year'\n")
    errors, _ = check_text("phrasebank/zz.yaml", text)
    assert errors[0] == "phrasebank/zz.yaml:4: alternatif [[a||b]] tidak seimbang di 'b[0]': '[[' tanpa ']]'"
    assert errors[1].startswith("phrasebank/zz.yaml:6: isian {yeer} di 'b[1]' tidak dikenal")
    assert errors[2].startswith("phrasebank/zz.yaml:7: isian {...} tidak valid di 'b[2]'")


def test_duplicate_key_and_yaml_syntax() -> None:
    errors, _ = check_text("rules/pangkat.yaml", "pangkat:\n  I/a: Juru Muda\n  I/a: Juru\n")
    assert errors == ["rules/pangkat.yaml:3: kunci 'pangkat.I/a' ditulis dua kali (nilai pertama diabaikan)"]
    errors, _ = check_text("rules/names.yaml", "parts: [a, b\nprefix_titles: []\n")
    assert len(errors) == 1 and errors[0].startswith("rules/names.yaml:")
    assert "YAML tidak valid" in errors[0]


def test_load_checked_raises_one_line_data_error() -> None:
    with pytest.raises(DataError) as exc:
        load_checked("rules", "people.yaml", "not_name: []\ntitles: []\nroles: []\nacting: ['(a']\n")
    assert str(exc.value).startswith("rules/people.yaml:4: pola regex tidak valid di 'acting[0]'")
    assert exc.value.exit_code == 2
    # a word YAML read as true loses a word without breaking a rule: tolerated at load time
    assert load_checked("rules", "names.yaml", "prefix_titles: [on]\nparts: []\n") == \
        {"prefix_titles": [True], "parts": []}


def test_cache_miss_validates_and_hit_skips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "rules"
    data.mkdir()
    (data / "people.yaml").write_text("not_name: []\ntitles: []\nroles: []\nacting: ['(a']\n",
                                      encoding="utf-8")
    monkeypatch.setattr(resources, "data_dir", lambda name: tmp_path / name)
    monkeypatch.setenv(resources.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(resources.NO_CACHE_ENV, raising=False)
    with pytest.raises(DataError, match=r"^rules/people\.yaml:4: "):
        resources.parse_yaml("rules", "people.yaml")
    (data / "people.yaml").write_text("not_name: []\ntitles: []\nroles: []\nacting: ['a']\n",
                                      encoding="utf-8")
    assert resources.parse_yaml("rules", "people.yaml")["acting"] == ["a"]

    def no_validation(*_: object) -> None:
        raise AssertionError("validated on a cache hit")

    monkeypatch.setattr(datacheck, "load_checked", no_validation)
    assert resources.parse_yaml("rules", "people.yaml")["acting"] == ["a"]  # a hit


def test_cli_check_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.cli import app

    runner = CliRunner()
    monkeypatch.setattr(datacheck, "check_all", lambda lang="id": [])
    result = runner.invoke(app, ["rules", "--check-data"])
    assert result.exit_code == 0, result.output
    assert "berkas data sesuai skema" in result.output
    monkeypatch.setattr(datacheck, "check_all", lambda lang="id": ["rules/x.yaml:3: kunci 'y' tidak dikenal"])
    result = runner.invoke(app, ["rules", "--check-data"])
    assert result.exit_code == 2
    assert "lkip: rules/x.yaml:3: kunci 'y' tidak dikenal" in result.output


def test_placeholders_of_the_drafter_are_known() -> None:
    names = datacheck.known_placeholders()
    assert {"year", "realisasi", "capaian", "indikator"} <= names


def test_checks_across_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    for name in ("rules", "phrasebank"):
        shutil.copytree(ROOT / name, tmp_path / name)
    extract = tmp_path / "rules" / "extract.yaml"
    text = extract.read_text(encoding="utf-8")
    extract.write_text(re.sub(r"(?m)^b3_program_frames:.*$", "b3_program_frames:\n  - b3_program\n"
                              "  - situasi_tak_ada", text), encoding="utf-8")
    (tmp_path / "phrasebank" / "zz.yaml").write_text("x_baru:\n  - satu\ntren_tetap:\n  - dua\n",
                                                     encoding="utf-8")
    monkeypatch.setattr(resources, "data_dir", lambda name: tmp_path / name)
    monkeypatch.setattr(datacheck, "data_dir", lambda name: tmp_path / name)
    errors = [e for e in check_all() if not _known(e)]
    frame_line = _line_of(extract.read_text(encoding="utf-8"), "  - situasi_tak_ada")
    assert errors == [
        "phrasebank/zz.yaml:3: situasi 'tren_tetap' sudah ada di phrasebank/perbandingan.yaml",
        f"rules/extract.yaml:{frame_line}: situasi phrasebank 'situasi_tak_ada' di "
        f"'b3_program_frames[1]' tidak ada",
    ]


def test_placeholder_expansions_are_the_rules_own() -> None:
    from drafter.check import claims_parse
    from drafter.check.rules import count

    assert datacheck._NUM == claims_parse.NUM
    assert datacheck._WORDNUM == claims_parse._WORDNUM
    assert datacheck._COUNT_WORDNUM == count._WORDNUM_RE
