"""Tables from ruling lines: pdfplumber's lattice algorithm (``merge_edges``,
``edges_to_intersections``, ``intersections_to_cells``, ``cells_to_tables`` and ``Table.rows``
with snap, join and intersection tolerances of 3), rewritten for speed.

The results are exactly pdfplumber's: the same snapping (cluster averages summed in the same
order, edges moved by the same float arithmetic), joining, intersections, cells, tables and
rows (``tests/test_pdf_lattice.py`` compares them). What changes is the cost: edges are small
lists instead of dicts copied at every move, intersections are searched only among the
horizontal rules near a vertical one, the cells come from each point's column and row instead
of a scan of all later points, and cells are grouped into tables without ``list.remove``. And
pdfplumber (with pdfminer) is not imported, except for coordinates that are not finite numbers,
which go through pdfplumber itself.

pdfplumber is MIT-licensed (Copyright (c) 2015-2023 Jeremy Singer-Vine).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from typing import Any

TOLERANCE = 3  # snap, join and intersection tolerance (pdfplumber's default snap and join)

Box = tuple[float, float, float, float]
Point = tuple[float, float]
TableCells = tuple[Box, list[list[Box | None]]]  # bbox, rows of cell boxes (None: spanned)

# an edge while merging: [x0, top, x1, bottom, width, height]
X0, TOP, X1, BOTTOM, WIDTH, HEIGHT = range(6)


def find_tables(edges: list[dict[str, Any]]) -> list[TableCells]:
    """Tables drawn by ``edges`` (pdfplumber edge dicts, orientation "h" or "v"): each as its
    bounding box and its rows of cell boxes, top to bottom then left to right."""
    vs = [[e["x0"], e["top"], e["x1"], e["bottom"], e["width"], e["height"]]
          for e in edges if e["orientation"] == "v"]
    hs = [[e["x0"], e["top"], e["x1"], e["bottom"], e["width"], e["height"]]
          for e in edges if e["orientation"] == "h"]
    if len(vs) + len(hs) != len(edges):
        raise ValueError("Orientation must be 'v' or 'h'")
    return find_table_edges(vs, hs)


def find_table_edges(vs: list[list[float]], hs: list[list[float]]) -> list[TableCells]:
    """:func:`find_tables` on the vertical and the horizontal edges as lists ``[x0, top, x1,
    bottom, width, height]`` (each in the order of the page; pdfplumber splits its edges by
    orientation first, keeping their order, so only the order within each list matters)."""
    # a NaN or an infinity anywhere makes the sum NaN or infinite (so may a huge coordinate:
    # pdfplumber then, which is never wrong)
    if not math.isfinite(sum(map(sum, vs)) + sum(map(sum, hs))):
        return _pdfplumber_tables(edge_dicts(vs, hs))
    vs = [e for e in _join(_snap(vs, X0, X1), TOP, BOTTOM, HEIGHT) if e[HEIGHT] >= TOLERANCE]
    hs = [e for e in _join(_snap(hs, TOP, BOTTOM), X0, X1, WIDTH) if e[WIDTH] >= TOLERANCE]
    cells = _cells(_intersections(vs, hs))
    return [(_bbox(group), _rows(group)) for group in cells_to_tables(cells)]


def edge_dicts(vs: list[list[float]], hs: list[list[float]]) -> list[dict[str, Any]]:
    """Edge lists as pdfplumber's edge dicts (the vertical ones first)."""
    return [{"x0": e[X0], "x1": e[X1], "top": e[TOP], "bottom": e[BOTTOM], "width": e[WIDTH],
             "height": e[HEIGHT], "orientation": o, "object_type": "line"}
            for o, es in (("v", vs), ("h", hs)) for e in es]


