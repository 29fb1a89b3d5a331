// Basic types of the core: matrices, errors and the cancellation token.
#pragma once

#include "translatable.h"

#include <Eigen/Core>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace atlas::core {

using Index = Eigen::Index;
/// Row-major float matrix: row i is a query (or key, or value) vector, contiguous in memory,
/// which is also the C order that .npy files use.
using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// 1 where the pair (query i, key j) is computed, 0 where it is skipped.
using MaskMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatrixRef = Eigen::Ref<const Matrix>;

/// Whole blocks of b needed for a (a, b > 0), and a rounded up to a multiple of b.
inline constexpr Index ceilDiv(Index a, Index b) { return (a + b - 1) / b; }
inline constexpr Index roundUp(Index a, Index b) { return ceilDiv(a, b) * b; }

/// Progress of a long computation as a fraction in [0, 1]; may be called from worker threads
/// (never concurrently: calls are serialised and the fraction never decreases).
using ProgressFn = std::function<void(double fraction)>;

/// Every user-facing failure of the core: one clear English sentence. The sentence is a
/// `format` with placeholders %1..%9 filled from `args` (file names, numbers, ids), so the app
/// can translate the format (context "CoreErrors") and fill in the same arguments; what() is
/// the English sentence.
class Error : public std::runtime_error {
 public:
  /// Device: a remote device could not be reached, refused the request or failed mid-way.
  enum class Kind { InvalidArgument, BadFile, TooLarge, ShapeMismatch, Device };
  Error(Kind kind, std::string format, std::vector<std::string> args = {})
      : std::runtime_error(fill(format, args = printable(std::move(args)))),
        m_kind(kind),
        m_format(std::move(format)),
        m_args(std::move(args)) {}
  Kind kind() const { return m_kind; }
  const std::string& format() const { return m_format; }
  const std::vector<std::string>& args() const { return m_args; }

  /// Arguments as one line of bounded length: they may come from a file (a value, a token), so
  /// control characters (terminal escapes, NUL, newlines) and bytes that are not UTF-8 become
  /// \xNN, and an argument over kMaxArgument characters is cut with "...".
  static std::vector<std::string> printable(std::vector<std::string> args);
  static constexpr std::size_t kMaxArgument = 160;

  /// Replaces %1..%9 in `format` by args[0..8].
  static std::string fill(const std::string& format, const std::vector<std::string>& args) {
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
      const char c = format[i];
      if (c == '%' && i + 1 < format.size() && format[i + 1] >= '1' && format[i + 1] <= '9') {
        const std::size_t a = static_cast<std::size_t>(format[i + 1] - '1');
        if (a < args.size()) {
          out += args[a];
          ++i;
        } else {
          out += c;  // not a placeholder of this message (e.g. a literal "%1" in a path)
        }
      } else {
        out += c;
      }
    }
    return out;
  }

 private:
  Kind m_kind;
  std::string m_format;
  std::vector<std::string> m_args;
};

/// Text of a whole number for an error's arguments.
inline std::string num(long long v) { return std::to_string(v); }

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
