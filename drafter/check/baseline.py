"""Baselines: ``lkip check --write-baseline FILE`` records the current findings; ``--baseline
FILE`` (or ``baseline = "..."`` in lkip.toml) then shows only findings that are not recorded.

A finding is recognised by its fingerprint, never by its line: the rule code, the flagged text
(case and spacing normalised) and the message with its numbers masked (messages name other
lines, "baris 419", which move when text is inserted above), plus its occurrence index among
the findings of the same file with the same fingerprint. So a finding survives moved lines and
edits elsewhere. Each entry also keeps a hash of its line (text) or paragraph (DOCX): findings
are matched first by fingerprint and context, then by fingerprint alone, so when one more
identical finding appears (a new "efektifitas" in a new paragraph) it is the new one that is
shown, and a finding whose own line was edited still matches by its fingerprint.

The file is JSON, deterministic (sorted, no timestamps) and versioned::

    {"version": 1, "tool": "lkip", "files": {"laporan.docx": [
        {"rule": "SP103", "fingerprint": "3f2a...", "occurrence": 0, "context": "9b1c...",
         "excerpt": "efektifitas"}]}}

Files are keyed by their path relative to the baseline's folder (``/`` separators), or by the
name given when that is not possible (standard input).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import LkipError

if TYPE_CHECKING:
    from drafter.check.batch import FileResult
    from drafter.check.registry import Issue

VERSION = 1
MAX_BASELINE_BYTES = 64 * 1024 * 1024
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def fingerprint(issue: Issue) -> str:
    """Stable hash of what a finding is (not where it is)."""
    key = "\x1f".join((issue.rule, _norm(issue.excerpt), _DIGITS_RE.sub("#", _norm(issue.message))))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def fingerprints(issues: Sequence[Issue]) -> list[tuple[str, int]]:
    """(fingerprint, occurrence index) of each issue, the index counted in reading order."""
    seen: Counter[str] = Counter()
    out: list[tuple[str, int]] = []
    order = sorted(range(len(issues)), key=lambda k: (issues[k].location.line,
                                                      issues[k].location.column, k))
    keys: dict[int, tuple[str, int]] = {}
    for k in order:
        fp = fingerprint(issues[k])
        keys[k] = (fp, seen[fp])
        seen[fp] += 1
    for k in range(len(issues)):
        out.append(keys[k])
    return out


def contexts(path: str | Path, issues: Sequence[Issue]) -> list[str | None]:
    """Hash of the normalised source line (text) or paragraph (DOCX) of each issue; None where
    the source cannot be read again."""
    lines: list[str] = []
    try:
        if str(path).lower().endswith(".docx"):
            import docx

            from drafter.document.docx_reader import check_docx_zip, docx_paragraphs

            check_docx_zip(Path(path))
            lines = [p.text for p in docx_paragraphs(docx.Document(str(path)))]
        else:
            from drafter.document.readers import decode_text
            from drafter.document.text_reader import normalize_source
            from drafter.io import read_regular
            from drafter.limits import MAX_TEXT_BYTES

            raw = read_regular(path, MAX_TEXT_BYTES)
            lines = normalize_source(decode_text(raw, str(path))).split("\n")
    except Exception:  # noqa: BLE001 - context is a refinement; matching works without it
        return [None] * len(issues)
    out: list[str | None] = []
    for i in issues:
        k = i.location.line - 1
        if 0 <= k < len(lines):
            out.append(hashlib.sha256(_norm(lines[k]).encode("utf-8")).hexdigest()[:12])
        else:
            out.append(None)
    return out


def file_key(path: str, base_dir: Path) -> str:
    """The name of a checked file in a baseline: relative to the baseline's folder if inside."""
    p = Path(path)
    if p.exists():
        try:
            return Path(os.path.relpath(p.resolve(), base_dir.resolve())).as_posix()
        except ValueError:  # another drive (Windows)
            return p.resolve().as_posix()
    return p.as_posix()


def render_baseline(results: Sequence[FileResult], baseline_path: Path) -> str:
    base_dir = baseline_path.resolve().parent
    files: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        if r.error:
            continue
        ctx = contexts(r.source or r.path, r.issues)
        entries = []
        for i, (fp, n), c in zip(r.issues, fingerprints(r.issues), ctx, strict=True):
            e: dict[str, Any] = {"rule": i.rule, "fingerprint": fp, "occurrence": n}
            if c is not None:
                e["context"] = c
            e["excerpt"] = i.excerpt[:120]
            entries.append(e)
        entries.sort(key=lambda d: (d["rule"], d["fingerprint"], d["occurrence"]))
        files[file_key(r.path, base_dir)] = entries
    # one finding per line: a baseline kept in version control diffs readably
    out = [f'{{"version": {VERSION}, "tool": "lkip", "files": {{']
    names = sorted(files)
    for k, name in enumerate(names):
        out.append(f" {json.dumps(name, ensure_ascii=False)}: [")
        rows = [" " * 2 + json.dumps(e, ensure_ascii=False) for e in files[name]]
        out.append(",\n".join(rows))
        out.append(" ]" + ("," if k < len(names) - 1 else ""))
    out.append("}}")
    return "\n".join(line for line in out if line) + "\n"


