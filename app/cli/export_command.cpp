#include "args.h"
#include "commands.h"
#include "request_options.h"

#include "../gallery_controller.h"
#include "../language.h"
#include "../low_rank_controller.h"

#include "core/memory.h"
#include "core/request_builder.h"
#include "core/variant_registry.h"

#include "widgets/color_maps.h"
#include "widgets/complexity_view.h"
#include "widgets/core_text.h"
#include "widgets/figure_export.h"
#include "widgets/gallery_view.h"
#include "widgets/low_rank_view.h"
#include "widgets/result_view.h"
#include "widgets/view_table.h"

#include <QApplication>
#include <QFileInfo>

#include <iostream>
#include <mutex>

namespace atlas::app::cli {

using core::Error;

namespace {

/// --display-budget: a size, or 0 / none (never stream); default 1 GiB, as in the window.
double displayBudgetFrom(const Args& args) {
  const std::string text = args.valueOr("display-budget", "1G");
  if (text == "0" || text == "none") return 0;
  return core::parseByteSize(text);
}

/// Prints the progress of pooled jobs to stderr, every 5%.
void reportProgress(core::EngineRequest& request) {
  auto last = std::make_shared<int>(-1);
  auto mutex = std::make_shared<std::mutex>();
  request.onProgress = [last, mutex](std::size_t, double fraction) {
    const int step = static_cast<int>(fraction * 20);
    std::lock_guard lock(*mutex);
    if (step <= *last) return;
    *last = step;
    std::cerr << "streaming the weights: " << step * 5 << "%\n" << std::flush;
  };
}

/// The ids of "all" or "a,b,c" (each checked), in the catalogue's order for "all".
QStringList chosenIds(const std::string& list) {
  QStringList ids;
  if (list == "all") {
    for (const core::Variant* v : core::allVariants()) ids << QString::fromStdString(v->id());
    return ids;
  }
  for (const QString& id : QString::fromStdString(list).split(','))
    ids << QString::fromStdString(core::requireVariant(id.trimmed().toStdString()).id());
  return ids;
}

/// The gallery's variants (--variants, default all) at their default parameters.
std::vector<core::VariantChoice> galleryChoices(const Args& args) {
  std::vector<core::VariantChoice> choices;
  const QStringList ids = chosenIds(args.valueOr("variants", "all"));
  for (const core::Variant* v : core::allVariants())  // the catalogue's order
    if (ids.contains(QString::fromStdString(v->id())))
      choices.push_back({v, core::defaultParams(v->params())});
  return choices;
}

}  // namespace

int runExport(int argc, char** argv) {
  std::vector<OptionSpec> specs = requestOptionSpecs();
  specs.push_back({"view", true, false, "VIEW",
                   "heatmap | output | sparsity | teaching | lowrank | complexity | gallery "
                   "(default heatmap)"});
  specs.push_back(
      {"variants", true, false, "LIST",
       "gallery: all (default) or a,b,c; complexity: the curves drawn (default: eight)"});
  specs.push_back({"rank", true, false, "K", "lowrank: the projected length k shown (default 8)"});
  specs.push_back(
      {"format", true, false, "FMT", "png | svg | pdf (default: from the --out suffix)"});
  specs.push_back(
      {"lang", true, false, "LANG", "en | zh_CN: language of titles and axes (default en)"});
  specs.push_back({"width", true, false, "W", "width in pixels (PNG) or points (default 1600)"});
  specs.push_back({"height", true, false, "H", "height in pixels (PNG) or points (default 1200)"});
  specs.push_back({"dpi", true, false, "D", "PNG resolution; text scales with it (default 150)"});
  specs.push_back({"colormap", true, false, "NAME", "viridis | magma | cividis | grayscale | hot"});
  specs.push_back({"log", false, false, "", "logarithmic colour scale"});
  specs.push_back({"cell-values", false, false, "",
                   "heatmap, output: each cell's value written in it (up to 16 x 16 cells)"});
  specs.push_back(
      {"display-budget", true, false, "SIZE",
       "weights larger than this are streamed into 1024 x 1024 blocks (default 1G; 0: never)"});
  specs.push_back(
      {"pool", true, false, "MODE", "max | mean: what a streamed block shows (default max)"});
  specs.push_back({"out", true, false, "FILE", "the figure to write"});
  specs.push_back({"help", false, false, "", "show this help"});
  const Args args(argc, argv, 2, "export", specs);
  if (args.has("help")) {
    std::cout << helpText(
        "attention-atlas export --variant NAME [--view heatmap|output] [options] --out FILE",
        specs);
    return 0;
  }
  if (!args.has("out"))
    throw Error(Error::Kind::InvalidArgument, "Give the figure file with --out FILE.");
  const QString out = QString::fromStdString(args.value("out"));
  widgets::FigureOptions options;
  const QString format =
      args.has("format") ? QString::fromStdString(args.value("format")) : QFileInfo(out).suffix();
  if (!widgets::figureFormatFromSuffix(format.isEmpty() ? "png" : format, &options.format))
    throw Error(Error::Kind::InvalidArgument,
                "Unknown figure format '" + format.toStdString() + "': use png, svg or pdf.");
  options.width = static_cast<int>(args.integer("width", 1600, 16, 20000));
  options.height = static_cast<int>(args.integer("height", 1200, 16, 20000));
  options.dpi = args.real("dpi", 150, 24, 2400);
  const QString viewId = QString::fromStdString(args.valueOr("view", "heatmap"));
  const widgets::ViewEntry* entry = widgets::findView(viewId);
  if (!entry || !entry->exportable) {
    std::string known;
    int count = 0;
    const widgets::ViewEntry* table = widgets::viewTable(&count);
    for (int i = 0; i < count; ++i)
      if (table[i].exportable) known += (known.empty() ? "" : ", ") + std::string(table[i].id);
    throw Error(Error::Kind::InvalidArgument,
                "Unknown view '" + viewId.toStdString() + "' (figures: " + known + ").");
  }
  const std::string lang = args.valueOr("lang", "en");
  if (lang != "en" && lang != "zh_CN")
    throw Error(Error::Kind::InvalidArgument, "Unknown language '" + lang + "': use en or zh_CN.");
  const bool gallery = viewId == "gallery";
  // The gallery computes every variant of --variants; --variant, if given, only names it.
  CliRequest req = requestFromArgs(args, /*needVariant=*/!gallery);
  // Large N: weights over the display budget are pooled into blocks, as in the window.
  req.limits.displayBudget = displayBudgetFrom(args);
  const std::string poolMode = args.valueOr("pool", "max");
  if (poolMode != "max" && poolMode != "mean")
    throw Error(Error::Kind::InvalidArgument,
                "Unknown pooling '" + poolMode + "': use max or mean.");
  req.limits.pool.mode =
      poolMode == "mean" ? core::PoolSpec::Mode::Mean : core::PoolSpec::Mode::Max;
  const core::GalleryRequest galleryRequest =
      gallery ? req.builder().gallery(galleryChoices(args)) : core::GalleryRequest{};

  // A figure needs a GUI application but never a display.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  Language language;
  if (!language.setLanguage(QString::fromStdString(lang)))
    throw Error(Error::Kind::InvalidArgument, "The translation " + lang + " could not be loaded.");

  std::unique_ptr<widgets::ResultView> view(entry->make(nullptr));
  view->resize(options.width, options.height);
  if (req.variant) view->setVariant(QString::fromStdString(req.variant->id()));
  if (args.has("colormap")) {
    const QString id = QString::fromStdString(args.value("colormap"));
    const widgets::ColorMap map = widgets::colorMapFromId(id, widgets::ColorMap(-1));
    if (static_cast<int>(map) < 0)
      throw Error(Error::Kind::InvalidArgument,
                  "Unknown colour map '" + id.toStdString() +
                      "': use viridis, magma, cividis, grayscale or hot.");
    view->setColorMap(map);
  }
  view->setLogScale(args.has("log"));
  view->setCellValues(args.has("cell-values"));
  std::string pooledNote;  // why a view that needs every weight has nothing to draw
  if (gallery) {
    for (const auto& [id, dims] : galleryRequest.tooLarge)
      std::cerr << "warning: " << id << ": "
                << widgets::needsFullWeightsSentence(dims.n, dims.m).toStdString() << "\n";
    // The window's gallery controller fills the view, here at once.
    for (const core::JobOutcome& o :
         GalleryController::fill(static_cast<widgets::GalleryView*>(view.get()), galleryRequest))
      if (!o.ok()) std::cerr << "warning: " << o.message() << "\n";
  } else {
    core::EngineRequest request = req.request();
    reportProgress(request);
    const core::JobOutcome outcome = computeOrThrow(request);
    const widgets::ViewData data{outcome.result, outcome.inputs};
    if (outcome.result->pooled()) {
      std::cerr << "note: " << widgets::pooledSentence(*outcome.result).toStdString() << "\n";
      pooledNote = widgets::needsFullWeightsSentence(outcome.result->dims.n, outcome.result->dims.m)
                       .toStdString();
    }
    if (auto* complexity = dynamic_cast<widgets::ComplexityView*>(view.get());
        complexity && args.has("variants"))
      complexity->setChosenVariants(chosenIds(args.value("variants")));  // the formulas page
    if (auto* lowRank = dynamic_cast<widgets::LowRankView*>(view.get())) {
      // The window's low-rank controller's analysis, here at once.
      const core::Index m = outcome.result->heads() == 0 ? 1 : outcome.result->weightCols();
      const int k = static_cast<int>(args.integer("rank", std::min<long long>(8, m), 1, m));
      LowRankController::analyseNow(lowRank, data, k);
    } else {
      view->setResult(data);
    }
  }
  if (!view->figure()) {  // e.g. the teaching view of a variant it has no page for
    throw Error(Error::Kind::InvalidArgument,
                "The " + viewId.toStdString() + " view has nothing to draw for '" +
                    (req.variant ? req.variant->id() : std::string("the gallery")) +
                    (pooledNote.empty() ? std::string("'.") : "': " + pooledNote));
  }
  const QString error = widgets::exportFigure(view->figure(), out, options);
  if (!error.isEmpty()) throw Error(Error::Kind::BadFile, error.toStdString());
  std::cout << "wrote " << out.toStdString() << "\n";
  return 0;
}

}  // namespace atlas::app::cli
