#!/usr/bin/env python3
"""Mutation benchmark on PDF input: the mutated drafts of ``benchmarks/mutation.py`` printed to
PDF and checked as PDF.

Kept apart from ``benchmarks/mutation.py`` (same mutations, same detection rule, from
``tests/mutation/mutate.py``) because every PDF costs a headless Chromium run (~1-3 s): the
drafted Markdown is parsed, rendered to HTML with real tables (``tests/pdfgen.py``: running
header/footer, tables broken over pages with their header repeated) and printed. A mutation is
found when an issue of its category is reported at the extracted-text lines where the mutated
text landed (found by comparing the clean and the mutated PDF, as for DOCX; the +-1 line window
counts text lines, skipping the blank lines between paragraphs). The clean PDFs are checked
too: every issue on them is a false issue.

    .venv/bin/python benchmarks/mutation_pdf.py [-n 60] [--seed 0] [--verbose]

The last line is ``pdf_min_recall=<lowest recall of a type with >= 3 tries> pdf_recall=<all>
false_on_clean=<count>``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from mutation.mutate import (  # noqa: E402
    CATEGORY,
    MUTATORS,
    Draft,
    apply,
    check_file,
    combination,
    detected,
    docx_lines,
    draft_examples,
    pick,
    tmpdir,
)
from pdfgen import chromium, document_html, print_pdf  # noqa: E402


def to_pdf(markdown: str, out: Path, title: str) -> Path:
    from drafter.document.readers import parse_text

    return print_pdf(document_html(parse_text(markdown, out.stem + ".md", markdown=True), title), out)


def _units_around(path: Path, where: dict[int, set[int]]) -> dict[int, set[int]]:
    """The +-1 line window of the Markdown check, as +-1 *text line*: the extracted text of a
    PDF has a blank line between paragraphs, so the next paragraph is two lines further."""
    from drafter.document.readers import read_document

    source = read_document(path).source_text or ""
    filled = [k for k, ln in enumerate(source.split("\n"), start=1) if ln.strip()]
    pos = {ln: k for k, ln in enumerate(filled)}
    out: dict[int, set[int]] = {}
    for i, lines in where.items():
        more = set(lines)
        for ln in lines:
            k = pos.get(ln)
            if k is not None:
                more.update(filled[j] for j in (k - 1, k + 1) if 0 <= j < len(filled))
        out[i] = more
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--mutations", type=int, default=60)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--combo-share", type=float, default=0.3)
    ap.add_argument("--examples", nargs="*", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    if chromium() is None:
        print("chromium not installed", file=sys.stderr)
        return 2
    t0 = time.monotonic()
    tried: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    misses: list[str] = []
    with tmpdir() as tmp_s:
        tmp = Path(tmp_s)
        drafts: list[Draft] = draft_examples(tmp, args.examples)
        clean_pdf = {d.name: to_pdf(d.text, tmp / f"{d.name}.pdf", f"Laporan Kinerja {d.name}")
                     for d in drafts}
        clean = {name: check_file(p) for name, p in clean_pdf.items()}
        false_issues = [(n, f) for n in clean for f in clean[n]]
        types = list(MUTATORS)
        total = run = 0
        while total < args.mutations and run < args.mutations * 20:
            rng = random.Random(f"pdf-{args.seed}-{run}")
            draft = drafts[run % len(drafts)]
            if rng.random() < args.combo_share:
                muts = combination(draft, rng, rng.choice([2, 3]))
            else:
                m = pick(draft, types[(run // len(drafts)) % len(types)], rng)
                muts = [m] if m is not None else []
            run += 1
            if not muts:
                continue
            path = to_pdf(apply(draft, muts), tmp / "mutated.pdf", f"Laporan Kinerja {draft.name}")
            found = check_file(path)
            where = _units_around(path, docx_lines(clean_pdf[draft.name], path, muts, draft))
            for i, m in enumerate(muts):
                tried[m.type] += 1
                total += 1
                if detected(m, found, clean[draft.name], lines=where[i]):
                    hit[m.type] += 1
                else:
                    near = [f"{f.rule}/{f.category}@{f.line}" for f in found if f.line in where[i]]
                    misses.append(f"pdf {draft.name} {m.describe()} (lines {sorted(where[i])}) "
                                  f"reported there: {', '.join(near) or 'nothing'}")
    elapsed = time.monotonic() - t0
    print(f"PDF mutation benchmark: {total} mutations on {len(drafts)} drafts, seed {args.seed}, "
          f"{elapsed:.0f} s")
    print(f"{'type':<28}{'category':<16}{'n':>5}{'found':>7}{'recall':>8}")
    for t in sorted(tried):
        print(f"{t:<28}{CATEGORY[t]:<16}{tried[t]:>5}{hit[t]:>7}{hit[t] / tried[t]:>8.3f}")
    if args.verbose:
        for line in misses:
            print("MISS", line)
        for name, f in false_issues:
            print(f"FALSE {name} {f.rule}@{f.line}: {f.message}")
    rates = [hit[t] / tried[t] for t in tried if tried[t] >= 3]
    overall = sum(hit.values()) / max(sum(tried.values()), 1)
    print(f"pdf_min_recall={min(rates) if rates else float('nan'):.3f} pdf_recall={overall:.3f} "
          f"false_on_clean={len(false_issues)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
