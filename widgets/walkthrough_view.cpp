#include "walkthrough_view.h"
#include "plot_widget.h"

#include "core_text.h"
#include "matrix_plot.h"
#include "walk_tables.h"
#include "wrapped_text.h"

#include "core/variant_registry.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QSlider>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

namespace atlas::widgets {
namespace {

WrappedText* wrapped(QCPTextElement* e) { return static_cast<WrappedText*>(e); }

QString walkText(const core::WalkText& t) {
  return t.empty() ? QString() : translatedText("Walkthrough", t.format, t.args);
}

}  // namespace

WalkthroughView::WalkthroughView(QWidget* parent) : ResultView(parent) {
  setFocusPolicy(Qt::StrongFocus);
  m_stack = new QStackedWidget(this);
  m_message = new QLabel(m_stack);
  m_message->setWordWrap(true);
  m_message->setAlignment(Qt::AlignCenter);
  m_message->setMargin(24);
  m_stack->addWidget(m_message);

  auto* page = new QWidget(m_stack);
  m_previous = new QToolButton(page);
  m_previous->setArrowType(Qt::LeftArrow);
  m_next = new QToolButton(page);
  m_next->setArrowType(Qt::RightArrow);
  m_slider = new QSlider(Qt::Horizontal, page);
  m_slider->setPageStep(1);
  m_slider->setTickPosition(QSlider::TicksBelow);
  m_position = new QLabel(page);
  m_plot = new PlotWidget(page);
  m_plot->setMouseTracking(true);
  m_plot->xAxis->setVisible(false);
  m_plot->yAxis->setVisible(false);
  m_plot->axisRect()->setAutoMargins(QCP::msNone);
  m_plot->axisRect()->setMargins(QMargins(8, 6, 8, 4));
  m_tables = new WalkTables(m_plot);
  m_title = new WrappedText(m_plot, 1.3, true, Qt::black);
  m_formula = new WrappedText(m_plot, 1.15, false, Qt::black);
  m_example = new WrappedText(m_plot, 1.1, false, QColor(0x8a, 0x12, 0x20));
  m_note = new WrappedText(m_plot, 0.95, false, QColor(0x50, 0x50, 0x50));

  auto* bar = new QHBoxLayout;
  bar->addWidget(m_previous);
  bar->addWidget(m_slider, 1);
  bar->addWidget(m_next);
  bar->addWidget(m_position);
  auto* pageLayout = new QVBoxLayout(page);
  pageLayout->setContentsMargins(0, 0, 0, 0);
  pageLayout->addLayout(bar);
  pageLayout->addWidget(m_plot, 1);
  m_stack->addWidget(page);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_stack);

  connect(m_slider, &QSlider::valueChanged, this, &WalkthroughView::goTo);
  connect(m_previous, &QToolButton::clicked, this, [this] { goTo(m_step - 1); });
  connect(m_next, &QToolButton::clicked, this, [this] { goTo(m_step + 1); });
  connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
    const QString tip = m_tables->tooltipAt(e->position());
    if (tip.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(e->globalPosition().toPoint(), tip, m_plot);
  });
  retranslate();
}

int WalkthroughView::stepCount() const { return m_walk ? int(m_walk->steps.size()) : 0; }

QCustomPlot* WalkthroughView::figure() { return stepCount() > 0 ? m_plot : nullptr; }

void WalkthroughView::setResult(const ViewData& data) {
  // The step shown stays where it was when the new result has it (a slider moved).
  std::string id;
  core::Index head = -1;
  if (m_step < stepCount()) {
    id = m_walk->steps[std::size_t(m_step)].id;
    head = m_walk->steps[std::size_t(m_step)].head;
  }
  m_data = data;
  m_walk.reset();
  const core::Variant* variant = data.result ? core::findVariant(data.result->variant) : nullptr;
  if (variant && data.inputs)
    m_walk = std::make_shared<const core::Walkthrough>(
        core::buildWalkthrough(*data.result, *data.inputs, *variant));
  int step = m_step;
  if (m_pending >= 0) {  // a scene's step, set before its result came
    step = m_pending;
    m_pending = -1;
  } else {
    for (int k = 0; k < stepCount(); ++k)
      if (m_walk->steps[std::size_t(k)].id == id && m_walk->steps[std::size_t(k)].head == head) {
        step = k;
        break;
      }
  }
  m_step = std::clamp(step, 0, std::max(0, stepCount() - 1));
  showStep();
}

