"""PDF reports (issue 12): reading, page locations, the annotated copy, bad and hostile PDFs.

The PDFs are made here, from documents we control: a drafted example and the seeds rendered to
HTML with real ``<table>`` elements and printed by headless Chromium (running header and footer
with page numbers, tables broken over pages with their header repeated). Tests that need
Chromium are skipped when it is not installed.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

import pytest

from drafter.check.context import CheckConfig
from drafter.check.runner import check_document
from drafter.document.readers import read_document
from drafter.errors import DocumentError
from drafter.pdf.reader import PdfDocument, _hyphen_join, _is_page_number, read_pdf

sys.path.insert(0, str(Path(__file__).parent))
from pdfgen import chromium, document_html, print_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLE = ROOT / "examples" / "contoh-sintetis.yaml"

needs_chromium = pytest.mark.skipif(chromium() is None, reason="chromium not installed")


def run_cli(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter.cli", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=timeout)


def sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def page_of(pdf: Path, text: str) -> list[int]:
    """1-based pages whose text layer holds ``text`` (read independently of the reader)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        found = []
        for k in range(len(doc)):
            tp = doc[k].get_textpage()
            if text in tp.get_text_range():
                found.append(k + 1)
        return found
    finally:
        doc.close()


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic example drafted to Markdown (the text version of the PDFs below)."""
    d = tmp_path_factory.mktemp("draft")
    md = d / "contoh.md"
    proc = run_cli(["draft", str(EXAMPLE), "-o", str(md)], ROOT)
    assert proc.returncode == 0, proc.stderr
    return md


@pytest.fixture(scope="module")
def drafted_pdf(drafted: Path) -> Path:
    if chromium() is None:
        pytest.skip("chromium not installed")
    return print_pdf(document_html(read_document(drafted), "Laporan Kinerja Kecamatan Uji"),
                     drafted.with_name("contoh.pdf"))


# the mutated capaian: the first cell holding it is changed (a value written nowhere else)
MUTATION = ("103,05%", "107,45%")


@pytest.fixture(scope="module")
def mutated_pdf(drafted: Path) -> Path:
    if chromium() is None:
        pytest.skip("chromium not installed")
    return print_pdf(document_html(read_document(drafted), "Laporan Kinerja Kecamatan Uji",
                                   replace=MUTATION), drafted.with_name("mutasi.pdf"))


# ------------------------------------------------------------------------------------------------
# without Chromium


def test_hyphenated_line_breaks() -> None:
    assert _hyphen_join("pelaksa-", "naan") == "drop"
    assert _hyphen_join("masing-", "masing") == "keep"  # reduplication broken at its hyphen
    assert _hyphen_join("sehari-", "hari") == "keep"
    assert _hyphen_join("2021-", "2026") == "keep"
    assert _hyphen_join("kegiatan", "lain") is None
    assert _hyphen_join("-", "lain") is None


def test_page_numbers() -> None:
    for text in ("12", "- 12 -", "Halaman 3", "hal. 4 dari 60", "iv", "3/40", "Page 7"):
        assert _is_page_number(text, 60), text
    for text in ("2026", "Tabel 3", "BAB IV", "Sasaran 1"):
        assert not _is_page_number(text, 60), text


def test_not_a_pdf(tmp_path: Path) -> None:
    p = tmp_path / "laporan.pdf"
    p.write_bytes(b"BAB III bukan PDF\n" * 10)
    with pytest.raises(DocumentError) as ei:
        read_document(p)
    assert "laporan.pdf" in str(ei.value) and "pdf" in str(ei.value).lower()


def _blank_pdf(pages: int, content: bytes | None = None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    w = PdfWriter()
    for _ in range(pages):
        page = w.add_blank_page(595, 842)
        if content is not None:
            s = DecodedStreamObject()
            s.set_data(content)
            page[NameObject("/Contents")] = w._add_object(s)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_too_many_pages(tmp_path: Path) -> None:
    from drafter.limits import MAX_PDF_PAGES

    p = tmp_path / "tebal.pdf"
    p.write_bytes(_blank_pdf(MAX_PDF_PAGES + 1))
    t0 = time.perf_counter()
    with pytest.raises(DocumentError) as ei:
        read_document(p)
    assert "halaman" in str(ei.value) and "tebal.pdf" in str(ei.value)
    assert time.perf_counter() - t0 < 20


def test_giant_stream_bomb(tmp_path: Path) -> None:
    """A page content stream that inflates beyond the limit is refused without inflating it."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    from drafter.limits import MAX_PDF_CONTENT_BYTES

    w = PdfWriter()
    page = w.add_blank_page(595, 842)
    comp = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(comp.compress(chunk) for _ in range(MAX_PDF_CONTENT_BYTES // len(chunk) + 8))
    data += comp.flush()
    s = StreamObject()
    s._data = data
    s[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = w._add_object(s)
    p = tmp_path / "bom.pdf"
    with open(p, "wb") as fh:
        w.write(fh)
    assert p.stat().st_size < 1_000_000  # small on disk
    t0 = time.perf_counter()
    with pytest.raises(DocumentError) as ei:
        read_document(p)
    assert "terlalu besar" in str(ei.value) and "bom.pdf" in str(ei.value)
    assert time.perf_counter() - t0 < 20


def test_deep_nesting(tmp_path: Path) -> None:
    """Deeply nested arrays: a clean one-line error or a normal read, within bounded time."""
    depth = 200_000
    body = b"[" * depth + b"]" * depth
    pdf = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X " + body + b" >>\nendobj\n"
           b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
           b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")
    p = tmp_path / "dalam.pdf"
    p.write_bytes(pdf)
    t0 = time.perf_counter()
    proc = run_cli(["check", p.name], tmp_path)
    assert time.perf_counter() - t0 < 60
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "dalam.pdf" in proc.stderr


def test_broken_pdf_cli(tmp_path: Path) -> None:
    good = _blank_pdf(2, b"BT /F1 12 Tf 72 720 Td (x) Tj ET")
    p = tmp_path / "rusak.pdf"
    p.write_bytes(good[: len(good) // 3])
    out = tmp_path / "hasil.json"
    proc = run_cli(["check", p.name, "-f", "json", "-o", out.name], tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "rusak.pdf" in proc.stderr
    assert not out.exists()
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".lkip-")]


# ------------------------------------------------------------------------------------------------
# drafted example printed by Chromium


@needs_chromium
def test_drafted_pdf_has_no_issues(drafted: Path, drafted_pdf: Path) -> None:
    doc = read_document(drafted_pdf)
    assert isinstance(doc, PdfDocument) and doc.pages >= 3
    text_doc = read_document(drafted)
    assert len(doc.tables()) == len(text_doc.tables())
    # running header/footer (Chromium prints the title and "n/N" on every page) removed
    assert "Laporan Kinerja Kecamatan Uji" not in (doc.source_text or "")
    issues, _ = check_document(doc, CheckConfig())
    assert issues == [], [(i.rule, i.excerpt) for i in issues]


@needs_chromium
def test_tables_without_ruling_lines(drafted: Path, tmp_path: Path) -> None:
    """The same report with borderless tables: read from the text alignment (flat tables)."""
    doc = read_document(drafted)
    clean = print_pdf(document_html(doc, "Laporan Uji", plain_tables=True), tmp_path / "polos.pdf")
    pdf_doc = read_document(clean)
    assert pdf_doc.tables() and all(t.layout == "spaces" for t in pdf_doc.tables())
    issues, _ = check_document(pdf_doc, CheckConfig())
    assert issues == [], [(i.rule, i.excerpt) for i in issues]
    bad = print_pdf(document_html(read_document(drafted), "Laporan Uji", plain_tables=True,
                                  replace=MUTATION), tmp_path / "polos-mutasi.pdf")
    issues, _ = check_document(read_document(bad), CheckConfig())
    hit = [i for i in issues if i.rule == "AR101" and i.excerpt == MUTATION[1]]
    assert len(hit) == 1 and hit[0].location.extra is not None
    assert hit[0].location.extra["page"] == page_of(bad, MUTATION[1])[0]


@needs_chromium
def test_mutated_capaian_on_the_right_page(mutated_pdf: Path, tmp_path: Path) -> None:
    pages = page_of(mutated_pdf, MUTATION[1])
    assert len(pages) == 1
    proc = run_cli(["check", str(mutated_pdf), "-f", "json"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    issues = json.loads(proc.stdout)["files"][0]["issues"]
    hit = [i for i in issues if i["rule"] == "AR101" and i["excerpt"] == MUTATION[1]]
    assert len(hit) == 1, issues
    loc = hit[0]["location"]
    assert loc["page"] == pages[0] and loc["line"] >= 1
    assert isinstance(hit[0]["line"], int)  # the running line of the extracted text stays
    # every issue names a page and a line
    assert all("page" in i["location"] and "line" in i["location"] for i in issues)
    text = run_cli(["check", str(mutated_pdf)], tmp_path).stdout
    assert f"hal. {pages[0]}, baris {loc['line']}" in text


@needs_chromium
def test_mutated_html_and_spreadsheet_show_page(mutated_pdf: Path, tmp_path: Path) -> None:
    page = page_of(mutated_pdf, MUTATION[1])[0]
    html = tmp_path / "r.html"
    assert run_cli(["check", str(mutated_pdf), "-f", "html", "-o", str(html)], tmp_path).returncode == 1
    assert f"hal. {page}," in html.read_text("utf-8")
    xlsx = tmp_path / "r.xlsx"
    assert run_cli(["check", str(mutated_pdf), "-f", "xlsx", "-o", str(xlsx)], tmp_path).returncode == 1
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    cells = [str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c]
    assert any(c.startswith(f"hal. {page},") for c in cells), cells[:20]


@needs_chromium
def test_annotated_copy(mutated_pdf: Path, tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    src = tmp_path / "laporan.pdf"
    src.write_bytes(mutated_pdf.read_bytes())
    before = sha(src)
    out = tmp_path / "laporan.lkip.pdf"
    proc = run_cli(["check", src.name, "--annotate", "-o", out.name], tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert sha(src) == before  # the input is never written
    assert not [f for f in tmp_path.iterdir() if f.name.startswith(".lkip-")]
    reader = PdfReader(str(out))
    notes = []
    for k, page in enumerate(reader.pages, start=1):
        for a in page.get("/Annots") or []:
            a = a.get_object()
            if a.get("/Subtype") == "/Highlight":
                notes.append((k, [float(v) for v in a["/Rect"]], str(a["/Contents"])))
    assert notes, "no highlight written"
    page = page_of(mutated_pdf, MUTATION[1])[0]
    ar = [n for n in notes if n[2].startswith("AR101")]
    assert len(ar) == 1 and ar[0][0] == page
    assert "seharusnya: 103,05%" in ar[0][2]
    # the highlight covers the flagged text
    doc = pdfium.PdfDocument(str(out))
    tp = doc[page - 1].get_textpage()
    x0, y0, x1, y1 = ar[0][1]
    assert tp.get_text_bounded(x0, y0, x1, y1).strip() == MUTATION[1]
    doc.close()


@needs_chromium
def test_folder_counts_pdfs(drafted: Path, drafted_pdf: Path, tmp_path: Path) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(drafted_pdf.read_bytes())
    (folder / "b.md").write_text(drafted.read_text("utf-8"), encoding="utf-8")
    proc = run_cli(["check", folder.name, "-f", "json", "-j", "1"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["a.pdf", "b.md"]
    assert data["summary"]["files"] == 2 and data["summary"]["files_failed"] == 0


@needs_chromium
def test_scanned_pdf(tmp_path: Path) -> None:
    """An image-only PDF: one line naming the file and the OCR hint, exit 2, nothing written."""
    png = _png(400, 300)
    import base64

    html = (f'<html><body><img src="data:image/png;base64,{base64.b64encode(png).decode()}" '
            'style="width:90%"></body></html>')
    pdf = tmp_path / "pindai.pdf"
    exe = chromium()
    assert exe is not None
    (tmp_path / "pindai.html").write_text(html, encoding="utf-8")
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    "--print-to-pdf-no-header", f"--user-data-dir={tmp_path / '.chromium'}",
                    f"--print-to-pdf={pdf}", (tmp_path / "pindai.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    out = tmp_path / "hasil.json"
    proc = run_cli(["check", pdf.name, "-f", "json", "-o", out.name], tmp_path)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "pindai.pdf" in lines[0] and "ocrmypdf -l ind" in lines[0]
    assert not out.exists()


def _png(w: int, h: int) -> bytes:
    """A grey gradient PNG (no text)."""
    import struct

    raw = b"".join(b"\x00" + bytes((x * 255 // w) for x in range(w)) for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@needs_chromium
def test_encrypted_pdf(drafted_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    def encrypted(user: str, name: str) -> Path:
        w = PdfWriter(clone_from=PdfReader(str(drafted_pdf)))
        w.encrypt(user_password=user, owner_password="pemilik", algorithm="AES-128")
        p = tmp_path / name
        with open(p, "wb") as fh:
            w.write(fh)
        return p

    locked = encrypted("rahasia", "terkunci.pdf")
    proc = run_cli(["check", locked.name], tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "terkunci.pdf" in lines[0] and "kata sandi" in lines[0]
    # an owner password only (no password to open): read like any PDF
    open_ = encrypted("", "izin.pdf")
    proc = run_cli(["check", open_.name, "-f", "json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["issues"] == 0


# ------------------------------------------------------------------------------------------------
# seeds: the PDF gives the same issues as the text


def _seed_parity(name: str, tmp: Path) -> tuple[float, float, PdfDocument]:
    src = SEEDS / name
    pdf = print_pdf(document_html(read_document(src), f"Laporan Kinerja {src.stem}"),
                    tmp / (src.stem + ".pdf"))
    config = CheckConfig()
    text_issues, _ = check_document(read_document(src), config)
    doc = read_pdf(pdf)
    pdf_issues, _ = check_document(doc, config)
    a = Counter((i.rule, i.excerpt) for i in text_issues)
    b = Counter((i.rule, i.excerpt) for i in pdf_issues)
    common = sum((a & b).values())
    total = max(len(text_issues), 1)
    return common / total, (len(pdf_issues) - common) / total, doc


@needs_chromium
@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds not available")
@pytest.mark.parametrize("name", ["lkip-2023-kecamatan-gumukmas.txt", "lkip-2023-kecamatan-umbulsari.txt"])
def test_seed_pdf_same_issues_as_text(name: str, tmp_path: Path) -> None:
    recall, extra, doc = _seed_parity(name, tmp_path)
    assert recall >= 0.95, f"{name}: only {recall:.1%} of the text issues found in the PDF"
    assert extra <= 0.05, f"{name}: {extra:.1%} extra issues in the PDF"
    # tables broken over pages are joined: some table holds cells of two pages, and its
    # header row (repeated by Chromium on every page) appears once
    assert doc.pdf is not None
    joined = 0
    for t in doc.tables():
        pages = {doc.pdf.page_line(c.segments[0][1], c.segments[0][2])[0]  # type: ignore[index]
                 for c in t.cells() if c.segments and c.text}
        if len(pages) > 1:
            joined += 1
            first = t.rows[0].texts()
            assert sum(1 for r in t.rows if r.texts() == first) == 1
    assert joined >= 1


@needs_chromium
def test_page_box_not_at_origin(mutated_pdf: Path, tmp_path: Path) -> None:
    """A page whose media box does not start at (0, 0): pages, lines and highlights still hold."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader, PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    w = PdfWriter(clone_from=PdfReader(str(mutated_pdf)))
    for page in w.pages:
        x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        page.add_transformation(Transformation().translate(30, 200))
        page.mediabox = RectangleObject((x0 + 30, y0 + 200, x1 + 30, y1 + 200))
    src = tmp_path / "geser.pdf"
    with open(src, "wb") as fh:
        w.write(fh)
    out = tmp_path / "geser.lkip.pdf"
    proc = run_cli(["check", src.name, "--annotate", "-o", out.name], tmp_path)
    assert proc.returncode == 1, proc.stderr
    page = page_of(src, MUTATION[1])[0]
    reader = PdfReader(str(out))
    rects = [[float(v) for v in a.get_object()["/Rect"]] for a in reader.pages[page - 1].get("/Annots") or []
             if str(a.get_object()["/Contents"]).startswith("AR101")]
    assert len(rects) == 1
    doc = pdfium.PdfDocument(str(out))
    tp = doc[page - 1].get_textpage()
    assert tp.get_text_bounded(*rects[0]).strip() == MUTATION[1]
    doc.close()


@needs_chromium
def test_lattice_same_tables_as_pdfplumber_on_printed_pages(drafted_pdf: Path, mutated_pdf: Path) -> None:
    """The reader's own lattice finder gives pdfplumber's tables on the ruling lines of
    Chromium-printed pages (cell borders drawn as rectangles, tables cut by page breaks)."""
    import pypdfium2 as pdfium

    from drafter.pdf._pdfium import handle
    from drafter.pdf.lattice import _pdfplumber_tables, edge_dicts, find_table_edges, find_tables
    from drafter.pdf.reader import _close_cut_tables, _page_graphics

    found = 0
    for path in (drafted_pdf, mutated_pdf):
        doc = pdfium.PdfDocument(str(path))
        try:
            for k in range(len(doc)):
                page = doc[k]
                vs, hs, _ = _page_graphics(handle(page.raw), float(page.get_mediabox()[3]))
                page.close()
                _close_cut_tables(vs, hs)
                tables = find_table_edges(vs, hs)
                edges = edge_dicts(vs, hs)
                assert tables == find_tables(edges) == _pdfplumber_tables(edges), (path.name, k + 1)
                found += len(tables)
        finally:
            doc.close()
    assert found >= 4
