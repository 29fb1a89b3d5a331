// `flash` (VARIANTS.md, "Same result, different schedule").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& flashVariant();
}  // namespace atlas::core::variants
