// MainWindow: large N. A result whose weights exceed the display budget arrives streamed into
// blocks (core/streaming.h); the information bar says so, and while such a computation runs
// the status bar shows its progress and a Cancel button.
#include "compute_controller.h"
#include "main_window.h"
#include "settings.h"

#include "widgets/result_view.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace atlas::app {

void MainWindow::setupStreaming() {
  // The information bar, under the error bar: neutral colours, it is not an error.
  m_infoBar = new QWidget(centralWidget());
  m_infoBar->setObjectName("infoBar");
  m_infoBar->setStyleSheet("#infoBar { background: #e3eefb; border: 1px solid #9cb8e0; }");
  m_infoLabel = new QLabel(m_infoBar);
  m_infoLabel->setWordWrap(true);
  m_infoLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* barLayout = new QHBoxLayout(m_infoBar);
  barLayout->setContentsMargins(6, 3, 6, 3);
  barLayout->addWidget(m_infoLabel, 1);
  m_infoBar->hide();
  if (auto* layout = qobject_cast<QVBoxLayout*>(centralWidget()->layout()))
    layout->insertWidget(1, m_infoBar);

  // Progress and Cancel, shown only while a streamed job reports progress.
  m_progress = new QProgressBar(this);
  m_progress->setObjectName("streamProgress");
  m_progress->setRange(0, 1000);
  m_progress->setMaximumWidth(220);
  m_progress->setTextVisible(true);
  m_cancelButton = new QToolButton(this);
  m_cancelButton->setObjectName("cancelCompute");
  statusBar()->addPermanentWidget(m_progress);
  statusBar()->addPermanentWidget(m_cancelButton);
  m_progress->hide();
  m_cancelButton->hide();
  connect(m_controller, &ComputeController::progress, this,
          [this](quint64 generation, int, double fraction) {
            if (generation != m_generation) return;
            m_progress->setValue(static_cast<int>(fraction * 1000));
            m_progress->show();
            m_cancelButton->show();
          });
  connect(m_controller, &ComputeController::busyChanged, this, [this](bool busy) {
    if (!busy) hideProgress();
  });
  connect(m_cancelButton, &QToolButton::clicked, this, [this] {
    m_controller->cancel();
    hideProgress();
    showStatus([] { return tr("Computation cancelled: the previous result stays on screen."); },
               8000);
  });

  // View > Streamed heatmaps: maximum (default) or mean of each block.
  m_poolMeanAction = new QAction(this);
  m_poolMeanAction->setCheckable(true);
  m_poolMeanAction->setChecked(Settings::poolMode() == QLatin1String("mean"));
  connect(m_poolMeanAction, &QAction::toggled, this, [this](bool mean) {
    Settings::setPoolMode(mean ? QStringLiteral("mean") : QStringLiteral("max"));
    if (m_shown.result && m_shown.result->pooled()) recompute();
  });
  const auto actions = m_viewMenu->actions();
  m_viewMenu->insertAction(actions.value(actions.indexOf(m_logAction) + 1), m_poolMeanAction);
  retranslateStreaming();
}

void MainWindow::retranslateStreaming() {
  if (!m_cancelButton) return;
  m_cancelButton->setText(tr("Cancel"));
  m_cancelButton->setToolTip(tr("Stop the computation that is running"));
  m_progress->setFormat(tr("Streaming %p%"));
  m_poolMeanAction->setText(tr("Streamed heatmaps: &mean of each block"));
  m_poolMeanAction->setToolTip(
      tr("When the weights are larger than the display budget, show each block's mean weight "
         "instead of its largest"));
  if (m_shown.result && m_shown.result->pooled()) showPooledInfo(*m_shown.result);
}

void MainWindow::showPooledInfo(const core::VariantResult& result) {
  if (!result.pooled()) {
    m_infoLabel->clear();
    m_infoBar->hide();
    return;
  }
  m_infoLabel->setText(widgets::pooledSentence(result));
  m_infoBar->show();
}

QString MainWindow::infoMessage() const {
  return m_infoBar->isHidden() ? QString() : m_infoLabel->text();
}

void MainWindow::hideProgress() {
  m_progress->hide();
  m_progress->reset();
  m_cancelButton->hide();
}

core::PoolSpec MainWindow::displayPool() const {
  core::PoolSpec pool;  // 1024 x 1024: about the pixels a heatmap gets on a screen
  pool.mode = Settings::poolMode() == QLatin1String("mean") ? core::PoolSpec::Mode::Mean
                                                            : core::PoolSpec::Mode::Max;
  return pool;
}

}  // namespace atlas::app
