"""Chromium, started with the browser unit's own command line, asks no machine but this one
for anything: its net-log names no host other than 127.0.0.1 or localhost.

Only what a test must change is changed: headless (there is no screen here), --no-sandbox
when run as root, the profile folder, the net-log file, and the server's port in the page
address. Without the unit's flags Chromium 156 calls five Google hosts within 25 s.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.kiosk_attack.serving import serving, stop_group

pytestmark = pytest.mark.slow

UNIT = Path(__file__).parents[2] / "deploy" / "immunoguide-browser.service"
CHROMIUM = "/usr/bin/chromium"
WATCH_SECONDS = 25
"""Long enough for the account, autofill, update and optimisation-guide calls to start."""

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def unit_chromium_command() -> list[str]:
    """Chromium's argv as the unit runs it (after `cage -d --`), continuation lines joined."""
    text = UNIT.read_text().replace("\\\n", " ")
    line = next(entry for entry in text.splitlines() if entry.startswith("ExecStart="))
    argv = shlex.split(line.removeprefix("ExecStart="))
    return argv[argv.index(CHROMIUM):]


def hosts_named(net_log: str) -> set[str]:
    """Every host Chromium requested, resolved or connected to: the `url` and `host` fields
    of the net-log's events (headers such as Origin are not requests and are not counted)."""
    hosts: set[str] = set()
    for value in re.findall(r'"(?:url|host)":"([^"]*)"', net_log):
        if not value or value.startswith(("data:", "about:", "chrome:", "blob:")):
            continue
        address = value if "://" in value else f"//{value}"
        hostname = urlsplit(address).hostname
        if hostname:
            hosts.add(hostname)
    return hosts


def test_unit_command_line_keeps_chromium_on_this_machine(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    argv = unit_chromium_command()
    page = argv[-1]
    assert urlsplit(page).hostname == "127.0.0.1"
    net_log = tmp_path / "net-log.json"
    with serving() as (port, _server):
        local_page = page.replace(":8000/", f":{port}/")
        command = [arg for arg in argv[:-1] if not arg.startswith("--user-data-dir=")]
        command += ["--headless", f"--user-data-dir={tmp_path / 'profile'}", f"--log-net-log={net_log}",
                    "--net-log-capture-mode=Everything", local_page]
        if os.geteuid() == 0:
            command.insert(1, "--no-sandbox")
        browser = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            time.sleep(WATCH_SECONDS)
        finally:
            stop_group(browser, timeout=20)
    log = net_log.read_text(errors="replace")
    # The kiosk page and its websocket were really loaded, so the browser was not idle.
    assert f'"url":"{local_page}"' in log, shlex.join(command)
    assert f"ws://127.0.0.1:{port}/ws" in log
    assert hosts_named(log) <= LOCAL_HOSTS, sorted(hosts_named(log) - LOCAL_HOSTS)
