// The one list of the variants, in catalogue order (docs/variants.md). Each line names a
// variant's factory `const Variant& NAMEVariant()`, defined in its own source file under
// core/variants/. The factories' declarations, the registry's table and the count are generated
// from this list; nothing else enumerates the variants. Adding a variant: its source file, one
// line here, its pages, label translation, test rows and a row of docs/variants.md
// (docs/architecture.md, "Adding a variant").
#pragma once

#include "variant.h"

#include <cstddef>

#define ATLAS_VARIANT_LIST(X) \
  X(scaledDot)                \
  X(additive)                 \
  X(distance)                 \
  X(bilinear)                 \
  X(multiHead)                \
  X(groupedQuery)             \
  X(blockLocal)               \
  X(localWindow)              \
  X(strided)                  \
  X(globalTokens)             \
  X(bigBird)                  \
  X(mixedHeads)               \
  X(sparseFixed)              \
  X(dilated)                  \
  X(lsh)                      \
  X(kmeans)                   \
  X(sinkhorn)                 \
  X(linformer)                \
  X(compressed)               \
  X(linear)                   \
  X(performer)                \
  X(synthesizerDense)         \
  X(synthesizerRandom)        \
  X(aft)                      \
  X(flash)                    \
  X(paged)

namespace atlas::core {

namespace variants {
#define ATLAS_DECLARE_VARIANT(name) const Variant& name##Variant();
ATLAS_VARIANT_LIST(ATLAS_DECLARE_VARIANT)
#undef ATLAS_DECLARE_VARIANT
}  // namespace variants

/// Number of variants in the list.
#define ATLAS_COUNT_VARIANT(name) +1
inline constexpr std::size_t kVariantCount = 0 ATLAS_VARIANT_LIST(ATLAS_COUNT_VARIANT);
#undef ATLAS_COUNT_VARIANT

}  // namespace atlas::core
