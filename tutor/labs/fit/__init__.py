"""Lab `fit`: a one-hidden-layer MLP learns y = x² or y = sin x.

1 → hidden → 1, the hidden activation selectable, the output linear, the loss
MSE (E = ½ · mean of (ŷ − y)², engine/losses.py).  Every few epochs the run
shows the curve learned so far against the target; a learning rate that is
too large ends the run with "diverged at step k" (SGD only: Adam's steps are
bounded by η).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.text import pad
from tutor.labs.kit.training import EpochValues, epoch_events, make_optimizer, numbered
from tutor.locale import N_, t

TARGETS = {
    "square": (lambda x: x ** 2, (-2.0, 2.0), "y = x^2"),
    "sin": (np.sin, (-np.pi, np.pi), r"y = \sin x"),
}
ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "elu", "gelu")
CURVE = 101          # points on which the learned curve is drawn


@dataclass(frozen=True)
class FitDone(Payload):
    """The end of the run: its last loss and how far the curve is from the target."""
    loss: float
    max_error: float
    epoch: int


class FitLab(Lab):
    name = "fit"
    title = N_("Fitting a curve with a small network")
    summary = N_("An MLP learns y = x² or y = sin x: the learned curve against the target, epoch by epoch.")
    params = (
        Param("target", "sin", N_("the function to learn"), str, choices=tuple(TARGETS)),
        Param("hidden", 16, N_("hidden units"), int, low=1, high=256),
        Param("activation", "tanh", N_("hidden activation"), str, choices=ACTIVATIONS),
        Param("epochs", 1000, N_("training epochs (full batch)"), int, low=1, high=100_000),
        Param("lr", 0.01, N_("learning rate η"), low=1e-9, high=1e9),
        Param("optimizer", "adam", N_("update rule"), str, choices=("adam", "sgd")),
        Param("points", 40, N_("training points, evenly spaced"), int, low=2, high=2000),
        Param("seed", 0, N_("seed of the weights"), int, low=0, high=10**6),
    )

    def data(self):
        f, (lo, hi), _ = TARGETS[self.values["target"]]
        x = np.linspace(lo, hi, self.values["points"])
        grid = np.linspace(lo, hi, CURVE)
        return x[:, None], f(x), grid, f(grid)

    def network(self):
        from engine.layers import ACTIVATION_LAYERS, Dense
        from engine.network import Sequential

        v = self.values
        act = ACTIVATION_LAYERS[v["activation"]]()
        init = "he" if v["activation"] in ("relu", "leaky_relu", "elu", "gelu") else "xavier"
        return Sequential([Dense(1, v["hidden"], init=init, rng=v["seed"]), act,
                           Dense(v["hidden"], 1, init="xavier", rng=v["seed"] + 1)])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.training import iter_fit

        v = self.values
        X, y, grid, target = self.data()
        net = self.network()
        _, _, formula = TARGETS[v["target"]]
        curve = lambda: {"x": grid, "target": target, "y": net.predict(grid[:, None])[:, 0]}
        shown = formula.replace(chr(92), '')
        yield Event("info", t("Learn {f} from {n} points with a 1-{hidden}-1 network ({activation})",
                              f=shown, n=len(X), hidden=v["hidden"], activation=v["activation"]),
                    rf"{formula}, \quad \hat{{y}} = W_2\, \mathrm{{{v['activation'].replace('_', ' ')}}}(W_1 x + b_1) + b_2, "
                    r"\quad E = \frac{1}{2n}\sum_n (\hat{y}_n - y_n)^2",
                    arrays=curve(), values={"points": len(X)})
        every = max(1, v["epochs"] // 50)
        histories = iter_fit(net, X, y, "mse", make_optimizer(v["optimizer"], v["lr"]), epochs=v["epochs"],
                             seed=v["seed"])
        last = None
        for e in epoch_events(histories, every=every, arrays=curve):
            yield e
            if e.kind == "diverged":
                return
            last = EpochValues.of(e)
        c = curve()
        done = FitDone(last.train_loss, float(np.abs(c["y"] - c["target"]).max()), last.epoch)
        yield Event("done", t("Done after {epoch} epochs: E = {loss:.5f}, largest error on the curve {error:.4f}",
                              epoch=done.epoch, loss=done.loss, error=done.max_error),
                    rf"E = {fmt(done.loss, 5)}, \quad \max_x |\hat{{y}}(x) - y(x)| = {fmt(done.max_error)}",
                    arrays=c, values=done.values())

    def plain(self, out: TextIO) -> None:
        v = self.values
        target = 'x^2' if v['target'] == 'square' else 'sin x'
        print(t("Fit y = {target}: 1-{hidden}-1 network, {activation}, {optimizer} η = {lr:g}, {epochs} epochs, "
                "{points} points", target=target, hidden=v["hidden"], activation=v["activation"],
                optimizer=v["optimizer"], lr=v["lr"], epochs=v["epochs"], points=v["points"]), file=out)
        print("E = 1/(2n) Σ (ŷ − y)²", file=out)
        for e in self.run():
            a, epoch, done = e.arrays, EpochValues.of(e), FitDone.of(e)
            if e.kind == "info" and epoch is not None:
                print(t("epoch {epoch:>6}: E = {loss:.6g}", epoch=epoch.epoch, loss=epoch.train_loss), file=out)
            elif e.kind == "diverged":
                from tutor.labs.kit.training import diverged_reason

                print(t("{label}: {reason}", label=e.label, reason=diverged_reason(e.values)),
                      file=out)
            elif e.kind == "done":
                print(e.label, file=out)
                head = ["x", t("target"), t("learned")]
                print(" ".join(pad(h, w, right=True) for h, w in zip(head, (7, 8, 8))), file=out)
                for i in range(0, CURVE, 10):
                    print(f"{a['x'][i]:7.3f} {a['target'][i]:8.4f} {a['y'][i]:8.4f}", file=out)
                print(t("Final loss: {loss:.6f}", loss=done.loss), file=out)
                print(t("Largest error: {error:.6f}", error=done.max_error), file=out)
