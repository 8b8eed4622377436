#!/usr/bin/env python3
"""Make the README screenshots: docs/img/html-report.png and docs/img/word-comments.png.

Usage: .venv/bin/python scripts/screenshots.py [SEED.txt]   (default: the Gumukmas seed)

1. ``lkip check SEED --format html``: the report opened in headless Chromium, scrolled to the
   first error in BAB III.
2. The seed converted to DOCX with pandoc, then ``lkip check --annotate``: the annotated DOCX is
   read back with python-docx (comment ranges, references and texts) and drawn as a Word-like
   review pane (flagged text highlighted, numbered comment balloons in the margin), screenshotted
   in Chromium. (No office suite needed; LibreOffice's PDF export cannot be rasterised here
   without further tools.)
"""

from __future__ import annotations

import html
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
OUT = ROOT / "docs" / "img"
WIDTH, HEIGHT = 1200, 760


def _seed(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    return ROOT.parent / "shared" / "seeds" / "lkip-2023-kecamatan-gumukmas.txt"


def html_report(seed: Path, work: Path, browser: object) -> Path:
    from drafter.check.batch import check_file
    from drafter.check.config import make_config
    from drafter.report.html import write_html

    report = work / "reviu.html"
    write_html([check_file(seed, make_config(seed))], report)
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})  # type: ignore[attr-defined]
    page.goto(report.as_uri())
    page.evaluate("""() => {
        const cards = [...document.querySelectorAll('table.doc .card.sev-error')];
        const card = cards.find(c => /BAB III/.test(c.querySelector('.where').textContent)) || cards[0];
        if (card) { const row = card.closest('tr'); window.scrollTo(0, row.offsetTop + row.closest('table').offsetTop - 140); }
    }""")
    target = OUT / "html-report.png"
    page.screenshot(path=str(target))
    page.close()
    return target


def annotated_docx(seed: Path, work: Path) -> Path:
    import pypandoc

    from drafter.check.batch import check_file
    from drafter.check.config import make_config
    from drafter.report.annotate import annotate_file

    src = work / (seed.stem + ".docx")
    pypandoc.convert_file(str(seed), "docx", format="markdown", outputfile=str(src))
    out = work / (seed.stem + "-reviu.docx")
    annotate_file(src, check_file(src, make_config(src)).issues, out)
    return out


def _review_pane_html(docx_path: Path, max_paragraphs: int = 10) -> str:
    """A Word-like view of the densest commented stretch of the annotated DOCX."""
    import docx
    from docx.oxml.ns import qn

    from drafter.report.common import docx_paragraphs

    document = docx.Document(str(docx_path))
    comments = {str(c.comment_id): c for c in document.comments}
    paragraphs = docx_paragraphs(document)
    rendered: list[tuple[str, list[str]]] = []
    open_ids: list[str] = []
    for para in paragraphs:
        parts: list[str] = []
        refs: list[str] = []
        for el in para._p.iter():
            if el.tag == qn("w:commentRangeStart"):
                open_ids.append(el.get(qn("w:id")))
            elif el.tag == qn("w:commentRangeEnd"):
                cid = el.get(qn("w:id"))
                if cid in open_ids:
                    open_ids.remove(cid)
            elif el.tag == qn("w:commentReference"):
                cid = el.get(qn("w:id"))
                refs.append(cid)
                parts.append(f'<sup class="ref">{int(cid) + 1}</sup>')
            elif el.tag in (qn("w:t"), qn("m:t")):
                text = html.escape(el.text or "")
                parts.append(f"<mark>{text}</mark>" if open_ids else text)
            elif el.tag == qn("w:tab"):
                parts.append(" ")
        style = para.style.name if para.style is not None else ""
        tag = "h2" if style.startswith("Heading") else "p"
        rendered.append((f"<{tag}>{''.join(parts)}</{tag}>", refs))
    # the window of paragraphs with the most (and most varied) comments: numeric findings first
    weight = {"AR": 3, "PR": 3, "CL": 3, "XT": 3, "CN": 3, "TB": 3, "YR": 2, "LO": 2, "FN": 2}

    def score(cid: str) -> int:
        c = comments.get(cid)
        return weight.get(c.text[1:3], 1) if c is not None else 0

    lengths = [len(p.text) + 80 for p in paragraphs]  # a short paragraph still takes a line
    best, best_end, best_n = 0, 1, -1
    for i in range(len(rendered)):
        j, size = i, 0
        while j < len(rendered) and j - i < max_paragraphs and size + lengths[j] <= 2400:
            size += lengths[j]
            j += 1
        n = sum(score(cid) for r in rendered[i:j] for cid in r[1])
        if n > best_n:
            best, best_end, best_n = i, max(j, i + 1), n
    window = rendered[best:best_end]
    body = []
    for para_html, refs in window:
        notes = "".join(
            f'<div class="c"><b>lkip</b> <span class="n">{int(cid) + 1}</span><br>'
            f"{html.escape(comments[cid].text)}</div>" for cid in refs if cid in comments)
        body.append(f'<div class="row"><div class="page">{para_html}</div><div class="side">{notes}</div></div>')
    css = """
    body { margin: 0; background: #e7e7e7; font: 14px/1.5 "Liberation Serif", "DejaVu Serif", serif; }
    .bar { background: #2b579a; color: #fff; font: 13px "DejaVu Sans", sans-serif; padding: 6px 14px; }
    .doc { margin: 14px auto; width: 1150px; }
    .row { display: grid; grid-template-columns: 700px 420px; gap: 14px; }
    .page { background: #fff; padding: 2px 40px; box-shadow: 0 0 2px #aaa; }
    .page p, .page h2 { margin: 6px 0; }
    .page h2 { font-size: 16px; }
    mark { background: #fde9a9; border-bottom: 1px dashed #c98d00; }
    sup.ref { color: #b00; font: bold 10px sans-serif; }
    .c { background: #fff8e1; border: 1px solid #e0c36a; border-left: 4px solid #c98d00; border-radius: 3px;
         padding: 4px 8px; margin: 4px 0; font: 12px/1.35 "DejaVu Sans", sans-serif; }
    .c .n { color: #b00; font-weight: bold; }
    """
    return (f"<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'><style>{css}</style></head><body>"
            f"<div class='bar'>{html.escape(docx_path.name)} &mdash; komentar Word dari lkip check "
            f"--annotate ({len(comments)} komentar)</div><div class='doc'>{''.join(body)}</div></body></html>")


def word_comments(docx_path: Path, work: Path, browser: object) -> Path:
    target = OUT / "word-comments.png"
    page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})  # type: ignore[attr-defined]
    view = work / "comments.html"
    view.write_text(_review_pane_html(docx_path), encoding="utf-8")
    page.goto(view.as_uri())
    page.screenshot(path=str(target))
    page.close()
    return target


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    seed = _seed(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        work = Path(tmp)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            a = html_report(seed, work, browser)
            b = word_comments(annotated_docx(seed, work), work, browser)
        finally:
            browser.close()
    for p in (a, b):
        print(f"{p.relative_to(ROOT)}: {p.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
