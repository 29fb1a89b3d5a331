// The walkthrough's plan: which variants it follows and how (their score function, scaling,
// masks, heads), the steps around the heads (the inputs, the split, the concatenation) and the
// check of the recomputed numbers against the result.
#include "walkthrough_build.h"

#include <cmath>
#include <cstdio>
#include <optional>

namespace atlas::core {
namespace {

using walk::HeadPlan;
using walk::makeTable;
using walk::markAll;
using walk::markCol;
using walk::Plan;
using walk::Score;

/// The dense variants the walkthrough follows, and the few parameters it reads to say what they
/// do (by name: this table is the one place outside the variants that knows them).
struct Covered {
  const char* id;
  Score score;
  const char* scaledParam = nullptr;   ///< a flag that turns the scaling off
  const char* paddingParam = nullptr;  ///< the first padding key (0: none)
  bool scaled = true;                  ///< divides by the square root of the head's width
  bool lastQuery = false;              ///< decoding: only the last query attends
};

const Covered kDense[] = {
    {"scaled_dot", Score::Dot, "scaled", "valid_keys"},
    {"multi_head", Score::Dot},
    {"grouped_query", Score::Dot},
    {"additive", Score::Additive, nullptr, nullptr, false},
    {"distance", Score::Distance},
    {"bilinear", Score::Bilinear},
    {"flash", Score::Dot},
    {"paged", Score::Dot, nullptr, nullptr, true, true},
};

std::vector<std::string> labelsOf(const std::vector<std::string>& tokens,
                                  const std::vector<Index>& rows) {
  std::vector<std::string> out;
  for (Index i : rows)
    out.push_back(std::size_t(i) < tokens.size() ? tokens[std::size_t(i)] : std::to_string(i));
  return out;
}

std::vector<Index> range(Index first, Index count) {
  std::vector<Index> out;
  for (Index i = first; i < first + count; ++i) out.push_back(i);
  return out;
}

MatrixD rowsOf(const Matrix& m, const std::vector<Index>& rows) {
  MatrixD out(Index(rows.size()), m.cols());
  for (std::size_t r = 0; r < rows.size(); ++r) out.row(Index(r)) = m.row(rows[r]).cast<double>();
  return out;
}

/// The plan of a result the walkthrough follows; nothing (and `why`) for the others.
std::optional<Plan> planFor(const VariantResult& r, const Inputs& in, const Variant& v,
                            WalkText& why, WalkText& note) {
  const std::string id = v.id();
  const Covered* covered = nullptr;
  for (const Covered& c : kDense)
    if (id == c.id) covered = &c;
  if (r.pooled() || (!r.sparse() && !covered) || r.heads() == 0) {
    why = {ATLAS_TR_NOOP("Walkthrough",
                         "The walkthrough follows attention whose weights are a softmax of "
                         "query–key scores over pairs; this variant forms its weights another "
                         "way. Its Explanation and the Teaching view show how."),
           {}};
    return std::nullopt;
  }
  Plan plan;
  plan.sparse = r.sparse();
  plan.score = covered ? covered->score : Score::Dot;
  plan.queries = covered && covered->lastQuery ? range(in.q.rows() - 1, 1) : range(0, in.q.rows());
  plan.queryLabels = labelsOf(in.queryTokens, plan.queries);
  plan.keyLabels = labelsOf(in.keyTokens, range(0, in.k.rows()));
  bool scaled = !covered || covered->scaled;
  if (covered && covered->scaledParam && r.params.numbers.count(covered->scaledParam))
    scaled = r.params.flag(covered->scaledParam);
  if (plan.score == Score::Additive) {
    plan.wq = r.params.matrix("W_q");
    plan.wk = r.params.matrix("W_k");
    plan.wv = r.params.matrix("w_v");
  } else if (plan.score == Score::Bilinear) {
    plan.wq = r.params.matrix("W");
  }
  const Index heads = r.heads(), m = in.k.rows();
  plan.grouped = id == "grouped_query";
  Index outCol = 0;
  for (Index h = 0; h < heads; ++h) {
    HeadPlan hp;
    hp.head = h;
    hp.cols = v.headColumns(h, heads, r.dims, r.params);
    hp.outCol = outCol;
    outCol += hp.cols.dv;
    if (plan.grouped) hp.group = hp.cols.dk > 0 ? hp.cols.k0 / hp.cols.dk : 0;
    hp.scaled = scaled;
    hp.scale = 1.0 / std::sqrt(double(hp.cols.dk));
    const Index n = Index(plan.queries.size());
    // The result's rows: one per query, or the last query's alone (decoding).
    const bool oneRow = r.weightRows() == 1 && n == 1;
    hp.allowed.resize(n, m);
    for (Index i = 0; i < n; ++i)
      for (Index j = 0; j < m; ++j)
        hp.allowed(i, j) = r.computed(h, oneRow ? 0 : plan.queries[std::size_t(i)], j) ? 1 : 0;
    if (plan.sparse && !r.sparseHead(h).pattern->multiplicity.empty()) {
      const SparseWeights& w = r.sparseHead(h);
      hp.multiplicity.setZero(n, m);
      w.forEach([&](Index i, Index j, std::size_t pair) {
        hp.multiplicity(i, j) = w.pattern->multiplicity[pair];
      });
    }
    plan.heads.push_back(std::move(hp));
  }
  if (plan.wq == nullptr && (plan.score == Score::Additive || plan.score == Score::Bilinear)) {
    why = {ATLAS_TR_NOOP("Walkthrough",
                         "This result does not hold the matrices its scores were made with, so "
                         "the walkthrough cannot recompute them."),
           {}};
    return std::nullopt;
  }
  if (plan.grouped) plan.groups = in.k.cols() / std::max<Index>(1, plan.heads[0].cols.dk);

  // Why pairs are masked (a dense result's mask; a pattern's are its own).
  const std::vector<ParamSpec> specs = v.params();
  const ParamSpec* causalSpec = findRole(specs, ParamRole::Causal);
  const bool causal =
      causalSpec && r.params.numbers.count(causalSpec->name) && r.params.flag(causalSpec->name);
  Index valid = 0;
  if (covered && covered->paddingParam && r.params.numbers.count(covered->paddingParam))
    valid = r.params.integer(covered->paddingParam);
  const bool padding = valid > 0 && valid < m;
  plan.paddingFrom = padding ? valid : 0;
  plan.mask = causal && padding ? walk::MaskReason::CausalAndPadding
              : causal          ? walk::MaskReason::Causal
              : padding         ? walk::MaskReason::Padding
                                : walk::MaskReason::Other;

  if (id == "flash")
    note = {ATLAS_TR_NOOP("Walkthrough",
                          "FlashAttention computes exactly these numbers, tile by tile with a "
                          "running maximum and sum; the Teaching view shows its schedule."),
            {}};
  else if (id == "paged")
    note = {ATLAS_TR_NOOP("Walkthrough",
                          "Paged attention decodes one token: only the last query attends, reading "
                          "the keys and values through the block table. The numbers are those of "
                          "scaled dot-product attention."),
            {}};
  else if (plan.grouped)
    note = {ATLAS_TR_NOOP("Walkthrough",
                          "Grouped-query attention: %1 query heads share %2 groups of keys and "
                          "values, %3 heads to a group."),
            {std::to_string(heads), std::to_string(plan.groups),
             std::to_string(heads / std::max<Index>(1, plan.groups))}};
  else if (v.family() == Family::DataDependent)
    note = {ATLAS_TR_NOOP("Walkthrough",
                          "The pattern comes from the data (buckets, clusters or routing) and is "
                          "taken here as the result computed it; the scores are scaled dot "
                          "products on its pairs."),
            {}};
  else if (covered && covered->scaledParam && !scaled)
    note = {ATLAS_TR_NOOP("Walkthrough",
                          "Scaling is off: the raw dot products go straight into the softmax."),
            {}};
  return plan;
}

WalkStep inputsStep(const Plan& plan, const Inputs& in) {
  WalkStep s;
  s.id = "inputs";
  s.title = ATLAS_TR_NOOP("Walkthrough", "Tokens, queries, keys and values");
  const MatrixD q = rowsOf(in.q, plan.queries);
  s.formula = {
      ATLAS_TR_NOOP("Walkthrough",
                    "One row per token: Q is %1 × %2, K is %3 × %4 and V is %5 × %6."),
      {std::to_string(q.rows()), std::to_string(q.cols()), std::to_string(in.k.rows()),
       std::to_string(in.k.cols()), std::to_string(in.v.rows()), std::to_string(in.v.cols())}};
  s.tables.push_back(makeTable("Q", ATLAS_TR_NOOP("Walkthrough", "queries"), q, plan.queryLabels,
                               walk::indexLabels(0, q.cols())));
  s.tables.push_back(makeTable("K", ATLAS_TR_NOOP("Walkthrough", "keys"), in.k.cast<double>(),
                               plan.keyLabels, walk::indexLabels(0, in.k.cols())));
  s.tables.push_back(makeTable("V", ATLAS_TR_NOOP("Walkthrough", "values"), in.v.cast<double>(),
                               plan.keyLabels, walk::indexLabels(0, in.v.cols())));
  return s;
}

/// Head h's columns of the inputs: the three matrices read, their slices written.
WalkStep splitStep(const Plan& plan, const HeadPlan& h, const Inputs& in) {
  WalkStep s;
  s.id = "split";
  s.head = h.head;
  s.title = ATLAS_TR_NOOP("Walkthrough", "Split into heads");
  const auto last = [](Index first, Index width) { return std::to_string(first + width - 1); };
  if (plan.grouped) {
    s.formula = {
        ATLAS_TR_NOOP("Walkthrough",
                      "Head %1 takes columns %2–%3 of Q; its group %4 takes columns "
                      "%5–%6 of K and %7–%8 of V."),
        {std::to_string(h.head + 1), std::to_string(h.cols.q0), last(h.cols.q0, h.cols.dq),
         std::to_string(h.group + 1), std::to_string(h.cols.k0), last(h.cols.k0, h.cols.dk),
         std::to_string(h.cols.v0), last(h.cols.v0, h.cols.dv)}};
  } else {
    s.formula = {
        ATLAS_TR_NOOP("Walkthrough", "Head %1 takes columns %2–%3 of Q and K and %4–%5 of V."),
        {std::to_string(h.head + 1), std::to_string(h.cols.q0), last(h.cols.q0, h.cols.dq),
         std::to_string(h.cols.v0), last(h.cols.v0, h.cols.dv)}};
  }
  const std::string head = walk::subscript(h.head + 1);
  const std::string group = plan.grouped ? walk::subscript(h.group + 1) : head;
  struct Part {
    const char* name;
    const char* caption;
    MatrixD all;
    Index first, width;
    const std::vector<std::string>* labels;
    std::string slice;
  };
  const Part parts[] = {{"Q", ATLAS_TR_NOOP("Walkthrough", "queries"), rowsOf(in.q, plan.queries),
                         h.cols.q0, h.cols.dq, &plan.queryLabels, "Q" + head},
                        {"K", ATLAS_TR_NOOP("Walkthrough", "keys"), in.k.cast<double>(), h.cols.k0,
                         h.cols.dk, &plan.keyLabels, "K" + group},
                        {"V", ATLAS_TR_NOOP("Walkthrough", "values"), in.v.cast<double>(),
                         h.cols.v0, h.cols.dv, &plan.keyLabels, "V" + group}};
  for (const Part& p : parts) {
    WalkTable t =
        makeTable(p.name, p.caption, p.all, *p.labels, walk::indexLabels(0, p.all.cols()));
    for (Index c = p.first; c < p.first + p.width; ++c) markCol(t, t.read, c);
    s.tables.push_back(std::move(t));
  }
  for (const Part& p : parts) {
    WalkTable t = makeTable(p.slice, p.caption, p.all.middleCols(p.first, p.width), *p.labels,
                            walk::indexLabels(p.first, p.width));
    markAll(t, t.written);
    s.tables.push_back(std::move(t));
  }
  return s;
}

WalkStep concatStep(const Plan& plan, const std::vector<MatrixD>& outputs) {
  WalkStep s;
  s.id = "concat";
  s.title = ATLAS_TR_NOOP("Walkthrough", "Concatenate the heads");
  Index width = 0;
  for (const MatrixD& o : outputs) width += o.cols();
  s.formula = {ATLAS_TR_NOOP("Walkthrough",
                             "O = [O₁ O₂ … Oₕ]: the %1 heads' outputs side by side, %2 columns."),
               {std::to_string(outputs.size()), std::to_string(width)}};
  MatrixD all(Index(plan.queries.size()), width);
  for (std::size_t h = 0; h < outputs.size(); ++h) {
    const HeadPlan& hp = plan.heads[h];
    all.middleCols(hp.outCol, hp.cols.dv) = outputs[h];
    WalkTable t = makeTable(std::string("O").append(walk::subscript(Index(h) + 1)),
                            ATLAS_TR_NOOP("Walkthrough", "output"), outputs[h], plan.queryLabels,
                            walk::indexLabels(hp.outCol, hp.cols.dv));
    markAll(t, t.read);
    s.tables.push_back(std::move(t));
  }
  WalkTable o = makeTable("O", ATLAS_TR_NOOP("Walkthrough", "output"), all, plan.queryLabels,
                          walk::indexLabels(0, width));
  markAll(o, o.written);
  s.tables.push_back(std::move(o));
  return s;
}

/// |a - b| / max(1, |b|): relative for large numbers, absolute for small ones.
double difference(double a, double b) { return std::abs(a - b) / std::max(1.0, std::abs(b)); }

}  // namespace

Walkthrough buildWalkthrough(const VariantResult& r, const Inputs& in, const Variant& v) {
  Walkthrough w;
  const InputDims d = in.dims();
  if (d.n > kWalkMaxTokens || d.m > kWalkMaxTokens) {
    w.refusal = {ATLAS_TR_NOOP("Walkthrough",
                               "The walkthrough writes out every number, so it takes at most %1 "
                               "queries and %1 keys; this result has N = %2 and M = %3. Choose a "
                               "smaller N, or see the Teaching view."),
                 {std::to_string(kWalkMaxTokens), std::to_string(d.n), std::to_string(d.m)}};
    return w;
  }
  const std::optional<Plan> plan = planFor(r, in, v, w.refusal, w.note);
  if (!plan) return w;
  w.heads = Index(plan->heads.size());
  w.steps.push_back(inputsStep(*plan, in));
  std::vector<MatrixD> outputs;
  for (const HeadPlan& h : plan->heads) {
    if (plan->heads.size() > 1) w.steps.push_back(splitStep(*plan, h, in));
    const walk::HeadOutcome got = walk::headSteps(*plan, h, in, w.steps);
    // The check: the recomputed weights and output are the result's.
    const bool oneRow = r.weightRows() == 1 && plan->queries.size() == 1;
    for (Index i = 0; i < got.weights.rows(); ++i) {
      const Index row = oneRow ? 0 : plan->queries[std::size_t(i)];
      for (Index j = 0; j < got.weights.cols(); ++j)
        w.largestDifference =
            std::max(w.largestDifference, difference(got.weights(i, j), r.weight(h.head, row, j)));
      for (Index c = 0; c < got.output.cols(); ++c)
        w.largestDifference =
            std::max(w.largestDifference,
                     difference(got.output(i, c), r.output(oneRow ? 0 : row, h.outCol + c)));
    }
    outputs.push_back(got.output);
  }
  if (plan->heads.size() > 1) w.steps.push_back(concatStep(*plan, outputs));
  if (!(w.largestDifference <= 1e-3)) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1e", w.largestDifference);
    w.steps.clear();
    w.note = {};
    w.refusal = {ATLAS_TR_NOOP("Walkthrough",
                               "The walkthrough's recomputation differs from this result (by %1), "
                               "so it is not shown."),
                 {text}};
  }
  return w;
}

}  // namespace atlas::core
