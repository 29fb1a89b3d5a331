#include "matrix_table.h"

#include <QDoubleValidator>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPointer>
#include <QStyledItemDelegate>

#include <charconv>
#include <cmath>
#include <limits>

namespace atlas::app {
namespace {

/// The C locale without group separators: "1,5" is not a number in any language.
QLocale numberLocale() {
  QLocale c = QLocale::c();
  c.setNumberOptions(QLocale::RejectGroupSeparator);
  return c;
}

/// Takes only keystrokes that can still become a number. A text that is not one yet ("", "-",
/// "1e") is accepted all the same, so that it reaches the cell and the dialog can say which cell
/// is not a number; a validator's "intermediate" text would otherwise be dropped silently.
class NumberValidator : public QValidator {
 public:
  explicit NumberValidator(QObject* parent) : QValidator(parent) {
    m_number.setLocale(numberLocale());
    m_number.setNotation(QDoubleValidator::ScientificNotation);
  }
  State validate(QString& input, int& pos) const override {
    return m_number.validate(input, pos) == Invalid ? Invalid : Acceptable;
  }

 private:
  QDoubleValidator m_number;
};

/// A line edit with the number validator; every keystroke is committed to the cell.
class CellDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&,
                        const QModelIndex&) const override {
    auto* edit = new QLineEdit(parent);
    edit->setFrame(false);
    edit->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    edit->setValidator(new NumberValidator(edit));
    auto* self = const_cast<CellDelegate*>(this);  // the signal is not const; the delegate is
    connect(edit, &QLineEdit::textEdited, self, [self, edit] { Q_EMIT self->commitData(edit); });
    m_editor = edit;
    return edit;
  }

  void setEditorData(QWidget* editor, const QModelIndex& index) const override {
    // Called again after each committed keystroke: an unchanged text keeps the cursor.
    auto* edit = static_cast<QLineEdit*>(editor);
    const QString text = index.data(Qt::EditRole).toString();
    if (edit->text() != text) edit->setText(text);
  }

  void setModelData(QWidget* editor, QAbstractItemModel* model,
                    const QModelIndex& index) const override {
    model->setData(index, static_cast<QLineEdit*>(editor)->text(), Qt::EditRole);
  }

  QLineEdit* editor() const { return m_editor; }

 private:
  mutable QPointer<QLineEdit> m_editor;  ///< the one open now, if any
};

std::optional<core::Index> sizeOf(std::string word, const core::InputDims& dims,
                                  const core::ParamSet& params) {
  core::Index divisor = 1;
  if (const auto slash = word.find('/'); slash != std::string::npos) {
    const std::string by = word.substr(slash + 1);
    const auto [end, error] = std::from_chars(by.data(), by.data() + by.size(), divisor);
    if (error != std::errc() || end != by.data() + by.size() || divisor <= 0) return std::nullopt;
    word.resize(slash);
  }
  core::Index value = 0;
  if (word == "N") {
    value = dims.n;
  } else if (word == "M") {
    value = dims.m;
  } else if (word == "dq") {
    value = dims.dq;
  } else if (word == "dk") {
    value = dims.dk;
  } else if (word == "dv") {
    value = dims.dv;
  } else if (const auto it = params.numbers.find(word); it != params.numbers.end()) {
    value = core::Index(it->second);
  } else {
    return std::nullopt;
  }
  value /= divisor;
  return value > 0 ? std::optional(value) : std::nullopt;
}

}  // namespace

std::optional<float> parseCell(const QString& text) {
  bool ok = false;
  const double v = numberLocale().toDouble(text.trimmed(), &ok);
  if (!ok || !std::isfinite(v) || std::abs(v) > double(std::numeric_limits<float>::max()))
    return std::nullopt;
  return float(v);
}

QString formatCell(float value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return QString::fromLatin1(text, end - text);
}

