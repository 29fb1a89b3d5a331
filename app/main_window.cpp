#include "main_window.h"

#include "widgets/variant_list_model.h"

#include "core/variant_registry.h"

#include <QDockWidget>
#include <QLabel>
#include <QListView>
#include <QStatusBar>

namespace atlas::app {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  m_model = new widgets::VariantListModel(this);
  m_list = new QListView(this);
  m_list->setModel(m_model);
  auto* dock = new QDockWidget(this);
  dock->setObjectName("variantsDock");
  dock->setWidget(m_list);
  addDockWidget(Qt::LeftDockWidgetArea, dock);

  m_summary = new QLabel(this);
  m_summary->setAlignment(Qt::AlignCenter);
  m_summary->setWordWrap(true);
  setCentralWidget(m_summary);

  connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { showVariant(current.row()); });
  retranslate();
  resize(1100, 700);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("Attention Atlas"));
  if (auto* dock = findChild<QDockWidget*>("variantsDock")) dock->setWindowTitle(tr("Variants"));
  m_model->retranslate();
  showVariant(m_list->currentIndex().row());
  statusBar()->showMessage(tr("%n variant(s) available", nullptr, m_model->rowCount()));
}

void MainWindow::showVariant(int row) {
  if (row < 0) {
    m_summary->setText(tr("Choose a variant on the left."));
    return;
  }
  const QString label = m_model->data(m_model->index(row)).toString();
  const QString family = m_model->data(m_model->index(row), widgets::VariantListModel::FamilyRole).toString();
  m_summary->setText(QStringLiteral("<h2>%1</h2><p>%2</p>").arg(label.toHtmlEscaped(), family.toHtmlEscaped()));
}

}  // namespace atlas::app
