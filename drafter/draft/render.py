"""Render BAB III Markdown from the context with the jinja2 templates in ``templates/``."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2

from drafter.draft.context import build_context
from drafter.figures.model import Figures
from drafter.resources import read_text

TEMPLATE = "bab3.md.j2"

EFISIENSI_RUMUS = {
    "selisih": ("dihitung sebagai selisih capaian kinerja dikurangi serapan anggaran; "
                "penggunaan sumber daya efisien bila selisih tersebut tidak negatif"),
    "sisa_anggaran": ("dihitung sebagai 100% dikurangi serapan anggaran, dan penggunaan sumber "
                      "daya efisien bila capaian kinerja tidak lebih rendah dari serapan anggaran"),
    "rasio": ("dihitung sebagai rasio capaian kinerja terhadap serapan anggaran; penggunaan "
              "sumber daya efisien bila rasio tersebut paling sedikit 1"),
}


def _cell(value: Any) -> str:
    """Text safe inside a pipe-table cell."""
    return " ".join(str(value).split()).replace("|", "\\|")


class _Loader(jinja2.BaseLoader):
    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Any]:
        try:
            source = read_text("templates", template)
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        return source, None, lambda: True


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_Loader(), undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True, autoescape=False,
    )
    env.filters["cell"] = _cell
    return env


def render_markdown(fig: Figures) -> str:
    ctx = build_context(fig)
    ctx["efisiensi_rumus_text"] = EFISIENSI_RUMUS[fig.pengukuran.efisiensi]
    text = environment().get_template(TEMPLATE).render(**ctx)
    # tidy: no trailing spaces, at most one blank line, one final newline
    text = "\n".join(line.rstrip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text
