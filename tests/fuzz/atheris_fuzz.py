"""Coverage-guided fuzzing with atheris (optional: ``pip install atheris``; not run by pytest).

    .venv/bin/python tests/fuzz/atheris_fuzz.py numbers -atheris_runs=200000
    .venv/bin/python tests/fuzz/atheris_fuzz.py text|figures|docx -max_total_time=60

Targets: ``numbers`` (parse_number/scan_numbers span invariants), ``text`` (the text/Markdown
reader), ``figures`` (load_figures on YAML and JSON), ``docx`` (read_document on arbitrary
bytes and on byte-mutated copies of a valid DOCX). Allowed exceptions: the project's own
FiguresError/DocumentError. Anything else is a crash; atheris prints the input that caused it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import atheris  # noqa: E402

with atheris.instrument_imports():
    from drafter.document.readers import parse_text, read_document
    from drafter.errors import DocumentError, FiguresError
    from drafter.figures import load_figures
    from drafter.numbers import parse_number, scan_numbers

TMP = Path(tempfile.mkdtemp(prefix="lkip-atheris-"))


def fuzz_numbers(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(200)
    parse_number(text)
    for n in scan_numbers(text):
        assert text[n.start:n.end] == n.text, (text, n)
        assert n.value.is_finite()


def fuzz_text(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    markdown = fdp.ConsumeBool()
    text = fdp.ConsumeUnicodeNoSurrogates(4000)
    try:
        doc = parse_text(text, "fuzz.md", markdown=markdown)
    except DocumentError:
        return
    for unit in doc.text_units():
        unit.locate()


def fuzz_figures(data: bytes) -> None:
    suffix = ".json" if data[:1] == b"{" else ".yaml"
    path = TMP / f"angka{suffix}"
    path.write_bytes(data)
    try:
        load_figures(path)
    except FiguresError:
        pass


_VALID_DOCX: bytes | None = None


def fuzz_docx(data: bytes) -> None:
    global _VALID_DOCX
    if _VALID_DOCX is None:
        from fuzz.helpers import make_docx

        _VALID_DOCX = make_docx(["Capaian 2023 sebesar 103,59%."], [["Target", "Realisasi"], ["85", "88,05"]])
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeBool():  # mutate a valid DOCX
        payload = bytearray(_VALID_DOCX)
        for _ in range(fdp.ConsumeIntInRange(1, 8)):
            payload[fdp.ConsumeIntInRange(0, len(payload) - 1)] = fdp.ConsumeInt(1) & 0xFF
        if fdp.ConsumeBool():
            payload = payload[: fdp.ConsumeIntInRange(0, len(payload))]
        body = bytes(payload)
    else:
        body = fdp.ConsumeBytes(4000)
    path = TMP / "laporan.docx"
    path.write_bytes(body)
    try:
        read_document(path)
    except DocumentError:
        pass


TARGETS = {"numbers": fuzz_numbers, "text": fuzz_text, "figures": fuzz_figures, "docx": fuzz_docx}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        print(__doc__)
        raise SystemExit(2)
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
