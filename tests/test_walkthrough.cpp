// The walkthrough's steps (core/walkthrough.h) against a computation written here from
// docs/variants.md, entry by entry in double precision: the inputs, the split, the pattern or
// mask, the projections, raw scores, scaling, row maximum, exp, row sums, weights and output of
// every head and their concatenation; the last steps equal to the result's weights and output;
// skipped cells exactly where the result computed nothing; the cells each step reads and
// writes; the refusals.
#include "engine_run.h"
#include "reference_sparse_variants.h"

#include "core/walkthrough.h"

#include <QTest>

#include <cmath>
#include <functional>

using namespace atlas::core;

namespace {

using Mat = ref::Mat<double>;

/// Every matrix of one head, from the definitions (not from the walkthrough's code).
struct Expected {
  Mat q, k, v, a, b, raw, scaled, rowMax, e, rowSum, p, o;
  std::vector<std::vector<bool>> allowed;
  bool hasScale = false;
};

/// The score of pair (i, j) of a head (its slices q, k) in the variant's own function.
using ScoreFn = std::function<double(std::size_t i, std::size_t j)>;

Mat times(const Mat& x, const Matrix& w) {
  Mat out(x.size(), std::vector<double>(std::size_t(w.cols()), 0));
  for (std::size_t i = 0; i < x.size(); ++i)
    for (Index u = 0; u < w.cols(); ++u)
      for (std::size_t c = 0; c < x[i].size(); ++c)
        out[i][std::size_t(u)] += x[i][c] * w(Index(c), u);
  return out;
}

/// Head `a` of `r`, computed as docs/variants.md defines it.
Expected expectedHead(const VariantResult& r, const Inputs& in, const Variant& v, Index a,
                      const std::vector<std::size_t>& queries) {
  Expected x;
  const std::string id = r.variant;
  const auto c = v.headColumns(a, r.heads(), r.dims, r.params);
  const Mat q = ref::toMat<double>(in.q), k = ref::toMat<double>(in.k),
            vv = ref::toMat<double>(in.v);
  for (std::size_t i : queries) {
    x.q.emplace_back(q[i].begin() + c.q0, q[i].begin() + c.q0 + c.dq);
  }
  x.k = ref::cols(k, std::size_t(c.k0), std::size_t(c.dk));
  x.v = ref::cols(vv, std::size_t(c.v0), std::size_t(c.dv));
  const std::size_t n = x.q.size(), m = x.k.size();
  ScoreFn score = [&](std::size_t i, std::size_t j) { return ref::dot(x.q[i], x.k[j]); };
  if (id == "distance") {
    score = [&](std::size_t i, std::size_t j) {
      return ref::dot(x.q[i], x.k[j]) - 0.5 * ref::dot(x.k[j], x.k[j]);
    };
  } else if (id == "bilinear") {
    x.a = times(x.q, *r.params.matrix("W"));
    score = [&](std::size_t i, std::size_t j) { return ref::dot(x.a[i], x.k[j]); };
  } else if (id == "additive") {
    x.a = times(x.q, *r.params.matrix("W_q"));
    x.b = times(x.k, *r.params.matrix("W_k"));
    const Matrix& wv = *r.params.matrix("w_v");
    score = [&](std::size_t i, std::size_t j) {
      double s = 0;
      for (Index u = 0; u < wv.rows(); ++u)
        s += wv(u, 0) * std::tanh(x.a[i][std::size_t(u)] + x.b[j][std::size_t(u)]);
      return s;
    };
  }
  x.hasScale = id != "additive" && !(id == "scaled_dot" && !r.params.flag("scaled"));
  const double scale = x.hasScale ? 1.0 / std::sqrt(double(c.dk)) : 1.0;

  // Which pairs exist: the causal and padding rules, the pattern of docs/variants.md, or (lsh)
  // its rule on the buckets the result recorded.
  const bool causal = r.params.numbers.count("causal") && r.params.flag("causal");
  const std::size_t valid = r.params.numbers.count("valid_keys") && r.params.integer("valid_keys")
                                ? std::size_t(r.params.integer("valid_keys"))
                                : m;
  std::function<double(long, long)> multiplicity = [](long, long) { return 1.0; };
  std::function<bool(long, long)> allowed = [&](long i, long j) {
    return (!causal || j <= i) && std::size_t(j) < valid;
  };
  if (id == "lsh") {
    const auto& qb = r.trace.queryBuckets[std::size_t(a)];
    const auto& kb = r.trace.keyBuckets[std::size_t(a)];
    allowed = [&, causal](long i, long j) {
      return (!causal || j <= i) && (qb[std::size_t(i)] == kb[std::size_t(j)] || i == j);
    };
  } else if (id == "dilated") {
    const long w0 = r.params.integer("segment"), configs = r.params.integer("configs");
    multiplicity = [=](long i, long j) {
      double count = 0;
      for (long cfg = 0; cfg < configs; ++cfg) count += ref::dilatedCovers(w0, cfg, i, j);
      return count;
    };
    allowed = [=](long i, long j) { return (!causal || j <= i) && multiplicity(i, j) > 0; };
  } else if (r.sparse()) {
    const ref::PatternFn f = ref::patternOf(id, r.params, long(a), long(r.heads()), {});
    allowed = [=](long i, long j) { return ref::allowed(f, i, j, causal); };
  }

  x.raw = x.scaled = x.e = x.p = Mat(n, std::vector<double>(m, 0));
  x.rowMax = x.rowSum = Mat(n, std::vector<double>(1, 0));
  x.allowed.assign(n, std::vector<bool>(m, false));
  x.o = Mat(n, std::vector<double>(x.v[0].size(), 0));
  for (std::size_t i = 0; i < n; ++i) {
    const long row = long(queries[i]);
    double top = -INFINITY;
    for (std::size_t j = 0; j < m; ++j) {
      x.allowed[i][j] = allowed(row, long(j));
      x.raw[i][j] = score(i, j);
      x.scaled[i][j] = x.raw[i][j] * scale;
      if (x.allowed[i][j]) top = std::max(top, x.scaled[i][j]);
    }
    x.rowMax[i][0] = top;
    for (std::size_t j = 0; j < m; ++j)
      if (x.allowed[i][j]) {
        x.e[i][j] = multiplicity(row, long(j)) * std::exp(x.scaled[i][j] - top);
        x.rowSum[i][0] += x.e[i][j];
      }
    for (std::size_t j = 0; j < m; ++j) {
      x.p[i][j] = x.allowed[i][j] ? x.e[i][j] / x.rowSum[i][0] : 0;
      for (std::size_t col = 0; col < x.o[i].size(); ++col) x.o[i][col] += x.p[i][j] * x.v[j][col];
    }
  }
  return x;
}

/// |a - b| <= tolerance * max(1, |b|).
bool near(double a, double b, double tolerance) {
  return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

/// The table of `step` named `name` (the last one when several are).
const WalkTable* table(const WalkStep& step, const std::string& name) {
  const WalkTable* found = nullptr;
  for (const WalkTable& t : step.tables)
    if (t.name == name) found = &t;
  return found;
}

/// Checks that `t` shows `expected` (its shown part) where `computed`, and skips the rest.
void expectTable(const WalkTable* t, const Mat& expected,
                 const std::vector<std::vector<bool>>* computed, const char* what) {
  QVERIFY2(t, what);
  QCOMPARE(t->rows, Index(expected.size()));
  QCOMPARE(t->cols, Index(expected[0].size()));
  for (Index i = 0; i < t->values.rows(); ++i)
    for (Index j = 0; j < t->values.cols(); ++j) {
      const bool on = !computed || (*computed)[std::size_t(i)][std::size_t(j)];
      QVERIFY2(t->skipped(i, j) == (on ? 0 : 1),
               qPrintable(QString("%1 (%2, %3) skipped").arg(what).arg(i).arg(j)));
      if (on)
        QVERIFY2(near(t->values(i, j), expected[std::size_t(i)][std::size_t(j)], 1e-9),
                 qPrintable(QString("%1 (%2, %3): %4, expected %5")
                                .arg(what)
                                .arg(i)
                                .arg(j)
                                .arg(t->values(i, j))
                                .arg(expected[std::size_t(i)][std::size_t(j)])));
      else
        QVERIFY(std::isnan(t->values(i, j)));
    }
}

std::size_t ones(const MaskMatrix& m) { return std::size_t(m.cast<int>().sum()); }

/// The steps of head `a` (its id order), and the step with id `id` of that head.
const WalkStep* stepOf(const Walkthrough& w, const std::string& id, Index head) {
  for (const WalkStep& s : w.steps)
    if (s.id == id && s.head == head) return &s;
  return nullptr;
}

}  // namespace

class TestWalkthrough : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void stepsFollowTheDefinitions_data();
  void stepsFollowTheDefinitions();
  void wideInputsAreElidedButScoresShow();
  void refusals_data();
  void refusals();
};

