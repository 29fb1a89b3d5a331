// The explicit table of every variant the engine offers (catalogue order).
#pragma once

#include "variant.h"
#include "variant_list.h"

#include <string_view>
#include <vector>

namespace atlas::core {

/// Every variant, in catalogue order.
const std::vector<const Variant*>& allVariants();

/// nullptr when there is no such variant.
const Variant* findVariant(std::string_view id);

/// Throws Error(InvalidArgument) listing the known ids when there is no such variant.
const Variant& requireVariant(std::string_view id);

}  // namespace atlas::core
