// `distance` (docs/variants.md, "Dense scoring").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& distanceVariant();
}  // namespace atlas::core::variants
