#include "sparsity_view.h"

#include "core_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace atlas::widgets {
namespace {

/// Positions sorted by bucket (stable), for the "sorted order" of LSH and k-means.
std::vector<int> bucketOrder(const std::vector<int>& buckets) {
  std::vector<int> order(buckets.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return buckets[a] < buckets[b]; });
  return order;
}

/// The UI name of a pattern component the core names in English ("local", "summary"...);
/// names with numbers in them (LongNet's "r=2, w=8") stay as they are.
QString componentName(const std::string& name) {
  static const std::pair<const char*, const char*> kNames[] = {
      {"local", QT_TRANSLATE_NOOP("Components", "local")},
      {"global", QT_TRANSLATE_NOOP("Components", "global")},
      {"random", QT_TRANSLATE_NOOP("Components", "random")},
      {"strided", QT_TRANSLATE_NOOP("Components", "strided")},
      {"full", QT_TRANSLATE_NOOP("Components", "full")},
      {"block", QT_TRANSLATE_NOOP("Components", "block")},
      {"summary", QT_TRANSLATE_NOOP("Components", "summary")},
  };
  for (const auto& [id, text] : kNames)
    if (name == id) return QCoreApplication::translate("Components", text);
  return QString::fromStdString(name);
}

std::vector<int> identity(core::Index n) {
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  return order;
}

/// The pairs of `w` as a category map: row i of the map is row rowOrder[i] of w and column j its
/// column colOrder[j]; each pair holds category(query, key, pair index in w).
core::SparseWeights categoryPairs(const core::SparseWeights& w, const std::vector<int>& rowOrder,
                                  const std::vector<int>& colOrder,
                                  const std::function<float(int, int, std::size_t)>& category) {
  const core::SparsePattern& src = *w.pattern;
  auto p = std::make_shared<core::SparsePattern>();
  p->n = src.n;
  p->m = src.m;
  std::vector<core::Index> colPos(colOrder.size());
  for (std::size_t j = 0; j < colOrder.size(); ++j)
    colPos[std::size_t(colOrder[j])] = core::Index(j);
  p->rowStart.reserve(std::size_t(src.n) + 1);
  p->rowStart.push_back(0);
  p->cols.reserve(src.nnz());
  std::vector<float> values;
  values.reserve(src.nnz());
  std::vector<std::pair<core::Index, float>> row;
  for (core::Index i = 0; i < src.n; ++i) {
    const int qi = rowOrder[std::size_t(i)];
    row.clear();
    for (core::Index a = src.rowStart[std::size_t(qi)]; a < src.rowStart[std::size_t(qi) + 1];
         ++a) {
      const core::Index kj = src.cols[std::size_t(a)];
      row.emplace_back(colPos[std::size_t(kj)], category(qi, int(kj), std::size_t(a)));
    }
    std::sort(row.begin(), row.end());
    for (const auto& [j, v] : row) {
      p->cols.push_back(j);
      values.push_back(v);
    }
    p->rowStart.push_back(core::Index(p->cols.size()));
  }
  return {std::move(p), std::move(values)};
}

}  // namespace

SparsityView::SparsityView(QWidget* parent) : ResultView(parent) {
  m_plot = new MatrixPlot(this);
  m_colourBox = new QComboBox(this);
  m_colourBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_sorted = new QCheckBox(this);
  m_summary = new QLabel(this);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_colourBox);
  bar->addWidget(m_sorted);
  bar->addStretch(1);
  bar->addWidget(m_summary);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
  connect(m_colourBox, &QComboBox::activated, this, [this] {
    // The user's choice sticks across results: plain mask, or the richest colouring.
    m_preferMask = static_cast<Colouring>(m_colourBox->currentData().toInt()) == Colouring::Mask;
    rebuild();
  });
  connect(m_sorted, &QCheckBox::toggled, this, [this] { rebuild(); });
  m_plot->setTooltip([this](int panel, int row, int col, double value) {
    QString text = tr("Query %1, key %2").arg(row).arg(col);
    if (value == 0) return text + "\n" + tr("not computed");
    if (m_colouring == Colouring::Mask) return text + "\n" + tr("computed");
    Q_UNUSED(panel);
    return text + "\n" + m_plot->property("categoryNames").toStringList().value(int(value) - 1);
  });
  retranslate();
}

void SparsityView::setResult(const ViewData& data) {
  m_data = data;
  rebuild();
}

