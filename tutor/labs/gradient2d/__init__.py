"""Lab `gradient2d`: f(x, y) as a coloured map with level sets, the gradient at a point, then descent.

The course's example is f(x, y) = x² + y² − 2xy = (x − y)²: at (1, 2) it has
f = 1, ∇f = (2x − 2y, 2y − 2x) = (−2, 2) and |∇f| = √8 ≈ 2.828.  The partial
derivatives are the engine's central differences (engine.descent.gradient2d);
the walk downhill afterwards is engine.descent.descent2d_events.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Iterator, TextIO

import numpy as np

from engine.descent import descent2d_events, gradient2d
from engine.events import Event, fmt, fmt_factor
from engine.expression import ExpressionError, parse
from tutor.labs.gradient2d.payload import (
    DivergedValues,
    DoneValues,
    HalveValues,
    IterationValues,
    Readout,
    ReadoutStep,
    step_values,
)
from tutor.labs.kit.captions import message
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.locale import N_, t

COURSE_F = "x^2 + y^2 - 2xy"



class Gradient2dLab(Lab):
    name = "gradient2d"
    title = N_("Partial derivatives and the gradient of f(x, y)")
    summary = "f(x, y) as a map with level sets; ∂f/∂x, ∂f/∂y and |∇f| at a movable point; then walk downhill."
    params = (
        Param("f", COURSE_F, N_("a function of x and y"), kind=str),
        Param("x0", 1.0, N_("the point: x"), low=-1e6, high=1e6),
        Param("y0", 2.0, N_("the point: y"), low=-1e6, high=1e6),
        Param("span", 3.0, N_("the map shows -span..span in x and y (widened to hold the point)"), low=1e-3,
              high=1e6),
        Param("lr", 0.1, N_("learning rate of the descent after the readout"), low=1e-12, high=1e3),
        Param("max_iter", 200, N_("descent steps at most (0: no descent)"), kind=int, low=0, high=100_000),
        Param("min_step", 1e-5, N_("stop when a step is shorter than this"), low=0.0, high=1.0),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        text = str(self.values["f"])
        try:
            self.f = parse(text, variables=("x", "y"))
        except ExpressionError as exc:
            raise LabError(t("lab gradient2d: f={text}: {reason}", text=repr(text), reason=exc.message)) from None
        self.text = text
        x0, y0 = float(self.values["x0"]), float(self.values["y0"])
        self.span = max(float(self.values["span"]), abs(x0) * 1.2, abs(y0) * 1.2)
        if not math.isfinite(self.value(x0, y0)):
            raise LabError(t("lab gradient2d: f = {f} is not defined at ({x0:g}, {y0:g}); choose another point",
                             f=text, x0=x0, y0=y0))

    def value(self, x: float, y: float) -> float:
        with np.errstate(all="ignore"):
            return float(self.f(x, y))

    def readout(self, x: float, y: float) -> Readout:
        """f, both partial derivatives and the gradient's length at (x, y)."""
        g = gradient2d(self.f, x, y)
        return Readout(x, y, self.value(x, y), float(g[0]), float(g[1]), float(np.hypot(g[0], g[1])))

    # --- the run ---------------------------------------------------------------
    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        v = self.values
        x, y = float(v["x0"]), float(v["y0"])
        r = self.readout(x, y)
        n = 0
        course = self.text.replace(" ", "") == COURSE_F.replace(" ", "")
        latex = (r"f(x, y) = x^2 + y^2 - 2xy,\ \nabla f = (2x - 2y,\ 2y - 2x)" if course
                 else rf"f(x, y) = {self.text}")
        yield Event("info", f"f(x, y) = {self.text}", latex, values=r.step("function").values(), step=n)
        n += 1
        yield Event("info", t("The value at ({x}, {y})", x=fmt(x), y=fmt(y)),
                    rf"f({fmt(x)}, {fmt(y)}) = {fmt(r.f)}",
                    values=r.step("value").values(), step=n)
        n += 1
        yield Event("info", t("Partial derivative in x: hold y fixed, nudge x"),
                    rf"\frac{{\partial f}}{{\partial x}} \approx \frac{{f(x+h, y) - f(x-h, y)}}{{2h}} = {fmt(r.dx)}",
                    values=r.step("dx").values(), step=n)
        n += 1
        yield Event("info", t("Partial derivative in y: hold x fixed, nudge y"),
                    rf"\frac{{\partial f}}{{\partial y}} \approx \frac{{f(x, y+h) - f(x, y-h)}}{{2h}} = {fmt(r.dy)}",
                    values=r.step("dy").values(), step=n)
        n += 1
        yield Event("info", t("The gradient points uphill; its length is the steepest slope"),
                    rf"\nabla f = ({fmt(r.dx)}, {fmt(r.dy)}),\ |\nabla f| = "
                    rf"\sqrt{{{fmt_factor(r.dx)}^2 + {fmt_factor(r.dy)}^2}} = {fmt(r.grad_norm)}",
                    values=r.step("gradient").values(), step=n)
        n += 1
        if int(v["max_iter"]) == 0:
            yield Event("done", t("Done (no descent: max_iter=0)"), "",
                        values=r.step("end").values(), step=n)
            return
        for e in descent2d_events(self.f, x, y, lr=float(v["lr"]), min_step=float(v["min_step"]),
                                  max_iterations=int(v["max_iter"])):
            yield dataclasses.replace(e, step=n)
            n += 1

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("f(x, y) = {f}, point ({x0:g}, {y0:g}), learning rate {lr:g}",
                f=self.text, x0=v["x0"], y0=v["y0"], lr=v["lr"]), file=out)
        for e in self.run():
            print_step(e, step_values(e), out)


