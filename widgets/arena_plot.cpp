#include "arena_plot.h"

#include "complexity_model.h"
#include "matrix_plot.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace atlas::widgets {

namespace {

/// `text`'s lines, each broken to `width` pixels in `font`: at spaces (so "arXiv:2011.04006"
/// stays whole), and a run without spaces wider than that (Chinese) wherever it must.
QString breakLines(const QString& text, const QFont& font, int width) {
  const QFontMetricsF metrics(font);
  QStringList lines;
  for (const QString& line : text.split(QLatin1Char('\n'))) {
    QString current;
    for (const QString& word : line.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
      const QString joined = current.isEmpty() ? word : current + QLatin1Char(' ') + word;
      if (current.isEmpty() || metrics.horizontalAdvance(joined) <= width) {
        current = joined;
        continue;
      }
      lines << MatrixPlot::wrapText(current, font, width);
      current = word;
    }
    lines << MatrixPlot::wrapText(current, font, width);
  }
  return lines.join(QLatin1Char('\n'));
}

double overlap(const QRectF& a, const QRectF& b) {
  const QRectF i = a.intersected(b);
  return i.isValid() ? i.width() * i.height() : 0.0;
}

}  // namespace

ArenaPlot::ArenaPlot(QWidget* parent) : PlotWidget(parent) {
  // QCustomPlot 2.1 draws powers of ten only from a lowercase 'e' (as complexity::setupPlot).
  setLocale(QLocale::c());
  setMinimumSize(320, 240);  // a wide legend must not widen the window's centre
  // 1. The panels' grid in the plot's layout; the plot's own axis rect is the measured panel's.
  QCPLayoutGrid* layout = plotLayout();
  m_rects[Measured] = axisRect();
  layout->take(m_rects[Measured]);
  layout->simplify();
  m_panels = new QCPLayoutGrid;
  layout->addElement(0, 0, m_panels);
  m_rects[Published] = new QCPAxisRect(this);
  QFont titleFont = font();
  titleFont.setPointSize(titleFont.pointSize() + 2);
  titleFont.setBold(true);
  for (int p : {Measured, Published}) {
    m_cells[p] = new QCPLayoutGrid;
    m_titles[p] = new QCPTextElement(this, QString(), titleFont);
    m_cells[p]->addElement(0, 0, m_titles[p]);
    m_cells[p]->addElement(1, 0, m_rects[p]);
  }
  // 2. The measured panel's legend below its axes; the published panel's note and source below
  // both panels, the whole plot's width (fewer lines, and the published axes keep the height).
  legend->setVisible(true);
  m_rects[Measured]->insetLayout()->take(legend);
  m_cells[Measured]->addElement(2, 0, legend);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setBorderPen(Qt::NoPen);
  legend->setLayer(QLatin1String("legend"));
  complexity::unboundLegend(legend);
  QFont footFont = font();
  footFont.setPointSizeF(footFont.pointSizeF() * 0.9);
  m_foot = new QCPTextElement(this, QString(), footFont);
  m_foot->setTextFlags(Qt::AlignLeft | Qt::AlignTop);
  layout->addElement(1, 0, m_foot);
  layout->setRowStretchFactor(1, 0.001);
  for (QCPLayoutGrid* cell : m_cells) cell->setRowStretchFactor(0, 0.001);
  m_cells[Measured]->setRowStretchFactor(2, 0.001);
  m_panels->addElement(0, 0, m_cells[Measured]);  // stacked until arranged for a size
  m_panels->addElement(1, 0, m_cells[Published]);
  m_panels->setMinimumSize(1, 1);  // the foot below has its lines, whatever the panels need
  legend->setWrap(4);
  connect(this, &QCustomPlot::beforeReplot, this, [this] { arrangeFor(viewport().size()); });
  connect(this, &QCustomPlot::afterLayout, this, [this] {
    fitToAxes();
    placeLabels();
  });
}

void ArenaPlot::setTitle(Panel panel, const QString& text) {
  m_titleText[panel] = text;
  m_titles[panel]->setText(text);
}

void ArenaPlot::setFoot(const QString& text) {
  m_footText = text;
  m_foot->setText(text);
}

void ArenaPlot::setLabel(QCPAxis* axis, const QString& text) {
  m_axisLabels[axis] = text;
  axis->setLabel(text);
}

void ArenaPlot::setMessage(QCPItemText* item, const QString& text) {
  m_message = item;
  m_messageText = text;
  m_message->setText(text);
}

