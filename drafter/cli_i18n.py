"""The language of the command-line help: Indonesian by default, English on request.

The help is printed before options are parsed, so its language comes from ``--lang en`` (or
``--lang=en``) anywhere before ``--`` on the command line, else from the environment variable
``LKIP_LANG`` (``en``/``id``). Help strings are written in Indonesian in :mod:`drafter.cli`;
:data:`HELP_EN` gives their English text. The CLI library's own words ("Usage:", "Options",
"Show this message and exit.", "[default: ...]", usage errors) are translated to Indonesian by a
help formatter and :func:`localize_error`; nothing of the library is patched globally.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

ENV_VAR = "LKIP_LANG"

HELP_EN: dict[str, str] = {
    "Menyusun dan memeriksa BAB III Laporan Kinerja Instansi Pemerintah (LKIP).":
        "Draft and check chapter III (BAB III) of Indonesian government performance reports "
        "(LKIP).",
    "Tampilkan versi lalu keluar": "Show the version and exit",
    "Berkas angka (YAML atau JSON)": "Figures file (YAML or JSON)",
    "Berkas angka (YAML, JSON atau Excel .xlsx)": "Figures file (YAML, JSON or Excel .xlsx)",
    "Berkas Excel yang ditulis (.xlsx)": "Excel workbook to write (.xlsx)",
    "Timpa berkas yang sudah ada": "Overwrite an existing file",
    "Menulis buku kerja Excel isian berkas angka (templat untuk lkip draft).":
        "Write a fill-in Excel workbook for the figures (template for lkip draft).",
    "Berkas keluaran (.yaml, .json atau .xlsx)": "Output file (.yaml, .json or .xlsx)",
    "Mengubah berkas angka antara YAML, JSON dan Excel (.xlsx) tanpa mengubah isinya.":
        "Convert a figures file between YAML, JSON and Excel (.xlsx) without changing its "
        "content.",
    "Berkas keluaran (.md atau .docx)": "Output file (.md or .docx)",
    "Bagian: ikhtisar, bab3, bab4 atau all": "Part: ikhtisar, bab3, bab4 or all",
    "Menyusun BAB III dari berkas angka (FIGURES) ke Markdown atau DOCX.":
        "Draft BAB III from a figures file (FIGURES) to Markdown or DOCX.",
    "Laporan yang dibaca (.txt, .md, .docx, .pdf)": "Report to read (.txt, .md, .docx, .pdf)",
    "Berkas angka yang ditulis (.yaml)": "Figures file to write (.yaml)",
    "Membaca angka laporan LKIP yang sudah ada ke berkas angka (nilai meragukan diberi komentar).":
        "Read the figures of an existing LKIP into a figures file (doubtful values commented).",
    "Memeriksa berkas angka tanpa menyusun laporan.":
        "Validate a figures file without drafting the report.",
    "Berkas laporan (.txt, .md, .docx, .pdf), folder, atau - untuk masukan standar":
        "Report files (.txt, .md, .docx, .pdf), folders, or - for the standard input",
    "Format keluaran": "Output format",
    "Tulis ke berkas ini": "Write to this file",
    "Kode/kategori aturan yang dipakai": "Rule codes/categories to use",
    "Kode/kategori aturan yang diabaikan": "Rule codes/categories to ignore",
    "Tahun laporan (menimpa deteksi otomatis)": "Report year (overrides detection)",
    "Kabupaten untuk gazetir nama tempat": "Kabupaten for the place-name gazetteer",
    "Tulis salinan DOCX berisi komentar (PDF: salinan PDF bersorotan)":
        "Write a DOCX copy with comments (PDF: a highlighted PDF copy)",
    "Lewati pemeriksaan ejaan": "Skip the spelling checks",
    "Jumlah proses untuk folder (1 s.d. 2 x CPU)": "Worker processes for folders (1 to 2 x CPUs)",
    "Bahasa pesan: id atau en": "Message language: id or en",
    "Ikuti tautan simbolik ke luar folder yang diperiksa":
        "Follow symbolic links that leave the checked folder",
    "Nama masukan standar (-); akhirannya menentukan format":
        "Name of the standard input (-); its suffix picks the format",
    "Tampilkan hanya temuan setingkat ini atau lebih berat":
        "Show only issues of this severity or worse",
    "Hanya daftar temuan, tanpa ringkasan dan catatan":
        "Only the issues, no summary and no notes",
    "Tampilkan jumlah temuan per aturan": "Show issue counts per rule",
    "Keluar dengan kode 0 walau ada galat (masukan salah tetap 2)":
        "Exit 0 even when errors are found (bad input still exits 2)",
    "Tampilkan waktu tiap tahap dan tiap aturan (stderr)":
        "Show the time of each phase and each rule (stderr)",
    "Dokumen pembanding: SK IKU, Perjanjian Kinerja atau LKIP tahun lalu (JENIS=BERKAS memaksa jenisnya)":
        "Sibling document: SK IKU, Perjanjian Kinerja or last year's LKIP (KIND=FILE forces its kind)",
    "Memeriksa laporan: kontradiksi angka, predikat, tahun, sisa templat, nama asing, ejaan.":
        "Check reports: contradicting figures, predicates, years, template leftovers, foreign "
        "names, spelling.",
    "Tampilkan hanya temuan yang belum tercatat di berkas baseline ini":
        "Show only the issues not recorded in this baseline file",
    "Catat semua temuan ke berkas baseline ini (JSON)": "Record every issue in this baseline file (JSON)",
    "Tulis salinan (-o) dengan perbaikan mekanis yang pasti diterapkan":
        "Write a copy (-o) with the unambiguous mechanical fixes applied",
    "Tampilkan penjelasan aturan dalam bahasa ini: id atau en":
        "Show the rule documentation in this language: id or en",
    "Kode aturan, mis. AR101": "Rule code, e.g. AR101",
    "Periksa berkas data rules/ dan phrasebank/ terhadap skemanya":
        "Validate the data files of rules/ and phrasebank/ against their schemas",
    "Menampilkan daftar aturan, atau penjelasan satu aturan.":
        "List the rules, or explain one rule.",
    "Alamat yang didengar (selain loopback perlu --password)":
        "Address to listen on (other than loopback requires --password)",
    "Nomor port (0 = pilih otomatis)": "Port number (0 = pick a free one)",
    "Token akses (bawaan: acak, dicetak bersama alamatnya)":
        "Access token (default: random, printed with the address)",
    "Kata sandi masuk (wajib untuk --host selain loopback)":
        "Sign-in password (required for a --host other than loopback)",
    "Batas ukuran unggahan dalam MB": "Upload size limit in MB",
    "Jangan membuka peramban": "Do not open the browser",
    "Menjalankan aplikasi web lokal (Periksa, Susun, Aturan) dan membuka peramban.":
        "Run the local web application (Check, Draft, Rules) and open the browser.",
}

# the CLI library's words, in Indonesian
HEADINGS_ID = {"Options": "Opsi", "Arguments": "Argumen", "Commands": "Perintah"}
USAGE_ID = "Penggunaan: "
HELP_OPTION_ID = "Tampilkan pesan ini lalu keluar."
_EXTRA_RE = re.compile(r"\[([^\[\]]*)\]\s*$")
_ERRORS_ID = [
    (re.compile(r"^Usage: "), "Penggunaan: "),
    (re.compile(r"^Try '(.*)' for help\.$"), r"Coba '\1' untuk bantuan."),
    (re.compile(r"^Error: "), "Galat: "),
    (re.compile(r"No such option: "), "opsi tidak dikenal: "),
    (re.compile(r"No such command "), "perintah tidak dikenal: "),
    (re.compile(r"Missing argument "), "argumen belum diberikan: "),
    (re.compile(r"Missing option "), "opsi belum diberikan: "),
    (re.compile(r"Missing command\."), "perintah belum diberikan."),
    (re.compile(r"Invalid value for "), "nilai tidak sah untuk "),
    (re.compile(r"Got unexpected extra arguments? "), "argumen berlebih: "),
    (re.compile(r"Option '([^']*)' requires an argument\."), r"opsi '\1' memerlukan nilai."),
    (re.compile(r"is not one of "), "bukan salah satu dari "),
    (re.compile(r"is not a valid integer\."), "bukan bilangan bulat."),
    (re.compile(r"\(Possible options: "), "(mungkin maksudnya: "),
    (re.compile(r"Did you mean "), "Mungkin maksudnya "),
]


def help_lang(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """``en`` or ``id``: ``--lang`` on the command line, else ``LKIP_LANG``, else ``id``."""
    for k, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and k + 1 < len(argv):
            value = argv[k + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            return "en" if value.strip().lower() == "en" else "id"
    env = (os.environ if environ is None else environ).get(ENV_VAR, "")
    return "en" if env.strip().lower().startswith("en") else "id"


def _extra_id(text: str) -> str:
    """``... [default: text; required]`` -> ``... [bawaan: text; wajib]``."""
    m = _EXTRA_RE.search(text)
    if not m:
        return text
    parts = []
    for part in m.group(1).split("; "):
        if part.startswith("default: "):
            part = "bawaan: " + part[len("default: "):]
        elif part == "required":
            part = "wajib"
        elif part.startswith("env var: "):
            part = "variabel lingkungan: " + part[len("env var: "):]
        parts.append(part)
    return text[: m.start()] + "[" + "; ".join(parts) + "]" + text[m.end():]


def _formatter_class(base: type[Any]) -> type[Any]:
    class IndonesianHelpFormatter(base):  # type: ignore[misc, valid-type]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None:
                prefix = USAGE_ID
                args = args.replace("[OPTIONS]", "[OPSI]").replace("COMMAND [ARGS]",
                                                                    "PERINTAH [ARG]")
            super().write_usage(prog, args, prefix)

        def write_heading(self, heading: str) -> None:
            super().write_heading(HEADINGS_ID.get(heading, heading))

        def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
            out = []
            for term, text in rows:
                text = text.replace("Show this message and exit.", HELP_OPTION_ID)
                out.append((term, _extra_id(text)))
            super().write_dl(out, *args, **kwargs)

    return IndonesianHelpFormatter


def localize(command: Any, lang: str) -> Any:
    """Set the help language of a click command tree (in place) and return it."""
    base_ctx = command.context_class
    if lang == "en":
        ctx_class = base_ctx
    else:
        ctx_class = type("IndonesianContext", (base_ctx,),
                         {"formatter_class": _formatter_class(base_ctx.formatter_class)})
    stack = [command]
    while stack:
        cmd = stack.pop()
        cmd.context_class = ctx_class
        if lang == "en":
            if cmd.help:
                cmd.help = HELP_EN.get(cmd.help.strip(), cmd.help)
            if cmd.short_help:
                cmd.short_help = HELP_EN.get(cmd.short_help.strip(), cmd.short_help)
            for param in cmd.params:
                text = getattr(param, "help", None)
                if text:
                    param.help = HELP_EN.get(text, text)
        stack.extend(getattr(cmd, "commands", {}).values())
    return command


def localize_error(text: str, lang: str) -> str:
    """A usage error as the CLI library shows it, in Indonesian unless ``lang`` is ``en``."""
    if lang == "en":
        return text
    lines = []
    for line in text.split("\n"):
        for pat, repl in _ERRORS_ID:
            line = pat.sub(repl, line)
        lines.append(line)
    return "\n".join(lines)
