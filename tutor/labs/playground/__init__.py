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


class PlaygroundLab(Lab):
    name = "playground"
    title = "Playground: a network learns to separate two classes"
    title_zh = "游乐场：网络学习把两类点分开"
    summary = "Data set, noise, split, hidden layers, activation, learning rate, optimizer, batch, L2: watch it learn."
    params = (
        Param("data", "circles", "the data set", str, choices=DATASETS),
        Param("noise", 0.1, "noise added to the points", low=0.0, high=1.0),
        Param("n", 200, "number of points", int, low=20, high=2000),
        Param("test", 0.3, "fraction of the points kept for testing", low=0.1, high=0.9),
        Param("hidden", "4,4", "neurons per hidden layer, e.g. 4,4 (0 = no hidden layer)", str, items=MAX_ITEMS),
        Param("activation", "tanh", "activation of the hidden layers", str, choices=ACTIVATIONS),
        Param("lr", 0.1, "learning rate η", low=1e-6, high=1e4),
        Param("optimizer", "sgd", "the update rule", str, choices=OPTIMIZERS),
        Param("batch", 10, "examples per step (mini-batch size)", int, low=1, high=2000),
        Param("l2", 0.0, "L2 penalty λ (weight decay)", low=0.0, high=10.0),
        Param("epochs", 500, "stop after this many epochs", int, low=1, high=1_000_000),
        Param("pace", 25.0, "epochs per second while running (0 = as fast as the machine can)", low=0.0, high=1e6),
        Param("seed", 0, "seed of the data, the split and the weights", int, low=0, high=10**6),
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.sizes = parse_hidden(self.values["hidden"])
        # the app's view sets this so a run knows whether the stepper is running (see run())
        self.is_running: Callable[[], bool] = lambda: False

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        t = self.trainer = Trainer(self.values, self.lang)   # the latest run's trainer (benchmarks read its counters)
        layers = "-".join(["2", *map(str, t.sizes), "1"])
        first = t.event("info")
        yield Event("info", self.tr(f"{self.values['data']}: {len(t.Xtr)} training and {len(t.Xte)} test points; "
                                    f"network {layers}, {t.net.param_count()} parameters",
                                    f"{self.values['data']}：{len(t.Xtr)} 个训练点，{len(t.Xte)} 个测试点；"
                                    f"网络 {layers}，{t.net.param_count()} 个参数"),
                    first.formula, {**first.arrays, "Xtr": t.Xtr, "ytr": t.ytr[:, 0], "Xte": t.Xte, "yte": t.yte[:, 0]},
                    {**first.values, "layers": layers, "params": t.net.param_count()}, 0)
        worker = Background(t, self.is_running, float(self.values["pace"]))
        try:
            while not t.finished:
                if self.is_running():
                    step = t.step
                    worker.ensure()
                    worker.wait(step)
                    if t.step == step and not t.finished:    # paused meanwhile: take one step ourselves
                        with t.lock:
                            t.train_batch()
                else:
                    with t.lock:
                        t.train_batch()
                if t.diverged_at is not None:
                    break
                yield t.event()
        finally:
            worker.stop()
        if t.diverged_at is not None:
            yield Event("diverged", self.tr(f"Diverged at step {t.diverged_at} (epoch {t.diverged_epoch})",
                                            f"在第 {t.diverged_at} 步发散（第 {t.diverged_epoch} 轮）"),
                        t.why_tex or rf"E = \text{{{self.tr('not a finite number', '不是有限数')}}}",
                        values={"step": t.diverged_at, "epoch": t.diverged_epoch,
                                "message": self.tr(f"diverged at step {t.diverged_at}: {t.why}; "
                                                   "try a smaller learning rate",
                                                   f"在第 {t.diverged_at} 步发散：{t.why}；试试更小的学习率")},
                        step=t.diverged_at)
            return
        last = t.event("done")
        yield Event("done", self.tr(f"Done after {t.epoch} epochs: test accuracy {last.values['test_acc']:.3f}",
                                    f"完成，共训练 {t.epoch} 轮：测试准确率 {last.values['test_acc']:.3f}"),
                    last.formula, last.arrays, {**last.values, "epochs": t.epoch}, t.step)

    def plain(self, out: TextIO) -> None:
        write_plain(self, out)
