"""The PDF reader's table-cell finder must give exactly pdfplumber's cells (issue 12 speed work)."""

from __future__ import annotations

import random
from typing import Any

import pytest

pytest.importorskip("pdfplumber")

from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges  # noqa: E402

from drafter.pdf.reader import _intersections_to_cells  # noqa: E402


def _h(x0: float, x1: float, y: float) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line"}


def _v(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
            "orientation": "v", "object_type": "line"}


def _lattice(rng: random.Random) -> list[dict[str, Any]]:
    """A ruled table with merged cells (missing rule pieces), sometimes two tables and stray
    rules."""
    edges: list[dict[str, Any]] = []
    for _table in range(rng.randint(1, 2)):
        ox, oy = rng.uniform(0, 300), rng.uniform(0, 500)
        xs = sorted({round(ox + sum(rng.uniform(20, 90) for _ in range(i)), 1) for i in range(rng.randint(2, 7))})
        ys = sorted({round(oy + sum(rng.uniform(10, 40) for _ in range(i)), 1) for i in range(rng.randint(2, 9))})
        for y in ys:
            for a, b in zip(xs, xs[1:], strict=False):
                if y in (ys[0], ys[-1]) or rng.random() > 0.2:
                    edges.append(_h(a, b, y))
        for x in xs:
            for a, b in zip(ys, ys[1:], strict=False):
                if x in (xs[0], xs[-1]) or rng.random() > 0.2:
                    edges.append(_v(x, a, b))
    for _ in range(rng.randint(0, 3)):
        x, y = rng.uniform(0, 500), rng.uniform(0, 700)
        edges.append(_h(x, x + rng.uniform(5, 200), y) if rng.random() < 0.5 else _v(x, y, y + rng.uniform(5, 200)))
    return edges


@pytest.mark.parametrize("seed", range(60))
def test_same_cells_as_pdfplumber(seed: int) -> None:
    rng = random.Random(seed)
    merged = merge_edges(_lattice(rng), 3, 3, 3, 3)
    merged = [e for e in merged if (e["height"] if e["orientation"] == "v" else e["width"]) >= 3]
    inter = edges_to_intersections(merged, 3, 3)
    expected = intersections_to_cells(inter)
    assert expected  # a table was found: the comparison is not between two empty lists
    assert _intersections_to_cells(inter, intersections_to_cells) == expected


def test_nan_coordinates_fall_back_to_pdfplumber() -> None:
    calls = []

    def reference(inter: Any) -> list[tuple[float, float, float, float]]:
        calls.append(inter)
        return [(0.0, 0.0, 1.0, 1.0)]

    inter = {(float("nan"), 0.0): {"v": [], "h": []}, (1.0, 1.0): {"v": [], "h": []}}
    assert _intersections_to_cells(inter, reference) == [(0.0, 0.0, 1.0, 1.0)]
    assert calls
