"""Load a figures file (YAML or JSON) into :class:`Figures` with line-exact Indonesian errors.

Every error is one line: ``figures.yaml:42: sasaran[1].indikator[0].target: wajib diisi``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.errors import FiguresError
from drafter.figures.model import Figures, _PathError
from drafter.io import read_regular
from drafter.limits import MAX_FIGURES_BYTES, check_figures_counts, too_large

# MAX_FIGURES_BYTES and the counts: see drafter/limits.py (all size limits in one place)
FIGURES_SUFFIXES = (".yaml", ".yml", ".json")
XLSX_SUFFIX = ".xlsx"  # a workbook: drafter/figures/excel.py

_MESSAGES = {
    "missing": "wajib diisi",
    "extra_forbidden": "kolom tidak dikenal (periksa ejaan nama kolom)",
    "decimal_parsing": "harus berupa angka",
    "decimal_type": "harus berupa angka",
    "int_parsing": "harus berupa bilangan bulat",
    "int_type": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "string_type": "harus berupa teks",
    "list_type": "harus berupa daftar (list)",
    "dict_type": "harus berupa pemetaan (kolom: nilai)",
    "model_type": "harus berupa pemetaan (kolom: nilai)",
    "bool_type": "harus true atau false",
    "bool_parsing": "harus true atau false",
    "literal_error": "nilai tidak dikenal",
    "too_short": "tidak boleh kosong",
    "greater_than_equal": "tidak boleh negatif",
    "greater_than": "harus lebih besar dari 0",
    "less_than_equal": "terlalu besar",
    "finite_number": "harus berupa angka terhingga",
}


def format_loc(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _node_line(root: yaml.Node | None, loc: Sequence[str | int]) -> int | None:
    """1-based line of the node at ``loc`` (or of its deepest existing ancestor)."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if node is None:
            break
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and str(k.value) == str(part):
                    nxt = v
                    # a missing value under an existing key: point at the key
                    line = k.start_mark.line + 1
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                nxt = node.value[part]
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _message(err: dict[str, Any]) -> tuple[tuple[str | int, ...], str]:
    loc: tuple[str | int, ...] = tuple(p for p in err["loc"] if not _is_union_tag(p))
    ctx = err.get("ctx") or {}
    exc = ctx.get("error")
    if isinstance(exc, _PathError):
        return tuple(loc) + exc.loc, exc.message
    etype = err["type"]
    if etype == "value_error" and exc is not None:
        return loc, str(exc)
    if etype == "literal_error":
        return loc, f"nilai tidak dikenal, pilih salah satu: {ctx.get('expected', '')}"
    if etype in ("greater_than_equal", "greater_than") and ctx.get("ge", ctx.get("gt")) not in (0, None):
        return loc, f"harus paling kecil {ctx.get('ge', ctx.get('gt'))}"
    if etype == "less_than_equal" and ctx.get("le") is not None:
        return loc, f"terlalu besar (paling besar {ctx['le']})"
    msg = _MESSAGES.get(etype)
    if msg is None:
        msg = err.get("msg", etype)
    return loc, msg


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds the union member's type to the location ('decimal', 'str', 'function-after[...]')
    return isinstance(part, str) and (
        part in ("decimal", "str", "int", "float") or "[" in part
        or part.startswith(("function-", "constrained-"))
    )


