#!/usr/bin/env python3
"""Time `lkip check` on a 60-page PDF (issue 12 target: <= 2 s cold on the reference machine).

The PDF is made from the two seed reports rendered to HTML with real tables and printed by
headless Chromium (tests/pdfgen.py), cut to 60 pages. Prints: pages and size, cold CLI time
(a fresh process: imports included; median of N), the time to read the PDF alone (warm
imports) and a warm in-process check, and the peak RSS of the cold process.

    .venv/bin/python benchmarks/pdf.py [--runs 5] [--pages 60] [PDF]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
SEEDS = ROOT.parent / "shared" / "seeds"


def make_pdf(out: Path, pages: int) -> Path:
    """The seed reports printed to one PDF, cut to ``pages`` pages."""
    from pdfgen import chromium, document_html, print_pdf
    from pypdf import PdfReader, PdfWriter

    from drafter.document.readers import read_document

    if chromium() is None:
        raise SystemExit("chromium not installed: pass an existing PDF")
    parts = []
    for seed in sorted(SEEDS.glob("lkip-*.txt")):
        html = document_html(read_document(seed), "Laporan Kinerja")
        parts.append(html.split("<body>", 1)[1].rsplit("</body>", 1)[0])
    head = html.split("<body>", 1)[0]
    full = print_pdf(head + "<body>" + "\n".join(parts) + "</body></html>", out.with_name("full.pdf"))
    reader = PdfReader(str(full))
    writer = PdfWriter()
    for page in reader.pages[:pages]:
        writer.add_page(page)
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


def cold(path: Path) -> tuple[float, float]:
    """Wall time and max RSS (MB) of one `python -m drafter.cli check` process."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(path), "--format", "json"],
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    dt = time.perf_counter() - t0
    return dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("pdf", nargs="?", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = args.pdf or make_pdf(Path(tmp) / "laporan-60.pdf", args.pages)
        from drafter.check.batch import check_file
        from drafter.check.context import CheckConfig
        from drafter.pdf.reader import read_pdf

        colds = [cold(pdf) for _ in range(args.runs)]
        read_pdf(pdf)  # warm-up
        reads, warms = [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            doc = read_pdf(pdf)
            reads.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            result = check_file(pdf, CheckConfig())
            warms.append(time.perf_counter() - t0)
        print(f"PDF: {pdf.name}, {doc.pages} pages, {pdf.stat().st_size / 1024:.0f} KB, "
              f"{len(doc.blocks)} blocks, {len(doc.tables())} tables, {len(result.issues)} issues")
        print(f"cold `lkip check` (median of {args.runs}): {statistics.median(c[0] for c in colds):.2f} s"
              f" (min {min(c[0] for c in colds):.2f} s), max RSS {max(c[1] for c in colds):.0f} MB")
        print(f"read PDF only (warm): {statistics.median(reads):.2f} s "
              f"({statistics.median(reads) / max(doc.pages, 1) * 1000:.0f} ms/page)")
        print(f"warm check (read + rules): {statistics.median(warms):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
