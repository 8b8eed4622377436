"""Run the rules over a document and return sorted, de-duplicated, filtered issues."""

from __future__ import annotations

from collections.abc import Iterable

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import NUMERIC_CATEGORIES, Issue, Rule, all_rules
from drafter.document.model import Document

INTERNAL_RULE = "LK000"


def selected_rules(config: CheckConfig) -> list[type[Rule]]:
    out = []
    for r in all_rules():
        if not config.wants(r.code, r.category):
            continue
        if not r.default_enabled and not config.select:  # opt-in rules run only when selected
            continue
        if r.category == "typo" and not config.spelling and r.code.startswith("SP"):
            continue
        out.append(r)
    return out


def _suppressed(doc: Document, issue: Issue) -> bool:
    if not doc.suppressions:
        return False
    for line in (issue.location.line, issue.location.line - 1):
        codes = doc.suppressions.get(line)
        if codes and ("ALL" in codes or issue.rule in codes or issue.category.upper() in codes):
            return True
    return False


def order_key(issue: Issue) -> tuple[int, int, int, str]:
    numeric = 0 if issue.category in NUMERIC_CATEGORIES else 1
    return (numeric, issue.location.line, issue.location.column, issue.rule)


def run_rules(ctx: CheckContext, rules: Iterable[type[Rule]] | None = None,
              *, strict: bool = False) -> list[Issue]:
    """Run ``rules`` (default: the configured selection) and return issues in line order.

    A rule that crashes does not stop the run: it becomes one ``LK000`` warning (or, with
    ``strict``, the exception propagates; tests use that).
    """
    doc = ctx.document
    found: list[Issue] = []
    for rule_cls in rules if rules is not None else selected_rules(ctx.config):
        rule = rule_cls()
        try:
            found.extend(rule.check(ctx))
        except Exception as exc:  # noqa: BLE001 - reported, not swallowed
            if strict:
                raise
            from drafter.document.model import Location

            found.append(Issue(INTERNAL_RULE, "other", "warning",
                               f"aturan {rule_cls.code} gagal dijalankan: {type(exc).__name__}: {exc}",
                               Location(1, 1, 1, 1), "", None))
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Issue] = []
    for issue in sorted(found, key=lambda i: (i.location.line, i.location.column, i.rule, i.message)):
        key = (issue.rule, issue.location.line, issue.location.column, issue.message)
        if key in seen or _suppressed(doc, issue):
            continue
        seen.add(key)
        out.append(issue)
    return out


def check_document(doc: Document, config: CheckConfig | None = None,
                   *, strict: bool = False) -> tuple[list[Issue], list[str]]:
    ctx = CheckContext(doc, config or CheckConfig())
    issues = run_rules(ctx, strict=strict)
    return issues, ctx.notices
