// One matrix typed by hand, as a table of numeric cells (the Q, K, V editor's tables), and the
// shape a variant's matrix parameter takes for given sizes.
#pragma once

#include "core/inputs.h"
#include "core/params.h"

#include <QTableWidget>

#include <optional>
#include <string>
#include <utility>

namespace atlas::app {

/// The number a cell's text holds: a decimal point in every language ("0.5", "-1e-3", "2");
/// nullopt for an empty text, anything else, or a value no float holds.
std::optional<float> parseCell(const QString& text);
/// The shortest text that reads back as exactly `value`.
QString formatCell(float value);

/// The rows and columns of a matrix parameter whose shape is `shape` (ParamSpec::defaultText:
/// "dk x hidden", "rank x M"; a vector, "hidden", is hidden x 1) for inputs of `dims` and the
/// variant's numbers in `params`. A word is N, M, dq, dk, dv or an integer parameter, optionally
/// divided ("buckets/2"). Nullopt when a word is unknown or a size is not positive.
std::optional<std::pair<core::Index, core::Index>> matrixShape(const std::string& shape,
                                                               const core::InputDims& dims,
                                                               const core::ParamSet& params);

/// A table whose every cell is an item holding a number's text. Typing in a selected cell edits
/// it (only characters of a number are taken); Tab and the arrows move between cells, Return
/// moves down. Every keystroke reaches the model, so the dialog sees what is typed at once.
class MatrixTable : public QTableWidget {
  Q_OBJECT
 public:
  explicit MatrixTable(QWidget* parent = nullptr);

  /// Resizes to rows x cols, keeping every number already in the cells that remain; new cells
  /// are empty.
  void setShape(int rows, int cols);
  /// Writes `m` into the cells (the table takes its shape).
  void setMatrix(const core::Matrix& m);
  /// Writes `text` into every cell.
  void fill(const QString& text);
  /// The numbers, or nullopt while a cell is empty or not a number.
  std::optional<core::Matrix> matrix() const;
  /// The first cell, row by row, that is empty or not a number (row, column); nullopt if none.
  std::optional<std::pair<int, int>> firstBadCell() const;
  /// The cell's text (empty for a cell outside the table).
  QString cellText(int row, int col) const;
  /// Names the rows: `labels[i]` for row i, its number (from 1) where there is none.
  void setRowLabels(const QStringList& labels);
  /// Ends an edit in progress, keeping what was typed.
  void commitEditing();

 protected:
  void keyPressEvent(QKeyEvent* event) override;
};

}  // namespace atlas::app
