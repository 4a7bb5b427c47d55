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

from dataclasses import dataclass, field, replace
from typing import Iterator, TextIO

import numpy as np

from engine.events import Event, fmt
from engine.losses import MSE
from tutor.labs.kit.lab import Lab, Param
from tutor.labs.kit.payload import Payload
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


@dataclass(frozen=True, eq=False)
class Batches:
    """The loss of each batch of an epoch, against the examples seen after it (the noise).
    Read-only copies, like an Event's arrays."""
    seen: np.ndarray
    E: np.ndarray

    def __post_init__(self) -> None:
        for name in ("seen", "E"):
            a = np.array(getattr(self, name))
            a.setflags(write=False)
            object.__setattr__(self, name, a)


NO_BATCHES = Batches(np.zeros(0, dtype=int), np.zeros(0))


@dataclass(frozen=True)
class SgdRun:
    """Where one of the three runs stands after an epoch."""
    name: str                 # "full batch", "mini-batch 8", "stochastic" (in the student's language)
    E: float | None           # the epoch's training loss; None once the run diverged
    seen: int                 # examples seen so far
    steps: int                # update steps taken so far
    stopped: str = ""         # why it stopped, in the student's language ("" while it runs)
    batches: Batches = field(default=NO_BATCHES)   # this epoch's (none when it took no step, or blew up)


@dataclass(frozen=True)
class SgdValues(Payload):
    """What the sgd view reads from every event."""
    epoch: int
    runs: tuple[SgdRun, ...]


class _Track:
    """One iter_fit run driven an epoch at a time: its numbers and how it ended
    (`end`: None while it runs, else ("diverged" | "blew_up" | "stopped", step))."""

    def __init__(self, name: str, B: int, run, loss: RecordingMSE, E0: float) -> None:
        self.name, self.B, self.run, self.loss = name, B, run, loss
        self.E: float | None = E0
        self.seen = self.steps = 0
        self.history = None
        self.end: tuple[str, object] | None = None
        self.batches = NO_BATCHES

    @property
    def alive(self) -> bool:
        return self.end is None

    def advance(self, n: int, E0: float) -> None:
        """Run one more epoch; keep its batch losses (the finite ones) against examples seen."""
        before = len(self.loss.seen)
        history = self.history = next(self.run, None)
        batch_losses = np.array(self.loss.seen[before:], dtype=float)
        if history is None or history.diverged:
            at = (history.diverged_at or {}).get("step", "?") if history is not None else "?"
            if isinstance(at, int):      # the steps of the epoch it blew up in count as taken
                self.seen += min(n, (at - self.steps) * self.B)
                self.steps = at
            self.E, self.end = None, ("diverged", at)
            return
        keep = np.isfinite(batch_losses) & (batch_losses < BLOW_UP * E0)
        self.batches = Batches((self.seen + self.B * np.arange(1, len(batch_losses) + 1))[keep], batch_losses[keep])
        self.E, self.seen, self.steps = history.train_loss[-1], self.seen + n, history.steps
        if history.train_loss[-1] > BLOW_UP * E0:      # iter_fit waits for inf; we stop earlier
            self.E, self.end = None, ("blew_up", history.steps)
        elif history.stop_reason:
            self.end = ("stopped", history.steps)

    def snapshot(self) -> SgdRun:
        return SgdRun(self.name, self.E, self.seen, self.steps, _stopped(self), self.batches)


def _stopped(track: _Track) -> str:
    """Why a run stopped, in the student's language ("" while it runs)."""
    from tutor.labs.kit.captions import stop_text

    if track.end is None:
        return ""
    kind, step = track.end
    if kind == "diverged":
        return t("diverged at step {step}", step=step)
    if kind == "blew_up":
        return t("diverged at step {step} (E > {times:g} × its start)", step=step, times=BLOW_UP)
    return stop_text(track.history)    # the engine's words


