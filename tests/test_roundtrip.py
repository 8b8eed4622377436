"""The drafter's own output must pass the checker with zero issues (Markdown and DOCX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.batch import check_file
from drafter.check.context import CheckConfig

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
@pytest.mark.parametrize("suffix", [".md", ".docx"])
def test_draft_has_zero_issues(example: Path, suffix: str, tmp_path: Path) -> None:
    from drafter.draft import draft_file

    out = tmp_path / f"{example.stem}{suffix}"
    draft_file(example, out)
    result = check_file(out, CheckConfig())
    assert result.error is None
    assert [i.as_dict() for i in result.issues] == []
