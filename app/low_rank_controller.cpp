#include "low_rank_controller.h"

#include "background_task.h"

#include "widgets/low_rank_view.h"

#include "core/analysis/low_rank.h"

namespace atlas::app {

namespace {

using core::analysis::LinformerAt;
using core::analysis::LowRankAnalysis;

std::shared_ptr<const LowRankAnalysis> analysisOf(const widgets::ViewData& data,
                                                  const core::CancelToken& cancel) {
  return std::make_shared<const LowRankAnalysis>(
      core::analysis::analyzeLowRank(*data.result, *data.inputs, {}, cancel));
}

std::shared_ptr<const LinformerAt> linformerOf(const widgets::ViewData& data, int k,
                                               const core::CancelToken& cancel) {
  return std::make_shared<const LinformerAt>(core::analysis::linformerAt(
      *data.result, *data.inputs, 0, k, core::analysis::sharesEF(*data.result), cancel));
}

}  // namespace

LowRankController::LowRankController(widgets::LowRankView* view, std::function<bool()> onScreen,
                                     QObject* parent)
    : QObject(parent),
      m_view(view),
      m_onScreen(std::move(onScreen)),
      m_analysis(new BackgroundTask(this)),
      m_linformer(new BackgroundTask(this)) {
  // The analysis failing (too large) is said in the view, as for a pooled result; Linformer at a
  // k failing is an error of the moment.
  connect(m_analysis, &BackgroundTask::failed, this,
          [this](const core::Error& e) { m_view->setAnalysisError(e); });
  connect(m_linformer, &BackgroundTask::failed, this, &LowRankController::failed);
  connect(m_view, &widgets::LowRankView::kChanged, this, &LowRankController::linformerAt);
}

void LowRankController::setResult(const widgets::ViewData& data) {
  m_data = data;
  m_stale = true;
  m_analysis->cancel();  // an analysis of the previous result is of no use now
  m_linformer->cancel();
  update();
}

void LowRankController::update() {
  if (!m_stale || !m_data.result || !m_onScreen()) return;
  m_stale = false;
  m_view->setResult(m_data);  // the view knows the result (and its k range) before k is read
  if (m_data.result->pooled()) return;  // the view says why there is nothing to analyse
  const widgets::ViewData data = m_data;
  const int k = m_view->k();
  m_analysis->start([this, data, k](const core::CancelToken& cancel,
                                    const BackgroundTask::Post&) -> std::function<void()> {
    auto analysis = analysisOf(data, cancel);
    auto at = linformerOf(data, k, cancel);
    return [this, analysis, at] {
      m_view->setAnalysis(analysis);
      m_view->setLinformer(at);
    };
  });
}

void LowRankController::linformerAt(int k) {
  if (!m_data.result || m_data.result->pooled() || !m_onScreen()) return;
  const widgets::ViewData data = m_data;
  m_linformer->start([this, data, k](const core::CancelToken& cancel,
                                     const BackgroundTask::Post&) -> std::function<void()> {
    auto at = linformerOf(data, k, cancel);
    return [this, at] { m_view->setLinformer(at); };
  });
}

void LowRankController::analyseNow(widgets::LowRankView* view, const widgets::ViewData& data,
                                   int k) {
  view->setResult(data);
  if (data.result->pooled()) return;
  view->setAnalysis(analysisOf(data, {}));
  view->setK(k);
  view->setLinformer(linformerOf(data, k, {}));
}

}  // namespace atlas::app
