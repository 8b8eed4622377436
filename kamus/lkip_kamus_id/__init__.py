"""Every word form of the Indonesian hunspell dictionary ``id_ID``, expanded (data only).

The data file ``id_ID.words.gz`` (built by ``scripts/build_wordlist.py`` of lkip-drafter) is gzip
UTF-8 text: the word forms, sorted, grouped by their first :data:`KEY` letters, one group per
line as ``key<TAB>rest rest rest`` (``rest`` = the word without the key; empty when the word is
no longer than the key). See LICENSE for the licence of the dictionary (not the MIT licence of
lkip-drafter).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["FILENAME", "KEY", "data_file", "read_bytes", "words"]

KEY = 4
FILENAME = "id_ID.words.gz"


def data_file() -> Traversable:
    """The compressed word list inside this package."""
    return files(__name__) / FILENAME


def read_bytes() -> bytes:
    """The word list, decompressed (the grouped layout described above)."""
    return gzip.decompress(data_file().read_bytes())


def words() -> Iterator[str]:
    """Every word form, in sorted order."""
    for line in read_bytes().decode("utf-8").splitlines():
        key, _, rest = line.partition("\t")
        for r in rest.split(" "):
            yield key + r
