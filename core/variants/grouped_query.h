// `grouped_query` (docs/variants.md, "Dense scoring").
#pragma once

#include "../variant.h"

namespace atlas::core::variants {
const Variant& groupedQueryVariant();
}  // namespace atlas::core::variants
