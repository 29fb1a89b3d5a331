// MatrixPlot's decisions after each layout, on screen or into a figure of another size: the
// token labels that fit (or numbers), and square cells for matrices that are not too long.
#include "matrix_plot.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace atlas::widgets {

bool MatrixPlot::fitTokenLabels() {
  // Token labels wherever the pixels just laid out hold them in the axes' font, numbers
  // elsewhere; rotated only when words would not fit upright. A change takes effect at the
  // next layout (a queued replot on screen; a figure lays itself out twice).
  const bool pooled = m_logicalRows > 0 && m_logicalCols > 0;
  bool changed = false;
  for (std::size_t i = 0; i < m_maps.size(); ++i) {
    QCPColorMap* map = m_maps[i];
    QCPAxis* x = map->keyAxis();
    QCPAxis* y = map->valueAxis();
    const QRect rect = x->axisRect()->rect();
    // The axes count tokens: the matrix's rows and columns, not the cells drawn (a large
    // matrix is drawn in fewer cells than it has entries).
    const bool known = i < m_panels.size();
    const int cols = pooled  ? int(m_logicalCols)
                     : known ? int(m_panels[i].cols())
                             : map->data()->keySize();
    const int rows = pooled  ? int(m_logicalRows)
                     : known ? int(m_panels[i].rows())
                             : map->data()->valueSize();
    if (m_compact) continue;
    const QFontMetricsF fm(x->tickLabelFont());
    // No room at all (the labels took it): numbers, which take less.
    const double perX = std::max(0, rect.width()) / double(std::max(cols, 1)),
                 perY = std::max(0, rect.height()) / double(std::max(rows, 1));
    const auto has = [](const QStringList& l, int n) { return !l.isEmpty() && l.size() == n; };
    double widest = 0;
    for (const QString& l : m_colLabels) widest = std::max(widest, fm.horizontalAdvance(l));
    const bool upright = widest + 4 <= perX;
    const bool fitX = has(m_colLabels, cols) && (upright || fm.height() * 1.2 <= perX);
    const bool fitY = has(m_rowLabels, rows) && fm.height() <= perY;
    const auto apply = [&](QCPAxis* a, bool fit, const QStringList& labels, int n) {
      const bool isText = !a->ticker().dynamicCast<QCPAxisTickerText>().isNull();
      if (fit == isText) return;
      if (fit) {
        auto t = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
        for (int i = 0; i < n; ++i) t->addTick(i, labels[i]);
        a->setTicker(t);
      } else {
        a->setTicker(indexTicker(n));
      }
      changed = true;
    };
    apply(x, fitX, m_colLabels, cols);
    apply(y, fitY, m_rowLabels, rows);
    // Numbers: as many as fit side by side (x) or one above the other (y), at most eight, a
    // round number (1, 2 or 5 times a power of ten) apart.
    const auto spaceNumbers = [&](QCPAxis* a, double room, double each, int extent) {
      auto fixed = a->ticker().dynamicCast<QCPAxisTickerFixed>();
      if (!fixed || each <= 0) return;
      const int count = std::clamp(int(room / each), 2, 8);
      const double wanted = std::max(1.0, double(extent - 1) / (count - 1));
      const double power = std::pow(10.0, std::floor(std::log10(wanted)));
      double step = 10 * power;
      for (double m : {1.0, 2.0, 5.0})
        if (m * power >= wanted - 1e-9) {
          step = m * power;
          break;
        }
      // A second tick at least: then the largest round number inside the axis.
      if (step > extent - 1 && extent > 2)
        for (double p = 1; p <= extent - 1; p *= 10)
          for (double m : {1.0, 2.0, 5.0})
            if (m * p <= extent - 1) step = m * p;
      if (fixed->tickStep() == step && fixed->scaleStrategy() == QCPAxisTickerFixed::ssNone) return;
      fixed->setScaleStrategy(QCPAxisTickerFixed::ssNone);
      fixed->setTickStep(step);
      changed = true;
    };
    const double digits = fm.horizontalAdvance(QString::number(std::max(cols, rows) - 1));
    spaceNumbers(x, rect.width(), 2.2 * digits + 6, cols);
    spaceNumbers(y, rect.height(), 2.0 * fm.height(), rows);
    const double rotation = fitX && !upright ? 60 : 0;
    if (x->tickLabelRotation() != rotation) {
      x->setTickLabelRotation(rotation);
      changed = true;
    }
  }
  if (changed) requestReplot();
  return changed;
}

