// The instruction set the hand-vectorised kernels run on, chosen at run time: the portable
// build has no -march, so each kernel is compiled for AVX-512, AVX2+FMA and plain C++ in one
// binary, and the best one this CPU (and OS) supports is used.
#pragma once

#include <optional>
#include <vector>

namespace atlas::core::simd {

/// Ordered from least to most capable.
enum class Isa { Portable, Avx2, Avx512 };

/// "portable", "avx2", "avx512".
const char* isaName(Isa isa);

/// The most capable instruction set this CPU and OS support (AVX-512: avx512f; AVX2: avx2 and
/// fma; Portable everywhere). Detected once.
Isa bestIsa();

/// Every instruction set this machine can run, least capable first (Portable is always there).
std::vector<Isa> supportedIsas();

/// The instruction set the kernels use now: bestIsa(), or a lower one asked for by the
/// environment variable ATLAS_ISA=portable|avx2|avx512 (read once; a request above bestIsa()
/// is lowered to it), or by setIsaOverride.
Isa activeIsa();

/// Forces `isa` (lowered to bestIsa() when not supported) or, with nullopt, returns to the
/// default. Process-wide; meant for tests and benchmarks that compare the code paths, not
/// for use while kernels run on other threads.
void setIsaOverride(std::optional<Isa> isa);

/// Sets an override for the lifetime of the object and restores the previous one after.
class ScopedIsa {
 public:
  explicit ScopedIsa(Isa isa);
  ~ScopedIsa();
  ScopedIsa(const ScopedIsa&) = delete;
  ScopedIsa& operator=(const ScopedIsa&) = delete;

 private:
  std::optional<Isa> m_previous;
};

}  // namespace atlas::core::simd
