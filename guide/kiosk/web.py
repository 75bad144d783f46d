"""The browser kiosk: textual-serve with a page that loads nothing from outside this
machine, reloads itself when the guide ends, and logs no request lines.

textual-serve starts one guide process per browser tab with the command it is given;
guide.kiosk.command builds that command from this same Python, so the served kiosk is the
same code, config and content as `immunoguide kiosk` in a terminal.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any, cast

import aiohttp_jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).parent / "templates"
TITLE = "Immunotherapy guide"
DEFAULT_FONT_SIZE = 24
DEFAULT_MAX_SESSIONS = 8
"""Each browser session is a kiosk process; beyond this many, new ones are told to wait."""

BUSY_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Immunotherapy guide</title>"
    "<body style='font:28px sans-serif;margin:3em'><h1>All screens are busy</h1>"
    "<p>Every screen of the guide is in use just now. Please try again in a few minutes.</p></body></html>"
)


class KioskServer(Server):  # type: ignore[misc]
    """textual-serve's server, quiet and self-contained for a waiting room: only pages of
    this server may open a session (the Origin header), and at most ``max_sessions`` run."""

    def __init__(self, *args: Any, max_sessions: int = DEFAULT_MAX_SESSIONS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_sessions = max_sessions
        self.sessions = 0

    def own_origin(self, request: web.Request) -> bool:
        """A websocket may come only from a page this server served (not another site the
        browser has open): its Origin must be this server's own address."""
        origin = request.headers.get("Origin")
        return origin is not None and origin in (f"http://{request.host}", f"https://{request.host}")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.own_origin(request):
            raise web.HTTPForbidden(text="This guide answers only its own page.")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text="All screens are busy.")
        self.sessions += 1
        try:
            response: web.WebSocketResponse = await super().handle_websocket(request)
        finally:
            self.sessions -= 1
        return response

    def initialize_logging(self) -> None:
        # Warnings and errors only, to stderr (the journal); no access log lines.
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
        logging.getLogger("aiohttp.access").setLevel(logging.ERROR)

    async def on_startup(self, app: web.Application) -> None:
        print(f"Serving the kiosk on {self.public_url} (stop with ctrl+c).", flush=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            return web.Response(text=BUSY_PAGE, content_type="text/html", status=503)
        # The packaged page, at a large font unless the address asks for another size.
        if "fontsize" not in request.query:
            raise web.HTTPFound(request.rel_url.update_query(fontsize=str(DEFAULT_FONT_SIZE)))
        page_context = cast(Any, Server.handle_index).__wrapped__  # the undecorated context builder
        context: dict[str, Any] = await page_context(self, request)
        return aiohttp_jinja2.render_template("kiosk_index.html", request, context)


def make_server(command: str, host: str, port: int) -> KioskServer:
    statics = Path(textual_serve.__file__).parent / "static"
    return KioskServer(command, host=host, port=port, title=TITLE, statics_path=statics, templates_path=TEMPLATES)
