"""Lab `iris`: a 4-8-3 softmax network learns the three iris species.

The four measurements are standardised with the training set's mean and
standard deviation (so no feature dominates by its units), the split is
stratified (every species in the test set), the loss is softmax +
cross-entropy.  The decision regions are drawn on two chosen features with
the other two held at their training mean — a slice through the network's
four-dimensional decision regions.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, LabError, Param
from tutor.labs.kit.training import confusion, confusion_lines, epoch_events, epoch_line, make_optimizer, numbered

FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
GRID = 48                      # decision-region pixels per side
# names in Chinese text (the values of x and y, and the data's class names, stay as they are)
FEATURE_ZH = {"sepal_length": "花萼长", "sepal_width": "花萼宽", "petal_length": "花瓣长", "petal_width": "花瓣宽"}
SPECIES_ZH = {"setosa": "山鸢尾", "versicolor": "变色鸢尾", "virginica": "维吉尼亚鸢尾"}


def species_names(names, lang: str = "en") -> list[str]:
    return [SPECIES_ZH.get(n, n) if lang == "zh" else n for n in names]


class IrisLab(Lab):
    name = "iris"
    title = "Iris: a 4-8-3 softmax network"
    title_zh = "鸢尾花：4-8-3 softmax 网络"
    summary = "Train a small classifier on iris: loss and accuracy, confusion matrix, decision regions."
    params = (
        Param("epochs", 200, "training epochs (full batch)", int, low=1, high=5000),
        Param("lr", 0.01, "learning rate η ", low=1e-6, high=1e6),
        Param("hidden", 8, "hidden units", int, low=1, high=64),
        Param("x", "petal_length", "feature on the horizontal axis of the regions", str, choices=FEATURES),
        Param("y", "petal_width", "feature on the vertical axis of the regions", str, choices=FEATURES),
        Param("test", 0.3, "fraction of the flowers kept for testing", low=0.1, high=0.5),
        Param("optimizer", "adam", "update rule (plain SGD can diverge with a large η)", str,
              choices=("adam", "sgd")),
        Param("seed", 0, "seed of the split and the weights", int, low=0, high=10**6),
    )

    def __init__(self, **values) -> None:
        super().__init__(**values)
        if self.values["x"] == self.values["y"]:
            raise LabError(f"lab iris: x and y are both {self.values['x']}; choose two different features")
        self.model = None

    # --- data and network ---------------------------------------------------
    def data(self):
        from engine.data import iris, train_test_split

        d = iris()
        Xtr, Xte, ytr, yte = train_test_split(d.X, d.y, test_size=self.values["test"],
                                              seed=self.values["seed"], stratify=True)
        mean, std = Xtr.mean(axis=0), Xtr.std(axis=0)
        return (Xtr - mean) / std, (Xte - mean) / std, ytr, yte, mean, std, d.target_names

    def network(self):
        from engine.layers import Dense, Tanh
        from engine.network import Sequential

        h, seed = self.values["hidden"], self.values["seed"]
        return Sequential([Dense(4, h, init="xavier", rng=seed), Tanh(), Dense(h, 3, init="xavier", rng=seed + 1)])

    def regions(self, net, Xtr, ytr, mean, std) -> dict:
        """Predicted class on a grid over features x, y (others at their mean), plus the points."""
        fx, fy = FEATURES.index(self.values["x"]), FEATURES.index(self.values["y"])
        lo = Xtr[:, [fx, fy]].min(axis=0) - 0.5
        hi = Xtr[:, [fx, fy]].max(axis=0) + 0.5
        gx, gy = np.linspace(lo[0], hi[0], GRID), np.linspace(hi[1], lo[1], GRID)   # top row = large y
        xx, yy = np.meshgrid(gx, gy)
        points = np.zeros((GRID * GRID, 4))           # standardised: 0 is the training mean
        points[:, fx], points[:, fy] = xx.ravel(), yy.ravel()
        classes = net.predict(points).argmax(axis=1).reshape(GRID, GRID)
        # the training flowers on the same grid (row, column)
        cols = np.clip(np.round((Xtr[:, fx] - lo[0]) / (hi[0] - lo[0]) * (GRID - 1)), 0, GRID - 1).astype(int)
        rows = np.clip(np.round((hi[1] - Xtr[:, fy]) / (hi[1] - lo[1]) * (GRID - 1)), 0, GRID - 1).astype(int)
        return {"regions": classes, "point_rows": rows, "point_cols": cols, "point_classes": ytr,
                "x_range": np.array([lo[0], hi[0]]) * std[fx] + mean[fx],
                "y_range": np.array([lo[1], hi[1]]) * std[fy] + mean[fy]}

    # --- the run ----------------------------------------------------------------
    def optimizer(self):
        return make_optimizer(self.values["optimizer"], self.values["lr"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.training import iter_fit

        v = self.values
        Xtr, Xte, ytr, yte, mean, std, names = self.data()
        net = self.model = self.network()
        yield Event("info", self.tr(f"Iris: {len(Xtr)} flowers to train on, {len(Xte)} to test; 4-{v['hidden']}-3 network",
                                    f"鸢尾花：训练用 {len(Xtr)} 朵，测试用 {len(Xte)} 朵；4-{v['hidden']}-3 网络"),
                    r"\hat{y} = \mathrm{softmax}(W_2 \tanh(W_1 x + b_1) + b_2), \quad "
                    r"E = -\frac{1}{n}\sum_n \sum_k t_k \ln \hat{y}_k",
                    values={"train": len(Xtr), "test": len(Xte)})
        every = max(1, v["epochs"] // 40)
        histories = iter_fit(net, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             validation=(Xte, yte), seed=v["seed"])
        for e in epoch_events(histories, every=every, arrays=lambda: self.regions(net, Xtr, ytr, mean, std),
                              lang=self.lang):
            yield e
            if e.kind == "diverged":
                return
        pred = net.predict(Xte).argmax(axis=1)
        m = confusion(yte, pred, 3)
        acc = float(np.mean(pred == yte))
        train_acc = float(np.mean(net.predict(Xtr).argmax(axis=1) == ytr))
        yield Event("info", self.tr(f"Confusion matrix on the {len(yte)} test flowers",
                                    f"{len(yte)} 朵测试花上的混淆矩阵"),
                    self.tr(r"\text{accuracy} = \frac{\text{correct}}{n}", r"\text{准确率} = \frac{\text{答对数}}{n}")
                    + rf" = \frac{{{int(np.trace(m))}}}{{{len(yte)}}} "
                    rf"= {fmt(acc, 3)}",
                    arrays={"confusion": m, **self.regions(net, Xtr, ytr, mean, std)},
                    values={"test_acc": acc, "names": tuple(names)})
        yield Event("done", self.tr(f"Done: test accuracy {acc:.3f}, training accuracy {train_acc:.3f}",
                                    f"完成：测试准确率 {acc:.3f}，训练准确率 {train_acc:.3f}"), "",
                    arrays={"confusion": m}, values={"test_acc": acc, "train_acc": train_acc})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(self.tr(f"Iris, 4-{v['hidden']}-3 network (tanh, softmax + cross-entropy, {v['optimizer']} η = {v['lr']:g}), "
                      f"{v['epochs']} epochs, test fraction {v['test']:g}, seed {v['seed']}",
                      f"鸢尾花，4-{v['hidden']}-3 网络（tanh，softmax + 交叉熵，{v['optimizer']} η = {v['lr']:g}），"
                      f"{v['epochs']} 轮，测试集比例 {v['test']:g}，随机种子 {v['seed']}"), file=out)
        for e in self.run():
            val = e.values
            if e.kind == "info" and "epoch" in val:
                print(epoch_line(val, self.lang, width=5), file=out)
            elif e.kind == "info" and "confusion" in e.arrays:
                print(self.tr("Confusion matrix (rows: true species, columns: predicted):",
                              "混淆矩阵（行：真实品种，列：预测结果）："), file=out)
                names = species_names(val["names"], self.lang)
                print("\n".join("  " + line for line in confusion_lines(e.arrays["confusion"], names, self.lang)),
                      file=out)
                print(self.tr(f"Decision regions on {v['x']} × {v['y']} (other features at their mean;"
                              " s = setosa, c = versicolor, v = virginica):",
                              f"决策区域：横轴 {FEATURE_ZH[v['x']]}，纵轴 {FEATURE_ZH[v['y']]}（其余特征取训练集均值；"
                              "s = 山鸢尾，c = 变色鸢尾，v = 维吉尼亚鸢尾）："), file=out)
                print("\n".join("  " + line for line in region_lines(e.arrays)), file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                from tutor.labs.kit.training import diverged_reason

                print(e.label + self.tr(": ", "：") + diverged_reason(val["message"], self.lang), file=out)
            elif e.kind == "done":
                print(self.tr("Test accuracy: ", "测试准确率：") + f"{val['test_acc']:.4f}", file=out)
                print(self.tr("Training accuracy: ", "训练准确率：") + f"{val['train_acc']:.4f}", file=out)


def region_lines(arrays, step: int = 3) -> list[str]:
    """The regions as letters (s, c, v = setosa, versicolor, virginica), every `step`-th pixel."""
    letters = np.array(list("scv"))
    regions = arrays["regions"][::step * 2, ::step]
    return ["".join(row) for row in letters[regions]]
