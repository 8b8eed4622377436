"""The one way the drafter runs pandoc (drafting and ``check --annotate``).

User text (figures files, checked reports) must never become markup in a Word file. Three walls:

1. Markdown is read with every pandoc extension that passes content through unparsed or that
   reaches outside the text turned off (``READER_FORMAT``: no raw HTML/TeX/OpenXML, no math, no
   notes, no spans/divs/attributes, no metadata blocks, no implicit figures). Checked reports
   are read with HTML recognised (``REPORT_READER_FORMAT``) only so that formatting tags such as
   ``<b>`` or ``<p>`` can be dropped; every other tag stays as text.
2. The pandoc AST (JSON) is cleaned in Python (:func:`sanitize_ast`) before the DOCX is written:
   images, links, raw blocks/inlines, math, notes and citations become their literal source text;
   spans and divs are unwrapped; attributes are dropped; characters XML cannot hold are replaced.
   Only node types known to be inert are kept; anything else is a clean error. The drafter's own
   additions (comments of ``--annotate``) are inserted after this pass.
3. pandoc runs with ``--sandbox`` (no file or network access besides the reference document
   named on its command line), a memory cap and a timeout, reading stdin and writing stdout:
   no temporary files. :func:`run_pandoc` kills it on any exit path (exception, SIGINT, SIGTERM).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from drafter.errors import LkipError

# Extensions of pandoc's Markdown that interpret raw content, reach files/URLs, attach attributes
# (custom styles, comment classes) or carry metadata: all off.
DISABLED_EXTENSIONS = (
    "raw_html", "raw_attribute", "raw_tex", "markdown_in_html_blocks", "latex_macros",
    "tex_math_dollars", "tex_math_single_backslash", "tex_math_double_backslash",
    "footnotes", "inline_notes", "citations", "bracketed_spans", "native_spans", "native_divs",
    "fenced_divs", "link_attributes", "header_attributes", "inline_code_attributes",
    "fenced_code_attributes", "table_attributes", "implicit_figures", "yaml_metadata_block",
    "pandoc_title_block", "mmd_title_block", "implicit_header_references", "auto_identifiers",
    "subscript", "superscript", "smart", "emoji", "autolink_bare_uris", "wikilinks_title_after_pipe",
    "wikilinks_title_before_pipe", "rebase_relative_paths", "mark", "abbreviations", "alerts",
)
READER_FORMAT = "markdown" + "".join(f"-{e}" for e in DISABLED_EXTENSIONS)
# checked reports (``--annotate``) often carry the formatting tags of a conversion (<b>, <p>,
# <sup>, <br>): HTML is recognised there so that those tags can be dropped (as the checker drops
# them); any other HTML (images, links, scripts, comments) stays as its literal text
REPORT_READER_FORMAT = READER_FORMAT.replace("-raw_html", "").replace("-markdown_in_html_blocks", "")

TOO_DEEP = ("struktur dokumen terlalu dalam (daftar atau kutipan bersarang ratusan tingkat) "
             "untuk dibuat DOCX; kurangi tingkat sarangnya")
TIMEOUT_SECONDS = 180.0  # a 300-page report converts in a few seconds
MEMORY_LIMIT = "2g"  # pandoc's heap cap (+RTS -M)
# pandoc reads SOURCE_DATE_EPOCH for the document's creation date (docProps/core.xml)
SOURCE_DATE_EPOCH = "1704067200"

# ------------------------------------------------------------------------------------------------
# signals: SIGTERM becomes SystemExit(143) inside ``terminate_cleanly`` so that every ``finally``
# runs (pandoc killed, temporary files removed); ``deferred_termination`` holds it back while a
# file is being written, so that nothing is left half-written.

_state = threading.local()


class _Guard:
    def __init__(self) -> None:
        self.depth = 0
        self.defer = 0
        self.pending: int | None = None
        self.previous: Any = None


def _guard() -> _Guard | None:
    return getattr(_state, "guard", None)


def _on_signal(signum: int, _frame: Any) -> None:
    g = _guard()
    if g is not None and g.defer:
        g.pending = signum
        return
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Within the block SIGTERM raises ``SystemExit(143)`` (main thread only; nests)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    g = _guard()
    if g is None:
        g = _state.guard = _Guard()
    if g.depth == 0:
        g.previous = signal.signal(signal.SIGTERM, _on_signal)
    g.depth += 1
    try:
        yield
    finally:
        g.depth -= 1
        if g.depth == 0:
            signal.signal(signal.SIGTERM, g.previous)
            _state.guard = None


@contextlib.contextmanager
def deferred_termination() -> Iterator[None]:
    """SIGTERM received within the block takes effect when the block ends."""
    g = _guard()
    if g is None:
        yield
        return
    g.defer += 1
    try:
        yield
    finally:
        g.defer -= 1
        if g.defer == 0 and g.pending is not None:
            signum, g.pending = g.pending, None
            raise SystemExit(128 + signum)


# ------------------------------------------------------------------------------------------------
# running pandoc


def pandoc_path() -> str:
    try:
        import pypandoc
    except ImportError:  # pragma: no cover - pypandoc-binary is a dependency
        raise LkipError("pandoc (pypandoc) tidak tersedia; keluaran DOCX tidak dapat dibuat") from None
    try:
        return str(pypandoc.get_pandoc_path())
    except OSError as exc:  # pragma: no cover
        raise LkipError(f"pandoc tidak ditemukan ({exc})") from None


def run_pandoc(args: Sequence[str], data: bytes, *, timeout: float | None = None) -> bytes:
    """Run pandoc (sandboxed, heap-capped, with a timeout) on ``data`` (stdin); return stdout.

    The subprocess is killed and reaped on every exit path: error, timeout, KeyboardInterrupt,
    and SIGTERM (turned into ``SystemExit`` for the duration of the call).
    """
    cmd = [pandoc_path(), "+RTS", f"-M{MEMORY_LIMIT}", "-RTS", "--sandbox", *args]
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    limit = TIMEOUT_SECONDS if timeout is None else timeout
    with terminate_cleanly():
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=env)
        except OSError as exc:
            raise LkipError(f"pandoc tidak dapat dijalankan ({exc.strerror})") from None
        try:
            out, err = proc.communicate(data, timeout=limit)
        except subprocess.TimeoutExpired:
            raise LkipError(f"pandoc melebihi batas waktu {limit:g} detik; "
                            "perkecil dokumen atau bagi menjadi beberapa berkas") from None
        finally:
            if proc.returncode is None:  # interrupted, timed out or failed: kill and reap
                with contextlib.suppress(OSError):
                    proc.kill()
                with contextlib.suppress(Exception):
                    proc.communicate(timeout=5)
                with contextlib.suppress(Exception):
                    proc.wait(timeout=5)
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()
    if proc.returncode != 0:
        msg = " ".join(err.decode("utf-8", "replace").split())[:200] or f"kode {proc.returncode}"
        raise LkipError(f"pandoc gagal: {msg}")
    return out


def markdown_to_ast(markdown: str, reader: str = READER_FORMAT) -> dict[str, Any]:
    """Markdown read with ``reader`` (:data:`READER_FORMAT`) into a pandoc AST (JSON object)."""
    if reader not in (READER_FORMAT, REPORT_READER_FORMAT):
        raise ValueError("reader: READER_FORMAT or REPORT_READER_FORMAT")
    out = run_pandoc(["-f", reader, "-t", "json"], markdown.encode("utf-8"))
    try:
        ast = json.loads(out)
    except RecursionError:
        raise LkipError(TOO_DEEP) from None
    except ValueError:  # pragma: no cover - pandoc writes JSON
        raise LkipError("pandoc menghasilkan AST yang tidak dapat dibaca") from None
    if not isinstance(ast, dict) or "blocks" not in ast:  # pragma: no cover
        raise LkipError("pandoc menghasilkan AST yang tidak dikenal")
    return ast


def ast_to_docx(ast: dict[str, Any], *, reference_doc: Path | None = None) -> bytes:
    """A pandoc AST written as DOCX (optionally with a reference document)."""
    args = ["-f", "json", "-t", "docx", "-o", "-"]
    if reference_doc is not None:
        args.append(f"--reference-doc={reference_doc}")
    try:
        data = json.dumps(ast, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except RecursionError:
        raise LkipError(TOO_DEEP) from None
    return run_pandoc(args, data)


# ------------------------------------------------------------------------------------------------
# the AST pass

Node = dict[str, Any]

# inert node types: kept (their children are cleaned)
_SAFE_INLINES = frozenset({"Str", "Emph", "Underline", "Strong", "Strikeout", "Superscript",
                           "Subscript", "SmallCaps", "Quoted", "Space", "SoftBreak", "LineBreak",
                           "Code"})
_SAFE_BLOCKS = frozenset({"Plain", "Para", "LineBlock", "CodeBlock", "BlockQuote", "OrderedList",
                          "BulletList", "DefinitionList", "Header", "HorizontalRule", "Table"})
# enumerations of the AST (alignments, list styles, quote and math types): kept as they are
_ENUMS = frozenset({"AlignLeft", "AlignRight", "AlignCenter", "AlignDefault", "ColWidth",
                    "ColWidthDefault", "DefaultStyle", "Example", "Decimal", "LowerRoman",
                    "UpperRoman", "LowerAlpha", "UpperAlpha", "DefaultDelim", "Period", "OneParen",
                    "TwoParens", "SingleQuote", "DoubleQuote", "InlineMath", "DisplayMath"})
_EMPTY_ATTR: list[Any] = ["", [], []]
# HTML formatting/structure tags that carry no content of their own (dropped); anything else
# (img, a, script, object, iframe, comments...) is shown as text
_FORMAT_TAG = re.compile(
    r"</?(?:b|strong|i|em|u|s|strike|del|ins|sup|sub|small|big|mark|span|font|p|br|div|center|"
    r"ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|h[1-6]|hr|pre|code|tt|"
    r"blockquote|section|article|header|footer|nobr|wbr)\b[^<>]*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\b[^<>]*>", re.IGNORECASE)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot hold (C0 controls but tab/newline/CR, surrogates, U+FFFE/F)
    become U+FFFD."""
    return _XML_BAD.sub("\ufffd", text)


