// `multi_head` (docs/variants.md, "Dense scoring").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& multiHeadVariant();
}  // namespace atlas::core::variants
