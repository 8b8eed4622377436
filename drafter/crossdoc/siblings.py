"""Sibling documents of an LKIP (``lkip check LKIP --with FILE``): the SK IKU, the Perjanjian
Kinerja and last year's LKIP, read with the ordinary readers and understood with the same
analysis and table index as the report itself.

The kind of a sibling is recognised from its title page (``rules/crossdoc.yaml``), or given
with ``--with KIND=FILE`` (``iku=``, ``pk=``, ``lkip=``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import LkipError
from drafter.resources import load_yaml

if TYPE_CHECKING:
    from drafter.check.context import CheckContext
    from drafter.document.model import Document

KINDS = ("iku", "pk", "lkip")


@cache
def crossdoc_data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml("rules", "crossdoc.yaml")
    return data


def kind_label(kind: str) -> str:
    for k in crossdoc_data()["kinds"]:
        if k["kind"] == kind:
            return str(k["label"])
    return kind


@dataclass
class Sibling:
    """One sibling document and its understanding (computed once, on first use)."""

    kind: str
    path: str  # the name shown to the user
    document: Document = field(repr=False)

    @property
    def label(self) -> str:
        return kind_label(self.kind)

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path

    @cached_property
    def ctx(self) -> CheckContext:
        from drafter.check.context import CheckConfig, CheckContext

        return CheckContext(self.document, CheckConfig())


def title_text(doc: Document) -> str:
    """The first text blocks of ``doc`` (its title page), table-of-contents lines left out."""
    from drafter.check.rules._textutil import is_toc_line

    limit = int(crossdoc_data()["title_blocks"])
    out: list[str] = []
    for b in doc.blocks:
        if len(out) >= limit:
            break
        text = b.text.strip()
        if b.is_table or not text or is_toc_line(text):
            continue
        out.append(text)
    return "\n".join(out)


def detect_kind(doc: Document) -> str | None:
    """``iku``, ``pk`` or ``lkip`` from the title page of ``doc``; None when none fits."""
    head = title_text(doc)
    best: tuple[int, str] | None = None
    for k in crossdoc_data()["kinds"]:
        pats = [re.compile(p, re.IGNORECASE) for p in k["all"]]
        hits = [p.search(head) for p in pats]
        if not all(hits):
            continue
        first = hits[0]
        assert first is not None
        if best is None or first.start() < best[0]:
            best = (first.start(), str(k["kind"]))
    return best[1] if best else None


def _alias(name: str) -> str | None:
    low = name.strip().lower()
    for kind, names in crossdoc_data()["aliases"].items():
        if low in names:
            return str(kind)
    return None


def split_spec(spec: str) -> tuple[str | None, str]:
    """``KIND=FILE`` -> (kind, FILE); a plain FILE -> (None, FILE). A prefix that is not a
    known kind is part of the file name (``a=b.txt``) only when no such kind exists."""
    head, sep, rest = spec.partition("=")
    if sep and rest:
        kind = _alias(head)
        if kind is not None:
            return kind, rest
        if not Path(spec).exists():
            raise LkipError(f"jenis dokumen {head!r} tidak dikenal; gunakan iku=, pk= atau lkip=",
                            field="--with")
    return None, spec


def load_sibling(spec: str) -> Sibling:
    """Read one ``--with`` argument (LkipError naming the file when it cannot be used)."""
    from drafter.document.readers import read_document

    kind, path = split_spec(spec)
    if not Path(path).exists():
        raise LkipError("berkas tidak ditemukan", path=path, field="--with")
    doc = read_document(path)
    if kind is None:
        kind = detect_kind(doc)
        if kind is None:
            raise LkipError("jenis dokumen tidak dikenali (bukan SK IKU, Perjanjian Kinerja atau "
                            "LKIP); sebutkan jenisnya, mis. --with pk=BERKAS", path=path,
                            field="--with")
    return Sibling(kind, path, doc)


def siblings_from_texts(texts: dict[str, str] | Sequence[tuple[str, str]]) -> list[Sibling]:
    """Siblings from texts keyed by kind (rule fixtures, tests)."""
    from drafter.document.readers import parse_text

    items = texts.items() if isinstance(texts, dict) else texts
    out = []
    for kind, text in items:
        k = _alias(kind) or kind
        out.append(Sibling(k, f"<{k}>", parse_text(text, f"<{k}>")))
    return out


_ACTIVE: list[Sibling] = []


@contextmanager
def use_siblings(specs: Sequence[str] | None) -> Iterator[list[Sibling]]:
    """Read the ``--with`` documents and make them the siblings of every check run inside
    (worker processes forked inside inherit them)."""
    loaded = [load_sibling(s) for s in specs or ()]
    saved = list(_ACTIVE)
    _ACTIVE[:] = loaded
    try:
        yield loaded
    finally:
        _ACTIVE[:] = saved


def set_siblings(specs: Sequence[str] | None) -> list[Sibling]:
    """Read the ``--with`` documents and make them the siblings of every later check of this
    process (and of the worker processes it forks)."""
    loaded = [load_sibling(s) for s in specs or ()]
    for sib in loaded:  # understood once, before any worker process is forked
        sib.ctx.info  # noqa: B018
        sib.ctx.tables  # noqa: B018
    _ACTIVE[:] = loaded
    return loaded


def siblings_for(ctx: CheckContext) -> list[Sibling]:
    """The siblings of the document checked in ``ctx`` (configuration first, then --with)."""
    given = ctx.config.extra.get("siblings")
    if given is not None:
        return list(given)
    return [s for s in _ACTIVE if s.path != ctx.document.path]
