"""Where the server computes: the CPU, a CUDA GPU or an Ascend NPU (through torch_npu).

The backend holds the torch device, the dtype of the computation (float64 on the CPU, where it
costs little and keeps the results closest to exact; float32 on a GPU or an NPU), a timer that
measures on the device (CUDA and NPU events; time.perf_counter on the CPU) and the fused
attention operator of the device, when it has one.

Only the CPU path has been run by the project; the CUDA and NPU paths follow the documented
APIs of torch.cuda, torch_npu and torch_npu.npu_fusion_attention and are untested.
"""

import time

import torch


class BackendError(Exception):
    pass


def _cpu_name():
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name") and ":" in line:
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s (%d threads)" % (model or "CPU", torch.get_num_threads())


def _meminfo(field):
    """A field of /proc/meminfo in bytes (0: not known)."""
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class Timer:
    """Seconds of device work between start() and stop()."""

    def __init__(self, backend):
        self.backend = backend
        self.events = None
        self.t0 = 0.0

    def start(self):
        module = self.backend.events_module()
        if module is not None:
            self.events = (module.Event(enable_timing=True), module.Event(enable_timing=True))
            self.events[0].record()
        else:
            self.backend.synchronize()
            self.t0 = time.perf_counter()
        return self

    def stop(self):
        if self.events is not None:
            self.events[1].record()
            self.events[1].synchronize()
            return self.events[0].elapsed_time(self.events[1]) / 1000.0
        self.backend.synchronize()
        return time.perf_counter() - self.t0


class Backend:
    """One compute device of one kind: "cpu", "cuda" or "npu" (device index 0)."""

    def __init__(self, kind):
        self.kind = kind
        self.npu = None  # torch_npu, on an NPU host
        if kind == "cpu":
            self.device = torch.device("cpu")
            self.dtype = torch.float64
        elif kind == "cuda":
            if not torch.cuda.is_available():
                raise BackendError("--device cuda: this torch sees no CUDA device.")
            self.device = torch.device("cuda", 0)
            self.dtype = torch.float32
        elif kind == "npu":
            try:
                import torch_npu  # noqa: F401 (registers torch.npu)
            except ImportError as e:
                raise BackendError("--device npu needs torch_npu, which is not installed "
                                   "(%s)." % e)
            self.npu = torch_npu
            if not torch.npu.is_available():
                raise BackendError("--device npu: torch_npu sees no NPU.")
            self.device = torch.device("npu", 0)
            self.dtype = torch.float32
        else:
            raise BackendError("There is no device '%s': use cpu, cuda or npu." % kind)

    @property
    def backend_name(self):
        return "torch-" + self.kind

    def unit(self):
        """(name, memory bytes) of the device; memory 0 when not known."""
        if self.kind == "cuda":
            props = torch.cuda.get_device_properties(0)
            return "%s #0" % props.name, int(props.total_memory)
        if self.kind == "npu":
            name, memory = "Ascend NPU #0", 0
            try:
                name = "%s #0" % torch.npu.get_device_name(0)
                memory = int(torch.npu.get_device_properties(0).total_memory)
            except (AttributeError, RuntimeError):
                pass
            return name, memory
        return _cpu_name(), _meminfo("MemTotal")

    def free_memory(self):
        """Bytes a job may still take on the device (0: not known): the limit of a request
        that sets none. Results are kept on the host, so the host's free memory bounds it too."""
        host = _meminfo("MemAvailable")
        device = 0
        try:
            if self.kind == "cuda":
                device = torch.cuda.mem_get_info(0)[0]
            elif self.kind == "npu":
                device = torch.npu.mem_get_info(0)[0]
        except (AttributeError, RuntimeError):
            device = 0
        known = [x for x in (host, device) if x > 0]
        return min(known) if known else 0

    def events_module(self):
        if self.kind == "cuda":
            return torch.cuda
        if self.kind == "npu":
            return torch.npu
        return None

    def synchronize(self):
        if self.kind == "cuda":
            torch.cuda.synchronize()
        elif self.kind == "npu":
            torch.npu.synchronize()

    def timer(self):
        return Timer(self)

    def to_device(self, array):
        """A float32 CPU tensor on the device, in the computation's dtype."""
        return array.to(device=self.device, dtype=self.dtype)

    # --- the fused attention operator of the device, for the output path -----------------

    def has_fused(self):
        """Whether the device has a fused attention operator this server uses."""
        if self.kind == "npu":
            return hasattr(self.npu, "npu_fusion_attention")
        return hasattr(torch.nn.functional, "scaled_dot_product_attention")

    def fused(self, q, k, v, scale, causal):
        """softmax(q k^T scale) v per head with the fused operator; q: h x N x d, k and v:
        g x M x d (g divides h: grouped keys). causal: query i sees keys j <= i. Returns
        h x N x dv in float32, or None when the operator refused these inputs (the caller
        then composes the operators itself)."""
        heads, n, _ = q.shape
        groups, m, _ = k.shape
        allowed = None
        if causal:
            allowed = torch.ones(n, m, dtype=torch.bool, device=q.device).tril()
        try:
            if self.kind == "npu":
                # Layout BNSD with one batch; atten_mask True = the pair does not take part.
                out = self.npu.npu_fusion_attention(
                    q.float().unsqueeze(0), k.float().unsqueeze(0), v.float().unsqueeze(0),
                    heads, "BNSD", atten_mask=None if allowed is None else ~allowed,
                    scale=float(scale))[0]
                return out.squeeze(0)
            if groups != heads:
                k = k.repeat_interleave(heads // groups, dim=0)
                v = v.repeat_interleave(heads // groups, dim=0)
            sdpa = torch.nn.functional.scaled_dot_product_attention
            # The default scale is 1/sqrt(d); another one is folded into q (no `scale`
            # argument before torch 2.1).
            d = q.shape[-1]
            q = q.float() * (scale * d ** 0.5)
            return sdpa(q, k.float(), v.float(), attn_mask=allowed)
        except (RuntimeError, TypeError, ValueError):
            return None
