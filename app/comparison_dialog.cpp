#include "comparison_dialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace atlas::app {

ComparisonDialog::ComparisonDialog(QWidget* parent) : QDialog(parent) {
  setObjectName("comparisonDialog");
  m_heading = new QLabel(this);
  QFont bold = m_heading->font();
  bold.setBold(true);
  m_heading->setFont(bold);
  m_rows = new QFormLayout;
  m_rows->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_heading);
  layout->addLayout(m_rows);
  layout->addWidget(buttons);
}

void ComparisonDialog::setComparison(const DeviceComparison& comparison) {
  m_comparison = comparison;
  fill();
}

QString ComparisonDialog::text() const { return DeviceText::comparison(m_comparison); }

void ComparisonDialog::fill() {
  setWindowTitle(tr("Compare with this computer"));
  m_heading->setText(DeviceText::comparisonHeading(m_comparison));
  while (m_rows->rowCount() > 0) m_rows->removeRow(0);
  for (const auto& [what, value] : DeviceText::comparisonRows(m_comparison)) {
    auto* field = new QLabel(value, this);
    field->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rows->addRow(tr("%1:").arg(what), field);
  }
}

void ComparisonDialog::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) fill();
  QDialog::changeEvent(event);
}

}  // namespace atlas::app
