"""The playground's training: data sets, the network, and the trainer of one run.

`Trainer` holds the network, the data and the counters of one run.  The lab's
pulls step it (`move_on`); while the stepper runs, the view's Textual worker
trains it too (`driven`, `train_chunk`, `Pace`: tutor/labs/playground/view.py).
Steps and snapshots take its lock, so the two never tear a step.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

import numpy as np

from engine.events import fmt
from tutor.labs.kit.lab import LabError
from tutor.labs.playground.payload import Progress
from tutor.locale import t

DATASETS = ("xor", "circles", "moons", "spiral", "blobs")
ACTIVATIONS = ("tanh", "relu", "sigmoid", "leaky_relu", "elu", "gelu", "linear")
OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
MAX_LAYERS, MAX_NEURONS = 6, 8
BLOWUP = 10          # a training loss this many times the starting one counts as diverged


def parse_hidden(text) -> list[int]:
    """'4,4' -> [4, 4]; '' or '0' -> [] (no hidden layer: a straight-line boundary)."""
    raw = str(text).replace(" ", "").strip(",")
    if raw in ("", "0", "none"):
        return []
    try:
        sizes = [int(part) for part in raw.split(",")]
    except ValueError:
        raise LabError(t("lab playground: hidden={text}: give neurons per layer separated by commas, e.g. 4,4",
                         text=repr(text))) from None
    if len(sizes) > MAX_LAYERS or any(not 1 <= s <= MAX_NEURONS for s in sizes):
        raise LabError(t("lab playground: hidden={text}: at most {layers} layers of 1 to {neurons} neurons",
                         text=repr(text), layers=MAX_LAYERS, neurons=MAX_NEURONS))
    return sizes


def make_data(name: str, n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two classes in the plane, from engine.data (xor: the XOR gate's corners with noise)."""
    from engine import data

    if name == "xor":
        corners, labels = data.xor_gate()
        rng = np.random.default_rng(seed)
        pick = np.arange(n) % 4
        X = (2 * corners[pick] - 1) * 0.6 + rng.normal(0.0, 0.1 + noise, (n, 2))
        order = rng.permutation(n)
        return X[order], labels[pick][order]
    if name == "circles":
        return data.circles(n, noise=noise, seed=seed)
    if name == "moons":
        return data.moons(n, noise=noise, seed=seed)
    if name == "spiral":
        return data.spiral(n, classes=2, noise=noise, seed=seed)
    return data.blobs(n, centers=[[-1.0, -1.0], [1.0, 1.0]], std=0.25 + noise, seed=seed)


def build_network(sizes: list[int], activation: str, seed: int):
    from engine import layers as L
    from engine.network import Sequential

    kinds = {"tanh": L.Tanh, "relu": L.ReLU, "sigmoid": L.Sigmoid, "leaky_relu": L.LeakyReLU,
             "elu": L.ELU, "gelu": L.GELU}
    init = "he" if activation in ("relu", "leaky_relu", "elu", "gelu") else "xavier"
    stack, width = [], 2
    for k, size in enumerate(sizes):
        stack.append(L.Dense(width, size, init=init, rng=seed + k))
        if activation in kinds:
            stack.append(kinds[activation]())
        width = size
    stack.append(L.Dense(width, 1, init="xavier", rng=seed + len(sizes)))
    return Sequential(stack)


