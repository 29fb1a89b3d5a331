// attention_impl.inc compiled for AVX-512 (avx512f), whatever the build's -march: every function
// below carries the target through the pragma, and only runs after isa.cpp found the CPU able.
#include "attention_isa.h"

#ifdef ATLAS_SIMD_X86

// GCC 12's AVX-512 intrinsics start some results from _mm512_undefined_ps(), which its
// (un)initialised-use warnings report once inlined (GCC PR 105593); nothing here is uninitialised.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

ATLAS_SIMD_TARGET_BEGIN("avx512f,avx2,fma")

namespace atlas::core::simd::avx512 {
namespace {

struct V {
  static constexpr Isa kIsa = Isa::Avx512;
  using F = __m512;
  using Mask = __mmask16;
  static constexpr int W = 16;
  static constexpr int kScoreRows = 8, kScoreBlocks = 3;  // 24 accumulators of 32 registers
  static constexpr int kPvVecs = 4;                       // dv in chunks of 64
  static constexpr int pvRows(int nv) { return nv >= 4 ? 4 : nv == 3 ? 8 : 12; }

  static F zero() { return _mm512_setzero_ps(); }
  static F set1(float x) { return _mm512_set1_ps(x); }
  static F loadu(const float* p) { return _mm512_loadu_ps(p); }
  static void storeu(float* p, F v) { _mm512_storeu_ps(p, v); }
  static void stream(float* p, F v) { _mm512_stream_ps(p, v); }
  static void fence() { _mm_sfence(); }
  static Mask mask(Index n) { return Mask((1u << n) - 1u); }  // n in [0, 16]
  static F loadMasked(const float* p, Mask m) { return _mm512_maskz_loadu_ps(m, p); }
  static void storeMasked(float* p, F v, Mask m) { _mm512_mask_storeu_ps(p, m, v); }
  static F keep(F v, Mask m) { return _mm512_maskz_mov_ps(m, v); }
  static F bcast(const float* p) { return _mm512_set1_ps(*p); }
  static F fma(F a, F b, F c) { return _mm512_fmadd_ps(a, b, c); }
  static F add(F a, F b) { return _mm512_add_ps(a, b); }
  static F sub(F a, F b) { return _mm512_sub_ps(a, b); }
  static F mul(F a, F b) { return _mm512_mul_ps(a, b); }
  static F max(F a, F b) { return _mm512_max_ps(a, b); }
  static F min(F a, F b) { return _mm512_min_ps(a, b); }
  using Cmp = __mmask16;
  static Cmp equal(F a, F b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
  static F select(Cmp m, F yes, F no) { return _mm512_mask_mov_ps(no, m, yes); }
  static float reduceAdd(F v) { return _mm512_reduce_add_ps(v); }
  static float reduceMax(F v) { return _mm512_reduce_max_ps(v); }
  static F loadMaskedOr(const float* p, Mask m, float fill) {
    return _mm512_mask_loadu_ps(set1(fill), m, p);
  }
  template <bool kMax>
  static F op(F a, F b) {
    return kMax ? _mm512_max_ps(a, b) : _mm512_add_ps(a, b);
  }
  template <bool kMax, int kLevel>
  static F combine(F a, F b) {
    if constexpr (kLevel == 0)
      return op<kMax>(_mm512_shuffle_f32x4(a, b, 0x44), _mm512_shuffle_f32x4(a, b, 0xEE));
    else if constexpr (kLevel == 1)
      return op<kMax>(_mm512_shuffle_f32x4(a, b, 0x88), _mm512_shuffle_f32x4(a, b, 0xDD));
    else if constexpr (kLevel == 2)
      return op<kMax>(_mm512_shuffle_ps(a, b, 0x44), _mm512_shuffle_ps(a, b, 0xEE));
    else
      return op<kMax>(_mm512_shuffle_ps(a, b, 0x88), _mm512_shuffle_ps(a, b, 0xDD));
  }
  template <bool kMax, int kLevel>
  static int level(F* v, int c) {
    for (int k = 0; 2 * k < c; ++k)
      v[k] = combine<kMax, kLevel>(v[2 * k], 2 * k + 1 < c ? v[2 * k + 1] : v[2 * k]);
    return (c + 1) / 2;
  }
  /// One vector of 16 reductions: lane rowLane(r) holds the sum (or max) of the lanes of v[r],
  /// in four levels of shuffles that each halve the lanes per source and pair sources (v is
  /// overwritten): 3 instructions per pair instead of 8 per reduction.
  template <bool kMax>
  static F reduceRows(F* v) {
    int c = level<kMax, 0>(v, W);
    c = level<kMax, 1>(v, c);
    c = level<kMax, 2>(v, c);
    level<kMax, 3>(v, c);
    return v[0];
  }
  static constexpr int rowLane(int r) { return 4 * (r % 4) + r / 4; }
  /// v[k] lane j = v[j] lane k before (a 16 x 16 transpose in four levels of shuffles).
  static void transpose(F* v) {
    F t[16];
    for (int k = 0; k < 16; k += 2) {
      t[k / 2] = _mm512_unpacklo_ps(v[k], v[k + 1]);      // rows k, k+1 interleaved: lanes 0,1 of
      t[8 + k / 2] = _mm512_unpackhi_ps(v[k], v[k + 1]);  // each 4-group (lo), lanes 2,3 (hi)
    }
    F u[16];  // u[4 b + c]: rows 4b..4b+3, column c of every 4-group
    for (int b = 0; b < 4; ++b) {
      u[4 * b + 0] = _mm512_shuffle_ps(t[2 * b], t[2 * b + 1], 0x44);
      u[4 * b + 1] = _mm512_shuffle_ps(t[2 * b], t[2 * b + 1], 0xEE);
      u[4 * b + 2] = _mm512_shuffle_ps(t[8 + 2 * b], t[8 + 2 * b + 1], 0x44);
      u[4 * b + 3] = _mm512_shuffle_ps(t[8 + 2 * b], t[8 + 2 * b + 1], 0xEE);
    }
    for (int c = 0; c < 4; ++c) {
      const F a0 = _mm512_shuffle_f32x4(u[c], u[4 + c], 0x88);
      const F a1 = _mm512_shuffle_f32x4(u[c], u[4 + c], 0xDD);
      const F b0 = _mm512_shuffle_f32x4(u[8 + c], u[12 + c], 0x88);
      const F b1 = _mm512_shuffle_f32x4(u[8 + c], u[12 + c], 0xDD);
      v[c] = _mm512_shuffle_f32x4(a0, b0, 0x88);
      v[c + 8] = _mm512_shuffle_f32x4(a0, b0, 0xDD);
      v[c + 4] = _mm512_shuffle_f32x4(a1, b1, 0x88);
      v[c + 12] = _mm512_shuffle_f32x4(a1, b1, 0xDD);
    }
  }

  /// e^x: n = round(x log2 e), r = x - n ln 2 (ln 2 in two parts), e^r by the Cephes expf
  /// polynomial, times 2^n by scalef. Below the float range (x < -87.34, -inf included): 0,
  /// through scalef's zero-masking (no clamp needed: whatever n and r are there, they are
  /// discarded). Above it (x > 88.38): inf. NaN stays NaN.
  static F exp(F x) {
    const F n = _mm512_roundscale_ps(_mm512_mul_ps(x, set1(ExpConstants::kLog2e)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    F r = _mm512_fnmadd_ps(n, set1(ExpConstants::kLn2Hi), x);
    r = _mm512_fnmadd_ps(n, set1(ExpConstants::kLn2Lo), r);
    F p = set1(ExpConstants::kP0);
    p = fma(p, r, set1(ExpConstants::kP1));
    p = fma(p, r, set1(ExpConstants::kP2));
    p = fma(p, r, set1(ExpConstants::kP3));
    p = fma(p, r, set1(ExpConstants::kP4));
    p = fma(p, r, set1(ExpConstants::kP5));
    const F y = add(fma(p, mul(r, r), r), set1(1.0f));
    // Not below the range: x >= lo, or NaN (unordered) so that it reaches the result.
    return _mm512_maskz_scalef_ps(_mm512_cmp_ps_mask(x, set1(ExpConstants::kLo), _CMP_NLT_UQ), y,
                                  n);
  }
};

}  // namespace
}  // namespace atlas::core::simd::avx512

#define ATLAS_SIMD_NS avx512
#include "attention_impl.inc"
#undef ATLAS_SIMD_NS

ATLAS_SIMD_TARGET_END

namespace atlas::core::simd {
const AttentionKernels* avx512Kernels() { return &avx512::kKernels; }
}  // namespace atlas::core::simd

#else

namespace atlas::core::simd {
const AttentionKernels* avx512Kernels() { return nullptr; }
}  // namespace atlas::core::simd

#endif
