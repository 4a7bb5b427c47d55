"""Training: repeat forward, loss, backward, update — and know when to stop.

Batches
    full batch   every step sees all n examples        (batch_size=None or "full")
    mini-batch   steps of `batch_size` examples        (batch_size=32, ...)
    stochastic   one example per step                  (batch_size=1 or "stochastic")
Each epoch visits every training example once, in an order shuffled by a
seeded generator (the same seed gives the same run).

Stopping rules (checked after every epoch; each is off when None)
    max epochs            `epochs`
    gradient norm         ‖∇θ E‖ < tol_grad     (gradient of the epoch's last step)
    loss change           |E(t) − E(t−1)| < tol_loss   (epoch train losses)
    parameter change      ‖θ(t) − θ(t−1)‖ < tol_param  (over the epoch)
    early stopping        validation loss has not improved for `patience`
                          epochs; the best weights are put back
Divergence: the moment a loss is inf or nan the run stops, reports the step,
and the weights go back to where the epoch started — nan never reaches the
history or a plot.

History per epoch: train loss (mean over the epoch's steps, as the steps saw
it), train accuracy (likewise), validation loss and accuracy (after the epoch).
Accuracy is None for targets that are not classes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import numpy as np

from engine.events import N_, Event, Tracer, fmt
from engine.losses import Loss, get_loss, one_hot
from engine.network import Sequential
from engine.optimizers import SGD, Optimizer


@dataclass
class History:
    train_loss: list = field(default_factory=list)
    train_acc: list = field(default_factory=list)
    first_loss: float | None = None  # the first batch's loss, before any update (the blow-up yardstick)
    val_loss: list = field(default_factory=list)
    val_acc: list = field(default_factory=list)
    grad_norm: list = field(default_factory=list)
    epochs: int = 0
    steps: int = 0
    stop_reason: str = ""          # max_epochs grad_norm loss_change param_change early_stopping diverged
    stop_values: dict = field(default_factory=dict)   # the numbers behind it (the placeholders of narration())
    message: str = ""              # narrate(stop_reason, stop_values): the words, in English
    diverged_at: dict | None = None   # {"epoch", "batch", "step"} when the loss blew up
    best_epoch: int | None = None

    @property
    def diverged(self) -> bool:
        return self.stop_reason == "diverged"


# --- helpers -----------------------------------------------------------------
def prepare_targets(net: Sequential, X: np.ndarray, t) -> np.ndarray:
    """Targets as rows shaped like the network's output (labels become one-hot)."""
    t = np.asarray(t, dtype=float)
    k = net.predict(X[:1]).shape[-1]
    if t.ndim == 1:
        return one_hot(t, k) if k > 1 else t[:, None]
    return t


def is_classification(T: np.ndarray) -> bool:
    """One-hot rows, or a single column of 0/1."""
    if T.shape[1] == 1:
        return bool(np.all((T == 0) | (T == 1)))
    return bool(np.all((T == 0) | (T == 1)) and np.all(T.sum(axis=1) == 1))


def correct_count(loss: Loss, y: np.ndarray, T: np.ndarray) -> int:
    """How many rows the network gets right."""
    if T.shape[1] == 1:
        return int(np.sum((loss.output(y) > 0.5) == (T > 0.5)))
    return int(np.sum(np.argmax(y, axis=1) == np.argmax(T, axis=1)))


def evaluate(net: Sequential, X, t, loss="mse") -> tuple[float, float | None]:
    """(loss, accuracy) of the network on a data set; accuracy None for non-class targets."""
    loss = get_loss(loss)
    X = np.asarray(X, dtype=float)
    T = prepare_targets(net, X, t)
    y = net.predict(X)
    acc = correct_count(loss, y, T) / len(X) if is_classification(T) else None
    return loss.value(y, T), acc


def grad_norm(net: Sequential) -> float:
    return float(np.sqrt(sum(float(np.sum(layer.grads[k] ** 2)) for layer in net.layers for k in layer.params)))


def train_step(net: Sequential, X, T, loss: Loss, optimizer: Optimizer, trace: Tracer = None) -> float:
    """One step: forward, loss, backward, update.  Returns the loss before the update.

    With `trace` set, the same step runs through engine.stepping and every
    event goes to `trace`; with trace=None no event is built.
    """
    if trace is not None:
        from engine.stepping import train_step_events

        value = float("nan")
        for event in train_step_events(net, X, T, loss, optimizer):
            if event.kind == "loss":
                value = event.values["E"]
            trace(event)
        return value
    y = net.forward(X, training=True)
    value, delta = loss.value_and_grad(y, T)
    net.backward(delta)
    optimizer.step(net)
    return value


