// `attention-atlas bench`: times variants' output paths over several N (core/bench.h) and prints
// median, min and max seconds with the GFLOP/s the cost model's flops give; --with-weights adds
// the full computation with the matrices the views draw, --calibrate this machine's roof
// (core/calibration.h) and each point's roofline bound.
#include "args.h"
#include "commands.h"
#include "remote_options.h"

#include "core/bench.h"
#include "core/calibration.h"
#include "core/io/json.h"
#include "core/io/matrix_file.h"
#include "core/kernels.h"
#include "core/memory.h"
#include "core/variant_registry.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>

namespace atlas::app::cli {

using core::io::JsonArray;
using core::io::JsonObject;
using core::io::toJson;

namespace {

using core::Error;
using core::Index;

std::vector<OptionSpec> benchOptionSpecs() {
  std::vector<OptionSpec> specs = {
      {"variants", true, false, "all|A,B", "the variants to time: all, or ids separated by commas"},
      {"n", true, false, "N,N,...", "comma list of sequence lengths, M = N (default 256,512,1024)"},
      {"d", true, false, "D", "width dk = dv (default 64)"},
      {"repeat", true, false, "R", "timed runs per point; the median is reported (default 5)"},
      {"seed", true, false, "S", "seed of the inputs and of every random parameter (default 0)"},
      {"max-memory", true, false, "SIZE", "skip larger points (default: half of RAM)"},
      {"set", true, true, "VARIANT.KEY=VALUE",
       "set a parameter of one variant, e.g. local_window.window=64"},
      {"with-weights", false, false, "",
       "also time the full computation, with the matrices the window draws"},
      {"calibrate", false, false, "", "also measure this machine's peak GFLOP/s and bandwidth"},
      {"return-memory", false, false, "",
       "give freed memory back to the system between runs (slower: fresh pages are zeroed)"},
      {"json", false, false, "", "print JSON instead of a table"},
      {"help", false, false, "", "show this help"},
  };
  for (OptionSpec& o : remoteOptionSpecs()) specs.push_back(std::move(o));
  return specs;
}

std::vector<std::string> parseVariants(const std::string& text) {
  std::vector<std::string> ids;
  if (text == "all") {
    for (const core::Variant* v : core::allVariants()) ids.push_back(v->id());
    return ids;
  }
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string id = text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (id.empty())
      throw Error(Error::Kind::InvalidArgument,
                  "--variants needs 'all' or variant ids separated by commas, not '%1'.", {text});
    ids.push_back(core::requireVariant(id).id());  // an unknown id lists the known ones
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

/// Default parameters of every variant (seeded), with the --set overrides applied.
std::map<std::string, core::ParamSet> paramsFromArgs(const Args& args,
                                                     const std::vector<std::string>& ids,
                                                     std::uint64_t seed) {
  std::map<std::string, core::ParamSet> out;
  for (const std::string& id : ids) {
    out[id] = core::defaultParams(core::requireVariant(id).params());
    out[id].seed = seed;
  }
  for (const std::string& item : args.values("set")) {
    const auto eq = item.find('='), dot = item.find('.');
    if (eq == std::string::npos || dot == std::string::npos || dot == 0 || dot + 1 >= eq)
      throw Error(Error::Kind::InvalidArgument, "--set needs VARIANT.KEY=VALUE, not '%1'.", {item});
    const std::string id = item.substr(0, dot), key = item.substr(dot + 1, eq - dot - 1),
                      value = item.substr(eq + 1);
    const core::Variant& v = core::requireVariant(id);
    if (!out.count(id))
      throw Error(Error::Kind::InvalidArgument, "--set names '%1', which is not in --variants.",
                  {id});
    const auto specs = v.params();
    const core::ParamSpec* ps = core::findSpec(specs, key);
    if (ps && ps->kind == core::ParamKind::Matrix) {
      const bool vector = ps->defaultText.find(" x ") == std::string::npos;
      core::setMatrixParam(
          out[id], specs, id, key,
          core::io::readMatrixFile(value, key, vector, core::defaultMemoryLimit()));
    } else {
      core::setParam(out[id], specs, id, key, value);
    }
  }
  return out;
}

double roofFor(const std::optional<core::MachineRoof>& roof, const core::BenchPoint& p) {
  return roof && p.bytes > 0 ? core::rooflineBound(*roof, p.flops / p.bytes) : 0.0;
}

JsonObject pointToJson(const core::BenchPoint& p, bool withWeights,
                       const std::optional<core::MachineRoof>& roof) {
  JsonObject o{{"variant", p.variant}, {"n", p.n},         {"median", p.median},
               {"min", p.min},         {"max", p.max},     {"gflops", p.gflops},
               {"flops", p.flops},     {"bytes", p.bytes}, {"peak", p.peak}};
  if (withWeights) {
    o["with_weights_median"] = p.withWeightsMedian;
    o["display_seconds"] = p.displaySeconds;
  }
  if (!p.error.empty()) o["error"] = p.error;
  if (roof) o["roofline_gflops"] = roofFor(roof, p);
  return o;
}

void printTable(const std::vector<core::BenchPoint>& points, bool withWeights,
                const std::optional<core::MachineRoof>& roof) {
  std::printf("%-20s %7s %11s %11s %11s %10s", "variant", "N", "median ms", "min ms", "max ms",
              "GFLOP/s");
  if (withWeights) std::printf(" %13s %10s", "w/ weights ms", "display ms");
  if (roof) std::printf(" %10s %7s", "roof", "of roof");
  std::printf("\n");
  for (const core::BenchPoint& p : points) {
    std::printf("%-20s %7ld ", p.variant.c_str(), long(p.n));
    if (!p.error.empty()) {
      std::printf(" %s\n", p.error.c_str());
      continue;
    }
    std::printf("%11.3f %11.3f %11.3f %10.2f", p.median * 1e3, p.min * 1e3, p.max * 1e3, p.gflops);
    if (withWeights)
      std::printf(" %13.3f %10.3f", p.withWeightsMedian * 1e3, p.displaySeconds * 1e3);
    if (roof) {
      const double bound = roofFor(roof, p);
      std::printf(" %10.1f %6.1f%%", bound, bound > 0 ? 100.0 * p.gflops / bound : 0.0);
    }
    std::printf("\n");
  }
}

}  // namespace

int runBench(int argc, char** argv) {
  const std::vector<OptionSpec> specs = benchOptionSpecs();
  const Args args(argc, argv, 2, "bench", specs);
  if (args.has("help")) {
    std::cout << helpText("attention-atlas bench --variants all|A,B [--n N,N,...] [options]", specs)
              << "\n"
                 "Each point times the variant's output path, as a model runs it, without the "
                 "matrices\n"
                 "formed for display only (the implied N x M weights of linear, performer, "
                 "linformer,\n"
                 "compressed and aft; flash's weights and tile records): median, min and max "
                 "are its\n"
                 "seconds, GFLOP/s the cost model's flops over the median. --with-weights also "
                 "times the\n"
                 "full computation the window makes (JSON: with_weights_median) and reports the\n"
                 "difference (display_seconds); its points are then checked against --max-memory\n"
                 "with those matrices.\n";
    return 0;
  }
  if (!args.has("variants"))
    throw Error(
        Error::Kind::InvalidArgument,
        "Give the variants with --variants all or --variants A,B (see: attention-atlas variants).");
  // Like PyTorch "at its best", keep freed memory for reuse unless asked not to: each run would
  // otherwise pay the kernel's zeroing of fresh pages for its N x M result.
  const std::unique_ptr<core::Device> device = deviceFromArgs(args);
  if (device && args.has("calibrate"))
    throw Error(Error::Kind::InvalidArgument,
                "--calibrate measures this computer; it does not go with --remote.");
  if (!device && !args.has("return-memory")) core::retainFreedMemory();
  core::BenchSpec spec;
  spec.variants = parseVariants(args.value("variants"));
  spec.ns = core::parseSizeList(args.valueOr("n", "256,512,1024"), "--n");
  spec.d = args.integer("d", 64, 1, 1LL << 16);
  spec.repeats = int(args.integer("repeat", 5, 1, 1000));
  spec.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, (1LL << 53)));
  // A remote device applies its own limit unless one is given.
  spec.memoryLimit = args.has("max-memory") ? core::parseByteSize(args.value("max-memory"))
                     : device               ? 0.0
                                            : core::defaultMemoryLimit();
  spec.params = paramsFromArgs(args, spec.variants, spec.seed);
  spec.withWeights = args.has("with-weights");
  const bool json = args.has("json");

