// Inside the walkthrough (core/walkthrough.h): what each head computes, as the plan
// (walkthrough.cpp) reads it from the variant and the result, and the steps written from it
// (walkthrough_steps.cpp, walkthrough_tables.cpp).
#pragma once

#include "walkthrough.h"

#include <string>
#include <vector>

namespace atlas::core::walk {

/// The variant's own score function.
enum class Score {
  Dot,       ///< q_i . k_j (scaled_dot, the heads, flash, paged, every sparse pattern)
  Additive,  ///< w_v . tanh(W_q^T q_i + W_k^T k_j)
  Distance,  ///< q_i . k_j - ||k_j||^2 / 2
  Bilinear,  ///< q_i^T W k_j
};

/// Why pairs of a dense result are masked.
enum class MaskReason { None, Causal, Padding, CausalAndPadding, Other };

struct HeadPlan {
  Index head = 0;
  Variant::HeadColumns cols;  ///< the columns of Q, K and V it reads
  Index outCol = 0;           ///< its first column of the output
  Index group = -1;           ///< grouped-query: its key/value group; -1 otherwise
  bool scaled = false;
  double scale = 1;
  MaskMatrix allowed;    ///< queries x keys: 1 where the result computed the pair
  MatrixD multiplicity;  ///< empty, or queries x keys: how often exp(s_ij) counts (dilated)
  Index maskedPairs() const;
};

struct Plan {
  Score score = Score::Dot;
  bool sparse = false;  ///< a pattern's pairs: its mask comes first and scores skip the rest
  MaskReason mask = MaskReason::None;
  Index paddingFrom = 0;       ///< MaskReason::Padding: the first padding key
  std::vector<Index> queries;  ///< rows of Q that attend (paged: the last one), in order
  const Matrix* wq = nullptr;  ///< additive: W_q, W_k, w_v; bilinear: W (in W_q)
  const Matrix* wk = nullptr;
  const Matrix* wv = nullptr;
  std::vector<HeadPlan> heads;
  bool grouped = false;  ///< grouped-query: heads share key/value groups
  Index groups = 0;
  std::vector<std::string> queryLabels, keyLabels;
};

/// The computed weights and output of one head, for the concatenation and the check.
struct HeadOutcome {
  MatrixD weights;  ///< queries x keys (0 where skipped)
  MatrixD output;   ///< queries x dv of the head
};

/// The steps of one head ("mask" first for a pattern, "project" for additive and bilinear,
/// "scores" ... "output"), appended to `steps`.
HeadOutcome headSteps(const Plan& plan, const HeadPlan& head, const Inputs& in,
                      std::vector<WalkStep>& steps);

/// Everything one head computes, entry by entry.
struct Numbers {
  MatrixD q, k, v;   ///< the head's slices
  MatrixD a, b;      ///< additive: Q W_q and K W_k; bilinear: Q W in `a`
  MatrixD halfNorm;  ///< distance: ||k_j||^2 / 2 (M x 1)
  MatrixD raw, scaled, rowMax, e, rowSum, p, o;
  Index fi = 0, fj = 0;  ///< the entry the examples work out
};

/// Every matrix of one head, entry by entry (walkthrough_scores.cpp).
Numbers computeHead(const Plan& plan, const HeadPlan& head, const Inputs& in);

/// Writes the steps of one head from its numbers: the first ones in walkthrough_scores.cpp, the
/// softmax and the output in walkthrough_steps.cpp.
class HeadWriter {
 public:
  HeadWriter(const Plan& plan, const HeadPlan& h, const Numbers& x, std::vector<WalkStep>& steps);
  void write();

 private:
  WalkStep& step(const char* id, const char* title, WalkText formula);
  std::vector<std::string> features(Index first, Index count) const;
  WalkTable queries() const;
  WalkTable keys() const;
  /// A queries x keys table: skipped where the pair is never computed (always, once `masked`).
  WalkTable pairs(std::string name, const char* caption, const MatrixD& values,
                  bool masked = true) const;
  /// A column of one value per query.
  WalkTable perQuery(std::string name, const char* caption, const MatrixD& values) const;
  /// The examples' row of a queries x keys matrix: its computed entries as text.
  std::vector<std::string> rowTerms(const MatrixD& values) const;
  /// The score matrix as the softmax reads it (scaled or not, masked).
  WalkTable current() const;
  /// A step from the queries x keys table `from` to `to`, reading all of `from`.
  void pairStep(WalkStep& s, WalkTable from, WalkTable to);

  void pattern();
  void project();
  void scores();
  void scale();
  void mask();
  void rowMax();
  void exps();
  void rowSums();
  void weights();
  void output();

  const Plan& m_plan;
  const HeadPlan& m_h;
  const Numbers& m_x;
  std::vector<WalkStep>& m_steps;
  std::string m_qName, m_kName, m_vName, m_oName, m_sym, m_scoreName;
};

// Tables (walkthrough_tables.cpp).

/// A table of `values` (elided to kWalkMaxShown a side), nothing read, written or skipped.
WalkTable makeTable(std::string name, const char* caption, const MatrixD& values,
                    std::vector<std::string> rowLabels, std::vector<std::string> colLabels);
/// "0", "1", ... for columns [first, first + count).
std::vector<std::string> indexLabels(Index first, Index count);
/// Sets every shown entry of `mask` (shaped as the table's values).
void markAll(const WalkTable& t, MaskMatrix& mask);
/// Marks skipped (and NaN) the shown entries where `allowed` is 0.
void markSkipped(WalkTable& t, const MaskMatrix& allowed);
/// Marks `mask` where the table is not skipped.
void markComputed(const WalkTable& t, MaskMatrix& mask);
/// Marks entry (i, j) of `mask` when it is shown.
void markEntry(const WalkTable& t, MaskMatrix& mask, Index i, Index j);
/// Marks row i (all shown columns) / column j (all shown rows) of `mask`.
void markRow(const WalkTable& t, MaskMatrix& mask, Index i);
void markCol(const WalkTable& t, MaskMatrix& mask, Index j);

/// A number as the examples write it: two decimals, a true minus sign.
std::string number(double v);
/// As number(), in parentheses when negative (a factor in a product).
std::string factor(double v);
/// "a + b + c + d + …": the first `limit` of the terms, then an ellipsis.
std::string sumOf(const std::vector<std::string>& terms, std::size_t limit = 4,
                  const std::string& separator = " + ");
/// Subscript digits of a 1-based index ("₁₂").
std::string subscript(Index k);

/// "i = 2, j = 1:  ", the start of an example (j < 0: a row only; c >= 0: an output column).
std::string at(Index i, Index j, Index c = -1);
/// "0.12×0.50 + (−0.30)×0.10 + …", the products of two rows.
std::string products(const Eigen::RowVectorXd& a, const Eigen::RowVectorXd& b);

}  // namespace atlas::core::walk
