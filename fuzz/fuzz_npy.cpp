// .npy files: the header parser and the values (what `--q file.npy` and File > Open read).
#include "fuzz_target.h"

#include "core/io/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  atlas::fuzz::refusalOnly([&] {
    const auto a = atlas::core::io::parseNpy(atlas::fuzz::text(data, size), "fuzz.npy");
    std::size_t count = 1;
    for (auto s : a.shape) count *= std::size_t(s);
    if (count != a.data.size()) __builtin_trap();  // the shape must describe the data
  });
  return 0;
}
