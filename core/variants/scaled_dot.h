// `scaled_dot` (docs/variants.md, "Dense scoring").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& scaledDotVariant();
}  // namespace atlas::core::variants
