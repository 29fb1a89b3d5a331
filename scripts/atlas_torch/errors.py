"""One-sentence errors, as the C++ engine raises them (core::Error).

A job error travels as a JobError: its English format with placeholders %1..%9 and the
arguments, so that the app can translate it. The formats used here are the engine's own
sentences where the engine has one for the same failure.
"""

# JobError.Kind numbers of atlas_device.proto.
INVALID_ARGUMENT = 0
BAD_FILE = 1
TOO_LARGE = 2
SHAPE_MISMATCH = 3


def fill(fmt, args):
    """The format with %1..%9 replaced by the arguments (as core::Error::fill): a placeholder
    without an argument stays as it is."""
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt) and "1" <= fmt[i + 1] <= "9":
            index = int(fmt[i + 1]) - 1
            if index < len(args):
                out.append(args[index])
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


class AtlasError(Exception):
    """A failure with a kind, an English format and its arguments."""

    def __init__(self, kind, fmt, args=()):
        self.kind = kind
        self.format = fmt
        self.args_ = [str(a) for a in args]
        super().__init__(fill(fmt, self.args_))

    @property
    def message(self):
        return fill(self.format, self.args_)


def invalid(fmt, *args):
    return AtlasError(INVALID_ARGUMENT, fmt, args)


def shape_mismatch(fmt, *args):
    return AtlasError(SHAPE_MISMATCH, fmt, args)


def too_large(fmt, *args):
    return AtlasError(TOO_LARGE, fmt, args)


def format_bytes(value):
    """Bytes as the engine prints them (core::formatBytes): 512 B, 1.5 KiB, 3.0 GiB."""
    units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    u = 0
    while value >= 1024 and u < 5:
        value /= 1024
        u += 1
    return "%.0f %s" % (value, units[u]) if u == 0 else "%.1f %s" % (value, units[u])


def format_number(value):
    """A number as the engine prints it (core::formatNumber): integers without a fraction."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return "%.9g" % value


# Sentences of the engine's variants (core/variants/common.h and the variant files).
QUERY_WIDTH = "'%1' needs queries as wide as the keys (%2 columns), but Q has %3."
HEADS_DIVIDE_WIDTH = ("'%1' needs the width of Q and K (%2) to be divisible by the number of "
                      "heads (%3).")
HEADS_DIVIDE_VALUES = "'%1' needs the width of V (%2) to be divisible by the number of heads (%3)."


def require_equal(variant, fmt, actual, expected):
    """The engine's requireEqual: a shape mismatch naming the expected and the actual size."""
    if actual != expected:
        raise shape_mismatch(fmt, variant, expected, actual)


def require_divisible(variant, fmt, value, by):
    """The engine's requireDivisible: value must divide by `by`."""
    if by <= 0 or value % by != 0:
        raise invalid(fmt, variant, value, by)
