#include "device_connection.h"

#include "background_task.h"
#include "compute_controller.h"

#include "core/translatable.h"

#ifdef ATLAS_WITH_REMOTE
#include "core/remote/remote_device.h"
#endif

#include <QFile>
#include <QTimer>

#include <chrono>

namespace atlas::app {

namespace {

constexpr int kLongestRetrySeconds = 30;

/// The client's sentence for a token the server refused (core/remote/remote_device.cpp): asking
/// again with the same token cannot help, so it is not retried.
bool refusedToken(const core::Error& e) {
  return e.format().find("refused the token") != std::string::npos;
}

core::Engine::Runner runnerOf(std::shared_ptr<core::Device> device) {
  if (!device) return {};
  return [device](const core::EngineRequest& request, const core::CancelToken& cancel,
                  const core::Engine::ResultFn& onResult, std::uint64_t generation) {
    return device->run(request, cancel, onResult, generation);
  };
}

}  // namespace

bool remoteDevicesBuilt() {
#ifdef ATLAS_WITH_REMOTE
  return true;
#else
  return false;
#endif
}

std::shared_ptr<core::Device> makeRemoteDevice(const DeviceSettings& settings) {
#ifdef ATLAS_WITH_REMOTE
  remote::RemoteOptions options;
  options.address = remote::checkAddress(settings.address.trimmed().toStdString());
  if (!settings.tokenFile.trimmed().isEmpty())
    options.token = remote::readTokenFile(settings.tokenFile.trimmed().toStdString());
  if (const QString ca = settings.caFile.trimmed(); !ca.isEmpty()) {
    QFile f(ca);
    if (!f.open(QIODevice::ReadOnly))
      throw core::Error(core::Error::Kind::BadFile,
                        ATLAS_TR_NOOP("CoreErrors", "The CA certificate %1 cannot be read."),
                        {ca.toStdString()});
    options.tlsCaPem = f.readAll().toStdString();
    if (options.tlsCaPem.empty())
      throw core::Error(core::Error::Kind::BadFile,
                        ATLAS_TR_NOOP("CoreErrors", "The CA certificate %1 is empty."),
                        {ca.toStdString()});
  }
  return std::make_shared<remote::RemoteDevice>(std::move(options));
#else
  (void)settings;
  throw core::Error(
      core::Error::Kind::Device,
      ATLAS_TR_NOOP("CoreErrors", "This build has no remote device: it was built without gRPC."));
#endif
}

DeviceProbe probeDevice(core::Device& device, const core::CancelToken& cancel) {
  const auto t0 = std::chrono::steady_clock::now();
  DeviceProbe probe;
  probe.info = device.info(cancel);
  probe.roundTripSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
#ifdef ATLAS_WITH_REMOTE
  if (auto* r = dynamic_cast<remote::RemoteDevice*>(&device))
    probe.roundTripSeconds = r->lastRoundTrip();  // the call alone, as the client timed it
#endif
  return probe;
}

DeviceConnection::DeviceConnection(QObject* parent)
    : QObject(parent),
      m_settings(Settings::device()),
      m_probe(new BackgroundTask(this)),
      m_retryTimer(new QTimer(this)) {
  m_retryTimer->setSingleShot(true);
  connect(m_retryTimer, &QTimer::timeout, this, &DeviceConnection::probe);
  // A probe that fails waits twice as long for the next one.
  connect(m_probe, &BackgroundTask::failed, this, [this](const core::Error&) { scheduleRetry(); });
}

DeviceConnection::~DeviceConnection() = default;

void DeviceConnection::addController(ComputeController* controller) {
  m_controllers.push_back(controller);
  controller->setRunner(remoteChosen() ? runnerOf(m_remote) : core::Engine::Runner());
}

std::shared_ptr<core::Device> DeviceConnection::remote() {
  if (!m_remote) m_remote = makeRemoteDevice(m_settings);
  return m_remote;
}

void DeviceConnection::setRunners() {
  const core::Engine::Runner runner = remoteChosen() ? runnerOf(m_remote) : core::Engine::Runner();
  for (ComputeController* c : m_controllers) c->setRunner(runner);
}

void DeviceConnection::apply() {
  stopRetrying();
  m_remote.reset();
  if (m_settings.chosen) {
    try {
      remote();
    } catch (const core::Error& e) {
      setRunners();  // this computer computes (remoteChosen() is false without a device)
      Q_EMIT failed(e);
      return;
    }
  }
  setRunners();
}

void DeviceConnection::configure(const DeviceSettings& settings) {
  m_settings = settings;
  m_settings.address = m_settings.address.trimmed();
  m_settings.chosen = settings.chosen && hasRemote();
  Settings::setDevice(m_settings);
  apply();
  Q_EMIT changed();
}

void DeviceConnection::choose(bool remoteOn) {
  remoteOn = remoteOn && hasRemote();
  if (remoteOn == remoteChosen()) return;
  m_settings.chosen = remoteOn;
  apply();
  m_settings.chosen = remoteChosen();  // a device that could not be made is not chosen
  Settings::setDevice(m_settings);
  Q_EMIT changed();
}

void DeviceConnection::reconnect() {
  if (!hasRemote()) return;
  // A new client rather than RemoteDevice::reconnect(): requests still running on the old one
  // (the gallery's, a comparison) keep their own connection until they end.
  stopRetrying();
  m_remote.reset();
  try {
    remote();
  } catch (const core::Error& e) {
    setRunners();
    Q_EMIT failed(e);
    Q_EMIT changed();
    return;
  }
  setRunners();
  Q_EMIT changed();
}

void DeviceConnection::noteFailure(const core::Error& error) {
  if (error.kind() != core::Error::Kind::Device || !remoteChosen() || refusedToken(error)) return;
  if (retrying()) return;  // already asking, at its own pace
  m_retrySeconds = 1;
  m_retryTimer->start(1000);
  Q_EMIT retryScheduled(m_retrySeconds);
}

void DeviceConnection::stopRetrying() {
  m_retryTimer->stop();
  m_probe->cancel();
  m_retrySeconds = 0;
}

void DeviceConnection::scheduleRetry() {
  if (!retrying() || !remoteChosen()) return;
  m_retrySeconds = std::min(kLongestRetrySeconds, m_retrySeconds * 2);
  m_retryTimer->start(m_retrySeconds * 1000);
  Q_EMIT retryScheduled(m_retrySeconds);
}

void DeviceConnection::probe() {
  if (!retrying() || !remoteChosen()) return;
  const std::shared_ptr<core::Device> device = m_remote;
  m_probe->start([this, device](const core::CancelToken& cancel,
                                const BackgroundTask::Post&) -> std::function<void()> {
    device->info(cancel);
    return [this, device] {
      if (device != m_remote) return;  // reconnected or changed meanwhile
      stopRetrying();
      Q_EMIT recovered();
    };
  });
}

}  // namespace atlas::app
