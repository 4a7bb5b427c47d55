"""Lab `losses`: MSE against cross-entropy, and the softmax + cross-entropy gradient ŷ − t.

Part 1 looks at one example whose true class gets probability p from a
sigmoid, p = σ(z).  The two losses, in the engine's convention
(engine/losses.py: MSE carries the ½):

    E_MSE = ½ (1 − p)²          ∂E_MSE/∂z = (p − 1) · p (1 − p)
    E_CE  = −ln p               ∂E_CE/∂z  = p − 1

At p = 0.8: E_MSE = 0.02, E_CE = 0.2231; at p = 0.1: E_MSE = 0.405,
E_CE = 2.3026.  (A widely copied table prints MSE = 0.013 and 0.42: no
single convention gives those; without the ½ they are 0.04 and 0.81.)
The gradient with respect to the logit is what training feels: when the
network is confidently wrong (p = 0.1) the MSE gradient is small
(−0.081, the p(1 − p) factor shrinks it) while cross-entropy's is −0.9.

Part 2 puts a softmax on a logit vector z: ŷ = softmax(z), E = −ln ŷ_target,
and the gradient ∂E/∂z = ŷ − t (checked against finite differences).
In the app a student edits the logits with keys and watches the bars move.
"""
from __future__ import annotations

import math
from typing import Any, Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import MAX_ITEMS, Lab, LabError, Param
from tutor.labs.kit.text import pad
from tutor.labs.losses.payload import (
    BinaryLosses,
    IntroValues,
    SoftmaxCE,
    SoftmaxGradValues,
    SoftmaxValues,
)
from tutor.locale import N_, t, translated

CONVENTION = N_("Convention (as in the engine): E_MSE = ½ (y − t)² for one output, "
                "summed over outputs and averaged over the batch; CE = −ln p.")


def parse_numbers(name: str, text: str, low: float | None = None, high: float | None = None) -> list[float]:
    """'2, 1, 0.1' -> [2.0, 1.0, 0.1]; a clear LabError for anything else."""
    parts = [p for p in str(text).replace(";", ",").replace(" ", ",").split(",") if p]
    if not parts:
        raise LabError(t("lab losses: {name}={text}: give numbers separated by commas, e.g. 2,1,0.1",
                         name=name, text=repr(text)))
    out = []
    for part in parts:
        try:
            value = float(part)
        except ValueError:
            raise LabError(t("lab losses: {name}={text}: {part} is not a number", name=name, text=repr(text),
                             part=repr(part))) from None
        if not math.isfinite(value):
            raise LabError(t("lab losses: {name}={text}: {part} is not a finite number", name=name, text=repr(text),
                             part=repr(part)))
        if (low is not None and value <= low) or (high is not None and value >= high):
            raise LabError(t("lab losses: {name}={text}: each value must lie strictly between {low:g} and {high:g}",
                             name=name, text=repr(text), low=low, high=high))
        out.append(value)
    return out


# --- part 1: one probability p of the true class, p = σ(z) ------------------
def binary_losses(p: float) -> BinaryLosses:
    """MSE (½ convention) and CE for target 1, and their gradients with respect to the logit z."""
    from engine.losses import MSE, BinaryCrossEntropy

    y, t = np.array([[p]]), np.array([[1.0]])
    mse, ce = MSE().value(y, t), BinaryCrossEntropy().value(y, t)
    # chain rule through the sigmoid: ∂E/∂z = ∂E/∂p · σ'(z), and σ'(z) = p (1 − p)
    sigma_prime = p * (1.0 - p)
    dmse_dz = float(MSE().grad(y, t)[0, 0]) * sigma_prime
    dce_dz = float(BinaryCrossEntropy().grad(y, t)[0, 0]) * sigma_prime
    return BinaryLosses(p=p, z=math.log(p / (1.0 - p)), mse=mse, sq=2.0 * mse, ce=ce,
                        sigma_prime=sigma_prime, dmse_dz=dmse_dz, dce_dz=dce_dz)


