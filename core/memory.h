// Memory: how much this machine has, how sizes are written, and the allocator policy of
// benchmarks.
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

/// Opt-in and process-wide, for an application or benchmark to call once at start-up: keep
/// freed memory in the process for reuse instead of returning it to the system (glibc: blocks
/// up to 1 GB from the heap, no trimming). The kernels write every byte of their N x M results,
/// but a fresh mapping costs a page fault and the kernel zeroing each page first, a sizeable part
/// of a large computation's time (the README's performance notes say how much). All threads
/// then allocate from one
/// arena (glibc maps blocks over 64 MB of a worker thread's arena afresh each time). The price:
/// the process keeps its peak memory. Returns false where this is not supported (not glibc).
bool retainFreedMemory();

}  // namespace atlas::core
