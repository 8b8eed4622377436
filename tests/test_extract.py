"""`lkip extract`: figures read back from a drafted report, and from the real seed reports.

Round trip (every examples/*.yaml, Markdown and DOCX): draft it, extract from the draft, and the
extracted figures equal the original on every field the draft carries. Fields a BAB III draft
cannot carry (left out by :func:`_carried`):

* ``instansi.kepala`` (nama, jabatan, pangkat, NIP): BAB III has no signature block;
* ``renstra`` targets of the years between the report year and the last Renstra year: BAB III
  prints the Renstra target of the final year only (Tabel 3.3);
* the order of the programs: the draft lists them per sasaran (Tabel 3.6 and 3.8), so they
  are compared in that order;
* ``instansi.jenis_daerah`` is carried ("APBD Kabupaten X"), but only when there is a budget
  section, so it is compared like the other fields;
* notes BAB III does not print: ``renstra.dokumen`` and ``renstra.perubahan``, an indicator's
  ``renstra_awal``, ``cara_ukur``, ``sumber_data``, ``nilai_maksimum`` and ``catatan``, the score
  of an earlier year's grade (Tabel 3.2 prints the grade alone), a comparison value's
  ``tingkat`` (the label says it in words), and the ``catatan`` of a sasaran, program, kegiatan
  or sub kegiatan.

The B.2 lists (faktor keberhasilan/kegagalan, permasalahan, solusi) are prose: each list is one
clause list of a phrasebank sentence, so exact recovery is impossible in two ways, and only
there the comparison is loosened (:func:`_b2_items`):

* the drafter writes an item as a clause (first letter lower case, no final stop): items are
  compared with the first letter case-insensitive and without a final stop;
* two items without a comma are joined "a dan b", which no reader can tell from one item
  holding "dan" (three or more are "a, b, dan c", items holding a comma "a; dan b": those are
  split back exactly): the extractor keeps one item (with a ``periksa`` comment), so the
  original's two items are compared as that one item.

Seeds (../shared/seeds/lkip-*.txt): the extracted file validates; after each flagged value is
settled (see :func:`_settle`: replaced by one of the candidates its comment names, or kept when
the comment gives none) it drafts a BAB III with 0 `lkip check` issues. Also a PDF print of a
draft (round trip through the PDF reader), a disagreement and a missing value planted in a
draft, YAML-significant user text, and the CLI's handling of unreadable input.
"""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.draft import draft_file
from drafter.extract import extract_file, extract_text
from drafter.extract.core import DIFFERENT, NOT_FOUND
from drafter.extract.review import REVIEW_FIX, REVIEW_HAND
from drafter.extract.review import SEP as REVIEW_SEP
from drafter.figures import load_figures

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SEEDS = sorted((ROOT.parent / "shared" / "seeds").glob("lkip-*.txt"))

def _norm(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_norm(x) for x in v]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Decimal(str(v)).normalize()
    if isinstance(v, Decimal):
        return v.normalize()
    return v


_B2_LISTS = ("faktor_keberhasilan", "faktor_kegagalan", "permasalahan", "solusi")


def _item(text: str) -> str:
    t = " ".join(text.split()).rstrip(" .")
    return t[:1].lower() + t[1:]


def _b2_items(items: list[str]) -> list[str]:
    """A B.2 list as the draft can carry it (see the module docstring)."""
    out = [_item(i) for i in items]
    if len(out) == 2 and not any(", " in i or re.search(r"[.;:]\s", i) for i in out):
        return [f"{out[0]} dan {out[1]}"]
    return out


_NOT_PRINTED = ("renstra_awal", "cara_ukur", "sumber_data", "nilai_maksimum", "catatan")


