"""Spelling rules SP101-SP105 and the dictionary backends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.check import spell
from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import all_rules
from drafter.check.rules import spelling
from drafter.check.runner import check_document, run_rules
from drafter.document.readers import parse_text, read_document

SP_RULES = [r for r in all_rules() if r.code.startswith("SP")]
HAS_HUNSPELL = spell.get_speller("hunspell")[0] is not None
needs_hunspell = pytest.mark.skipif(not HAS_HUNSPELL, reason="hunspell binding or id_ID missing")


def _issues(text: str, *, markdown: bool | None = None, config: CheckConfig | None = None) -> list[Any]:
    doc = parse_text(text, "<uji>", markdown=markdown)
    ctx = CheckContext(doc, config or CheckConfig())
    return [i for i in run_rules(ctx, SP_RULES, strict=True) if i.rule.startswith("SP")]


def test_sp_rules_are_typo_and_documented() -> None:
    assert [r.code for r in SP_RULES] == ["SP101", "SP102", "SP103", "SP104", "SP105"]
    for r in SP_RULES:
        assert r.category == "typo"
        assert r.doc()["what"] and r.doc()["why"]


def test_substitution_keeps_case_and_reports_each_occurrence() -> None:
    issues = _issues("ANALISA DATA\nAnalisa efektifitas dan analisa resiko.\n")
    got = [(i.excerpt, i.expected) for i in issues if i.rule == "SP103"]
    assert got == [("ANALISA", "ANALISIS"), ("Analisa", "Analisis"), ("efektifitas", "efektivitas"),
                   ("analisa", "analisis"), ("resiko", "risiko")]
    assert all(i.severity == "info" for i in issues)
    assert "seharusnya 'Analisis'" in issues[1].message


def test_affixed_forms_and_multiword_substitutions() -> None:
    issues = _issues("Tim menganalisa data.\nPuji syukur kehadiran Tuhan Yang Maha Esa.\n")
    assert {(i.excerpt, i.expected) for i in issues} == {
        ("menganalisa", "menganalisis"), ("kehadiran Tuhan", "kehadirat Tuhan")}
    assert issues[1].location.line == 2 and issues[1].location.column == 13


def test_english_spelling_skipped_in_italics_and_parentheses() -> None:
    assert not _issues("Istilah *survey* dan *table* ditulis miring.\n", markdown=True)
    assert not _issues("Survei kepuasan (customer satisfaction survey) dilaksanakan.\n")
    assert [i.expected for i in _issues("Hasil survey pada table berikut.\n")] == ["survei", "tabel"]


def test_di_preposition_and_prefix() -> None:
    issues = _issues("Pembinaan dibidang pemerintahan di laksanakan diatasnya.\n")
    assert [(i.rule, i.expected) for i in issues] == [
        ("SP104", "di bidang"), ("SP104", "dilaksanakan"), ("SP104", "di atasnya")]
    # correct forms and passive verbs are left alone
    assert not _issues("Dilaksanakan di bidang pemerintahan, diatasi dan diakhiri di kantor.\n")


def test_phrase_swap_suggests_the_standard_phrase() -> None:
    issues = _issues("BAB II PERENCANAAN DAN PERJUANGAN KINERJA\n")
    assert [(i.rule, i.excerpt, i.expected) for i in issues] == [("SP105", "PERJUANGAN", "PERJANJIAN")]
    assert "PERJANJIAN KINERJA" in issues[0].message
    assert issues[0].severity == "warning"
    # another standard phrase or an affix variant is not a swap
    assert not _issues("Rencana Kinerja Tahunan, Rencana Kerja dan Laporan Kinerja Instansi Pemerintah.\n")


@needs_hunspell
def test_unknown_word_needs_a_confident_correction() -> None:
    text = "Laporan kinerja disusun setiap tahun.\nLapopran memuat capaian.\n"
    issues = _issues(text)
    assert [(i.rule, i.excerpt, i.expected) for i in issues] == [("SP101", "Lapopran", "Laporan")]
    assert issues[0].location.line == 2
    # names, acronyms and unknown words without a close known word are not reported
    assert not _issues("Camat Hendy Siswanto menandatangani LKjIP, SAKIP dan SUKMA-e di Gumukmas.\n")


@needs_hunspell
def test_joined_and_broken_words() -> None:
    text = "Produk hukum desa berupa peraturan.\nProduk hukum desaberupa peraturan kepala desa.\n"
    assert [(i.rule, i.expected) for i in _issues(text)] == [("SP102", "desa berupa")]
    assert [i.expected for i in _issues("Kategori Sangat Memu askan.\n")] == ["Memuaskan"]


@needs_hunspell
def test_urls_emails_latex_html_digits_are_skipped() -> None:
    text = ("Lihat https://jemberkab.go.id/lapopran atau lapopran@jemberkab.go.id.\n"
            "Rumus $\\frac{Lapopran}{Target}$ dan <lapopran> serta kode Lapopran2023.\n"
            "Laporan kinerja disusun.\n")
    assert not _issues(text)


def test_no_spelling_and_ignore_typo_turn_rules_off() -> None:
    doc = parse_text("Hasil analisa dibidang PERJUANGAN KINERJA.\n", "<uji>")
    issues, _ = check_document(doc, CheckConfig(spelling=False))
    assert not [i for i in issues if i.rule.startswith("SP")]
    issues, _ = check_document(doc, CheckConfig(ignore=["typo"]))
    assert not [i for i in issues if i.category == "typo"]
    issues, _ = check_document(doc, CheckConfig(select=["SP103"]))
    assert [i.rule for i in issues] == ["SP103"]


def test_missing_dictionary_notice_once_other_rules_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LKIP_SPELL_BACKEND", "none")
    doc = parse_text("Hasil analisa data.\nLapopran kinerja. Laporan kinerja.\n", "<uji>")
    issues, notices = check_document(doc, CheckConfig())
    assert notices.count(spell.MISSING_NOTICE) == 1
    assert "hunspell-id" in spell.MISSING_NOTICE
    codes = [i.rule for i in issues]
    assert "SP103" in codes  # substitutions need no dictionary
    assert "SP101" not in codes


def test_find_dictionary_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "id_ID.dic").write_text("1\nkata\n", encoding="utf-8")
    (tmp_path / "id_ID.aff").write_text("SET UTF-8\n", encoding="utf-8")
    monkeypatch.setenv("LKIP_HUNSPELL_DIR", str(tmp_path))
    assert spell.find_dictionary() == (tmp_path / "id_ID.dic", tmp_path / "id_ID.aff")
    monkeypatch.setenv("LKIP_HUNSPELL_DIR", str(tmp_path / "nothing"))
    found = spell.find_dictionary()
    assert found is None or found[0].parent != tmp_path


def test_each_distinct_word_checked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def check(word: str) -> bool:
        calls.append(word)
        return word.lower() in {"laporan", "kinerja", "disusun", "capaian", "memuat"}

    fake = spell.Speller("fake", check, lambda w: [])
    monkeypatch.setattr(spelling, "get_speller", lambda: (fake, None))
    _issues("Laporan kinerja disusun. " * 50 + "\nLapopran memuat capaian.\n")
    assert calls and len(calls) == len(set(calls))


def test_spylls_budget_gives_partial_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    fake = spell.Speller("spylls", lambda w: calls.append(w) or True, lambda w: [], budget=0.0)
    monkeypatch.setattr(spelling, "get_speller", lambda: (fake, spell.PARTIAL_NOTICE))
    doc = parse_text("Lapopran kinerja disusun.\n", "<uji>")
    issues, notices = check_document(doc, CheckConfig(select=["SP101"]))
    assert not issues and notices == [spell.PARTIAL_NOTICE] and not calls


def test_distance_and_similarity() -> None:
    assert spelling.distance("lapopran", "laporan") == 1
    assert spelling.distance("stategis", "strategis") == 1
    assert spelling.distance("ab", "ba") == 1
    assert spelling.distance("kinerja", "tahunan") == 3
    assert spelling.similar_word("pertandingan", "perbandingan")
    assert not spelling.similar_word("pemerintahan", "pemerintah")
    assert spelling.match_case("ANALISA", "analisis") == "ANALISIS"
    assert spelling.match_case("Nopember", "November") == "November"


@pytest.mark.seeds
@needs_hunspell
def test_recall_on_devset_typo_entries(seeds_dir: Path) -> None:
    """Measured, not tuned per line: typo gold entries found by the SP rules within +-1 line."""
    devset = seeds_dir.parent / "devset"
    found = total = 0
    for gold in sorted(devset.glob("*.gold.yaml")):
        key = gold.name.split(".")[0].split("_", 1)[1]
        seed = next(seeds_dir.glob(f"lkip-*{key}*.txt"))
        entries = [e for e in yaml.safe_load(gold.read_text(encoding="utf-8"))
                   if e["category"] == "typo" and e.get("detectable") == "auto"]
        ctx = CheckContext(read_document(seed), CheckConfig())
        lines = [i.location.line for i in run_rules(ctx, SP_RULES)]
        total += len(entries)
        found += sum(1 for e in entries if any(abs(ln - e["line"]) <= 1 for ln in lines))
    assert total and found / total >= 0.7


def test_spylls_backend_when_installed() -> None:
    pytest.importorskip("spylls")
    if spell.find_dictionary() is None:
        pytest.skip("id_ID dictionary missing")
    sp, note = spell.get_speller("spylls")
    assert sp is not None and sp.backend == "spylls" and note == spell.PARTIAL_NOTICE
    assert sp.known("analisis") and not sp.known("Lapopran")


@needs_hunspell
def test_multiword_finding_is_reported_once_and_rare_words_get_dictionary_neighbours() -> None:
    issues = _issues("Temuan akan ditindak lanjuti. Pelaksanaanya baik.\n")
    assert [(i.rule, i.expected) for i in issues] == [
        ("SP103", "ditindaklanjuti"), ("SP101", "Pelaksanaannya")]
