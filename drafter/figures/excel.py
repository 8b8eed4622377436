"""Figures as an Excel workbook: the fill-in template (``lkip template``), the reader behind
``lkip draft/validate FILE.xlsx`` and the writer behind ``lkip convert ... -o FILE.xlsx``.

One sheet per part of the figures schema (docs/figures.md), header in row 1, one record per row;
columns are found by their header text, so they may be reordered. Rules of the reader:

* numbers may be numeric cells or Indonesian text ("6,5", "50.000.000", "Rp 1.250.000,-");
  a numeric cell formatted as a percentage (0,975 shown as 97,5%) is read as 97,5;
* a formula gives its cached value (the value Excel saved); a formula without one is an error;
* rows left exactly as the template's grey example rows are ignored (an edited row is data);
* columns whose header starts with "Catatan" and sheets of other names are ignored;
* every error names the sheet and the cell: ``angka.xlsx: Anggaran!H12: bukan angka ...``.

Numbers behave as in YAML: they are read to the same values a YAML file with the same digits
gives, so that converting between the formats changes nothing in the drafted text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import FiguresError
from drafter.limits import (
    MAX_XLSX_BYTES,
    MAX_XLSX_COLS,
    MAX_XLSX_MEMBERS,
    MAX_XLSX_ROWS,
    MAX_XLSX_UNCOMPRESSED,
    check_figures_counts,
    too_large,
)

if TYPE_CHECKING:
    from drafter.figures.model import Figures

GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")
UNITS = ("%", "dokumen", "laporan", "kegiatan", "kali", "orang", "desa", "unit", "paket", "bulan",
         "indeks", "nilai")

# --------------------------------------------------------------------------------------------
# the layout


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    kind: str  # text | key | number | value | year | int | choice
    width: int = 14
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""


@dataclass(frozen=True)
class SheetSpec:
    name: str
    about: str
    cols: tuple[Col, ...]
    examples: tuple[tuple[object, ...], ...] = ()

    def col(self, key: str) -> Col:
        return next(c for c in self.cols if c.key == key)


@dataclass(frozen=True)
class FormField:
    label: str
    path: tuple[str, ...]
    kind: str  # text | nip | year | int | number | choice | bool
    required: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    default: object = None  # pre-filled in the template (the model's default)


IDENTITAS = "Identitas"
PETUNJUK = "Petunjuk"

FORM: tuple[FormField, ...] = (
    FormField("Nama instansi", ("instansi", "nama"), "text", True,
              help="Ditulis persis begini di seluruh naskah. Contoh: Kecamatan Sukamaju"),
    FormField("Kabupaten/kota", ("instansi", "kabupaten"), "text", True,
              help="Tanpa awalan \"Kabupaten\"/\"Kota\". Contoh: Sukamaju"),
    FormField("Jenis daerah", ("instansi", "jenis_daerah"), "choice", False, ("Kabupaten", "Kota"),
              help="Kabupaten atau Kota", default="Kabupaten"),
    FormField("Nama kepala", ("instansi", "kepala", "nama"), "text", True,
              help="Dengan gelar. Contoh: Budi Santoso, S.Sos., M.Si."),
    FormField("Jabatan kepala", ("instansi", "kepala", "jabatan"), "text", True,
              help="Contoh: Camat Sukamaju"),
    FormField("Pangkat kepala", ("instansi", "kepala", "pangkat"), "text",
              help="Boleh kosong. Contoh: Pembina Tingkat I"),
    FormField("NIP kepala", ("instansi", "kepala", "nip"), "nip",
              help="18 digit, diketik sebagai teks (sel berformat Teks). Boleh kosong"),
    FormField("Tahun laporan", ("tahun",), "year", True, help="Harus di dalam periode Renstra"),
    FormField("Renstra tahun awal", ("renstra", "awal"), "year", True, help="Contoh: 2021"),
    FormField("Renstra tahun akhir", ("renstra", "akhir"), "year", True, help="Contoh: 2026"),
    FormField("Dokumen Renstra", ("renstra", "dokumen"), "text",
              help="Boleh kosong. Dokumen penetapan Renstra awal, mis. Peraturan Bupati Nomor 31 "
                   "Tahun 2021; perubahannya di lembar Perubahan Renstra"),
    FormField("Capaian di atas 100% dihitung 100%", ("pengukuran", "batas_capaian_100"), "bool",
              False, ("Ya", "Tidak"), default="Ya",
              help="Ya: rata-rata capaian menghitung capaian di atas 100% sebagai 100%"),
    FormField("Rumus efisiensi", ("pengukuran", "efisiensi"), "choice", False,
              ("selisih", "sisa_anggaran", "rasio"), default="selisih",
              help="selisih: capaian - serapan; sisa_anggaran: 100 - serapan; "
                   "rasio: capaian / serapan"),
    FormField("Jumlah pegawai struktural", ("sdm", "struktural"), "int",
              help="Boleh kosong (isi keduanya atau kosongkan keduanya)"),
    FormField("Jumlah pegawai pelaksana", ("sdm", "pelaksana"), "int",
              help="Boleh kosong (isi keduanya atau kosongkan keduanya)"),
    FormField("Sumber anggaran", ("anggaran", "sumber"), "text", default="APBD",
              help="Contoh: APBD (\"... bersumber dari APBD Kabupaten ...\")"),
    FormField("Pagu anggaran tahun lalu (Rp)", ("anggaran", "tahun_lalu", "pagu"), "number",
              help="Untuk perbandingan serapan; boleh kosong (isi keduanya atau kosongkan)"),
    FormField("Realisasi anggaran tahun lalu (Rp)", ("anggaran", "tahun_lalu", "realisasi"),
              "number", help="Boleh kosong (isi keduanya atau kosongkan)"),
    FormField("Uraian anggaran", ("anggaran", "catatan"), "text",
              help="Boleh kosong. Teks bebas yang ditulis di bagian C (Realisasi Anggaran)"),
)

_VALUE_HELP = "Angka (mis. 84,5) atau nilai huruf SAKIP: " + ", ".join(GRADES)

SASARAN = SheetSpec(
    "Sasaran", "Satu baris per sasaran strategis, berurutan.",
    (
        Col("id", "ID Sasaran", "key", 12, True, help="Kode unik, mis. S1; dipakai di lembar lain"),
        Col("nama", "Nama Sasaran", "text", 60, True),
        Col("rincian_judul", "Judul Rincian", "text", 40,
            help="Boleh kosong; judul daftar rincian (butir di lembar Faktor dan Solusi)"),
        Col("catatan", "Konteks Sasaran", "text", 40,
            help="Boleh kosong; konteks sasaran untuk analisis"),
    ),
    (("S1", "Meningkatnya Kualitas Pelayanan Publik di Kecamatan Sukamaju", None, None),),
)
INDIKATOR = SheetSpec(
    "Indikator", "Satu baris per indikator kinerja sasaran, berurutan dalam tiap sasaran.",
    (
        Col("kode", "Kode Indikator", "key", 12, True,
            help="Kode unik, mis. IK1; dipakai di lembar Realisasi Tahunan, Target Renstra dan "
                 "Pembanding"),
        Col("sasaran", "ID Sasaran", "key", 12, True, help="ID dari lembar Sasaran"),
        Col("nama", "Nama Indikator", "text", 50, True),
        Col("satuan", "Satuan", "text", 12, choices=UNITS,
            help="%, kosong (angka indeks), atau satuan lain (dokumen, laporan, ...)"),
        Col("polaritas", "Polaritas", "choice", 11, choices=("positif", "negatif"),
            help="positif (bawaan): makin tinggi makin baik; negatif: makin rendah makin baik"),
        Col("target", "Target", "value", 11, True, help=_VALUE_HELP),
        Col("realisasi", "Realisasi", "value", 11, True, help=_VALUE_HELP),
        Col("skor_target", "Skor Target", "number", 11,
            help="Hanya untuk nilai huruf; boleh kosong"),
        Col("skor_realisasi", "Skor Realisasi", "number", 11,
            help="Hanya untuk nilai huruf; boleh kosong"),
        Col("nilai_maksimum", "Nilai Maksimum", "number", 11,
            help="Boleh kosong; nilai tertinggi yang mungkin (persentase di atas 100 tanpa "
                 "peringatan bila diizinkan di sini)"),
        Col("cara_ukur", "Cara Ukur", "text", 30, help="Boleh kosong; rumus atau cara pengukuran"),
        Col("sumber_data", "Sumber Data", "text", 25, help="Boleh kosong"),
        Col("penyebab_perubahan", "Penyebab Perubahan", "text", 30,
            help="Boleh kosong; penyebab naik/turunnya realisasi dibanding tahun lalu"),
        Col("catatan", "Konteks Analisis", "text", 30,
            help="Boleh kosong; konteks lain untuk analisis indikator"),
    ),
    (("IK1", "S1", "Indeks Kepuasan Masyarakat", None, "positif", 82, 84.5, None, None, None,
      None, None, None, None),),
)
RIWAYAT = SheetSpec(
    "Realisasi Tahunan",
    "Target dan realisasi tahun-tahun sebelumnya (Tabel 3.2); boleh kosong, naskah lalu "
    "menyatakan data tahun lalu tidak tersedia.",
    (
        Col("kode", "Kode Indikator", "key", 12, True),
        Col("tahun", "Tahun", "year", 8, True),
        Col("target", "Target", "value", 11, help=_VALUE_HELP),
        Col("realisasi", "Realisasi", "value", 11, help=_VALUE_HELP),
    ),
    (("IK1", 2022, 78, 79.1), ("IK1", 2023, 80, 81.25)),
)
RENSTRA = SheetSpec(
    "Target Renstra",
    "Target tahunan Renstra per indikator; target tahun akhir dipakai di Tabel 3.3. Bila "
    "Renstra diubah: Target = target yang berlaku (Renstra perubahan), Target Renstra Awal = "
    "target sebelum perubahan.",
    (
        Col("kode", "Kode Indikator", "key", 12, True),
        Col("tahun", "Tahun", "year", 8, True),
        Col("target", "Target", "value", 11, True, help=_VALUE_HELP),
        Col("target_awal", "Target Renstra Awal", "value", 11,
            help="Boleh kosong; hanya bila Renstra diubah (lembar Perubahan Renstra)"),
    ),
    (("IK1", 2025, 83, None), ("IK1", 2026, 84, None)),
)
PEMBANDING = SheetSpec(
    "Pembanding",
    "Nilai pembanding nasional/regional (Tabel 3.4), satu baris per nilai (boleh beberapa per "
    "indikator: nasional, provinsi, kabupaten/kota; baris pertama yang utama); tanpa baris, "
    "naskah menyatakan data pembanding tidak tersedia.",
    (
        Col("kode", "Kode Indikator", "key", 12, True),
        Col("nilai", "Nilai", "value", 11, True, help=_VALUE_HELP),
        Col("label", "Label", "text", 30, True, help="mis. IKM Kabupaten Sukamaju"),
        Col("sumber", "Sumber", "text", 30, help="Boleh kosong"),
        Col("tahun", "Tahun", "year", 8, help="Boleh kosong"),
        Col("tingkat", "Tingkat", "choice", 12,
            choices=("nasional", "provinsi", "kabupaten", "kota", "kecamatan", "lainnya"),
            help="Boleh kosong: nasional, provinsi, kabupaten, kota, kecamatan atau lainnya"),
    ),
    (("IK1", 83.2, "IKM Kabupaten Sukamaju", "Laporan SKM Kabupaten", 2024, None),),
)
FAKTOR_KINDS = {
    "Faktor keberhasilan": "faktor_keberhasilan",
    "Faktor kegagalan": "faktor_kegagalan",
    "Permasalahan": "permasalahan",
    "Solusi": "solusi",
    "Rincian": "rincian",
}
FAKTOR = SheetSpec(
    "Faktor dan Solusi",
    "Teks bebas untuk B.2, satu butir per baris, berurutan. Rincian: butir daftar rincian "
    "(judulnya di lembar Sasaran).",
    (
        Col("sasaran", "ID Sasaran", "key", 12, True),
        Col("jenis", "Jenis", "choice", 20, True, tuple(FAKTOR_KINDS)),
        Col("uraian", "Uraian", "text", 90, True),
    ),
    (
        ("S1", "Faktor keberhasilan",
         "Evaluasi layanan dilakukan setiap triwulan berdasarkan hasil survei."),
        ("S1", "Permasalahan", "Antrean layanan masih panjang pada awal bulan."),
        ("S1", "Solusi", "Menerapkan nomor antrean daring."),
    ),
)
LEVELS = ("Program", "Kegiatan", "Sub Kegiatan")
ANGGARAN = SheetSpec(
    "Anggaran",
    "Program, kegiatan dan sub kegiatan berurutan: baris Program, lalu baris Kegiatan-nya, "
    "masing-masing diikuti baris Sub Kegiatan-nya. Pagu dan realisasi wajib pada Sub Kegiatan, "
    "dan pada Program/Kegiatan yang tidak dirinci di bawahnya; pada Program/Kegiatan yang "
    "dirinci boleh dikosongkan (dijumlahkan) atau diisi jumlah sebenarnya (sisanya 'tidak "
    "dirinci'). Indikator boleh kosong pada baris Program dan Kegiatan.",
    (
        Col("tingkat", "Tingkat", "choice", 14, True, LEVELS),
        Col("nama", "Nama", "text", 55, True),
        Col("sasaran", "ID Sasaran", "key", 11, help="Hanya baris Program: sasaran yang didukung"),
        Col("indikator", "Indikator", "text", 45, True,
            help="Wajib pada Sub Kegiatan; boleh kosong pada Program dan Kegiatan"),
        Col("satuan", "Satuan", "text", 11, choices=UNITS),
        Col("target", "Target", "number", 11, True),
        Col("realisasi", "Realisasi", "number", 11, True),
        Col("pagu", "Pagu (Rp)", "number", 16,
            help="Wajib pada Sub Kegiatan dan pada Program/Kegiatan tanpa rincian; tanpa desimal"),
        Col("realisasi_anggaran", "Realisasi Anggaran (Rp)", "number", 16,
            help="Wajib bersama pagu"),
        Col("catatan", "Konteks", "text", 30,
            help="Boleh kosong; konteks program/kegiatan untuk analisis"),
    ),
    (
        ("Program", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "S1",
         "Persentase layanan tepat waktu", "%", 95, 97, None, None, None),
        ("Kegiatan", "Penyelenggaraan Urusan Pemerintahan Umum", None,
         "Jumlah dokumen layanan", "dokumen", 1200, 1260, None, None, None),
        ("Sub Kegiatan", "Peningkatan Efektivitas Pelayanan kepada Masyarakat", None,
         "Jumlah laporan pelayanan", "laporan", 12, 12, 150000000, 141250000, None),
    ),
)
KOMPOSISI = SheetSpec(
    "Komposisi Belanja",
    "Komposisi belanja; jumlah pagunya harus sama dengan total pagu sub kegiatan. Boleh kosong.",
    (
        Col("jenis", "Jenis Belanja", "text", 30, True, help="mis. Belanja Operasi"),
        Col("pagu", "Pagu (Rp)", "number", 16, True),
        Col("realisasi", "Realisasi (Rp)", "number", 16, help="Boleh kosong"),
    ),
    (("Belanja Operasi", 150000000, None),),
)
PERUBAHAN = SheetSpec(
    "Perubahan Renstra",
    "Perubahan Renstra (Renstra perubahan), satu baris per perubahan; boleh kosong. Lembar ini "
    "boleh tidak ada pada buku kerja lama.",
    (
        Col("tahun", "Tahun", "year", 8, True, help="Tahun penetapan perubahan"),
        Col("dokumen", "Dokumen", "text", 60, help="Boleh kosong; mis. Peraturan Bupati ..."),
        Col("alasan", "Alasan", "text", 60, help="Boleh kosong; mengapa Renstra diubah"),
    ),
    ((2023, "Peraturan Bupati Sukamaju Nomor 12 Tahun 2023 tentang Perubahan Renstra",
      None),),
)
SHEETS: tuple[SheetSpec, ...] = (SASARAN, INDIKATOR, RIWAYAT, RENSTRA, PEMBANDING, FAKTOR,
                                 ANGGARAN, KOMPOSISI, PERUBAHAN)
OPTIONAL_SHEETS = (PERUBAHAN.name,)
# every sheet must be there (a renamed "Anggaran" must not silently mean "no budget")
REQUIRED_SHEETS = (IDENTITAS, *(sp.name for sp in SHEETS if sp.name not in OPTIONAL_SHEETS))


# --------------------------------------------------------------------------------------------
# cell values


def _letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


_LETTERS = [_letter(i) for i in range(MAX_XLSX_COLS + 1)]


def _col_letter(i: int) -> str:
    """The column letter of 0-based column ``i`` (A, B, ..., AA)."""
    return _LETTERS[i] if 0 <= i < len(_LETTERS) else _letter(i)


@dataclass
class Cell:
    value: object
    ref: str  # "Anggaran!H12"
    data_type: str = "n"
    number_format: str = "General"
    formula: bool = False
    grey: bool = False  # the font colour of the template's example rows


class _Errors:
    """Collects one-line errors (sheet!cell: message) in reading order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[tuple[str, str]] = []

    def add(self, ref: str, message: str) -> None:
        self.items.append((ref, message))