def stringify(node: Any) -> str:
    """The plain text of a node or list of nodes (pandoc's ``stringify``)."""
    parts: list[str] = []

    def go(x: Any) -> None:
        if isinstance(x, list):
            for y in x:
                go(y)
        elif isinstance(x, dict):
            t = x.get("t")
            c = x.get("c")
            if t in ("Str", "Code", "Math", "RawInline"):
                parts.append(c if t == "Str" else c[-1])
            elif t in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif t in ("Link", "Image"):
                go(c[1])
            elif t in ("Span", "Div"):
                go(c[1])
            elif t == "Header":
                go(c[2])
            elif c is not None and t not in ("CodeBlock", "RawBlock"):
                go(c)
            elif t in ("CodeBlock", "RawBlock"):
                parts.append(c[-1])

    go(node)
    return "".join(parts)


def _str(text: str) -> Node:
    return {"t": "Str", "c": _xml_safe(text)}


def text_inlines(text: str) -> list[Node]:
    """Literal text as Str/Space/LineBreak inlines."""
    out: list[Node] = []
    for li, line in enumerate(text.split("\n")):
        if li:
            out.append({"t": "LineBreak"})
        for wi, word in enumerate(line.split(" ")):
            if wi:
                out.append({"t": "Space"})
            if word:
                out.append(_str(word))
    return out


