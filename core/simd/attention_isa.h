// Shared by the attention_<isa>.cpp files (not a public header): the standard headers, which
// must come before the target region (so nothing of theirs is compiled for a wider instruction
// set), the constants of the vectorised exp, and the macros that open and close the region.
#pragma once

#include "attention.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__x86_64__) || defined(__i386__)
#define ATLAS_SIMD_X86 1
#include <immintrin.h>
#endif

#define ATLAS_SIMD_PRAGMA(x) _Pragma(#x)
// Fully unrolls a loop over a micro-tile's registers, so its accumulator array lives in
// registers only (GCC keeps such an array in memory when it unrolls too late).
#if defined(__clang__)
#define ATLAS_SIMD_UNROLL ATLAS_SIMD_PRAGMA(unroll)
#else
#define ATLAS_SIMD_UNROLL ATLAS_SIMD_PRAGMA(GCC unroll 64)
#endif
#if defined(__clang__)
#define ATLAS_SIMD_TARGET_BEGIN(t) \
  ATLAS_SIMD_PRAGMA(clang attribute push(__attribute__((target(t))), apply_to = function))
#define ATLAS_SIMD_TARGET_END ATLAS_SIMD_PRAGMA(clang attribute pop)
#else
#define ATLAS_SIMD_TARGET_BEGIN(t) \
  ATLAS_SIMD_PRAGMA(GCC push_options) ATLAS_SIMD_PRAGMA(GCC target(t))
#define ATLAS_SIMD_TARGET_END ATLAS_SIMD_PRAGMA(GCC pop_options)
#endif

namespace atlas::core::simd {

/// e^x = 2^n e^r, n = round(x log2 e), r = x - n ln 2 with ln 2 = kLn2Hi + kLn2Lo (kLn2Hi has
/// few bits, so n kLn2Hi is exact), e^r = 1 + r + r^2 P(r) on |r| <= ln 2 / 2 with the
/// polynomial of Cephes' expf (Moshier), about 1 ulp. Inputs are clamped to [kLo, kHi]; below
/// kLo (e^x under the smallest normal float) the result is 0.
struct ExpConstants {
  static constexpr float kLo = -87.33654f, kHi = 88.37626f;
  static constexpr float kLog2e = 1.44269504088896341f;
  static constexpr float kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;
  static constexpr float kP0 = 1.9875691500e-4f, kP1 = 1.3981999507e-3f, kP2 = 8.3334519073e-3f,
                         kP3 = 4.1665795894e-2f, kP4 = 1.6666665459e-1f, kP5 = 5.0000001201e-1f;
};

}  // namespace atlas::core::simd
