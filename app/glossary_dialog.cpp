#include "glossary_dialog.h"

#include "widgets/explanation_view.h"

#include <QEvent>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace atlas::app {

namespace {

constexpr int kColumns = 4;  // English, Chinese, meaning, page
constexpr int kPageRole = Qt::UserRole;

struct Row {
  QStringList cells;
  QString page;  ///< the id of the first page the last cell links to, or empty
};

/// The body rows of the page's table: <tr> with kColumns <td> cells (the header uses <th>).
std::vector<Row> readRows(const QString& html) {
  static const QRegularExpression row(QStringLiteral("<tr>(.*?)</tr>"),
                                      QRegularExpression::DotMatchesEverythingOption);
  static const QRegularExpression cell(QStringLiteral("<td>(.*?)</td>"),
                                       QRegularExpression::DotMatchesEverythingOption);
  static const QRegularExpression link(QStringLiteral("href=\"(\\w+)\\.html\""));
  std::vector<Row> rows;
  for (auto r = row.globalMatch(html); r.hasNext();) {
    Row out;
    const QString body = r.next().captured(1);
    for (auto c = cell.globalMatch(body); c.hasNext();) {
      const QString text = c.next().captured(1);
      out.cells << QTextDocumentFragment::fromHtml(text).toPlainText().simplified();
      if (out.cells.size() == kColumns) out.page = link.match(text).captured(1);
    }
    if (out.cells.size() == kColumns) rows.push_back(std::move(out));
  }
  return rows;
}

}  // namespace

GlossaryDialog::GlossaryDialog(QWidget* parent) : QDialog(parent) {
  setObjectName("glossaryDialog");
  m_search = new QLineEdit(this);
  m_search->setObjectName("glossarySearch");
  m_search->setClearButtonEnabled(true);
  m_table = new QTableWidget(0, kColumns, this);
  m_table->setObjectName("glossaryTable");
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setWordWrap(true);
  m_table->verticalHeader()->hide();
  // Each row as tall as its wrapped meaning at the current column widths.
  m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  m_count = new QLabel(this);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_search);
  layout->addWidget(m_table, 1);
  layout->addWidget(m_count);
  connect(m_search, &QLineEdit::textChanged, this, &GlossaryDialog::filter);
  connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) {
    const QString page = m_table->item(row, kColumns - 1)->data(kPageRole).toString();
    if (!page.isEmpty()) Q_EMIT pageRequested(page);
  });
  resize(900, 600);
  load();
  retranslate();
}

int GlossaryDialog::visibleRows() const {
  int n = 0;
  for (int r = 0; r < m_table->rowCount(); ++r) n += m_table->isRowHidden(r) ? 0 : 1;
  return n;
}

void GlossaryDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    load();
    retranslate();
  }
  QDialog::changeEvent(event);
}

void GlossaryDialog::load() {
  QFile f(widgets::ExplanationView::pagePath(widgets::ExplanationView::uiLanguage(),
                                             QStringLiteral("glossary")));
  const std::vector<Row> rows =
      f.open(QIODevice::ReadOnly) ? readRows(QString::fromUtf8(f.readAll())) : std::vector<Row>{};
  m_table->setRowCount(int(rows.size()));
  for (int r = 0; r < int(rows.size()); ++r)
    for (int c = 0; c < kColumns; ++c) {
      auto* item = new QTableWidgetItem(rows[std::size_t(r)].cells[c]);
      if (c == kColumns - 1) item->setData(kPageRole, rows[std::size_t(r)].page);
      m_table->setItem(r, c, item);
    }
  m_table->resizeColumnToContents(0);
  m_table->resizeColumnToContents(1);
  m_table->resizeColumnToContents(3);
  filter();
}

void GlossaryDialog::filter() {
  const QString text = m_search->text().trimmed();
  for (int r = 0; r < m_table->rowCount(); ++r) {
    bool match = text.isEmpty();
    for (int c = 0; c < kColumns && !match; ++c)
      match = m_table->item(r, c)->text().contains(text, Qt::CaseInsensitive);
    m_table->setRowHidden(r, !match);
  }
  m_count->setText(tr("%1 of %2 terms").arg(visibleRows()).arg(m_table->rowCount()));
}

void GlossaryDialog::retranslate() {
  setWindowTitle(tr("Glossary"));
  m_search->setPlaceholderText(tr("Search the terms in English or Chinese"));
  m_table->setHorizontalHeaderLabels(
      {tr("English"), tr("Chinese"), tr("Meaning"), tr("Where it is used")});
  m_count->setText(tr("%1 of %2 terms").arg(visibleRows()).arg(m_table->rowCount()));
}

}  // namespace atlas::app
