"""Cross-document checks: an LKIP against its SK IKU, Perjanjian Kinerja and last year's LKIP
(``lkip check LKIP --with FILE``). The rules live in :mod:`drafter.crossdoc.rules`."""

from drafter.crossdoc.siblings import (
    Sibling,
    detect_kind,
    load_sibling,
    set_siblings,
    siblings_for,
    siblings_from_texts,
    use_siblings,
)

__all__ = ["Sibling", "detect_kind", "load_sibling", "set_siblings", "siblings_for", "siblings_from_texts",
           "use_siblings"]
