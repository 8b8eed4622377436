"""Rules, issues and the rule registry.

A rule is a small class with a stable ``code`` (e.g. ``AR101``), a ``category`` (one of
:data:`CATEGORIES`), a ``severity`` and a docstring that becomes its documentation (``lkip rules
CODE``). Its docstring has three parts separated by blank lines: what it checks, why it matters,
and (optionally) more detail. Failing and passing examples live in
``tests/fixtures/rules/<CODE>.yaml`` and are shown by ``lkip rules CODE`` as well.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from drafter.document.model import Location, TextUnit

if TYPE_CHECKING:
    from drafter.check.context import CheckContext

Severity = Literal["error", "warning", "info"]

CATEGORIES = (
    "arithmetic",
    "predicate",
    "claim-vs-table",
    "cross-table",
    "year",
    "leftover",
    "foreign-name",
    "count",
    "terbilang",
    "typo",
    "structure",
    "completeness",
    "cross-document",
    "other",
)
# numeric findings are listed before spelling/style ones in every output
NUMERIC_CATEGORIES = ("arithmetic", "predicate", "claim-vs-table", "cross-table", "count", "terbilang")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Fix:
    """A mechanical correction offered by a rule: ``old`` (the text at ``location`` in the
    source) is to be replaced by ``new``. Applied by ``lkip check --fix`` only when the source
    still holds exactly ``old`` there."""

    location: Location
    old: str
    new: str


@dataclass(frozen=True)
class Issue:
    rule: str
    category: str
    severity: Severity
    message: str
    location: Location
    excerpt: str
    expected: str | None = None
    fix: Fix | None = None  # an unambiguous mechanical correction (lkip check --fix)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.location.line, self.location.column, self.rule)

    def as_dict(self) -> dict[str, object]:
        d: dict[str, object] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
        }
        loc = self.location.as_dict()
        d.update({k: loc[k] for k in ("line", "column", "end_line", "end_column")})
        d.update({"message": self.message, "excerpt": self.excerpt, "expected": self.expected})
        if "location" in loc:
            d["location"] = loc["location"]
        if self.fix is not None:
            fl = self.fix.location
            d["fix"] = {"line": fl.line, "column": fl.column, "end_line": fl.end_line,
                        "end_column": fl.end_column, "old": self.fix.old, "new": self.fix.new}
        return d


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement check()."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = "error"
    # rules that need optional resources (e.g. the spelling dictionary) may set this False
    default_enabled: ClassVar[bool] = True

    def check(self, ctx: CheckContext) -> Iterable[Issue]:  # pragma: no cover - abstract
        raise NotImplementedError

    # helpers -------------------------------------------------------------------------------
    def issue(self, unit: TextUnit, start: int, end: int, message: str,
              expected: str | None = None, *, severity: Severity | None = None,
              fix: str | tuple[int, int, str] | None = None) -> Issue:
        """An issue pointing at ``unit.text[start:end]``; ``fix`` is the replacement of that span
        (or ``(fix_start, fix_end, replacement)`` for another span of ``unit.text``)."""
        excerpt = unit.text[start:end].strip() or unit.text.strip()[:80]
        fx = None
        if fix is not None:
            fs, fe, new = (start, end, fix) if isinstance(fix, str) else fix
            if unit.text[fs:fe] != new:
                fx = Fix(unit.locate(fs, fe), unit.text[fs:fe], new)
        return Issue(
            rule=self.code,
            category=self.category,
            severity=severity or self.severity,
            message=message,
            location=unit.locate(start, end),
            excerpt=excerpt,
            expected=expected,
            fix=fx,
        )

    @classmethod
    def doc(cls) -> dict[str, str]:
        text = inspect.cleandoc(cls.__doc__ or "")  # docstring indentation removed
        parts = [p.strip() for p in text.split("\n\n") if p.strip()]
        return {
            "what": parts[0] if parts else "",
            "why": parts[1] if len(parts) > 1 else "",
            "more": "\n\n".join(parts[2:]),
        }


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry (codes must be unique)."""
    if cls.category not in CATEGORIES:
        raise ValueError(f"{cls.__name__}: unknown category {cls.category!r}")
    if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    _REGISTRY[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    """Every registered rule, sorted by code (imports the rule modules on first use)."""
    from drafter.check import rules  # noqa: F401  (registers on import)

    return [_REGISTRY[c] for c in sorted(_REGISTRY)]


def get_rule(code: str) -> type[Rule] | None:
    all_rules()
    return _REGISTRY.get(code.upper())


def iter_codes() -> Iterator[str]:
    for r in all_rules():
        yield r.code
