"""The ASGI application of ``lkip serve`` (Starlette): pages *Periksa*, *Susun*, *Aturan* and
the API ``POST /api/check`` / ``POST /api/draft``.

Safety (see :class:`Guard`): every request needs the server's token (``?token=``, an
``Authorization: Bearer`` header, or the cookie set after the first visit of the token URL, or
after signing in with the password); the ``Host`` header must name this machine (DNS rebinding);
a request body larger than the upload limit is refused (413) while it is being read; a cross-site
``Origin`` on a POST is refused. Uploaded files are written under generated names in a private
temporary folder (mode 0700) and removed after the request (API) or when the result expires or
the server stops (pages); the client's file name is only shown (escaped) and used, sanitised, in
the ``Content-Disposition`` of downloads. Pages are rendered by Jinja2 with autoescaping and sent
with a strict Content-Security-Policy (scripts and styles only from this server's ``/static``);
the check report reuses :mod:`drafter.report.html` with its own script-hash policy, in a
sandboxed frame.
"""

from __future__ import annotations

import asyncio
import copy
import html as html_lib
import json
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field, replace
from http.cookies import SimpleCookie
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.errors import LkipError
from drafter.serve.texts import texts

if TYPE_CHECKING:
    from drafter.check.batch import FileResult
    from drafter.check.context import CheckConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

HERE = Path(__file__).parent
MB = 1024 * 1024
DEFAULT_MAX_UPLOAD = 50 * MB
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and small fields around the uploaded file
JOB_TTL = 3600.0  # seconds a page result (uploaded file, report, downloads) is kept
MAX_JOBS = 200
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; "
            "frame-ancestors 'none'")
_SAFE_SUFFIX = re.compile(r"^\.[a-z0-9]{1,10}$")
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ASCII_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Settings:
    token: str
    password: str | None = None
    max_upload: int = DEFAULT_MAX_UPLOAD
    host: str = "127.0.0.1"
    port: int = 0
    workdir: Path | None = None  # the private temporary folder (created when None)

    @property
    def cookie_name(self) -> str:
        return f"lkip-token-{self.port}"  # cookies ignore ports: one name per server

    def host_allowed(self, host_header: str) -> bool:
        if self.host in WILDCARD_HOSTS:  # bound to every interface: password + token protect it
            return True
        name = _host_name(host_header)
        return name in LOOPBACK_NAMES or name == self.host.strip("[]").lower()


