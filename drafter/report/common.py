"""Shared helpers of the reviewer reports (HTML, spreadsheet, Word comments).

* UI labels in Indonesian (default) and English;
* the source view of a checked file: its text lines (text/Markdown) or paragraphs (DOCX) with the
  chapter (BAB) of every line, so that a report can show issues in place;
* locations and chapters of issues, and the batch ordering (worst files first).
"""

from __future__ import annotations

import io
import re
import zipfile
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.check.registry import CATEGORIES, NUMERIC_CATEGORIES, SEVERITIES, Issue
from drafter.check.runner import order_key

if TYPE_CHECKING:
    from drafter.check.batch import FileResult

CATEGORY_LABELS: dict[str, dict[str, str]] = {
    "id": {
        "arithmetic": "Aritmetika",
        "predicate": "Predikat",
        "claim-vs-table": "Klaim vs tabel",
        "cross-table": "Antartabel",
        "year": "Tahun",
        "leftover": "Sisa templat",
        "foreign-name": "Nama instansi lain",
        "count": "Jumlah/hitungan",
        "terbilang": "Terbilang",
        "typo": "Salah ketik/ejaan",
        "structure": "Struktur",
        "completeness": "Kelengkapan",
        "cross-document": "Antardokumen",
        "other": "Lainnya",
    },
    "en": {
        "arithmetic": "Arithmetic",
        "predicate": "Predicate",
        "claim-vs-table": "Claim vs table",
        "cross-table": "Cross-table",
        "year": "Year",
        "leftover": "Leftover",
        "foreign-name": "Foreign name",
        "count": "Count",
        "terbilang": "Number in words",
        "typo": "Typo/spelling",
        "structure": "Structure",
        "completeness": "Completeness",
        "cross-document": "Cross-document",
        "other": "Other",
    },
}

SEVERITY_LABELS: dict[str, dict[str, str]] = {
    "id": {"error": "Galat", "warning": "Peringatan", "info": "Info"},
    "en": {"error": "Error", "warning": "Warning", "info": "Info"},
}

# every UI string of the reports, by language
UI: dict[str, dict[str, str]] = {
    "id": {
        "title": "Hasil pemeriksaan laporan",
        "batch_title": "Ringkasan pemeriksaan",
        "summary": "Ringkasan",
        "by_category": "Menurut kategori",
        "by_severity": "Menurut tingkat",
        "by_chapter": "Menurut bab",
        "category": "Kategori",
        "severity": "Tingkat",
        "chapter": "Bab",
        "count": "Jumlah",
        "total": "Total",
        "issues": "Temuan",
        "issue_list": "Daftar temuan",
        "document": "Teks dokumen",
        "filters": "Saring",
        "only_flagged": "Hanya baris bertemuan",
        "no_chapter": "(tanpa bab)",
        "no_issues": "Tidak ada temuan.",
        "expected": "Seharusnya",
        "rule": "Aturan",
        "line": "baris",
        "column": "kolom",
        "paragraph": "paragraf",
        "table": "tabel",
        "row": "baris",
        "cell": "sel",
        "file": "Berkas",
        "files": "berkas",
        "failed": "Tidak dapat diperiksa",
        "status": "Status",
        "ok": "diperiksa",
        "unreadable": "Teks dokumen tidak dapat ditampilkan",
        "excerpt": "Kutipan",
        "location": "Lokasi",
        "message": "Pesan",
        "no": "No",
        "followup": "Tindak lanjut",
        "code": "Kode",
        "sheet_issues": "Temuan",
        "sheet_summary": "Ringkasan",
        "context_note": "Hanya baris bertemuan dan sekitarnya yang ditampilkan.",
        "generated_by": "Dibuat oleh lkip check",
        "totals_line": "{issues} temuan ({errors} galat) dalam {files} berkas",
        "failed_note": "; {n} berkas tidak dapat diperiksa",
        "keyhint": "tombol n/p: temuan berikut/sebelumnya",
        "general": "Temuan tanpa posisi di teks",
        "back": "kembali ke ringkasan",
        "all_files": "Semua berkas",
    },
    "en": {
        "title": "Report check results",
        "batch_title": "Check summary",
        "summary": "Summary",
        "by_category": "By category",
        "by_severity": "By severity",
        "by_chapter": "By chapter",
        "category": "Category",
        "severity": "Severity",
        "chapter": "Chapter",
        "count": "Count",
        "total": "Total",
        "issues": "Issues",
        "issue_list": "Issue list",
        "document": "Document text",
        "filters": "Filter",
        "only_flagged": "Only lines with issues",
        "no_chapter": "(no chapter)",
        "no_issues": "No issues.",
        "expected": "Expected",
        "rule": "Rule",
        "line": "line",
        "column": "column",
        "paragraph": "paragraph",
        "table": "table",
        "row": "row",
        "cell": "cell",
        "file": "File",
        "files": "files",
        "failed": "Could not be checked",
        "status": "Status",
        "ok": "checked",
        "unreadable": "The document text cannot be shown",
        "excerpt": "Excerpt",
        "location": "Location",
        "message": "Message",
        "no": "No",
        "followup": "Follow-up",
        "code": "Code",
        "sheet_issues": "Issues",
        "sheet_summary": "Summary",
        "context_note": "Only lines with issues and their neighbours are shown.",
        "generated_by": "Generated by lkip check",
        "totals_line": "{issues} issue(s) ({errors} error(s)) in {files} file(s)",
        "failed_note": "; {n} file(s) could not be checked",
        "keyhint": "keys n/p: next/previous issue",
        "general": "Issues without a text position",
        "back": "back to summary",
        "all_files": "All files",
    },
}


