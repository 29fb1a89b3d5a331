// `attention-atlas --self-test latency`: drives the real window and measures interactive latency.
#pragma once

#include <QString>

namespace atlas::app {

class MainWindow;

struct LatencyTestOptions {
  int n = 512;             ///< sequence length (M = N); d = 64
  int steps = 100;         ///< parameter changes measured
  QString param = "seed";  ///< the widget driven: "seed" (spin box) or "d" (slider)
};

/// Selects scaled_dot on the random source at N = options.n, d = 64, then `steps` times changes
/// one parameter through its widget and times each change until the heatmap has been repainted
/// with the new result. Prints the percentiles (min, p50, p95, max, in ms), their parts and the
/// longest time the GUI event loop went without returning, then quits the application with
/// exit code 0 (1 when a step times out). Call before QApplication::exec(); `window` must be
/// shown.
void scheduleLatencySelfTest(MainWindow* window, const LatencyTestOptions& options);

}  // namespace atlas::app
