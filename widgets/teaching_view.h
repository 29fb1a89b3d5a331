// The schedules made visible: FlashAttention's online softmax step by step (the running weights
// exp(S - m) / l of the tiles done, the tile just processed, one row's running maximum and sum up
// to the step; teaching_flash.cpp); paged attention's block table and the physical page pool it
// maps into (teaching_paged.cpp); the two multiplication orders of linear attention and
// Performer with the shapes of their products and their operation counts against N
// (teaching_orders.cpp).
#pragma once

#include "matrix_plot.h"
#include "result_view.h"

#include "core/flash_steps.h"

#include <QPointer>

class QLabel;
class QSlider;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTimer;
class QToolButton;

namespace atlas::widgets {

class TeachingView : public ResultView {
  Q_OBJECT
 public:
  explicit TeachingView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  QCustomPlot* figure() override;
  void setColorMap(ColorMap map) override;
  void retranslate() override;

  /// FlashAttention: show the state after `step` tiles (0-based; the last shows everything).
  /// Before a result (a lesson's scene), the step its flash result will show.
  void setStep(int step) override;
  int step() const override;
  int stepCount() const;
  /// The record the steps go through: the result's, or (its key tiles holding every key at
  /// once, so one step) the same online softmax replayed in smaller tiles (replayed()).
  const core::Trace::Tiles* tiles() const { return m_tiles.get(); }
  bool replayed() const { return m_replayed; }
  /// What the tile plot shows at the current step.
  const core::FlashStep* flashStep() const { return m_flashStep.get(); }
  /// Tiles of at most this many per side when the result's are replayed (teachingTile).
  static constexpr int kTeachingTiles = 4;
  /// The tile side a replay uses along `extent` rows or keys: kTeachingTiles tiles or fewer.
  static core::Index teachingTile(core::Index extent);

  QSlider* stepSlider() const { return m_step; }
  QSpinBox* rowBox() const { return m_row; }
  QToolButton* playButton() const { return m_play; }
  QLabel* captionLabel() const { return m_caption; }
  QLabel* stepLabel() const { return m_stepLabel; }
  QLabel* rowLabel() const { return m_rowState; }
  MatrixPlot* tilePlot() const { return m_tilePlot; }
  /// The outline of the tile just processed (on the tile plot), null before a flash result.
  QCPItemRect* currentTileRect() const { return m_current; }
  QCustomPlot* curvePlot() const { return m_curves; }
  QTableWidget* blockTable() const { return m_table; }
  QCustomPlot* poolPlot() const { return m_pool; }
  QCustomPlot* orderPlot() const { return m_orders; }
  /// Linear attention / Performer: the N from which the cheap order is cheaper (0: never).
  core::Index crossover() const { return m_crossover; }

 private:
  enum Page { Nothing, Flash, Paged, Orders };
  // teaching_flash.cpp
  QWidget* buildFlash();
  void showFlash();
  void showStep();
  void updateStepTexts();
  void updateCurves();
  void updateRowState();
  void placeTileOutline();
  QString uncomputedLegend() const;
  void retranslateFlash();
  QString flashCaption() const;
  // teaching_paged.cpp
  QWidget* buildPaged();
  void showPaged();
  void retranslatePaged();
  // teaching_orders.cpp
  QWidget* buildOrders();
  void showOrders();
  void retranslateOrders();
  QString ordersCaption() const;

  QStackedWidget* m_stack;
  QLabel* m_nothing;
  QLabel* m_caption;
  // flash
  QToolButton* m_play;
  QTimer* m_timer;
  QSlider* m_step;
  QSpinBox* m_row;
  QLabel* m_stepLabel;
  QLabel* m_rowState;
  MatrixPlot* m_tilePlot;
  QCustomPlot* m_curves;
  QPointer<QCPItemRect> m_current;  ///< items go with a rebuild of the plot: made again then
  QPointer<QCPItemRect> m_rowMark;
  QCPItemStraightLine* m_curveNow = nullptr;
  QCPTextElement* m_curveTitle = nullptr;
  std::shared_ptr<const core::Trace::Tiles> m_tiles;
  std::shared_ptr<const core::FlashStep> m_flashStep;
  bool m_replayed = false;
  QString m_uncomputedText;  ///< the tile plot's legend for tiles not processed yet
  int m_wantedStep = 0;      ///< the step to show, kept across results (clamped to their count)
  // paged
  QTableWidget* m_table;
  QCustomPlot* m_pool;
  QCPTextElement* m_poolTitle = nullptr;
  // linear / performer
  QCustomPlot* m_orders;
  QCPTextElement* m_ordersTitle = nullptr;
  QCPAxisRect* m_barRect = nullptr;
  QCPAxisRect* m_growthRect = nullptr;
  core::Index m_crossover = 0;
  QPointer<QCPItemText> m_crossLabel, m_nowLabel;  ///< on the curves against N

  ViewData m_data;
  Page m_page = Nothing;
};

}  // namespace atlas::widgets