def labels(lang: str) -> dict[str, str]:
    return UI["en" if lang == "en" else "id"]


def category_label(cat: str, lang: str) -> str:
    return CATEGORY_LABELS["en" if lang == "en" else "id"].get(cat, cat)


def severity_label(sev: str, lang: str) -> str:
    return SEVERITY_LABELS["en" if lang == "en" else "id"].get(sev, sev)


def ordered_categories(present: Sequence[str] | None = None) -> list[str]:
    """Numeric categories first, then the others in registry order (then unknown ones)."""
    order = list(NUMERIC_CATEGORIES) + [c for c in CATEGORIES if c not in NUMERIC_CATEGORIES]
    if present is None:
        return order
    seen = set(present)
    out = [c for c in order if c in seen]
    out.extend(sorted(seen - set(order)))
    return out


def sorted_issues(issues: Sequence[Issue]) -> list[Issue]:
    """Numeric categories first, then by position (the order of every output)."""
    return sorted(issues, key=order_key)


def is_docx(path: str | Path) -> bool:
    return str(path).lower().endswith(".docx")


def location_text(issue: Issue, path: str | Path, lang: str) -> str:
    """Human location: ``baris 12, kolom 5`` or ``paragraf 40 (tabel 2, baris 3, sel 4)``."""
    lab = labels(lang)
    loc = issue.location
    extra = loc.extra or {}
    if is_docx(path) or "paragraph" in extra:
        out = f"{lab['paragraph']} {extra.get('paragraph', loc.line)}"
    elif "page" in extra:  # PDF: "hal. 12, baris 8"
        out = f"hal. {extra['page']}, {lab['line']} {extra.get('line', '?')}"
    else:
        out = f"{lab['line']} {loc.line}, {lab['column']} {loc.column}"
    if "table" in extra:
        out += (f" ({lab['table']} {extra['table']}, {lab['row']} {extra.get('row', '?')}, "
                f"{lab['cell']} {extra.get('cell', '?')})")
    return out


# ------------------------------------------------------------------------------------------------
# DOCX paragraphs in the reader's numbering


def docx_paragraphs(document: Any) -> list[Any]:
    """python-docx Paragraphs numbered like DOCX issue locations (``Location.line``)."""
    from drafter.document.docx_reader import docx_paragraphs as reader_paragraphs

    return list(reader_paragraphs(document))


# ------------------------------------------------------------------------------------------------
# source view


@dataclass
class SourceView:
    """What a report shows of one checked file."""

    kind: str  # "text", "docx" or "none"
    units: list[tuple[int, str]] = field(default_factory=list)  # (line/paragraph number, text)
    starts: list[int] = field(default_factory=list)  # sorted first lines of blocks...
    chapters: list[str | None] = field(default_factory=list)  # ...and their chapters
    cells: dict[int, dict[str, int]] = field(default_factory=dict)  # DOCX paragraph -> table cell
    error: str | None = None

    def chapter_of(self, line: int) -> str | None:
        if not self.starts:
            return None
        k = bisect_right(self.starts, line) - 1
        return self.chapters[k] if k >= 0 else None


