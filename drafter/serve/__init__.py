"""``lkip serve``: the local web application (see :mod:`drafter.serve.app`)."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import sys
import threading
import urllib.parse

from drafter.errors import LkipError

DEFAULT_PORT = 8750


def is_loopback(host: str) -> bool:
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    h = host.strip("[]") or "0.0.0.0"
    family = socket.AF_INET6 if ":" in h else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if sys.platform != "win32":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((h, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise LkipError(f"tidak dapat membuka {h}:{port} ({exc.strerror or exc}); pilih --port lain",
                        field="--port") from None
    sock.set_inheritable(True)
    return sock


def serve(*, host: str = "127.0.0.1", port: int = DEFAULT_PORT, token: str | None = None,
          password: str | None = None, max_upload_mb: int = 50, open_browser: bool = True) -> None:
    """Run the server until Ctrl-C. Raises :class:`LkipError` on bad options."""
    if not is_loopback(host) and not password:
        raise LkipError("--host selain alamat loopback (127.0.0.1/localhost) memerlukan --password, "
                        "karena komputer lain di jaringan dapat membuka server ini", field="--host")
    if not 1 <= max_upload_mb <= 1024:
        raise LkipError(f"harus antara 1 dan 1024 (MB), bukan {max_upload_mb}", field="--max-upload")
    if not 0 <= port <= 65535:
        raise LkipError(f"harus antara 0 dan 65535, bukan {port}", field="--port")
    if token is not None and (len(token) < 8 or not token.isprintable() or " " in token):
        raise LkipError("token harus paling sedikit 8 karakter, tanpa spasi", field="--token")
    import uvicorn

    from drafter.serve.app import Settings, create_app

    token = token or secrets.token_urlsafe(32)
    sock = _bind(host, port)
    actual = sock.getsockname()[1]
    settings = Settings(token=token, password=password, max_upload=max_upload_mb * 1024 * 1024,
                        host=host, port=actual)
    app = create_app(settings)
    shown = host if is_loopback(host) or host not in ("0.0.0.0", "::") else socket.gethostname()
    if ":" in shown:
        shown = f"[{shown.strip('[]')}]"
    url = f"http://{shown}:{actual}/?token={urllib.parse.quote(token)}"
    print(f"lkip serve: buka {url}", file=sys.stderr)
    print("lkip serve: tekan Ctrl-C untuk berhenti", file=sys.stderr, flush=True)
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                            server_header=False, proxy_headers=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        app.store.close()
