#!/usr/bin/env python3
"""Worst-case inputs through the real CLI: wall time and peak memory of each (issue 10, 3-4).

Generates, in a temporary folder:

* the largest accepted text report (just under MAX_TEXT_BYTES), made by concatenating the seed
  reports (../shared/seeds) with every digit changed and ~2% of the long words garbled per copy;
* a text report of one 1 MB "word" (random letters), and one that is all one line of digits;
* a 20 MB text report (refused at once);
* a DOCX of the largest accepted text (one paragraph per line), a DOCX with a 60,000-letter
  word, and a DOCX whose word/document.xml is just under MAX_DOCX_XML_BYTES (every letter its
  own formatted run, as pasted or converted documents have);
* the largest accepted figures file (an example scaled up to the count limits) drafted to .md
  and .docx, and a 4 MB figures file (refused at once).

Each runs as `python -m drafter.cli ...` in its own process; the peak RSS comes from os.wait4
(the process and the children it waited for, e.g. pandoc). Target: <= 30 s and <= 500 MB each,
or refused at once (exit 2, one line).

    .venv/bin/python benchmarks/limits.py [--keep DIR] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLE = ROOT / "examples" / "gumukmas-2023.yaml"
MAX_SECONDS = 30.0
MAX_RSS_MB = 500.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def varied_text(size: int, seed: int = 0) -> str:
    """About ``size`` bytes of report text: the seeds, each copy with new digits and typos."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("lkip-*.txt"))]
    if not texts:
        raise SystemExit(f"no seed reports in {SEEDS}")
    rng = random.Random(seed)
    word = re.compile(r"[A-Za-z]{6,}")

    def garble(m: re.Match[str]) -> str:
        w = m.group()
        if rng.random() < 0.02:
            k = rng.randrange(1, len(w) - 1)
            return w[:k] + w[k + 1] + w[k] + w[k + 2:]
        return w

    out: list[str] = []
    n = i = 0
    while n < size:
        t = re.sub(r"\d", lambda _m: str(rng.randrange(10)), texts[i % len(texts)])
        t = word.sub(garble, t)
        out.append(t)
        n += len(t.encode("utf-8"))
        i += 1
    data = "".join(out).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore").rsplit("\n", 1)[0] + "\n"


def random_word(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(_LETTERS) for _ in range(n))


def write_docx(path: Path, lines: list[str]) -> None:
    from docx import Document

    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))


