"""Benchmark: each served variant at each N (M = N, dk = dv = d) on random inputs, timed on
the device (its events; perf_counter on the CPU), point by point in order of N then variant.

The median, min and max time the output path (as a model runs it: output_only); with
with_weights, the full computation with the weights the views draw is timed too. Generating
the inputs on the host is host_seconds, copying them to the device and the output back is
transfer_seconds. flops and bytes are this server's estimate for a dense implementation:
per computed pair 2 dh + 4 + 2 dvh flops; the inputs, the output and (with weights) the
weights and masks.
"""

import statistics
import time

import grpc
import torch

from . import attention, errors, params, registry
from .attention import Context, PoolSpec


def check(request, max_n):
    """None, or the (code, sentence) refusing the sweep."""
    for n in request.ns:
        if n < 1:
            return grpc.StatusCode.INVALID_ARGUMENT, "Every N must be at least 1."
        if max_n > 0 and n > max_n:
            return (grpc.StatusCode.RESOURCE_EXHAUSTED,
                    "N = %d is more than this server takes (--max-n %d)." % (n, max_n))
    for v in request.variants:
        if v not in registry.KNOWN:
            return grpc.StatusCode.INVALID_ARGUMENT, "There is no variant '%s'." % v
    return None


class _Defaults:
    """Wire-like empty parameters: every variant's defaults."""
    seed = 0
    numbers = {}
    texts = {}
    matrices = {}


def _time(servicer, ctx, variant, p, repeats, warmups):
    times, result = [], None
    for _ in range(warmups):
        ctx.check()
        variant.compute(ctx, p)
    for _ in range(repeats):
        ctx.check()
        timer = servicer.backend.timer().start()
        result = variant.compute(ctx, p)
        times.append(timer.stop())
    return times, result


def run(servicer, request, check_cancel):
    """The sweep's points as BenchmarkPoint messages."""
    pb = servicer.pb
    d = request.d if request.d > 0 else 64
    repeats = request.repeats if request.repeats > 0 else 5
    warmups = max(0, request.warmups)
    total = max(1, len(request.ns) * len(request.variants))
    done = 0
    for n in request.ns:
        for vid in request.variants:
            done += 1
            point = pb.BenchmarkPoint(variant=vid, n=n, d=d, repeats=repeats,
                                      fraction=done / total)
            point.provenance.device = servicer.unit_name
            variant = registry.SERVED.get(vid)
            if variant is None:
                point.error = "This server does not compute '%s'." % vid
                yield point
                continue
            try:
                yield _point(servicer, point, variant, n, d, repeats, warmups, request,
                             check_cancel)
            except errors.AtlasError as e:
                point.error = e.message
                yield point
            except RuntimeError as e:
                point.error = "'%s' failed: %s" % (vid, str(e).splitlines()[0])
                yield point


def _point(servicer, point, variant, n, d, repeats, warmups, request, check_cancel):
    backend = servicer.backend
    p = params.resolve(variant.id, _Defaults)
    h0 = time.perf_counter()
    gen = torch.Generator().manual_seed(int(request.seed) + n)
    q, k, v = (torch.randn(n, d, generator=gen) for _ in range(3))
    host = time.perf_counter() - h0
    t0 = time.perf_counter()
    q, k, v = (backend.to_device(x) for x in (q, k, v))
    backend.synchronize()
    transfer = time.perf_counter() - t0
    pool = PoolSpec()
    ctx = Context(backend, q, k, v, True, pool, 0.0, check_cancel)
    limit = request.memory_limit if request.memory_limit > 0 else backend.free_memory()
    variant.check_memory(ctx, p, limit)
    times, result = _time(servicer, ctx, variant, p, repeats, warmups)
    t1 = time.perf_counter()
    result.output.to("cpu")
    transfer += time.perf_counter() - t1
    point.median, point.min, point.max = statistics.median(times), min(times), max(times)
    heads = variant.heads(p)
    dh = max(1, d // heads)
    pairs = float(result.score_evaluations)
    point.flops = pairs * (2.0 * dh + 4.0 + 2.0 * dh)
    point.bytes = 4.0 * (4 * n * d)
    point.peak = 4.0 * attention.panel_rows(n, n) * n
    if request.with_weights:
        full = Context(backend, q, k, v, False, pool, 0.0, check_cancel)
        variant.check_memory(full, p, limit)
        wtimes, _ = _time(servicer, full, variant, p, repeats, warmups)
        point.with_weights_median = statistics.median(wtimes)
        point.bytes += heads * 5.0 * n * n
    point.host_seconds = host
    point.transfer_seconds = transfer
    point.provenance.execution = servicer.execution(result.native)
    point.provenance.device_seconds = point.median
    point.provenance.host_seconds = host
    return point
