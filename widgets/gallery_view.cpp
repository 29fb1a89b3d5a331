#include "gallery_view.h"

#include "core_text.h"
#include "sparsity_view.h"

#include "core/variant_registry.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace atlas::widgets {

GalleryView::GalleryView(QWidget* parent) : ResultView(parent) {
  m_plot = new MatrixPlot(this);
  m_plot->setCompact(true);
  m_plot->setIndependentScales(true);
  m_plot->setDisplayCells(512);  // small panels: block maxima of large matrices
  m_chooser = new QToolButton(this);
  m_chooser->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(m_chooser);
  for (const core::Variant* v : core::allVariants()) {
    QAction* a = menu->addAction(QString());
    a->setCheckable(true);
    a->setChecked(true);
    a->setData(QString::fromStdString(v->id()));
    connect(a, &QAction::toggled, this, &GalleryView::chosenVariantsChanged);
  }
  m_chooser->setMenu(menu);
  m_summary = new QLabel(this);
  m_rebuildTimer = new QTimer(this);
  m_rebuildTimer->setSingleShot(true);
  m_rebuildTimer->setInterval(60);
  connect(m_rebuildTimer, &QTimer::timeout, this, &GalleryView::rebuild);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_chooser);
  bar->addStretch(1);
  bar->addWidget(m_summary);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
  connect(m_plot, &MatrixPlot::panelClicked, this, [this](int panel) {
    if (panel >= 0 && panel < m_panelIds.size()) Q_EMIT variantActivated(m_panelIds[panel]);
  });
  m_plot->setTooltip([this](int panel, int row, int col, double value) {
    return tr("%1\nQuery %2, key %3: %4\nClick to open")
        .arg(variantLabel(m_panelIds.value(panel).toStdString()))
        .arg(row)
        .arg(col)
        .arg(value, 0, 'g', 4);
  });
  retranslate();
}

QStringList GalleryView::chosenVariants() const {
  QStringList ids;
  for (QAction* a : m_chooser->menu()->actions())
    if (a->isChecked()) ids << a->data().toString();
  return ids;
}

void GalleryView::setChosenVariants(const QStringList& ids) {
  for (QAction* a : m_chooser->menu()->actions()) {
    const QSignalBlocker block(a);
    a->setChecked(ids.contains(a->data().toString()));
  }
  Q_EMIT chosenVariantsChanged();
}

void GalleryView::begin(const QStringList& ids) {
  m_round = ids;
  m_entries.clear();
  m_rebuildTimer->stop();
  rebuild();
}

void GalleryView::addResult(const QString& id, const ViewData& data, const QString& error) {
  if (!m_round.contains(id)) return;
  m_entries[id] = {data, error};
  // Results arrive in bursts: redraw once per burst, not once per variant.
  if (!m_rebuildTimer->isActive()) m_rebuildTimer->start();
}

int GalleryView::shownCount() const { return static_cast<int>(m_panelIds.size()); }

QString GalleryView::variantAt(const QPointF& pos) const {
  return m_panelIds.value(m_plot->panelAt(pos));
}

void GalleryView::rebuild() {
  // Panels in the round's order, for the variants whose result has arrived; head 0 of each.
  std::vector<MatrixPanel> panels;
  m_panelIds.clear();
  auto owners = std::make_shared<std::vector<std::shared_ptr<const core::VariantResult>>>();
  for (const QString& id : m_round) {
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->second.data.result) continue;
    const auto& r = *it->second.data.result;
    if (r.heads() == 0 || r.pooled()) continue;  // streamed: not every weight to draw
    const double density =
        double(r.pairs(0)) / double(std::max<core::Index>(1, r.weightRows() * r.weightCols()));
    MatrixPanel panel{
        r.sparse() ? nullptr : &r.weights(0),
        tr("%1\n%2 computed · %3")
            .arg(variantLabel(r.variant), percentText(density), millisecondsText(r.seconds)),
        r.sparse() ? &r.sparseHead(0) : nullptr};
    if (!r.sparse()) panel.computed = &r.mask(0);  // masked pairs drawn as not computed
    panels.push_back(panel);
    owners->push_back(it->second.data.result);
    m_panelIds << id;
  }
  if (panels.empty()) {
    // Everything arrived and nothing can be drawn: the first reason, in the round's order.
    QString reason;
    for (const QString& id : m_round) {
      const auto it = m_entries.find(id);
      if (it == m_entries.end()) break;
      const auto& r = it->second.data.result;
      reason = r ? (r->pooled() ? needsFullWeightsSentence(r->dims.n, r->dims.m) : QString())
                 : it->second.error;
      if (!reason.isEmpty()) break;
    }
    const bool complete = m_entries.size() == std::size_t(m_round.size());
    m_plot->showMessage(m_round.isEmpty()               ? tr("Choose variants to compare.")
                        : complete && !reason.isEmpty() ? reason
                                                        : tr("Computing…"));
  } else {
    m_plot->setLabels({}, {});
    m_plot->setPanels(owners, std::move(panels));
  }
  updateSummary();
}

void GalleryView::updateSummary() {
  double total = 0;
  QStringList failed;
  int drawn = 0;
  for (const auto& [id, e] : m_entries) {
    if (e.data.result) total += e.data.result->seconds;
    drawn += e.data.result && !e.data.result->pooled();
    if (!e.error.isEmpty()) failed << variantLabel(id.toStdString()) + ": " + e.error;
  }
  m_summary->setText(tr("%1 of %2 computed, %3 in all")
                         .arg(drawn)
                         .arg(m_round.size())
                         .arg(millisecondsText(total)));
  m_summary->setToolTip(failed.join("\n"));
}

void GalleryView::retranslate() {
  m_chooser->setText(tr("&Variants…"));
  m_chooser->setToolTip(tr("Choose the variants to compare"));
  for (QAction* a : m_chooser->menu()->actions())
    a->setText(variantLabel(a->data().toString().toStdString()));
  m_plot->setAxisTitles(QString(), QString(), tr("Weight (each panel: its lowest to its highest)"));
  m_plot->setTitle(tr("All variants on the same inputs"));
  rebuild();
}

}  // namespace atlas::widgets
