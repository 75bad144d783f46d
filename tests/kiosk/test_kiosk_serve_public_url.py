"""`immunoguide serve --public-url`: the address browsers use when serve is behind a proxy
(deploy/nginx-immunoguide.conf). Only an http(s) origin is taken; anything else is a usage
error before serve starts (tests/deploy/test_nginx_proxy.py runs it behind nginx)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from guide.exit_codes import EXIT_USAGE
from guide.kiosk.command import public_address


@pytest.mark.parametrize(("given", "used"), [
    ("http://guide.clinic.example", "http://guide.clinic.example"),
    ("https://guide.clinic.example:8443/", "https://guide.clinic.example:8443"),
    (None, None),
])
def test_an_origin_is_the_pages_address(given: str | None, used: str | None) -> None:
    assert public_address(given) == used


@pytest.mark.parametrize("given", ["guide.clinic.example", "ftp://guide", "http://guide/kiosk", "http://guide:x",
                                   "http://staff@guide", "http://"])
def test_anything_but_an_origin_is_refused(given: str) -> None:
    assert public_address(given) == ""


def test_serve_refuses_a_bad_public_url_before_it_starts() -> None:
    result = subprocess.run([sys.executable, "-m", "guide", "serve", "--port", "1", "--public-url", "guide/kiosk"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == EXIT_USAGE
    assert "--public-url must be http://host or https://host" in result.stderr
