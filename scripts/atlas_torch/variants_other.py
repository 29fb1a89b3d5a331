"""Variants beyond dense and fixed patterns: compressed (fewer keys), linear (another
multiplication order), aft (no query-key product), kmeans and sinkhorn (data-dependent
patterns). docs/variants.md defines each; the engine's files are core/variants/<id>.cpp.

The routing of kmeans and sinkhorn is decided in float64 on the host, as the engine decides it
in double, so that rounding never picks another cluster or block.
"""

import math

import torch

from . import attention, patterns
from .attention import Result, dot_scores, finish_heads, softmax_head
from .errors import QUERY_WIDTH, invalid, require_equal, shape_mismatch
from .variant import Variant, ceil_div, inverse_sqrt


def causal_pairs(n, m, causal):
    """core::causalPairs: allowed pairs with j <= i (all n m without causal)."""
    if not causal:
        return n * m
    full = min(n, m)
    return full * (full + 1) // 2 + max(0, n - m) * m


def window_means(x, c):
    """The mean (sum / length) of each window of c consecutive rows; the last may be shorter."""
    rows = x.shape[0]
    full = rows // c
    parts = []
    if full:
        parts.append(x[:full * c].reshape(full, c, x.shape[1]).sum(dim=1) / c)
    if rows % c:
        parts.append(x[full * c:].sum(dim=0, keepdim=True) / (rows % c))
    return torch.cat(parts)


class Compressed(Variant):
    """Keys and values mean-pooled over windows of c rows; P' = softmax(Q K'^T scale); the
    implied N x M map gives key j in window w the weight P'[i, w] / |w|."""

    id = "compressed"

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        c = p.integer("pool")
        kp, vp = window_means(ctx.k, c), window_means(ctx.v, c)
        windows = kp.shape[0]
        reduced = softmax_head(ctx, dot_scores(ctx.q, kp, inverse_sqrt(dk)), vp,
                               patterns.full(windows, False, ctx.q.device), "dense")
        r = Result(self.id, p, ctx.dims)
        r.output = reduced.output.to("cpu", torch.float32)
        r.score_evaluations = n * windows
        r.trace.reduced = reduced.weights
        if self.form(ctx, p) != "none":
            sizes = torch.full((windows,), c, dtype=torch.int64)
            sizes[-1] = m - (windows - 1) * c
            per_key = (reduced.weights / sizes.to(torch.float32)).repeat_interleave(sizes, dim=1)
            r.form = "dense"
            r.weights = [per_key.contiguous()]
            r.masks = [torch.ones(n, m, dtype=torch.uint8)]
        return r


