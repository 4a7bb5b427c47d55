"""Wrong on purpose: the engine is what checks the exercises, it cannot be borrowed."""
from engine.activations import sigmoid, sigmoid_prime  # noqa: F401
