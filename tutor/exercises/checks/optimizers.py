"""10 · Momentum and Adam updates (lesson [[optimizers]]), against engine.optimizers.Momentum and Adam."""
from __future__ import annotations

import numpy as np

from engine.optimizers import Adam, Momentum
from tutor.exercises.spec import call_case
from tutor.locale import t


def engine_momentum(theta, g, v, lr, gamma):
    opt = Momentum(lr=lr, gamma=gamma)
    theta = theta.copy()
    opt.state["p"] = (v.copy(),)
    opt.update("p", theta, g)
    return theta, opt.state["p"][0]


def engine_adam(theta, g, m, v, step, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    opt = Adam(lr=lr, beta1=beta1, beta2=beta2, eps=eps)
    opt.t = step
    theta = theta.copy()
    opt.state["p"] = (m.copy(), v.copy())
    opt.update("p", theta, g)
    return theta, opt.state["p"][0], opt.state["p"][1]


def cases():
    rng = np.random.default_rng(10)
    out = []
    for shape in ((3,), (2, 3)):
        theta, g, v = rng.normal(size=shape), rng.normal(size=shape), rng.normal(0, 0.1, shape)
        lr, gamma = 0.1, 0.9
        expected = engine_momentum(theta, g, v, lr, gamma)
        other_v = gamma * v + g
        out.append(call_case("momentum_step", "theta, g, v", [("theta", theta), ("g", g), ("v", v)], expected,
                             kwargs={"lr": lr, "gamma": gamma}, names=("theta_new", "v_new"), mistakes={None: [
                                 ((theta - lr * other_v, other_v),
                                  t("this is the other momentum convention (v ← γv + g, θ ← θ − ηv); the lesson's is "
                                    "v ← γv + ηg, θ ← θ − v"))]}))
    runs = [(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1, 0.1,
             t("the example of lesson {lesson}", lesson="[[optimizers]]"))]
    for shape, step, scale in (((4,), 2, 1.0), ((2, 2), 7, 1.0), ((3,), 3, 1e-5)):
        g = rng.normal(0, scale, shape)
        runs.append((rng.normal(size=shape), g, rng.normal(0, scale, shape), rng.uniform(0, scale * scale, shape),
                     step, 0.01, ""))
    for theta, g, m, v, step, lr, label in runs:
        expected = engine_adam(theta, g, m, v, step, lr)
        m_new, v_new = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        m_hat, v_hat = m_new / (1 - 0.9 ** step), v_new / (1 - 0.999 ** step)
        out.append(call_case("adam_step", "theta, g, m, v, t",
                             [("theta", theta), ("g", g), ("m", m), ("v", v), ("t", step)], expected,
                             kwargs={"lr": lr}, names=("theta_new", "m_new", "v_new"), label=label, mistakes={
                                 None: [((theta - lr * m_new / (np.sqrt(v_new) + 1e-8), m_new, v_new),
                                         t("this is Adam without the bias correction: divide by 1 − β₁ᵗ and "
                                           "1 − β₂ᵗ before the step"))],
                                 0: [(theta - lr * m_hat / np.sqrt(v_hat + 1e-8),
                                      t("ε is inside the root; Adam adds it after the root: √v̂ + ε"))]}))
    return out
