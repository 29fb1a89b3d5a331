// CSV matrices (`--q file.csv`, File > Open).
#include "fuzz_target.h"

#include "core/io/csv.h"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  atlas::fuzz::refusalOnly([&] {
    const auto m = atlas::core::io::parseCsv(atlas::fuzz::text(data, size), "fuzz.csv");
    if (m.size() == 0 || !m.allFinite()) __builtin_trap();  // a matrix is never empty nor NaN
  });
  return 0;
}
