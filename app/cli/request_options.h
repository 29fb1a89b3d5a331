// The options every computing command shares (compute, export, ...): variant, sizes, input
// source or files, parameters, memory limit. Turns them into one engine request.
#pragma once

#include "args.h"

#include "core/device/device.h"
#include "core/lesson.h"
#include "core/request_builder.h"

namespace atlas::app::cli {

/// --variant, --n, --m, --d, --dv, --seed, --input, --q/--k/--v, --set, --causal, --max-memory.
std::vector<OptionSpec> requestOptionSpecs();

/// What the options ask for: the variant and its parameters, the inputs, the limits.
struct CliRequest {
  const core::Variant* variant = nullptr;  ///< --variant (null when not given and not needed)
  core::ParamSet params;                   ///< the variant's, seeded with --seed
  core::InputSpec spec;
  std::shared_ptr<const core::Inputs> loaded;     ///< from --q/--k/--v
  std::map<std::string, std::string> inputFiles;  ///< "q" -> path, when loaded from files
  core::RequestLimits limits;                     ///< --max-memory (the commands add the rest)
  std::string lesson;  ///< --lesson, when the request is a lesson's scene
  int scene = 0;       ///< --scene, counted from 1

  core::RequestBuilder builder() const { return {spec, loaded, limits}; }
  /// The variant's one job.
  core::EngineRequest request() const { return builder().single({variant, params}); }
  /// The memory limit in bytes, its default resolved.
  double memoryLimit() const { return core::memoryLimitOrDefault(limits.memoryLimit); }
};

/// --lesson NAME|FILE and --scene K (counted from 1), which take the place of the variant, the
/// inputs and the parameters.
std::vector<OptionSpec> lessonOptionSpecs();

/// --lang: "en" or "zh_CN" (default en). Throws core::Error for another.
std::string languageFromArgs(const Args& args);

/// The lesson --lesson names (a built-in name or a file). Throws core::Error for a bad lesson
/// and for an option the lesson's scenes fix (--variant, --n, --set, ...).
core::Lesson lessonFromArgs(const Args& args);

/// --scene K of `lesson`, checked, counted from 1.
int sceneFromArgs(const Args& args, const core::Lesson& lesson);

/// Scene `k` (from 1) of `lesson` as a request: its variant, parameters and inputs with the
/// labels of `language`, and --max-memory.
CliRequest requestFromScene(const Args& args, const core::Lesson& lesson, int k,
                            const std::string& language);

/// Reads the options; throws core::Error with one sentence for anything wrong, before any
/// large allocation (the memory check runs in the engine, from the cost model). Without
/// `needVariant`, --variant may be left out (the gallery computes every variant). With --lesson,
/// the scene --scene K in --lang.
CliRequest requestFromArgs(const Args& args, bool needVariant = true);

/// A variant's parameters as the options give them: defaults, then the seed, every --set
/// (a matrix parameter from its file) and --causal. Throws core::Error.
core::ParamSet paramsFromArgs(const Args& args, const core::Variant& variant, std::uint64_t seed);
/// The memory a file read may take: --max-memory, or the default limit (half of RAM).
double fileReadLimit(const Args& args);

/// Runs the request's one job on `device` (null: this computer); a failure is thrown as
/// core::Error (a size over this computer's memory limit says how to raise it).
core::JobOutcome computeOrThrow(const core::EngineRequest& request, core::Device* device = nullptr);

}  // namespace atlas::app::cli
