// A QCustomPlot that shows one or more matrices as colour maps side by side, sharing one colour
// scale, with token labels on the axes and a hover tooltip. Heatmap and output views build on it.
#pragma once

#include "color_maps.h"

#include "core/types.h"

#include <qcustomplot.h>

#include <functional>
#include <memory>

namespace atlas::widgets {

struct MatrixPanel {
  const core::Matrix* matrix = nullptr;  ///< kept alive by the owner given to setPanels
  QString title;
};

class MatrixPlot : public QCustomPlot {
  Q_OBJECT
 public:
  /// Text of the tooltip for cell (row, col) of panel `panel` holding `value`.
  using TooltipFn = std::function<QString(int panel, int row, int col, double value)>;

  explicit MatrixPlot(QWidget* parent = nullptr);

  /// Shows the panels in a grid. `owner` keeps the matrices alive as long as they are shown;
  /// nothing is copied but into the colour maps' own cells.
  void setPanels(std::shared_ptr<const void> owner, std::vector<MatrixPanel> panels);
  /// Removes every panel and shows `message` instead.
  void showMessage(const QString& message);

  void setTitle(const QString& title);
  void setAxisTitles(const QString& x, const QString& y, const QString& scale);
  /// Labels of the rows (y) and columns (x); empty lists mean 0-based indices.
  void setLabels(const QStringList& rows, const QStringList& cols);
  void setColorMap(ColorMap map);
  void setLogScale(bool log);
  /// Categorical mode: cells hold 0 (nothing, drawn white) or 1..names.size(), drawn in
  /// colors[i - 1]; a legend of the names replaces the colour scale. An empty list returns to
  /// the continuous mode. Takes effect at the next setPanels.
  void setCategories(const QStringList& names, const QList<QColor>& colors);
  bool categorical() const { return !m_categoryNames.isEmpty(); }
  /// Many small panels: no tick labels or axis titles, smaller panel titles.
  void setCompact(bool compact) { m_compact = compact; }
  /// Each panel coloured from its own minimum to its own maximum (the colour scale then reads
  /// 0 to 1 of each panel's range): for comparing patterns of different magnitudes.
  void setIndependentScales(bool independent) { m_independent = independent; }
  /// A distinguishable colour for category i (0-based), for any number of categories.
  static QColor categoryColor(int i);
  /// Whole-number ticks for matrix indices (1, 2, 5, 10... apart), at most `count` of them.
  static QSharedPointer<QCPAxisTicker> indexTicker(int count);
  void setTooltip(TooltipFn fn) { m_tooltip = std::move(fn); }

  int panelCount() const { return static_cast<int>(m_maps.size()); }
  QCPColorMap* panelMap(int i) const { return m_maps.at(static_cast<std::size_t>(i)); }
  QCPColorScale* colorScale() const { return m_scale; }
  QString xTitle() const { return m_xTitle; }
  QString yTitle() const { return m_yTitle; }
  /// The tooltip text for the plot-local position, or empty when not over a cell.
  QString tooltipAt(const QPointF& pos) const;
  /// The panel under a plot-local position, or -1.
  int panelAt(const QPointF& pos) const;

 Q_SIGNALS:
  void panelClicked(int panel);

 protected:
  void showEvent(QShowEvent* event) override;
  void paintEvent(QPaintEvent* event) override;

 private:
  /// Queued replot when visible; otherwise marks the plot to replot when shown or painted.
  void requestReplot();
  void rebuild();
  static void fillMap(QCPColorMap* map, const core::Matrix& m);
  void applyScale();
  void onMouseMove(QMouseEvent* event);

  std::shared_ptr<const void> m_owner;
  std::vector<MatrixPanel> m_panels;
  std::vector<QCPColorMap*> m_maps;
  QCPColorScale* m_scale = nullptr;
  QCPTextElement* m_titleElement = nullptr;
  QString m_title, m_xTitle, m_yTitle, m_scaleTitle, m_message;
  QStringList m_rowLabels, m_colLabels;
  ColorMap m_colorMap = ColorMap::Viridis;
  bool m_compact = false;
  bool m_independent = false;
  QStringList m_categoryNames;
  QList<QColor> m_categoryColors;
  bool m_log = false;
  bool m_replotPending = false;
  TooltipFn m_tooltip;
};

}  // namespace atlas::widgets