class _Bad(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_NUM_TEXT = re.compile(
    r"^(?P<sign>[-\u2212+]?)\s*(?:rp\.?\s*)?(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    r"|\d+\.\d+)\s*(?P<tail>,-|,--|%)?$",
    re.IGNORECASE,
)


def parse_id_number(text: str) -> Decimal | None:
    """An Indonesian number typed as text: "6,5", "50.000.000", "Rp 1.250.000,-", "97,5%",
    "-2"; a dot followed by other than groups of three digits is a decimal point ("84.5").
    Spaces between digit groups are allowed. None when ``text`` is not such a number."""
    s = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    s = re.sub(r"(?<=\d)[ ](?=\d{3}\b)", "", s)
    m = _NUM_TEXT.match(s)
    if m is None:
        return None
    num = m.group("num")
    if "," in num:
        num = num.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num):
        num = num.replace(".", "")
    try:
        d = Decimal(num)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    return -d if m.group("sign") in ("-", "\u2212") else d


def _yaml_like(d: Decimal) -> int | Decimal:
    """The value YAML gives for the same digits: an int, or the float's shortest decimal."""
    if d == d.to_integral_value() and "." not in str(d) and "E" not in str(d).upper():
        return int(d)
    if not d.is_finite():
        return d
    return Decimal(repr(float(d))) if abs(d) < Decimal(10) ** 300 else d


