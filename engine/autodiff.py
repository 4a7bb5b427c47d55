"""Reverse-mode automatic differentiation on scalars: `Value`, a computational graph.

    x1, x2 = Value(2.0, name="x1"), Value(0.0, name="x2")
    f = (x1 * x2 + x1).tanh()
    f.backward()          # x1.grad = ∂f/∂x1, x2.grad = ∂f/∂x2

Each operation makes a new node that remembers its inputs and, computed in the
forward pass, its local derivative with respect to each input.  `backward()`
visits the nodes in reverse topological order, so a node's gradient is complete
(every path through it added up) before it is passed on:
    input.grad += local derivative × node.grad.

`graph(expr, point)` builds the graph of a parsed expression (engine.expression);
`graph_events(expr, point)` steps through it: the forward pass node by node, then
the backward pass node by node, then each input's gradient against finite
differences.  Plain floats throughout (NumPy scalars, no warnings: a log of a
negative number is nan, shown as such).
"""
from __future__ import annotations

import math
from typing import Iterator

import numpy as np

from engine.events import N_, Event, fmt, fmt_factor

FD_STEP = 1e-6         # central differences: (f(x + h) − f(x − h)) / 2h


def _f(x) -> float:
    return float(x)


class Value:
    """A scalar node: data, grad, the operation that made it, its inputs and the local derivatives."""

    __slots__ = ("data", "grad", "op", "inputs", "local", "name")

    def __init__(self, data, inputs: tuple = (), op: str = "", local: tuple = (), name: str = "") -> None:
        self.data = _f(data)
        self.grad = 0.0
        self.op = op                 # "" for an input, "const", "+", "-", "*", "/", "^", "neg" or a function
        self.inputs = tuple(inputs)
        self.local = tuple(_f(d) for d in local)   # ∂self/∂inputs[i], computed in the forward pass
        self.name = name

    def __repr__(self) -> str:
        return f"Value({self.name or self.op}={self.data:g}, grad={self.grad:g})"

    # --- operations --------------------------------------------------------------
    def __add__(self, other):
        other = _value(other)
        return Value(self.data + other.data, (self, other), "+", (1.0, 1.0))

    def __radd__(self, other):
        return _value(other) + self

    def __sub__(self, other):
        other = _value(other)
        return Value(self.data - other.data, (self, other), "-", (1.0, -1.0))

    def __rsub__(self, other):
        return _value(other) - self

    def __mul__(self, other):
        other = _value(other)
        return Value(self.data * other.data, (self, other), "*", (other.data, self.data))

    def __rmul__(self, other):
        return _value(other) * self

    def __truediv__(self, other):
        other = _value(other)
        a, b = self.data, other.data
        with np.errstate(all="ignore"):
            return Value(np.float64(a) / b, (self, other), "/", (np.float64(1.0) / b, -np.float64(a) / b ** 2))

    def __rtruediv__(self, other):
        return _value(other) / self

    def __neg__(self):
        return Value(-self.data, (self,), "neg", (-1.0,))

    def __pow__(self, other):
        other = _value(other)
        a, b = np.float64(self.data), np.float64(other.data)
        with np.errstate(all="ignore"):
            out = a ** b
            d_base = b * a ** (b - 1) if b != 0 else np.float64(0.0)
            # the exponent's derivative a^b ln a: only where a > 0 (a constant exponent never needs it)
            d_exp = out * np.log(a) if a > 0 else (np.float64(0.0) if other.op == "const" else np.float64("nan"))
        return Value(out, (self, other), "^", (d_base, d_exp))

    def apply(self, name: str):
        """A function of one input by name: exp log ln sqrt sin cos tan tanh sigmoid relu abs."""
        x = np.float64(self.data)
        with np.errstate(all="ignore"):
            value, slope = FUNCTIONS[name](x)
        return Value(value, (self,), name, (slope,))

    def exp(self):
        return self.apply("exp")

    def log(self):
        return self.apply("log")

    def tanh(self):
        return self.apply("tanh")

    def sigmoid(self):
        return self.apply("sigmoid")

    def relu(self):
        return self.apply("relu")

    def sin(self):
        return self.apply("sin")

    def cos(self):
        return self.apply("cos")

    # --- the backward pass -----------------------------------------------------------
    def backward(self) -> None:
        """Every node's grad = ∂self/∂node (added up over all paths)."""
        order = topological(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(order):
            for inp, d in zip(node.inputs, node.local):
                inp.grad += d * node.grad


def _sigmoid(x):
    s = 0.5 * (1.0 + np.tanh(0.5 * x))          # no overflow for large |x|
    return s, s * (1.0 - s)


# name: x -> (f(x), f'(x))
FUNCTIONS = {
    "exp": lambda x: (np.exp(x), np.exp(x)),
    "log": lambda x: (np.log(x), 1.0 / x),
    "ln": lambda x: (np.log(x), 1.0 / x),
    "sqrt": lambda x: (np.sqrt(x), 0.5 / np.sqrt(x)),
    "sin": lambda x: (np.sin(x), np.cos(x)),
    "cos": lambda x: (np.cos(x), -np.sin(x)),
    "tan": lambda x: (np.tan(x), 1.0 / np.cos(x) ** 2),
    "tanh": lambda x: (np.tanh(x), 1.0 - np.tanh(x) ** 2),
    "sigmoid": _sigmoid,
    "relu": lambda x: (max(x, 0.0), 1.0 if x > 0 else 0.0),
    "abs": lambda x: (abs(x), float(np.sign(x))),
}


def _value(x) -> Value:
    return x if isinstance(x, Value) else Value(x, op="const")


def topological(root: Value) -> list[Value]:
    """Every node of the graph after its inputs (inputs first, the root last); no recursion."""
    order: list[Value] = []
    seen: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for inp in reversed(node.inputs):
            if id(inp) not in seen:
                stack.append((inp, False))
    return order


# --- the graph of a typed expression ------------------------------------------------------

def graph(expr, point: dict[str, float]) -> tuple[Value, dict[str, Value]]:
    """The graph of a parsed expression (engine.expression.Expr) at `point`: (output, {name: input node}).
    A variable used twice is one node, so its gradient adds up over both paths."""
    from engine.expression import Bin, Call, Chain, Neg, Num, Var

    inputs = {name: Value(point[name], name=name) for name in expr.variables}
    binary = {"+": Value.__add__, "-": Value.__sub__, "*": Value.__mul__, "/": Value.__truediv__,
              "^": Value.__pow__}

    def build(node) -> Value:
        if isinstance(node, Num):
            return Value(node.value, op="const")
        if isinstance(node, Var):
            return inputs[node.name]
        if isinstance(node, Neg):
            return -build(node.arg)
        if isinstance(node, Bin):
            return binary[node.op](build(node.left), build(node.right))
        if isinstance(node, Chain):
            value = build(node.first)
            for op, part in node.rest:
                value = binary[op](value, build(part))
            return value
        if isinstance(node, Call):
            if node.name not in FUNCTIONS:
                raise ValueError(f"{node.name} is not differentiated here; use {', '.join(sorted(FUNCTIONS))}")
            return build(node.arg).apply(node.name)
        raise ValueError(f"cannot build a graph node from {node!r}")

    return build(expr.tree), inputs


def name_nodes(root: Value) -> list[Value]:
    """Name the operation nodes v1, v2, … in forward order (inputs keep their names); the order."""
    order = topological(root)
    k = 0
    for node in order:
        if node.op not in ("", "const") and not node.name:
            k += 1
            node.name = f"v{k}"
    return order


def shown(node: Value) -> str:
    """How a node appears inside a formula: its name, or a constant's number."""
    return f"{node.data:g}" if node.op == "const" else node.name


def expression(node: Value) -> str:
    """The operation of a node in terms of its inputs: "x1 * v2", "tanh(v3)"."""
    args = [shown(i) for i in node.inputs]
    if node.op == "neg":
        return f"-{args[0]}"
    if node.op in ("+", "-", "*", "/", "^"):
        return f"{args[0]} {node.op} {args[1]}"
    return f"{node.op}({args[0]})"


def _tex(name: str) -> str:
    """x1 -> x_{1}, v12 -> v_{12}."""
    head = name.rstrip("0123456789")
    tail = name[len(head):]
    return f"{head}_{{{tail}}}" if tail and head else name


def _tex_expression(node: Value) -> str:
    args = [_tex(shown(i)) for i in node.inputs]
    ops = {"+": "+", "-": "-", "*": r"\cdot", "/": "/", "^": "^"}
    if node.op == "neg":
        return f"-{args[0]}"
    if node.op == "^":
        return f"{args[0]}^{{{args[1]}}}"
    if node.op in ops:
        return f"{args[0]} {ops[node.op]} {args[1]}"
    name = {"sigmoid": r"\sigma", "relu": r"\operatorname{relu}"}.get(node.op, "\\" + node.op)
    return f"{name}({args[0]})"


def _tex_numbers(node: Value) -> str:
    """The same operation with the inputs' numbers put in."""
    nums = [fmt(i.data) for i in node.inputs]
    nums = [f"({n})" if n.startswith("-") else n for n in nums]
    ops = {"+": "+", "-": "-", "*": r"\cdot", "/": "/"}
    if node.op == "neg":
        return f"-{nums[0]}"
    if node.op == "^":
        return f"{nums[0]}^{{{fmt(node.inputs[1].data)}}}"
    if node.op in ops:
        return f"{nums[0]} {ops[node.op]} {nums[1]}"
    name = {"sigmoid": r"\sigma", "relu": r"\operatorname{relu}"}.get(node.op, "\\" + node.op)
    return f"{name}({fmt(node.inputs[0].data)})"


def consumers(order: list[Value]) -> dict[int, list[tuple[Value, float]]]:
    """For each node, the nodes that use it and the local derivative along that edge (once per use)."""
    users: dict[int, list[tuple[Value, float]]] = {id(n): [] for n in order}
    for node in order:
        for inp, d in zip(node.inputs, node.local):
            users[id(inp)].append((node, d))
    return users


def finite_difference(expr, point: dict[str, float], name: str, h: float = FD_STEP) -> float:
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    return (float(expr(**up)) - float(expr(**down))) / (2 * h)


def graph_events(expr, point: dict[str, float]) -> Iterator[Event]:
    """The forward pass node by node, the backward pass node by node (local derivative × upstream
    gradient, added up over every use), then each input's gradient against finite differences."""
    root, inputs = graph(expr, point)
    order = name_nodes(root)
    nodes = [n for n in order if n.op != "const"]
    index = {id(n): k for k, n in enumerate(nodes)}
    step = 0
    for node in nodes:                                   # forward
        values = {"pass": "forward", "node": index[id(node)], "name": node.name, "value": node.data,
                  "operation": expression(node) if node.op else ""}
        if node.op == "":
            formula = rf"{_tex(node.name)} = {fmt(node.data)}"
            label = (N_("Input {name} = {value}"), {"name": node.name, "value": fmt(node.data)})
        else:
            formula = rf"{_tex(node.name)} = {_tex_expression(node)} = {_tex_numbers(node)} = {fmt(node.data)}"
            label = (N_("Forward: {name} = {operation}"), {"name": node.name, "operation": expression(node)})
        yield Event.said("forward", *label, formula, values=values, step=step)
        step += 1
    users = consumers(order)
    for node in order:
        node.grad = 0.0
    root.grad = 1.0
    yield Event.said("backward", N_("Backward: the output {name} has gradient 1"), {"name": root.name},
                     rf"\frac{{\partial f}}{{\partial {_tex(root.name)}}} = 1",
                     values={"pass": "backward", "node": index[id(root)], "name": root.name, "grad": 1.0, "uses": 0},
                     step=step)
    step += 1
    for node in reversed(nodes[:-1] if nodes and nodes[-1] is root else nodes):
        uses = users[id(node)]
        node.grad = sum(d * user.grad for user, d in uses)
        symbolic = " + ".join(rf"\frac{{\partial f}}{{\partial {_tex(u.name)}}}"
                              rf"\frac{{\partial {_tex(u.name)}}}{{\partial {_tex(node.name)}}}" for u, _ in uses)
        numbers = " + ".join(rf"{fmt_factor(u.grad) if k else fmt(u.grad)} \cdot {fmt_factor(d)}"
                             for k, (u, d) in enumerate(uses))
        formula = (rf"\frac{{\partial f}}{{\partial {_tex(node.name)}}} = {symbolic} = {numbers} = {fmt(node.grad)}"
                   if uses else rf"\frac{{\partial f}}{{\partial {_tex(node.name)}}} = 0")
        said = (N_("Backward: ∂f/∂{name}, added up over its {n} uses") if len(uses) > 1
                else N_("Backward: ∂f/∂{name} = upstream × local derivative"))
        yield Event.said("backward", said, {"name": node.name, "n": len(uses)}, formula,
                         values={"pass": "backward", "node": index[id(node)], "name": node.name, "grad": node.grad,
                                 "uses": len(uses)},
                         step=step)
        step += 1
    grads = {name: inputs[name].grad for name in inputs}
    numeric = {name: finite_difference(expr, point, name) for name in inputs}
    formula = r",\ ".join(rf"\frac{{\partial f}}{{\partial {_tex(n)}}} = {fmt(grads[n])}" for n in inputs)
    yield Event.said("done", N_("Gradients, checked with finite differences"), {}, formula,
                values={"grads": grads, "numeric": numeric, "f": root.data}, step=step)


def all_nodes(expr, point: dict[str, float]) -> list[Value]:
    """The named nodes (no constants) in forward order, after the whole backward pass."""
    root, _ = graph(expr, point)
    order = name_nodes(root)
    root.backward()
    return [n for n in order if n.op != "const"]


def close(a: float, b: float, tol: float = 1e-5) -> bool:
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
