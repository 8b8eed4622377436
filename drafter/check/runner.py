"""Run the rules over a document and return sorted, de-duplicated, filtered issues.

A :class:`PhaseTimer` (``lkip check --timings``) measures each phase of a check: reading,
understanding the report (analysis, table index), the shared text layer, every rule and the
output. Phases nest: the time of a lazily computed phase (say, the table index first needed by a
rule) is charged to that phase, not to the rule that triggered it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import NUMERIC_CATEGORIES, Issue, Rule, all_rules
from drafter.document.model import Document
from drafter.errors import DataError

INTERNAL_RULE = "LK000"

# phase keys and their labels (Indonesian, English); a rule phase is "rule:<CODE>"
PHASE_LABELS: dict[str, tuple[str, str]] = {
    "startup": ("persiapan (impor, data)", "start-up (imports, data)"),
    "read": ("baca berkas", "read"),
    "understand": ("analisis laporan", "understand (analysis)"),
    "tables": ("indeks tabel", "table index"),
    "text": ("lapisan teks", "text layer"),
    "rules": ("muat aturan", "load rules"),
    "output": ("keluaran", "output"),
}


class PhaseTimer:
    """Wall time per phase, nested phases excluded from their parent (seconds)."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._stack: list[float] = []  # time spent in child phases of each open phase

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self._stack.append(0.0)
        t0 = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - t0
            child = self._stack.pop()
            self.phases[name] = self.phases.get(name, 0.0) + elapsed - child
            if self._stack:
                self._stack[-1] += elapsed

    def add(self, phases: dict[str, float]) -> None:
        for name, secs in phases.items():
            self.phases[name] = self.phases.get(name, 0.0) + secs


def phase_label(name: str, lang: str = "id") -> str:
    if name.startswith("rule:"):
        return ("aturan " if lang != "en" else "rule ") + name[5:]
    labels = PHASE_LABELS.get(name)
    return labels[1 if lang == "en" else 0] if labels else name


def render_timings(phases: dict[str, float], lang: str = "id", files: int = 1) -> str:
    """The timing table shown by ``--timings``: fixed phases first, then the rules slowest
    first, then the total."""
    en = lang == "en"
    fixed = [k for k in PHASE_LABELS if k in phases]
    rules = sorted((k for k in phases if k not in PHASE_LABELS),
                   key=lambda k: (-phases[k], k))
    total = sum(phases.values()) or 1e-9
    head = ("Phase", "Time (ms)", "Share") if en else ("Tahap", "Waktu (ms)", "Porsi")
    rows = [(phase_label(k, lang), phases[k]) for k in fixed + rules]
    width = max([len(head[0]), len("total")] + [len(r[0]) for r in rows])
    lines = [f"{head[0]:<{width}}  {head[1]:>11}  {head[2]:>6}"]
    lines.append("-" * len(lines[0]))
    for label, secs in rows:
        lines.append(f"{label:<{width}}  {secs * 1000:11.1f}  {secs / total:6.1%}")
    lines.append("-" * len(lines[0]))
    lines.append(f"{'total':<{width}}  {total * 1000:11.1f}  {1:6.1%}")
    if files > 1:
        lines.append(f"{files} files; times summed over the worker processes" if en else
                      f"{files} berkas; waktu dijumlahkan dari semua proses pemeriksa")
    return "\n".join(lines) + "\n"


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


def _run_one(rule_cls: type[Rule], ctx: CheckContext, strict: bool, found: list[Issue]) -> None:
    """Append the issues of one rule to ``found`` (those yielded before a crash are kept)."""
    try:
        found.extend(rule_cls().check(ctx))
    except DataError:
        raise  # an edited rules/ or phrasebank/ file is broken: one line and exit 2, for every rule
    except Exception as exc:  # noqa: BLE001 - reported, not swallowed
        if strict:
            raise
        from drafter.document.model import Location

        found.append(Issue(INTERNAL_RULE, "other", "warning",
                           f"aturan {rule_cls.code} gagal dijalankan: {type(exc).__name__}: {exc}",
                           Location(1, 1, 1, 1), "", None))


def run_rules(ctx: CheckContext, rules: Iterable[type[Rule]] | None = None,
              *, strict: bool = False) -> list[Issue]:
    """Run ``rules`` (default: the configured selection) and return issues in line order.

    A rule that crashes does not stop the run: it becomes one ``LK000`` warning (or, with
    ``strict``, the exception propagates; tests use that).
    """
    doc = ctx.document
    found: list[Issue] = []
    timer = ctx.timer
    if rules is None:
        if timer is None:
            rules = selected_rules(ctx.config)
        else:
            with timer.phase("rules"):
                rules = selected_rules(ctx.config)
    for rule_cls in rules:
        if timer is None:
            _run_one(rule_cls, ctx, strict, found)
        else:
            with timer.phase(f"rule:{rule_cls.code}"):
                _run_one(rule_cls, ctx, strict, found)
    seen: set[tuple[str, int, int, str]] = set()
    out: list[Issue] = []
    for issue in sorted(found, key=lambda i: (i.location.line, i.location.column, i.rule, i.message)):
        key = (issue.rule, issue.location.line, issue.location.column, issue.message)
        if key in seen or _suppressed(doc, issue):
            continue
        seen.add(key)
        out.append(issue)
    return _one_per_finding(out)


_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _one_per_finding(issues: list[Issue]) -> list[Issue]:
    """Two rules of one category that flag the same figure (same place) with the same
    correction say one thing: the more severe one is kept (then the lower code)."""
    best: dict[tuple[str, int, int, str], Issue] = {}
    for i in issues:
        if i.expected is None:
            continue
        key = (i.category, i.location.line, i.location.column, i.expected)
        cur = best.get(key)
        if cur is None or (_SEVERITY_RANK.get(i.severity, 3), i.rule) < \
                (_SEVERITY_RANK.get(cur.severity, 3), cur.rule):
            best[key] = i
    return [i for i in issues if i.expected is None or
            best[(i.category, i.location.line, i.location.column, i.expected)] is i]


def check_document(doc: Document, config: CheckConfig | None = None,
                   *, strict: bool = False,
                   timer: PhaseTimer | None = None) -> tuple[list[Issue], list[str]]:
    ctx = CheckContext(doc, config or CheckConfig(), timer=timer)
    issues = run_rules(ctx, strict=strict)
    paged = getattr(doc, "page_location", None)  # PDF: add {"page", "line"} to every location
    if paged is not None:
        issues = [paged(i) for i in issues]
    return issues, ctx.notices
