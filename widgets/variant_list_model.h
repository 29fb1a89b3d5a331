// The variant list: a Qt model over the core registry, in registry order.
#pragma once

#include <QAbstractListModel>

namespace atlas::widgets {

class VariantListModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role { IdRole = Qt::UserRole + 1, FamilyRole };
  explicit VariantListModel(QObject* parent = nullptr);
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  /// Row of a variant id, -1 when unknown.
  int rowOf(const QString& id) const;
  /// Labels follow the UI language: call after installing a translator.
  void retranslate();
};

}  // namespace atlas::widgets
