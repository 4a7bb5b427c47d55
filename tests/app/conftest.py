"""Shared pieces for the app tests: fixture lessons, a temporary store, events."""
from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ui_lessons"
SIZE = (100, 32)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests in a fresh event loop (no asyncio plugin needed)."""
    if inspect.iscoroutinefunction(pyfuncitem.obj):
        args = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
        asyncio.run(pyfuncitem.obj(**args))
        return True
    return None


class MemoryStore:
    """The progress Store's interface, in memory (used when tutor.progress is absent)."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], set[int]] = {}
        self.last: dict[str, tuple[str, int]] = {}
        self.labs: list[tuple[str, str]] = []

    def page_seen(self, student, lesson, page):
        self.seen.setdefault((student, lesson), set()).add(page)
        self.last[student] = (lesson, page)

    def last_position(self, student):
        return self.last.get(student)

    def lesson_status(self, student):
        return {lesson: {"pages": sorted(pages), "seen": len(pages), "best": None, "last": None}
                for (who, lesson), pages in self.seen.items() if who == student}

    def lab_opened(self, student, lab):
        self.labs.append((student, lab))

    def record_answer(self, *args):
        pass

    def quiz_score(self, *args):
        pass


def new_store(tmp_path: Path):
    try:
        from tutor.progress import Store
    except ImportError:
        return MemoryStore()
    return Store(tmp_path / "progress.sqlite")


@pytest.fixture
def store(tmp_path):
    return new_store(tmp_path)


def make_app(lang="en", store=None, **kwargs):
    from tutor.app import DLTutorApp

    return DLTutorApp(lang=lang, student="ada", store=store, root=FIXTURES, **kwargs)


async def settle(pilot, times: int = 3) -> None:
    """Let workers (the stepper pulls events in a thread) and messages finish."""
    for _ in range(times):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app) -> str:
    """The current screen as plain text, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
