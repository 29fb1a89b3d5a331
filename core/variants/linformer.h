// `linformer` (docs/variants.md, "Fewer keys").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& linformerVariant();
}  // namespace atlas::core::variants
