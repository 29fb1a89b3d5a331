#include "variant_registry.h"

#include <algorithm>
#include <array>

namespace atlas::core {
namespace {

using Factory = const Variant& (*)();

// Generated from the one list (variant_list.h).
#define ATLAS_FACTORY(name) &variants::name##Variant,
constexpr std::array<Factory, kVariantCount> kTable = {ATLAS_VARIANT_LIST(ATLAS_FACTORY)};
#undef ATLAS_FACTORY

}  // namespace

const std::vector<const Variant*>& allVariants() {
  static const std::vector<const Variant*> all = [] {
    std::vector<const Variant*> v;
    for (Factory f : kTable) v.push_back(&f());
    return v;
  }();
  return all;
}

const Variant* findVariant(std::string_view id) {
  for (const Variant* v : allVariants())
    if (v->id() == id) return v;
  return nullptr;
}

const Variant& requireVariant(std::string_view id) {
  if (const Variant* v = findVariant(id)) return *v;
  std::string known;
  for (const Variant* v : allVariants()) known += (known.empty() ? "" : ", ") + v->id();
  throw Error(Error::Kind::InvalidArgument,
              ATLAS_TR_NOOP("CoreErrors", "Unknown variant '%1' (known: %2)."),
              {std::string(id), known});
}

}  // namespace atlas::core
