"""Checked numbers of lesson why-deep-learning (the digits hello-world)."""


def _mlp_params(sizes):
    # counted by the engine's own Dense layers: out*in weights plus out biases each
    from engine.layers import Dense

    return sum(Dense(n_in, n_out).param_count() for n_in, n_out in zip(sizes, sizes[1:]))


FACTS = {
    "why.pixels": lambda: 8 * 8,
    "why.params": lambda: _mlp_params([64, 50, 10]),
}
