"""``lkip convert`` and ``lkip template``: figures between YAML, JSON and Excel workbooks.

The input is read and validated by the usual loader (any format), then written from the
validated model, so that every format holds the same figures: drafting the converted file gives
the same BAB III byte for byte. Numbers are written as YAML/JSON numbers (integers, or the
shortest decimal), in the order and with the keys of docs/figures.md.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import FiguresError, LkipError

if TYPE_CHECKING:
    from drafter.figures.model import Figures

OUTPUT_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
# optional lists and mappings left out when empty (their absence means the same)
_OPTIONAL_EMPTY = {"riwayat", "renstra", "faktor_keberhasilan", "faktor_kegagalan",
                   "permasalahan", "solusi", "program", "komposisi", "pembanding", "perubahan",
                   "renstra_awal", "kegiatan", "sub_kegiatan"}

YAML_HEADER = ("# Berkas angka LKIP (BAB III) dibuat dengan `lkip convert`. Skema: docs/figures.md\n")


def _plain(obj: Any) -> Any:
    """The model dump as plain YAML/JSON values: Decimal -> int or float (the shortest decimal
    that reads back to the same value), empty optional lists dropped."""
    if isinstance(obj, dict):
        return {k: (_plain(v[0]) if k == "pembanding" and isinstance(v, list) and len(v) == 1
                    else _plain(v))  # one comparison value: a mapping, as it was written
                for k, v in obj.items() if not (k in _OPTIONAL_EMPTY and not v)}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    if isinstance(obj, Decimal):
        if obj == obj.to_integral_value() and "." not in str(obj) and "E" not in str(obj):
            return int(obj)
        return float(obj)
    return obj


def figures_data(fig: Figures) -> dict[str, Any]:
    data = fig.model_dump(mode="python", exclude_none=True, by_alias=True)
    return _plain(data)  # type: ignore[no-any-return]


def render_yaml(fig: Figures) -> str:
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value and not any(c in value for c in "\r\t") else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    text = yaml.dump(figures_data(fig), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=10_000)
    return YAML_HEADER + text


def render_json(fig: Figures) -> str:
    return json.dumps(figures_data(fig), ensure_ascii=False, indent=2) + "\n"


def render(fig: Figures, suffix: str) -> bytes | str:
    if suffix == ".xlsx":
        from drafter.figures.excel import render_workbook

        return render_workbook(fig)
    if suffix == ".json":
        return render_json(fig)
    return render_yaml(fig)


def convert_file(source: str | Path, output: str | Path) -> None:
    """Convert the figures file ``source`` to ``output`` (format from its extension)."""
    from drafter.figures import load_figures
    from drafter.io import atomic_write, ensure_output_ok

    out = Path(output)
    suffix = out.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise LkipError(f"format keluaran {out.suffix or '(tanpa ekstensi)'} tidak didukung; "
                        "gunakan .yaml, .json atau .xlsx", path=str(out))
    ensure_output_ok(out, [Path(source)])
    fig = load_figures(source)
    try:
        data = render(fig, suffix)
    except FiguresError as err:  # a value Excel cannot hold: name the input and the cell
        raise FiguresError(f"{err.message} (sel {err.path} buku kerja)", path=str(source)) from None
    atomic_write(out, data)


def write_template(output: str | Path, *, force: bool = False) -> None:
    """Write the fill-in workbook (``lkip template``); an existing file is kept unless
    ``force`` (it may be a filled-in workbook)."""
    from drafter.figures.excel import render_workbook
    from drafter.io import atomic_write, ensure_output_ok

    out = Path(output)
    if out.suffix.lower() != ".xlsx":
        raise LkipError(f"templat ditulis sebagai .xlsx, bukan {out.suffix or '(tanpa ekstensi)'}",
                        path=str(out))
    ensure_output_ok(out, [])
    if out.exists() and not force:
        raise FiguresError("berkas sudah ada; pilih nama lain atau tambahkan --force untuk "
                           "menimpanya", path=str(out))
    atomic_write(out, render_workbook(None))