void ArenaPlot::addBubble(QCPGraph* graph, QCPItemText* label, double x, double y, double area) {
  QCPScatterStyle style = graph->scatterStyle();
  style.setSize(m_diameter * std::sqrt(area));
  graph->setScatterStyle(style);
  label->position->setAxes(m_rects[Published]->axis(QCPAxis::atBottom),
                           m_rects[Published]->axis(QCPAxis::atLeft));
  label->setClipAxisRect(m_rects[Published]);
  label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
  label->position->setCoords(x, y);
  auto* leader = new QCPItemLine(this);
  leader->setLayer(label->layer());
  leader->setClipAxisRect(m_rects[Published]);
  for (QCPItemPosition* p : {leader->start, leader->end})
    p->setAxes(m_rects[Published]->axis(QCPAxis::atBottom),
               m_rects[Published]->axis(QCPAxis::atLeft));
  leader->setPen(QPen(QColor(90, 90, 90), 1));
  leader->setVisible(false);
  m_bubbles.push_back({graph, label, leader, x, y, area});
}

void ArenaPlot::arrangeFor(QSize size) {
  if (size.isEmpty()) return;
  // 1. Side by side when a panel is then at least 0.65 times as wide as high: the arrangement
  // whose panels' shorter side (a width counting 1/1.3) is the longer.
  const bool side = size.width() >= 1.3 * size.height();
  if (side != m_side) {
    for (QCPLayoutGrid* cell : m_cells) m_panels->take(cell);
    m_panels->simplify();
    m_panels->addElement(0, 0, m_cells[Measured]);
    m_panels->addElement(side ? 0 : 1, side ? 1 : 0, m_cells[Published]);
    m_side = side;
  }
  // 2. The legend in as many columns as its widest entry fits into the panel (at most four): a
  // wider legend would widen its panel at the other's expense.
  const int columns = side ? 2 : 1;
  const int panelW = size.width() / columns;
  int widest = 1;
  for (int i = 0; i < legend->itemCount(); ++i)
    if (QCPAbstractLegendItem* item = legend->item(i))  // a grid cell may be empty
      widest = std::max(widest, item->minimumOuterSizeHint().width());
  const int entries = std::clamp(panelW / (widest + legend->columnSpacing()), 1, 4);
  if (entries != legend->wrap()) {
    legend->setWrap(entries);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, /*rearrange=*/true);
  }
  // 3. Titles in lines that fit their panel, the foot the plot's width (so that the figure
  // export cuts none).
  const int fit = std::max(40, panelW - 20);
  for (int p : {Measured, Published})
    m_titles[p]->setText(breakLines(m_titleText[p], m_titles[p]->font(), fit));
  m_foot->setText(breakLines(m_footText, m_foot->font(), std::max(40, size.width() - 20)));
  // 4. A figure too small for the legend (it would leave the measured axes less than 80 pixels
  // of height) goes without it: the published bubbles of the chosen variants have their
  // colours. The panels may then overflow, never the foot (it has the source).
  const QCPLayoutElement* foot = m_foot;
  const QCPLayoutElement* entriesBox = legend;
  const QCPLayoutElement* measuredTitle = m_titles[Measured];
  const double panelH =
      (size.height() - foot->minimumOuterSizeHint().height()) / (side ? 1.0 : 2.0);
  const double tickLines = 3.5 * QFontMetricsF(xAxis->tickLabelFont()).height();
  const bool withLegend = panelH - measuredTitle->minimumOuterSizeHint().height() -
                              entriesBox->minimumOuterSizeHint().height() - tickLines >=
                          80;
  if (withLegend != legend->visible()) {
    if (withLegend)
      m_cells[Measured]->addElement(2, 0, legend);
    else
      m_cells[Measured]->take(legend);
    legend->setVisible(withLegend);
  }
  // 5. Axis labels in lines as long as their axes: the panel less its title, its legend and the
  // other axis's tick and axis labels, about (the layout comes after).
  for (const auto& [axis, text] : m_axisLabels) {
    const int p = axis->axisRect() == m_rects[Measured] ? Measured : Published;
    const QCPLayoutElement* title = m_titles[p];
    const double below =
        p == Measured && withLegend ? double(entriesBox->minimumOuterSizeHint().height()) : 0.0;
    const double ticks = 3.5 * QFontMetricsF(axis->tickLabelFont()).height();
    const double length =
        axis->orientation() == Qt::Horizontal
            ? panelW - ticks - 20
            : panelH - title->minimumOuterSizeHint().height() - below - ticks - 20;
    // At most two lines: a label longer than twice its axis runs past the axis' ends rather
    // than growing into a column of words beside it.
    const double half = QFontMetricsF(axis->labelFont()).horizontalAdvance(text) * 0.6 + 12;
    axis->setLabel(breakLines(text, axis->labelFont(), int(std::max({60.0, length, half}))));
  }
}

void ArenaPlot::fitToAxes() {
  // The largest bubble a seventh of the published axes' shorter side; the measured panel's
  // message in lines of its axes' width. Neither changes the layout.
  const QRect published = m_rects[Published]->rect();
  m_diameter = std::clamp(0.14 * std::min(published.width(), published.height()), 12.0, 44.0);
  for (const Bubble& b : m_bubbles) {
    QCPScatterStyle style = b.graph->scatterStyle();
    style.setSize(m_diameter * std::sqrt(b.area));
    b.graph->setScatterStyle(style);
  }
  if (m_message)
    m_message->setText(breakLines(m_messageText, m_message->font(),
                                  std::max(60, m_rects[Measured]->rect().width() - 30)));
}

