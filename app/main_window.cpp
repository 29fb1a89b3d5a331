#include "main_window.h"

#include "compute_controller.h"
#include "language.h"
#include "settings.h"

#include "widgets/parameter_panel.h"
#include "widgets/variant_browser.h"
#include "widgets/view_table.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace atlas::app {

MainWindow::MainWindow(Language* language, QWidget* parent)
    : QMainWindow(parent), m_language(language) {
  setObjectName("MainWindow");
  setAcceptDrops(true);
  m_controller = new ComputeController(this);

  // Left: the variant browser; right: the parameters. Both are docks the user can move.
  m_browser = new widgets::VariantBrowser(this);
  m_variantsDock = new QDockWidget(this);
  m_variantsDock->setObjectName("variantsDock");
  m_variantsDock->setWidget(m_browser);
  addDockWidget(Qt::LeftDockWidgetArea, m_variantsDock);

  m_panel = new widgets::ParameterPanel(this);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(m_panel);
  scroll->setWidgetResizable(true);
  m_paramsDock = new QDockWidget(this);
  m_paramsDock->setObjectName("parametersDock");
  m_paramsDock->setWidget(scroll);
  addDockWidget(Qt::RightDockWidgetArea, m_paramsDock);

  // Centre: an error bar above the views, one tab per entry of the view table.
  auto* centre = new QWidget(this);
  auto* layout = new QVBoxLayout(centre);
  layout->setContentsMargins(0, 0, 0, 0);
  m_errorBar = new QWidget(centre);
  m_errorBar->setObjectName("errorBar");
  m_errorBar->setStyleSheet("#errorBar { background: #fde2e1; border: 1px solid #e0a19c; }");
  m_errorLabel = new QLabel(m_errorBar);
  m_errorLabel->setWordWrap(true);
  m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* close = new QToolButton(m_errorBar);
  close->setText(QStringLiteral("✕"));
  close->setAutoRaise(true);
  connect(close, &QToolButton::clicked, this, &MainWindow::clearError);
  auto* barLayout = new QHBoxLayout(m_errorBar);
  barLayout->addWidget(m_errorLabel, 1);
  barLayout->addWidget(close);
  m_errorBar->hide();
  m_tabs = new QTabWidget(centre);
  int count = 0;
  const widgets::ViewEntry* table = widgets::viewTable(&count);
  for (int i = 0; i < count; ++i) {
    widgets::ResultView* v = table[i].make(m_tabs);
    v->setObjectName(QString::fromLatin1(table[i].id) + "View");
    m_views.emplace_back(QString::fromLatin1(table[i].id), v);
    m_tabs->addTab(v, QString());
  }
  layout->addWidget(m_errorBar);
  layout->addWidget(m_tabs, 1);
  setCentralWidget(centre);

  m_statusLabel = new QLabel(this);
  statusBar()->addPermanentWidget(m_statusLabel);

  createActions();
  createMenus();
  setupGallery();
  setupLowRank();
  setupComplexity();
  setupStreaming();

  connect(m_browser, &widgets::VariantBrowser::variantChosen, this, &MainWindow::chooseVariant);
  connect(m_panel, &widgets::ParameterPanel::changed, this, [this] {
    if (!m_restoring) recompute();
  });
  connect(m_controller, &ComputeController::resultReady, this, &MainWindow::onResult);
  connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
    if (auto* v = qobject_cast<widgets::ResultView*>(m_tabs->currentWidget())) showResultIn(v);
  });
  connect(m_controller, &ComputeController::busyChanged, this,
          [this](bool busy) { m_statusLabel->setText(busy ? tr("Computing…") : QString()); });

  resize(1400, 860);
  restoreSession();
  retranslate();
}

void MainWindow::showResultIn(widgets::ResultView* view) {
  if (!m_shown.result || m_viewHas[view] == m_shownSerial) return;
  m_viewHas[view] = m_shownSerial;
  view->setResult(m_shown);
}

widgets::ResultView* MainWindow::view(const QString& id) const {
  for (const auto& [vid, v] : m_views)
    if (vid == id) return v;
  return nullptr;
}