def _float_value(x: float) -> Decimal:
    """A numeric cell: Excel keeps 15 significant digits; more is binary noise
    (0.30000000000000004 shown as 0,3)."""
    r = repr(x)
    digits = len(re.sub(r"e.*$|[^0-9]", "", r.lower()).lstrip("0"))
    return Decimal(format(x, ".15g")) if digits > 15 else Decimal(r)


def _cell_number(c: Cell, *, allow_grade: bool = False, what: str = "angka") -> object:
    v = c.value
    if isinstance(v, bool):
        raise _Bad(f"bukan {what} (berisi {'TRUE' if v else 'FALSE'})")
    if isinstance(v, int):
        out: object = v
        if "%" in c.number_format:
            out = _yaml_like(Decimal(v) * 100)
        return out
    if isinstance(v, float):
        d = _float_value(v)
        if "%" in c.number_format:
            d = Decimal(format(float(d * 100), ".15g"))
        return _yaml_like(d)
    if isinstance(v, dt.datetime | dt.date | dt.time):
        raise _Bad(f"berisi tanggal/jam, bukan {what}; format sel sebagai Angka atau Teks")
    if isinstance(v, str):
        s = v.strip()
        if allow_grade and s.upper() in GRADES:
            return s.upper()
        if allow_grade and _grade_score(s):
            return " ".join(s.split())  # "BB (97)": grade and score, split by the model
        d = parse_id_number(s)
        if d is None:
            hint = f" atau nilai huruf ({', '.join(GRADES)})" if allow_grade else ""
            raise _Bad(f"bukan angka{hint}: {s[:40]!r} (tulis mis. 6,5 atau 50.000.000)")
        return _yaml_like(d)
    raise _Bad(f"bukan {what}")


def _grade_score(s: str) -> bool:
    from drafter.figures.model import GRADE_SCORE

    return GRADE_SCORE.match(s) is not None


def _cell_int(c: Cell, what: str = "bilangan bulat") -> int:
    v = _cell_number(c, what=what)
    if isinstance(v, int):
        return v
    if isinstance(v, Decimal) and v == v.to_integral_value():
        return int(v)
    raise _Bad(f"harus {what}, bukan {c.value!r}")


def _cell_text(c: Cell) -> str:
    v = c.value
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        d = _float_value(v)
        return str(int(d)) if d == d.to_integral_value() else format(d, "f")
    if isinstance(v, dt.datetime | dt.date | dt.time):
        raise _Bad("berisi tanggal/jam yang dibuat Excel dari ketikan; format sel sebagai Teks "
                   "lalu ketik ulang")
    raise _Bad("bukan teks")  # pragma: no cover


def _cell_nip(c: Cell) -> str:
    v = c.value
    if isinstance(v, float) or (isinstance(v, int) and not isinstance(v, bool)
                                 and len(str(abs(v))) > 15):
        raise _Bad("NIP diketik sebagai angka sehingga digit terakhirnya hilang; format sel "
                   "sebagai Teks lalu ketik ulang 18 digitnya")
    return _cell_text(c)


def _cell_choice(c: Cell, choices: Sequence[str]) -> str:
    s = " ".join(_cell_text(c).split())
    for ch in choices:
        if s.casefold() == ch.casefold() or s.casefold().replace(" ", "_") == ch.casefold():
            return ch
    raise _Bad(f"nilai {s[:40]!r} tidak dikenal; pilih salah satu: {', '.join(choices)}")


def _cell_bool(c: Cell) -> bool:
    v = c.value
    if isinstance(v, bool):
        return v
    s = _cell_text(c).strip().casefold()
    if s in ("ya", "y", "true", "benar", "1"):
        return True
    if s in ("tidak", "t", "false", "salah", "0"):
        return False
    raise _Bad(f"nilai {s[:40]!r} tidak dikenal; pilih Ya atau Tidak")


def _convert(c: Cell, kind: str, choices: Sequence[str] = ()) -> object:
    if kind in ("text", "key"):
        return _cell_text(c)
    if kind == "nip":
        return _cell_nip(c)
    if kind == "number":
        return _cell_number(c)
    if kind == "value":
        return _cell_number(c, allow_grade=True)
    if kind == "year":
        return _cell_int(c, "tahun (empat digit)")
    if kind == "int":
        return _cell_int(c)
    if kind == "choice":
        return _cell_choice(c, choices)
    if kind == "bool":
        return _cell_bool(c)
    raise AssertionError(kind)  # pragma: no cover


def _is_empty(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


# --------------------------------------------------------------------------------------------
# reading the workbook


def _check_package(raw: bytes, name: str) -> None:
    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise FiguresError("berkas Excel format lama (.xls) atau berkas Excel berkata sandi; "
                           "buka di Excel lalu simpan sebagai Buku Kerja Excel (.xlsx) tanpa "
                           "kata sandi", path=name)
    if raw[:4] != b"PK\x03\x04":
        raise FiguresError("bukan berkas Excel .xlsx (isi berkas tidak dikenali)", path=name)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FiguresError("berkas Excel rusak (arsip .xlsx tidak dapat dibuka)", path=name) from None
    if len(infos) > MAX_XLSX_MEMBERS:
        raise too_large(name, "berkas Excel", len(infos), MAX_XLSX_MEMBERS, unit="bagian",
                        error=FiguresError)
    total = sum(i.file_size for i in infos)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise too_large(name, "isi berkas Excel (tanpa kompresi)", total, MAX_XLSX_UNCOMPRESSED,
                        error=FiguresError)


def _open(raw: bytes, data_only: bool) -> Any:
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only, keep_links=False)


