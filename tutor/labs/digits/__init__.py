"""Lab `digits`: the hello-world of deep learning on the shipped 8×8 digits.

An MLP 64-50-10 with ReLU learns the digits (pixels scaled from 0..16 to
0..1, softmax + cross-entropy, Adam, mini-batches).  Then: test accuracy and
the confusion matrix, a few test digits with their predicted probabilities,
the digits it gets wrong, and one step of the fast gradient sign method
(FGSM) that flips a prediction:
    x' = clip(x + ε · sign(∇_x E), 0, 1)
Every pixel moves by ε in the direction that raises the loss the fastest.
In the app the student can also draw a digit on an 8×8 grid.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.training import (
    a_digit,
    confusion,
    confusion_lines,
    digits_split,
    epoch_events,
    epoch_line,
    make_optimizer,
    numbered,
)

SHADES = " .:-=+*#%@"          # plain-text pixels, dark to bright
EPS_STEPS = np.round(np.arange(0.02, 1.0001, 0.02), 2)   # ε tried when eps=0 (automatic)


def probabilities(net, x) -> np.ndarray:
    from engine.activations import softmax

    return softmax(net.predict(np.asarray(x, dtype=float).reshape(-1, 64)))


def input_gradient(net, x, label: int) -> np.ndarray:
    """∇_x E for one image: the fused softmax + cross-entropy gradient sent back to the input."""
    from engine.losses import SoftmaxCrossEntropy, one_hot

    x = np.asarray(x, dtype=float).reshape(1, 64)
    z = net.forward(x)
    _, delta = SoftmaxCrossEntropy().value_and_grad(z, one_hot([label], 10))
    return net.backward(delta).reshape(8, 8)


def fgsm(net, x, label: int, eps: float) -> np.ndarray:
    g = input_gradient(net, x, label)
    return np.clip(np.asarray(x).reshape(8, 8) + eps * np.sign(g), 0.0, 1.0)


def ascii_digit(image) -> list[str]:
    """An 8×8 image (0..1) as 8 lines of 16 characters (two per pixel: about square)."""
    image = np.clip(np.asarray(image, dtype=float).reshape(8, 8), 0, 1)
    idx = np.round(image * (len(SHADES) - 1)).astype(int)
    return ["".join(SHADES[i] * 2 for i in row) for row in idx]


def prob_lines(p, width: int = 30, lang: str = "en") -> list[str]:
    best = int(np.argmax(p))
    mark = "  <- 预测" if lang == "zh" else "  <- predicted"
    return [f"  {d}: {'#' * int(round(q * width)):<{width}} {q:.3f}{mark if d == best else ''}"
            for d, q in enumerate(p)]


class DigitsLab(Lab):
    name = "digits"
    title = "Handwritten digits: the hello-world of deep learning"
    title_zh = "手写数字：深度学习的 hello world"
    summary = "Train a 64-50-10 MLP on the 8×8 digits; browse predictions, confusion matrix, errors, FGSM; draw a digit."
    params = (
        Param("epochs", 15, "training epochs", int, low=1, high=500),
        Param("lr", 0.005, "learning rate η ", low=1e-9, high=1e9),
        Param("hidden", 50, "hidden units", int, low=1, high=512),
        Param("batch", 32, "mini-batch size", int, low=1, high=2000),
        Param("show", 0, "first test digit to browse (0-based index into the test set)", int, low=0, high=449),
        Param("browse", 4, "how many test digits to step through", int, low=0, high=50),
        Param("eps", 0.0, "FGSM step ε on the 0..1 pixel scale (0 = the smallest that flips)", low=0.0, high=1.0),
        Param("optimizer", "adam", "update rule (plain SGD can diverge with a large η)", str,
              choices=("adam", "sgd")),
        Param("seed", 0, "seed of the split, the weights and the batches", int, low=0, high=10**6),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        self.model = None          # the trained network, for the drawing grid
        self.trained = False
        self.test_set = None       # (X_test, y_test), for browsing in the drawing grid

    def data(self):
        return digits_split(self.values["seed"])

    def network(self):
        from engine.layers import Dense, ReLU
        from engine.network import Sequential

        h, seed = self.values["hidden"], self.values["seed"]
        return Sequential([Dense(64, h, rng=seed), ReLU(), Dense(h, 10, init="xavier", rng=seed + 1)])

    def optimizer(self):
        return make_optimizer(self.values["optimizer"], self.values["lr"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.training import iter_fit

        v = self.values
        Xtr, Xte, ytr, yte = self.data()
        net = self.model = self.network()
        self.trained = False
        self.test_set = (Xte, yte)
        yield Event("info", self.tr(f"{len(Xtr)} digits to train on, {len(Xte)} to test; "
                                    f"64-{v['hidden']}-10 network, {net.param_count()} parameters",
                                    f"训练用 {len(Xtr)} 张数字图，测试用 {len(Xte)} 张；"
                                    f"64-{v['hidden']}-10 网络，共 {net.param_count()} 个参数"),
                    r"\hat{y} = \mathrm{softmax}(W_2\, \mathrm{ReLU}(W_1 x + b_1) + b_2), \quad "
                    r"E = -\frac{1}{n}\sum_n \ln \hat{y}_{n,t_n}",
                    values={"train": len(Xtr), "test": len(Xte), "parameters": net.param_count()})
        histories = iter_fit(net, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(Xte, yte), seed=v["seed"])
        for e in epoch_events(histories, lang=self.lang):
            yield e
            if e.kind == "diverged":
                return
        self.trained = True
        P = probabilities(net, Xte)
        pred = P.argmax(axis=1)
        acc = float(np.mean(pred == yte))
        m = confusion(yte, pred, 10)
        accuracy = self.tr(r"\text{accuracy}", r"\text{准确率}")
        yield Event("info", self.tr(f"Test accuracy {acc:.4f}: {int(np.trace(m))} of {len(yte)} right",
                                    f"测试准确率 {acc:.4f}：{len(yte)} 张里认对 {int(np.trace(m))} 张"),
                    rf"{accuracy} = \frac{{{int(np.trace(m))}}}{{{len(yte)}}} = {fmt(acc)}",
                    arrays={"confusion": m}, values={"test_acc": acc, "names": tuple(str(d) for d in range(10))})
        first = min(v["show"], len(Xte) - 1)
        for i in range(first, min(first + v["browse"], len(Xte))):
            p, k = P[i], int(pred[i])
            yield Event("forward", self.tr(f"Test digit #{i}: {a_digit(yte[i])}, predicted {k} ({p[k]:.1%})",
                                           f"测试数字 #{i}：真实是 {yte[i]}，预测为 {k}（{p[k]:.1%}）")
                        + ("" if k == yte[i] else self.tr("  — wrong", "  — 认错了")),
                        rf"\hat{{y}} = \mathrm{{softmax}}(z), \quad \hat{{y}}_{{{k}}} = {fmt(p[k], 3)}",
                        arrays={"image": Xte[i].reshape(8, 8), "probs": p},
                        values={"index": i, "label": int(yte[i]), "predicted": k})
        wrong = np.flatnonzero(pred != yte)
        shown = wrong[:12]
        yield Event("info", self.tr(f"{len(wrong)} test digits are wrong", f"有 {len(wrong)} 张测试数字认错了")
                    + (self.tr(": ", "：") + self.tr(", ", "，").join(
                        self.tr(f"#{i} {a_digit(yte[i])} read as {pred[i]}", f"#{i} 的 {yte[i]} 被认成 {pred[i]}")
                        for i in shown[:4]) if len(wrong) else ""),
                    "", arrays={"wrong_images": Xte[shown].reshape(-1, 8, 8), "wrong_labels": yte[shown],
                                "wrong_preds": pred[shown], "wrong_index": shown},
                    values={"wrong": int(len(wrong))})
        yield from self._fgsm(net, Xte, yte, pred, first)
        yield Event("done", self.tr(f"Done: test accuracy {acc:.4f}, {len(wrong)} wrong of {len(yte)}; "
                                    "tab to the grid to draw a digit or browse the test set with [ and ]",
                                    f"完成：测试准确率 {acc:.4f}，{len(yte)} 张里认错 {len(wrong)} 张；"
                                    "按 tab 切到网格上画一个数字，或用 [ 和 ] 翻看测试集"),
                    rf"{accuracy} = \frac{{{int(np.trace(m))}}}{{{len(yte)}}} = {fmt(acc)}",
                    arrays={"confusion": m}, values={"test_acc": acc, "wrong": int(len(wrong))})

    def _fgsm(self, net, Xte, yte, pred, first) -> Iterator[Event]:
        right = [i for i in range(first, len(Xte)) if pred[i] == yte[i]]
        if not right:
            return
        i = right[0]
        x, label = Xte[i].reshape(8, 8), int(yte[i])
        g = input_gradient(net, x, label)
        yield Event("backward", self.tr(f"FGSM on test digit #{i} ({a_digit(label)}): "
                                        "the gradient of the loss with respect to the pixels",
                                        f"对测试数字 #{i}（数字 {label}）做 FGSM：损失对每个像素的梯度"),
                    r"g = \nabla_x E, \quad "
                    + self.tr(r"\text{each pixel moves by } ", r"\text{每个像素移动 } ")
                    + r"\varepsilon \cdot \mathrm{sign}(g)",
                    arrays={"image": x, "grad": g, "sign": np.sign(g)}, values={"index": i, "label": label})
        tries = [self.values["eps"]] if self.values["eps"] > 0 else list(EPS_STEPS)
        for eps in tries:
            adv = fgsm(net, x, label, eps)
            p_adv = probabilities(net, adv)[0]
            if int(np.argmax(p_adv)) != label:
                break
        p = probabilities(net, x)[0]
        after = int(np.argmax(p_adv))
        flipped = after != label
        yield Event("update", self.tr(f"x' = x + {eps:g}·sign(g): predicted {label} ({p[label]:.1%}) → {after} "
                                      f"({p_adv[after]:.1%})",
                                      f"x' = x + {eps:g}·sign(g)：预测从 {label}（{p[label]:.1%}）变成 {after}"
                                      f"（{p_adv[after]:.1%}）")
                    + ("" if flipped else self.tr(" — not flipped; try a larger eps", "，没有翻转；试试更大的 eps")),
                    rf"x' = \mathrm{{clip}}(x + {eps:g} \cdot \mathrm{{sign}}(\nabla_x E), 0, 1), \quad "
                    rf"\max_j |x'_j - x_j| = {fmt(np.abs(adv - x).max(), 2)}",
                    arrays={"image": adv, "original": x, "probs": p_adv, "probs_before": p},
                    values={"index": i, "label": label, "eps": float(eps), "predicted": after,
                            "flipped": flipped, "confidence": float(p_adv[after])})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(self.tr(f"Digits: 64-{v['hidden']}-10 MLP (ReLU, softmax + cross-entropy), {v['optimizer']} η = {v['lr']:g}, "
                      f"batch {v['batch']}, {v['epochs']} epochs, seed {v['seed']}",
                      f"手写数字：64-{v['hidden']}-10 的 MLP（ReLU，softmax + 交叉熵），{v['optimizer']} η = {v['lr']:g}，"
                      f"批大小 {v['batch']}，{v['epochs']} 轮，随机种子 {v['seed']}"), file=out)
        for e in self.run():
            val, a = e.values, e.arrays
            if e.kind == "info" and "epoch" in val:
                print(epoch_line(val, self.lang), file=out)
            elif e.kind == "info" and "confusion" in a:
                print(self.tr("Test accuracy: ", "测试准确率：") + f"{val['test_acc']:.4f}", file=out)
                print(self.tr("Confusion matrix (rows: true digit, columns: predicted):",
                              "混淆矩阵（行：真实数字，列：预测结果）："), file=out)
                print("\n".join("  " + line for line in confusion_lines(a["confusion"], val["names"], self.lang)),
                      file=out)
            elif e.kind == "forward":
                print(f"\n{e.label}", file=out)
                for art, bar in zip(ascii_digit(a["image"]) + [""] * 2, prob_lines(a["probs"], lang=self.lang)):
                    print(f"  |{art}|{bar}" if art else f"   {'':16} {bar}", file=out)
            elif e.kind == "info" and "wrong" in val:
                print(self.tr(f"\nWrong: {val['wrong']} test digits", f"\n认错：{val['wrong']} 张测试数字"), file=out)
                for i, t, p in zip(a["wrong_index"], a["wrong_labels"], a["wrong_preds"]):
                    print(self.tr(f"  #{i}: {a_digit(t)}, predicted {p}", f"  #{i}：真实 {t}，预测 {p}"), file=out)
            elif e.kind == "backward":
                print(f"\n{e.label}", file=out)
            elif e.kind == "update":
                flipped = (self.tr("flipped", "已翻转") if val["flipped"]
                           else self.tr("not flipped", "没有翻转"))
                print(self.tr(f"FGSM: eps = {val['eps']:g}, prediction {val['label']} -> {val['predicted']} "
                              f"({flipped}), confidence {val['confidence']:.3f}",
                              f"FGSM：eps = {val['eps']:g}，预测 {val['label']} -> {val['predicted']}"
                              f"（{flipped}），置信度 {val['confidence']:.3f}"),
                      file=out)
                for left, right in zip(ascii_digit(a["original"]), ascii_digit(a["image"])):
                    print(f"  |{left}|  ->  |{right}|", file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                from tutor.labs.kit.training import diverged_reason

                print(e.label + self.tr(": ", "：") + diverged_reason(val["message"], self.lang), file=out)
            elif e.kind == "done":
                print(self.tr(f"\nDone: test accuracy {val['test_acc']:.4f}, {val['wrong']} wrong",
                              f"\n完成：测试准确率 {val['test_acc']:.4f}，认错 {val['wrong']} 张"), file=out)
