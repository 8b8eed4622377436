"""Speed infrastructure (issue 11): the phase timer and ``--timings``, the compiled data cache,
the regex cache, the gazetteer's compiled form, and the batch progress bar."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter import resources
from drafter.check import recache
from drafter.check.runner import PhaseTimer, render_timings

ROOT = Path(__file__).resolve().parent.parent

REPORT = """LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024
DINAS CONTOH KABUPATEN CONTOH

BAB III AKUNTABILITAS KINERJA

Capaian kinerja tahun 2024 adalah 95 persen dari target 90 persen.
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv(resources.CACHE_ENV, str(d))
    monkeypatch.delenv(resources.NO_CACHE_ENV, raising=False)
    return d


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env[resources.CACHE_ENV] = str(cache)
    env.pop(resources.NO_CACHE_ENV, None)
    env.update(extra)
    return env


# --- phase timer ------------------------------------------------------------------------------
def test_nested_phases_are_charged_to_the_inner_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(time, "perf_counter", lambda: now[0])
    timer = PhaseTimer()
    with timer.phase("rule:AA101"):
        now[0] += 0.02
        with timer.phase("tables"):
            now[0] += 0.05
        now[0] += 0.001
    with timer.phase("rule:AA101"):  # a phase entered twice adds up
        now[0] += 0.01
    assert timer.phases["tables"] == pytest.approx(0.05)
    # the rule's own time excludes the table index it triggered
    assert timer.phases["rule:AA101"] == pytest.approx(0.031)


def test_timing_table_headers_follow_the_language() -> None:
    phases = {"read": 0.010, "rule:AR101": 0.002, "rule:YR101": 0.030, "output": 0.001}
    idn = render_timings(phases, "id").splitlines()
    eng = render_timings(phases, "en").splitlines()
    assert idn[0].split() == ["Tahap", "Waktu", "(ms)", "Porsi"]
    assert eng[0].split() == ["Phase", "Time", "(ms)", "Share"]
    assert "baca berkas" in idn[2] and "read" in eng[2]
    rules = [ln.split()[1] for ln in idn if ln.startswith("aturan")]
    assert rules == ["YR101", "AR101"]  # slowest rule first
    assert idn[-1].split()[:2] == ["total", "43.0"]


def test_timings_go_to_stderr_and_leave_the_output_alone(tmp_path: Path, cache_dir: Path) -> None:
    report = tmp_path / "laporan.txt"
    report.write_text(REPORT, encoding="utf-8")
    base = [sys.executable, "-m", "drafter.cli", "check", str(report), "--format", "json",
            "--no-spelling"]
    plain = subprocess.run(base, capture_output=True, text=True, env=_env(cache_dir), check=False)
    timed = subprocess.run(base + ["--timings"], capture_output=True, text=True,
                           env=_env(cache_dir), check=False)
    english = subprocess.run(base + ["--timings", "--lang", "en"], capture_output=True, text=True,
                             env=_env(cache_dir), check=False)
    assert plain.returncode == timed.returncode == english.returncode
    assert timed.stdout == plain.stdout == english.stdout
    assert "Tahap" not in plain.stderr
    lines = timed.stderr.splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.startswith("Tahap"))
    labels = {ln.rsplit(None, 2)[0].strip() for ln in lines[head + 2:] if ln and ln[0] != "-"}
    assert {"baca berkas", "keluaran", "total"} <= labels
    assert any(label.startswith("aturan AR") for label in labels)
    assert re.search(r"^Phase\s+Time \(ms\)\s+Share$", english.stderr, re.MULTILINE)
    assert "rule AR" in english.stderr and "aturan" not in english.stderr


# --- compiled data cache ----------------------------------------------------------------------
def test_compiled_cache_hit_miss_and_damage(cache_dir: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, list[int]]:
        calls.append(1)
        return {"a": [1, 2, 3]}

    assert resources.compiled("demo", (b"v1",), build) == {"a": [1, 2, 3]}
    assert resources.compiled("demo", (b"v1",), build) == {"a": [1, 2, 3]}
    assert len(calls) == 1  # second call read the file
    files = list(cache_dir.glob("demo-*.marshal"))
    assert len(files) == 1
    # damaged file: checksum fails, rebuilt and rewritten
    files[0].write_bytes(files[0].read_bytes()[:-3] + b"xyz")
    assert resources.compiled("demo", (b"v1",), build) == {"a": [1, 2, 3]}
    assert len(calls) == 2
    # new source bytes: new key, the old file of the same data set is removed
    assert resources.compiled("demo", (b"v2",), build) == {"a": [1, 2, 3]}
    assert len(calls) == 3 and len(list(cache_dir.glob("demo-*.marshal"))) == 1
    # a cached value of the wrong shape is a miss
    assert resources.compiled("demo", (b"v2",), build, lambda v: isinstance(v, list)) == {"a": [1, 2, 3]}
    assert len(calls) == 4


