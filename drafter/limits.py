"""Size limits of every input and output, in one place (README: "Batas ukuran").

Every check runs in time and memory linear in the size of its input; these limits keep the
largest accepted input within a few seconds and a few hundred MB (measured with
``benchmarks/limits.py``). Above a limit the command stops at once with one Indonesian line
naming the file, the limit and the actual size (exit code 2) and writes nothing.

The largest real reports seen are ~110 KB of text (a kecamatan LKIP of ~60 pages); the limits
leave a wide margin above any real LKIP.
"""

from __future__ import annotations

from collections.abc import Sized
from typing import TYPE_CHECKING, Any, TypeVar

from drafter.errors import DocumentError, FiguresError, LkipError

if TYPE_CHECKING:
    from drafter.document.model import Document

K = TypeVar("K")
V = TypeVar("V")

MB = 1024 * 1024

# --- reports checked by `lkip check`
MAX_TEXT_BYTES = 1 * MB  # a .txt/.md report (bytes on disk); the largest seed is 110 KB
MAX_TEXT_LINES = 30_000  # lines of a .txt/.md report; the largest seed has 1,458
MAX_DOCX_BYTES = 50 * MB  # a .docx file on disk (images included)
MAX_DOCX_UNCOMPRESSED = 200 * MB  # all members of the DOCX zip, uncompressed
MAX_DOCX_XML_BYTES = 16 * MB  # word/document.xml uncompressed (the part that is parsed)
MAX_DOCUMENT_CHARS = 1 * MB  # characters of text read from any report (text or DOCX)
MAX_DOCUMENT_UNITS = 40_000  # paragraphs + table cells of any report; the largest seed has 3,185
MAX_PDF_BYTES = 100 * MB  # a .pdf file on disk (scanned annexes make real LKIP PDFs 5-40 MB)
MAX_PDF_PAGES = 500  # pages of a PDF report (a kecamatan LKIP with annexes: ~60-120)
MAX_PDF_CONTENT_BYTES = 64 * MB  # page content streams of a PDF after decompression (bombs)
MAX_PDF_SECONDS = 60.0  # wall time to read one PDF (a 60-page PDF takes ~1 s)

# --- figures files drafted by `lkip draft` / checked by `lkip validate`
MAX_FIGURES_BYTES = 512 * 1024  # the bundled examples are 5-19 KB
MAX_SASARAN = 100  # sasaran in one figures file
MAX_INDIKATOR = 300  # indikator of all sasaran together
MAX_PROGRAM = 100  # programs
MAX_KEGIATAN = 1_500  # kegiatan + sub kegiatan of all programs together
MAX_FIGURES_VALUES = 250_000  # values of the whole file, YAML aliases expanded (examples: < 1,500)
# figures workbooks (.xlsx); the bundled examples converted are 20-40 KB with < 120 rows a sheet
MAX_XLSX_BYTES = 5 * MB  # the .xlsx file on disk
MAX_XLSX_UNCOMPRESSED = 50 * MB  # all members of the zip package, uncompressed
MAX_XLSX_MEMBERS = 500  # members of the zip package (a workbook of 10 sheets has ~20)
MAX_XLSX_ROWS = 10_000  # rows of one sheet (empty rows below the data included)
MAX_XLSX_COLS = 40  # columns read from each sheet (the widest sheet has 9)

# --- outputs
MAX_DRAFT_BYTES = 1 * MB  # the drafted BAB III Markdown (pandoc turns 1 MB into DOCX in ~20 s)

# --- spelling
MAX_SPELL_WORD = 40  # longer "words" (no real Indonesian word has 40 letters) are not spell-checked
MAX_SPELL_CACHE = 100_000  # entries of each spelling cache (FIFO eviction)
MAX_SPELL_UNKNOWN = 5_000  # distinct unknown words judged per document (seeds: ~300)


def human_size(n: int) -> str:
    """``n`` bytes as "1,5 MB" / "820 KB" / "12 byte" (Indonesian decimal comma)."""
    if n >= MB:
        return f"{n / MB:.1f} MB".replace(".", ",")
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} byte"


