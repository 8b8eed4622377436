"""Fuzz the DOCX reader: truncated files, flipped bytes, mutated zip members, zip bombs.

``read_document`` on a ``.docx`` either returns a :class:`Document` or raises
:class:`DocumentError` with one line naming the file. A DOCX whose members unpack to an absurd
size is refused without unpacking it.
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafter.document.model import Document
from drafter.document.readers import read_document
from drafter.errors import DocumentError

from .helpers import build_zip, count_example, make_docx, n_examples, zip_bomb, zip_members

VALID = make_docx(
    ["Capaian indikator Indeks Kepuasan Masyarakat tahun 2023 sebesar 103,59%.",
     "Realisasi anggaran sebesar Rp 3.973.567.698 atau 95,12% dari pagu."],
    [["No", "Indikator", "Target", "Realisasi", "Capaian"],
     ["1", "Indeks Kepuasan Masyarakat", "85", "88,05", "103,59%"]],
)
MEMBERS = zip_members(VALID)
XML_MEMBERS = sorted(n for n in MEMBERS if n.endswith(".xml") or n.endswith(".rels"))


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="lkip-fuzz-docx-") as d:
        yield Path(d)


def _read(workdir: Path, data: bytes, name: str = "laporan.docx") -> Document | None:
    path = workdir / name
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except DocumentError as err:
        msg = str(err)
        assert "\n" not in msg and str(path) in msg, msg
        assert "Traceback" not in msg
        return None
    assert isinstance(doc, Document)
    return doc


def test_valid_docx_reads(workdir: Path) -> None:
    doc = _read(workdir, VALID)
    assert doc is not None
    text = " ".join(u.text for u in doc.text_units())
    assert "103,59%" in text


@settings(max_examples=n_examples(250))
@given(st.integers(0, len(VALID)))
@example(0)
@example(len(VALID) - 1)
@example(len(VALID) // 2)
def test_truncated(workdir: Path, cut: int) -> None:
    count_example("docx_truncated")
    _read(workdir, VALID[:cut])


@settings(max_examples=n_examples(300))
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_flipped_bytes(workdir: Path, flips: list[tuple[int, int]]) -> None:
    count_example("docx_flipped")
    data = bytearray(VALID)
    for pos, val in flips:
        data[pos] = val
    _read(workdir, bytes(data))


XML_TOKENS = st.sampled_from([
    b"<", b">", b"</w:p>", b"<w:p>", b"<w:t>", b"</w:t>", b"<w:tbl>", b"</w:tc>", b"<w:tr>",
    b'<w:gridSpan w:val="999999999"/>', b'<w:gridSpan w:val="-1"/>', b'<w:vMerge w:val="restart"/>',
    b"&", b"&amp;", b"&#0;", b"&#x110000;", b"<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>", b"&a;",
    b'<?xml version="1.0"?>', b"\x00", b"\xff", b"\xc3", b"]]>", b"<![CDATA[", b"xmlns:w=\"x\"",
])


@st.composite
def member_mutation(draw: st.DrawFn) -> dict[str, bytes]:
    members = dict(MEMBERS)
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(XML_MEMBERS))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "drop", "empty"]))
        if name not in members:
            continue
        data = bytearray(members[name])
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(XML_TOKENS)
        elif kind == "delete":
            del data[pos:pos + draw(st.integers(1, 60))]
        elif kind == "truncate":
            del data[pos:]
        elif kind == "drop":
            del members[name]
            continue
        else:
            data = bytearray()
        members[name] = bytes(data)
    return members


@settings(max_examples=n_examples(400))
@given(member_mutation(), st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
def test_mutated_members(workdir: Path, members: dict[str, bytes], compression: int) -> None:
    count_example("docx_members")
    _read(workdir, build_zip(members, compression))


@settings(max_examples=n_examples(150))
@given(st.one_of(st.binary(max_size=200),
                 st.dictionaries(st.sampled_from(["word/document.xml", "[Content_Types].xml", "_rels/.rels",
                                                  "x.txt", "word/../../evil.xml", "/abs.xml"]),
                                 st.binary(max_size=80), max_size=4).map(build_zip)))
@example(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
@example(b"PK\x05\x06" + b"\x00" * 18)
@example(b"")
def test_random_files(workdir: Path, data: bytes) -> None:
    count_example("docx_random")
    _read(workdir, data)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(MEMBERS, 300)


def test_zip_bomb_is_refused_quickly(workdir: Path, bomb: bytes) -> None:
    assert len(bomb) < 2 * 1024 * 1024  # small on disk
    t0 = time.monotonic()
    path = workdir / "bom.docx"
    path.write_bytes(bomb)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    elapsed = time.monotonic() - t0
    msg = str(info.value)
    assert "\n" not in msg and str(path) in msg
    assert elapsed < 5, f"reading a zip bomb took {elapsed:.1f} s: refuse it before unpacking"


def test_zip_bomb_is_a_valid_zip(bomb: bytes) -> None:
    """The bomb itself is well formed (so the refusal above is about its size, not corruption)."""
    with zipfile.ZipFile(io.BytesIO(bomb)) as z:
        info = z.getinfo("word/document.xml")
        assert info.file_size > 300 * 1024 * 1024
        with z.open(info) as fh:
            assert fh.read(64).startswith(b"<?xml")


def _lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Patch the central directory so ``member`` claims to unpack to ``size`` bytes."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(out[pos + 28:pos + 30], "little")
        name = bytes(out[pos + 46:pos + 46 + name_len]).decode("utf-8", "replace")
        if name == member:
            out[pos + 24:pos + 28] = size.to_bytes(4, "little")
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def test_zip_bomb_with_lying_sizes(workdir: Path, bomb: bytes) -> None:
    """The headers claim 20 KB; the stream inflates to 300 MB: refused (or read no further than
    the claim), quickly and cleanly."""
    liar = _lie_about_size(bomb, "word/document.xml", 20_000)
    with zipfile.ZipFile(io.BytesIO(liar)) as z:
        assert z.getinfo("word/document.xml").file_size == 20_000
    t0 = time.monotonic()
    _read(workdir, liar, "pembohong.docx")
    elapsed = time.monotonic() - t0
    assert elapsed < 5, f"reading took {elapsed:.1f} s: the reader inflated past the declared size"
