"""Fuzz the text/Markdown reader and the whole checker on random and mutated text.

``parse_text``/``read_document`` either return a :class:`Document` whose every unit maps back
into the source, or raise :class:`DocumentError`. The checker, run with ``strict=True`` (a rule
that crashes raises instead of becoming an LK000 warning), must not crash on any document the
reader accepts.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter.document.model import Document
from drafter.document.readers import parse_text, read_document
from drafter.errors import DocumentError

from .helpers import count_example, n_examples, seed_slice

SEED = seed_slice()
SEED_BYTES = SEED.encode("utf-8")

# Fragments real reports are made of: tab tables, pipe tables, HTML fragments, LaTeX, headings.
TEXT_TOKENS = st.sampled_from([
    "BAB III", "# ", "## ", "A. ", "1. ", "- ", "* ", "Tabel 3.1 ", "\t", "|", "|---|", " | ", "\n",
    "\r\n", "\r", "<p>", "</p>", "<b>", "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>",
    "<br>", "&nbsp;", "&amp;", "\\frac{a}{b}", "$$", "$", "\\times", "100%", "88,05", "Rp 3.973.567.698",
    "2023", "2022", "(penurunan/kenaikan)", "(jika ada)", "Sangat Baik", "capaian", "target",
    "realisasi", "indikator", "Kecamatan Gumukmas", "```", "> ", "**", "_", "[", "](", ")",
    "<!--", "-->", "\u00a0", "\u200b", "\ufeff", "\x00", "\x0c", "\u2028", "é", "ñ", " ", "   ",
])
TEXTISH = st.lists(TEXT_TOKENS, max_size=60).map("".join)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lkip-fuzz-") as d:
        yield Path(d)


def _check_positions(doc: Document, source: str) -> None:
    n_lines = max(1, len(source.splitlines())) + 1
    for unit in doc.text_units():
        loc = unit.locate()
        assert 1 <= loc.line <= n_lines, (unit.text[:40], loc)
        assert loc.column >= 1, (unit.text[:40], loc)
        assert loc.end_line >= loc.line, (unit.text[:40], loc)


def _parse(text: str, markdown: bool | None) -> Document | None:
    try:
        doc = parse_text(text, "fuzz.md" if markdown else "fuzz.txt", markdown=markdown)
    except DocumentError as err:
        assert "\n" not in str(err)
        return None
    _check_positions(doc, text)
    return doc


@settings(max_examples=n_examples(1000))
@given(st.one_of(TEXTISH, st.text(max_size=300)), st.sampled_from([None, False, True]))
@example("", None)
@example("|", True)
@example("<table><tr><td>1</td></tr>", None)
@example("\t\t\n\t", False)
def test_parse_text_random(text: str, markdown: bool | None) -> None:
    count_example("parse_text_random")
    _parse(text, markdown)


@st.composite
def text_mutations(draw: st.DrawFn) -> str:
    """A slice of a real report with a few character-level edits."""
    lines = SEED.splitlines(keepends=True)
    start = draw(st.integers(0, max(0, len(lines) - 1)))
    n = draw(st.integers(1, 60))
    chunk = list("".join(lines[start:start + n]))
    for _ in range(draw(st.integers(0, 8))):
        pos = draw(st.integers(0, max(0, len(chunk) - 1)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate"]))
        if kind == "delete":
            del chunk[pos:pos + draw(st.integers(1, 30))]
        elif kind == "insert":
            chunk[pos:pos] = list(draw(TEXT_TOKENS))
        elif kind == "replace" and chunk:
            chunk[pos] = draw(st.characters())
        else:
            k = draw(st.integers(1, 200))
            chunk[pos:pos] = chunk[pos:pos + k]
    return "".join(chunk)


@settings(max_examples=n_examples(600))
@given(text_mutations(), st.sampled_from([None, False, True]))
def test_parse_text_mutated_seed(text: str, markdown: bool | None) -> None:
    count_example("parse_text_mutated")
    _parse(text, markdown)


@st.composite
def byte_mutations(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED_BYTES[: draw(st.integers(0, min(len(SEED_BYTES), 6000)))])
    for _ in range(draw(st.integers(0, 6))):
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        kind = draw(st.sampled_from(["flip", "insert", "delete"]))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=6))
        else:
            del data[pos:pos + draw(st.integers(1, 20))]
    return bytes(data)


@settings(max_examples=n_examples(500))
@given(byte_mutations(), st.sampled_from([".txt", ".md", ".markdown"]))
@example(b"", ".txt")
@example(b"\xff\xfe" + "BAB III".encode("utf-16-le"), ".txt")
@example(b"\x00" * 64, ".md")
@example(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ".txt")
def test_read_document_mutated_bytes(workdir: Path, data: bytes, suffix: str) -> None:
    count_example("read_document_bytes")
    path = workdir / f"laporan{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except DocumentError as err:
        msg = str(err)
        assert "\n" not in msg and str(path) in msg, msg
        return
    assert isinstance(doc, Document)


@settings(max_examples=n_examples(150))
@given(text_mutations(), st.sampled_from([False, True]))
def test_checker_survives_mutated_seed(text: str, markdown: bool) -> None:
    """Every rule, strict: a crash in any rule on any readable document fails here."""
    from drafter.check.runner import check_document

    count_example("check_document")
    doc = _parse(text, markdown)
    if doc is None:
        return
    issues, _notices = check_document(doc, strict=True)
    for issue in issues:
        assert issue.location.line >= 1
        assert "\n" not in issue.message, issue.message


def _drafted() -> str:
    """The drafted Markdown of the first example (a clean, realistic document)."""
    from drafter.draft import draft_markdown

    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
    assert examples, "no examples/*.yaml"
    return draft_markdown(examples[0])


@st.composite
def drafted_mutations(draw: st.DrawFn, text: str) -> str:
    """The drafted report with a few edits: characters, whole cells, table pipes, numbers."""
    chunk = list(text)
    for _ in range(draw(st.integers(1, 10))):
        pos = draw(st.integers(0, max(0, len(chunk) - 1)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "digit"]))
        if kind == "delete":
            del chunk[pos:pos + draw(st.integers(1, 80))]
        elif kind == "insert":
            chunk[pos:pos] = list(draw(st.one_of(TEXT_TOKENS, st.sampled_from(
                ["|", " | ", "\n| 1 | x |\n", "%", ",", ".", "-", "Rp ", "0", "999.999.999", "1e9"]))))
        elif kind == "replace" and chunk:
            chunk[pos] = draw(st.characters())
        elif kind == "digit" and chunk:
            digits = [i for i, ch in enumerate(chunk) if ch.isdigit()]
            if digits:
                chunk[draw(st.sampled_from(digits))] = draw(st.sampled_from("0123456789"))
        else:
            k = draw(st.integers(1, 400))
            chunk[pos:pos] = chunk[pos:pos + k]
    return "".join(chunk)


@pytest.fixture(scope="module")
def drafted() -> str:
    return _drafted()


@settings(max_examples=n_examples(80))
@given(data=st.data())
def test_checker_survives_mutated_draft(drafted: str, data: st.DataObject) -> None:
    """A drafted report with random edits: no rule may crash (strict mode)."""
    from drafter.check.runner import check_document

    count_example("check_draft")
    text = data.draw(drafted_mutations(drafted))
    doc = _parse(text, True)
    if doc is None:
        return
    issues, _notices = check_document(doc, strict=True)
    assert all("\n" not in i.message for i in issues)
