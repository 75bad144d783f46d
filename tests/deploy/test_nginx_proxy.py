"""deploy/nginx-immunoguide.conf as documented, with test ports: two `immunoguide serve`
instances behind nginx on loopback. Through nginx the page names nginx's address (serve's
--public-url), a websocket from the page's own origin gets the guide's first screen and a
foreign origin is still refused, and each browser address always reaches the same
instance while different addresses are spread over both.

nginx runs as this test's own process (foreground, its prefix, pid and logs in a temporary
folder), never as the system's service.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.kiosk_attack.serving import descendants, free_port, serving, stop_group, wait_for_port

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
CONFIG = DEPLOY / "nginx-immunoguide.conf"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)), None)
FIRST_SCREEN_WORDS = b"press any key"

pytestmark = [
    pytest.mark.slow,
    # CI installs nginx (./dev's TEST_PACKAGES), so there the test must run, never skip.
    pytest.mark.skipif(NGINX is None and not os.environ.get("CI"),
                       reason="nginx is not installed (apt-get install nginx; CI installs it)"),
]


def rendered_config(proxy_port: int, serve_ports: tuple[int, int]) -> str:
    """The documented file with the test's ports in place of 80, 8001 and 8002 (each must be there)."""
    text = CONFIG.read_text()
    for documented, test in (("listen 80;", f"listen 127.0.0.1:{proxy_port};"),
                             ("server 127.0.0.1:8001;", f"server 127.0.0.1:{serve_ports[0]};"),
                             ("server 127.0.0.1:8002;", f"server 127.0.0.1:{serve_ports[1]};")):
        assert text.count(documented) == 1, f"{CONFIG.name} no longer has {documented!r}"
        text = text.replace(documented, test)
    return text


def nginx_main_config(folder: Path, site: Path) -> str:
    """A minimal nginx.conf that includes the site file, as /etc/nginx/nginx.conf's http block does."""
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    return (
        "daemon off;\nworker_processes 1;\n"
        f"pid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 128; }\n"
        "http {\n"
        + "".join(f"  {name}_temp_path {path};\n" for name, path in
                  (("client_body", temp["body"]), *((n, temp[n]) for n in ("proxy", "fastcgi", "uwsgi", "scgi"))))
        + f"  include {site};\n}}\n"
    )


@contextlib.contextmanager
def nginx(folder: Path, port: int, serve_ports: tuple[int, int]) -> Iterator[None]:
    """nginx with the documented site on loopback ``port``, until the block ends."""
    assert NGINX is not None, "nginx is not installed: ./dev installs it (TEST_PACKAGES)"
    site = folder / "immunoguide.conf"
    site.write_text(rendered_config(port, serve_ports))
    main = folder / "nginx.conf"
    main.write_text(nginx_main_config(folder, site))
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(main), "-e", str(folder / "error.log")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        if not wait_for_port(port, 15):
            process.kill()
            _, errors = process.communicate(timeout=10)
            raise AssertionError(f"nginx did not start: {errors.decode(errors='replace')}")
        yield
    finally:
        if process.poll() is None:
            stop_group(process)


async def read_first_screen(ws: aiohttp.ClientWebSocketResponse) -> bytes:
    """What the guide sends until its attract screen's words have come (30 s at most)."""
    seen = b""
    async with asyncio.timeout(30):
        async for message in ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
                if FIRST_SCREEN_WORDS in seen.lower():
                    break
    return seen


class Proxied:
    """Two serves behind nginx, and browsers that connect from a loopback address of their own."""

    def __init__(self, proxy_port: int, serves: list[subprocess.Popen[bytes]]) -> None:
        self.serves = serves
        self.origin = f"http://127.0.0.1:{proxy_port}"

    @contextlib.asynccontextmanager
    async def browser(self, source: str) -> AsyncIterator[aiohttp.ClientSession]:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(source, 0))) as client:
            yield client

    async def handshake_status(self, origin: str) -> int:
        async with self.browser("127.0.0.1") as client:
            try:
                async with client.ws_connect(f"{self.origin}/ws", headers={"Origin": origin}):
                    return 101
            except aiohttp.WSServerHandshakeError as refused:
                return refused.status

    async def instance_reached(self, source: str) -> int:
        """Which serve (0 or 1) ran the session a browser at ``source`` opened: the one whose
        processes grew while its first screen came through nginx."""
        before = [set(descendants(serve.pid)) for serve in self.serves]
        async with self.browser(source) as client, client.ws_connect(
            f"{self.origin}/ws?width=100&height=30", headers={"Origin": self.origin}
        ) as ws:
            assert FIRST_SCREEN_WORDS in (await read_first_screen(ws)).lower()
            grew = [i for i, serve in enumerate(self.serves) if set(descendants(serve.pid)) - before[i]]
        assert len(grew) == 1, f"a session from {source} started processes in serves {grew}"
        return grew[0]


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[Proxied]:
    config = tmp_path / "kiosk.yaml"
    config.write_text("speech: false\n")
    proxy_port = free_port()
    public_url = f"http://127.0.0.1:{proxy_port}"
    folder = tmp_path / "nginx"
    folder.mkdir()
    with contextlib.ExitStack() as stack:
        served = [stack.enter_context(serving("--config", str(config), "--public-url", public_url)) for _ in range(2)]
        stack.enter_context(nginx(folder, proxy_port, (served[0][0], served[1][0])))
        yield Proxied(proxy_port, [process for _, process in served])


def test_the_page_through_nginx_names_nginx_and_its_script_loads(proxied: Proxied) -> None:
    async def fetch() -> tuple[str, int]:
        async with proxied.browser("127.0.0.1") as client:
            async with client.get(f"{proxied.origin}/") as page:  # redirected to ?fontsize=24
                assert page.status == 200
                html = await page.text()
            script = re.search(r'<script src="([^"]+)"', html)
            assert script is not None, html[:500]
            async with client.get(script.group(1)) as loaded:
                return html, loaded.status

    html, script_status = asyncio.run(fetch())
    websocket = proxied.origin.replace("http:", "ws:")
    assert f'data-session-websocket-url="{websocket}/ws' in html, "the page must send the browser to nginx"
    assert re.search(r'<script src="' + re.escape(proxied.origin) + "/", html)
    assert script_status == 200


def test_the_pages_own_origin_gets_a_session_and_a_foreign_one_is_refused(proxied: Proxied) -> None:
    assert asyncio.run(proxied.handshake_status("http://evil.example")) == 403
    assert asyncio.run(proxied.handshake_status(proxied.origin)) == 101


def test_each_browser_address_stays_on_one_instance_and_addresses_spread(proxied: Proxied) -> None:
    async def scenario() -> tuple[list[int], dict[str, int]]:
        same = [await proxied.instance_reached("127.0.0.2") for _ in range(3)]
        others: dict[str, int] = {}
        for last in range(3, 40):  # the consistent hash is fixed, but which address goes where
            source = f"127.0.0.{last}"  # depends on the ports: look for one on the other instance
            others[source] = await proxied.instance_reached(source)
            if others[source] != same[0]:
                break
        same.append(await proxied.instance_reached("127.0.0.2"))  # after the others, still the same one
        return same, others

    same, others = asyncio.run(scenario())
    assert len(set(same)) == 1, f"127.0.0.2 reached serves {same}: sessions are not sticky"
    assert set(others.values()) - set(same), f"every address reached serve {same[0]}: {others}"
