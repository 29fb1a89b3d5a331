// Calls a function once when a condition becomes true, polled on a thread of its own until
// the watch is destroyed: how a gRPC call and a core::CancelToken follow each other.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace atlas::remote {

class Watch {
 public:
  Watch(std::function<bool()> condition, std::function<void()> action)
      : m_thread([this, condition = std::move(condition), action = std::move(action)] {
          std::unique_lock lock(m_mutex);
          while (!m_done) {
            if (condition()) {
              action();
              return;
            }
            m_wake.wait_for(lock, std::chrono::milliseconds(10));
          }
        }) {}
  ~Watch() {
    {
      std::lock_guard lock(m_mutex);
      m_done = true;
    }
    m_wake.notify_all();
    m_thread.join();
  }
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

 private:
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_done = false;
  std::thread m_thread;  ///< last: starts once the members above exist
};

}  // namespace atlas::remote
