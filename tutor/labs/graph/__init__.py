"""Lab `graph`: a scalar expression as a computational graph, differentiated in reverse mode.

The run is the engine's (engine/autodiff.py, graph_events): the forward pass
node by node, the backward pass node by node — local derivative × upstream
gradient, added up over every use of a node — and each input's gradient
against finite differences.  This file reads the settings and words the steps.

    dltutor lab graph f='tanh(x1*w1 + x2*w2 + b)' at='x1=2, x2=0, w1=-3, w2=1, b=6.88137'
"""
from __future__ import annotations

import math
import re
from typing import Iterator, TextIO

from rich.cells import cell_len

from engine.autodiff import all_nodes, expression, finite_difference, graph_events
from engine.events import Event, fmt
from engine.expression import ExpressionError, parse
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.text import pad
from tutor.locale import N_, t

MAX_INPUTS = 12
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def parse_point(text: str) -> dict[str, float]:
    """'x1=2, x2=0' -> {"x1": 2.0, "x2": 0.0}."""
    point: dict[str, float] = {}
    for part in [p for p in re.split(r"[,;\s]+", text.strip()) if p]:
        name, eq, number = part.partition("=")
        name = name.strip()
        if not eq or not NAME.match(name):
            raise LabError(t("at={text}: write each input as name=number, separated by commas, "
                             "e.g. at='x1=2, x2=0'", text=repr(text)))
        try:
            value = float(number)
        except ValueError:
            raise LabError(t("at: {name}={number} is not a number", name=name, number=repr(number))) from None
        if not math.isfinite(value) or abs(value) > 1e6:
            raise LabError(t("at: {name} must be a finite number at most 1e6 in size", name=name))
        point[name] = value
    if not point:
        raise LabError(t("at: give at least one input, e.g. at='x1=2, x2=0'"))
    return point


class GraphLab(Lab):
    name = "graph"
    title = N_("Computational graph and automatic differentiation")
    summary = N_("A formula as a graph of nodes: forward node by node, backward node by node, "
                 "checked against finite differences.")
    params = (
        Param("f", "tanh(x1*w1 + x2*w2 + b)",
              N_("the formula: + − × ÷, powers, exp, log, tanh, sigmoid, relu, sin, cos"), str),
        Param("at", "x1=2, x2=0, w1=-3, w2=1, b=6.88137", N_("the inputs' values: name=number, …"), str,
              items=MAX_INPUTS),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        self.point = parse_point(str(self.values["at"]))
        text = str(self.values["f"])
        try:
            self.expr = parse(text, variables=tuple(self.point))
        except ExpressionError as exc:       # the engine's reason, in English
            raise LabError(t("lab graph: f={text}: {reason}", text=repr(text), reason=exc.message)) from None
        except ValueError as exc:
            raise LabError(t("lab graph: {reason}", reason=exc)) from None
        unused = [name for name in self.point if name not in self.expr.variables]
        if unused:
            raise LabError(t("at: f does not use {names}", names=", ".join(unused)))
        try:
            self.nodes = all_nodes(self.expr, self.point)
        except ValueError as exc:            # a function the graph does not differentiate
            raise LabError(t("lab graph: {reason}", reason=exc)) from None

    def run(self) -> Iterator[Event]:
        # The engine's captions are messages: the screen shows them in the student's language.
        yield from graph_events(self.expr, self.point)

    def plain(self, out: TextIO) -> None:
        point = ", ".join(f"{k} = {v:g}" for k, v in self.point.items())
        print(t("f = {formula} at {point}", formula=self.values["f"], point=point), file=out)
        rows = [(t("node"), t("operation"), t("value"), t("gradient"))]
        for node in self.nodes:
            rows.append((node.name, expression(node) if node.op else t("input"), fmt(node.data), fmt(node.grad)))
        widths = [max(cell_len(r[i]) for r in rows) for i in range(4)]
        for row in rows:
            print("  ".join(pad(cell, w, right=i >= 2) for i, (cell, w) in enumerate(zip(row, widths))).rstrip(),
                  file=out)
        grads = {n.name: n.grad for n in self.nodes if not n.op}
        for name in self.point:
            numeric = finite_difference(self.expr, self.point, name)
            print(t("∂f/∂{name} = {grad}   (finite differences: {numeric})", name=name,
                    grad=fmt(grads[name]), numeric=fmt(numeric)), file=out)

