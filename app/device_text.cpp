#include "device_text.h"

#include "device_connection.h"

#include "widgets/core_text.h"

#include "core/memory.h"

#include <QStringList>

namespace atlas::app {

namespace {

QString ms(double seconds) { return QString::number(seconds * 1e3, 'f', 1); }

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

QString DeviceText::comparison(const DeviceComparison& c) {
  QStringList lines;
  lines << tr("%1 on this computer and on %2:")
               .arg(widgets::variantLabel(c.variant.toStdString()), c.device);
  if (!c.sameShape) {
    lines << tr("The two results differ in shape: they cannot be compared cell by cell.");
  } else {
    lines << (c.weights
                  ? tr("Largest difference of the weights: %1").arg(difference(c.weightDifference))
                  : tr("Weights: neither result holds any"));
    lines << tr("Largest difference of the output: %1").arg(difference(c.outputDifference));
  }
  lines << tr("This computer: %1 ms").arg(ms(c.localSeconds));
  lines << tr("%1: %2 ms on the device (%3), transfer %4 ms, %5 ms in all")
               .arg(c.device, ms(c.remote.deviceSeconds), execution(c.remote.execution),
                    ms(c.remote.transferSeconds), ms(c.remoteWallSeconds));
  return lines.join('\n');
}

}  // namespace atlas::app
