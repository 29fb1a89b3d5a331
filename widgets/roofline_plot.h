// The Complexity view's "Roofline" page: this machine's two roofs (peak float throughput and
// memory bandwidth, from core::calibrate) on a log-log plot of arithmetic intensity (flops per
// byte, from the cost model) against GFLOP/s; each chosen variant at its intensity with its
// measured throughput (filled) beside its roofline bound (hollow).
#pragma once

#include "complexity_model.h"

#include <QWidget>

class QCustomPlot;
class QCPTextElement;
class QLabel;
class QPushButton;

namespace atlas::widgets {

class RooflinePage : public QWidget {
  Q_OBJECT
 public:
  RooflinePage(const complexity::State& state, QWidget* parent = nullptr);
  void redraw();
  void retranslate();
  void setCalibrating(bool calibrating);
  bool calibrating() const { return m_calibrating; }

  QCustomPlot* plot() const { return m_plot; }
  QPushButton* calibrateButton() const { return m_calibrate; }
  QLabel* machineLabel() const { return m_machine; }
  /// Variants placed (measured or at their model intensity only).
  int placedCount() const { return m_placed; }

 Q_SIGNALS:
  void calibrateClicked();
  /// The page became visible (the view calibrates on first use).
  void shown();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void updateMachineLabel();

  const complexity::State& m_state;
  QPushButton* m_calibrate;
  QLabel* m_machine;
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  bool m_calibrating = false;
  int m_placed = 0;
};

}  // namespace atlas::widgets
