// The walkthrough: the attention computation of a small result written out step by step (raw
// scores, scaling, mask, row maximum, exp, row sums, weights, weighted sum of V; per head with
// the split and the concatenation), every number recomputed in double precision from the inputs
// and checked against the result. No Qt: the words are English, marked for translation
// (context "Walkthrough"), and the app translates them.
#pragma once

#include "variant.h"

#include <string>
#include <vector>

namespace atlas::core {

/// At most this many queries and keys: every number is written out.
inline constexpr Index kWalkMaxTokens = 12;
/// Tables wider (or taller) than this show their first kWalkMaxShown columns (rows) only.
inline constexpr Index kWalkMaxShown = 16;

/// A sentence marked for translation (context "Walkthrough") and the arguments of its %1..%9:
/// numbers and symbols, never words. An empty format is no sentence.
struct WalkText {
  const char* format = "";
  std::vector<std::string> args;
  bool empty() const { return *format == '\0'; }
  /// The English sentence, arguments filled in.
  std::string english() const { return Error::fill(format, args); }
};

/// One matrix a step shows. Every mask has the shape of `values`; 1 = yes.
struct WalkTable {
  std::string name;          ///< its symbol as drawn ("Q", "S′", "m", "O₂"): never translated
  const char* caption = "";  ///< a few words, marked for translation ("queries", "row maxima")
  Index rows = 0, cols = 0;  ///< its full size; `values` may be the top-left part (elided)
  MatrixD values;            ///< the shown entries; NaN where skipped
  MaskMatrix skipped;        ///< pairs never computed: drawn as skipped, never as a number
  MaskMatrix read;           ///< the entries this step reads
  MaskMatrix written;        ///< the entries this step writes
  MaskMatrix example;        ///< the entries of the step's worked example (`WalkStep::example`)
  std::vector<std::string> rowLabels, colLabels;  ///< one per shown row / column
  bool elided() const { return values.rows() < rows || values.cols() < cols; }
};

struct WalkStep {
  /// Stable: "inputs", "split", "project", "mask", "scores", "scale", "row_max", "exp",
  /// "row_sum", "weights", "output", "concat". Per-head steps repeat for every head.
  std::string id;
  Index head = -1;         ///< 0-based head of a per-head step; -1 for the others
  const char* title = "";  ///< marked for translation
  WalkText formula;        ///< what the step computes, in the variant's own terms
  /// One entry of the step worked out in numbers ("i = 2, j = 1:  exp(0.33 − 0.42) = 0.91"),
  /// language-free; empty when the step computes nothing.
  std::string example;
  std::vector<WalkTable> tables;
};

struct Walkthrough {
  std::vector<WalkStep> steps;  ///< empty when refused
  WalkText refusal;             ///< why there are no steps, with what to do instead
  WalkText note;                ///< a sentence about the variant that holds for every step
  Index heads = 0;
  /// Largest relative difference between the walkthrough's weights and output and the result's.
  double largestDifference = 0;
};

/// The steps of `result`, computed by `variant` on `inputs`, with the parameters the result
/// holds (result.params, including every matrix it used). Covered: every variant whose weights
/// are a softmax of query-key scores over pairs — scaled_dot (its scaling, causal and padding
/// masks), additive, distance, bilinear, multi_head, grouped_query, flash, paged (the last query)
/// and every sparse pattern (its pairs, multiplicities and heads as the result stores them).
/// Refused (no steps, `refusal` says why): other variants, N or M over kWalkMaxTokens, pooled
/// results, and a recomputation that disagrees with the result by more than 1e-3 relative.
Walkthrough buildWalkthrough(const VariantResult& result, const Inputs& inputs,
                             const Variant& variant);

}  // namespace atlas::core
