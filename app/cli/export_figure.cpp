#include "export_figure.h"
#include "remote_options.h"

#include "../gallery_controller.h"
#include "../low_rank_controller.h"

#include "core/bench.h"
#include "core/calibration.h"
#include "core/memory.h"
#include "core/variant_registry.h"

#include "widgets/arena_page.h"
#include "widgets/bench_plot.h"
#include "widgets/color_maps.h"
#include "widgets/complexity_view.h"
#include "widgets/core_text.h"
#include "widgets/figure_size.h"
#include "widgets/gallery_view.h"
#include "widgets/low_rank_view.h"
#include "widgets/result_view.h"
#include "widgets/roofline_plot.h"
#include "widgets/view_table.h"
#include "widgets/walkthrough_view.h"

#include <QPushButton>

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

/// The gallery's variants (`chosen`, empty: all) at their default parameters.
std::vector<core::VariantChoice> galleryChoices(const QStringList& chosen) {
  std::vector<core::VariantChoice> choices;
  for (const core::Variant* v : core::allVariants())  // the catalogue's order
    if (chosen.isEmpty() || chosen.contains(QString::fromStdString(v->id())))
      choices.push_back({v, core::defaultParams(v->params())});
  return choices;
}

/// --colormap, --log and --cell-values on the view.
void applyStyle(widgets::ResultView& view, const Args& args) {
  if (args.has("colormap")) {
    const QString id = QString::fromStdString(args.value("colormap"));
    const widgets::ColorMap map = widgets::colorMapFromId(id, widgets::ColorMap(-1));
    if (static_cast<int>(map) < 0)
      throw Error(Error::Kind::InvalidArgument,
                  "Unknown colour map '" + id.toStdString() +
                      "': use viridis, magma, cividis, grayscale or hot.");
    view.setColorMap(map);
  }
  view.setLogScale(args.has("log"));
  view.setCellValues(args.has("cell-values"));
}

}  // namespace

void sizeFromArgs(const Args& args, widgets::FigureOptions& o) {
  const widgets::FigurePreset* preset = nullptr;
  if (args.has("preset")) {
    const QString id = QString::fromStdString(args.value("preset"));
    preset = widgets::findFigurePreset(id);
    if (!preset)
      throw Error(Error::Kind::InvalidArgument,
                  "Unknown preset '" + id.toStdString() + "': use column, double or slide.");
  }
  o.dpi = args.real("dpi", preset ? preset->dpi : 150, 24, 2400);
  const bool png = o.format == widgets::FigureFormat::Png;
  const auto length = [&](const char* name, double presetInches, double pngPixels,
                          double vectorInches) {
    double inches = preset ? presetInches : png ? pngPixels / o.dpi : vectorInches;
    if (args.has(name) &&
        !widgets::parseLength(QString::fromStdString(args.value(name)), o.format, o.dpi, &inches))
      throw Error(Error::Kind::InvalidArgument,
                  std::string("--") + name + " must be a length such as 3.5in, 89mm, 252pt or " +
                      "1050px, not '" + args.value(name) + "'.");
    const int units = widgets::fileUnits(inches, o.format, o.dpi);
    if (units < 16 || units > 20000)
      throw Error(Error::Kind::InvalidArgument,
                  std::string("--") + name + " gives " + std::to_string(units) +
                      (png ? " pixels" : " points") + ": a figure takes 16 to 20000 on each side.");
    return units;
  };
  o.width = length("width", preset ? preset->widthInches : 0, 1600, 8);
  o.height = length("height", preset ? preset->heightInches : 0, 1200, 6);
  o.fontPoints = args.real("font-size", preset ? preset->fontPoints : 0, 0, 200);
}

QStringList chosenIds(const Args& args) {
  QStringList ids;
  if (!args.has("variants")) return ids;
  const std::string list = args.value("variants");
  if (list == "all") {
    for (const core::Variant* v : core::allVariants()) ids << QString::fromStdString(v->id());
    return ids;
  }
  for (const QString& id : QString::fromStdString(list).split(','))
    ids << QString::fromStdString(core::requireVariant(id.trimmed().toStdString()).id());
  return ids;
}

const widgets::ViewEntry& exportableView(const QString& id) {
  const widgets::ViewEntry* entry = widgets::findView(id);
  if (entry && entry->exportable) return *entry;
  std::string known;
  int count = 0;
  const widgets::ViewEntry* table = widgets::viewTable(&count);
  for (int i = 0; i < count; ++i)
    if (table[i].exportable) known += (known.empty() ? "" : ", ") + std::string(table[i].id);
  throw Error(Error::Kind::InvalidArgument,
              "Unknown view '" + id.toStdString() + "' (figures: " + known + ").");
}

