"""People in the report: names, NIP, pangkat/golongan and jabatan of the signatories."""

from __future__ import annotations

import pytest

from drafter.check.context import CheckConfig, CheckContext
from drafter.check.registry import all_rules
from drafter.check.rules.people import (
    _name_tokens,
    _signatures,
    nip_problem,
    pangkat_golongan,
    pangkat_table,
)
from drafter.check.runner import run_rules
from drafter.document.readers import parse_text


def run(text: str, code: str) -> list:  # type: ignore[type-arg]
    ctx = CheckContext(parse_text(text), CheckConfig())
    rules = [r for r in all_rules() if r.code == code]
    return [i for i in run_rules(ctx, rules, strict=True) if i.rule == code]


def test_pangkat_table_is_complete() -> None:
    table = pangkat_table()
    assert len(table) == 17 and len(set(table.values())) == 17
    assert table["III/d"] == "Penata Tingkat I" and table["IV/a"] == "Pembina"
    assert table["IV/b"] == "Pembina Tingkat I" and table["IV/e"] == "Pembina Utama"
    assert table["I/a"] == "Juru Muda"


@pytest.mark.parametrize(("text", "gol"), [
    ("Pembina Tk.I", "IV/b"), ("pembina tingkat 1", "IV/b"), ("PENATA TK. I", "III/d"),
    ("Penata Muda Tingkat I", "III/b"), ("Pembina Utama Madya", "IV/d"), ("Pejabat TK.1", None),
])
def test_pangkat_golongan(text: str, gol: str | None) -> None:
    assert pangkat_golongan(text) == gol


def test_nip_problems() -> None:
    assert nip_problem("198106152006041003") is None
    assert nip_problem("19810615 200604 1 003") is None
    assert "tanggal lahir" in (nip_problem("19813615 200604 1 003") or "")
    assert "bulan pengangkatan" in (nip_problem("19810615 200613 1 003") or "")
    assert "18 tahun" in (nip_problem("19950615 200604 1 003") or "")
    assert "digit ke-15" in (nip_problem("19810615 200604 3 003") or "")
    assert "000" in (nip_problem("19810615 200604 1 000") or "")
    assert "18 digit" in (nip_problem("1981061520060410") or "")


def test_name_variants_are_one_person() -> None:
    a = _name_tokens("Dr. H. Ahmad Fauzi Rahman, S.Sos., M.Si")
    b = _name_tokens("AHMAD  FAUZI RAHMAN")
    assert a == b == ["AHMAD", "FAUZI", "RAHMAN"]
    text = ("Camat Mariso,\n\nDr. H. AHMAD FAUZI RAHMAN, M.Si\nNIP. 19810615 200604 1 003\n\n"
            "Camat Mariso,\n\nAHMAD FAUZI RAHMAN\nNIP. 19810615 200604 1 003")
    assert run(text, "FN103") == [] and run(text, "PP103") == []


def test_signature_parts_in_table_columns() -> None:
    text = ("PIHAK KEDUA\tPIHAK PERTAMA\n"
            "GUBERNUR SULAWESI SELATAN,\tKEPALA DINAS PERTANIAN,\n"
            "BAGUS PRAKOSO ADI\tAHMAD FAUZI RAHMAN\n"
            "\tPembina Utama Muda\n"
            "\tNIP. 19700101 199503 1 002\n\n"
            "Makassar, 2 Januari 2024\n\nKEPALA DINAS PERTANIAN,\n\nAHMAD FAUZI RAHMAN\n"
            "Pembina Utama Madya\nNIP. 19700101 199503 1 002")
    sigs = _signatures(CheckContext(parse_text(text), CheckConfig()))
    mine = [s for s in sigs if s.name == "AHMAD FAUZI RAHMAN"]
    assert len(mine) == 2
    assert all(s.role is not None and s.role.text == "KEPALA DINAS PERTANIAN" for s in mine)
    assert sorted(s.pangkat.text for s in mine if s.pangkat) == ["Pembina Utama Madya",
                                                                 "Pembina Utama Muda"]
    issues = run(text, "PP102")
    assert len(issues) == 1 and issues[0].location.line == 12  # ties: the first one is right
    assert issues[0].expected == "Pembina Utama Muda (IV/c)"


