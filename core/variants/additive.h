// `additive` (docs/variants.md, "Dense scoring").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& additiveVariant();
}  // namespace atlas::core::variants
