"""`dltutor serve web`: textual-serve runs one dltutor process per browser tab.

A tab has no login, so unless the teacher names one `--student` for all tabs,
each tab starts on the name screen (`dltutor --ask-name`): the student types
a name and picks a language, and progress is recorded under that name.

ClassroomServer overrides textual-serve's two handlers (checked against
textual-serve 1.1.3; tutor/serve/web_compat.py fails loudly if they move):
- the page points the browser back at the address it was fetched through
  (a validated Host header) or at --public-url, never at 0.0.0.0;
- a websocket is refused unless its Origin is that same address (403), and
  beyond --max-sessions tabs, or --max-per-address from one address (503);
- a client's messages are bounded (MAX_MESSAGE bytes) and checked, sizes clamped;
- stopping the server stops every tab's app (tutor/serve/web_tab.py).
"""
from __future__ import annotations

import asyncio
import html
import ipaddress
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.server import Server, to_int

from tutor.locale import SOURCE, languages, t, using
from tutor.serve.forkserver import Zygote
from tutor.serve.web_tab import TabApp, app_argv, as_cells, zygote_environment

log = logging.getLogger("textual-serve")

MAX_MESSAGE = 64 * 1024       # bytes in one websocket message: a key, a paste, a resize
MAX_PING = 100                # characters of a ping's payload echoed back

__all__ = ["WebOptions", "serve_web", "app_argv", "public_url", "valid_host"]


@dataclass
class WebOptions:
    host: str
    port: int
    data_dir: Path
    student: str | None = None
    lang: str | None = None
    public_url: str | None = None
    max_sessions: int = 60
    max_per_address: int = 10     # 0: no limit (every student behind one proxy or NAT address)
    db: str | None = None         # --db: progress elsewhere than data_dir/progress.db
    prefork: bool = True          # fork each tab's app from a zygote (tutor/serve/zygote.py)


_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?"
_HOST = re.compile(rf"(?P<name>{_LABEL}(?:\.{_LABEL})*|\[(?P<ip6>[0-9A-Fa-f:.]+)\])(?::(?P<port>\d{{1,5}}))?")


def valid_host(value: str) -> bool:
    """A Host header we can put in a URL: a host name, IPv4 or [IPv6], and an optional port."""
    match = _HOST.fullmatch(value)
    if match is None or len(value) > 255:
        return False
    if match["ip6"]:
        try:
            ipaddress.IPv6Address(match["ip6"])
        except ValueError:
            return False
    return match["port"] is None or 0 < int(match["port"]) < 65536


def public_url(text: str) -> str:
    """--public-url checked: http(s)://HOST[:PORT][/PATH], returned without a trailing slash."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not valid_host(parts.netloc) or parts.query or parts.fragment:
        raise ValueError(t("--public-url must look like http://HOST:PORT or https://HOST/PATH"))
    return f"{parts.scheme}://{parts.netloc}{parts.path}".rstrip("/")


def origin_of(url: str) -> str:
    """scheme://host[:port] in the form a browser sends as Origin (lower case, no default port)."""
    parts = urlsplit(url.lower())
    default = {"http": ":80", "https": ":443"}.get(parts.scheme, "")
    netloc = parts.netloc[: -len(default)] if default and parts.netloc.endswith(default) else parts.netloc
    return f"{parts.scheme}://{netloc}"


def full_message(reason: str, n: int) -> str:
    """Why a tab is refused, in the current language (tutor.locale)."""
    if reason == "class":
        return t("The class is full ({n} students). Please try again in a minute.", n=n)
    return t("This computer already has {n} dltutor tabs open. Close one, then reload this page.", n=n)


def full_page(reason: str, n: int) -> web.Response:
    """The page instead of a tab, in every language: we don't know the student's yet."""
    paragraphs = []
    for lang in languages():
        with using(lang):
            paragraphs.append(f'<p lang="{lang}">{html.escape(full_message(reason, n))} '
                              f'<a href="">{html.escape(t("Reload"))}</a></p>')
    body = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>dltutor</title></head>'
            '<body style="font-family: sans-serif; margin: 3em">' + "".join(paragraphs) + "</body></html>")
    return web.Response(status=503, text=body, content_type="text/html", charset="utf-8",
                        headers={"Retry-After": "60", "Cache-Control": "no-store"})


