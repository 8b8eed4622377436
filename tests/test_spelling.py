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
HAS_WORDLIST = spell.get_speller()[0] is not None
needs_hunspell = pytest.mark.skipif(not HAS_WORDLIST, reason="id_ID word list (lkip_kamus_id) missing")
HAS_HUNSPELL = spell.get_speller("hunspell")[0] is not None
needs_binding = pytest.mark.skipif(not HAS_HUNSPELL, reason="hunspell binding or system id_ID missing")


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
    assert "lkip_kamus_id" in spell.MISSING_NOTICE
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


@needs_hunspell
def test_multiword_finding_is_reported_once_and_rare_words_get_dictionary_neighbours() -> None:
    issues = _issues("Temuan akan ditindak lanjuti. Pelaksanaanya baik.\n")
    assert [(i.rule, i.expected) for i in issues] == [
        ("SP103", "ditindaklanjuti"), ("SP101", "Pelaksanaannya")]


# ------------------------------------------------------------------ the packaged word list
def _wordlist(words: list[str]) -> spell.WordList:
    groups: dict[str, list[str]] = {}
    for w in sorted(words):
        groups.setdefault(w[:spell.WORDLIST_KEY], []).append(w[spell.WORDLIST_KEY:])
    data = "".join(f"{k}\t{' '.join(v)}\n" for k, v in groups.items()).encode()
    return spell.WordList.from_bytes(data)


def test_wordlist_case_rules_and_hyphen_breaks() -> None:
    wl = _wordlist(["rumah", "di", "ke", "Jakarta", "kerja", "sama", "kerja-sama", "aba-aba", "a"])
    assert len(wl) == 9
    assert wl.known("rumah") and wl.known("Rumah") and wl.known("RUMAH")
    assert not wl.known("rUmah") and not wl.known("ruma") and not wl.known("rumahh")
    assert wl.known("Jakarta") and wl.known("JAKARTA") and not wl.known("jakarta")
    assert wl.known("di") and wl.known("a") and not wl.known("") and not wl.known("rumah kerja")
    # hunspell's BREAK: parts known -> known; a leading/trailing hyphen is dropped
    assert wl.known("rumah-rumah") and wl.known("Kerja-Sama") and wl.known("kerja-") and wl.known("-kerja")
    assert wl.known("aba-aba-rumah") and not wl.known("rumah-rumahh")
    assert not wl.known("-".join(["rumah"] * 11))  # at most 9 hyphens, as hunspell


def test_packaged_wordlist_loads_and_suggests_deterministically() -> None:
    sp, note = spell.get_speller()
    if sp is None:
        pytest.skip("lkip_kamus_id missing")
    assert sp.backend == "wordlist" and note is None
    wl = spell.load_wordlist()
    assert wl is not None and 150_000 < len(wl) < 400_000
    for w in ("pelaksanaan", "Pelaksanaan", "PELAKSANAAN", "dilaksanakan", "berkoordinasi", "kinerja"):
        assert sp.known(w), w
    for w in ("Pelaksnaan", "kinerjaa", "efektifitass"):
        assert not sp.known(w), w
    assert sp.suggest("Pelaksnaan") == ["pelaksanaan"]
    assert sp.suggest("mamadai")[0] == "memadai"
    two = sp.suggest("pelaksnaaan")  # two edits away: found through rapidfuzz
    assert "pelaksanaan" in two and two == sp.suggest("pelaksnaaan")


@needs_binding
def test_wordlist_agrees_with_hunspell_on_the_seeds(seeds_dir: Path) -> None:
    """Every word of the seeds (mixed case excepted: never looked up) gets hunspell's answer."""
    from drafter.text.layer import WORD_RE

    wl = spell.load_wordlist()
    hs, _ = spell.get_speller("hunspell")
    assert wl is not None and hs is not None
    words = set()
    for p in sorted(seeds_dir.glob("*.txt")):
        words.update(WORD_RE.findall(p.read_text(encoding="utf-8")))
    words = {w for w in words if w.isupper() or not any(c.isupper() for c in w[1:])}
    assert len(words) > 1000
    assert [w for w in sorted(words) if wl.known(w) != hs.known(w)] == []


def test_no_system_dictionary_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LKIP_NO_SYSTEM_DICT", "1")
    assert spell.find_dictionary() is None
    if spell.wordlist_bytes() is None:
        pytest.skip("lkip_kamus_id missing")
    issues = _issues("Rapat koordinasi berjalan lancar. Rapat koordinasi berjalan lancra.\n")
    assert [(i.rule, i.expected) for i in issues] == [("SP101", "lancar")]


