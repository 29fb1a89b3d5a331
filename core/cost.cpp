#include "cost.h"

#include "sparse_weights.h"

#include <algorithm>

namespace atlas::core {

double Cost::flops() const {
  double s = 0;
  for (const auto& t : terms) s += t.flops;
  return s;
}
double Cost::exps() const {
  double s = 0;
  for (const auto& t : terms) s += t.exps;
  return s;
}
double Cost::bytes() const {
  double s = 0;
  for (const auto& t : terms) s += t.bytes;
  return s;
}
Cost& Cost::add(std::string name, double flops, double exps, double bytes) {
  terms.push_back({std::move(name), flops, exps, bytes});
  return *this;
}

Cost& Cost::add(TermKind kind, double flops, double exps, double bytes) {
  terms.push_back({termName(kind), flops, exps, bytes, kind});
  return *this;
}

CostTerm* Cost::term(TermKind kind) {
  for (CostTerm& t : terms)
    if (t.kind == kind) return &t;
  return nullptr;
}

const CostTerm* Cost::term(TermKind kind) const { return const_cast<Cost*>(this)->term(kind); }

const char* termName(TermKind kind) {
  switch (kind) {
    case TermKind::Input:
      return ATLAS_TR_NOOP("CostTerms", "input");
    case TermKind::Scores:
      return "QK^T";
    case TermKind::Softmax:
      return ATLAS_TR_NOOP("CostTerms", "softmax");
    case TermKind::Values:
      return "PV";
    case TermKind::Output:
      return ATLAS_TR_NOOP("CostTerms", "output");
    case TermKind::Other:
      break;
  }
  return "";
}

double causalPairs(Index n, Index m, bool causal) {
  const double dn = static_cast<double>(n), dm = static_cast<double>(m);
  if (!causal) return dn * dm;
  // Row i allows j = 0..min(i, m-1): rows below m contribute i+1, the rest m each.
  const double full = std::min(dn, dm);
  return full * (full + 1) / 2 + std::max(0.0, dn - dm) * dm;
}

double resultBytes(Index heads, Index n, Index m, Index dvTotal) {
  const double cells = static_cast<double>(heads) * static_cast<double>(n) * static_cast<double>(m);
  return cells * (4.0 + 1.0) + 4.0 * static_cast<double>(n) * static_cast<double>(dvTotal);
}

Cost denseCost(const InputDims& d, const DenseCostShape& s) {
  const double h = static_cast<double>(s.heads);
  const double nm = static_cast<double>(d.n) * static_cast<double>(d.m);
  const double pairs = s.pairsPerHead;
  const double fin = 4.0 * (double(d.n) * d.dq + double(d.m) * d.dk + double(d.m) * d.dv);
  Cost c;
  c.add(TermKind::Input, 0, 0, fin);
  c.terms.push_back({s.scoreTerm, h * pairs * s.scoreFlops, h * pairs * s.scoreExps, 4.0 * h * nm,
                     TermKind::Scores});
  c.add(TermKind::Softmax, h * pairs * (s.scaled ? 4.0 : 3.0), h * pairs, 4.0 * h * 2.0 * nm);
  c.add(TermKind::Values, h * pairs * 2.0 * double(s.dvh), 0, 4.0 * h * nm);
  c.add(TermKind::Output, 0, 0, 4.0 * double(d.n) * double(s.dvh) * h);
  c.peak = 4.0 * h * nm;
  c.resident = resultBytes(s.heads, d.n, d.m, s.dvh * s.heads);
  return c;
}

Cost sparseCost(const InputDims& d, const DenseCostShape& s) {
  Cost c = denseCost(d, s);
  const double h = static_cast<double>(s.heads), pairs = s.pairsPerHead;
  c.term(TermKind::Softmax)->bytes = 4.0 * h * 2.0 * pairs;
  c.term(TermKind::Values)->bytes = 4.0 * h * pairs;
  c.term(TermKind::Scores)->bytes = 4.0 * h * pairs + 4.0 * h * pairs;  // S and indices
  c.peak = 8.0 * h * pairs;
  c.resident = SparseWeights::bytes(h, d.n, pairs) + 4.0 * double(d.n) * double(s.dvh) * h;
  return c;
}

}  // namespace atlas::core
