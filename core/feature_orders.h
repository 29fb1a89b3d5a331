// Linear attention's and Performer's two multiplication orders (docs/variants.md, "Change of
// multiplication order"): the flops of each at any size, and the length from which the cheap
// order is the cheaper one. Shared by the variants (core/variants/feature_map_attention.h) and
// the Teaching view, which draws both orders against N.
#pragma once

#include "inputs.h"

#include <algorithm>

namespace atlas::core {

/// The causal path splits the N query rows into `chunks` runs of `len` rows: at most 32 chunks,
/// which bounds the extra memory to 32 states of f x (dv + 1).
struct CausalChunks {
  Index chunks, len;
  explicit CausalChunks(Index n)
      : chunks(std::clamp<Index>((n + 63) / 64, 1, 32)), len((n + chunks - 1) / chunks) {}
};

/// Key rows folded into the state: all M; causal, the keys j < min(N, M) of pass 2 plus those
/// of every chunk but the last in pass 1.
inline double stateKeyRows(Index n, Index m, bool causal) {
  if (!causal) return double(m);
  const CausalChunks plan(n);
  return double(std::min(n, m)) + double(std::min(m, (plan.chunks - 1) * plan.len));
}

/// Flops of the two orders with feature width f (linear attention: dk; Performer: its random
/// features). The cheap order phi(Q) (phi(K)^T V) with its normaliser: phi(K)^T V (2 f dv per
/// key row), phi(K)^T 1 (f), phi(Q) times the f x dv state (2 f dv per query), the normaliser
/// (2 f) and the divide (dv). The quadratic order (phi(Q) phi(K)^T) V: per allowed pair 2 f
/// for the product, 2 for row sum and divide, 2 dv for P V. The feature map costs the same in
/// both orders and is in neither.
struct OrderFlops {
  double cheap = 0, quadratic = 0;
};
OrderFlops orderFlops(const InputDims& d, double f, bool causal);

/// The smallest number of queries n from which the cheap order takes fewer flops than the
/// quadratic one, the keys growing in proportion (M / N of `d` kept: M = n for self-attention;
/// widths as in `d`). 0 when it never does up to 2^40 queries. The quadratic order grows like
/// n^2 and the cheap one like n, so they cross once.
Index orderCrossover(const InputDims& d, double f, bool causal);

/// `d` with n queries and the keys in proportion, as orderCrossover scales them.
InputDims scaledDims(const InputDims& d, Index n);

}  // namespace atlas::core
