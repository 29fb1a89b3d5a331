// Between the window and the engine: posts requests with a generation number, receives results
// on the GUI thread through queued calls, and drops results of stale generations.
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

  /// Starts a request; a still-running older one is cancelled. Returns its generation.
  /// Its streamed jobs report progress (the request's own onProgress is replaced).
  quint64 submit(core::EngineRequest request);
  /// Cancels the running and the queued request; finished() follows.
  void cancel();
  quint64 latestGeneration() const { return m_latest; }
  bool busy() const { return m_busy; }

 Q_SIGNALS:
  /// One job of the latest request finished (with a result or an error).
  void resultReady(quint64 generation, int job, std::shared_ptr<const core::JobOutcome> outcome);
  /// The latest request finished.
  void finished(quint64 generation);
  void busyChanged(bool busy);
  /// A streamed job of the latest request is `fraction` (0..1) done; at most one signal per
  /// thousandth.
  void progress(quint64 generation, int job, double fraction);

 private:
  core::Engine m_engine;
  quint64 m_latest = 0;
  bool m_busy = false;
};

}  // namespace atlas::app