def write_runs_docx(path: Path, xml_bytes: int, seed: int = 0) -> None:
    """A DOCX whose document.xml is ~``xml_bytes``: paragraphs of 30 one-letter runs, each with
    its own size and colour (not compressible enough to look like a zip bomb)."""
    import io
    import zipfile

    from docx import Document

    rng = random.Random(seed)
    buf = io.BytesIO()
    Document().save(buf)
    src = zipfile.ZipFile(buf)
    xml = src.read("word/document.xml").decode("utf-8")
    parts: list[str] = []
    size = 0
    while size < xml_bytes - len(xml) - 4096:
        runs = "".join(f'<w:r><w:rPr><w:sz w:val="{rng.randrange(10, 99)}"/><w:color w:val='
                       f'"{rng.randrange(16 ** 6):06X}"/></w:rPr><w:t>{rng.choice(_LETTERS)}</w:t></w:r>'
                       for _ in range(30))
        p = f'<w:p><w:pPr><w:spacing w:after="{rng.randrange(1000)}"/></w:pPr>{runs}</w:p>'
        parts.append(p)
        size += len(p)
    body = xml.replace("<w:body>", "<w:body>" + "".join(parts), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            out.writestr(name, body if name == "word/document.xml" else src.read(name))


def scaled_figures(src: Path, k: int) -> dict[str, object]:
    """The example with its sasaran and programs repeated ``k`` times (new ids and names)."""
    import yaml

    d = yaml.safe_load(src.read_text(encoding="utf-8"))
    sas, progs = d["sasaran"], d.get("program") or []
    out_s, out_p = [], []
    for i in range(1, k + 1):
        for s in sas:
            s2 = copy.deepcopy(s)
            s2["id"] = f"{s['id']}-{i}"
            s2["nama"] = f"{s['nama']} {i}"
            for ind in s2["indikator"]:
                ind["nama"] = f"{ind['nama']} {i}"
            out_s.append(s2)
        for p in progs:
            p2 = copy.deepcopy(p)
            p2["nama"] = f"{p['nama']} {i}"
            if isinstance(p2.get("sasaran"), str):
                p2["sasaran"] = f"{p2['sasaran']}-{i}"
            out_p.append(p2)
    d["sasaran"], d["program"] = out_s, out_p
    ang = d.get("anggaran") or {}
    for c in ang.get("komposisi") or []:
        for key in ("pagu", "realisasi"):
            if c.get(key) is not None:
                c[key] = c[key] * k
    if ang.get("tahun_lalu"):
        ang["tahun_lalu"] = None
    return d


def largest_figures(path: Path) -> int:
    """Write the largest scaled example that is accepted; return the scale."""
    import yaml

    from drafter import limits

    base = scaled_figures(EXAMPLE, 1)
    n_s = len(base["sasaran"])  # type: ignore[arg-type]
    n_i = sum(len(s["indikator"]) for s in base["sasaran"])  # type: ignore[attr-defined, union-attr]
    n_p = len(base["program"])  # type: ignore[arg-type]
    n_k = sum(1 + len(kg["sub_kegiatan"]) for p in base["program"]  # type: ignore[attr-defined, union-attr]
              for kg in p["kegiatan"])
    k = min(limits.MAX_SASARAN // n_s, limits.MAX_INDIKATOR // n_i,
            limits.MAX_PROGRAM // max(n_p, 1), limits.MAX_KEGIATAN // max(n_k, 1))
    while k > 1:
        text = yaml.safe_dump(scaled_figures(EXAMPLE, k), allow_unicode=True, sort_keys=False)
        if len(text.encode("utf-8")) <= limits.MAX_FIGURES_BYTES:
            path.write_text(text, encoding="utf-8")
            return k
        k -= 1
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return 1


def run(args: list[str], cwd: Path) -> tuple[int, float, float, str]:
    """Exit code, wall seconds, peak RSS (MB) and the first stderr line of one CLI process."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "drafter.cli", *args], cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        dt = time.perf_counter() - t0
        err.seek(0)
        lines = [ln for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
    return proc.returncode, dt, usage.ru_maxrss / 1024, (lines[0] if lines else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", type=Path, help="generate the inputs in this folder and keep them")
    ap.add_argument("--only", nargs="*", help="run only these cases")
    a = ap.parse_args()
    from drafter import limits

    with tempfile.TemporaryDirectory(prefix="lkip-limits-") as tmp:
        d = a.keep or Path(tmp)
        d.mkdir(parents=True, exist_ok=True)
        env_root = ROOT  # `python -m drafter.cli` from the checkout
        big = varied_text(limits.MAX_TEXT_BYTES - 4096)
        cases: list[tuple[str, Callable[[], list[str]]]] = []

        def text_case(name: str, content: str | bytes, fname: str) -> None:
            def make() -> list[str]:
                p = d / fname
                if isinstance(content, bytes):
                    p.write_bytes(content)
                else:
                    p.write_text(content, encoding="utf-8")
                return ["check", str(p), "--format", "json", "-o", str(d / (fname + ".json"))]
            cases.append((name, make))

        text_case("text-largest", big, "terbesar.txt")
        text_case("text-1MB-word", "Capaian kinerja " + random_word(1_000_000) + " tahun 2023.\n",
                  "satu-kata.txt")
        text_case("text-1MB-digits", "Capaian " + "".join(random.Random(2).choice("0123456789")
                                                         for _ in range(1_000_000)) + " poin\n",
                  "angka.txt")
        text_case("text-20MB", (big.encode("utf-8") * (20 * limits.MB // len(big.encode()) + 1))
                  [: 20 * limits.MB], "besar-20mb.txt")

        def docx_largest() -> list[str]:
            p = d / "terbesar.docx"
            write_docx(p, big.splitlines())
            return ["check", str(p), "--format", "json", "-o", str(d / "terbesar.docx.json")]

        def docx_word() -> list[str]:
            p = d / "kata-60k.docx"
            write_docx(p, ["BAB III AKUNTABILITAS KINERJA", "Capaian " + random_word(60_000) + " 2023."])
            return ["check", str(p), "--format", "json", "-o", str(d / "kata-60k.docx.json")]

        def docx_runs() -> list[str]:
            p = d / "runs.docx"
            write_runs_docx(p, limits.MAX_DOCX_XML_BYTES)
            return ["check", str(p), "--format", "json", "-o", str(d / "runs.docx.json")]

        cases += [("docx-largest", docx_largest), ("docx-60k-word", docx_word),
                  ("docx-largest-xml", docx_runs)]

        fig = d / "angka-terbesar.yaml"

        def fig_md() -> list[str]:
            k = largest_figures(fig)
            print(f"  (figures: example x{k}, {fig.stat().st_size // 1024} KB)", flush=True)
            return ["draft", str(fig), "-o", str(d / "bab3.md")]

        def fig_docx() -> list[str]:
            if not fig.exists():
                largest_figures(fig)
            return ["draft", str(fig), "-o", str(d / "bab3.docx")]

        def fig_4mb() -> list[str]:
            p = d / "angka-4mb.yaml"
            body = EXAMPLE.read_bytes()
            pad = b"# " + b"x" * 1000 + b"\n"
            p.write_bytes(body + pad * (4 * limits.MB // len(pad)))
            return ["draft", str(p), "-o", str(d / "bab3-4mb.md")]

        cases += [("figures-largest-md", fig_md), ("figures-largest-docx", fig_docx),
                  ("figures-4MB", fig_4mb)]

        print(f"limits: text {limits.MAX_TEXT_BYTES // 1024} KB / {limits.MAX_TEXT_LINES} lines, "
              f"figures {limits.MAX_FIGURES_BYTES // 1024} KB, draft {limits.MAX_DRAFT_BYTES // 1024} KB; "
              f"target <= {MAX_SECONDS:.0f} s, <= {MAX_RSS_MB:.0f} MB")
        print(f"{'case':22}{'input KB':>10}{'exit':>6}{'wall s':>8}{'RSS MB':>8}  result")
        bad = 0
        for name, make in cases:
            if a.only and name not in a.only:
                continue
            args = make()
            size = Path(args[1]).stat().st_size // 1024
            rc, dt, rss, line = run(args, env_root)
            ok = dt <= MAX_SECONDS and rss <= MAX_RSS_MB and rc in (0, 1, 2)
            if rc == 2:
                ok = ok and dt <= 5.0 and "batas" in line  # refused at once, with the limit
            bad += not ok
            verdict = "ok" if ok else "OVER TARGET"
            shown = line if rc == 2 else ("checked" if args[0] == "check" else "drafted")
            print(f"{name:22}{size:>10}{rc:>6}{dt:>8.2f}{rss:>8.0f}  {verdict}: {shown[:110]}",
                  flush=True)
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
