"""Lab `perceptron-xor`: one neuron learns AND but not XOR; a 2-2-1 network learns XOR.

Three models train side by side with the same loss (sigmoid + binary
cross-entropy, fused: ∂E/∂z = σ(z) − t) and the same full-batch gradient
descent on the four corners of the unit square:

    AND, one neuron        y = σ(w·x + b)                       learns (loss → 0)
    XOR, one neuron        y = σ(w·x + b)                       cannot: the loss stalls at ln 2
    XOR, 2-2-1 network     y = σ(W₂ tanh(W₁x + b₁) + b₂)         learns

Why ln 2 = 0.6931: no line separates XOR's classes, and the best a single
neuron can do under cross-entropy is w = 0, b = 0, i.e. y = 0.5 everywhere.
A 2-2-1 network can also get stuck (about half the seeds end in a local
minimum with loss ≈ 0.35 = ln 2 / 2); the default seed learns.

The classic perceptron rule (step activation, w ← w + η(t − y)x, from zero
weights, η = 1) is summarised first: on AND pass 6 is the first without a
mistake; XOR still makes mistakes in its 100th pass.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.perceptron_xor.models import (
    BLOWUP,
    GRID,
    corner_pixels,
    decided_accuracy,
    grid_points,
    model_titles,
    perceptron_rule,
)
from tutor.labs.perceptron_xor.plain import write_plain


class PerceptronXorLab(Lab):
    name = "perceptron-xor"
    title = "One neuron against XOR; two layers solve it"
    title_zh = "单个神经元与异或问题；两层网络解决它"
    summary = "A single neuron learns AND but stalls on XOR; a 2-2-1 network learns XOR. Decision regions side by side."
    params = (
        Param("epochs", 2000, "training epochs (full batch: all four corners every step)", int, low=1, high=100_000),
        Param("lr", 1.0, "learning rate η (plain gradient descent)", low=1e-6, high=1e6),
        Param("seed", 1, "seed of the starting weights (some seeds leave the 2-2-1 net stuck)", int, low=0, high=10**6),
    )

    # --- the three models -------------------------------------------------
    def models(self) -> dict:
        from engine.layers import Dense, Tanh
        from engine.network import Sequential

        seed = self.values["seed"]
        return {
            "and1": Sequential([Dense(2, 1, init="xavier", rng=seed)]),
            "xor1": Sequential([Dense(2, 1, init="xavier", rng=seed)]),
            "xor2": Sequential([Dense(2, 2, init="xavier", rng=seed), Tanh(), Dense(2, 1, init="xavier", rng=seed + 1)]),
        }

    @staticmethod
    def data() -> dict:
        from engine.data import and_gate, xor_gate

        return {"and1": and_gate(), "xor1": xor_gate(), "xor2": xor_gate()}

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        from engine.activations import sigmoid
        from engine.optimizers import SGD
        from engine.training import iter_fit

        v = self.values
        nets, data = self.models(), self.data()
        rule_and, rule_xor = perceptron_rule([0, 0, 0, 1]), perceptron_rule([0, 1, 1, 0])
        step = 0
        yield Event("info", self.tr("Perceptron rule first: AND is learned, XOR never",
                                    "先看感知机规则：AND 学得会，XOR 永远学不会"),
                    r"w \leftarrow w + \eta\,(t - y)\,x, \quad b \leftarrow b + \eta\,(t - y)",
                    values={"and_passes": rule_and["passes"], "and_learned": rule_and["learned"],
                            "xor_passes": rule_xor["passes"], "xor_learned": rule_xor["learned"],
                            "xor_last_mistakes": rule_xor["mistakes"][-1],
                            "and_w1": float(rule_and["w"][0]), "and_w2": float(rule_and["w"][1]),
                            "and_b": float(rule_and["b"])}, step=step)
        points = grid_points()
        rows, cols = corner_pixels()

        def regions() -> dict:
            out = {"corner_rows": rows, "corner_cols": cols}
            for key, net in nets.items():
                out[key] = sigmoid(net.predict(points)).reshape(GRID, GRID)
                out[f"{key}_targets"] = np.asarray(data[key][1], dtype=float)
            return out

        runs = {key: iter_fit(nets[key], *data[key], loss="sigmoid_bce", optimizer=SGD(v["lr"]),
                              epochs=v["epochs"], shuffle=False) for key in nets}
        every = max(1, v["epochs"] // 50)
        epoch = 0
        values: dict = {}
        first: dict = {}
        names = dict(model_titles(self.lang))
        while True:
            histories = {}
            for key, gen in runs.items():
                h = next(gen, None)
                if h is None:
                    continue
                histories[key] = h
            if not histories:
                break
            epoch += 1
            for key, h in histories.items():
                if h.diverged:
                    step += 1
                    yield Event("diverged", self.tr(f"Diverged at step {h.diverged_at['step']} ({names[key]})",
                                                    f"在第 {h.diverged_at['step']} 步发散（{names[key]}）"), "",
                                values={"step": h.diverged_at["step"], "model": key, "message": h.message}, step=step)
                    return
            values = {"epoch": epoch}
            for key, h in histories.items():
                values[f"{key}_loss"] = h.train_loss[-1]
                values[f"{key}_acc"] = decided_accuracy(nets[key], *data[key])
            if epoch == 1:
                first = {key: values[f"{key}_loss"] for key in histories}
            blown = [key for key in histories if values[f"{key}_loss"] > BLOWUP * max(first[key], 0.5)]
            if blown:   # finite, but far worse than where it started: the steps overshoot
                step += 1
                key = blown[0]
                grew, start = f"{values[f'{key}_loss']:.3g}", f"{first[key]:.3g}"
                yield Event("diverged", self.tr(f"Diverged at step {epoch} ({names[key]})",
                                                f"在第 {epoch} 步发散（{names[key]}）"), "",
                            values={"step": epoch, "model": key,
                                    "message": self.tr(f"the loss of {names[key]} grew to {grew}, "
                                                       f"more than {BLOWUP} times its start {start}: "
                                                       "try a smaller learning rate",
                                                       f"{names[key]}的损失涨到了 {grew}，超过开始时 {start} 的 "
                                                       f"{BLOWUP} 倍：试试更小的学习率")}, step=step)
                return
            last = any(h.stop_reason for h in histories.values())
            if epoch % every == 0 or epoch == 1 or last:
                step += 1
                losses = (f"{values['and1_loss']:.4f}", f"{values['xor1_loss']:.4f}", f"{values['xor2_loss']:.4f}")
                yield Event("info", self.tr(f"Epoch {epoch}: losses AND-1 {losses[0]}, XOR-1 "
                                            f"{losses[1]}, XOR 2-2-1 {losses[2]}",
                                            f"第 {epoch} 轮：损失 AND-1 {losses[0]}，XOR-1 "
                                            f"{losses[1]}，XOR 2-2-1 {losses[2]}"),
                            rf"E = \frac{{1}}{{4}}\sum -[t\ln y + (1-t)\ln(1-y)]:\quad {fmt(values['and1_loss'])},\ "
                            rf"{fmt(values['xor1_loss'])},\ {fmt(values['xor2_loss'])}",
                            arrays=regions(), values=values, step=step)
            if last:
                break
        preds = {key: sigmoid(net.predict(data[key][0])).ravel() for key, net in nets.items()}
        step += 1
        stuck = self.tr(" (stuck: try another seed)", "（卡住了：换个种子试试）") if values["xor2_acc"] < 1 else ""
        acc1, acc2 = f"{values['xor1_acc']:.2f}", f"{values['xor2_acc']:.2f}"
        stall = self.tr("where one neuron's XOR loss stalls", "单个神经元的 XOR 损失停在这里")
        yield Event("done", self.tr(f"Done: XOR accuracy one neuron {acc1}, 2-2-1 net {acc2}{stuck}",
                                    f"完成：在 XOR 上，单个神经元准确率 {acc1}，2-2-1 网络 {acc2}{stuck}"),
                    rf"\ln 2 = {fmt(np.log(2))}: \text{{{stall}}}",
                    arrays={**regions(), **{f"{k}_pred": p for k, p in preds.items()}},
                    values={**values, "train_acc": values["xor2_acc"], "train_loss": values["xor2_loss"]}, step=step)

    def plain(self, out: TextIO) -> None:
        write_plain(self, out)