def _split(X, T, fraction, rng):
    n = len(X)
    n_val = int(round(n * fraction))
    if not 0 < n_val < n:
        raise ValueError(f"validation_split={fraction} leaves no data on one side of {n} examples")
    order = rng.permutation(n)
    val, train = order[:n_val], order[n_val:]
    return X[train], T[train], X[val], T[val]


def _check(X, t):
    X = np.asarray(X, dtype=float)
    if X.ndim < 2 or len(X) == 0:
        raise ValueError(f"X must hold one example per row, got shape {X.shape}")
    if len(np.asarray(t)) != len(X):
        raise ValueError(f"X has {len(X)} rows but there are {len(np.asarray(t))} targets")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains inf or nan")
    return X


# --- the loop: drive the engine ----------------------------------------------------
def iter_fit(net: Sequential, X, t, loss="mse", optimizer: Optimizer | None = None, *,
             epochs: int = 100, batch_size: int | None = None, shuffle: bool = True, seed: int = 0,
             validation=None, validation_split: float | None = None, patience: int | None = None,
             tol_grad: float | None = None, tol_loss: float | None = None, tol_param: float | None = None,
             eval_train: bool = False, trace: Tracer = None) -> Iterator[History]:
    """Train, yielding the History after every epoch (a lab redraws its plots
    from it).  The last History yielded carries `stop_reason`, `stop_values`
    and `message` (the words: narrate() below)."""
    loss = get_loss(loss)
    optimizer = optimizer if optimizer is not None else SGD(0.1)
    if int(epochs) < 1:
        raise ValueError(f"epochs must be at least 1, got {epochs}")
    rng = np.random.default_rng(seed)
    data = _prepare(net, X, t, rng, validation, validation_split, patience, batch_size)
    rules = _Rules(epochs, patience, tol_grad, tol_loss, tol_param)
    history, watch, step, n = History(), _Patience(), 0, len(data.X)

    for epoch in range(1, int(epochs) + 1):
        start = net.state()          # for divergence, parameter change
        order = rng.permutation(n) if shuffle and data.batch < n else np.arange(n)
        result = _train_epoch(net, data, loss, optimizer, order, step, history, eval_train, trace)
        step = result.step
        if result.blown is not None:
            net.set_state(start)
            history.diverged_at = {"epoch": epoch, "batch": result.blown, "step": step}
            _stopped(history, "diverged", dict(history.diverged_at))
            yield history
            return
        _record(history, epoch, result, validating=data.Xv is not None)
        stop = rules.check(net, history, epoch, start, watch)
        if stop is not None:
            _stopped(history, *stop)
            yield history
            return
        yield history


@dataclass(frozen=True)
class _Data:
    """The checked training set-up: data, validation data, examples per step."""
    X: np.ndarray
    T: np.ndarray
    Xv: np.ndarray | None
    Tv: np.ndarray | None
    batch: int
    classes: bool                    # targets are classes: count the right answers


def _prepare(net, X, t, rng, validation, validation_split, patience, batch_size) -> _Data:
    """Check iter_fit's data and options (clear messages), split off validation data."""
    X = _check(X, t)
    T = prepare_targets(net, X, t)
    if validation is not None:
        Xv = _check(validation[0], validation[1])
        Tv = prepare_targets(net, Xv, validation[1])
    elif validation_split:
        X, T, Xv, Tv = _split(X, T, validation_split, rng)
    else:
        Xv = Tv = None
    if patience is not None and int(patience) < 1:
        raise ValueError(f"patience must be at least 1 epoch, got {patience}")
    if patience is not None and Xv is None:
        raise ValueError("early stopping (patience) needs validation data or validation_split")
    named = {"full": None, "stochastic": 1}
    if isinstance(batch_size, str):
        if batch_size not in named:
            raise ValueError(f"batch_size must be a whole number, 'full' or 'stochastic', got {batch_size!r}")
        batch_size = named[batch_size]
    batch = len(X) if batch_size is None else int(batch_size)
    if not 1 <= batch:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    return _Data(X, T, Xv, Tv, batch, is_classification(T))