void SparsityView::setSorted(bool sorted) { m_sorted->setChecked(sorted); }

void SparsityView::rebuild() {
  if (!m_data.result) {
    m_plot->showMessage(tr("Nothing computed yet."));
    return;
  }
  const core::VariantResult& r = *m_data.result;
  m_colourBox->setVisible(!r.pooled());
  if (r.pooled()) {  // the pattern of every pair is not there to draw
    m_sorted->setVisible(false);
    m_summary->clear();
    m_plot->setTitle(variantLabel(r.variant));
    m_plot->showMessage(needsFullWeightsSentence(r.dims.n, r.dims.m));
    return;
  }
  const bool hasComponents = r.hasComponents();
  const bool hasBuckets = !r.trace.queryBuckets.empty() && !r.trace.keyBuckets.empty();
  const bool hasRouting = r.trace.routing.has_value() && r.trace.routing->block > 0;
  {
    // The choices this result supports: the mask, and its richer colouring if any.
    const QSignalBlocker block(m_colourBox);
    m_colourBox->clear();
    m_colourBox->addItem(tr("Mask"), int(Colouring::Mask));
    if (hasComponents) m_colourBox->addItem(tr("By component"), int(Colouring::Components));
    if (hasBuckets) m_colourBox->addItem(tr("By bucket"), int(Colouring::Buckets));
    if (hasRouting) m_colourBox->addItem(tr("By block routing"), int(Colouring::Routing));
    m_colourBox->setCurrentIndex(m_preferMask ? 0 : m_colourBox->count() - 1);
  }
  m_colouring = static_cast<Colouring>(m_colourBox->currentData().toInt());
  m_sorted->setVisible(hasBuckets);
  const bool sorted = hasBuckets && m_sorted->isChecked();

  QStringList names;
  if (m_colouring == Colouring::Mask) names << tr("computed");
  if (m_colouring == Colouring::Components)
    for (const auto& n : r.componentNames) names << componentName(n);
  if (m_colouring == Colouring::Routing) names << tr("own block") << tr("routed block");
  int buckets = 0;
  if (m_colouring == Colouring::Buckets) {
    for (const auto& b : r.trace.queryBuckets)
      for (int v : b) buckets = std::max(buckets, v + 1);
    for (const auto& b : r.trace.keyBuckets)
      for (int v : b) buckets = std::max(buckets, v + 1);
    for (int b = 0; b < buckets; ++b) names << tr("bucket %1").arg(b);
    names << tr("own position");
  }
  QList<QColor> colors;
  for (int i = 0; i < names.size(); ++i)
    colors << (m_colouring == Colouring::Mask ? QColor(0x30, 0x30, 0x30)
                                              : MatrixPlot::categoryColor(i));
  m_plot->setCategories(names, colors);
  m_plot->setProperty("categoryNames", names);

  // One category map per head, rows/columns permuted in bucket order when asked: a matrix for
  // a dense result, the computed pairs only for a sparse one.
  const double block = hasRouting ? double(r.trace.routing->block) : 1;
  const auto category = [&](core::Index a, int qi, int kj, std::uint8_t component) -> float {
    switch (m_colouring) {
      case Colouring::Components:
        return component;
      case Colouring::Buckets: {
        const int qb = r.trace.queryBuckets[a][qi], kb = r.trace.keyBuckets[a][kj];
        return qb == kb ? float(qb + 1) : float(buckets + 1);
      }
      case Colouring::Routing:
        return std::floor(qi / block) == std::floor(kj / block) ? 1.0f : 2.0f;
      case Colouring::Mask:
        break;
    }
    return 1;
  };
  auto cells = std::make_shared<Cells>();
  cells->result = m_data.result;
  cells->dense.reserve(std::size_t(r.heads()));  // reserved: panels point into them
  cells->sparse.reserve(std::size_t(r.heads()));
  std::vector<MatrixPanel> panels;
  QStringList summary;
  const core::Index rows = r.weightRows(), cols = r.weightCols();
  for (core::Index a = 0; a < r.heads(); ++a) {
    const auto rowOrder = sorted ? bucketOrder(r.trace.queryBuckets[a]) : identity(rows);
    const auto colOrder = sorted ? bucketOrder(r.trace.keyBuckets[a]) : identity(cols);
    MatrixPanel panel;
    if (r.sparse()) {
      const core::SparseWeights& w = r.sparseHead(std::size_t(a));
      cells->sparse.push_back(
          categoryPairs(w, rowOrder, colOrder, [&](int qi, int kj, std::size_t pair) {
            return category(a, qi, kj, w.componentOf(pair));
          }));
      panel.sparse = &cells->sparse.back();
    } else if (m_colouring == Colouring::Mask && !sorted) {
      panel.mask = &r.mask(std::size_t(a));  // drawn as it is: no N x M copy
    } else {
      const core::MaskMatrix& mask = r.mask(static_cast<std::size_t>(a));
      core::Matrix c = core::Matrix::Zero(rows, cols);
      for (core::Index i = 0; i < rows; ++i) {
        for (core::Index j = 0; j < cols; ++j) {
          const int qi = rowOrder[static_cast<std::size_t>(i)],
                    kj = colOrder[static_cast<std::size_t>(j)];
          if (mask(qi, kj)) c(i, j) = category(a, qi, kj, r.component(a, qi, kj));
        }
      }
      cells->dense.push_back(std::move(c));
      panel.matrix = &cells->dense.back();
    }
    const std::uint64_t pairs = r.pairs(a);
    const double density = rows * cols > 0 ? double(pairs) / double(rows * cols) : 0.0;
    const QString stats =
        tr("%1 pairs, density %2").arg(QLocale().toString(qulonglong(pairs)), percentText(density));
    summary << stats;
    panel.title = tr("Head %1: %2").arg(a + 1).arg(stats);
    panels.push_back(panel);
  }
  m_cells = cells;
  m_summary->setText(r.heads() == 1 ? summary.value(0) : QString());
  // Token labels follow the order shown (one head: its bucket order).
  auto labels = [&](const std::vector<std::string>& tokens,
                    const std::vector<std::vector<int>>& b) {
    QStringList all = tokenLabels(tokens), out;
    if (!sorted) return all;
    if (r.heads() != 1 || all.isEmpty()) return QStringList();
    for (int i : bucketOrder(b[0])) out << all.value(i);
    return out;
  };
  m_plot->setLabels(labels(m_data.inputs->queryTokens, r.trace.queryBuckets),
                    labels(m_data.inputs->keyTokens, r.trace.keyBuckets));
  m_plot->setPanels(cells, std::move(panels));
  updateTexts();
}