def test_a_different_name_in_the_same_role_is_flagged_once() -> None:
    sig = "Inspektur Kota Kupang,\n\n{}\nNIP. {}\n\n"
    text = (sig.format("MARIA GORETI DASILVA", "19750505 200003 2 001") * 2
            + sig.format("YOHANES BOSKO LAKA", "19720505 199803 1 004"))
    issues = run(text, "PP103")
    assert [i.excerpt for i in issues] == ["YOHANES BOSKO LAKA"]
    assert issues[0].expected == "MARIA GORETI DASILVA"
    acting = text.replace("Inspektur Kota Kupang,\n\nYOHANES", "Plt. Inspektur Kota Kupang,\n\nYOHANES")
    assert run(acting, "PP103") == []


def test_pangkat_golongan_pairs_in_text_and_cells() -> None:
    assert run("Penata Tingkat I (III/d) dan Pembina, IV/a", "PP101") == []
    issues = run("Pangkat/Gol. : Pembina Tk. I / IV/a", "PP101")
    assert len(issues) == 1 and "IV/b" in issues[0].message
    assert run("Penataan ruang III/b", "PP101") == []


def test_two_nama_fields_in_one_paragraph() -> None:
    text = ("Yang bertanda tangan di bawah ini:\nNama : AHMAD FAUZI RAHMAN, S.Sos\n"
            "Jabatan : Camat Mariso\nselanjutnya disebut pihak pertama\n"
            "Nama : Ir. BAGUS PRAKOSO ADI\nJabatan : Wali Kota Makassar\n"
            "selanjutnya disebut pihak kedua\n\n"
            "Nama : DEWI KARTIKA SARI\nJabatan : Camat Mariso\nNIP. 19850214 201001 2 005")
    sigs = _signatures(CheckContext(parse_text(text), CheckConfig()))
    assert [(s.name, s.role.text if s.role else None) for s in sigs] == [
        ("AHMAD FAUZI RAHMAN", "Camat Mariso"), ("Ir. BAGUS PRAKOSO ADI", "Wali Kota Makassar"),
        ("DEWI KARTIKA SARI", "Camat Mariso")]
    issues = run(text, "PP103")
    assert len(issues) == 1 and issues[0].excerpt == "DEWI KARTIKA SARI"


def test_inline_signature_and_pangkat_message() -> None:
    # Markdown joins name, pangkat and NIP into one line; the golongan is named once
    text = ("Kepala Dinas Pertanian,\n\ndr. Ni Made Sukerti, M.Kes\nPembina (IV/a)\n"
            "NIP. 19760101 200003 2 001\n\nLampiran\n\nKepala Dinas Pertanian,\n\n"
            "dr. Ni Made Sukerti, M.Kes\nPembina (IV/a)\nNIP. 19760101 200003 2 001\n\n"
            "Kepala Dinas Pertanian,\n\ndr. Ni Made Sukerti, M.Kes\nPenata Tingkat I (III/d)\n"
            "NIP. 19760101 200003 2 001")
    ctx = CheckContext(parse_text(text, markdown=True), CheckConfig())
    sigs = _signatures(ctx)
    assert [s.name for s in sigs] == ["dr. Ni Made Sukerti"] * 3
    issues = [i for i in run_rules(ctx, [r for r in all_rules() if r.code == "PP102"], strict=True)]
    assert len(issues) == 1
    assert "(III/d) (III/d)" not in issues[0].message and "III/d" in issues[0].message
    assert issues[0].category == "foreign-name"


def test_same_nip_with_a_misspelt_first_name_is_one_person() -> None:
    text = ("Camat Sukasari,\n\nHENDRA GUNAWAN\nNIP. 19790202 200501 1 006\n\n"
            "Camat Sukasari,\n\nHENDRI GUNAWAN\nNIP. 19790202 200501 1 006")
    assert [i.excerpt for i in run(text, "FN103")] == ["HENDRI GUNAWAN"]
    assert run(text, "PP105") == [] and run(text, "PP103") == []
    other = text.replace("HENDRI GUNAWAN", "BUDI SANTOSO")
    assert run(other, "FN103") == [] and len(run(other, "PP105")) == 1