void TestWalkthrough::stepsFollowTheDefinitions_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<QString>("params");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("d");
  QTest::addColumn<QString>("source");
  QTest::addColumn<QString>("order");  // the step ids of head 0 (after "inputs" and "split")
  const QString plain = "scores,scale,row_max,exp,row_sum,weights,output";
  const QString masked = "scores,scale,mask,row_max,exp,row_sum,weights,output";
  const QString pattern = "mask,scores,scale,row_max,exp,row_sum,weights,output";
  QTest::newRow("scaled_dot") << "scaled_dot"
                              << "" << 5 << 0 << 3 << "random" << plain;
  QTest::newRow("scaled_dot, unscaled") << "scaled_dot"
                                        << "scaled=0" << 4 << 6 << 3 << "random"
                                        << "scores,row_max,exp,row_sum,weights,output";
  QTest::newRow("scaled_dot, causal")
      << "scaled_dot"
      << "causal=1" << 6 << 0 << 4 << "sentence:the cat sat on the mat" << masked;
  QTest::newRow("scaled_dot, valid_keys") << "scaled_dot"
                                          << "valid_keys=3" << 4 << 5 << 3 << "random" << masked;
  QTest::newRow("scaled_dot, causal and valid_keys")
      << "scaled_dot"
      << "causal=1;valid_keys=4" << 6 << 0 << 2 << "positional" << masked;
  QTest::newRow("additive") << "additive"
                            << "hidden=5" << 4 << 5 << 3 << "random"
                            << "project,scores,row_max,exp,row_sum,weights,output";
  QTest::newRow("additive, causal") << "additive"
                                    << "causal=1" << 5 << 0 << 2 << "random"
                                    << "project,scores,mask,row_max,exp,row_sum,weights,output";
  QTest::newRow("distance") << "distance"
                            << "" << 5 << 4 << 3 << "clustered" << plain;
  QTest::newRow("bilinear, dq 5") << "bilinear"
                                  << "dq=5" << 4 << 0 << 3 << "random"
                                  << "project," + plain;
  QTest::newRow("multi_head") << "multi_head"
                              << "heads=2" << 5 << 0 << 4 << "random" << plain;
  QTest::newRow("multi_head, causal") << "multi_head"
                                      << "heads=3;causal=1" << 4 << 0 << 6 << "random" << masked;
  QTest::newRow("grouped_query") << "grouped_query"
                                 << "heads=4;groups=2" << 5 << 0 << 8 << "random" << plain;
  QTest::newRow("flash, causal") << "flash"
                                 << "causal=1;tile_q=2;tile_k=2" << 6 << 0 << 4 << "random"
                                 << masked;
  QTest::newRow("paged") << "paged"
                         << "page=2" << 7 << 0 << 4 << "random" << plain;
  QTest::newRow("local_window") << "local_window"
                                << "window=1" << 8 << 0 << 4 << "random" << pattern;
  QTest::newRow("strided, causal") << "strided"
                                   << "stride=3;causal=1" << 9 << 0 << 4 << "random" << pattern;
  QTest::newRow("dilated (multiplicities)")
      << "dilated"
      << "segment=2;configs=3" << 8 << 0 << 4 << "random" << pattern;
  QTest::newRow("mixed_heads") << "mixed_heads"
                               << "heads=2;patterns=local,strided" << 8 << 0 << 4 << "random"
                               << pattern;
  QTest::newRow("lsh (data-dependent)") << "lsh"
                                        << "buckets=4" << 10 << 0 << 4 << "clustered" << pattern;
}

