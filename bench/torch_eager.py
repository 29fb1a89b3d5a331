#!/usr/bin/env python3
"""PyTorch eager reference for bench/compare_torch.sh: softmax(q k^T * s) v in fp32.

Times the three eager ops (matmul, softmax, matmul) on --threads threads (torch.set_num_threads)
for each N (M = N), inputs made once outside the timing, one warm-up run, then --repeat timed
runs; prints JSON: {"torch": version, "threads": t, "d": d, "points": [{"n", "median", "min",
"max"} in seconds]}. The environment (allocator, OpenMP) is whatever the caller sets.
"""
import argparse
import json
import math
import time

import torch


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="1024,4096", help="comma-separated sequence lengths")
    parser.add_argument("--d", type=int, default=64, help="width dk = dv")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per N (median reported)")
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(0)
    scale = 1.0 / math.sqrt(args.d)
    points = []
    for n in (int(x) for x in args.n.split(",")):
        q, k, v = (torch.randn(n, args.d, generator=generator) for _ in range(3))

        def attend():
            return torch.softmax((q @ k.T) * scale, dim=-1) @ v

        times = []
        with torch.no_grad():
            attend()  # warm-up: thread pool, first allocations
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                out = attend()
                times.append(time.perf_counter() - t0)
                del out
        times.sort()
        k_ = len(times)
        median = times[k_ // 2] if k_ % 2 else 0.5 * (times[k_ // 2 - 1] + times[k_ // 2])
        points.append({"n": n, "median": median, "min": times[0], "max": times[-1]})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "d": args.d, "points": points}))


if __name__ == "__main__":
    main()
