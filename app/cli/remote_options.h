// --remote HOST:PORT, --token-file F, --tls-ca F and --timeout S: the commands that compute
// (compute, export, bench, device-info) run on a remote device when given them.
#pragma once

#include "args.h"

#include "core/device/device.h"

#include <memory>

namespace atlas::app::cli {

std::vector<OptionSpec> remoteOptionSpecs();

/// The device the options name: a remote one with --remote, else null (this computer). Throws
/// core::Error with one sentence: a bad address, an unreadable token or CA file, --token-file
/// or --tls-ca without --remote, or a build without the remote device.
std::unique_ptr<core::Device> deviceFromArgs(const Args& args);

/// "this computer", or the device's name and how it computed, for the commands' messages.
std::string computedOnText(const core::ComputedOn& on);

}  // namespace atlas::app::cli
