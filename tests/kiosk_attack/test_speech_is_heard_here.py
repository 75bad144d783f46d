"""The browser kiosk's speech comes from the speakers of the machine running serve, so serve
says so when it starts, and the page of a browser on another machine says so on screen."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import jinja2
import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from guide.kiosk.web import SPEECH_HERE_ONLY, TEMPLATES, browser_is_here
from tests.kiosk_attack.serving import free_port, wait_for_port


def request_from(address: str, proxied_for: str | None = None) -> web.Request:
    def extra(name: str, default: object = None) -> object:
        return (address, 40000) if name == "peername" else default

    transport = mock.Mock()
    transport.get_extra_info.side_effect = extra
    headers = {} if proxied_for is None else {"X-Real-IP": proxied_for}
    return make_mocked_request("GET", "/", headers=headers, transport=transport)


@pytest.mark.parametrize(("address", "here"), [("127.0.0.1", True), ("::1", True), ("192.0.2.7", False),
                                               ("10.1.2.3", False), ("", False)])
def test_a_browser_is_here_only_from_a_loopback_address(address: str, here: bool) -> None:
    assert browser_is_here(request_from(address)) is here


@pytest.mark.parametrize(("browser", "here"), [("127.0.0.1", True), ("192.0.2.7", False), ("10.1.2.3", False),
                                               ("not an address", False)])
def test_behind_a_proxy_on_this_machine_the_browser_it_names_decides(browser: str, here: bool) -> None:
    assert browser_is_here(request_from("127.0.0.1", proxied_for=browser)) is here


def test_a_browser_elsewhere_cannot_claim_to_be_here() -> None:
    assert browser_is_here(request_from("192.0.2.7", proxied_for="127.0.0.1")) is False


def page(speech_elsewhere: str) -> str:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return environment.get_template("kiosk_index.html").render(
        speech_elsewhere=speech_elsewhere, config={"static": {"url": "/static/"}}, application={"name": "guide"},
        font_size=24, app_websocket_url="ws://x/ws")


def test_the_page_of_a_browser_elsewhere_says_speech_is_not_heard_there() -> None:
    assert "This screen is silent" in page(SPEECH_HERE_ONLY)
    assert "This screen is silent" not in page("")


@pytest.mark.slow
@pytest.mark.parametrize(("speech", "said"), [("true", True), ("false", False)])
def test_serve_says_at_start_where_speech_is_heard(tmp_path: Path, speech: str, said: bool) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text(f"speech: {speech}\nfeatures:\n  speech_toggle: {speech}\n")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "guide", "serve", "--port", str(port), "--config", str(config)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert wait_for_port(port)
        time.sleep(0.5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert ("not by the browser" in output) is said, output
