"""The measurement engine shared by the drafter and the checker.

Formulas (as written in the kerangka pengukuran of LKIP reports):

* positive polarity: ``capaian = realisasi / target x 100``;
* negative polarity (lower is better): ``capaian = (target - (realisasi - target)) / target x 100``;
* letter grades (SAKIP AA..D): the same formula on numeric scores; when the figures give no
  score, the grade's representative value from ``rules/scale.yaml`` is used, so an equal grade
  gives 100%;
* predicates come from the scale in ``rules/scale.yaml`` (lower bound inclusive, upper bound
  exclusive, 100 and above is the top band);
* averages may count a capaian above 100% as 100% (``batas_capaian_100``);
* efficiency: ``selisih`` = capaian kinerja - serapan anggaran (efisien when >= 0),
  ``sisa_anggaran`` = 100 - serapan (efisien when capaian >= serapan), ``rasio`` = capaian /
  serapan (efisien when >= 1);
* absorption (serapan) = realisasi anggaran / pagu x 100.

All percentages are rounded half-up to :data:`PCT_DECIMALS` decimals as soon as they are
computed, and derived figures (averages, differences) are computed from those rounded values,
so a drafted report is consistent with its own tables to the last printed digit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from drafter.numbers import round_half_up, to_decimal
from drafter.resources import load_yaml

PCT_DECIMALS = 2
HUNDRED = Decimal(100)

Polarity = Literal["positif", "negatif"]
Direction = Literal["naik", "turun", "tetap"]
Status = Literal["melampaui", "tercapai", "tidak_tercapai"]


@dataclass(frozen=True)
class Band:
    code: str
    min: Decimal | None
    max: Decimal | None
    label: str
    aliases: tuple[str, ...]

    def contains(self, x: Decimal) -> bool:
        lo_ok = self.min is None or x >= self.min
        hi_ok = self.max is None or x < self.max
        return lo_ok and hi_ok

    def describe(self) -> str:
        lo = "" if self.min is None else f"{self.min}"
        hi = "" if self.max is None else f"{self.max}"
        if self.min is None:
            return f"< {hi}"
        if self.max is None:
            return f">= {lo}"
        return f"{lo} - <{hi}"


@dataclass(frozen=True)
class Scale:
    """An ordinal predicate scale: bands from the best to the worst."""

    bands: tuple[Band, ...]

    def band_for(self, capaian: Decimal | float) -> Band:
        x = to_decimal(capaian)
        for band in self.bands:
            if band.contains(x):
                return band
        # outside every band (a gap in a document's own scale): nearest band
        return min(self.bands, key=lambda b: abs((b.min if b.min is not None else b.max or 0) - x))

    def find(self, text: str) -> Band | None:
        """The band named by ``text`` (a code like 'AA' or a label like 'sangat memuaskan')."""
        t = " ".join(text.lower().replace("(", " ").replace(")", " ").split())
        for band in self.bands:
            if t == band.code.lower():
                return band
        # longest label first so 'sangat baik' wins over 'baik'
        names = sorted(
            ((name, band) for band in self.bands for name in (band.label.lower(), *band.aliases)),
            key=lambda nb: -len(nb[0]),
        )
        for name, band in names:
            if t == name:
                return band
        return None

    def labels(self) -> list[str]:
        return [b.label for b in self.bands]


def _dec(v: Any) -> Decimal | None:
    return None if v is None else to_decimal(v)


@lru_cache(maxsize=1)
def default_scale() -> Scale:
    data = load_yaml("rules", "scale.yaml")
    bands = tuple(
        Band(
            code=b["code"],
            min=_dec(b.get("min")),
            max=_dec(b.get("max")),
            label=b["label"],
            aliases=tuple(a.lower() for a in b.get("aliases", [])),
        )
        for b in data["bands"]
    )
    return Scale(bands)


@lru_cache(maxsize=1)
def _grades() -> tuple[tuple[str, Decimal], ...]:
    data = load_yaml("rules", "scale.yaml")
    return tuple((g["code"], to_decimal(g["value"])) for g in data["grades"])


def grade_codes() -> list[str]:
    return [c for c, _ in _grades()]


def grade_index(code: str) -> int:
    return grade_codes().index(code.strip().upper())


def grade_value(code: str) -> Decimal:
    for c, v in _grades():
        if c == code.strip().upper():
            return v
    raise ValueError(f"nilai huruf tidak dikenal: {code!r}")


def is_grade(v: Any) -> bool:
    return isinstance(v, str) and v.strip().upper() in grade_codes()


def pct(x: Decimal | float) -> Decimal:
    return round_half_up(to_decimal(x), PCT_DECIMALS)


def numeric(v: Decimal | float | str, score: Decimal | float | None = None) -> Decimal:
    """The number behind a value: itself, the given score, or a grade's representative value."""
    if score is not None:
        return to_decimal(score)
    if isinstance(v, str):
        return grade_value(v)
    return to_decimal(v)


def capaian_raw(target: Decimal | float | str, realisasi: Decimal | float | str,
                polaritas: Polarity = "positif", *, skor_target: Decimal | float | None = None,
                skor_realisasi: Decimal | float | None = None) -> Decimal:
    """Unrounded capaian in percent."""
    t = numeric(target, skor_target)
    r = numeric(realisasi, skor_realisasi)
    if t == 0:
        raise ZeroDivisionError("target 0: capaian tidak dapat dihitung")
    if polaritas == "negatif":
        return (t - (r - t)) / t * HUNDRED
    return r / t * HUNDRED