@pytest.mark.skipif(not (Path(__file__).resolve().parent.parent / "kamus").is_dir(), reason="no source tree")
def test_wheel_carries_the_wordlist_with_its_licence(tmp_path: Path) -> None:
    """The main wheel holds lkip_kamus_id (data + LICENSE); installed alone, with the system
    dictionaries hidden, the checker reads the word list from it."""
    import subprocess
    import sys
    import zipfile

    pytest.importorskip("hatchling")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                          "-w", str(tmp_path / "w"), str(root)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    (wheel,) = (tmp_path / "w").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for n in ("id_ID.words.gz", "LICENSE", "COPYING.LGPL-3", "COPYING.GPL-3", "__init__.py"):
        assert f"lkip_kamus_id/{n}" in names
    zipfile.ZipFile(wheel).extractall(tmp_path / "site")
    site = repr(str(tmp_path / "site"))
    code = ("import drafter.check.spell as s, lkip_kamus_id as k; sp, n = s.get_speller(); "
            f"print(s.__file__.startswith({site}), k.__file__.startswith({site}), s.find_dictionary(), "
            "sp.backend, sp.known('Pelaksanaan'), sp.known('Pelaksnaan'), sum(1 for _ in k.words()) > 150000)")
    env = {"PYTHONPATH": str(tmp_path / "site"), "LKIP_NO_SYSTEM_DICT": "1", "PATH": "/usr/bin:/bin"}
    res = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["True", "True", "None", "wordlist", "True", "False", "True"]


# ------------------------------------------------------------------ vocabulary of the field
@needs_hunspell
def test_place_names_of_the_gazetteer_never_flagged_or_split() -> None:
    """Nationwide place names are words, also when the document uses their parts separately."""
    text = ("Pilang dan kenceng adalah kata daerah. Banjar dan negara juga.\n"
            "Kantor di Pilangkenceng melayani warga; PILANGKENCENG dan Banjarnegara berbatasan.\n"
            "Kunjungan ke Banjarnegara dan pilangkenceng dilaksanakan.\n")
    assert _issues(text) == []


@needs_hunspell
def test_names_learned_from_cover_are_never_split() -> None:
    """"Batuhijau" is no place of the gazetteer; the body uses "batu" and "hijau" apart, so
    without the cover it reads as a missing space; the cover makes it the office's name."""
    body = ("Jalan batu dan taman hijau diperbaiki tahun ini.\n"
            "Kantor Batuhijau buka setiap hari kerja untuk melayani warga.\n")
    assert [(i.rule, i.expected) for i in _issues(body)] == [("SP102", "Batu hijau")]
    cover = "LAPORAN KINERJA INSTANSI PEMERINTAH\nKECAMATAN BATUHIJAU\nTAHUN 2024\nKATA PENGANTAR\n"
    assert _issues(cover + body) == []
    ctx = CheckContext(parse_text(cover + body, "<uji>"), CheckConfig())
    names = spelling._document_names(ctx, spelling._Checker(spell.get_speller()[0], spelling.lexicon()))
    assert "batuhijau" in names
    # a typo on the cover is one edit from a word: not a name
    doc2 = parse_text("LAPORAN KINERJA KECAMATN SUKAJAYA\nKATA PENGANTAR\nIsi laporan.\n", "<uji>")
    ctx2 = CheckContext(doc2, CheckConfig())
    names2 = spelling._document_names(ctx2, spelling._Checker(spell.get_speller()[0], spelling.lexicon()))
    assert "kecamatn" not in names2


@needs_hunspell
def test_signatory_name_is_never_split() -> None:
    text = ("Jalan batu dan taman hijau diperbaiki tahun ini oleh warga desa setempat bersama camat.\n"
            "Pak Batuhijau memimpin kerja bakti.\n\nCamat Sukajaya,\n\nBATUHIJAU SUSANTO\nNIP. 19700101 199003 1 001\n")
    assert not [i for i in _issues(text) if i.rule == "SP102"]


