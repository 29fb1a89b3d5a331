#include "matrix_file.h"

#include "csv.h"
#include "file_bytes.h"
#include "npy.h"

#include <algorithm>
#include <cctype>

namespace atlas::core::io {

Matrix readMatrixFile(const std::string& path, const std::string& what, bool allowVector) {
  checkNotSpecial(path);  // before the name's suffix: a directory is no file of any type
  std::string ext = path.substr(std::min(path.size(), path.rfind('.')));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (ext == ".csv" || ext == ".txt") return readCsv(path);
  if (ext != ".npy")
    throw Error(
        Error::Kind::BadFile,
        ATLAS_TR_NOOP("CoreErrors", "%1: unknown file type for %2; give a .npy or .csv file."),
        {path, what});
  NpyArray a = readNpy(path);
  if (a.shape.size() == 1 && allowVector) a.shape.push_back(1);
  if (a.shape.size() != 2) {
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
        {path, what, num(long(a.shape.size()))});
  }
  if (a.shape[0] == 0 || a.shape[1] == 0)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: %2 is empty."),
                {path, what});
  Matrix m(static_cast<Index>(a.shape[0]), static_cast<Index>(a.shape[1]));
  std::copy(a.data.begin(), a.data.end(), m.data());
  return m;
}

}  // namespace atlas::core::io
