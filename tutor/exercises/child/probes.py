"""What the checking process does with a student's module, one probe per kind.

    call      func(*args, **kwargs)
    numgrad   ∂/∂args[wrt] of Σ weights ⊙ func(*args)[select], by central
              differences of the student's own function
    autodiff  build an expression with the student's Value class, call
              backward() on it, report the value and every input's gradient

A probe returns a plain value; dltutor compares it with the engine.
"""
from __future__ import annotations

import numpy as np

H = 1e-6


class MissingFunction(Exception):
    """The module has no function (or class) of that name."""


def _get(module, name):
    try:
        return getattr(module, name)
    except AttributeError:
        raise MissingFunction(name) from None


def call(module, case):
    func = _get(module, case["func"])
    return func(*case.get("args", []), **case.get("kwargs", {}))


def numgrad(module, case):
    func = _get(module, case["func"])
    args = [np.array(a, dtype=float) if isinstance(a, np.ndarray) else a for a in case["args"]]
    weights, select, wrt = case["weights"], case.get("select"), case["wrt"]

    def energy() -> float:
        out = func(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
        if select is not None:
            out = out[select]
        return float(np.sum(np.asarray(out, dtype=float) * weights))

    x = args[wrt]
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + H
        plus = energy()
        x[i] = old - H
        minus = energy()
        x[i] = old
        grad[i] = (plus - minus) / (2 * H)
    return grad


def autodiff(module, case):
    """case["expr"]: ["var", name] | ["const", c] | ["add", a, b] | ["mul", a, b] | ["tanh", a]
    | ["ref", name]: the sub-expression case["shared"][name], built once and used wherever it is named."""
    Value = _get(module, case["cls"])
    inputs = {name: Value(float(v)) for name, v in case["at"].items()}
    shared = {}

    def build(node):
        op = node[0]
        if op == "var":
            return inputs[node[1]]                 # the same object each time: gradients must add up
        if op == "const":
            return Value(float(node[1]))
        if op == "ref":
            if node[1] not in shared:
                shared[node[1]] = build(case["shared"][node[1]])
            return shared[node[1]]
        if op == "add":
            return build(node[1]) + build(node[2])
        if op == "mul":
            return build(node[1]) * build(node[2])
        if op == "tanh":
            return build(node[1]).tanh()
        raise ValueError(f"unknown operation {op!r}")

    out = build(case["expr"])
    out.backward()
    return (float(out.data), [float(inputs[name].grad) for name in case["at"]])


PROBES = {"call": call, "numgrad": numgrad, "autodiff": autodiff}