class ClassroomServer(Server):
    def __init__(self, options: WebOptions) -> None:
        self.options = options
        self.argv = app_argv(options.data_dir, options.student, options.lang)
        super().__init__(" ".join(self.argv), host=options.host, port=options.port, title="dltutor",
                         public_url=options.public_url)
        self.tabs: dict[web.WebSocketResponse, str] = {}     # open tab -> the client's address
        self.apps: set[TabApp] = set()
        self.zygote = Zygote(zygote_environment(options.data_dir), log=log.warning) if options.prefork else None

    def base_url(self, request: web.Request) -> str | None:
        """Where the browser reaches us: --public-url, else the request's own Host (None if invalid)."""
        if self.options.public_url:
            return self.options.public_url
        host = request.headers.get("Host", "")
        return f"{request.scheme}://{host}" if valid_host(host) else None

    def refusal(self, address: str) -> tuple[str, int] | None:
        if len(self.tabs) >= self.options.max_sessions:
            return "class", self.options.max_sessions
        most = self.options.max_per_address
        if most and sum(a == address for a in self.tabs.values()) >= most:
            return "address", most
        return None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        base = self.base_url(request)
        if base is None:
            raise web.HTTPBadRequest(text="bad Host header")
        if full := self.refusal(request.remote or ""):
            return full_page(*full)
        router = request.app.router
        socket_url = base + str(router["websocket"].url_for())
        context = {
            "font_size": max(6, min(to_int(request.query.get("fontsize", "16"), 16), 64)),
            "app_websocket_url": ("wss" if base.startswith("https:") else "ws") + socket_url[socket_url.index(":"):],
            "config": {"static": {"url": base + str(router["static"].url_for(filename="/")).rstrip("/") + "/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        address = request.remote or ""
        base = self.base_url(request)
        if base is None:
            raise web.HTTPBadRequest(text="bad Host header")
        origin = request.headers.get("Origin", "")
        if origin_of(origin) != origin_of(base):
            log.warning("refused a tab from %s: origin %.100r is not %s", address, origin, origin_of(base))
            raise web.HTTPForbidden(text="this page's origin may not open a dltutor tab")
        if full := self.refusal(address):
            with using(SOURCE):                 # the log is English
                why = full_message(*full)
            log.warning("refused a tab from %s: %s", address, why)
            raise web.HTTPServiceUnavailable(text=why, headers={"Retry-After": "60"})
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        self.tabs[websocket] = address        # counted before the first await: no race past the cap
        app = None
        try:
            await websocket.prepare(request)
            app = TabApp(self.argv, self.options.data_dir, db=self.options.db, write_bytes=websocket.send_bytes,
                         write_str=websocket.send_str, close=websocket.close, download_manager=self.download_manager,
                         zygote=self.zygote)
            self.apps.add(app)
            await app.start(width, height)
            log.info("tab opened from %s (%d open)", address, len(self.tabs))
            await self._process_messages(websocket, app)
        except OSError as error:
            log.error("could not start dltutor for a tab from %s: %s", address, error)
        finally:
            if app is not None:
                await app.stop()
                self.apps.discard(app)
            del self.tabs[websocket]
            await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app: TabApp) -> None:
        """textual.js's messages; anything malformed is ignored, anything too big closes the tab (1009)."""
        async for message in websocket:
            if message.type == WSMsgType.ERROR:
                break
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except (ValueError, RecursionError):
                continue
            if not (isinstance(envelope, list) and 1 <= len(envelope) <= 2 and isinstance(envelope[0], str)):
                continue
            kind, data = envelope[0], envelope[-1]          # ["focus"] and ["blur"] carry no data
            if kind == "stdin" and isinstance(data, str):
                await app.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = as_cells(data.get("width")), as_cells(data.get("height"))
                if width is not None and height is not None:
                    await app.set_terminal_size(width, height)
            elif kind == "ping" and isinstance(data, str) and len(data) <= MAX_PING:
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app.blur()
            elif kind == "focus":
                await app.focus()

    async def on_startup(self, app: web.Application) -> None:
        if self.zygote is not None:
            try:
                self.zygote.start()       # now, so the first tabs don't wait for its imports
            except OSError as exc:
                log.warning("zygote not started (%s): a fresh Python per tab", exc)
        where = self.options.public_url or t("http://<this computer's address>:{port}", port=self.options.port)
        per = self.options.max_per_address or t("no limit")
        self.console.print(t("dltutor: serving the class in browsers at {where}/ (at most {tabs} tabs, "
                             "{per} per computer; Ctrl+C stops)", where=where, tabs=self.options.max_sessions, per=per),
                           highlight=False, markup=False)

    async def on_shutdown(self, app: web.Application) -> None:
        """SIGTERM or Ctrl+C: close every tab and stop (or kill) its app before the server exits."""
        closing = [ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping") for ws in list(self.tabs)]
        await asyncio.gather(*closing, *(tab.stop() for tab in list(self.apps)), return_exceptions=True)
        if self.zygote is not None:
            self.zygote.close()


def serve_web(options: WebOptions) -> int:
    ClassroomServer(options).serve()
    return 0
