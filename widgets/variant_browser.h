// The variant list with a search field: families as headings, variants below them.
#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace atlas::widgets {

class VariantTreeModel;

class VariantBrowser : public QWidget {
  Q_OBJECT
 public:
  explicit VariantBrowser(QWidget* parent = nullptr);
  /// Selects a variant (no signal if it is already current). False for an unknown id.
  bool selectVariant(const QString& id);
  QString currentVariant() const;
  QLineEdit* searchField() const { return m_search; }
  QTreeView* view() const { return m_view; }

 Q_SIGNALS:
  void variantChosen(const QString& id);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  VariantTreeModel* m_model;
  QSortFilterProxyModel* m_proxy;
  QLineEdit* m_search;
  QTreeView* m_view;
};

}  // namespace atlas::widgets
