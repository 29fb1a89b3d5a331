"""Softmax attention of one head by panels of query rows, and what a job's result holds.

Every softmax variant served here is one call of softmax_head per head: its scores (q k^T
times a scale, or another score matrix), the pattern of allowed pairs, optionally a
multiplicity per pair (LongNet's mixture) and component ids; the softmax is taken row by row
after subtracting the row's maximum over its allowed keys, a skipped pair has weight exactly
0 and a row without any allowed key is all zeros (docs/variants.md, conventions).

Rows are processed in panels so that no more than a few million scores are held at once; the
weights are either kept (N x M per head, float32, on the host), pooled to display resolution
as they are formed (core/pool_geometry.h), or dropped (the output alone).
"""

import torch

# Scores held at once per panel (rows x M): --panel-scores.
PANEL_SCORES = 1 << 21


class Cancelled(Exception):
    """The client went away or the server is stopping."""


class PoolSpec:
    """Display resolution of pooled weights: at most rows x cols cells, max or mean."""

    def __init__(self, rows=1024, cols=1024, mean=False):
        self.rows = rows
        self.cols = cols
        self.mean = mean


def pooled_cells(n, cells):
    """core::pooledCells: min(cells, n), at least 1."""
    return max(1, min(max(cells, 1), n))


def pool_start(a, n, cells):
    """core::poolStart: cell a of `cells` over n entries starts at floor(a n / cells)."""
    return a * n // cells


def cell_index(n, cells, device):
    """The cell of every entry 0..n-1 (core::poolCell)."""
    i = torch.arange(n, device=device, dtype=torch.int64)
    return ((i + 1) * cells - 1) // n


def pooled_mask(n, m, rows, cols, causal):
    """core::pooledMask: 1 where a cell's block holds a computed pair (causal: its first key
    is at or before its last query)."""
    a = torch.arange(rows, dtype=torch.int64)
    b = torch.arange(cols, dtype=torch.int64)
    last_row = (a + 1) * n // rows - 1
    first_key = b * m // cols
    if not causal:
        return torch.ones(rows, cols, dtype=torch.uint8)
    return (first_key[None, :] <= last_row[:, None]).to(torch.uint8)


class Trace:
    """What the teaching views draw, as far as the variants served here record it."""

    def __init__(self):
        self.tiles = None      # (tile_rows, tile_cols, causal, order, running_max, running_sum)
        self.routing = None    # (block, routing, block_scores)
        self.reduced = None    # P' (N x k)
        self.orders = None     # (features, causal, flops 1 x 2, random_features)
        self.query_buckets = []  # per head: int32 vector
        self.key_buckets = []


class Result:
    """One job's result, on the host, as the wire sends it."""

    def __init__(self, variant, params, dims):
        self.variant = variant
        self.params = params
        self.dims = dims          # (n, m, dq, dk, dv) of the inputs it ran on
        self.output = None        # float32 N x dv_total
        self.form = "none"        # "none", "dense" or "pooled"
        self.weights = []         # per head: float32 N x M (dense) or the cells (pooled)
        self.masks = []           # per head: uint8, same shape
        self.components = []      # dense, optional: per head uint8 N x M
        self.pooled_max = True
        self.score_evaluations = 0
        self.component_names = []
        self.trace = Trace()
        self.native = False       # computed by the device's fused operator


class Context:
    """What a job computes on: the backend, Q, K and V on the device, and what to form."""

    def __init__(self, backend, q, k, v, output_only, pool, display_budget, check):
        self.backend = backend
        self.q = q
        self.k = k
        self.v = v
        self.output_only = output_only
        self.pool = pool
        self.display_budget = display_budget
        self.check = check  # raises Cancelled when the job must stop

    @property
    def dims(self):
        return (self.q.shape[0], self.k.shape[0], self.q.shape[1], self.k.shape[1],
                self.v.shape[1])


class HeadOut:
    """One head: its output (device) and its weights in the form asked for."""

    def __init__(self):
        self.output = None
        self.weights = None
        self.mask = None
        self.components = None
        self.pairs = 0  # allowed pairs (mask ones)


