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
from tutor.labs.perceptron_xor.payload import DivergedValues, EpochValues, RuleValues, Score
from tutor.labs.perceptron_xor.plain import write_plain
from tutor.locale import N_, t


class PerceptronXorLab(Lab):
    name = "perceptron-xor"
    title = N_("One neuron against XOR; two layers solve it")
    summary = N_("A single neuron learns AND but stalls on XOR; a 2-2-1 network learns XOR. "
                 "Decision regions side by side.")
    params = (
        Param("epochs", 2000, N_("training epochs (full batch: all four corners every step)"), int,
              low=1, high=100_000),
        Param("lr", 1.0, N_("learning rate η (plain gradient descent)"), low=1e-6, high=1e6),
        Param("seed", 1, N_("seed of the starting weights (some seeds leave the 2-2-1 net stuck)"), int,
              low=0, high=10**6),
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

    # --- drive the engine: the three models side by side, an epoch at a time ------------
    def _drive(self, nets: dict, data: dict) -> Iterator[tuple]:
        """Per epoch ("epoch", EpochValues, is it the last); a run that blew up ends it with
        ("diverged", key, its History) (inf or nan: iter_fit's verdict) or ("grew", key, EpochValues,
        the loss it started from) (finite, but BLOWUP times its start)."""
        from engine.optimizers import SGD
        from engine.training import iter_fit

        v = self.values
        runs = {key: iter_fit(nets[key], *data[key], loss="sigmoid_bce", optimizer=SGD(v["lr"]),
                              epochs=v["epochs"], shuffle=False) for key in nets}
        epoch, first = 0, {}
        while True:
            histories = {key: h for key, h in ((key, next(gen, None)) for key, gen in runs.items()) if h is not None}
            if not histories:
                return
            epoch += 1
            for key, h in histories.items():
                if h.diverged:
                    yield "diverged", key, h
                    return
            scores = {key: Score(h.train_loss[-1], decided_accuracy(nets[key], *data[key]))
                      for key, h in histories.items()}
            values = EpochValues(epoch, **scores)
            if epoch == 1:
                first = {key: score.loss for key, score in scores.items()}
            blown = [key for key in histories if scores[key].loss > BLOWUP * max(first[key], 0.5)]
            if blown:   # finite, but far worse than where it started: the steps overshoot
                yield "grew", blown[0], values, first[blown[0]]
                return
            last = any(h.stop_reason for h in histories.values())
            yield "epoch", values, last
            if last:
                return

    # --- narrate: which epochs to show, captions, formulas, decision regions -------------
    def _events(self) -> Iterator[Event]:
        nets, data = self.models(), self.data()
        yield self._say_rule()
        regions = Regions(nets, data)
        every = max(1, self.values["epochs"] // 50)
        step, values = 0, None
        for kind, *what in self._drive(nets, data):
            if kind != "epoch":
                yield self._say_diverged(step + 1, kind, *what)
                return
            values, last = what
            if values.epoch % every == 0 or values.epoch == 1 or last:
                step += 1
                yield self._say_epoch(step, values, regions())
        yield self._say_done(step + 1, values, regions)

    @staticmethod
    def _say_rule() -> Event:
        """The classic perceptron rule first: AND is learned, XOR never."""
        rule_and, rule_xor = perceptron_rule([0, 0, 0, 1]), perceptron_rule([0, 1, 1, 0])
        rule = RuleValues(rule_and["passes"], rule_and["learned"], rule_xor["passes"], rule_xor["learned"],
                          rule_xor["mistakes"][-1], float(rule_and["w"][0]), float(rule_and["w"][1]),
                          float(rule_and["b"]))
        return Event("info", t("Perceptron rule first: AND is learned, XOR never"),
                     r"w \leftarrow w + \eta\,(t - y)\,x, \quad b \leftarrow b + \eta\,(t - y)",
                     values=rule.values(), step=0)

    @staticmethod
    def _say_diverged(step: int, kind: str, key: str, *what) -> Event:
        """A model's loss blew up: inf or nan ("diverged", its History) or grew BLOWUP times
        its start ("grew", EpochValues, the loss it started from)."""
        name = dict(model_titles())[key]
        if kind == "diverged":
            (h,) = what
            return Event("diverged", t("Diverged at step {step} ({model})", step=h.diverged_at["step"], model=name),
                         "", values=DivergedValues(h.diverged_at["step"], key, h.message).values(), step=step)
        grown, start = what
        message = t("the loss of {model} grew to {grew:.3g}, more than {times} times its start "
                    "{start:.3g}: try a smaller learning rate",
                    model=name, grew=grown.score(key).loss, times=BLOWUP, start=start)
        return Event("diverged", t("Diverged at step {step} ({model})", step=grown.epoch, model=name),
                     "", values=DivergedValues(grown.epoch, key, message).values(), step=step)

    @staticmethod
    def _say_epoch(step: int, values: EpochValues, regions: dict) -> Event:
        """The three losses, E = mean binary cross-entropy, and the decision regions."""
        losses = (values.and1.loss, values.xor1.loss, values.xor2.loss)
        return Event("info", t("Epoch {epoch}: losses AND-1 {and1:.4f}, XOR-1 {xor1:.4f}, "
                               "XOR 2-2-1 {xor2:.4f}", epoch=values.epoch, and1=losses[0],
                               xor1=losses[1], xor2=losses[2]),
                     rf"E = \frac{{1}}{{4}}\sum -[t\ln y + (1-t)\ln(1-y)]:\quad {fmt(losses[0])},\ "
                     rf"{fmt(losses[1])},\ {fmt(losses[2])}",
                     arrays=regions, values=values.values(), step=step)

    @staticmethod
    def _say_done(step: int, values: EpochValues, regions: Regions) -> Event:
        """XOR's accuracy, one neuron against the 2-2-1 net, beside ln 2 where the one neuron stalls."""
        stuck = t(" (stuck: try another seed)") if values.xor2.acc < 1 else ""
        stall = t("where one neuron's XOR loss stalls")
        return Event("done", t("Done: XOR accuracy one neuron {one:.2f}, 2-2-1 net {two:.2f}{stuck}",
                               one=values.xor1.acc, two=values.xor2.acc, stuck=stuck),
                     rf"\ln 2 = {fmt(np.log(2))}: \text{{{stall}}}",
                     arrays={**regions(), **regions.predictions()},
                     values=values.values(train_acc=values.xor2.acc, train_loss=values.xor2.loss), step=step)

    def plain(self, out: TextIO) -> None:
        write_plain(self, out)


class Regions:
    """What each model decides: σ(output) over the grid of the picture, the corners' pixels
    and targets (arrays of an epoch's event), and each model's outputs at the corners."""

    def __init__(self, nets: dict, data: dict) -> None:
        self.nets, self.data = nets, data
        self.points = grid_points()
        self.rows, self.cols = corner_pixels()

    def __call__(self) -> dict:
        from engine.activations import sigmoid

        out = {"corner_rows": self.rows, "corner_cols": self.cols}
        for key, net in self.nets.items():
            out[key] = sigmoid(net.predict(self.points)).reshape(GRID, GRID)
            out[f"{key}_targets"] = np.asarray(self.data[key][1], dtype=float)
        return out

    def predictions(self) -> dict:
        from engine.activations import sigmoid

        return {f"{key}_pred": sigmoid(net.predict(self.data[key][0])).ravel() for key, net in self.nets.items()}
