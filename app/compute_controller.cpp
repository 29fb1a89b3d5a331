#include "compute_controller.h"

#include <QMetaObject>
#include <QPointer>

#include <atomic>

namespace atlas::app {

ComputeController::ComputeController(QObject* parent) : QObject(parent) {}

// The engine's destructor cancels and joins its worker before the members go away; the queued
// lambdas hold a QPointer, so a result arriving after destruction is dropped.
ComputeController::~ComputeController() = default;

namespace {

/// From the engine's worker thread to the GUI thread (never touch widgets on the worker): runs
/// `f` there if the controller still exists and `generation` is still its engine's latest.
template <typename F>
void deliver(const QPointer<ComputeController>& self, std::uint64_t generation, F f) {
  QMetaObject::invokeMethod(
      self.data(),
      [self, generation, f = std::move(f)] {
        if (self && self->isLatest(generation)) f(*self);
      },
      Qt::QueuedConnection);
}

}  // namespace

void ComputeController::submit(core::EngineRequest request) {
  const QPointer<ComputeController> self(this);
  auto onResult = [self](std::uint64_t gen, std::size_t job, core::JobOutcome outcome) {
    auto shared = std::make_shared<const core::JobOutcome>(std::move(outcome));
    deliver(self, gen, [job, shared](ComputeController& c) {
      Q_EMIT c.resultReady(static_cast<int>(job), shared);
    });
  };
  auto onDone = [self](std::uint64_t gen, bool) {
    deliver(self, gen, [](ComputeController& c) { c.setIdle(); });
  };
  auto lastStep = std::make_shared<std::atomic<int>>(-1);
  auto onProgress = [self, lastStep](std::uint64_t gen, std::size_t job, double fraction) {
    const int step = static_cast<int>(fraction * 1000);
    if (lastStep->exchange(step) == step) return;  // no news worth a queued call
    deliver(self, gen, [job, fraction](ComputeController& c) {
      Q_EMIT c.progress(static_cast<int>(job), fraction);
    });
  };
  m_engine.submit(std::move(request), onResult, onDone, onProgress);
  if (!m_busy) {
    m_busy = true;
    Q_EMIT busyChanged(true);
  }
}

void ComputeController::cancel() {
  m_engine.cancel();  // nothing more of the cancelled request is delivered
  if (m_busy) setIdle();
}

bool ComputeController::isLatest(std::uint64_t generation) const {
  return generation == m_engine.latestGeneration();
}

void ComputeController::setIdle() {
  m_busy = false;
  Q_EMIT busyChanged(false);
  Q_EMIT finished();
}

}  // namespace atlas::app
