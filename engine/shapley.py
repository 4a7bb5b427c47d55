"""Exact Shapley values of a model's prediction (SHAP's idea; lesson "Robustness and interpretability").

Features are players; a coalition S keeps its features at x and puts the others at a
baseline. Feature i's value is its average marginal contribution over all orders:

    φ_i = Σ_{S ⊆ F∖{i}} |S|! (n − |S| − 1)! / n! · [v(S ∪ {i}) − v(S)]

The values add up to f(x) − f(baseline) (efficiency). Exact means 2ⁿ evaluations, so
only for a handful of features; SHAP's tools approximate this for real models.
"""
from __future__ import annotations

from itertools import combinations
from math import factorial

import numpy as np


def coalition_value(f, x, baseline, members) -> float:
    """f at x with the features outside `members` replaced by the baseline."""
    z = np.array(baseline, dtype=float)
    idx = list(members)
    z[idx] = np.asarray(x, dtype=float)[idx]
    return float(f(z))


def shapley_values(f, x, baseline) -> np.ndarray:
    """φ_i for every feature of x (f maps a 1-D array to a number)."""
    x = np.asarray(x, dtype=float)
    n = x.size
    if n > 16:
        raise ValueError(f"exact Shapley values need 2^n evaluations; {n} features is too many")
    phi = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for k in range(n):
            weight = factorial(k) * factorial(n - k - 1) / factorial(n)
            for S in combinations(others, k):
                phi[i] += weight * (coalition_value(f, x, baseline, S + (i,)) - coalition_value(f, x, baseline, S))
    return phi
