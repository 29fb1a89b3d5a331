// Loading a 2-D matrix (Q, K, V or a parameter) from .npy or .csv, by file extension.
#pragma once

#include "../types.h"

#include <string>

namespace atlas::core::io {

/// Reads `path` (.npy or .csv) as a matrix. A 1-D .npy array of length L is read as L x 1 when
/// `allowVector` (vectors such as w_v). `what` names the role in errors ("Q", "parameter W").
/// Throws Error(BadFile) for any other rank, an unknown extension or a malformed file, and
/// Error(TooLarge) before reading when the matrix (for a .npy file) or the text and its values
/// (for a .csv file) would need more than `maxBytes` (> 0), or when memory runs out.
Matrix readMatrixFile(const std::string& path, const std::string& what, bool allowVector = false,
                      double maxBytes = 0);

}  // namespace atlas::core::io
