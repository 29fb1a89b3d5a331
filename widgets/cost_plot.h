// The Complexity view's "Formulas" page: the chosen variants' closed-form cost (flops, bytes or
// peak memory) on a log-log plot against N, d, dv or heads, around the shown result's sizes, with
// reference slopes and a marker at the current size; below it, the shown result's cost terms.
#pragma once

#include "core/variant.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;
class QLabel;
class QTableWidget;

namespace atlas::widgets {

class CostPage : public QWidget {
  Q_OBJECT
 public:
  enum class Metric { Flops, Bytes, Peak };
  enum class Axis { N, D, Dv, Heads };

  explicit CostPage(QWidget* parent = nullptr);
  /// The result whose sizes and parameters the curves are drawn around (nullptr: N = 256, d = 64
  /// and every variant's defaults).
  void setResult(std::shared_ptr<const core::VariantResult> result);
  /// Ids of the variants drawn, in order (colour i = seriesColor(i)).
  void setVariants(const QStringList& ids);
  void retranslate();
  /// The N axis from lo to hi (0, 0: around the shown N, from N/32 to 32 N, at least 2 to 4096).
  void setRange(double lo, double hi);

  QCustomPlot* plot() const { return m_plot; }
  QTableWidget* table() const { return m_table; }
  QComboBox* metricBox() const { return m_metric; }
  QComboBox* axisBox() const { return m_axis; }
  /// Number of variant curves with data (references and the marker not counted).
  int curveCount() const;
  /// The variant drawn by curve i.
  QString curveVariant(int i) const { return m_curveIds.value(i); }
  /// The x of the current-size marker (N, d, dv or heads of the shown result).
  double markerX() const { return m_markerX; }

 private:
  void redraw();
  void fillTable();
  /// Dashes each curve that lies on an earlier one; returns "A lies on B" for each.
  QStringList markCoinciding();
  Metric metric() const;
  Axis axis() const;

  std::shared_ptr<const core::VariantResult> m_result;
  QStringList m_ids;
  QComboBox* m_metric;
  QComboBox* m_axis;
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  QTableWidget* m_table;
  QLabel* m_memory;
  QStringList m_curveIds;
  std::vector<QCPGraph*> m_curves;
  double m_markerX = 0;
  std::pair<double, double> m_range{0, 0};
};

}  // namespace atlas::widgets
