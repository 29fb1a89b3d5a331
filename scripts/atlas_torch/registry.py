"""The variants this server computes, and every id the app knows.

Served: the variants without random parameter matrices, whose results this server
reproduces from Q, K and V alone. Not served: those whose matrices the engine draws from the
seed with its own generator (additive, bilinear, linformer, performer, the synthesizers,
lsh's R), bigbird (its random keys) and paged (its shuffled page pool); a job of one of them
gets a JobError.
"""

from . import variants_dense, variants_other, variants_sparse

SERVED = {v.id: v for v in
          variants_dense.VARIANTS + variants_sparse.VARIANTS + variants_other.VARIANTS}

# Every variant id of the engine (`attention-atlas variants`), for telling an unknown id
# (a malformed request) from one this server does not compute (a job error).
KNOWN = [
    "scaled_dot", "additive", "distance", "bilinear", "multi_head", "grouped_query",
    "block_local", "local_window", "strided", "global_tokens", "bigbird", "mixed_heads",
    "sparse_fixed", "dilated", "lsh", "kmeans", "sinkhorn", "linformer", "compressed", "linear",
    "performer", "synthesizer_dense", "synthesizer_random", "aft", "flash", "paged",
]
