"""Lab `sgd`: full batch, mini-batch and stochastic gradient descent on the same data.

The data: 64 seeded points of y = 3x₁ − 2x₂ + 1 + noise; the model a single
Dense layer ŷ = w·x + b (starting at 0); the loss E = ½·mean (ŷ − y)².  The
three runs differ only in how many examples B each step averages:
    θ ← θ − η · (1/B) Σ_{i in the batch} ∇E_i,     B = n, B = batch, B = 1
One epoch visits every example once, so per epoch the full batch takes 1
step, the mini-batch n/B steps and the stochastic run n steps.  The
training run is engine.training.iter_fit with its stopping rules (maximum
epochs, loss change, gradient norm, parameter change); the loss of each
step's batch is recorded to show the noise.
"""
from __future__ import annotations

from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from engine.losses import MSE
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.text import pad
from tutor.locale import N_, t

TRUE_W, TRUE_B = (3.0, -2.0), 1.0
BLOW_UP = 1e6          # a loss this many times its start counts as diverged


class RecordingMSE(MSE):
    """The MSE loss that remembers the value of every training step's batch."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[float] = []

    def value_and_grad(self, y, t):
        value, grad = super().value_and_grad(y, t)
        self.seen.append(value)
        return value, grad


def dataset(n: int, noise: float, seed: int):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    y = X @ np.array(TRUE_W) + TRUE_B + rng.normal(0.0, noise, n)
    return X, y


class SgdLab(Lab):
    name = "sgd"
    title = N_("Full batch, mini-batch and stochastic gradient descent")
    summary = N_("The same line fit by full-batch, mini-batch and stochastic steps: loss per epoch and per example seen.")
    params = (
        Param("batch", 8, N_("examples per step of the mini-batch run"), int, low=2, high=10_000),
        Param("lr", 0.1, N_("learning rate η (the same for all three)"), low=1e-9, high=1e6),
        Param("epochs", 50, N_("most epochs (a stopping rule)"), int, low=1, high=5000),
        Param("tol_loss", 1e-4, N_("stop when |E(t) − E(t−1)| < tol_loss (0 = off)"), low=0.0, high=1e6),
        Param("tol_grad", 0.0, N_("stop when the gradient norm < tol_grad (0 = off)"), low=0.0, high=1e6),
        Param("tol_param", 0.0, N_("stop when the weights moved less than tol_param in an epoch (0 = off)"),
              low=0.0, high=1e6),
        Param("n", 64, N_("training examples"), int, low=4, high=5000),
        Param("noise", 0.5, N_("standard deviation of the noise in y"), low=0.0, high=100.0),
        Param("seed", 0, N_("seed of the data and the shuffling"), int, low=0, high=10**6),
    )

    def methods(self) -> list[tuple[str, int]]:
        n = self.values["n"]
        B = min(self.values["batch"], n)
        return [(t("full batch"), n), (t("mini-batch {size}", size=B), B), (t("stochastic"), 1)]

    def run(self) -> Iterator[Event]:
        return self._events()

    def _events(self) -> Iterator[Event]:
        from engine.layers import Dense
        from engine.network import Sequential
        from engine.optimizers import SGD
        from engine.training import iter_fit
        from tutor.labs.kit.engine_zh import engine_text

        v = self.values
        X, y = dataset(v["n"], v["noise"], v["seed"])
        methods = self.methods()
        off = lambda tol: tol if tol > 0 else None
        losses, runs = [], []
        for _, B in methods:
            loss = RecordingMSE()
            net = Sequential([Dense(2, 1, W=[[0.0, 0.0]], b=[0.0])])
            runs.append(iter_fit(net, X, y, loss, SGD(v["lr"]), epochs=v["epochs"], batch_size=B, seed=v["seed"],
                                 tol_loss=off(v["tol_loss"]), tol_grad=off(v["tol_grad"]),
                                 tol_param=off(v["tol_param"]), eval_train=True))
            losses.append(loss)
        E0 = float(0.5 * np.mean(y ** 2))
        k = len(methods)
        state = {f"E_{i}": E0 for i in range(k)}
        state.update({f"seen_{i}": 0 for i in range(k)})
        state.update({f"steps_{i}": 0 for i in range(k)})
        state.update({f"stopped_{i}": "" for i in range(k)})
        state.update({f"name_{i}": name for i, (name, _) in enumerate(methods)})
        state["k"] = k
        rules = [t("at most {epochs} epochs", epochs=v["epochs"])] + [
            f"{name} < {v[key]:g}" for key, name in (("tol_loss", "|ΔE|"), ("tol_grad", "‖∇E‖"),
                                                    ("tol_param", "‖Δθ‖")) if v[key] > 0]
        yield Event("info", t("Fit ŷ = w·x + b to {n} points, η = {lr:g}; stop at: {rules}", n=v["n"], lr=v["lr"],
                              rules=t(", ").join(rules)),
                    r"\theta \leftarrow \theta - \eta\, \frac{1}{B}\sum_{i \in \text{batch}} \nabla E_i,\quad "
                    + ",\\ ".join(rf"B = {B}" for _, B in methods),
                    values={**state, "epoch": 0}, step=0)
        alive = [True] * k
        epoch, step = 0, 1
        diverged_steps: list = []
        while any(alive):
            epoch += 1
            arrays, news, finished = {}, [], []
            for i, run in enumerate(runs):
                if not alive[i]:
                    continue
                before = len(losses[i].seen)
                history = next(run, None)
                batch_losses = np.array(losses[i].seen[before:], dtype=float)
                if history is None or history.diverged:
                    alive[i] = False
                    at = (history.diverged_at or {}).get("step", "?") if history is not None else "?"
                    if isinstance(at, int):      # the steps of the epoch it blew up in count as taken
                        state[f"seen_{i}"] += min(len(X), (at - state[f"steps_{i}"]) * methods[i][1])
                        state[f"steps_{i}"] = at
                    state[f"stopped_{i}"] = t("diverged at step {step}", step=at)
                    diverged_steps.append(at)
                    state[f"E_{i}"] = None
                    news.append(t("{method} diverged at step {step}", method=methods[i][0], step=at))
                    finished.append(i)
                    continue
                keep = np.isfinite(batch_losses) & (batch_losses < BLOW_UP * E0)
                seen0 = state[f"seen_{i}"]
                arrays[f"batch_seen_{i}"] = (seen0 + methods[i][1] * np.arange(1, len(batch_losses) + 1))[keep]
                arrays[f"batch_E_{i}"] = batch_losses[keep]
                state[f"E_{i}"] = history.train_loss[-1]
                state[f"seen_{i}"] = seen0 + len(X)
                state[f"steps_{i}"] = history.steps
                state[f"grad_{i}"] = history.grad_norm[-1]
                if history.train_loss[-1] > BLOW_UP * E0:      # iter_fit waits for inf; we stop earlier
                    alive[i] = False
                    state[f"stopped_{i}"] = t("diverged at step {step} (E > {times:g} × its start)",
                                              step=history.steps, times=BLOW_UP)
                    state[f"E_{i}"] = None
                    diverged_steps.append(history.steps)
                    news.append(t("{method} diverged at step {step}", method=methods[i][0], step=history.steps))
                elif history.stop_reason:
                    alive[i] = False
                    state[f"stopped_{i}"] = engine_text(history.message, self.lang)    # the engine's words
                    news.append(f"{methods[i][0]} {state[f'stopped_{i}']}")
            values = {**state, "epoch": epoch}
            if not any(alive) and all(state[f"E_{i}"] is None for i in range(k)):
                steps = [s for s in diverged_steps if isinstance(s, int)]
                yield Event("diverged", t("Every run diverged: {news}", news=t("; ").join(news)),
                            "", arrays=arrays,
                            values={**values, "step": min(steps) if steps else None}, step=step)
                return
            label = t("Epoch {epoch}: E = {losses}", epoch=epoch, losses=" | ".join(
                f"{state[f'E_{i}']:.4f}" if state[f"E_{i}"] is not None else "—" for i in range(k)))
            if news:
                label = t("; ").join(news) + " — " + label
            formula = ",\\ ".join(
                rf"E_{{B={methods[i][1]}}} = {fmt(state[f'E_{i}'])}"
                for i in range(k) if state[f"E_{i}"] is not None)
            yield Event("info", label, formula, arrays=arrays, values=values, step=step)
            step += 1
        yield Event("done", t("All three stopped: {summary}", summary=t("; ").join(
            t("{method} after {steps} steps, E = {E:.5f}", method=methods[i][0], steps=state[f"steps_{i}"],
              E=state[f"E_{i}"])
            if state[f"E_{i}"] is not None else f"{methods[i][0]} {state[f'stopped_{i}']}" for i in range(k))),
            r"E_{\min} = " + fmt(self.best(X, y)), values={**state, "epoch": epoch}, step=step)

    @staticmethod
    def best(X, y) -> float:
        A = np.column_stack([X, np.ones(len(X))])
        theta, *_ = np.linalg.lstsq(A, y, rcond=None)
        return float(0.5 * np.mean((A @ theta - y) ** 2))

    def plain(self, out: TextIO) -> None:
        v = self.values
        X, y = dataset(v["n"], v["noise"], v["seed"])
        methods = self.methods()
        print(t("Fit y = w.x + b to {n} points of y = 3 x1 - 2 x2 + 1 + noise ({noise:g}), eta = {lr:g}, "
                "E = 1/(2n) sum (yhat - y)^2", n=v["n"], noise=v["noise"], lr=v["lr"]), file=out)
        print(t("least-squares minimum E = {E:.6f}", E=self.best(X, y)), file=out)
        print(t("epoch  {columns}", columns="".join(pad(name, 22) for name, _ in methods)), file=out)
        last = None
        lastbatch = {i: [] for i in range(len(methods))}
        for e in self.run():
            val = e.values
            for i in range(len(methods)):
                if f"batch_E_{i}" in e.arrays and len(e.arrays[f"batch_E_{i}"]):
                    lastbatch[i] = list(e.arrays[f"batch_E_{i}"])
            if e.kind == "info" and val.get("epoch", 0) > 0:
                cells = [f"{val[f'E_{i}']:<22.6f}" if val[f"E_{i}"] is not None else f"{'—':<22}"
                         for i in range(val["k"])]
                print(f"{val['epoch']:>5}  " + "".join(cells), file=out)
                for i in range(val["k"]):
                    if val[f"stopped_{i}"] and val[f"stopped_{i}"] != (last.values[f"stopped_{i}"] if last else ""):
                        print("       " + t("{label}: {message}", label=methods[i][0], message=val[f"stopped_{i}"]),
                              file=out)
            last = e
        for i, (name, B) in enumerate(methods):
            val = last.values
            batches = [x for x in lastbatch[i] if np.isfinite(x)]
            noise = (t(", batch losses of its last epoch {low:.4g} .. {high:.4g}", low=min(batches), high=max(batches))
                     if batches else "")
            end = f"E = {val[f'E_{i}']:.6f}" if val[f"E_{i}"] is not None else val[f"stopped_{i}"]
            print(t("{method}: B = {B}, {steps} steps, {seen} examples seen, {end}{noise}", method=name, B=B,
                    steps=val[f"steps_{i}"], seen=val[f"seen_{i}"], end=end, noise=noise), file=out)
