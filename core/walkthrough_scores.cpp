// The walkthrough's numbers of one head, computed in double precision from the inputs, and its
// first steps: the pattern, the projections and the raw scores in the variant's own score
// function. The steps after them are in walkthrough_steps.cpp.
#include "walkthrough_build.h"

#include <cmath>
#include <limits>

namespace atlas::core::walk {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Rows `rows` and columns [c0, c0 + w) of m, in double.
MatrixD slice(const Matrix& m, const std::vector<Index>& rows, Index c0, Index w) {
  MatrixD out(Index(rows.size()), w);
  for (std::size_t r = 0; r < rows.size(); ++r)
    out.row(Index(r)) = m.row(rows[r]).segment(c0, w).cast<double>();
  return out;
}

std::vector<Index> allRows(Index n) {
  std::vector<Index> rows(std::size_t(n), 0);
  for (Index i = 0; i < n; ++i) rows[std::size_t(i)] = i;
  return rows;
}

}  // namespace

Numbers computeHead(const Plan& plan, const HeadPlan& h, const Inputs& in) {
  Numbers x;
  const Index n = Index(plan.queries.size()), m = in.k.rows();
  x.q = slice(in.q, plan.queries, h.cols.q0, h.cols.dq);
  x.k = slice(in.k, allRows(m), h.cols.k0, h.cols.dk);
  x.v = slice(in.v, allRows(m), h.cols.v0, h.cols.dv);
  switch (plan.score) {
    case Score::Dot:
      x.raw = x.q * x.k.transpose();
      break;
    case Score::Distance:
      x.halfNorm = 0.5 * x.k.rowwise().squaredNorm();
      x.raw = x.q * x.k.transpose();
      x.raw.rowwise() -= x.halfNorm.col(0).transpose();
      break;
    case Score::Bilinear:
      x.a = x.q * plan.wq->cast<double>();
      x.raw = x.a * x.k.transpose();
      break;
    case Score::Additive: {
      x.a = x.q * plan.wq->cast<double>();
      x.b = x.k * plan.wk->cast<double>();
      const MatrixD wv = plan.wv->cast<double>();
      x.raw.setZero(n, m);
      for (Index i = 0; i < n; ++i)
        for (Index j = 0; j < m; ++j)
          for (Index u = 0; u < wv.rows(); ++u)
            x.raw(i, j) += wv(u, 0) * std::tanh(x.a(i, u) + x.b(j, u));
      break;
    }
  }
  x.scaled = h.scaled ? MatrixD(x.raw * h.scale) : x.raw;
  x.rowMax.setConstant(n, 1, kNaN);
  x.e.setZero(n, m);
  x.rowSum.setZero(n, 1);
  x.p.setZero(n, m);
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < m; ++j)
      if (h.allowed(i, j) && !(x.scaled(i, j) <= x.rowMax(i, 0))) x.rowMax(i, 0) = x.scaled(i, j);
    for (Index j = 0; j < m; ++j)
      if (h.allowed(i, j)) {
        const double c = h.multiplicity.size() ? h.multiplicity(i, j) : 1.0;
        x.e(i, j) = c * std::exp(x.scaled(i, j) - x.rowMax(i, 0));
        x.rowSum(i, 0) += x.e(i, j);
      }
    if (x.rowSum(i, 0) > 0) x.p.row(i) = x.e.row(i) / x.rowSum(i, 0);
  }
  x.o = x.p * x.v;
  // The example: the row with the most computed pairs, at its largest weight.
  Index best = -1;
  for (Index i = 0; i < n; ++i) {
    const Index count = h.allowed.row(i).cast<Index>().sum();
    if (count > best) best = count, x.fi = i;
  }
  for (Index j = 0; j < m; ++j)
    if (h.allowed(x.fi, j) && (!h.allowed(x.fi, x.fj) || x.p(x.fi, j) > x.p(x.fi, x.fj))) x.fj = j;
  return x;
}

