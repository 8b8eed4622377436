"""The bad-input matrix: every input kind x every fault, through the real CLI in a subprocess.

For each failing case: exit code 2, exactly one line on stderr, in Indonesian, naming the file
and the fault; no traceback; no output file (not even a partial one or a temporary file); the
input file byte-identical afterwards. Faults that make no sense for a kind are left out (a
truncated plain-text file is still plain text: it is checked normally, see
``test_truncated_text_is_checked_normally``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIGURES_SEED = ROOT / "tests" / "fuzz" / "data" / "figures_min.yaml"
HUGE_MB = 60

TEXT = """BAB III
AKUNTABILITAS KINERJA
A. Capaian Kinerja Organisasi
Tabel 3.1 Pengukuran Kinerja Tahun 2023
No\tIndikator Kinerja\tTarget\tRealisasi\tCapaian
1\tIndeks Kepuasan Masyarakat\t85\t88,05\t103,59%
Capaian indikator Indeks Kepuasan Masyarakat tahun 2023 sebesar 103,59% dengan kategori sangat
baik. Kepala desa dan perangkat kecamatan menyampaikan laporan tepat waktu.
"""
MARKDOWN = """# BAB III AKUNTABILITAS KINERJA

## A. Capaian Kinerja Organisasi

Tabel 3.1 Pengukuran Kinerja Tahun 2023

| No | Indikator Kinerja | Target | Realisasi | Capaian |
|---|---|---|---|---|
| 1 | Indeks Kepuasan Masyarakat | 85 | 88,05 | 103,59% |

