"""04 · sigmoid and sigmoid_prime (lesson [[activation-functions]]), against engine.activations — the fixed interface
`sigmoid(z)`, `sigmoid_prime(z)` on arrays of any shape, stable for any float."""
from __future__ import annotations

import numpy as np

from engine.activations import sigmoid, sigmoid_prime
from tutor.exercises.spec import call_case, numgrad_case
from tutor.locale import t

EXTREME = np.array([-1e4, -1000.0, -710.0, -50.0, 0.0, 50.0, 710.0, 1000.0, 1e4])


def cases():
    rng = np.random.default_rng(4)
    inputs = [rng.normal(0, 3, (3, 4)), rng.normal(0, 3, (5,)), rng.normal(0, 3, (2, 3, 2)), np.array(0.7)]
    out = []
    for z in inputs:
        out.append(call_case("sigmoid", "z", [("z", z)], sigmoid(z), mistakes={0: [
            (sigmoid(-z), t("this is σ(−z) = 1 − σ(z): the exponent in 1 / (1 + e^(−z)) is −z"))]}))
    first_prime = len(out)
    for z in inputs:
        s = sigmoid(z)
        out.append(call_case("sigmoid_prime", "z", [("z", z)], sigmoid_prime(z), mistakes={0: [
            (z * (1 - z), t("this is z(1 − z): the formula is σ(z)(1 − σ(z)), with σ(z) where z stands")),
            (sigmoid(s) * (1 - sigmoid(s)), t("σ was applied twice: σ'(z) = σ(z)(1 − σ(z)) uses σ(z) once")),
            (s, t("this is σ(z) itself, not its derivative σ(z)(1 − σ(z))"))]}))
    large = t("large inputs (|z| up to 10⁴)")
    out.append(call_case("sigmoid", "z", [("z", EXTREME)], sigmoid(EXTREME), label=large, group="sigmoid-large"))
    out.append(call_case("sigmoid_prime", "z", [("z", EXTREME)], sigmoid_prime(EXTREME), label=large,
                         group="sigmoid_prime-large"))
    # finite differences of the student's own sigmoid, for the message of a wrong sigmoid_prime
    z = inputs[0]
    out.append(numgrad_case("sigmoid", [z], 0, np.ones_like(z)))
    out[first_prime].fd, out[first_prime].fd_names = {0: len(out) - 1}, ("sigmoid", "sigmoid_prime")
    return out
