#include "inputs.h"

#include "params.h"
#include "rng.h"

#include <Eigen/QR>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <vector>

namespace atlas::core {
namespace {

constexpr Index kEmbedding = 64;  // width of the hidden token vectors before projection

/// Sinusoidal position encoding (Vaswani et al. 2017), rows = positions.
Matrix positionalEncoding(Index rows, Index width) {
  Matrix p(rows, width);
  for (Index pos = 0; pos < rows; ++pos) {
    for (Index c = 0; c < width; c += 2) {
      const double freq = std::pow(10000.0, -static_cast<double>(c) / static_cast<double>(width));
      p(pos, c) = static_cast<float>(std::sin(pos * freq));
      if (c + 1 < width) p(pos, c + 1) = static_cast<float>(std::cos(pos * freq));
    }
  }
  return p;
}

/// Projection E x width whose scaled scores peak near `peak` for vectors of squared norm
/// `selfDot`: with entries N(0, s^2), q.k ~ width * s^2 * x_i.x_j and scale = 1/sqrt(dk).
Matrix projection(std::uint64_t seed, const char* stream, Index width, Index dk, double selfDot,
                  double peak) {
  const double var = peak / (selfDot * std::sqrt(static_cast<double>(dk)));
  Rng rng(seed, stream);
  return rng.normalMatrix(kEmbedding, width, std::sqrt(var));
}

/// One row per token: its seeded embedding ("The" and "the" are the same word: ASCII letters are
/// folded to lower case) plus a weaker sinusoid of its position.
Matrix sentenceEmbedding(std::uint64_t seed, const std::vector<std::string>& tokens) {
  const Index n = static_cast<Index>(tokens.size());
  Matrix x = 0.5f * positionalEncoding(n, kEmbedding);
  for (Index i = 0; i < n; ++i) {
    std::string key = tokens[std::size_t(i)];
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    x.row(i) += Rng(seed, "token:" + key).normalMatrix(1, kEmbedding);
  }
  return x;
}

/// rows x width features whose dot products depend on the row distance only (see Positional).
Matrix distanceFeatures(std::uint64_t seed, Index rows, Index width, Index dk) {
  const Index pairs = std::max<Index>(1, width / 2);
  Rng scales(seed, "input:pos-scales");
  std::vector<double> s2(static_cast<std::size_t>(pairs));
  double total = 0;
  for (auto& v : s2) total += (v = 0.5 + scales.uniform());
  const double peak = 6.0 * std::sqrt(static_cast<double>(dk));  // scaled self-score ~ 6
  Matrix f = Matrix::Zero(rows, width);
  for (Index p = 0; p < pairs; ++p) {
    const double freq = std::pow(200.0, -static_cast<double>(p) / static_cast<double>(pairs));
    const double amp = std::sqrt(peak * s2[static_cast<std::size_t>(p)] / total);
    for (Index i = 0; i < rows; ++i) {
      f(i, 2 * p) = static_cast<float>(amp * std::sin(i * freq));
      if (2 * p + 1 < width) f(i, 2 * p + 1) = static_cast<float>(amp * std::cos(i * freq));
    }
  }
  // A seeded orthogonal mix (Q of a Gaussian matrix) hides the pairing without changing dot
  // products between rows built with the same width.
  const Eigen::MatrixXd g = Rng(seed, "input:pos-mix").normalMatrix(width, width).cast<double>();
  const Eigen::MatrixXd mix = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
  return (f.cast<double>() * mix).cast<float>();
}

/// rows x width: row i lies near centre floor(i c / rows); centres are orthonormal directions
/// (as many as the width allows) scaled to squared norm `radius2`, plus small seeded noise.
Matrix clusteredTokens(std::uint64_t seed, Index rows, Index width, int clusters, double radius2) {
  const Eigen::MatrixXd g = Rng(seed, "input:centres").normalMatrix(width, width).cast<double>();
  const Eigen::MatrixXd basis = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
  Rng extra(seed, "input:extra-centres");
  Matrix centres(clusters, width);
  for (int a = 0; a < clusters; ++a) {
    Eigen::VectorXd dir = a < width
                              ? Eigen::VectorXd(basis.col(a))
                              : extra.normalMatrix(width, 1).cast<double>().col(0).normalized();
    centres.row(a) = (std::sqrt(radius2) * dir).cast<float>().transpose();
  }
  Rng noise(seed, "input:noise:" + std::to_string(width));
  const double sigma = 0.15 * std::sqrt(radius2 / static_cast<double>(width));
  Matrix x(rows, width);
  for (Index i = 0; i < rows; ++i) {
    x.row(i) = centres.row(i * clusters / rows);
    for (Index e = 0; e < width; ++e) x(i, e) += static_cast<float>(sigma * noise.normal());
  }
  return x;
}

bool isSpace(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }
bool isWordChar(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'' ||
         (c >= 0xC0 && c < 0x2E80 && c != 0xD7 && c != 0xF7);  // Latin letters with accents etc.
}

}  // namespace

std::string inputSourceName(InputSource source) {
  switch (source) {
    case InputSource::Random:
      return "random";
    case InputSource::Positional:
      return "positional";
    case InputSource::Clustered:
      return "clustered";
    case InputSource::Sentence:
      return "sentence";
  }
  return "random";
}

InputSpec parseInputSource(const std::string& text, InputSpec base) {
  if (text == "random") {
    base.source = InputSource::Random;
  } else if (text == "positional") {
    base.source = InputSource::Positional;
  } else if (text == "clustered") {
    base.source = InputSource::Clustered;
  } else if (text.rfind("sentence:", 0) == 0) {
    base.source = InputSource::Sentence;
    base.text = text.substr(9);
  } else {
    throw Error(
        Error::Kind::InvalidArgument,
        ATLAS_TR_NOOP("CoreErrors",
                      "Unknown input '%1': use random, positional, clustered or sentence:TEXT."),
        {text});
  }
  return base;
}

std::vector<std::string> tokenize(const std::string& text) {
  std::vector<std::string> tokens;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) tokens.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    // Decode one UTF-8 code point; an invalid byte stands for itself.
    const unsigned char b = static_cast<unsigned char>(text[i]);
    std::size_t len = b < 0x80         ? 1
                      : (b >> 5) == 6  ? 2
                      : (b >> 4) == 14 ? 3
                      : (b >> 3) == 30 ? 4
                                       : 1;
    if (i + len > text.size()) len = 1;
    char32_t c = len == 1 ? b : (b & (0x7F >> len));
    for (std::size_t k = 1; k < len; ++k)
      c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const std::string piece = text.substr(i, len);
    i += len;
    if (isSpace(c)) {
      flush();
    } else if (isWordChar(c)) {
      word += piece;
    } else {
      flush();
      tokens.push_back(piece);  // a CJK character, CJK punctuation or ASCII punctuation
    }
  }
  flush();
  return tokens;
}

