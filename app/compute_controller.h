// Between a view's owner and the engine: posts requests (latest wins), receives results on the
// GUI thread through queued calls, and drops those of stale requests. The engine's generation is
// the only one: a result, progress or end is delivered when its generation is still the
// engine's latest, checked once, here.
#pragma once

#include "core/engine.h"

#include <QObject>

#include <memory>

namespace atlas::app {

class ComputeController : public QObject {
  Q_OBJECT
 public:
  explicit ComputeController(QObject* parent = nullptr);
  ~ComputeController() override;

  /// Starts a request; a still-running older one is cancelled. Its pooled jobs report progress.
  void submit(core::EngineRequest request);
  /// Cancels the running and the queued request: nothing more of them arrives; finished()
  /// follows at once when one was running.
  void cancel();
  bool busy() const { return m_busy; }
  /// Who computes the requests submitted from now on (Engine::setRunner): a device's run, or
  /// an empty function for this computer's engine.
  void setRunner(core::Engine::Runner runner) { m_engine.setRunner(std::move(runner)); }
  /// Whether `generation` is the engine's latest request (the one check of staleness).
  bool isLatest(std::uint64_t generation) const;

 Q_SIGNALS:
  /// One job of the latest request finished, with a result or an error.
  void resultReady(int job, std::shared_ptr<const core::JobOutcome> outcome);
  /// The latest request finished (or was cancelled).
  void finished();
  void busyChanged(bool busy);
  /// A pooled job of the latest request is `fraction` (0..1) done; at most one signal per
  /// thousandth.
  void progress(int job, double fraction);

 private:
  void setIdle();

  core::Engine m_engine;
  bool m_busy = false;
};

}  // namespace atlas::app
