// Seeded random numbers that are the same on every platform and standard library.
#pragma once

#include "types.h"

#include <cstdint>
#include <string_view>

namespace atlas::core {

/// splitmix64 seeding + xoshiro256** generator with Box-Muller normals. Each named stream
/// (a parameter symbol such as "W_q") is independent of the order in which streams are drawn,
/// so adding a parameter to a variant never changes the values of the others.
class Rng {
 public:
  Rng(std::uint64_t seed, std::string_view stream);
  std::uint64_t next();
  double uniform();  ///< in [0, 1)
  double normal();   ///< standard normal
  /// rows x cols matrix with entries N(0, stddev^2).
  Matrix normalMatrix(Index rows, Index cols, double stddev = 1.0);

 private:
  std::uint64_t m_s[4];
  double m_spare = 0.0;
  bool m_hasSpare = false;
};

}  // namespace atlas::core
