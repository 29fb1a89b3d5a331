// The subcommands of attention-atlas. Each returns the process exit code; bad input throws
// core::Error, which runCli turns into one sentence on stderr and exit code 2.
#pragma once

#include <span>
#include <string_view>

namespace atlas::app::cli {

/// A subcommand: its name, the function that runs it and its line in --help.
struct Command {
  std::string_view name;
  int (*run)(int argc, char** argv);
  std::string_view summary;
};

/// The command that draws figures needs Qt, so only a build with the GUI has it and hands it to
/// runCli. Every build knows its name, so that one without the GUI can say why it is missing.
inline constexpr std::string_view kExportCommand = "export";

/// True when argv[1] names a command-line mode (anything but starting the window).
bool isCliInvocation(int argc, char** argv);

/// Runs the command in argv[1]: one of the commands every build has, or of `guiCommands`, those
/// the GUI part adds (export). A build without the GUI passes none, and has no window either;
/// one with the GUI passes `windowOptions`, the lines of the window's options that --help
/// lists. Prints errors to stderr.
int runCli(int argc, char** argv, std::span<const Command> guiCommands,
           std::string_view windowOptions = {});

/// Says on stderr that this build has no window and no figures; returns the exit code, 2.
int reportNoGui();

int runVariants(int argc, char** argv);
int runCompute(int argc, char** argv);
int runLowRank(int argc, char** argv);
int runCost(int argc, char** argv);
int runBench(int argc, char** argv);
int runDeviceInfo(int argc, char** argv);
/// Only in a build with the GUI (export_command.cpp, which draws with Qt).
int runExport(int argc, char** argv);

}  // namespace atlas::app::cli
