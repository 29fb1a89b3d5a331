// The window's command-line options (attention-atlas with no command): one list, which main()
// parses and `attention-atlas --help` prints, so the help cannot leave one out.
#pragma once

#include <QCommandLineOption>
#include <QList>

#include <string>

namespace atlas::app {

struct WindowOptions {
  WindowOptions();

  QCommandLineOption lang, variant, fresh, screenshot, size, tab, explanation, lesson, scene, input,
      set, present, selfTest, testN, testSteps, testParam;

  /// Every option, in the order --help lists them.
  QList<QCommandLineOption> all() const;
  /// The options as `attention-atlas --help` lists them: one "  --name VALUE  description" line
  /// each, in the commands' layout (cli::helpText).
  std::string helpText() const;
};

}  // namespace atlas::app