void MainWindow::createActions() {
  m_openAction = new QAction(this);
  m_openAction->setShortcut(QKeySequence::Open);
  connect(m_openAction, &QAction::triggered, this, &MainWindow::openFilesDialog);
  m_exportAction = new QAction(this);
  m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  connect(m_exportAction, &QAction::triggered, this, &MainWindow::exportDialog);
  m_quitAction = new QAction(this);
  m_quitAction->setShortcut(QKeySequence::Quit);
  connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
  m_recomputeAction = new QAction(this);
  m_recomputeAction->setShortcut(QKeySequence::Refresh);
  connect(m_recomputeAction, &QAction::triggered, this, &MainWindow::recompute);
  m_searchAction = new QAction(this);
  m_searchAction->setShortcut(QKeySequence::Find);
  connect(m_searchAction, &QAction::triggered, this, [this] {
    m_variantsDock->show();
    m_browser->searchField()->setFocus();
    m_browser->searchField()->selectAll();
  });
  m_logAction = new QAction(this);
  m_logAction->setCheckable(true);
  m_logAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  m_logAction->setChecked(Settings::logScale());
  connect(m_logAction, &QAction::toggled, this, [this](bool on) {
    for (auto& [id, v] : m_views) v->setLogScale(on);
    Settings::setLogScale(on);
  });

  auto* languages = new QActionGroup(this);
  m_englishAction = new QAction(QStringLiteral("English"), languages);
  m_chineseAction = new QAction(QStringLiteral("简体中文"), languages);
  for (QAction* a : {m_englishAction, m_chineseAction}) a->setCheckable(true);
  connect(m_englishAction, &QAction::triggered, this, [this] { setLanguage("en"); });
  connect(m_chineseAction, &QAction::triggered, this, [this] { setLanguage("zh_CN"); });

  m_colorGroup = new QActionGroup(this);
  for (int i = 0; i < widgets::kColorMapCount; ++i) {
    auto* a = new QAction(m_colorGroup);
    a->setCheckable(true);
    a->setData(i);
    connect(a, &QAction::triggered, this,
            [this, i] { setColorMap(static_cast<widgets::ColorMap>(i)); });
    m_colorActions.push_back(a);
  }
  // Ctrl+1.. switches tabs.
  for (std::size_t i = 0; i < m_views.size(); ++i) {
    auto* a = new QAction(this);
    a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + int(i))));
    connect(a, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(int(i)); });
    m_viewActions.push_back(a);
  }
  m_aboutAction = new QAction(this);
  connect(m_aboutAction, &QAction::triggered, this, [this] {
    QMessageBox::about(this, tr("About Attention Atlas"),
                       tr("<h3>Attention Atlas %1</h3><p>Makes attention mechanisms visible: "
                          "every variant computed on the same inputs, shown as heatmaps, with "
                          "its formula and cost.</p>")
                           .arg(QApplication::applicationVersion()));
  });
}

void MainWindow::createMenus() {
  m_fileMenu = menuBar()->addMenu(QString());
  m_fileMenu->addAction(m_openAction);
  m_fileMenu->addAction(m_exportAction);
  m_fileMenu->addSeparator();
  m_fileMenu->addAction(m_quitAction);
  m_viewMenu = menuBar()->addMenu(QString());
  m_languageMenu = m_viewMenu->addMenu(QString());
  m_languageMenu->addAction(m_englishAction);
  m_languageMenu->addAction(m_chineseAction);
  m_colorMenu = m_viewMenu->addMenu(QString());
  for (QAction* a : m_colorActions) m_colorMenu->addAction(a);
  m_viewMenu->addAction(m_logAction);
  m_viewMenu->addSeparator();
  for (QAction* a : m_viewActions) m_viewMenu->addAction(a);
  m_viewMenu->addSeparator();
  m_viewMenu->addAction(m_variantsDock->toggleViewAction());
  m_viewMenu->addAction(m_paramsDock->toggleViewAction());
  m_computeMenu = menuBar()->addMenu(QString());
  m_computeMenu->addAction(m_recomputeAction);
  m_computeMenu->addAction(m_searchAction);
  m_helpMenu = menuBar()->addMenu(QString());
  m_helpMenu->addAction(m_aboutAction);

  m_toolBar = addToolBar(QString());
  m_toolBar->setObjectName("mainToolBar");
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  m_toolBar->addAction(m_openAction);
  m_toolBar->addAction(m_exportAction);
  m_toolBar->addAction(m_recomputeAction);
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_englishAction);
  m_toolBar->addAction(m_chineseAction);
}

