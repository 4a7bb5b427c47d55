"""The JSON format between dltutor and the checking process.

Arrays travel as {"array": [numbers], "shape": [...]}, tuples as {"tuple": [...]},
lists as {"list": [...]}, a test function as {"fn": name}; anything else a
student's function returns becomes {"other": type name}.  Never pickle: the
checking process runs a student's code, and dltutor must not unpickle what
that process sends back.
"""
from __future__ import annotations

import math

MAX_ENTRIES = 2_000_000     # a larger array is reported, not sent
MAX_DEPTH = 6


def _number(x):
    x = float(x)
    return x


def encode(value, depth: int = 0):
    """A value (from either side) as JSON-ready data."""
    import numpy as np

    if depth > MAX_DEPTH:
        return {"other": "deeply nested value"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            return {"other": f"array of {value.dtype}"}
        if value.size > MAX_ENTRIES:
            return {"other": f"array of {value.size} numbers"}
        return {"array": [_number(v) for v in value.ravel().tolist()], "shape": list(value.shape)}
    if isinstance(value, np.generic):
        if value.dtype.kind in "biuf":
            return bool(value) if value.dtype.kind == "b" else float(value)
        return {"other": type(value).__name__}
    if isinstance(value, tuple):
        return {"tuple": [encode(v, depth + 1) for v in value[:64]]}
    if isinstance(value, list):
        if len(value) > MAX_ENTRIES:
            return {"other": f"list of {len(value)} items"}
        return {"list": [encode(v, depth + 1) for v in value]}
    if callable(value) and getattr(value, "wire_name", None):
        return {"fn": value.wire_name}
    return {"other": type(value).__name__}


def decode(data, depth: int = 0, functions=None):
    """The value back; `functions` turns {"fn": name} into a callable (the child's side)."""
    import numpy as np

    if depth > MAX_DEPTH + 1:
        return Other("deeply nested value")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):              # only inside our own containers
        return Other("list")
    if not isinstance(data, dict):
        return Other(type(data).__name__)
    if "array" in data:
        values, shape = data.get("array"), data.get("shape")
        if not (isinstance(values, list) and isinstance(shape, list)
                and all(isinstance(n, int) and n >= 0 for n in shape) and math.prod(shape) == len(values)
                and all(isinstance(v, (int, float)) for v in values)):
            return Other("malformed array")
        return np.array(values, dtype=float).reshape(shape)
    if "tuple" in data and isinstance(data["tuple"], list):
        return tuple(decode(v, depth + 1, functions) for v in data["tuple"])
    if "list" in data and isinstance(data["list"], list):
        return [decode(v, depth + 1, functions) for v in data["list"]]
    if "fn" in data and functions is not None:
        return functions[data["fn"]]
    return Other(str(data.get("other", "value"))[:80])


class Other:
    """Something that is not a number, an array, a tuple or a list (its type name)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Other({self.name!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Other) and other.name == self.name
