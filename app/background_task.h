// Runs one piece of core work at a time off the GUI thread (latest wins): starting a new task
// cancels the previous one; its result reaches the GUI thread only if it is still the latest.
#pragma once

#include "core/types.h"

#include <QObject>

#include <functional>
#include <memory>

namespace atlas::app {

class BackgroundTask : public QObject {
  Q_OBJECT
 public:
  /// Work runs on a worker thread and returns what to do on the GUI thread with its result.
  using Work = std::function<std::function<void()>(const core::CancelToken&)>;

  explicit BackgroundTask(QObject* parent = nullptr);
  ~BackgroundTask() override;  ///< cancels and waits for the running work

  void start(Work work);
  void cancel();
  bool busy() const { return m_running > 0; }

 Q_SIGNALS:
  /// The work threw a core::Error: its sentence (already translated by the caller's catch).
  void failed(const core::Error& error);

 private:
  struct State;
  std::shared_ptr<State> m_state;
  quint64 m_generation = 0;
  int m_running = 0;
};

}  // namespace atlas::app
