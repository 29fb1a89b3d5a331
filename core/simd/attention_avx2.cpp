// attention_impl.inc compiled for AVX2 + FMA (8 lanes, 16 registers), whatever the build's
// -march: every function below carries the target through the pragma.
#include "attention_isa.h"

#ifdef ATLAS_SIMD_X86

ATLAS_SIMD_TARGET_BEGIN("avx2,fma")

namespace atlas::core::simd::avx2 {
namespace {

struct V {
  static constexpr Isa kIsa = Isa::Avx2;
  using F = __m256;
  using Mask = __m256i;  // all ones in the live lanes
  static constexpr int W = 8;
  static constexpr int kScoreRows = 6, kScoreBlocks = 1;  // 12 accumulators of 16 registers
  static constexpr int kPvVecs = 2;                       // dv in chunks of 16
  static constexpr int pvRows(int nv) { return nv >= 2 ? 6 : 12; }

  static F zero() { return _mm256_setzero_ps(); }
  static F set1(float x) { return _mm256_set1_ps(x); }
  static F loadu(const float* p) { return _mm256_loadu_ps(p); }
  static void storeu(float* p, F v) { _mm256_storeu_ps(p, v); }
  static void stream(float* p, F v) { _mm256_stream_ps(p, v); }
  static void fence() { _mm_sfence(); }
  static Mask mask(Index n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(int(n)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static F loadMasked(const float* p, Mask m) { return _mm256_maskload_ps(p, m); }
  static void storeMasked(float* p, F v, Mask m) { _mm256_maskstore_ps(p, m, v); }
  static F keep(F v, Mask m) { return _mm256_and_ps(v, _mm256_castsi256_ps(m)); }
  static F bcast(const float* p) { return _mm256_broadcast_ss(p); }
  static F fma(F a, F b, F c) { return _mm256_fmadd_ps(a, b, c); }
  static F add(F a, F b) { return _mm256_add_ps(a, b); }
  static F sub(F a, F b) { return _mm256_sub_ps(a, b); }
  static F mul(F a, F b) { return _mm256_mul_ps(a, b); }
  static F max(F a, F b) { return _mm256_max_ps(a, b); }
  static F min(F a, F b) { return _mm256_min_ps(a, b); }
  using Cmp = __m256;
  static Cmp equal(F a, F b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
  static F select(Cmp m, F yes, F no) { return _mm256_blendv_ps(no, yes, m); }
  static float reduceAdd(F v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
  }
  static float reduceMax(F v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
  }
  static F loadMaskedOr(const float* p, Mask m, float fill) {
    return _mm256_blendv_ps(set1(fill), _mm256_maskload_ps(p, m), _mm256_castsi256_ps(m));
  }
  template <bool kMax>
  static F op(F a, F b) {
    return kMax ? _mm256_max_ps(a, b) : _mm256_add_ps(a, b);
  }
  template <bool kMax, int kLevel>
  static F combine(F a, F b) {
    if constexpr (kLevel == 0)
      return op<kMax>(_mm256_permute2f128_ps(a, b, 0x20), _mm256_permute2f128_ps(a, b, 0x31));
    else if constexpr (kLevel == 1)
      return op<kMax>(_mm256_shuffle_ps(a, b, 0x44), _mm256_shuffle_ps(a, b, 0xEE));
    else
      return op<kMax>(_mm256_shuffle_ps(a, b, 0x88), _mm256_shuffle_ps(a, b, 0xDD));
  }
  template <bool kMax, int kLevel>
  static int level(F* v, int c) {
    for (int k = 0; 2 * k < c; ++k)
      v[k] = combine<kMax, kLevel>(v[2 * k], 2 * k + 1 < c ? v[2 * k + 1] : v[2 * k]);
    return (c + 1) / 2;
  }
  /// One vector of 8 reductions: lane rowLane(r) holds the sum (or max) of the lanes of v[r], in
  /// three levels of shuffles (v is overwritten).
  template <bool kMax>
  static F reduceRows(F* v) {
    int c = level<kMax, 0>(v, W);
    c = level<kMax, 1>(v, c);
    level<kMax, 2>(v, c);
    return v[0];
  }
  static constexpr int rowLane(int r) { return 4 * (r % 2) + r / 2; }
  /// v[k] lane j = v[j] lane k before (an 8 x 8 transpose).
  static void transpose(F* v) {
    F t[8], u[8];
    for (int k = 0; k < 8; k += 2) {
      t[k] = _mm256_unpacklo_ps(v[k], v[k + 1]);
      t[k + 1] = _mm256_unpackhi_ps(v[k], v[k + 1]);
    }
    for (int k = 0; k < 8; k += 4) {
      u[k] = _mm256_shuffle_ps(t[k], t[k + 2], 0x44);
      u[k + 1] = _mm256_shuffle_ps(t[k], t[k + 2], 0xEE);
      u[k + 2] = _mm256_shuffle_ps(t[k + 1], t[k + 3], 0x44);
      u[k + 3] = _mm256_shuffle_ps(t[k + 1], t[k + 3], 0xEE);
    }
    for (int c = 0; c < 4; ++c) {
      v[c] = _mm256_permute2f128_ps(u[c], u[4 + c], 0x20);
      v[c + 4] = _mm256_permute2f128_ps(u[c], u[4 + c], 0x31);
    }
  }

  /// As the AVX-512 exp, with 2^n built in the exponent bits (n >= -126 after the clamp).
  static F exp(F x) {
    const F lo = set1(ExpConstants::kLo);
    const F xc = _mm256_min_ps(set1(ExpConstants::kHi), _mm256_max_ps(lo, x));
    const F n = _mm256_round_ps(_mm256_mul_ps(xc, set1(ExpConstants::kLog2e)),
                                _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    F r = _mm256_fnmadd_ps(n, set1(ExpConstants::kLn2Hi), xc);
    r = _mm256_fnmadd_ps(n, set1(ExpConstants::kLn2Lo), r);
    F p = set1(ExpConstants::kP0);
    p = fma(p, r, set1(ExpConstants::kP1));
    p = fma(p, r, set1(ExpConstants::kP2));
    p = fma(p, r, set1(ExpConstants::kP3));
    p = fma(p, r, set1(ExpConstants::kP4));
    p = fma(p, r, set1(ExpConstants::kP5));
    const F y = add(fma(p, mul(r, r), r), set1(1.0f));
    const __m256i bits =
        _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    const F e = _mm256_mul_ps(y, _mm256_castsi256_ps(bits));
    return _mm256_blendv_ps(e, zero(), _mm256_cmp_ps(x, lo, _CMP_LT_OQ));
  }
};

}  // namespace
}  // namespace atlas::core::simd::avx2

#define ATLAS_SIMD_NS avx2
#include "attention_impl.inc"
#undef ATLAS_SIMD_NS

ATLAS_SIMD_TARGET_END

namespace atlas::core::simd {
const AttentionKernels* avx2Kernels() { return &avx2::kKernels; }
}  // namespace atlas::core::simd

#else

namespace atlas::core::simd {
const AttentionKernels* avx2Kernels() { return nullptr; }
}  // namespace atlas::core::simd

#endif
