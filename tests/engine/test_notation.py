"""One notation across the engine's layers (the lessons'): the loss is E and
backward takes delta = ∂E/∂(output).  Checked on every Layer subclass."""
import inspect

import engine.conv
import engine.layers
import engine.pooling
import engine.recurrent  # noqa: F401  (imported so their layers are registered as subclasses)
from engine.layer import Layer


def _layers(cls=Layer):
    """Every subclass defined in the engine (not the ones tests make)."""
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("engine."):
            yield sub
        yield from _layers(sub)


def test_the_layers_are_all_found():
    names = {cls.__name__ for cls in _layers()}
    assert {"Dense", "Dropout", "Flatten", "Sigmoid", "Conv2D", "MaxPool2D", "AvgPool2D",
            "RNN", "LSTM", "GRU"} <= names


def test_every_backward_takes_delta():
    wrong = {}
    for cls in (Layer, *_layers()):
        params = list(inspect.signature(cls.backward).parameters)
        if params != ["self", "delta"]:
            wrong[cls.__name__] = params
    assert wrong == {}


def test_the_layer_modules_write_the_loss_as_E():
    for module in {inspect.getmodule(cls) for cls in (Layer, *_layers())}:
        text = inspect.getsource(module)
        assert "dL" not in text and "∂L" not in text, module.__name__
