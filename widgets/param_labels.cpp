#include "param_labels.h"

#include <QCoreApplication>

#include <string_view>

namespace atlas::widgets {
namespace {

struct Entry {
  std::string_view name;
  const char* label;
  const char* tooltip;
};

// One row per parameter name used by the variants of core/variant_registry.cpp.
constexpr Entry kParams[] = {
    {"causal", QT_TRANSLATE_NOOP("Params", "Causal mask"),
     QT_TRANSLATE_NOOP("Params", "Each query sees only the keys at or before its own position (j ≤ i).")},
    {"heads", QT_TRANSLATE_NOOP("Params", "Heads"),
     QT_TRANSLATE_NOOP("Params", "Number of attention heads h; each head uses d/h columns of Q, K and V.")},
    {"groups", QT_TRANSLATE_NOOP("Params", "Key/value groups"),
     QT_TRANSLATE_NOOP("Params", "Number of key/value heads g shared by the query heads; 1 is multi-query attention.")},
    {"hidden", QT_TRANSLATE_NOOP("Params", "Hidden units"),
     QT_TRANSLATE_NOOP("Params", "Width of the hidden layer of the scoring network.")},
    {"dq", QT_TRANSLATE_NOOP("Params", "Query width dq"),
     QT_TRANSLATE_NOOP("Params", "Width of the queries; 0 makes it equal to the key width dk.")},
    {"W_q", QT_TRANSLATE_NOOP("Params", "Query projection W_q"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
    {"W_k", QT_TRANSLATE_NOOP("Params", "Key projection W_k"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
    {"w_v", QT_TRANSLATE_NOOP("Params", "Output weights w_v"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
    {"W", QT_TRANSLATE_NOOP("Params", "Bilinear matrix W"),
     QT_TRANSLATE_NOOP("Params", "Drawn from the seed.")},
};

const Entry* find(const std::string& name) {
  for (const Entry& e : kParams)
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace

QString paramLabel(const std::string& name) {
  const Entry* e = find(name);
  return e ? QCoreApplication::translate("Params", e->label) : QString();
}

QString paramTooltip(const std::string& name) {
  const Entry* e = find(name);
  return e ? QCoreApplication::translate("Params", e->tooltip) : QString();
}

}  // namespace atlas::widgets
