"""The self-contained HTML report: structure, escaping, determinism, and a real browser."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.check.batch import FileResult
from drafter.check.registry import Issue
from drafter.document.model import Location
from drafter.document.readers import read_document
from drafter.report.html import highlight, render_html, write_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

REPORT_TEXT = """LAPORAN KINERJA KECAMATAN CONTOH TAHUN 2023

BAB I PENDAHULUAN

Laporan ini disusun untuk Tahun Anggaran 2022 oleh Kecamatan Contoh.

BAB III AKUNTABILITAS KINERJA

Capaian indikator sebesar 103% dengan target 85 dan realisasi 88,05.
Terjadi (penurunan/kenaikan) dibanding tahun lalu.
"""

HOSTILE_TEXT = """BAB III AKUNTABILITAS KINERJA

Catatan <script>alert(1)</script> di sini.
Gambar <img src=x onerror=alert(1)> rusak.
"""


def issues_for(path: Path, specs: list[tuple[str, str, str, str, str | None]]) -> list[Issue]:
    """One issue per regex match: (pattern, rule, category, severity, expected)."""
    doc = read_document(path)
    out: list[Issue] = []
    for pattern, rule, cat, sev, expected in specs:
        for unit in doc.text_units():
            for m in re.finditer(pattern, unit.text):
                out.append(Issue(rule, cat, sev, f"temuan {rule} pada '{m.group(0)}'",
                                 unit.locate(m.start(), m.end()), m.group(0), expected))
    return out


def source_issues(path: Path, specs: list[tuple[str, str, str, str, str | None]]) -> list[Issue]:
    """Issues located directly on the source lines (for text the reader would clean away)."""
    out: list[Issue] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for pattern, rule, cat, sev, expected in specs:
        for ln, line in enumerate(lines, start=1):
            for m in re.finditer(pattern, line):
                out.append(Issue(rule, cat, sev, f"temuan {rule} pada '{m.group(0)}'",
                                 Location(ln, m.start() + 1, ln, m.end() + 1), m.group(0), expected))
    return out


SPECS: list[tuple[str, str, str, str, str | None]] = [
    (r"103%", "ZZ101", "arithmetic", "error", "103,59%"),
    (r"Tahun Anggaran 2022", "ZZ201", "year", "error", "Tahun Anggaran 2023"),
    (r"\(penurunan/kenaikan\)", "ZZ301", "leftover", "warning", None),
    (r"disusun", "ZZ401", "typo", "info", None),
]


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    p = tmp_path / "laporan.txt"
    p.write_text(REPORT_TEXT, encoding="utf-8")
    return p


@pytest.fixture
def result(report_file: Path) -> FileResult:
    issues = issues_for(report_file, SPECS)
    assert len(issues) == 4
    return FileResult(str(report_file), issues)


# ------------------------------------------------------------------------------------------------
# pure rendering


def test_highlight_escapes_and_splits_overlaps() -> None:
    html = str(highlight("a <b> c", [(0, 5, "i1", "typo", "info"), (2, 7, "i2", "year", "error")]))
    assert "<b>" not in html and "&lt;b&gt;" in html
    # the overlap piece carries both ids and the worst severity
    assert 'data-ids="i1 i2"' in html
    assert re.search(r'<mark class="hl sev-error cat-year multi" data-ids="i1 i2">&lt;b&gt;</mark>', html)
    assert html.count("<mark") == 3
    # a point issue becomes a caret mark
    assert "\u2038" in str(highlight("abc", [(1, 1, "i3", "typo", "info")]))


def test_report_structure(result: FileResult) -> None:
    html = render_html([result])
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="id">' in html
    # self-contained: no external resources
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html)
    assert "<link" not in html
    assert "@media print" in html
    assert "built-in method" not in html and "bound method" not in html  # no dict-method leaks
    assert "tombol n/p" in html
    # highlights in place, with message, expected value and rule beside them
    assert html.count('<mark class="hl') >= 4
    assert "103,59%" in html and "ZZ101" in html and "Seharusnya" in html
    # summary tables by category, severity and chapter; chapters come from the document
    for label in ("Menurut kategori", "Menurut tingkat", "Menurut bab"):
        assert label in html
    assert "<td>BAB I</td>" in html and "<td>BAB III</td>" in html
    # links from the summary to each location
    for k in range(1, 5):
        assert f'href="#f1-i{k}"' in html and f'id="f1-i{k}"' in html
    # filters for every category and severity present
    for cat in ("arithmetic", "year", "leftover", "typo"):
        assert f'class="f-cat" value="{cat}"' in html
    for sev in ("error", "warning", "info"):
        assert f'class="f-sev" value="{sev}"' in html


def test_numeric_categories_first(result: FileResult) -> None:
    html = render_html([result])
    # the issue list and the category filters list arithmetic before year/leftover/typo
    ids = re.findall(r'<li data-issue="[^"]+" data-cat="([^"]+)"', html)
    assert ids[0] == "arithmetic"
    filters = re.findall(r'class="f-cat" value="([^"]+)"', html)
    assert filters[0] == "arithmetic" and set(filters[1:]) == {"year", "leftover", "typo"}


def test_chapter_of_issue_matches_document(result: FileResult) -> None:
    html = render_html([result])
    card = re.search(r'id="f1-i1".*?<div class="where">([^<]*)</div>', html, re.S)
    assert card is not None and "BAB III" in card.group(1)
    year_card = re.search(r'data-issue="[^"]+" data-cat="year".*?<div class="where">([^<]*)</div>', html, re.S)
    assert year_card is not None and "BAB I" in year_card.group(1) and "BAB III" not in year_card.group(1)


def test_english_labels(result: FileResult) -> None:
    html = render_html([result], lang="en")
    assert '<html lang="en">' in html
    assert "By category" in html and "Expected" in html and "Menurut kategori" not in html


def test_deterministic(result: FileResult, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_html([result], a)
    write_html([result], b)
    assert a.read_bytes() == b.read_bytes()
    assert not re.search(r"20\d\d-\d\d-\d\d[T ]\d\d:\d\d", a.read_text(encoding="utf-8"))


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    p = tmp_path / "jahat.txt"
    p.write_text(HOSTILE_TEXT, encoding="utf-8")
    issues = source_issues(p, [(r"<script>alert\(1\)</script>", "ZZ501", "leftover", "error", "<b>x</b>"),
                            (r"<img src=x onerror=alert\(1\)>", "ZZ502", "typo", "warning", None)])
    assert len(issues) == 2
    html = render_html([FileResult(str(p), issues)])
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"<[^>]*\sonerror=", html)
    # exactly one script element: ours, allowed by its CSP hash
    assert html.count("<script") == 1
    assert "script-src &#39;sha256-" in html


def test_docx_view_by_paragraph(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("BAB III AKUNTABILITAS KINERJA")
    d.add_paragraph("Capaian sebesar 103% pada tahun ini.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Indikator"
    t.cell(0, 1).text = "<script>alert(1)</script>"
    path = tmp_path / "lap.docx"
    d.save(str(path))
    issues = issues_for(path, [(r"103%", "ZZ101", "arithmetic", "error", "88%"),
                               (r"<script>", "ZZ501", "leftover", "warning", None)])
    assert len(issues) == 2
    html = render_html([FileResult(str(path), issues)])
    assert "paragraf 2" in html
    assert "<script>alert" not in html
    assert '<mark class="hl sev-error cat-arithmetic" data-ids="f1-i1">103%</mark>' in html
    assert "(tabel 1, baris 1, sel 2)" in html
    # table-cell paragraphs are labelled in the document view
    assert '<span class="cellref">tabel 1, baris 1, sel 2</span>' in html


def test_unreadable_file_in_report(tmp_path: Path) -> None:
    html = render_html([FileResult(str(tmp_path / "rusak.docx"), error="rusak.docx: berkas rusak")],
                       batch=True)
    assert "Tidak dapat diperiksa" in html and "berkas rusak" in html


# ------------------------------------------------------------------------------------------------
# headless Chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    chromium = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if in_ci:
            pytest.fail("playwright is not installed (pip install -e .[test])")
        pytest.skip("playwright not installed")
    if chromium is None:
        if in_ci:
            pytest.fail("chromium is missing (apt-get install chromium)")
        pytest.skip("chromium not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _png_is_not_blank(png: bytes) -> bool:
    """Decode the screenshot and check it has real content (many distinct colours)."""
    import struct
    import zlib

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, ctype = 8, b"", 0, 0, 0
    while pos < len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        kind = png[pos + 4:pos + 8]
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, _depth, ctype = struct.unpack(">IIBB", data[:10])
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    bpp = 4 if ctype == 6 else 3
    stride = width * bpp + 1
    # sample unfiltered bytes loosely: count distinct byte triples over the image
    colours = {raw[i:i + 3] for i in range(1, min(len(raw), stride * height), 97)}
    return width > 0 and height > 0 and len(colours) > 20


def test_browser_highlights_and_filters(browser: object, result: FileResult, tmp_path: Path) -> None:
    out = tmp_path / "reviu.html"
    write_html([result], out)
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    marks = page.locator("table.doc mark.hl")
    visible = [i for i in range(marks.count()) if marks.nth(i).is_visible()]
    assert len(visible) >= 4
    # highlighted background actually painted
    bg = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    png = page.screenshot(full_page=False)
    assert len(png) > 5000 and _png_is_not_blank(png)
    (tmp_path / "reviu.png").write_bytes(png)

    # untick the "year" category: its card and list entry hide, its highlight switches off
    year_cards = page.locator('.card[data-cat="year"]')
    assert year_cards.count() == 1 and year_cards.first.is_visible()
    page.locator('input.f-cat[value="year"]').uncheck()
    assert not year_cards.first.is_visible()
    assert not page.locator('li[data-cat="year"]').first.is_visible()
    year_id = year_cards.first.get_attribute("id")
    year_mark = page.locator(f'mark[data-ids="{year_id}"]').first
    assert "off" in (year_mark.get_attribute("class") or "")
    # other categories untouched
    assert page.locator('.card[data-cat="arithmetic"]').first.is_visible()
    # severity filter: untick "error" hides the arithmetic card too
    page.locator('input.f-sev[value="error"]').uncheck()
    assert not page.locator('.card[data-cat="arithmetic"]').first.is_visible()
    assert page.locator('.card[data-cat="leftover"]').first.is_visible()
    # re-tick restores
    page.locator('input.f-cat[value="year"]').check()
    page.locator('input.f-sev[value="error"]').check()
    assert year_cards.first.is_visible()
    # compact mode hides lines without issues
    lines_before = sum(1 for i in range(page.locator("tr.line").count())
                       if page.locator("tr.line").nth(i).is_visible())
    page.locator("#only-flagged").check()
    lines_after = sum(1 for i in range(page.locator("tr.line").count())
                      if page.locator("tr.line").nth(i).is_visible())
    assert 0 < lines_after < lines_before
    # keyboard: n jumps to the first visible issue of the document text, n again to the next
    page.keyboard.press("n")
    first_hash = page.evaluate("location.hash")
    page.keyboard.press("n")
    assert first_hash.startswith("#f1-i") and page.evaluate("location.hash") != first_hash
    page.keyboard.press("p")
    assert page.evaluate("location.hash") == first_hash
    # anchor link from the summary jumps to the card
    page.locator('a[href="#f1-i1"]').first.click()
    assert page.evaluate("location.hash") == "#f1-i1"
    # print layout: no filter bar, highlights kept
    page.emulate_media(media="print")
    assert not page.locator("nav.filters").is_visible()
    assert page.locator("table.doc mark.hl").first.is_visible()
    assert errors == []
    page.close()


def test_browser_hostile_text_runs_nothing(browser: object, tmp_path: Path) -> None:
    p = tmp_path / "jahat.txt"
    p.write_text(HOSTILE_TEXT, encoding="utf-8")
    issues = source_issues(p, [(r"<script>alert\(1\)</script>", "ZZ501", "leftover", "error", None),
                            (r"onerror=alert\(1\)", "ZZ502", "typo", "warning", "<img src=y onerror=alert(2)>")])
    out = tmp_path / "jahat.html"
    write_html([FileResult(str(p), issues)], out)
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(out.as_uri())
    page.wait_for_timeout(300)
    assert dialogs == []
    # the hostile text is shown as text
    assert "<script>alert(1)</script>" in page.locator("table.doc").inner_text()
    assert page.locator("img").count() == 0
    page.close()


@pytest.mark.seeds
def test_browser_renders_seed_reports(browser: object, seeds_dir: Path, tmp_path: Path) -> None:
    """The real checker's HTML report of each LKIP seed renders (whatever the rules find)."""
    from drafter.check.batch import check_file
    from drafter.check.config import make_config

    for seed in sorted(seeds_dir.glob("lkip-*.txt")):
        res = check_file(seed, make_config(seed))
        out = tmp_path / (seed.stem + ".html")
        write_html([res], out)
        page = browser.new_page()  # type: ignore[attr-defined]
        errors: list[str] = []
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(out.as_uri())
        assert page.locator("tr.line").count() > 500
        assert page.locator(".card").count() == len(res.issues)
        if res.issues:
            first = page.locator("table.doc mark.hl").first
            first.scroll_into_view_if_needed()
            assert first.is_visible()
        assert _png_is_not_blank(page.screenshot())
        assert errors == []
        page.close()


def test_highlight_random_spans_roundtrip() -> None:
    """Random overlapping spans: the text is unchanged and each issue's marks spell its span."""
    import html as htmlmod
    import random

    rng = random.Random(7)
    text = "Capaian <b>103%</b> & target 85 \"persen\" pada tahun 2022 'x' > y\tz"
    for _ in range(50):
        spans = []
        for k in range(rng.randrange(1, 6)):
            s = rng.randrange(len(text))
            e = min(len(text), s + rng.randrange(1, 15))
            spans.append((s, e, f"i{k}", "typo", rng.choice(["error", "warning", "info"])))
        out = str(highlight(text, spans))
        assert htmlmod.unescape(re.sub(r"<[^>]+>", "", out)) == text
        for s, e, iid, _c, _v in spans:
            pieces = re.findall(rf'<mark [^>]*data-ids="[^"]*\b{iid}\b[^"]*">([^<]*)</mark>', out)
            assert htmlmod.unescape("".join(pieces)) == text[s:e]
