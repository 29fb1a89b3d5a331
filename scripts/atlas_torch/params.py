"""Parameters of the variants this server computes, checked as the engine checks them.

Each spec mirrors the variant's params() in core/variants/*.cpp: its kind, default and range.
A request's numbers and texts go through the same rules as core::setParam: an unknown name, a
value of the wrong kind or out of range is refused with the engine's sentence.
"""

import math

from .errors import format_number, invalid

INT, REAL, BOOL, TEXT = "int", "real", "bool", "text"


class Spec:
    def __init__(self, name, kind, default, low=0.0, high=0.0):
        self.name = name
        self.kind = kind
        self.default = default
        self.low = low
        self.high = high


def causal():
    return Spec("causal", BOOL, 0.0)


def heads(default):
    return Spec("heads", INT, float(default), 1, 256)


# In the order of each variant's params(): the order core::knownNames lists them in.
SPECS = {
    "scaled_dot": [causal(), Spec("scaled", BOOL, 1.0), Spec("valid_keys", INT, 0.0, 0, 1 << 24)],
    "distance": [causal()],
    "multi_head": [heads(4), causal()],
    "grouped_query": [heads(8), Spec("groups", INT, 2.0, 1, 256), causal()],
    "flash": [Spec("tile_q", INT, 32.0, 1, 4096), Spec("tile_k", INT, 32.0, 1, 4096), causal()],
    "block_local": [Spec("block", INT, 4.0, 1, 4096), causal()],
    "local_window": [Spec("window", INT, 2.0, 0, 4096), causal()],
    "strided": [Spec("stride", INT, 3.0, 1, 4096), causal()],
    "global_tokens": [Spec("global", INT, 1.0, 0, 4096), causal()],
    "mixed_heads": [heads(4), Spec("patterns", TEXT, "local,strided,global,full"), causal()],
    "sparse_fixed": [Spec("block", INT, 4.0, 1, 4096), Spec("summary", INT, 1.0, 0, 4096),
                     causal()],
    "dilated": [Spec("segment", INT, 4.0, 1, 4096), Spec("configs", INT, 3.0, 1, 16), causal()],
    "kmeans": [Spec("clusters", INT, 3.0, 1, 256), Spec("iters", INT, 10.0, 0, 100), causal()],
    "sinkhorn": [Spec("block", INT, 4.0, 1, 4096), Spec("iters", INT, 8.0, 0, 100),
                 Spec("tau", REAL, 0.75, 0.01, 100), Spec("other_block", BOOL, 1.0), causal()],
    "compressed": [Spec("pool", INT, 4.0, 1, 65536)],
    "linear": [causal()],
    "aft": [Spec("span", INT, 0.0, 0, 1048576), causal()],
}


class Params:
    """A variant's resolved parameters: every number and text, and the seed (echoed)."""

    def __init__(self, seed, numbers, texts):
        self.seed = seed
        self.numbers = numbers
        self.texts = texts

    def number(self, name):
        return self.numbers[name]

    def integer(self, name):
        return int(self.numbers[name])

    def flag(self, name):
        return self.numbers[name] != 0.0

    def text(self, name):
        return self.texts[name]


def exact_text(value):
    """The text the C++ codec turns a wire number into before parsing it (shortest repr)."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e17:
        return str(int(value))
    return repr(value)


def _known(specs):
    return ", ".join(s.name for s in specs)


def _set(values, texts, specs, variant, name, text):
    spec = next((s for s in specs if s.name == name), None)
    if spec is None:
        if not specs:
            raise invalid("Variant '%1' has no parameter '%2' (it has none).", variant, name)
        raise invalid("Variant '%1' has no parameter '%2' (it has %3).", variant, name,
                      _known(specs))
    if spec.kind == TEXT:
        texts[name] = text
        return
    if spec.kind == BOOL:
        if text in ("true", "1", "yes", "on"):
            values[name] = 1.0
        elif text in ("false", "0", "no", "off"):
            values[name] = 0.0
        else:
            raise invalid("Parameter '%1' of '%2' must be true or false, not '%3'.", name,
                          variant, text)
        return
    try:
        value = float(text)
        ok = math.isfinite(value) and text.strip() == text and "_" not in text
    except ValueError:
        ok = False
    if not ok or (spec.kind == INT and value != math.floor(value)):
        if spec.kind == INT:
            raise invalid("Parameter '%1' of '%2' must be a whole number, not '%3'.", name,
                          variant, text)
        raise invalid("Parameter '%1' of '%2' must be a number, not '%3'.", name, variant, text)
    if value < spec.low or value > spec.high:
        raise invalid("Parameter '%1' of '%2' must be between %3 and %4, not %5.", name, variant,
                      format_number(spec.low), format_number(spec.high), text)
    values[name] = value


def resolve(variant, wire_params):
    """The defaults of `variant` with the request's numbers and texts applied (as toParams).

    Matrices are refused: no variant this server computes has a matrix parameter."""
    specs = SPECS[variant]
    values = {s.name: s.default for s in specs if s.kind != TEXT}
    texts = {s.name: s.default for s in specs if s.kind == TEXT}
    for name in sorted(wire_params.numbers):
        _set(values, texts, specs, variant, name, exact_text(wire_params.numbers[name]))
    for name in sorted(wire_params.texts):
        _set(values, texts, specs, variant, name, wire_params.texts[name])
    for name in sorted(wire_params.matrices):
        if not any(s.name == name for s in specs):
            _set(values, texts, specs, variant, name, "")  # raises: no such parameter
        raise invalid("Parameter '%1' of '%2' is not a matrix: give its value, not a file.",
                      name, variant)
    return Params(wire_params.seed, values, texts)
