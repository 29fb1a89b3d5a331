// `attention-atlas lowrank`: computes one variant and prints the low-rank analysis of one head
// (core/analysis/low_rank.h) as JSON or as a short summary.
#include "args.h"
#include "commands.h"
#include "request_options.h"

#include "core/analysis/low_rank.h"
#include "core/io/json.h"

#include <charconv>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace atlas::app::cli {

using core::io::JsonArray;
using core::io::JsonObject;
using core::io::toJson;

namespace {

using core::Error;
using core::Index;

/// "1,2,4" -> {1, 2, 4}; the range check against M is the analysis's.
std::vector<Index> parseKs(const std::string& text) {
  std::vector<Index> ks;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    long long k = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), k);
    if (item.empty() || ec != std::errc() || ptr != item.data() + item.size())
      throw Error(
          Error::Kind::InvalidArgument,
          "--ks needs whole numbers separated by commas, such as 1,2,4, not '" + text + "'.");
    ks.push_back(Index(k));
    start = end + 1;
  }
  return ks;
}

template <typename Container>
JsonArray toArray(const Container& values) {
  JsonArray out;
  for (const auto& v : values) out.append(static_cast<double>(v));
  return out;
}

JsonObject analysisToJson(const std::string& variant, const core::analysis::LowRankAnalysis& a) {
  JsonArray groups;
  for (const auto& g : a.redundantGroups) groups.append(toArray(g));
  const Eigen::VectorXd& s = a.singularValues;
  return JsonObject{
      {"variant", variant},
      {"head", a.head},
      {"n", a.n},
      {"m", a.m},
      {"singular_values", toArray(std::vector<double>(s.data(), s.data() + s.size()))},
      {"rank90", a.rank90},
      {"rank99", a.rank99},
      {"entropy_rank", a.entropyRank},
      {"redundant_groups", groups},
      {"ks", toArray(a.ks)},
      {"linformer_error", toArray(a.linformerError)},  // NaN (no Linformer) is written as null
      {"random_projection_error", toArray(a.randomProjectionError)},
      {"random_projection_scale", a.randomProjectionScale},
      {"random_projection_draws", core::analysis::kRandomProjectionDraws},
      {"best_error", toArray(a.bestError)},
  };
}

void printSummary(const std::string& variant, const core::analysis::LowRankAnalysis& a,
                  double seconds) {
  std::ostringstream out;
  out << std::setprecision(4);
  out << variant << ", head " << a.head << ": P is " << a.n << " x " << a.m << "\n";
  out << "  largest singular values:";
  for (Index i = 0; i < std::min<Index>(8, a.singularValues.size()); ++i)
    out << " " << a.singularValues[i];
  out << "\n  rank holding 90% of the energy: " << a.rank90 << ", 99%: " << a.rank99
      << ", entropy rank: " << a.entropyRank << "\n";
  std::size_t redundant = 0;
  for (const auto& g : a.redundantGroups) redundant += g.size() - 1;
  out << "  redundant key columns: " << redundant << " in " << a.redundantGroups.size()
      << " group(s)\n";
  out << "  relative error of the output, ||PV - approximation|| / ||PV||, against k:\n"
      << "    random projection    P R^T R V, R a k x M Gaussian matrix (the Linformer paper's "
         "Theorem 1),\n"
      << "                         mean of " << core::analysis::kRandomProjectionDraws
      << " draws; about c/sqrt(k), c = " << a.randomProjectionScale << "\n"
      << "    best rank-k          the SVD's (Eckart-Young): no rank-k approximation does better\n"
      << "    untrained Linformer  random E and F; training learns them, and a trained Linformer\n"
      << "                         lies between the first two\n";
  out << "  k      random projection   best rank-k   untrained Linformer\n";
  for (std::size_t i = 0; i < a.ks.size(); ++i)
    out << "  " << std::left << std::setw(7) << a.ks[i] << std::setw(20)
        << a.randomProjectionError[i] << std::setw(14) << a.bestError[i] << a.linformerError[i]
        << "\n";
  out << "  analysis took " << seconds * 1e3 << " ms\n";
  std::cout << out.str();
}

}  // namespace

int runLowRank(int argc, char** argv) {
  std::vector<OptionSpec> specs = requestOptionSpecs();
  specs.push_back({"head", true, false, "H", "the head to analyse (default 0)"});
  specs.push_back({"threshold", true, false, "T",
                   "cosine similarity that makes two key columns redundant (default 0.95)"});
  specs.push_back({"ks", true, false, "K1,K2,...",
                   "projected lengths of the error table: random projection, best rank-k and "
                   "untrained Linformer (default 1,2,4,... up to M, and M)"});
  specs.push_back({"json", false, false, "", "print the analysis as JSON"});
  specs.push_back({"help", false, false, "", "show this help"});
  const Args args(argc, argv, 2, "lowrank", specs);
  if (args.has("help")) {
    std::cout << helpText("attention-atlas lowrank --variant NAME [options] [--json]", specs);
    return 0;
  }
  core::analysis::LowRankOptions options;
  options.head = Index(args.integer("head", 0, 0, 1 << 20));
  options.threshold = args.real("threshold", 0.95, -1, 1);
  if (args.has("ks")) options.ks = parseKs(args.value("ks"));
  const CliRequest req = requestFromArgs(args);
  // The analysis' own limit, before the variant is computed (at large N that alone takes long).
  const core::EngineRequest request = req.request();
  const core::EngineJob& job = request.jobs.front();
  const core::InputDims dims =
      request.loaded ? request.loaded->dims()
                     : job.variant->inputDims(core::baseDims(request.spec), job.params);
  core::analysis::checkLowRankSize(dims.n, dims.m);

  const core::JobOutcome out = computeOrThrow(request);
  const auto start = std::chrono::steady_clock::now();
  const auto analysis = core::analysis::analyzeLowRank(*out.result, *out.inputs, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const std::string& variant = out.result->variant;
  if (args.has("json"))
    std::cout << toJson(analysisToJson(variant, analysis));
  else
    printSummary(variant, analysis, seconds);
  return 0;
}

}  // namespace atlas::app::cli
