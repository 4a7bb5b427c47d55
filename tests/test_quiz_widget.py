"""QuizView driven by the keyboard through Textual's Pilot."""
import asyncio
import functools

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from tutor.locale import language, set_language
from tutor.progress import Store
from tutor.quiz.session import QuizSession
from tutor.quiz.widget import OptionLine, QuizView

QUESTIONS = [
    {"id": "dir", "kind": "choice", "ask": "Which way does a gradient-descent step move $x$?",
     "options": ["Along the gradient", "Against the gradient", "Perpendicular"], "answer": 1,
     "hint": "Downhill.", "explain": "The gradient points uphill."},
    {"id": "sqrt", "kind": "number", "ask": r"Estimate $\sqrt{4.01}$.", "answer": 2.0025, "tol": "1e-4"},
    {"id": "sig", "kind": "generated", "generator": "sigmoid_prime"},
]


class QuizApp(App):
    def __init__(self, view: QuizView) -> None:
        super().__init__()
        self.view = view

    def compose(self) -> ComposeResult:
        yield self.view


def text_of(app, selector):
    return str(app.query_one(selector, Static).render())


async def type_and_enter(pilot, text):
    box = pilot.app.query_one("#quiz-input", Input)
    for ch in text:
        if ch.isascii() or ch.isdigit():
            await pilot.press(ch if ch != " " else "space")
        else:
            # Pilot has no key name for some full-width punctuation (．):
            # insert it the way an input method commits text
            box.insert_text_at_cursor(ch)
    await pilot.press("enter")
    await pilot.pause()


def sync(coro_fn):
    """Run an async test in a fresh event loop (no asyncio plugin needed)."""
    @functools.wraps(coro_fn)
    def run(*args, **kwargs):
        asyncio.run(coro_fn(*args, **kwargs))
    return run


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "p.db")
    yield s
    s.close()


@sync
async def test_whole_quiz_wrong_then_right_and_full_width(store):
    posed = QuizSession(QUESTIONS, "l", "ana").posed
    along = str(posed[0].options.index("Along the gradient") + 1)
    against = str(posed[0].options.index("Against the gradient") + 1)
    answer3 = f"{posed[2].instance.answer:.3f}"
    app = QuizApp(QuizView(QUESTIONS, "l", student="ana", store=store))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, Input)
        assert "Question 1 of 3" in text_of(app, "#quiz-head")
        assert len(app.query(OptionLine)) == 3
        await pilot.press(along)                     # 1-9 pick: the option is marked
        await pilot.pause()
        assert app.query(OptionLine)[int(along) - 1].has_class("-chosen")
        await pilot.press("enter")
        await pilot.pause()
        feedback = text_of(app, "#quiz-feedback")
        assert "Not quite." in feedback and "Hint: Downhill." in feedback
        await type_and_enter(pilot, against)
        feedback = text_of(app, "#quiz-feedback")
        assert "Right!" in feedback and "The gradient points uphill." in feedback
        await pilot.press("enter")                   # next question
        await pilot.pause()
        assert "Question 2 of 3" in text_of(app, "#quiz-head")
        await type_and_enter(pilot, "abc")           # junk: explained, not a try
        assert "couldn't read" in text_of(app, "#quiz-feedback")
        app.query_one("#quiz-input", Input).value = ""
        await type_and_enter(pilot, "２．００２５")     # full-width digits from a Chinese IME
        assert "Right!" in text_of(app, "#quiz-feedback")
        await pilot.press("enter")
        await pilot.pause()
        assert "Question 3 of 3" in text_of(app, "#quiz-head")
        await type_and_enter(pilot, answer3)
        assert "Right!" in text_of(app, "#quiz-feedback")
        await pilot.press("enter")
        await pilot.pause()
        assert "Score: 3 of 3." in text_of(app, "#quiz-ask")
        await pilot.press("r")                       # retake
        await pilot.pause()
        assert "Question 1 of 3" in text_of(app, "#quiz-head")
    rows = store.answers("ana", "l")
    assert [r["verdict"] for r in rows] == ["wrong", "right", "unreadable", "right", "right"]
    assert rows[3]["raw"] == "２．００２５"
    assert tuple(store.lesson_status("ana")["l"]["best"]) == (3, 3)


@sync
async def test_mouse_click_picks_and_chinese_texts():
    # a lesson screen that still passes the language: it becomes the process's (as lab.lang does)
    app = QuizApp(QuizView(QUESTIONS[:1], "l", "zh", "bo", None))
    assert language() == "zh"
    async with app.run_test(size=(100, 30)) as pilot:
        assert "第 1 题" in text_of(app, "#quiz-head")
        lines = app.query(OptionLine)
        await pilot.click(OptionLine, offset=(3, 0))
        await pilot.pause()
        assert app.query_one("#quiz-input", Input).value == "1"
        assert lines[0].has_class("-chosen")


@sync
async def test_called_without_a_language_speaks_the_processs():
    set_language("zh")                                        # chosen once, where the student chose it
    view = QuizView(QUESTIONS[1:2], "l", student="carl")
    app = QuizApp(view)
    async with app.run_test(size=(80, 24)) as pilot:
        assert view.student == "carl" and "第 1 题" in text_of(app, "#quiz-head")
        assert "1-9" not in text_of(app, "#quiz-keys")          # nothing to pick in a number question
        await pilot.press("tab")
        await type_and_enter(pilot, "2.0025")
        assert "正确！" in text_of(app, "#quiz-feedback")


@sync
async def test_lab_question_runs_off_the_ui_thread(store):
    q = [{"id": "fast-lr", "kind": "lab", "ask": "Reach the minimum in fewer than 10 iterations.",
          "lab": "gd1d", "challenge": "iterations_below", "target": 10, "setup": "f=x^2+sin(x) x0=4"}]
    app = QuizApp(QuizView(q, "l", student="dan", store=store))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab")
        await type_and_enter(pilot, "lr=0.3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "12 iterations" in text_of(app, "#quiz-feedback")
        app.query_one("#quiz-input", Input).value = ""
        await type_and_enter(pilot, "lr=0.6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Right!" in text_of(app, "#quiz-feedback")
    assert [r["verdict"] for r in store.answers("dan")] == ["wrong", "right"]


@sync
async def test_order_by_clicking_the_steps_in_turn():
    q = [{"id": "o", "kind": "order", "ask": "Put one training step in order.",
          "items": ["forward pass", "loss", "backward pass", "update"]}]
    app = QuizApp(QuizView(q, "l", student="eli"))
    async with app.run_test(size=(100, 30)) as pilot:
        lines = list(app.query(OptionLine))
        for step in ["forward pass", "loss", "backward pass", "update"]:
            line = next(x for x in lines if x.text == step)
            await pilot.click(line, offset=(3, 0))
            await pilot.pause()
        box = app.query_one("#quiz-input", Input)
        assert sorted(box.value.split()) == ["1", "2", "3", "4"]
        first = next(x for x in lines if x.text == "forward pass")
        assert str(first.render()).split()[0] == "[1]"           # marked as step 1
        await pilot.press("enter")
        await pilot.pause()
        assert "Right!" in text_of(app, "#quiz-feedback")
