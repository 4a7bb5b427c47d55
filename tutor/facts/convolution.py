"""Checked numbers of lesson convolution: the engine's Conv2D (which, like
every deep-learning library, computes cross-correlation) on small images,
and engine.conv.output_size for the size rules."""
import numpy as np

IMAGE = [[3, 3, 2, 1, 0],
         [0, 0, 1, 3, 1],
         [3, 1, 2, 2, 3],
         [2, 0, 0, 2, 2],
         [2, 0, 0, 0, 1]]
KERNEL = [[0, 1, 2],
          [2, 2, 0],
          [0, 1, 2]]
VERTICAL = [[1, 0, -1],
            [1, 0, -1],
            [1, 0, -1]]


def _conv(image, kernel, padding="valid", stride=1):
    from engine.conv import Conv2D

    k = np.asarray(kernel, dtype=float)
    layer = Conv2D(1, 1, k.shape[0], padding=padding, stride=stride)
    layer.params["W"][...] = k.reshape(1, 1, *k.shape)
    x = np.asarray(image, dtype=float).reshape(1, 1, *np.shape(image))
    return layer.forward(x)[0, 0]


def _edge_image():
    # 6 x 6: bright (10) on the left half, dark (0) on the right half
    return np.hstack([np.full((6, 3), 10.0), np.zeros((6, 3))])


def _flipped(i, j):
    """True convolution (kernel flipped) of IMAGE with KERNEL, valid, at (i, j)."""
    k = np.asarray(KERNEL, dtype=float)[::-1, ::-1]
    return _conv(IMAGE, k)[i, j]


def _size(m, k, padding="valid", stride=1):
    from engine.conv import output_size

    return output_size(m, k, padding, stride)


def _params(c_in, c_out, k):
    from engine.conv import Conv2D

    return Conv2D(c_in, c_out, k).param_count()


FACTS = {}
for _i in range(3):
    for _j in range(3):
        FACTS[f"conv.y{_i}{_j}"] = lambda i=_i, j=_j: _conv(IMAGE, KERNEL)[i, j]
FACTS.update({
    "conv.flip00": lambda: _flipped(0, 0),
    "conv.edge_left": lambda: _conv(_edge_image(), VERTICAL)[0, 0],
    "conv.edge_mid": lambda: _conv(_edge_image(), VERTICAL)[0, 1],
    "conv.edge_mid2": lambda: _conv(_edge_image(), VERTICAL)[0, 2],
    "conv.edge_right": lambda: _conv(_edge_image(), VERTICAL)[0, 3],
    "conv.edge_rows": lambda: _conv(_edge_image(), VERTICAL).shape[0],
    "conv.valid_shape": lambda: _conv(IMAGE, KERNEL).shape[0],
    "conv.rgb_inputs": lambda: 32 * 32 * 3,
    "conv.same_shape": lambda: _conv(IMAGE, KERNEL, "same").shape[0],
    "conv.same00": lambda: _conv(IMAGE, KERNEL, "same")[0, 0],
    "conv.full_shape": lambda: _conv(IMAGE, KERNEL, "full").shape[0],
    "conv.stride2_shape": lambda: _conv(IMAGE, KERNEL, "valid", 2).shape[0],
    "conv.stride2_11": lambda: _conv(IMAGE, KERNEL, "valid", 2)[1, 1],
    "conv.valid_28_5": lambda: _size(28, 5),
    "conv.same_28_5": lambda: _size(28, 5, "same"),
    "conv.full_28_5": lambda: _size(28, 5, "full"),
    "conv.s2_7_3": lambda: _size(7, 3, "valid", 2),
    "conv.s2_8_3_p1": lambda: _size(8, 3, 1, 2),
    "conv.lenet_c1": lambda: _size(32, 5),
    "conv.digit_valid": lambda: _size(8, 3),
    "conv.rgb_params": lambda: _params(3, 1, 3),
    "conv.rgb16_params": lambda: _params(3, 16, 3),
    # 16 kernels of 5x5 on a 32x32 RGB image: the 16 maps of 28x28 of page 1
    "conv.rgb16_5_params": lambda: _params(3, 16, 5) if _size(32, 5) == 28 else -1,
    "conv.dense_params": lambda: (32 * 32 * 3) * (28 * 28 * 16) + 28 * 28 * 16,
})
