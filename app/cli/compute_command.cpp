#include "args.h"
#include "commands.h"
#include "json_out.h"
#include "remote_options.h"
#include "request_options.h"

#include "core/io/file_bytes.h"
#include "core/io/npy.h"
#include "core/memory.h"

#include <array>
#include <filesystem>
#include <iostream>
#include <optional>

namespace atlas::app::cli {

using core::io::JsonArray;
using core::io::JsonObject;
using core::io::toJson;

namespace {

namespace fs = std::filesystem;
using core::Error;

void makeDirectory(const fs::path& dir) { core::io::makeDirectory(dir.string()); }

/// weights.npy, mask.npy, output.npy, params/NAME.npy.
void writeArrays(const core::VariantResult& result, const fs::path& dir) {
  // The files hold N x M arrays: a sparse result is written from a dense copy.
  core::VariantResult denseCopy;
  if (result.sparse()) {
    denseCopy = result;
    denseCopy.makeDense();
  }
  const core::VariantResult& r = result.sparse() ? denseCopy : result;
  const core::Index heads = r.heads();
  const core::Index n = heads ? r.weights(0).rows() : 0, m = heads ? r.weights(0).cols() : 0;
  std::vector<core::io::Chunk> w, k;
  for (core::Index h = 0; h < heads; ++h) {
    w.push_back({r.weights(h).data(), std::size_t(r.weights(h).size()) * sizeof(float)});
    k.push_back({r.mask(h).data(), std::size_t(r.mask(h).size())});
  }
  core::io::writeNpyChunks((dir / "weights.npy").string(), "<f4", 4, {heads, n, m}, w);
  core::io::writeNpyChunks((dir / "mask.npy").string(), "|u1", 1, {heads, n, m}, k);
  core::io::writeNpy((dir / "output.npy").string(), r.output.data(),
                     {r.output.rows(), r.output.cols()});
  // What the teaching views show: union components, buckets and named extras.
  if (heads > 0 && r.hasComponents()) {
    std::vector<core::io::Chunk> c;
    for (core::Index h = 0; h < heads; ++h)
      c.push_back({r.components(h).data(), std::size_t(r.components(h).size())});
    core::io::writeNpyChunks((dir / "components.npy").string(), "|u1", 1, {heads, n, m}, c);
  }
  const auto extras = r.trace.files();
  if (!extras.empty()) makeDirectory(dir / "extras");
  for (const auto& [name, mat] : extras)
    core::io::writeNpy((dir / "extras" / (name + ".npy")).string(), mat.data(),
                       {mat.rows(), mat.cols()});
  if (!r.params.matrices.empty()) makeDirectory(dir / "params");
  for (const auto& [name, mat] : r.params.matrices) {
    const bool vector = mat.cols() == 1;  // a vector parameter such as w_v is written 1-D
    std::vector<std::int64_t> shape = vector ? std::vector<std::int64_t>{mat.rows()}
                                             : std::vector<std::int64_t>{mat.rows(), mat.cols()};
    core::io::writeNpy((dir / "params" / (name + ".npy")).string(), mat.data(), shape);
  }
}

JsonObject inputsJson(const CliRequest& req, const core::JobOutcome& out) {
  const core::InputDims d = out.result->dims;
  JsonObject o{{"n", d.n}, {"m", d.m}, {"dq", d.dq}, {"dk", d.dk}, {"dv", d.dv}};
  if (!req.lesson.empty()) {
    // A lesson's scene: where it came from, and what the scene's inputs are.
    o["source"] = "lesson";
    o["lesson"] = req.lesson;
    o["scene"] = req.scene;
    o["scene_source"] =
        req.loaded ? std::string("matrices") : core::inputSourceName(req.spec.source);
    if (!req.loaded) o["seed"] = req.spec.seed;
  } else if (req.loaded) {
    o["source"] = "files";
    for (const auto& [k, path] : req.inputFiles) o[k] = path;
  } else {
    o["source"] = core::inputSourceName(req.spec.source);
    o["seed"] = req.spec.seed;
    if (!req.spec.keyText.empty()) o["key_text"] = req.spec.keyText;
  }
  // The labels of the axes: the queries' tokens, and the keys' when they are not the same.
  const auto array = [](const std::vector<std::string>& tokens) {
    JsonArray a;
    for (const auto& t : tokens) a.append(t);
    return a;
  };
  const core::Inputs& in = *out.inputs;
  if (!in.queryTokens.empty()) o["tokens"] = array(in.queryTokens);
  if (!in.keyTokens.empty() && in.keyTokens != in.queryTokens)
    o["key_tokens"] = array(in.keyTokens);
  return o;
}

}  // namespace

int runCompute(int argc, char** argv) {
  std::vector<OptionSpec> specs = requestOptionSpecs();
  for (OptionSpec& o : lessonOptionSpecs()) specs.push_back(std::move(o));
  specs.push_back({"lang", true, false, "LANG",
                   "with --lesson: en | zh_CN, the language of the scene's labels (default en)"});
  for (OptionSpec& o : remoteOptionSpecs()) specs.push_back(std::move(o));
  specs.push_back({"out", true, false, "DIR", "directory for the .npy files and meta.json"});
  specs.push_back({"help", false, false, "", "show this help"});
  const Args args(argc, argv, 2, "compute", specs);
  if (args.has("help")) {
    std::cout << helpText(
        "attention-atlas compute --variant NAME [options] --out DIR\n"
        "       attention-atlas compute --lesson NAME|FILE --scene K [--lang LANG] --out DIR",
        specs);
    return 0;
  }
  if (!args.has("out"))
    throw Error(Error::Kind::InvalidArgument, "Give the output directory with --out DIR.");
  const CliRequest req = requestFromArgs(args);
  const std::unique_ptr<core::Device> device = deviceFromArgs(args);
  // Written beside --out and put in its place when complete (an earlier result there is
  // replaced whole); made before computing, so a bad directory does not waste a long run.
  core::io::ResultDirectory target(
      args.value("out"),
      {"weights.npy", "mask.npy", "output.npy", "components.npy", "meta.json", "extras", "params"});
  const fs::path dir = target.staging();

  // The files hold N x M arrays; a result kept on its pairs only (sparse) is made dense in
  // memory just before writing. Whether that fits is known before computing: said now, not
  // after a long computation.
  const auto filesTooLarge = [&](double heads, double n, double m) {
    const double dense = heads * n * m * 6.0;
    if (dense > req.memoryLimit())
      throw Error(Error::Kind::TooLarge,
                  "The N x M arrays of the files would take " + core::formatBytes(dense) +
                      ", more than the memory limit of " + core::formatBytes(req.memoryLimit()) +
                      " (raise it with --max-memory).");
  };
  const core::EngineRequest request = req.request();
  std::optional<std::array<double, 3>> sparseFiles;  // heads, N, M
  try {
    const core::EngineJob& job = request.jobs.front();
    const core::InputDims dims =
        request.loaded ? request.loaded->dims()
                       : job.variant->inputDims(core::baseDims(request.spec), job.params);
    const core::JobPlan plan = core::planJob(request, job, dims);
    const std::vector<core::ParamSpec> specs = job.variant->params();
    const core::ParamSpec* h = core::findRole(specs, core::ParamRole::Heads);
    const double heads = h ? job.params.number(h->name) : 1.0;
    // Kept sparse when the result holds less than its dense weights and masks would.
    if (plan.cost.resident < heads * double(dims.n) * double(dims.m) * 5.0)
      sparseFiles = {heads, double(dims.n), double(dims.m)};
  } catch (const Error&) {
    // The computation reports what is wrong (bad sizes, too large here) in its own words.
  }
  if (sparseFiles) filesTooLarge((*sparseFiles)[0], (*sparseFiles)[1], (*sparseFiles)[2]);

  const core::JobOutcome out = computeOrThrow(request, device.get());
  const core::VariantResult& r = *out.result;
  if (r.sparse()) filesTooLarge(double(r.heads()), double(r.weightRows()), double(r.weightCols()));
  writeArrays(r, dir);

  const core::Variant& variant = *req.variant;
  JsonObject meta = costToJson(r.cost);
  meta["variant"] = variant.id();
  meta["family"] = core::familyId(variant.family());
  meta["parameters"] = paramsToJson(variant, r.params);
  meta["inputs"] = inputsJson(req, out);
  meta["heads"] = r.heads();
  meta["seconds"] = r.seconds;
  if (r.computedOn.remote())
    meta["computed_on"] = JsonObject{{"device", r.computedOn.device},
                                     {"execution", core::executionName(r.computedOn.execution)},
                                     {"device_seconds", r.computedOn.deviceSeconds},
                                     {"host_seconds", r.computedOn.hostSeconds},
                                     {"transfer_seconds", r.computedOn.transferSeconds}};
  meta["score_evaluations"] = static_cast<double>(r.scoreEvaluations);
  if (!r.componentNames.empty()) {
    JsonArray names;
    for (const auto& c : r.componentNames) names.append(c);
    meta["components"] = names;
  }
  meta["files"] =
      JsonObject{{"weights", "weights.npy"}, {"mask", "mask.npy"}, {"output", "output.npy"}};
  core::io::writeFileBytes((dir / "meta.json").string(), toJson(meta));
  target.commit();
  std::cout << variant.id() << ": " << r.heads() << " head(s), N = " << r.dims.n
            << ", M = " << r.dims.m << ", " << r.seconds * 1e3 << " ms on "
            << computedOnText(r.computedOn) << " -> " << args.value("out") << "\n";
  return 0;
}

}  // namespace atlas::app::cli
