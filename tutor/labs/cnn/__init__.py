"""Lab `cnn`: a small convolutional network on the 8×8 digits, against an MLP.

CNN: conv 3×3 (C channels, valid) -> ReLU -> max pool 2×2 -> flatten -> dense 10
     8×8 -> C×6×6 -> C×3×3 -> 9C numbers -> 10 scores
MLP: 64 -> 50 (ReLU) -> 10, the digits lab's network.
Both learn with softmax + cross-entropy and Adam on the same split for the
same number of epochs (a few seconds).  Along the way: the learned kernels
and one test digit's feature maps, channel by channel.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.training import (
    DivergedValues,
    EpochValues,
    digits_split,
    diverged_event,
    diverged_reason,
    epoch_event,
    epoch_line,
    epoch_payloads,
    grid,
    make_optimizer,
    numbered,
)
from tutor.locale import N_, t


@dataclass(frozen=True)
class SizesValues(Payload):
    """The first event: how many weights and biases each network has."""
    cnn_params: int
    mlp_params: int


@dataclass(frozen=True)
class ChannelValues(Payload):
    """One channel of the trained CNN (arrays: its "kernel" and its "fmap", and all of them)."""
    channel: int               # from 0


@dataclass(frozen=True)
class DoneValues(Payload):
    """The end: each network's test accuracy and size."""
    cnn_acc: float
    mlp_acc: float
    cnn_params: int
    mlp_params: int


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

    # --- drive the engine: train the CNN, look at its channels, train the MLP --------------
    def _drive(self) -> Iterator[tuple[Payload, dict]]:
        """(what happened, its arrays), in order; a DivergedValues ends the run."""
        from engine.training import evaluate

        v = self.values
        Xtr, Xte, ytr, yte = self.data()
        images_tr, images_te = Xtr.reshape(-1, 1, 8, 8), Xte.reshape(-1, 1, 8, 8)
        cnn, mlp = self.cnn(), self.mlp()
        maps = self._maps(cnn.layers[0], images_te[min(v["digit"], len(Xte) - 1)])
        pc, pm = cnn.param_count(), mlp.param_count()
        yield SizesValues(pc, pm), maps()
        if (yield from self._train(cnn, images_tr, ytr, images_te, yte, "cnn", maps)):
            return
        for k in range(v["channels"]):
            m = maps()
            yield ChannelValues(k), {**m, "kernel": m["kernels"][k], "fmap": m["fmaps"][k]}
        if (yield from self._train(mlp, Xtr, ytr, Xte, yte, "mlp", dict)):
            return
        accuracy = lambda net, X: evaluate(net, X, yte, "softmax_ce")[1]
        yield DoneValues(accuracy(cnn, images_te), accuracy(mlp, Xte), pc, pm), maps()

    def _train(self, net, X, y, Xte, yte, model: str, arrays) -> Iterator[tuple[Payload, dict]]:
        """Each epoch of `net` (EpochValues, with `arrays()`); returns whether it diverged."""
        from engine.training import iter_fit

        v = self.values
        histories = iter_fit(net, X, y, "softmax_ce", self.optimizer(), epochs=v["epochs"],
                             batch_size=v["batch"], validation=(Xte, yte), seed=v["seed"])
        for epoch in epoch_payloads(histories, model=model):
            if isinstance(epoch, DivergedValues):
                yield epoch, {}
                return True
            yield epoch, arrays()
        return False

    @staticmethod
    def _maps(conv, sample):
        """The arrays the view draws: kernels and biases, the digit, its feature maps now."""
        def maps() -> dict:
            fmap = np.maximum(conv.forward(sample[None])[0], 0.0)     # ReLU(conv), (C, 6, 6)
            return {"kernels": conv.params["W"][:, 0], "bias": conv.params["b"], "fmaps": fmap,
                    "image": sample[0]}
        return maps

    # --- narrate: a caption and a formula for each thing that happened --------------------
    def _events(self) -> Iterator[Event]:
        say = {SizesValues: self._say_sizes, ChannelValues: self._say_channel, DoneValues: self._say_done,
               EpochValues: lambda v, arrays: epoch_event(v, v.model.upper() + " ", arrays),
               DivergedValues: lambda v, arrays: diverged_event(v, v.model.upper() + " ")}
        for what, arrays in self._drive():
            yield say[type(what)](what, arrays)

    def _say_sizes(self, v: SizesValues, arrays) -> Event:
        c = self.values["channels"]
        return Event("info", t("CNN: 8×8 → conv 3×3 → {c}×6×6 → ReLU → max pool 2×2 → {c}×3×3 → flatten {flat} "
                               "→ dense 10  ({pc} parameters); MLP 64-50-10 ({pm} parameters)",
                               c=c, flat=9 * c, pc=v.cnn_params, pm=v.mlp_params),
                     r"a^{(c)} = \mathrm{ReLU}(x \star k^{(c)} + b_c), \quad 6 = \frac{8 - 3}{1} + 1, \quad "
                     r"3 = \frac{6 - 2}{2} + 1", arrays=arrays, values=v.values())

    def _say_channel(self, v: ChannelValues, arrays) -> Event:
        k = v.channel + 1
        return Event("forward", t("Channel {k}: the learned kernel and the feature map of test digit #{index}",
                                  k=k, index=self.values["digit"]),
                     rf"a^{{({k})}} = \mathrm{{ReLU}}(x \star k^{{({k})}} + b_{{{k}}}), \quad "
                     rf"b_{{{k}}} = {fmt(arrays['bias'][v.channel], 3)}", arrays=arrays, values=v.values())

    @staticmethod
    def _say_done(v: DoneValues, arrays) -> Event:
        return Event("done", t("Done: CNN test accuracy {cnn:.4f} ({pc} parameters), MLP {mlp:.4f} ({pm} parameters)",
                               cnn=v.cnn_acc, pc=v.cnn_params, mlp=v.mlp_acc, pm=v.mlp_params),
                     rf"\text{{CNN}}: {fmt(v.cnn_acc)}, \quad \text{{MLP}}: {fmt(v.mlp_acc)}",
                     arrays=arrays, values=v.values())

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("CNN vs MLP on the 8×8 digits: {channels} channels, {epochs} epochs each, "
                "{optimizer} η = {lr:g}, batch {batch}, seed {seed}", channels=v["channels"], epochs=v["epochs"],
                optimizer=v["optimizer"], lr=v["lr"], batch=v["batch"], seed=v["seed"]), file=out)
        for e in self.run():
            a, epoch, channel, done = e.arrays, EpochValues.of(e), ChannelValues.of(e), DoneValues.of(e)
            if e.kind == "info" and epoch is not None:
                print(epoch_line(epoch, prefix=epoch.model.upper() + " "), file=out)
            elif channel is not None:
                k = channel.channel + 1
                print(t("Channel {k}: kernel (bias {bias:.4f})", k=k, bias=a["bias"][channel.channel]), file=out)
                print("\n".join("  " + line for line in grid(a["kernel"], 4)), file=out)
                print(t("Channel {k}: feature map of test digit #{index} after ReLU", k=k, index=v["digit"]), file=out)
                print("\n".join("  " + line for line in grid(a["fmap"], 4)), file=out)
            elif e.kind == "info":
                print(e.label, file=out)
            elif e.kind == "diverged":
                print(t("{label}: {reason}", label=e.label, reason=diverged_reason(e.values)), file=out)
            elif done is not None:
                for model, acc, n in (("CNN", done.cnn_acc, done.cnn_params), ("MLP", done.mlp_acc, done.mlp_params)):
                    print(t("{model} test accuracy: {acc:.4f} ({n} parameters)", model=model, acc=acc, n=n), file=out)
