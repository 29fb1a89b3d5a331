// Closed-form cost of one computation, per variant (docs/variants.md, "Cost").
#pragma once

#include "inputs.h"

#include <string>
#include <vector>

namespace atlas::core {

/// What a term of a breakdown counts: the parts every softmax attention has (read Q, K, V; form
/// the scores; the softmax; P V; write O), or something of the variant's own. Code that adjusts
/// or reads a term finds it by its kind, never by its name.
enum class TermKind { Input, Scores, Softmax, Values, Output, Other };

/// One line of a cost breakdown (for example "QK^T" or "softmax").
struct CostTerm {
  /// English: a word marked for translation (context "CostTerms") or a formula such as "QK^T".
  std::string name;
  double flops = 0;  ///< a multiply-add counts 2, any other arithmetic operation 1
  double exps = 0;   ///< exp (and tanh) evaluations
  double bytes = 0;  ///< main-memory traffic of an unfused implementation, 4 bytes per float
  TermKind kind = TermKind::Other;
};

/// The name of a standard term ("input", "softmax", "PV", "output"); the scores term names its
/// own formula, so this is "QK^T" for it.
const char* termName(TermKind kind);

struct Cost {
  std::vector<CostTerm> terms;
  double peak = 0;      ///< bytes of extra memory the unfused algorithm holds at once
  double resident = 0;  ///< bytes this engine's result holds (weights, masks, output, params)
  /// The part of `resident` formed for the views only (implied weights, flash's weights and
  /// records), which Variant::computeOutput does not hold; 0 for most variants.
  double displayResident = 0;

  double flops() const;
  double exps() const;
  double bytes() const;
  Cost& add(std::string name, double flops, double exps, double bytes);
  /// A standard term, named termName(kind).
  Cost& add(TermKind kind, double flops, double exps, double bytes);
  /// The first term of a kind, or nullptr.
  CostTerm* term(TermKind kind);
  const CostTerm* term(TermKind kind) const;
};

/// What distinguishes one dense formula from another: everything per allowed pair of one head.
struct DenseCostShape {
  Index heads = 1;
  double pairsPerHead = 0;         ///< allowed (i, j) pairs of one head
  double scoreFlops = 0;           ///< flops to form one raw score (2 dh for a dot product)
  double scoreExps = 0;            ///< tanh/exp evaluations per score (additive: hidden)
  const char* scoreTerm = "QK^T";  ///< the name of the TermKind::Scores term
  bool scaled = true;              ///< multiply each score by `scale` (1 flop)
  Index dvh = 0;                   ///< value width per head
};

/// The dense formulas of docs/variants.md: terms "input" (read Q, K, V), the score term,
/// "softmax" (scale?, subtract max, sum, divide per pair and one exp), "PV" (2 dvh per pair),
/// "output" (write O). Traffic: each head's N x M scores are written, re-read and written as P,
/// re-read for PV. Peak: the materialised score matrices of all heads.
Cost denseCost(const InputDims& dims, const DenseCostShape& shape);

/// The same terms for a sparse implementation that evaluates `pairsPerHead` pairs per head and
/// keeps only those scores: score traffic is 16 bytes per pair (write S, read it, write P, read
/// P) plus 4 bytes of key index per pair; peak: the pairs' scores and indices of all heads;
/// resident: the weights kept on the pairs only (SparseWeights::bytes) and the output.
Cost sparseCost(const InputDims& dims, const DenseCostShape& shape);

/// Bytes of a result holding `heads` weight and mask matrices of n x m and an output n x dv.
double resultBytes(Index heads, Index n, Index m, Index dvTotal);

/// Allowed (i, j) pairs of an n x m matrix with the causal rule j <= i (all n*m if !causal).
double causalPairs(Index n, Index m, bool causal);

}  // namespace atlas::core
