// The Complexity view's "Speed and memory" page, two charts in one figure (ArenaPlot):
// - measured on this computer: each chosen variant at N = 1K..4K, its speed relative to scaled
//   dot-product attention at the same N against its memory (cost model), bubbles growing with
//   N. No task score: the app trains nothing. It draws the points the owner measured and never
//   runs anything.
// - published: the Long Range Arena's results (Tay et al. 2020, Tables 1 and 2, read from
//   lra_table.h's table), each trained model's average score against its speed at 4K tokens
//   relative to the Transformer, bubble area its peak memory, labelled with its name; the model
//   of the variant on screen outlined. Models the paper did not time are named in the note.
#pragma once

#include "complexity_model.h"
#include "lra_table.h"

#include <QWidget>

class QCPAxisRect;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QPushButton;

namespace atlas::widgets {

class ArenaPlot;

class ArenaPage : public QWidget {
  Q_OBJECT
 public:
  /// The sizes of the measured chart: N = 1024, 2048, 3072, 4096.
  static std::vector<core::Index> sizes();

  ArenaPage(const complexity::State& state, QWidget* parent = nullptr);
  void redraw();
  void retranslate();
  void setRunning(bool running);
  /// Replaces the published table (read from kLraTablePath at construction) and redraws.
  void setPublishedTable(LraTable table);

  QCustomPlot* plot() const;
  ArenaPlot* arenaPlot() const { return m_plot; }
  QPushButton* measureButton() const { return m_measure; }
  QLabel* noteLabel() const { return m_note; }
  /// Measured bubbles drawn.
  int bubbleCount() const { return m_bubbles; }
  /// Published bubbles drawn (one per timed model of the table).
  int publishedCount() const { return m_published; }
  /// The published model outlined as the variant on screen's, or empty.
  QString highlightedModel() const { return m_highlighted; }
  /// The centred message of the measured chart when nothing is measured, else null.
  QCPItemText* emptyMessage() const { return m_empty; }

 Q_SIGNALS:
  void measureClicked();

 private:
  void drawMeasured();
  void drawPublished();

  const complexity::State& m_state;
  LraTable m_table;
  QPushButton* m_measure;
  QLabel* m_note;
  ArenaPlot* m_plot;
  QCPItemText* m_empty = nullptr;
  QString m_highlighted;
  int m_bubbles = 0;
  int m_published = 0;
};

}  // namespace atlas::widgets
