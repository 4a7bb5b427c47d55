"""Checked numbers of lesson optimizers: the first steps of each engine
optimizer on f(θ) = θ² (g = 2θ) from θ = 1 with η = 0.1 and the usual
γ = 0.9, ρ = 0.9, β₁ = 0.9, β₂ = 0.999, ε = 1e-8."""


def _make(name):
    from engine.optimizers import SGD, AdaGrad, Adam, Momentum, RMSProp

    return {"sgd": lambda: SGD(0.1), "momentum": lambda: Momentum(0.1, gamma=0.9),
            "adagrad": lambda: AdaGrad(0.1), "rmsprop": lambda: RMSProp(0.1, rho=0.9),
            "adam": lambda: Adam(0.1)}[name]()


def _theta(name, steps, theta0=1.0):
    import numpy as np

    opt, theta = _make(name), np.array([theta0])
    for _ in range(steps):
        opt.begin_step()
        opt.update("theta", theta, 2 * theta)
    return float(theta[0])


def _memory(name, index):
    """The optimizer's memory (v, r, or m and v) after one step."""
    import numpy as np

    opt, theta = _make(name), np.array([1.0])
    opt.begin_step()
    opt.update("theta", theta, 2 * theta)
    return float(opt.state["theta"][index][0])


FACTS = {
    "opt.sgd1": lambda: _theta("sgd", 1),
    "opt.sgd2": lambda: _theta("sgd", 2),
    "opt.sgd3": lambda: _theta("sgd", 3),
    "opt.mom_v1": lambda: _memory("momentum", 0),
    "opt.mom1": lambda: _theta("momentum", 1),
    "opt.mom_g2": lambda: 2 * _theta("momentum", 1),
    "opt.mom_v2": lambda: _theta("momentum", 1) - _theta("momentum", 2),
    "opt.mom2": lambda: _theta("momentum", 2),
    "opt.mom3": lambda: _theta("momentum", 3),
    "opt.ada_r1": lambda: _memory("adagrad", 0),
    "opt.ada1": lambda: _theta("adagrad", 1),
    "opt.ada2": lambda: _theta("adagrad", 2),
    "opt.ada3": lambda: _theta("adagrad", 3),
    "opt.ada_s1": lambda: 1 - _theta("adagrad", 1),
    "opt.ada_s2": lambda: _theta("adagrad", 1) - _theta("adagrad", 2),
    "opt.ada_s3": lambda: _theta("adagrad", 2) - _theta("adagrad", 3),
    "opt.b1_50": lambda: 0.9 ** 50,
    "opt.rms_r1": lambda: _memory("rmsprop", 0),
    "opt.rms1": lambda: _theta("rmsprop", 1),
    "opt.rms_step1": lambda: 1 - _theta("rmsprop", 1),
    "opt.rms2": lambda: _theta("rmsprop", 2),
    "opt.adam_m1": lambda: _memory("adam", 0),
    "opt.adam_v1": lambda: _memory("adam", 1),
    "opt.adam_mhat1": lambda: _memory("adam", 0) / (1 - 0.9),
    "opt.adam_vhat1": lambda: _memory("adam", 1) / (1 - 0.999),
    "opt.adam1": lambda: _theta("adam", 1),
    "opt.adam2": lambda: _theta("adam", 2),
    # the seed's sign (θ ← θ + v with v = γv + ηg) walks uphill: θ = 1 + 0.2
    "opt.wrong_sign1": lambda: 1.0 + _memory("momentum", 0),
    # the first Adam step with a gradient 1000 times smaller is just as long
    "opt.adam_tiny1": lambda: _theta("adam", 1, theta0=0.001),
}
