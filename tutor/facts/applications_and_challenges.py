"""Checked numbers of lesson applications-and-challenges (faces, style, scans):
triplet losses (engine.triplet), the face-verification error rates of
DeepFace and FaceNet, a Gram matrix and the style/content losses
(engine.style), and the ejection fraction."""
import numpy as np

from engine.style import content_loss, gram_matrix, style_layer_loss
from engine.triplet import is_semi_hard, squared_distance, triplet_loss

A, P, N_CLOSE, N_FAR = (0.1, 0.9), (0.2, 0.8), (0.3, 0.6), (0.9, 0.1)
ALPHA = 0.2

# LFW accuracies as published: DeepFace (Taigman et al., 2014) 97.35 %, FaceNet (Schroff et al., 2015) 99.63 %
DEEPFACE, FACENET = 0.9735, 0.9963

F = np.array([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])      # 2 channels x 3 positions
PHOTO = np.array([[1.0, 1.0, 1.0], [0.0, 1.0, 0.0]])  # the photo's features at the same layer
PAINTING = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]])


def _gram(i, j, of=F):
    return gram_matrix(of)[i, j]


FACTS = {
    "app.dap": lambda: squared_distance(A, P),
    "app.dan": lambda: squared_distance(A, N_CLOSE),
    "app.loss_close": lambda: triplet_loss(A, P, N_CLOSE, ALPHA),
    "app.semi_hard": lambda: int(is_semi_hard(A, P, N_CLOSE, ALPHA)),
    "app.dan_far": lambda: squared_distance(A, N_FAR),
    "app.loss_far": lambda: triplet_loss(A, P, N_FAR, ALPHA),
    "app.deepface_err": lambda: 100 * (1 - DEEPFACE),
    "app.facenet_err": lambda: 100 * (1 - FACENET),
    "app.err_ratio": lambda: (1 - DEEPFACE) / (1 - FACENET),
    "app.g00": lambda: _gram(0, 0),
    "app.g01": lambda: _gram(0, 1),
    "app.g11": lambda: _gram(1, 1),
    "app.s00": lambda: _gram(0, 0, PAINTING),
    "app.s01": lambda: _gram(0, 1, PAINTING),
    "app.s11": lambda: _gram(1, 1, PAINTING),
    "app.gram_sq": lambda: float(np.sum((gram_matrix(F) - gram_matrix(PAINTING)) ** 2)),
    "app.style_loss": lambda: style_layer_loss(F, PAINTING),
    "app.content_loss": lambda: content_loss(F, PHOTO),
    # quiz app-gram: F = [[1, 2, 0], [3, 0, 1]] → G_01 = 1·3 + 2·0 + 0·1
    "app.quiz_g01": lambda: _gram(0, 1, np.array([[1.0, 2.0, 0.0], [3.0, 0.0, 1.0]])),
    # quiz app-lfw: LFW's 6000 test pairs at FaceNet's accuracy
    "app.quiz_lfw_wrong": lambda: 6000 * (1 - FACENET),
    "app.ef": lambda: (120 - 50) / 120,
    # quiz app-ef: EDV 150 ml, ESV 90 ml
    "app.quiz_ef": lambda: (150 - 90) / 150,
}
