#include "presentation.h"

#include "caption_bar.h"
#include "settings.h"

#include "widgets/plot_scale.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QToolBar>

#include <qcustomplot.h>

#include <algorithm>

namespace atlas::app {

namespace {

constexpr double kMinZoom = 1.0, kMaxZoom = 4.0, kStep = 1.15;

}  // namespace

Presentation::Presentation(QMainWindow* window, CaptionBar* caption, QMenu* menu)
    : QObject(window), m_window(window), m_caption(caption), m_zoom(Settings::presentationZoom()) {
  m_toggle = new QAction(this);
  m_toggle->setCheckable(true);
  m_toggle->setShortcut(QKeySequence(Qt::Key_F11));
  m_zoomIn = new QAction(this);
  m_zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
  m_zoomOut = new QAction(this);
  m_zoomOut->setShortcut(QKeySequence::ZoomOut);
  m_zoomReset = new QAction(this);
  m_zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
  m_language = new QAction(this);
  m_language->setShortcut(QKeySequence(Qt::Key_F12));
  m_leave = new QAction(this);
  m_leave->setShortcut(QKeySequence(Qt::Key_Escape));
  connect(m_toggle, &QAction::toggled, this, &Presentation::setActive);
  connect(m_zoomIn, &QAction::triggered, this, [this] { setZoom(m_zoom * kStep); });
  connect(m_zoomOut, &QAction::triggered, this, [this] { setZoom(m_zoom / kStep); });
  connect(m_zoomReset, &QAction::triggered, this, [this] { setZoom(1.5); });
  connect(m_language, &QAction::triggered, this, &Presentation::languageToggleRequested);
  connect(m_leave, &QAction::triggered, this, [this] { setActive(false); });
  menu->addSeparator();
  menu->addActions({m_toggle, m_zoomIn, m_zoomOut, m_zoomReset, m_language});
  m_window->addActions({m_toggle, m_zoomIn, m_zoomOut, m_zoomReset, m_language, m_leave});
  for (QAction* a : {m_zoomIn, m_zoomOut, m_zoomReset, m_leave}) a->setEnabled(false);
}

void Presentation::setActive(bool on) {
  if (on == m_active) return;
  m_active = on;
  {
    const QSignalBlocker quiet(m_toggle);
    m_toggle->setChecked(on);
  }
  for (QAction* a : {m_zoomIn, m_zoomOut, m_zoomReset, m_leave}) a->setEnabled(on);
  if (on) {
    m_state = m_window->saveState();
    m_wasMaximized = m_window->isMaximized();
    m_baseFont = QApplication::font();
    for (QDockWidget* d : m_window->findChildren<QDockWidget*>()) d->hide();
    for (QToolBar* t : m_window->findChildren<QToolBar*>()) t->hide();
    m_window->menuBar()->hide();
    m_window->statusBar()->hide();
    m_geometry = m_window->saveGeometry();
    // Without a window manager (a kiosk, a bare X server) nothing else makes it cover the screen.
    if (QScreen* screen = m_window->screen()) m_window->setGeometry(screen->geometry());
    m_window->showFullScreen();
    applyScale(m_zoom);
  } else {
    applyScale(1.0);
    QApplication::setFont(m_baseFont);
    m_window->menuBar()->show();
    m_window->statusBar()->show();
    m_window->restoreState(m_state);
    m_window->showNormal();
    m_window->restoreGeometry(m_geometry);
    if (m_wasMaximized) m_window->showMaximized();
  }
  Q_EMIT lookChanged(on);
}

void Presentation::setZoom(double zoom) {
  m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
  Settings::setPresentationZoom(m_zoom);
  if (m_active) applyScale(m_zoom);
}

void Presentation::applyScale(double factor) {
  if (factor == m_applied) return;
  if (m_applied == 1.0 && factor != 1.0) m_baseFont = QApplication::font();
  const double ratio = factor / m_applied;
  QFont font = m_baseFont;
  const double size = m_baseFont.pointSizeF() > 0 ? m_baseFont.pointSizeF() : 10.0;
  font.setPointSizeF(size * factor);
  QApplication::setFont(font);
  for (QCustomPlot* plot : m_window->findChildren<QCustomPlot*>()) widgets::scalePlot(plot, ratio);
  m_caption->setScale(factor == 1.0 ? 1.0 : 1.3);  // on top of the application's type
  m_applied = factor;
}

void Presentation::retranslate() {
  m_toggle->setText(tr("&Presentation mode"));
  m_toggle->setToolTip(tr("Full screen for a projector: panels hidden, large type (F11, Esc)"));
  m_zoomIn->setText(tr("Zoom &in"));
  m_zoomOut->setText(tr("Zoom &out"));
  m_zoomReset->setText(tr("&Reset zoom"));
  m_language->setText(tr("Switch &language"));
}

}  // namespace atlas::app
