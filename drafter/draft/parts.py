"""The other parts of an LKIP drafted from the same figures as BAB III: the Ikhtisar Eksekutif
and BAB IV Penutup.

Both are rendered from BAB III's own context (:func:`drafter.draft.context.build_context`), so
every number they print is the number BAB III prints, computed once by :mod:`drafter.measure`.
The templates use the same jinja2 environment, whose ``finalize`` escapes every value.
"""

from __future__ import annotations

import re
from typing import Any

from drafter.draft.context import build_context
from drafter.draft.phrase import Phrasebank
from drafter.figures.model import Figures

PARTS = ("ikhtisar", "bab3", "bab4", "all")
DEFAULT_PART = "bab3"
# what the CLI says it wrote
PART_TITLES = {"ikhtisar": "Ikhtisar Eksekutif", "bab3": "BAB III", "bab4": "BAB IV",
               "all": "Ikhtisar Eksekutif, BAB III dan BAB IV"}


def _unique(items: list[str]) -> list[str]:
    """Items in order, each once (compared without case and spacing)."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = " ".join(item.lower().split()).rstrip(" .;")
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def parts_context(fig: Figures) -> dict[str, Any]:
    """BAB III's context plus the sentences of the Ikhtisar and BAB IV."""
    ctx = build_context(fig)
    year = fig.tahun
    inst = fig.instansi.nama
    # a phrasebank of its own: BAB III's wording (and its rotation) stays exactly as it is
    pb = Phrasebank(seed=f"{inst}|{year}|parts")
    sasaran = ctx["sasaran"]
    n_sasaran_tercapai = sum(1 for s in sasaran
                             if all(i.status != "tidak_tercapai" for i in s.indikator))
    counts: dict[str, Any] = dict(
        year=year, n_sasaran=len(sasaran), n_sasaran_tercapai=n_sasaran_tercapai,
        n_indikator=ctx["n_indikator"], rata_rata=ctx["rata_rata"],
        predikat=ctx["rata_rata_predikat"], kode=ctx["rata_rata_code"])
    if n_sasaran_tercapai == len(sasaran):
        sit = "ikhtisar_sasaran_semua"
    elif n_sasaran_tercapai:
        sit = "ikhtisar_sasaran_sebagian"
    else:
        sit = "ikhtisar_sasaran_tidak_ada"
    money: dict[str, Any] = dict(year=year, pagu=ctx["total_pagu"],
                                 realisasi=ctx["total_realisasi"],
                                 serapan=ctx["total_serapan"], sisa=ctx["sisa_anggaran"])
    if ctx["has_program"]:
        ik_anggaran = pb.say("ikhtisar_anggaran", **money)
        kesimpulan_anggaran = (
            f"Realisasi anggaran tahun {year} sebesar {ctx['total_realisasi']} dari total anggaran "
            f"{ctx['total_pagu']}, atau serapan sebesar {ctx['total_serapan']}, dengan sisa "
            f"anggaran {ctx['sisa_anggaran']}.")
    else:
        ik_anggaran = pb.say("ikhtisar_tanpa_anggaran", **money)
        kesimpulan_anggaran = (f"Data pagu dan realisasi anggaran program tahun {year} tidak "
                               "tersedia, sehingga serapan anggaran belum dapat disajikan.")
    # main obstacles: the problems still faced; failing those, the causes of shortfalls
    kendala = _unique([p for s in sasaran for p in s.permasalahan])
    if not kendala:
        kendala = _unique([p for s in sasaran for p in s.faktor_kegagalan])
    ctx.update(
        n_sasaran_tercapai=n_sasaran_tercapai,
        ik_pembuka=pb.say("ikhtisar_pembuka", instansi=inst, year=year,
                          tahun_ke=ctx["tahun_ke"], awal=ctx["renstra_awal"],
                          akhir=ctx["renstra_akhir"]),
        ik_sasaran=pb.say(sit, **counts),
        ik_anggaran=ik_anggaran,
        ik_kendala_tidak_ada=pb.say("ikhtisar_kendala_tidak_ada", year=year),
        ik_penutup=pb.say("ikhtisar_penutup"),
        kendala=kendala,
        kesimpulan_pembuka=pb.say("kesimpulan_pembuka", instansi=inst, year=year),
        ik_items=[pb.say("ikhtisar_sasaran_item", sasaran_no=s.no, sasaran=s.nama,
                         capaian=s.capaian_txt, predikat=s.predikat, kode=s.predikat_code)
                  for s in sasaran],
        kesimpulan_sasaran=[
            pb.say("kesimpulan_sasaran", sasaran_no=s.no, capaian=s.capaian_txt,
                   predikat=s.predikat, kode=s.predikat_code, status=_status(s))
            for s in sasaran],
        kesimpulan_anggaran=kesimpulan_anggaran,
        rencana_tindak_lanjut=_unique([x for s in sasaran for x in s.solusi]),
        rtl_pembuka=pb.say("rtl_pembuka", instansi=inst, next_year=year + 1),
        rtl_tanpa_solusi=pb.say("rtl_tanpa_solusi", instansi=inst, next_year=year + 1),
    )
    return ctx


def _status(s: Any) -> str:
    """'seluruh indikatornya terpenuhi' / '1 dari 2 indikatornya belum terpenuhi' (not
    "target" or "tercapai": BAB IV restates, it does not analyse the target again)."""
    gagal = sum(1 for i in s.indikator if i.status == "tidak_tercapai")
    n = len(s.indikator)
    if not gagal:
        return "seluruh indikatornya terpenuhi" if n > 1 else "indikatornya terpenuhi"
    if n == 1:
        return "indikatornya belum terpenuhi"
    return f"{gagal} dari {n} indikatornya belum terpenuhi"


def _tidy(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def render_part(fig: Figures, part: str = DEFAULT_PART) -> str:
    """The Markdown of ``part`` (``ikhtisar``, ``bab3``, ``bab4`` or ``all``)."""
    from drafter.draft.render import environment, render_markdown

    if part == "bab3":
        return render_markdown(fig)
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}")
    ctx = parts_context(fig)
    env = environment()

    def one(name: str) -> str:
        if name == "bab3":
            return render_markdown(fig)
        return _tidy(env.get_template(f"{name}.md.j2").render(**ctx))

    if part == "all":
        return "\n".join(one(name) for name in ("ikhtisar", "bab3", "bab4"))
    return one(part)


__all__ = ["DEFAULT_PART", "PARTS", "PART_TITLES", "parts_context", "render_part"]