def _news(track: _Track) -> str:
    """What the caption says about a run that ended this epoch."""
    kind, step = track.end
    if kind == "stopped":
        return f"{track.name} {_stopped(track)}"
    return t("{method} diverged at step {step}", method=track.name, step=step)


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

    # --- drive the engine: three iter_fit runs, one epoch of each at a time -----------
    def _drive(self, X, y, methods) -> Iterator[tuple[int, list[_Track], list[_Track]]]:
        """(epoch, every run's track, the runs that ended this epoch) per epoch."""
        from engine.layers import Dense
        from engine.network import Sequential
        from engine.optimizers import SGD
        from engine.training import iter_fit

        v = self.values
        off = lambda tol: tol if tol > 0 else None
        E0 = float(0.5 * np.mean(y ** 2))
        tracks = []
        for name, B in methods:
            loss = RecordingMSE()
            net = Sequential([Dense(2, 1, W=[[0.0, 0.0]], b=[0.0])])
            run = iter_fit(net, X, y, loss, SGD(v["lr"]), epochs=v["epochs"], batch_size=B, seed=v["seed"],
                           tol_loss=off(v["tol_loss"]), tol_grad=off(v["tol_grad"]),
                           tol_param=off(v["tol_param"]), eval_train=True)
            tracks.append(_Track(name, B, run, loss, E0))
        epoch = 0
        while any(track.alive for track in tracks):
            epoch += 1
            ended = []
            for track in tracks:
                track.batches = NO_BATCHES
                if track.alive:
                    track.advance(len(X), E0)
                    if not track.alive:
                        ended.append(track)
            yield epoch, tracks, ended

    # --- narrate: captions, formulas and the payloads the view reads ----------------------
    def _events(self) -> Iterator[Event]:
        v = self.values
        X, y = dataset(v["n"], v["noise"], v["seed"])
        methods = self.methods()
        rules = [t("at most {epochs} epochs", epochs=v["epochs"])] + [
            f"{name} < {v[key]:g}" for key, name in (("tol_loss", "|ΔE|"), ("tol_grad", "‖∇E‖"),
                                                    ("tol_param", "‖Δθ‖")) if v[key] > 0]
        drive = self._drive(X, y, methods)
        E0 = float(0.5 * np.mean(y ** 2))
        start = tuple(SgdRun(name, E0, 0, 0) for name, _ in methods)
        yield Event("info", t("Fit ŷ = w·x + b to {n} points, η = {lr:g}; stop at: {rules}", n=v["n"], lr=v["lr"],
                              rules=t(", ").join(rules)),
                    r"\theta \leftarrow \theta - \eta\, \frac{1}{B}\sum_{i \in \text{batch}} \nabla E_i,\quad "
                    + ",\\ ".join(rf"B = {B}" for _, B in methods),
                    values=SgdValues(0, start).values(), step=0)
        step, epoch, runs = 1, 0, start
        for epoch, tracks, ended in drive:
            runs = tuple(track.snapshot() for track in tracks)
            values = SgdValues(epoch, runs)
            news = [_news(track) for track in ended]
            if all(run.E is None for run in runs):
                steps = [track.end[1] for track in tracks if isinstance(track.end[1], int)]
                yield Event("diverged", t("Every run diverged: {news}", news=t("; ").join(news)),
                            "", values=values.values(step=min(steps) if steps else None), step=step)
                return
            label = t("Epoch {epoch}: E = {losses}", epoch=epoch, losses=" | ".join(
                f"{run.E:.4f}" if run.E is not None else "—" for run in runs))
            if news:
                label = t("; ").join(news) + " — " + label
            formula = ",\\ ".join(rf"E_{{B={B}}} = {fmt(run.E)}"
                                  for run, (_, B) in zip(runs, methods) if run.E is not None)
            yield Event("info", label, formula, values=values.values(), step=step)
            step += 1
        done = tuple(replace(run, batches=NO_BATCHES) for run in runs)     # no new batches: not drawn twice
        yield Event("done", t("All three stopped: {summary}", summary=t("; ").join(
            t("{method} after {steps} steps, E = {E:.5f}", method=run.name, steps=run.steps, E=run.E)
            if run.E is not None else f"{run.name} {run.stopped}" for run in runs)),
            r"E_{\min} = " + fmt(self.best(X, y)), values=SgdValues(epoch, done).values(), step=step)

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
            now = SgdValues.of(e)
            for i, run in enumerate(now.runs):
                if len(run.batches.E):
                    lastbatch[i] = list(run.batches.E)
            if e.kind == "info" and now.epoch > 0:
                cells = [f"{run.E:<22.6f}" if run.E is not None else f"{'—':<22}" for run in now.runs]
                print(f"{now.epoch:>5}  " + "".join(cells), file=out)
                for i, run in enumerate(now.runs):
                    if run.stopped and run.stopped != (last.runs[i].stopped if last else ""):
                        print("       " + t("{label}: {message}", label=methods[i][0], message=run.stopped),
                              file=out)
            last = now
        for i, (name, B) in enumerate(methods):
            run = last.runs[i]
            batches = [x for x in lastbatch[i] if np.isfinite(x)]
            noise = (t(", batch losses of its last epoch {low:.4g} .. {high:.4g}", low=min(batches), high=max(batches))
                     if batches else "")
            end = f"E = {run.E:.6f}" if run.E is not None else run.stopped
            print(t("{method}: B = {B}, {steps} steps, {seen} examples seen, {end}{noise}", method=name, B=B,
                    steps=run.steps, seen=run.seen, end=end, noise=noise), file=out)