def _carried(fig: Any) -> dict[str, Any]:
    """The figures as a dict, without what a BAB III draft cannot carry."""
    d = _norm(fig.model_dump(mode="python"))
    d["instansi"].pop("kepala")
    d["renstra"].pop("dokumen", None)
    d["renstra"].pop("perubahan", None)
    for s in d["sasaran"]:
        s.pop("catatan", None)
        for k in _B2_LISTS:
            s[k] = _b2_items(s[k])
        for ind in s["indikator"]:
            for k in _NOT_PRINTED:
                ind.pop(k, None)
            for h in ind["riwayat"]:
                h.pop("skor_target", None)
                h.pop("skor_realisasi", None)
            for pb in ind["daftar_pembanding"]:
                pb.pop("tingkat", None)
    for p in d["program"]:
        p.pop("catatan", None)
        for k in p["kegiatan"]:
            k.pop("catatan", None)
            for sk in k["sub_kegiatan"]:
                sk.pop("catatan", None)
    order = [s["id"] for s in d["sasaran"]]
    d["program"].sort(key=lambda p: order.index(p["sasaran"]))  # the draft groups by sasaran
    end = d["renstra"]["akhir"]
    for s in d["sasaran"]:
        for ind in s["indikator"]:
            ind["renstra"] = {y: v for y, v in ind["renstra"].items() if y == end}
    return d


def _diff(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b), key=str):
            out += _diff(a.get(k), b.get(k), f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} != {len(b)} items"]
        out = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            out += _diff(x, y, f"{path}[{i}]")
        return out
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


