"""What a reviewer sees of the issues: severity filter, grouped spelling findings, statistics.

* :func:`filter_severity` keeps the issues at or above a minimum severity (``--min-severity``);
* :func:`group_key` / :func:`grouped`: the same spelling finding (same rule, same word, same
  suggestion) at many places is shown once with all its places in text, HTML and spreadsheet
  output; JSON keeps one issue per place with its ``group`` key;
* :func:`statistics` / :func:`render_statistics`: counts per rule (``--statistics``, like
  ``ruff --statistics``).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from drafter.check.registry import SEVERITIES, Issue
from drafter.check.runner import order_key
from drafter.errors import term_safe

if TYPE_CHECKING:
    from pathlib import Path

    from drafter.check.batch import FileResult

# categories whose findings are grouped by word (spelling and typing mistakes)
GROUPED_CATEGORIES = frozenset({"typo"})


def severity_rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info (lower is more severe)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def filter_severity(results: Sequence[FileResult], minimum: str | None) -> list[FileResult]:
    """``results`` with only the issues of severity ``minimum`` or more severe."""
    if minimum is None or minimum == SEVERITIES[-1]:
        return list(results)
    top = severity_rank(minimum)
    return [replace(r, issues=[i for i in r.issues if severity_rank(i.severity) <= top])
            for r in results]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def group_key(issue: Issue) -> str | None:
    """Stable key of a spelling finding: ``RULE:word`` (+ ``>suggestion`` when there is one),
    case-insensitive; None for issues that are not grouped."""
    if issue.category not in GROUPED_CATEGORIES:
        return None
    word = _norm(issue.excerpt)
    if not word:
        return None
    key = f"{issue.rule}:{word}"
    if issue.expected:
        key += f">{_norm(issue.expected)}"
    return key


def grouped(issues: Sequence[Issue]) -> list[list[Issue]]:
    """Issues in report order (numeric categories first, then by position), the places of one
    spelling finding gathered behind its first occurrence: a list of groups, each non-empty."""
    groups: list[list[Issue]] = []
    by_key: dict[str, list[Issue]] = {}
    for issue in sorted(issues, key=order_key):
        key = group_key(issue)
        if key is None:
            groups.append([issue])
        elif key in by_key:
            by_key[key].append(issue)
        else:
            by_key[key] = [issue]
            groups.append(by_key[key])
    return groups


# ------------------------------------------------------------------------------------------------
# statistics


@dataclass(frozen=True)
class RuleCount:
    code: str
    category: str
    severity: str
    count: int
    summary: str


SUMMARY_WIDTH = 72


def _summary(code: str, lang: str) -> str:
    """The rule's name and the start of its documentation, cut at a word (one line)."""
    from drafter.check.registry import get_rule

    rule = get_rule(code)
    if rule is None:
        return ""
    from drafter.check.docs import rule_doc

    what = " ".join(rule_doc(rule, lang)["what"].split())
    if len(what) > SUMMARY_WIDTH:
        cut = what.rfind(" ", 0, SUMMARY_WIDTH)
        what = what[: cut if cut > 0 else SUMMARY_WIDTH].rstrip(" ,;:(") + " ..."
    return f"{rule.name}: {what}" if what else rule.name


def statistics(results: Sequence[FileResult], *, lang: str = "id") -> list[RuleCount]:
    """Issue counts per rule, most frequent first (then by code)."""
    counts: Counter[str] = Counter()
    meta: dict[str, tuple[str, str]] = {}
    for r in results:
        for i in r.issues:
            counts[i.rule] += 1
            meta.setdefault(i.rule, (i.category, i.severity))
    order = sorted(counts, key=lambda c: (-counts[c], c))
    return [RuleCount(c, meta[c][0], meta[c][1], counts[c], _summary(c, lang)) for c in order]


def render_statistics(results: Sequence[FileResult], *, fmt: str = "text", lang: str = "id") -> str:
    """``--statistics``: one line per rule (``count  CODE  [category]  summary``) or JSON."""
    stats = statistics(results, lang=lang)
    if fmt == "json":
        return json.dumps([{"code": s.code, "category": s.category, "severity": s.severity,
                            "count": s.count, "summary": s.summary} for s in stats],
                          ensure_ascii=False, indent=2) + "\n"
    if not stats:
        return ""
    width = max(len(str(s.count)) for s in stats)
    cw = max(len(s.code) for s in stats)
    kw = max(len(s.category) for s in stats) + 2
    lines = [f"{s.count:>{width}}  {s.code:<{cw}}  {'[' + s.category + ']':<{kw}}  "
             f"{term_safe(s.summary)}".rstrip() for s in stats]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------
# command-line presentation options


@dataclass(frozen=True)
class ReportOptions:
    """How ``lkip check`` presents its findings (``--min-severity``, ``--quiet``,
    ``--statistics``, ``--exit-zero``, standard input name)."""

    min_severity: str | None = None
    quiet: bool = False
    statistics: bool = False
    exit_zero: bool = False
    stdin_filename: str | None = None
    baseline: Path | None = None  # --baseline: hide the issues recorded there
    write_baseline: Path | None = None  # --write-baseline: record the issues there
    fix: bool = False  # --fix: write the fixed copy to -o
