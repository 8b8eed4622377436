"""The figures model: everything BAB III needs, validated with pydantic.

Keys are Indonesian, as planners write them. Amounts are in Rupiah; percentages are numbers
(``97.5`` means 97,5%). A budget may be given at any level: a sub kegiatan always has one; a
kegiatan or program without children must have one; a kegiatan or program with children may
have one (the real total, at least the sum of its children: the difference is the computed
remainder "tidak dirinci"), else its total is the sum of its children.

Checks that span several fields (links, totals, duplicates) are collected and reported together
(:class:`_PathErrors`); values that are valid but unused or doubtful are warnings
(drafter/figures/warnings.py). Every field is documented in docs/figures.md.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

GRADE_CODES = ("D", "C", "CC", "B", "BB", "A", "AA")
# a letter grade with its score, as reports print it: "BB (97)", "A (85,5)", "BB/76.5"
GRADE_SCORE = re.compile(r"^\s*(AA|A|BB|B|CC|C|D)\s*(?:\(\s*([0-9]+(?:[.,][0-9]+)?)\s*\)|/\s*"
                         r"([0-9]+(?:[.,][0-9]+)?))\s*$", re.IGNORECASE)

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


def _check_grade(v: Value | None, score_field: str | None = None) -> Value | None:
    if isinstance(v, str):
        code = v.strip().upper()
        if code not in GRADE_CODES:
            if GRADE_SCORE.match(v):
                if score_field is None:
                    raise ValueError(f"di sini tulis nilai huruf saja tanpa skor (mis. "
                                     f"{v.split('(')[0].split('/')[0].strip().upper()!r}), "
                                     f"bukan {v!r}")
                raise ValueError(f"skor ditulis dua kali: di {v!r} dan di {score_field} dengan "
                                 "nilai lain; hapus salah satu")
            raise ValueError(
                f"harus berupa angka atau nilai huruf SAKIP ({', '.join(GRADE_CODES)}), bukan {v!r}"
            )
        return code
    return v


def _split_grade_scores(data: Any, pairs: tuple[tuple[str, str], ...]) -> Any:
    """'BB (97)' in ``value_key`` becomes the grade 'BB' and ``score_key`` 97 (a score written
    in both places with different values stays as it is, and is reported)."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for key, score_key in pairs:
        v = out.get(key)
        m = GRADE_SCORE.match(v) if isinstance(v, str) else None
        if m is None:
            continue
        score = Decimal((m.group(2) or m.group(3)).replace(",", "."))
        given = out.get(score_key)
        if given is not None:
            try:
                same = Decimal(str(given)) == score
            except (ArithmeticError, ValueError):
                same = False
            if not same:
                continue
        out[key] = m.group(1).upper()
        out[score_key] = score
    return out


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


Text = Annotated[str, Field(max_length=20_000)]


class PerubahanRenstra(_Model):
    """A revision of the Renstra (Renstra perubahan) and the document that set it."""

    tahun: Year = Field(description="tahun penetapan perubahan")
    dokumen: str | None = Field(None, description="mis. 'Peraturan Bupati Nomor 15 Tahun 2023'")
    alasan: str | None = Field(None, description="mengapa Renstra diubah (teks bebas)")


class Renstra(_Model):
    awal: Year
    akhir: Year
    dokumen: str | None = Field(None, description="dokumen penetapan Renstra awal")
    perubahan: list[PerubahanRenstra] = Field(default_factory=list)

    @model_validator(mode="after")
    def _order(self) -> Renstra:
        if self.akhir <= self.awal:
            raise ValueError("tahun akhir Renstra harus sesudah tahun awal")
        return self


class Riwayat(_Model):
    tahun: Year
    target: Value | None = None
    realisasi: Value | None = None
    skor_target: Number | None = None
    skor_realisasi: Number | None = None

    @model_validator(mode="before")
    @classmethod
    def _grade_scores(cls, data: Any) -> Any:
        return _split_grade_scores(data, (("target", "skor_target"),
                                          ("realisasi", "skor_realisasi")))

    @field_validator("target")
    @classmethod
    def _grade_t(cls, v: Value | None) -> Value | None:
        return _check_grade(v, "skor_target")

    @field_validator("realisasi")
    @classmethod
    def _grade_r(cls, v: Value | None) -> Value | None:
        return _check_grade(v, "skor_realisasi")


