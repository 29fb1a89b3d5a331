"""Dense scoring and FlashAttention: scaled_dot, distance, multi_head, grouped_query, flash
(docs/variants.md, "Dense scoring" and "Same result, another schedule")."""

import torch

from . import patterns
from .attention import Result, dot_scores, finish_heads, softmax_head
from .errors import (HEADS_DIVIDE_VALUES, HEADS_DIVIDE_WIDTH, QUERY_WIDTH, require_divisible,
                     require_equal)
from .variant import Variant, ceil_div, inverse_sqrt, result_bytes


def fused_heads(ctx, q_heads, k_groups, v_groups, scale, causal):
    """The output through the device's fused operator, heads side by side; None when it has
    none or refused the inputs. q_heads: h x N x dh, k_groups and v_groups: g x M x d."""
    if not ctx.backend.has_fused():
        return None
    out = ctx.backend.fused(q_heads, k_groups, v_groups, scale, causal)
    if out is None:
        return None
    h, n, dvh = out.shape
    return out.transpose(0, 1).reshape(n, h * dvh).to("cpu", torch.float32)


def split(x, parts):
    """Column slices of x (rows x parts*w) as parts x rows x w."""
    rows, width = x.shape
    return x.reshape(rows, parts, width // parts).transpose(0, 1)


def single_head(variant, ctx, p, scale, k, v, pattern, causal, on_panel=None):
    """One head over the whole width (scaled_dot, distance, flash)."""
    r = Result(variant.id, p, ctx.dims)
    form = variant.form(ctx, p)
    head = softmax_head(ctx, dot_scores(ctx.q, k, scale), v, pattern, form, ctx.pool, on_panel)
    finish_heads(r, [head], ctx, form, ctx.pool, causal)
    return r, head


class ScaledDot(Variant):
    """S = q k^T / sqrt(dk) (scaled off: q k^T); valid_keys v > 0 masks the keys j >= v."""

    id = "scaled_dot"
    fused = True

    def can_pool(self, p):
        return p.flag("scaled") and p.integer("valid_keys") == 0

    def resident(self, dims, p):
        n, m, _, _, dv = dims
        return result_bytes(1, n, m, dv)

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        scale = inverse_sqrt(dk) if p.flag("scaled") else 1.0
        causal = p.flag("causal")
        valid = min(p.integer("valid_keys"), m) if p.integer("valid_keys") > 0 else m
        if self.form(ctx, p) == "none":
            out = fused_heads(ctx, ctx.q[None], ctx.k[None, :valid], ctx.v[None, :valid], scale,
                              causal)
            if out is not None:
                r = Result(self.id, p, ctx.dims)
                r.output, r.native, r.score_evaluations = out, True, n * valid
                return r
        pattern = patterns.prefix(m, valid, causal, ctx.q.device)
        r, _ = single_head(self, ctx, p, scale, ctx.k, ctx.v, pattern, causal)
        r.score_evaluations = n * valid
        return r


class Distance(Variant):
    """S = (q . k - |k|^2 / 2) / sqrt(dk)."""

    id = "distance"

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        causal = p.flag("causal")
        scale = inverse_sqrt(dk)
        half_norm = 0.5 * (ctx.k * ctx.k).sum(dim=1)
        kt = ctx.k.transpose(0, 1)
        r = Result(self.id, p, ctx.dims)
        form = self.form(ctx, p)
        head = softmax_head(ctx, lambda i0, i1: (ctx.q[i0:i1] @ kt - half_norm) * scale, ctx.v,
                            patterns.full(m, causal, ctx.q.device), form)
        finish_heads(r, [head], ctx, form)
        r.score_evaluations = n * m
        return r


def grouped(variant, ctx, p, heads, groups, dh, dvh):
    """h query heads over g key/value slices: head a reads slice a // (h / g), scale
    1/sqrt(dh) (multi_head: g = h)."""
    n, m = ctx.dims[0], ctx.dims[1]
    causal = p.flag("causal")
    scale = inverse_sqrt(dh)
    r = Result(variant.id, p, ctx.dims)
    r.score_evaluations = heads * n * m
    form = variant.form(ctx, p)
    if form == "none":
        out = fused_heads(ctx, split(ctx.q, heads), split(ctx.k, groups), split(ctx.v, groups),
                          scale, causal)
        if out is not None:
            r.output, r.native = out, True
            return r
    pattern = patterns.full(m, causal, ctx.q.device)
    outs = []
    for a in range(heads):
        g = a // (heads // groups)
        q = ctx.q[:, a * dh:(a + 1) * dh]
        k = ctx.k[:, g * dh:(g + 1) * dh]
        v = ctx.v[:, g * dvh:(g + 1) * dvh]
        outs.append(softmax_head(ctx, dot_scores(q, k, scale), v, pattern, form, ctx.pool))
    finish_heads(r, outs, ctx, form, ctx.pool, causal)
    return r


class MultiHead(Variant):
    """scaled_dot on h column slices, scale 1/sqrt(dh), outputs concatenated."""

    id = "multi_head"
    fused = True

    def heads(self, p):
        return p.integer("heads")

    def can_pool(self, p):
        return True

    def resident(self, dims, p):
        n, m, _, _, dv = dims
        h = p.integer("heads")
        return result_bytes(h, n, m, (dv // h) * h)

    def compute(self, ctx, p):
        _, _, dq, dk, dv = ctx.dims
        h = p.integer("heads")
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        require_divisible(self.id, HEADS_DIVIDE_WIDTH, dk, h)
        require_divisible(self.id, HEADS_DIVIDE_VALUES, dv, h)
        return grouped(self, ctx, p, h, h, dk // h, dv // h)


class GroupedQuery(Variant):
    """h query heads share g key/value groups: K has g dh columns, V g dvh."""

    id = "grouped_query"
    fused = True

    def heads(self, p):
        return p.integer("heads")

    def can_pool(self, p):
        return True

    def resident(self, dims, p):
        n, m, _, _, dv = dims
        h, g = p.integer("heads"), p.integer("groups")
        return result_bytes(h, n, m, (dv // g) * h)

    def compute(self, ctx, p):
        _, _, dq, dk, dv = ctx.dims
        h, g = p.integer("heads"), p.integer("groups")
        require_divisible(self.id, "'%1' needs the number of heads (%2) to be divisible by the "
                          "number of groups (%3).", h, g)
        require_divisible(self.id, HEADS_DIVIDE_WIDTH, dq, h)
        dh = dq // h
        require_equal(self.id, "'%1' needs K with groups x dq / heads = %2 columns, but K has "
                      "%3.", dk, g * dh)
        require_divisible(self.id, "'%1' needs the width of V (%2) to be divisible by the number "
                          "of groups (%3).", dv, g)
        return grouped(self, ctx, p, h, g, dh, dv // g)


class Flash(Variant):
    """Exactly scaled_dot, with FlashAttention's records: the tile order and every row's
    running max m and sum l after each key tile (core/flash_steps.h)."""

    id = "flash"
    fused = True

    def can_pool(self, p):
        return True

    def key_tiles(self, n, m, p):
        """The key tiles of every query tile (core::flashKeyTiles), as a vector."""
        br, bc, causal = p.integer("tile_q"), p.integer("tile_k"), p.flag("causal")
        tiles = ceil_div(m, bc)
        t = torch.arange(ceil_div(n, br), dtype=torch.int64)
        if not causal:
            return torch.full_like(t, tiles)
        last_row = torch.clamp((t + 1) * br, max=n) - 1
        return torch.clamp(last_row // bc + 1, max=tiles)

    def order(self, n, m, p):
        """core::flashTileOrder: (query tile, key tile) of every step, query tiles outer."""
        counts = self.key_tiles(n, m, p)
        t = torch.arange(len(counts)).repeat_interleave(counts)
        first = torch.cumsum(counts, 0) - counts  # the first step of each query tile
        kt = torch.arange(len(t)) - first.repeat_interleave(counts)
        return torch.stack([t, kt], dim=1).to(torch.float32)

    def resident(self, dims, p):
        n, m, _, _, dv = dims
        bc = p.integer("tile_k")
        steps = int(self.key_tiles(n, m, p).sum())
        return result_bytes(1, n, m, dv) + 4.0 * (2.0 * steps + 2.0 * n * ceil_div(m, bc))

    def tile_pairs(self, n, m, p):
        """Pairs inside the computed tiles: rows of each query tile x the keys of its tiles."""
        br, bc = p.integer("tile_q"), p.integer("tile_k")
        t = torch.arange(ceil_div(n, br), dtype=torch.int64)
        rows = torch.clamp(n - t * br, max=br)
        return int((rows * torch.clamp(self.key_tiles(n, m, p) * bc, max=m)).sum())

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        causal, bc = p.flag("causal"), p.integer("tile_k")
        scale = inverse_sqrt(dk)
        form = self.form(ctx, p)
        if form == "none":
            out = fused_heads(ctx, ctx.q[None], ctx.k[None], ctx.v[None], scale, causal)
            if out is not None:
                r = Result(self.id, p, ctx.dims)
                r.output, r.native = out, True
                r.score_evaluations = self.tile_pairs(n, m, p)
                return r
        k_tiles = ceil_div(m, bc)
        run_max = torch.empty(n, k_tiles, dtype=torch.float32)
        run_sum = torch.empty(n, k_tiles, dtype=torch.float32)

        def record(i0, i1, s):
            # Per row and key tile: the tile's max, the running max through it, and the
            # running sum relative to that max, l_t = l_(t-1) exp(m_(t-1) - m_t) + the tile's
            # sum of exp(s - m_t) (the online softmax of core/simd/attention_online.inc).
            rows = i1 - i0
            padded = torch.full((rows, k_tiles * bc), float("-inf"), device=s.device,
                                dtype=s.dtype)
            padded[:, :m] = s
            tiles = padded.view(rows, k_tiles, bc)
            m_run = torch.cummax(tiles.amax(dim=2), dim=1).values
            shift = torch.where(torch.isfinite(m_run), m_run, torch.zeros_like(m_run))
            sums = torch.exp(tiles - shift[:, :, None]).sum(dim=2)
            l_run = torch.empty_like(sums)
            l_run[:, 0] = sums[:, 0]
            for t in range(1, k_tiles):
                alpha = torch.exp(m_run[:, t - 1] - shift[:, t])
                l_run[:, t] = l_run[:, t - 1] * alpha + sums[:, t]
            run_max[i0:i1] = m_run.to("cpu", torch.float32)
            run_sum[i0:i1] = l_run.to("cpu", torch.float32)

        on_panel = record if form == "dense" else None
        pattern = patterns.full(m, causal, ctx.q.device)
        r, _ = single_head(self, ctx, p, scale, ctx.k, ctx.v, pattern, causal, on_panel)
        r.score_evaluations = self.tile_pairs(n, m, p)
        if form == "dense":
            r.trace.tiles = (p.integer("tile_q"), bc, causal, self.order(n, m, p), run_max,
                             run_sum)
        return r


VARIANTS = [ScaledDot(), Distance(), MultiHead(), GroupedQuery(), Flash()]