HeadWriter::HeadWriter(const Plan& plan, const HeadPlan& h, const Numbers& x,
                       std::vector<WalkStep>& steps)
    : m_plan(plan), m_h(h), m_x(x), m_steps(steps) {
  const bool many = plan.heads.size() > 1;
  const std::string head = many ? subscript(h.head + 1) : "";
  const std::string group = plan.grouped ? subscript(h.group + 1) : head;
  m_qName = "Q" + head;
  m_kName = "K" + group;
  m_vName = "V" + group;
  m_oName = "O" + head;
  m_sym = h.scaled ? "s′" : "s";
  m_scoreName = h.scaled ? "S′" : "S";
}

void HeadWriter::write() {
  if (m_plan.sparse && m_h.maskedPairs() > 0) pattern();
  if (m_plan.score == Score::Additive || m_plan.score == Score::Bilinear) project();
  scores();
  if (m_h.scaled) scale();
  if (!m_plan.sparse && m_h.maskedPairs() > 0) mask();
  rowMax();
  exps();
  rowSums();
  weights();
  output();
}

WalkStep& HeadWriter::step(const char* id, const char* title, WalkText formula) {
  WalkStep s;
  s.id = id;
  s.head = m_plan.heads.size() > 1 ? m_h.head : -1;
  s.title = title;
  s.formula = std::move(formula);
  m_steps.push_back(std::move(s));
  return m_steps.back();
}

std::vector<std::string> HeadWriter::features(Index first, Index count) const {
  return indexLabels(first, count);
}

WalkTable HeadWriter::queries() const {
  return makeTable(m_qName, ATLAS_TR_NOOP("Walkthrough", "queries"), m_x.q, m_plan.queryLabels,
                   features(m_h.cols.q0, m_h.cols.dq));
}

WalkTable HeadWriter::keys() const {
  return makeTable(m_kName, ATLAS_TR_NOOP("Walkthrough", "keys"), m_x.k, m_plan.keyLabels,
                   features(m_h.cols.k0, m_h.cols.dk));
}

/// A queries x keys table: skipped where the pair is never computed (always, once `masked`).
WalkTable HeadWriter::pairs(std::string name, const char* caption, const MatrixD& values,
                            bool masked) const {
  WalkTable t = makeTable(std::move(name), caption, values, m_plan.queryLabels, m_plan.keyLabels);
  if (masked) markSkipped(t, m_h.allowed);
  return t;
}

/// A column of one value per query.
WalkTable HeadWriter::perQuery(std::string name, const char* caption, const MatrixD& values) const {
  WalkTable t = makeTable(name, caption, values, m_plan.queryLabels, {name});
  MaskMatrix any(values.rows(), 1);
  for (Index i = 0; i < values.rows(); ++i) any(i, 0) = m_h.allowed.row(i).any() ? 1 : 0;
  markSkipped(t, any);
  return t;
}

/// The examples' row of the score matrix: "0.42, −0.10, …" over its computed pairs.
std::vector<std::string> HeadWriter::rowTerms(const MatrixD& values) const {
  std::vector<std::string> terms;
  for (Index j = 0; j < values.cols(); ++j)
    if (m_h.allowed(m_x.fi, j)) terms.push_back(number(values(m_x.fi, j)));
  return terms;
}

void HeadWriter::pattern() {
  WalkStep& s =
      step("mask", ATLAS_TR_NOOP("Walkthrough", "The pattern"),
           {ATLAS_TR_NOOP("Walkthrough",
                          "Only the pattern's pairs (i, j) are computed: %1 of %2. The others "
                          "are skipped: no score, weight 0."),
            {std::to_string(m_h.allowed.size() - m_h.maskedPairs()),
             std::to_string(m_h.allowed.size())}});
  WalkTable t = pairs("M", ATLAS_TR_NOOP("Walkthrough", "pairs computed"),
                      MatrixD::Ones(m_h.allowed.rows(), m_h.allowed.cols()));
  markComputed(t, t.written);
  markRow(t, t.example, m_x.fi);
  std::string keys;
  for (Index j = 0; j < m_h.allowed.cols(); ++j)
    if (m_h.allowed(m_x.fi, j)) keys += (keys.empty() ? "" : ", ") + std::to_string(j);
  s.example = at(m_x.fi, -1) + "j ∈ {" + keys + "}";
  s.tables.push_back(std::move(t));
}

