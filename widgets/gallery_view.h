// Every variant (or a chosen subset) on the same inputs, as a grid of small heatmaps with their
// names, densities and times. Clicking one opens it.
#pragma once

#include "matrix_plot.h"
#include "result_view.h"

class QLabel;
class QTimer;
class QToolButton;

namespace atlas::widgets {

class GalleryView : public ResultView {
  Q_OBJECT
 public:
  explicit GalleryView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override { Q_UNUSED(data); }  // fed by addResult
  QCustomPlot* figure() override { return m_plot; }
  void setColorMap(ColorMap map) override { m_plot->setColorMap(map); }
  void setLogScale(bool log) override { m_plot->setLogScale(log); }
  void retranslate() override;

  /// The variants the user chose to show (all by default), in registry order.
  QStringList chosenVariants() const override;
  void setChosenVariants(const QStringList& ids) override;
  /// Starts a new round for these variants: earlier results are dropped.
  void begin(const QStringList& ids);
  /// One variant's result (or its error sentence) of the current round.
  void addResult(const QString& id, const ViewData& data, const QString& error = {});
  int shownCount() const;
  /// Draws what has arrived now (a burst of results is otherwise drawn once, shortly after).
  void flush() { rebuild(); }
  MatrixPlot* plot() const { return m_plot; }
  /// The variant of the panel at a plot-local point ("" when none): what a click opens.
  QString variantAt(const QPointF& pos) const;

 Q_SIGNALS:
  void variantActivated(const QString& id);
  /// The user changed the subset: the owner recomputes.
  void chosenVariantsChanged();

 private:
  void rebuild();
  void updateSummary();

  MatrixPlot* m_plot;
  QToolButton* m_chooser;
  QLabel* m_summary;
  QStringList m_round;  ///< ids of the current round, registry order
  struct Entry {
    ViewData data;
    QString error;
  };
  std::map<QString, Entry> m_entries;
  QStringList m_panelIds;  ///< the variant of each panel shown
  QTimer* m_rebuildTimer;
};

}  // namespace atlas::widgets