@pytest.mark.parametrize("suffix", [".md", ".docx"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_round_trip(example: Path, suffix: str, tmp_path: Path) -> None:
    draft = tmp_path / f"draft{suffix}"
    draft_file(example, draft)
    before = draft.read_bytes()
    out = tmp_path / "figures.yaml"
    extract_file(draft, out)
    assert draft.read_bytes() == before  # input never modified
    got = load_figures(out)
    want = load_figures(example)
    assert _diff(_carried(got), _carried(want)) == []


def test_output_is_deterministic(tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft_file(EXAMPLES[0], draft)
    assert extract_text(draft)[0] == extract_text(draft)[0]


# --------------------------------------------------------------------------- seeds
_CAND_RE = re.compile(r"^(?P<places>.+?) = (?P<value>.+)$")
_PREFIX_RE = re.compile(r"^(\s*(?:- )?(?:[A-Za-z_0-9]+: )?)")


def _comments(text: str) -> list[tuple[int, str]]:
    """(line index, comment) of every value comment of the emitted file."""
    out = []
    for i, line in enumerate(text.splitlines()):
        if line.startswith("#") or "  # " not in line:
            continue
        out.append((i, line.split("  # ", 1)[1]))
    return out


def _candidates(kind: str) -> list[str]:
    """The values a ``berbeda`` comment names, as YAML scalars."""
    vals = []
    for part in kind[len(DIFFERENT) + 2:].split("; "):
        m = _CAND_RE.match(part)
        if m:
            vals.append(m.group("value"))
    return vals


def _settle(text: str, choice: int) -> str:
    """Settle every flagged value the way a planner would, from the comment alone:

    * ``berbeda``: the ``choice``-th of the candidates (modulo their number); a sub kegiatan's
      pagu or realisasi keeps the first one (Tabel 3.8), because another amount changes the
      totals the spending composition (``anggaran.komposisi``) must match, which a planner
      settles together with it;
    * ``ejaan``: the corrected text the comment gives;
    * ``tinjau``: the proposal after ``=>``; without one, a list item is removed (the planner
      rewrites or deletes a sentence the checker rejects);
    * ``tidak ditemukan``: the placeholder is kept (nothing to choose from).
    """
    lines: list[str | None] = list(text.splitlines())
    for i, comment in _comments(text):
        line = lines[i]
        assert line is not None
        new: str | None = None
        for kind in comment.split(REVIEW_SEP):
            if kind.startswith(f"{DIFFERENT}: "):
                cands = _candidates(kind)
                budget = re.match(r"\s*(pagu|realisasi_anggaran): ", line) is not None
                if cands:
                    new = cands[0 if budget else choice % len(cands)]
            elif kind.startswith(f"{REVIEW_FIX}: "):
                new = kind[len(REVIEW_FIX) + 2:]
            elif kind.startswith(f"{REVIEW_HAND}: "):
                if " => " in kind:
                    new = kind.rsplit(" => ", 1)[1]
                elif line.lstrip().startswith("- ") and ": " not in line.split("  # ", 1)[0]:
                    lines[i] = None
                    break
        if new is not None and lines[i] is not None:
            prefix = _PREFIX_RE.match(line)
            assert prefix is not None
            lines[i] = f"{prefix.group(1)}{new}"
    return "\n".join(x for x in lines if x is not None) + "\n"


@pytest.fixture(scope="module", params=SEEDS, ids=lambda p: p.stem)
def seed_figures(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("seed") / "figures.yaml"
    extract_file(request.param, out)
    return out, out.read_text(encoding="utf-8")


def test_seed_extract_validates_and_flags(seed_figures: tuple[Path, str]) -> None:
    path, text = seed_figures
    fig = load_figures(path)
    assert fig.sasaran and fig.program
    flags = [c for _, c in _comments(text) if c.startswith((DIFFERENT, NOT_FOUND))]
    assert flags, "a real report has places that disagree"
    data = yaml.safe_load(text)
    assert data["tahun"] == 2023


@pytest.mark.parametrize("choice", [0, 1])
def test_seed_settled_drafts_clean(seed_figures: tuple[Path, str], choice: int,
                                   tmp_path: Path) -> None:
    _, text = seed_figures
    settled = tmp_path / "settled.yaml"
    settled.write_text(_settle(text, choice), encoding="utf-8")
    load_figures(settled)
    draft = tmp_path / "bab3.md"
    draft_file(settled, draft)
    proc = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(draft), "-q",
                           "--format", "text"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:]


# --------------------------------------------------------------------------- CLI
def test_cli_unreadable_input(tmp_path: Path) -> None:
    out = tmp_path / "f.yaml"
    missing = tmp_path / "nope.docx"
    proc = subprocess.run([sys.executable, "-m", "drafter.cli", "extract", str(missing), "-o",
                           str(out)], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "nope.docx" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_cli_corrupt_docx_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "f.yaml"
    out.write_text("keep: me\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "drafter.cli", "extract", str(bad), "-o",
                           str(out)], capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "bad.docx" in proc.stderr
    assert out.read_text(encoding="utf-8") == "keep: me\n"


def test_user_text_is_quoted(tmp_path: Path) -> None:
    """Names with YAML syntax (': ', ' #', quotes, a leading '-', '?', '@', '!') survive the
    round trip (braces and HTML tags are not tried: the Markdown reader drops them as markup)."""
    src = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    src["sasaran"][0]["nama"] = "Uji: \"kutip\" # bukan komentar, 50% & 'satu' @x !y"
    src["sasaran"][0]["indikator"][0]["nama"] = "- Indikator 'uji': ? % *"
    fig = tmp_path / "fig.yaml"
    fig.write_text(yaml.safe_dump(src, allow_unicode=True), encoding="utf-8")
    draft = tmp_path / "d.md"
    draft_file(fig, draft)
    text, _ = extract_text(draft)
    data = yaml.safe_load(text)
    assert data["sasaran"][0]["nama"] == src["sasaran"][0]["nama"]
    assert data["sasaran"][0]["indikator"][0]["nama"] == src["sasaran"][0]["indikator"][0]["nama"]


def test_round_trip_pdf(tmp_path: Path) -> None:
    """A drafted report printed to PDF (real tables, page headers) reads back the same figures
    (the PDF reader gives the same document model)."""
    from pdfgen import chromium, document_html, print_pdf

    from drafter.document.readers import read_document

    if chromium() is None:
        pytest.skip("chromium not installed")
    example = ROOT / "examples" / "contoh-sintetis.yaml"
    md = tmp_path / "d.md"
    draft_file(example, md)
    pdf = print_pdf(document_html(read_document(md)), tmp_path / "d.pdf")
    out = tmp_path / "f.yaml"
    extract_file(pdf, out)
    assert _diff(_carried(load_figures(out)), _carried(load_figures(example))) == []


def test_disagreement_is_flagged_with_both_values(tmp_path: Path) -> None:
    """A draft whose Tabel 3.2 disagrees with Tabel 3.1 on this year's realisasi: the value
    keeps Tabel 3.1's figure and the comment names both tables and values."""
    example = ROOT / "examples" / "contoh-sintetis.yaml"
    md = tmp_path / "d.md"
    draft_file(example, md)
    text = md.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines()
               if line.startswith("| 1 |") and line.count("|") == 10)  # Tabel 3.2, 9 columns
    cells = row.split("|")
    cells[-2] = " 99,9 "
    md.write_text(text.replace(row, "|".join(cells)), encoding="utf-8")
    out, _ = extract_text(md)
    line = next(x for x in out.splitlines() if x.strip().startswith("realisasi: 84.5"))
    comment = line.split("  # ", 1)[1]
    assert comment.startswith(f"{DIFFERENT}: ")
    assert "Tabel 3.1" in comment and "Tabel 3.2" in comment
    assert _candidates(comment) == ["84.5", "99.9"]


def test_missing_value_is_flagged(tmp_path: Path) -> None:
    """Without Tabel 3.7 and without the sentence stating the formula, the efficiency formula
    is not found: the default is written with '# tidak ditemukan'."""
    example = ROOT / "examples" / "contoh-sintetis.yaml"
    md = tmp_path / "d.md"
    draft_file(example, md)
    kept = [line for line in md.read_text(encoding="utf-8").splitlines()
            if "efisiensi" not in line.lower() and "Efisien" not in line]
    md.write_text("\n".join(kept) + "\n", encoding="utf-8")
    out, flagged = extract_text(md)
    line = next(x for x in out.splitlines() if x.strip().startswith("efisiensi:"))
    assert line.endswith(f"  # {NOT_FOUND}")
    assert flagged >= 1


def test_b2_prose_and_b3_programs_read_back(tmp_path: Path) -> None:
    """B.2 lists in every join form (items holding a comma, three or more items, an item of
    several sentences after a lead sentence) and two programs of one sasaran whose names hold
    "dan" and a comma come back as they were; an item that may be two ("a dan b") is one item
    with a ``periksa`` comment."""
    src = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    s0, s1 = src["sasaran"][0], src["sasaran"][1]
    s0["faktor_keberhasilan"] = ["Petugas loket bertambah, termasuk dua orang dari desa.",
                                 "Aplikasi antrean dipakai warga."]
    s0["permasalahan"] = ["Jaringan internet sering putus.", "Ruang tunggu sempit.",
                          "Formulir cetak sering habis."]
    s0["solusi"] = ["Menambah loket. Petugas cadangan disiapkan.", "Menata ruang tunggu."]
    s1["faktor_keberhasilan"] = ["Patroli malam rutin dan terjadwal."]
    progs = [p for p in src["program"] if p["sasaran"] == s0["id"]]
    extra = yaml.safe_load(yaml.safe_dump(progs[0]))
    extra["nama"] = "Program Pelayanan Umum, Kependudukan dan Pencatatan"
    progs[0]["nama"] = "Program Pelayanan Umum"
    src["program"].append(extra)
    src["anggaran"].pop("komposisi", None)  # the totals change with the added program
    fig = tmp_path / "fig.yaml"
    fig.write_text(yaml.safe_dump(src, allow_unicode=True), encoding="utf-8")
    draft = tmp_path / "d.md"
    draft_file(fig, draft)
    text, _ = extract_text(draft)
    data = yaml.safe_load(text)
    got0, got1 = data["sasaran"][0], data["sasaran"][1]
    assert got0["faktor_keberhasilan"] == s0["faktor_keberhasilan"]
    assert got0["permasalahan"] == s0["permasalahan"]
    assert got0["solusi"] == ["Menambah loket.", "Petugas cadangan disiapkan.",
                              "Menata ruang tunggu."]  # sentences: the items cannot be told
    assert got1["faktor_keberhasilan"] == s1["faktor_keberhasilan"]
    line = next(x for x in text.splitlines() if "Patroli malam rutin" in x)
    assert "  # periksa: " in line
    by_name = {p["nama"]: p["sasaran"] for p in data["program"]}
    assert by_name["Program Pelayanan Umum"] == s0["id"]
    assert by_name["Program Pelayanan Umum, Kependudukan dan Pencatatan"] == s0["id"]
