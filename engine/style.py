"""Neural style transfer's losses (Gatys, Ecker and Bethge; lesson "Faces, style and scans").

A layer's feature maps are written as F: one row per channel (N_l rows), one
column per position (M_l = height·width columns).

    content loss   L_c = ½ Σ (F − P)²                 P: the photo's features
    Gram matrix    G = F Fᵀ, G_ij = Σ_k F_ik F_jk     which channels fire together
    style loss     E_l = Σ (G − A)² / (4 N_l² M_l²)    A: the painting's Gram matrix

G sums over positions, so it keeps which features occur together and forgets where.
"""
from __future__ import annotations

import numpy as np


def feature_rows(F) -> np.ndarray:
    """(channels, positions): a (C, H, W) feature map is flattened per channel."""
    F = np.asarray(F, dtype=float)
    if F.ndim == 3:
        return F.reshape(F.shape[0], -1)
    if F.ndim != 2:
        raise ValueError(f"feature maps are (channels, positions) or (channels, height, width), not {F.shape}")
    return F


def gram_matrix(F) -> np.ndarray:
    """G = F Fᵀ (channels × channels)."""
    F = feature_rows(F)
    return F @ F.T


def content_loss(F, P) -> float:
    """½ Σ (F − P)² over every channel and position."""
    d = feature_rows(F) - feature_rows(P)
    return 0.5 * float(np.sum(d * d))


def style_layer_loss(F, S) -> float:
    """Σ (G(F) − G(S))² / (4 N² M²) for one layer: F the generated image's features, S the painting's."""
    F, S = feature_rows(F), feature_rows(S)
    if F.shape != S.shape:
        raise ValueError(f"feature maps of different shapes: {F.shape} and {S.shape}")
    n, m = F.shape
    d = gram_matrix(F) - gram_matrix(S)
    return float(np.sum(d * d)) / (4 * n * n * m * m)
