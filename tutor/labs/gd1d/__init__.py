"""Lab gd1d: gradient descent on a function of one variable, with the halving rule.

The engine run is engine.descent.descent_events; this file only reads the
parameters, checks the typed function and prints the run as text.  With
`compare=0.1` a second run with that learning rate goes in lockstep with the
first (one event of each in turn), to see two rates side by side.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Iterator, TextIO

from engine.descent import descent_events
from engine.events import Event
from engine.expression import ExpressionError, parse
from tutor.labs.kit.engine_zh import engine_text
from tutor.labs.kit.lab import Lab, LabError, Param


class Gd1dLab(Lab):
    name = "gd1d"
    title = "Gradient descent in one dimension"
    title_zh = "一元函数的梯度下降"
    summary = "Walk downhill on f(x) with a numerical slope; halve the learning rate when the slope flips sign."
    params = (
        Param("f", "x^2 + sin(x)", "the function of x to minimise", kind=str),
        Param("x0", 4.0, "starting point", low=-1e6, high=1e6),
        Param("lr", 0.5, "learning rate η", low=1e-12, high=1e3),
        Param("min_step", 1e-5, "stop when a step |x_new − x| is shorter than this", low=0.0, high=1.0),
        Param("max_iter", 1000, "give up after this many iterations", kind=int, low=1, high=100_000),
        Param("h", 1e-6, "step of the forward difference (f(x+h) − f(x))/h", low=1e-12, high=1.0),
        Param("compare", 0.0, "a second learning rate run side by side (0: none)", low=0.0, high=1e3),
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        text = str(self.values["f"])
        try:
            self.function = parse(text, variables=("x",))
        except ExpressionError as exc:
            raise LabError(f"lab gd1d: f={text!r}: {exc.message}") from None

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
                label = self.tr(f"η = {lr:g}: {event.label}", f"η = {lr:g}：{engine_text(event.label, self.lang)}")
                yield dataclasses.replace(event, kind=kind, label=label, values=values, step=n)
                n += 1
        yield Event("done", self.tr("; ", "；").join(self.tr(f"η = {lr:g}: ", f"η = {lr:g}：") + _summary(e, self.lang)
                                                      for lr, e in ends.items()), "",
                    values={"what": "compare", "rates": tuple(ends),
                            "iterations": tuple(e.values.get("iterations", e.values.get("step")) for e in ends.values())},
                    step=n)

    def plain(self, out: TextIO) -> None:
        v, tr = self.values, self.tr
        for lr in self.rates:
            sep = tr(", ", "，")
            settings = f"min_step = {v['min_step']:g}{sep}max_iter = {v['max_iter']}{sep}h = {v['h']:g}"
            print(tr(f"f(x) = {v['f']}, x0 = {v['x0']:g}, learning rate = {lr:g}, {settings}",
                     f"f(x) = {v['f']}，x0 = {v['x0']:g}，学习率 = {lr:g}，{settings}"), file=out)
            for event in self.run_with(lr):
                print(_line(event, self.lang), file=out)
        if len(self.rates) > 1:
            ends = {lr: list(self.run_with(lr))[-1] for lr in self.rates}
            print(tr("Side by side: ", "对比：")
                  + tr("; ", "；").join(tr(f"learning rate {lr:g}: ", f"学习率 {lr:g}：") + _summary(e, self.lang)
                                        for lr, e in ends.items()), file=out)


def _summary(event: Event, lang: str = "en") -> str:
    e = event.values
    zh = lang == "zh"
    if event.kind == "diverged":
        return f"在第 {e['step']} 步发散" if zh else f"diverged at step {e['step']}"
    if e.get("converged"):
        return (f"迭代 {e['iterations']} 次后在 x = {e['x']:.6f} 处找到最小值" if zh
                else f"minimum after {e['iterations']} iterations at x = {e['x']:.6f}")
    return (f"迭代 {e['iterations']} 次后停在 x = {e['x']:.6f}" if zh
            else f"stopped after {e['iterations']} iterations at x = {e['x']:.6f}")


def _line(event: Event, lang: str = "en") -> str:
    """One line per event, with the digits of the course's printed runs."""
    e = event.values
    zh = lang == "zh"
    if event.kind == "iteration":
        if zh:
            return (f"第 {e['iteration']} 次迭代：x = {e['x']:.4f}，f(x) = {e['f']:.4f}，"
                    f"梯度 = {e['gradient']:.4f}，学习率 = {e['lr']:.4f}")
        return (f"Iteration {e['iteration']}: x = {e['x']:.4f}, f(x) = {e['f']:.4f}, "
                f"gradient = {e['gradient']:.4f}, learning rate = {e['lr']:.4f}")
    if event.kind == "info" and e.get("what") == "start":
        if zh:
            return f"起点：x = {e['x']:.4f}，f(x) = {e['f']:.4f}"
        return f"Start: x = {e['x']:.4f}, f(x) = {e['f']:.4f}"
    if event.kind == "info" and e.get("what") == "halve":
        if zh:
            return (f"学习率减半：梯度 = {e['gradient']:.4f}，上一步的梯度 = {e['last_gradient']:.4f}（符号相反），"
                    f"学习率 {e['lr_before']:g} -> {e['lr_after']:g}")
        return (f"Learning rate halved: gradient = {e['gradient']:.4f}, last gradient = "
                f"{e['last_gradient']:.4f} (signs differ), learning rate {e['lr_before']:g} -> {e['lr_after']:g}")
    if event.kind == "done":
        if zh:
            head = (f"迭代 {e['iterations']} 次后找到最小值" if e["converged"]
                    else f"迭代 {e['iterations']} 次后停止（达到 max_iter）")
            return f"{head}：x = {e['x']:.6f}，f(x) = {e['f']:.6f}，梯度 = {e['gradient']:.6f}"
        head = (f"Minimum found after {e['iterations']} iterations" if e["converged"]
                else f"Stopped after {e['iterations']} iterations (max_iter reached)")
        return f"{head}: x = {e['x']:.6f}, f(x) = {e['f']:.6f}, gradient = {e['gradient']:.6f}"
    if event.kind == "diverged":
        if zh:
            return f"在第 {e['iteration']} 次迭代发散：{engine_text(e['reason'], lang)}"
        return f"Diverged at iteration {e['iteration']}: {e['reason']}"
    return engine_text(event.label, lang)
