"""Lab `playground`: the terminal answer to TensorFlow Playground.

Pick a data set (xor, circles, moons, spiral, blobs), its noise and the
train/test split; pick the hidden layers (`hidden=4,4`), the activation, the
learning rate, the optimizer, the batch size and the L2 penalty; then watch
the decision regions, the train and test loss and the epoch counter.

Every run is an iterator of engine Events, as for every lab:

* stepping (`space`): one event per mini-batch step;
* running (`r`): a background thread trains as fast as it may (or at `pace`
  epochs per second) and each event is a snapshot of its progress — the
  weights, the counters and the per-epoch losses since the previous event.

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

from typing import Any, Callable, Iterator, TextIO

from engine.events import Event
from tutor.labs.kit.lab import MAX_ITEMS, Lab, Param
from tutor.labs.playground.plain import write_plain
from tutor.labs.playground.trainer import ACTIVATIONS, DATASETS, OPTIMIZERS, Background, Trainer, parse_hidden
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
        # the lab screen sets this so a run knows whether the stepper is running (see run())
        self.is_running: Callable[[], bool] = lambda: False

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        run = self.trainer = Trainer(self.values)   # the latest run's trainer (benchmarks read its counters)
        layers = "-".join(["2", *map(str, run.sizes), "1"])
        first = run.event("info")
        yield Event("info", t("{data}: {train} training and {test} test points; network {layers}, {params} parameters",
                              data=self.values["data"], train=len(run.Xtr), test=len(run.Xte), layers=layers,
                              params=run.net.param_count()),
                    first.formula, {**first.arrays, "Xtr": run.Xtr, "ytr": run.ytr[:, 0], "Xte": run.Xte,
                                    "yte": run.yte[:, 0]},
                    {**first.values, "layers": layers, "params": run.net.param_count()}, 0)
        worker = Background(run, self.is_running, float(self.values["pace"]))
        try:
            while not run.finished:
                if self.is_running():
                    step = run.step
                    worker.ensure()
                    worker.wait(step)
                    if run.step == step and not run.finished:    # paused meanwhile: take one step ourselves
                        with run.lock:
                            run.train_batch()
                else:
                    with run.lock:
                        run.train_batch()
                if run.diverged_at is not None:
                    break
                yield run.event()
        finally:
            worker.stop()
        if run.diverged_at is not None:
            yield Event("diverged", t("Diverged at step {step} (epoch {epoch})", step=run.diverged_at,
                                      epoch=run.diverged_epoch),
                        run.why_tex or rf"E = \text{{{t('not a finite number')}}}",
                        values={"step": run.diverged_at, "epoch": run.diverged_epoch,
                                "message": t("diverged at step {step}: {why}; try a smaller learning rate",
                                             step=run.diverged_at, why=run.why)},
                        step=run.diverged_at)
            return
        last = run.event("done")
        yield Event("done", t("Done after {epochs} epochs: test accuracy {accuracy:.3f}", epochs=run.epoch,
                              accuracy=last.values["test_acc"]),
                    last.formula, last.arrays, {**last.values, "epochs": run.epoch}, run.step)

    def plain(self, out: TextIO) -> None:
        write_plain(self, out)
