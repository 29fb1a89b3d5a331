// How the window's process ends and what it leaves behind: SIGINT, SIGTERM and SIGHUP end the
// event loop as closing the window does (destructors run, temporary folders go), and the
// temporary settings folder of a reproducible run (--fresh, --screenshot, --self-test) is named
// with the process id, so one a killed run (SIGKILL, a crash) left is removed by the next.
#pragma once

#include <QTemporaryDir>

#include <memory>

namespace atlas::app {

/// After the QApplication exists: the three signals quit its event loop (a self-pipe read by
/// the loop, the only safe way from a signal handler).
void quitOnTerminationSignals();

/// A new temporary folder for a reproducible run's settings, after removing those of runs whose
/// process is gone. Null if it cannot be made.
std::unique_ptr<QTemporaryDir> freshSettingsDirectory();

}  // namespace atlas::app
