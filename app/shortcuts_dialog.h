// Help > Keyboard shortcuts: every shortcut of the window, read from its actions when the dialog
// opens (so the list cannot go stale, and follows the UI language): the menu path of each action
// and its keys, in menu order; actions that are in no menu (the presentation's zoom, say) last.
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QMainWindow;
class QTableWidget;

namespace atlas::app {

struct ShortcutRow {
  QString command;  ///< "File > Export figure…", without mnemonics
  QString keys;     ///< "Ctrl+E", several separated by commas
};

/// The shortcuts of `window`'s actions, as the dialog lists them.
QList<ShortcutRow> shortcutRows(const QMainWindow* window);

class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ShortcutsDialog(QMainWindow* window);

  QTableWidget* table() const { return m_table; }

 private:
  QTableWidget* m_table;
};

}  // namespace atlas::app