void HeadWriter::project() {
  const Index fi = m_x.fi;
  if (m_plan.score == Score::Bilinear) {
    WalkStep& s = step(
        "project", ATLAS_TR_NOOP("Walkthrough", "Queries times W"),
        {ATLAS_TR_NOOP("Walkthrough", "(QW)ᵢ = qᵢᵀ W: each query times the bilinear matrix"), {}});
    WalkTable q = queries(),
              w = makeTable("W", ATLAS_TR_NOOP("Walkthrough", "bilinear matrix"),
                            m_plan.wq->cast<double>(), features(0, m_plan.wq->rows()),
                            features(0, m_plan.wq->cols()));
    WalkTable qw = makeTable("QW", ATLAS_TR_NOOP("Walkthrough", "projected queries"), m_x.a,
                             m_plan.queryLabels, features(0, m_x.a.cols()));
    markAll(q, q.read);
    markAll(w, w.read);
    markAll(qw, qw.written);
    markRow(q, q.example, fi);
    markCol(w, w.example, 0);
    markEntry(qw, qw.example, fi, 0);
    s.example = at(fi, -1, 0) +
                products(m_x.q.row(fi), m_plan.wq->col(0).cast<double>().transpose()) + " = " +
                number(m_x.a(fi, 0));
    s.tables = {std::move(q), std::move(w), std::move(qw)};
    return;
  }
  WalkStep& s = step("project", ATLAS_TR_NOOP("Walkthrough", "Project queries and keys"),
                     {ATLAS_TR_NOOP("Walkthrough",
                                    "aᵢ = W_qᵀ qᵢ and bⱼ = W_kᵀ kⱼ, each of the "
                                    "%1 hidden units"),
                      {std::to_string(m_x.a.cols())}});
  const auto param = [&](const char* name, const char* caption, const Matrix& w) {
    WalkTable t =
        makeTable(name, caption, w.cast<double>(), features(0, w.rows()), features(0, w.cols()));
    markAll(t, t.read);
    return t;
  };
  WalkTable q = queries(), k = keys();
  WalkTable wq = param("W_q", ATLAS_TR_NOOP("Walkthrough", "query projection"), *m_plan.wq);
  WalkTable wk = param("W_k", ATLAS_TR_NOOP("Walkthrough", "key projection"), *m_plan.wk);
  WalkTable a = makeTable("A", ATLAS_TR_NOOP("Walkthrough", "projected queries"), m_x.a,
                          m_plan.queryLabels, features(0, m_x.a.cols()));
  WalkTable b = makeTable("B", ATLAS_TR_NOOP("Walkthrough", "projected keys"), m_x.b,
                          m_plan.keyLabels, features(0, m_x.b.cols()));
  markAll(q, q.read);
  markAll(k, k.read);
  markAll(a, a.written);
  markAll(b, b.written);
  markRow(q, q.example, fi);
  markCol(wq, wq.example, 0);
  markEntry(a, a.example, fi, 0);
  s.example = "i = " + std::to_string(fi) + ", u = 0:  aᵢᵤ = " +
              products(m_x.q.row(fi), m_plan.wq->col(0).cast<double>().transpose()) + " = " +
              number(m_x.a(fi, 0));
  s.tables = {std::move(q), std::move(wq), std::move(a), std::move(k), std::move(wk), std::move(b)};
}

