"""engine/autodiff.py: Value's gradients agree with finite differences for every operation,
a node used several times adds its gradients up, backward needs no recursion, and the
stepped run (graph_events) visits each node once forward and once backward."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine.autodiff import FUNCTIONS, Value, finite_difference, graph, graph_events
from engine.expression import parse

FORMULAS = [
    ("tanh(x1*w1 + x2*w2 + b)", "x1 w1 x2 w2 b"),
    ("x*y - y/x + x^2", "x y"),
    ("exp(x) * log(y) + sqrt(y) - sin(x)*cos(y)", "x y"),
    ("sigmoid(a*b) + relu(a - b) + tan(a/3) + abs(b)", "a b"),
    ("-x^y + (x - 3)^2 / (1 + y^2)", "x y"),
    ("x*x*x + x", "x"),
    ("ln(x^2 + 1) * sigmoid(-x)", "x"),
]


@pytest.mark.parametrize("text, names", FORMULAS)
def test_gradients_agree_with_finite_differences(text, names):
    rng = np.random.default_rng(len(text))
    variables = tuple(names.split())
    expr = parse(text, variables=variables)
    for _ in range(5):
        point = {n: float(rng.uniform(0.3, 2.0)) for n in variables}
        root, inputs = graph(expr, point)
        assert math.isclose(root.data, expr(**point), rel_tol=1e-12)
        root.backward()
        for name, node in inputs.items():
            numeric = finite_difference(expr, point, name)
            assert math.isclose(node.grad, numeric, rel_tol=1e-5, abs_tol=1e-6), (text, name, point)


def test_a_node_used_several_times_adds_up_its_gradients():
    a = Value(3.0, name="a")
    f = a * a + a          # f' = 2a + 1 = 7: "=" instead of "+=" would give 3 or 1
    f.backward()
    assert a.grad == 7.0
    b = Value(-2.0)
    g = (b * b).tanh() * b
    g.backward()
    t = math.tanh(4.0)
    assert math.isclose(b.grad, (1 - t * t) * 2 * -2.0 * -2.0 + t)


def test_backward_twice_gives_the_same_gradients_and_a_long_chain_needs_no_recursion():
    x = Value(0.5)
    y = x
    for _ in range(5000):
        y = y + x
    y.backward()
    y.backward()
    assert x.grad == 5001.0


def test_every_function_of_the_parser_that_the_lab_offers_is_differentiated():
    for name in ("exp", "log", "tanh", "sigmoid", "relu", "sin", "cos"):
        assert name in FUNCTIONS
    with pytest.raises(ValueError, match="asin is not differentiated"):
        graph(parse("asin(x)", variables=("x",)), {"x": 0.5})


def test_the_stepped_run_visits_each_node_forward_then_backward_and_checks_the_result():
    expr = parse("tanh(x1*w1 + x2*w2 + b)", variables=("x1", "w1", "x2", "w2", "b"))
    point = {"x1": 2.0, "w1": -3.0, "x2": 0.0, "w2": 1.0, "b": 6.881373587019543}
    events = list(graph_events(expr, point))
    forward = [e for e in events if e.kind == "forward"]
    backward = [e for e in events if e.kind == "backward"]
    assert len(forward) == len(backward) == 10          # 5 inputs and 5 operations
    assert [e.values["name"] for e in backward] == [e.values["name"] for e in reversed(forward)]
    assert [e.step for e in events] == list(range(len(events)))
    done = events[-1]
    assert done.kind == "done"
    assert math.isclose(done.values["grads"]["x1"], -1.5, rel_tol=1e-9)
    assert math.isclose(done.values["grads"]["w1"], 1.0, rel_tol=1e-9)
    for name, grad in done.values["grads"].items():
        assert math.isclose(grad, done.values["numeric"][name], abs_tol=1e-6)


def test_a_shared_input_shows_every_use_in_its_backward_formula():
    expr = parse("x*y + x", variables=("x", "y"))
    events = list(graph_events(expr, {"x": 2.0, "y": 3.0}))
    x = next(e for e in events if e.kind == "backward" and e.values["name"] == "x")
    assert x.values["uses"] == 2 and x.values["grad"] == 4.0
    assert x.formula.count(r"\frac{\partial v_{") == 2      # ∂v1/∂x and ∂v2/∂x
