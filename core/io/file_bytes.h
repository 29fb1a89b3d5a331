// Whole-file reads and writes with errors a user can act on.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace atlas::core::io {

/// Throws Error(BadFile) "<path>: cannot be opened (<reason>)." for a missing or unreadable file,
/// and refuses a directory, a pipe or a device (checkNotSpecial) before reading.
std::string readFileBytes(const std::string& path);
/// Throws Error(BadFile) when `path` names a directory, or something that is not a regular file
/// (a pipe or a device, which may never end); a missing path passes (reading it says so).
void checkNotSpecial(const std::string& path);
/// A piece of memory to write.
struct Chunk {
  const void* data;
  std::size_t size;
};

/// Writes `head` then every chunk in order; throws Error(BadFile) when the file cannot be written.
void writeFileParts(const std::string& path, const std::string& head,
                    const std::vector<Chunk>& chunks);
/// Creates the directory `path` and its parents when missing; throws Error(BadFile) when it
/// cannot be made or is not a directory.
void makeDirectory(const std::string& path);

inline void writeFileBytes(const std::string& path, const std::string& bytes) {
  writeFileParts(path, bytes, {});
}

}  // namespace atlas::core::io
