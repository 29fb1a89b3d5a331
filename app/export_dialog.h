// File > Export figure: the file and its format, the size in physical units (or a preset: a
// journal's single or double column, a slide), the PNG resolution, the type size in points, and
// a preview of the figure as it will be written. The choices are kept for the next export.
#pragma once

#include "widgets/figure_export.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace atlas::app {

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  /// Draws the figure for `options` into an image that fits `box`; empty: no preview.
  using PreviewFn = std::function<QImage(const widgets::FigureOptions& options, QSize box)>;
  ExportDialog(const QString& suggestedPath, PreviewFn preview, QWidget* parent = nullptr);
  QString path() const;
  widgets::FigureOptions options() const;

  QComboBox* presetBox() const { return m_preset; }
  QComboBox* formatBox() const { return m_format; }
  QComboBox* unitBox() const { return m_unit; }
  QDoubleSpinBox* widthBox() const { return m_width; }
  QDoubleSpinBox* heightBox() const { return m_height; }
  QSpinBox* dpiBox() const { return m_dpi; }
  QDoubleSpinBox* fontBox() const { return m_font; }
  QLabel* previewLabel() const { return m_preview; }
  QLabel* sizeLabel() const { return m_pixels; }

 public Q_SLOTS:
  /// Save: checks the file name and the size, keeps the choices, accepts.
  void validateAndAccept();

 private:
  void browse();
  void formatChosen();
  void pathEdited();
  void presetChosen();
  void unitChosen();
  void edited();  ///< a size, resolution or type changed by hand: the preset becomes Custom
  void update();  ///< the pixel count, and the preview soon
  void drawPreview();
  void retranslateUnits();
  widgets::FigureFormat format() const;
  double inchesPerUnit() const;
  double widthInches() const;
  double heightInches() const;
  void setInches(double width, double height);
  void save() const;

  PreviewFn m_previewFn;
  QLineEdit* m_path;
  QComboBox *m_format, *m_preset, *m_unit;
  QDoubleSpinBox *m_width, *m_height, *m_font;
  QSpinBox* m_dpi;
  QLabel *m_pixels, *m_preview;
  QTimer* m_previewTimer;
  int m_lastUnit = 0;
  bool m_setting = false;  ///< the dialog sets its own fields: not the user's edit
};

}  // namespace atlas::app