# --- part 2: softmax + cross-entropy on a logit vector -----------------------
def softmax_ce(logits, target: int) -> SoftmaxCE:
    """ŷ = softmax(z), E = −ln ŷ_target, ∂E/∂z = ŷ − t (the engine's fused loss)."""
    from engine.losses import SoftmaxCrossEntropy, one_hot

    z = np.asarray(logits, dtype=float)[None, :]
    t = one_hot([target], z.shape[1])
    loss = SoftmaxCrossEntropy()
    E, grad = loss.value_and_grad(z, t)
    # −ln ŷ ≥ 0; a rounding −0.0 would print as "-0.0000"
    return SoftmaxCE(z=z[0], yhat=loss.output(z)[0], t=t[0], E=max(float(E), 0.0) + 0.0, grad=grad[0])


def numerical_logit_gradient(logits, target: int) -> np.ndarray:
    """∂E/∂z by central differences (engine.gradcheck), to check ŷ − t."""
    from engine.gradcheck import numerical_gradient
    from engine.losses import SoftmaxCrossEntropy

    z = np.asarray(logits, dtype=float)[None, :].copy()
    t = np.zeros_like(z)
    t[0, target] = 1.0
    return numerical_gradient(lambda: SoftmaxCrossEntropy().value(z, t), z)[0]


def vector_tex(values, digits: int = 4) -> str:
    return r"\begin{pmatrix}" + r" \\ ".join(fmt(v, digits) for v in values) + r"\end{pmatrix}"


