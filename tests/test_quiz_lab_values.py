"""Lab questions that read one value of the run (`measure`): the neuron's gates, the conv lab's
output size, the rnn lab's gradient ratio — each verdict agrees with the lab's own run."""
import pytest

from tutor.labs import get_lab
from tutor.locale import using
from tutor.quiz import validate
from tutor.quiz.session import QuizSession

OR = {"id": "or", "kind": "lab", "ask": "Make the neuron compute OR.", "lab": "neuron",
      "challenge": "value_is", "measure": "gates", "target": "OR", "setup": "activation=step"}
STRIDE = {"id": "stride", "kind": "lab", "ask": "A 3×3 map.", "lab": "conv", "challenge": "value_is",
          "measure": "h_out", "target": 3, "setup": "image=digit kernel=vertical"}
EXPLODE = {"id": "explode", "kind": "lab", "ask": "Ratio at least 1.", "lab": "rnn",
           "challenge": "value_at_least", "measure": "ratio", "target": 1, "setup": "T=10 hidden=2 seed=0"}
FADE = dict(EXPLODE, id="fade", challenge="value_below", target=0.001)     # scale 1: 0.00014


def answer(question, raw):
    return QuizSession([question], "l", "ana").submit(raw)


def test_the_questions_validate():
    assert [validate(q) for q in (OR, STRIDE, EXPLODE, FADE)] == [[], [], [], []]


@pytest.mark.parametrize("spec, problem", [
    (dict(OR, measure=None), "needs a 'measure'"),
    (dict(STRIDE, target="three"), "must be a number"),     # only value_is may ask for a text
    (dict(EXPLODE, target="big"), "must be a number"),
])
def test_bad_questions_are_reported(spec, problem):
    if spec["challenge"] == "value_is" and spec["target"] == "three":
        spec = dict(spec, challenge="value_at_least")
    assert any(problem in p for p in validate(spec))


@pytest.mark.parametrize("raw, status", [("w1=1 w2=1 b=-0.5", "right"), ("w1=1 w2=1 b=-1.5", "wrong"),
                                         ("w1=-1 w2=-1 b=1.5", "wrong")])
def test_the_gate_is_read_from_the_run(raw, status):
    assert answer(OR, raw).status == status


@pytest.mark.parametrize("stride", [1, 2, 3, 4])
def test_the_output_size_agrees_with_the_run(stride):
    events = list(get_lab("conv").from_tokens(["image=digit", "kernel=vertical", f"stride={stride}"]).run())
    h_out = next(e.values["h_out"] for e in events if "h_out" in (e.values or {}))
    assert answer(STRIDE, f"stride={stride}").status == ("right" if h_out == 3 else "wrong")


@pytest.mark.parametrize("scale, explodes", [(1, False), (4, True)])
def test_the_gradient_ratio_is_read_from_the_run(scale, explodes):
    assert answer(EXPLODE, f"scale={scale}").status == ("right" if explodes else "wrong")
    assert answer(FADE, f"scale={scale}").status == ("wrong" if explodes else "right")


def test_a_value_the_run_does_not_report_is_explained():
    fb = answer(dict(OR, measure="nonsense"), "b=0")
    assert fb.status == "wrong" and "nonsense" in fb.message


def test_the_verdict_speaks_chinese():
    with using("zh"):
        assert "目标是 OR" in answer(OR, "w1=1 w2=1 b=-1.5").message


def test_the_prompt_names_the_settings_of_the_example_without_their_values():
    # the gradient lab's first setting is span: "e.g. span=…" sent students to the wrong setting
    from tutor.quiz.kinds import LabQuestion

    grad = {"id": "g", "kind": "lab", "ask": "x", "lab": "gradient2d", "challenge": "iterations_below", "target": 3,
            "setup": "f=x^2+y^2-2*x*y x0=1 y0=2", "example": "lr=0.25"}
    assert "lr=…" in LabQuestion(grad).pose("ana").prompt() and "0.25" not in LabQuestion(grad).pose("ana").prompt()
    assert "w1=… w2=… b=…" in LabQuestion(dict(OR, example="w1=1 w2=1 b=-0.5")).pose("ana").prompt()
