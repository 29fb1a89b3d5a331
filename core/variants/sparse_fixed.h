// `sparse_fixed` (docs/variants.md, "Fixed sparse patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& sparseFixedVariant();
}  // namespace atlas::core::variants
