"""The playground's training: data sets, the network, and the trainer the lab steps
or a background thread runs (the stepper's `r`).

`Trainer` holds the network, the data and the counters of one run; its steps
and snapshots take a lock, so `Background` can train in a thread while the
app reads snapshots.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

import numpy as np

from engine.events import Event, fmt
from tutor.labs.kit.lab import LabError
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

    def event(self, kind: str = "update") -> Event:
        """A snapshot: weights, counters, and the epochs finished since the last snapshot.
        Its step is the training step (a running lab trains several between snapshots)."""
        with self.lock:
            fresh, self.sent = self.curve[self.sent:], len(self.curve)
            arrays = {f"w{i}.{k}": p for i, k, p in self.net.parameters()}
            if not all(np.all(np.isfinite(p)) for p in arrays.values()):   # blew up since the last batch
                arrays = {f"w{key}": p for key, p in self.epoch_start.items()}
            if fresh:
                arrays["curve"] = np.array(fresh, dtype=float)
            train_loss, test_loss, train_acc, test_acc = self.curve[-1][1:] if self.curve else self.start_eval
            values = {"step": self.step, "epoch": self.epoch, "batch": self.position // self.batch,
                      "batch_loss": self.last_batch_loss, "train_loss": train_loss, "test_loss": test_loss,
                      "train_acc": train_acc, "test_acc": test_acc}
        if values["batch"] == 0:
            label = t("Step {step}: epoch {epoch} done", step=values["step"], epoch=values["epoch"])
        else:
            label = t("Step {step} (epoch {epoch}, batch {batch} of {batches})", step=values["step"],
                      epoch=values["epoch"] + 1, batch=values["batch"], batches=self.batches_per_epoch)
        if np.isfinite(values["batch_loss"]):
            label += t(", batch loss {loss:.4f}", loss=values["batch_loss"])
        # the formula is translated whole: a Chinese word as a subscript would take two lines
        formula = t(r"E_{{\text{{train}}}} = {train},\quad E_{{\text{{test}}}} = {test},\quad "
                    r"\text{{test accuracy}} = {accuracy}",
                    train=fmt(train_loss), test=fmt(test_loss), accuracy=fmt(test_acc, 3))
        return Event(kind, label, formula, arrays, values, values["step"])


class Background:
    """Trains in a thread while `keep_going()` says so (the stepper is running)."""

    def __init__(self, trainer: Trainer, keep_going: Callable[[], bool], pace: float) -> None:
        self.trainer, self.keep_going, self.pace = trainer, keep_going, pace
        self.progress = threading.Condition()
        self.thread: threading.Thread | None = None
        self.closed = False

    def ensure(self) -> None:
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self._loop, name="playground-train", daemon=True)
            self.thread.start()

    def _loop(self) -> None:
        t = self.trainer
        start, epoch0 = time.perf_counter(), t.epoch
        while not self.closed and not t.finished and self.keep_going():
            with t.lock:
                t.train_batch(8)            # a few steps per lock: cheap, and the UI still gets the GIL
            with self.progress:
                self.progress.notify_all()
            if self.pace > 0:   # at most `pace` epochs per second
                ahead = (t.epoch - epoch0) / self.pace - (time.perf_counter() - start)
                if ahead > 0:
                    time.sleep(min(ahead, 0.1))
        with self.progress:
            self.progress.notify_all()

    def wait(self, step: int, timeout: float = 0.25) -> None:
        """Until the trainer has gone past `step` (or finished, or stopped)."""
        with self.progress:
            self.progress.wait_for(lambda: self.trainer.step > step or self.trainer.finished
                                   or self.thread is None or not self.thread.is_alive(), timeout)

    def stop(self) -> None:
        self.closed = True
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout=2)
