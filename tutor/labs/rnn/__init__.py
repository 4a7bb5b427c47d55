"""Lab `rnn`: an Elman RNN over a short sequence, then how its gradient fades.

Forward: h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), one step at a time
(engine/recurrent_steps.py).  Backward: |∂h_T/∂h_t| for every t
(engine.recurrent.gradient_through_time) — each step back multiplies by
diag(1 − h_s²) W_hh, so unless W_hh is large the product shrinks with
every step: the vanishing gradient.  `scale` multiplies W_hh to show both
fading (small) and growing (large) gradients.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.training import GateValues, numbered
from tutor.locale import N_, t

SEQUENCES = ("sine", "ones", "pulse", "random")


@dataclass(frozen=True)
class SetupValues(Payload):
    """The first event (arrays: the sequence "xs" and the weights "W_xh", "W_hh", "b_h")."""
    T: int                     # steps
    hidden: int                # hidden units


@dataclass(frozen=True)
class ForwardDoneValues(Payload):
    """The forward pass is done (arrays: the engine's, h_T among them)."""
    T: int


@dataclass(frozen=True)
class BackValues(Payload):
    """|∂h_T/∂h_t| for one more t, going back (arrays: "norms" so far, nan before t; "hs")."""
    t: int
    norm: float


@dataclass(frozen=True)
class BackStepValues(BackValues):
    """A step back: ∂h_T/∂h_t = ∂h_T/∂h_{t+1} · diag(1 − h_{t+1}²) W_hh (arrays: that "step_factor" too)."""
    factor_norm: float         # |diag(1 − h_{t+1}²) W_hh|


@dataclass(frozen=True)
class DoneValues(Payload):
    """The end (arrays: every "norms")."""
    ratio: float               # |∂h_T/∂h_1| / |∂h_T/∂h_T|


def make_sequence(kind: str, T: int, seed: int = 0) -> np.ndarray:
    """One input number per step, shape (T, 1)."""
    steps = np.arange(T)
    if kind == "sine":
        x = np.sin(2 * np.pi * (steps + 1) / 8)   # x_1 = sin(π/4): the first step already has input
    elif kind == "ones":
        x = np.ones(T)
    elif kind == "pulse":
        x = (steps == 0).astype(float)        # one blip at the start: does h_T remember it?
    else:
        x = np.random.default_rng(seed).normal(size=T)
    return x.reshape(T, 1)


def vec(a, digits: int = 3) -> str:
    a = np.ravel(a)
    return "[" + ", ".join(f"{v:.{digits}f}" for v in a) + "]"


class RnnLab(Lab):
    name = "rnn"
    title = N_("A recurrent network, step by step, and its fading gradient")
    # not marked for translation: its braces would read as placeholders (the CLI prints it as it is)
    summary = "h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h) over a sequence, then |∂h_T/∂h_t| for every t."
    params = (
        Param("T", 10, N_("sequence length"), int, low=2, high=40),
        Param("hidden", 2, N_("hidden units"), int, low=1, high=8),
        Param("scale", 1.0, N_("multiply W_hh by this (small: gradients fade; large: they can grow)"),
              low=0.0, high=10.0),
        Param("input", "sine", N_("the sequence x_t"), str, choices=SEQUENCES),
        Param("seed", 0, N_("seed of the weights"), int, low=0, high=10**6),
    )

    def layer(self):
        from engine.recurrent import RNN

        v = self.values
        layer = RNN(1, v["hidden"], seed=v["seed"])
        layer.params["W_hh"] *= v["scale"]
        return layer

    def sequence(self) -> np.ndarray:
        return make_sequence(self.values["input"], self.values["T"], self.values["seed"])

    def run(self) -> Iterator[Event]:
        return numbered(self._events())

    # --- drive the engine: forward step by step, then back through time -----------------
    def _drive(self) -> Iterator[tuple[Payload | Event, dict]]:
        """(what happened, its arrays), in order; the forward steps are the engine's own events
        (engine/recurrent_steps.py), with the path so far as arrays, and its "done"."""
        from engine.recurrent import gradient_through_time
        from engine.recurrent_steps import sequence_events

        layer, xs = self.layer(), self.sequence()
        T, p = len(xs), layer.params
        yield SetupValues(T, layer.hidden_size), {"xs": xs[:, 0], "W_xh": p["W_xh"], "W_hh": p["W_hh"], "b_h": p["b_h"]}
        hs = []
        for e in sequence_events(layer, xs):
            if e.kind != "done":
                hs.append(np.array(e.arrays["h_t"]))
            yield e, {**e.arrays, "hs": np.array(hs), "xs": xs[:, 0]}
        norms = gradient_through_time(layer, xs)
        shown = np.full(T, np.nan)
        shown[T - 1] = norms[T - 1]
        yield BackValues(T, float(norms[T - 1])), {"norms": shown, "hs": np.array(hs)}
        for s in range(T - 1, 0, -1):
            shown[s - 1] = norms[s - 1]
            factor = np.diag(1 - hs[s] ** 2) @ p["W_hh"]       # hs[s] is h_{s+1} (hs[0] is h_1)
            yield (BackStepValues(s, float(norms[s - 1]), float(np.linalg.norm(factor))),
                   {"norms": shown, "hs": np.array(hs), "step_factor": factor})
        yield DoneValues(float(norms[0] / norms[T - 1])), {"norms": norms, "hs": np.array(hs)}

    # --- narrate: a caption and a formula for each step -----------------------------------
    def _events(self) -> Iterator[Event]:
        say = {SetupValues: self._say_setup, Event: self._say_forward, BackValues: self._say_back,
               BackStepValues: self._say_back_step, DoneValues: self._say_done}
        for what, arrays in self._drive():
            yield say[type(what)](what, arrays)

    @staticmethod
    def _say_setup(v: SetupValues, arrays) -> Event:
        return Event("info", t("An Elman RNN: 1 input, {hidden} hidden units, T = {T} steps, h_0 = 0",
                               hidden=v.hidden, T=v.T),
                     r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b_h)", arrays=arrays, values=v.values())

    @staticmethod
    def _say_forward(e: Event, arrays) -> Event:
        """The engine's step with the path so far (its message kept: the caption is translated);
        its "done" is not the run's."""
        if e.kind == "done":
            T = len(arrays["xs"])
            return Event("info", t("Forward pass done: h_{T} is what the network carries forward", T=T), e.formula,
                         arrays=e.arrays, values=ForwardDoneValues(T).values())
        return dataclasses.replace(e, arrays=arrays, step=0)

    def _say_back(self, v: BackValues, arrays) -> Event:
        T = v.t
        return Event("backward", t("Backward from h_{T}: |∂h_{T}/∂h_{T}| = |I| = √{hidden}", T=T,
                                   hidden=self.values["hidden"]),
                     rf"\left|\frac{{\partial h_{{{T}}}}}{{\partial h_{{{T}}}}}\right| = |I| = {fmt(v.norm, 4)}",
                     arrays=arrays, values=v.values())

    def _say_back_step(self, v: BackStepValues, arrays) -> Event:
        s, T = v.t, self.values["T"]
        return Event("backward", t("t = {t}: |∂h_{T}/∂h_{t}| = {norm:.3g}", t=s, T=T, norm=v.norm),
                     rf"\frac{{\partial h_{{{T}}}}}{{\partial h_{{{s}}}}} = \frac{{\partial h_{{{T}}}}}"
                     rf"{{\partial h_{{{s + 1}}}}} \cdot \mathrm{{diag}}(1 - h_{{{s + 1}}}^2)\, W_{{hh}}, \quad "
                     rf"\left|\frac{{\partial h_{{{T}}}}}{{\partial h_{{{s}}}}}\right| = {v.norm:.3g}",
                     arrays=arrays, values=v.values())

    def _say_done(self, v: DoneValues, arrays) -> Event:
        T = self.values["T"]
        return Event("done", t("Done: |∂h_{T}/∂h_1| is {ratio:.3g} times |∂h_{T}/∂h_{T}|", T=T, ratio=v.ratio),
                     rf"\frac{{|\partial h_{{{T}}}/\partial h_1|}}{{|\partial h_{{{T}}}/\partial h_{{{T}}}|}} = {v.ratio:.3g}",
                     arrays=arrays, values=v.values())

    def plain(self, out: TextIO) -> None:
        v = self.values
        print(t("Elman RNN: T = {T}, hidden = {hidden}, input = {input}, W_hh scaled by {scale:g}, seed = {seed}",
                T=v["T"], hidden=v["hidden"], input=v["input"], scale=v["scale"], seed=v["seed"]), file=out)
        print("h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h), h_0 = 0", file=out)
        for e in self.run():
            a, back, done = e.arrays, BackValues.of(e), DoneValues.of(e)
            if SetupValues.of(e) is not None:
                print(f"W_xh = {vec(a['W_xh'])}", file=out)
                print("W_hh = " + "; ".join(vec(row) for row in a["W_hh"]), file=out)
                print(f"x = {vec(a['xs'])}", file=out)
            elif e.kind == "gate":           # the engine's step
                print(f"t = {GateValues.of(e).t}: x_t = {a['x_t'][0]:.3f}, h_t = {vec(a['h_t'])}", file=out)
            elif back is not None:
                bar = "#" * int(round(20 * min(1.0, back.norm / np.sqrt(v["hidden"]))))
                print(f"|dh_{v['T']}/dh_{back.t}| = {back.norm:.6g} {bar}", file=out)
            elif done is not None:
                print(t("ratio |dh_T/dh_1| / |dh_T/dh_T| = {ratio:.6g}", ratio=done.ratio), file=out)