bool MatrixPlot::fitTitle() {
  if (!m_titleElement || m_title.isEmpty()) return false;
  const QFont font = m_titleElement->font();
  const QString text = wrapText(m_title, font, std::max(50, viewport().width() - 8));
  // A title on one line keeps the element's own size, as it always had.
  if (!text.contains('\n') && m_titleElement->minimumSize().height() <= 1) {
    if (m_titleElement->text() == m_title) return false;
    m_titleElement->setText(m_title);
    requestReplot();
    return true;
  }
  const int height = int(std::ceil(QFontMetricsF(font).height() * (text.count('\n') + 1))) + 4;
  bool changed = false;
  if (text != m_titleElement->text()) {
    m_titleElement->setText(text);
    changed = true;
  }
  if (m_titleElement->minimumSize().height() != height) {
    m_titleElement->setMinimumSize(1, height);
    changed = true;
  }
  if (changed) requestReplot();
  return changed;
}

bool MatrixPlot::fitSquareCells() {
  fitTitle();
  if (!m_body || !m_grid || m_maps.empty()) return false;
  const bool pooled = m_logicalRows > 0 && m_logicalCols > 0;
  std::map<std::pair<int, int>, int> shapes;  // (cols, rows) -> panels
  for (const QCPColorMap* m : m_maps)
    ++shapes[pooled ? std::pair(int(m_logicalCols), int(m_logicalRows))
                    : std::pair(m->data()->keySize(), m->data()->valueSize())];
  const auto common = std::max_element(shapes.begin(), shapes.end(), [](auto& a, auto& b) {
                        return a.second < b.second;
                      })->first;
  const int cols = std::max(1, common.first), rows = std::max(1, common.second);
  const double aspect = double(std::max(rows, cols)) / std::min(rows, cols);
  const bool square = aspect <= kMaxSquareAspect;
  QCPAxisRect* first = m_maps.front()->keyAxis()->axisRect();
  // The extra margin that makes a w x h room hold square cells, split evenly on both sides.
  const auto centring = [&](double w, double h) {
    if (!square || w <= 0 || h <= 0) return QMargins();
    const double cell = std::min(w / cols, h / rows);
    const int extraW = std::max(0, int(w - cell * cols)),
              extraH = std::max(0, int(h - cell * rows));
    return QMargins(extraW / 2, extraH / 2, extraW - extraW / 2, extraH - extraH / 2);
  };
  if (m_maps.size() == 1) {
    // One panel: the panel and its colour scale centred together, by the body's margins. The
    // room is what the panel would have with no such margin, so it follows every resize.
    const QMargins old = m_body->margins();
    const QRect r = first->rect();
    return setBodyMargins(
        centring(r.width() + old.left() + old.right(), r.height() + old.top() + old.bottom()));
  }
  // Several: each title elided to its place, line by line.
  bool changed = false;
  for (std::size_t p = 0; p < m_panelTitles.size() && p < m_panels.size(); ++p) {
    QCPTextElement* t = m_panelTitles[p];
    const QFontMetricsF fm(t->font());
    const double room = std::max(8.0, t->outerRect().width() - 4.0);
    QStringList lines = m_panels[p].title.split(QLatin1Char('\n'));
    for (QString& l : lines) l = fm.elidedText(l, Qt::ElideRight, room);
    const QString text = lines.join(QLatin1Char('\n'));
    const int height = int(std::ceil(fm.height() * lines.size())) + 2;  // the font may change
    if (t->minimumSize().height() != height) {
      t->setMinimumSize(1, height);
      changed = true;
    }
    if (text != t->text()) {
      t->setText(text);
      changed = true;
    }
  }
  // As many to a row as gives the largest cells (the fewest rows among equals), each
  // wide enough for a title of a few words; each panel centred in its own place.
  const QMargins extra = m_panelExtra;
  const auto* cell = qobject_cast<QCPLayoutGrid*>(first->layout());
  const QRect room = m_grid->outerRect();
  const double innerW = first->rect().width() + extra.left() + extra.right();
  const double innerH = first->rect().height() + extra.top() + extra.bottom();
  const double lostW = (cell ? cell->outerRect().width() : first->outerRect().width()) - innerW;
  const double lostH = (cell ? cell->outerRect().height() : first->outerRect().height()) - innerH;
  const double minWidth = m_compact ? 4.0 * QFontMetricsF(font()).height() : 0.0;
  const int count = int(m_maps.size());
  int best = m_gridCols;
  double bestCell = 0;
  for (int c = 1; c <= count; ++c) {
    if (c > 1 && double(room.width()) / c < minWidth) break;
    const int r = (count + c - 1) / c;
    const double size = std::min((double(room.width()) / c - lostW) / cols,
                                 (double(room.height()) / r - lostH) / rows);
    if (size > bestCell * 1.0001) {
      best = c;
      bestCell = size;
    }
  }
  if (best != m_gridCols && bestCell > 0) {
    m_gridCols = best;
    m_grid->setWrap(best);
    m_grid->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    changed = true;
  }
  // Under its title: the panel's spare height goes below it.
  // (A new grid starts from no extra: the next layout finds the room again.)
  QMargins want = changed ? QMargins() : centring(innerW, innerH);
  want = QMargins(want.left(), 0, want.right(), want.top() + want.bottom());
  // Beside an upright title: the spare width on the far side, the panel next to its title.
  if (!m_sideTitles.empty()) want = QMargins(0, 0, want.left() + want.right(), want.bottom());
  const auto near = [](int a, int b) { return std::abs(a - b) <= 1; };
  if (!(near(want.left(), extra.left()) && near(want.right(), extra.right()) &&
        near(want.top(), extra.top()) && near(want.bottom(), extra.bottom()))) {
    // On top of what each side needs for its axis: the margin without the old extra.
    const QMargins needed = first->margins() - extra;
    for (const QCPColorMap* m : m_maps) m->keyAxis()->axisRect()->setMinimumMargins(needed + want);
    m_panelExtra = want;
    changed = true;
  }
  if (changed) requestReplot();
  return changed;
}

bool MatrixPlot::readsUpright(const QString& text) {
  if (text.isEmpty() || text.size() > 8) return false;
  int cjk = 0;
  for (const QChar c : text)
    if (c.unicode() >= 0x2E80) ++cjk;
  return cjk * 2 > text.size();
}

QString MatrixPlot::stackedText(const QString& text) {
  QStringList chars;
  for (const QChar c : text)
    if (!c.isSpace()) chars << QString(c);
  return chars.join(QLatin1Char('\n'));
}

QString MatrixPlot::uprightYTitle() const {
  return m_sideTitles.empty() ? QString() : m_sideTitles.front()->text();
}

QString MatrixPlot::uprightScaleTitle() const {
  return m_scaleSide ? m_scaleSide->text() : QString();
}

bool MatrixPlot::setBodyMargins(const QMargins& want) {
  const QMargins old = m_body->margins();
  const auto near = [](int a, int b) { return std::abs(a - b) <= 1; };
  if (near(want.left(), old.left()) && near(want.right(), old.right()) &&
      near(want.top(), old.top()) && near(want.bottom(), old.bottom()))
    return false;
  m_body->setMargins(want);
  requestReplot();
  return true;
}

}  // namespace atlas::widgets
