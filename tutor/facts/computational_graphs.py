"""Checked numbers of lesson computational-graphs: the neuron f = tanh(x1·w1 + x2·w2 + b) at
x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.88137, and f = x·y + x at x = 2, y = 3, differentiated by
engine.autodiff (the graph lab's own engine)."""


def _grads(text: str, point: dict) -> dict:
    from engine.autodiff import all_nodes
    from engine.expression import parse

    nodes = all_nodes(parse(text, variables=tuple(point)), point)
    return {n.name: (n.data, n.grad) for n in nodes}


NEURON = ("tanh(x1*w1 + x2*w2 + b)", {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.88137})
SHARED = ("x*y + x", {"x": 2.0, "y": 3.0})

FACTS = {
    "cg.n": lambda: _grads(*NEURON)["v4"][0],
    "cg.f": lambda: _grads(*NEURON)["v5"][0],
    "cg.local": lambda: 1 - _grads(*NEURON)["v5"][0] ** 2,
    "cg.dx1": lambda: _grads(*NEURON)["x1"][1],
    "cg.dw1": lambda: _grads(*NEURON)["w1"][1],
    "cg.dx2": lambda: _grads(*NEURON)["x2"][1],
    "cg.dw2": lambda: _grads(*NEURON)["w2"][1],
    "cg.shared_dx": lambda: _grads(*SHARED)["x"][1],
}
