// The Complexity view's "Measured" page: median time of Variant::compute against N per variant,
// min..max as error bars, with the sweep's controls. It draws the points the owner measured; it
// never runs anything. (The "Speed and memory" page is arena_page.h.)
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

}  // namespace atlas::widgets
