// The walkthrough view: the computation of a small result (N, M up to 12) step by step as
// tables of numbers (core/walkthrough): the inputs, the raw scores in the variant's own score
// function, the scaling, the mask, the row maximum, exp, the row sums, the weights and the
// weighted sum of V, per head with the split and the concatenation. Each step shows its formula,
// one entry worked out in numbers, and the cells it reads and writes. Arrow keys, space, Home
// and End (or the slider) move between the steps; the figure is the step on screen.
#pragma once

#include "result_view.h"

#include "core/walkthrough.h"

class QLabel;
class QSlider;
class QStackedWidget;
class QToolButton;
class QCPTextElement;

namespace atlas::widgets {

class WalkTables;

class WalkthroughView : public ResultView {
  Q_OBJECT
 public:
  explicit WalkthroughView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  /// The step on screen; nullptr when there is none (nothing computed, or refused).
  QCustomPlot* figure() override;
  int step() const override { return m_step; }
  /// Shows step `step` (0-based, clamped to the steps there are), and the same step of the
  /// next result (a scene's step is set before its result comes).
  void setStep(int step) override;
  void retranslate() override;

  int stepCount() const;
  /// The walkthrough shown (steps, note, refusal); null before a result.
  const core::Walkthrough* walkthrough() const { return m_walk.get(); }
  QCustomPlot* plot() const { return m_plot; }
  WalkTables* tables() const { return m_tables; }
  QSlider* slider() const { return m_slider; }
  /// The sentence shown instead of the steps (refused, or nothing computed).
  QLabel* messageLabel() const { return m_message; }
  /// The texts above and below the tables, as drawn.
  QString titleText() const;
  QString formulaText() const;
  QString exampleText() const;

 protected:
  void keyPressEvent(QKeyEvent* event) override;

 private:
  /// Shows step `step` (clamped): the keys, the buttons and the slider.
  void goTo(int step);
  void showStep();
  void layoutTexts();

  QStackedWidget* m_stack;
  QLabel* m_message;
  QToolButton* m_previous;
  QToolButton* m_next;
  QSlider* m_slider;
  QLabel* m_position;
  QCustomPlot* m_plot;
  WalkTables* m_tables;
  QCPTextElement* m_title;
  QCPTextElement* m_formula;
  QCPTextElement* m_example;
  QCPTextElement* m_note;
  ViewData m_data;
  std::shared_ptr<const core::Walkthrough> m_walk;
  int m_step = 0;
  int m_pending = -1;  ///< the step the next result shows (setStep), -1: the same as now
};

}  // namespace atlas::widgets
