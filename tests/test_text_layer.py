"""The text layer: one sentence splitter, tokens and typed number mentions (drafter/text)."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.rules._textutil import sentence, sentence_bounds
from drafter.document.readers import parse_text
from drafter.text import about_one_sasaran, analyze, classify, operand_numbers, scan, split, words


def sents(text: str) -> list[str]:
    return [text[s:e] for s, e in split(text)]


# ----------------------------------------------------------------------------- sentences
@pytest.mark.parametrize("text", [
    "Kantor Kec. Tampan berada di Jl. Soekarno Hatta No. 12 Kota Pekanbaru.",
    "Laporan ditandatangani Drs. H. Rahmat Hidayat, M.Si. selaku Kepala Badan.",
    "Ir. Hj. Siti Aminah, S.STP., M.M. menjabat sebagai Inspektur Provinsi.",
    "Periode Renstra 2021 s.d. 2026 telah ditetapkan a.n. Bupati Sleman.",
    "Anggaran Rp. 3.437.517 terserap sebesar 96,5 persen.",
    "Dokumen u.p. Sekretaris Dinas dikirim dengan Dr. Made Suarta sebagai penanggung jawab.",
])
def test_abbreviations_do_not_split(text: str) -> None:
    assert sents(text) == [text]


def test_sentence_ends_and_offsets_are_exact() -> None:
    text = ("Realisasi tahun 2023 sebesar 96,5%. Capaian kinerja 98,2% (kategori Sangat Memuaskan)! "
            "Apakah target tercapai? Ya; seluruh kegiatan terlaksana.")
    spans = split(text)
    got = [text[s:e] for s, e in spans]
    assert got == ["Realisasi tahun 2023 sebesar 96,5%.",
                   "Capaian kinerja 98,2% (kategori Sangat Memuaskan)!",
                   "Apakah target tercapai?", "Ya;", "seluruh kegiatan terlaksana."]
    for s, e in spans:
        assert not text[s].isspace() and not text[e - 1].isspace()


def test_list_markers_ellipsis_leaders_and_lowercase() -> None:
    assert sents("1. Program Peningkatan Pelayanan Publik") == ["1. Program Peningkatan Pelayanan Publik"]
    assert sents("b. Sasaran kedua diukur dengan dua indikator.") == ["b. Sasaran kedua diukur dengan dua indikator."]
    assert sents("IV. PENUTUP") == ["IV. PENUTUP"]
    assert sents("Data belum lengkap... Oleh karena itu dilakukan verifikasi.") == [
        "Data belum lengkap...", "Oleh karena itu dilakukan verifikasi."]
    assert len(sents("BAB II PERENCANAAN KINERJA ........ 12")) == 1
    assert sents("Jumlahnya 12 desa. kemudian dicek ulang.") == ["Jumlahnya 12 desa. kemudian dicek ulang."]
    # a number mid-sentence before a period ends the sentence; a grade after "predikat" too
    assert len(sents("Desa binaan sebanyak 3. Selanjutnya dibina.")) == 2
    assert len(sents("Hasil evaluasi memperoleh predikat B. Hal ini perlu ditingkatkan.")) == 2


def test_acronyms_at_a_sentence_end_still_split() -> None:
    text = "Data ini belum diaudit oleh BPK. Dari analisis yang dilakukan ada efisiensi; dan hemat."
    assert sents(text) == ["Data ini belum diaudit oleh BPK.", "Dari analisis yang dilakukan ada efisiensi;",
                           "dan hemat."]
    assert sents("Peralatan kantor, ATK, dll. Selanjutnya dibahas anggaran.") == [
        "Peralatan kantor, ATK, dll.", "Selanjutnya dibahas anggaran."]


def test_newline_ends_a_sentence() -> None:
    assert sents("Kepala Dinas\nNIP. 19700101 199003 1 005") == ["Kepala Dinas", "NIP. 19700101 199003 1 005"]


def test_sentence_bounds_wrapper_and_bisect() -> None:
    text = "Pertama sekali. Kedua kali di Kab. Bantul. Ketiga."
    i = text.index("Bantul")
    b, e = sentence_bounds(text, i, i + 6)
    assert text[b:e] == "Kedua kali di Kab. Bantul."
    assert sentence(text, 0) == "Pertama sekali."
    # a span over two sentences gives both
    assert sentence(text, 3, text.index("Kedua") + 3) == "Pertama sekali. Kedua kali di Kab. Bantul."
    # a position in the gap belongs to the next sentence
    assert analyze(text).sentence_at(text.index(" Kedua")) == "Kedua kali di Kab. Bantul."


# ----------------------------------------------------------------------------- tokens
def test_tokens_and_words() -> None:
    u = analyze("Kali-kali 12 desa di Gumukmas2 Qur'an.")
    assert [t.text for t in u.tokens] == ["Kali-kali", "desa", "di", "Gumukmas", "Qur'an"]
    t = u.tokens[1]
    assert u.text[t.start:t.end] == "desa"
    assert [p.text for p in u.pieces][:2] == ["Kali", "kali"]
    assert words("Badan Pendapatan-Daerah 2023") == ["badan", "pendapatan", "daerah"]
    assert words("Tabel 3 baris 12", digits=True) == ["tabel", "3", "baris", "12"]


# ----------------------------------------------------------------------------- mentions
def kinds(text: str) -> list[tuple[str, str]]:
    return [(m.kind, m.text) for m in scan(text)]


def test_mention_kinds() -> None:
    text = ("Pada tahun 2023 (tahun ketiga Renstra 2021-2026) Kecamatan Tampan melayani 3.437.517 jiwa "
            "dengan anggaran Rp 1.250.000,00 dan capaian 96,5%; IKM 88,05 dengan nilai BB (80) dan "
            "5 (lima) indikator, periode 2021 s.d. 2026, tahun ke-3, angka 2,5.")
    got = kinds(text)
    assert ("year", "2023") in got
    assert ("ordinal", "tahun ketiga") in got
    assert ("year_range", "2021-2026") in got
    assert ("year_range", "2021 s.d. 2026") in got
    assert ("count", "3.437.517") in got
    assert ("rupiah", "Rp 1.250.000,00") in got
    assert ("percent", "96,5%") in got
    assert ("score", "88,05") in got
    assert ("grade", "BB (80)") in got
    assert ("count", "5") in got
    assert ("ordinal", "tahun ke-3") in got
    assert ("number", "2,5") in got
    by_text = {m.text: m for m in scan(text)}
    assert by_text["3.437.517"].value == Decimal(3437517)
    assert by_text["3.437.517"].noun == "jiwa"
    assert by_text["5"].noun == "indikator"
    assert by_text["96,5%"].value == Decimal("96.5")
    assert by_text["2021 s.d. 2026"].value2 == Decimal(2026)
    assert by_text["tahun ketiga"].value == 3
    assert by_text["BB (80)"].grade == "BB" and by_text["BB (80)"].value == 80
    for m in scan(text):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(("text", "bad"), [
    ("realisasi pendapatan sebesar 2.186,670.304 rupiah", "2.186,670.304"),
    ("nilai evaluasi sebesar 1.23.4 pada tahun ini", "1.23.4"),
    ("rasio sebesar 12,5,6 persen", "12,5,6 persen"),
    ("pagu anggaran Rp. 95.523400,-", "Rp. 95.523400,-"),
    ("jumlah penduduk 3,437,517 jiwa", "3,437,517"),
])
def test_malformed_numbers_are_typed_and_never_operands(text: str, bad: str) -> None:
    ms = [m for m in scan(text) if m.kind == "malformed"]
    assert [m.text for m in ms] == [bad]
    assert not ms[0].operand and ms[0].value is None
    start = text.index(bad)
    assert all(not (n.start < start + len(bad) and start < n.end) for n in operand_numbers(text))


@pytest.mark.parametrize("text", [
    "Sub Bab 3.1.2 menjelaskan kode sub kegiatan 1.02.01.2.01.0003.",
    "Realisasi anggaran sub kegiatan 1.02.01.2.01.0003 dan belanja 5.1.02.01.01.0024 sebesar Rp 12.500.000.",
    "Berita acara tanggal 31.12.2023 nomor 050/123/35.09.04/2023.",
    "Sesuai Pasal 1,2 dan Bab 3.1 serta nilai 92.8 tahun lalu.",
    "Anggaran sebesar Rp 10.039.600,00,- dan 1.234.567,89 serta 88,05%.",
])
def test_codes_dates_and_standard_numbers_are_not_malformed(text: str) -> None:
    assert [m.text for m in scan(text) if m.kind == "malformed"] == []


def test_may_hold_malformed_is_false_only_without_malformed_mentions() -> None:
    # the shortcut of operand_numbers and TextLayer.mentions("malformed"): exact on texts made
    # of digits, separators, Rp, percent signs, cue words and spaces
    import random

    from drafter.text.mentions import may_hold_malformed

    rnd = random.Random(11)
    pieces = ["1", "23", "456", "2023", "7890", "5", "12", "000"] * 3 + [".", ","] * 6 + [
        ",-", "Rp", "Rp.", " ", "  ", "%", " persen", "sebesar ", "anggaran ", "Pasal ", "x", "-",
        "(", ")", "ke-", "tahun "]
    found = 0
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 14)))
        if any(m.kind == "malformed" for m in scan(text)):
            found += 1
            assert may_hold_malformed(text), text
    assert found > 200  # the texts hold malformed numbers often enough to test the shortcut
    assert not may_hold_malformed("Rp 1.234.567,89 atau 88,05% dari 92.8 pada 2023")
    assert may_hold_malformed("sebesar 2.186,670.304 rupiah")


def test_signed_values_keep_their_sign() -> None:
    (m,) = scan("-2,5%")
    assert (m.kind, m.value, m.text) == ("percent", Decimal("-2.5"), "-2,5%")
    assert [x.value for x in scan("periode 2020-2024 naik 3")][-1] == 3


def test_classify_needs_a_value_cue_for_odd_dotted_forms() -> None:
    assert classify("1.23.4") == "code"
    assert classify("1.23.4", before="sebesar ") == "malformed"
    assert classify("95.523400", rupiah=True) == "malformed"
    assert classify("3.437.517") == "valid"


def test_about_one_sasaran() -> None:
    assert about_one_sasaran("Sasaran ini diukur dengan 1 indikator kinerja.")
    assert about_one_sasaran("Pada sasaran 2 terdapat dua indikator.")
    assert not about_one_sasaran("Badan menetapkan 4 sasaran strategis dengan 6 indikator.")


# ----------------------------------------------------------------------------- document layer
def test_layer_on_context_is_cached_and_cells_are_own_sources() -> None:
    text = ("BAB III\n\nTabel 3.1 Pengukuran\n\nNo\tIndikator\tRealisasi\n1\tPersentase A. Baru\t2.186,670.304\n\n"
            "Realisasi tahun 2023 sebesar 96,5%. Kegiatan selesai.\n")
    ctx = CheckContext(parse_text(text, "<t>"), CheckConfig(year=2023))
    assert ctx.text is ctx.text
    bad = [(u.text, m.text) for u, _b, m in ctx.text.mentions("malformed")]
    assert bad == [("2.186,670.304", "2.186,670.304")]
    prose = [b for b in ctx.document.blocks if b.text.startswith("Realisasi")][0]
    assert len(ctx.text.of(prose).sentences) == 2


def test_linear_time_sanity() -> None:
    para = ("Pada tahun 2023 Kec. Tampan melayani 3.437.517 jiwa dengan capaian 96,5% (Drs. H. Ali, M.Si.); "
            "realisasi Rp 1.250.000,00 tercapai. ")
    text = para * (2_000_000 // len(para))
    t0 = time.perf_counter()
    u = analyze(text)
    n_s = len(u.sentences)
    n_m = len(u.mentions)
    n_t = len(u.tokens)
    for k in range(0, len(text), len(text) // 50):
        u.bounds(k)
    dt = time.perf_counter() - t0
    print(f"2 MB text layer: {dt:.2f}s, {n_s} sentences, {n_m} mentions, {n_t} tokens")
    assert n_s >= 2 * (len(text) // len(para)) - 1
    assert dt < 60  # generous: the layer is linear; a quadratic rescan would take hours


def test_sasaran_heading_is_the_nearest_preceding_one() -> None:
    text = ("BAB III\n\nSasaran Strategis 1 : Meningkatnya mutu pelayanan\n\nParagraf satu.\n\n"
            "Sasaran Strategis 2 : Menurunnya angka pelanggaran\n\nSasaran ini diukur dengan 1 indikator.\n")
    ctx = CheckContext(parse_text(text, "<t>"), CheckConfig(year=2023))
    _ = ctx.info  # assigns chapters
    blocks = ctx.document.blocks
    last = blocks[-1]
    head = ctx.text.sasaran_heading(last)
    assert head is not None and "Sasaran Strategis 2" in head.text
    first = next(b for b in blocks if b.text.startswith("Paragraf"))
    assert "Sasaran Strategis 1" in ctx.text.sasaran_heading(first).text  # type: ignore[union-attr]
    assert ctx.text.sasaran_heading(blocks[0]) is None


def test_a_grade_letter_after_an_amount_word_ends_the_sentence() -> None:
    # "sebesar B." is a grade, not an initial: the next sentence starts after it
    assert sents("Nilai tahun lalu sebesar B. Nilai tahun ini naik menjadi BB.") == [
        "Nilai tahun lalu sebesar B.", "Nilai tahun ini naik menjadi BB."]
    assert len(sents("Predikat SAKIP berubah menjadi A. Hal ini menunjukkan kemajuan.")) == 2
    # an initial after an ordinary word still does not end one
    assert len(sents("Laporan disusun oleh Bapak H. Sutrisno selaku Camat.")) == 1


def test_clauses_split_sentences_after_a_colon() -> None:
    text = "Sasaran 2: Meningkatnya kualitas layanan. Faktor penyebabnya: (1) SDM; (2) dana."
    u = analyze(text)
    got = [text[s:e] for s, e in u.clauses]
    assert got == ["Sasaran 2:", "Meningkatnya kualitas layanan.", "Faktor penyebabnya:",
                   "(1) SDM;", "(2) dana."]
    # clauses nest in the sentences: every clause lies in one sentence
    for s, e in u.clauses:
        assert any(a <= s and e <= b for a, b in u.sentences)
    # a colon in a time or a ratio is not a break
    assert len(analyze("Rasio 1:3 dicapai pukul 10:30 WIB.").clauses) == 1


def test_list_clauses_keep_a_semicolon_list_whole() -> None:
    text = "Desa binaan: Desa Sukamaju; Desa Sukasari; dan Desa Cibodas. Semua aktif.\nA; B"
    u = analyze(text)
    assert [text[s:e] for s, e in u.list_clauses] == [
        "Desa binaan:", "Desa Sukamaju; Desa Sukasari; dan Desa Cibodas.", "Semua aktif.", "A; B"]
    # the plain clauses split at each semicolon
    assert "Desa Sukamaju;" in [text[s:e] for s, e in u.clauses]
    # a semicolon at a line end does not join the next line
    two = "Satu;\nDua"
    assert [two[s:e] for s, e in analyze(two).list_clauses] == ["Satu;", "Dua"]


def test_no_rule_module_splits_sentences_itself() -> None:
    """Every rule reads sentences and clauses from the text layer (drafter/text): no rule module
    compiles its own sentence-splitting pattern."""
    import pathlib
    import re as _re

    root = pathlib.Path(__file__).resolve().parent.parent / "drafter" / "check"
    splitter = _re.compile(r"""\(\?<=\[[.;:!?]{2,}\]\)\\s|(?:finditer|split|findall)\(r?["']\[\^\.""")
    offenders = [f"{p.relative_to(root)}:{n}" for p in sorted(root.rglob("*.py"))
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if splitter.search(line)]
    assert offenders == []
