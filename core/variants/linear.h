// `linear` (docs/variants.md, "Change of multiplication order").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& linearVariant();
}  // namespace atlas::core::variants
