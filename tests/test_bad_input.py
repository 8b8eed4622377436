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
            Case(kind, "broken-pdf", "check", name.replace(".", "-") + ".pdf", PDF),
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
FAULT_WORDS["broken-pdf"] = ("pdf rusak",)  # .pdf is read since issue 12: a broken one is named
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
    (folder / "catatan.odt").write_bytes(PDF)
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


# ---------------------------------------------------------------------------------------------
# special files, output targets, numbers, config, spreadsheets, interrupts, symlinks, escapes

EXAMPLE = ROOT / "examples" / "contoh-sintetis.yaml"
SPECIAL_WORDS = ("bukan berkas biasa", "perangkat", "fifo", "folder")


def _fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["check", "validate", "draft"])
@pytest.mark.parametrize("special", ["fifo", "device", "folder"])
def test_special_file_inputs_are_refused_before_reading(tmp_path: Path, command: str,
                                                        special: str) -> None:
    """A FIFO (would hang), a device (/dev/zero would fill the memory) or a folder as input:
    one clean line, exit 2, at once."""
    suffix = ".txt" if command == "check" else ".yaml"
    if special == "fifo":
        src = str(_fifo(tmp_path / f"masukan{suffix}"))
    elif special == "device":
        if not Path("/dev/zero").exists():
            pytest.skip("no /dev/zero")
        src = "/dev/zero"
    else:
        src = str(tmp_path / f"folder{suffix}")
        Path(src).mkdir()
    args = {"check": ["check", src, "-f", "json"], "validate": ["validate", src],
            "draft": ["draft", src, "-o", "hasil.md"]}[command]
    proc = run_cli(args, tmp_path, timeout=30)
    assert_clean_failure(proc, [Path(src).name], SPECIAL_WORDS + ("format",))
    assert not (tmp_path / "hasil.md").exists()


def test_special_config_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    _fifo(tmp_path / "lkip.toml")
    proc = run_cli(["check", "laporan.txt"], tmp_path, timeout=30)
    assert_clean_failure(proc, ["lkip.toml"], ("fifo",))


def _special_outputs(tmp_path: Path, suffix: str) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    if hasattr(os, "mkfifo"):
        out.append(("fifo", _fifo(tmp_path / f"keluar-fifo{suffix}")))
    target = tmp_path / "sasaran-tautan.txt"
    target.write_text("isi lama", encoding="utf-8")
    link = tmp_path / f"keluar-tautan{suffix}"
    link.symlink_to(target)
    out.append(("symlink", link))
    dev = tmp_path / f"keluar-perangkat{suffix}"
    try:  # a character device like /dev/null (root only; never touch the real /dev/null)
        import stat as stat_mod

        os.mknod(dev, 0o666 | stat_mod.S_IFCHR, os.makedev(1, 3))
        out.append(("device", dev))
    except (OSError, AttributeError):
        pass
    return out


