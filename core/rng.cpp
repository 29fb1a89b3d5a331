#include "rng.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace atlas::core {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(std::uint64_t seed, std::string_view stream) {
  std::uint64_t x = seed ^ fnv1a(stream);
  for (auto& s : m_s) s = splitmix64(x);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
  const std::uint64_t t = m_s[1] << 17;
  m_s[2] ^= m_s[0];
  m_s[3] ^= m_s[1];
  m_s[1] ^= m_s[2];
  m_s[0] ^= m_s[3];
  m_s[2] ^= t;
  m_s[3] = rotl(m_s[3], 45);
  return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  if (m_hasSpare) {
    m_hasSpare = false;
    return m_spare;
  }
  // Box-Muller on (0, 1]: 1 - uniform() is never 0, so the log is finite.
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double a = 2.0 * std::numbers::pi * u2;
  m_spare = r * std::sin(a);
  m_hasSpare = true;
  return r * std::cos(a);
}

Matrix Rng::normalMatrix(Index rows, Index cols, double stddev) {
  Matrix m(rows, cols);
  float* out = m.data();  // row-major: entry k is the k-th normal() of the serial order
  const Index total = rows * cols;
  Index k = 0;
  if (m_hasSpare && total > 0) out[k++] = static_cast<float>(normal() * stddev);
  // Whole Box-Muller pairs. The generator is sequential but cheap; the transform (log, sqrt,
  // sin, cos) is what costs, and each pair's depends on its two draws only. So chunk by chunk
  // the draws are taken in order and the pairs transformed in parallel: bit for bit the values
  // of the serial loop (the same expressions as normal()).
  constexpr Index kChunkPairs = Index{1} << 15;
  std::vector<std::uint64_t> raw;
  while (total - k >= 2) {
    const Index pairs = std::min((total - k) / 2, kChunkPairs);
    raw.resize(static_cast<std::size_t>(2 * pairs));
    for (std::uint64_t& x : raw) x = next();
    auto transform = [&, base = k](Index p0, Index p1) {
      for (Index p = p0; p < p1; ++p) {
        const double u1 = 1.0 - static_cast<double>(raw[std::size_t(2 * p)] >> 11) * 0x1.0p-53;
        const double u2 = static_cast<double>(raw[std::size_t(2 * p + 1)] >> 11) * 0x1.0p-53;
        const double r = std::sqrt(-2.0 * std::log(u1));
        const double a = 2.0 * std::numbers::pi * u2;
        const double spare = r * std::sin(a);
        out[base + 2 * p] = static_cast<float>(r * std::cos(a) * stddev);
        out[base + 2 * p + 1] = static_cast<float>(spare * stddev);
      }
    };
    if (pairs < 2048) {
      transform(0, pairs);
    } else {
      tbb::parallel_for(tbb::blocked_range<Index>(0, pairs, 1024),
                        [&](const tbb::blocked_range<Index>& r) { transform(r.begin(), r.end()); });
    }
    k += 2 * pairs;
  }
  if (k < total) out[k] = static_cast<float>(normal() * stddev);  // keeps its sine as the spare
  return m;
}

}  // namespace atlas::core
