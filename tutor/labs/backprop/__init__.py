"""Lab `backprop`: step through the classic 2-2-2 backpropagation example.

The numbers come from the engine (engine/backprop_example.py); this module
only names and prints them.  Like the classic example, the biases b1 and b2
stay fixed: only w1..w8 are updated.

In the app the first iteration is shown event by event (forward, loss,
backward, update) on a diagram of the network with the chain rule written
out in numbers; the remaining iterations are summarised as one `iteration`
event each (at most about 200 of them, evenly spaced) so the total error can
be plotted against the iteration.  `--plain` prints the engine's events.
What the events carry is typed in payload.py (the view and --plain read it).
"""
from __future__ import annotations

from typing import Iterator, TextIO

from engine.events import Event
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
from tutor.labs.kit.captions import caption
from tutor.labs.kit.lab import Lab, Param
from tutor.locale import N_, t, translated

# iterations printed in full in --plain; later ones get one summary line
_DETAILED = 3
DIGITS = 9                 # the digits of E_total and of every number in --plain (written into the messages too)


class BackpropLab(Lab):
    name = "backprop"
    title = N_("Backpropagation by hand: the 2-2-2 network")
    summary = "Forward pass, error, every partial derivative and every updated weight of the classic example."
    params = (
        Param("lr", 0.5, N_("learning rate η"), float, low=1e-6, high=100.0),
        Param("iterations", 1, N_("training steps on the one example"), int, low=1, high=10000),
    )

    def run(self) -> Iterator[Event]:
        """Iteration 1 in full, then one `iteration` event per later iteration (or per few)."""
        return _app_events(self.values["lr"], self.values["iterations"])

    def _engine_events(self) -> Iterator[Event]:
        from engine.backprop_example import events

        return events(self.values["lr"], self.values["iterations"])

    def plain(self, out: TextIO) -> None:
        lr, iterations = self.values["lr"], self.values["iterations"]
        print(t("{title}  (η = {lr:g}, 1 iteration)", title=translated(self.title), lr=lr) if iterations == 1 else
              t("{title}  (η = {lr:g}, {iterations} iterations)", title=translated(self.title), lr=lr,
                iterations=iterations), file=out)
        # engine.backprop_example.BIASES_NOTE, as a message
        print(t("As in the classic example, the biases b1 = 0.35 and b2 = 0.60 stay fixed; only w1..w8 learn."), file=out)
        for event in self._engine_events():
            _plain_event(event, caption(event), iterations, out)


def _plain_event(event: Event, label: str, iterations: int, out: TextIO) -> None:
    """One engine event in --plain: the first iterations (and the last) in full, a few others as one line."""
    v = step_values(event)
    if isinstance(v, DivergedValues):
        print("", file=out)
        print(label, file=out)
        print(t("  the error is not a finite number at step {step}: try a smaller learning rate", step=v.step),
              file=out)
        return
    if isinstance(v, DoneValues):
        print("", file=out)
        print(label, file=out)
        print(f"  E_total = {v.E_total:.{DIGITS}f}", file=out)
        return
    it = iteration_of(v) or 0
    if not (it <= _DETAILED or it == iterations):
        if isinstance(v, StepValues) and event.kind == "loss" and (it % 1000 == 0 or it in (10, 100)):
            print(t("iteration {iteration}: E_total = {E:.9f}", iteration=it, E=v.quantities["E_total"]), file=out)
        return
    if event.step == 0 or isinstance(v, StepValues) and event.kind == "forward" and v.layer == 0:
        print("\n" + t("=== iteration {iteration} ===", iteration=it), file=out)
    print(t("{label}:", label=label), file=out)
    numbers = v.quantities if isinstance(v, StepValues) else v.named() if isinstance(v, Weights) else {}
    for key, value in numbers.items():
        print(f"  {key} = {value:.{DIGITS}f}", file=out)


PLOTTED = 200          # at most this many summary events after iteration 1


def _app_events(lr: float, iterations: int) -> Iterator[Event]:
    """The engine's events for iteration 1, then the fast untraced engine loop
    (engine.training.train_step) for the rest, reporting E_total as it goes."""
    import numpy as np

    from engine.backprop_example import build_network, data, events, weights
    from engine.losses import MSE
    from engine.optimizers import SGD
    from engine.training import train_step

    iterations = int(iterations)
    step = 0
    last = None
    for event in events(lr, 1):
        if event.kind == "done" and iterations > 1:
            break           # the later iterations continue below
        done = DoneValues.of(event) if event.kind == "done" else None
        if done is not None:
            event = Event("done", t("Done: 1 iteration, E_total = {E:.9f}", E=done.E_total), event.formula,
                          event.arrays, event.values, event.step)
        yield event
        step = event.step + 1
        if event.kind == "diverged" or event.kind == "done":
            return
        if event.kind == "info":
            last = AfterValues.of(event)
    # carry on from the weights after iteration 1 (SGD has no memory, so this is exact)
    net = build_network()
    net.layers[0].params["W"][...], net.layers[2].params["W"][...] = last.matrices()
    X, T = data()
    loss, optimizer = MSE(), SGD(lr)
    every = max(1, (iterations - 1) // PLOTTED)
    for it in range(2, iterations + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            E = train_step(net, X, T, loss, optimizer)
        if not np.isfinite(E) or not all(np.all(np.isfinite(p)) for _, _, p in net.parameters()):
            yield Event("diverged", t("Diverged at iteration {iteration}", iteration=it), "", {},
                        DivergedValues(step=step, iteration=it).values(), step)
            return
        if (it - 1) % every == 0 or it == iterations:
            summary = IterationValues(iteration=it, E_total=E, **weights(net))
            yield Event("iteration", t("Iteration {iteration}: E_total = {E:.9f}", iteration=it, E=E),
                        rf"E_{{\text{{total}}}} = {E:.9f}", {}, summary.values(), step)
            step += 1
    E = loss.value(net.predict(X), T)
    yield Event("done", t("Done: {iterations} iterations, E_total = {E:.9f}", iterations=iterations, E=E),
                rf"E_{{\text{{total}}}} = {E:.9f}",
                {}, DoneValues(E_total=E, iterations=iterations, **weights(net)).values(), step)
