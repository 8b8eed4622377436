"""Bounded time and memory for every input (drafter/limits.py): long words, over-limit files,
figures counts, drafted output size, and the linear scans that replaced quadratic ones."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from drafter import limits
from drafter.check.context import CheckConfig
from drafter.check.runner import check_document
from drafter.document.text_reader import parse_text
from drafter.errors import DocumentError, FiguresError, LkipError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "contoh-sintetis.yaml"
SPELL = CheckConfig(select=["SP"])


def _word(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))


def _speller():  # type: ignore[no-untyped-def]
    from drafter.check.spell import get_speller

    sp, _note = get_speller()
    if sp is None:
        pytest.skip("no id_ID dictionary: the spelling caches are not exercised")
    return sp


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "drafter.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)


def _one_line_refusal(proc: subprocess.CompletedProcess[str], name: str, *words: str) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert len(lines) == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    line = lines[0]
    assert name in line and "batas" in line, line
    for w in words:
        assert w in line, line
    return line


# ----------------------------------------------------------------------------- long words
def test_long_word_in_text_is_checked_with_bounded_memory() -> None:
    sp = _speller()
    word = _word(200_000)
    doc = parse_text("BAB III\nCapaian kinerja " + word + " tahun 2023 sangat baik.\n"
                     "Kinerja kecamatan tahun 2023 meningkat.\n", "panjang.txt")
    tracemalloc.start()
    t0 = time.perf_counter()
    issues, notices = check_document(doc, SPELL)
    dt = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # before the limit: every prefix of the word was cached (~20 GB for 200,000 letters)
    assert peak < 50 * limits.MB, peak
    assert dt < 10, dt
    assert not any(word[:100] in i.message for i in issues)
    assert any(str(limits.MAX_SPELL_WORD) in n and "tidak diperiksa" in n for n in notices), notices
    assert all(len(k) <= limits.MAX_SPELL_WORD for k in sp._cache)


def test_long_word_in_docx_is_checked_with_bounded_memory(tmp_path: Path) -> None:
    import docx

    from drafter.document.readers import read_document

    _speller()
    word = _word(60_000, seed=3)
    d = docx.Document()
    d.add_paragraph("BAB III AKUNTABILITAS KINERJA")
    d.add_paragraph("Capaian kinerja " + word + " tahun 2023.")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = word.upper()
    t.cell(0, 1).text = "100"
    p = tmp_path / "kata.docx"
    d.save(str(p))
    tracemalloc.start()
    doc = read_document(p)
    issues, notices = check_document(doc, CheckConfig(select=["SP", "TY"]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 100 * limits.MB, peak
    assert any("tidak diperiksa" in n for n in notices), notices
    assert not any(i.rule.startswith("SP") and word[:50] in i.message.lower() for i in issues)


def test_words_up_to_the_limit_are_still_checked() -> None:
    _speller()
    # a 12-letter joined word well under the limit is still split (SP102)
    doc = parse_text("Kegiatan desa berupa pelatihan. Kegiatan desaberupa pelatihan kader desa.\n",
                     "pendek.txt")
    issues, _ = check_document(doc, SPELL)
    assert any(i.rule == "SP102" and "desa berupa" in i.message for i in issues), issues


def test_unknown_words_over_the_cap_are_left_with_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.check.rules import spelling

    _speller()
    words = [_word(12, seed=s) for s in range(6)]
    doc = parse_text("Laporan kinerja " + " ".join(words) + " selesai.\n", "acak.txt")
    _, notices = check_document(doc, SPELL)
    assert not any("sebagian" in n for n in notices), notices
    monkeypatch.setattr(spelling, "MAX_SPELL_UNKNOWN", 2)
    _, notices = check_document(doc, SPELL)
    assert any("sebagian" in n and "4 kata lainnya" in n for n in notices), notices


def test_bounded_cache_forgets_oldest() -> None:
    c: limits.BoundedCache[str, int] = limits.BoundedCache(maxsize=3)
    for i in range(10):
        c[f"k{i}"] = i
    assert len(c) == 3
    assert list(c) == ["k7", "k8", "k9"]
    c["k8"] = 80  # an update does not evict
    assert len(c) == 3 and c["k8"] == 80


# ------------------------------------------------------------------------ reports over limits
def test_text_over_byte_limit_is_refused_at_once(tmp_path: Path) -> None:
    p = tmp_path / "besar.txt"
    line = b"Capaian kinerja tahun 2023 sebesar 100 persen dengan kategori sangat baik.\n"
    p.write_bytes((line * (limits.MAX_TEXT_BYTES // len(line) + 2))[: limits.MAX_TEXT_BYTES + 1])
    t0 = time.perf_counter()
    proc = _cli(["check", p.name, "--format", "json", "-o", "hasil.json"], tmp_path)
    assert time.perf_counter() - t0 < 30
    msg = _one_line_refusal(proc, p.name, "terlalu besar")
    # the actual size and the limit (exact bytes, since both round to the same MB)
    assert f"{limits.MAX_TEXT_BYTES + 1:,}".replace(",", ".") in msg, msg
    assert f"{limits.MAX_TEXT_BYTES:,}".replace(",", ".") in msg, msg
    assert not (tmp_path / "hasil.json").exists()


def test_text_over_line_limit_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "baris.md"
    p.write_text("BAB III\n" + "a\n" * limits.MAX_TEXT_LINES, encoding="utf-8")
    proc = _cli(["check", p.name], tmp_path)
    msg = _one_line_refusal(proc, p.name, "baris")
    assert f"{limits.MAX_TEXT_LINES:,}".replace(",", ".") in msg


def test_document_unit_and_char_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.document.readers import read_document

    p = tmp_path / "sel.txt"
    p.write_text("BAB III\n" + "".join(f"Paragraf ke-{i} tentang capaian.\n\n" for i in range(40)),
                 encoding="utf-8")
    assert read_document(p).blocks  # under the limits: read
    monkeypatch.setattr(limits, "MAX_DOCUMENT_UNITS", 20)
    with pytest.raises(DocumentError, match=r"sel\.txt: dokumen terlalu besar \([\d.]+ paragraf"):
        read_document(p)
    monkeypatch.setattr(limits, "MAX_DOCUMENT_UNITS", 10_000)
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CHARS", 100)
    with pytest.raises(DocumentError, match=r"teks dokumen terlalu besar \([\d.]+ karakter; batas 100\)"):
        read_document(p)


def test_docx_document_xml_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    from drafter.document import docx_reader
    from drafter.document.readers import read_document

    d = docx.Document()
    for i in range(50):
        d.add_paragraph(f"Paragraf {i} tentang capaian kinerja tahun 2023.")
    p = tmp_path / "isi.docx"
    d.save(str(p))
    assert read_document(p).blocks
    monkeypatch.setattr(docx_reader, "MAX_DOCX_XML_BYTES", 1000)
    with pytest.raises(DocumentError, match=r"isi\.docx: isi dokumen \(word/document\.xml\) terlalu besar"):
        read_document(p)


# ----------------------------------------------------------------------- figures over limits
def _example() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_figures_over_byte_limit_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "angka.yaml"
    pad = b"# " + b"x" * 1000 + b"\n"
    p.write_bytes(EXAMPLE.read_bytes() + pad * (limits.MAX_FIGURES_BYTES // len(pad) + 1))
    proc = _cli(["draft", p.name, "-o", "bab3.md"], tmp_path)
    _one_line_refusal(proc, p.name, "terlalu besar", limits.human_size(limits.MAX_FIGURES_BYTES))
    assert not (tmp_path / "bab3.md").exists()


@pytest.mark.parametrize("what", ["sasaran", "indikator", "program", "kegiatan"])
def test_figures_over_count_limits_are_refused(tmp_path: Path, what: str) -> None:
    from drafter.figures import load_figures

    data = _example()
    if what == "sasaran":
        data["sasaran"] = data["sasaran"] * (limits.MAX_SASARAN // len(data["sasaran"]) + 1)
        limit = limits.MAX_SASARAN
    elif what == "indikator":
        s = data["sasaran"][0]
        s["indikator"] = s["indikator"] * (limits.MAX_INDIKATOR + 1)
        limit = limits.MAX_INDIKATOR
    elif what == "program":
        data["program"] = data["program"] * (limits.MAX_PROGRAM // len(data["program"]) + 1)
        limit = limits.MAX_PROGRAM
    else:
        k = data["program"][0]["kegiatan"][0]
        k["sub_kegiatan"] = k["sub_kegiatan"] * (limits.MAX_KEGIATAN + 1)
        limit = limits.MAX_KEGIATAN
    p = tmp_path / "banyak.json"  # JSON: no aliases, every entry written out
    import json

    p.write_text(json.dumps(data, default=str), encoding="utf-8")
    assert p.stat().st_size <= limits.MAX_FIGURES_BYTES
    with pytest.raises(FiguresError) as ei:
        load_figures(p)
    msg = str(ei.value)
    assert msg.startswith(f"{p}: {what} terlalu banyak (") and f"batas {limit:,}".replace(",", ".") in msg, msg


def test_figures_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    p = tmp_path / "bom.yaml"
    p.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    t0 = time.perf_counter()
    proc = _cli(["validate", p.name], tmp_path)
    assert time.perf_counter() - t0 < 30
    lines_err = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2 and len(lines_err) == 1, proc.stderr[-2000:]
    assert "alias" in lines_err[0] and p.name in lines_err[0], lines_err


def test_drafted_output_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.draft import draft_file

    out = tmp_path / "bab3.md"
    draft_file(EXAMPLE, out)
    size = out.stat().st_size
    out.unlink()
    monkeypatch.setattr(limits, "MAX_DRAFT_BYTES", size - 1)
    with pytest.raises(LkipError, match=r"BAB III hasil susunan terlalu besar \(.*; batas"):
        draft_file(EXAMPLE, out)
    assert not out.exists()
    assert not list(tmp_path.iterdir())  # nothing half-written


# -------------------------------------------------------------------- linear scans (regressions)
def test_long_digit_run_is_linear() -> None:
    # AR107's "N poin" pattern retried the whole run at every digit: ~1 s for 3,000 digits,
    # hours for 100,000
    digits = "".join(random.Random(2).choice("0123456789") for _ in range(100_000))
    doc = parse_text(f"Capaian {digits} poin dari 10 menjadi 20.\n", "angka.txt")
    t0 = time.perf_counter()
    check_document(doc, CheckConfig(select=["AR107"]))
    assert time.perf_counter() - t0 < 5


def test_long_caps_word_is_linear() -> None:
    # TY102 tried every split point of a capital word: quadratic in its length
    word = _word(100_000).upper()
    doc = parse_text(f"LAPORAN {word} 2023\n", "kapital.txt")
    t0 = time.perf_counter()
    issues, _ = check_document(doc, CheckConfig(select=["TY102"]))
    assert time.perf_counter() - t0 < 5
    assert issues == []


def _naive_tokens(raw: str, extra: tuple[tuple[int, int], ...]) -> list[tuple[int, int, bool]]:
    from drafter.check.rules.spelling import _WORD_RE, _masked

    text, shield = _masked(raw)
    shield = shield + list(extra)
    out = []
    for m in _WORD_RE.finditer(text):
        s, e = m.span()
        if (s > 0 and text[s - 1].isdigit()) or (e < len(text) and text[e].isdigit()):
            continue
        out.append((s, e, any(a <= s and e <= b for a, b in shield)))
    return out


def test_tokenize_shield_matches_the_naive_scan() -> None:
    from drafter.check.rules.spelling import tokenize

    rng = random.Random(5)
    parts = ["kata", "(dalam kurung)", "*miring*", "_miring_", "(a (b) c)", "teks", "12ab", "((x))"]
    for _ in range(300):
        raw = " ".join(rng.choice(parts) for _ in range(rng.randrange(1, 30)))
        extra = tuple(sorted((a, a + rng.randrange(1, 15)) for a in
                             (rng.randrange(len(raw)) for _ in range(rng.randrange(0, 4)))))
        got = [(t.start, t.end, t.shielded) for t in tokenize(raw, extra)]
        assert got == _naive_tokens(raw, extra), raw


def test_source_shield_matches_the_naive_scan() -> None:
    from drafter.check.rules.spelling import _italic_lines, _source_shield

    rng = random.Random(9)
    for _ in range(100):
        words = [rng.choice(["capaian", "*target*", "_outcome_", "kinerja", "*a b*"]) for _ in range(40)]
        source = " ".join(words) + "\n"
        doc = parse_text(source, "miring.md", markdown=True)
        italics = _italic_lines(doc.source_text)
        for u in doc.text_units():
            got = _source_shield(u, italics)
            naive = []
            segs = u.segments
            for k, (ts, line, col) in enumerate(segs):
                te = segs[k + 1][0] if k + 1 < len(segs) else len(u.text)
                for c1, c2 in italics.get(line, []):
                    a, b = max(ts, ts + c1 - col), min(te, ts + c2 - col)
                    if a < b:
                        naive.append((a, b))
            assert sorted(got) == sorted(naive)
            assert all(re.fullmatch(r"[\w ]+", u.text[a:b]) for a, b in got)
