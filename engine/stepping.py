"""One training step as a sequence of events a student can step through.

    train_step_events(net, X, T, loss, optimizer)

runs exactly the computation of training.train_step — the same layer
`forward` / `backward` calls and the same optimizer update — and after each
piece yields an Event:

    forward   one per layer:   u = Wx + b = (numbers) ,  a = σ(u) = (numbers)
    loss      the error E and ∂E/∂(network output)
    backward  one per layer, last layer first: ∂E/∂W, ∂E/∂b, ∂E/∂x
    update    one per parameter: W ← W − η ∂E/∂W = (numbers)

Small arrays are written out as matrices (pmatrix); big ones as their shape
and norm.  For a batch of one example the vectors are columns, as in the
lessons (u = W x + b); for a batch of n rows, U = X Wᵀ + b.

A layer from elsewhere (Conv2D, ...) may define `forward_latex(x, y)` and
`backward_latex(delta_out, delta_in)` to describe itself; otherwise the event
shows shapes and norms.
"""
from __future__ import annotations

from typing import Iterator

import numpy as np

from engine.events import N_, Event, fmt
from engine.layers import Activation, Dense, Dropout, Flatten, Softmax
from engine.losses import Loss
from engine.network import Sequential
from engine.optimizers import SGD, Optimizer, trainable

MAX_SIDE = 8        # matrices up to 8 x 8 are written out in full
DIGITS = 4


# --- writing arrays in LaTeX -----------------------------------------------
def is_small(a: np.ndarray) -> bool:
    a = np.asarray(a)
    return a.ndim <= 2 and all(side <= MAX_SIDE for side in a.shape)


def pmatrix(a, digits: int = DIGITS) -> str:
    return _pmatrix(a, digits)


def _pmatrix(a, digits: int) -> str:
    """A 2-D array (or a 1-D column) as a LaTeX pmatrix."""
    a = np.asarray(a, dtype=float)
    if a.ndim == 0:
        return fmt(a, digits)
    if a.ndim == 1:
        a = a[:, None]
    rows = [" & ".join(fmt(v, digits) for v in row) for row in a]
    return r"\begin{pmatrix}" + r" \\ ".join(rows) + r"\end{pmatrix}"


def shape_tex(a) -> str:
    return r" \times ".join(str(s) for s in np.shape(a)) or "1"


def summary_tex(name: str, a) -> str:
    """A big array as its shape and norm: W\\ (50 \\times 64),\\ \\|W\\| = 3.2104."""
    return rf"{name}\ ({shape_tex(a)}),\ \|{name}\| = {fmt(np.linalg.norm(a), DIGITS)}"


def _column(a) -> np.ndarray:
    """A batch of one (1, k) shown as the column vector (k,)."""
    return a[0] if a.ndim == 2 and a.shape[0] == 1 else a


def _all_small(*arrays) -> bool:
    return all(is_small(a) for a in arrays)


# --- names of the signals: x -> u^(1) -> a^(1) -> u^(2) -> ... -------------
def _names(net: Sequential) -> list[tuple[str, str]]:
    """(input name, output name) for each layer."""
    current, dense, out = "x", 0, []
    for i, layer in enumerate(net.layers):
        if isinstance(layer, Dense):
            dense += 1
            nxt = f"u^{{({dense})}}"
        elif isinstance(layer, Activation):
            nxt = f"a^{{({dense})}}"
        else:
            nxt = f"h_{{{i + 1}}}"
        out.append((current, nxt))
        current = nxt
    return out


def _batch_names(n: int, *names: str) -> tuple[str, ...]:
    """A batch of n > 1 rows is a matrix: x -> X, u^{(1)} -> U^{(1)}."""
    return names if n == 1 else tuple(name[0].upper() + name[1:] for name in names)


def _d(name: str) -> str:
    return rf"\frac{{\partial E}}{{\partial {name}}}"


