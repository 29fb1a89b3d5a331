#include "output_view.h"

#include "core_text.h"

#include <QVBoxLayout>

namespace atlas::widgets {

OutputView::OutputView(QWidget* parent) : ResultView(parent) {
  m_plot = new MatrixPlot(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_plot);
  m_plot->setTooltip([this](int, int row, int col, double value) {
    return tr("Query %1\nFeature %2\nValue %3").arg(row).arg(col).arg(value, 0, 'g', 4);
  });
  retranslate();
}

void OutputView::setResult(const ViewData& data) {
  m_data = data;
  if (!data.result) {
    m_plot->showMessage(tr("Nothing computed yet."));
    return;
  }
  m_plot->setLabels(tokenLabels(data.inputs->queryTokens), {});
  m_plot->setPanels(data.result, {{&data.result->output, QString()}});
  retranslate();
}

void OutputView::retranslate() {
  m_plot->setAxisTitles(tr("Output feature"), tr("Query"), tr("Value"));
  if (m_data.result) {
    const auto& r = *m_data.result;
    m_plot->setTitle(tr("Output O of %1  ·  %2 x %3")
                         .arg(variantLabel(r.variant))
                         .arg(r.output.rows())
                         .arg(r.output.cols()));
  } else {
    m_plot->showMessage(tr("Nothing computed yet."));
  }
}

}  // namespace atlas::widgets
