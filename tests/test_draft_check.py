"""The drafter's own output must give zero issues in `lkip check` (Markdown and DOCX)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft import draft_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_drafted_markdown_has_no_issues(path: Path, tmp_path: Path) -> None:
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig

    out = tmp_path / f"{path.stem}.md"
    draft_file(path, out)
    result = check_file(out, CheckConfig())
    assert not result.issues, "\n".join(
        f"{i.location.line}: {i.rule} {i.message}" for i in result.issues)


def test_drafted_docx_has_no_issues(tmp_path: Path) -> None:
    from drafter.check.batch import check_file
    from drafter.check.context import CheckConfig

    out = tmp_path / "gumukmas.docx"
    draft_file(ROOT / "examples" / "gumukmas-2023.yaml", out)
    result = check_file(out, CheckConfig())
    assert not result.issues, "\n".join(f"{i.rule} {i.message}" for i in result.issues)
