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
from typing import TypeVar

from drafter.errors import LkipError

K = TypeVar("K")
V = TypeVar("V")

MB = 1024 * 1024

# --- reports checked by `lkip check`
MAX_TEXT_BYTES = 4 * MB  # a .txt/.md report (bytes on disk)
MAX_DOCX_BYTES = 50 * MB  # a .docx file on disk (images included)
MAX_DOCX_UNCOMPRESSED = 200 * MB  # all members of the DOCX zip, uncompressed
MAX_DOCX_XML_BYTES = 48 * MB  # word/document.xml uncompressed (the part that is parsed)
MAX_DOCUMENT_CHARS = 4 * MB  # characters of text read from any report (text or DOCX)
MAX_DOCUMENT_UNITS = 200_000  # paragraphs + table cells of any report

# --- figures files drafted by `lkip draft` / checked by `lkip validate`
MAX_FIGURES_BYTES = 1 * MB
MAX_SASARAN = 200  # sasaran in one figures file
MAX_INDIKATOR = 1_000  # indikator of all sasaran together
MAX_PROGRAM = 500  # programs
MAX_SUB_ITEMS = 5_000  # kegiatan + sub kegiatan + indikator program of all programs together

# --- outputs
MAX_DRAFT_BYTES = 8 * MB  # the drafted BAB III Markdown (before DOCX conversion)

# --- spelling
MAX_SPELL_WORD = 40  # longer "words" (no real Indonesian word has 40 letters) are not spell-checked
MAX_SPELL_CACHE = 100_000  # entries of each spelling cache (FIFO eviction)


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
    else:
        a, b = f"{actual:,}".replace(",", "."), f"{limit:,}".replace(",", ".")
        a, b = f"{a} {unit}", f"{b} {unit}"
    return error(f"{what} terlalu besar ({a}; batas {b})", path=path)


def check_count(path: str, what: str, items: Sized | int, limit: int, unit: str,
                error: type[LkipError] = LkipError) -> None:
    """Raise when ``items`` (a collection or a count) holds more than ``limit`` entries."""
    n = items if isinstance(items, int) else len(items)
    if n > limit:
        raise too_large(path, what, n, limit, unit=unit, error=error)


class BoundedCache(dict[K, V]):
    """A dict that forgets its oldest entries above ``maxsize`` (FIFO; O(1) per insert)."""

    def __init__(self, maxsize: int = MAX_SPELL_CACHE) -> None:
        super().__init__()
        self.maxsize = maxsize

    def __setitem__(self, key: K, value: V) -> None:
        if key not in self and len(self) >= self.maxsize:
            del self[next(iter(self))]
        super().__setitem__(key, value)
