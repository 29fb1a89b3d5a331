#include "device_dialog.h"

#include "background_task.h"
#include "device_connection.h"
#include "device_text.h"

#include "widgets/core_text.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace atlas::app {

DeviceDialog::DeviceDialog(const DeviceSettings& current, QWidget* parent)
    : QDialog(parent), m_task(new BackgroundTask(this)) {
  setObjectName("deviceDialog");
  setWindowTitle(tr("Remote device"));
  m_address = new QLineEdit(current.address, this);
  m_address->setObjectName("deviceAddress");
  m_address->setPlaceholderText(tr("HOST:PORT, e.g. npu-host:50051"));
  m_token = new QLineEdit(current.tokenFile, this);
  m_token->setObjectName("deviceToken");
  m_token->setPlaceholderText(tr("a file whose first line is the token"));
  m_ca = new QLineEdit(current.caFile, this);
  m_ca->setObjectName("deviceCa");
  m_ca->setPlaceholderText(tr("optional; when given, TLS"));
  const auto row = [this](QLineEdit* field, const QString& title, const QString& filter) {
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this,
            [this, field, title, filter] { this->browse(field, title, filter); });
    auto* layout = new QHBoxLayout;
    layout->addWidget(field, 1);
    layout->addWidget(browse);
    return layout;
  };
  m_chosen = new QCheckBox(tr("Co&mpute on this device"), this);
  m_chosen->setChecked(current.chosen || current.address.isEmpty());
  m_test = new QPushButton(tr("&Test connection"), this);
  m_test->setObjectName("testConnection");
  m_result = new QLabel(this);
  m_result->setObjectName("testResult");
  m_result->setWordWrap(true);
  m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_result->setMinimumHeight(fontMetrics().lineSpacing() * 7 + 16);  // six lines and the margins
  m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_result->setFrameShape(QFrame::StyledPanel);
  m_result->setMargin(6);

  auto* form = new QFormLayout;
  auto* addressLabel = new QLabel(tr("&Address:"), this);
  addressLabel->setBuddy(m_address);
  form->addRow(addressLabel, m_address);
  auto* tokenLabel = new QLabel(tr("T&oken file:"), this);
  tokenLabel->setBuddy(m_token);
  form->addRow(tokenLabel, row(m_token, tr("Token file"), tr("All files (*)")));
  auto* caLabel = new QLabel(tr("CA &certificate:"), this);
  caLabel->setBuddy(m_ca);
  form->addRow(caLabel, row(m_ca, tr("CA certificate"),
                            tr("Certificates (*.pem *.crt *.cer);;All files (*)")));
  form->addRow(QString(), m_chosen);
  auto* testRow = new QHBoxLayout;
  testRow->addWidget(m_test);
  testRow->addStretch(1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(testRow);
  layout->addWidget(m_result, 1);
  layout->addWidget(buttons);
  setMinimumWidth(fontMetrics().averageCharWidth() * 90);

  connect(m_test, &QPushButton::clicked, this, &DeviceDialog::testConnection);
  connect(buttons, &QDialogButtonBox::accepted, this, &DeviceDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &DeviceDialog::reject);
  connect(m_task, &BackgroundTask::failed, this,
          [this](const core::Error& e) { showResult(widgets::errorText(e), true); });
  connect(m_task, &BackgroundTask::finished, this, [this] { m_test->setEnabled(true); });
}

DeviceSettings DeviceDialog::deviceSettings() const {
  DeviceSettings s;
  s.address = m_address->text().trimmed();
  s.tokenFile = m_token->text().trimmed();
  s.caFile = m_ca->text().trimmed();
  s.chosen = m_chosen->isChecked() && !s.address.isEmpty();
  return s;
}

void DeviceDialog::browse(QLineEdit* field, const QString& title, const QString& filter) {
  const QString start = field->text().isEmpty() ? QDir::homePath() : field->text();
  const QString path = QFileDialog::getOpenFileName(this, title, start, filter);
  if (!path.isEmpty()) field->setText(QDir::toNativeSeparators(path));
}

void DeviceDialog::showResult(const QString& text, bool error) {
  m_result->setStyleSheet(error ? QStringLiteral("color: #b3261e;") : QString());
  m_result->setText(text);
}

void DeviceDialog::testConnection() {
  const DeviceSettings settings = deviceSettings();
  if (settings.address.isEmpty()) {
    showResult(tr("Give the device's address first (HOST:PORT)."), true);
    return;
  }
  m_test->setEnabled(false);
  showResult(tr("Asking %1…").arg(settings.address), false);
  m_task->start([this, settings](const core::CancelToken& cancel,
                                 const BackgroundTask::Post&) -> std::function<void()> {
    const std::shared_ptr<core::Device> device = makeRemoteDevice(settings);
    const DeviceProbe probe = probeDevice(*device, cancel);
    return [this, probe] { showResult(DeviceText::info(probe), false); };
  });
}

void DeviceDialog::accept() {
  const DeviceSettings settings = deviceSettings();
  if (!settings.address.isEmpty()) {
    try {
      makeRemoteDevice(settings);  // the address and the files, checked; nothing is sent
    } catch (const core::Error& e) {
      showResult(widgets::errorText(e), true);
      return;
    }
  }
  QDialog::accept();
}

}  // namespace atlas::app
