// Qt wants XDG_RUNTIME_DIR and, without it, warns on stderr and uses /tmp/runtime-USER. The app
// makes that directory itself (owned by this user, mode 0700, as Qt requires) before Qt starts,
// so a normal run prints nothing (a headless export, a server's cron job).
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace atlas::app {

inline void ensureRuntimeDirectory() {
  const char* set = std::getenv("XDG_RUNTIME_DIR");
  if (set && *set) return;
  const std::string dir = "/tmp/runtime-" + std::to_string(::getuid());
  ::mkdir(dir.c_str(), 0700);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || st.st_uid != ::getuid() || !S_ISDIR(st.st_mode)) return;
  if ((st.st_mode & 0777) != 0700) ::chmod(dir.c_str(), 0700);
  ::setenv("XDG_RUNTIME_DIR", dir.c_str(), 1);
}

}  // namespace atlas::app
