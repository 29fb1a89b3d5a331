#include "complexity_view.h"

#include "arena_page.h"
#include "bench_plot.h"
#include "core_text.h"
#include "cost_plot.h"
#include "roofline_plot.h"

#include "core/variant_registry.h"

#include <QAction>
#include <QHBoxLayout>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace atlas::widgets {

namespace {

const QStringList kDefaultVariants = {"scaled_dot", "local_window", "sparse_fixed", "dilated",
                                      "linformer",  "linear",       "performer",    "flash"};

}  // namespace

ComplexityView::ComplexityView(QWidget* parent) : ResultView(parent) {
  // The variant choice, shared by every page: a menu of checkable variants.
  m_chooser = new QToolButton(this);
  m_chooser->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(m_chooser);
  for (const core::Variant* v : core::allVariants()) {
    const QString id = QString::fromStdString(v->id());
    QAction* a = menu->addAction(QString());
    a->setCheckable(true);
    a->setChecked(kDefaultVariants.contains(id));
    a->setData(id);
    connect(a, &QAction::toggled, this, [this] { setChosenVariants(chosenVariants()); });
  }
  m_chooser->setMenu(menu);
  m_state.ids = chosenVariants();

  m_cost = new CostPage(this);
  m_measured = new MeasuredPage(m_state, this);
  m_roofline = new RooflinePage(m_state, this);
  m_arena = new ArenaPage(m_state, this);
  m_pages = new QTabWidget(this);
  m_pages->setDocumentMode(true);
  m_pages->addTab(m_cost, QString());
  m_pages->addTab(m_measured, QString());
  m_pages->addTab(m_roofline, QString());
  m_pages->addTab(m_arena, QString());
  m_cost->setVariants(m_state.ids);

  connect(m_measured, &MeasuredPage::startClicked, this, [this] {
    QList<qint64> ns;
    for (core::Index n : core::powersOfTwo(64, m_measured->limitBox()->value())) ns << qint64(n);
    requestBench(ns, false);
  });
  connect(m_arena, &ArenaPage::measureClicked, this, [this] {
    QList<qint64> ns;
    for (core::Index n : ArenaPage::sizes()) ns << qint64(n);
    requestBench(ns, true);
  });
  connect(m_measured, &MeasuredPage::cancelClicked, this, &ComplexityView::cancelRequested);
  connect(m_measured, &MeasuredPage::widthChanged, this, [this](int d) {
    m_state.benchD = d;
    redrawMeasured();
  });
  connect(m_roofline, &RooflinePage::calibrateClicked, this, &ComplexityView::calibrateRequested);
  connect(m_roofline, &RooflinePage::shown, this, [this] {
    // First use: measure this machine once, unless a roof is known (cached) or on its way.
    if (m_state.roof || m_calibrationAsked || m_roofline->calibrating()) return;
    m_calibrationAsked = true;
    Q_EMIT calibrateRequested();
  });

  auto* bar = new QHBoxLayout;
  bar->addWidget(m_chooser);
  bar->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(m_pages, 1);
  retranslate();
}

void ComplexityView::requestBench(const QList<qint64>& ns, bool withReference) {
  QStringList ids = m_state.ids;
  // Relative speed needs scaled dot-product attention at the same sizes.
  if (withReference && !ids.contains("scaled_dot")) ids.prepend("scaled_dot");
  if (ids.isEmpty() || ns.isEmpty()) return;
  Q_EMIT benchRequested(ids, ns, m_measured->repeatsBox()->value(), int(m_state.benchD));
}

QCustomPlot* ComplexityView::figure() {
  switch (m_pages->currentIndex()) {
    case Measured:
      return m_measured->plot();
    case Roofline:
      return m_roofline->plot();
    case Arena:
      return m_arena->plot();
    default:
      return m_cost->plot();
  }
}

QStringList ComplexityView::drawnVariants() const {
  // The chosen curves, and the shown variant's after them when it is not among them: the view
  // always draws the variant on screen.
  QStringList ids = m_state.ids;
  if (m_state.result) {
    const QString shown = QString::fromStdString(m_state.result->variant);
    if (!ids.contains(shown)) ids << shown;
  }
  return ids;
}

void ComplexityView::setResult(const ViewData& data) {
  m_state.result = data.result;
  m_cost->setVariants(drawnVariants());
  m_cost->setResult(data.result);
  m_roofline->redraw();  // unmeasured variants sit at the shown sizes
  m_arena->redraw();     // the published model of the shown variant is outlined
}

QStringList ComplexityView::chosenVariants() const {
  QStringList ids;
  for (QAction* a : m_chooser->menu()->actions())
    if (a->isChecked()) ids << a->data().toString();
  return ids;
}

void ComplexityView::setChosenVariants(const QStringList& ids) {
  for (QAction* a : m_chooser->menu()->actions()) {
    const QSignalBlocker block(a);
    a->setChecked(ids.contains(a->data().toString()));
  }
  m_state.ids = chosenVariants();
  m_cost->setVariants(drawnVariants());
  redrawMeasured();
}

void ComplexityView::redrawMeasured() {
  m_measured->redraw();
  m_roofline->redraw();
  m_arena->redraw();
}

void ComplexityView::addBenchPoint(const core::BenchPoint& point) {
  auto same = [&](const core::BenchPoint& p) {
    return p.variant == point.variant && p.n == point.n && p.d == point.d &&
           p.computedOn.device == point.computedOn.device;
  };
  auto it = std::find_if(m_state.points.begin(), m_state.points.end(), same);
  if (it != m_state.points.end())
    *it = point;
  else
    m_state.points.push_back(point);
  redrawMeasured();
}

void ComplexityView::setBenchPoints(std::vector<core::BenchPoint> points) {
  m_state.points = std::move(points);
  redrawMeasured();
}

void ComplexityView::setBenchProgress(double fraction) { m_measured->setProgress(fraction); }

void ComplexityView::setBenchRunning(bool running) {
  m_measured->setRunning(running);
  m_arena->setRunning(running);
}

bool ComplexityView::benchRunning() const { return m_measured->running(); }

void ComplexityView::setMachineRoof(const core::MachineRoof& roof) {
  m_state.roof = roof;
  m_roofline->setCalibrating(false);  // redraws
}

void ComplexityView::setCalibrating(bool calibrating) { m_roofline->setCalibrating(calibrating); }

void ComplexityView::retranslate() {
  m_chooser->setText(tr("&Variants…"));
  m_chooser->setToolTip(tr("Choose the variants to compare and measure"));
  for (QAction* a : m_chooser->menu()->actions())
    a->setText(variantLabel(a->data().toString().toStdString()));
  m_pages->setTabText(Formulas, tr("Formulas"));
  m_pages->setTabText(Measured, tr("Measured"));
  m_pages->setTabText(Roofline, tr("Roofline"));
  m_pages->setTabText(Arena, tr("Speed and memory"));
  m_cost->retranslate();
  m_measured->retranslate();
  m_roofline->retranslate();
  m_arena->retranslate();
}

QStringList ComplexityView::pageIds() const {
  return {"formulas", "measured", "roofline", "arena"};  // the order of Page
}

QString ComplexityView::page() const { return pageIds().value(m_pages->currentIndex()); }

bool ComplexityView::setPage(const QString& id) {
  const int index = id.isEmpty() ? 0 : int(pageIds().indexOf(id));
  if (index < 0) return false;
  m_pages->setCurrentIndex(index);
  return true;
}

}  // namespace atlas::widgets