def too_large(path: str, what: str, actual: int, limit: int, *, unit: str = "bytes",
              error: type[LkipError] = LkipError) -> LkipError:
    """The one-line error for ``actual`` above ``limit`` ("berkas terlalu besar (...)")."""
    if unit == "bytes":
        a, b = human_size(actual), human_size(limit)
        if a == b:  # just above the limit: exact counts
            a, b = f"{_count(actual)} byte", f"{_count(limit)} byte"
    else:
        a, b = f"{_count(actual)} {unit}", _count(limit)
    return error(f"{what} terlalu besar ({a}; batas {b})", path=path)


def check_count(path: str, what: str, items: Sized | int, limit: int, unit: str,
                error: type[LkipError] = LkipError) -> None:
    """Raise when ``items`` (a collection or a count) holds more than ``limit`` entries."""
    n = items if isinstance(items, int) else len(items)
    if n > limit:
        raise error(f"{what} terlalu banyak ({_count(n)} {unit}; batas {_count(limit)})", path=path)


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class BoundedCache(dict[K, V]):
    """A dict that forgets its oldest entries above ``maxsize`` (FIFO; O(1) per insert)."""

    def __init__(self, maxsize: int = MAX_SPELL_CACHE) -> None:
        super().__init__()
        self.maxsize = maxsize

    def __setitem__(self, key: K, value: V) -> None:
        if key not in self and len(self) >= self.maxsize:
            del self[next(iter(self))]
        super().__setitem__(key, value)


def check_document(doc: Document, path: str) -> None:
    """Refuse a report whose text (any reader) exceeds the character or unit limits."""
    chars = units = 0
    for u in doc.text_units():
        units += 1
        chars += len(u.text)
    if units > MAX_DOCUMENT_UNITS:
        raise too_large(path, "dokumen", units, MAX_DOCUMENT_UNITS, unit="paragraf/sel tabel",
                        error=DocumentError)
    if chars > MAX_DOCUMENT_CHARS:
        raise too_large(path, "teks dokumen", chars, MAX_DOCUMENT_CHARS, unit="karakter",
                        error=DocumentError)


def check_figures_counts(data: Any, path: str) -> None:
    """Refuse a figures mapping (as parsed, before validation) with too many entries. Entries of
    the wrong type are left to validation, which names them."""
    if not isinstance(data, dict):
        return
    # YAML aliases share one object between many places; validation and drafting visit each
    # place, so the values are counted as they will be visited ("billion laughs")
    stack: list[Any] = [data]
    values = 1  # counted when pushed, so the stack never holds more than the limit
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            values += len(item)
            if values > MAX_FIGURES_VALUES:
                raise FiguresError(f"isi berkas terlalu besar (lebih dari "
                                   f"{_count(MAX_FIGURES_VALUES)} nilai; alias YAML dihitung di "
                                   "setiap tempat pemakaiannya)", path=path)
            stack.extend(item.values() if isinstance(item, dict) else item)
    sasaran = data.get("sasaran")
    sasaran = sasaran if isinstance(sasaran, list) else []
    check_count(path, "sasaran", sasaran, MAX_SASARAN, "sasaran", error=FiguresError)
    indikator = sum(len(s["indikator"]) for s in sasaran
                    if isinstance(s, dict) and isinstance(s.get("indikator"), list))
    check_count(path, "indikator", indikator, MAX_INDIKATOR, "indikator", error=FiguresError)
    program = data.get("program")
    program = program if isinstance(program, list) else []
    check_count(path, "program", program, MAX_PROGRAM, "program", error=FiguresError)
    kegiatan = 0
    for p in program:
        keg = p.get("kegiatan") if isinstance(p, dict) else None
        for k in keg if isinstance(keg, list) else []:
            kegiatan += 1
            sub = k.get("sub_kegiatan") if isinstance(k, dict) else None
            kegiatan += len(sub) if isinstance(sub, list) else 0
    check_count(path, "kegiatan", kegiatan, MAX_KEGIATAN, "kegiatan dan sub kegiatan",
                error=FiguresError)


def check_draft(markdown: str, path: str) -> None:
    """Refuse a drafted BAB III above :data:`MAX_DRAFT_BYTES` (before any file is written)."""
    size = len(markdown.encode("utf-8"))
    if size > MAX_DRAFT_BYTES:
        raise LkipError(f"BAB III hasil susunan terlalu besar ({human_size(size)}; batas "
                        f"{human_size(MAX_DRAFT_BYTES)}); kurangi teks panjang atau jumlah "
                        "sasaran/program di berkas angka", path=path)
