"""Generic table recovery (no LKIP meaning).

* :mod:`drafter.tables.flat`: tables flattened into plain text by PDF/web extraction (columns
  aligned by runs of spaces, wrapped cells, page furniture, repeated headers), recovered as a
  grid of cells with exact source positions;
* :mod:`drafter.tables.header`: the full header path of every column of a grid with merged
  (spanning) header cells and several header rows;
* :mod:`drafter.tables.hierarchy`: row numbering and levels (1 > 1.1 > 1.1.1, "Program :",
  indentation) and total rows ("Jumlah", "Total", "Rata-rata").
"""

from drafter.tables.flat import FlatCell, FlatRow, FlatTable, find_flat_tables
from drafter.tables.header import header_paths
from drafter.tables.hierarchy import is_total_label, numbering_depth, numbering_rank

__all__ = ["FlatCell", "FlatRow", "FlatTable", "find_flat_tables", "header_paths",
           "is_total_label", "numbering_depth", "numbering_rank"]
