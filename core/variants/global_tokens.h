// `global_tokens` (docs/variants.md, "Fixed sparse patterns").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& globalTokensVariant();
}  // namespace atlas::core::variants
