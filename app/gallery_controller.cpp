#include "gallery_controller.h"

#include "compute_controller.h"
#include "compute_session.h"
#include "settings.h"

#include "widgets/core_text.h"
#include "widgets/gallery_view.h"

#include "core/variant_registry.h"

namespace atlas::app {

namespace {

QStringList qStrings(const std::vector<std::string>& ids) {
  QStringList out;
  for (const std::string& id : ids) out << QString::fromStdString(id);
  return out;
}

void addOutcome(widgets::GalleryView* view, const QString& id, const core::JobOutcome& o) {
  view->addResult(id, {o.result, o.inputs}, o.ok() ? QString() : widgets::errorText(*o.error));
}

}  // namespace

GalleryController::GalleryController(widgets::GalleryView* view, const ComputeSession* session,
                                     std::function<bool()> onScreen, QObject* parent)
    : QObject(parent),
      m_view(view),
      m_session(session),
      m_onScreen(std::move(onScreen)),
      m_controller(new ComputeController(this)) {
  connect(m_controller, &ComputeController::resultReady, this,
          [this](int job, std::shared_ptr<const core::JobOutcome> outcome) {
            onOutcome(job, *outcome);
          });
}

std::vector<core::VariantChoice> GalleryController::choices(const QStringList& ids,
                                                            const core::VariantChoice& current) {
  std::vector<core::VariantChoice> out;
  for (const QString& id : ids) {
    const core::Variant* v = core::findVariant(id.toStdString());
    if (!v) continue;
    out.push_back(v == current.variant ? current
                                       : core::VariantChoice{v, Settings::variantParams(*v)});
  }
  return out;
}

void GalleryController::begin(widgets::GalleryView* view, const core::GalleryRequest& gallery) {
  view->begin(qStrings(gallery.round));
  for (const auto& [id, dims] : gallery.tooLarge)
    view->addResult(QString::fromStdString(id), {},
                    widgets::needsFullWeightsSentence(dims.n, dims.m));
}

std::vector<core::JobOutcome> GalleryController::fill(widgets::GalleryView* view,
                                                      const core::GalleryRequest& gallery,
                                                      core::Device* device) {
  begin(view, gallery);
  core::CpuDevice local;
  std::vector<core::JobOutcome> outcomes = (device ? *device : local).run(gallery.request);
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    addOutcome(view, QString::fromStdString(gallery.jobs[i]), outcomes[i]);
  view->flush();
  return outcomes;
}

void GalleryController::update() {
  if (!m_stale || !m_onScreen()) return;
  core::GalleryRequest gallery;
  try {
    gallery = m_session->requests().gallery(choices(m_view->chosenVariants(), m_session->choice()));
  } catch (const core::Error&) {
    return;  // inputs the session cannot use (it says why): nothing to compute yet
  }
  m_stale = false;
  m_jobs = qStrings(gallery.jobs);
  m_arrived.assign(gallery.jobs.size(), false);
  m_roundFailed = false;
  if (gallery.request.jobs.empty()) {
    m_pending.reset();
    m_controller->cancel();  // late results of an older round are dropped with it
    begin(m_view, gallery);
    m_view->flush();
    return;
  }
  m_controller->submit(gallery.request);
  // The panels on screen stay until the round has something to show: a device that cannot be
  // reached leaves them as they are.
  gallery.request = {};
  m_pending = std::move(gallery);
}

void GalleryController::onOutcome(int job, const core::JobOutcome& outcome) {
  if (job < 0 || job >= int(m_jobs.size())) return;
  const bool lost = !outcome.ok() && outcome.error->kind() == core::Error::Kind::Device;
  if (lost && m_pending) {  // nothing of this round shown yet
    if (!m_roundFailed) {
      m_roundFailed = true;
      m_stale = true;
      Q_EMIT failed(*outcome.error);
    }
    return;
  }
  if (lost && m_arrived[std::size_t(job)]) return;  // a panel computed before the device failed
  if (m_pending) {
    begin(m_view, *m_pending);
    m_pending.reset();
  }
  m_arrived[std::size_t(job)] = true;
  addOutcome(m_view, m_jobs[job], outcome);
}

}  // namespace atlas::app