def _host_name(host_header: str) -> str:
    h = host_header.strip().lower()
    if h.startswith("["):  # [::1]:8000
        return h[1:h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


# ------------------------------------------------------------------------------------------------
# file names


def display_name(filename: str | None, default: str = "berkas") -> str:
    """The client's file name as shown: its last path component (``/`` and ``\\``), control and
    bidi characters removed, at most 120 characters; never used as a path."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE_NAME_CHARS.sub("", name).strip()
    if name in ("", ".", ".."):
        return default
    if len(name) > 120:
        suffix = safe_suffix(name)
        name = name[: 120 - len(suffix)] + suffix
    return name


def safe_suffix(name: str) -> str:
    """The lower-case suffix of ``name`` when it is a plain one (``.docx``), else ``""``."""
    suffix = PurePath(name).suffix.lower()
    return suffix if _SAFE_SUFFIX.match(suffix) else ""


def download_headers(filename: str, media_type: str) -> dict[str, str]:
    """``Content-Disposition: attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266)."""
    ascii_name = _ASCII_NAME.sub("_", filename).strip("._") or "unduhan"
    quoted = urllib.parse.quote(filename, safe="")
    return {"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quoted}",
            "Content-Type": media_type}


MEDIA = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".json": "application/json; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


# ------------------------------------------------------------------------------------------------
# the private folder and the results kept for the pages


@dataclass
class Job:
    id: str
    kind: str  # "check" or "draft"
    name: str  # the client's file name (display only)
    folder: Path
    input: Path
    created: float = field(default_factory=time.monotonic)
    result: FileResult | None = None
    lang: str = "id"


class Store:
    """Jobs in a private temporary folder; expired ones (and all at :meth:`close`) are removed."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else Path(tempfile.mkdtemp(prefix="lkip-serve-"))
        os.chmod(self.root, 0o700)
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> Path:
        return Path(tempfile.mkdtemp(dir=self.root))

    def add(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.id] = job
        self.expire()

    def get(self, job_id: str, kind: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and job.kind == kind else None

    def expire(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            old = [j for j in self._jobs.values() if now - j.created > JOB_TTL]
            extra = len(self._jobs) - len(old) - MAX_JOBS
            if extra > 0:
                live = sorted((j for j in self._jobs.values() if j not in old), key=lambda j: j.created)
                old += live[:extra]
            for j in old:
                self._jobs.pop(j.id, None)
        for j in old:
            shutil.rmtree(j.folder, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            self._jobs.clear()
        shutil.rmtree(self.root, ignore_errors=True)


async def save_upload(upload: UploadFile, folder: Path, stem: str, limit: int) -> tuple[Path, str]:
    """Copy an uploaded file to ``folder/stem<suffix>`` (a generated name); returns the path and
    the client's display name. Refuses (413) a file larger than ``limit``."""
    name = display_name(upload.filename)
    path = folder / (stem + safe_suffix(name))
    size = 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        while chunk := await upload.read(1024 * 1024):
            size += len(chunk)
            if size > limit:
                raise HTTPException(413, _too_large(limit))
            fh.write(chunk)
    await upload.close()
    return path, name


def _too_large(limit: int) -> str:
    return f"berkas terlalu besar (batas unggahan {limit / MB:g} MB; ubah dengan --max-upload)"


# ------------------------------------------------------------------------------------------------
# the work (in a worker thread, one at a time: the checks and pandoc use the CPU)

_WORK = threading.Lock()


def _renamed_text(text: str, tmp: str, name: str) -> str:
    return text.replace(tmp, name)


def run_check(path: Path, name: str, config: CheckConfig) -> FileResult:
    """Check one uploaded file; the result is reported under ``name`` (its ``source`` is the
    temporary copy). A file that cannot be read becomes a result with ``error``."""
    from drafter.check.batch import FileResult, check_file
    from drafter.report.views import filter_severity

    tmp = str(path)
    with _WORK:
        try:
            r = check_file(path, copy.deepcopy(config))
        except LkipError as err:
            return FileResult(name, error=_renamed_text(str(err), tmp, name), source=tmp)
        except Exception as exc:  # noqa: BLE001 - one bad upload must not stop the server
            return FileResult(name, error=f"{name}: tidak dapat diperiksa ({type(exc).__name__})",
                              source=tmp)
    r = replace(r, path=name, source=tmp, notices=[_renamed_text(n, tmp, name) for n in r.notices])
    return filter_severity([r], config.extra.get("min_severity"))[0]


def figures_problems(path: Path, name: str) -> list[dict[str, str]]:
    """The validation errors of a figures file, one dict per error: ``where`` (line, or
    sheet!cell for a workbook), ``field`` and ``message``; empty when the file is valid."""
    from drafter.figures import load_figures

    tmp = str(path)
    try:
        with _WORK:
            load_figures(path)
    except LkipError as err:
        where = ""
        if err.line:
            where = str(err.line)
        field_ = err.field or ""
        if "!" in field_ and not where:  # a workbook cell named as the field (Sheet!B4)
            where, _, field_ = field_.partition(" ")
        message = _renamed_text(err.message, tmp, name)
        first = {"where": where, "field": _renamed_text(field_, tmp, name), "message": message,
                 "text": _renamed_text(str(err), tmp, name)}
        listed = getattr(err, "errors", None)  # a workbook lists all ("file: Sheet!B4: message")
        if isinstance(listed, list) and len(listed) > 1 and all(isinstance(x, str) for x in listed):
            out = []
            for line in listed[:200]:
                rest = line[len(tmp) + 2:] if line.startswith(tmp + ": ") else line
                ref, _, msg = rest.partition(": ")
                out.append({"where": ref, "field": "", "message": msg or ref, "text": ""})
            out[0]["text"] = first["text"]
            return out
        more = _every_field_error(path) if "kesalahan lain" in err.message else None
        if more and more[0][1] == first["field"]:
            return [first] + [{"where": w, "field": f, "message": m, "text": ""} for w, f, m in more[1:]]
        return [first]
    return []


def _every_field_error(path: Path) -> list[tuple[str, str, str]] | None:
    """``(line, field, message)`` of every validation error of a YAML/JSON figures file whose
    first error :func:`load_figures` reported (it stops at the first), or None when they cannot
    be listed. Uses the loader's own message and line helpers, so the wording is the same."""
    if path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return None
    try:
        from pydantic import ValidationError

        from drafter.figures import loader
        from drafter.figures.model import Figures

        text = path.read_text(encoding="utf-8-sig")
        with _WORK:
            if path.suffix.lower() == ".json":
                data = json.loads(text)
                root = loader._compose_json(text)
            else:
                root, data = loader._parse_yaml(text)
            try:
                Figures.model_validate(data)
                return None
            except ValidationError as exc:
                errors = loader._dedupe_union(exc.errors(include_url=False))
            out = []
            for e in errors[:200]:
                loc, msg = loader._message(e)
                line = loader._node_line(root, loc)
                out.append((str(line or ""), loader.format_loc(loc), msg))
        return out
    except Exception:  # noqa: BLE001 - the loader changed: the first error is still shown
        return None


def draft_bytes(path: Path, name: str, fmt: str, folder: Path) -> bytes:
    """The drafted BAB III of an uploaded figures file (``fmt`` ``docx`` or ``md``)."""
    from drafter.draft import draft_file

    out = folder / f"bab3.{fmt}"
    tmp = str(path)
    with _WORK:
        try:
            draft_file(path, out)
        except LkipError as err:
            raise LkipError(_renamed_text(str(err), tmp, name)) from None
    return out.read_bytes()


def preview_html(path: Path) -> str:
    """BAB III as HTML for the page: the drafted Markdown through markdown-it with raw HTML off
    (every character of the figures is escaped; links with unsafe schemes are dropped)."""
    from markdown_it import MarkdownIt

    from drafter.draft import draft_markdown

    with _WORK:
        md = draft_markdown(path)
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = parser.parse(md)
    for tok in tokens:  # column alignment as a class: the page's CSP allows no inline style
        style = tok.attrs.pop("style", None) if tok.attrs else None
        if style and tok.type in ("th_open", "td_open"):
            align = str(style).rsplit(":", 1)[-1].strip()
            if align in ("left", "right", "center"):
                tok.attrSet("class", f"align-{align}")
    return parser.renderer.render(tokens, parser.options, {})


# ------------------------------------------------------------------------------------------------
# safety middleware


class Guard:
    """Host check, upload limit, token/password, Origin check and security headers."""

    def __init__(self, app: Any, settings: Settings) -> None:
        self.app = app
        self.s = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path = scope.get("path", "/")
        api = path.startswith("/api/") or path == "/periksa/berkas"  # answered in JSON
        if not self.s.host_allowed(headers.get("host", "")):
            await _plain(send, 403, "Host tidak diizinkan (hanya localhost/127.0.0.1)", api)
            return
        method = scope.get("method", "GET")
        origin = headers.get("origin")
        # same host AND port: SameSite cookies would also go along from another local port
        if method not in ("GET", "HEAD") and origin is not None and origin != "null" \
                and urllib.parse.urlsplit(origin).netloc.lower() != headers.get("host", "").lower():
            await _plain(send, 403, "permintaan dari situs lain ditolak", api)
            return
        try:
            length = int(headers.get("content-length", "0") or 0)
        except ValueError:
            length = -1
        limit = self.s.max_upload + FORM_OVERHEAD
        if length < 0 or length > limit:
            await _plain(send, 413 if length > 0 else 400,
                         _too_large(self.s.max_upload) if length > 0 else "Content-Length salah", api)
            return

        query = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given_query = (query.get("token") or [None])[0]
        auth = headers.get("authorization", "")
        given_header = auth[7:].strip() if auth[:7].lower() == "bearer " else None
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie header is just no cookie
            cookie = SimpleCookie()
        morsel = cookie.get(self.s.cookie_name)
        given_cookie = morsel.value if morsel is not None else None
        ok = any(g is not None and secrets.compare_digest(g.encode(), self.s.token.encode())
                 for g in (given_query, given_header, given_cookie))
        if not ok and self.s.password and (path == "/login" or path.startswith("/static/")):
            ok = True  # the sign-in page itself and its style sheet
        if not ok:
            if self.s.password and method == "GET" and not api:
                target = "/login?next=" + urllib.parse.quote(path, safe="/")
                await _redirect(send, target)
                return
            lang = (query.get("lang") or ["id"])[0]
            await _plain(send, 401, texts(lang)["denied"], api, lang=lang)
            return
        if given_query is not None and method == "GET" and not api:
            # the token URL: remember the token in a cookie and drop it from the address bar
            rest = urllib.parse.urlencode([(k, v) for k, vs in query.items() if k != "token" for v in vs])
            # "//host" would leave this server (protocol-relative): one leading slash only
            local = "/" + urllib.parse.quote(path.lstrip("/\\"), safe="/:@!$&'()*+,;=-._~")
            await _redirect(send, local + ("?" + rest if rest else ""), cookie=self._cookie())
            return

        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(413, _too_large(self.s.max_upload))
            return message

        async def secure_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(b"content-security-policy", PAGE_CSP.encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY"),
                         (b"cache-control", b"no-store"),
                         (b"cross-origin-opener-policy", b"same-origin"),
                         (b"cross-origin-resource-policy", b"same-origin")]
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in extra if k not in names]
            await send(message)

        await self.app(scope, limited_receive, secure_send)

    def _cookie(self) -> str:
        return (f"{self.s.cookie_name}={self.s.token}; Path=/; HttpOnly; SameSite=Strict")


async def _plain(send: Send, status: int, message: str, api: bool, lang: str = "id") -> None:
    if api:
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
        ctype = b"application/json; charset=utf-8"
    else:
        body = _render("error.html.j2", lang, status=status, message=message).encode("utf-8")
        ctype = b"text/html; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
               (b"content-security-policy", PAGE_CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"cache-control", b"no-store"), (b"referrer-policy", b"no-referrer")]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="lkip"'))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Send, location: str, cookie: str | None = None) -> None:
    headers = [(b"location", location.encode("latin-1", "replace")), (b"content-length", b"0"),
               (b"cache-control", b"no-store"), (b"referrer-policy", b"no-referrer")]
    if cookie:
        headers.append((b"set-cookie", cookie.encode("latin-1")))
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


# ------------------------------------------------------------------------------------------------
# pages

_ENV: jinja2.Environment | None = None


def _env() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                                  autoescape=True, undefined=jinja2.StrictUndefined,
                                  trim_blocks=True, lstrip_blocks=True)
    return _ENV


