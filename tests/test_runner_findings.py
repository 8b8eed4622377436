"""Two rules of one category flagging one figure with one correction are reported once."""

from __future__ import annotations

from drafter.check.registry import Issue
from drafter.check.runner import _one_per_finding
from drafter.document.model import Location


def _issue(rule: str, severity: str, line: int, col: int, expected: str | None,
           category: str = "claim-vs-table") -> Issue:
    return Issue(rule, category, severity, f"{rule} pesan", Location(line, col, line, col + 5),
                 "98,56%", expected)  # type: ignore[arg-type]


def test_same_figure_same_correction_kept_once_most_severe() -> None:
    a = _issue("CL114", "warning", 143, 59, "98,65")
    b = _issue("CL101", "error", 143, 59, "98,65")
    assert _one_per_finding([a, b]) == [b]


def test_other_correction_place_or_category_kept() -> None:
    a = _issue("CL101", "error", 143, 59, "98,65")
    others = [_issue("CL114", "warning", 143, 59, "100,46"),
              _issue("CL114", "warning", 143, 60, "98,65"),
              _issue("AR101", "error", 143, 59, "98,65", category="arithmetic"),
              _issue("LO101", "warning", 143, 59, None)]
    assert _one_per_finding([a, *others]) == [a, *others]


def test_equal_severity_lower_code_kept() -> None:
    a = _issue("CL114", "warning", 10, 1, "5")
    b = _issue("CL113", "warning", 10, 1, "5")
    assert _one_per_finding([a, b]) == [b]
