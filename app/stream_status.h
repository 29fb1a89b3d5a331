// Large N in the window: a result whose weights exceed the display budget arrives pooled into
// blocks (core/pooled_weights.h). The information bar says so; while such a computation runs,
// the status bar shows its progress and a Cancel button; View > Streamed heatmaps: mean of each
// block chooses what a block shows.
#pragma once

#include "core/variant_result.h"

#include <QObject>

#include <functional>

class QAction;
class QProgressBar;
class QStatusBar;
class QToolButton;

namespace atlas::app {

class ComputeController;
class MessageBar;

class StreamStatus : public QObject {
  Q_OBJECT
 public:
  /// `info` is the bar above the views; progress and Cancel go into `statusBar`.
  StreamStatus(ComputeController* controller, MessageBar* info, QStatusBar* statusBar,
               QObject* parent);

  /// For the View menu: a block's mean instead of its maximum (saved in the settings).
  QAction* poolMeanAction() const { return m_poolMean; }
  /// A result reached the views: the information bar says whether it is pooled.
  void showResult(const core::VariantResult& result);
  /// A new request went out: no progress until its own pooled job reports.
  void hideProgress();
  void retranslate();

  QProgressBar* progressBar() const { return m_progress; }
  QToolButton* cancelButton() const { return m_cancel; }

 Q_SIGNALS:
  /// The user cancelled the running computation.
  void cancelled();
  /// The pooling mode changed: a pooled result on screen should be recomputed.
  void poolModeChanged();

 private:
  ComputeController* m_controller;
  MessageBar* m_info;
  QProgressBar* m_progress;
  QToolButton* m_cancel;
  QAction* m_poolMean;
};

}  // namespace atlas::app
