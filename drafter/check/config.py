"""Checker configuration from ``lkip.toml`` or ``[tool.lkip]`` in ``pyproject.toml``.

Looked up from the checked file's folder upwards, then the current folder. Command-line
options override the file. Keys: ``select``, ``ignore`` (lists of codes, code prefixes or
categories), ``year`` (integer), ``kabupaten`` (text), ``spelling`` (true/false), ``lang``
(``id``/``en``), ``min_severity`` (``error``/``warning``/``info``: the least severe issues shown),
``baseline`` (path of a baseline file, relative to the configuration file's folder).

The file is validated strictly (pydantic, strict mode): a wrong type (``year = "2023"``,
``spelling = "false"``), an unknown key or an unknown rule code is an error naming the file, the
line and the key, never a silent weakening of the checker. Unknown codes in ``--select`` and
``--ignore`` are errors too.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Literal

from drafter.check.context import CheckConfig
from drafter.errors import LkipError

MAX_CONFIG_BYTES = 1024 * 1024
YEAR_MIN, YEAR_MAX = 2000, 2100

_MESSAGES = {
    "int_type": "harus berupa bilangan bulat tanpa tanda kutip (mis. year = 2023)",
    "bool_type": "harus true atau false tanpa tanda kutip (mis. spelling = false)",
    "string_type": "harus berupa teks dalam tanda kutip",
    "list_type": 'harus berupa daftar teks (mis. select = ["AR", "predicate"])',
    "literal_error": "nilai tidak dikenal",
    "extra_forbidden": "kunci konfigurasi tidak dikenal (yang dikenal: select, ignore, year, "
                       "kabupaten, spelling, lang, min_severity, baseline)",
    "greater_than_equal": f"harus antara {YEAR_MIN} dan {YEAR_MAX}",
    "less_than_equal": f"harus antara {YEAR_MIN} dan {YEAR_MAX}",
}


@cache
def _config_model() -> Any:
    """The pydantic model of the settings (pydantic is imported only when a settings file is
    found: most checks have none, and its import is a good part of a check's start-up)."""
    from pydantic import BaseModel, ConfigDict, Field

    class ConfigFile(BaseModel):
        """The schema of ``lkip.toml`` / ``[tool.lkip]``."""

        model_config = ConfigDict(extra="forbid", strict=True)

        select: list[str] = Field(default_factory=list)
        ignore: list[str] = Field(default_factory=list)
        year: int | None = Field(None, ge=YEAR_MIN, le=YEAR_MAX)
        kabupaten: str | None = None
        spelling: bool = True
        lang: Literal["id", "en"] = "id"
        min_severity: Literal["error", "warning", "info"] = "info"
        baseline: str | None = None

    return ConfigFile


def __getattr__(name: str) -> Any:
    if name == "ConfigFile":  # the model, built on first use
        return _config_model()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _NoConfigFile:
    """What ``ConfigFile()`` holds (every default), when there is no settings file."""

    select: list[str] = []  # noqa: RUF012 - read only (copied by make_config)
    ignore: list[str] = []  # noqa: RUF012
    year: int | None = None
    kabupaten: str | None = None
    spelling: bool = True
    lang: str = "id"
    min_severity: str = "info"
    baseline: str | None = None


def known_selectors() -> tuple[set[str], set[str]]:
    """(rule codes, categories) a ``select``/``ignore`` entry may name."""
    from drafter.check.registry import CATEGORIES, iter_codes
    from drafter.check.runner import INTERNAL_RULE

    return {*iter_codes(), INTERNAL_RULE}, set(CATEGORIES)


def check_selectors(items: Iterable[str], *, source: str, path: str | None = None,
                    line: int | None = None) -> list[str]:
    """Return ``items`` stripped; an unknown code, prefix or category is an :class:`LkipError`.

    Accepted: a rule code (``AR101``), a code prefix of at least one rule (``AR``, ``AR1``) or a
    category (``predicate``), case-insensitive.
    """
    codes, cats = known_selectors()
    out: list[str] = []
    for raw in items:
        item = str(raw).strip()
        if not item:
            raise LkipError("kode aturan kosong; tulis kode (mis. AR101), awalan kode (mis. AR) "
                            "atau kategori", path=path, line=line, field=source)
        up = item.upper()
        if not (item.lower() in cats or any(c.startswith(up) for c in codes)):
            raise LkipError(f"kode aturan atau kategori tidak dikenal: {item!r} (lihat `lkip "
                            "rules`; kategori: " + ", ".join(sorted(cats)) + ")",
                            path=path, line=line, field=source)
        out.append(item)
    return out


def _special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _unreadable(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return False
    except OSError:
        return True


def _read(path: Path, table: str | None) -> tuple[dict[str, Any], str] | None:
    """(the settings table, the file text), or None when the file has no such table."""
    import tomllib  # only when a configuration file is read (a few ms of start-up otherwise)

    from drafter.io import read_regular

    raw = read_regular(path, MAX_CONFIG_BYTES, what="berkas konfigurasi")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LkipError("konfigurasi bukan teks UTF-8", path=str(path), line=line) from None
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        detail = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)", detail)
        line = int(m.group(1)) if m else None
        if m:
            detail = f"{detail[:m.start()]} (kolom {m.group(2)})"
        raise LkipError(f"konfigurasi TOML tidak valid: {detail}", path=str(path),
                        line=line) from None
    except (RecursionError, MemoryError):
        raise LkipError("konfigurasi TOML terlalu dalam bersarang", path=str(path)) from None
    if table:
        for part in table.split("."):
            data = data.get(part, {}) if isinstance(data, dict) else {}
        if not data:
            return None
        if not isinstance(data, dict):
            raise LkipError(f"[{table}] harus berupa tabel", path=str(path))
    return data, text


def find_config(start: Path | None = None) -> tuple[dict[str, Any], Path | None]:
    data, src, _ = _find(start)
    return data, src


def _find(start: Path | None) -> tuple[dict[str, Any], Path | None, str]:
    dirs: list[Path] = []
    if start is not None:
        s = start.resolve()
        s = s if s.is_dir() else s.parent
        dirs.extend([s, *s.parents])
    cwd = Path.cwd().resolve()
    if cwd not in dirs:
        dirs.append(cwd)
    for d in dirs:
        for name, table in (("lkip.toml", None), ("pyproject.toml", "tool.lkip")):
            f = d / name
            if _special(f):  # a FIFO or device named lkip.toml: refused, never read
                from drafter.io import special_file_error

                raise special_file_error(f, os.stat(f).st_mode, what="berkas konfigurasi")
            if not f.is_file():
                continue
            try:
                found = _read(f, table)
            except LkipError:
                if table is None or not f.exists():
                    raise
                # someone else's pyproject.toml that cannot be read: not ours to judge, unless
                # it is valid TOML with a [tool.lkip] table (then _read returned normally)
                if _unreadable(f):
                    continue
                raise
            if found is not None:
                return found[0], f, found[1]
    return {}, None, ""


def _key_line(text: str, key: str, table: str | None) -> int | None:
    """Line of ``key = ...`` (inside ``[table]`` when given): best effort, for messages."""
    pat = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    in_table = table is None
    for n, line in enumerate(text.splitlines(), start=1):
        head = line.strip()
        if head.startswith("[") and table is not None:
            in_table = head.strip("[] \t") == table
            continue
        if in_table and pat.match(line):
            return n
    return None


def validate_config(data: dict[str, Any], src: Path, text: str = "") -> Any:
    """Validate a settings table (a ``ConfigFile``); errors name the file, the line and the key."""
    from pydantic import ValidationError

    table = "tool.lkip" if src.name == "pyproject.toml" else None
    try:
        cfg = _config_model().model_validate(data)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        loc = [p for p in err["loc"]]
        key = str(loc[0]) if loc else None
        field = "".join(f"[{p}]" if isinstance(p, int) else ("." if i else "") + str(p)
                        for i, p in enumerate(loc)) or None
        msg = _MESSAGES.get(err["type"], err.get("msg", err["type"]))
        if err["type"] == "literal_error":
            msg = f"nilai tidak dikenal, pilih salah satu: {err.get('ctx', {}).get('expected', '')}"
        line = _key_line(text, key, table) if key else None
        raise LkipError(msg, path=str(src), line=line, field=field) from None
    for key in ("select", "ignore"):
        check_selectors(getattr(cfg, key), source=key, path=str(src),
                        line=_key_line(text, key, table))
    return cfg


def make_config(start: Path | None = None, **overrides: Any) -> CheckConfig:
    data, src, text = _find(start)
    file_cfg = validate_config(data, src, text) if src is not None else _NoConfigFile()
    cfg = CheckConfig(
        select=list(file_cfg.select),
        ignore=list(file_cfg.ignore),
        year=file_cfg.year,
        kabupaten=file_cfg.kabupaten,
        spelling=file_cfg.spelling,
        lang=file_cfg.lang,
    )
    cfg.extra["min_severity"] = file_cfg.min_severity
    if file_cfg.baseline is not None and src is not None:
        cfg.extra["baseline"] = src.parent / file_cfg.baseline
    for k, v in overrides.items():
        if v is None:
            continue
        if k in ("select", "ignore"):
            if v:
                setattr(cfg, k, check_selectors(_split(v), source=f"--{k}"))
        elif k == "year":
            if isinstance(v, bool) or not isinstance(v, int) or not YEAR_MIN <= v <= YEAR_MAX:
                raise LkipError(f"harus tahun antara {YEAR_MIN} dan {YEAR_MAX}", field="--year")
            cfg.year = v
        elif k == "lang":
            if v not in ("id", "en"):
                raise LkipError(f"bahasa {v!r} tidak dikenal; pilih id atau en", field="--lang")
            cfg.lang = v
        elif k == "min_severity":
            if v not in ("error", "warning", "info"):
                raise LkipError(f"tingkat {v!r} tidak dikenal; pilih error, warning atau info",
                                field="--min-severity")
            cfg.extra["min_severity"] = v
        else:
            setattr(cfg, k, v)
    return cfg


def _split(values: Sequence[str]) -> list[str]:
    """``--select AR,predicate --select YR`` -> ``["AR", "predicate", "YR"]``."""
    return [part for v in values for part in str(v).split(",")]
