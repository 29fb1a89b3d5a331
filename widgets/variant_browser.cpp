#include "variant_browser.h"

#include "variant_tree_model.h"

#include <QEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace atlas::widgets {
namespace {

/// Keeps variants whose label or id contains the search text, and the families holding them.
class VariantFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setText(const QString& text) {
    m_text = text.trimmed();
    invalidateFilter();
  }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
    const QString& text = m_text;
    if (text.isEmpty()) return true;
    const QModelIndex i = sourceModel()->index(row, 0, parent);
    if (!i.data(VariantTreeModel::IsVariantRole).toBool()) return false;  // kept via children
    return i.data(Qt::DisplayRole).toString().contains(text, Qt::CaseInsensitive) ||
           i.data(VariantTreeModel::IdRole).toString().contains(text, Qt::CaseInsensitive);
  }

 private:
  QString m_text;
};

}  // namespace

VariantBrowser::VariantBrowser(QWidget* parent) : QWidget(parent) {
  m_model = new VariantTreeModel(this);
  m_proxy = new VariantFilter(this);
  m_proxy->setSourceModel(m_model);
  m_proxy->setRecursiveFilteringEnabled(true);
  m_search = new QLineEdit(this);
  m_search->setClearButtonEnabled(true);
  m_view = new QTreeView(this);
  m_view->setModel(m_proxy);
  m_view->setHeaderHidden(true);
  m_view->setRootIsDecorated(false);
  m_view->setItemsExpandable(false);
  m_view->expandAll();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addWidget(m_search);
  layout->addWidget(m_view, 1);

  connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
    static_cast<VariantFilter*>(m_proxy)->setText(text);
    m_view->expandAll();
  });
  connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) {
            if (current.data(VariantTreeModel::IsVariantRole).toBool())
              Q_EMIT variantChosen(current.data(VariantTreeModel::IdRole).toString());
          });
  retranslate();
}

bool VariantBrowser::selectVariant(const QString& id) {
  const QModelIndex source = m_model->indexOf(id);
  if (!source.isValid()) return false;
  QModelIndex proxied = m_proxy->mapFromSource(source);
  if (!proxied.isValid()) {  // hidden by the search: clear it
    m_search->clear();
    proxied = m_proxy->mapFromSource(source);
  }
  m_view->setCurrentIndex(proxied);
  return true;
}

QString VariantBrowser::currentVariant() const {
  return m_view->currentIndex().data(VariantTreeModel::IdRole).toString();
}

void VariantBrowser::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void VariantBrowser::retranslate() {
  m_search->setPlaceholderText(tr("Search variants (name or id)…"));
  m_model->retranslate();
}

}  // namespace atlas::widgets
