#include "background_task.h"

#include <QMetaObject>
#include <QPointer>

#include <tbb/task_group.h>

#include <mutex>

namespace atlas::app {

struct BackgroundTask::State {
  tbb::task_group group;
  std::mutex mutex;
  core::CancelToken current;
};

BackgroundTask::BackgroundTask(QObject* parent)
    : QObject(parent), m_state(std::make_shared<State>()) {}

BackgroundTask::~BackgroundTask() {
  cancel();
  m_state->group.wait();
}

void BackgroundTask::cancel() {
  std::lock_guard lock(m_state->mutex);
  m_state->current.cancel();
}

void BackgroundTask::start(Work work) {
  core::CancelToken token;
  {
    std::lock_guard lock(m_state->mutex);
    m_state->current.cancel();
    m_state->current = token;
  }
  const quint64 generation = ++m_generation;
  ++m_running;
  // The task group outlives no BackgroundTask (the destructor waits for it), so the object
  // exists whenever work posts; the queued call checks it again on the GUI thread.
  QPointer<BackgroundTask> self(this);
  const Post post = [self, generation, token](std::function<void()> f) {
    QMetaObject::invokeMethod(
        self.data(),
        [self, generation, token, f = std::move(f)] {
          if (self && generation == self->m_generation && !token.cancelled()) f();
        },
        Qt::QueuedConnection);
  };
  m_state->group.run([self, work = std::move(work), token, generation, post] {
    std::function<void()> deliver;
    std::shared_ptr<core::Error> error;
    try {
      deliver = work(token, post);
    } catch (const core::Cancelled&) {
    } catch (const core::Error& e) {
      error = std::make_shared<core::Error>(e);
    }
    QMetaObject::invokeMethod(
        self.data(),
        [self, deliver, error, generation, token] {
          if (!self) return;
          --self->m_running;
          if (generation != self->m_generation) return;
          if (error)
            Q_EMIT self->failed(*error);
          else if (deliver && !token.cancelled())
            deliver();
          Q_EMIT self->finished();
        },
        Qt::QueuedConnection);
  });
}

}  // namespace atlas::app
