#include "isa.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace atlas::core::simd {

namespace {

Isa detect() {
#if defined(__x86_64__) || defined(__i386__)
  // libgcc's detection also checks that the OS saves the wider registers (XCR0).
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return Isa::Avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::Avx2;
#endif
  return Isa::Portable;
}

Isa lowered(Isa wanted) { return wanted > bestIsa() ? bestIsa() : wanted; }

std::optional<Isa> fromEnvironment() {
  const char* text = std::getenv("ATLAS_ISA");
  if (!text) return std::nullopt;
  for (Isa isa : {Isa::Portable, Isa::Avx2, Isa::Avx512})
    if (std::strcmp(text, isaName(isa)) == 0) return lowered(isa);
  return std::nullopt;
}

/// -1: no override; else the Isa value.
std::atomic<int> g_override{-1};

}  // namespace

const char* isaName(Isa isa) {
  switch (isa) {
    case Isa::Avx512:
      return "avx512";
    case Isa::Avx2:
      return "avx2";
    case Isa::Portable:
      break;
  }
  return "portable";
}

Isa bestIsa() {
  static const Isa best = detect();
  return best;
}

std::vector<Isa> supportedIsas() {
  std::vector<Isa> out;
  for (Isa isa : {Isa::Portable, Isa::Avx2, Isa::Avx512})
    if (isa <= bestIsa()) out.push_back(isa);
  return out;
}

Isa activeIsa() {
  const int forced = g_override.load(std::memory_order_relaxed);
  if (forced >= 0) return static_cast<Isa>(forced);
  static const Isa fromEnv = fromEnvironment().value_or(bestIsa());
  return fromEnv;
}

void setIsaOverride(std::optional<Isa> isa) {
  g_override.store(isa ? static_cast<int>(lowered(*isa)) : -1, std::memory_order_relaxed);
}

ScopedIsa::ScopedIsa(Isa isa) {
  const int previous = g_override.load(std::memory_order_relaxed);
  if (previous >= 0) m_previous = static_cast<Isa>(previous);
  setIsaOverride(isa);
}

ScopedIsa::~ScopedIsa() { setIsaOverride(m_previous); }

}  // namespace atlas::core::simd
