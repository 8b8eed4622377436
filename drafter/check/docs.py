"""Rule documentation for `lkip rules` (Indonesian by default, English with ``--lang en``).

The Indonesian texts are data: ``rules/docs/id.yaml``, keyed by rule code, each with ``what``
(what is checked), ``why`` (why it matters) and optionally ``more``. The English text is the
rule's docstring, or ``rules/docs/en.yaml`` for rules whose docstring is written in Indonesian.
Both files are validated (strict schema: unknown keys, empty texts and unknown codes are
errors). Examples come from ``rules/examples/CODE.yaml``.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from drafter.check.registry import Rule, all_rules, get_rule
from drafter.resources import data_dir, load_yaml

SEVERITY_ID = {"error": "galat", "warning": "peringatan", "info": "info"}
SEVERITY_EN = {"error": "error", "warning": "warning", "info": "info"}
LANGS = ("id", "en")
WIDTH = 96

LABELS = {
    "id": {"category": "Kategori", "severity": "Tingkat", "what": "Yang diperiksa:",
           "why": "Mengapa penting:", "fail": "Contoh yang ditandai:", "pass": "Contoh yang benar:",
           "fix": "Perbaikan otomatis (--fix): ya"},
    "en": {"category": "Category", "severity": "Severity", "what": "What is checked:",
           "why": "Why it matters:", "fail": "Flagged example:", "pass": "Correct example:",
           "fix": "Automatic fix (--fix): yes"},
}

# rules that attach mechanical fixes to (some of) their issues
FIXABLE = frozenset({"AR101", "SP101", "SP102", "SP103", "SP104", "TB101", "TB102", "TB103"})


class RuleDoc(BaseModel):
    """One rule's documentation in one language."""

    model_config = ConfigDict(extra="forbid", strict=True)

    what: str = Field(min_length=1)
    why: str = Field(min_length=1)
    more: str = ""


def _load(lang: str) -> dict[str, RuleDoc]:
    name = f"docs/{lang}.yaml"
    if not (data_dir("rules") / name).is_file():
        return {}
    raw = load_yaml("rules", name) or {}
    if not isinstance(raw, dict):
        raise ValueError(f"rules/{name}: must map rule codes to documentation")
    out: dict[str, RuleDoc] = {}
    for code, entry in raw.items():
        try:
            out[str(code)] = RuleDoc.model_validate(entry)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ValueError(f"rules/{name}: {code}.{where}: {err['msg']}") from None
    return out


@lru_cache(maxsize=2)
def doc_table(lang: str) -> dict[str, RuleDoc]:
    """The documentation file of ``lang`` (validated; codes checked against the registry)."""
    table = _load(lang)
    unknown = sorted(set(table) - {r.code for r in all_rules()})
    if unknown:
        raise ValueError(f"rules/docs/{lang}.yaml: unknown rule codes {', '.join(unknown)}")
    return table


def rule_doc(rule: type[Rule], lang: str = "id") -> dict[str, str]:
    """``what``/``why``/``more`` of ``rule`` in ``lang`` (``id`` or ``en``), whitespace as in the
    source (docstrings) or folded (YAML)."""
    lang = lang if lang in LANGS else "id"
    entry = doc_table(lang).get(rule.code)
    if entry is not None:
        return {"what": entry.what.strip(), "why": entry.why.strip(), "more": entry.more.strip()}
    return rule.doc()  # English, or a rule not translated yet (tests require every translation)


def default_lang() -> str:
    """The language of ``lkip rules`` without ``--lang``: ``LKIP_LANG``, else ``lang`` of the
    lkip.toml found from the current folder, else Indonesian."""
    import os

    env = os.environ.get("LKIP_LANG", "").strip().lower()
    if env:
        return "en" if env.startswith("en") else "id"
    try:
        from drafter.check.config import find_config

        data, _ = find_config(None)
    except Exception:  # noqa: BLE001 - a broken config is reported by `lkip check`, not here
        return "id"
    return "en" if data.get("lang") == "en" else "id"


def rule_examples(code: str) -> dict[str, Any]:
    name = f"{code.upper()}.yaml"
    if not (data_dir("rules") / "examples" / name).is_file():
        return {}
    return load_yaml("rules", f"examples/{name}") or {}


def _severity(sev: str, lang: str) -> str:
    return (SEVERITY_EN if lang == "en" else SEVERITY_ID)[sev]


def list_rules(lang: str = "id") -> str:
    rows = []
    for r in all_rules():
        what = rule_doc(r, lang)["what"]
        first = _cut(" ".join(what.split())) if lang == "id" else (what.splitlines()[0] if what else "")
        rows.append(f"{r.code:7} {r.category:15} {_severity(r.severity, lang):10} {first or r.name}")
    return "\n".join(rows)


def _cut(text: str, width: int = 90) -> str:
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width)
    return text[: cut if cut > 0 else width].rstrip(" ,;:(") + " ..."


def _para(text: str, lang: str) -> str:
    if "\n" in text and "\n\n" not in text:
        return text  # docstrings keep their own line breaks
    return "\n".join(textwrap.fill(" ".join(p.split()), WIDTH) for p in text.split("\n\n"))


def describe_rule(code: str, lang: str = "id") -> str | None:
    r = get_rule(code)
    if r is None:
        return None
    lab = LABELS["en" if lang == "en" else "id"]
    d = rule_doc(r, lang)
    ex = rule_examples(r.code)
    out = [f"{r.code} ({r.name})",
           f"{lab['category']}: {r.category}    {lab['severity']}: {_severity(r.severity, lang)}", ""]
    out += [lab["what"], _para(d["what"], lang), ""]
    if d["why"]:
        out += [lab["why"], _para(d["why"], lang), ""]
    if d["more"]:
        out += [_para(d["more"], lang), ""]
    if r.code in FIXABLE:
        out += [lab["fix"], ""]
    fails = ex.get("fail") or []
    passes = ex.get("pass") or []
    if fails:
        out += [lab["fail"], _indent(fails[0]["text"]), ""]
    if passes:
        out += [lab["pass"], _indent(passes[0]["text"]), ""]
    return "\n".join(out).rstrip() + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines())
