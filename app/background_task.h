// Runs one piece of core work at a time off the GUI thread, latest wins: starting a new task
// cancels the previous one, and what a task delivers reaches the GUI thread only while it is
// still the latest (one generation, checked once, on the GUI thread).
#pragma once

#include "core/types.h"

#include <QObject>

#include <functional>
#include <memory>

namespace atlas::app {

class BackgroundTask : public QObject {
  Q_OBJECT
 public:
  /// Hands `f` to the GUI thread, where it runs if the task that posted it is still the latest.
  using Post = std::function<void(std::function<void()> f)>;
  /// Work runs on a worker thread; it may post intermediate updates, and returns what to do on
  /// the GUI thread with its result (or nothing).
  using Work = std::function<std::function<void()>(const core::CancelToken&, const Post&)>;

  explicit BackgroundTask(QObject* parent = nullptr);
  ~BackgroundTask() override;  ///< cancels and waits for the running work

  void start(Work work);
  void cancel();
  bool busy() const { return m_running > 0; }

 Q_SIGNALS:
  /// The latest work threw a core::Error.
  void failed(const core::Error& error);
  /// The latest work ended: delivered, failed or cancelled.
  void finished();

 private:
  struct State;
  std::shared_ptr<State> m_state;
  quint64 m_generation = 0;
  int m_running = 0;
};

}  // namespace atlas::app
