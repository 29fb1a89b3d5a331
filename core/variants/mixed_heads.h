// `mixed_heads` (docs/variants.md, "Fixed sparse patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& mixedHeadsVariant();
}  // namespace atlas::core::variants
