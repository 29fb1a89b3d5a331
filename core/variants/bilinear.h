// `bilinear` (docs/variants.md, "Dense scoring").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& bilinearVariant();
}  // namespace atlas::core::variants
