"""Pieces the Labs II runs share (conv, cnn, rnn, lstm, digits, iris, fit).

No Textual here: plain mode and `dltutor check` import this.

    numbered(events)          renumber a chained run 0, 1, 2, ...
    make_optimizer(name, lr)  the update rule a lab's `optimizer` parameter names (adam or sgd)
    digits_split(seed)        the 8x8 digits scaled to 0..1, split 75/25 (digits and cnn labs)
    EpochValues               one epoch of a training run: what an epoch event carries
    DivergedValues            where a run's loss blew up: what a "diverged" event carries
    GateValues                what a step of engine/recurrent_steps.py carries (rnn, lstm)
    epoch_events(histories)   engine.training.iter_fit's History per epoch -> "info"
                              events; a blown-up loss -> one "diverged" event; its two halves:
                              epoch_payloads (drive) and epoch_event / diverged_event (narrate)
    epoch_series(history, pick)  one number per epoch from the epoch events seen (for a plot)
    confusion(y, p, k)        the k x k confusion matrix (rows: true class, columns: predicted)
    num(x)                    a number as the labs print it
    grid(a)                   a small matrix as lines of text
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from engine.conv_steps import tex_num
from engine.events import Event, fmt
from engine.training import STOP_TEXT
from tutor.labs.kit.payload import Payload
from tutor.locale import t, translated


@dataclass(frozen=True)
class EpochValues(Payload):
    """One epoch of a training run (the fit, digits, iris, cnn and overfitting labs)."""
    epoch: int
    train_loss: float
    train_acc: float | None = None     # None: the run has no accuracy (a regression)
    val_loss: float | None = None      # None: no test set
    val_acc: float | None = None
    model: str = ""                    # which network, when a lab trains two (cnn: "cnn", "mlp")


@dataclass(frozen=True)
class DivergedValues(Payload):
    """Where a run's loss blew up: `step` is the training step, counted from 1."""
    step: int | None
    epoch: int | None
    model: str = ""


@dataclass(frozen=True)
class GateValues(Payload):
    """The engine's step of a recurrent cell (engine/recurrent_steps.py): one gate (or state) at time t."""
    t: int
    gate: str                  # "f", "i", "c_tilde", "c", "o", "h", "z", "r", ...


def numbered(events: Iterable[Event]) -> Iterator[Event]:
    """The events of several engine iterators as one run, steps 0, 1, 2, ..."""
    for step, event in enumerate(events):
        yield dataclasses.replace(event, step=step)


def make_optimizer(name: str, lr: float, **settings):
    """Adam for "adam", plain SGD otherwise, with learning rate η = lr (and e.g. weight_decay)."""
    from engine.optimizers import SGD, Adam

    return (Adam if name == "adam" else SGD)(lr, **settings)


def digits_split(seed: int):
    """Xtr, Xte, ytr, yte: the 8×8 digits, pixels 0..16 scaled to 0..1, a stratified 75/25 split."""
    from engine.data import digits, train_test_split

    d = digits()
    return train_test_split(d.X / 16.0, d.y, test_size=0.25, seed=seed, stratify=True)


# num(x, digits=2): whole numbers without decimals, others with `digits` — the
# same as the numbers in the engine's window-by-window formulas.
num = tex_num


def a_digit(d) -> str:
    """"a 3", "an 8": the article English needs before a digit's name."""
    return f"an {d}" if str(d) == "8" else f"a {d}"


def grid(a, digits: int = 2, width: int | None = None) -> list[str]:
    """Rows of a matrix, right-aligned in columns."""
    a = np.atleast_2d(np.asarray(a, dtype=float))
    cells = [[num(v, digits) for v in row] for row in a]
    w = width or max(len(c) for row in cells for c in row)
    return [" ".join(c.rjust(w) for c in row) for row in cells]


def confusion(y_true, y_pred, k: int) -> np.ndarray:
    """m[i, j] = how many examples of class i were predicted as class j."""
    m = np.zeros((k, k), dtype=int)
    np.add.at(m, (np.asarray(y_true, dtype=int), np.asarray(y_pred, dtype=int)), 1)
    return m


def confusion_lines(m: np.ndarray, names) -> list[str]:
    """The confusion matrix as a table: rows true class, columns predicted."""
    from rich.cells import cell_len

    from tutor.labs.kit.text import pad

    names = [str(n) for n in names]
    corner = t("true \\ predicted")
    w = max(4, max(cell_len(n) for n in names), len(str(int(m.max()))))
    first = max(cell_len(corner), max(cell_len(n) for n in names)) + 2

    lines = [pad(corner, first) + " ".join(pad(n, w, right=True) for n in names)]
    for name, row in zip(names, m):
        lines.append(pad(name, first) + " ".join(str(int(v)).rjust(w) for v in row))
    return lines