def _dedupe_union(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Collapse the per-member errors of one union field into the most useful one."""
    seen: dict[tuple[str | int, ...], dict[str, Any]] = {}
    order: list[tuple[str | int, ...]] = []
    for e in errors:
        key = tuple(p for p in e["loc"] if not _is_union_tag(p))
        if key not in seen:
            seen[key] = e
            order.append(key)
        elif e["type"] == "value_error":
            seen[key] = e
    return [seen[k] for k in order]


# The pure-Python loader on purpose: libyaml's composer recurses in C and crashes the process
# (segmentation fault) on deeply nested input instead of raising RecursionError.
_Loader = yaml.SafeLoader


_CLoader = getattr(yaml, "CSafeLoader", None)
_C_MAX_LINE = 1000  # with lines this short and this few brackets, nesting stays below
_C_MAX_FLOW = 1000  # ~3,000 levels: safe for libyaml's recursive composer


def _c_safe(text: str) -> bool:
    """libyaml may parse ``text``: nesting is bounded (see above) and every character is one
    the pure-Python reader accepts (its error messages stay the ones users see)."""
    if _CLoader is None or text.count("[") + text.count("{") > _C_MAX_FLOW:
        return False
    if yaml.reader.Reader.NON_PRINTABLE.search(text):
        return False
    return max(map(len, text.split("\n")), default=0) <= _C_MAX_LINE


def _parse_yaml(text: str) -> tuple[yaml.Node | None, object]:
    """Parse once: the node tree (for line numbers) and the constructed data.

    libyaml (several times faster) when :func:`_c_safe`; on any error the pure-Python loader
    parses again, so a bad file gets the same message either way."""
    if _c_safe(text):
        try:
            return _parse_with(_CLoader, text)
        except Exception:  # noqa: BLE001, S110 - the pure-Python loader reports it
            pass
    return _parse_with(_Loader, text)


def _parse_with(loader_cls: Any, text: str) -> tuple[yaml.Node | None, object]:
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _duplicate_key(root: yaml.Node | None) -> tuple[str, int, int] | None:
    """The first key written twice in one mapping: (key, its line, line of the first one).

    YAML and JSON parsers keep the last value silently; a figures file with two ``target:``
    lines is a mistake to report, not to guess. Iterative walk (no recursion limit)."""
    if root is None:
        return None
    stack: list[yaml.Node] = [root]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:  # aliases share nodes
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: dict[str, int] = {}
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.tag != "tag:yaml.org,2002:merge":
                    key = str(k.value)
                    line = k.start_mark.line + 1
                    if key in keys:
                        return key, line, keys[key]
                    keys[key] = line
                stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


class _DuplicateJsonKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` of json.loads: a key written twice is an error, not "last wins"."""
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateJsonKey(k)
        out[k] = v
    return out


def _compose_json(text: str) -> yaml.Node | None:
    """The YAML node tree of a JSON text (for line numbers), or None when YAML cannot read it."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError):
        return None


def load_figures(path: str | Path) -> Figures:
    """Read and validate a figures file. Raises :class:`FiguresError` on any problem."""
    p = Path(path)
    name = str(path)
    if p.suffix.lower() == XLSX_SUFFIX:
        from drafter.figures.excel import load_xlsx

        return load_xlsx(p)
    # refuses devices, FIFOs, sockets and folders before reading a byte
    raw = read_regular(p, MAX_FIGURES_BYTES, error=FiguresError, what="berkas angka")
    if p.suffix.lower() not in FIGURES_SUFFIXES:
        kind = f"ekstensi {p.suffix}" if p.suffix else "tanpa ekstensi"
        raise FiguresError(f"berkas angka harus .yaml, .yml, .json atau .xlsx ({kind} tidak didukung)",
                           path=name)
    if len(raw) > MAX_FIGURES_BYTES:
        raise too_large(name, "berkas", len(raw), MAX_FIGURES_BYTES, error=FiguresError)
    if not raw.strip():
        raise FiguresError("berkas kosong", path=name)
    if b"\x00" in raw:
        raise FiguresError("berkas biner, bukan teks YAML/JSON", path=name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FiguresError("bukan teks UTF-8 (simpan ulang sebagai UTF-8)", path=name, line=line) from None

    is_json = p.suffix.lower() == ".json"
    root: yaml.Node | None = None
    try:
        if is_json:
            data = json.loads(text, object_pairs_hook=_no_duplicates)
        else:
            root, data = _parse_yaml(text)
    except _DuplicateJsonKey as exc:
        dup = _duplicate_key(_compose_json(text))
        line = dup[1] if dup is not None and dup[0] == exc.key else None
        raise FiguresError(f"kunci {exc.key!r} ditulis dua kali dalam satu objek JSON; hapus "
                           "salah satu", path=name, line=line) from None
    except json.JSONDecodeError as exc:
        raise FiguresError(f"sintaks JSON salah: {exc.msg}", path=name, line=exc.lineno) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or "sintaks tidak valid"
        raise FiguresError(f"sintaks YAML salah: {problem}", path=name, line=line) from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise FiguresError(f"berisi karakter kendali {code} yang tidak diizinkan di YAML",
                           path=name, line=line) from None
    except yaml.YAMLError as exc:
        raise FiguresError(f"sintaks YAML salah: {' '.join(str(exc).split())}", path=name) from None
    except RecursionError:
        raise FiguresError("struktur terlalu dalam", path=name) from None
    except Exception:  # noqa: BLE001 - the parsers' own bugs on odd scalars: int of > 4300
        # digits, a date like 2023-02-30, an empty "!!float" tag (PyYAML raises IndexError)
        raise FiguresError("ada nilai yang tidak dapat dibaca (angka terlalu panjang, tanggal "
                           "tidak valid, atau tag YAML kosong)", path=name) from None

    dup = _duplicate_key(root)
    if dup is not None:
        key, line, first = dup
        raise FiguresError(f"kunci {key!r} ditulis dua kali dalam satu pemetaan (pertama di baris "
                           f"{first}); hapus salah satu", path=name, line=line)
    if not isinstance(data, dict):
        raise FiguresError("isi berkas harus berupa pemetaan (instansi:, tahun:, sasaran: ...)",
                           path=name, line=1)
    check_figures_counts(data, name)
    try:
        return Figures.model_validate(data)
    except ValidationError as exc:
        if is_json:
            root = _compose_json(text)
        errors = _dedupe_union(exc.errors(include_url=False))
        loc, msg = _message(errors[0])
        line = _node_line(root, loc)
        more = f" (dan {len(errors) - 1} kesalahan lain)" if len(errors) > 1 else ""
        raise FiguresError(msg + more, path=name, line=line, field=format_loc(loc) or None) from None


def validation_errors(path: str | Path) -> list[str]:
    """All validation errors of a figures file as one-line messages (for `lkip validate`)."""
    try:
        load_figures(path)
    except FiguresError as err:
        return list(getattr(err, "errors", None) or [str(err)])  # a workbook lists every cell
    return []
