"""Cross-document rules (XD1xx): registered from :mod:`drafter.crossdoc.rules`."""

from drafter.crossdoc import rules as _rules  # noqa: F401  (registers on import)
