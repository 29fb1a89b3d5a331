#include "export_dialog.h"

#include "settings.h"

#include "widgets/figure_size.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>

#include <cmath>

namespace atlas::app {
namespace {

using widgets::FigureFormat;

const char* const kSuffixes[] = {"png", "svg", "pdf"};
/// The units of the size fields; pixels count at the resolution.
enum Unit { Inch, Millimetre, Centimetre, Point, Pixel };
constexpr QSize kPreviewBox(360, 270);

}  // namespace

ExportDialog::ExportDialog(const QString& suggestedPath, PreviewFn preview, QWidget* parent)
    : QDialog(parent), m_previewFn(std::move(preview)) {
  setWindowTitle(tr("Export figure"));
  m_path = new QLineEdit(suggestedPath, this);
  auto* browse = new QPushButton(tr("&Browse…"), this);
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(m_path, 1);
  fileRow->addWidget(browse);
  auto* fileLabel = new QLabel(tr("&File:"), this);
  fileLabel->setBuddy(m_path);

  m_format = new QComboBox(this);
  m_format->addItems({tr("PNG image"), tr("SVG vector image (text stays text)"),
                      tr("PDF document (text stays text)")});
  m_preset = new QComboBox(this);
  m_preset->addItem(tr("Custom"), QString());
  for (const widgets::FigurePreset& p : widgets::figurePresets())
    m_preset->addItem(QCoreApplication::translate("FigureExport", p.title), QString(p.id));
  const auto number = [this](double max, int decimals) {
    auto* s = new QDoubleSpinBox(this);
    s->setRange(0.01, max);
    s->setDecimals(decimals);
    return s;
  };
  m_width = number(100000, 2);
  m_height = number(100000, 2);
  m_unit = new QComboBox(this);
  m_unit->addItems({tr("in"), tr("mm"), tr("cm"), tr("pt"), tr("px")});
  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(m_width);
  sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
  sizeRow->addWidget(m_height);
  sizeRow->addWidget(m_unit);
  auto* sizeLabel = new QLabel(tr("&Size:"), this);
  sizeLabel->setBuddy(m_width);
  m_dpi = new QSpinBox(this);
  m_dpi->setRange(24, 2400);
  m_dpi->setSuffix(tr(" dpi"));
  m_pixels = new QLabel(this);
  auto* dpiRow = new QHBoxLayout;
  dpiRow->addWidget(m_dpi);
  dpiRow->addWidget(m_pixels, 1);
  m_font = number(72, 1);
  m_font->setRange(0, 72);
  m_font->setSuffix(tr(" pt"));
  m_font->setSpecialValueText(tr("as on screen"));
  m_preview = new QLabel(this);
  m_preview->setMinimumSize(kPreviewBox);
  m_preview->setAlignment(Qt::AlignCenter);
  m_preview->setFrameShape(QFrame::StyledPanel);
  m_previewTimer = new QTimer(this);
  m_previewTimer->setSingleShot(true);
  m_previewTimer->setInterval(150);

  auto* form = new QFormLayout;
  form->addRow(fileLabel, fileRow);
  form->addRow(tr("F&ormat:"), m_format);
  form->addRow(tr("&Preset:"), m_preset);
  form->addRow(sizeLabel, sizeRow);
  auto* dpiLabel = new QLabel(tr("&Resolution:"), this);
  dpiLabel->setBuddy(m_dpi);
  form->addRow(dpiLabel, dpiRow);
  form->addRow(tr("&Type size:"), m_font);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  auto* columns = new QHBoxLayout;
  columns->addLayout(form, 1);
  columns->addWidget(m_preview);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(columns);
  layout->addWidget(buttons);

  // The last export's choices, or a 1600 x 1200 PNG at 150 dpi with the screen's type.
  const QVariantMap saved = Settings::exportFigure();
  m_setting = true;
  m_dpi->setValue(saved.value("dpi", 150).toInt());
  m_unit->setCurrentIndex(std::clamp(saved.value("unit", int(Inch)).toInt(), 0, int(Pixel)));
  m_lastUnit = m_unit->currentIndex();
  m_font->setValue(saved.value("fontPoints", 0.0).toDouble());
  setInches(saved.value("widthIn", 1600.0 / 150).toDouble(),
            saved.value("heightIn", 1200.0 / 150).toDouble());
  m_preset->setCurrentIndex(std::max(0, m_preset->findData(saved.value("preset").toString())));
  m_setting = false;
  pathEdited();

  connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
  connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::validateAndAccept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChosen);
  connect(m_path, &QLineEdit::textEdited, this, &ExportDialog::pathEdited);
  connect(m_preset, &QComboBox::currentIndexChanged, this, &ExportDialog::presetChosen);
  connect(m_unit, &QComboBox::currentIndexChanged, this, &ExportDialog::unitChosen);
  for (QDoubleSpinBox* s : {m_width, m_height, m_font})
    connect(s, &QDoubleSpinBox::valueChanged, this, &ExportDialog::edited);
  connect(m_dpi, &QSpinBox::valueChanged, this, &ExportDialog::edited);
  connect(m_previewTimer, &QTimer::timeout, this, &ExportDialog::drawPreview);
  update();
}

QString ExportDialog::path() const { return m_path->text().trimmed(); }

FigureFormat ExportDialog::format() const { return FigureFormat(m_format->currentIndex()); }

