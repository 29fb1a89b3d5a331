// The Long Range Arena's published results (Tay et al. 2020, arXiv:2011.04006), read from the
// table the program carries: resources/data/lra_published.csv, embedded as
// :/data/lra_published.csv, the one source of these numbers. One row per model: its five task
// scores, the paper's average and, where the paper timed it, its speed and peak memory at 4K
// tokens. Lines starting with '#' (the table's source) and empty lines are skipped; the first
// other line names the columns, in any order.
#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace atlas::widgets {

struct LraModel {
  QString model;                   ///< as the paper prints it ("Linear Trans.")
  QString variant;                 ///< the app's variant id computing its attention, or empty
  std::array<double, 5> tasks;     ///< ListOps, Text, Retrieval, Image, Pathfinder: accuracy (%)
  double average = 0;              ///< the paper's average of the five (Path-X excluded)
  std::optional<double> speed;     ///< training steps per second relative to the Transformer, 4K
  std::optional<double> memoryGb;  ///< peak memory per device (GB) at 4K tokens
};

struct LraTable {
  std::vector<LraModel> models;  ///< empty when the table could not be read
  QString error;                 ///< then one translated sentence naming the file and line
};

/// The embedded table's path.
inline constexpr char kLraTablePath[] = ":/data/lra_published.csv";

/// Reads `text` (named `name` in errors). Never throws: a malformed table gives no models and
/// an error naming the line.
LraTable parseLraTable(const QByteArray& text, const QString& name);
LraTable readLraTable(const QString& path);

}  // namespace atlas::widgets
