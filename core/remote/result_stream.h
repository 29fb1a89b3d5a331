// A job's result on the wire: the server turns it into a header, its tensors in chunks and an
// end (ResultWriter); the client puts the chunks back together (StreamAssembler) and accepts a
// result only when every piece it announced has arrived.
#pragma once

#include "codec.h"

#include <functional>
#include <map>
#include <optional>

namespace atlas::remote {

class ResultWriter {
 public:
  /// Sends one chunk; false when the client is gone (the writer then stops).
  using Sink = std::function<bool(const pb::ComputeChunk&)>;
  ResultWriter(Sink sink, std::size_t chunkBytes);

  /// Job `job`'s outcome: header, tensors and end, or its error. Without weights (omitWeights),
  /// the output, parameters and trace still go. False when the client is gone.
  bool write(int job, const core::JobOutcome& outcome, const core::ComputedOn& on,
             bool omitWeights);

 private:
  bool tensor(int job, const std::string& name, pb::Tensor::DType dtype,
              std::vector<std::int64_t> shape, const void* data, std::size_t bytes);
  Sink m_sink;
  std::size_t m_chunk;
};

class StreamAssembler {
 public:
  /// The request as it was sent: the number of jobs, and the inputs the client holds (Q, K, V
  /// are not sent back: generated ones are made again here from the spec, exactly as the
  /// engine makes them, and loaded ones are the client's own).
  /// `requested`, when given, replaces what each result says was asked for.
  StreamAssembler(const core::EngineRequest& request,
                  std::optional<core::InputDims> requested = std::nullopt);

  /// One chunk. Returns the job whose outcome is now complete, if any. Throws
  /// Error(Device) for a chunk that does not fit what came before (a malformed stream).
  std::optional<std::size_t> add(const pb::ComputeChunk& chunk);
  /// The complete outcome of `job` (after add returned it), `elapsed` seconds after the
  /// request was sent: what the device and its host did not spend is the transfer.
  core::JobOutcome take(std::size_t job, double elapsed);
  /// Whether the StreamEnd arrived.
  bool finished() const { return m_finished; }
  double serverSeconds() const { return m_serverSeconds; }
  /// Bytes of tensor data received so far.
  double receivedBytes() const { return m_received; }

 private:
  struct Blob {
    pb::Tensor::DType dtype = pb::Tensor::F32;
    std::vector<std::int64_t> shape;
    std::string bytes;
    std::size_t total = 0;
  };
  struct Pending {
    std::optional<pb::JobHeader> header;
    std::map<std::string, Blob> tensors;
    std::optional<core::JobOutcome> outcome;
    std::shared_ptr<core::VariantResult> result;  ///< the outcome's, before it is taken
  };
  core::JobOutcome assemble(std::size_t job, Pending& p);

  const core::EngineRequest& m_request;
  std::optional<core::InputDims> m_requested;
  std::vector<Pending> m_jobs;
  std::vector<std::pair<core::InputDims, std::shared_ptr<const core::Inputs>>> m_generated;
  bool m_finished = false;
  double m_serverSeconds = 0;
  double m_received = 0;
};

/// Error(Device) "The device sent a malformed result: %1".
core::Error malformed(const std::string& what);

}  // namespace atlas::remote
