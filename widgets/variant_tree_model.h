// The variant list: a Qt model over the core registry, grouped by family (families are the
// top-level rows, variants their children, both in registry order).
#pragma once

#include <QAbstractItemModel>

namespace atlas::widgets {

class VariantTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Role { IdRole = Qt::UserRole + 1, IsVariantRole };
  explicit VariantTreeModel(QObject* parent = nullptr);

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override {
    Q_UNUSED(parent);
    return 1;
  }
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

  /// The index of a variant id, invalid when unknown.
  QModelIndex indexOf(const QString& id) const;
  /// Labels follow the UI language: call after the language changed.
  void retranslate();

 private:
  struct Group {
    int family;
    std::vector<int> variants;  ///< positions in core::allVariants()
  };
  std::vector<Group> m_groups;
};

}  // namespace atlas::widgets