double ExportDialog::inchesPerUnit() const {
  switch (m_unit->currentIndex()) {
    case Millimetre:
      return 1 / 25.4;
    case Centimetre:
      return 1 / 2.54;
    case Point:
      return 1 / 72.0;
    case Pixel:
      return 1.0 / m_dpi->value();
    default:
      return 1;
  }
}

double ExportDialog::widthInches() const { return m_width->value() * inchesPerUnit(); }
double ExportDialog::heightInches() const { return m_height->value() * inchesPerUnit(); }

void ExportDialog::setInches(double width, double height) {
  const bool was = m_setting;
  m_setting = true;
  const int decimals = m_unit->currentIndex() == Pixel || m_unit->currentIndex() == Point ? 0
                       : m_unit->currentIndex() == Inch                                   ? 3
                                                                                          : 1;
  for (QDoubleSpinBox* s : {m_width, m_height}) s->setDecimals(decimals);
  m_width->setValue(width / inchesPerUnit());
  m_height->setValue(height / inchesPerUnit());
  m_setting = was;
}

widgets::FigureOptions ExportDialog::options() const {
  widgets::FigureOptions o;
  o.format = format();
  o.dpi = m_dpi->value();
  o.width = widgets::fileUnits(widthInches(), o.format, o.dpi);
  o.height = widgets::fileUnits(heightInches(), o.format, o.dpi);
  o.fontPoints = m_font->value();
  return o;
}

void ExportDialog::formatChosen() {
  // The file's suffix follows the format.
  const QFileInfo info(path());
  const QString base = info.suffix().isEmpty() ? path() : path().chopped(info.suffix().size() + 1);
  m_path->setText(base + '.' + kSuffixes[m_format->currentIndex()]);
  update();
}

void ExportDialog::pathEdited() {
  // A suffix typed in the file name chooses the format.
  FigureFormat f;
  if (widgets::figureFormatFromSuffix(QFileInfo(path()).suffix(), &f)) {
    const QSignalBlocker quiet(m_format);
    m_format->setCurrentIndex(int(f));
  }
  update();
}

void ExportDialog::presetChosen() {
  if (m_setting) return;
  const widgets::FigurePreset* p = widgets::findFigurePreset(m_preset->currentData().toString());
  if (!p) return update();
  m_setting = true;
  m_dpi->setValue(int(p->dpi));
  m_font->setValue(p->fontPoints);
  setInches(p->widthInches, p->heightInches);
  m_setting = false;
  update();
}

void ExportDialog::unitChosen() {
  // The same size in the new unit.
  const int now = m_unit->currentIndex();
  const QSignalBlocker quiet(m_unit);
  m_unit->setCurrentIndex(m_lastUnit);
  const double w = widthInches(), h = heightInches();
  m_unit->setCurrentIndex(now);
  m_lastUnit = now;
  setInches(w, h);
  update();
}

void ExportDialog::edited() {
  if (m_setting) return;
  {
    const QSignalBlocker quiet(m_preset);
    m_preset->setCurrentIndex(0);  // Custom
  }
  update();
}

void ExportDialog::update() {
  const bool png = format() == FigureFormat::Png;
  m_dpi->setEnabled(png);
  const widgets::FigureOptions o = options();
  m_pixels->setText(png ? tr("= %1 × %2 pixels").arg(o.width).arg(o.height)
                        : tr("= %1 × %2 points").arg(o.width).arg(o.height));
  if (m_previewFn) m_previewTimer->start();
}

void ExportDialog::drawPreview() {
  const QImage image = m_previewFn ? m_previewFn(options(), kPreviewBox) : QImage();
  m_preview->setPixmap(image.isNull() ? QPixmap() : QPixmap::fromImage(image));
  if (image.isNull()) m_preview->setText(tr("Nothing to preview yet."));
}

void ExportDialog::browse() {
  const QString file = QFileDialog::getSaveFileName(
      this, tr("Export figure"), path(),
      tr("PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"));
  if (file.isEmpty()) return;
  m_path->setText(file);
  pathEdited();
}

void ExportDialog::save() const {
  Settings::setExportFigure({{"preset", m_preset->currentData().toString()},
                             {"unit", m_unit->currentIndex()},
                             {"widthIn", widthInches()},
                             {"heightIn", heightInches()},
                             {"dpi", m_dpi->value()},
                             {"fontPoints", m_font->value()}});
}

void ExportDialog::validateAndAccept() {
  FigureFormat f;
  if (path().isEmpty() || !widgets::figureFormatFromSuffix(QFileInfo(path()).suffix(), &f)) {
    QMessageBox::warning(this, windowTitle(), tr("Give a file name ending in .png, .svg or .pdf."));
    return;
  }
  const widgets::FigureOptions o = options();
  if (o.width < 16 || o.height < 16 || o.width > 20000 || o.height > 20000) {
    QMessageBox::warning(this, windowTitle(),
                         f == FigureFormat::Png
                             ? tr("The figure would be %1 × %2 pixels: each side must be from "
                                  "16 to 20000.")
                                   .arg(o.width)
                                   .arg(o.height)
                             : tr("The figure would be %1 × %2 points: each side must be from "
                                  "16 to 20000.")
                                   .arg(o.width)
                                   .arg(o.height));
    return;
  }
  save();
  accept();
}

}  // namespace atlas::app
