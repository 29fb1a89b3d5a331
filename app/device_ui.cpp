#include "device_ui.h"
#include "menu_action.h"

#include "comparison_dialog.h"
#include "device_compare.h"
#include "device_connection.h"
#include "device_dialog.h"
#include "device_text.h"

#include "widgets/core_text.h"

#include <QComboBox>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QToolBar>

namespace atlas::app {

DeviceUi::DeviceUi(QMainWindow* window, DeviceConnection* connection, QMenu* computeMenu,
                   QToolBar* toolBar, std::function<core::EngineRequest()> request)
    : QObject(window),
      m_window(window),
      m_connection(connection),
      m_request(std::move(request)),
      m_compare(new DeviceCompare(this)) {
  // Ctrl+Shift+D for "device", Ctrl+Shift+R for "reconnect": free in every menu.
  m_deviceAction = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
  m_reconnect = action(this, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  m_compareAction = action(this);
  computeMenu->addSeparator();
  computeMenu->addActions({m_deviceAction, m_reconnect, m_compareAction});
  connect(m_deviceAction, &QAction::triggered, this, &DeviceUi::openDialog);
  connect(m_reconnect, &QAction::triggered, m_connection, &DeviceConnection::reconnect);
  connect(m_compareAction, &QAction::triggered, this, &DeviceUi::compare);

  toolBar->addSeparator();
  m_boxLabel = new QLabel(toolBar);
  m_boxLabel->setContentsMargins(4, 0, 4, 0);
  m_box = new QComboBox(toolBar);
  m_box->setObjectName("computeOnBox");
  m_box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_boxLabel->setBuddy(m_box);
  toolBar->addWidget(m_boxLabel);
  toolBar->addWidget(m_box);
  connect(m_box, &QComboBox::currentIndexChanged, this, [this](int index) {
    const QString what = m_box->itemData(index).toString();
    if (what == QLatin1String("setup")) {
      // Once this signal is done with the box: it shows the choice again, and the dialog opens.
      QMetaObject::invokeMethod(
          this,
          [this] {
            sync();
            openDialog();
          },
          Qt::QueuedConnection);
      return;
    }
    m_connection->choose(what == QLatin1String("remote"));
  });

  QStatusBar* bar = window->statusBar();
  m_retry = new QLabel(bar);
  m_retry->setObjectName("deviceRetry");
  m_retry->hide();
  m_computedOn = new QLabel(bar);
  m_computedOn->setObjectName("computedOn");
  bar->addPermanentWidget(m_retry);
  bar->addPermanentWidget(m_computedOn);

  connect(m_connection, &DeviceConnection::changed, this, &DeviceUi::sync);
  connect(m_connection, &DeviceConnection::retryScheduled, this, [this](int seconds) {
    m_retryText = [seconds] { return tr("Asking again in %1 s").arg(seconds); };
    m_retryTip = [name = m_connection->remoteName()] {
      return tr("%1 cannot be reached: it is asked again by itself, less often each time (up to "
                "every 30 s). Compute > Reconnect tries now.")
          .arg(name);
    };
    m_retry->setText(m_retryText());
    m_retry->setToolTip(m_retryTip());
    m_retry->show();
  });
  connect(m_connection, &DeviceConnection::recovered, this, [this] {
    m_retry->hide();
    Q_EMIT status([name = m_connection->remoteName()] {
      return tr("%1 answers again: computing on it.").arg(name);
    });
  });
  connect(m_compare, &DeviceCompare::compared, this, &DeviceUi::showComparison);
  connect(m_compare, &DeviceCompare::failed, this, &DeviceUi::failed);
  sync();
}

DeviceDialog* DeviceUi::dialog() const { return m_dialog; }
ComparisonDialog* DeviceUi::comparisonDialog() const { return m_compareDialog; }

void DeviceUi::sync() {
  {
    const QSignalBlocker quiet(m_box);
    m_box->clear();
    m_box->addItem(DeviceText::thisComputer(), QStringLiteral("local"));
    if (m_connection->hasRemote())
      m_box->addItem(m_connection->remoteName(), QStringLiteral("remote"));
    m_box->addItem(QString(), QStringLiteral("setup"));  // its text: retranslate()
    m_box->setCurrentIndex(m_connection->remoteChosen() ? 1 : 0);
  }
  m_reconnect->setEnabled(m_connection->hasRemote());
  m_compareAction->setEnabled(m_connection->hasRemote());
  if (!m_connection->retrying()) m_retry->hide();
  retranslate();  // the texts of the items just made
}

void DeviceUi::retranslate() {
  m_deviceAction->setText(tr("Remote &device…"));
  m_deviceAction->setToolTip(
      tr("The address, token and certificate of a remote device that computes attention"));
  m_reconnect->setText(tr("Re&connect to the device"));
  m_reconnect->setToolTip(tr("Open a new connection to the remote device and compute again"));
  m_compareAction->setText(tr("Compare &with this computer"));
  m_compareAction->setToolTip(
      tr("Compute the variant shown here and on the remote device, and compare the two"));
  m_boxLabel->setText(tr("Compute on:"));
  m_box->setItemText(0, DeviceText::thisComputer());
  m_box->setItemText(m_box->count() - 1, tr("Remote device…"));
  m_box->setToolTip(
      tr("Where the views, the gallery and the benchmark sweep are computed (a device's timings "
         "are their own series). The low-rank analysis and the calibration always run on this "
         "computer."));
  if (m_computedText) m_computedOn->setText(m_computedText());
  if (m_computedTip) m_computedOn->setToolTip(m_computedTip());
  if (m_retryText) m_retry->setText(m_retryText());
  if (m_retryTip) m_retry->setToolTip(m_retryTip());
}

void DeviceUi::showComputedOn(const core::VariantResult& result) {
  const core::ComputedOn on = result.computedOn;
  const QString device = m_connection->remoteName();
  m_computedText = [on, device] { return DeviceText::computedOn(on, device); };
  m_computedTip = [on] {
    return DeviceText::computedOnDetails(on, QString::fromStdString(on.device));
  };
  m_computedOn->setText(m_computedText());
  m_computedOn->setToolTip(m_computedTip());
}

void DeviceUi::openDialog() {
  if (m_dialog) {
    m_dialog->raise();
    m_dialog->activateWindow();
    return;
  }
  m_dialog = new DeviceDialog(m_connection->settings(), m_window);
  connect(m_dialog, &QDialog::finished, m_dialog, &QObject::deleteLater);
  connect(m_dialog, &QDialog::accepted, this,
          [this, dialog = m_dialog] { m_connection->configure(dialog->deviceSettings()); });
  m_dialog->open();
}

void DeviceUi::compare() {
  if (!m_connection->hasRemote()) return;
  try {
    const core::EngineRequest request = m_request();
    m_compare->start(request, m_connection->remote(), m_connection->remoteName());
  } catch (const core::Error& e) {
    Q_EMIT failed(e);
    return;
  }
  Q_EMIT status([name = m_connection->remoteName()] {
    return tr("Computing on this computer and on %1…").arg(name);
  });
}

void DeviceUi::showComparison(const DeviceComparison& comparison) {
  if (!m_compareDialog) {
    m_compareDialog = new ComparisonDialog(m_window);
    m_compareDialog->setAttribute(Qt::WA_DeleteOnClose);
  }
  m_compareDialog->setComparison(comparison);
  m_compareDialog->show();
  m_compareDialog->raise();
}

}  // namespace atlas::app
