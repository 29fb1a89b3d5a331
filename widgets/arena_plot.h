// The "Speed and memory" page's figure: two panels in one plot, so that a figure exported from
// the page holds both. Each panel is a title and an axis rect, the measured one with its legend
// below; the published panel's note and source (the foot) run below both, the plot's width. The
// panels sit side by side when the plot is wide (width at least 1.3 x height) and one above the
// other otherwise; titles and the foot are broken into lines that fit. The published panel's
// bubbles have areas relative to the largest, sized to the panel, and each is labelled beside it,
// clear of the other labels and bubbles, at every layout.
#pragma once

#include "plot_widget.h"

#include <QString>

#include <array>
#include <map>
#include <vector>

namespace atlas::widgets {

class ArenaPlot : public PlotWidget {
 public:
  enum Panel { Measured, Published };

  explicit ArenaPlot(QWidget* parent = nullptr);

  /// Measured: the plot's own axis rect (xAxis, yAxis, addGraph); Published: a second one.
  QCPAxisRect* rect(Panel panel) const { return m_rects[panel]; }
  void setTitle(Panel panel, const QString& text);
  /// `axis`'s label, broken into lines that fit its panel at each arrangement.
  void setLabel(QCPAxis* axis, const QString& text);
  /// The published panel's note and source, below both panels (lines separated by '\n').
  void setFoot(const QString& text);
  /// As set, before the lines are broken to the panel's width.
  QString title(Panel panel) const { return m_titleText[panel]; }
  QString foot() const { return m_footText; }
  bool sideBySide() const { return m_side; }

  /// A bubble of the published panel at (x, y) of its axes, its area `area` relative to the
  /// largest (0..1], drawn by `graph` (a one-point scatter) and named by `label`, which the plot
  /// places at each layout (with a leader line of its own when it sits one line away). They
  /// belong to the plot; forgetItems forgets them (call it before clearing the plot's
  /// plottables and items). Add the label to its layer first.
  void addBubble(QCPGraph* graph, QCPItemText* label, double x, double y, double area);
  /// `item`, a message centred in the measured panel, reads `text` in lines of its width.
  void setMessage(QCPItemText* item, const QString& text);
  /// Forgets the bubbles, labels and message (before the plot's items are cleared).
  void forgetItems() {
    m_bubbles.clear();
    m_message = nullptr;
  }
  /// The pixel diameter of a bubble of relative area 1 at the last layout.
  double largestDiameter() const { return m_diameter; }

  void arrangeFor(QSize size) override;

 private:
  struct Bubble {
    QCPGraph* graph;
    QCPItemText* label;
    QCPItemLine* leader;  ///< shown when the label sits one line away
    double x, y, area;
  };
  void fitToAxes();
  void placeLabels();

  std::array<QCPAxisRect*, 2> m_rects{};
  std::array<QCPLayoutGrid*, 2> m_cells{};
  std::array<QCPTextElement*, 2> m_titles{};
  std::array<QString, 2> m_titleText;
  QCPLayoutGrid* m_panels = nullptr;
  QCPTextElement* m_foot = nullptr;
  QString m_footText;
  std::map<QCPAxis*, QString> m_axisLabels;
  QCPItemText* m_message = nullptr;
  QString m_messageText;
  std::vector<Bubble> m_bubbles;
  double m_diameter = 36;
  bool m_side = false;
};

}  // namespace atlas::widgets