void WalkthroughView::setStep(int step) {
  m_pending = step;
  goTo(step);
}

void WalkthroughView::goTo(int step) {
  step = std::clamp(step, 0, std::max(0, stepCount() - 1));
  if (step == m_step && m_tables->step() && m_tables->step() == &m_walk->steps[std::size_t(step)])
    return;
  m_step = step;
  showStep();
}

void WalkthroughView::showStep() {
  if (stepCount() == 0) {
    m_tables->setStep(nullptr, -1);
    m_stack->setCurrentIndex(0);
    retranslate();
    return;
  }
  m_tables->setStep(m_walk, m_step);
  {
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, stepCount() - 1);
    m_slider->setValue(m_step);
  }
  m_previous->setEnabled(m_step > 0);
  m_next->setEnabled(m_step + 1 < stepCount());
  m_stack->setCurrentIndex(1);
  retranslate();
}

void WalkthroughView::layoutTexts() {
  QCPLayoutGrid* grid = m_plot->plotLayout();
  QCPLayoutElement* order[] = {m_title, m_formula, m_plot->axisRect(), m_example, m_note};
  const QList<QCPLayoutElement*> present = grid->elements(false);
  for (QCPLayoutElement* e : order)
    if (present.contains(e)) grid->take(e);
  grid->simplify();
  int row = 0;
  for (QCPLayoutElement* e : order) {
    auto* text = dynamic_cast<WrappedText*>(e);
    if (text && text->source().isEmpty()) continue;
    grid->addElement(row++, 0, e);
  }
}

void WalkthroughView::retranslate() {
  m_previous->setToolTip(tr("Previous step (Left)"));
  m_next->setToolTip(tr("Next step (Right, Space)"));
  m_slider->setToolTip(tr("The steps of the computation: Home is the first, End the last"));
  if (stepCount() == 0) {
    QString message = tr("Nothing computed yet.");
    if (m_walk && !m_walk->refusal.empty()) message = walkText(m_walk->refusal);
    m_message->setText(message);
    return;
  }
  const core::WalkStep& s = m_walk->steps[std::size_t(m_step)];
  const QString title = QCoreApplication::translate("Walkthrough", s.title);
  const QString where = s.head >= 0 && m_walk->heads > 1
                            ? tr("Step %1 of %2, head %3 of %4")
                                  .arg(m_step + 1)
                                  .arg(stepCount())
                                  .arg(s.head + 1)
                                  .arg(m_walk->heads)
                            : tr("Step %1 of %2").arg(m_step + 1).arg(stepCount());
  m_position->setText(where);
  wrapped(m_title)->setSource(where + QStringLiteral(":  ") + title);
  wrapped(m_formula)->setSource(walkText(s.formula));
  wrapped(m_example)->setSource(QString::fromStdString(s.example));
  wrapped(m_note)->setSource(walkText(m_walk->note));
  layoutTexts();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString WalkthroughView::titleText() const { return wrapped(m_title)->source(); }
QString WalkthroughView::formulaText() const { return wrapped(m_formula)->source(); }
QString WalkthroughView::exampleText() const { return wrapped(m_example)->source(); }

void WalkthroughView::keyPressEvent(QKeyEvent* event) {
  switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_Space:
      goTo(m_step + 1);
      break;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_Backspace:
      goTo(m_step - 1);
      break;
    case Qt::Key_Home:
      goTo(0);
      break;
    case Qt::Key_End:
      goTo(stepCount() - 1);
      break;
    default:
      ResultView::keyPressEvent(event);
      return;
  }
  event->accept();
}

}  // namespace atlas::widgets
