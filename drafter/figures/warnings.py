"""Warnings of a valid figures file: values the drafter does not use, named by their field.

A figures file can be valid and still hold values that no table or paragraph shows (a history
entry for the report year, a Renstra year outside the period). Nothing is dropped silently:
``lkip validate`` prints one warning per such value, with the field and a hint.
"""

from __future__ import annotations

from drafter.figures.loader import format_loc
from drafter.figures.model import Figures

SHOWN_HISTORY_YEARS = 2  # Tabel 3.2 shows up to two years before the report year


def figures_warnings(fig: Figures) -> list[str]:
    """One-line warnings ``field: message`` (Indonesian) in the order of the file."""
    out: list[str] = []
    year = fig.tahun
    awal, akhir = fig.renstra.awal, fig.renstra.akhir
    shown = sorted({r.tahun for s in fig.sasaran for i in s.indikator for r in i.riwayat
                    if r.tahun < year})[-SHOWN_HISTORY_YEARS:]
    for si, s in enumerate(fig.sasaran):
        for ii, ind in enumerate(s.indikator):
            base: tuple[str | int, ...] = ("sasaran", si, "indikator", ii)
            seen: set[int] = set()
            for ri, r in enumerate(ind.riwayat):
                field = format_loc((*base, "riwayat", ri, "tahun"))
                if r.tahun >= year:
                    out.append(f"{field}: tahun {r.tahun} tidak sebelum tahun laporan {year}, "
                               "sehingga data riwayat ini tidak dipakai; isi capaian tahun "
                               f"{year} pada kolom target dan realisasi indikator")
                elif r.tahun in seen:
                    out.append(f"{field}: tahun {r.tahun} ditulis dua kali dalam riwayat; "
                               "hanya entri terakhir yang dipakai, hapus salah satu")
                elif r.tahun not in shown:
                    out.append(f"{field}: tahun {r.tahun} tidak ditampilkan karena Tabel 3.2 "
                               f"memuat paling banyak {SHOWN_HISTORY_YEARS} tahun terakhir "
                               f"sebelum {year} ({', '.join(map(str, shown))})")
                if r.realisasi is not None and r.tahun == year - 1 and \
                        isinstance(r.realisasi, str) != ind.is_grade:
                    out.append(f"{format_loc((*base, 'riwayat', ri, 'realisasi'))}: realisasi "
                               f"tahun {r.tahun} dan tahun {year} berbeda jenis (angka dan nilai "
                               "huruf), sehingga tidak dapat dibandingkan; samakan jenisnya")
                seen.add(r.tahun)
            for y in ind.renstra:
                if not awal <= y <= akhir:
                    out.append(f"{format_loc((*base, 'renstra', str(y)))}: tahun {y} di luar periode "
                               f"Renstra {awal}–{akhir}, sehingga target ini tidak dipakai; "
                               "periksa tahunnya atau periode Renstra")
    from drafter.draft.gaps import analysis_warnings

    out.extend(analysis_warnings(fig))  # an indicator below target without causes or solutions
    return out
