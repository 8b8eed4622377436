"""The literal pre-filter of the text layer (drafter/text/prefilter.py) must never skip a unit
where a regex matches: it may only save scans (issue 11, identical issue lists)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.check.analyzer import MENTION_RE
from drafter.check.rules.leftover import _patterns as leftover_patterns
from drafter.check.rules.year import _patterns as year_patterns
from drafter.document.model import Block, Document
from drafter.document.readers import read_document
from drafter.text import TextLayer
from drafter.text.prefilter import fold_safe, may_match, required_literals

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
REPORTS = sorted(p for d in ("corpus", "corpus2", "corpus3", "corpus4")
                 for p in (ROOT / "tests" / d).glob("*") if p.suffix in (".md", ".txt")
                 and not p.name.startswith("README"))

EDGE = [
    r"(?<![\w.])XX(?![\w])", r"^\W*contoh\s*:", r"\bfoo\b$", r"(?i:abc)de", r"a?b", r"(ab|cd)+ef",
    r"x*", r"(?:ab)?c", r"Rp\.?\s*\d", r"\.{4,}", r"_{3,}|…{2,}", r"(?:tahun|Tahun)\s+20\d\d",
    r"(?=kab)kabupaten", r"ke\s*-\s*\d", r"[Kk]ecamatan", r"sebanyak|sejumlah|", r"\Akata",
    r"(?i:kab\.|kota)\s+[A-Z]\w+", r"Dinas\s+(?-i:PU)", r"(?i:laporan)\s+(?i:kinerja)",
]


def _patterns() -> list[re.Pattern[str]]:
    out = [p.regex for p in leftover_patterns()] + [MENTION_RE]
    out += [p.regex for key in ("self_patterns", "plan_patterns") for p in year_patterns(key)]
    for src in EDGE:
        out += [re.compile(src), re.compile(src, re.IGNORECASE), re.compile(src, re.M | re.I)]
    return out


def _doc(texts: list[str]) -> Document:
    return Document("t.txt", [Block(t) for t in texts])


def test_required_literals_examples() -> None:
    assert required_literals(re.compile(r"\b(?:TODO|FIXME|TBD)\b")) == {
        ("TODO", False), ("FIXME", False), ("TBD", False)}
    assert required_literals(re.compile(r"\bCatatan\s+revisi\b", re.I)) == {("catatan", True)}
    assert required_literals(re.compile(r"(?<=\bRp\s)XX", re.I)) == {("xx", True)}  # look-behind not consumed
    assert required_literals(re.compile(r"\.{4,}")) == {("....", False)}
    assert required_literals(re.compile(r"x*")) is None
    assert required_literals(re.compile(r"a|")) is None  # an empty alternative
    # a case-insensitive part of a case-sensitive pattern is compared in lower case
    assert required_literals(re.compile(r"(?i:Bupati|Walikota)\s+[A-Z]")) == {("bupati", True), ("walikota", True)}


def test_fold_unsafe_text_is_never_filtered() -> None:
    rx = re.compile(r"sebanyak", re.IGNORECASE)
    text = "jumlahnya ſebanyak 5"  # the long s folds onto "s" in the regex engine only
    assert rx.search(text)
    assert not fold_safe(text)
    assert may_match(rx, text, safe=fold_safe(text))
    layer = TextLayer(_doc(["tidak ada", text]))
    assert layer.unit_hits(rx) is None


def test_absent_literal_skips_every_unit() -> None:
    layer = TextLayer(_doc(["Capaian kinerja 95%.", "Program berjalan baik."]))
    rx = re.compile(r"\b(?:TODO|FIXME)\b")
    assert layer.unit_hits(rx) == frozenset()
    assert list(layer.scan([rx])) == []
    both = list(layer.scan([rx, re.compile(r"program", re.I)]))
    assert [(u.text, live) for u, _b, live in both] == [("Program berjalan baik.", [1])]


@pytest.mark.parametrize("path", [*sorted(SEEDS.glob("*.txt")), *REPORTS], ids=lambda p: p.name)
def test_no_unit_with_a_match_is_skipped(path: Path) -> None:
    if not path.exists():
        pytest.skip("seeds not available")
    layer = TextLayer(read_document(path))
    checked = 0
    for rx in _patterns():
        hits = layer.unit_hits(rx)
        for i, (unit, _block) in enumerate(layer.units):
            if rx.search(unit.text):
                checked += 1
                assert hits is None or i in hits, (rx.pattern, unit.text[:80])
    assert checked > 0


def test_uncased_non_ascii_literals() -> None:
    # a character without case is found as written, also in a case-insensitive pattern
    assert required_literals(re.compile(r"…{2,}|_{3,}", re.I)) == {("……", True), ("___", True)}
    assert required_literals(re.compile(r"Tahun–2023")) == {("Tahun–2023", False)}
    # a cased non-ASCII letter in a case-insensitive pattern gives no literal (folding differs)
    assert required_literals(re.compile(r"é", re.I)) is None


def test_scan_live_patterns_with_one_unfiltered() -> None:
    layer = TextLayer(_doc(["Program berjalan.", "Tanpa apa pun.", "TODO program"]))
    rxs = [re.compile(r"\bTODO\b"), re.compile(r"x*y?"), re.compile(r"program", re.I)]
    assert [(u.text, live) for u, _b, live in layer.scan(rxs)] == [
        ("Program berjalan.", [1, 2]), ("Tanpa apa pun.", [1]), ("TODO program", [0, 1, 2])]


def test_unit_text_may_match() -> None:
    from drafter.text import analyze

    at = analyze("Realisasi anggaran 95%. Capaian baik.")
    assert at.may_match(re.compile(r"\banggaran\b", re.I))
    assert not at.may_match(re.compile(r"\bpagu\b", re.I))
    assert at.may_match(re.compile(r"x*"))  # no literal: never skipped


def test_stored_literals_give_the_derived_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The results kept in the compiled data cache (lkip check start-up) are the derived ones,
    read back by the next process; a damaged cache file is ignored."""
    from drafter.text import prefilter

    monkeypatch.setenv("LKIP_CACHE_DIR", str(tmp_path))
    pats = _patterns()
    want = {(p.pattern, p.flags): prefilter._derive(p) for p in pats}
    for _ in range(2):  # the first run writes the table, the second reads it
        required_literals.cache_clear()
        with prefilter.stored_literals():
            assert {(p.pattern, p.flags): required_literals(p) for p in pats} == want
        assert prefilter._stored is None
    stored = list(tmp_path.glob("prefilter-*.marshal"))
    assert len(stored) == 1
    stored[0].write_bytes(b"damaged")
    required_literals.cache_clear()
    with prefilter.stored_literals():
        assert {(p.pattern, p.flags): required_literals(p) for p in pats} == want
    required_literals.cache_clear()
