#include "server_impl.h"

#include "core/request_builder.h"

namespace atlas::remote {

bool isLoopback(const std::string& address) {
  std::string host = address.substr(0, address.rfind(':'));
  if (host.size() > 1 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

DeviceServer::DeviceServer(ServerOptions options,
                           std::vector<std::unique_ptr<core::Device>> devices)
    : m(std::make_unique<Impl>()) {
  if (devices.empty())
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors", "The server has no device."));
  m->options = std::move(options);
  m->devices = std::move(devices);
  m->busy.assign(m->devices.size(), 0);
  for (const auto& d : m->devices) {
    const core::DeviceInfo info = d->info();
    m->unitNames.push_back(info.units.empty() ? d->name() : info.units.front().name);
  }
  m->memoryLimit = core::memoryLimitOrDefault(m->options.maxMemory);
}

DeviceServer::~DeviceServer() {
  if (m->server) shutdown(0);
}

void DeviceServer::start() {
  const ServerOptions& o = m->options;
  if (o.token.empty() && !isLoopback(o.listen))
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors",
                              "Without a token (--token-file) the server listens on a loopback "
                              "address only, not on %1."),
                {o.listen});
  if (o.tlsCertPem.empty() != o.tlsKeyPem.empty())
    throw Error(
        Error::Kind::InvalidArgument,
        ATLAS_TR_NOOP("CoreErrors",
                      "TLS needs both a certificate (--tls-cert) and its key (--tls-key)."));
  std::shared_ptr<grpc::ServerCredentials> creds = grpc::InsecureServerCredentials();
  if (!o.tlsCertPem.empty()) {
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({o.tlsKeyPem, o.tlsCertPem});
    creds = grpc::SslServerCredentials(ssl);
  }
  grpc::ServerBuilder builder;
  builder.AddListeningPort(o.listen, creds, &m->port);
  builder.SetMaxReceiveMessageSize(int(std::min(o.maxRequestBytes, 2147483647.0)));
  builder.RegisterService(m.get());
  m->server = builder.BuildAndStart();
  if (!m->server || m->port == 0) {
    m->server.reset();
    throw Error(Error::Kind::InvalidArgument,
                ATLAS_TR_NOOP("CoreErrors",
                              "Could not listen on %1 (a bad address, or the port is taken)."),
                {o.listen});
  }
}

int DeviceServer::port() const { return m->port; }

void DeviceServer::shutdown(double graceSeconds) {
  if (!m->server) return;
  // gRPC cancels the calls still running at the deadline (each call's watch then cancels its
  // computation) and returns when they have all ended.
  m->server->Shutdown(std::chrono::system_clock::now() +
                      std::chrono::milliseconds(std::int64_t(graceSeconds * 1000)));
  m->stopping.cancel();
  m->server->Wait();
  m->server.reset();
}

void DeviceServer::wait() {
  if (m->server) m->server->Wait();
}

ServerCounters DeviceServer::counters() const {
  std::lock_guard lock(m->mutex);
  return m->counts;
}

}  // namespace atlas::remote
