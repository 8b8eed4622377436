"""Render BAB III Markdown from the context with the jinja2 templates in ``templates/``.

Every ``{{ ... }}`` output passes through :func:`markdown_literal` (the environment's
``finalize``), so no template variable can put user text into Markdown unescaped; only values the
drafter marks as ``Trusted`` (its "-" for missing data) are written as they are.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jinja2

from drafter.draft.context import DASH, Trusted, build_context
from drafter.figures.model import Figures
from drafter.resources import jinja_bytecode_cache, read_text

TEMPLATE = "bab3.md.j2"

EFISIENSI_RUMUS = {
    "selisih": ("dihitung sebagai selisih capaian kinerja dikurangi serapan anggaran; "
                "penggunaan sumber daya efisien bila selisih tersebut tidak negatif"),
    "sisa_anggaran": ("dihitung sebagai 100% dikurangi serapan anggaran, dan penggunaan sumber "
                      "daya efisien bila capaian kinerja tidak lebih rendah dari serapan anggaran"),
    "rasio": ("dihitung sebagai rasio capaian kinerja terhadap serapan anggaran; penggunaan "
              "sumber daya efisien bila rasio tersebut paling sedikit 1"),
}


# characters that open inline Markdown constructs anywhere in a line (emphasis, code, links and
# images, spans and attributes, math, sub/superscript, escapes, table cells, ATX closings)
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}$~^|#])")
# an entity or a tag/autolink would be interpreted: written as entities instead
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# "@" where a citation could start (not inside an e-mail address)
_CITATION = re.compile(r"(?<![0-9A-Za-z])@")
# block markers, only meaningful at the start of a value (which may start a line or a list item):
# list markers "- ", "+ ", "1. ", "a) ", "(i) ", "-" alone, rules "---", quotes ">", definitions
# and fenced divs ": ", ":::"
_LEADING_LIST = re.compile(r"^(\(?[0-9A-Za-z]{1,9})([.)])(?=\s|$)|^\(([0-9A-Za-z]{1,9}\))(?=\s|$)")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def markdown_literal(value: Any) -> str:
    """``value`` as Markdown that pandoc reads back as exactly its text: one line (whitespace,
    newlines included, collapsed to single spaces), every construct-opening character escaped.

    Characters that do not open constructs (``. , ( ) % / : -`` inside the text) are left alone, so
    numbers such as ``3.973.567.698,00`` and ``88,05%`` are written unchanged.
    """
    if isinstance(value, Trusted):
        return str(value)
    text = " ".join(_CONTROL.sub(" ", str(value)).split())
    if not text:
        return ""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")
    text = _CITATION.sub(r"\\@", text)
    first = text[0]
    if first == ">":
        text = "&gt;" + text[1:]
    elif first in "-+" and (len(text) == 1 or text[1] in " -"):
        text = "\\" + text
    elif first == ":" and (len(text) == 1 or text[1] in ": "):
        text = "\\" + text
    else:
        m = _LEADING_LIST.match(text)
        if m and m.group(1) is not None:
            text = text[:m.start(2)] + "\\" + text[m.start(2):]
        elif m:
            text = "\\" + text
    return text


def _cell(value: Any) -> str:
    """Text for a pipe-table cell (kept for templates; escaping is done by ``finalize``)."""
    if isinstance(value, Trusted):
        return Trusted(" ".join(str(value).split()))
    return " ".join(str(value).split())


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
        finalize=markdown_literal, bytecode_cache=jinja_bytecode_cache(),
    )
    env.filters["cell"] = _cell
    env.globals["dash"] = DASH
    return env


def render_markdown(fig: Figures) -> str:
    ctx = build_context(fig)
    ctx["efisiensi_rumus_text"] = EFISIENSI_RUMUS[fig.pengukuran.efisiensi]
    # every template variable goes through markdown_literal (jinja2 finalize): user text from the
    # figures file is written as literal text, never as Markdown/pandoc markup
    text = environment().get_template(TEMPLATE).render(**ctx)
    # tidy: no trailing spaces, at most one blank line, one final newline
    text = "\n".join(line.rstrip() for line in text.splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text
