"""Lab `cnn`: a small convolutional network on the 8×8 digits, against an MLP.

CNN: conv 3×3 (C channels, valid) -> ReLU -> max pool 2×2 -> flatten -> dense 10
     8×8 -> C×6×6 -> C×3×3 -> 9C numbers -> 10 scores
MLP: 64 -> 50 (ReLU) -> 10, the digits lab's network.
Both learn with softmax + cross-entropy and Adam on the same split for the
same number of epochs (a few seconds).  Along the way: the learned kernels
and one test digit's feature maps, channel by channel.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.training import digits_split, diverged_reason, epoch_events, epoch_line, grid, make_optimizer, numbered


class CnnLab(Lab):
    name = "cnn"
    title = "A small CNN on the 8×8 digits, against an MLP"
    title_zh = "小型卷积网络识别 8×8 数字，与多层感知机对比"
    summary = "Train conv-ReLU-pool-dense on the digits: feature maps per channel, learned kernels, accuracy vs the MLP."
    params = (
        Param("epochs", 10, "training epochs (each network)", int, low=1, high=200),
        Param("channels", 8, "convolution channels (kernels)", int, low=1, high=16),
        Param("lr", 0.01, "learning rate η ", low=1e-9, high=1e9),
        Param("batch", 32, "mini-batch size", int, low=1, high=2000),
        Param("digit", 0, "the test digit whose feature maps are shown", int, low=0, high=449),
        Param("optimizer", "adam", "update rule (plain SGD can diverge with a large η)", str,
              choices=("adam", "sgd")),
        Param("seed", 0, "seed of the split, the weights and the batches", int, low=0, high=10**6),
    )

    def data(self):
        return digits_split(self.values["seed"])

    def cnn(self):
        from engine.conv import Conv2D
        from engine.layers import Dense, Flatten, ReLU
        from engine.network import Sequential
        from engine.pooling import MaxPool2D

        c, seed = self.values["channels"], self.values["seed"]
        return Sequential([Conv2D(1, c, 3, padding="valid", seed=seed), ReLU(), MaxPool2D(2), Flatten(),
                           Dense(c * 9, 10, init="xavier", rng=seed + 1)])

    def mlp(self):
        from engine.layers import Dense, ReLU
        from engine.network import Sequential

        seed = self.values["seed"]
        return Sequential([Dense(64, 50, rng=seed), ReLU(), Dense(50, 10, init="xavier", rng=seed + 1)])

    def optimizer(self):
        return make_optimizer(self.values["optimizer"], self.values["lr"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def _events(self) -> Iterator[Event]:
        from engine.training import evaluate, iter_fit

        v = self.values
        Xtr, Xte, ytr, yte = self.data()
        images_tr, images_te = Xtr.reshape(-1, 1, 8, 8), Xte.reshape(-1, 1, 8, 8)
        cnn, mlp = self.cnn(), self.mlp()
        c = v["channels"]
        sample = images_te[min(v["digit"], len(Xte) - 1)]
        conv = cnn.layers[0]

        def maps() -> dict:
            fmap = np.maximum(conv.forward(sample[None])[0], 0.0)     # ReLU(conv), (C, 6, 6)
            return {"kernels": conv.params["W"][:, 0], "bias": conv.params["b"], "fmaps": fmap,
                    "image": sample[0]}

        pc, pm = cnn.param_count(), mlp.param_count()
        yield Event("info", self.tr(f"CNN: 8×8 → conv 3×3 → {c}×6×6 → ReLU → max pool 2×2 → {c}×3×3 → flatten {9 * c} "
                                    f"→ dense 10  ({pc} parameters); MLP 64-50-10 ({pm} parameters)",
                                    f"CNN：8×8 → 卷积 3×3 → {c}×6×6 → ReLU → 最大池化 2×2 → {c}×3×3 → 展平 {9 * c} "
                                    f"→ 全连接 10（{pc} 个参数）；MLP 64-50-10（{pm} 个参数）"),
                    r"a^{(c)} = \mathrm{ReLU}(x \star k^{(c)} + b_c), \quad 6 = \frac{8 - 3}{1} + 1, \quad "
                    r"3 = \frac{6 - 2}{2} + 1",
                    arrays=maps(), values={"cnn_params": cnn.param_count(), "mlp_params": mlp.param_count()})
        histories = iter_fit(cnn, images_tr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(images_te, yte), seed=v["seed"])
        for e in epoch_events(histories, arrays=maps, extra={"model": "cnn"}, prefix="CNN ",
                              lang=self.lang):
            yield e
            if e.kind == "diverged":
                return
        for k in range(c):
            m = maps()
            yield Event("forward", self.tr(f"Channel {k + 1}: the learned kernel and the feature map of test digit "
                                           f"#{v['digit']}",
                                           f"通道 {k + 1}：学到的卷积核，以及测试数字 #{v['digit']} 的特征图"),
                        rf"a^{{({k + 1})}} = \mathrm{{ReLU}}(x \star k^{{({k + 1})}} + b_{{{k + 1}}}), \quad "
                        rf"b_{{{k + 1}}} = {fmt(m['bias'][k], 3)}",
                        arrays={**m, "kernel": m["kernels"][k], "fmap": m["fmaps"][k]},
                        values={"channel": k, "model": "cnn"})
        histories = iter_fit(mlp, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(Xte, yte), seed=v["seed"])
        for e in epoch_events(histories, extra={"model": "mlp"}, prefix="MLP ", lang=self.lang):
            yield e
            if e.kind == "diverged":
                return
        cnn_acc = evaluate(cnn, images_te, yte, "softmax_ce")[1]
        mlp_acc = evaluate(mlp, Xte, yte, "softmax_ce")[1]
        yield Event("done", self.tr(f"Done: CNN test accuracy {cnn_acc:.4f} ({pc} parameters), "
                                    f"MLP {mlp_acc:.4f} ({pm} parameters)",
                                    f"完成：CNN 测试准确率 {cnn_acc:.4f}（{pc} 个参数），MLP {mlp_acc:.4f}（{pm} 个参数）"),
                    rf"\text{{CNN}}: {fmt(cnn_acc)}, \quad \text{{MLP}}: {fmt(mlp_acc)}",
                    arrays=maps(), values={"cnn_acc": cnn_acc, "mlp_acc": mlp_acc,
                                           "cnn_params": cnn.param_count(), "mlp_params": mlp.param_count()})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(self.tr(f"CNN vs MLP on the 8×8 digits: {v['channels']} channels, {v['epochs']} epochs each, "
                      f"{v['optimizer']} η = {v['lr']:g}, batch {v['batch']}, seed {v['seed']}",
                      f"在 8×8 数字上比较 CNN 和 MLP：{v['channels']} 个通道，各训练 {v['epochs']} 轮，"
                      f"{v['optimizer']} η = {v['lr']:g}，批量 {v['batch']}，种子 {v['seed']}"), file=out)
        for e in self.run():
            val, a = e.values, e.arrays
            if e.kind == "info" and "epoch" in val:
                print(epoch_line(val, self.lang, prefix=val["model"].upper() + " "), file=out)
            elif e.kind == "forward":
                k = val["channel"] + 1
                bias = f"{a['bias'][val['channel']]:.4f}"
                print(self.tr(f"Channel {k}: kernel (bias {bias})", f"通道 {k}：卷积核（偏置 {bias}）"), file=out)
                print("\n".join("  " + line for line in grid(a["kernel"], 4)), file=out)
                print(self.tr(f"Channel {k}: feature map of test digit #{v['digit']} after ReLU",
                              f"通道 {k}：测试数字 #{v['digit']} 经过 ReLU 后的特征图"), file=out)
                print("\n".join("  " + line for line in grid(a["fmap"], 4)), file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                print(e.label + self.tr(": ", "：") + diverged_reason(val["message"], self.lang), file=out)
            elif e.kind == "done":
                for model in ("cnn", "mlp"):
                    acc, n = f"{val[model + '_acc']:.4f}", val[model + "_params"]
                    print(self.tr(f"{model.upper()} test accuracy: {acc} ({n} parameters)",
                                  f"{model.upper()} 测试准确率：{acc}（{n} 个参数）"), file=out)
