// Where the window computes: the device connection handed the main computation's and the
// gallery's controllers, its failures said in the error bar (the results on screen stay), and
// its menu entries, toolbar choice and status.
#include "compute_session.h"
#include "device_connection.h"
#include "device_ui.h"
#include "gallery_controller.h"
#include "main_window.h"

#include "bench_controller.h"
#include "window_menus.h"

#include <QStatusBar>

namespace atlas::app {

void MainWindow::createDevice() {
  const auto error = qOverload<const core::Error&>(&MainWindow::showError);
  m_device = new DeviceConnection(this);
  connect(m_device, &DeviceConnection::failed, this, error);
  m_device->addController(controller());
  if (m_gallery) m_device->addController(m_gallery->controller());
  m_device->apply();  // the saved choice, before the first computation
  if (m_bench)        // the sweep's Start measures on the chosen device, as its own series
    m_bench->setDevice([this]() -> std::shared_ptr<core::Device> {
      return m_device->remoteChosen() ? m_device->remote() : nullptr;
    });

  m_deviceUi = new DeviceUi(this, m_device, m_menus->computeMenu(), m_menus->toolBar(),
                            [this] { return m_session->requests().single(m_session->choice()); });
  connect(m_deviceUi, &DeviceUi::failed, this, error);
  connect(m_deviceUi, &DeviceUi::status, this,
          [this](const std::function<QString()>& text) { showStatus(text, 8000); });
  // A new device or choice, or a device that answers again: what is shown is computed again
  // (the gallery follows the main computation).
  connect(m_device, &DeviceConnection::changed, this, &MainWindow::recompute);
  connect(m_device, &DeviceConnection::recovered, this, &MainWindow::recompute);
  connect(m_session, &ComputeSession::failed, m_device, &DeviceConnection::noteFailure);
  if (m_gallery) {
    connect(m_gallery, &GalleryController::failed, this, error);
    connect(m_gallery, &GalleryController::failed, m_device, &DeviceConnection::noteFailure);
  }
  connect(this, &MainWindow::resultShown, m_deviceUi,
          [this] { m_deviceUi->showComputedOn(*shown().result); });
}

}  // namespace atlas::app