def _render(template: str, lang: str, **ctx: Any) -> str:
    lang = "en" if lang == "en" else "id"
    ctx.setdefault("page", "")
    return _env().get_template(template).render(lang=lang, T=texts(lang), **ctx)


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "id"


def _page(request: Request, template: str, code: int = 200, **ctx: Any) -> HTMLResponse:
    return HTMLResponse(_render(template, _lang(request), **ctx), status_code=code)


def accepted_suffixes() -> list[str]:
    from drafter.document.readers import SUPPORTED

    out = [".docx", ".txt", ".md"]
    if ".pdf" in SUPPORTED:  # when a PDF reader is available
        out.append(".pdf")
    return out


def figures_suffixes() -> list[str]:
    from drafter.figures import loader

    known = getattr(loader, "FIGURES_SUFFIXES", (".yaml", ".yml", ".json"))
    return sorted(set(known) | {".xlsx"}, key=lambda s: (s != ".xlsx", s))


async def home(request: Request) -> Response:
    return RedirectResponse("/periksa" + ("?lang=en" if _lang(request) == "en" else ""), 303)


async def check_page(request: Request) -> Response:
    limit = request.app.state.settings.max_upload
    return _page(request, "periksa.html.j2", page="periksa", accept=",".join(accepted_suffixes()),
                 max_upload=limit, too_large=_too_large(limit))


