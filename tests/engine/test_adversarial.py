"""FGSM, one-pixel search and randomised smoothing on a tiny network with known weights."""
import numpy as np
import pytest

from engine.adversarial import (
    certified_radius,
    fgsm,
    input_gradient,
    one_pixel_attacks,
    probabilities,
    smoothed_counts,
)
from engine.layers import Dense
from engine.network import Sequential


def linear_net():
    """Logits z = W x with W = [[1, 0], [0, 1]]: class 0 wins when x0 > x1."""
    return Sequential([Dense(2, 2, W=np.eye(2), b=np.zeros(2))])


def test_input_gradient_is_p_minus_t_through_the_weights():
    net, x = linear_net(), np.array([0.6, 0.4])
    p = np.exp(x) / np.exp(x).sum()
    assert input_gradient(net, x, 0) == pytest.approx(p - [1.0, 0.0])


def test_fgsm_moves_every_pixel_by_eps_uphill_and_clips():
    net, x = linear_net(), np.array([0.6, 0.4])
    assert fgsm(net, x, 0, 0.15) == pytest.approx([0.45, 0.55])
    assert np.argmax(probabilities(net, fgsm(net, x, 0, 0.15))[0]) == 1
    assert fgsm(net, x, 0, 0.7) == pytest.approx([0.0, 1.0])


def test_one_pixel_attacks_lists_the_flipping_changes():
    net, x = linear_net(), np.array([0.6, 0.4])
    # x0 := 0 gives (0, 0.4) → class 1; x1 := 1 gives (0.6, 1) → class 1; x0 := 1 keeps class 0
    assert one_pixel_attacks(net, x) == [(0, 0.0, 1), (1, 1.0, 1)]


def test_smoothing_counts_and_certified_radius():
    net = linear_net()
    counts = smoothed_counts(net, [0.9, 0.1], sigma=0.1, n=500, seed=0)
    assert counts.sum() == 500 and counts[0] == 500     # 0.8 apart, noise σ√2 ≈ 0.14: never flips
    noisy = smoothed_counts(net, [0.5, 0.5], sigma=0.5, n=2000, seed=1)
    assert 800 < noisy[0] < 1200                         # a tie: about half each
    assert certified_radius(0.5, 0.8413447) == pytest.approx(0.5, abs=1e-6)   # Φ⁻¹(0.8413) = 1
    assert certified_radius(0.5, 0.4) == 0.0
    with pytest.raises(ValueError):
        certified_radius(0.5, 1.0)
