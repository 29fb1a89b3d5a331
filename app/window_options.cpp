#include "window_options.h"

#include "cli/args.h"

#include "widgets/view_table.h"

#include <QStringList>

namespace atlas::app {

namespace {

/// "heatmap, output, ... or explanation": every view of the window, from the view table.
QString viewList() {
  int count = 0;
  const widgets::ViewEntry* views = widgets::viewTable(&count);
  QStringList ids;
  for (int i = 0; i < count; ++i) ids << QString::fromLatin1(views[i].id);
  const QString last = ids.takeLast();
  return ids.join(", ") + " or " + last;
}

}  // namespace

WindowOptions::WindowOptions()
    : lang("lang", "Language of this session: en or zh_CN.", "LANG"),
      variant("variant", "Variant to show first (see: attention-atlas variants).", "ID"),
      fresh("fresh", "Ignore and do not change saved settings."),
      screenshot("screenshot", "Save the window as PNG after the first result, then quit.", "FILE"),
      size("size", "Window size WxH (e.g. 1400x860).", "WxH"),
      tab("tab",
          "View to show first: " + viewList() + "; VIEW:PAGE also a page of it (complexity:arena).",
          "VIEW[:PAGE]"),
      explanation("explanation",
                  "The explanation panel on a page: a variant's id, index, guide or ascend_atb.",
                  "ID"),
      lesson("lesson", "Open a lesson: a built-in one (basics, tour, cost) or a lesson file.",
             "NAME|FILE"),
      scene("scene", "With --lesson: the scene shown first, from 1.", "K"),
      input("input", "Inputs: random, positional, clustered or sentence:TEXT.", "SOURCE"),
      set("set", "Set a parameter of the variant (repeatable).", "KEY=VALUE"),
      present("present", "Start in presentation mode (F11)."),
      selfTest("self-test",
               "Run a self-test in the window and quit: latency (with no display, on the "
               "offscreen platform).",
               "TEST"),
      testN("n", "Self-test: sequence length N (default 512).", "N", "512"),
      testSteps("steps", "Self-test: parameter changes measured (default 100).", "STEPS", "100"),
      testParam("param", "Self-test: the widget changed, seed or d (default seed).", "NAME",
                "seed") {}

QList<QCommandLineOption> WindowOptions::all() const {
  return {lang,  variant, fresh, screenshot, size,     tab,   explanation, lesson,
          scene, input,   set,   present,    selfTest, testN, testSteps,   testParam};
}

std::string WindowOptions::helpText() const {
  std::vector<cli::OptionSpec> specs;
  for (const QCommandLineOption& o : all())
    specs.push_back({o.names().front().toStdString(), !o.valueName().isEmpty(), false,
                     o.valueName().toStdString(), o.description().toStdString()});
  return cli::optionLines(specs);
}

}  // namespace atlas::app
