// Translated names of the variants and their families, looked up by the core's ids.
#pragma once

#include "core/variant.h"

#include <QString>

namespace atlas::widgets {

/// The label of a variant id in the UI language ("Scaled dot-product" / "缩放点积注意力");
/// an empty string when the table has no entry (a test checks every registered id has one).
QString variantLabel(const std::string& id);
QString familyLabel(core::Family family);

}  // namespace atlas::widgets
