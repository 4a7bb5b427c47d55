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
from tutor.labs._labs2 import digits_split, epoch_events, grid, make_optimizer, numbered
from tutor.labs.base import Lab, Param


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

        yield Event("info", f"CNN: 8×8 → conv 3×3 → {c}×6×6 → ReLU → max pool 2×2 → {c}×3×3 → flatten {9 * c} "
                    f"→ dense 10  ({cnn.param_count()} parameters); MLP 64-50-10 ({mlp.param_count()} parameters)",
                    r"a^{(c)} = \mathrm{ReLU}(x \star k^{(c)} + b_c), \quad 6 = \frac{8 - 3}{1} + 1, \quad "
                    r"3 = \frac{6 - 2}{2} + 1",
                    arrays=maps(), values={"cnn_params": cnn.param_count(), "mlp_params": mlp.param_count()})
        histories = iter_fit(cnn, images_tr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(images_te, yte), seed=v["seed"])
        for e in epoch_events(histories, arrays=maps, extra={"model": "cnn"}, prefix="CNN "):
            yield e
            if e.kind == "diverged":
                return
        for k in range(c):
            m = maps()
            yield Event("forward", f"Channel {k + 1}: the learned kernel and the feature map of test digit "
                        f"#{v['digit']}",
                        rf"a^{{({k + 1})}} = \mathrm{{ReLU}}(x \star k^{{({k + 1})}} + b_{{{k + 1}}}), \quad "
                        rf"b_{{{k + 1}}} = {fmt(m['bias'][k], 3)}",
                        arrays={**m, "kernel": m["kernels"][k], "fmap": m["fmaps"][k]},
                        values={"channel": k, "model": "cnn"})
        histories = iter_fit(mlp, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(Xte, yte), seed=v["seed"])
        for e in epoch_events(histories, extra={"model": "mlp"}, prefix="MLP "):
            yield e
            if e.kind == "diverged":
                return
        cnn_acc = evaluate(cnn, images_te, yte, "softmax_ce")[1]
        mlp_acc = evaluate(mlp, Xte, yte, "softmax_ce")[1]
        yield Event("done", f"Done: CNN test accuracy {cnn_acc:.4f} ({cnn.param_count()} parameters), "
                    f"MLP {mlp_acc:.4f} ({mlp.param_count()} parameters)",
                    rf"\text{{CNN}}: {fmt(cnn_acc)}, \quad \text{{MLP}}: {fmt(mlp_acc)}",
                    arrays=maps(), values={"cnn_acc": cnn_acc, "mlp_acc": mlp_acc,
                                           "cnn_params": cnn.param_count(), "mlp_params": mlp.param_count()})

    def panels(self) -> list:
        from tutor.labs._views_cnn import cnn_panels

        return cnn_panels()

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(f"CNN vs MLP on the 8×8 digits: {v['channels']} channels, {v['epochs']} epochs each, "
              f"{v['optimizer']} η = {v['lr']:g}, batch {v['batch']}, seed {v['seed']}", file=out)
        for e in self.run():
            val, a = e.values, e.arrays
            if e.kind == "info" and "epoch" in val:
                print(f"{val['model'].upper()} epoch {val['epoch']:>3}: loss {val['train_loss']:.4f}, "
                      f"train accuracy {val['train_acc']:.3f}, test accuracy {val['val_acc']:.3f}", file=out)
            elif e.kind == "forward":
                k = val["channel"] + 1
                print(f"Channel {k}: kernel (bias {a['bias'][val['channel']]:.4f})", file=out)
                print("\n".join("  " + line for line in grid(a["kernel"], 4)), file=out)
                print(f"Channel {k}: feature map of test digit #{v['digit']} after ReLU", file=out)
                print("\n".join("  " + line for line in grid(a["fmap"], 4)), file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                print(f"{e.label}: {val['message']}", file=out)
            elif e.kind == "done":
                print(f"CNN test accuracy: {val['cnn_acc']:.4f} ({val['cnn_params']} parameters)", file=out)
                print(f"MLP test accuracy: {val['mlp_acc']:.4f} ({val['mlp_params']} parameters)", file=out)
