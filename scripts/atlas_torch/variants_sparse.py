"""Fixed sparse patterns: block_local, local_window, strided, global_tokens, sparse_fixed,
dilated and mixed_heads (docs/variants.md, "Fixed sparse patterns").

The score is scaled_dot's on the allowed pairs; the engine stores these results on their
pairs only, this server sends them dense (N x M with the mask), which holds the same weights.
"""

import torch

from . import patterns
from .attention import Result, dot_scores, finish_heads, softmax_head
from .errors import (HEADS_DIVIDE_VALUES, HEADS_DIVIDE_WIDTH, QUERY_WIDTH, invalid,
                     require_divisible, require_equal)
from .variant import Variant, inverse_sqrt


class Pattern(Variant):
    """One head of scaled dot-product attention on a fixed pattern."""

    component_names = []

    def pattern(self, m, p, device, dtype):
        raise NotImplementedError

    def names(self, p):
        return list(self.component_names)

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        form = self.form(ctx, p)
        pattern = self.pattern(m, p, ctx.q.device, ctx.q.dtype)
        head = softmax_head(ctx, dot_scores(ctx.q, ctx.k, inverse_sqrt(dk)), ctx.v, pattern, form)
        r = Result(self.id, p, ctx.dims)
        finish_heads(r, [head], ctx, form)
        r.score_evaluations = head.pairs
        r.component_names = self.names(p)
        return r


class BlockLocal(Pattern):
    id = "block_local"

    def pattern(self, m, p, device, dtype):
        return patterns.block_local(m, p.integer("block"), p.flag("causal"), device)


class LocalWindow(Pattern):
    id = "local_window"

    def pattern(self, m, p, device, dtype):
        return patterns.local_window(m, p.integer("window"), p.flag("causal"), device)


class Strided(Pattern):
    id = "strided"

    def pattern(self, m, p, device, dtype):
        return patterns.strided(m, p.integer("stride"), p.flag("causal"), device)


class GlobalTokens(Pattern):
    id = "global_tokens"

    def pattern(self, m, p, device, dtype):
        return patterns.global_tokens(m, p.integer("global"), p.flag("causal"), device)


class SparseFixed(Pattern):
    id = "sparse_fixed"
    component_names = ["block", "summary"]

    def pattern(self, m, p, device, dtype):
        return patterns.sparse_fixed(m, p.integer("block"), p.integer("summary"),
                                     p.flag("causal"), device)


class Dilated(Pattern):
    id = "dilated"

    def names(self, p):
        w0 = p.integer("segment")
        return ["r=%d, w=%d" % (1 << k, w0 << k) for k in range(p.integer("configs"))]

    def pattern(self, m, p, device, dtype):
        return patterns.dilated(m, p.integer("segment"), p.integer("configs"), p.flag("causal"),
                                device, dtype)


HEAD_PATTERNS = ["local", "strided", "global", "full"]


def parse_patterns(variant, text):
    """The comma-separated head patterns, spaces and tabs around names ignored."""
    names = []
    for item in text.split(","):
        name = item.strip(" \t")
        if name not in HEAD_PATTERNS:
            raise invalid("'%1' has no head pattern named '%2'; the patterns are local, "
                          "strided, global and full.", variant, name)
        names.append(name)
    return names


class MixedHeads(Variant):
    """Head a uses patterns[a mod len] on its column slices, scale 1/sqrt(dh); components:
    the distinct patterns in order of first use, each head's pairs carrying its own."""

    id = "mixed_heads"

    def heads(self, p):
        return p.integer("heads")

    def compute(self, ctx, p):
        n, m, dq, dk, dv = ctx.dims
        h = p.integer("heads")
        names = parse_patterns(self.id, p.text("patterns"))
        require_equal(self.id, QUERY_WIDTH, dq, dk)
        require_divisible(self.id, HEADS_DIVIDE_WIDTH, dk, h)
        require_divisible(self.id, HEADS_DIVIDE_VALUES, dv, h)
        dh, dvh = dk // h, dv // h
        causal = p.flag("causal")
        form = self.form(ctx, p)
        r = Result(self.id, p, ctx.dims)
        heads = []
        for a in range(h):
            name = names[a % len(names)]
            if name not in r.component_names:
                r.component_names.append(name)
            component = r.component_names.index(name) + 1
            base = patterns.named_head(name, m, causal, ctx.q.device)

            def pattern(i0, i1, base=base, component=component):
                allowed, _, _ = base(i0, i1)
                if allowed is None:  # full: every pair, each carrying the head's component
                    allowed = torch.ones(i1 - i0, m, dtype=torch.bool, device=ctx.q.device)
                return allowed, None, allowed.to(torch.uint8) * component

            q = ctx.q[:, a * dh:(a + 1) * dh]
            k = ctx.k[:, a * dh:(a + 1) * dh]
            v = ctx.v[:, a * dvh:(a + 1) * dvh]
            heads.append(softmax_head(ctx, dot_scores(q, k, inverse_sqrt(dh)), v, pattern, form))
        finish_heads(r, heads, ctx, form)
        r.score_evaluations = sum(head.pairs for head in heads)
        return r


VARIANTS = [BlockLocal(), LocalWindow(), Strided(), GlobalTokens(), SparseFixed(), Dilated(),
            MixedHeads()]
