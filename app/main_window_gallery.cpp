// MainWindow: the gallery computes every chosen variant on the current inputs, with its own
// engine so that it never cancels the main view's computation.
#include "compute_controller.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/core_text.h"
#include "widgets/gallery_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/result_view.h"
#include "widgets/variant_browser.h"

#include "core/memory.h"
#include "core/variant_registry.h"

#include <QTabWidget>

namespace atlas::app {

void MainWindow::setupGallery() {
  m_gallery = qobject_cast<widgets::GalleryView*>(view("gallery"));
  if (!m_gallery) return;
  m_galleryController = new ComputeController(this);
  connect(m_galleryController, &ComputeController::resultReady, this,
          [this](quint64 generation, int job, std::shared_ptr<const core::JobOutcome> outcome) {
            if (generation != m_galleryGeneration || job >= m_galleryIds.size()) return;
            m_gallery->addResult(m_galleryIds[job], {outcome->result, outcome->inputs},
                                 outcome->ok() ? QString() : widgets::errorText(*outcome->error));
          });
  connect(m_gallery, &widgets::GalleryView::variantActivated, this, [this](const QString& id) {
    m_browser->selectVariant(id);
    m_tabs->setCurrentWidget(view("heatmap"));
  });
  connect(m_gallery, &widgets::GalleryView::chosenVariantsChanged, this, [this] {
    m_galleryStale = true;
    recomputeGallery();
  });
  connect(m_tabs, &QTabWidget::currentChanged, this, [this] { recomputeGallery(); });
}

void MainWindow::recomputeGallery() {
  // Only while the gallery is on screen; otherwise remember that it is out of date.
  if (!m_gallery || !m_galleryStale || m_tabs->currentWidget() != m_gallery) return;
  m_galleryStale = false;
  core::EngineRequest request;
  request.spec = m_panel->inputSpec();
  if (m_panel->usesFiles()) request.loaded = m_loaded;
  const double limit = Settings::memoryLimit();
  request.memoryLimit = limit > 0 ? limit : core::defaultMemoryLimit();
  m_galleryIds.clear();
  // The gallery draws every weight: a variant whose weights exceed the display budget is not
  // computed here (the heatmap streams it), and its panel says why.
  const double budget = Settings::displayBudget();
  QStringList round;
  std::vector<std::pair<QString, core::InputDims>> tooLarge;
  for (const QString& id : m_gallery->chosenVariants()) {
    const core::Variant* v = core::findVariant(id.toStdString());
    if (!v) continue;
    core::ParamSet params;
    try {
      params =
          paramsFor(*v, id == m_variant ? m_panel->variantValues() : Settings::variantParams(id));
    } catch (const core::Error&) {
      params = core::defaultParams(v->params());  // a stale saved value: the defaults
    }
    params.seed = request.spec.seed;
    round << id;
    try {
      const core::InputDims dims = request.loaded
                                       ? request.loaded->dims()
                                       : v->inputDims(core::baseDims(request.spec), params);
      if (budget > 0 && v->cost(dims, params).resident > budget) {
        tooLarge.emplace_back(id, dims);
        continue;
      }
    } catch (const core::Error&) {
      // bad sizes or parameters: the engine reports them as this variant's error
    }
    request.jobs.push_back({v, std::move(params)});
    m_galleryIds << id;
  }
  m_gallery->begin(round);
  for (const auto& [id, dims] : tooLarge)
    m_gallery->addResult(id, {}, widgets::needsFullWeightsSentence(dims.n, dims.m));
  if (request.jobs.empty()) {
    m_galleryController->cancel();
    m_galleryGeneration = 0;  // no generation: late results of an older round are dropped
    m_gallery->flush();
    return;
  }
  m_galleryGeneration = m_galleryController->submit(std::move(request));
}

}  // namespace atlas::app
