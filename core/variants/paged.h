// `paged` (docs/variants.md, "Same result, another schedule").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& pagedVariant();
}  // namespace atlas::core::variants
