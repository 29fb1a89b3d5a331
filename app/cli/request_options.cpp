#include "request_options.h"

#include "core/io/labels.h"
#include "core/io/matrix_file.h"
#include "core/memory.h"
#include "core/variant_registry.h"

#include <limits>

namespace atlas::app::cli {

using core::Error;

std::vector<OptionSpec> requestOptionSpecs() {
  return {
      {"variant", true, false, "NAME", "the variant to compute (see: attention-atlas variants)"},
      {"n", true, false, "N", "number of queries (default 16)"},
      {"m", true, false, "M", "number of keys (default: N)"},
      {"d", true, false, "D", "query/key width dk (default 16)"},
      {"dv", true, false, "DV", "value width (default: D)"},
      {"seed", true, false, "S", "seed of the inputs and of every random parameter (default 0)"},
      {"input", true, false, "SOURCE", "random | positional | clustered | sentence:TEXT"},
      {"key-sentence", true, false, "TEXT",
       "with --input sentence:TEXT, the keys' sentence (cross-attention; default: the same)"},
      {"q", true, false, "FILE", "queries from .npy/.csv (N x dq); needs --k and --v too"},
      {"k", true, false, "FILE", "keys from .npy/.csv (M x dk)"},
      {"v", true, false, "FILE", "values from .npy/.csv (M x dv)"},
      {"query-labels", true, false, "FILE", "with --q: one label per query, a line each"},
      {"key-labels", true, false, "FILE", "with --k: one label per key, a line each"},
      {"set", true, true, "KEY=VALUE", "set a variant parameter; a matrix parameter takes a file"},
      {"causal", false, false, "", "keys at or before the query only (j <= i)"},
      {"max-memory", true, false, "SIZE", "refuse larger computations (default: half of RAM)"},
  };
}

std::vector<OptionSpec> lessonOptionSpecs() {
  return {
      {"lesson", true, false, "NAME|FILE",
       "a built-in lesson (basics, ...) or a lesson file: its scenes give the variant, the "
       "inputs and the parameters"},
      {"scene", true, false, "K", "with --lesson: the scene, counted from 1"},
  };
}

std::string languageFromArgs(const Args& args) {
  const std::string lang = args.valueOr("lang", "en");
  if (lang != "en" && lang != "zh_CN")
    throw Error(Error::Kind::InvalidArgument, "Unknown language '" + lang + "': use en or zh_CN.");
  return lang;
}

core::Lesson lessonFromArgs(const Args& args) {
  // What a scene holds cannot also come from the options: name the first one given.
  for (const char* fixed : {"variant", "n", "m", "d", "dv", "seed", "input", "key-sentence", "q",
                            "k", "v", "query-labels", "key-labels", "set", "causal"})
    if (args.has(fixed))
      throw Error(Error::Kind::InvalidArgument,
                  std::string("--lesson gives the variant, the inputs and the parameters: leave "
                              "out --") +
                      fixed + ".");
  return core::loadLesson(args.value("lesson"));
}

int sceneFromArgs(const Args& args, const core::Lesson& lesson) {
  const long long count = static_cast<long long>(lesson.scenes.size());
  if (!args.has("scene"))
    throw Error(Error::Kind::InvalidArgument, "Give the scene with --scene K (the lesson has " +
                                                  std::to_string(count) +
                                                  (count == 1 ? " scene)." : " scenes)."));
  return static_cast<int>(args.integer("scene", 1, 1, count));
}

namespace {

/// --max-memory into `limits`.
void memoryLimitFromArgs(const Args& args, core::RequestLimits& limits) {
  if (!args.has("max-memory")) return;
  // A limit of 0 has always meant no limit here (the builder reads 0 as "the default").
  const double limit = core::parseByteSize(args.value("max-memory"));
  limits.memoryLimit = limit > 0 ? limit : std::numeric_limits<double>::infinity();
}

}  // namespace

CliRequest requestFromScene(const Args& args, const core::Lesson& lesson, int k,
                            const std::string& language) {
  const core::Scene& scene = lesson.scenes.at(static_cast<std::size_t>(k - 1));
  CliRequest out;
  out.variant = scene.variant;
  out.params = scene.params;
  out.spec = scene.spec;
  out.loaded = scene.inputsIn(language);
  out.lesson = args.value("lesson");
  out.scene = k;
  memoryLimitFromArgs(args, out.limits);
  return out;
}

double fileReadLimit(const Args& args) {
  core::RequestLimits limits;
  memoryLimitFromArgs(args, limits);
  return core::memoryLimitOrDefault(limits.memoryLimit);
}

core::ParamSet paramsFromArgs(const Args& args, const core::Variant& variant, std::uint64_t seed) {
  const auto specs = variant.params();
  core::ParamSet params = core::defaultParams(specs);
  params.seed = seed;
  for (const std::string& kv : args.values("set")) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error(Error::Kind::InvalidArgument, "--set needs KEY=VALUE, not '" + kv + "'.");
    const std::string key = kv.substr(0, eq), value = kv.substr(eq + 1);
    const core::ParamSpec* ps = core::findSpec(specs, key);
    if (ps && ps->kind == core::ParamKind::Matrix) {
      const bool vector = ps->defaultText.find(" x ") == std::string::npos;
      core::setMatrixParam(params, specs, variant.id(), key,
                           core::io::readMatrixFile(value, key, vector, fileReadLimit(args)));
    } else {
      core::setParam(params, specs, variant.id(), key, value);
    }
  }
  if (args.has("causal")) {
    // The variant's causal mask, whatever it calls it; a variant without one says so.
    const core::ParamSpec* causal = core::findRole(specs, core::ParamRole::Causal);
    core::setParam(params, specs, variant.id(), causal ? causal->name : "causal", "true");
  }
  return params;
}

