"""Full header path of every column of a grid with several header rows and merged cells.

Each header row is a list of ``(text, colspan)`` per grid column, a merged cell being followed
by ``colspan - 1`` filler entries (as the readers give them). A label spanning several columns
is the first part of the path of each of them; an empty cell under a label (a vertical merge)
adds nothing; equal consecutive parts are kept once::

    header_paths([[("Indikator", 1), ("Realisasi", 2), ("", 1)],
                  [("", 1), ("2022", 1), ("2023", 1)]])
    == ["Indikator", "Realisasi / 2022", "Realisasi / 2023"]
"""

from __future__ import annotations

from collections.abc import Sequence

SEP = " / "


def header_paths(rows: Sequence[Sequence[tuple[str, int]]]) -> list[str]:
    ncols = max((len(r) for r in rows), default=0)
    paths: list[list[str]] = [[] for _ in range(ncols)]
    for row in rows:
        col = 0
        while col < len(row):
            text, span = row[col]
            text = " ".join(text.split())
            span = max(1, min(span, ncols - col))
            if text:
                for c in range(col, col + span):
                    if not paths[c] or paths[c][-1] != text:
                        paths[c].append(text)
            col += span
    return [SEP.join(p) for p in paths]
