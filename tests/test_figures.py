"""The figures model and loader on the bundled examples and on single faults."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml

from drafter.errors import FiguresError
from drafter.figures import load_figures

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_validate(path: Path) -> None:
    fig = load_figures(path)
    assert fig.sasaran and fig.program
    # komposisi (when given) adds up to the total pagu (budgets may be given at any level)
    if fig.komposisi_total() is not None:
        assert fig.komposisi_total() == fig.total_pagu() == sum((p.jumlah_pagu for p in fig.program), D(0))


def test_seed_examples_budget_totals() -> None:
    gum = load_figures(ROOT / "examples" / "gumukmas-2023.yaml")
    subs = [sk for p in gum.program for k in p.kegiatan for sk in k.sub_kegiatan]
    assert (len(gum.program), sum(len(p.kegiatan) for p in gum.program), len(subs)) == (5, 14, 27)
    assert sum((s.pagu for s in subs), D(0)) == D("3973567698")
    assert sum((s.realisasi_anggaran for s in subs), D(0)) == D("3628278209")
    umb = load_figures(ROOT / "examples" / "umbulsari-2023.yaml")
    assert sum((sk.pagu for p in umb.program for k in p.kegiatan for sk in k.sub_kegiatan),
               D(0)) == D("4231208525")


def _write(tmp_path: Path, mutate) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load((ROOT / "examples" / "contoh-sintetis.yaml").read_text(encoding="utf-8"))
    mutate(data)
    p = tmp_path / "angka.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


@pytest.mark.parametrize(("mutate", "field", "words"), [
    (lambda d: d["sasaran"][0]["indikator"][0].pop("target"),
     "sasaran[0].indikator[0].target", "wajib diisi"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(target=0),
     "sasaran[0].indikator[0]", "tidak boleh 0"),
    (lambda d: d["program"][0].update(sasaran="S7"), "program[0].sasaran", "tidak dikenal"),
    (lambda d: d["program"][0]["kegiatan"][0]["sub_kegiatan"][0].update(pagu=-1),
     "program[0].kegiatan[0].sub_kegiatan[0].pagu", "tidak boleh negatif"),
    (lambda d: d["sasaran"][2]["indikator"][0].update(realisasi="Z"),
     "sasaran[2].indikator[0].realisasi", "nilai huruf"),
    (lambda d: d["sasaran"][0]["indikator"][0].update(realisasi="AA"),
     "sasaran[0].indikator[0]", "sama jenisnya"),
    (lambda d: d.update(tahun=2030), "tahun", "di luar periode Renstra"),
])
def test_single_faults(tmp_path: Path, mutate, field: str, words: str) -> None:  # type: ignore[no-untyped-def]
    p = _write(tmp_path, mutate)
    with pytest.raises(FiguresError) as exc:
        load_figures(p)
    msg = str(exc.value)
    assert "\n" not in msg
    assert msg.startswith(f"{p}:") and field in msg and words in msg
    line = int(msg.split(":")[1])
    assert line >= 1


def test_docs_example_drafts(tmp_path: Path) -> None:
    import re

    from drafter.draft import draft_file

    text = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block is not None
    src = tmp_path / "angka.yaml"
    src.write_text(block.group(1), encoding="utf-8")
    draft_file(src, tmp_path / "bab3.md")
    assert "Tabel 3.8" in (tmp_path / "bab3.md").read_text(encoding="utf-8")
