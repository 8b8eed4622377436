"""What a rule sees: the document, the configuration and the analysis of the report.

The analysis is computed lazily and cached, so a run that selects only text rules does not
pay for table understanding.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from drafter.document.model import Document

if TYPE_CHECKING:
    from drafter.check.analyzer import ReportInfo
    from drafter.check.runner import PhaseTimer
    from drafter.check.tables import TableIndex
    from drafter.measure import Scale
    from drafter.text import TextLayer


@dataclass
class CheckConfig:
    select: list[str] = field(default_factory=list)  # codes or categories; empty = all
    ignore: list[str] = field(default_factory=list)
    year: int | None = None  # report year override (--year)
    kabupaten: str | None = None  # override of the kabupaten for the gazetteer
    spelling: bool = True
    lang: str = "id"
    extra: dict[str, Any] = field(default_factory=dict)

    def wants(self, code: str, category: str) -> bool:
        keys = {code.upper(), category.lower()}
        # prefixes let "AR" select every AR rule
        def hit(items: list[str]) -> bool:
            for it in items:
                i = it.strip()
                if not i:
                    continue
                if i.lower() in keys or i.upper() in keys or code.upper().startswith(i.upper()):
                    return True
            return False

        if self.select and not hit(self.select):
            return False
        if self.ignore and hit(self.ignore):
            return False
        return True


@dataclass
class CheckContext:
    document: Document
    config: CheckConfig = field(default_factory=CheckConfig)
    notices: list[str] = field(default_factory=list)  # one-line notes for the user (stderr)
    timer: PhaseTimer | None = field(default=None, repr=False, compare=False)  # --timings

    def _phase(self, name: str) -> AbstractContextManager[None]:
        return self.timer.phase(name) if self.timer is not None else nullcontext()

    @cached_property
    def info(self) -> ReportInfo:
        from drafter.check.analyzer import analyze_report

        with self._phase("understand"):
            return analyze_report(self.document, year=self.config.year,
                                  kabupaten=self.config.kabupaten)

    @property
    def year(self) -> int | None:
        return self.info.year

    @property
    def scale(self) -> Scale:
        """The predicate scale rules judge with; when it is the default (no scale found in the
        report), the user is told once (the note comes from the analyzer's read_scale)."""
        for note in self.info.notes:
            self.notice(note)
        return self.info.scale

    @cached_property
    def tables(self) -> TableIndex:
        from drafter.check.tables import index_tables

        with self._phase("tables"):
            return index_tables(self)

    @cached_property
    def text(self) -> TextLayer:
        """Sentences, tokens and typed number mentions of every text unit (computed once)."""
        from drafter.text import TextLayer

        with self._phase("text"):
            return TextLayer(self.document)

    def notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
