// Large N: dense attention weights pooled into display resolution on the fly, never holding
// N x M (the geometry of the cells: pool_geometry.h).
#pragma once

#include "pool_geometry.h"

namespace atlas::core {

/// The mask of a pooled view: cell (a, b) is 1 when its block holds any computed pair, i.e.
/// always, or (causal) when the block's first key is at or before its last query.
MaskMatrix pooledMask(Index n, Index m, Index rows, Index cols, bool causal);

/// One head of dense attention softmax(q k^T * scale) (causal: j <= i) pooled into display
/// resolution: rows' = pooledCells(n, pool.rows) x cols' = pooledCells(m, pool.cols) cells,
/// cell (a, b) covering query rows [poolStart(a, n, rows'), poolStart(a + 1, n, rows')) and key
/// columns likewise, holding the maximum (or the mean) of the weights P[i, j] = exp(s_ij -
/// m_i) / l_i over its block. Masked (causal) pairs count as 0 in the mean and are left out of
/// the max; a block with none computed is 0. A row without a usable key (a score that is not
/// finite) contributes zeros, never NaN.
///
/// One pass over the key tiles per panel of query rows, panels in parallel (TBB): Q K^T of a
/// panel x key tile with the register-blocked micro-kernels of core/simd, the online softmax
/// (running max m_i and sum l_i) and, per row and key cell, the cell's raw score maximum (max)
/// or its sum of exp(s - m) kept relative to the running max (mean); the normalisation by the
/// final m_i and l_i is applied when a panel's rows are folded into their cells, so no second
/// Q K^T pass is needed. With `v` given (m x dv), the same pass accumulates P V and writes
/// softmax(q k^T * scale) v into `output` (n x dv, allocated here), so the whole head costs one
/// Q K^T and one P V. Memory per thread: a panel x key tile of scores plus panel x cols' cell
/// statistics; the result rows' x cols'. Progress per finished panel (fraction of the pairs);
/// `cancel` is checked per panel. `scoreEvaluations` (optional) receives the number of raw
/// scores formed (causal: whole key tiles up to each panel's last row).
Matrix pooledWeights(const MatrixRef& q, const MatrixRef& k, float scale, bool causal,
                     const PoolSpec& pool, const ProgressFn& progress, const CancelToken& cancel,
                     const MatrixRef* v = nullptr, Matrix* output = nullptr,
                     std::uint64_t* scoreEvaluations = nullptr);

/// Bytes pooledWeights holds besides its inputs and output: the packed keys, the pooled
/// cells and every thread's scratch (for the memory check).
double pooledScratchBytes(Index n, Index m, Index d, Index dv, const PoolSpec& pool);

}  // namespace atlas::core
