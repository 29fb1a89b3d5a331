// attention_impl.inc for the baseline instruction set: GCC/Clang vector extensions of 4 floats
// (SSE2 on x86-64, NEON on Arm), the path for CPUs without AVX2 and for other architectures.
#include "attention_isa.h"

namespace atlas::core::simd::portable {
namespace {

struct V {
  static constexpr Isa kIsa = Isa::Portable;
  static constexpr int W = 4;
  using F = float __attribute__((vector_size(16)));
  using I = std::int32_t __attribute__((vector_size(16)));
  using Mask = int;  // number of live lanes, from the first
  // 16 registers on SSE2: 2 x 4 accumulators (one block of 16 keys is 4 vectors) for scores,
  // 4 x 2 for P V.
  static constexpr int kScoreRows = 2, kScoreBlocks = 1;
  static constexpr int kPvVecs = 2;
  static constexpr int pvRows(int nv) { return nv >= 2 ? 4 : 8; }

  static F zero() { return F{0, 0, 0, 0}; }
  static F set1(float v) { return F{v, v, v, v}; }
  static F loadu(const float* p) {
    F r;
    std::memcpy(&r, p, sizeof(r));
    return r;
  }
  static void storeu(float* p, F v) { std::memcpy(p, &v, sizeof(v)); }
  static void stream(float* p, F v) { storeu(p, v); }
  static void fence() {}
  static Mask mask(Index n) { return int(n); }
  static F loadMasked(const float* p, Mask m) {
    F r = zero();
    for (int l = 0; l < m; ++l) r[l] = p[l];
    return r;
  }
  static void storeMasked(float* p, F v, Mask m) {
    for (int l = 0; l < m; ++l) p[l] = v[l];
  }
  static F keep(F v, Mask m) {
    for (int l = m; l < W; ++l) v[l] = 0.0f;
    return v;
  }
  static F bcast(const float* p) { return set1(*p); }
  static F fma(F a, F b, F c) { return a * b + c; }
  static F add(F a, F b) { return a + b; }
  static F sub(F a, F b) { return a - b; }
  static F mul(F a, F b) { return a * b; }
  static F max(F a, F b) { return a > b ? a : b; }
  static F min(F a, F b) { return a < b ? a : b; }
  using Cmp = I;
  static Cmp equal(F a, F b) { return a == b; }
  static F select(Cmp m, F yes, F no) { return m ? yes : no; }
  static float reduceAdd(F v) { return (v[0] + v[2]) + (v[1] + v[3]); }
  static float reduceMax(F v) {
    const float a = v[0] > v[1] ? v[0] : v[1], b = v[2] > v[3] ? v[2] : v[3];
    return a > b ? a : b;
  }
  static F loadMaskedOr(const float* p, Mask m, float fill) {
    F r = set1(fill);
    for (int l = 0; l < m; ++l) r[l] = p[l];
    return r;
  }
  /// Lane r = the sum (or max) of the lanes of v[r].
  template <bool kMax>
  static F reduceRows(F* v) {
    F r;
    for (int l = 0; l < W; ++l) r[l] = kMax ? reduceMax(v[l]) : reduceAdd(v[l]);
    return r;
  }
  static constexpr int rowLane(int r) { return r; }
  /// v[k] lane j = v[j] lane k before.
  static void transpose(F* v) {
    for (int k = 0; k < W; ++k)
      for (int j = k + 1; j < W; ++j) {
        const float x = v[k][j];
        v[k][j] = v[j][k];
        v[j][k] = x;
      }
  }

  /// The polynomial exp of the AVX2 path; round to nearest by adding and subtracting 1.5 * 2^23.
  static F exp(F x) {
    const F lo = set1(ExpConstants::kLo), hi = set1(ExpConstants::kHi);
    F xc = x < lo ? lo : x;  // a NaN compares false and stays
    xc = xc > hi ? hi : xc;
    const F magic = set1(12582912.0f);
    const F n = (xc * set1(ExpConstants::kLog2e) + magic) - magic;
    const F r = (xc - n * set1(ExpConstants::kLn2Hi)) - n * set1(ExpConstants::kLn2Lo);
    F p = set1(ExpConstants::kP0);
    p = p * r + set1(ExpConstants::kP1);
    p = p * r + set1(ExpConstants::kP2);
    p = p * r + set1(ExpConstants::kP3);
    p = p * r + set1(ExpConstants::kP4);
    p = p * r + set1(ExpConstants::kP5);
    const F y = (p * (r * r) + r) + set1(1.0f);
    const I bits = (__builtin_convertvector(n, I) + 127) << 23;
    F scale;
    std::memcpy(&scale, &bits, sizeof(scale));
    const F e = y * scale;
    return x < lo ? zero() : e;
  }
};

}  // namespace
}  // namespace atlas::core::simd::portable

#define ATLAS_SIMD_NS portable
#include "attention_impl.inc"
#undef ATLAS_SIMD_NS

namespace atlas::core::simd {
const AttentionKernels* portableKernels() { return &portable::kKernels; }
}  // namespace atlas::core::simd
