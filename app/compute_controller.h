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
  quint64 submit(core::EngineRequest request);
  quint64 latestGeneration() const { return m_latest; }
  bool busy() const { return m_busy; }

 Q_SIGNALS:
  /// One job of the latest request finished (successfully or with outcome.error).
  void resultReady(quint64 generation, int job, std::shared_ptr<const core::JobOutcome> outcome);
  /// The latest request finished.
  void finished(quint64 generation);
  void busyChanged(bool busy);

 private:
  core::Engine m_engine;
  quint64 m_latest = 0;
  bool m_busy = false;
};

}  // namespace atlas::app
