"""09 · a tiny scalar automatic differentiation, `Value` with + * tanh and backward()
(lesson [[computational-graphs]]). The reference is engine.gradcheck's central differences on the same expression."""
from __future__ import annotations

import math

import numpy as np

from engine.gradcheck import numerical_gradient
from tutor.exercises.spec import Case
from tutor.locale import t


def _add(a, b):
    return ["add", a, b]


def _mul(a, b):
    return ["mul", a, b]


def _var(name):
    return ["var", name]


X, Y = _var("x"), _var("y")
A = ["ref", "a"]                 # a = x · y, one node used twice
SHARED = {"a": _mul(X, Y)}
EXPRESSIONS = (      # (expression, the point, how it reads)
    (_add(X, Y), {"x": 2.0, "y": -3.0}, "x + y"),
    (_mul(X, Y), {"x": 2.0, "y": -3.0}, "x · y"),
    (["tanh", X], {"x": 0.5}, "tanh(x)"),
    (["tanh", _add(_add(_mul(_var("x1"), _var("w1")), _mul(_var("x2"), _var("w2"))), _var("b"))],
     {"x1": 2.0, "w1": -3.0, "x2": 0.0, "w2": 1.0, "b": 6.8813735870195432}, "tanh(x1·w1 + x2·w2 + b)"),
    (["tanh", ["tanh", ["tanh", X]]], {"x": 0.7}, "tanh(tanh(tanh(x)))"),
    (_add(_mul(X, Y), X), {"x": 3.0, "y": -2.0}, "x · y + x"),
    (_mul(X, X), {"x": 1.5}, "x · x"),
    (_mul(_add(X, Y), _mul(X, ["const", 2.0])), {"x": 0.5, "y": -1.5}, "(x + y) · (x · 2)"),
    (_mul(["tanh", A], A), {"x": 0.5, "y": -1.2}, "tanh(a) · a, a = x · y"),
)


def evaluate(node, at: dict) -> float:
    op = node[0]
    if op == "var":
        return at[node[1]]
    if op == "const":
        return node[1]
    if op == "ref":
        return evaluate(SHARED[node[1]], at)
    if op == "tanh":
        return math.tanh(evaluate(node[1], at))
    a, b = evaluate(node[1], at), evaluate(node[2], at)
    return a + b if op == "add" else a * b


class _Mistaken:
    """A Value with one of the common mistakes: `=` instead of `+=`, or no topological order."""

    def __init__(self, data, parents=(), accumulate=True, topo=True):
        self.data, self.grad, self.parents, self.local = data, 0.0, parents, ()
        self.accumulate, self.topo = accumulate, topo

    def _new(self, data, parents, local):
        out = _Mistaken(data, parents, self.accumulate, self.topo)
        out.local = local
        return out

    def __add__(self, other):
        return self._new(self.data + other.data, (self, other), (1.0, 1.0))

    def __mul__(self, other):
        return self._new(self.data * other.data, (self, other), (other.data, self.data))

    def tanh(self):
        th = math.tanh(self.data)
        return self._new(th, (self,), (1 - th * th,))

    def _send(self):
        for parent, d in zip(self.parents, self.local):
            parent.grad = parent.grad + d * self.grad if self.accumulate else d * self.grad

    def backward(self):
        self.grad = 1.0
        if not self.topo:            # depth first: a node passes its gradient on before all of it arrived
            def visit(node):
                node._send()
                for parent in node.parents:
                    visit(parent)
            visit(self)
            return
        order, seen = [], set()

        def visit(node):
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)
        visit(self)
        for node in reversed(order):
            node._send()


def _mistaken(node, at, **flags):
    inputs = {name: _Mistaken(v, **flags) for name, v in at.items()}
    shared = {}

    def build(n):
        if n[0] == "var":
            return inputs[n[1]]
        if n[0] == "ref":
            if n[1] not in shared:
                shared[n[1]] = build(SHARED[n[1]])
            return shared[n[1]]
        if n[0] == "const":
            return _Mistaken(n[1], **flags)
        if n[0] == "tanh":
            return build(n[1]).tanh()
        a, b = build(n[1]), build(n[2])
        return a + b if n[0] == "add" else a * b
    out = build(node)
    out.backward()
    return np.array([inputs[name].grad for name in at])


def cases():
    out = []
    for expr, at, text in EXPRESSIONS:
        names = list(at)
        point = np.array([at[name] for name in names])
        value = evaluate(expr, at)
        grads = numerical_gradient(lambda: evaluate(expr, dict(zip(names, point))), point, h=1e-6)
        mistakes = [(_mistaken(expr, at, accumulate=False),
                     t("a Value used more than once must add up the gradients of every use (grad += …, "
                       "not grad = …)")),
                    (_mistaken(expr, at, topo=False),
                     t("backward() must visit the nodes in reverse topological order: a node may pass its "
                       "gradient on only after every use of it has added to it")),
                    (np.zeros(len(names)), t("every gradient is 0: backward() starts by setting the output's own "
                                             "gradient to 1"))]
        call = t("f = {expression} at {point}, then f.backward()", expression=text,
                 point=", ".join(f"{name} = {v:g}" for name, v in at.items()))
        probe = {"probe": "autodiff", "cls": "Value", "expr": expr, "at": at, "shared": SHARED}
        out.append(Case(probe, call, (value, grads), names=("f.data", t("the gradients ({names})",
                                                                         names=", ".join(names))),
                        mistakes={1: mistakes}, rtol=1e-6, atol=1e-6, group=f"autodiff{len(out)}"))
    return out
