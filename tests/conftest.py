"""What every test shares: plain ``async def test_...`` functions run in their own event loop.

Pilot tests need a running loop; running each coroutine test here with asyncio.run keeps
the suite free of an async plugin, and the deadline turns a hung app into a failure with
a stack instead of a stuck run.
"""

from __future__ import annotations

import asyncio
import inspect

import pytest

ASYNC_TEST_SECONDS = 60.0


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    test = pyfuncitem.obj
    if not inspect.iscoroutinefunction(test):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in inspect.signature(test).parameters}
    asyncio.run(asyncio.wait_for(test(**arguments), ASYNC_TEST_SECONDS))
    return True
