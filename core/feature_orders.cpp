#include "feature_orders.h"

#include "cost.h"

#include <cmath>

namespace atlas::core {

OrderFlops orderFlops(const InputDims& d, double f, bool causal) {
  const double n = double(d.n), dv = double(d.dv), keys = stateKeyRows(d.n, d.m, causal);
  return {keys * (2.0 * f * dv + f) + 2.0 * n * f * dv + 2.0 * n * f + n * dv,
          causalPairs(d.n, d.m, causal) * (2.0 * f + 2.0 + 2.0 * dv)};
}

InputDims scaledDims(const InputDims& d, Index n) {
  InputDims s = d;
  s.n = n;
  s.m = d.m == d.n ? n
                   : std::max<Index>(1, Index(std::llround(double(n) * double(d.m) / double(d.n))));
  return s;
}

Index orderCrossover(const InputDims& d, double f, bool causal) {
  const auto cheaper = [&](Index n) {
    const OrderFlops o = orderFlops(scaledDims(d, n), f, causal);
    return o.cheap < o.quadratic;
  };
  // Doubling to a length where the cheap order wins, then bisection for the first one.
  constexpr Index kLimit = Index(1) << 40;
  Index hi = 1;
  while (!cheaper(hi)) {
    if (hi >= kLimit) return 0;
    hi *= 2;
  }
  Index lo = hi / 2;  // not cheaper at lo (or lo = 0)
  while (hi - lo > 1) {
    const Index mid = lo + (hi - lo) / 2;
    (cheaper(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace atlas::core
