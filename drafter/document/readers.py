"""Reader entry points: :func:`read_document` (a file on disk) and :func:`parse_text` (a string).

``read_document`` picks the reader from the file name (``.txt``/``.md``/``.docx``), checks the
input before parsing (missing, folder, empty, binary, not UTF-8, too large, broken DOCX, zip
bomb) and turns every failure into a one-line Indonesian :class:`DocumentError` naming the file.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from drafter.document.model import Document
from drafter.document.text_reader import MARKDOWN_SUFFIXES, parse_text
from drafter.errors import DocumentError, LkipError
from drafter.io import read_regular, special_file_error
from drafter.limits import MAX_DOCX_BYTES, MAX_TEXT_BYTES, MAX_TEXT_LINES, check_document, too_large

__all__ = ["MAX_DOCX_BYTES", "MAX_TEXT_BYTES", "SUPPORTED", "parse_text", "read_document"]

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

# MAX_TEXT_BYTES and MAX_DOCX_BYTES: see drafter/limits.py (all size limits in one place)

TEXT_SUFFIXES = (".txt", ".text")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
SUPPORTED = ".txt, .md, .docx, .pdf"

# Suffixes we know and refuse with a precise hint.
_KNOWN_OTHER = {
    ".doc": "Word 97-2003 (.doc); simpan ulang sebagai .docx",
    ".docm": "Word bermakro (.docm); simpan ulang sebagai .docx tanpa makro",
    ".dotx": "templat Word (.dotx); simpan ulang sebagai .docx",
    ".dotm": "templat Word bermakro (.dotm); simpan ulang sebagai .docx",
    ".odt": "OpenDocument (.odt); simpan ulang sebagai .docx",
    ".rtf": "RTF; simpan ulang sebagai .docx",
    ".xlsx": "Excel",
    ".xls": "Excel",
    ".pptx": "PowerPoint",
    ".html": "HTML",
    ".htm": "HTML",
}


def _fail(path: str, message: str, line: int | None = None) -> DocumentError:
    return DocumentError(message, path=path, line=line)


def _kind_for(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix in TEXT_SUFFIXES or suffix in MARKDOWN_SUFFIXES:
        return "text"
    if suffix in DOCX_SUFFIXES:
        return "docx"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix == "":
        return "sniff"
    what = _KNOWN_OTHER.get(suffix)
    detail = f"berkas {what}" if what else f"akhiran {suffix}"
    raise _fail(str(p), f"format tidak didukung ({detail}); format yang didukung: {SUPPORTED}")


def _stat_checks(p: Path, limit: int) -> int:
    path = str(p)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise _fail(path, "berkas tidak ditemukan") from None
    except PermissionError:
        raise _fail(path, "berkas tidak dapat dibaca (izin ditolak)") from None
    except OSError as exc:
        raise _fail(path, f"berkas tidak dapat dibaca ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise _fail(path, f"ini folder, bukan berkas; berikan berkas {SUPPORTED}")
    if not stat.S_ISREG(st.st_mode):
        raise special_file_error(path, st.st_mode, error=DocumentError)
    if st.st_size == 0:
        raise _fail(path, "berkas kosong")
    if st.st_size > limit:
        raise too_large(path, "berkas", st.st_size, limit, error=DocumentError)
    return st.st_size


def _read_bytes(p: Path, limit: int) -> bytes:
    # fstat on the open file: a device or FIFO swapped in after _stat_checks is still refused
    return read_regular(p, limit, error=DocumentError)


def _binary_kind(data: bytes) -> str | None:
    """Name a well-known binary format from its magic bytes."""
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "PDF"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "ZIP/DOCX"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "Word/Excel lama (OLE)"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "gambar"
    return None


def decode_text(data: bytes, path: str) -> str:
    """Decode text bytes: UTF-8 (with or without BOM) or UTF-16 with BOM. Raises DocumentError
    for binary or undecodable input (naming the line of the first bad byte)."""
    kind = _binary_kind(data)
    if kind is not None:
        raise _fail(path, f"berkas biner ({kind}), bukan teks; format yang didukung: {SUPPORTED}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(path, "bukan teks UTF-16 yang sah") from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise _fail(path, "berkas biner (berisi byte NUL), bukan teks", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # No guessing (cp1252, latin-1): a wrong guess silently changes names and numbers.
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(path, f"bukan teks UTF-8 (byte 0x{data[exc.start]:02X} di kolom {col}); "
                          "simpan ulang berkas sebagai UTF-8", line) from None
    sample = text[:200_000]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise _fail(path, "berkas biner (banyak karakter kontrol), bukan teks")
    return text


class _DigitTable(dict[int, str]):
    """One-to-one map of look-alike characters to ASCII, applied before numbers are read.

    * every decimal digit of any script (fullwidth ``１２３``, Arabic-Indic ``١٢٣``, Devanagari
      ...) to ``0``-``9``;
    * the fullwidth ASCII forms (``％``, ``，``, ``．``, ``Ｒｐ``...) and the ideographic space to
      their NFKC form;
    * the Arabic percent, decimal and thousands signs to ``%``, ``,`` and ``.`` (the Indonesian
      convention).

    Every entry maps one character to one character, so text positions stay exact.
    Superscripts and fractions (``m²``, ``½``) are left alone: NFKC would turn them into digits
    that are not numbers of the report. Entries are computed on first sight and cached.
    """

    _FIXED = {0x3000: " ", 0x066A: "%", 0x066B: ",", 0x066C: "."}

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        out = ch
        if cp in self._FIXED:
            out = self._FIXED[cp]
        elif cp >= 0x80 and unicodedata.category(ch) == "Nd":
            out = str(unicodedata.decimal(ch))
        elif 0xFF01 <= cp <= 0xFF5E:
            norm = unicodedata.normalize("NFKC", ch)
            if len(norm) == 1 and norm.isascii():
                out = norm
        self[cp] = out
        return out


_DIGIT_TABLE = _DigitTable()
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def normalize_digits(text: str) -> str:
    """``text`` with look-alike digits and signs mapped to ASCII (same length, see above)."""
    if not _NON_ASCII_RE.search(text):
        return text
    return text.translate(_DIGIT_TABLE)


def _normalize_document(doc: Document) -> Document:
    """Apply :func:`normalize_digits` to every text of a parsed document (positions unchanged)."""
    for block in doc.blocks:
        block.text = normalize_digits(block.text)
        if block.caption:
            block.caption = normalize_digits(block.caption)
        for row in block.rows:
            for cell in row.cells:
                cell.text = normalize_digits(cell.text)
    return doc


def _read_text_file(p: Path) -> Document:
    _stat_checks(p, MAX_TEXT_BYTES)
    data = _read_bytes(p, MAX_TEXT_BYTES)
    text = normalize_digits(decode_text(data, str(p)))
    if not text.strip():
        raise _fail(str(p), "berkas kosong (hanya spasi)")
    lines = text.count("\n") + 1
    if lines > MAX_TEXT_LINES:
        raise too_large(str(p), "berkas", lines, MAX_TEXT_LINES, unit="baris", error=DocumentError)
    return parse_text(text, str(p), markdown=True if p.suffix.lower() in MARKDOWN_SUFFIXES else None)


def _read_docx_file(p: Path) -> Document:
    from drafter.document.docx_reader import read_docx

    _stat_checks(p, MAX_DOCX_BYTES)
    return _normalize_document(read_docx(p))


def _read_pdf_file(p: Path) -> Document:
    from drafter.limits import MAX_PDF_BYTES
    from drafter.pdf.reader import read_pdf

    _stat_checks(p, MAX_PDF_BYTES)
    return read_pdf(p)


def read_document(path: str | Path) -> Document:
    """Read a .txt/.md/.docx/.pdf report into a :class:`Document` (DocumentError on bad input)."""
    p = Path(os.fspath(path))
    spath = str(path)
    try:
        if p.is_dir():
            raise _fail(spath, f"ini folder, bukan berkas; berikan berkas {SUPPORTED}")
        kind = _kind_for(p)
        if kind == "sniff":
            _stat_checks(p, MAX_DOCX_BYTES)
            try:
                with open(p, "rb") as fh:
                    head = fh.read(8)
            except OSError as exc:
                raise _fail(spath, f"berkas tidak dapat dibaca ({exc.strerror or exc})") from None
            kind = "docx" if head.startswith(b"PK\x03\x04") else "pdf" if head.startswith(b"%PDF") \
                else "text"
        doc = _read_docx_file(p) if kind == "docx" else _read_pdf_file(p) if kind == "pdf" \
            else _read_text_file(p)
        check_document(doc, spath)
        return doc
    except LkipError:
        raise
    except MemoryError:
        raise _fail(spath, "berkas terlalu besar untuk dibaca") from None
    except RecursionError:
        raise _fail(spath, "struktur dokumen terlalu dalam untuk dibaca") from None
    except Exception as exc:  # noqa: BLE001 - never a traceback for a bad input
        raise _fail(spath, f"berkas tidak dapat dibaca ({type(exc).__name__})") from None
