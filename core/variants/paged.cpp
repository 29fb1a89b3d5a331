#include "common.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <cmath>
#include <numeric>

namespace atlas::core::variants {
namespace {

/// PagedAttention (Kwon et al. 2023, "Efficient Memory Management for Large Language Model
/// Serving with PagedAttention"), one decoding step: only the last query row q_{N-1} attends, to
/// all M cached keys. K and V are copied into pages of p rows placed in a shuffled physical pool;
/// a block table maps each logical page to its physical page, and the kernel reads every key and
/// value through that table. The result equals scaled_dot's last row.
///
/// Shapes: weights[0] and masks[0] are 1 x M, the output 1 x dv; the result's dims stay those of
/// the inputs (dims.n = N), since Q still has N rows of which the last one is used.
/// The trace: "block_table" (pages x 1, the physical page of each logical page) and "pool_order"
/// (pages x 1, the logical page stored in each physical slot: the inverse permutation).
class Paged final : public Variant {
 public:
  std::string id() const override { return "paged"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "Paged attention (KV cache)");
  }
  Family family() const override { return Family::Schedule; }
  std::string description() const override {
    return "PagedAttention: one decoding step reads the key/value cache through a block table of "
           "shuffled pages.";
  }
  std::vector<ParamSpec> params() const override {
    return {
        intParam("page", 4, 1, 4096, ATLAS_TR_NOOP("Params", "Page size"),
                 ATLAS_TR_NOOP("Params", "Rows of K and V stored in one page of the KV cache."))};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const double m = double(d.m), dk = double(d.dk), dv = double(d.dv), page = p.number("page");
    const double pages = std::ceil(m / page);
    Cost c;
    // Read the last query row and K, V once to fill the pool; the pool holds whole pages.
    c.add(TermKind::Input, 0, 0, 4.0 * (double(d.dq) + m * dk + m * dv));
    c.add(ATLAS_TR_NOOP("CostTerms", "fill pages"), 0, 0, 4.0 * pages * page * (dk + dv));
    // Through the block table: one table entry per page, then the page's keys.
    c.terms.push_back(
        {"q.k (paged)", 2.0 * m * dk, 0, 4.0 * (pages + m * dk + m), TermKind::Scores});
    c.add(TermKind::Softmax, 4.0 * m, m, 8.0 * m);
    c.terms.push_back(
        {"PV (paged)", 2.0 * m * dv, 0, 4.0 * (pages + m * dv + m), TermKind::Values});
    c.add(TermKind::Output, 0, 0, 4.0 * dv);
    c.peak = 4.0 * pages * page * (dk + dv) + 4.0 * m;  // the pool and one row of scores
    c.resident = resultBytes(1, 1, d.m, d.dv) + 8.0 * pages;
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index m = in.k.rows(), dk = in.k.cols(), dv = in.v.cols(), page = p.integer("page");
    const Index pages = (m + page - 1) / page;

    // Block table: a seeded Fisher-Yates shuffle of the physical pages.
    const std::vector<Index> table = pagedBlockTable(p.seed, pages);

    // The physical pool: page table[l] holds K and V rows [l p, l p + p) (the last page may be
    // partly empty). Copying is the cache write a serving system does as tokens arrive.
    Matrix kPool = Matrix::Zero(pages * page, dk), vPool = Matrix::Zero(pages * page, dv);
    for (Index l = 0; l < pages; ++l) {
      const Index rows = std::min(page, m - l * page);
      kPool.middleRows(table[l] * page, rows) = in.k.middleRows(l * page, rows);
      vPool.middleRows(table[l] * page, rows) = in.v.middleRows(l * page, rows);
    }
    // Key j = l p + o of logical page l lives at row table[l] p + o of the pool.
    auto poolRow = [&](Index j) { return table[j / page] * page + j % page; };

    VariantResult r = startResult(*this, in, p);
    const Eigen::RowVectorXf q = in.q.row(in.q.rows() - 1);
    const float scale = 1.0f / std::sqrt(float(dk));
    runHeads(r, 1, 1, dv, [&](Index) {
      HeadResult h;
      h.weights.resize(1, m);
      h.mask = MaskMatrix::Ones(1, m);
      // Scores, page by page in parallel, each key read through the block table.
      tbb::parallel_for(tbb::blocked_range<Index>(0, pages, 16), [&](const auto& range) {
        cancel.throwIfCancelled();
        for (Index l = range.begin(); l < range.end(); ++l)
          for (Index j = l * page; j < std::min(m, (l + 1) * page); ++j)
            h.weights(0, j) = q.dot(kPool.row(poolRow(j))) * scale;
      });
      softmaxRowPrefix(h.weights.row(0), m);
      // P V through the table; a deterministic reduction so the result never depends on threads.
      h.output = tbb::parallel_deterministic_reduce(
          tbb::blocked_range<Index>(0, pages, 16), Eigen::RowVectorXf::Zero(dv).eval(),
          [&](const auto& range, Eigen::RowVectorXf acc) {
            cancel.throwIfCancelled();
            for (Index l = range.begin(); l < range.end(); ++l)
              for (Index j = l * page; j < std::min(m, (l + 1) * page); ++j)
                acc += h.weights(0, j) * vPool.row(poolRow(j));
            return acc;
          },
          [](const Eigen::RowVectorXf& a, const Eigen::RowVectorXf& b) -> Eigen::RowVectorXf {
            return a + b;
          });
      h.scoreEvaluations = static_cast<std::uint64_t>(m);
      return h;
    });

    Matrix blockTable(pages, 1), poolOrder(pages, 1);
    for (Index l = 0; l < pages; ++l) {
      blockTable(l, 0) = float(table[l]);
      poolOrder(table[l], 0) = float(l);
    }
    r.trace.pages =
        Trace::Pages{Index(p.integer("page")), std::move(blockTable), std::move(poolOrder)};
    return r;
  }
};

}  // namespace

const Variant& pagedVariant() {
  static const Paged v;
  return v;
}

}  // namespace atlas::core::variants
