// How low-rank is an attention map, and how much of it does Linformer keep? The analysis behind
// the low-rank view and `attention-atlas lowrank`: singular values and effective ranks of one
// head's weights P, redundant key columns, and three errors of the output at several k: the
// random projection P R^T R V of the Linformer paper's Theorem 1 (Johnson-Lindenstrauss), the
// best any rank-k approximation can do (Eckart-Young), and Linformer with untrained (random)
// E and F. A trained Linformer learns E and F; the paper argues it lands between the first two.
#pragma once

#include "../variant.h"

#include <vector>

namespace atlas::core::analysis {

struct LowRankOptions {
  Index head = 0;              ///< which head of the result
  double threshold = 0.95;     ///< cosine similarity that makes two columns redundant
  std::vector<Index> ks = {};  ///< k values of the error curves; empty: 1,2,4,8,... up to M, plus M
};

/// Everything is computed in double from the result's float weights.
struct LowRankAnalysis {
  Index head = 0, n = 0, m = 0;
  Eigen::VectorXd singularValues;  ///< of P (N x M), descending, min(N, M) values
  /// Smallest r whose first r singular values hold 90% / 99% of sum s_i^2 (relative slack
  /// 1e-12, so r equal values give exactly r); 0 for an all-zero P.
  Index rank90 = 0, rank99 = 0;
  double entropyRank = 0;  ///< exp(H(p)), p_i = s_i / sum s; 0 for an all-zero P
  /// M x M cosine similarity of P's columns; a zero column: 0 with others, 1 with itself.
  /// Values within 1e-12 of +-1 are taken as +-1, so exact duplicates meet threshold 1.
  Matrix columnSimilarity;
  /// Groups of >= 2 columns, greedy in column order: the first unassigned column is the
  /// representative (first in its group), every later unassigned column with similarity
  /// >= threshold to it joins (ascending).
  std::vector<std::vector<Index>> redundantGroups;
  double threshold = 0;   ///< the options' threshold the groups were formed with
  std::vector<Index> ks;  ///< the options' ks sorted ascending without duplicates (or the default)
  /// Per k: the mean over kRandomProjectionDraws draws d of ||P V - P R_d^T R_d V||_F / ||P V||_F
  /// (absolute when P V = 0), R_d = randomProjection(seed, d, k, M): the approximation behind
  /// Theorem 1 of the Linformer paper, unbiased (E[R^T R] = I) with an error falling like
  /// 1 / sqrt(k). Never below bestError (P R^T R V has rank at most k).
  std::vector<double> randomProjectionError;
  /// c with E||P V - P R^T R V||_F^2 = c^2 ||P V||_F^2 / k for Gaussian R of entries N(0, 1/k):
  /// c^2 = 1 + ||P||_F^2 ||V||_F^2 / ||P V||_F^2, so c / sqrt(k) is the expected RMS relative
  /// error (the guide the view draws). 0 when P V = 0.
  double randomProjectionScale = 0;
  /// Per k: Linformer untrained, ||P V - P'_k (F_k V)||_F / ||P V||_F (absolute when P V = 0),
  /// with E_k, F_k drawn at random as linformerAt does (not learned); NaN when the head's queries
  /// and keys differ in width (bilinear with dq != dk), where Linformer's scores are undefined.
  std::vector<double> linformerError;
  /// Per k: sqrt(sum_{i>k} sigma_i(PV)^2) / ||PV||_F, the best any rank-k approximation of P V
  /// can do; never above linformerError or randomProjectionError; exactly 0 when k >= the numerical
  /// rank of P V.
  std::vector<double> bestError;
};

/// How many draws of R randomProjectionError averages.
inline constexpr int kRandomProjectionDraws = 8;

/// Draw `draw` (0-based) of the k x M random projection of randomProjectionError: entries
/// N(0, 1/k) from stream "R<draw>" of `seed` (the result's parameter seed, so the same request
/// gives the same curve). For one draw the k x M matrices of all k are nested: the first rows
/// of the same stream, scaled by 1 / sqrt(k).
Matrix randomProjection(std::uint64_t seed, int draw, Index k, Index m);

/// Linformer at one k on one head of a result. Shapes: pPrime N x k, implied N x M.
struct LinformerAt {
  Index k = 0;
  Matrix pPrime;     ///< softmax(Q_h (E_k K_h)^T * scale_h)
  Matrix implied;    ///< P'_k F_k, the linear map from V_h to the output
  double error = 0;  ///< ||P V_h - P'_k (F_k V_h)||_F / ||P V_h||_F (absolute when P V_h = 0)
};

/// Linformer at rank k on head `head` of `r` (computed on `in`): E_k, F_k (k x M) drawn from
/// r.params.seed exactly as the linformer variant draws E and F for rank k (the streams "E" and
/// "F", entries N(0, 1/k); F = E when shareEF), so `compute --variant linformer --set rank=k`
/// with the same seed reproduces them. Matrices supplied in r.params are not used.
/// Head slices: the columns of Q, K and V the head read (Variant::headColumns: the whole width
/// for one head, the head's slice, or its group's for grouped_query); scale_h = 1 / sqrt(dh). When
/// P has fewer rows than Q (paged: only the last query attends) the last P.rows() rows of Q are
/// used. The softmax and P'_k F_k run in float like the variant; the error in double. Cost: O(k M
/// (dh + dvh) + N k (dh + M)). Throws Error for a head out of range, k < 1 or k > M, mismatched
/// shapes, or queries and keys of different widths; Cancelled when `cancel` fires.
LinformerAt linformerAt(const VariantResult& r, const Inputs& in, Index head, Index k, bool shareEF,
                        const CancelToken& cancel = {});

/// The choice of F the low-rank view makes for a result: its variant's own
/// (Variant::linformerSharesEF: linformer's share_ef), F = E for every other variant.
bool sharesEF(const VariantResult& r);

/// The same with explicit projections E and F (both k x M, k = E.rows()), e.g. E = F = I at
/// k = M, where Linformer is exactly the head's own softmax.
LinformerAt linformerAt(const VariantResult& r, const Inputs& in, Index head, const Matrix& e,
                        const Matrix& f, const CancelToken& cancel = {});

/// Throws Error(TooLarge) when the analysis of a `rows` x `cols` weight matrix would take too long
/// (more than 4096 keys or 16.7 million weights): checked before computing the variant.
void checkLowRankSize(Index rows, Index cols);

/// The full analysis of one head. Linformer runs with F = E (share_ef's default) at every k,
/// in parallel over ks (TBB), checking `cancel` before each k. Cost: two SVDs (P: O(N M min),
/// P V: O(N dvh^2)), the M x M similarity O(N M^2), Linformer at each k, and per k and draw
/// the random projection, O(N M min(k, dvh)) in float.
/// Throws Error for a head out of range or a k outside [1, M]; Cancelled when `cancel` fires.
LowRankAnalysis analyzeLowRank(const VariantResult& r, const Inputs& in,
                               const LowRankOptions& options, const CancelToken& cancel = {});

}  // namespace atlas::core::analysis
