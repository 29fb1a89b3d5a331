#include "remote_options.h"

#include "core/io/file_bytes.h"

#ifdef ATLAS_WITH_REMOTE
#include "core/remote/remote_device.h"
#endif

#include <sstream>

namespace atlas::app::cli {

using core::Error;

std::vector<OptionSpec> remoteOptionSpecs() {
  return {
      {"remote", true, false, "HOST:PORT", "compute on this attention-atlas-device server"},
      {"token-file", true, false, "FILE", "with --remote: the server's token, first line of FILE"},
      {"tls-ca", true, false, "FILE", "with --remote: connect over TLS, trusting this PEM CA"},
      {"timeout", true, false, "SECONDS", "with --remote: give up after this long (default 600)"},
  };
}

std::unique_ptr<core::Device> deviceFromArgs(const Args& args) {
  if (!args.has("remote")) {
    for (const char* o : {"token-file", "tls-ca", "timeout"})
      if (args.has(o))
        throw Error(Error::Kind::InvalidArgument, "--%1 goes with --remote HOST:PORT.", {o});
    return nullptr;
  }
#ifdef ATLAS_WITH_REMOTE
  remote::RemoteOptions o;
  o.address = remote::checkAddress(args.value("remote"));
  if (args.has("token-file")) o.token = remote::readTokenFile(args.value("token-file"));
  if (args.has("tls-ca")) o.tlsCaPem = core::io::readFileBytes(args.value("tls-ca"));
  o.callSeconds = args.real("timeout", o.callSeconds, 0.1, 86400);
  o.infoSeconds = std::min(o.infoSeconds, o.callSeconds);
  return std::make_unique<remote::RemoteDevice>(o);
#else
  throw Error(Error::Kind::InvalidArgument,
              "This build has no remote device (it was built with -DATLAS_WITH_REMOTE=OFF).");
#endif
}

std::string computedOnText(const core::ComputedOn& on) {
  if (!on.remote()) return "this computer";
  std::ostringstream s;
  s.precision(3);
  s << on.device << " (" << core::executionName(on.execution) << ", transfer " << std::fixed
    << on.transferSeconds * 1e3 << " ms)";
  return s.str();
}

}  // namespace atlas::app::cli
