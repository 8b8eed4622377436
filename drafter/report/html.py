"""One self-contained HTML report for reviewers (``lkip check --format html``).

The page needs no external asset and works offline: CSS and the filter script are inline, the
script is allowed by a Content-Security-Policy hash (so any script smuggled in through document
text could not run even if escaping failed; it does not fail: every piece of document text goes
through :func:`markupsafe.escape` or Jinja2 autoescaping).
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from drafter.check.registry import SEVERITIES, Issue
from drafter.io import atomic_write
from drafter.report.common import (
    SourceView,
    category_label,
    labels,
    load_source,
    location_text,
    ordered_categories,
    severity_label,
    sorted_issues,
    worst_first,
)

if TYPE_CHECKING:
    from drafter.check.batch import FileResult

TEMPLATE = "report.html.j2"
CONTEXT_LINES = 2  # batch reports show flagged lines with this many neighbours
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}

SCRIPT = """
(function () {
  function checked(cls) {
    var out = {};
    document.querySelectorAll('input.' + cls).forEach(function (el) {
      if (el.checked) { out[el.value] = true; }
    });
    return out;
  }
  function apply() {
    var cats = checked('f-cat'), sevs = checked('f-sev');
    var active = {};
    document.querySelectorAll('[data-issue]').forEach(function (el) {
      var on = !!cats[el.getAttribute('data-cat')] && !!sevs[el.getAttribute('data-sev')];
      el.classList.toggle('hidden', !on);
      if (on) { active[el.getAttribute('data-issue')] = true; }
    });
    document.querySelectorAll('mark.hl').forEach(function (m) {
      var ids = m.getAttribute('data-ids').split(' ');
      var on = ids.some(function (i) { return active[i]; });
      m.classList.toggle('off', !on);
    });
    document.querySelectorAll('tr.line').forEach(function (tr) {
      var ids = (tr.getAttribute('data-ids') || '').split(' ').filter(Boolean);
      tr.classList.toggle('live', ids.some(function (i) { return active[i]; }));
    });
    var compact = document.getElementById('only-flagged');
    document.body.classList.toggle('compact', !!(compact && compact.checked));
  }
  document.querySelectorAll('input.f-cat, input.f-sev, #only-flagged').forEach(function (el) {
    el.addEventListener('change', apply);
  });
  // n / p: next / previous visible issue in the document text
  var pos = -1;
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || /TEXTAREA|SELECT/.test(t.tagName) ||
        (t.tagName === 'INPUT' && t.type !== 'checkbox')) { return; }
    if (ev.key !== 'n' && ev.key !== 'p') { return; }
    var cards = Array.prototype.filter.call(document.querySelectorAll('td.notes .card'),
      function (c) { return !c.classList.contains('hidden'); });
    if (!cards.length) { return; }
    pos = ev.key === 'n' ? Math.min(pos + 1, cards.length - 1) : Math.max(pos - 1, 0);
    location.hash = '#' + cards[pos].id;
  });
  apply();
})();
"""


def _env() -> Any:
    import jinja2

    from drafter.resources import read_text

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(read_text("templates", TEMPLATE))


def highlight(text: str, spans: Sequence[tuple[int, int, str, str, str]]) -> Markup:
    """``text`` escaped, with ``<mark>`` around every span ``(start, end, issue_id, cat, sev)``.

    Overlapping spans are split into pieces; a piece carries the ids of every issue covering it.
    An empty span (a point issue) becomes a small caret mark.
    """
    n = len(text)
    cuts = {0, n}
    points: dict[int, list[tuple[str, str, str]]] = {}
    clean: list[tuple[int, int, str, str, str]] = []
    for s, e, iid, cat, sev in spans:
        s = max(0, min(s, n))
        e = max(s, min(e, n))
        if e == s:
            points.setdefault(s, []).append((iid, cat, sev))
            cuts.add(s)
            continue
        clean.append((s, e, iid, cat, sev))
        cuts.update((s, e))
    order = sorted(cuts)
    out: list[str] = []
    for a, b in zip(order, order[1:] + [None], strict=False):
        for iid, cat, sev in points.get(a, []):
            out.append(f'<mark class="hl pt sev-{sev} cat-{cat}" data-ids="{iid}">\u2038</mark>')
        if b is None:
            break
        piece = str(escape(text[a:b]))
        cover = [sp for sp in clean if sp[0] <= a and b <= sp[1]]
        if not cover:
            out.append(piece)
            continue
        worst = min(cover, key=lambda sp: _SEV_RANK.get(sp[4], 9))
        ids = " ".join(sp[2] for sp in cover)
        cls = f"hl sev-{worst[4]} cat-{worst[3]}" + (" multi" if len(cover) > 1 else "")
        out.append(f'<mark class="{cls}" data-ids="{ids}">{piece}</mark>')
    return Markup("".join(out))


def _line_spans(issue: Issue, number: int, text: str) -> tuple[int, int] | None:
    loc = issue.location
    last = max(loc.end_line, loc.line)
    if not loc.line <= number <= last:
        return None
    s = loc.column - 1 if number == loc.line else 0
    e = loc.end_column - 1 if number == last else len(text)
    if number == loc.line and last == loc.line and e < s:
        e = s
    return (s, e)


def _file_context(fi: int, r: FileResult, lang: str, *, context: int | None) -> dict[str, Any]:
    lab = labels(lang)
    view = load_source(r.source or r.path) if not r.error else SourceView(kind="none")
    issues = sorted_issues(r.issues)
    items: list[dict[str, Any]] = []
    for k, issue in enumerate(issues, start=1):
        iid = f"f{fi}-i{k}"
        items.append({
            "id": iid,
            "no": k,
            "issue": issue,
            "rule": issue.rule,
            "category": issue.category,
            "cat_label": category_label(issue.category, lang),
            "severity": issue.severity,
            "sev_label": severity_label(issue.severity, lang),
            "message": issue.message,
            "expected": issue.expected,
            "excerpt": issue.excerpt,
            "where": location_text(issue, r.path, lang),
            "chapter": view.chapter_of(issue.location.line) or lab["no_chapter"],
            "line_id": f"f{fi}-L{issue.location.line}",
            "places": [],  # the places of a grouped spelling finding (on its first item)
            "in_group": False,  # a later place of a grouped finding (not listed again)
        })
    # the same spelling finding at several places: one entry in the issue list, all places linked
    from drafter.report.views import group_key

    first_of: dict[str, dict[str, Any]] = {}
    for it in items:
        key = group_key(it["issue"])
        if key is None:
            continue
        head = first_of.setdefault(key, it)
        if head is not it:
            it["in_group"] = True
        head["places"].append((it["id"], it["where"]))
    for it in items:
        if len(it["places"]) < 2:
            it["places"] = []

    # place issues on lines
    numbers = {n for n, _ in view.units}
    by_first: dict[int, list[dict[str, Any]]] = {}
    general: list[dict[str, Any]] = []
    for it in items:
        line = it["issue"].location.line
        if line in numbers:
            by_first.setdefault(line, []).append(it)
        else:
            general.append(it)
    flagged: set[int] = set()
    for it in items:
        loc = it["issue"].location
        flagged.update(range(loc.line, max(loc.end_line, loc.line) + 1))

    keep: set[int] | None = None
    if context is not None:
        keep = set()
        for ln in flagged & numbers:
            keep.update(range(ln - context, ln + context + 1))

    rows: list[dict[str, Any]] = []
    prev: int | None = None
    for number, text in view.units:
        if keep is not None and number not in keep:
            continue
        if view.kind == "docx" and not text.strip() and number not in flagged:
            continue  # empty paragraphs carry nothing to review
        spans = []
        ids = []
        for it in items:
            sp = _line_spans(it["issue"], number, text)
            if sp is not None:
                spans.append((sp[0], sp[1], it["id"], it["category"], it["severity"]))
                ids.append(it["id"])
        cell = view.cells.get(number) if view.kind == "docx" else None
        rows.append({
            "number": number,
            "cell": (f"{lab['table']} {cell['table']}, {lab['row']} {cell.get('row', '?')}, "
                     f"{lab['cell']} {cell.get('cell', '?')}") if cell else "",
            "id": f"f{fi}-L{number}",
            "html": highlight(text, spans),
            "ids": " ".join(ids),
            "cards": by_first.get(number, []),
            "gap": keep is not None and prev is not None and number != prev + 1,
        })
        prev = number

    cats = Counter(it["category"] for it in items)
    sevs = Counter(it["severity"] for it in items)
    chaps = Counter(it["chapter"] for it in items)
    chapter_order = sorted(chaps, key=lambda c: (c == lab["no_chapter"], _chapter_rank(c), c))
    return {
        "idx": fi,
        "anchor": f"f{fi}",
        "path": r.path,
        "name": Path(r.path).name,
        "error": r.error,
        "notices": list(r.notices),
        "kind": view.kind,
        "view_error": view.error if view.kind == "none" else None,
        "unit_label": lab["paragraph"] if view.kind == "docx" else lab["line"],
        "entries": items,
        "rows": rows,
        "general": general,
        "total": len(items),
        "errors": sevs["error"],
        "by_category": [(c, category_label(c, lang), cats[c]) for c in ordered_categories(list(cats))],
        "by_severity": [(s, severity_label(s, lang), sevs[s]) for s in SEVERITIES if sevs[s]],
        "by_chapter": [(c, chaps[c]) for c in chapter_order],
        "cat_counts": cats,
        "sev_counts": sevs,
        "context": context is not None,
        "checklist": checklist_view(r, fi, lang, numbers),
    }


CHECKLIST_LABELS = {
    "id": {"title": "Daftar periksa kelengkapan analisis (PermenPAN-RB 53/2014)",
           "sasaran": "Sasaran", "yes": "ada", "no": "tidak ditemukan"},
    "en": {"title": "Completeness checklist of the analyses (PermenPAN-RB 53/2014)",
           "sasaran": "Sasaran", "yes": "present", "no": "not found"},
}


def checklist_view(r: FileResult, fi: int, lang: str, numbers: set[int]) -> dict[str, Any] | None:
    """The completeness checklist of ``r`` (``--select CM``) as the template shows it: one row
    per sasaran, one cell per analysis, each a tick with a link to its place or a cross."""
    checklist = getattr(r, "checklist", None)
    if checklist is None:
        return None
    from drafter.check.rules.completeness import place_text

    keys = [k for k, _i, _e in checklist.columns]
    rows = []
    for row in checklist.rows:
        cells = []
        for k in keys:
            locs = checklist.cell(row, k)
            if locs:
                line = locs[0].line
                cells.append({"ok": True, "where": place_text(locs[0], lang),
                              "href": f"#f{fi}-L{line}" if line in numbers else None})
            else:
                cells.append({"ok": False, "where": "", "href": None})
        rows.append({"no": row.no, "name": row.name, "cells": cells})
    return {"L": CHECKLIST_LABELS["en" if lang == "en" else "id"],
            "columns": [checklist.label(k, lang) for k in keys], "rows": rows}


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _chapter_rank(chapter: str) -> int:
    """BAB II < BAB III < BAB X (roman numerals), unknown labels last."""
    parts = chapter.split()
    if len(parts) != 2 or parts[0].upper() != "BAB" or not set(parts[1].upper()) <= set(_ROMAN):
        return 999
    total = 0
    values = [_ROMAN[c] for c in parts[1].upper()]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total


def render_html(results: Sequence[FileResult], *, batch: bool = False, lang: str = "id") -> str:
    """The report as a string (see :func:`write_html`)."""
    lab = labels(lang)
    ordered = worst_first(results) if batch else list(results)
    context = CONTEXT_LINES if batch else None
    files = [_file_context(fi, r, lang, context=context) for fi, r in enumerate(ordered, start=1)]
    all_cats = ordered_categories(sorted({it["category"] for f in files for it in f["entries"]}))
    all_sevs = [s for s in SEVERITIES if any(it["severity"] == s for f in files for it in f["entries"])]
    total = sum(f["total"] for f in files)
    errors = sum(f["errors"] for f in files)
    totals_line = lab["totals_line"].format(issues=total, errors=errors, files=len(files))
    failed = sum(1 for f in files if f["error"])
    if failed:
        totals_line += lab["failed_note"].format(n=failed)
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
           f"script-src 'sha256-{script_hash}'")
    if batch:
        title = lab["batch_title"]
    else:
        title = f"{lab['title']}: {files[0]['name']}" if files else lab["title"]
    template = _env()
    return template.render(
        lang="en" if lang == "en" else "id",
        L=lab,
        title=title,
        batch=batch,
        files=files,
        categories=[(c, category_label(c, lang)) for c in all_cats],
        severities=[(s, severity_label(s, lang)) for s in all_sevs],
        all_severities=[(s, severity_label(s, lang)) for s in SEVERITIES],
        total=total,
        errors=errors,
        totals_line=totals_line,
        csp=csp,
        script=Markup(SCRIPT),
    )


def write_html(results: Sequence[FileResult], output: Path, *, batch: bool = False,
               lang: str = "id") -> None:
    """Write the self-contained HTML report of ``results`` to ``output`` (atomically)."""
    atomic_write(Path(output), render_html(results, batch=batch, lang=lang))
