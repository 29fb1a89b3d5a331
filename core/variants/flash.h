// `flash` (docs/variants.md, "Same result, another schedule").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& flashVariant();
}  // namespace atlas::core::variants