TINGKAT_PEMBANDING = ("nasional", "provinsi", "kabupaten", "kota", "kecamatan", "lainnya")


class Pembanding(_Model):
    """A national/regional comparison value for an indicator."""

    nilai: Value
    label: str = Field(description="mis. 'IKM Kabupaten Jember'")
    tingkat: Literal["nasional", "provinsi", "kabupaten", "kota", "kecamatan", "lainnya"] | None = None
    sumber: str | None = None
    tahun: Year | None = None
    skor: Number | None = Field(None, description="skor angka untuk nilai huruf")

    @model_validator(mode="before")
    @classmethod
    def _grade_scores(cls, data: Any) -> Any:
        return _split_grade_scores(data, (("nilai", "skor"),))

    @field_validator("nilai")
    @classmethod
    def _grade(cls, v: Value) -> Value:
        return _check_grade(v, "skor")  # type: ignore[return-value]


# a Renstra target: a number or a letter grade (without score), checked per year
GradeOrNumber = Annotated[Value, AfterValidator(_check_grade)]


def _one_or_many(v: Any) -> Any:
    """A single mapping where a list is expected is a list of one (backward compatible)."""
    return [v] if isinstance(v, dict) else v


class Indikator(_Model):
    nama: str
    satuan: str = ""
    polaritas: Literal["positif", "negatif"] = "positif"
    target: Value
    realisasi: Value
    skor_target: Number | None = Field(None, description="skor angka untuk target huruf")
    skor_realisasi: Number | None = Field(None, description="skor angka untuk realisasi huruf")
    nilai_maksimum: Number | None = Field(
        None, description="nilai tertinggi yang mungkin (mis. 100 untuk persentase); persentase "
                          "di atas 100 hanya tanpa peringatan bila nilai ini mengizinkannya")
    riwayat: list[Riwayat] = Field(default_factory=list)
    renstra: dict[Year, GradeOrNumber] = Field(default_factory=dict)
    renstra_awal: dict[Year, GradeOrNumber] = Field(
        default_factory=dict, description="target Renstra awal, sebelum perubahan Renstra")
    daftar_pembanding: list[Pembanding] = Field(default_factory=list, alias="pembanding")
    cara_ukur: Text | None = Field(None, description="rumus atau cara pengukuran indikator")
    sumber_data: Text | None = Field(None, description="asal data realisasi")
    penyebab_perubahan: Text | None = Field(
        None, description="penyebab naik/turunnya realisasi dibanding tahun lalu")
    catatan: Text | None = Field(None, description="konteks lain untuk analisis indikator")

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _grade_scores(cls, data: Any) -> Any:
        data = _split_grade_scores(data, (("target", "skor_target"),
                                          ("realisasi", "skor_realisasi")))
        if isinstance(data, dict) and "pembanding" in data:
            data = {**data, "pembanding": _one_or_many(data["pembanding"])}
            if data["pembanding"] is None:
                data["pembanding"] = []
        return data

    @field_validator("target")
    @classmethod
    def _grade_t(cls, v: Value) -> Value:
        return _check_grade(v, "skor_target")  # type: ignore[return-value]

    @field_validator("realisasi")
    @classmethod
    def _grade_r(cls, v: Value) -> Value:
        return _check_grade(v, "skor_realisasi")  # type: ignore[return-value]


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

    @property
    def pembanding(self) -> Pembanding | None:
        """The first (main) comparison value; all of them: :attr:`daftar_pembanding`."""
        return self.daftar_pembanding[0] if self.daftar_pembanding else None


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
    catatan: Text | None = Field(None, description="konteks sasaran untuk analisis")


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