def _sheet_rows(ws: Any, sheet: str, name: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cells) of a worksheet: at most MAX_XLSX_ROWS rows (counted up to the last
    row stored, empty or not) and the first MAX_XLSX_COLS columns."""
    for n, row in enumerate(ws.iter_rows(max_col=MAX_XLSX_COLS), start=1):
        if n > MAX_XLSX_ROWS:  # even empty rows: a far-away stray cell costs a row per row
            limit = f"{MAX_XLSX_ROWS:,}".replace(",", ".")
            raise FiguresError(f"lembar {sheet!r} terlalu besar (lebih dari {limit} baris); "
                               "hapus baris yang tidak dipakai", path=name)
        yield n, row


def _has_formulas(raw: bytes) -> bool:
    """Whether any worksheet holds a formula element (else the formula pass is skipped)."""
    pattern = re.compile(rb"<(?:\w+:)?f[\s>/]")
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with zf.open(info) as fh:
                    tail = b""
                    while block := fh.read(1 << 20):
                        if pattern.search(tail + block):
                            return True
                        tail = block[-16:]
    return False


def _read_sheets(raw: bytes, name: str) -> dict[str, list[list[Cell | None]]]:
    """Cells of the known sheets (None for an empty cell): values as Excel cached them,
    formulas flagged."""
    wanted = {s.casefold(): s for s in (IDENTITAS, *(sp.name for sp in SHEETS))}
    try:
        formulas: set[tuple[str, int, int]] = set()
        if _has_formulas(raw):
            wb = _open(raw, data_only=False)
            try:
                for title in wb.sheetnames:
                    canon = wanted.get(title.strip().casefold())
                    if canon is None:
                        continue
                    for r, row in _sheet_rows(wb[title], canon, name):
                        for j, c in enumerate(row):
                            if getattr(c, "data_type", None) == "f":
                                formulas.add((canon, r, j))
            finally:
                wb.close()
        out: dict[str, list[list[Cell | None]]] = {}
        wb = _open(raw, data_only=True)
        try:
            for title in wb.sheetnames:
                canon = wanted.get(title.strip().casefold())
                if canon is None:
                    continue
                if canon in out:
                    raise FiguresError(f"lembar {canon!r} ada dua kali", path=name)
                rows: list[list[Cell | None]] = []
                for r, row in _sheet_rows(wb[title], canon, name):
                    cells: list[Cell | None] = []
                    for j, c in enumerate(row):
                        value = getattr(c, "value", None)
                        formula = (canon, r, j) in formulas if formulas else False
                        if value is None and not formula:
                            cells.append(None)
                            continue
                        grey = False
                        if getattr(c, "has_style", False):
                            color = getattr(getattr(c.font, "color", None), "rgb", None)
                            grey = isinstance(color, str) and color.upper().endswith(GREY)
                        cells.append(Cell(
                            value=value, ref=f"{canon}!{_col_letter(j)}{r}",
                            data_type=getattr(c, "data_type", "n") or "n",
                            number_format=str(getattr(c, "number_format", None) or "General"),
                            formula=formula, grey=grey))
                    rows.append(cells)
                out[canon] = rows
        finally:
            wb.close()
    except FiguresError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a damaged package
        raise FiguresError("berkas Excel rusak atau bukan buku kerja .xlsx yang valid", path=name) from None
    return out


def _norm_header(s: object) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(s).casefold()) if s is not None else ""


def _cell_at(row: list[Cell | None], j: int | None, ref: str) -> Cell:
    if j is not None and j < len(row):
        c = row[j]
        if c is not None:
            return c
    return Cell(None, ref)


class _Reader:
    def __init__(self, name: str, sheets: dict[str, list[list[Cell | None]]]) -> None:
        self.name = name
        self.sheets = sheets
        self.errors = _Errors(name)
        self.cells: dict[tuple[str | int, ...], str] = {}

    # -- helpers
    def value(self, c: Cell, kind: str, choices: Sequence[str] = ()) -> object:
        """The converted value of ``c`` (None when empty or wrong; wrong is recorded)."""
        if c.data_type == "e" or (isinstance(c.value, str) and c.value.startswith("#")
                                  and c.formula):
            self.errors.add(c.ref, f"rumus menghasilkan galat {str(c.value)[:20]}; perbaiki rumusnya")
            return None
        if c.value is None and c.formula:
            self.errors.add(c.ref, "berisi rumus tanpa nilai tersimpan; buka berkas di Excel atau "
                                   "LibreOffice lalu simpan ulang (atau ganti rumus dengan nilainya)")
            return None
        if _is_empty(c.value):
            return None
        if isinstance(c.value, str) and _XML_BAD.search(c.value):
            self.errors.add(c.ref, "berisi karakter kendali; hapus karakter tersebut")
            return None
        try:
            return _convert(c, kind, choices)
        except _Bad as bad:
            self.errors.add(c.ref, bad.message)
            return None

    def table(self, spec: SheetSpec) -> list[tuple[int, dict[str, Cell]]]:
        """(row number, cells by column key) of the data rows of ``spec``'s sheet."""
        rows = self.sheets.get(spec.name)
        if not rows:
            return []
        head = rows[0]
        by_header = {_norm_header(c.header): c.key for c in spec.cols}
        by_header.update({_norm_header(c.key): c.key for c in spec.cols})
        index: dict[str, int] = {}
        for j, c in enumerate(head):
            if c is None or _is_empty(c.value):
                continue
            h = _norm_header(c.value)
            if h.startswith("catatan"):
                continue
            key = by_header.get(h)
            if key is None:
                known = ", ".join(c.header for c in spec.cols)
                self.errors.add(c.ref, f"kolom {str(c.value)[:40]!r} tidak dikenal (kolom yang "
                                       f"dikenal: {known}; kolom catatan diawali \"Catatan\")")
                continue
            if key in index:
                self.errors.add(c.ref, f"kolom {spec.col(key).header!r} ada dua kali")
                continue
            index[key] = j
        for col in spec.cols:
            if col.required and col.key not in index:
                self.errors.add(f"{spec.name}!A1", f"kolom {col.header!r} tidak ada di baris judul")
        examples = {tuple(_example_norm(v) for v in ex) for ex in spec.examples}
        out = []
        for i, row in enumerate(rows[1:], start=2):
            cells = {col.key: _cell_at(row, index.get(col.key),
                                        f"{spec.name}!{_col_letter(index.get(col.key, 0))}{i}")
                     for col in spec.cols}
            if all(_is_empty(c.value) and not c.formula for c in cells.values()):
                continue
            if (all(c.grey for c in cells.values() if not _is_empty(c.value))
                    and tuple(_example_norm(cells[col.key].value) for col in spec.cols) in examples):
                continue  # an example row of the template, left as it was
            out.append((i, cells))
        return out

    def form(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        rows = self.sheets.get(IDENTITAS, [])
        labels = {_norm_header(f.label): f for f in FORM}
        seen: dict[str, str] = {}
        for i, row in enumerate(rows, start=1):
            head = _cell_at(row, 0, f"{IDENTITAS}!A{i}")
            c = _cell_at(row, 1, f"{IDENTITAS}!B{i}")
            if _norm_header(head.value) == "isian":
                continue
            if _is_empty(head.value):
                if not _is_empty(c.value):
                    self.errors.add(c.ref, "isian tanpa nama di kolom A")
                continue
            f = labels.get(_norm_header(head.value))
            if f is None:
                self.errors.add(head.ref, f"isian {str(head.value)[:40]!r} tidak dikenal "
                                          f"(yang dikenal: {', '.join(x.label for x in FORM)})")
                continue
            if f.label in seen:
                self.errors.add(head.ref, f"isian {f.label!r} ada dua kali (pertama di "
                                          f"{seen[f.label]})")
                continue
            seen[f.label] = head.ref
            self.cells[f.path] = c.ref
            v = self.value(c, f.kind, f.choices)
            if v is not None:
                _put(data, f.path, v)
        for f in FORM:
            self.cells.setdefault(f.path, f"{IDENTITAS} (isian {f.label!r})")
            for k in range(1, len(f.path)):  # a missing parent ("instansi") points at its first
                self.cells.setdefault(f.path[:k], self.cells[f.path])
        return data

    # -- the figures mapping
    def build(self) -> dict[str, Any]:
        for sheet in REQUIRED_SHEETS:
            if sheet not in self.sheets:
                raise FiguresError(f"lembar {sheet!r} tidak ada; lembar boleh kosong tetapi "
                                   "jangan dihapus atau diganti namanya (templat: `lkip "
                                   "template`)", path=self.name)
        data = self.form()
        self._sasaran(data)
        self._program(data)
        self._komposisi(data)
        self._perubahan(data)
        return data

    def _perubahan(self, data: dict[str, Any]) -> None:
        out: list[dict[str, Any]] = []
        for _r, cells in self.table(PERUBAHAN):
            loc = ("renstra", "perubahan", len(out))
            self.cells[loc] = cells["tahun"].ref
            item: dict[str, Any] = {}
            for col in PERUBAHAN.cols:
                self.cells[(*loc, col.key)] = cells[col.key].ref
                v = self.value(cells[col.key], col.kind)
                if v is not None:
                    item[col.key] = v
            out.append(item)
        if out:
            data.setdefault("renstra", {})["perubahan"] = out

    def _sasaran(self, data: dict[str, Any]) -> None:
        sasaran: list[dict[str, Any]] = []
        by_id: dict[str, tuple[int, dict[str, Any]]] = {}
        self.cells[("sasaran",)] = f"{SASARAN.name}!A2"
        for _r, cells in self.table(SASARAN):
            i = len(sasaran)
            s: dict[str, Any] = {}
            for key in ("id", "nama"):
                self.cells[("sasaran", i, key)] = cells[key].ref
                v = self.value(cells[key], SASARAN.col(key).kind)
                if v is not None:
                    s[key] = v
            self.cells[("sasaran", i)] = cells["id"].ref
            self.cells[("sasaran", i, "indikator")] = cells["id"].ref
            catatan = self.value(cells["catatan"], "text")
            if catatan is not None:
                s["catatan"] = catatan
                self.cells[("sasaran", i, "catatan")] = cells["catatan"].ref
            judul = self.value(cells["rincian_judul"], "text")
            if judul is not None:
                s["rincian"] = {"judul": judul, "butir": []}
                self.cells[("sasaran", i, "rincian")] = cells["rincian_judul"].ref
            sid = s.get("id")
            if isinstance(sid, str):
                sid = sid.strip()
                if sid in by_id:
                    self.errors.add(cells["id"].ref, f"ID sasaran {sid!r} dipakai dua kali")
                else:
                    by_id[sid] = (i, s)
            sasaran.append(s)
        data["sasaran"] = sasaran

        def sasaran_of(c: Cell) -> tuple[int, dict[str, Any]] | None:
            sid = self.value(c, "key")
            if sid is None:
                if not c.formula:
                    self.errors.add(c.ref, "ID sasaran wajib diisi")
                return None
            hit = by_id.get(str(sid).strip())
            if hit is None:
                self.errors.add(c.ref, f"ID sasaran {sid!r} tidak ada di lembar Sasaran")
            return hit

        indikator: dict[str, tuple[tuple[str | int, ...], dict[str, Any]]] = {}
        for _r, cells in self.table(INDIKATOR):
            hit = sasaran_of(cells["sasaran"])
            kode = self.value(cells["kode"], "key")
            if kode is None:
                if not cells["kode"].formula:
                    self.errors.add(cells["kode"].ref, "kode indikator wajib diisi")
            if hit is None:
                continue
            i, s = hit
            lst = s.setdefault("indikator", [])
            loc: tuple[str | int, ...] = ("sasaran", i, "indikator", len(lst))
            ind: dict[str, Any] = {}
            self.cells[loc] = cells["nama"].ref
            for col in INDIKATOR.cols[2:]:
                self.cells[(*loc, col.key)] = cells[col.key].ref
                v = self.value(cells[col.key], col.kind, col.choices)
                if v is not None:
                    ind[col.key] = v
            lst.append(ind)
            if kode is not None:
                k = str(kode).strip()
                if k in indikator:
                    self.errors.add(cells["kode"].ref, f"kode indikator {k!r} dipakai dua kali")
                else:
                    indikator[k] = (loc, ind)

        def indikator_of(c: Cell) -> tuple[tuple[str | int, ...], dict[str, Any]] | None:
            kode = self.value(c, "key")
            if kode is None:
                if not c.formula:
                    self.errors.add(c.ref, "kode indikator wajib diisi")
                return None
            hit = indikator.get(str(kode).strip())
            if hit is None:
                self.errors.add(c.ref, f"kode indikator {kode!r} tidak ada di lembar Indikator")
            return hit

        for _r, cells in self.table(RIWAYAT):
            ihit = indikator_of(cells["kode"])
            if ihit is None:
                continue
            loc, ind = ihit
            lst = ind.setdefault("riwayat", [])
            rloc = (*loc, "riwayat", len(lst))
            item: dict[str, Any] = {}
            self.cells[rloc] = cells["tahun"].ref
            for key in ("tahun", "target", "realisasi"):
                self.cells[(*rloc, key)] = cells[key].ref
                v = self.value(cells[key], RIWAYAT.col(key).kind)
                if v is not None:
                    item[key] = v
            lst.append(item)

        for _r, cells in self.table(RENSTRA):
            ihit = indikator_of(cells["kode"])
            year = self.value(cells["tahun"], "year")
            target = self.value(cells["target"], "value")
            awal = self.value(cells["target_awal"], "value")
            if year is None and not cells["tahun"].formula:
                self.errors.add(cells["tahun"].ref, "tahun wajib diisi")
            if target is None and awal is None and _is_empty(cells["target"].value) \
                    and not cells["target"].formula:
                self.errors.add(cells["target"].ref, "target wajib diisi")
            if ihit is None or year is None:
                continue
            loc, ind = ihit
            if awal is not None:
                ind.setdefault("renstra_awal", {})[year] = awal
                self.cells[(*loc, "renstra_awal", year)] = cells["target_awal"].ref
                self.cells.setdefault((*loc, "renstra_awal"), cells["target_awal"].ref)
            if target is None:
                continue
            ren = ind.setdefault("renstra", {})
            if year in ren:
                self.errors.add(cells["tahun"].ref, f"target Renstra tahun {year} ditulis dua "
                                                   "kali untuk indikator ini")
                continue
            ren[year] = target
            self.cells[(*loc, "renstra", year)] = cells["target"].ref
            self.cells.setdefault((*loc, "renstra"), cells["tahun"].ref)

        for _r, cells in self.table(PEMBANDING):
            ihit = indikator_of(cells["kode"])
            if ihit is None:
                continue
            loc, ind = ihit
            lst = ind.setdefault("pembanding", [])
            pb: dict[str, Any] = {}
            ploc = (*loc, "pembanding", len(lst))
            self.cells.setdefault((*loc, "pembanding"), cells["kode"].ref)
            self.cells[ploc] = cells["kode"].ref
            for col in PEMBANDING.cols[1:]:
                self.cells[(*ploc, col.key)] = cells[col.key].ref
                v = self.value(cells[col.key], col.kind, col.choices)
                if v is not None:
                    pb[col.key] = v
            lst.append(pb)

        for _r, cells in self.table(FAKTOR):
            hit = sasaran_of(cells["sasaran"])
            jenis = self.value(cells["jenis"], "choice", FAKTOR.col("jenis").choices)
            uraian = self.value(cells["uraian"], "text")
            if jenis is None and _is_empty(cells["jenis"].value):
                self.errors.add(cells["jenis"].ref, "jenis wajib diisi")
            if uraian is None and _is_empty(cells["uraian"].value) and not cells["uraian"].formula:
                self.errors.add(cells["uraian"].ref, "uraian wajib diisi")
            if hit is None or jenis is None or uraian is None:
                continue
            i, s = hit
            key = FAKTOR_KINDS[str(jenis)]
            if key == "rincian":
                if "rincian" not in s:
                    self.errors.add(cells["jenis"].ref, "butir rincian tanpa judul: isi Judul "
                                                        "Rincian sasaran ini di lembar Sasaran")
                    continue
                lst = s["rincian"]["butir"]
                self.cells[("sasaran", i, "rincian", "butir", len(lst))] = cells["uraian"].ref
            else:
                lst = s.setdefault(key, [])
                self.cells[("sasaran", i, key, len(lst))] = cells["uraian"].ref
            lst.append(uraian)

    def _program(self, data: dict[str, Any]) -> None:
        program: list[dict[str, Any]] = []
        typed: list[tuple[Cell, str, dict[str, Any], str, object]] = []  # a parent row's pagu
        kegiatan: dict[str, Any] | None = None
        kloc: tuple[str | int, ...] = ()
        for _r, cells in self.table(ANGGARAN):
            level = self.value(cells["tingkat"], "choice", LEVELS)
            if level is None:
                if _is_empty(cells["tingkat"].value):
                    self.errors.add(cells["tingkat"].ref, "tingkat wajib diisi (Program, "
                                                          "Kegiatan atau Sub Kegiatan)")
                continue
            item: dict[str, Any] = {}
            if level == "Program":
                loc: tuple[str | int, ...] = ("program", len(program))
                program.append(item)
                item["kegiatan"] = []
                kegiatan = None
            elif level == "Kegiatan":
                if not program:
                    self.errors.add(cells["tingkat"].ref, "baris Kegiatan sebelum baris Program "
                                                          "pertama")
                    continue
                loc = ("program", len(program) - 1, "kegiatan", len(program[-1]["kegiatan"]))
                program[-1]["kegiatan"].append(item)
                item["sub_kegiatan"] = []
                kegiatan, kloc = item, loc
            else:
                if kegiatan is None:
                    self.errors.add(cells["tingkat"].ref, "baris Sub Kegiatan sebelum baris "
                                                          "Kegiatan induknya")
                    continue
                loc = (*kloc, "sub_kegiatan", len(kegiatan["sub_kegiatan"]))
                kegiatan["sub_kegiatan"].append(item)
            self.cells[loc] = cells["nama"].ref
            self.cells[(*loc, "nama")] = cells["nama"].ref
            nama = self.value(cells["nama"], "text")
            if nama is not None:
                item["nama"] = nama
            catatan = self.value(cells["catatan"], "text")
            if catatan is not None:
                item["catatan"] = catatan
                self.cells[(*loc, "catatan")] = cells["catatan"].ref
            if level == "Program":
                self.cells[(*loc, "sasaran")] = cells["sasaran"].ref
                self.cells[(*loc, "kegiatan")] = cells["tingkat"].ref
                sid = self.value(cells["sasaran"], "key")
                if sid is not None:
                    item["sasaran"] = str(sid).strip()
            elif not _is_empty(cells["sasaran"].value):
                self.errors.add(cells["sasaran"].ref, "ID sasaran hanya diisi pada baris Program")
            if level == "Kegiatan":
                self.cells[(*loc, "sub_kegiatan")] = cells["tingkat"].ref
            ind: dict[str, Any] = {}
            self.cells[(*loc, "indikator")] = cells["indikator"].ref
            for key, col in (("nama", "indikator"), ("satuan", "satuan"), ("target", "target"),
                             ("realisasi", "realisasi")):
                self.cells[(*loc, "indikator", key)] = cells[col].ref
                v = self.value(cells[col], ANGGARAN.col(col).kind)
                if v is not None:
                    ind[key] = v
            if ind:
                item["indikator"] = ind
            for key in ("pagu", "realisasi_anggaran"):
                self.cells[(*loc, key)] = cells[key].ref
                v = self.value(cells[key], "number")
                if level == "Sub Kegiatan":
                    if v is not None:
                        item[key] = v
                elif v is not None:
                    typed.append((cells[key], key, item, level, v))
        data["program"] = program
        self.cells[("program",)] = f"{ANGGARAN.name}!A2"
        # a total typed on a parent row: the budget of a row without children; the real total
        # when it is more than its children's (the rest is "tidak dirinci"); equal to the sum
        # it changes nothing; below the sum it is a mistake
        typed.sort(key=lambda t: t[3] == "Program")  # kegiatan first: a program sums them
        for c, key, item, level, v in typed:
            kids = item.get("kegiatan" if level == "Program" else "sub_kegiatan", [])
            try:
                typed_v = Decimal(str(v))
                if not kids:
                    item[key] = v
                    continue
                total = sum((_row_total(k, key) for k in kids), Decimal(0))
            except (InvalidOperation, TypeError):
                continue
            if typed_v > total:
                item[key] = v
            elif total != typed_v:
                self.errors.add(c.ref, f"jumlah pada baris {level} ({_plain(typed_v)}) tidak sama "
                                       f"dengan jumlah sub kegiatannya ({_plain(total)}); "
                                       "kosongkan sel ini (jumlah dihitung otomatis)")

    def _komposisi(self, data: dict[str, Any]) -> None:
        out: list[dict[str, Any]] = []
        for _r, cells in self.table(KOMPOSISI):
            loc = ("anggaran", "komposisi", len(out))
            self.cells[loc] = cells["jenis"].ref
            item: dict[str, Any] = {}
            for col in KOMPOSISI.cols:
                self.cells[(*loc, col.key)] = cells[col.key].ref
                v = self.value(cells[col.key], col.kind)
                if v is not None:
                    item[col.key] = v
            out.append(item)
        if out:
            data.setdefault("anggaran", {})["komposisi"] = out
            self.cells[("anggaran", "komposisi")] = f"{KOMPOSISI.name}!B2"

    def ref_of(self, loc: Sequence[str | int]) -> str | None:
        loc = tuple(loc)
        while loc:
            ref = self.cells.get(loc)
            if ref is not None:
                return ref
            loc = loc[:-1]
        return None


def _row_total(item: dict[str, Any], key: str) -> Decimal:
    """A kegiatan's or sub kegiatan's amount as read: its own, else the sum of its rows."""
    if key in item:
        return Decimal(str(item[key]))
    return sum((Decimal(str(sk.get(key, 0))) for sk in item.get("sub_kegiatan", [])), Decimal(0))


def _plain(d: Decimal) -> str:
    from drafter.numbers import fmt_num

    return fmt_num(d, 6)


def _example_norm(v: object) -> object:
    if _is_empty(v):
        return None
    if isinstance(v, str):
        return " ".join(v.split())
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float | Decimal):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    return v


