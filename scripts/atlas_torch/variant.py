"""What every variant served here provides, and the choices they share: which form the
weights take (dense, pooled or none) and the memory estimate a job is checked against."""

import math

from . import attention
from .errors import format_bytes, too_large


class Variant:
    """A variant of docs/variants.md computed with torch operators."""

    id = ""
    #: The output path can run through the device's fused attention operator.
    fused = False

    def heads(self, params):
        return 1

    def can_pool(self, params):
        """Whether the engine pools this variant's weights past the display budget
        (Variant::canPool): the dense softmax variants only."""
        return False

    def resident(self, dims, params):
        """Bytes of the engine's full result (Cost::resident) for the pooling decision; only
        for the variants that can pool."""
        return 0.0

    def compute(self, ctx, params):
        raise NotImplementedError

    def form(self, ctx, params):
        """"none" (output only), "pooled" (past the display budget, as the engine's planJob
        decides) or "dense"."""
        if ctx.output_only:
            return "none"
        if (ctx.display_budget > 0 and self.can_pool(params)
                and self.resident(ctx.dims, params) > ctx.display_budget):
            return "pooled"
        return "dense"

    def check_memory(self, ctx, params, limit):
        """Refuses the job (TooLarge, the engine's sentence) when this server's estimate of
        what it holds exceeds `limit` bytes (0: no limit)."""
        if limit <= 0:
            return
        n, m, dq, dk, dv = ctx.dims
        heads = self.heads(params)
        form = self.form(ctx, params)
        need = 4.0 * (n * dq + m * dk + m * dv) + 4.0 * n * dv * 2
        if form == "dense":
            need += heads * 5.0 * n * m
        elif form == "pooled":
            cells = attention.pooled_cells(n, ctx.pool.rows) * attention.pooled_cells(
                m, ctx.pool.cols)
            need += heads * 5.0 * cells
        item = ctx.q.element_size()
        need += 4.0 * item * min(n, attention.panel_rows(m)) * m
        if need > limit:
            raise too_large(
                "'%1' at N = %2, M = %3 needs about %4, more than the memory limit of %5.",
                self.id, n, m, format_bytes(need), format_bytes(limit))


def result_bytes(heads, n, m, dv_total):
    """core::resultBytes: weights and masks of every head, and the output."""
    return heads * n * m * 5.0 + 4.0 * n * dv_total


def ceil_div(a, b):
    return -(-a // b)


def inverse_sqrt(width):
    return 1.0 / math.sqrt(width) if width > 0 else float("inf")