void TestWalkthrough::stepsFollowTheDefinitions() {
  QFETCH(QString, variant);
  QFETCH(QString, params);
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(int, d);
  QFETCH(QString, source);
  QFETCH(QString, order);
  const Variant& v = requireVariant(variant.toStdString());
  const JobOutcome out = testrun::run(v, testrun::params(v, params, 3), {source, n, m, d, 0, 3});
  QVERIFY2(out.ok(), out.message().c_str());
  const VariantResult& r = *out.result;
  const Inputs& in = *out.inputs;
  const Walkthrough w = buildWalkthrough(r, in, v);
  QVERIFY2(w.refusal.empty(), w.refusal.english().c_str());
  QCOMPARE(w.heads, r.heads());
  QVERIFY(w.largestDifference <= 1e-5);

  // The queries that attend: every row, or (decoding) the last.
  std::vector<std::size_t> queries;
  for (Index i = variant == "paged" ? in.q.rows() - 1 : 0; i < in.q.rows(); ++i)
    queries.push_back(std::size_t(i));
  const bool many = r.heads() > 1;
  const Index first = many ? 0 : -1;

  // 1. The order: inputs, then per head (split,) its steps, then (concat).
  QStringList ids;
  for (const WalkStep& s : w.steps)
    if (s.head == first || s.head == -1) ids << QString::fromStdString(s.id);
  QStringList expectedIds = {"inputs"};
  if (many) expectedIds << "split";
  expectedIds << order.split(',');
  if (many) expectedIds << "concat";
  QCOMPARE(ids, expectedIds);
  const int perHead = int(order.split(',').size()) + (many ? 1 : 0);
  QCOMPARE(int(w.steps.size()), 1 + int(r.heads()) * perHead + (many ? 1 : 0));

  // 2. Inputs: Q (the attending rows), K and V as they are, with the token labels.
  const WalkStep& inputs = w.steps.front();
  Mat q;
  for (std::size_t i : queries) q.push_back(ref::toMat<double>(in.q)[i]);
  expectTable(table(inputs, "Q"), q, nullptr, "Q");
  expectTable(table(inputs, "K"), ref::toMat<double>(in.k), nullptr, "K");
  expectTable(table(inputs, "V"), ref::toMat<double>(in.v), nullptr, "V");
  if (!in.queryTokens.empty()) {
    QCOMPARE(table(inputs, "Q")->rowLabels.back(), in.queryTokens.back());
    QCOMPARE(table(inputs, "K")->rowLabels, in.keyTokens);
  }

  Mat concat(queries.size());
  for (Index a = 0; a < r.heads(); ++a) {
    const Index head = many ? a : -1;
    const Expected x = expectedHead(r, in, v, a, queries);
    const auto c = v.headColumns(a, r.heads(), r.dims, r.params);
    const std::string sub = many ? std::string(a == 0   ? "₁"
                                               : a == 1 ? "₂"
                                               : a == 2 ? "₃"
                                                        : "₄")
                                 : std::string();
    // 3. The split: the head's columns read, its slices written.
    if (many) {
      const WalkStep* split = stepOf(w, "split", head);
      QVERIFY(split);
      const WalkTable* qt = table(*split, "Q");
      QVERIFY(qt);
      for (Index col = 0; col < qt->values.cols(); ++col)
        QCOMPARE(qt->read(0, col) != 0, col >= c.q0 && col < c.q0 + c.dq);
      expectTable(table(*split, "Q" + sub), x.q, nullptr, "Q_a");
      QCOMPARE(ones(table(*split, "Q" + sub)->written), std::size_t(x.q.size() * x.q[0].size()));
    }
    // 4. The pattern (sparse) or the mask (dense): skipped exactly where the result computed
    //    nothing, and where the definition allows no pair.
    std::vector<std::vector<bool>> computedByResult(x.allowed.size(),
                                                    std::vector<bool>(x.allowed[0].size()));
    for (std::size_t i = 0; i < x.allowed.size(); ++i)
      for (std::size_t j = 0; j < x.allowed[i].size(); ++j) {
        computedByResult[i][j] =
            r.computed(a, variant == "paged" ? 0 : Index(queries[i]), Index(j));
        QCOMPARE(computedByResult[i][j], bool(x.allowed[i][j]));
      }
    if (const WalkStep* mask = stepOf(w, "mask", head)) {
      const WalkTable& t = mask->tables.back();
      for (std::size_t i = 0; i < x.allowed.size(); ++i)
        for (std::size_t j = 0; j < x.allowed[i].size(); ++j) {
          QCOMPARE(t.skipped(Index(i), Index(j)) != 0, !x.allowed[i][j]);
          // A pattern writes its pairs; a mask writes the pairs it takes away.
          QCOMPARE(t.written(Index(i), Index(j)) != 0,
                   r.sparse() ? bool(x.allowed[i][j]) : !x.allowed[i][j]);
        }
    }
    // 5. Projections, scores and every step of the softmax.
    if (!x.a.empty()) {
      const WalkStep* project = stepOf(w, "project", head);
      QVERIFY(project);
      expectTable(table(*project, variant == "bilinear" ? "QW" : "A"), x.a, nullptr, "A");
      if (!x.b.empty()) expectTable(table(*project, "B"), x.b, nullptr, "B");
    }
    const auto* pattern = r.sparse() ? &x.allowed : nullptr;
    const WalkStep* scores = stepOf(w, "scores", head);
    QVERIFY(scores);
    expectTable(&scores->tables.back(), x.raw, pattern, "S");
    QCOMPARE(ones(scores->tables.back().written),
             r.sparse() ? std::size_t(r.pairs(a)) : x.raw.size() * x.raw[0].size());
    if (x.hasScale) expectTable(table(*stepOf(w, "scale", head), "S′"), x.scaled, pattern, "S′");
    QCOMPARE(stepOf(w, "scale", head) != nullptr, x.hasScale);
    const std::string current = x.hasScale ? "S′" : "S";
    const WalkStep* rowMax = stepOf(w, "row_max", head);
    expectTable(table(*rowMax, current), x.scaled, &x.allowed, "masked scores");
    expectTable(table(*rowMax, "m"), x.rowMax, nullptr, "m");
    QCOMPARE(ones(table(*rowMax, "m")->written), x.rowMax.size());
    const WalkStep* exps = stepOf(w, "exp", head);
    expectTable(table(*exps, "E"), x.e, &x.allowed, "E");
    QVERIFY(table(*exps, "m")->read.all());
    QCOMPARE(table(*exps, "C") != nullptr, variant == "dilated");
    expectTable(table(*stepOf(w, "row_sum", head), "l"), x.rowSum, nullptr, "l");
    const WalkTable* p = table(*stepOf(w, "weights", head), "P");
    expectTable(p, x.p, &x.allowed, "P");
    expectTable(table(*stepOf(w, "output", head), "O" + sub), x.o, nullptr, "O_a");
    // 6. The last steps are the result's: weights within 1e-5 relative, skipped where its mask
    //    is 0, never shown as 0.
    for (Index i = 0; i < p->values.rows(); ++i)
      for (Index j = 0; j < p->values.cols(); ++j) {
        const Index row = variant == "paged" ? 0 : Index(queries[std::size_t(i)]);
        QCOMPARE(p->skipped(i, j) != 0, !r.computed(a, row, j));
        if (!p->skipped(i, j)) QVERIFY(near(p->values(i, j), r.weight(a, row, j), 1e-5));
      }
    const WalkTable* o = table(*stepOf(w, "output", head), "O" + sub);
    for (Index i = 0; i < o->values.rows(); ++i) {
      for (Index col = 0; col < o->values.cols(); ++col)
        QVERIFY(near(o->values(i, col),
                     r.output(variant == "paged" ? 0 : i, o->values.cols() * a + col), 1e-5));
      concat[std::size_t(i)].insert(concat[std::size_t(i)].end(), x.o[std::size_t(i)].begin(),
                                    x.o[std::size_t(i)].end());
    }
    // 7. Every step but the inputs reads and writes, and works one entry out that it marks.
    for (const WalkStep& s : w.steps) {
      if (s.head != head || s.id == "split" || s.id == "inputs" || s.id == "concat") continue;
      std::size_t read = 0, written = 0, example = 0;
      for (const WalkTable& t : s.tables) {
        QCOMPARE(t.read.rows(), t.values.rows());
        QCOMPARE(t.written.cols(), t.values.cols());
        QCOMPARE(Index(t.rowLabels.size()), t.values.rows());
        QCOMPARE(Index(t.colLabels.size()), t.values.cols());
        read += ones(t.read);
        written += ones(t.written);
        example += ones(t.example);
      }
      QVERIFY2(read > 0 || s.id == "mask", s.id.c_str());
      QVERIFY2(written > 0, s.id.c_str());
      QVERIFY2(!s.example.empty() && example > 0, s.id.c_str());
      QVERIFY(!s.formula.empty());
    }
  }
  // 8. The output: the heads side by side, equal to the result's.
  const WalkTable& last =
      many ? *table(*stepOf(w, "concat", -1), "O") : *table(w.steps.back(), "O");
  QCOMPARE(w.steps.back().id, std::string(many ? "concat" : "output"));
  expectTable(&last, concat, nullptr, "O");
  for (Index i = 0; i < last.values.rows(); ++i)
    for (Index col = 0; col < last.values.cols(); ++col)
      QVERIFY(near(last.values(i, col), r.output(variant == "paged" ? 0 : i, col), 1e-5));
}

