"""Every exercise can be solved from its stub: a NumPy-only solution passes every check,
in the sandbox and in a plain child process; the stubs' own numbers are the engine's."""
from __future__ import annotations

import ast
import re
import shutil

import numpy as np
import pytest
from exercise_helpers import SOLUTIONS

from tutor.exercises.catalog import EXERCISES, lesson_numbers
from tutor.exercises.check import check_files, check_folder
from tutor.exercises.files import STUBS, init_folder, stub_text


def test_there_are_at_least_14_exercises_in_the_lessons_order():
    assert len(EXERCISES) >= 14
    numbers = lesson_numbers()
    order = [tuple(int(p) for p in numbers[e.lesson].split(".")) for e in EXERCISES]
    assert order == sorted(order)
    assert [e.number for e in EXERCISES] == list(range(1, len(EXERCISES) + 1))


def test_each_stub_names_its_lesson_as_the_home_screen_numbers_it():
    from tutor.content import load_lessons
    from tutor.screens.home import numbering

    lessons = load_lessons("en")[0]
    home = numbering(lessons)
    assert lesson_numbers() == home
    for exercise in EXERCISES:
        doc = ast.get_docstring(ast.parse(stub_text(exercise, lessons)))
        first = doc.splitlines()[0]
        assert f"Exercise {exercise.number:02d}" in first
        assert re.search(rf"lesson {re.escape(home[exercise.lesson])} ", first), first
        for function in exercise.functions:          # the names the checks call are the stub's
            assert re.search(rf"^(def|class) {function}\b", (STUBS / exercise.filename).read_text(), re.M)


@pytest.mark.parametrize("mode_name", ["sandbox", "process"])
def test_the_reference_solutions_pass_every_check(mode_name, request):
    mode = request.getfixturevalue(mode_name)
    verdicts = check_folder(list(EXERCISES), SOLUTIONS, mode)
    failed = {e.stem: v.lines for e, v in zip(EXERCISES, verdicts) if not v.passed}
    assert not failed


def test_the_stubs_are_not_started_and_a_started_stub_is_unfinished(tmp_path, process):
    init_folder(tmp_path)
    verdicts = check_folder(list(EXERCISES), tmp_path, process)
    assert {v.status for v in verdicts} == {"not started"}
    # one function written, the other still raising NotImplementedError
    stub = (tmp_path / "04_sigmoid.py").read_text()
    done = (SOLUTIONS / "04_sigmoid.py").read_text().split("def sigmoid_prime")[0]
    (tmp_path / "04_sigmoid.py").write_text(done + "def sigmoid_prime" + stub.split("def sigmoid_prime")[1])
    (verdict,) = check_files([(EXERCISES[3], tmp_path / "04_sigmoid.py")], process)
    assert verdict.status == "unfinished"
    assert "sigmoid_prime is not written yet" in verdict.lines[0]


def _expected(name, index=0):
    exercise = next(e for e in EXERCISES if e.name == name)
    return exercise.cases()[index].expected


def test_the_numbers_the_stubs_quote_are_the_engines():
    xs = np.asarray(_expected("gradient_descent"))      # the lesson's run
    assert len(xs) == 11 and np.round(xs[1:5], 4).tolist() == [0.3268, -0.4735, -0.4593, -0.4537]
    assert round(xs[-1], 4) == -0.4502
    w, b = _expected("least_squares")
    assert (round(w, 2), round(b, 2)) == (1.99, 0.05)
    E, W1, W2 = _expected("backprop")                    # the lesson's example
    assert (round(E, 9), round(W2[0, 0], 8), round(W1[0, 0], 9)) == (0.298371109, 0.35891648, 0.149780716)
    theta, _, _ = _expected("optimizers", 2)             # the lesson's Adam example
    assert round(float(theta[0]), 6) == 0.9
    assert _expected("conv2d").tolist() == [[12, 12, 17], [10, 17, 19], [9, 6, 14]]
    assert _expected("maxpool").tolist() == [[[6, 5], [3, 7]]]
    assert np.round(_expected("rnn", 0), 4).tolist() == [0.4621]
    assert np.round(_expected("rnn", 1), 4).tolist() == [0.3537]
    h, c = _expected("lstm")
    assert round(float(c[0]), 4) == 1.1228


def test_a_student_may_import_a_helper_of_their_own_from_the_folder(tmp_path, sandbox):
    shutil.copy(SOLUTIONS / "04_sigmoid.py", tmp_path / "mysigmoid.py")
    (tmp_path / "04_sigmoid.py").write_text("from mysigmoid import sigmoid, sigmoid_prime\n")
    (verdict,) = check_files([(EXERCISES[3], tmp_path / "04_sigmoid.py")], sandbox)
    assert verdict.passed, verdict.lines
