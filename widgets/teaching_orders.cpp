// The Teaching view's page for linear attention and Performer: the two multiplication orders
// with the shapes of their products, their operation counts at the result's size (bars, on a
// linear scale so their heights compare), and both counts against N with the length from which
// the cheap order is the cheaper one (core/feature_orders.h).
#include "plot_widget.h"
#include "teaching_view.h"

#include "core_text.h"

#include "core/feature_orders.h"

#include <QLocale>

#include <cmath>

namespace atlas::widgets {
namespace {

QColor cheapColor() { return MatrixPlot::categoryColor(4); }      // blue
QColor quadraticColor() { return MatrixPlot::categoryColor(5); }  // vermillion

/// "6.89 × 10⁴" (three digits), or the plain number below 10⁴.
QString flopsText(double v) {
  if (v < 1e4) return QLocale().toString(v, 'f', 0);
  const int e = static_cast<int>(std::floor(std::log10(v)));
  static const QString kSuper = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
  QString exponent;
  for (QChar c : QString::number(e)) exponent += kSuper[c.digitValue()];
  return QStringLiteral("%1 × 10%2")
      .arg(QLocale().toString(v / std::pow(10.0, e), 'f', 2), exponent);
}

/// "(N × d)(d × dᵥ) → N × dᵥ" and, on the next line, "= (16 × 16)(16 × 16) → 16 × 16": a
/// product's shapes in symbols, then at this size.
QString product(const QString& a, const QString& b, const QString& c, core::Index va,
                core::Index vb, core::Index vc) {
  return QStringLiteral("(%1 × %2)(%2 × %3) → %1 × %3\n      = (%4 × %5)(%5 × %6) → %4 × %6")
      .arg(a, b, c)
      .arg(va)
      .arg(vb)
      .arg(vc);
}

}  // namespace

QWidget* TeachingView::buildOrders() {
  m_orders = new PlotWidget(this);
  // QCustomPlot 2.1 draws powers of ten (10⁷) only when a tick label has a lowercase 'e', which
  // Qt 6's en_US locale does not write (as in complexity_model.cpp).
  m_orders->setLocale(QLocale::c());
  m_orders->plotLayout()->clear();  // the default axis rect goes: these are laid out below
  // Title; the two orders' products; the counts now beside the counts against N.
  m_ordersTitle = new QCPTextElement(m_orders, QString(),
                                     QFont(font().family(), font().pointSize() + 2, QFont::Bold));
  m_orders->plotLayout()->addElement(0, 0, m_ordersTitle);
  auto* texts = new QCPLayoutGrid;
  m_orders->plotLayout()->addElement(1, 0, texts);
  for (int c = 0; c < 2; ++c) {
    auto* t = new QCPTextElement(m_orders, QString(), font());
    t->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    t->setTextColor((c == 0 ? cheapColor() : quadraticColor()).darker(150));
    texts->addElement(0, c, t);
  }
  auto* plots = new QCPLayoutGrid;
  m_orders->plotLayout()->addElement(2, 0, plots);
  m_orders->plotLayout()->setRowStretchFactor(0, 0.01);
  m_orders->plotLayout()->setRowStretchFactor(1, 0.01);
  m_barRect = new QCPAxisRect(m_orders);
  m_growthRect = new QCPAxisRect(m_orders);
  plots->addElement(0, 0, m_barRect);
  plots->addElement(0, 1, m_growthRect);
  plots->setColumnStretchFactor(0, 1);
  plots->setColumnStretchFactor(1, 1.6);
  for (QCPAxisRect* rect : {m_barRect, m_growthRect})
    for (QCPAxis* axis : rect->axes())
      axis->grid()->setVisible(axis->axisType() == QCPAxis::atLeft);
  // Both counts against N on log-log axes: straight lines of slope 1 and 2.
  for (QCPAxis* axis :
       {m_growthRect->axis(QCPAxis::atBottom), m_growthRect->axis(QCPAxis::atLeft)}) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    axis->setNumberFormat("eb");
    axis->setNumberPrecision(0);
    axis->grid()->setVisible(true);
  }
  auto* legend = new QCPLegend;
  m_growthRect->insetLayout()->addElement(legend, Qt::AlignLeft | Qt::AlignTop);
  legend->setLayer(QLatin1String("legend"));
  legend->setFont(font());
  m_orders->setAutoAddPlottableToLegend(false);
  return m_orders;
}