CliRequest requestFromArgs(const Args& args, bool needVariant) {
  if (args.has("lesson")) {
    const core::Lesson lesson = lessonFromArgs(args);
    return requestFromScene(args, lesson, sceneFromArgs(args, lesson), languageFromArgs(args));
  }
  if (needVariant && !args.has("variant"))
    throw Error(Error::Kind::InvalidArgument,
                "Give a variant with --variant NAME (see: attention-atlas variants).");
  if (args.has("scene"))
    throw Error(Error::Kind::InvalidArgument, "--scene goes with --lesson NAME|FILE.");
  CliRequest out;

  core::InputSpec spec;
  if (args.has("input")) spec = core::parseInputSource(args.value("input"));
  if (args.has("key-sentence")) {
    if (spec.source != core::InputSource::Sentence)
      throw Error(Error::Kind::InvalidArgument,
                  "--key-sentence goes with --input sentence:TEXT (the queries' sentence).");
    spec.keyText = args.value("key-sentence");
  }
  // A sentence has as many queries (and keys) as tokens: a size for them would be ignored.
  if (spec.source == core::InputSource::Sentence)
    for (const char* side : {"n", "m"})
      if (args.has(side))
        throw Error(Error::Kind::InvalidArgument,
                    "--%1 does not go with --input sentence:TEXT: the sentence has one query "
                    "(and one key) per token.",
                    {side});
  constexpr long long kMaxSide = 1LL << 24, kMaxWidth = 1LL << 16;
  const core::InputSpec defaults;  // the window's too
  spec.n = args.integer("n", defaults.n, 1, kMaxSide);
  spec.m = args.integer("m", 0, 1, kMaxSide);
  spec.d = args.integer("d", defaults.d, 1, kMaxWidth);
  spec.dv = args.integer("dv", 0, 1, kMaxWidth);
  spec.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, (1LL << 53)));

  if (args.has("variant")) {
    out.variant = &core::requireVariant(args.value("variant"));
    out.params = paramsFromArgs(args, *out.variant, spec.seed);
  }

  const bool anyFile = args.has("q") || args.has("k") || args.has("v");
  if (!anyFile && (args.has("query-labels") || args.has("key-labels")))
    throw Error(Error::Kind::InvalidArgument,
                "--query-labels and --key-labels name the rows of --q and --k files.");
  if (anyFile) {
    if (!(args.has("q") && args.has("k") && args.has("v")))
      throw Error(Error::Kind::InvalidArgument, "--q, --k and --v must be given together.");
    if (args.has("input") || args.has("n") || args.has("m") || args.has("d") || args.has("dv"))
      throw Error(
          Error::Kind::InvalidArgument,
          "--q/--k/--v fix the sizes and the data: leave out --input, --n, --m, --d and --dv.");
    auto in = std::make_shared<core::Inputs>();
    const double limit = fileReadLimit(args);
    in->q = core::io::readMatrixFile(args.value("q"), "Q", false, limit);
    in->k = core::io::readMatrixFile(args.value("k"), "K", false, limit);
    in->v = core::io::readMatrixFile(args.value("v"), "V", false, limit);
    if (args.has("query-labels"))
      in->queryTokens = core::io::readLabelsFile(args.value("query-labels"));
    if (args.has("key-labels")) in->keyTokens = core::io::readLabelsFile(args.value("key-labels"));
    core::validateInputs(*in);
    out.loaded = std::move(in);
    out.inputFiles = {{"q", args.value("q")}, {"k", args.value("k")}, {"v", args.value("v")}};
  }
  out.spec = spec;
  memoryLimitFromArgs(args, out.limits);
  return out;
}

core::JobOutcome computeOrThrow(const core::EngineRequest& request, core::Device* device) {
  core::CpuDevice local;
  core::JobOutcome out = (device ? *device : local).run(request).front();
  if (!out.ok()) {
    std::string message = out.message();
    if (!device && out.error->kind() == Error::Kind::TooLarge && !message.empty() &&
        message.back() == '.')
      message.insert(message.size() - 1, " (raise it with --max-memory)");
    throw Error(out.error->kind(), message);
  }
  return out;
}

}  // namespace atlas::app::cli
