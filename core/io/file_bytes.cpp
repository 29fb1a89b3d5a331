#include "file_bytes.h"

#include "../types.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace atlas::core::io {

void checkNotSpecial(const std::string& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) return;
  if (std::filesystem::is_directory(status))
    throw Error(Error::Kind::BadFile,
                ATLAS_TR_NOOP("CoreErrors", "%1 is a directory: give a file."), {path});
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw Error(
        Error::Kind::BadFile,
        ATLAS_TR_NOOP("CoreErrors", "%1 is not a regular file (a pipe or a device): give a file."),
        {path});
}

std::string readFileBytes(const std::string& path) {
  checkNotSpecial(path);  // a directory reads as nothing, a pipe may never end
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be opened (%2)."),
                {path, std::strerror(errno)});
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad())
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be read."), {path});
  return std::move(ss).str();
}

void writeFileParts(const std::string& path, const std::string& head,
                    const std::vector<Chunk>& chunks) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be written (%2)."),
                {path, std::strerror(errno)});
  }
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
  for (const Chunk& c : chunks)
    if (c.size) out.write(static_cast<const char*>(c.data), static_cast<std::streamsize>(c.size));
  out.flush();
  if (!out)
    throw Error(Error::Kind::BadFile,
                ATLAS_TR_NOOP("CoreErrors", "%1: writing failed (disk full?)."), {path});
}

void makeDirectory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  const bool made = !ec && std::filesystem::is_directory(path, ec);
  if (!made)
    throw Error(Error::Kind::BadFile,
                ATLAS_TR_NOOP("CoreErrors", "%1: cannot create the output directory (%2)."),
                {path, ec ? ec.message() : std::string(std::strerror(ENOTDIR))});
}

}  // namespace atlas::core::io
