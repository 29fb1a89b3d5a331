#include "file_bytes.h"

#include "../memory.h"
#include "../types.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
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

std::string readFileBytes(const std::string& path, double maxBytes) {
  checkNotSpecial(path);  // a directory reads as nothing, a pipe may never end
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be opened (%2)."),
                {path, std::strerror(errno)});
  }
  // The size first, then one allocation of it: reading into a growing stream would lose the
  // end of a file silently when memory runs out (the stream swallows the allocation failure).
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size < 0 || !in)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be read."), {path});
  checkReadSize(path, double(size), maxBytes);
  std::string bytes;
  try {
    bytes.resize(std::size_t(size));
  } catch (const std::bad_alloc&) {
    throw Error(Error::Kind::TooLarge,
                ATLAS_TR_NOOP("CoreErrors", "%1: there is not enough memory to read its %2."),
                {path, formatBytes(double(size))});
  }
  in.read(bytes.data(), size);
  if (in.gcount() != size || in.bad())
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be read."), {path});
  return bytes;
}

void checkReadSize(const std::string& path, double needed, double maxBytes) {
  if (maxBytes > 0 && needed > maxBytes)
    throw Error(Error::Kind::TooLarge,
                ATLAS_TR_NOOP("CoreErrors",
                              "%1: reading it needs %2 of memory, more than the limit of %3."),
                {path, formatBytes(needed), formatBytes(maxBytes)});
}

namespace {

/// A name beside `path` no other writer uses: same directory (so the rename stays on one file
/// system), this process's id and a counter.
std::string siblingName(const std::string& path, const char* what) {
  static std::atomic<unsigned> counter{0};
  return path + "." + what + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

/// What a killed writer left beside `path` (PATH.partial-PID-K of a process no longer running)
/// goes: a later write cleans up after it.
void removeStaleSiblings(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p(path);
  const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string prefix = p.filename().string() + ".partial-";
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const long pid = std::strtol(rest.c_str(), nullptr, 10);
    if (pid > 0 && pid != ::getpid() && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
      fs::remove_all(entry.path(), ec);
  }
}

}  // namespace

void writeFileParts(const std::string& path, const std::string& head,
                    const std::vector<Chunk>& chunks) {
  // Written beside the file and renamed over it once complete: whatever stops the write (a full
  // disk, a kill) leaves the old file as it was, never a truncated one.
  removeStaleSiblings(path);
  const std::string temporary = siblingName(path, "partial");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be written (%2)."),
                {path, std::strerror(errno)});
  const auto fail = [&](int error) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: writing failed (%2)."),
                {path, std::strerror(error)});
  };
  const auto put = [&](const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
      const ssize_t n = ::write(fd, p, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail(n < 0 ? errno : ENOSPC);
      p += n;
      size -= std::size_t(n);
    }
  };
  put(head.data(), head.size());
  for (const Chunk& c : chunks) put(c.data, c.size);
  if (::fsync(fd) != 0 && errno != EINVAL) fail(errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: writing failed (%2)."),
                {path, std::strerror(error)});
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be written (%2)."),
                {path, std::strerror(error)});
  }
}

ResultDirectory::ResultDirectory(std::string path, const std::vector<std::string>& ownNames)
    : m_path(std::move(path)) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(m_path, ec)) {
    if (!fs::is_directory(m_path, ec))
      throw Error(Error::Kind::BadFile,
                  ATLAS_TR_NOOP("CoreErrors", "%1 exists and is not a directory."), {m_path});
    // Replacing it must not take anything the user put there.
    for (const auto& entry : fs::directory_iterator(m_path, ec)) {
      const std::string name = entry.path().filename().string();
      if (std::find(ownNames.begin(), ownNames.end(), name) == ownNames.end())
        throw Error(Error::Kind::BadFile,
                    ATLAS_TR_NOOP("CoreErrors",
                                  "%1 holds %2, which a result does not: give a new directory, "
                                  "an empty one or an earlier result's."),
                    {m_path, name});
    }
  }
  std::string trimmed = m_path;
  while (trimmed.size() > 1 && trimmed.back() == '/') trimmed.pop_back();
  m_path = trimmed;
  const fs::path parent = fs::path(m_path).parent_path();
  if (!parent.empty()) makeDirectory(parent.string());
  removeStaleSiblings(m_path);
  m_staging = siblingName(m_path, "partial");
  makeDirectory(m_staging);
}

ResultDirectory::~ResultDirectory() {
  std::error_code ec;
  if (!m_committed) std::filesystem::remove_all(m_staging, ec);
}

void ResultDirectory::commit() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(m_path, ec)) {
    if (::rename(m_staging.c_str(), m_path.c_str()) != 0)
      throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be written (%2)."),
                  {m_path, std::strerror(errno)});
    m_committed = true;
    return;
  }
  // The old result and the new one change places in one step, then the old one goes.
  if (::renameat2(AT_FDCWD, m_staging.c_str(), AT_FDCWD, m_path.c_str(), RENAME_EXCHANGE) != 0) {
    // A file system without the exchange: the old one aside, the new one in, the old one gone.
    const std::string old = siblingName(m_path, "old");
    if (::rename(m_path.c_str(), old.c_str()) != 0 ||
        ::rename(m_staging.c_str(), m_path.c_str()) != 0) {
      const int error = errno;
      if (!fs::exists(m_path, ec)) ::rename(old.c_str(), m_path.c_str());
      throw Error(Error::Kind::BadFile, ATLAS_TR_NOOP("CoreErrors", "%1: cannot be written (%2)."),
                  {m_path, std::strerror(error)});
    }
    m_staging = old;
  }
  m_committed = true;
  fs::remove_all(m_staging, ec);  // the old result, now at the staging name
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
