// MainWindow: the Linformer view's analysis runs off the GUI thread, only while the view is on
// screen, and follows the k slider.
#include "background_task.h"
#include "main_window.h"

#include "widgets/core_text.h"
#include "widgets/low_rank_view.h"

#include <QTabWidget>

namespace atlas::app {

namespace {
/// Linformer's own setting when the analysed result is Linformer's, else E and F are shared.
bool shareEF(const core::VariantResult& r) {
  const auto it = r.params.numbers.find("share_ef");
  return r.variant != "linformer" || it == r.params.numbers.end() || it->second != 0.0;
}
}  // namespace

void MainWindow::setupLowRank() {
  m_lowRank = qobject_cast<widgets::LowRankView*>(view("lowrank"));
  if (!m_lowRank) return;
  m_lowRankTask = new BackgroundTask(this);
  m_linformerTask = new BackgroundTask(this);
  // The analysis failing (too large) is said in the view, as for a streamed result; Linformer at
  // a k failing is an error of the moment.
  connect(m_lowRankTask, &BackgroundTask::failed, this,
          [this](const core::Error& e) { m_lowRank->setAnalysisError(e); });
  connect(m_linformerTask, &BackgroundTask::failed, this,
          [this](const core::Error& e) { showError([e] { return widgets::errorText(e); }); });
  connect(m_lowRank, &widgets::LowRankView::kChanged, this, &MainWindow::updateLinformer);
  connect(m_tabs, &QTabWidget::currentChanged, this, [this] { analyseLowRank(); });
}

void MainWindow::analyseLowRank() {
  if (!m_lowRank || !m_lowRankStale || m_tabs->currentWidget() != m_lowRank || !m_shown.result)
    return;
  m_lowRankStale = false;
  showResultIn(m_lowRank);  // the view knows the result (and its k range) before k is read
  if (m_shown.result->pooled()) return;  // streamed: the view says why there is nothing to analyse
  const widgets::ViewData data = m_shown;
  const int k = m_lowRank->k();
  m_lowRankTask->start([this, data, k](const core::CancelToken& cancel) -> std::function<void()> {
    core::analysis::LowRankOptions options;
    auto analysis = std::make_shared<const core::analysis::LowRankAnalysis>(
        core::analysis::analyzeLowRank(*data.result, *data.inputs, options, cancel));
    auto at = std::make_shared<const core::analysis::LinformerAt>(core::analysis::linformerAt(
        *data.result, *data.inputs, 0, k, shareEF(*data.result), cancel));
    return [this, data, analysis, at] {
      if (m_shown.result != data.result) return;  // a newer result is on its way
      m_lowRank->setAnalysis(analysis);
      m_lowRank->setLinformer(at);
    };
  });
}

void MainWindow::updateLinformer(int k) {
  if (!m_lowRank || !m_shown.result || m_tabs->currentWidget() != m_lowRank ||
      m_shown.result->pooled())
    return;
  const widgets::ViewData data = m_shown;
  m_linformerTask->start([this, data, k](const core::CancelToken& cancel) -> std::function<void()> {
    auto at = std::make_shared<const core::analysis::LinformerAt>(core::analysis::linformerAt(
        *data.result, *data.inputs, 0, k, shareEF(*data.result), cancel));
    return [this, data, at] {
      if (m_shown.result == data.result) m_lowRank->setLinformer(at);
    };
  });
}

}  // namespace atlas::app
