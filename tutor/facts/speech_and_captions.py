"""Checked numbers of lesson speech-and-captions: MFCC frames of one second
of audio (engine.conv.output_size: the same sliding-window count), a
bidirectional LSTM's parameters (engine.recurrent.param_count_formula), CTC
path probabilities (engine.ctc) and a caption's cross-entropy."""
import math

import numpy as np

from engine.conv import output_size
from engine.ctc import collapse, label_probability, paths_for
from engine.recurrent import param_count_formula

RATE, WINDOW_MS, HOP_MS, N_MFCC = 16000, 25, 10, 13
# two frames over the alphabet "a", "b" and the blank (columns a, b, -)
PROBS = np.array([[0.6, 0.1, 0.3], [0.5, 0.2, 0.3]])
CAPTION = (0.5, 0.4, 0.25)          # P of each correct next word: "a", "dog", "runs"


def _frames():
    return output_size(RATE, RATE * WINDOW_MS // 1000, stride=RATE * HOP_MS // 1000)


FACTS = {
    "sp.window": lambda: RATE * WINDOW_MS // 1000,
    "sp.hop": lambda: RATE * HOP_MS // 1000,
    "sp.frames": _frames,
    "sp.numbers": lambda: _frames() * N_MFCC,
    "sp.lstm_13_64": lambda: param_count_formula("lstm", 13, 64),
    "sp.bilstm_13_64": lambda: 2 * param_count_formula("lstm", 13, 64),
    "sp.bi_out": lambda: 2 * 64,
    "sp.paths_a": lambda: len(paths_for("a", 2, "ab")),
    "sp.p_a": lambda: label_probability(PROBS, "a", "ab"),
    "sp.p_aa_path": lambda: PROBS[0, 0] * PROBS[1, 0],
    "sp.p_empty": lambda: label_probability(PROBS, "", "ab"),
    "sp.hello_len": lambda: len(collapse("hh-e-ll-lo")),
    "sp.helo_len": lambda: len(collapse("hhe-llo")),
    # quiz sp-ctc: the same frames, transcript "b"
    "sp.quiz_p_b": lambda: label_probability(PROBS, "b", "ab"),
    # quiz sp-frames: 2 s at 8 kHz, 25 ms windows every 10 ms
    "sp.quiz_frames": lambda: output_size(2 * 8000, 8000 * 25 // 1000, stride=8000 * 10 // 1000),
    "sp.caption_loss": lambda: -sum(math.log(p) for p in CAPTION),
    "sp.caption_p": lambda: math.prod(CAPTION),
    # quiz sp-caption: correct words at 0.8, 0.5, 0.5
    "sp.quiz_caption": lambda: -(math.log(0.8) + 2 * math.log(0.5)),
    # quiz sp-bilstm: 40 inputs, 128 units per direction
    "sp.quiz_bilstm": lambda: 2 * param_count_formula("lstm", 40, 128),
}
