#include "teaching_view.h"

#include "core_text.h"

#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace atlas::widgets {

TeachingView::TeachingView(QWidget* parent) : ResultView(parent) {
  m_stack = new QStackedWidget(this);
  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  m_caption->setTextFormat(Qt::PlainText);
  m_nothing = new QLabel(this);
  m_nothing->setAlignment(Qt::AlignCenter);
  m_nothing->setWordWrap(true);
  // The pages in the order of Page.
  m_stack->addWidget(m_nothing);
  m_stack->addWidget(buildFlash());
  m_stack->addWidget(buildPaged());
  m_stack->addWidget(buildOrders());

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_caption);
  layout->addWidget(m_stack, 1);
  retranslate();
}

QCustomPlot* TeachingView::figure() {
  switch (m_page) {
    case Flash:
      return m_tilePlot;
    case Paged:
      return m_pool;
    case Orders:
      return m_orders;
    case Nothing:
      return nullptr;
  }
  return nullptr;
}

void TeachingView::setColorMap(ColorMap map) { m_tilePlot->setColorMap(map); }

void TeachingView::setResult(const ViewData& data) {
  m_data = data;
  const auto* r = data.result.get();
  if (r && r->pooled())
    m_page = Nothing;  // streamed: no tiles recorded, no full weights
  else if (r && r->trace.tiles)
    showFlash();
  else if (r && r->trace.pages)
    showPaged();
  else if (r && r->trace.orders)
    showOrders();
  else
    m_page = Nothing;
  if (m_page != Flash) {
    m_tiles.reset();
    m_flashStep.reset();
  }
  m_stack->setCurrentIndex(m_page);
  retranslate();
}

void TeachingView::retranslate() {
  if (m_data.result && m_data.result->pooled())
    m_nothing->setText(needsFullWeightsSentence(m_data.result->dims.n, m_data.result->dims.m));
  else
    m_nothing->setText(
        tr("This view shows how FlashAttention, paged attention, linear attention and "
           "Performer schedule their work. Choose one of them."));
  retranslateFlash();
  retranslatePaged();
  retranslateOrders();
  QString caption;
  if (m_data.result) {
    if (m_page == Flash)
      caption = flashCaption();
    else if (m_page == Paged)
      caption = tr("%1: the last query reads K and V page by page through the block table; the "
                   "pages lie shuffled in the physical pool.")
                    .arg(variantLabel(m_data.result->variant));
    else if (m_page == Orders)
      caption = ordersCaption();
  }
  m_caption->setText(caption);
  m_caption->setVisible(!caption.isEmpty());
}

}  // namespace atlas::widgets
