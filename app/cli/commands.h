// The subcommands of attention-atlas. Each returns the process exit code; bad input throws
// core::Error, which runCli turns into one sentence on stderr and exit code 2.
#pragma once

namespace atlas::app::cli {

/// True when argv[1] names a command-line mode (anything but starting the window).
bool isCliInvocation(int argc, char** argv);

/// Runs the command in argv[1]; prints errors to stderr.
int runCli(int argc, char** argv);

int runVariants(int argc, char** argv);
int runCompute(int argc, char** argv);
int runExport(int argc, char** argv);
int runLowRank(int argc, char** argv);
int runCost(int argc, char** argv);
int runBench(int argc, char** argv);

}  // namespace atlas::app::cli
