#!/usr/bin/env bash
# Engine against PyTorch eager on the dense path, in one run: `attention-atlas bench --calibrate`
# for scaled_dot and flash at N = 1024 and 4096 (d = 64, 15 repeats, all cores), then PyTorch's
# softmax(q k^T * s) v (bench/torch_eager.py, 2 threads) twice: as installed, and "at its best"
# (glibc keeping freed memory, OpenMP threads not spinning). Prints the times, the engine's
# GFLOP/s (4 N^2 d per head) as a fraction of the FMA peak --calibrate measured, and how many
# times faster the engine is than each torch run. The engine is also run under the "at its
# best" environment, for reference (same allocator policy as that torch run). Then multi_head
# and grouped_query with heads of width 64 (d = 256 and 512), as a fraction of the peak.
#
# Builds nothing (build first: cmake --build build); not run by CI. Installs python3-torch
# with apt-get when it is missing, and says so. Usage: bench/compare_torch.sh [path/to/cli]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${1:-$root/build/app/attention-atlas}"
if [[ ! -x "$cli" ]]; then
  echo "error: $cli not found or not executable; build the project first." >&2
  exit 2
fi

# The interpreter with torch: $PYTHON, else python3 on PATH, else Debian's /usr/bin/python3
# (where apt-get installs python3-torch, even when another python3 comes first on PATH).
find_python() {
  local candidate
  for candidate in ${PYTHON:-} python3 /usr/bin/python3; do
    if "$candidate" -c 'import torch' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! python="$(find_python)"; then
  echo "python3-torch is not installed: installing it with apt-get (Debian's PyTorch 1.13)..." >&2
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y python3-torch >&2
  python="$(find_python)" || { echo "error: torch still cannot be imported." >&2; exit 2; }
fi

# Debian's torch does its matmuls in whatever libblas.so.3 the system provides; the netlib
# reference BLAS makes it about ten times slower than OpenBLAS (libopenblas0-pthread).
blas="$("$python" - <<'PY' 2>/dev/null || true
import ctypes.util, os
name = ctypes.util.find_library("blas")
for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"):
    path = os.path.join(d, name or "libblas.so.3")
    if os.path.exists(path):
        print(os.path.realpath(path))
        break
PY
)"
if [[ "$blas" == */blas/libblas.so* ]]; then
  echo "note: torch uses the reference BLAS ($blas); install libopenblas0-pthread for a fair comparison." >&2
fi

best_env=(MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=17179869184
          OMP_WAIT_POLICY=passive)
bench_args=(bench --calibrate --variants scaled_dot,flash --n 1024,4096 --d 64 --repeat 15 --json)
torch_args=(--n 1024,4096 --d 64 --repeat 15 --threads 2)

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "engine (as installed)..." >&2
"$cli" "${bench_args[@]}" > "$tmp/engine.json"
echo "engine (allocator keeping freed memory)..." >&2
env "${best_env[@]}" "$cli" "${bench_args[@]}" > "$tmp/engine_best.json"
# The multi-head variants at the usual head width of 64 (4 heads: d = 256; grouped-query, 8 query
# heads in 2 groups: d = 512): the same work per score as scaled_dot, one N x M result per head.
echo "engine, multi-head variants with heads of width 64..." >&2
"$cli" bench --variants multi_head --n 1024,4096 --d 256 --repeat 7 --json > "$tmp/multi.json"
"$cli" bench --variants grouped_query --n 1024,4096 --d 512 --repeat 7 --json > "$tmp/grouped.json"
echo "torch eager (as installed)..." >&2
"$python" "$root/bench/torch_eager.py" "${torch_args[@]}" > "$tmp/torch.json"
echo "torch eager (at its best)..." >&2
env "${best_env[@]}" "$python" "$root/bench/torch_eager.py" "${torch_args[@]}" > "$tmp/torch_best.json"