def epoch_events(histories, *, every: int = 1, arrays: Callable[[], dict] | None = None,
                 model: str = "", prefix: str = "") -> Iterator[Event]:
    """One "info" event carrying EpochValues per `every` epochs of an iter_fit run (and always the last).

    arrays: whatever `arrays()` returns at that moment (a curve, kernels...).
    A run whose loss blows up ends with a "diverged" event carrying DivergedValues
    — nan never reaches a plot.  `model` tags the values (a lab that trains two
    networks); labels are in the student's language, `prefix` (a model's name) first.
    """
    for v in epoch_payloads(histories, every=every, model=model):
        if isinstance(v, DivergedValues):
            yield diverged_event(v, prefix)
            return
        yield epoch_event(v, prefix, arrays() if arrays else {})


def epoch_payloads(histories, *, every: int = 1, model: str = "") -> Iterator[EpochValues | DivergedValues]:
    """The drive half of epoch_events: EpochValues per `every` epochs (and always the
    last), or DivergedValues, the last, when the loss blew up."""
    for history in histories:
        if history.diverged:
            at = history.diverged_at or {}
            yield DivergedValues(at.get("step"), at.get("epoch"), model)
            return
        if history.epochs % every and not history.stop_reason:
            continue
        yield epoch_values(history, model)


def epoch_values(history, model: str = "") -> EpochValues:
    """Where an iter_fit History stands after its latest epoch."""
    last = lambda series: series[-1] if series else None
    return EpochValues(history.epochs, history.train_loss[-1], last(history.train_acc), last(history.val_loss),
                       last(history.val_acc), model)


def epoch_event(v: EpochValues, prefix: str = "", arrays: Mapping | None = None) -> Event:
    """The "info" event of one epoch: its caption, E_train (and the test accuracy) as a formula."""
    label = t("{prefix}Epoch {epoch}: loss {loss:.4f}", prefix=prefix, epoch=v.epoch, loss=v.train_loss)
    formula = rf"E_{{\text{{train}}}} = {fmt(v.train_loss)}"
    if v.val_acc is not None:
        label += t(", test accuracy {accuracy:.3f}", accuracy=v.val_acc)
        formula += rf", \quad \text{{test accuracy}} = {fmt(v.val_acc, 3)}"
    elif v.val_loss is not None:
        label += t(", test loss {loss:.4f}", loss=v.val_loss)
    return Event("info", label, formula, arrays=arrays or {}, values=v.values())


def diverged_event(v: DivergedValues, prefix: str = "", **values) -> Event:
    """The "diverged" event that ends a run: where it blew up (`values`: more to carry)."""
    where = {k: "?" if n is None else n for k, n in (("step", v.step), ("epoch", v.epoch))}
    return Event("diverged", t("{prefix}Diverged at step {step} (epoch {epoch})", prefix=prefix, **where), "",
                 values=v.values(**values))


def diverged_reason(values: Mapping[str, Any]) -> str:
    """Why a training run diverged, in the student's language, without where (the
    event's label already says that): "the loss blew up (...); weights restored to
    the start of epoch 3 — try a smaller learning rate".  `values`: the "diverged"
    event's values or a History's `stop_values` (both hold its "epoch")."""
    return translated(STOP_TEXT["diverged"], epoch=values["epoch"])


def epoch_line(v: EpochValues, prefix: str = "", width: int = 3) -> str:
    """One epoch of a classifier's run, as plain output prints it."""
    return t("{prefix}epoch {epoch}: loss {loss:.4f}, train accuracy {train:.3f}, test accuracy {test:.3f}",
             prefix=prefix, epoch=f"{v.epoch:>{width}}", loss=v.train_loss, train=v.train_acc, test=v.val_acc)


def epoch_series(history, pick: Callable[[EpochValues], float | None], model: str | None = None
                 ) -> tuple[list, list]:
    """(epochs, numbers) from the epoch events seen so far: `pick` reads one number
    of an epoch (None: not recorded); `model` keeps one network's epochs (cnn)."""
    xs, ys = [], []
    for event in history:
        v = EpochValues.of(event) if event.kind == "info" else None
        if v is None or (model is not None and v.model != model) or pick(v) is None:
            continue
        xs.append(v.epoch)
        ys.append(pick(v))
    return xs, ys
