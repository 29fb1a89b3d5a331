#include "commands.h"

#include "core/types.h"

#include <cstring>
#include <iostream>
#include <string>

namespace atlas::app::cli {

namespace {

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};

constexpr Command kCommands[] = {
    {"variants", &runVariants, "list every variant, its family, parameters and defaults"},
    {"compute", &runCompute, "compute one variant and write weights, mask, output and meta.json"},
    {"export", &runExport, "draw a view of one variant to PNG, SVG or PDF, without a display"},
    {"lowrank", &runLowRank,
     "singular values, effective ranks, redundant columns, Linformer error"},
    {"cost", &runCost, "the cost formulas (flops, exps, bytes, peak) of a variant at several N"},
    {"bench", &runBench, "measure variants at several N: median, min, max seconds and GFLOP/s"},
};

void printUsage(std::ostream& out) {
  out << "usage: attention-atlas [COMMAND] [OPTIONS]\n\n"
         "With no command, the window opens.\n\ncommands:\n";
  for (const auto& c : kCommands) {
    std::string name = c.name;
    out << "  " << name << std::string(12 - name.size(), ' ') << c.summary << "\n";
  }
  out << "\nattention-atlas COMMAND --help describes a command's options.\n";
}

}  // namespace

bool isCliInvocation(int argc, char** argv) {
  if (argc < 2) return false;
  const std::string a = argv[1];
  if (a == "--help" || a == "-h" || a == "help" || a == "--version") return true;
  for (const auto& c : kCommands)
    if (a == c.name) return true;
  // Anything else that is not a Qt option is a mistyped command: report it, do not open a window.
  return !a.empty() && a[0] != '-';
}

int runCli(int argc, char** argv) {
  const std::string a = argv[1];
  if (a == "--help" || a == "-h" || a == "help") {
    printUsage(std::cout);
    return 0;
  }
  if (a == "--version") {
    std::cout << "attention-atlas " << ATLAS_VERSION << "\n";
    return 0;
  }
  try {
    for (const auto& c : kCommands)
      if (a == c.name) return c.run(argc, argv);
    std::cerr << "error: Unknown command '" << a << "' (see: attention-atlas --help).\n";
    return 2;
  } catch (const core::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "error: Out of memory; try smaller sizes or a lower --max-memory.\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: Internal failure: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace atlas::app::cli
