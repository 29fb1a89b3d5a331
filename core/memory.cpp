#include "memory.h"

#include "types.h"

#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace atlas::core {

double physicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? double(pages) * double(size) : 0.0;
}

double defaultMemoryLimit() {
  const double phys = physicalMemoryBytes();
  return phys > 0 ? phys / 2 : 4.0 * 1024 * 1024 * 1024;
}

double parseByteSize(const std::string& text) {
  std::size_t pos = 0;
  double value = 0;
  try {
    value = std::stod(text, &pos);
  } catch (...) {
    pos = 0;
  }
  std::string unit = text.substr(pos);
  for (auto& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  double mult = 0;
  if (unit.empty() || unit == "B")
    mult = 1;
  else if (unit == "K" || unit == "KB" || unit == "KIB")
    mult = 1024.0;
  else if (unit == "M" || unit == "MB" || unit == "MIB")
    mult = 1024.0 * 1024;
  else if (unit == "G" || unit == "GB" || unit == "GIB")
    mult = 1024.0 * 1024 * 1024;
  else if (unit == "T" || unit == "TB" || unit == "TIB")
    mult = 1024.0 * 1024 * 1024 * 1024;
  if (pos == 0 || mult == 0 || !std::isfinite(value) || value <= 0)
    throw Error(
        Error::Kind::InvalidArgument,
        ATLAS_TR_NOOP("CoreErrors", "'%1' is not a memory size: write for example 512M or 2G."),
        {text});
  // Beyond an exbibyte no computer has it: such a limit would switch the check off.
  if (!std::isfinite(value * mult) || value * mult > 1152921504606846976.0)
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors",
                              "'%1' is more memory than any computer has: write for example 512M "
                              "or 2G."),
                {text});
  return value * mult;
}

std::string formatBytes(double bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  int u = 0;
  while (bytes >= 1024 && u < 5) {
    bytes /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

bool retainFreedMemory() {
#if defined(__GLIBC__)
  // One arena: a worker thread's arena is at most 64 MB, so larger results made on TBB
  // threads (multi-head: one head per thread) would be mapped afresh and zeroed by the kernel
  // every time, whatever the threshold.
  return mallopt(M_MMAP_THRESHOLD, 1 << 30) == 1 &&
         mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max()) == 1 &&
         mallopt(M_ARENA_MAX, 1) == 1;
#else
  return false;
#endif
}

}  // namespace atlas::core
