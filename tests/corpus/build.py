"""Helpers for the held-out corpus of test reports (tests/corpus).

* DOCX reports are kept as a small text source ``NN_name.docxsrc`` and built with python-docx, so
  no binary is committed. Source format, one paragraph per non-blank line:

  - ``# `` / ``## `` / ``### `` at the start: a heading of level 1/2/3;
  - ``[table]`` ... ``[/table]``: a table, one row per line, cells separated by ``|``; a cell
    written ``<`` is merged with its left neighbour, ``^`` with the cell above (merged header
    cells); every other line is a normal paragraph.

* ``report_lines(path)`` gives the "lines" the checker numbers its locations with: the text lines
  of a .txt/.md report, the paragraphs (body and cells, in document order) of a DOCX.

* ``resolve`` (re)computes ``line`` and ``related_lines`` of a gold file from quotes: ``line`` is
  the line of the entry's ``quote`` (``nth: k`` picks the k-th line holding it, counted from the
  line of the quote ``after`` if given), and
  ``related_lines`` the lines of its ``related_quotes`` (a quote, or [quote, k]). Run it after
  editing a report; tests/test_corpus.py checks that every quote is on its line.

    .venv/bin/python tests/corpus/build.py docx tests/corpus/03_x.docxsrc out.docx
    .venv/bin/python tests/corpus/build.py resolve tests/corpus/03_x.gold.yaml
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REPORT_SUFFIXES = (".md", ".txt", ".docx", ".docxsrc")


def build_docx(src: Path, out: Path) -> Path:
    """Build ``out`` (.docx) from the text source ``src`` (format in the module docstring)."""
    import docx

    d = docx.Document()
    lines = src.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        i += 1
        if not s:
            continue
        if s == "[table]":
            rows: list[list[str]] = []
            while i < len(lines) and lines[i].strip() != "[/table]":
                raw = lines[i].strip()
                if raw:
                    # "| Jumlah | ..." keeps its empty first cell; a closing "|" ends the row
                    cells = raw.split("|")
                    if raw.endswith("|") and len(cells) > 1:
                        cells = cells[:-1]
                    rows.append([c.strip() for c in cells])
                i += 1
            i += 1
            _table(d, rows)
            continue
        level = len(s) - len(s.lstrip("#"))
        if 1 <= level <= 3 and s[level:level + 1] == " ":
            d.add_heading(s[level + 1:], level=level)
        else:
            d.add_paragraph(s)
    d.core_properties.author = "corpus"
    out.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out))
    return out


def _table(d: Any, rows: list[list[str]]) -> None:
    ncols = max(len(r) for r in rows)
    t = d.add_table(rows=len(rows), cols=ncols)
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c in range(ncols):
            text = row[c] if c < len(row) else ""
            if text not in ("<", "^"):
                t.cell(r, c).text = text
    for r, row in enumerate(rows):  # merges after the texts, so merged cells keep one paragraph
        for c, text in enumerate(row):
            if text == "<":
                left = c - 1
                while left > 0 and row[left] == "<":
                    left -= 1
                t.cell(r, left).merge(t.cell(r, c))
            elif text == "^":
                up = r - 1
                while up > 0 and rows[up][c] == "^":
                    up -= 1
                t.cell(up, c).merge(t.cell(r, c))


def docx_lines(path: Path) -> list[str]:
    import docx

    from drafter.document.docx_reader import docx_paragraphs

    return [p.text for p in docx_paragraphs(docx.Document(str(path)))]


def report_lines(path: Path) -> list[str]:
    """The checker's line units of a corpus report (text lines, or DOCX paragraphs)."""
    if path.suffix == ".docxsrc":
        with tempfile.TemporaryDirectory(prefix="lkip-corpus-") as tmp:
            return docx_lines(build_docx(path, Path(tmp) / (path.stem + ".docx")))
    if path.suffix == ".docx":
        return docx_lines(path)
    return path.read_text(encoding="utf-8").split("\n")


def report_for(gold: Path) -> Path | None:
    """The report a gold file describes: same stem, one of REPORT_SUFFIXES."""
    stem = gold.name[: -len(".gold.yaml")]
    for suf in REPORT_SUFFIXES:
        p = gold.with_name(stem + suf)
        if p.exists():
            return p
    return None


def load_gold(gold: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(entries, traps) of a gold file: a list of entries (the devset format) or a mapping with
    ``entries`` and ``traps``."""
    data = yaml.safe_load(gold.read_text(encoding="utf-8"))
    if isinstance(data, list):
        return data, []
    if not isinstance(data, dict):
        raise ValueError(f"{gold}: neither a list nor a mapping")
    return list(data.get("entries") or []), list(data.get("traps") or [])


def _find(lines: list[str], quote: str, nth: int = 1, after: str | None = None) -> int:
    start = _find(lines, after) if after else 1
    hits = [i + 1 for i, ln in enumerate(lines) if quote in ln and i + 1 >= start]
    if len(hits) < nth:
        raise SystemExit(f"quote not found ({len(hits)} hits, wanted #{nth}): {quote!r}")
    return hits[nth - 1]


def resolve(gold: Path) -> None:
    report = report_for(gold)
    if report is None:
        raise SystemExit(f"{gold}: no report")
    lines = report_lines(report)
    entries, traps = load_gold(gold)
    order = ["id", "line", "related_lines", "quote", "nth", "after", "related_quotes", "category", "detectable",
             "explanation"]
    out_entries = []
    for e in entries:
        e["line"] = _find(lines, e["quote"], int(e.get("nth", 1)), e.get("after"))
        rel = []
        for q in e.get("related_quotes") or []:
            q, n = (q, 1) if isinstance(q, str) else (q[0], int(q[1]))
            rel.append(_find(lines, q, n))
        if rel:
            e["related_lines"] = sorted(set(rel))
        out_entries.append({k: e[k] for k in order if k in e})
    out_traps = []
    for t in traps:
        t["line"] = _find(lines, t["quote"], int(t.get("nth", 1)), t.get("after"))
        out_traps.append({k: t[k] for k in ("line", "quote", "nth", "after", "categories", "explanation") if k in t})
    text = yaml.safe_dump({"entries": out_entries, "traps": out_traps}, sort_keys=False,
                          allow_unicode=True, width=100)
    gold.write_text(f"# gold list of {report.name}: see tests/corpus/README.md\n{text}", encoding="utf-8")


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    if len(argv) == 3 and argv[0] == "docx":
        build_docx(Path(argv[1]), Path(argv[2]))
        return 0
    if len(argv) >= 2 and argv[0] == "resolve":
        for g in argv[1:]:
            resolve(Path(g))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