def print_step(e: Event, a, out: TextIO) -> None:
    """One line of --plain for event `e` and its payload `a` (nothing for the function's event)."""
    if isinstance(a, ReadoutStep):
        if a.what == "value":
            print(f"f({a.x:g}, {a.y:g}) = {a.f:.6f}", file=out)
        elif a.what == "dx":
            print(f"df/dx = {a.dx:.6f}", file=out)
        elif a.what == "dy":
            print(f"df/dy = {a.dy:.6f}", file=out)
        elif a.what == "gradient":
            print(t("gradient = ({dx:.6f}, {dy:.6f}), |gradient| = {norm:.6f}",
                    dx=a.dx, dy=a.dy, norm=a.grad_norm), file=out)
        elif a.what == "end":
            print(e.label, file=out)
    elif isinstance(a, IterationValues):
        point = f"(x, y) = ({a.x:.4f}, {a.y:.4f})"
        print(t("Iteration {iteration}: {point}, f = {f:.4f}, gradient = ({dx:.4f}, {dy:.4f}), "
                "learning rate = {lr:.4f}", iteration=a.iteration, point=point, f=a.f, dx=a.dx,
                dy=a.dy, lr=a.lr), file=out)
    elif isinstance(a, HalveValues):
        print(t("Learning rate halved: {lr_before:g} -> {lr_after:g} (the gradient turned back)",
                lr_before=a.lr_before, lr_after=a.lr_after), file=out)
    elif isinstance(a, DoneValues):
        point = f"(x, y) = ({a.x:.6f}, {a.y:.6f})"
        if a.converged:
            print(t("Minimum found after {iterations} iterations: {point}, f = {f:.6f}",
                    iterations=a.iterations, point=point, f=a.f), file=out)
        else:
            print(t("Stopped (max_iter reached) after {iterations} iterations: {point}, f = {f:.6f}",
                    iterations=a.iterations, point=point, f=a.f), file=out)
    elif isinstance(a, DivergedValues):
        print(t("Diverged at iteration {iteration}: {reason}", iteration=a.step,
                reason=message(a.reason)), file=out)