Capaian indikator Indeks Kepuasan Masyarakat tahun 2023 sebesar 103,59%.
"""


def make_docx_bytes() -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    d.add_paragraph("Capaian indikator Indeks Kepuasan Masyarakat tahun 2023 sebesar 103,59%.")
    t = d.add_table(rows=2, cols=3)
    for c, v in enumerate(["Indikator", "Target", "Realisasi"]):
        t.cell(0, c).text = v
    for c, v in enumerate(["Indeks Kepuasan Masyarakat", "85", "88,05"]):
        t.cell(1, c).text = v
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def figures_json_bytes() -> bytes:
    import json

    import yaml

    return json.dumps(yaml.safe_load(FIGURES_SEED.read_text("utf-8")), indent=2).encode("utf-8")


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
BINARY = bytes(range(256)) * 8


def run_cli(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONHASHSEED", None)
    env["COLUMNS"] = "200"
    return subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args], cwd=cwd, env=env, capture_output=True,
        text=True, encoding="utf-8", errors="replace", timeout=timeout, stdin=subprocess.DEVNULL,
    )


def sha(path: Path) -> str | None:
    if not path.is_file():
        return None
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def assert_clean_failure(proc: subprocess.CompletedProcess[str], names: list[str],
                         keywords: tuple[str, ...]) -> None:
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out[-3000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2, f"exit {proc.returncode}, stderr: {proc.stderr[-2000:]}"
    assert len(lines) == 1, f"expected one stderr line, got {len(lines)}: {proc.stderr[-2000:]}"
    line = lines[0].lower()
    assert any(n.lower() in line for n in names), f"file not named ({names}): {lines[0]}"
    assert any(k.lower() in line for k in keywords), f"fault not named ({keywords}): {lines[0]}"
    assert proc.stdout.strip() == "", f"unexpected stdout: {proc.stdout[:500]}"


# ---------------------------------------------------------------------------------------------
# the matrix

FAULT_WORDS = {
    "empty": ("kosong",),
    "binary": ("biner", "bukan teks", "bukan docx", "bukan berkas", "rusak", "tidak dikenali"),
    "wrong-extension": ("ekstensi", "format", "tidak didukung", "bukan berkas", "jenis berkas"),
    "non-utf8": ("utf-8", "utf8", "pengodean", "encoding", "karakter"),
    "truncated": ("terpotong", "rusak", "tidak lengkap", "sintaks", "wajib diisi", "bukan docx",
                  "zip"),
    "huge": ("terlalu besar", "batas"),
    "unreadable": ("izin", "tidak dapat dibaca"),
    "output-not-writable": ("izin", "tidak dapat ditulisi", "tidak dapat menulis", "tidak ada"),
    "output-is-input": ("sama dengan",),
}


@dataclass
class Case:
    kind: str
    fault: str
    command: str  # "draft" or "check"
    filename: str
    content: bytes | Callable[[Path], None]  # bytes, or a writer for large/sparse files
    output: str | None = "hasil.out"
    extra_args: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.fault}"


def _huge_text(path: Path) -> None:
    """A real (non-sparse) text file of HUGE_MB: the only fault is its size."""
    block = (TEXT * 200).encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < HUGE_MB * 1024 * 1024:
            fh.write(block)
            written += len(block)


def _huge_sparse(path: Path) -> None:
    with path.open("wb") as fh:
        fh.write(make_docx_bytes())
    os.truncate(path, HUGE_MB * 1024 * 1024)


def _huge_yaml(path: Path) -> None:
    seed = FIGURES_SEED.read_bytes()
    pad = b"# " + b"x" * 1000 + b"\n"
    with path.open("wb") as fh:
        fh.write(seed)
        for _ in range(HUGE_MB * 1024):
            fh.write(pad)


def _cases() -> list[Case]:
    yaml_seed = FIGURES_SEED.read_bytes()
    json_seed = figures_json_bytes()
    docx_bytes = make_docx_bytes()
    latin = "Kecamatan Sumberjambe: capaian 103,59% (Desa Pakusari, Ké)\n"
    out: list[Case] = []
    # figures, through `lkip draft FIG -o out.md`
    for kind, name, seed in (("yaml", "angka.yaml", yaml_seed), ("json", "angka.json", json_seed)):
        out += [
            Case(kind, "empty", "draft", name, b""),
            Case(kind, "binary", "draft", name, BINARY),
            Case(kind, "wrong-extension", "draft", name.replace(".", "-") + ".docx", docx_bytes),
            Case(kind, "non-utf8", "draft", name,
                 seed.replace(b"Kecamatan Contoh", "Kecamatan Contoh Kéc".encode("cp1252"))),
            Case(kind, "truncated", "draft", name, seed[: len(seed) * 2 // 3]),
            Case(kind, "huge", "draft", name, _huge_yaml),
            Case(kind, "unreadable", "draft", name, seed),
            Case(kind, "output-not-writable", "draft", name, seed),
            Case(kind, "output-is-input", "draft", name, seed),
        ]
    # reports, through `lkip check FILE -f json -o out.json`
    for kind, name, seed in (("txt", "laporan.txt", TEXT.encode()), ("md", "laporan.md", MARKDOWN.encode())):
        out += [
            Case(kind, "empty", "check", name, b""),
            Case(kind, "binary", "check", name, BINARY),
            Case(kind, "wrong-extension", "check", name.replace(".", "-") + ".pdf", PDF),
            Case(kind, "non-utf8", "check", name, latin.encode("cp1252") + seed),
            Case(kind, "huge", "check", name, _huge_text),
            Case(kind, "unreadable", "check", name, seed),
            Case(kind, "output-not-writable", "check", name, seed),
            Case(kind, "output-is-input", "check", name, seed),
        ]
    out += [
        Case("docx", "empty", "check", "laporan.docx", b""),
        Case("docx", "binary", "check", "laporan.docx", BINARY),
        Case("docx", "pdf-renamed", "check", "laporan.docx", PDF),
        Case("docx", "wrong-extension", "check", "laporan.doc", docx_bytes),
        Case("docx", "text-renamed", "check", "laporan.docx", latin.encode("cp1252") * 20),
        Case("docx", "truncated", "check", "laporan.docx", docx_bytes[: len(docx_bytes) // 2]),
        Case("docx", "huge", "check", "laporan.docx", _huge_sparse),
        Case("docx", "unreadable", "check", "laporan.docx", docx_bytes),
        Case("docx", "output-not-writable", "check", "laporan.docx", docx_bytes),
        Case("docx", "output-is-input", "check", "laporan.docx", docx_bytes),
    ]
    return out


CASES = _cases()
FAULT_WORDS["pdf-renamed"] = FAULT_WORDS["binary"] + ("pdf",)
FAULT_WORDS["text-renamed"] = FAULT_WORDS["binary"]


def _is_root_like(path: Path) -> bool:
    """True when permissions do not stop this process (root): chmod 000 is then no test."""
    try:
        with path.open("rb"):
            return True
    except PermissionError:
        return False


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    src = work / case.filename
    if callable(case.content):
        case.content(src)
    else:
        src.write_bytes(case.content)
    before = sha(src)
    out_name = "hasil.md" if case.command == "draft" else "hasil.json"
    out_dir = work
    out_arg = out_name
    restore: list[Callable[[], None]] = []

    if case.fault == "unreadable":
        src.chmod(0)
        restore.append(lambda: src.chmod(0o644))
        if _is_root_like(src):
            src.chmod(0o644)
            pytest.skip("running as root: chmod 000 does not block reading")
    elif case.fault == "output-not-writable":
        locked = work / "terkunci"
        locked.mkdir()
        locked.chmod(0o555)
        restore.append(lambda: locked.chmod(0o755))
        probe = locked / ".probe"
        try:
            probe.write_bytes(b"")
            probe.unlink()
            # root: the kernel's /proc refuses new files for everyone
            if not Path("/proc/self").exists():
                pytest.skip("running as root without /proc: no unwritable folder to test with")
            out_dir = Path("/proc")
            out_arg = str(out_dir / f"lkip-{os.getpid()}-{out_name}")
        except PermissionError:
            out_dir = locked
            out_arg = str(Path("terkunci") / out_name)
    elif case.fault == "output-is-input":
        out_arg = case.filename
    try:
        if case.command == "draft":
            args = ["draft", case.filename, "-o", out_arg]
        else:
            args = ["check", case.filename, "-f", "json", "-o", out_arg]
        proc = run_cli(args + case.extra_args, work)
    finally:
        for undo in restore:
            undo()

    words = FAULT_WORDS[case.fault]
    # an output fault names the output file; every other fault names the input
    names = [Path(out_arg).name] if case.fault == "output-not-writable" else [case.filename]
    assert_clean_failure(proc, names, words)
    # input untouched
    assert sha(src) == before, "the input file was modified"
    # no output, no partial output, no temporary file
    if case.fault != "output-is-input":
        assert not (out_dir / Path(out_arg).name).exists(), "an output file was written"
    leftovers = sorted(p.name for p in work.iterdir() if p.name not in (case.filename, "terkunci"))
    assert leftovers == [], f"files left behind: {leftovers}"


# ---------------------------------------------------------------------------------------------
# cases outside the single-file matrix


def test_truncated_text_is_checked_normally(tmp_path: Path) -> None:
    """A cut plain-text file is still plain text: it is checked, not refused."""
    path = tmp_path / "laporan.txt"
    path.write_text(TEXT[: len(TEXT) // 2], encoding="utf-8")
    proc = run_cli(["check", path.name, "-f", "json"], tmp_path)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr


def test_folder_with_one_corrupt_file(tmp_path: Path) -> None:
    """A folder: the good files are checked, the bad one is reported on stderr, exit 0/1."""
    folder = tmp_path / "laporan"
    folder.mkdir()
    (folder / "a-baik.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b-baik.md").write_text(MARKDOWN, encoding="utf-8")
    (folder / "c-rusak.docx").write_bytes(PDF)
    before = {p.name: sha(p) for p in folder.iterdir()}
    out = tmp_path / "hasil.json"
    proc = run_cli(["check", "laporan", "-f", "json", "-o", out.name, "-j", "1"], tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1), proc.stderr
    bad = [ln for ln in proc.stderr.splitlines() if "c-rusak.docx" in ln]
    assert len(bad) == 1, proc.stderr
    assert not any(ln for ln in proc.stderr.splitlines() if "a-baik" in ln and "lkip:" in ln)
    import json

    data = json.loads(out.read_text("utf-8"))
    text = json.dumps(data)
    assert "a-baik.txt" in text and "b-baik.md" in text and "c-rusak.docx" in text
    assert {p.name: sha(p) for p in folder.iterdir()} == before


def test_folder_without_reports(tmp_path: Path) -> None:
    folder = tmp_path / "kosong"
    folder.mkdir()
    (folder / "catatan.pdf").write_bytes(PDF)
    proc = run_cli(["check", "kosong"], tmp_path)
    assert_clean_failure(proc, ["kosong"], ("tidak berisi", "kosong"))


def test_missing_file(tmp_path: Path) -> None:
    proc = run_cli(["check", "tidak-ada.txt"], tmp_path)
    assert_clean_failure(proc, ["tidak-ada.txt"], ("tidak ditemukan",))
    proc = run_cli(["validate", "tidak-ada.yaml"], tmp_path)
    assert_clean_failure(proc, ["tidak-ada.yaml"], ("tidak ditemukan",))


def test_output_is_a_folder(tmp_path: Path) -> None:
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "keluar").mkdir()
    proc = run_cli(["check", "laporan.txt", "-f", "json", "-o", "keluar"], tmp_path)
    assert_clean_failure(proc, ["keluar"], ("folder",))


def test_output_in_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    proc = run_cli(["check", "laporan.txt", "-f", "json", "-o", "tidak/ada/hasil.json"], tmp_path)
    assert_clean_failure(proc, ["hasil.json"], ("tidak ada",))
    assert not (tmp_path / "tidak").exists()


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_validate_bad_figures(tmp_path: Path, suffix: str) -> None:
    """`lkip validate` on the same faults as `lkip draft` (runs even before the drafter exists)."""
    seed = FIGURES_SEED.read_bytes() if suffix == ".yaml" else figures_json_bytes()
    faults = {
        "empty": b"",
        "binary": BINARY,
        "non-utf8": seed.replace(b"Kecamatan Contoh", "Kecamatan Ké".encode("cp1252")),
        "truncated": seed[: len(seed) * 2 // 3],
    }
    for fault, data in faults.items():
        path = tmp_path / f"angka-{fault}{suffix}"
        path.write_bytes(data)
        proc = run_cli(["validate", path.name], tmp_path)
        assert_clean_failure(proc, [path.name], FAULT_WORDS[fault])
    wrong = tmp_path / "angka.txt"
    wrong.write_bytes(seed)
    assert_clean_failure(run_cli(["validate", wrong.name], tmp_path), [wrong.name],
                         FAULT_WORDS["wrong-extension"])
    huge = tmp_path / f"angka-besar{suffix}"
    _huge_yaml(huge)
    assert_clean_failure(run_cli(["validate", huge.name], tmp_path), [huge.name], FAULT_WORDS["huge"])


def test_sample_is_valid(tmp_path: Path) -> None:
    """The matrix's seeds are themselves fine (so each failure above is about its one fault)."""
    for name, data in (("angka.yaml", FIGURES_SEED.read_bytes()), ("angka.json", figures_json_bytes())):
        (tmp_path / name).write_bytes(data)
        proc = run_cli(["validate", name], tmp_path)
        assert proc.returncode == 0, proc.stderr
    assert zipfile.is_zipfile(__import__("io").BytesIO(make_docx_bytes()))
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_output_gets_normal_permissions(tmp_path: Path) -> None:
    """Outputs are written through a temporary file, but end up with the usual mode."""
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    proc = run_cli(["check", "laporan.txt", "-f", "json", "-o", "hasil.json"], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "hasil.json").stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hasil.json", "laporan.txt"]


def test_docx_zip_bomb(tmp_path: Path) -> None:
    """A 1.4 MB DOCX that unpacks to 300 MB: refused with one line, quickly."""
    from fuzz.helpers import zip_bomb, zip_members

    path = tmp_path / "bom.docx"
    path.write_bytes(zip_bomb(zip_members(make_docx_bytes()), 300))
    before = sha(path)
    proc = run_cli(["check", path.name, "-f", "json", "-o", "hasil.json"], tmp_path, timeout=60)
    assert_clean_failure(proc, [path.name], ("zip bomb", "mencurigakan", "terlalu besar"))
    assert sha(path) == before and not (tmp_path / "hasil.json").exists()
