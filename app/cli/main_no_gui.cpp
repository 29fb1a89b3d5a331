// attention-atlas built with -DATLAS_BUILD_GUI=OFF: the command line alone, for machines without
// Qt. No arguments or a window option would open the window, which this build does not have.
#include "commands.h"

int main(int argc, char** argv) {
  if (atlas::app::cli::isCliInvocation(argc, argv)) return atlas::app::cli::runCli(argc, argv, {});
  return atlas::app::cli::reportNoGui();
}
