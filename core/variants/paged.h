// `paged` (VARIANTS.md, "Same result, different schedule").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& pagedVariant();
}  // namespace atlas::core::variants
