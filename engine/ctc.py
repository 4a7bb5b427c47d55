"""Connectionist temporal classification in outline (lesson "Speech and captions").

A network emits, at each of T frames, a probability for every symbol and for a
blank "-". A path (one symbol per frame) is read by merging repeats, then dropping
blanks: "hh-e-ll-lo" → "hello" (the blank between the l's keeps both). The
probability of a transcript is the sum over all paths that read as it:

    P(y | x) = Σ_{paths π → y} Π_t p_t(π_t)

Real CTC sums with a forward recursion; here, for tiny examples, every path is listed.
"""
from __future__ import annotations

from itertools import product

import numpy as np


def collapse(path, blank: str = "-") -> str:
    """Merge repeated symbols, then remove blanks."""
    out, previous = [], None
    for s in path:
        if s != previous and s != blank:
            out.append(s)
        previous = s
    return "".join(out)


def paths_for(label: str, T: int, alphabet: str, blank: str = "-") -> list[str]:
    """Every path of length T over alphabet + blank that reads as `label`."""
    symbols = alphabet + blank
    return ["".join(p) for p in product(symbols, repeat=T) if collapse(p, blank) == label]


def label_probability(probs, label: str, alphabet: str, blank: str = "-") -> float:
    """P(label) = Σ over the paths that read as it of the product of per-frame probabilities.

    probs: (T, len(alphabet) + 1), columns in the order of alphabet then blank."""
    probs = np.asarray(probs, dtype=float)
    T, k = probs.shape
    symbols = alphabet + blank
    if k != len(symbols):
        raise ValueError(f"{k} columns of probabilities for {len(symbols)} symbols")
    column = {s: j for j, s in enumerate(symbols)}
    return float(sum(np.prod([probs[t, column[s]] for t, s in enumerate(p)])
                     for p in paths_for(label, T, alphabet, blank)))
