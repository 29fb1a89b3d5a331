// The schedules made visible: FlashAttention's tiles step by step with each row's running
// maximum and sum; paged attention's block table and physical page pool; the two
// multiplication orders of linear attention and Performer with their operation counts.
#pragma once

#include "matrix_plot.h"
#include "result_view.h"

class QLabel;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTableWidget;

namespace atlas::widgets {

class TeachingView : public ResultView {
  Q_OBJECT
 public:
  explicit TeachingView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  QCustomPlot* figure() override;
  void retranslate() override;

  /// FlashAttention: show the state after `step` tiles (0-based; the last shows everything).
  void setStep(int step);
  int stepCount() const;
  QSlider* stepSlider() const { return m_step; }
  MatrixPlot* tilePlot() const { return m_tiles; }
  QCustomPlot* curvePlot() const { return m_curves; }
  QTableWidget* blockTable() const { return m_table; }
  QCustomPlot* orderPlot() const { return m_orders; }

 private:
  enum Page { Nothing, Flash, Paged, Orders };
  void showFlash();
  void showPaged();
  void showOrders();
  void updateCurves();

  QStackedWidget* m_stack;
  QLabel* m_nothing;
  QLabel* m_caption;
  // flash
  QSlider* m_step;
  QSpinBox* m_row;
  QLabel* m_stepLabel;
  MatrixPlot* m_tiles;
  QCustomPlot* m_curves;
  std::shared_ptr<core::Matrix> m_partial;
  // paged
  QTableWidget* m_table;
  MatrixPlot* m_pool;
  std::shared_ptr<core::Matrix> m_poolCells;
  // linear / performer
  QCustomPlot* m_orders;
  QCPTextElement* m_ordersTitle;
  ViewData m_data;
  Page m_page = Nothing;
};

}  // namespace atlas::widgets
