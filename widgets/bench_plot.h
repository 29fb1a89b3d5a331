// The Complexity view's measured pages: "Measured" (median time of Variant::compute against N per
// variant, min..max as error bars, with the sweep's controls) and "Long Range Arena" (speed
// relative to scaled dot-product attention against peak memory at N = 1K..4K, bubbles sized by
// N). They draw the points the owner measured; they never run anything.
#pragma once

#include "complexity_model.h"

#include <QWidget>

class QCustomPlot;
class QCPTextElement;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace atlas::widgets {

class MeasuredPage : public QWidget {
  Q_OBJECT
 public:
  MeasuredPage(const complexity::State& state, QWidget* parent = nullptr);
  void redraw();
  void retranslate();
  void setRunning(bool running);
  void setProgress(double fraction);
  bool running() const { return m_running; }

  QCustomPlot* plot() const { return m_plot; }
  QPushButton* startButton() const { return m_start; }
  QProgressBar* progressBar() const { return m_progress; }
  QSpinBox* limitBox() const { return m_limit; }
  QSpinBox* repeatsBox() const { return m_repeats; }
  QSpinBox* widthBox() const { return m_width; }
  /// Points drawn (over all curves).
  int pointCount() const;

 Q_SIGNALS:
  void startClicked();
  void cancelClicked();
  void widthChanged(int d);

 private:
  const complexity::State& m_state;
  QPushButton* m_start;
  QProgressBar* m_progress;
  QSpinBox *m_limit, *m_repeats, *m_width;
  QLabel *m_limitLabel, *m_repeatsLabel, *m_widthLabel, *m_summary;
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  bool m_running = false;
};

class ArenaPage : public QWidget {
  Q_OBJECT
 public:
  /// The sizes of the chart: N = 1024, 2048, 3072, 4096.
  static std::vector<core::Index> sizes();

  ArenaPage(const complexity::State& state, QWidget* parent = nullptr);
  void redraw();
  void retranslate();
  void setRunning(bool running);

  QCustomPlot* plot() const { return m_plot; }
  QPushButton* measureButton() const { return m_measure; }
  /// Bubbles drawn.
  int bubbleCount() const { return m_bubbles; }

 Q_SIGNALS:
  void measureClicked();

 private:
  const complexity::State& m_state;
  QPushButton* m_measure;
  QLabel* m_note;
  QCustomPlot* m_plot;
  QCPTextElement* m_title;
  int m_bubbles = 0;
};

}  // namespace atlas::widgets
