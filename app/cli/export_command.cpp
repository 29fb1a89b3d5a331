#include "args.h"
#include "commands.h"
#include "export_figure.h"
#include "remote_options.h"
#include "request_options.h"

#include "../language.h"
#include "../runtime_dir.h"

#include "widgets/complexity_view.h"
#include "widgets/cost_plot.h"
#include "widgets/figure_export.h"
#include "widgets/result_view.h"
#include "widgets/teaching_view.h"
#include "widgets/view_table.h"
#include "widgets/walkthrough_view.h"

#include <QApplication>
#include <QFileInfo>

#include <iostream>

namespace atlas::app::cli {

using core::Error;

namespace {

/// "LO:HI", two whole numbers 1 <= LO < HI <= 16,777,216.
std::pair<double, double> rangeFromArg(const std::string& text) {
  const QStringList parts = QString::fromStdString(text).split(QLatin1Char(':'));
  bool okLo = false, okHi = false;
  const long long lo = parts.size() == 2 ? parts[0].toLongLong(&okLo) : 0;
  const long long hi = parts.size() == 2 ? parts[1].toLongLong(&okHi) : 0;
  if (!okLo || !okHi || lo < 1 || hi <= lo || hi > (1LL << 24))
    throw Error(Error::Kind::InvalidArgument,
                "--range must be LO:HI, two whole numbers with 1 <= LO < HI <= 16777216, not '" +
                    text + "'.");
  return {double(lo), double(hi)};
}

/// "heatmap | output | ...": every view with a figure, from the view table.
std::string exportableViews() {
  int count = 0;
  const widgets::ViewEntry* table = widgets::viewTable(&count);
  std::string out;
  for (int i = 0; i < count; ++i)
    if (table[i].exportable) out += (out.empty() ? "" : " | ") + std::string(table[i].id);
  return out;
}

}  // namespace

int runExport(int argc, char** argv) {
  std::vector<OptionSpec> specs = requestOptionSpecs();
  for (OptionSpec& o : lessonOptionSpecs()) specs.push_back(std::move(o));
  for (OptionSpec& o : remoteOptionSpecs()) specs.push_back(std::move(o));
  specs.push_back({"view", true, false, "VIEW", exportableViews() + " (default heatmap)"});
  specs.push_back(
      {"variants", true, false, "LIST",
       "gallery: all (default) or a,b,c; complexity: the curves drawn (default: eight)"});
  specs.push_back({"page", true, false, "PAGE",
                   "complexity: formulas (default) | measured | roofline | arena (measured and "
                   "timed here, as the window's buttons do)"});
  specs.push_back({"rank", true, false, "K", "lowrank: the projected length k shown (default 8)"});
  specs.push_back({"step", true, false, "K",
                   "walkthrough, teaching (FlashAttention): the step drawn, from 1 (default 1)"});
  specs.push_back({"range", true, false, "LO:HI",
                   "complexity: the N axis from LO to HI (default N/32 to 32 N, at least 2 to "
                   "4096)"});
  specs.push_back({"format", true, false, "FMT",
                   "png | svg | pdf (default: from the --out suffix; with --lesson png)"});
  specs.push_back(
      {"lang", true, false, "LANG", "en | zh_CN: language of titles and axes (default en)"});
  specs.push_back({"preset", true, false, "NAME",
                   "column (3.5 x 2.6 in, 8 pt) | double (7.2 x 4 in, 9 pt) | slide (13.3 x 7.5 "
                   "in, 18 pt)"});
  specs.push_back({"width", true, false, "W",
                   "width: 3.5in, 89mm, 8.9cm, 252pt, 1050px, or a number in pixels (PNG) or "
                   "points (SVG, PDF); default 1600 px or 8 in"});
  specs.push_back({"height", true, false, "H", "height, as --width (default 1200 px or 6 in)"});
  specs.push_back({"dpi", true, false, "D", "PNG pixels per inch (default 150; column 300)"});
  specs.push_back({"font-size", true, false, "PT",
                   "the plot's type in points (tick labels; titles larger); default: the "
                   "window's, or the preset's"});
  specs.push_back({"colormap", true, false, "NAME", "viridis | magma | cividis | grayscale | hot"});
  specs.push_back({"log", false, false, "", "logarithmic colour scale"});
  specs.push_back({"cell-values", false, false, "",
                   "heatmap, output: each cell's value written in it (up to 16 x 16 cells)"});
  specs.push_back(
      {"display-budget", true, false, "SIZE",
       "weights larger than this are streamed into 1024 x 1024 blocks (default 1G; 0: never)"});
  specs.push_back(
      {"pool", true, false, "MODE", "max | mean: what a streamed block shows (default max)"});
  specs.push_back({"out", true, false, "FILE", "the figure to write (with --lesson: a directory)"});
  specs.push_back({"help", false, false, "", "show this help"});
  const Args args(argc, argv, 2, "export", specs);
  if (args.has("help")) {
    std::cout << helpText(
        "attention-atlas export --variant NAME [--view VIEW] [options] --out FILE\n"
        "       attention-atlas export --lesson NAME|FILE [--scene K] [options] --out DIR",
        specs);
    return 0;
  }
  const bool lesson = args.has("lesson");
  if (!args.has("out"))
    throw Error(Error::Kind::InvalidArgument, lesson ? "Give the figures' directory with --out DIR."
                                                     : "Give the figure file with --out FILE.");
  const QString out = QString::fromStdString(args.value("out"));
  widgets::FigureOptions options;
  const QString format = args.has("format") ? QString::fromStdString(args.value("format"))
                         : lesson           ? QString("png")
                                            : QFileInfo(out).suffix();
  if (!widgets::figureFormatFromSuffix(format.isEmpty() ? "png" : format, &options.format))
    throw Error(Error::Kind::InvalidArgument,
                "Unknown figure format '" + format.toStdString() + "': use png, svg or pdf.");
  sizeFromArgs(args, options);
  for (const char* fixed : {"view", "variants", "step", "range", "page"})
    if (lesson && args.has(fixed))
      throw Error(Error::Kind::InvalidArgument,
                  std::string("--lesson gives each scene's view: leave out --") + fixed + ".");
  const QString viewId = QString::fromStdString(args.valueOr("view", "heatmap"));
  const widgets::ViewEntry& entry = exportableView(viewId);
  const std::string lang = languageFromArgs(args);
  // The gallery computes every variant of --variants; --variant, if given, only names it.
  const CliRequest req =
      lesson ? CliRequest{} : requestFromArgs(args, /*needVariant=*/viewId != "gallery");
  const core::Lesson scenes = lesson ? lessonFromArgs(args) : core::Lesson{};  // checked first

  // A figure needs a GUI application but never a display.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  atlas::app::ensureRuntimeDirectory();  // before Qt, which warns without one
  QApplication app(argc, argv);
  Language language;
  if (!language.setLanguage(QString::fromStdString(lang)))
    throw Error(Error::Kind::InvalidArgument, "The translation " + lang + " could not be loaded.");
  if (lesson) return exportLesson(args, scenes, options, lang);
  if (args.has("page"))  // before anything is computed
    checkViewPage(entry, args.value("page"), "--page", Error::Kind::InvalidArgument);

  const std::unique_ptr<widgets::ResultView> view =
      drawView(entry, req, chosenIds(args), args, options);
  if (args.has("step")) {
    auto* walk = dynamic_cast<widgets::WalkthroughView*>(view.get());
    auto* teaching = dynamic_cast<widgets::TeachingView*>(view.get());
    const int steps = walk ? walk->stepCount() : teaching ? teaching->stepCount() : 0;
    if (steps == 0)
      throw Error(Error::Kind::InvalidArgument,
                  "--step goes with --view walkthrough, or --view teaching of FlashAttention.");
    view->setStep(static_cast<int>(args.integer("step", 1, 1, steps)) - 1);
  }
  if (args.has("range")) {
    auto* complexity = dynamic_cast<widgets::ComplexityView*>(view.get());
    if (!complexity)
      throw Error(Error::Kind::InvalidArgument, "--range goes with --view complexity.");
    const auto [lo, hi] = rangeFromArg(args.valueOr("range", ""));
    complexity->costPage()->setRange(lo, hi);
  }
  if (args.has("page")) {
    view->setPage(QString::fromStdString(args.value("page")));
    if (auto* complexity = dynamic_cast<widgets::ComplexityView*>(view.get()))
      measureForPage(*complexity, req.builder(), deviceFromArgs(args));
  }
  const QString error = widgets::exportFigure(view->figure(), out, options);
  if (!error.isEmpty()) throw Error(Error::Kind::BadFile, error.toStdString());
  std::cout << "wrote " << out.toStdString() << "\n";
  return 0;
}

}  // namespace atlas::app::cli
