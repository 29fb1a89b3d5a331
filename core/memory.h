// Memory limits: how much this machine has and how sizes are written.
#pragma once

#include <string>

namespace atlas::core {

/// Physical memory of this machine in bytes (0 if unknown).
double physicalMemoryBytes();

/// The default limit for one computation: half of physical memory.
double defaultMemoryLimit();

/// "512M", "2G", "1.5GiB", "1000000" -> bytes. Throws Error(InvalidArgument).
double parseByteSize(const std::string& text);

/// 1536 -> "1.5 KiB", 3.2e9 -> "3.0 GiB".
std::string formatBytes(double bytes);

}  // namespace atlas::core
