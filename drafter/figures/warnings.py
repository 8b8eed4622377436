"""Warnings of a valid figures file: values the drafter does not use, or values that are
probably mistyped, named by their field.

A figures file can be valid and still hold values that no table or paragraph shows (a history
entry for the report year, a Renstra year outside the period) or that look wrong (a percentage
of 120, an indicator written in two sasaran, a realisasi above its pagu). Nothing is dropped
silently: ``lkip validate`` prints one warning per such value, with its line, field and a hint.
"""

from __future__ import annotations

from decimal import Decimal

from drafter.figures.loader import format_loc
from drafter.figures.model import Figures, Indikator

SHOWN_HISTORY_YEARS = 2  # Tabel 3.2 shows up to two years before the report year
HUNDRED = Decimal(100)

Loc = tuple[str | int, ...]


def figures_warnings(fig: Figures) -> list[str]:
    """One-line warnings ``field: message`` (Indonesian) in the order of the file."""
    return [f"{format_loc(loc)}: {msg}" for loc, msg in figures_problems(fig)]


def _is_percentage(ind: Indikator) -> bool:
    return ind.satuan.strip() == "%" or ind.nama.strip().lower().startswith("persentase")


def figures_problems(fig: Figures) -> list[tuple[Loc, str]]:
    """(field location, message) of every warning, in the order of the file."""
    out: list[tuple[Loc, str]] = []
    year = fig.tahun
    awal, akhir = fig.renstra.awal, fig.renstra.akhir
    shown = sorted({r.tahun for s in fig.sasaran for i in s.indikator for r in i.riwayat
                    if r.tahun < year})[-SHOWN_HISTORY_YEARS:]
    first: dict[str, tuple[int, int]] = {}
    for si, s in enumerate(fig.sasaran):
        for ii, ind in enumerate(s.indikator):
            base: Loc = ("sasaran", si, "indikator", ii)
            key = " ".join(ind.nama.lower().split())
            if key in first:
                fsi, fii = first[key]
                where = (f"indikator[{fii}] sasaran ini" if fsi == si
                         else f"sasaran {fig.sasaran[fsi].id!r}")
                out.append(((*base, "nama"), f"indikator {ind.nama!r} ditulis dua kali (juga di "
                            f"{where}); hapus salah satu atau bedakan namanya (Tabel 3.1 "
                            "memuatnya dua kali)"))
            first.setdefault(key, (si, ii))
            out.extend(_percentages(ind, base))
            seen: set[int] = set()
            for ri, r in enumerate(ind.riwayat):
                loc: Loc = (*base, "riwayat", ri, "tahun")
                if r.tahun >= year:
                    out.append((loc, f"tahun {r.tahun} tidak sebelum tahun laporan {year}, "
                                "sehingga data riwayat ini tidak dipakai; isi capaian tahun "
                                f"{year} pada kolom target dan realisasi indikator"))
                elif r.tahun in seen:
                    out.append((loc, f"tahun {r.tahun} ditulis dua kali dalam riwayat; "
                                "hanya entri terakhir yang dipakai, hapus salah satu"))
                elif r.tahun not in shown:
                    out.append((loc, f"tahun {r.tahun} tidak ditampilkan karena Tabel 3.2 "
                                f"memuat paling banyak {SHOWN_HISTORY_YEARS} tahun terakhir "
                                f"sebelum {year} ({', '.join(map(str, shown))})"))
                if r.realisasi is not None and r.tahun == year - 1 and \
                        isinstance(r.realisasi, str) != ind.is_grade:
                    out.append(((*base, "riwayat", ri, "realisasi"), f"realisasi "
                                f"tahun {r.tahun} dan tahun {year} berbeda jenis (angka dan nilai "
                                "huruf), sehingga tidak dapat dibandingkan; samakan jenisnya"))
                seen.add(r.tahun)
            for field_ in ("renstra", "renstra_awal"):
                for y in getattr(ind, field_):
                    if not awal <= y <= akhir:
                        out.append(((*base, field_, str(y)), f"tahun {y} di luar periode "
                                    f"Renstra {awal}–{akhir}, sehingga target ini tidak dipakai; "
                                    "periksa tahunnya atau periode Renstra"))
            for pi, pb in enumerate(ind.daftar_pembanding):
                if pb.tahun is not None and pb.tahun > year:
                    out.append(((*base, "pembanding", pi, "tahun"), f"tahun pembanding "
                                f"{pb.tahun} sesudah tahun laporan {year}; periksa tahunnya"))
    for pi, p in enumerate(fig.program):
        out.extend(_over_pagu(p, ("program", pi)))
        for ki, k in enumerate(p.kegiatan):
            out.extend(_over_pagu(k, ("program", pi, "kegiatan", ki)))
            for ski, sk in enumerate(k.sub_kegiatan):
                out.extend(_over_pagu(sk, ("program", pi, "kegiatan", ki, "sub_kegiatan", ski)))
    komp = fig.anggaran.komposisi
    if komp and any(k.realisasi is None for k in komp) and any(k.realisasi is not None
                                                             for k in komp):
        ki = next(i for i, k in enumerate(komp) if k.realisasi is None)
        out.append((("anggaran", "komposisi", ki), "realisasi diisi hanya untuk sebagian jenis "
                    "belanja, sehingga realisasi komposisi tidak disajikan; isi realisasi "
                    "setiap jenis belanja atau kosongkan semuanya"))
    from drafter.draft.gaps import analysis_warnings

    out.extend(analysis_warnings(fig))  # an indicator below target without causes or solutions
    return out


def _percentages(ind: Indikator, base: Loc) -> list[tuple[Loc, str]]:
    """A percentage above 100 (or above the indicator's own nilai_maksimum)."""
    if not _is_percentage(ind):
        return []
    limit = ind.nilai_maksimum if ind.nilai_maksimum is not None else HUNDRED
    values: list[tuple[Loc, object]] = [((*base, "target"), ind.target),
                                        ((*base, "realisasi"), ind.realisasi)]
    for ri, r in enumerate(ind.riwayat):
        values += [((*base, "riwayat", ri, "target"), r.target),
                   ((*base, "riwayat", ri, "realisasi"), r.realisasi)]
    values += [((*base, "renstra", str(y)), v) for y, v in ind.renstra.items()]
    out = []
    for loc, v in values:
        if isinstance(v, Decimal) and v > limit:
            hint = ("bila indikator ini memang dapat melebihi 100 (mis. pertumbuhan), isi "
                    "nilai_maksimum indikator" if ind.nilai_maksimum is None
                    else "periksa angkanya atau nilai_maksimum")
            out.append((loc, f"persentase {v} melebihi {limit}; {hint}"))
    return out


def _over_pagu(node: object, loc: Loc) -> list[tuple[Loc, str]]:
    if getattr(node, "pagu", None) is None:
        return []  # a total summed from its children: the child that exceeds is named
    pagu = getattr(node, "jumlah_pagu", None)
    real = getattr(node, "jumlah_realisasi", None)
    if pagu is None or real is None or real <= pagu:
        return []
    return [((*loc, "realisasi_anggaran"), f"realisasi anggaran ({real}) melebihi pagu ({pagu}); "
             "periksa angkanya")]