def _target(target: list[Any]) -> str:
    url, title = target[0], target[1]
    return url + (f' "{title}"' if title else "")


def _clean_node(node: Node, kind: str) -> list[Node]:
    """One node, cleaned: a list of nodes of the same kind (inline/block) that replace it."""
    t = node.get("t")
    c = node.get("c")
    if t == "Str":
        return [_str(c)]
    if t in _ENUMS:
        return [node]
    if t in ("Code", "CodeBlock"):
        return [{"t": t, "c": [_EMPTY_ATTR, _xml_safe(c[1])]}]
    if t == "Header":
        return [{"t": t, "c": [c[0], _EMPTY_ATTR, _clean_list(c[2], "inline")]}]
    if t == "Table":
        return [{"t": t, "c": [_EMPTY_ATTR, *_clean_any(c[1:])]}]
    if t in _SAFE_INLINES or t in _SAFE_BLOCKS:
        if c is None:
            return [node]
        return [{"t": t, "c": _clean_any(c)}]
    # user constructs that are not kept: their literal text instead
    if t == "Image":
        return [_str("!["), *_clean_list(c[1], "inline"), _str(f"]({_target(c[2])})")]
    if t == "Link":
        text = stringify(c[1])
        url = c[2][0]
        if url in (text, f"mailto:{text}"):
            return [_str(f"<{text}>")]
        return [_str("["), *_clean_list(c[1], "inline"), _str(f"]({_target(c[2])})")]
    if t in ("Span", "Cite"):
        return _clean_list(c[1] if t == "Span" else c[1], "inline")
    if t == "Div":
        return _clean_list(c[1], "block")
    if t == "Figure":
        return [*_clean_list(c[1][1], "block"), *_clean_list(c[2], "block")]
    if t == "Math":
        delim = "$$" if c[0].get("t") == "DisplayMath" else "$"
        return [_str(f"{delim}{c[1]}{delim}")]
    if t in ("RawInline", "RawBlock") and c[0] == "html" and _FORMAT_TAG.fullmatch(c[1].strip()):
        if _BREAK_TAG.fullmatch(c[1].strip()) and t == "RawInline":
            return [{"t": "LineBreak"}]
        return []  # a formatting tag: dropped, its text stays
    if t == "RawInline":
        return text_inlines(c[1])
    if t == "RawBlock":
        return [{"t": "Para", "c": text_inlines(c[1])}]
    if t == "Note":
        return [_str("^["), *text_inlines(stringify(c)), _str("]")]
    raise LkipError(f"pandoc menghasilkan unsur dokumen yang tidak dikenal ({t}, {kind})")


