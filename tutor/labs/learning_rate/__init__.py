"""Lab `learning-rate`: one problem, several learning rates side by side.

The problem: fit a line ŷ = w x + b to 20 seeded noisy points of y = 2x + 1
with full-batch gradient descent on E = ½·mean (ŷ − y)².  E is a quadratic
bowl in (w, b) whose steepest curvature is λ_max, the largest eigenvalue of
the Hessian H = [[mean x², mean x], [mean x, 1]].  A step multiplies the error
along that direction by (1 − η λ_max), so
    η λ_max < 1      creeps in without overshooting (too small when ≪ 1)
    1 < η λ_max < 2  overshoots and zigzags but still converges
    η λ_max > 2      every step overshoots further: divergence.
A run whose loss passes 10⁶ × its start (or inf/nan) is stopped and
labelled "diverged at step k"; its curve ends at step k − 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import MAX_ITEMS, Lab, LabError, Param
from tutor.labs.kit.payload import Payload
from tutor.labs.kit.text import pad
from tutor.locale import N_, t, translated

BLOW_UP = 1e6           # loss grown this many times over its start = diverged
AUTO = (0.1, 0.9, 1.9, 2.2)   # η λ_max of the automatic rates


def problem(seed: int, points: int = 20):
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 3.0, points)
    y = 2.0 * x + 1.0 + rng.normal(0.0, 0.3, points)
    return x, y


def curvature(x) -> float:
    """λ_max of the Hessian of E = ½ mean (w x + b − y)² in (w, b)."""
    H = np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return float(np.linalg.eigvalsh(H)[-1])


def behaviour(eta_lambda: float) -> str:
    if eta_lambda > 2:
        return "diverges"
    if eta_lambda > 1:
        return "zigzags"
    if eta_lambda < 0.3:
        return "too small"
    return "good"


# what behaviour() says, for the student (the English words stay the data in an event's values)
BEHAVIOURS = {"diverges": N_("diverges"), "zigzags": N_("zigzags"), "too small": N_("too small"), "good": N_("good")}


def behaviour_text(kind: str) -> str:
    """behaviour()'s word in the student's language."""
    return translated(BEHAVIOURS[kind]) if kind in BEHAVIOURS else kind


def round2(x: float) -> float:
    """Two significant digits, so the rates are numbers a student can retype."""
    return float(f"{x:.2g}")


@dataclass(frozen=True)
class RateRun:
    """One learning rate's run after a step."""
    lr: float                  # η
    kind: str                  # behaviour(η λ_max): how it should behave
    E: float | None            # the loss now; None once diverged
    diverged: int | None       # the step it diverged at, None while it runs


@dataclass(frozen=True)
class RatesValues(Payload):
    """What the learning-rate view reads from every event."""
    t: int                     # the step
    runs: tuple[RateRun, ...]  # one per learning rate


