"""Baselines: ``lkip check --write-baseline FILE`` records the current findings; ``--baseline
FILE`` (or ``baseline = "..."`` in lkip.toml) then shows only findings that are not recorded.

A finding is recognised by its fingerprint, never by its line: the rule code, the flagged text
(case and spacing normalised) and the message with its numbers masked (messages name other
lines, "baris 419", which move when text is inserted above), plus its occurrence index among
the findings of the same file with the same fingerprint. So a finding survives moved lines and
edits elsewhere; when one more identical finding appears (a new "efektifitas"), the one past
the recorded count is shown.

The file is JSON, deterministic (sorted, no timestamps) and versioned::

    {"version": 1, "tool": "lkip", "files": {"laporan.docx": [
        {"rule": "SP103", "fingerprint": "3f2a...", "occurrence": 0, "excerpt": "efektifitas"}]}}

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
        entries = [
            {"rule": i.rule, "fingerprint": fp, "occurrence": n, "excerpt": i.excerpt[:120]}
            for i, (fp, n) in zip(r.issues, fingerprints(r.issues), strict=True)
        ]
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


def load_baseline(path: Path) -> dict[str, set[tuple[str, int]]]:
    """The recorded (fingerprint, occurrence) pairs by file key; a bad file is an LkipError."""
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
    out: dict[str, set[tuple[str, int]]] = {}
    for name, entries in files.items():
        if not isinstance(entries, list):
            raise LkipError("daftar temuan harus berupa larik", path=str(path),
                            field=f"files.{name}")
        got: set[tuple[str, int]] = set()
        for k, e in enumerate(entries):
            fp = e.get("fingerprint") if isinstance(e, dict) else None
            occ = e.get("occurrence") if isinstance(e, dict) else None
            if not isinstance(fp, str) or isinstance(occ, bool) or not isinstance(occ, int):
                raise LkipError("entri harus punya 'fingerprint' (teks) dan 'occurrence' "
                                "(bilangan bulat)", path=str(path), field=f"files.{name}[{k}]")
            got.add((fp, occ))
        out[str(name)] = got
    return out


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
        known = recorded.get(file_key(r.path, base_dir)) or only or set()
        if not known:
            out.append(r)
            continue
        keep = [i for i, fpn in zip(r.issues, fingerprints(r.issues), strict=True)
                if fpn not in known]
        hidden += len(r.issues) - len(keep)
        out.append(replace(r, issues=keep))
    return out, hidden
