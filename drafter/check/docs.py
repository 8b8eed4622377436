"""Rule documentation for `lkip rules` (from rule docstrings and rules/examples/CODE.yaml)."""

from __future__ import annotations

from typing import Any

from drafter.check.registry import all_rules, get_rule
from drafter.resources import data_dir, load_yaml

SEVERITY_ID = {"error": "galat", "warning": "peringatan", "info": "info"}


def rule_examples(code: str) -> dict[str, Any]:
    name = f"{code.upper()}.yaml"
    if not (data_dir("rules") / "examples" / name).is_file():
        return {}
    return load_yaml("rules", f"examples/{name}") or {}


def list_rules() -> str:
    rows = []
    for r in all_rules():
        what = r.doc()["what"].splitlines()[0] if r.doc()["what"] else r.name
        rows.append(f"{r.code:7} {r.category:15} {SEVERITY_ID[r.severity]:10} {what}")
    return "\n".join(rows)


def describe_rule(code: str) -> str | None:
    r = get_rule(code)
    if r is None:
        return None
    d = r.doc()
    ex = rule_examples(r.code)
    out = [f"{r.code} ({r.name})", f"Kategori: {r.category}    Tingkat: {SEVERITY_ID[r.severity]}", ""]
    out += ["Yang diperiksa:", d["what"], ""]
    if d["why"]:
        out += ["Mengapa penting:", d["why"], ""]
    if d["more"]:
        out += [d["more"], ""]
    fails = ex.get("fail") or []
    passes = ex.get("pass") or []
    if fails:
        out += ["Contoh yang ditandai:", _indent(fails[0]["text"]), ""]
    if passes:
        out += ["Contoh yang benar:", _indent(passes[0]["text"]), ""]
    return "\n".join(out).rstrip() + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines())