@pytest.mark.parametrize("command", ["check", "draft"])
def test_special_outputs_are_refused_and_left_alone(tmp_path: Path, command: str) -> None:
    """-o on a device, FIFO or symbolic link: refused (never replaced by a regular file)."""
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "angka.yaml")
    specials = _special_outputs(tmp_path, ".json" if command == "check" else ".md")
    assert len(specials) >= 2
    for kind, out in specials:
        before = os.lstat(out)
        args = (["check", "laporan.txt", "-f", "json", "-o", out.name] if command == "check"
                else ["draft", "angka.yaml", "-o", out.name])
        proc = run_cli(args, tmp_path, timeout=60)
        assert_clean_failure(proc, [out.name], ("bukan berkas biasa", "tautan simbolik"))
        after = os.lstat(out)
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), kind
    assert (tmp_path / "sasaran-tautan.txt").read_text("utf-8") == "isi lama"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".lkip-")]


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_stdout_output_is_written_through(tmp_path: Path, target: str) -> None:
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    proc = run_cli(["check", "laporan.txt", "-f", "json", "-o", target], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    import json

    assert json.loads(proc.stdout)["files"][0]["path"] == "laporan.txt"
    shutil.copy(EXAMPLE, tmp_path / "angka.yaml")
    proc = run_cli(["draft", "angka.yaml", "-o", target], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# BAB III")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["angka.yaml", "laporan.txt"]


@pytest.mark.parametrize(("value", "words"), [
    ("100000000000000000000000000", ("terlalu besar",)),
    ("1000000000000000", ("terlalu besar",)),
    ("82.1234567", ("desimal",)),
    ("-1e400", ("terhingga", "angka")),
])
def test_unformattable_numbers_are_refused(tmp_path: Path, value: str,
                                           words: tuple[str, ...]) -> None:
    """Numbers the drafter cannot write pass neither `validate` nor `draft` (no traceback)."""
    import json

    import yaml

    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["sasaran"][0]["indikator"][0]["target"] = "@@"
    (tmp_path / "angka.json").write_text(json.dumps(data).replace('"@@"', value), encoding="utf-8")
    for args in (["validate", "angka.json"], ["draft", "angka.json", "-o", "hasil.md"]):
        proc = run_cli(args, tmp_path)
        assert_clean_failure(proc, ["angka.json"], words)
        assert "sasaran[0].indikator[0].target" in proc.stderr
    assert not (tmp_path / "hasil.md").exists()


def test_largest_accepted_number_is_drafted(tmp_path: Path) -> None:
    text = EXAMPLE.read_text("utf-8")
    big = "999999999999999.5"
    assert "target: 82\n" in text
    (tmp_path / "angka.yaml").write_text(text.replace("target: 82\n", f"target: {big}\n", 1),
                                         encoding="utf-8")
    proc = run_cli(["draft", "angka.yaml", "-o", "hasil.md"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "999.999.999.999.999" in (tmp_path / "hasil.md").read_text("utf-8")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_duplicate_keys_name_the_line(tmp_path: Path, suffix: str) -> None:
    if suffix == ".yaml":
        text = EXAMPLE.read_text("utf-8").replace("tahun: 2024\n", "tahun: 2024\ntahun: 2023\n", 1)
        line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln == "tahun: 2023")
    else:
        text = '{\n  "tahun": 2024,\n  "instansi": {},\n  "tahun": 2023\n}\n'
        line = 4
    (tmp_path / f"angka{suffix}").write_text(text, encoding="utf-8")
    proc = run_cli(["validate", f"angka{suffix}"], tmp_path)
    assert_clean_failure(proc, [f"angka{suffix}:{line}:"], ("dua kali",))
    assert "'tahun'" in proc.stderr


@pytest.mark.parametrize(("config", "words"), [
    ('year = "2023"\n', ("year", "bilangan bulat")),
    ('spelling = "false"\n', ("spelling", "true atau false")),
    ('select = ["QQ999"]\n', ("select", "tidak dikenal", "QQ999")),
    ('ignore = ["AR101", ""]\n', ("ignore", "kosong")),
    ("lang = 'jv'\n", ("lang", "id")),
    ("year = 1850\n", ("year", "antara")),
    ("tahun = 2023\n", ("tahun", "tidak dikenal")),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", ("terlalu dalam", "bersarang")),
    ("a = " + "{b = " * 5000 + "1" + "}" * 5000 + "\n", ("terlalu dalam", "bersarang")),
])
def test_config_that_would_weaken_the_checker_is_an_error(tmp_path: Path, config: str,
                                                          words: tuple[str, ...]) -> None:
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "lkip.toml").write_text(config, encoding="utf-8")
    proc = run_cli(["check", "laporan.txt"], tmp_path)
    assert_clean_failure(proc, ["lkip.toml"], words)
    if "year" in config or "spelling" in config or "select" in config:
        assert "lkip.toml:1:" in proc.stderr  # the line is named


@pytest.mark.parametrize("args", [["--select", "QQ1"], ["--ignore", "nonexistent-category"],
                                  ["-j", "0"], ["-j", "100000"], ["--lang", "xx"]])
def test_bad_options_are_errors(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    proc = run_cli(["check", "laporan.txt", *args], tmp_path)
    assert_clean_failure(proc, [args[0]], ("tidak dikenal", "antara"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_spreadsheet_cells_are_never_formulas(tmp_path: Path, fmt: str) -> None:
    """File names and texts starting with = + - @ stay text in CSV and XLSX reports."""
    names = ["=HYPERLINK(1).txt", "+1.txt", "-1.txt", "@SUM(A1).txt"]
    body = TEXT.replace("103,59%", "150,00%")  # an arithmetic error: every file has rows
    for n in names:
        (tmp_path / n).write_text(body, encoding="utf-8")
    proc = run_cli(["check", "-f", fmt, "-o", f"hasil.{fmt}", "-j", "1", "--", *names], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    out = tmp_path / f"hasil.{fmt}"
    cells: list[tuple[str, object]] = []
    if fmt == "csv":
        import csv as csv_mod

        rows = list(csv_mod.reader(out.read_text("utf-8-sig").splitlines()))
        cells = [("s", c) for r in rows[1:] for c in r]
        assert {"'=HYPERLINK(1).txt", "'+1.txt", "'-1.txt", "'@SUM(A1).txt"} <= {c for _, c in cells}
    else:
        import openpyxl

        wb = openpyxl.load_workbook(out)
        cells = [(c.data_type, c.value) for ws in wb for r in ws.iter_rows() for c in r]
        assert {("s", n) for n in names} <= set(cells)
        assert not [v for t, v in cells if t == "f"]
    for _kind, value in cells:
        if fmt == "csv":
            assert not str(value).startswith(("=", "+", "-", "@")), value


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def big_batch(tmp_path: Path) -> Path:
    seed = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / \
        "lkip-2023-kecamatan-gumukmas.txt"
    body = seed.read_text("utf-8") if seed.is_file() else TEXT * 400
    folder = tmp_path / "banyak"
    folder.mkdir()
    for i in range(60):
        (folder / f"laporan-{i:03d}.txt").write_text(body, encoding="utf-8")
    return folder


def _start_batch(tmp_path: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # stderr to a file, not a pipe: a worker left behind must not block the test
    err = (tmp_path / "stderr.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "drafter.cli", "check", "banyak", "-j", "2", "-f", "html",
         "-o", "hasil.html", *extra], cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
        stderr=err, start_new_session=True)
    err.close()
    return proc


def _wait_for_workers(proc: subprocess.Popen[bytes]) -> list[int]:
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= 2:
            time.sleep(1.0)  # let them start checking
            return _children(proc.pid)
        time.sleep(0.1)
    proc.kill()
    pytest.skip("workers did not start (no /proc?)")


def _reap(kids: list[int]) -> list[int]:
    """Kill what is still alive (so a failing test leaves nothing behind); return those."""
    import signal

    alive = [k for k in kids if _alive(k)]
    for k in alive:
        try:
            os.kill(k, signal.SIGKILL)
        except OSError:
            pass
    return alive


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_ctrl_c_stops_a_batch_quickly(tmp_path: Path, big_batch: Path) -> None:
    """Ctrl-C (SIGINT to the process group): stopped within 2 s, one line, exit 130, workers
    gone, no output and no temporary file."""
    import signal
    import time

    proc = _start_batch(tmp_path)
    kids = _wait_for_workers(proc)
    try:
        start = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
        elapsed = time.monotonic() - start
        time.sleep(0.5)
    finally:
        proc.kill()
        alive = _reap(kids)
    err = (tmp_path / "stderr.log").read_text("utf-8")
    assert elapsed < 2.0, elapsed
    assert proc.returncode == 130, err
    assert [ln for ln in err.splitlines() if ln.strip()] == ["lkip: dibatalkan (Ctrl-C)"], err
    assert not alive
    assert sorted(p.name for p in tmp_path.iterdir()) == ["banyak", "stderr.log"]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")
def test_workers_die_with_a_killed_parent(tmp_path: Path, big_batch: Path) -> None:
    """SIGKILL of the parent (no handler can run): the kernel stops the -j workers too."""
    import signal
    import time

    proc = _start_batch(tmp_path)
    kids = _wait_for_workers(proc)
    assert kids
    try:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and [k for k in kids if _alive(k)]:
            time.sleep(0.1)
    finally:
        alive = _reap(kids)
    assert not alive


def test_sigterm_between_write_and_rename_leaves_no_temp_file(tmp_path: Path) -> None:
    """SIGTERM arriving while the output is written: exit 143, one line, no .lkip-* file."""
    (tmp_path / "laporan.txt").write_text(TEXT, encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "import drafter.io as io_mod\n"
        "real = os.replace\n"
        "def replace(src, dst):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return real(src, dst)\n"
        "io_mod.os.replace = replace\n"
        "from drafter.cli import main\n"
        "sys.argv = ['lkip', 'check', 'laporan.txt', '-f', 'html', '-o', 'hasil.html']\n"
        "main()\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 143, proc.stderr
    assert [ln for ln in proc.stderr.splitlines() if ln.strip()] == ["lkip: dihentikan (SIGTERM)"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.txt"]


def test_batch_does_not_follow_symlinks_out_of_the_folder(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia"
    secret.mkdir()
    (secret / "luar.txt").write_text(TEXT.replace("Kepala desa", "RAHASIA-LUAR Kepala desa"),
                                     encoding="utf-8")
    folder = tmp_path / "laporan"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "tautan.txt").symlink_to(secret / "luar.txt")
    (folder / "sub").symlink_to(secret, target_is_directory=True)
    (folder / "dalam.txt").symlink_to(folder / "a.txt")  # inside the folder: fine
    proc = run_cli(["check", "laporan", "-f", "json", "-j", "1"], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    import json

    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert sorted(Path(p).name for p in paths) == ["a.txt", "dalam.txt"]
    assert proc.stderr.count("--follow-symlinks") == 2
    proc = run_cli(["check", "laporan", "-f", "json", "-j", "1", "--follow-symlinks"], tmp_path)
    paths = [f["path"] for f in json.loads(proc.stdout)["files"]]
    assert sorted(Path(p).name for p in paths) == ["a.txt", "dalam.txt", "luar.txt", "tautan.txt"]


def test_control_characters_in_names_are_escaped(tmp_path: Path) -> None:
    """A file name with a newline and an escape sequence: still one line per issue, no raw
    escape code in the terminal output or in the error messages."""
    name = "lap\noran\x1b[2J.txt"
    (tmp_path / name).write_text(TEXT.replace("85\t88,05\t103,59%", "85\t88,05\t150,00%"),
                                 encoding="utf-8")
    proc = run_cli(["check", name], tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr
    issue_lines = [ln for ln in proc.stdout.splitlines() if ": " in ln and "temuan" not in ln]
    assert issue_lines and all(ln.startswith("lap\\noran\\x1b[2J.txt:") for ln in issue_lines)
    proc = run_cli(["check", "tidak\x1b]0;x\x07ada.txt"], tmp_path)
    assert_clean_failure(proc, ["tidak\\x1b]0;x\\x07ada.txt"], ("tidak ditemukan",))
    # a usage error of the option parser quotes the value: escaped too
    proc = run_cli(["check", "--format", "x\x1b[2J\ny", name], tmp_path)
    assert proc.returncode == 2 and "\x1b" not in proc.stderr and "x\\x1b[2J\\ny" in proc.stderr


def test_lookalike_digits_are_read_as_numbers(tmp_path: Path) -> None:
    """Fullwidth and Arabic-Indic digits hide no numeric error; positions stay exact."""
    import json

    bad = TEXT.replace("103,59%", "150,00%")
    results = {}
    for label, table in (("ascii", {}), ("fullwidth", {ord(c): chr(0xFF10 + int(c)) for c in "0123456789"}),
                         ("arabic", {ord(c): chr(0x0660 + int(c)) for c in "0123456789"})):
        (tmp_path / f"{label}.txt").write_text(bad.translate(table), encoding="utf-8")
        proc = run_cli(["check", f"{label}.txt", "-f", "json", "--no-spelling"], tmp_path)
        issues = json.loads(proc.stdout)["files"][0]["issues"]
        results[label] = sorted((i["rule"], i["line"], i["column"], i["end_column"]) for i in issues)
    assert results["ascii"], "the seeded error must be found"
    assert results["fullwidth"] == results["ascii"]
    assert results["arabic"] == results["ascii"]


def test_docm_is_refused_with_a_hint(tmp_path: Path) -> None:
    (tmp_path / "laporan.docm").write_bytes(make_docx_bytes())
    proc = run_cli(["check", "laporan.docm"], tmp_path)
    assert_clean_failure(proc, ["laporan.docm"], (".docx",))
    assert "makro" in proc.stderr


def _die_on_mati(args: tuple[str, object]) -> object:
    from drafter.check import batch

    if args[0].endswith("mati.txt"):
        os._exit(1)  # a worker killed (e.g. by the kernel's OOM killer)
    return batch.check_file(args[0], args[1])  # type: ignore[arg-type]


def test_a_dying_worker_is_a_file_error_not_a_traceback(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    if multiprocessing.get_start_method(allow_none=True) not in (None, "fork"):
        pytest.skip("needs the fork start method")
    from drafter.check import batch
    from drafter.check.context import CheckConfig

    for name in ("a.txt", "mati.txt", "z.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(batch, "_check_safe", _die_on_mati)
    files = sorted(tmp_path.iterdir())
    results = batch.check_many(files, CheckConfig(select=["AR"]), jobs=2, progress=False)
    assert [Path(r.path).name for r in results] == ["a.txt", "mati.txt", "z.txt"]
    dead = results[1]
    assert dead.error and "proses pemeriksa berhenti" in dead.error


@pytest.mark.parametrize(("old", "new", "field"), [
    ("sdm: {struktural: 5,", "sdm: {struktural: 50000000000,", "sdm.struktural"),
    ("akhir: 2026}", "akhir: 99999999999999999999}", "renstra.akhir"),
    ("{tahun: 2022, target: 78", "{tahun: 22, target: 78", "riwayat[0].tahun"),
])
def test_out_of_range_years_and_counts_are_refused(tmp_path: Path, old: str, new: str,
                                                   field: str) -> None:
    text = EXAMPLE.read_text("utf-8")
    assert old in text
    (tmp_path / "angka.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = run_cli(["validate", "angka.yaml"], tmp_path)
    assert_clean_failure(proc, ["angka.yaml"], ("paling besar", "paling kecil"))
    assert field in proc.stderr
