"""Review the extracted text the way the next draft will be checked.

The extracted figures are drafted (BAB III, in memory) and the draft is checked with the
checker's own rules. Each issue falls on a line of the draft; the figures value printed on that
line at the issue's place is the one to settle, so it gets a comment:

* ``ejaan: <text>`` when the rules offer a mechanical correction (a non-standard spelling, a
  doubled word): the value as corrected;
* ``tinjau: <rule> <message>`` otherwise (an unknown word, a claim in a list item that the
  tables contradict): to be rewritten or removed by hand.

Numbers need no review here: the draft recomputes every derived figure from the extracted
values, and the disagreements between the report's own places are flagged by the extractor.
"""

from __future__ import annotations

from typing import Any

from drafter.extract.core import Extraction, Path_, yaml_scalar

REVIEW_FIX = "ejaan"
REVIEW_HAND = "tinjau"
SEP = " // "
# user text the draft prints; identity fields are not reviewed (a person's name is spelled as
# its bearer writes it)
_SKIP_TREES = frozenset({"instansi"})
_SKIP_LEAVES = frozenset({"id", "sasaran", "satuan", "sumber"})


def _texts(node: Any, path: Path_, out: list[tuple[Path_, str]]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if k in _SKIP_TREES or (k in _SKIP_LEAVES and not isinstance(v, (dict, list))):
                continue
            _texts(v, (*path, k), out)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _texts(v, (*path, i), out)
    elif isinstance(node, str) and node.strip():
        out.append((path, node))


def review(x: Extraction) -> None:
    """Add ``ejaan``/``tinjau`` comments to ``x`` (nothing when the figures do not validate)."""
    from pydantic import ValidationError

    from drafter.check.context import CheckConfig
    from drafter.check.runner import check_document
    from drafter.document.text_reader import parse_text
    from drafter.draft.context import _prog_title
    from drafter.draft.render import markdown_literal, render_markdown
    from drafter.figures.model import Figures

    try:
        fig = Figures.model_validate(x.data)
    except (ValidationError, ValueError):
        x.notes.append("berkas angka belum valid; ejaan tidak ditinjau")
        return
    md = render_markdown(fig)
    lines = md.splitlines()
    doc = parse_text(md, "<draft>", markdown=True)
    issues, _ = check_document(doc, CheckConfig(year=fig.tahun))
    values: list[tuple[Path_, str]] = []
    _texts(x.data, (), values)
    literal: list[tuple[Path_, str, str, int]] = []
    for p, v in values:
        literal.append((p, v, markdown_literal(v), 0))
        short = _prog_title(v)  # a program row prints "Program: <name without 'Program'>"
        if short != v and p[0] == "program" and len(p) == 3:
            literal.append((p, v, markdown_literal(short), len(v) - len(short)))
    literal.sort(key=lambda t: -len(t[2]))  # the longest value holding the place wins
    fixes: dict[Path_, list[tuple[int, str, str]]] = {}
    hand: dict[Path_, list[str]] = {}
    suggest: dict[Path_, list[tuple[int, str, str]]] = {}
    for issue in issues:
        loc = issue.location
        if not 0 < loc.line <= len(lines):
            continue
        line = lines[loc.line - 1]
        col = loc.column - 1
        for path, value, lit, shift in literal:
            start = line.find(lit)
            while start >= 0 and not start <= col < start + len(lit):
                start = line.find(lit, start + 1)
            if start < 0:
                continue
            f = issue.fix
            start -= shift  # offsets in the value itself
            if (f is not None and lit == value[shift:] and f.location.line == loc.line
                    and value[f.location.column - 1 - start:].startswith(f.old)):
                fixes.setdefault(path, []).append((f.location.column - 1 - start, f.old, f.new))
            else:
                msg = " ".join(issue.message.split())
                hand.setdefault(path, []).append(f"{issue.rule} {msg[:140]}")
                exp = issue.expected
                off = col - start
                span = line[col:loc.end_column - 1] if loc.end_line == loc.line else ""
                if exp and span and lit == value[shift:] and value[off:].startswith(span):
                    suggest.setdefault(path, []).append((off, span, exp))
            break
    by_path = dict(values)
    for path in dict.fromkeys([*fixes, *hand]):
        fixed = _apply(by_path[path], fixes.get(path, []))
        if path in fixes:
            _add(x, path, f"{REVIEW_FIX}: {yaml_scalar(fixed)}")
        if path in hand:
            note = f"{REVIEW_HAND}: " + "; ".join(dict.fromkeys(hand[path]))
            if path in suggest:
                both = fixes.get(path, []) + suggest[path]
                note += f" => {yaml_scalar(_apply(by_path[path], both))}"
            _add(x, path, note)


def _apply(text: str, edits: list[tuple[int, str, str]]) -> str:
    """Apply (offset, old, new) replacements from the right (offsets of the original text;
    an edit that no longer fits is skipped)."""
    done: set[int] = set()
    for off, old, new in sorted(edits, reverse=True):
        if off in done or text[off:off + len(old)] != old:
            continue
        done.add(off)
        text = text[:off] + new + text[off + len(old):]
    return text


def _add(x: Extraction, path: Path_, comment: str) -> None:
    old = x.comments.get(path)
    x.comments[path] = f"{old}{SEP}{comment}" if old else comment