  std::optional<core::MachineRoof> roof;
  if (args.has("calibrate")) {
    if (!json) std::cerr << "calibrating (about a second)...\n";
    roof = core::calibrate(1.0);
    if (!json)
      std::printf("machine: %s, %d threads, peak %.1f GFLOP/s (fp32 FMA), bandwidth %.1f GB/s\n\n",
                  roof->cpu.empty() ? "unknown CPU" : roof->cpu.c_str(), roof->threads,
                  roof->peakGflops, roof->bandwidthGBs);
  }

  std::size_t done = 0;
  const std::size_t total = spec.ns.size() * spec.variants.size();
  auto progress = [&](const core::BenchPoint& p, double) {
    ++done;
    if (json) return;
    if (p.error.empty())
      std::fprintf(stderr, "[%zu/%zu] %s N = %ld: %.3f ms, %.2f GFLOP/s\n", done, total,
                   p.variant.c_str(), long(p.n), p.median * 1e3, p.gflops);
    else
      std::fprintf(stderr, "[%zu/%zu] %s N = %ld: %s\n", done, total, p.variant.c_str(), long(p.n),
                   p.error.c_str());
  };
  const std::vector<core::BenchPoint> points =
      device ? device->bench(spec, progress) : core::runBench(spec, progress);

  if (json) {
    JsonArray arr;
    for (const core::BenchPoint& p : points) arr.append(pointToJson(p, spec.withWeights, roof));
    JsonObject root{{"d", spec.d},
                    {"repeats", spec.repeats},
                    {"seed", spec.seed},
                    {"with_weights", spec.withWeights},
                    {"points", arr}};
    if (device) root["remote"] = device->name();
    if (roof)
      root["machine"] = JsonObject{{"peak_gflops", roof->peakGflops},
                                   {"bandwidth_gbs", roof->bandwidthGBs},
                                   {"threads", roof->threads},
                                   {"cpu", roof->cpu}};
    std::cout << toJson(root);
  } else {
    printTable(points, spec.withWeights, roof);
  }
  // Nothing measured (every point refused: too large, bad parameters) is a failure, said once.
  const bool anyTimed = std::any_of(points.begin(), points.end(),
                                    [](const core::BenchPoint& p) { return p.error.empty(); });
  if (!anyTimed && !points.empty()) {
    std::cerr << "error: No point could be measured: " << points.front().error << "\n";
    return 2;
  }
  return 0;
}

}  // namespace atlas::app::cli