def _pdfplumber_tables(edges: list[dict[str, Any]]) -> list[TableCells]:
    from pdfplumber import table as plumber

    merged = plumber.merge_edges(edges, TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    merged = [e for e in merged if (e["height"] if e["orientation"] == "v" else e["width"]) >= TOLERANCE]
    cells = plumber.intersections_to_cells(plumber.edges_to_intersections(merged, TOLERANCE, TOLERANCE))
    out = []
    for group in plumber.cells_to_tables(cells):
        t = plumber.Table(None, group)  # type: ignore[arg-type]
        out.append((t.bbox, [list(r.cells) for r in t.rows]))
    return out


def _snap(objs: list[list[float]], at: int, other: int) -> list[list[float]]:
    """pdfplumber's ``snap_objects``: values within the tolerance of the next one form a
    cluster; every edge of a cluster is moved to the cluster's average (``at`` and ``other``
    move together). Clusters in ascending order, edges of a cluster in their order."""
    if not objs:
        return []
    index: dict[float, int] = {}
    last = 0.0
    n = 0
    for k, x in enumerate(sorted({o[at] for o in objs})):
        if k and not x <= last + TOLERANCE:
            n += 1
        index[x] = n
        last = x
    clusters: list[list[list[float]]] = [[] for _ in range(n + 1)]
    for o in objs:
        clusters[index[o[at]]].append(o)
    out = []
    get = itemgetter(at)
    for cluster in clusters:
        avg = sum(map(get, cluster)) / len(cluster)  # summed in order, as pdfplumber does
        for o in cluster:
            v = o[at]
            d = avg - v
            moved = o.copy()
            moved[at] = v + d
            moved[other] = o[other] + d
            out.append(moved)
    return out


def _join(edges: list[list[float]], lo: int, hi: int, size: int) -> list[list[float]]:
    """pdfplumber's ``join_edge_group`` over the groups of ``merge_edges``: edges on the same
    line (equal snapped coordinate, lines in ascending order) that touch or overlap within the
    tolerance become one. ``size`` (width or height) grows by what the end moved."""
    line = X0 if lo == TOP else TOP  # the coordinate that names the line
    out: list[list[float]] = []
    for _key, group in groupby(sorted(edges, key=itemgetter(line)), key=itemgetter(line)):
        items = sorted(group, key=itemgetter(lo))
        joined = [items[0]]
        for e in items[1:]:
            last = joined[-1]
            if e[lo] <= last[hi] + TOLERANCE:
                if e[hi] > last[hi]:
                    if size == HEIGHT:
                        last[HEIGHT] = last[HEIGHT] + (e[hi] - last[hi])
                    else:
                        last[WIDTH] = e[hi] - last[X0]
                    last[hi] = e[hi]
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _intersections(vs: list[list[float]], hs: list[list[float]]) -> dict[Point, tuple[set[Box], set[Box]]]:
    """pdfplumber's ``edges_to_intersections``: the points where a vertical and a horizontal
    edge meet (within the tolerance), with the boxes of the edges through each point. Only the
    horizontal edges whose line is near a vertical edge's span are tested (with pdfplumber's
    own comparisons)."""
    hs = sorted(hs, key=itemgetter(TOP, X0))
    tops = [h[TOP] for h in hs]
    out: dict[Point, tuple[set[Box], set[Box]]] = {}
    tol = TOLERANCE
    for v in sorted(vs, key=itemgetter(X0, TOP)):
        vx, vtop, vbottom = v[X0], v[TOP], v[BOTTOM]
        vbox = (v[X0], v[TOP], v[X1], v[BOTTOM])
        # a margin beyond the tolerance: the exact test below decides
        for h in hs[bisect_left(tops, vtop - tol - 1):bisect_right(tops, vbottom + tol + 1)]:
            if vtop <= h[TOP] + tol and vbottom >= h[TOP] - tol and vx >= h[X0] - tol and vx <= h[X1] + tol:
                point = (vx, h[TOP])
                sets = out.get(point)
                if sets is None:
                    sets = out[point] = (set(), set())
                sets[0].add(vbox)
                sets[1].add((h[X0], h[TOP], h[X1], h[BOTTOM]))
    return out


def _cells(edge_sets: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    """pdfplumber's ``intersections_to_cells`` (the same cells in the same order) without its
    quadratic cost: the points below and to the right of a point come from its column and
    row. ``edge_sets``: per point, the boxes of its vertical and horizontal edges.

    pdfplumber's ``edge_connects(p1, p2)`` (same x and a shared vertical edge, or same y and a
    shared horizontal edge) reduces to one of its two tests here: a point below shares the x
    and never the y, a point to the right the y and never the x, and so do the corner and
    those points. Whether a point to the right connects is asked once per point, not once per
    point below."""
    points = sorted(edge_sets)
    cols: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    at_col: dict[Point, int] = {}
    at_row: dict[Point, int] = {}
    for pt in points:  # sorted by (x, y): a column is sorted by y, a row by x
        col = cols.setdefault(pt[0], [])
        at_col[pt] = len(col)
        col.append(pt)
        row = rows.setdefault(pt[1], [])
        at_row[pt] = len(row)
        row.append(pt)
    cells = []
    for pt in points[:-1]:
        pv, ph = edge_sets[pt]
        below = cols[pt[0]][at_col[pt] + 1:]
        right = rows[pt[1]][at_row[pt] + 1:]
        joined: dict[Point, bool] = {}  # right point -> shares a horizontal edge with pt
        found = None
        for below_pt in below:
            bv, bh = edge_sets[below_pt]
            if pv.isdisjoint(bv):
                continue
            for right_pt in right:
                ok = joined.get(right_pt)
                if ok is None:
                    ok = joined[right_pt] = not ph.isdisjoint(edge_sets[right_pt][1])
                if not ok:
                    continue
                corner = (right_pt[0], below_pt[1])
                sets = edge_sets.get(corner)
                if sets is not None and not sets[0].isdisjoint(edge_sets[right_pt][0]) \
                        and not sets[1].isdisjoint(bh):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found is not None:
                break
        if found is not None:
            cells.append(found)
    return cells


def intersections_to_cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]],
                           reference: Callable[[Any], list[Box]]) -> list[Box]:
    """:func:`_cells` on pdfplumber's intersections (edge dicts per point); ``reference``
    (pdfplumber's function) is used for coordinates that are not numbers (NaN)."""
    if any(x != x or y != y for x, y in intersections):  # NaN: grouping by value would differ
        return list(reference(intersections))
    box = itemgetter("x0", "top", "x1", "bottom")
    return _cells({p: ({box(e) for e in d["v"]}, {box(e) for e in d["h"]})
                   for p, d in intersections.items()})


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's ``cells_to_tables``: cells sharing a corner (transitively, in its pass
    order) form a table; tables top to bottom then left to right, single cells dropped."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []
    while remaining:
        before = len(current)
        left: list[Box] = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            mine = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or not corners.isdisjoint(mine):
                corners.update(mine)
                current.append(cell)
            else:
                left.append(cell)
        remaining = left
        if len(current) == before:
            tables.append(current)
            corners = set()
            current = []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _bbox(cells: list[Box]) -> Box:
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells),
            max(c[3] for c in cells))


def _rows(cells: list[Box]) -> list[list[Box | None]]:
    """pdfplumber's ``Table.rows``: cells grouped by top, one slot per distinct left edge."""
    xs = sorted({c[0] for c in cells})
    out = []
    for _top, row in groupby(sorted(cells, key=itemgetter(1, 0)), itemgetter(1)):
        at = {c[0]: c for c in row}
        out.append([at.get(x) for x in xs])
    return out