class LearningRateLab(Lab):
    name = "learning-rate"
    title = N_("Choosing the learning rate")
    summary = N_("The same line fit with several learning rates: too small, good, too large, divergent.")
    params = (
        Param("lrs", "auto", N_("learning rates, comma separated, or auto (0.1, 0.9, 1.9, 2.2 over λ_max)"), str,
              items=MAX_ITEMS),
        Param("steps", 50, N_("gradient-descent steps"), int, low=1, high=5000),
        Param("seed", 0, N_("seed of the noise in the data"), int, low=0, high=10**6),
    )

    def rates(self) -> list[float]:
        text = str(self.values["lrs"]).strip()
        lam = curvature(problem(self.values["seed"])[0])
        if text == "auto":
            return [round2(k / lam) for k in AUTO]
        try:
            rates = [float(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise LabError(t("lrs={text}: expected numbers separated by commas, e.g. lrs=0.01,0.1,0.5",
                             text=repr(text))) from None
        if not 1 <= len(rates) <= 6 or not all(math.isfinite(r) and r > 0 for r in rates):
            raise LabError(t("lrs={text}: give 1 to 6 positive learning rates", text=repr(text)))
        return rates

    def __init__(self, **values) -> None:
        super().__init__(**values)
        self.rates()                      # a bad list fails now, with a clear message

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        """The start, one `iteration` per step, then each rate's end (or: every rate diverged)."""
        x, y = problem(self.values["seed"])
        lam = curvature(x)
        rates = self.rates()
        descent = self._drive(x[:, None], y[:, None], rates, [behaviour(eta * lam) for eta in rates])
        now = next(descent)
        yield self._say_start(now, lam)
        for now in descent:
            if all(run.diverged is not None for run in now.runs):
                yield Event("diverged", t("Every learning rate diverged (last at step {step})", step=now.t),
                            r"\eta\lambda_{max} > 2", values=now.values(step=now.t), step=now.t)
                return
            yield self._say_step(now)
        yield self._say_done(now, self._best(x, y))

    # --- drive: gradient descent with each rate, side by side ----------------------------
    def _drive(self, X, T, rates, kinds) -> Iterator[RatesValues]:
        """Where each rate's run stands at the start and after each step (the engine's Dense, MSE
        and SGD); a run whose loss is not finite or passes BLOW_UP times its start stops there."""
        from engine.layers import Dense
        from engine.losses import get_loss
        from engine.optimizers import SGD

        loss = get_loss("mse")
        nets = [Dense(1, 1, W=[[0.0]], b=[0.0]) for _ in rates]
        opts = [SGD(eta) for eta in rates]
        E = [loss.value(net.forward(X), T) for net in nets]
        start = E[0]
        diverged_at: list[int | None] = [None] * len(rates)
        yield self._values(rates, E, kinds, diverged_at, 0)
        for step in range(1, self.values["steps"] + 1):
            with np.errstate(over="ignore", invalid="ignore"):
                for i, (net, opt) in enumerate(zip(nets, opts)):
                    if diverged_at[i] is not None:
                        continue
                    yhat = net.forward(X)
                    _, delta = loss.value_and_grad(yhat, T)
                    net.backward(delta)
                    opt.step([net])
                    E[i] = loss.value(net.forward(X), T)
                    if not math.isfinite(E[i]) or E[i] > BLOW_UP * start:
                        diverged_at[i] = step
            yield self._values(rates, E, kinds, diverged_at, step)

    # --- narrate ---------------------------------------------------------------------------
    @staticmethod
    def _say_start(now: RatesValues, lam: float) -> Event:
        """The bowl's steepest curvature λ_max, and the limit η < 2/λ_max."""
        table = r",\quad ".join(rf"\eta_{i + 1} = {run.lr:g}\ (\eta\lambda = {fmt(run.lr * lam, 2)})"
                                for i, run in enumerate(now.runs))
        return Event("info", t("Fit ŷ = w x + b, start w = b = 0, E = {E:.4f}; λ_max = {lam:.4f}, "
                               "so η must stay below 2/λ_max = {critical:.4f}", E=now.runs[0].E, lam=lam,
                               critical=2 / lam),
                     rf"\eta < \frac{{2}}{{\lambda_{{max}}}} = {fmt(2 / lam)},\quad {table}",
                     values=now.values(lam=lam, critical=2 / lam), step=0)

    @staticmethod
    def _say_step(now: RatesValues) -> Event:
        """θ ← θ − η∇E: each rate's loss after the step, after which rates diverged at it."""
        alive = [run.diverged is None for run in now.runs]
        shown = [fmt(run.E) if ok else r"\text{—}" for run, ok in zip(now.runs, alive)]
        label = t("Step {step}: E = {losses}", step=now.t, losses=" | ".join(
            f"{run.E:.4g}" if ok else "—" for run, ok in zip(now.runs, alive)))
        news = [run for run in now.runs if run.diverged == now.t]
        if news:
            label = t("; ").join(t("η = {lr:g} diverged at step {step}", lr=run.lr, step=now.t)
                                 for run in news) + " — " + label
        return Event("iteration", label,
                     r"\theta \leftarrow \theta - \eta \nabla E,\quad " +
                     ",\\ ".join(rf"E_{{{i + 1}}} = {s}" for i, s in enumerate(shown)),
                     values=now.values(), step=now.t)

    @staticmethod
    def _say_done(now: RatesValues, best: float) -> Event:
        """Each rate's end, beside the least-squares minimum."""
        done = [t("η = {lr:g}: {label}", lr=run.lr, label=t("diverged at step {step}", step=run.diverged)
                  if run.diverged is not None else f"E = {run.E:.5f}")
                for run in now.runs]
        return Event("done", t("After {steps} steps: {summary}", steps=now.t, summary=t("; ").join(done)),
                     r"E_{\min} = " + fmt(best) + r"\ \text{" + t("(least squares)") + "}",
                     values=now.values(), step=now.t + 1)

    @staticmethod
    def _best(x, y) -> float:
        from engine.descent import least_squares_line

        w, b = least_squares_line(x, y)
        return float(0.5 * np.mean((w * x + b - y) ** 2))

    @staticmethod
    def _values(rates, E, kinds, diverged_at, t) -> RatesValues:
        return RatesValues(t, tuple(RateRun(eta, kinds[i], E[i] if diverged_at[i] is None else None, diverged_at[i])
                                    for i, eta in enumerate(rates)))

    def plain(self, out: TextIO) -> None:
        v = self.values
        x, y = problem(v["seed"])
        lam = curvature(x)
        rates = self.rates()
        print(t("Fit y = w x + b to {points} noisy points of y = 2x + 1 (seed {seed}), full-batch gradient descent, "
                "{steps} steps, E = 1/(2n) Σ (ŷ − y)²", points=len(x), seed=v["seed"], steps=v["steps"]), file=out)
        print(t("lambda_max = {lam:.6f}   critical learning rate 2/lambda_max = {critical:.6f}", lam=lam,
                critical=2 / lam), file=out)
        print(t("least-squares minimum E = {E:.6f}", E=self._best(x, y)), file=out)
        last = None
        every = max(1, v["steps"] // 10)
        # the columns of the rows below: 4 + 2, then 14 per rate
        print((pad(t("step"), 4, right=True) + "  " + "".join(pad(f"eta={eta:g}", 14) for eta in rates)).rstrip(),
              file=out)
        for e in self.run():
            val = RatesValues.of(e)
            if e.kind == "iteration" and (val.t % every == 0 or val.t == 1):
                cells = [f"{run.E:<14.6g}" if run.E is not None else pad(t("diverged"), 14) for run in val.runs]
                print((f"{val.t:>4}  " + "".join(cells)).rstrip(), file=out)
            last = val
        for eta, run in zip(rates, last.runs):
            k = run.diverged
            end = (t("diverged at step {step}", step=k) if k is not None
                   else t("final E = {E:.6f}", E=run.E))
            print(t("eta = {lr:g}: eta*lambda_max = {product:.3f} ({kind}), {end}", lr=eta, product=eta * lam,
                    kind=behaviour_text(behaviour(eta * lam)), end=end), file=out)
