"""Generic fixture test: every rule's rules/examples/CODE.yaml fail/pass cases.

Each case is ``{text: ..., year: optional int, markdown: optional bool, siblings: optional
{kind: text}}`` (siblings: the --with documents of the cross-document rules); a ``fail`` case
must produce at least one issue of that rule (and, when ``expect`` is given, an issue whose
excerpt or message contains it; when ``count`` is given, exactly that many), a ``pass`` case none.
"""

from __future__ import annotations

from typing import Any

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.docs import rule_examples
from drafter.check.registry import all_rules
from drafter.check.runner import run_rules
from drafter.document.readers import parse_text

RULES = all_rules()


def _cases(kind: str) -> list[Any]:
    out = []
    for r in RULES:
        for i, case in enumerate(rule_examples(r.code).get(kind) or []):
            out.append(pytest.param(r, case, id=f"{r.code}-{kind}-{i}"))
    return out


def _run(rule: Any, case: dict[str, Any]) -> list[Any]:
    doc = parse_text(case["text"], "<contoh>", markdown=case.get("markdown"))
    extra = {}
    if case.get("siblings"):  # cross-document rules: {kind: text} of the --with documents
        from drafter.crossdoc import siblings_from_texts

        extra["siblings"] = siblings_from_texts(case["siblings"])
    ctx = CheckContext(doc, CheckConfig(year=case.get("year"), kabupaten=case.get("kabupaten"),
                                        extra=extra))
    return [i for i in run_rules(ctx, [rule], strict=True) if i.rule == rule.code]


def test_every_rule_has_examples() -> None:
    missing = [r.code for r in RULES if not (rule_examples(r.code).get("fail")
                                             and rule_examples(r.code).get("pass"))]
    assert not missing, f"rules without fail/pass examples: {missing}"


@pytest.mark.parametrize(("rule", "case"), _cases("fail"))
def test_fail_case(rule: Any, case: dict[str, Any]) -> None:
    issues = _run(rule, case)
    assert issues, f"{rule.code} found nothing in: {case['text']!r}"
    if case.get("expect"):
        assert any(case["expect"] in (i.excerpt + " " + i.message + " " + (i.expected or ""))
                   for i in issues), [i.as_dict() for i in issues]
    if case.get("count"):  # exactly this many issues (one defect, no cascade)
        assert len(issues) == case["count"], [i.as_dict() for i in issues]


@pytest.mark.parametrize(("rule", "case"), _cases("pass"))
def test_pass_case(rule: Any, case: dict[str, Any]) -> None:
    issues = _run(rule, case)
    assert not issues, [i.as_dict() for i in issues]
