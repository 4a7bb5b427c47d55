"""Lab `playground`: the terminal answer to TensorFlow Playground.

Pick a data set (xor, circles, moons, spiral, blobs), its noise and the
train/test split; pick the hidden layers (`hidden=4,4`), the activation, the
learning rate, the optimizer, the batch size and the L2 penalty; then watch
the decision regions, the train and test loss and the epoch counter.

Every run is an iterator of engine Events, as for every lab:

* stepping (`space`): one event per mini-batch step;
* running (`r`): the view's Textual worker trains as fast as it may (or at
  `pace` epochs per second) and each event is a snapshot of its progress —
  the weights, the counters and the per-epoch losses since the previous
  event.  The lab knows nothing of the app: the worker and the pulls share the
  run's `Trainer` (trainer.py), whose lock and condition keep them in step.

An event carries the weights (a few dozen numbers), not a picture: the view
computes the decision regions from them, at most a few times a second, so
the history a student steps back through stays small.

Inputs are standardised with the training set's mean and standard
deviation.  The output is one sigmoid unit (class 1 when y > 0.5) trained
with the fused sigmoid + binary cross-entropy loss (∂E/∂z = σ(z) − t).  A
loss or weight that stops being a finite number ends the run with a
`diverged` event at that step; the weights shown are the last good ones.
"""
from __future__ import annotations

import threading
from typing import Any, Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import MAX_ITEMS, Lab, Param
from tutor.labs.playground.payload import Diverged, Progress
from tutor.labs.playground.plain import write_plain
from tutor.labs.playground.trainer import ACTIVATIONS, DATASETS, OPTIMIZERS, Trainer, parse_hidden
from tutor.locale import N_, t


class PlaygroundLab(Lab):
    name = "playground"
    title = N_("Playground: a network learns to separate two classes")
    summary = N_("Data set, noise, split, hidden layers, activation, learning rate, optimizer, batch, L2: "
                 "watch it learn.")
    params = (
        Param("data", "circles", N_("the data set"), str, choices=DATASETS),
        Param("noise", 0.1, N_("noise added to the points"), low=0.0, high=1.0),
        Param("n", 200, N_("number of points"), int, low=20, high=2000),
        Param("test", 0.3, N_("fraction of the points kept for testing"), low=0.1, high=0.9),
        Param("hidden", "4,4", N_("neurons per hidden layer, e.g. 4,4 (0 = no hidden layer)"), str, items=MAX_ITEMS),
        Param("activation", "tanh", N_("activation of the hidden layers"), str, choices=ACTIVATIONS),
        Param("lr", 0.1, N_("learning rate η"), low=1e-6, high=1e4),
        Param("optimizer", "sgd", N_("the update rule"), str, choices=OPTIMIZERS),
        Param("batch", 10, N_("examples per step (mini-batch size)"), int, low=1, high=2000),
        Param("l2", 0.0, N_("L2 penalty λ (weight decay)"), low=0.0, high=10.0),
        Param("epochs", 500, N_("stop after this many epochs"), int, low=1, high=1_000_000),
        Param("pace", 25.0, N_("epochs per second while running (0 = as fast as the machine can)"), low=0.0, high=1e6),
        Param("seed", 0, N_("seed of the data, the split and the weights"), int, low=0, high=10**6),
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.sizes = parse_hidden(self.values["hidden"])
        self.trainer: Trainer | None = None    # the latest run's: the view's worker trains it while running
        self._runs = 0                         # runs started, numbered (see _new_trainer)
        self._latest = threading.Lock()

    def run(self) -> Iterator[Event]:
        with self._latest:
            self._runs += 1
            return self._events(self._runs)

    def _new_trainer(self, number: int) -> Trainer:
        """Run `number`'s trainer, made `self.trainer` unless a later run started meanwhile (a
        reset while this one was still being built must not hand the view a stale run)."""
        trainer = Trainer(self.values)
        with self._latest:
            if number == self._runs:
                self.trainer = trainer
        return trainer

    # --- drive the engine: move the run on once per pull ------------------------------
    @staticmethod
    def _drive(run: Trainer) -> Iterator[None]:
        """Until the run ends or diverges: each pull takes what the background worker trained
        meanwhile (the stepper is running) or one mini-batch step (it is not)."""
        while not run.finished:
            run.move_on()
            if run.diverged_at is not None:
                return
            yield

    # --- narrate: captions, formulas and the payloads the view reads ----------------------
    def _events(self, number: int) -> Iterator[Event]:
        run = self._new_trainer(number)
        layers = "-".join(["2", *map(str, run.sizes), "1"])
        weights, now = run.snapshot()
        yield Event("info", t("{data}: {train} training and {test} test points; network {layers}, {params} parameters",
                              data=self.values["data"], train=len(run.Xtr), test=len(run.Xte), layers=layers,
                              params=run.net.param_count()),
                    scores(now), {**weights, "Xtr": run.Xtr, "ytr": run.ytr[:, 0], "Xte": run.Xte,
                                  "yte": run.yte[:, 0]},
                    now.values(layers=layers, params=run.net.param_count()), 0)
        for _ in self._drive(run):
            weights, now = run.snapshot()
            yield Event("update", caption(now, run.batches_per_epoch), scores(now), weights, now.values(), now.step)
        if run.diverged_at is not None:
            yield Event("diverged", t("Diverged at step {step} (epoch {epoch})", step=run.diverged_at,
                                      epoch=run.diverged_epoch),
                        run.why_tex or rf"E = \text{{{t('not a finite number')}}}", run.unsent_curve(),
                        values=Diverged(run.diverged_at, run.diverged_epoch,
                                        t("diverged at step {step}: {why}; try a smaller learning rate",
                                          step=run.diverged_at, why=run.why)).values(),
                        step=run.diverged_at)
            return
        weights, now = run.snapshot()
        yield Event("done", t("Done after {epochs} epochs: test accuracy {accuracy:.3f}", epochs=run.epoch,
                              accuracy=now.test_acc),
                    scores(now), weights, now.values(epochs=run.epoch), run.step)

    def plain(self, out: TextIO) -> None:
        write_plain(self, out)


def caption(now: Progress, batches: int) -> str:
    """A snapshot's caption: its step, where in the epoch, and the last batch's loss."""
    if now.batch == 0:
        label = t("Step {step}: epoch {epoch} done", step=now.step, epoch=now.epoch)
    else:
        label = t("Step {step} (epoch {epoch}, batch {batch} of {batches})", step=now.step,
                  epoch=now.epoch + 1, batch=now.batch, batches=batches)
    if np.isfinite(now.batch_loss):
        label += t(", batch loss {loss:.4f}", loss=now.batch_loss)
    return label


def scores(now: Progress) -> str:
    """A snapshot's formula: the train and test loss, the test accuracy."""
    # translated whole: a Chinese word as a subscript would take two lines
    return t(r"E_{{\text{{train}}}} = {train},\quad E_{{\text{{test}}}} = {test},\quad "
             r"\text{{test accuracy}} = {accuracy}",
             train=fmt(now.train_loss), test=fmt(now.test_loss), accuracy=fmt(now.test_acc, 3))