def _put(data: dict[str, Any], path: Sequence[str], value: object) -> None:
    d = data
    for p in path[:-1]:
        d = d.setdefault(p, {})
    d[path[-1]] = value


# what XML 1.0 (and so a cell) cannot hold
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class XlsxFiguresError(FiguresError):
    """A workbook with errors; ``errors`` lists every one (``sheet!cell: message``)."""

    def __init__(self, message: str, *, path: str, field: str | None,
                 errors: list[str]) -> None:
        super().__init__(message, path=path, field=field)
        self.errors = errors


def _raise(name: str, items: list[tuple[str, str]]) -> None:
    from drafter.errors import term_safe

    lines = [f"{name}: {ref}: {msg}" for ref, msg in items]
    more = f" (dan {len(items) - 1} kesalahan lain)" if len(items) > 1 else ""
    ref, msg = items[0]
    raise XlsxFiguresError(msg + more, path=name, field=ref,
                           errors=[term_safe(line) for line in lines])


# (container, field) of an empty required part: which sheet fills it
_EMPTY_PARTS = {
    ("sasaran", "indikator"): "sasaran ini belum punya indikator; isi di lembar Indikator (baris "
                              "contoh abu-abu yang tidak diubah diabaikan)",
    ("program", "kegiatan"): "program ini belum punya baris Kegiatan di bawahnya",
    ("kegiatan", "sub_kegiatan"): "kegiatan ini belum punya baris Sub Kegiatan di bawahnya",
}


