"""Issue lists as spreadsheets for reviewers: ``--format xlsx`` and ``--format csv``.

Columns: No, Lokasi, Bab, Kategori, Tingkat, Kode, Pesan, Kutipan, Seharusnya, Tindak lanjut (the
last one empty, for the reviewer). In a batch a ``Berkas`` column comes first and the workbook
gets a ``Ringkasan`` sheet (file x category counts, worst files first). Output is deterministic:
no timestamps (fixed workbook dates and zip entry times).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.check.registry import SEVERITIES
from drafter.io import atomic_write
from drafter.report.common import (
    SourceView,
    category_label,
    labels,
    load_source,
    location_text,
    normalize_package,
    ordered_categories,
    severity_label,
    worst_first,
)

if TYPE_CHECKING:
    from drafter.check.batch import FileResult

FIXED_DATE = dt.datetime(2000, 1, 1)

# A cell text starting with one of these is read as a formula (or DDE payload) by Excel,
# LibreOffice and Google Sheets when a CSV is opened; in xlsx, openpyxl stores such a string as a
# formula. User text (file names, excerpts, messages) must stay text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_safe(value: object) -> object:
    """CSV cell: a formula-like text gets a leading apostrophe (shown as text by spreadsheets)."""
    return "'" + value if is_formula_like(value) else value  # type: ignore[operator]

# column key, width (characters)
_COLUMNS = [
    ("no", 6),
    ("location", 22),
    ("chapter", 10),
    ("category", 18),
    ("severity", 12),
    ("code", 9),
    ("message", 60),
    ("excerpt", 40),
    ("expected", 24),
    ("followup", 30),
]


def header(*, batch: bool, lang: str) -> list[str]:
    lab = labels(lang)
    cols = [lab[k] for k, _ in _COLUMNS]
    return ([lab["file"]] + cols) if batch else cols


def rows(results: Sequence[FileResult], *, batch: bool, lang: str) -> list[list[object]]:
    """One row per issue (numeric categories first within a file); files worst first in a batch.

    The same spelling finding at several places is one row whose location lists every place."""
    from drafter.report.views import grouped

    out: list[list[object]] = []
    ordered = worst_first(results) if batch else list(results)
    n = 0
    for r in ordered:
        if r.error:
            continue
        view = load_source(r.source or r.path, text=False) if r.issues else SourceView(kind="none")
        for group in grouped(r.issues):
            issue = group[0]
            n += 1
            row: list[object] = [
                n,
                "; ".join(location_text(g, r.path, lang) for g in group),
                view.chapter_of(issue.location.line) or "",
                category_label(issue.category, lang),
                severity_label(issue.severity, lang),
                issue.rule,
                issue.message,
                issue.excerpt,
                issue.expected or "",
                "",
            ]
            out.append(([r.path] + row) if batch else row)
    return out


def summary_rows(results: Sequence[FileResult], *, lang: str) -> tuple[list[str], list[list[object]]]:
    """The batch summary: one row per file, worst first; categories as columns."""
    lab = labels(lang)
    cats = ordered_categories(sorted({i.category for r in results for i in r.issues}))
    head = ([lab["file"], lab["status"], lab["total"]]
            + [severity_label(s, lang) for s in SEVERITIES]
            + [category_label(c, lang) for c in cats])
    body: list[list[object]] = []
    for r in worst_first(results):
        if r.error:
            body.append([r.path, f"{lab['failed']}: {r.error}", None]
                        + [None] * (len(SEVERITIES) + len(cats)))
            continue
        sev = Counter(i.severity for i in r.issues)
        cat = Counter(i.category for i in r.issues)
        body.append([r.path, lab["ok"], len(r.issues)] + [sev[s] for s in SEVERITIES]
                    + [cat[c] for c in cats])
    return head, body


def xlsx_text(value: object) -> object:
    if isinstance(value, str) and _XML_ILLEGAL.search(value):
        return _XML_ILLEGAL.sub(lambda m: repr(m.group())[1:-1], value)
    return value


# what openpyxl refuses in a cell (XML 1.0 forbids these control characters)
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def render_csv(results: Sequence[FileResult], *, batch: bool = False, lang: str = "id") -> bytes:
    """UTF-8 with BOM, comma separated, CRLF line ends (what Excel opens without a wizard)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header(batch=batch, lang=lang))
    for row in rows(results, batch=batch, lang=lang):
        w.writerow([csv_safe(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def render_xlsx(results: Sequence[FileResult], *, batch: bool = False, lang: str = "id") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lab = labels(lang)
    wb = Workbook()
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="37474F")
    wrap = Alignment(wrap_text=True, vertical="top")
    sev_fill = {
        severity_label("error", lang): PatternFill("solid", fgColor="FFCDD2"),
        severity_label("warning", lang): PatternFill("solid", fgColor="FFE0B2"),
        severity_label("info", lang): PatternFill("solid", fgColor="BBDEFB"),
    }

    def style_header(ws: object, ncols: int) -> None:
        for c in range(1, ncols + 1):
            cell = ws.cell(row=1, column=c)  # type: ignore[attr-defined]
            cell.font = head_font
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")

    def append(ws: object, row: Sequence[object]) -> None:
        """Append a row; every formula-like text is stored as a string cell, not a formula, and
        characters XML cannot hold (control characters of a file name) are shown escaped."""
        row = [xlsx_text(v) for v in row]
        ws.append(row)  # type: ignore[attr-defined]
        r = ws.max_row  # type: ignore[attr-defined]
        for c, value in enumerate(row, start=1):
            if is_formula_like(value):
                cell = ws.cell(row=r, column=c)  # type: ignore[attr-defined]
                cell.value = value
                cell.data_type = "s"

    first = wb.active
    if batch:
        ws_sum = first
        ws_sum.title = lab["sheet_summary"]
        head, body = summary_rows(results, lang=lang)
        ws_sum.append(head)
        for row in body:
            append(ws_sum, row)
        style_header(ws_sum, len(head))
        ws_sum.freeze_panes = "B2"
        ws_sum.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(body) + 1}"
        ws_sum.column_dimensions["A"].width = 50
        ws_sum.column_dimensions["B"].width = 30
        for c in range(3, len(head) + 1):
            ws_sum.column_dimensions[get_column_letter(c)].width = 13
        for row_cells in ws_sum.iter_rows(min_row=2):
            for cell in row_cells:
                cell.alignment = wrap
        ws = wb.create_sheet(lab["sheet_issues"])
    else:
        ws = first
        ws.title = lab["sheet_issues"]

    head = header(batch=batch, lang=lang)
    data = rows(results, batch=batch, lang=lang)
    ws.append(head)
    for row in data:
        append(ws, row)
    style_header(ws, len(head))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{len(data) + 1}"
    widths = ([40] if batch else []) + [w for _, w in _COLUMNS]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    sev_col = head.index(lab["severity"])
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = wrap
        fill = sev_fill.get(str(row_cells[sev_col].value))
        if fill is not None:
            row_cells[sev_col].fill = fill

    checklist_sheet(wb, results, batch=batch, lang=lang, style_header=style_header,
                    append=append)
    wb.properties.creator = "lkip"
    wb.properties.lastModifiedBy = "lkip"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps "modified" with the current time when saving: fix it afterwards
    return normalize_package(buf.getvalue(), fix_core_dates=True)


CHECKLIST_SHEET = {"id": "Kelengkapan", "en": "Completeness"}


def checklist_rows(results: Sequence[FileResult], *, batch: bool,
                   lang: str) -> tuple[list[str], list[list[object]]]:
    """The completeness checklists of ``results`` (``--select CM``) as one table: a row per
    sasaran, a column per analysis, each cell "✓ <place>" or "✗"."""
    from drafter.check.rules.completeness import place_text

    lists = [(r, r.checklist) for r in results if getattr(r, "checklist", None) is not None]
    if not lists:
        return [], []
    keys = [k for k, _i, _e in lists[0][1].columns]
    head = ([labels(lang)["file"]] if batch else []) + ["No", "Sasaran"] + \
        [lists[0][1].label(k, lang) for k in keys]
    body: list[list[object]] = []
    for r, checklist in lists:
        for row in checklist.rows:
            cells: list[object] = [r.path] if batch else []
            cells += [row.no, row.name]
            for k in keys:
                locs = checklist.cell(row, k)
                cells.append(f"\u2713 {place_text(locs[0], lang)}" if locs else "\u2717")
            body.append(cells)
    return head, body


def checklist_sheet(wb: object, results: Sequence[FileResult], *, batch: bool, lang: str,
                    style_header: object, append: object) -> None:
    """Add the completeness checklist sheet to the workbook (only when a checklist exists)."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    head, body = checklist_rows(results, batch=batch, lang=lang)
    if not head:
        return
    ws = wb.create_sheet(CHECKLIST_SHEET["en" if lang == "en" else "id"])  # type: ignore[attr-defined]
    ws.append(head)
    for row in body:
        append(ws, row)  # type: ignore[operator]
    style_header(ws, len(head))  # type: ignore[operator]
    ws.freeze_panes = "A2" if not batch else "B2"
    gap = PatternFill("solid", fgColor="FFCDD2")
    first = 3 if batch else 2  # the first analysis column (0-based)
    for row_cells in ws.iter_rows(min_row=2):
        for k, cell in enumerate(row_cells):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if k >= first and cell.value == "\u2717":
                cell.fill = gap
    for c in range(1, len(head) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 16
    ws.column_dimensions[get_column_letter(first)].width = 40  # the sasaran names


def write_table(results: Sequence[FileResult], output: Path, *, fmt: str = "xlsx",
                batch: bool = False, lang: str = "id") -> None:
    """Write the issue list of ``results`` as ``fmt`` (``xlsx`` or ``csv``) to ``output``."""
    if fmt == "csv":
        data = render_csv(results, batch=batch, lang=lang)
    elif fmt == "xlsx":
        data = render_xlsx(results, batch=batch, lang=lang)
    else:
        raise ValueError(f"unknown table format {fmt!r}")
    atomic_write(Path(output), data)
