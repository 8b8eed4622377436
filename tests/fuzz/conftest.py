"""Hypothesis settings for the fuzz suite.

Profile ``ci`` (the default) is deterministic (``derandomize=True``) and keeps no example
database, so two runs execute exactly the same examples. ``HYPOTHESIS_PROFILE=deep`` runs ten
times more examples with a random seed, for a longer hunt on a developer machine.

Every fuzz test body calls :func:`helpers.count_example`; the terminal summary prints how
many examples ran in total (at least 23,000 per CI run: twice the first suite).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from .helpers import EXAMPLES

_COMMON = dict(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
    print_blob=True,
)
settings.register_profile("ci", derandomize=True, **_COMMON)
settings.register_profile("deep", derandomize=False, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not EXAMPLES:
        return
    total = sum(EXAMPLES.values())
    terminalreporter.write_line(f"fuzz: {total} examples in {len(EXAMPLES)} tests")
    terminalreporter.write_line("fuzz: " + ", ".join(f"{k}={v}" for k, v in sorted(EXAMPLES.items())))
