// Times the gallery: one core::Engine::run with one job per variant (every variant at its
// default parameters, the random source), as the window's gallery submits it. Prints the median
// wall time of the whole run and, per variant, the median of its own compute time
// (VariantResult::seconds, measured while the other jobs run beside it) and, with --solo, its
// time alone. Never run by ctest: speed is reported, not asserted.
//
// Usage: atlas_bench_gallery [--n 1024] [--d 64] [--repeat 7] [--seed 0] [--solo]
//                            [--threads T] [--variants a,b,...]
//   --solo     also time each variant alone (one job per Engine::run)
//   --threads  at most T threads (tbb::global_control); with 1 every time is CPU time
// The engine generates the inputs from the spec (random source), as the gallery's request does.
#include "core/engine.h"
#include "core/variant_registry.h"

#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace atlas::core;

namespace {

double median(std::vector<double> t) {
  if (t.empty()) return 0;
  std::sort(t.begin(), t.end());
  const std::size_t k = t.size();
  return k % 2 ? t[k / 2] : 0.5 * (t[k / 2 - 1] + t[k / 2]);
}

double seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<std::string> splitIds(const std::string& text) {
  std::vector<std::string> ids;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    ids.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  Index n = 1024, d = 64;
  int repeat = 7;
  std::uint64_t seed = 0;
  bool solo = false;
  int threads = 0;
  std::vector<const Variant*> variants = allVariants();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool hasValue = i + 1 < argc;
    if (a == "--n" && hasValue)
      n = std::atol(argv[++i]);
    else if (a == "--d" && hasValue)
      d = std::atol(argv[++i]);
    else if (a == "--repeat" && hasValue)
      repeat = std::max(1, std::atoi(argv[++i]));
    else if (a == "--seed" && hasValue)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--solo")
      solo = true;
    else if (a == "--threads" && hasValue)
      threads = std::max(1, std::atoi(argv[++i]));
    else if (a == "--variants" && hasValue) {
      variants.clear();
      for (const std::string& id : splitIds(argv[++i])) variants.push_back(&requireVariant(id));
    } else {
      std::fprintf(stderr,
                   "usage: atlas_bench_gallery [--n N] [--d D] [--repeat R] [--seed S] "
                   "[--solo] [--threads T] [--variants a,b]\n");
      return 2;
    }
  }

  EngineRequest request;
  request.spec.n = n;
  request.spec.d = d;
  request.spec.seed = seed;
  for (const Variant* v : variants) {
    ParamSet p = defaultParams(v->params());
    p.seed = seed;
    request.jobs.push_back({v, std::move(p)});
  }

  std::optional<tbb::global_control> limit;
  if (threads > 0)
    limit.emplace(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
  Engine engine;
  engine.run(request);  // warm up: thread pool, page faults, lazy statics
  std::vector<double> totals;
  std::map<std::string, std::vector<double>> own;
  std::map<std::string, std::string> errors;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<JobOutcome> out = engine.run(request);
    totals.push_back(seconds(t0));
    for (std::size_t j = 0; j < out.size(); ++j) {
      const std::string id = variants[j]->id();
      if (out[j].ok())
        own[id].push_back(out[j].result->seconds);
      else
        errors[id] = out[j].message();
    }
  }

  std::map<std::string, double> alone;
  if (solo) {
    for (std::size_t j = 0; j < variants.size(); ++j) {
      EngineRequest one = request;
      one.jobs = {request.jobs[j]};
      std::vector<double> t;
      for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        engine.run(one);
        t.push_back(seconds(t0));
      }
      alone[variants[j]->id()] = median(t);
    }
  }

  std::printf("gallery: %zu variants, N = M = %ld, d = dv = %ld, random inputs, %d runs, %s\n",
              variants.size(), long(n), long(d), repeat,
              threads > 0 ? (std::to_string(threads) + " thread(s)").c_str() : "all threads");
  std::printf("%-20s %12s%s\n", "variant", "in-run ms", solo ? "     alone ms" : "");
  double sumOwn = 0;
  for (const Variant* v : variants) {
    const std::string id = v->id();
    if (errors.count(id)) {
      std::printf("%-20s  %s\n", id.c_str(), errors[id].c_str());
      continue;
    }
    const double t = median(own[id]);
    sumOwn += t;
    std::printf("%-20s %12.2f", id.c_str(), t * 1e3);
    if (solo) std::printf(" %12.2f", alone[id] * 1e3);
    std::printf("\n");
  }
  std::printf("%-20s %12.2f\n", "(sum of in-run)", sumOwn * 1e3);
  std::printf("total wall time: median %.1f ms, min %.1f ms, max %.1f ms\n", median(totals) * 1e3,
              *std::min_element(totals.begin(), totals.end()) * 1e3,
              *std::max_element(totals.begin(), totals.end()) * 1e3);
  return 0;
}