async def draft_page(request: Request) -> Response:
    return _page(request, "susun.html.j2", page="susun", accept=",".join(figures_suffixes()),
                 problems=[], job=None, preview=None, name=None)


async def rules_page(request: Request) -> Response:
    from drafter.check import docs
    from drafter.check.docs import rule_examples
    from drafter.check.registry import all_rules
    from drafter.report.common import category_label, severity_label

    lang = _lang(request)
    localized = getattr(docs, "rule_doc", None)  # Indonesian texts where the docs module has them
    rules = []
    for r in all_rules():
        d = localized(r, lang) if localized is not None else r.doc()
        ex = rule_examples(r.code)
        fails = ex.get("fail") or []
        passes = ex.get("pass") or []
        rules.append({
            "code": r.code, "name": r.name, "category": r.category,
            "cat_label": category_label(r.category, lang), "severity": r.severity,
            "sev_label": severity_label(r.severity, lang),
            "what": _paragraphs(d["what"]), "why": _paragraphs(d["why"]),
            "more": _paragraphs(d["more"]),
            "fail": str(fails[0]["text"]) if fails else "", "pass": str(passes[0]["text"]) if passes else "",
        })
    return _page(request, "aturan.html.j2", page="aturan", rules=rules)


def _paragraphs(text: str) -> list[str]:
    """A docstring part as paragraphs, the line breaks of the source inside each removed."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _config(request: Request) -> CheckConfig:
    return request.app.state.config


def _job_summary(job: Job) -> dict[str, Any]:
    r = job.result
    assert r is not None
    sev = {"error": 0, "warning": 0, "info": 0}
    for i in r.issues:
        sev[i.severity] = sev.get(i.severity, 0) + 1
    return {"id": job.id, "name": job.name, "error": r.error, "issues": len(r.issues),
            "errors": sev["error"], "warnings": sev["warning"], "infos": sev["info"]}


async def check_upload(request: Request) -> Response:
    """One file of the *Periksa* page: checked and kept as a job; answers its summary (JSON)."""
    store: Store = request.app.state.store
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return JSONResponse({"error": "berkas belum dipilih (kolom 'file')"}, status_code=400)
    folder = store.new_folder()
    job_id = secrets.token_hex(8)
    try:
        path, name = await save_upload(upload, folder, "masukan", request.app.state.settings.max_upload)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    lang = "en" if form.get("lang") == "en" else "id"
    job = Job(job_id, "check", name, folder, path, lang=lang)
    job.result = await run_in_threadpool(run_check, path, name, _config(request))
    store.add(job)
    return JSONResponse(_job_summary(job))


def _jobs_from(request: Request, kind: str) -> list[Job]:
    store: Store = request.app.state.store
    ids = [i for i in request.query_params.get("ids", "").split(",") if i][:100]
    jobs = [store.get(i, kind) for i in ids]
    if not jobs or any(j is None for j in jobs):
        raise HTTPException(404, texts(_lang(request))["not_found"])
    return [j for j in jobs if j is not None]


async def check_report(request: Request) -> Response:
    """The HTML report (:mod:`drafter.report.html`) of one or more checked files, for the frame."""
    from drafter.report import html

    jobs = _jobs_from(request, "check")
    lang = _lang(request)
    results = [j.result for j in jobs if j.result is not None]
    page = await run_in_threadpool(html.render_html, results, batch=len(results) > 1, lang=lang)
    m = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    csp = (html_lib.unescape(m.group(1)) if m else "default-src 'none'") + \
        "; frame-ancestors 'self'; form-action 'none'; base-uri 'none'"
    return HTMLResponse(page, headers={"Content-Security-Policy": csp, "X-Frame-Options": "SAMEORIGIN"})


async def check_download(request: Request) -> Response:
    store: Store = request.app.state.store
    job = store.get(request.path_params["job"], "check")
    kind = request.path_params["kind"]
    if job is None or job.result is None or kind not in ("docx", "xlsx", "json"):
        raise HTTPException(404, texts(_lang(request))["not_found"])
    r = job.result
    if r.error:
        raise HTTPException(422, r.error)
    lang = _lang(request)
    stem = PurePath(job.name).stem or "laporan"
    if kind == "json":
        from drafter.report.textfmt import render_json

        data: bytes = render_json([r]).encode("utf-8")
        fname = f"{stem}-temuan.json"
    elif kind == "xlsx":
        from drafter.report.table import render_xlsx

        data = await run_in_threadpool(render_xlsx, [r], batch=False, lang=lang)
        fname = f"{stem}-temuan.xlsx"
    else:
        data = await run_in_threadpool(_annotated, job, lang)
        fname = f"{stem}-reviu.docx"
    return Response(data, headers=download_headers(fname, MEDIA["." + kind]))


def _annotated(job: Job, lang: str) -> bytes:
    from drafter.report.annotate import annotate_file

    assert job.result is not None
    out = job.folder / f"reviu-{lang}.docx"
    with _WORK:
        if not out.exists():
            annotate_file(job.input, job.result.issues, out, lang=lang)
    return out.read_bytes()


async def draft_upload(request: Request) -> Response:
    """*Susun*: validate the uploaded figures file; errors per field, or the preview."""
    store: Store = request.app.state.store
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("figures")
    accept = ",".join(figures_suffixes())
    if not isinstance(upload, UploadFile):
        return _page(request, "susun.html.j2", 400, page="susun", accept=accept, job=None, preview=None,
                     name=None, problems=[{"where": "", "field": "figures", "message": "berkas belum dipilih",
                                           "text": "berkas belum dipilih"}])
    folder = store.new_folder()
    try:
        path, name = await save_upload(upload, folder, "angka", request.app.state.settings.max_upload)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    problems = await run_in_threadpool(figures_problems, path, name)
    if problems:
        shutil.rmtree(folder, ignore_errors=True)
        return _page(request, "susun.html.j2", 422, page="susun", accept=accept, job=None,
                     preview=None, name=name, problems=problems)
    try:
        preview = await run_in_threadpool(preview_html, path)
    except LkipError as err:
        shutil.rmtree(folder, ignore_errors=True)
        return _page(request, "susun.html.j2", 422, page="susun", accept=accept, job=None, preview=None,
                     name=name, problems=[{"where": "", "field": "", "message": err.message,
                                           "text": _renamed_text(str(err), str(path), name)}])
    job = Job(secrets.token_hex(8), "draft", name, folder, path)
    store.add(job)
    from markupsafe import Markup

    return _page(request, "susun.html.j2", page="susun", accept=accept, job=job,
                 preview=Markup(preview), name=name, problems=[])


async def draft_download(request: Request) -> Response:
    store: Store = request.app.state.store
    job = store.get(request.path_params["job"], "draft")
    fmt = request.path_params["fmt"]
    if job is None or fmt not in ("docx", "md"):
        raise HTTPException(404, texts(_lang(request))["not_found"])
    out_dir = Path(tempfile.mkdtemp(dir=job.folder))
    try:
        data = await run_in_threadpool(draft_bytes, job.input, job.name, fmt, out_dir)
    except LkipError as err:
        raise HTTPException(422, str(err)) from None
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    stem = PurePath(job.name).stem or "bab3"
    return Response(data, headers=download_headers(f"{stem}-bab3.{fmt}", MEDIA["." + fmt]))


# ------------------------------------------------------------------------------------------------
# API


async def api_check(request: Request) -> Response:
    """``POST /api/check`` (multipart ``file``): the JSON of ``lkip check --format json``."""
    from drafter.report.textfmt import render_json

    store: Store = request.app.state.store
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return JSONResponse({"error": "kolom multipart 'file' belum diisi"}, status_code=400)
    folder = store.new_folder()
    try:
        path, name = await save_upload(upload, folder, "masukan", request.app.state.settings.max_upload)
        r = await run_in_threadpool(run_check, path, name, _config(request))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if r.error:
        return JSONResponse({"error": r.error}, status_code=422)
    return Response(render_json([r]), media_type="application/json; charset=utf-8")


async def api_draft(request: Request) -> Response:
    """``POST /api/draft`` (multipart ``figures``, ``format=docx|md``): the drafted file."""
    store: Store = request.app.state.store
    form = await request.form(max_files=1, max_fields=4)
    upload = form.get("figures")
    fmt = str(form.get("format") or "docx").lower()
    if fmt not in ("docx", "md"):
        return JSONResponse({"error": f"format {fmt!r} tidak didukung; pilih docx atau md"}, status_code=400)
    if not isinstance(upload, UploadFile):
        return JSONResponse({"error": "kolom multipart 'figures' belum diisi"}, status_code=400)
    folder = store.new_folder()
    try:
        path, name = await save_upload(upload, folder, "angka", request.app.state.settings.max_upload)
        try:
            data = await run_in_threadpool(draft_bytes, path, name, fmt, folder)
        except LkipError as err:
            return JSONResponse({"error": str(err)}, status_code=422)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    stem = PurePath(name).stem or "bab3"
    return Response(data, headers=download_headers(f"{stem}-bab3.{fmt}", MEDIA["." + fmt]))


# ------------------------------------------------------------------------------------------------
# sign-in (only with --password)


async def login(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if not settings.password:
        raise HTTPException(404, texts(_lang(request))["not_found"])
    nxt = request.query_params.get("next", "/")
    if not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
        nxt = "/"
    if request.method == "GET":
        return _page(request, "login.html.j2", next=nxt, wrong=False)
    form = await request.form(max_files=0, max_fields=4)
    given = str(form.get("password") or "")
    if not secrets.compare_digest(given.encode(), settings.password.encode()):
        await asyncio.sleep(1.0)  # slows down guessing
        return _page(request, "login.html.j2", 401, next=nxt, wrong=True)
    resp = RedirectResponse(nxt, 303)
    resp.set_cookie(settings.cookie_name, settings.token, httponly=True, samesite="strict", path="/")
    return resp


# ------------------------------------------------------------------------------------------------


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/") or request.url.path.startswith("/periksa/berkas"):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return _page(request, "error.html.j2", exc.status_code, status=exc.status_code, message=exc.detail)


def create_app(settings: Settings, config: CheckConfig | None = None) -> Any:
    """The application, wrapped in :class:`Guard`. ``config``: the checker configuration
    (default: ``lkip.toml`` / ``[tool.lkip]`` found from the current folder, as ``lkip check``)."""
    from contextlib import asynccontextmanager

    from drafter.check.config import make_config

    store = Store(settings.workdir)
    cfg = config if config is not None else make_config(Path.cwd())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        try:
            yield
        finally:
            store.close()

    routes = [
        Route("/", home),
        Route("/periksa", check_page),
        Route("/periksa/berkas", check_upload, methods=["POST"]),
        Route("/periksa/laporan", check_report),
        Route("/periksa/{job:str}/unduh/{kind:str}", check_download),
        Route("/susun", draft_page),
        Route("/susun/berkas", draft_upload, methods=["POST"]),
        Route("/susun/{job:str}/unduh/{fmt:str}", draft_download),
        Route("/aturan", rules_page),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/draft", api_draft, methods=["POST"]),
        Route("/login", login, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: http_error})
    app.state.settings = settings
    app.state.store = store
    app.state.config = cfg
    guarded = Guard(app, settings)
    guarded.store = store  # type: ignore[attr-defined]  # for cleanup by the caller
    return guarded