def write_baseline(results: Sequence[FileResult], path: Path) -> int:
    """Write the baseline of ``results``; returns the number of findings recorded."""
    from drafter.io import atomic_write

    atomic_write(path, render_baseline(results, path))
    return sum(len(r.issues) for r in results if not r.error)


Entry = tuple[str, int, str | None]  # fingerprint, occurrence, context


def load_baseline(path: Path) -> dict[str, list[Entry]]:
    """The recorded (fingerprint, occurrence, context) entries by file key; a bad file is an
    LkipError."""
    from drafter.io import read_regular

    raw = read_regular(path, MAX_BASELINE_BYTES, what="berkas baseline")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise LkipError("baseline bukan JSON yang sah; tulis ulang dengan --write-baseline",
                        path=str(path), line=line) from None
    if not isinstance(data, dict) or data.get("tool") != "lkip" or "files" not in data:
        raise LkipError("bukan berkas baseline lkip (kunci 'tool' dan 'files' tidak ada)",
                        path=str(path))
    if data.get("version") != VERSION:
        raise LkipError(f"versi baseline {data.get('version')!r} tidak dikenal (yang dikenal: "
                        f"{VERSION}); tulis ulang dengan --write-baseline", path=str(path),
                        field="version")
    files = data["files"]
    if not isinstance(files, dict):
        raise LkipError("'files' harus berupa objek", path=str(path), field="files")
    out: dict[str, list[Entry]] = {}
    for name, entries in files.items():
        if not isinstance(entries, list):
            raise LkipError("daftar temuan harus berupa larik", path=str(path),
                            field=f"files.{name}")
        got: list[Entry] = []
        for k, e in enumerate(entries):
            fp = e.get("fingerprint") if isinstance(e, dict) else None
            occ = e.get("occurrence") if isinstance(e, dict) else None
            ctx = e.get("context") if isinstance(e, dict) else None
            if not isinstance(fp, str) or isinstance(occ, bool) or not isinstance(occ, int) \
                    or not (ctx is None or isinstance(ctx, str)):
                raise LkipError("entri harus punya 'fingerprint' (teks) dan 'occurrence' "
                                "(bilangan bulat); 'context' bila ada berupa teks",
                                path=str(path), field=f"files.{name}[{k}]")
            got.append((fp, occ, ctx))
        out[str(name)] = got
    return out


def _unmatched(issues: Sequence[Issue], ctx: Sequence[str | None],
               known: Sequence[Entry]) -> list[Issue]:
    """The issues no baseline entry accounts for: entries are used once, matched first by
    fingerprint and context, then by fingerprint in occurrence order."""
    fps = fingerprints(issues)
    by_ctx: Counter[tuple[str, str]] = Counter((fp, c) for fp, _, c in known if c is not None)
    left: Counter[str] = Counter(fp for fp, _, _ in known)
    order = sorted(range(len(issues)), key=lambda k: (issues[k].location.line,
                                                      issues[k].location.column, k))
    matched = [False] * len(issues)
    used_ctx: Counter[tuple[str, str]] = Counter()
    for k in order:  # pass 1: same finding on an unchanged line
        c = ctx[k]
        key = (fps[k][0], c) if c is not None else None
        if key is not None and by_ctx[key] - used_ctx[key] > 0 and left[fps[k][0]] > 0:
            used_ctx[key] += 1
            left[fps[k][0]] -= 1
            matched[k] = True
    for k in order:  # pass 2: the same finding whose line was edited
        fp = fps[k][0]
        if not matched[k] and left[fp] > 0:
            left[fp] -= 1
            matched[k] = True
    return [issues[k] for k in range(len(issues)) if not matched[k]]


def apply_baseline(results: Sequence[FileResult], path: Path) -> tuple[list[FileResult], int]:
    """``results`` without the findings recorded in the baseline ``path``, and how many were
    hidden."""
    recorded = load_baseline(path)
    base_dir = path.resolve().parent
    out: list[FileResult] = []
    hidden = 0
    only = next(iter(recorded.values())) if len(recorded) == 1 and len(results) == 1 else None
    for r in results:
        # one file checked against a baseline of one file: the same report under a new name
        known = recorded.get(file_key(r.path, base_dir)) or only or []
        if not known:
            out.append(r)
            continue
        keep = _unmatched(r.issues, contexts(r.source or r.path, r.issues), known)
        hidden += len(r.issues) - len(keep)
        out.append(replace(r, issues=keep))
    return out, hidden
