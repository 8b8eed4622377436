"""Completeness rules (CM): no gap in drafted reports; deleting one analysis gives that gap."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.check.batch import check_file
from drafter.check.context import CheckConfig
from drafter.draft import draft_file, draft_markdown
from drafter.draft.context import build_context
from drafter.draft.render import markdown_literal
from drafter.figures import load_figures
from drafter.resources import load_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LABELS = {a["key"]: a["label"] for a in load_yaml("rules", "completeness.yaml")["analyses"]}


def _gaps(path: Path) -> list[tuple[str, str]]:
    return [(i.rule, i.message) for i in check_file(path, CheckConfig(select=["CM"])).issues]


@pytest.mark.parametrize("part", ["bab3", "all"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_drafts_have_no_gap(path: Path, part: str, tmp_path: Path) -> None:
    for suffix in (".md", ".docx"):
        out = tmp_path / f"{path.stem}{suffix}"
        draft_file(path, out, part)
        assert _gaps(out) == []


def _situation_key(situation: str) -> str | None:
    s = situation.removeprefix("huruf_")
    for prefix, key in (("capaian_", "target"), ("melampaui", "target"), ("tercapai", "target"),
                        ("tidak_tercapai", "target"), ("tren_", "tahun_lalu"),
                        ("renstra_", "renstra"), ("pembanding_", "pembanding"),
                        ("sebab_", "penyebab")):
        if s.startswith(prefix):
            return key
    return None


def _cut(md: str, text: str) -> str:
    """``md`` without one occurrence of the sentence(s) ``text`` (as the drafter escapes it)."""
    lit = markdown_literal(text)
    assert md.count(lit) == 1, text
    return md.replace(lit, "", 1)


def _deletions(path: Path, md: str) -> list[tuple[int, str, str]]:
    """(sasaran no, analysis key, the Markdown with that analysis deleted) for every analysis of
    every sasaran that has one indicator. An indicator's analyses are sentences of its two
    paragraphs (the target also B.2's opening, which restates it); the causes are B.1's stated cause and B.2's factor sentences (with their lists);
    the programs are the sasaran's paragraph in B.3."""
    ctx = build_context(load_figures(path))
    out: list[tuple[int, str, str]] = []
    for s in ctx["sasaran"]:
        if len(s.indikator) != 1:
            continue
        ind = s.indikator[0]
        cut_penyebab = md
        for para, sit in zip(ind.paragraphs, ind.situations, strict=True):
            key = _situation_key(sit)
            if key == "penyebab":
                cut_penyebab = _cut(cut_penyebab, para)
            elif key == "target":  # B.2 restates the indicators against their targets
                cut = _cut(md, para)
                for b in s.b2_blocks:
                    for k, text in b.units:
                        cut = _cut(cut, text) if k == "target" else cut
                out.append((s.no, key, cut))
            elif key:
                out.append((s.no, key, _cut(md, para)))
        # causes and solutions: the factor sentences of B.2 and the lists after them
        found = cut_penyebab != md
        for b in s.b2_blocks:
            for key, text in b.units:
                if key == "penyebab":
                    cut_penyebab, found = _cut(cut_penyebab, text), True
            for item in b.items:
                cut_penyebab = cut_penyebab.replace(f"\n- {markdown_literal(item)}\n", "\n", 1)
        if found:
            out.append((s.no, "penyebab", cut_penyebab))
        if s.catatan_pembanding:  # no indicator has a comparison: the sasaran's note says so
            out.append((s.no, "pembanding", _cut(md, s.catatan_pembanding)))
        eff = "\n\n" + markdown_literal(s.efisiensi_paragraph) + "\n"
        assert md.count(eff) == 1
        out.append((s.no, "efisiensi", md.replace(eff, "\n", 1)))
        if not s.programs:
            continue  # "not supported by a program" is said in B.3 and again in B.4
        out.append((s.no, "program", _cut(md, s.b3_blocks[0].text)))
    return out


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_deleting_one_analysis_gives_that_gap(path: Path, tmp_path: Path) -> None:
    md = draft_markdown(path, "all")
    cases = _deletions(path, md)
    assert {key for _, key, _ in cases} == set(LABELS)
    for no, key, text in cases:
        out = tmp_path / "cut.md"
        out.write_text(text, encoding="utf-8")
        gaps = _gaps(out)
        assert len(gaps) == 1, (no, key, gaps)
        rule, message = gaps[0]
        assert rule == "CM101"
        assert message.startswith(f"Sasaran Strategis {no} (") and LABELS[key] in message


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_deleting_realisasi_anggaran_gives_that_gap(path: Path, tmp_path: Path) -> None:
    md = draft_markdown(path)
    out = tmp_path / "cut.md"
    out.write_text(md[:md.index("## C. REALISASI ANGGARAN")], encoding="utf-8")
    assert [rule for rule, _ in _gaps(out)] == ["CM102"]


def test_completeness_is_opt_in(tmp_path: Path) -> None:
    md = draft_markdown(EXAMPLES[0])
    out = tmp_path / "cut.md"
    out.write_text(md[:md.index("## C. REALISASI ANGGARAN")], encoding="utf-8")
    default = check_file(out, CheckConfig()).issues
    assert not [i for i in default if i.category == "completeness"]
    chosen = check_file(out, CheckConfig(select=["completeness"])).issues
    assert [i.rule for i in chosen] == ["CM102"]


def test_program_table_part_counts_as_supporting_programs() -> None:
    """A report that gives its supporting programs only as a table split by sasaran ("Sasaran
    Strategis 1 : ..." above its programs) has that analysis for those sasaran in the
    checklist."""
    from drafter.check.context import CheckContext
    from drafter.check.rules.completeness import build_checklist
    from drafter.document.readers import parse_text

    text = (
        "BAB III\nAKUNTABILITAS KINERJA\n\n"
        "Sasaran Strategis 1 : Meningkatnya Kualitas Pelayanan Publik\n\n"
        "Realisasi indikator Indeks Kepuasan Masyarakat tahun 2024 sebesar 84 dari target 82.\n\n"
        "Sasaran Strategis 2 : Terjaganya Ketertiban Umum\n\n"
        "Realisasi indikator penyelesaian pelanggaran tahun 2024 sebesar 90% dari target 95%.\n\n"
        "C. ANALISIS PROGRAM DAN KEGIATAN\n\n"
        "Tabel 3.6\nTarget dan Realisasi Program dan Kegiatan Pendukung Sasaran\n\n"
        "Sasaran Strategis 1 : Meningkatnya Kualitas Pelayanan Publik\n\n"
        "No\tProgram/ Kegiatan/ Sub Kegiatan\tTarget\tCapaian\t%\n"
        "1.\tProgram : Penyelenggaraan Pemerintahan dan Pelayanan Publik\t100\t100\t100\n"
        "\tKegiatan : Koordinasi Pelayanan\t12\t12\t100\n"
    )
    ctx = CheckContext(parse_text(text))
    checklist = build_checklist(ctx)
    assert checklist is not None
    by_no = {r.no: r for r in checklist.rows}
    assert by_no[1].cells.get("program"), "the table part of sasaran 1 is its program analysis"
    assert not by_no[2].cells.get("program")
