// `block_local` (docs/variants.md, "Fixed sparse patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& blockLocalVariant();
}  // namespace atlas::core::variants
