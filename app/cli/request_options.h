// The options every computing command shares (compute, export, ...): variant, sizes, input
// source or files, parameters, memory limit. Turns them into one engine request.
#pragma once

#include "args.h"

#include "core/engine.h"

namespace atlas::app::cli {

/// --variant, --n, --m, --d, --dv, --seed, --input, --q/--k/--v, --set, --causal, --max-memory.
std::vector<OptionSpec> requestOptionSpecs();

struct CliRequest {
  const core::Variant* variant = nullptr;
  core::EngineRequest request;                    ///< exactly one job
  std::map<std::string, std::string> inputFiles;  ///< "q" -> path, when loaded from files
};

/// Builds the request; throws core::Error with one sentence for anything wrong, before any
/// large allocation (the memory check runs in the engine, from the cost model).
CliRequest requestFromArgs(const Args& args);

/// A variant's parameters as the options give them: defaults, then the seed, every --set
/// (a matrix parameter from its file) and --causal. Throws core::Error.
core::ParamSet paramsFromArgs(const Args& args, const core::Variant& variant, std::uint64_t seed);

/// Runs the request's one job; a failure is thrown as core::Error (a size over the memory
/// limit says how to raise it).
core::JobOutcome computeOrThrow(const CliRequest& request);

}  // namespace atlas::app::cli
