"""Lab gd1d: gradient descent on a function of one variable, with the halving rule.

The engine run is engine.descent.descent_events; this file only reads the
parameters, checks the typed function and prints the run as text.  With
`compare=0.1` a second run with that learning rate goes in lockstep with the
first (one event of each in turn), to see two rates side by side.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Any, Iterable, Iterator, TextIO

from engine.descent import descent_events
from engine.events import Event
from engine.expression import ExpressionError, parse
from tutor.labs.gd1d.payload import (
    CompareValues,
    DivergedValues,
    DoneValues,
    HalveValues,
    IterationValues,
    StartValues,
    step_values,
)
from tutor.labs.kit.captions import caption, message
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.locale import N_, t


class Gd1dLab(Lab):
    name = "gd1d"
    title = N_("Gradient descent in one dimension")
    summary = "Walk downhill on f(x) with a numerical slope; halve the learning rate when the slope flips sign."
    params = (
        Param("f", "x^2 + sin(x)", N_("the function of x to minimise"), kind=str),
        Param("x0", 4.0, N_("starting point"), low=-1e6, high=1e6),
        Param("lr", 0.5, N_("learning rate η"), low=1e-12, high=1e3),
        Param("min_step", 1e-5, N_("stop when a step |x_new − x| is shorter than this"), low=0.0, high=1.0),
        Param("max_iter", 1000, N_("give up after this many iterations"), kind=int, low=1, high=100_000),
        Param("h", 1e-6, N_("step of the forward difference (f(x+h) − f(x))/h"), low=1e-12, high=1.0),
        Param("compare", 0.0, N_("a second learning rate run side by side (0: none)"), low=0.0, high=1e3),
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        text = str(self.values["f"])
        try:
            self.function = parse(text, variables=("x",))
        except ExpressionError as exc:
            raise LabError(t("lab gd1d: f={text}: {reason}", text=repr(text), reason=exc.message)) from None

    @property
    def rates(self) -> list[float]:
        """The learning rates to run: lr, and compare when it is set."""
        v = self.values
        lr, other = float(v["lr"]), float(v["compare"])
        return [lr] + ([other] if other > 0 and other != lr else [])

    def run_with(self, lr: float) -> Iterator[Event]:
        v = self.values
        return descent_events(self.function, float(v["x0"]), lr=lr,
                              min_step=float(v["min_step"]), max_iterations=int(v["max_iter"]),
                              h=float(v["h"]), method="forward")

    def run(self) -> Iterator[Event]:
        if len(self.rates) == 1:
            return self.run_with(self.rates[0])
        return self._side_by_side()

    def _side_by_side(self) -> Iterator[Event]:
        """Both runs in turn, one event each; a run's end is an info event until both have ended."""
        runs = {lr: self.run_with(lr) for lr in self.rates}
        ends: dict[float, Event] = {}
        n = 0
        while len(ends) < len(runs):
            for lr, events in runs.items():
                if lr in ends:
                    continue
                event = next(events, None)
                if event is None:
                    continue
                values = {**event.values, "run_lr": lr}
                kind = event.kind
                if kind in ("done", "diverged"):
                    ends[lr] = event
                    values.update(what="end", end=kind)
                    kind = "info"
                label = t("η = {lr:g}: {label}", lr=lr, label=caption(event))
                yield dataclasses.replace(event, kind=kind, label=label, values=values, step=n)
                n += 1
        iterations = tuple(_iterations(step_values(e)) for e in ends.values())
        yield Event("done", _joined(t("η = {lr:g}: {label}", lr=lr, label=_summary(e)) for lr, e in ends.items()), "",
                    values=CompareValues(tuple(ends), iterations).values(what="compare"), step=n)

    def plain(self, out: TextIO) -> None:
        v = self.values
        for lr in self.rates:
            print(t("f(x) = {f}, x0 = {x0:g}, learning rate = {lr:g}, "
                    "min_step = {min_step:g}, max_iter = {max_iter}, h = {h:g}",
                    f=v["f"], x0=v["x0"], lr=lr, min_step=v["min_step"], max_iter=v["max_iter"], h=v["h"]),
                  file=out)
            for event in self.run_with(lr):
                print(_line(event), file=out)
        if len(self.rates) > 1:
            ends = {lr: list(self.run_with(lr))[-1] for lr in self.rates}
            runs = _joined(t("learning rate {lr:g}: {summary}", lr=lr, summary=_summary(e)) for lr, e in ends.items())
            print(t("Side by side: {runs}", runs=runs), file=out)


def _joined(parts: Iterable[str]) -> str:
    """The runs' summaries in one line, "a; b" (with the student's language's semicolon)."""
    return functools.reduce(lambda earlier, later: t("{earlier}; {later}", earlier=earlier, later=later), parts)


def _iterations(end: DoneValues | DivergedValues) -> int:
    """How many iterations a run took: where it diverged, for one that did."""
    return end.iterations if isinstance(end, DoneValues) else end.step


def _summary(event: Event) -> str:
    e = step_values(event)
    if isinstance(e, DivergedValues):
        return t("diverged at step {step}", step=e.step)
    if e.converged:
        return t("minimum after {iterations} iterations at x = {x:.6f}", iterations=e.iterations, x=e.x)
    return t("stopped after {iterations} iterations at x = {x:.6f}", iterations=e.iterations, x=e.x)


def _line(event: Event) -> str:
    """One line per event, with the digits of the course's printed runs."""
    e = step_values(event)
    if isinstance(e, IterationValues):
        return t("Iteration {iteration}: x = {x:.4f}, f(x) = {f:.4f}, gradient = {gradient:.4f}, "
                 "learning rate = {lr:.4f}", iteration=e.iteration, x=e.x, f=e.f, gradient=e.gradient, lr=e.lr)
    if isinstance(e, StartValues):
        return t("Start: x = {x:.4f}, f(x) = {f:.4f}", x=e.x, f=e.f)
    if isinstance(e, HalveValues):
        return t("Learning rate halved: gradient = {gradient:.4f}, last gradient = {last_gradient:.4f} "
                 "(signs differ), learning rate {lr_before:g} -> {lr_after:g}", gradient=e.gradient,
                 last_gradient=e.last_gradient, lr_before=e.lr_before, lr_after=e.lr_after)
    if isinstance(e, DoneValues):
        found = dict(iterations=e.iterations, x=e.x, f=e.f, gradient=e.gradient)
        if e.converged:
            return t("Minimum found after {iterations} iterations: x = {x:.6f}, f(x) = {f:.6f}, "
                     "gradient = {gradient:.6f}", **found)
        return t("Stopped after {iterations} iterations (max_iter reached): x = {x:.6f}, f(x) = {f:.6f}, "
                 "gradient = {gradient:.6f}", **found)
    if isinstance(e, DivergedValues):
        # the reason is an engine message (engine/descent.py)
        return t("Diverged at iteration {iteration}: {reason}", iteration=e.iteration, reason=message(e.reason))
    return caption(event)
