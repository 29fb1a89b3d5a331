// Plain-text matrices: one row per line, values separated by commas (or semicolons, tabs,
// spaces). A first line in which no field is a number is a header and skipped; lines starting
// with '#' and empty lines are ignored.
#pragma once

#include "../types.h"

#include <string>

namespace atlas::core::io {

/// Throws Error(BadFile) "<name>, line L: ..." for a non-number, a ragged row, NaN/Inf, or no data.
Matrix parseCsv(const std::string& text, const std::string& name);
Matrix readCsv(const std::string& path);

}  // namespace atlas::core::io
