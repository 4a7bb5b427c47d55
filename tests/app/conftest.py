"""pytest plumbing for the app tests: async tests without a plugin, a store fixture."""
from __future__ import annotations

import asyncio
import inspect

import pytest

from app_helpers import new_store


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests in a fresh event loop (no asyncio plugin needed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


@pytest.fixture
def store(tmp_path):
    return new_store(tmp_path)