# --- forward ---------------------------------------------------------------
def forward_latex(layer, x, y, xin: str, yout: str, index: int, digits: int = DIGITS) -> str:
    def pmatrix(a):
        return _pmatrix(a, digits)

    if hasattr(layer, "forward_latex"):
        return layer.forward_latex(x, y)
    n = x.shape[0] if x.ndim > 1 else 1
    xin, yout = _batch_names(n, xin, yout)
    if isinstance(layer, Dense):
        W, b = layer.params["W"], layer.params["b"]
        w, bb = f"W^{{({index})}}", f"b^{{({index})}}"
        if n == 1 and _all_small(W, x, y):
            return (rf"{yout} = {w} {xin} + {bb} = {pmatrix(W)} {pmatrix(_column(x))} + {pmatrix(b)}"
                    rf" = {pmatrix(_column(y))}")
        if _all_small(W, x, y):
            return (rf"{yout} = {xin} {{{w}}}^\top + {bb} = {pmatrix(x)} {pmatrix(W.T)} + {pmatrix(b[None, :])}"
                    rf" = {pmatrix(y)}")
        return (rf"{yout} = {xin} {{{w}}}^\top + {bb}:\ {summary_tex(xin, x)},\ {summary_tex(w, W)}"
                rf" \to {summary_tex(yout, y)}")
    if isinstance(layer, Activation):
        f = layer.symbol
        if _all_small(x, y):
            show = _column if n == 1 else (lambda a: a)
            return rf"{yout} = {f}({xin}) = {f}\left({pmatrix(show(x))}\right) = {pmatrix(show(y))}"
        return rf"{yout} = {f}({xin}):\ {summary_tex(yout, y)}"
    if isinstance(layer, Dropout):
        kept = "all kept (not training)" if layer.mask is None else f"{int(np.sum(layer.mask > 0))} of {layer.mask.size} kept"
        return rf"{yout} = {xin} \odot m / (1 - p),\ p = {fmt(layer.p, 2)}:\ \text{{{kept}}}"
    if isinstance(layer, Flatten):
        return rf"{yout} = \operatorname{{flatten}}({xin}):\ ({shape_tex(x)}) \to ({shape_tex(y)})"
    return rf"{yout} = \operatorname{{{type(layer).__name__}}}({xin}):\ {summary_tex(yout, y)}"


# --- backward --------------------------------------------------------------
def backward_latex(layer, delta_out, delta_in, x, xin: str, yout: str, index: int, fprime=None,
                   digits: int = DIGITS) -> str:
    def pmatrix(a):
        return _pmatrix(a, digits)

    if hasattr(layer, "backward_latex"):
        return layer.backward_latex(delta_out, delta_in)
    n = x.shape[0] if x.ndim > 1 else 1
    xin, yout = _batch_names(n, xin, yout)
    dy, dx = _d(yout), _d(xin)
    if isinstance(layer, Dense):
        W, dW, db = layer.params["W"], layer.grads["W"], layer.grads["b"]
        w, bb = f"W^{{({index})}}", f"b^{{({index})}}"
        if n == 1 and _all_small(W, x, delta_out):
            d, xc = pmatrix(_column(delta_out)), _column(x)
            return (rf"\delta = {dy} = {d},\quad {_d(w)} = \delta\, {{{xin}}}^\top = {d} {pmatrix(xc[None, :])}"
                    rf" = {pmatrix(dW)},\quad {_d(bb)} = \delta = {pmatrix(db)},\quad"
                    rf" {dx} = {{{w}}}^\top \delta = {pmatrix(W.T)} {d} = {pmatrix(_column(delta_in))}")
        if _all_small(W, x, delta_out):
            return (rf"\delta = {dy} = {pmatrix(delta_out)},\quad {_d(w)} = \delta^\top {xin} = {pmatrix(dW)},"
                    rf"\quad {_d(bb)} = \textstyle\sum \delta = {pmatrix(db)},\quad {dx} = \delta {w} = {pmatrix(delta_in)}")
        return (rf"{_d(w)} = \delta^\top {xin}:\ {summary_tex(_d(w), dW)},\ {summary_tex(_d(bb), db)},"
                rf"\ {summary_tex(dx, delta_in)}")
    if isinstance(layer, Softmax):
        return rf"{dx} = s \odot \left({dy} - s \cdot {dy}\right):\ {summary_tex(dx, delta_in)}"
    if isinstance(layer, Activation) and fprime is not None:
        f = layer.symbol
        if _all_small(delta_out):
            show = _column if n == 1 else (lambda a: a)
            return (rf"{dx} = {dy} \odot {f}'({xin}) = {pmatrix(show(delta_out))} \odot {pmatrix(show(fprime))}"
                    rf" = {pmatrix(show(delta_in))}")
        return rf"{dx} = {dy} \odot {f}'({xin}):\ {summary_tex(dx, delta_in)}"
    if isinstance(layer, Dropout):
        return rf"{dx} = {dy} \odot m / (1 - p)"
    if isinstance(layer, Flatten):
        return rf"{dx} = \operatorname{{reshape}}({dy}):\ ({shape_tex(delta_out)}) \to ({shape_tex(delta_in)})"
    return rf"{dx}:\ {summary_tex(dx, delta_in)}"