def capaian(target: Decimal | float | str, realisasi: Decimal | float | str,
            polaritas: Polarity = "positif", *, skor_target: Decimal | float | None = None,
            skor_realisasi: Decimal | float | None = None) -> Decimal:
    """Capaian in percent, rounded to :data:`PCT_DECIMALS` decimals."""
    return pct(capaian_raw(target, realisasi, polaritas, skor_target=skor_target,
                           skor_realisasi=skor_realisasi))


def status(target: Decimal | float | str, realisasi: Decimal | float | str,
           polaritas: Polarity = "positif", *, skor_target: Decimal | float | None = None,
           skor_realisasi: Decimal | float | None = None) -> Status:
    """Exceeded / met / missed, compared exactly (not through a rounded capaian)."""
    t = numeric(target, skor_target)
    r = numeric(realisasi, skor_realisasi)
    if isinstance(target, str) and isinstance(realisasi, str) and skor_target is None \
            and skor_realisasi is None:
        diff = grade_index(realisasi) - grade_index(target)
    else:
        diff = (r - t) if polaritas == "positif" else (t - r)
    if diff > 0:
        return "melampaui"
    if diff == 0:
        return "tercapai"
    return "tidak_tercapai"


def capped(x: Decimal, enabled: bool = True) -> Decimal:
    return min(x, HUNDRED) if enabled else x


def average(values: Iterable[Decimal | float], *, cap_at_100: bool = False) -> Decimal:
    vals = [capped(to_decimal(v), cap_at_100) for v in values]
    if not vals:
        raise ValueError("rata-rata dari daftar kosong")
    return pct(sum(vals, Decimal(0)) / len(vals))


@dataclass(frozen=True)
class Change:
    previous: Decimal
    current: Decimal
    points: Decimal  # current - previous, in the indicator's unit (or grade steps)
    percent: Decimal | None  # relative change in percent; None when previous is 0 or a grade
    direction: Direction
    better: bool | None  # True when the change is an improvement (polarity aware)


def change(previous: Decimal | float | str, current: Decimal | float | str,
           polaritas: Polarity = "positif") -> Change:
    """Change of a value versus last year (numbers or letter grades)."""
    if isinstance(previous, str) and isinstance(current, str):
        p_i, c_i = grade_index(previous), grade_index(current)
        diff = Decimal(c_i - p_i)
        direction: Direction = "naik" if diff > 0 else "turun" if diff < 0 else "tetap"
        better = None if diff == 0 else diff > 0
        return Change(Decimal(p_i), Decimal(c_i), diff, None, direction, better)
    p = numeric(previous)
    c = numeric(current)
    diff = c - p
    direction = "naik" if diff > 0 else "turun" if diff < 0 else "tetap"
    rel = pct(diff / p * HUNDRED) if p != 0 else None
    if diff == 0:
        better = None
    else:
        better = diff > 0 if polaritas == "positif" else diff < 0
    return Change(p, c, diff, rel, direction, better)


@dataclass(frozen=True)
class RenstraProgress:
    end_year: int
    end_target: Decimal | str
    capaian: Decimal  # capaian of this year's realisasi against the end target
    reached: bool
    year_index: int  # "tahun ke-N" of the Renstra period for the report year


def renstra_progress(end_target: Decimal | float | str, realisasi: Decimal | float | str,
                     polaritas: Polarity, *, report_year: int, start_year: int,
                     end_year: int) -> RenstraProgress:
    c = capaian(end_target, realisasi, polaritas)
    st = status(end_target, realisasi, polaritas)
    return RenstraProgress(
        end_year=end_year,
        end_target=end_target if isinstance(end_target, str) else to_decimal(end_target),
        capaian=c,
        reached=st != "tidak_tercapai",
        year_index=report_year - start_year + 1,
    )


EfficiencyFormula = Literal["selisih", "sisa_anggaran", "rasio"]


@dataclass(frozen=True)
class Efficiency:
    capaian: Decimal
    serapan: Decimal
    value: Decimal
    efisien: bool
    formula: EfficiencyFormula


def efficiency(capaian_kinerja: Decimal | float, serapan: Decimal | float,
               formula: EfficiencyFormula = "selisih") -> Efficiency:
    c = pct(capaian_kinerja)
    s = pct(serapan)
    if formula == "selisih":
        v = c - s
        ok = v >= 0
    elif formula == "sisa_anggaran":
        v = HUNDRED - s
        ok = c >= s
    elif formula == "rasio":
        if s == 0:
            v = Decimal(0)
            ok = c > 0
        else:
            v = round_half_up(c / s, 2)
            ok = c >= s
    else:  # pragma: no cover - guarded by the model's Literal
        raise ValueError(formula)
    return Efficiency(c, s, v, ok, formula)


def absorption(pagu: Decimal | float, realisasi: Decimal | float) -> Decimal:
    """Serapan anggaran in percent (0 when the pagu is 0)."""
    p = to_decimal(pagu)
    if p == 0:
        return Decimal(0)
    return pct(to_decimal(realisasi) / p * HUNDRED)


def total(values: Sequence[Decimal | float]) -> Decimal:
    return sum((to_decimal(v) for v in values), Decimal(0))