class _Budget(_Model):
    """A kegiatan or program: an optional budget of its own, else the sum of its children."""

    def _children(self) -> list[Any]:  # pragma: no cover - overridden
        return []

    def rinci(self) -> tuple[Decimal, Decimal] | None:
        """(pagu, realisasi) summed over the children; None without children."""
        kids = self._children()
        if not kids:
            return None
        return (sum((k.jumlah_pagu for k in kids), Decimal(0)),
                sum((k.jumlah_realisasi for k in kids), Decimal(0)))

    @property
    def jumlah_pagu(self) -> Decimal:
        """The real total: the pagu given, else the sum of the children."""
        given = getattr(self, "pagu", None)
        if given is not None:
            return given  # type: ignore[no-any-return]
        r = self.rinci()
        return r[0] if r else Decimal(0)

    @property
    def jumlah_realisasi(self) -> Decimal:
        given = getattr(self, "realisasi_anggaran", None)
        if given is not None:
            return given  # type: ignore[no-any-return]
        r = self.rinci()
        return r[1] if r else Decimal(0)

    def sisa_tidak_dirinci(self) -> tuple[Decimal, Decimal]:
        """The computed remainder: the total given minus the sum of the children (pagu,
        realisasi); (0, 0) without children or without a total given."""
        r = self.rinci()
        if r is None:
            return Decimal(0), Decimal(0)
        return self.jumlah_pagu - r[0], self.jumlah_realisasi - r[1]


class SubKegiatan(_Model):
    nama: str
    indikator: IndikatorProgram
    pagu: Number = Field(ge=0)
    realisasi_anggaran: Number = Field(ge=0)
    catatan: Text | None = None

    @property
    def jumlah_pagu(self) -> Decimal:
        return self.pagu

    @property
    def jumlah_realisasi(self) -> Decimal:
        return self.realisasi_anggaran


class Kegiatan(_Budget):
    nama: str
    indikator: IndikatorProgram | None = None
    pagu: Number | None = Field(None, ge=0)
    realisasi_anggaran: Number | None = Field(None, ge=0)
    sub_kegiatan: list[SubKegiatan] = Field(default_factory=list)
    catatan: Text | None = None

    def _children(self) -> list[Any]:
        return list(self.sub_kegiatan)


class Program(_Budget):
    nama: str
    sasaran: str = Field(description="id sasaran yang didukung")
    indikator: IndikatorProgram | None = None
    pagu: Number | None = Field(None, ge=0)
    realisasi_anggaran: Number | None = Field(None, ge=0)
    kegiatan: list[Kegiatan] = Field(default_factory=list)
    catatan: Text | None = Field(None, description="konteks program untuk analisis")

    def _children(self) -> list[Any]:
        return list(self.kegiatan)


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
    catatan: Text | None = Field(None, description="uraian anggaran (bagian C)")


class Pengukuran(_Model):
    """How the measurement is done (stated in section A of BAB III)."""

    batas_capaian_100: bool = Field(
        True, description="capaian di atas 100% dihitung 100% dalam rata-rata"
    )
    efisiensi: Literal["selisih", "sisa_anggaran", "rasio"] = "selisih"


class Sdm(_Model):
    struktural: int = Field(ge=0, le=1_000_000)
    pelaksana: int = Field(ge=0, le=1_000_000)