void TestWalkthrough::wideInputsAreElidedButScoresShow() {
  const Variant& v = requireVariant("scaled_dot");
  const JobOutcome out = testrun::run(v, testrun::params(v, "", 1), {"random", 4, 0, 20, 24, 1});
  QVERIFY(out.ok());
  const Walkthrough w = buildWalkthrough(*out.result, *out.inputs, v);
  QVERIFY(w.refusal.empty());
  const WalkTable& q = w.steps.front().tables.front();
  QVERIFY(q.elided());
  QCOMPARE(q.cols, Index(20));
  QCOMPARE(q.values.cols(), kWalkMaxShown);
  QCOMPARE(q.colLabels.size(), std::size_t(kWalkMaxShown));
  const WalkStep* scores = stepOf(w, "scores", -1);
  QVERIFY(scores && !scores->tables.back().elided());
  QCOMPARE(scores->tables.back().values.cols(), Index(4));
  QVERIFY(table(w.steps.back(), "O")->elided());
}

void TestWalkthrough::refusals_data() {
  QTest::addColumn<QString>("variant");
  QTest::addColumn<int>("n");
  QTest::addColumn<int>("m");
  QTest::addColumn<QString>("starts");  // the refusal's first words
  const QString large = "The walkthrough writes out every number";
  const QString other = "The walkthrough follows attention";
  QTest::newRow("N = 13") << "scaled_dot" << 13 << 0 << large;
  QTest::newRow("M = 13") << "multi_head" << 4 << 13 << large;
  QTest::newRow("local_window, N = 16") << "local_window" << 16 << 0 << large;
  for (const char* id : {"linformer", "compressed", "linear", "performer", "synthesizer_dense",
                         "synthesizer_random", "aft"})
    QTest::newRow(id) << id << 6 << 0 << other;
}

void TestWalkthrough::refusals() {
  QFETCH(QString, variant);
  QFETCH(int, n);
  QFETCH(int, m);
  QFETCH(QString, starts);
  const Variant& v = requireVariant(variant.toStdString());
  const JobOutcome out = testrun::run(v, testrun::params(v, "", 2), {"random", n, m, 4, 0, 2});
  QVERIFY2(out.ok(), out.message().c_str());
  const Walkthrough w = buildWalkthrough(*out.result, *out.inputs, v);
  QVERIFY(w.steps.empty());
  QVERIFY(QString::fromStdString(w.refusal.english()).startsWith(starts));
  if (starts.contains("every number")) {
    QCOMPARE(w.refusal.args.front(), std::string("12"));
    QVERIFY(w.refusal.english().find("N = " + std::to_string(n)) != std::string::npos);
  }
}

QTEST_MAIN(TestWalkthrough)
#include "test_walkthrough.moc"
