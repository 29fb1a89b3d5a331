// `kmeans` (docs/variants.md, "Data-dependent patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& kmeansVariant();
}  // namespace atlas::core::variants
