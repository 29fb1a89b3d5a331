// The attention weights of a result as heatmaps: one head, or all heads side by side.
#pragma once

#include "matrix_plot.h"
#include "result_view.h"

class QComboBox;
class QLabel;

namespace atlas::widgets {

class HeatmapView : public ResultView {
  Q_OBJECT
 public:
  explicit HeatmapView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  QCustomPlot* figure() override { return m_plot; }
  void setColorMap(ColorMap map) override { m_plot->setColorMap(map); }
  void setLogScale(bool log) override { m_plot->setLogScale(log); }
  void setCellValues(bool on) override { m_plot->setCellValues(on); }
  void retranslate() override;

  /// -1 shows every head; otherwise the 0-based head.
  void setHead(int head);
  int head() const { return m_head; }
  MatrixPlot* plot() const { return m_plot; }
  QComboBox* headBox() const { return m_headBox; }

 Q_SIGNALS:
  void headChanged(int head);

 private:
  void setupPlot();
  void fillHeadBox();

  MatrixPlot* m_plot;
  QComboBox* m_headBox;
  QLabel* m_headLabel;
  ViewData m_data;
  int m_head = -1;
};

}  // namespace atlas::widgets
