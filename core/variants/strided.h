// `strided` (docs/variants.md, "Fixed sparse patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& stridedVariant();
}  // namespace atlas::core::variants
