#include "param_labels.h"

#include <QCoreApplication>

#include <string_view>

namespace atlas::widgets {
namespace {

struct Entry {
  std::string_view variant;  ///< empty: any variant
  std::string_view name;
  const char* label;
  const char* tooltip;
};

// One row per parameter name used by the variants of core/variant_registry.cpp.
constexpr Entry kParams[] = {
    {"", "causal", QT_TRANSLATE_NOOP("Params", "Causal mask"),
     QT_TRANSLATE_NOOP("Params",
                       "Each query sees only the keys at or before its own position (j ≤ i).")},
    {"", "heads", QT_TRANSLATE_NOOP("Params", "Heads"),
     QT_TRANSLATE_NOOP("Params",
                       "Number of attention heads h; each head uses d/h columns of Q, K and V.")},
    {"", "groups", QT_TRANSLATE_NOOP("Params", "Key/value groups"),
     QT_TRANSLATE_NOOP(
         "Params",
         "Number of key/value heads g shared by the query heads; 1 is multi-query attention.")},
    {"", "hidden", QT_TRANSLATE_NOOP("Params", "Hidden units"),
     QT_TRANSLATE_NOOP("Params", "Width of the hidden layer of the scoring network.")},
    {"", "dq", QT_TRANSLATE_NOOP("Params", "Query width dq"),
     QT_TRANSLATE_NOOP("Params", "Width of the queries; 0 makes it equal to the key width dk.")},
    {"", "W_q", QT_TRANSLATE_NOOP("Params", "Query projection W_q"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
    {"", "W_k", QT_TRANSLATE_NOOP("Params", "Key projection W_k"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
    {"", "w_v", QT_TRANSLATE_NOOP("Params", "Output weights w_v"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
    {"", "W", QT_TRANSLATE_NOOP("Params", "Bilinear matrix W"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
    {"performer", "W", QT_TRANSLATE_NOOP("Params", "Random features W"),
     QT_TRANSLATE_NOOP("Params", "Gaussian rows of the random feature map, drawn from the seed.")},
    {"", "block", QT_TRANSLATE_NOOP("Params", "Block size"),
     QT_TRANSLATE_NOOP("Params", "Number of tokens per block.")},
    {"", "window", QT_TRANSLATE_NOOP("Params", "Window"),
     QT_TRANSLATE_NOOP("Params", "Each query sees the keys at most this far away (|i − j| ≤ w).")},
    {"", "stride", QT_TRANSLATE_NOOP("Params", "Stride"),
     QT_TRANSLATE_NOOP("Params",
                       "Each query sees the keys whose distance is a multiple of the stride.")},
    {"", "global", QT_TRANSLATE_NOOP("Params", "Global tokens"),
     QT_TRANSLATE_NOOP("Params",
                       "The first g tokens see every token and are seen by every token.")},
    {"", "random", QT_TRANSLATE_NOOP("Params", "Random keys per row"),
     QT_TRANSLATE_NOOP("Params", "Keys each query sees at random positions, drawn from the seed.")},
    {"", "patterns", QT_TRANSLATE_NOOP("Params", "Head patterns"),
     QT_TRANSLATE_NOOP(
         "Params",
         "Comma-separated patterns given to the heads in turn: local, strided, global, full.")},
    {"", "summary", QT_TRANSLATE_NOOP("Params", "Summary tokens"),
     QT_TRANSLATE_NOOP("Params",
                       "The last c tokens of every block, seen by every query (with the causal "
                       "mask, by the later ones).")},
    {"", "segment", QT_TRANSLATE_NOOP("Params", "Segment length w₀"),
     QT_TRANSLATE_NOOP(
         "Params", "Segment length of the first configuration; it doubles in each further one.")},
    {"", "configs", QT_TRANSLATE_NOOP("Params", "Configurations"),
     QT_TRANSLATE_NOOP("Params", "Number of (segment, dilation) configurations mixed together.")},
    {"", "buckets", QT_TRANSLATE_NOOP("Params", "Hash buckets"),
     QT_TRANSLATE_NOOP("Params", "Number of buckets of the locality-sensitive hash (even).")},
    {"", "R", QT_TRANSLATE_NOOP("Params", "Hash rotations R"),
     QT_TRANSLATE_NOOP("Params", "Random rotations of the hash, drawn from the seed.")},
    {"synthesizer_random", "R", QT_TRANSLATE_NOOP("Params", "Random scores R"),
     QT_TRANSLATE_NOOP("Params", "The N × M score matrix itself, drawn from the seed.")},
    {"", "clusters", QT_TRANSLATE_NOOP("Params", "Clusters"),
     QT_TRANSLATE_NOOP("Params", "Number of k-means centroids.")},
    {"", "iters", QT_TRANSLATE_NOOP("Params", "Iterations"),
     QT_TRANSLATE_NOOP("Params", "Number of Lloyd steps of k-means.")},
    {"sinkhorn", "iters", QT_TRANSLATE_NOOP("Params", "Sinkhorn rounds"),
     QT_TRANSLATE_NOOP("Params", "Rounds of row and column normalisation.")},
    {"", "tau", QT_TRANSLATE_NOOP("Params", "Temperature τ"),
     QT_TRANSLATE_NOOP(
         "Params",
         "Divides the block scores before the Sinkhorn normalisation; smaller is sharper.")},
    {"", "rank", QT_TRANSLATE_NOOP("Params", "Projected length k"),
     QT_TRANSLATE_NOOP(
         "Params", "Number of rows of the projections E and F: keys and values are reduced to k.")},
    {"", "share_ef", QT_TRANSLATE_NOOP("Params", "Share E and F"),
     QT_TRANSLATE_NOOP("Params", "Use the same projection for keys and values (F = E).")},
    {"", "E", QT_TRANSLATE_NOOP("Params", "Key projection E"),
     QT_TRANSLATE_NOOP("Params", "k × M projection of the keys, drawn from the seed.")},
    {"", "F", QT_TRANSLATE_NOOP("Params", "Value projection F"),
     QT_TRANSLATE_NOOP("Params", "k × M projection of the values, drawn from the seed.")},
    {"", "pool", QT_TRANSLATE_NOOP("Params", "Pooling window"),
     QT_TRANSLATE_NOOP("Params", "Keys and values are averaged over windows of this many rows.")},
    {"", "features", QT_TRANSLATE_NOOP("Params", "Random features m"),
     QT_TRANSLATE_NOOP("Params", "Number of random features of the kernel approximation.")},
    {"", "W1", QT_TRANSLATE_NOOP("Params", "First layer W1"),
     QT_TRANSLATE_NOOP("Params",
                       "dk × dk weights of the synthesizing network, drawn from the seed.")},
    {"", "W2", QT_TRANSLATE_NOOP("Params", "Second layer W2"),
     QT_TRANSLATE_NOOP("Params",
                       "dk × M weights of the synthesizing network, drawn from the seed.")},
    {"", "span", QT_TRANSLATE_NOOP("Params", "Span s"),
     QT_TRANSLATE_NOOP("Params",
                       "Keys farther than s are ignored; 0 means all keys (AFT-simple).")},
    {"", "tile_q", QT_TRANSLATE_NOOP("Params", "Query tile Br"),
     QT_TRANSLATE_NOOP("Params", "Rows of Q processed together.")},
    {"", "tile_k", QT_TRANSLATE_NOOP("Params", "Key tile Bc"),
     QT_TRANSLATE_NOOP("Params", "Rows of K and V processed together.")},
    {"", "page", QT_TRANSLATE_NOOP("Params", "Page size"),
     QT_TRANSLATE_NOOP("Params", "Rows of K and V stored in one page of the KV cache.")},
};

const Entry* find(const std::string& variant, const std::string& name) {
  const Entry* shared = nullptr;
  for (const Entry& e : kParams) {
    if (e.name != name) continue;
    if (e.variant == variant) return &e;
    if (e.variant.empty()) shared = &e;
  }
  return shared;
}

}  // namespace

QString paramLabel(const std::string& variant, const std::string& name) {
  const Entry* e = find(variant, name);
  return e ? QCoreApplication::translate("Params", e->label) : QString();
}

QString paramTooltip(const std::string& variant, const std::string& name) {
  const Entry* e = find(variant, name);
  return e ? QCoreApplication::translate("Params", e->tooltip) : QString();
}

}  // namespace atlas::widgets
