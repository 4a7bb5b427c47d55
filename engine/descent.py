"""Gradient descent on a function we can only call, as in the course's first lab.

The rule (seed 004, kept exactly as its code runs):

    last_gradient = f'(x0)
    for iteration k = 0, 1, 2, ...:
        gradient = f'(x)                       # forward difference, h = 1e-6
        if k > 0 and gradient * last_gradient < 0:
            lr = lr / 2                        # the sign flipped: we jumped over the minimum
        new_x = x - lr * gradient
        if |new_x - x| < min_step: stop        # checked BEFORE x moves
        x = new_x
        last_gradient = gradient

`min_step` defaults to 1e-5: that is the value that reproduces the course's
printed runs (x0 = 4: lr 0.5 stops at x = -0.450197, lr 0.1 at x = -0.450145).
Its code listing says 1e-6, which gives x = -0.450185 and 55 updates for lr 0.1.

`iterations` counts the updates of x: the lr 0.5 run makes 10 (printed as
"Iteration 0" ... "Iteration 9") and the lr 0.1 run 46.

In two dimensions the same rule uses the dot product g·g_last < 0 for "the sign
flipped" and the length of the step |p_new - p| for the stopping test.

Also here: numerical derivatives, tangent-line approximation, critical points
of a polynomial, closed-form least squares for a line, and fitting
f(x) = a x² - b x + c by gradient descent on (a, b, c).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

import numpy as np

from engine.events import N_, Event, fmt, fmt_factor

BLOW_UP = 1e12      # |x| beyond this counts as diverged

# Why a descent run ends before it converges (DescentResult.reason, a diverged
# event's values["reason"]), and the diverged event's caption for each: one
# sentence, so that a translation can order its words freely.
NOT_FINITE_AT_START = N_("f is not a finite number at the start point")
TOO_FAR_FOR_H = N_("x is so large that x + h = x in floating point; try a smaller learning rate")
GRADIENT_NOT_FINITE = N_("the gradient is not a finite number here")
RAN_OFF = N_("x or f(x) ran off to infinity; try a smaller learning rate")
DIVERGED_BECAUSE = {
    NOT_FINITE_AT_START: N_("Diverged at iteration {k}: f is not a finite number at the start point"),
    TOO_FAR_FOR_H: N_("Diverged at iteration {k}: x is so large that x + h = x in floating point; "
                      "try a smaller learning rate"),
    GRADIENT_NOT_FINITE: N_("Diverged at iteration {k}: the gradient is not a finite number here"),
    RAN_OFF: N_("Diverged at iteration {k}: x or f(x) ran off to infinity; try a smaller learning rate"),
}


# --- derivatives -----------------------------------------------------------------

def derivative(f: Callable, x: float, h: float = 1e-6, method: str = "forward") -> float:
    """f'(x) from two calls of f.

    forward:  (f(x+h) - f(x)) / h          error ~ h
    central:  (f(x+h) - f(x-h)) / (2h)     error ~ h²
    """
    if method == "forward":
        return float((f(x + h) - f(x)) / h)
    if method == "central":
        return float((f(x + h) - f(x - h)) / (2 * h))
    raise ValueError(f"method must be 'forward' or 'central', not {method!r}")


def second_derivative(f: Callable, x: float, h: float = 1e-4) -> float:
    """f''(x) ≈ (f(x+h) - 2f(x) + f(x-h)) / h²  (h larger than for f': we divide by h²)."""
    return float((f(x + h) - 2 * f(x) + f(x - h)) / (h * h))


def gradient(f: Callable, point: Sequence[float], h: float = 1e-6, method: str = "forward") -> np.ndarray:
    """∇f at a point: one partial derivative per coordinate, f called as f(*point)."""
    p = np.asarray(point, dtype=float)
    g = np.empty_like(p)
    with np.errstate(all="ignore"):     # far from home f may overflow: the caller checks isfinite
        _fill_gradient(f, p, g, h, method)
    return g


def _fill_gradient(f, p, g, h, method):
    for i in range(p.size):
        step = np.zeros_like(p)
        step[i] = h
        if method == "forward":
            g[i] = (f(*(p + step)) - f(*p)) / h
        elif method == "central":
            g[i] = (f(*(p + step)) - f(*(p - step))) / (2 * h)
        else:
            raise ValueError(f"method must be 'forward' or 'central', not {method!r}")


def gradient2d(f: Callable, x: float, y: float, h: float = 1e-6, method: str = "central") -> np.ndarray:
    """(∂f/∂x, ∂f/∂y) of f(x, y)."""
    return gradient(f, (x, y), h, method)


def tangent_line(f: Callable, x0: float, h: float = 1e-6) -> tuple[float, float]:
    """(f(x0), f'(x0)): the tangent at x0 is y = f(x0) + f'(x0)(x - x0)."""
    return float(f(x0)), derivative(f, x0, h, "central")


def linear_approx(f: Callable, x0: float, x: float, h: float = 1e-6) -> float:
    """f(x) ≈ f(x0) + f'(x0)(x - x0): √4.01 ≈ 2 + 0.25·0.01 = 2.0025."""
    value, slope = tangent_line(f, x0, h)
    return value + slope * (x - x0)


def critical_points(coeffs: Sequence[float]) -> list[tuple[float, str]]:
    """Where a polynomial's derivative is zero, and what the second derivative says.

    coeffs are highest power first: x⁴ - 4x³ - 2x² + 12x + 5 is [1, -4, -2, 12, 5];
    f' = 4x³ - 12x² - 4x + 12, np.roots gives x = -1, 1, 3.
    Returns [(x, "minimum" | "maximum" | "flat"), ...] for the real roots, sorted.
    """
    d1 = np.polyder(np.asarray(coeffs, dtype=float))
    d2 = np.polyder(d1)
    points = []
    for r in np.roots(d1):
        if abs(r.imag) > 1e-9 * (1 + abs(r.real)):
            continue                     # a complex root is not a point on the curve
        x = float(r.real)
        curvature = float(np.polyval(d2, x))
        kind = "minimum" if curvature > 1e-9 else "maximum" if curvature < -1e-9 else "flat"
        points.append((x, kind))
    return sorted(points)


# --- gradient descent: one engine, a plain result and an event stream -------------

@dataclass
class DescentResult:
    xs: np.ndarray            # x0 and every new x (1-D: shape (n+1,), 2-D: (n+1, 2))
    fs: np.ndarray            # f at each of them
    gradients: np.ndarray     # the gradient used by each update
    lrs: np.ndarray           # the learning rate used by each update
    halvings: list = field(default_factory=list)   # dicts: iteration, gradient, last_gradient, lr_before, lr_after
    x: float | np.ndarray = 0.0       # where it stopped
    f: float = 0.0
    gradient: float | np.ndarray = 0.0  # the last gradient computed (at x if it converged)
    iterations: int = 0       # number of updates of x
    converged: bool = False   # stopped because the step was smaller than min_step
    diverged: bool = False
    reason: str = ""


def _check(lr: float, min_step: float, max_iterations: int, h: float) -> None:
    if not lr > 0:
        raise ValueError("the learning rate must be positive")
    if not min_step >= 0:
        raise ValueError("min_step must be 0 or more")
    if max_iterations < 0:
        raise ValueError("max_iterations must be 0 or more")
    if not h > 0:
        raise ValueError("h must be positive")


def _value(f, p) -> float:
    with np.errstate(all="ignore"):
        return float(f(*p))


def _flipped(g, last_g) -> bool:
    """Did the gradient turn back? (1-D: the sign changed; 2-D: g·g_last < 0)"""
    with np.errstate(all="ignore"):
        return bool(np.dot(g, last_g) < 0)


def _move(p, g, lr):
    """The proposed point and the length of the step to it."""
    with np.errstate(all="ignore"):
        new_p = p - lr * g
        step = new_p - p
        scale = np.max(np.abs(step))
        length = scale * np.linalg.norm(step / scale) if 0 < scale < np.inf else scale
    return new_p, float(length)


def _steps(f, p0, lr, min_step, max_iterations, h, method, halve) -> Iterator[tuple]:
    """The descent itself, as plain tuples (no formatting, no events).

    f is called as f(*p).  Yields ("start", p, fp), ("halve", k, g, g_last, lr_old, lr_new),
    ("iteration", k, p_old, p_new, f_new, g, lr), and finally ("done", p, fp, g, n, reason)
    or ("diverged", k, p, fp, g, n, reason) where p is the last finite point.
    """
    _check(lr, min_step, max_iterations, h)
    p = np.array(p0, dtype=float)
    fp = _value(f, p)
    if not np.isfinite(fp):
        yield ("diverged", 0, p, fp, np.full_like(p, np.nan), 0, NOT_FINITE_AT_START)
        return
    yield ("start", p.copy(), fp)
    last_g = gradient(f, p, h, method)
    g = last_g
    for k in range(max_iterations):
        if np.any(p + h == p):
            # so far out that x + h rounds back to x: the difference quotient would read 0
            # and look like a minimum
            yield ("diverged", k, p, fp, np.zeros_like(p), k, TOO_FAR_FOR_H)
            return
        g = gradient(f, p, h, method)
        if not np.all(np.isfinite(g)):
            yield ("diverged", k, p, fp, g, k, GRADIENT_NOT_FINITE)
            return
        if halve and k > 0 and _flipped(g, last_g):
            yield ("halve", k, g.copy(), last_g.copy(), lr, lr * 0.5)
            lr *= 0.5
        new_p, length = _move(p, g, lr)
        if length < min_step:                         # before moving: x stays where it is
            yield ("done", p, fp, g, k, "converged")
            return
        f_new = _value(f, new_p)
        if not (np.all(np.isfinite(new_p)) and np.isfinite(f_new) and np.max(np.abs(new_p)) <= BLOW_UP):
            yield ("diverged", k, p, fp, g, k, RAN_OFF)
            return
        yield ("iteration", k, p.copy(), new_p.copy(), f_new, g.copy(), lr)
        p, fp, last_g = new_p, f_new, g
    yield ("done", p, fp, g, max_iterations, "max_iterations")


def _collect(steps: Iterator[tuple], scalar: bool) -> DescentResult:
    as_out = (lambda a: float(a[0])) if scalar else (lambda a: np.array(a))
    xs, fs, gs, lrs, halvings = [], [], [], [], []
    result = DescentResult(np.empty(0), np.empty(0), np.empty(0), np.empty(0))
    for step in steps:
        kind = step[0]
        if kind == "start":
            xs.append(step[1]); fs.append(step[2])
        elif kind == "halve":
            _, k, g, g_last, lr_old, lr_new = step
            halvings.append({"iteration": k, "gradient": as_out(g), "last_gradient": as_out(g_last),
                             "lr_before": lr_old, "lr_after": lr_new})
        elif kind == "iteration":
            _, k, p_old, p_new, f_new, g, lr = step
            xs.append(p_new); fs.append(f_new); gs.append(g); lrs.append(lr)
        else:
            if kind == "done":
                _, p, fp, g, n, reason = step
            else:
                _, _k, p, fp, g, n, reason = step
                if not xs:
                    xs.append(p); fs.append(fp)
            result.x, result.f, result.gradient = as_out(p), fp, as_out(g)
            result.iterations, result.reason = n, reason
            result.converged = reason == "converged"
            result.diverged = kind == "diverged"
    width = 1 if scalar else len(xs[0])
    squeeze = (lambda a: np.asarray(a, dtype=float).reshape(len(a), width)[:, 0]) if scalar else \
        (lambda a: np.asarray(a, dtype=float).reshape(len(a), width))
    result.xs, result.gradients = squeeze(xs), squeeze(gs)
    result.fs, result.lrs = np.asarray(fs, dtype=float), np.asarray(lrs, dtype=float)
    result.halvings = halvings
    return result


def descend(f: Callable, x0: float, lr: float = 0.1, min_step: float = 1e-5, max_iterations: int = 1000,
            h: float = 1e-6, method: str = "forward", halve: bool = True) -> DescentResult:
    """Gradient descent on f(x); returns the whole run (no events built)."""
    return _collect(_steps(f, [x0], lr, min_step, max_iterations, h, method, halve), scalar=True)


def descend2d(f: Callable, x0: float, y0: float, lr: float = 0.1, min_step: float = 1e-5,
              max_iterations: int = 1000, h: float = 1e-6, method: str = "forward",
              halve: bool = True) -> DescentResult:
    """Gradient descent on f(x, y); xs has shape (n+1, 2), gradients (n, 2)."""
    return _collect(_steps(f, [x0, y0], lr, min_step, max_iterations, h, method, halve), scalar=False)


def _ended(reason: str, iterations: int) -> tuple[str, dict]:
    """The done event's caption: converged, or out of iterations."""
    if reason == "converged":
        return N_("Minimum found"), {}
    return N_("Stopped after {n} iterations"), {"n": iterations}


def descent_events(f: Callable, x0: float, lr: float = 0.1, min_step: float = 1e-5,
                   max_iterations: int = 1000, h: float = 1e-6, method: str = "forward",
                   halve: bool = True) -> Iterator[Event]:
    """The same run as `descend`, one Event per step for the app to show."""
    n = 0
    for step in _steps(f, [x0], lr, min_step, max_iterations, h, method, halve):
        kind = step[0]
        if kind == "start":
            x, fx = float(step[1][0]), step[2]
            yield Event.said("info", N_("Start at x = {x}"), {"x": fmt(x)}, rf"x_0 = {fmt(x)},\ f(x_0) = {fmt(fx)}",
                             values={"what": "start", "x": x, "f": fx, "lr": lr}, step=n)
        elif kind == "halve":
            _, k, g, g_last, lr_old, lr_new = step
            g, g_last = float(g[0]), float(g_last[0])
            yield Event.said("info", N_("The gradient changed sign: halve the learning rate"), {},
                             rf"f'(x_{{{k}}})\,f'(x_{{{k - 1}}}) = {fmt_factor(g)} \cdot {fmt_factor(g_last)} < 0"
                             rf" \Rightarrow \eta = {fmt(lr_old)} / 2 = {fmt(lr_new)}",
                             values={"what": "halve", "iteration": k, "gradient": g, "last_gradient": g_last,
                                     "lr_before": lr_old, "lr_after": lr_new}, step=n)
        elif kind == "iteration":
            _, k, p_old, p_new, f_new, g, lr_k = step
            x_old, x_new, g = float(p_old[0]), float(p_new[0]), float(g[0])
            yield Event.said("iteration", N_("Iteration {k}"), {"k": k},
                             rf"x_{{{k + 1}}} = x_{{{k}}} - \eta f'(x_{{{k}}}) = {fmt(x_old)} - {fmt(lr_k)} \cdot "
                             rf"{fmt_factor(g)} = {fmt(x_new)}",
                             values={"iteration": k, "x": x_new, "f": f_new, "gradient": g, "lr": lr_k,
                                     "x_prev": x_old}, step=n)
        elif kind == "done":
            _, p, fp, g, iters, reason = step
            x, g = float(p[0]), float(g[0])
            yield Event.said("done", *_ended(reason, iters),
                             rf"x = {fmt(x, 6)},\ f(x) = {fmt(fp, 6)},\ f'(x) \approx {fmt(g, 6)}",
                             values={"x": x, "f": fp, "gradient": g, "iterations": iters, "reason": reason,
                                     "converged": reason == "converged"}, step=n)
        else:
            _, k, p, fp, g, iters, reason = step
            yield Event.said("diverged", DIVERGED_BECAUSE[reason], {"k": k},
                             values={"step": k, "iteration": k, "x": float(p[0]), "reason": reason}, step=n)
        n += 1


def descent2d_events(f: Callable, x0: float, y0: float, lr: float = 0.1, min_step: float = 1e-5,
                     max_iterations: int = 1000, h: float = 1e-6, method: str = "forward",
                     halve: bool = True) -> Iterator[Event]:
    """Events for descent on f(x, y): the point, f, the gradient and its length."""
    n = 0
    for step in _steps(f, [x0, y0], lr, min_step, max_iterations, h, method, halve):
        kind = step[0]
        if kind == "start":
            p, fp = step[1], step[2]
            yield Event.said("info", N_("Start at ({x}, {y})"), {"x": fmt(p[0]), "y": fmt(p[1])},
                             rf"f({fmt(p[0])}, {fmt(p[1])}) = {fmt(fp)}", arrays={"p": p},
                             values={"what": "start", "x": float(p[0]), "y": float(p[1]), "f": fp, "lr": lr}, step=n)
        elif kind == "halve":
            _, k, g, g_last, lr_old, lr_new = step
            yield Event.said("info", N_("The gradient turned back: halve the learning rate"), {},
                             rf"\nabla f_{{{k}}} \cdot \nabla f_{{{k - 1}}} = {fmt(float(np.dot(g, g_last)))} < 0"
                             rf" \Rightarrow \eta = {fmt(lr_new)}",
                             arrays={"gradient": g, "last_gradient": g_last},
                             values={"what": "halve", "iteration": k, "lr_before": lr_old, "lr_after": lr_new}, step=n)
        elif kind == "iteration":
            _, k, p_old, p_new, f_new, g, lr_k = step
            yield Event.said("iteration", N_("Iteration {k}"), {"k": k},
                             rf"(x, y) \leftarrow ({fmt(p_old[0])}, {fmt(p_old[1])}) - {fmt(lr_k)}"
                             rf" \cdot ({fmt(g[0])}, {fmt(g[1])}) = ({fmt(p_new[0])}, {fmt(p_new[1])})",
                             arrays={"p": p_new, "p_prev": p_old, "gradient": g},
                             values={"iteration": k, "x": float(p_new[0]), "y": float(p_new[1]), "f": f_new,
                                     "dx": float(g[0]), "dy": float(g[1]), "grad_norm": float(np.linalg.norm(g)),
                                     "lr": lr_k}, step=n)
        elif kind == "done":
            _, p, fp, g, iters, reason = step
            yield Event.said("done", *_ended(reason, iters),
                             rf"(x, y) = ({fmt(p[0], 6)}, {fmt(p[1], 6)}),\ f = {fmt(fp, 6)}",
                             arrays={"p": p, "gradient": g},
                             values={"x": float(p[0]), "y": float(p[1]), "f": fp, "iterations": iters,
                                     "reason": reason, "converged": reason == "converged"}, step=n)
        else:
            _, k, p, fp, g, iters, reason = step
            yield Event.said("diverged", DIVERGED_BECAUSE[reason], {"k": k},
                             values={"step": k, "iteration": k, "reason": reason}, step=n)
        n += 1


# --- fitting data ------------------------------------------------------------------

def least_squares_line(x: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """The line y = slope·x + intercept with the least squared error, in closed form:

    slope = (n Σxy - Σx Σy) / (n Σx² - (Σx)²),   intercept = (Σy - slope Σx) / n
    """
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    n = x.size
    if n != y.size or n < 2:
        raise ValueError("need at least two (x, y) pairs of the same length")
    denominator = n * np.sum(x * x) - np.sum(x) ** 2
    if denominator == 0:
        raise ValueError("all x are equal: no single line fits best")
    slope = (n * np.sum(x * y) - np.sum(x) * np.sum(y)) / denominator
    intercept = (np.sum(y) - slope * np.sum(x)) / n
    return float(slope), float(intercept)


def polynomial_features(x, degree: int) -> np.ndarray:
    """The columns 1, x, x², …, x^degree of a column of inputs."""
    x = np.asarray(x, dtype=float).reshape(-1, 1)
    return x ** np.arange(int(degree) + 1)


def polynomial_fit(x, y, degree: int, lam: float = 0.0) -> np.ndarray:
    """Coefficients c (lowest power first) of the polynomial with the least
    ½ Σ (p(x) − y)² + ½ λ Σ_{k ≥ 1} c_k²  (ridge; the constant term is not shrunk,
    as weight decay leaves biases alone), in closed form: (FᵀF + λI′) c = Fᵀy."""
    if lam < 0:
        raise ValueError(f"λ must not be negative, got {lam}")
    F = polynomial_features(x, degree)
    y = np.asarray(y, dtype=float).ravel()
    if F.shape[0] != y.size:
        raise ValueError(f"{F.shape[0]} inputs but {y.size} targets")
    penalty = lam * np.eye(F.shape[1])
    penalty[0, 0] = 0.0
    return np.linalg.lstsq(F.T @ F + penalty, F.T @ y, rcond=None)[0]


def polynomial_predict(coeffs, x) -> np.ndarray:
    return polynomial_features(x, len(coeffs) - 1) @ np.asarray(coeffs, dtype=float)


@dataclass
class QuadraticFit:
    a: float
    b: float
    c: float
    losses: np.ndarray        # L before each step
    params: np.ndarray        # (steps+1, 3): (a, b, c) from the start
    steps: int
    diverged: bool = False


def quadratic_loss_and_grads(x, y, a, b, c) -> tuple[float, float, float, float]:
    """L = (1/n) Σ e_i², e_i = ŷ_i - y_i, ŷ_i = a x_i² - b x_i + c, and its partial derivatives:

    ∂L/∂a = (2/n) Σ e_i x_i²,   ∂L/∂b = (-2/n) Σ e_i x_i,   ∂L/∂c = (2/n) Σ e_i
    """
    n = x.size
    with np.errstate(all="ignore"):       # a diverging fit overflows; the caller checks
        e = a * x * x - b * x + c - y
        loss = float(np.mean(e * e))
        return loss, float(2 / n * np.sum(e * x * x)), float(-2 / n * np.sum(e * x)), float(2 / n * np.sum(e))


def _fit_steps(x, y, lr, steps, a, b, c) -> Iterator[tuple]:
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if x.size != y.size or x.size == 0:
        raise ValueError("x and y must have the same, non-zero length")
    if not lr > 0:
        raise ValueError("the learning rate must be positive")
    for k in range(steps):
        loss, dA, dB, dC = quadratic_loss_and_grads(x, y, a, b, c)
        new = (a - lr * dA, b - lr * dB, c - lr * dC)
        if not (np.isfinite(loss) and np.all(np.isfinite(new)) and max(map(abs, new)) <= BLOW_UP):
            yield ("diverged", k, a, b, c)
            return
        yield ("step", k, loss, (dA, dB, dC), (a, b, c), new)
        a, b, c = new
    loss = quadratic_loss_and_grads(x, y, a, b, c)[0]
    yield ("done", steps, a, b, c, loss)


def fit_quadratic(x, y, lr: float = 0.01, steps: int = 1000,
                  a: float = 0.0, b: float = 0.0, c: float = 0.0) -> QuadraticFit:
    """Fit f(x) = a x² - b x + c by gradient descent on (a, b, c); no events built."""
    losses, params, diverged, n = [], [(a, b, c)], False, 0
    for step in _fit_steps(x, y, lr, steps, a, b, c):
        if step[0] == "step":
            losses.append(step[2]); params.append(step[5]); n = step[1] + 1
        elif step[0] == "diverged":
            diverged = True
    fa, fb, fc = params[-1]
    return QuadraticFit(fa, fb, fc, np.asarray(losses), np.asarray(params), n, diverged)


def quadratic_fit_events(x, y, lr: float = 0.01, steps: int = 1000,
                         a: float = 0.0, b: float = 0.0, c: float = 0.0) -> Iterator[Event]:
    """One "update" event per step of fit_quadratic, then "done" (or "diverged")."""
    n = 0
    for step in _fit_steps(x, y, lr, steps, a, b, c):
        if step[0] == "step":
            _, k, loss, (dA, dB, dC), old, new = step
            yield Event.said("update", N_("Step {k}: L = {loss}"), {"k": k, "loss": fmt(loss)},
                             rf"a \leftarrow {fmt(old[0])} - {fmt(lr)} \cdot {fmt_factor(dA)} = {fmt(new[0])},\ "
                             rf"b \leftarrow {fmt(old[1])} - {fmt(lr)} \cdot {fmt_factor(dB)} = {fmt(new[1])},\ "
                             rf"c \leftarrow {fmt(old[2])} - {fmt(lr)} \cdot {fmt_factor(dC)} = {fmt(new[2])}",
                             values={"step": k, "loss": loss, "a": new[0], "b": new[1], "c": new[2],
                                     "dA": dA, "dB": dB, "dC": dC, "lr": lr}, step=n)
        elif step[0] == "done":
            _, k, fa, fb, fc, loss = step
            yield Event.said("done", N_("Fitted after {k} steps"), {"k": k},
                             rf"f(x) = {fmt(fa)} x^2 - {fmt_factor(fb)} x + {fmt_factor(fc)},\ L = {fmt(loss)}",
                             values={"a": fa, "b": fb, "c": fc, "loss": loss, "steps": k}, step=n)
        else:
            _, k, fa, fb, fc = step
            yield Event.said("diverged", N_("Diverged at step {k}: try a smaller learning rate"), {"k": k},
                             values={"step": k, "a": fa, "b": fb, "c": fc}, step=n)
        n += 1
