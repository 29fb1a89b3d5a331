#include "../sparse.h"
#include "common.h"
#include "ordered_pattern.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace atlas::core::variants {
namespace {

/// The head patterns a user may name, in the order of the default list.
struct PatternName {
  const char* name;
  const Variant* (*variant)();  ///< the registered fixed pattern; nullptr: full (all pairs)
};
constexpr PatternName kPatterns[] = {
    {"local", [] { return &localWindowVariant(); }},
    {"strided", [] { return &stridedVariant(); }},
    {"global", [] { return &globalTokensVariant(); }},
    {"full", [] { return static_cast<const Variant*>(nullptr); }},
};

/// The comma-separated list of patterns (spaces around names ignored), as indices into
/// kPatterns. Throws for an unknown (or empty) name.
std::vector<int> parsePatterns(const std::string& variant, const std::string& text) {
  std::vector<int> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    std::string name = text.substr(from, comma - from);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    const auto* it = std::find_if(std::begin(kPatterns), std::end(kPatterns),
                                  [&](const PatternName& p) { return name == p.name; });
    if (it == std::end(kPatterns))
      throw Error(Error::Kind::InvalidArgument,
                  ATLAS_TR_NOOP("CoreErrors",
                                "'%1' has no head pattern named '%2'; the patterns are local, "
                                "strided, global and full."),
                  {variant, name});
    out.push_back(static_cast<int>(it - std::begin(kPatterns)));
    if (comma == text.size()) return out;
    from = comma + 1;
  }
}

/// The parameters a head's pattern runs with: its own defaults, and this variant's causal flag.
ParamSet headParams(const Variant& v, const ParamSet& p) {
  ParamSet hp = defaultParams(v.params());
  hp.seed = p.seed;
  hp.numbers["causal"] = p.number("causal");
  return hp;
}

/// Head a of h uses patterns[a mod len] on its column slices (dh = dk / h, scale 1/sqrt(dh)),
/// each pattern with its own defaults: local = local_window (w = 2), strided (s = 3), global =
/// global_tokens (g = 1), full = scaled_dot. The sparse heads run the registered variants
/// themselves on the slices; full runs through the dense kernel when every pair is allowed and,
/// when causal, through the sparse kernel with the allowed pairs only, so scoreEvaluations is
/// the mask's ones for every head (a causal dense GEMM would evaluate N M). componentNames: the
/// distinct patterns the heads use, in order of first use; every computed pair of head a carries
/// the id of its pattern.
class MixedHeads final : public Variant {
 public:
  std::string id() const override { return "mixed_heads"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Mixed-pattern heads");
  }
  Family family() const override { return Family::FixedSparse; }
  std::string description() const override {
    return "Mixed heads: each head uses its own sparse pattern (local, strided, global or full) on "
           "its slice.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        headsSpec(4),
        textParam("patterns", "local,strided,global,full", ATLAS_TR_NOOP("Params", "Head patterns"),
                  ATLAS_TR_NOOP("Params",
                                "Comma-separated patterns given to the heads in turn: local, "
                                "strided, global, full.")),
        causalSpec()};
  }

  /// Exact pair count: the sum over heads of each pattern's own exact count, which each sparse
  /// cost reports as its exp count (one exp per allowed pair); pairsPerHead is their mean, so
  /// every term (linear in heads x pairs) is exact.
  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index h = p.integer("heads");
    const std::vector<int> patterns = parsePatterns(id(), p.text("patterns"));
    const InputDims slice{d.n, d.m, d.dq / h, d.dk / h, d.dv / h};
    double pairs = 0;
    for (Index a = 0; a < h; ++a) {
      const Variant* v = kPatterns[patterns[std::size_t(a) % patterns.size()]].variant();
      pairs +=
          v ? v->cost(slice, headParams(*v, p)).exps() : causalPairs(d.n, d.m, p.flag("causal"));
    }
    Cost cost = sparseCost(d, {.heads = h,
                               .pairsPerHead = pairs / double(h),
                               .scoreFlops = 2.0 * double(d.dk / h),
                               .dvh = d.dv / h});
    return cost;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    const Index h = p.integer("heads"), n = in.q.rows(), m = in.k.rows();
    const std::vector<int> patterns = parsePatterns(id(), p.text("patterns"));
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    requireDivisible(id(), kHeadsDivideWidthFormat, in.k.cols(), h);
    requireDivisible(id(), kHeadsDivideValuesFormat, in.v.cols(), h);
    const Index dh = in.k.cols() / h, dvh = in.v.cols() / h;
    const bool causal = p.flag("causal");

    // Component ids: distinct patterns in order of first use by heads 0 .. h-1.
    VariantResult r = startResult(*this, in, p);
    std::vector<std::uint8_t> headComponent(static_cast<std::size_t>(h));
    for (Index a = 0; a < h; ++a) {
      const char* name = kPatterns[patterns[std::size_t(a) % patterns.size()]].name;
      auto it = std::find(r.componentNames.begin(), r.componentNames.end(), name);
      if (it == r.componentNames.end()) it = r.componentNames.insert(it, name);
      headComponent[std::size_t(a)] = static_cast<std::uint8_t>(it - r.componentNames.begin() + 1);
    }

    // The pattern "all" (every pair, or j <= i), built once for the heads that use it.
    std::shared_ptr<const SparsePattern> all;
    for (Index a = 0; a < h && !all; ++a) {
      if (kPatterns[patterns[std::size_t(a) % patterns.size()]].variant()) continue;
      all = std::make_shared<const SparsePattern>(orderedPattern(
          n, m, [&](Index i) { return allowedKeys(i, m, causal); },
          [&](Index i, Index* keys) {
            std::iota(keys, keys + allowedKeys(i, m, causal), Index{0});
          }));
    }
    runHeads(r, h, n, dvh, [&](Index a) {
      HeadResult head;
      const Variant* v = kPatterns[patterns[std::size_t(a) % patterns.size()]].variant();
      if (v) {
        Inputs slice;
        slice.q = in.q.middleCols(a * dh, dh);
        slice.k = in.k.middleCols(a * dh, dh);
        slice.v = in.v.middleCols(a * dvh, dvh);
        VariantResult alone = v->compute(slice, headParams(*v, p), cancel);
        head.output = std::move(alone.output);
        head.scoreEvaluations = alone.scoreEvaluations;
        head.sparse = alone.sparseHead(0);  // pattern variants are sparse
      } else {
        // As a pattern too, so that every head of the result is stored on its pairs (the kernel
        // computes full rows as dense tiles).
        head =
            attendSparse(in.q.middleCols(a * dh, dh), in.k.middleCols(a * dh, dh),
                         in.v.middleCols(a * dvh, dvh), 1.0f / std::sqrt(float(dh)), all, cancel);
      }
      head.sparse->headComponent = headComponent[std::size_t(a)];
      return head;
    });
    return r;
  }
};

}  // namespace

const Variant& mixedHeadsVariant() {
  static const MixedHeads v;
  return v;
}

}  // namespace atlas::core::variants
