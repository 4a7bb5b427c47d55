"""Triplet loss against the formula computed by hand."""
import numpy as np
import pytest

from engine.triplet import is_semi_hard, squared_distance, triplet_loss, triplet_losses


def test_one_triplet_by_hand():
    a, p, n = (0.1, 0.9), (0.2, 0.8), (0.3, 0.6)
    # d_ap = 0.01 + 0.01, d_an = 0.04 + 0.09; 0.02 − 0.13 + 0.2
    assert squared_distance(a, p) == pytest.approx(0.02)
    assert squared_distance(a, n) == pytest.approx(0.13)
    assert triplet_loss(a, p, n, 0.2) == pytest.approx(0.09)


def test_far_negative_gives_zero_and_batches_average():
    a = np.array([[0.1, 0.9], [0.1, 0.9]])
    p = np.array([[0.2, 0.8], [0.2, 0.8]])
    n = np.array([[0.9, 0.1], [0.3, 0.6]])
    assert triplet_losses(a, p, n) == pytest.approx([0.0, 0.09])
    assert triplet_loss(a, p, n) == pytest.approx(0.045)


def test_semi_hard_is_between_the_positive_and_the_margin():
    a, p = (0.0, 0.0), (0.3, 0.0)                        # d_ap = 0.09
    assert is_semi_hard(a, p, (0.4, 0.0))                # 0.16 < 0.29
    assert not is_semi_hard(a, p, (0.2, 0.0))            # 0.04: closer than the positive (hard)
    assert not is_semi_hard(a, p, (0.6, 0.0))            # 0.36: beyond the margin (easy)
