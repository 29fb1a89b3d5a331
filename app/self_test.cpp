#include "self_test.h"

#include "compute_controller.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/heatmap_view.h"
#include "widgets/parameter_panel.h"
#include "widgets/variant_browser.h"
#include "widgets/view_table.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QGuiApplication>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace atlas::app {
namespace {

constexpr int kWarmupSteps = 5;  // not measured: first allocations, caches, fonts
constexpr qint64 kStepTimeoutMs = 10000;
constexpr qint64 kPaintTimeoutMs = 1000;  // after the replot, the widget's paint event
constexpr int kSetupTimeoutMs = 30000;
constexpr int kTargetD = 64;

/// Nearest-rank percentile of sorted values (q in [0, 1]).
double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  const std::size_t rank = static_cast<std::size_t>(std::ceil(q * double(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

void printRow(const char* name, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("%-40s min %7.2f   p50 %7.2f   p95 %7.2f   max %7.2f\n", name, ms.front(),
              percentile(ms, 0.5), percentile(ms, 0.95), ms.back());
}

/// The test as a small state machine on the GUI thread: setup, warm-up steps, measured steps.
/// Each step: change the widget (t0), the window shows the result (resultShown), the heatmap
/// replots (afterReplot), the heatmap widget paints, and the event loop comes back (done).
class LatencyRun : public QObject {
 public:
  LatencyRun(MainWindow* window, LatencyTestOptions options)
      : QObject(window), m_window(window), m_options(std::move(options)) {
    auto* heatmap = qobject_cast<widgets::HeatmapView*>(window->view("heatmap"));
    m_plot = heatmap ? heatmap->plot() : nullptr;
    m_seed = window->parameterPanel()->spinBox("seed");
    m_d = window->parameterPanel()->spinBox("d");
    m_dSlider = m_d ? m_d->parentWidget()->findChild<QSlider*>() : nullptr;
  }

  void start() {
    if (!m_plot || !m_seed || !m_d || !m_dSlider)
      return fail("the window has no heatmap or no seed/d fields");
    m_clock.start();
    connect(m_window, &MainWindow::resultShown, this, &LatencyRun::onResultShown);
    connect(m_plot, &QCustomPlot::beforeReplot, this, &LatencyRun::onBeforeReplot);
    connect(m_plot, &QCustomPlot::afterReplot, this, &LatencyRun::onReplot);
    m_plot->installEventFilter(this);
    m_window->controller()->installEventFilter(this);
    m_ticker.setTimerType(Qt::PreciseTimer);
    m_ticker.setInterval(1);
    connect(&m_ticker, &QTimer::timeout, this, [this] {
      const qint64 now = m_clock.nsecsElapsed();
      if (m_lastTick >= 0 && m_measuring)
        m_maxTickGapMs = std::max(m_maxTickGapMs, (now - m_lastTick) * 1e-6);
      m_lastTick = now;
    });
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] { fail("a step did not finish in time"); });

    // The workload: scaled_dot, random inputs, N = M = n, d = dv = 64, heatmap in front.
    m_window->tabs()->setCurrentWidget(m_window->view("heatmap"));
    m_window->variantBrowser()->selectVariant("scaled_dot");
    widgets::ParameterPanel* panel = m_window->parameterPanel();
    QComboBox* source = panel->sourceBox();
    source->setCurrentIndex(source->findData(QStringLiteral("random")));
    panel->spinBox("n")->setValue(m_options.n);
    panel->spinBox("m")->setValue(0);
    m_d->setValue(kTargetD);
    panel->spinBox("dv")->setValue(0);
    m_phase = Phase::Setup;
    m_watchdog.start(kSetupTimeoutMs);
    checkSetup();
  }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    // The engine's result reaching the GUI thread: a queued call to the controller.
    if (watched == m_window->controller() && event->type() == QEvent::MetaCall &&
        m_stage == Stage::Result && m_tArrived < 0)
      m_tArrived = m_clock.nsecsElapsed();
    if (watched != m_plot || event->type() != QEvent::Paint)
      return QObject::eventFilter(watched, event);
    if (m_stage == Stage::Replotting) {
      m_paintedInReplot = true;  // the replot repaints at once: done when afterReplot comes
    } else if (m_stage == Stage::Paint) {
      m_stage = Stage::Flush;
      // Runs once this paint (and the rest of the repaint it belongs to) has returned.
      QMetaObject::invokeMethod(
          this, [this] { finishStep(true); }, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
  }

 private:
  enum class Phase { Setup, Steps };
  enum class Stage { Idle, Result, Replot, Replotting, Paint, Flush };

  bool shownMatches() const {
    const auto& r = m_window->shown().result;
    if (!r || r->variant != "scaled_dot" || r->dims.n != m_options.n || r->dims.m != m_options.n)
      return false;
    if (m_options.param == "d") return r->dims.dk == m_expectedD;
    return r->dims.dk == kTargetD && r->params.seed == static_cast<std::uint64_t>(m_expectedSeed);
  }

  void checkSetup() {
    m_expectedSeed = m_seed->value();
    m_expectedD = m_d->value();
    if (m_phase == Phase::Setup && shownMatches() && !m_window->controller()->busy()) {
      m_phase = Phase::Steps;
      m_watchdog.stop();
      m_ticker.start();
      // Let the first repaint settle before the first change.
      QTimer::singleShot(200, this, [this] { nextStep(); });
    }
  }

  void onResultShown() {
    if (m_phase == Phase::Setup) {
      QTimer::singleShot(0, this, [this] { checkSetup(); });
      return;
    }
    if (m_stage != Stage::Result || !shownMatches()) return;
    m_tShown = m_clock.nsecsElapsed();
    m_engineMs = m_window->shown().result->seconds * 1e3;
    m_stage = Stage::Replot;
  }

  void onBeforeReplot() {
    if (m_stage != Stage::Replot) return;
    m_stage = Stage::Replotting;
    m_paintedInReplot = false;
  }

  void onReplot() {
    if (m_stage != Stage::Replotting) return;
    m_tReplot = m_clock.nsecsElapsed();
    if (m_paintedInReplot) {
      m_stage = Stage::Flush;
      QMetaObject::invokeMethod(
          this, [this] { finishStep(true); }, Qt::QueuedConnection);
      return;
    }
    m_stage = Stage::Paint;
    // Platforms that deliver no paint event for the plot: the replot is the last visible step.
    QTimer::singleShot(kPaintTimeoutMs, this, [this, step = m_step] {
      if (m_step == step && m_stage == Stage::Paint) finishStep(false);
    });
  }

  void nextStep() {
    if (m_step == kWarmupSteps + m_options.steps) return report();
    m_measuring = m_step >= kWarmupSteps;
    m_stage = Stage::Result;
    m_watchdog.start(kStepTimeoutMs);
    m_tArrived = -1;
    m_t0 = m_clock.nsecsElapsed();
    if (m_options.param == "d") {
      // A triangle wave over [64, 64 + 32]: every step a value different from the last.
      if (m_d->value() >= kTargetD + 32) m_dUp = false;
      if (m_d->value() <= kTargetD) m_dUp = true;
      m_expectedD = m_d->value() + (m_dUp ? 1 : -1);
      m_dSlider->triggerAction(m_dUp ? QAbstractSlider::SliderSingleStepAdd
                                     : QAbstractSlider::SliderSingleStepSub);
    } else {
      m_expectedSeed = m_seed->value() + 1;
      m_seed->stepBy(1);  // as the spin box's up arrow does
    }
    m_tSubmitted = m_clock.nsecsElapsed();
  }

  void finishStep(bool painted) {
    if (m_stage != Stage::Flush && m_stage != Stage::Paint) return;
    qint64 done = m_clock.nsecsElapsed();
    m_stage = Stage::Idle;
    m_watchdog.stop();
    if (!painted) {
      done = m_tReplot;
      ++m_unpainted;
    }
    if (m_measuring) {
      m_total.push_back((done - m_t0) * 1e-6);
      m_toSubmitted.push_back((m_tSubmitted - m_t0) * 1e-6);
      const qint64 arrived = m_tArrived >= 0 ? m_tArrived : m_tShown;
      m_toArrived.push_back((arrived - m_tSubmitted) * 1e-6);
      m_toShown.push_back((m_tShown - arrived) * 1e-6);
      m_toReplot.push_back((m_tReplot - m_tShown) * 1e-6);
      m_toDone.push_back((done - m_tReplot) * 1e-6);
      m_engine.push_back(m_engineMs);
    }
    ++m_step;
    QTimer::singleShot(0, this, [this] { nextStep(); });
  }

  void report() {
    m_ticker.stop();
    m_measuring = false;
    const QString workload =
        m_options.param == "d"
            ? QString("d = %1..%2, changes of the d slider").arg(kTargetD).arg(kTargetD + 32)
            : QString("d = %1, changes of the seed spin box").arg(kTargetD);
    std::printf(
        "latency self-test: scaled_dot, random source, N = M = %d, %s: %d measured after %d "
        "warm-up, platform %s\n",
        m_options.n, qPrintable(workload), m_options.steps, kWarmupSteps,
        qPrintable(QGuiApplication::platformName()));
    printRow("change -> heatmap repainted (ms)", m_total);
    std::printf("parts:\n");
    printRow("  engine compute (ms)", m_engine);
    printRow("  change -> request submitted (ms)", m_toSubmitted);
    printRow("  submitted -> result on GUI thread (ms)", m_toArrived);
    printRow("  result -> all views updated (ms)", m_toShown);
    printRow("  result shown -> replotted (ms)", m_toReplot);
    printRow("  replotted -> painted, loop back (ms)", m_toDone);
    std::printf(
        "GUI thread: longest gap between ticks of a 1 ms timer %.2f ms (the longest time the "
        "event loop did not run)\n",
        m_maxTickGapMs);
    breakdown();
    if (m_unpainted > 0)
      std::printf(
          "note: %d steps saw no paint event within %lld ms; their time ends at the replot\n",
          m_unpainted, static_cast<long long>(kPaintTimeoutMs));
    std::fflush(stdout);
    QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
  }

  /// Where a step's GUI time goes: each view's setResult with the shown result, the heatmap's
  /// immediate replot, and the settings written on every change (medians of a few repeats).
  void breakdown() {
    auto median = [this](auto&& f) {
      std::vector<double> t;
      for (int r = 0; r < 9; ++r) {
        const qint64 t0 = m_clock.nsecsElapsed();
        f();
        t.push_back((m_clock.nsecsElapsed() - t0) * 1e-6);
      }
      std::sort(t.begin(), t.end());
      return t[t.size() / 2];
    };
    std::printf("GUI work per result (median ms):");
    int count = 0;
    const widgets::ViewEntry* table = widgets::viewTable(&count);
    const widgets::ViewData data = m_window->shown();
    for (int i = 0; i < count; ++i)
      if (widgets::ResultView* v = m_window->view(QString::fromLatin1(table[i].id)))
        std::printf(" %s %.2f,", table[i].id, median([&] { v->setResult(data); }));
    std::printf(" heatmap replot %.2f, settings saved per change %.2f\n",
                median([&] { m_plot->replot(QCustomPlot::rpImmediateRefresh); }), median([&] {
                  Settings::setInputs(m_window->parameterPanel()->inputValues());
                  Settings::setVariantValues("scaled_dot",
                                             m_window->parameterPanel()->variantValues());
                }));
  }

  void fail(const char* why) {
    std::fprintf(stderr, "error: latency self-test failed at step %d: %s.\n", m_step, why);
    QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(1); });
  }

  MainWindow* m_window;
  LatencyTestOptions m_options;
  QCustomPlot* m_plot = nullptr;
  QSpinBox* m_seed = nullptr;
  QSpinBox* m_d = nullptr;
  QSlider* m_dSlider = nullptr;
  QElapsedTimer m_clock;
  QTimer m_ticker, m_watchdog;
  Phase m_phase = Phase::Setup;
  Stage m_stage = Stage::Idle;
  int m_step = 0, m_unpainted = 0, m_expectedSeed = 0, m_expectedD = kTargetD;
  bool m_dUp = true, m_measuring = false, m_paintedInReplot = false;
  qint64 m_t0 = 0, m_tSubmitted = 0, m_tArrived = -1, m_tShown = 0, m_tReplot = 0, m_lastTick = -1;
  double m_engineMs = 0, m_maxTickGapMs = 0;
  std::vector<double> m_total, m_toSubmitted, m_toArrived, m_toShown, m_toReplot, m_toDone,
      m_engine;
};

}  // namespace

void scheduleLatencySelfTest(MainWindow* window, const LatencyTestOptions& options) {
  auto* run = new LatencyRun(window, options);
  QTimer::singleShot(0, run, [run] { run->start(); });
}

}  // namespace atlas::app
