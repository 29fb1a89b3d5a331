// attention-atlas-device: serves atlas_device.proto so that the app (or any client) computes
// attention on this host's devices. No Qt: it builds with -DATLAS_BUILD_GUI=OFF.
#include "cli/args.h"
#include "device_backends.h"

#include "core/io/file_bytes.h"
#include "core/memory.h"
#include "core/remote/remote_device.h"
#include "core/remote/server.h"

#include <pthread.h>
#include <csignal>
#include <iostream>
#include <mutex>

namespace {

using atlas::app::cli::Args;
using atlas::app::cli::OptionSpec;
using atlas::core::Error;

std::vector<OptionSpec> specs() {
  return {
      {"listen", true, false, "HOST:PORT", "address to listen on (default 127.0.0.1:50051)"},
      {"backend", true, false, "NAME", "cpu (this engine, default) | ascend (CANN, if built)"},
      {"devices", true, false, "LIST",
       "device numbers, e.g. 0,1: requests and the jobs of one request are spread over them "
       "(default 0)"},
      {"token-file", true, false, "FILE",
       "clients must send this token; required to listen on a non-loopback address"},
      {"tls-cert", true, false, "FILE", "PEM certificate: serve over TLS (with --tls-key)"},
      {"tls-key", true, false, "FILE", "PEM private key of --tls-cert"},
      {"max-n", true, false, "N", "refuse requests with a larger N or M (default 262144)"},
      {"max-concurrent", true, false, "C",
       "requests computed at once; more are refused as busy (default 4)"},
      {"max-request-bytes", true, false, "BYTES",
       "largest request message, e.g. 256M (default 256 MiB)"},
      {"max-memory", true, false, "SIZE",
       "refuse jobs that would hold more, e.g. 64G (default: half of this host's memory)"},
      {"grace", true, false, "SECONDS",
       "on SIGTERM, let requests in flight finish this long, then cancel them (default 10)"},
      {"version", false, false, "", "print the version"},
      {"help", false, false, "", "show this help"},
  };
}

std::mutex g_logMutex;

int serve(int argc, char** argv) {
  const std::vector<OptionSpec> options = specs();
  const Args args(argc, argv, 1, "attention-atlas-device", options);
  if (args.has("help")) {
    std::cout << atlas::app::cli::helpText("attention-atlas-device [options]", options)
              << "\nOne line per request goes to stderr. SIGTERM or SIGINT stops the server.\n";
    return 0;
  }
  if (args.has("version")) {
    std::cout << "attention-atlas-device " << ATLAS_VERSION << "\n";
    return 0;
  }
  atlas::remote::ServerOptions o;
  o.listen = args.valueOr("listen", o.listen);
  atlas::remote::checkAddress(o.listen, true);
  if (args.has("token-file")) o.token = atlas::remote::readTokenFile(args.value("token-file"));
  if (args.has("tls-cert")) o.tlsCertPem = atlas::core::io::readFileBytes(args.value("tls-cert"));
  if (args.has("tls-key")) o.tlsKeyPem = atlas::core::io::readFileBytes(args.value("tls-key"));
  o.maxN = args.integer("max-n", o.maxN, 1, 1LL << 31);
  o.maxConcurrent = int(args.integer("max-concurrent", o.maxConcurrent, 1, 1024));
  if (args.has("max-request-bytes"))
    o.maxRequestBytes = atlas::app::device::parseRequestBytes(args.value("max-request-bytes"));
  if (args.has("max-memory")) o.maxMemory = atlas::core::parseByteSize(args.value("max-memory"));
  const double grace = args.real("grace", 10, 0, 3600);
  o.version = ATLAS_VERSION;
  o.log = [](const std::string& line) {
    std::lock_guard lock(g_logMutex);
    std::cerr << line << std::endl;
  };
  auto devices =
      atlas::app::device::makeDevices(args.valueOr("backend", "cpu"), args.valueOr("devices", "0"));
  const std::size_t count = devices.size();

  // SIGTERM and SIGINT are taken by this thread alone (sigwait), after the server's threads
  // have been started with them blocked.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  atlas::remote::DeviceServer server(o, std::move(devices));
  server.start();
  o.log("attention-atlas-device " + std::string(ATLAS_VERSION) + ": backend " +
        args.valueOr("backend", "cpu") + ", " + std::to_string(count) +
        " device(s), listening on " + o.listen.substr(0, o.listen.rfind(':') + 1) +
        std::to_string(server.port()) + (o.token.empty() ? ", no token" : ", token required") +
        (o.tlsCertPem.empty() ? ", no TLS" : ", TLS"));
  int sig = 0;
  sigwait(&stop, &sig);
  const auto c = server.counters();
  o.log(std::string("stopping (") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
        "): " + std::to_string(c.running) + " request(s) in flight");
  server.shutdown(grace);
  const auto end = server.counters();
  o.log("stopped: " + std::to_string(end.requests) + " request(s), " +
        std::to_string(end.completed) + " completed, " + std::to_string(end.cancelled) +
        " cancelled, " + std::to_string(end.refused) + " refused, " + std::to_string(end.failed) +
        " failed");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return serve(argc, argv);
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: Internal failure: " << e.what() << "\n";
    return 1;
  }
}
