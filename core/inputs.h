// Q, K, V inputs: where they come from (generators or files) and their shapes.
#pragma once

#include "types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atlas::core {

/// Row counts and widths of Q (n x dq), K (m x dk) and V (m x dv).
struct InputDims {
  Index n = 0, m = 0, dq = 0, dk = 0, dv = 0;
  bool operator==(const InputDims&) const = default;
};

struct Inputs {
  Matrix q, k, v;
  /// Token labels for the axes (sentence input); empty for the other sources.
  std::vector<std::string> queryTokens, keyTokens;
  InputDims dims() const { return {q.rows(), k.rows(), q.cols(), k.cols(), v.cols()}; }
};

enum class InputSource {
  Random,      ///< independent seeded N(0, 1) entries
  Positional,  ///< sinusoidal position encodings projected by seeded matrices: depends on |i - j|
  Clustered,   ///< tokens around a few centres, in contiguous runs: attention forms blocks
  Sentence,    ///< one token per Chinese character or English word, seeded embeddings + positions
};

struct InputSpec {
  InputSource source = InputSource::Random;
  std::string text;  ///< for Sentence: the queries' sentence
  /// For Sentence: the keys' (and values') sentence, for cross-attention (a query sentence
  /// against a key sentence, N != M); empty: the queries' own (self-attention).
  std::string keyText;
  Index n = 16;  ///< queries (ignored for Sentence: one per token)
  Index m = 0;   ///< keys; 0 means m = n
  Index d = 16;  ///< query/key width
  Index dv = 0;  ///< value width; 0 means dv = d
  std::uint64_t seed = 0;
  int clusters = 4;  ///< for Clustered
};

/// Parses "random", "positional", "clustered" or "sentence:TEXT". Throws Error(InvalidArgument).
InputSpec parseInputSource(const std::string& text, InputSpec base = {});
std::string inputSourceName(InputSource source);

/// Splits text into tokens: each CJK character (and CJK punctuation) alone, runs of letters and
/// digits as words, other visible ASCII characters alone; whitespace separates.
std::vector<std::string> tokenize(const std::string& text);

/// The shapes the spec asks for before any variant adapts them: (n, m, d, d, dv).
/// For Sentence, n = the query sentence's tokens and m = the key sentence's (the same sentence
/// without one). Throws for an empty sentence or bad sizes.
InputDims baseDims(const InputSpec& spec);

/// Operations the generator of `spec` needs beyond writing Q, K, V (positional and clustered
/// inputs mix each width with an orthogonal matrix: cubic in the width).
double generatorFlops(const InputSpec& spec, const InputDims& dims);
/// The generators' budget: about ten seconds (Eigen's QR runs near 25 GFLOP/s here).
inline constexpr double kMaxGeneratorFlops = 2.5e11;
/// Throws Error(InvalidArgument) with advice that is true (the widest width within the budget, or
/// random inputs) when the generator would need more than kMaxGeneratorFlops.
void checkGenerator(const InputSpec& spec, const InputDims& dims);

/// Generates Q, K, V of exactly the given dims from the spec's source and seed (after
/// checkGenerator). The same (spec, dims) always gives the same matrices.
Inputs generateInputs(const InputSpec& spec, const InputDims& dims);

/// Checks that loaded Q, K, V agree (K and V have the same rows) and are non-empty, and that
/// token labels, when given, are one per query and one per key.
void validateInputs(const Inputs& inputs);

}  // namespace atlas::core
