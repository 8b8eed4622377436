"""The reader's own lattice table finder (drafter.pdf.lattice) must give exactly pdfplumber's
tables: the same bounding boxes and rows of cell boxes, on ruled tables whose rules are drawn
in pieces, slightly off one another (snapping), overlapping (joining), with merged cells, stray
rules and rectangles (issue 12 speed work)."""

from __future__ import annotations

import random
from typing import Any

import pytest

pytest.importorskip("pdfplumber")

from drafter.pdf.lattice import _pdfplumber_tables, cells_to_tables, find_tables  # noqa: E402


def _h(x0: float, x1: float, y: float) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line"}


def _v(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
            "orientation": "v", "object_type": "line"}


def _rect(x0: float, top: float, x1: float, bottom: float) -> list[dict[str, Any]]:
    """The four sides of a rectangle, as the reader makes them from a path's bounds."""
    return [_h(x0, x1, top), _h(x0, x1, bottom), _v(x0, top, bottom), _v(x1, top, bottom)]


def _lattice(rng: random.Random) -> list[dict[str, Any]]:
    """One to three ruled tables: rules per cell side or whole, jittered by up to 2 points,
    sometimes drawn twice or as cell rectangles, with gaps (merged cells) and stray rules."""
    edges: list[dict[str, Any]] = []

    def j() -> float:
        return rng.choice([0.0, 0.0, rng.uniform(-2, 2), round(rng.uniform(-1, 1), 1)])

    for _table in range(rng.randint(1, 3)):
        ox, oy = rng.uniform(0, 300), rng.uniform(0, 500)
        xs = sorted({round(ox + sum(rng.uniform(8, 90) for _ in range(i)), 2) for i in range(rng.randint(2, 7))})
        ys = sorted({round(oy + sum(rng.uniform(6, 40) for _ in range(i)), 2) for i in range(rng.randint(2, 9))})
        if rng.random() < 0.3:  # every cell a rectangle (as Chromium draws cell borders)
            for a, b in zip(xs, xs[1:], strict=False):
                for c, d in zip(ys, ys[1:], strict=False):
                    edges += _rect(a + j(), c + j(), b + j(), d + j())
            continue
        for y in ys:
            if rng.random() < 0.3:
                edges.append(_h(xs[0] + j(), xs[-1] + j(), y + j()))
                continue
            for a, b in zip(xs, xs[1:], strict=False):
                if y in (ys[0], ys[-1]) or rng.random() > 0.2:
                    edges.append(_h(a + j(), b + j() + rng.choice([0, 0, 2.5, -2.5]), y + j()))
                    if rng.random() < 0.1:
                        edges.append(_h(a + j(), b + j(), y + j()))
        for x in xs:
            for a, b in zip(ys, ys[1:], strict=False):
                if x in (xs[0], xs[-1]) or rng.random() > 0.2:
                    edges.append(_v(x + j(), a + j(), b + j() + rng.choice([0, 0, 2.5, -2.5])))
    for _ in range(rng.randint(0, 4)):
        x, y = rng.uniform(0, 500), rng.uniform(0, 700)
        edges.append(_h(x, x + rng.uniform(1, 200), y) if rng.random() < 0.5 else _v(x, y, y + rng.uniform(1, 200)))
    rng.shuffle(edges)
    return edges


@pytest.mark.parametrize("seed", range(150))
def test_same_tables_as_pdfplumber(seed: int) -> None:
    edges = _lattice(random.Random(seed))
    assert find_tables(edges) == _pdfplumber_tables(edges)


def test_tables_are_found() -> None:
    """The comparison above is not between empty lists."""
    found = [len(find_tables(_lattice(random.Random(seed)))) for seed in range(150)]
    assert sum(1 for n in found if n) >= 140 and max(found) >= 2


def test_not_finite_coordinates_go_through_pdfplumber() -> None:
    edges = _rect(10, 10, 100, 50) + _rect(100, 10, 200, 50) + [_h(float("nan"), 50, 30)]
    assert find_tables(edges) == _pdfplumber_tables(edges)
    edges = _rect(10, 10, 100, 50) + _rect(100, 10, 200, 50) + [_v(float("inf"), 0, 30)]
    assert find_tables(edges) == _pdfplumber_tables(edges)


def test_nothing() -> None:
    assert find_tables([]) == []
    assert cells_to_tables([]) == []
    assert find_tables([_h(0, 100, 10)]) == []
