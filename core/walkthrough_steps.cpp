// The walkthrough's steps of one head after its raw scores: the scaling, the mask, the row
// maximum, exp, the row sums, the weights and the weighted sum of the values, each with what it
// reads and writes and one entry worked out in numbers.
#include "walkthrough_build.h"

#include <cmath>

namespace atlas::core::walk {

/// A step from the queries x keys table `from` to `to` (both shown), reading all of `from`.
void HeadWriter::pairStep(WalkStep& s, WalkTable from, WalkTable to) {
  markComputed(from, from.read);
  markComputed(to, to.written);
  markEntry(from, from.example, m_x.fi, m_x.fj);
  markEntry(to, to.example, m_x.fi, m_x.fj);
  s.tables.push_back(std::move(from));
  s.tables.push_back(std::move(to));
}

void HeadWriter::scale() {
  const Index dk = m_h.cols.dk;
  WalkStep& s = step("scale", ATLAS_TR_NOOP("Walkthrough", "Scaling"),
                     {ATLAS_TR_NOOP("Walkthrough",
                                    "s′ᵢⱼ = sᵢⱼ / √%1 = "
                                    "sᵢⱼ × %2: the spread of a dot product grows "
                                    "with its width d = %1"),
                      {std::to_string(dk), number(m_h.scale)}});
  s.example = at(m_x.fi, m_x.fj) + "s′ᵢⱼ = " + number(m_x.raw(m_x.fi, m_x.fj)) + " / √" +
              std::to_string(dk) + " = " + number(m_x.scaled(m_x.fi, m_x.fj));
  pairStep(s, pairs("S", ATLAS_TR_NOOP("Walkthrough", "raw scores"), m_x.raw, m_plan.sparse),
           pairs("S′", ATLAS_TR_NOOP("Walkthrough", "scaled scores"), m_x.scaled, m_plan.sparse));
}

void HeadWriter::mask() {
  static const char* const kFormulas[] = {
      "",
      ATLAS_TR_NOOP("Walkthrough",
                    "Causal mask: query i sees only the keys j ≤ i. %1ᵢⱼ = "
                    "−∞ for j > i: weight 0, skipped."),
      ATLAS_TR_NOOP("Walkthrough",
                    "Padding mask: the keys from %2 on are padding. %1ᵢⱼ = −∞ "
                    "for j ≥ %2: weight 0, skipped."),
      ATLAS_TR_NOOP("Walkthrough",
                    "Causal and padding masks: %1ᵢⱼ = −∞ for j > i and for "
                    "the padding keys j ≥ %2: weight 0, skipped."),
      ATLAS_TR_NOOP("Walkthrough", "The masked pairs get %1ᵢⱼ = −∞: weight 0, skipped.")};
  WalkStep& s = step("mask", ATLAS_TR_NOOP("Walkthrough", "Mask"),
                     {kFormulas[int(m_plan.mask)], {m_sym, std::to_string(m_plan.paddingFrom)}});
  WalkTable from = pairs(m_scoreName,
                         m_h.scaled ? ATLAS_TR_NOOP("Walkthrough", "scaled scores")
                                    : ATLAS_TR_NOOP("Walkthrough", "raw scores"),
                         m_x.scaled, false);
  WalkTable to = pairs(m_scoreName, ATLAS_TR_NOOP("Walkthrough", "masked scores"), m_x.scaled);
  markAll(from, from.read);
  for (Index i = 0; i < to.values.rows(); ++i)
    for (Index j = 0; j < to.values.cols(); ++j)
      if (to.skipped(i, j)) to.written(i, j) = 1;
  // The example: the first masked pair.
  for (Index i = 0; i < m_h.allowed.rows() && s.example.empty(); ++i)
    for (Index j = 0; j < m_h.allowed.cols() && s.example.empty(); ++j)
      if (!m_h.allowed(i, j)) {
        markEntry(from, from.example, i, j);
        markEntry(to, to.example, i, j);
        s.example = at(i, j) + number(m_x.scaled(i, j)) + " → −∞";
      }
  s.tables = {std::move(from), std::move(to)};
}

void HeadWriter::rowMax() {
  WalkStep& s = step("row_max", ATLAS_TR_NOOP("Walkthrough", "Row maximum"),
                     {ATLAS_TR_NOOP("Walkthrough",
                                    "mᵢ = maxⱼ %1ᵢⱼ over the computed pairs: "
                                    "subtracting it keeps exp from overflowing and leaves the "
                                    "weights as they are"),
                      {m_sym}});
  WalkTable from = current(),
            to = perQuery("m", ATLAS_TR_NOOP("Walkthrough", "row maxima"), m_x.rowMax);
  markComputed(from, from.read);
  markComputed(to, to.written);
  for (Index j = 0; j < from.values.cols(); ++j)
    if (!from.skipped(m_x.fi, j)) markEntry(from, from.example, m_x.fi, j);
  markEntry(to, to.example, m_x.fi, 0);
  s.example = at(m_x.fi, -1) + "mᵢ = max(" + sumOf(rowTerms(m_x.scaled), 5, ", ") +
              ") = " + number(m_x.rowMax(m_x.fi, 0));
  s.tables = {std::move(from), std::move(to)};
}

void HeadWriter::exps() {
  const bool counted = m_h.multiplicity.size() > 0;
  WalkStep& s = step(
      "exp", ATLAS_TR_NOOP("Walkthrough", "Exponentials"),
      {counted
           ? ATLAS_TR_NOOP("Walkthrough",
                           "eᵢⱼ = cᵢⱼ · exp(%1ᵢⱼ − "
                           "mᵢ), cᵢⱼ = how many configurations cover (i, j)")
           : ATLAS_TR_NOOP("Walkthrough",
                           "eᵢⱼ = exp(%1ᵢⱼ − mᵢ): each computed pair, its row maximum subtracted"),
       {m_sym}});
  const Index fi = m_x.fi, fj = m_x.fj;
  WalkTable from = current(), e = pairs("E", ATLAS_TR_NOOP("Walkthrough", "exponentials"), m_x.e);
  WalkTable mx = perQuery("m", ATLAS_TR_NOOP("Walkthrough", "row maxima"), m_x.rowMax);
  markComputed(mx, mx.read);
  markEntry(mx, mx.example, fi, 0);
  std::string count;
  if (counted) {
    const double c = m_h.multiplicity(fi, fj);
    count =
        (std::abs(c - std::round(c)) < 1e-12 ? std::to_string(Index(std::round(c))) : number(c)) +
        " × ";
  }
  s.example = at(fi, fj) + "eᵢⱼ = " + count + "exp(" + number(m_x.scaled(fi, fj)) + " − " +
              factor(m_x.rowMax(fi, 0)) + ") = " + number(m_x.e(fi, fj));
  pairStep(s, std::move(from), std::move(e));
  s.tables.insert(s.tables.begin() + 1, std::move(mx));
  if (counted) {
    WalkTable c = pairs("C", ATLAS_TR_NOOP("Walkthrough", "multiplicities"), m_h.multiplicity);
    markComputed(c, c.read);
    markEntry(c, c.example, fi, fj);
    s.tables.insert(s.tables.begin() + 2, std::move(c));
  }
}

void HeadWriter::rowSums() {
  WalkStep& s = step("row_sum", ATLAS_TR_NOOP("Walkthrough", "Row sums"),
                     {ATLAS_TR_NOOP("Walkthrough", "lᵢ = Σⱼ eᵢⱼ: the sum of each row"), {}});
  WalkTable e = pairs("E", ATLAS_TR_NOOP("Walkthrough", "exponentials"), m_x.e);
  WalkTable l = perQuery("l", ATLAS_TR_NOOP("Walkthrough", "row sums"), m_x.rowSum);
  markComputed(e, e.read);
  markComputed(l, l.written);
  for (Index j = 0; j < e.values.cols(); ++j)
    if (!e.skipped(m_x.fi, j)) markEntry(e, e.example, m_x.fi, j);
  markEntry(l, l.example, m_x.fi, 0);
  s.example =
      at(m_x.fi, -1) + "lᵢ = " + sumOf(rowTerms(m_x.e), 5) + " = " + number(m_x.rowSum(m_x.fi, 0));
  s.tables = {std::move(e), std::move(l)};
}

void HeadWriter::weights() {
  WalkStep& s = step("weights", ATLAS_TR_NOOP("Walkthrough", "Attention weights"),
                     {ATLAS_TR_NOOP("Walkthrough", "pᵢⱼ = eᵢⱼ / lᵢ: each row sums to 1"), {}});
  const Index fi = m_x.fi, fj = m_x.fj;
  WalkTable l = perQuery("l", ATLAS_TR_NOOP("Walkthrough", "row sums"), m_x.rowSum);
  markComputed(l, l.read);
  markEntry(l, l.example, fi, 0);
  s.example = at(fi, fj) + "pᵢⱼ = " + number(m_x.e(fi, fj)) + " / " + number(m_x.rowSum(fi, 0)) +
              " = " + number(m_x.p(fi, fj));
  pairStep(s, pairs("E", ATLAS_TR_NOOP("Walkthrough", "exponentials"), m_x.e),
           pairs("P", ATLAS_TR_NOOP("Walkthrough", "attention weights"), m_x.p));
  s.tables.insert(s.tables.begin() + 1, std::move(l));
}

void HeadWriter::output() {
  WalkStep& s = step("output", ATLAS_TR_NOOP("Walkthrough", "Weighted sum of the values"),
                     {ATLAS_TR_NOOP("Walkthrough", "oᵢ = Σⱼ pᵢⱼ vⱼ, that is O = P V"), {}});
  const Index fi = m_x.fi;
  WalkTable p = pairs("P", ATLAS_TR_NOOP("Walkthrough", "attention weights"), m_x.p);
  WalkTable v = makeTable(m_vName, ATLAS_TR_NOOP("Walkthrough", "values"), m_x.v, m_plan.keyLabels,
                          features(m_h.cols.v0, m_h.cols.dv));
  WalkTable o = makeTable(m_oName, ATLAS_TR_NOOP("Walkthrough", "output"), m_x.o,
                          m_plan.queryLabels, features(m_h.outCol, m_x.o.cols()));
  markComputed(p, p.read);
  markAll(v, v.read);
  markAll(o, o.written);
  std::vector<std::string> terms;
  for (Index j = 0; j < m_x.p.cols(); ++j)
    if (m_h.allowed(fi, j)) {
      markEntry(p, p.example, fi, j);
      markEntry(v, v.example, j, 0);
      terms.push_back(factor(m_x.p(fi, j)) + "×" + factor(m_x.v(j, 0)));
    }
  markEntry(o, o.example, fi, 0);
  s.example = at(fi, -1, 0) + sumOf(terms) + " = " + number(m_x.o(fi, 0));
  s.tables = {std::move(p), std::move(v), std::move(o)};
}

}  // namespace atlas::core::walk
