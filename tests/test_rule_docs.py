"""Rule documentation in Indonesian (rules/docs/id.yaml) and English (docstrings, en.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from drafter.check.docs import RuleDoc, describe_rule, doc_table, list_rules, rule_doc
from drafter.check.registry import all_rules
from drafter.cli import app

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_is_documented_in_both_languages(rule: type) -> None:
    assert rule.code in doc_table("id"), f"{rule.code}: no entry in rules/docs/id.yaml"
    ind, eng = rule_doc(rule, "id"), rule_doc(rule, "en")
    for d in (ind, eng):
        assert d["what"].strip() and d["why"].strip()
    assert " ".join(ind["what"].split()) != " ".join(eng["what"].split())
    assert bool(ind["more"]) == bool(eng["more"])


def test_english_text_is_not_the_indonesian_one() -> None:
    """Rules documented in Indonesian in their docstring have an English text in en.yaml."""
    for rule in RULES:
        eng = " ".join(rule_doc(rule, "en")["what"].split()).lower()
        # "yang" outside quotes is the commonest Indonesian word of a description
        unquoted = " ".join(eng.split('"')[0::2])
        assert " yang " not in unquoted, rule.code


def test_schema_is_strict() -> None:
    RuleDoc.model_validate({"what": "a", "why": "b"})
    for bad in ({"what": "a"}, {"what": "", "why": "b"}, {"what": "a", "why": "b", "x": "c"},
                {"what": 1, "why": "b"}):
        with pytest.raises(ValidationError):
            RuleDoc.model_validate(bad)


def test_rules_command_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LKIP_LANG", raising=False)
    runner = CliRunner()
    res = runner.invoke(app, ["rules", "TB102"])
    assert res.exit_code == 0
    assert "Yang diperiksa:" in res.stdout and "Mengapa penting:" in res.stdout
    assert "terbilang" in res.stdout.lower() and "Authors change" not in res.stdout
    res = runner.invoke(app, ["rules", "TB102", "--lang", "en"])
    assert res.exit_code == 0
    assert "What is checked:" in res.stdout and "Authors change the digit" in res.stdout
    res = runner.invoke(app, ["rules", "SP103", "--lang", "en"])
    assert "Non-standard forms" in res.stdout
    monkeypatch.setenv("LKIP_LANG", "en")
    assert "What is checked:" in runner.invoke(app, ["rules", "AR101"]).stdout
    assert runner.invoke(app, ["rules", "AR101", "--lang", "xx"]).exit_code == 2


def test_rules_language_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LKIP_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lkip.toml").write_text('lang = "en"\n', encoding="utf-8")
    runner = CliRunner()
    assert "What is checked:" in runner.invoke(app, ["rules", "TB101"]).stdout
    assert "Yang diperiksa:" in runner.invoke(app, ["rules", "TB101", "--lang", "id"]).stdout


def test_listing_is_one_line_per_rule_in_each_language() -> None:
    for lang in ("id", "en"):
        lines = list_rules(lang).splitlines()
        assert [ln.split()[0] for ln in lines] == [r.code for r in RULES]
    assert "galat" in list_rules("id") and "galat" not in list_rules("en")
    text = describe_rule("AR101", "id")
    assert text is not None and max(len(ln) for ln in text.splitlines()[:12]) <= 100
