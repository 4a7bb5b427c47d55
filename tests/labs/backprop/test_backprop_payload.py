"""Issue 16 item 6: the backprop lab's events carry typed payloads (tutor/labs/backprop/payload.py).

The engine's events (iteration 1 in full) are read with `.of`; the lab's own
summaries are filled from payloads; the worked example's names stay a Mapping."""
from __future__ import annotations

import pytest

from tutor.labs.backprop.payload import (
    AfterValues,
    DivergedValues,
    DoneValues,
    IterationValues,
    StepValues,
    Weights,
    iteration_of,
    step_values,
)


def test_every_event_of_the_app_run_carries_its_payload():
    from tutor.labs import get_lab

    events = list(get_lab("backprop").from_tokens(["iterations=20"]).run())
    kinds = {"forward": StepValues, "loss": StepValues, "backward": StepValues, "update": StepValues,
             "info": AfterValues, "iteration": IterationValues, "done": DoneValues}
    assert events and all(isinstance(step_values(e), kinds[e.kind]) for e in events)
    done = step_values(events[-1])
    assert done.iterations == 20 and iteration_of(done) is None
    assert events[-1].values["w5"] == done.w5                # one entry per field: values["w5"] keeps working
    summary = step_values(events[-2])
    assert summary.iteration == 20 and summary.named() == done.named()     # the weights after iteration 20
    assert summary.E_total > done.E_total                     # E_total of iteration 20 is measured before its update


def test_a_step_keeps_the_examples_names_in_the_engines_order():
    from engine.backprop_example import events

    steps = [(e.kind, step_values(e)) for e in events(0.5, 1)]
    loss = next(v for kind, v in steps if kind == "loss")
    assert loss.layer is None and list(loss.quantities) == ["E_o1", "E_o2", "E_total"]   # not the engine's own E
    assert loss.quantities["E_total"] == pytest.approx(0.298371109, abs=5e-10)
    dense2 = next(v for kind, v in steps if kind == "backward" and v.layer == 2)
    assert dense2.quantities["∂E/∂w5"] == pytest.approx(0.082167041, abs=5e-10) and dense2.new_weights() == {}
    update = next(v for kind, v in steps if kind == "update" and v.layer == 2)
    assert update.lr == 0.5 and list(update.new_weights()) == ["w5", "w6", "w7", "w8"]
    assert update.new_weights()["w5"] == pytest.approx(0.35891648, abs=5e-9)
    with pytest.raises(TypeError):
        update.quantities["w5"] = 0.0                         # read-only, like the event


def test_of_other_values_is_none():
    assert StepValues.of({"iteration": 1, "w1": 0.1}) is None        # an info event's values: not a step
    assert DoneValues.of({"iteration": 1, "E_total": 0.3}) is None
    assert isinstance(DivergedValues.of({"step": 4, "E": float("nan"), "iteration": 1}), DivergedValues)


def test_weights_by_name_and_as_matrices():
    w = Weights(*(0.1 * k for k in range(1, 9)))
    assert list(w.named()) == [f"w{k}" for k in range(1, 9)]
    W1, W2 = w.matrices()
    assert W1 == [[w.w1, w.w2], [w.w3, w.w4]] and W2 == [[w.w5, w.w6], [w.w7, w.w8]]