InputDims baseDims(const InputSpec& spec) {
  InputDims d;
  if (spec.source == InputSource::Sentence) {
    const auto tokens = tokenize(spec.text);
    if (tokens.empty())
      throw Error(Error::Kind::InvalidArgument,
                  ATLAS_TR_NOOP("CoreErrors", "The sentence has no tokens: type some words."));
    d.n = d.m = static_cast<Index>(tokens.size());
    if (!spec.keyText.empty()) {
      const auto keys = tokenize(spec.keyText);
      if (keys.empty())
        throw Error(
            Error::Kind::InvalidArgument,
            ATLAS_TR_NOOP("CoreErrors", "The key sentence has no tokens: type some words."));
      d.m = static_cast<Index>(keys.size());
      if (spec.m != 0 && spec.m != d.m)
        throw Error(Error::Kind::InvalidArgument,
                    ATLAS_TR_NOOP("CoreErrors",
                                  "The key sentence sets M: it must equal its number of tokens "
                                  "(%1)."),
                    {num(d.m)});
    } else if (spec.m != 0 && spec.m != d.n) {
      throw Error(
          Error::Kind::InvalidArgument,
          ATLAS_TR_NOOP("CoreErrors",
                        "A sentence attends to itself: M must equal its number of tokens (%1)."),
          {num(d.n)});
    }
  } else {
    d.n = spec.n;
    d.m = spec.m == 0 ? spec.n : spec.m;
  }
  d.dq = d.dk = spec.d;
  d.dv = spec.dv == 0 ? spec.d : spec.dv;
  if (d.n < 1 || d.m < 1)
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors", "N and M must be at least 1."));
  if (d.dk < 1 || d.dv < 1)
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors", "The widths d and dv must be at least 1."));
  return d;
}