@dataclass(frozen=True)
class _Epoch:
    """What one epoch measured.  `blown`: the batch where the loss blew up, else None."""
    step: int
    blown: int | None = None
    train: tuple = (None, None)      # (loss, accuracy)
    val: tuple = (None, None)


def _train_epoch(net, data: _Data, loss, optimizer, order, step, history: History, eval_train, trace) -> _Epoch:
    """One pass over the data, then its measurements (also history.first_loss and grad_norm)."""
    n, batch = len(data.X), data.batch
    # a diverging run overflows on purpose: we detect it, so silence the warnings
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        total, correct, blown, step, first = _epoch(net, data.X, data.T, loss, optimizer, order, batch,
                                                    data.classes, step, trace)
        if history.first_loss is None:
            history.first_loss = first
        if blown is not None:
            return _Epoch(step, blown)
        history.grad_norm.append(grad_norm(net))
        if eval_train or trace is not None:
            tl, ta = evaluate(net, data.X, data.T, loss)
        else:
            tl, ta = total / n, (correct / n if data.classes else None)
        vl, va = evaluate(net, data.Xv, data.Tv, loss) if data.Xv is not None else (None, None)
        if not np.isfinite(tl) or (vl is not None and not np.isfinite(vl)) or _blew_up(history, tl):
            history.grad_norm.pop()
            return _Epoch(step, -(-n // batch))
    return _Epoch(step, None, (tl, ta), (vl, va))


def _record(history: History, epoch: int, result: _Epoch, validating: bool) -> None:
    history.epochs, history.steps = epoch, result.step
    history.train_loss.append(result.train[0])
    history.train_acc.append(result.train[1])
    if validating:
        history.val_loss.append(result.val[0])
        history.val_acc.append(result.val[1])


@dataclass
class _Patience:
    """Early stopping's memory: the best validation loss, its weights, epochs waited since."""
    best_loss: float = np.inf
    best_state: dict | None = None
    waited: int = 0


@dataclass(frozen=True)
class _Rules:
    """The stopping rules; check() runs them in order after each epoch."""
    epochs: int
    patience: int | None
    tol_grad: float | None
    tol_loss: float | None
    tol_param: float | None

    def check(self, net, history: History, epoch: int, start, watch: _Patience) -> tuple[str, dict] | None:
        """(reason, the numbers behind it) if the run ends now, else None.
        Early stopping puts the best weights back."""
        if self.patience is not None:
            vl = history.val_loss[-1]
            if vl < watch.best_loss:
                watch.best_loss, watch.best_state, watch.waited = vl, net.state(), 0
                history.best_epoch = epoch
            else:
                watch.waited += 1
                if watch.waited >= self.patience:
                    net.set_state(watch.best_state)
                    return "early_stopping", {"epoch": epoch, "patience": self.patience,
                                              "best_epoch": history.best_epoch}
        if self.tol_grad is not None and history.grad_norm[-1] < self.tol_grad:
            return "grad_norm", {"epoch": epoch, "norm": history.grad_norm[-1], "tol": self.tol_grad}
        if self.tol_loss is not None and epoch > 1:
            change = abs(history.train_loss[-1] - history.train_loss[-2])
            if change < self.tol_loss:
                return "loss_change", {"epoch": epoch, "change": change, "tol": self.tol_loss}
        if self.tol_param is not None:
            change = float(np.sqrt(sum(np.sum((p - start[f"{i}.{k}"]) ** 2) for i, k, p in net.parameters())))
            if change < self.tol_param:
                return "param_change", {"epoch": epoch, "change": change, "tol": self.tol_param}
        if epoch == int(self.epochs):
            return "max_epochs", {"epoch": epoch, "epochs": self.epochs}
        return None


def _epoch(net, X, T, loss, optimizer, order, batch, classes, step, trace):
    """One pass over the data.  Returns (summed loss, correct count, the batch
    number where the loss blew up or None, the step counter, the first batch's loss)."""
    n = len(X)
    total, correct, first = 0.0, 0, None
    for b, lo in enumerate(range(0, n, batch)):
        idx = order[lo:lo + batch]
        Xb, Tb = (X, T) if batch >= n else (X[idx], T[idx])
        step += 1
        if trace is not None:
            value = train_step(net, Xb, Tb, loss, optimizer, trace)
            if not np.isfinite(value):
                return total, correct, b + 1, step, first
        else:
            y = net.forward(Xb, training=True)
            value, delta = loss.value_and_grad(y, Tb)
            if not np.isfinite(value):      # stop before nan reaches the weights
                return total, correct, b + 1, step, first
            net.backward(delta)
            optimizer.step(net)
            if classes:
                correct += correct_count(loss, y, Tb)
        first = value if first is None else first
        total += value * len(idx)
    if not all(np.all(np.isfinite(p)) for _, _, p in net.parameters()):
        return total, correct, -(-n // batch), step, first
    return total, correct, None, step, first


# A loss a million times its first value (and above 10⁶) has diverged even if it
# has not overflowed yet: without this a run can "finish" with a loss of 1e280.
# "First" is the first batch's, before any update: a rate so large that the
# first epoch's mean is already 1e23 must not become the yardstick.
BLOWUP = 1e6


def _blew_up(history: History, loss_now: float) -> bool:
    first = history.first_loss if history.first_loss is not None else (history.train_loss or [None])[0]
    return first is not None and loss_now > BLOWUP * max(first, 1.0)


# --- narrate: the words for why a run stopped ----------------------------------------
# A stop is told in two messages filled from History.stop_values: when (STOPPED_AFTER,
# or DIVERGED_AT for a run that blew up) and why (STOP_TEXT, one per stop reason).
# They are message templates (N_): the app shows them in the student's language.
STOPPED_AFTER = N_("stopped after epoch {epoch}: ")
DIVERGED_AT = N_("diverged at step {step} (epoch {epoch}, batch {batch}): ")
STOP_TEXT = {
    "early_stopping": N_("validation loss has not improved for {patience} epochs; kept the weights of epoch {best_epoch}"),
    "grad_norm": N_("gradient norm {norm:.3g} < {tol:g}"),
    "loss_change": N_("loss change {change:.3g} < {tol:g}"),
    "param_change": N_("parameter change {change:.3g} < {tol:g}"),
    "max_epochs": N_("reached the maximum of {epochs} epochs"),
    "diverged": N_("the loss blew up (inf, nan, or a million-fold); "
                   "weights restored to the start of epoch {epoch} — try a smaller learning rate"),
}


def narration(reason: str) -> tuple[str, str]:
    """The two message templates (when, why) that tell a stop reason."""
    return (DIVERGED_AT if reason == "diverged" else STOPPED_AFTER), STOP_TEXT[reason]


def narrate(reason: str, values: dict) -> str:
    """The sentence for a stop reason and its numbers (what History.message holds)."""
    return "".join(template.format(**values) for template in narration(reason))


def _stopped(history: History, reason: str, values: dict) -> None:
    history.stop_reason, history.stop_values = reason, values
    history.message = narrate(reason, values)


def fit(net: Sequential, X, t, loss="mse", optimizer: Optimizer | None = None, **options) -> History:
    """Train to the end (see iter_fit for the options) and return the History."""
    history = History()
    for history in iter_fit(net, X, t, loss, optimizer, **options):
        pass
    return history


def fit_events(net: Sequential, X, t, loss="mse", optimizer: Optimizer | None = None, **options) -> Iterator[Event]:
    """The run as events: one `info` per epoch, then `done` or `diverged`."""
    step = 0
    for history in iter_fit(net, X, t, loss, optimizer, **options):
        values = {"epoch": history.epochs, "train_loss": history.train_loss[-1] if history.train_loss else None}
        if history.diverged:
            yield Event.said("diverged", N_("Diverged"), {}, "", {},
                             {**values, **history.diverged_at, "message": history.message}, step)
            return
        e = history.epochs
        values.update(train_acc=history.train_acc[-1],
                      val_loss=history.val_loss[-1] if history.val_loss else None,
                      val_acc=history.val_acc[-1] if history.val_acc else None,
                      grad_norm=history.grad_norm[-1])
        yield Event.said("info", N_("Epoch {epoch}"), {"epoch": e}, rf"E_{{\text{{train}}}} = {fmt(history.train_loss[-1])}",
                         {}, values, step)
        step += 1
        if history.stop_reason:
            yield Event.said("done", N_("Done"), {}, "", {}, {**values, "reason": history.stop_reason,
                                                              "message": history.message}, step)
