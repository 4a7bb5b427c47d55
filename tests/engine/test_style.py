"""Gram matrix and style-transfer losses against sums written out by hand."""
import numpy as np
import pytest

from engine.style import content_loss, gram_matrix, style_layer_loss

F = [[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]]


def test_gram_matrix_entries_are_sums_over_positions():
    G = gram_matrix(F)
    assert G.tolist() == [[1 + 0 + 4, 0 + 0 + 2], [2, 0 + 1 + 1]]


def test_gram_matrix_forgets_where_things_are():
    shuffled = np.array(F)[:, [2, 0, 1]]
    assert np.array_equal(gram_matrix(shuffled), gram_matrix(F))
    maps = np.arange(12.0).reshape(3, 2, 2)
    rows = maps.reshape(3, 4)
    want = [[sum(rows[i, k] * rows[j, k] for k in range(4)) for j in range(3)] for i in range(3)]
    assert gram_matrix(maps).tolist() == want


def test_content_loss_is_half_the_squared_difference():
    P = [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]
    assert content_loss(F, P) == pytest.approx(0.5 * (0 + 1 + 1 + 0 + 1 + 1))


def test_style_layer_loss_normalises_by_4_n2_m2():
    S = [[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]]              # G(S) = [[2, 1], [1, 2]]
    d = np.array([[5 - 2, 2 - 1], [2 - 1, 2 - 2]])
    assert style_layer_loss(F, S) == pytest.approx(float((d ** 2).sum()) / (4 * 4 * 9))
    with pytest.raises(ValueError):
        style_layer_loss(F, [[1.0, 2.0]])
