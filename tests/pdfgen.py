"""Make test PDFs from documents we control: a parsed report rendered to HTML with real
``<table>`` elements, printed by headless Chromium (page breaks inside tables, the table header
repeated on every page, Chromium's running header/footer with the title and page numbers).

Nothing here is committed as a binary: the tests build their PDFs in a temporary folder.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

from drafter.document.model import Block, Document

CHROMIUM = "/usr/bin/chromium"

CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.35; }
h1 { font-size: 17pt; } h2 { font-size: 14pt; } h3, h4 { font-size: 12pt; }
p { margin: 0 0 8pt 0; text-align: left; }
p.li { margin-left: 14pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt 0; font-size: 9.5pt; }
@page landscape { size: A4 landscape; }
table.wide { font-size: 7pt; page: landscape; }
td, th { border: 0.8pt solid #000; padding: 2pt 4pt; vertical-align: top; }
table.plain td, table.plain th { border: none; padding: 1pt 10pt 1pt 0; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
"""


def chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def _cells(row, tag: str) -> str:
    out = []
    for c in row.cells:
        span = f' colspan="{c.colspan}"' if c.colspan > 1 else ""
        out.append(f"<{tag}{span}>{html.escape(c.text)}</{tag}>")
    return "<tr>" + "".join(out) + "</tr>"


def _table(b: Block, plain: bool) -> str:
    head = [r for r in b.rows if r.is_header]
    body = [r for r in b.rows if not r.is_header]
    wide = max((sum(c.colspan for c in r.cells) for r in b.rows), default=0) > 8
    names = (["plain"] if plain else []) + (["wide"] if wide else [])
    cls = f' class="{" ".join(names)}"' if names else ""
    parts = [f"<table{cls}>"]
    if head:
        parts.append("<thead>" + "".join(_cells(r, "th") for r in head) + "</thead>")
    parts.append("<tbody>" + "".join(_cells(r, "td") for r in body) + "</tbody></table>")
    return "".join(parts)


_ITALIC_RE = re.compile(r"(?<![*\w])\*(?!\*)([^*\n]+?)\*(?![*\w])")


def _inline(doc: Document, b: Block, text: str) -> str:
    """Escaped text; italics of the source (``*...*``) kept when the source line is the block's
    text with asterisks only."""
    out = html.escape(text)
    if doc.source_text is None or not b.segments or len({s[1] for s in b.segments}) != 1:
        return out
    raw = doc.source_text.split("\n")[b.segments[0][1] - 1].strip()
    if "*" not in raw or raw.replace("*", "") != text.replace("*", ""):
        return out
    return _ITALIC_RE.sub(lambda m: f"<i>{m.group(1)}</i>", html.escape(raw))


def _source_text(doc: Document, b: Block) -> str:
    """The block as written in the source (list markers kept), else its cleaned text."""
    if doc.source_text is None or not b.segments or b.kind not in ("list_item",):
        return b.text
    line = b.segments[0][1]
    raw = doc.source_text.split("\n")[line - 1].strip()
    marker = raw[: max(0, raw.find(b.text[:10]))] if b.text[:10] and b.text[:10] in raw else ""
    return (marker.strip() + " " + b.text).strip()


def document_html(doc: Document, title: str = "Laporan Kinerja", *, plain_tables: bool = False,
                  replace: tuple[str, str] | None = None) -> str:
    """HTML of a parsed document: headings, paragraphs, real tables (``replace``: one text
    substitution applied to the first cell or paragraph holding it, for mutated copies)."""
    done = [replace is None]

    def sub(text: str) -> str:
        if not done[0] and replace and replace[0] in text:
            done[0] = True
            return text.replace(replace[0], replace[1], 1)
        return text

    out = ["<!doctype html><html lang=id><head><meta charset=utf-8>",
           f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"]
    for b in doc.blocks:
        if b.kind == "table":
            if replace:
                for c in b.cells():
                    c.text = sub(c.text)
            out.append(_table(b, plain_tables))
        elif b.kind == "heading":
            level = min(max(b.level, 1), 4)
            out.append(f"<h{level}>{html.escape(sub(b.text))}</h{level}>")
        elif b.kind == "list_item":
            out.append(f'<p class="li">{html.escape(sub(_source_text(doc, b)))}</p>')
        elif b.text.strip():
            text = sub(b.text)
            out.append(f"<p>{_inline(doc, b, text) if text == b.text else html.escape(text)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def print_pdf(html_text: str, pdf: Path, *, timeout: float = 120) -> Path:
    """Print ``html_text`` to ``pdf`` with headless Chromium (header and footer on)."""
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("chromium")
    src = pdf.with_suffix(".html")
    src.write_text(html_text, encoding="utf-8")
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-dev-shm-usage", f"--user-data-dir={pdf.parent / '.chromium'}",
                    f"--print-to-pdf={pdf}", src.resolve().as_uri()],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    if not pdf.exists():
        raise RuntimeError(f"chromium wrote no PDF for {src}")
    return pdf
