// `synthesizer_dense` (docs/variants.md, "Not from queries and keys").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& synthesizerDenseVariant();
}  // namespace atlas::core::variants
