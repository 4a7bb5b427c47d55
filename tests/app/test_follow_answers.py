"""A student's answer to a question the teacher asks reaches the teacher's count, also when the
student answers in the half second before the "ask" reaches their app (the watcher reads the
class every half second: in a lecture hall students answer as the teacher speaks).
A real class database (SQLite) and the real Watcher; the app is reduced to what Following uses."""
from __future__ import annotations

import time
from types import SimpleNamespace

from tutor.live.connect import open_link
from tutor.live.state import Ask, State, Where, decode_answer
from tutor.live.watch import Teaching
from tutor.progress import Store
from tutor.screens.follow import EARLY, Following

WAIT = 10.0     # liveness bound only


def following(tmp_path) -> tuple[Following, object]:
    where = tmp_path / "progress.db"
    Store(where).close()
    app = SimpleNamespace(student="ann", call_from_thread=lambda f, *a: None)
    follow = Following(app, where)
    follow.on = False                  # not following: nothing on the screen to move
    follow.banner = lambda: None       # no screen to draw the banner on
    follow.app.refresh_bindings = lambda: None
    follow.watcher.start()
    return follow, open_link(where)


def number_answer(follow: Following, raw: str, question: str = "q1") -> None:
    quiz = SimpleNamespace(lesson_id="gd")
    posed = SimpleNamespace(kind="number", question=SimpleNamespace(id=question))
    follow.quiz_answered(quiz, posed, raw, SimpleNamespace(status="ok", correct=raw == "2"))


def answers(link, ask: str) -> list:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        rows = link.answers(ask)
        if rows:
            return [(student, decode_answer(text)) for student, text, _ in rows]
        time.sleep(0.05)
    return []


def asked(question: str = "q1", ask: str = "a1") -> Teaching:
    return Teaching(State("lin", Where("gd", 3), ask=Ask(ask, "gd", question)), fresh=False)


def test_an_answer_given_just_before_the_ask_arrives_is_counted(tmp_path):
    follow, link = following(tmp_path)
    try:
        follow.apply(Teaching(State("lin", Where("gd", 3)), fresh=False))    # teaching, nothing asked yet
        number_answer(follow, "2")
        follow.apply(asked())                                                # the ask arrives now
        [(student, answer)] = answers(link, "a1")
        assert student == "ann" and answer.right and answer.value == 2.0
    finally:
        follow.stop()
        link.close()


def test_the_first_answer_counts_and_another_question_is_not_sent(tmp_path):
    follow, link = following(tmp_path)
    try:
        follow.apply(Teaching(State("lin", Where("gd", 3)), fresh=False))
        number_answer(follow, "5", question="q2")        # another question on the page
        number_answer(follow, "7")
        number_answer(follow, "2")                       # a retry after the first try
        follow.apply(asked())
        [(_, answer)] = answers(link, "a1")
        assert answer.value == 7.0 and not answer.right
    finally:
        follow.stop()
        link.close()


def test_an_old_answer_is_not_taken_for_an_answer_to_the_asking(tmp_path):
    follow, link = following(tmp_path)
    try:
        follow.apply(Teaching(State("lin", Where("gd", 3)), fresh=False))
        number_answer(follow, "7")
        later = time.monotonic() + EARLY + 1
        follow.clock = lambda: later
        follow.apply(asked())
        number_answer(follow, "2")                       # answered after the ask: this one counts
        [(_, answer)] = answers(link, "a1")
        assert answer.value == 2.0 and answer.right
    finally:
        follow.stop()
        link.close()
