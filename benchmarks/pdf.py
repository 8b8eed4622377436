#!/usr/bin/env python3
"""Time `lkip check` on a 60-page PDF (issue 12 target: <= 2 s cold on the reference machine).

The PDF is made from the two seed reports rendered to HTML with real tables and printed by
headless Chromium (tests/pdfgen.py), cut to 60 pages. Prints: pages and size, cold CLI time
(a fresh process: imports included; median of N), the time to read the PDF alone (warm
imports) and a warm in-process check, and the peak RSS of the cold process.

    .venv/bin/python benchmarks/pdf.py [--runs 5] [--pages 60] [--no-compile] [PDF]

The package's bytecode is compiled first (``__pycache__``, as an installed package has it):
with ``PYTHONDONTWRITEBYTECODE=1`` and a fresh checkout every cold run would otherwise compile
all of drafter again (~0.45 s of CPU), which is not what a user's ``lkip check`` costs.
``--no-compile`` leaves the bytecode as it is.
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


def cold(path: Path) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system) and max RSS (MB) of one `lkip check` process. On a
    shared machine the CPU time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(path), "--format", "json"],
                   cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return dt, cpu, after.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--no-compile", action="store_true", help="do not compile drafter's bytecode first")
    ap.add_argument("pdf", nargs="?", type=Path)
    args = ap.parse_args()
    if not args.no_compile:
        import compileall

        compileall.compile_dir(ROOT / "drafter", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = args.pdf or make_pdf(Path(tmp) / "laporan-60.pdf", args.pages)
        from drafter.check.batch import check_file
        from drafter.check.context import CheckConfig
        from drafter.pdf.reader import read_pdf

        colds = [cold(pdf) for _ in range(args.runs)]
        # the same text as a .txt report: what the rules alone cost (the PDF overhead is the rest)
        txt = Path(tmp) / "laporan-60.txt"
        txt.write_text(read_pdf(pdf).source_text or "", encoding="utf-8")
        text_colds = [cold(txt) for _ in range(args.runs)]
        read_pdf(pdf)  # warm-up
        reads, read_cpus, warms = [], [], []
        for _ in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            doc = read_pdf(pdf)
            reads.append(time.perf_counter() - t0)
            read_cpus.append(time.process_time() - c0)
            t0 = time.perf_counter()
            result = check_file(pdf, CheckConfig())
            warms.append(time.perf_counter() - t0)
        print(f"PDF: {pdf.name}, {doc.pages} pages, {pdf.stat().st_size / 1024:.0f} KB, "
              f"{len(doc.blocks)} blocks, {len(doc.tables())} tables, {len(result.issues)} issues")
        for label, runs in (("PDF", colds), ("same text as .txt", text_colds)):
            print(f"cold `lkip check` {label} (median of {args.runs}): wall "
                  f"{statistics.median(c[0] for c in runs):.2f} s (min {min(c[0] for c in runs):.2f} s),"
                  f" CPU {statistics.median(c[1] for c in runs):.2f} s, max RSS "
                  f"{max(c[2] for c in runs):.0f} MB")
        load = open("/proc/loadavg").read().split()[0] if Path("/proc/loadavg").exists() else "?"
        print(f"machine: {len(__import__('os').sched_getaffinity(0))} CPUs, load average {load}")
        print(f"read PDF only (warm): {statistics.median(reads):.2f} s "
              f"({statistics.median(reads) / max(doc.pages, 1) * 1000:.0f} ms/page), "
              f"CPU {statistics.median(read_cpus):.2f} s")
        print(f"warm check (read + rules): {statistics.median(warms):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
