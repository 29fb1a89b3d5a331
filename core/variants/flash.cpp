#include "../flash_steps.h"
#include "common.h"

#include <cmath>

namespace atlas::core::variants {
namespace {

/// Pairs inside computed tiles, and key columns read: a sum over query tiles (at most N terms,
/// no allocation). pairs: rows of the tile x keys of its computed tiles.
struct TileCounts {
  double pairs = 0, keyRows = 0, rowTiles = 0, tiles = 0;
};
TileCounts tileCounts(Index n, Index m, Index br, Index bc, bool causal) {
  TileCounts c;
  for (Index t = 0; t < ceilDiv(n, br); ++t) {
    const double rows = double(std::min(br, n - t * br));
    const Index tiles = flashKeyTiles(t, n, m, br, bc, causal);
    const double keys = double(std::min(m, tiles * bc));
    c.pairs += rows * keys;
    c.keyRows += keys;
    c.rowTiles += rows * double(tiles);
    c.tiles += double(tiles);
  }
  return c;
}

/// Exactly scaled_dot, scheduled as FlashAttention: Q in tiles of Br rows, K and V in tiles of
/// Bc rows; one Br x Bc tile of scores at a time, an online softmax, no N x M matrix for O.
/// Pooled (large N): the same weights as scaled_dot; no tile record (nothing to teach).
class Flash final : public PoolableSingleHead {
 public:
  std::string id() const override { return "flash"; }
  const char* label() const override {
    return ATLAS_TR_NOOP("VariantLabels", "FlashAttention (tiled)");
  }
  Family family() const override { return Family::Schedule; }
  std::string description() const override {
    return "FlashAttention: scaled dot-product attention computed tile by tile with an online "
           "softmax, never holding the score matrix.";
  }
  std::vector<ParamSpec> params() const override {
    return {intParam("tile_q", 32, 1, 4096, ATLAS_TR_NOOP("Params", "Query tile Br"),
                     ATLAS_TR_NOOP("Params", "Rows of Q processed together.")),
            intParam("tile_k", 32, 1, 4096, ATLAS_TR_NOOP("Params", "Key tile Bc"),
                     ATLAS_TR_NOOP("Params", "Rows of K and V processed together.")),
            causalSpec()};
  }

  Cost cost(const InputDims& d, const ParamSet& p) const override {
    const Index br = p.integer("tile_q"), bc = p.integer("tile_k");
    const TileCounts t = tileCounts(d.n, d.m, br, bc, p.flag("causal"));
    // The arithmetic of scaled_dot on the pairs of the computed tiles...
    Cost c = denseCost(d, {.pairsPerHead = t.pairs, .scoreFlops = 2.0 * double(d.dk), .dvh = d.dv});
    // ... but no N x M traffic: Q is read once, each K and V tile once per query tile. And no
    // per-pair division: the softmax is scale, subtract the running max, sum (3 per pair), the
    // normalisation being the final O = acc / l below.
    c.term(TermKind::Input)->bytes = 4.0 * double(d.n) * double(d.dq);
    c.term(TermKind::Scores)->bytes = 4.0 * t.keyRows * double(d.dk);
    c.term(TermKind::Values)->bytes = 4.0 * t.keyRows * double(d.dv);
    CostTerm& softmax = *c.term(TermKind::Softmax);
    softmax.flops = 3.0 * t.pairs;
    softmax.bytes = 0;
    // Per row and computed tile: new max (comparisons, free), alpha = exp(m - m_new) (1 and an
    // exp), l = alpha l + sum (2), acc *= alpha (dv); at the end O = acc / l (dv per row).
    c.terms.insert(c.terms.end() - 1,
                   {ATLAS_TR_NOOP("CostTerms", "online rescale"),
                    t.rowTiles * (3.0 + double(d.dv)) + double(d.n) * d.dv, t.rowTiles, 0});
    c.peak = 4.0 * double(br) * double(bc) + 4.0 * double(br) * double(d.dv + 2);
    // + the trace: tile order (tiles x 2), running_max and running_sum (N x key tiles).
    c.resident = resultBytes(1, d.n, d.m, d.dv) +
                 4.0 * (2.0 * t.tiles + 2.0 * double(d.n) * double(ceilDiv(d.m, bc)));
    c.displayResident = c.resident - 4.0 * double(d.n) * double(d.dv);  // all but the output
    return c;
  }

  VariantResult compute(const Inputs& in, const ParamSet& p,
                        const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index n = in.q.rows(), m = in.k.rows(), dv = in.v.cols();
    const Index br = p.integer("tile_q"), bc = p.integer("tile_k");
    const bool causal = p.flag("causal");
    const float scale = 1.0f / std::sqrt(float(in.k.cols()));
    VariantResult r = startResult(*this, in, p);

    // The processing order: query tiles outer, key tiles inner (query tiles run in parallel).
    Matrix tileOrder = flashTileOrder(n, m, br, bc, causal);

    // Online softmax, Dao et al. 2022 ("FlashAttention: Fast and Memory-Efficient Exact
    // Attention with IO-Awareness", Algorithm 1, after Milakov & Gimelshein 2018), with the
    // query-tile-outer loop order of FlashAttention-2 (Dao 2023) so query tiles are independent;
    // the running quantities are named in core/simd/attention_impl.inc (onlinePanel). For the
    // views, each tile's exps go into P as they are formed and are rescaled to exp(s - m) / l
    // with the final (m, l) at the end of the query tile: display only, no second Q K^T.
    FlashHead f;
    runHeads(r, 1, n, dv, [&](Index) {
      f = attendFlash(in.q, in.k, in.v, scale, causal, br, bc, cancel);
      f.head.scoreEvaluations = static_cast<std::uint64_t>(tileCounts(n, m, br, bc, causal).pairs);
      return std::move(f.head);
    });
    r.trace.tiles = Trace::Tiles{
        br, bc, std::move(tileOrder), std::move(f.runningMax), std::move(f.runningSum), causal};
    return r;
  }

  /// FlashAttention as a model runs it: the same tiles and online softmax, so the same output,
  /// without the weights and the records of every tile, which only the views show.
  VariantResult computeOutput(const Inputs& in, const ParamSet& p,
                              const CancelToken& cancel) const override {
    requireEqual(id(), kQueryWidthFormat, in.q.cols(), in.k.cols());
    const Index br = p.integer("tile_q"), bc = p.integer("tile_k");
    const bool causal = p.flag("causal");
    VariantResult r = startResult(*this, in, p);
    r.output = attendFlashOutput(in.q, in.k, in.v, 1.0f / std::sqrt(float(in.k.cols())), causal, br,
                                 bc, cancel);
    r.scoreEvaluations =
        static_cast<std::uint64_t>(tileCounts(in.q.rows(), in.k.rows(), br, bc, causal).pairs);
    return r;
  }
};

}  // namespace

const Variant& flashVariant() {
  static const Flash v;
  return v;
}

}  // namespace atlas::core::variants
