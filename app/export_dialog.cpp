#include "export_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

namespace atlas::app {

ExportDialog::ExportDialog(const QString& suggestedPath, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Export figure"));
  m_path = new QLineEdit(suggestedPath, this);
  auto* browse = new QPushButton(tr("&Browse…"), this);
  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(m_path, 1);
  fileRow->addWidget(browse);
  auto spin = [this](int min, int max, int value, const QString& suffix) {
    auto* s = new QSpinBox(this);
    s->setRange(min, max);
    s->setValue(value);
    s->setSuffix(suffix);
    return s;
  };
  m_width = spin(16, 20000, 1600, tr(" px"));
  m_height = spin(16, 20000, 1200, tr(" px"));
  m_dpi = spin(24, 2400, 150, tr(" dpi"));
  auto* form = new QFormLayout(this);
  form->addRow(tr("&File:"), fileRow);
  form->addRow(tr("&Width:"), m_width);
  form->addRow(tr("&Height:"), m_height);
  form->addRow(tr("&Resolution:"), m_dpi);
  form->addRow(new QLabel(tr("The format follows the file name: .png, .svg or .pdf. "
                             "SVG and PDF keep text as text."),
                          this));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::validateAndAccept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

QString ExportDialog::path() const { return m_path->text().trimmed(); }

widgets::FigureOptions ExportDialog::options() const {
  widgets::FigureOptions o;
  widgets::figureFormatFromSuffix(QFileInfo(path()).suffix(), &o.format);
  o.width = m_width->value();
  o.height = m_height->value();
  o.dpi = m_dpi->value();
  return o;
}

void ExportDialog::browse() {
  const QString file = QFileDialog::getSaveFileName(
      this, tr("Export figure"), path(),
      tr("PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"));
  if (!file.isEmpty()) m_path->setText(file);
}

void ExportDialog::validateAndAccept() {
  widgets::FigureFormat f;
  if (path().isEmpty() || !widgets::figureFormatFromSuffix(QFileInfo(path()).suffix(), &f)) {
    QMessageBox::warning(this, windowTitle(), tr("Give a file name ending in .png, .svg or .pdf."));
    return;
  }
  accept();
}

}  // namespace atlas::app
