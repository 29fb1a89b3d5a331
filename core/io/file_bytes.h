// Whole-file reads and writes with errors a user can act on.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace atlas::core::io {

/// Throws Error(BadFile) "<path>: cannot be opened (<reason>)." for a missing or unreadable file,
/// and refuses a directory, a pipe or a device (checkNotSpecial) before reading. A file larger
/// than `maxBytes` (> 0) is refused with Error(TooLarge) before anything is read, and so is one
/// there is not enough memory for (never a silently shortened read).
std::string readFileBytes(const std::string& path, double maxBytes = 0);
/// Throws Error(TooLarge) "<path>: reading it needs <needed> of memory, more than the limit of
/// <maxBytes>." when maxBytes > 0 and needed > maxBytes.
void checkReadSize(const std::string& path, double needed, double maxBytes);
/// Throws Error(BadFile) when `path` names a directory, or something that is not a regular file
/// (a pipe or a device, which may never end); a missing path passes (reading it says so).
void checkNotSpecial(const std::string& path);
/// A piece of memory to write.
struct Chunk {
  const void* data;
  std::size_t size;
};

/// Writes `head` then every chunk in order, into a file beside `path` that is renamed over it once
/// complete and flushed: an existing file is replaced whole or not at all. Throws Error(BadFile)
/// with the reason (a full disk, no permission) when the file cannot be written.
void writeFileParts(const std::string& path, const std::string& head,
                    const std::vector<Chunk>& chunks);
/// A result directory written whole or not at all: files go into a staging directory beside it
/// (staging()), and commit() puts it in the place of `path` in one step (the old one, if any,
/// then removed), so `path` is the old result or the new one, never a mix. Without commit()
/// (an error, a kill before it), `path` is untouched and the staging directory removed (a
/// kill leaves it, named PATH.partial-PID-K, beside, until the next write there removes it). Throws
/// Error(BadFile) when `path` exists and is not a directory or holds an entry not among `ownNames`
/// (what a result holds: replacing it would lose the user's files), or the staging directory cannot
/// be made.
class ResultDirectory {
 public:
  ResultDirectory(std::string path, const std::vector<std::string>& ownNames);
  ~ResultDirectory();
  ResultDirectory(const ResultDirectory&) = delete;
  ResultDirectory& operator=(const ResultDirectory&) = delete;
  const std::string& staging() const { return m_staging; }
  void commit();

 private:
  std::string m_path, m_staging;
  bool m_committed = false;
};

/// Creates the directory `path` and its parents when missing; throws Error(BadFile) when it
/// cannot be made or is not a directory.
void makeDirectory(const std::string& path);

inline void writeFileBytes(const std::string& path, const std::string& bytes) {
  writeFileParts(path, bytes, {});
}

}  // namespace atlas::core::io
