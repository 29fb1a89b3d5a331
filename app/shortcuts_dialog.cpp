#include "shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace atlas::app {

namespace {

/// A menu text without its mnemonic: "&Export figure…" and "导出图像(&E)…" as shown.
QString plain(QString text) {
  static const QRegularExpression cjkMnemonic(QStringLiteral("\\(&[^&]\\)"));
  text.remove(cjkMnemonic);
  text.replace(QLatin1String("&&"), QLatin1String("\x01"));
  text.remove(QLatin1Char('&'));
  text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
  return text;
}

QString keysOf(const QAction* action) {
  QStringList keys;
  for (const QKeySequence& k : action->shortcuts()) keys << k.toString(QKeySequence::NativeText);
  return keys.join(QLatin1String(", "));
}

void collect(const QMenu* menu, const QString& path, QList<ShortcutRow>& rows,
             QSet<const QAction*>& seen) {
  for (const QAction* a : menu->actions()) {
    if (a->isSeparator()) continue;
    const QString where = path + QStringLiteral(" > ") + plain(a->text());
    if (a->menu()) {
      collect(a->menu(), where, rows, seen);
    } else if (!a->shortcuts().isEmpty() && !seen.contains(a)) {
      rows.push_back({where, keysOf(a)});
      seen.insert(a);
    }
  }
}

}  // namespace

QList<ShortcutRow> shortcutRows(const QMainWindow* window) {
  QList<ShortcutRow> rows;
  QSet<const QAction*> seen;
  for (const QAction* top : window->menuBar()->actions())
    if (top->menu()) collect(top->menu(), plain(top->text()), rows, seen);
  // Actions the window reacts to outside its menus (presentation mode hides the menus).
  for (const QAction* a : window->findChildren<QAction*>()) {
    if (a->shortcuts().isEmpty() || seen.contains(a) || a->text().isEmpty()) continue;
    rows.push_back({plain(a->text()), keysOf(a)});
    seen.insert(a);
  }
  return rows;
}

ShortcutsDialog::ShortcutsDialog(QMainWindow* window)
    : QDialog(window), m_table(new QTableWidget(this)) {
  setWindowTitle(tr("Keyboard shortcuts"));
  const QList<ShortcutRow> rows = shortcutRows(window);
  m_table->setColumnCount(2);
  m_table->setHorizontalHeaderLabels({tr("Command"), tr("Keys")});
  m_table->setRowCount(int(rows.size()));
  for (int i = 0; i < rows.size(); ++i) {
    m_table->setItem(i, 0, new QTableWidgetItem(rows[i].command));
    m_table->setItem(i, 1, new QTableWidgetItem(rows[i].keys));
  }
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_table);
  layout->addWidget(buttons);
  resize(560, 640);
}

}  // namespace atlas::app
