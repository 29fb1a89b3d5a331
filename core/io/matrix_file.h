// Loading a 2-D matrix (Q, K, V or a parameter) from .npy or .csv, by file extension.
#pragma once

#include "../types.h"

#include <string>

namespace atlas::core::io {

/// Reads `path` (.npy or .csv) as a matrix. A 1-D .npy array of length L is read as L x 1 when
/// `allowVector` (vectors such as w_v). `what` names the role in errors ("Q", "parameter W").
/// Throws Error(BadFile) for any other rank, an unknown extension or a malformed file.
Matrix readMatrixFile(const std::string& path, const std::string& what, bool allowVector = false);

}  // namespace atlas::core::io
