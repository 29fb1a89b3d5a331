"""The AtlasDevice service: GetInfo, Compute and Benchmark over gRPC, with the C++ server's
rules (core/remote/server.cpp): a bearer token compared in constant time, at most
--max-concurrent calls at once (more are RESOURCE_EXHAUSTED), one log line per request."""

import hmac
import sys
import threading
import time

import grpc
import torch

from . import VERSION, bench, errors, registry, wire
from .attention import Cancelled, Context, PoolSpec


def out_of_memory(error):
    """Whether a torch error says an allocation failed (CPU, CUDA or NPU wording)."""
    text = str(error).lower()
    return any(w in text for w in ("out of memory", "can't allocate memory",
                                   "not enough memory", "memory allocation failed"))


def utc_now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Options:
    def __init__(self):
        self.token = ""
        self.max_n = 1 << 18
        self.max_concurrent = 4
        self.max_request_bytes = 256 << 20


class Servicer:
    """Implements the service's three calls; `pb` is the generated messages module."""

    def __init__(self, pb, options, backend):
        self.pb = pb
        self.options = options
        self.backend = backend
        self.unit_name, self.unit_memory = backend.unit()
        self.lock = threading.Lock()
        self.running = 0
        self.stopping = threading.Event()

    # --- shared rules ---------------------------------------------------------------------

    def log(self, context, what, t0, outcome):
        line = "%s %s %s %.3f s %s" % (utc_now(), context.peer(), what,
                                       time.perf_counter() - t0, outcome)
        print(line, file=sys.stderr, flush=True)

    def authorise(self, context):
        """None, or the (code, sentence) refusing the call."""
        if not self.options.token:
            return None
        given = dict(context.invocation_metadata()).get("authorization")
        if given is None:
            return grpc.StatusCode.UNAUTHENTICATED, "This server asks for a token; none was given."
        if hmac.compare_digest(given.encode("utf-8"),
                               ("Bearer " + self.options.token).encode("utf-8")):
            return None
        return grpc.StatusCode.UNAUTHENTICATED, "The token was refused."

    def acquire(self):
        with self.lock:
            if self.options.max_concurrent > 0 and self.running >= self.options.max_concurrent:
                return False
            self.running += 1
            return True

    def release(self):
        with self.lock:
            self.running -= 1

    def busy(self):
        return (grpc.StatusCode.RESOURCE_EXHAUSTED,
                "The server is busy: %d requests are running (its --max-concurrent); try again "
                "shortly." % self.options.max_concurrent)

    def checker(self, context):
        def check():
            if self.stopping.is_set() or not context.is_active():
                raise Cancelled()
        return check

    def execution(self, native):
        return self.pb.NATIVE if native else self.pb.COMPOSED

    # --- GetInfo --------------------------------------------------------------------------

    def GetInfo(self, request, context):
        t0 = time.perf_counter()
        refused = self.authorise(context)
        if refused:
            self.log(context, "GetInfo", t0, "refused: " + refused[1])
            context.abort(*refused)
        info = self.pb.DeviceInfo()
        info.server = "atlas-device-torch"
        info.version = "%s (torch %s)" % (VERSION, torch.__version__)
        info.backend = self.backend.backend_name
        unit = info.units.add()
        unit.name = self.unit_name
        unit.memory_bytes = self.unit_memory
        info.max_n = self.options.max_n
        info.max_concurrent = self.options.max_concurrent
        info.max_request_bytes = self.options.max_request_bytes
        info.chunk_bytes = wire.CHUNK_BYTES
        fused = self.backend.has_fused()
        for vid, variant in registry.SERVED.items():
            v = info.variants.add()
            v.variant = vid
            v.execution = self.execution(fused and variant.fused)
        info.generates_inputs = False
        self.log(context, "GetInfo", t0, "ok")
        return info

    # --- Compute --------------------------------------------------------------------------

    def Compute(self, request, context):
        t0 = time.perf_counter()
        what = "Compute " + ",".join(j.variant for j in request.jobs)
        refused = self.authorise(context)
        if refused is None:
            what += " N=%d" % wire.requested_length(request)
            try:
                decoded = wire.decode(self.pb, request, self.options.max_n)
            except wire.RequestError as e:
                refused = getattr(grpc.StatusCode, e.status), str(e)
        if refused is None and not self.acquire():
            refused = self.busy()
        if refused:
            self.log(context, what, t0, "refused: " + refused[1])
            context.abort(*refused)
        outcome = "ok"
        try:
            yield from self.compute_jobs(decoded, context)
            done = self.pb.ComputeChunk()
            done.done.server_seconds = time.perf_counter() - t0
            yield done
        except Cancelled:
            outcome = ("cancelled: the server is shutting down" if self.stopping.is_set()
                       else "cancelled by the client or its deadline")
        except GeneratorExit:
            outcome = "cancelled by the client or its deadline"
            raise
        except Exception as e:  # a bug, not bad input: the call fails with its message
            outcome = "failed: %s" % e
            context.abort(grpc.StatusCode.INTERNAL, str(e))
        finally:
            self.release()
            self.log(context, what, t0, outcome)

    def compute_jobs(self, decoded, context):
        check = self.checker(context)
        host0 = time.perf_counter()
        q, k, v = (self.backend.to_device(x) for x in (decoded.q, decoded.k, decoded.v))
        upload = time.perf_counter() - host0
        pool = PoolSpec(decoded.pool_rows, decoded.pool_cols, decoded.pool_mean)
        # A request without a memory limit gets the server's own: the memory free now.
        limit = decoded.memory_limit if decoded.memory_limit > 0 else self.backend.free_memory()
        for index, job in enumerate(decoded.jobs):
            check()
            start = time.perf_counter()
            variant = registry.SERVED.get(job.variant)
            if variant is None:
                yield wire.job_error(self.pb, index, errors.invalid(
                    "This server does not compute '%1' (its random parameters come from the "
                    "app's own generator); compute it on this computer.", job.variant))
                continue
            ctx = Context(self.backend, q, k, v, decoded.output_only, pool,
                          decoded.display_budget, check)
            try:
                variant.check_memory(ctx, job.params, limit)
                timer = self.backend.timer().start()
                result = variant.compute(ctx, job.params)
                device_seconds = timer.stop()
            except errors.AtlasError as e:
                yield wire.job_error(self.pb, index, e)
                continue
            except Cancelled:
                raise
            except RuntimeError as e:
                if not out_of_memory(e):
                    yield wire.job_error(self.pb, index, errors.invalid(
                        "'%1' failed: %2", job.variant, str(e).splitlines()[0]))
                    continue
                yield wire.job_error(self.pb, index, errors.too_large(
                    "'%1' ran out of memory.", job.variant))
                continue
            tensors = wire.tensors_of(self.pb, result, decoded.omit_weights)
            host = time.perf_counter() - start - device_seconds + (upload if index == 0 else 0)
            provenance = (self.unit_name, self.execution(result.native), device_seconds,
                          max(0.0, host))
            yield from wire.result_chunks(self.pb, index, result, tensors, provenance,
                                          decoded.omit_weights)

    # --- Benchmark ------------------------------------------------------------------------

    def Benchmark(self, request, context):
        t0 = time.perf_counter()
        what = "Benchmark %s N=%d" % (",".join(request.variants), max(request.ns, default=0))
        refused = self.authorise(context)
        if refused is None:
            refused = bench.check(request, self.options.max_n)
        if refused is None and not self.acquire():
            refused = self.busy()
        if refused:
            self.log(context, what, t0, "refused: " + refused[1])
            context.abort(*refused)
        outcome = "ok"
        try:
            for point in bench.run(self, request, self.checker(context)):
                yield point
            last = self.pb.BenchmarkPoint()
            last.done = True
            last.fraction = 1
            yield last
        except Cancelled:
            outcome = "cancelled"
        except GeneratorExit:
            outcome = "cancelled"
            raise
        finally:
            self.release()
            self.log(context, what, t0, outcome)


def add_to_server(service_module, servicer, server):
    """Registers the servicer's methods under the generated service's names."""
    service_module.add_AtlasDeviceServicer_to_server(servicer, server)
