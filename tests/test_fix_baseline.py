"""`lkip check --baseline/--write-baseline` and `lkip check --fix -o OUT`."""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.check.baseline import fingerprints, load_baseline
from drafter.check.batch import check_file
from drafter.check.config import make_config
from drafter.cli import app
from drafter.errors import LkipError
from drafter.fix.apply import accept_all

runner = CliRunner()

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

REPORT = (
    "BAB III AKUNTABILITAS KINERJA\n\n"
    "Kinerja organisasi diukur dengan 5 (empat) indikator sasaran.\n\n"
    "Analisa efektifitas pelayanan dibidang administrasi kependudukan menunjukkan hasil baik.\n\n"
    "Anggaran kegiatan sebesar Rp 2.750.000,- (dua juta lima ratus ribu rupiah) terserap penuh.\n"
)


def _check(path: Path, *args: str) -> list[dict]:
    res = runner.invoke(app, ["check", str(path), "-f", "json", *args])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)["files"][0]["issues"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------------------------------ baseline

def _insert_above(text: str, before_line: int, new: str) -> str:
    lines = text.split("\n")
    return "\n".join(lines[:before_line - 1] + new.split("\n") + lines[before_line - 1:])


def _baseline_roundtrip(src: Path, tmp_path: Path) -> None:
    report = tmp_path / src.name
    shutil.copyfile(src, report)
    before = _check(report)
    assert before, "the report must have findings for this test to mean anything"
    base = tmp_path / "lkip-baseline.json"
    res = runner.invoke(app, ["check", str(report), "--write-baseline", str(base)])
    assert res.exit_code == 0, res.output
    assert _check(report, "--baseline", str(base)) == []
    # a paragraph inserted near the top moves every line; one new defect in it
    text = report.read_text(encoding="utf-8")
    para = ("Paragraf tambahan yang disisipkan penulis pada revisi kedua.\n\n"
            "Kegiatan ini didukung 7 (enam) program kerja.\n")
    report.write_text(_insert_above(text, 3, para), encoding="utf-8")
    after = _check(report, "--baseline", str(base))
    assert [(i["rule"], i["line"]) for i in after] == [("TB102", 5)]
    # without the baseline every old finding is still there, on moved lines
    assert len(_check(report)) == len(before) + 1


def test_baseline_hides_known_issues_and_shows_a_new_one(tmp_path: Path) -> None:
    src = tmp_path / "src" / "laporan.txt"
    src.parent.mkdir()
    src.write_text(REPORT, encoding="utf-8")
    _baseline_roundtrip(src, tmp_path)


@pytest.mark.seeds
def test_baseline_on_a_seed(seeds_dir: Path, tmp_path: Path) -> None:
    _baseline_roundtrip(seeds_dir / "lkip-2023-kecamatan-gumukmas.txt", tmp_path)


def test_baseline_is_deterministic_and_versioned(tmp_path: Path) -> None:
    report = tmp_path / "laporan.md"
    report.write_text(REPORT, encoding="utf-8")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        assert runner.invoke(app, ["check", str(report), "--write-baseline", str(out)]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "lkip"
    entries = data["files"]["laporan.md"]
    assert {e["rule"] for e in entries} >= {"TB101", "TB102", "SP103"}
    assert all("line" not in e for e in entries)  # no positions in fingerprints


def test_identical_findings_are_counted(tmp_path: Path) -> None:
    """Two identical findings in the baseline; a third identical one is new."""
    report = tmp_path / "r.txt"
    report.write_text("Analisa pertama.\n\nAnalisa kedua.\n", encoding="utf-8")
    base = tmp_path / "b.json"
    runner.invoke(app, ["check", str(report), "--write-baseline", str(base)])
    report.write_text("Analisa pertama.\n\nAnalisa kedua.\n\nAnalisa ketiga.\n", encoding="utf-8")
    shown = _check(report, "--baseline", str(base), "--select", "SP103")
    assert len(shown) == 1
    issues = check_file(report, make_config(select=["SP103"])).issues
    assert [n for _, n in fingerprints(issues)] == [0, 1, 2]


def test_the_inserted_duplicate_is_the_one_shown(tmp_path: Path) -> None:
    """An identical finding inserted above the recorded ones is shown, not the last one."""
    report = tmp_path / "r.txt"
    body = "Analisa pertama tentang layanan.\n\nAnalisa kedua tentang anggaran.\n"
    report.write_text(body, encoding="utf-8")
    base = tmp_path / "b.json"
    runner.invoke(app, ["check", str(report), "--write-baseline", str(base)])
    assert all("context" in e for e in json.loads(base.read_text())["files"]["r.txt"])
    report.write_text("Judul.\n\nAnalisa baru yang disisipkan.\n\n" + body, encoding="utf-8")
    shown = _check(report, "--baseline", str(base), "--select", "SP103")
    assert [(i["line"], i["excerpt"]) for i in shown] == [(3, "Analisa")]
    # a recorded finding whose own line was edited still matches by its fingerprint
    report.write_text("Analisa pertama tentang layanan publik.\n\nAnalisa kedua tentang anggaran.\n",
                      encoding="utf-8")
    assert _check(report, "--baseline", str(base), "--select", "SP103") == []


def test_baseline_from_config(tmp_path: Path) -> None:
    report = tmp_path / "laporan.txt"
    report.write_text(REPORT, encoding="utf-8")
    base = tmp_path / "dasar.json"
    runner.invoke(app, ["check", str(report), "--write-baseline", str(base)])
    (tmp_path / "lkip.toml").write_text('baseline = "dasar.json"\n', encoding="utf-8")
    assert _check(report) == []
    (tmp_path / "lkip.toml").write_text("baseline = 3\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(report)])
    assert res.exit_code == 2 and "baseline" in res.output


@pytest.mark.parametrize("content", ["{", "[]", '{"tool": "lkip", "files": {}, "version": 9}',
                                     '{"tool": "lkip", "version": 1, "files": {"a": [{"x": 1}]}}'])
def test_bad_baseline_is_a_one_line_error(tmp_path: Path, content: str) -> None:
    report = tmp_path / "laporan.txt"
    report.write_text(REPORT, encoding="utf-8")
    base = tmp_path / "b.json"
    base.write_text(content, encoding="utf-8")
    res = runner.invoke(app, ["check", str(report), "--baseline", str(base)])
    assert res.exit_code == 2
    assert "b.json" in res.output and len(res.output.strip().splitlines()) == 1
    with pytest.raises(LkipError):
        load_baseline(base)


# ------------------------------------------------------------------------------------ fix: text

def test_fix_text_applies_only_at_fix_spans(tmp_path: Path) -> None:
    report = tmp_path / "laporan.md"
    report.write_bytes(REPORT.replace("\n", "\r\n").encode("utf-8"))  # CRLF kept
    digest = _sha(report)
    out = tmp_path / "hasil.md"
    res = runner.invoke(app, ["check", str(report), "--fix", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "perbaikan diterapkan" in res.output
    assert _sha(report) == digest  # input never written
    old, new = report.read_bytes().decode(), out.read_bytes().decode()
    assert new.count("\r\n") == old.count("\r\n")
    fixed = json.loads(runner.invoke(app, ["check", str(report), "-f", "json"]).stdout)
    fixes = [i["fix"] for i in fixed["files"][0]["issues"] if "fix" in i]
    assert {(f["old"], f["new"]) for f in fixes} >= {
        ("empat", "lima"), ("dua juta lima ratus ribu", "dua juta tujuh ratus lima puluh ribu"),
        ("Analisa", "Analisis"), ("efektifitas", "efektivitas"), ("dibidang", "di bidang")}
    # the copy is the input with exactly the fix spans replaced, every other byte kept
    lines = old.splitlines(keepends=True)
    for f in sorted(fixes, key=lambda f: (f["line"], f["column"]), reverse=True):
        line = lines[f["line"] - 1]
        s = f["column"] - 1
        assert line[s:s + len(f["old"])] == f["old"]
        lines[f["line"] - 1] = line[:s] + f["new"] + line[s + len(f["old"]):]
    assert "".join(lines) == new
    changed = [op for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    assert 0 < len(changed) <= 2 * len(fixes)
    assert len(_check(out)) < len(_check(report))
    assert "dua juta tujuh ratus lima puluh ribu rupiah" in new


@pytest.mark.seeds
def test_fix_on_a_seed_reduces_issues(seeds_dir: Path, tmp_path: Path) -> None:
    src = seeds_dir / "lkip-2023-kecamatan-umbulsari.txt"
    out = tmp_path / "fixed.txt"
    res = runner.invoke(app, ["check", str(src), "--fix", "-o", str(out), "-q"])
    assert res.exit_code == 0, res.output
    before, after = _check(src), _check(out)
    applied = sum(1 for i in before if "fix" in i)
    assert applied > 0 and len(after) < len(before)
    assert not any("fix" in i for i in after)  # fixes do not create new fixable findings
    a, b = src.read_text(encoding="utf-8").splitlines(), out.read_text(encoding="utf-8").splitlines()
    assert len(a) == len(b)


def test_fix_requires_output_and_single_file(tmp_path: Path) -> None:
    report = tmp_path / "laporan.txt"
    report.write_text(REPORT, encoding="utf-8")
    res = runner.invoke(app, ["check", str(report), "--fix"])
    assert res.exit_code == 2 and "-o" in res.output
    res = runner.invoke(app, ["check", str(report), "--fix", "-o", str(report)])
    assert res.exit_code == 2
    assert report.read_text(encoding="utf-8") == REPORT
    res = runner.invoke(app, ["check", str(tmp_path), "--fix", "-o", str(tmp_path / "x.txt")])
    assert res.exit_code == 2


def test_fix_skips_text_that_changed(tmp_path: Path) -> None:
    from dataclasses import replace

    from drafter.fix.apply import fix_file

    report = tmp_path / "r.txt"
    report.write_text("Analisa data.\n", encoding="utf-8")
    issues = check_file(report, make_config(select=["SP103"])).issues
    assert issues and issues[0].fix is not None
    report.write_text("Analisi data.\n", encoding="utf-8")  # edited after the check
    done = fix_file(report, issues, tmp_path / "o.txt")
    assert not done.applied and len(done.skipped) == 1
    assert (tmp_path / "o.txt").read_text(encoding="utf-8") == "Analisi data.\n"
    moved = replace(issues[0], fix=replace(issues[0].fix, new="Analisis"))
    assert fix_file(report, [moved], tmp_path / "o2.txt").skipped


# ------------------------------------------------------------------------------------ fix: DOCX

def _make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Hasil analisa ")
    r = p.add_run("efektif")
    r.bold = True
    p.add_run("itas layanan dibidang perizinan pada 6 (lima) kelurahan.")
    d.add_paragraph("Dana sebesar Rp 1.200.000,- (satu juta rupiah) telah direalisasikan.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Keterangan"
    t.cell(0, 1).text = "efektifitas program"
    d.save(str(path))


def test_fix_docx_writes_tracked_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    src = tmp_path / "laporan.docx"
    _make_docx(src)
    digest = _sha(src)
    out = tmp_path / "diperbaiki.docx"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    res = runner.invoke(app, ["check", str(src), "--fix", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert _sha(src) == digest
    document = docx.Document(str(out))  # opens in python-docx
    body = document.element.body
    dels, inss = list(body.iter(f"{W}del")), list(body.iter(f"{W}ins"))
    assert len(dels) == len(inss) >= 5
    assert {e.get(f"{W}author") for e in dels + inss} == {"lkip"}
    assert {e.get(f"{W}date") for e in dels + inss} == {"2023-11-14T22:13:20Z"}
    ids = [e.get(f"{W}id") for e in dels + inss]
    assert len(set(ids)) == len(ids)
    deleted = "".join(t.text for d in dels for t in d.iter(f"{W}delText"))
    assert "efektifitas" in deleted and "lima" in deleted
    # the bold run was split and kept its formatting on both sides
    bold_ins = [r for i in inss for r in i.iter(f"{W}r") if r.find(f"{W}rPr/{W}b") is not None]
    assert [("".join(t.text for t in r.iter(f"{W}t"))) for r in bold_ins] == ["efektivitas"]
    # the text without changes accepted is the original text (rejecting restores it)
    rejected = tmp_path / "tolak.docx"
    rejected.write_bytes(_reject_all(out.read_bytes()))
    assert [p.text for p in docx.Document(str(rejected)).paragraphs] == \
        [p.text for p in docx.Document(str(src)).paragraphs]
    # accepted: fewer findings, and the replacements are in place
    accepted = tmp_path / "terima.docx"
    accepted.write_bytes(accept_all(out.read_bytes()))
    texts = [p.text for p in docx.Document(str(accepted)).paragraphs]
    assert texts[0] == "Hasil analisis efektivitas layanan di bidang perizinan pada 6 (enam) kelurahan."
    assert "(satu juta dua ratus ribu rupiah)" in texts[1]
    assert len(_check(accepted)) < len(_check(src))


def test_fix_docx_is_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    src = tmp_path / "laporan.docx"
    _make_docx(src)
    outs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for out in outs:
        assert runner.invoke(app, ["check", str(src), "--fix", "-o", str(out)]).exit_code == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()
    xml = zipfile.ZipFile(outs[0]).read("word/document.xml")
    assert b"w:date" not in xml
    res = runner.invoke(app, ["check", str(src), "--fix", "-o", str(tmp_path / "x.txt")])
    assert res.exit_code == 2


def _reject_all(data: bytes) -> bytes:
    from lxml import etree

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(payload)
                for i in list(root.iter(f"{W}ins")):
                    i.getparent().remove(i)
                for d in list(root.iter(f"{W}del")):
                    parent, k = d.getparent(), d.getparent().index(d)
                    for t in d.iter(f"{W}delText"):
                        t.tag = f"{W}t"
                    for child in reversed(list(d)):
                        parent.insert(k, child)
                    parent.remove(d)
                payload = etree.tostring(root)
            dst.writestr(info, payload)
    return out.getvalue()


# ------------------------------------------------------------------------------------ capaian fix

_CAPAIAN = (
    "PERJANJIAN KINERJA TAHUN 2024\n\n"
    "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n"
    "1\tMeningkatnya tertib administrasi desa\tPersentase desa dengan profil desa mutakhir\t{pk}\n\n"
    "Tabel 3.1 Pengukuran Realisasi Kinerja Tahun 2024\n\n"
    "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
    "1\tMeningkatnya tertib administrasi desa\tPersentase desa dengan profil desa mutakhir\t"
    "80%\t90%\t110%\n"
)


@pytest.mark.parametrize(("pk", "fixed"), [("80%", "113%"), ("75%", None)])
def test_capaian_fix_only_when_inputs_agree(tmp_path: Path, pk: str, fixed: str | None) -> None:
    report = tmp_path / "r.txt"
    report.write_text(_CAPAIAN.format(pk=pk), encoding="utf-8")
    issues = [i for i in check_file(report, make_config(select=["AR101"], year=2024)).issues]
    assert [i.rule for i in issues] == ["AR101"]
    fx = issues[0].fix
    assert (fx.new if fx else None) == fixed
    if fx:
        assert fx.old == "110%"


@pytest.mark.parametrize(("text", "old", "new"), [
    ("Dana Rp 44.174.500 (empat puluh empat juta seratus tujuh puluh empat lima ratus rupiah).",
     "empat puluh empat juta seratus tujuh puluh empat lima ratus",
     "empat puluh empat juta seratus tujuh puluh empat ribu lima ratus"),
    ("Capaian 75% (Tujuh Puluh Persen) pada tahun ini.", "Tujuh Puluh", "Tujuh Puluh Lima"),
    ("Jumlah 12 (SEBELAS) kelompok.", "SEBELAS", "DUA BELAS"),
    ("Sebesar Rp 2.000.000,- terbilang tiga juta rupiah.", "tiga juta", "dua juta"),
])
def test_terbilang_fix_replaces_only_the_number_words(tmp_path: Path, text: str, old: str,
                                                     new: str) -> None:
    report = tmp_path / "r.txt"
    report.write_text(text + "\n", encoding="utf-8")
    issues = [i for i in check_file(report, make_config(select=["TB"])).issues if i.fix]
    assert [(i.fix.old, i.fix.new) for i in issues] == [(old, new)]
    out = tmp_path / "o.txt"
    runner.invoke(app, ["check", str(report), "--fix", "-o", str(out), "--select", "TB"])
    assert out.read_text(encoding="utf-8") == text.replace(old, new, 1) + "\n"
    assert _check(out, "--select", "TB") == []
