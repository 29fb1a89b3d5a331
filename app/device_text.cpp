#include "device_text.h"

#include "device_connection.h"

#include "widgets/core_text.h"

#include "core/memory.h"

#include <QStringList>

namespace atlas::app {

namespace {

/// Milliseconds with one decimal, three below 1 ms (a small request takes tens of µs).
QString ms(double seconds) {
  const double v = seconds * 1e3;
  return QString::number(v, 'f', v < 1 ? 3 : 1);
}

/// A difference as the eye reads it: 0 as "0", else three significant digits (1.19e-07).
QString difference(double d) { return d == 0 ? QStringLiteral("0") : QString::number(d, 'g', 3); }

}  // namespace

QString DeviceText::execution(core::Execution execution) {
  switch (execution) {
    case core::Execution::Native:
      return tr("native");
    case core::Execution::Composed:
      return tr("composed");
    case core::Execution::Host:
      break;
  }
  return tr("host");
}

QString DeviceText::thisComputer() { return tr("This computer"); }

QString DeviceText::info(const DeviceProbe& probe) {
  const core::DeviceInfo& i = probe.info;
  QStringList lines;
  lines << tr("Server: %1 %2")
               .arg(QString::fromStdString(i.server), QString::fromStdString(i.version))
               .trimmed();
  lines << tr("Backend: %1").arg(QString::fromStdString(i.backend));
  QStringList units;
  for (const core::DeviceUnit& u : i.units)
    units << (u.memoryBytes > 0 ? tr("%1 (%2 of memory)")
                                      .arg(QString::fromStdString(u.name),
                                           QString::fromStdString(core::formatBytes(u.memoryBytes)))
                                : QString::fromStdString(u.name));
  lines << tr("Units: %1")
               .arg(units.isEmpty() ? tr("none reported") : units.join(QStringLiteral("; ")));
  const QString maxN = i.maxN > 0 ? QString::number(i.maxN) : tr("no limit");
  const QString concurrent =
      i.maxConcurrent > 0 ? QString::number(i.maxConcurrent) : tr("no limit");
  lines << tr("Largest N: %1; requests at once: %2").arg(maxN, concurrent);
  int native = 0, composed = 0, host = 0;
  for (const auto& [id, how] : i.variants)
    ++(how == core::Execution::Native     ? native
       : how == core::Execution::Composed ? composed
                                          : host);
  lines
      << tr("Variants: %1 native, %2 composed, %3 on the host").arg(native).arg(composed).arg(host);
  lines << tr("Round trip: %1 ms").arg(ms(probe.roundTripSeconds));
  return lines.join('\n');
}

QString DeviceText::computedOn(const core::ComputedOn& on, const QString& device) {
  if (!on.remote()) return tr("Computed on this computer");
  return tr("Computed on %1 (%2) in %3 ms, transfer %4 ms")
      .arg(device, execution(on.execution), ms(on.deviceSeconds), ms(on.transferSeconds));
}

QString DeviceText::computedOnDetails(const core::ComputedOn& on, const QString& unit) {
  if (!on.remote()) return tr("The engine of this computer, on its CPU cores");
  return tr("Unit: %1\nOn the device: %2 ms\nOn its host around it: %3 ms\nTransfer (network "
            "and encoding): %4 ms")
      .arg(unit, ms(on.deviceSeconds), ms(on.hostSeconds), ms(on.transferSeconds));
}

QString DeviceText::comparisonHeading(const DeviceComparison& c) {
  return tr("%1 on this computer and on %2")
      .arg(widgets::variantLabel(c.variant.toStdString()), c.device);
}

std::vector<std::pair<QString, QString>> DeviceText::comparisonRows(const DeviceComparison& c) {
  std::vector<std::pair<QString, QString>> rows;
  if (!c.sameShape) {
    rows.emplace_back(tr("Shapes"), tr("the two results differ in shape: no cell to compare"));
  } else {
    rows.emplace_back(tr("Largest difference of the weights"),
                      c.weights ? difference(c.weightDifference) : tr("no weights"));
    rows.emplace_back(tr("Largest difference of the output"), difference(c.outputDifference));
  }
  rows.emplace_back(tr("This computer"), tr("%1 ms").arg(ms(c.localSeconds)));
  rows.emplace_back(c.device, tr("%1 ms on the device (%2), transfer %3 ms, %4 ms in all")
                                  .arg(ms(c.remote.deviceSeconds), execution(c.remote.execution),
                                       ms(c.remote.transferSeconds), ms(c.remoteWallSeconds)));
  return rows;
}

QString DeviceText::comparison(const DeviceComparison& c) {
  QStringList lines{comparisonHeading(c)};
  for (const auto& [what, value] : comparisonRows(c)) lines << tr("%1: %2").arg(what, value);
  return lines.join('\n');
}

}  // namespace atlas::app
