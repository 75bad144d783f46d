"""What every test shares: plain ``async def test_...`` functions run in their own event loop.

Pilot tests need a running loop; running each coroutine test here with asyncio.run keeps
the suite free of an async plugin, and the deadline turns a hung app into a failure with
a stack instead of a stuck run.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.export.chromium_axe import Browser, find_chromium, install_axe

ASYNC_TEST_SECONDS = 60.0


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    test = pyfuncitem.obj
    if not inspect.iscoroutinefunction(test):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in inspect.signature(test).parameters}
    asyncio.run(asyncio.wait_for(test(**arguments), ASYNC_TEST_SECONDS))
    return True


# Chromium and axe-core, shared by the export tests and My treatment's export tests (a browser per module, as before).


@pytest.fixture(scope="module")
def axe_source(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    cache = request.config.cache
    folder = Path(cache.mkdir("axe-core")) if cache is not None else tmp_path_factory.mktemp("axe-core")
    return install_axe(folder).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = find_chromium()
    assert executable, "Chromium is needed for this test: `./dev test` installs it (apt package chromium)"
    chromium = Browser(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()
