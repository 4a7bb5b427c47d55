"""Lab questions: the challenge is checked on the lab's own engine run."""
from typing import Iterator

import pytest

from engine.events import Event
from tutor.labs import Lab, Param
from tutor.locale import using
from tutor.quiz import validate
from tutor.quiz.challenges import run_challenge, summarise
from tutor.quiz.kinds import LabQuestion
from tutor.quiz.session import QuizSession

FAST = {"id": "fast-lr", "kind": "lab", "ask": "Reach the minimum in fewer than 10 iterations.",
        "lab": "gd1d", "challenge": "iterations_below", "target": 10, "setup": "f=x^2+sin(x) x0=4",
        "example": "lr=0.6"}


def gd1d_iterations(lr):
    """Count the iterations of the gd1d run directly from its events."""
    from tutor.labs import get_lab

    events = list(get_lab("gd1d").from_tokens(["f=x^2+sin(x)", "x0=4", f"lr={lr}"]).run())
    return sum(e.kind == "iteration" for e in events), events[-1].kind


def answer(raw, question=FAST):
    return QuizSession([question], "l", "ana").submit(raw)


def test_the_question_validates():
    assert validate(FAST) == []


@pytest.mark.parametrize("lr", [0.3, 0.5, 0.6, 0.8, 1.5])
def test_verdict_agrees_with_the_run(lr):
    iterations, last = gd1d_iterations(lr)
    fb = answer(f"lr={lr}")
    assert fb.status == ("right" if last == "done" and iterations < 10 else "wrong")
    assert str(iterations) in fb.message


@pytest.mark.parametrize("raw,why", [("lr=abc", "not a number"), ("0.5", "key=value"),
                                     ("foo=1", "unknown parameter"), ("x0=1", "fixed"), ("", "key=value")])
def test_bad_settings_are_explained_and_do_not_count(raw, why):
    session = QuizSession([FAST], "l", "ana")
    fb = session.submit(raw)
    assert fb.status == "unreadable" and why in fb.message
    assert session.tries_left == 2


@pytest.mark.parametrize("raw,why", [("lr=abc", "这里要填一个数"), ("foo=1", "没有参数 'foo'")])
def test_bad_settings_are_explained_in_chinese(raw, why):
    with using("zh"):
        fb = QuizSession([FAST], "l", "ana").submit(raw)
    assert fb.status == "unreadable" and why in fb.message
    assert "expected" not in fb.message and "unknown" not in fb.message


def test_fixed_settings_are_not_offered():
    fb = answer("")
    assert "Settings: lr, min_step" in fb.message


class XorLab(Lab):
    """A stand-in lab: accuracy grows with the hidden units (no engine needed)."""

    name = "xor-fake"
    title = "fake"
    summary = "fake"
    params = (Param("hidden", 2, "hidden units", kind=int, low=1, high=64),
              Param("lr", 0.5, "learning rate"))

    def run(self) -> Iterator[Event]:
        if self.values["lr"] > 10:
            yield Event("diverged", "boom", values={"step": 1})
            return
        accuracy = min(1.0, 0.25 * self.values["hidden"])
        for k in range(3):
            yield Event("update", f"step {k}", values={"accuracy": accuracy * (k + 1) / 3, "loss": 1 - accuracy})
        yield Event("done", "done", values={"accuracy": accuracy})


def xor_question(**extra):
    spec = {"id": "xor", "kind": "lab", "ask": "95% on XOR with at most 4 hidden neurons", "lab": "gd1d",
            "challenge": "accuracy_at_least", "target": 95, "limits": {"hidden": 4}}
    spec.update(extra)
    return LabQuestion(spec)


@pytest.mark.parametrize("raw,status", [("hidden=4", "right"), ("hidden=3", "wrong"), ("hidden=8", "unreadable"),
                                        ("hidden=4 lr=50", "wrong")])
def test_accuracy_challenge_with_a_limit(raw, status):
    check = run_challenge(xor_question(), XorLab, raw)
    assert check.status == status, check.message


def test_missing_lab_is_not_the_students_fault():
    with using("zh"):
        check = run_challenge(xor_question(), None, "hidden=4")
    assert check.status == "unreadable" and "gd1d" in check.message and "这个版本中没有实验" in check.message


def test_summary_of_a_run():
    events = [Event("iteration", "1", values={"x": 1.0}), Event("iteration", "2", values={"x": 0.5}),
              Event("done", "d", values={"iterations": 2, "converged": True, "loss": 0.1})]
    run = summarise(iter(events))
    assert run.iterations == 2 and run.finished and run.converged and run.last("loss") == 0.1


def test_training_labs_report_accuracy_under_their_own_names():
    events = [Event("info", "epoch 1", values={"epoch": 1, "train_loss": 0.7, "train_acc": 0.5, "val_acc": None}),
              Event("info", "epoch 2", values={"epoch": 2, "train_loss": 0.1, "train_acc": 1.0, "val_acc": None})]
    from tutor.quiz.challenges import CHALLENGES

    run = summarise(iter(events))
    assert CHALLENGES["accuracy_at_least"].check(run, 95)[0]
    assert not CHALLENGES["accuracy_at_least"].check(summarise(iter(events[:1])), 0.95)[0]
    assert CHALLENGES["loss_below"].check(run, 0.2)[0]
    assert not CHALLENGES["loss_below"].check(run, 0.05)[0]