@needs_hunspell
def test_unknown_word_without_correction_is_reported_once_names_are_not() -> None:
    text = ("Kegiatan pemantauan dilaksanakan setiap bulan oleh tim kecamatan.\n"
            "Hasil pemantauan danengefakuasi kegiatan disampaikan kepada Bapak Sastrowardoyo.\n"
            "Peyelngaraan rapat dilakukan di kantor bersama Ibu Kartikasari.\n")
    got = [(i.rule, i.excerpt, i.expected) for i in _issues(text)]
    assert ("SP101", "danengefakuasi", None) in got
    assert ("SP101", "Peyelngaraan", None) in got  # capitalised but shaped like an affixed word
    assert not [g for g in got if g[1] in ("Sastrowardoyo", "Kartikasari")]  # names
    msg = next(i.message for i in _issues(text) if i.excerpt == "danengefakuasi")
    assert msg.startswith("kata tidak dikenal 'danengefakuasi'")


@needs_hunspell
def test_foreign_phrases_in_quotes_italics_parentheses_skipped_lone_typo_kept() -> None:
    text = ("Desa menerapkan \"tri hita karana\" serta *menyama braya* dan (*community engagement*).\n"
            "Predikat cukup (mamadai) diberikan.\n")
    got = [(i.rule, i.excerpt, i.expected) for i in _issues(text)]
    assert got == [("SP101", "mamadai", "memadai")]


def test_build_wordlist_expands_affixes_as_hunspell_accepts(tmp_path: Path) -> None:
    """scripts/build_wordlist.py on a toy dictionary: prefixes, two suffix levels, cross product,
    circumfix and NEEDAFFIX, filtered by hunspell (binding or spylls)."""
    import importlib.util
    import sys

    if not (HAS_HUNSPELL or importlib.util.find_spec("spylls")):
        pytest.skip("neither the hunspell binding nor spylls")
    root = Path(__file__).resolve().parent.parent
    spec = importlib.util.spec_from_file_location("build_wordlist", root / "scripts" / "build_wordlist.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_wordlist"] = mod
    spec.loader.exec_module(mod)
    (tmp_path / "t.aff").write_text(
        "SET UTF-8\nFLAG long\nCIRCUMFIX A1\nNEEDAFFIX A2\n"
        "PFX B0 Y 1\nPFX B0 0 ber .\n"
        "PFX K1 Y 1\nPFX K1 0 ke/A1 .\n"
        "SFX Ka Y 1\nSFX Ka 0 an/K1A1 .\n"
        "SFX nn Y 1\nSFX nn 0 nya .\n"
        "SFX kk Y 1\nSFX kk 0 kan/nn .\n", encoding="utf-8")
    (tmp_path / "t.dic").write_text("3\nmain/B0kk\nadil/Ka\nsatu/A2B0\n", encoding="utf-8")
    words = mod.expand(tmp_path / "t.dic", tmp_path / "t.aff")
    assert words == sorted(["main", "bermain", "mainkan", "mainkannya", "bermainkan", "bermainkannya",
                            "adil", "keadilan", "bersatu"])
    out = tmp_path / "w.gz"
    mod.write(words, out)
    assert mod._read(out) == words
    wl = spell.WordList.from_bytes(__import__("gzip").decompress(out.read_bytes()))
    assert wl.known("Keadilan") and wl.known("BERMAINKANNYA") and not wl.known("satu") and not wl.known("adilan")


def test_wordlist_long_groups_are_looked_up_in_parts_with_the_same_answers() -> None:
    # a group above spell._SPLIT_ABOVE characters is searched in parts (by the next letters of
    # the rest): every word, its neighbours and the key itself answer as a whole-group search
    rests = sorted({f"{a}{b}{c}{d}" for a in "aeiou" for b in "bcdklmnprst" for c in "aiu"
                    for d in ("", "an", "kan", "i")} | {"", "a", "x"})
    group = " " + " ".join(rests) + " "
    assert len(group) > spell._SPLIT_ABOVE
    wl = spell.WordList({"meng": group, "abcd": " e f "})
    probes = ["meng" + r for r in rests] + ["meng" + r + "z" for r in rests] + \
        ["meng" + r[:-1] for r in rests if r] + ["men", "mengzz", "abcde", "abcdg", "meng a"]
    for w in probes:
        whole = wl._groups.get(w[:spell.WORDLIST_KEY])
        assert (w in wl) == (whole is not None and f" {w[spell.WORDLIST_KEY:]} " in whole), w
    assert wl.known_among(["mengabakan", "mengzz", "abcde"]) == ["mengabakan", "abcde"]
