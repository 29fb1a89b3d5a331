#include "compute_controller.h"

#include <QMetaObject>
#include <QPointer>

namespace atlas::app {

ComputeController::ComputeController(QObject* parent) : QObject(parent) {}

// The engine's destructor cancels and joins its worker before the members go away; the queued
// lambdas hold a QPointer, so a result arriving after destruction is dropped.
ComputeController::~ComputeController() = default;

quint64 ComputeController::submit(core::EngineRequest request) {
  QPointer<ComputeController> self(this);
  auto onResult = [self](std::uint64_t gen, std::size_t job, core::JobOutcome outcome) {
    auto shared = std::make_shared<const core::JobOutcome>(std::move(outcome));
    // From the engine's worker thread to the GUI thread: never touch widgets here.
    QMetaObject::invokeMethod(
        self, [self, gen, job, shared] {
          if (self && gen == self->m_latest)
            Q_EMIT self->resultReady(gen, static_cast<int>(job), shared);
        },
        Qt::QueuedConnection);
  };
  auto onDone = [self](std::uint64_t gen, bool) {
    QMetaObject::invokeMethod(
        self, [self, gen] {
          if (!self || gen != self->m_latest) return;
          self->m_busy = false;
          Q_EMIT self->busyChanged(false);
          Q_EMIT self->finished(gen);
        },
        Qt::QueuedConnection);
  };
  m_latest = m_engine.submit(std::move(request), onResult, onDone);
  if (!m_busy) {
    m_busy = true;
    Q_EMIT busyChanged(true);
  }
  return m_latest;
}

}  // namespace atlas::app