def load_xlsx(path: str | Path) -> Figures:
    """Read and validate a figures workbook. Raises :class:`FiguresError` on any problem."""
    from pydantic import ValidationError

    from drafter.figures.loader import error_items, format_loc
    from drafter.figures.model import Figures
    from drafter.io import read_regular

    name = str(path)
    raw = read_regular(Path(path), MAX_XLSX_BYTES, error=FiguresError, what="berkas angka")
    if not raw:
        raise FiguresError("berkas kosong", path=name)
    _check_package(raw, name)
    reader = _Reader(name, _read_sheets(raw, name))
    data = reader.build()
    if reader.errors.items:
        _raise(name, reader.errors.items)
    check_figures_counts(data, name)
    try:
        return Figures.model_validate(data)
    except ValidationError as exc:
        items = []
        for loc, msg in error_items(exc):
            if len(loc) >= 3 and msg in ("wajib diisi", "tidak boleh kosong"):
                msg = _EMPTY_PARTS.get((str(loc[-3]), str(loc[-1])), msg)
            if msg.startswith("target") and (*loc, "target") in reader.cells:
                loc = (*loc, "target")  # a check of the whole indicator is about its target
            ref = reader.ref_of(loc) or format_loc(loc)
            if loc and reader.ref_of(loc) is not None:
                msg = f"{msg} ({format_loc(loc)})"
            items.append((ref, msg))
        _raise(name, items)
    raise AssertionError  # pragma: no cover


