// `local_window` (docs/variants.md, "Fixed sparse patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& localWindowVariant();
}  // namespace atlas::core::variants
