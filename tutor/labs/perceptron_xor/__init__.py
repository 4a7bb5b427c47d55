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
from tutor.labs.kit.text import pad

LOW, HIGH, GRID = -0.25, 1.25, 13      # 13 pixels: the corners 0 and 1 fall on pixels 2 and 10
BLOWUP = 10        # a loss this many times its first value counts as diverged (full batch: one step an epoch)
UNDECIDED = 0.01   # an output within this of 0.5 decides nothing: in the maps "?", in the accuracy wrong
MODELS = (("and1", "AND · one neuron"), ("xor1", "XOR · one neuron"), ("xor2", "XOR · 2-2-1 net"))
SHORT = {"and1": "AND, 1 neuron", "xor1": "XOR, 1 neuron", "xor2": "XOR, 2-2-1"}
MODELS_ZH = {"and1": "AND · 单个神经元", "xor1": "XOR · 单个神经元", "xor2": "XOR · 2-2-1 网络"}
SHORT_ZH = {"and1": "AND，1 个神经元", "xor1": "XOR，1 个神经元", "xor2": "XOR，2-2-1 网络"}


def model_titles(lang: str = "en") -> tuple[tuple[str, str], ...]:
    """MODELS in the student's language: ((key, title), ...)."""
    return tuple((key, MODELS_ZH[key]) for key, _ in MODELS) if lang == "zh" else MODELS


def short_titles(lang: str = "en") -> dict:
    return SHORT_ZH if lang == "zh" else SHORT


