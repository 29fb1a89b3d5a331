// Compute > Device…: the remote device's address (HOST:PORT), its token file, the CA
// certificate of a TLS connection (optional), whether the window computes on it, and "Test
// connection", which asks the device what it is (off the GUI thread) and shows its answer or
// the sentence of what failed.
#pragma once

#include "settings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace atlas::app {

class BackgroundTask;

class DeviceDialog : public QDialog {
  Q_OBJECT
 public:
  DeviceDialog(const DeviceSettings& current, QWidget* parent = nullptr);

  /// The settings as the fields have them.
  DeviceSettings deviceSettings() const;

  QLineEdit* addressField() const { return m_address; }
  QLineEdit* tokenField() const { return m_token; }
  QLineEdit* caField() const { return m_ca; }
  QCheckBox* chosenBox() const { return m_chosen; }
  QPushButton* testButton() const { return m_test; }
  /// The test's answer or its error; empty before a test.
  QLabel* testResult() const { return m_result; }

 public Q_SLOTS:
  /// Asks the device of the fields what it is; the answer (or the error) comes in testResult().
  void testConnection();
  /// OK: an address that is not HOST:PORT is said and the dialog stays open.
  void accept() override;

 private:
  void browse(QLineEdit* field, const QString& title, const QString& filter);
  void showResult(const QString& text, bool error);

  QLineEdit *m_address, *m_token, *m_ca;
  QCheckBox* m_chosen;
  QPushButton* m_test;
  QLabel* m_result;
  BackgroundTask* m_task;
};

}  // namespace atlas::app