void ArenaPlot::placeLabels() {
  // Each label beside its bubble, or one line further out with a leader line, where it covers
  // the least: of the axis rect's outside, of the other labels, of the other bubbles. A first
  // pass places them in turn; three more move each where it is best among all the others.
  QCPAxisRect* rect = m_rects[Published];
  QCPAxis* x = rect->axis(QCPAxis::atBottom);
  QCPAxis* y = rect->axis(QCPAxis::atLeft);
  const QRectF inside = rect->rect();
  const std::size_t n = m_bubbles.size();
  std::vector<QPointF> centres;
  std::vector<double> radii;
  std::vector<QRectF> discs;  // each disc's inner square
  for (const Bubble& b : m_bubbles) {
    centres.emplace_back(x->coordToPixel(b.x), y->coordToPixel(b.y));
    radii.push_back(b.graph->scatterStyle().size() / 2);
    const double r = 0.85 * radii.back();
    discs.emplace_back(centres.back() - QPointF(r, r), QSizeF(2 * r, 2 * r));
  }
  struct Choice {
    QRectF box;
    int ring = 0;  ///< beside the bubble (0) or one or two lines further out
  };
  const auto candidates = [&](std::size_t i) {
    const QSizeF s =
        QFontMetricsF(m_bubbles[i].label->font())
            .boundingRect(QRectF(0, 0, 1e4, 1e4), Qt::AlignLeft, m_bubbles[i].label->text())
            .size();
    const double w = s.width(), h = s.height();
    const QPointF c = centres[i];
    std::vector<Choice> out;
    for (int ring = 0; ring < 3; ++ring) {
      const double r = radii[i] + 2 + ring * (h + 4), d = 0.72 * r;
      for (const QPointF& at :
           {QPointF(c.x() + r, c.y() - h / 2), QPointF(c.x() - r - w, c.y() - h / 2),
            QPointF(c.x() - w / 2, c.y() - r - h), QPointF(c.x() - w / 2, c.y() + r),
            QPointF(c.x() + d, c.y() - d - h), QPointF(c.x() + d, c.y() + d),
            QPointF(c.x() - d - w, c.y() - d - h), QPointF(c.x() - d - w, c.y() + d)})
        out.push_back({QRectF(at, s), ring});
    }
    return out;
  };
  std::vector<Choice> chosen(n);
  std::vector<bool> done(n, false);
  // How far a box is from bubble j's edge: a label nearer another bubble than its own would
  // name the wrong one.
  const auto gap = [&](const QRectF& box, std::size_t j) {
    const QPointF c = centres[j];
    const double dx = std::max({box.left() - c.x(), 0.0, c.x() - box.right()});
    const double dy = std::max({box.top() - c.y(), 0.0, c.y() - box.bottom()});
    return std::hypot(dx, dy) - radii[j];
  };
  const auto cost = [&](std::size_t i, const Choice& c, std::size_t k) {
    const double area = c.box.width() * c.box.height();
    double total = 1000.0 * (area - overlap(c.box, inside)) + 120.0 * c.ring + 0.01 * k;
    const double own = gap(c.box, i);
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i) continue;
      if (done[j]) total += 50.0 * overlap(c.box, chosen[j].box);
      total += overlap(c.box, discs[j]);  // text over a pale bubble still reads
      if (gap(c.box, j) < own) total += 1500.0;
    }
    return total;
  };
  for (int pass = 0; pass < 4; ++pass) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::vector<Choice> options = candidates(i);
      std::size_t best = 0;
      double bestCost = 0;
      for (std::size_t k = 0; k < options.size(); ++k)
        if (const double c = cost(i, options[k], k); k == 0 || c < bestCost) {
          best = k;
          bestCost = c;
        }
      chosen[i] = options[best];
      done[i] = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Bubble& b = m_bubbles[i];
    const QRectF& box = chosen[i].box;
    b.label->position->setCoords(x->pixelToCoord(box.left()), y->pixelToCoord(box.top()));
    // The leader: from the disc's edge to the nearest point of the label's box.
    const QPointF c = centres[i];
    const QPointF near(std::clamp(c.x(), box.left(), box.right()),
                       std::clamp(c.y(), box.top(), box.bottom()));
    const QLineF towards(c, near);
    b.leader->setVisible(chosen[i].ring > 0 && towards.length() > radii[i]);
    const QPointF edge =
        towards.pointAt(std::min(1.0, radii[i] / std::max(1e-9, towards.length())));
    b.leader->start->setCoords(x->pixelToCoord(edge.x()), y->pixelToCoord(edge.y()));
    b.leader->end->setCoords(x->pixelToCoord(near.x()), y->pixelToCoord(near.y()));
  }
}

}  // namespace atlas::widgets
