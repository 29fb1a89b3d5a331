#include "variant_labels.h"

#include <QCoreApplication>

#include <string_view>

namespace atlas::widgets {
namespace {

struct Label {
  std::string_view id;
  const char* text;
};

// One row per variant id of core/variant_registry.cpp (catalogue order).
constexpr Label kLabels[] = {
    {"scaled_dot", QT_TRANSLATE_NOOP("VariantLabels", "Scaled dot-product attention")},
    {"additive", QT_TRANSLATE_NOOP("VariantLabels", "Additive attention")},
    {"distance", QT_TRANSLATE_NOOP("VariantLabels", "Distance-based attention")},
    {"bilinear", QT_TRANSLATE_NOOP("VariantLabels", "Bilinear attention")},
    {"multi_head", QT_TRANSLATE_NOOP("VariantLabels", "Multi-head attention")},
    {"grouped_query", QT_TRANSLATE_NOOP("VariantLabels", "Grouped-query attention")},
    {"block_local", QT_TRANSLATE_NOOP("VariantLabels", "Block-local attention")},
    {"local_window", QT_TRANSLATE_NOOP("VariantLabels", "Sliding-window attention")},
    {"strided", QT_TRANSLATE_NOOP("VariantLabels", "Strided attention")},
    {"global_tokens", QT_TRANSLATE_NOOP("VariantLabels", "Global-token attention")},
    {"bigbird", QT_TRANSLATE_NOOP("VariantLabels", "BigBird")},
    {"mixed_heads", QT_TRANSLATE_NOOP("VariantLabels", "Mixed-pattern heads")},
    {"sparse_fixed", QT_TRANSLATE_NOOP("VariantLabels", "Sparse Transformer (fixed)")},
    {"dilated", QT_TRANSLATE_NOOP("VariantLabels", "LongNet dilated attention")},
    {"lsh", QT_TRANSLATE_NOOP("VariantLabels", "LSH attention (Reformer)")},
    {"kmeans", QT_TRANSLATE_NOOP("VariantLabels", "k-means routing attention")},
    {"sinkhorn", QT_TRANSLATE_NOOP("VariantLabels", "Sparse Sinkhorn attention")},
    {"linformer", QT_TRANSLATE_NOOP("VariantLabels", "Linformer")},
    {"compressed", QT_TRANSLATE_NOOP("VariantLabels", "Memory-compressed attention")},
    {"linear", QT_TRANSLATE_NOOP("VariantLabels", "Linear attention")},
    {"performer", QT_TRANSLATE_NOOP("VariantLabels", "Performer (FAVOR+)")},
    {"synthesizer_dense", QT_TRANSLATE_NOOP("VariantLabels", "Dense Synthesizer")},
    {"synthesizer_random", QT_TRANSLATE_NOOP("VariantLabels", "Random Synthesizer")},
    {"aft", QT_TRANSLATE_NOOP("VariantLabels", "Attention Free Transformer (AFT)")},
    {"flash", QT_TRANSLATE_NOOP("VariantLabels", "FlashAttention (tiled)")},
    {"paged", QT_TRANSLATE_NOOP("VariantLabels", "Paged attention (KV cache)")},
};

constexpr const char* kFamilies[] = {
    QT_TRANSLATE_NOOP("VariantLabels", "Dense scoring"),
    QT_TRANSLATE_NOOP("VariantLabels", "Fixed sparse patterns"),
    QT_TRANSLATE_NOOP("VariantLabels", "Data-dependent patterns"),
    QT_TRANSLATE_NOOP("VariantLabels", "Fewer keys"),
    QT_TRANSLATE_NOOP("VariantLabels", "Reordered products"),
    QT_TRANSLATE_NOOP("VariantLabels", "Not from queries and keys"),
    QT_TRANSLATE_NOOP("VariantLabels", "Same result, another schedule"),
};

}  // namespace

QString variantLabel(const std::string& id) {
  for (const Label& l : kLabels)
    if (l.id == id) return QCoreApplication::translate("VariantLabels", l.text);
  return {};
}

QString familyLabel(core::Family family) {
  const auto i = static_cast<std::size_t>(family);
  return i < std::size(kFamilies) ? QCoreApplication::translate("VariantLabels", kFamilies[i])
                                  : QString();
}

}  // namespace atlas::widgets
