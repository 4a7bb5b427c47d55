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
from tutor.labs.kit.training import (
    EpochValues,
    digits_split,
    diverged_reason,
    epoch_events,
    epoch_line,
    grid,
    make_optimizer,
    numbered,
)
from tutor.locale import N_, t


class CnnLab(Lab):
    name = "cnn"
    title = N_("A small CNN on the 8×8 digits, against an MLP")
    summary = N_("Train conv-ReLU-pool-dense on the digits: feature maps per channel, learned kernels, "
                 "accuracy vs the MLP.")
    params = (
        Param("epochs", 10, N_("training epochs (each network)"), int, low=1, high=200),
        Param("channels", 8, N_("convolution channels (kernels)"), int, low=1, high=16),
        Param("lr", 0.01, N_("learning rate η"), low=1e-9, high=1e9),
        Param("batch", 32, N_("mini-batch size"), int, low=1, high=2000),
        Param("digit", 0, N_("the test digit whose feature maps are shown"), int, low=0, high=449),
        Param("optimizer", "adam", N_("update rule (plain SGD can diverge with a large η)"), str,
              choices=("adam", "sgd")),
        Param("seed", 0, N_("seed of the split, the weights and the batches"), int, low=0, high=10**6),
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
        yield Event("info", t("CNN: 8×8 → conv 3×3 → {c}×6×6 → ReLU → max pool 2×2 → {c}×3×3 → flatten {flat} "
                              "→ dense 10  ({pc} parameters); MLP 64-50-10 ({pm} parameters)",
                              c=c, flat=9 * c, pc=pc, pm=pm),
                    r"a^{(c)} = \mathrm{ReLU}(x \star k^{(c)} + b_c), \quad 6 = \frac{8 - 3}{1} + 1, \quad "
                    r"3 = \frac{6 - 2}{2} + 1",
                    arrays=maps(), values={"cnn_params": cnn.param_count(), "mlp_params": mlp.param_count()})
        histories = iter_fit(cnn, images_tr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(images_te, yte), seed=v["seed"])
        for e in epoch_events(histories, arrays=maps, model="cnn", prefix="CNN "):
            yield e
            if e.kind == "diverged":
                return
        for k in range(c):
            m = maps()
            yield Event("forward", t("Channel {k}: the learned kernel and the feature map of test digit #{index}",
                                     k=k + 1, index=v["digit"]),
                        rf"a^{{({k + 1})}} = \mathrm{{ReLU}}(x \star k^{{({k + 1})}} + b_{{{k + 1}}}), \quad "
                        rf"b_{{{k + 1}}} = {fmt(m['bias'][k], 3)}",
                        arrays={**m, "kernel": m["kernels"][k], "fmap": m["fmaps"][k]},
                        values={"channel": k, "model": "cnn"})
        histories = iter_fit(mlp, Xtr, ytr, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(Xte, yte), seed=v["seed"])
        for e in epoch_events(histories, model="mlp", prefix="MLP "):
            yield e
            if e.kind == "diverged":
                return
        cnn_acc = evaluate(cnn, images_te, yte, "softmax_ce")[1]
        mlp_acc = evaluate(mlp, Xte, yte, "softmax_ce")[1]
        yield Event("done", t("Done: CNN test accuracy {cnn:.4f} ({pc} parameters), MLP {mlp:.4f} ({pm} parameters)",
                              cnn=cnn_acc, pc=pc, mlp=mlp_acc, pm=pm),
                    rf"\text{{CNN}}: {fmt(cnn_acc)}, \quad \text{{MLP}}: {fmt(mlp_acc)}",
                    arrays=maps(), values={"cnn_acc": cnn_acc, "mlp_acc": mlp_acc,
                                           "cnn_params": cnn.param_count(), "mlp_params": mlp.param_count()})

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("CNN vs MLP on the 8×8 digits: {channels} channels, {epochs} epochs each, "
                "{optimizer} η = {lr:g}, batch {batch}, seed {seed}", channels=v["channels"], epochs=v["epochs"],
                optimizer=v["optimizer"], lr=v["lr"], batch=v["batch"], seed=v["seed"]), file=out)
        for e in self.run():
            val, a = e.values, e.arrays
            if e.kind == "info" and EpochValues.of(e) is not None:
                epoch = EpochValues.of(e)
                print(epoch_line(epoch, prefix=epoch.model.upper() + " "), file=out)
            elif e.kind == "forward":
                k = val["channel"] + 1
                print(t("Channel {k}: kernel (bias {bias:.4f})", k=k, bias=a["bias"][val["channel"]]), file=out)
                print("\n".join("  " + line for line in grid(a["kernel"], 4)), file=out)
                print(t("Channel {k}: feature map of test digit #{index} after ReLU", k=k, index=v["digit"]), file=out)
                print("\n".join("  " + line for line in grid(a["fmap"], 4)), file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                print(t("{label}: {reason}", label=e.label, reason=diverged_reason(val)), file=out)
            elif e.kind == "done":
                for model in ("cnn", "mlp"):
                    print(t("{model} test accuracy: {acc:.4f} ({n} parameters)", model=model.upper(),
                            acc=val[model + "_acc"], n=val[model + "_params"]), file=out)
