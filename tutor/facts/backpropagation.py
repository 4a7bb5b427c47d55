"""Checked numbers of lesson backpropagation: the classic 2-2-2 sigmoid example.

Inputs 0.05, 0.10; w1..w4 = 0.15, 0.20, 0.25, 0.30, b1 = 0.35;
w5..w8 = 0.40, 0.45, 0.50, 0.55, b2 = 0.60; targets 0.01, 0.99; lr 0.5;
E = ½ Σ (out − target)² (the engine's MSE for a batch of one).
Computed by engine.backprop_example (the engine's own training-step events).
"""
_LR = 0.5


def _run():
    """One training step of engine.backprop_example; every number by the example's name."""
    from engine.backprop_example import events

    named, updated = {}, {}
    for event in events(lr=_LR, iterations=1):
        if event.kind == "update":
            updated.update(event.values)          # the new weights
        else:
            for key, value in event.values.items():
                named.setdefault(key, value)      # the first value: before anything changed
    return {
        "net_h1": named["net_h1"], "out_h1": named["out_h1"], "out_h2": named["out_h2"],
        "net_o1": named["net_o1"], "out_o1": named["out_o1"], "out_o2": named["out_o2"],
        "E_o1": named["E_o1"], "E_o2": named["E_o2"], "E": named["E_total"],
        "dE_dout_o1": named["∂E/∂out_o1"], "dout_dnet_o1": named["∂out_o1/∂net_o1"],
        "delta_o1": named["∂E/∂net_o1"], "delta_o2": named["∂E/∂net_o2"],
        "dE_dw5": named["∂E/∂w5"], "w5_new": updated["w5"],
        "dE_dout_h1": named["∂E/∂out_h1"], "dout_dnet_h1": named["∂out_h1/∂net_h1"],
        "delta_h1": named["∂E/∂net_h1"],
        "dE_dw1": named["∂E/∂w1"], "w1_new": updated["w1"],
    }


_cache = {}


def _v(name):
    if not _cache:
        _cache.update(_run())
    return float(_cache[name])


_NAMES = ["net_h1", "out_h1", "out_h2", "net_o1", "out_o1", "out_o2", "E_o1", "E_o2", "E",
          "dE_dout_o1", "dout_dnet_o1", "delta_o1", "delta_o2", "dE_dw5", "w5_new",
          "dE_dout_h1", "dout_dnet_h1", "delta_h1", "dE_dw1", "w1_new"]
FACTS = {f"bp.{name}": (lambda n=name: _v(n)) for name in _NAMES}
