"""Between the wire (atlas_device.proto) and this server: requests decoded and checked as the
C++ codec checks them (core/remote/codec.cpp), results written as the C++ server writes them
(core/remote/result_stream.cpp): a header, the tensors in chunks, an end."""

import numpy as np
import torch

from . import errors, params, registry

CHUNK_BYTES = 1 << 20


class RequestError(Exception):
    """A request refused as a whole: `status` is "INVALID_ARGUMENT" or "RESOURCE_EXHAUSTED"."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _invalid(fmt, *args):
    return RequestError("INVALID_ARGUMENT", errors.fill(fmt, [str(a) for a in args]))


def tensor_bytes(pb, dtype, shape, what):
    size = {pb.Tensor.U8: 1, pb.Tensor.I64: 8}.get(dtype, 4)
    for s in shape:
        if s < 0:
            raise _invalid("The tensor '%1' has a negative size (%2).", what, s)
        size *= s
    return size


def to_matrix(pb, t, what):
    """An F32 tensor of one or two dimensions as a float32 matrix (a vector: one column)."""
    if t.dtype != pb.Tensor.F32:
        raise _invalid("The tensor '%1' must hold float32 values.", what)
    if len(t.shape) < 1 or len(t.shape) > 2:
        raise _invalid("The tensor '%1' must have one or two dimensions, not %2.", what,
                       len(t.shape))
    need = tensor_bytes(pb, t.dtype, t.shape, what)
    if need != len(t.data):
        raise _invalid("The tensor '%1' holds %2 bytes, but its shape needs %3.", what,
                       len(t.data), need)
    rows, cols = t.shape[0], t.shape[1] if len(t.shape) == 2 else 1
    array = np.frombuffer(t.data, dtype="<f4").astype(np.float32).reshape(rows, cols)
    return torch.from_numpy(array)


class Job:
    def __init__(self, variant, resolved):
        self.variant = variant    # the id
        self.params = resolved    # params.Params, or None when not served


class Decoded:
    def __init__(self):
        self.q = self.k = self.v = None
        self.jobs = []
        self.memory_limit = 0.0
        self.display_budget = 0.0
        self.pool_rows = 1024
        self.pool_cols = 1024
        self.pool_mean = False
        self.output_only = False
        self.omit_weights = False


def requested_length(request):
    """The largest N and M the request asks for, from its tensor shapes or its spec."""
    if request.HasField("tensors"):
        def rows(t):
            return t.shape[0] if len(t.shape) else 0
        return max(rows(request.tensors.q), rows(request.tensors.k))
    return max(request.spec.n, request.spec.m)


def decode(pb, request, max_n):
    """The request checked; raises RequestError with one sentence."""
    if len(request.jobs) == 0:
        raise _invalid("The request asks for no variant.")
    if not request.HasField("spec") and not request.HasField("tensors"):
        raise _invalid("The request gives neither an input generator nor Q, K and V.")
    length = requested_length(request)
    if max_n > 0 and length > max_n:
        raise RequestError("RESOURCE_EXHAUSTED", "N = %d is more than this server takes "
                           "(--max-n %d)." % (length, max_n))
    if request.HasField("spec"):
        raise _invalid("This server does not generate inputs (its GetInfo says so): send Q, K "
                       "and V as tensors.")
    out = Decoded()
    t = request.tensors
    out.q, out.k, out.v = to_matrix(pb, t.q, "q"), to_matrix(pb, t.k, "k"), to_matrix(pb, t.v, "v")
    if out.q.numel() == 0 or out.k.numel() == 0 or out.v.numel() == 0:
        raise _invalid("Q, K and V must all be non-empty.")
    if out.k.shape[0] != out.v.shape[0]:
        raise _invalid("K and V must have the same number of rows (one per key), but K has %1 "
                       "and V has %2.", out.k.shape[0], out.v.shape[0])
    if len(t.query_tokens) and len(t.query_tokens) != out.q.shape[0]:
        raise _invalid("There are %1 query labels but Q has %2 rows: give one per query.",
                       len(t.query_tokens), out.q.shape[0])
    if len(t.key_tokens) and len(t.key_tokens) != out.k.shape[0]:
        raise _invalid("There are %1 key labels but K has %2 rows: give one per key.",
                       len(t.key_tokens), out.k.shape[0])
    for j in request.jobs:
        if j.variant not in registry.KNOWN:
            raise _invalid("Unknown variant '%1' (known: %2).", j.variant,
                           ", ".join(registry.KNOWN))
        resolved = None
        if j.variant in registry.SERVED:
            try:
                resolved = params.resolve(j.variant, j.params)
            except errors.AtlasError as e:
                raise RequestError("INVALID_ARGUMENT", e.message)
        out.jobs.append(Job(j.variant, resolved))
    if (not request.memory_limit >= 0 or not request.display_budget >= 0
            or request.pool_rows < 0 or request.pool_cols < 0):
        raise _invalid("The request's limits must not be negative.")
    out.memory_limit = request.memory_limit
    out.display_budget = request.display_budget
    if request.pool_rows > 0:
        out.pool_rows = request.pool_rows
    if request.pool_cols > 0:
        out.pool_cols = request.pool_cols
    out.pool_mean = request.pool_mean
    out.output_only = request.output_only
    out.omit_weights = request.omit_weights
    return out


def job_error(pb, job, error):
    """A JobError chunk from an AtlasError."""
    chunk = pb.ComputeChunk()
    e = chunk.error
    e.job = job
    e.kind = error.kind
    e.format = error.format
    e.args.extend(error.args_)
    e.message = error.message
    return chunk


def tensors_of(pb, result, omit_weights):
    """Every tensor of a result as (name, dtype, shape, bytes), in the order the C++ server
    sends them."""
    views = [("output", pb.Tensor.F32, result.output)]
    if result.form != "none" and not omit_weights:
        name = "cells" if result.form == "pooled" else "weights"
        for h, w in enumerate(result.weights):
            views.append(("%s/%d" % (name, h), pb.Tensor.F32, w))
            views.append(("mask/%d" % h, pb.Tensor.U8, result.masks[h]))
            if result.form == "dense" and result.components:
                views.append(("components/%d" % h, pb.Tensor.U8, result.components[h]))
    tr = result.trace
    if tr.tiles is not None:
        views += [("trace/tiles/order", pb.Tensor.F32, tr.tiles[3]),
                  ("trace/tiles/running_max", pb.Tensor.F32, tr.tiles[4]),
                  ("trace/tiles/running_sum", pb.Tensor.F32, tr.tiles[5])]
    if tr.routing is not None:
        views += [("trace/routing/routing", pb.Tensor.F32, tr.routing[1]),
                  ("trace/routing/block_scores", pb.Tensor.F32, tr.routing[2])]
    if tr.reduced is not None:
        views.append(("trace/reduced_weights", pb.Tensor.F32, tr.reduced))
    if tr.orders is not None:
        views.append(("trace/orders/flops", pb.Tensor.F32, tr.orders[2]))
    for h, b in enumerate(tr.query_buckets):
        views.append(("trace/query_buckets/%d" % h, pb.Tensor.I32, b))
    for h, b in enumerate(tr.key_buckets):
        views.append(("trace/key_buckets/%d" % h, pb.Tensor.I32, b))
    numpy_type = {pb.Tensor.F32: np.float32, pb.Tensor.U8: np.uint8, pb.Tensor.I32: np.int32}
    out = []
    for name, dtype, t in views:
        array = np.ascontiguousarray(t.detach().cpu().numpy().astype(numpy_type[dtype]))
        out.append((name, dtype, list(array.shape), array.tobytes()))
    return out


def result_chunks(pb, job, result, tensors, provenance, omit_weights):
    """The header, the tensors (tensors_of) in chunks of at most CHUNK_BYTES and the end of
    one job. provenance: (device name, execution enum, device seconds, host seconds)."""
    head = pb.ComputeChunk()
    h = head.header
    h.job = job
    h.variant = result.variant
    h.params.seed = result.params.seed
    for k, v in result.params.numbers.items():
        h.params.numbers[k] = v
    for k, v in result.params.texts.items():
        h.params.texts[k] = v
    for dims in (h.dims, h.requested):
        dims.n, dims.m, dims.dq, dims.dk, dims.dv = result.dims
    h.score_evaluations = int(result.score_evaluations)
    h.component_names.extend(result.component_names)
    with_weights = result.form != "none" and not omit_weights
    heads = len(result.weights) if with_weights else 0
    h.heads = heads
    h.weights = (pb.WEIGHTS_NONE if heads == 0 else
                 pb.WEIGHTS_POOLED if result.form == "pooled" else pb.WEIGHTS_DENSE)
    if heads and result.form == "pooled":
        h.pooled_max = result.pooled_max
    if heads:
        h.weight_rows, h.weight_cols = result.weights[0].shape
    tr = result.trace
    if tr.tiles is not None:
        h.trace.has_tiles = True
        h.trace.tile_rows, h.trace.tile_cols, h.trace.tiles_causal = tr.tiles[:3]
    if tr.routing is not None:
        h.trace.has_routing = True
        h.trace.routing_block = tr.routing[0]
    if tr.orders is not None:
        h.trace.has_orders = True
        h.trace.order_features, h.trace.orders_causal = tr.orders[0], tr.orders[1]
        h.trace.orders_random_features = tr.orders[3]
    h.trace.bucket_heads = len(tr.query_buckets)
    device, execution, device_seconds, host_seconds = provenance
    h.provenance.device = device
    h.provenance.execution = execution
    h.provenance.device_seconds = device_seconds
    h.provenance.host_seconds = host_seconds
    h.total_bytes = sum(len(data) for _, _, _, data in tensors)
    yield head
    for name, dtype, shape, data in tensors:
        offset = 0
        while True:
            piece = data[offset:offset + CHUNK_BYTES]
            chunk = pb.ComputeChunk()
            t = chunk.tensor
            t.job = job
            t.name = name
            if offset == 0:
                t.dtype = dtype
                t.shape.extend(shape)
            t.offset = offset
            t.total = len(data)
            t.data = piece
            yield chunk
            offset += len(piece)
            if offset >= len(data):
                break
    end = pb.ComputeChunk()
    end.end.job = job
    yield end
