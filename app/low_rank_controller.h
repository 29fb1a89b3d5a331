// The Low rank view's analysis (singular values, redundant columns, Linformer against the best
// rank-k approximation) and Linformer at the k of its slider, computed off the GUI thread and
// only while the view is on screen. The export command runs the same analysis at once
// (analyseNow).
#pragma once

#include "widgets/result_view.h"

#include <QObject>

#include <functional>

namespace atlas::widgets {
class LowRankView;
}

namespace atlas::app {

class BackgroundTask;

class LowRankController : public QObject {
  Q_OBJECT
 public:
  /// `onScreen` says whether the view is the one shown now.
  LowRankController(widgets::LowRankView* view, std::function<bool()> onScreen,
                    QObject* parent = nullptr);

  /// A new result on screen: analysed when the view is shown.
  void setResult(const widgets::ViewData& data);
  /// Analyses the result if it is not analysed yet and the view is on screen.
  void update();

  /// The analysis and Linformer at `k` for `data`, computed now into `view` (the view is handed
  /// the result first). Nothing to do for a pooled result (the view says why). Throws
  /// core::Error.
  static void analyseNow(widgets::LowRankView* view, const widgets::ViewData& data, int k);

 Q_SIGNALS:
  /// Linformer at a k failed: an error of the moment, for the window's error bar.
  void failed(const core::Error& error);

 private:
  void linformerAt(int k);

  widgets::LowRankView* m_view;
  std::function<bool()> m_onScreen;
  BackgroundTask* m_analysis;
  BackgroundTask* m_linformer;
  widgets::ViewData m_data;
  bool m_stale = true;
};

}  // namespace atlas::app
