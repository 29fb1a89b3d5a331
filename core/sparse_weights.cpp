#include "sparse_weights.h"

#include <algorithm>

namespace atlas::core {

std::ptrdiff_t SparseWeights::find(Index i, Index j) const {
  const SparsePattern& p = *pattern;
  if (i < 0 || i >= p.n) return -1;
  const auto begin = p.cols.begin() + p.rowStart[std::size_t(i)];
  const auto end = p.cols.begin() + p.rowStart[std::size_t(i) + 1];
  const auto it = std::lower_bound(begin, end, j);
  return it != end && *it == j ? std::ptrdiff_t(it - p.cols.begin()) : -1;
}

float SparseWeights::at(Index i, Index j) const {
  const std::ptrdiff_t a = find(i, j);
  return a < 0 ? 0.0f : values[std::size_t(a)];
}

std::uint8_t SparseWeights::componentAt(Index i, Index j) const {
  const std::ptrdiff_t a = find(i, j);
  return a < 0 ? 0 : componentOf(std::size_t(a));
}

Matrix SparseWeights::dense() const {
  Matrix w = Matrix::Zero(rows(), cols());
  forEach([&](Index i, Index j, std::size_t a) { w(i, j) = values[a]; });
  return w;
}

MaskMatrix SparseWeights::denseMask() const {
  MaskMatrix m = MaskMatrix::Zero(rows(), cols());
  forEach([&](Index i, Index j, std::size_t) { m(i, j) = 1; });
  return m;
}

MaskMatrix SparseWeights::denseComponents() const {
  MaskMatrix c = MaskMatrix::Zero(rows(), cols());
  forEach([&](Index i, Index j, std::size_t a) { c(i, j) = componentOf(a); });
  return c;
}

double SparseWeights::bytes(double heads, Index n, double pairsPerHead) {
  return heads * (pairsPerHead * (4.0 + double(sizeof(Index)) + 1.0) +
                  double(n + 1) * double(sizeof(Index)));
}

}  // namespace atlas::core