std::optional<std::pair<core::Index, core::Index>> matrixShape(const std::string& shape,
                                                               const core::InputDims& dims,
                                                               const core::ParamSet& params) {
  const auto x = shape.find(" x ");
  const auto rows = sizeOf(shape.substr(0, x), dims, params);
  const auto cols = x == std::string::npos ? std::optional<core::Index>(1)
                                           : sizeOf(shape.substr(x + 3), dims, params);
  if (!rows || !cols) return std::nullopt;
  return std::pair(*rows, *cols);
}

MatrixTable::MatrixTable(QWidget* parent) : QTableWidget(parent) {
  setItemDelegate(new CellDelegate(this));
  setEditTriggers(DoubleClicked | EditKeyPressed | AnyKeyPressed | SelectedClicked);
  setSelectionMode(SingleSelection);
  horizontalHeader()->setDefaultSectionSize(72);
  horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
}

void MatrixTable::setShape(int rows, int cols) {
  const int oldRows = rowCount(), oldCols = columnCount();
  setRowCount(rows);
  setColumnCount(cols);
  for (int r = 0; r < rows; ++r)
    for (int c = r < oldRows ? oldCols : 0; c < cols; ++c) {
      auto* item = new QTableWidgetItem;
      item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      setItem(r, c, item);
    }
  // Rows and columns counted from 0, as the views and the walkthrough count them.
  QStringList columns, rowNames;
  for (int c = 0; c < cols; ++c) columns << QString::number(c);
  for (int r = 0; r < rows; ++r) rowNames << QString::number(r);
  setHorizontalHeaderLabels(columns);
  setVerticalHeaderLabels(rowNames);
}

void MatrixTable::setMatrix(const core::Matrix& m) {
  setShape(int(m.rows()), int(m.cols()));
  for (int r = 0; r < rowCount(); ++r)
    for (int c = 0; c < columnCount(); ++c) item(r, c)->setText(formatCell(m(r, c)));
}

void MatrixTable::fill(const QString& text) {
  for (int r = 0; r < rowCount(); ++r)
    for (int c = 0; c < columnCount(); ++c) item(r, c)->setText(text);
}

QString MatrixTable::cellText(int row, int col) const {
  const QTableWidgetItem* i = item(row, col);
  return i ? i->text() : QString();
}

std::optional<core::Matrix> MatrixTable::matrix() const {
  core::Matrix m(rowCount(), columnCount());
  for (int r = 0; r < rowCount(); ++r)
    for (int c = 0; c < columnCount(); ++c) {
      const auto v = parseCell(cellText(r, c));
      if (!v) return std::nullopt;
      m(r, c) = *v;
    }
  return m;
}

std::optional<std::pair<int, int>> MatrixTable::firstBadCell() const {
  for (int r = 0; r < rowCount(); ++r)
    for (int c = 0; c < columnCount(); ++c)
      if (!parseCell(cellText(r, c))) return std::pair(r, c);
  return std::nullopt;
}

void MatrixTable::setRowLabels(const QStringList& labels) {
  QStringList names;
  for (int r = 0; r < rowCount(); ++r)
    names << (r < labels.size() && !labels[r].isEmpty() ? labels[r] : QString::number(r));
  setVerticalHeaderLabels(names);
}

void MatrixTable::commitEditing() {
  QLineEdit* editor = static_cast<CellDelegate*>(itemDelegate())->editor();
  if (state() != EditingState || !editor) return;
  commitData(editor);
  closeEditor(editor, QAbstractItemDelegate::NoHint);
}

void MatrixTable::keyPressEvent(QKeyEvent* event) {
  // Return moves down as in a spreadsheet, and never reaches the dialog (which would accept).
  const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
  if (enter && !(event->modifiers() & Qt::ControlModifier)) {
    if (state() != EditingState && currentRow() + 1 < rowCount())
      setCurrentCell(currentRow() + 1, currentColumn());
    event->accept();
    return;
  }
  QTableWidget::keyPressEvent(event);
}

}  // namespace atlas::app