python3 - "$tmp" "${blas:-unknown}" <<'PY'
import json
import sys

tmp = sys.argv[1]
load = lambda name: json.load(open(f"{tmp}/{name}.json"))
engine, engine_best = load("engine"), load("engine_best")
torch, torch_best = load("torch"), load("torch_best")
machine = engine["machine"]
peak, d = machine["peak_gflops"], engine["d"]
torch_ms = {p["n"]: p["median"] * 1e3 for p in torch["points"]}
torch_best_ms = {p["n"]: p["median"] * 1e3 for p in torch_best["points"]}
best_engine_ms = {(p["variant"], p["n"]): p["median"] * 1e3 for p in engine_best["points"]}

print(f"machine: {machine['cpu'] or 'unknown CPU'}, {machine['threads']} threads, "
      f"FMA peak {peak:.1f} GFLOP/s, bandwidth {machine['bandwidth_gbs']:.1f} GB/s")
print(f"torch {torch['torch']} eager on {torch['threads']} threads (BLAS: {sys.argv[2]}); "
      f"d = {d}; medians of {engine['repeats']} runs\n")
header = (f"{'variant':<11} {'N':>5} {'engine ms':>10} {'GFLOP/s':>8} {'of peak':>8} "
          f"{'torch ms':>9} {'x faster':>8} {'torch best':>10} {'x faster':>8} "
          f"{'engine*':>8}")
print(header)
print("-" * len(header))
bars = {1024: 1.5, 4096: 2.0}
verdicts = []
for p in engine["points"]:
    n, name = p["n"], p["variant"]
    if p.get("error"):
        print(f"{name:<11} {n:>5}  {p['error']}")
        continue
    ms = p["median"] * 1e3
    gflops = 4.0 * n * n * d / (p["median"] * 1e9)
    fraction = gflops / peak
    vs, vs_best = torch_ms[n] / ms, torch_best_ms[n] / ms
    print(f"{name:<11} {n:>5} {ms:>10.3f} {gflops:>8.1f} {100 * fraction:>7.1f}% "
          f"{torch_ms[n]:>9.3f} {vs:>7.2f}x {torch_best_ms[n]:>10.3f} {vs_best:>7.2f}x "
          f"{best_engine_ms[(name, n)]:>8.3f}")
    if n in bars:
        verdicts.append(f"{name} N={n}: {100 * fraction:.1f}% of peak (bar 70%), "
                        f"{vs_best:.2f}x torch at its best (bar {bars[n]}x): "
                        + ("meets both" if fraction >= 0.70 and vs_best >= bars[n] else "misses"))
print(f"\n{'variant':<14} {'heads':>5} {'d':>4} {'N':>5} {'engine ms':>10} {'GFLOP/s':>8} {'of peak':>8}")
for name, heads in (("multi", 4), ("grouped", 8)):
    run = load(name)
    for p in run["points"]:
        if p.get("error"):
            print(f"{p['variant']:<14} {heads:>5} {run['d']:>4} {p['n']:>5}  {p['error']}")
            continue
        n, width = p["n"], run["d"]
        gflops = 4.0 * n * n * width / (p["median"] * 1e9)  # 4 N^2 (d / h) per head
        fraction = gflops / peak
        print(f"{p['variant']:<14} {heads:>5} {width:>4} {n:>5} {p['median'] * 1e3:>10.3f} {gflops:>8.1f} "
              f"{100 * fraction:>7.1f}%")
        if n in bars:
            verdicts.append(f"{p['variant']} (heads of 64) N={n}: {100 * fraction:.1f}% of peak (bar 70%): "
                            + ("meets" if fraction >= 0.70 else "misses"))
print("\n(engine*: the engine's median in ms under the same environment as 'torch best')")
print("GFLOP/s counts 4 N^2 d per head (Q K^T and P V); 'x faster' = torch time / engine time.")
for v in verdicts:
    print(v)
PY
