// What the Complexity view's pages share: evaluating the closed cost formulas of core::Variant
// at other sizes (never computing attention), the series colours and the log axes.
#pragma once

#include "core/bench.h"
#include "core/calibration.h"
#include "core/variant.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QCPAxis;
class QCPAxisRect;
class QCPItemText;
class QCPLegend;
class QCustomPlot;

namespace atlas::widgets::complexity {

inline constexpr double kMiB = 1024.0 * 1024.0;

/// What the pages draw, owned by ComplexityView and read by every page.
struct State {
  std::vector<core::BenchPoint> points;  ///< every measured point of this machine (all d)
  QStringList ids;                       ///< the chosen variants, in registry order
  core::Index benchD = 64;               ///< the width d the measured pages show and measure
  std::optional<core::MachineRoof> roof;
  std::shared_ptr<const core::VariantResult> result;  ///< the shown result (may be null)
};

/// The dims the user asked for before the shown variant adapted them (grouped-query narrows K
/// and V to its groups, bilinear may widen Q): the result's own record of them, or its dims
/// for a result made without the engine.
core::InputDims baseDims(const core::VariantResult& r);

/// Numbers and texts only: a result's matrices (drawn at its own size) mean nothing elsewhere.
core::ParamSet scalarParams(const core::ParamSet& params);

/// The cost of `variant` on inputs asked for as `base`; nullopt when the variant refuses those
/// sizes or parameters (a head count that does not divide d, ...). Closed formulas only.
std::optional<core::Cost> costAt(const core::Variant& variant, const core::InputDims& base,
                                 const core::ParamSet& params);

/// Base dims of a benchmark point: N = M = n, dq = dk = dv = d (as core::runBench measures).
core::InputDims benchDims(core::Index n, core::Index d);

/// The measured point of (variant, n, d) without error, or nullptr.
const core::BenchPoint* findPoint(const std::vector<core::BenchPoint>& points,
                                  const std::string& variant, core::Index n, core::Index d);

/// Colour of the i-th chosen variant, the same on every page (Okabe-Ito without its yellow,
/// which is unreadable as a thin line on white, then golden-angle hues).
QColor seriesColor(int i);

/// Logarithmic scale with a log ticker in `base` (10, or 2 for powers-of-two sizes).
void setLogAxis(QCPAxis* axis, double base = 10);

/// A log axis's range widened by `factor` at both ends, or [fallbackLo, fallbackHi] when it is
/// not a positive range (nothing drawn on it).
void padLogRange(QCPAxis* axis, double factor, double fallbackLo, double fallbackHi);

/// Lets `legend` be as wide as its column even when it has no items (it would otherwise narrow
/// the column to its own margins).
void unboundLegend(QCPLegend* legend);

/// Lays a plot out as every page draws it: a title row above the axis rect, the legend below it
/// in rows of `columns` entries (never over a curve), C number formatting of ticks. Returns the
/// title element.
class QCPTextElement* setupPlot(QCustomPlot* plot, int columns = 3);

/// `text` centred in `rect` of `plot`, over a plot with nothing to show yet (what to do next),
/// broken into lines of at most about 30 characters' width.
QCPItemText* addCentredMessage(QCustomPlot* plot, QCPAxisRect* rect, const QString& text);

/// A count in the UI locale: whole numbers with group separators, others with 4 digits.
QString formatCount(double value);

/// Bytes as KiB, MiB or GiB in the UI locale.
QString formatBytes(double bytes);

}  // namespace atlas::widgets::complexity
