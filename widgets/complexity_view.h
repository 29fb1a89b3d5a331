// The Complexity view: how cost grows with size. Four pages: the cost formulas of the chosen
// variants against N, d, dv or heads with reference slopes and the shown result's terms; measured
// times of a benchmark sweep; this machine's roofline; and "Speed and memory": speed relative to
// scaled dot-product attention against memory as measured here, beside the Long Range Arena's
// published score, speed and memory of trained models. The view only draws and asks: its owner runs
// the benchmark and the calibration (signals below) and hands back points, progress and the
// machine's roof.
#pragma once

#include "complexity_model.h"
#include "result_view.h"

#include <QList>

class QTabWidget;
class QToolButton;

namespace atlas::widgets {

class ArenaPage;
class CostPage;
class MeasuredPage;
class RooflinePage;

class ComplexityView : public ResultView {
  Q_OBJECT
 public:
  enum Page { Formulas, Measured, Roofline, Arena };

  explicit ComplexityView(QWidget* parent = nullptr);
  void setResult(const ViewData& data) override;
  /// The formulas page's curves: the chosen variants, then the shown one if it is not chosen.
  QStringList drawnVariants() const;
  /// The current page's plot.
  QCustomPlot* figure() override;
  void retranslate() override;
  /// "formulas", "measured", "roofline", "arena", in the order of Page.
  QStringList pageIds() const override;
  QString page() const override;
  bool setPage(const QString& id) override;

  /// The variants drawn on every page and measured by Start (default: scaled_dot, local_window,
  /// sparse_fixed, dilated, linformer, linear, performer, flash), in registry order.
  QStringList chosenVariants() const override;
  void setChosenVariants(const QStringList& ids) override;

  /// A measured point as it arrives; replaces an earlier one of the same (variant, N, d).
  void addBenchPoint(const core::BenchPoint& point);
  /// Every point (restored from the settings): replaces what is shown.
  void setBenchPoints(std::vector<core::BenchPoint> points);
  const std::vector<core::BenchPoint>& benchPoints() const { return m_state.points; }
  /// Fraction of the running sweep done, 0..1.
  void setBenchProgress(double fraction);
  void setBenchRunning(bool running);
  bool benchRunning() const;
  void setMachineRoof(const core::MachineRoof& roof);
  const std::optional<core::MachineRoof>& machineRoof() const { return m_state.roof; }
  void setCalibrating(bool calibrating);

  QTabWidget* pages() const { return m_pages; }
  CostPage* costPage() const { return m_cost; }
  MeasuredPage* measuredPage() const { return m_measured; }
  RooflinePage* rooflinePage() const { return m_roofline; }
  ArenaPage* arenaPage() const { return m_arena; }

 Q_SIGNALS:
  /// Start (or Measure on the arena page): time `variants` at every N of `ns`, `repeats` runs
  /// each, with d = dv = `d`. The owner calls setBenchRunning, addBenchPoint, setBenchProgress.
  void benchRequested(const QStringList& variants, const QList<qint64>& ns, int repeats, int d);
  void cancelRequested();
  /// Calibrate pressed, or the roofline shown for the first time with no roof.
  void calibrateRequested();

 private:
  void redrawMeasured();
  void requestBench(const QList<qint64>& ns, bool withReference);

  complexity::State m_state;
  QToolButton* m_chooser;
  QTabWidget* m_pages;
  CostPage* m_cost;
  MeasuredPage* m_measured;
  RooflinePage* m_roofline;
  ArenaPage* m_arena;
  bool m_calibrationAsked = false;
};

}  // namespace atlas::widgets
