// Where the window computes: this computer or a remote device (core/remote: RemoteDevice, a
// client of attention-atlas-device), chosen in Compute > Device… and the toolbar, kept in the
// settings. The choice is applied to every controller that computes attention (the main
// computation, the gallery) through their engines' runner. While the chosen device cannot be
// reached it is asked again by itself (GetInfo after 1, 2, 4, … up to 30 s).
#pragma once

#include "settings.h"

#include "core/device/device.h"

#include <QObject>

#include <memory>
#include <vector>

class QTimer;

namespace atlas::app {

class BackgroundTask;
class ComputeController;

/// What a device said when asked (GetInfo) and how long the answer took.
struct DeviceProbe {
  core::DeviceInfo info;
  double roundTripSeconds = 0;
};

/// A remote device made from `settings` (its address checked, its token and CA certificate
/// read); nothing is sent yet. Throws core::Error: a malformed address, an unreadable or empty
/// token file, an unreadable certificate, or a build without the remote device.
std::shared_ptr<core::Device> makeRemoteDevice(const DeviceSettings& settings);
/// Asks `device` what it is (blocking: call it off the GUI thread). Throws core::Error.
DeviceProbe probeDevice(core::Device& device, const core::CancelToken& cancel = {});
/// Whether this build has the remote device (gRPC).
bool remoteDevicesBuilt();

class DeviceConnection : public QObject {
  Q_OBJECT
 public:
  /// Reads the settings; the remote device is made on the first apply().
  explicit DeviceConnection(QObject* parent = nullptr);
  ~DeviceConnection() override;

  /// A controller whose requests follow the choice from now on.
  void addController(ComputeController* controller);
  /// Makes the device of the settings and hands the choice to every controller. When the
  /// chosen remote device cannot be made, failed() says why and this computer computes.
  void apply();

  const DeviceSettings& settings() const { return m_settings; }
  /// Saves `settings` (Compute > Device… OK) and applies them; changed() follows.
  void configure(const DeviceSettings& settings);
  /// Computes on the remote device (true) or on this computer; changed() follows when the
  /// choice changed. Choosing a device that cannot be made says why (failed()) and stays local.
  void choose(bool remote);
  /// Whether a remote device computes now.
  bool remoteChosen() const { return m_settings.chosen && m_remote != nullptr; }
  /// Whether an address is set (the toolbar offers it).
  bool hasRemote() const { return !m_settings.address.isEmpty(); }
  /// The remote device's name (its address), empty when none.
  QString remoteName() const { return m_settings.address; }
  /// The remote device, made on demand (also when this computer is chosen: Compare uses it).
  /// Throws core::Error as makeRemoteDevice does.
  std::shared_ptr<core::Device> remote();

  /// Compute > Reconnect: a fresh connection to the device, retries stopped; changed() follows.
  void reconnect();
  /// A computation failed: when the chosen remote device failed as a whole (unreachable, lost,
  /// timed out), it is asked again by itself, after 1, 2, 4, … up to 30 s, until it answers.
  void noteFailure(const core::Error& error);
  /// Whether the device is being asked again, and in how many seconds next.
  bool retrying() const { return m_retrySeconds > 0; }
  int retrySeconds() const { return m_retrySeconds; }

 Q_SIGNALS:
  /// The device or the choice changed: what is shown should be computed again.
  void changed();
  /// The remote device could not be made (its settings are wrong); this computer computes.
  void failed(const core::Error& error);
  /// The device failed and will be asked again in `seconds`.
  void retryScheduled(int seconds);
  /// The device that failed answers again: what is shown should be computed again.
  void recovered();

 private:
  void setRunners();
  void stopRetrying();
  void scheduleRetry();
  void probe();

  DeviceSettings m_settings;
  std::shared_ptr<core::Device> m_remote;
  std::vector<ComputeController*> m_controllers;
  BackgroundTask* m_probe;
  QTimer* m_retryTimer;
  int m_retrySeconds = 0;  ///< the delay of the next GetInfo; 0: not retrying
};

}  // namespace atlas::app
