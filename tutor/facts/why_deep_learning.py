"""Checked numbers of lesson why-deep-learning (the digits hello-world)."""


def _mlp_params(sizes):
    # each Dense layer has out*in weights and out biases
    return sum(n_out * n_in + n_out for n_in, n_out in zip(sizes, sizes[1:]))


FACTS = {
    "why.pixels": lambda: 8 * 8,
    "why.params": lambda: _mlp_params([64, 50, 10]),
}
