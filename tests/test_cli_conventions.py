"""The conventions of linters, through the real CLI (``python -m drafter.cli`` in a subprocess):
--version, standard input, --min-severity, --quiet, --statistics, --exit-zero, configuration
values, grouped spelling findings, SARIF and GitHub formats, the pre-commit hook, help language.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from drafter import __version__

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT.parent / "shared" / "data" / "sarif" / "sarif-schema-2.1.0.json"

# One report with an error (an unfilled template choice), a warning (a regulation cited with
# the wrong year) and info notes (a non-standard word written three times, one other).
REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024
BADAN PENDAPATAN DAERAH KOTA CONTOH

Laporan ini mengacu pada Peraturan Menteri PANRB Nomor 53 Tahun 2015 tentang Petunjuk Teknis \
Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah.

Hasil analisa triwulan pertama sudah dibahas. Analisa triwulan kedua menyusul.

Berdasarkan analisa tersebut, resiko penurunan penerimaan pajak dapat ditekan.

Penerimaan pajak daerah mengalami (penurunan/kenaikan) dibanding tahun sebelumnya.
"""


def run(args: list[str], cwd: Path, *, stdin: bytes | None = None,
        env: dict[str, str] | None = None, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ)
    full["PYTHONPATH"] = str(ROOT) + os.pathsep + full.get("PYTHONPATH", "")
    full["COLUMNS"] = "200"
    full.pop("LKIP_LANG", None)
    full.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "drafter.cli", *args], cwd=cwd, env=full, capture_output=True,
        input=stdin if stdin is not None else b"", timeout=timeout,
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


@pytest.fixture
def report(tmp_path: Path) -> Path:
    p = tmp_path / "laporan.txt"
    p.write_text(REPORT, encoding="utf-8")
    return p


