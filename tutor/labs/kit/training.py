"""Pieces the Labs II runs share (conv, cnn, rnn, lstm, digits, iris, fit).

No Textual here: plain mode and `dltutor check` import this.

    numbered(events)          renumber a chained run 0, 1, 2, ...
    make_optimizer(name, lr)  the update rule a lab's `optimizer` parameter names (adam or sgd)
    digits_split(seed)        the 8x8 digits scaled to 0..1, split 75/25 (digits and cnn labs)
    epoch_events(histories)   engine.training.iter_fit's History per epoch -> "info"
                              events; a blown-up loss -> one "diverged" event
    confusion(y, p, k)        the k x k confusion matrix (rows: true class, columns: predicted)
    num(x)                    a number as the labs print it
    grid(a)                   a small matrix as lines of text
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Iterable, Iterator, Mapping

import numpy as np

from engine.conv_steps import tex_num
from engine.events import Event, fmt
from engine.training import STOP_TEXT
from tutor.locale import t, translated


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
                 extra: dict | None = None, prefix: str = "") -> Iterator[Event]:
    """One "info" event per `every` epochs of an iter_fit run (and always the last).

    values: epoch, train_loss, train_acc, val_loss, val_acc (None when absent);
    arrays: whatever `arrays()` returns at that moment (a curve, kernels...).
    A run whose loss blows up ends with a "diverged" event whose values["step"]
    is the training step where it happened — nan never reaches a plot.
    Labels are in the student's language; `prefix` (a model's name) comes first.
    """
    for history in histories:
        if history.diverged:
            at = history.diverged_at or {}
            step, epoch = at.get("step", "?"), at.get("epoch", "?")
            label = t("{prefix}Diverged at step {step} (epoch {epoch})", prefix=prefix, step=step, epoch=epoch)
            yield Event("diverged", label, "", values={**(extra or {}), "step": at.get("step"),
                                                       "epoch": at.get("epoch")})
            return
        e = history.epochs
        if e % every and not history.stop_reason:
            continue
        values = {
            **(extra or {}),
            "epoch": e,
            "train_loss": history.train_loss[-1],
            "train_acc": history.train_acc[-1] if history.train_acc else None,
            "val_loss": history.val_loss[-1] if history.val_loss else None,
            "val_acc": history.val_acc[-1] if history.val_acc else None,
        }
        label = t("{prefix}Epoch {epoch}: loss {loss:.4f}", prefix=prefix, epoch=e, loss=values["train_loss"])
        formula = rf"E_{{\text{{train}}}} = {fmt(values['train_loss'])}"
        if values["val_acc"] is not None:
            label += t(", test accuracy {accuracy:.3f}", accuracy=values["val_acc"])
            formula += rf", \quad \text{{test accuracy}} = {fmt(values['val_acc'], 3)}"
        elif values["val_loss"] is not None:
            label += t(", test loss {loss:.4f}", loss=values["val_loss"])
        yield Event("info", label, formula, arrays=arrays() if arrays else {}, values=values)


def diverged_reason(values: Mapping[str, Any]) -> str:
    """Why a training run diverged, in the student's language, without where (the
    event's label already says that): "the loss blew up (...); weights restored to
    the start of epoch 3 — try a smaller learning rate".  `values`: the "diverged"
    event's values or a History's `stop_values` (both hold its "epoch")."""
    return translated(STOP_TEXT["diverged"], epoch=values["epoch"])


def epoch_line(values: dict, prefix: str = "", width: int = 3) -> str:
    """One epoch of a classifier's run, as plain output prints it."""
    return t("{prefix}epoch {epoch}: loss {loss:.4f}, train accuracy {train:.3f}, test accuracy {test:.3f}",
             prefix=prefix, epoch=f"{values['epoch']:>{width}}", loss=values["train_loss"],
             train=values["train_acc"], test=values["val_acc"])


def history_series(history, key: str, **match) -> tuple[list, list]:
    """(epochs, values) of one number from the epoch events seen so far
    (only events whose values agree with `match`, e.g. model="cnn")."""
    xs, ys = [], []
    for event in history:
        if any(event.values.get(k) != v for k, v in match.items()):
            continue
        if event.kind == "info" and "epoch" in event.values and event.values.get(key) is not None:
            xs.append(event.values["epoch"])
            ys.append(event.values[key])
    return xs, ys
