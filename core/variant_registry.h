// The explicit table of every variant the engine offers (catalogue order).
#pragma once

#include "variant.h"

#include <string_view>
#include <vector>

namespace atlas::core {

/// Number of rows of the table; a static_assert keeps the two in step.
inline constexpr std::size_t kVariantCount = 26;

/// Every variant, in catalogue order.
const std::vector<const Variant*>& allVariants();

/// nullptr when there is no such variant.
const Variant* findVariant(std::string_view id);

/// Throws Error(InvalidArgument) listing the known ids when there is no such variant.
const Variant& requireVariant(std::string_view id);

}  // namespace atlas::core
