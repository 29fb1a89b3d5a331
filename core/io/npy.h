// NumPy .npy files: read float32/float64 (versions 1.0, 2.0 and 3.0 headers, C order) and write
// float32 and uint8. Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
#pragma once

#include "../types.h"
#include "file_bytes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace atlas::core::io {

/// A parsed array, converted to float32, C order.
struct NpyArray {
  std::vector<std::int64_t> shape;
  std::vector<float> data;
};

/// Parses the bytes of a .npy file. `name` only prefixes the error messages.
/// Throws Error(BadFile) for: bad magic, unknown version, malformed header, unsupported dtype
/// (anything but <f4, <f8; also big-endian), Fortran order, truncated data, NaN or Inf values,
/// float64 values beyond float32's range.
NpyArray parseNpy(const std::string& bytes, const std::string& name);
NpyArray readNpy(const std::string& path);

/// Writes a C-order array (version 1.0 header, or 2.0 when the header would not fit).
void writeNpy(const std::string& path, const float* data, const std::vector<std::int64_t>& shape);
void writeNpy(const std::string& path, const std::uint8_t* data,
              const std::vector<std::int64_t>& shape);
/// Writes an array whose C-order data lies in several pieces (e.g. one matrix per head).
void writeNpyChunks(const std::string& path, const std::string& dtype, std::size_t itemSize,
                    const std::vector<std::int64_t>& shape, const std::vector<Chunk>& chunks);
/// The header (magic, version, length, dict) of a C-order array of `shape`.
std::string npyHeader(const std::string& dtype, const std::vector<std::int64_t>& shape);
/// The bytes writeNpy would write (for tests and in-memory use); dtype "<f4", "<f8" or "|u1".
std::string encodeNpy(const void* data, const std::string& dtype, std::size_t itemSize,
                      const std::vector<std::int64_t>& shape);

}  // namespace atlas::core::io
