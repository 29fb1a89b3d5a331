#include "variant_result.h"

#include <algorithm>

namespace atlas::core {

namespace {

// The form's per-head stores, whatever the form (overloaded visitors keep each form's reading
// in one place).
template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::uint64_t countOnes(const MaskMatrix& m) {
  return std::uint64_t(
      std::count_if(m.data(), m.data() + m.size(), [](std::uint8_t b) { return b != 0; }));
}

Matrix bucketMatrix(const std::vector<std::vector<int>>& b) {
  Matrix mat(static_cast<Index>(b.size()), b.empty() ? 0 : static_cast<Index>(b[0].size()));
  for (std::size_t h = 0; h < b.size(); ++h)
    for (std::size_t i = 0; i < b[h].size(); ++i) mat(Index(h), Index(i)) = float(b[h][i]);
  return mat;
}

}  // namespace

std::vector<std::pair<std::string, Matrix>> Trace::files() const {
  std::vector<std::pair<std::string, Matrix>> out;
  if (tiles) {
    out.emplace_back("tile_order", tiles->order);
    out.emplace_back("running_max", tiles->runningMax);
    out.emplace_back("running_sum", tiles->runningSum);
  }
  if (pages) {
    out.emplace_back("block_table", pages->blockTable);
    out.emplace_back("pool_order", pages->poolOrder);
  }
  if (routing) {
    out.emplace_back("routing", routing->routing);
    out.emplace_back("block_scores", routing->blockScores);
  }
  if (reducedWeights) out.emplace_back("P_prime", *reducedWeights);
  if (orders) out.emplace_back("order_flops", orders->flops);
  if (!queryBuckets.empty()) out.emplace_back("query_buckets", bucketMatrix(queryBuckets));
  if (!keyBuckets.empty()) out.emplace_back("key_buckets", bucketMatrix(keyBuckets));
  return out;
}

bool Trace::empty() const {
  return !tiles && !pages && !routing && !reducedWeights && !orders && queryBuckets.empty() &&
         keyBuckets.empty();
}

Index VariantResult::heads() const {
  return std::visit(Overloaded{[](const DenseWeights& w) { return Index(w.weights.size()); },
                               [](const PooledWeights& w) { return Index(w.cells.size()); },
                               [](const SparseHeads& w) { return Index(w.size()); }},
                    m_weights);
}

Index VariantResult::weightRows() const {
  if (heads() == 0) return 0;
  return sparse() ? sparseHead(0).rows() : weights(0).rows();
}

Index VariantResult::weightCols() const {
  if (heads() == 0) return 0;
  return sparse() ? sparseHead(0).cols() : weights(0).cols();
}

float VariantResult::weight(Index h, Index i, Index j) const {
  return sparse() ? sparseHead(h).at(i, j) : weights(h)(i, j);
}

bool VariantResult::computed(Index h, Index i, Index j) const {
  return sparse() ? sparseHead(h).computed(i, j) : mask(h)(i, j) != 0;
}

std::uint64_t VariantResult::pairs(Index h) const {
  return sparse() ? sparseHead(h).nnz() : countOnes(mask(h));
}

bool VariantResult::hasComponents() const {
  if (componentNames.empty()) return false;
  if (const auto* d = std::get_if<DenseWeights>(&m_weights)) return !d->components.empty();
  return sparse();
}

std::uint8_t VariantResult::component(Index h, Index i, Index j) const {
  if (sparse()) return sparseHead(h).componentAt(i, j);
  const auto* d = std::get_if<DenseWeights>(&m_weights);
  return d && std::size_t(h) < d->components.size() ? d->components[std::size_t(h)](i, j) : 0;
}

bool VariantResult::pooledMax() const {
  const auto* p = std::get_if<PooledWeights>(&m_weights);
  return p && p->max;
}

const Matrix& VariantResult::weights(Index h) const {
  if (const auto* p = std::get_if<PooledWeights>(&m_weights)) return p->cells.at(std::size_t(h));
  return std::get<DenseWeights>(m_weights).weights.at(std::size_t(h));
}

const MaskMatrix& VariantResult::mask(Index h) const {
  if (const auto* p = std::get_if<PooledWeights>(&m_weights)) return p->masks.at(std::size_t(h));
  return std::get<DenseWeights>(m_weights).masks.at(std::size_t(h));
}

const MaskMatrix& VariantResult::components(Index h) const {
  return std::get<DenseWeights>(m_weights).components.at(std::size_t(h));
}

const SparseWeights& VariantResult::sparseHead(Index h) const {
  return std::get<SparseHeads>(m_weights).at(std::size_t(h));
}

void VariantResult::makeDense() {
  const auto* s = std::get_if<SparseHeads>(&m_weights);
  if (!s) return;
  const bool withComponents =
      !componentNames.empty() ||
      std::any_of(s->begin(), s->end(), [](const auto& w) { return w.hasComponents(); });
  DenseWeights d;
  for (const SparseWeights& w : *s) {
    d.weights.push_back(w.dense());
    d.masks.push_back(w.denseMask());
    if (withComponents) d.components.push_back(w.denseComponents());
  }
  m_weights = std::move(d);
}

}  // namespace atlas::core
