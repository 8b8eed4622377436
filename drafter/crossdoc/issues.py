"""An issue that also points into a sibling document: the second place of a cross-document
disagreement (JSON ``related``, SARIF ``relatedLocations``)."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.check.registry import Issue
from drafter.document.model import Location, TextUnit


@dataclass(frozen=True)
class Related:
    """A place in a sibling document."""

    file: str
    document: str  # what the sibling is ("SK IKU", "Perjanjian Kinerja", ...)
    location: Location
    excerpt: str = ""

    def where(self) -> str:
        """The place as a user reads it: line (text) or paragraph (DOCX), with the table cell."""
        loc = self.location
        extra = loc.extra or {}
        if "page" in extra:
            where = f"hal. {extra['page']}, baris {extra.get('line', loc.line)}"
        elif "paragraph" in extra:
            where = f"paragraf {extra['paragraph']}"
        else:
            where = f"baris {loc.line}"
        if "table" in extra:
            where += f", tabel {extra['table']} baris {extra.get('row', '?')} sel {extra.get('cell', '?')}"
        return where

    def describe(self) -> str:
        """``SK IKU (sk.txt, baris 118)``."""
        from pathlib import Path

        return f"{self.document} ({Path(self.file).name or self.file}, {self.where()})"

    def as_dict(self) -> dict[str, object]:
        d: dict[str, object] = {"file": self.file, "document": self.document}
        d.update(self.location.as_dict())
        if self.excerpt:
            d["excerpt"] = self.excerpt
        return d


def related_at(file: str, document: str, unit: TextUnit, start: int = 0,
               end: int | None = None) -> Related:
    end = len(unit.text) if end is None else end
    return Related(file, document, unit.locate(start, end), unit.text[start:end].strip()[:120])


@dataclass(frozen=True)
class CrossIssue(Issue):
    """An :class:`Issue` with the places in sibling documents it disagrees with."""

    related: tuple[Related, ...] = ()

    def as_dict(self) -> dict[str, object]:
        d = super().as_dict()
        d["related"] = [r.as_dict() for r in self.related]
        return d


def with_related(issue: Issue, related: Related | tuple[Related, ...]) -> CrossIssue:
    rel = related if isinstance(related, tuple) else (related,)
    return CrossIssue(issue.rule, issue.category, issue.severity, issue.message, issue.location,
                      issue.excerpt, issue.expected, issue.fix, related=rel)
