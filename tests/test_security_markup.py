"""User text never becomes markup in drafted or annotated Word files (issue 10).

Figures files and checked reports carrying image links (local files, http), raw OpenXML (valid
and malformed), raw HTML/TeX, links, footnotes, math, spans/divs with attributes: the DOCX holds
no media, relationship, field or element that a clean document does not hold, the text appears
literally, and pandoc (always sandboxed) never reads a file or fetches a URL. SIGTERM during a
draft leaves no pandoc process and no temporary file.
"""

from __future__ import annotations

import copy
import http.server
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from typer.testing import CliRunner

from drafter.cli import app
from drafter.draft.pandoc import (
    READER_FORMAT,
    REPORT_READER_FORMAT,
    markdown_to_ast,
    run_pandoc,
    sanitize_ast,
    stringify,
)
from drafter.draft.render import markdown_literal
from drafter.errors import LkipError
from drafter.report.annotate import MARK_START, annotated_markdown, read_comments

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "contoh-sintetis.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

SECRET_BYTES = b"ISI-BERKAS-RAHASIA-7f3a"  # a local file whose bytes must never reach a DOCX

# hostile free text; {url} is a local HTTP server that counts requests
PAYLOADS = [
    "![gambar]({secret})",
    "Lihat ![foto]({url}/foto.png) di lapangan",
    "`<w:r><w:t>sisipan</w:t></w:r>`{{=openxml}}",
    "`</w:p>`{{=openxml}}",
    '`<w:fldSimple w:instr="INCLUDEPICTURE {url}/f.png"/>`{{=openxml}}',
    '<img src="{secret}"> dan <b>tebal</b>',
    "`<p>html</p>`{{=html}} dan `\\\\input{{x}}`{{=latex}}",
    "[tautan]({url}/t) dan <{url}/auto>",
    "Catatan[^1] dan ^[catatan sebaris]",
    "[^1]: isi catatan kaki",
    "Rumus $x^2$ dan $$y_1$$",
    '[teks]{{custom-style="Title"}} dan [k]{{.comment-start id="0" author="x"}}',
    "::: {{.comment-start}}",
    "\\begin{{document}}mentah\\end{{document}}",
    "# judul palsu",
    "- butir palsu",
    "1. nomor palsu",
    "> kutipan palsu",
    "**tebal** _miring_ ~bawah~ ^atas^ @kutip",
    "&lt;entitas&gt; &amp; 5 < 6 > 4",
    "| a | b |",
    "Rp3.973.567.698,00 naik 88,05% (Tahun 2024.)",
]
# payloads that are ordinary Markdown: in a checked Markdown report they keep their meaning
ORDINARY_MARKDOWN = {"# judul palsu", "- butir palsu", "1. nomor palsu", "> kutipan palsu",
                     "**tebal** _miring_ ~bawah~ ^atas^ @kutip", "&lt;entitas&gt; &amp; 5 < 6 > 4",
                     "| a | b |"}


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("rahasia") / "rahasia.png"
    path.write_bytes(SECRET_BYTES)
    return str(path)


def _payloads(url: str, secret: str) -> list[str]:
    return [p.format(url=url, secret=secret) for p in PAYLOADS]


