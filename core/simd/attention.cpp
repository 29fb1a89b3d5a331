#include "attention.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

namespace atlas::core::simd {

// Defined by attention_<isa>.cpp; nullptr when that instruction set is not compiled in.
const AttentionKernels* avx512Kernels();
const AttentionKernels* avx2Kernels();
const AttentionKernels* portableKernels();

const AttentionKernels& attentionKernels(Isa isa) {
  const AttentionKernels* k = nullptr;
  if (isa > bestIsa()) isa = bestIsa();
  if (isa == Isa::Avx512) k = avx512Kernels();
  if (!k && isa >= Isa::Avx2) k = avx2Kernels();
  if (!k) k = portableKernels();
  return *k;
}

namespace {

/// Buffers of packed keys kept for the next call: a few, not too large, best fit first.
class BufferPool {
 public:
  float* take(std::size_t floats, std::size_t& capacity) {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      auto best = m_free.end();
      for (auto it = m_free.begin(); it != m_free.end(); ++it)
        if (it->first >= floats && (best == m_free.end() || it->first < best->first)) best = it;
      if (best != m_free.end()) {
        capacity = best->first;
        float* data = best->second;
        m_free.erase(best);
        return data;
      }
    }
    capacity = floats;
    return new float[floats];
  }
  void give(float* data, std::size_t capacity) {
    if (!data) return;
    constexpr std::size_t kKeepAtMost = std::size_t(16) << 20, kBuffers = 4;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (capacity > kKeepAtMost) {
      delete[] data;
      return;
    }
    m_free.emplace_back(capacity, data);
    if (m_free.size() > kBuffers) {  // drop the smallest
      auto smallest = std::min_element(m_free.begin(), m_free.end());
      delete[] smallest->second;
      m_free.erase(smallest);
    }
  }

 private:
  std::mutex m_mutex;
  std::vector<std::pair<std::size_t, float*>> m_free;
};

BufferPool& pool() {
  static BufferPool* p = new BufferPool();  // never destroyed: no order problem at exit
  return *p;
}

}  // namespace

PackedKeys::PackedKeys(PackedKeys&& other) noexcept { *this = std::move(other); }

PackedKeys& PackedKeys::operator=(PackedKeys&& other) noexcept {
  if (this != &other) {
    pool().give(m_data, m_capacity);
    m = other.m;
    d = other.d;
    tileCols = other.tileCols;
    blocksPerTile = other.blocksPerTile;
    m_data = std::exchange(other.m_data, nullptr);
    m_capacity = std::exchange(other.m_capacity, 0);
  }
  return *this;
}

PackedKeys::~PackedKeys() { pool().give(m_data, m_capacity); }

PackedKeys packKeys(const MatrixRef& k, Index tileCols) {
  PackedKeys p;
  p.m = k.rows();
  p.d = k.cols();
  p.tileCols = std::max<Index>(1, std::min(tileCols, std::max<Index>(p.m, 1)));
  p.blocksPerTile = (p.tileCols + kPackWidth - 1) / kPackWidth;
  const Index tiles = (p.m + p.tileCols - 1) / p.tileCols, blocks = tiles * p.blocksPerTile;
  const Index d = p.d, blockFloats = d * kPackWidth;
  p.m_data = pool().take(std::size_t(std::max<Index>(blocks * blockFloats, 1)), p.m_capacity);
  float* data = p.m_data;
  // Every block is written whole (zeros past the tile's last key): the buffer may be reused.
  tbb::parallel_for(tbb::blocked_range<Index>(0, blocks, 16), [&](const auto& range) {
    for (Index b = range.begin(); b < range.end(); ++b) {
      const Index t = b / p.blocksPerTile,
                  first = t * p.tileCols + (b % p.blocksPerTile) * kPackWidth;
      const Index tileEnd = std::min(p.m, (t + 1) * p.tileCols);
      const Index keys = std::clamp<Index>(tileEnd - first, 0, kPackWidth);
      float* dst = data + b * blockFloats;
      if (keys < kPackWidth) std::fill(dst, dst + blockFloats, 0.0f);
      for (Index j = 0; j < keys; ++j) {
        const float* row = k.row(first + j).data();
        for (Index c = 0; c < d; ++c) dst[c * kPackWidth + j] = row[c];
      }
    }
  });
  return p;
}

}  // namespace atlas::core::simd