def state_key_rows(n, m, causal):
    """core::stateKeyRows, with core::CausalChunks' plan of the causal path."""
    if not causal:
        return m
    chunks = min(32, max(1, (n + 63) // 64))
    length = ceil_div(n, chunks)
    return min(n, m) + min(m, (chunks - 1) * length)


def order_flops(n, m, f, dv, causal):
    """core::orderFlops: the flops of the cheap and of the quadratic order."""
    keys = state_key_rows(n, m, causal)
    cheap = keys * (2.0 * f * dv + f) + 2.0 * n * f * dv + 2.0 * n * f + n * dv
    quadratic = causal_pairs(n, m, causal) * (2.0 * f + 2.0 + 2.0 * dv)
    return cheap, quadratic


class Linear(Variant):
    """phi(x) = elu(x) + 1; O = phi(Q) (phi(K)^T V) / phi(Q) (phi(K)^T 1), causal by prefix
    sums; the implied weights phi(q_i).phi(k_j) / sum_j' for display only."""

    id = "linear"

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        causal = p.flag("causal")
        phi_q = ctx.q.clamp(min=0) + torch.exp(ctx.q.clamp(max=0))
        phi_k = ctx.k.clamp(min=0) + torch.exp(ctx.k.clamp(max=0))
        r = Result(self.id, p, ctx.dims)
        r.output = self.output(ctx, phi_q, phi_k, causal).to("cpu", torch.float32)
        if self.form(ctx, p) == "none":
            return r
        weights = torch.zeros(n, m, dtype=torch.float32)
        mask = torch.zeros(n, m, dtype=torch.uint8)
        pattern = patterns.full(m, causal, ctx.q.device)
        step = attention.panel_rows(m)
        for i0 in range(0, n, step):
            ctx.check()
            i1 = min(n, i0 + step)
            a = phi_q[i0:i1] @ phi_k.transpose(0, 1)
            allowed, _, _ = pattern(i0, i1)
            if allowed is not None:
                a = a * allowed
            total = a.sum(dim=1, keepdim=True)
            usable = (total > 0) & torch.isfinite(total)
            a = torch.where(usable, a / torch.where(usable, total, torch.ones_like(total)),
                            torch.zeros_like(a))
            weights[i0:i1] = a.to("cpu", torch.float32)
            mask[i0:i1] = 1 if allowed is None else allowed.to("cpu", torch.uint8)
        r.form, r.weights, r.masks = "dense", [weights], [mask]
        r.score_evaluations = causal_pairs(n, m, causal)
        cheap, quadratic = order_flops(n, m, dk, dv, causal)
        r.trace.orders = (dk, causal, torch.tensor([[cheap, quadratic]], dtype=torch.float32),
                          False)
        return r

    def output(self, ctx, phi_q, phi_k, causal):
        """The cheap order: an f x dv state (causal: one per row, by chunks of rows)."""
        n, m, f, dv = phi_q.shape[0], phi_k.shape[0], phi_q.shape[1], ctx.v.shape[1]

        def finish(num, den):
            usable = (den > 0) & torch.isfinite(den)
            safe = torch.where(usable, den, torch.ones_like(den))
            return torch.where(usable, num / safe, torch.zeros_like(num))

        if not causal:
            kv = phi_k.transpose(0, 1) @ ctx.v
            z = phi_k.sum(dim=0)
            return finish(phi_q @ kv, (phi_q @ z)[:, None])
        out = torch.zeros(n, dv, device=ctx.v.device, dtype=ctx.v.dtype)
        state = torch.zeros(f, dv, device=ctx.v.device, dtype=ctx.v.dtype)
        z = torch.zeros(f, device=ctx.v.device, dtype=ctx.v.dtype)
        chunk = attention.panel_rows(f * dv)
        for c0 in range(0, n, chunk):
            ctx.check()
            c1 = min(n, c0 + chunk)
            keys = max(0, min(c1, m) - c0)  # key j first counts for row i = j
            if keys > 0:
                outer = phi_k[c0:c0 + keys, :, None] * ctx.v[c0:c0 + keys, None, :]
                states = state + outer.cumsum(dim=0)
                zs = z + phi_k[c0:c0 + keys].cumsum(dim=0)
                state, z = states[-1], zs[-1]
            rows = torch.arange(c0, c1, device=ctx.v.device)
            inside = rows < m
            num = torch.empty(c1 - c0, dv, device=ctx.v.device, dtype=ctx.v.dtype)
            den = torch.empty(c1 - c0, 1, device=ctx.v.device, dtype=ctx.v.dtype)
            q = phi_q[c0:c1]
            if keys > 0:
                num[:keys] = torch.einsum("rf,rfd->rd", q[:keys], states)
                den[:keys] = (q[:keys] * zs).sum(dim=1, keepdim=True)
            rest = ~inside
            if rest.any():  # rows past the last key see every key
                num[keys:] = q[keys:] @ state
                den[keys:] = (q[keys:] @ z)[:, None]
            out[c0:c1] = finish(num, den)
        return out


class Aft(Variant):
    """AFT-local: O[i, c] = sigmoid(q_ic) sum_j exp(k_jc) v_jc / sum_j exp(k_jc) over the
    window [i - s, i + s] (causal: [i - s, i]); implied P[i, j] = the mean over channels of
    the normalised exp(k_jc). span 0: every key (AFT-simple)."""

    id = "aft"

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        if dq != dk or dk != dv:
            raise shape_mismatch("'%1' works channel by channel and needs Q, K and V of the same "
                                 "width, but they have %2, %3 and %4 columns.", self.id, dq, dk,
                                 dv)
        s = p.integer("span") if p.integer("span") > 0 else max(n, m)
        if n > m + s:
            raise invalid("'%1' with span %2 leaves query row %3 without any key (M = %4): use "
                          "a larger span.", self.id, s, m + s, m)
        causal = p.flag("causal")
        display = self.form(ctx, p) != "none"
        r = Result(self.id, p, ctx.dims)
        out = torch.empty(n, dv, device=ctx.v.device, dtype=ctx.v.dtype)
        if display:
            weights = torch.zeros(n, m, dtype=torch.float32)
            mask = torch.zeros(n, m, dtype=torch.uint8)
        gate = torch.sigmoid(ctx.q)
        step = attention.panel_rows(m, 256)
        pairs = 0
        for i0 in range(0, n, step):
            ctx.check()
            i1 = min(n, i0 + step)
            i, j = patterns.grid(i0, i1, m, ctx.q.device)
            lo = (i - s).clamp(min=0)
            hi = torch.minimum(torch.full_like(i, m - 1), i if causal else i + s)
            allowed = (j >= lo) & (j <= hi)
            pairs += int(allowed.sum())
            # One stabiliser per channel for the panel: the maximum over the keys its windows
            # cover; it cancels between numerator and normaliser.
            first, last = max(0, i0 - s), min(m - 1, (i1 - 1) if causal else (i1 - 1 + s))
            k = ctx.k[first:last + 1]
            e = torch.exp(k - k.amax(dim=0, keepdim=True))
            a = allowed[:, first:last + 1].to(e.dtype)
            den = a @ e
            num = a @ (e * ctx.v[first:last + 1])
            out[i0:i1] = gate[i0:i1] * num / den
            if display:
                w = a * ((1.0 / (den * dk)) @ e.transpose(0, 1))
                weights[i0:i1, first:last + 1] = w.to("cpu", torch.float32)
                mask[i0:i1] = allowed.to("cpu", torch.uint8)
        r.output = out.to("cpu", torch.float32)
        r.score_evaluations = pairs
        if display:
            r.form, r.weights, r.masks = "dense", [weights], [mask]
        return r


def assign(x, centroids):
    """The nearest centroid of each row (squared Euclidean distance), the first on ties."""
    out = torch.empty(x.shape[0], dtype=torch.int64)
    step = max(1, (1 << 22) // max(1, centroids.shape[0] * x.shape[1]))
    for r0 in range(0, x.shape[0], step):
        diff = x[r0:r0 + step, None, :] - centroids[None, :, :]
        out[r0:r0 + step] = (diff * diff).sum(dim=2).argmin(dim=1)
    return out


class Kmeans(Variant):
    """Routing attention: Lloyd's k-means on the unit rows of [Q; K], initial centroids the
    unit rows of K at floor(t M / c); query i sees the keys of its cluster and key i."""

    id = "kmeans"

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        c, iters, causal = p.integer("clusters"), p.integer("iters"), p.flag("causal")
        x = torch.cat([ctx.q, ctx.k]).to("cpu", torch.float64)
        norms = x.norm(dim=1, keepdim=True)
        x = torch.where(norms > 0, x / torch.where(norms > 0, norms, torch.ones_like(norms)), x)
        centroids = torch.stack([x[n + t * m // c] for t in range(c)])
        cluster = assign(x, centroids)
        for _ in range(iters):
            ctx.check()
            sums = torch.zeros(c, dk, dtype=torch.float64).index_add_(0, cluster, x)
            counts = torch.bincount(cluster, minlength=c)
            filled = counts > 0
            centroids[filled] = sums[filled] / counts[filled, None].to(torch.float64)
            cluster = assign(x, centroids)
        qc, kc = cluster[:n], cluster[n:]
        qd, kd = qc.to(ctx.q.device), kc.to(ctx.q.device)

        def pattern(i0, i1):
            i, j = patterns.grid(i0, i1, m, ctx.q.device)
            allowed = (qd[i0:i1, None] == kd[None, :]) | (i == j)
            return patterns.causal_cut(allowed, i, j, causal), None, None

        form = self.form(ctx, p)
        head = softmax_head(ctx, dot_scores(ctx.q, ctx.k, inverse_sqrt(dk)), ctx.v, pattern, form)
        r = Result(self.id, p, ctx.dims)
        finish_heads(r, [head], ctx, form)
        r.score_evaluations = head.pairs
        r.trace.query_buckets = [qc.to(torch.int32)]
        r.trace.key_buckets = [kc.to(torch.int32)]
        return r


def balance(l, iters):
    """`iters` rounds of row then column log-normalisation, as the engine's balance():
    Sinkhorn-Knopp scalings of K = exp(l - max l) while l spans less than 200, else in log
    space."""
    if iters <= 0 or l.numel() == 0:
        return l
    hi = float(l.max())
    if hi - float(l.min()) < 200.0:
        l = l - hi
        k = torch.exp(l)
        v = torch.ones(l.shape[1], dtype=l.dtype)
        for _ in range(iters):
            u = 1.0 / (k @ v)
            v = 1.0 / (k.transpose(0, 1) @ u)
        return l + torch.log(u)[:, None] + torch.log(v)[None, :]
    for _ in range(iters):
        row_max = l.amax(dim=1, keepdim=True)
        l = l - (row_max + torch.log(torch.exp(l - row_max).sum(dim=1, keepdim=True)))
        col_max = l.amax(dim=0, keepdim=True)
        l = l - (col_max + torch.log(torch.exp(l - col_max).sum(dim=0, keepdim=True)))
    return l


class Sinkhorn(Variant):
    """Blocks of b rows, block means as descriptors, L = (Bq Bk^T scale) / tau balanced by
    Sinkhorn; query block a sees its own block and pi(a) = argmax L[a, .] (other_block: over
    the other key blocks)."""

    id = "sinkhorn"

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        b, iters, tau = p.integer("block"), p.integer("iters"), p.number("tau")
        causal, other = p.flag("causal"), p.flag("other_block")
        bq = window_means(ctx.q.to("cpu", torch.float64), b)
        bk = window_means(ctx.k.to("cpu", torch.float64), b)
        nq, nk = bq.shape[0], bk.shape[0]
        l = (bq @ bk.transpose(0, 1)) * (1.0 / math.sqrt(dk))
        l = balance(l / tau, iters)
        # The first key block of the largest score (other_block: never the own block, unless
        # it is the only one); argmax returns the first of equal maxima, as the engine's
        # strict comparison keeps the first.
        candidates = l.clone()
        if other and nk > 1:
            own = torch.arange(min(nq, nk))
            candidates[own, own] = float("-inf")
        routing = candidates.argmax(dim=1)
        routed = routing.to(ctx.q.device)

        def pattern(i0, i1):
            i, j = patterns.grid(i0, i1, m, ctx.q.device)
            own = (i // b == j // b) & (i // b < nk)
            to = routed[(i // b).squeeze(1)][:, None]
            allowed = own | ((j // b == to) & (to != i // b))
            return patterns.causal_cut(allowed, i, j, causal), None, None

        form = self.form(ctx, p)
        head = softmax_head(ctx, dot_scores(ctx.q, ctx.k, inverse_sqrt(dk)), ctx.v, pattern, form)
        r = Result(self.id, p, ctx.dims)
        finish_heads(r, [head], ctx, form)
        r.score_evaluations = head.pairs
        r.trace.routing = (b, routing.to(torch.float32)[:, None], l.to(torch.float32))
        return r


VARIANTS = [Compressed(), Linear(), Aft(), Kmeans(), Sinkhorn()]
