"""Shared helpers of the fuzz suite: example counting, scaling, seed material."""

from __future__ import annotations

import io
import os
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

# Multiplier for the number of examples; the "deep" profile hunts ten times longer.
SCALE = 10 if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else 1

EXAMPLES: Counter[str] = Counter()


def n_examples(n: int) -> int:
    return n * SCALE


def count_example(name: str) -> None:
    EXAMPLES[name] += 1


def seed_slice(max_lines: int = 160) -> str:
    """A deterministic slice of a real LKIP text (tables, headings, prose), or a stand-in."""
    path = SEEDS / "lkip-2023-kecamatan-gumukmas.txt"
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        # the middle of the report: BAB III tables and analysis
        mid = len(lines) // 3
        return "".join(lines[mid: mid + max_lines])
    return FALLBACK_TEXT


FALLBACK_TEXT = """BAB III
AKUNTABILITAS KINERJA
A. Capaian Kinerja Organisasi
Tabel 3.1 Pengukuran Kinerja Tahun 2023
No\tIndikator\tTarget\tRealisasi\tCapaian
1\tIndeks Kepuasan Masyarakat\t85\t88,05\t103,59%
2\tPersentase pelayanan tepat waktu\t90%\t92,8%\t103,11%
Berdasarkan tabel di atas, capaian rata-rata sebesar 103,35% dengan predikat Sangat Baik.
| No | Program | Pagu (Rp) | Realisasi (Rp) |
|---|---|---|---|
| 1 | Program Penunjang | Rp 3.973.567.698 | Rp 3.800.000.000,00 |
"""


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A small valid DOCX made with python-docx."""
    import docx

    d = docx.Document()
    d.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, val in enumerate(row):
                t.cell(r, c).text = val
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def build_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def zip_bomb(members: dict[str, bytes], unpacked_mb: int) -> bytes:
    """A DOCX whose document.xml holds ``unpacked_mb`` MB of spaces inside the body (about
    1000:1 compression); the zip headers state the true sizes."""
    head, sep, tail = members["word/document.xml"].partition(b"<w:body>")
    assert sep
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in members.items():
            if name != "word/document.xml":
                z.writestr(name, data)
        with z.open("word/document.xml", "w") as fh:
            fh.write(head + sep)
            chunk = b" " * (1 << 20)
            for _ in range(unpacked_mb):
                fh.write(chunk)
            fh.write(tail)
    return buf.getvalue()