class LossesLab(Lab):
    name = "losses"
    title = N_("Loss functions: MSE against cross-entropy")
    summary = "MSE and cross-entropy at p = 0.8 and 0.1 with their gradients; softmax + CE gradient ŷ − t as bars."
    params = (
        Param("p", "0.8,0.1", N_("probabilities of the true class to compare (each strictly between 0 and 1)"), str,
              items=MAX_ITEMS),
        Param("logits", "2,1,0.1", N_("the logit vector z fed to the softmax (2 to 8 numbers)"), str,
              items=MAX_ITEMS),
        Param("target", 0, N_("the true class (0-based index into the logits)"), int, low=0, high=7),
    )

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.ps = parse_numbers("p", self.values["p"], 0.0, 1.0)
        self.logits = parse_numbers("logits", self.values["logits"])
        if not 2 <= len(self.logits) <= 8:
            raise LabError(t("lab losses: logits={text}: give between 2 and 8 numbers", text=repr(self.values["logits"])))
        if any(abs(v) > 100 for v in self.logits):
            raise LabError(t("lab losses: logits={text}: keep each logit between -100 and 100",
                             text=repr(self.values["logits"])))
        if self.values["target"] >= len(self.logits):
            raise LabError(t("lab losses: target={target}: there are only {n} logits (classes 0..{last})",
                             target=self.values["target"], n=len(self.logits), last=len(self.logits) - 1))

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        step = 0
        yield Event("info", t("Two losses for the probability p of the true class"),
                    r"E_{\mathrm{MSE}} = \tfrac{1}{2}(1 - p)^2, \quad E_{\mathrm{CE}} = -\ln p, \quad p = \sigma(z)",
                    values=IntroValues(CONVENTION).values(), step=step)
        for p in self.ps:
            b = binary_losses(p)
            step += 1
            yield Event("loss", t("p = {p:g}: the two losses", p=p),
                        rf"E_{{\mathrm{{MSE}}}} = \tfrac{{1}}{{2}}(1 - {fmt(p, 4)})^2 = {fmt(b.mse, 4)}, \quad "
                        rf"E_{{\mathrm{{CE}}}} = -\ln {fmt(p, 4)} = {fmt(b.ce, 4)}",
                        values=b.values(), step=step)
            step += 1
            yield Event("backward", t("p = {p:g}: gradients with respect to the logit z", p=p),
                        rf"\frac{{\partial E_{{\mathrm{{MSE}}}}}}{{\partial z}} = (p - 1)\,p(1 - p) = "
                        rf"{fmt(b.dmse_dz, 4)}, \quad "
                        rf"\frac{{\partial E_{{\mathrm{{CE}}}}}}{{\partial z}} = p - 1 = {fmt(b.dce_dz, 4)}",
                        values=b.values(), step=step)
        k = self.values["target"]
        s = softmax_ce(self.logits, k)
        arrays = s.arrays()
        common = SoftmaxValues(k, s.E).values()
        step += 1
        yield Event("forward", t("Softmax of the logits"),
                    rf"\hat y = \mathrm{{softmax}}(z) = \frac{{e^{{z_k}}}}{{\sum_j e^{{z_j}}}} = "
                    rf"\mathrm{{softmax}}{vector_tex(s.z, 2)} = {vector_tex(s.yhat)}",
                    arrays, common, step)
        step += 1
        yield Event("loss", t("Cross-entropy of class {k}", k=k),
                    rf"E = -\sum_k t_k \ln \hat y_k = -\ln \hat y_{{{k}}} = -\ln {fmt(s.yhat[k])} = {fmt(s.E)}",
                    arrays, common, step)
        numerical = numerical_logit_gradient(self.logits, k)
        step += 1
        yield Event("backward", t("Gradient of softmax + cross-entropy: ŷ − t"),
                    rf"\frac{{\partial E}}{{\partial z}} = \hat y - t = {vector_tex(s.yhat)} - {vector_tex(s.t, 0)} "
                    rf"= {vector_tex(s.grad)}",
                    {**arrays, "numerical": numerical},
                    SoftmaxGradValues(k, s.E, float(np.max(np.abs(numerical - s.grad)))).values(), step)
        step += 1
        yield Event("done", t("Done: edit the logits with the keys and watch ŷ − t"), "", arrays, common, step)

    def plain(self, out: TextIO) -> None:
        from rich.cells import cell_len

        print(translated(self.title), file=out)
        print(translated(CONVENTION), file=out)
        print(t("One example with target 1; the network says p = σ(z) for the true class."), file=out)
        for p in self.ps:
            b = binary_losses(p)
            head = t("p = {p:g}:  ", p=p)
            print(head + t("MSE = ½(1 − p)² = {mse:.4f}  (without the ½: {sq:.4f})   CE = −ln p = {ce:.4f}",
                           mse=b.mse, sq=b.sq, ce=b.ce), file=out)
            # the gradients under the losses: indented by the head's width in terminal cells
            print(" " * cell_len(head) + f"∂MSE/∂z = (p − 1)·p(1 − p) = {b.dmse_dz:.4f}   "
                  f"∂CE/∂z = p − 1 = {b.dce_dz:.4f}", file=out)
        print(t("(A widely copied table gives MSE = 0.013 and 0.42 here: no single convention gives those.)"), file=out)
        k = self.values["target"]
        s = softmax_ce(self.logits, k)
        numerical = numerical_logit_gradient(self.logits, k)
        logits = ", ".join(f"{v:g}" for v in self.logits)
        print(t("Softmax + cross-entropy, logits z = ({logits}), target class {k}:", logits=logits, k=k), file=out)
        heads = (t("class"), "z", "ŷ = softmax(z)", "t", "∂E/∂z = ŷ − t", t("finite difference"))
        widths = [max(cell_len(h), 7) for h in heads]
        print("  " + "   ".join(pad(h, w, right=True) for w, h in zip(widths, heads)), file=out)
        for j in range(len(self.logits)):
            cells = (f"{j}", f"{s.z[j]:.4f}", f"{s.yhat[j]:.4f}", f"{s.t[j]:.0f}", f"{s.grad[j]:.4f}",
                     f"{numerical[j]:.4f}")
            print("  " + "   ".join(c.rjust(w) for w, c in zip(widths, cells)), file=out)
        print(f"  CE = −ln ŷ_{k} = {s.E:.4f}", file=out)
