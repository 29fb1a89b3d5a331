// Where a computation ran: this computer or a remote device, how, and in how long. Carried by
// every result (VariantResult) and benchmark point (BenchPoint).
#pragma once

#include <string>

namespace atlas::core {

/// How a result's computation ran: natively through a device's fused attention operator,
/// composed from its generic operators, or on a host CPU (this engine).
enum class Execution { Native, Composed, Host };

/// Who computed a result and in how long: this computer (an empty device name) or a remote
/// device.
struct ComputedOn {
  std::string device;  ///< the unit's name; empty: this computer
  Execution execution = Execution::Host;
  double deviceSeconds = 0;    ///< measured on the device (its events where it has them)
  double hostSeconds = 0;      ///< the server's host-side work around it
  double transferSeconds = 0;  ///< the rest of the round trip: network and (de)serialising
  bool remote() const { return !device.empty(); }
};

}  // namespace atlas::core