def perceptron_rule(targets, lr: float = 1.0, passes: int = 100) -> dict:
    """The perceptron rule on the four corners from w = 0, b = 0."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    w, b = np.zeros(2), 0.0
    mistakes = []
    for _ in range(passes):
        errors = 0
        for x, t in zip(X, targets):
            y = 1.0 if w @ x + b > 0 else 0.0
            if y != t:
                w, b = w + lr * (t - y) * x, b + lr * (t - y)
                errors += 1
        mistakes.append(errors)
        if errors == 0:
            break
    return {"passes": len(mistakes), "learned": mistakes[-1] == 0, "mistakes": mistakes, "w": w, "b": b}


def grid_points() -> np.ndarray:
    """GRID × GRID points over [LOW, HIGH]², top row = largest x₂ (as on paper)."""
    axis = np.linspace(LOW, HIGH, GRID)
    xx, yy = np.meshgrid(axis, axis[::-1])
    return np.c_[xx.ravel(), yy.ravel()]


def corner_pixels() -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of the corners (0,0), (0,1), (1,0), (1,1) on the grid."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    step = (HIGH - LOW) / (GRID - 1)
    cols = np.round((X[:, 0] - LOW) / step).astype(int)
    rows = np.round((HIGH - X[:, 1]) / step).astype(int)
    return rows, cols



def decided_accuracy(net, X, t) -> float:
    """The share of corners the network gets right *and decides*: an output of 0.500 is a
    coin toss, not a "0", so one neuron on XOR (y = 0.5 everywhere) scores 0, whatever
    the sign of its last digits."""
    from engine.activations import sigmoid

    y = sigmoid(net.predict(X)).ravel()
    t = np.asarray(t).ravel()
    right = ((y > 0.5 + UNDECIDED) & (t == 1)) | ((y < 0.5 - UNDECIDED) & (t == 0))
    return float(np.mean(right))

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
        v, tr = self.values, self.tr
        print(tr(f"{self.title}  (epochs = {v['epochs']}, η = {v['lr']:g}, seed = {v['seed']})",
                 f"{self.title_zh}（训练 {v['epochs']} 轮，η = {v['lr']:g}，种子 = {v['seed']}）"), file=out)
        print(tr("Loss: sigmoid + binary cross-entropy, full-batch gradient descent on the four corners.",
                 "损失：sigmoid + 二元交叉熵；在四个角上做全批量梯度下降。"), file=out)
        X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
        models = model_titles(self.lang)
        # the loss table's columns: (heading, width); a heading wider than its numbers widens the column
        heads = [(tr("epoch", "轮次"), 5), (tr("AND one neuron", "AND 单个神经元"), 14),
                 (tr("XOR one neuron", "XOR 单个神经元"), 14), (tr("XOR 2-2-1 net", "XOR 2-2-1 网络"), 13)]
        from rich.cells import cell_len

        widths = [max(w, cell_len(h)) for h, w in heads]
        gaps = ("    ", "   ", "   ")
        for e in self.run():
            val = e.values
            if e.kind == "info" and "and_passes" in val:
                w = f"w = ({val['and_w1']:g}, {val['and_w2']:g})"
                b = f"b = {val['and_b']:g}"
                print(tr(f"Perceptron rule (step activation, η = 1, from w = 0, b = 0): on AND pass "
                         f"{val['and_passes']} is the first without a mistake, {w}, {b}; "
                         f"XOR still {val['xor_last_mistakes']} mistakes in pass {val['xor_passes']}.",
                         f"感知机规则（阶跃激活函数，η = 1，从 w = 0、b = 0 开始）：AND 在第 {val['and_passes']} 遍"
                         f"第一次一个都没错，{w}，{b}；XOR 到第 {val['xor_passes']} 遍还错 "
                         f"{val['xor_last_mistakes']} 个。"), file=out)
                cols = [pad(h, w, right=True) for (h, _), w in zip(heads, widths)]
                print("".join(c + gap for c, gap in zip(cols, gaps)) + cols[-1] + tr("   (loss)", "   （损失）"),
                      file=out)
            elif e.kind == "info" and "epoch" in val and (val["epoch"] % max(1, v["epochs"] // 10) == 0
                                                           or val["epoch"] == 1):
                w = widths
                print(f"{val['epoch']:>{w[0]}}    {val['and1_loss']:>{w[1]}.4f}   {val['xor1_loss']:>{w[2]}.4f}   "
                      f"{val['xor2_loss']:>{w[3]}.4f}", file=out)
            elif e.kind == "diverged":
                print(tr(f"{e.label}: {val['message']}", f"{e.label}：{val['message']}"), file=out)
            elif e.kind == "done":
                print(tr(f"ln 2 = {np.log(2):.4f} (one neuron's best on XOR: y = 0.5 everywhere)",
                         f"ln 2 = {np.log(2):.4f}（单个神经元在 XOR 上最好也只能做到：处处 y = 0.5）"), file=out)
                if val["xor2_acc"] < 1:
                    print(tr("The 2-2-1 net is stuck in a local minimum (it happens for about half the seeds): "
                             "try another seed.",
                             "2-2-1 网络卡在了一个局部极小值（大约一半的种子会这样）：换个种子试试。"), file=out)
                for key, title in models:
                    pred = e.arrays[f"{key}_pred"]
                    cells = ", ".join(f"{int(a)}{int(b)}→{p:.3f}" for (a, b), p in zip(X, pred))
                    loss, acc = f"{val[f'{key}_loss']:.4f}", f"{val[f'{key}_acc']:.2f}"
                    print(tr(f"{title}: loss {loss}, accuracy {acc}   ({cells})",
                             f"{title}：损失 {loss}，准确率 {acc}   （{cells}）"), file=out)
                for key, title in models:
                    print(tr(f"{title}: decision regions (1: y > 0.51, 0: y < 0.49, ?: undecided; "
                             f"x₁ →, x₂ ↑, from {LOW} to {HIGH})",
                             f"{title}：决策区域（1：y > 0.51，0：y < 0.49，?：未定；"
                             f"x₁ →，x₂ ↑，范围 {LOW} 到 {HIGH}）"), file=out)
                    for row in e.arrays[key]:
                        print("  " + "".join("1" if p > 0.51 else "0" if p < 0.49 else "?" for p in row), file=out)
