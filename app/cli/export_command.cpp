#include "args.h"
#include "commands.h"
#include "request_options.h"

#include "../language.h"

#include "core/variant_registry.h"

#include "widgets/color_maps.h"
#include "widgets/complexity_view.h"
#include "widgets/error_text.h"
#include "widgets/figure_export.h"
#include "widgets/gallery_view.h"
#include "widgets/low_rank_view.h"
#include "widgets/result_view.h"
#include "widgets/view_table.h"

#include <QApplication>
#include <QFileInfo>

#include <iostream>

namespace atlas::app::cli {

using core::Error;

int runExport(int argc, char** argv) {
  std::vector<OptionSpec> specs = requestOptionSpecs();
  specs.push_back({"view", true, false, "VIEW", "heatmap | output | sparsity | teaching | lowrank | complexity | gallery (default heatmap)"});
  specs.push_back({"variants", true, false, "LIST", "gallery: all (default) or a,b,c; complexity: the curves drawn (default: eight)"});
  specs.push_back({"rank", true, false, "K", "lowrank: the projected length k shown (default 8)"});
  specs.push_back({"format", true, false, "FMT", "png | svg | pdf (default: from the --out suffix)"});
  specs.push_back({"lang", true, false, "LANG", "en | zh_CN: language of titles and axes (default en)"});
  specs.push_back({"width", true, false, "W", "width in pixels (PNG) or points (default 1600)"});
  specs.push_back({"height", true, false, "H", "height in pixels (PNG) or points (default 1200)"});
  specs.push_back({"dpi", true, false, "D", "PNG resolution; text scales with it (default 150)"});
  specs.push_back({"colormap", true, false, "NAME", "viridis | magma | cividis | grayscale | hot"});
  specs.push_back({"log", false, false, "", "logarithmic colour scale"});
  specs.push_back({"out", true, false, "FILE", "the figure to write"});
  specs.push_back({"help", false, false, "", "show this help"});
  const Args args(argc, argv, 2, "export", specs);
  if (args.has("help")) {
    std::cout << helpText("attention-atlas export --variant NAME [--view heatmap|output] [options] --out FILE", specs);
    return 0;
  }
  if (!args.has("out"))
    throw Error(Error::Kind::InvalidArgument, "Give the figure file with --out FILE.");
  const QString out = QString::fromStdString(args.value("out"));
  widgets::FigureOptions options;
  const QString format = args.has("format") ? QString::fromStdString(args.value("format"))
                                            : QFileInfo(out).suffix();
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
  if (gallery && !args.has("variant")) {
    // The gallery takes its variants from --variants; --variant only shapes the inputs.
    std::vector<char*> withVariant(argv, argv + argc);
    static char opt[] = "--variant", name[] = "scaled_dot";
    withVariant.push_back(opt);
    withVariant.push_back(name);
    return runExport(static_cast<int>(withVariant.size()), withVariant.data());
  }
  CliRequest req = requestFromArgs(args);
  QStringList galleryIds;
  if (gallery) {
    const std::string list = args.valueOr("variants", "all");
    req.request.jobs.clear();
    for (const core::Variant* v : core::allVariants()) {
      const QString id = QString::fromStdString(v->id());
      if (list == "all" || QString::fromStdString(list).split(',').contains(id)) {
        core::ParamSet p = core::defaultParams(v->params());
        p.seed = req.request.spec.seed;
        req.request.jobs.push_back({v, p});
        galleryIds << id;
      }
    }
    for (const QString& id : QString::fromStdString(list).split(','))
      if (list != "all" && !galleryIds.contains(id)) core::requireVariant(id.toStdString());
  }

  // A figure needs a GUI application but never a display.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  Language language;
  if (!language.setLanguage(QString::fromStdString(lang)))
    throw Error(Error::Kind::InvalidArgument, "The translation " + lang + " could not be loaded.");

  std::unique_ptr<widgets::ResultView> view(entry->make(nullptr));
  view->resize(options.width, options.height);
  view->setVariant(QString::fromStdString(req.variant->id()));
  if (args.has("colormap")) {
    const QString id = QString::fromStdString(args.value("colormap"));
    const widgets::ColorMap map = widgets::colorMapFromId(id, widgets::ColorMap(-1));
    if (static_cast<int>(map) < 0)
      throw Error(Error::Kind::InvalidArgument, "Unknown colour map '" + id.toStdString() +
                                                    "': use viridis, magma, cividis, grayscale or hot.");
    view->setColorMap(map);
  }
  view->setLogScale(args.has("log"));
  if (gallery) {
    auto* g = static_cast<widgets::GalleryView*>(view.get());
    g->begin(galleryIds);
    core::Engine engine;
    const auto outcomes = engine.run(req.request);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (!outcomes[i].ok()) std::cerr << "warning: " << outcomes[i].error << "\n";
      g->addResult(galleryIds[static_cast<qsizetype>(i)], {outcomes[i].result, outcomes[i].inputs});
    }
    g->flush();
  } else {
    const core::JobOutcome outcome = computeOrThrow(req);
    view->setResult({outcome.result, outcome.inputs});
    if (auto* complexity = dynamic_cast<widgets::ComplexityView*>(view.get()); complexity && args.has("variants")) {
      // The formulas page (nothing is measured here), with the curves of --variants.
      const std::string list = args.value("variants");
      QStringList ids;
      for (const core::Variant* v : core::allVariants()) ids << QString::fromStdString(v->id());
      if (list != "all") {
        ids.clear();
        for (const QString& id : QString::fromStdString(list).split(','))
          ids << QString::fromStdString(core::requireVariant(id.trimmed().toStdString()).id());
      }
      complexity->setChosenVariants(ids);
    }
    if (auto* lowRank = dynamic_cast<widgets::LowRankView*>(view.get())) {
      // The Linformer view draws an analysis its owner computes: here, now.
      const core::VariantResult& r = *outcome.result;
      const core::Index m = r.weights.empty() ? 1 : r.weights[0].cols();
      const int k = static_cast<int>(args.integer("rank", std::min<long long>(8, m), 1, m));
      const auto share = r.params.numbers.find("share_ef");
      const bool shareEF = r.variant != "linformer" || share == r.params.numbers.end() || share->second != 0;
      lowRank->setAnalysis(std::make_shared<const core::analysis::LowRankAnalysis>(
          core::analysis::analyzeLowRank(r, *outcome.inputs, {})));
      lowRank->setK(k);
      lowRank->setLinformer(std::make_shared<const core::analysis::LinformerAt>(
          core::analysis::linformerAt(r, *outcome.inputs, 0, k, shareEF)));
    }
  }
  const QString error = widgets::exportFigure(view->figure(), out, options);
  if (!error.isEmpty()) throw Error(Error::Kind::BadFile, error.toStdString());
  std::cout << "wrote " << out.toStdString() << "\n";
  return 0;
}

}  // namespace atlas::app::cli