double generatorFlops(const InputSpec& spec, const InputDims& dims) {
  // Positional and clustered inputs mix each matrix's width w with a w x w orthogonal matrix
  // (a Householder QR and its Q: about 10/3 w^3 operations) and positional ones multiply the
  // rows by it (2 rows w^2).
  const auto mixed = [](double rows, double w, bool product) {
    return 10.0 / 3.0 * w * w * w + (product ? 2.0 * rows * w * w : 0.0);
  };
  switch (spec.source) {
    case InputSource::Positional:
      return mixed(double(dims.n), double(dims.dq), true) +
             mixed(double(dims.m), double(dims.dk), true);
    case InputSource::Clustered:
      return mixed(double(dims.n), double(dims.dq), false) +
             mixed(double(dims.m), double(dims.dk), false) +
             mixed(double(dims.m), double(dims.dv), false);
    default:
      return 0;
  }
}

void checkGenerator(const InputSpec& spec, const InputDims& dims) {
  const double flops = generatorFlops(spec, dims);
  if (flops <= kMaxGeneratorFlops) return;
  // The widest width whose mix stays within the budget, for the advice.
  Index widest = 1;
  while (widest < (Index(1) << 20)) {
    InputDims d = dims;
    d.dq = d.dk = d.dv = widest * 2;
    if (generatorFlops(spec, d) > kMaxGeneratorFlops) break;
    widest *= 2;
  }
  char ops[32];
  std::snprintf(ops, sizeof ops, "%.1e", flops);
  throw Error(
      Error::Kind::InvalidArgument,  // not memory: a larger limit would not help
      ATLAS_TR_NOOP("CoreErrors",
                    "%1 inputs of width %2 need about %3 operations to make (a width x "
                    "width orthogonal mix), minutes of work: give a width of at most %4, "
                    "or random inputs."),
      {inputSourceName(spec.source), num(std::max({dims.dq, dims.dk, dims.dv})), ops, num(widest)});
}

Inputs generateInputs(const InputSpec& spec, const InputDims& dims) {
  checkGenerator(spec, dims);
  Inputs in;
  const std::uint64_t seed = spec.seed;
  switch (spec.source) {
    case InputSource::Random: {
      in.q = Rng(seed, "input:Q").normalMatrix(dims.n, dims.dq);
      in.k = Rng(seed, "input:K").normalMatrix(dims.m, dims.dk);
      in.v = Rng(seed, "input:V").normalMatrix(dims.m, dims.dv);
      break;
    }
    case InputSource::Positional: {
      // Rotary-like features: the pair of columns (2f, 2f+1) of row i is s_f (sin i w_f,
      // cos i w_f), then a seeded orthogonal mix shared by Q and K. So q_i . k_j =
      // sum_f s_f^2 cos(w_f (i - j)): the score depends on the distance i - j only.
      in.q = distanceFeatures(seed, dims.n, dims.dq, dims.dk);
      in.k = distanceFeatures(seed, dims.m, dims.dk, dims.dk);
      const double selfDot = kEmbedding / 2.0;
      in.v = positionalEncoding(dims.m, kEmbedding) *
             Rng(seed, "input:Av").normalMatrix(kEmbedding, dims.dv, 1.0 / std::sqrt(selfDot));
      break;
    }
    case InputSource::Clustered: {
      // Tokens in contiguous runs around c orthogonal centres: same-cluster scaled scores near
      // 6, other clusters near 0, so the weights form diagonal blocks.
      const int c = std::max(1, spec.clusters);
      const double radius2 = 6.0 * std::sqrt(static_cast<double>(dims.dk));
      in.q = clusteredTokens(seed, dims.n, dims.dq, c, radius2);
      in.k = clusteredTokens(seed, dims.m, dims.dk, c, radius2);
      in.v = clusteredTokens(seed, dims.m, dims.dv, c, double(dims.dv));
      break;
    }
    case InputSource::Sentence: {
      in.queryTokens = tokenize(spec.text);
      in.keyTokens = spec.keyText.empty() ? in.queryTokens : tokenize(spec.keyText);
      // The same word has the same embedding in both sentences; positions add a weaker
      // sinusoid in each sentence. Queries and keys have their own projections, W_Q and
      // W_K = (W_Q + W') / sqrt 2 with W' independent: Q != K and the scores are not symmetric,
      // yet E[q_i . k_j] is proportional to x_i . x_j, so a query still leans to the keys that
      // repeat its word (scaled by 1/sqrt 2, hence the higher peak). Nothing is trained.
      const Matrix xq = sentenceEmbedding(seed, in.queryTokens);
      const Matrix xk = spec.keyText.empty() ? xq : sentenceEmbedding(seed, in.keyTokens);
      const double selfDot = kEmbedding + 0.25 * kEmbedding / 2.0;
      const double peak = 5.0 * std::sqrt(2.0);
      const Matrix wq = projection(seed, "input:A", dims.dq, dims.dk, selfDot, peak);
      const Matrix own = projection(seed, "input:B", dims.dk, dims.dk, selfDot, peak);
      const Index shared = std::min(dims.dq, dims.dk);
      Matrix wk = own;
      wk.leftCols(shared) += wq.leftCols(shared);
      wk *= static_cast<float>(1.0 / std::sqrt(2.0));
      in.q = xq * wq;
      in.k = xk * wk;
      in.v = xk * Rng(seed, "input:Av").normalMatrix(kEmbedding, dims.dv, 1.0 / 8.0);
      break;
    }
  }
  return in;
}

