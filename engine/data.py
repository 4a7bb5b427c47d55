"""Data sets for the labs: small, seeded, and all inside the package.

Batches are rows: X has shape (n, features).
- classification sets return (X, y) with X float (n, 2) and y int labels (n,);
  `one_hot(y)` turns labels into target rows for a softmax network.
- regression sets (sine, noisy_quadratic) return x and y both shaped (n, 1).
- iris() and digits() read the files in engine/data/ (see its README.md for
  source and licence); nothing is ever downloaded.

Every random set takes `seed`: the same seed gives the same points.
"""
from __future__ import annotations

import gzip
import io
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

# --- logic gates: the four corners of the unit square -------------------------

_CORNERS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
_GATES = {
    "and": [0, 0, 0, 1],
    "or": [0, 1, 1, 1],
    "xor": [0, 1, 1, 0],      # not linearly separable: one neuron cannot learn it
    "nand": [1, 1, 1, 0],
    "nor": [1, 0, 0, 0],
}


def logic_gate(name: str) -> tuple[np.ndarray, np.ndarray]:
    """X = the 4 input pairs, y = the gate's output for each (0 or 1)."""
    key = name.lower()
    if key not in _GATES:
        raise ValueError(f"unknown gate {name!r}; choose one of {', '.join(_GATES)}")
    return _CORNERS.copy(), np.array(_GATES[key], dtype=int)


def and_gate():
    return logic_gate("and")


def or_gate():
    return logic_gate("or")


def xor_gate():
    return logic_gate("xor")


# --- random 2-D classification sets -------------------------------------------

def _check(n: int, noise: float) -> None:
    if int(n) != n or n < 1:
        raise ValueError("n must be a whole number, at least 1")
    if not noise >= 0:
        raise ValueError("noise must be 0 or more")


def _shuffled(rng, X, y):
    order = rng.permutation(len(y))
    return X[order], y[order]


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0):
    """Two rings: the outer (radius 1) is class 0, the inner (radius `factor`) class 1."""
    _check(n, noise)
    if not 0 < factor < 1:
        raise ValueError("factor (inner radius / outer radius) must be between 0 and 1")
    rng = np.random.default_rng(seed)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.c_[np.cos(t_out), np.sin(t_out)], factor * np.c_[np.cos(t_in), np.sin(t_in)]])
    X += rng.normal(0.0, noise, X.shape)
    y = np.r_[np.zeros(n_out, dtype=int), np.ones(n_in, dtype=int)]
    return _shuffled(rng, X, y)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles (class 0 on top, class 1 below and shifted)."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    n_top = n // 2
    n_bottom = n - n_top
    t_top = np.linspace(0, np.pi, n_top)
    t_bottom = np.linspace(0, np.pi, n_bottom)
    X = np.vstack([np.c_[np.cos(t_top), np.sin(t_top)],
                   np.c_[1 - np.cos(t_bottom), 0.5 - np.sin(t_bottom)]])
    X += rng.normal(0.0, noise, X.shape)
    y = np.r_[np.zeros(n_top, dtype=int), np.ones(n_bottom, dtype=int)]
    return _shuffled(rng, X, y)