def _clean_list(items: list[Any], kind: str) -> list[Any]:
    out: list[Any] = []
    for x in items:
        if isinstance(x, dict) and "t" in x:
            out.extend(_clean_node(x, kind))
        else:
            out.append(_clean_any(x))
    return out


def _clean_any(x: Any) -> Any:
    if isinstance(x, list):
        return _clean_list(x, "inline")
    if isinstance(x, dict):
        if "t" in x:  # a node outside a list (does not occur in pandoc's JSON)
            cleaned = _clean_node(x, "inline")
            return cleaned[0] if len(cleaned) == 1 else {"t": "Span", "c": [_EMPTY_ATTR, cleaned]}
        return {k: _clean_any(v) for k, v in x.items()}
    if isinstance(x, str):
        return _xml_safe(x)
    return x


def sanitize_ast(ast: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``ast`` holding only inert nodes, no metadata and no attributes.

    The kind ("inline"/"block") passed down only labels error messages: a node is always replaced
    by nodes of its own kind, so inline and block lists need no separate walkers.
    """
    try:
        blocks = _clean_list(ast.get("blocks", []), "block")
    except RecursionError:
        raise LkipError(TOO_DEEP) from None
    except (IndexError, KeyError, TypeError, AttributeError):  # pragma: no cover
        raise LkipError("pandoc menghasilkan AST yang tidak dikenal") from None
    return {"pandoc-api-version": ast.get("pandoc-api-version"), "meta": {}, "blocks": blocks}


def markdown_to_safe_docx(markdown: str, *, reference_doc: Path | None = None,
                          transform: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
                          reader: str = READER_FORMAT) -> bytes:
    """Markdown -> AST -> :func:`sanitize_ast` -> (``transform``) -> DOCX."""
    ast = sanitize_ast(markdown_to_ast(markdown, reader))
    if transform is not None:
        ast = transform(ast)
    return ast_to_docx(ast, reference_doc=reference_doc)


__all__ = ["READER_FORMAT", "REPORT_READER_FORMAT", "ast_to_docx", "deferred_termination", "markdown_to_ast",
           "markdown_to_safe_docx", "run_pandoc", "sanitize_ast", "stringify", "terminate_cleanly", "text_inlines"]
