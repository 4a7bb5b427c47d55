import math
from pathlib import Path

import numpy as np
import pytest

from engine import data as D

DATA_DIR = Path(D.__file__).with_name("data")


def test_logic_gates():
    X, y = D.and_gate()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 0, 0, 1])
    np.testing.assert_array_equal(D.or_gate()[1], [0, 1, 1, 1])
    np.testing.assert_array_equal(D.xor_gate()[1], [0, 1, 1, 0])
    # every gate's truth table agrees with Python's own operators
    for name, op in {"and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b}.items():
        X, y = D.logic_gate(name.upper())
        assert list(y) == [op(int(a), int(b)) for a, b in X]
    X[0, 0] = 9                                    # callers get copies
    assert D.and_gate()[0][0, 0] == 0
    with pytest.raises(ValueError, match="unknown gate"):
        D.logic_gate("xnorr")


SETS = [D.circles, D.moons, D.spiral, D.blobs]


@pytest.mark.parametrize("make", SETS)
@pytest.mark.parametrize("n", [1, 2, 7, 200])
def test_classification_sets_shapes_and_seeds(make, n):
    X, y = make(n=n, seed=5)
    assert X.shape == (n, 2) and y.shape == (n,) and y.dtype.kind == "i"
    assert np.all(np.isfinite(X))
    X2, y2 = make(n=n, seed=5)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    if n >= 7:
        assert not np.array_equal(make(n=n, seed=6)[0], X)


def test_circles_and_moons_geometry():
    X, y = D.circles(n=400, noise=0.0, factor=0.3, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)
    assert np.bincount(y).tolist() == [200, 200]
    X, y = D.moons(n=101, noise=0.0, seed=0)
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)
    assert np.bincount(y).tolist() == [50, 51]
    noisy = D.circles(n=400, noise=0.1, seed=0)[0]
    assert np.std(np.hypot(noisy[:, 0], noisy[:, 1])) > 0.05


def test_spiral_and_blobs():
    X, y = D.spiral(n=301, classes=3, noise=0.0, seed=0)
    assert np.bincount(y).tolist() == [101, 100, 100]
    assert np.max(np.hypot(X[:, 0], X[:, 1])) == pytest.approx(1.0)
    X, y = D.blobs(n=300, centers=[[0, 0], [10, 10]], std=0.5, seed=2)
    for k, centre in enumerate([[0, 0], [10, 10]]):
        np.testing.assert_allclose(X[y == k].mean(axis=0), centre, atol=0.15)
        assert np.std(X[y == k] - centre) == pytest.approx(0.5, rel=0.15)


def test_regression_sets():
    x, y = D.sine(n=50)
    assert x.shape == y.shape == (50, 1)
    np.testing.assert_allclose(y, np.sin(x))
    x, y = D.sine(n=500, noise=0.2, seed=1, grid=False)
    assert np.all(np.diff(x.ravel()) >= 0)
    assert np.std(y - np.sin(x)) == pytest.approx(0.2, rel=0.15)
    x, y = D.noisy_quadratic(n=2000, a=2.0, b=3.0, c=1.0, noise=0.3, seed=4)
    a, minus_b, c = np.polyfit(x.ravel(), y.ravel(), 2)
    assert (a, -minus_b, c) == pytest.approx((2.0, 3.0, 1.0), abs=0.05)
    np.testing.assert_array_equal(D.noisy_quadratic(seed=9)[1], D.noisy_quadratic(seed=9)[1])
    with pytest.raises(ValueError):
        D.sine(n=0)
    with pytest.raises(ValueError):
        D.moons(noise=-1)


