// Help > Glossary: the bilingual glossary page (resources/pages/LANG/glossary.html) as a table
// with a search field. Typing keeps the rows that contain the text in any column (English term,
// Chinese term, meaning, page), in either language; activating a row opens the page that uses
// the term. The rows are read from the page itself, so the page is the one place they are
// written; the dialog follows the UI language.
#pragma once

#include <QDialog>
#include <QString>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace atlas::app {

class GlossaryDialog : public QDialog {
  Q_OBJECT
 public:
  explicit GlossaryDialog(QWidget* parent = nullptr);

  QLineEdit* searchField() const { return m_search; }
  QTableWidget* table() const { return m_table; }
  /// Rows not hidden by the search.
  int visibleRows() const;

 Q_SIGNALS:
  /// A row was activated: the page ("ID" of ID.html, a variant or "index") that uses its term.
  void pageRequested(const QString& id);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  /// Reads the rows of the glossary page in the UI language; keeps the search.
  void load();
  void filter();
  void retranslate();

  QLineEdit* m_search;
  QTableWidget* m_table;
  QLabel* m_count;
};

}  // namespace atlas::app
