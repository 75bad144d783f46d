"""A small Chromium DevTools-protocol driver for the browser kiosk test.

Playwright and Selenium are not available offline here; Chromium's own DevTools
protocol over a websocket (aiohttp, already installed for textual-serve) is enough to
load a page, press keys, click, and read what the server sent to the terminal.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--mute-audio",
    "--remote-debugging-port=0",
    "--window-size=1600,900",  # ~115 columns at the kiosk font: wide enough for the topic tree
)
_ANSI = re.compile(r"\x1b\[[0-9;?<>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>78]")

KEYS: dict[str, tuple[str, str, int, str]] = {
    # name: (key, code, windowsVirtualKeyCode, text)
    "enter": ("Enter", "Enter", 13, "\r"),
    "down": ("ArrowDown", "ArrowDown", 40, ""),
    "up": ("ArrowUp", "ArrowUp", 38, ""),
    "tab": ("Tab", "Tab", 9, ""),
    "escape": ("Escape", "Escape", 27, ""),
    "f12": ("F12", "F12", 123, ""),
    "slash": ("/", "Slash", 191, "/"),
    "space": (" ", "Space", 32, " "),
}


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


def terminal_text(data: bytes) -> str:
    """What the terminal was sent, with escape sequences removed."""
    return _ANSI.sub("", data.decode("utf-8", errors="replace"))


_TOKEN = re.compile(
    r"\x1b\[([0-9;?<>]*)([ -/]*)([@-~])"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    r"|\x1b[()][A-Z0-9]|\x1b[=>78]|[\r\n]|[^\x1b\r\n]+"
)


def screen_lines(data: bytes, rows: int, cols: int) -> list[str]:
    """Replay the terminal stream onto a grid: enough of a terminal for Textual's output,
    which places every run of text with an absolute cursor move (CSI row;col H)."""
    grid = [[" "] * cols for _ in range(rows)]
    row = col = 0
    for match in _TOKEN.finditer(data.decode("utf-8", errors="replace")):
        token = match.group(0)
        if match.group(3) in ("H", "f") and not match.group(2):
            parts = [int(p) if p.isdigit() else 1 for p in (match.group(1) or "1;1").split(";")] + [1]
            row, col = parts[0] - 1, parts[1] - 1
        elif token == "\r":
            col = 0
        elif token == "\n":
            row += 1
        elif not token.startswith("\x1b"):
            for offset, char in enumerate(token):
                if 0 <= row < rows and 0 <= col + offset < cols:
                    grid[row][col + offset] = char
            col += len(token)
    return ["".join(line) for line in grid]


class ChromiumPage:
    """One headless Chromium with one page, driven through the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        self.profile = profile
        self.process: subprocess.Popen[bytes] | None = None
        self.session: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self._next_id = 0
        self._pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader: asyncio.Task[None] | None = None
        self.received = bytearray()  # everything the kiosk sent to the browser terminal
        self.sent: list[str] = []  # what the page sent back (keys, resize, ...)

    async def start(self) -> None:
        binary = chromium_path()
        assert binary, "chromium not installed"
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        assert self.process.stderr is not None
        browser_url = ""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30
        while loop.time() < deadline:
            line = (await loop.run_in_executor(None, self.process.stderr.readline)).decode(errors="replace")
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                browser_url = match.group(1)
                break
            if not line and self.process.poll() is not None:
                break
        assert browser_url, "chromium did not start its DevTools endpoint"
        port = re.search(r":(\d+)/", browser_url)
        assert port
        self.session = aiohttp.ClientSession()
        async with self.session.get(f"http://127.0.0.1:{port.group(1)}/json/list") as response:
            targets = await response.json(content_type=None)
        page = next(t for t in targets if t.get("type") == "page")
        self.socket = await self.session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        self._reader = asyncio.create_task(self._read())
        await self.call("Network.enable")
        await self.call("Page.enable")
        await self.call("Runtime.enable")

    async def _read(self) -> None:
        assert self.socket is not None
        async for message in self.socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            if "id" in data and data["id"] in self._pending:
                self._pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                if frame.get("opcode") == 2:
                    self.received += base64.b64decode(frame["payloadData"])
            elif data.get("method") == "Network.webSocketFrameSent":
                self.sent.append(data["params"]["response"].get("payloadData", ""))

    async def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        assert self.socket is not None
        self._next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[self._next_id] = future
        await self.socket.send_str(json.dumps({"id": self._next_id, "method": method, "params": params or {}}))
        reply = await asyncio.wait_for(future, 30)
        assert "error" not in reply, reply
        return dict(reply.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        return result.get("result", {}).get("value")

    async def goto(self, url: str) -> None:
        await self.call("Page.navigate", {"url": url})

    def terminal_size(self) -> tuple[int, int]:
        """(columns, rows) from the last resize the page sent to the server."""
        for payload in reversed(self.sent):
            if payload.startswith('["resize"'):
                size = json.loads(payload)[1]
                return int(size["width"]), int(size["height"])
        return 80, 24

    def screen(self) -> list[str]:
        cols, rows = self.terminal_size()
        return screen_lines(bytes(self.received), rows, cols)

    def screen_size_centre(self) -> tuple[int, int]:
        cols, rows = self.terminal_size()
        return rows // 2, cols // 2

    async def cell_centre(self, row: int, col: int) -> tuple[float, float]:
        """Where on the page a terminal cell is, for clicking it."""
        rect = await self.evaluate(
            "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
            " return [r.left, r.top, r.width, r.height]; })()")
        left, top, width, height = rect
        cols, rows = self.terminal_size()
        return left + (col + 0.5) * width / cols, top + (row + 0.5) * height / rows

    def text(self) -> str:
        return terminal_text(bytes(self.received))

    async def wait_for_text(self, wanted: str, timeout: float = 30, since: int = 0) -> bool:
        """True once ``wanted`` appears in what the terminal was sent after byte ``since``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if wanted in terminal_text(bytes(self.received[since:])):
                return True
            await asyncio.sleep(0.1)
        return False

    async def press(self, name: str) -> None:
        """A real key press as the browser sees it (keyDown, char, keyUp)."""
        if len(name) == 1:
            key, code, vk, text = name, f"Key{name.upper()}", ord(name.upper()), name
        else:
            key, code, vk, text = KEYS[name]
        down: dict[str, Any] = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk}
        if text:
            down["text"] = text
        await self.call("Input.dispatchKeyEvent", down)
        await self.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code,
                                                   "windowsVirtualKeyCode": vk})

    async def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            await self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left",
                                                        "clickCount": 1})

    async def close(self) -> None:
        if self._reader:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        if self.socket:
            await self.socket.close()
        if self.session:
            await self.session.close()
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
