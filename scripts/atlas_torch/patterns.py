"""Allowed (query, key) pairs of the fixed patterns, rows [i0, i1) at a time, as boolean
masks on the device (docs/variants.md, "Fixed sparse patterns"; core/variants/*.cpp).

Each builder returns (allowed, multiplicity, components) for softmax_head: allowed is
rows x M; multiplicity and components are None unless the pattern has them.
"""

import torch


def grid(i0, i1, m, device):
    """Query positions (rows x 1) and key positions (1 x M)."""
    i = torch.arange(i0, i1, device=device, dtype=torch.int64)[:, None]
    j = torch.arange(m, device=device, dtype=torch.int64)[None, :]
    return i, j


def causal_cut(allowed, i, j, causal):
    """With causal, only the keys j <= i."""
    return allowed & (j <= i) if causal else allowed


def full(m, causal, device):
    """Every pair (None: nothing to mask) or, causal, j <= i."""
    def pattern(i0, i1):
        if not causal:
            return None, None, None
        i, j = grid(i0, i1, m, device)
        return j <= i, None, None
    return pattern


def prefix(m, valid, causal, device):
    """scaled_dot's padding mask: keys j < valid only (and causal)."""
    def pattern(i0, i1):
        i, j = grid(i0, i1, m, device)
        return causal_cut(j < valid, i, j, causal), None, None
    if valid >= m:
        return full(m, causal, device)
    return pattern


def local_window(m, w, causal, device):
    """|i - j| <= w."""
    def pattern(i0, i1):
        i, j = grid(i0, i1, m, device)
        return causal_cut((i - j).abs() <= w, i, j, causal), None, None
    return pattern


def block_local(m, b, causal, device):
    """floor(i / b) == floor(j / b)."""
    def pattern(i0, i1):
        i, j = grid(i0, i1, m, device)
        return causal_cut(i // b == j // b, i, j, causal), None, None
    return pattern


def strided(m, s, causal, device):
    """|i - j| mod s == 0."""
    def pattern(i0, i1):
        i, j = grid(i0, i1, m, device)
        return causal_cut((i - j).abs() % s == 0, i, j, causal), None, None
    return pattern


def global_tokens(m, g, causal, device):
    """i < g or j < g or i == j."""
    def pattern(i0, i1):
        i, j = grid(i0, i1, m, device)
        return causal_cut((i < g) | (j < g) | (i == j), i, j, causal), None, None
    return pattern


def sparse_fixed(m, block, summary, causal, device):
    """Own block of l keys (component 1) or the last c keys of any other block (component 2);
    c is at most l."""
    c = min(summary, block)

    def pattern(i0, i1):
        i, j = grid(i0, i1, m, device)
        own = i // block == j // block
        other = (j % block >= block - c) & ~own
        allowed = causal_cut(own | other, i, j, causal)
        comps = torch.where(own, 1, 2).to(torch.uint8) * allowed
        return allowed, None, comps
    return pattern


def dilated(m, segment, configs, causal, device, dtype):
    """LongNet: config k (segment w0 2^k, dilation 2^k) covers (i, j) when both are multiples
    of 2^k in the same segment. Multiplicity: the configs covering the pair; component: the
    first of them (k + 1)."""
    def pattern(i0, i1):
        i, j = grid(i0, i1, m, device)
        count = torch.zeros(i1 - i0, m, device=device, dtype=dtype)
        first = torch.zeros(i1 - i0, m, device=device, dtype=torch.uint8)
        for k in range(configs):
            r, w = 1 << k, segment << k
            covers = (i % r == 0) & (j % r == 0) & (i // w == j // w)
            covers = causal_cut(covers, i, j, causal)
            first = torch.where(covers & (first == 0), torch.full_like(first, k + 1), first)
            count = count + covers.to(dtype)
        return count > 0, count, first
    return pattern


def named_head(name, m, causal, device):
    """mixed_heads' patterns, each with its variant's defaults: local (w = 2), strided
    (s = 3), global (g = 1), full."""
    if name == "local":
        return local_window(m, 2, causal, device)
    if name == "strided":
        return strided(m, 3, causal, device)
    if name == "global":
        return global_tokens(m, 1, causal, device)
    return full(m, causal, device)
