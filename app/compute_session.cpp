#include "compute_session.h"

#include "compute_controller.h"
#include "settings.h"

#include "widgets/parameter_panel.h"

namespace atlas::app {

ComputeSession::ComputeSession(widgets::ParameterPanel* panel, QObject* parent)
    : QObject(parent), m_panel(panel), m_controller(new ComputeController(this)) {
  connect(m_controller, &ComputeController::resultReady, this,
          [this](int, std::shared_ptr<const core::JobOutcome> outcome) { onResult(outcome); });
}

core::RequestBuilder ComputeSession::requests() const {
  return core::RequestBuilder(m_panel->inputSpec(), m_panel->usesFiles() ? m_loaded : nullptr,
                              Settings::requestLimits());
}

core::VariantChoice ComputeSession::choice() const { return {m_variant, m_panel->variantParams()}; }

void ComputeSession::recompute() {
  if (!m_variant) return;
  try {
    // An empty sentence is reported now, not by the engine.
    if (!m_panel->usesFiles()) core::baseDims(m_panel->inputSpec());
    m_controller->submit(requests().single(choice()));
  } catch (const core::Error& e) {
    Q_EMIT failed(e);
    return;
  }
  Q_EMIT submitted();
}

void ComputeSession::onResult(std::shared_ptr<const core::JobOutcome> outcome) {
  if (!outcome->ok()) {
    Q_EMIT failed(*outcome->error);
    return;
  }
  m_shown = {outcome->result, outcome->inputs};
  Q_EMIT resultShown();
}

}  // namespace atlas::app
