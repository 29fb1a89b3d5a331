// `attention-atlas export --lesson`: a teacher's slides without opening the window.
#include "export_figure.h"
#include "remote_options.h"

#include "core/io/file_bytes.h"

#include "widgets/complexity_view.h"

#include "widgets/figure_export.h"
#include "widgets/result_view.h"
#include "widgets/view_table.h"
#include "widgets/walkthrough_view.h"

#include <QDir>

#include <cstdio>
#include <iostream>

namespace atlas::app::cli {

using core::Error;

namespace {

const char* suffixOf(widgets::FigureFormat format) {
  switch (format) {
    case widgets::FigureFormat::Png:
      return "png";
    case widgets::FigureFormat::Svg:
      return "svg";
    case widgets::FigureFormat::Pdf:
      return "pdf";
  }
  return "png";
}

/// scene-01.png, ..., scene-12.png: in the lesson's order when listed by name.
QString sceneFileName(int k, widgets::FigureFormat format) {
  return QString("scene-%1.%2").arg(k, 2, 10, QChar('0')).arg(suffixOf(format));
}

/// The view a scene's figure comes from: its own, or the heatmap for a view without a figure
/// (the explanation). An unknown view is a mistake in the lesson.
const widgets::ViewEntry& sceneView(const core::Scene& scene, int k, const std::string& lesson) {
  const QString id = QString::fromStdString(scene.view);
  const widgets::ViewEntry* entry = widgets::findView(id);
  if (!entry)
    throw Error(Error::Kind::BadFile,
                lesson + ", scene " + std::to_string(k) + ": unknown view '" + scene.view + "'.");
  if (entry->exportable) return *entry;
  std::cerr << "note: scene " << k << " shows the " << scene.view
            << " view, which has no figure: its heatmap is written instead.\n";
  return *widgets::findView("heatmap");
}

/// The page a scene names must be one of its view's.
void checkPage(const core::Scene& scene, const widgets::ViewEntry& entry, int k,
               const std::string& lesson) {
  if (!scene.page.empty())
    checkViewPage(entry, scene.page, lesson + ", scene " + std::to_string(k), Error::Kind::BadFile);
}

}  // namespace

int exportLesson(const Args& args, const core::Lesson& lesson, widgets::FigureOptions options,
                 const std::string& language) {
  const std::string name = args.value("lesson");
  std::vector<int> scenes;
  if (args.has("scene")) {
    scenes.push_back(sceneFromArgs(args, lesson));
  } else {
    for (int k = 1; k <= static_cast<int>(lesson.scenes.size()); ++k) scenes.push_back(k);
  }
  if (scenes.empty())
    throw Error(Error::Kind::BadFile, name + ": the lesson has no scenes to draw.");
  std::vector<const widgets::ViewEntry*> views;
  for (int k : scenes) {
    views.push_back(&sceneView(lesson.scenes[k - 1], k, name));
    checkPage(lesson.scenes[k - 1], *views.back(), k, name);
  }

  const std::string dir = args.value("out");
  core::io::makeDirectory(dir);
  for (std::size_t i = 0; i < scenes.size(); ++i) {
    const int k = scenes[i];
    const core::Scene& scene = lesson.scenes[k - 1];
    QStringList chosen;
    for (const core::Variant* v : scene.compare) chosen << QString::fromStdString(v->id());
    const CliRequest request = requestFromScene(args, lesson, k, language);
    const auto view = drawView(*views[i], request, chosen, args, options);
    view->setCellValues(true);  // slides are read from the back row: the numbers in the cells
    view->setPage(QString::fromStdString(scene.page));
    if (auto* walk = dynamic_cast<widgets::WalkthroughView*>(view.get())) {
      if (scene.step >= walk->stepCount())
        throw Error(Error::Kind::BadFile,
                    name + ": scene " + std::to_string(k) + " shows step " +
                        std::to_string(scene.step) + ", but its walkthrough has " +
                        std::to_string(walk->stepCount()) + " steps (0 is the first).");
      walk->setStep(scene.step);
    } else {
      view->setStep(scene.step);  // the teaching view's FlashAttention step (0: the first)
    }
    if (auto* complexity = dynamic_cast<widgets::ComplexityView*>(view.get()))
      measureForPage(*complexity, request.builder(), deviceFromArgs(args));
    options.title = QString("%1. %2").arg(k).arg(QString::fromStdString(scene.title.of(language)));
    options.caption = QString::fromStdString(scene.caption.of(language));
    const QString path =
        QDir(QString::fromStdString(dir)).filePath(sceneFileName(k, options.format));
    const QString error = widgets::exportFigure(view->figure(), path, options);
    if (!error.isEmpty()) throw Error(Error::Kind::BadFile, error.toStdString());
    std::cout << "wrote " << path.toStdString() << "\n";
  }
  return 0;
}

}  // namespace atlas::app::cli
