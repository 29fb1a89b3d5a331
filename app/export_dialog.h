// File > Export figure: file, format (from the suffix), size and resolution.
#pragma once

#include "widgets/figure_export.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace atlas::app {

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ExportDialog(const QString& suggestedPath, QWidget* parent = nullptr);
  QString path() const;
  widgets::FigureOptions options() const;

 private:
  void browse();
  void validateAndAccept();
  QLineEdit* m_path;
  QSpinBox *m_width, *m_height, *m_dpi;
};

}  // namespace atlas::app