void TeachingView::showOrders() {
  m_page = Orders;
  const core::VariantResult& r = *m_data.result;
  const core::Trace::Orders& o = *r.trace.orders;
  const core::InputDims& d = r.dims;
  const double f = double(o.features);
  m_orders->clearPlottables();
  m_orders->clearItems();
  auto* legend = qobject_cast<QCPLegend*>(m_growthRect->insetLayout()->elementAt(0));

  // 1. The counts at this size: one bar each, on a linear scale from 0.
  QCPAxis* barKey = m_barRect->axis(QCPAxis::atBottom);
  QCPAxis* barValue = m_barRect->axis(QCPAxis::atLeft);
  const double counts[2] = {double(o.flops(0, 0)), double(o.flops(0, 1))};
  for (int i = 0; i < 2; ++i) {
    auto* bars = new QCPBars(barKey, barValue);
    bars->setData({1.0 + i}, {counts[i]});
    const QColor c = i == 0 ? cheapColor() : quadraticColor();
    bars->setBrush(c);
    bars->setPen(QPen(c.darker(130)));
    bars->setWidth(0.6);
    auto* label = new QCPItemText(m_orders);
    label->setClipAxisRect(m_barRect);
    label->position->setAxes(barKey, barValue);
    label->position->setCoords(1.0 + i, counts[i]);
    label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    label->setText(flopsText(counts[i]));
  }
  barKey->setRange(0.4, 2.6);
  barValue->setRange(0, 1.18 * std::max(counts[0], counts[1]));

  // 2. Both counts against N, the keys in proportion, and the length where they cross.
  m_crossover = core::orderCrossover(d, f, o.causal);
  const double now = double(d.n);
  const double far = std::max(8.0 * now, 8.0 * double(m_crossover));
  const double top = std::pow(10.0, std::ceil(std::log10(std::max(10.0, far))));
  QCPAxis* x = m_growthRect->axis(QCPAxis::atBottom);
  QCPAxis* y = m_growthRect->axis(QCPAxis::atLeft);
  QVector<double> ns, cheap, quadratic;
  for (int s = 0; s <= 160; ++s) {
    const core::Index n = std::max<core::Index>(1, std::llround(std::pow(top, s / 160.0)));
    if (!ns.isEmpty() && double(n) <= ns.back()) continue;
    const core::OrderFlops at = core::orderFlops(core::scaledDims(d, n), f, o.causal);
    ns << double(n);
    cheap << at.cheap;
    quadratic << at.quadratic;
  }
  const auto curve = [&](const QVector<double>& v, const QColor& c) {
    auto* g = new QCPGraph(x, y);
    g->setData(ns, v, true);
    g->setPen(QPen(c, 2));
    g->addToLegend(legend);
    return g;
  };
  curve(cheap, cheapColor());
  curve(quadratic, quadraticColor());
  auto* here = new QCPGraph(x, y);  // this input, on both curves
  here->setData({now, now}, {counts[0], counts[1]});
  here->setLineStyle(QCPGraph::lsNone);
  here->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.5), QBrush(Qt::white), 8));
  here->addToLegend(legend);
  x->setRange(1, top);
  y->setRange(0.5 * std::min(cheap.front(), quadratic.front()),
              2.0 * std::max(cheap.back(), quadratic.back()));
  const auto marker = [&](double at, const QPen& pen, Qt::Alignment align) {
    auto* line = new QCPItemStraightLine(m_orders);
    line->setClipAxisRect(m_growthRect);
    line->point1->setAxes(x, y);
    line->point2->setAxes(x, y);
    line->point1->setCoords(at, 1);
    line->point2->setCoords(at, 10);
    line->setPen(pen);
    auto* label = new QCPItemText(m_orders);
    label->setClipAxisRect(m_growthRect);
    label->position->setAxes(x, y);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setAxisRect(m_growthRect);
    label->position->setCoords(at, 0.98);
    label->setPositionAlignment(align);
    label->setPadding(QMargins(4, 0, 4, 0));
    return label;
  };
  // Both labels at the bottom, each on the side away from the other line.
  const bool past = m_crossover > 0 && now >= double(m_crossover);
  m_crossLabel = m_crossover > 0
                     ? marker(double(m_crossover), QPen(Qt::darkGray, 1.5, Qt::DashLine),
                              (past ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom)
                     : nullptr;
  m_nowLabel = marker(now, QPen(Qt::black, 1, Qt::DotLine),
                      (past ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignBottom);
  retranslateOrders();
}

void TeachingView::retranslateOrders() {
  if (m_page != Orders || !m_data.result || !m_data.result->trace.orders) return;
  const core::VariantResult& r = *m_data.result;
  const core::Trace::Orders& o = *r.trace.orders;
  const core::InputDims& d = r.dims;
  const QString f = o.randomFeatures ? QStringLiteral("m") : QStringLiteral("d");
  const QString dv = QStringLiteral("dᵥ");
  const core::Index fv = o.features;
  auto* texts = static_cast<QCPLayoutGrid*>(m_orders->plotLayout()->element(1, 0));
  auto* cheap = static_cast<QCPTextElement*>(texts->element(0, 0));
  auto* quadratic = static_cast<QCPTextElement*>(texts->element(0, 1));
  cheap->setText(tr("Cheap order φ(Q) (φ(K)ᵀ V):") + "\n" + QStringLiteral("φ(K)ᵀ V: ") +
                 product(f, QStringLiteral("M"), dv, fv, d.m, d.dv) + " " + tr("(the state)") +
                 "\n" + tr("φ(Q) · state:") + " " +
                 product(QStringLiteral("N"), f, dv, d.n, fv, d.dv));
  quadratic->setText(tr("Quadratic order (φ(Q) φ(K)ᵀ) V:") + "\n" + QStringLiteral("φ(Q) φ(K)ᵀ: ") +
                     product(QStringLiteral("N"), f, QStringLiteral("M"), d.n, fv, d.m) + " " +
                     tr("(the weights P)") + "\n" + QStringLiteral("P V: ") +
                     product(QStringLiteral("N"), QStringLiteral("M"), dv, d.n, d.m, d.dv));
  auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
  ticker->addTick(1, tr("cheap\norder"));
  ticker->addTick(2, tr("quadratic\norder"));
  m_barRect->axis(QCPAxis::atBottom)->setTicker(ticker);
  m_barRect->axis(QCPAxis::atLeft)->setLabel(tr("Floating-point operations"));
  m_growthRect->axis(QCPAxis::atLeft)->setLabel(tr("Floating-point operations"));
  m_growthRect->axis(QCPAxis::atBottom)
      ->setLabel(d.m == d.n ? tr("Sequence length N (M = N)")
                            : tr("Queries N (keys in proportion, M = %1 N)")
                                  .arg(QLocale().toString(double(d.m) / double(d.n), 'g', 3)));
  if (m_crossLabel)
    m_crossLabel->setText(
        tr("the cheap order is cheaper\nfrom N = %1").arg(QLocale().toString(m_crossover)));
  if (m_nowLabel) m_nowLabel->setText(tr("N = %1\n(this input)").arg(d.n));
  if (m_orders->plottableCount() >= 5) {
    m_orders->plottable(2)->setName(tr("cheap order"));
    m_orders->plottable(3)->setName(tr("quadratic order"));
    m_orders->plottable(4)->setName(tr("this input"));
  }
  const QString sizes =
      o.randomFeatures
          ? tr("N = %1, M = %2, d = %3, dᵥ = %4, m = %5 random features")
                .arg(d.n)
                .arg(d.m)
                .arg(d.dk)
                .arg(d.dv)
                .arg(o.features)
          : tr("N = %1, M = %2, d = %3, dᵥ = %4").arg(d.n).arg(d.m).arg(d.dk).arg(d.dv);
  m_ordersTitle->setText(tr("%1: the two multiplication orders").arg(variantLabel(r.variant)) +
                         "\n" + sizes);
  m_orders->replot(QCustomPlot::rpQueuedReplot);
}

QString TeachingView::ordersCaption() const {
  const core::VariantResult& r = *m_data.result;
  const core::Trace::Orders& o = *r.trace.orders;
  const QString name = variantLabel(r.variant);
  const QString idea =
      o.randomFeatures
          ? tr("%1 computes φ(K)ᵀV first: an m × dᵥ state (%2 × %3, m = %2 random features) "
               "shared by all queries, so its cost grows like N·m·dᵥ, not N²·(m + dᵥ).")
                .arg(name)
                .arg(o.features)
                .arg(r.dims.dv)
          : tr("%1 computes φ(K)ᵀV first: a d × dᵥ state (%2 × %3) shared by all queries, so "
               "its cost grows like N·d·dᵥ, not N²·(d + dᵥ).")
                .arg(name)
                .arg(o.features)
                .arg(r.dims.dv);
  QString when;
  if (m_crossover == 0)
    when = tr("With these widths the cheap order never takes fewer operations.");
  else if (r.dims.n < m_crossover)
    when = tr("At N = %1 it is not cheaper yet: the fixed cost of the state outweighs N² pairs "
              "below N = %2, where the two counts cross.")
               .arg(r.dims.n)
               .arg(QLocale().toString(m_crossover));
  else
    when = tr("At N = %1 it is the cheaper one, as from N = %2, where the two counts cross.")
               .arg(r.dims.n)
               .arg(QLocale().toString(m_crossover));
  return idea + "\n" + when;
}

}  // namespace atlas::widgets
