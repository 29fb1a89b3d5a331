#include "heatmap_view.h"

#include "core_text.h"

#include "core/pool_geometry.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace atlas::widgets {

HeatmapView::HeatmapView(QWidget* parent) : ResultView(parent) {
  m_plot = new MatrixPlot(this);
  m_plot->setDisplayCells(2048);  // more weights than pixels: block maxima, never a copy of N x M
  m_headBox = new QComboBox(this);
  m_headBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_headLabel = new QLabel(this);
  m_headLabel->setBuddy(m_headBox);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_headLabel);
  bar->addWidget(m_headBox);
  bar->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
  connect(m_headBox, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0) setHead(m_headBox->itemData(index).toInt());
  });
  setupPlot();
  retranslate();
}

void HeatmapView::setupPlot() {
  m_plot->setTooltip([this](int panel, int row, int col, double value) {
    const auto label = [](const std::vector<std::string>& tokens, int i) {
      return i < static_cast<int>(tokens.size())
                 ? QStringLiteral(" «%1»").arg(QString::fromStdString(tokens[i]))
                 : QString();
    };
    const int head = m_head < 0 ? panel : m_head;
    const auto& in = *m_data.inputs;
    const auto& r = *m_data.result;
    if (r.pooled()) {
      // A cell of the streamed view: the block of queries and keys it pools.
      const auto range = [](int cell, core::Index n, core::Index cells) {
        const core::Index a = core::poolStart(cell, n, cells),
                          b = core::poolStart(cell + 1, n, cells) - 1;
        return a == b ? QString::number(a) : QStringLiteral("%1–%2").arg(a).arg(b);
      };
      QString text =
          (r.pooledMax() ? tr("Queries %1\nKeys %2\nMaximum weight %3")
                         : tr("Queries %1\nKeys %2\nMean weight %3"))
              .arg(range(row, r.dims.n, r.weightRows()), range(col, r.dims.m, r.weightCols()))
              .arg(value, 0, 'g', 4);
      if (!r.computed(head, row, col)) text += "\n" + tr("(not computed)");
      if (r.heads() > 1) text = tr("Head %1").arg(head + 1) + "\n" + text;
      return text;
    }
    QString text = tr("Query %1%2\nKey %3%4\nWeight %5")
                       .arg(row)
                       .arg(label(in.queryTokens, row))
                       .arg(col)
                       .arg(label(in.keyTokens, col))
                       .arg(value, 0, 'g', 4);
    if (!r.computed(head, row, col)) text += "\n" + tr("(not computed)");
    if (m_data.result->heads() > 1) text = tr("Head %1").arg(head + 1) + "\n" + text;
    return text;
  });
}

void HeatmapView::setResult(const ViewData& data) {
  m_data = data;
  const int heads = data.result ? static_cast<int>(data.result->heads()) : 0;
  if (m_head >= heads) m_head = -1;
  fillHeadBox();
  setHead(m_head);
}

void HeatmapView::setHead(int head) {
  m_head = head;
  {
    const QSignalBlocker block(m_headBox);
    m_headBox->setCurrentIndex(std::max(0, m_headBox->findData(head)));
  }
  if (!m_data.result) {
    m_plot->showMessage(tr("Nothing computed yet."));
    return;
  }
  const auto& r = *m_data.result;
  std::vector<MatrixPanel> panels;
  for (int a = 0; a < r.heads(); ++a)
    if (head < 0 || a == head) {
      MatrixPanel panel{r.sparse() ? nullptr : &r.weights(a), tr("Head %1").arg(a + 1),
                        r.sparse() ? &r.sparseHead(a) : nullptr};
      // A masked pair (causal, say) was never computed: its cell gets no number, as off a
      // sparse pattern.
      if (!r.sparse()) panel.computed = &r.mask(a);
      panels.push_back(panel);
    }
  QStringList rows = tokenLabels(m_data.inputs->queryTokens);
  if (!r.pooled() && r.weightRows() == 1 && r.dims.n > 1)  // decoding: the last query only
    rows = QStringList{rows.isEmpty() ? QString::number(r.dims.n - 1) : rows.last()};
  // Streamed: cells are blocks of tokens, the axes count tokens.
  m_plot->setLogicalSize(r.pooled() ? r.dims.n : 0, r.pooled() ? r.dims.m : 0);
  if (r.pooled())
    m_plot->setLabels({}, {});
  else
    m_plot->setLabels(rows, tokenLabels(m_data.inputs->keyTokens));
  m_plot->setPanels(m_data.result, std::move(panels));
  retranslate();
  Q_EMIT headChanged(head);
}

void HeatmapView::fillHeadBox() {
  const int heads = m_data.result ? static_cast<int>(m_data.result->heads()) : 0;
  if (m_headBox->count() == heads + 1) return;  // the same entries (a slider step): no relayout
  const QSignalBlocker block(m_headBox);
  m_headBox->clear();
  m_headBox->addItem(tr("All heads"), -1);
  for (int a = 0; a < heads; ++a) m_headBox->addItem(tr("Head %1").arg(a + 1), a);
  m_headBox->setEnabled(heads > 1);
}

void HeatmapView::retranslate() {
  m_headLabel->setText(tr("&Head:"));
  if (m_headBox->count() > 0) {
    const QSignalBlocker block(m_headBox);
    m_headBox->setItemText(0, tr("All heads"));
    for (int i = 1; i < m_headBox->count(); ++i) m_headBox->setItemText(i, tr("Head %1").arg(i));
  }
  const bool pooled = m_data.result && m_data.result->pooled();
  m_plot->setAxisTitles(tr("Key"), tr("Query"),
                        !pooled                      ? tr("Attention weight")
                        : m_data.result->pooledMax() ? tr("Largest weight in the block")
                                                     : tr("Mean weight of the block"));
  if (m_data.result) {
    const auto& r = *m_data.result;
    QString title = variantLabel(r.variant) + QStringLiteral("  ·  ") +
                    tr("N = %1, M = %2").arg(r.dims.n).arg(r.dims.m);
    if (pooled)
      title += QStringLiteral("  ·  ") +
               tr("streamed into %1 x %2 blocks").arg(r.weightRows()).arg(r.weightCols());
    // A remote device's result says so, in the window and in exported figures alike.
    if (r.computedOn.remote())
      title += QStringLiteral("  ·  ") +
               tr("computed on %1").arg(QString::fromStdString(r.computedOn.device));
    m_plot->setTitle(title);
  } else {
    m_plot->setTitle(QString());
    m_plot->showMessage(tr("Nothing computed yet."));
  }
}

}  // namespace atlas::widgets
