"""Load a figures file (YAML or JSON) into :class:`Figures` with line-exact Indonesian errors.

Every error is one line: ``figures.yaml:42: sasaran[1].indikator[0].target: wajib diisi``.
All errors of a file are collected (:func:`check_figures_file`, ``lkip validate``); the first
one is the message of the :class:`FiguresError`, which lists every one in ``all_errors``.
Unknown keys get a close-match suggestion ("maksud Anda 'realisasi'?"), numbers written the
Indonesian way a hint ("tulis 6.5, bukan 6,5").
"""

from __future__ import annotations

import json
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafter.errors import FiguresError
from drafter.figures.model import Figures, _PathError, _PathErrors
from drafter.io import read_regular
from drafter.limits import MAX_FIGURES_BYTES, check_figures_counts, too_large
from drafter.resources import compose_yaml

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
        if isinstance(node, yaml.MappingNode) and part == 0 and nxt is None:
            continue  # a single mapping written where a list may be (pembanding: {...})
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _message(err: dict[str, Any]) -> tuple[tuple[str | int, ...], str]:
    """(location, Indonesian message) of one pydantic error (the first of a multi-error)."""
    return _messages(err)[0]


def _messages(err: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every (location, Indonesian message) one pydantic error stands for."""
    loc: tuple[str | int, ...] = tuple(p for p in err["loc"] if not _is_union_tag(p))
    # a year key of a mapping (renstra: {2026: ...}) is a key, not a list index
    loc = tuple(str(p) if i and loc[i - 1] in _YEAR_MAPS and isinstance(p, int) else p
                for i, p in enumerate(loc))
    ctx = err.get("ctx") or {}
    exc = ctx.get("error")
    if isinstance(exc, _PathErrors):
        return [(tuple(loc) + sub, msg) for sub, msg in exc.items]
    if isinstance(exc, _PathError):
        return [(tuple(loc) + exc.loc, exc.message)]
    etype = err["type"]
    hint = _number_hint(err.get("input")) if etype in _NUMBER_TYPES or (
        etype == "value_error" and "nilai huruf" in str(exc)) else None
    if hint is not None:
        return [(loc, hint)]
    if etype in ("extra_forbidden", "invalid_key"):  # invalid_key: a key that is no text (5)
        loc = (*loc[:-1], str(loc[-1])) if loc else loc
        return [(loc, _unknown_key_message(loc))]
    if etype == "value_error" and exc is not None:
        return [(loc, str(exc))]
    if etype == "literal_error":
        return [(loc, f"nilai tidak dikenal, pilih salah satu: {ctx.get('expected', '')}")]
    if etype in ("greater_than_equal", "greater_than") and ctx.get("ge", ctx.get("gt")) not in (0, None):
        return [(loc, f"harus paling kecil {ctx.get('ge', ctx.get('gt'))}")]
    if etype == "less_than_equal" and ctx.get("le") is not None:
        return [(loc, f"terlalu besar (paling besar {ctx['le']})")]
    msg = _MESSAGES.get(etype)
    if msg is None:
        msg = err.get("msg", etype)
    return [(loc, msg)]


_YEAR_MAPS = ("renstra", "renstra_awal")
_NUMBER_TYPES = ("decimal_parsing", "decimal_type", "int_parsing", "int_type", "float_parsing",
                 "float_type")


def _number_hint(value: object) -> str | None:
    """A number typed as Indonesian text ("6,5", "50.000.000", "Rp 1.250.000,-"): what to
    write instead. None when ``value`` is not such a text."""
    if not isinstance(value, str) or not value.strip():
        return None
    from drafter.figures.excel import parse_id_number

    d = parse_id_number(value)
    if d is None:
        return None
    plain = format(d, "f")
    if plain == value.strip():
        return f"harus berupa angka: tulis {plain} tanpa tanda kutip"
    return (f"harus berupa angka: tulis {plain}, bukan {value.strip()} (titik untuk desimal, "
            "tanpa pemisah ribuan dan tanpa Rp)")


def _model_fields_at(loc: Sequence[str | int]) -> dict[str, Any] | None:
    """The fields (by the key written in the file) of the model that holds ``loc``'s last key,
    or None when ``loc`` does not lead to a model."""
    from pydantic import BaseModel

    def model_in(tp: Any) -> type[BaseModel] | None:
        stack = [tp]
        while stack:
            t = stack.pop()
            if isinstance(t, type) and issubclass(t, BaseModel):
                return t
            stack.extend(typing.get_args(t))
        return None

    cls: type[BaseModel] | None = Figures
    for part in loc[:-1]:
        if cls is None:
            return None
        if isinstance(part, int):
            continue
        fields = {(f.alias or n): f for n, f in cls.model_fields.items()}
        f = fields.get(str(part))
        if f is None:
            return None
        cls = model_in(f.annotation)
    if cls is None:
        return None
    return {(f.alias or n): f for n, f in cls.model_fields.items()}


def _suggestion(loc: Sequence[str | int]) -> str | None:
    """The known key closest to the unknown last key of ``loc`` (rapidfuzz), if close."""
    fields = _model_fields_at(loc)
    if not fields or not loc:
        return None
    from rapidfuzz import fuzz, process

    key = str(loc[-1]).strip().lower().replace(" ", "_").replace("-", "_")
    if key in fields:
        return key
    best = process.extractOne(key, list(fields), scorer=fuzz.ratio, score_cutoff=70)
    return str(best[0]) if best is not None else None


def _unknown_key_message(loc: Sequence[str | int]) -> str:
    key = str(loc[-1]) if loc else ""
    guess = _suggestion(loc)
    if guess is not None:
        return f"kolom tidak dikenal {key!r}; maksud Anda {guess!r}?"
    if key.isdigit() and len(key) < 4:
        return (f"kolom tidak dikenal {key!r}: bila ini bagian desimal sebuah angka, tulis "
                "titik, bukan koma (6.5, bukan 6,5)")
    fields = _model_fields_at(loc)
    known = f" (kolom yang dikenal di sini: {', '.join(fields)})" if fields else ""
    return f"kolom tidak dikenal {key!r}{known}"


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
    return compose_yaml(loader_cls, text)  # type: ignore[no-any-return]


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
    errors = _collect(data, text if is_json else None, root)
    if errors.problems:
        raise errors.error(name)
    assert errors.figures is not None
    return errors.figures


@dataclass
class Problem:
    """One error or warning of a figures file: where (line, or Sheet!Cell), field, message."""

    line: int | None
    field: str
    message: str
    ref: str | None = None  # a workbook cell ("Anggaran!H12")

    def format(self, name: str, warning: bool = False) -> str:
        from drafter.errors import term_safe

        kind = "peringatan: " if warning else ""
        if self.ref is not None:
            field_ = f" ({self.field})" if self.field and self.field != self.ref else ""
            return term_safe(f"{name}: {self.ref}: {kind}{self.message}{field_}")
        head = f"{name}:{self.line}: " if self.line else f"{name}: "
        return term_safe(f"{head}{kind}{self.field + ': ' if self.field else ''}{self.message}")


@dataclass
class _Collected:
    figures: Figures | None
    problems: list[Problem] = field(default_factory=list)

    def error(self, name: str) -> FiguresError:
        first = self.problems[0]
        more = f" (dan {len(self.problems) - 1} kesalahan lain)" if len(self.problems) > 1 else ""
        err = FiguresError(first.message + more, path=name, line=first.line,
                           field=first.field or None)
        err.all_errors = [p.format(name) for p in self.problems]  # type: ignore[attr-defined]
        return err


def error_items(exc: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every (location, message) of a pydantic ValidationError, in the order of the file:
    union members collapsed, cross-field errors expanded, and a "wajib diisi" dropped when an
    unknown key next to it is a misspelling of that very field (``realisasai:``)."""
    items: list[tuple[tuple[str | int, ...], str]] = []
    for e in _dedupe_union(exc.errors(include_url=False)):
        items.extend(_messages(e))
    suggested = set()
    for loc, msg in items:
        if msg.startswith("kolom tidak dikenal") and "maksud Anda" in msg:
            guess = _suggestion(loc)
            if guess is not None:
                suggested.add((*loc[:-1], guess))
    return [(loc, msg) for loc, msg in items
            if not (tuple(loc) in suggested and msg == _MESSAGES["missing"])]


def _collect(data: object, json_text: str | None, root: yaml.Node | None) -> _Collected:

    try:
        fig = Figures.model_validate(data)
    except ValidationError as exc:
        if json_text is not None:
            root = _compose_json(json_text)
        probs = []
        for loc, msg in error_items(exc):
            probs.append(Problem(_node_line(root, loc), format_loc(loc), msg))
        probs.sort(key=lambda p: p.line or 0)  # in the order of the file (stable)
        return _Collected(None, probs)
    return _Collected(fig)


@dataclass
class FiguresReport:
    """What ``lkip validate`` prints: every error and every warning, one line each."""

    figures: Figures | None
    errors: list[str]
    warnings: list[str]


def check_figures_file(path: str | Path) -> FiguresReport:
    """Every error (and, for a valid file, every warning) of a figures file, each one line
    ``file:line: field: message`` (``file: Sheet!Cell: message`` for a workbook). A file that
    cannot be read at all gives its one error."""
    from drafter.figures.warnings import figures_problems

    name = str(path)
    try:
        fig = load_figures(path)
    except FiguresError as err:
        listed = getattr(err, "all_errors", None) or getattr(err, "errors", None)
        return FiguresReport(None, list(listed) if listed else [str(err)], [])
    locate = _locator(path)
    warnings = []
    for loc, msg in figures_problems(fig):
        warnings.append(locate(loc, msg).format(name, warning=True))
    return FiguresReport(fig, [], warnings)


def _locator(path: str | Path) -> Any:
    """loc -> Problem with the line (YAML/JSON) or cell (workbook) of ``loc``."""
    p = Path(path)
    if p.suffix.lower() == XLSX_SUFFIX:
        from drafter.figures.excel import cell_locator

        return cell_locator(p)
    root: yaml.Node | None = None
    try:
        text = read_regular(p, MAX_FIGURES_BYTES, error=FiguresError,
                            what="berkas angka").decode("utf-8-sig")
        root = _compose_json(text) if p.suffix.lower() == ".json" else _parse_yaml(text)[0]
    except Exception:  # noqa: BLE001 - it was read a moment ago; without lines then
        root = None

    def locate(loc: Sequence[str | int], msg: str) -> Problem:
        return Problem(_node_line(root, loc), format_loc(loc), msg)

    return locate


def validation_errors(path: str | Path) -> list[str]:
    """All validation errors of a figures file as one-line messages (for `lkip validate`)."""
    return check_figures_file(path).errors