void HeadWriter::scores() {
  const Index fi = m_x.fi, fj = m_x.fj;
  WalkText formula;
  switch (m_plan.score) {
    case Score::Dot:
      formula = {m_plan.sparse ? ATLAS_TR_NOOP("Walkthrough",
                                               "sᵢⱼ = qᵢ · kⱼ, on the "
                                               "pattern's pairs only")
                               : ATLAS_TR_NOOP("Walkthrough",
                                               "sᵢⱼ = qᵢ · kⱼ: the dot product of "
                                               "query i and key j, for every pair"),
                 {}};
      break;
    case Score::Distance:
      formula = {ATLAS_TR_NOOP("Walkthrough",
                               "sᵢⱼ = qᵢ · kⱼ − nⱼ with "
                               "nⱼ = ½‖kⱼ‖²: the softmax of "
                               "−½‖qᵢ − kⱼ‖², whose "
                               "−½‖qᵢ‖² is the same along a row"),
                 {}};
      break;
    case Score::Bilinear:
      formula = {ATLAS_TR_NOOP("Walkthrough",
                               "sᵢⱼ = (qᵢᵀ W) · kⱼ = "
                               "qᵢᵀ W kⱼ: each projected query against each key"),
                 {}};
      break;
    case Score::Additive:
      formula = {ATLAS_TR_NOOP("Walkthrough",
                               "sᵢⱼ = w_v · tanh(aᵢ + bⱼ) = "
                               "Σᵤ w_vᵤ tanh(aᵢᵤ + bⱼᵤ): a small network scores each pair"),
                 {}};
      break;
  }
  WalkStep& s = step("scores", ATLAS_TR_NOOP("Walkthrough", "Raw scores"), formula);
  WalkTable out = pairs("S", ATLAS_TR_NOOP("Walkthrough", "raw scores"), m_x.raw, m_plan.sparse);
  markComputed(out, out.written);
  markEntry(out, out.example, fi, fj);
  std::string example = at(fi, fj) + "sᵢⱼ = ";
  if (m_plan.score == Score::Additive) {
    WalkTable a = makeTable("A", ATLAS_TR_NOOP("Walkthrough", "projected queries"), m_x.a,
                            m_plan.queryLabels, features(0, m_x.a.cols()));
    WalkTable b = makeTable("B", ATLAS_TR_NOOP("Walkthrough", "projected keys"), m_x.b,
                            m_plan.keyLabels, features(0, m_x.b.cols()));
    WalkTable wv = makeTable("w_v", ATLAS_TR_NOOP("Walkthrough", "scoring vector"),
                             m_plan.wv->cast<double>(), features(0, m_plan.wv->rows()), {"w_v"});
    markAll(a, a.read);
    markAll(b, b.read);
    markAll(wv, wv.read);
    markRow(a, a.example, fi);
    markRow(b, b.example, fj);
    markAll(wv, wv.example);
    std::vector<std::string> terms;
    for (Index u = 0; u < m_x.a.cols(); ++u)
      terms.push_back(factor((*m_plan.wv)(u, 0)) + "×tanh(" + number(m_x.a(fi, u)) + " + " +
                      factor(m_x.b(fj, u)) + ")");
    s.example = example + sumOf(terms, 2) + " = " + number(m_x.raw(fi, fj));
    s.tables = {std::move(a), std::move(b), std::move(wv), std::move(out)};
    return;
  }
  WalkTable q = m_plan.score == Score::Bilinear
                    ? makeTable("QW", ATLAS_TR_NOOP("Walkthrough", "projected queries"), m_x.a,
                                m_plan.queryLabels, features(0, m_x.a.cols()))
                    : queries();
  WalkTable k = keys();
  markAll(q, q.read);
  markAll(k, k.read);
  markRow(q, q.example, fi);
  markRow(k, k.example, fj);
  const MatrixD& left = m_plan.score == Score::Bilinear ? m_x.a : m_x.q;
  if (m_plan.score == Score::Distance) {
    WalkTable norm = makeTable("n", ATLAS_TR_NOOP("Walkthrough", "half squared key norms"),
                               m_x.halfNorm, m_plan.keyLabels, {"n"});
    markAll(norm, norm.written);
    markEntry(norm, norm.example, fj, 0);
    s.example = example + number(left.row(fi).dot(m_x.k.row(fj))) + " − " +
                factor(m_x.halfNorm(fj, 0)) + " = " + number(m_x.raw(fi, fj));
    s.tables = {std::move(q), std::move(k), std::move(norm), std::move(out)};
    return;
  }
  s.example = example + products(left.row(fi), m_x.k.row(fj)) + " = " + number(m_x.raw(fi, fj));
  s.tables = {std::move(q), std::move(k), std::move(out)};
}

WalkTable HeadWriter::current() const {
  return pairs(m_scoreName,
               m_h.scaled ? ATLAS_TR_NOOP("Walkthrough", "scaled scores")
                          : ATLAS_TR_NOOP("Walkthrough", "raw scores"),
               m_x.scaled);
}

HeadOutcome headSteps(const Plan& plan, const HeadPlan& head, const Inputs& in,
                      std::vector<WalkStep>& steps) {
  const Numbers x = computeHead(plan, head, in);
  HeadWriter(plan, head, x, steps).write();
  return {x.p, x.o};
}

}  // namespace atlas::core::walk
