"""Plain mode and the session rules: tries, hints, working, records, scores."""
import io
from types import SimpleNamespace

import pytest

from tutor.locale import using
from tutor.progress import Store
from tutor.quiz.plain import run_plain
from tutor.quiz.session import QuizSession

QUESTIONS = [
    {"id": "dir", "kind": "choice", "ask": "Which way does a step move $x$?",
     "options": ["Along the gradient", "Against the gradient", "Perpendicular"], "answer": 1,
     "hint": "Downhill.", "explain": "The gradient points uphill."},
    {"id": "sqrt", "kind": "number", "ask": r"Estimate $\sqrt{4.01}$.", "answer": 2.0025, "tol": "1e-4"},
    {"id": "deriv", "kind": "expression", "ask": r"Differentiate $x^2 + \sin x$.", "answer": "2*x + cos(x)"},
]


class FakeLesson:
    def __init__(self, questions, lang="en"):
        self.id, self.title, self.lang = "gd-1d", "Gradient descent", lang
        self._block = SimpleNamespace(kind="quiz", questions=tuple(questions))

    def blocks(self, kind=None):
        return [self._block] if kind in (None, "quiz") else []


def choice_number(session_or_posed, text):
    """The number the option `text` has for this student (options are shuffled)."""
    return str(session_or_posed.options.index(text) + 1)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "progress.db")
    yield s
    s.close()


def posed_for(student):
    return QuizSession(QUESTIONS, "gd-1d", student).posed


def test_whole_quiz_with_junk_wrong_and_right(store):
    against = choice_number(posed_for("ana")[0], "Against the gradient")
    along = choice_number(posed_for("ana")[0], "Along the gradient")
    answers = "\n".join(["abc", along, against, "2.0025", "x^2", "2x + cos x"]) + "\n"
    out = io.StringIO()
    assert run_plain(FakeLesson(QUESTIONS), store, "ana", io.StringIO(answers), out) == 0
    text = out.getvalue()
    assert "Question 1 of 3" in text and "Question 3 of 3" in text
    assert "Type the number of one option" in text          # junk: explained, not a try
    assert "Hint: Downhill." in text and "Try again (last try)." in text
    assert "Why: The gradient points uphill." in text
    assert "Score: 3 of 3." in text
    rows = store.answers("ana", "gd-1d")
    assert [r["raw"] for r in rows] == ["abc", along, against, "2.0025", "x^2", "2x + cos x"]
    assert [r["verdict"] for r in rows] == ["unreadable", "wrong", "right", "right", "wrong", "right"]
    status = store.lesson_status("ana")["gd-1d"]
    assert tuple(status["best"]) == (3, 3) and tuple(status["last"]) == (3, 3)


def test_last_try_shows_the_answer_and_retake_keeps_best(store):
    along = choice_number(posed_for("bo")[0], "Along the gradient")
    first = "\n".join([along, along, "3", "3", "x", "x"]) + "\n"
    out = io.StringIO()
    run_plain(FakeLesson(QUESTIONS), store, "bo", io.StringIO(first), out)
    text = out.getvalue()
    assert "The answer is" in text and "Against the gradient" in text
    assert "The answer is 2.0025." in text and "The answer is 2*x + cos(x)." in text
    assert "Score: 0 of 3." in text
    against = choice_number(posed_for("bo")[0], "Against the gradient")
    run_plain(FakeLesson(QUESTIONS), store, "bo", io.StringIO(f"{against}\n9\n9\n2x+cos(x)\n"), io.StringIO())
    status = store.lesson_status("bo")["gd-1d"]
    assert tuple(status["best"]) == (2, 3) and tuple(status["last"]) == (2, 3)
    run_plain(FakeLesson(QUESTIONS), store, "bo", io.StringIO(first), io.StringIO())
    status = store.lesson_status("bo")["gd-1d"]
    assert tuple(status["best"]) == (2, 3) and tuple(status["last"]) == (0, 3)


def test_early_end_of_input_is_clean_and_keeps_answers(store):
    against = choice_number(posed_for("cy")[0], "Against the gradient")
    out = io.StringIO()
    assert run_plain(FakeLesson(QUESTIONS), store, "cy", io.StringIO(f"{against}\n"), out) == 0
    assert "Input ended after 1 of 3 questions (1 right)" in out.getvalue()
    assert [r["raw"] for r in store.answers("cy")] == [against]
    assert "Traceback" not in out.getvalue()


