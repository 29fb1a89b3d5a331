#include "compute_session.h"

#include "compute_controller.h"
#include "settings.h"

#include "widgets/parameter_panel.h"

#include "core/io/labels.h"

namespace atlas::app {

ComputeSession::ComputeSession(widgets::ParameterPanel* panel, QObject* parent)
    : QObject(parent), m_panel(panel), m_controller(new ComputeController(this)) {
  connect(m_controller, &ComputeController::resultReady, this,
          [this](int, std::shared_ptr<const core::JobOutcome> outcome) { onResult(outcome); });
}

void ComputeSession::setLoaded(std::shared_ptr<const core::Inputs> inputs) {
  m_loaded = std::move(inputs);
  m_labelled.reset();
}

std::shared_ptr<const core::Inputs> ComputeSession::labelled() const {
  const QString labels = m_panel->queryLabels() + QChar(0) + m_panel->keyLabels();
  if (m_labelled && labels == m_labelsOf) return m_labelled;
  auto in = std::make_shared<core::Inputs>(*m_loaded);
  in->queryTokens = core::io::splitLabels(m_panel->queryLabels().toStdString());
  in->keyTokens = core::io::splitLabels(m_panel->keyLabels().toStdString());
  // One file used as Q, K and V names its rows once.
  if (in->keyTokens.empty() && in->q.rows() == in->k.rows()) in->keyTokens = in->queryTokens;
  core::validateInputs(*in);
  m_labelled = std::move(in);
  m_labelsOf = labels;
  return m_labelled;
}

core::RequestBuilder ComputeSession::requests() const {
  const bool files = m_panel->usesFiles() && m_loaded;
  return core::RequestBuilder(m_panel->inputSpec(), files ? labelled() : nullptr,
                              Settings::requestLimits());
}

core::VariantChoice ComputeSession::choice() const {
  core::ParamSet params = m_panel->variantParams();
  if (m_variant)
    for (const auto& [name, matrix] : m_fixed)
      if (const core::ParamSpec* spec = core::findSpec(m_variant->params(), name);
          spec && spec->kind == core::ParamKind::Matrix)
        params.matrices[name] = matrix;
  return {m_variant, params};
}

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
