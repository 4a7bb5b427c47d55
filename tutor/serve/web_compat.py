"""The textual-serve internals the web route overrides, checked so an upgrade fails loudly, not quietly.

Written against textual-serve 1.1.3 (pyproject pins >=1.1,<1.2). If this raises, read
textual_serve/server.py and app_service.py of the new version and update web.py and web_tab.py.
"""
from __future__ import annotations

import inspect
import os
from importlib.metadata import version
from pathlib import Path

from tutor.locale import t

CHECKED = "1.1.3"


def problems() -> list[str]:
    import textual_serve
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

    from tutor.serve.web_tab import app_environment

    found = []
    for cls, names in ((Server, ("handle_index", "handle_websocket", "_make_app", "on_startup", "on_shutdown",
                                 "download_manager", "title", "console")),
                       (AppService, ("_build_environment", "_open_app_process", "start", "stop", "run",
                                     "send_bytes", "send_meta", "set_terminal_size", "blur", "focus"))):
        for name in names:
            if not hasattr(cls, name) and name not in inspect.getsource(cls.__init__):
                found.append(f"{cls.__name__}.{name} is gone")
    # The routes must call our handlers, under the names the page is built from.
    routes = inspect.getsource(Server._make_app)
    for needle in ('"/ws", self.handle_websocket, name="websocket"', '"/", self.handle_index',
                   'name="static"'):
        if needle not in routes:
            found.append(f"Server._make_app no longer has {needle}")
    init = inspect.signature(AppService.__init__).parameters
    found += [f"AppService() takes no {p}" for p in ("command", "write_bytes", "write_str", "close",
                                                    "download_manager") if p not in init]
    service = AppService("true", write_bytes=None, write_str=None, close=None, download_manager=None)
    found += [f"AppService has no {a}" for a in ("_process", "_stdin", "_task") if not hasattr(service, a)]
    # Every variable textual-serve sets for its web driver, we set too (the rest of its env we drop).
    theirs = {k for k, v in service._build_environment(80, 24).items() if os.environ.get(k) != v}
    found += [f"textual-serve now sets ${k} for the app" for k in sorted(theirs - set(app_environment(Path("."), 80, 24)))]
    # The page template and its script: the variables we fill in, the query the script sends.
    root = Path(textual_serve.__file__).parent
    page = (root / "templates" / "app_index.html").read_text(encoding="utf-8")
    found += [f"app_index.html no longer uses {v}" for v in ("config.static.url", "app_websocket_url", "font_size")
              if v not in page]
    script = (root / "static" / "js" / "textual.js").read_text(encoding="utf-8")
    found += [f"textual.js no longer sends {s}" for s in ('"?width="', '"&height="', '["stdin",', '["resize",')
              if s not in script]
    return found


def check_textual_serve() -> None:
    if found := problems():
        raise RuntimeError(t("dltutor serve web was checked against textual-serve {checked}; the installed "
                             "{installed} differs: {problems}", checked=CHECKED, installed=version("textual-serve"),
                             problems="; ".join(found)))
