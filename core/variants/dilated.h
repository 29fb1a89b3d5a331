// `dilated` (docs/variants.md, "Fixed sparse patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& dilatedVariant();
}  // namespace atlas::core::variants
