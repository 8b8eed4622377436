"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, VS Code viewers).

One run with ``tool.driver`` (name, version, every rule with its documentation as help text)
and one result per issue with its physical location (line/column region; for DOCX the
paragraph is the line, and the table cell is named in a logical location and the location's
properties). Files that could not be checked become tool execution notifications. Output is
deterministic (no timestamps, sorted).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from drafter import __version__
from drafter.check.registry import Issue

if TYPE_CHECKING:
    from drafter.check.batch import FileResult

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFO_URI = "https://github.com/lkip-drafter/lkip-drafter"

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference for a file path (forward slashes, percent-encoded)."""
    from urllib.parse import quote

    p = PurePath(path)
    text = p.as_posix()
    if p.is_absolute():
        return "file://" + quote(text)
    return quote(text)


def _rule_descriptors(codes: set[str], lang: str) -> list[dict[str, Any]]:
    from drafter.check.docs import describe_rule, rule_doc
    from drafter.check.registry import all_rules

    out: list[dict[str, Any]] = []
    for r in all_rules():
        if r.code not in codes:  # the rules of the results (all rules: `lkip rules`)
            continue
        doc = rule_doc(r, lang)
        what = " ".join(doc["what"].split()) or r.name
        full = " ".join(p for p in (what, " ".join(doc["why"].split())) if p)
        out.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": what},
            "fullDescription": {"text": full},
            "help": {"text": describe_rule(r.code, lang) or full},
            "defaultConfiguration": {"level": LEVELS.get(r.severity, "warning")},
            "properties": {"category": r.category, "tags": [r.category]},
        })
    return out


def _location(issue: Issue, path: str) -> dict[str, Any]:
    loc = issue.location
    region: dict[str, Any] = {"startLine": max(1, loc.line), "startColumn": max(1, loc.column)}
    if loc.end_line >= loc.line:
        region["endLine"] = max(1, loc.end_line)
        if loc.end_column >= 1 and (loc.end_line > loc.line or loc.end_column >= loc.column):
            region["endColumn"] = loc.end_column
    if issue.excerpt:
        region["snippet"] = {"text": issue.excerpt}
    out: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region},
    }
    extra = dict(loc.extra or {})
    if path.lower().endswith(".docx"):
        extra.setdefault("paragraph", loc.line)
    if extra:
        out["properties"] = {k: extra[k] for k in sorted(extra)}
        name = f"paragraf {extra['paragraph']}" if "paragraph" in extra else f"baris {loc.line}"
        if "table" in extra:
            name += (f" (tabel {extra['table']}, baris {extra.get('row', '?')}, "
                     f"sel {extra.get('cell', '?')})")
        out["logicalLocations"] = [{"name": name, "kind": "element"}]
    return out


def render_sarif(results: Sequence[FileResult], *, lang: str = "id") -> str:
    """The SARIF 2.1.0 log of ``results`` as a JSON string."""
    from drafter.check.runner import order_key
    from drafter.report.views import group_key

    codes = {i.rule for r in results for i in r.issues}
    rules = _rule_descriptors(codes, lang)
    index = {d["id"]: k for k, d in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    artifacts: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        artifacts.append({"location": {"uri": artifact_uri(r.path)}})
        if r.error:
            notifications.append({"level": "error", "message": {"text": r.error},
                                  "locations": [{"physicalLocation": {
                                      "artifactLocation": {"uri": artifact_uri(r.path)}}}]})
            continue
        for issue in sorted(r.issues, key=order_key):
            text = issue.message
            if issue.expected:
                text += (f" (expected: {issue.expected})" if lang == "en"
                         else f" (seharusnya: {issue.expected})")
            res: dict[str, Any] = {
                "ruleId": issue.rule,
                "level": LEVELS.get(issue.severity, "warning"),
                "message": {"text": text},
                "locations": [_location(issue, r.path)],
                "properties": {"category": issue.category, "severity": issue.severity},
            }
            related = getattr(issue, "related", ())  # cross-document: places in the siblings
            if related:
                res["relatedLocations"] = [
                    {"id": k + 1, "message": {"text": rel.document},
                     "physicalLocation": {"artifactLocation": {"uri": artifact_uri(rel.file)},
                                          "region": {"startLine": max(1, rel.location.line),
                                                     "startColumn": max(1, rel.location.column)}}}
                    for k, rel in enumerate(related)]
            if issue.rule in index:
                res["ruleIndex"] = index[issue.rule]
            key = group_key(issue)
            if key is not None:
                res["partialFingerprints"] = {"lkipGroup/v1": key}
            sarif_results.append(res)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "lkip",
            "fullName": "lkip check (lkip-drafter)",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFO_URI,
            "language": "en" if lang == "en" else "id",
            "rules": rules,
        }},
        "artifacts": artifacts,
        "invocations": [{
            "executionSuccessful": not any(r.error for r in results),
            "toolExecutionNotifications": notifications,
        }],
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