def panel_rows(m, cap=None):
    """Query rows per panel against m keys (at most `cap`)."""
    rows = max(1, PANEL_SCORES // max(m, 1))
    return rows if cap is None else min(rows, cap)


def set_panel_scores(scores):
    global PANEL_SCORES
    PANEL_SCORES = max(1, int(scores))


def softmax_head(ctx, scores, v, pattern, form, pool=None, on_panel=None):
    """One head of softmax attention.

    scores(i0, i1): the raw scores of query rows [i0, i1) against every key (rows x M, on the
    device). pattern(i0, i1): (allowed, multiplicity, components) for those rows, each rows x M
    or None (None allowed: every pair). form: "dense" keeps weights, mask (and components),
    "pooled" pools the weights to pool's cells (PoolSpec), "none" forms the output alone.
    on_panel(i0, i1, masked_scores), optional, sees each panel's scores with the masked pairs
    at -inf (flash's records)."""
    n, m = ctx.q.shape[0], v.shape[0]
    device, dtype = v.device, v.dtype
    out = HeadOut()
    out.output = torch.zeros(n, v.shape[1], device=device, dtype=dtype)
    if form == "dense":
        out.weights = torch.zeros(n, m, dtype=torch.float32)
        out.mask = torch.zeros(n, m, dtype=torch.uint8)
    if form == "pooled":
        rows, cols = pooled_cells(n, pool.rows), pooled_cells(m, pool.cols)
        row_cell = cell_index(n, rows, device)
        col_cell = cell_index(m, cols, device)
        cells = torch.zeros(rows, cols, device=device, dtype=dtype)
    step = panel_rows(m)
    for i0 in range(0, n, step):
        ctx.check()
        i1 = min(n, i0 + step)
        s = scores(i0, i1)
        allowed, multiplicity, components = pattern(i0, i1)
        if allowed is not None:
            s = s.masked_fill(~allowed, float("-inf"))
            out.pairs += int(allowed.sum())
        else:
            out.pairs += (i1 - i0) * m
        if on_panel is not None:
            on_panel(i0, i1, s)
        top = s.amax(dim=1, keepdim=True)  # a row without allowed keys: -inf, shifted by 0
        top = torch.where(torch.isfinite(top), top, torch.zeros_like(top))
        e = torch.exp(s - top)
        if multiplicity is not None:
            e = e * multiplicity
        total = e.sum(dim=1, keepdim=True)
        usable = (total > 0) & torch.isfinite(total)
        w = e * torch.where(usable, 1.0 / torch.where(usable, total, torch.ones_like(total)),
                            torch.zeros_like(total))
        out.output[i0:i1] = w @ v
        if form == "dense":
            out.weights[i0:i1] = w.to(device="cpu", dtype=torch.float32)
            if allowed is None:
                out.mask[i0:i1] = 1
            else:
                out.mask[i0:i1] = allowed.to(device="cpu", dtype=torch.uint8)
            if components is not None:
                if out.components is None:
                    out.components = torch.zeros(n, m, dtype=torch.uint8)
                out.components[i0:i1] = components.to("cpu", torch.uint8)
        elif form == "pooled":
            reduce = "sum" if pool.mean else "amax"
            by_col = torch.zeros(i1 - i0, cols, device=device, dtype=dtype)
            by_col.scatter_reduce_(1, col_cell.expand(i1 - i0, m), w, reduce)
            rc = row_cell[i0:i1, None].expand(i1 - i0, cols)
            cells.scatter_reduce_(0, rc, by_col, reduce)
    if form == "pooled":
        if pool.mean:
            sizes_r = torch.diff(torch.tensor([pool_start(a, n, rows) for a in range(rows + 1)]))
            sizes_c = torch.diff(torch.tensor([pool_start(b, m, cols) for b in range(cols + 1)]))
            cells = cells / (sizes_r[:, None] * sizes_c[None, :]).to(device=device, dtype=dtype)
        out.weights = cells.to(device="cpu", dtype=torch.float32)
    return out


def dot_scores(q, k, scale):
    """Scores q_i . k_j * scale of rows [i0, i1)."""
    kt = k.transpose(0, 1)
    return lambda i0, i1: (q[i0:i1] @ kt) * scale


def finish_heads(result, heads, ctx, form, pool=None, causal=False):
    """Puts per-head outputs side by side and the heads' weights into the result."""
    result.output = torch.cat([h.output for h in heads], dim=1).to("cpu", torch.float32)
    result.form = form
    if form == "none":
        return
    result.weights = [h.weights for h in heads]
    if form == "pooled":
        n, m = ctx.q.shape[0], ctx.k.shape[0]
        rows, cols = pooled_cells(n, pool.rows), pooled_cells(m, pool.cols)
        result.masks = [pooled_mask(n, m, rows, cols, causal) for _ in heads]
        result.pooled_max = not pool.mean
        return
    result.masks = [h.mask for h in heads]
    if any(h.components is not None for h in heads):
        result.components = [h.components if h.components is not None
                             else torch.zeros_like(h.mask) for h in heads]