def _block_first_line(block: Any) -> int | None:
    if block.segments:
        return int(block.segments[0][1])
    lines = [c.segments[0][1] for c in block.cells() if c.segments] if block.kind == "table" else []
    return int(min(lines)) if lines else None


def chapter_map(doc: Any) -> tuple[list[int], list[str | None]]:
    """Sorted (first line of each block, its chapter) of a document with sections assigned."""
    pairs: list[tuple[int, str | None]] = []
    for b in doc.blocks:
        first = _block_first_line(b)
        if first is not None:
            pairs.append((first, b.chapter))
    pairs.sort(key=lambda p: p[0])
    return [p[0] for p in pairs], [p[1] for p in pairs]


def load_source(path: str | Path, *, text: bool = True) -> SourceView:
    """Re-read a checked file for display: lines/paragraphs and chapter per line.

    Never raises: a file that cannot be read gives a view of kind ``"none"`` with the reason.
    """
    from drafter.check.analyzer import assign_sections
    from drafter.document.readers import read_document

    view = SourceView(kind="none")
    try:
        doc = read_document(path)
        assign_sections(doc)
        view.starts, view.chapters = chapter_map(doc)
        for unit in doc.text_units():
            extra = unit.extra or {}
            if "table" in extra and "paragraph" in extra:
                view.cells.setdefault(int(extra["paragraph"]), dict(extra))
    except Exception as exc:  # noqa: BLE001 - a report must not fail on a file it cannot show
        view.error = str(exc) or type(exc).__name__
        doc = None
    if not text:
        return view
    try:
        from drafter.io import check_regular_input, read_regular

        check_regular_input(path)  # never open a FIFO or device swapped in after the check
        if is_docx(path):
            import docx

            paragraphs = docx_paragraphs(docx.Document(str(path)))
            view.units = [(i, p.text) for i, p in enumerate(paragraphs, start=1)]
            view.kind = "docx"
        else:
            source = doc.source_text if doc is not None and doc.source_text is not None else None
            if source is None:
                from drafter.document.readers import MAX_TEXT_BYTES

                raw = read_regular(path, MAX_TEXT_BYTES)
                source = raw.decode("utf-8-sig", errors="replace")
            view.units = [(i, ln) for i, ln in enumerate(source.splitlines(), start=1)]
            view.kind = "text"
    except Exception as exc:  # noqa: BLE001
        view.error = view.error or str(exc) or type(exc).__name__
        view.kind = "none"
    return view


def issue_chapter(issue: Issue, view: SourceView) -> str | None:
    return view.chapter_of(issue.location.line)


# ------------------------------------------------------------------------------------------------
# batch ordering


def file_counts(result: FileResult) -> Counter[str]:
    return Counter(i.category for i in result.issues)


def worst_first(results: Sequence[FileResult]) -> list[FileResult]:
    """Files with most errors first, then most issues; unreadable files last; then by path."""

    def key(r: FileResult) -> tuple[int, int, int, int, str]:
        errors = sum(1 for i in r.issues if i.severity == "error")
        warnings = sum(1 for i in r.issues if i.severity == "warning")
        return (1 if r.error else 0, -errors, -warnings, -len(r.issues), r.path)

    return sorted(results, key=key)


def severity_counts(issues: Sequence[Issue]) -> dict[str, int]:
    c = Counter(i.severity for i in issues)
    return {s: c[s] for s in SEVERITIES}


# ------------------------------------------------------------------------------------------------
# deterministic zip packages (xlsx, docx)

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
FIXED_ISO = "2000-01-01T00:00:00Z"
_CORE_DATE_RE = re.compile(
    r"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)


def normalize_package(data: bytes, *, fix_core_dates: bool = False) -> bytes:
    """Rewrite an OOXML zip with fixed entry timestamps (and optionally fixed core dates)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if fix_core_dates and info.filename == "docProps/core.xml":
                payload = _CORE_DATE_RE.sub(
                    lambda m: m.group(1) + FIXED_ISO + m.group(2), payload.decode("utf-8")
                ).encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, payload)
    return out.getvalue()