void MainWindow::retranslate() {
  setWindowTitle(tr("Attention Atlas"));
  m_variantsDock->setWindowTitle(tr("Variants"));
  m_paramsDock->setWindowTitle(tr("Parameters"));
  m_fileMenu->setTitle(tr("&File"));
  m_viewMenu->setTitle(tr("&View"));
  m_computeMenu->setTitle(tr("&Compute"));
  m_helpMenu->setTitle(tr("&Help"));
  m_languageMenu->setTitle(tr("&Language"));
  m_colorMenu->setTitle(tr("&Colour map"));
  m_toolBar->setWindowTitle(tr("Toolbar"));
  m_openAction->setText(tr("&Open Q, K, V…"));
  m_openAction->setToolTip(tr("Load queries, keys and values from .npy or .csv files"));
  m_exportAction->setText(tr("&Export figure…"));
  m_exportAction->setToolTip(tr("Save the current view as PNG, SVG or PDF"));
  m_quitAction->setText(tr("&Quit"));
  m_recomputeAction->setText(tr("&Recompute"));
  m_searchAction->setText(tr("&Find variant"));
  m_logAction->setText(tr("&Logarithmic colour scale"));
  m_aboutAction->setText(tr("&About Attention Atlas"));
  for (QAction* a : m_colorActions)
    a->setText(widgets::colorMapName(static_cast<widgets::ColorMap>(a->data().toInt())));
  int count = 0;
  const widgets::ViewEntry* table = widgets::viewTable(&count);
  for (int i = 0; i < count; ++i) {
    m_tabs->setTabText(i, widgets::viewTitle(table[i]));
    m_viewActions[static_cast<std::size_t>(i)]->setText(
        tr("Show %1").arg(widgets::viewTitle(table[i])));
  }
  retranslateStreaming();
  if (m_errorText) m_errorLabel->setText(m_errorText());
  // The status message, if still shown (it may have timed out), in the new language.
  if (m_statusText && !statusBar()->currentMessage().isEmpty())
    statusBar()->showMessage(m_statusText(), m_statusTimeout);
  m_englishAction->setChecked(m_language->current() == "en");
  m_chineseAction->setChecked(m_language->current() == "zh_CN");
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

void MainWindow::setLanguage(const QString& code) {
  if (!m_language->setLanguage(code)) {
    showError([code] { return tr("The translation for %1 could not be loaded.").arg(code); });
    return;
  }
  // The views, messages and errors follow LanguageChange: nothing is recomputed.
  Settings::setLanguage(code);
}

void MainWindow::setColorMap(widgets::ColorMap map) {
  for (auto& [id, v] : m_views) v->setColorMap(map);
  for (QAction* a : m_colorActions) a->setChecked(a->data().toInt() == static_cast<int>(map));
  Settings::setColorMap(widgets::colorMapId(map));
}

void MainWindow::restoreSession() {
  m_restoring = true;
  restoreGeometry(Settings::windowGeometry());
  restoreState(Settings::windowState());
  m_panel->setInputValues(Settings::inputs());
  setColorMap(widgets::colorMapFromId(Settings::colorMap()));
  for (auto& [id, v] : m_views) v->setLogScale(m_logAction->isChecked());
  m_restoring = false;
  if (!m_browser->selectVariant(Settings::lastVariant())) m_browser->selectVariant("scaled_dot");
}

void MainWindow::saveSession() {
  Settings::setWindow(saveGeometry(), saveState());
  Settings::setInputs(m_panel->inputValues());
  if (!m_variant.isEmpty()) {
    Settings::setLastVariant(m_variant);
    Settings::setVariantParams(m_variant, m_panel->variantValues());
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  saveSession();
  QMainWindow::closeEvent(event);
}

}  // namespace atlas::app