def _norm(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------------
# package inspection


def _package(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rels(pkg: dict[str, bytes]) -> set[tuple[str, str, str, str]]:
    out = set()
    for name, payload in pkg.items():
        if name.endswith(".rels"):
            for r in ET.fromstring(payload).iter(f"{REL}Relationship"):
                out.add((name, r.get("Type", ""), r.get("Target", ""), r.get("TargetMode", "")))
    return out


def _tags(pkg: dict[str, bytes]) -> set[str]:
    tags: set[str] = set()
    for name, payload in pkg.items():
        if name.startswith("word/") and name.endswith(".xml"):
            for el in ET.fromstring(payload).iter():
                tags.add(el.tag)
                tags.update(f"@{a}" for a in el.attrib)
    return tags


def _text(pkg: dict[str, bytes]) -> str:
    root = ET.fromstring(pkg["word/document.xml"])
    paras = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    return "\n".join(paras)


FORBIDDEN = {f"{W}{t}" for t in ("drawing", "pict", "object", "fldSimple", "fldChar",
                                 "instrText", "hyperlink", "footnoteReference",
                                 "endnoteReference", "altChunk", "subDoc", "embed")}


def _assert_inert(pkg: dict[str, bytes], clean: dict[str, bytes]) -> None:
    assert set(pkg) == set(clean), set(pkg) ^ set(clean)
    assert not [n for n in pkg if "media" in n or "embeddings" in n]
    assert _rels(pkg) == _rels(clean)
    extra = _tags(pkg) - _tags(clean)
    assert not extra, extra
    assert not FORBIDDEN & _tags(pkg)
    assert not any(SECRET_BYTES in payload for payload in pkg.values())


# ------------------------------------------------------------------------------------------------
# drafting


def _figures(payloads: list[str] | None) -> dict[str, object]:
    fig = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    if payloads is None:
        return fig
    s0 = fig["sasaran"][0]
    s0["faktor_keberhasilan"] = list(payloads)
    s0["permasalahan"] = [payloads[0], payloads[2]]
    s0["nama"] = f"Sasaran {payloads[1]} {payloads[3]}"
    s0["indikator"][0]["nama"] = f"Indikator {payloads[4]} {payloads[7]}"
    s0["indikator"][0]["pembanding"]["label"] = payloads[0]
    s0["indikator"][0]["pembanding"]["sumber"] = payloads[10]
    fig["instansi"]["nama"] = f"Kecamatan {payloads[11]}"
    return fig


def _draft(tmp_path: Path, fig: dict[str, object], name: str) -> tuple[int, str, Path]:
    src = tmp_path / f"{name}.yaml"
    src.write_text(yaml.safe_dump(fig, allow_unicode=True), encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    res = CliRunner().invoke(app, ["draft", str(src), "-o", str(out)])
    return res.exit_code, res.output, out


@pytest.fixture(scope="module")
def clean_draft(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    code, output, out = _draft(tmp_path_factory.mktemp("clean"), _figures(None), "bersih")
    assert code == 0, output
    return _package(out.read_bytes())


def test_hostile_figures_draft_inert_and_literal(tmp_path: Path, server: tuple[str, list[str]],
                                                 secret: str,
                                                 clean_draft: dict[str, bytes]) -> None:
    url, hits = server
    payloads = _payloads(url, secret)
    code, output, out = _draft(tmp_path, _figures(payloads), "jahat")
    assert code == 0, output
    assert "Traceback" not in output
    pkg = _package(out.read_bytes())
    _assert_inert(pkg, clean_draft)
    text = _norm(_text(pkg))
    for p in payloads:
        assert _norm(p) in text, p
    # escaping leaves no visible backslash: once the payloads are taken out, none is left
    rest = text
    for p in sorted(payloads, key=len, reverse=True):
        rest = rest.replace(_norm(p), "")
    assert "\\" not in rest
    assert hits == []


def test_drafted_markdown_keeps_hostile_text_literal(tmp_path: Path, server: tuple[str, list[str]],
                                                     secret: str) -> None:
    """The .md output, read by pandoc with its default extensions (as a user would; only smart
    quotes off, which would curl the quotes), holds no image, link, raw, math, note, span or div
    node, and shows the text literally."""
    url, _hits = server
    payloads = _payloads(url, secret)
    src = tmp_path / "f.yaml"
    src.write_text(yaml.safe_dump(_figures(payloads), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "f.md"
    res = CliRunner().invoke(app, ["draft", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    ast = json.loads(run_pandoc(["-f", "markdown-smart", "-t", "json"], out.read_bytes()))
    dumped = json.dumps(ast)
    for t in ("Image", "Link", "RawInline", "RawBlock", "Math", "Note", "Span", "Div", "Figure",
              "Superscript", "Subscript"):
        assert f'"t": "{t}"' not in dumped and f'"t":"{t}"' not in dumped, t
    text = _norm(stringify(ast["blocks"]))
    for p in payloads:
        assert _norm(p) in text, p


def test_clean_examples_draft_unchanged_numbers(tmp_path: Path) -> None:
    """Normal figures: Indonesian numbers are written as they are, no backslash anywhere."""
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        out = tmp_path / f"{example.stem}.md"
        res = CliRunner().invoke(app, ["draft", str(example), "-o", str(out)])
        assert res.exit_code == 0, res.output
        md = out.read_text(encoding="utf-8")
        assert "\\" not in md, example
        assert "&lt;" not in md and "&amp;" not in md


# ------------------------------------------------------------------------------------------------
# the escaping function itself, checked against pandoc in every position a template uses


LITERALS = [
    "![x](/etc/passwd)", "`a`{=openxml}", "<b>x</b>", "&amp; &#35; &copy;", "[a](b)", "[a]{.c}",
    "$x$", "\\(x\\)", "#", "# h", "- a", "-", "--", "---", "+ a", "* a", "1. a", "1) a", "a. b",
    "(i) c", "(1) d", "> q", ": d", ":::", "~~~", "```", "x ^[n]", "x[^1]", "a_b_c", "*x*", "**x**",
    "~s~", "^s^", "a | b", "trailing \\", "tab\there", "line\nbreak\n\n# para", "{#id .cls}",
    "http://x.y/z", "<http://x.y>", "a@b.go.id", "3.973.567.698,00", "88,05%", "Rp1.000",
    "2024.", "IV. Penutup", "A. Umum", "\u0001ctrl", "x  \n  y",
]


@pytest.mark.parametrize("fmt", [READER_FORMAT, "markdown-smart"])
def test_markdown_literal_reads_back_as_its_text(fmt: str) -> None:
    """Read by the drafter's pandoc and by pandoc's default Markdown (smart typography off: it
    would curl quotes and join dashes), every value comes back as exactly its text."""
    expected = [_norm(s.replace("\u0001", " ")) for s in LITERALS]
    contexts = [
        ("{}", "Para"),
        ("- {}", "BulletList"),
        ("1. {}", "OrderedList"),
        ("## Judul {}", "Header"),
        ("**Sasaran 1: {}**", "Para"),
    ]
    for template, block in contexts:
        # a separator paragraph between the values, so that list items do not merge
        md = "\n\npemisah\n\n".join(template.format(markdown_literal(s)) for s in LITERALS)
        blocks = json.loads(run_pandoc(["-f", fmt, "-t", "json"], md.encode()))["blocks"]
        blocks = [b for b in blocks if stringify(b) != "pemisah"]
        assert len(blocks) == len(LITERALS), (template, [b["t"] for b in blocks])
        for s, want, b in zip(LITERALS, expected, blocks, strict=True):
            assert b["t"] == block, (template, s, b)
            got = _norm(stringify(b))
            prefix = _norm(template.split("{}")[0].replace("- ", "").replace("1. ", "")
                           .replace("## ", "").replace("**", ""))
            assert got == _norm(f"{prefix} {want}"), (template, s, got)
            kinds = set(json.dumps(b).split('"t": "')[1:])
            assert not any(k.startswith(("Image", "Link", "Raw", "Math", "Note", "Span", "Div"))
                           for k in kinds), (template, s)
    # table cells: one row, the value in one cell
    md = "| a | b |\n|---|---|\n" + "".join(f"| {markdown_literal(s)} | x |\n" for s in LITERALS)
    blocks = json.loads(run_pandoc(["-f", fmt, "-t", "json"], md.encode()))["blocks"]
    assert [b["t"] for b in blocks] == ["Table"]
    body = blocks[0]["c"][4][0][3]
    assert len(body) == len(LITERALS)
    for want, row in zip(expected, body, strict=True):
        assert _norm(stringify(row[1][0][4])) == want
        assert _norm(stringify(row[1][1][4])) == "x"


RANDOM_ALPHABET = "\\`*_[]{}()<>#+-.!|$~^@&;:=%\"' a1\n\tIvx"


@pytest.mark.parametrize("fmt", [READER_FORMAT, "markdown-smart"])
def test_markdown_literal_random_strings(fmt: str) -> None:
    """Random strings of Markdown punctuation (fixed seed) read back as exactly their text, as a
    paragraph, a list item, inside bold, at the end of a heading and in a table cell."""
    import random

    rng = random.Random(20241126)
    values = ["".join(rng.choice(RANDOM_ALPHABET) for _ in range(rng.randint(1, 25)))
              for _ in range(400)]
    values = [v for v in values if v.split()]
    for template, prefix in [("{}", ""), ("- {}", ""), ("**S: {}**", "S: "), ("## J {}", "J ")]:
        md = "\n\npemisah\n\n".join(template.format(markdown_literal(v)) for v in values)
        blocks = json.loads(run_pandoc(["-f", fmt, "-t", "json"], md.encode()))["blocks"]
        blocks = [b for b in blocks if stringify(b) != "pemisah"]
        assert len(blocks) == len(values), template
        for v, b in zip(values, blocks, strict=True):
            assert _norm(stringify(b)) == _norm(prefix + v), (template, v, markdown_literal(v))
    md = "| a | b |\n|---|---|\n" + "".join(f"| {markdown_literal(v)} | x |\n" for v in values)
    rows = json.loads(run_pandoc(["-f", fmt, "-t", "json"], md.encode()))["blocks"][0]["c"][4][0][3]
    assert [_norm(stringify(r[1][0][4])) for r in rows] == [_norm(v) for v in values]


def test_markdown_literal_leaves_plain_text_alone() -> None:
    for s in ["Persentase Capaian SPM (%)", "3.973.567.698,00", "88,05%", "Rp1.000.000,00",
              "Kecamatan Sukamaju, Kabupaten Sukamaju", "Tahun 2021-2026", "-5,25 poin"]:
        assert markdown_literal(s) == s


# ------------------------------------------------------------------------------------------------
# the AST pass


def test_sanitize_ast_keeps_only_inert_nodes() -> None:
    md = "\n\n".join([
        "![x](/etc/passwd)", "[a](http://x)", "<http://y>", "$m$", "x[^1]\n\n[^1]: n",
        "[s]{.comment-start id=\"1\"}", "::: {custom-style=\"Title\"}\nd\n:::", "# H {#id}",
        "`c`{.cls}", "---\ntitle: t\n---",
    ])
    # read with every extension ON, so the pass meets all the constructs
    raw = json.loads(run_pandoc(["-f", "markdown", "-t", "json"], md.encode()))
    dumped = json.dumps(raw)
    assert '"Image"' in dumped and '"Link"' in dumped and '"Note"' in dumped
    clean = sanitize_ast(raw)
    text = json.dumps(clean)
    for t in ("Image", "Link", "Math", "Note", "Span", "Div", "Figure", "RawInline", "RawBlock"):
        assert f'"{t}"' not in text, t
    assert clean["meta"] == {}
    assert "/etc/passwd" in stringify(clean["blocks"]) and "http://x" in stringify(clean["blocks"])
    assert '"id"' not in text and '"cls"' not in text


def test_sanitize_ast_rejects_unknown_nodes_and_deep_nesting() -> None:
    ast = {"pandoc-api-version": [1, 23], "meta": {},
           "blocks": [{"t": "Para", "c": [{"t": "FutureInline", "c": "x"}]}]}
    with pytest.raises(LkipError):
        sanitize_ast(ast)
    deep: dict[str, object] = {"t": "Para", "c": [{"t": "Str", "c": "x"}]}
    for _ in range(5000):
        deep = {"t": "BlockQuote", "c": [deep]}
    with pytest.raises(LkipError):
        sanitize_ast({"pandoc-api-version": [1, 23], "meta": {}, "blocks": [deep]})


def test_reader_format_turns_off_raw_and_attributes() -> None:
    md = "`x`{=openxml}\n\n<b>y</b>\n\n$z$\n\n[s]{.c}\n\n![i](j)\n\n<div>d</div>\n"
    dumped = json.dumps(markdown_to_ast(md))
    for t in ("RawInline", "RawBlock", "Math", "Span", "Div"):
        assert f'"{t}"' not in dumped
    # reports: HTML tags are recognised (to be dropped or shown), nothing else is
    report = markdown_to_ast(md, REPORT_READER_FORMAT)
    dumped = json.dumps(report)
    assert '"RawInline"' in dumped
    for t in ("Math", "Span", "Div"):
        assert f'"{t}"' not in dumped
    assert all(raw["c"][0] == "html" for raw in _nodes(report, ("RawInline", "RawBlock")))
    text = stringify(sanitize_ast(report)["blocks"])
    assert "<b>" not in text and "<div>" not in text and "y" in text and "d" in text
    kept = sanitize_ast(markdown_to_ast('<img src="a.png"> <a href="h">t</a> <!-- c -->\n',
                                        REPORT_READER_FORMAT))
    assert _norm(stringify(kept["blocks"])) == '<img src="a.png"> <a href="h">t</a> <!-- c -->'


def _nodes(x: object, types: tuple[str, ...]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    if isinstance(x, list):
        for y in x:
            found.extend(_nodes(y, types))
    elif isinstance(x, dict):
        if x.get("t") in types:
            found.append(x)
        for v in x.values():
            found.extend(_nodes(v, types))
    return found


def test_pandoc_sandbox_refuses_files_and_timeout_is_clean(tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.txt"
    secret.write_text("ISI-RAHASIA-123", encoding="utf-8")
    # even with raw content allowed and no AST pass, the sandbox keeps the file out
    md = f"![x]({secret})\n\n```{{=latex}}\n\\input{{{secret}}}\n```\n"
    data = run_pandoc(["-f", "markdown", "-t", "docx", "-o", "-"], md.encode())
    pkg = _package(data)
    assert not [n for n in pkg if "media" in n]
    assert not any(b"ISI-RAHASIA" in v for v in pkg.values())
    with pytest.raises(LkipError, match="batas waktu"):
        run_pandoc(["-f", "markdown", "-t", "docx", "-o", "-"], b"x" * 10_000_000, timeout=0.01)
    assert not _pandoc_children(os.getpid())


# ------------------------------------------------------------------------------------------------
# annotated copies of checked reports


REPORT_HEAD = (
    "# BAB III AKUNTABILITAS KINERJA\n\n"
    "Capaian kinerja tahun 2023 sebesar 103% dengan predikat Sangat Baik.\n\n"
    "- butir pertama `kode`\n- butir **kedua**\n\n1. langkah satu\n2. langkah dua\n\n"
    "| Indikator | Realisasi |\n|---|---|\n| Persentase capaian | 88,05 |\n\n"
    "| Indikator kinerja dengan uraian yang panjang sekali melebihi lebar baris | Realisasi |\n"
    "|---|---|\n| Persentase capaian | 88,05 |\n\n"
)


def _annotate(tmp_path: Path, body: str, name: str, suffix: str = ".md") -> tuple[int, str, Path]:
    src = tmp_path / f"{name}{suffix}"
    src.write_text(REPORT_HEAD + body, encoding="utf-8")
    out = tmp_path / f"{name}-reviu.docx"
    res = CliRunner().invoke(app, ["check", str(src), "--annotate", "-o", str(out),
                                   "--no-spelling"])
    return res.exit_code, res.output, out


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_hostile_report_annotated_inert_and_literal(tmp_path: Path, suffix: str,
                                                    server: tuple[str, list[str]],
                                                    secret: str) -> None:
    url, hits = server
    payloads = _payloads(url, secret)
    code, output, clean_out = _annotate(tmp_path, "Paragraf biasa tanpa apa-apa.\n", "bersih",
                                        suffix)
    assert code in (0, 1), output
    body = "".join(p + "\n\n" for p in payloads)
    body += f"| Sel ![c]({secret}) | `x`{{=openxml}} |\n|---|---|\n| 1 | 2 |\n"
    code, output, out = _annotate(tmp_path, body, "jahat", suffix)
    assert code in (0, 1), output
    assert "Traceback" not in output
    pkg = _package(out.read_bytes())
    clean = _package(clean_out.read_bytes())
    _assert_inert(pkg, clean)
    text = _norm(_text(pkg))
    for p in payloads:
        if p not in ORDINARY_MARKDOWN:  # code spans are real Markdown: backticks not shown
            # formatting tags of converted reports (<b>, <p>, <br>...) are dropped like the
            # checker drops them; other HTML stays literal
            p = p.replace("<b>", "").replace("</b>", "")
            assert _norm(p.replace("`", "")) in text.replace("`", ""), p
    assert "judul palsu" in text and "tebal miring" in text
    assert f'<img src="{secret}"> dan tebal' in text
    assert hits == []
    # every issue has its comment, written by lkip only (a forged comment span is text)
    js = CliRunner().invoke(app, ["check", str(out.with_name(f"jahat{suffix}")), "--format",
                                  "json", "--no-spelling"])
    issues = json.loads(js.stdout)["files"][0]["issues"]
    comments = read_comments(out)
    assert len(comments) == len(issues)
    assert {c["author"] for c in comments} <= {"lkip"}


def test_forged_markers_in_report_make_no_comment(tmp_path: Path) -> None:
    forged = "".join(chr(c) for c in (0xF0000, 0xF0100, 0xF0100, 0xF0100))
    body = f"Teks {forged} palsu {chr(0xF0001)}{chr(0xF0100) * 3} akhir.\n"
    md = annotated_markdown(REPORT_HEAD + body, [])
    assert MARK_START not in md
    code, output, out = _annotate(tmp_path, body, "palsu")
    assert code in (0, 1), output
    js = CliRunner().invoke(app, ["check", str(tmp_path / "palsu.md"), "--format", "json",
                                  "--no-spelling"])
    assert len(read_comments(out)) == len(json.loads(js.stdout)["files"][0]["issues"])


def test_annotation_marker_inside_code(tmp_path: Path) -> None:
    """A comment whose range falls inside inline code or a code block still gets its comment,
    anchored on the code."""
    from drafter.check.registry import Issue
    from drafter.document.model import Location
    from drafter.report.annotate import annotate_file

    src = tmp_path / "k.md"
    text = "Awal `kode\n103% lagi` akhir.\n\n```\nblok 88,05\n```\n\n[ref]: /etc/passwd\n"
    src.write_text(text, encoding="utf-8")
    issues = [
        Issue("ZZ1", "other", "warning", "dalam kode", Location(2, 1, 2, 5), "103%", None),
        Issue("ZZ2", "other", "warning", "dalam blok", Location(5, 6, 5, 11), "88,05", None),
        Issue("ZZ3", "other", "warning", "definisi", Location(8, 8, 8, 12), "/etc", None),
    ]
    out = tmp_path / "k.docx"
    assert annotate_file(src, issues, out) == 3
    comments = read_comments(out)
    assert [c["text"] for c in comments] == ["[ZZ1] dalam kode", "[ZZ2] dalam blok",
                                             "[ZZ3] definisi"]
    assert "103%" in comments[0]["anchor"] and "88,05" in comments[1]["anchor"]
    assert "/etc" in comments[2]["anchor"]
    assert "[ref]: /etc/passwd" in _text(_package(out.read_bytes()))


def test_insert_comments_closes_lost_halves() -> None:
    from drafter.report.annotate import MARK_END, insert_comments

    def mark(kind: str, cid: int) -> str:
        return kind + "".join(chr(0xF0100 + ((cid >> s) & 0xFF)) for s in (16, 8, 0))

    ast = {"pandoc-api-version": [1, 23], "meta": {}, "blocks": [
        {"t": "Para", "c": [{"t": "Str", "c": "a" + mark(MARK_START, 0) + "b"}]},
        {"t": "Para", "c": [{"t": "Str", "c": "c" + mark(MARK_END, 1) + "d"}]},
    ]}
    out = insert_comments(ast, ["satu", "dua", "tiga"])

    def spans(block: dict[str, object]) -> list[tuple[str, str]]:
        return [(n["c"][0][1][0], n["c"][0][2][0][1]) for n in block["c"]  # type: ignore[index]
                if n["t"] == "Span"]  # type: ignore[index]

    assert spans(out["blocks"][0]) == [("comment-start", "0"), ("comment-end", "0")]
    assert spans(out["blocks"][1]) == [("comment-start", "1"), ("comment-end", "1")]
    assert spans(out["blocks"][2]) == [("comment-start", "2"), ("comment-end", "2")]
    assert stringify(out["blocks"][:2]).replace("satu", "").replace("dua", "") == "abcd"


# ------------------------------------------------------------------------------------------------
# SIGTERM during `lkip draft -o x.docx`


def _proc_stat(pid: int) -> tuple[str, int, str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    comm = raw[raw.index("(") + 1:raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2:].split()
    return comm, int(fields[1]), fields[0]


def _pandoc_children(parent: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            st = _proc_stat(int(entry))
            if st and st[1] == parent and st[0].startswith("pandoc") and st[2] != "Z":
                out.append(int(entry))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_sigterm_during_draft_kills_pandoc_and_leaves_no_files(tmp_path: Path) -> None:
    fig = _figures(None)
    fig.pop("program", None)
    fig["anggaran"] = {"sumber": "APBD"}
    base = fig["sasaran"]
    assert isinstance(base, list)
    many = []
    for k in range(40):  # a large report, so that pandoc runs long enough to be caught
        for s in base:
            s2 = copy.deepcopy(s)
            s2["id"] = f"{s['id']}k{k}"
            s2["nama"] = f"{s['nama']} {k}"
            many.append(s2)
    fig["sasaran"] = many
    src = tmp_path / "besar.yaml"
    src.write_text(yaml.safe_dump(fig, allow_unicode=True), encoding="utf-8")
    out_dir = tmp_path / "keluaran"
    out_dir.mkdir()
    tmp_dir = tmp_path / "tmp"
    tmp_dir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp_dir), TEMP=str(tmp_dir), TMP=str(tmp_dir))
    proc = subprocess.Popen(
        [sys.executable, "-c", "from drafter.cli import main; main()", "draft", str(src), "-o",
         str(out_dir / "x.docx")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: list[int] = []
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            seen = _pandoc_children(proc.pid)
            if seen:
                time.sleep(0.05)  # pandoc is busy writing
                os.kill(proc.pid, signal.SIGTERM)
                break
            time.sleep(0.005)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if not seen:
        pytest.skip("pandoc finished before it could be observed")
    if proc.returncode == 0:
        pytest.skip("the draft finished before SIGTERM arrived")
    assert proc.returncode == 143, err
    assert b"Traceback" not in err
    time.sleep(0.1)
    for pid in seen:
        st = _proc_stat(pid)
        assert st is None or st[2] == "Z" or not st[0].startswith("pandoc"), st
    assert list(tmp_dir.iterdir()) == []
    # no temporary file; the output exists only if it was being written when the signal came
    # (the write is finished first), and then it is a whole DOCX
    assert [p.name for p in out_dir.iterdir() if p.name != "x.docx"] == []
    if (out_dir / "x.docx").exists():
        with zipfile.ZipFile(out_dir / "x.docx") as z:
            assert z.testzip() is None


def test_deeply_nested_report_is_a_clean_error(tmp_path: Path) -> None:
    src = tmp_path / "dalam.md"
    src.write_text("# BAB III\n\n" + "> " * 600 + "teks 103%\n", encoding="utf-8")
    out = tmp_path / "dalam-reviu.docx"
    res = CliRunner().invoke(app, ["check", str(src), "--annotate", "-o", str(out),
                                   "--no-spelling"])
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output
    assert str(src) in res.output and "terlalu dalam" in res.output
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["dalam.md"]


def test_pandoc_killed_and_reaped_when_interrupted(monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception while pandoc runs (Ctrl-C here) kills and reaps it before propagating."""
    started: list[subprocess.Popen[bytes]] = []
    real_communicate = subprocess.Popen.communicate

    def communicate(self: subprocess.Popen[bytes], *args: object, **kw: object) -> object:
        if "--sandbox" in self.args and self not in started:  # not pypandoc's own calls
            started.append(self)
            raise KeyboardInterrupt
        return real_communicate(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess.Popen, "communicate", communicate)
    with pytest.raises(KeyboardInterrupt):
        run_pandoc(["-f", "markdown", "-t", "json"], b"teks")
    assert len(started) == 1
    assert started[0].returncode is not None  # killed and reaped
    assert not _pandoc_children(os.getpid())
