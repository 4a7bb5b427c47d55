"""04 · Loss functions: MSE and cross-entropy, and their gradients, against the predicted probability.

One example of class 1 whose network outputs a logit z, read as p = σ(z).
The losses are the engine's: MSE (with its ½: E = ½ (1 − p)²) on p, and the
fused sigmoid + cross-entropy (E = −ln p) on z.  The gradients with respect
to z are the engine's backward passes: MSE's through a Sigmoid layer, and the
fused loss's p − 1.  Each point is its own batch of one, so no 1/n enters.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from tutor.charts.style import REFERENCE, series
from tutor.locale import t

NUMBER, STEM, LAB = "04", "04_loss_functions", "losses"
COMMAND = "dltutor lab losses"
SIZE = (10.0, 5.0)
Z = np.linspace(-5.0, 5.0, 1001)     # p from 0.0067 to 0.9933
MARKS = (0.8, 0.1)                   # nearly right, and confidently wrong (the lab's p)


def title() -> str:
    return t("Loss functions: mean squared error against cross-entropy")


def at_logit(z: float) -> dict:
    """p, both losses and both gradients ∂E/∂z for one example of class 1 with logit z (engine calls)."""
    from engine.layers import Sigmoid
    from engine.losses import MSE, SigmoidBinaryCrossEntropy

    logit, target = np.array([[z]]), np.array([[1.0]])
    squash = Sigmoid()
    p = squash.forward(logit)
    mse = MSE()
    fused = SigmoidBinaryCrossEntropy()
    return {"p": float(p[0, 0]), "mse": mse.value(p, target), "ce": fused.value(logit, target),
            "dmse": float(squash.backward(mse.grad(p, target))[0, 0]),
            "dce": float(fused.grad(logit, target)[0, 0])}


def logit(p: float) -> float:
    """The z with σ(z) = p: only to place a marked point; its numbers come from the engine."""
    return float(np.log(p / (1.0 - p)))


@lru_cache(maxsize=1)
def compute() -> dict:
    rows = [at_logit(z) for z in Z]
    out = {key: np.array([r[key] for r in rows]) for key in ("p", "mse", "ce", "dmse", "dce")}
    out["marks"] = [at_logit(logit(p)) for p in MARKS]
    return out


def draw(fig, numbers: dict) -> None:
    left, right = fig.subplots(1, 2)
    p = numbers["p"]
    left.plot(p, numbers["mse"], gid="mse", label=t("MSE  E = ½(1 − p)²"), **series(0, markevery=0.1))
    left.plot(p, numbers["ce"], gid="ce", label=t("cross-entropy  E = −ln p"), **series(1, markevery=0.1))
    right.plot(p, numbers["dmse"], gid="dmse", label=t("MSE  ∂E/∂z = (p − 1)·p(1 − p)"), **series(0, markevery=0.1))
    right.plot(p, numbers["dce"], gid="dce", label=t("cross-entropy  ∂E/∂z = p − 1"), **series(1, markevery=0.1))
    for mark in numbers["marks"]:
        for ax, keys, fmt in ((left, ("mse", "ce"), "{:.3f}"), (right, ("dmse", "dce"), "{:.3f}")):
            ax.axvline(mark["p"], **REFERENCE)
            for k, key in enumerate(keys):
                value = mark[key]
                ax.plot([mark["p"]], [value], linestyle="none", marker=series(k)["marker"], markersize=8,
                        color=series(k)["color"], markerfacecolor=series(k)["color"])
                ax.annotate(fmt.format(value).replace("-", "−"), (mark["p"], value),
                            xytext=(8, 6 if k else -14), textcoords="offset points", fontsize=9.5,
                            bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
    left.set_ylim(-0.1, 4.0)
    left.set_title(t("The loss of one example of class 1"), fontsize=11)
    left.set_ylabel(t("loss E of the example"))
    right.set_title(t("What training feels: the gradient at the logit z"), fontsize=11)
    right.set_ylabel("∂E/∂z")
    right.axhline(0, color="black", linewidth=0.6)
    for ax in (left, right):
        ax.set_xlabel(t("p = σ(z), the probability the network gives the true class"))
        ax.set_xlim(0, 1)
        ax.legend(loc="upper right" if ax is left else "lower right", fontsize=9)
    wrong = numbers["marks"][1]
    right.annotate(t("confidently wrong (p = {p}):\nMSE barely pushes, cross-entropy pushes hard",
                     p=f"{wrong['p']:g}"), (wrong["p"], wrong["dmse"]), xytext=(0.14, -0.24),
                   fontsize=9, va="top", arrowprops=dict(arrowstyle="->", color="black"))


def caption(numbers: dict) -> list[str]:
    lines = [t("One example of class 1; the network gives it probability p = σ(z). MSE uses the engine's "
               "convention E = ½(1 − p)²; cross-entropy is E = −ln p.")]
    for mark in numbers["marks"]:
        lines.append(t("At p = {p}: MSE {mse}, cross-entropy {ce}; gradients with respect to z: MSE {dmse}, "
                       "cross-entropy {dce}.", p=f"{mark['p']:g}", mse=f"{mark['mse']:.4f}", ce=f"{mark['ce']:.4f}",
                       dmse=f"{mark['dmse']:.4f}", dce=f"{mark['dce']:.4f}"))
    lines.append(t("When the network is confidently wrong, the factor p(1 − p) of the sigmoid makes the MSE gradient "
                   "small, while the cross-entropy gradient stays p − 1: cross-entropy for classification."))
    lines.append(t("(A widely copied table gives MSE = 0.013 and 0.42 for these two cases; no single convention "
                   "gives those numbers.)"))
    return lines