# --------------------------------------------------------------------------------------------
# writing the workbook


def _cell_number_out(v: Decimal | int) -> object:
    """A number for a cell: numeric when Excel holds it exactly (15 significant digits), else
    Indonesian text (read back exactly)."""
    d = Decimal(v)
    if d == d.to_integral_value() and abs(d) < Decimal(10) ** 15:
        return int(d)
    t = d.normalize()
    digits = len(t.as_tuple().digits)
    if digits <= 15:
        return float(t)
    sign = "-" if t < 0 else ""
    intpart, _, frac = format(abs(t), "f").partition(".")
    grouped = f"{int(intpart):,}".replace(",", ".")
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


def _out(v: object) -> object:
    if isinstance(v, bool):
        return v
    if isinstance(v, Decimal | int):
        return _cell_number_out(v)
    return v


def _with_score(v: object, score: Decimal | None) -> object:
    """A letter grade with its score as one cell ("BB (97)"), read back by the model."""
    if isinstance(v, str) and score is not None:
        return f"{v} ({_plain(score).replace('.', '').replace(',', '.')})"
    return v


def cell_locator(path: Path) -> Any:
    """loc -> Problem naming the workbook cell of ``loc`` (for warnings of a valid workbook)."""
    from drafter.figures.loader import Problem, format_loc
    from drafter.io import read_regular

    try:
        reader = _Reader(str(path), _read_sheets(read_regular(path, MAX_XLSX_BYTES,
                                                              error=FiguresError,
                                                              what="berkas angka"), str(path)))
        reader.build()
    except FiguresError:
        reader = None

    def locate(loc: Sequence[str | int], msg: str) -> Any:
        ref = reader.ref_of(loc) if reader is not None else None
        return Problem(None, format_loc(loc), msg, ref=ref or format_loc(loc))

    return locate


def _figures_rows(fig: Figures) -> tuple[dict[tuple[str, ...], object], dict[str, list[tuple[object, ...]]]]:
    form: dict[tuple[str, ...], object] = {}

    def get(path: Sequence[str]) -> object:
        obj: Any = fig
        for p in path:
            obj = getattr(obj, p, None) if obj is not None else None
        return obj

    for f in FORM:
        v = get(f.path)
        if f.kind == "bool" and v is not None:
            v = "Ya" if v else "Tidak"
        form[f.path] = v
    rows: dict[str, list[tuple[object, ...]]] = {s.name: [] for s in SHEETS}
    n = 0
    for s in fig.sasaran:
        rows[SASARAN.name].append((s.id, s.nama, s.rincian.judul if s.rincian else None,
                                   s.catatan))
        for ind in s.indikator:
            n += 1
            kode = f"IK{n}"
            rows[INDIKATOR.name].append((kode, s.id, ind.nama, ind.satuan or None, ind.polaritas,
                                         ind.target, ind.realisasi, ind.skor_target,
                                         ind.skor_realisasi, ind.nilai_maksimum, ind.cara_ukur,
                                         ind.sumber_data, ind.penyebab_perubahan, ind.catatan))
            for rw in ind.riwayat:
                rows[RIWAYAT.name].append((kode, rw.tahun, _with_score(rw.target, rw.skor_target),
                                           _with_score(rw.realisasi, rw.skor_realisasi)))
            for year in sorted(set(ind.renstra) | set(ind.renstra_awal)):
                rows[RENSTRA.name].append((kode, year, ind.renstra.get(year),
                                           ind.renstra_awal.get(year)))
            for pb in ind.daftar_pembanding:
                rows[PEMBANDING.name].append((kode, _with_score(pb.nilai, pb.skor), pb.label,
                                              pb.sumber, pb.tahun, pb.tingkat))
        for label, key in FAKTOR_KINDS.items():
            items = (s.rincian.butir if s.rincian else []) if key == "rincian" else getattr(s, key)
            for text in items:
                rows[FAKTOR.name].append((s.id, label, text))

    def ind_cols(i: Any) -> tuple[object, ...]:
        if i is None:
            return (None, None, None, None)
        return (i.nama, i.satuan or None, i.target, i.realisasi)

    for p in fig.program:
        rows[ANGGARAN.name].append(("Program", p.nama, p.sasaran, *ind_cols(p.indikator), p.pagu,
                                    p.realisasi_anggaran, p.catatan))
        for k in p.kegiatan:
            rows[ANGGARAN.name].append(("Kegiatan", k.nama, None, *ind_cols(k.indikator), k.pagu,
                                        k.realisasi_anggaran, k.catatan))
            for sk in k.sub_kegiatan:
                rows[ANGGARAN.name].append(("Sub Kegiatan", sk.nama, None, *ind_cols(sk.indikator),
                                            sk.pagu, sk.realisasi_anggaran, sk.catatan))
    for kp in fig.anggaran.komposisi:
        rows[KOMPOSISI.name].append((kp.jenis, kp.pagu, kp.realisasi))
    for pr in fig.renstra.perubahan:
        rows[PERUBAHAN.name].append((pr.tahun, pr.dokumen, pr.alasan))
    return form, rows


MAX_CELL_CHARS = 32_767  # what one Excel cell holds


def _check_text(v: object, where: str) -> None:
    if isinstance(v, str) and _XML_BAD.search(v):
        raise FiguresError("berisi karakter kendali yang tidak dapat disimpan di Excel; hapus "
                           "karakter tersebut", path=where)
    if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
        raise FiguresError(f"teks terlalu panjang untuk satu sel Excel ({len(v):,} karakter; "
                           f"batas {MAX_CELL_CHARS:,})".replace(",", "."), path=where)


GREY = "808080"
HEAD_FILL = "37474F"
SPARE_ROWS = 300  # rows below the data that get the data validation of their column


