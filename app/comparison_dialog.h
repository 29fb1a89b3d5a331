// The answer of Compute > Compare with this computer: the variant and the device, then one row
// each for the largest differences of the weights and of the output and for the times here and
// on the device. Not modal; it says its answer again when the language changes.
#pragma once

#include "device_text.h"

#include <QDialog>

class QFormLayout;
class QLabel;

namespace atlas::app {

class ComparisonDialog : public QDialog {
  Q_OBJECT
 public:
  explicit ComparisonDialog(QWidget* parent = nullptr);

  void setComparison(const DeviceComparison& comparison);
  /// What the dialog says, as lines of text (DeviceText::comparison).
  QString text() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void fill();

  DeviceComparison m_comparison;
  QLabel* m_heading;
  QFormLayout* m_rows;
};

}  // namespace atlas::app
