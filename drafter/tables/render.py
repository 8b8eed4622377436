"""Render tab-separated tables as space-aligned columns, as PDF text extraction gives them.

Used to measure the checker on flattened layouts (the same report with its tables flattened)
and in tests. Line numbers are kept: each table line stays one line. Each group of
consecutive tab lines is aligned on its own (a page break can move the columns).
"""

from __future__ import annotations


def flatten_tab_tables(text: str, gap: int = 3) -> str:
    lines = text.split("\n")
    out = list(lines)
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        rows = [[" ".join(c.split()) for c in lines[k].split("\t")] for k in range(i, j)]
        n = max(len(r) for r in rows)
        widths = [max(len(r[c]) for r in rows if c < len(r)) for c in range(n)]
        for k, r in enumerate(rows):
            cells = r + [""] * (n - len(r))
            out[i + k] = (" " * gap).join(c.ljust(widths[x]) for x, c in enumerate(cells)).rstrip()
        i = j
    return "\n".join(out)
