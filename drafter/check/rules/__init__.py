"""Rule modules. Importing this package registers every rule.

Each module holds the rules of one category; add a module here to register it.
"""

from importlib import import_module

_MODULES = (
    "leftover",
    "year",
    "foreign_name",
    "people",
    "typo",
    "terbilang",
    "structure",
    "arithmetic",
    "arithmetic_prose",
    "predicate",
    "claims",
    "claims_sasaran",
    "claims_direction",
    "cross_table",
    "count",
    "spelling",
    "completeness",
    "crossdoc",
)

for _name in _MODULES:
    try:
        import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a category not written yet
        if exc.name != f"{__name__}.{_name}":
            raise
