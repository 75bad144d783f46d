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


class KioskServer(Server):  # type: ignore[misc]
    """textual-serve's server, quiet and self-contained for a waiting room."""

    def initialize_logging(self) -> None:
        # Warnings and errors only, to stderr (the journal); no access log lines.
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
        logging.getLogger("aiohttp.access").setLevel(logging.ERROR)

    async def on_startup(self, app: web.Application) -> None:
        print(f"Serving the kiosk on {self.public_url} (stop with ctrl+c).", flush=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # The packaged page, at a large font unless the address asks for another size.
        if "fontsize" not in request.query:
            raise web.HTTPFound(request.rel_url.update_query(fontsize=str(DEFAULT_FONT_SIZE)))
        page_context = cast(Any, Server.handle_index).__wrapped__  # the undecorated context builder
        context: dict[str, Any] = await page_context(self, request)
        return aiohttp_jinja2.render_template("kiosk_index.html", request, context)


def make_server(command: str, host: str, port: int) -> KioskServer:
    statics = Path(textual_serve.__file__).parent / "static"
    return KioskServer(command, host=host, port=port, title=TITLE, statics_path=statics, templates_path=TEMPLATES)