def test_stale_temporaries_of_killed_writers_are_removed(cache_dir: Path) -> None:
    """A process killed while writing leaves ``.<name>-<key>.marshal.<pid>.tmp``; the next write
    of that data set removes the ones older than STALE_TMP_SECONDS, not a fresh one (another
    process may be writing it)."""
    import os
    import time

    cache_dir.mkdir(parents=True, exist_ok=True)
    old = cache_dir / ".demo-0123456789abcdef0123.marshal.4242.tmp"
    fresh = cache_dir / ".demo-0123456789abcdef0123.marshal.4343.tmp"
    other = cache_dir / ".other-0123456789abcdef0123.marshal.4444.tmp"
    for f in (old, fresh, other):
        f.write_bytes(b"partial")
    past = time.time() - resources.STALE_TMP_SECONDS - 60
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    resources.compiled("demo", (b"v1",), lambda: {"a": 1})
    assert not old.exists()  # stale, same data set: removed
    assert fresh.exists()  # may be another writer's: kept
    assert other.exists()  # another data set: left to its own writes
    assert len(list(cache_dir.glob("demo-*.marshal"))) == 1


def test_compiled_cache_disabled_and_unwritable(cache_dir: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        return 7

    monkeypatch.setenv(resources.NO_CACHE_ENV, "1")
    assert resources.compiled("demo", (b"x",), build) == 7
    assert resources.compiled("demo", (b"x",), build) == 7
    assert len(calls) == 2 and not cache_dir.exists()
    monkeypatch.delenv(resources.NO_CACHE_ENV)
    blocker = cache_dir.parent / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(resources.CACHE_ENV, str(blocker / "sub"))
    assert resources.compiled("demo", (b"x",), build) == 7  # cannot write: still the value


def test_yaml_through_the_cache_equals_a_fresh_parse(cache_dir: Path) -> None:
    import yaml

    for name in resources.list_files("rules"):
        fresh = yaml.safe_load(resources.read_text("rules", name))
        assert resources.parse_yaml("rules", name) == fresh  # miss (writes)
        assert resources.parse_yaml("rules", name) == fresh  # hit
    assert any(cache_dir.glob("yaml-rules-*.marshal"))


def test_gazetteer_compiled_form_answers_like_the_parsed_one() -> None:
    import gzip

    from drafter.check.gazetteer import Gazetteer, _place_words, _raw

    parsed = Gazetteer(gzip.decompress(_raw()).decode("utf-8"))
    again = Gazetteer.from_state(parsed.state())
    assert again._regions == parsed._regions and again._by_key == parsed._by_key
    for name, level in (("Jember", 1), ("Bandung", 1), ("Coblong", 2), ("Gumukmas", 2)):
        assert again.find(name, level) == parsed.find(name, level)
    kec = parsed.find("Gumukmas", 2)[0]
    assert again.villages(kec.code) == parsed.villages(kec.code)
    assert "gumukmas" in _place_words()


# --- regex cache --------------------------------------------------------------------------------
@pytest.mark.skipif(not recache._supported(), reason="regex cache is for CPython 3.11-3.13")
def test_regex_cache_gives_the_same_patterns_and_restores_the_compiler(cache_dir: Path) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    original = _compiler.compile
    pats = [(r"(?P<tahun>20\d\d)\s+(?i:capaian)", 0), (r"^\W*(?:x|yy)+?$", re.MULTILINE),
            (r"(?<!\w)persen\b", re.IGNORECASE)]
    texts = ["2024 Capaian", "tahun 2023   CAPAIAN", "xyyx\nyy", "95 PERSEN", "persentase"]
    expected = [[(m.span(), m.groupdict()) for t in texts for m in re.compile(p, f).finditer(t)]
                for p, f in pats]
    for _round in range(2):  # first run records and stores, second run builds from the store
        re.purge()
        with recache.regex_cache():
            assert _compiler.compile is not original
            got = [[(m.span(), m.groupdict()) for t in texts for m in re.compile(p, f).finditer(t)]
                   for p, f in pats]
        assert _compiler.compile is original
        assert got == expected
        assert list(cache_dir.glob("regex-*.marshal"))
    # a damaged store is ignored
    for f in cache_dir.glob("regex-*.marshal"):
        f.write_bytes(b"\0" * 40)
    re.purge()
    with recache.regex_cache():
        assert re.compile(pats[0][0]).fullmatch("2024 capaian")


def test_regex_cache_off_when_caching_is_disabled(cache_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from re import _compiler  # type: ignore[attr-defined]

    monkeypatch.setenv(resources.NO_CACHE_ENV, "1")
    original = _compiler.compile
    with recache.regex_cache():
        assert _compiler.compile is original
    assert not cache_dir.exists()


# --- batch progress bar ------------------------------------------------------------------------
def _folder(tmp_path: Path, n: int = 3) -> Path:
    d = tmp_path / "laporan"
    d.mkdir()
    for i in range(n):
        (d / f"l{i}.txt").write_text(REPORT, encoding="utf-8")
    return d


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path, cache_dir: Path) -> None:
    d = _folder(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(d), "-j", "2",
                           "--no-spelling", "--format", "json"], capture_output=True, text=True,
                          env=_env(cache_dir), check=False)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Memeriksa" not in proc.stderr and "\x1b[" not in proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal test")
def test_progress_bar_on_a_terminal(tmp_path: Path, cache_dir: Path) -> None:
    import pty

    d = _folder(tmp_path)
    out = tmp_path / "hasil.json"
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(d), "-j", "2",
                               "--no-spelling", "--format", "json", "-o", str(out)],
                              stdout=subprocess.DEVNULL, stderr=slave, env=_env(cache_dir),
                              timeout=300, check=False)
        os.close(slave)
        slave = -1
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        if slave != -1:
            os.close(slave)
        os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode in (0, 1), shown
    assert "Memeriksa" in shown  # the bar was drawn on the terminal
    assert out.read_text(encoding="utf-8").count('"path"') == 3