def render_workbook(fig: Figures | None = None) -> bytes:
    """The workbook of ``fig``; without figures, the fill-in template with grey example rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from drafter.report.common import normalize_package
    from drafter.report.table import FIXED_DATE, is_formula_like

    template = fig is None
    form, rows = ({f.path: f.default for f in FORM}, {}) if fig is None else _figures_rows(fig)
    wb = Workbook()
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    grey = Font(color=GREY, italic=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def put(ws: Any, r: int, c: int, v: object, where: str) -> Any:
        v = _out(v)
        _check_text(v, where)
        cell = ws.cell(row=r, column=c)
        if v is None:
            return cell
        cell.value = v
        if is_formula_like(v):
            cell.data_type = "s"  # text, never a formula
            cell.quotePrefix = True
        return cell

    def header(ws: Any, titles: Sequence[str], widths: Sequence[int]) -> None:
        for j, (t, w) in enumerate(zip(titles, widths, strict=True), start=1):
            cell = ws.cell(row=1, column=j, value=t)
            cell.font = head_font
            cell.fill = head_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            ws.column_dimensions[_col_letter(j - 1)].width = w
        ws.freeze_panes = "A2"

    def validation(ws: Any, kind: str, choices: Sequence[str], rng: str, prompt: str,
                   title: str) -> None:
        dv: DataValidation | None = None
        if choices:
            strict = kind in ("choice", "bool")
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"',
                                allow_blank=True, showErrorMessage=strict)
            if strict:
                dv.error = "Pilih salah satu nilai dari daftar"
        elif kind == "year":
            dv = DataValidation(type="whole", operator="between", formula1="1900",
                                formula2="2100", allow_blank=True, showErrorMessage=True)
            dv.error = "Tahun harus angka empat digit (1900-2100)"
        elif kind in ("number", "int"):
            dv = DataValidation(type="decimal" if kind == "number" else "whole",
                                operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                showErrorMessage=True, errorStyle="warning")
            dv.error = "Isi dengan angka (mis. 6,5 atau 50000000)"
        elif kind == "value":
            # the SAKIP grade scale as a dropdown; a number may still be typed (no error box)
            dv = DataValidation(type="list", formula1='"' + ",".join(GRADES) + '"',
                                allow_blank=True, showErrorMessage=False)
        if dv is None and not prompt:
            return
        if dv is None:
            dv = DataValidation(type=None, allow_blank=True)
        if prompt:
            dv.showInputMessage = True
            dv.promptTitle = title[:32]
            dv.prompt = prompt[:255]
        dv.errorTitle = "Nilai tidak sesuai"
        dv.add(rng)
        ws.add_data_validation(dv)

    # Petunjuk
    ws = wb.active
    ws.title = PETUNJUK
    _petunjuk(ws, template)

    # Identitas
    ws = wb.create_sheet(IDENTITAS)
    header(ws, ("Isian", "Nilai", "Keterangan"), (36, 40, 80))
    for i, f in enumerate(FORM, start=2):
        ws.cell(row=i, column=1, value=f.label).font = Font(bold=f.required)
        cell = put(ws, i, 2, form.get(f.path), f"{IDENTITAS}!B{i}")
        if f.kind == "nip":
            cell.number_format = "@"
        note = ("Wajib. " if f.required else "") + f.help
        ws.cell(row=i, column=3, value=note).font = grey
        validation(ws, f.kind, f.choices, f"B{i}", f.help, f.label)

    for spec in SHEETS:
        ws = wb.create_sheet(spec.name)
        header(ws, [c.header for c in spec.cols], [c.width for c in spec.cols])
        body = list(spec.examples) if template else rows.get(spec.name, [])
        for r, values in enumerate(body, start=2):
            for j, v in enumerate(values, start=1):
                cell = put(ws, r, j, v, f"{spec.name}!{_col_letter(j - 1)}{r}")
                if template:
                    cell.font = grey
                if spec.cols[j - 1].kind == "text":
                    cell.alignment = wrap
                if spec.cols[j - 1].kind in ("key", "text"):
                    cell.number_format = "@"
        last = len(body) + 1 + SPARE_ROWS
        for j, col in enumerate(spec.cols):
            letter = _col_letter(j)
            if col.kind in ("key", "text"):
                for r in range(len(body) + 2, last + 1):
                    ws.cell(row=r, column=j + 1).number_format = "@"
            validation(ws, col.kind, col.choices, f"{letter}2:{letter}{last}",
                       ("Wajib. " if col.required else "") + col.help, col.header)

    wb.properties.creator = "lkip"
    wb.properties.lastModifiedBy = "lkip"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    buf = io.BytesIO()
    wb.save(buf)
    return normalize_package(buf.getvalue(), fix_core_dates=True)


def _petunjuk(ws: Any, template: bool) -> None:
    from openpyxl.styles import Alignment, Font

    lines: list[tuple[str, str]] = [
        ("h1", "Berkas angka LKIP (BAB III) untuk `lkip draft`"),
        ("", "Isi lembar-lembar berikut, simpan sebagai .xlsx, lalu jalankan "
             "`lkip validate BERKAS.xlsx` dan `lkip draft BERKAS.xlsx -o BAB3.docx`."),
        ("", "Capaian, predikat, rata-rata, serapan, efisiensi dan semua jumlah dihitung; yang "
             "diisi hanya data dasar. Kesalahan dilaporkan dengan nama lembar dan sel, mis. "
             "Anggaran!H12."),
        ("h2", "Aturan pengisian"),
        ("", "Baris judul (baris 1) jangan diubah; urutan kolom boleh diubah. Satu baris per data; "
             "baris kosong dilewati."),
        ("", "Baris abu-abu adalah CONTOH. Baris contoh yang tidak diubah diabaikan saat dibaca; "
             "boleh dihapus, atau ditimpa dengan data Anda (baris yang diubah sedikit pun dibaca "
             "sebagai data)."),
        ("", "Angka boleh diketik sebagai angka atau teks berformat Indonesia: 6,5 / 50.000.000 / "
             "Rp 1.250.000,- / 97,5%. Sel berformat persen (97,5%) dibaca 97,5."),
        ("", "Nilai huruf SAKIP untuk target/realisasi: " + ", ".join(GRADES) + "."),
        ("", "Rumus boleh dipakai: nilai yang tersimpan oleh Excel yang dibaca. Berkas yang dibuat "
             "program lain tanpa nilai tersimpan harus dibuka dan disimpan ulang di Excel atau "
             "LibreOffice."),
        ("", "Kolom tambahan untuk catatan boleh ditambahkan bila judulnya diawali \"Catatan\"; "
             "lembar lain (mis. lembar kerja Anda) diabaikan. Lembar di bawah ini boleh kosong, "
             "tetapi jangan dihapus atau diganti namanya."),
        ("", "Teks yang diawali = + - @ tetap dibaca sebagai teks bila disimpan sebagai teks "
             "(ketik tanda petik ' di depannya di Excel)."),
        ("", "NIP diketik sebagai teks (sel NIP sudah berformat Teks), karena Excel hanya menyimpan "
             "15 digit angka."),
        ("h2", "Lembar"),
        ("", f"{IDENTITAS}: identitas instansi, tahun, periode Renstra, cara pengukuran, SDM dan "
             "anggaran tahun lalu (kolom Nilai; Keterangan menjelaskan isinya)."),
    ]
    for spec in SHEETS:
        lines.append(("h3", f"{spec.name}: {spec.about}"))
        for c in spec.cols:
            if c.required:
                note = "wajib" + (f"; {c.help}" if c.help else "")
            else:
                note = c.help or "boleh kosong"
            lines.append(("", f"  {c.header}: {note}"))
    lines.append(("h2", "Konversi"))
    lines.append(("", "`lkip convert BERKAS.xlsx -o BERKAS.yaml` dan sebaliknya "
                      "`lkip convert BERKAS.yaml -o BERKAS.xlsx` mengubah format tanpa "
                      "mengubah isi."))
    ws.column_dimensions["A"].width = 120
    for i, (style, text) in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style == "h1":
            cell.font = Font(bold=True, size=14)
        elif style == "h2":
            cell.font = Font(bold=True, size=12)
        elif style == "h3":
            cell.font = Font(bold=True)

