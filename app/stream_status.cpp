#include "stream_status.h"

#include "compute_controller.h"
#include "message_bar.h"
#include "settings.h"

#include "widgets/result_view.h"

#include <QAction>
#include <QProgressBar>
#include <QStatusBar>
#include <QToolButton>

namespace atlas::app {

StreamStatus::StreamStatus(ComputeController* controller, MessageBar* info, QStatusBar* statusBar,
                           QObject* parent)
    : QObject(parent), m_controller(controller), m_info(info) {
  // Progress and Cancel, shown only while a pooled job reports progress.
  m_progress = new QProgressBar(statusBar);
  m_progress->setObjectName("streamProgress");
  m_progress->setRange(0, 1000);
  m_progress->setMaximumWidth(220);
  m_progress->setTextVisible(true);
  m_cancel = new QToolButton(statusBar);
  m_cancel->setObjectName("cancelCompute");
  statusBar->addPermanentWidget(m_progress);
  statusBar->addPermanentWidget(m_cancel);
  m_progress->hide();
  m_cancel->hide();
  connect(controller, &ComputeController::progress, this, [this](int, double fraction) {
    m_progress->setValue(static_cast<int>(fraction * 1000));
    m_progress->show();
    m_cancel->show();
  });
  connect(controller, &ComputeController::busyChanged, this, [this](bool busy) {
    if (!busy) hideProgress();
  });
  connect(m_cancel, &QToolButton::clicked, this, [this] {
    m_controller->cancel();
    hideProgress();
    Q_EMIT cancelled();
  });

  m_poolMean = new QAction(this);
  m_poolMean->setCheckable(true);
  m_poolMean->setChecked(Settings::poolMode() == QLatin1String("mean"));
  connect(m_poolMean, &QAction::toggled, this, [this](bool mean) {
    Settings::setPoolMode(mean ? QStringLiteral("mean") : QStringLiteral("max"));
    Q_EMIT poolModeChanged();
  });
  retranslate();
}

void StreamStatus::showResult(const core::VariantResult& result) {
  if (!result.pooled()) {
    m_info->clearMessage();
    return;
  }
  // The sentence keeps the few values it says, not the result.
  m_info->showMessage(
      [n = result.dims.n, m = result.dims.m, rows = result.weightRows(), cols = result.weightCols(),
       max = result.pooledMax()] { return widgets::pooledSentence(n, m, rows, cols, max); });
}

void StreamStatus::hideProgress() {
  m_progress->hide();
  m_progress->reset();
  m_cancel->hide();
}

void StreamStatus::retranslate() {
  m_cancel->setText(tr("Cancel"));
  m_cancel->setToolTip(tr("Stop the computation that is running"));
  m_progress->setFormat(tr("Streaming %p%"));
  m_poolMean->setText(tr("Streamed heatmaps: &mean of each block"));
  m_poolMean->setToolTip(
      tr("When the weights are larger than the display budget, show each "
         "block's mean weight instead of its largest"));
}

}  // namespace atlas::app