def test_empty_input_and_junk_only():
    out = io.StringIO()
    junk = "\n".join(["", "nan", "1/0", "5" * 5000, "?"]) + "\n"
    assert run_plain(FakeLesson(QUESTIONS[1:2]), None, "dee", io.StringIO(junk), out) == 0
    text = out.getvalue()
    assert text.count("I couldn't read that as a number") == 3
    assert text.count("That is too long for an answer: at most 2000 characters.") == 1   # the 5000 fives
    assert "Input ended after 0 of 1" in text


def test_full_width_answer_in_chinese(store):
    out = io.StringIO()
    run_plain(FakeLesson(QUESTIONS[1:2], lang="zh"), store, "li", io.StringIO("２．００２５\n"), out)
    text = out.getvalue()
    assert "第 1 题" in text and "正确" in text and "得分：1 / 1" in text


def test_generated_question_worked_with_the_students_numbers(store):
    q = [{"id": "sig", "kind": "generated", "generator": "sigmoid_prime"}]
    posed = QuizSession(q, "l", "eve").posed[0]
    out = io.StringIO()
    run_plain(FakeLesson(q), store, "eve", io.StringIO("7\n8\n"), out)
    text = out.getvalue()
    assert posed.instance.ask.split("$z = ")[1].split("$")[0] in text
    assert f"The answer is {posed.instance.answer_text()}." in text
    assert "Working:" in text


def test_options_shuffled_per_student_but_stable():
    orders = {tuple(posed_for(f"s{i}")[0].options) for i in range(12)}
    assert len(orders) > 1
    assert posed_for("s1")[0].options == posed_for("s1")[0].options


def test_unreadable_does_not_use_a_try():
    session = QuizSession(QUESTIONS[1:2], "l", "fay")
    for junk in ["abc", "", "1/0"]:
        assert session.submit(junk).status == "unreadable"
    assert session.tries_left == 2
    fb = session.submit("3")
    assert fb.status == "wrong" and fb.hint and not fb.finished and session.tries_left == 1
    fb = session.submit("3")
    assert fb.finished and fb.answer == "2.0025"
    assert session.score == 0 and session.score_recorded


def test_order_and_multi_questions():
    qs = [{"id": "o", "kind": "order", "ask": "Order", "items": ["forward", "loss", "backward", "update"]},
          {"id": "m", "kind": "multi", "ask": "Pick", "options": ["a", "b", "c"], "answer": [0, 2]}]
    session = QuizSession(qs, "l", "gus")
    posed = session.current
    right = [str(posed.options.index(t) + 1) for t in ["forward", "loss", "backward", "update"]]
    assert session.submit("1 1 2 3").status == "unreadable"
    assert session.submit(",".join(right)).status == "right"
    session.next()
    multi = session.current
    picks = [str(multi.options.index(t) + 1) for t in ("a", "c")]
    assert session.submit(picks[0]).status == "wrong"
    assert session.submit("，".join(picks)).status == "right"


class BrokenStore:
    def record_answer(self, *a):
        raise OSError("disk full")

    def quiz_score(self, *a):
        raise OSError("disk full")


def test_a_failing_store_is_reported_not_raised():
    out = io.StringIO()
    assert run_plain(FakeLesson(QUESTIONS[1:2]), BrokenStore(), "hal", io.StringIO("2.0025\n"), out) == 0
    assert "could not be saved" in out.getvalue() and "Score: 1 of 1." in out.getvalue()


def test_retake_gives_fresh_numbers_but_the_same_option_order():
    qs = [{"id": "sig", "kind": "generated", "generator": "sigmoid_prime"}, QUESTIONS[0]]
    first = QuizSession(qs, "l", "ivy")
    values = {first.posed[0].instance.values["z"]}
    again = first
    for _ in range(5):
        again = again.retake()
        values.add(again.posed[0].instance.values["z"])
        assert again.posed[1].options == first.posed[1].options
    assert len(values) > 1
    assert QuizSession(qs, "l", "ivy").posed[0].instance == first.posed[0].instance


def test_a_lesson_that_does_not_say_its_language_speaks_the_processs():
    out = io.StringIO()
    with using("zh"):
        run_plain(FakeLesson(QUESTIONS[1:2], lang=None), None, "jo", io.StringIO("2.0025\n"), out)
    assert "第 1 题" in out.getvalue() and "正确！" in out.getvalue()


def test_a_fallback_lesson_is_quizzed_in_english_whatever_the_language():
    lesson = FakeLesson(QUESTIONS[1:2], lang="zh")
    lesson.fallback = True                      # an English file shown in the Chinese list
    out = io.StringIO()
    with using("zh"):
        run_plain(lesson, None, "kim", io.StringIO("2.0025\n"), out)
    assert "Question 1 of 1" in out.getvalue() and "Right!" in out.getvalue()
