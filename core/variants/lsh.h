// `lsh` (docs/variants.md, "Data-dependent patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& lshVariant();
}  // namespace atlas::core::variants