def _rp(v: Decimal) -> str:
    from drafter.numbers import fmt_rp

    return fmt_rp(v)


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
        problems = self.cross_field_errors()
        if problems:
            raise _PathErrors(problems)
        return self

    def cross_field_errors(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every error that spans several fields, in the order of the file."""
        out: list[tuple[tuple[str | int, ...], str]] = []
        if not (self.renstra.awal <= self.tahun <= self.renstra.akhir):
            out.append((("tahun",), f"tahun {self.tahun} di luar periode Renstra "
                        f"{self.renstra.awal}-{self.renstra.akhir}"))
        for i, pr in enumerate(self.renstra.perubahan):
            if not (self.renstra.awal <= pr.tahun <= self.renstra.akhir):
                out.append((("renstra", "perubahan", i, "tahun"),
                            f"tahun perubahan {pr.tahun} di luar periode Renstra "
                            f"{self.renstra.awal}-{self.renstra.akhir}"))
        ids = [s.id for s in self.sasaran]
        seen: set[str] = set()
        for i, sid in enumerate(ids):
            if sid in seen:
                out.append((("sasaran", i, "id"), f"id sasaran {sid!r} dipakai dua kali; "
                            "beri id lain (mis. S1, S2, ...)"))
            seen.add(sid)
        for si, s in enumerate(self.sasaran):
            for ii, ind in enumerate(s.indikator):
                base: tuple[str | int, ...] = ("sasaran", si, "indikator", ii)
                if ind.renstra_awal and not self.renstra.perubahan:
                    out.append(((*base, "renstra_awal"), "target Renstra awal diisi, tetapi "
                                "renstra.perubahan kosong; catat perubahan Renstra (tahun dan "
                                "dokumennya) atau hapus renstra_awal"))
                for key_, val in (("target", ind.target), ("realisasi", ind.realisasi)):
                    mx = ind.nilai_maksimum
                    if mx is not None and not isinstance(val, str) and val > mx:
                        out.append(((*base, key_), f"{key_} {val} melebihi nilai_maksimum {mx}"))
        for i, p in enumerate(self.program):
            if p.sasaran not in seen:
                out.append((("program", i, "sasaran"),
                            f"sasaran {p.sasaran!r} tidak dikenal (yang ada: {', '.join(ids)})"))
            out.extend(_budget_errors(p, ("program", i), "program", "kegiatan"))
            for ki, k in enumerate(p.kegiatan):
                out.extend(_budget_errors(k, ("program", i, "kegiatan", ki), "kegiatan",
                                          "sub kegiatan"))
        total = self.total_pagu()
        kt = self.komposisi_total()
        if kt is not None and self.program and kt != total:
            out.append((("anggaran", "komposisi"),
                        f"jumlah komposisi belanja ({kt}) tidak sama dengan total pagu program "
                        f"({total}); periksa pagu setiap jenis belanja"))
        kr = self.komposisi_realisasi_total()
        if kr is not None and self.program and kr != self.total_realisasi():
            out.append((("anggaran", "komposisi"),
                        f"jumlah realisasi komposisi belanja ({kr}) tidak sama dengan total "
                        f"realisasi anggaran program ({self.total_realisasi()})"))
        return out

    def total_pagu(self) -> Decimal:
        """The total pagu: the sum of the programs' real totals."""
        return sum((p.jumlah_pagu for p in self.program), Decimal(0))

    def total_realisasi(self) -> Decimal:
        return sum((p.jumlah_realisasi for p in self.program), Decimal(0))

    def komposisi_total(self) -> Decimal | None:
        if not self.anggaran.komposisi:
            return None
        return sum((k.pagu for k in self.anggaran.komposisi), Decimal(0))

    def komposisi_realisasi_total(self) -> Decimal | None:
        """The sum of the realisasi of the belanja composition, when every item gives one."""
        items = self.anggaran.komposisi
        if not items or any(k.realisasi is None for k in items):
            return None
        return sum((k.realisasi for k in items if k.realisasi is not None), Decimal(0))

    def sasaran_by_id(self, sid: str) -> Sasaran:
        for s in self.sasaran:
            if s.id == sid:
                return s
        raise KeyError(sid)


def _budget_errors(node: Kegiatan | Program, loc: tuple[str | int, ...], what: str,
                   child: str) -> list[tuple[tuple[str | int, ...], str]]:
    out: list[tuple[tuple[str | int, ...], str]] = []
    kids = node.rinci()
    has_p, has_r = node.pagu is not None, node.realisasi_anggaran is not None
    if kids is None and not (has_p and has_r):
        missing = "pagu" if not has_p else "realisasi_anggaran"
        out.append(((*loc, missing), f"wajib diisi: {what} tanpa {child} harus mencantumkan "
                    "pagu dan realisasi_anggaran (atau tambahkan " + child + " di bawahnya)"))
        return out
    if has_p != has_r:
        missing = "pagu" if not has_p else "realisasi_anggaran"
        out.append(((*loc, missing), "wajib diisi bersama "
                    f"{'realisasi_anggaran' if not has_p else 'pagu'} (isi keduanya, atau "
                    f"kosongkan keduanya agar dijumlahkan dari {child})"))
        return out
    if kids is not None and has_p:
        for key, given, summed in (("pagu", node.pagu, kids[0]),
                                   ("realisasi_anggaran", node.realisasi_anggaran, kids[1])):
            assert given is not None
            if given < summed:
                out.append(((*loc, key), f"{key} {what} ({_rp(given)}) lebih kecil dari jumlah "
                            f"{key} {child} di bawahnya ({_rp(summed)}); periksa angkanya, atau "
                            "kosongkan agar dijumlahkan otomatis"))
    return out


class _PathError(ValueError):
    """A cross-field error that knows the path of the offending field."""

    def __init__(self, loc: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


class _PathErrors(ValueError):
    """Several cross-field errors at once, each with the path of its field."""

    def __init__(self, items: list[tuple[tuple[str | int, ...], str]]) -> None:
        super().__init__("; ".join(m for _, m in items))
        self.items = items
