"""The browser kiosk: textual-serve with a page that loads nothing from outside this
machine, reloads itself when the guide ends, and logs no request lines.

textual-serve starts one guide process per browser tab with the command it is given;
guide.kiosk.command builds that command from this same Python, so the served kiosk is the
same code, config and content as `immunoguide kiosk` in a terminal. serve runs it through a
session zygote (guide.kiosk.session_zygote): one process with the kiosk already loaded forks
each session, so twenty browsers opening at once each see their first screen within a
second or two; if the zygote is gone, sessions are exec'd as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any, cast

import aiohttp_jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server

from guide.kiosk.config import DEFAULT_MAX_SESSIONS
from guide.kiosk.session_starter import (
    Helper,
    launcher_command,
    remove_folder,
    runtime_folder,
    start_speech_pool,
    start_zygote,
    stop_all,
)
from guide.speech.pool_client import POOL_VARIABLE

log = logging.getLogger("immunoguide.serve")

TEMPLATES = Path(__file__).parent / "templates"
TITLE = "Immunotherapy guide"
DEFAULT_FONT_SIZE = 24
QUIT_SECONDS = 3.0
"""How long the kiosks have to end by themselves when serve is stopped, before they are killed,
so SIGTERM ends serve and every kiosk within 5 s (aiohttp would wait 60 s for each session)."""
SESSIONS_VARIABLE = "IMMUNOGUIDE_SERVE_SESSIONS"
"""Set to "exec" to start every session as its own `immunoguide kiosk` process with its own
speech engines, as before the zygote and the pool (bench/serve_load.py measures both)."""
CLOSE_SECONDS = 1.0
"""How long a browser then has to answer the websocket's close before it is cut off."""

SPEECH_HERE_ONLY = ("Speech is played by the speakers of the machine running `immunoguide serve`, "
                    "not by the browser: a visitor hears it only at a browser on this same machine.")
"""Said by serve at start, and on the page of a browser elsewhere, when visitors may have speech."""

BUSY_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Immunotherapy guide</title>"
    "<body style='font:28px sans-serif;margin:3em'><h1>All screens are busy</h1>"
    "<p>Every screen of the guide is in use just now. Please try again in a few minutes.</p></body></html>"
)


