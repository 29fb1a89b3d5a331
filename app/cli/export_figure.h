// What `attention-atlas export` does for one figure, shared by a single view (--variant) and
// a lesson's scenes (--lesson): the view, computed and filled as the window fills it.
#pragma once

#include "args.h"
#include "request_options.h"

#include "widgets/figure_export.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace atlas::widgets {
class ComplexityView;
class ResultView;
struct ViewEntry;
}  // namespace atlas::widgets

namespace atlas::app::cli {

/// --preset, --width, --height, --dpi and --font-size into `options` (its format already set):
/// lengths with units, checked, in the file's own units. Throws core::Error with the sentence.
void sizeFromArgs(const Args& args, widgets::FigureOptions& options);

/// The view `id` if it has a figure; else throws core::Error naming the views that do.
const widgets::ViewEntry& exportableView(const QString& id);

/// --variants: "all" or "a,b,c" (each checked); without it an empty list, the view's own choice.
QStringList chosenIds(const Args& args);

/// The view for `request`, drawn at the figure's size with the style options (--colormap,
/// --log, --cell-values, --rank, --display-budget, --pool); `chosen` are the variants a view
/// of several draws (the gallery's cells, the complexity view's curves), empty: its own
/// choice. Throws core::Error when the computation fails or the view has nothing to draw.
std::unique_ptr<widgets::ResultView> drawView(const widgets::ViewEntry& entry, CliRequest request,
                                              const QStringList& chosen, const Args& args,
                                              const widgets::FigureOptions& options);

/// `page` must be one of the view's pages; else throws core::Error of `kind`, "WHERE: the X view
/// has no page 'P' (pages: ...)."
void checkViewPage(const widgets::ViewEntry& entry, const std::string& page,
                   const std::string& where, core::Error::Kind kind);

/// A page of measurements (measured times, the roofline, the speed and memory chart) gets them
/// here and now, as the window takes them when its buttons are pressed: the sweep of the page's
/// variants and sizes, once each, and this machine's calibration.
void measureForPage(widgets::ComplexityView& view, const core::RequestBuilder& builder,
                    std::shared_ptr<core::Device> device = nullptr);

/// `export --lesson`: one figure per scene of `lesson` (or the --scene given) in the directory
/// --out, named scene-01.png, ..., each with the scene's title above and its caption below in
/// `language`, and the values in the cells of heatmaps small enough to hold them. Every scene's
/// view is checked before the first is drawn.
int exportLesson(const Args& args, const core::Lesson& lesson, widgets::FigureOptions options,
                 const std::string& language);

}  // namespace atlas::app::cli