# --- update ----------------------------------------------------------------
def update_latex(optimizer: Optimizer, name: str, before, g, after, digits: int = DIGITS) -> str:
    def pmatrix(a):
        return _pmatrix(a, digits)

    if isinstance(optimizer, SGD) and not optimizer.weight_decay and _all_small(before):
        show = _column if before.ndim == 1 else (lambda a: a)
        return (rf"{name} \leftarrow {name} - \eta {_d(name)} = {pmatrix(show(before))} - {optimizer.lr:g}"
                rf" {pmatrix(show(g))} = {pmatrix(show(after))}")
    if _all_small(before):
        return rf"{optimizer.latex}:\quad {name} = {pmatrix(before)} \to {pmatrix(after)}"
    step = after - before
    return rf"{optimizer.latex}:\ {summary_tex(name, after)},\ \|\Delta {name}\| = {fmt(np.linalg.norm(step), DIGITS)}"


# --- the step ----------------------------------------------------------------
def train_step_events(net: Sequential, X, T, loss: Loss, optimizer: Optimizer, *, step0: int = 0,
                      training: bool = True, digits: int = DIGITS) -> Iterator[Event]:
    """Run one training step on the batch (X, T), yielding an event after each piece.

    The network and optimizer are changed exactly as by training.train_step
    once the iterator is exhausted.  A non-finite loss ends the step with a
    `diverged` event (no backward pass, no update).
    """
    X = np.asarray(X, dtype=float)
    T = np.asarray(T, dtype=float)
    step = step0
    labels = net.labels()
    names = _names(net)
    dense_index = {}
    for i, layer in enumerate(net.layers):
        if isinstance(layer, Dense):
            dense_index[i] = len(dense_index) + 1

    # forward, layer by layer
    x = X
    inputs = []
    for i, layer in enumerate(net.layers):
        inputs.append(x)
        y = layer.forward(x, training)
        xin, yout = names[i]
        arrays = {"x": x, "y": y}
        arrays.update({k: v for k, v in layer.params.items()})
        yield Event.said("forward", N_("{layer} forward"), {"layer": labels[i]},
                         forward_latex(layer, x, y, xin, yout, dense_index.get(i, 0), digits), arrays, {"layer": i}, step)
        step += 1
        x = y

    # the loss
    out = x
    value, delta = loss.value_and_grad(out, T)
    if not np.isfinite(value):
        yield Event.said("diverged", N_("Loss is not finite"), {}, rf"E = \text{{{value}}}", {},
                         {"step": step, "E": value}, step)
        return
    shown = rf" = {pmatrix(_column(delta) if len(out) == 1 else delta, digits)}" if is_small(delta) else ""
    yield Event.said("loss", N_("Loss"), {}, rf"{loss.latex} = {fmt(value, max(6, digits))},\quad {loss.grad_latex}{shown}",
                     {"y": out, "t": T, "dE_dy": delta}, {"E": value, "loss": loss.name}, step)
    step += 1

    # backward, last layer first
    for i in reversed(range(len(net.layers))):
        layer = net.layers[i]
        xin, yout = names[i]
        fprime = None
        if isinstance(layer, Activation) and not isinstance(layer, Softmax):
            fprime = layer.backward(np.ones_like(delta))      # elementwise: backward(1) = f'(u)
        delta_in = layer.backward(delta)
        arrays = {"delta_out": delta, "delta_in": delta_in}
        arrays.update({f"d{k}": g for k, g in layer.grads.items()})
        if fprime is not None:
            arrays["f_prime"] = fprime
        yield Event.said("backward", N_("{layer} backward"), {"layer": labels[i]},
                         backward_latex(layer, delta, delta_in, inputs[i], xin, yout, dense_index.get(i, 0), fprime,
                                        digits),
                         arrays, {"layer": i}, step)
        step += 1
        delta = delta_in

    # update, parameter by parameter (a ClipNorm optimizer first caps the gradient's length)
    clip = getattr(optimizer, "clip", None)
    if clip is not None:
        clip(net)
    optimizer.begin_step()
    for i, key, theta, g, decay in trainable(net):       # the same parameters, same rule as Optimizer.step
        before = theta.copy()
        optimizer.update((i, key), theta, g, decay=decay)
        idx = dense_index.get(i)
        name = f"{key}^{{({idx})}}" if idx else key
        yield Event.said("update", N_("Update {param} of {layer}"), {"param": key, "layer": labels[i]},
                         update_latex(optimizer, name, before, g, theta, digits),
                         {"before": before, "grad": g, "after": theta}, {"layer": i, "param": key, "lr": optimizer.lr},
                         step)
        step += 1
