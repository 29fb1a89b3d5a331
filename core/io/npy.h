// NumPy .npy files: read float32/float64 (versions 1.0, 2.0 and 3.0 headers, C order) and write
// float32 and uint8. Format: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
#pragma once

#include "../types.h"
#include "file_bytes.h"

#include <cstdint>
#include <fstream>
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
/// Reads a .npy file: its header first, then only the data it declares (what follows is never
/// read). A file whose data is not all there, or whose float32 values would need more than
/// `maxBytes` (> 0), is refused before any data is read.
NpyArray readNpy(const std::string& path, double maxBytes = 0);

/// The longest header accepted (numpy's own reader refuses headers over 10,000 bytes).
constexpr std::size_t kMaxHeaderBytes = 1 << 20;
/// What a .npy header declares.
struct NpyHeader {
  std::vector<std::int64_t> shape;
  std::size_t itemSize = 0;   ///< 4 (float32) or 8 (float64)
  std::size_t count = 0;      ///< number of values
  std::size_t dataStart = 0;  ///< offset of the data in the file
};
/// Parses the header at the start of `bytes` (at least the header; may be the whole file).
NpyHeader parseNpyHeader(const std::string& bytes, const std::string& name);
/// Converts `count` values at `src` to float32 into `dst`, refusing NaN, Inf and values beyond
/// float32 (named by flat index, counted from `first`).
void convertNpyValues(const char* src, std::size_t count, std::size_t itemSize, std::size_t first,
                      float* dst, const std::string& name);

/// An opened .npy file whose header has been read and checked (its data is all there, and fits
/// in `maxBytes` when > 0); read() converts the data into `dst`, header().count floats.
class NpyFile {
 public:
  NpyFile(const std::string& path, double maxBytes);
  const NpyHeader& header() const { return m_header; }
  void read(float* dst);

 private:
  std::string m_path;
  std::ifstream m_in;
  NpyHeader m_header;
};

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
