#include "variant_tree_model.h"

#include "core_text.h"

#include "core/variant_registry.h"

namespace atlas::widgets {

// internalId: 0 for a family row; group index + 1 for a variant row (its parent's position).

VariantTreeModel::VariantTreeModel(QObject* parent) : QAbstractItemModel(parent) {
  const auto& all = core::allVariants();
  for (int i = 0; i < static_cast<int>(all.size()); ++i) {
    const int family = static_cast<int>(all[static_cast<std::size_t>(i)]->family());
    auto it = std::find_if(m_groups.begin(), m_groups.end(),
                           [&](const Group& g) { return g.family == family; });
    if (it == m_groups.end()) {
      m_groups.push_back({family, {}});
      it = m_groups.end() - 1;
    }
    it->variants.push_back(i);
  }
}

QModelIndex VariantTreeModel::index(int row, int column, const QModelIndex& parent) const {
  if (column != 0 || row < 0) return {};
  if (!parent.isValid())
    return row < static_cast<int>(m_groups.size()) ? createIndex(row, 0, quintptr(0))
                                                   : QModelIndex();
  if (parent.internalId() != 0) return {};
  const Group& g = m_groups[static_cast<std::size_t>(parent.row())];
  return row < static_cast<int>(g.variants.size()) ? createIndex(row, 0, quintptr(parent.row() + 1))
                                                   : QModelIndex();
}

QModelIndex VariantTreeModel::parent(const QModelIndex& child) const {
  if (!child.isValid() || child.internalId() == 0) return {};
  return createIndex(static_cast<int>(child.internalId() - 1), 0, quintptr(0));
}

int VariantTreeModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return static_cast<int>(m_groups.size());
  if (parent.internalId() != 0) return 0;
  return static_cast<int>(m_groups[static_cast<std::size_t>(parent.row())].variants.size());
}

QVariant VariantTreeModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid()) return {};
  if (index.internalId() == 0) {
    const Group& g = m_groups[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) return widgets::familyLabel(static_cast<core::Family>(g.family));
    if (role == IsVariantRole) return false;
    return {};
  }
  const Group& g = m_groups[static_cast<std::size_t>(index.internalId() - 1)];
  const core::Variant& v = *core::allVariants()[static_cast<std::size_t>(
      g.variants[static_cast<std::size_t>(index.row())])];
  switch (role) {
    case Qt::DisplayRole:
      return variantLabel(v.id());
    case Qt::ToolTipRole:
    case IdRole:
      return QString::fromStdString(v.id());
    case IsVariantRole:
      return true;
    default:
      return {};
  }
}

Qt::ItemFlags VariantTreeModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  return index.internalId() == 0 ? Qt::ItemIsEnabled : Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QModelIndex VariantTreeModel::indexOf(const QString& id) const {
  for (int gi = 0; gi < static_cast<int>(m_groups.size()); ++gi)
    for (int r = 0; r < static_cast<int>(m_groups[static_cast<std::size_t>(gi)].variants.size());
         ++r) {
      const QModelIndex i = index(r, 0, index(gi, 0));
      if (i.data(IdRole).toString() == id) return i;
    }
  return {};
}

void VariantTreeModel::retranslate() {
  for (int gi = 0; gi < rowCount(); ++gi) {
    const QModelIndex g = index(gi, 0);
    Q_EMIT dataChanged(g, g);
    if (rowCount(g) > 0) Q_EMIT dataChanged(index(0, 0, g), index(rowCount(g) - 1, 0, g));
  }
}

}  // namespace atlas::widgets
