#include "variant_list_model.h"

#include "variant_labels.h"

#include "core/variant_registry.h"

namespace atlas::widgets {

VariantListModel::VariantListModel(QObject* parent) : QAbstractListModel(parent) {}

int VariantListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(core::allVariants().size());
}

QVariant VariantListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const core::Variant& v = *core::allVariants()[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole: return variantLabel(v.id());
    case Qt::ToolTipRole: return QString::fromStdString(v.id());
    case IdRole: return QString::fromStdString(v.id());
    case FamilyRole: return familyLabel(v.family());
    default: return {};
  }
}

int VariantListModel::rowOf(const QString& id) const {
  const auto& all = core::allVariants();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (QString::fromStdString(all[i]->id()) == id) return static_cast<int>(i);
  return -1;
}

void VariantListModel::retranslate() {
  if (rowCount() > 0) Q_EMIT dataChanged(index(0), index(rowCount() - 1));
}

}  // namespace atlas::widgets