void SparsityView::retranslate() {
  updateTexts();
  if (m_data.result) rebuild();  // panel titles and legend names are built with the data
}

void SparsityView::updateTexts() {
  m_sorted->setText(tr("&Sorted by bucket"));
  m_sorted->setToolTip(
      tr("Reorder queries and keys by bucket, so that the blocks become visible."));
  m_colourBox->setToolTip(tr("How the computed cells are coloured"));
  if (m_colourBox->count() > 0) {
    const QSignalBlocker block(m_colourBox);
    for (int i = 0; i < m_colourBox->count(); ++i) {
      switch (static_cast<Colouring>(m_colourBox->itemData(i).toInt())) {
        case Colouring::Mask:
          m_colourBox->setItemText(i, tr("Mask"));
          break;
        case Colouring::Components:
          m_colourBox->setItemText(i, tr("By component"));
          break;
        case Colouring::Buckets:
          m_colourBox->setItemText(i, tr("By bucket"));
          break;
        case Colouring::Routing:
          m_colourBox->setItemText(i, tr("By block routing"));
          break;
      }
    }
  }
  m_plot->setAxisTitles(tr("Key"), tr("Query"), QString());
  if (m_data.result && !m_data.result->pooled()) {
    const auto& r = *m_data.result;
    std::uint64_t pairs = 0;
    std::uint64_t cells = 0;
    for (core::Index a = 0; a < r.heads(); ++a) {
      pairs += r.pairs(a);
      cells += static_cast<std::uint64_t>(r.weightRows() * r.weightCols());
    }
    m_plot->setTitle(tr("%1  ·  %2 of %3 pairs computed (%4%)")
                         .arg(variantLabel(r.variant))
                         .arg(QLocale().toString(qulonglong(pairs)))
                         .arg(QLocale().toString(qulonglong(cells)))
                         .arg(cells ? 100.0 * double(pairs) / double(cells) : 0.0, 0, 'f', 1));
  }
}

}  // namespace atlas::widgets
