"""Write an :class:`~drafter.extract.core.Extraction` as a commented YAML figures file.

The block structure (mappings, lists, indentation) is laid out here in the key order of the
figures model; every scalar is written by PyYAML's emitter (quoting and escaping of user text
are the emitter's), numbers exactly as decimals. Comments go at the end of the line of the
value they are about. The result is parsed back and compared with the data before it is
returned, so a mistake in the layout can never write a file that says something else.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from drafter.extract.core import Extraction, Path_, yaml_scalar

_INDENT = "  "


def scalar(v: Any) -> str:
    """One scalar as YAML text (single line)."""
    return yaml_scalar(v)


def _comment(text: str | None) -> str:
    if not text:
        return ""
    return "  # " + " ".join(text.split())


def _emit(node: Any, path: Path_, indent: int, comments: dict[Path_, str],
          lines: list[str]) -> None:
    pad = _INDENT * indent
    if isinstance(node, dict):
        for k, v in node.items():
            key = scalar(k)
            p = (*path, k)
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{key}:{_comment(comments.get(p))}")
                _emit(v, p, indent + 1, comments, lines)
            else:
                val = "{}" if isinstance(v, dict) else "[]" if isinstance(v, list) else scalar(v)
                lines.append(f"{pad}{key}: {val}{_comment(comments.get(p))}")
        return
    if isinstance(node, list):
        for i, v in enumerate(node):
            p = (*path, i)
            if isinstance(v, dict) and v:
                sub: list[str] = []
                _emit(v, p, indent + 1, comments, sub)
                first = sub[0][len(_INDENT * (indent + 1)):]
                lines.append(f"{pad}- {first}")
                lines.extend(sub[1:])
            elif isinstance(v, list) and v:
                lines.append(f"{pad}-{_comment(comments.get(p))}")
                _emit(v, p, indent + 1, comments, lines)
            else:
                lines.append(f"{pad}- {scalar(v)}{_comment(comments.get(p))}")
        return
    raise TypeError(type(node))  # pragma: no cover - the extractor builds dicts and lists


def _as_decimal(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _as_decimal(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_decimal(v) for v in node]
    if isinstance(node, float):
        return Decimal(repr(node))
    if isinstance(node, int) and not isinstance(node, bool):
        return Decimal(node)
    return node


def to_yaml(x: Extraction, header: list[str]) -> str:
    lines = [f"# {' '.join(h.split())}" if h else "#" for h in header]
    _emit(x.data, (), 0, x.comments, lines)
    text = "\n".join(lines) + "\n"
    back = yaml.safe_load(text)
    if _as_decimal(back) != _as_decimal(x.data):  # pragma: no cover - a layout bug
        raise AssertionError("extract: YAML keluaran tidak sama dengan data")
    return text
