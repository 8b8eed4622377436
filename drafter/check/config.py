"""Checker configuration from ``lkip.toml`` or ``[tool.lkip]`` in ``pyproject.toml``.

Looked up from the checked file's folder upwards, then the current folder. Command-line
options override the file. Keys: ``select``, ``ignore`` (lists of codes, code prefixes or
categories), ``year``, ``kabupaten``, ``spelling`` (bool).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from drafter.check.context import CheckConfig
from drafter.errors import LkipError

_KEYS = {"select", "ignore", "year", "kabupaten", "spelling", "lang"}


def _read(path: Path, table: str | None) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LkipError(f"konfigurasi TOML tidak valid: {exc}", path=str(path)) from None
    except (OSError, UnicodeDecodeError):
        return None
    if table:
        for part in table.split("."):
            data = data.get(part, {}) if isinstance(data, dict) else {}
        if not data:
            return None
    return data if isinstance(data, dict) else None


def find_config(start: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    dirs: list[Path] = []
    if start is not None:
        s = start.resolve()
        s = s if s.is_dir() else s.parent
        dirs.extend([s, *s.parents])
    cwd = Path.cwd().resolve()
    if cwd not in dirs:
        dirs.append(cwd)
    for d in dirs:
        f = d / "lkip.toml"
        if f.is_file():
            data = _read(f, None)
            if data is not None:
                return data, f
        f = d / "pyproject.toml"
        if f.is_file():
            data = _read(f, "tool.lkip")
            if data:
                return data, f
    return {}, None


def make_config(start: Path | None = None, **overrides: Any) -> CheckConfig:
    data, src = find_config(start)
    unknown = set(data) - _KEYS
    if unknown and src is not None:
        raise LkipError(f"kunci konfigurasi tidak dikenal: {', '.join(sorted(unknown))}", path=str(src))
    cfg = CheckConfig(
        select=[str(x) for x in data.get("select", [])],
        ignore=[str(x) for x in data.get("ignore", [])],
        year=data.get("year"),
        kabupaten=data.get("kabupaten"),
        spelling=bool(data.get("spelling", True)),
        lang=str(data.get("lang", "id")),
    )
    for k, v in overrides.items():
        if v is None:
            continue
        if k in ("select", "ignore"):
            if v:
                setattr(cfg, k, list(v))
        else:
            setattr(cfg, k, v)
    return cfg
