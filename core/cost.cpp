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
  c.add("input", 0, 0, fin);
  c.add(s.scoreTerm, h * pairs * s.scoreFlops, h * pairs * s.scoreExps, 4.0 * h * nm);
  c.add("softmax", h * pairs * (s.scaled ? 4.0 : 3.0), h * pairs, 4.0 * h * 2.0 * nm);
  c.add("PV", h * pairs * 2.0 * double(s.dvh), 0, 4.0 * h * nm);
  c.add("output", 0, 0, 4.0 * double(d.n) * double(s.dvh) * h);
  c.peak = 4.0 * h * nm;
  c.resident = resultBytes(s.heads, d.n, d.m, s.dvh * s.heads);
  return c;
}

Cost sparseCost(const InputDims& d, const DenseCostShape& s) {
  Cost c = denseCost(d, s);
  const double h = static_cast<double>(s.heads), pairs = s.pairsPerHead;
  for (CostTerm& t : c.terms) {
    if (t.name == "softmax")
      t.bytes = 4.0 * h * 2.0 * pairs;
    else if (t.name == "PV")
      t.bytes = 4.0 * h * pairs;
    else if (t.name == s.scoreTerm)
      t.bytes = 4.0 * h * pairs + 4.0 * h * pairs;  // S and indices
  }
  c.peak = 8.0 * h * pairs;
  c.resident = SparseWeights::bytes(h, d.n, pairs) + 4.0 * double(d.n) * double(s.dvh) * h;
  return c;
}

}  // namespace atlas::core
