"""Helpers the app tests import (`from app_helpers import …`): fixture lessons,
an in-memory store, the app factory, waiting, and the screen as text.

A module with its own name, not conftest: other test folders may have a
conftest.py of their own."""
from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ui_lessons"
SIZE = (100, 32)


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
