#include "compute_controller.h"

#include <QMetaObject>
#include <QPointer>

#include <atomic>

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
        self,
        [self, gen, job, shared] {
          if (self && gen == self->m_latest)
            Q_EMIT self->resultReady(gen, static_cast<int>(job), shared);
        },
        Qt::QueuedConnection);
  };
  auto onDone = [self](std::uint64_t gen, bool) {
    QMetaObject::invokeMethod(
        self,
        [self, gen] {
          if (!self || gen != self->m_latest) return;
          self->m_busy = false;
          Q_EMIT self->busyChanged(false);
          Q_EMIT self->finished(gen);
        },
        Qt::QueuedConnection);
  };
  // The generation submit() is about to give (this object is its engine's only client).
  const quint64 next = m_engine.latestGeneration() + 1;
  auto lastStep = std::make_shared<std::atomic<int>>(-1);
  request.onProgress = [self, next, lastStep](std::size_t job, double fraction) {
    const int step = static_cast<int>(fraction * 1000);
    if (lastStep->exchange(step) == step) return;  // no news worth a queued call
    QMetaObject::invokeMethod(
        self,
        [self, next, job, fraction] {
          if (self && next == self->m_latest)
            Q_EMIT self->progress(next, static_cast<int>(job), fraction);
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

void ComputeController::cancel() { m_engine.cancel(); }

}  // namespace atlas::app