void validateInputs(const Inputs& in) {
  if (in.q.size() == 0 || in.k.size() == 0 || in.v.size() == 0)
    throw Error(Error::Kind::ShapeMismatch,
                ATLAS_TR_NOOP("CoreErrors", "Q, K and V must all be non-empty."));
  if (in.k.rows() != in.v.rows())
    throw Error(
        Error::Kind::ShapeMismatch,
        ATLAS_TR_NOOP(
            "CoreErrors",
            "K and V must have the same number of rows (one per key), but K has %1 and V has %2."),
        {num(in.k.rows()), num(in.v.rows())});
  if (!in.queryTokens.empty() && Index(in.queryTokens.size()) != in.q.rows())
    throw Error(Error::Kind::ShapeMismatch,
                ATLAS_TR_NOOP("CoreErrors",
                              "There are %1 query labels but Q has %2 rows: give one per query."),
                {num(Index(in.queryTokens.size())), num(in.q.rows())});
  if (!in.keyTokens.empty() && Index(in.keyTokens.size()) != in.k.rows())
    throw Error(
        Error::Kind::ShapeMismatch,
        ATLAS_TR_NOOP("CoreErrors", "There are %1 key labels but K has %2 rows: give one per key."),
        {num(Index(in.keyTokens.size())), num(in.k.rows())});
  // Every score q.k must be a float32: |q.k| <= |q| |k| (Cauchy-Schwarz), so the largest row
  // norms bound them all. Beyond, the scores overflow and the weights come out 0 or NaN.
  const auto largestNorm = [](const Matrix& m) {
    double best = 0;
    for (Index i = 0; i < m.rows(); ++i) {
      double s = 0;
      for (Index j = 0; j < m.cols(); ++j) s += double(m(i, j)) * double(m(i, j));
      best = std::max(best, s);
    }
    return std::sqrt(best);
  };
  const double bound = double(std::numeric_limits<float>::max()) / 4;
  const double q = largestNorm(in.q), k = largestNorm(in.k);
  if (q * k > bound)
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors",
                              "Q and K are too large for float32 scores: a row of Q has norm %1 "
                              "and a row of K %2, so a score may reach %3; scale them down."),
                {formatNumber(q), formatNumber(k), formatNumber(q * k)});
  if (largestNorm(in.v) > bound)
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors",
                              "V is too large for float32 outputs (a row has norm %1); scale it "
                              "down."),
                {formatNumber(largestNorm(in.v))});
}

}  // namespace atlas::core
