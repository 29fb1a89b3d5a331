// `synthesizer_random` (docs/variants.md, "Not from queries and keys").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& synthesizerRandomVariant();
}  // namespace atlas::core::variants