std::unique_ptr<widgets::ResultView> drawView(const widgets::ViewEntry& entry, CliRequest req,
                                              const QStringList& chosen, const Args& args,
                                              const widgets::FigureOptions& options) {
  const bool gallery = QString(entry.id) == "gallery";
  const std::unique_ptr<core::Device> device = deviceFromArgs(args);  // --remote, or this computer
  // Large N: weights over the display budget are pooled into blocks, as in the window.
  req.limits.displayBudget = displayBudgetFrom(args);
  const std::string poolMode = args.valueOr("pool", "max");
  if (poolMode != "max" && poolMode != "mean")
    throw Error(Error::Kind::InvalidArgument,
                "Unknown pooling '" + poolMode + "': use max or mean.");
  req.limits.pool.mode =
      poolMode == "mean" ? core::PoolSpec::Mode::Mean : core::PoolSpec::Mode::Max;

  std::unique_ptr<widgets::ResultView> view(entry.make(nullptr));
  // Laid out at the figure's logical size (its inches at 96 per inch), as the export draws it.
  view->resize(int(std::lround(widgets::widthInches(options) * 96)),
               int(std::lround(widgets::heightInches(options) * 96)));
  if (req.variant) view->setVariant(QString::fromStdString(req.variant->id()));
  applyStyle(*view, args);
  std::string pooledNote;  // why a view that needs every weight has nothing to draw
  if (gallery) {
    // The gallery computes every variant of --variants; --variant, if given, only names it.
    const core::GalleryRequest galleryRequest = req.builder().gallery(galleryChoices(chosen));
    for (const auto& [id, dims] : galleryRequest.tooLarge)
      std::cerr << "warning: " << id << ": "
                << widgets::needsFullWeightsSentence(dims.n, dims.m).toStdString() << "\n";
    // The window's gallery controller fills the view, here at once.
    for (const core::JobOutcome& o : GalleryController::fill(
             static_cast<widgets::GalleryView*>(view.get()), galleryRequest, device.get()))
      if (!o.ok()) std::cerr << "warning: " << o.message() << "\n";
  } else {
    core::EngineRequest request = req.request();
    reportProgress(request);
    const core::JobOutcome outcome = computeOrThrow(request, device.get());
    const widgets::ViewData data{outcome.result, outcome.inputs};
    if (outcome.result->pooled()) {
      std::cerr << "note: " << widgets::pooledSentence(*outcome.result).toStdString() << "\n";
      pooledNote = widgets::needsFullWeightsSentence(outcome.result->dims.n, outcome.result->dims.m)
                       .toStdString();
    }
    if (auto* complexity = dynamic_cast<widgets::ComplexityView*>(view.get());
        complexity && !chosen.isEmpty())
      complexity->setChosenVariants(chosen);  // the formulas page
    if (auto* lowRank = dynamic_cast<widgets::LowRankView*>(view.get())) {
      // The window's low-rank controller's analysis, here at once.
      const core::Index m = outcome.result->heads() == 0 ? 1 : outcome.result->weightCols();
      const int k = static_cast<int>(args.integer("rank", std::min<long long>(8, m), 1, m));
      LowRankController::analyseNow(lowRank, data, k);
    } else {
      view->setResult(data);
    }
  }
  if (auto* walk = dynamic_cast<widgets::WalkthroughView*>(view.get());
      walk && !view->figure() && walk->walkthrough())  // stderr speaks English, as elsewhere
    throw Error(Error::Kind::InvalidArgument,
                "The walkthrough view: " + walk->walkthrough()->refusal.english());
  if (!view->figure()) {  // e.g. the teaching view of a variant it has no page for
    throw Error(Error::Kind::InvalidArgument,
                "The " + std::string(entry.id) + " view has nothing to draw for '" +
                    (req.variant ? req.variant->id() : std::string("the gallery")) +
                    (pooledNote.empty() ? std::string("'.") : "': " + pooledNote));
  }
  return view;
}

void checkViewPage(const widgets::ViewEntry& entry, const std::string& page,
                   const std::string& where, Error::Kind kind) {
  const std::unique_ptr<widgets::ResultView> probe(entry.make(nullptr));
  const QStringList pages = probe->pageIds();
  if (pages.contains(QString::fromStdString(page))) return;
  throw Error(kind, where + ": the " + entry.id + " view has no page '" + page + "'" +
                        (pages.isEmpty() ? std::string(".")
                                         : " (pages: " + pages.join(", ").toStdString() + ")."));
}

void measureForPage(widgets::ComplexityView& view, const core::RequestBuilder& builder,
                    std::shared_ptr<core::Device> device) {
  if (!device) device = std::make_shared<core::CpuDevice>();
  QObject::connect(
      &view, &widgets::ComplexityView::benchRequested, &view,
      [&view, builder, device](const QStringList& ids, const QList<qint64>& ns, int, int d) {
        std::vector<std::string> variants;
        for (const QString& id : ids) variants.push_back(id.toStdString());
        std::vector<core::Index> sizes(ns.begin(), ns.end());
        std::cerr << "measuring " << variants.size() << " variant(s) at " << sizes.size()
                  << " size(s)...\n";
        view.setBenchPoints(device->bench(builder.bench(variants, sizes, d, /*repeats=*/1)));
      });
  QObject::connect(&view, &widgets::ComplexityView::calibrateRequested, &view, [&view] {
    std::cerr << "calibrating this machine's roof...\n";
    view.setMachineRoof(core::calibrate(1.0));
  });
  const QString page = view.page();
  if (page == "measured") view.measuredPage()->startButton()->click();
  if (page == "arena") view.arenaPage()->measureButton()->click();
  if (page == "roofline" && !view.machineRoof()) view.rooflinePage()->calibrateButton()->click();
}

}  // namespace atlas::app::cli
