// `lsh` (VARIANTS.md, "Learned or data-dependent patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& lshVariant();
}  // namespace atlas::core::variants
