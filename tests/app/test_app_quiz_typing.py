"""On a quiz page a student just types: the answer goes to the quiz without Tab first."""
from __future__ import annotations

import pytest

from app_helpers import SIZE, make_app, screen_text


async def test_typing_a_choice_and_enter_answers_the_quiz(store):
    app = make_app(store=store, lesson="ui-descent", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is None                  # page keys still turn pages
        # Options are shuffled per student: find the number shown for the right one.
        line = next(l for l in screen_text(app).splitlines() if "Against the gradient" in l)
        number = line.split(".")[0].split()[-1]
        await pilot.press(number, "enter")
        await pilot.pause()
        assert app.screen.page == 1
        assert "Right" in screen_text(app)


async def test_page_keys_still_work_on_a_quiz_page(store):
    app = make_app(store=store, lesson="ui-descent", page=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("left")
        await pilot.pause()
        assert app.screen.page == 0


# One question of each kind with a text field, and what a student types into it.  The first key
# goes from the page into the box; focusing the box used to select it, so the second key
# replaced it ('-12' became '12').  Pilot sends the keys one after another, as a terminal does.
QUESTIONS = {
    "number": {"kind": "number", "ask": "How much?", "answer": 3},
    "expression": {"kind": "expression", "ask": "Differentiate x².", "answer": "2*x"},
    "order": {"kind": "order", "ask": "Order them.", "items": ["a", "b", "c"]},
    "generated": {"kind": "generated", "generator": "sigmoid_prime"},
    "lab": {"kind": "lab", "ask": "Fast?", "lab": "gd1d", "challenge": "iterations_below", "target": 10,
            "setup": "x0=4"},
}
TYPED = {
    "en": {"number": "-12", "expression": "2*x+1", "order": "2 3 1", "generated": "0.25", "lab": "lr=0.3"},
    "zh": {"number": "－１２", "expression": "２x", "order": "２，３，１", "generated": "０.25", "lab": "lr＝0.3"},
}


async def type_each(pilot, text: str) -> None:
    """One key event per character, as a terminal sends them.  (Pilot's `press` sends no
    character for full-width punctuation such as － ， ＝, which a Chinese input method types.)"""
    from textual import events
    from textual.keys import _character_to_key

    for character in text:
        key = character if character.isalnum() else _character_to_key(character)
        pilot.app.post_message(events.Key(key, character))
        await pilot.pause()


def one_question_lesson(kind: str, lang: str):
    from tutor.content.model import Block, Lesson, Page

    spec = {"id": f"q-{kind}", **QUESTIONS[kind]}
    quiz = Block("quiz", "", 1, questions=(spec,), question_lines=(1,))
    return Lesson(id=f"typing-{kind}", title="Typing", chapter=1, order=1, lang=lang, path=__file__,
                  pages=(Page(blocks=(quiz,), line=1, title=""),))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", list(QUESTIONS))
async def test_every_key_typed_on_the_page_reaches_the_box(store, kind, lang):
    app = make_app(lang=lang, store=store, lessons=[one_question_lesson(kind, lang)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")                  # open the lesson: its only page is the quiz
        await pilot.pause()
        assert app.focused is None
        typed = TYPED[lang][kind]
        await type_each(pilot, typed)
        box = app.focused
        assert box is not None and box.id == "quiz-input"
        assert box.value == typed
