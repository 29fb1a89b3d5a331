// The output O (N x dv, heads concatenated) as a heatmap.
#pragma once

#include "matrix_plot.h"
#include "result_view.h"

namespace atlas::widgets {

class OutputView : public ResultView {
  Q_OBJECT
 public:
  explicit OutputView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  QCustomPlot* figure() override { return m_plot; }
  void setColorMap(ColorMap map) override { m_plot->setColorMap(map); }
  void setCellValues(bool on) override { m_plot->setCellValues(on); }
  void retranslate() override;
  MatrixPlot* plot() const { return m_plot; }

 private:
  MatrixPlot* m_plot;
  ViewData m_data;
};

}  // namespace atlas::widgets
