"""The national gazetteer (rules/gazetteer/wilayah.tsv.gz) and the report's own region."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.check.analyzer import analyze_report
from drafter.check.gazetteer import DESA, KABUPATEN, KELURAHAN, KOTA, gazetteer, name_key, place_words
from drafter.document.readers import parse_text
from drafter.resources import data_dir

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "wilayah"


@pytest.mark.skipif(not (SHARED / "wilayah.csv").is_file(), reason="../shared/data/wilayah missing")
def test_rebuild_gives_identical_bytes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_gazetteer
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = tmp_path / "wilayah.tsv.gz"
    build_gazetteer.build(SHARED, out)
    shipped = ROOT / "rules" / "gazetteer" / "wilayah.tsv.gz"
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(shipped.read_bytes())
    assert out.read_bytes() == shipped.read_bytes()
    assert (tmp_path / "LICENSE.wilayah").read_bytes() == (SHARED / "LICENSE").read_bytes()


def test_attribution_ships_with_the_data() -> None:
    folder = data_dir("rules") / "gazetteer"
    assert "Cahya DSN" in (folder / "LICENSE.wilayah").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "Cahya DSN" in readme and "MIT" in readme
    assert (folder / "wilayah.tsv.gz").read_bytes().__len__() < 1_500_000


def test_counts_of_every_level() -> None:
    gaz = gazetteer()
    assert len(gaz.provinces()) == 38
    regs = gaz.regencies()
    assert len(regs) == 514 and sum(r.kind == KOTA for r in regs) == 98
    kecs = gaz.all_kecamatan()
    assert len(kecs) == 7285
    assert sum(len(gaz.villages(k.code)) for k in kecs) == 83762


def test_lookups_keep_kota_and_kabupaten_apart() -> None:
    gaz = gazetteer()
    assert [r.full for r in gaz.find("Padang", 1)] == ["Kota Padang"]
    assert sorted(r.full for r in gaz.find("Bandung", 1)) == ["Kabupaten Bandung", "Kota Bandung"]
    assert [r.kind for r in gaz.find("bandung barat", 1)] == [KABUPATEN]
    assert [r.full for r in gaz.find("Jakarta Utara", 1)] == ["Kota Administrasi Jakarta Utara"]
    coblong = gaz.find("Coblong", 2)
    assert len(coblong) == 1 and gaz.regency_of(coblong[0]).full == "Kota Bandung"
    dago = gaz.find("Dago", 3, within=coblong[0].code)
    assert [v.kind for v in dago] == [KELURAHAN]
    assert gaz.province_of(coblong[0]).name == "Jawa Barat"
    assert name_key("Sumber-Baru ") == name_key("SUMBERBARU")


def test_village_kinds_and_region_by_code() -> None:
    gaz = gazetteer()
    sleman = gaz.find("Sleman", 1, kind=KABUPATEN)[0]
    gamping = gaz.find("Gamping", 2, within=sleman.code)[0]
    vs = gaz.villages(gamping.code)
    assert vs and all(v.kind == DESA for v in vs)
    assert gaz.region(vs[0].code) == vs[0]
    assert gaz.region(gamping.code) == gamping


def test_place_words_are_words_of_names_without_particles() -> None:
    words = place_words()
    assert {"coblong", "sleman", "gamping", "padang"} <= words
    assert "nya" not in words and "an" not in words  # would hide "Perlu nya"
    assert all(w == w.lower() and len(w) >= 4 for w in words)


def test_loaded_lazily_once_and_fast() -> None:
    code = ("import time, drafter.check.rules, drafter.check.gazetteer as g\n"
            "assert g.gazetteer.cache_info().currsize == 0\n"
            "t = time.perf_counter(); g.gazetteer(); t1 = time.perf_counter() - t\n"
            "t = time.perf_counter(); g.gazetteer(); t2 = time.perf_counter() - t\n"
            "print(t1, t2)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = (float(x) for x in out.stdout.split())
    assert second < 0.001
    assert first < 0.5  # about 0.03 s on an idle machine; generous for a loaded CI runner


def _info(text: str):  # type: ignore[no-untyped-def]
    return analyze_report(parse_text(text))


@pytest.mark.parametrize(("text", "regency", "kecamatan"), [
    ("Laporan Kinerja Kecamatan Padang Barat Kota Padang Tahun 2023\n\nKecamatan Padang Barat.",
     "Kota Padang", "Padang Barat"),
    ("PEMERINTAH KABUPATEN BANDUNG BARAT\n\nLaporan Kinerja Dinas Kesehatan Tahun 2022\n\n"
     "Kabupaten Bandung Barat berbatasan dengan Kota Bandung.", "Kabupaten Bandung Barat", None),
    ("PEMERINTAH KOTA BANDUNG\n\nLaporan Kinerja Kecamatan Coblong Tahun 2022", "Kota Bandung", "Coblong"),
    ("LAPORAN KINERJA KECAMATAN COBLONG TAHUN 2021", "Kota Bandung", "Coblong"),
    ("Laporan Kinerja Instansi Pemerintah (LKIP) Kecamatan Bojongloa Kidul Kota Bandung Tahun 2014"
     "\n\nKecamatan Bojongloa Kaler berbatasan dengan Kecamatan Bojongloa Kidul.", "Kota Bandung",
     "Bojongloa Kidul"),
    ("Laporan Kinerja Dinas Sosial Kabupaten Banyumas Tahun 2023\n\nDinas Sosial menjalin kerja "
     "sama dengan Pemerintah Kabupaten Cilacap.", "Kabupaten Banyumas", None),
])
def test_own_region(text: str, regency: str, kecamatan: str | None) -> None:
    info = _info(text)
    assert info.regency is not None and info.regency.full == regency
    assert info.kabupaten_kind == regency.split()[0]
    assert (info.kecamatan.name if info.kecamatan else None) == kecamatan
    if kecamatan:
        assert info.instansi == f"Kecamatan {kecamatan}" and info.instansi_name == kecamatan


def test_kota_padang_is_not_kabupaten_padang() -> None:
    info = _info("Laporan Kinerja Dinas Pendidikan Kota Padang Tahun 2023\n\nKota Padang.")
    assert info.regency is not None and info.regency.full == "Kota Padang"
    info = _info("Laporan Kinerja Dinas Pendidikan Kabupaten Padang Pariaman Tahun 2023")
    assert info.regency is not None and info.regency.full == "Kabupaten Padang Pariaman"


def test_province_office_and_ministry_have_no_kabupaten() -> None:
    info = _info("Laporan Kinerja Dinas Pendidikan Provinsi Jawa Timur Tahun 2023\n\n"
                 "SMA di Kabupaten Sleman dan Kota Malang.")
    assert info.province is not None and info.province.name == "Jawa Timur"
    assert info.regency is None and info.kabupaten is None
    info = _info("Laporan Kinerja Kementerian Pertanian Tahun 2023\n\nProgram di Kabupaten Sleman.")
    assert info.national and info.regency is None and info.province is None and info.kabupaten is None


def test_kelurahan_report_and_kabupaten_override() -> None:
    info = _info("Laporan Kinerja Kelurahan Dago Kota Bandung Tahun 2023")
    assert info.village is not None and info.village.full == "Kelurahan Dago"
    assert info.kecamatan is not None and info.kecamatan.name == "Coblong"
    doc = parse_text("Laporan Kinerja Kecamatan Cimenyan Tahun 2023")
    info = analyze_report(doc, kabupaten="Kabupaten Bandung")
    assert info.regency is not None and info.regency.full == "Kabupaten Bandung"
    assert info.kecamatan is not None and info.kecamatan.name == "Cimenyan"


def test_unknown_region_keeps_the_written_names() -> None:
    info = _info("Laporan Kinerja Kecamatan Contoh Kabupaten Antah Tahun 2023.")
    assert info.instansi == "Kecamatan Contoh" and info.regency is None and info.kabupaten == "Antah"


def _run(text: str, code: str) -> list:  # type: ignore[type-arg]
    from drafter.check.context import CheckConfig, CheckContext
    from drafter.check.registry import all_rules
    from drafter.check.runner import run_rules

    ctx = CheckContext(parse_text(text), CheckConfig())
    return [i for i in run_rules(ctx, [r for r in all_rules() if r.code == code], strict=True)
            if i.rule == code]


def test_count_words() -> None:
    from drafter.check.rules.foreign_name import count_value

    assert count_value("tujuh") == 7 and count_value("dua belas") == 12
    assert count_value("dua puluh satu") == 21 and count_value("sebelas") == 11
    assert count_value("12") == 12 and count_value("banyak") is None


def test_village_counts_against_the_gazetteer() -> None:
    gaz = gazetteer()
    kec = gaz.find("Coblong", 2)[0]
    n = len(gaz.villages(kec.code))
    head = "Laporan Kinerja Kecamatan Coblong Kota Bandung Tahun 2022\n\n"
    assert _run(head + f"Kecamatan Coblong terdiri dari {n} kelurahan.", "FN108") == []
    issues = _run(head + f"Kecamatan Coblong terdiri dari {n + 1} kelurahan.", "FN108")
    assert len(issues) == 1 and issues[0].expected == f"{n} kelurahan"


def test_foreign_desa_in_a_list_of_our_desa() -> None:
    gaz = gazetteer()
    gamping = gaz.find("Gamping", 2, within=gaz.find("Sleman", 1)[0].code)[0]
    mine = [v.name for v in gaz.villages(gamping.code)]
    godean = gaz.find("Godean", 2, within=gamping.parent_code)[0]
    other = gaz.villages(godean.code)[0].name
    head = "Laporan Kinerja Kecamatan Gamping Kabupaten Sleman Tahun 2023\n\n"
    items = "\n".join(f"{i}. {d}" for i, d in enumerate([*mine[:3], other, mine[3]], 1))
    issues = _run(head + "Desa di wilayah kami:\n\n" + items, "FN106")
    assert [i.excerpt for i in issues] == [other]
    assert _run(head + "Desa di wilayah kami:\n\n" + "\n".join(mine), "FN106") == []


@pytest.mark.parametrize(("text", "instansi", "regency", "province"), [
    ("LKjIP DINAS KESEHATAN PROVINSI JAWA BARAT TAHUN 2021\n\nDinas Kesehatan membina kabupaten, "
     "antara lain Kabupaten Bogor dan Kota Bekasi.", "Dinas Kesehatan Provinsi Jawa Barat", None, "Jawa Barat"),
    ("LAPORAN KINERJA\nINSPEKTORAT DAERAH\nKABUPATEN KEPULAUAN MENTAWAI\nTAHUN 2023\n\nInspektorat "
     "memeriksa.", "Inspektorat Daerah Kabupaten Kepulauan Mentawai", "Kabupaten Kepulauan Mentawai",
     "Sumatera Barat"),
    ("Laporan Kinerja Dinas Pendidikan Kab. Sumbawa Barat Tahun 2023\n\nSekolah di Kecamatan Taliwang "
     "dan Kecamatan Jereweh.", "Dinas Pendidikan Kabupaten Sumbawa Barat", "Kabupaten Sumbawa Barat",
     "Nusa Tenggara Barat"),
    ("PEMERINTAH KOTA TEGAL\n\nDINAS PERHUBUNGAN\n\nRencana kerja tahun ini memuat terminal di "
     "Kecamatan Margadana dan Kecamatan Tegal Barat.", "Dinas Perhubungan", "Kota Tegal", "Jawa Tengah"),
])
def test_instansi_from_abbreviated_split_and_cover_titles(text: str, instansi: str, regency: str | None,
                                                          province: str) -> None:
    # a dinas report that names kecamatan in its analysis is not taken for a kecamatan report
    info = _info(text)
    assert info.instansi == instansi and info.kecamatan is None
    assert (info.regency.full if info.regency else None) == regency
    assert info.province is not None and info.province.name == province


def test_other_region_places_and_their_guards() -> None:
    head = "Laporan Kinerja Dinas Kesehatan Kabupaten Jember Tahun 2023\n\n"
    issues = _run(head + "Kasus DBD terbanyak ada di wilayah Puskesmas Kencong dan Puskesmas Tempeh.", "FN109")
    assert [i.excerpt for i in issues] == ["Puskesmas Tempeh"]
    assert "Kabupaten Lumajang" in issues[0].message
    # a generic word that happens to name a kecamatan elsewhere in the province ("Kota")
    assert _run(head + "Kunjungan tertinggi di Puskesmas Kota dan Kecamatan Kota.", "FN109") == []
    # cooperation with a named government is not "our" government
    assert _run(head + "Penanganan rabies dilakukan bersama Pemerintah Kabupaten Bondowoso.", "FN109") == []
    assert [i.excerpt for i in _run(head + "Program ini mendukung misi kedua RPJMD Kabupaten "
                                    "Bondowoso tentang kesehatan.", "FN109")] == ["Kabupaten Bondowoso"]
    # the report names mostly kecamatan of another kabupaten: its own region is in doubt
    doubtful = head + "Kegiatan di Kecamatan Tempeh, Kecamatan Pasirian dan Kecamatan Candipuro."
    assert _run(doubtful, "FN109") == []


def test_find_village_anywhere_memo_gives_fresh_equal_lists() -> None:
    """The per-process memo of find_village_anywhere (same name, same limit) returns what the
    search returns, as a new list each time."""
    gaz = gazetteer()
    for name, limit in (("Sumber Sari", 2), ("SUMBERSARI", 2), ("Sumber-sari", 5), ("Persentase", 2)):
        want = gaz._find_village_anywhere(name_key(name), limit)
        first = gaz.find_village_anywhere(name, limit)
        first.append(None)  # type: ignore[arg-type]  # a caller's change stays its own
        assert gaz.find_village_anywhere(name, limit) == want


def test_village_search_on_reduced_lists_equals_the_regex() -> None:
    """find_village_anywhere's search of the reduced village lists gives what the regex over the
    raw lists gives: names of a sample of kecamatan, their truncations, common words, and names
    listed twice in a row in one kecamatan (a regex match takes the "|" of the next item)."""
    gaz = gazetteer()
    flat = gaz._flat_villages()
    assert flat  # the shipped data meets the conditions of the reduced search
    kecs = list(gaz._villages_raw)[::400]
    keys = {name_key(v.name) for k in kecs for v in gaz.villages(k)}
    keys |= {k[:-1] for k in list(keys)[:30]} | {"persentase", "sumbersari", "sukamaju", "wurak",
                                                 "panipahan", "lubukpakamiii"}
    for key in sorted(k for k in keys if len(k) >= 4):
        for limit in (0, 2, 10**6):
            assert gaz._find_in_flat(flat, key, limit) == gaz._find_village_regex(key, limit), key


def test_reduced_village_lists_only_when_exact() -> None:
    """Lists the reduced search would not read exactly as the regex does are not reduced."""
    from drafter.check.gazetteer import Gazetteer

    def flat(raw: dict[str, str]) -> str:
        g = Gazetteer("")
        g._villages_raw = raw
        return g._flat_villages()

    assert flat({"1.01.01": "2001Sumber-Sari|1002Ujung’ Batu", "1.01.02": ""}) == \
        "1.01.01\t|2001sumbersari|1002ujungbatu|\n1.01.02\t||"
    assert flat({"1.01.01": "2001Séléko"}) == ""  # a non-ASCII letter (case folding differs)
    assert flat({"1.01.01": "2001-Abc"}) == ""  # a name opening with a separator
    assert flat({"1.01.01": "201Abc"}) == ""  # not a 4-digit code
