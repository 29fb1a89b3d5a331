#include "attention_plan.h"

#include "core/variants/common.h"

#include "core/rng.h"
#include "core/sparse.h"
#include "core/variant_registry.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

namespace atlas::core::ascend {

namespace {

/// aclnnFlashAttentionScore's documented limits: one head width D for Q, K and V (D <= 512), at
/// most 256 query heads, a whole number of query heads per key/value head. Within them the
/// fused operator computes the output; outside, the same softmax is composed from aclnn's
/// matmul, softmax and elementwise operators.
void chooseFused(AttentionPlan& a) {
  const bool fits = a.dvh == a.dh && a.dh <= 512 && a.heads <= 256 && a.heads % a.groups == 0;
  a.execution = fits ? Execution::Native : Execution::Composed;
}

float inverseRoot(Index width) { return 1.0f / std::sqrt(float(width)); }

}  // namespace

AttentionPlan planAttention(const Variant& variant, const ParamSet& p, const InputDims& d) {
  AttentionPlan a;  // Host
  if (d.n < 1 || d.m < 1 || d.dq < 1 || d.dk < 1 || d.dv < 1) return a;
  const std::string id = variant.id();
  const auto flag = [&](const char* name) { return p.numbers.count(name) && p.flag(name); };
  a.causal = flag("causal");
  a.keys = d.m;
  if (id == "scaled_dot") {
    if (d.dq != d.dk) return a;
    const Index valid = p.numbers.count("valid_keys") ? p.integer("valid_keys") : 0;
    a.keys = valid > 0 ? std::min<Index>(valid, d.m) : d.m;
    a.dh = d.dk;
    a.dvh = d.dv;
    a.scale = flag("scaled") ? inverseRoot(d.dk) : 1.0f;
    chooseFused(a);
  } else if (id == "multi_head") {
    const Index h = p.integer("heads");
    if (h < 1 || d.dq != d.dk || d.dk % h != 0 || d.dv % h != 0) return a;
    a.heads = a.groups = h;
    a.dh = d.dk / h;
    a.dvh = d.dv / h;
    a.scale = inverseRoot(a.dh);
    chooseFused(a);
  } else if (id == "grouped_query") {
    const Index h = p.integer("heads"), g = p.integer("groups");
    if (h < 1 || g < 1 || h % g != 0 || d.dq % h != 0) return a;
    const Index dh = d.dq / h;
    if (d.dk != g * dh || d.dv % g != 0) return a;
    a.heads = h;
    a.groups = g;
    a.dh = dh;
    a.dvh = d.dv / g;
    a.scale = inverseRoot(dh);
    chooseFused(a);
  } else if (id == "local_window") {
    if (d.dq != d.dk) return a;
    a.kind = AttentionPlan::Kind::Window;
    a.window = std::max(0, p.integer("window"));
    a.dh = d.dk;
    a.dvh = d.dv;
    a.scale = inverseRoot(d.dk);
    chooseFused(a);
  } else if (id == "paged") {
    // ATB's PagedAttention (atb/infer_op_params.h, PagedAttentionParam): float16 caches whose
    // key and value head sizes agree, head size <= 256 and block size x head size <= 128 x 128.
    const Index page = p.integer("page");
    if (d.dq != d.dk || d.dk != d.dv || d.dk > 256 || page < 1 || page * d.dk > 128 * 128) return a;
    a.kind = AttentionPlan::Kind::Paged;
    a.execution = Execution::Native;
    a.page = page;
    a.dh = d.dk;
    a.dvh = d.dv;
    a.causal = false;
    a.scale = inverseRoot(d.dk);
  } else if (id == "bilinear") {
    const Index dq = p.numbers.count("dq") ? p.integer("dq") : 0;
    if (dq > 0 && d.dq != dq) return a;
    a.scores = AttentionPlan::Scores::Bilinear;
    a.dh = d.dk;
    a.dvh = d.dv;
    a.scale = inverseRoot(d.dk);
    a.execution = Execution::Composed;
  } else if (id == "distance") {
    if (d.dq != d.dk) return a;
    a.scores = AttentionPlan::Scores::Distance;
    a.dh = d.dk + 1;  // [q, 1] . [k, -|k|^2 / 2]
    a.dvh = d.dv;
    a.scale = inverseRoot(d.dk);
    a.execution = Execution::Composed;
  }
  return a;
}

std::map<std::string, Execution> backendVariants() {
  static const std::set<std::string> native = {"scaled_dot", "multi_head", "grouped_query",
                                               "local_window", "paged"};
  static const std::set<std::string> composed = {"bilinear", "distance"};
  std::map<std::string, Execution> out;
  for (const Variant* v : allVariants()) {
    const std::string id = v->id();
    out[id] = native.count(id)     ? Execution::Native
              : composed.count(id) ? Execution::Composed
                                   : Execution::Host;
  }
  return out;
}

std::shared_ptr<const SparsePattern> windowPattern(Index n, Index m, Index window, bool causal) {
  return std::make_shared<const SparsePattern>(
      buildPattern(n, m, causal, [&](Index i, std::vector<Index>& keys, auto&) {
        for (Index j = std::max<Index>(0, i - window); j < std::min(i + window + 1, m); ++j)
          keys.push_back(j);
      }));
}

std::vector<Index> pagedBlockTable(std::uint64_t seed, Index pages) {
  return variants::pagedBlockTable(seed, pages);  // the paged variant's own
}

}  // namespace atlas::core::ascend