def test_one_hot():
    np.testing.assert_array_equal(D.one_hot([2, 0, 1]), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert D.one_hot([0, 1], classes=4).shape == (2, 4)


def test_iris_is_shipped_and_complete():
    ds = D.iris()
    assert ds.X.shape == (150, 4) and ds.X.dtype == float
    assert np.bincount(ds.y).tolist() == [50, 50, 50]
    assert ds.target_names == ("setosa", "versicolor", "virginica")
    np.testing.assert_array_equal(ds.X[0], [5.1, 3.5, 1.4, 0.2])
    # Fisher's values for samples 35 and 38 (the UCI file has them wrong)
    np.testing.assert_array_equal(ds.X[34], [4.9, 3.1, 1.5, 0.2])
    np.testing.assert_array_equal(ds.X[37], [4.9, 3.6, 1.4, 0.1])
    assert ds.X.mean(axis=0) == pytest.approx([5.8433, 3.0573, 3.7580, 1.1993], abs=1e-4)


def test_digits_are_shipped_small():
    ds = D.digits()
    assert ds.X.shape == (1797, 64) and ds.images.shape == (1797, 8, 8)
    assert ds.X.min() == 0 and ds.X.max() == 16 and np.all(ds.X == np.round(ds.X))
    assert len(np.unique(ds.y)) == 10
    np.testing.assert_array_equal(ds.images[5], ds.X[5].reshape(8, 8))
    assert (DATA_DIR / "digits.npz").stat().st_size < 100_000
    readme = (DATA_DIR / "README.md").read_text()
    assert "CC BY 4.0" in readme and "Fisher" in readme and "Alpaydin" in readme


def test_shipped_data_equals_scikit_learns_copy():
    datasets = pytest.importorskip("sklearn.datasets")
    np.testing.assert_array_equal(D.iris().X, datasets.load_iris().data)
    np.testing.assert_array_equal(D.iris().y, datasets.load_iris().target)
    np.testing.assert_array_equal(D.digits().X, datasets.load_digits().data)
    np.testing.assert_array_equal(D.digits().y, datasets.load_digits().target)


def test_train_test_split_seeded_and_complete():
    X = np.arange(40).reshape(20, 2)
    y = np.arange(20)
    Xtr, Xte, ytr, yte = D.train_test_split(X, y, test_size=0.25, seed=1)
    assert len(yte) == 5 and len(ytr) == 15
    assert sorted(np.concatenate([ytr, yte]).tolist()) == list(range(20))    # nothing lost or doubled
    np.testing.assert_array_equal(Xtr[:, 0] // 2, ytr)                       # rows stay with labels
    again = D.train_test_split(X, y, test_size=0.25, seed=1)
    np.testing.assert_array_equal(again[3], yte)
    assert not np.array_equal(D.train_test_split(X, y, test_size=0.25, seed=2)[3], yte)
    assert len(D.train_test_split(X, y, test_size=3)[3]) == 3
    for bad in (0.0, 1.0, 0, 20, -0.5):
        with pytest.raises(ValueError):
            D.train_test_split(X, y, test_size=bad)


def test_stratified_split_keeps_class_shares():
    ds = D.iris()
    Xtr, Xte, ytr, yte = D.train_test_split(ds.X, ds.y, test_size=0.2, seed=0, stratify=True)
    assert np.bincount(yte).tolist() == [10, 10, 10]
    assert np.bincount(ytr).tolist() == [40, 40, 40]
    y = np.array([0] * 90 + [1] * 10)
    _, _, _, yte = D.train_test_split(np.zeros((100, 1)), y, test_size=0.1, seed=3, stratify=True)
    assert np.bincount(yte, minlength=2).tolist() == [9, 1]
    _, _, _, yte = D.train_test_split(np.zeros((100, 1)), y, test_size=0.15, seed=3, stratify=True)
    assert len(yte) == math.ceil(0.15 * 100) and set(yte) == {0, 1}


def test_sklearn_split_counts():
    ds = D.digits()
    Xtr, Xte, ytr, yte = D.sklearn_split(ds.X, ds.y, test_size=0.2, random_state=42)
    assert len(yte) == math.ceil(0.2 * 1797) == 360 and len(ytr) == 1437


@pytest.mark.parametrize("n, test_size, state", [(1797, 0.2, 42), (150, 0.25, 0), (10, 0.33, 7), (50, 12, 1)])
def test_sklearn_split_matches_scikit_learn(n, test_size, state):
    selection = pytest.importorskip("sklearn.model_selection")
    X = np.arange(n * 3).reshape(n, 3)
    y = np.arange(n) % 4
    ours = D.sklearn_split(X, y, test_size=test_size, random_state=state)
    theirs = selection.train_test_split(X, y, test_size=test_size, random_state=state)
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(a, b)
