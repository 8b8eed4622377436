#!/usr/bin/env python3
"""Build the national gazetteer ``rules/gazetteer/wilayah.tsv.gz`` from ``../shared/data/wilayah``.

The source (``wilayah.csv``: ``kode,nama``, 91,599 Kemendagri regions, MIT licence of Cahya DSN)
is rewritten in a compact text form, one line per province, kabupaten/kota and kecamatan; the
desa/kelurahan of a kecamatan follow its name on the same line::

    35            Jawa Timur
    35.09         Kabupaten Jember
    35.09.01      Jombang      2001Padangan|2002Ngampelrejo|...

(fields separated by one tab; a village is its 4-digit code suffix, whose first digit is 1 for
a kelurahan and 2 for a desa, glued to its name; villages separated by ``|``). Names keep their
spelling; only runs of white space are collapsed and trailing spaces dropped. The output is
gzip-compressed with mtime 0, so the same source always gives the same bytes; the licence text
is copied next to it (``LICENSE.wilayah``).

    python scripts/build_gazetteer.py                     # ../shared/data/wilayah -> rules/gazetteer
    python scripts/build_gazetteer.py --src DIR --out FILE
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "data" / "wilayah"
DEFAULT_OUT = ROOT / "rules" / "gazetteer" / "wilayah.tsv.gz"
HEADER = ("# Kode dan nama wilayah administrasi pemerintahan Indonesia (Kepmendagri No 300.2.2-2138 "
          "Tahun 2025), (c) 2017-2025 Cahya DSN, MIT licence: see LICENSE.wilayah and README.md\n")


class BuildError(Exception):
    pass


def _clean(name: str) -> str:
    return " ".join(name.split())


def build_text(csv_path: Path) -> str:
    """The compact gazetteer text of ``csv_path`` (see the module docstring)."""
    out: list[str] = [HEADER]
    kec: str | None = None
    villages: list[str] = []

    def flush() -> None:
        nonlocal kec
        if kec is not None:
            out.append(kec + "\t" + "|".join(villages) + "\n")
        kec = None
        villages.clear()

    with csv_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        head = next(reader, None)
        if head != ["kode", "nama"]:
            raise BuildError(f"{csv_path}: baris 1: kolom seharusnya 'kode,nama', tertulis {head}")
        for lineno, row in enumerate(reader, start=2):
            if len(row) != 2:
                raise BuildError(f"{csv_path}: baris {lineno}: seharusnya 2 kolom (kode,nama)")
            code, name = row[0].strip(), _clean(row[1])
            parts = code.split(".")
            if not name or any(c in name for c in "\t|") or not all(p.isdigit() for p in parts):
                raise BuildError(f"{csv_path}: baris {lineno}: kode/nama tidak sah: {code!r} {name!r}")
            if len(parts) == 4:
                if kec is None or not code.startswith(kec.split("\t")[0] + ".") or len(parts[3]) != 4:
                    raise BuildError(f"{csv_path}: baris {lineno}: desa {code} tidak mengikuti "
                                     "kecamatannya (data harus urut kode)")
                villages.append(parts[3] + name)
                continue
            flush()
            if len(parts) == 3:
                kec = f"{code}\t{name}"
            elif len(parts) in (1, 2):
                out.append(f"{code}\t{name}\n")
            else:
                raise BuildError(f"{csv_path}: baris {lineno}: kode {code!r} tidak dikenal")
    flush()
    return "".join(out)


def build(src: Path, out: Path) -> int:
    data = gzip.compress(build_text(src / "wilayah.csv").encode("utf-8"), compresslevel=9, mtime=0)
    licence = (src / "LICENSE").read_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    (out.parent / "LICENSE.wilayah").write_bytes(licence)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder holding wilayah.csv and LICENSE")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    try:
        size = build(args.src, args.out)
    except (OSError, BuildError) as exc:
        print(f"build_gazetteer: {exc}", file=sys.stderr)
        return 2
    print(f"{args.out}: {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
