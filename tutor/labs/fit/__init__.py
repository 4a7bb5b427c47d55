"""Lab `fit`: a one-hidden-layer MLP learns y = x² or y = sin x.

1 → hidden → 1, the hidden activation selectable, the output linear, the loss
MSE (E = ½ · mean of (ŷ − y)², engine/losses.py).  Every few epochs the run
shows the curve learned so far against the target; a learning rate that is
too large ends the run with "diverged at step k" (SGD only: Adam's steps are
bounded by η).
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.text import pad
from tutor.labs.kit.training import epoch_events, make_optimizer, numbered

TARGETS = {
    "square": (lambda x: x ** 2, (-2.0, 2.0), "y = x^2"),
    "sin": (np.sin, (-np.pi, np.pi), r"y = \sin x"),
}
ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "elu", "gelu")
CURVE = 101          # points on which the learned curve is drawn


class FitLab(Lab):
    name = "fit"
    title = "Fitting a curve with a small network"
    title_zh = "用小网络拟合曲线"
    summary = "An MLP learns y = x² or y = sin x: the learned curve against the target, epoch by epoch."
    params = (
        Param("target", "sin", "the function to learn", str, choices=tuple(TARGETS)),
        Param("hidden", 16, "hidden units", int, low=1, high=256),
        Param("activation", "tanh", "hidden activation", str, choices=ACTIVATIONS),
        Param("epochs", 1000, "training epochs (full batch)", int, low=1, high=100_000),
        Param("lr", 0.01, "learning rate η", low=1e-9, high=1e9),
        Param("optimizer", "adam", "update rule", str, choices=("adam", "sgd")),
        Param("points", 40, "training points, evenly spaced", int, low=2, high=2000),
        Param("seed", 0, "seed of the weights", int, low=0, high=10**6),
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
        yield Event("info", self.tr(f"Learn {shown} from {len(X)} points with a "
                                    f"1-{v['hidden']}-1 network ({v['activation']})",
                                    f"用 1-{v['hidden']}-1 网络（{v['activation']}）从 {len(X)} 个点学出 {shown}"),
                    rf"{formula}, \quad \hat{{y}} = W_2\, \mathrm{{{v['activation'].replace('_', ' ')}}}(W_1 x + b_1) + b_2, "
                    r"\quad E = \frac{1}{2n}\sum_n (\hat{y}_n - y_n)^2",
                    arrays=curve(), values={"points": len(X)})
        every = max(1, v["epochs"] // 50)
        histories = iter_fit(net, X, y, "mse", make_optimizer(v["optimizer"], v["lr"]), epochs=v["epochs"],
                             seed=v["seed"])
        last = None
        for e in epoch_events(histories, every=every, arrays=curve, lang=self.lang):
            yield e
            if e.kind == "diverged":
                return
            last = e
        c = curve()
        err = np.abs(c["y"] - c["target"])
        yield Event("done", self.tr(f"Done after {last.values['epoch']} epochs: E = {last.values['train_loss']:.5f}, "
                                    f"largest error on the curve {err.max():.4f}",
                                    f"训练 {last.values['epoch']} 轮后完成：E = {last.values['train_loss']:.5f}，"
                                    f"曲线上的最大误差 {err.max():.4f}"),
                    rf"E = {fmt(last.values['train_loss'], 5)}, \quad \max_x |\hat{{y}}(x) - y(x)| = {fmt(err.max())}",
                    arrays=c, values={"loss": last.values["train_loss"], "max_error": float(err.max()),
                                      "epoch": last.values["epoch"]})

    def plain(self, out: TextIO) -> None:
        v = self.values
        target = 'x^2' if v['target'] == 'square' else 'sin x'
        print(self.tr(f"Fit y = {target}: 1-{v['hidden']}-1 network, "
                      f"{v['activation']}, {v['optimizer']} η = {v['lr']:g}, {v['epochs']} epochs, {v['points']} points",
                      f"拟合 y = {target}：1-{v['hidden']}-1 网络，"
                      f"{v['activation']}，{v['optimizer']} η = {v['lr']:g}，{v['epochs']} 轮，{v['points']} 个点"),
              file=out)
        print("E = 1/(2n) Σ (ŷ − y)²", file=out)
        for e in self.run():
            val, a = e.values, e.arrays
            if e.kind == "info" and "epoch" in val:
                print(self.tr(f"epoch {val['epoch']:>6}: E = {val['train_loss']:.6g}",
                              f"第 {val['epoch']:>6} 轮：E = {val['train_loss']:.6g}"), file=out)
            elif e.kind == "diverged":
                from tutor.labs.kit.training import diverged_reason

                print(e.label + self.tr(": ", "：") + diverged_reason(val["message"], self.lang), file=out)
            elif e.kind == "done":
                print(e.label, file=out)
                head = ["x", self.tr("target", "目标"), self.tr("learned", "网络")]
                print(" ".join(pad(h, w, right=True) for h, w in zip(head, (7, 8, 8))), file=out)
                for i in range(0, CURVE, 10):
                    print(f"{a['x'][i]:7.3f} {a['target'][i]:8.4f} {a['y'][i]:8.4f}", file=out)
                print(self.tr("Final loss: ", "最终损失：") + f"{val['loss']:.6f}", file=out)
                print(self.tr("Largest error: ", "最大误差：") + f"{val['max_error']:.6f}", file=out)
