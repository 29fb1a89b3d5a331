// The backends attention-atlas-device can serve from: `cpu` (this engine) always, `ascend`
// where it was built with the CANN toolkit (-DATLAS_WITH_ASCEND=ON).
#pragma once

#include "core/device/device.h"

#include <memory>
#include <string>
#include <vector>

namespace atlas::app::device {

/// One Device per entry of `list` ("0,1,3") on `backend`. Throws core::Error(InvalidArgument)
/// with one sentence for an unknown backend, one this build lacks, or a bad list.
std::vector<std::unique_ptr<core::Device>> makeDevices(const std::string& backend,
                                                       const std::string& list);

/// "256M", "1G" or bytes, at least 1 MiB and below 2 GiB (gRPC's message limit).
double parseRequestBytes(const std::string& text);

}  // namespace atlas::app::device