def json_issues(proc: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    doc = json.loads(proc.stdout)
    return [i for f in doc["files"] for i in f["issues"]]


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024")
    d.add_paragraph("Hasil analisa triwulan pertama sudah dibahas.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Uraian"
    t.cell(0, 1).text = "Keterangan"
    t.cell(1, 0).text = "Pajak"
    t.cell(1, 1).text = "hasil analisa lanjutan"
    d.add_paragraph("Penerimaan pajak mengalami (penurunan/kenaikan) dibanding tahun lalu.")
    d.save(str(path))
    return path


# ------------------------------------------------------------------------------------------------
# --version


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(tmp_path: Path, flag: str) -> None:
    proc = run([flag], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"lkip {__version__}"


def test_version_and_help_are_light(tmp_path: Path) -> None:
    """--version and --help import neither the rules nor python-docx, pandoc, openpyxl."""
    code = (
        "import sys\n"
        "from drafter import cli\n"
        "for argv in (['lkip', '--version'], ['lkip', 'check', '--help']):\n"
        "    sys.argv = argv\n"
        "    try:\n"
        "        cli.main()\n"
        "    except SystemExit as e:\n"
        "        assert e.code in (0, None), e.code\n"
        "heavy = ['docx', 'pypandoc', 'openpyxl', 'jinja2', 'drafter.check.rules',\n"
        "         'drafter.check.runner', 'drafter.document.readers']\n"
        "print('HEAVY', [m for m in heavy if m in sys.modules])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout


def test_plain_check_does_not_import_the_cli_library(tmp_path: Path) -> None:
    """A plain `lkip check FILE` (and --version) runs without typer/click (their import is a
    part of every check's start-up); an error it reports still reads as the library's."""
    (tmp_path / "laporan.txt").write_text(REPORT, encoding="utf-8")
    code = (
        "import sys\n"
        "from drafter import cli\n"
        "for argv in (['lkip', '--version'], ['lkip', 'check', 'laporan.txt', '-f', 'json', '-q']):\n"
        "    sys.argv = argv\n"
        "    try:\n"
        "        cli.main()\n"
        "    except SystemExit as e:\n"
        "        assert e.code in (0, 1, None), e.code\n"
        "print('CLI', [m for m in ('typer', 'click', 'rich') if m in sys.modules])\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "CLI []" in proc.stdout
    missing = run(["check", "tidak-ada.txt"], tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("lkip: "), missing.stderr


# ------------------------------------------------------------------------------------------------
# standard input


def test_stdin_reads_report_and_names_it(tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    (tmp_path / "laporan.txt").write_text(REPORT, encoding="utf-8")
    from_file = run(["check", "-f", "json", "laporan.txt"], tmp_path)
    proc = run(["check", "-", "-f", "json"], tmp_path, stdin=REPORT.encode("utf-8"),
               env={"TMPDIR": str(tmpdir)})
    assert proc.returncode == 1, proc.stderr  # the report has an error-severity issue
    doc = json.loads(proc.stdout)
    assert [f["path"] for f in doc["files"]] == ["-"]
    assert json_issues(proc) == json_issues(from_file) != []
    assert list(tmpdir.iterdir()) == []  # the temporary copy is gone
    named = run(["check", "-", "--stdin-filename", "bab3/laporan.md", "-q"], tmp_path,
                stdin=REPORT.encode("utf-8"))
    assert named.stdout.splitlines()[0].startswith("bab3/laporan.md:")
    assert str(tmpdir) not in named.stdout + named.stderr


def test_stdin_docx_by_suffix(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "a.docx").read_bytes()
    proc = run(["check", "-", "--stdin-filename", "laporan.docx", "-f", "json"], tmp_path,
               stdin=data)
    assert proc.returncode in (0, 1), proc.stderr
    issues = json_issues(proc)
    assert any(i["rule"] == "LO101" for i in issues)
    assert all("location" in i and "paragraph" in i["location"] for i in issues)  # type: ignore[operator]
    # without the name the input is text: a DOCX on stdin is refused as binary, naming "-"
    bad = run(["check", "-"], tmp_path, stdin=data)
    assert bad.returncode == 2
    assert bad.stderr.startswith("lkip: -: ") and "biner" in bad.stderr


def test_stdin_reviewer_outputs(tmp_path: Path) -> None:
    """HTML re-reads the checked text for display: it shows the standard input under its name."""
    proc = run(["check", "-", "-f", "html", "-o", "hasil.html"], tmp_path, stdin=REPORT.encode())
    assert proc.returncode == 1, proc.stderr
    html = (tmp_path / "hasil.html").read_text("utf-8")
    assert "Hasil pemeriksaan laporan: -<" in html
    assert "triwulan pertama sudah dibahas" in html  # the document text is shown
    guard = run(["check", "-", "--annotate"], tmp_path, stdin=REPORT.encode())
    assert guard.returncode == 2 and "-o" in guard.stderr


def test_quiet_annotate_prints_nothing(tmp_path: Path) -> None:
    make_docx(tmp_path / "laporan.docx")
    loud = run(["check", "laporan.docx", "--annotate", "-o", "a.docx"], tmp_path)
    quiet = run(["check", "laporan.docx", "--annotate", "-o", "b.docx", "-q"], tmp_path)
    assert "komentar ditulis" in loud.stderr
    assert quiet.stderr == "" and (tmp_path / "b.docx").is_file()
    assert quiet.returncode == loud.returncode


@pytest.mark.parametrize("args,stdin,needle", [
    (["check", "-"], b"", "kosong"),
    (["check", "-", "--stdin-filename", "laporan.pdf"], b"teks", "--stdin-filename"),
    (["check", "-", "-"], b"teks", "sekali"),
])
def test_stdin_bad_input(tmp_path: Path, args: list[str], stdin: bytes, needle: str) -> None:
    proc = run(args, tmp_path, stdin=stdin)
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stdout == ""


def test_stdin_uses_configuration_of_named_file(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "lkip.toml").write_text('ignore = ["LO101"]\n', encoding="utf-8")
    plain = run(["check", "-", "-f", "json"], tmp_path, stdin=REPORT.encode())
    named = run(["check", "-", "--stdin-filename", "sub/laporan.txt", "-f", "json"], tmp_path,
                stdin=REPORT.encode())
    assert any(i["rule"] == "LO101" for i in json_issues(plain))
    assert not any(i["rule"] == "LO101" for i in json_issues(named))
    assert named.returncode == 0


# ------------------------------------------------------------------------------------------------
# --min-severity, --quiet, --statistics, --exit-zero, configuration


def test_min_severity(report: Path) -> None:
    every = json_issues(run(["check", "-f", "json", report.name], report.parent))
    sevs = {i["severity"] for i in every}
    assert sevs == {"error", "warning", "info"}
    for minimum, allowed in (("error", {"error"}), ("warning", {"error", "warning"}),
                             ("info", {"error", "warning", "info"})):
        got = json_issues(run(["check", "-f", "json", "--min-severity", minimum, report.name],
                              report.parent))
        assert {i["severity"] for i in got} == allowed
        assert len(got) == sum(1 for i in every if i["severity"] in allowed)
    bad = run(["check", "--min-severity", "fatal", report.name], report.parent)
    assert bad.returncode == 2


def test_min_severity_from_config_and_flag_overrides(report: Path) -> None:
    (report.parent / "lkip.toml").write_text('min_severity = "error"\n', encoding="utf-8")
    got = json_issues(run(["check", "-f", "json", report.name], report.parent))
    assert got and {i["severity"] for i in got} == {"error"}
    flag = json_issues(run(["check", "-f", "json", "--min-severity", "info", report.name],
                           report.parent))
    assert {i["severity"] for i in flag} == {"error", "warning", "info"}
    (report.parent / "lkip.toml").write_text('min_severity = "fatal"\n', encoding="utf-8")
    bad = run(["check", report.name], report.parent)
    assert bad.returncode == 2 and "lkip.toml:1" in bad.stderr and "min_severity" in bad.stderr


def test_lang_from_config_honoured_and_flag_overrides(report: Path) -> None:
    (report.parent / "lkip.toml").write_text('lang = "en"\n', encoding="utf-8")
    en = run(["check", report.name], report.parent)
    assert "issue(s)" in en.stdout and "(expected: " in en.stdout
    idn = run(["check", "--lang", "id", report.name], report.parent)
    assert "temuan" in idn.stdout and "(seharusnya: " in idn.stdout


def test_quiet(report: Path) -> None:
    loud = run(["check", report.name], report.parent)
    quiet = run(["check", "-q", report.name], report.parent)
    assert re.search(r"\d+ temuan, \d+ galat", loud.stdout)
    assert not re.search(r"temuan, \d+ galat", quiet.stdout)
    assert quiet.stdout.splitlines() == loud.stdout.splitlines()[:-1]
    assert quiet.returncode == loud.returncode == 1


def test_statistics_counts_per_rule(report: Path) -> None:
    issues = json_issues(run(["check", "-f", "json", report.name], report.parent))
    expect: dict[str, int] = {}
    for i in issues:
        expect[str(i["rule"])] = expect.get(str(i["rule"]), 0) + 1
    text = run(["check", "--statistics", report.name], report.parent)
    assert text.returncode == 1
    rows = [re.match(r"\s*(\d+)\s+(\S+)\s+\[([a-z-]+)\]\s+(\S.*)", ln) for ln in text.stdout.splitlines()]
    assert all(rows), text.stdout
    assert {m.group(2): int(m.group(1)) for m in rows if m} == expect
    counts = [int(m.group(1)) for m in rows if m]
    assert counts == sorted(counts, reverse=True)
    data = json.loads(run(["check", "--statistics", "-f", "json", report.name], report.parent).stdout)
    assert {d["code"]: d["count"] for d in data} == expect
    assert all(d["summary"] and d["category"] for d in data)
    bad = run(["check", "--statistics", "-f", "html", "-o", "x.html", report.name], report.parent)
    assert bad.returncode == 2 and not (report.parent / "x.html").exists()


def test_exit_zero(report: Path) -> None:
    assert run(["check", report.name], report.parent).returncode == 1
    zero = run(["check", "--exit-zero", report.name], report.parent)
    assert zero.returncode == 0 and "LO101" in zero.stdout
    missing = run(["check", "--exit-zero", "tidak-ada.txt"], report.parent)
    assert missing.returncode == 2
    (report.parent / "kosong.txt").write_bytes(b"")
    assert run(["check", "--exit-zero", "kosong.txt"], report.parent).returncode == 2


# ------------------------------------------------------------------------------------------------
# grouped spelling findings


def test_grouped_in_text_and_json(report: Path) -> None:
    text = run(["check", "-q", report.name], report.parent).stdout.splitlines()
    analisa = [ln for ln in text if "'analisa'" in ln.lower() or "'Analisa'" in ln]
    assert len(analisa) == 1, text
    assert "+2 tempat lain: 6:47, 8:13" in analisa[0]
    issues = json_issues(run(["check", "-f", "json", report.name], report.parent))
    groups = [i for i in issues if i.get("group") == "SP103:analisa>analisis"]
    assert [(g["line"], g["column"]) for g in groups] == [(6, 7), (6, 47), (8, 13)]
    assert all("group" not in i for i in issues if i["category"] != "typo")


def test_grouped_in_csv_and_html(report: Path) -> None:
    run(["check", "-f", "csv", "-o", "hasil.csv", report.name], report.parent)
    rows = list(csv.reader(io.StringIO((report.parent / "hasil.csv").read_text("utf-8-sig"))))
    analisa = [r for r in rows if r[5] == "SP103" and "analisis" in r[8]]
    assert len(analisa) == 1
    assert analisa[0][1] == "baris 6, kolom 7; baris 6, kolom 47; baris 8, kolom 13"
    run(["check", "-f", "html", "-o", "hasil.html", report.name], report.parent)
    html = (report.parent / "hasil.html").read_text("utf-8")
    items = re.findall(r'<li data-issue="[^"]+" data-cat="typo"[^>]*>(.*?)</li>', html)
    grouped = [it for it in items if "analisis" in it]
    assert len(grouped) == 1 and grouped[0].count("<a href=") == 3
    assert html.count('class="card sev-info"') >= 4  # every place keeps its card in the text


# ------------------------------------------------------------------------------------------------
# SARIF and GitHub


def test_sarif_valid_and_complete(report: Path, tmp_path: Path) -> None:
    make_docx(tmp_path / "laporan.docx")
    (tmp_path / "rusak.docx").write_bytes(b"PK\x03\x04 bukan zip")
    proc = run(["check", "-f", "sarif", report.name, "laporan.docx", "rusak.docx"], tmp_path)
    assert proc.returncode == 1, proc.stderr
    log = json.loads(proc.stdout)
    if SARIF_SCHEMA.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text("utf-8"))
        jsonschema.Draft4Validator(schema).validate(log)
    elif os.environ.get("CI"):
        pytest.fail("SARIF schema missing")
    assert log["version"] == "2.1.0"
    run0 = log["runs"][0]
    driver = run0["tool"]["driver"]
    assert driver["name"] == "lkip" and driver["version"] == __version__
    rules = {r["id"]: r for r in driver["rules"]}
    results = run0["results"]
    each = json_issues(run(["check", "-f", "json", report.name, "laporan.docx"], tmp_path))
    assert len(results) == len(each)
    for res in results:
        assert rules[res["ruleId"]] is driver["rules"][res["ruleIndex"]] or \
            driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert "Yang diperiksa" in rules[res["ruleId"]]["help"]["text"]
        assert res["level"] in ("error", "warning", "note")
    lo = [r for r in results if r["ruleId"] == "LO101"]
    by_uri = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in lo}
    txt = by_uri["laporan.txt"]["locations"][0]["physicalLocation"]["region"]
    assert (txt["startLine"], txt["startColumn"]) == (10, 35) and txt["endColumn"] > 35
    docx_loc = by_uri["laporan.docx"]["locations"][0]
    assert docx_loc["properties"]["paragraph"] == docx_loc["physicalLocation"]["region"]["startLine"]
    cell = [r for r in results if r["ruleId"] == "SP103"
            and "table" in r["locations"][0].get("properties", {})]
    assert cell and cell[0]["locations"][0]["properties"]["cell"] == 2
    assert "tabel 1" in cell[0]["locations"][0]["logicalLocations"][0]["name"]
    notes = run0["invocations"][0]["toolExecutionNotifications"]
    assert run0["invocations"][0]["executionSuccessful"] is False
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] \
        == ["rusak.docx"]


def test_github_annotations(report: Path) -> None:
    proc = run(["check", "-f", "github", report.name], report.parent)
    lines = proc.stdout.splitlines()
    each = json_issues(run(["check", "-f", "json", report.name], report.parent))
    assert len(lines) == len(each)
    pat = re.compile(r"^::(error|warning|notice) file=laporan\.txt,line=\d+(,endLine=\d+)?,col=\d+"
                     r"(,endColumn=\d+)?,title=[A-Z]{2}\d{3} \[[a-z-]+\]::\S.*$")
    assert all(pat.match(ln) for ln in lines), lines
    lo = [ln for ln in lines if "LO101" in ln]
    assert lo[0].startswith("::error file=laporan.txt,line=10,col=35,")
    assert any(ln.startswith("::notice ") for ln in lines)
    assert any(ln.startswith("::warning ") for ln in lines)


def test_github_escaping() -> None:
    from drafter.report.github import escape_data, escape_property

    assert escape_data("50% naik\r\nbaris::dua") == "50%25 naik%0D%0Abaris::dua"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert "\x1b" not in escape_data("warna \x1b[31m")


def test_github_hostile_file_name(tmp_path: Path) -> None:
    name = "a,b:c%d.txt"
    (tmp_path / name).write_text(REPORT, encoding="utf-8")
    proc = run(["check", "-f", "github", name], tmp_path)
    lines = proc.stdout.splitlines()
    assert lines and all("file=a%2Cb%3Ac%25d.txt,line=" in ln for ln in lines)


# ------------------------------------------------------------------------------------------------
# pre-commit


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = {h["id"]: h for h in hooks}["lkip-check"]
    assert hook["entry"] == "lkip check" and hook["language"] == "python"
    pattern = re.compile(hook["files"])
    for name, hit in (("bab3.txt", True), ("docs/laporan.md", True), ("LKIP 2024.docx", True),
                      ("angka.yaml", False), ("laporan.pdf", False), ("skrip.py", False)):
        assert bool(pattern.search(name)) is hit, name


def test_pre_commit_try_repo(tmp_path: Path, report: Path) -> None:
    """``pre-commit try-repo`` builds the hook from this repository, offline: pip may not use
    an index (the hook's environment is installed without dependencies and without build
    isolation; the test environment's packages are reached through PYTHONPATH)."""
    pc = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if pc is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "laporan.txt").write_text(REPORT, encoding="utf-8")
    (repo / "bersih.md").write_text("# Laporan\n\nKinerja tahun ini baik.\n", encoding="utf-8")
    git_env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=git_env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=git_env)
    env = dict(git_env, PRE_COMMIT_HOME=str(tmp_path / "pc-home"), PIP_NO_INDEX="1",
               PIP_NO_DEPS="1", PIP_NO_BUILD_ISOLATION="0", PIP_DISABLE_PIP_VERSION_CHECK="1",
               VIRTUALENV_NO_PERIODIC_UPDATE="1",
               PYTHONPATH=sysconfig.get_paths()["purelib"],
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("LKIP_LANG", None)
    proc = subprocess.run([pc, "try-repo", str(ROOT), "lkip-check", "--all-files"], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out  # the report has an error: the hook fails the commit
    assert "laporan.txt:10:35: LO101" in out
    assert not re.search(r"^bersih\.md:\d+:\d+:", out, re.M)  # a clean report: no issue line


# ------------------------------------------------------------------------------------------------
# help language


def test_help_indonesian_by_default(tmp_path: Path) -> None:
    for args in (["--help"], ["check", "--help"], ["rules", "--help"]):
        proc = run(args, tmp_path)
        assert proc.returncode == 0
        assert "Show this message and exit" not in proc.stdout
        assert "Tampilkan pesan ini lalu keluar." in proc.stdout
        assert proc.stdout.startswith("Penggunaan: lkip")
        assert "Options:" not in proc.stdout and "Opsi:" in proc.stdout
    check = run(["check", "--help"], tmp_path).stdout
    assert "[bawaan: text]" in check and "[wajib]" in check
    for opt in ("--version",):
        assert opt in run(["--help"], tmp_path).stdout
    for opt in ("--min-severity", "--quiet", "--statistics", "--exit-zero", "--stdin-filename",
                "sarif", "github"):
        assert opt in check


@pytest.mark.parametrize("how", ["env", "flag"])
def test_help_english(tmp_path: Path, how: str) -> None:
    if how == "env":
        proc = run(["check", "--help"], tmp_path, env={"LKIP_LANG": "en"})
    else:
        proc = run(["check", "--lang", "en", "--help"], tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.startswith("Usage: lkip check")
    assert "Show this message and exit." in proc.stdout
    assert "Show only issues of this severity or worse" in proc.stdout
    assert "Tampilkan" not in proc.stdout


def test_help_strings_all_translated() -> None:
    """Every help string of the CLI has its English text."""
    import typer

    from drafter.cli import app
    from drafter.cli_i18n import HELP_EN

    cmd = typer.main.get_command(app)
    stack = [cmd]
    missing = []
    while stack:
        c = stack.pop()
        if c.help and c.help.strip() not in HELP_EN:
            missing.append(c.help)
        missing += [p.help for p in c.params if getattr(p, "help", None) and p.help not in HELP_EN]
        stack.extend(getattr(c, "commands", {}).values())
    assert missing == []


def test_usage_error_indonesian(tmp_path: Path) -> None:
    proc = run(["check", "--tidak-ada", "x.txt"], tmp_path)
    assert proc.returncode == 2
    assert "Galat: opsi tidak dikenal: --tidak-ada" in proc.stderr
    en = run(["check", "--lang", "en", "--tidak-ada", "x.txt"], tmp_path)
    assert "No such option: --tidak-ada" in en.stderr