class KioskServer(Server):  # type: ignore[misc]
    """textual-serve's server, quiet and self-contained for a waiting room: only pages of
    this server may open a session (the Origin header), and at most ``max_sessions`` run."""

    def __init__(self, *args: Any, max_sessions: int = DEFAULT_MAX_SESSIONS, speech: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_sessions = max_sessions
        self.speech = speech  # visitors may hear speech (on at start, or a key turns it on)
        self.sessions = 0
        self.session_tasks: set[asyncio.Task[Any]] = set()
        self.exec_command = self.command
        self.folder: Path | None = None
        self.zygote: Helper | None = None
        self.speech_pool: Helper | None = None

    def start_helpers(self) -> None:
        """The speech pool and the session zygote, in a private folder; sessions fork from the
        zygote and speak through the pool from now on. The pool's address is in serve's
        environment first, so every session inherits it. The pool starts even when visitors
        cannot turn speech on: each session's speech warms its engines all the same."""
        self.folder = runtime_folder()
        self.speech_pool = start_speech_pool(self.folder)
        if self.speech_pool is not None:
            os.environ[POOL_VARIABLE] = str(self.speech_pool.socket)
        self.zygote = start_zygote(self.exec_command, self.folder)
        if self.zygote is not None:
            self.command = launcher_command(self.zygote, self.exec_command)

    def stop_helpers(self) -> None:
        stop_all([helper for helper in (self.zygote, self.speech_pool) if helper is not None])
        if self.folder is not None:
            remove_folder(self.folder)

    def session_command(self) -> str:
        """The launcher while the zygote lives; once it has died, the exec'd kiosk (said once)."""
        if self.zygote is not None and not self.zygote.alive():
            log.warning("the session zygote has ended (status %s); sessions are started as their own "
                        "processes from now on", self.zygote.process.returncode)
            self.zygote = None
            self.command = self.exec_command
        return str(self.command)

    def own_origin(self, request: web.Request) -> bool:
        """A websocket may come only from a page this server served (not another site the
        browser has open): its Origin must be the address the page names (the public URL, or
        serve's own host and port). Not the request's Host: a site whose name has been pointed
        at this machine (DNS rebinding) sends its own name as both Host and Origin."""
        origin = request.headers.get("Origin")
        return origin is not None and origin == str(self.public_url).rstrip("/")

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.own_origin(request):
            raise web.HTTPForbidden(text="This guide answers only its own page.")
        if self.sessions >= self.max_sessions:
            raise web.HTTPServiceUnavailable(text="All screens are busy.")
        self.sessions += 1
        self.session_command()
        task = asyncio.current_task()
        if task is not None:
            self.session_tasks.add(task)
        try:
            response: web.WebSocketResponse = await super().handle_websocket(request)
        finally:
            self.sessions -= 1
            self.session_tasks.discard(task)  # type: ignore[arg-type]
        return response

    def helper_pids(self) -> set[int]:
        """serve's children that are not sessions (zygote, speech pool), which end after the sessions."""
        return {helper.process.pid for helper in (self.zygote, self.speech_pool) if helper is not None}

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session now: cancelling its handler closes the websocket and tells its
        kiosk to quit (which closes speech and deletes its audio); kiosks still running
        after QUIT_SECONDS are killed."""
        sessions = set(self.session_tasks)
        for task in sessions:
            task.cancel()
        helpers = self.helper_pids()
        deadline = asyncio.get_running_loop().time() + QUIT_SECONDS
        while set(child_pids()) - helpers and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
        kill_children(helpers)  # a killed launcher takes its forked kiosk with it
        self.stop_helpers()
        # A browser that does not answer the websocket's close would hold its handler for
        # 10 s; its kiosk is gone, so cut the handler off.
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=CLOSE_SECONDS)

    def serve(self, debug: bool = False) -> None:
        """textual-serve's serve, with a short shutdown: a browser that never answers the
        websocket's close must not keep serve alive after SIGTERM."""
        self.debug = debug
        self.initialize_logging()
        if os.environ.get(SESSIONS_VARIABLE) != "exec":
            self.start_helpers()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for stop in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(stop, self.request_exit)
        try:
            web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                        print=lambda *args: None, shutdown_timeout=CLOSE_SECONDS)
        finally:
            self.stop_helpers()

    def initialize_logging(self) -> None:
        # Warnings and errors only, to stderr (the journal); no access log lines.
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
        logging.getLogger("aiohttp.access").setLevel(logging.ERROR)

    async def on_startup(self, app: web.Application) -> None:
        print(f"Serving the kiosk on {self.public_url} (stop with ctrl+c).", flush=True)
        if self.speech:
            print(SPEECH_HERE_ONLY, flush=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.sessions >= self.max_sessions:
            return web.Response(text=BUSY_PAGE, content_type="text/html", status=503)
        # The packaged page, at a large font unless the address asks for another size.
        if "fontsize" not in request.query:
            raise web.HTTPFound(request.rel_url.update_query(fontsize=str(DEFAULT_FONT_SIZE)))
        page_context = cast(Any, Server.handle_index).__wrapped__  # the undecorated context builder
        context: dict[str, Any] = await page_context(self, request)
        context["speech_elsewhere"] = SPEECH_HERE_ONLY if self.speech and not browser_is_here(request) else ""
        return aiohttp_jinja2.render_template("kiosk_index.html", request, context)


PROXIED_BROWSER_HEADER = "X-Real-IP"
"""The browser's address as a proxy on this machine gives it (deploy/nginx-immunoguide.conf sets it)."""


def _is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def browser_is_here(request: web.Request) -> bool:
    """Whether the page was asked for from this machine: a loopback peer, and, when that peer is a
    proxy on this machine (nginx in front of several serves), the browser it names is local too.
    The header counts only from a loopback peer, so a browser elsewhere cannot claim to be here."""
    if not _is_loopback(request.remote or ""):
        return False
    proxied = request.headers.get(PROXIED_BROWSER_HEADER)
    return proxied is None or _is_loopback(proxied.strip())


def child_pids() -> list[int]:
    """This process's children (the kiosks), from /proc; none where there is no /proc."""
    me = str(os.getpid())
    children = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 1 and fields[1] == me:
            children.append(int(entry))
    return children


def kill_children(spare: set[int] | None = None) -> None:
    """SIGKILL any kiosk that did not end when told, so serve never leaves one behind."""
    for pid in set(child_pids()) - (spare or set()):
        with contextlib.suppress(OSError):  # it ended meanwhile
            os.kill(pid, signal.SIGKILL)


def make_server(command: str, host: str, port: int, max_sessions: int = DEFAULT_MAX_SESSIONS,
                speech: bool = False) -> KioskServer:
    statics = Path(textual_serve.__file__).parent / "static"
    return KioskServer(command, host=host, port=port, title=TITLE, statics_path=statics, templates_path=TEMPLATES,
                       max_sessions=max_sessions, speech=speech)
