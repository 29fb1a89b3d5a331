#include "commands.h"

#include "core/types.h"

#include <iostream>
#include <string>
#include <vector>

namespace atlas::app::cli {

namespace {

// The commands without Qt; the GUI part adds its own through runCli's guiCommands.
constexpr Command kCommands[] = {
    {"variants", &runVariants, "list every variant, its family, parameters and defaults"},
    {"compute", &runCompute, "compute one variant and write weights, mask, output and meta.json"},
    {"lowrank", &runLowRank,
     "spectrum, ranks, redundant columns, error vs k: random projection, SVD, Linformer"},
    {"cost", &runCost, "the cost formulas (flops, exps, bytes, peak) of a variant at several N"},
    {"bench", &runBench, "measure variants at several N: median, min, max seconds and GFLOP/s"},
    {"device-info", &runDeviceInfo, "what a remote device is and how it runs each variant"},
};

/// Every command of this build, in the order --help lists them: kCommands, then the GUI's.
std::vector<Command> buildCommands(std::span<const Command> guiCommands) {
  std::vector<Command> all(std::begin(kCommands), std::end(kCommands));
  all.insert(all.end(), guiCommands.begin(), guiCommands.end());
  return all;
}

void printUsage(std::ostream& out, std::span<const Command> guiCommands,
                std::string_view windowOptions) {
  if (guiCommands.empty())
    out << "usage: attention-atlas COMMAND [OPTIONS]\n\n"
           "This build has no window and no figures (it was built with -DATLAS_BUILD_GUI=OFF).\n";
  else
    out << "usage: attention-atlas [OPTIONS]           the window\n"
           "       attention-atlas COMMAND [OPTIONS]   a command, in the terminal (no display)\n";
  if (!windowOptions.empty()) out << "\nwindow options:\n" << windowOptions;
  out << "\ncommands:\n";
  for (const Command& c : buildCommands(guiCommands))
    out << "  " << c.name << std::string(12 - c.name.size(), ' ') << c.summary << "\n";
  out << "\nattention-atlas COMMAND --help describes a command's options; --version prints the "
         "version.\n";
}

}  // namespace

bool isCliInvocation(int argc, char** argv) {
  if (argc < 2) return false;
  const std::string a = argv[1];
  // A command name or help; anything else that is not a window option is a mistyped command:
  // report it, do not open a window.
  return a == "--help" || a == "-h" || a == "--version" || (!a.empty() && a[0] != '-');
}

int runCli(int argc, char** argv, std::span<const Command> guiCommands,
           std::string_view windowOptions) {
  const std::string a = argv[1];
  if (a == "--help" || a == "-h" || a == "help") {
    printUsage(std::cout, guiCommands, windowOptions);
    return 0;
  }
  if (a == "--version") {
    std::cout << "attention-atlas " << ATLAS_VERSION << "\n";
    return 0;
  }
  try {
    for (const Command& c : buildCommands(guiCommands))
      if (a == c.name) return c.run(argc, argv);
    if (guiCommands.empty() && a == kExportCommand) return reportNoGui();
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

int reportNoGui() {
  std::cerr << "error: This build of attention-atlas has no window and no figures (it was built "
               "with -DATLAS_BUILD_GUI=OFF); see attention-atlas --help for its commands.\n";
  return 2;
}

}  // namespace atlas::app::cli