class Trainer:
    """The network, the data and the counters of one run; thread-safe steps and snapshots."""

    def __init__(self, values: dict) -> None:
        from engine.data import train_test_split
        from engine.losses import get_loss
        from engine.optimizers import get_optimizer

        v = values
        X, y = make_data(v["data"], v["n"], v["noise"], v["seed"])
        Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=v["test"], seed=v["seed"], stratify=True)
        mean, std = Xtr.mean(axis=0), Xtr.std(axis=0) + 1e-12
        self.Xtr, self.Xte = (Xtr - mean) / std, (Xte - mean) / std
        self.ytr, self.yte = ytr.astype(float)[:, None], yte.astype(float)[:, None]
        self.sizes = parse_hidden(v["hidden"])
        self.net = build_network(self.sizes, v["activation"], v["seed"])
        self.loss = get_loss("sigmoid_bce")
        self.optimizer = get_optimizer(v["optimizer"], lr=v["lr"], weight_decay=v["l2"])
        self.batch = min(int(v["batch"]), len(self.Xtr))
        self.max_epochs = int(v["epochs"])
        self.rng = np.random.default_rng(v["seed"])
        self.order = self.rng.permutation(len(self.Xtr))
        self.lock = threading.Lock()
        self.progress = threading.Condition(self.lock)   # a worker's steps wake the pull waiting for them
        self.drivers = 0               # background workers training this run now
        self.step = 0                  # mini-batch steps taken
        self.epoch = 0                 # epochs completed
        self.position = 0              # where in the shuffled order the next batch starts
        self.finished = False
        self.diverged_at: int | None = None
        self.why = ""
        self.why_tex = ""      # the divergence as a formula, when the loss is still a number
        self.diverged_epoch = 0
        self.last_batch_loss = float("nan")
        self.curve: list[tuple[int, float, float, float, float]] = []   # epoch, train/test loss and accuracy
        self.sent = 0                  # curve points already handed out in an event
        self.epoch_start = self.net.state()
        self.start_eval = self.evaluate()

    @property
    def batches_per_epoch(self) -> int:
        return -(-len(self.Xtr) // self.batch)

    def evaluate(self) -> tuple[float, float, float, float]:
        with np.errstate(over="ignore", invalid="ignore"):
            scores = []
            for X, y in ((self.Xtr, self.ytr), (self.Xte, self.yte)):
                z = self.net.predict(X)
                scores += [self.loss.value(z, y), float(np.mean((z > 0) == (y > 0.5)))]
        return scores[0], scores[2], scores[1], scores[3]    # train loss, test loss, train acc, test acc

    def train_batch(self, count: int = 1) -> None:
        """`count` mini-batch steps (call with the lock held)."""
        # a diverging run overflows on purpose: we detect it, so silence the warnings
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            for _ in range(count):
                if self.finished:
                    return
                self._step()

    def _step(self) -> None:
        idx = self.order[self.position:self.position + self.batch]
        Xb, yb = self.Xtr[idx], self.ytr[idx]
        if self.position == 0:
            self.epoch_start = self.net.state()     # the weights to go back to if this epoch blows up
        self.step += 1
        z = self.net.forward(Xb, training=True)
        value, delta = self.loss.value_and_grad(z, yb)
        if np.isfinite(value):
            self.net.backward(delta)
            self.optimizer.step(self.net)
        else:   # nan weights make the next loss nan, so this also catches a blown-up update
            self.net.set_state(self.epoch_start)     # keep the last good weights
            self.finished, self.diverged_at, self.diverged_epoch = True, self.step, self.epoch + 1
            self.why = t("the loss or a weight stopped being a finite number")
            return
        self.last_batch_loss = float(value)
        self.position += self.batch
        if self.position >= len(self.Xtr):
            self.position = 0
            self.epoch += 1
            self.order = self.rng.permutation(len(self.Xtr))
            scores = self.evaluate()
            if not all(np.isfinite(scores)):
                self.finished, self.diverged_at, self.diverged_epoch = True, self.step, self.epoch
                self.why = t("the loss stopped being a finite number")
                return
            if scores[0] > BLOWUP * max(self.start_eval[0], 0.5):
                # finite but far worse than the untrained network: the steps overshoot
                self.finished, self.diverged_at, self.diverged_epoch = True, self.step, self.epoch
                self.why = t("the training loss grew to {grew:.3g}, more than {times} times its starting value "
                             "{start:.3g}", grew=scores[0], times=BLOWUP, start=self.start_eval[0])
                self.why_tex = rf"E = {fmt(scores[0])} > {BLOWUP} \cdot {fmt(max(self.start_eval[0], 0.5))}"
                return
            self.curve.append((self.epoch, *scores))
            if self.epoch >= self.max_epochs:
                self.finished = True

    def snapshot(self) -> tuple[dict[str, np.ndarray], Progress]:
        """The weights (copies: a worker may be training), the epochs finished since the last
        snapshot (`curve`) and where the run stands."""
        with self.lock:
            arrays = {f"w{i}.{k}": p.copy() for i, k, p in self.net.parameters()}
            if not all(np.all(np.isfinite(p)) for p in arrays.values()):   # blew up since the last batch
                arrays = {f"w{key}": p.copy() for key, p in self.epoch_start.items()}
            arrays.update(self._unsent())
            train_loss, test_loss, train_acc, test_acc = self.curve[-1][1:] if self.curve else self.start_eval
            return arrays, Progress(self.step, self.epoch, self.position // self.batch, self.last_batch_loss,
                                    train_loss, test_loss, train_acc, test_acc)

    def unsent_curve(self) -> dict[str, np.ndarray]:
        """The epochs finished since the last snapshot, as `{"curve": …}` (none: `{}`): a run the
        worker trained until it diverged still shows the losses of its last good epochs."""
        with self.lock:
            return self._unsent()

    def _unsent(self) -> dict[str, np.ndarray]:
        fresh, self.sent = self.curve[self.sent:], len(self.curve)
        return {"curve": np.array(fresh, dtype=float)} if fresh else {}

    # --- a pull and a background worker share the run ------------------------------------
    def move_on(self, patience: float = 0.25) -> None:
        """One move for the stepper's pull: what a background worker trained meanwhile (waiting
        up to `patience` s for its next steps while one trains this run), else one step of ours."""
        with self.progress:
            step = self.step
            self.progress.wait_for(lambda: self.step > step or self.finished or not self.drivers, patience)
            if self.step == step:
                self.train_batch()

    def train_chunk(self, steps: int = 8) -> None:
        """A background worker's few steps: cheap under one lock, and the UI thread still gets the GIL."""
        with self.progress:
            self.train_batch(steps)
            self.progress.notify_all()

    @contextmanager
    def driven(self) -> Iterator[None]:
        """While a background worker trains this run: the pulls wait for its steps, not take their own."""
        with self.progress:
            self.drivers += 1
        try:
            yield
        finally:
            with self.progress:
                self.drivers -= 1
                self.progress.notify_all()


class Pace:
    """At most `per_second` epochs a second (0: as fast as the machine can) since it was made."""

    def __init__(self, trainer: Trainer, per_second: float) -> None:
        self.trainer, self.per_second = trainer, per_second
        self.start, self.epoch0 = time.perf_counter(), trainer.epoch

    def delay(self) -> float:
        """Seconds to wait before the next steps (at most 0.1: a pause or a cancel is heard soon)."""
        if self.per_second <= 0:
            return 0.0
        ahead = (self.trainer.epoch - self.epoch0) / self.per_second - (time.perf_counter() - self.start)
        return min(max(ahead, 0.0), 0.1)
