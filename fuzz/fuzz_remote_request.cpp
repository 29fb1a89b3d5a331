// What attention-atlas-device does with a request before computing: the protobuf message parsed,
// its largest size read, and the request decoded and checked (shapes, variants, parameters,
// limits). A request that decodes is valid input for the engine's planning.
#include "fuzz_target.h"

#include "core/engine.h"
#include "core/remote/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  atlas::device::v1::ComputeRequest request;
  if (!request.ParseFromArray(data, int(size))) return 0;
  atlas::fuzz::refusalOnly([&] {
    if (atlas::remote::requestedLength(request) > 4096) return;
    const auto decoded = atlas::remote::decodeRequest(request, 4096);
    (void)decoded;
  });
  return 0;
}
