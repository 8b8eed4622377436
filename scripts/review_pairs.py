"""Refresh the drafted side of docs/review/pairs.md from the current drafter.

Each pair names its indicator and figures file in its heading ("## Pasangan 1: Indeks Kepuasan
Masyarakat (examples/gumukmas-2023.yaml)"); the key at the end says which side (X or Y) is the
draft. The drafted side is replaced by the indicator's B.1 paragraphs as
``drafter.draft.context.build_context`` writes them; the human-style side, the sides and the key
stay as they are.

Usage: .venv/bin/python scripts/review_pairs.py [docs/review/pairs.md]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's drafter, not another one installed in the venv

from drafter.draft.context import build_context  # noqa: E402
from drafter.figures import load_figures  # noqa: E402

HEAD = re.compile(r"^## Pasangan (\d+): (.+) \((examples/[^)]+\.yaml)\)$")
KEY = re.compile(r"^- Pasangan (\d+): X = (draf|manusia), Y = (draf|manusia)$")


def drafted(path: Path, name: str) -> str:
    ctx = build_context(load_figures(ROOT / path))
    for s in ctx["sasaran"]:
        for i in s.indikator:
            if i.nama == name:
                return "\n\n".join(i.text_paragraphs)
    raise SystemExit(f"{path}: indikator {name!r} tidak ditemukan")


def refresh(text: str) -> str:
    sides = {int(m.group(1)): "X" if m.group(2) == "draf" else "Y"
             for m in map(KEY.match, text.splitlines()) if m}
    parts = re.split(r"(?m)^(?=## )", text)
    out = []
    for part in parts:
        first = part.split("\n", 1)[0]
        m = HEAD.match(first)
        if not m:
            out.append(part)
            continue
        no, name, path = int(m.group(1)), m.group(2), Path(m.group(3))
        side = sides[no]
        body = re.split(r"(?m)^\*\*([XY])\*\*\n", part)
        # body: [heading, "X", text, "Y", text]
        texts = dict(zip(body[1::2], body[2::2], strict=True))
        texts[side] = "\n" + drafted(path, name) + "\n\n"
        out.append(body[0] + "".join(f"**{k}**\n{texts[k]}" for k in ("X", "Y")))
    return "".join(out)


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "review" / "pairs.md"
    target.write_text(refresh(target.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
