// What every fuzz target shares: the input as a string, and the one outcome a parser may have
// besides a result, core::Error (a sentence). Anything else (a crash, another exception, a
// sanitizer report, a hang) is a finding.
#pragma once

#include "core/types.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace atlas::fuzz {

inline std::string text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// Runs `parse`; a core::Error is a refusal, and its message must be one line.
template <class F>
void refusalOnly(F&& parse) {
  try {
    parse();
  } catch (const core::Error& e) {
    const std::string_view message = e.what();
    if (message.find('\n') != std::string_view::npos || message.empty()) __builtin_trap();
  }
}

}  // namespace atlas::fuzz
