// What every view in the central area implements, and the data it is handed.
#pragma once

#include "color_maps.h"

#include "core/engine.h"

#include <QWidget>

#include <memory>

class QCustomPlot;

namespace atlas::widgets {

/// One computed variant, shared (never copied) between all views.
struct ViewData {
  std::shared_ptr<const core::VariantResult> result;
  std::shared_ptr<const core::Inputs> inputs;
};

class ResultView : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;
  /// The variant chosen in the list (even before or without a result).
  virtual void setVariant(const QString& id) { Q_UNUSED(id); }
  virtual void setResult(const ViewData& data) = 0;
  /// The figure File > Export writes, or nullptr when the view has none.
  virtual QCustomPlot* figure() { return nullptr; }
  virtual void setColorMap(ColorMap map) { Q_UNUSED(map); }
  virtual void setLogScale(bool log) { Q_UNUSED(log); }
  /// Each cell's value written in it, where the view's cells are few enough to read them.
  virtual void setCellValues(bool on) { Q_UNUSED(on); }
  /// The view's pages by stable id ("formulas", "roofline", ...): empty for a view of one page.
  virtual QStringList pageIds() const { return {}; }
  /// The page shown, by id ("" for a view of one page).
  virtual QString page() const { return {}; }
  /// Shows page `id`; false (and nothing changes) for an id the view does not have. "" is the
  /// page shown first.
  virtual bool setPage(const QString& id) { return id.isEmpty(); }
  /// The variants a view of several draws (the gallery's cells, the complexity view's curves),
  /// in order; empty for a view of one.
  virtual QStringList chosenVariants() const { return {}; }
  virtual void setChosenVariants(const QStringList& ids) { Q_UNUSED(ids); }
  /// The step shown, for a view that goes through a computation step by step (0: the first).
  virtual int step() const { return 0; }
  virtual void setStep(int step) { Q_UNUSED(step); }
  /// Re-reads every visible string in the current UI language.
  virtual void retranslate() = 0;

 protected:
  void changeEvent(QEvent* event) override;
};

/// A fraction as a percentage that never reads 0% for a pattern that has pairs: "72.2%",
/// "0.24%", "0.0031%" (two significant digits below 1%); "0%" only for nothing.
QString percentText(double fraction);

/// A duration in milliseconds that never reads 0.0 ms for work done: "12.5 ms", "0.31 ms",
/// "0.0042 ms" (two significant digits below 1 ms).
QString millisecondsText(double seconds);

/// Token labels of a result's rows and columns (empty when the input has none).
QStringList tokenLabels(const std::vector<std::string>& tokens);

/// For a pooled (streamed) result, core::VariantResult::pooled(): the sentence saying that the
/// N x M weights are larger than the display budget and how each cell is made.
QString pooledSentence(const core::VariantResult& result);
/// The same for n x m weights pooled into cellRows x cellCols cells of their maximum (or mean).
QString pooledSentence(core::Index n, core::Index m, core::Index cellRows, core::Index cellCols,
                       bool max);
/// The one line a view that needs every weight (sparsity, teaching, low rank, gallery) shows
/// for a pooled result of n x m weights instead of drawing.
QString needsFullWeightsSentence(core::Index n, core::Index m);

}  // namespace atlas::widgets
