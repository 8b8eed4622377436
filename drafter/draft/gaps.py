"""Warnings about the analysis a figures file allows: an indicator below its target whose
sasaran records no cause or no solution gets a B.2 without one, which an evaluator marks down.
``lkip validate`` prints them with the other warnings (drafter/figures/warnings.py)."""

from __future__ import annotations

from drafter.figures.model import Figures


def analysis_warnings(fig: Figures) -> list[tuple[tuple[str | int, ...], str]]:
    """Warnings as (field location, Indonesian message), in the order of the file."""
    from drafter import measure
    from drafter.draft.context import _scores, fmt_value

    out: list[tuple[tuple[str | int, ...], str]] = []
    for si, s in enumerate(fig.sasaran):
        below = [ind for ind in s.indikator
                 if measure.status(ind.target, ind.realisasi, ind.polaritas,
                                   **_scores(ind, ind.target)) == "tidak_tercapai"]
        if not below:
            continue
        ind = below[0]
        what = (f"indikator '{ind.nama}' belum mencapai target (realisasi "
                f"{fmt_value(ind.realisasi, ind.satuan)}, target "
                f"{fmt_value(ind.target, ind.satuan)})")
        if len(below) > 1:
            what += f" bersama {len(below) - 1} indikator lain"
        if not s.faktor_kegagalan and not s.permasalahan:
            out.append((("sasaran", si, "faktor_kegagalan"), f"{what}, tetapi "
                       "sasaran ini tidak mencatat penyebabnya; isi faktor_kegagalan (atau "
                       "permasalahan) agar analisis penyebab pada BAB III B.2 tidak kosong"))
        if not s.solusi:
            out.append((("sasaran", si, "solusi"), f"{what}, tetapi sasaran ini "
                       "tidak mencatat solusi; isi solusi (rencana tindak lanjut tahun "
                       f"{fig.tahun + 1}) agar BAB III B.2 dan BAB IV memuatnya"))
    return out
