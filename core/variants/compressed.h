// `compressed` (docs/variants.md, "Fewer keys").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& compressedVariant();
}  // namespace atlas::core::variants
