"""The figures model: everything BAB III needs, validated with pydantic.

Keys are Indonesian, as planners write them. Amounts are in Rupiah; percentages are numbers
(``97.5`` means 97,5%). Totals (kegiatan, program, overall pagu) are always derived from the
sub kegiatan and are never typed in the figures file.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

GRADE_CODES = ("D", "C", "CC", "B", "BB", "A", "AA")

# What the drafter can format exactly (28-digit decimal arithmetic, ratios and percentages of
# these values included): magnitudes below 10^15 (Rp 1.000 triliun) with at most 6 decimals.
MAX_ABS = Decimal(10) ** 15
MAX_DECIMALS = 6


def _bounded(v: Decimal) -> Decimal:
    if not v.is_finite():
        raise ValueError("harus berupa angka terhingga")
    if abs(v) >= MAX_ABS:
        raise ValueError("angka terlalu besar (batas di bawah 1.000.000.000.000.000); "
                         "periksa jumlah digit")
    exp = v.as_tuple().exponent
    if isinstance(exp, int) and exp < -MAX_DECIMALS and v != v.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise ValueError(f"terlalu banyak angka desimal (paling banyak {MAX_DECIMALS}); "
                         "bulatkan nilainya")
    return v


Number = Annotated[Decimal, Field(allow_inf_nan=False), AfterValidator(_bounded)]
Value = Number | str  # a number, or a letter grade such as "BB"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False)


def _check_grade(v: Value | None) -> Value | None:
    if isinstance(v, str):
        code = v.strip().upper()
        if code not in GRADE_CODES:
            raise ValueError(
                f"harus berupa angka atau nilai huruf SAKIP ({', '.join(GRADE_CODES)}), bukan {v!r}"
            )
        return code
    return v


class Kepala(_Model):
    nama: str
    jabatan: str
    pangkat: str | None = None
    nip: str | None = None

    @field_validator("nip")
    @classmethod
    def _nip(cls, v: str | None) -> str | None:
        if v is None:
            return v
        digits = v.replace(" ", "")
        if not digits.isdigit() or len(digits) != 18:
            raise ValueError("NIP harus 18 digit angka")
        return v


class Instansi(_Model):
    nama: str = Field(description="Nama perangkat daerah, mis. 'Kecamatan Gumukmas'")
    kabupaten: str = Field(description="Nama kabupaten/kota tanpa awalan, mis. 'Jember'")
    jenis_daerah: Literal["Kabupaten", "Kota"] = "Kabupaten"
    kepala: Kepala


Year = Annotated[int, Field(ge=1900, le=2100)]


class Renstra(_Model):
    awal: Year
    akhir: Year

    @model_validator(mode="after")
    def _order(self) -> Renstra:
        if self.akhir <= self.awal:
            raise ValueError("tahun akhir Renstra harus sesudah tahun awal")
        return self


class Riwayat(_Model):
    tahun: Year
    target: Value | None = None
    realisasi: Value | None = None

    @field_validator("target", "realisasi")
    @classmethod
    def _grade(cls, v: Value | None) -> Value | None:
        return _check_grade(v)


class Pembanding(_Model):
    """A national/regional comparison value for an indicator."""

    nilai: Value
    label: str = Field(description="mis. 'IKM Kabupaten Jember'")
    sumber: str | None = None
    tahun: Year | None = None

    @field_validator("nilai")
    @classmethod
    def _grade(cls, v: Value) -> Value:
        return _check_grade(v)  # type: ignore[return-value]


class Indikator(_Model):
    nama: str
    satuan: str = ""
    polaritas: Literal["positif", "negatif"] = "positif"
    target: Value
    realisasi: Value
    skor_target: Number | None = Field(None, description="skor angka untuk target huruf")
    skor_realisasi: Number | None = Field(None, description="skor angka untuk realisasi huruf")
    riwayat: list[Riwayat] = Field(default_factory=list)
    renstra: dict[Year, Value] = Field(default_factory=dict)
    pembanding: Pembanding | None = None

    @field_validator("target", "realisasi")
    @classmethod
    def _grade(cls, v: Value) -> Value:
        return _check_grade(v)  # type: ignore[return-value]

    @field_validator("renstra")
    @classmethod
    def _renstra(cls, v: dict[int, Value]) -> dict[int, Value]:
        return {int(k): _check_grade(x) for k, x in v.items()}  # type: ignore[misc]

    @model_validator(mode="after")
    def _consistent(self) -> Indikator:
        t_grade = isinstance(self.target, str)
        r_grade = isinstance(self.realisasi, str)
        if t_grade != r_grade:
            raise ValueError("target dan realisasi harus sama jenisnya (angka, atau nilai huruf)")
        if not t_grade and self.target == 0:
            raise ValueError("target tidak boleh 0 (capaian tidak dapat dihitung)")
        return self

    @property
    def is_grade(self) -> bool:
        return isinstance(self.target, str)


class Rincian(_Model):
    judul: str
    butir: list[str]


class Sasaran(_Model):
    id: str
    nama: str
    indikator: list[Indikator] = Field(min_length=1)
    faktor_keberhasilan: list[str] = Field(default_factory=list)
    faktor_kegagalan: list[str] = Field(default_factory=list)
    permasalahan: list[str] = Field(default_factory=list)
    solusi: list[str] = Field(default_factory=list)
    rincian: Rincian | None = None


class IndikatorProgram(_Model):
    nama: str
    satuan: str = ""
    target: Number
    realisasi: Number

    @field_validator("target")
    @classmethod
    def _nonzero(cls, v: Decimal) -> Decimal:
        if v == 0:
            raise ValueError("target tidak boleh 0 (capaian tidak dapat dihitung)")
        if v < 0:
            raise ValueError("target tidak boleh negatif")
        return v


class SubKegiatan(_Model):
    nama: str
    indikator: IndikatorProgram
    pagu: Number = Field(ge=0)
    realisasi_anggaran: Number = Field(ge=0)


class Kegiatan(_Model):
    nama: str
    indikator: IndikatorProgram
    sub_kegiatan: list[SubKegiatan] = Field(min_length=1)


class Program(_Model):
    nama: str
    sasaran: str = Field(description="id sasaran yang didukung")
    indikator: IndikatorProgram
    kegiatan: list[Kegiatan] = Field(min_length=1)


class AnggaranTahunLalu(_Model):
    pagu: Number = Field(gt=0)
    realisasi: Number = Field(ge=0)


class Komposisi(_Model):
    jenis: str = Field(description="mis. 'Belanja Operasi', 'Belanja Modal'")
    pagu: Number = Field(ge=0)
    realisasi: Number | None = Field(None, ge=0)


class Anggaran(_Model):
    sumber: str = "APBD"
    tahun_lalu: AnggaranTahunLalu | None = None
    komposisi: list[Komposisi] = Field(default_factory=list)


class Pengukuran(_Model):
    """How the measurement is done (stated in section A of BAB III)."""

    batas_capaian_100: bool = Field(
        True, description="capaian di atas 100% dihitung 100% dalam rata-rata"
    )
    efisiensi: Literal["selisih", "sisa_anggaran", "rasio"] = "selisih"


class Sdm(_Model):
    struktural: int = Field(ge=0, le=1_000_000)
    pelaksana: int = Field(ge=0, le=1_000_000)


class Figures(_Model):
    instansi: Instansi
    tahun: int = Field(ge=2000, le=2100)
    renstra: Renstra
    pengukuran: Pengukuran = Field(default_factory=Pengukuran)
    sasaran: list[Sasaran] = Field(min_length=1)
    program: list[Program] = Field(default_factory=list)
    anggaran: Anggaran = Field(default_factory=Anggaran)
    sdm: Sdm | None = None

    @model_validator(mode="after")
    def _links(self) -> Figures:
        ids = [s.id for s in self.sasaran]
        seen: set[str] = set()
        for i, sid in enumerate(ids):
            if sid in seen:
                raise _PathError(("sasaran", i, "id"), f"id sasaran {sid!r} dipakai dua kali")
            seen.add(sid)
        for i, p in enumerate(self.program):
            if p.sasaran not in seen:
                raise _PathError(
                    ("program", i, "sasaran"),
                    f"sasaran {p.sasaran!r} tidak dikenal (yang ada: {', '.join(ids)})",
                )
        if not (self.renstra.awal <= self.tahun <= self.renstra.akhir):
            raise _PathError(("tahun",), f"tahun {self.tahun} di luar periode Renstra "
                             f"{self.renstra.awal}-{self.renstra.akhir}")
        if self.komposisi_total() is not None and self.program:
            total = sum((sk.pagu for p in self.program for k in p.kegiatan for sk in k.sub_kegiatan),
                        Decimal(0))
            if self.komposisi_total() != total:
                raise _PathError(
                    ("anggaran", "komposisi"),
                    f"jumlah komposisi belanja ({self.komposisi_total()}) tidak sama dengan "
                    f"total pagu sub kegiatan ({total})",
                )
        return self

    def komposisi_total(self) -> Decimal | None:
        if not self.anggaran.komposisi:
            return None
        return sum((k.pagu for k in self.anggaran.komposisi), Decimal(0))

    def sasaran_by_id(self, sid: str) -> Sasaran:
        for s in self.sasaran:
            if s.id == sid:
                return s
        raise KeyError(sid)


class _PathError(ValueError):
    """A cross-field error that knows the path of the offending field."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message
