// `attention-atlas cost`: the cost formulas of one variant (flops, exps, bytes, peak, resident
// and their terms) at several N, from the closed forms alone: nothing is computed and nothing of
// size N x M is allocated.
#include "args.h"
#include "commands.h"
#include "json_out.h"
#include "request_options.h"

#include "core/bench.h"
#include "core/io/matrix_file.h"
#include "core/memory.h"
#include "core/variant_registry.h"

#include <cstdio>
#include <iostream>
#include <string>

namespace atlas::app::cli {

using core::io::JsonArray;
using core::io::JsonObject;
using core::io::toJson;

namespace {

using core::Error;
using core::Index;

std::vector<OptionSpec> costOptionSpecs() {
  std::vector<OptionSpec> specs;
  for (OptionSpec s : requestOptionSpecs()) {
    // Loaded files and the memory limit have no meaning for formulas.
    if (s.name == "q" || s.name == "k" || s.name == "v" || s.name == "max-memory") continue;
    if (s.name == "n") {
      s.valueName = "N,N,...";
      s.help = "comma list of query counts, e.g. 256,512,1024 (default 256,1024,4096)";
    }
    specs.push_back(std::move(s));
  }
  specs.push_back({"json", false, false, "", "print JSON instead of a table"});
  specs.push_back({"help", false, false, "", "show this help"});
  return specs;
}

struct CostPoint {
  core::InputDims dims;
  core::Cost cost;
};

double intensity(const core::Cost& c) { return c.bytes() > 0 ? c.flops() / c.bytes() : 0.0; }

JsonObject pointToJson(const CostPoint& p) {
  JsonObject o = costToJson(p.cost);
  o["n"] = p.dims.n;
  o["m"] = p.dims.m;
  o["dq"] = p.dims.dq;
  o["dk"] = p.dims.dk;
  o["dv"] = p.dims.dv;
  o["resident"] = p.cost.resident;
  o["intensity"] = intensity(p.cost);
  return o;
}

std::string fmt(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, value);
  return buf;
}

void printTable(const core::Variant& variant, const std::vector<CostPoint>& points) {
  std::printf("%s: cost from the formulas (no computation)\n", variant.id().c_str());
  std::printf("%8s %8s %12s %12s %11s %11s %11s %9s\n", "N", "M", "GFLOP", "exps", "bytes", "peak",
              "resident", "flop/B");
  for (const CostPoint& p : points) {
    const core::Cost& c = p.cost;
    std::printf("%8ld %8ld %12s %12s %11s %11s %11s %9s\n", long(p.dims.n), long(p.dims.m),
                fmt("%.4g", c.flops() * 1e-9).c_str(), fmt("%.4g", c.exps()).c_str(),
                core::formatBytes(c.bytes()).c_str(), core::formatBytes(c.peak).c_str(),
                core::formatBytes(c.resident).c_str(), fmt("%.3g", intensity(c)).c_str());
  }
  if (points.empty()) return;
  const CostPoint& last = points.back();
  std::printf("\nterms at N = %ld:\n", long(last.dims.n));
  std::printf("  %-26s %12s %12s %11s\n", "term", "GFLOP", "exps", "bytes");
  for (const core::CostTerm& t : last.cost.terms)
    std::printf("  %-26s %12s %12s %11s\n", t.name.c_str(), fmt("%.4g", t.flops * 1e-9).c_str(),
                fmt("%.4g", t.exps).c_str(), core::formatBytes(t.bytes).c_str());
}

}  // namespace

int runCost(int argc, char** argv) {
  const std::vector<OptionSpec> specs = costOptionSpecs();
  const Args args(argc, argv, 2, "cost", specs);
  if (args.has("help")) {
    std::cout << helpText("attention-atlas cost --variant NAME [--n N,N,...] [options] [--json]",
                          specs);
    return 0;
  }
  if (!args.has("variant"))
    throw Error(Error::Kind::InvalidArgument,
                "Give a variant with --variant NAME (see: attention-atlas variants).");
  const core::Variant& variant = core::requireVariant(args.value("variant"));

  core::InputSpec spec;
  if (args.has("input")) spec = core::parseInputSource(args.value("input"));
  constexpr long long kMaxSide = 1LL << 24, kMaxWidth = 1LL << 16;
  const bool sentence = spec.source == core::InputSource::Sentence;
  if (sentence && (args.has("n") || args.has("m")))
    throw Error(Error::Kind::InvalidArgument,
                "A sentence fixes N and M (one per token): leave out --n and --m.");
  const std::vector<Index> ns =
      sentence ? std::vector<Index>{0}
               : core::parseSizeList(args.valueOr("n", "256,1024,4096"), "--n", kMaxSide);
  spec.m = args.integer("m", 0, 1, kMaxSide);
  spec.d = args.integer("d", 16, 1, kMaxWidth);
  spec.dv = args.integer("dv", 0, 1, kMaxWidth);
  spec.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, (1LL << 53)));
  const core::ParamSet params = paramsFromArgs(args, variant, spec.seed);

  std::vector<CostPoint> points;
  for (Index n : ns) {
    if (!sentence) spec.n = n;
    CostPoint p;
    p.dims = variant.inputDims(core::baseDims(spec), params);
    p.cost = variant.cost(p.dims, params);
    points.push_back(std::move(p));
  }

  if (args.has("json")) {
    JsonArray arr;
    for (const CostPoint& p : points) arr.append(pointToJson(p));
    std::cout << toJson(JsonObject{
        {"variant", variant.id()}, {"family", core::familyId(variant.family())}, {"points", arr}});
  } else {
    printTable(variant, points);
  }
  return 0;
}

}  // namespace atlas::app::cli
