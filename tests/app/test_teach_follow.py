"""A student's app in a class taught live (tutor/screens/follow.py), with a real SQLite class
database and a real teacher's Lead: following pages and a question, never moving a student who
is typing, the name a browser tab gives later, `f` typed into a quiz when no one teaches; and the
stepper reaching the teacher's step."""
from __future__ import annotations

import queue
import time

from test_app_stepper import Counter, open_stepper

from tutor.live.lead import Lead
from tutor.live.state import Ask, State, Where
from tutor.progress import Store

from app_helpers import SIZE, make_app, screen_text, settle

WAIT = 10.0        # liveness bound only


async def until(pilot, predicate, timeout: float = WAIT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        await pilot.pause(0.1)
    return predicate()


def teacher(path, page: int, ask: Ask | None = None, **kw) -> Lead:
    return Lead(path, "lin", State("lin", Where("ui-descent", page), ask=ask), **kw).start()


async def test_a_student_follows_the_teachers_pages(tmp_path):
    path = tmp_path / "progress.db"
    app = make_app(store=Store(path))
    lead = teacher(path, 1)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await until(pilot, lambda: getattr(app.screen, "page", None) == 1), screen_text(app)
            assert await until(pilot, lambda: "Your teacher is on" in screen_text(app)
                               and "page 2" in screen_text(app)), screen_text(app)
            lead.set(State("lin", Where("ui-descent", 0)))
            assert await until(pilot, lambda: app.screen.page == 0)
            await pilot.press("f")                                  # stop following
            lead.set(State("lin", Where("ui-descent", 1)))
            assert await until(pilot, lambda: "not following" in screen_text(app))
            await pilot.pause(1.5)
            assert app.screen.page == 0
            await pilot.press("f")                                  # rejoin: at once where the teacher is
            assert await until(pilot, lambda: app.screen.page == 1)
            lead.set(State("lin", Where()))                         # the teacher goes home (or is leaving)
            assert await until(pilot, lambda: "the home screen" in screen_text(app)), screen_text(app)
            assert app.screen.page == 1                             # the class stays on its page
    finally:
        lead.stop()


async def test_a_student_typing_an_answer_is_not_moved_until_it_is_sent(tmp_path):
    path = tmp_path / "progress.db"
    app = make_app(store=Store(path), lesson="ui-descent", page=1)
    lead = teacher(path, 1)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert await until(pilot, lambda: "Your teacher is on" in screen_text(app))
            await pilot.press("2")                                  # half an answer in the box
            lead.set(State("lin", Where("ui-descent", 0)))
            assert await until(pilot, lambda: "answer is done" in screen_text(app)), screen_text(app)
            assert app.screen.page == 1 and app.focused.value == "2"
            await pilot.press("enter")
            assert await until(pilot, lambda: app.screen.page == 0)
    finally:
        lead.stop()


async def test_an_asked_question_is_answered_under_the_name_the_student_gave(tmp_path):
    """A browser tab says who it is after the app started: the teacher counts that name."""
    path = tmp_path / "progress.db"
    got: queue.Queue = queue.Queue()
    app = make_app(store=Store(path))
    ask = Ask("a1", "ui-descent", _quiz_ids()[0])
    lead = teacher(path, 1, ask=ask, on_answers=got.put)
    lead.watch_answers("a1")
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.student = "mei"
            assert await until(pilot, lambda: "Against the gradient" in screen_text(app)), screen_text(app)
            line = next(l for l in screen_text(app).splitlines() if "Against the gradient" in l)
            await pilot.press(line.split(".")[0].split()[-1])
            await pilot.press("enter")
            deadline = time.monotonic() + WAIT
            answers: list = []
            while not answers and time.monotonic() < deadline:
                answers = got.get(timeout=WAIT)
            assert [(who, a.right) for who, a, _ in answers] == [("mei", True)]
    finally:
        lead.stop()


def _quiz_ids() -> list[str]:
    from tutor.content.loader import load_lessons

    from app_helpers import FIXTURES

    lessons, _ = load_lessons("en", FIXTURES)
    lesson = next(lesson for lesson in lessons if lesson.id == "ui-descent")
    return [q["id"] for page in lesson.pages for block in page.blocks if block.kind == "quiz"
            for q in block.questions]


async def test_f_is_typed_into_the_answer_when_no_one_teaches(store):
    app = make_app(store=store, lesson="ui-descent", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is not None and app.focused.value == "f"


async def test_the_stepper_goes_to_the_teachers_step_forward_and_back():
    from app_helpers import make_app as make

    run = Counter(10)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        stepper = await open_stepper(pilot, run)
        stepper.go_to(6)
        assert await until(pilot, lambda: stepper.cursor == 6)
        await settle(pilot)
        assert run.pulled == 7                     # only what was needed, one at a time
        stepper.go_to(2)
        await pilot.pause()
        assert stepper.cursor == 2 and run.pulled == 7
        stepper.go_to(50)                          # beyond the end: stops at the last step
        assert await until(pilot, lambda: stepper.finished)
        assert stepper.cursor == 9 and stepper.target is None
