#include "matrix_file.h"

#include "csv.h"
#include "file_bytes.h"
#include "npy.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace atlas::core::io {

namespace {

/// Bytes a CSV file of `size` bytes may need while read: the text, its values (each at least two
/// characters, "0,", so at most size / 2 floats) and the matrix they are copied into.
double csvReadBytes(double size) { return size + 2.0 * (size / 2.0 * sizeof(float)); }

Matrix readChecked(const std::string& path, const std::string& what, bool allowVector,
                   double maxBytes);

}  // namespace

Matrix readMatrixFile(const std::string& path, const std::string& what, bool allowVector,
                      double maxBytes) {
  try {
    return readChecked(path, what, allowVector, maxBytes);
  } catch (const std::bad_alloc&) {
    throw Error(Error::Kind::TooLarge,
                ATLAS_TR_NOOP("CoreErrors", "%1: there is not enough memory to read %2."),
                {path, what});
  }
}

namespace {

Matrix readChecked(const std::string& path, const std::string& what, bool allowVector,
                   double maxBytes) {
  checkNotSpecial(path);  // before the name's suffix: a directory is no file of any type
  std::string ext = path.substr(std::min(path.size(), path.rfind('.')));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".csv" || ext == ".txt") {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) checkReadSize(path, csvReadBytes(double(size)), maxBytes);
    return readCsv(path);
  }
  if (ext != ".npy")
    throw Error(
        Error::Kind::BadFile,
        ATLAS_TR_NOOP("CoreErrors", "%1: unknown file type for %2; give a .npy or .csv file."),
        {path, what});
  NpyFile file(path, maxBytes);
  std::vector<std::int64_t> shape = file.header().shape;
  if (shape.size() == 1 && allowVector) shape.push_back(1);
  if (shape.size() != 2) {
    throw Error(
        Error::Kind::BadFile,
        allowVector
            ? ATLAS_TR_NOOP(
                  "CoreErrors",
                  "%1: %2 must be a 2-D array (rows x columns) or a vector, but this one has %3 "
                  "dimension(s).")
            : ATLAS_TR_NOOP(
                  "CoreErrors",
                  "%1: %2 must be a 2-D array (rows x columns), but this one has %3 dimension(s)."),
        {path, what, num(long(shape.size()))});
  }
  if (shape[0] == 0 || shape[1] == 0)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: %2 is empty."),
                {path, what});
  Matrix m(static_cast<Index>(shape[0]), static_cast<Index>(shape[1]));
  file.read(m.data());  // C order, as the matrix stores its rows
  return m;
}

}  // namespace

}  // namespace atlas::core::io
