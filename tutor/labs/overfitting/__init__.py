"""Lab `overfitting`: model capacity against data size, and three ways to hold a big model back.

A 1 → hidden → hidden → 1 tanh network learns y = sin x from a few noisy
points; a separate validation set (200 points from the same noisy source)
measures what it really learned.  Plenty of parameters and few points: the
training loss goes to 0 while the validation loss turns around and rises.
The toggles (keys in the TUI, or parameters):
    l2        weight decay λ: E + ½λ‖W‖² (engine/optimizers.py)
    dropout   each hidden unit switched off with probability p while training
    patience  early stopping: stop when the validation loss has not improved
              for that many epochs and put back the best weights
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.captions import stop_text
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.text import pad
from tutor.labs.kit.training import DivergedValues, EpochValues, diverged_reason, make_optimizer, numbered
from tutor.locale import N_, t

CURVE = 101
VALIDATION = 200


@dataclass(frozen=True)
class StartValues(Payload):
    """The first event: the network's size against the data's."""
    params: int
    points: int


@dataclass(frozen=True, kw_only=True)
class BestEpochValues(EpochValues):
    """An epoch, and the lowest validation loss so far (early stopping would put back its weights)."""
    best_epoch: int
    best_val: float


@dataclass(frozen=True)
class DoneValues(Payload):
    """The end of the run, with the final weights."""
    epoch: int
    final_train: float
    final_val: float
    stop: str                       # engine.training's stop_reason: "max_epochs", "early_stopping"
    best_epoch: int | None
    stop_values: Mapping[str, Any]  # the stopping rule's numbers, for its caption

    @property
    def stop_reason(self) -> str:   # what kit.captions.stop_text reads
        return self.stop


def noisy_sine(n: int, noise: float, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi, np.pi, n)
    return x[:, None], np.sin(x) + rng.normal(0.0, noise, n)


class OverfittingLab(Lab):
    name = "overfitting"
    title = N_("Overfitting: capacity, data, and regularisation")
    summary = N_("A big network on a few noisy points: training and validation loss; L2, dropout and early stopping "
                 "as toggles.")
    params = (
        Param("hidden", 32, N_("neurons in each of the two hidden layers (capacity)"), int, low=1, high=256),
        Param("points", 10, N_("training points (data size)"), int, low=2, high=2000),
        Param("noise", 0.25, N_("standard deviation of the noise on sin x"), low=0.0, high=10.0),
        Param("epochs", 1000, N_("most epochs (full batch)"), int, low=1, high=20_000),
        # 0.01, not 0.03: at 0.03 Adam jitters late in the run and the losses after epoch 700
        # depend on the CPU's rounding (0.104 or 0.108 at the end); at 0.01 the gap widens steadily.
        Param("lr", 0.01, N_("learning rate η"), low=1e-9, high=1e9),
        Param("optimizer", "adam", N_("update rule"), str, choices=("adam", "sgd")),
        Param("l2", 0.0, N_("L2 weight decay λ (0 = off)"), low=0.0, high=10.0),
        Param("dropout", 0.0, N_("dropout probability after each hidden layer (0 = off)"), low=0.0, high=0.9),
        Param("patience", 0, N_("early stopping after this many epochs without a better validation loss (0 = off)"),
              int, low=0, high=10_000),
        Param("seed", 0, N_("seed of the data, the weights and the dropout masks"), int, low=0, high=10**6),
    )

    def network(self):
        from engine.layers import Dense, Dropout, Tanh
        from engine.network import Sequential

        v = self.values
        h, p, s = v["hidden"], v["dropout"], v["seed"]
        layers = [Dense(1, h, init="xavier", rng=s), Tanh()]
        if p:
            layers.append(Dropout(p, rng=s))
        layers += [Dense(h, h, init="xavier", rng=s + 1), Tanh()]
        if p:
            layers.append(Dropout(p, rng=s + 1))
        layers.append(Dense(h, 1, init="xavier", rng=s + 2))
        return Sequential(layers)

    def data(self):
        v = self.values
        X, y = noisy_sine(v["points"], v["noise"], v["seed"])
        Xv, yv = noisy_sine(VALIDATION, v["noise"], v["seed"] + 1000)
        return X, y, Xv, yv

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    def settings_text(self) -> str:
        v = self.values
        on = [f"L2 λ = {v['l2']:g}" if v["l2"] else "", f"dropout p = {v['dropout']:g}" if v["dropout"] else "",
              t("early stopping (patience {patience})", patience=v["patience"]) if v["patience"] else ""]
        on = [s for s in on if s]
        return t(", ").join(on) if on else t("no regularisation")

    # --- drive the engine: one iter_fit run, with a validation set --------------------------
    def _drive(self) -> Iterator[tuple[Payload, dict]]:
        """(what happened, the curve learned so far), in order; a DivergedValues ends the run."""
        from engine.training import evaluate, iter_fit

        v = self.values
        X, y, Xv, yv = self.data()
        net = self.network()
        grid = np.linspace(-np.pi, np.pi, CURVE)
        curve = lambda: {"x": grid, "target": np.sin(grid), "y": net.predict(grid[:, None])[:, 0],
                         "points_x": X[:, 0], "points_y": y}
        yield StartValues(net.param_count(), v["points"]), curve()
        every = max(1, v["epochs"] // 100)
        rule = make_optimizer(v["optimizer"], v["lr"], weight_decay=v["l2"])
        for history in iter_fit(net, X, y, "mse", rule, epochs=v["epochs"],
                                validation=(Xv, yv), patience=v["patience"] or None, seed=v["seed"]):
            if history.diverged:
                at = history.diverged_at or {}
                yield DivergedValues(at.get("step"), at.get("epoch")), {}
                return
            if history.epochs % every == 0 or history.stop_reason:
                yield BestEpochValues(history.epochs, history.train_loss[-1], val_loss=history.val_loss[-1],
                                      best_epoch=int(np.argmin(history.val_loss)) + 1,
                                      best_val=min(history.val_loss)), curve()
        final = lambda inputs, targets: evaluate(net, inputs, targets, "mse")[0]
        yield DoneValues(history.epochs, final(X, y), final(Xv, yv), history.stop_reason, history.best_epoch,
                         history.stop_values), curve()

    # --- narrate: a caption and a formula for each thing that happened --------------------
    def _events(self) -> Iterator[Event]:
        say = {StartValues: self._say_start, BestEpochValues: self._say_epoch, DivergedValues: self._say_diverged,
               DoneValues: self._say_done}
        for what, arrays in self._drive():
            yield say[type(what)](what, arrays)

    def _say_start(self, v: StartValues, arrays) -> Event:
        l2 = self.values["l2"]
        return Event("info", t("{params} parameters, {points} training points, {validation} validation points; "
                               "{settings}", params=v.params, points=v.points, validation=VALIDATION,
                               settings=self.settings_text()),
                     rf"P = {v.params} \gg n = {v.points},\quad E = \tfrac{{1}}{{2n}}\sum (\hat y - y)^2"
                     + (rf" + \tfrac{{{l2:g}}}{{2}}\lVert W\rVert^2" if l2 else ""), arrays=arrays, values=v.values())

    @staticmethod
    def _say_epoch(v: BestEpochValues, arrays) -> Event:
        tl, vl = v.train_loss, v.val_loss
        return Event("info", t("Epoch {epoch}: train {train:.4f}, validation {validation:.4f} "
                               "(best {best:.4f} at {at})", epoch=v.epoch, train=tl, validation=vl, best=v.best_val,
                               at=v.best_epoch),
                     rf"E_{{\text{{train}}}} = {fmt(tl)},\quad E_{{\text{{val}}}} = {fmt(vl)},\quad "
                     rf"E_{{\text{{val}}}} - E_{{\text{{train}}}} = {fmt(vl - tl)}", arrays=arrays, values=v.values())

    @staticmethod
    def _say_diverged(v: DivergedValues, arrays) -> Event:
        return Event("diverged", t("Diverged at step {step} (epoch {epoch})", step=v.step, epoch=v.epoch), "",
                     values=v.values())

    @staticmethod
    def _say_done(v: DoneValues, arrays) -> Event:
        tl, vl = v.final_train, v.final_val
        why = stop_text(v) if v.stop == "early_stopping" else t("{epochs} epochs", epochs=v.epoch)
        return Event("done", t("Done ({why}): training loss {train:.4f}, validation loss {validation:.4f}, "
                               "gap {gap:.4f}", why=why, train=tl, validation=vl, gap=vl - tl),
                     rf"E_{{\text{{val}}}} - E_{{\text{{train}}}} = {fmt(vl)} - {fmt(tl)} = {fmt(vl - tl)}",
                     arrays=arrays, values=v.values())

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("{shape} tanh network, {points} training points of sin x + noise {noise:g}, {validation} validation "
                "points, {optimizer} lr {lr:g}, {epochs} epochs; {settings}", shape=f"1-{v['hidden']}-{v['hidden']}-1",
                points=v["points"], noise=v["noise"], validation=VALIDATION, optimizer=v["optimizer"], lr=v["lr"],
                epochs=v["epochs"], settings=self.settings_text()), file=out)
        every = max(1, v["epochs"] // 10)
        for e in self.run():
            start, epoch, done = StartValues.of(e), EpochValues.of(e), DoneValues.of(e)
            if start is not None:
                print(t("Parameters: {params}, training points: {points}", params=start.params, points=start.points),
                      file=out)
                print(pad(t("epoch"), 6, right=True) + "   " + pad(t("train loss"), 10) + "   " + t("validation loss"),
                      file=out)
            elif epoch is not None and (epoch.epoch % every == 0 or epoch.epoch == v["epochs"]):
                print(f"{epoch.epoch:>6}   {epoch.train_loss:.6f}     {epoch.val_loss:.6f}", file=out)
            elif e.kind == "diverged":
                print(t("{label}: {message}", label=e.label, message=diverged_reason(e.values)), file=out)
            elif done is not None:
                if done.stop == "early_stopping":
                    print(t("Early stopping: best validation loss at epoch {epoch}", epoch=done.best_epoch), file=out)
                print(e.label, file=out)
                print(t("Final training loss: {loss:.6f}", loss=done.final_train), file=out)
                print(t("Final validation loss: {loss:.6f}", loss=done.final_val), file=out)