def spiral(n: int = 300, classes: int = 3, noise: float = 0.2, seed: int = 0):
    """`classes` arms winding out from the centre; n points shared between them.

    Arm k: radius r from 0 to 1, angle θ = 4k + 4r (+ noise), point r·(sin θ, cos θ).
    """
    _check(n, noise)
    if int(classes) != classes or classes < 2:
        raise ValueError("classes must be a whole number, at least 2")
    rng = np.random.default_rng(seed)
    sizes = [n // classes + (1 if k < n % classes else 0) for k in range(classes)]
    parts, labels = [], []
    for k, m in enumerate(sizes):
        r = np.linspace(0.0, 1.0, m)
        theta = np.linspace(4.0 * k, 4.0 * (k + 1), m) + rng.normal(0.0, noise, m)
        parts.append(np.c_[r * np.sin(theta), r * np.cos(theta)])
        labels.append(np.full(m, k, dtype=int))
    return _shuffled(rng, np.vstack(parts), np.concatenate(labels))


def blobs(n: int = 200, centers=3, std: float = 1.0, seed: int = 0, box: tuple = (-6.0, 6.0)):
    """Gaussian clouds around centres: `centers` is a count (placed at random in
    `box`) or an array of shape (k, features). Class k = the k-th centre."""
    _check(n, std)
    rng = np.random.default_rng(seed)
    if np.isscalar(centers):
        if int(centers) != centers or centers < 1:
            raise ValueError("centers must be a whole number, at least 1, or an array of points")
        centres = rng.uniform(box[0], box[1], (int(centers), 2))
    else:
        centres = np.atleast_2d(np.asarray(centers, dtype=float))
    k = len(centres)
    y = np.array([i % k for i in range(n)], dtype=int)
    X = centres[y] + rng.normal(0.0, std, (n, centres.shape[1]))
    return _shuffled(rng, X, y)


# --- regression sets ---------------------------------------------------------

def _xs(rng, n, low, high, grid):
    if grid:
        return np.linspace(low, high, n)
    return np.sort(rng.uniform(low, high, n))


def sine(n: int = 100, noise: float = 0.0, seed: int = 0, low: float = -np.pi, high: float = np.pi,
         grid: bool = True):
    """y = sin(x) (+ Gaussian noise); x evenly spaced (grid) or uniform at random, sorted."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    x = _xs(rng, n, low, high, grid)
    y = np.sin(x) + rng.normal(0.0, noise, n) if noise > 0 else np.sin(x)
    return x.reshape(-1, 1), y.reshape(-1, 1)


def noisy_quadratic(n: int = 50, a: float = 1.0, b: float = 2.0, c: float = 1.0, noise: float = 0.5,
                    seed: int = 0, low: float = -3.0, high: float = 3.0, grid: bool = False):
    """Points near y = a x² - b x + c (the course writes the quadratic with -b)."""
    _check(n, noise)
    rng = np.random.default_rng(seed)
    x = _xs(rng, n, low, high, grid)
    y = a * x * x - b * x + c + rng.normal(0.0, noise, n)
    return x.reshape(-1, 1), y.reshape(-1, 1)


def one_hot(y, classes: int | None = None) -> np.ndarray:
    """Labels (n,) -> rows (n, classes) with a single 1: 2 -> [0, 0, 1]."""
    y = np.asarray(y, dtype=int).ravel()
    k = int(y.max()) + 1 if classes is None else classes
    out = np.zeros((y.size, k))
    out[np.arange(y.size), y] = 1.0
    return out


# --- shipped real data ----------------------------------------------------------

@dataclass(frozen=True)
class Dataset:
    X: np.ndarray                 # (n, features), float
    y: np.ndarray                 # (n,), int labels
    feature_names: tuple
    target_names: tuple
    images: np.ndarray | None = None   # digits only: (n, 8, 8)


def _read(name: str) -> bytes:
    return resources.files("engine").joinpath("data").joinpath(name).read_bytes()


IRIS_SPECIES = ("setosa", "versicolor", "virginica")


def iris() -> Dataset:
    """150 irises, 50 per species; features in cm: sepal length, sepal width, petal length, petal width."""
    lines = gzip.decompress(_read("iris.csv.gz")).decode("ascii").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:] if line.strip()]
    X = np.array([[float(v) for v in row[:4]] for row in rows])
    y = np.array([IRIS_SPECIES.index(row[4]) for row in rows], dtype=int)
    return Dataset(X, y, tuple(header[:4]), IRIS_SPECIES)


def digits() -> Dataset:
    """1,797 handwritten digits as 8×8 images, pixel values 0..16 (floats in X, rows of 64)."""
    with np.load(io.BytesIO(_read("digits.npz")), allow_pickle=False) as archive:
        pixels = archive["images"]
        target = archive["target"]
    X = pixels.astype(float)
    names = tuple(f"pixel_{r}_{c}" for r in range(8) for c in range(8))
    return Dataset(X, target.astype(int), names, tuple(str(d) for d in range(10)),
                   images=X.reshape(-1, 8, 8))


# --- splitting ------------------------------------------------------------------

def _test_count(n: int, test_size) -> int:
    if isinstance(test_size, (int, np.integer)) and not isinstance(test_size, bool):
        n_test = int(test_size)
    elif 0 < test_size < 1:
        n_test = math.ceil(test_size * n)
    else:
        raise ValueError("test_size must be a fraction between 0 and 1 or a whole number of rows")
    if not 0 < n_test < n:
        raise ValueError(f"test_size={test_size} leaves {n_test} test rows of {n}: "
                         "both parts need at least one")
    return n_test


def train_test_split(X, y, test_size=0.25, seed: int = 0, stratify: bool = False):
    """Shuffle (seeded) and split: returns X_train, X_test, y_train, y_test.

    With stratify=True each class keeps (as near as whole rows allow) its share
    in both parts, so a small test set still has every class.
    """
    X, y = np.asarray(X), np.asarray(y)
    n = len(y)
    if len(X) != n:
        raise ValueError("X and y must have the same number of rows")
    n_test = _test_count(n, test_size)
    rng = np.random.default_rng(seed)
    if not stratify:
        order = rng.permutation(n)
        test, train = order[:n_test], order[n_test:]
    else:
        classes, counts = np.unique(y, return_counts=True)
        # largest-remainder rounding: shares add up to exactly n_test
        ideal = n_test * counts / n
        take = np.floor(ideal).astype(int)
        for i in np.argsort(-(ideal - take), kind="stable")[: n_test - take.sum()]:
            take[i] += 1
        test_parts, train_parts = [], []
        for cls, k in zip(classes, take):
            members = rng.permutation(np.flatnonzero(y == cls))
            test_parts.append(members[:k])
            train_parts.append(members[k:])
        test = rng.permutation(np.concatenate(test_parts))
        train = rng.permutation(np.concatenate(train_parts))
    return X[train], X[test], y[train], y[test]


def sklearn_split(X, y, test_size=0.2, random_state: int = 42):
    """The same split as sklearn.model_selection.train_test_split(X, y, test_size, random_state=...)
    without scikit-learn: n_test = ceil(test_size·n), a RandomState permutation,
    the first n_test rows are the test set, the rest the training set."""
    X, y = np.asarray(X), np.asarray(y)
    n = len(y)
    n_test = _test_count(n, test_size)
    n_train = n - n_test
    permutation = np.random.RandomState(random_state).permutation(n)
    test = permutation[:n_test]
    train = permutation[n_test:n_test + n_train]
    return X[train], X[test], y[train], y[test]
