// Basic types of the core: matrices, errors and the cancellation token.
#pragma once

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace atlas::core {

using Index = Eigen::Index;
/// Row-major float matrix: row i is a query (or key, or value) vector, contiguous in memory,
/// which is also the C order that .npy files use.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// 1 where the pair (query i, key j) is computed, 0 where it is skipped.
using MaskMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixRef = Eigen::Ref<const Matrix>;

/// Every user-facing failure of the core: one clear English sentence.
/// The app translates the kind, never parses the text.
class Error : public std::runtime_error {
 public:
  enum class Kind { InvalidArgument, BadFile, TooLarge, ShapeMismatch };
  Error(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
  Kind kind() const { return m_kind; }

 private:
  Kind m_kind;
};

/// Thrown out of a computation whose token was cancelled; never reaches a user.
class Cancelled : public std::exception {
 public:
  const char* what() const noexcept override { return "cancelled"; }
};

/// Shared flag owned by the core. Copies observe the same flag; a default-constructed token
/// can never be cancelled by anyone else but can still be cancelled through itself.
class CancelToken {
 public:
  CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
  bool cancelled() const { return m_flag->load(std::memory_order_relaxed); }
  void throwIfCancelled() const {
    if (cancelled()) throw Cancelled();
  }

 private:
  std::shared_ptr<std::atomic<bool>> m_flag;
};

}  // namespace atlas::core
