// The JSON reader (lessons, meta.json, the benchmark's kept points): what it reads, written
// again, reads back to the same document.
#include "fuzz_target.h"

#include "core/io/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  atlas::fuzz::refusalOnly([&] {
    const auto doc = atlas::core::io::parseJson(atlas::fuzz::text(data, size), "fuzz.json");
    const std::string once = atlas::core::io::toJson(doc);
    const std::string twice = atlas::core::io::toJson(atlas::core::io::parseJson(once, "again"));
    if (once != twice) __builtin_trap();
  });
  return 0;
}
